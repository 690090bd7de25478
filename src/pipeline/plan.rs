//! Planning: the command-line inputs → a lazy stream of jobs (a whole file, a
//! directory's files one by one, or the chunks of a large PEM bundle, read as
//! the run goes).
//!
//! Reads only to cut chunks and to decide how a file is read; loads nothing.

use super::job;
use super::pieces::Pieces;
use super::{cores, report, Context, Said};
use crate::exit::Exit;
use crate::input::{self, Input};
use crate::load;
use std::fs::File;
use std::io::{self, Read};

/// Files at least this large, if PEM without keys, are read in chunks.
const CHUNK_THRESHOLD: u64 = 4 << 20;
/// Files at least this large (and standard input) are loaded by the planner
/// and handed out in pieces (`pieces.rs`): above it a file can hold enough
/// certificates for their records to matter (a 1 MB PKCS#12 whose K keys
/// share one L-certificate chain holds K×L), below it workers load whole
/// files side by side.
const PIECES_THRESHOLD: u64 = 64 << 10;
/// Target size of one chunk of a large PEM file.
const CHUNK_BYTES: usize = 1 << 20;

/// One unit of work.
pub enum Job {
    /// A whole file (or stdin): `top` is the command-line input it came from.
    Whole {
        top: usize,
        input: Input,
        in_dir: bool,
    },
    /// A piece of the entries of a large container loaded by the planner
    /// (`pieces.rs`).
    Entries {
        top: usize,
        input: Input,
        format: load::ContainerFormat,
        entries: Vec<load::LoadedEntry>,
        /// The loader's own messages, with the first piece.
        head: Option<Head>,
        last: bool,
    },
    /// A chunk of whole PEM blocks of a large file.
    Chunk {
        top: usize,
        input: Input,
        bytes: Vec<u8>,
        first_block: usize,
        last: bool,
    },
}

impl Job {
    /// The command-line input it came from.
    pub fn top(&self) -> usize {
        match self {
            Job::Whole { top, .. } | Job::Chunk { top, .. } | Job::Entries { top, .. } => *top,
        }
    }

    /// Bytes it holds, to size units of work by.
    pub fn weight(&self) -> usize {
        match self {
            // A server is a unit of its own: its cost is waiting for it.
            Job::Whole {
                input: Input::Remote(_),
                ..
            } => super::UNIT_BYTES,
            Job::Whole { .. } => 0,
            Job::Chunk { bytes, .. } => bytes.len(),
            Job::Entries { entries, .. } => {
                entries.iter().flat_map(|e| &e.chain).map(Vec::len).sum()
            }
        }
    }

    /// The input it reads.
    pub fn input(&self) -> &Input {
        match self {
            Job::Whole { input, .. } | Job::Chunk { input, .. } | Job::Entries { input, .. } => {
                input
            }
        }
    }
}

/// What the planner's load of a container said, and the exit it calls for.
pub struct Head {
    pub said: Said,
    pub exit: crate::exit::Exit,
    /// The input could not be loaded at all.
    pub failed: bool,
    /// Its certificate requests and CRLs (`LoadOptions::others`).
    pub others: Vec<(std::sync::Arc<str>, load::Other)>,
}

/// A large PEM file being read chunk by chunk.
struct ChunkReader {
    top: usize,
    input: Input,
    /// The file, or standard input after the block already read.
    file: Box<dyn Read>,
    carry: Vec<u8>,
    next_block: usize,
    eof: bool,
    /// Bytes read so far, held to the input limit as every input is.
    total: u64,
    /// The input limit, in bytes.
    limit: u64,
}

/// Chunk buffers handed back by the workers, to be read into again, so
/// that buffers are not freed on another thread than the one that made them.
pub type BufferPool = Vec<Vec<u8>>;

