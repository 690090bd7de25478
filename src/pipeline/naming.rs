//! The one place that names loose certificates (PEM, DER, PKCS#7: no alias
//! of their own): `<stem>` when their input holds one, `<stem>-<n>` when it
//! holds several, numbered across the chunks of a large file.
//!
//! Decided here, in input order, on the main thread; applied by the worker
//! that renders the records (so their strings are freed where they were
//! made). Container aliases (JKS, PKCS#12) are never changed.

use super::job::{Done, Part};
use crate::model::EntryRecord;

/// How the loose records of a batch are named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Naming {
    /// No loose record to name.
    AsLoaded,
    /// The stem itself (its input's only loose record).
    Stem(String),
    /// `<stem>-<n>`, from `n` for the first loose record on.
    Numbered(String, usize),
}

impl Naming {
    /// The alias of the `k`-th loose record (from 0) of the batch.
    pub fn alias(&self, k: usize) -> Option<String> {
        match self {
            Naming::AsLoaded => None,
            Naming::Stem(stem) => Some(stem.clone()),
            Naming::Numbered(stem, first) => Some(format!("{stem}-{}", first + k)),
        }
    }

    /// Names the loose records of `records` (in place: no new string per
    /// record, which matters on a 100k bundle).
    pub fn apply(&self, records: &mut [EntryRecord]) {
        let loose = records.iter_mut().filter(|r| r.loose);
        match self {
            Naming::AsLoaded => {}
            Naming::Stem(stem) => loose.for_each(|r| r.alias.clone_from(stem)),
            Naming::Numbered(stem, first) => {
                for (k, r) in loose.enumerate() {
                    r.alias.clear();
                    r.alias.push_str(stem);
                    r.alias.push('-');
                    r.alias.push_str(itoa::Buffer::new().format(first + k));
                }
            }
        }
    }

    /// The naming of the records that follow `before` in the same batch.
    pub fn after(&self, before: &[EntryRecord]) -> Naming {
        match self {
            Naming::Numbered(stem, first) => Naming::Numbered(
                stem.clone(),
                first + before.iter().filter(|r| r.loose).count(),
            ),
            other => other.clone(),
        }
    }
}

/// Records in output order with their naming, ready to render.
pub type Batch = (Vec<EntryRecord>, Naming);

/// Decides the names, job by job, in input order.
#[derive(Default)]
pub struct Namer {
    /// The chunked input being named, and its loose records so far.
    chunked: Option<(usize, usize)>,
    /// A lone loose record of a chunked input, held until a second record or
    /// the input's end shows whether it is `<stem>` or `<stem>-1`:
    /// (input, records, stem).
    held: Option<(usize, Vec<EntryRecord>, String)>,
}

fn loose(records: &[EntryRecord]) -> usize {
    records.iter().filter(|r| r.loose).count()
}

impl Namer {
    /// Takes the records of the next job in input order; returns the batches
    /// now ready (a held record first, when this job decides its name).
    pub fn take(&mut self, done: &mut Done) -> Vec<Batch> {
        let records = std::mem::take(&mut done.records);
        let mut batches = Vec::with_capacity(2);
        if self.held.as_ref().is_some_and(|(top, ..)| *top != done.top) {
            // Its input stopped (a read error) before its last chunk.
            batches.extend(self.release(false));
        }
        let last = match done.part {
            Part::Whole => {
                let naming = match loose(&records) {
                    0 => Naming::AsLoaded,
                    1 => Naming::Stem(done.stem.clone()),
                    _ => Naming::Numbered(done.stem.clone(), 1),
                };
                batches.push((records, naming));
                return batches;
            }
            Part::Chunk { last } => last,
        };
        let (top, before) = match self.chunked {
            Some((top, n)) if top == done.top => (top, n),
            _ => (done.top, 0),
        };
        let now = before + loose(&records);
        self.chunked = Some((top, now));
        if self.held.is_some() {
            if records.is_empty() && !last {
                return batches;
            }
            // Alone to the end: `<stem>`; followed by another: `<stem>-1`.
            batches.extend(self.release(records.is_empty()));
        }
        if now == 1 && before == 0 && records.len() == 1 && !last {
            self.held = Some((top, records, done.stem.clone()));
        } else if now == 1 && before == 0 && last {
            batches.push((records, Naming::Stem(done.stem.clone())));
        } else {
            batches.push((records, Naming::Numbered(done.stem.clone(), before + 1)));
        }
        batches
    }

