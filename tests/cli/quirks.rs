//! PEM, DER-file and BER-certificate oddities (`samples/quirks/pem/`, issue
//! 15): what certinfo reads, what it warns about and what it rejects, on the
//! whole-file path and on the chunked path of large files and stdin. The
//! records themselves are compared with Java's in `oracle.rs`; the quirks the
//! oracle's own PEM splitter hides (a BOM, blanks after BEGIN) are compared
//! here with the same certificate's clean file.

use crate::util::{certinfo, sample};
use serde_json::Value;

fn quirk(name: &str) -> std::path::PathBuf {
    sample(&format!("quirks/pem/{name}"))
}

/// `list -f json` of `file`: (exit code, certificates, stderr).
fn list(file: &std::path::Path) -> (i32, Vec<Value>, String) {
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(file)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let certs = doc["certificates"].as_array().cloned().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), certs, stderr)
}

/// A record without its name (the file name differs from its clean twin's).
fn unnamed(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("name");
    v
}

#[test]
fn quirks_are_read_as_their_clean_certificate() {
    let cases = [
        ("bom.pem", "pem/keys/ec-p256.pem", "byte-order mark"),
        ("bom-crlf.pem", "pem/keys/ec-p256.pem", "byte-order mark"),
        ("begin-spaces.pem", "pem/keys/ec-p256.pem", ""),
        ("begin-tab.pem", "pem/keys/ec-p256.pem", ""),
        ("end-spaces.pem", "pem/keys/ec-p256.pem", ""),
        ("end-tab.pem", "pem/keys/ec-p256.pem", ""),
        ("end-spaces-crlf.pem", "pem/keys/ec-p256.pem", ""),
        ("padding-bits-1.pem", "pem/keys/ec-p256.pem", ""),
        ("padding-bits-2.pem", "pem/keys/rsa-3072.pem", ""),
        (
            "trustout.pem",
            "pem/keys/ec-p256.pem",
            "OpenSSL's trust settings",
        ),
        ("trustout-bare.pem", "pem/keys/ec-p256.pem", ""),
        ("ber-indefinite.pem", "pem/keys/ec-p256.pem", ""),
        ("ber-indefinite.der", "pem/keys/ec-p256.pem", ""),
        (
            "junk-1.der",
            "pem/keys/ec-p256.pem",
            "1 byte(s) after the last",
        ),
        (
            "junk-2.der",
            "pem/keys/ec-p256.pem",
            "2 byte(s) after the last",
        ),
        (
            "junk-16.der",
            "pem/keys/ec-p256.pem",
            "16 byte(s) after the last",
        ),
        (
            "junk-text.der",
            "pem/keys/ec-p256.pem",
            "22 byte(s) after the last",
        ),
    ];
    for (file, twin, warning) in cases {
        let (code, got, stderr) = list(&quirk(file));
        let (_, want, _) = list(&sample(twin));
        assert_eq!(code, 0, "{file}: {stderr}");
        assert_eq!(got.len(), 1, "{file}");
        assert_eq!(unnamed(got[0].clone()), unnamed(want[0].clone()), "{file}");
        if warning.is_empty() {
            assert!(stderr.is_empty(), "{file}: {stderr}");
        } else {
            assert!(stderr.contains(&format!("{}: warning: ", quirk(file).display())));
            assert!(stderr.contains(warning), "{file}: {stderr}");
        }
    }
}

#[test]
fn mismatched_end_lines_reject_their_block_and_keep_the_others() {
    for (file, end) in [
        ("end-other-label.pem", "-----END X509 CRL-----"),
        ("end-garbage-label.pem", "-----END CERT#FIC@TE-----"),
        ("end-no-dashes.pem", "-----END CERTIFICATE"),
        ("end-short-dashes.pem", "-----END CERTIFICATE---"),
    ] {
        let (code, got, stderr) = list(&quirk(file));
        assert_eq!(code, 3, "{file}");
        let want = format!(
            "certinfo: {}: PEM: block 2 (CERTIFICATE): END line \"{end}\" does not match \
             the BEGIN line\n",
            quirk(file).display()
        );
        assert_eq!(stderr, want, "{file}");
        let subjects: Vec<&str> = got.iter().map(|c| c["subject"].as_str().unwrap()).collect();
        assert_eq!(
            subjects,
            [
                "CN=rsa-2048, OU=keys, O=certinfo Test",
                "CN=ed25519, OU=keys, O=certinfo Test"
            ],
            "{file}"
        );
    }
    let (code, got, stderr) = list(&quirk("end-mismatch-only.pem"));
    assert_eq!((code, got.len()), (3, 0));
    assert!(
        stderr.contains("block 1 (CERTIFICATE): END line"),
        "{stderr}"
    );
}

