//! PKCS#12 quirks of issue 15 (`samples/quirks/pkcs12/`, made by its
//! `make.py`): certificates stored twice, listing without a password as Java
//! does with a null password, and deep BER nesting. The records themselves are
//! compared with Java by `oracle.rs`; these tests pin the warnings and exit codes.

use crate::util::{certinfo, sample};
use serde_json::Value;

const NOT_CHECKED: &str = "integrity of the keystore was not checked";

fn run(args: &[&str], file: &std::path::Path, pw: Option<&str>) -> (i32, Vec<Value>, String) {
    let mut c = certinfo();
    c.args(args);
    if let Some(pw) = pw {
        c.env("P12_PW", pw).args(["--password-env", "P12_PW"]);
    }
    let out = c.arg(file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let values = serde_json::Deserializer::from_str(&stdout)
        .into_iter::<Value>()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_default();
    (
        out.status.code().unwrap_or(-1),
        values,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn quirk(name: &str) -> std::path::PathBuf {
    sample(&format!("quirks/pkcs12/{name}"))
}

/// (alias, entry type, chain length) of each `show -f json` record.
fn entries(records: &[Value]) -> Vec<(String, String, String)> {
    records
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (
                s("Alias name"),
                s("Entry type"),
                s("Certificate chain length"),
            )
        })
        .collect()
}

fn key_entry() -> (String, String, String) {
    ("server".into(), "PrivateKeyEntry".into(), "3".into())
}

#[test]
fn a_certificate_stored_twice_is_shown_once() {
    for name in ["dup-key-cert.p12", "dup-ca-cert.p12"] {
        let (code, show, stderr) = run(&["show", "-f", "json"], &quirk(name), Some("changeit"));
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(entries(&show), [key_entry()], "{name}");
        let (_, list, _) = run(&["list", "-f", "json"], &quirk(name), Some("changeit"));
        assert_eq!(
            list[0]["certificates"].as_array().unwrap().len(),
            3,
            "{name}"
        );
    }
    // A certificate on no chain stored twice is one trustedCertEntry (SPEC §2
    // shows what Java drops), and the key's certificate stored again under its
    // name is not one.
    let (code, show, stderr) = run(
        &["show", "-f", "json"],
        &quirk("dup-extra-cert.p12"),
        Some("changeit"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        entries(&show),
        [
            ("1".into(), "trustedCertEntry".into(), String::new()),
            key_entry()
        ]
    );
    assert!(show[0]["Owner"]
        .as_str()
        .unwrap()
        .contains("p12quirks Extra"));
}

#[test]
fn without_a_password_plain_certificates_are_listed_with_a_warning() {
    // Plain certificate bags, an encrypted key, a MAC made with `changeit`.
    for name in ["plain-certs-nopw.p12", "plain-certs-dup-nopw.p12"] {
        let (code, show, stderr) = run(&["show", "-f", "json"], &quirk(name), None);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(stderr.contains(NOT_CHECKED), "{name}: {stderr}");
        assert!(stderr.contains("--password-env VAR"), "{stderr}");
        assert!(entries(&show).contains(&key_entry()), "{name}");
    }
    let f = quirk("plain-certs.p12");
    let (code, _, stderr) = run(&["show", "-f", "json", "-v"], &f, None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("integrity: not checked (no password)"),
        "{stderr}"
    );
    assert!(stderr.contains("not decrypted (no password)"), "{stderr}");
    // With the password: verified, no warning; a wrong one is still refused.
    let (code, show, stderr) = run(&["show", "-f", "json"], &f, Some("changeit"));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(NOT_CHECKED), "{stderr}");
    assert_eq!(entries(&show), [key_entry()]);
    let (code, _, stderr) = run(&["show", "-f", "json"], &f, Some("wrong"));
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("wrong password"), "{stderr}");
}

#[test]
fn without_a_password_encrypted_certificates_exit_4() {
    // OpenSSL 3's layout: Java (null password) skips the encrypted
    // certificates and lists the key alone; certinfo asks for the password.
    let (code, show, stderr) = run(
        &["show", "-f", "json"],
        &quirk("encrypted-certs-nopw.p12"),
        None,
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(show.is_empty());
    assert!(
        stderr.contains("a password is required")
            && stderr.contains("--password-env VAR or --password-file FILE"),
        "{stderr}"
    );
}

#[test]
fn without_a_password_or_a_mac_plain_certificates_are_listed() {
    let (code, show, stderr) = run(
        &["show", "-f", "json"],
        &quirk("nomac-plain-certs-nopw.p12"),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(entries(&show), [key_entry()]);
    // Nothing to check: no MAC, so no integrity warning either.
    assert!(!stderr.contains(NOT_CHECKED), "{stderr}");
}

/// `plain-certs.p12` with its authSafe OCTET STRING re-encoded as `levels`
/// constructed OCTET STRINGs nested in each other (indefinite lengths around
/// the original DER): the same value, so the MAC stays valid.
fn nested_octets(levels: usize) -> Vec<u8> {
    let der = std::fs::read(quirk("plain-certs.p12")).unwrap();
    // Header length and content length of the DER element at `at`.
    let tlv = |at: usize| -> (usize, usize) {
        let l0 = der[at + 1] as usize;
        if l0 < 0x80 {
            return (2, l0);
        }
        let n = l0 & 0x7f;
        let len = der[at + 2..at + 2 + n]
            .iter()
            .fold(0, |a, &b| (a << 8) | b as usize);
        (2 + n, len)
    };
    let (pfx_h, _) = tlv(0);
    let version = pfx_h; // INTEGER 3
    let auth_safe = version + 3;
    let (as_h, as_len) = tlv(auth_safe);
    let oid = auth_safe + as_h;
    let explicit = oid + 2 + der[oid + 1] as usize;
    let (ex_h, _) = tlv(explicit);
    let octets = explicit + ex_h;
    let mac = auth_safe + as_h + as_len;
    let mut out = vec![0x30, 0x80];
    out.extend(&der[version..auth_safe]);
    out.extend([0x30, 0x80]);
    out.extend(&der[oid..explicit]);
    out.extend([0xa0, 0x80]);
    out.extend([0x24, 0x80].repeat(levels));
    out.extend(&der[octets..mac]);
    out.extend([0, 0].repeat(levels));
    out.extend([0, 0, 0, 0]);
    out.extend(&der[mac..]);
    out.extend([0, 0]);
    out
}

#[test]
fn deep_ber_nesting_is_read_up_to_a_bound_no_real_file_reaches() {
    let dir = std::env::temp_dir().join(format!("certinfo-p12deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 100,000 levels: far beyond the old limit of 64, read like the original.
    let deep = dir.join("deep.p12");
    std::fs::write(&deep, nested_octets(100_000)).unwrap();
    let (code, show, stderr) = run(&["show", "-f", "json"], &deep, Some("changeit"));
    assert_eq!(code, 0, "{stderr}");
    let (_, plain, _) = run(
        &["show", "-f", "json"],
        &quirk("plain-certs.p12"),
        Some("changeit"),
    );
    assert_eq!(show, plain);
    // Beyond the bound (262,144 levels): a clear error, exit 3.
    let deeper = dir.join("deeper.p12");
    std::fs::write(&deeper, nested_octets(300_000)).unwrap();
    let (code, show, stderr) = run(&["show", "-f", "json"], &deeper, Some("changeit"));
    assert_eq!(code, 3, "{stderr}");
    assert!(show.is_empty());
    assert!(
        stderr.contains("PKCS#12") && stderr.contains("nested deeper than 262144 levels"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
