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

    /// Reads the whole input.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Path(p) | Input::DirEntry(p) => fs::read(p),
            Input::Stdin => {
                let mut v = Vec::new();
                io::stdin().lock().read_to_end(&mut v)?;
                Ok(v)
            }
        }
    }
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
