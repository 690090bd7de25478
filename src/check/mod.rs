//! `certinfo check`: judges certificates against a [`Policy`] at one instant.
//! Prints nothing; renderers in `render::check` format the [`Report`].

mod chain;
mod trust;

use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord, SanName};
use std::net::IpAddr;

/// A rule of SPEC §5. Each can be turned off with `--allow <id>`; the enum is
/// also the `--allow` value type (its kebab-case names are the ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Rule {
    /// Expired certificates.
    Expired,
    /// Certificates not valid yet.
    NotYetValid,
    /// Certificates expiring within --expires-within.
    ExpiresSoon,
    /// Small RSA/DSA/EC keys.
    WeakKey,
    /// MD5/SHA-1 signatures on non-root certificates.
    WeakSignature,
    /// --host not matched.
    HostMismatch,
    /// Chains out of order or with a missing link.
    ChainOrder,
    /// Chains holding a certificate twice.
    ChainDuplicate,
    /// Signatures certinfo cannot check (an algorithm or key it does not
    /// verify): never a pass, never "forged".
    UnverifiableSignature,
    /// The outer signature algorithm differs from the signed one.
    AlgorithmMismatch,
    /// With `--trust`: the chain does not build to a trust anchor.
    Untrusted,
    /// With `--trust`: the chain stops at a certificate whose issuer is not
    /// present.
    MissingIntermediate,
    /// With `--trust`: an issuer on the path has expired.
    ExpiredIssuer,
    /// With `--trust`: a name outside a CA's name constraints.
    NameConstraints,
    /// With `--trust`: the chain carries its root (informational: it does
    /// not fail the check).
    RootSent,
    /// With `--crl`: listed on a verified CRL of its issuer.
    Revoked,
    /// With `--crl`: a CRL of the issuer that does not verify, or is past
    /// its nextUpdate.
    CrlInvalid,
    /// A server's stapled OCSP response that cannot be read, is about
    /// another certificate, or does not verify.
    OcspInvalid,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 18] = [
        Rule::Expired,
        Rule::NotYetValid,
        Rule::ExpiresSoon,
        Rule::WeakKey,
        Rule::WeakSignature,
        Rule::AlgorithmMismatch,
        Rule::HostMismatch,
        Rule::ChainOrder,
        Rule::UnverifiableSignature,
        Rule::ChainDuplicate,
        Rule::Untrusted,
        Rule::MissingIntermediate,
        Rule::ExpiredIssuer,
        Rule::NameConstraints,
        Rule::RootSent,
        Rule::Revoked,
        Rule::CrlInvalid,
        Rule::OcspInvalid,
    ];

    /// The stable id used in `--allow`, JSON and JUnit.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Expired => "expired",
            Rule::NotYetValid => "not-yet-valid",
            Rule::ExpiresSoon => "expires-soon",
            Rule::WeakKey => "weak-key",
            Rule::WeakSignature => "weak-signature",
            Rule::HostMismatch => "host-mismatch",
            Rule::ChainOrder => "chain-order",
            Rule::ChainDuplicate => "chain-duplicate",
            Rule::UnverifiableSignature => "unverifiable-signature",
            Rule::AlgorithmMismatch => "algorithm-mismatch",
            Rule::Untrusted => "untrusted",
            Rule::MissingIntermediate => "missing-intermediate",
            Rule::ExpiredIssuer => "expired-issuer",
            Rule::NameConstraints => "name-constraints",
            Rule::RootSent => "root-sent",
            Rule::Revoked => "revoked",
            Rule::CrlInvalid => "crl-invalid",
            Rule::OcspInvalid => "ocsp-invalid",
        }
    }

    /// An informational rule: reported, never a failure.
    pub fn is_informational(self) -> bool {
        self == Rule::RootSent
    }
}

/// What is judged and how strictly.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The instant of judgement, ms since the epoch.
    pub now_ms: i64,
    /// The expiry window in ms.
    pub expires_within_ms: i64,
    /// Minimum RSA/DSA modulus size.
    pub min_rsa_bits: i64,
    /// Minimum EC key size.
    pub min_ec_bits: i64,
    /// Host name or IP address the first certificate must match.
    pub host: Option<String>,
    /// `--trust` anchors, `--intermediates` and `--crl`: with anchors, every
    /// chain must build to one; with CRLs, no certificate may be on one.
    pub trust: Option<std::sync::Arc<crate::trust::TrustSet>>,
    /// Rules turned off.
    pub allow: Vec<Rule>,
}

