//! Distinguished names as data: ordered RDNs of attribute values, decoded the
//! way Java's `DerValue.getAsString()` decodes them. It makes no display
//! strings: rendering is in `crate::java`.

use std::borrow::Cow;
use x509_parser::asn1_rs::{Any, Class, Oid};
use x509_parser::x509::X509Name;

/// Text of a name or address: held inline up to 24 bytes, which nearly
/// every attribute value and DNS name fits (rather than one heap allocation per
/// value).
pub type Text = compact_str::CompactString;

/// One attribute value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrValue {
    /// A string type Java decodes (UTF8, Printable, T61, IA5, Universal, BMP, General).
    Text(Text),
    /// Anything else: the full DER encoding (tag, length, value), shown as `#hex`.
    Der(Vec<u8>),
}

/// One attribute type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ava {
    /// Dotted attribute type OID.
    pub oid: Cow<'static, str>,
    /// The value.
    pub value: AttrValue,
    /// True when this AVA belongs to the same (multi-valued) RDN as the one
    /// before it.
    pub same_rdn: bool,
}

impl Ava {
    /// The stand-in for an empty RDN (an empty SET, which Java keeps and prints
    /// as an empty component): no attribute type, no value.
    pub fn empty_rdn() -> Self {
        Ava {
            oid: Cow::Borrowed(""),
            value: AttrValue::Text(Text::default()),
            same_rdn: false,
        }
    }

    /// True for [`Ava::empty_rdn`].
    pub fn is_empty_rdn(&self) -> bool {
        self.oid.is_empty()
    }
}

/// A distinguished name: AVAs in DER order, RDN boundaries marked by
/// [`Ava::same_rdn`], an empty RDN by [`Ava::empty_rdn`] (one flat list: a name
/// costs one allocation, not one per RDN).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DistinguishedName {
    /// The AVAs, in the order of the encoding (least specific first, usually).
    pub avas: Vec<Ava>,
}

impl DistinguishedName {
    /// Builds the model from a parsed name.
    pub fn from_x509(name: &X509Name<'_>) -> Self {
        let mut avas = Vec::with_capacity(8);
        for rdn in name.iter_rdn() {
            if rdn.iter().next().is_none() {
                avas.push(Ava::empty_rdn());
            }
            for (i, ava) in rdn.iter().enumerate() {
                avas.push(Ava {
                    oid: oid_str(ava.attr_type()),
                    value: decode_value(ava.attr_value()),
                    same_rdn: i > 0,
                });
            }
        }
        avas.shrink_to_fit();
        DistinguishedName { avas }
    }

    /// The values of every AVA with this OID, in DER order.
    pub fn values_of<'s>(&'s self, oid: &'s str) -> impl Iterator<Item = &'s AttrValue> + 's {
        self.avas
            .iter()
            .filter(move |a| a.oid == oid)
            .map(|a| &a.value)
    }
}

/// The dotted form of an OID, without allocating for the attribute and
/// algorithm OIDs that nearly every certificate carries.
pub fn oid_str(oid: &Oid<'_>) -> Cow<'static, str> {
    let known: Option<&'static str> = match oid.as_bytes() {
        [0x55, 0x04, x] => match x {
            3 => Some("2.5.4.3"),
            4 => Some("2.5.4.4"),
            5 => Some("2.5.4.5"),
            6 => Some("2.5.4.6"),
            7 => Some("2.5.4.7"),
            8 => Some("2.5.4.8"),
            9 => Some("2.5.4.9"),
            10 => Some("2.5.4.10"),
            11 => Some("2.5.4.11"),
            12 => Some("2.5.4.12"),
            42 => Some("2.5.4.42"),
            43 => Some("2.5.4.43"),
            44 => Some("2.5.4.44"),
            46 => Some("2.5.4.46"),
            _ => None,
        },
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01] => Some("1.2.840.113549.1.9.1"),
        [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, x] => match x {
            1 => Some("1.2.840.113549.1.1.1"),
            4 => Some("1.2.840.113549.1.1.4"),
            5 => Some("1.2.840.113549.1.1.5"),
            10 => Some("1.2.840.113549.1.1.10"),
            11 => Some("1.2.840.113549.1.1.11"),
            12 => Some("1.2.840.113549.1.1.12"),
            13 => Some("1.2.840.113549.1.1.13"),
            _ => None,
        },
        [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, x] => match x {
            1 => Some("1.2.840.10045.4.3.1"),
            2 => Some("1.2.840.10045.4.3.2"),
            3 => Some("1.2.840.10045.4.3.3"),
            4 => Some("1.2.840.10045.4.3.4"),
            _ => None,
        },
        [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01] => Some("1.2.840.10045.2.1"),
        [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07] => Some("1.2.840.10045.3.1.7"),
        [0x2b, 0x81, 0x04, 0x00, 0x22] => Some("1.3.132.0.34"),
        [0x2b, 0x81, 0x04, 0x00, 0x23] => Some("1.3.132.0.35"),
        [0x2b, 0x65, x] => match x {
            110 => Some("1.3.101.110"),
            111 => Some("1.3.101.111"),
            112 => Some("1.3.101.112"),
            113 => Some("1.3.101.113"),
            _ => None,
        },
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19] => {
            Some("0.9.2342.19200300.100.1.25")
        }
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01] => {
            Some("0.9.2342.19200300.100.1.1")
        }
        _ => None,
    };
    match known {
        Some(k) => Cow::Borrowed(k),
        // An encoding X.690 forbids (a 0x80 pad, an unfinished arc) is shown
        // as x509-parser shows it; every valid one is `der`'s decoding.
        None => Cow::Owned(
            crate::der::oid_to_string(oid.as_bytes()).unwrap_or_else(|_| oid.to_id_string()),
        ),
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
    let tag = any.tag().0;
    if tag >= 31 {
        return AttrValue::Der(encode_any(any));
    }
    let class_bits: u8 = match any.class() {
        Class::Universal => 0x00,
        Class::Application => 0x40,
        Class::ContextSpecific => 0x80,
        Class::Private => 0xc0,
    };
    let cons: u8 = if any.header.is_constructed() { 0x20 } else { 0 };
    decode_raw(class_bits | cons | tag as u8, any.data)
}

