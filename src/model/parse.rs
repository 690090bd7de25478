//! The walk over a DER certificate that feeds [`super::CertRecord`].
//!
//! Why not `X509CertificateParser`: it builds a `Vec` per name, one per RDN
//! and one for the extensions, and a `BigUint` for the serial; on a large
//! bundle those allocations and their frees cost more than the walk itself.
//! This module composes the same public component parsers of x509-parser,
//! der-parser and nom in the same order, with the same combinators (folds in
//! place of `many0`/`many1`, which nom implements with the same stopping
//! rules), so that what is accepted, what is rejected and the error shown are
//! those of x509-parser. Names go straight into the model's flat AVA list.
//! A test in `super` compares both walks on every sample and on thousands of
//! mutations of them.

use super::fast;
use super::name::{self, Ava, DistinguishedName};
use smallvec::SmallVec;
use x509_parser::asn1_rs::{
    Any, BitString, FromBer, FromDer, Header, Oid, OptTaggedImplicit, OptTaggedParser, Tag,
};
use x509_parser::certificate::Validity;
use x509_parser::certificate::X509CertificateParser;
use x509_parser::der_parser::ber::MAX_OBJECT_SIZE;
use x509_parser::der_parser::der::{
    der_read_element_header, parse_der_sequence_defined_g, parse_der_set_defined_g,
};
use x509_parser::error::{X509Error, X509Result};
use x509_parser::extensions::X509ExtensionParser;
use x509_parser::nom::branch::alt;
use x509_parser::nom::bytes::complete::take;
use x509_parser::nom::combinator::{all_consuming, complete};
use x509_parser::nom::multi::{fold_many0, fold_many1};
use x509_parser::nom::Parser;
use x509_parser::nom::{Err, Offset};
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo, X509Version};

/// A name as the model keeps it, with its encoding as x509-parser's
/// `X509Name::as_raw` gives it.
pub struct Name<'a> {
    pub dn: DistinguishedName,
    pub raw: &'a [u8],
}

/// The extensions the layouts use, by the last byte of their `2.5.29.x` OID,
/// with their extnValue contents, in certificate order.
pub type KnownExtensions<'a> = SmallVec<[(u8, &'a [u8]); 8]>;

/// What the record is built from.
pub struct Parsed<'a> {
    pub version: u32,
    pub raw_serial: &'a [u8],
    pub issuer: Name<'a>,
    pub validity: Validity,
    pub subject: Name<'a>,
    pub spki: SubjectPublicKeyInfo<'a>,
    pub extensions: KnownExtensions<'a>,
    /// The outer signatureAlgorithm's OID.
    pub signature_algorithm: Oid<'a>,
}

/// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
///
/// Plain DER certificates take [`fast::certificate`]; whatever it does not
/// take is read by [`composed`], which gives x509-parser's verdict.
pub fn certificate(input: &[u8]) -> X509Result<'_, Parsed<'_>> {
    match fast::certificate(input) {
        Some(done) => Ok(done),
        None => composed(input),
    }
}

/// The walk made of x509-parser's component parsers.
fn composed(input: &[u8]) -> X509Result<'_, Parsed<'_>> {
    parse_der_sequence_defined_g(|i, _| {
        let (i, mut parsed) = tbs_certificate(i)?;
        let (i, signature_algorithm) = AlgorithmIdentifier::from_der(i)?;
        let (i, _) =
            BitString::from_der(i).or(Err(Err::Error(X509Error::InvalidSignatureValue)))?;
        parsed.signature_algorithm = signature_algorithm.algorithm;
        Ok((i, parsed))
    })(input)
}

/// TBSCertificate. Its `signature` field stands in [`Parsed::signature_algorithm`]
/// until the caller reads the outer one.
fn tbs_certificate(input: &[u8]) -> X509Result<'_, Parsed<'_>> {
    parse_der_sequence_defined_g(|i, _| {
        // [0] EXPLICIT Version DEFAULT v1
        let (i, version) = OptTaggedParser::from(0)
            .parse_der(i, |_, data| X509Version::from_der(data))
            .map_err(Err::convert)?;
        let version = version.unwrap_or(X509Version::V1);
        let (i, raw_serial) = serial(i)?;
        let (i, signature) = AlgorithmIdentifier::from_der(i)?;
        let (i, issuer) = x509_name(i)?;
        let (i, validity) = Validity::from_der(i)?;
        let (i, subject) = x509_name(i)?;
        let (i, spki) = SubjectPublicKeyInfo::from_der(i)?;
        // issuerUniqueID [1] IMPLICIT, subjectUniqueID [2] IMPLICIT: read past.
        let (i, _) = OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 1>::from_der(i)
            .map_err(|_| Err::Error(X509Error::InvalidIssuerUID))?;
        let (i, _) = OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 2>::from_der(i)
            .map_err(|_| Err::Error(X509Error::InvalidSubjectUID))?;
        let (i, extensions) = extensions_envelope(i)?;
        let parsed = Parsed {
            version: version.0 + 1,
            raw_serial,
            issuer,
            validity,
            subject,
            spki,
            extensions,
            signature_algorithm: signature.algorithm,
        };
        Ok((i, parsed))
    })(input)
}

