//! Layout A, the Notebook Server "SSL Certificate" record (`show`): keytool
//! `-list -v` text and its JSON split. Wire structs are private; the
//! reference key order is in one place, `SslRecord::pairs`.

use super::RenderOptions;
use crate::java;
use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

struct CertFields {
    owner: String,
    issuer: String,
    serial: String,
    valid: String,
    md5: String,
    sha1: String,
    sha256: String,
    sig_alg: String,
    version: String,
}

/// One layout A record: the values of one entry, formatted once. Its key
/// order lives only in `SslRecord::pairs`, which both JSON and HTML use.
pub(crate) struct SslRecord<'a> {
    alias: &'a str,
    created: String,
    entry_type: &'static str,
    chain_len: Option<String>,
    cert1: Option<&'static str>,
    cert: Option<CertFields>,
    /// `--with-source`: the input it came from, as a last key `source`.
    source: Option<&'a str>,
}

impl SslRecord<'_> {
    /// The record's `(key, value)` pairs in the reference order; absent keys
    /// (a trusted entry's chain lines, a secret key's certificate) are left out.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let c = self.cert.as_ref();
        [
            ("Alias name", Some(self.alias)),
            ("Creation date", Some(self.created.as_str())),
            ("Entry type", Some(self.entry_type)),
            ("Certificate chain length", self.chain_len.as_deref()),
            ("Certificate[1]", self.cert1),
            ("Owner", c.map(|c| c.owner.as_str())),
            ("Issuer", c.map(|c| c.issuer.as_str())),
            ("Serial number", c.map(|c| c.serial.as_str())),
            ("Valid from", c.map(|c| c.valid.as_str())),
            ("Certificate fingerprints", c.map(|_| "")),
            ("MD5", c.map(|c| c.md5.as_str())),
            ("SHA1", c.map(|c| c.sha1.as_str())),
            ("SHA256", c.map(|c| c.sha256.as_str())),
            ("Signature algorithm name", c.map(|c| c.sig_alg.as_str())),
            ("Version", c.map(|c| c.version.as_str())),
            ("source", self.source),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }
}

impl Serialize for SslRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.pairs())
    }
}

/// keytool's entry type names.
pub fn entry_type(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::PrivateKey => "PrivateKeyEntry",
        EntryKind::TrustedCert => "trustedCertEntry",
        EntryKind::SecretKey => "SecretKeyEntry",
    }
}

fn cert_fields(c: &CertRecord, opts: &RenderOptions<'_>) -> CertFields {
    CertFields {
        owner: java::dn(&c.subject),
        issuer: java::dn(&c.issuer),
        serial: java::serial(&c.serial),
        valid: format!(
            "{} until: {}",
            opts.zone.date_to_string(c.not_before_ms),
            opts.zone.date_to_string(c.not_after_ms)
        ),
        md5: java::hex_colon_upper(&c.md5),
        sha1: java::hex_colon_upper(&c.sha1),
        sha256: java::hex_colon_upper(&c.sha256),
        sig_alg: java::sig_alg_name(&c.sig_alg_oid),
        version: c.version.to_string(),
    }
}

/// Builds the layout A record of one entry.
pub(crate) fn record<'a>(e: &'a EntryRecord, opts: &RenderOptions<'_>) -> SslRecord<'a> {
    let is_key = e.kind == EntryKind::PrivateKey;
    SslRecord {
        alias: &e.alias,
        created: opts.zone.medium_date(e.created_ms),
        entry_type: entry_type(e.kind),
        chain_len: is_key.then(|| e.chain.len().to_string()),
        cert1: (is_key && !e.chain.is_empty()).then_some(""),
        cert: match e.kind {
            EntryKind::SecretKey => None,
            _ => e.chain.first().map(|c| cert_fields(c, opts)),
        },
        source: opts.with_source.then_some(&*e.source),
    }
}

/// `-f json` (one object per line) or `-f pjson` (pretty objects in a row).
pub fn json(
    entries: &[EntryRecord],
    pretty: bool,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for e in entries {
        let r = record(e, opts);
        if pretty {
            serde_json::to_writer_pretty(&mut *out, &r)?;
        } else {
            serde_json::to_writer(&mut *out, &r)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn text_cert(c: &CertRecord, opts: &RenderOptions<'_>, out: &mut dyn Write) -> io::Result<()> {
    let f = cert_fields(c, opts);
    writeln!(out, "Owner: {}", opts.safe(&f.owner))?;
    writeln!(out, "Issuer: {}", opts.safe(&f.issuer))?;
    writeln!(out, "Serial number: {}", f.serial)?;
    writeln!(out, "Valid from: {}", f.valid)?;
    writeln!(out, "Certificate fingerprints:")?;
    writeln!(out, "\t MD5:  {}", f.md5)?;
    writeln!(out, "\t SHA1: {}", f.sha1)?;
    writeln!(out, "\t SHA256: {}", f.sha256)?;
    writeln!(out, "\t Signature algorithm name: {}", f.sig_alg)?;
    writeln!(out, "\t Version: {}", f.version)
}

/// `-f text`: keytool `-list -v` text (the JDK 8 layout, which prints MD5).
pub fn text(
    entries: &[EntryRecord],
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for e in entries {
        writeln!(out, "Alias name: {}", opts.safe(&e.alias))?;
        writeln!(
            out,
            "Creation date: {}",
            opts.zone.medium_date(e.created_ms)
        )?;
        writeln!(out, "Entry type: {}", entry_type(e.kind))?;
        match e.kind {
            EntryKind::PrivateKey => {
                writeln!(out, "Certificate chain length: {}", e.chain.len())?;
                for (i, c) in e.chain.iter().enumerate() {
                    writeln!(out, "Certificate[{}]:", i + 1)?;
                    text_cert(c, opts, out)?;
                }
            }
            EntryKind::TrustedCert => {
                writeln!(out)?;
                if let Some(c) = e.chain.first() {
                    text_cert(c, opts, out)?;
                }
            }
            EntryKind::SecretKey => {}
        }
        if opts.with_source {
            writeln!(out, "Source: {}", opts.safe(&e.source))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", "*".repeat(43))?;
        writeln!(out, "{}", "*".repeat(43))?;
        writeln!(out)?;
        writeln!(out)?;
    }
    Ok(())
}
