//! Keystores (SPEC §2, §6): passwords, integrity, PKCS#7, `--verbose`.

use crate::util::{certinfo, sample};
use serde_json::Value;

const SECRET: &str = "s3cr3t-Wr0ng-pw";

fn run(args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = certinfo();
    c.args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn wrong_password_exits_4_on_every_keystore_kind_without_printing_it() {
    for rel in [
        "keystores/openssl/default.p12",
        "keystores/openssl/legacy.p12",
        "keystores/keytool/kt-default.p12",
        "keystores/keytool/kt.jks",
        "keystores/keytool/kt.jceks",
    ] {
        let f = sample(rel);
        for via in ["env", "file", "arg"] {
            let pwfile = std::env::temp_dir().join(format!("certinfo-pw-{}", std::process::id()));
            std::fs::write(&pwfile, format!("{SECRET}\n")).unwrap();
            let (args, envs): (Vec<String>, Vec<(&str, &str)>) = match via {
                "env" => (
                    vec!["--password-env".into(), "PW".into()],
                    vec![("PW", SECRET)],
                ),
                "file" => (
                    vec!["--password-file".into(), pwfile.display().to_string()],
                    vec![],
                ),
                _ => (vec!["--password".into(), SECRET.into()], vec![]),
            };
            let mut all = vec!["list", "-f", "json", "-v"];
            all.extend(args.iter().map(String::as_str));
            all.push(f.to_str().unwrap());
            let (code, stdout, stderr) = run(&all, &envs);
            assert_eq!(code, 4, "{rel} via {via}: {stderr}");
            assert!(
                stderr.contains(&format!("certinfo: {}: ", f.display())),
                "{rel}: names the input: {stderr}"
            );
            assert!(stderr.contains("wrong password"), "{rel}: {stderr}");
            assert!(
                stderr.contains("--password-env") && stderr.contains("--password-file"),
                "{rel}: suggests the flags"
            );
            assert!(
                !stderr.contains(SECRET) && !stdout.contains(SECRET),
                "{rel} via {via}: the password leaked"
            );
            let _ = std::fs::remove_file(&pwfile);
        }
    }
}

#[test]
fn missing_password_exits_4_and_says_which_flags() {
    let f = sample("keystores/openssl/default.p12");
    let (code, _, stderr) = run(&["list", "-f", "json", f.to_str().unwrap()], &[]);
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("password is required") && stderr.contains("--password-env VAR"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        &[
            "list",
            "--password-env",
            "NOT_SET_ANYWHERE",
            f.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("NOT_SET_ANYWHERE"), "{stderr}");
}

#[test]
fn password_on_the_command_line_is_warned_about() {
    let f = sample("keystores/openssl/default.p12");
    let (code, _, stderr) = run(
        &[
            "list",
            "-f",
            "json",
            "--password",
            "changeit",
            f.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("visible to other users"), "{stderr}");
    assert!(!stderr.contains("changeit"));
}

#[test]
fn empty_password_and_no_password_files_open_without_one() {
    for rel in [
        "keystores/openssl/empty-password.p12",
        "vectors/pkcs12/no-password.p12",
        "vectors/pkcs12/name-2-3-no-pwd.p12",
    ] {
        let f = sample(rel);
        if !f.exists() {
            continue;
        }
        let (code, stdout, stderr) = run(&["list", "-f", "json", f.to_str().unwrap()], &[]);
        assert_eq!(code, 0, "{rel}: {stderr}");
        let doc: Value = serde_json::from_str(&stdout).unwrap();
        assert!(!doc["certificates"].as_array().unwrap().is_empty(), "{rel}");
    }
}

#[test]
fn jks_without_password_is_read_with_a_warning_and_verified_with_one() {
    let f = sample("keystores/keytool/kt.jks");
    let (code, stdout, stderr) = run(&["show", "-f", "json", f.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("integrity of the keystore was not checked"),
        "{stderr}"
    );
    assert!(stdout.lines().count() >= 2);
    let (code, _, stderr) = run(
        &[
            "show",
            "-f",
            "json",
            "-v",
            "--password-env",
            "PW",
            f.to_str().unwrap(),
        ],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("integrity: verified"), "{stderr}");
}

#[test]
fn jceks_secret_keys_are_shown_in_layout_a_only() {
    let f = sample("keystores/keytool/kt.jceks");
    let (code, stdout, _) = run(&["show", "-f", "json", f.to_str().unwrap()], &[]);
    assert_eq!(code, 0);
    let secret: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["Entry type"] == "SecretKeyEntry")
        .collect();
    assert!(!secret.is_empty());
    for s in &secret {
        let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Alias name", "Creation date", "Entry type"]);
    }
}

#[test]
fn corrupted_mac_is_reported_as_such() {
    let orig = std::fs::read(sample("keystores/openssl/default.p12")).unwrap();
    let mut bad = orig.clone();
    // The MAC value sits near the end (MacData: digest, salt, iterations).
    let n = bad.len();
    bad[n - 30] ^= 0xff;
    let f = std::env::temp_dir().join(format!("certinfo-badmac-{}.p12", std::process::id()));
    std::fs::write(&f, &bad).unwrap();
    let (code, _, stderr) = run(
        &["list", "--password-env", "PW", f.to_str().unwrap()],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("corrupted MAC"), "{stderr}");
    let _ = std::fs::remove_file(&f);
}

#[test]
fn verbose_tells_the_pkcs12_algorithms_and_iterations() {
    let f = sample("keystores/openssl/legacy.p12");
    let (code, _, stderr) = run(
        &[
            "list",
            "-f",
            "json",
            "-v",
            "--password-env",
            "PW",
            f.to_str().unwrap(),
        ],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("format: PKCS#12"), "{stderr}");
    assert!(
        stderr.contains("MAC: HMAC-SHA1, 2048 iterations"),
        "{stderr}"
    );
    assert!(stderr.contains("pbeWithSHAAnd40BitRC2-CBC"), "{stderr}");
    assert!(
        stderr.contains("pbeWithSHAAnd3-KeyTripleDES-CBC"),
        "{stderr}"
    );
}

#[test]
fn iteration_cap_is_enforced_and_can_be_raised() {
    let f = sample("keystores/openssl/iter-100000.p12");
    let (code, _, stderr) = run(
        &[
            "list",
            "--max-iterations",
            "50000",
            "--password-env",
            "PW",
            f.to_str().unwrap(),
        ],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("--max-iterations"), "{stderr}");
    let (code, _, stderr) = run(
        &[
            "list",
            "-f",
            "json",
            "--password-env",
            "PW",
            f.to_str().unwrap(),
        ],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn pkcs7_bundles_in_pem_der_and_ber() {
    for rel in [
        "keystores/pkcs7/chain.p7b",
        "keystores/pkcs7/chain-der.p7b",
        "keystores/pkcs7/cms-stream-ber.p7m",
        "vectors/pkcs7/amazon-roots.p7b",
    ] {
        let f = sample(rel);
        let (code, stdout, stderr) = run(&["list", "-f", "json", "-v", f.to_str().unwrap()], &[]);
        assert_eq!(code, 0, "{rel}: {stderr}");
        // chain.p7b is PEM armour around PKCS#7 (a `PKCS7` block).
        assert!(
            stderr.contains("format: PKCS#7") || stderr.contains("format: PEM"),
            "{rel}: {stderr}"
        );
        let doc: Value = serde_json::from_str(&stdout).unwrap();
        assert!(!doc["certificates"].as_array().unwrap().is_empty(), "{rel}");
    }
}

#[test]
fn a_600000_iteration_openssl_file_passes_the_default_limits() {
    // `openssl pkcs12 -export -iter 600000`: two PBES2 derivations and the MAC,
    // 3,000,007 hash blocks of the 10,000,000 the default allows.
    let f = sample("keystores/openssl/iter-600000.p12");
    let (code, stdout, stderr) = run(
        &["list", "-v", "--password-env", "PW", f.to_str().unwrap()],
        &[("PW", "changeit")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Server Cert") || stdout.contains("server cert"),
        "{stdout}"
    );
    assert!(
        stderr.contains("MAC: HMAC-SHA256, 600000 iterations"),
        "{stderr}"
    );
    assert!(
        stderr.contains("PBES2 (PBKDF2-HMAC-SHA256, 600000 iterations, AES-256-CBC)"),
        "{stderr}"
    );
}

/// DER TLV with a definite length.
fn tlv(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let body = parts.concat();
    let mut v = vec![tag];
    match body.len() {
        n @ 0..=0x7f => v.push(n as u8),
        n => v.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    v.extend(body);
    v
}

/// A PFX without MAC whose one encryptedData is PBES2 with PBKDF2-HMAC-SHA1 at
/// 1,000,000 iterations (the default per-derivation limit) and a 128-byte
/// RC2 key: 7 SHA-1 outputs, 14,000,002 hash blocks (about 0.6 s here).
fn hostile_rc2_pfx() -> Vec<u8> {
    let oid = |body: &[u8]| tlv(0x06, &[body]);
    let data = oid(b"\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01");
    let pbkdf2 = tlv(
        0x30,
        &[
            &oid(b"\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0c"),
            &tlv(
                0x30,
                &[
                    &tlv(0x04, &[&[7; 8]]),
                    &tlv(0x02, &[b"\x0f\x42\x40"]),
                    &tlv(0x02, &[b"\x00\x80"]),
                    &tlv(
                        0x30,
                        &[&oid(b"\x2a\x86\x48\x86\xf7\x0d\x02\x07"), b"\x05\x00"],
                    ),
                ],
            ),
        ],
    );
    let rc2 = tlv(
        0x30,
        &[
            &oid(b"\x2a\x86\x48\x86\xf7\x0d\x03\x02"),
            &tlv(0x30, &[&tlv(0x02, &[b"\x04\x00"]), &tlv(0x04, &[&[1; 8]])]),
        ],
    );
    let pbes2 = tlv(
        0x30,
        &[
            &oid(b"\x2a\x86\x48\x86\xf7\x0d\x01\x05\x0d"),
            &tlv(0x30, &[&pbkdf2, &rc2]),
        ],
    );
    let eci = tlv(0x30, &[&data, &pbes2, &tlv(0x80, &[&[0x55; 16]])]);
    let ed = tlv(0x30, &[&tlv(0x02, &[&[0]]), &eci]);
    let ci = tlv(
        0x30,
        &[
            &oid(b"\x2a\x86\x48\x86\xf7\x0d\x01\x07\x06"),
            &tlv(0xa0, &[&ed]),
        ],
    );
    let auth = tlv(0x30, &[&ci]);
    let safe = tlv(0x30, &[&data, &tlv(0xa0, &[&tlv(0x04, &[&auth])])]);
    tlv(0x30, &[&tlv(0x02, &[&[3]]), &safe])
}

#[test]
fn key_derivation_work_is_counted_in_hash_blocks() {
    // The stored count is within --max-iterations; the work is 1.4 times
    // the file budget, so it is refused before any derivation runs.
    let dir = std::env::temp_dir().join(format!("certinfo-kdf-work-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("rc2-1024.p12");
    std::fs::write(&f, hostile_rc2_pfx()).unwrap();
    let start = std::time::Instant::now();
    let (code, _, stderr) = run(
        &["list", "--password-env", "PW", f.to_str().unwrap()],
        &[("PW", "changeit")],
    );
    let took = start.elapsed();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("content 1: key derivation would need 14000002 hash blocks"),
        "{stderr}"
    );
    assert!(
        stderr.contains("above the limit of 10000000") && stderr.contains("--max-iterations N"),
        "{stderr}"
    );
    assert!(took.as_secs() < 20, "refused only after {took:?}");
}

/// `--verbose` tells what a PKCS#12 file uses even when it cannot be read
/// without its password (issue 18): the MAC, and the encryption of the
/// content that needs the password.
#[test]
fn verbose_describes_a_pkcs12_that_needs_its_password() {
    let p12 = crate::util::sample("remote/client/ed25519.p12");
    let p12 = p12.to_str().unwrap();
    for (args, env, error) in [
        (vec!["list", "-v", p12], vec![], "a password is required"),
        (
            vec!["list", "-v", "--password-env", "PW", p12],
            vec![("PW", "not-it")],
            "wrong password",
        ),
    ] {
        let (code, _, stderr) = run(&args, &env);
        assert_eq!(code, 4, "{stderr}");
        assert!(
            stderr.contains("MAC: HMAC-SHA256, 2048 iterations, salt 8 bytes"),
            "{stderr}"
        );
        assert!(stderr.contains(error), "{stderr}");
        assert!(!stderr.contains("not-it"), "{stderr}");
        if env.is_empty() {
            assert!(
                stderr.contains("content 1 (encryptedData): PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC): not decrypted"),
                "{stderr}"
            );
        }
    }
}
