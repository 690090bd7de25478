//! The CLI's resource paths on large generated inputs: the input is a recipe
//! — a shape byte, a copy-count byte, a limits byte — and a certificate (any
//! bytes). The certificate is repeated into a PEM bundle, a PKCS#7 or a JKS
//! of up to about 6 MiB (over the 64 KiB pieces threshold from a few copies,
//! over the 4 MiB PEM chunking threshold at the top counts), written to a
//! file, and run through `app::run` as the binary runs it — planner, chunked
//! reader, pieces, pool, renderers — with `--max-certificates` and
//! `--max-input-mib` from the limits byte, so the limits' paths are reached.
//! Every outcome is an exit code; a panic or an abort is the library's.
#![no_main]
use clap::Parser;
use libfuzzer_sys::fuzz_target;
use std::io::Write;

/// The generated input, in the shape the first byte selects.
fn generate(shape: u8, copies: usize, cert: &[u8]) -> Vec<u8> {
    match shape % 4 {
        0 | 3 => {
            let b64 = base64_simd::STANDARD.encode_to_string(cert);
            let mut block = b"-----BEGIN CERTIFICATE-----\n".to_vec();
            for line in b64.as_bytes().chunks(64) {
                block.extend_from_slice(line);
                block.push(b'\n');
            }
            block.extend_from_slice(b"-----END CERTIFICATE-----\n");
            if shape % 4 == 3 {
                // An unterminated block at the end.
                block.truncate(block.len() / 2);
            }
            block.repeat(copies)
        }
        1 => {
            let certs = cert.repeat(copies);
            let mut signed = vec![0x02, 1, 1, 0x31, 0];
            signed.extend(tlv(0x30, &[0x06, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 7, 1]));
            signed.extend(tlv(0xa0, &certs));
            signed.extend([0x31, 0]);
            let mut info = vec![0x06, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 7, 2];
            info.extend(tlv(0xa0, &tlv(0x30, &signed)));
            tlv(0x30, &info)
        }
        _ => {
            let mut jks = vec![0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2];
            jks.extend((copies as u32).to_be_bytes());
            for i in 0..copies {
                let alias = format!("a{i}");
                jks.extend([0, 0, 0, 2]);
                jks.extend((alias.len() as u16).to_be_bytes());
                jks.extend(alias.as_bytes());
                jks.extend(1_700_000_000_000u64.to_be_bytes());
                jks.extend([0, 5]);
                jks.extend(b"X.509");
                jks.extend((cert.len() as u32).to_be_bytes());
                jks.extend(cert);
            }
            jks.extend([0u8; 20]);
            jks
        }
    }
}

fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag, 0x84];
    out.extend((body.len() as u32).to_be_bytes());
    out.extend_from_slice(body);
    out
}

fuzz_target!(|data: &[u8]| {
    let [shape, count, limits, cert @ ..] = data else { return };
    if cert.is_empty() || cert.len() > 4096 {
        return;
    }
    // 1 to ~6 MiB worth of copies, in 16 steps.
    let most = (6 << 20) / cert.len().max(1);
    let copies = 1 + most * usize::from(count >> 4) / 15;
    let bytes = generate(*shape, copies, cert);
    let path = std::env::temp_dir().join(format!("certinfo-fuzz-{}.in", std::process::id()));
    std::fs::File::create(&path).and_then(|mut f| f.write_all(&bytes)).unwrap();
    let max_certs = [1_000_000, 100, 5_000, 1][usize::from(limits % 4)].to_string();
    let max_mib = [1024, 1, 4, 0][usize::from((limits >> 2) % 4)].to_string();
    let (cmd, format) = [("list", "json"), ("list", "table"), ("show", "text"), ("check", "json")]
        [usize::from((limits >> 4) % 4)];
    let mut args = vec![
        "certinfo", cmd, "-f", format, "--max-certificates", &max_certs, "--max-input-mib",
        &max_mib,
    ];
    if cmd == "check" {
        args.extend(["--now", "2026-01-15T00:00:00Z"]);
    }
    args.push(path.to_str().unwrap());
    let cli = certinfo::cli::Cli::try_parse_from(args).expect("the recipe's arguments parse");
    let (mut out, mut err) = (std::io::sink(), Vec::new());
    certinfo::app::run(cli, &mut out, &mut err).expect("writes to memory succeed");
    // Errors name the input: never a message without one.
    let err = String::from_utf8_lossy(&err);
    assert!(err.lines().all(|l| l.starts_with("certinfo: ")), "{err}");
});
