//! The ways out (issue 19): `list -f pem` read back by openssl, and
//! `-f prometheus` read by `prometheus_client`'s text parser, its names and
//! labels pinned by golden files. Fixtures: `samples/exports/make.sh` keeps
//! what openssl and keytool say each input holds (`pem-sha256.tsv`).

use crate::help::snapshot;
use crate::util::{certinfo, password_for, sample};

/// 2026-01-15T00:00:00Z, as in `samples/check/`.
const NOW: &str = "1768435200";

/// certinfo ARGS in `samples/` with `pw` in CERTINFO_TEST_PW: (exit, stdout).
fn run(args: &[&str], pw: Option<&str>) -> (i32, String) {
    let mut cmd = certinfo();
    cmd.current_dir(sample(""))
        .env("SOURCE_DATE_EPOCH", NOW)
        .args(args);
    if let Some(pw) = pw {
        cmd.env("CERTINFO_TEST_PW", pw)
            .args(["--password-env", "CERTINFO_TEST_PW"]);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The SHA-256 of each certificate block of `pem`, as openssl reads it.
fn openssl_fingerprints(pem: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in pem.split_inclusive("-----END CERTIFICATE-----\n") {
        let Some(start) = block.find("-----BEGIN CERTIFICATE-----") else {
            continue;
        };
        let mut child = std::process::Command::new("openssl")
            .args(["x509", "-noout", "-fingerprint", "-sha256"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("openssl");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(&block.as_bytes()[start..])
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "openssl could not read:\n{block}");
        let line = String::from_utf8(o.stdout).unwrap();
        let hex = line.trim().rsplit('=').next().unwrap().replace(':', "");
        out.push(hex.to_ascii_lowercase());
    }
    out
}

/// Every certificate of PEM, DER, PKCS#7, PKCS#12 (legacy too), JKS and
/// JCEKS inputs comes out as a PEM block openssl reads, with the SHA-256
/// openssl or keytool gives for the input, in `list -f json`'s order.
#[test]
fn pem_output_round_trips_through_openssl() {
    let openssl = std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !crate::util::tool("openssl", openssl, "apt-get install -y openssl") {
        return;
    }
    let tsv = std::fs::read_to_string(sample("exports/pem-sha256.tsv")).unwrap();
    for line in tsv.lines() {
        let (input, want) = line.split_once('\t').unwrap();
        let pw = password_for(input);
        let (code, pem) = run(&["list", "-f", "pem", input], pw.as_deref());
        assert_eq!(code, 0, "{input}");
        let got = openssl_fingerprints(&pem);
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(
            sorted.join(" "),
            want,
            "{input}: openssl's view of the input"
        );
        let (_, json) = run(&["list", "-f", "json", input], pw.as_deref());
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let order: Vec<&str> = doc["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["sha256Fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(got, order, "{input}: the order of list -f json");
    }
}

/// `--comments` puts `# alias` before each block (escaped); it applies to
/// `-f pem` only.
#[test]
fn pem_comments_name_each_block() {
    let (code, pem) = run(
        &[
            "list",
            "-f",
            "pem",
            "--comments",
            "keystores/keytool/kt.jks",
        ],
        Some("changeit"),
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = pem.lines().collect();
    let blocks = lines.iter().filter(|l| l.starts_with("-----BEGIN")).count();
    let comments: Vec<&&str> = lines.iter().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(comments.len(), blocks);
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("-----BEGIN") {
            assert!(lines[i - 1].starts_with("# "), "{pem}");
        }
    }
    let (code, _) = run(&["list", "--comments", "trust/chain.pem"], None);
    assert_eq!(code, 2);
}

/// What `prometheus_client.parser` reads: one line per sample,
/// `name{sorted labels} value`, and a last line with the families; `None`
/// when the package is missing (said by `util::tool`).
fn prometheus_parse(text: &str) -> Option<String> {
    if !crate::util::tool(
        "prometheus_client",
        crate::util::python_module("prometheus_client"),
        "pip install prometheus_client",
    ) {
        return None;
    }
    let script = r#"
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = list(text_string_to_metric_families(sys.stdin.read()))
for f in fams:
    for s in f.samples:
        assert s.timestamp is None, s
        labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
        print(f"{s.name}{{{labels}}} {s.value:g}")
print(" ".join(f"{f.name}:{f.type}" for f in fams))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "prometheus_client rejected the output: {}\n{text}",
        String::from_utf8_lossy(&o.stderr)
    );
    Some(String::from_utf8(o.stdout).unwrap())
}

/// `list -f prometheus` over a bundle, a keystore and a missing file: the
/// golden file pins names, labels and values; prometheus_client reads it.
#[test]
fn list_prometheus_is_x509_certificate_exporter_text() {
    let (code, text) = run(
        &[
            "list",
            "-f",
            "prometheus",
            "html/mixed.pem",
            "keystores/keytool/kt.jks",
            "nope.pem",
        ],
        Some("changeit"),
    );
    assert_eq!(code, 3);
    snapshot("prometheus/list.prom", &text);
    assert!(text.contains("x509_read_errors 1\n"));
    assert!(text.contains("x509_cert_error{filename=\"nope.pem\",filepath=\"nope.pem\"} 1\n"));
    let Some(parsed) = prometheus_parse(&text) else {
        return;
    };
    assert_eq!(
        parsed.lines().last(),
        Some(
            "x509_cert_not_before:gauge x509_cert_not_after:gauge x509_cert_expired:gauge \
             x509_read_errors:gauge x509_cert_error:gauge"
        )
    );
    let expired: Vec<&str> = parsed
        .lines()
        .filter(|l| l.starts_with("x509_cert_expired{") && l.ends_with(" 1"))
        .collect();
    assert_eq!(expired.len(), 1, "{parsed}");
    assert!(expired[0].contains("subject_CN=web-expired.example.com"));
}

/// `check -f prometheus` adds `certinfo_check_failed` for every rule and
/// `certinfo_check_passed`; the exit code is still the verdict.
#[test]
fn check_prometheus_counts_failures_per_rule() {
    let (code, text) = run(
        &[
            "check",
            "-f",
            "prometheus",
            "check/expired.pem",
            "check/good-leaf.pem",
        ],
        None,
    );
    assert_eq!(code, 1);
    snapshot("prometheus/check.prom", &text);
    assert!(text.contains("certinfo_check_failed{rule=\"expired\"} 1\n"));
    assert!(text.contains("certinfo_check_passed 0\n"));
    let Some(parsed) = prometheus_parse(&text) else {
        return;
    };
    assert!(parsed.contains("certinfo_check_failed:gauge certinfo_check_passed:gauge"));
}
