//! Reads one DER certificate into [`Parsed`], what the record is built from.
//!
//! Plain DER certificates take the hand-written walk of [`super::fast`]
//! (BENCHMARKS.md#kept-devices); whatever it declines is read
//! by x509-parser's own `X509CertificateParser`, whose verdict and error text
//! stand. [`disagreement_with_x509_parser`] compares the two, for the unit test
//! below and the `model_diff` fuzz target. This module makes no display
//! strings and does not parse extension contents.

use super::fast;
use super::name::DistinguishedName;
use smallvec::SmallVec;
use x509_parser::asn1_rs::Oid;
use x509_parser::certificate::{Validity, X509Certificate, X509CertificateParser};
use x509_parser::error::X509Result;
use x509_parser::nom::Parser;
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

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
/// take is read by [`by_x509_parser`].
pub fn certificate(input: &[u8]) -> X509Result<'_, Parsed<'_>> {
    match fast::certificate(input) {
        Some(done) => Ok(done),
        None => by_x509_parser(input),
    }
}

/// x509-parser's whole-certificate parser, extensions left as raw values.
fn by_x509_parser(input: &[u8]) -> X509Result<'_, Parsed<'_>> {
    let (rest, cert) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(input)?;
    Ok((rest, from_x509(cert)))
}

/// What the model needs of x509-parser's certificate.
fn from_x509(cert: X509Certificate<'_>) -> Parsed<'_> {
    let tbs = cert.tbs_certificate;
    let extensions = tbs
        .extensions()
        .iter()
        .filter_map(|e| known_extension(&e.oid).map(|n| (n, e.value)))
        .collect();
    let name = |n: &X509Name<'_>| DistinguishedName::from_x509(n);
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
        validity: tbs.validity,
        spki: tbs.subject_pki,
        signature_algorithm: cert.signature_algorithm.algorithm,
    }
}

/// The last byte of a `2.5.29.x` extension OID the layouts use (SKI, key
/// usage, SAN, basic constraints, AKI); `None` for every other OID.
pub(super) fn known_extension(oid: &Oid<'_>) -> Option<u8> {
    match *oid.as_bytes() {
        [0x55, 0x1d, n @ (0x0e | 0x0f | 0x11 | 0x13 | 0x23)] => Some(n),
        _ => None,
    }
}

/// Reads `der` with x509-parser's own parser and with the fast walk, and
/// says where they disagree (what is read, or the error text; a certificate
/// the fast walk declines agrees by definition). For the differential unit
/// test and the `model_diff` fuzz target; not part of the API.
#[doc(hidden)]
pub fn disagreement_with_x509_parser(der: &[u8]) -> Option<String> {
    let fast = fast::certificate(der)?;
    let (a, b) = (summary(by_x509_parser(der)), summary(Ok(fast)));
    (a != b).then(|| format!("x509-parser: {a}\nfast:        {b}"))
}

/// True when the fast walk reads `der` (the rest is left to x509-parser).
#[doc(hidden)]
pub fn fast_walk_takes(der: &[u8]) -> bool {
    fast::certificate(der).is_some()
}

/// Everything the record is built from, as one comparable string.
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

    /// The fast walk agrees with x509-parser on every sample certificate and on
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
                accepted += usize::from(by_x509_parser(&input).is_ok());
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
