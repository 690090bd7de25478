//! Resolves the command line against the environment once (tty, `NO_COLOR`,
//! `TZ`, the clock), runs a command and gathers the [`Outcome`].
//!
//! This is the only module that reads the environment.

use crate::check::{self, Policy};
use crate::cli::{Cli, ColorWhen, Command, Common};
use crate::exit::Exit;
use crate::input::Input;
use crate::load::{LoadOptions, Password};
use crate::pipeline::{self, Sink};

use crate::render::check::CheckFormat;
use crate::render::{self, JavaZone, ListFormat, RenderOptions, ShowFormat};
use std::io::{self, IsTerminal, Write};

/// What a run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The exit code to return.
    pub exit: Exit,
}

/// What to render.
enum Output {
    Show(ShowFormat),
    List(ListFormat),
    Check(CheckFormat, Policy),
}

/// Every decision derived from the command line and the environment.
struct Settings {
    inputs: Vec<Input>,
    zone: JavaZone,
    color: bool,
    now_ms: i64,
    width: Option<u16>,
    stdout_tty: bool,
    verbose: bool,
    load: LoadOptions,
    /// A password may be asked for on the terminal.
    can_prompt: bool,
}

/// Resolves `--password-env`, `--password-file` and `--password`.
fn password(common: &Common, err: &mut dyn Write) -> Result<Option<Password>, Exit> {
    if let Some(var) = &common.password_env {
        return match std::env::var(var) {
            Ok(v) => Ok(Some(Password::new(v))),
            Err(_) => {
                let _ = writeln!(
                    err,
                    "certinfo: --password-env {var}: the environment variable {var} is not set (or not UTF-8)"
                );
                Err(Exit::Password)
            }
        };
    }
    if let Some(file) = &common.password_file {
        return match std::fs::read_to_string(file) {
            Ok(text) => {
                let first = text.lines().next().unwrap_or("");
                Ok(Some(Password::new(first)))
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "certinfo: --password-file {}: cannot read it ({e})",
                    file.display()
                );
                Err(Exit::Password)
            }
        };
    }
    if let Some(pw) = &common.password {
        let _ = writeln!(
            err,
            "certinfo: warning: --password is visible to other users of this machine; prefer --password-env VAR or --password-file FILE"
        );
        return Ok(Some(Password::new(pw.clone())));
    }
    Ok(None)
}

/// The instant of judgement: `--now`, else `SOURCE_DATE_EPOCH` (seconds), else the clock.
fn now_ms(now: Option<jiff::Timestamp>, err: &mut dyn Write) -> Result<i64, Exit> {
    if let Some(t) = now {
        return Ok(t.as_millisecond());
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => match v.trim().parse::<i64>() {
            Ok(secs) => Ok(secs.saturating_mul(1000)),
            Err(_) => {
                let _ = writeln!(
                    err,
                    "certinfo: SOURCE_DATE_EPOCH={v:?} is not a number of seconds"
                );
                Err(Exit::Usage)
            }
        },
        _ => Ok(jiff::Timestamp::now().as_millisecond()),
    }
}

fn resolve(
    common: &Common,
    color_when: Option<ColorWhen>,
    now: Option<jiff::Timestamp>,
    err: &mut dyn Write,
) -> Result<Settings, Exit> {
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match color_when {
        None | Some(ColorWhen::Never) => false,
        Some(ColorWhen::Always) => true,
        Some(ColorWhen::Auto) => stdout_tty && !no_color && !dumb,
    };
    let mut inputs = Vec::new();
    if common.inputs.is_empty() {
        if io::stdin().is_terminal() {
            let _ = writeln!(
                err,
                "certinfo: no input given and standard input is a terminal; name a file, a directory or `-`"
            );
            return Err(Exit::Usage);
        }
        inputs.push(Input::Stdin);
    }
    for p in &common.inputs {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else {
            inputs.push(Input::Path(p.clone()));
        }
    }
    let password = password(common, err)?;
    let can_prompt =
        password.is_none() && io::stdin().is_terminal() && !inputs.contains(&Input::Stdin);
    let tz = std::env::var("TZ").ok();
    let now_ms = now_ms(now, err)?;
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            stdout_tty
                .then(|| comfy_table::Table::new().width())
                .flatten()
        });
    Ok(Settings {
        inputs,
        zone: JavaZone::resolve(tz.as_deref()),
        color,
        now_ms,
        width,
        stdout_tty,
        verbose: common.verbose,
        load: LoadOptions {
            password,
            max_iterations: common.max_iterations,
        },
        can_prompt,
    })
}

