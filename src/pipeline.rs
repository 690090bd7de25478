//! The run loop: inputs → jobs → load + model (parallel) → render (parallel)
//! → output in input order.
//!
//! Work is cut into jobs: one per file, or, for a large PEM bundle without
//! private keys, one per ~1 MiB chunk of whole PEM blocks, read as the run
//! goes. Jobs are grouped into units and handed to worker threads that live
//! for the whole run; the main thread takes their results in input order
//! (aliases of chunked files depend on earlier chunks), hands the records
//! back for rendering and writes the bytes in order. Reading, modelling,
//! rendering and writing overlap. Memory stays bounded by the few units in
//! flight (a few MiB), whatever the size of the bundle.
//!
//! Formats that need every record before the first byte (the table, HTML,
//! `check`) collect the records instead of streaming them.

use crate::exit::Exit;
use crate::input::{self, Input};
use crate::load::{self, LoadError, LoadOptions, Password};
use crate::model::{self, EntryRecord};
use crate::render::{self, identity, RenderOptions, ShowFormat};
use std::fs::File;
use std::io::{self, Read, Write};

/// Worker threads to use: the cores available, at most 8.
fn cores() -> usize {
    // Asked once: it reads the cgroup files, a few system calls each time.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// Files at least this large, if PEM without keys, are read in chunks.
const CHUNK_THRESHOLD: u64 = 4 << 20;
/// Target size of one chunk of a large PEM file.
const CHUNK_BYTES: usize = 1 << 20;

/// What the pipeline needs to know, decided once by `app.rs`.
pub struct Context<'a> {
    /// Inputs as given.
    pub inputs: &'a [Input],
    /// Loader options (password, limits).
    pub load: &'a LoadOptions,
    /// Print details per input.
    pub verbose: bool,
    /// A password may be asked for on the terminal (forces one thread).
    pub can_prompt: bool,
    /// "Now", for entries with no date of their own.
    pub now_ms: i64,
}

/// Where records go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// `show` text/json/pjson, rendered as the run goes.
    Show(ShowFormat),
    /// `list -f json|pjson` (`true` = pretty), rendered as the run goes.
    ListJson(bool),
    /// Keep every record for a renderer that needs them all.
    Collect,
}

/// Reports one problem on stderr in the `certinfo: <input>: <what>` form.
pub fn report(err: &mut dyn Write, input: &str, what: &str) {
    // File names and certificate text can hold control characters: never
    // let them reach the terminal raw.
    let line = format!("certinfo: {input}: {what}");
    let _ = writeln!(err, "{}", crate::render::term::sanitize(&line));
}

/// One unit of work.
enum Job {
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
    fn top(&self) -> usize {
        match self {
            Job::Whole { top, .. } | Job::Chunk { top, .. } => *top,
        }
    }
}

