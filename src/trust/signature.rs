//! Whether an issuer's key made a signature: certificates (and CRLs) are
//! `signed bytes + AlgorithmIdentifier + BIT STRING`, checked against the
//! issuer's SubjectPublicKeyInfo. RustCrypto verifies (`rsa`, `p256`, `p384`,
//! `p521`, `ed25519-dalek`, `dsa`); what none of them verifies — Ed448 (no
//! stable crate), other curves, MD2, GOST — is [`SigCheck::Unverifiable`],
//! never a pass and never "forged".

use crate::der::Reader;
pub(super) use crate::hash::Hash;

/// The outcome of checking one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigCheck {
    /// The issuer's key made this signature over these bytes.
    Verified,
    /// It did not (forged, altered, or made by another key): why.
    Bad(String),
    /// certinfo cannot check it: what is not supported.
    Unverifiable(String),
}

/// How an RSA signature is padded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Padding {
    /// PKCS#1 v1.5 with this hash.
    Pkcs1(Hash),
    /// PSS with this hash (also MGF1's) and salt length.
    Pss(Hash, usize),
}

/// How a signature is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Rsa(Padding),
    Ecdsa(Hash),
    Ed25519,
    Dsa(Hash),
}

/// The scheme of a signature algorithm OID and its parameters' encoding;
/// `Err` names what is not supported.
fn scheme(oid: &str, params: &[u8]) -> Result<Scheme, String> {
    use Hash::*;
    Ok(match oid {
        "1.2.840.113549.1.1.4" => Scheme::Rsa(Padding::Pkcs1(Md5)),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => Scheme::Rsa(Padding::Pkcs1(Sha1)),
        "1.2.840.113549.1.1.14" => Scheme::Rsa(Padding::Pkcs1(Sha224)),
        "1.2.840.113549.1.1.11" => Scheme::Rsa(Padding::Pkcs1(Sha256)),
        "1.2.840.113549.1.1.12" => Scheme::Rsa(Padding::Pkcs1(Sha384)),
        "1.2.840.113549.1.1.13" => Scheme::Rsa(Padding::Pkcs1(Sha512)),
        "2.16.840.1.101.3.4.3.13" => Scheme::Rsa(Padding::Pkcs1(Sha3_224)),
        "2.16.840.1.101.3.4.3.14" => Scheme::Rsa(Padding::Pkcs1(Sha3_256)),
        "2.16.840.1.101.3.4.3.15" => Scheme::Rsa(Padding::Pkcs1(Sha3_384)),
        "2.16.840.1.101.3.4.3.16" => Scheme::Rsa(Padding::Pkcs1(Sha3_512)),
        "1.2.840.113549.1.1.10" => pss(params)?,
        "1.2.840.10045.4.1" => Scheme::Ecdsa(Sha1),
        "1.2.840.10045.4.3.1" => Scheme::Ecdsa(Sha224),
        "1.2.840.10045.4.3.2" => Scheme::Ecdsa(Sha256),
        "1.2.840.10045.4.3.3" => Scheme::Ecdsa(Sha384),
        "1.2.840.10045.4.3.4" => Scheme::Ecdsa(Sha512),
        "2.16.840.1.101.3.4.3.9" => Scheme::Ecdsa(Sha3_224),
        "2.16.840.1.101.3.4.3.10" => Scheme::Ecdsa(Sha3_256),
        "2.16.840.1.101.3.4.3.11" => Scheme::Ecdsa(Sha3_384),
        "2.16.840.1.101.3.4.3.12" => Scheme::Ecdsa(Sha3_512),
        "1.3.101.112" => Scheme::Ed25519,
        "1.2.840.10040.4.3" | "1.3.14.3.2.27" => Scheme::Dsa(Sha1),
        "2.16.840.1.101.3.4.3.1" => Scheme::Dsa(Sha224),
        "2.16.840.1.101.3.4.3.2" => Scheme::Dsa(Sha256),
        "2.16.840.1.101.3.4.3.3" => Scheme::Dsa(Sha384),
        "2.16.840.1.101.3.4.3.4" => Scheme::Dsa(Sha512),
        "1.3.101.113" => return Err("Ed448 signatures (no stable Rust crate verifies them)".into()),
        other => return Err(format!("{} signatures", crate::java::sig_alg_name(other))),
    })
}

