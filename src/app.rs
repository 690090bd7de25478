//! Resolves the command line against the environment once (tty, `NO_COLOR`,
//! `TZ`, the clock), runs a command and gathers the [`Outcome`].
//!
//! This is the only module that reads the environment; it never parses
//! certificates or formats records.

use crate::check::{self, Policy};
use crate::cli::{Cli, ColorWhen, Command, Common};
use crate::exit::Exit;
use crate::input::Input;
use crate::load::{LoadOptions, Password};
use crate::pipeline;
use crate::remote;
use crate::render::check::CheckFormat;
use crate::render::{Format, JavaZone, ListFormat, RenderOptions, Renderer};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What a run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The exit code to return.
    pub exit: Exit,
    /// The document was written to its end (`--output` then moves it into
    /// place); false when the command stopped before writing it.
    pub written: bool,
}

impl Outcome {
    /// A command that stopped before writing its document.
    fn stopped(exit: Exit) -> Outcome {
        Outcome {
            exit,
            written: false,
        }
    }
}

/// Why the command line could not be resolved against the environment.
#[derive(Debug, thiserror::Error)]
enum SetupError {
    #[error("{0} {1}: the environment variable {1} is not set (or not UTF-8)")]
    PasswordEnv(&'static str, String),
    #[error("--password-file {}: cannot read it ({source})", path.display())]
    PasswordFile { path: PathBuf, source: io::Error },
    #[error("--password-file {}: its first line is longer than {MAX_PASSWORD_LINE} bytes; no password is", .0.display())]
    PasswordLineTooLong(PathBuf),
    #[error("SOURCE_DATE_EPOCH={0:?} is not a number of seconds")]
    SourceDateEpoch(String),
    #[error("no input given and standard input is a terminal; name a file, a directory or `-`")]
    NoInput,
    #[error("--targets {0}: cannot read it ({1})")]
    Targets(String, String),
    #[error("--files-from {0}: cannot read it ({1})")]
    FilesFrom(String, String),
    #[error(
        "standard input can be read once: as `-`, --targets - or --files-from -, not two of them"
    )]
    StdinTwice,
    #[error("--proxy {0}")]
    Proxy(String),
    #[error("{0}")]
    Client(String),
    #[error("{0}")]
    ClientPassword(String),
}

impl SetupError {
    fn exit(&self) -> Exit {
        match self {
            SetupError::PasswordEnv(..)
            | SetupError::PasswordFile { .. }
            | SetupError::ClientPassword(_) => Exit::Password,
            SetupError::PasswordLineTooLong(_)
            | SetupError::Targets(..)
            | SetupError::FilesFrom(..)
            | SetupError::Client(_) => Exit::Input,
            SetupError::SourceDateEpoch(_)
            | SetupError::NoInput
            | SetupError::Proxy(_)
            | SetupError::StdinTwice => Exit::Usage,
        }
    }
}

/// What to write.
enum Output {
    /// A `show` or `list` document.
    Records(Format),
    /// The `check` report, and where its trust anchors come from.
    Check(CheckFormat, Box<Policy>, Box<crate::cli::TrustArgs>),
    /// The `inspect` document.
    Inspect(crate::render::inspect::InspectFormat),
}

/// Every decision derived from the command line and the environment.
struct Settings {
    inputs: Vec<Input>,
    zone: JavaZone,
    color: bool,
    now_ms: i64,
    width: Option<u16>,
    verbose: bool,
    load: LoadOptions,
    /// A password may be asked for on the terminal.
    can_prompt: bool,
    /// The largest input read, in bytes.
    max_input: u64,
    /// Worker threads when servers are read (`--jobs`).
    jobs: usize,
}

/// The most `--password-file` reads: its first line, up to this many bytes
/// (a stated bound, so that `/dev/zero` or a FIFO named by mistake cannot
/// fill memory).
pub const MAX_PASSWORD_LINE: u64 = 64 * 1024;

