//! The run loop: inputs → jobs → load + model (parallel) → render (parallel)
//! → output in input order.
//!
//! Work is cut into jobs: one per file, or, for a large PEM bundle without
//! private keys, one per ~1 MiB chunk of whole PEM blocks, read as the run
//! goes. Jobs run in rounds on every core; each round is loaded and modelled
//! in parallel, aliases that depend on earlier chunks are assigned in order,
//! then the round is rendered in parallel and written in input order. Memory
//! stays bounded by a round (a few MiB), whatever the size of the bundle.
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
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Files at least this large, if PEM without keys, are read in chunks.
const CHUNK_THRESHOLD: u64 = 4 << 20;
/// Target size of one chunk of a large PEM file.
const CHUNK_BYTES: usize = 1 << 20;
/// Most jobs in one round.
const ROUND_JOBS: usize = 256;
/// Most bytes of chunks in one round.
const ROUND_BYTES: usize = 8 << 20;

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

impl ChunkReader {
    /// The next chunk: whole lines up to the last `-----END` line read.
    fn next(&mut self) -> io::Result<Option<Job>> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.carry);
        buf.reserve(CHUNK_BYTES + 64 * 1024);
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
        self.carry = buf.split_off(cut);
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
fn chunkable(path: &std::path::Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
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
    // One streaming pass over the file for a key block.
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let finder = memchr::memmem::Finder::new(b"PRIVATE KEY-----");
    let mut buf = vec![0u8; CHUNK_BYTES + 64];
    let mut keep = 0;
    loop {
        let n = match f.read(&mut buf[keep..]) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        let filled = keep + n;
        if finder.find(&buf[..filled]).is_some() {
            return false;
        }
        // Keep a tail so a marker split across reads is still found.
        keep = filled.min(32);
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
    let threads = cores();
    if entries.len() < PARALLEL_ENTRIES || threads < 2 || entries.iter().any(|e| e.alias.is_none())
    {
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
                };
            }
            let (records, exit) = load_one(&name, &input.stem(), &bytes, None, ctx, &mut messages);
            Loaded {
                top,
                records,
                messages,
                exit,
                chunk: None,
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
            }
        }
    }
}

/// Runs `f` over `items` on up to `threads` threads, keeping the order.
///
/// Item `i` always goes to thread `i % threads`, in both stages of a round:
/// what stage 1 allocates on a thread is rendered and freed by stage 2 on the
/// same thread, where glibc's per-thread caches make it cheap (cross-thread
/// frees were a fifth of the profile with a shared work queue).
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
    /// Errors met while walking directories.
    walk_errors: Vec<u8>,
}

