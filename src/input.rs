//! Inputs: files, directories (walked recursively in sorted order) and stdin.

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
}

impl Input {
    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Input::Path(p) | Input::DirEntry(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
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
        }
    }

    /// Reads the input, at most [`MAX_INPUT_BYTES`]. A first block that holds
    /// no sign of any supported format and contains NUL bytes (`/dev/zero`, a
    /// sparse file, random data) ends the reading early: the loader then
    /// reports the format as unknown instead of certinfo filling memory.
    pub fn read(&self) -> io::Result<Vec<u8>> {
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
                read_limited_sized(file, MAX_INPUT_BYTES, size)
            }
            Input::Stdin => read_limited(io::stdin().lock(), MAX_INPUT_BYTES),
        }
    }
}

/// The largest input certinfo reads (1 GiB): a stated limit, so that a
/// hostile or mistaken input (a huge file, an endless stream) cannot exhaust
/// memory.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Size of the block read before deciding whether the input can be a
/// certificate format at all.
const PROBE_BYTES: u64 = 64 * 1024;

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
    if buf.len() as u64 == PROBE_BYTES {
        buf.reserve_exact((hint(limit) + 1).saturating_sub(buf.len()));
    }
    (&mut reader)
        .take(limit.saturating_sub(buf.len() as u64) + 1)
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than certinfo's input limit of {} MiB", limit >> 20),
        ));
    }
    Ok(buf)
}

/// Lists the files under `dir`, recursively, sorted by path. Symbolic links to
/// files are followed; links to directories are not (no loops).
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, io::Error)>) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push((dir.to_path_buf(), e));
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
                if !is_link {
                    walk(&child, out, errors);
                }
            }
            Ok(_) => out.push(child),
            Err(e) => errors.push((child, e)),
        }
    }
}