/// Dates in a finding, formatted by the renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Expired `days` days ago at `at_ms`.
    Expired {
        /// notAfter.
        at_ms: i64,
    },
    /// Not valid before `at_ms`.
    NotYetValid {
        /// notBefore.
        at_ms: i64,
    },
    /// Expires at `at_ms`.
    ExpiresSoon {
        /// notAfter.
        at_ms: i64,
    },
    /// Revoked at `at_ms`, as `by` says.
    Revoked {
        /// What says so: "the CRL of …", "the stapled OCSP response".
        by: String,
        /// revocationDate.
        at_ms: i64,
    },
    /// A CRL of `issuer` whose nextUpdate (`at_ms`) has passed.
    CrlStale {
        /// The CRL issuer's subject.
        issuer: String,
        /// nextUpdate.
        at_ms: i64,
    },
    /// An issuer that expired at `at_ms`.
    IssuerExpired {
        /// The issuer's subject.
        issuer: String,
        /// Its notAfter.
        at_ms: i64,
    },
    /// Free text.
    Text(String),
}

/// One failed rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// What exactly.
    pub detail: Detail,
}

/// One certificate and what was found wrong with it.
#[derive(Debug, Clone)]
pub struct Verdict<'a> {
    /// Its entry.
    pub entry: &'a EntryRecord,
    /// The certificate.
    pub cert: &'a CertRecord,
    /// Position in its chain (0 = the entry's own certificate).
    pub position: usize,
    /// Failed rules; empty when it passes.
    pub findings: Vec<Finding>,
}

impl Verdict<'_> {
    /// Whether a finding that is not informational was made.
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| !f.rule.is_informational())
    }
}

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The instant of judgement.
    pub now_ms: i64,
    /// One verdict per certificate, in input order.
    pub verdicts: Vec<Verdict<'a>>,
    /// The inputs that could not be read, wholly or in part (said on stderr
    /// as well): the report is then never a pass.
    pub unread: Vec<crate::model::Unread>,
}

impl Report<'_> {
    /// Whether nothing failed and every input was read.
    pub fn passed(&self) -> bool {
        self.failed() == 0 && self.unread.is_empty()
    }

    /// Number of findings.
    pub fn findings(&self) -> usize {
        self.verdicts.iter().map(|v| v.findings.len()).sum()
    }
    /// Number of certificates with at least one failing (not
    /// informational) finding.
    pub fn failed(&self) -> usize {
        self.verdicts.iter().filter(|v| v.failed()).count()
    }
    /// The verdict of the certificate that expires first.
    pub fn earliest_expiry(&self) -> Option<&Verdict<'_>> {
        self.verdicts.iter().min_by_key(|v| v.cert.not_after_ms)
    }
}

/// A self-signed root: subject equals issuer and the key ids, when both are
/// present, agree.
pub fn is_root(c: &CertRecord) -> bool {
    c.is_self_issued()
        && match (&c.ski, &c.aki) {
            (Some(s), Some(a)) => s == a,
            _ => true,
        }
}

pub use crate::trust::issued_by;

fn weak_signature(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "MD2",
        "1.2.840.113549.1.1.4" | "1.3.14.3.2.3" => "MD5",
        "1.2.840.113549.1.1.5"
        | "1.3.14.3.2.29"
        | "1.2.840.10045.4.1"
        | "1.2.840.10040.4.3"
        | "1.3.14.3.2.13"
        | "1.3.14.3.2.27" => "SHA-1",
        _ => return None,
    })
}

/// RFC 6125 matching of one DNS SAN pattern: case-insensitive, a wildcard
/// only as the whole left-most label, matching exactly one label.
pub fn dns_matches(pattern: &str, host: &str) -> bool {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() || h.is_empty() {
        return false;
    }
    match p.strip_prefix("*.") {
        Some(rest) => {
            // At least two labels after the wildcard ("*.com" matches nothing),
            // and no wildcard elsewhere.
            if !rest.contains('.') || rest.contains('*') {
                return false;
            }
            match h.split_once('.') {
                Some((first, tail)) => !first.is_empty() && tail == rest,
                None => false,
            }
        }
        None => !p.contains('*') && p == h,
    }
}

fn ip_bytes(ip: &IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v) => v.octets().to_vec(),
        IpAddr::V6(v) => v.octets().to_vec(),
    }
}

