//! Inputs: files, directories (walked recursively in sorted order), stdin and
//! servers.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file given on the command line.
    Path(PathBuf),
    /// A file found by walking a directory given on the command line.
    DirEntry(PathBuf),
    /// Standard input.
    Stdin,
    /// A server: its chain as sent (`crate::remote`).
    Remote(crate::remote::Target),
    /// An INPUT that names a server certinfo cannot reach (a STARTTLS or
    /// unknown scheme, a bad port): reported as that input's error.
    Unreachable {
        /// The INPUT as given.
        name: String,
        /// Why it cannot be reached.
        why: String,
    },
}

impl Input {
    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Input::Path(p) | Input::DirEntry(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Remote(t) => t.name(),
            Input::Unreachable { name, .. } => name.clone(),
        }
    }

    /// The alias stem for loose certificates: the file name without its last
    /// extension, or `stdin`.
    pub fn stem(&self) -> String {
        match self {
            Input::Path(p) | Input::DirEntry(p) => {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string());
                match name.rfind('.') {
                    Some(i) if i > 0 => name[..i].to_string(),
                    _ => name,
                }
            }
            Input::Stdin => "stdin".to_string(),
            Input::Remote(t) => t.name(),
            Input::Unreachable { name, .. } => name.clone(),
        }
    }

    /// Reads the input, at most `limit` bytes. A first block that holds
    /// no sign of any supported format and contains NUL bytes (`/dev/zero`, a
    /// sparse file, random data) ends the reading early: the loader then
    /// reports the format as unknown instead of certinfo filling memory.
    pub fn read(&self, limit: u64) -> io::Result<Vec<u8>> {
        match self {
            Input::Path(p) | Input::DirEntry(p) => {
                let file = fs::File::open(p)?;
                // The size, when the file has one, lets the buffer be sized
                // once: read_to_end alone grows it from 32 bytes in a dozen
                // reads and copies.
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                read_limited_sized(file, limit, size)
            }
            Input::Stdin => read_limited(io::stdin().lock(), limit),
            // The pipeline fetches a server with its own stages and remarks.
            Input::Remote(t) => crate::remote::fetch(t)
                .map(|f| f.der)
                .map_err(|e| io::Error::other(e.to_string())),
            Input::Unreachable { why, .. } => Err(io::Error::other(why.clone())),
        }
    }
}

/// The largest input certinfo reads by default, in MiB (`--max-input-mib`):
/// a stated limit, so that a hostile or mistaken input (a huge file, an
/// endless stream) cannot exhaust memory.
pub const DEFAULT_MAX_INPUT_MIB: u64 = 1024;

/// The error for an input over `limit` bytes, naming the option that raises it.
pub fn too_large(limit: u64) -> io::Error {
    let what = format!(
        "larger than the input limit of {} MiB; raise it with --max-input-mib N",
        limit >> 20
    );
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// Size of the block read before deciding whether the input can be a
/// certificate format at all.
const PROBE_BYTES: u64 = 64 * 1024;

/// The paths of a `--files-from` list: one per line (a trailing `\r`
/// dropped), or NUL-separated with `nul`; empty ones passed over. The bytes
/// are the path's own on Unix (any name `find -print0` prints).
pub fn paths_in(list: &[u8], nul: bool) -> impl Iterator<Item = PathBuf> + '_ {
    let sep = if nul { b'\0' } else { b'\n' };
    list.split(move |&b| b == sep)
        .map(move |p| {
            if nul {
                p
            } else {
                p.strip_suffix(b"\r").unwrap_or(p)
            }
        })
        .filter(|p| !p.is_empty())
        .map(path_of_bytes)
}

#[cfg(unix)]
fn path_of_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_of_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// Reads `reader` up to `limit` bytes (see [`Input::read`]).
pub fn read_limited(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    read_limited_sized(reader, limit, None)
}

/// [`read_limited`] with the input's expected size, if known.
fn read_limited_sized(mut reader: impl Read, limit: u64, size: Option<u64>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    // usize conversions: the sizes are capped at 64 KiB and 1 GiB.
    let hint = |cap: u64| size.map_or(0, |s| s.min(cap) as usize);
    buf.reserve_exact(hint(PROBE_BYTES) + 1);
    (&mut reader).take(PROBE_BYTES).read_to_end(&mut buf)?;
    if buf.len() as u64 == PROBE_BYTES
        && crate::load::sniff::sniff(&buf).is_none()
        && buf.contains(&0)
    {
        return Ok(buf);
    }
    // Only a full probe can have more behind it: read_to_end stops short of
    // its limit only at the end of the input (so a small file is not read
    // again, one system call fewer).
    if buf.len() as u64 == PROBE_BYTES {
        buf.reserve_exact((hint(limit) + 1).saturating_sub(buf.len()));
        (&mut reader)
            .take(limit.saturating_sub(buf.len() as u64) + 1)
            .read_to_end(&mut buf)?;
    }
    if buf.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(buf)
}

