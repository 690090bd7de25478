//! Bad inputs (SPEC §6): each exits 3 with a message naming the input, and
//! the other inputs of the same run are still printed.

use crate::util::{certinfo, sample};

const GOOD: &str = "pem/keys/rsa-2048.pem";

fn good_then(bad: &str) -> (i32, String, String) {
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(sample(GOOD))
        .arg(bad)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_bad_input(bad: &str, message: &str) {
    let (code, stdout, stderr) = good_then(bad);
    assert_eq!(code, 3, "exit code for {bad}; stderr: {stderr}");
    assert!(
        stderr.contains(&format!("certinfo: {bad}: ")),
        "stderr names the input {bad}: {stderr}"
    );
    assert!(
        stderr.contains(message),
        "stderr for {bad} says {message:?}: {stderr}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout).expect("stdout is one JSON document");
    assert_eq!(
        doc["certificates"].as_array().map(Vec::len),
        Some(1),
        "the good input is still printed: {stdout}"
    );
}

#[test]
fn missing_file() {
    let missing = sample("bad/does-not-exist.pem");
    assert_bad_input(missing.to_str().unwrap(), "no such file or directory");
}

#[test]
fn directory_without_certificates() {
    let dir = sample("bad/emptydir-with-no-certs");
    assert_bad_input(dir.to_str().unwrap(), "no certificate found");
}

#[test]
fn garbage_bytes() {
    let f = sample("bad/random.bin");
    assert_bad_input(f.to_str().unwrap(), "not a certificate");
}

#[test]
fn garbage_text() {
    let f = sample("bad/garbage.txt");
    assert_bad_input(f.to_str().unwrap(), "not a certificate");
}

#[test]
fn pem_block_with_broken_body() {
    let f = sample("bad/broken-base64.pem");
    assert_bad_input(f.to_str().unwrap(), "bad base64");
}

#[test]
fn pem_header_without_footer() {
    let f = sample("bad/header-no-footer.pem");
    assert_bad_input(f.to_str().unwrap(), "no END line");
}

#[test]
fn truncated_der() {
    let f = sample("bad/truncated.der");
    assert_bad_input(f.to_str().unwrap(), "truncated");
}

#[test]
fn der_with_trailing_garbage_is_shown_and_reported() {
    let f = sample("bad/trailing-garbage.der");
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("trailing data"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["certificates"].as_array().map(Vec::len), Some(1));
}

#[test]
fn empty_file() {
    let f = sample("bad/empty.crt");
    assert_bad_input(f.to_str().unwrap(), "not a certificate");
}

#[test]
fn no_input_on_a_terminal_is_not_guessed_but_stdin_is_read_when_piped() {
    let pem = std::fs::read(sample(GOOD)).unwrap();
    let out = certinfo()
        .args(["show", "-f", "json"])
        .write_stdin(pem)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["Alias name"], "stdin");
}

#[test]
fn unknown_option_is_a_usage_error() {
    let out = certinfo().args(["show", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unknown_format_value_is_a_usage_error() {
    let out = certinfo()
        .args(["list", "-f", "yaml", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
