//! A fast path for the command lines that scripts run once per certificate:
//! `show` and `list` with their options and inputs.
//!
//! clap (see [`crate::cli`]) stays the definition of the command line: help,
//! errors, completions, the man page and every form this module does not
//! take. Building and running clap's parser cost a quarter of `certinfo show`'s
//! own start-up: 70k instructions and about 66 KiB of code to fetch, which on a
//! cold cache (a CI job between other programs) was half of certinfo's time
//! above the cost of starting any process (BENCHMARKS.md).
//!
//! [`parse`] accepts a strict subset of what clap accepts and gives it
//! clap's meaning: `show`/`list` first, then long options as `--name value`
//! or `--name=value`, `-v`, `-f value`, `-fvalue`, `--`, and inputs. Anything
//! else (help, version, a repeated option, a value that starts with `-`, an
//! empty value, an unknown option, invalid UTF-8 in an option) returns `None`,
//! and clap decides, with its own messages. Written by hand because the point
//! is to run almost no code; a unit test parses thousands of generated command
//! lines both ways and requires the same result whenever this one answers,
//! and checks that every option clap defines for `show` and `list` is known
//! here.

use crate::cli::{Cli, ColorWhen, Command, Common, ListFormat, ShowFormat};
use clap::ValueEnum;
use std::ffi::OsString;
use std::path::PathBuf;

/// The long options [`parse`] takes, by subcommand (without `--`).
pub const SHOW_OPTIONS: &[&str] = &[
    "format",
    "verbose",
    "password-env",
    "password-file",
    "password",
    "max-iterations",
];
/// `list` takes `show`'s options and `--color`.
pub const LIST_OPTIONS: &[&str] = &[
    "format",
    "color",
    "verbose",
    "password-env",
    "password-file",
    "password",
    "max-iterations",
];

/// The parsed command line, or `None` when clap must decide (see the module
/// documentation). `args` includes the program name, as `std::env::args_os`.
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let show = match args.get(1)?.to_str()? {
        "show" => true,
        "list" => false,
        _ => return None,
    };
    let known = if show { SHOW_OPTIONS } else { LIST_OPTIONS };
    let mut format: Option<&str> = None;
    let mut color: Option<&str> = None;
    let mut max_iterations: Option<u32> = None;
    let mut common = Common {
        inputs: Vec::new(),
        verbose: false,
        password_env: None,
        password_file: None,
        password: None,
        max_iterations: crate::load::DEFAULT_MAX_ITERATIONS,
    };
    let mut only_inputs = false;
    let mut rest = args[2..].iter();
    while let Some(arg) = rest.next() {
        let bytes = arg.as_encoded_bytes();
        if only_inputs || bytes == b"-" || !bytes.starts_with(b"-") {
            if bytes.is_empty() {
                return None; // clap: an empty path is not a value
            }
            common.inputs.push(PathBuf::from(arg));
            continue;
        }
        if bytes == b"--" {
            only_inputs = true;
            continue;
        }
        let arg = arg.to_str()?;
        let (name, attached) = match arg.strip_prefix("--") {
            Some(long) => match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            },
            None if arg == "-v" => ("verbose", None),
            None if arg.starts_with("-f") && !arg[2..].starts_with('=') => {
                ("format", Some(&arg[2..]).filter(|v| !v.is_empty()))
            }
            None => return None,
        };
        if !known.contains(&name) {
            return None;
        }
        if name == "verbose" {
            if attached.is_some() || common.verbose {
                return None;
            }
            common.verbose = true;
            continue;
        }
        let value = match attached {
            Some(v) => v,
            None => rest.next()?.to_str()?,
        };
        if value.is_empty() || value.starts_with('-') {
            return None;
        }
        let pw_set = common.password_env.is_some()
            || common.password_file.is_some()
            || common.password.is_some();
        let slot_taken = match name {
            "format" => format.replace(value).is_some(),
            "color" => color.replace(value).is_some(),
            "max-iterations" => max_iterations.replace(value.parse().ok()?).is_some(),
            // One of the group "pw", once.
            "password-env" if !pw_set => common.password_env.replace(value.into()).is_some(),
            "password-file" if !pw_set => common.password_file.replace(value.into()).is_some(),
            "password" if !pw_set => common.password.replace(value.into()).is_some(),
            _ => true,
        };
        if slot_taken {
            return None;
        }
    }
    if let Some(n) = max_iterations {
        common.max_iterations = n;
    }
    let command = if show {
        Command::Show {
            format: format.map_or(Some(ShowFormat::Text), |f| {
                ShowFormat::from_str(f, false).ok()
            })?,
            common,
        }
    } else {
        Command::List {
            format: format.map_or(Some(ListFormat::Table), |f| {
                ListFormat::from_str(f, false).ok()
            })?,
            color: color.map_or(Some(ColorWhen::Auto), |c| {
                ColorWhen::from_str(c, false).ok()
            })?,
            common,
        }
    };
    Some(Cli { command })
}