/// What stage 1 made of a job.
struct Loaded {
    top: usize,
    records: Vec<EntryRecord>,
    /// stderr lines, already formatted.
    messages: Vec<u8>,
    exit: Exit,
    /// For chunks: the input's alias stem, and whether this is the last chunk.
    chunk: Option<(String, bool)>,
    /// A chunk's buffer, handed back for the next read.
    spare: Option<Vec<u8>>,
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

/// Chunk buffers handed back by the workers, to be read into again: a
/// buffer allocated by one thread and freed by another made the threads
/// contend for glibc's arena locks.
type BufferPool = Vec<Vec<u8>>;

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
            // uninitialised memory, so nothing is zero-filled first (the
            // memset and its page faults were a third of a bundle's faults).
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
    // happens before the first chunk is handed out, so on one core it was
    // the run's largest serial step (~70 ms for 150 MB).
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

/// Loads one input's bytes into entry records, reporting every problem.
fn load_one(
    name: &str,
    stem: &str,
    bytes: &[u8],
    first_block: Option<usize>,
    ctx: &Context<'_>,
    err: &mut dyn Write,
) -> (Vec<EntryRecord>, Exit) {
    let mut result = match first_block {
        Some(b) => load::pem::load_from(bytes, ctx.load, b),
        None => load::load_bytes(bytes, ctx.load),
    };
    if ctx.can_prompt && matches!(result, Err(LoadError::PasswordRequired { .. })) {
        // Only on a terminal, and only when no password source was given.
        if let Ok(pw) = rpassword::prompt_password(format!("Password for {name}: ")) {
            let opts = LoadOptions {
                password: Some(Password::new(pw)),
                ..ctx.load.clone()
            };
            result = load::load_bytes(bytes, &opts);
        }
    }
    let loaded = match result {
        Ok(l) => l,
        Err(LoadError::NoCertificate { .. }) if first_block.is_some() => {
            // A chunk without certificates is fine; the whole file is
            // judged at its end.
            return (Vec::new(), Exit::Success);
        }
        Err(e) => {
            report(err, name, &e.to_string());
            let code = if e.is_password() {
                Exit::Password
            } else {
                Exit::Input
            };
            return (Vec::new(), code);
        }
    };
    if ctx.verbose && first_block.is_none_or(|b| b == 1) {
        report(err, name, &format!("format: {}", loaded.format));
    }
    if ctx.verbose {
        for d in &loaded.details {
            report(err, name, d);
        }
    }
    for w in &loaded.warnings {
        report(err, name, &format!("warning: {w}"));
    }
    let mut exit = Exit::Success;
    for p in &loaded.problems {
        report(err, name, &format!("{}: {p}", loaded.format));
        exit = Exit::Input;
    }
    let format = loaded.format;
    let (records, problems) = build_records(loaded.entries, name, stem, ctx.now_ms);
    for p in &problems {
        report(err, name, &format!("{format}: {p}"));
        exit = Exit::Input;
    }
    // A broken extension does not hide the certificate (it is shown, as Java
    // shows it when it can), but it is reported and the run says so.
    for r in &records {
        for (k, c) in r.chain.iter().enumerate() {
            for (oid, why) in &c.malformed_extensions {
                let cert = if r.chain.len() > 1 {
                    format!("{} certificate {}", r.alias, k + 1)
                } else {
                    r.alias.clone()
                };
                report(
                    err,
                    name,
                    &format!("{cert}: malformed extension {oid} ({why}); shown without it"),
                );
                exit = Exit::Input;
            }
        }
    }
    if records.is_empty() && exit == Exit::Success && first_block.is_none() {
        report(err, name, &LoadError::NoCertificate { format }.to_string());
        exit = Exit::Input;
    }
    (records, exit)
}

/// Entries of one container at least this many are modelled on every core.
const PARALLEL_ENTRIES: usize = 512;

/// Models a container's entries; a large keystore (every entry named by the
/// container, so no alias depends on a count) is split across the cores.
fn build_records(
    entries: Vec<load::LoadedEntry>,
    name: &str,
    stem: &str,
    now_ms: i64,
) -> (Vec<EntryRecord>, Vec<String>) {
    if entries.len() < PARALLEL_ENTRIES || entries.iter().any(|e| e.alias.is_none()) {
        return model::build(entries, name, stem, now_ms);
    }
    let threads = cores();
    if threads < 2 {
        return model::build(entries, name, stem, now_ms);
    }
    let per = entries.len().div_ceil(threads);
    let mut parts = Vec::new();
    let mut rest = entries;
    let mut first = 0;
    while !rest.is_empty() {
        let tail = rest.split_off(per.min(rest.len()));
        parts.push((first, rest));
        first += per;
        rest = tail;
    }
    let built = par_map(parts, threads, |(first, part)| {
        model::build_from(part, name, stem, now_ms, first)
    });
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (r, p) in built {
        records.extend(r);
        problems.extend(p);
    }
    (records, problems)
}

/// Stage 1 of one job: read (whole files), load, model.
fn stage1(job: Job, ctx: &Context<'_>) -> Loaded {
    let mut messages = Vec::new();
    let top = job.top();
    match job {
        Job::Whole { input, in_dir, .. } => {
            let name = input.display();
            let bytes = match input.read() {
                Ok(b) => b,
                Err(e) => {
                    let what = match e.kind() {
                        io::ErrorKind::NotFound => "no such file or directory".to_string(),
                        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                        _ => e.to_string(),
                    };
                    report(&mut messages, &name, &what);
                    return Loaded {
                        top,
                        records: Vec::new(),
                        messages,
                        exit: Exit::Input,
                        chunk: None,
                        spare: None,
                    };
                }
            };
            if in_dir && load::sniff::sniff(&bytes).is_none() {
                // Files that are no certificate format at all (READMEs,
                // scripts) are passed over in a directory walk; the directory
                // fails only if it yields nothing.
                if ctx.verbose {
                    report(&mut messages, &name, "skipped: not a certificate format");
                }
                return Loaded {
                    top,
                    records: Vec::new(),
                    messages,
                    exit: Exit::Success,
                    chunk: None,
                    spare: None,
                };
            }
            let (records, exit) = load_one(&name, &input.stem(), &bytes, None, ctx, &mut messages);
            Loaded {
                top,
                records,
                messages,
                exit,
                chunk: None,
                spare: None,
            }
        }
        Job::Chunk {
            input,
            bytes,
            first_block,
            last,
            ..
        } => {
            let name = input.display();
            let stem = input.stem();
            let (records, exit) =
                load_one(&name, &stem, &bytes, Some(first_block), ctx, &mut messages);
            Loaded {
                top,
                records,
                messages,
                exit,
                chunk: Some((stem, last)),
                spare: Some(bytes),
            }
        }
    }
}

/// Runs `f` over `items` on up to `threads` threads, keeping the order.
///
/// Item `i` goes to thread `i % threads` (used to model a large keystore's
/// entries on every core).
fn par_map<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let mut lanes: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        lanes[i % threads].push((i, item));
    }
    let f = &f;
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                s.spawn(move || lane.into_iter().map(|(i, t)| (i, f(t))).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    debug_assert_eq!(results.len(), n);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Expands the command-line inputs into a lazy stream of jobs.
struct Planner<'c> {
    ctx: &'c Context<'c>,
    /// Next command-line input.
    next_top: usize,
    /// Files of the directory being walked, reversed (pop from the end).
    pending: Vec<(usize, std::path::PathBuf)>,
    chunks: Option<ChunkReader>,
    /// Chunk buffers to read into again.
    pool: BufferPool,
    /// Errors met while walking directories.
    walk_errors: Vec<u8>,
    /// The command-line inputs found to be directories.
    dirs: Vec<usize>,
}

