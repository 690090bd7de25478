//! Detects the container format from the bytes, never from the file name.

use super::ContainerFormat;

/// JKS magic number.
pub const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
/// JCEKS magic number.
pub const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// Reads one BER tag+length header: (tag byte, header length, content length or
/// `None` for indefinite). Only single-byte tags, as every container here uses.
pub fn header(b: &[u8]) -> Option<(u8, usize, Option<usize>)> {
    let tag = *b.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let l0 = *b.get(1)?;
    if l0 < 0x80 {
        return Some((tag, 2, Some(l0 as usize)));
    }
    if l0 == 0x80 {
        return Some((tag, 2, None));
    }
    let n = (l0 & 0x7f) as usize;
    if n > 8 {
        return None;
    }
    let mut len: usize = 0;
    for i in 0..n {
        len = len.checked_mul(256)?.checked_add(*b.get(2 + i)? as usize)?;
    }
    Some((tag, 2 + n, Some(len)))
}

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
    if find(bytes, b"-----BEGIN ").is_some() {
        return Some(ContainerFormat::Pem);
    }
    None
}

/// Position of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