/// For the tests and the `quickargs_diff` fuzz target: a description of the
/// difference when [`parse`] answers and clap does not give the same `Cli`
/// (compared by their `Debug` text), else `None`.
#[doc(hidden)]
pub fn disagreement_with_clap(args: &[OsString]) -> Option<String> {
    let quick = parse(args)?;
    match <Cli as clap::Parser>::try_parse_from(args) {
        Ok(clap) => {
            let (quick, clap) = (format!("{quick:?}"), format!("{clap:?}"));
            (quick != clap).then(|| format!("{args:?}:\n quick: {quick}\n clap:  {clap}"))
        }
        Err(e) => Some(format!("{args:?}: quick: {quick:?}\n clap: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn argv(tokens: &[&str]) -> Vec<OsString> {
        std::iter::once("certinfo")
            .chain(tokens.iter().copied())
            .map(OsString::from)
            .collect()
    }

    /// Whether the fast path answered; panics when it answered otherwise
    /// than clap.
    fn agrees(args: &[OsString]) -> bool {
        if let Some(d) = disagreement_with_clap(args) {
            panic!("{d}");
        }
        parse(args).is_some()
    }

    #[test]
    fn the_common_forms_take_the_fast_path() {
        for tokens in [
            &["show", "cert.pem"][..],
            &["show", "-f", "json", "cert.pem"],
            &["show", "-fpjson", "a.pem", "b.der"],
            &["show", "--format=html", "-v", "-"],
            &["show", "store.p12", "--password-env", "PW"],
            &[
                "show",
                "--password-file",
                "pw.txt",
                "--max-iterations",
                "10",
                "x.jks",
            ],
            &["list", "-f", "json", "bundle.pem"],
            &["list", "--color", "never", "certs/"],
            &[
                "list",
                "--color=always",
                "--format",
                "table",
                "--",
                "-odd-name.pem",
            ],
            &["list"],
        ] {
            assert!(agrees(&argv(tokens)), "{tokens:?} took clap's path");
        }
    }

    #[test]
    fn clap_decides_the_rest() {
        for tokens in [
            &[][..],
            &["--help"],
            &["-V"],
            &["check", "x.pem"],
            &["show", "--help"],
            &["show", "-h"],
            &["show", "-f"],
            &["show", "-f", "jsn", "x"],
            &["show", "-f=json", "x"],
            &["show", "--format="],
            &["show", "-f", "json", "-f", "text"],
            &["show", "-vv"],
            &["show", "-v", "--verbose"],
            &["show", "--verbose=yes"],
            &["show", "--color", "never"],
            &["show", "--password", "a", "--password-env", "B"],
            &["show", "--password", "-secret"],
            &["show", "--max-iterations", "5000000000"],
            &["show", "--max-iter", "5"],
            &["show", ""],
            &["show", "-x"],
        ] {
            assert!(parse(&argv(tokens)).is_none(), "{tokens:?}");
        }
    }

    /// Every option clap defines for `show` and `list` is one this module
    /// knows: a new option must be added here (or the test changed on
    /// purpose), or the fast path would send its users to clap's errors.
    #[test]
    fn knows_every_option_of_show_and_list() {
        let mut cmd = Cli::command();
        cmd.build();
        for (name, known) in [("show", SHOW_OPTIONS), ("list", LIST_OPTIONS)] {
            let sub = cmd.find_subcommand(name).unwrap();
            let mut defined: Vec<&str> = sub
                .get_arguments()
                .filter_map(|a| a.get_long())
                .filter(|l| *l != "help")
                .collect();
            defined.sort_unstable();
            let mut ours = known.to_vec();
            ours.sort_unstable();
            assert_eq!(defined, ours, "{name}");
        }
    }

    /// Thousands of generated command lines: whenever the fast path answers,
    /// clap accepts the line and gives the same `Cli`.
    #[test]
    fn agrees_with_clap_on_generated_command_lines() {
        const POOL: &[&str] = &[
            "show",
            "list",
            "check",
            "help",
            "-",
            "--",
            "",
            "a.pem",
            "dir/",
            "-x",
            "-v",
            "--verbose",
            "--verbose=1",
            "-f",
            "-fjson",
            "-f=json",
            "-fv",
            "-vf",
            "--format",
            "--format=json",
            "--format=",
            "json",
            "pjson",
            "text",
            "html",
            "table",
            "JSON",
            "jsn",
            "--color",
            "--color=never",
            "always",
            "never",
            "auto",
            "--password",
            "pw",
            "--password=pw",
            "--password-env",
            "PW_VAR",
            "--password-file",
            "pw.txt",
            "--password-file=pw.txt",
            "--max-iterations",
            "--max-iterations=7",
            "100",
            "+5",
            "0",
            "4294967295",
            "4294967296",
            "-1",
            "--help",
            "-h",
            "-V",
            "--version",
            "--now",
            "--host",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut fast, mut total) = (0, 0);
        for _ in 0..20_000 {
            let mut tokens = vec![["show", "list"][next(2)]];
            for _ in 0..next(7) {
                tokens.push(POOL[next(POOL.len())]);
            }
            total += 1;
            if agrees(&argv(&tokens)) {
                fast += 1;
            }
        }
        // The test means something only if the fast path answers often.
        assert!(fast * 10 > total, "{fast} of {total}");
    }

    #[cfg(unix)]
    #[test]
    fn inputs_need_not_be_utf8() {
        use std::os::unix::ffi::OsStringExt;
        let mut args = argv(&["show"]);
        args.push(OsString::from_vec(vec![b'c', 0xff, b'.', b'p', b'e', b'm']));
        assert!(agrees(&args));
    }
}
