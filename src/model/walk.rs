//! The certificate reader: one walk over the encoding that accepts what Java's
//! `X509CertImpl` / `X509CertInfo` accept and reads it as they do.
//!
//! Written by hand because no crate reads certificates by Java's rules
//! (x509-parser refuses empty RDNs, fractional or offset times and Feb 29 in a
//! common year, all of which Java reads) and because it is the hot path of
//! every listing (BENCHMARKS.md#kept-devices). Java's rules, as kept here:
//! long-form lengths of up to four octets, minimal or not; one-octet tags;
//! attribute values of any type; empty RDNs; algorithm parameters of any
//! type (NULL with content refused); unique identifiers; extensions only in
//! v3; bytes after the extensions inside the TBSCertificate ignored. Times:
//! [`super::time`]. The SubjectPublicKeyInfo is read by x509-parser.

use super::read::{KnownExtension, KnownExtensions, Name, Parsed, Signed};
use super::time::{self, TimeError};
use crate::model::name::{self, Ava, DistinguishedName};
use std::borrow::Cow;
use thiserror::Error;
use x509_parser::asn1_rs::{FromDer, Oid};
use x509_parser::x509::SubjectPublicKeyInfo;

/// Why the bytes are not a certificate Java would read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// A tag/length header that cannot be read, or content past the end.
    #[error("{0}: bad encoding")]
    Encoding(&'static str),
    /// An indefinite length (BER), which the model does not read.
    #[error("{0}: indefinite length")]
    Indefinite(&'static str),
    /// Another tag than the structure requires.
    #[error("{0}: unexpected tag 0x{1:02x}")]
    Tag(&'static str, u8),
    /// A structure rule Java enforces.
    #[error("{0}")]
    Invalid(&'static str),
    /// A validity date Java cannot read.
    #[error(transparent)]
    Time(#[from] TimeError),
}

type R<T> = Result<T, ReadError>;

/// One element: tag, content, the whole element, what follows.
type Element<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

/// One element with a one-octet tag and a definite length of up to four
/// length octets (Java's limit; redundant length octets allowed, as Java
/// reads certificates with BER lengths allowed).
pub(super) fn element<'a>(i: &'a [u8], what: &'static str) -> R<Element<'a>> {
    let bad = ReadError::Encoding(what);
    let (&tag, after_tag) = i.split_first().ok_or(bad.clone())?;
    if tag & 0x1f == 0x1f {
        return Err(bad);
    }
    let (&first, after_len) = after_tag.split_first().ok_or(bad.clone())?;
    let (len, body) = match first {
        0..=0x7f => (usize::from(first), after_len),
        0x80 => return Err(ReadError::Indefinite(what)),
        0x81..=0x84 => {
            let n = usize::from(first & 0x7f);
            let octets = after_len.get(..n).ok_or(bad.clone())?;
            let len = octets.iter().fold(0usize, |a, &b| a << 8 | usize::from(b));
            if len > i32::MAX as usize {
                return Err(bad);
            }
            (len, &after_len[n..])
        }
        _ => return Err(bad),
    };
    if len > body.len() {
        return Err(bad);
    }
    let whole = &i[..i.len() - body.len() + len];
    Ok((tag, &body[..len], whole, &body[len..]))
}

/// The content of an element with this tag, and what follows it.
fn expect<'a>(i: &'a [u8], tag: u8, what: &'static str) -> R<(&'a [u8], &'a [u8])> {
    let (t, content, _, rest) = element(i, what)?;
    if t != tag {
        return Err(ReadError::Tag(what, t));
    }
    Ok((content, rest))
}

/// An OBJECT IDENTIFIER as Java's `ObjectIdentifier` checks it: content
/// present, last octet ending an arc, no arc starting with a 0x80 pad.
fn oid<'a>(i: &'a [u8], what: &'static str) -> R<(Oid<'a>, &'a [u8])> {
    let (content, rest) = expect(i, 0x06, what)?;
    crate::der::check_oid(content).map_err(|_| ReadError::Invalid("invalid OBJECT IDENTIFIER"))?;
    Ok((Oid::new(Cow::Borrowed(content)), rest))
}

/// An algorithm's OID, its parameters' encoding, and what follows.
type Algorithm<'a> = (Oid<'a>, Option<&'a [u8]>, &'a [u8]);

/// AlgorithmIdentifier ::= SEQUENCE { OID, parameters ANY OPTIONAL }; a NULL
/// must be empty (Java's `AlgorithmId.parse`). Returns the OID and the
/// parameters' encoding (`None` for absent or NULL, as Java compares them).
fn algorithm(i: &[u8]) -> R<Algorithm<'_>> {
    let (content, rest) = expect(i, 0x30, "AlgorithmIdentifier")?;
    let (alg, params) = oid(content, "AlgorithmIdentifier")?;
    if params.is_empty() {
        return Ok((alg, None, rest));
    }
    let (tag, data, whole, after) = element(params, "algorithm parameters")?;
    if !after.is_empty() {
        return Err(ReadError::Invalid("AlgorithmIdentifier: extra data"));
    }
    if tag == 0x05 {
        if !data.is_empty() {
            return Err(ReadError::Invalid("AlgorithmIdentifier: invalid NULL"));
        }
        return Ok((alg, None, rest));
    }
    Ok((alg, Some(whole), rest))
}

