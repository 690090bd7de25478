//! The fast walk over a plain DER certificate; it must not decide anything
//! x509-parser's parser would decide differently.
//!
//! Written by hand because x509-parser's parsers cost more than the rest of
//! the model together (BENCHMARKS.md#kept-devices).
//! It takes only what is unambiguous: one-byte tags, minimal definite
//! lengths, every container read to its end, attribute values that are
//! universal strings, no unique identifiers, algorithm parameters absent,
//! NULL or an OID. On those it reads what x509-parser's
//! `X509CertificateParser` reads (a test in [`super::read`] compares them on
//! every sample and on thousands of mutations, the `model_diff` fuzz target
//! on arbitrary bytes); on anything else it returns `None` and x509-parser
//! decides, error text included. Validity and the SubjectPublicKeyInfo are
//! still read by x509-parser.

use super::read::{KnownExtensions, Name, Parsed};
use crate::model::name::{self, Ava, DistinguishedName};
use std::borrow::Cow;
use x509_parser::asn1_rs::{Any, Class, FromDer, Header, Length, Oid, Tag};
use x509_parser::certificate::Validity;
use x509_parser::x509::SubjectPublicKeyInfo;

/// One element: tag, content, the whole element, what follows.
type Element<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

/// One element with a one-byte tag and a minimal definite length.
fn element(i: &[u8]) -> Option<Element<'_>> {
    let (&tag, after_tag) = i.split_first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let (len, body) = match *after_tag {
        [l @ 0..=0x7f, ref body @ ..] => (usize::from(l), body),
        [0x81, l @ 0x80..=0xff, ref body @ ..] => (usize::from(l), body),
        [0x82, a @ 1..=0xff, b, ref body @ ..] => (usize::from(u16::from_be_bytes([a, b])), body),
        [0x83, a @ 1..=0xff, b, c, ref body @ ..] => (
            usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c),
            body,
        ),
        _ => return None,
    };
    if len > body.len() {
        return None;
    }
    let whole = &i[..i.len() - body.len() + len];
    Some((tag, &body[..len], whole, &body[len..]))
}

/// The content of an element with this tag, and what follows it.
fn expect(i: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (t, content, _, rest) = element(i)?;
    (t == tag).then_some((content, rest))
}

/// An OBJECT IDENTIFIER's content that ends its last arc.
fn oid(i: &[u8]) -> Option<(Oid<'_>, &[u8])> {
    let (content, rest) = expect(i, 0x06)?;
    match content.last() {
        Some(b) if b & 0x80 == 0 => Some((Oid::new(Cow::Borrowed(content)), rest)),
        _ => None,
    }
}

/// AlgorithmIdentifier with no parameters, NULL, or an OID (a named curve).
fn algorithm(i: &[u8]) -> Option<(Oid<'_>, &[u8])> {
    let (content, rest) = expect(i, 0x30)?;
    let (alg, params) = oid(content)?;
    match params {
        [] | [0x05, 0x00] => {}
        _ => {
            let (_, after) = oid(params)?;
            if !after.is_empty() {
                return None;
            }
        }
    }
    Some((alg, rest))
}

/// Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value universal string }
fn name(i: &[u8]) -> Option<(Name<'_>, &[u8])> {
    let (tag, mut rdns, raw, rest) = element(i)?;
    if tag != 0x30 {
        return None;
    }
    let mut avas = Vec::with_capacity(8);
    while !rdns.is_empty() {
        let (mut set, more) = expect(rdns, 0x31)?;
        rdns = more;
        if set.is_empty() {
            return None;
        }
        let mut same_rdn = false;
        while !set.is_empty() {
            let (atv, more) = expect(set, 0x30)?;
            set = more;
            let (attr, value) = oid(atv)?;
            let (vtag, data, _, after) = element(value)?;
            // UTF8, Printable, T61, IA5, General, Universal, BMP strings.
            if !after.is_empty() || !matches!(vtag, 0x0c | 0x13 | 0x14 | 0x16 | 0x1b | 0x1c | 0x1e)
            {
                return None;
            }
            let header = Header::new(
                Class::Universal,
                false,
                Tag(u32::from(vtag)),
                Length::Definite(data.len()),
            );
            avas.push(Ava {
                oid: name::oid_str(&attr),
                value: name::decode_value(&Any::new(header, data)),
                same_rdn,
            });
            same_rdn = true;
        }
    }
    // Held for as long as the record (a collected table's every row): no
    // spare capacity.
    avas.shrink_to_fit();
    Some((
        Name {
            dn: DistinguishedName { avas },
            raw,
        },
        rest,
    ))
}

/// extensions [3] EXPLICIT SEQUENCE OF SEQUENCE { OID, BOOLEAN?, OCTET STRING }
fn extensions(i: &[u8]) -> Option<KnownExtensions<'_>> {
    let mut known = KnownExtensions::new();
    if i.is_empty() {
        return Some(known);
    }
    let (wrapped, after) = expect(i, 0xa3)?;
    let (mut list, after_list) = expect(wrapped, 0x30)?;
    if !after.is_empty() || !after_list.is_empty() {
        return None;
    }
    while !list.is_empty() {
        let (ext, more) = expect(list, 0x30)?;
        list = more;
        let (id, rest) = oid(ext)?;
        let rest = match rest {
            [0x01, 0x01, 0x00 | 0xff, rest @ ..] => rest,
            _ => rest,
        };
        let (value, after) = expect(rest, 0x04)?;
        if !after.is_empty() {
            return None;
        }
        if let Some(n) = super::read::known_extension(&id) {
            known.push((n, value));
        }
    }
    Some(known)
}

/// The whole certificate, or `None` for x509-parser to decide.
pub fn certificate(input: &[u8]) -> Option<(&[u8], Parsed<'_>)> {
    let (cert, rest) = expect(input, 0x30)?;
    let (tbs, after_tbs) = expect(cert, 0x30)?;
    let (signature_algorithm, after_alg) = algorithm(after_tbs)?;
    let (bits, after_bits) = expect(after_alg, 0x03)?;
    if bits.first() != Some(&0) || !after_bits.is_empty() {
        return None;
    }
    let mut t = tbs;
    let mut version = 1;
    if t.first() == Some(&0xa0) {
        let (v, more) = expect(t, 0xa0)?;
        match expect(v, 0x02)? {
            ([n @ 0..=0x7f], []) => version = u32::from(*n) + 1,
            _ => return None,
        }
        t = more;
    }
    let (raw_serial, t) = expect(t, 0x02)?;
    if raw_serial.is_empty() {
        return None;
    }
    let (_, t) = algorithm(t)?;
    let (issuer, t) = name(t)?;
    let (tag, _, validity, t) = element(t)?;
    let validity = match (tag, Validity::from_der(validity)) {
        (0x30, Ok(([], v))) => v,
        _ => return None,
    };
    let (subject, t) = name(t)?;
    let (tag, _, spki, t) = element(t)?;
    let spki = match (tag, SubjectPublicKeyInfo::from_der(spki)) {
        (0x30, Ok(([], k))) => k,
        _ => return None,
    };
    let extensions = extensions(t)?;
    Some((
        rest,
        Parsed {
            version,
            raw_serial,
            issuer,
            validity,
            subject,
            spki,
            extensions,
            signature_algorithm,
        },
    ))
}
