//! PKCS#7 / CMS `SignedData` certificate bundles (`.p7b`, `.p7c`), DER or BER.
//!
//! Written by hand because no crate reads what Windows writes
//! (`shared/research/deps.md` §5): `cms` rejects BER indefinite lengths, and
//! x509-parser has no PKCS#7. This is a small walker over the BER header
//! reader of [`super::ber`] (definite and indefinite lengths) that follows
//! `ContentInfo { contentType, [0] EXPLICIT SignedData { version,
//! digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates OPTIONAL,
//! [1] crls OPTIONAL, signerInfos } }` in DER or BER (indefinite lengths,
//! constructed forms), with a bounded nesting depth, and returns each
//! certificate's own bytes. Signatures are not checked: a bundle is a
//! container of certificates here.

use super::{ContainerFormat, EntryKind, LoadError, Loaded, LoadedEntry};

const F: ContainerFormat = ContainerFormat::Pkcs7;
/// Deepest BER nesting followed (a certificate inside a bundle needs about 12).
const MAX_DEPTH: usize = 64;
/// DER content of the OID 1.2.840.113549.1.7.2 (signedData).
const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
/// DER content of the OID arc 1.2.840.113549.1.7 (PKCS#7 content types).
const OID_PKCS7: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const OID: u8 = 0x06;
const CONTEXT_0: u8 = 0xA0;
const CONTEXT_1: u8 = 0xA1;

/// Loads a PKCS#7 bundle: one `trustedCertEntry` per certificate, in file order.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let bundle = parse(bytes)?;
    if bundle.certs.is_empty() {
        return Err(LoadError::NoCertificate { format: F });
    }
    let mut details = vec![format!(
        "PKCS#7 SignedData version {}, {} certificate{}, {}",
        bundle.version,
        bundle.certs.len(),
        if bundle.certs.len() == 1 { "" } else { "s" },
        if bundle.ber {
            "BER (indefinite lengths)"
        } else {
            "DER"
        }
    )];
    if bundle.skipped > 0 {
        details.push(format!(
            "{} certificate choice(s) that are not X.509 certificates skipped (attribute or other certificates)",
            bundle.skipped
        ));
    }
    if bundle.crls > 0 {
        details.push(format!("{} CRL(s) not shown", bundle.crls));
    }
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    if !bundle.trailing.is_empty() {
        let msg = super::Problem::TrailingPkcs7(bundle.trailing.len());
        if bundle
            .trailing
            .iter()
            .all(|b| *b == 0 || b.is_ascii_whitespace())
        {
            warnings.push(msg.to_string());
        } else {
            problems.push(msg);
        }
    }
    Ok(Loaded {
        format: F,
        entries: bundle
            .certs
            .into_iter()
            .map(|der| LoadedEntry {
                alias: None,
                kind: EntryKind::TrustedCert,
                chain: vec![der],
                created_ms: None,
                key: None,
            })
            .collect(),
        warnings,
        problems,
        details,
        others: Vec::new(),
    })
}

/// The certificates of a PKCS#7 ContentInfo, as DER, in file order (used by
/// the PEM loader for `PKCS7` blocks too).
///
/// A certificate stored in BER (indefinite lengths inside) is normalised to
/// DER; one already in DER is returned byte for byte. Certificate choices
/// that are not X.509 certificates are skipped. An empty list is not an
/// error here; [`load`] turns it into [`LoadError::NoCertificate`]. Bytes
/// after the ContentInfo are ignored.
pub fn certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, LoadError> {
    parse(bytes).map(|b| b.certs)
}

/// What the walk found.
struct Bundle<'a> {
    certs: Vec<Vec<u8>>,
    version: String,
    ber: bool,
    skipped: usize,
    crls: usize,
    trailing: &'a [u8],
}

fn mal(reason: impl Into<String>) -> LoadError {
    LoadError::malformed(F, reason)
}