/// [`decode_value`] of a value given as its identifier octet and content.
pub fn decode_raw(tag: u8, d: &[u8]) -> AttrValue {
    let text = match tag {
        0x0c => Text::from_utf8_lossy(d),
        0x13 | 0x16 | 0x1b => ascii_lossy(d),
        0x14 => d.iter().map(|&b| b as char).collect(),
        0x1e => Text::from(utf16be_lossy(d)),
        0x1c => utf32be_lossy(d),
        _ => {
            let mut out = Vec::with_capacity(d.len() + 6);
            out.push(tag);
            push_len(&mut out, d.len());
            out.extend_from_slice(d);
            return AttrValue::Der(out);
        }
    };
    AttrValue::Text(text)
}

/// US-ASCII decoding with U+FFFD for bytes above 0x7f (Java's US_ASCII decoder).
pub fn ascii_lossy(d: &[u8]) -> Text {
    if let Some(s) = d.is_ascii().then(|| std::str::from_utf8(d).ok()).flatten() {
        return Text::from(s);
    }
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

fn utf32be_lossy(d: &[u8]) -> Text {
    d.chunks(4)
        .map(|c| match c {
            [a, b, e, f] => {
                char::from_u32(u32::from_be_bytes([*a, *b, *e, *f])).unwrap_or('\u{FFFD}')
            }
            _ => '\u{FFFD}',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `oid_str` (table, then `der::oid_to_string`) gives X.690's dotted
    /// form, which is asn1-rs's `to_id_string` wherever the first byte is a
    /// whole first subidentifier below 80; encodings X.690 forbids are shown
    /// as asn1-rs shows them.
    #[test]
    fn oid_strings_agree_with_asn1_rs() {
        let cases: &[&[u8]] = &[
            &[0x55, 0x04, 0x03],
            &[0x2b, 0x65, 0x70],
            &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
            &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x15, 0x14],
            &[0x00],
            &[0x88, 0x37, 0x01],
            &[0x00, 0x01],
            &[0x27],
            &[0x28],
            &[0x4f],
            &[0x50, 0x7f],
            &[0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
            &[0x2a, 0x80, 0x01],
            &[0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
            &[
                0x2a, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ],
            &[0x2a, 0x86],
            &[],
        ];
        for &c in cases {
            let oid = Oid::new(Cow::Borrowed(c));
            let want = match crate::der::oid_to_string(c) {
                // asn1-rs falls back to hex for an arc of 64 bits.
                Ok(dotted)
                    if matches!(c.first(), Some(1..=0x4f)) && !oid.to_id_string().contains(' ') =>
                {
                    assert_eq!(dotted, oid.to_id_string(), "{c:02x?}");
                    dotted
                }
                Ok(dotted) => dotted,
                Err(_) => oid.to_id_string(),
            };
            assert_eq!(oid_str(&oid), want, "{c:02x?}");
        }
        // Where asn1-rs and Java part (Java is right): X.690's first arcs.
        let java = |c: &[u8]| oid_str(&Oid::new(Cow::Owned(c.to_vec()))).into_owned();
        assert_eq!(java(&[0x00]), "0.0");
        assert_eq!(java(&[0x88, 0x37, 0x01]), "2.999.1");
        assert_eq!(java(&[0x50, 0x7f]), "2.0.127");
        for x in 0..=255u8 {
            let oid = Oid::new(Cow::Owned(vec![0x2b, 0x06, x, 0x01]));
            assert_eq!(oid_str(&oid), oid.to_id_string(), "{x:02x}");
        }
    }
}
