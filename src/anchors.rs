//! `check --trust`, `--intermediates` and `--crl`: reads the certificates
//! chains are judged against — the platform's store, PEM/DER files and
//! directories, keystores — and the revocation lists into a [`TrustSet`]. It does the reading; the loaders and the
//! model do the parsing, `trust` the judging.

use crate::cli::TrustArgs;
use crate::input::{read_limited, walk, Walk};
use crate::load::{self, EntryKind, LoadError, LoadOptions};
use crate::model::crl::Crl;
use crate::model::{CertRecord, Keep};
use crate::trust::TrustSet;
use std::path::{Path, PathBuf};

/// Why a trust source could not be read; its text names the option and file.
#[derive(Debug, thiserror::Error)]
pub enum AnchorError {
    /// A file could not be read or loaded.
    #[error("{option} {}: {what}", path.display())]
    Source {
        /// `--trust` or `--intermediates`.
        option: &'static str,
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
        /// A password is missing or wrong (exit 4).
        password: bool,
    },
    /// The platform's store yielded nothing.
    #[error("--trust system: no certificates found ({0}); set SSL_CERT_FILE or SSL_CERT_DIR")]
    System(String),
}

/// Reads every `--trust` source as anchors and every `--intermediates` file
/// as issuers. Keystores give their trusted entries as anchors (as a Java
/// truststore does); PEM, DER and PKCS#7 files all their certificates.
pub fn trust_set(
    args: &TrustArgs,
    opts: &LoadOptions,
    max_input: u64,
    warn: &mut dyn FnMut(String),
) -> Result<TrustSet, AnchorError> {
    let mut set = TrustSet::default();
    for spec in &args.trust {
        if spec == "system" {
            set.anchors.extend(system()?);
        } else {
            let certs = certificates("--trust", Path::new(spec), true, opts, max_input, warn)?;
            set.anchors.extend(certs);
        }
    }
    for path in &args.intermediates {
        let certs = certificates("--intermediates", path, false, opts, max_input, warn)?;
        set.intermediates.extend(certs);
    }
    for path in &args.crl {
        set.crls.extend(crls(path, max_input)?);
    }
    Ok(set)
}

/// The CRLs of a file: its `X509 CRL` PEM blocks, or one DER CRL.
fn crls(path: &Path, max_input: u64) -> Result<Vec<Crl>, AnchorError> {
    let fail = |what: String| AnchorError::Source {
        option: "--crl",
        path: path.to_path_buf(),
        what,
        password: false,
    };
    let bytes = read("--crl", path, max_input)?;
    let blocks = load::pem::blocks(&bytes);
    let ders: Vec<Vec<u8>> = if blocks.is_empty() {
        vec![bytes]
    } else {
        let crls: Vec<_> = blocks.iter().filter(|b| b.label == "X509 CRL").collect();
        if crls.is_empty() {
            return Err(fail("no X509 CRL block in it".into()));
        }
        crls.iter()
            .map(|b| load::pem::decode(b).map_err(|e| fail(format!("block {}: {e}", b.number))))
            .collect::<Result<_, _>>()?
    };
    ders.iter()
        .map(|d| Crl::from_der(d).map_err(|e| fail(format!("not a CRL ({e})"))))
        .collect()
}

/// The platform's trust store (`rustls-native-certs`).
fn system() -> Result<Vec<CertRecord>, AnchorError> {
    let found = rustls_native_certs::load_native_certs();
    let certs: Vec<CertRecord> = found
        .certs
        .iter()
        .filter_map(|c| CertRecord::from_der_keeping(c, Keep::Signed).ok())
        .collect();
    if certs.is_empty() {
        let why = match found.errors.first() {
            Some(e) => e.to_string(),
            None => "the store is empty".into(),
        };
        return Err(AnchorError::System(why));
    }
    Ok(certs)
}

/// The certificates of a file, or of every file under a directory (files
/// that hold none are passed over, with a warning).
fn certificates(
    option: &'static str,
    path: &Path,
    trusted_only: bool,
    opts: &LoadOptions,
    max_input: u64,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<CertRecord>, AnchorError> {
    if !path.is_dir() {
        return file(option, path, trusted_only, opts, max_input, warn);
    }
    let mut found = Walk::default();
    walk(path, false, &mut found);
    let mut out = Vec::new();
    let mut skipped = 0;
    for f in &found.files {
        match file(option, f, trusted_only, opts, max_input, warn) {
            Ok(certs) => out.extend(certs),
            Err(_) => skipped += 1,
        }
    }
    if skipped > 0 {
        warn(format!(
            "{option} {}: {skipped} files without a readable certificate passed over",
            path.display()
        ));
    }
    // An empty anchor set would judge nothing: a directory that yields no
    // certificate is an error, as a file that yields none is.
    if out.is_empty() {
        return Err(AnchorError::Source {
            option,
            path: path.to_path_buf(),
            what: "no certificate to use under this directory".into(),
            password: false,
        });
    }
    Ok(out)
}

/// A trust source's bytes, read up to the input limit.
fn read(option: &'static str, path: &Path, max_input: u64) -> Result<Vec<u8>, AnchorError> {
    std::fs::File::open(path)
        .and_then(|f| read_limited(f, max_input))
        .map_err(|e| AnchorError::Source {
            option,
            path: path.to_path_buf(),
            what: e.to_string(),
            password: false,
        })
}

/// A loader's message with the password hint of the trust options.
fn trust_hint(text: &str) -> String {
    text.replace(
        "--password-env VAR or --password-file FILE",
        "--trust-password-env VAR or --trust-password-file FILE",
    )
}

fn file(
    option: &'static str,
    path: &Path,
    trusted_only: bool,
    opts: &LoadOptions,
    max_input: u64,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<CertRecord>, AnchorError> {
    let fail = |what: String, password: bool| AnchorError::Source {
        option,
        path: path.to_path_buf(),
        what,
        password,
    };
    let bytes = read(option, path, max_input)?;
    let loaded = load::load_bytes(&bytes, opts)
        .map_err(|e: LoadError| fail(trust_hint(&e.to_string()), e.is_password()))?;
    for w in &loaded.warnings {
        warn(format!("{option} {}: {}", path.display(), trust_hint(w)));
    }
    let keystore = loaded.entries.iter().any(|e| e.alias.is_some());
    let mut out = Vec::new();
    for e in &loaded.entries {
        if trusted_only && keystore && e.kind != EntryKind::TrustedCert {
            continue;
        }
        for der in &e.chain {
            match CertRecord::from_der_keeping(der, Keep::Signed) {
                Ok(c) => out.push(c),
                Err(err) => warn(format!(
                    "{option} {}: a certificate passed over: {err}",
                    path.display()
                )),
            }
        }
    }
    if out.is_empty() {
        return Err(fail("no certificate to use in it".into(), false));
    }
    Ok(out)
}
