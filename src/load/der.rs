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
        });
        pos += len;
    }
    Ok(Loaded {
        format: F,
        entries,
        warnings,
        problems,
        details: Vec::new(),
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
