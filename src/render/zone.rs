//! Java-exact dates: `java.util.Date.toString()` and keytool's `{0,date}`, in
//! the time zone that `TimeZone.getDefault()` would pick.
//!
//! Offsets come from the system tz database (TZif files read with `jiff`);
//! everything Java does its own way comes from `data/java-zone-names.tsv`,
//! generated from a JDK by `tools/zones/generate.sh` and parsed on first use:
//!
//! - the zone name (`zzz`) is Java's `getDisplayName(inDaylightTime, SHORT,
//!   Locale.US)`: today's short name of the zone whatever the instant (BRT,
//!   LHST, IST), or `GMT+07:00` (raw offset, plus the DST saving for the DST
//!   name) for zones without one;
//! - the DST flag is the tz database's, except in zones whose IANA data has
//!   negative DST (Dublin, Morocco, Namibia, Prague in 1946-47): Java compiles
//!   those in "rearguard" form, so there the flag is "offset != Java's
//!   standard offset", from Java's standard-offset history in the table;
//! - a link takes its data from Java's link target first (Debian's tzdata,
//!   built with backzone, keeps different pre-1970 data under many links);
//!   Java-only IDs (`PST`, `IST`, the fixed `EST`/`MST`/`HST`, `SystemV/*`)
//!   map to a tz database zone, a fixed offset, or offsets in the table;
//! - `java.util.TimeZone`'s transition table ends in 2037; after it Java
//!   follows a simplified last rule or keeps the last offset, which differs
//!   from the tz rules in Asia/Gaza, Asia/Hebron (Ramadan breaks dropped),
//!   Africa/Casablanca, Africa/El_Aaiun (+01 for good) and Africa/Windhoek
//!   (+01 from 2037): the table carries Java's behaviour there;
//! - before 1900-01-01T00:00Z Java ignores the zone's history and uses its
//!   raw offset, never DST;
//! - the calendar is Julian before 1582-10-15 (local time); years print
//!   unpadded (`1`, `999`, `10000`), before year 1 as era years (`2` for 2 BC).
//!
//! [`JavaZone::resolve`] follows the JDK 17 Linux code: `TZ` (a leading `:`
//! and `posix/` dropped), else the first line of `/etc/timezone`, else the
//! `/etc/localtime` link after `zoneinfo/`, else the zone file identical to
//! it; an ID Java does not know (case matters) becomes the C library's
//! current offset for `TZ` as a fixed `GMT+hh:mm` zone (`GMT` for zero, as for
//! `TZ=UTC0` or an unknown name).
//!
//! Checked against OpenJDK 17.0.15 (tzdb 2025a) with the system's tzdata
//! 2025b, for all 631 `TimeZone.getAvailableIDs()`: 13,882 chosen instants
//! (1955, 1970, 2000, 2019, 2030, 2049 winter and summer, 0001, 1500, 1582,
//! 1899/1900, 9999, ...), 189,300 random instants of 1950-2049, every
//! transition from 1900 to 2049 (±1 s, 162,423 instants) and 52,373 random
//! instants over 0001-9999 and the whole `i64` range: all identical, `Date`
//! and MEDIUM date, but for
//! - Asia/Tehran and Iran at 1978-12-31T20:29:59Z, where tzdb 2025b changed
//!   the data (offsets are the system's, so any tzdb version difference
//!   between the JDK and the system shows);
//! - `i64::MAX` ms, where Java's own arithmetic overflows.
//!
//! Other known differences: `TZ` values that glibc's lenient POSIX parser
//! accepts but jiff's does not (`GMT+5:3`) give `GMT`; without a system tz
//! database a zone uses its raw offset, without DST.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The generated table (see the module doc).
const TABLE: &str = include_str!("../../data/java-zone-names.tsv");

/// 1900-01-01T00:00:00Z, where Java's zone data starts.
const UTC1900: i64 = -2_208_988_800;
/// `GregorianCalendar.DEFAULT_GREGORIAN_CUTOVER`: 1582-10-15T00:00:00Z in ms.
const GREGORIAN_CUTOVER_MS: i128 = -12_219_292_800_000;
/// 400 Gregorian years in seconds; dates, weekdays and POSIX rules repeat.
const CYCLE_400Y: i64 = 146_097 * 86_400;
/// Where Java looks for zone files (it ignores `TZDIR`).
const JAVA_ZONEINFO_DIR: &str = "/usr/share/zoneinfo";

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One line of the table.
struct Row {
    id: &'static str,
    std: &'static str,
    dst: &'static str,
    raw: i32,
    zones: &'static str,
    extra: &'static str,
}

