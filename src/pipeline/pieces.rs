//! A large container handed out in pieces: a file of 4 MiB or more that is
//! not cut into PEM chunks (JKS, PKCS#7, PKCS#12, a PEM bundle with keys), or
//! standard input, is loaded once by the planner and its entries go out as
//! jobs of a few hundred, so that records are modelled, rendered and freed
//! piece by piece. Memory is bounded by the input's entries, not by their
//! records (17 KB each when a 100,000-entry keystore was modelled at once).

use super::plan::{Head, Job};
use crate::input::Input;
use crate::load::{ContainerFormat, LoadedEntry};

/// Most entries in one piece.
const PIECE_ENTRIES: usize = 256;
/// A piece is closed once its certificates reach this many bytes.
const PIECE_BYTES: usize = 256 << 10;

/// A loaded container's entries, not yet handed out.
pub struct Pieces {
    pub top: usize,
    pub input: Input,
    pub format: ContainerFormat,
    pub entries: std::vec::IntoIter<LoadedEntry>,
    /// The loader's messages, for the first piece.
    pub head: Option<Head>,
}

impl Pieces {
    /// An input that gave no entries: its messages only.
    pub fn failed(top: usize, input: Input, head: Head) -> Self {
        Pieces {
            top,
            input,
            format: ContainerFormat::Pem,
            entries: Vec::new().into_iter(),
            head: Some(head),
        }
    }

    /// The next piece, or `None` when every entry was handed out.
    pub fn next(&mut self) -> Option<Job> {
        let mut entries = Vec::new();
        let mut bytes = 0;
        while entries.len() < PIECE_ENTRIES && bytes < PIECE_BYTES {
            let Some(e) = self.entries.next() else { break };
            bytes += e.chain.iter().map(Vec::len).sum::<usize>();
            entries.push(e);
        }
        let head = self.head.take();
        if entries.is_empty() && head.is_none() {
            return None;
        }
        Some(Job::Entries {
            top: self.top,
            input: self.input.clone(),
            format: self.format,
            entries,
            head,
            last: self.entries.len() == 0,
        })
    }
}
