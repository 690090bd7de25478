//! Renderers: records + options → bytes on a writer. Renderers never parse
//! and never read files or the environment.

pub mod check;
pub mod html;
pub mod identity;
pub mod ssl;
pub mod table;
pub mod term;

pub use crate::java::JavaZone;
use crate::model::{CertRecord, EntryRecord};
use std::io::{self, Write};

/// Every decision a renderer needs, made once by the caller.
pub struct RenderOptions<'a> {
    /// The zone dates are printed in.
    pub zone: &'a JavaZone,
    /// Colour escapes allowed (table only).
    pub color: bool,
    /// The instant "days left" is counted from, ms since the epoch.
    pub now_ms: i64,
    /// Terminal width for the table, when known.
    pub width: Option<u16>,
    /// stdout is a terminal: escape control and bidi characters in text and
    /// table output (never in JSON).
    pub sanitize: bool,
}

impl RenderOptions<'_> {
    /// `s`, made safe for a terminal when the output goes to one.
    pub fn safe<'s>(&self, s: &'s str) -> std::borrow::Cow<'s, str> {
        if self.sanitize {
            term::sanitize(s)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }
}

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    /// keytool text.
    Text,
    /// One JSON object per line.
    Json,
    /// Pretty JSON objects one after another.
    Pjson,
    /// A self-contained HTML5 document, one table per entry.
    Html,
}

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// A terminal table.
    Table,
    /// Compact `{"certificates": [...]}`.
    Json,
    /// Pretty `{"certificates": [...]}`.
    Pjson,
    /// A self-contained HTML5 report: summary, one table per certificate.
    Html,
}

/// Renders `show` output.
pub fn show(
    entries: &[EntryRecord],
    format: ShowFormat,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ShowFormat::Text => ssl::text(entries, opts, out),
        ShowFormat::Json => ssl::json(entries, false, opts, out),
        ShowFormat::Pjson => ssl::json(entries, true, opts, out),
        ShowFormat::Html => html::show(entries, opts, out),
    }
}

/// Renders `list` output.
pub fn list(
    entries: &[EntryRecord],
    format: ListFormat,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ListFormat::Table => table::render(entries, opts, out),
        ListFormat::Json => identity::json(entries, false, opts, out),
        ListFormat::Pjson => identity::json(entries, true, opts, out),
        ListFormat::Html => html::list(entries, opts, out),
    }
}

/// Every certificate of every entry, with its entry, in output order.
pub fn certificates(entries: &[EntryRecord]) -> impl Iterator<Item = (&EntryRecord, &CertRecord)> {
    entries
        .iter()
        .flat_map(|e| e.chain.iter().map(move |c| (e, c)))
}
