//! Signed structures' bytes with the places of their parts, kept for
//! `check` (signatures, paths, CRLs): listing never keeps the bytes.

use super::read;
use std::ops::Range;

/// A signed structure (certificate, CRL): its DER, and where the signed
/// bytes, the signature algorithm and the signature lie in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    der: Box<[u8]>,
    tbs: Range<usize>,
    algorithm: Range<usize>,
    signature: Range<usize>,
}

/// Where `part`, a slice of `whole`, lies in it.
fn range_in(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    let start = start.min(whole.len());
    start..(start + part.len()).min(whole.len())
}

impl Signed {
    /// `der` with its signed bytes, algorithm element and signature (slices
    /// of `der`).
    pub(super) fn new(der: &[u8], tbs: &[u8], algorithm: &[u8], signature: &[u8]) -> Signed {
        Signed {
            der: der.into(),
            tbs: range_in(der, tbs),
            algorithm: range_in(der, algorithm),
            signature: range_in(der, signature),
        }
    }

    fn part(&self, r: &Range<usize>) -> &[u8] {
        self.der.get(r.clone()).unwrap_or(&[])
    }

    /// The whole DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
    /// The signed element (TBSCertificate, TBSCertList), header included.
    pub fn tbs(&self) -> &[u8] {
        self.part(&self.tbs)
    }
    /// The outer signatureAlgorithm element.
    pub fn algorithm(&self) -> &[u8] {
        self.part(&self.algorithm)
    }
    /// The signatureValue BIT STRING's contents (unused-bits byte first).
    pub fn signature(&self) -> &[u8] {
        self.part(&self.signature)
    }
}

/// A certificate's signed parts, its key and its name constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCert {
    signed: Signed,
    spki: Range<usize>,
    name_constraints: Option<Range<usize>>,
    /// The outer and the signed signature algorithm identifiers differ.
    pub algorithms_differ: bool,
}

impl std::ops::Deref for SignedCert {
    type Target = Signed;
    fn deref(&self) -> &Signed {
        &self.signed
    }
}

impl SignedCert {
    /// The signed parts the walk found in `der`.
    pub(super) fn new(
        der: &[u8],
        s: &read::Signed<'_>,
        exts: &read::KnownExtensions<'_>,
    ) -> SignedCert {
        SignedCert {
            name_constraints: exts
                .iter()
                .find(|e| e.id == 0x1e)
                .map(|e| range_in(der, e.value)),
            signed: Signed::new(der, s.tbs, s.algorithm, s.signature),
            spki: range_in(der, s.spki),
            algorithms_differ: s.algorithms_differ,
        }
    }

    /// The SubjectPublicKeyInfo element.
    pub fn spki(&self) -> &[u8] {
        self.signed.part(&self.spki)
    }
    /// The NameConstraints extension's value, when there is one.
    pub fn name_constraints(&self) -> Option<&[u8]> {
        self.name_constraints.as_ref().map(|r| self.signed.part(r))
    }
}
