//! PKCS#10 certification requests and CRLs, for `inspect`: what they say and
//! their signed parts (signatures are judged by `crate::trust`).

use super::{ext, key_detail, oid, Extension, KeyDetail};
use crate::model::crl::Crl;
use crate::model::name::DistinguishedName;
use crate::model::signed::Signed;
use x509_parser::cri_attributes::ParsedCriAttribute;
use x509_parser::prelude::{CertificateRevocationList, FromDer, X509CertificationRequest};

/// Why a request or a CRL could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OtherError {
    /// Not a PKCS#10 request.
    #[error("not a readable certificate request ({0})")]
    Request(String),
    /// Not a CRL.
    #[error("not a readable certificate revocation list ({0})")]
    Crl(String),
}

/// A PKCS#10 certification request.
#[derive(Debug, Clone)]
pub struct RequestDetail {
    /// The version field (0 is v1).
    pub version: u32,
    /// The subject.
    pub subject: DistinguishedName,
    /// The public key.
    pub key: KeyDetail,
    /// The signature algorithm's OID.
    pub signature_oid: String,
    /// The requested extensions (the extensionRequest attribute).
    pub extensions: Vec<Extension>,
    /// The other attributes, by OID.
    pub attributes: Vec<String>,
    /// The DER, its signed part, algorithm and signature.
    pub signed: Signed,
    /// The SubjectPublicKeyInfo DER (the key the request is signed with).
    pub spki: Vec<u8>,
}

/// A CRL reason code (RFC 5280 §5.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason(pub u8);

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedDetail {
    /// Its serial, the INTEGER's content.
    pub serial: Vec<u8>,
    /// revocationDate, ms since the epoch.
    pub at_ms: i64,
    /// The reason code, when the entry has one.
    pub reason: Option<Reason>,
}

/// A CRL.
#[derive(Debug, Clone)]
pub struct CrlDetail {
    /// The version (1 or 2).
    pub version: u32,
    /// The issuer.
    pub issuer: DistinguishedName,
    /// The issuer's name, DER.
    pub issuer_raw: Vec<u8>,
    /// The signature algorithm's OID.
    pub signature_oid: String,
    /// thisUpdate.
    pub this_update_ms: i64,
    /// nextUpdate.
    pub next_update_ms: Option<i64>,
    /// The revoked certificates.
    pub revoked: Vec<RevokedDetail>,
    /// crlExtensions.
    pub extensions: Vec<Extension>,
    /// The DER and its signed parts.
    pub signed: Signed,
}

/// Reads a DER certification request.
pub fn request(der: &[u8]) -> Result<RequestDetail, OtherError> {
    let fail = |e: String| OtherError::Request(e);
    let (rest, csr) = X509CertificationRequest::from_der(der).map_err(|e| fail(e.to_string()))?;
    if !rest.is_empty() {
        return Err(fail(format!("{} byte(s) after it", rest.len())));
    }
    let info = &csr.certification_request_info;
    let spki = info.subject_pki.raw.to_vec();
    let mut extensions = Vec::new();
    let mut attributes = Vec::new();
    for a in info.iter_attributes() {
        match a.parsed_attribute() {
            ParsedCriAttribute::ExtensionRequest(r) => {
                extensions.extend(r.extensions.iter().map(ext::extension));
            }
            _ => attributes.push(oid(&a.oid)),
        }
    }
    let (tbs, algorithm, signature) = parts(der).map_err(fail)?;
    Ok(RequestDetail {
        version: info.version.0,
        subject: DistinguishedName::from_x509(&info.subject),
        key: key_detail(&spki, &crate::model::key::key_info(&info.subject_pki)),
        signature_oid: oid(&csr.signature_algorithm.algorithm),
        extensions,
        attributes,
        signed: Signed::new(der, tbs, algorithm, signature),
        spki,
    })
}

/// A signed structure's parts: the signed element, the algorithm element and
/// the signature's content.
type Parts<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// The [`Parts`] of a signed structure (SEQUENCE { tbs, algorithm, BIT STRING }).
fn parts(der: &[u8]) -> Result<Parts<'_>, String> {
    use crate::der::read_tlv;
    let bad = |e: crate::der::DerError| e.to_string();
    let (outer, _) = read_tlv(der).map_err(bad)?;
    let (tbs, rest) = read_tlv(outer.content).map_err(bad)?;
    let (alg, rest) = read_tlv(rest).map_err(bad)?;
    let (sig, _) = read_tlv(rest).map_err(bad)?;
    Ok((tbs.whole, alg.whole, sig.content))
}

/// Reads a DER CRL: the walk's reading of its issuer, dates and entries
/// (`model::crl`), x509-parser's of its reasons and extensions.
pub fn crl(der: &[u8]) -> Result<CrlDetail, OtherError> {
    let fail = |e: String| OtherError::Crl(e);
    let base = Crl::from_der(der).map_err(|e| fail(e.to_string()))?;
    let (_, parsed) = CertificateRevocationList::from_der(der).map_err(|e| fail(e.to_string()))?;
    let reasons: Vec<Option<Reason>> = parsed
        .iter_revoked_certificates()
        .map(|r| r.reason_code().map(|(_, c)| Reason(c.0)))
        .collect();
    let revoked = base
        .revoked
        .iter()
        .enumerate()
        .map(|(i, r)| RevokedDetail {
            serial: r.serial.clone(),
            at_ms: r.at_ms,
            reason: reasons.get(i).copied().flatten(),
        })
        .collect();
    Ok(CrlDetail {
        version: parsed.version().map_or(1, |v| v.0 + 1),
        issuer: base.issuer,
        issuer_raw: base.issuer_raw,
        signature_oid: oid(&parsed.signature_algorithm.algorithm),
        this_update_ms: base.this_update_ms,
        next_update_ms: base.next_update_ms,
        revoked,
        extensions: parsed.extensions().iter().map(ext::extension).collect(),
        signed: base.signed,
    })
}