/// The first line of a password file, without its line end. Read into one
/// buffer sized for the longest line (no reallocation, no reader buffer
/// left holding the secret), which becomes the password's only copy.
fn first_line(path: &Path) -> Result<String, SetupError> {
    use std::io::Read;
    let fail = |source| SetupError::PasswordFile {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let cap = MAX_PASSWORD_LINE as usize + 1;
    let mut line = zeroize::Zeroizing::new(Vec::with_capacity(cap));
    let mut byte = [0u8; 1];
    // One byte per read: the line is short, and nothing past it is read.
    while line.len() < cap {
        match file.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => line.push(byte[0]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(e)),
        }
    }
    zeroize::Zeroize::zeroize(&mut byte);
    if line.len() as u64 > MAX_PASSWORD_LINE {
        return Err(SetupError::PasswordLineTooLong(path.to_path_buf()));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(std::mem::take(&mut *line)).map_err(|e| {
        zeroize::Zeroize::zeroize(&mut e.into_bytes());
        let e = io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        fail(e)
    })
}

/// Reads `check`'s `--trust` and `--intermediates` (with their own password
/// options); on failure, says why on `err` and gives the exit code.
fn trust_set(
    args: &crate::cli::TrustArgs,
    s: &Settings,
    err: &mut dyn Write,
) -> Result<crate::trust::TrustSet, Exit> {
    let fail = |e: SetupError, err: &mut dyn Write| {
        let _ = writeln!(err, "certinfo: {e}");
        e.exit()
    };
    let password = match secret(
        ("--trust-password-env", args.trust_password_env.as_ref()),
        args.trust_password_file.as_ref(),
    ) {
        Ok(p) => p,
        Err(e) => return Err(fail(e, err)),
    };
    let opts = LoadOptions {
        password,
        ..s.load.clone()
    };
    let mut warnings = Vec::new();
    let set = crate::anchors::trust_set(args, &opts, s.max_input, &mut |w| warnings.push(w));
    for w in warnings {
        let _ = writeln!(
            err,
            "certinfo: warning: {}",
            crate::render::term::sanitize(&w)
        );
    }
    set.map_err(|e| {
        let exit = match &e {
            crate::anchors::AnchorError::Source { password: true, .. } => Exit::Password,
            _ => Exit::Input,
        };
        let _ = writeln!(
            err,
            "certinfo: {}",
            crate::render::term::sanitize(&e.to_string())
        );
        exit
    })
}

/// A password from an environment variable or a file's first line.
fn secret(
    env: (&'static str, Option<&String>),
    file: Option<&PathBuf>,
) -> Result<Option<Password>, SetupError> {
    if let (option, Some(var)) = env {
        return match std::env::var(var) {
            Ok(v) => Ok(Some(Password::new(v))),
            Err(_) => Err(SetupError::PasswordEnv(option, var.clone())),
        };
    }
    match file {
        Some(f) => first_line(f).map(|line| Some(Password::new(line))),
        None => Ok(None),
    }
}

/// Resolves `--password-env`, `--password-file` and `--password` (`taken`:
/// its value, when main took it out of the arguments; see `secret.rs`).
fn password(
    common: &Common,
    taken: Option<&Password>,
    err: &mut dyn Write,
) -> Result<Option<Password>, SetupError> {
    if common.password_env.is_some() || common.password_file.is_some() {
        return secret(
            ("--password-env", common.password_env.as_ref()),
            common.password_file.as_ref(),
        );
    }
    if let Some(pw) = &common.password {
        let _ = writeln!(
            err,
            "certinfo: warning: --password is visible to other users of this machine; prefer --password-env VAR or --password-file FILE"
        );
        return Ok(Some(match taken {
            Some(p) => p.clone(),
            None => Password::new(pw.clone()),
        }));
    }
    Ok(None)
}

/// The instant of judgement: `--now`, else `SOURCE_DATE_EPOCH` (seconds), else the clock.
fn now_ms(now: Option<jiff::Timestamp>) -> Result<i64, SetupError> {
    if let Some(t) = now {
        return Ok(t.as_millisecond());
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => match v.trim().parse::<i64>() {
            Ok(secs) => Ok(secs.saturating_mul(1000)),
            Err(_) => Err(SetupError::SourceDateEpoch(v)),
        },
        _ => Ok(jiff::Timestamp::now().as_millisecond()),
    }
}

fn resolve(
    common: &Common,
    taken: Option<&Password>,
    color_when: Option<ColorWhen>,
    now: Option<jiff::Timestamp>,
    err: &mut dyn Write,
) -> Result<Settings, SetupError> {
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let color = match color_when {
        None | Some(ColorWhen::Never) => false,
        Some(ColorWhen::Always) => true,
        Some(ColorWhen::Auto) => stdout_tty && !no_color && !dumb,
    };
    let mut inputs = Vec::new();
    let dash = |p: &Option<PathBuf>| p.as_ref().is_some_and(|p| p.as_os_str() == "-");
    let stdin_uses =
        usize::from(common.inputs.iter().any(|p| p.as_os_str() == "-") && !common.remote)
            + usize::from(dash(&common.targets))
            + usize::from(dash(&common.files_from));
    if stdin_uses > 1 {
        return Err(SetupError::StdinTwice);
    }
    if common.inputs.is_empty() && common.targets.is_none() && common.files_from.is_none() {
        if io::stdin().is_terminal() {
            return Err(SetupError::NoInput);
        }
        inputs.push(Input::Stdin);
    }
    let password = password(common, taken, err)?;
    let load = LoadOptions {
        password,
        max_iterations: common.max_iterations,
        max_certificates: common.max_certificates,
        others: false,
    };
    let settings = std::sync::Arc::new(remote_settings(common, &load)?);
    for p in &common.inputs {
        inputs.push(input_of(p, common.remote, &settings));
    }
    if let Some(list) = &common.files_from {
        let bytes =
            read_list(list).map_err(|e| SetupError::FilesFrom(list.display().to_string(), e))?;
        inputs.extend(crate::input::paths_in(&bytes, common.null).map(Input::Path));
    }
    if let Some(list) = &common.targets {
        for line in target_lines(list)? {
            inputs.push(input_of(Path::new(&line), true, &settings));
        }
    }
    let can_prompt =
        load.password.is_none() && io::stdin().is_terminal() && !inputs.contains(&Input::Stdin);
    let tz = std::env::var("TZ").ok();
    let now_ms = now_ms(now)?;
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
        verbose: common.verbose,
        load,
        max_input: common.max_input_mib.saturating_mul(1 << 20),
        can_prompt,
        jobs: usize::from(common.jobs),
    })
}

