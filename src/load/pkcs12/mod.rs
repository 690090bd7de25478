//! PKCS#12 / PFX reader (RFC 7292): MAC check, decryption, bags → entries.
//!
//! Hand-written on top of the RustCrypto primitives (`hmac`, `pbkdf2`, `aes`,
//! `des`, `rc2`, `rc4`, `cbc`) because no PKCS#12 crate covers what an inspector
//! meets (research/deps.md §3): `p12-keystore` cannot express the NULL
//! (zero-length) password that cryptography, OpenSSL and Windows write for "no
//! password", reads DER only, lacks RC2-128, RC4 and the PKCS#5 v1 schemes, fails
//! a whole file on one odd certificate, and does not say which algorithms a file
//! uses. The ASN.1 is read with [`crate::der`] (through a small adapter that
//! names what was being read)
//! after [`super::ber::to_der`] has normalised BER input.
//!
//! The PKCS#12 key-derivation function (RFC 7292 appendix B) is written here
//! (about 40 lines) rather than taken from the `pkcs12` crate: that crate is only
//! published as a pre-release (0.2.0-pre.0) that pulls the pre-release `der`,
//! `spki`, `cms` and `x509-cert` stack into the build for one function.
//!
//! Nothing here ever puts the password into an error, a detail line or a
//! `Debug` string; no length read from the file sizes an allocation before the
//! bytes exist; nesting of SafeContents is bounded by [`MAX_SAFE_DEPTH`].

mod budget;
mod crypto;
mod entries;
mod keys;
mod mac;
mod oids;

use super::chain;
use super::{ber, ContainerFormat, EntryKind, LoadError, LoadOptions, Loaded, LoadedEntry};
use budget::Budget;
use crypto::*;
use entries::build;
pub use keys::{decrypt_legacy_pem, decrypt_pkcs8, key_and_chain, KeyAndChain};
use mac::*;
use oids::*;
use std::borrow::Cow;
use zeroize::Zeroizing;

const FMT: ContainerFormat = ContainerFormat::Pkcs12;

/// Deepest nesting of SafeContents (through `safeContentsBag`) accepted.
pub const MAX_SAFE_DEPTH: usize = 8;

// ---------------------------------------------------------------------------
// `crate::der`'s reader with the name of what is being read added to its
// errors, as this module's messages give it. The input has been through
// `ber::to_der`, so definite lengths only.

#[derive(Clone, Copy)]
struct Der<'a>(&'a [u8]);

impl<'a> Der<'a> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Runs one read of `crate::der::Reader` and keeps its position.
    fn with<T>(
        &mut self,
        read: impl FnOnce(&mut crate::der::Reader<'a>) -> Result<T, crate::der::DerError>,
    ) -> Result<T, crate::der::DerError> {
        let mut r = crate::der::Reader(self.0);
        let out = read(&mut r)?;
        self.0 = r.rest();
        Ok(out)
    }

    /// Next element: (tag byte, contents).
    fn next(&mut self) -> Result<Element<'a>, String> {
        self.with(|r| r.read()).map_err(|e| e.to_string())
    }

    fn expect(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
        self.with(|r| r.expect(tag))
            .map_err(|e| format!("{what}: {e}"))
    }

    fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, String> {
        self.with(|r| r.optional(tag)).map_err(|e| e.to_string())
    }

    fn oid(&mut self, what: &str) -> Result<String, String> {
        oid_string(self.expect(0x06, what)?).map_err(|e| format!("{what}: {e}"))
    }
}

fn oid_string(body: &[u8]) -> Result<String, String> {
    // Longer OIDs than any algorithm here are refused before decoding.
    if body.len() > 64 {
        return Err(crate::der::DerError::OidLength.to_string());
    }
    crate::der::oid_to_string(body).map_err(|e| e.to_string())
}

/// A non-negative INTEGER; values above `u64::MAX` come back as `u64::MAX`.
fn uint(body: &[u8]) -> Result<u64, String> {
    match body.first() {
        None => Err("empty INTEGER".into()),
        Some(b) if b & 0x80 != 0 => Err("negative INTEGER".into()),
        Some(_) => {
            let digits = match body.iter().position(|&b| b != 0) {
                Some(i) => body.get(i..).unwrap_or(&[]),
                None => &[],
            };
            if digits.len() > 8 {
                return Ok(u64::MAX);
            }
            Ok(digits
                .iter()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
        }
    }
}

/// One DER element: (tag byte, contents).
type Element<'a> = (u8, &'a [u8]);

/// AlgorithmIdentifier: (OID, parameters element if any).
fn algorithm(body: &[u8]) -> Result<(String, Option<Element<'_>>), String> {
    let mut r = Der(body);
    let oid = r.oid("algorithm")?;
    let params = if r.is_empty() { None } else { Some(r.next()?) };
    Ok((oid, params))
}

// ---------------------------------------------------------------------------
// Errors

fn malformed(reason: impl Into<String>) -> LoadError {
    LoadError::malformed(FMT, reason)
}

fn unsupported(what: impl Into<String>) -> LoadError {
    LoadError::Unsupported {
        format: FMT,
        what: what.into(),
    }
}

