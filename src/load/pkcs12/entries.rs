//! PKCS#12 items → keystore entries, named and ordered as Java's
//! PKCS12KeyStore does; it reads no ASN.1.

use super::chain::{self, RawCert, RawKey};
use super::{EntryKind, Item, LoadedEntry};
use std::cmp::Ordering;
use std::collections::HashSet;

/// Java's `String.compareTo`: UTF-16 code-unit order.
pub(super) fn java_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Items in file order → entries sorted by alias, named as Java names them;
/// `Err(limit)` when they would hold more than `limit` certificates.
pub(super) fn build(items: Vec<Item>, limit: usize) -> Result<Vec<LoadedEntry>, usize> {
    // Java's PKCS12KeyStore numbers nameless key entries, secret keys and
    // trusted certificates "1", "2", ... as it meets them (getUnfriendlyName).
    let mut counter = 0u32;
    let mut next_name = || {
        counter += 1;
        counter.to_string()
    };
    let mut keys = Vec::new();
    let mut certs = Vec::new();
    let mut trusted: Vec<(String, Vec<u8>)> = Vec::new();
    let mut secrets = Vec::new();
    for item in items {
        match item {
            Item::Key { pkcs8, attrs } => {
                let alias = attrs
                    .friendly_name
                    .as_deref()
                    .map(str::to_lowercase)
                    .unwrap_or_else(&mut next_name);
                keys.push(RawKey {
                    alias: Some(alias),
                    public: chain::public_of_private(&pkcs8),
                    facts: chain::facts_of_private(&pkcs8),
                    created_ms: attrs.created_ms(),
                    local_key_id: attrs.local_key_id,
                });
            }
            Item::Secret { attrs } => {
                let alias = attrs
                    .friendly_name
                    .as_deref()
                    .map(str::to_lowercase)
                    .unwrap_or_else(&mut next_name);
                secrets.push(LoadedEntry {
                    alias: Some(alias),
                    kind: EntryKind::SecretKey,
                    chain: Vec::new(),
                    created_ms: attrs.created_ms(),
                    key: None,
                });
            }
            Item::Cert { der, attrs } => {
                let mut alias = attrs.friendly_name.as_deref().map(str::to_lowercase);
                if attrs.java_trusted && alias.is_none() {
                    alias = Some(next_name());
                }
                if attrs.java_trusted {
                    if let Some(a) = &alias {
                        trusted.push((a.clone(), der.clone()));
                    }
                }
                certs.push(RawCert {
                    der,
                    alias,
                    local_key_id: attrs.local_key_id,
                    created_ms: None,
                });
            }
        }
    }
    let mut entries = chain::build_entries(keys, certs, limit)?;
    drop_repeats(&mut entries);
    add_java_trusted(&mut entries, trusted);
    for e in &mut entries {
        if e.alias.is_none() {
            e.alias = Some(next_name());
        }
    }
    entries.extend(secrets);
    entries.sort_by(|a, b| {
        java_order(
            a.alias.as_deref().unwrap_or(""),
            b.alias.as_deref().unwrap_or(""),
        )
    });
    Ok(entries)
}

/// SPEC §2: a certificate on no key's chain is its own `trustedCertEntry`, but
/// one already shown — on a key's chain, or as an earlier such entry — is not
/// shown again (a file may store the key's certificate twice, once with the
/// key's localKeyId and once in a bag without attributes; Java shows it once).
fn drop_repeats(entries: &mut Vec<LoadedEntry>) {
    let mut shown: HashSet<Vec<u8>> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::PrivateKey)
        .flat_map(|e| e.chain.iter().cloned())
        .collect();
    entries.retain(|e| {
        e.kind != EntryKind::TrustedCert || e.chain.first().is_none_or(|c| shown.insert(c.clone()))
    });
}

/// A Java trusted certificate is its own entry even when it also completes
/// some key's chain: adds those not already present.
fn add_java_trusted(entries: &mut Vec<LoadedEntry>, trusted: Vec<(String, Vec<u8>)>) {
    for (alias, der) in trusted {
        let present = entries.iter().any(|e| {
            e.kind == EntryKind::TrustedCert
                && e.alias.as_deref() == Some(alias.as_str())
                && e.chain.first() == Some(&der)
        });
        if !present {
            entries.push(LoadedEntry {
                alias: Some(alias),
                kind: EntryKind::TrustedCert,
                chain: vec![der],
                created_ms: None,
                key: None,
            });
        }
    }
}
