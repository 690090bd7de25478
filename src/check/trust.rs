//! The trust rules (`--trust`): a chain builds to an anchor, or findings say
//! why not; a chain that carries its root is told so.

use super::{is_root, Detail, Finding, Rule};
use crate::model::CertRecord;
use crate::trust::ocsp::{self, Stapled};
use crate::trust::{self, path, revocation, Problem, Revocation, TrustSet};

/// The trust and revocation findings of one chain, with the chain position
/// each belongs to.
pub(super) fn judge(certs: &[&CertRecord], set: &TrustSet, now_ms: i64) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    if !set.anchors.is_empty() {
        out = paths(certs, set, now_ms);
    }
    for (pos, c) in certs.iter().enumerate() {
        for r in revocation::check(c, certs.get(pos + 1).copied(), set, now_ms) {
            let (rule, detail) = match r {
                Revocation::Revoked { at_ms, issuer } => (
                    Rule::Revoked,
                    Detail::Revoked {
                        by: format!("the CRL of {issuer}"),
                        at_ms,
                    },
                ),
                Revocation::Stale {
                    issuer,
                    next_update_ms,
                } => (
                    Rule::CrlInvalid,
                    Detail::CrlStale {
                        issuer,
                        at_ms: next_update_ms,
                    },
                ),
                Revocation::Unverified { issuer, why } => (
                    Rule::CrlInvalid,
                    Detail::Text(format!("the CRL of {issuer} does not verify: {why}")),
                ),
            };
            out.push((pos, Finding { rule, detail }));
        }
    }
    out
}

/// The finding of a server's stapled OCSP response on its leaf: revoked, or
/// not to be believed. The issuer is the chain's next certificate, else an
/// anchor or intermediate of its name.
pub(super) fn stapled(
    der: &[u8],
    certs: &[&CertRecord],
    set: Option<&TrustSet>,
) -> Vec<(usize, Finding)> {
    let Some(&leaf) = certs.first() else {
        return Vec::new();
    };
    let mut from_set = set
        .into_iter()
        .flat_map(|s| s.anchors.iter().chain(&s.intermediates));
    let Some(issuer) = certs
        .get(1)
        .copied()
        .filter(|i| trust::issued_by(leaf, i))
        .or_else(|| from_set.find(|i| trust::issued_by(leaf, i)))
    else {
        return vec![(
            0,
            Finding {
                rule: Rule::OcspInvalid,
                detail: Detail::Text(
                    "the stapled OCSP response cannot be checked: the issuer is not at hand".into(),
                ),
            },
        )];
    };
    let (rule, detail) = match ocsp::status(der, leaf, issuer) {
        Stapled::NotRevoked => return Vec::new(),
        Stapled::Revoked { at_ms: Some(at_ms) } => (
            Rule::Revoked,
            Detail::Revoked {
                by: "the stapled OCSP response".into(),
                at_ms,
            },
        ),
        Stapled::Revoked { at_ms: None } => (
            Rule::Revoked,
            Detail::Text("revoked, says the stapled OCSP response".into()),
        ),
        Stapled::Invalid(why) => (Rule::OcspInvalid, Detail::Text(why)),
    };
    vec![(0, Finding { rule, detail })]
}

/// The path findings of one chain (`--trust`).
fn paths(certs: &[&CertRecord], set: &TrustSet, now_ms: i64) -> Vec<(usize, Finding)> {
    let finding = |pos, rule, detail| (pos, Finding { rule, detail });
    match path::build(certs, set, now_ms) {
        Ok(_) => match certs {
            [_, .., last] if is_root(last) => vec![finding(
                certs.len() - 1,
                Rule::RootSent,
                Detail::Text(
                    "the chain carries its root, which clients hold already (informational)".into(),
                ),
            )],
            _ => Vec::new(),
        },
        Err(problems) => {
            let mut out = Vec::new();
            let mut why = Vec::new();
            for p in problems {
                match named(&p) {
                    Some((rule, detail)) => out.push(finding(0, rule, detail)),
                    None => why.push(reason(p)),
                }
            }
            let detail = match why.is_empty() {
                true => "no path to a trust anchor".to_string(),
                false => format!("no path to a trust anchor: {}", why.join("; ")),
            };
            out.insert(0, finding(0, Rule::Untrusted, Detail::Text(detail)));
            out
        }
    }
}

/// The finding of a problem that has a rule of its own.
fn named(p: &Problem) -> Option<(Rule, Detail)> {
    Some(match p {
        Problem::MissingIssuer { subject, issuer } => (
            Rule::MissingIntermediate,
            Detail::Text(format!(
                "the chain stops at {subject}: its issuer {issuer} is not present \
                 (send it, or give it with --intermediates FILE)"
            )),
        ),
        Problem::ExpiredIssuer {
            issuer,
            not_after_ms,
        } => (
            Rule::ExpiredIssuer,
            Detail::IssuerExpired {
                issuer: issuer.clone(),
                at_ms: *not_after_ms,
            },
        ),
        Problem::NameConstraints { subject, name, by } => (
            Rule::NameConstraints,
            Detail::Text(format!(
                "{name} of {subject} is outside the name constraints of {by}"
            )),
        ),
        _ => return None,
    })
}

/// A problem in words, for the `untrusted` finding.
fn reason(p: Problem) -> String {
    match p {
        Problem::NotAnAnchor { subject } => {
            format!("the chain ends at {subject}, which is not a trust anchor")
        }
        Problem::MissingIssuer { subject, issuer } => {
            format!("the issuer {issuer} of {subject} is not present")
        }
        Problem::ExpiredIssuer { issuer, .. } => format!("the issuer {issuer} has expired"),
        Problem::IssuerNotYetValid { issuer, .. } => format!("the issuer {issuer} is not valid yet"),
        Problem::NotACa { issuer, why } => format!("{issuer} cannot issue certificates: {why}"),
        Problem::BadSignature { subject, issuer, why } => {
            format!("{subject} is not signed by {issuer}: {why}")
        }
        Problem::Unverifiable { subject, issuer, what } => format!(
            "the signature of {subject} by {issuer} cannot be checked (certinfo does not verify {what})"
        ),
        Problem::NameConstraints { subject, name, by } => {
            format!("{name} of {subject} is outside the name constraints of {by}")
        }
        Problem::TooComplex => {
            "the search for a path gave up (too long, or too many candidates)".into()
        }
    }
}
