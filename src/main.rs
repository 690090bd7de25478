//! The certinfo binary: parse, run, turn the outcome into an exit code.

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match certinfo::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // clap's own exit for --help/--version is 0; usage errors are 2 (SPEC §6).
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
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
