//! Passwords, hashes, the PKCS#12 KDF, PBKDF2 and the PBES1/PBES2 ciphers;
//! it reads only algorithm parameters and never shows a password.

use super::*;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt, InnerIvInit, KeyInit, StreamCipher};
use hmac::{Hmac, Mac};
use zeroize::{Zeroize, Zeroizing};

/// How a password candidate is spelled. Never holds or shows the secret itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PwForm {
    /// The user's non-empty password.
    Given,
    /// The empty password, BMP-encoded as the `00 00` terminator alone.
    EmptyBmp,
    /// The NULL password: zero bytes, no terminator.
    Null,
}

impl PwForm {
    pub(super) fn label(self) -> &'static str {
        match self {
            PwForm::Given => "given",
            PwForm::EmptyBmp => "empty (BMP form)",
            PwForm::Null => "NULL",
        }
    }
}

/// A password to try. Deliberately without `Debug`.
#[derive(Clone, Copy)]
pub(super) struct Candidate<'p> {
    pub(super) form: PwForm,
    pub(super) text: &'p str,
}

impl Candidate<'_> {
    /// BMPString + `00 00`, as PKCS#12 PBES1 and the HMAC MAC use it.
    pub(super) fn bmp(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::new());
        if self.form != PwForm::Null {
            // Sized once: a growing vector would leave copies behind.
            out.reserve_exact(2 * self.text.len() + 2);
            out.extend(self.text.encode_utf16().flat_map(u16::to_be_bytes));
            out.extend([0, 0]);
        }
        out
    }

    /// UTF-8 bytes, as PBES2, PBMAC1 and PKCS#5 v1 use it (OpenSSL's choice).
    pub(super) fn utf8(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The password's bytes in `encoding`, wiped when dropped.
    pub(super) fn bytes(&self, encoding: PwEncoding) -> Zeroizing<Vec<u8>> {
        match encoding {
            PwEncoding::Bmp => self.bmp(),
            PwEncoding::Utf8 => Zeroizing::new(self.utf8().to_vec()),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum PwEncoding {
    Bmp,
    Utf8,
}

pub(super) fn candidates(opts: &LoadOptions) -> Vec<Candidate<'_>> {
    match &opts.password {
        Some(p) if !p.expose().is_empty() => vec![Candidate {
            form: PwForm::Given,
            text: p.expose(),
        }],
        _ => vec![
            Candidate {
                form: PwForm::EmptyBmp,
                text: "",
            },
            Candidate {
                form: PwForm::Null,
                text: "",
            },
        ],
    }
}

// ---------------------------------------------------------------------------
// Hashes, the PKCS#12 KDF, HMAC and PBKDF2

pub(super) use crate::hash::Hash;

impl Hash {
    pub(super) fn from_hmac_oid(oid: &str) -> Option<Hash> {
        Some(match oid {
            "1.2.840.113549.2.7" => Hash::Sha1,
            "1.2.840.113549.2.8" => Hash::Sha224,
            "1.2.840.113549.2.9" => Hash::Sha256,
            "1.2.840.113549.2.10" => Hash::Sha384,
            "1.2.840.113549.2.11" => Hash::Sha512,
            _ => return None,
        })
    }

    /// PKCS#12 KDF (RFC 7292 B.2) with ID 1 (key), 2 (IV) or 3 (MAC key).
    pub(super) fn pkcs12_kdf(
        self,
        pass: &[u8],
        salt: &[u8],
        id: u8,
        iter: u32,
        len: usize,
    ) -> Zeroizing<Vec<u8>> {
        let v = self.block_len();
        crate::with_hash!(self, D => pkcs12_kdf::<D>(v, pass, salt, id, iter, len))
    }

    /// Constant-time HMAC check of `tag` over `data`.
    pub(super) fn hmac_verify(self, key: &[u8], data: &[u8], tag: &[u8]) -> bool {
        fn check<D: hmac::EagerHash>(key: &[u8], data: &[u8], tag: &[u8]) -> bool {
            match Hmac::<D>::new_from_slice(key) {
                Ok(mut mac) => {
                    mac.update(data);
                    mac.verify_slice(tag).is_ok()
                }
                Err(_) => false,
            }
        }
        crate::with_hash!(self, D => check::<D>(key, data, tag))
    }

    /// PBKDF2 with HMAC over this hash.
    pub(super) fn pbkdf2(self, pass: &[u8], salt: &[u8], iter: u32, out: &mut [u8]) {
        crate::with_hash!(self, D => pbkdf2::pbkdf2_hmac::<D>(pass, salt, iter, out))
    }

    /// PBKDF1 (RFC 8018 5.1): the hash applied `iter` times to password || salt.
    pub(super) fn pbkdf1(self, pass: &[u8], salt: &[u8], iter: u32) -> Zeroizing<Vec<u8>> {
        fn run<D: sha1::Digest>(pass: &[u8], salt: &[u8], iter: u32) -> Zeroizing<Vec<u8>> {
            let mut t = D::new().chain_update(pass).chain_update(salt).finalize();
            for _ in 1..iter {
                t = D::digest(&t);
            }
            let out = Zeroizing::new(t.to_vec());
            t.as_mut_slice().zeroize();
            out
        }
        match self {
            Hash::Md5 => run::<md5::Md5>(pass, salt, iter),
            _ => run::<sha1::Sha1>(pass, salt, iter),
        }
    }
}

/// RFC 7292 appendix B.2: the PKCS#12 key-derivation function, with block size
/// `v`. `pass` is taken as raw bytes so the NULL password (zero bytes) works.
pub(super) fn pkcs12_kdf<D: sha1::Digest>(
    v: usize,
    pass: &[u8],
    salt: &[u8],
    id: u8,
    iter: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let d = vec![id; v];
    fn cycled(s: &[u8], v: usize) -> impl Iterator<Item = u8> + '_ {
        s.iter().copied().cycle().take(v * s.len().div_ceil(v))
    }
    // I = S || P, sized once: it holds the password and is wiped.
    let mut i = Zeroizing::new(Vec::with_capacity(
        v * (salt.len() + pass.len()).div_ceil(v) + v,
    ));
    i.extend(cycled(salt, v));
    i.extend(cycled(pass, v));
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    while out.len() < len {
        let mut a = D::new().chain_update(&d).chain_update(&*i).finalize();
        for _ in 1..iter {
            a = D::digest(&a);
        }
        let b: Zeroizing<Vec<u8>> = Zeroizing::new(a.iter().copied().cycle().take(v).collect());
        for block in i.chunks_mut(v) {
            // block = (block + b + 1) mod 2^(8v), big-endian.
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
        let take = a.len().min(len - out.len());
        out.extend_from_slice(a.get(..take).unwrap_or(&[]));
        a.as_mut_slice().zeroize();
    }
    out
}

// ---------------------------------------------------------------------------
// Encryption schemes

#[derive(Clone, Copy)]
pub(super) enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
    DesEde2,
    Des,
    /// RC2-CBC with this many effective key bits.
    Rc2(usize),
    Rc4,
}

impl Cipher {
    pub(super) fn iv_len(self) -> usize {
        match self {
            Cipher::Aes128 | Cipher::Aes192 | Cipher::Aes256 => 16,
            Cipher::Rc4 => 0,
            _ => 8,
        }
    }

    /// Fixed key length, `None` for the variable-length ones.
    pub(super) fn key_len(self) -> Option<usize> {
        match self {
            Cipher::Aes128 => Some(16),
            Cipher::Aes192 => Some(24),
            Cipher::Aes256 => Some(32),
            Cipher::DesEde3 => Some(24),
            Cipher::DesEde2 => Some(16),
            Cipher::Des => Some(8),
            Cipher::Rc2(_) | Cipher::Rc4 => None,
        }
    }

    pub(super) fn name(self) -> String {
        match self {
            Cipher::Aes128 => "AES-128-CBC".into(),
            Cipher::Aes192 => "AES-192-CBC".into(),
            Cipher::Aes256 => "AES-256-CBC".into(),
            Cipher::DesEde3 => "DES-EDE3-CBC".into(),
            Cipher::DesEde2 => "DES-EDE-CBC".into(),
            Cipher::Des => "DES-CBC".into(),
            Cipher::Rc2(bits) => format!("RC2-CBC ({bits}-bit)"),
            Cipher::Rc4 => "RC4".into(),
        }
    }

    /// Decrypts and removes the PKCS#7 padding; `None` when the key, IV or
    /// padding is wrong.
    /// The plaintext (key material) is wiped when dropped.
    pub(super) fn decrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        fn cbc<C: BlockCipherDecrypt>(
            cipher: C,
            iv: &[u8],
            data: &[u8],
        ) -> Option<Zeroizing<Vec<u8>>> {
            let dec = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).ok()?;
            let mut buf = Zeroizing::new(data.to_vec());
            let len = dec.decrypt_padded::<Pkcs7>(&mut buf).ok()?.len();
            buf.truncate(len);
            Some(buf)
        }
        match self {
            Cipher::Aes128 => cbc(aes::Aes128::new_from_slice(key).ok()?, iv, data),
            Cipher::Aes192 => cbc(aes::Aes192::new_from_slice(key).ok()?, iv, data),
            Cipher::Aes256 => cbc(aes::Aes256::new_from_slice(key).ok()?, iv, data),
            Cipher::DesEde3 => cbc(des::TdesEde3::new_from_slice(key).ok()?, iv, data),
            Cipher::DesEde2 => cbc(des::TdesEde2::new_from_slice(key).ok()?, iv, data),
            Cipher::Des => cbc(des::Des::new_from_slice(key).ok()?, iv, data),
            Cipher::Rc2(bits) => {
                if key.is_empty() || key.len() > 128 || !(1..=1024).contains(&bits) {
                    return None;
                }
                cbc(rc2::Rc2::new_with_eff_key_len(key, bits), iv, data)
            }
            Cipher::Rc4 => {
                let mut rc4 = rc4::Rc4::new_from_slice(key).ok()?;
                let mut buf = Zeroizing::new(data.to_vec());
                rc4.apply_keystream(&mut buf);
                Some(buf)
            }
        }
    }
}