/// Name ::= SEQUENCE OF RDN: the name, its encoding, and what follows it.
pub(super) fn name<'a>(i: &'a [u8], what: &'static str) -> R<(Name<'a>, &'a [u8])> {
    let (tag, content, raw, rest) = element(i, what)?;
    if tag != 0x30 {
        return Err(ReadError::Tag(what, tag));
    }
    Ok((
        Name {
            dn: rdns(content)?,
            raw,
        },
        rest,
    ))
}

/// The RDNs of a Name's content: RDN ::= SET OF SEQUENCE { type OID, value ANY }.
/// An empty SET is an empty RDN, kept (Java prints it as an empty component).
pub(super) fn rdns(content: &[u8]) -> R<DistinguishedName> {
    let mut rdns = content;
    let mut avas = Vec::with_capacity(8);
    while !rdns.is_empty() {
        let (mut set, more) = expect(rdns, 0x31, "X500 RDN")?;
        rdns = more;
        if set.is_empty() {
            avas.push(Ava::empty_rdn());
        }
        let mut same_rdn = false;
        while !set.is_empty() {
            let (atv, more) = expect(set, 0x30, "AVA")?;
            set = more;
            let (attr, value) = oid(atv, "AVA")?;
            let (vtag, data, _, after) = element(value, "AVA value")?;
            if !after.is_empty() {
                return Err(ReadError::Invalid("AVA: extra bytes"));
            }
            avas.push(Ava {
                oid: name::oid_str(&attr),
                value: attr_value(vtag, data)?,
                same_rdn,
            });
            same_rdn = true;
        }
    }
    // Held for as long as the record (a collected table's every row): no
    // spare capacity.
    avas.shrink_to_fit();
    Ok(DistinguishedName { avas })
}

/// An attribute value: the string types decoded as Java decodes them,
/// anything else kept as its encoding (Java shows it as `#hex`).
fn attr_value(tag: u8, data: &[u8]) -> R<name::AttrValue> {
    // Java's AVA refuses a BMPString holding a surrogate code unit, paired or not.
    let surrogate = |c: &[u8]| matches!(c, [0xd8..=0xdf, _]);
    if tag == 0x1e && data.chunks(2).any(surrogate) {
        return Err(ReadError::Invalid("AVA: surrogate in a BMPString"));
    }
    Ok(name::decode_raw(tag, data))
}

/// extensions: SEQUENCE OF SEQUENCE { OID, critical BOOLEAN OPTIONAL, OCTET STRING }
fn extensions(list: &[u8]) -> R<KnownExtensions<'_>> {
    let mut known = KnownExtensions::new();
    let mut list = list;
    while !list.is_empty() {
        let (ext, more) = expect(list, 0x30, "Extension")?;
        list = more;
        let (id, rest) = oid(ext, "Extension")?;
        let (mut tag, mut value, _, mut rest) = element(rest, "Extension")?;
        let mut critical = false;
        if tag == 0x01 {
            critical = match value {
                [b] => *b != 0,
                _ => return Err(ReadError::Invalid("Extension: invalid BOOLEAN")),
            };
            (tag, value, _, rest) = element(rest, "Extension")?;
        }
        let _ = rest; // Java ignores what follows the extnValue.
        if tag != 0x04 {
            return Err(ReadError::Tag("Extension value", tag));
        }
        if let Some(n) = super::read::known_extension(&id) {
            known.push(KnownExtension {
                id: n,
                critical,
                value,
            });
        }
    }
    Ok(known)
}

