//! The PFX integrity check (MacData, PBMAC1); it decrypts nothing.

use super::*;

pub(super) enum MacKind<'a> {
    /// RFC 7292: HMAC keyed by the PKCS#12 KDF (ID 3) over a BMP password.
    Hmac {
        hash: Hash,
        salt: &'a [u8],
        iter: u64,
    },
    /// RFC 9579 PBMAC1: HMAC keyed by PBKDF2 over the UTF-8 password.
    Pbmac1 {
        kdf: Pbkdf2<'a>,
        hmac: Hash,
        key_len: usize,
    },
}

pub(super) struct MacData<'a> {
    pub(super) kind: MacKind<'a>,
    pub(super) digest: &'a [u8],
}

impl<'a> MacData<'a> {
    pub(super) fn parse(body: &'a [u8]) -> Result<MacData<'a>, LoadError> {
        let mal = |e: String| LoadError::malformed(FMT, format!("MAC data: {e}"));
        let mut r = Der(body);
        let digest_info = r.expect(0x30, "DigestInfo").map_err(mal)?;
        let salt = r.expect(0x04, "MAC salt").map_err(mal)?;
        let iter = match r.optional(0x02).map_err(mal)? {
            Some(i) => uint(i).map_err(mal)?,
            None => 1,
        };
        let mut d = Der(digest_info);
        let alg = d.expect(0x30, "digest algorithm").map_err(mal)?;
        let digest = d.expect(0x04, "digest").map_err(mal)?;
        let (oid, params) = algorithm(alg).map_err(mal)?;
        let kind = if oid == OID_PBMAC1 {
            let body = match params {
                Some((0x30, body)) => body,
                _ => return Err(mal("PBMAC1 parameters are not a SEQUENCE".into())),
            };
            let mut p = Der(body);
            let kdf = p
                .expect(0x30, "PBMAC1 key derivation function")
                .map_err(mal)?;
            let scheme = p
                .expect(0x30, "PBMAC1 message authentication scheme")
                .map_err(mal)?;
            let kdf = Pbkdf2::parse(kdf).map_err(|e| match e {
                SchemeError::Malformed(m) => mal(m),
                SchemeError::Unsupported(what) => unsupported(format!("MAC: {what}")),
            })?;
            let (hmac_oid, _) = algorithm(scheme).map_err(mal)?;
            let hmac = Hash::from_hmac_oid(&hmac_oid)
                .ok_or_else(|| unsupported(format!("PBMAC1 MAC {}", named(&hmac_oid))))?;
            // RFC 9579 section 3: keyLength is required.
            let key_len = match kdf.key_len {
                Some(n) if (1..=1024).contains(&n) => n as usize,
                Some(n) => return Err(mal(format!("PBMAC1 key length {n}"))),
                None => return Err(mal("PBMAC1 without a PBKDF2 keyLength (RFC 9579)".into())),
            };
            MacKind::Pbmac1 { kdf, hmac, key_len }
        } else {
            let hash = Hash::of_digest_oid(&oid)
                .ok_or_else(|| unsupported(format!("MAC algorithm {}", named(&oid))))?;
            MacKind::Hmac { hash, salt, iter }
        };
        Ok(MacData { kind, digest })
    }

    pub(super) fn iterations(&self) -> u64 {
        match &self.kind {
            MacKind::Hmac { iter, .. } => *iter,
            MacKind::Pbmac1 { kdf, .. } => kdf.iter,
        }
    }

    /// Hash blocks one MAC check with a `pass`-byte password costs: the
    /// PKCS#12 KDF derives one hash output; PBKDF2 runs its count once per
    /// output block, so a long PBMAC1 keyLength multiplies the work (1024
    /// bytes over HMAC-SHA1 is 52 blocks).
    pub(super) fn work(&self, pass: usize) -> u64 {
        match &self.kind {
            MacKind::Hmac { hash, salt, iter } => {
                hash.pkcs12_kdf_work(pass, salt.len(), *iter, hash.out_len())
            }
            MacKind::Pbmac1 { kdf, key_len, .. } => {
                kdf.prf
                    .pbkdf2_work(pass, kdf.salt.len(), kdf.iter, *key_len)
            }
        }
    }

    pub(super) fn encoding(&self) -> PwEncoding {
        match self.kind {
            MacKind::Hmac { .. } => PwEncoding::Bmp,
            MacKind::Pbmac1 { .. } => PwEncoding::Utf8,
        }
    }

    pub(super) fn describe(&self) -> String {
        match &self.kind {
            MacKind::Hmac { hash, salt, iter } => format!(
                "MAC: HMAC-{}, {iter} iterations, salt {} bytes",
                hash.name(),
                salt.len()
            ),
            MacKind::Pbmac1 { kdf, hmac, .. } => format!(
                "MAC: PBMAC1 (PBKDF2-HMAC-{}, {} iterations, salt {} bytes, HMAC-{})",
                kdf.prf.name(),
                kdf.iter,
                kdf.salt.len(),
                hmac.name()
            ),
        }
    }

    pub(super) fn verify(&self, cand: &Candidate<'_>, data: &[u8]) -> bool {
        match &self.kind {
            MacKind::Hmac { hash, salt, iter } => {
                let Ok(iter) = u32::try_from(*iter) else {
                    return false;
                };
                let key = hash.pkcs12_kdf(&cand.bmp(), salt, 3, iter, hash.out_len());
                hash.hmac_verify(&key, data, self.digest)
            }
            MacKind::Pbmac1 { kdf, hmac, key_len } => {
                let Ok(iter) = u32::try_from(kdf.iter) else {
                    return false;
                };
                let mut key = zeroize::Zeroizing::new(vec![0u8; *key_len]);
                kdf.prf.pbkdf2(cand.utf8(), kdf.salt, iter, &mut key);
                hmac.hmac_verify(&key, data, self.digest)
            }
        }
    }
}
