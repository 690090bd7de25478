//! `list -f table`: one row per certificate, fitted to the terminal width with
//! comfy-table. Colour only when the caller allows it.

use super::{certificates, RenderOptions};
use crate::java;
use crate::load::EntryKind;
use crate::model::EntryRecord;
use comfy_table::{presets, Cell, CellAlignment, Color, ContentArrangement, Table};
use std::io::{self, Write};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// Whole days from `now_ms` to `until_ms`, rounded towards negative infinity.
pub fn days_left(now_ms: i64, until_ms: i64) -> i64 {
    (until_ms - now_ms).div_euclid(DAY_MS)
}

/// A DN shortened for a table cell: its CN when it has one (the full DN
/// stays in JSON), else the DN cut at 40 characters.
pub fn short_dn(dn: &crate::model::DistinguishedName) -> String {
    let cn = dn.values_of("2.5.4.3").last().and_then(|v| match v {
        crate::model::AttrValue::Text(t) => Some(t.to_string()),
        crate::model::AttrValue::Der(_) => None,
    });
    if let Some(cn) = cn {
        return cn;
    }
    let full = java::dn(dn);
    if full.chars().count() > 40 {
        let mut s: String = full.chars().take(39).collect();
        s.push('…');
        s
    } else {
        full
    }
}

/// The columns, in order.
const HEADERS: [&str; 9] = [
    "NAME",
    "TYPE",
    "SUBJECT",
    "ISSUER",
    "EXPIRES (UTC)",
    "DAYS",
    "KEY",
    "SHA-256",
    "SOURCE",
];

/// Columns left out, in this order, while the table is wider than the
/// terminal: the fingerprint, the source, the issuer, the key, the type, the
/// days.
const DROP_ORDER: [usize; 6] = [7, 8, 3, 6, 1, 5];

/// Renders the table. Piped (no width known) it is never wrapped: one row,
/// one line, for `grep` and `awk`. On a terminal narrower than the table,
/// the least important columns are left out rather than words broken; only
/// when NAME, SUBJECT and EXPIRES alone do not fit are cells wrapped.
pub fn render(
    entries: &[EntryRecord],
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<Vec<Cell>> = certificates(entries)
        .map(|(e, c)| row(e, c, opts))
        .collect();
    let mut keep: Vec<usize> = (0..HEADERS.len()).collect();
    let Some(width) = opts.width else {
        // Piped: one table, the rows moved into it (no copy of a large
        // bundle's cells).
        let t = table(rows, &keep, opts, ContentArrangement::Disabled);
        return writeln!(out, "{t}");
    };
    for drop in DROP_ORDER {
        if natural_width(&rows, &keep, opts) <= usize::from(width) {
            break;
        }
        keep.retain(|&k| k != drop);
    }
    let arrangement = if natural_width(&rows, &keep, opts) <= usize::from(width) {
        ContentArrangement::Disabled
    } else {
        ContentArrangement::Dynamic
    };
    let mut t = table(rows, &keep, opts, arrangement);
    t.set_width(width);
    writeln!(out, "{t}")
}

/// The width of the table with these columns, unwrapped.
fn natural_width(rows: &[Vec<Cell>], keep: &[usize], opts: &RenderOptions<'_>) -> usize {
    let t = table(rows.to_vec(), keep, opts, ContentArrangement::Disabled);
    // The top border: box-drawing characters only, one column each.
    let width = t.lines().next().map_or(0, |l| l.chars().count());
    width
}

/// The table of `rows`, with the columns `keep`.
fn table(
    rows: Vec<Vec<Cell>>,
    keep: &[usize],
    opts: &RenderOptions<'_>,
    arrangement: ContentArrangement,
) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(arrangement);
    if opts.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    if opts.headers {
        t.set_header(keep.iter().map(|&k| HEADERS[k]));
    }
    for r in rows {
        let mut cells: Vec<Option<Cell>> = r.into_iter().map(Some).collect();
        t.add_row(
            keep.iter()
                .filter_map(|&k| cells.get_mut(k).and_then(Option::take)),
        );
    }
    t
}

/// One certificate's cells, coloured by its expiry.
fn row(e: &EntryRecord, c: &crate::model::CertRecord, opts: &RenderOptions<'_>) -> Vec<Cell> {
    let days = days_left(opts.now_ms, c.not_after_ms);
    let expiry = jiff::Timestamp::from_millisecond(c.not_after_ms)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let key = if c.key.bits >= 0 {
        format!("{} {}", c.key.algorithm, c.key.bits)
    } else {
        c.key.algorithm.to_string()
    };
    let kind = if e.kind == EntryKind::PrivateKey {
        "IDENTITY"
    } else {
        "TRUST"
    };
    let colour = match () {
        _ if !opts.color => None,
        _ if c.not_after_ms < opts.now_ms => Some(Color::Red),
        _ if days < 30 => Some(Color::Yellow),
        _ => None,
    };
    let cells = vec![
        Cell::new(opts.safe(&e.alias)),
        Cell::new(kind),
        Cell::new(opts.safe(&short_dn(&c.subject))),
        Cell::new(opts.safe(&short_dn(&c.issuer))),
        Cell::new(expiry),
        Cell::new(days).set_alignment(CellAlignment::Right),
        Cell::new(key),
        Cell::new(&crate::der::hex(&c.sha256)[..16]),
        Cell::new(opts.safe(&e.source)),
    ];
    match colour {
        Some(col) => cells.into_iter().map(|c| c.fg(col)).collect(),
        None => cells,
    }
}