#[test]
fn concatenated_der_certificates_are_loose_certificates() {
    let (code, got, stderr) = list(&quirk("concat-roots.der"));
    assert_eq!(code, 0, "{stderr}");
    let (_, roots, _) = list(&sample("roots/ca-certificates.crt"));
    assert_eq!(got.len(), roots.len());
    for (i, (g, r)) in got.iter().zip(&roots).enumerate() {
        assert_eq!(g["name"], format!("concat-roots-{}", i + 1));
        assert_eq!(unnamed(g.clone()), unnamed(r.clone()));
    }
    let (code, got, stderr) = list(&quirk("concat-2-junk.der"));
    assert_eq!((code, got.len()), (0, 2), "{stderr}");
    assert!(stderr.contains("warning: 8 byte(s) after the last certificate"));
    let (code, got, _) = list(&quirk("ber-in-concat.der"));
    assert_eq!((code, got.len()), (0, 3));
    // The certificate limit holds while the file is split, not after.
    let out = certinfo()
        .args(["list", "-f", "json", "--max-certificates", "2"])
        .arg(quirk("concat-3.der"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("DER: more than 2 certificates"), "{stderr}");
}

#[test]
fn junk_that_starts_another_element_is_reported() {
    // Java rejects the file ("Too short"); certinfo shows the certificate
    // and reports the element after it as the certificate it is not.
    let (code, got, stderr) = list(&quirk("junk-sequence.der"));
    assert_eq!((code, got.len()), (3, 1));
    assert!(
        stderr.contains("DER: entry 2 certificate 1: not a valid X.509"),
        "{stderr}"
    );
    // A second certificate cut short: the first is shown, the second named.
    let ec = std::fs::read(sample("der/keys/ec-p256.der")).unwrap();
    let dir = std::env::temp_dir().join(format!("certinfo-quirks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cut = dir.join("cut.der");
    std::fs::write(&cut, [&ec[..], &ec[..100]].concat()).unwrap();
    let (code, got, stderr) = list(&cut);
    assert_eq!((code, got.len()), (3, 1));
    assert!(
        stderr.contains("DER: certificate 2 of the file: truncated"),
        "{stderr}"
    );
}

#[test]
fn a_der_file_from_another_project_with_two_trailing_bytes_is_read() {
    let f = sample("wild/x509-parser-0.18.1/assets/duplicate_value_in_authority_info_access.der");
    let (code, got, stderr) = list(&f);
    assert_eq!((code, got.len()), (0, 1), "{stderr}");
    assert!(stderr.contains("warning: 2 byte(s) after the last certificate"));
}

/// The PEM quirks more than 4 MiB into a file, read in chunks by path and on
/// stdin, give what the whole-file path gives: the same records, the same
/// messages with the same block numbers, the same exit code.
#[test]
fn quirks_in_a_large_file_are_handled_in_chunks_as_in_a_whole_file() {
    let cert = std::fs::read_to_string(quirk("end-spaces.pem")).unwrap();
    let clean = cert.replace("-----  \n", "-----\n");
    let odd = |name: &str| std::fs::read_to_string(quirk(name)).unwrap();
    let mut text = String::from("\u{feff}");
    let n = 7000; // about 4.8 MB
    for i in 1..=n {
        text.push_str(&match i {
            1000 => odd("begin-tab.pem"),
            2000 => odd("padding-bits-1.pem"),
            3000 => odd("end-mismatch-only.pem"),
            4000 => odd("trustout.pem"),
            5000 => odd("bom.pem"),
            6500 => odd("end-mismatch-only.pem"),
            6999 => odd("end-spaces-crlf.pem"),
            _ => clean.clone(),
        });
    }
    assert!(text.len() > 4 << 20);
    let dir = std::env::temp_dir().join(format!("certinfo-quirks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.pem");
    std::fs::write(&path, &text).unwrap();
    let run = |stdin: Option<Vec<u8>>| {
        let mut c = certinfo();
        c.args(["list", "-f", "json"]);
        match stdin {
            Some(bytes) => c.arg("-").write_stdin(bytes),
            None => c.arg(&path),
        };
        let out = c.output().unwrap();
        // The same text whatever the input is called.
        let stdout =
            String::from_utf8_lossy(&out.stdout).replace("\"name\":\"big-", "\"name\":\"stdin-");
        let stderr =
            String::from_utf8_lossy(&out.stderr).replace(&*path.to_string_lossy(), "<stdin>");
        (out.status.code(), stdout, stderr)
    };
    let by_path = run(None);
    let on_stdin = run(Some(text.clone().into_bytes()));
    // A first line naming a key marker makes stdin be read whole (stream.rs).
    let whole = run(Some(
        format!("# no PRIVATE KEY----- here\n{text}").into_bytes(),
    ));
    let _ = std::fs::remove_file(&path);
    let doc: Value = serde_json::from_str(&whole.1).unwrap();
    assert_eq!(doc["certificates"].as_array().map(Vec::len), Some(n - 2));
    assert_eq!(whole.0, Some(3));
    for line in [
        "certinfo: <stdin>: warning: block 1 (CERTIFICATE): a UTF-8 byte-order mark",
        "certinfo: <stdin>: PEM: block 3000 (CERTIFICATE): END line \"-----END X509 CRL-----\"",
        "certinfo: <stdin>: warning: block 4000 (TRUSTED CERTIFICATE): OpenSSL's trust settings",
        "certinfo: <stdin>: warning: block 5000 (CERTIFICATE): a UTF-8 byte-order mark",
        "certinfo: <stdin>: PEM: block 6500 (CERTIFICATE): END line \"-----END X509 CRL-----\"",
    ] {
        assert!(whole.2.contains(line), "{line}\n{}", whole.2);
    }
    assert_eq!(whole.2.lines().count(), 5, "{}", whole.2);
    // The chunked path reports chunk by chunk, so in block order; the whole
    // file's warnings come before its errors. The lines are the same.
    let sorted = |t: &str| {
        let mut l: Vec<String> = t.lines().map(str::to_string).collect();
        l.sort();
        l
    };
    for (how, got) in [("by path", &by_path), ("on stdin", &on_stdin)] {
        assert_eq!(got.0, whole.0, "{how}: exit code");
        assert!(
            got.1 == whole.1,
            "{how}: the records differ from the whole file's"
        );
        assert_eq!(sorted(&got.2), sorted(&whole.2), "{how}: messages");
    }
}
