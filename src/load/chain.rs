//! Chain building shared by the key-holding containers (PEM with keys, PKCS#12).
//!
//! Java's PKCS12KeyStore and SPEC §2: a key's chain is its own certificate (matched
//! by localKeyId, else by public key) followed by issuers found among the
//! container's certificates, walking issuer DN + authority key id up to a
//! self-signed certificate. Certificates on no chain become trustedCertEntry
//! entries of their own (Java drops them; certinfo shows them).
//!
//! This module reads certificate names and key identifiers only; it never
//! formats anything.

use super::{EntryKind, LoadedEntry};
use x509_parser::der_parser::ber::{BerObject, BerObjectContent};
use x509_parser::der_parser::parse_der;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

/// A private key found in a container, before chain building.
#[derive(Debug, Clone, Default)]
pub struct RawKey {
    /// friendlyName / alias as stored (not yet lower-cased).
    pub alias: Option<String>,
    /// PKCS#12 localKeyId.
    pub local_key_id: Option<Vec<u8>>,
    /// The public half, when it can be derived from the private key.
    pub public: Option<PublicMatch>,
    /// Creation date stored by the container (ms since the epoch).
    pub created_ms: Option<i64>,
    /// What the key is, when it could be read ([`facts_of_private`]).
    pub facts: Option<KeyFacts>,
}

/// A private key described, never its material: `inspect` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    /// The algorithm OID, dotted (`1.2.840.113549.1.1.1` RSA,
    /// `1.2.840.10045.2.1` EC, `1.3.101.112` Ed25519, …).
    pub algorithm: String,
    /// An RSA key's modulus size in bits.
    pub bits: Option<u32>,
    /// An EC key's named curve OID.
    pub curve: Option<String>,
    /// Whether its public half is the certificate's key (`None`: not known,
    /// as when the public half cannot be derived).
    pub matches: Option<bool>,
}

/// RSA.
const RSA_OID: &str = "1.2.840.113549.1.1.1";
/// EC public key.
const EC_OID: &str = "1.2.840.10045.2.1";

/// Describes a PKCS#8 `PrivateKeyInfo`, a PKCS#1 `RSAPrivateKey` or a SEC1
/// `ECPrivateKey` (the algorithm, the modulus size, the curve); `None` when
/// it is none of them. Reads the structure only; nothing of the key is kept.
pub fn facts_of_private(der: &[u8]) -> Option<KeyFacts> {
    use crate::der::{read_tlv, Reader, INTEGER, OCTET_STRING, OID, SEQUENCE};
    let (outer, _) = read_tlv(der).ok()?;
    let mut r = Reader(outer.content);
    let version = r.read_integer().ok()?;
    let facts = |algorithm: &str, bits, curve| KeyFacts {
        algorithm: algorithm.to_string(),
        bits,
        curve,
        matches: None,
    };
    match r.peek()? {
        SEQUENCE => {
            // PKCS#8: AlgorithmIdentifier, then the key in an OCTET STRING.
            let mut alg = Reader(r.expect(SEQUENCE).ok()?);
            let oid = alg.read_oid().ok()?;
            let curve = alg
                .optional(OID)
                .ok()?
                .and_then(|c| crate::der::oid_to_string(c).ok());
            let inner = r.expect(OCTET_STRING).ok()?;
            match oid.as_str() {
                RSA_OID | "1.2.840.113549.1.1.10" => {
                    let bits = facts_of_private(inner).and_then(|f| f.bits);
                    Some(facts(&oid, bits, None))
                }
                EC_OID => {
                    let sec1 = facts_of_private(inner).and_then(|f| f.curve);
                    Some(facts(&oid, None, curve.or(sec1)))
                }
                _ => Some(facts(&oid, None, None)),
            }
        }
        INTEGER if version == [0] => {
            let modulus = r.read_integer().ok()?;
            let start = modulus.iter().position(|&b| b != 0)?;
            let m = &modulus[start..];
            let bits = (m.len() as u32 - 1) * 8 + (8 - m[0].leading_zeros());
            Some(facts(RSA_OID, Some(bits), None))
        }
        OCTET_STRING if version == [1] => {
            r.read_octets().ok()?;
            let curve = r
                .optional(0xa0)
                .ok()?
                .and_then(|p| Reader(p).read_oid().ok());
            Some(facts(EC_OID, None, curve))
        }
        _ => None,
    }
}

