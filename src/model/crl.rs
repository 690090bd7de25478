//! Certificate revocation lists (RFC 5280 §5), for `check --crl`: the issuer,
//! the update dates, the revoked serial numbers, and the signed parts. Read
//! with the certificate walk's element, name and time readers.

use super::name::DistinguishedName;
use super::read::ReadError;
use super::signed::Signed;
use super::{time, walk};

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// Its serial number, as the INTEGER's contents.
    pub serial: Vec<u8>,
    /// revocationDate, ms since the epoch.
    pub at_ms: i64,
}

/// A CRL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    /// The issuer's name.
    pub issuer: DistinguishedName,
    /// The issuer's name, DER (matched against certificates' issuers).
    pub issuer_raw: Vec<u8>,
    /// thisUpdate.
    pub this_update_ms: i64,
    /// nextUpdate, when present.
    pub next_update_ms: Option<i64>,
    /// The revoked certificates.
    pub revoked: Vec<Revoked>,
    /// Its DER and signed parts.
    pub signed: Signed,
}

type R<T> = Result<T, ReadError>;

fn expect<'a>(i: &'a [u8], tag: u8, what: &'static str) -> R<(&'a [u8], &'a [u8], &'a [u8])> {
    let (t, content, whole, rest) = walk::element(i, what)?;
    if t != tag {
        return Err(ReadError::Tag(what, t));
    }
    Ok((content, whole, rest))
}

/// A Time (UTCTime or GeneralizedTime) and what follows.
fn time_at<'a>(i: &'a [u8], what: &'static str) -> R<(i64, &'a [u8])> {
    let (tag, content, _, rest) = walk::element(i, what)?;
    Ok((time::epoch_ms(tag, content)?, rest))
}

impl Crl {
    /// Reads one DER CRL; bytes after it are an error.
    pub fn from_der(der: &[u8]) -> R<Crl> {
        let (list, _, after) = expect(der, 0x30, "CertificateList")?;
        if !after.is_empty() {
            return Err(ReadError::Invalid("data after the CRL"));
        }
        let (tbs_body, tbs, rest) = expect(list, 0x30, "TBSCertList")?;
        let (_, algorithm, rest) = expect(rest, 0x30, "signatureAlgorithm")?;
        let (signature, _, _) = expect(rest, 0x03, "signatureValue")?;
        let mut t = tbs_body;
        if t.first() == Some(&0x02) {
            t = expect(t, 0x02, "version")?.2;
        }
        t = expect(t, 0x30, "signature")?.2;
        let (issuer, t) = walk::name(t, "issuer")?;
        let (this_update_ms, mut t) = time_at(t, "thisUpdate")?;
        let mut next_update_ms = None;
        if matches!(t.first(), Some(0x17 | 0x18)) {
            let (at, rest) = time_at(t, "nextUpdate")?;
            next_update_ms = Some(at);
            t = rest;
        }
        let mut revoked = Vec::new();
        if t.first() == Some(&0x30) {
            let (mut list, _, _) = expect(t, 0x30, "revokedCertificates")?;
            while !list.is_empty() {
                let (entry, _, more) = expect(list, 0x30, "revoked certificate")?;
                list = more;
                let (serial, _, e) = expect(entry, 0x02, "userCertificate")?;
                let (at_ms, _) = time_at(e, "revocationDate")?;
                revoked.push(Revoked {
                    serial: serial.to_vec(),
                    at_ms,
                });
            }
        }
        Ok(Crl {
            issuer_raw: issuer.raw.to_vec(),
            issuer: issuer.dn,
            this_update_ms,
            next_update_ms,
            revoked,
            signed: Signed::new(der, tbs, algorithm, signature),
        })
    }
}