    /// The held record, if any, named as its input's only one (`alone`) or
    /// as the first of several.
    fn release(&mut self, alone: bool) -> Option<Batch> {
        let (_, records, stem) = self.held.take()?;
        Some(if alone {
            (records, Naming::Stem(stem))
        } else {
            (records, Naming::Numbered(stem, 1))
        })
    }

    /// At the end of the run: a record still held (its input stopped with a
    /// read error after it) is named as the first of several.
    pub fn finish(&mut self) -> Option<Batch> {
        self.release(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Exit;
    use crate::load::EntryKind;

    fn record(loose: bool) -> EntryRecord {
        EntryRecord {
            source: "in".into(),
            alias: if loose { String::new() } else { "kept".into() },
            loose,
            kind: EntryKind::TrustedCert,
            created_ms: 0,
            chain: Vec::new(),
            server_host: None,
            stapled_ocsp: None,
            key: None,
        }
    }

    fn done(top: usize, part: Part, records: usize) -> Done {
        Done {
            top,
            stem: format!("f{top}"),
            part,
            records: (0..records).map(|_| record(true)).collect(),
            said: crate::pipeline::Said::default(),
            exit: Exit::Success,
            spare: None,
            entries: records,
            deferred: Vec::new(),
            format: None,
            failed: false,
            others: Vec::new(),
        }
    }

    /// The aliases the namer gives to a sequence of jobs, in output order.
    fn names(jobs: Vec<Done>) -> Vec<String> {
        let mut namer = Namer::default();
        let mut out = Vec::new();
        let mut emit = |batches: Vec<Batch>| {
            for (mut records, naming) in batches {
                naming.apply(&mut records);
                out.extend(records.into_iter().map(|r| r.alias));
            }
        };
        for mut d in jobs {
            emit(namer.take(&mut d));
        }
        emit(namer.finish().into_iter().collect());
        out
    }

    const MID: Part = Part::Chunk { last: false };
    const LAST: Part = Part::Chunk { last: true };

    #[test]
    fn whole_files_one_or_several() {
        assert_eq!(names(vec![done(0, Part::Whole, 1)]), ["f0"]);
        assert_eq!(names(vec![done(0, Part::Whole, 2)]), ["f0-1", "f0-2"]);
        assert!(names(vec![done(0, Part::Whole, 0)]).is_empty());
    }

    #[test]
    fn container_aliases_are_kept() {
        let mut d = done(0, Part::Whole, 0);
        d.records = vec![record(false), record(false)];
        assert_eq!(names(vec![d]), ["kept", "kept"]);
    }

    #[test]
    fn chunks_are_numbered_as_one_file() {
        let got = names(vec![done(0, MID, 2), done(0, MID, 0), done(0, LAST, 3)]);
        assert_eq!(got, ["f0-1", "f0-2", "f0-3", "f0-4", "f0-5"]);
    }

    #[test]
    fn a_lone_record_waits_for_the_end_of_its_file() {
        // Alone to the end, through empty chunks: the stem itself.
        assert_eq!(
            names(vec![done(0, MID, 1), done(0, MID, 0), done(0, LAST, 0)]),
            ["f0"]
        );
        // Followed by another: numbered.
        assert_eq!(
            names(vec![done(0, MID, 1), done(0, LAST, 1)]),
            ["f0-1", "f0-2"]
        );
        // Its input stopped before a last chunk (a read error): numbered.
        assert_eq!(
            names(vec![done(0, MID, 1), done(1, Part::Whole, 1)]),
            ["f0-1", "f1"]
        );
        assert_eq!(names(vec![done(0, MID, 1)]), ["f0-1"]);
    }

    #[test]
    fn a_new_chunked_input_starts_its_own_count() {
        let got = names(vec![done(0, LAST, 2), done(1, MID, 2), done(1, LAST, 1)]);
        assert_eq!(got, ["f0-1", "f0-2", "f1-1", "f1-2", "f1-3"]);
    }

    #[test]
    fn pieces_continue_the_numbering() {
        let naming = Naming::Numbered("s".into(), 4);
        let before = vec![record(true), record(false), record(true)];
        assert_eq!(naming.after(&before), Naming::Numbered("s".into(), 6));
        assert_eq!(naming.alias(1).as_deref(), Some("s-5"));
    }
}