impl Planner<'_> {
    fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(reader) = &mut self.chunks {
                match reader.next(&mut self.pool) {
                    Ok(Some(job)) => return Some(job),
                    Ok(None) => self.chunks = None,
                    Err(e) => {
                        let name = reader.input.display();
                        report(&mut self.walk_errors, &name, &e.to_string());
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
            let inp = self.ctx.inputs.get(top)?;
            self.next_top += 1;
            // One stat decides: directory, large PEM file, named pipe.
            let meta = match inp {
                Input::Path(p) => std::fs::metadata(p).ok(),
                _ => None,
            };
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            match inp {
                Input::Path(p) if is_dir => {
                    self.dirs.push(top);
                    let mut files = Vec::new();
                    let mut errors = Vec::new();
                    input::walk(p, &mut files, &mut errors);
                    for (path, e) in errors {
                        report(
                            &mut self.walk_errors,
                            &path.display().to_string(),
                            &e.to_string(),
                        );
                    }
                    self.pending = files.into_iter().rev().map(|f| (top, f)).collect();
                }
                Input::Path(p) if meta.as_ref().is_some_and(|m| chunkable(p, m)) => {
                    match File::open(p) {
                        Ok(file) => {
                            self.chunks = Some(ChunkReader {
                                top,
                                input: inp.clone(),
                                file,
                                carry: Vec::new(),
                                next_block: 1,
                                eof: false,
                            })
                        }
                        Err(_) => {
                            return Some(Job::Whole {
                                top,
                                input: inp.clone(),
                                in_dir: false,
                            })
                        }
                    }
                }
                other => {
                    #[cfg(unix)]
                    let fifo = {
                        use std::os::unix::fs::FileTypeExt;
                        meta.is_some_and(|m| m.file_type().is_fifo())
                    };
                    #[cfg(not(unix))]
                    let fifo = false;
                    if fifo {
                        report(
                            &mut io::stderr(),
                            &other.display(),
                            "a named pipe: waiting for a writer to send data",
                        );
                    }
                    return Some(Job::Whole {
                        top,
                        input: other.clone(),
                        in_dir: false,
                    });
                }
            }
        }
    }
}

