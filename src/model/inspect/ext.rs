//! x509-parser's extensions → [`Extension`]s. What it does not read (TLS
//! feature, extended key usages in their order, policy qualifiers) is read
//! with `crate::der`.

use super::{oid, Access, DistributionPoint, ExtValue, Extension, Name, Policy, Sct};
use crate::der::{self, Reader};
use crate::model::name::DistinguishedName;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension, X509Extension};

/// TLS feature (RFC 7633).
const TLS_FEATURE: &str = "1.3.6.1.5.5.7.1.24";
/// Extended key usage.
const EKU: &str = "2.5.29.37";

type R<T> = Result<T, String>;

/// One extension, decoded or with why it is not.
pub fn extension(e: &X509Extension<'_>) -> Extension {
    let id = oid(&e.oid);
    let value = match id.as_str() {
        TLS_FEATURE => tls_feature(e.value),
        EKU => extended_key_usage(e.value),
        _ => parsed(e.parsed_extension(), e.value),
    };
    Extension {
        oid: id,
        critical: e.critical,
        value,
    }
}

fn parsed(p: &ParsedExtension<'_>, raw: &[u8]) -> R<ExtValue> {
    use ParsedExtension as P;
    Ok(match p {
        P::ParseError { error } => return Err(error.to_string()),
        P::BasicConstraints(b) => ExtValue::BasicConstraints {
            ca: b.ca,
            path_len: b.path_len_constraint,
        },
        P::KeyUsage(k) => ExtValue::KeyUsage(k.flags),
        P::SubjectAlternativeName(s) => ExtValue::SubjectAltName(names(&s.general_names)?),
        P::IssuerAlternativeName(s) => ExtValue::IssuerAltName(names(&s.general_names)?),
        P::SubjectKeyIdentifier(k) => ExtValue::SubjectKeyId(k.0.to_vec()),
        P::AuthorityKeyIdentifier(a) => ExtValue::AuthorityKeyId {
            key_id: a.key_identifier.as_ref().map(|k| k.0.to_vec()),
            issuer: match &a.authority_cert_issuer {
                Some(n) => names(n)?,
                None => Vec::new(),
            },
            serial: a.authority_cert_serial.map(<[u8]>::to_vec),
        },
        _ => return lists(p, raw),
    })
}

/// [`parsed`] for the extensions that hold lists.
fn lists(p: &ParsedExtension<'_>, raw: &[u8]) -> R<ExtValue> {
    use ParsedExtension as P;
    Ok(match p {
        P::CRLDistributionPoints(d) => {
            let mut out = Vec::new();
            for p in &d.points {
                let (full_name, relative_name) = match &p.distribution_point {
                    Some(DistributionPointName::FullName(n)) => (names(n)?, false),
                    Some(DistributionPointName::NameRelativeToCRLIssuer(_)) => (Vec::new(), true),
                    None => (Vec::new(), false),
                };
                out.push(DistributionPoint {
                    full_name,
                    relative_name,
                    reasons: p.reasons.as_ref().map(|r| r.flags),
                    crl_issuer: match &p.crl_issuer {
                        Some(n) => names(n)?,
                        None => Vec::new(),
                    },
                });
            }
            ExtValue::CrlDistributionPoints(out)
        }
        P::AuthorityInfoAccess(a) => ExtValue::AuthorityInfoAccess(accesses(&a.accessdescs)?),
        P::SubjectInfoAccess(a) => ExtValue::SubjectInfoAccess(accesses(&a.accessdescs)?),
        P::CertificatePolicies(list) => {
            let mut out = Vec::new();
            for p in list {
                out.push(policy(p)?);
            }
            ExtValue::CertificatePolicies(out)
        }
        P::PolicyMappings(m) => ExtValue::PolicyMappings(
            m.mappings
                .iter()
                .map(|m| (oid(&m.issuer_domain_policy), oid(&m.subject_domain_policy)))
                .collect(),
        ),
        P::NameConstraints(n) => {
            let bases = |t: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                let list: Vec<GeneralName<'_>> = t
                    .iter()
                    .flatten()
                    .map(|s| s.base.clone())
                    .collect::<Vec<_>>();
                names(&list)
            };
            ExtValue::NameConstraints {
                permitted: bases(&n.permitted_subtrees)?,
                excluded: bases(&n.excluded_subtrees)?,
            }
        }
        P::PolicyConstraints(p) => ExtValue::PolicyConstraints {
            require_explicit: p.require_explicit_policy,
            inhibit_mapping: p.inhibit_policy_mapping,
        },
        P::InhibitAnyPolicy(i) => ExtValue::InhibitAnyPolicy(i.skip_certs),
        P::SCT(list) => ExtValue::Scts(
            list.iter()
                .map(|s| Sct {
                    version: s.version.0,
                    log_id: *s.id.key_id,
                    timestamp_ms: s.timestamp,
                    hash_alg: s.signature.hash_alg_id,
                    sig_alg: s.signature.sign_alg_id,
                })
                .collect(),
        ),
        P::NsCertComment(c) => ExtValue::NsComment((*c).to_string()),
        P::CRLNumber(n) => ExtValue::CrlNumber(n.to_bytes_be()),
        _ => ExtValue::Unknown(raw.to_vec()),
    })
}

