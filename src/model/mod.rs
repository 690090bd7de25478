//! The certificate model: owned records built from DER via x509-parser.
//!
//! This is the only place that calls x509-parser for display data (chain
//! building in `load::chain` reads names and key ids only). No display strings
//! are made here: names, serials and dates stay data until a renderer formats
//! them.

pub mod crl;
mod ext;
pub mod inspect;
pub mod key;
mod md5x8;
pub mod name;
mod read;
mod signed;
mod time;
mod walk;

use crate::load::{EntryKind, LoadedEntry};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

pub use key::KeyInfo;
pub use name::{AttrValue, Ava, DistinguishedName, Text};
#[doc(hidden)]
pub use read::{disagreement_with_x509_parser, walk_reads};
pub use signed::{Signed, SignedCert};

/// A Name given as its DER, or as the content of its SEQUENCE (a TLS
/// CertificateRequest's acceptable issuers), read by the certificate reader's
/// rules.
pub fn name_from_der(der: &[u8]) -> Option<DistinguishedName> {
    match walk::name(der, "Name") {
        Ok((n, [])) => Some(n.dn),
        _ => walk::rdns(der).ok(),
    }
}

/// Bytes held inline up to 24 (serials, which RFC 5280 caps at 20 octets,
/// and key identifiers, 20 octets when SHA-1 made): three allocations fewer
/// per certificate.
pub type SmallBytes = smallvec::SmallVec<[u8; 24]>;

/// One subject alternative name, as Java's `GeneralName` distinguishes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanName {
    /// dNSName.
    Dns(Text),
    /// iPAddress, raw bytes (4 or 16 for hosts).
    Ip(Vec<u8>),
    /// rfc822Name.
    Email(Text),
    /// uniformResourceIdentifier.
    Uri(Text),
    /// directoryName.
    Directory(DistinguishedName),
    /// registeredID.
    RegisteredId(String),
    /// otherName with its type OID.
    Other(String),
    /// ediPartyName: nameAssigner and partyName, when readable.
    EdiParty(Option<String>, Option<String>),
    /// x400Address.
    X400,
}

/// What a certificate's basic constraints say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
}

/// One X.509 certificate, owned.
#[derive(Debug, Clone)]
pub struct CertRecord {
    /// MD5 of the DER as read (fingerprints are over the input bytes, never a
    /// re-encoding; the bytes themselves are not kept).
    pub md5: [u8; 16],
    /// SHA-1 of the DER.
    pub sha1: [u8; 20],
    /// SHA-256 of the DER.
    pub sha256: [u8; 32],
    /// X.509 version, 1 to 3.
    pub version: u32,
    /// Serial number as its DER INTEGER content (two's complement, big-endian).
    pub serial: SmallBytes,
    /// Signature algorithm OID, dotted.
    pub sig_alg_oid: std::borrow::Cow<'static, str>,
    /// Subject DN.
    pub subject: DistinguishedName,
    /// Issuer DN.
    pub issuer: DistinguishedName,
    /// Raw DER of the subject name (for chain checks).
    pub subject_raw: Vec<u8>,
    /// Raw DER of the issuer name.
    pub issuer_raw: Vec<u8>,
    /// notBefore, ms since the epoch.
    pub not_before_ms: i64,
    /// notAfter, ms since the epoch.
    pub not_after_ms: i64,
    /// Public key algorithm and size.
    pub key: KeyInfo,
    /// Subject alternative names; empty when absent or unparseable.
    pub sans: Vec<SanName>,
    /// Key usage bits (bit 0 = digitalSignature in the lowest bit), when present.
    pub key_usage: Option<u16>,
    /// Subject key identifier.
    pub ski: Option<SmallBytes>,
    /// Authority key identifier (keyIdentifier field).
    pub aki: Option<SmallBytes>,
    /// Basic constraints, when present.
    pub basic_constraints: Option<BasicConstraints>,
    /// Extensions Java's rules cannot parse: the record is as without them
    /// (as Java shows it when they are not critical; Java refuses the
    /// certificate when one is critical).
    pub malformed_extensions: Vec<MalformedExtension>,
    /// The signature algorithm OID inside the signed TBSCertificate.
    pub tbs_sig_alg_oid: std::borrow::Cow<'static, str>,
    /// The DER and its signed parts, kept only when asked for (`check`).
    pub signed: Option<std::sync::Arc<SignedCert>>,
}

