//! Layout B, the Enterprise "identity" resource (`list -f json|pjson`).

use super::{certificates, java, RenderOptions};
use crate::load::EntryKind;
use crate::model::{CertRecord, EntryRecord};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Identity<'a> {
    valid_until_as_epoch: i64,
    key_algorithm: &'a str,
    serial_number: String,
    key_size: i64,
    subject: String,
    subject_alternative_names: Vec<String>,
    sha1_fingerprint: String,
    valid_from: String,
    #[serde(rename = "type")]
    kind: &'static str,
    version: u32,
    md5_fingerprint: String,
    issuer: String,
    signature_algorithm: String,
    key_usage: Vec<&'static str>,
    name: &'a str,
    sha256_fingerprint: String,
    valid_until: String,
    id: String,
    valid_from_as_epoch: i64,
}

#[derive(Serialize)]
struct Document<'a> {
    certificates: Vec<Identity<'a>>,
}

fn identity<'a>(e: &'a EntryRecord, c: &'a CertRecord, opts: &RenderOptions<'_>) -> Identity<'a> {
    Identity {
        valid_until_as_epoch: c.not_after_ms,
        key_algorithm: &c.key.algorithm,
        serial_number: java::serial(&c.serial),
        key_size: c.key.bits,
        subject: java::dn(&c.subject),
        subject_alternative_names: c.sans.iter().map(java::san).collect(),
        sha1_fingerprint: java::hex_lower(&c.sha1),
        valid_from: opts.zone.date_to_string(c.not_before_ms),
        kind: if e.kind == EntryKind::PrivateKey {
            "IDENTITY"
        } else {
            "TRUST"
        },
        version: c.version,
        md5_fingerprint: java::hex_lower(&c.md5),
        issuer: java::dn(&c.issuer),
        signature_algorithm: java::sig_alg_name(&c.sig_alg_oid),
        key_usage: c.key_usage.map(java::key_usage).unwrap_or_default(),
        name: &e.alias,
        sha256_fingerprint: java::hex_lower(&c.sha256),
        valid_until: opts.zone.date_to_string(c.not_after_ms),
        id: java::spec_id(&c.sha256),
        valid_from_as_epoch: c.not_before_ms,
    }
}

/// `{"certificates": [...]}`, compact on one line or pretty with 2-space indent.
pub fn json(
    entries: &[EntryRecord],
    pretty: bool,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = Document {
        certificates: certificates(entries)
            .map(|(e, c)| identity(e, c, opts))
            .collect(),
    };
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
    } else {
        serde_json::to_writer(&mut *out, &doc)?;
    }
    out.write_all(b"\n")
}