/// RSASSA-PSS-params: hash [0] (SHA-1), mask generation [1] (MGF1 with the
/// hash), salt length [2] (20), trailer [3] (1). A mask hash other than the
/// signature's is not supported.
fn pss(params: &[u8]) -> Result<Scheme, String> {
    let bad = || "RSASSA-PSS with unreadable parameters".to_string();
    let mut hash = Hash::Sha1;
    let mut mgf_hash = Hash::Sha1;
    let mut salt = 20usize;
    let mut r = Reader(params);
    let seq = match r.optional(0x30).map_err(|_| bad())? {
        Some(seq) => seq,
        None => &[],
    };
    let mut r = Reader(seq);
    while !r.is_empty() {
        let (tag, body) = r.read().map_err(|_| bad())?;
        match tag {
            0xa0 => hash = digest_of(Reader(body).expect(0x30).map_err(|_| bad())?)?,
            0xa1 => {
                let mut m = Reader(Reader(body).expect(0x30).map_err(|_| bad())?);
                let oid = m.read_oid().map_err(|_| bad())?;
                if oid != "1.2.840.113549.1.1.8" {
                    return Err(format!("RSASSA-PSS with mask generation {oid}"));
                }
                mgf_hash = digest_of(m.expect(0x30).map_err(|_| bad())?)?;
            }
            0xa2 => {
                let n = Reader(body).read_integer().map_err(|_| bad())?;
                salt = n
                    .iter()
                    .try_fold(0usize, |a, &b| {
                        a.checked_mul(256).map(|a| a + usize::from(b))
                    })
                    .filter(|&s| s <= 1024)
                    .ok_or_else(bad)?;
            }
            0xa3 => {}
            _ => return Err(bad()),
        }
    }
    if mgf_hash != hash {
        return Err("RSASSA-PSS whose MGF1 hash differs from its hash".into());
    }
    Ok(Scheme::Rsa(Padding::Pss(hash, salt)))
}

/// The hash of a digest AlgorithmIdentifier's contents.
fn digest_of(alg: &[u8]) -> Result<Hash, String> {
    let oid = Reader(alg)
        .read_oid()
        .map_err(|_| "an unreadable digest algorithm".to_string())?;
    Hash::of_digest_oid(&oid).ok_or_else(|| format!("the digest algorithm {oid}"))
}

/// An AlgorithmIdentifier element: its OID and its parameters' encoding.
fn algorithm(element: &[u8]) -> Option<(String, &[u8])> {
    let mut r = Reader(Reader(element).expect(0x30).ok()?);
    let oid = r.read_oid().ok()?;
    Some((oid, r.rest()))
}

/// A SubjectPublicKeyInfo element: its algorithm OID, parameters and key bits.
fn public_key(spki: &[u8]) -> Option<(String, &[u8], &[u8])> {
    let mut r = Reader(Reader(spki).expect(0x30).ok()?);
    let (alg_tag, alg) = r.read().ok()?;
    let bits = r.expect(0x03).ok()?;
    if alg_tag != 0x30 {
        return None;
    }
    let mut a = Reader(alg);
    let oid = a.read_oid().ok()?;
    match bits.split_first() {
        Some((0, key)) => Some((oid, a.rest(), key)),
        _ => None,
    }
}

/// Checks `signature` (a BIT STRING's contents) over `signed`, made with the
/// AlgorithmIdentifier element `alg`, against the issuer's SubjectPublicKeyInfo.
pub fn verify(signed: &[u8], alg: &[u8], signature: &[u8], issuer_spki: &[u8]) -> SigCheck {
    let Some((oid, params)) = algorithm(alg) else {
        return SigCheck::Bad("its signature algorithm cannot be read".into());
    };
    let scheme = match scheme(&oid, params) {
        Ok(s) => s,
        Err(what) => return SigCheck::Unverifiable(what),
    };
    let Some(sig) = signature.strip_prefix(&[0]) else {
        return SigCheck::Bad("its signature is not a whole number of bytes".into());
    };
    let Some((key_oid, key_params, key)) = public_key(issuer_spki) else {
        return SigCheck::Unverifiable("an issuer key that cannot be read".into());
    };
    let result = match scheme {
        Scheme::Rsa(padding) => super::keys::rsa(&key_oid, key, padding, signed, sig),
        Scheme::Ecdsa(h) => super::keys::ecdsa(&key_oid, key_params, key, &h.digest(signed), sig),
        Scheme::Ed25519 => super::keys::ed25519(&key_oid, key, signed, sig),
        Scheme::Dsa(h) => super::keys::dsa(&key_oid, key_params, key, &h.digest(signed), sig),
    };
    match result {
        Ok(true) => SigCheck::Verified,
        Ok(false) => SigCheck::Bad("its signature does not verify with the issuer's key".into()),
        Err(super::keys::KeyError::Mismatch(what)) => SigCheck::Bad(what),
        Err(super::keys::KeyError::Unsupported(what)) => SigCheck::Unverifiable(what),
    }
}
