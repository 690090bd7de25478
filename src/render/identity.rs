//! Layout B, the Enterprise "identity" resource (`list -f json|pjson`).

use super::{certificates, JavaZone, RenderOptions};
use crate::java;
use crate::load::EntryKind;
use crate::model::{CertRecord, DistinguishedName, EntryRecord, SanName};
use std::io::{self, Write};

/// One layout B record: a certificate and its entry, with the zone its dates
/// are printed in. Nothing is formatted until a value is written, so the
/// JSON writer formats straight into its output (no string per field). The
/// key order lives only in [`Identity::pairs`], which JSON and HTML share.
pub(crate) struct Identity<'a> {
    e: &'a EntryRecord,
    c: &'a CertRecord,
    zone: &'a JavaZone,
    /// `--with-source`: a 20th key, `source`, after the layout's 19.
    with_source: bool,
}

/// A layout B value, formatted on demand.
pub(crate) enum Value<'a> {
    /// A JSON number.
    Number(i64),
    /// A JSON string.
    Text(Text<'a>),
    /// An array of strings.
    List(List<'a>),
}

/// A layout B string value, kept as data until written.
pub(crate) enum Text<'a> {
    /// Already text.
    Str(&'a str),
    /// A distinguished name, as `X500Principal.toString()`.
    Dn(&'a DistinguishedName),
    /// A serial number, as `BigInteger.toString(16)`.
    Serial(&'a [u8]),
    /// A fingerprint, lower-case hex.
    Hex(&'a [u8]),
    /// An instant, as `Date.toString()` in the zone.
    Date(i64, &'a JavaZone),
    /// The SPEC §3B `id` of a SHA-256.
    Id(&'a [u8; 32]),
}

impl Text<'_> {
    /// Appends the value's text to `out`.
    pub(crate) fn push_to(&self, out: &mut String) {
        match *self {
            Text::Str(s) => out.push_str(s),
            Text::Dn(d) => java::push_dn(out, d),
            Text::Serial(b) => java::push_serial(out, b),
            Text::Hex(b) => java::push_hex_lower(out, b),
            Text::Date(ms, zone) => zone.push_date(out, ms),
            Text::Id(h) => java::push_spec_id(out, h),
        }
    }
}

/// A layout B array value.
pub(crate) enum List<'a> {
    /// subjectAlternativeNames, as `GeneralName.toString()`.
    Sans(&'a [SanName]),
    /// keyUsage names of the set bits.
    KeyUsage(u16),
}

impl List<'_> {
    /// Calls `f` with each item's text, in order (`scratch` holds it).
    pub(crate) fn for_each<E>(
        &self,
        scratch: &mut String,
        mut f: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        match *self {
            List::Sans(sans) => {
                for n in sans {
                    scratch.clear();
                    java::push_san(scratch, n);
                    f(scratch)?;
                }
            }
            List::KeyUsage(flags) => {
                for n in java::key_usage_iter(flags) {
                    f(n)?;
                }
            }
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        match *self {
            List::Sans(s) => s.is_empty(),
            List::KeyUsage(flags) => java::key_usage_iter(flags).next().is_none(),
        }
    }
}

impl<'a> Identity<'a> {
    /// The record's 19 `(key, value)` pairs in the reference order, then
    /// `source` with `--with-source`.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, Value<'a>)> {
        let source = self
            .with_source
            .then(|| ("source", Value::Text(Text::Str(&self.e.source))));
        self.layout().into_iter().chain(source)
    }

    /// The layout's 19 `(key, value)` pairs in the reference order.
    fn layout(&self) -> [(&'static str, Value<'a>); 19] {
        use Value::{Number, Text as T};
        let (e, c, zone) = (self.e, self.c, self.zone);
        [
            ("validUntilAsEpoch", Number(c.not_after_ms)),
            ("keyAlgorithm", T(Text::Str(&c.key.algorithm))),
            ("serialNumber", T(Text::Serial(&c.serial))),
            ("keySize", Number(c.key.bits)),
            ("subject", T(Text::Dn(&c.subject))),
            ("subjectAlternativeNames", Value::List(List::Sans(&c.sans))),
            ("sha1Fingerprint", T(Text::Hex(&c.sha1))),
            ("validFrom", T(Text::Date(c.not_before_ms, zone))),
            (
                "type",
                T(Text::Str(if e.kind == EntryKind::PrivateKey {
                    "IDENTITY"
                } else {
                    "TRUST"
                })),
            ),
            ("version", Number(i64::from(c.version))),
            ("md5Fingerprint", T(Text::Hex(&c.md5))),
            ("issuer", T(Text::Dn(&c.issuer))),
            (
                "signatureAlgorithm",
                T(Text::Str(java::sig_alg_str(&c.sig_alg_oid))),
            ),
            (
                "keyUsage",
                Value::List(List::KeyUsage(c.key_usage.unwrap_or(0))),
            ),
            ("name", T(Text::Str(&e.alias))),
            ("sha256Fingerprint", T(Text::Hex(&c.sha256))),
            ("validUntil", T(Text::Date(c.not_after_ms, zone))),
            ("id", T(Text::Id(&c.sha256))),
            ("validFromAsEpoch", Number(c.not_before_ms)),
        ]
    }
}

/// The layout B record of one certificate of an entry.
pub(crate) fn identity<'a>(
    e: &'a EntryRecord,
    c: &'a CertRecord,
    opts: &RenderOptions<'a>,
) -> Identity<'a> {
    Identity {
        e,
        c,
        zone: opts.zone,
        with_source: opts.with_source,
    }
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes
/// (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`; nothing else).
/// By hand, and straight into the output buffer: serde_json's per-byte
/// escaping and the per-field strings it needed were a tenth of `list`.
pub(crate) fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // Nearly every value needs no escape; this test compiles to a vector
    // loop, the escaping one below does not.
    let plain = b
        .iter()
        .fold(true, |ok, &x| ok & (x >= 0x20) & (x != b'"') & (x != b'\\'));
    if plain {
        out.reserve(b.len() + 2);
        out.push(b'"');
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    out.push(b'"');
    let mut start = 0;
    for (i, &x) in b.iter().enumerate() {
        if x >= 0x20 && x != b'"' && x != b'\\' {
            continue;
        }
        out.extend_from_slice(&b[start..i]);
        start = i + 1;
        match x {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(x >> 4)]);
                out.push(HEX[usize::from(x & 15)]);
            }
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

fn push_number(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends one record as a JSON object, compact or pretty. Pretty output is
/// what serde_json's pretty printer writes for the object at `depth` levels
/// of nesting (two spaces a level; an empty array as `[]`).
fn push_item(
    out: &mut Vec<u8>,
    scratch: &mut String,
    item: &Identity<'_>,
    pretty: bool,
    depth: usize,
) {
    let newline = |out: &mut Vec<u8>, level: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * level, b' ');
    };
    out.push(b'{');
    for (i, (key, value)) in item.pairs().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if pretty {
            newline(out, depth + 1);
        }
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(if pretty { b"\": " } else { b"\":" });
        match value {
            Value::Number(n) => push_number(out, n),
            Value::Text(t) => {
                scratch.clear();
                t.push_to(scratch);
                push_json_str(out, scratch);
            }
            Value::List(list) => {
                out.push(b'[');
                let empty = list.is_empty();
                let mut n = 0;
                let _ = list.for_each(scratch, |s| {
                    if n > 0 {
                        out.push(b',');
                    }
                    if pretty {
                        newline(out, depth + 2);
                    }
                    push_json_str(out, s);
                    n += 1;
                    Ok::<(), ()>(())
                });
                if pretty && !empty {
                    newline(out, depth + 1);
                }
                out.push(b']');
            }
        }
    }
    if pretty {
        newline(out, depth);
    }
    out.push(b'}');
}

/// Writes the document's opening: `{"certificates":[` (or its pretty form).
pub fn json_open(pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if pretty {
        b"{\n  \"certificates\": ["
    } else {
        b"{\"certificates\":["
    })
}

