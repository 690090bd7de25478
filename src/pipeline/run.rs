//! The main thread's loop: hands out units of jobs, takes their results in
//! input order, names and reports them, hands records back for rendering,
//! writes rendered bytes in order.

use super::job::{Done, Part};
use super::naming::{Batch, Namer, Naming};
use super::plan::{Job, Planner};
use super::pool::{Pool, Reorder};
use super::{
    cores, report, Context, Dedupe, Reply, Task, IN_FLIGHT_PER_WORKER, PIECE, UNIT_BYTES, UNIT_JOBS,
};
use crate::exit::Exit;
use crate::model::{EntryRecord, Unread};
use std::io::{self, Write};

/// The state of one run.
pub struct Run<'scope, 'env> {
    ctx: &'env Context<'env>,
    planner: Planner<'env>,
    pool: Pool<'scope, 'env, Task, Reply>,
    /// Records are rendered as they come (else collected).
    streaming: bool,
    /// A job planned ahead to see whether there is a second one.
    lookahead: Option<Job>,
    planned_all: bool,
    /// Whether to use worker threads has been decided.
    threads_decided: bool,
    units_sent: usize,
    loads: Reorder<Vec<Done>>,
    renders_sent: usize,
    renders: Reorder<io::Result<Vec<u8>>>,
    /// Output buffers written out, to render into again.
    out_pool: Vec<Vec<u8>>,
    namer: Namer,
    /// `--dedupe`: the SHA-256 of every certificate shown so far.
    seen: std::collections::HashSet<[u8; 32]>,
    /// Records per command-line input.
    per_input: Vec<usize>,
    /// Entries loaded so far per chunked input (to number a chunk's entries
    /// as the whole file's).
    chunk_entries: Vec<usize>,
    /// The records, when not streaming.
    pub collected: Vec<EntryRecord>,
    /// Certificates in `collected` (a secret-key entry counts as one).
    held_certificates: usize,
    /// The input whose records were the first past `--max-certificates`.
    stopped: Option<std::sync::Arc<str>>,
    /// Whether a certificate was handed to the renderer.
    pub any_certificate: bool,
    /// The inputs that could not be read, wholly or in part, in input order.
    pub failures: Vec<Unread>,
    /// The worst outcome so far.
    pub exit: Exit,
    /// Certificate requests and CRLs, in input order.
    pub others: Vec<super::OtherInput>,
    /// Records taken from jobs so far (where the next request or CRL goes).
    records_taken: usize,
}

impl<'scope, 'env> Run<'scope, 'env> {
    /// A run over `ctx.inputs`, its tasks run by `pool`.
    pub fn new(
        ctx: &'env Context<'env>,
        pool: Pool<'scope, 'env, Task, Reply>,
        streaming: bool,
    ) -> Self {
        Run {
            ctx,
            planner: Planner::new(ctx),
            pool,
            streaming,
            lookahead: None,
            planned_all: false,
            // A password prompt needs the terminal to itself: one thread.
            threads_decided: ctx.can_prompt,
            units_sent: 0,
            loads: Reorder::default(),
            renders_sent: 0,
            renders: Reorder::default(),
            out_pool: Vec::new(),
            namer: Namer::default(),
            seen: std::collections::HashSet::new(),
            per_input: vec![0; ctx.inputs.len()],
            chunk_entries: vec![0; ctx.inputs.len()],
            collected: Vec::new(),
            held_certificates: 0,
            stopped: None,
            any_certificate: false,
            failures: Vec::new(),
            exit: Exit::Success,
            others: Vec::new(),
            records_taken: 0,
        }
    }

    /// Runs every input to the end.
    pub fn run(&mut self, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        loop {
            self.hand_out(err)?;
            while let Some(buf) = self.renders.take() {
                let buf = buf?;
                out.write_all(&buf)?;
                self.out_pool.push(buf);
            }
            while let Some(units) = self.loads.take() {
                self.take_unit(units, err);
            }
            let all_done =
                self.loads.taken() == self.units_sent && self.renders.taken() == self.renders_sent;
            if self.planned_all && all_done {
                break;
            }
            if !self.renders.ready() && !self.loads.ready() {
                match self.pool.recv() {
                    Some(Ok(Reply::Loaded(n, l))) => self.loads.put(n, l),
                    Some(Ok(Reply::Rendered(n, r))) => self.renders.put(n, r),
                    Some(Err(e)) => return Err(io::Error::other(e)),
                    None => return Err(io::Error::other("internal error: no task outstanding")),
                }
            }
        }
        self.finish(out, err)
    }

