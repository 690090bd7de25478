//! A certificate's DER with the places of its signed parts, kept for `check`
//! (signatures, paths): listing never keeps the bytes.

use super::read;
use std::ops::Range;

/// A certificate's bytes and where its signed parts lie in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCert {
    der: Box<[u8]>,
    tbs: Range<usize>,
    algorithm: Range<usize>,
    signature: Range<usize>,
    spki: Range<usize>,
    name_constraints: Option<Range<usize>>,
    /// The outer and the signed signature algorithm identifiers differ.
    pub algorithms_differ: bool,
}

/// Where `part`, a slice of `whole`, lies in it.
pub(super) fn range_in(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    let start = start.min(whole.len());
    start..(start + part.len()).min(whole.len())
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
            der: der.into(),
            tbs: range_in(der, s.tbs),
            algorithm: range_in(der, s.algorithm),
            signature: range_in(der, s.signature),
            spki: range_in(der, s.spki),
            algorithms_differ: s.algorithms_differ,
        }
    }

    fn part(&self, r: &Range<usize>) -> &[u8] {
        self.der.get(r.clone()).unwrap_or(&[])
    }

    /// The certificate's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
    /// The TBSCertificate element: the bytes the signature covers.
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
    /// The SubjectPublicKeyInfo element.
    pub fn spki(&self) -> &[u8] {
        self.part(&self.spki)
    }
    /// The NameConstraints extension's value, when there is one.
    pub fn name_constraints(&self) -> Option<&[u8]> {
        self.name_constraints.as_ref().map(|r| self.part(r))
    }
}