/// Parses one table line.
fn parse_row(l: &'static str) -> Option<Row> {
    let mut f = l.split('\t');
    Some(Row {
        id: f.next()?,
        std: f.next()?,
        dst: f.next()?,
        raw: f.next()?.parse().ok()?,
        zones: f.next()?,
        extra: f.next().unwrap_or(""),
    })
}

/// The row of one zone ID, found without parsing the other 630 lines: a
/// one-certificate `show` should not pay for the whole table. The table is
/// sorted by ID (byte order; a test checks it), so this is a binary search
/// over its text. Not `memmem`: its first use asks the CPU for its features,
/// about nine `cpuid` instructions, each a trap to the hypervisor on a VM,
/// which cost more than the whole search.
fn find_row(id: &str) -> Option<Row> {
    if id.is_empty() || id.contains(['\t', '\n']) {
        return None;
    }
    let header: usize = TABLE
        .split_inclusive('\n')
        .take_while(|l| l.starts_with('#'))
        .map(str::len)
        .sum();
    let text = &TABLE[header..];
    // Lines that start in lo..hi are left; lo and hi are line starts. Some
    // lines run to kilobytes (zones with many historic offsets), so the line
    // ends are found with `str`'s word-at-a-time searches.
    let (mut lo, mut hi) = (0, text.len());
    while lo < hi {
        let mut mid = lo + (hi - lo) / 2;
        while !text.is_char_boundary(mid) {
            mid -= 1;
        }
        let start = text[lo..mid].rfind('\n').map_or(lo, |i| lo + i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        match line.split('\t').next().unwrap_or("").cmp(id) {
            std::cmp::Ordering::Equal => return parse_row(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
fn rows() -> &'static [Row] {
    static ROWS: std::sync::OnceLock<Vec<Row>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(parse_row)
            .collect()
    })
}

/// A value that changes at instants: `(since epoch second, value)`, sorted,
/// the first entry `i64::MIN`.
type History = Vec<(i64, i32)>;

/// Parses `v0;t1=v1;t2=v2...`.
fn parse_history(s: &str) -> Option<History> {
    let mut parts = s.split(';');
    let mut out = vec![(i64::MIN, parts.next()?.parse().ok()?)];
    for p in parts {
        let (t, v) = p.split_once('=')?;
        out.push((t.parse().ok()?, v.parse().ok()?));
    }
    Some(out)
}

fn history_at(h: &[(i64, i32)], secs: i64) -> i32 {
    let i = h.partition_point(|&(t, _)| t <= secs);
    h.get(i.saturating_sub(1)).map_or(0, |&(_, v)| v)
}

/// Where a zone's offsets come from.
#[derive(Clone)]
enum Rules {
    /// Always the raw offset, never DST.
    Fixed,
    /// A tz database zone; DST from `std` (Java's standard offsets) when it is
    /// not empty, else from the tz database's flag.
    Tz { tz: TimeZone, std: History },
    /// Offsets from the table; DST from `std`.
    Inline { offsets: History, std: History },
}

/// What `java.util.TimeZone` does after its transition table (which ends in
/// 2037), where that differs from the zone's rules.
#[derive(Clone)]
struct Tail {
    /// From this instant (ms) on.
    from_ms: i64,
    kind: TailKind,
}

#[derive(Clone)]
enum TailKind {
    /// Keeps an offset (s) and DST flag.
    Fixed(i32, bool),
    /// Follows its last rule.
    Rule(TimeZone),
}

/// The table's extra items: `S` standard offsets, `R` inline offsets, `E`
/// tail.
#[derive(Default)]
struct Extra {
    std: Option<History>,
    inline: Option<(History, History)>,
    tail: Option<Tail>,
}

fn parse_extra(extra: &str) -> Extra {
    let mut out = Extra::default();
    for item in extra.split(' ') {
        if let Some(s) = item.strip_prefix('S') {
            out.std = parse_history(s);
        } else if let Some(r) = item.strip_prefix('R') {
            out.inline = r
                .split_once('|')
                .and_then(|(o, s)| Some((parse_history(o)?, parse_history(s)?)));
        } else if let Some(e) = item.strip_prefix('E') {
            out.tail = parse_tail(e);
        }
    }
    out
}

/// Parses `ms=offset,dst` or `ms=POSIX`.
fn parse_tail(e: &str) -> Option<Tail> {
    let (from, rest) = e.split_once('=')?;
    let from_ms = from.parse().ok()?;
    let kind = match rest.split_once(',') {
        Some((off, dst)) if !rest.contains('M') => TailKind::Fixed(off.parse().ok()?, dst == "1"),
        _ => TailKind::Rule(TimeZone::posix(rest).ok()?),
    };
    Some(Tail { from_ms, kind })
}

/// A time zone as Java's `TimeZone.getDefault()` sees it, able to format
/// instants exactly as `java.util.Date.toString()` and keytool do.
#[derive(Clone)]
pub struct JavaZone {
    id: String,
    std_name: String,
    dst_name: String,
    /// Java's raw offset in seconds (used before 1900 and for fixed zones).
    raw: i32,
    rules: Rules,
    tail: Option<Tail>,
}

impl std::fmt::Debug for JavaZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JavaZone").field("id", &self.id).finish()
    }
}

