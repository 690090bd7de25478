//! Public key algorithm and size, as Java's `PublicKey.getAlgorithm()` and
//! `KeyUtil.getKeySize()` report them. It reads the SubjectPublicKeyInfo
//! only and makes no display strings.

use std::borrow::Cow;
use x509_parser::asn1_rs::{Any, FromDer, Tag};
use x509_parser::der_parser::ber::BerObject;
use x509_parser::der_parser::parse_der;
use x509_parser::x509::SubjectPublicKeyInfo;

/// The subject's public key, reduced to what the layouts show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// Java's algorithm name (`RSA`, `EC`, …) or the dotted OID.
    pub algorithm: Cow<'static, str>,
    /// Java's key size in bits, or -1 when unknown.
    pub bits: i64,
    /// For EC keys, the named curve OID when there is one.
    pub curve: Option<Cow<'static, str>>,
}

/// Bit length of a big-endian unsigned integer.
pub fn bit_len(b: &[u8]) -> i64 {
    match b.iter().position(|&x| x != 0) {
        None => 0,
        Some(i) => ((b.len() - i - 1) * 8) as i64 + (8 - b[i].leading_zeros()) as i64,
    }
}

/// Curve order bit lengths of the named curves in Java's CurveDB.
fn curve_order_bits(oid: &str) -> Option<i64> {
    Some(match oid {
        "1.3.132.0.6" => 112,           // secp112r1
        "1.3.132.0.7" => 110,           // secp112r2
        "1.3.132.0.28" => 128,          // secp128r1
        "1.3.132.0.29" => 126,          // secp128r2
        "1.3.132.0.9" => 161,           // secp160k1
        "1.3.132.0.8" => 161,           // secp160r1
        "1.3.132.0.30" => 161,          // secp160r2
        "1.3.132.0.31" => 192,          // secp192k1
        "1.2.840.10045.3.1.1" => 192,   // secp192r1
        "1.3.132.0.32" => 225,          // secp224k1
        "1.3.132.0.33" => 224,          // secp224r1
        "1.3.132.0.10" => 256,          // secp256k1
        "1.2.840.10045.3.1.7" => 256,   // secp256r1
        "1.3.132.0.34" => 384,          // secp384r1
        "1.3.132.0.35" => 521,          // secp521r1
        "1.2.840.10045.3.1.2" => 192,   // prime192v2
        "1.2.840.10045.3.1.3" => 192,   // prime192v3
        "1.2.840.10045.3.1.4" => 239,   // prime239v1
        "1.2.840.10045.3.1.5" => 239,   // prime239v2
        "1.2.840.10045.3.1.6" => 239,   // prime239v3
        "1.3.132.0.4" => 113,           // sect113r1
        "1.3.132.0.5" => 113,           // sect113r2
        "1.3.132.0.22" => 131,          // sect131r1
        "1.3.132.0.23" => 131,          // sect131r2
        "1.3.132.0.1" => 163,           // sect163k1
        "1.3.132.0.2" => 162,           // sect163r1
        "1.3.132.0.15" => 163,          // sect163r2
        "1.3.132.0.24" => 193,          // sect193r1
        "1.3.132.0.25" => 193,          // sect193r2
        "1.3.132.0.26" => 232,          // sect233k1
        "1.3.132.0.27" => 233,          // sect233r1
        "1.3.132.0.3" => 238,           // sect239k1
        "1.3.132.0.16" => 281,          // sect283k1
        "1.3.132.0.17" => 282,          // sect283r1
        "1.3.132.0.36" => 407,          // sect409k1
        "1.3.132.0.37" => 409,          // sect409r1
        "1.3.132.0.38" => 570,          // sect571k1
        "1.3.132.0.39" => 570,          // sect571r1
        "1.3.36.3.3.2.8.1.1.1" => 160,  // brainpoolP160r1
        "1.3.36.3.3.2.8.1.1.3" => 192,  // brainpoolP192r1
        "1.3.36.3.3.2.8.1.1.5" => 224,  // brainpoolP224r1
        "1.3.36.3.3.2.8.1.1.7" => 256,  // brainpoolP256r1
        "1.3.36.3.3.2.8.1.1.9" => 320,  // brainpoolP320r1
        "1.3.36.3.3.2.8.1.1.11" => 384, // brainpoolP384r1
        "1.3.36.3.3.2.8.1.1.13" => 512, // brainpoolP512r1
        _ => return None,
    })
}

