//! Trust: whether certificates were signed by their issuers, and (later)
//! whether a chain builds to a trust anchor. It judges bytes the model kept;
//! it reads no files and formats nothing for output.

mod constraints;
mod keys;
pub mod ocsp;
pub mod path;
pub mod revocation;
pub mod signature;

pub use path::{Problem, TrustSet};
pub use revocation::Revocation;
pub use signature::{verify, SigCheck};

use crate::model::CertRecord;

/// Whether `issuer` is named as `child`'s issuer: the names chain and, when
/// both carry them, the authority and subject key ids agree.
pub fn issued_by(child: &CertRecord, issuer: &CertRecord) -> bool {
    child.issuer_raw == issuer.subject_raw
        && match (&child.aki, &issuer.ski) {
            (Some(a), Some(s)) => a == s,
            _ => true,
        }
}

/// Whether `issuer`'s key made `c`'s signature.
pub fn signed_by(c: &CertRecord, issuer: &CertRecord) -> SigCheck {
    match (&c.signed, &issuer.signed) {
        (Some(s), Some(i)) => verify(s.tbs(), s.algorithm(), s.signature(), i.spki()),
        _ => SigCheck::Unverifiable("certificates read without their bytes".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{build_keeping, Keep};

    /// Every self-signed sample checked against its own key.
    fn self_checks(dir: &str) -> Vec<(String, SigCheck)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut names: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pem"))
            .collect();
        names.sort();
        let mut out = Vec::new();
        for p in names {
            let loaded =
                crate::load::load_bytes(&std::fs::read(&p).unwrap(), &Default::default()).unwrap();
            let (records, _) = build_keeping(loaded.entries, "t", 0, 0, Keep::Signed);
            let c = &records[0].chain[0];
            let s = c.signed.as_ref().unwrap();
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((
                name,
                verify(s.tbs(), s.algorithm(), s.signature(), s.spki()),
            ));
        }
        out
    }

    #[test]
    fn every_sample_signature_algorithm_verifies() {
        for (name, check) in self_checks("samples/pem/sigalg") {
            assert_eq!(check, SigCheck::Verified, "{name}");
        }
    }

    #[test]
    fn self_signed_keys_verify_or_say_why_not() {
        let unverifiable = [
            (
                "ec-brainpoolp256r1",
                "ECDSA on the curve 1.3.36.3.3.2.8.1.1.7",
            ),
            ("ec-explicit-p256", "an EC key with explicit parameters"),
            ("ec-p224", "ECDSA on the curve 1.3.132.0.33"),
            ("ec-secp256k1", "ECDSA on the curve 1.3.132.0.10"),
            (
                "ed448",
                "Ed448 signatures (no stable Rust crate verifies them)",
            ),
        ];
        for (name, check) in self_checks("samples/pem/keys") {
            let want = match unverifiable.iter().find(|(n, _)| *n == name) {
                Some((_, why)) => SigCheck::Unverifiable(why.to_string()),
                // Certified by the root: not signed with their own (XDH) keys.
                None if name.starts_with('x') => {
                    let key = if name == "x25519" {
                        "1.3.101.110"
                    } else {
                        "1.3.101.111"
                    };
                    SigCheck::Bad(format!("an RSA signature, but the issuer's key is {key}"))
                }
                None => SigCheck::Verified,
            };
            assert_eq!(check, want, "{name}");
        }
    }

    #[test]
    fn an_altered_certificate_does_not_verify() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in [
            "sha256-rsa",
            "sha256-ecdsa",
            "sha256-dsa",
            "rsapss-sha256-sig",
        ] {
            let pem = std::fs::read(root.join(format!("samples/pem/sigalg/{name}.pem"))).unwrap();
            let loaded = crate::load::load_bytes(&pem, &Default::default()).unwrap();
            let (records, _) = build_keeping(loaded.entries, "t", 0, 0, Keep::Signed);
            let s = records[0].chain[0].signed.clone().unwrap();
            let mut tbs = s.tbs().to_vec();
            let last = tbs.len() - 1;
            tbs[last] ^= 1;
            let check = verify(&tbs, s.algorithm(), s.signature(), s.spki());
            assert!(matches!(check, SigCheck::Bad(_)), "{name}: {check:?}");
        }
        let ed = std::fs::read(root.join("samples/pem/keys/ed25519.pem")).unwrap();
        let loaded = crate::load::load_bytes(&ed, &Default::default()).unwrap();
        let (records, _) = build_keeping(loaded.entries, "t", 0, 0, Keep::Signed);
        let s = records[0].chain[0].signed.clone().unwrap();
        let check = verify(&s.tbs()[1..], s.algorithm(), s.signature(), s.spki());
        assert!(matches!(check, SigCheck::Bad(_)), "{check:?}");
    }
}