/// Per command-line input: how many records it gave, and whether it failed.
#[derive(Clone, Copy, Default)]
struct TopState {
    records: usize,
    /// Successful records of a chunked input so far (for `<stem>-<n>`).
    chunk_count: usize,
}

/// Most whole-file jobs in one unit of work.
const UNIT_JOBS: usize = 32;
/// A unit is closed once its chunks reach this many bytes (one chunk, then).
const UNIT_BYTES: usize = 512 << 10;
/// Most units in flight per worker: bounds memory to a few MiB per core
/// while keeping every core busy as the main thread reads ahead.
const IN_FLIGHT_PER_WORKER: usize = 3;
/// Records rendered by one task: a large keystore's records are rendered on
/// every core, in pieces of this many, still written in order.
const PIECE: usize = 256;

/// Work sent to a worker. Units and render tasks are numbered in output
/// order; replies are put back in that order by the main thread.
enum Task {
    /// Stage 1 (read, load, model) of a unit of jobs.
    Load(usize, Vec<Job>),
    /// Stage 2: render batches into the buffer (one the main thread has
    /// written out before, so buffers are reused rather than freed across
    /// threads).
    Render(usize, Vec<RenderBatch>, Vec<u8>),
}

/// Records to render, whether they open the JSON array (no item was written
/// before them), and how to name them first.
type RenderBatch = (Vec<EntryRecord>, bool, Naming);

/// A worker's answer to a [`Task`], with the task's number.
enum Reply {
    Loaded(usize, Vec<Loaded>),
    Rendered(usize, io::Result<Vec<u8>>),
    /// The task panicked (a bug): the run stops with an error.
    Failed,
}

fn do_task(task: Task, ctx: &Context<'_>, sink: Sink, opts: &RenderOptions<'_>) -> Reply {
    match task {
        Task::Load(n, jobs) => Reply::Loaded(n, jobs.into_iter().map(|j| stage1(j, ctx)).collect()),
        Task::Render(n, mut batches, mut buf) => {
            let count: usize = batches.iter().map(|(b, ..)| b.len()).sum();
            buf.clear();
            buf.reserve(1600 * count);
            let mut result = Ok(());
            for (b, first, naming) in &mut batches {
                naming.apply(b);
                let b = &*b;
                match sink {
                    Sink::Show(format) => {
                        result = render::show(b, format, opts, &mut buf);
                    }
                    Sink::ListJson(pretty) => {
                        identity::json_items_into(b, *first, pretty, opts, &mut buf);
                    }
                    Sink::Collect => {}
                }
                if result.is_err() {
                    break;
                }
            }
            // The records are freed here, on the thread that built them
            // (glibc's per-thread caches make that cheap).
            drop(batches);
            Reply::Rendered(n, result.map(|()| buf))
        }
    }
}

/// Runs tasks inline (one job, or a password prompt) or on worker threads
/// that live for the whole run. Task `n` of either kind goes to worker
/// `lane(n)`; a unit's render task goes to the worker that loaded it, so
/// records are freed where they were allocated.
enum Workers {
    Inline(std::collections::VecDeque<Reply>),
    Pool {
        senders: Vec<std::sync::mpsc::Sender<Task>>,
        replies: std::sync::mpsc::Receiver<Reply>,
    },
}

impl Workers {
    fn count(&self) -> usize {
        match self {
            Workers::Inline(_) => 1,
            Workers::Pool { senders, .. } => senders.len(),
        }
    }

    fn send(&mut self, lane: usize, task: Task, run: impl FnOnce(Task) -> Reply) {
        match self {
            Workers::Inline(done) => done.push_back(run(task)),
            Workers::Pool { senders, .. } => {
                let n = senders.len();
                // A worker only goes away after a panic, which its Failed
                // reply reports.
                let _ = senders[lane % n].send(task);
            }
        }
    }

    fn recv(&mut self) -> Option<Reply> {
        match self {
            Workers::Inline(done) => done.pop_front(),
            Workers::Pool { replies, .. } => replies.recv().ok(),
        }
    }
}