fn ints(obj: &BerObject<'_>) -> Vec<Vec<u8>> {
    obj.as_sequence()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_slice().ok().map(<[u8]>::to_vec))
                .collect()
        })
        .unwrap_or_default()
}

/// The first INTEGER of a DER SEQUENCE (an RSA key's modulus), read in
/// place: the general BER parser built a tree and a copy of every integer
/// for each certificate.
fn first_integer(der: &[u8]) -> Option<&[u8]> {
    let (_, seq) = Any::from_der(der).ok()?;
    if seq.tag() != Tag::Sequence {
        return None;
    }
    let (_, int) = Any::from_der(seq.data).ok()?;
    (int.tag() == Tag::Integer).then_some(int.data)
}

/// Derives [`KeyInfo`] from a SubjectPublicKeyInfo.
pub fn key_info(spki: &SubjectPublicKeyInfo<'_>) -> KeyInfo {
    let oid = crate::model::name::oid_str(&spki.algorithm.algorithm);
    let params = spki.algorithm.parameters.as_ref();
    let key_bytes: &[u8] = &spki.subject_public_key.data;
    let rsa_bits = || first_integer(key_bytes).map(bit_len).unwrap_or(-1);
    let name = |n: &'static str| Cow::Borrowed(n);
    let (algorithm, bits, curve) = match &*oid {
        "1.2.840.113549.1.1.1" => (name("RSA"), rsa_bits(), None),
        "1.2.840.113549.1.1.10" => (name("RSASSA-PSS"), rsa_bits(), None),
        "1.2.840.10040.4.1" | "1.3.14.3.2.12" => {
            let bits = params
                .map(|p| crate::model::name::encode_any(p))
                .and_then(|raw| parse_der(&raw).ok().map(|(_, o)| ints(&o)))
                .and_then(|v| v.first().map(|p| bit_len(p)))
                .unwrap_or(-1);
            (name("DSA"), bits, None)
        }
        "1.2.840.113549.1.3.1" | "1.2.840.10046.2.1" => {
            let bits = params
                .map(|p| crate::model::name::encode_any(p))
                .and_then(|raw| parse_der(&raw).ok().map(|(_, o)| ints(&o)))
                .and_then(|v| v.first().map(|p| bit_len(p)))
                .unwrap_or(-1);
            (name("DH"), bits, None)
        }
        "1.2.840.10045.2.1" => match params {
            // namedCurve: the usual case, read without re-encoding.
            Some(p) if p.tag() == Tag::Oid && !p.header.is_constructed() => match p.clone().oid() {
                Ok(c) => {
                    let curve = crate::model::name::oid_str(&c);
                    let bits = curve_order_bits(&curve).unwrap_or(-1);
                    (name("EC"), bits, Some(curve))
                }
                Err(_) => (name("EC"), -1, None),
            },
            _ => {
                let raw = params.map(|p| crate::model::name::encode_any(p));
                let parsed = raw.as_deref().and_then(|r| parse_der(r).ok().map(|x| x.1));
                match parsed {
                    Some(o) if o.as_oid().is_ok() => {
                        let curve = o
                            .as_oid()
                            .map(|c| super::name::oid_str(c).into_owned())
                            .unwrap_or_default();
                        let bits = curve_order_bits(&curve).unwrap_or(-1);
                        (name("EC"), bits, Some(Cow::Owned(curve)))
                    }
                    // SpecifiedECDomain: version, fieldID, curve, base, order, cofactor?
                    Some(o) => {
                        let bits = o
                            .as_sequence()
                            .ok()
                            .and_then(|s| s.get(4).and_then(|x| x.as_slice().ok().map(bit_len)))
                            .unwrap_or(-1);
                        (name("EC"), bits, None)
                    }
                    None => (name("EC"), -1, None),
                }
            }
        },
        "1.3.101.112" => (name("EdDSA"), 255, None),
        "1.3.101.113" => (name("EdDSA"), 448, None),
        "1.3.101.110" => (name("XDH"), 255, None),
        "1.3.101.111" => (name("XDH"), 448, None),
        _ => (oid.clone(), -1, None),
    };
    KeyInfo {
        algorithm,
        bits,
        curve,
    }
}
