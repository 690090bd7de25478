//! Reads one DER certificate into [`Parsed`], what the record is built from.
//!
//! The reader is the walk of [`super::walk`], which follows Java's rules.
//! [`disagreement_with_x509_parser`] compares it with x509-parser's own
//! `X509CertificateParser` wherever both read the bytes (the unit test below and
//! the `model_diff` fuzz target): Java accepts more than x509-parser (empty RDNs,
//! fractional and offset times, Feb 29 in a common year) and a few things less,
//! but where both read a certificate they must read the same values. This
//! module makes no display strings and does not parse extension contents.

use super::name::DistinguishedName;
use super::walk;
pub use super::walk::ReadError;
use smallvec::SmallVec;
use x509_parser::asn1_rs::Oid;
use x509_parser::certificate::{X509Certificate, X509CertificateParser};
use x509_parser::nom::Parser;
use x509_parser::x509::SubjectPublicKeyInfo;

/// A name as the model keeps it, with its encoding.
pub struct Name<'a> {
    pub dn: DistinguishedName,
    pub raw: &'a [u8],
}

/// One extension the layouts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownExtension<'a> {
    /// The last byte of its `2.5.29.x` OID.
    pub id: u8,
    /// Its critical flag.
    pub critical: bool,
    /// Its extnValue contents.
    pub value: &'a [u8],
}

/// The extensions the layouts use, in certificate order.
pub type KnownExtensions<'a> = SmallVec<[KnownExtension<'a>; 8]>;

/// What the record is built from.
pub struct Parsed<'a> {
    pub version: u32,
    pub raw_serial: &'a [u8],
    pub issuer: Name<'a>,
    pub not_before_ms: i64,
    pub not_after_ms: i64,
    pub subject: Name<'a>,
    pub spki: SubjectPublicKeyInfo<'a>,
    pub extensions: KnownExtensions<'a>,
    /// The outer signatureAlgorithm's OID.
    pub signature_algorithm: Oid<'a>,
    /// What the signature covers and is made with (the walk's reading only).
    pub signed: Option<Signed<'a>>,
}

/// The signed parts of a certificate.
pub struct Signed<'a> {
    /// The TBSCertificate element, header included: the signed bytes.
    pub tbs: &'a [u8],
    /// The outer signatureAlgorithm element.
    pub algorithm: &'a [u8],
    /// The signatureValue BIT STRING's contents (unused-bits byte first).
    pub signature: &'a [u8],
    /// The SubjectPublicKeyInfo element.
    pub spki: &'a [u8],
    /// The TBSCertificate's own signature algorithm OID.
    pub tbs_algorithm: Oid<'a>,
    /// The outer and the signed algorithm identifiers differ.
    pub algorithms_differ: bool,
}

/// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }:
/// the certificate and the bytes after it.
pub fn certificate(input: &[u8]) -> Result<(&[u8], Parsed<'_>), ReadError> {
    walk::certificate(input)
}

/// x509-parser's whole-certificate parser, extensions left as raw values.
fn by_x509_parser(input: &[u8]) -> Option<(&[u8], Parsed<'_>)> {
    let (rest, cert) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(input)
        .ok()?;
    Some((rest, from_x509(cert)))
}