/// Prints a completion script or the man page, generated from the definitions.
fn generate(command: &Command, out: &mut dyn Write) -> io::Result<Outcome> {
    use clap::CommandFactory;
    // build(): the subcommands' arguments are deferred (cli.rs).
    let mut cmd = Cli::command();
    if matches!(command, Command::Man { .. }) {
        // A page per command; `help` is not one (the pages say it all).
        cmd = cmd.disable_help_subcommand(true);
    }
    cmd.build();
    match command {
        Command::Completions { shell } => {
            let shell = match shell {
                crate::cli::Shell::Bash => clap_complete::Shell::Bash,
                crate::cli::Shell::Zsh => clap_complete::Shell::Zsh,
                crate::cli::Shell::Fish => clap_complete::Shell::Fish,
                crate::cli::Shell::Powershell => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut cmd, "certinfo", out);
        }
        Command::Man { dir: Some(dir) } => {
            for path in crate::man::write_all(cmd, dir).map_err(|e| {
                io::Error::new(e.kind(), format!("man --dir {}: {e}", dir.display()))
            })? {
                writeln!(out, "{}", path.display())?;
            }
        }
        _ => crate::man::page(cmd, out)?,
    }
    out.flush()?;
    Ok(Outcome {
        written: true,
        exit: Exit::Success,
    })
}

/// The command's output, its shared options, `--color` (for the table and
/// `check`'s text only) and `--now`.
type Parts<'c> = (
    Output,
    &'c Common,
    Option<ColorWhen>,
    Option<jiff::Timestamp>,
);

