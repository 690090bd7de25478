//! `inspect -f json`: one document, `{"schema": 1, "items": [...]}`, as
//! README.md ("certinfo inspect") and `docs/inspect.schema.json` describe.
//! JSON strings stay exact (serde_json escapes them); nothing is coloured.

use super::*;
use crate::inspect::Item;
use crate::load::chain::KeyFacts;
use crate::load::EntryKind;
use crate::model::inspect::{CertDetail, ExtValue, Extension, KeyDetail};
use crate::model::{CertRecord, DistinguishedName};
use crate::trust::SigCheck;
use serde_json::{json, Value};

/// The schema version written as `"schema"`.
pub const SCHEMA: u32 = 1;

pub(super) fn render(
    items: &[Item<'_>],
    unread: &[crate::model::Unread],
    opts: &RenderOptions<'_>,
    out: &mut String,
) {
    let items: Vec<Value> = items.iter().map(|i| item(i, opts)).collect();
    let unreadable: Vec<Value> = unread
        .iter()
        .map(|u| json!({ "input": &*u.input, "error": u.reason() }))
        .collect();
    let doc = json!({ "schema": SCHEMA, "items": items, "unreadable": unreadable });
    // Serialising a Value to a String cannot fail.
    out.push_str(&serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
}

fn item(i: &Item<'_>, opts: &RenderOptions<'_>) -> Value {
    match i {
        Item::Entry { record, certs } => {
            let chain: Vec<Value> = record
                .chain
                .iter()
                .zip(certs)
                .enumerate()
                .map(|(n, (c, d))| certificate(n, c, d.as_ref(), opts))
                .collect();
            let private_key =
                (record.kind == EntryKind::PrivateKey).then(|| private_key(record.key.as_ref()));
            json!({
                "kind": "entry",
                "source": &*record.source,
                "alias": record.alias,
                "entryType": entry_type(record.kind),
                "created": rfc3339(record.created_ms),
                "createdEpoch": record.created_ms.div_euclid(1000),
                "privateKey": private_key,
                "certificates": chain,
            })
        }
        Item::Request {
            source,
            detail,
            signature: sig,
        } => json!({
            "kind": "request",
            "source": source,
            "version": detail.version + 1,
            "subject": dn(&detail.subject),
            "publicKey": key(&detail.key),
            "signatureAlgorithm": algorithm(&detail.signature_oid),
            "signature": signature(Some(sig)),
            "extensions": extensions(&detail.extensions),
            "attributes": detail.attributes,
            "pem": pem("CERTIFICATE REQUEST", detail.signed.der()),
        }),
        Item::Crl {
            source,
            detail,
            signature: sig,
        } => {
            let revoked: Vec<Value> = detail
                .revoked
                .iter()
                .map(|r| {
                    json!({
                        "serial": serial(&r.serial),
                        "date": rfc3339(r.at_ms),
                        "dateEpoch": r.at_ms.div_euclid(1000),
                        "reason": r.reason.map(|c| json!({
                            "code": c.0,
                            "name": reason_name(c.0),
                        })),
                    })
                })
                .collect();
            json!({
                "kind": "crl",
                "source": source,
                "version": detail.version,
                "issuer": dn(&detail.issuer),
                "signatureAlgorithm": algorithm(&detail.signature_oid),
                "signature": signature(sig.as_ref()),
                "thisUpdate": rfc3339(detail.this_update_ms),
                "thisUpdateEpoch": detail.this_update_ms.div_euclid(1000),
                "nextUpdate": detail.next_update_ms.map(rfc3339),
                "nextUpdateEpoch": detail.next_update_ms.map(|m| m.div_euclid(1000)),
                "revoked": revoked,
                "extensions": extensions(&detail.extensions),
                "pem": pem("X509 CRL", detail.signed.der()),
            })
        }
    }
}

fn entry_type(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::PrivateKey => "privateKey",
        EntryKind::TrustedCert => "trustedCertificate",
        EntryKind::SecretKey => "secretKey",
    }
}

/// A private key entry's key: described when the loader could read it,
/// else only said to be there. Never any of its material.
fn private_key(k: Option<&KeyFacts>) -> Value {
    match k {
        None => json!({ "described": false }),
        Some(k) => json!({
            "described": true,
            "algorithm": key_algorithm_name(&k.algorithm).unwrap_or(&k.algorithm),
            "oid": k.algorithm,
            "bits": k.bits,
            "curve": k.curve.as_deref().map(|c| curve_name(c).unwrap_or(c)),
            "curveOid": k.curve,
            "matchesCertificate": k.matches,
        }),
    }
}

fn certificate(
    position: usize,
    c: &CertRecord,
    d: Option<&CertDetail>,
    opts: &RenderOptions<'_>,
) -> Value {
    let (exts, pem_text) = match d {
        Some(d) => (
            match &d.extensions {
                Ok(list) => extensions(list),
                Err(e) => json!({ "malformed": e }),
            },
            Some(pem("CERTIFICATE", &d.der)),
        ),
        None => (Value::Null, None),
    };
    let oid = d.map_or(&*c.sig_alg_oid, |d| d.signature_oid.as_str());
    json!({
        "position": position,
        "version": c.version,
        "serial": serial(&c.serial),
        "signatureAlgorithm": algorithm(oid),
        "issuer": dn(&c.issuer),
        "subject": dn(&c.subject),
        "validity": {
            "notBefore": rfc3339(c.not_before_ms),
            "notBeforeEpoch": c.not_before_ms.div_euclid(1000),
            "notAfter": rfc3339(c.not_after_ms),
            "notAfterEpoch": c.not_after_ms.div_euclid(1000),
            "daysLeft": crate::render::table::days_left(opts.now_ms, c.not_after_ms),
            "expired": c.not_after_ms < opts.now_ms,
        },
        "publicKey": d.and_then(|d| d.key.as_ref()).map(key),
        "extensions": exts,
        "fingerprints": {
            "sha1": crate::java::hex_colon_upper(&c.sha1),
            "sha256": crate::java::hex_colon_upper(&c.sha256),
        },
        "pem": pem_text,
    })
}

fn serial(b: &[u8]) -> Value {
    json!({ "hex": crate::java::serial(b), "decimal": decimal(b) })
}

fn algorithm(oid: &str) -> Value {
    json!({ "name": crate::java::sig_alg_name(oid), "oid": oid })
}

/// A DN as Java prints it and as its attributes in order.
fn dn(name: &DistinguishedName) -> Value {
    let attributes: Vec<Value> = name
        .avas
        .iter()
        .filter(|a| !a.is_empty_rdn())
        .map(|a| {
            let value = match &a.value {
                crate::model::AttrValue::Text(t) => t.to_string(),
                crate::model::AttrValue::Der(d) => format!("#{}", crate::der::hex(d)),
            };
            json!({
                "type": crate::java::keyword(&a.oid).unwrap_or(&a.oid),
                "oid": &*a.oid,
                "value": value,
                "multiValued": a.same_rdn,
            })
        })
        .collect();
    json!({ "dn": crate::java::dn(name), "attributes": attributes })
}

fn key(k: &KeyDetail) -> Value {
    json!({
        "algorithm": k.info.algorithm,
        "oid": k.oid,
        "bits": (k.info.bits >= 0).then_some(k.info.bits),
        "curve": k.info.curve.as_deref().map(|c| curve_name(c).unwrap_or(c)),
        "curveOid": k.info.curve,
        "exponent": k.rsa_exponent.as_deref().map(decimal_unsigned),
        "spkiSha256": crate::der::hex(&k.spki_sha256),
    })
}

fn signature(s: Option<&SigCheck>) -> Value {
    match s {
        Some(SigCheck::Verified) => json!({ "valid": true, "detail": "verified" }),
        Some(SigCheck::Bad(why)) => json!({ "valid": false, "detail": why }),
        Some(SigCheck::Unverifiable(why)) => json!({ "valid": null, "detail": why }),
        None => json!({
            "valid": null,
            "detail": "not verified: no certificate of its issuer among the inputs",
        }),
    }
}

fn extensions(list: &[Extension]) -> Value {
    Value::Array(list.iter().map(extension).collect())
}

fn extension(e: &Extension) -> Value {
    let mut o = json!({
        "oid": e.oid,
        "name": extension_name(&e.oid),
        "critical": e.critical,
    });
    match &e.value {
        Ok(v) => o["value"] = value(v),
        Err(why) => o["malformed"] = json!(why),
    }
    o
}

fn names(list: &[crate::model::inspect::Name]) -> Value {
    let list: Vec<Value> = list
        .iter()
        .map(|n| {
            let (kind, value) = general_name(n);
            json!({ "type": kind, "value": value })
        })
        .collect();
    Value::Array(list)
}

fn value(v: &ExtValue) -> Value {
    use ExtValue as V;
    match v {
        V::BasicConstraints { ca, path_len } => json!({ "ca": ca, "pathLen": path_len }),
        V::KeyUsage(f) => json!({ "usages": key_usages(*f) }),
        V::ExtendedKeyUsage(oids) => {
            let p: Vec<Value> = oids
                .iter()
                .map(|o| json!({ "oid": o, "name": purpose_name(o) }))
                .collect();
            json!({ "purposes": p })
        }
        V::SubjectAltName(n) | V::IssuerAltName(n) => json!({ "names": names(n) }),
        V::SubjectKeyId(k) => json!({ "keyId": crate::java::hex_colon_upper(k) }),
        V::AuthorityKeyId {
            key_id,
            issuer,
            serial,
        } => json!({
            "keyId": key_id.as_deref().map(crate::java::hex_colon_upper),
            "issuer": names(issuer),
            "serial": serial.as_deref().map(crate::java::hex_colon_upper),
        }),
        V::CrlDistributionPoints(points) => {
            let p: Vec<Value> = points
                .iter()
                .map(|p| {
                    json!({
                        "fullName": names(&p.full_name),
                        "relativeName": p.relative_name,
                        "reasons": p.reasons.map(reason_flags),
                        "crlIssuer": names(&p.crl_issuer),
                    })
                })
                .collect();
            json!({ "points": p })
        }
        V::AuthorityInfoAccess(list) | V::SubjectInfoAccess(list) => {
            let a: Vec<Value> = list
                .iter()
                .map(|a| {
                    let (kind, value) = general_name(&a.location);
                    json!({
                        "method": access_name(&a.method),
                        "methodOid": a.method,
                        "location": { "type": kind, "value": value },
                    })
                })
                .collect();
            json!({ "access": a })
        }
        other => value_more(other),
    }
}

/// [`value`] for policies, constraints, SCTs and the rest.
fn value_more(v: &ExtValue) -> Value {
    use ExtValue as V;
    match v {
        V::CertificatePolicies(list) => {
            let p: Vec<Value> = list
                .iter()
                .map(|p| {
                    json!({
                        "oid": p.oid,
                        "name": policy_name(&p.oid),
                        "cps": p.cps,
                        "notices": p.notices,
                        "otherQualifiers": p.other_qualifiers,
                    })
                })
                .collect();
            json!({ "policies": p })
        }
        V::PolicyMappings(m) => {
            let m: Vec<Value> = m
                .iter()
                .map(|(i, s)| json!({ "issuerDomainPolicy": i, "subjectDomainPolicy": s }))
                .collect();
            json!({ "mappings": m })
        }
        V::NameConstraints {
            permitted,
            excluded,
        } => json!({ "permitted": names(permitted), "excluded": names(excluded) }),
        V::PolicyConstraints {
            require_explicit,
            inhibit_mapping,
        } => json!({
            "requireExplicitPolicy": require_explicit,
            "inhibitPolicyMapping": inhibit_mapping,
        }),
        V::InhibitAnyPolicy(n) => json!({ "skipCerts": n }),
        V::Scts(list) => {
            let s: Vec<Value> = list
                .iter()
                .map(|s| {
                    let ms = i64::try_from(s.timestamp_ms).unwrap_or(i64::MAX);
                    let (hash, sig) = sct_algorithms(s.hash_alg, s.sig_alg);
                    json!({
                        "version": s.version,
                        "logId": crate::der::hex(&s.log_id),
                        "timestamp": rfc3339_ms(ms),
                        "timestampEpochMs": s.timestamp_ms,
                        "hashAlgorithm": hash,
                        "signatureAlgorithm": sig,
                    })
                })
                .collect();
            json!({ "scts": s })
        }
        V::TlsFeature(codes) => {
            let f: Vec<Value> = codes
                .iter()
                .map(|c| json!({ "code": c, "name": tls_feature_name(*c) }))
                .collect();
            json!({ "features": f })
        }
        V::NsComment(c) => json!({ "comment": c }),
        V::CrlNumber(n) => json!({ "number": decimal_unsigned(n) }),
        V::Unknown(raw) => json!({ "hex": crate::der::hex(raw) }),
        // Written by `value`.
        _ => Value::Null,
    }
}
