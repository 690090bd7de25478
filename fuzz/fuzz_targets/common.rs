//! Shared by the fuzz targets: password selection, the model step and the
//! whole render pipeline. Everything writes into memory; nothing here may
//! panic on its own, so any panic is the library's.
#![allow(dead_code)]

use certinfo::check::{self, Policy};
use certinfo::load::{LoadOptions, Loaded, Password};
use certinfo::model::{self, EntryRecord};
use certinfo::render::check::CheckFormat;
use certinfo::render::{Format, JavaZone, ListFormat, RenderOptions, Renderer, ShowFormat};
use std::sync::OnceLock;

/// Iteration cap for the fuzzers: Java's default (keytool writes 10,000; the
/// OpenSSL samples use 1 or 2048), so every sample decrypts, while a hostile
/// count is refused before it costs more than a few milliseconds.
pub const MAX_ITERATIONS: u32 = 10_000;

/// The reference instant of `samples/check`: 2026-01-15T00:00:00Z.
pub const NOW_MS: i64 = 1_768_435_200_000;

/// Passwords the samples use (`samples/passwords.tsv`), picked by the
/// first input byte in the keystore targets.
const PASSWORDS: [Option<&str>; 6] = [
    None,
    Some("changeit"),
    Some(""),
    Some("password"),
    Some("cryptography"),
    Some("1234"),
];

/// Splits a keystore-target input into (options, container bytes): the first
/// byte's low 7 bits select the password (modulo the list above), its high
/// bit the CLI's real limits (`--max-iterations` 1,000,000 and the default
/// work budget: what a user's 600,000-iteration file costs) instead of the
/// cheap fuzzing cap; the rest is the file. `fuzz/seed.sh` prefixes every
/// seed with the byte of its real password, with and without the high bit.
pub fn split_password(data: &[u8]) -> Option<(LoadOptions, &[u8])> {
    let (&sel, rest) = data.split_first()?;
    let password = PASSWORDS[usize::from(sel & 0x7f) % PASSWORDS.len()].map(Password::new);
    let realistic = sel & 0x80 != 0;
    Some((
        LoadOptions {
            password,
            max_iterations: if realistic {
                certinfo::load::DEFAULT_MAX_ITERATIONS
            } else {
                MAX_ITERATIONS
            },
            ..LoadOptions::default()
        },
        rest,
    ))
}

/// Options without a password (CSRs and CRLs handed over too, as for
/// `inspect`).
pub fn no_password() -> LoadOptions {
    LoadOptions {
        password: None,
        max_iterations: MAX_ITERATIONS,
        others: true,
        ..LoadOptions::default()
    }
}

/// The model step every loader target ends with.
pub fn model(loaded: Loaded) -> Vec<EntryRecord> {
    // Formats the error texts too, as the CLI does.
    let _ = format!("{:?}", loaded.format);
    inspect(&loaded);
    model::build(loaded.entries, "fuzz-input", NOW_MS, 0).0
}

/// What `inspect` decodes: every extension of every certificate (its DER
/// kept), and the CSRs and CRLs handed over.
fn inspect(loaded: &Loaded) {
    let (records, _) =
        model::build_keeping(loaded.entries.clone(), "fuzz-input", NOW_MS, 0, model::Keep::Signed);
    for c in records.iter().flat_map(|r| r.chain.iter()) {
        let _ = model::inspect::certificate(c);
    }
    for o in &loaded.others {
        let _ = model::inspect::request(&o.der);
        let _ = model::inspect::crl(&o.der);
    }
}

fn zone() -> &'static JavaZone {
    static ZONE: OnceLock<JavaZone> = OnceLock::new();
    // A zone with DST and Java short names; UTC when no tzdb is installed.
    ZONE.get_or_init(|| {
        JavaZone::by_id("America/Los_Angeles")
            .or_else(|| JavaZone::by_id("UTC"))
            .expect("a time zone")
    })
}

/// Every renderer of `show`, `list` and `check`, into memory. `variant`
/// varies the options (colour, width, sanitising, host) between inputs.
pub fn render_all(records: &[EntryRecord], variant: usize) {
    let ro = RenderOptions {
        headers: true,
        with_source: false,
        comments: false,
        zone: zone(),
        color: variant & 1 == 0,
        now_ms: NOW_MS,
        width: [Some(100), None, Some(20), Some(0)][(variant >> 1) & 3],
    };
    let mut out: Vec<u8> = Vec::new();
    for f in [
        ShowFormat::Text,
        ShowFormat::Json,
        ShowFormat::Pjson,
        ShowFormat::Html,
    ] {
        out.clear();
        Renderer {
            format: Format::Show(f),
            opts: ro,
        }
        .document(records, &[], &mut out).expect("writing to a Vec cannot fail");
    }
    for f in [
        ListFormat::Table,
        ListFormat::Json,
        ListFormat::Pjson,
        ListFormat::Html,
    ] {
        out.clear();
        Renderer {
            format: Format::List(f),
            opts: ro,
        }
        .document(records, &[], &mut out).expect("writing to a Vec cannot fail");
    }
    let policy = Policy {
        now_ms: NOW_MS,
        expires_within_ms: 30 * 86_400_000,
        min_rsa_bits: 2048,
        min_ec_bits: 256,
        host: match variant % 3 {
            0 => Some("www.example.com".to_string()),
            1 => Some("192.0.2.1".to_string()),
            _ => None,
        },
        allow: Vec::new(),
        trust: None,
    };
    let report = check::judge(records, &policy);
    for f in [CheckFormat::Text, CheckFormat::Json, CheckFormat::Junit] {
        certinfo::render::check::render(&report, f, &ro, &mut std::io::sink())
            .expect("writing to a sink cannot fail");
    }
}
