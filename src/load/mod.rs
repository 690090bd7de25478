//! Loaders: input bytes → [`Loaded`] entries. One module per container format.
//!
//! Loaders never format values for display and never parse certificates beyond
//! what chain building needs; the model (`crate::model`) turns the DER they
//! return into records.

pub mod ber;
pub mod chain;
pub mod der;
pub mod identity;
pub mod jks;
pub mod pem;
pub mod pkcs12;
pub mod pkcs7;
pub mod sniff;

use std::fmt;

/// The container format detected from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerFormat {
    /// PEM armour (any number of blocks).
    Pem,
    /// DER certificates (one, or several back to back).
    Der,
    /// PKCS#12 / PFX.
    Pkcs12,
    /// Java KeyStore.
    Jks,
    /// Java JCEKS keystore.
    Jceks,
    /// PKCS#7 SignedData certificate bundle.
    Pkcs7,
}

impl fmt::Display for ContainerFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ContainerFormat::Pem => "PEM",
            ContainerFormat::Der => "DER",
            ContainerFormat::Pkcs12 => "PKCS#12",
            ContainerFormat::Jks => "JKS",
            ContainerFormat::Jceks => "JCEKS",
            ContainerFormat::Pkcs7 => "PKCS#7",
        })
    }
}

/// What kind of keystore entry this is (Java's `KeyStore.Entry` classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A private key with its certificate chain.
    PrivateKey,
    /// A certificate alone.
    TrustedCert,
    /// A JCEKS/PKCS#12 secret key (no certificate).
    SecretKey,
}

/// One keystore entry as the container holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedEntry {
    /// The alias; `None` for loose certificates, which get a file-derived alias later.
    pub alias: Option<String>,
    /// The entry type.
    pub kind: EntryKind,
    /// DER certificates, the entry's own first, then its issuers.
    pub chain: Vec<Vec<u8>>,
    /// Creation date stored by the container, in ms since the epoch.
    pub created_ms: Option<i64>,
    /// A private key entry's key, described (never its material), when the
    /// loader could read it; `None` for other entries and for keys it could
    /// not (a JKS key, an encrypted PEM key).
    pub key: Option<chain::KeyFacts>,
}

/// Everything one input yielded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The detected format.
    pub format: ContainerFormat,
    /// Entries, in the order they are shown.
    pub entries: Vec<LoadedEntry>,
    /// Non-fatal remarks to report on stderr (e.g. "integrity not checked").
    pub warnings: Vec<String>,
    /// Parts of the input that could not be read (a broken PEM block, trailing
    /// garbage): reported as errors (exit 3) while the rest is still shown.
    pub problems: Vec<Problem>,
    /// `--verbose` details: encryption and MAC algorithms, iteration counts.
    pub details: Vec<String>,
    /// Certificate requests and CRLs, in input order, when
    /// [`LoadOptions::others`] asked for them (`inspect`); empty otherwise.
    pub others: Vec<Other>,
}

/// What an [`Other`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherKind {
    /// A PKCS#10 certification request.
    Request,
    /// A certificate revocation list.
    Crl,
}

/// A signed structure that is no certificate, as found: a CSR or a CRL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Other {
    /// What it is.
    pub kind: OtherKind,
    /// Its DER.
    pub der: Vec<u8>,
}

/// A part of an input that could not be read while the rest was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A PEM block that could not be read, by number and label.
    #[error("block {number} ({label}): {fault}")]
    Block {
        /// 1-based block number in the whole file.
        number: usize,
        /// The label after BEGIN.
        label: String,
        /// What is wrong with it.
        fault: BlockFault,
    },
    /// A `-----BEGIN ` after other text on its line: no block, and not read.
    #[error(
        "a \"-----BEGIN {label}\" that does not start its line, after {after} block(s): not \
         read, as Java does not read it"
    )]
    StrayBegin {
        /// The number of the block before it (0 at the start of the file).
        after: usize,
        /// The label after BEGIN.
        label: String,
    },
    /// A certificate of a DER file, after the first, that cannot be read
    /// (the ones before it are shown).
    #[error("certificate {number} of the file: {error}")]
    DerCertificate {
        /// 1-based number of the certificate in the file.
        number: usize,
        /// What is wrong with its encoding.
        error: ber::BerError,
    },
    /// Bytes after a PKCS#12 PFX.
    #[error("{0} trailing bytes after the PFX ignored")]
    TrailingPfx(usize),
    /// Bytes after a PKCS#7 structure that are not padding.
    #[error("{0} bytes after the PKCS#7 structure ignored")]
    TrailingPkcs7(usize),
    /// Bytes after a JKS/JCEKS integrity digest.
    #[error("{0} bytes after the integrity digest are not part of the keystore")]
    TrailingKeystore(usize),
}