/// Runs every input through the pipeline. Streamed formats are written to
/// `out` as the run goes; with [`Sink::Collect`] the records are returned.
///
/// The main thread plans jobs (reading the chunks of a large file), groups
/// them into units and hands them out; workers load and model them; the
/// main thread takes the results in input order (aliases of chunked files
/// depend on what came before), hands the records back for rendering and
/// writes the rendered bytes in order. Reading, modelling, rendering and
/// writing overlap; nothing waits for a whole round.
pub fn run(
    ctx: &Context<'_>,
    sink: Sink,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<(Vec<EntryRecord>, Exit)> {
    std::thread::scope(|scope| run_in(scope, ctx, sink, opts, out, err))
}

fn run_in<'scope, 'env: 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    ctx: &'env Context<'env>,
    sink: Sink,
    opts: &'env RenderOptions<'env>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<(Vec<EntryRecord>, Exit)> {
    let mut planner = Planner {
        ctx,
        next_top: 0,
        pending: Vec::new(),
        chunks: None,
        pool: Vec::new(),
        walk_errors: Vec::new(),
        dirs: Vec::new(),
    };
    let mut workers = Workers::Inline(Default::default());
    let run_task = |t: Task| do_task(t, ctx, sink, opts);
    let mut st = Ordered {
        exit: Exit::Success,
        collected: Vec::new(),
        tops: vec![TopState::default(); ctx.inputs.len()],
        any_item: false,
        held: None,
    };
    if let Sink::ListJson(pretty) = sink {
        identity::json_open(pretty, out)?;
    }
    let mut lookahead: Option<Job> = None;
    let mut planned_all = false;
    // A password prompt needs the terminal to itself: one thread.
    let mut pool_decided = ctx.can_prompt;
    let (mut units_sent, mut units_done) = (0usize, 0usize);
    let (mut renders_sent, mut renders_written) = (0usize, 0usize);
    let mut loaded: std::collections::BTreeMap<usize, Vec<Loaded>> = Default::default();
    let mut rendered: std::collections::BTreeMap<usize, io::Result<Vec<u8>>> = Default::default();
    // Output buffers written out, to render into again.
    let mut out_pool: Vec<Vec<u8>> = Vec::new();
    loop {
        // 1. Hand out units while there is room.
        while !planned_all && units_sent - units_done < IN_FLIGHT_PER_WORKER * workers.count() {
            let mut unit = Vec::new();
            let mut bytes = 0;
            while unit.len() < UNIT_JOBS && bytes < UNIT_BYTES {
                let Some(job) = lookahead.take().or_else(|| planner.next_job()) else {
                    planned_all = true;
                    break;
                };
                if let Job::Chunk { bytes: b, .. } = &job {
                    bytes += b.len();
                }
                unit.push(job);
            }
            if !planner.walk_errors.is_empty() {
                err.write_all(&std::mem::take(&mut planner.walk_errors))?;
                st.exit = st.exit.merge(Exit::Input);
            }
            if unit.is_empty() {
                break;
            }
            // Worker threads start once there is a second job (a
            // one-certificate `show` never pays for them, nor for asking
            // how many cores there are).
            if !pool_decided {
                let more = !planned_all && {
                    lookahead = planner.next_job();
                    lookahead.is_some()
                };
                if unit.len() > 1 || more {
                    pool_decided = true;
                    let n = cores();
                    if n > 1 {
                        workers = start_pool(scope, n, ctx, sink, opts);
                    }
                }
            }
            workers.send(units_sent, Task::Load(units_sent, unit), run_task);
            units_sent += 1;
        }
        // 2. Write what is ready, in order.
        while let Some(r) = rendered.remove(&renders_written) {
            let buf = r?;
            out.write_all(&buf)?;
            out_pool.push(buf);
            renders_written += 1;
        }
        // 3. Take loaded units in order: messages, aliases, then render.
        while let Some(mut units) = loaded.remove(&units_done) {
            planner
                .pool
                .extend(units.iter_mut().filter_map(|l| l.spare.take()));
            // A chunk's records are rendered by the worker that built them,
            // which then frees them: freeing another thread's allocations
            // made the workers wait on each other's glibc arena locks. A
            // large keystore is modelled on every core anyway, and its
            // records are rendered there too, in pieces.
            let spread = units.iter().all(|l| l.chunk.is_none());
            let batches = st.take(units, ctx, err)?;
            units_done += 1;
            if sink == Sink::Collect {
                for (mut b, naming) in batches {
                    naming.apply(&mut b);
                    st.collected.extend(b);
                }
                continue;
            }
            let pieces = st.pieces(batches, spread);
            if pieces.len() > 1 && !pool_decided {
                // One large keystore: render its pieces on every core.
                pool_decided = true;
                let n = cores();
                if n > 1 {
                    workers = start_pool(scope, n, ctx, sink, opts);
                }
            }
            for (k, piece) in pieces.into_iter().enumerate() {
                let lane = units_done - 1 + k;
                let buf = out_pool.pop().unwrap_or_default();
                workers.send(lane, Task::Render(renders_sent, piece, buf), run_task);
                renders_sent += 1;
            }
        }
        if planned_all && units_done == units_sent && renders_written == renders_sent {
            break;
        }
        if !rendered.contains_key(&renders_written) && !loaded.contains_key(&units_done) {
            match workers.recv() {
                Some(Reply::Loaded(n, l)) => {
                    loaded.insert(n, l);
                }
                Some(Reply::Rendered(n, r)) => {
                    rendered.insert(n, r);
                }
                Some(Reply::Failed) | None => {
                    return Err(io::Error::other("internal error: a worker thread failed"));
                }
            }
        }
    }
    if let Some((_, mut recs, stem)) = st.held.take() {
        // Its input stopped with a read error after this one record.
        let naming = Naming::Numbered(stem, 1);
        if sink == Sink::Collect {
            naming.apply(&mut recs);
            st.collected.extend(recs);
        } else {
            let first = !st.any_item;
            st.any_item |= recs.iter().any(|e| !e.chain.is_empty());
            let task = Task::Render(0, vec![(recs, first, naming)], Vec::new());
            if let Reply::Rendered(_, r) = run_task(task) {
                out.write_all(&r?)?;
            }
        }
    }
    // Directories that gave nothing at all.
    for &top in &planner.dirs {
        if st.tops[top].records == 0 {
            report(
                err,
                &ctx.inputs[top].display(),
                "no certificate found in this directory",
            );
            st.exit = st.exit.merge(Exit::Input);
        }
    }
    if let Sink::ListJson(pretty) = sink {
        identity::json_close(pretty, st.any_item, out)?;
    }
    Ok((st.collected, st.exit))
}

fn start_pool<'scope, 'env: 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    n: usize,
    ctx: &'env Context<'env>,
    sink: Sink,
    opts: &'env RenderOptions<'env>,
) -> Workers {
    let (reply_tx, replies) = std::sync::mpsc::channel();
    let mut senders = Vec::with_capacity(n);
    for _ in 0..n {
        let (tx, rx) = std::sync::mpsc::channel::<Task>();
        let reply_tx = reply_tx.clone();
        scope.spawn(move || {
            for task in rx {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    do_task(task, ctx, sink, opts)
                }))
                .unwrap_or(Reply::Failed);
                let failed = matches!(r, Reply::Failed);
                if reply_tx.send(r).is_err() || failed {
                    break;
                }
            }
        });
        senders.push(tx);
    }
    Workers::Pool { senders, replies }
}

