//! JKS (magic `FEEDFEED`) and JCEKS (magic `CECECECE`) Java keystores.
//!
//! Written by hand because no crate fits (`shared/research/deps.md` §4): the
//! `jks` crate reads JKS only, cannot list a store without its password, loses
//! the entry order and decodes aliases as UTF-8 rather than Java's modified
//! UTF-8; nothing in the registry reads JCEKS.
//!
//! The layout is the one `sun.security.provider.JavaKeyStore` and
//! `com.sun.crypto.provider.JceKeyStore` write: magic, version (1 or 2), entry
//! count, then per entry a tag (1 = private key, 2 = trusted certificate,
//! 3 = JCEKS secret key), the alias (`DataOutput.writeUTF`), the creation time
//! (ms since the epoch) and the entry's data; then a SHA-1 digest over the
//! password (UTF-16BE), the words "Mighty Aphrodite" and everything before it.
//!
//! Private keys are never decrypted: listing certificates needs no password,
//! as with `keytool -list`. With a password, the digest is checked as Java
//! does. Every count and length comes from the file, so nothing is allocated
//! before the bytes it describes are known to exist.

mod serial;

use super::sniff::{JCEKS_MAGIC, JKS_MAGIC};
use super::{
    ContainerFormat, EntryKind, LoadError, LoadOptions, Loaded, LoadedEntry, NO_PASSWORD_WARNING,
};
use serial::skip_java_object;
use sha1::{Digest, Sha1};
use std::collections::HashMap;

/// Entry tag of a private key with its certificate chain.
const TAG_PRIVATE_KEY: u32 = 1;
/// Entry tag of a trusted certificate.
const TAG_TRUSTED_CERT: u32 = 2;
/// Entry tag of a JCEKS secret key (a Java-serialized `SealedObject`).
const TAG_SECRET_KEY: u32 = 3;
/// Length of the SHA-1 integrity digest that ends the file.
const DIGEST_LEN: usize = 20;
/// The salt Java mixes into the integrity digest.
const WHITENER: &[u8] = b"Mighty Aphrodite";

/// Loads a JKS or JCEKS keystore (the magic number decides which).
///
/// Entries come out sorted by alias as Java's `String.compareTo` orders them
/// (UTF-16 code units). Aliases are returned as stored: Java's loaders do not
/// lower-case them (keytool lower-cases when it writes). With
/// `opts.password`, the integrity digest is verified and a mismatch is
/// [`LoadError::WrongPassword`]; without one, the certificates are read anyway
/// and a warning says the integrity was not checked.
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let format = if bytes.starts_with(&JCEKS_MAGIC) {
        ContainerFormat::Jceks
    } else {
        ContainerFormat::Jks
    };
    let mal = |reason: String| LoadError::malformed(format, reason);
    let mut r = Reader::new(bytes);
    let (version, count) = read_header(&mut r, &mal)?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut by_alias: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    for number in 1..=count {
        let entry = read_entry(&mut r, format, version, number)?;
        // Java keeps entries in a Hashtable keyed by alias: a repeated alias
        // replaces the earlier entry.
        match by_alias.get(&entry.alias).and_then(|&i| entries.get_mut(i)) {
            Some(slot) => {
                warnings.push(format!(
                    "entry {number}: alias {:?} appears again and replaces the earlier entry, as in Java",
                    entry.alias
                ));
                *slot = entry;
            }
            None => {
                by_alias.insert(entry.alias.clone(), entries.len());
                entries.push(entry);
            }
        }
    }

    let body = bytes.get(..r.pos).unwrap_or_default();
    let digest = r
        .take(DIGEST_LEN)
        .ok_or_else(|| mal("truncated integrity digest (the 20-byte SHA-1 trailer)".into()))?;
    let mut problems = Vec::new();
    if r.remaining() > 0 {
        problems.push(super::Problem::TrailingKeystore(r.remaining()));
    }

    let mut details = vec![summary(format, version, &entries)];
    match &opts.password {
        Some(pw) => {
            if keyed_digest(pw.expose(), body).as_slice() != digest {
                return Err(LoadError::WrongPassword { format });
            }
            details.push("integrity: verified (SHA-1 keyed digest)".into());
        }
        None => {
            warnings.push(NO_PASSWORD_WARNING.into());
            details.push("integrity: not checked (no password)".into());
        }
    }
    if entries.is_empty() {
        return Err(LoadError::NoCertificate { format });
    }

    entries.sort_by(|a, b| a.alias.encode_utf16().cmp(b.alias.encode_utf16()));
    Ok(Loaded {
        format,
        entries: entries
            .into_iter()
            .map(|e| LoadedEntry {
                alias: Some(e.alias),
                kind: e.kind,
                chain: e.chain,
                created_ms: Some(e.created_ms),
                key: None,
            })
            .collect(),
        warnings,
        problems,
        details,
        others: Vec::new(),
    })
}

