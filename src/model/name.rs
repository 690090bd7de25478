//! Distinguished names as data: ordered RDNs of attribute values, decoded the
//! way Java's `DerValue.getAsString()` decodes them. Rendering is elsewhere.

use x509_parser::asn1_rs::{Any, Class, Tag};
use x509_parser::x509::X509Name;

/// One attribute value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrValue {
    /// A string type Java decodes (UTF8, Printable, T61, IA5, Universal, BMP, General).
    Text(String),
    /// Anything else: the full DER encoding (tag, length, value), shown as `#hex`.
    Der(Vec<u8>),
}

/// One attribute type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ava {
    /// Dotted attribute type OID.
    pub oid: String,
    /// The value.
    pub value: AttrValue,
}

/// A distinguished name: RDNs in DER order, each one or more AVAs in DER order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DistinguishedName {
    /// The RDNs, in the order of the encoding (least specific first, usually).
    pub rdns: Vec<Vec<Ava>>,
}

impl DistinguishedName {
    /// Builds the model from a parsed name.
    pub fn from_x509(name: &X509Name<'_>) -> Self {
        let rdns = name
            .iter_rdn()
            .map(|rdn| {
                rdn.iter()
                    .map(|ava| Ava {
                        oid: ava.attr_type().to_id_string(),
                        value: decode_value(ava.attr_value()),
                    })
                    .collect()
            })
            .collect();
        DistinguishedName { rdns }
    }

    /// The values of every AVA with this OID, in DER order.
    pub fn values_of<'s>(&'s self, oid: &'s str) -> impl Iterator<Item = &'s AttrValue> + 's {
        self.rdns
            .iter()
            .flatten()
            .filter(move |a| a.oid == oid)
            .map(|a| &a.value)
    }
}

/// Re-encodes a parsed value as DER (identifier octets, definite length, content).
pub fn encode_any(any: &Any<'_>) -> Vec<u8> {
    let data = any.data;
    let class_bits: u8 = match any.class() {
        Class::Universal => 0x00,
        Class::Application => 0x40,
        Class::ContextSpecific => 0x80,
        Class::Private => 0xc0,
    };
    let cons: u8 = if any.header.is_constructed() { 0x20 } else { 0 };
    let mut out = Vec::with_capacity(data.len() + 8);
    let tag = any.tag().0;
    if tag < 31 {
        out.push(class_bits | cons | tag as u8);
    } else {
        out.push(class_bits | cons | 0x1f);
        let mut groups = Vec::new();
        let mut t = tag;
        loop {
            groups.push((t & 0x7f) as u8);
            t >>= 7;
            if t == 0 {
                break;
            }
        }
        for (i, g) in groups.iter().enumerate().rev() {
            out.push(if i == 0 { *g } else { g | 0x80 });
        }
    }
    push_len(&mut out, data.len());
    out.extend_from_slice(data);
    out
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Decodes as Java's `DerValue.getAsString()`: the string types it knows
/// become text (invalid bytes become U+FFFD, as Java's decoders do), the rest
/// stays DER.
pub fn decode_value(any: &Any<'_>) -> AttrValue {
    if any.class() != Class::Universal || any.header.is_constructed() {
        return AttrValue::Der(encode_any(any));
    }
    let d = any.data;
    let text = match any.tag() {
        Tag::Utf8String => String::from_utf8_lossy(d).into_owned(),
        Tag::PrintableString | Tag::Ia5String | Tag::GeneralString => ascii_lossy(d),
        Tag::T61String => d.iter().map(|&b| b as char).collect(),
        Tag::BmpString => utf16be_lossy(d),
        Tag::UniversalString => utf32be_lossy(d),
        _ => return AttrValue::Der(encode_any(any)),
    };
    AttrValue::Text(text)
}

/// US-ASCII decoding with U+FFFD for bytes above 0x7f (Java's US_ASCII decoder).
pub fn ascii_lossy(d: &[u8]) -> String {
    d.iter()
        .map(|&b| if b < 0x80 { b as char } else { '\u{FFFD}' })
        .collect()
}

fn utf16be_lossy(d: &[u8]) -> String {
    let units: Vec<u16> = d
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        })
        .collect();
    String::from_utf16_lossy(&units)
}

fn utf32be_lossy(d: &[u8]) -> String {
    d.chunks(4)
        .map(|c| match c {
            [a, b, e, f] => {
                char::from_u32(u32::from_be_bytes([*a, *b, *e, *f])).unwrap_or('\u{FFFD}')
            }
            _ => '\u{FFFD}',
        })
        .collect()
}

/// Lower-case hex, for values that have no text form.
pub fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}
