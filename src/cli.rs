//! The command line as the user typed it (clap derive). No I/O here; every
//! decision that depends on the environment is made in `app.rs`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use crate::render::check::CheckFormat;
pub use crate::render::inspect::InspectFormat;
pub use crate::render::{ListFormat, ShowFormat};

const SHOW_EXAMPLES: &str = "\
Examples:
  certinfo show server.pem                      keytool-style text for each entry
  certinfo show -f pjson chain.pem              the Notebook Server JSON record, pretty
  certinfo show -f json certs/ | jq -r '.SHA256'
  cat cert.der | certinfo show -f json          read standard input
  certinfo show -f html store.jks > out.html    an HTML page, one table per entry";

const CHECK_EXAMPLES: &str = "\
Examples:
  certinfo check certs/                         fail (exit 1) if anything expires within 30 days
  certinfo check --expires-within 2w --host www.example.com fullchain.pem
  certinfo check -f junit certs/ > certinfo-junit.xml      a report for GitLab/Jenkins/GitHub
  certinfo check --now 2026-01-15T00:00:00Z --allow weak-signature legacy.pem
  certinfo check -f json certs/ | jq '.certificates[] | select(.passed | not) | .name'

Exit status: 0 all passed, 1 a rule failed, 2 usage error, 3 unreadable input,
4 missing or wrong keystore password (3 and 4 win over 1).";

const LIST_EXAMPLES: &str = "\
Examples:
  certinfo list /etc/ssl/certs                  a table of every certificate
  certinfo list -f pjson bundle.pem             the Enterprise identity JSON document
  certinfo list -f json certs/ | jq -r '.certificates[] | select(.validUntilAsEpoch < (now+30*86400)*1000) | .name'
                                                names of certificates expiring within 30 days
  certinfo list -f html certs/ > report.html    an HTML report to publish from CI";

const INSPECT_EXAMPLES: &str = "\
Examples:
  certinfo inspect server.pem                   every field and extension, decoded
  certinfo inspect -f json store.p12 --password-env PW | jq '.items[].certificates[]?.subject.dn'
  certinfo inspect request.csr                  a CSR: subject, key, requested extensions, signature
  certinfo inspect crl.der                      a CRL: issuer, updates, revoked serials and reasons";

/// Inspect certificates, keystores and bundles; print them in the exact
/// layouts of the ArcGIS admin resources, every value formatted as Java does.
#[derive(Debug, Parser)]
#[command(name = "certinfo", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The `--password` value, taken out of the arguments before clap saw
    /// them (`secret::take_password_arg`); `None` when clap was given it.
    #[arg(skip)]
    pub password: Option<crate::load::Password>,
    /// Write the output to FILE instead of standard output: into a temporary
    /// file beside it, renamed over FILE once complete, so a reader sees the
    /// old file or the whole new one. The exit code is unchanged.
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The subcommands.
///
/// `defer`: a subcommand's arguments are built only when it is the one being
/// parsed (or when help, completions or the man page need them all), so that
/// `show` does not pay for building `check`'s.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// One record per keystore entry: the Notebook Server "SSL Certificate" layout.
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Add where each entry came from: a "source" key in the JSON
        /// objects and HTML tables, a "Source:" line in the text.
        #[arg(long)]
        with_source: bool,
        /// Show an entry only when its certificate (by SHA-256) was not
        /// shown before in this run.
        #[arg(long)]
        dedupe: bool,
        /// Options shared by every command.
        #[command(flatten)]
        common: Common,
    },
    /// Every certificate: the Enterprise "identity" layout.
    #[command(after_help = LIST_EXAMPLES)]
    List {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Leave out the table's header row (`-f table` only).
        #[arg(long)]
        no_headers: bool,
        /// Add where each certificate came from as a "source" key in the JSON
        /// records and HTML tables (the table's SOURCE column and the HTML
        /// headings always say it).
        #[arg(long)]
        with_source: bool,
        /// List each certificate (by SHA-256) once, the first time it is met.
        #[arg(long)]
        dedupe: bool,
        /// A "# alias" line before each PEM block (`-f pem` only).
        #[arg(long)]
        comments: bool,
        /// Options shared by every command.
        #[command(flatten)]
        common: Common,
    },
    /// Everything: every field and extension of each certificate, CSR and CRL.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect {
        /// Output format: text for people, json (schema 1, see README) for programs.
        #[arg(short, long, value_enum, default_value_t = InspectFormat::Text)]
        format: InspectFormat,
        /// Options shared by every command.
        #[command(flatten)]
        common: Common,
    },
    /// Print a shell completion script (generated from these definitions).
    #[command(
        after_help = "Examples:\n  certinfo completions bash > ~/.local/share/bash-completion/completions/certinfo\n  certinfo completions zsh > \"${fpath[1]}/_certinfo\"\n  certinfo completions fish > ~/.config/fish/completions/certinfo.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff), or write every page, generated from these definitions.
    #[command(
        after_help = "Examples:\n  certinfo man > /usr/local/share/man/man1/certinfo.1 && man certinfo\n  certinfo man --dir /usr/local/share/man/man1 && man certinfo-check"
    )]
    Man {
        /// Write certinfo.1 and one page per command (certinfo-show.1, …)
        /// into this directory instead of printing the top page.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Judge every certificate (the CI gate): exit 1 when a rule fails.
    #[command(after_help = CHECK_EXAMPLES)]
    Check {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// The instant to judge at: RFC 3339 (2026-01-15T00:00:00Z) or a date
        /// (2026-01-15, midnight UTC); default: SOURCE_DATE_EPOCH when set,
        /// else the clock.
        #[arg(long, value_name = "RFC3339|DATE", value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
        /// Fail certificates that expire within this window: a number and a
        /// unit, s m h d w (30d, 12h); a bare number is refused.
        #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = crate::check::parse_window)]
        expires_within: i64,
        /// Fail RSA and DSA keys smaller than this.
        #[arg(long, value_name = "BITS", default_value_t = 2048)]
        min_rsa_bits: i64,
        /// Fail unless each chain's first certificate is valid for this host
        /// name or IP address (SANs, RFC 6125 wildcards).
        #[arg(long, value_name = "NAME")]
        host: Option<String>,
        /// Turn rules off (repeat or separate with commas).
        #[arg(long, value_enum, value_delimiter = ',', value_name = "RULE")]
        allow: Vec<crate::check::Rule>,
        /// Trust anchors and revocation lists.
        #[command(flatten)]
        trust: Box<TrustArgs>,
        /// Options shared by every command.
        #[command(flatten)]
        common: Common,
    },
}

