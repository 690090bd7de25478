//! Mutation test (issue 5): thousands of byte mutations of every sample go
//! through the whole library pipeline — load, model, every renderer — with a
//! fixed seed. Each must end in `Ok` or a typed error: no panic, no hang.
//! The fuzz corpus regressions (`fuzz/regressions/`) are replayed too.

use certinfo::load::{self, LoadOptions, Password};
use certinfo::model;
use certinfo::render::{Format, JavaZone, ListFormat, RenderOptions, Renderer, ShowFormat};
use std::path::{Path, PathBuf};

/// xorshift64*: a fixed-seed generator, so every run mutates the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One mutation of `input`: flip, truncate, splice, repeat, or corrupt a
/// DER/JKS length field.
fn mutate(input: &[u8], donor: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = input.to_vec();
    if v.is_empty() {
        return donor.to_vec();
    }
    match rng.below(6) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
        }
        1 => v.truncate(rng.below(v.len())),
        2 => {
            let at = rng.below(v.len());
            let from = rng.below(donor.len());
            let len = rng.below(donor.len() - from + 1).min(4096);
            v.splice(at..at, donor[from..from + len].iter().copied());
        }
        3 => {
            let from = rng.below(v.len());
            let len = rng.below(v.len() - from + 1).min(2048);
            let chunk: Vec<u8> = v[from..from + len].to_vec();
            for _ in 0..=rng.below(4) {
                v.splice(from..from, chunk.iter().copied());
            }
        }
        4 => {
            // Length-field corruption: find a DER length byte (after a
            // SEQUENCE/OCTET STRING/INTEGER tag) and set it to an extreme.
            for _ in 0..32 {
                let i = rng.below(v.len().saturating_sub(1));
                if matches!(v[i], 0x30 | 0x04 | 0x02 | 0x31 | 0xa0) {
                    v[i + 1] = [0x00, 0x7f, 0x80, 0x81, 0x84, 0x88, 0xff][rng.below(7)];
                    if v[i + 1] & 0x80 != 0 && i + 2 < v.len() {
                        v[i + 2] = 0xff;
                    }
                    break;
                }
            }
        }
        _ => {
            // 32-bit big-endian count/length fields (JKS) set to huge values.
            let i = rng.below(v.len().saturating_sub(4));
            let val: u32 = [0, 1, 0x7fff_ffff, 0xffff_ffff, 0x0100_0000][rng.below(5)];
            if i + 4 <= v.len() {
                v[i..i + 4].copy_from_slice(&val.to_be_bytes());
            }
        }
    }
    v
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The whole pipeline on one input; panics only if the library does.
fn pipeline(bytes: &[u8], zone: &JavaZone, with_password: bool) {
    let opts = LoadOptions {
        password: with_password.then(|| Password::new("changeit")),
        // Keep hostile iteration counts cheap here; the cap itself is tested elsewhere.
        max_iterations: 20_000,
        ..LoadOptions::default()
    };
    let Ok(loaded) = load::load_bytes(bytes, &opts) else {
        return;
    };
    let (records, _) = model::build(loaded.entries, "input", 0, 0);
    let ro = RenderOptions {
        headers: true,
        with_source: false,
        comments: false,
        zone,
        color: true,
        now_ms: 1_768_435_200_000,
        width: Some(100),
    };
    let mut sink = Vec::new();
    for f in [ShowFormat::Text, ShowFormat::Json, ShowFormat::Pjson] {
        Renderer {
            format: Format::Show(f),
            opts: ro,
        }
        .document(&records, &[], &mut sink)
        .unwrap();
    }
    for f in [ListFormat::Table, ListFormat::Json, ListFormat::Pjson] {
        Renderer {
            format: Format::List(f),
            opts: ro,
        }
        .document(&records, &[], &mut sink)
        .unwrap();
    }
}

fn samples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files = Vec::new();
    for sub in ["pem", "der", "keystores", "bad", "check"] {
        all_files(&root.join(sub), &mut files);
    }
    // A slice of the third-party vectors keeps the run near a minute.
    let mut vectors = Vec::new();
    all_files(&root.join("vectors"), &mut vectors);
    files.extend(vectors.into_iter().step_by(7));
    files.retain(|p| {
        p.extension()
            .is_none_or(|e| e != "md" && e != "tsv" && e != "py" && e != "sh")
    });
    files
}

