//! Layout A, the Notebook Server "SSL Certificate" record (`show`): keytool
//! `-list -v` text and its JSON split. Wire structs are private and keep the
//! reference key order.

use super::{java, RenderOptions};
use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct CertFields {
    #[serde(rename = "Owner")]
    owner: String,
    #[serde(rename = "Issuer")]
    issuer: String,
    #[serde(rename = "Serial number")]
    serial: String,
    #[serde(rename = "Valid from")]
    valid: String,
    #[serde(rename = "Certificate fingerprints")]
    fingerprints: &'static str,
    #[serde(rename = "MD5")]
    md5: String,
    #[serde(rename = "SHA1")]
    sha1: String,
    #[serde(rename = "SHA256")]
    sha256: String,
    #[serde(rename = "Signature algorithm name")]
    sig_alg: String,
    #[serde(rename = "Version")]
    version: String,
}

#[derive(Serialize)]
struct SslRecord<'a> {
    #[serde(rename = "Alias name")]
    alias: &'a str,
    #[serde(rename = "Creation date")]
    created: String,
    #[serde(rename = "Entry type")]
    entry_type: &'static str,
    #[serde(
        rename = "Certificate chain length",
        skip_serializing_if = "Option::is_none"
    )]
    chain_len: Option<String>,
    #[serde(rename = "Certificate[1]", skip_serializing_if = "Option::is_none")]
    cert1: Option<&'static str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    cert: Option<CertFields>,
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
        fingerprints: "",
        md5: java::hex_colon_upper(&c.md5),
        sha1: java::hex_colon_upper(&c.sha1),
        sha256: java::hex_colon_upper(&c.sha256),
        sig_alg: java::sig_alg_name(&c.sig_alg_oid),
        version: c.version.to_string(),
    }
}

fn record<'a>(e: &'a EntryRecord, opts: &RenderOptions<'_>) -> SslRecord<'a> {
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
        writeln!(out)?;
        writeln!(out, "{}", "*".repeat(43))?;
        writeln!(out, "{}", "*".repeat(43))?;
        writeln!(out)?;
        writeln!(out)?;
    }
    Ok(())
}