fn parts(command: &Command) -> Option<Parts<'_>> {
    Some(match command {
        Command::Completions { .. } | Command::Man { .. } => return None,
        Command::Show { format, common, .. } => {
            (Output::Records(Format::Show(*format)), common, None, None)
        }
        Command::Inspect { format, common } => {
            let text = *format == crate::render::inspect::InspectFormat::Text;
            (
                Output::Inspect(*format),
                common,
                text.then_some(common.color),
                None,
            )
        }
        Command::List { format, common, .. } => {
            let color = (*format == ListFormat::Table).then_some(common.color);
            (Output::Records(Format::List(*format)), common, color, None)
        }
        Command::Check {
            format,
            now,
            expires_within,
            min_rsa_bits,
            host,
            allow,
            trust,
            common,
        } => {
            let policy = Policy {
                now_ms: 0,
                expires_within_ms: *expires_within,
                min_rsa_bits: *min_rsa_bits,
                min_ec_bits: 256,
                host: host.clone(),
                allow: allow.clone(),
                trust: None,
            };
            let color = (*format == CheckFormat::Text).then_some(common.color);
            (
                Output::Check(*format, Box::new(policy), trust.clone()),
                common,
                color,
                *now,
            )
        }
    })
}

/// Runs the parsed command line, writing records to `out` (or to
/// `--output`'s file) and diagnostics to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(path) = cli.output.clone() else {
        return run_command(cli, out, err);
    };
    let mut file = match crate::output::Atomic::create(&path) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(
                err,
                "certinfo: --output {}: cannot write there ({e})",
                path.display()
            );
            return Ok(Outcome::stopped(Exit::Input));
        }
    };
    let outcome = run_command(cli, file.writer(), err)?;
    if outcome.written {
        file.commit()
            .map_err(|e| io::Error::new(e.kind(), format!("--output {}: {e}", path.display())))?;
    }
    Ok(outcome)
}

/// [`run`], writing to `out`.
fn run_command(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some((output, common, color_when, now)) = parts(&cli.command) else {
        return generate(&cli.command, out);
    };
    let mut s = match resolve(common, cli.password.as_ref(), color_when, now, err) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "certinfo: {e}");
            return Ok(Outcome::stopped(e.exit()));
        }
    };
    let shape = match shape(&cli.command, err) {
        Ok(h) => h,
        Err(exit) => return Ok(Outcome::stopped(exit)),
    };
    // inspect also reads certificate requests and CRLs.
    s.load.others = matches!(output, Output::Inspect(_));
    let opts = RenderOptions {
        headers: shape.headers,
        with_source: shape.with_source,
        comments: shape.comments,
        zone: &s.zone,
        color: s.color,
        now_ms: s.now_ms,
        width: s.width,
    };
    let ctx = pipeline::Context {
        inputs: &s.inputs,
        load: &s.load,
        verbose: s.verbose,
        can_prompt: s.can_prompt,
        now_ms: s.now_ms,
        max_input: s.max_input,
        jobs: s.jobs,
        follow: common.follow,
        dedupe: shape.dedupe,
        keep: match output {
            Output::Check(..) | Output::Inspect(_) => crate::model::Keep::Signed,
            Output::Records(Format::List(ListFormat::Pem)) => crate::model::Keep::Der,
            Output::Records(_) => crate::model::Keep::Values,
        },
    };
    let exit = match output {
        Output::Records(format) => {
            let renderer = Renderer { format, opts };
            if renderer.streams() {
                pipeline::run(&ctx, Some(&renderer), out, err)?.exit
            } else {
                let ran = pipeline::run(&ctx, None, out, err)?;
                renderer.document(&ran.records, &ran.unread, out)?;
                ran.exit
            }
        }
        Output::Inspect(format) => crate::inspect::run(&ctx, &opts, format, out, err)?,
        Output::Check(format, policy, trust) => {
            match check(&ctx, &s, &opts, format, *policy, &trust, out, err)? {
                Ok(exit) => exit,
                // Nothing more is written: the run ended early or the reader left.
                Err(exit) => return Ok(Outcome::stopped(exit)),
            }
        }
    };
    out.flush()?;
    Ok(Outcome {
        exit,
        written: true,
    })
}

/// What `show`/`list` print of each record, from their options.
struct Shape {
    /// The table's header row.
    headers: bool,
    /// `--with-source`.
    with_source: bool,
    /// `--dedupe`.
    dedupe: Option<pipeline::Dedupe>,
    /// `--comments`.
    comments: bool,
}