/// Refuses an iteration count above the limit, before any derivation.
fn check_iterations(iter: u64, what: &str, opts: &LoadOptions) -> Result<(), LoadError> {
    if iter == 0 {
        return Err(malformed(format!("{what}: iteration count 0")));
    }
    if iter > u64::from(opts.max_iterations) {
        return Err(LoadError::Limit {
            format: FMT,
            what: format!(
                "{what} uses {iter} iterations, above the limit of {}; raise it with --max-iterations N",
                opts.max_iterations
            ),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Bags

/// Attributes of a SafeBag that matter here.
#[derive(Default)]
struct Attrs {
    friendly_name: Option<String>,
    local_key_id: Option<Vec<u8>>,
    java_trusted: bool,
}

impl Attrs {
    fn parse(body: &[u8]) -> Result<Attrs, String> {
        let mut attrs = Attrs::default();
        let mut r = Der(body);
        while !r.is_empty() {
            let mut attr = Der(r.expect(0x30, "attribute")?);
            let oid = attr.oid("attribute type")?;
            let mut values = Der(attr.expect(0x31, "attribute values")?);
            if values.is_empty() {
                continue;
            }
            let (tag, value) = values.next()?;
            match oid.as_str() {
                OID_FRIENDLY_NAME => {
                    attrs.friendly_name = Some(match tag {
                        0x1e => {
                            let units: Vec<u16> = value
                                .chunks(2)
                                .map(|c| {
                                    let hi = c.first().copied().unwrap_or(0);
                                    u16::from_be_bytes([hi, c.get(1).copied().unwrap_or(0)])
                                })
                                .collect();
                            String::from_utf16_lossy(&units)
                        }
                        _ => String::from_utf8_lossy(value).into_owned(),
                    })
                }
                OID_LOCAL_KEY_ID if tag == 0x04 => attrs.local_key_id = Some(value.to_vec()),
                OID_JAVA_TRUSTED_KEY_USAGE => attrs.java_trusted = true,
                _ => {}
            }
        }
        Ok(attrs)
    }

    /// Java-written files store the creation date as localKeyId `Time <ms>`.
    fn created_ms(&self) -> Option<i64> {
        let id = self.local_key_id.as_deref()?;
        let text = std::str::from_utf8(id.strip_prefix(b"Time ")?).ok()?;
        text.parse().ok()
    }
}

/// What the walk over the SafeContents collects, in file order.
enum Item {
    /// A private key (PKCS#8), wiped when dropped; empty when it was left
    /// encrypted (no password given).
    Key {
        pkcs8: Zeroizing<Vec<u8>>,
        attrs: Attrs,
    },
    Cert {
        der: Vec<u8>,
        attrs: Attrs,
    },
    Secret {
        attrs: Attrs,
    },
}

/// State shared by the whole read.
struct Reader<'o> {
    opts: &'o LoadOptions,
    cands: Vec<Candidate<'o>>,
    /// The candidate known to be right (MAC verified, or first decryption).
    chosen: Option<usize>,
    /// No password was given and the empty one does not verify the MAC: read
    /// as Java does with a null password (MAC not checked, keys not
    /// decrypted); encrypted contents then need the password.
    unchecked: bool,
    items: Vec<Item>,
    details: Vec<String>,
    warnings: Vec<String>,
    normalised: bool,
    bag_no: usize,
    key_no: usize,
    /// Key-derivation work spent so far (the MAC's included), in hash blocks.
    budget: Budget,
}

/// Outcome of trying the password candidates on one encrypted blob.
enum Decrypted {
    /// The plaintext, wiped when dropped (it may be key material).
    Ok(Zeroizing<Vec<u8>>),
    /// No candidate produced a well-formed plaintext.
    NoPassword,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o LoadOptions) -> Self {
        Reader {
            opts,
            cands: candidates(opts),
            chosen: None,
            unchecked: false,
            items: Vec::new(),
            details: Vec::new(),
            warnings: Vec::new(),
            normalised: false,
            bag_no: 0,
            key_no: 0,
            budget: Budget::new(opts),
        }
    }

    /// Reads every ContentInfo of the AuthenticatedSafe.
    fn authenticated_safe(&mut self, auth_data: &[u8], mac_ok: bool) -> Result<(), LoadError> {
        let auth = self.der(auth_data).map_err(ctx("AuthenticatedSafe"))?;
        let mut outer = Der(&auth);
        let mut cis = Der(outer.expect(0x30, "AuthenticatedSafe").map_err(malformed)?);
        let mut idx = 0;
        while !cis.is_empty() {
            idx += 1;
            let ci = cis
                .expect(0x30, "ContentInfo")
                .map_err(ctx(&format!("content {idx}")))?;
            self.content_info(ci, idx, mac_ok)?;
        }
        Ok(())
    }

    /// Normalises a nested blob, noting when BER had to be rewritten.
    fn der<'b>(&mut self, bytes: &'b [u8]) -> Result<Cow<'b, [u8]>, String> {
        let der = ber::to_der(bytes).map_err(|e| e.to_string())?;
        if matches!(der, Cow::Owned(_)) {
            self.normalised = true;
        }
        Ok(der)
    }

    /// Tries the chosen candidate first, then the others whose bytes differ.
    /// A plaintext counts when it unpads and is one DER SEQUENCE. Every attempt
    /// is charged to the file's key-derivation budget before it runs.
    fn decrypt(
        &mut self,
        scheme: &Scheme<'_>,
        data: &[u8],
        what: &str,
    ) -> Result<Decrypted, LoadError> {
        if self.unchecked {
            // The MAC showed that the empty password is not the password.
            return Ok(Decrypted::NoPassword);
        }
        let encoding = scheme.encoding();
        let mut order: Vec<usize> = (0..self.cands.len()).collect();
        if let Some(c) = self.chosen {
            order.retain(|&i| i != c);
            order.insert(0, c);
        }
        let mut tried: Vec<Zeroizing<Vec<u8>>> = Vec::new();
        for i in order {
            let Some(cand) = self.cands.get(i).copied() else {
                continue;
            };
            let pw = cand.bytes(encoding);
            if tried.iter().any(|t| t[..] == pw[..]) {
                continue;
            }
            tried.push(pw.clone());
            self.budget.spend(scheme.work(pw.len()), what)?;
            if let Some(plain) = scheme.decrypt(&pw, data) {
                if is_one_sequence(&plain) {
                    if self.chosen.is_none() {
                        self.chosen = Some(i);
                    }
                    return Ok(Decrypted::Ok(plain));
                }
            }
        }
        Ok(Decrypted::NoPassword)
    }

    /// The error for "no password candidate worked" on an encrypted part.
    fn password_error(&self, mac_verified: bool, what: &str) -> LoadError {
        if mac_verified {
            malformed(format!(
                "{what}: decryption failed although the MAC verified"
            ))
        } else if self.opts.password.is_some() {
            LoadError::WrongPassword { format: FMT }
        } else {
            LoadError::PasswordRequired { format: FMT }
        }
    }

    fn safe_contents(&mut self, bytes: &[u8], depth: usize, mac_ok: bool) -> Result<(), LoadError> {
        if depth > MAX_SAFE_DEPTH {
            return Err(malformed(format!(
                "SafeContents nested deeper than {MAX_SAFE_DEPTH} levels"
            )));
        }
        let der = self
            .der(bytes)
            .map_err(|e| malformed(format!("SafeContents: {e}")))?;
        let mut outer = Der(&der);
        let body = outer.expect(0x30, "SafeContents").map_err(malformed)?;
        let mut r = Der(body);
        while !r.is_empty() {
            self.bag_no += 1;
            let n = self.bag_no;
            let bag = r
                .expect(0x30, "SafeBag")
                .map_err(|e| malformed(format!("bag {n}: {e}")))?;
            self.bag(bag, n, depth, mac_ok)?;
        }
        Ok(())
    }

    fn bag(&mut self, bag: &[u8], n: usize, depth: usize, mac_ok: bool) -> Result<(), LoadError> {
        let mal = |e: String| malformed(format!("bag {n}: {e}"));
        let mut r = Der(bag);
        let oid = r.oid("bag type").map_err(mal)?;
        let value = r.expect(0xa0, "bag value").map_err(mal)?;
        let attrs = match r.optional(0x31).map_err(mal)? {
            Some(a) => Attrs::parse(a).map_err(|e| mal(format!("attributes: {e}")))?,
            None => Attrs::default(),
        };
        match oid.as_str() {
            OID_KEY_BAG => {
                self.key_no += 1;
                let k = self.key_no;
                let pkcs8 = self.der(value).map_err(mal)?;
                if !is_one_sequence(&pkcs8) {
                    return Err(mal("key bag is not a PrivateKeyInfo".into()));
                }
                self.details.push(format!("key bag {k}: not encrypted"));
                self.items.push(Item::Key {
                    pkcs8: Zeroizing::new(pkcs8.into_owned()),
                    attrs,
                });
            }
            OID_SHROUDED_KEY_BAG => self.shrouded_key_bag(value, attrs, n, mac_ok)?,
            OID_CERT_BAG => {
                let value = self.der(value).map_err(mal)?;
                let mut v = Der(&value);
                let mut cert_bag = Der(v.expect(0x30, "CertBag").map_err(mal)?);
                let cert_type = cert_bag.oid("certificate type").map_err(mal)?;
                let mut cert_value =
                    Der(cert_bag.expect(0xa0, "certificate value").map_err(mal)?);
                match cert_type.as_str() {
                    OID_X509_CERT => {
                        let der = cert_value.expect(0x04, "x509Certificate").map_err(mal)?;
                        self.items.push(Item::Cert {
                            der: der.to_vec(),
                            attrs,
                        });
                    }
                    OID_SDSI_CERT => self
                        .warnings
                        .push(format!("bag {n}: SDSI certificate skipped")),
                    other => self
                        .warnings
                        .push(format!("bag {n}: certificate of type {other} skipped")),
                }
            }
            OID_SECRET_BAG => {
                // Java's keytool -genseckey: the secret is itself encrypted; only
                // the alias and date are shown, so it is not decrypted.
                self.details.push(format!("bag {n}: secret key"));
                self.items.push(Item::Secret { attrs });
            }
            OID_SAFE_CONTENTS_BAG => {
                self.safe_contents(value, depth + 1, mac_ok)?;
            }
            OID_CRL_BAG => self.details.push(format!("bag {n}: CRL ignored")),
            other => self
                .details
                .push(format!("bag {n}: bag type {other} ignored")),
        }
        Ok(())
    }

    /// A pkcs8ShroudedKeyBag: decrypted with the password that works.
    fn shrouded_key_bag(
        &mut self,
        value: &[u8],
        attrs: Attrs,
        n: usize,
        mac_ok: bool,
    ) -> Result<(), LoadError> {
        let mal = |e: String| malformed(format!("bag {n}: {e}"));
        self.key_no += 1;
        let k = self.key_no;
        let value = self.der(value).map_err(mal)?;
        let (scheme, data) = encrypted_key(&value, &format!("key bag {k}"), self.opts, mal)?;
        self.details
            .push(format!("key bag {k}: {}", scheme.describe()));
        match self.decrypt(&scheme, data, &format!("key bag {k}"))? {
            Decrypted::Ok(plain) => {
                let pkcs8 = Zeroizing::new(self.der(&plain).map_err(mal)?.into_owned());
                self.items.push(Item::Key { pkcs8, attrs });
            }
            // Java lists a key entry without decrypting its key (it does so
            // only when the key is asked for): without a password, so does
            // certinfo, pairing it with its certificate by localKeyId.
            Decrypted::NoPassword if self.opts.password.is_none() && !mac_ok => {
                self.details
                    .push(format!("key bag {k}: not decrypted (no password)"));
                self.items.push(Item::Key {
                    pkcs8: Zeroizing::new(Vec::new()),
                    attrs,
                });
            }
            Decrypted::NoPassword => {
                return Err(self.password_error(mac_ok, &format!("bag {n} (key bag {k})")))
            }
        }
        Ok(())
    }

    /// One ContentInfo of the AuthenticatedSafe.
    fn content_info(&mut self, ci: &[u8], idx: usize, mac_ok: bool) -> Result<(), LoadError> {
        let mal = |e: String| malformed(format!("content {idx}: {e}"));
        let mut r = Der(ci);
        let oid = r.oid("content type").map_err(mal)?;
        let content = r.optional(0xa0).map_err(mal)?;
        let items_before = self.items.len();
        let detail_at = self.details.len();
        let how = match oid.as_str() {
            OID_DATA => {
                let Some(content) = content else {
                    return Ok(());
                };
                let data = octets(content).map_err(mal)?;
                self.safe_contents(&data, 0, mac_ok)?;
                "not encrypted".to_string()
            }
            OID_ENCRYPTED_DATA => {
                let content = content.ok_or_else(|| mal("encryptedData without content".into()))?;
                let mut c = Der(content);
                let mut ed = Der(c.expect(0x30, "EncryptedData").map_err(mal)?);
                ed.expect(0x02, "version").map_err(mal)?;
                let mut eci = Der(ed.expect(0x30, "EncryptedContentInfo").map_err(mal)?);
                eci.oid("content type").map_err(mal)?;
                let alg = eci.expect(0x30, "encryption algorithm").map_err(mal)?;
                let data = encrypted_content(&mut eci).map_err(mal)?;
                let scheme = Scheme::parse(alg).map_err(|e| match e {
                    SchemeError::Malformed(m) => mal(m),
                    SchemeError::Unsupported(what) => unsupported(format!("content {idx}: {what}")),
                })?;
                check_iterations(scheme.iterations(), &format!("content {idx}"), self.opts)?;
                let how = scheme.describe();
                match self.decrypt(&scheme, &data, &format!("content {idx}"))? {
                    Decrypted::Ok(plain) => self.safe_contents(&plain, 0, mac_ok)?,
                    Decrypted::NoPassword => {
                        self.details.push(format!(
                            "content {idx} (encryptedData): {how}: not decrypted"
                        ));
                        return Err(
                            self.password_error(mac_ok, &format!("content {idx} (encryptedData)"))
                        );
                    }
                }
                how
            }
            OID_ENVELOPED_DATA => {
                return Err(unsupported(format!(
                    "content {idx} is envelopedData (encrypted to a certificate's key)"
                )))
            }
            other => {
                return Err(unsupported(format!(
                    "content {idx} of type {}",
                    named(other)
                )))
            }
        };
        let new = self.items.get(items_before..).unwrap_or(&[]);
        let all = |f: fn(&Item) -> bool| !new.is_empty() && new.iter().all(f);
        let label = if all(|i| matches!(i, Item::Cert { .. })) {
            format!("certificates (content {idx})")
        } else if all(|i| matches!(i, Item::Key { .. })) {
            format!("keys (content {idx})")
        } else {
            format!("content {idx}")
        };
        self.details.insert(detail_at, format!("{label}: {how}"));
        Ok(())
    }
}