/// Magic, version and entry count: (version, count).
fn read_header(
    r: &mut Reader<'_>,
    mal: &dyn Fn(String) -> LoadError,
) -> Result<(u32, u32), LoadError> {
    let magic = r.u32().ok_or_else(|| mal("truncated header".into()))?;
    if magic.to_be_bytes() != JKS_MAGIC && magic.to_be_bytes() != JCEKS_MAGIC {
        return Err(mal(format!(
            "bad magic number {magic:08X} (JKS is FEEDFEED, JCEKS is CECECECE)"
        )));
    }
    let version = r
        .u32()
        .ok_or_else(|| mal("truncated header (version)".into()))?;
    if version != 1 && version != 2 {
        return Err(mal(format!(
            "unsupported keystore version {version} (Java writes 1 or 2)"
        )));
    }
    let count = r
        .u32()
        .ok_or_else(|| mal("truncated header (entry count)".into()))?;
    if count > i32::MAX as u32 {
        return Err(mal(format!("invalid entry count {}", count as i32)));
    }
    Ok((version, count))
}

/// Java's integrity digest: SHA-1 over the password's UTF-16BE code units,
/// "Mighty Aphrodite" and the keystore body.
fn keyed_digest(password: &str, body: &[u8]) -> [u8; DIGEST_LEN] {
    let mut h = Sha1::new();
    for unit in password.encode_utf16() {
        h.update(unit.to_be_bytes());
    }
    h.update(WHITENER);
    h.update(body);
    h.finalize().into()
}

