//! Everything `certinfo inspect` shows of a certificate, a certification
//! request or a CRL, decoded from the DER into owned, typed values (no
//! display strings: OIDs stay dotted, flags stay bits, names stay
//! `DistinguishedName`s and [`SanName`]s; `render::inspect` words them).
//!
//! The walk (`model::walk`) reads what the Java layouts show; every
//! extension here is read by x509-parser (`ext.rs`), plus the two it does
//! not know (TLS feature, and the order of extended key usages) by
//! `crate::der`. An extension that does not decode is kept as malformed with
//! its reason; the rest of the certificate is still read.

mod ext;
mod other;

pub use other::{crl, request, CrlDetail, OtherError, Reason, RequestDetail, RevokedDetail};

use super::{CertRecord, KeyInfo, SanName};
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};

/// One extension as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Its OID, dotted.
    pub oid: String,
    /// Its critical flag.
    pub critical: bool,
    /// The decoded value, or why it could not be decoded.
    pub value: Result<ExtValue, String>,
}

/// One GeneralName, or the bytes of one that could not be read as its kind.
pub type Name = SanName;

/// An access description (authority / subject information access).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// accessMethod OID (OCSP `1.3.6.1.5.5.7.48.1`, caIssuers `…48.2`).
    pub method: String,
    /// accessLocation.
    pub location: Name,
}

/// A certificate policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// policyIdentifier.
    pub oid: String,
    /// CPS pointer qualifiers (URIs).
    pub cps: Vec<String>,
    /// User notice qualifiers' explicit texts.
    pub notices: Vec<String>,
    /// Qualifiers of other kinds, by OID.
    pub other_qualifiers: Vec<String>,
}

/// A CRL distribution point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionPoint {
    /// fullName.
    pub full_name: Vec<Name>,
    /// nameRelativeToCRLIssuer is present (not decoded further).
    pub relative_name: bool,
    /// reasons, as ReasonFlags bits (bit 0 unused … bit 8 aACompromise).
    pub reasons: Option<u16>,
    /// cRLIssuer.
    pub crl_issuer: Vec<Name>,
}

/// A signed certificate timestamp (RFC 6962).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sct {
    /// Version (0 is v1).
    pub version: u8,
    /// The log's id, SHA-256 of its key.
    pub log_id: [u8; 32],
    /// Timestamp, ms since the epoch.
    pub timestamp_ms: u64,
    /// TLS HashAlgorithm code.
    pub hash_alg: u8,
    /// TLS SignatureAlgorithm code.
    pub sig_alg: u8,
}

/// A decoded extension value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtValue {
    /// basicConstraints.
    BasicConstraints {
        /// cA.
        ca: bool,
        /// pathLenConstraint.
        path_len: Option<u32>,
    },
    /// keyUsage bits, bit 0 (digitalSignature) lowest.
    KeyUsage(u16),
    /// extKeyUsage OIDs in order.
    ExtendedKeyUsage(Vec<String>),
    /// subjectAltName.
    SubjectAltName(Vec<Name>),
    /// issuerAltName.
    IssuerAltName(Vec<Name>),
    /// subjectKeyIdentifier.
    SubjectKeyId(Vec<u8>),
    /// authorityKeyIdentifier.
    AuthorityKeyId {
        /// keyIdentifier.
        key_id: Option<Vec<u8>>,
        /// authorityCertIssuer.
        issuer: Vec<Name>,
        /// authorityCertSerialNumber (INTEGER content).
        serial: Option<Vec<u8>>,
    },
    /// cRLDistributionPoints.
    CrlDistributionPoints(Vec<DistributionPoint>),
    /// authorityInfoAccess.
    AuthorityInfoAccess(Vec<Access>),
    /// subjectInfoAccess.
    SubjectInfoAccess(Vec<Access>),
    /// certificatePolicies.
    CertificatePolicies(Vec<Policy>),
    /// policyMappings: (issuerDomainPolicy, subjectDomainPolicy).
    PolicyMappings(Vec<(String, String)>),
    /// nameConstraints.
    NameConstraints {
        /// permittedSubtrees' bases.
        permitted: Vec<Name>,
        /// excludedSubtrees' bases.
        excluded: Vec<Name>,
    },
    /// policyConstraints.
    PolicyConstraints {
        /// requireExplicitPolicy.
        require_explicit: Option<u32>,
        /// inhibitPolicyMapping.
        inhibit_mapping: Option<u32>,
    },
    /// inhibitAnyPolicy: skipCerts.
    InhibitAnyPolicy(u32),
    /// The precertificate SCT list.
    Scts(Vec<Sct>),
    /// TLS feature (RFC 7633): the extension codes (5 is status_request).
    TlsFeature(Vec<u64>),
    /// Netscape comment.
    NsComment(String),
    /// cRLNumber (a CRL's), big-endian.
    CrlNumber(Vec<u8>),
    /// An extension certinfo does not decode: its value's bytes.
    Unknown(Vec<u8>),
}

