//! Stapled OCSP responses (RFC 6960), for a server's chain: the status the
//! response gives the leaf, believed only when the response's signature
//! verifies with the issuer's key or with a responder certificate the issuer
//! signed. Written by hand on [`crate::der`]: the RustCrypto `x509-ocsp`
//! crate pulls a second, older `der`/`x509-cert` stack for one structure.

use super::signature::Hash;
use super::{issued_by, signed_by, verify, SigCheck};
use crate::der::Reader;
use crate::model::{CertRecord, Keep};

/// What a stapled response says of the leaf.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stapled {
    /// The leaf is good (or unknown) per a verified response.
    NotRevoked,
    /// The leaf is revoked per a verified response, at this revocationTime.
    Revoked { at_ms: Option<i64> },
    /// The response cannot be believed: why.
    Invalid(String),
}

/// One SingleResponse, reduced.
struct Single<'a> {
    hash_oid: String,
    name_hash: &'a [u8],
    serial: &'a [u8],
    /// 0 good, 1 revoked, 2 unknown.
    status: u8,
    revoked_at: Option<i64>,
}

/// A BasicOCSPResponse's parts.
struct Basic<'a> {
    tbs: &'a [u8],
    algorithm: &'a [u8],
    signature: &'a [u8],
    responses: Vec<Single<'a>>,
    certs: Vec<&'a [u8]>,
}

/// A whole element (header included) and what follows it.
fn element<'a>(r: &mut Reader<'a>) -> Option<&'a [u8]> {
    let before = r.rest();
    r.read().ok()?;
    before.get(..before.len() - r.rest().len())
}

fn basic(der: &[u8]) -> Option<Basic<'_>> {
    let mut top = Reader(Reader(der).expect(0x30).ok()?);
    let status = top.expect(0x0a).ok()?;
    if status != [0] {
        return None;
    }
    let mut bytes = Reader(Reader(top.expect(0xa0).ok()?).expect(0x30).ok()?);
    if bytes.read_oid().ok()? != "1.3.6.1.5.5.7.48.1.1" {
        return None;
    }
    let response = bytes.read_octets().ok()?;
    let mut b = Reader(Reader(response).expect(0x30).ok()?);
    let tbs = element(&mut b)?;
    let algorithm = element(&mut b)?;
    let signature = b.expect(0x03).ok()?;
    let mut certs = Vec::new();
    if let Ok(Some(list)) = b.optional(0xa0) {
        let mut l = Reader(Reader(list).expect(0x30).ok()?);
        while !l.is_empty() {
            certs.push(element(&mut l)?);
        }
    }
    let mut data = Reader(Reader(tbs).expect(0x30).ok()?);
    data.optional(0xa0).ok()?;
    data.read().ok()?; // responderID
    data.read().ok()?; // producedAt
    let mut list = Reader(data.expect(0x30).ok()?);
    let mut responses = Vec::new();
    while !list.is_empty() {
        responses.push(single(list.expect(0x30).ok()?)?);
    }
    Some(Basic {
        tbs,
        algorithm,
        signature,
        responses,
        certs,
    })
}

fn single(body: &[u8]) -> Option<Single<'_>> {
    let mut r = Reader(body);
    let mut id = Reader(r.expect(0x30).ok()?);
    let hash_oid = Reader(id.expect(0x30).ok()?).read_oid().ok()?;
    let name_hash = id.read_octets().ok()?;
    id.read_octets().ok()?;
    let serial = id.read_integer().ok()?;
    let (tag, info) = r.read().ok()?;
    let (status, revoked_at) = match tag {
        0x80 => (0, None),
        0xa1 => {
            let (t, time) = Reader(info).read().ok()?;
            (1, crate::model::time_ms(t, time))
        }
        0x82 => (2, None),
        _ => return None,
    };
    Some(Single {
        hash_oid,
        name_hash,
        serial,
        status,
        revoked_at,
    })
}

/// Whether the issuer's key, or a responder certificate it signed, made the
/// response's signature.
fn signed(b: &Basic<'_>, issuer: &CertRecord) -> Result<(), String> {
    let Some(key) = issuer.signed.as_ref() else {
        return Err("the issuer's key is not at hand".into());
    };
    let mut why = match verify(b.tbs, b.algorithm, b.signature, key.spki()) {
        SigCheck::Verified => return Ok(()),
        SigCheck::Bad(w) => w,
        SigCheck::Unverifiable(w) => format!("certinfo does not verify {w}"),
    };
    for der in &b.certs {
        let Ok(responder) = CertRecord::from_der_keeping(der, Keep::Signed) else {
            continue;
        };
        let Some(rk) = responder.signed.as_ref() else {
            continue;
        };
        if issued_by(&responder, issuer) && signed_by(&responder, issuer) == SigCheck::Verified {
            match verify(b.tbs, b.algorithm, b.signature, rk.spki()) {
                SigCheck::Verified => return Ok(()),
                SigCheck::Bad(w) => why = w,
                SigCheck::Unverifiable(w) => why = format!("certinfo does not verify {w}"),
            }
        }
    }
    Err(why)
}

/// What the stapled response `der` says of `leaf`, whose issuer is `issuer`.
pub fn status(der: &[u8], leaf: &CertRecord, issuer: &CertRecord) -> Stapled {
    let Some(b) = basic(der) else {
        return Stapled::Invalid("the stapled OCSP response cannot be read".into());
    };
    let name =
        |s: &Single<'_>| Hash::of_digest_oid(&s.hash_oid).map(|h| h.digest(&leaf.issuer_raw));
    let Some(s) = b
        .responses
        .iter()
        .find(|s| s.serial == &leaf.serial[..] && name(s).as_deref() == Some(s.name_hash))
    else {
        return Stapled::Invalid("the stapled OCSP response is not about this certificate".into());
    };
    if let Err(why) = signed(&b, issuer) {
        return Stapled::Invalid(format!("the stapled OCSP response does not verify: {why}"));
    }
    match s.status {
        1 => Stapled::Revoked {
            at_ms: s.revoked_at,
        },
        _ => Stapled::NotRevoked,
    }
}