// `check`'s trust options: what chains must build to, and with what. Not a
// doc comment, for the reason given at `Common`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TrustArgs {
    /// Fail chains that do not build to one of these anchors (repeatable):
    /// `system` (the platform's store; SSL_CERT_FILE / SSL_CERT_DIR), a
    /// PEM/DER file or directory, or a keystore (a Java cacerts: its trusted
    /// entries).
    #[arg(long, value_name = "system|FILE|STORE", help_heading = "Trust")]
    pub trust: Vec<String>,
    /// Issuers that may complete a chain, not trusted themselves (PEM/DER
    /// file, directory or keystore; repeatable).
    #[arg(long, value_name = "FILE", requires = "trust", help_heading = "Trust")]
    pub intermediates: Vec<PathBuf>,
    /// Fail certificates listed on this certificate revocation list (PEM or
    /// DER; repeatable). The CRL must verify with its issuer's key and be
    /// within its nextUpdate. Nothing is fetched from the network.
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub crl: Vec<PathBuf>,
    /// Read the password of --trust and --intermediates keystores from this
    /// environment variable (apart from the inputs' password).
    #[arg(
        long,
        value_name = "VAR",
        conflicts_with = "trust_password_file",
        help_heading = "Trust"
    )]
    pub trust_password_env: Option<String>,
    /// Read the password of --trust and --intermediates keystores from the
    /// first line of this file.
    #[arg(long, value_name = "FILE", help_heading = "Trust")]
    pub trust_password_file: Option<PathBuf>,
}

/// Shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}

/// `--now`: an RFC 3339 instant, or a date (midnight UTC).
fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        if let Ok(t) = d.to_zoned(jiff::tz::TimeZone::UTC) {
            return Ok(t.timestamp());
        }
    }
    s.parse::<jiff::Timestamp>().map_err(|e| {
        format!("{s:?} is neither an RFC 3339 instant such as 2026-01-15T00:00:00Z nor a date such as 2026-01-15 ({e})")
    })
}