impl JavaZone {
    /// What Java's `TimeZone.getDefault()` would be for this `TZ` environment
    /// value (`None` when unset: then the system zone from `/etc/timezone` or
    /// `/etc/localtime`, as Java finds it). A value that Java does not know as
    /// a zone ID gives the C library's current offset for it as a fixed
    /// `GMT+hh:mm` zone, and `GMT` when nothing works, as in Java.
    pub fn resolve(tz_env: Option<&str>) -> JavaZone {
        let id = match tz_env.filter(|s| !s.is_empty()) {
            Some(s) => Some(s.to_owned()),
            None => platform_zone_id(),
        };
        let Some(id) = id else {
            return Self::gmt();
        };
        let id = id.strip_prefix(':').unwrap_or(&id);
        let id = id.strip_prefix("posix/").unwrap_or(id);
        if let Some(zone) = Self::by_id(id) {
            return zone;
        }
        // Java: getTimeZone(getSystemGMTOffsetID(), true).
        libc_offset_id(tz_env)
            .and_then(|custom| Self::by_id(&custom))
            .unwrap_or_else(Self::gmt)
    }

    /// The zone Java's `TimeZone.getTimeZone(id)` gives for this ID (exact
    /// case, as in Java), including custom IDs such as `GMT+5` (which becomes
    /// `GMT+05:00`); `None` where Java would fall back to GMT.
    pub fn by_id(id: &str) -> Option<JavaZone> {
        if let Some(row) = find_row(id) {
            return Some(Self::from_row(&row));
        }
        let (offset, custom_id) = parse_custom_id(id)?;
        Some(JavaZone {
            std_name: custom_id.clone(),
            dst_name: custom_id.clone(),
            id: custom_id,
            raw: offset,
            rules: Rules::Fixed,
            tail: None,
        })
    }

    fn gmt() -> JavaZone {
        Self::by_id("GMT").unwrap_or_else(|| JavaZone {
            id: "GMT".into(),
            std_name: "GMT".into(),
            dst_name: "GMT".into(),
            raw: 0,
            rules: Rules::Fixed,
            tail: None,
        })
    }

    fn from_row(row: &Row) -> JavaZone {
        let extra = parse_extra(row.extra);
        let rules = match (row.zones, extra.inline) {
            ("-", _) => Rules::Fixed,
            ("*", Some((offsets, std))) => Rules::Inline { offsets, std },
            ("*", None) => Rules::Fixed,
            (zones, _) => zones
                .split(',')
                .map(|name| if name == "=" { row.id } else { name })
                .find_map(load_tzdb_zone)
                .map_or(Rules::Fixed, |tz| Rules::Tz {
                    tz,
                    std: extra.std.unwrap_or_default(),
                }),
        };
        JavaZone {
            id: row.id.to_owned(),
            std_name: row.std.to_owned(),
            dst_name: row.dst.to_owned(),
            raw: row.raw,
            rules,
            tail: extra.tail,
        }
    }

    /// The Java zone ID (e.g. `America/Los_Angeles`, `UTC`, `GMT`,
    /// `GMT+05:30`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// `java.util.Date.toString()`: `EEE MMM dd HH:mm:ss zzz yyyy`, e.g.
    /// `Tue Jan 01 00:00:01 PST 2019`.
    pub fn date_to_string(&self, epoch_ms: i64) -> String {
        let mut s = String::with_capacity(28);
        self.push_date(&mut s, epoch_ms);
        s
    }

