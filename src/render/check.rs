//! Formats a `check` [`Report`]: `text` (one line per finding and a summary),
//! `json` (every verdict and the summary) and `junit` (JUnit XML that GitLab,
//! Jenkins and GitHub test reporters render).

use super::RenderOptions;
use crate::check::{Detail, Finding, Report, Verdict};
use crate::java;
use serde::Serialize;
use std::io::{self, Write};

const DAY_MS: i64 = 86_400_000;

/// `check` formats (the `-f` values of `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, then a summary.
    Text,
    /// One JSON object with every verdict and the summary.
    Json,
    /// JUnit XML, one testcase per certificate.
    Junit,
    /// Prometheus text format: x509-certificate-exporter's metrics and
    /// `certinfo_check_failed` per rule.
    Prometheus,
}

/// The id unreadable inputs are reported under, beside the rules' ids.
const UNREADABLE: &str = "unreadable-input";

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "in 12 days" / "3 days ago" / "today".
fn relative(now_ms: i64, at_ms: i64) -> String {
    let d = at_ms - now_ms;
    if d >= 0 {
        match d / DAY_MS {
            0 => "in less than a day".into(),
            n => format!("in {}", plural(n, "day")),
        }
    } else {
        match (-d) / DAY_MS {
            0 => "less than a day ago".into(),
            n => format!("{} ago", plural(n, "day")),
        }
    }
}

/// The finding in words.
pub fn message(f: &Finding, now_ms: i64, opts: &RenderOptions<'_>) -> String {
    match &f.detail {
        Detail::Expired { at_ms } => format!(
            "expired {} ({})",
            relative(now_ms, *at_ms),
            opts.zone.date_to_string(*at_ms)
        ),
        Detail::ExpiresSoon { at_ms } => format!(
            "expires {} ({})",
            relative(now_ms, *at_ms),
            opts.zone.date_to_string(*at_ms)
        ),
        Detail::NotYetValid { at_ms } => format!(
            "not valid before {}, {}",
            opts.zone.date_to_string(*at_ms),
            relative(now_ms, *at_ms)
        ),
        Detail::Revoked { by, at_ms } => format!(
            "revoked {} ({}), says {by}",
            relative(now_ms, *at_ms),
            opts.zone.date_to_string(*at_ms)
        ),
        Detail::CrlStale { issuer, at_ms } => format!(
            "the CRL of {issuer} ran out {} ({}, its nextUpdate)",
            relative(now_ms, *at_ms),
            opts.zone.date_to_string(*at_ms)
        ),
        Detail::IssuerExpired { issuer, at_ms } => format!(
            "the issuer {issuer} expired {} ({})",
            relative(now_ms, *at_ms),
            opts.zone.date_to_string(*at_ms)
        ),
        Detail::Text(t) => t.clone(),
    }
}

fn name_of(v: &Verdict<'_>) -> String {
    if v.position == 0 {
        v.entry.alias.clone()
    } else {
        format!("{}[{}]", v.entry.alias, v.position + 1)
    }
}

fn days_left(now_ms: i64, at_ms: i64) -> i64 {
    (at_ms - now_ms).div_euclid(DAY_MS)
}

/// Renders the report.
pub fn render(
    report: &Report<'_>,
    format: CheckFormat,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CheckFormat::Text => text(report, opts, out),
        CheckFormat::Json => json(report, opts, out),
        CheckFormat::Junit => junit(report, opts, out),
        CheckFormat::Prometheus => super::prometheus::check(report, out),
    }
}

fn summary_line(r: &Report<'_>, opts: &RenderOptions<'_>) -> String {
    let inputs = {
        let mut s: Vec<&str> = r.verdicts.iter().map(|v| &*v.entry.source).collect();
        s.dedup();
        s.len()
    };
    let mut line = format!(
        "{} in {}: {} failed, {}",
        plural(r.verdicts.len() as i64, "certificate"),
        plural(inputs as i64, "input"),
        r.failed(),
        plural(r.findings() as i64, "finding")
    );
    if !r.unread.is_empty() {
        let n = r.unread.len() as i64;
        line.push_str(&format!("; {}", plural(n, "unreadable input")));
    }
    if let Some(v) = r.earliest_expiry() {
        let at = v.cert.not_after_ms;
        let verb = if at < r.now_ms { "expired" } else { "expires" };
        line.push_str(&format!(
            "; earliest expiry: {} ({}) {verb} {} ({})",
            name_of(v),
            v.entry.source,
            relative(r.now_ms, at),
            opts.zone.date_to_string(at)
        ));
    }
    line
}