/// What a directory walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files (and symlinks to them), in sorted order.
    pub files: Vec<PathBuf>,
    /// Entries that are not regular files (FIFOs, sockets, devices), with
    /// what they are: passed over, never opened.
    pub passed_over: Vec<(PathBuf, &'static str)>,
    /// Entries that could not be examined.
    pub errors: Vec<(PathBuf, io::Error)>,
}

/// What a non-regular, non-directory file is, in words.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Lists the files under `dir`, recursively, sorted by path. Symbolic links
/// to files are followed; links to directories only with `follow`
/// (`-L/--follow`), each directory walked once (no loops). A file reached
/// twice by its resolved path is listed once: by its real path when that is
/// in the walk, else by the first name with a certificate extension, else
/// the first name (`/etc/ssl/certs` holds each root under a name and a hash
/// link).
pub fn walk(dir: &Path, follow: bool, out: &mut Walk) {
    let mut found = Vec::new();
    let mut dirs = std::collections::HashSet::new();
    if let Ok(c) = fs::canonicalize(dir) {
        dirs.insert(c);
    }
    walk_into(dir, follow, &mut dirs, &mut found, out);
    let mut best: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let rank = |(p, link): &(PathBuf, bool)| {
        let cert_ext = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["pem", "crt", "cer", "der"].contains(&e.to_ascii_lowercase().as_str())
        });
        match (link, cert_ext) {
            (false, _) => 0,
            (true, true) => 1,
            (true, false) => 2,
        }
    };
    for (i, (p, _)) in found.iter().enumerate() {
        let key = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        match best.get(&key) {
            Some(&j) if rank(&found[j]) <= rank(&found[i]) => {}
            _ => {
                best.insert(key, i);
            }
        }
    }
    let mut keep: Vec<usize> = best.into_values().collect();
    keep.sort_unstable();
    out.files
        .extend(keep.into_iter().map(|i| found[i].0.clone()));
}

/// [`walk`]'s recursion: files with whether they are links, in sorted order.
fn walk_into(
    dir: &Path,
    follow: bool,
    dirs: &mut std::collections::HashSet<PathBuf>,
    found: &mut Vec<(PathBuf, bool)>,
    out: &mut Walk,
) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.errors.push((dir.to_path_buf(), e));
            return;
        }
    };
    let mut children: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let is_link = fs::symlink_metadata(&child)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        match fs::metadata(&child) {
            Ok(m) if m.is_dir() => {
                let walk =
                    (follow || !is_link) && fs::canonicalize(&child).is_ok_and(|c| dirs.insert(c));
                if walk {
                    walk_into(&child, follow, dirs, found, out);
                }
            }
            Ok(m) if m.is_file() => found.push((child, is_link)),
            // Reading a FIFO, socket or device would wait or never end.
            Ok(m) => out.passed_over.push((child, special_kind(&m))),
            Err(e) => out.errors.push((child, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most 1,000 bytes per call, and counts calls.
    struct Trickle<'a> {
        data: &'a [u8],
        calls: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            let n = out.len().min(self.data.len()).min(1000);
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn read(data: &[u8], limit: u64) -> io::Result<Vec<u8>> {
        read_limited(Trickle { data, calls: 0 }, limit)
    }

    /// Every length around the probe's size reads whole, however the reader
    /// splits it; past the limit is an error.
    #[test]
    fn reads_whole_inputs_up_to_the_limit() {
        let probe = PROBE_BYTES as usize;
        let data: Vec<u8> = (0..3 * probe).map(|i| b'A' + (i % 26) as u8).collect();
        for len in [0, 1, 1614, probe - 1, probe, probe + 1, 3 * probe] {
            assert_eq!(read(&data[..len], 1 << 20).unwrap(), &data[..len], "{len}");
        }
        assert!(read(&data, 100).is_err());
        assert!(read(&data[..probe + 1], probe as u64).is_err());
        assert_eq!(read(&data[..probe], probe as u64).unwrap().len(), probe);
    }

    /// A short input ends at the first read that returns nothing.
    #[test]
    fn a_short_input_is_not_read_again_after_its_end() {
        let mut r = Trickle {
            data: &[b'x'; 2500],
            calls: 0,
        };
        let buf = read_limited_sized(&mut r, 1 << 20, Some(2500)).unwrap();
        assert_eq!(buf.len(), 2500);
        assert_eq!(r.calls, 4, "three reads of data, one of the end");
    }

    /// A first block with NUL bytes and no format stops the reading.
    #[test]
    fn binary_junk_stops_after_the_probe() {
        let junk = vec![0u8; 3 * PROBE_BYTES as usize];
        assert_eq!(read(&junk, 1 << 30).unwrap().len(), PROBE_BYTES as usize);
    }
}