/// A password-based encryption scheme with its parameters.
pub(super) enum Scheme<'a> {
    /// RFC 7292 appendix C: PKCS#12 KDF over SHA-1, BMP password.
    Pkcs12Pbe {
        name: &'static str,
        cipher: Cipher,
        key_len: usize,
        salt: &'a [u8],
        iter: u64,
    },
    /// RFC 8018 PBES1: PBKDF1 over MD5 or SHA-1, DES or RC2 (64-bit).
    Pbes1 {
        name: &'static str,
        hash: Hash,
        cipher: Cipher,
        salt: &'a [u8],
        iter: u64,
    },
    /// RFC 8018 PBES2: PBKDF2 + a CBC cipher, UTF-8 password.
    Pbes2 {
        prf: Hash,
        salt: &'a [u8],
        iter: u64,
        key_len: usize,
        cipher: Cipher,
        iv: &'a [u8],
    },
}

/// Why a scheme could not be set up.
pub(super) enum SchemeError {
    Malformed(String),
    Unsupported(String),
}

impl From<String> for SchemeError {
    fn from(s: String) -> Self {
        SchemeError::Malformed(s)
    }
}

fn pbe_params(params: Option<Element<'_>>) -> Result<(&[u8], u64), String> {
    let (tag, body) = params.ok_or("missing PBE parameters")?;
    if tag != 0x30 {
        return Err("PBE parameters are not a SEQUENCE".into());
    }
    let mut r = Der(body);
    let salt = r.expect(0x04, "salt")?;
    let iter = uint(r.expect(0x02, "iteration count")?)?;
    Ok((salt, iter))
}

