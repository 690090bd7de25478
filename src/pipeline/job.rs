//! Running one job: read (whole files), load, model — on a worker thread.
//!
//! Reports every problem into the job's own message buffer (written to
//! stderr in input order by the run loop); never names loose certificates
//! (`naming.rs` does) and never renders.

use super::plan::Job;
use super::pool::par_map;
use super::{cores, Context, Said};
use crate::exit::Exit;
use crate::input::Input;
use crate::load::{self, LoadError, LoadOptions, Password};
use crate::model::{self, CertProblem, EntryRecord};
use std::io;

/// Which part of an input a job was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole input.
    Whole,
    /// A chunk of a large PEM file; `last`: no chunk of it follows.
    Chunk {
        /// No chunk of this input follows.
        last: bool,
    },
}

/// What a job gave, for the run loop to take in input order.
pub struct Done {
    /// The command-line input it came from.
    pub top: usize,
    /// The stem loose certificates are named after (`Input::stem`).
    pub stem: String,
    /// Which part of its input this was.
    pub part: Part,
    /// Its records, loose certificates not yet named.
    pub records: Vec<EntryRecord>,
    /// Its stderr lines and failures.
    pub said: Said,
    /// The worst outcome of the job.
    pub exit: Exit,
    /// A chunk's buffer, handed back for the next read.
    pub spare: Option<Vec<u8>>,
    /// Entries the chunk loaded (its certificates, modelled or not).
    pub entries: usize,
    /// A chunk's certificates that could not be modelled: reported by the
    /// run loop, which numbers them as entries of the whole file.
    pub deferred: Vec<(load::ContainerFormat, CertProblem)>,
    /// The format its records came from (`None` before any was loaded).
    pub format: Option<load::ContainerFormat>,
    /// The input could not be loaded at all (reported).
    pub failed: bool,
    /// Its certificate requests and CRLs (`LoadOptions::others`), with the
    /// name of the input each came from.
    pub others: Vec<(std::sync::Arc<str>, load::Other)>,
}

/// Runs one job: reads a whole file, loads and models it. A panic (a bug)
/// becomes an error of that input, reported and counted in the exit code;
/// the other inputs go on.
pub fn run(job: Job, ctx: &Context<'_>) -> Done {
    let name = job.input().display();
    let part = match &job {
        Job::Whole { .. } => Part::Whole,
        Job::Chunk { last, .. } | Job::Entries { last, .. } => Part::Chunk { last: *last },
    };
    let done = Done {
        top: job.top(),
        stem: job.input().stem(),
        part,
        records: Vec::new(),
        said: Said::default(),
        exit: Exit::Success,
        spare: None,
        entries: 0,
        deferred: Vec::new(),
        format: None,
        failed: false,
        others: Vec::new(),
    };
    let (top, stem) = (done.top, done.stem.clone());
    guarded(top, &name, stem, part, || {
        run_unguarded(job, &name, ctx, done)
    })
}

/// `work()`, or on a panic an empty result that reports it.
fn guarded(top: usize, name: &str, stem: String, part: Part, work: impl FnOnce() -> Done) -> Done {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        let mut said = Said::default();
        let what = "internal error while reading this input (a bug in certinfo; please report it)";
        said.fail(name, what);
        Done {
            top,
            stem,
            part,
            records: Vec::new(),
            said,
            exit: Exit::Input,
            spare: None,
            entries: 0,
            deferred: Vec::new(),
            format: None,
            failed: true,
            others: Vec::new(),
        }
    })
}

/// Reads a server's chain into `done`, with its host and stapled OCSP
/// response on every record.
fn remote(target: &crate::remote::Target, name: &str, ctx: &Context<'_>, done: &mut Done) {
    match crate::remote::fetch(target) {
        Ok(fetched) => {
            for w in &fetched.warnings {
                done.said.note(name, &format!("warning: {w}"));
            }
            if ctx.verbose {
                for d in &fetched.details {
                    done.said.note(name, d);
                }
            }
            load_one(name, &fetched.der, None, ctx, done);
            let host: std::sync::Arc<str> = target.host.as_str().into();
            let ocsp: Option<std::sync::Arc<[u8]>> = fetched.ocsp.map(Into::into);
            for r in &mut done.records {
                r.server_host = Some(std::sync::Arc::clone(&host));
                r.stapled_ocsp.clone_from(&ocsp);
            }
        }
        Err(e) => {
            done.said.fail(name, &e.to_string());
            done.exit = Exit::Input;
        }
    }
}