/// An extension the model could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedExtension {
    /// Its OID, dotted.
    pub oid: String,
    /// Its critical flag.
    pub critical: bool,
    /// What is wrong with it.
    pub reason: String,
}

/// A keystore entry with its certificates modelled.
#[derive(Debug, Clone)]
pub struct EntryRecord {
    /// The input it came from, as named in messages (shared by the entries
    /// of one input).
    pub source: std::sync::Arc<str>,
    /// The alias: the container's, or for a loose certificate the one the
    /// pipeline gives it (`<stem>` or `<stem>-<n>`).
    pub alias: String,
    /// A loose certificate (PEM, DER, PKCS#7): no alias of its own.
    pub loose: bool,
    /// Entry type.
    pub kind: EntryKind,
    /// Creation date in ms since the epoch.
    pub created_ms: i64,
    /// The chain, own certificate first.
    pub chain: Vec<CertRecord>,
    /// For a server's chain: the host it was read from (`check`'s default
    /// `--host`).
    pub server_host: Option<std::sync::Arc<str>>,
    /// For a server's chain: the OCSP response it stapled, DER (`check`
    /// judges it).
    pub stapled_ocsp: Option<std::sync::Arc<[u8]>>,
    /// A private key entry's key, described (`inspect`), when the loader
    /// could read it.
    pub key: Option<crate::load::chain::KeyFacts>,
}

/// An input that could not be read, wholly or in part: what reports show
/// beside the records, in the words stderr used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The input, named as on stderr (a directory's file by its own path).
    pub input: std::sync::Arc<str>,
    /// Why: each problem met, in order.
    pub errors: Vec<String>,
}

impl Unread {
    /// Every reason in one line.
    pub fn reason(&self) -> String {
        self.errors.join("; ")
    }

    /// Adds `input`'s problem `what` to `list`, beside the input's others
    /// when it is the last one listed.
    pub fn add(list: &mut Vec<Unread>, input: &str, what: &str) {
        match list.last_mut() {
            Some(last) if &*last.input == input => last.errors.push(what.to_string()),
            _ => list.push(Unread {
                input: input.into(),
                errors: vec![what.to_string()],
            }),
        }
    }
}

/// Why a certificate could not be modelled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The DER does not parse as a certificate; the parser's reason.
    #[error("not a valid X.509 certificate ({0})")]
    NotACertificate(String),
    /// Bytes left over after the certificate.
    #[error("{0} byte(s) of trailing data after the certificate")]
    TrailingData(usize),
}

/// A certificate [`build`] could not model, with its place in the container.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("entry {entry} certificate {cert}: {error}")]
pub struct CertProblem {
    /// The entry's number in its container, from 1.
    pub entry: usize,
    /// The certificate's number in the entry's chain, from 1.
    pub cert: usize,
    /// What is wrong with it.
    #[source]
    pub error: ModelError,
}

impl CertRecord {
    /// Parses one DER certificate. Trailing bytes after it are an error.
    pub fn from_der(der: &[u8]) -> Result<CertRecord, ModelError> {
        Self::from_der_with_md5(der, Md5::digest(der).into(), Keep::Values)
    }

    /// [`CertRecord::from_der`], keeping what `keep` says.
    pub fn from_der_keeping(der: &[u8], keep: Keep) -> Result<CertRecord, ModelError> {
        Self::from_der_with_md5(der, Md5::digest(der).into(), keep)
    }

