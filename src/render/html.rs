//! `-f html` for `show` (layout A) and `list` (layout B): one self-contained
//! HTML5 document — inline CSS, no script, no external URL — with one
//! key/value table per record holding exactly the layout's keys and values.
//!
//! The pairs come from the same builders as the JSON (`ssl::record`,
//! `identity::identity`), so the two formats cannot drift apart. Every value is
//! HTML-escaped as it is written ([`escape`]); nothing is buffered per
//! document beyond the sort order of `list`. Status and "days left" are
//! counted from `opts.now_ms` only, never the clock, so the same inputs, `TZ`
//! and instant give the same bytes.

use super::identity::{self, Value};
use super::{certificates, ssl, RenderOptions};
use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord, Unread};
use std::io::{self, Write};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;
/// A certificate expiring within this many milliseconds is "expiring".
const SOON_MS: i64 = 30 * DAY_MS;

/// Where a certificate stands at the report's instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// notAfter is before now.
    Expired,
    /// notBefore is after now.
    NotYetValid,
    /// Valid, and notAfter is less than 30 days away.
    Expiring,
    /// Valid for 30 days or more.
    Valid,
}

impl Status {
    fn of(c: &CertRecord, now_ms: i64) -> Status {
        if c.not_after_ms < now_ms {
            Status::Expired
        } else if c.not_before_ms > now_ms {
            Status::NotYetValid
        } else if c.not_after_ms.saturating_sub(now_ms) < SOON_MS {
            Status::Expiring
        } else {
            Status::Valid
        }
    }

    /// The CSS class (`st-…`) carrying the status colours.
    fn class(self) -> &'static str {
        match self {
            Status::Expired => "st-expired",
            Status::NotYetValid => "st-future",
            Status::Expiring => "st-expiring",
            Status::Valid => "st-valid",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Status::Expired => "Expired",
            Status::NotYetValid => "Not yet valid",
            Status::Expiring => "Expiring",
            Status::Valid => "Valid",
        }
    }
}

/// Writes `s` as HTML text or attribute content: `& < > " '` become
/// references. Control characters, which HTML cannot carry even as
/// references, are shown as their Unicode control pictures (U+0001 → ␁,
/// DEL → ␡); C1 controls and noncharacters become U+FFFD.
pub fn escape(out: &mut dyn Write, s: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, ch) in s.char_indices() {
        let mut buf = [0u8; 4];
        let rep: &str = match ch {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\u{0}'..='\u{1f}' => {
                let pic = char::from_u32(0x2400 + ch as u32).unwrap_or('\u{fffd}');
                pic.encode_utf8(&mut buf)
            }
            '\u{7f}' => "\u{2421}",
            '\u{80}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => "\u{fffd}",
            c if (c as u32) & 0xfffe == 0xfffe => "\u{fffd}",
            _ => continue,
        };
        out.write_all(&s.as_bytes()[start..i])?;
        out.write_all(rep.as_bytes())?;
        start = i + ch.len_utf8();
    }
    out.write_all(&s.as_bytes()[start..])
}

/// "less than a day", "1 day", "12 days": the whole days in `ms` (>= 0).
fn write_days(out: &mut dyn Write, ms: i64) -> io::Result<()> {
    match ms / DAY_MS {
        0 => out.write_all(b"less than a day"),
        1 => out.write_all(b"1 day"),
        n => write!(out, "{n} days"),
    }
}

/// "in 12 days", "expired 3 days ago", from `until_ms - now_ms`.
fn write_when(out: &mut dyn Write, until_ms: i64, now_ms: i64) -> io::Result<()> {
    let delta = until_ms.saturating_sub(now_ms);
    if delta >= 0 {
        out.write_all(b"in ")?;
        write_days(out, delta)
    } else {
        out.write_all(b"expired ")?;
        write_days(out, delta.saturating_neg())?;
        out.write_all(b" ago")
    }
}

