//! The verifying half of each public-key algorithm: an issuer key from its
//! SubjectPublicKeyInfo parts, and one signature checked with it.

use super::signature::{Hash, Padding};
use crate::der::Reader;
use rsa::{BoxedUint, Pkcs1v15Sign, PublicKey};

/// Why a key could not check a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum KeyError {
    /// The issuer's key cannot have made this signature (another algorithm,
    /// or not a key at all).
    Mismatch(String),
    /// A key certinfo cannot use (size, curve).
    Unsupported(String),
}

/// `Ok(true)` when the signature verifies, `Ok(false)` when it does not.
type Checked = Result<bool, KeyError>;

const RSA: &str = "1.2.840.113549.1.1.1";
const RSA_PSS: &str = "1.2.840.113549.1.1.10";
const EC: &str = "1.2.840.10045.2.1";
const ED25519: &str = "1.3.101.112";
const DSA: &str = "1.2.840.10040.4.1";

fn mismatch(scheme: &str, key_oid: &str) -> KeyError {
    let key = match key_oid {
        RSA | RSA_PSS => "RSA",
        EC => "EC",
        ED25519 => "Ed25519",
        DSA => "DSA",
        "1.3.101.113" => "Ed448",
        other => other,
    };
    KeyError::Mismatch(format!(
        "an {scheme} signature, but the issuer's key is {key}"
    ))
}

fn unreadable(what: &str) -> KeyError {
    KeyError::Mismatch(format!("the issuer's {what} key cannot be read"))
}

/// An unsigned INTEGER's magnitude as a big number.
fn uint(bytes: &[u8]) -> Option<BoxedUint> {
    let i = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = bytes.get(i..)?;
    let bits = u32::try_from(digits.len().max(1).checked_mul(8)?.next_multiple_of(64)).ok()?;
    BoxedUint::from_be_slice(digits, bits).ok()
}

/// RSA, PKCS#1 v1.5 or PSS; keys of 512 to 16,384 bits.
pub(super) fn rsa(
    key_oid: &str,
    key: &[u8],
    padding: Padding,
    signed: &[u8],
    sig: &[u8],
) -> Checked {
    if key_oid != RSA && key_oid != RSA_PSS {
        return Err(mismatch("RSA", key_oid));
    }
    let mut r = Reader(Reader(key).expect(0x30).map_err(|_| unreadable("RSA"))?);
    let (n, e) = match (r.read_integer(), r.read_integer()) {
        (Ok(n), Ok(e)) => (n, e),
        _ => return Err(unreadable("RSA")),
    };
    let (Some(n), Some(e)) = (uint(n), uint(e)) else {
        return Err(unreadable("RSA"));
    };
    let bits = n.bit_width();
    let key = PublicKey::new_with_size_limits(n, e, 512..=16_384)
        .map_err(|_| KeyError::Unsupported(format!("an RSA key of {bits} bits")))?;
    Ok(match padding {
        Padding::Pkcs1(h) => key.verify(pkcs1(h), &h.digest(signed), sig).is_ok(),
        Padding::Pss(h, salt) => pss(&key, h, salt, &h.digest(signed), sig),
    })
}

fn pkcs1(h: Hash) -> Pkcs1v15Sign {
    crate::with_hash!(h, D => Pkcs1v15Sign::new::<D>())
}

fn pss(key: &PublicKey, h: Hash, salt: usize, digest: &[u8], sig: &[u8]) -> bool {
    use rsa::pss::Pss;
    crate::with_hash!(h, D => key.verify(Pss::<D>::new_with_salt(salt), digest, sig)).is_ok()
}

/// One NIST curve's ECDSA check over a digest (truncated to the curve as the
/// standard says).
macro_rules! ecdsa_on {
    ($curve:ident, $point:expr, $digest:expr, $sig:expr) => {{
        use $curve::ecdsa::signature::hazmat::PrehashVerifier;
        let key =
            $curve::ecdsa::VerifyingKey::from_sec1_bytes($point).map_err(|_| unreadable("EC"))?;
        match $curve::ecdsa::Signature::from_der($sig) {
            Ok(s) => key.verify_prehash($digest, &s).is_ok(),
            Err(_) => false,
        }
    }};
}

/// ECDSA on P-256, P-384 or P-521.
pub(super) fn ecdsa(
    key_oid: &str,
    params: &[u8],
    point: &[u8],
    digest: &[u8],
    sig: &[u8],
) -> Checked {
    if key_oid != EC {
        return Err(mismatch("ECDSA", key_oid));
    }
    let curve = Reader(params)
        .read_oid()
        .map_err(|_| KeyError::Unsupported("an EC key with explicit parameters".into()))?;
    Ok(match curve.as_str() {
        "1.2.840.10045.3.1.7" => ecdsa_on!(p256, point, digest, sig),
        "1.3.132.0.34" => ecdsa_on!(p384, point, digest, sig),
        "1.3.132.0.35" => ecdsa_on!(p521, point, digest, sig),
        other => return Err(KeyError::Unsupported(format!("ECDSA on the curve {other}"))),
    })
}

/// Ed25519 (RFC 8032), over the signed bytes themselves.
pub(super) fn ed25519(key_oid: &str, key: &[u8], signed: &[u8], sig: &[u8]) -> Checked {
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};
    if key_oid != ED25519 {
        return Err(mismatch("Ed25519", key_oid));
    }
    let key: &[u8; 32] = key.try_into().map_err(|_| unreadable("Ed25519"))?;
    let key = VerifyingKey::from_bytes(key).map_err(|_| unreadable("Ed25519"))?;
    Ok(match Signature::from_slice(sig) {
        Ok(s) => key.verify(signed, &s).is_ok(),
        Err(_) => false,
    })
}

/// DSA with (p, q, g) of 1024/160, 2048/224, 2048/256 or 3072/256 bits.
pub(super) fn dsa(key_oid: &str, params: &[u8], key: &[u8], digest: &[u8], sig: &[u8]) -> Checked {
    use dsa::signature::hazmat::PrehashVerifier;
    if key_oid != DSA {
        return Err(mismatch("DSA", key_oid));
    }
    let mut p = Reader(Reader(params).expect(0x30).map_err(|_| unreadable("DSA"))?);
    let ints = [p.read_integer(), p.read_integer(), p.read_integer()];
    let y = Reader(key).read_integer();
    let (Ok(pp), Ok(q), Ok(g), Ok(y)) = (&ints[0], &ints[1], &ints[2], y) else {
        return Err(unreadable("DSA"));
    };
    let (Some(pp), Some(q), Some(g), Some(y)) = (uint(pp), uint(q), uint(g), uint(y)) else {
        return Err(unreadable("DSA"));
    };
    let bits = pp.bit_width();
    let components = dsa::Components::from_components(pp, q, g)
        .map_err(|_| KeyError::Unsupported(format!("a DSA key of {bits} bits")))?;
    let key = dsa::VerifyingKey::from_components(components, y).map_err(|_| unreadable("DSA"))?;
    Ok(match dsa::Signature::try_from(sig) {
        Ok(s) => key.verify_prehash(digest, &s).is_ok(),
        Err(_) => false,
    })
}