fn parse(bytes: &[u8]) -> Result<Bundle<'_>, LoadError> {
    let (sd, trailing, mut ber) = signed_data(bytes)?;
    let sd_err = |e: String| mal(format!("SignedData: {e}"));
    let mut fields = Children::new(sd.content, 3);
    let mut expect = |tag: u8, what: &str| -> Result<Tlv<'_>, LoadError> {
        fields
            .next_tlv()
            .map_err(sd_err)?
            .filter(|t| t.tag == tag)
            .ok_or_else(|| mal(format!("SignedData: missing {what}")))
    };
    let version = expect(INTEGER, "version")?;
    let version = match version.content {
        [v] => v.to_string(),
        other => format!("0x{}", crate::der::hex(other)),
    };
    ber |= expect(SET, "digestAlgorithms")?.indefinite;
    ber |= expect(SEQUENCE, "encapContentInfo")?.indefinite;

    let mut certs = Vec::new();
    let mut skipped = 0;
    let mut crls = 0;
    let mut seen_certs = false;
    while let Some(field) = fields.next_tlv().map_err(sd_err)? {
        ber |= field.indefinite;
        match field.tag {
            CONTEXT_0 if !seen_certs => {
                seen_certs = true;
                let (s, b) = certificate_choices(field.content, &mut certs)?;
                skipped += s;
                ber |= b;
            }
            CONTEXT_1 => {
                let mut list = Children::new(field.content, 4);
                while list
                    .next_tlv()
                    .map_err(|e| mal(format!("crls: {e}")))?
                    .is_some()
                {
                    crls += 1;
                }
            }
            // signerInfos, and anything a later version adds: walked (so
            // structure errors show) but not used.
            _ => {}
        }
    }
    Ok(Bundle {
        certs,
        version,
        ber,
        skipped,
        crls,
        trailing,
    })
}

/// The SignedData SEQUENCE of a ContentInfo, the bytes after the
/// ContentInfo, and whether the layers around SignedData used BER.
fn signed_data(bytes: &[u8]) -> Result<(Tlv<'_>, &[u8], bool), LoadError> {
    let (ci, trailing) = Tlv::read(bytes, 0).map_err(|e| mal(format!("ContentInfo: {e}")))?;
    if ci.tag != SEQUENCE {
        return Err(mal("ContentInfo is not a SEQUENCE"));
    }
    let mut ber = ci.indefinite;
    let mut items = Children::new(ci.content, 1);
    let oid = items
        .next_tlv()
        .map_err(|e| mal(format!("ContentInfo: {e}")))?
        .filter(|t| t.tag == OID)
        .ok_or_else(|| mal("ContentInfo has no content type"))?;
    if oid.content != OID_SIGNED_DATA {
        return Err(LoadError::Unsupported {
            format: F,
            what: format!(
                "content type {}; only signedData certificate bundles are read",
                content_type_name(oid.content)
            ),
        });
    }
    let explicit = items
        .next_tlv()
        .map_err(|e| mal(format!("ContentInfo: {e}")))?
        .filter(|t| t.tag == CONTEXT_0)
        .ok_or_else(|| mal("signedData ContentInfo without content"))?;
    ber |= explicit.indefinite;
    let sd = Children::new(explicit.content, 2)
        .next_tlv()
        .map_err(|e| mal(format!("SignedData: {e}")))?
        .filter(|t| t.tag == SEQUENCE)
        .ok_or_else(|| mal("SignedData is not a SEQUENCE"))?;
    ber |= sd.indefinite;
    Ok((sd, trailing, ber))
}