/// The serial's INTEGER content, read as BER (many CAs' serials are not
/// minimal or not positive).
fn serial(i: &[u8]) -> X509Result<'_, &[u8]> {
    let (rem, any) = Any::from_ber(i).map_err(|_| X509Error::InvalidSerial)?;
    any.tag()
        .assert_eq(Tag::Integer)
        .map_err(|_| X509Error::InvalidSerial)?;
    Ok((rem, any.data))
}

/// Name ::= SEQUENCE OF RelativeDistinguishedName. Like x509-parser, the
/// RDNs are read until one fails, and the rest of the SEQUENCE is ignored.
fn x509_name(input: &[u8]) -> X509Result<'_, Name<'_>> {
    let start = input;
    parse_der_sequence_defined_g(move |i, _| {
        let (i, avas) = fold_many0(
            complete(rdn),
            || Vec::with_capacity(8),
            |mut all: Vec<Ava>, set: SmallVec<[Ava; 2]>| {
                all.extend(set);
                all
            },
        )(i)?;
        let raw = &start[..start.offset(i)];
        Ok((
            i,
            Name {
                dn: DistinguishedName { avas },
                raw,
            },
        ))
    })(input)
}

/// RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
fn rdn(input: &[u8]) -> X509Result<'_, SmallVec<[Ava; 2]>> {
    parse_der_set_defined_g(|i, _| {
        fold_many1(
            complete(attribute),
            SmallVec::new,
            |mut set: SmallVec<[Ava; 2]>, mut ava: Ava| {
                ava.same_rdn = !set.is_empty();
                set.push(ava);
                set
            },
        )(i)
    })(input)
}

/// AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
fn attribute(input: &[u8]) -> X509Result<'_, Ava> {
    parse_der_sequence_defined_g(|i, _| {
        let (i, oid) = Oid::from_der(i).or(Err(Err::Error(X509Error::InvalidX509Name)))?;
        let (i, value) = alt((Any::from_der, malformed_string))(i)
            .or(Err(Err::Error(X509Error::InvalidX509Name)))?;
        Ok((
            i,
            Ava {
                oid: name::oid_str(&oid),
                value: name::decode_value(&value),
                same_rdn: false,
            },
        ))
    })(input)
}

/// x509-parser's fallback for a PrintableString whose characters are outside
/// its set (some tools write `*`, `@` or `&`): accepted when it is UTF-8.
fn malformed_string(i: &[u8]) -> x509_parser::asn1_rs::ParseResult<'_, Any<'_>> {
    use x509_parser::asn1_rs::Error;
    let (rem, hdr) = Header::from_der(i)?;
    let len = hdr.length().definite()?;
    if len > MAX_OBJECT_SIZE {
        return Err(Err::Error(Error::InvalidLength));
    }
    match hdr.tag() {
        Tag::PrintableString => {
            let (rem, data) = take(len)(rem)?;
            std::str::from_utf8(data).map_err(|_| Error::BerValueError)?;
            Ok((rem, Any::new(hdr, data)))
        }
        t => Err(Err::Error(Error::unexpected_tag(
            Some(Tag::PrintableString),
            t,
        ))),
    }
}

/// extensions [3] EXPLICIT SEQUENCE OF Extension, which must end the TBS.
/// Only the extensions the layouts use are kept.
fn extensions_envelope(i: &[u8]) -> X509Result<'_, KnownExtensions<'_>> {
    if i.is_empty() {
        return Ok((i, SmallVec::new()));
    }
    match der_read_element_header(i) {
        Ok((rem, hdr)) => {
            if hdr.tag() != Tag(3) {
                return Err(Err::Error(X509Error::InvalidExtensions));
            }
            all_consuming(extension_sequence)(rem)
        }
        Err(_) => Err(X509Error::InvalidExtensions.into()),
    }
}

fn extension_sequence(i: &[u8]) -> X509Result<'_, KnownExtensions<'_>> {
    let parser = X509ExtensionParser::new().with_deep_parse_extensions(false);
    parse_der_sequence_defined_g(move |a, _| {
        all_consuming(fold_many0(
            complete(parser),
            SmallVec::new,
            |mut known: KnownExtensions<'_>, ext| {
                if let Some(n) = known_extension(&ext.oid) {
                    known.push((n, ext.value));
                }
                known
            },
        ))(a)
    })(i)
}

/// Reads `der` with x509-parser's own `X509CertificateParser`, with the
/// composed walk and with the fast walk, and says where they disagree (what
/// is read, or the error text). For the differential unit test and the
/// `model_diff` fuzz target; not part of the API.
#[doc(hidden)]
pub fn disagreement_with_x509_parser(der: &[u8]) -> Option<String> {
    let a = reference(der);
    let b = summary(composed(der));
    if a != b {
        return Some(format!("x509-parser: {a}\ncomposed:    {b}"));
    }
    match fast::certificate(der).map(|done| summary(Ok(done))) {
        Some(c) if c != a => Some(format!("x509-parser: {a}\nfast:        {c}")),
        _ => None,
    }
}