impl ChunkReader {
    /// The next chunk: whole lines up to the last `-----END` line read.
    fn next(&mut self, pool: &mut BufferPool) -> io::Result<Option<Job>> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = pool.pop().unwrap_or_default();
        buf.clear();
        buf.reserve(CHUNK_BYTES + 64 * 1024);
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut end = EndSearch::default();
        let mut cut = end.after_read(&buf, 0);
        while !self.eof {
            let old_len = buf.len();
            // read_to_end into spare capacity: a File reads into
            // uninitialised memory, so nothing is zero-filled first.
            let n = (&mut self.file)
                .take(CHUNK_BYTES as u64)
                .read_to_end(&mut buf)?;
            self.total += n as u64;
            if self.total > self.limit {
                return Err(input::too_large(self.limit));
            }
            if n == 0 {
                self.eof = true;
                break;
            }
            // Only the new bytes are searched: a file without END lines
            // costs one pass, not one per read.
            cut = end.after_read(&buf, old_len);
            if cut.is_some() && buf.len() >= CHUNK_BYTES {
                break;
            }
        }
        let cut = if self.eof {
            buf.len()
        } else {
            cut.unwrap_or(buf.len())
        };
        self.carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        let first_block = self.next_block;
        self.next_block += count_begin_lines(&buf);
        let last = self.eof && self.carry.is_empty();
        Ok(Some(Job::Chunk {
            top: self.top,
            input: self.input.clone(),
            bytes: buf,
            first_block,
            last,
        }))
    }
}

/// Finds, read by read, the end of the last complete `-----END ` line.
#[derive(Default)]
struct EndSearch {
    /// The offset just after the last complete END line so far.
    cut: Option<usize>,
    /// An END line whose line end has not been read yet.
    open: bool,
}

impl EndSearch {
    /// Takes the bytes `buf[old_len..]` just read into account; returns the
    /// offset just after the last complete END line in `buf`.
    fn after_read(&mut self, buf: &[u8], old_len: usize) -> Option<usize> {
        const MARKER: &[u8] = b"\n-----END ";
        if self.open {
            // Its line ends at the first line end read since.
            if let Some(j) = memchr::memchr(b'\n', buf.get(old_len..).unwrap_or_default()) {
                self.cut = Some(old_len + j + 1);
                self.open = false;
            }
        }
        // A marker may straddle the old and the new bytes. Only the last one
        // can lack its line end: the next marker's leading newline ends any
        // other.
        let from = old_len.saturating_sub(MARKER.len() - 1);
        let window = buf.get(from..).unwrap_or_default();
        if let Some(i) = memchr::memmem::rfind(window, MARKER) {
            let at = from + i + 1;
            match memchr::memchr(b'\n', buf.get(at..).unwrap_or_default()) {
                Some(j) => {
                    self.cut = Some(at + j + 1);
                    self.open = false;
                }
                None => {
                    // The marker before it, if any, ends at its first line
                    // end, at the latest this marker's leading newline.
                    if let Some(k) = memchr::memmem::rfind(&window[..i], MARKER) {
                        let prev = from + k + 1;
                        let line = memchr::memchr(b'\n', &buf[prev..]);
                        self.cut = line.map(|j| prev + j + 1).or(self.cut);
                    }
                    self.open = true;
                }
            }
        }
        self.cut
    }
}

/// BEGIN lines in `buf`, counted as `load::pem` numbers blocks: at the
/// start of a line, or after a UTF-8 byte-order mark there.
fn count_begin_lines(buf: &[u8]) -> usize {
    memchr::memmem::find_iter(buf, b"-----BEGIN ")
        .filter(|&i| {
            let before = &buf[..i];
            let before = before.strip_suffix(load::pem::BOM).unwrap_or(before);
            before.is_empty() || before.ends_with(b"\n")
        })
        .count()
}

