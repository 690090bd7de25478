//! The run loop: inputs → jobs → load + model (workers) → names (in input
//! order) → render (workers) → output, in input order.
//!
//! The main thread plans jobs (`plan`), hands them out in units, takes the
//! workers' results back in input order, names loose certificates
//! (`naming`), hands the records back for rendering and writes the rendered
//! bytes in order. Reading, modelling, rendering and writing overlap, and
//! memory stays bounded by the few units in flight, whatever the size of the
//! bundle (BENCHMARKS.md#kept-devices). A renderer that needs every record
//! first (table, HTML) or `check` gets them collected instead.
//!
//! Never parses certificates or formats values itself.

mod job;
pub(crate) use job::prompt;
mod naming;
mod pieces;
mod plan;
mod pool;
mod run;

use crate::exit::Exit;
use crate::input::Input;
use crate::load::LoadOptions;
use crate::model::{EntryRecord, Unread};
use crate::render::Renderer;
use job::Done;
use naming::Batch;
use plan::Job;
use std::io::{self, Write};

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
    /// The largest input read, in bytes (`--max-input-mib`).
    pub max_input: u64,
    /// Worker threads when any input is a server (`--jobs`): their cost is
    /// waiting, not cores.
    pub jobs: usize,
    /// What the records keep of their certificates' bytes (`check`: the
    /// signed parts).
    pub keep: crate::model::Keep,
    /// Follow symbolic links to directories in a walk (`-L`).
    pub follow: bool,
    /// Print each certificate once (`--dedupe`).
    pub dedupe: Option<Dedupe>,
}

/// What `--dedupe` keeps: the first time each certificate (by SHA-256) is
/// met, in input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dedupe {
    /// `show`: an entry whose own certificate was shown before is left out
    /// (its chain is part of it and stays whole).
    Entries,
    /// `list`: each certificate shown before is left out of its entry.
    Certificates,
}

/// Reports one problem on stderr in the `certinfo: <input>: <what>` form.
pub fn report(err: &mut dyn Write, input: &str, what: &str) {
    // File names and certificate text can hold control characters: never
    // let them reach the terminal raw.
    let line = format!("certinfo: {input}: {what}");
    let _ = writeln!(err, "{}", crate::render::term::sanitize(&line));
}

/// What a job or the planner has to say: stderr lines, and the inputs
/// among them that could not be read (for the reports that list them).
#[derive(Default)]
pub(crate) struct Said {
    /// stderr lines, formatted by [`report`].
    pub text: Vec<u8>,
    /// The failures said, in order.
    pub failures: Vec<Unread>,
}

impl Said {
    /// A remark on `input` (a note, a warning, a `--verbose` detail).
    pub fn note(&mut self, input: &str, what: &str) {
        report(&mut self.text, input, what);
    }

    /// A problem that keeps `input` from being read, wholly or in part.
    pub fn fail(&mut self, input: &str, what: &str) {
        self.note(input, what);
        Unread::add(&mut self.failures, input, what);
    }
}

/// Worker threads to use: the cores available, at most 8 (asked once).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
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

/// Work for a worker; each kind numbered in output order.
enum Task {
    /// Read, load and model a unit of jobs.
    Load(usize, Vec<Job>),
    /// Name and render batches into the buffer (one written out before, so
    /// buffers are reused, not freed on another thread).
    Render(usize, Vec<RenderBatch>, Vec<u8>),
}

/// A batch to render, and whether no certificate was written before it.
type RenderBatch = (Batch, bool);

/// A worker's answer, with its task's number.
enum Reply {
    Loaded(usize, Vec<Done>),
    Rendered(usize, io::Result<Vec<u8>>),
}

fn work(task: Task, ctx: &Context<'_>, renderer: Option<&Renderer<'_>>) -> Reply {
    match task {
        Task::Load(n, jobs) => {
            Reply::Loaded(n, jobs.into_iter().map(|j| job::run(j, ctx)).collect())
        }
        Task::Render(n, mut batches, mut buf) => {
            buf.clear();
            let mut result = Ok(());
            for ((records, naming), first) in &mut batches {
                naming.apply(records);
                if let Some(r) = renderer {
                    result = r.records(records, *first, &mut buf);
                }
                if result.is_err() {
                    break;
                }
            }
            // The records are freed here, on the thread that built them.
            drop(batches);
            Reply::Rendered(n, result.map(|()| buf))
        }
    }
}

/// What a run gave.
pub struct Ran {
    /// The records, named, in input order (none when they were streamed).
    pub records: Vec<EntryRecord>,
    /// The inputs that could not be read, wholly or in part (said on stderr
    /// as well), in input order.
    pub unread: Vec<Unread>,
    /// The worst outcome.
    pub exit: Exit,
    /// Certificate requests and CRLs (when `LoadOptions::others` asked for
    /// them), in input order.
    pub others: Vec<OtherInput>,
}

/// A certificate request or CRL an input held, and where it goes among the
/// records.
#[derive(Debug, Clone)]
pub struct OtherInput {
    /// The input it came from, as named in messages.
    pub source: std::sync::Arc<str>,
    /// How many of [`Ran::records`] came before it.
    pub before: usize,
    /// What it is and its DER.
    pub other: crate::load::Other,
}

/// Runs every input through the pipeline. With a streaming `renderer`, the
/// document is written to `out` as the run goes and no record is returned;
/// without one, the records are returned, named, in input order.
pub fn run(
    ctx: &Context<'_>,
    renderer: Option<&Renderer<'_>>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Ran> {
    let work = |t: Task| work(t, ctx, renderer);
    std::thread::scope(|scope| {
        let mut run = run::Run::new(ctx, pool::Pool::inline(scope, &work), renderer.is_some());
        if let Some(r) = renderer {
            r.begin(out)?;
        }
        run.run(out, err)?;
        if let Some(r) = renderer {
            r.end(run.any_certificate, out)?;
        }
        if run.exit >= Exit::Input && run.failures.is_empty() {
            // Every failure is said through `Said::fail` or `Run::fail`; a
            // site that is not would make a report look clean.
            debug_assert!(false, "a failure was not listed");
            let what = "an input could not be read (see the messages above)";
            Unread::add(&mut run.failures, "certinfo", what);
        }
        Ok(Ran {
            records: std::mem::take(&mut run.collected),
            unread: std::mem::take(&mut run.failures),
            exit: run.exit,
            others: std::mem::take(&mut run.others),
        })
    })
}