/// An `EncryptedPrivateKeyInfo`: its encryption scheme (iteration count
/// checked) and the encrypted key; `what` names it, `mal` frames a fault.
fn encrypted_key<'a>(
    value: &'a [u8],
    what: &str,
    opts: &LoadOptions,
    mal: impl Fn(String) -> LoadError,
) -> Result<(Scheme<'a>, &'a [u8]), LoadError> {
    let mut v = Der(value);
    let mut epki = Der(v.expect(0x30, "EncryptedPrivateKeyInfo").map_err(&mal)?);
    let alg = epki.expect(0x30, "encryption algorithm").map_err(&mal)?;
    let data = epki.expect(0x04, "encrypted key").map_err(&mal)?;
    let scheme = Scheme::parse(alg).map_err(|e| match e {
        SchemeError::Malformed(m) => mal(m),
        SchemeError::Unsupported(u) => unsupported(format!("{what}: {u}")),
    })?;
    check_iterations(scheme.iterations(), what, opts)?;
    Ok((scheme, data))
}

/// Adds context to a reader error.
fn ctx(what: &str) -> impl Fn(String) -> LoadError + '_ {
    move |e| malformed(format!("{what}: {e}"))
}

/// Contents of `[0] EXPLICIT OCTET STRING` (ContentInfo data content).
fn octets(content: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = Der(content);
    Ok(r.expect(0x04, "data content")?.to_vec())
}

/// Whether `b` is exactly one (BER or DER) SEQUENCE, the shape every decrypted
/// plaintext here has; a wrong key gives this shape with negligible probability.
fn is_one_sequence(b: &[u8]) -> bool {
    b.first() == Some(&0x30) && ber::element_len(b).is_ok_and(|n| n == b.len())
}

/// Reads a PKCS#12 / PFX file: verifies the MAC (trying the empty password in its
/// BMP and NULL forms when none is given), decrypts every bag and builds the
/// entries, sorted by alias.
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let (reader, problems) = read(bytes, opts)?;
    let entries = build(reader.items, opts.max_certificates)
        .map_err(|limit| LoadError::TooManyCertificates { format: FMT, limit })?;
    if entries.is_empty() {
        return Err(LoadError::NoCertificate { format: FMT });
    }
    Ok(Loaded {
        format: FMT,
        entries,
        warnings: reader.warnings,
        problems,
        details: reader.details,
        others: Vec::new(),
    })
}

/// The whole read up to the items: MAC, decryption, bags.
fn read<'o>(
    bytes: &[u8],
    opts: &'o LoadOptions,
) -> Result<(Reader<'o>, Vec<super::Problem>), LoadError> {
    let mut reader = Reader::new(opts);
    let problems = read_into(&mut reader, bytes)?;
    Ok((reader, problems))
}

/// The `--verbose` details of a file that could not be read (a password is
/// missing or wrong): its MAC and encryption parameters, as far as the read
/// got. Nothing secret is in them.
pub fn details_of_failure(bytes: &[u8], opts: &LoadOptions) -> Vec<String> {
    let mut reader = Reader::new(opts);
    let _ = read_into(&mut reader, bytes);
    reader.details
}

/// [`read`] into `reader`, which keeps its details when it fails.
fn read_into(reader: &mut Reader<'_>, bytes: &[u8]) -> Result<Vec<super::Problem>, LoadError> {
    let len = ber::element_len(bytes).map_err(|e| malformed(format!("PFX: {e}")))?;
    let mut problems = Vec::new();
    if len < bytes.len() {
        problems.push(super::Problem::TrailingPfx(bytes.len() - len));
    }
    let pfx_bytes = bytes.get(..len).unwrap_or(bytes);
    let pfx = ber::to_der(pfx_bytes).map_err(|e| malformed(format!("PFX: {e}")))?;
    let mut normalised = matches!(pfx, Cow::Owned(_));

    let (auth_data, mac) = pfx_parts(&pfx)?;

    let mac_ok = reader.integrity(mac.as_ref(), &auth_data)?;
    let password_line = reader.details.len();

    reader.authenticated_safe(&auth_data, mac_ok)?;

    let password = match reader.chosen.and_then(|i| reader.cands.get(i)) {
        Some(c) => format!("password: {}", c.form.label()),
        None if reader.unchecked => "password: none given".to_string(),
        None => "password: not needed".to_string(),
    };
    reader.details.insert(password_line, password);
    normalised |= reader.normalised;
    if normalised {
        reader
            .details
            .insert(0, "BER input normalised to DER".to_string());
    }
    Ok(problems)
}