/// Appends the records of `entries` as array items. `first` is true when no
/// item was written before in this document. Pretty items are indented as
/// serde_json's pretty printer would at this depth, so the streamed document
/// equals the one-shot one byte for byte.
pub fn json_items(
    entries: &[EntryRecord],
    mut first: bool,
    pretty: bool,
    opts: &RenderOptions<'_>,
    out: &mut Vec<u8>,
) {
    let mut scratch = String::with_capacity(256);
    for (e, c) in certificates(entries) {
        if pretty {
            out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        } else if !first {
            out.push(b',');
        }
        push_item(out, &mut scratch, &identity(e, c, opts), pretty, 2);
        first = false;
    }
}

/// Writes the document's end; `any` tells whether items were written.
pub fn json_close(pretty: bool, any: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(match (pretty, any) {
        (true, true) => b"\n  ]\n}\n",
        (true, false) => b"]\n}\n",
        (false, _) => b"]}\n",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped_as_serde_json_does() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é€😀\u{2028}\u{7f}\"\\");
        for s in [all.as_str(), "", "plain", "\"", "a\\b", "\u{0}\u{1f}"] {
            let mut out = Vec::new();
            push_json_str(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_does() {
        for n in [0, 1, -1, 9, 10, i64::MAX, i64::MIN, 1_768_435_200_000] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
