//! Offline revocation: the CRLs given with `--crl`. A certificate is judged
//! against every CRL of its issuer's name whose signature verifies with the
//! issuer's key (the next certificate of the chain, or an anchor or
//! intermediate of that name); no CRL or OCSP response is fetched.

use super::{issued_by, verify, SigCheck, TrustSet};
use crate::model::crl::Crl;
use crate::model::CertRecord;

/// What the CRLs say of one certificate.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// Listed on a verified CRL of its issuer.
    Revoked { at_ms: i64, issuer: String },
    /// A CRL of its issuer whose signature does not verify with any key of
    /// that name, or cannot be checked.
    Unverified { issuer: String, why: String },
    /// A verified CRL past its nextUpdate.
    Stale { issuer: String, next_update_ms: i64 },
}

/// The keys that may have signed a CRL for `c`'s issuer.
fn issuers<'a>(
    c: &CertRecord,
    next: Option<&'a CertRecord>,
    set: &'a TrustSet,
) -> Vec<&'a CertRecord> {
    let mut out: Vec<&CertRecord> = next.filter(|n| issued_by(c, n)).into_iter().collect();
    out.extend(
        set.anchors
            .iter()
            .chain(&set.intermediates)
            .filter(|x| x.subject_raw == c.issuer_raw),
    );
    out
}

/// Whether one of `keys` made the CRL's signature; the reason when none did.
fn crl_verified(crl: &Crl, keys: &[&CertRecord]) -> Result<(), String> {
    let mut why = "no certificate of its issuer is at hand to check it".to_string();
    for k in keys {
        let Some(s) = &k.signed else { continue };
        match verify(
            crl.signed.tbs(),
            crl.signed.algorithm(),
            crl.signed.signature(),
            s.spki(),
        ) {
            SigCheck::Verified => return Ok(()),
            SigCheck::Bad(w) => why = w,
            SigCheck::Unverifiable(w) => why = format!("certinfo does not verify {w}"),
        }
    }
    Err(why)
}

/// The findings of the CRLs for `c`, whose next certificate in its chain is
/// `next`.
pub fn check(
    c: &CertRecord,
    next: Option<&CertRecord>,
    set: &TrustSet,
    now_ms: i64,
) -> Vec<Revocation> {
    let mut out = Vec::new();
    let mut keys = None;
    for crl in set.crls.iter().filter(|crl| crl.issuer_raw == c.issuer_raw) {
        let issuer = crate::java::dn(&crl.issuer);
        let keys = keys.get_or_insert_with(|| issuers(c, next, set));
        if let Err(why) = crl_verified(crl, keys) {
            out.push(Revocation::Unverified { issuer, why });
            continue;
        }
        if let Some(next_update_ms) = crl.next_update_ms.filter(|&t| t < now_ms) {
            out.push(Revocation::Stale {
                issuer: issuer.clone(),
                next_update_ms,
            });
        }
        if let Some(r) = crl.revoked.iter().find(|r| r.serial[..] == c.serial[..]) {
            out.push(Revocation::Revoked {
                at_ms: r.at_ms,
                issuer,
            });
        }
    }
    out
}