/// The `--verbose` line describing the store.
fn summary(format: ContainerFormat, version: u32, entries: &[Entry]) -> String {
    let count = |kind| entries.iter().filter(|e| e.kind == kind).count();
    let mut parts = Vec::new();
    for (kind, one, many) in [
        (EntryKind::PrivateKey, "private key", "private keys"),
        (
            EntryKind::TrustedCert,
            "trusted certificate",
            "trusted certificates",
        ),
        (EntryKind::SecretKey, "secret key", "secret keys"),
    ] {
        match count(kind) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    let n = entries.len();
    let noun = if n == 1 { "entry" } else { "entries" };
    if parts.is_empty() {
        format!("{format} version {version}, {n} {noun}")
    } else {
        format!(
            "{format} version {version}, {n} {noun}: {}",
            parts.join(", ")
        )
    }
}

/// One entry as read from the file.
struct Entry {
    alias: String,
    kind: EntryKind,
    chain: Vec<Vec<u8>>,
    created_ms: i64,
}

/// Names an entry in error messages: `entry 3 (alias "x")`.
struct Ctx {
    format: ContainerFormat,
    number: u32,
    alias: Option<String>,
}

impl Ctx {
    fn name(&self) -> String {
        match &self.alias {
            Some(a) => format!("entry {} (alias {a:?})", self.number),
            None => format!("entry {}", self.number),
        }
    }

    fn err(&self, what: impl std::fmt::Display) -> LoadError {
        LoadError::malformed(self.format, format!("{}: {what}", self.name()))
    }
}

/// A private-key entry after its alias and date: (kind, chain). The key
/// itself is skipped, never decrypted.
fn read_key_entry(
    r: &mut Reader<'_>,
    version: u32,
    ctx: &Ctx,
) -> Result<(EntryKind, Vec<Vec<u8>>), LoadError> {
    let len = r
        .u32()
        .ok_or_else(|| ctx.err("truncated private key length"))?;
    checked_len(len).ok_or_else(|| ctx.err("invalid private key length"))?;
    r.take(len as usize).ok_or_else(|| {
        ctx.err(format!(
            "truncated private key ({len} bytes declared, {} left)",
            r.remaining()
        ))
    })?;
    let n = r
        .u32()
        .ok_or_else(|| ctx.err("truncated certificate count"))?;
    checked_len(n).ok_or_else(|| ctx.err("invalid certificate count"))?;
    let mut chain = Vec::new();
    for i in 1..=n {
        let what = if n == 1 {
            "certificate".to_string()
        } else {
            format!("certificate {i} of {n}")
        };
        chain.push(read_cert(r, version, &what, ctx)?);
    }
    // Java reports a key entry without certificates as a
    // SecretKeyEntry (KeyStoreSpi.engineEntryInstanceOf), and so
    // does keytool -list.
    let kind = if chain.is_empty() {
        EntryKind::SecretKey
    } else {
        EntryKind::PrivateKey
    };
    Ok((kind, chain))
}

fn read_entry(
    r: &mut Reader<'_>,
    format: ContainerFormat,
    version: u32,
    number: u32,
) -> Result<Entry, LoadError> {
    let mut ctx = Ctx {
        format,
        number,
        alias: None,
    };
    let tag = r.u32().ok_or_else(|| ctx.err("truncated entry tag"))?;
    let known = match format {
        ContainerFormat::Jceks => {
            matches!(tag, TAG_PRIVATE_KEY | TAG_TRUSTED_CERT | TAG_SECRET_KEY)
        }
        _ => matches!(tag, TAG_PRIVATE_KEY | TAG_TRUSTED_CERT),
    };
    if !known {
        let list = match format {
            ContainerFormat::Jceks => {
                "JCEKS knows 1 = private key, 2 = trusted certificate, 3 = secret key"
            }
            _ => "JKS knows 1 = private key, 2 = trusted certificate",
        };
        return Err(ctx.err(format!("unknown entry tag {tag} ({list})")));
    }
    let alias = read_utf(r).map_err(|e| ctx.err(format!("{e} alias")))?;
    ctx.alias = Some(alias.clone());
    let created_ms = r.i64().ok_or_else(|| ctx.err("truncated creation date"))?;

    let (kind, chain) = match tag {
        TAG_PRIVATE_KEY => read_key_entry(r, version, &ctx)?,
        TAG_TRUSTED_CERT => (
            EntryKind::TrustedCert,
            vec![read_cert(r, version, "certificate", &ctx)?],
        ),
        _ => {
            skip_java_object(r).map_err(|e| ctx.err(format!("secret key: {e}")))?;
            (EntryKind::SecretKey, Vec::new())
        }
    };
    Ok(Entry {
        alias,
        kind,
        chain,
        created_ms,
    })
}

/// A length or count Java reads as a signed `int`: negative ones are invalid.
pub(super) fn checked_len(n: u32) -> Option<u32> {
    (n <= i32::MAX as u32).then_some(n)
}

/// Reads one certificate: (version 2: its type) + u32 length + encoding.
fn read_cert(
    r: &mut Reader<'_>,
    version: u32,
    what: &str,
    ctx: &Ctx,
) -> Result<Vec<u8>, LoadError> {
    if version == 2 {
        let ty = read_utf(r).map_err(|e| ctx.err(format!("{e} {what} type")))?;
        if ty != "X.509" {
            return Err(LoadError::Unsupported {
                format: ctx.format,
                what: format!(
                    "{}: {what} of type {ty:?} (only X.509 certificates are read)",
                    ctx.name()
                ),
            });
        }
    }
    let len = r
        .u32()
        .ok_or_else(|| ctx.err(format!("truncated {what} length")))?;
    checked_len(len).ok_or_else(|| ctx.err(format!("invalid {what} length")))?;
    let der = r.take(len as usize).ok_or_else(|| {
        ctx.err(format!(
            "truncated {what} ({len} bytes declared, {} left)",
            r.remaining()
        ))
    })?;
    Ok(der.to_vec())
}

/// Reads a Java `DataOutput.writeUTF` string: u16 length + modified UTF-8
/// (NUL as `C0 80`, characters outside the BMP as two 3-byte surrogates).
/// The error reads "truncated" or "invalid", for "… alias" messages.
fn read_utf(r: &mut Reader<'_>) -> Result<String, &'static str> {
    let len = r.u16().ok_or("truncated")?;
    let raw = r.take(len as usize).ok_or("truncated")?;
    decode_modified_utf8(raw).ok_or("invalid modified UTF-8 in")
}

/// Decodes modified UTF-8 as `DataInputStream.readUTF` does. Unpaired
/// surrogates, which Java keeps, become U+FFFD.
fn decode_modified_utf8(b: &[u8]) -> Option<String> {
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let c = u16::from(c);
        match c >> 4 {
            0..=7 => {
                units.push(c);
                i += 1;
            }
            12 | 13 => {
                let c2 = u16::from(*b.get(i + 1)?);
                if c2 & 0xC0 != 0x80 {
                    return None;
                }
                units.push(((c & 0x1F) << 6) | (c2 & 0x3F));
                i += 2;
            }
            14 => {
                let c2 = u16::from(*b.get(i + 1)?);
                let c3 = u16::from(*b.get(i + 2)?);
                if c2 & 0xC0 != 0x80 || c3 & 0xC0 != 0x80 {
                    return None;
                }
                units.push(((c & 0x0F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F));
                i += 3;
            }
            _ => return None,
        }
    }
    Some(String::from_utf16_lossy(&units))
}

/// A cursor over the input. Every read checks that the bytes exist.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_be_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Password;

    // Fixtures made by testdata/jks/make.sh (keytool, password "changeit").
    const KT_JKS: &[u8] = include_bytes!("../testdata/jks/jks-key-chain-trusted.jks");
    const KT_JCEKS: &[u8] = include_bytes!("../testdata/jks/jceks-key-trusted-secret.jceks");
    const KT_CASE_EXACT: &[u8] = include_bytes!("../testdata/jks/jks-case-exact.jks");
    const FIXTURES: [&[u8]; 3] = [KT_JKS, KT_JCEKS, KT_CASE_EXACT];
    pub(super) const SERIAL: [(&str, &[u8]); 11] = [
        ("class", include_bytes!("../testdata/jks/serial-class.bin")),
        (
            "custom-write-method",
            include_bytes!("../testdata/jks/serial-custom-write-method.bin"),
        ),
        (
            "cyclic-list",
            include_bytes!("../testdata/jks/serial-cyclic-list.bin"),
        ),
        (
            "enum-map",
            include_bytes!("../testdata/jks/serial-enum-map.bin"),
        ),
        (
            "externalizable",
            include_bytes!("../testdata/jks/serial-externalizable.bin"),
        ),
        (
            "hashmap",
            include_bytes!("../testdata/jks/serial-hashmap.bin"),
        ),
        (
            "hierarchy-enum-self-reference",
            include_bytes!("../testdata/jks/serial-hierarchy-enum-self-reference.bin"),
        ),
        ("null", include_bytes!("../testdata/jks/serial-null.bin")),
        ("proxy", include_bytes!("../testdata/jks/serial-proxy.bin")),
        (
            "reset-first",
            include_bytes!("../testdata/jks/serial-reset-first.bin"),
        ),
        (
            "sealed-object",
            include_bytes!("../testdata/jks/serial-sealed-object.bin"),
        ),
    ];
    const CERT_A: &[u8] = b"\x30\x03\x02\x01\x01";
    const CERT_B: &[u8] = b"\x30\x03\x02\x01\x02";

    fn opts(pw: Option<&str>) -> LoadOptions {
        LoadOptions {
            password: pw.map(Password::new),
            ..LoadOptions::default()
        }
    }

    fn aliases(l: &Loaded) -> Vec<&str> {
        l.entries
            .iter()
            .filter_map(|e| e.alias.as_deref())
            .collect()
    }

    fn reason(e: LoadError) -> String {
        match e {
            LoadError::Malformed { reason, .. } => reason,
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    // --- a small writer for synthetic stores -------------------------------

    /// Java `writeUTF`: u16 length + modified UTF-8.
    fn utf(s: &str) -> Vec<u8> {
        let mut b = Vec::new();
        for u in s.encode_utf16() {
            match u {
                1..=0x7F => b.push(u as u8),
                0 | 0x80..=0x7FF => b.extend([0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]),
                _ => b.extend([
                    0xE0 | (u >> 12) as u8,
                    0x80 | ((u >> 6) & 0x3F) as u8,
                    0x80 | (u & 0x3F) as u8,
                ]),
            }
        }
        raw_utf(&b)
    }

    pub(super) fn raw_utf(b: &[u8]) -> Vec<u8> {
        let mut v = (b.len() as u16).to_be_bytes().to_vec();
        v.extend_from_slice(b);
        v
    }

    fn cert(version: u32, der: &[u8]) -> Vec<u8> {
        let mut v = if version == 2 {
            utf("X.509")
        } else {
            Vec::new()
        };
        v.extend((der.len() as u32).to_be_bytes());
        v.extend_from_slice(der);
        v
    }

    fn head(tag: u32, alias: &[u8], date: i64) -> Vec<u8> {
        let mut v = tag.to_be_bytes().to_vec();
        v.extend_from_slice(alias);
        v.extend(date.to_be_bytes());
        v
    }

    fn trusted(version: u32, alias: &str, der: &[u8]) -> Vec<u8> {
        let mut v = head(TAG_TRUSTED_CERT, &utf(alias), 1_700_000_000_000);
        v.extend(cert(version, der));
        v
    }

    fn key(version: u32, alias: &str, chain: &[&[u8]]) -> Vec<u8> {
        let mut v = head(TAG_PRIVATE_KEY, &utf(alias), 1_600_000_000_000);
        v.extend(4u32.to_be_bytes());
        v.extend(b"\x30\x02\x05\x00"); // the "encrypted key": never read
        v.extend((chain.len() as u32).to_be_bytes());
        for c in chain {
            v.extend(cert(version, c));
        }
        v
    }

    fn secret(alias: &str, serialized: &[u8]) -> Vec<u8> {
        let mut v = head(TAG_SECRET_KEY, &utf(alias), 1_650_000_000_000);
        v.extend_from_slice(serialized);
        v
    }

    fn store(magic: [u8; 4], version: u32, entries: &[Vec<u8>], password: &str) -> Vec<u8> {
        let mut b = magic.to_vec();
        b.extend(version.to_be_bytes());
        b.extend((entries.len() as u32).to_be_bytes());
        for e in entries {
            b.extend(e);
        }
        let d = keyed_digest(password, &b);
        b.extend(d);
        b
    }

    // --- keytool fixtures ---------------------------------------------------

    #[test]
    fn keytool_jks_lists_without_password_and_warns() {
        let l = load(KT_JKS, &opts(None)).unwrap();
        assert_eq!(l.format, ContainerFormat::Jks);
        // keytool lower-cases on write; sorted by UTF-16 code units.
        assert_eq!(aliases(&l), ["my server", "root ca", "zürich-ключ-😀"]);
        let kinds: Vec<_> = l.entries.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EntryKind::PrivateKey,
                EntryKind::TrustedCert,
                EntryKind::TrustedCert
            ]
        );
        let [server, root, zurich] = &l.entries[..] else {
            panic!()
        };
        assert_eq!(server.chain.len(), 2);
        assert_eq!(server.chain[1], root.chain[0], "the chain ends at the CA");
        assert_eq!(root.chain, zurich.chain);
        for e in &l.entries {
            assert!(e.created_ms.unwrap() > 1_700_000_000_000);
            assert!(e.chain.iter().all(|c| c.first() == Some(&0x30)));
        }
        assert_eq!(l.warnings, [NO_PASSWORD_WARNING]);
        assert_eq!(
            l.details,
            [
                "JKS version 2, 3 entries: 1 private key, 2 trusted certificates",
                "integrity: not checked (no password)"
            ]
        );
        assert!(l.problems.is_empty());
    }

    #[test]
    fn keytool_jks_verifies_with_password() {
        let l = load(KT_JKS, &opts(Some("changeit"))).unwrap();
        assert!(l.warnings.is_empty());
        assert_eq!(l.details[1], "integrity: verified (SHA-1 keyed digest)");
        assert_eq!(l.entries, load(KT_JKS, &opts(None)).unwrap().entries);
    }

    #[test]
    fn wrong_password_is_reported() {
        for (bytes, format) in [
            (KT_JKS, ContainerFormat::Jks),
            (KT_JCEKS, ContainerFormat::Jceks),
        ] {
            for pw in ["changeiT", "", "changeit "] {
                let e = load(bytes, &opts(Some(pw))).unwrap_err();
                assert_eq!(e, LoadError::WrongPassword { format });
                assert!(e.is_password());
            }
        }
    }

    #[test]
    fn keytool_jceks_with_secret_keys() {
        let l = load(KT_JCEKS, &opts(Some("changeit"))).unwrap();
        assert_eq!(l.format, ContainerFormat::Jceks);
        assert_eq!(aliases(&l), ["aes key", "hmac", "root ca", "signer"]);
        let shape: Vec<_> = l.entries.iter().map(|e| (e.kind, e.chain.len())).collect();
        assert_eq!(
            shape,
            [
                (EntryKind::SecretKey, 0),
                (EntryKind::SecretKey, 0),
                (EntryKind::TrustedCert, 1),
                (EntryKind::PrivateKey, 1)
            ]
        );
        assert_eq!(
            l.details[0],
            "JCEKS version 2, 4 entries: 1 private key, 1 trusted certificate, 2 secret keys"
        );
    }

    #[test]
    fn aliases_are_returned_as_stored() {
        // CaseExactJKS keeps the case; Java's JKS loader returns the alias as
        // stored (it lower-cases only when looking an alias up).
        let l = load(KT_CASE_EXACT, &opts(Some("changeit"))).unwrap();
        assert_eq!(aliases(&l), ["MixedCase Alias"]);
        assert_eq!(l.entries[0].kind, EntryKind::PrivateKey);
    }

    #[test]
    fn every_truncation_is_an_error() {
        for bytes in FIXTURES {
            for len in 0..bytes.len() {
                for pw in [None, Some("changeit")] {
                    let r = load(&bytes[..len], &opts(pw));
                    assert!(r.is_err(), "prefix of {len} bytes loaded");
                }
            }
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        for bytes in FIXTURES {
            let mut b = bytes.to_vec();
            for i in 0..b.len() {
                let orig = b[i];
                for v in [orig ^ 0xFF, 0x00, 0x7F, 0x80, orig.wrapping_add(1)] {
                    b[i] = v;
                    let _ = load(&b, &opts(None));
                }
                b[i] = orig;
            }
        }
    }

    // --- synthetic stores ----------------------------------------------------------

    #[test]
    fn version_1_has_no_certificate_types() {
        let b = store(
            JKS_MAGIC,
            1,
            &[key(1, "k", &[CERT_A, CERT_B]), trusted(1, "t", CERT_B)],
            "pw",
        );
        let l = load(&b, &opts(Some("pw"))).unwrap();
        assert_eq!(l.entries[0].chain, [CERT_A, CERT_B]);
        assert_eq!(l.entries[0].created_ms, Some(1_600_000_000_000));
        assert_eq!(l.entries[1].chain, [CERT_B]);
        assert_eq!(
            l.details[0],
            "JKS version 1, 2 entries: 1 private key, 1 trusted certificate"
        );
    }

    #[test]
    fn modified_utf8_aliases_and_java_order() {
        // NUL is C0 80; U+1F600 is a surrogate pair written as two 3-byte
        // sequences. Java orders by UTF-16 units: the emoji (D83D) sorts
        // before U+FF21, unlike Rust's UTF-8 order.
        let names = [
            "\u{FF21} full",
            "\u{1F600} emoji",
            "a\0b",
            "Zeta",
            "alpha",
            "",
        ];
        let entries: Vec<_> = names.iter().map(|n| trusted(2, n, CERT_A)).collect();
        let b = store(JCEKS_MAGIC, 2, &entries, "pw");
        assert!(b
            .windows(6)
            .any(|w| w == [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]));
        assert!(b.windows(4).any(|w| w == [b'a', 0xC0, 0x80, b'b']));
        let l = load(&b, &opts(None)).unwrap();
        assert_eq!(
            aliases(&l),
            [
                "",
                "Zeta",
                "a\0b",
                "alpha",
                "\u{1F600} emoji",
                "\u{FF21} full"
            ]
        );
        assert_eq!(
            decode_modified_utf8(b"x\xED\xA0\x80y").as_deref(),
            Some("x\u{FFFD}y")
        );
        assert_eq!(decode_modified_utf8(b"\xC1\x81").as_deref(), Some("A")); // Java accepts overlong forms
        for bad in [
            &b"\xF0\x9F\x98\x80"[..],
            b"\x80",
            b"\xC3",
            b"\xE0\x80",
            b"\xC3\x41",
        ] {
            assert_eq!(decode_modified_utf8(bad), None, "{bad:x?}");
        }
        let mut alias = head(TAG_TRUSTED_CERT, &raw_utf(b"bad\xFF"), 0);
        alias.extend(cert(2, CERT_A));
        let e = load(&store(JKS_MAGIC, 2, &[alias], "pw"), &opts(None)).unwrap_err();
        assert_eq!(reason(e), "entry 1: invalid modified UTF-8 in alias");
    }

    #[test]
    fn repeated_alias_keeps_the_later_entry() {
        let b = store(
            JKS_MAGIC,
            2,
            &[
                key(2, "same", &[CERT_A]),
                trusted(2, "other", CERT_B),
                trusted(2, "same", CERT_B),
            ],
            "pw",
        );
        let l = load(&b, &opts(Some("pw"))).unwrap();
        assert_eq!(aliases(&l), ["other", "same"]);
        assert_eq!(l.entries[1].kind, EntryKind::TrustedCert);
        assert!(l
            .warnings
            .iter()
            .any(|w| w.contains("\"same\" appears again")));
    }

    #[test]
    fn key_without_certificates_is_a_secret_key_entry_as_in_java() {
        let b = store(
            JKS_MAGIC,
            2,
            &[key(2, "lonely", &[]), trusted(2, "t", CERT_A)],
            "pw",
        );
        let l = load(&b, &opts(None)).unwrap();
        assert_eq!(l.entries[0].kind, EntryKind::SecretKey);
        assert!(l.entries[0].chain.is_empty());
    }

    #[test]
    fn jceks_secret_entry_from_a_real_sealed_object() {
        let sealed = SERIAL[10].1;
        let b = store(
            JCEKS_MAGIC,
            2,
            &[
                secret("s", sealed),
                trusted(2, "t", CERT_A),
                secret("u", sealed),
            ],
            "pw",
        );
        let l = load(&b, &opts(Some("pw"))).unwrap();
        assert_eq!(aliases(&l), ["s", "t", "u"]);
        assert_eq!(l.entries[0].created_ms, Some(1_650_000_000_000));
        assert_eq!(l.entries[1].chain, [CERT_A]);
        // The same entry in a JKS is an unknown tag, as for Java's JKS loader.
        let b = store(JKS_MAGIC, 2, &[secret("s", sealed)], "pw");
        assert_eq!(
            reason(load(&b, &opts(None)).unwrap_err()),
            "entry 1: unknown entry tag 3 (JKS knows 1 = private key, 2 = trusted certificate)"
        );
        let mut broken = sealed.to_vec();
        broken[0] = 0;
        let b = store(JCEKS_MAGIC, 2, &[secret("s", &broken)], "pw");
        assert_eq!(
            reason(load(&b, &opts(None)).unwrap_err()),
            "entry 1 (alias \"s\"): secret key: not a Java serialization stream (no ACED0005 header)"
        );
    }

    #[test]
    fn truncation_messages_name_the_entry() {
        let b = store(
            JKS_MAGIC,
            2,
            &[trusted(2, "a", CERT_A), key(2, "x", &[CERT_A, CERT_B])],
            "pw",
        );
        let digest_at = b.len() - DIGEST_LEN;
        let cases = [
            (11, "truncated header (entry count)"),
            (14, "entry 1: truncated entry tag"),
            (17, "entry 1: truncated alias"),
            (
                digest_at - 3,
                "entry 2 (alias \"x\"): truncated certificate 2 of 2 (5 bytes declared, 2 left)",
            ),
            (
                digest_at - 7,
                "entry 2 (alias \"x\"): truncated certificate 2 of 2 length",
            ),
            (
                digest_at,
                "truncated integrity digest (the 20-byte SHA-1 trailer)",
            ),
            (
                digest_at + 19,
                "truncated integrity digest (the 20-byte SHA-1 trailer)",
            ),
        ];
        for (len, want) in cases {
            assert_eq!(
                reason(load(&b[..len], &opts(None)).unwrap_err()),
                want,
                "cut at {len}"
            );
        }
    }

    #[test]
    fn header_errors() {
        let ok = store(JKS_MAGIC, 2, &[trusted(2, "t", CERT_A)], "pw");
        let mut v3 = ok.clone();
        v3[7] = 3;
        assert_eq!(
            reason(load(&v3, &opts(None)).unwrap_err()),
            "unsupported keystore version 3 (Java writes 1 or 2)"
        );
        let mut magic = ok.clone();
        magic[0] = 0;
        assert!(
            reason(load(&magic, &opts(None)).unwrap_err()).starts_with("bad magic number 00EDFEED")
        );
        let mut neg = ok.clone();
        neg[8] = 0x80;
        assert_eq!(
            reason(load(&neg, &opts(None)).unwrap_err()),
            "invalid entry count -2147483647"
        );
        let mut tag = ok.clone();
        tag[15] = 9;
        assert!(reason(load(&tag, &opts(None)).unwrap_err())
            .starts_with("entry 1: unknown entry tag 9"));
    }

    #[test]
    fn other_certificate_types_are_unsupported() {
        let mut e = head(TAG_TRUSTED_CERT, &utf("pgp"), 0);
        e.extend(utf("PGP"));
        e.extend(5u32.to_be_bytes());
        e.extend(CERT_A);
        let err = load(&store(JKS_MAGIC, 2, &[e], "pw"), &opts(None)).unwrap_err();
        assert_eq!(
            err,
            LoadError::Unsupported {
                format: ContainerFormat::Jks,
                what: "entry 1 (alias \"pgp\"): certificate of type \"PGP\" (only X.509 certificates are read)".into()
            }
        );
    }

    #[test]
    fn empty_store_and_empty_password() {
        let empty = store(JKS_MAGIC, 2, &[], "pw");
        assert_eq!(
            load(&empty, &opts(None)).unwrap_err(),
            LoadError::NoCertificate {
                format: ContainerFormat::Jks
            }
        );
        // The password is checked first.
        assert!(load(&empty, &opts(Some("nope"))).unwrap_err().is_password());
        // "" is a password (Java hashes zero characters), unlike none.
        let b = store(JCEKS_MAGIC, 2, &[trusted(2, "t", CERT_A)], "");
        assert!(load(&b, &opts(Some(""))).is_ok());
        assert!(load(&b, &opts(Some(" "))).unwrap_err().is_password());
        // Non-ASCII passwords are hashed as UTF-16BE, surrogates included.
        let b = store(JKS_MAGIC, 2, &[trusted(2, "t", CERT_A)], "pässwörd😀");
        assert!(load(&b, &opts(Some("pässwörd😀"))).is_ok());
    }

    #[test]
    fn bytes_after_the_digest_are_a_problem() {
        let mut b = store(JKS_MAGIC, 2, &[trusted(2, "t", CERT_A)], "pw");
        b.extend(b"junk");
        let l = load(&b, &opts(Some("pw"))).unwrap();
        assert_eq!(l.problems, [crate::load::Problem::TrailingKeystore(4)]);
        assert_eq!(
            l.problems[0].to_string(),
            "4 bytes after the integrity digest are not part of the keystore"
        );
    }
}