/// How the records of a batch are named. Decided in input order by the main
/// thread, applied by the worker that renders them: renaming on the main
/// thread freed the workers' strings there, and the workers then waited on
/// each other's glibc arena locks.
#[derive(Clone)]
enum Naming {
    /// As the loader named them.
    AsLoaded,
    /// `<stem>-<n>`, from `n` for the first record on.
    Numbered(String, usize),
    /// The stem itself (a chunked input's only record).
    Stem(String),
}

impl Naming {
    fn apply(&self, records: &mut [EntryRecord]) {
        match self {
            Naming::AsLoaded => {}
            Naming::Numbered(stem, first) => {
                // In place: the loader's `<stem>-<n>` left room for it.
                for (i, r) in records.iter_mut().enumerate() {
                    r.alias.clear();
                    r.alias.push_str(stem);
                    r.alias.push('-');
                    render::java::push_decimal(&mut r.alias, (first + i) as u64);
                }
            }
            Naming::Stem(stem) => {
                for r in records {
                    r.alias.clone_from(stem);
                }
            }
        }
    }

    /// The naming of the records that follow the first `n` of this batch.
    fn after(&self, n: usize) -> Naming {
        match self {
            Naming::Numbered(stem, first) => Naming::Numbered(stem.clone(), first + n),
            other => other.clone(),
        }
    }
}