/// Whether a large file should be read in chunks: PEM armour in its first
/// block and no private key anywhere (keys need the whole file to pair them
/// with their certificates).
/// Only the first `limit` bytes are scanned: reading stops there anyway.
fn chunkable(path: &std::path::Path, meta: &std::fs::Metadata, limit: u64) -> bool {
    if !meta.is_file() || meta.len() < CHUNK_THRESHOLD {
        return false;
    }
    let len = meta.len().min(limit.saturating_add(1));
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let mut head = vec![0u8; 64 * 1024];
    let n = f.read(&mut head).unwrap_or(0);
    head.truncate(n);
    if load::sniff::sniff(&head) != Some(load::ContainerFormat::Pem) {
        return false;
    }
    // A pass over the file for a key block, split across the cores: it
    // happens before the first chunk is handed out, a serial step otherwise.
    let threads = cores().min(usize::try_from(len >> 22).unwrap_or(1)).max(1);
    let part = len.div_ceil(threads as u64);
    let found = std::thread::scope(|s| {
        let scans: Vec<_> = (0..threads as u64)
            .map(|i| s.spawn(move || key_marker_in(path, i * part, part)))
            .collect();
        scans
            .into_iter()
            .map(|h| h.join().unwrap_or(None))
            .collect::<Option<Vec<bool>>>()
    });
    found.is_some_and(|f| !f.contains(&true))
}

/// Whether `len` bytes of the file from `start` on (and the marker's length
/// after, so one split across parts is seen) hold a private key's BEGIN or
/// END line. `None` when the file cannot be read.
fn key_marker_in(path: &std::path::Path, start: u64, len: u64) -> Option<bool> {
    use std::io::{Seek, SeekFrom};
    const MARKER: &[u8] = b"PRIVATE KEY-----";
    let mut f = File::open(path).ok()?;
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut f = f.take(len + MARKER.len() as u64 - 1);
    let finder = memchr::memmem::Finder::new(MARKER);
    let mut buf = vec![0u8; CHUNK_BYTES];
    let mut keep = 0;
    loop {
        let n = f.read(&mut buf[keep..]).ok()?;
        if n == 0 {
            return Some(false);
        }
        let filled = keep + n;
        if finder.find(&buf[..filled]).is_some() {
            return Some(true);
        }
        // Keep a tail so a marker split across reads is still found.
        keep = filled.min(MARKER.len() - 1);
        buf.copy_within(filled - keep..filled, 0);
    }
}

/// Expands the command-line inputs into a lazy stream of jobs.
pub struct Planner<'c> {
    ctx: &'c Context<'c>,
    /// Next command-line input.
    next_top: usize,
    /// Files of the directory being walked, reversed (pop from the end).
    pending: Vec<(usize, std::path::PathBuf)>,
    chunks: Option<ChunkReader>,
    /// A large container loaded here, handed out in pieces.
    pieces: Option<Pieces>,
    /// Chunk buffers handed back, to read into again.
    pub pool: BufferPool,
    /// Errors met while planning (walk errors, a chunk that cannot be
    /// read); they fail the run.
    pub said: Said,
    /// Notes met while planning (special files passed over), for stderr.
    pub notes: Vec<u8>,
    /// The command-line inputs found to be directories.
    pub dirs: Vec<usize>,
}

impl<'c> Planner<'c> {
    /// A planner over `ctx.inputs`.
    pub fn new(ctx: &'c Context<'c>) -> Self {
        Planner {
            ctx,
            next_top: 0,
            pending: Vec::new(),
            chunks: None,
            pieces: None,
            pool: Vec::new(),
            said: Said::default(),
            notes: Vec::new(),
            dirs: Vec::new(),
        }
    }