    /// [`JavaZone::date_to_string`], appended to `out` (digits written by
    /// hand: `format!` was a visible cost per certificate on large bundles).
    pub fn push_date(&self, out: &mut String, epoch_ms: i64) {
        fn two(out: &mut String, v: u32) {
            out.push(char::from(b'0' + (v / 10 % 10) as u8));
            out.push(char::from(b'0' + (v % 10) as u8));
        }
        let (offset, dst) = self.offset_info(epoch_ms);
        let f = Fields::new(epoch_ms, offset);
        let name = if dst { &self.dst_name } else { &self.std_name };
        out.push_str(WEEKDAYS[f.weekday]);
        out.push(' ');
        out.push_str(MONTHS[f.month]);
        out.push(' ');
        two(out, f.day);
        out.push(' ');
        two(out, f.hour);
        out.push(':');
        two(out, f.minute);
        out.push(':');
        two(out, f.second);
        out.push(' ');
        out.push_str(name);
        out.push(' ');
        super::java::push_decimal(out, f.year.unsigned_abs());
    }

    /// keytool's `{0,date}`, i.e. `DateFormat` MEDIUM in `Locale.US`:
    /// `Jan 1, 2019` (day not padded).
    pub fn medium_date(&self, epoch_ms: i64) -> String {
        let (offset, _) = self.offset_info(epoch_ms);
        let f = Fields::new(epoch_ms, offset);
        format!("{} {}, {}", MONTHS[f.month], f.day, f.year)
    }

    /// The UTC offset in seconds at that instant, as Java applies it.
    pub fn offset_seconds(&self, epoch_ms: i64) -> i32 {
        self.offset_info(epoch_ms).0
    }

    /// The offset in seconds and Java's "in daylight time" flag.
    fn offset_info(&self, epoch_ms: i64) -> (i32, bool) {
        let secs = epoch_ms.div_euclid(1000);
        if secs < UTC1900 {
            return (self.raw, false);
        }
        if let Some(tail) = self.tail.as_ref().filter(|t| epoch_ms >= t.from_ms) {
            return match &tail.kind {
                TailKind::Fixed(offset, dst) => (*offset, *dst),
                TailKind::Rule(tz) => {
                    let info = tz.to_offset_info(jiff_timestamp(secs));
                    (info.offset().seconds(), info.dst().is_dst())
                }
            };
        }
        match &self.rules {
            Rules::Fixed => (self.raw, false),
            Rules::Tz { tz, std } => {
                let info = tz.to_offset_info(jiff_timestamp(secs));
                let offset = info.offset().seconds();
                let dst = if std.is_empty() {
                    info.dst().is_dst()
                } else {
                    offset != history_at(std, secs)
                };
                (offset, dst)
            }
            Rules::Inline { offsets, std } => {
                let offset = history_at(offsets, secs);
                (offset, offset != history_at(std, secs))
            }
        }
    }
}