/// True when the fast walk reads `der` (the rest is left to the composed walk).
#[doc(hidden)]
pub fn fast_walk_takes(der: &[u8]) -> bool {
    fast::certificate(der).is_some()
}

/// The last byte of a `2.5.29.x` extension OID the layouts use (SKI, key
/// usage, SAN, basic constraints, AKI); `None` for every other OID.
pub(super) fn known_extension(oid: &Oid<'_>) -> Option<u8> {
    match *oid.as_bytes() {
        [0x55, 0x1d, n @ (0x0e | 0x0f | 0x11 | 0x13 | 0x23)] => Some(n),
        _ => None,
    }
}

/// Everything the record is built from, by x509-parser's own walk.
fn reference(der: &[u8]) -> String {
    match X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
    {
        Err(e) => format!("error: {e}"),
        Ok((rest, c)) => {
            let known: Vec<(u8, &[u8])> = c
                .extensions()
                .iter()
                .filter_map(|e| known_extension(&e.oid).map(|n| (n, e.value)))
                .collect();
            format!(
                "{} {} {:?}\n{:?} {:?}\n{:?}\n{:?} {:?}\n{:?}\n{:?}\n{:?}",
                rest.len(),
                c.version().0 + 1,
                c.raw_serial(),
                c.issuer().as_raw(),
                DistinguishedName::from_x509(c.issuer()),
                c.validity(),
                c.subject().as_raw(),
                DistinguishedName::from_x509(c.subject()),
                c.public_key(),
                known,
                c.signature_algorithm.algorithm,
            )
        }
    }
}

fn summary(result: X509Result<'_, Parsed<'_>>) -> String {
    match result {
        Err(e) => format!("error: {e}"),
        Ok((rest, c)) => format!(
            "{} {} {:?}\n{:?} {:?}\n{:?}\n{:?} {:?}\n{:?}\n{:?}\n{:?}",
            rest.len(),
            c.version,
            c.raw_serial,
            c.issuer.raw,
            c.issuer.dn,
            c.validity,
            c.subject.raw,
            c.subject.dn,
            c.spki,
            c.extensions.to_vec(),
            c.signature_algorithm,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_bytes, LoadOptions, Password};

    fn sample_certificates() -> Vec<Vec<u8>> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out)
                } else {
                    out.push(p)
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
            &mut files,
        );
        files.sort();
        let opts = LoadOptions {
            password: Some(Password::new("changeit")),
            ..LoadOptions::default()
        };
        let mut certs: Vec<Vec<u8>> = files
            .iter()
            .filter_map(|f| std::fs::read(f).ok())
            .filter_map(|b| load_bytes(&b, &opts).ok())
            .flat_map(|l| l.entries.into_iter().flat_map(|e| e.chain))
            .collect();
        certs.sort();
        certs.dedup();
        certs
    }

    /// The walk agrees with x509-parser's on every sample certificate and on
    /// mutations of each (bytes changed, dropped, inserted; lengths bent),
    /// error text included.
    #[test]
    fn same_as_x509_parser_on_samples_and_mutations() {
        let certs = sample_certificates();
        assert!(
            certs.len() > 300,
            "only {} sample certificates",
            certs.len()
        );
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let (mut compared, mut accepted, mut differ) = (0, 0, Vec::new());
        let mut fast_taken = 0;
        for der in &certs {
            fast_taken += usize::from(fast_walk_takes(der));
        }
        for der in &certs {
            let mut inputs = vec![der.clone()];
            for _ in 0..40 {
                let mut m = der.clone();
                let at = next(m.len());
                match next(6) {
                    0 => m[at] ^= 1 << next(8),
                    1 => m[at] = next(256) as u8,
                    2 => m.truncate(at),
                    3 => {
                        m.remove(at);
                    }
                    4 => m.insert(at, next(256) as u8),
                    _ => m[at] = [0x00, 0x80, 0x81, 0x82, 0xff, 0x30, 0x31][next(7)],
                }
                inputs.push(m);
            }
            for input in inputs {
                compared += 1;
                accepted += usize::from(composed(&input).is_ok());
                if let Some(d) = disagreement_with_x509_parser(&input) {
                    if differ.len() < 5 {
                        differ.push(d);
                    }
                }
            }
        }
        eprintln!(
            "{compared} inputs compared, {accepted} parsed; fast walk took {fast_taken} of {} samples",
            certs.len()
        );
        assert!(differ.is_empty(), "{}", differ.join("\n\n"));
        assert!(accepted > certs.len(), "{accepted} of {compared} parsed");
        // Most real certificates are plain DER: the fast walk must take them.
        assert!(
            fast_taken * 10 > certs.len() * 8,
            "fast walk took only {fast_taken} of {}",
            certs.len()
        );
    }
}