/// The public key, in more detail than the layouts show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDetail {
    /// Algorithm, size and curve, as the layouts have them.
    pub info: KeyInfo,
    /// The algorithm OID, dotted.
    pub oid: String,
    /// An RSA key's public exponent, big-endian.
    pub rsa_exponent: Option<Vec<u8>>,
    /// SHA-256 of the SubjectPublicKeyInfo DER.
    pub spki_sha256: [u8; 32],
}

/// What inspect adds to a [`CertRecord`].
#[derive(Debug, Clone)]
pub struct CertDetail {
    /// The certificate's DER.
    pub der: Vec<u8>,
    /// The public key.
    pub key: Option<KeyDetail>,
    /// Every extension in order; `Err` when x509-parser cannot read the
    /// certificate at all (the record's own values still show).
    pub extensions: Result<Vec<Extension>, String>,
    /// The signature algorithm's OID as the outer AlgorithmIdentifier has it.
    pub signature_oid: String,
}

/// An OID's dotted text by the crate's one decoder (x509-parser's own
/// misreads first arcs past 2.39, as in `2.999`).
fn oid(o: &x509_parser::asn1_rs::Oid<'_>) -> String {
    super::name::oid_str(o).into_owned()
}

/// The details of a certificate whose DER `rec` kept (`Keep::Signed`);
/// `None` when it kept none.
pub fn certificate(rec: &CertRecord) -> Option<CertDetail> {
    let der = rec.signed.as_ref()?.der().to_vec();
    let key = rec.signed.as_ref().map(|s| key_detail(s.spki(), &rec.key));
    let (extensions, signature_oid) = match X509Certificate::from_der(&der) {
        Ok((_, cert)) => (
            Ok(cert.extensions().iter().map(ext::extension).collect()),
            oid(&cert.signature_algorithm.algorithm),
        ),
        Err(e) => (
            Err(format!("the extensions could not be read ({e})")),
            rec.sig_alg_oid.to_string(),
        ),
    };
    Some(CertDetail {
        der,
        key,
        extensions,
        signature_oid,
    })
}

/// A SubjectPublicKeyInfo's details, `info` being what the layouts read.
pub fn key_detail(spki: &[u8], info: &KeyInfo) -> KeyDetail {
    use x509_parser::public_key::PublicKey;
    use x509_parser::x509::SubjectPublicKeyInfo;
    let parsed = SubjectPublicKeyInfo::from_der(spki).ok().map(|(_, s)| s);
    let oid = parsed
        .as_ref()
        .map(|s| oid(&s.algorithm.algorithm))
        .unwrap_or_default();
    let rsa_exponent = parsed.as_ref().and_then(|s| match s.parsed() {
        Ok(PublicKey::RSA(rsa)) => {
            let e = rsa.exponent;
            let start = e.iter().position(|&b| b != 0).unwrap_or(e.len());
            Some(e[start..].to_vec())
        }
        _ => None,
    });
    KeyDetail {
        info: info.clone(),
        oid,
        rsa_exponent,
        spki_sha256: Sha256::digest(spki).into(),
    }
}
