//! DER files: one certificate or several back to back (as Java's
//! `CertificateFactory.generateCertificates` reads them), each kept with its
//! own bytes; headers are read with `ber.rs` (a certificate may use BER's
//! indefinite lengths), the certificates themselves are left to the model.
//!
//! After the last certificate, Java skips bytes that do not start another
//! element (`30`): so does certinfo, with a warning. Bytes that do start one
//! are read as the next certificate, and reported when they are not one.

use super::ber::{element_len, BerError};
use super::{ContainerFormat, EntryKind, LoadError, Loaded, LoadedEntry, Problem};

/// Loads the DER certificates of a file, in file order, at most
/// [`super::DEFAULT_MAX_CERTIFICATES`].
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_at_most(bytes, super::DEFAULT_MAX_CERTIFICATES)
}

/// [`load`], stopping with an error past `max` certificates (a file of
/// `30 00` pairs would otherwise make an entry of every two bytes).
pub fn load_at_most(bytes: &[u8], max: usize) -> Result<Loaded, LoadError> {
    const F: ContainerFormat = ContainerFormat::Der;
    if bytes.first() != Some(&0x30) {
        return Err(LoadError::malformed(F, "not a DER certificate"));
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut pos = 0;
    while let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) {
        if entries.len() == max {
            return Err(LoadError::TooManyCertificates {
                format: F,
                limit: max,
            });
        }
        if rest[0] != 0x30 {
            warnings.push(format!(
                "{} byte(s) after the last certificate are not a certificate and were \
                 ignored, as Java ignores them",
                rest.len()
            ));
            break;
        }
        let len = match element_len(rest) {
            Ok(len) => len,
            Err(e) if entries.is_empty() => return Err(first_unreadable(rest, e)),
            Err(e) => {
                let number = entries.len() + 1;
                problems.push(Problem::DerCertificate { number, error: e });
                break;
            }
        };
        entries.push(LoadedEntry {
            alias: None,
            kind: EntryKind::TrustedCert,
            chain: vec![rest[..len].to_vec()],
            created_ms: None,
            key: None,
        });
        pos += len;
    }
    Ok(Loaded {
        format: F,
        entries,
        warnings,
        problems,
        details: Vec::new(),
        others: Vec::new(),
    })
}

/// Why the first certificate of a file cannot be read (the file is not read).
fn first_unreadable(bytes: &[u8], e: BerError) -> LoadError {
    const F: ContainerFormat = ContainerFormat::Der;
    match crate::der::header(bytes) {
        Some((_, hl, Some(len))) if hl.saturating_add(len) > bytes.len() => LoadError::malformed(
            F,
            format!(
                "truncated: the certificate declares {} bytes, the input has {}",
                hl.saturating_add(len),
                bytes.len()
            ),
        ),
        _ => LoadError::malformed(F, format!("unreadable certificate: {e}")),
    }
}

/// What a DER input that is no certificate is, by the shape of its signed
/// part: a certification request (`version, subject, SubjectPublicKeyInfo,
/// [0] attributes`) or a CRL (`[version,] algorithm, issuer, thisUpdate`,
/// a Time where a certificate has a SEQUENCE). `None` for anything else.
pub fn other_kind(bytes: &[u8]) -> Option<super::OtherKind> {
    use crate::der::{read_tlv, Reader};
    let (outer, _) = read_tlv(bytes).ok()?;
    let (tbs, _) = read_tlv(outer.content).ok()?;
    let tags: Vec<u8> = Reader(tbs.content)
        .take(5)
        .map(|t| t.map(|t| t.tag))
        .collect::<Result<_, _>>()
        .ok()?;
    let (first, rest) = tags.split_first()?;
    let after_version = if *first == 0x02 { rest } else { &tags[..] };
    match (first, tags.as_slice(), after_version) {
        (0x02, [0x02, 0x30, 0x30, 0xa0], _) => Some(super::OtherKind::Request),
        (_, _, [0x30, 0x30, 0x17 | 0x18, ..]) => Some(super::OtherKind::Crl),
        _ => None,
    }
}

/// A DER request or CRL as a [`Loaded`] without entries.
pub fn other(bytes: &[u8], kind: super::OtherKind) -> Loaded {
    Loaded {
        format: ContainerFormat::Der,
        entries: Vec::new(),
        warnings: Vec::new(),
        problems: Vec::new(),
        details: Vec::new(),
        others: vec![super::Other {
            kind,
            der: bytes.to_vec(),
        }],
    }
}