    /// [`CertRecord::from_der`] with the MD5 of `der` already computed
    /// ([`build_from`] hashes a batch of certificates at once).
    fn from_der_with_md5(der: &[u8], md5: [u8; 16], keep: Keep) -> Result<CertRecord, ModelError> {
        match Self::from_plain_der(der, md5, keep) {
            // Off the hot path: only a certificate that did not parse is
            // tried as BER.
            Err(e) if der.get(..2) == Some(&[0x30, 0x80]) => {
                Self::from_ber(der, keep).unwrap_or(Err(e))
            }
            done => done,
        }
    }

    /// A certificate whose outer SEQUENCE has the indefinite length (BER),
    /// which Java and OpenSSL read: its fingerprints are over the bytes Java
    /// makes of it (`ber::java_definite`: indefinite lengths made definite),
    /// its values are read from its DER form. `None` when it is not that
    /// (the DER reader's error stands).
    fn from_ber(ber: &[u8], keep: Keep) -> Option<Result<CertRecord, ModelError>> {
        use crate::load::ber;
        let len = ber::element_len(ber).ok()?;
        if len < ber.len() {
            return Some(Err(ModelError::TrailingData(ber.len() - len)));
        }
        let java = ber::java_definite(ber).ok()?;
        let der = ber::to_der(&java).ok()?;
        let mut rec = Self::from_plain_der(&der, Md5::digest(&java).into(), keep).ok()?;
        rec.sha1 = Sha1::digest(&java).into();
        rec.sha256 = Sha256::digest(&java).into();
        Some(Ok(rec))
    }

    /// [`CertRecord::from_der_with_md5`] for what the walk reads (DER, BER lengths).
    fn from_plain_der(der: &[u8], md5: [u8; 16], keep: Keep) -> Result<CertRecord, ModelError> {
        // Extensions are read one by one below, only those the layouts use.
        let (rest, cert) =
            read::certificate(der).map_err(|e| ModelError::NotACertificate(e.to_string()))?;
        if !rest.is_empty() {
            return Err(ModelError::TrailingData(rest.len()));
        }
        let signed = cert.signed.as_ref();
        if keep != Keep::Signed && signed.is_some_and(|s| s.algorithms_differ) {
            // Java refuses it; `check` judges it (rule algorithm-mismatch).
            let e = read::ReadError::Invalid("signature algorithm mismatch");
            return Err(ModelError::NotACertificate(e.to_string()));
        }
        let mut rec =
            CertRecord {
                md5,
                sha1: Sha1::digest(der).into(),
                sha256: Sha256::digest(der).into(),
                version: cert.version,
                serial: cert.raw_serial.into(),
                sig_alg_oid: name::oid_str(&cert.signature_algorithm),
                subject_raw: cert.subject.raw.to_vec(),
                issuer_raw: cert.issuer.raw.to_vec(),
                subject: cert.subject.dn,
                issuer: cert.issuer.dn,
                not_before_ms: cert.not_before_ms,
                not_after_ms: cert.not_after_ms,
                key: key::key_info(&cert.spki),
                sans: Vec::new(),
                key_usage: None,
                ski: None,
                aki: None,
                basic_constraints: None,
                malformed_extensions: Vec::new(),
                tbs_sig_alg_oid: match signed {
                    Some(s) => name::oid_str(&s.tbs_algorithm),
                    None => name::oid_str(&cert.signature_algorithm),
                },
                signed: match (keep, signed) {
                    (Keep::Signed | Keep::Der, Some(s)) => Some(std::sync::Arc::new(
                        SignedCert::new(der, s, &cert.extensions),
                    )),
                    _ => None,
                },
            };
        for ext in &cert.extensions {
            if let Err(e) = rec.take_extension(ext) {
                rec.malformed_extensions.push(MalformedExtension {
                    oid: format!("2.5.29.{}", ext.id),
                    critical: ext.critical,
                    reason: e.to_string(),
                });
            }
        }
        Ok(rec)
    }

