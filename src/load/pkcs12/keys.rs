//! The one way a private key leaves the readers: a TLS client certificate
//! needs it (`--client-cert`). A PKCS#12 file's key with its chain, and the
//! decryption of PEM private keys — PKCS#8 `EncryptedPrivateKeyInfo` and
//! OpenSSL's legacy `Proc-Type: 4,ENCRYPTED` — which use this module's ciphers
//! and password rules. Keys go to the caller only, wiped when dropped; nothing
//! here formats them, and no error names the password.

use super::*;
use std::fmt;

/// A private key and the certificate chain it belongs to.
pub struct KeyAndChain {
    /// The key, a PKCS#8 `PrivateKeyInfo`.
    pub pkcs8: Zeroizing<Vec<u8>>,
    /// DER certificates, the key's own first, then its issuers.
    pub chain: Vec<Vec<u8>>,
}

impl fmt::Debug for KeyAndChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "KeyAndChain {{ pkcs8: ***, chain: {} }}",
            self.chain.len()
        )
    }
}

/// The one private key of a PKCS#12 file and its certificate chain, read with
/// the password rules of [`load`] (the MAC verified when there is one).
pub fn key_and_chain(bytes: &[u8], opts: &LoadOptions) -> Result<KeyAndChain, LoadError> {
    let (mut reader, _) = read(bytes, opts)?;
    let keys: Vec<&Zeroizing<Vec<u8>>> = reader
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Key { pkcs8, .. } => Some(pkcs8),
            _ => None,
        })
        .collect();
    let pkcs8 = match keys.as_slice() {
        [] => return Err(malformed("no private key in it".to_string())),
        [k] if k.is_empty() => return Err(LoadError::PasswordRequired { format: FMT }),
        [k] => (*k).clone(),
        more => {
            return Err(unsupported(format!(
                "{} private keys in one client certificate file (export the one to use: \
                 keytool -importkeystore -srcalias A -destkeystore one.p12)",
                more.len()
            )))
        }
    };
    let entries = build(std::mem::take(&mut reader.items), opts.max_certificates)
        .map_err(|limit| LoadError::TooManyCertificates { format: FMT, limit })?;
    let chain = entries
        .into_iter()
        .find(|e| e.kind == EntryKind::PrivateKey && !e.chain.is_empty())
        .map(|e| e.chain)
        .ok_or_else(|| malformed("its private key has no certificate".to_string()))?;
    Ok(KeyAndChain { pkcs8, chain })
}

/// Decrypts a PKCS#8 `EncryptedPrivateKeyInfo` (PBES2 or a PKCS#5 v1 / PKCS#12
/// scheme) with the password given, or the empty one when none is; errors
/// name the PEM format.
pub fn decrypt_pkcs8(epki: &[u8], opts: &LoadOptions) -> Result<Zeroizing<Vec<u8>>, LoadError> {
    let run = || {
        let (scheme, data) = encrypted_key(epki, "the key's encryption", opts, malformed)?;
        let mut reader = Reader::new(opts);
        match reader.decrypt(&scheme, data, "the key")? {
            Decrypted::Ok(plain) => Ok(plain),
            Decrypted::NoPassword => Err(reader.password_error(false, "the key")),
        }
    };
    run().map_err(as_pem)
}