/// Runs the parsed command line, writing records to `out` and diagnostics to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let (output, common) = match &cli.command {
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // build(): the subcommands' arguments are deferred (cli.rs).
            let mut cmd = Cli::command();
            cmd.build();
            let shell = match shell {
                crate::cli::Shell::Bash => clap_complete::Shell::Bash,
                crate::cli::Shell::Zsh => clap_complete::Shell::Zsh,
                crate::cli::Shell::Fish => clap_complete::Shell::Fish,
                crate::cli::Shell::Powershell => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut cmd, "certinfo", out);
            out.flush()?;
            return Ok(Outcome {
                exit: Exit::Success,
            });
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            cmd.build();
            clap_mangen::Man::new(cmd).render(out)?;
            out.flush()?;
            return Ok(Outcome {
                exit: Exit::Success,
            });
        }
        Command::Show { format, common } => (
            Output::Show(match format {
                crate::cli::ShowFormat::Text => ShowFormat::Text,
                crate::cli::ShowFormat::Json => ShowFormat::Json,
                crate::cli::ShowFormat::Pjson => ShowFormat::Pjson,
                crate::cli::ShowFormat::Html => ShowFormat::Html,
            }),
            common,
        ),
        Command::List { format, common, .. } => (
            Output::List(match format {
                crate::cli::ListFormat::Table => ListFormat::Table,
                crate::cli::ListFormat::Json => ListFormat::Json,
                crate::cli::ListFormat::Pjson => ListFormat::Pjson,
                crate::cli::ListFormat::Html => ListFormat::Html,
            }),
            common,
        ),
        Command::Check {
            format,
            expires_within,
            min_rsa_bits,
            host,
            allow,
            common,
            ..
        } => (
            Output::Check(
                match format {
                    crate::cli::CheckFormat::Text => CheckFormat::Text,
                    crate::cli::CheckFormat::Json => CheckFormat::Json,
                    crate::cli::CheckFormat::Junit => CheckFormat::Junit,
                },
                Policy {
                    now_ms: 0,
                    expires_within_ms: *expires_within,
                    min_rsa_bits: *min_rsa_bits,
                    min_ec_bits: 256,
                    host: host.clone(),
                    allow: allow.clone(),
                },
            ),
            common,
        ),
    };
    // Only the table is ever coloured; `--color` is an option of `list`.
    let color_when = match &cli.command {
        Command::List {
            format: crate::cli::ListFormat::Table,
            color,
            ..
        } => Some(*color),
        _ => None,
    };
    let now = match &cli.command {
        Command::Check { now, .. } => *now,
        _ => None,
    };
    let s = match resolve(common, color_when, now, err) {
        Ok(s) => s,
        Err(exit) => return Ok(Outcome { exit }),
    };
    let opts = RenderOptions {
        zone: &s.zone,
        color: s.color,
        now_ms: s.now_ms,
        width: s.width,
        sanitize: s.stdout_tty,
    };
    let ctx = pipeline::Context {
        inputs: &s.inputs,
        load: &s.load,
        verbose: s.verbose,
        can_prompt: s.can_prompt,
        now_ms: s.now_ms,
    };
    let sink = match output {
        Output::Show(f) if f != ShowFormat::Html => Sink::Show(f),
        Output::List(ListFormat::Json) => Sink::ListJson(false),
        Output::List(ListFormat::Pjson) => Sink::ListJson(true),
        _ => Sink::Collect,
    };
    let (records, exit) = pipeline::run(&ctx, sink, &opts, out, err)?;
    let nothing = records.is_empty();
    match output {
        _ if sink != Sink::Collect => {}
        Output::Show(f) => render::show(&records, f, &opts, out)?,
        // An empty list document is still printed for json, so pipelines see
        // valid JSON; the table is skipped when there is nothing to show.
        Output::List(ListFormat::Table) if nothing => {}
        Output::List(f) => render::list(&records, f, &opts, out)?,
        Output::Check(f, mut policy) => {
            policy.now_ms = s.now_ms;
            let report = check::judge(&records, &policy);
            render::check::render(&report, f, &opts, out)?;
            out.flush()?;
            let verdict = if report.failed() > 0 {
                Exit::CheckFailed
            } else {
                Exit::Success
            };
            return Ok(Outcome {
                exit: exit.merge(verdict),
            });
        }
    }
    out.flush()?;
    Ok(Outcome { exit })
}
