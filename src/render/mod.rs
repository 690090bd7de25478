//! Renderers: records + options → bytes on a writer. Renderers never parse
//! and never read files or the environment.

pub mod check;
pub mod html;
pub mod identity;
pub mod inspect;
pub mod pem;
pub mod prometheus;
pub mod ssl;
pub mod table;
pub mod term;

pub use crate::java::JavaZone;
use crate::model::{CertRecord, EntryRecord, Unread};
use std::io::{self, Write};

/// Every decision a renderer needs, made once by the caller.
#[derive(Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The zone dates are printed in.
    pub zone: &'a JavaZone,
    /// Colour escapes allowed (table only).
    pub color: bool,
    /// The instant "days left" is counted from, ms since the epoch.
    pub now_ms: i64,
    /// Terminal width for the table, when known (`None`: piped, never wrapped).
    pub width: Option<u16>,
    /// The table's header row (off with `--no-headers`).
    pub headers: bool,
    /// Each record also says where it came from: a `"source"` key in the
    /// JSON layouts (and their HTML tables), a `Source:` line in `show`'s
    /// text (`--with-source`). The table and HTML headings always say it.
    pub with_source: bool,
    /// `list -f pem --comments`: a `# alias` line before each block.
    pub comments: bool,
}

impl RenderOptions<'_> {
    /// `s`, made safe for a terminal when the output goes to one.
    pub fn safe<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str> {
        term::sanitize(s)
    }
}

/// `show` formats (the `-f` values of `show`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// keytool -list -v text.
    Text,
    /// One compact JSON object per entry, one per line.
    Json,
    /// Pretty JSON objects, one after another.
    Pjson,
    /// A self-contained HTML5 document: one table per entry.
    Html,
}

/// `list` formats (the `-f` values of `list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table fitted to the terminal.
    Table,
    /// Compact {"certificates": [...]} on one line.
    Json,
    /// Pretty {"certificates": [...]}.
    Pjson,
    /// A self-contained HTML5 report: summary, then one table per certificate,
    /// sorted by expiry.
    Html,
    /// Every certificate as a PEM block, in order.
    Pem,
    /// Prometheus text format, as x509-certificate-exporter exposes it.
    Prometheus,
}

/// What a renderer writes: a `show` or a `list` document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `certinfo show -f …`: layout A, one record per entry.
    Show(ShowFormat),
    /// `certinfo list -f …`: layout B, one record per certificate.
    List(ListFormat),
}

/// The one renderer interface: a document is [`begin`](Renderer::begin),
/// records in output order ([`records`](Renderer::records), possibly in
/// pieces on several threads), then [`end`](Renderer::end).
pub struct Renderer<'a> {
    /// The document written.
    pub format: Format,
    /// Decisions made by the caller.
    pub opts: RenderOptions<'a>,
}

impl Renderer<'_> {
    /// Whether records can be written as they arrive. The table and the HTML
    /// pages need every record first: they are given them in one
    /// [`records`](Renderer::records) call.
    pub fn streams(&self) -> bool {
        !matches!(
            self.format,
            Format::Show(ShowFormat::Html)
                | Format::List(ListFormat::Table | ListFormat::Html | ListFormat::Prometheus)
        )
    }

    /// The document's opening.
    pub fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::List(ListFormat::Json) => identity::json_open(false, out),
            Format::List(ListFormat::Pjson) => identity::json_open(true, out),
            _ => Ok(()),
        }
    }

    /// Appends `entries`. `first`: no certificate was written before them in
    /// this document (the JSON array's separators depend on it).
    pub fn records(
        &self,
        entries: &[EntryRecord],
        first: bool,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        self.write(entries, &[], first, out)
    }

    /// `records`, with the inputs that could not be read, for the formats
    /// that list them (HTML; the others leave them to stderr).
    fn write(
        &self,
        entries: &[EntryRecord],
        unread: &[Unread],
        first: bool,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        let opts = &self.opts;
        match self.format {
            Format::Show(ShowFormat::Text) => ssl::text(entries, opts, out),
            Format::Show(ShowFormat::Json) => ssl::json(entries, false, opts, out),
            Format::Show(ShowFormat::Pjson) => ssl::json(entries, true, opts, out),
            Format::Show(ShowFormat::Html) => html::show(entries, unread, opts, out),
            // Nothing to show: no table at all (the JSON formats still print
            // an empty document, so pipelines see valid JSON).
            Format::List(ListFormat::Table) if entries.is_empty() => Ok(()),
            Format::List(ListFormat::Table) => table::render(entries, opts, out),
            Format::List(ListFormat::Json) => {
                identity::json_items(entries, first, false, opts, out);
                Ok(())
            }
            Format::List(ListFormat::Pjson) => {
                identity::json_items(entries, first, true, opts, out);
                Ok(())
            }
            Format::List(ListFormat::Html) => html::list(entries, unread, opts, out),
            Format::List(ListFormat::Pem) => pem::render(entries, opts, out),
            Format::List(ListFormat::Prometheus) => {
                prometheus::list(entries, unread, opts.now_ms, out)
            }
        }
    }

    /// The document's end; `any`: whether any certificate was written.
    pub fn end(&self, any: bool, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::List(ListFormat::Json) => identity::json_close(false, any, out),
            Format::List(ListFormat::Pjson) => identity::json_close(true, any, out),
            _ => Ok(()),
        }
    }

    /// The whole document for `entries` at once, naming the inputs in
    /// `unread` where the format has room for them.
    pub fn document(
        &self,
        entries: &[EntryRecord],
        unread: &[Unread],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut buf = Vec::new();
        self.begin(out)?;
        self.write(entries, unread, true, &mut buf)?;
        out.write_all(&buf)?;
        let any = entries.iter().any(|e| !e.chain.is_empty());
        self.end(any, out)
    }
}

/// Every certificate of every entry, with its entry, in output order.
pub fn certificates(entries: &[EntryRecord]) -> impl Iterator<Item = (&EntryRecord, &CertRecord)> {
    entries
        .iter()
        .flat_map(|e| e.chain.iter().map(move |c| (e, c)))
}
