//! Finds the zone the system is set to and reads tz database files, as the
//! JDK 17 on Linux does; the only part of `java` that touches the file
//! system, called while a [`super::JavaZone`] is resolved, never while a
//! date is formatted.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::zone::custom_id;

/// Where Java looks for zone files (it ignores `TZDIR`).
const JAVA_ZONEINFO_DIR: &str = "/usr/share/zoneinfo";

/// The directory of the system tz database (`TZDIR`, as jiff and the C
/// library use it).
fn tzdir() -> PathBuf {
    std::env::var_os("TZDIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from(JAVA_ZONEINFO_DIR), PathBuf::from)
}

/// Loads a zone of the system tz database by its exact name: the file under
/// `TZDIR` (no directory scan, unlike `jiff::tz::db()`), else whatever
/// database jiff finds.
pub(super) fn load_tzdb_zone(name: &str) -> Option<TimeZone> {
    if name.is_empty() || name.starts_with('/') || name.split('/').any(|c| c == "..") {
        return None;
    }
    fs::read(tzdir().join(name))
        .ok()
        .and_then(|data| TimeZone::tzif(name, &data).ok())
        .or_else(|| jiff::tz::db().get(name).ok())
}

/// What the JDK's `getSystemGMTOffsetID()` returns for an ID it does not
/// know: the C library's current offset for `TZ` (`strftime("%z")`), as
/// `GMT+hh:mm`, or `GMT` for zero.
pub(super) fn libc_offset_id(tz_env: Option<&str>) -> Option<String> {
    let offset = libc_zone(tz_env).map_or(0, |tz| tz.to_offset(Timestamp::now()).seconds());
    if offset == 0 {
        return Some("GMT".to_owned());
    }
    // %z truncates seconds toward zero.
    Some(custom_id(offset))
}

/// The zone glibc's `tzset()` makes of `TZ`: a zone file (by path, or
/// relative to `TZDIR`), else a POSIX TZ string, else UTC (`None`).
fn libc_zone(tz_env: Option<&str>) -> Option<TimeZone> {
    let Some(tz) = tz_env else {
        let data = fs::read("/etc/localtime").ok()?;
        return TimeZone::tzif("localtime", &data).ok();
    };
    let name = tz.strip_prefix(':').unwrap_or(tz);
    if name.is_empty() {
        return None;
    }
    let path = if name.starts_with('/') {
        PathBuf::from(name)
    } else {
        tzdir().join(name)
    };
    if let Some(zone) = fs::read(path)
        .ok()
        .and_then(|data| TimeZone::tzif(name, &data).ok())
    {
        return Some(zone);
    }
    TimeZone::posix(name).ok()
}

/// The JDK's `getPlatformTimeZoneID()` on Linux: the first line of
/// `/etc/timezone`, else the name after `zoneinfo/` in the `/etc/localtime`
/// link, else the zone file under `/usr/share/zoneinfo` identical to it.
pub(super) fn platform_zone_id() -> Option<String> {
    if let Ok(data) = fs::read("/etc/timezone") {
        // fgets() into a 256-byte buffer, then the newline cut off.
        let line = data.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let line = &line[..line.len().min(255)];
        if !line.is_empty() {
            return Some(String::from_utf8_lossy(line).into_owned());
        }
    }
    let localtime = Path::new("/etc/localtime");
    let meta = fs::symlink_metadata(localtime).ok()?;
    if meta.file_type().is_symlink() {
        let target = fs::read_link(localtime).ok()?;
        if let Some(name) = zone_name(&target.to_string_lossy()) {
            return Some(name.to_owned());
        }
    }
    let data = fs::read(localtime).ok()?;
    find_zoneinfo_file(&data, Path::new(JAVA_ZONEINFO_DIR), 0)
}

/// The part of a path after `zoneinfo/`.
fn zone_name(path: &str) -> Option<&str> {
    path.find("zoneinfo/")
        .map(|i| &path[i + "zoneinfo/".len()..])
}

/// The JDK's `findZoneinfoFile`: `UTC` and `GMT` first, then the directory
/// in `readdir` order, skipping dot files, `ROC`, `posixrules`, `localtime`.
fn find_zoneinfo_file(data: &[u8], dir: &Path, depth: u32) -> Option<String> {
    if depth > 8 {
        return None;
    }
    let same = |path: &Path| -> Option<String> {
        let meta = fs::metadata(path).ok()?;
        if meta.is_dir() {
            return find_zoneinfo_file(data, path, depth + 1);
        }
        if meta.is_file() && meta.len() == data.len() as u64 && fs::read(path).ok()? == data {
            return zone_name(&path.to_string_lossy()).map(str::to_owned);
        }
        None
    };
    if depth == 0 {
        if let Some(found) = ["UTC", "GMT"].iter().find_map(|n| same(&dir.join(n))) {
            return Some(found);
        }
    }
    fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && !matches!(&*name, "ROC" | "posixrules" | "localtime")
        })
        .find_map(|e| same(&e.path()))
}