/// What is wrong with one PEM block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockFault {
    /// No END line followed its BEGIN line.
    #[error("no END line")]
    NoEnd,
    /// Its END line does not name its BEGIN line's label (the END line as read).
    #[error("END line {0:?} does not match the BEGIN line")]
    EndMismatch(String),
    /// Its BEGIN line has text after the label's dashes, or lacks them.
    #[error(
        "the BEGIN line has text after its dashes (or lacks them); not read, as Java does not"
    )]
    IllegalHeader,

    /// Its body is not base64.
    #[error("{0}")]
    Decode(#[from] pem::PemBlockError),
    /// A PKCS#7 block whose structure could not be read.
    #[error("{0}")]
    Pkcs7(Box<LoadError>),
}

/// Why an input could not be loaded. Messages never contain a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not any supported format.
    #[error("not a certificate, keystore or bundle (no PEM armour, DER, PKCS#12, JKS, JCEKS or PKCS#7 structure found)")]
    UnknownFormat,
    /// The container was recognised but its content is broken.
    #[error("{format}: {reason}")]
    Malformed {
        /// The detected format.
        format: ContainerFormat,
        /// What is wrong.
        reason: String,
    },
    /// The container holds no certificate at all.
    #[error("{format}: no certificate found")]
    NoCertificate {
        /// The detected format.
        format: ContainerFormat,
    },
    /// The input holds something else — a key, a CSR, a CRL — and no
    /// certificate.
    #[error("{format}: {what}, no certificate{}", inspect_hint(what))]
    NoCertificateIn {
        /// The detected format.
        format: ContainerFormat,
        /// What it holds instead.
        what: &'static str,
    },
    /// A password is needed and none was given.
    #[error("{format}: a password is required; use --password-env VAR or --password-file FILE")]
    PasswordRequired {
        /// The detected format.
        format: ContainerFormat,
    },
    /// The password is wrong (or the integrity data is corrupted; the two cannot be told apart).
    #[error(
        "{format}: wrong password or {}; use --password-env VAR or --password-file FILE",
        if *format == ContainerFormat::Pem { "a corrupted key" } else { "corrupted MAC" }
    )]
    WrongPassword {
        /// The detected format.
        format: ContainerFormat,
    },
    /// A valid container using something certinfo does not implement.
    #[error("{format}: not supported: {what}")]
    Unsupported {
        /// The detected format.
        format: ContainerFormat,
        /// What is unsupported.
        what: String,
    },
    /// The input yields more certificates than `--max-certificates` allows.
    #[error("{format}: more than {limit} certificates (key chains included); raise the limit with --max-certificates N")]
    TooManyCertificates {
        /// The detected format.
        format: ContainerFormat,
        /// The limit in force.
        limit: usize,
    },
    /// A resource limit was hit.
    #[error("{format}: {what}")]
    Limit {
        /// The detected format.
        format: ContainerFormat,
        /// Which limit and how to raise it.
        what: String,
    },
}

/// Where to turn for what `show` and `list` do not read.
fn inspect_hint(what: &str) -> &'static str {
    if what == pem::CSR || what == pem::CRL {
        " (certinfo inspect reads it)"
    } else {
        ""
    }
}

impl LoadError {
    /// Builds a [`LoadError::Malformed`].
    pub fn malformed(format: ContainerFormat, reason: impl Into<String>) -> Self {
        LoadError::Malformed {
            format,
            reason: reason.into(),
        }
    }

    /// True for the password errors (exit code 4).
    pub fn is_password(&self) -> bool {
        matches!(
            self,
            LoadError::PasswordRequired { .. } | LoadError::WrongPassword { .. }
        )
    }
}