impl Reader<'_> {
    /// Checks the MAC, if any, with the password candidates: whether it
    /// verified. Given no password, a MAC the empty password does not verify is
    /// skipped, as Java skips it for a null password, with a warning; what is
    /// not encrypted is then read.
    fn integrity(
        &mut self,
        mac: Option<&MacData<'_>>,
        auth_data: &[u8],
    ) -> Result<bool, LoadError> {
        let Some(mac) = mac else {
            self.details
                .push("no MAC (integrity not protected)".to_string());
            return Ok(false);
        };
        match check_mac(
            mac,
            auth_data,
            &mut self.details,
            &self.cands,
            &mut self.budget,
            self.opts,
        ) {
            Ok(i) => {
                self.chosen = Some(i);
                Ok(true)
            }
            Err(LoadError::PasswordRequired { .. }) => {
                self.unchecked = true;
                self.warnings.push(super::NO_PASSWORD_WARNING.to_string());
                self.details
                    .push("integrity: not checked (no password)".to_string());
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// The PFX's authSafe content octets and its MacData, if any.
fn pfx_parts(pfx: &[u8]) -> Result<(Vec<u8>, Option<MacData<'_>>), LoadError> {
    let mut top = Der(pfx);
    let mut r = Der(top.expect(0x30, "PFX").map_err(ctx("PFX"))?);
    let version =
        uint(r.expect(0x02, "version").map_err(ctx("PFX"))?).map_err(ctx("PFX version"))?;
    if version != 3 {
        return Err(unsupported(format!(
            "PFX version {version} (only 3 exists)"
        )));
    }
    let mut auth_safe = Der(r.expect(0x30, "authSafe").map_err(ctx("PFX"))?);
    let ct = auth_safe.oid("authSafe content type").map_err(ctx("PFX"))?;
    match ct.as_str() {
        OID_DATA => {}
        OID_SIGNED_DATA => {
            return Err(unsupported(
                "public-key integrity mode (authSafe is signedData)",
            ))
        }
        other => return Err(unsupported(format!("authSafe of type {}", named(other)))),
    }
    let content = auth_safe
        .expect(0xa0, "authSafe content")
        .map_err(ctx("PFX"))?;
    let auth_data = octets(content).map_err(ctx("authSafe"))?;
    let mac = match r.optional(0x30).map_err(ctx("PFX"))? {
        Some(m) => Some(MacData::parse(m)?),
        None => None,
    };
    Ok((auth_data, mac))
}

/// Checks the MAC with each password candidate once, each try charged to the
/// file's budget: the index of the one that verifies it.
fn check_mac(
    mac: &MacData<'_>,
    auth_data: &[u8],
    details: &mut Vec<String>,
    cands: &[Candidate<'_>],
    budget: &mut Budget,
    opts: &LoadOptions,
) -> Result<usize, LoadError> {
    check_iterations(mac.iterations(), "the MAC", opts)?;
    details.push(mac.describe());
    let mut tried: Vec<Zeroizing<Vec<u8>>> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let pw = c.bytes(mac.encoding());
        if tried.iter().any(|t| t[..] == pw[..]) {
            continue;
        }
        tried.push(pw.clone());
        budget.spend(mac.work(pw.len()), "the MAC")?;
        if mac.verify(c, auth_data) {
            return Ok(i);
        }
    }
    if opts.password.is_some() {
        Err(LoadError::WrongPassword { format: FMT })
    } else {
        Err(LoadError::PasswordRequired { format: FMT })
    }
}

/// encryptedContent [0] IMPLICIT OCTET STRING: primitive, or constructed
/// (BER chunks) which `to_der` keeps as `[0] { 04 .. }`.
fn encrypted_content(eci: &mut Der<'_>) -> Result<Vec<u8>, String> {
    if eci.is_empty() {
        return Err("encryptedData without encrypted content".into());
    }
    match eci.next()? {
        (0x80, d) => Ok(d.to_vec()),
        (0xa0, chunks) => {
            let mut out = Vec::new();
            let mut ch = Der(chunks);
            while !ch.is_empty() {
                out.extend_from_slice(ch.expect(0x04, "content chunk")?);
            }
            Ok(out)
        }
        (t, _) => Err(format!("encrypted content has tag 0x{t:02x}")),
    }
}

#[cfg(test)]
mod tests {
    use super::entries::java_order;
    use super::*;
    use crate::load::Password;
    use cbc::cipher::block_padding::Pkcs7;
    use cbc::cipher::KeyInit;
    use hmac::{Hmac, Mac};

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../testdata/pkcs12/", $name)).as_slice()
        };
    }

    fn opts(pw: Option<&str>) -> LoadOptions {
        LoadOptions {
            password: pw.map(Password::new),
            ..LoadOptions::default()
        }
    }

    fn read(bytes: &[u8], pw: Option<&str>) -> Result<Loaded, LoadError> {
        load(bytes, &opts(pw))
    }

    /// (alias, kind, chain length, has a stored creation date) per entry.
    fn summary(l: &Loaded) -> Vec<(String, EntryKind, usize, bool)> {
        l.entries
            .iter()
            .map(|e| {
                (
                    e.alias.clone().unwrap_or_default(),
                    e.kind,
                    e.chain.len(),
                    e.created_ms.is_some(),
                )
            })
            .collect()
    }

    fn has_detail(l: &Loaded, needle: &str) -> bool {
        l.details.iter().any(|d| d.contains(needle))
    }

    const LEAF: (&str, EntryKind, usize, bool) = ("my leaf", EntryKind::PrivateKey, 3, false);

    /// Every scheme, with the fixture that carries it and a detail line to expect.
    #[test]
    fn reads_every_scheme() {
        let cases: &[(&[u8], &str, &[&str])] = &[
            (
                fixture!("ossl-default.p12"),
                "changeit",
                &[
                    "MAC: HMAC-SHA256, 2048 iterations, salt 8 bytes",
                    "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC)",
                ],
            ),
            (
                fixture!("ossl-legacy.p12"),
                "changeit",
                &[
                    "MAC: HMAC-SHA1",
                    "certificates (content 1): pbeWithSHAAnd40BitRC2-CBC, 2048 iterations",
                    "key bag 1: pbeWithSHAAnd3-KeyTripleDES-CBC, 2048 iterations",
                ],
            ),
            (
                fixture!("rc2-40-3des.p12"),
                "changeit",
                &[
                    "pbeWithSHAAnd40BitRC2-CBC",
                    "pbeWithSHAAnd3-KeyTripleDES-CBC",
                ],
            ),
            (
                fixture!("rc2-128.p12"),
                "changeit",
                &[
                    "certificates (content 1): pbeWithSHAAnd128BitRC2-CBC",
                    "key bag 1: pbeWithSHAAnd128BitRC2-CBC",
                ],
            ),
            (
                fixture!("2des.p12"),
                "changeit",
                &[
                    "certificates (content 1): pbeWithSHAAnd2-KeyTripleDES-CBC",
                    "key bag 1: pbeWithSHAAnd2-KeyTripleDES-CBC",
                ],
            ),
            (
                fixture!("rc4-128.p12"),
                "changeit",
                &[
                    "certificates (content 1): pbeWithSHAAnd128BitRC4",
                    "key bag 1: pbeWithSHAAnd128BitRC4",
                ],
            ),
            (
                fixture!("rc4-40.p12"),
                "changeit",
                &[
                    "certificates (content 1): pbeWithSHAAnd40BitRC4",
                    "key bag 1: pbeWithSHAAnd40BitRC4",
                ],
            ),
            (
                fixture!("md5-des.p12"),
                "changeit",
                &[
                    "MAC: HMAC-MD5",
                    "pbeWithMD5AndDES-CBC",
                    "key bag 1: pbeWithSHA1AndDES-CBC",
                ],
            ),
            (
                fixture!("aes128-sha512mac.p12"),
                "changeit",
                &["MAC: HMAC-SHA512", "AES-128-CBC"],
            ),
            (
                fixture!("aes192-sha1mac.p12"),
                "changeit",
                &["MAC: HMAC-SHA1", "AES-192-CBC"],
            ),
            (
                fixture!("pbes2-3des-des-sha384mac.p12"),
                "changeit",
                &[
                    "MAC: HMAC-SHA384",
                    "(PBKDF2-HMAC-SHA256, 2048 iterations, DES-EDE3-CBC)",
                    "key bag 1: PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, DES-CBC)",
                ],
            ),
            (fixture!("sha224mac.p12"), "changeit", &["MAC: HMAC-SHA224"]),
            (
                fixture!("none-nomac.p12"),
                "changeit",
                &[
                    "no MAC (integrity not protected)",
                    "password: not needed",
                    "key bag 1: not encrypted",
                ],
            ),
            (
                fixture!("legacy-nomac.p12"),
                "changeit",
                &[
                    "no MAC",
                    "password: given",
                    "key bag 1: pbeWithSHAAnd3-KeyTripleDES-CBC",
                ],
            ),
            (fixture!("utf8-pass.p12"), "ünïcødé", &["password: given"]),
            (
                fixture!("fuzz-aes.p12"),
                "changeit",
                &["PBES2 (PBKDF2-HMAC-SHA256, 2 iterations, AES-256-CBC)"],
            ),
        ];
        for (i, (bytes, pw, details)) in cases.iter().enumerate() {
            let l = read(bytes, Some(pw)).unwrap_or_else(|e| panic!("case {i}: {e}"));
            assert_eq!(l.format, ContainerFormat::Pkcs12);
            if i == 14 {
                assert_eq!(
                    summary(&l)[0].0,
                    "ünïcode ключ ☺",
                    "Java lower-cases friendlyName"
                );
            } else {
                assert_eq!(
                    summary(&l),
                    vec![(LEAF.0.to_string(), LEAF.1, LEAF.2, LEAF.3)],
                    "case {i}"
                );
            }
            for d in *details {
                assert!(has_detail(&l, d), "case {i}: no {d:?} in {:?}", l.details);
            }
            assert!(!has_detail(&l, "BER"), "case {i}");
        }
    }

    #[test]
    fn keytool_stores() {
        // Two keys (one imported with its chain), a trusted certificate and an AES
        // secret key; aliases lower-cased and sorted; dates from "Time <ms>".
        let l = read(fixture!("kt-default.p12"), Some("changeit")).unwrap();
        assert_eq!(
            summary(&l),
            vec![
                ("client".into(), EntryKind::PrivateKey, 1, true),
                ("root ca".into(), EntryKind::TrustedCert, 1, false),
                ("secret aes".into(), EntryKind::SecretKey, 0, true),
                ("server key".into(), EntryKind::PrivateKey, 3, true),
            ]
        );
        assert!(l
            .entries
            .iter()
            .all(|e| e.created_ms.is_none_or(|ms| ms > 1_600_000_000_000)));
        assert!(has_detail(
            &l,
            "MAC: HMAC-SHA256, 10000 iterations, salt 20 bytes"
        ));

        let l = read(fixture!("kt-legacy.p12"), Some("changeit")).unwrap();
        assert_eq!(
            summary(&l),
            vec![
                ("legacy".into(), EntryKind::PrivateKey, 1, true),
                ("other".into(), EntryKind::TrustedCert, 1, false),
            ]
        );
        assert!(has_detail(&l, "MAC: HMAC-SHA1, 100000 iterations"));
        assert!(has_detail(
            &l,
            "pbeWithSHAAnd40BitRC2-CBC, 50000 iterations"
        ));

        let l = read(fixture!("kt-sha512.p12"), Some("changeit")).unwrap();
        assert!(has_detail(&l, "MAC: HMAC-SHA512"));
        assert!(has_detail(
            &l,
            "key bag 1: PBES2 (PBKDF2-HMAC-SHA512, 10000 iterations, AES-256-CBC)"
        ));
        assert!(has_detail(
            &l,
            "PBES2 (PBKDF2-HMAC-SHA384, 10000 iterations, AES-128-CBC)"
        ));
        let l = read(fixture!("kt-sha224.p12"), Some("changeit")).unwrap();
        assert!(has_detail(&l, "MAC: HMAC-SHA224"));
        assert!(has_detail(&l, "PBKDF2-HMAC-SHA224"));
        assert!(has_detail(&l, "PBKDF2-HMAC-SHA1,"));
        let l = read(fixture!("kt-sha384mac.p12"), Some("changeit")).unwrap();
        assert!(has_detail(&l, "MAC: HMAC-SHA384"));

        // Certificates only, no MAC: readable without a password.
        let l = read(fixture!("kt-trust-nomac.p12"), None).unwrap();
        assert_eq!(
            summary(&l),
            vec![
                ("other".into(), EntryKind::TrustedCert, 1, false),
                ("root ca".into(), EntryKind::TrustedCert, 1, false),
            ]
        );
    }

    #[test]
    fn openssl_shapes() {
        // No friendlyName: the key is "1".
        let l = read(fixture!("noname.p12"), Some("changeit")).unwrap();
        assert_eq!(
            summary(&l),
            vec![("1".into(), EntryKind::PrivateKey, 3, false)]
        );
        // Certificates only: one trustedCertEntry each, numbered in file order.
        let l = read(fixture!("certs-only.p12"), Some("changeit")).unwrap();
        assert_eq!(
            summary(&l),
            vec![
                ("1".into(), EntryKind::TrustedCert, 1, false),
                ("2".into(), EntryKind::TrustedCert, 1, false),
                ("3".into(), EntryKind::TrustedCert, 1, false),
            ]
        );
        // A key without any certificate is kept, with an empty chain.
        let l = read(fixture!("key-only.p12"), Some("changeit")).unwrap();
        assert_eq!(
            summary(&l),
            vec![("lonely key".into(), EntryKind::PrivateKey, 0, false)]
        );
    }

    #[test]
    fn empty_and_null_passwords() {
        // `openssl -passout pass:` and cryptography's NoEncryption: BMP "00 00".
        for bytes in [fixture!("empty-pass.p12"), fixture!("pyca-noenc.p12")] {
            for pw in [None, Some("")] {
                let l = read(bytes, pw).unwrap();
                assert!(
                    has_detail(&l, "password: empty (BMP form)"),
                    "{:?}",
                    l.details
                );
            }
        }
        // The NULL (zero-length) form, for the MAC and for RC2-40 / 3DES bags.
        for pw in [None, Some("")] {
            let l = read(fixture!("pyca-no-password.p12"), pw).unwrap();
            assert!(has_detail(&l, "password: NULL"), "{:?}", l.details);
            assert_eq!(l.entries.len(), 1);
            assert_eq!(l.entries[0].chain.len(), 1);
        }
        assert!(matches!(
            read(fixture!("pyca-no-password.p12"), Some("x")),
            Err(LoadError::WrongPassword { .. })
        ));
    }

    #[test]
    fn password_errors() {
        assert_eq!(
            read(fixture!("ossl-default.p12"), None).unwrap_err(),
            LoadError::PasswordRequired { format: FMT }
        );
        for bytes in [fixture!("ossl-default.p12"), fixture!("legacy-nomac.p12")] {
            assert_eq!(
                read(bytes, Some("")).unwrap_err(),
                LoadError::WrongPassword { format: FMT }
            );
            let e = read(bytes, Some("wrong")).unwrap_err();
            assert_eq!(e, LoadError::WrongPassword { format: FMT });
            assert!(e.is_password());
            assert!(e.to_string().contains("wrong password or corrupted MAC"));
        }
        // Nothing encrypted and no MAC: any password will do.
        assert!(read(fixture!("none-nomac.p12"), Some("wrong")).is_ok());
    }

    /// Java given no password (null) lists what needs no decryption: plain
    /// certificate bags and the (still encrypted) keys they belong to.
    #[test]
    fn without_a_password_what_is_not_encrypted_is_listed() {
        // No MAC, plain certificates, 3DES-encrypted key.
        let l = read(fixture!("legacy-nomac.p12"), None).unwrap();
        assert_eq!(
            summary(&l),
            vec![(LEAF.0.to_string(), LEAF.1, LEAF.2, LEAF.3)]
        );
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        assert!(has_detail(&l, "key bag 1: not decrypted (no password)"));
        // A MAC the empty password does not verify is skipped with a warning;
        // the encrypted certificates then need the password.
        let e = read(fixture!("ossl-default.p12"), None).unwrap_err();
        assert_eq!(e, LoadError::PasswordRequired { format: FMT });
        assert!(e.to_string().contains("--password-env VAR"));
    }

    #[test]
    fn corrupted_mac_is_a_password_error() {
        let mut bytes = fixture!("ossl-default.p12").to_vec();
        // The MAC digest sits near the end: salt (8) + iterations (4) + tags after it.
        let at = bytes.len() - 20;
        bytes[at] ^= 0x01;
        assert_eq!(
            read(&bytes, Some("changeit")).unwrap_err(),
            LoadError::WrongPassword { format: FMT }
        );
    }

    #[test]
    fn iteration_limit() {
        let limited = LoadOptions {
            password: Some(Password::new("changeit")),
            max_iterations: 1000,
            ..LoadOptions::default()
        };
        let e = load(fixture!("ossl-default.p12"), &limited).unwrap_err();
        assert!(matches!(e, LoadError::Limit { .. }), "{e:?}");
        let text = e.to_string();
        assert!(
            text.contains("2048") && text.contains("--max-iterations N"),
            "{text}"
        );

        let limited = LoadOptions {
            password: Some(Password::new("changeit")),
            max_iterations: 60_000,
            ..LoadOptions::default()
        };
        let e = load(fixture!("kt-legacy.p12"), &limited).unwrap_err();
        assert!(e.to_string().contains("100000"), "{e}");
        // The bag limit applies too (MAC-less file).
        let limited = LoadOptions {
            password: Some(Password::new("changeit")),
            max_iterations: 1,
            ..LoadOptions::default()
        };
        let e = load(fixture!("legacy-nomac.p12"), &limited).unwrap_err();
        assert!(
            e.to_string().contains("key bag 1 uses 2048 iterations"),
            "{e}"
        );
    }

    #[test]
    fn ber_input() {
        let pairs: &[(&[u8], &[u8], Option<&str>)] = &[
            (
                fixture!("ber-default.p12"),
                fixture!("ossl-default.p12"),
                Some("changeit"),
            ),
            (
                fixture!("ber-legacy.p12"),
                fixture!("ossl-legacy.p12"),
                Some("changeit"),
            ),
            (
                fixture!("ber-deep-nomac.p12"),
                fixture!("none-nomac.p12"),
                None,
            ),
            (
                fixture!("ber-deep-legacy-nomac.p12"),
                fixture!("fuzz-legacy.p12"),
                Some("changeit"),
            ),
        ];
        for (i, (ber, der, pw)) in pairs.iter().enumerate() {
            let a = read(ber, *pw).unwrap_or_else(|e| panic!("case {i}: {e}"));
            let b = read(der, *pw).unwrap();
            assert_eq!(a.entries, b.entries, "case {i}");
            assert_eq!(
                a.details.first().map(String::as_str),
                Some("BER input normalised to DER")
            );
        }
    }

    #[test]
    fn pbmac1_rfc9579() {
        for bytes in [fixture!("rfc9579-a1.p12"), fixture!("rfc9579-a3.p12")] {
            let l = read(bytes, Some("1234")).unwrap();
            assert_eq!(
                summary(&l),
                vec![("1".into(), EntryKind::PrivateKey, 1, false)]
            );
            assert!(
                has_detail(&l, "MAC: PBMAC1 (PBKDF2-HMAC-SHA"),
                "{:?}",
                l.details
            );
            assert_eq!(
                read(bytes, Some("4321")).unwrap_err(),
                LoadError::WrongPassword { format: FMT }
            );
        }
        let e = read(fixture!("rfc9579-a6.p12"), Some("1234")).unwrap_err();
        assert!(matches!(e, LoadError::Malformed { .. }) && e.to_string().contains("keyLength"));
    }

    #[test]
    fn pbmac1_long_key_counts_every_block() {
        // rfc9579-a1 with its PBMAC1 keyLength raised from 32 to 127 bytes:
        // four PBKDF2-HMAC-SHA256 blocks of 2048 iterations each.
        let mut bytes = fixture!("rfc9579-a1.p12").to_vec();
        let params = [0x02, 0x02, 0x08, 0x00, 0x02, 0x01, 0x20];
        let at = bytes
            .windows(params.len())
            .rposition(|w| w == params)
            .expect("PBMAC1 iteration count and keyLength");
        bytes[at + 6] = 0x7f;
        let opts = |max_iterations| LoadOptions {
            password: Some(Password::new("1234")),
            max_iterations,
            ..LoadOptions::default()
        };
        // Four PBKDF2-HMAC-SHA256 outputs of 2 + 2 * 2047 blocks, plus 2 for
        // the HMAC key, against one for the stored 32 bytes.
        let work = |b: &[u8]| pfx_parts(b).unwrap().1.unwrap().work(4);
        assert_eq!(work(&bytes), 2 + 4 * 4096);
        assert_eq!(work(fixture!("rfc9579-a1.p12")), 2 + 4096);
        // All of it is charged: 10 per allowed iteration covers it.
        assert_eq!(
            load(&bytes, &opts(2048)).unwrap_err(),
            LoadError::WrongPassword { format: FMT }
        );
        assert!(load(fixture!("rfc9579-a1.p12"), &opts(2048)).is_ok());
    }

    #[test]
    fn no_secret_in_any_output() {
        let secret = "zebra-Secret-4711";
        let mut texts = Vec::new();
        for bytes in [
            fixture!("ossl-default.p12"),
            fixture!("legacy-nomac.p12"),
            fixture!("none-nomac.p12"),
        ] {
            match read(bytes, Some(secret)) {
                Ok(l) => texts.push(format!("{l:?}")),
                Err(e) => texts.push(format!("{e} {e:?}")),
            }
        }
        texts.push(format!("{:?}", opts(Some(secret))));
        let l = read(fixture!("utf8-pass.p12"), Some("ünïcødé")).unwrap();
        assert!(!format!("{l:?}").contains("ünïcødé"));
        for t in texts {
            assert!(!t.contains(secret), "{t}");
        }
    }

    #[test]
    fn kdf_matches_openssl() {
        // `openssl kdf -kdfopt digest:.. -kdfopt hexpass:.. -kdfopt hexsalt:..
        //  -kdfopt iter:.. -kdfopt id:.. -keylen .. PKCS12KDF` (OpenSSL 3.0).
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let salt = hex("0A58CF64530D823F");
        let smeg = hex("0073006d006500670000");
        assert_eq!(
            *Hash::Sha1.pkcs12_kdf(&smeg, &salt, 1, 1, 24),
            hex("8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3")
        );
        // The NULL password: zero bytes.
        assert_eq!(
            *Hash::Sha1.pkcs12_kdf(&[], &salt, 3, 5, 20),
            hex("BB5C871AB93E16DA629ED3704AAAF8B50F6B98F5")
        );
        assert_eq!(
            *Hash::Sha256.pkcs12_kdf(&[0, 0], &hex("0102030405060708"), 3, 3, 32),
            hex("22FB4E1FDD8C4B243E16B1E0EECFF2241431C61C0C3419677B596F5B178B2A0F")
        );
        let long_salt = hex("0A58CF64530D823F0A58CF64530D823F0A58CF64530D823F0A58CF64530D823F0A58");
        assert_eq!(
            *Hash::Sha224.pkcs12_kdf(&[0, 0], &long_salt, 2, 2, 28),
            hex("ACAFFA102E2366782800074D904CE603016EAC5D685CB238B3D62A53")
        );
        assert_eq!(
            *Hash::Sha384.pkcs12_kdf(&[0, 0], &[0], 3, 1, 48),
            hex("7EDDEB3DFA0961F9F41F7A4C1EA1C584A15129F8FDF21DFCA31CD305480890F26BC988C9880571FAE866873D6941E378")
        );
        assert_eq!(
            *Hash::Sha512.pkcs12_kdf(&[0, 0x41, 0, 0], &[1], 1, 2, 64),
            hex("36AA9A538A2679B08A3E29A8AE8D2C2C52B543263E286EA4F2831B7CC153B4D14BD65432CDCF42911C033F66675933C07B4FBFE9D322A34ADFA1E888DAFB8B66")
        );
    }

    #[test]
    fn java_alias_order() {
        let mut v = vec!["b", "a", "B", "\u{10000}", "\u{ffff}", "10", "9"];
        v.sort_by(|a, b| java_order(a, b));
        // UTF-16: a supplementary character (D800 DC00) sorts before U+FFFF.
        assert_eq!(v, vec!["10", "9", "B", "a", "b", "\u{10000}", "\u{ffff}"]);
    }

    #[test]
    fn oids_and_integers() {
        assert_eq!(
            oid_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]).unwrap(),
            OID_DATA
        );
        assert_eq!(oid_string(&[0x88, 0x37]).unwrap(), "2.999");
        assert!(oid_string(&[0x2a, 0x86]).is_err());
        assert!(oid_string(&[0x80, 0x01]).is_err());
        assert!(oid_string(&[0xff; 20]).is_err());
        assert_eq!(uint(&[0x00, 0x80]).unwrap(), 128);
        assert!(uint(&[0x80]).is_err());
        assert_eq!(uint(&[1; 9]).unwrap(), u64::MAX);
    }

    // --- synthetic files

    fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
        let body = parts.concat();
        let mut v = vec![tag];
        let n = body.len();
        if n < 0x80 {
            v.push(n as u8);
        } else {
            let bytes = n.to_be_bytes();
            let skip = bytes.iter().position(|&b| b != 0).unwrap_or(7);
            v.push(0x80 | (8 - skip) as u8);
            v.extend_from_slice(&bytes[skip..]);
        }
        v.extend(body);
        v
    }

    fn oid(dotted: &str) -> Vec<u8> {
        let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
        let mut body = Vec::new();
        let mut push = |mut x: u64| {
            let mut digits = vec![(x & 0x7f) as u8];
            x >>= 7;
            while x > 0 {
                digits.push(0x80 | (x & 0x7f) as u8);
                x >>= 7;
            }
            digits.reverse();
            body.extend(digits);
        };
        push(arcs[0] * 40 + arcs[1]);
        for &a in &arcs[2..] {
            push(a);
        }
        tlv(0x06, &[&body])
    }

    fn bmp(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    /// A SafeBag with optional friendlyName / localKeyId / Java trusted attribute.
    fn bag(
        kind: &str,
        value: &[u8],
        name: Option<&str>,
        key_id: Option<&[u8]>,
        trusted: bool,
    ) -> Vec<u8> {
        let mut attrs = Vec::new();
        if let Some(n) = name {
            attrs.extend(tlv(
                0x30,
                &[
                    &oid(OID_FRIENDLY_NAME),
                    &tlv(0x31, &[&tlv(0x1e, &[&bmp(n)])]),
                ],
            ));
        }
        if let Some(id) = key_id {
            attrs.extend(tlv(
                0x30,
                &[&oid(OID_LOCAL_KEY_ID), &tlv(0x31, &[&tlv(0x04, &[id])])],
            ));
        }
        if trusted {
            attrs.extend(tlv(
                0x30,
                &[
                    &oid(OID_JAVA_TRUSTED_KEY_USAGE),
                    &tlv(0x31, &[&oid("2.5.29.37.0")]),
                ],
            ));
        }
        let attrs = if attrs.is_empty() {
            Vec::new()
        } else {
            tlv(0x31, &[&attrs])
        };
        tlv(0x30, &[&oid(kind), &tlv(0xa0, &[value]), &attrs])
    }

    fn cert_bag(der: &[u8], name: Option<&str>, trusted: bool) -> Vec<u8> {
        let value = tlv(
            0x30,
            &[&oid(OID_X509_CERT), &tlv(0xa0, &[&tlv(0x04, &[der])])],
        );
        bag(OID_CERT_BAG, &value, name, None, trusted)
    }

    fn data_ci(bags: &[Vec<u8>]) -> Vec<u8> {
        let safe = tlv(0x30, &[&bags.concat()]);
        tlv(0x30, &[&oid(OID_DATA), &tlv(0xa0, &[&tlv(0x04, &[&safe])])])
    }

    fn encrypted_ci(alg: &[u8], data: &[u8]) -> Vec<u8> {
        let eci = tlv(0x30, &[&oid(OID_DATA), alg, &tlv(0x80, &[data])]);
        let ed = tlv(0x30, &[&tlv(0x02, &[&[0]]), &eci]);
        tlv(0x30, &[&oid(OID_ENCRYPTED_DATA), &tlv(0xa0, &[&ed])])
    }

    fn pbe_3des(iter: u8) -> Vec<u8> {
        let params = tlv(0x30, &[&tlv(0x04, &[&[7; 8]]), &tlv(0x02, &[&[iter]])]);
        tlv(0x30, &[&oid("1.2.840.113549.1.12.1.3"), &params])
    }

    /// pbeWithSHAAnd3-KeyTripleDES-CBC encryption as [`pbe_3des`] describes it.
    fn encrypt_3des(pw: &str, iter: u8, plain: &[u8]) -> Vec<u8> {
        use cbc::cipher::{BlockModeEncrypt, KeyIvInit};
        let mut pass = bmp(pw);
        pass.extend([0, 0]);
        let key = Hash::Sha1.pkcs12_kdf(&pass, &[7; 8], 1, u32::from(iter), 24);
        let iv = Hash::Sha1.pkcs12_kdf(&pass, &[7; 8], 2, u32::from(iter), 8);
        let enc = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv).unwrap();
        let mut buf = plain.to_vec();
        buf.resize(plain.len() + 8, 0);
        enc.encrypt_padded::<Pkcs7>(&mut buf, plain.len())
            .unwrap()
            .to_vec()
    }

    /// A PFX around `cis`, with an HMAC-SHA256 MAC under `mac_pw` (BMP form).
    fn pfx(cis: &[Vec<u8>], mac_pw: Option<&str>) -> Vec<u8> {
        let auth = tlv(0x30, &[&cis.concat()]);
        let ci = tlv(0x30, &[&oid(OID_DATA), &tlv(0xa0, &[&tlv(0x04, &[&auth])])]);
        let mac = match mac_pw {
            None => Vec::new(),
            Some(pw) => {
                let salt = [9u8; 8];
                let mut pass = bmp(pw);
                pass.extend([0, 0]);
                let key = Hash::Sha256.pkcs12_kdf(&pass, &salt, 3, 1, 32);
                let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
                mac.update(&auth);
                let tag = mac.finalize().into_bytes();
                let alg = tlv(0x30, &[&oid("2.16.840.1.101.3.4.2.1"), &[5, 0]]);
                tlv(
                    0x30,
                    &[
                        &tlv(0x30, &[&alg, &tlv(0x04, &[&tag])]),
                        &tlv(0x04, &[&salt]),
                        &tlv(0x02, &[&[1]]),
                    ],
                )
            }
        };
        tlv(0x30, &[&tlv(0x02, &[&[3]]), &ci, &mac])
    }

    #[test]
    fn synthetic_unsupported_contents() {
        let env = tlv(
            0x30,
            &[&oid(OID_ENVELOPED_DATA), &tlv(0xa0, &[&tlv(0x30, &[])])],
        );
        let e = read(&pfx(&[env], Some("pw")), Some("pw")).unwrap_err();
        assert!(
            matches!(e, LoadError::Unsupported { .. }) && e.to_string().contains("envelopedData"),
            "{e}"
        );

        let alg = tlv(0x30, &[&oid("1.2.3.4.5"), &[5, 0]]);
        let e = read(&pfx(&[encrypted_ci(&alg, &[0; 16])], None), None).unwrap_err();
        assert!(
            matches!(e, LoadError::Unsupported { .. }) && e.to_string().contains("1.2.3.4.5"),
            "{e}"
        );

        let alg = tlv(
            0x30,
            &[
                &oid("1.2.840.113549.1.5.1"),
                &tlv(0x30, &[&tlv(0x04, &[&[1; 8]]), &tlv(0x02, &[&[1]])]),
            ],
        );
        let e = read(&pfx(&[encrypted_ci(&alg, &[0; 16])], None), None).unwrap_err();
        assert!(
            e.to_string()
                .contains("pbeWithMD2AndDES-CBC (1.2.840.113549.1.5.1)"),
            "{e}"
        );

        let signed = tlv(
            0x30,
            &[
                &tlv(0x02, &[&[3]]),
                &tlv(
                    0x30,
                    &[&oid(OID_SIGNED_DATA), &tlv(0xa0, &[&tlv(0x30, &[])])],
                ),
            ],
        );
        assert!(matches!(
            read(&signed, None),
            Err(LoadError::Unsupported { .. })
        ));
    }

    #[test]
    fn synthetic_bag_failures() {
        // MAC verifies, an encrypted part does not decrypt: Malformed, not a password error.
        let file = pfx(&[encrypted_ci(&pbe_3des(1), &[0x55; 16])], Some("pw"));
        let e = read(&file, Some("pw")).unwrap_err();
        assert!(matches!(e, LoadError::Malformed { .. }), "{e:?}");
        assert!(
            e.to_string()
                .contains("content 1 (encryptedData): decryption failed"),
            "{e}"
        );
        // The same without a MAC: the password is blamed.
        let file = pfx(&[encrypted_ci(&pbe_3des(1), &[0x55; 16])], None);
        assert_eq!(
            read(&file, None).unwrap_err(),
            LoadError::PasswordRequired { format: FMT }
        );
        assert_eq!(
            read(&file, Some("pw")).unwrap_err(),
            LoadError::WrongPassword { format: FMT }
        );
        // A shrouded key bag that does not decrypt names the bag.
        let epki = tlv(0x30, &[&pbe_3des(1), &tlv(0x04, &[&[0x55; 16]])]);
        let cert = cert_bag(b"not a certificate", None, false);
        let file = pfx(
            &[data_ci(&[
                cert,
                bag(OID_SHROUDED_KEY_BAG, &epki, None, None, false),
            ])],
            Some("pw"),
        );
        let e = read(&file, Some("pw")).unwrap_err();
        assert!(
            e.to_string()
                .contains("bag 2 (key bag 1): decryption failed"),
            "{e}"
        );
        // Iteration count 0 is malformed.
        let file = pfx(&[encrypted_ci(&pbe_3des(0), &[0x55; 16])], None);
        assert!(matches!(
            read(&file, None),
            Err(LoadError::Malformed { .. })
        ));
        // Deeply nested SafeContents are refused.
        let mut inner = cert_bag(b"x", None, false);
        for _ in 0..(MAX_SAFE_DEPTH + 2) {
            inner = bag(
                OID_SAFE_CONTENTS_BAG,
                &tlv(0x30, &[&inner]),
                None,
                None,
                false,
            );
        }
        let e = read(&pfx(&[data_ci(&[inner])], None), None).unwrap_err();
        assert!(e.to_string().contains("nested deeper"), "{e}");
        // Many cheap bags add up: the total work is capped as well.
        let empty = encrypt_3des("pw", 10, &tlv(0x30, &[]));
        let many: Vec<Vec<u8>> = (0..70)
            .map(|_| encrypted_ci(&pbe_3des(10), &empty))
            .collect();
        let capped = LoadOptions {
            password: Some(Password::new("pw")),
            max_iterations: 10,
            ..LoadOptions::default()
        };
        let e = load(&pfx(&many[..1], None), &capped).unwrap_err();
        assert_eq!(e, LoadError::NoCertificate { format: FMT });
        let e = load(&pfx(&many, None), &capped).unwrap_err();
        assert!(
            matches!(e, LoadError::Limit { .. }) && e.to_string().contains("in total"),
            "{e}"
        );
        // Nothing at all.
        assert_eq!(
            read(&pfx(&[], None), None).unwrap_err(),
            LoadError::NoCertificate { format: FMT }
        );
    }

    #[test]
    fn synthetic_entries() {
        let key = tlv(0x30, &[&tlv(0x02, &[&[0]])]);
        let secret_value = tlv(
            0x30,
            &[
                &oid(OID_SHROUDED_KEY_BAG),
                &tlv(0xa0, &[&tlv(0x04, &[b"sealed"])]),
            ],
        );
        let sdsi = tlv(
            0x30,
            &[&oid(OID_SDSI_CERT), &tlv(0xa0, &[&tlv(0x16, &[b"sdsi"])])],
        );
        let bags = vec![
            cert_bag(b"leftover, no name", None, false),
            bag(OID_KEY_BAG, &key, None, Some(b"no such id"), false),
            cert_bag(b"trusted, no name", None, true),
            bag(
                OID_SECRET_BAG,
                &secret_value,
                Some("My AES"),
                Some(b"Time 1700000000123"),
                false,
            ),
            bag(
                OID_SAFE_CONTENTS_BAG,
                &tlv(0x30, &[&cert_bag(b"nested", Some("Nested CERT"), false)]),
                None,
                None,
                false,
            ),
            bag(OID_CERT_BAG, &sdsi, None, None, false),
            bag(OID_CRL_BAG, &tlv(0x30, &[]), None, None, false),
        ];
        let l = read(&pfx(&[data_ci(&bags)], Some("")), None).unwrap();
        // Java numbers keys and trusted certificates as it meets them; leftovers next.
        assert_eq!(
            summary(&l),
            vec![
                ("1".into(), EntryKind::PrivateKey, 0, false),
                ("2".into(), EntryKind::TrustedCert, 1, false),
                ("3".into(), EntryKind::TrustedCert, 1, false),
                ("my aes".into(), EntryKind::SecretKey, 0, true),
                ("nested cert".into(), EntryKind::TrustedCert, 1, false),
            ]
        );
        assert_eq!(l.entries[1].chain[0], b"trusted, no name");
        assert_eq!(l.entries[2].chain[0], b"leftover, no name");
        assert_eq!(l.entries[3].created_ms, Some(1_700_000_000_123));
        assert!(
            l.warnings.iter().any(|w| w.contains("SDSI")),
            "{:?}",
            l.warnings
        );
        assert!(has_detail(&l, "CRL ignored"));
    }

    #[test]
    fn trailing_bytes_are_a_problem_not_a_failure() {
        let mut bytes = fixture!("none-nomac.p12").to_vec();
        bytes.extend([0, 0, 0]);
        let l = read(&bytes, None).unwrap();
        assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
    }

    /// Truncations and byte flips of real files never panic.
    #[test]
    fn mutations_do_not_panic() {
        fn strip_mac(bytes: &[u8]) -> Vec<u8> {
            let mut top = Der(bytes);
            let mut r = Der(top.expect(0x30, "PFX").unwrap());
            let (_, v) = r.next().unwrap();
            let (_, ci) = r.next().unwrap();
            tlv(0x30, &[&tlv(0x02, &[v]), &tlv(0x30, &[ci])])
        }
        let files = [
            fixture!("none-nomac.p12").to_vec(),
            strip_mac(fixture!("fuzz-legacy.p12")),
            strip_mac(fixture!("fuzz-aes.p12")),
            fixture!("ber-deep-legacy-nomac.p12").to_vec(),
        ];
        let o = opts(Some("changeit"));
        for f in &files {
            assert!(load(f, &o).is_ok());
            for cut in 0..f.len() {
                let _ = load(&f[..cut], &o);
            }
            for i in 0..f.len() {
                for x in [0x01u8, 0xff] {
                    let mut m = f.clone();
                    m[i] ^= x;
                    let _ = load(&m, &o);
                }
            }
        }
    }
}