/// Whether the certificate is valid for `host` (a DNS name or an IP address).
pub fn host_matches(c: &CertRecord, host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        let want = ip_bytes(&ip);
        return c
            .sans
            .iter()
            .any(|s| matches!(s, SanName::Ip(b) if *b == want));
    }
    let has_names = c
        .sans
        .iter()
        .any(|s| matches!(s, SanName::Dns(_) | SanName::Ip(_)));
    if has_names {
        return c
            .sans
            .iter()
            .any(|s| matches!(s, SanName::Dns(p) if dns_matches(p, host)));
    }
    // No SAN names: the subject's CN, as RFC 6125 allows for legacy certificates.
    c.subject
        .values_of("2.5.4.3")
        .any(|v| matches!(v, crate::model::AttrValue::Text(cn) if dns_matches(cn, host)))
}

/// The chains to judge: a key entry's chain, or, for the loose certificates
/// of one input, the file order when it reads as a chain (some certificate is
/// not self-issued). A bundle of roots is judged certificate by certificate.
fn chains(entries: &[EntryRecord]) -> Vec<Vec<(&EntryRecord, usize)>> {
    let mut out: Vec<Vec<(&EntryRecord, usize)>> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        if e.kind != EntryKind::TrustedCert || e.chain.len() != 1 {
            out.push((0..e.chain.len()).map(|k| (e, k)).collect());
            i += 1;
            continue;
        }
        let mut j = i;
        while j < entries.len()
            && entries[j].kind == EntryKind::TrustedCert
            && entries[j].chain.len() == 1
            && entries[j].source == e.source
        {
            j += 1;
        }
        let group = &entries[i..j];
        if group.len() > 1 && group.iter().any(|g| !g.chain[0].is_self_issued()) {
            out.push(group.iter().map(|g| (g, 0)).collect());
        } else {
            out.extend(group.iter().map(|g| vec![(g, 0)]));
        }
        i = j;
    }
    out
}

/// Judges every certificate of every entry.
pub fn judge<'a>(entries: &'a [EntryRecord], p: &Policy) -> Report<'a> {
    let mut verdicts = Vec::new();
    for chain in chains(entries) {
        let certs: Vec<&CertRecord> = chain.iter().map(|(e, k)| &e.chain[*k]).collect();
        // A server's chain is judged for its host unless --host names another.
        let host = p
            .host
            .as_deref()
            .or_else(|| chain.first().and_then(|(e, _)| e.server_host.as_deref()));
        let first = verdicts.len();
        for (pos, (entry, k)) in chain.iter().enumerate() {
            verdicts.push(Verdict {
                entry,
                cert: certs[pos],
                position: *k,
                findings: findings(&certs, pos, p, host),
            });
        }
        let mut more = Vec::new();
        if let Some(set) = &p.trust {
            more = trust::judge(&certs, set, p.now_ms);
        }
        if let Some(der) = chain.first().and_then(|(e, _)| e.stapled_ocsp.as_deref()) {
            more.extend(trust::stapled(der, &certs, p.trust.as_deref()));
        }
        for (pos, f) in more {
            if !p.allow.contains(&f.rule) {
                verdicts[first + pos].findings.push(f);
            }
        }
    }
    Report {
        now_ms: p.now_ms,
        verdicts,
        unread: Vec::new(),
    }
}

/// The findings of one certificate, leaving out the rules the policy allows.
struct Findings<'p> {
    allow: &'p [Rule],
    found: Vec<Finding>,
}

impl Findings<'_> {
    fn push(&mut self, rule: Rule, detail: Detail) {
        if !self.allow.contains(&rule) {
            self.found.push(Finding { rule, detail });
        }
    }
}

/// The findings of the certificate at `pos` of its chain `certs`, in report
/// order.
fn findings(certs: &[&CertRecord], pos: usize, p: &Policy, host: Option<&str>) -> Vec<Finding> {
    let c = certs[pos];
    let mut f = Findings {
        allow: &p.allow,
        found: Vec::new(),
    };
    judge_validity(c, p, &mut f);
    judge_key(c, p, &mut f);
    judge_signature(c, &mut f);
    if pos == 0 {
        if let Some(host) = host {
            judge_host(c, host, &mut f);
        }
    }
    chain::judge(certs, pos, &mut f);
    f.found
}

/// Expired or expiring soon, then not valid yet.
fn judge_validity(c: &CertRecord, p: &Policy, f: &mut Findings<'_>) {
    if c.not_after_ms < p.now_ms {
        f.push(
            Rule::Expired,
            Detail::Expired {
                at_ms: c.not_after_ms,
            },
        );
    } else if c.not_after_ms - p.now_ms <= p.expires_within_ms {
        f.push(
            Rule::ExpiresSoon,
            Detail::ExpiresSoon {
                at_ms: c.not_after_ms,
            },
        );
    }
    if c.not_before_ms > p.now_ms {
        f.push(
            Rule::NotYetValid,
            Detail::NotYetValid {
                at_ms: c.not_before_ms,
            },
        );
    }
}

