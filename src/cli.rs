//! The command line as the user typed it (clap derive). No I/O here; every
//! decision that depends on the environment is made in `app.rs`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const SHOW_EXAMPLES: &str = "\
Examples:
  certinfo show server.pem                      keytool-style text for each entry
  certinfo show -f pjson chain.pem              the Notebook Server JSON record, pretty
  certinfo show -f json certs/ | jq -r '.SHA256'
  cat cert.der | certinfo show -f json          read standard input";

const LIST_EXAMPLES: &str = "\
Examples:
  certinfo list /etc/ssl/certs                  a table of every certificate
  certinfo list -f pjson bundle.pem             the Enterprise identity JSON document
  certinfo list -f json certs/ | jq -r '.certificates[] | select(.validUntilAsEpoch < (now+30*86400)*1000) | .name'
                                                names of certificates expiring within 30 days";

/// Inspect certificates, keystores and bundles; print them in the exact
/// layouts of the ArcGIS admin resources, every value formatted as Java does.
#[derive(Debug, Parser)]
#[command(name = "certinfo", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One record per keystore entry: the Notebook Server "SSL Certificate" layout.
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
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
        /// Options shared by every command.
        #[command(flatten)]
        common: Common,
    },
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Common {
    /// Files, directories (walked recursively, sorted) or `-` for standard input.
    /// With none, standard input is read when it is not a terminal.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// When to colour the table: auto (a terminal, NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
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
    /// Highest PBKDF2/PBE/MAC iteration count accepted in a PKCS#12 file
    /// (a guard against files made to stall certinfo).
    #[arg(long, value_name = "N", default_value_t = crate::load::DEFAULT_MAX_ITERATIONS)]
    pub max_iterations: u32,
}

/// `show` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// keytool -list -v text.
    Text,
    /// One compact JSON object per entry, one per line.
    Json,
    /// Pretty JSON objects, one after another.
    Pjson,
}

/// `list` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table fitted to the terminal.
    Table,
    /// Compact {"certificates": [...]} on one line.
    Json,
    /// Pretty {"certificates": [...]}.
    Pjson,
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
