//! Path building, the way rustls-webpki builds paths: from a chain's first
//! certificate through issuers found by name (and key id) among the chain and
//! the `--intermediates`, each signature verified, to a trust anchor. An
//! intermediate must be valid at the instant of judgement, a CA (basic
//! constraints, keyCertSign when key usage is present) and within its path
//! length; an anchor is trusted as it is (its subject, key and name
//! constraints; not its dates), and name constraints apply to every
//! certificate below the CA that sets them. Extended key usage is not judged
//! (as `openssl verify` without `-purpose`).

use super::constraints::NameConstraints;
use super::{issued_by as names_issuer, SigCheck};
use crate::model::CertRecord;

/// Certificates to build paths with: the anchors of `--trust` and the
/// issuers of `--intermediates`.
#[derive(Debug, Clone, Default)]
pub struct TrustSet {
    /// Trust anchors.
    pub anchors: Vec<CertRecord>,
    /// Issuers that may complete a chain (not trusted themselves).
    pub intermediates: Vec<CertRecord>,
    /// Revocation lists (`--crl`).
    pub crls: Vec<crate::model::crl::Crl>,
}

/// Why a path attempt failed. Certificates are named by their subject as a
/// Java DN string (`subject` the certificate judged, `issuer`/`by` the CA);
/// times are ms since the epoch.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The certificate `subject` names an issuer present nowhere.
    MissingIssuer { subject: String, issuer: String },
    /// The path ends at a self-issued certificate that is no anchor.
    NotAnAnchor { subject: String },
    /// An issuer that has expired (or is not valid yet) at the instant.
    ExpiredIssuer { issuer: String, not_after_ms: i64 },
    /// An issuer not valid yet at the instant.
    IssuerNotYetValid { issuer: String, not_before_ms: i64 },
    /// An issuer that is not a CA (basic constraints, key usage) or is past
    /// its path length.
    NotACa { issuer: String, why: &'static str },
    /// A candidate issuer's key did not make the signature.
    BadSignature {
        subject: String,
        issuer: String,
        why: String,
    },
    /// A candidate issuer's signature could not be checked.
    Unverifiable {
        subject: String,
        issuer: String,
        what: String,
    },
    /// A name outside the constraints of a CA above it.
    NameConstraints {
        subject: String,
        name: String,
        by: String,
    },
    /// The search gave up (too deep, or too many signatures tried).
    TooComplex,
}

/// Most certificates in a path (webpki allows six intermediates).
const MAX_PATH: usize = 8;
/// Most signatures one chain's search may check (webpki's budget is 100).
const MAX_SIGNATURES: usize = 100;

fn dn(c: &CertRecord) -> String {
    crate::java::dn(&c.subject)
}

/// Whether `a` is a trust anchor for `c`: the same subject and key.
fn same_key(a: &CertRecord, c: &CertRecord) -> bool {
    a.subject_raw == c.subject_raw
        && match (&a.signed, &c.signed) {
            (Some(x), Some(y)) => x.spki() == y.spki(),
            _ => a.sha256 == c.sha256,
        }
}

/// A path from `chain[0]` to an anchor (leaf first, anchor last), or every
/// reason the attempts failed.
pub fn build<'a>(
    chain: &[&'a CertRecord],
    set: &'a TrustSet,
    now_ms: i64,
) -> Result<Vec<&'a CertRecord>, Vec<Problem>> {
    let Some(&target) = chain.first() else {
        return Err(Vec::new());
    };
    if let Some(a) = set.anchors.iter().find(|a| same_key(a, target)) {
        return Ok(vec![a]);
    }
    let mut search = Search {
        set,
        pool: chain
            .iter()
            .skip(1)
            .copied()
            .chain(&set.intermediates)
            .collect(),
        now_ms,
        budget: MAX_SIGNATURES,
        problems: Vec::new(),
    };
    let mut path = vec![target];
    if search.extend(&mut path) {
        Ok(path)
    } else {
        let mut p = search.problems;
        p.dedup();
        Err(p)
    }
}

struct Search<'a> {
    set: &'a TrustSet,
    pool: Vec<&'a CertRecord>,
    now_ms: i64,
    budget: usize,
    problems: Vec<Problem>,
}

