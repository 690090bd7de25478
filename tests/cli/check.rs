//! `certinfo check` (SPEC §5): findings and exit codes on fixtures whose
//! dates are fixed against NOW = 2026-01-15T00:00:00Z.

use crate::util::{certinfo, sample};
use serde_json::Value;

const NOW: &str = "2026-01-15T00:00:00Z";

/// Runs `check -f json` and returns (exit code, rule ids of all findings, doc).
fn check(files: &[&str], extra: &[&str]) -> (i32, Vec<String>, Value) {
    let mut cmd = certinfo();
    cmd.args(["check", "-f", "json", "--now", NOW]).args(extra);
    for f in files {
        cmd.arg(sample(f));
    }
    let out = cmd.output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let rules = doc["certificates"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect();
    (out.status.code().unwrap_or(-1), rules, doc)
}

#[test]
fn each_fixture_gives_its_finding_and_exit_code() {
    let cases: &[(&str, &[&str], i32, &[&str])] = &[
        ("check/good-leaf.pem", &[], 0, &[]),
        ("check/expired.pem", &[], 1, &["expired"]),
        ("check/not-yet-valid.pem", &[], 1, &["not-yet-valid"]),
        ("check/expiring-10d.pem", &[], 1, &["expires-soon"]),
        ("check/expiring-40d.pem", &[], 0, &[]),
        (
            "check/expiring-40d.pem",
            &["--expires-within", "60d"],
            1,
            &["expires-soon"],
        ),
        (
            "check/expiring-10d.pem",
            &["--expires-within", "1w"],
            0,
            &[],
        ),
        ("check/rsa1024-leaf.pem", &[], 1, &["weak-key"]),
        (
            "check/rsa1024-leaf.pem",
            &["--min-rsa-bits", "1024"],
            0,
            &[],
        ),
        ("check/ec-p224-leaf.pem", &[], 1, &["weak-key"]),
        ("check/sha1-leaf.pem", &[], 1, &["weak-signature"]),
        ("check/md5-leaf.pem", &[], 1, &["weak-signature"]),
        ("check/sha1-root.pem", &[], 0, &[]),
        ("check/wildcard.pem", &["--host", "www.example.com"], 0, &[]),
        (
            "check/wildcard.pem",
            &["--host", "example.com"],
            1,
            &["host-mismatch"],
        ),
        (
            "check/wildcard.pem",
            &["--host", "a.b.example.com"],
            1,
            &["host-mismatch"],
        ),
        ("check/ip-san.pem", &["--host", "192.0.2.10"], 0, &[]),
        ("check/ip-san.pem", &["--host", "2001:db8::10"], 0, &[]),
        (
            "check/ip-san.pem",
            &["--host", "192.0.2.11"],
            1,
            &["host-mismatch"],
        ),
        (
            "check/good-leaf.pem",
            &["--host", "www.example.com"],
            0,
            &[],
        ),
        (
            "check/good-leaf.pem",
            &["--host", "mail.example.com"],
            1,
            &["host-mismatch"],
        ),
        (
            "check/chain-good.pem",
            &["--host", "server.example.com"],
            0,
            &[],
        ),
        (
            "check/chain-reversed.pem",
            &[],
            1,
            &["chain-order", "chain-order"],
        ),
        (
            "check/chain-shuffled.pem",
            &[],
            1,
            &["chain-order", "chain-order"],
        ),
        (
            "check/chain-missing-intermediate.pem",
            &[],
            1,
            &["chain-order"],
        ),
        ("check/chain-wrong-issuer.pem", &[], 1, &["chain-order"]),
        (
            "check/chain-duplicate.pem",
            &["--allow", "chain-order"],
            1,
            &["chain-duplicate"],
        ),
        ("check/expired.pem", &["--allow", "expired"], 0, &[]),
        (
            "check/sha1-leaf.pem",
            &["--allow", "weak-signature,weak-key"],
            0,
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for (file, extra, code, rules) in cases {
        let (got_code, got_rules, _) = check(&[file], extra);
        if got_code != *code || got_rules != *rules {
            failures.push(format!(
                "{file} {extra:?}: exit {got_code} {got_rules:?}, expected exit {code} {rules:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cn_is_ignored_when_sans_exist() {
    // good-leaf has CN=good-leaf… and SANs www.example.com, example.com.
    let (code, rules, _) = check(&["check/good-leaf.pem"], &["--host", "good-leaf"]);
    assert_eq!((code, rules), (1, vec!["host-mismatch".to_string()]));
}

#[test]
fn a_mix_fails_with_1_and_unreadable_inputs_win_with_3() {
    let (code, rules, doc) = check(
        &[
            "check/good-leaf.pem",
            "check/expired.pem",
            "check/expiring-10d.pem",
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(rules, ["expired", "expires-soon"]);
    assert_eq!(doc["summary"]["certificates"], 3);
    assert_eq!(doc["summary"]["failed"], 2);
    assert_eq!(doc["summary"]["earliestExpiry"]["name"], "expired");
    let (code, _, doc) = check(&["check/expired.pem", "bad/garbage.txt"], &[]);
    assert_eq!(code, 3, "an unreadable input wins over a failed rule");
    assert_eq!(
        doc["summary"]["failed"], 1,
        "the readable input is still judged"
    );
}

#[test]
fn now_comes_from_source_date_epoch_when_not_given() {
    // 2026-01-15T00:00:00Z = 1768435200.
    let out = certinfo()
        .args(["check", "-f", "json"])
        .arg(sample("check/expiring-10d.pem"))
        .env("SOURCE_DATE_EPOCH", "1768435200")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["now"], "2026-01-15T00:00:00Z");
    assert_eq!(doc["certificates"][0]["daysLeft"], 10);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn text_has_one_line_per_finding_and_a_summary() {
    let out = certinfo()
        .args(["check", "--now", NOW])
        .arg(sample("check/expiring-10d.pem"))
        .arg(sample("check/good-leaf.pem"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].ends_with(
            "expiring-10d: CN=expiring-10d, OU=check, O=certinfo Test, C=US: expires-soon: expires in 10 days (Sun Jan 25 00:00:00 UTC 2026)"
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with(
            "FAIL: 2 certificates in 2 inputs: 1 failed, 1 finding; earliest expiry: expiring-10d"
        ),
        "{text}"
    );
}

#[test]
fn bad_values_are_usage_errors() {
    for args in [
        &["check", "--now", "yesterday", "x"][..],
        &["check", "--expires-within", "5y", "x"][..],
        &["check", "--allow", "nothing", "x"][..],
        &["check", "--expires-within", "30", "x"][..],
    ] {
        let out = certinfo().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    // A bare number was days, undocumented; now it is refused with the way out.
    let out = certinfo()
        .args(["check", "--expires-within", "30", "x"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"30\" has no unit: write 30d for days, or 2592000s"),
        "{stderr}"
    );
}

#[test]
fn now_takes_a_date_as_midnight_utc() {
    let run = |now: &str| {
        let out = certinfo()
            .args(["check", "-f", "json", "--now", now])
            .arg(sample("check/expiring-10d.pem"))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, date) = run("2026-01-15");
    assert_eq!(code, Some(1));
    assert_eq!(run(NOW), (code, date.clone()));
    assert!(
        date.starts_with("{\"now\":\"2026-01-15T00:00:00Z\""),
        "{date}"
    );
}

/// What `junitparser` (PyPI) reads in a JUnit document: a first line
/// `suites cases failures errors`, then `failure|error TYPE NAME` per result.
/// `None` when junitparser is not installed (said by `util::tool`).
fn junitparser(xml: &[u8]) -> Option<String> {
    if !crate::util::tool(
        "junitparser",
        crate::util::python_module("junitparser"),
        "pip install junitparser",
    ) {
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "certinfo-junit-{}-{:x}",
        std::process::id(),
        xml.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.xml");
    std::fs::write(&path, xml).unwrap();
    let script = r#"
import sys
from junitparser import JUnitXml, Failure, Error
xml = JUnitXml.fromfile(sys.argv[1])
cases = [c for s in xml for c in s]
res = [(k, c.name, r.type) for c in cases for r in c.result
       for k in ["failure" if isinstance(r, Failure) else "error" if isinstance(r, Error) else ""] if k]
print(len(list(xml)), len(cases), sum(k == "failure" for k, _, _ in res), sum(k == "error" for k, _, _ in res))
for k, n, t in res: print(k, t, n)
"#;
    let py = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 is needed for the JUnit test (.ci/run installs junitparser)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        py.status.success(),
        "junitparser could not read the report (pip install junitparser): {}",
        String::from_utf8_lossy(&py.stderr)
    );
    Some(String::from_utf8(py.stdout).unwrap())
}

/// The JUnit report is read by a real JUnit consumer: the PyPI package
/// `junitparser` (installed by scripts/test.sh).
#[test]
fn junit_is_read_by_junitparser() {
    let out = certinfo()
        .args(["check", "-f", "junit", "--now", NOW])
        .arg(sample("check/good-leaf.pem"))
        .arg(sample("check/expired.pem"))
        .arg(sample("check/chain-reversed.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let Some(report) = junitparser(&out.stdout) else {
        return;
    };
    let mut lines = report.lines();
    assert_eq!(
        lines.next(),
        Some("3 5 3 0"),
        "suites, cases, failures, errors: {report}"
    );
    let rest: Vec<&str> = lines.collect();
    assert!(
        rest[0].starts_with("failure expired expired: CN=expired"),
        "{report}"
    );
    assert!(
        rest[1].starts_with("failure chain-order chain-reversed-1: CN=certinfo Test Root CA"),
        "{report}"
    );
}

/// junitparser reads each unreadable input as a testcase with an error.
#[test]
fn junitparser_reads_each_unreadable_input_as_an_error() {
    let (_, xml) = run_with_unreadable("junit");
    let Some(report) = junitparser(xml.as_bytes()) else {
        return;
    };
    let nope = sample("nope.pem").display().to_string();
    let p12 = sample("bad/wrong-password.p12").display().to_string();
    let expected =
        format!("2 3 0 2\nerror unreadable-input {nope}\nerror unreadable-input {p12}\n");
    assert_eq!(report, expected);
}

#[test]
fn color_is_accepted_by_every_command_and_colours_check_text() {
    let run = |args: &[&str]| {
        let out = certinfo()
            .args(args)
            .arg(sample("check/expired.pem"))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, text) = run(&["check", "--now", NOW, "--color", "always"]);
    assert_eq!(code, Some(1));
    assert!(
        text.contains(": \x1b[31mexpired\x1b[0m: ") && text.contains("\x1b[31mFAIL\x1b[0m: "),
        "{text:?}"
    );
    let (_, text) = run(&["check", "--now", NOW, "--color", "never"]);
    assert!(!text.contains('\x1b'), "{text:?}");
    // Piped, auto means none; JSON is never coloured.
    let (_, text) = run(&["check", "--now", NOW]);
    assert!(!text.contains('\x1b'), "{text:?}");
    let (_, json) = run(&["check", "-f", "json", "--now", NOW, "--color", "always"]);
    assert!(!json.contains('\x1b'), "{json:?}");
    for cmd in ["show", "list"] {
        let (code, out) = run(&[cmd, "--color", "always"]);
        assert_eq!(code, Some(0), "{cmd}");
        assert_eq!(out.contains('\x1b'), cmd == "list", "{cmd}: {out:?}");
    }
}

/// A reader that stops early (`check | head -c 1`) does not turn a failure
/// into success: the exit code is the verdict. The report is far larger than
/// a pipe's buffer, so certinfo is still writing when the pipe closes.
#[test]
fn a_closed_pipe_keeps_the_verdict() {
    use std::io::Read;
    let bundle = sample("roots/ca-certificates.crt");
    // Every root has expired by 2100; with `expired` allowed nothing fails.
    let all = "weak-key,weak-signature,expires-soon,expired";
    for (allow, want) in [("weak-key", 1), (all, 0)] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_certinfo"))
            .args([
                "check",
                "-f",
                "json",
                "--now",
                "2100-01-01",
                "--allow",
                allow,
            ])
            .args(std::iter::repeat_n(&bundle, 8))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).unwrap();
        drop(stdout);
        let code = child.wait().unwrap().code();
        assert_eq!(code, Some(want), "--allow {allow}");
    }
}

/// The run every format of the unreadable-input tests reads: a good
/// certificate, a missing file and a keystore whose password is wrong.
fn run_with_unreadable(format: &str) -> (Option<i32>, String) {
    let out = certinfo()
        .args(["check", "-f", format, "--now", NOW])
        .args(["--password-env", "CERTINFO_TEST_PW"])
        .env("CERTINFO_TEST_PW", "not-the-password-either")
        .arg(sample("check/good-leaf.pem"))
        .arg(sample("nope.pem"))
        .arg(sample("bad/wrong-password.p12"))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The wrong password's message, as stderr and every report say it.
const WRONG: &str =
    "PKCS#12: wrong password or corrupted MAC; use --password-env VAR or --password-file FILE";

/// A run that could not read an input never looks clean (issue 18), and
/// names each such input with its reason: text a line each and ERROR,
/// JSON a record each and `passed: false`, JUnit an `<error>` testcase each.
#[test]
fn an_unreadable_input_is_never_a_pass() {
    let nope = sample("nope.pem").display().to_string();
    let p12 = sample("bad/wrong-password.p12").display().to_string();
    let (code, text) = run_with_unreadable("text");
    // The wrong password's exit (4) is the worst.
    assert_eq!(code, Some(4));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        format!("{nope}: unreadable-input: no such file or directory")
    );
    assert_eq!(lines[1], format!("{p12}: unreadable-input: {WRONG}"));
    assert!(
        lines[2].starts_with(
            "ERROR: 1 certificate in 1 input: 0 failed, 0 findings; 2 unreadable inputs;"
        ),
        "{text}"
    );
    let (code, json) = run_with_unreadable("json");
    assert_eq!(code, Some(4));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["summary"]["passed"], false);
    assert_eq!(doc["summary"]["inputsFailed"], true);
    assert_eq!(doc["summary"]["unreadable"], 2);
    assert_eq!(
        doc["unreadable"],
        serde_json::json!([
            {"input": nope, "error": "no such file or directory"},
            {"input": p12, "error": WRONG},
        ])
    );
    assert_eq!(doc["certificates"].as_array().map(Vec::len), Some(1));
    let (code, junit) = run_with_unreadable("junit");
    assert_eq!(code, Some(4));
    assert!(
        junit.contains(r#"<testsuites name="certinfo check" tests="3" failures="0" errors="2""#),
        "{junit}"
    );
    assert_eq!(
        junit.matches("<error type=\"unreadable-input\"").count(),
        2,
        "{junit}"
    );
    // Read in full, the same certificate passes.
    let out = certinfo()
        .args(["check", "--now", NOW])
        .arg(sample("check/good-leaf.pem"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("PASS: "));
}
