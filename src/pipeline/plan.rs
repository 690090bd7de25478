//! Planning: the command-line inputs → a lazy stream of jobs (a whole file, a
//! directory's files one by one, or the chunks of a large PEM bundle, read as
//! the run goes).
//!
//! Reads only to cut chunks and to decide how a file is read; loads nothing.

use super::{cores, report, Context};
use crate::input::{self, Input};
use crate::load;
use std::fs::File;
use std::io::{self, Read};

/// Files at least this large, if PEM without keys, are read in chunks.
const CHUNK_THRESHOLD: u64 = 4 << 20;
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
            Job::Whole { top, .. } | Job::Chunk { top, .. } => *top,
        }
    }

    /// The input it reads.
    pub fn input(&self) -> &Input {
        match self {
            Job::Whole { input, .. } | Job::Chunk { input, .. } => input,
        }
    }
}

/// A large PEM file being read chunk by chunk.
struct ChunkReader {
    top: usize,
    input: Input,
    file: File,
    carry: Vec<u8>,
    next_block: usize,
    eof: bool,
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
        let mut cut = None;
        while !self.eof {
            // read_to_end into spare capacity: a File reads into
            // uninitialised memory, so nothing is zero-filled first.
            let n = (&mut self.file)
                .take(CHUNK_BYTES as u64)
                .read_to_end(&mut buf)?;
            if n == 0 {
                self.eof = true;
                break;
            }
            if buf.len() >= CHUNK_BYTES {
                cut = last_end_line(&buf);
                if cut.is_some() {
                    break;
                }
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

/// The offset just after the last line that starts with `-----END `.
fn last_end_line(buf: &[u8]) -> Option<usize> {
    let finder = memchr::memmem::FinderRev::new(b"\n-----END ");
    let mut hay = buf;
    while let Some(i) = finder.rfind(hay) {
        let line_end = memchr::memchr(b'\n', &buf[i + 1..]).map(|j| i + 1 + j + 1);
        if let Some(end) = line_end {
            return Some(end);
        }
        hay = &buf[..i];
    }
    None
}

fn count_begin_lines(buf: &[u8]) -> usize {
    let mut n = memchr::memmem::find_iter(buf, b"\n-----BEGIN ").count();
    if buf.starts_with(b"-----BEGIN ") {
        n += 1;
    }
    n
}

/// Whether a large file should be read in chunks: PEM armour in its first
/// block and no private key anywhere (keys need the whole file to pair them
/// with their certificates).
fn chunkable(path: &std::path::Path, meta: &std::fs::Metadata) -> bool {
    if !meta.is_file() || meta.len() < CHUNK_THRESHOLD {
        return false;
    }
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
    let threads = cores()
        .min(usize::try_from(meta.len() >> 22).unwrap_or(1))
        .max(1);
    let part = meta.len().div_ceil(threads as u64);
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
    /// Chunk buffers handed back, to read into again.
    pub pool: BufferPool,
    /// Errors met while planning (walk errors), for stderr; they fail the run.
    pub messages: Vec<u8>,
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
            pool: Vec::new(),
            messages: Vec::new(),
            notes: Vec::new(),
            dirs: Vec::new(),
        }
    }

    /// The next job, or `None` when every input is planned.
    pub fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(reader) = &mut self.chunks {
                match reader.next(&mut self.pool) {
                    Ok(Some(job)) => return Some(job),
                    Ok(None) => self.chunks = None,
                    Err(e) => {
                        let name = reader.input.display();
                        report(&mut self.messages, &name, &e.to_string());
                        self.chunks = None;
                    }
                }
                continue;
            }
            if let Some((top, path)) = self.pending.pop() {
                return Some(Job::Whole {
                    top,
                    input: Input::DirEntry(path),
                    in_dir: true,
                });
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
    /// setting up a directory walk or a chunked read. One stat decides.
    fn plan_input(&mut self, top: usize, input: &Input) -> Option<Job> {
        let whole = || Job::Whole {
            top,
            input: input.clone(),
            in_dir: false,
        };
        let Input::Path(path) = input else {
            return Some(whole());
        };
        let meta = std::fs::metadata(path).ok();
        match &meta {
            Some(m) if m.is_dir() => {
                self.dirs.push(top);
                let mut found = input::Walk::default();
                input::walk(path, &mut found);
                for (p, e) in found.errors {
                    report(&mut self.messages, &p.display().to_string(), &e.to_string());
                }
                for (p, what) in found.passed_over {
                    let note = format!("passed over: {what}, not read in a directory walk");
                    report(&mut self.notes, &p.display().to_string(), &note);
                }
                self.pending = found.files.into_iter().rev().map(|f| (top, f)).collect();
                None
            }
            Some(m) if chunkable(path, m) => match File::open(path) {
                Ok(file) => {
                    self.chunks = Some(ChunkReader {
                        top,
                        input: input.clone(),
                        file,
                        carry: Vec::new(),
                        next_block: 1,
                        eof: false,
                    });
                    None
                }
                Err(_) => Some(whole()),
            },
            _ => {
                if meta.as_ref().is_some_and(is_fifo) {
                    report(
                        &mut io::stderr(),
                        &input.display(),
                        "a named pipe: waiting for a writer to send data",
                    );
                }
                Some(whole())
            }
        }
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