/// A key's entry: its chain (`path`, indexes into `certs`) and its
/// description, saying whether its public half is its certificate's key.
fn key_entry(
    key: RawKey,
    path: Vec<usize>,
    certs: &[RawCert],
    all: &[Option<CertFacts>],
) -> LoadedEntry {
    let own = path
        .first()
        .and_then(|&i| all.get(i))
        .and_then(Option::as_ref);
    let matches = match (&key.public, own) {
        (Some(p), Some(f)) => f.public.as_ref().map(|c| c == p),
        _ => None,
    };
    LoadedEntry {
        alias: key.alias,
        kind: EntryKind::PrivateKey,
        chain: path.into_iter().map(|i| certs[i].der.clone()).collect(),
        created_ms: key.created_ms,
        key: key.facts.map(|f| KeyFacts { matches, ..f }),
    }
}

/// A certificate found in a container, before chain building.
#[derive(Debug, Clone, Default)]
pub struct RawCert {
    /// DER bytes.
    pub der: Vec<u8>,
    /// friendlyName / alias as stored.
    pub alias: Option<String>,
    /// PKCS#12 localKeyId.
    pub local_key_id: Option<Vec<u8>>,
    /// Creation date stored by the container (ms since the epoch).
    pub created_ms: Option<i64>,
}

/// The part of a public key used to pair a private key with its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicMatch {
    /// RSA modulus, big-endian, without leading zeros.
    RsaModulus(Vec<u8>),
    /// Raw public key bytes as they appear in the certificate's
    /// subjectPublicKey BIT STRING (EC point, Ed25519 key, ...).
    Raw(Vec<u8>),
}

fn strip_zeros(b: &[u8]) -> Vec<u8> {
    let i = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b[i..].to_vec()
}

/// True when `der` is exactly one DER SEQUENCE (a plausible key structure).
pub fn is_der_sequence(der: &[u8]) -> bool {
    matches!(parse_der(der), Ok((rest, obj)) if rest.is_empty() && obj.as_sequence().is_ok())
}

/// Derives the matching data from a DER private key: PKCS#8 PrivateKeyInfo,
/// PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey. `None` when the key does not
/// carry its public half (e.g. an Ed25519 seed) or cannot be read.
pub fn public_of_private(der: &[u8]) -> Option<PublicMatch> {
    let (_, obj) = parse_der(der).ok()?;
    let items = obj.as_sequence().ok()?;
    // PKCS#8: INTEGER, SEQUENCE(alg), OCTET STRING, [0] attrs?, [1] publicKey?
    if items.len() >= 3 {
        if let (Ok(alg), Ok(inner)) = (items[1].as_sequence(), items[2].as_slice()) {
            if let Some(pk) = items.iter().skip(3).find_map(context_bitstring(1)) {
                return Some(PublicMatch::Raw(pk));
            }
            let oid = alg.first()?.as_oid().ok()?.to_id_string();
            return match oid.as_str() {
                "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => rsa_private(inner),
                "1.2.840.10045.2.1" => ec_private(inner),
                _ => None,
            };
        }
    }
    rsa_private(der).or_else(|| ec_private(der))
}

fn context_bitstring(tag: u32) -> impl Fn(&BerObject) -> Option<Vec<u8>> {
    move |o: &BerObject| {
        if o.header.tag().0 != tag || !o.header.is_contextspecific() {
            return None;
        }
        match &o.content {
            BerObjectContent::Unknown(any) => {
                // [n] EXPLICIT BIT STRING or IMPLICIT: take the BIT STRING body.
                let data = any.data;
                if let Ok((_, inner)) = parse_der(data) {
                    if let BerObjectContent::BitString(_, bits) = inner.content {
                        return Some(bits.data.to_vec());
                    }
                }
                data.split_first().map(|(_, rest)| rest.to_vec())
            }
            BerObjectContent::BitString(_, bits) => Some(bits.data.to_vec()),
            _ => None,
        }
    }
}

fn rsa_private(der: &[u8]) -> Option<PublicMatch> {
    let (_, obj) = parse_der(der).ok()?;
    let items = obj.as_sequence().ok()?;
    if items.len() < 9 {
        return None;
    }
    let modulus = items[1].as_slice().ok()?;
    Some(PublicMatch::RsaModulus(strip_zeros(modulus)))
}

fn ec_private(der: &[u8]) -> Option<PublicMatch> {
    let (_, obj) = parse_der(der).ok()?;
    let items = obj.as_sequence().ok()?;
    items
        .iter()
        .skip(2)
        .find_map(context_bitstring(1))
        .map(PublicMatch::Raw)
}