    /// Reads one extension the layouts use into the record (Java's rules,
    /// [`ext`]); an error leaves the record as without it.
    fn take_extension(&mut self, e: &read::KnownExtension<'_>) -> Result<(), read::ReadError> {
        match e.id {
            0x11 => self.sans = ext::subject_alt_names(e.value)?,
            0x0f => self.key_usage = Some(ext::key_usage(e.value)?),
            0x0e => self.ski = Some(ext::subject_key_id(e.value)?.into()),
            0x23 => self.aki = ext::authority_key_id(e.value)?.map(Into::into),
            0x13 => {
                let (ca, path_len) = ext::basic_constraints(e.value)?;
                self.basic_constraints = Some(BasicConstraints {
                    ca,
                    path_len: path_len.and_then(|n| u32::try_from(n).ok()),
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// True when subject and issuer are the same name.
    pub fn is_self_issued(&self) -> bool {
        self.subject_raw == self.issuer_raw
    }
}

/// Models every certificate of every loaded entry. Certificates that cannot be
/// parsed are returned as problems; an entry whose own certificate fails is
/// dropped (its issuers are kept only if the entry has other certificates).
/// `entries` start at entry `first_index` of their container (entry numbers
/// in messages stay those of the container). Loose certificates (PEM, DER,
/// PKCS#7) are left unnamed: the pipeline names them after their input.
pub fn build(
    entries: Vec<LoadedEntry>,
    source: &str,
    now_ms: i64,
    first_index: usize,
) -> (Vec<EntryRecord>, Vec<CertProblem>) {
    build_keeping(entries, source, now_ms, first_index, Keep::Values)
}

/// A DER UTCTime or GeneralizedTime (`tag`, contents) in ms since the epoch,
/// read by Java's rules; `None` when it cannot be read.
pub fn time_ms(tag: u8, content: &[u8]) -> Option<i64> {
    time::epoch_ms(tag, content).ok()
}

/// What a record keeps of its certificate's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The values the layouts show (listing).
    Values,
    /// Also the DER and its signed parts ([`CertRecord::signed`], for
    /// `check`); a certificate whose outer and signed algorithms differ,
    /// which Java refuses, is then modelled too.
    Signed,
    /// The values and the DER (`list -f pem`), refusing what Java refuses.
    Der,
}

/// [`build`], keeping what `keep` says.
pub fn build_keeping(
    entries: Vec<LoadedEntry>,
    source: &str,
    now_ms: i64,
    first_index: usize,
    keep: Keep,
) -> (Vec<EntryRecord>, Vec<CertProblem>) {
    let mut out = Vec::with_capacity(entries.len());
    let source: std::sync::Arc<str> = source.into();
    let mut problems = Vec::new();
    let ders: Vec<&[u8]> = entries
        .iter()
        .flat_map(|e| e.chain.iter().map(Vec::as_slice))
        .collect();
    let mut md5s = vec![[0u8; 16]; ders.len()];
    md5x8::md5_many(&ders, &mut md5s);
    let mut first_md5 = 0;
    for (i, e) in entries.into_iter().enumerate() {
        let i = i + first_index;
        let mut chain = Vec::with_capacity(e.chain.len());
        let mut failed = false;
        // The chain's MD5s, in order, whether or not a certificate fails.
        let chain_md5s = &md5s[first_md5..first_md5 + e.chain.len()];
        first_md5 += e.chain.len();
        for (j, (der, &md5)) in e.chain.iter().zip(chain_md5s).enumerate() {
            match CertRecord::from_der_with_md5(der, md5, keep) {
                Ok(c) => chain.push(c),
                Err(error) => {
                    failed = true;
                    problems.push(CertProblem {
                        entry: i + 1,
                        cert: j + 1,
                        error,
                    });
                    break;
                }
            }
        }
        if failed && e.kind != EntryKind::PrivateKey {
            continue;
        }
        let created_ms = e
            .created_ms
            .or_else(|| chain.first().map(|c| c.not_before_ms))
            .unwrap_or(now_ms);
        out.push(EntryRecord {
            source: source.clone(),
            loose: e.alias.is_none(),
            alias: e.alias.unwrap_or_default(),
            kind: e.kind,
            key: e.key,
            created_ms,
            chain,
            server_host: None,
            stapled_ocsp: None,
        });
    }
    (out, problems)
}