/// The version, serial and signature algorithm at the start of the TBS.
fn version_and_serial(t: &[u8]) -> R<(u32, &[u8], &[u8])> {
    let mut t = t;
    let mut version = 1;
    if t.first() == Some(&0xa0) {
        let (v, more) = expect(t, 0xa0, "version")?;
        match expect(v, 0x02, "version")? {
            ([n @ 0..=0x7f], []) => version = u32::from(*n) + 1,
            _ => return Err(ReadError::Invalid("X.509 version, bad format")),
        }
        t = more;
    }
    let (raw_serial, t) = expect(t, 0x02, "serialNumber")?;
    if raw_serial.is_empty() {
        return Err(ReadError::Invalid("serialNumber: zero length INTEGER"));
    }
    Ok((version, raw_serial, t))
}

/// Validity ::= SEQUENCE { notBefore Time, notAfter Time }, as ms since the epoch.
fn validity(t: &[u8]) -> R<(i64, i64, &[u8])> {
    let (v, rest) = expect(t, 0x30, "Validity")?;
    let (nb_tag, nb, _, v) = element(v, "Validity")?;
    let (na_tag, na, _, v) = element(v, "Validity")?;
    if !v.is_empty() {
        return Err(ReadError::Invalid(
            "Invalid encoding for CertificateValidity",
        ));
    }
    Ok((
        time::epoch_ms(nb_tag, nb)?,
        time::epoch_ms(na_tag, na)?,
        rest,
    ))
}

/// What follows the key: unique identifiers ([1], [2]) and extensions ([3]).
fn after_key(version: u32, t: &[u8]) -> R<KnownExtensions<'_>> {
    if t.is_empty() {
        return Ok(KnownExtensions::new());
    }
    if version == 1 {
        return Err(ReadError::Invalid(
            "no more data allowed for version 1 certificate",
        ));
    }
    let (mut tag, mut content, _, mut rest) = element(t, "TBSCertificate")?;
    for unique_id in [1, 2] {
        if tag & 0xdf == 0x80 | unique_id {
            if rest.is_empty() {
                return Ok(KnownExtensions::new());
            }
            (tag, content, _, rest) = element(rest, "TBSCertificate")?;
        }
    }
    if version != 3 {
        return Err(ReadError::Invalid(
            "extensions not allowed in a v2 certificate",
        ));
    }
    // Anything but a constructed [3] here, and anything after it, Java ignores.
    if tag != 0xa3 {
        return Ok(KnownExtensions::new());
    }
    let (list, _) = expect(content, 0x30, "Extensions")?;
    extensions(list)
}

/// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }:
/// the certificate and the bytes after it.
pub fn certificate(input: &[u8]) -> R<(&[u8], Parsed<'_>)> {
    let (cert, rest) = expect(input, 0x30, "Certificate")?;
    let (tbs, after_tbs) = expect(cert, 0x30, "TBSCertificate")?;
    let (signature_algorithm, outer_params, after_alg) = algorithm(after_tbs)?;
    let (signature, after_bits) = expect(after_alg, 0x03, "signatureValue")?;
    if !after_bits.is_empty() {
        return Err(ReadError::Invalid("signed overrun"));
    }
    let (version, raw_serial, t) = version_and_serial(tbs)?;
    let (inner, inner_params, t) = algorithm(t)?;
    let (issuer, t) = name(t, "issuer")?;
    let (not_before_ms, not_after_ms, t) = validity(t)?;
    let (subject, t) = name(t, "subject")?;
    let (tag, _, spki_element, t) = element(t, "SubjectPublicKeyInfo")?;
    let spki = match (tag, SubjectPublicKeyInfo::from_der(spki_element)) {
        (0x30, Ok(([], k))) => k,
        _ => return Err(ReadError::Invalid("SubjectPublicKeyInfo: cannot be read")),
    };
    let signed = Signed {
        tbs: cert.get(..cert.len() - after_tbs.len()).unwrap_or(cert),
        algorithm: after_tbs
            .get(..after_tbs.len() - after_alg.len())
            .unwrap_or(after_tbs),
        signature,
        spki: spki_element,
        // Java refuses the certificate (X509CertImpl: "Signature algorithm
        // mismatch"); `check` judges it.
        algorithms_differ: inner != signature_algorithm || inner_params != outer_params,
        tbs_algorithm: inner,
    };
    let extensions = after_key(version, t)?;
    Ok((
        rest,
        Parsed {
            version,
            raw_serial,
            issuer,
            not_before_ms,
            not_after_ms,
            subject,
            spki,
            extensions,
            signature_algorithm,
            signed: Some(signed),
        },
    ))
}