    /// The next job, or `None` when every input is planned.
    pub fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(pieces) = &mut self.pieces {
                match pieces.next() {
                    Some(job) => return Some(job),
                    None => self.pieces = None,
                }
            }
            if let Some(reader) = &mut self.chunks {
                match reader.next(&mut self.pool) {
                    Ok(Some(job)) => return Some(job),
                    Ok(None) => self.chunks = None,
                    Err(e) => {
                        let name = reader.input.display();
                        self.said.fail(&name, &e.to_string());
                        self.chunks = None;
                    }
                }
                continue;
            }
            if let Some((top, path)) = self.pending.pop() {
                let meta = std::fs::metadata(&path).ok();
                if let Some(job) = self.plan_file(top, Input::DirEntry(path), meta, true) {
                    return Some(job);
                }
                continue;
            }
            let top = self.next_top;
            let input = self.ctx.inputs.get(top)?;
            self.next_top += 1;
            if let Some(job) = self.plan_input(top, input) {
                return Some(job);
            }
        }
    }

    /// Plans a command-line input: a job for a file, or `None` after
    /// setting up a directory walk, a chunked read or pieces. One stat decides.
    fn plan_input(&mut self, top: usize, input: &Input) -> Option<Job> {
        let path = match input {
            Input::Path(path) => path,
            // A server is one whole job: its chain, fetched by a worker.
            Input::Remote(_) | Input::Unreachable { .. } => {
                return Some(Job::Whole {
                    top,
                    input: input.clone(),
                    in_dir: false,
                })
            }
            Input::Stdin | Input::DirEntry(_) => {
                self.plan_stdin(top);
                return None;
            }
        };
        let meta = std::fs::metadata(path).ok();
        match &meta {
            Some(m) if m.is_dir() => {
                self.dirs.push(top);
                let mut found = input::Walk::default();
                input::walk(path, self.ctx.follow, &mut found);
                for (p, e) in found.errors {
                    self.said.fail(&p.display().to_string(), &e.to_string());
                }
                for (p, what) in found.passed_over {
                    let note = format!("passed over: {what}, not read in a directory walk");
                    report(&mut self.notes, &p.display().to_string(), &note);
                }
                self.pending = found.files.into_iter().rev().map(|f| (top, f)).collect();
                None
            }
            _ => {
                if meta.as_ref().is_some_and(is_fifo) {
                    report(
                        &mut io::stderr(),
                        &input.display(),
                        "a named pipe: waiting for a writer to send data",
                    );
                }
                self.plan_file(top, input.clone(), meta, false)
            }
        }
    }

    /// Plans a file: a job for the whole file, or `None` after setting up a
    /// chunked read (a large PEM bundle without keys) or pieces (any other
    /// large file).
    fn plan_file(
        &mut self,
        top: usize,
        input: Input,
        meta: Option<std::fs::Metadata>,
        in_dir: bool,
    ) -> Option<Job> {
        let (Input::Path(path) | Input::DirEntry(path)) = &input else {
            return None;
        };
        let size = meta.as_ref().filter(|m| m.is_file()).map_or(0, |m| m.len());
        if size < PIECES_THRESHOLD {
            return Some(Job::Whole { top, input, in_dir });
        }
        if size >= CHUNK_THRESHOLD && chunkable(path, meta.as_ref()?, self.ctx.max_input) {
            if let Ok(file) = File::open(path) {
                self.chunks = Some(self.chunk_reader(top, input, Box::new(file)));
                return None;
            }
        }
        match input.read(self.ctx.max_input) {
            Ok(bytes) if in_dir && load::sniff::sniff(&bytes).is_none() => {
                if self.ctx.verbose {
                    let what = "skipped: not a certificate format";
                    report(&mut self.notes, &input.display(), what);
                }
                None
            }
            Ok(bytes) => {
                self.load_here(top, input, &bytes);
                None
            }
            // The worker reads it again and reports the error.
            Err(_) => Some(Job::Whole { top, input, in_dir }),
        }
    }

    fn chunk_reader(&self, top: usize, input: Input, file: Box<dyn Read>) -> ChunkReader {
        ChunkReader {
            top,
            input,
            file,
            carry: Vec::new(),
            next_block: 1,
            eof: false,
            total: 0,
            limit: self.ctx.max_input,
        }
    }

    /// Standard input: read in chunks when its first 4 MiB are PEM without
    /// a key, else read whole and handed out in pieces.
    fn plan_stdin(&mut self, top: usize) {
        let limit = self.ctx.max_input;
        let mut bytes = Vec::new();
        let stdin = io::stdin();
        let read = (&mut stdin.lock())
            .take(CHUNK_THRESHOLD.min(limit + 1))
            .read_to_end(&mut bytes);
        let full = bytes.len() as u64 == CHUNK_THRESHOLD.min(limit + 1);
        if read.is_ok()
            && full
            && load::sniff::sniff(&bytes) == Some(load::ContainerFormat::Pem)
            && memchr::memmem::find(&bytes, b"PRIVATE KEY-----").is_none()
        {
            let rest = io::Cursor::new(bytes).chain(stdin);
            self.chunks = Some(self.chunk_reader(top, Input::Stdin, Box::new(rest)));
            return;
        }
        let read = read.and_then(|_| {
            let room = (limit + 1).saturating_sub(bytes.len() as u64);
            if full {
                stdin.lock().take(room).read_to_end(&mut bytes)?;
            }
            if bytes.len() as u64 > limit {
                return Err(input::too_large(limit));
            }
            Ok(())
        });
        match read {
            Ok(()) => self.load_here(top, Input::Stdin, &bytes),
            Err(e) => self.failed(top, Input::Stdin, &e.to_string(), Exit::Input),
        }
    }

    /// Loads a container here and sets up its pieces.
    fn load_here(&mut self, top: usize, input: Input, bytes: &[u8]) {
        let name = input.display();
        let mut said = Said::default();
        match job::load_reported(&name, bytes, None, self.ctx, &mut said) {
            Ok((loaded, exit)) => {
                let problems = job::report_loaded(&name, &loaded, true, self.ctx, &mut said);
                let source: std::sync::Arc<str> = name.as_str().into();
                let others = loaded
                    .others
                    .into_iter()
                    .map(|o| (std::sync::Arc::clone(&source), o))
                    .collect();
                self.pieces = Some(Pieces {
                    top,
                    input,
                    format: loaded.format,
                    entries: loaded.entries.into_iter(),
                    head: Some(Head {
                        said,
                        exit: exit.merge(problems),
                        failed: false,
                        others,
                    }),
                });
            }
            Err(exit) => {
                let head = Head {
                    said,
                    exit: exit.unwrap_or(Exit::Input),
                    failed: true,
                    others: Vec::new(),
                };
                self.pieces = Some(Pieces::failed(top, input, head));
            }
        }
    }

    /// An input that could not be read: its error, as its only piece.
    fn failed(&mut self, top: usize, input: Input, what: &str, exit: Exit) {
        let mut said = Said::default();
        said.fail(&input.display(), what);
        let head = Head {
            said,
            exit,
            failed: true,
            others: Vec::new(),
        };
        self.pieces = Some(Pieces::failed(top, input, head));
    }
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::EndSearch;

    /// The rule, applied to the whole buffer at once.
    fn last_end_line(buf: &[u8]) -> Option<usize> {
        let finder = memchr::memmem::FinderRev::new(b"\n-----END ");
        let mut hay = buf;
        while let Some(i) = finder.rfind(hay) {
            if let Some(j) = memchr::memchr(b'\n', &buf[i + 1..]) {
                return Some(i + 1 + j + 1);
            }
            hay = &buf[..i];
        }
        None
    }

    /// Read in pieces of every size, the search finds what one search of the
    /// whole buffer finds, after every piece.
    #[test]
    fn reads_in_pieces_find_the_last_complete_end_line() {
        let texts: [&[u8]; 6] = [
            b"x\n-----BEGIN A-----\nQUJD\n-----END A-----\ntail",
            b"\n-----END A-----\n\n-----END B-----",
            b"\n-----END A-----",
            b"no markers at all\n",
            b"a\n-----END A-----\nb\n-----END B-----\n-----END C",
            b"\n-----END \n-----END X-----\n",
        ];
        for text in texts {
            for piece in 1..=text.len() {
                let mut search = EndSearch::default();
                let mut len = 0;
                while len < text.len() {
                    let next = (len + piece).min(text.len());
                    let got = search.after_read(&text[..next], len);
                    let want = last_end_line(&text[..next]);
                    assert_eq!(got, want, "{text:?} in pieces of {piece}, at {next}");
                    len = next;
                }
            }
        }
    }
}
