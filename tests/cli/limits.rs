//! Resource bounds (issue 14): large containers handed out in pieces give
//! what the whole-file path gives, and every limit ends in exit 3 naming the
//! option that raises it.

use crate::util::{certinfo, sample};

fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(body);
    out
}

/// The DER certificates of a PEM bundle, in order.
fn ders(pem: &str) -> Vec<Vec<u8>> {
    pem.split("-----BEGIN CERTIFICATE-----")
        .skip(1)
        .map(|b| {
            let b64: String = b
                .split("-----END")
                .next()
                .unwrap()
                .split_whitespace()
                .collect();
            base64_simd::STANDARD.decode_to_vec(b64).unwrap()
        })
        .collect()
}

/// A DER PKCS#7 SignedData holding `certs`, no signers.
fn pkcs7(certs: &[Vec<u8>]) -> Vec<u8> {
    const SIGNED_DATA: &[u8] = &[0x06, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 7, 2];
    const DATA: &[u8] = &[0x06, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 7, 1];
    let mut signed = vec![0x02, 1, 1, 0x31, 0];
    signed.extend(tlv(0x30, DATA));
    signed.extend(tlv(0xa0, &certs.concat()));
    signed.extend([0x31, 0]);
    let mut info = SIGNED_DATA.to_vec();
    info.extend(tlv(0xa0, &tlv(0x30, &signed)));
    tlv(0x30, &info)
}

fn temp(name: &str, data: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("certinfo-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path
}

fn output(args: &[&str], stdin: Option<Vec<u8>>) -> (i32, String, String) {
    let mut c = certinfo();
    c.args(args);
    if let Some(bytes) = stdin {
        c.write_stdin(bytes);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A PKCS#7 of 10 × 144 roots (over the 64 KiB pieces threshold) lists as
/// the same certificates as a PEM bundle, read whole, with the same stem —
/// by path and on standard input, in every format.
#[test]
fn a_container_in_pieces_lists_as_the_whole_file_does() {
    let roots = std::fs::read_to_string(sample("roots/ca-certificates.crt")).unwrap();
    let certs = ders(&roots.repeat(10));
    assert_eq!(certs.len(), 1440);
    let p7 = temp("bundle.p7b", &pkcs7(&certs));
    let pem = temp("bundle.pem", roots.repeat(10).as_bytes());
    let (p7, pem) = (p7.to_str().unwrap(), pem.to_str().unwrap());
    for args in [
        &["list", "-f", "json"][..],
        &["list", "-f", "table"][..],
        &["show", "-f", "text"][..],
        &["check", "-f", "json", "--now", "2025-01-01T00:00:00Z"][..],
    ] {
        // (check fails some roots: the same ones both ways.)
        let (want_code, want, err) = output(&[args, &[pem]].concat(), None);
        assert!(want_code <= 1, "{args:?}: {err}");
        let (code, got, err) = output(&[args, &[p7]].concat(), None);
        assert_eq!(code, want_code, "{args:?}: {err}");
        let got = got.replace(".p7b", ".pem");
        assert!(got == want, "{args:?}: pieces differ from the whole file");
        let (code, got, err) = output(&[args, &["-"]].concat(), Some(std::fs::read(p7).unwrap()));
        assert_eq!(code, want_code, "{args:?}: {err}");
        // (A table's columns are as wide as the longest alias.)
        if args[0] != "check" && args[2] != "table" {
            let got = got.replace("stdin", "bundle");
            assert!(got == want, "{args:?}: stdin differs from the whole file");
        }
    }
}

/// Bad certificates inside pieces are numbered as entries of the whole
/// container.
#[test]
fn a_bad_certificate_in_a_later_piece_has_its_whole_file_number() {
    let roots = std::fs::read_to_string(sample("roots/ca-certificates.crt")).unwrap();
    let mut certs = ders(&roots.repeat(5));
    certs[700] = tlv(0x30, &[0x02, 1, 5]);
    let p7 = temp("bad.p7b", &pkcs7(&certs));
    let (code, out, err) = output(&["list", "-f", "json", p7.to_str().unwrap()], None);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("PKCS#7: entry 701 certificate 1: "), "{err}");
    assert_eq!(out.matches("\"sha256Fingerprint\"").count(), 719);
}

/// `--max-certificates` bounds what one input yields (key chains included)
/// and what a collecting format holds; `--max-input-mib` bounds each input.
#[test]
fn limits_end_in_exit_3_naming_their_option() {
    // A key with its 3-certificate chain.
    let keyed = sample("pem/containers/pkcs8-key-then-chain.pem");
    let keyed = keyed.to_str().unwrap();
    let (code, _, err) = output(&["list", "--max-certificates", "2", keyed], None);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("more than 2 certificates (key chains included); raise the limit with --max-certificates N"),
        "{err}"
    );
    let (code, _, err) = output(
        &["list", "-f", "json", "--max-certificates", "4", keyed],
        None,
    );
    assert_eq!(code, 0, "{err}");

    // Collected across inputs: the second input is stopped, the first shown.
    let (code, out, err) = output(&["list", "--max-certificates", "5", keyed, keyed], None);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("stopped: more than 5 certificates to hold"),
        "{err}"
    );
    assert!(
        err.contains("--max-certificates N, or use -f json"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(out.matches("IDENTITY").count(), 3, "{out}");
    // Streaming formats hold nothing: the same run passes.
    let (code, _, err) = output(
        &[
            "list",
            "-f",
            "json",
            "--max-certificates",
            "6",
            keyed,
            keyed,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");

    let (code, _, err) = output(&["show", "--max-input-mib", "0", keyed], None);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("larger than the input limit of 0 MiB; raise it with --max-input-mib N"),
        "{err}"
    );
    let pem = std::fs::read(keyed).unwrap();
    let (code, _, err) = output(&["show", "--max-input-mib", "0", "-"], Some(pem));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("<stdin>: larger than the input limit"),
        "{err}"
    );
}