/// What chain building needs to know about one certificate.
struct CertFacts {
    subject: Vec<u8>,
    issuer: Vec<u8>,
    ski: Option<Vec<u8>>,
    aki: Option<Vec<u8>>,
    public: Option<PublicMatch>,
}

fn facts(der: &[u8]) -> Option<CertFacts> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let mut ski = None;
    let mut aki = None;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => ski = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                aki = a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => {}
        }
    }
    let spki = cert.public_key();
    let public = match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => Some(PublicMatch::RsaModulus(strip_zeros(rsa.modulus))),
        _ => Some(PublicMatch::Raw(spki.subject_public_key.data.to_vec())),
    };
    Some(CertFacts {
        subject: cert.subject().as_raw().to_vec(),
        issuer: cert.issuer().as_raw().to_vec(),
        ski,
        aki,
        public,
    })
}

/// Index of the certificate that issued `child`, among `all`, if any.
fn find_issuer(child: &CertFacts, all: &[Option<CertFacts>], skip: usize) -> Option<usize> {
    let mut by_name = None;
    for (i, f) in all.iter().enumerate() {
        let Some(f) = f else { continue };
        if i == skip || f.subject != child.issuer {
            continue;
        }
        match (&child.aki, &f.ski) {
            (Some(a), Some(s)) if a == s => return Some(i),
            (Some(_), Some(_)) => {}
            _ => {
                by_name.get_or_insert(i);
            }
        }
    }
    by_name
}

/// The certificates from `first` up its issuers, by index, until a
/// self-issued one, one not found, or a loop.
fn issuers_path(first: usize, all: &[Option<CertFacts>]) -> Vec<usize> {
    let mut path = vec![first];
    let mut cur = first;
    while let Some(f) = &all[cur] {
        if f.subject == f.issuer {
            break;
        }
        match find_issuer(f, all, cur) {
            Some(next) if !path.contains(&next) => {
                path.push(next);
                cur = next;
            }
            _ => break,
        }
    }
    path
}

/// Pairs keys with certificates and builds one entry per key, then one
/// `trustedCertEntry` per certificate left over, in container order.
/// Aliases are kept as stored (`None` when absent); the caller names and sorts.
/// `Err(limit)` when the entries would hold more than `limit` certificates
/// (K keys sharing an L-certificate chain hold K×L): stopped before they are
/// made.
pub fn build_entries(
    keys: Vec<RawKey>,
    certs: Vec<RawCert>,
    limit: usize,
) -> Result<Vec<LoadedEntry>, usize> {
    // Without keys there is no chain to build: skip parsing every certificate
    // (a CA bundle of 100,000 certificates would otherwise be parsed twice).
    let all: Vec<Option<CertFacts>> = if keys.is_empty() {
        Vec::new()
    } else {
        certs.iter().map(|c| facts(&c.der)).collect()
    };
    let mut used = vec![false; certs.len()];
    // The chains as indices first: the limit is checked before any
    // certificate is copied into a chain.
    let mut paths = Vec::with_capacity(keys.len());
    let mut held = 0;
    for key in keys {
        let by_id = key.local_key_id.as_ref().and_then(|id| {
            certs
                .iter()
                .position(|c| c.local_key_id.as_ref() == Some(id))
        });
        let by_public = || {
            key.public.as_ref().and_then(|p| {
                all.iter()
                    .position(|f| f.as_ref().and_then(|f| f.public.as_ref()) == Some(p))
            })
        };
        // A key whose public half cannot be derived (an Ed25519 seed, an
        // encrypted PEM key) takes the first certificate no other key took.
        let fallback = || {
            if key.public.is_none() && key.local_key_id.is_none() {
                used.iter().position(|u| !u)
            } else {
                None
            }
        };
        let path = by_id
            .or_else(by_public)
            .or_else(fallback)
            .map_or_else(Vec::new, |first| issuers_path(first, &all));
        held += path.len();
        if held > limit {
            return Err(limit);
        }
        for &i in &path {
            used[i] = true;
        }
        paths.push((key, path));
    }
    if held + used.iter().filter(|u| !**u).count() > limit {
        return Err(limit);
    }
    let mut entries: Vec<LoadedEntry> = paths
        .into_iter()
        .map(|(key, path)| key_entry(key, path, &certs, &all))
        .collect();
    for (i, c) in certs.into_iter().enumerate() {
        if !used[i] {
            entries.push(LoadedEntry {
                alias: c.alias,
                kind: EntryKind::TrustedCert,
                chain: vec![c.der],
                created_ms: c.created_ms,
                key: None,
            });
        }
    }
    Ok(entries)
}