/// Reads, loads and models `job` into `done` (its identity already set).
fn run_unguarded(job: Job, name: &str, ctx: &Context<'_>, mut done: Done) -> Done {
    match job {
        Job::Whole {
            input: Input::Remote(target),
            ..
        } => remote(&target, name, ctx, &mut done),
        Job::Whole { input, in_dir, .. } => {
            let bytes = match input.read(ctx.max_input) {
                Ok(b) => b,
                Err(e) => {
                    let what = match e.kind() {
                        io::ErrorKind::NotFound => "no such file or directory".to_string(),
                        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                        _ => e.to_string(),
                    };
                    done.said.fail(name, &what);
                    done.exit = Exit::Input;
                    return done;
                }
            };
            if let Some(what) = in_dir
                .then(|| load::passed_over(&bytes, ctx.load.others))
                .flatten()
            {
                // A Let's Encrypt folder's privkey.pem, a CSR, a CRL: no
                // certificate to show, and not an error in a walk.
                done.said
                    .note(name, &format!("passed over: {what}, no certificate"));
                return done;
            }
            if in_dir && load::sniff::sniff(&bytes).is_none() {
                // Files that are no certificate format at all (READMEs,
                // scripts) are passed over in a directory walk; the directory
                // fails only if it yields nothing.
                if ctx.verbose {
                    done.said.note(name, "skipped: not a certificate format");
                }
                return done;
            }
            load_one(name, &bytes, None, ctx, &mut done);
        }
        Job::Chunk {
            bytes, first_block, ..
        } => {
            load_one(name, &bytes, Some(first_block), ctx, &mut done);
            done.spare = Some(bytes);
        }
        Job::Entries {
            format,
            entries,
            head,
            ..
        } => {
            let exit = match head {
                Some(head) => {
                    done.said = head.said;
                    done.failed = head.failed;
                    done.others = head.others;
                    head.exit
                }
                None => Exit::Success,
            };
            model_into(name, entries, format, true, ctx, exit, &mut done);
        }
    }
    done
}

/// Loads one input's bytes into entry records, reporting every problem.
fn load_one(
    name: &str,
    bytes: &[u8],
    first_block: Option<usize>,
    ctx: &Context<'_>,
    done: &mut Done,
) {
    let (mut loaded, exit) = match load_reported(name, bytes, first_block, ctx, &mut done.said) {
        Ok(l) => l,
        Err(None) => return,
        Err(Some(exit)) => {
            done.exit = exit;
            done.failed = true;
            return;
        }
    };
    let source: std::sync::Arc<str> = name.into();
    done.others.extend(
        std::mem::take(&mut loaded.others)
            .into_iter()
            .map(|o| (std::sync::Arc::clone(&source), o)),
    );
    let first_part = first_block.is_none_or(|b| b == 1);
    let exit = exit.merge(report_loaded(
        name,
        &loaded,
        first_part,
        ctx,
        &mut done.said,
    ));
    model_into(
        name,
        loaded.entries,
        loaded.format,
        first_block.is_some(),
        ctx,
        exit,
        done,
    );
}

/// Loads `bytes` (a chunk's from its first block on), asking for a password
/// on the terminal where allowed. An error is reported into `said` and
/// gives the exit it calls for; a chunk without certificates gives
/// `Err(None)`: its file is judged at its end.
pub(super) fn load_reported(
    name: &str,
    bytes: &[u8],
    first_block: Option<usize>,
    ctx: &Context<'_>,
    said: &mut Said,
) -> Result<(load::Loaded, Exit), Option<Exit>> {
    let mut result = match first_block {
        Some(b) => load::pem::load_from(bytes, ctx.load, b),
        None => load::load_bytes(bytes, ctx.load),
    };
    if ctx.can_prompt && matches!(result, Err(LoadError::PasswordRequired { .. })) {
        // Only on a terminal, and only when no password source was given.
        if let Ok(pw) = rpassword::prompt_password(prompt(name)) {
            let opts = LoadOptions {
                password: Some(Password::new(pw)),
                ..ctx.load.clone()
            };
            result = load::load_bytes(bytes, &opts);
        }
    }
    let mut exit = Exit::Success;
    if first_block.is_some() && memchr::memmem::find(bytes, b"PRIVATE KEY-----").is_some() {
        // Only standard input can get here: a file with a key is never cut.
        let what = "PEM: a private key more than 4 MiB into standard input is paired only with \
                    the certificates near it; pass the file by path to pair it with all of them";
        said.fail(name, what);
        exit = Exit::Input;
    }
    match result {
        Ok(l) => Ok((l, exit)),
        Err(LoadError::NoCertificate { .. } | LoadError::NoCertificateIn { .. })
            if first_block.is_some() =>
        {
            Err(None)
        }
        Err(e) => {
            let pkcs12 = matches!(
                e,
                LoadError::PasswordRequired {
                    format: load::ContainerFormat::Pkcs12
                } | LoadError::WrongPassword {
                    format: load::ContainerFormat::Pkcs12
                }
            );
            if ctx.verbose && pkcs12 {
                // What the file uses, as far as it could be read.
                for d in load::pkcs12::details_of_failure(bytes, ctx.load) {
                    said.note(name, &d);
                }
            }
            said.fail(name, &e.to_string());
            Err(Some(if e.is_password() {
                Exit::Password
            } else {
                Exit::Input
            }))
        }
    }
}