/// A `jiff` timestamp for any second from 1900 on; past jiff's range (year
/// 9999) the same instant of an earlier 400-year cycle.
fn jiff_timestamp(secs: i64) -> Timestamp {
    let limit = Timestamp::MAX.as_second() - 86_400;
    let secs = if secs > limit {
        secs - ((secs - limit) / CYCLE_400Y + 1) * CYCLE_400Y
    } else {
        secs
    };
    Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

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
fn load_tzdb_zone(name: &str) -> Option<TimeZone> {
    if name.is_empty() || name.starts_with('/') || name.split('/').any(|c| c == "..") {
        return None;
    }
    fs::read(tzdir().join(name))
        .ok()
        .and_then(|data| TimeZone::tzif(name, &data).ok())
        .or_else(|| jiff::tz::db().get(name).ok())
}

/// Java's `TimeZone.parseCustomTimeZone`: `GMT[+-]h`, `hh`, `hmm`, `hhmm`,
/// `h:mm` or `hh:mm`; returns the offset in seconds and the normalized ID.
fn parse_custom_id(id: &str) -> Option<(i32, String)> {
    let rest = id.strip_prefix("GMT")?;
    if id.len() < 5 {
        return None;
    }
    let bytes = rest.as_bytes();
    let negative = match bytes.first()? {
        b'-' => true,
        b'+' => false,
        _ => return None,
    };
    let (mut hours, mut num, mut len, mut delims) = (0u32, 0u32, 0u32, 0u32);
    for &c in &bytes[1..] {
        if c == b':' {
            if delims > 0 || len > 2 {
                return None;
            }
            hours = num;
            delims += 1;
            num = 0;
            len = 0;
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        num = num.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
        len += 1;
    }
    if delims == 0 {
        if len <= 2 {
            hours = num;
            num = 0;
        } else {
            hours = num / 100;
            num %= 100;
        }
    } else if len != 2 {
        return None;
    }
    if hours > 23 || num > 59 {
        return None;
    }
    let minutes = i32::try_from(hours * 60 + num).ok()?;
    if minutes == 0 {
        let sign = if negative { '-' } else { '+' };
        return Some((0, format!("GMT{sign}00:00")));
    }
    let offset = if negative { -minutes } else { minutes } * 60;
    Some((offset, custom_id(offset)))
}

/// Java's `ZoneInfoFile.toCustomID`: `GMT+hh:mm` (seconds dropped).
fn custom_id(offset_secs: i32) -> String {
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let minutes = (offset_secs / 60).unsigned_abs();
    format!("GMT{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// What the JDK's `getSystemGMTOffsetID()` returns for an ID it does not
/// know: the C library's current offset for `TZ` (`strftime("%z")`), as
/// `GMT+hh:mm`, or `GMT` for zero.
fn libc_offset_id(tz_env: Option<&str>) -> Option<String> {
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
fn platform_zone_id() -> Option<String> {
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

/// The local date and time fields that Java prints.
struct Fields {
    /// Era year as Java prints it (`2` for 2 BC).
    year: i64,
    /// 0-based.
    month: usize,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 = Sunday.
    weekday: usize,
}

impl Fields {
    /// Java's `Date.normalize()`: Gregorian from the cutover on (in local
    /// time), Julian before.
    fn new(epoch_ms: i64, offset_secs: i32) -> Fields {
        let local = i128::from(epoch_ms) + i128::from(offset_secs) * 1000;
        let days = i64::try_from(local.div_euclid(86_400_000)).unwrap_or(0);
        let ms_of_day = u32::try_from(local.rem_euclid(86_400_000)).unwrap_or(0);
        let (year, month, day) = if epoch_ms >= 0 || local >= GREGORIAN_CUTOVER_MS {
            gregorian_from_days(days)
        } else {
            julian_from_days(days)
        };
        let secs = ms_of_day / 1000;
        Fields {
            year: if year <= 0 { 1 - year } else { year },
            month: usize::try_from(month.saturating_sub(1))
                .unwrap_or(0)
                .min(11),
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            weekday: usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0),
        }
    }
}

/// Proleptic Gregorian (year, month 1-12, day) of a day count from
/// 1970-01-01 (H. Hinnant's `civil_from_days`).
fn gregorian_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Proleptic Julian (astronomical year, month 1-12, day) of a day count from
/// 1970-01-01 (from the Julian day number, after Richards).
fn julian_from_days(days: i64) -> (i64, u32, u32) {
    let c = days + 2_440_588 + 32_082;
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = d - 4800 + m / 10;
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (zone, epoch ms, Java's `new Date(ms).toString()`, Java's MEDIUM date),
    /// printed by OpenJDK 17.0.15 (tzdb 2025a) with `TimeZone.setDefault`.
    const JAVA: &[(&str, i64, &str, &str)] = &[
        (
            "UTC",
            1546300801000,
            "Tue Jan 01 00:00:01 UTC 2019",
            "Jan 1, 2019",
        ),
        (
            "UTC",
            -631152000000,
            "Sun Jan 01 00:00:00 UTC 1950",
            "Jan 1, 1950",
        ),
        (
            "UTC",
            253402300799000,
            "Fri Dec 31 23:59:59 UTC 9999",
            "Dec 31, 9999",
        ),
        (
            "GMT",
            1593735436000,
            "Fri Jul 03 00:17:16 GMT 2020",
            "Jul 3, 2020",
        ),
        // 0001-01-01T00:00Z (proleptic Gregorian) is Jan 3 in the Julian calendar.
        (
            "GMT",
            -62135596800000,
            "Mon Jan 03 00:00:00 GMT 1",
            "Jan 3, 1",
        ),
        (
            "Etc/UTC",
            1593735436000,
            "Fri Jul 03 00:17:16 UTC 2020",
            "Jul 3, 2020",
        ),
        (
            "Etc/UTC",
            -1000,
            "Wed Dec 31 23:59:59 UTC 1969",
            "Dec 31, 1969",
        ),
        (
            "America/Los_Angeles",
            1546329601000,
            "Tue Jan 01 00:00:01 PST 2019",
            "Jan 1, 2019",
        ),
        (
            "America/Los_Angeles",
            1593735436000,
            "Thu Jul 02 17:17:16 PDT 2020",
            "Jul 2, 2020",
        ),
        (
            "America/Los_Angeles",
            -1,
            "Wed Dec 31 15:59:59 PST 1969",
            "Dec 31, 1969",
        ),
        (
            "America/Los_Angeles",
            -618105600000,
            "Wed May 31 17:00:00 PDT 1950",
            "May 31, 1950",
        ),
        (
            "America/Los_Angeles",
            2540246400000,
            "Thu Jun 30 17:00:00 PDT 2050",
            "Jun 30, 2050",
        ),
        (
            "America/Los_Angeles",
            253402300799000,
            "Fri Dec 31 15:59:59 PST 9999",
            "Dec 31, 9999",
        ),
        (
            "America/Los_Angeles",
            -62135596800000,
            "Sun Jan 02 16:00:00 PST 1",
            "Jan 2, 1",
        ),
        // 1500-03-01T12:00Z: Julian calendar.
        (
            "America/Los_Angeles",
            -14826628800000,
            "Thu Feb 20 04:00:00 PST 1500",
            "Feb 20, 1500",
        ),
        // The Gregorian cutover, in local time.
        (
            "America/Los_Angeles",
            -12219264001000,
            "Thu Oct 04 23:59:59 PST 1582",
            "Oct 4, 1582",
        ),
        (
            "America/Los_Angeles",
            -12219264000000,
            "Fri Oct 15 00:00:00 PST 1582",
            "Oct 15, 1582",
        ),
        // Before 1900 Java uses the raw offset, not LMT.
        (
            "America/Los_Angeles",
            -2208988801000,
            "Sun Dec 31 15:59:59 PST 1899",
            "Dec 31, 1899",
        ),
        (
            "America/Los_Angeles",
            -2717640000000,
            "Sun Nov 18 12:00:00 PST 1883",
            "Nov 18, 1883",
        ),
        (
            "Europe/Berlin",
            1547553600000,
            "Tue Jan 15 13:00:00 CET 2019",
            "Jan 15, 2019",
        ),
        (
            "Europe/Berlin",
            1563192000000,
            "Mon Jul 15 14:00:00 CEST 2019",
            "Jul 15, 2019",
        ),
        (
            "Europe/Berlin",
            -712800000000,
            "Sun Jun 01 03:00:00 CEST 1947",
            "Jun 1, 1947",
        ),
        (
            "Asia/Kolkata",
            1547553600000,
            "Tue Jan 15 17:30:00 IST 2019",
            "Jan 15, 2019",
        ),
        (
            "Asia/Kolkata",
            -870566400000,
            "Mon Jun 01 05:30:00 IST 1942",
            "Jun 1, 1942",
        ),
        // Years below 1000 are not padded.
        (
            "Asia/Kolkata",
            -30627504000000,
            "Sat Jun 10 05:30:00 IST 999",
            "Jun 10, 999",
        ),
        (
            "America/Sao_Paulo",
            1547553600000,
            "Tue Jan 15 10:00:00 BRST 2019",
            "Jan 15, 2019",
        ),
        (
            "America/Sao_Paulo",
            1563192000000,
            "Mon Jul 15 09:00:00 BRT 2019",
            "Jul 15, 2019",
        ),
        (
            "Australia/Lord_Howe",
            1547553600000,
            "Tue Jan 15 23:00:00 LHDT 2019",
            "Jan 15, 2019",
        ),
        (
            "Australia/Lord_Howe",
            1563192000000,
            "Mon Jul 15 22:30:00 LHST 2019",
            "Jul 15, 2019",
        ),
        (
            "Europe/Dublin",
            1547553600000,
            "Tue Jan 15 12:00:00 GMT 2019",
            "Jan 15, 2019",
        ),
        (
            "Europe/Dublin",
            1563192000000,
            "Mon Jul 15 13:00:00 IST 2019",
            "Jul 15, 2019",
        ),
        (
            "Europe/Dublin",
            0,
            "Thu Jan 01 01:00:00 IST 1970",
            "Jan 1, 1970",
        ),
        (
            "Europe/Dublin",
            -314409600000,
            "Fri Jan 15 00:00:00 GMT 1960",
            "Jan 15, 1960",
        ),
        (
            "Europe/Dublin",
            -2208988800000,
            "Sun Dec 31 23:34:39 GMT 1899",
            "Dec 31, 1899",
        ),
        (
            "Eire",
            1563192000000,
            "Mon Jul 15 13:00:00 IST 2019",
            "Jul 15, 2019",
        ),
        (
            "Asia/Barnaul",
            1547553600000,
            "Tue Jan 15 19:00:00 GMT+07:00 2019",
            "Jan 15, 2019",
        ),
        (
            "Asia/Barnaul",
            1121428800000,
            "Fri Jul 15 19:00:00 GMT+07:00 2005",
            "Jul 15, 2005",
        ),
        (
            "Etc/GMT+5",
            1547553600000,
            "Tue Jan 15 07:00:00 GMT-05:00 2019",
            "Jan 15, 2019",
        ),
        (
            "PST",
            1547553600000,
            "Tue Jan 15 04:00:00 PST 2019",
            "Jan 15, 2019",
        ),
        (
            "PST",
            1563192000000,
            "Mon Jul 15 05:00:00 PDT 2019",
            "Jul 15, 2019",
        ),
        (
            "IST",
            1563192000000,
            "Mon Jul 15 17:30:00 IST 2019",
            "Jul 15, 2019",
        ),
        (
            "EST",
            1563192000000,
            "Mon Jul 15 07:00:00 EST 2019",
            "Jul 15, 2019",
        ),
        (
            "EST",
            -2840140800000,
            "Wed Dec 31 19:00:00 EST 1879",
            "Dec 31, 1879",
        ),
        (
            "SystemV/PST8PDT",
            1553083200000,
            "Wed Mar 20 04:00:00 PST 2019",
            "Mar 20, 2019",
        ),
        (
            "SystemV/PST8PDT",
            1556625600000,
            "Tue Apr 30 05:00:00 PDT 2019",
            "Apr 30, 2019",
        ),
        (
            "Africa/Casablanca",
            1563192000000,
            "Mon Jul 15 13:00:00 WEST 2019",
            "Jul 15, 2019",
        ),
        (
            "Africa/Casablanca",
            2494324800000,
            "Fri Jan 15 13:00:00 WEST 2049",
            "Jan 15, 2049",
        ),
        (
            "Africa/Windhoek",
            1894708800000,
            "Tue Jan 15 14:00:00 WAT 2030",
            "Jan 15, 2030",
        ),
        (
            "Africa/Windhoek",
            2494324800000,
            "Fri Jan 15 13:00:00 CAT 2049",
            "Jan 15, 2049",
        ),
        (
            "Asia/Gaza",
            2231323200000,
            "Sat Sep 15 15:00:00 EEST 2040",
            "Sep 15, 2040",
        ),
        (
            "Europe/Prague",
            -724593600000,
            "Wed Jan 15 12:00:00 CET 1947",
            "Jan 15, 1947",
        ),
        (
            "Europe/London",
            1252800000,
            "Thu Jan 15 13:00:00 GMT 1970",
            "Jan 15, 1970",
        ),
        (
            "America/Chihuahua",
            1579089600000,
            "Wed Jan 15 05:00:00 CST 2020",
            "Jan 15, 2020",
        ),
        (
            "Asia/Tokyo",
            1547553600000,
            "Tue Jan 15 21:00:00 JST 2019",
            "Jan 15, 2019",
        ),
    ];

    #[test]
    fn matches_java() {
        let mut failures = Vec::new();
        for &(id, ms, want, want_medium) in JAVA {
            let zone = JavaZone::by_id(id).expect(id);
            assert_eq!(zone.id(), id);
            let (got, got_medium) = (zone.date_to_string(ms), zone.medium_date(ms));
            if got != want || got_medium != want_medium {
                failures.push(format!(
                    "{id} {ms}: [{got}] [{got_medium}], Java [{want}] [{want_medium}]"
                ));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn custom_ids_as_java() {
        // (ID, Java's getID(), Java's Date(2019-01-01T00:00Z).toString())
        let cases = [
            ("GMT+5", "GMT+05:00", "Tue Jan 01 05:00:00 GMT+05:00 2019"),
            ("GMT-0", "GMT-00:00", "Tue Jan 01 00:00:00 GMT-00:00 2019"),
            (
                "GMT+0530",
                "GMT+05:30",
                "Tue Jan 01 05:30:00 GMT+05:30 2019",
            ),
            (
                "GMT+5:30",
                "GMT+05:30",
                "Tue Jan 01 05:30:00 GMT+05:30 2019",
            ),
            ("GMT+123", "GMT+01:23", "Tue Jan 01 01:23:00 GMT+01:23 2019"),
            (
                "GMT-23:59",
                "GMT-23:59",
                "Mon Dec 31 00:01:00 GMT-23:59 2018",
            ),
        ];
        for (id, java_id, want) in cases {
            let zone = JavaZone::by_id(id).expect(id);
            assert_eq!(zone.id(), java_id);
            assert_eq!(zone.date_to_string(1546300800000), want);
        }
        // Java falls back to GMT for these.
        for id in [
            "GMT+24",
            "GMT+12345",
            "GMT+5:3",
            "GMT+",
            "GMT5",
            "gmt+5",
            "",
            "Bogus/Zone",
        ] {
            assert!(JavaZone::by_id(id).is_none(), "{id}");
        }
        // IDs are case-sensitive, as in Java.
        assert!(JavaZone::by_id("america/los_angeles").is_none());
    }

    #[test]
    fn resolves_tz_like_java() {
        // (TZ, Java's TimeZone.getDefault().getID()); values whose result does
        // not depend on the date or the machine.
        let cases = [
            ("America/Los_Angeles", "America/Los_Angeles"),
            (":America/Los_Angeles", "America/Los_Angeles"),
            ("posix/Europe/Paris", "Europe/Paris"),
            (":posix/Asia/Tokyo", "Asia/Tokyo"),
            ("UTC", "UTC"),
            ("Etc/UTC", "Etc/UTC"),
            ("GMT0", "GMT0"),
            ("PST", "PST"),
            ("GMT+5", "GMT+05:00"),
            ("UTC0", "GMT"),
            ("Bogus/Zone", "GMT"),
            ("america/los_angeles", "GMT"),
            (" UTC", "GMT"),
            ("GMT+12345", "GMT"),
            ("JST-9", "GMT+09:00"),
            ("<+0530>-5:30", "GMT+05:30"),
            ("XYZ+10:30:15", "GMT-10:30"),
            ("AAA-25", "GMT"),
        ];
        for (tz, want) in cases {
            assert_eq!(JavaZone::resolve(Some(tz)).id(), want, "TZ={tz}");
        }
        let gmt = JavaZone::resolve(Some("UTC0"));
        assert_eq!(
            gmt.date_to_string(1546300801000),
            "Tue Jan 01 00:00:01 GMT 2019"
        );
        // Unset or empty: the system zone, whatever it is here.
        assert!(!JavaZone::resolve(None).id().is_empty());
        assert!(!JavaZone::resolve(Some("")).id().is_empty());
    }

    #[test]
    fn offsets() {
        let la = JavaZone::by_id("America/Los_Angeles").expect("LA");
        assert_eq!(la.offset_seconds(1546329601000), -8 * 3600);
        assert_eq!(la.offset_seconds(1593735436000), -7 * 3600);
        let kolkata = JavaZone::by_id("Asia/Kolkata").expect("Kolkata");
        assert_eq!(kolkata.offset_seconds(0), 19800);
    }

    #[test]
    fn calendars() {
        assert_eq!(gregorian_from_days(0), (1970, 1, 1));
        assert_eq!(gregorian_from_days(-141_427), (1582, 10, 15));
        assert_eq!(julian_from_days(-141_428), (1582, 10, 4));
        assert_eq!(gregorian_from_days(2_932_896), (9999, 12, 31));
        // 2 BC as Java prints it: the era year.
        let gmt = JavaZone::by_id("GMT").expect("GMT");
        assert_eq!(
            gmt.date_to_string(-62_170_156_800_000),
            "Sun Nov 30 00:00:00 GMT 2"
        );
    }

    #[test]
    fn never_panics() {
        let extremes = [
            i64::MIN,
            i64::MIN + 1,
            -9_000_000_000_000_000_000,
            -62_135_596_800_001,
            -1,
            0,
            253_402_300_800_000,
            9_000_000_000_000_000_000,
            i64::MAX - 1,
            i64::MAX,
        ];
        for row in rows() {
            let zone = JavaZone::by_id(row.id).expect(row.id);
            for ms in extremes {
                assert!(!zone.date_to_string(ms).is_empty());
                assert!(!zone.medium_date(ms).is_empty());
                let _ = zone.offset_seconds(ms);
            }
        }
        assert!(rows().len() > 600);
        for row in rows() {
            let found = find_row(row.id).expect("every row is found by its id");
            assert_eq!(
                (found.std, found.dst, found.raw),
                (row.std, row.dst, row.raw)
            );
        }
    }

    /// `find_row` is a binary search: the table must stay sorted, and IDs
    /// that are not in it (prefixes of IDs, IDs plus a suffix, the ends of
    /// the order) are not found.
    #[test]
    fn table_is_sorted_and_unknown_ids_are_not_found() {
        let ids: Vec<&str> = rows().iter().map(|r| r.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "table not sorted");
        for id in [
            "",
            "A",
            "AAA",
            "zzzz",
            "America/Argentina",
            "America/Argentina/Buenos_Aires/",
            "Europe/Paris ",
            "ACT\tx",
            "~",
        ] {
            assert!(find_row(id).is_none(), "{id:?} found");
        }
        assert!(find_row(ids[0]).is_some() && find_row(ids[ids.len() - 1]).is_some());
    }
}