// Options shared by every command. Deliberately not a doc comment: clap
// derive turns a flattened struct's doc comment into the command's `about`,
// and with deferred subcommands (see `Command`) it would replace each
// subcommand's own description in help, completions and the man page.
#[allow(missing_docs)]
#[derive(Debug, Args)]
pub struct Common {
    /// Files, directories (walked recursively, sorted), `-` for standard input,
    /// or servers: `host:port`, `[v6]:port`, `https://host[:port]`, `tls://`,
    /// `smtps://`, `imaps://`, `pop3s://`, `ldaps://` (an existing path is
    /// always a file). With none, standard input is read when it is not a
    /// terminal.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read more INPUT paths from this file (or `-`, standard input), one per
    /// line, or separated by NUL bytes with -0 (`find … -print0`): no
    /// argument-length limit. Each is a file or directory, never a server.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// The --files-from paths are separated by NUL bytes, not lines.
    #[arg(short = '0', long = "null", requires = "files_from")]
    pub null: bool,
    /// When to colour `list`'s table, `check`'s and `inspect`'s text: auto
    /// (a terminal, NO_COLOR unset, TERM not dumb), always, never. JSON,
    /// HTML, JUnit and `show`'s layouts are never coloured.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// In directories, follow symbolic links to directories too (links to
    /// files are always followed; each file and directory is read once).
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Take every INPUT as a server, even when a file of that name exists.
    #[arg(long, help_heading = "Servers")]
    pub remote: bool,
    /// Read servers from this file (or `-`, standard input), one target per
    /// line; blank lines and lines starting with `#` are passed over.
    #[arg(long, value_name = "FILE", help_heading = "Servers")]
    pub targets: Option<PathBuf>,
    /// Servers read at the same time (output stays in input order).
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Servers")]
    pub jobs: u16,
    /// Send this name as SNI instead of the target's host.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "no_sni",
        help_heading = "Servers"
    )]
    pub servername: Option<String>,
    /// Send no SNI.
    #[arg(long, help_heading = "Servers")]
    pub no_sni: bool,
    /// Offer this client certificate when a server asks for one: a PKCS#12
    /// file, or a PEM/DER chain with its key in it or in --client-key.
    /// Encrypted keys take the keystore password options.
    #[arg(long, value_name = "FILE", help_heading = "Servers")]
    pub client_cert: Option<PathBuf>,
    /// The private key of --client-cert (PEM or DER; PKCS#8, PKCS#1 or SEC1,
    /// encrypted or not).
    #[arg(
        long,
        value_name = "FILE",
        requires = "client_cert",
        help_heading = "Servers"
    )]
    pub client_key: Option<PathBuf>,
    /// Reach servers through this HTTP CONNECT proxy (`http://[user:pass@]host:port`),
    /// or `env` for the environment's HTTPS_PROXY / https_proxy (and NO_PROXY).
    /// Without this option the environment's proxy variables are not used.
    #[arg(long, value_name = "URL|env", help_heading = "Servers")]
    pub proxy: Option<String>,
    /// Upgrade every server's connection with this protocol's STARTTLS before
    /// the handshake (the scheme's own otherwise: smtp://, imap://, …).
    #[arg(long, value_name = "PROTO", help_heading = "Servers",
          value_parser = ["smtp", "submission", "imap", "pop3", "ftp", "ldap", "xmpp", "postgres", "mysql"])]
    pub starttls: Option<String>,
    /// Longest wait for a TCP connection, in seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 5.0,
        help_heading = "Servers"
    )]
    pub connect_timeout: f64,
    /// Longest time for a whole target (connect and handshake), in seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10.0,
        help_heading = "Servers"
    )]
    pub timeout: f64,
    /// Connect over IPv4 only.
    #[arg(short = '4', conflicts_with = "ipv6", help_heading = "Servers")]
    pub ipv4: bool,
    /// Connect over IPv6 only.
    #[arg(short = '6', help_heading = "Servers")]
    pub ipv6: bool,
    /// Most bytes read from a server, in KiB (a certificate message of a few
    /// hundred KiB is the most a real server sends).
    #[arg(long, value_name = "KIB", default_value_t = crate::remote::DEFAULT_MAX_HANDSHAKE_KIB, help_heading = "Servers")]
    pub max_handshake_kib: usize,
    /// Write the detected format and other details of each input to stderr
    /// (for PKCS#12: encryption and MAC algorithms, iteration counts).
    #[arg(short, long)]
    pub verbose: bool,
    /// Read the keystore password from this environment variable.
    #[arg(long, value_name = "VAR", group = "pw")]
    pub password_env: Option<String>,
    /// Read the keystore password from the first line of this file.
    #[arg(long, value_name = "FILE", group = "pw")]
    pub password_file: Option<PathBuf>,
    /// The keystore password itself (visible to other users in the process
    /// list: prefer --password-env or --password-file).
    #[arg(long, value_name = "TEXT", group = "pw")]
    pub password: Option<String>,
    /// Highest PBKDF2/PBE/MAC iteration count accepted in a PKCS#12 file; a
    /// file's key derivations together may take 10 hash blocks per unit (a
    /// guard against files made to stall certinfo: about 1 s at the default).
    #[arg(long, value_name = "N", default_value_t = crate::load::DEFAULT_MAX_ITERATIONS)]
    pub max_iterations: u32,
    /// Largest input read, in MiB (files, standard input, each file of a
    /// directory).
    #[arg(long, value_name = "MIB", default_value_t = crate::input::DEFAULT_MAX_INPUT_MIB)]
    pub max_input_mib: u64,
    /// Most certificates one input may yield, and most a run holds for the
    /// formats that collect every record first (table, html, check).
    #[arg(long, value_name = "N", default_value_t = crate::load::DEFAULT_MAX_CERTIFICATES)]
    pub max_certificates: usize,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