impl<'a> Scheme<'a> {
    pub(super) fn parse(alg: &'a [u8]) -> Result<Scheme<'a>, SchemeError> {
        let (oid, params) = algorithm(alg)?;
        let p12 = |name, cipher, key_len| -> Result<Scheme<'a>, SchemeError> {
            let (salt, iter) = pbe_params(params)?;
            Ok(Scheme::Pkcs12Pbe {
                name,
                cipher,
                key_len,
                salt,
                iter,
            })
        };
        let p5 = |name, hash, cipher| -> Result<Scheme<'a>, SchemeError> {
            let (salt, iter) = pbe_params(params)?;
            Ok(Scheme::Pbes1 {
                name,
                hash,
                cipher,
                salt,
                iter,
            })
        };
        match oid.as_str() {
            "1.2.840.113549.1.12.1.1" => p12("pbeWithSHAAnd128BitRC4", Cipher::Rc4, 16),
            "1.2.840.113549.1.12.1.2" => p12("pbeWithSHAAnd40BitRC4", Cipher::Rc4, 5),
            "1.2.840.113549.1.12.1.3" => {
                p12("pbeWithSHAAnd3-KeyTripleDES-CBC", Cipher::DesEde3, 24)
            }
            "1.2.840.113549.1.12.1.4" => {
                p12("pbeWithSHAAnd2-KeyTripleDES-CBC", Cipher::DesEde2, 16)
            }
            "1.2.840.113549.1.12.1.5" => p12("pbeWithSHAAnd128BitRC2-CBC", Cipher::Rc2(128), 16),
            "1.2.840.113549.1.12.1.6" => p12("pbeWithSHAAnd40BitRC2-CBC", Cipher::Rc2(40), 5),
            "1.2.840.113549.1.5.3" => p5("pbeWithMD5AndDES-CBC", Hash::Md5, Cipher::Des),
            "1.2.840.113549.1.5.6" => p5("pbeWithMD5AndRC2-CBC", Hash::Md5, Cipher::Rc2(64)),
            "1.2.840.113549.1.5.10" => p5("pbeWithSHA1AndDES-CBC", Hash::Sha1, Cipher::Des),
            "1.2.840.113549.1.5.11" => p5("pbeWithSHA1AndRC2-CBC", Hash::Sha1, Cipher::Rc2(64)),
            OID_PBES2 => Self::parse_pbes2(params),
            _ => Err(SchemeError::Unsupported(format!(
                "encryption scheme {}",
                named(&oid)
            ))),
        }
    }

    pub(super) fn parse_pbes2(params: Option<Element<'a>>) -> Result<Scheme<'a>, SchemeError> {
        let (tag, body) = params.ok_or("missing PBES2 parameters".to_string())?;
        if tag != 0x30 {
            return Err("PBES2 parameters are not a SEQUENCE".to_string().into());
        }
        let mut r = Der(body);
        let kdf = r.expect(0x30, "PBES2 key derivation function")?;
        let enc = r.expect(0x30, "PBES2 encryption scheme")?;
        let kdf = Pbkdf2::parse(kdf)?;
        let (enc_oid, enc_params) = algorithm(enc)?;
        let octets = |p: Option<Element<'a>>| -> Result<&'a [u8], String> {
            match p {
                Some((0x04, iv)) => Ok(iv),
                _ => Err("cipher parameters are not an IV OCTET STRING".into()),
            }
        };
        let (cipher, iv) = match enc_oid.as_str() {
            "2.16.840.1.101.3.4.1.2" => (Cipher::Aes128, octets(enc_params)?),
            "2.16.840.1.101.3.4.1.22" => (Cipher::Aes192, octets(enc_params)?),
            "2.16.840.1.101.3.4.1.42" => (Cipher::Aes256, octets(enc_params)?),
            "1.2.840.113549.3.7" => (Cipher::DesEde3, octets(enc_params)?),
            "1.3.14.3.2.7" => (Cipher::Des, octets(enc_params)?),
            "1.2.840.113549.3.2" => {
                // RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL, iv }
                let (bits, iv) = match enc_params {
                    Some((0x30, seq)) => {
                        let mut p = Der(seq);
                        let version = p.optional(0x02)?.map(uint).transpose()?;
                        let iv = p.expect(0x04, "RC2 IV")?;
                        let bits = match version {
                            None => 32,
                            Some(160) => 40,
                            Some(120) => 64,
                            Some(58) => 128,
                            Some(v) if (256..=1024).contains(&v) => v as usize,
                            Some(v) => return Err(format!("RC2 parameter version {v}").into()),
                        };
                        (bits, iv)
                    }
                    other => (32, octets(other)?),
                };
                (Cipher::Rc2(bits), iv)
            }
            _ => {
                return Err(SchemeError::Unsupported(format!(
                    "PBES2 cipher {}",
                    named(&enc_oid)
                )))
            }
        };
        if iv.len() != cipher.iv_len() {
            return Err(format!("{} IV of {} bytes", cipher.name(), iv.len()).into());
        }
        let key_len = match (cipher.key_len(), kdf.key_len) {
            (Some(fixed), Some(given)) if given != fixed as u64 => {
                return Err(format!("{} with a {given}-byte key", cipher.name()).into())
            }
            (Some(fixed), _) => fixed,
            (None, Some(given)) if (1..=128).contains(&given) => given as usize,
            (None, Some(given)) => return Err(format!("RC2 key length {given}").into()),
            (None, None) => 16,
        };
        Ok(Scheme::Pbes2 {
            prf: kdf.prf,
            salt: kdf.salt,
            iter: kdf.iter,
            key_len,
            cipher,
            iv,
        })
    }

    pub(super) fn iterations(&self) -> u64 {
        match self {
            Scheme::Pkcs12Pbe { iter, .. }
            | Scheme::Pbes1 { iter, .. }
            | Scheme::Pbes2 { iter, .. } => *iter,
        }
    }

    pub(super) fn encoding(&self) -> PwEncoding {
        match self {
            Scheme::Pkcs12Pbe { .. } => PwEncoding::Bmp,
            Scheme::Pbes1 { .. } | Scheme::Pbes2 { .. } => PwEncoding::Utf8,
        }
    }

    pub(super) fn describe(&self) -> String {
        match self {
            Scheme::Pkcs12Pbe { name, iter, .. } | Scheme::Pbes1 { name, iter, .. } => {
                format!("{name}, {iter} iterations")
            }
            Scheme::Pbes2 {
                prf, iter, cipher, ..
            } => format!(
                "PBES2 (PBKDF2-HMAC-{}, {iter} iterations, {})",
                prf.name(),
                cipher.name()
            ),
        }
    }

    /// Decrypts `data` with password bytes `pw`; `None` when the result is not
    /// correctly padded (a wrong password, usually).
    pub(super) fn decrypt(&self, pw: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        match *self {
            Scheme::Pkcs12Pbe {
                cipher,
                key_len,
                salt,
                iter,
                ..
            } => {
                let iter = u32::try_from(iter).ok()?;
                let key = Hash::Sha1.pkcs12_kdf(pw, salt, 1, iter, key_len);
                let iv = Hash::Sha1.pkcs12_kdf(pw, salt, 2, iter, cipher.iv_len());
                cipher.decrypt(&key, &iv, data)
            }
            Scheme::Pbes1 {
                hash,
                cipher,
                salt,
                iter,
                ..
            } => {
                let iter = u32::try_from(iter).ok()?;
                let dk = hash.pbkdf1(pw, salt, iter);
                cipher.decrypt(dk.get(..8)?, dk.get(8..16)?, data)
            }
            Scheme::Pbes2 {
                prf,
                salt,
                iter,
                key_len,
                cipher,
                iv,
            } => {
                let iter = u32::try_from(iter).ok()?;
                let mut key = Zeroizing::new(vec![0u8; key_len]);
                prf.pbkdf2(pw, salt, iter, &mut key);
                cipher.decrypt(&key, iv, data)
            }
        }
    }
}

