//! The certinfo binary: parse the command line, run it, return the exit code.
#![forbid(unsafe_code)]

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

/// Standard output without std's line buffering, which searches every write
/// for its last newline (one 200 MB line of compact JSON for a 100k bundle;
/// BENCHMARKS.md#kept-devices). Our `BufWriter` buffers instead.
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
    certinfo::secret::forbid_core_dumps();
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let password = certinfo::secret::take_password_arg(&mut args);
    let parsed = certinfo::cli::Cli::try_parse_from(&args);
    certinfo::secret::wipe(args);
    let cli = match parsed {
        Ok(mut cli) => {
            cli.password =
                password.map(|mut p| certinfo::load::Password::new(std::mem::take(&mut *p)));
            cli
        }
        Err(e) => {
            let _ = e.print();
            // clap's own exit for --help/--version is 0; usage errors are 2 (SPEC §6).
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let mut out = io::BufWriter::with_capacity(64 * 1024, raw_stdout());
    let mut err = io::stderr().lock();
    let code = match certinfo::app::run(cli, &mut out, &mut err) {
        Ok(outcome) => outcome.exit.code(),
        // A closed pipe (`certinfo list | head -1`) is the reader's choice.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "certinfo: cannot write output: {e}");
            3
        }
    };
    ExitCode::from(code)
}
