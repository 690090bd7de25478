//! `inspect -f text`: each certificate, CSR and CRL as labelled lines, every
//! extension decoded under its name. Text from the input passes through
//! `term::sanitize`; the validity line is coloured as the table colours a
//! row (expired red, within 30 days yellow) when colour is on.

use super::*;
use crate::inspect::Item;
use crate::load::chain::KeyFacts;
use crate::load::EntryKind;
use crate::model::inspect::{CertDetail, ExtValue, Extension, KeyDetail, Name};
use crate::model::{CertRecord, EntryRecord};
use crate::render::term::{paint, sanitize, Paint};
use crate::trust::SigCheck;
use std::fmt::Write as _;

/// The width of the labels.
const W: usize = 21;

/// `label: value`, the value made safe for a terminal.
fn line(out: &mut String, indent: usize, label: &str, value: &str) {
    let label = format!("{label}:");
    let _ = writeln!(out, "{:indent$}{label:W$} {}", "", sanitize(value));
}

/// A line of its own (a list item under an extension).
fn item_line(out: &mut String, indent: usize, value: &str) {
    let _ = writeln!(out, "{:indent$}{}", "", sanitize(value));
}

pub(super) fn render(
    items: &[Item<'_>],
    unread: &[crate::model::Unread],
    opts: &RenderOptions<'_>,
    out: &mut String,
) {
    entries(items, opts, out);
    if unread.is_empty() {
        return;
    }
    if !items.is_empty() {
        out.push('\n');
    }
    let n = unread.len();
    let head = if n == 1 {
        "1 input could not be read:".to_string()
    } else {
        format!("{n} inputs could not be read:")
    };
    out.push_str(&paint(opts.color, Paint::Red, &head));
    out.push('\n');
    for u in unread {
        let line = format!("  {}: {}", u.input, u.reason());
        out.push_str(&sanitize(&line));
        out.push('\n');
    }
}

/// Every item, a blank line between them.
fn entries(items: &[Item<'_>], opts: &RenderOptions<'_>, out: &mut String) {
    for (n, i) in items.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        match i {
            Item::Entry { record, certs } => entry(record, certs, opts, out),
            Item::Request {
                source,
                detail,
                signature: sig,
            } => {
                item_line(out, 0, &format!("Certificate request, from {source}"));
                line(out, 2, "Version", &(detail.version + 1).to_string());
                line(out, 2, "Subject", &crate::java::dn(&detail.subject));
                key(&detail.key, 2, out);
                let alg = algorithm(&detail.signature_oid);
                line(out, 2, "Signature algorithm", &alg);
                line(out, 2, "Signature", &signature(Some(sig)));
                for a in &detail.attributes {
                    line(out, 2, "Attribute", a);
                }
                if !detail.extensions.is_empty() {
                    item_line(out, 2, "Requested extensions:");
                    extensions(&detail.extensions, 4, out);
                }
            }
            Item::Crl {
                source,
                detail,
                signature: sig,
            } => {
                item_line(
                    out,
                    0,
                    &format!("Certificate revocation list, from {source}"),
                );
                line(out, 2, "Version", &detail.version.to_string());
                line(out, 2, "Issuer", &crate::java::dn(&detail.issuer));
                let alg = algorithm(&detail.signature_oid);
                line(out, 2, "Signature algorithm", &alg);
                line(out, 2, "Signature", &signature(sig.as_ref()));
                line(out, 2, "This update", &rfc3339(detail.this_update_ms));
                let next = detail.next_update_ms.map_or("none".into(), rfc3339);
                line(out, 2, "Next update", &next);
                if !detail.extensions.is_empty() {
                    item_line(out, 2, "Extensions:");
                    extensions(&detail.extensions, 4, out);
                }
                line(out, 2, "Revoked", &detail.revoked.len().to_string());
                for r in &detail.revoked {
                    let reason = match r.reason {
                        Some(c) => reason_name(c.0).map_or(c.0.to_string(), str::to_string),
                        None => "no reason given".into(),
                    };
                    let serial = crate::java::serial(&r.serial);
                    let at = rfc3339(r.at_ms);
                    item_line(
                        out,
                        4,
                        &format!("{serial} ({}) at {at}: {reason}", decimal(&r.serial)),
                    );
                }
            }
        }
    }
}

fn entry(
    record: &EntryRecord,
    certs: &[Option<CertDetail>],
    opts: &RenderOptions<'_>,
    out: &mut String,
) {
    let kind = match record.kind {
        EntryKind::PrivateKey => "private key entry",
        EntryKind::TrustedCert => "trusted certificate entry",
        EntryKind::SecretKey => "secret key entry",
    };
    let head = format!("Entry {:?} ({kind}), from {}", record.alias, record.source);
    item_line(out, 0, &head);
    if record.kind == EntryKind::PrivateKey {
        line(out, 2, "Private key", &private_key(record.key.as_ref()));
    }
    if record.chain.is_empty() {
        item_line(out, 2, "(no certificate)");
    }
    for (n, (c, d)) in record.chain.iter().zip(certs).enumerate() {
        let at = format!("Certificate {} of {}:", n + 1, record.chain.len());
        item_line(out, 2, &at);
        certificate(c, d.as_ref(), opts, out);
    }
}

/// A private key entry's key: described, or said to be there.
fn private_key(k: Option<&KeyFacts>) -> String {
    let Some(k) = k else {
        return "present, not described (certinfo cannot read this key)".into();
    };
    let mut s = key_algorithm_name(&k.algorithm)
        .unwrap_or(&k.algorithm)
        .to_string();
    if let Some(b) = k.bits {
        let _ = write!(s, " {b} bits");
    }
    if let Some(c) = &k.curve {
        let _ = write!(s, ", curve {} ({c})", curve_name(c).unwrap_or(c));
    }
    s.push_str(match k.matches {
        Some(true) => ", matches the certificate",
        Some(false) => ", does NOT match the certificate",
        None => ", match with the certificate not known",
    });
    s
}

fn certificate(c: &CertRecord, d: Option<&CertDetail>, opts: &RenderOptions<'_>, out: &mut String) {
    const I: usize = 4;
    line(out, I, "Version", &c.version.to_string());
    let serial = format!(
        "{} ({})",
        crate::java::serial(&c.serial),
        decimal(&c.serial)
    );
    line(out, I, "Serial number", &serial);
    let oid = d.map_or(&*c.sig_alg_oid, |d| d.signature_oid.as_str());
    line(out, I, "Signature algorithm", &algorithm(oid));
    line(out, I, "Issuer", &crate::java::dn(&c.issuer));
    line(out, I, "Valid from", &rfc3339(c.not_before_ms));
    let days = crate::render::table::days_left(opts.now_ms, c.not_after_ms);
    let left = if c.not_after_ms < opts.now_ms {
        format!("expired {} days ago", -days)
    } else {
        format!("{days} days left")
    };
    let until = format!("{:W$} {} ({left})", "Valid until:", rfc3339(c.not_after_ms));
    let colour = match () {
        _ if c.not_after_ms < opts.now_ms => Some(Paint::Red),
        _ if days < 30 => Some(Paint::Yellow),
        _ => None,
    };
    let until = match colour {
        Some(p) => paint(opts.color, p, &until).into_owned(),
        None => until,
    };
    let _ = writeln!(out, "{:I$}{until}", "");
    line(out, I, "Subject", &crate::java::dn(&c.subject));
    match d.and_then(|d| d.key.as_ref()) {
        Some(k) => key(k, I, out),
        None => line(
            out,
            I,
            "Public key",
            &format!("{} {}", c.key.algorithm, c.key.bits),
        ),
    }
    match d.map(|d| &d.extensions) {
        Some(Ok(list)) if list.is_empty() => line(out, I, "Extensions", "none"),
        Some(Ok(list)) => {
            item_line(out, I, "Extensions:");
            extensions(list, I + 2, out);
        }
        Some(Err(e)) => line(out, I, "Extensions", &format!("MALFORMED: {e}")),
        None => {}
    }
    line(
        out,
        I,
        "SHA-1 fingerprint",
        &crate::java::hex_colon_upper(&c.sha1),
    );
    line(
        out,
        I,
        "SHA-256 fingerprint",
        &crate::java::hex_colon_upper(&c.sha256),
    );
}

fn algorithm(oid: &str) -> String {
    format!("{} ({oid})", crate::java::sig_alg_name(oid))
}

fn key(k: &KeyDetail, indent: usize, out: &mut String) {
    let mut s = k.info.algorithm.to_string();
    if k.info.bits >= 0 {
        let _ = write!(s, " {} bits", k.info.bits);
    }
    if let Some(c) = &k.info.curve {
        let _ = write!(s, ", curve {} ({c})", curve_name(c).unwrap_or(c));
    }
    if let Some(e) = &k.rsa_exponent {
        let _ = write!(s, ", exponent {}", decimal_unsigned(e));
    }
    line(out, indent, "Public key", &s);
    line(
        out,
        indent,
        "SPKI SHA-256",
        &crate::der::hex(&k.spki_sha256),
    );
}

fn signature(s: Option<&SigCheck>) -> String {
    match s {
        Some(SigCheck::Verified) => "valid".into(),
        Some(SigCheck::Bad(why)) => format!("INVALID: {why}"),
        Some(SigCheck::Unverifiable(why)) => format!("not verified: {why}"),
        None => "not verified: no certificate of its issuer among the inputs".into(),
    }
}

fn extensions(list: &[Extension], indent: usize, out: &mut String) {
    let i = indent;
    for e in list {
        let name = extension_name(&e.oid).unwrap_or("unknown extension");
        let crit = if e.critical { ", critical" } else { "" };
        item_line(out, i, &format!("{name} ({}){crit}:", e.oid));
        match &e.value {
            Ok(v) => value(v, i + 2, out),
            Err(why) => item_line(out, i + 2, &format!("MALFORMED: {why}")),
        }
    }
}

fn gn(n: &Name) -> String {
    let (kind, value) = general_name(n);
    format!("{kind}: {value}")
}

fn value(v: &ExtValue, indent: usize, out: &mut String) {
    use ExtValue as V;
    let mut each = |s: String| item_line(out, indent, &s);
    match v {
        V::BasicConstraints { ca, path_len } => {
            let len = path_len.map_or(String::new(), |n| format!(", path length {n}"));
            each(format!("CA: {ca}{len}"));
        }
        V::KeyUsage(f) => each(key_usages(*f).join(", ")),
        V::ExtendedKeyUsage(oids) => {
            for o in oids {
                each(format!("{} ({o})", purpose_name(o).unwrap_or("unnamed")));
            }
        }
        V::SubjectAltName(n) | V::IssuerAltName(n) => n.iter().for_each(|n| each(gn(n))),
        V::SubjectKeyId(k) => each(crate::java::hex_colon_upper(k)),
        V::AuthorityKeyId {
            key_id,
            issuer,
            serial,
        } => {
            if let Some(k) = key_id {
                each(format!("key id: {}", crate::java::hex_colon_upper(k)));
            }
            issuer
                .iter()
                .for_each(|n| each(format!("issuer: {}", gn(n))));
            if let Some(s) = serial {
                each(format!("serial: {}", crate::java::hex_colon_upper(s)));
            }
        }
        V::CrlDistributionPoints(points) => {
            for p in points {
                p.full_name
                    .iter()
                    .for_each(|n| each(format!("full name: {}", gn(n))));
                if p.relative_name {
                    each("a name relative to the CRL issuer".into());
                }
                if let Some(r) = p.reasons {
                    each(format!("reasons: {}", reason_flags(r).join(", ")));
                }
                p.crl_issuer
                    .iter()
                    .for_each(|n| each(format!("CRL issuer: {}", gn(n))));
            }
        }
        V::AuthorityInfoAccess(list) | V::SubjectInfoAccess(list) => {
            for a in list {
                let m = access_name(&a.method).map_or(a.method.clone(), str::to_string);
                each(format!("{m}: {}", gn(&a.location)));
            }
        }
        other => value_more(other, indent, out),
    }
}

/// [`value`] for policies, constraints, SCTs and the rest.
fn value_more(v: &ExtValue, indent: usize, out: &mut String) {
    use ExtValue as V;
    let mut each = |s: String| item_line(out, indent, &s);
    match v {
        V::CertificatePolicies(list) => {
            for p in list {
                let name = policy_name(&p.oid).map_or(String::new(), |n| format!(" ({n})"));
                each(format!("policy {}{name}", p.oid));
                p.cps.iter().for_each(|c| each(format!("  CPS: {c}")));
                p.notices
                    .iter()
                    .for_each(|c| each(format!("  user notice: {c}")));
                p.other_qualifiers
                    .iter()
                    .for_each(|q| each(format!("  qualifier: {q}")));
            }
        }
        V::PolicyMappings(m) => m.iter().for_each(|(i, s)| each(format!("{i} -> {s}"))),
        V::NameConstraints {
            permitted,
            excluded,
        } => {
            permitted
                .iter()
                .for_each(|n| each(format!("permitted: {}", gn(n))));
            excluded
                .iter()
                .for_each(|n| each(format!("excluded: {}", gn(n))));
        }
        V::PolicyConstraints {
            require_explicit,
            inhibit_mapping,
        } => {
            if let Some(n) = require_explicit {
                each(format!("require explicit policy: {n}"));
            }
            if let Some(n) = inhibit_mapping {
                each(format!("inhibit policy mapping: {n}"));
            }
        }
        V::InhibitAnyPolicy(n) => each(format!("skip certs: {n}")),
        V::Scts(list) => {
            for s in list {
                let ms = i64::try_from(s.timestamp_ms).unwrap_or(i64::MAX);
                let (hash, sig) = sct_algorithms(s.hash_alg, s.sig_alg);
                each(format!(
                    "SCT v{}, log {}",
                    u16::from(s.version) + 1,
                    crate::der::hex(&s.log_id)
                ));
                each(format!("  at {}, {hash} with {sig}", rfc3339_ms(ms)));
            }
        }
        V::TlsFeature(codes) => {
            for c in codes {
                each(tls_feature_name(*c).map_or(c.to_string(), |n| format!("{n} ({c})")));
            }
        }
        V::NsComment(c) => each(c.clone()),
        V::CrlNumber(n) => each(decimal_unsigned(n)),
        V::Unknown(raw) => each(crate::der::hex(raw)),
        // Written by `value`.
        _ => {}
    }
}