/// The shape of the records; an option that does not apply to the format
/// is a usage error (said on `err`), never silently ignored.
fn shape(command: &Command, err: &mut dyn Write) -> Result<Shape, Exit> {
    let usage = |err: &mut dyn Write, what: &str| {
        let _ = writeln!(err, "certinfo: {what}");
        Err(Exit::Usage)
    };
    let dedupe = |on: bool, d| on.then_some(d);
    match command {
        Command::List {
            no_headers,
            with_source,
            dedupe: d,
            comments,
            format,
            ..
        } => {
            let table = *format == ListFormat::Table;
            if *no_headers && !table {
                return usage(err, "--no-headers applies to -f table only");
            }
            let sourced = matches!(
                format,
                ListFormat::Json | ListFormat::Pjson | ListFormat::Html
            );
            if *with_source && !sourced {
                return usage(
                    err,
                    "--with-source applies to -f json, pjson and html; the table (SOURCE) \
                     and prometheus (filepath) always say it, and PEM has no place for it",
                );
            }
            if *comments && *format != ListFormat::Pem {
                return usage(err, "--comments applies to -f pem only");
            }
            Ok(Shape {
                headers: !no_headers,
                with_source: *with_source,
                dedupe: dedupe(*d, pipeline::Dedupe::Certificates),
                comments: *comments,
            })
        }
        Command::Show {
            with_source,
            dedupe: d,
            ..
        } => Ok(Shape {
            headers: true,
            with_source: *with_source,
            dedupe: dedupe(*d, pipeline::Dedupe::Entries),
            comments: false,
        }),
        _ => Ok(Shape {
            headers: true,
            with_source: false,
            dedupe: None,
            comments: false,
        }),
    }
}

/// `check`: the trust sources, the run, the verdict and its report. The
/// exit code is the verdict: a reader that stops early (`check | head`)
/// must not turn a failure into success. `Err` is an exit before the run.
#[allow(clippy::too_many_arguments)]
fn check(
    ctx: &pipeline::Context<'_>,
    s: &Settings,
    opts: &RenderOptions<'_>,
    format: CheckFormat,
    mut policy: Policy,
    trust: &crate::cli::TrustArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Result<Exit, Exit>> {
    if !trust.trust.is_empty() || !trust.crl.is_empty() {
        match trust_set(trust, s, err) {
            Ok(set) => policy.trust = Some(std::sync::Arc::new(set)),
            Err(exit) => return Ok(Err(exit)),
        }
    }
    let ran = pipeline::run(ctx, None, out, err)?;
    let exit = ran.exit;
    policy.now_ms = s.now_ms;
    let mut report = check::judge(&ran.records, &policy);
    report.unread = ran.unread;
    let verdict = if report.failed() > 0 {
        Exit::CheckFailed
    } else {
        Exit::Success
    };
    let exit = exit.merge(verdict);
    let written =
        crate::render::check::render(&report, format, opts, out).and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Err(exit)),
        other => other.map(|()| Ok(exit)),
    }
}