impl Planner<'_> {
    fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(reader) = &mut self.chunks {
                match reader.next() {
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
            match inp {
                Input::Path(p) if p.is_dir() => {
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
                Input::Path(p) if chunkable(p) => match File::open(p) {
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
                },
                other => {
                    if other.is_fifo() {
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

/// Runs every input through the pipeline. Streamed formats are written to
/// `out` as the run goes; with [`Sink::Collect`] the records are returned.
pub fn run(
    ctx: &Context<'_>,
    sink: Sink,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<(Vec<EntryRecord>, Exit)> {
    // Asked only when a round has work to share: reading the cgroup limits
    // costs a few system calls that a one-certificate `show` need not pay.
    let mut threads_cache = None;
    let mut threads = |jobs: usize| -> usize {
        if ctx.can_prompt || jobs <= 1 {
            return 1;
        }
        *threads_cache.get_or_insert_with(cores)
    };
    let mut planner = Planner {
        ctx,
        next_top: 0,
        pending: Vec::new(),
        chunks: None,
        walk_errors: Vec::new(),
    };
    let mut exit = Exit::Success;
    let mut collected = Vec::new();
    let mut tops = vec![TopState::default(); ctx.inputs.len()];
    let mut any_item = false;
    // A lone record of a chunked input waits until a second one shows whether
    // its alias is `<stem>` or `<stem>-1`.
    let mut held: Option<(usize, Vec<EntryRecord>)> = None;
    if let Sink::ListJson(pretty) = sink {
        identity::json_open(pretty, out)?;
    }
    loop {
        let mut jobs = Vec::new();
        let mut bytes = 0;
        while jobs.len() < ROUND_JOBS && bytes < ROUND_BYTES {
            let Some(job) = planner.next_job() else { break };
            if let Job::Chunk { bytes: b, .. } = &job {
                bytes += b.len();
            }
            jobs.push(job);
        }
        if !planner.walk_errors.is_empty() {
            err.write_all(&std::mem::take(&mut planner.walk_errors))?;
            exit = exit.merge(Exit::Input);
        }
        if jobs.is_empty() {
            if let Some((_, recs)) = held.take() {
                emit_batches(
                    vec![recs],
                    sink,
                    opts,
                    1,
                    out,
                    &mut collected,
                    &mut any_item,
                )?;
            }
            break;
        }
        let threads = threads(jobs.len());
        let loaded = par_map(jobs, threads, |job| stage1(job, ctx));
        // In order: messages, exit codes, aliases of chunked inputs.
        let mut batches: Vec<Vec<EntryRecord>> = Vec::with_capacity(loaded.len());
        for mut l in loaded {
            err.write_all(&l.messages)?;
            exit = exit.merge(l.exit);
            let state = &mut tops[l.top];
            state.records += l.records.len();
            if let Some((stem, last)) = &l.chunk {
                for r in &mut l.records {
                    state.chunk_count += 1;
                    r.alias = format!("{stem}-{}", state.chunk_count);
                }
                if let Some((htop, mut hrecs)) = held.take() {
                    if htop == l.top && l.records.is_empty() && !*last {
                        held = Some((htop, hrecs));
                        continue;
                    }
                    if htop == l.top && l.records.is_empty() {
                        // Its input ended with this one record.
                        for r in &mut hrecs {
                            r.alias.clone_from(stem);
                        }
                    }
                    batches.push(hrecs);
                }
                if state.chunk_count == 1 && l.records.len() == 1 {
                    if *last {
                        l.records[0].alias.clone_from(stem);
                    } else {
                        held = Some((l.top, l.records));
                        continue;
                    }
                }
                if *last && state.records == 0 {
                    report(
                        err,
                        &ctx.inputs[l.top].display(),
                        "PEM: no certificate found",
                    );
                    exit = exit.merge(Exit::Input);
                }
            }
            batches.push(l.records);
        }
        emit_batches(
            batches,
            sink,
            opts,
            threads,
            out,
            &mut collected,
            &mut any_item,
        )?;
    }
    // Directories that gave nothing at all.
    for (top, inp) in ctx.inputs.iter().enumerate() {
        if matches!(inp, Input::Path(p) if p.is_dir()) && tops[top].records == 0 {
            report(
                err,
                &inp.display(),
                "no certificate found in this directory",
            );
            exit = exit.merge(Exit::Input);
        }
    }
    if let Sink::ListJson(pretty) = sink {
        identity::json_close(pretty, any_item, out)?;
    }
    Ok((collected, exit))
}

/// Stage 2: renders batches in parallel, writes them in order.
fn emit_batches(
    batches: Vec<Vec<EntryRecord>>,
    sink: Sink,
    opts: &RenderOptions<'_>,
    threads: usize,
    out: &mut dyn Write,
    collected: &mut Vec<EntryRecord>,
    any_item: &mut bool,
) -> io::Result<()> {
    if sink == Sink::Collect {
        collected.extend(batches.into_iter().flatten());
        return Ok(());
    }
    // A big batch (a 1,000-entry keystore is one job) is rendered in pieces
    // on every core; the pieces stay in order.
    const PIECE: usize = 256;
    let batches: Vec<Vec<EntryRecord>> = if threads > 1 || batches.iter().any(|b| b.len() > PIECE) {
        let mut out = Vec::with_capacity(batches.len());
        for mut b in batches {
            while b.len() > PIECE {
                let tail = b.split_off(PIECE);
                out.push(b);
                b = tail;
            }
            out.push(b);
        }
        out
    } else {
        batches
    };
    let threads = if batches.len() > 1 {
        cores().max(threads)
    } else {
        threads
    };
    match sink {
        Sink::Collect => {}
        Sink::Show(format) => {
            let rendered = par_map(batches, threads, |b| {
                let mut buf = Vec::new();
                render::show(&b, format, opts, &mut buf).map(|_| buf)
            });
            for r in rendered {
                out.write_all(&r?)?;
            }
        }
        Sink::ListJson(pretty) => {
            // Whether each batch opens the array is known before rendering.
            let mut firsts = Vec::with_capacity(batches.len());
            for b in &batches {
                firsts.push(!*any_item);
                if b.iter().any(|e| !e.chain.is_empty()) {
                    *any_item = true;
                }
            }
            let work: Vec<(Vec<EntryRecord>, bool)> = batches.into_iter().zip(firsts).collect();
            let rendered = par_map(work, threads, |(b, first)| {
                let mut buf = Vec::with_capacity(1600 * b.len());
                identity::json_items_into(&b, first, pretty, opts, &mut buf);
                Ok::<_, io::Error>(buf)
            });
            for r in rendered {
                out.write_all(&r?)?;
            }
        }
    }
    Ok(())
}
