//! The chain rules: each certificate issued — names and signature — by the
//! next one, and no certificate twice.

use super::{issued_by, Detail, Findings, Rule};
use crate::model::CertRecord;
use crate::trust::{self, SigCheck};

/// The certificate at `pos` not issued by the next one (by name and key id,
/// then by a signature that verifies with the next one's key), its signature
/// not checkable, or repeating an earlier certificate.
pub(super) fn judge(certs: &[&CertRecord], pos: usize, f: &mut Findings<'_>) {
    let c = certs[pos];
    if let Some(next) = certs.get(pos + 1) {
        let (n, m) = (pos + 1, pos + 2);
        if !issued_by(c, next) {
            f.push(
                Rule::ChainOrder,
                Detail::Text(format!(
                    "certificate {n} of the chain is not issued by certificate {m}"
                )),
            );
        } else {
            match trust::signed_by(c, next) {
                SigCheck::Verified => {}
                SigCheck::Bad(why) => f.push(
                    Rule::ChainOrder,
                    Detail::Text(format!(
                        "certificate {n} of the chain names certificate {m} as its issuer, \
                         but {why} (forged or altered)"
                    )),
                ),
                SigCheck::Unverifiable(what) => f.push(
                    Rule::UnverifiableSignature,
                    Detail::Text(format!(
                        "the signature of certificate {n} by certificate {m} cannot be \
                         checked: certinfo does not verify {what}"
                    )),
                ),
            }
        }
    }
    if let Some(first) = certs[..pos].iter().position(|o| o.sha256 == c.sha256) {
        f.push(
            Rule::ChainDuplicate,
            Detail::Text(format!(
                "certificate {} of the chain repeats certificate {}",
                pos + 1,
                first + 1
            )),
        );
    }
}