/// PBKDF2-params (RFC 8018 A.2).
pub(super) struct Pbkdf2<'a> {
    pub(super) salt: &'a [u8],
    pub(super) iter: u64,
    pub(super) key_len: Option<u64>,
    pub(super) prf: Hash,
}

impl<'a> Pbkdf2<'a> {
    /// Parses an AlgorithmIdentifier that must be PBKDF2.
    pub(super) fn parse(alg: &'a [u8]) -> Result<Pbkdf2<'a>, SchemeError> {
        let (oid, params) = algorithm(alg)?;
        if oid != OID_PBKDF2 {
            return Err(SchemeError::Unsupported(format!(
                "key derivation function {}",
                named(&oid)
            )));
        }
        let body = match params {
            Some((0x30, body)) => body,
            _ => return Err("PBKDF2 parameters are not a SEQUENCE".to_string().into()),
        };
        let mut r = Der(body);
        let salt = match r.next()? {
            (0x04, salt) => salt,
            _ => {
                return Err(SchemeError::Unsupported(
                    "PBKDF2 salt from another source (otherSource)".into(),
                ))
            }
        };
        let iter = uint(r.expect(0x02, "PBKDF2 iteration count")?)?;
        let key_len = r.optional(0x02)?.map(uint).transpose()?;
        let prf = match r.optional(0x30)? {
            None => Hash::Sha1,
            Some(prf) => {
                let (prf_oid, _) = algorithm(prf)?;
                Hash::from_hmac_oid(&prf_oid).ok_or_else(|| {
                    SchemeError::Unsupported(format!("PBKDF2 PRF {}", named(&prf_oid)))
                })?
            }
        };
        Ok(Pbkdf2 {
            salt,
            iter,
            key_len,
            prf,
        })
    }
}