/// The lines of a `--targets` file (or `-`): trimmed, without blank lines and
/// `#` comments. Read up to the input limit of a file.
fn target_lines(list: &Path) -> Result<Vec<String>, SetupError> {
    let bytes = read_list(list).map_err(|e| SetupError::Targets(list.display().to_string(), e))?;
    Ok(String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The bytes of a `--targets` or `--files-from` list (`-`: standard input),
/// whole (NUL bytes and all), up to [`MAX_LIST`].
fn read_list(list: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if list.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(MAX_LIST + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(list).and_then(|f| f.take(MAX_LIST + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_LIST {
        return Err(format!("longer than {} MiB", MAX_LIST >> 20));
    }
    Ok(bytes)
}

/// The longest `--targets` or `--files-from` list read (a million paths of
/// 256 bytes fit).
const MAX_LIST: u64 = 256 << 20;

/// What a command-line INPUT is: `-` is standard input, an existing path a
/// file or directory, anything else that reads as a target (or everything,
/// with `--remote`) a server.
fn input_of(
    p: &std::path::Path,
    remote: bool,
    settings: &std::sync::Arc<remote::Settings>,
) -> Input {
    if p.as_os_str() == "-" && !remote {
        return Input::Stdin;
    }
    if !remote && std::fs::symlink_metadata(p).is_ok() {
        return Input::Path(p.to_path_buf());
    }
    let text = p.to_string_lossy();
    match remote::parse(&text, settings) {
        Ok(t) => Input::Remote(t),
        Err(remote::TargetError::NotATarget) if !remote => Input::Path(p.to_path_buf()),
        Err(e) => Input::Unreachable {
            name: text.into_owned(),
            why: e.to_string(),
        },
    }
}

/// The connection settings of `--servername`, `--no-sni`, `--starttls`, the
/// timeouts, `-4`/`-6`.
fn remote_settings(common: &Common, load: &LoadOptions) -> Result<remote::Settings, SetupError> {
    let env = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
    };
    let (proxy, no_proxy) = match common.proxy.as_deref() {
        None => (None, None),
        Some("env") => (
            env(&["HTTPS_PROXY", "https_proxy"]),
            env(&["NO_PROXY", "no_proxy"]),
        ),
        Some(url) => (Some(url.to_string()), None),
    };
    let proxy = proxy
        .map(|u| remote::parse_proxy(&u))
        .transpose()
        .map_err(SetupError::Proxy)?;
    let secs = |s: f64| std::time::Duration::from_secs_f64(s.clamp(0.001, 86_400.0));
    Ok(remote::Settings {
        servername: common.servername.clone(),
        no_sni: common.no_sni,
        connect_timeout: secs(common.connect_timeout),
        timeout: secs(common.timeout),
        family: match (common.ipv4, common.ipv6) {
            (true, _) => remote::Family::V4,
            (_, true) => remote::Family::V6,
            _ => remote::Family::Any,
        },
        max_bytes: common.max_handshake_kib.saturating_mul(1024).max(1024),
        starttls: common
            .starttls
            .as_deref()
            .and_then(remote::Protocol::of_scheme)
            .map(|(p, _)| p),
        proxy,
        no_proxy,
        client: match &common.client_cert {
            Some(cert) => Some(client_identity(cert, common.client_key.as_deref(), load)?),
            None => None,
        },
    })
}

/// Reads `--client-cert` (and `--client-key`); an encrypted key or PKCS#12
/// file takes the keystore password, asked for on a terminal when none was given.
fn client_identity(
    cert: &Path,
    key: Option<&Path>,
    load: &LoadOptions,
) -> Result<remote::ClientIdentity, SetupError> {
    use crate::load::identity::{self, Part};
    use crate::load::LoadError;
    let read = |p: &Path, option: &str| {
        std::fs::File::open(p)
            .and_then(|f| crate::input::read_limited(f, 64 << 20))
            .map(zeroize::Zeroizing::new)
            .map_err(|e| SetupError::Client(format!("{option} {}: {e}", p.display())))
    };
    let cert_bytes = read(cert, "--client-cert")?;
    let key_bytes = key.map(|k| read(k, "--client-key")).transpose()?;
    let file = |part| match (part, key) {
        (Part::Key, Some(k)) => ("--client-key", k),
        _ => ("--client-cert", cert),
    };
    let name = |part| {
        let (option, path) = file(part);
        format!("{option} {}", path.display())
    };
    let failed = |part, e: LoadError| match e.is_password() {
        true => SetupError::ClientPassword(format!("{}: {e}", name(part))),
        false => SetupError::Client(format!("{}: {e}", name(part))),
    };
    let mut opts = load.clone();
    let id = loop {
        match identity::read(&cert_bytes, key_bytes.as_ref().map(|k| &k[..]), &opts) {
            Ok(id) => break id,
            Err(e)
                if matches!(e.error, LoadError::PasswordRequired { .. })
                    && opts.password.is_none()
                    && io::stdin().is_terminal() =>
            {
                let path = file(e.part).1.to_string_lossy();
                let pw = rpassword::prompt_password(pipeline::prompt(&path))
                    .map_err(|_| failed(e.part, e.error))?;
                opts.password = Some(Password::new(pw));
            }
            Err(e) => return Err(failed(e.part, e.error)),
        }
    };
    remote::client_identity(id).map_err(|e| SetupError::Client(format!("{}: {e}", name(Part::Key))))
}