#[test]
fn thousands_of_mutations_end_in_ok_or_a_typed_error() {
    let zone = JavaZone::by_id("America/Los_Angeles").expect("tzdb present");
    let files = samples();
    assert!(files.len() > 300, "samples present: {}", files.len());
    let inputs: Vec<Vec<u8>> = files.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let per_file: usize = std::env::var("CERTINFO_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    let mut rng = Rng(0x5eed_c0de_1234_5678);
    let mut runs = 0;
    for (i, input) in inputs.iter().enumerate() {
        let donor = &inputs[(i * 7 + 3) % inputs.len()];
        pipeline(input, &zone, true);
        for _ in 0..per_file {
            let m = mutate(input, donor, &mut rng);
            let with_password = rng.below(2) == 0;
            pipeline(&m, &zone, with_password);
            runs += 1;
        }
    }
    eprintln!(
        "{runs} mutated inputs from {} samples, no panic",
        inputs.len()
    );
    assert!(runs >= 3000);
}

/// Passwords of the keystore fuzz targets, picked by an input's first byte
/// (`fuzz/fuzz_targets/common.rs`).
const FUZZ_PASSWORDS: [Option<&str>; 6] = [
    None,
    Some("changeit"),
    Some(""),
    Some("password"),
    Some("cryptography"),
    Some("1234"),
];

/// One regression input of fuzz target `target`, replayed the way that target
/// runs it (the loader called directly, then the model and every renderer),
/// then through the whole pipeline as well.
fn replay(target: &str, bytes: &[u8], zone: &JavaZone) {
    let keystore = matches!(target, "pkcs12" | "jks");
    let (password, body) = match bytes.split_first() {
        Some((&sel, rest)) if keystore => (FUZZ_PASSWORDS[usize::from(sel) % 6], rest),
        _ => (None, bytes),
    };
    let opts = LoadOptions {
        password: password.map(Password::new),
        max_iterations: 10_000,
        ..LoadOptions::default()
    };
    let loaded = match target {
        "pem" => load::pem::load(body, &opts),
        "der" => load::der::load(body),
        "pkcs7" => load::pkcs7::load(body),
        "pkcs12" => load::pkcs12::load(body, &opts),
        "jks" => load::jks::load(body, &opts),
        _ => load::load_bytes(body, &opts),
    };
    if let Ok(loaded) = loaded {
        let (records, _) = model::build(loaded.entries, "input", 0, 0);
        render_every_format(&records, zone);
    }
    pipeline(body, zone, false);
    pipeline(body, zone, true);
}

fn render_every_format(records: &[model::EntryRecord], zone: &JavaZone) {
    let ro = RenderOptions {
        headers: true,
        with_source: false,
        comments: false,
        zone,
        color: true,
        now_ms: 1_768_435_200_000,
        width: Some(100),
    };
    let mut sink = Vec::new();
    for f in [
        ShowFormat::Text,
        ShowFormat::Json,
        ShowFormat::Pjson,
        ShowFormat::Html,
    ] {
        Renderer {
            format: Format::Show(f),
            opts: ro,
        }
        .document(records, &[], &mut sink)
        .unwrap();
    }
    for f in [
        ListFormat::Table,
        ListFormat::Json,
        ListFormat::Pjson,
        ListFormat::Html,
    ] {
        Renderer {
            format: Format::List(f),
            opts: ro,
        }
        .document(records, &[], &mut sink)
        .unwrap();
    }
}

/// Every input the fuzzers found (`fuzz/regressions/<target>/<name>`),
/// replayed as its target runs it; each must end without a panic, and fast.
#[test]
fn fuzz_regressions_replay() {
    let zone = JavaZone::by_id("UTC").expect("tzdb present");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut files = Vec::new();
    all_files(&dir, &mut files);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let target = f
            .strip_prefix(&dir)
            .ok()
            .and_then(|rel| rel.components().next())
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("pipeline");
        let started = std::time::Instant::now();
        replay(target, &bytes, &zone);
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(20),
            "{} took {took:?}",
            f.display()
        );
    }
    eprintln!("replayed {} fuzz regressions", files.len());
}