const CSS: &str = r#"
:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1b2230;--muted:#5b6576;--card:#fff;--line:#dde2ea;--th:#f3f5f8;--accent:#2557c7;--shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);
--ok:#18794e;--ok-bg:#e6f4ec;--warn:#9a5b00;--warn-bg:#fff3d6;--bad:#c4261d;--bad-bg:#fdeceb;--fut:#6536b8;--fut-bg:#f0eafb;--none:#5b6576;--none-bg:#edf0f4}
@media (prefers-color-scheme:dark){:root{--bg:#0e1217;--fg:#e4e9f0;--muted:#98a3b3;--card:#161b22;--line:#2b333e;--th:#1b2129;--accent:#7ea6ff;--shadow:none;
--ok:#4cc38a;--ok-bg:#10291d;--warn:#f0b73d;--warn-bg:#322510;--bad:#ff7a70;--bad-bg:#3b1714;--fut:#b79bff;--fut-bg:#261c40;--none:#98a3b3;--none-bg:#20262f}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
.wrap{max-width:1180px;margin:0 auto;padding:32px 24px 40px}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 4px;letter-spacing:-.015em}
.top{margin-bottom:24px}
h2{font-size:1.05rem;margin:0}
.meta{color:var(--muted);margin:0}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.9em}
.st-valid{--s:var(--ok);--s-bg:var(--ok-bg)}
.st-expiring{--s:var(--warn);--s-bg:var(--warn-bg)}
.st-expired{--s:var(--bad);--s-bg:var(--bad-bg)}
.st-future{--s:var(--fut);--s-bg:var(--fut-bg)}
.st-none{--s:var(--none);--s-bg:var(--none-bg)}
.badge{display:inline-block;min-width:6.2em;text-align:center;padding:1px 9px;border-radius:999px;font-size:.72rem;font-weight:650;letter-spacing:.05em;text-transform:uppercase;color:var(--s);background:var(--s-bg);border:1px solid var(--s);white-space:nowrap;vertical-align:.1em}
.cards{list-style:none;margin:0 0 16px;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-top:4px solid var(--s,var(--line));border-radius:10px;padding:12px 16px 10px;box-shadow:var(--shadow)}
.card .num{display:block;font-size:2rem;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums;color:var(--s,var(--fg))}
.card .lbl{display:block;color:var(--muted);font-size:.78rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase}
.earliest{margin:0 0 28px;padding:12px 16px;background:var(--s-bg);border:1px solid var(--line);border-left:4px solid var(--s);border-radius:8px;font-size:1.02rem}
.earliest p{margin:0}
.earliest p+p{margin-top:4px}
.rows{background:var(--card);border:1px solid var(--line);border-radius:10px;box-shadow:var(--shadow);margin:0 0 32px;overflow:hidden}
.rows h2{padding:12px 16px;border-bottom:1px solid var(--line)}
.rows ol{list-style:none;margin:0;padding:0}
.rows .row{display:grid;grid-template-columns:8em minmax(0,1.3fr) minmax(0,2.5fr) minmax(0,2fr) minmax(0,2fr) minmax(0,1.3fr);gap:12px;align-items:baseline;padding:8px 16px;border-top:1px solid var(--line);color:inherit;text-decoration:none;border-left:4px solid var(--s,transparent)}
.rows li:first-child .row{border-top:0}
.rows a.row:hover{background:var(--th)}
.rows .hd{font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:var(--muted);background:var(--th);border-left-color:transparent}
.rows .hd span{font-size:.75rem}
.rows .nm{font-weight:600;overflow-wrap:anywhere}
.rows .sj{color:var(--muted);overflow-wrap:anywhere}
.rows .dl{color:var(--s);font-weight:600;text-align:right;font-variant-numeric:tabular-nums}
.rec{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--s);border-radius:10px;box-shadow:var(--shadow);margin:0 0 20px;overflow:hidden}
.rec>header{padding:12px 16px 10px;border-bottom:1px solid var(--line)}
.rec h2{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.rec h2 .nm{font-size:1.1rem}
.rec h2 .sj{font-weight:400;color:var(--muted);overflow-wrap:anywhere}
.rec .when{margin:2px 0 0;color:var(--muted);font-size:.9rem}
.rec .src{margin:2px 0 0;color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
.rows .so{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
table.kv{width:100%;border-collapse:collapse;table-layout:fixed}
.kv th,.kv td{text-align:left;vertical-align:top;padding:5px 16px;border-top:1px solid var(--line)}
.kv tr:first-child th,.kv tr:first-child td{border-top:0}
.kv th{width:15.5rem;font-weight:500;color:var(--muted);background:var(--th);overflow-wrap:anywhere}
.kv td{overflow-wrap:anywhere}
.kv tr.grp th{color:var(--fg);font-weight:650}
.kv tr.sub th{padding-left:32px}
.kv ul{list-style:none;margin:0;padding:0}
.kv ul:empty::after{content:"none";color:var(--muted);font-style:italic}
.unread{margin:0 0 24px;padding:12px 16px;background:var(--s-bg);border:1px solid var(--s);border-left:5px solid var(--s);border-radius:10px}
.unread h2{color:var(--s);margin-bottom:6px}
.unread ul{margin:0;padding-left:1.2em}
.unread li{overflow-wrap:anywhere}
.empty{padding:24px;text-align:center;color:var(--muted)}
footer{margin-top:28px;color:var(--muted);font-size:.82rem}
@media screen and (max-width:720px){.wrap{padding:20px 12px}.rows .row{grid-template-columns:8em minmax(0,1fr);gap:2px 12px}.rows .sj,.rows .ex,.rows .so{grid-column:2}.rows .dl{grid-column:2;text-align:left}.rows .hd{display:none}.kv th{width:40%}}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--line:#bbb;--th:#f2f2f2;--accent:#000;--shadow:none;--ok:#14663f;--ok-bg:#e6f4ec;--warn:#8a5200;--warn-bg:#fff3d6;--bad:#b3211a;--bad-bg:#fdeceb;--fut:#5a2fa6;--fut-bg:#f0eafb;--none:#444;--none-bg:#eee}
@page{margin:14mm}
html{font-size:9.5pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:1rem}
.wrap{max-width:none;padding:0}
.top{margin-bottom:12px}
.cards{gap:6px;grid-template-columns:repeat(auto-fit,minmax(70px,1fr))}
.card{padding:8px 10px 6px}
.card .lbl{font-size:.7rem}
.card .num{font-size:1.4rem}
.rows,.rec,.earliest,.card{box-shadow:none}
.rows .row{break-inside:avoid}
.rec{break-inside:avoid;margin-bottom:10px}
.rows a.row{text-decoration:none}
}
"#;

/// The document up to and including the opening of `.wrap`.
fn begin(out: &mut dyn Write, title: &str) -> io::Result<()> {
    out.write_all(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"certinfo ",
    )?;
    out.write_all(env!("CARGO_PKG_VERSION").as_bytes())?;
    out.write_all(b"\">\n<title>")?;
    escape(out, title)?;
    out.write_all(b"</title>\n<style>")?;
    out.write_all(CSS.as_bytes())?;
    out.write_all(b"</style>\n</head>\n<body>\n<div class=\"wrap\">\n")
}

/// `as of <time>` for the header line.
fn write_now(out: &mut dyn Write, opts: &RenderOptions<'_>) -> io::Result<()> {
    out.write_all(b"as of <time")?;
    if let Ok(t) = jiff::Timestamp::from_millisecond(opts.now_ms) {
        write!(out, " datetime=\"{t}\"")?;
    }
    out.write_all(b">")?;
    escape(out, &opts.zone.date_to_string(opts.now_ms))?;
    out.write_all(b"</time>")
}

fn end(out: &mut dyn Write, opts: &RenderOptions<'_>) -> io::Result<()> {
    out.write_all(b"<footer>Made by certinfo ")?;
    out.write_all(env!("CARGO_PKG_VERSION").as_bytes())?;
    out.write_all(b". Dates are in the ")?;
    escape(out, opts.zone.id())?;
    out.write_all(
        b" zone, formatted as Java formats them; \"expiring\" means within 30 days.</footer>\n\
</div>\n</body>\n</html>\n",
    )
}

/// The inputs that could not be read, each with its reasons, before
/// anything else: a report with one is never mistaken for a clean one.
fn unread_section(out: &mut dyn Write, unread: &[Unread]) -> io::Result<()> {
    if unread.is_empty() {
        return Ok(());
    }
    out.write_all(
        b"<section class=\"unread st-expired\" id=\"unread\" aria-label=\"Could not be read\">\n<h2>",
    )?;
    let n = unread.len();
    match n {
        1 => out.write_all(b"1 input could not be read")?,
        _ => write!(out, "{n} inputs could not be read")?,
    }
    out.write_all(b"</h2>\n<ul>\n")?;
    for u in unread {
        out.write_all(b"<li><code>")?;
        escape(out, &u.input)?;
        out.write_all(b"</code>: ")?;
        escape(out, &u.reason())?;
        out.write_all(b"</li>\n")?;
    }
    out.write_all(b"</ul>\n</section>\n")
}

/// `<th>key</th><td>` with the row's class; the caller writes the value and
/// [`row_end`].
fn row_start(out: &mut dyn Write, key: &str, class: &str, mono: bool) -> io::Result<()> {
    out.write_all(b"<tr")?;
    if !class.is_empty() {
        write!(out, " class=\"{class}\"")?;
    }
    out.write_all(b"><th scope=\"row\">")?;
    escape(out, key)?;
    out.write_all(if mono {
        b"</th><td class=\"mono\">"
    } else {
        b"</th><td>"
    })
}

fn row_end(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"</td></tr>\n")
}

/// `<span class="badge">Label</span>`.
fn badge(out: &mut dyn Write, label: &str) -> io::Result<()> {
    out.write_all(b"<span class=\"badge\">")?;
    escape(out, label)?;
    out.write_all(b"</span>")
}

/// `<p class="when">Expires <date>, in N days.</p>`, or "Expired N days ago,
/// on <date>.", or "Not valid before <date>; expires <date>."
fn when_line(out: &mut dyn Write, c: &CertRecord, opts: &RenderOptions<'_>) -> io::Result<()> {
    let now = opts.now_ms;
    out.write_all(b"<p class=\"when\">")?;
    if c.not_after_ms < now {
        out.write_all(b"Expired ")?;
        write_days(out, now.saturating_sub(c.not_after_ms))?;
        out.write_all(b" ago, on ")?;
        escape(out, &opts.zone.date_to_string(c.not_after_ms))?;
    } else {
        if c.not_before_ms > now {
            out.write_all(b"Not valid before ")?;
            escape(out, &opts.zone.date_to_string(c.not_before_ms))?;
            out.write_all(b" (")?;
            write_when(out, c.not_before_ms, now)?;
            out.write_all(b"); expires ")?;
        } else {
            out.write_all(b"Expires ")?;
        }
        escape(out, &opts.zone.date_to_string(c.not_after_ms))?;
        out.write_all(b", ")?;
        write_when(out, c.not_after_ms, now)?;
    }
    out.write_all(b".</p>\n")
}

/// `<p class="src">From <code>input</code></p>`: where a record came from.
fn source_line(out: &mut dyn Write, e: &EntryRecord) -> io::Result<()> {
    out.write_all(b"<p class=\"src\">From <code>")?;
    escape(out, &e.source)?;
    out.write_all(b"</code></p>\n")
}

/// A record's `<section>` start and its heading: status badge, name and
/// subject (or entry type); the caller writes the rest of the `<header>`.
fn record_heading(
    out: &mut dyn Write,
    class: &str,
    id: &str,
    label: &str,
    name: &str,
    subject: &str,
) -> io::Result<()> {
    write!(
        out,
        "<section class=\"rec {class}\" id=\"{id}\">\n<header>\n<h2>"
    )?;
    badge(out, label)?;
    out.write_all(b"<span class=\"nm\">")?;
    escape(out, name)?;
    out.write_all(b"</span><span class=\"sj\">")?;
    escape(out, subject)?;
    out.write_all(b"</span></h2>\n")
}

/// Layout A values shown in a monospace font.
fn mono_a(key: &str) -> bool {
    matches!(key, "Serial number" | "MD5" | "SHA1" | "SHA256")
}

/// `show -f html`: one table per entry, in input order, with exactly the keys
/// and values of the entry's `show -f json` object, in the same order.
pub fn show(
    entries: &[EntryRecord],
    unread: &[Unread],
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let n = entries.len();
    let certs = entries.iter().filter(|e| !e.chain.is_empty()).count();
    let title = format!(
        "Keystore entries \u{2014} {n} entr{}",
        if n == 1 { "y" } else { "ies" }
    );
    begin(out, &title)?;
    out.write_all(b"<header class=\"top\">\n<h1>Keystore entries</h1>\n<p class=\"meta\">")?;
    write!(out, "{n} entr{}", if n == 1 { "y" } else { "ies" })?;
    if certs != n {
        write!(out, " ({certs} with a certificate)")?;
    }
    out.write_all(b" &middot; ")?;
    write_now(out, opts)?;
    out.write_all(
        b" &middot; Notebook Server &ldquo;SSL Certificate&rdquo; layout</p>\n</header>\n",
    )?;
    unread_section(out, unread)?;
    out.write_all(b"<main>\n")?;
    if entries.is_empty() {
        out.write_all(b"<p class=\"empty\">No entries.</p>\n")?;
    }
    for (i, e) in entries.iter().enumerate() {
        let own = match e.kind {
            EntryKind::SecretKey => None,
            _ => e.chain.first(),
        };
        let status = own.map(|c| Status::of(c, opts.now_ms));
        let class = status.map_or("st-none", Status::class);
        let label = match (status, e.kind) {
            (Some(s), _) => s.label(),
            (None, EntryKind::SecretKey) => "Secret key",
            (None, _) => "No certificate",
        };
        let id = format!("entry-{}", i + 1);
        record_heading(out, class, &id, label, &e.alias, ssl::entry_type(e.kind))?;
        if let Some(c) = own {
            when_line(out, c, opts)?;
        }
        source_line(out, e)?;
        out.write_all(b"</header>\n<table class=\"kv\">\n<tbody>\n")?;
        let record = ssl::record(e, opts);
        let mut under_fingerprints = false;
        for (key, value) in record.pairs() {
            let class = if value.is_empty()
                && matches!(key, "Certificate[1]" | "Certificate fingerprints")
            {
                "grp"
            } else if under_fingerprints {
                "sub"
            } else {
                ""
            };
            row_start(out, key, class, mono_a(key))?;
            escape(out, value)?;
            row_end(out)?;
            under_fingerprints |= key == "Certificate fingerprints";
        }
        out.write_all(b"</tbody>\n</table>\n</section>\n")?;
    }
    out.write_all(b"</main>\n")?;
    end(out, opts)
}

/// Layout B values shown in a monospace font.
fn mono_b(key: &str) -> bool {
    matches!(
        key,
        "serialNumber" | "sha1Fingerprint" | "md5Fingerprint" | "sha256Fingerprint" | "id"
    )
}

fn write_value(out: &mut dyn Write, v: &Value<'_>) -> io::Result<()> {
    let mut scratch = String::new();
    match v {
        Value::Number(n) => write!(out, "{n}"),
        Value::Text(t) => {
            t.push_to(&mut scratch);
            escape(out, &scratch)
        }
        Value::List(list) => {
            out.write_all(b"<ul>")?;
            list.for_each(&mut scratch, |s| {
                out.write_all(b"<li>")?;
                escape(out, s)?;
                out.write_all(b"</li>")
            })?;
            out.write_all(b"</ul>")
        }
    }
}

fn card(out: &mut dyn Write, class: &str, num: usize, label: &str) -> io::Result<()> {
    write!(
        out,
        "<li class=\"card {class}\"><span class=\"num\">{num}</span><span class=\"lbl\">"
    )?;
    escape(out, label)?;
    out.write_all(b"</span></li>\n")
}

/// One sentence about a certificate's expiry, e.g. `The earliest expiry is
/// <b>web</b> on Thu Dec 04 00:00:00 UTC 2026, in 12 days.`
fn expiry_sentence(
    out: &mut dyn Write,
    lead: &str,
    e: &EntryRecord,
    c: &CertRecord,
    opts: &RenderOptions<'_>,
) -> io::Result<()> {
    out.write_all(b"<p>")?;
    escape(out, lead)?;
    out.write_all(b" <strong>")?;
    escape(out, &e.alias)?;
    out.write_all(b"</strong> on ")?;
    escape(out, &opts.zone.date_to_string(c.not_after_ms))?;
    out.write_all(b", ")?;
    write_when(out, c.not_after_ms, opts.now_ms)?;
    out.write_all(b".</p>\n")
}

/// A certificate of `list`, with its entry and its status at the report's
/// instant.
type Listed<'a> = (&'a EntryRecord, &'a CertRecord, Status);

/// `list -f html`: a summary (counts by type and by status, the earliest
/// expiry in words, a row per certificate coloured by status), then one table
/// per certificate with the 19 keys and values of its `list -f json` object,
/// in the same order; certificates sorted by expiry, earliest first.
pub fn list(
    entries: &[EntryRecord],
    unread: &[Unread],
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut certs: Vec<Listed<'_>> = certificates(entries)
        .map(|(e, c)| (e, c, Status::of(c, opts.now_ms)))
        .collect();
    // Stable: certificates with the same expiry keep their input order.
    certs.sort_by_key(|(_, c, _)| c.not_after_ms);
    list_header(out, certs.len(), entries.len(), opts)?;
    unread_section(out, unread)?;
    summary(out, &certs, unread.len(), opts)?;
    by_expiry(out, &certs, opts)?;
    out.write_all(b"<main>\n")?;
    for (i, &cert) in certs.iter().enumerate() {
        cert_table(out, i + 1, cert, opts)?;
    }
    out.write_all(b"</main>\n")?;
    end(out, opts)
}

/// The document's start and its `<header>`: title, counts and instant.
fn list_header(
    out: &mut dyn Write,
    total: usize,
    entries: usize,
    opts: &RenderOptions<'_>,
) -> io::Result<()> {
    let plural = if total == 1 { "" } else { "s" };
    let title = format!("Certificate report \u{2014} {total} certificate{plural}");
    begin(out, &title)?;
    out.write_all(b"<header class=\"top\">\n<h1>Certificate report</h1>\n<p class=\"meta\">")?;
    write!(
        out,
        "{total} certificate{plural} in {entries} entr{} &middot; ",
        if entries == 1 { "y" } else { "ies" }
    )?;
    write_now(out, opts)?;
    out.write_all(b" &middot; Enterprise &ldquo;identity&rdquo; layout</p>\n</header>\n")
}

/// The summary section: the cards (counts by type, then by status) and the
/// earliest expiry in words.
fn summary(
    out: &mut dyn Write,
    certs: &[Listed<'_>],
    unread: usize,
    opts: &RenderOptions<'_>,
) -> io::Result<()> {
    let total = certs.len();
    let count = |s: Status| certs.iter().filter(|x| x.2 == s).count();
    let identity_n = certs
        .iter()
        .filter(|(e, _, _)| e.kind == EntryKind::PrivateKey)
        .count();
    out.write_all(b"<section class=\"summary\" aria-label=\"Summary\">\n<ul class=\"cards\">\n")?;
    card(out, "", total, "Certificates")?;
    card(out, "", identity_n, "Identity")?;
    card(out, "", total - identity_n, "Trust")?;
    card(out, "st-expired", count(Status::Expired), "Expired")?;
    card(
        out,
        "st-expiring",
        count(Status::Expiring),
        "Expiring \u{2264} 30 days",
    )?;
    card(
        out,
        "st-future",
        count(Status::NotYetValid),
        "Not yet valid",
    )?;
    card(out, "st-valid", count(Status::Valid), "Valid")?;
    if unread > 0 {
        card(out, "st-expired", unread, "Unreadable inputs")?;
    }
    out.write_all(b"</ul>\n")?;
    earliest(out, certs, opts)?;
    out.write_all(b"</section>\n")
}

/// The earliest expiry and, when that one has expired, the next one to come.
fn earliest(out: &mut dyn Write, certs: &[Listed<'_>], opts: &RenderOptions<'_>) -> io::Result<()> {
    let Some(&(e, c, s)) = certs.first() else {
        return out.write_all(b"<div class=\"earliest st-none\"><p>No certificates.</p></div>\n");
    };
    writeln!(out, "<div class=\"earliest {}\">", s.class())?;
    expiry_sentence(out, "The earliest expiry is", e, c, opts)?;
    if s == Status::Expired {
        if let Some(&(e, c, _)) = certs.iter().find(|x| x.1.not_after_ms >= opts.now_ms) {
            expiry_sentence(out, "The next expiry is", e, c, opts)?;
        }
    }
    out.write_all(b"</div>\n")
}

/// One row per certificate, by expiry, linking to its table; nothing when
/// there are no certificates.
fn by_expiry(
    out: &mut dyn Write,
    certs: &[Listed<'_>],
    opts: &RenderOptions<'_>,
) -> io::Result<()> {
    if certs.is_empty() {
        return Ok(());
    }
    out.write_all(
        b"<nav class=\"rows\" aria-label=\"Certificates by expiry\">\n<h2>By expiry</h2>\n\
<div class=\"row hd\" aria-hidden=\"true\"><span>Status</span><span>Name</span><span>Subject</span>\
<span>Expires</span><span>Source</span><span class=\"dl\">When</span></div>\n<ol>\n",
    )?;
    for (i, &(e, c, s)) in certs.iter().enumerate() {
        write!(
            out,
            "<li class=\"{}\"><a class=\"row\" href=\"#cert-{}\">",
            s.class(),
            i + 1
        )?;
        badge(out, s.label())?;
        out.write_all(b"<span class=\"nm\">")?;
        escape(out, &e.alias)?;
        out.write_all(b"</span><span class=\"sj\">")?;
        escape(out, &crate::java::dn(&c.subject))?;
        out.write_all(b"</span><span class=\"ex\">")?;
        escape(out, &opts.zone.date_to_string(c.not_after_ms))?;
        out.write_all(b"</span><span class=\"so\">")?;
        escape(out, &e.source)?;
        out.write_all(b"</span><span class=\"dl\">")?;
        write_when(out, c.not_after_ms, opts.now_ms)?;
        out.write_all(b"</span></a></li>\n")?;
    }
    out.write_all(b"</ol>\n</nav>\n")
}

/// Certificate number `n`'s section: its heading, when line and key/value
/// table.
fn cert_table(
    out: &mut dyn Write,
    n: usize,
    (e, c, s): Listed<'_>,
    opts: &RenderOptions<'_>,
) -> io::Result<()> {
    let record = identity::identity(e, c, opts);
    let pairs: Vec<_> = record.pairs().collect();
    let mut subject = String::new();
    if let Some((_, Value::Text(t))) = pairs.iter().find(|(k, _)| *k == "subject") {
        t.push_to(&mut subject);
    }
    let id = format!("cert-{n}");
    record_heading(out, s.class(), &id, s.label(), &e.alias, &subject)?;
    when_line(out, c, opts)?;
    source_line(out, e)?;
    out.write_all(b"</header>\n<table class=\"kv\">\n<tbody>\n")?;
    for (key, value) in &pairs {
        row_start(out, key, "", mono_b(key))?;
        write_value(out, value)?;
        row_end(out)?;
    }
    out.write_all(b"</tbody>\n</table>\n</section>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut v = Vec::new();
        escape(&mut v, s).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(esc("Müller 日本"), "Müller 日本");
        assert_eq!(
            esc("a\u{1}b\u{7f}\u{85}\u{fffe}"),
            "a\u{2401}b\u{2421}\u{fffd}\u{fffd}"
        );
        assert_eq!(esc(""), "");
    }

    #[test]
    fn when_in_words() {
        let w = |until: i64, now: i64| {
            let mut v = Vec::new();
            write_when(&mut v, until, now).unwrap();
            String::from_utf8(v).unwrap()
        };
        assert_eq!(w(12 * DAY_MS + 5, 0), "in 12 days");
        assert_eq!(w(DAY_MS, 0), "in 1 day");
        assert_eq!(w(5, 0), "in less than a day");
        assert_eq!(w(0, 3 * DAY_MS + 7), "expired 3 days ago");
        assert_eq!(w(0, DAY_MS), "expired 1 day ago");
        assert_eq!(w(0, 1), "expired less than a day ago");
    }
}