/// GeneralNames as the model's [`Name`]s; a name of a kind that cannot be
/// read makes the extension malformed.
pub fn names(list: &[GeneralName<'_>]) -> R<Vec<Name>> {
    list.iter().map(name).collect()
}

fn name(g: &GeneralName<'_>) -> R<Name> {
    use crate::model::Text;
    Ok(match g {
        GeneralName::DNSName(s) => Name::Dns(Text::from(*s)),
        GeneralName::RFC822Name(s) => Name::Email(Text::from(*s)),
        GeneralName::URI(s) => Name::Uri(Text::from(*s)),
        GeneralName::IPAddress(b) => Name::Ip(b.to_vec()),
        GeneralName::DirectoryName(n) => Name::Directory(DistinguishedName::from_x509(n)),
        GeneralName::RegisteredID(o) => Name::RegisteredId(oid(o)),
        GeneralName::OtherName(o, _) => Name::Other(oid(o)),
        GeneralName::EDIPartyName(_) => Name::EdiParty(None, None),
        GeneralName::X400Address(_) => Name::X400,
        GeneralName::Invalid(tag, _) => {
            return Err(format!("a general name [{}] that cannot be read", tag.0))
        }
    })
}

fn accesses(list: &[x509_parser::extensions::AccessDescription<'_>]) -> R<Vec<Access>> {
    list.iter()
        .map(|a| {
            Ok(Access {
                method: oid(&a.access_method),
                location: name(&a.access_location)?,
            })
        })
        .collect()
}

/// CPS pointer.
const CPS: &str = "1.3.6.1.5.5.7.2.1";
/// User notice.
const USER_NOTICE: &str = "1.3.6.1.5.5.7.2.2";

fn policy(p: &x509_parser::extensions::PolicyInformation<'_>) -> R<Policy> {
    let mut out = Policy {
        oid: oid(&p.policy_id),
        cps: Vec::new(),
        notices: Vec::new(),
        other_qualifiers: Vec::new(),
    };
    for q in p.policy_qualifiers.iter().flatten() {
        let id = oid(&q.policy_qualifier_id);
        let bad = |e: der::DerError| format!("policy qualifier {id}: {e}");
        match id.as_str() {
            CPS => {
                let text = Reader(q.qualifier).expect(0x16).map_err(bad)?;
                out.cps.push(String::from_utf8_lossy(text).into_owned());
            }
            USER_NOTICE => {
                let mut r = Reader(Reader(q.qualifier).expect(der::SEQUENCE).map_err(bad)?);
                r.optional(der::SEQUENCE).map_err(bad)?;
                if let Some(tag) = r.peek() {
                    let (_, text) = r.read().map_err(bad)?;
                    out.notices.push(display_text(tag, text));
                }
            }
            _ => out.other_qualifiers.push(id),
        }
    }
    Ok(out)
}

/// A DisplayText's characters (BMPString as UTF-16).
fn display_text(tag: u8, b: &[u8]) -> String {
    if tag == 0x1e {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8_lossy(b).into_owned()
}

/// extKeyUsage: a SEQUENCE OF OBJECT IDENTIFIER, in order.
fn extended_key_usage(value: &[u8]) -> R<ExtValue> {
    let bad = |e: der::DerError| e.to_string();
    let (tlv, rest) = der::read_tlv(value).map_err(bad)?;
    if tlv.tag != der::SEQUENCE || !rest.is_empty() {
        return Err("not one SEQUENCE of OIDs".into());
    }
    let mut r = Reader(tlv.content);
    let mut out = Vec::new();
    while !r.is_empty() {
        out.push(r.read_oid().map_err(bad)?);
    }
    if out.is_empty() {
        return Err("no key purpose".into());
    }
    Ok(ExtValue::ExtendedKeyUsage(out))
}

/// TLS feature: a SEQUENCE OF INTEGER.
fn tls_feature(value: &[u8]) -> R<ExtValue> {
    let bad = |e: der::DerError| e.to_string();
    let (tlv, rest) = der::read_tlv(value).map_err(bad)?;
    if tlv.tag != der::SEQUENCE || !rest.is_empty() {
        return Err("not one SEQUENCE of INTEGERs".into());
    }
    let mut r = Reader(tlv.content);
    let mut out = Vec::new();
    while !r.is_empty() {
        let n = r.read_integer().map_err(bad)?;
        if n.is_empty() || n.len() > 8 || n[0] & 0x80 != 0 {
            return Err("a feature code out of range".into());
        }
        out.push(n.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b)));
    }
    Ok(ExtValue::TlsFeature(out))
}