/// A password as the user gave it: one copy, shared by the clones (the
/// options are cloned per prompt), wiped when the last is dropped. Its
/// `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(std::sync::Arc<zeroize::Zeroizing<String>>);

impl Password {
    /// Wraps a password (taking the string: no copy is made).
    pub fn new(s: impl Into<String>) -> Self {
        Password(std::sync::Arc::new(zeroize::Zeroizing::new(s.into())))
    }
    /// The secret text.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Options the loaders need.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The keystore password, if one was given.
    pub password: Option<Password>,
    /// Highest PBKDF2/PBES1/MAC iteration count accepted (a hostile file could
    /// otherwise make certinfo spin for hours). It also sets a PKCS#12 file's
    /// total key-derivation work: 10 hash blocks (64-byte compressions, all
    /// password tries included) per unit, about a second at the default.
    pub max_iterations: u32,
    /// Most certificates one input's entries may hold (key chains included:
    /// K keys sharing an L-certificate chain hold K×L).
    pub max_certificates: usize,
    /// Also hand over certificate requests and CRLs ([`Loaded::others`]):
    /// an input holding only those is then read, not refused.
    pub others: bool,
}

/// Warning for a keystore read without its password (JKS, JCEKS, and a PKCS#12
/// whose MAC the empty password does not verify): Java lists such stores
/// without checking their integrity, and so does certinfo, saying so.
pub(crate) const NO_PASSWORD_WARNING: &str = "integrity of the keystore was not checked: \
     no password given (use --password-env VAR or --password-file FILE to verify it)";

/// Default for [`LoadOptions::max_certificates`] (`--max-certificates`).
pub const DEFAULT_MAX_CERTIFICATES: usize = 1_000_000;

/// Default for [`LoadOptions::max_iterations`]: real files use 1 to 600,000,
/// and an `openssl -iter 600000` export needs 3,000,007 of the 10,000,000 hash
/// blocks this allows a file.
pub const DEFAULT_MAX_ITERATIONS: u32 = 1_000_000;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            password: None,
            max_iterations: DEFAULT_MAX_ITERATIONS,
            max_certificates: DEFAULT_MAX_CERTIFICATES,
            others: false,
        }
    }
}

/// What a file of a directory walk holds instead of certificates — a key, a
/// CSR or a CRL, PEM or DER — when it is to be passed over with a note;
/// `None` when it is to be read. With `others` (inspect), a file holding a
/// CSR or a CRL is read.
pub fn passed_over(bytes: &[u8], others: bool) -> Option<&'static str> {
    if let Some(what) = pem::holds_no_certificate(bytes) {
        return (!(others && pem::holds_other(bytes))).then_some(what);
    }
    if others || sniff::sniff(bytes) != Some(ContainerFormat::Der) {
        return None;
    }
    der::other_kind(bytes).map(|k| match k {
        OtherKind::Request => pem::CSR,
        OtherKind::Crl => pem::CRL,
    })
}

/// Loads one input's bytes, detecting the format.
pub fn load_bytes(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let loaded = load_any(bytes, opts)?;
    let held: usize = loaded.entries.iter().map(|e| e.chain.len()).sum();
    if held > opts.max_certificates {
        return Err(LoadError::TooManyCertificates {
            format: loaded.format,
            limit: opts.max_certificates,
        });
    }
    Ok(loaded)
}

fn load_any(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    match sniff::sniff(bytes) {
        Some(ContainerFormat::Pem) => pem::load(bytes, opts),
        Some(ContainerFormat::Der) => match der::other_kind(bytes) {
            Some(kind) if opts.others => Ok(der::other(bytes, kind)),
            Some(kind) => Err(LoadError::NoCertificateIn {
                format: ContainerFormat::Der,
                what: match kind {
                    OtherKind::Request => pem::CSR,
                    OtherKind::Crl => pem::CRL,
                },
            }),
            None => der::load_at_most(bytes, opts.max_certificates),
        },
        Some(ContainerFormat::Jks) | Some(ContainerFormat::Jceks) => jks::load(bytes, opts),
        Some(ContainerFormat::Pkcs7) => pkcs7::load(bytes),
        Some(ContainerFormat::Pkcs12) => pkcs12::load(bytes, opts),
        None => Err(LoadError::UnknownFormat),
    }
}