/// An RSA/DSA or EC key under the policy's minimum size.
fn judge_key(c: &CertRecord, p: &Policy, f: &mut Findings<'_>) {
    let alg = &*c.key.algorithm;
    let bits = c.key.bits;
    let min = match alg {
        "RSA" | "RSASSA-PSS" | "DSA" => p.min_rsa_bits,
        "EC" => p.min_ec_bits,
        _ => return,
    };
    if bits >= 0 && bits < min {
        f.push(
            Rule::WeakKey,
            Detail::Text(format!("{alg} key of {bits} bits, under {min}")),
        );
    }
}

/// An MD5/SHA-1 (or MD2) signature on a certificate that is not a root,
/// judged by the algorithm inside the signed part; an outer algorithm that
/// differs from it is its own finding.
fn judge_signature(c: &CertRecord, f: &mut Findings<'_>) {
    if let Some(h) = weak_signature(&c.tbs_sig_alg_oid) {
        if !is_root(c) {
            f.push(
                Rule::WeakSignature,
                Detail::Text(format!(
                    "signed with {} ({h}) and not a self-signed root",
                    crate::java::sig_alg_name(&c.tbs_sig_alg_oid)
                )),
            );
        }
    }
    if c.signed.as_ref().is_some_and(|s| s.algorithms_differ) {
        f.push(
            Rule::AlgorithmMismatch,
            Detail::Text(format!(
                "the signed algorithm is {}, the outer (unsigned) one {}",
                crate::java::sig_alg_name(&c.tbs_sig_alg_oid),
                crate::java::sig_alg_name(&c.sig_alg_oid)
            )),
        );
    }
}

/// `--host` not among the certificate's names.
fn judge_host(c: &CertRecord, host: &str, f: &mut Findings<'_>) {
    if !host_matches(c, host) {
        f.push(
            Rule::HostMismatch,
            Detail::Text(format!("{host} is not among the certificate's names")),
        );
    }
}

/// Why an `--expires-within` value was refused (clap prints it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    /// No number before the unit.
    #[error("{0:?}: expected a number and a unit, e.g. 30d")]
    NotANumber(String),
    /// A number without a unit (it was days, undocumented, before).
    #[error("{0:?} has no unit: write {0}d for days, or {secs}s", secs = .1)]
    NoUnit(String, String),
    /// A unit other than `s m h d w`.
    #[error("{input:?}: unknown unit {unit:?}; use s, m, h, d or w")]
    UnknownUnit {
        /// The value, trimmed.
        input: String,
        /// Its unit.
        unit: String,
    },
    /// More milliseconds than an i64 holds.
    #[error("{0:?}: too large")]
    TooLarge(String),
}

/// Parses `--expires-within`: a number and a unit `s m h d w` (`30d`, `12h`).
pub fn parse_window(s: &str) -> Result<i64, WindowError> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = num
        .parse()
        .map_err(|_| WindowError::NotANumber(s.to_string()))?;
    let ms = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "" => {
            let secs = n.checked_mul(86_400).map_or("N".into(), |s| s.to_string());
            return Err(WindowError::NoUnit(s.to_string(), secs));
        }
        "w" => 7 * 86_400_000,
        _ => {
            return Err(WindowError::UnknownUnit {
                input: s.to_string(),
                unit: unit.to_string(),
            })
        }
    };
    n.checked_mul(ms)
        .ok_or_else(|| WindowError::TooLarge(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_values_are_the_rule_ids() {
        use clap::ValueEnum;
        for r in Rule::ALL {
            assert_eq!(
                r.to_possible_value().map(|v| v.get_name().to_string()),
                Some(r.id().to_string())
            );
        }
    }

    #[test]
    fn wildcards_follow_rfc_6125() {
        assert!(dns_matches("*.example.com", "www.example.com"));
        assert!(dns_matches("*.Example.com.", "WWW.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.com", "example.com"));
        assert!(!dns_matches("www.*.com", "www.example.com"));
        assert!(dns_matches("example.com", "example.com"));
    }

    #[test]
    fn windows_parse_with_units() {
        assert_eq!(parse_window("30d"), Ok(30 * 86_400_000));
        assert_eq!(parse_window("2w"), Ok(14 * 86_400_000));
        assert_eq!(parse_window("90m"), Ok(90 * 60_000));
        assert!(parse_window("x").is_err());
        assert!(parse_window("5y").is_err());
        assert_eq!(
            parse_window("30").unwrap_err().to_string(),
            "\"30\" has no unit: write 30d for days, or 2592000s"
        );
    }
}