/// Models loaded entries into `done`, reporting their problems (a part's
/// are deferred to the run loop, which numbers them as the whole file's).
pub(super) fn model_into(
    name: &str,
    entries: Vec<load::LoadedEntry>,
    format: load::ContainerFormat,
    part: bool,
    ctx: &Context<'_>,
    mut exit: Exit,
    done: &mut Done,
) {
    done.entries = entries.len();
    let (records, problems) = build_records(entries, name, ctx.now_ms, ctx.keep);
    if !problems.is_empty() {
        exit = Exit::Input;
    }
    if part {
        done.deferred = problems.into_iter().map(|p| (format, p)).collect();
    } else {
        for p in &problems {
            done.said.fail(name, &format!("{format}: {p}"));
        }
    }
    // A broken extension does not hide the certificate (reported by the run
    // loop, which knows the record's final alias). One Java tolerates (not
    // critical) is a warning; a critical one, for which Java refuses the
    // certificate, makes the input's exit 3.
    let malformed = |r: &EntryRecord| {
        r.chain
            .iter()
            .any(|c| c.malformed_extensions.iter().any(|m| m.critical))
    };
    if records.iter().any(malformed) {
        exit = Exit::Input;
    }
    if records.is_empty() && exit == Exit::Success && !part && done.others.is_empty() {
        let what = LoadError::NoCertificate { format }.to_string();
        done.said.fail(name, &what);
        exit = Exit::Input;
    }
    done.format = Some(format);
    done.records = records;
    done.exit = done.exit.merge(exit);
}

/// Reports what the loader said of an input (the format, with `--verbose`,
/// only for its first part); returns the exit its problems call for.
pub(super) fn report_loaded(
    name: &str,
    loaded: &load::Loaded,
    first_part: bool,
    ctx: &Context<'_>,
    said: &mut Said,
) -> Exit {
    if ctx.verbose && first_part {
        said.note(name, &format!("format: {}", loaded.format));
    }
    if ctx.verbose {
        for d in &loaded.details {
            said.note(name, d);
        }
    }
    for w in &loaded.warnings {
        said.note(name, &format!("warning: {w}"));
    }
    for p in &loaded.problems {
        said.fail(name, &format!("{}: {p}", loaded.format));
    }
    if loaded.problems.is_empty() {
        Exit::Success
    } else {
        Exit::Input
    }
}

/// The password prompt for an input; its name is escaped like every other
/// text certinfo prints.
pub(crate) fn prompt(name: &str) -> String {
    format!("Password for {}: ", crate::render::term::sanitize(name))
}

/// Entries of one container at least this many are modelled on every core.
const PARALLEL_ENTRIES: usize = 512;

/// Models a container's entries; a large keystore is split across the cores.
/// Loose certificates are not: they come from PEM bundles, whose chunks
/// already keep every worker busy (splitting them again oversubscribes).
fn build_records(
    entries: Vec<load::LoadedEntry>,
    name: &str,
    now_ms: i64,
    keep: model::Keep,
) -> (Vec<EntryRecord>, Vec<CertProblem>) {
    if entries.len() < PARALLEL_ENTRIES || entries.iter().any(|e| e.alias.is_none()) {
        return model::build_keeping(entries, name, now_ms, 0, keep);
    }
    let threads = cores();
    if threads < 2 {
        return model::build_keeping(entries, name, now_ms, 0, keep);
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
        model::build_keeping(part, name, now_ms, first, keep)
    });
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (r, p) in built {
        records.extend(r);
        problems.extend(p);
    }
    (records, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompt_escapes_the_name() {
        assert_eq!(prompt("a\u{1b}[2J.p12"), "Password for a\\u{1b}[2J.p12: ");
    }

    #[test]
    fn a_panic_is_an_error_of_its_input() {
        let done = guarded(2, "x.pem", "x".into(), Part::Whole, || panic!("boom"));
        assert_eq!(done.exit, Exit::Input);
        assert_eq!(done.top, 2);
        let msg = String::from_utf8(done.said.text).unwrap();
        assert!(msg.starts_with("certinfo: x.pem: internal error"), "{msg}");
        assert_eq!(&*done.said.failures[0].input, "x.pem");
    }
}
