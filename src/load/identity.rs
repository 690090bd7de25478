//! A TLS client identity — a certificate chain and its private key — from the
//! files of `--client-cert` and `--client-key`: a PKCS#12 file alone, or
//! certificates (PEM, DER, PKCS#7) with a key in PEM (PKCS#8, PKCS#1, SEC1,
//! encrypted PKCS#8 or legacy OpenSSL encryption) or DER, in the key file or
//! in the certificate file itself. Encrypted keys take the keystore password
//! options. The key is returned, wiped when dropped, and never formatted.

use super::{pem, pkcs12, sniff, ContainerFormat, EntryKind, LoadError, LoadOptions};
use std::fmt;
use zeroize::Zeroizing;

/// How a private key is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyForm {
    /// PKCS#8 `PrivateKeyInfo`.
    Pkcs8,
    /// PKCS#1 `RSAPrivateKey`.
    Pkcs1,
    /// SEC1 `ECPrivateKey`.
    Sec1,
}

/// A decrypted private key, wiped when dropped; its `Debug` hides it.
pub struct PrivateKey {
    /// The encoding of `der`.
    pub form: KeyForm,
    /// The key, DER.
    pub der: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({:?}, ***)", self.form)
    }
}

/// A client certificate chain (its own certificate first) and its key.
#[derive(Debug)]
pub struct Identity {
    /// DER certificates.
    pub chain: Vec<Vec<u8>>,
    /// The key of `chain[0]`.
    pub key: PrivateKey,
}

/// Which file an [`IdentityError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The `--client-cert` file.
    Cert,
    /// The `--client-key` file (or the certificate file, when it holds the key).
    Key,
}

/// Why no identity could be read, and from which file.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct IdentityError {
    /// The file at fault.
    pub part: Part,
    /// What is wrong with it.
    pub error: LoadError,
}

fn at(part: Part) -> impl Fn(LoadError) -> IdentityError {
    move |error| IdentityError { part, error }
}

/// Reads an identity from the certificate file's bytes and, when given, the
/// key file's.
pub fn read(
    cert: &[u8],
    key: Option<&[u8]>,
    opts: &LoadOptions,
) -> Result<Identity, IdentityError> {
    let format = sniff::sniff(cert);
    if format == Some(ContainerFormat::Pkcs12) {
        if key.is_some() {
            return Err(at(Part::Key)(LoadError::Unsupported {
                format: ContainerFormat::Pkcs12,
                what: "a separate key for a PKCS#12 client certificate, which holds its own \
                       (leave out --client-key)"
                    .into(),
            }));
        }
        let kc = pkcs12::key_and_chain(cert, opts).map_err(at(Part::Cert))?;
        return Ok(Identity {
            chain: kc.chain,
            key: PrivateKey {
                form: KeyForm::Pkcs8,
                der: kc.pkcs8,
            },
        });
    }
    if let Some(f @ (ContainerFormat::Jks | ContainerFormat::Jceks)) = format {
        return Err(at(Part::Cert)(LoadError::Unsupported {
            format: f,
            what: "a client certificate in a Java keystore (convert it: keytool -importkeystore \
                   -deststoretype pkcs12 -destkeystore client.p12)"
                .into(),
        }));
    }
    let loaded = super::load_bytes(cert, opts).map_err(at(Part::Cert))?;
    let chain = match loaded
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::PrivateKey && !e.chain.is_empty())
    {
        Some(e) => e.chain.clone(),
        None => loaded.entries.into_iter().flat_map(|e| e.chain).collect(),
    };
    let key = private_key(key.unwrap_or(cert), key.is_none(), opts).map_err(at(Part::Key))?;
    Ok(Identity { chain, key })
}

/// The one private key in PEM or DER bytes, decrypted when it is encrypted;
/// `in_cert`: the bytes are the certificate file's.
fn private_key(bytes: &[u8], in_cert: bool, opts: &LoadOptions) -> Result<PrivateKey, LoadError> {
    let blocks = pem::blocks(bytes);
    if blocks.is_empty() {
        return der_key(Zeroizing::new(bytes.to_vec()), opts);
    }
    let keys: Vec<&pem::Block<'_>> = blocks
        .iter()
        .filter(|b| b.label.ends_with("PRIVATE KEY"))
        .collect();
    let block = match keys.as_slice() {
        [b] => *b,
        [] if in_cert => {
            return Err(pem_error(
                "no private key in it (give the key with --client-key FILE)",
            ))
        }
        [] => return Err(pem_error("no private key in it")),
        more => return Err(pem_error(&format!("{} private keys in it", more.len()))),
    };
    let body = Zeroizing::new(
        pem::decode(block)
            .map_err(|e| pem_error(&format!("block {} ({}): {e}", block.number, block.label)))?,
    );
    let form = match block.label {
        "PRIVATE KEY" => KeyForm::Pkcs8,
        "RSA PRIVATE KEY" => KeyForm::Pkcs1,
        "EC PRIVATE KEY" => KeyForm::Sec1,
        "ENCRYPTED PRIVATE KEY" => {
            let der = pkcs12::decrypt_pkcs8(&body, opts)?;
            return Ok(PrivateKey {
                form: KeyForm::Pkcs8,
                der,
            });
        }
        other => {
            return Err(LoadError::Unsupported {
                format: ContainerFormat::Pem,
                what: format!("a {other:?} client key (RSA, EC and Ed25519 keys sign TLS)"),
            })
        }
    };
    let der = match dek_info(block) {
        Some(dek) => pkcs12::decrypt_legacy_pem(&dek, &body, opts)?,
        None if block.is_encrypted() => {
            return Err(pem_error("Proc-Type ENCRYPTED without DEK-Info"))
        }
        None => body,
    };
    Ok(PrivateKey { form, der })
}

/// A DER key: an `EncryptedPrivateKeyInfo` (decrypted) or a plain key, its
/// form told by its second element.
fn der_key(der: Zeroizing<Vec<u8>>, opts: &LoadOptions) -> Result<PrivateKey, LoadError> {
    let not_key = || pem_error("neither a PEM private key nor a DER one");
    let mut outer = crate::der::Reader(&der);
    let body = outer.expect(0x30).map_err(|_| not_key())?;
    if !outer.is_empty() {
        return Err(not_key());
    }
    let mut r = crate::der::Reader(body);
    let form = match (r.read().map(|(t, _)| t), r.peek()) {
        (Ok(0x30), Some(0x04)) => {
            let der = pkcs12::decrypt_pkcs8(&der, opts)?;
            return Ok(PrivateKey {
                form: KeyForm::Pkcs8,
                der,
            });
        }
        (Ok(0x02), Some(0x30)) => KeyForm::Pkcs8,
        (Ok(0x02), Some(0x02)) => KeyForm::Pkcs1,
        (Ok(0x02), Some(0x04)) => KeyForm::Sec1,
        _ => return Err(not_key()),
    };
    Ok(PrivateKey { form, der })
}

/// The value of a block's `DEK-Info:` header line.
fn dek_info(block: &pem::Block<'_>) -> Option<String> {
    block
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix(b"DEK-Info:"))
        .map(|v| String::from_utf8_lossy(v).trim().to_string())
}

fn pem_error(reason: &str) -> LoadError {
    LoadError::malformed(ContainerFormat::Pem, reason)
}
