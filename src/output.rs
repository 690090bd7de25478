//! `--output FILE`: the document goes to a temporary file in FILE's
//! directory, which is synced and renamed over FILE once the command has
//! written all of it. A reader (a cron job's consumer, node_exporter's
//! textfile collector) sees the old file or the whole new one, never a part;
//! a run that stops before the end leaves FILE as it was. Only a run killed
//! outright can leave its `.certinfo-*.tmp` behind.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file being written, and where it goes.
pub struct Atomic {
    file: BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Atomic {
    /// A temporary file beside `target` (which need not exist yet).
    pub fn create(target: &Path) -> io::Result<Atomic> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let file = tempfile::Builder::new()
            .prefix(".certinfo-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Atomic {
            file: BufWriter::with_capacity(64 << 10, file),
            target: target.to_path_buf(),
        })
    }

    /// Where the document is written.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.file
    }

    /// Moves the complete document into place, with the old file's
    /// permissions (a new file gets 0644, as a shell redirection would).
    pub fn commit(self) -> io::Result<()> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        let mode = match std::fs::metadata(&self.target) {
            Ok(m) => m.permissions(),
            Err(_) => new_file_permissions(file.as_file().metadata()?.permissions()),
        };
        file.as_file().set_permissions(mode)?;
        file.as_file().sync_all()?;
        file.persist(&self.target).map_err(|e| e.error)?;
        // The rename itself, on disk too (best effort: not every system
        // syncs a directory).
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }
}

#[cfg(unix)]
fn new_file_permissions(mut p: std::fs::Permissions) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    p.set_mode(0o644);
    p
}

#[cfg(not(unix))]
fn new_file_permissions(p: std::fs::Permissions) -> std::fs::Permissions {
    p
}