/// The `[0] certificates` choices: X.509 certificates are appended to
/// `certs` (BER ones normalised to DER); returns how many other choices were
/// skipped and whether any certificate was BER.
fn certificate_choices(
    content: &[u8],
    certs: &mut Vec<Vec<u8>>,
) -> Result<(usize, bool), LoadError> {
    let mut choices = Children::new(content, 4);
    let (mut n, mut skipped, mut ber) = (0, 0, false);
    while let Some(choice) = choices
        .next_tlv()
        .map_err(|e| mal(format!("certificates: {e}")))?
    {
        n += 1;
        if choice.tag != SEQUENCE {
            // extendedCertificate [0], v1/v2AttrCert [1]/[2], other [3]
            skipped += 1;
            continue;
        }
        let needs_der = choice
            .is_ber(5)
            .map_err(|e| mal(format!("certificate {n}: {e}")))?;
        ber |= needs_der;
        let der = if needs_der {
            super::ber::to_der(choice.whole)
                .map_err(|e| mal(format!("certificate {n}: {e}")))?
                .into_owned()
        } else {
            choice.whole.to_vec()
        };
        certs.push(der);
    }
    Ok((skipped, ber))
}

/// "signedData (1.2.840.113549.1.7.2)"-style name of a content type OID.
fn content_type_name(oid: &[u8]) -> String {
    let dotted = dotted_oid(oid);
    let name = match oid.strip_prefix(OID_PKCS7) {
        Some([1]) => "data",
        Some([3]) => "envelopedData",
        Some([4]) => "signedAndEnvelopedData",
        Some([5]) => "digestedData",
        Some([6]) => "encryptedData",
        _ => return dotted,
    };
    format!("{name} ({dotted})")
}

/// Dotted form of an OID's content bytes; hex when it is not valid.
fn dotted_oid(b: &[u8]) -> String {
    crate::der::oid_to_string(b).unwrap_or_else(|_| format!("OID 0x{}", crate::der::hex(b)))
}

/// One BER element.
struct Tlv<'a> {
    /// The first identifier byte (class, constructed bit, tag number < 31).
    tag: u8,
    /// Header, content and (indefinite form) end-of-contents octets.
    whole: &'a [u8],
    /// The content octets, without end-of-contents.
    content: &'a [u8],
    indefinite: bool,
}

/// Reads an identifier and length with the one BER header reader
/// ([`super::ber::header`]): (first identifier byte, header length, content
/// length or `None` for indefinite).
fn header(b: &[u8]) -> Option<(u8, usize, Option<usize>)> {
    let h = super::ber::header(b).ok()?;
    Some((*b.first()?, h.header_len, h.len))
}

