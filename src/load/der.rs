//! DER: one certificate, as it is; its header is read with `crate::der`,
//! the certificate itself is left to the model.

use super::{ContainerFormat, EntryKind, LoadError, Loaded, LoadedEntry};

/// Loads a DER certificate. Bytes after the certificate's SEQUENCE are
/// reported as a problem (Java rejects them), the certificate is still shown.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    const F: ContainerFormat = ContainerFormat::Der;
    let Some((_, hl, Some(len))) = crate::der::header(bytes) else {
        return Err(LoadError::malformed(F, "unreadable DER header"));
    };
    let end = hl
        .checked_add(len)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| {
            LoadError::malformed(
                F,
                format!(
                    "truncated: the certificate declares {} bytes, the input has {}",
                    hl.saturating_add(len),
                    bytes.len()
                ),
            )
        })?;
    let mut problems = Vec::new();
    if end < bytes.len() {
        problems.push(super::Problem::TrailingCertificate(bytes.len() - end));
    }
    Ok(Loaded {
        format: F,
        entries: vec![LoadedEntry {
            alias: None,
            kind: EntryKind::TrustedCert,
            chain: vec![bytes[..end].to_vec()],
            created_ms: None,
        }],
        warnings: Vec::new(),
        problems,
        details: Vec::new(),
    })
}