/// What the model needs of x509-parser's certificate.
fn from_x509(cert: X509Certificate<'_>) -> Parsed<'_> {
    let tbs = cert.tbs_certificate;
    let extensions = tbs
        .extensions()
        .iter()
        .filter_map(|e| {
            known_extension(&e.oid).map(|id| KnownExtension {
                id,
                critical: e.critical,
                value: e.value,
            })
        })
        .collect();
    let name = |n: &x509_parser::x509::X509Name<'_>| DistinguishedName::from_x509(n);
    let ms = |t: &x509_parser::time::ASN1Time| {
        (t.to_datetime().unix_timestamp_nanos().div_euclid(1_000_000)) as i64
    };
    Parsed {
        version: tbs.version.0 + 1,
        raw_serial: tbs.raw_serial(),
        issuer: Name {
            dn: name(&tbs.issuer),
            raw: tbs.issuer.as_raw(),
        },
        subject: Name {
            dn: name(&tbs.subject),
            raw: tbs.subject.as_raw(),
        },
        extensions,
        not_before_ms: ms(&tbs.validity.not_before),
        not_after_ms: ms(&tbs.validity.not_after),
        spki: tbs.subject_pki,
        signature_algorithm: cert.signature_algorithm.algorithm,
        signed: None,
    }
}

/// The last byte of a `2.5.29.x` extension OID the layouts use (SKI, key
/// usage, SAN, basic constraints, AKI) or `check` does (name constraints);
/// `None` for every other OID.
pub(super) fn known_extension(oid: &Oid<'_>) -> Option<u8> {
    match *oid.as_bytes() {
        [0x55, 0x1d, n @ (0x0e | 0x0f | 0x11 | 0x13 | 0x1e | 0x23)] => Some(n),
        _ => None,
    }
}

/// Reads `der` with x509-parser's own parser and with the walk and, when both
/// read it, says where they disagree. For the differential unit test and the
/// `model_diff` fuzz target; not part of the API.
#[doc(hidden)]
pub fn disagreement_with_x509_parser(der: &[u8]) -> Option<String> {
    let ours = walk::certificate(der).ok()?;
    // x509-parser ends a name at an empty RDN (Java keeps it, and so does the walk).
    let empty_rdn = |n: &Name<'_>| n.dn.avas.iter().any(|a| a.is_empty_rdn());
    if empty_rdn(&ours.1.issuer) || empty_rdn(&ours.1.subject) {
        return None;
    }
    let mut theirs = by_x509_parser(der)?;
    // Java (and the walk) pass over extensions under a primitive [3]; x509-parser
    // reads them.
    if ours.1.extensions.is_empty() {
        theirs.1.extensions.clear();
    }
    let (a, b) = (summary(theirs), summary(ours));
    (a != b).then(|| format!("x509-parser: {a}\nwalk:        {b}"))
}

/// True when the walk reads `der`.
#[doc(hidden)]
pub fn walk_reads(der: &[u8]) -> bool {
    walk::certificate(der).is_ok()
}

/// Everything the record is built from, as one comparable string.
fn summary((rest, c): (&[u8], Parsed<'_>)) -> String {
    format!(
        "{} {} {:?}\n{:?} {:?}\n{} {}\n{:?} {:?}\n{:?}\n{:?}\n{:?}",
        rest.len(),
        c.version,
        c.raw_serial,
        c.issuer.raw,
        c.issuer.dn,
        c.not_before_ms,
        c.not_after_ms,
        c.subject.raw,
        c.subject.dn,
        c.spki,
        c.extensions.to_vec(),
        c.signature_algorithm,
    )
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

    /// The walk agrees with x509-parser on every sample certificate and on
    /// mutations of each (bytes changed, dropped, inserted; lengths bent)
    /// wherever both read the bytes.
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
        let mut walk_read = 0;
        for der in &certs {
            walk_read += usize::from(walk_reads(der));
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
                accepted += usize::from(by_x509_parser(&input).is_some());
                if let Some(d) = disagreement_with_x509_parser(&input) {
                    if differ.len() < 5 {
                        differ.push(d);
                    }
                }
            }
        }
        eprintln!(
            "{compared} inputs compared, {accepted} parsed; the walk read {walk_read} of {} samples",
            certs.len()
        );
        assert!(differ.is_empty(), "{}", differ.join("\n\n"));
        assert!(accepted > certs.len(), "{accepted} of {compared} parsed");
        // The walk must read nearly every sample.
        assert!(
            walk_read * 10 > certs.len() * 8,
            "the walk read only {walk_read} of {}",
            certs.len()
        );
    }
}
