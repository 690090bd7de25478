//! Detects the container format from the bytes, never from the file name;
//! it reads only the first two DER headers (with `crate::der`), never more.

use super::ContainerFormat;
use crate::der::header;

/// JKS magic number.
pub const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
/// JCEKS magic number.
pub const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// The format of `bytes`, or `None` when nothing matches.
///
/// A DER/BER SEQUENCE is told apart by its first element: an INTEGER (version 3)
/// is PKCS#12, an OID is PKCS#7 ContentInfo, a SEQUENCE is a certificate.
pub fn sniff(bytes: &[u8]) -> Option<ContainerFormat> {
    if bytes.starts_with(&JKS_MAGIC) {
        return Some(ContainerFormat::Jks);
    }
    if bytes.starts_with(&JCEKS_MAGIC) {
        return Some(ContainerFormat::Jceks);
    }
    if let Some((0x30, hl, _)) = header(bytes) {
        let rest = &bytes[hl..];
        return match header(rest) {
            Some((0x02, _, _)) => Some(ContainerFormat::Pkcs12),
            Some((0x06, _, _)) => Some(ContainerFormat::Pkcs7),
            Some((0x30, _, _)) => Some(ContainerFormat::Der),
            _ => None,
        };
    }
    if memchr::memmem::find(bytes, b"-----BEGIN ").is_some() {
        return Some(ContainerFormat::Pem);
    }
    None
}
