//! `-f prometheus` (`list`, `check`): the Prometheus text exposition format
//! that node_exporter's textfile collector reads, with the metric names and
//! labels of x509-certificate-exporter, so its dashboards and alerts work
//! unchanged. No sample timestamps: the textfile collector rejects them.

use crate::check::{Report, Rule};
use crate::load::EntryKind;
use crate::model::{AttrValue, CertRecord, DistinguishedName, EntryRecord, Unread};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The DN attributes labelled, as x509-certificate-exporter names them
/// (`ST` is stateOrProvinceName here; the exporter fills it from the street
/// address). The CN is the last one, as Go's `pkix.Name` keeps it; the others
/// the first.
const DN_LABELS: [(&str, &str); 6] = [
    ("C", "2.5.4.6"),
    ("ST", "2.5.4.8"),
    ("L", "2.5.4.7"),
    ("O", "2.5.4.10"),
    ("OU", "2.5.4.11"),
    ("CN", "2.5.4.3"),
];

/// A certificate family: name, help, and its value for a series at "now".
type Family = (&'static str, &'static str, fn(&Series, i64) -> String);

/// One certificate's series: its labels, written once, and its dates.
struct Series {
    labels: String,
    not_before_ms: i64,
    not_after_ms: i64,
}

/// `list -f prometheus`: the certificate families, then the read errors.
pub fn list(
    entries: &[EntryRecord],
    unread: &[Unread],
    now_ms: i64,
    out: &mut dyn Write,
) -> io::Result<()> {
    let series = series(super::certificates(entries));
    certificate_families(&series, now_ms, out)?;
    error_families(unread, out)
}

/// `check -f prometheus`: `list`'s families for the certificates judged,
/// then `certinfo_check_failed` per rule (certificates failing it, 0 for the
/// rules nothing failed) and `certinfo_check_passed`.
pub fn check(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let series = series(report.verdicts.iter().map(|v| (v.entry, v.cert)));
    certificate_families(&series, report.now_ms, out)?;
    error_families(&report.unread, out)?;
    family(
        out,
        "certinfo_check_failed",
        "Certificates that fail the check rule",
    )?;
    for rule in Rule::ALL.iter().filter(|r| !r.is_informational()) {
        let n = report
            .verdicts
            .iter()
            .filter(|v| v.findings.iter().any(|f| f.rule == *rule))
            .count();
        writeln!(out, "certinfo_check_failed{{rule=\"{}\"}} {n}", rule.id())?;
    }
    family(
        out,
        "certinfo_check_passed",
        "1 when every certificate passed and every input was read",
    )?;
    writeln!(out, "certinfo_check_passed {}", u8::from(report.passed()))
}

/// The series of each certificate, in order; a certificate met again with
/// the same labels (the same file given twice) is one series, as a
/// collector must not expose a series twice.
fn series<'a>(certs: impl Iterator<Item = (&'a EntryRecord, &'a CertRecord)>) -> Vec<Series> {
    let mut seen = HashSet::new();
    certs
        .map(|(e, c)| Series {
            labels: labels(e, c),
            not_before_ms: c.not_before_ms,
            not_after_ms: c.not_after_ms,
        })
        .filter(|s| seen.insert(s.labels.clone()))
        .collect()
}

fn certificate_families(series: &[Series], now_ms: i64, out: &mut dyn Write) -> io::Result<()> {
    let families: [Family; 3] = [
        (
            "x509_cert_not_before",
            "Indicates the certificate's not before timestamp",
            |s, _| seconds(s.not_before_ms),
        ),
        (
            "x509_cert_not_after",
            "Indicates the certificate's not after timestamp",
            |s, _| seconds(s.not_after_ms),
        ),
        (
            "x509_cert_expired",
            "Indicates if the certificate is expired",
            |s, now| u8::from(s.not_after_ms < now).to_string(),
        ),
    ];
    for (name, help, value) in families {
        family(out, name, help)?;
        for s in series {
            writeln!(out, "{name}{{{}}} {}", s.labels, value(s, now_ms))?;
        }
    }
    Ok(())
}

/// `x509_read_errors` (how many inputs could not be read) and an
/// `x509_cert_error` series of 1 for each of them.
fn error_families(unread: &[Unread], out: &mut dyn Write) -> io::Result<()> {
    family(
        out,
        "x509_read_errors",
        "Indicates the number of read failure(s)",
    )?;
    writeln!(out, "x509_read_errors {}", unread.len())?;
    if unread.is_empty() {
        return Ok(());
    }
    family(
        out,
        "x509_cert_error",
        "Indicates whether the corresponding file has read failure(s)",
    )?;
    for u in unread {
        let mut l = BTreeMap::new();
        file_labels(&mut l, &u.input);
        writeln!(out, "x509_cert_error{{{}}} 1", join(&l))?;
    }
    Ok(())
}

fn family(out: &mut dyn Write, name: &str, help: &str) -> io::Result<()> {
    writeln!(out, "# HELP {name} {help}")?;
    writeln!(out, "# TYPE {name} gauge")
}

/// Seconds since the epoch, with the milliseconds when there are any.
fn seconds(ms: i64) -> String {
    if ms % 1000 == 0 {
        (ms / 1000).to_string()
    } else {
        format!("{:.3}", ms as f64 / 1000.0)
    }
}

fn file_labels(l: &mut BTreeMap<String, String>, source: &str) {
    let name = std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned());
    l.insert("filename".into(), name);
    l.insert("filepath".into(), source.to_string());
}

/// A certificate's labels, sorted by name, as `name="value",…`.
fn labels(e: &EntryRecord, c: &CertRecord) -> String {
    let mut l = BTreeMap::new();
    file_labels(&mut l, &e.source);
    l.insert(
        "serial_number".into(),
        crate::java::serial_decimal(&c.serial),
    );
    name_labels(&mut l, "subject", &c.subject);
    name_labels(&mut l, "issuer", &c.issuer);
    l.insert("alias".into(), e.alias.clone());
    let kind = if e.kind == EntryKind::PrivateKey {
        "IDENTITY"
    } else {
        "TRUST"
    };
    l.insert("type".into(), kind.into());
    l.insert("sha256".into(), crate::der::hex(&c.sha256));
    join(&l)
}

fn name_labels(l: &mut BTreeMap<String, String>, prefix: &str, dn: &DistinguishedName) {
    for (short, oid) in DN_LABELS {
        let mut values = dn.values_of(oid).filter_map(|v| match v {
            AttrValue::Text(t) => Some(t.to_string()),
            AttrValue::Der(_) => None,
        });
        let value = if short == "CN" {
            values.last()
        } else {
            values.next()
        };
        if let Some(v) = value {
            l.insert(format!("{prefix}_{short}"), v);
        }
    }
}

fn join(l: &BTreeMap<String, String>) -> String {
    let mut s = String::new();
    for (k, v) in l {
        if !s.is_empty() {
            s.push(',');
        }
        let _ = write!(s, "{k}=\"{}\"", escape(v));
    }
    s
}

/// A label value as the text format writes it: `\`, `"` and line feeds
/// escaped.
fn escape(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_and_seconds_are_written_as_the_format_wants() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(seconds(1_735_689_600_000), "1735689600");
        assert_eq!(seconds(1_735_689_600_250), "1735689600.250");
        assert_eq!(seconds(-1), "-0.001");
        assert_eq!(seconds(-2000), "-2");
    }
}