fn text(r: &Report<'_>, opts: &RenderOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    use super::term::{paint, Paint};
    for v in &r.verdicts {
        for f in &v.findings {
            let colour = if f.rule.is_informational() {
                Paint::Yellow
            } else {
                Paint::Red
            };
            writeln!(
                out,
                "{}: {}: {}: {}: {}",
                opts.safe(&v.entry.source),
                opts.safe(&name_of(v)),
                opts.safe(&java::dn(&v.cert.subject)),
                paint(opts.color, colour, f.rule.id()),
                opts.safe(&message(f, r.now_ms, opts))
            )?;
        }
    }
    for u in &r.unread {
        for e in &u.errors {
            writeln!(
                out,
                "{}: {}: {}",
                opts.safe(&u.input),
                paint(opts.color, Paint::Red, UNREADABLE),
                opts.safe(e)
            )?;
        }
    }
    let verdict = match (r.failed(), r.unread.is_empty()) {
        (0, true) => paint(opts.color, Paint::Green, "PASS"),
        (0, false) => paint(opts.color, Paint::Red, "ERROR"),
        _ => paint(opts.color, Paint::Red, "FAIL"),
    };
    writeln!(out, "{verdict}: {}", opts.safe(&summary_line(r, opts)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding {
    rule: &'static str,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonVerdict {
    input: String,
    name: String,
    subject: String,
    sha256: String,
    not_before: String,
    not_after: String,
    not_after_epoch: i64,
    days_left: i64,
    passed: bool,
    findings: Vec<JsonFinding>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonUnread {
    input: String,
    error: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonEarliest {
    input: String,
    name: String,
    not_after: String,
    days_left: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSummary {
    passed: bool,
    inputs_failed: bool,
    unreadable: usize,
    certificates: usize,
    failed: usize,
    findings: usize,
    earliest_expiry: Option<JsonEarliest>,
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport {
    now: String,
    certificates: Vec<JsonVerdict>,
    unreadable: Vec<JsonUnread>,
    summary: JsonSummary,
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| ms.to_string())
}

fn json(r: &Report<'_>, opts: &RenderOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonReport {
        now: rfc3339(r.now_ms),
        certificates: r
            .verdicts
            .iter()
            .map(|v| JsonVerdict {
                input: v.entry.source.to_string(),
                name: name_of(v),
                subject: java::dn(&v.cert.subject),
                sha256: crate::der::hex(&v.cert.sha256),
                not_before: opts.zone.date_to_string(v.cert.not_before_ms),
                not_after: opts.zone.date_to_string(v.cert.not_after_ms),
                not_after_epoch: v.cert.not_after_ms,
                days_left: days_left(r.now_ms, v.cert.not_after_ms),
                passed: !v.failed(),
                findings: v
                    .findings
                    .iter()
                    .map(|f| JsonFinding {
                        rule: f.rule.id(),
                        message: message(f, r.now_ms, opts),
                    })
                    .collect(),
            })
            .collect(),
        unreadable: r
            .unread
            .iter()
            .map(|u| JsonUnread {
                input: u.input.to_string(),
                error: u.reason(),
            })
            .collect(),
        summary: JsonSummary {
            passed: r.passed(),
            inputs_failed: !r.unread.is_empty(),
            unreadable: r.unread.len(),
            certificates: r.verdicts.len(),
            failed: r.failed(),
            findings: r.findings(),
            earliest_expiry: r.earliest_expiry().map(|v| JsonEarliest {
                input: v.entry.source.to_string(),
                name: name_of(v),
                not_after: opts.zone.date_to_string(v.cert.not_after_ms),
                days_left: days_left(r.now_ms, v.cert.not_after_ms),
            }),
            text: summary_line(r, opts),
        },
    };
    serde_json::to_writer(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// Escapes text for XML attribute values and content; characters XML 1.0
/// cannot carry at all (most C0 controls) become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// The JUnit suite of the inputs that could not be read: a testcase with an
/// `<error>` for each.
fn junit_unreadable(r: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let n = r.unread.len();
    writeln!(
        out,
        r#"  <testsuite name="unreadable inputs" tests="{n}" failures="0" errors="{n}" skipped="0" time="0" timestamp="{}">"#,
        rfc3339(r.now_ms).trim_end_matches('Z'),
    )?;
    for u in &r.unread {
        let (input, reason) = (xml_escape(&u.input), xml_escape(&u.reason()));
        writeln!(
            out,
            r#"    <testcase classname="{input}" name="{input}" time="0">"#
        )?;
        writeln!(
            out,
            r#"      <error type="{UNREADABLE}" message="{reason}">{reason}</error>"#
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

fn junit(r: &Report<'_>, opts: &RenderOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let errors = r.unread.len();
    writeln!(
        out,
        r#"<testsuites name="certinfo check" tests="{}" failures="{}" errors="{errors}" time="0">"#,
        r.verdicts.len() + errors,
        r.failed()
    )?;
    if errors > 0 {
        junit_unreadable(r, out)?;
    }
    let mut i = 0;
    while i < r.verdicts.len() {
        let source = &r.verdicts[i].entry.source;
        let j = i + r.verdicts[i..]
            .iter()
            .take_while(|v| &v.entry.source == source)
            .count();
        let group = &r.verdicts[i..j];
        let failed = group.iter().filter(|v| v.failed()).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failed}" errors="0" skipped="0" time="0" timestamp="{}">"#,
            xml_escape(source),
            group.len(),
            rfc3339(r.now_ms).trim_end_matches('Z'),
        )?;
        for v in group {
            writeln!(
                out,
                r#"    <testcase classname="{}" name="{}" time="0">"#,
                xml_escape(source),
                xml_escape(&format!("{}: {}", name_of(v), java::dn(&v.cert.subject)))
            )?;
            for f in v.findings.iter().filter(|f| !f.rule.is_informational()) {
                let msg = message(f, r.now_ms, opts);
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}: {}</failure>"#,
                    f.rule.id(),
                    xml_escape(&msg),
                    f.rule.id(),
                    xml_escape(&msg)
                )?;
            }
            writeln!(
                out,
                "      <system-out>{}</system-out>",
                xml_escape(&format!(
                    "sha256 {}; valid {} until {}{}",
                    crate::der::hex(&v.cert.sha256),
                    opts.zone.date_to_string(v.cert.not_before_ms),
                    opts.zone.date_to_string(v.cert.not_after_ms),
                    v.findings
                        .iter()
                        .filter(|f| f.rule.is_informational())
                        .map(|f| format!("\n{}: {}", f.rule.id(), message(f, r.now_ms, opts)))
                        .collect::<String>()
                ))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        i = j;
    }
    writeln!(out, "</testsuites>")
}