    /// Hands out units of jobs while fewer than the bound are in flight.
    fn hand_out(&mut self, err: &mut dyn Write) -> io::Result<()> {
        let room = IN_FLIGHT_PER_WORKER * self.pool.workers();
        while !self.planned_all && self.units_sent - self.loads.taken() < room {
            let mut unit = Vec::new();
            let mut bytes = 0;
            while unit.len() < UNIT_JOBS && bytes < UNIT_BYTES {
                let Some(job) = self.lookahead.take().or_else(|| self.planner.next_job()) else {
                    self.planned_all = true;
                    break;
                };
                bytes += job.weight();
                unit.push(job);
            }
            err.write_all(&std::mem::take(&mut self.planner.notes))?;
            let said = std::mem::take(&mut self.planner.said);
            err.write_all(&said.text)?;
            if !said.failures.is_empty() {
                self.exit = self.exit.merge(Exit::Input);
                self.absorb(said.failures);
            }
            if unit.is_empty() {
                break;
            }
            if !self.threads_decided {
                // Worker threads start once there is a second job: a
                // one-certificate `show` never pays for them.
                let more = !self.planned_all && {
                    self.lookahead = self.planner.next_job();
                    self.lookahead.is_some()
                };
                if unit.len() > 1 || more {
                    self.start_threads();
                }
            }
            self.pool
                .submit(self.units_sent, Task::Load(self.units_sent, unit));
            self.units_sent += 1;
        }
        Ok(())
    }

    fn start_threads(&mut self) {
        self.threads_decided = true;
        let remote = self
            .ctx
            .inputs
            .iter()
            .any(|i| matches!(i, crate::input::Input::Remote(_)));
        self.pool
            .start_threads(if remote { self.ctx.jobs } else { cores() });
    }

    /// Takes one loaded unit in input order: its messages, exit codes and
    /// names; then collects its records or hands them out for rendering.
    fn take_unit(&mut self, mut units: Vec<Done>, err: &mut dyn Write) {
        self.planner
            .pool
            .extend(units.iter_mut().filter_map(|d| d.spare.take()));
        // A unit of whole files is rendered in pieces on every core (a large
        // keystore); a chunk's records by the worker that built them.
        let spread = units.iter().all(|d| d.part == Part::Whole);
        let mut batches = Vec::with_capacity(units.len());
        for mut done in units {
            let said = std::mem::take(&mut done.said);
            let _ = err.write_all(&said.text);
            self.absorb(said.failures);
            self.report_deferred(&done, err);
            self.exit = self.exit.merge(done.exit);
            self.per_input[done.top] += done.records.len() + done.others.len();
            for (source, other) in std::mem::take(&mut done.others) {
                let before = self.records_taken;
                self.others.push(super::OtherInput {
                    source,
                    before,
                    other,
                });
            }
            self.records_taken += done.records.len();
            let mut ready = self.namer.take(&mut done);
            let last = done.part == (Part::Chunk { last: true });
            if last && self.per_input[done.top] == 0 && !done.failed {
                let name = self.ctx.inputs[done.top].display();
                let format = done.format.unwrap_or(crate::load::ContainerFormat::Pem);
                let what = crate::load::LoadError::NoCertificate { format }.to_string();
                self.fail(err, &name, &what);
            }
            for b in &ready {
                self.report_malformed(err, b);
            }
            self.dedupe(&mut ready);
            batches.extend(ready);
        }
        self.render_or_collect(batches, spread, err);
    }

    /// Reports a chunk's certificates that could not be modelled, numbered
    /// as entries of the whole file.
    fn report_deferred(&mut self, done: &Done, err: &mut dyn Write) {
        let before = self.chunk_entries[done.top];
        for (format, p) in &done.deferred {
            let (entry, cert) = (before + p.entry, p.cert);
            let what = format!("{format}: entry {entry} certificate {cert}: {}", p.error);
            self.fail(err, &self.ctx.inputs[done.top].display(), &what);
        }
        self.chunk_entries[done.top] += done.entries;
    }

    fn render_or_collect(&mut self, batches: Vec<Batch>, spread: bool, err: &mut dyn Write) {
        if !self.streaming {
            for (mut records, naming) in batches {
                self.collect(&mut records, naming, err);
            }
            return;
        }
        let pieces = self.pieces(batches, spread);
        if pieces.len() > 1 && !self.threads_decided {
            self.start_threads();
        }
        let lane0 = self.loads.taken().saturating_sub(1);
        for (k, piece) in pieces.into_iter().enumerate() {
            let buf = self.out_pool.pop().unwrap_or_default();
            let n = self.renders_sent;
            self.pool.submit(lane0 + k, Task::Render(n, piece, buf));
            self.renders_sent += 1;
        }
    }

    /// Collects records for a format that needs them all, up to
    /// `--max-certificates`; past it, the records are dropped and each input
    /// that had some says so once (exit 3).
    fn collect(&mut self, records: &mut Vec<EntryRecord>, naming: Naming, err: &mut dyn Write) {
        let limit = self.ctx.load.max_certificates;
        let certs: usize = records.iter().map(|r| r.chain.len().max(1)).sum();
        if self.held_certificates + certs <= limit && self.stopped.is_none() {
            self.held_certificates += certs;
            naming.apply(records);
            self.collected.append(records);
            return;
        }
        let Some(first) = records.first() else { return };
        if self.stopped.as_deref() != Some(&*first.source) {
            let what = format!(
                "stopped: more than {limit} certificates to hold for this format; \
                 raise the limit with --max-certificates N, or use -f json, which streams"
            );
            self.fail(err, &first.source.clone(), &what);
            self.stopped = Some(first.source.clone());
        }
        records.clear();
    }

