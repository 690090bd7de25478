//! The certinfo binary: parse, run, turn the outcome into an exit code.

use clap::Parser;
use std::io::{self, Write};
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

fn main() -> ExitCode {
    tune_malloc();
    let cli = match certinfo::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // clap's own exit for --help/--version is 0; usage errors are 2 (SPEC §6).
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let mut out = io::BufWriter::with_capacity(64 * 1024, raw_stdout());
    let mut err = io::stderr().lock();
    match certinfo::app::run(cli, &mut out, &mut err) {
        Ok(outcome) => ExitCode::from(outcome.exit.code()),
        // A closed pipe (`certinfo list | head -1`) is the reader's choice,
        // not an error: exit quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "certinfo: cannot write output: {e}");
            ExitCode::from(3)
        }
    }
}
