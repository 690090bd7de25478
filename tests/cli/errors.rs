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
fn der_with_trailing_garbage_is_shown_with_a_warning() {
    // Java reads it (the bytes do not start another element): an odd but
    // readable file is a warning, not exit 3 (SPEC §6).
    let f = sample("bad/trailing-garbage.der");
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let want = "warning: 26 byte(s) after the last certificate are not a certificate";
    assert!(stderr.contains(want), "{stderr}");
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

/// `certinfo list big.pem | head -1`: the reader closes the pipe early;
/// certinfo ends quietly with 0, no "Broken pipe" message.
#[test]
fn closed_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("certinfo");
    let mut child = Command::new(bin)
        .env_clear()
        .env("TZ", "UTC")
        .args(["show", "-f", "text"])
        .arg(sample("roots/ca-certificates.crt"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert!(first.starts_with("Alias name: "));
    // The reader is gone (dropped above): the next write fails with EPIPE.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("certinfo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn truncated_keystores_and_bad_magic() {
    assert_bad_input(sample("bad/truncated.jks").to_str().unwrap(), "JKS");
    assert_bad_input(sample("bad/truncated.p12").to_str().unwrap(), "PKCS#12");
    // FEEDFEED with one bit off is no JKS at all.
    let d = scratch_dir("badmagic");
    let mut jks = std::fs::read(sample("keystores/keytool/kt.jks")).unwrap();
    jks[3] ^= 0x01;
    let f = d.join("bad-magic.jks");
    std::fs::write(&f, jks).unwrap();
    assert_bad_input(f.to_str().unwrap(), "not a certificate");
}

#[test]
fn a_malformed_extension_is_reported_and_the_certificate_still_shown() {
    let f = sample("bad/malformed-keyusage.pem");
    let (code, stdout, stderr) = good_then(f.to_str().unwrap());
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("malformed extension 2.5.29.15"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let certs = doc["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2, "both certificates are shown");
    assert_eq!(certs[1]["subject"], "CN=rsa-2048, OU=keys, O=certinfo Test");
    assert_eq!(certs[1]["keyUsage"], serde_json::json!([]));
}

/// A malformed extension that is not critical: Java reads the certificate as
/// without it, so certinfo shows it so, says what is odd, and exits 0.
#[test]
fn a_malformed_extension_java_tolerates_is_a_warning() {
    for (file, oid) in [
        ("quirks/certs/exts/ku-wrong-type.pem", "2.5.29.15"),
        ("quirks/certs/exts/bc-wrong-type.pem", "2.5.29.19"),
        ("quirks/certs/san/uri-space.pem", "2.5.29.17"),
    ] {
        let (code, stdout, stderr) = good_then(sample(file).to_str().unwrap());
        assert_eq!(code, 0, "{file}: {stderr}");
        assert!(
            stderr.contains("warning: ") && stderr.contains(&format!("malformed extension {oid}")),
            "{file}: {stderr}"
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["certificates"].as_array().unwrap().len(), 2, "{file}");
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_symlink_loops_in_a_directory() {
    use std::os::unix::fs::symlink;
    let d = scratch_dir("walk");
    std::fs::copy(sample(GOOD), d.join("good.pem")).unwrap();
    // Reading /proc/self/mem from offset 0 fails (EIO), as for an unreadable file,
    // even for root.
    symlink("/proc/self/mem", d.join("unreadable.pem")).unwrap();
    symlink(d.join("loop-b"), d.join("loop-a")).unwrap();
    symlink(d.join("loop-a"), d.join("loop-b")).unwrap();
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(&d)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("unreadable.pem"), "{stderr}");
    assert!(
        stderr.contains("loop-a") && stderr.contains("loop-b"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["certificates"].as_array().map(Vec::len),
        Some(1),
        "good.pem still printed"
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_read_and_named() {
    use std::os::unix::ffi::OsStrExt;
    let d = scratch_dir("nonutf8");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-\x1b[31m.pem");
    std::fs::copy(sample(GOOD), d.join(name)).unwrap();
    let out = certinfo()
        .args(["show", "-f", "json"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["Alias name"], "caf\u{fffd}-\u{1b}[31m");
    // The same name in a message is escaped for the terminal.
    std::fs::write(d.join(name), b"garbage").unwrap();
    let out = certinfo()
        .args(["show"])
        .arg(d.join(name))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr.contains("\\u{1b}[31m") && !stderr.contains('\u{1b}'),
        "{stderr}"
    );
}

#[test]
fn dev_zero_and_huge_sparse_files_fail_fast() {
    let out = certinfo()
        .args(["list", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a certificate"));
    let d = scratch_dir("sparse");
    let f = std::fs::File::create(d.join("sparse.bin")).unwrap();
    f.set_len(4 << 30).unwrap();
    let out = certinfo()
        .args(["list"])
        .arg(d.join("sparse.bin"))
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

/// `--password-file` reads its first line only, at most 64 KiB of it: an
/// endless file ends the run at once with exit 3, a CRLF line end is not part
/// of the password.
#[test]
fn password_file_reads_one_bounded_line() {
    let p12 = sample("keystores/openssl/default.p12");
    let out = certinfo()
        .args(["show", "--password-file", "/dev/zero"])
        .arg(&p12)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("--password-file /dev/zero: its first line is longer than 65536 bytes"),
        "{stderr}"
    );
    let dir = scratch_dir("pwfile");
    let file = dir.join("pw.txt");
    std::fs::write(&file, "changeit\r\nnot this line\n").unwrap();
    let ok = certinfo()
        .args(["show", "-f", "json", "--password-file"])
        .arg(&file)
        .arg(&p12)
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// A FIFO (or socket, or device) inside a walked directory is passed over
/// with a note: opening it would wait for a writer for ever.
#[cfg(unix)]
#[test]
fn special_files_in_a_walk_are_passed_over() {
    let dir = scratch_dir("fifo-walk");
    std::fs::copy(sample(GOOD), dir.join("a.pem")).unwrap();
    let fifo = dir.join("b.pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(&dir)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("b.pipe: passed over: a named pipe, not read in a directory walk"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["certificates"].as_array().unwrap().len(), 1);
}

/// A large PEM file is read in chunks; the 1 GiB input limit holds there as
/// for every other input: a sparse 1.1 GiB file that starts like PEM and
/// never ends a block stops with exit 3 and names the limit.
#[cfg(unix)]
#[test]
fn chunked_pem_input_is_held_to_the_input_limit() {
    let dir = scratch_dir("sparse-pem");
    let path = dir.join("endless.pem");
    let file = std::fs::File::create(&path).unwrap();
    use std::io::Write;
    (&file).write_all(b"-----BEGIN CERTIFICATE-----\n").unwrap();
    file.set_len((1 << 30) + (100 << 20)).unwrap();
    let out = certinfo()
        .args(["list", "-f", "json"])
        .arg(&path)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("larger than the input limit of 1024 MiB; raise it with --max-input-mib N"),
        "{stderr}"
    );
}