/// Records in output order with their naming, ready to render.
type Batch = (Vec<EntryRecord>, Naming);

/// What the main thread keeps while taking units in order.
struct Ordered {
    exit: Exit,
    collected: Vec<EntryRecord>,
    tops: Vec<TopState>,
    any_item: bool,
    /// A lone record of a chunked input waits until a second one shows whether
    /// its alias is `<stem>` or `<stem>-1`: (input, records, stem).
    held: Option<(usize, Vec<EntryRecord>, String)>,
}

impl Ordered {
    /// Takes one unit's results in order: writes its messages, merges exit
    /// codes, decides the names of chunked inputs' records. Returns the
    /// batches ready to render.
    fn take(
        &mut self,
        units: Vec<Loaded>,
        ctx: &Context<'_>,
        err: &mut dyn Write,
    ) -> io::Result<Vec<Batch>> {
        let mut batches = Vec::with_capacity(units.len());
        for l in units {
            if self.held.as_ref().is_some_and(|(htop, ..)| *htop != l.top) {
                // Its input stopped (a read error) before a last chunk.
                if let Some((_, hrecs, hstem)) = self.held.take() {
                    batches.push((hrecs, Naming::Numbered(hstem, 1)));
                }
            }
            err.write_all(&l.messages)?;
            self.exit = self.exit.merge(l.exit);
            let state = &mut self.tops[l.top];
            state.records += l.records.len();
            let Some((stem, last)) = l.chunk else {
                batches.push((l.records, Naming::AsLoaded));
                continue;
            };
            let first = state.chunk_count + 1;
            state.chunk_count += l.records.len();
            if let Some((htop, hrecs, hstem)) = self.held.take() {
                if htop == l.top && l.records.is_empty() && !last {
                    self.held = Some((htop, hrecs, hstem));
                    continue;
                }
                let naming = if htop == l.top && l.records.is_empty() {
                    // Its input ended with this one record.
                    Naming::Stem(hstem)
                } else {
                    Naming::Numbered(hstem, 1)
                };
                batches.push((hrecs, naming));
            }
            if state.chunk_count == 1 && l.records.len() == 1 {
                if last {
                    batches.push((l.records, Naming::Stem(stem)));
                } else {
                    self.held = Some((l.top, l.records, stem));
                }
                continue;
            }
            if last && state.records == 0 {
                report(
                    err,
                    &ctx.inputs[l.top].display(),
                    "PEM: no certificate found",
                );
                self.exit = self.exit.merge(Exit::Input);
            }
            batches.push((l.records, Naming::Numbered(stem, first)));
        }
        Ok(batches)
    }

    /// Splits a unit's batches into render tasks of at most [`PIECE`]
    /// records (one task unless `spread`), each batch marked with whether it
    /// opens the JSON array.
    fn pieces(&mut self, batches: Vec<Batch>, spread: bool) -> Vec<Vec<RenderBatch>> {
        let piece = if spread { PIECE } else { usize::MAX };
        let mut pieces = Vec::new();
        let mut cur: Vec<RenderBatch> = Vec::new();
        let mut cur_len = 0;
        for (mut b, mut naming) in batches {
            loop {
                let take = (piece - cur_len).min(b.len());
                let rest = b.split_off(take);
                let first = !self.any_item;
                self.any_item |= b.iter().any(|e| !e.chain.is_empty());
                cur_len += b.len();
                let next = naming.after(b.len());
                cur.push((b, first, naming));
                if cur_len >= piece {
                    pieces.push(std::mem::take(&mut cur));
                    cur_len = 0;
                }
                if rest.is_empty() {
                    break;
                }
                b = rest;
                naming = next;
            }
        }
        if !cur.is_empty() {
            pieces.push(cur);
        }
        pieces
    }
}