impl<'a> Search<'a> {
    /// Extends `path` to an anchor, depth first; `path` is left as it came
    /// when no extension works.
    fn extend(&mut self, path: &mut Vec<&'a CertRecord>) -> bool {
        let Some(&c) = path.last() else { return false };
        if path.len() >= MAX_PATH || self.budget == 0 {
            self.problems.push(Problem::TooComplex);
            return false;
        }
        let set = self.set;
        let anchors: Vec<&'a CertRecord> =
            set.anchors.iter().filter(|a| names_issuer(c, a)).collect();
        let issuers: Vec<&'a CertRecord> = (self.pool.iter().copied())
            .filter(|x| names_issuer(c, x) && !path.iter().any(|p| p.sha256 == x.sha256))
            .collect();
        for a in &anchors {
            if self.signed_by(c, a) {
                path.push(a);
                if self.constraints_hold(path) {
                    return true;
                }
                path.pop();
            }
        }
        for x in &issuers {
            if self.signed_by(c, x) && self.usable(x, path.len() - 1) {
                path.push(x);
                if self.extend(path) {
                    return true;
                }
                path.pop();
            }
        }
        if anchors.is_empty() && issuers.is_empty() {
            self.problems.push(if c.is_self_issued() {
                Problem::NotAnAnchor { subject: dn(c) }
            } else {
                Problem::MissingIssuer {
                    subject: dn(c),
                    issuer: crate::java::dn(&c.issuer),
                }
            });
        }
        false
    }

    /// Whether `issuer`'s key made `c`'s signature (charged to the budget).
    fn signed_by(&mut self, c: &CertRecord, issuer: &CertRecord) -> bool {
        self.budget = self.budget.saturating_sub(1);
        let (subject, by) = (dn(c), dn(issuer));
        match super::signed_by(c, issuer) {
            SigCheck::Verified => return true,
            SigCheck::Bad(why) => self.problems.push(Problem::BadSignature {
                subject,
                issuer: by,
                why,
            }),
            SigCheck::Unverifiable(what) => self.problems.push(Problem::Unverifiable {
                subject,
                issuer: by,
                what,
            }),
        }
        false
    }

    /// An intermediate with `below` intermediates under it: valid now, a CA.
    fn usable(&mut self, x: &CertRecord, below: usize) -> bool {
        let issuer = dn(x);
        let problem = if x.not_after_ms < self.now_ms {
            Problem::ExpiredIssuer {
                issuer,
                not_after_ms: x.not_after_ms,
            }
        } else if x.not_before_ms > self.now_ms {
            Problem::IssuerNotYetValid {
                issuer,
                not_before_ms: x.not_before_ms,
            }
        } else if !x.basic_constraints.is_some_and(|b| b.ca) {
            Problem::NotACa {
                issuer,
                why: "its basic constraints do not make it a CA",
            }
        } else if x.key_usage.is_some_and(|ku| ku & (1 << 5) == 0) {
            Problem::NotACa {
                issuer,
                why: "its key usage lacks keyCertSign",
            }
        } else if x
            .basic_constraints
            .and_then(|b| b.path_len)
            .is_some_and(|n| below > n as usize)
        {
            Problem::NotACa {
                issuer,
                why: "its path length constraint is exceeded",
            }
        } else {
            return true;
        };
        self.problems.push(problem);
        false
    }

    /// Every CA's name constraints hold for the certificates below it.
    fn constraints_hold(&mut self, path: &[&CertRecord]) -> bool {
        for (k, ca) in path.iter().enumerate().skip(1) {
            let Some(nc) = ca
                .signed
                .as_ref()
                .and_then(|s| s.name_constraints())
                .map(NameConstraints::parse)
            else {
                continue;
            };
            let Some(nc) = nc else {
                self.problems.push(Problem::NameConstraints {
                    subject: dn(path[0]),
                    name: "every name (its name constraints cannot be read)".into(),
                    by: dn(ca),
                });
                return false;
            };
            for below in &path[..k] {
                if let Some(name) = nc.violation(below) {
                    self.problems.push(Problem::NameConstraints {
                        subject: dn(below),
                        name,
                        by: dn(ca),
                    });
                    return false;
                }
            }
        }
        true
    }
}