impl<'a> Tlv<'a> {
    /// Reads the element at the start of `b`; returns it and the bytes after it.
    fn read(b: &'a [u8], depth: usize) -> Result<(Tlv<'a>, &'a [u8]), String> {
        if depth > MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH} levels"));
        }
        if b.is_empty() {
            return Err("truncated (element expected)".into());
        }
        let (tag, hl, len) = header(b).ok_or("truncated or invalid tag/length")?;
        let constructed = tag & 0x20 != 0;
        match len {
            Some(len) => {
                let end = hl.checked_add(len).ok_or("invalid length")?;
                let (whole, rest) = match (b.get(..end), b.get(end..)) {
                    (Some(w), Some(r)) => (w, r),
                    _ => {
                        return Err(format!(
                            "truncated ({len} content bytes declared, {} left)",
                            b.len().saturating_sub(hl)
                        ))
                    }
                };
                let content = whole.get(hl..).unwrap_or_default();
                Ok((
                    Tlv {
                        tag,
                        whole,
                        content,
                        indefinite: false,
                    },
                    rest,
                ))
            }
            None if !constructed => Err("indefinite length on a primitive element".into()),
            None => {
                let mut pos = hl;
                loop {
                    let rest = b.get(pos..).unwrap_or_default();
                    if rest.starts_with(&[0, 0]) {
                        let whole = b.get(..pos + 2).unwrap_or_default();
                        let content = b.get(hl..pos).unwrap_or_default();
                        let tlv = Tlv {
                            tag,
                            whole,
                            content,
                            indefinite: true,
                        };
                        return Ok((tlv, b.get(pos + 2..).unwrap_or_default()));
                    }
                    if rest.is_empty() {
                        return Err("truncated (end-of-contents missing)".into());
                    }
                    let (_, after) = Tlv::read(rest, depth + 1)?;
                    pos = b.len() - after.len();
                }
            }
        }
    }

    /// True when this element is BER but not DER: an indefinite length
    /// anywhere inside, or a string type in constructed form.
    fn is_ber(&self, depth: usize) -> Result<bool, String> {
        if self.indefinite {
            return Ok(true);
        }
        if self.tag & 0x20 == 0 {
            return Ok(false);
        }
        let universal = self.tag & 0xC0 == 0;
        if universal && self.tag != SEQUENCE && self.tag != SET {
            return Ok(true);
        }
        let mut children = Children::new(self.content, depth);
        while let Some(child) = children.next_tlv()? {
            if child.is_ber(depth + 1)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The elements of a constructed element's content, one at a time.
struct Children<'a> {
    rest: &'a [u8],
    depth: usize,
}

impl<'a> Children<'a> {
    fn new(content: &'a [u8], depth: usize) -> Self {
        Children {
            rest: content,
            depth,
        }
    }

    fn next_tlv(&mut self) -> Result<Option<Tlv<'a>>, String> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = Tlv::read(self.rest, self.depth)?;
        self.rest = rest;
        Ok(Some(tlv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Fixtures made by testdata/pkcs7/make.sh (OpenSSL 3).
    const CHAIN_PEM: &str = include_str!("testdata/pkcs7/chain.pem");
    const CRL2PKCS7: &[u8] = include_bytes!("testdata/pkcs7/crl2pkcs7.p7b");
    const WITH_CRL: &[u8] = include_bytes!("testdata/pkcs7/with-crl.p7b");
    const NO_CERTS: &[u8] = include_bytes!("testdata/pkcs7/no-certs.p7b");
    const CMS_STREAM: &[u8] = include_bytes!("testdata/pkcs7/cms-sign-stream.p7s");
    const CMS_NODETACH: &[u8] = include_bytes!("testdata/pkcs7/cms-sign-nodetach.p7s");
    const ENVELOPED: &[u8] = include_bytes!("testdata/pkcs7/enveloped.p7m");
    const FIXTURES: [&[u8]; 6] = [
        CRL2PKCS7,
        WITH_CRL,
        NO_CERTS,
        CMS_STREAM,
        CMS_NODETACH,
        ENVELOPED,
    ];

    /// The DER certificates of chain.pem: leaf, intermediate, root.
    fn chain() -> Vec<Vec<u8>> {
        CHAIN_PEM
            .split("-----BEGIN CERTIFICATE-----")
            .skip(1)
            .map(|block| {
                let b64: String = block
                    .split("-----END")
                    .next()
                    .unwrap()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                base64_simd::STANDARD.decode_to_vec(b64).unwrap()
            })
            .collect()
    }

    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        let n = content.len();
        match n {
            0..=0x7F => v.push(n as u8),
            0x80..=0xFF => v.extend([0x81, n as u8]),
            _ => v.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        v.extend_from_slice(content);
        v
    }

    fn ber(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut v = vec![tag, 0x80];
        v.extend_from_slice(content);
        v.extend([0, 0]);
        v
    }

    /// A SignedData ContentInfo around the given certificates field content.
    fn bundle(wrap: fn(u8, &[u8]) -> Vec<u8>, certs: &[u8]) -> Vec<u8> {
        let mut sd = der(INTEGER, &[1]);
        sd.extend(der(SET, &[]));
        sd.extend(wrap(SEQUENCE, &der(OID, &OID_PKCS7_DATA)));
        sd.extend(wrap(CONTEXT_0, certs));
        sd.extend(wrap(SET, &[]));
        let mut ci = der(OID, OID_SIGNED_DATA);
        ci.extend(wrap(CONTEXT_0, &wrap(SEQUENCE, &sd)));
        wrap(SEQUENCE, &ci)
    }
    const OID_PKCS7_DATA: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];

    #[test]
    fn crl2pkcs7_der_in_file_order() {
        let l = load(CRL2PKCS7).unwrap();
        assert_eq!(l.format, ContainerFormat::Pkcs7);
        let got: Vec<_> = l.entries.iter().map(|e| e.chain[0].clone()).collect();
        assert_eq!(got, chain(), "byte for byte, leaf first as in chain.pem");
        for e in &l.entries {
            assert_eq!(e.alias, None);
            assert_eq!(e.kind, EntryKind::TrustedCert);
            assert_eq!(e.created_ms, None);
            assert_eq!(e.chain.len(), 1);
        }
        assert_eq!(
            l.details,
            ["PKCS#7 SignedData version 1, 3 certificates, DER"]
        );
        assert!(l.warnings.is_empty() && l.problems.is_empty());
        assert_eq!(certificates(CRL2PKCS7).unwrap(), chain());
    }

    #[test]
    fn crls_are_skipped() {
        let l = load(WITH_CRL).unwrap();
        assert_eq!(l.entries.len(), 3);
        assert_eq!(l.details[1], "1 CRL(s) not shown");
        assert_eq!(
            load(NO_CERTS).unwrap_err(),
            LoadError::NoCertificate { format: F }
        );
        assert_eq!(certificates(NO_CERTS).unwrap(), Vec::<Vec<u8>>::new());
    }

    #[test]
    fn cms_signed_ber_and_der() {
        let chain = chain();
        for (bytes, enc) in [
            (CMS_STREAM, "BER (indefinite lengths)"),
            (CMS_NODETACH, "DER"),
        ] {
            let certs = certificates(bytes).unwrap();
            assert_eq!(certs.len(), 2);
            assert!(certs.contains(&chain[0]) && certs.contains(&chain[1]));
            let l = load(bytes).unwrap();
            assert_eq!(
                l.details[0],
                format!("PKCS#7 SignedData version 1, 2 certificates, {enc}")
            );
        }
        assert_eq!(
            CMS_STREAM[1], 0x80,
            "the fixture really is indefinite-length BER"
        );
    }

    #[test]
    fn other_content_types_are_unsupported() {
        assert_eq!(
            load(ENVELOPED).unwrap_err(),
            LoadError::Unsupported {
                format: F,
                what: "content type envelopedData (1.2.840.113549.1.7.3); only signedData certificate bundles are read".into()
            }
        );
        let mut ci = der(
            OID,
            &[0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0A, 0x03, 0x01],
        );
        ci.extend(der(CONTEXT_0, &der(SEQUENCE, &[])));
        let e = certificates(&der(SEQUENCE, &ci)).unwrap_err();
        assert!(
            e.to_string()
                .contains("content type 1.3.6.1.4.1.311.10.3.1;"),
            "{e}"
        );
    }

    #[test]
    fn ber_certificates_are_normalised_and_other_choices_skipped() {
        let chain = chain();
        let leaf = &chain[0];
        let (_, hl, _) = crate::der::header(leaf).unwrap();
        let ber_leaf = ber(SEQUENCE, &leaf[hl..]);
        let mut choices = ber_leaf.clone();
        choices.extend(der(0xA1, &der(SEQUENCE, &[]))); // a v1 attribute certificate: skipped
        choices.extend(chain[1].clone());
        for wrap in [der as fn(u8, &[u8]) -> Vec<u8>, ber] {
            let b = bundle(wrap, &choices);
            assert_eq!(certificates(&b).unwrap(), [leaf.clone(), chain[1].clone()]);
            let l = load(&b).unwrap();
            assert!(l.details[0].ends_with("BER (indefinite lengths)"));
            assert!(l.details[1].starts_with("1 certificate choice(s) that are not X.509"));
        }
        // A DER certificate inside a BER bundle is returned byte for byte.
        assert_eq!(
            certificates(&bundle(ber, leaf)).unwrap(),
            std::slice::from_ref(leaf)
        );
    }

    #[test]
    fn trailing_bytes() {
        let mut b = CRL2PKCS7.to_vec();
        b.extend(b"\r\n\0");
        let l = load(&b).unwrap();
        assert_eq!(l.warnings, ["3 bytes after the PKCS#7 structure ignored"]);
        b.extend(b"junk");
        let l = load(&b).unwrap();
        assert_eq!(l.problems, [crate::load::Problem::TrailingPkcs7(7)]);
        assert_eq!(
            l.problems[0].to_string(),
            "7 bytes after the PKCS#7 structure ignored"
        );
        assert_eq!(certificates(&b).unwrap().len(), 3);
    }

    #[test]
    fn structure_errors() {
        let cases: [(&[u8], &str); 5] = [
            (&[0x30, 0x00], "ContentInfo has no content type"),
            (
                &[0x30, 0x80, 0x06, 0x01],
                "ContentInfo: truncated (1 content bytes declared, 0 left)",
            ),
            (
                &[0x30, 0x80, 0x04, 0x80],
                "ContentInfo: indefinite length on a primitive element",
            ),
            (
                &[0x30, 0x80, 0x05, 0x00],
                "ContentInfo: truncated (end-of-contents missing)",
            ),
            (&[0x31, 0x00], "ContentInfo is not a SEQUENCE"),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                certificates(bytes).unwrap_err(),
                LoadError::malformed(F, want)
            );
        }
        let mut ci = der(OID, OID_SIGNED_DATA);
        ci.extend(der(CONTEXT_0, &der(SEQUENCE, &der(INTEGER, &[1]))));
        assert_eq!(
            certificates(&der(SEQUENCE, &ci)).unwrap_err(),
            LoadError::malformed(F, "SignedData: missing digestAlgorithms")
        );
        let only_oid = der(SEQUENCE, &der(OID, OID_SIGNED_DATA));
        assert_eq!(
            certificates(&only_oid).unwrap_err(),
            LoadError::malformed(F, "signedData ContentInfo without content")
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut b = Vec::new();
        for _ in 0..100_000 {
            b.extend([0x30, 0x80]);
        }
        let e = certificates(&b).unwrap_err();
        assert!(e.to_string().contains("nested deeper than 64"), "{e}");
    }

    #[test]
    fn every_truncation_is_an_error() {
        for bytes in FIXTURES {
            for len in 0..bytes.len() {
                assert!(load(&bytes[..len]).is_err(), "prefix of {len} bytes loaded");
            }
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        for bytes in FIXTURES {
            let mut b = bytes.to_vec();
            for i in 0..b.len() {
                let orig = b[i];
                for v in [orig ^ 0xFF, 0x00, 0x80, 0x1F, 0x84, orig.wrapping_add(1)] {
                    b[i] = v;
                    let _ = load(&b);
                }
                b[i] = orig;
            }
        }
    }

    #[test]
    fn oid_names() {
        assert_eq!(dotted_oid(OID_SIGNED_DATA), "1.2.840.113549.1.7.2");
        assert_eq!(dotted_oid(&[0x88, 0x37, 0x03]), "2.999.3");
        assert_eq!(dotted_oid(&[0x2A, 0x86]), "OID 0x2a86");
        assert_eq!(dotted_oid(&[0x80, 0x01]), "OID 0x8001");
        assert_eq!(dotted_oid(&[]), "OID 0x");
        assert_eq!(
            content_type_name(&OID_PKCS7_DATA),
            "data (1.2.840.113549.1.7.1)"
        );
    }

    #[test]
    fn high_tag_numbers_are_stepped_over() {
        assert_eq!(
            header(&[0x9F, 0x81, 0x00, 0x02, 0xAA, 0xBB]),
            Some((0x9F, 4, Some(2)))
        );
        assert_eq!(header(&[0xBF, 0x1F, 0x80]), Some((0xBF, 3, None)));
        assert_eq!(header(&[0x9F, 0x81]), None);
        assert_eq!(
            header(&[0x9F, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00]),
            None
        );
    }
}