    /// Splits batches into render tasks of at most [`PIECE`] records (one
    /// task unless `spread`), each batch marked with whether it opens the
    /// document (no certificate before it).
    fn pieces(&mut self, batches: Vec<Batch>, spread: bool) -> Vec<Vec<(Batch, bool)>> {
        let piece = if spread { PIECE } else { usize::MAX };
        let mut pieces = Vec::new();
        let mut cur = Vec::new();
        let mut cur_len = 0;
        for (mut records, mut naming) in batches {
            loop {
                let rest = records.split_off((piece - cur_len).min(records.len()));
                let first = !self.any_certificate;
                self.any_certificate |= records.iter().any(|e| !e.chain.is_empty());
                cur_len += records.len();
                let next = naming.after(&records);
                cur.push(((records, naming), first));
                if cur_len >= piece {
                    pieces.push(std::mem::take(&mut cur));
                    cur_len = 0;
                }
                if rest.is_empty() {
                    break;
                }
                (records, naming) = (rest, next);
            }
        }
        if !cur.is_empty() {
            pieces.push(cur);
        }
        pieces
    }

    /// After the last job: a record still held, directories that gave nothing.
    fn finish(&mut self, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        if let Some(batch) = self.namer.finish() {
            self.report_malformed(err, &batch);
            let mut ready = vec![batch];
            self.dedupe(&mut ready);
            self.render_or_collect(ready, false, err);
            // Render inline: the workers may be gone with the scope soon.
            while self.renders.taken() < self.renders_sent {
                match self.pool.recv() {
                    Some(Ok(Reply::Rendered(n, r))) => self.renders.put(n, r),
                    Some(Ok(Reply::Loaded(..))) | None => break,
                    Some(Err(e)) => return Err(io::Error::other(e)),
                }
                while let Some(buf) = self.renders.take() {
                    out.write_all(&buf?)?;
                }
            }
        }
        for k in 0..self.planner.dirs.len() {
            let top = self.planner.dirs[k];
            if self.per_input[top] == 0 {
                let name = self.ctx.inputs[top].display();
                self.fail(err, &name, "no certificate found in this directory");
            }
        }
        Ok(())
    }

    /// `--dedupe`: names the loose records now (a name must not shift when a
    /// record before it is left out), then leaves out what was shown before.
    fn dedupe(&mut self, batches: &mut [Batch]) {
        let Some(mode) = self.ctx.dedupe else { return };
        let seen = &mut self.seen;
        for (records, naming) in batches {
            naming.apply(records);
            *naming = Naming::AsLoaded;
            records.retain_mut(|r| match mode {
                Dedupe::Entries => r.chain.first().is_none_or(|c| seen.insert(c.sha256)),
                Dedupe::Certificates if r.chain.is_empty() => true,
                Dedupe::Certificates => {
                    r.chain.retain(|c| seen.insert(c.sha256));
                    !r.chain.is_empty()
                }
            });
        }
    }

    /// Reports a problem that keeps `input` from being read, wholly or in
    /// part: said on stderr, listed for the reports, exit 3.
    fn fail(&mut self, err: &mut dyn Write, input: &str, what: &str) {
        report(err, input, what);
        Unread::add(&mut self.failures, input, what);
        self.exit = self.exit.merge(Exit::Input);
    }

    /// Lists failures already said on stderr.
    fn absorb(&mut self, failures: Vec<Unread>) {
        for u in failures {
            for e in &u.errors {
                Unread::add(&mut self.failures, &u.input, e);
            }
        }
    }

    /// Reports each extension that could not be parsed, by the record's final
    /// alias: the certificate is still shown, the run says so.
    fn report_malformed(&mut self, err: &mut dyn Write, (records, naming): &Batch) {
        let mut k = 0;
        for r in records {
            let loose = k;
            k += usize::from(r.loose);
            if r.chain.iter().all(|c| c.malformed_extensions.is_empty()) {
                continue;
            }
            let alias = match (r.loose, naming.alias(loose)) {
                (true, Some(a)) => a,
                _ => r.alias.clone(),
            };
            for (i, c) in r.chain.iter().enumerate() {
                for m in &c.malformed_extensions {
                    let cert = if r.chain.len() > 1 {
                        format!("{alias} certificate {}", i + 1)
                    } else {
                        alias.clone()
                    };
                    // Java reads the certificate as without a non-critical extension it
                    // cannot parse (a warning), and refuses it for a critical one.
                    let what = if m.critical {
                        format!(
                            "{cert}: malformed extension {}, critical ({}); Java refuses this \
                         certificate; shown without the extension",
                            m.oid, m.reason
                        )
                    } else {
                        format!(
                        "warning: {cert}: malformed extension {} ({}); shown without it, as Java \
                         shows it",
                        m.oid, m.reason
                    )
                    };
                    if m.critical {
                        self.fail(err, &r.source, &what);
                    } else {
                        report(err, &r.source, &what);
                    }
                }
            }
        }
    }
}
