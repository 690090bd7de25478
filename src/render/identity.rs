//! Layout B, the Enterprise "identity" resource (`list -f json|pjson`).

use super::{certificates, java, RenderOptions};
use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// One layout B record: the values of one certificate, computed once. Its
/// key order lives only in [`Identity::pairs`], which JSON and HTML share.
pub(crate) struct Identity<'a> {
    valid_until_as_epoch: i64,
    key_algorithm: &'a str,
    serial_number: String,
    key_size: i64,
    subject: String,
    subject_alternative_names: Vec<String>,
    sha1_fingerprint: String,
    valid_from: String,
    kind: &'static str,
    version: u32,
    md5_fingerprint: String,
    issuer: String,
    signature_algorithm: String,
    key_usage: Vec<&'static str>,
    name: &'a str,
    sha256_fingerprint: String,
    valid_until: String,
    id: String,
    valid_from_as_epoch: i64,
}

/// A layout B value: a JSON number, string or array of strings.
pub(crate) enum Value<'a> {
    /// A JSON number.
    Number(i64),
    /// A JSON string.
    Text(&'a str),
    /// An array of owned strings (subjectAlternativeNames).
    Strings(&'a [String]),
    /// An array of static names (keyUsage).
    Names(&'a [&'static str]),
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) => s.serialize_i64(*n),
            Value::Text(t) => s.serialize_str(t),
            Value::Strings(v) => v.serialize(s),
            Value::Names(v) => v.serialize(s),
        }
    }
}

impl Identity<'_> {
    /// The record's 19 `(key, value)` pairs in the reference order.
    pub(crate) fn pairs(&self) -> [(&'static str, Value<'_>); 19] {
        use Value::{Names, Number, Strings, Text};
        [
            ("validUntilAsEpoch", Number(self.valid_until_as_epoch)),
            ("keyAlgorithm", Text(self.key_algorithm)),
            ("serialNumber", Text(&self.serial_number)),
            ("keySize", Number(self.key_size)),
            ("subject", Text(&self.subject)),
            (
                "subjectAlternativeNames",
                Strings(&self.subject_alternative_names),
            ),
            ("sha1Fingerprint", Text(&self.sha1_fingerprint)),
            ("validFrom", Text(&self.valid_from)),
            ("type", Text(self.kind)),
            ("version", Number(i64::from(self.version))),
            ("md5Fingerprint", Text(&self.md5_fingerprint)),
            ("issuer", Text(&self.issuer)),
            ("signatureAlgorithm", Text(&self.signature_algorithm)),
            ("keyUsage", Names(&self.key_usage)),
            ("name", Text(self.name)),
            ("sha256Fingerprint", Text(&self.sha256_fingerprint)),
            ("validUntil", Text(&self.valid_until)),
            ("id", Text(&self.id)),
            ("validFromAsEpoch", Number(self.valid_from_as_epoch)),
        ]
    }
}

impl Serialize for Identity<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.pairs())
    }
}

/// Builds the layout B record of one certificate of an entry.
pub(crate) fn identity<'a>(
    e: &'a EntryRecord,
    c: &'a CertRecord,
    opts: &RenderOptions<'_>,
) -> Identity<'a> {
    Identity {
        valid_until_as_epoch: c.not_after_ms,
        key_algorithm: &c.key.algorithm,
        serial_number: java::serial(&c.serial),
        key_size: c.key.bits,
        subject: java::dn(&c.subject),
        subject_alternative_names: c.sans.iter().map(java::san).collect(),
        sha1_fingerprint: java::hex_lower(&c.sha1),
        valid_from: opts.zone.date_to_string(c.not_before_ms),
        kind: if e.kind == EntryKind::PrivateKey {
            "IDENTITY"
        } else {
            "TRUST"
        },
        version: c.version,
        md5_fingerprint: java::hex_lower(&c.md5),
        issuer: java::dn(&c.issuer),
        signature_algorithm: java::sig_alg_name(&c.sig_alg_oid),
        key_usage: c.key_usage.map(java::key_usage).unwrap_or_default(),
        name: &e.alias,
        sha256_fingerprint: java::hex_lower(&c.sha256),
        valid_until: opts.zone.date_to_string(c.not_after_ms),
        id: java::spec_id(&c.sha256),
        valid_from_as_epoch: c.not_before_ms,
    }
}

/// Writes the document's opening: `{"certificates":[` (or its pretty form).
pub fn json_open(pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if pretty {
        b"{\n  \"certificates\": ["
    } else {
        b"{\"certificates\":["
    })
}

/// Writes the records of `entries` as array items. `first` is true when no
/// item was written before in this document; returns whether any was written
/// now. Pretty items are indented as serde_json's pretty printer would at
/// this depth, so the streamed document equals the one-shot one byte for byte.
pub fn json_items(
    entries: &[EntryRecord],
    mut first: bool,
    pretty: bool,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let mut wrote = false;
    let mut buf = Vec::with_capacity(1024);
    for (e, c) in certificates(entries) {
        let item = identity(e, c, opts);
        if pretty {
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            buf.clear();
            serde_json::to_writer_pretty(&mut buf, &item)?;
            // JSON strings never hold a raw newline: every newline in the
            // item is layout, and gets the two extra levels of indent.
            for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n    ")?;
                }
                out.write_all(line)?;
            }
        } else {
            if !first {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &item)?;
        }
        first = false;
        wrote = true;
    }
    Ok(wrote)
}

/// Writes the document's end; `any` tells whether items were written.
pub fn json_close(pretty: bool, any: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(match (pretty, any) {
        (true, true) => b"\n  ]\n}\n",
        (true, false) => b"]\n}\n",
        (false, _) => b"]}\n",
    })
}

/// `{"certificates": [...]}`, compact on one line or pretty with 2-space indent.
pub fn json(
    entries: &[EntryRecord],
    pretty: bool,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    json_open(pretty, out)?;
    let any = json_items(entries, true, pretty, opts, out)?;
    json_close(pretty, any, out)
}
