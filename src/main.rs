//! The certinfo binary: parse, run, turn the outcome into an exit code.
// On glibc Linux the C `main` below is the entry point: std's runtime set-up
// reads /proc/self/maps and maps a signal stack to report stack overflows,
// which was a tenth of the user-space time of `show` on one certificate.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

use clap::{CommandFactory, FromArgMatches};
use std::io::{self, Write};
#[cfg(any(not(all(target_os = "linux", target_env = "gnu")), test))]
use std::process::ExitCode;

/// Keeps glibc's malloc from handing memory back to the kernel between the
/// pipeline's rounds. With the defaults, every round of a large bundle grew
/// the per-thread heaps again after the previous round's frees had trimmed
/// them, and 1 MiB read and output buffers were fresh `mmap`s: 100,000 page
/// faults and a fifth of the CPU time on a 100k-certificate bundle
/// (BENCHMARKS.md). Peak memory is unchanged (it is the peak either way).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    // SAFETY: mallopt only sets allocator parameters; it is called before any
    // other thread exists, with parameters and values glibc documents.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}

/// Standard output without std's line buffering. `Stdout` is always a
/// `LineWriter`, which searches every buffer written for its last newline:
/// on compact JSON (one line of 200 MB for a 100k bundle) that search was
/// 1 % of the run. Our own `BufWriter` does the buffering; a duplicate of
/// descriptor 1 takes the writes as they are.
fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

/// The process entry point without std's runtime set-up (std still reads
/// the arguments, through glibc's init array). What that set-up did that
/// certinfo needs is done here: SIGPIPE is ignored, so that a closed pipe is
/// a `BrokenPipe` error, handled below.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[no_mangle]
pub extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    // SAFETY: called first, on the only thread; SIG_IGN is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    libc::c_int::from(run())
}

#[cfg(any(not(all(target_os = "linux", target_env = "gnu")), test))]
fn main() -> ExitCode {
    ExitCode::from(run())
}

/// `Cli::try_parse()`, without freeing clap's command tree and matches at
/// the end: the process is about to end, and the hundred frees were 4 % of
/// `show`'s instructions on one certificate.
fn clap_parse(args: Vec<std::ffi::OsString>) -> Result<certinfo::cli::Cli, clap::Error> {
    let mut cmd = certinfo::cli::Cli::command();
    let parsed = cmd
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| {
            let cli = certinfo::cli::Cli::from_arg_matches_mut(&mut matches);
            std::mem::forget(matches);
            cli
        })
        .map_err(|e| e.format(&mut cmd));
    std::mem::forget(cmd);
    parsed
}

/// Parses the command line (the common `show` and `list` forms without
/// clap: `certinfo::quickargs`), runs it, and returns the exit code.
fn run() -> u8 {
    tune_malloc();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = match certinfo::quickargs::parse(&args) {
        Some(cli) => Ok(cli),
        None => clap_parse(args),
    };
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // clap's own exit for --help/--version is 0; usage errors are 2 (SPEC §6).
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let mut out = io::BufWriter::with_capacity(64 * 1024, raw_stdout());
    let mut err = io::stderr().lock();
    let code = match certinfo::app::run(cli, &mut out, &mut err) {
        Ok(outcome) => outcome.exit.code(),
        // A closed pipe (`certinfo list | head -1`) is the reader's choice,
        // not an error: exit quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "certinfo: cannot write output: {e}");
            3
        }
    };
    code
}