/// Decrypts the body of a legacy OpenSSL encrypted PEM key (`DEK-Info:
/// CIPHER,IV`): the key is OpenSSL's `EVP_BytesToKey` (MD5, one round, the
/// IV's first 8 bytes as salt) of the UTF-8 password. Needs a password.
pub fn decrypt_legacy_pem(
    dek_info: &str,
    body: &[u8],
    opts: &LoadOptions,
) -> Result<Zeroizing<Vec<u8>>, LoadError> {
    let pem = |reason: String| LoadError::malformed(ContainerFormat::Pem, reason);
    let (name, iv) = dek_info
        .split_once(',')
        .ok_or_else(|| pem(format!("DEK-Info {dek_info:?} has no IV")))?;
    let cipher = match name.trim() {
        "AES-128-CBC" => Cipher::Aes128,
        "AES-192-CBC" => Cipher::Aes192,
        "AES-256-CBC" => Cipher::Aes256,
        "DES-EDE3-CBC" => Cipher::DesEde3,
        "DES-CBC" => Cipher::Des,
        other => {
            return Err(LoadError::Unsupported {
                format: ContainerFormat::Pem,
                what: format!("a key encrypted with {other:?} (DEK-Info)"),
            })
        }
    };
    let iv = unhex(iv.trim())
        .filter(|iv| iv.len() == cipher.iv_len())
        .ok_or_else(|| {
            pem(format!(
                "DEK-Info IV {:?} is not {} hex bytes",
                iv,
                cipher.iv_len()
            ))
        })?;
    let Some(password) = opts.password.as_ref().filter(|p| !p.expose().is_empty()) else {
        return Err(LoadError::PasswordRequired {
            format: ContainerFormat::Pem,
        });
    };
    let key_len = cipher.key_len().unwrap_or(16);
    let key = bytes_to_key(
        password.expose().as_bytes(),
        iv.get(..8).unwrap_or(&iv),
        key_len,
    );
    match cipher.decrypt(&key, &iv, body) {
        Some(plain) if is_one_sequence(&plain) => Ok(plain),
        _ => Err(LoadError::WrongPassword {
            format: ContainerFormat::Pem,
        }),
    }
}

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round: D1 = MD5(pass ‖ salt),
/// Dn = MD5(Dn-1 ‖ pass ‖ salt), concatenated (written here: no crate offers
/// this legacy derivation on its own).
fn bytes_to_key(pass: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    use md5::Digest;
    // Sized once: a growing vector would leave copies of the key behind.
    let mut out = Zeroizing::new(Vec::with_capacity(len + 16));
    while out.len() < len {
        let mut h = md5::Md5::new();
        h.update(out.get(out.len().saturating_sub(16)..).unwrap_or(&[]));
        h.update(pass);
        h.update(salt);
        out.extend_from_slice(&h.finalize());
    }
    out.truncate(len);
    out
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A key-decryption error under the PEM format's name.
fn as_pem(e: LoadError) -> LoadError {
    let format = ContainerFormat::Pem;
    match e {
        LoadError::Malformed { reason, .. } => LoadError::Malformed { format, reason },
        LoadError::Unsupported { what, .. } => LoadError::Unsupported { format, what },
        LoadError::Limit { what, .. } => LoadError::Limit { format, what },
        LoadError::PasswordRequired { .. } => LoadError::PasswordRequired { format },
        LoadError::WrongPassword { .. } => LoadError::WrongPassword { format },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Password;

    #[test]
    fn bytes_to_key_is_openssls() {
        // openssl enc -aes-256-cbc -pass pass:secret -S 0102030405060708 -P -md md5
        let key = bytes_to_key(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], 32);
        assert_eq!(
            crate::der::hex_upper(&key),
            "C9E5A1BD216DBE1317E230CEF48F38EE7F0E17AD64022144BCCEC4A1AA2879AB"
        );
    }

    #[test]
    fn legacy_pem_errors_are_typed() {
        let opts = LoadOptions {
            password: Some(Password::new("pw")),
            ..LoadOptions::default()
        };
        let none = LoadOptions::default();
        let iv = "AES-128-CBC,000102030405060708090A0B0C0D0E0F";
        let cases = [
            (decrypt_legacy_pem("AES-128-CBC", b"", &opts), "has no IV"),
            (
                decrypt_legacy_pem("AES-128-CBC,0011", b"", &opts),
                "is not 16 hex bytes",
            ),
            (
                decrypt_legacy_pem("BF-CBC,0011223344556677", b"", &opts),
                "not supported",
            ),
            (
                decrypt_legacy_pem(iv, &[0; 16], &none),
                "a password is required",
            ),
            (decrypt_legacy_pem(iv, &[0; 16], &opts), "wrong password"),
            (decrypt_legacy_pem(iv, &[0; 5], &opts), "wrong password"),
        ];
        for (got, want) in cases {
            let e = got.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.starts_with("PEM: ") && e.contains(want), "{e}");
        }
    }

    #[test]
    fn pkcs8_errors_name_pem() {
        let e = decrypt_pkcs8(&[0x30, 0x00], &LoadOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("PEM: "), "{e}");
    }

    #[test]
    fn unhex_reads_iv() {
        assert_eq!(unhex("0aFF"), Some(vec![10, 255]));
        assert_eq!(unhex("0a F"), None);
        assert_eq!(unhex("é0"), None);
    }
}
