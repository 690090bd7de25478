//! `check --trust`, `--intermediates`, `--crl` (issue 17) on the chains of
//! samples/trust (made by its make.sh with openssl and keytool), with
//! NOW = 2026-01-15T00:00:00Z: every rule's exit code and finding in all
//! three formats, and agreement with `openssl verify` on every fixture chain
//! (its answers kept in samples/trust/openssl-verify.tsv).

use crate::util::{certinfo, sample};
use serde_json::Value;

const NOW: &str = "2026-01-15T00:00:00Z";

/// The rules that say a chain is not to be trusted (what `openssl verify`
/// judges); the others (weak-signature, expires-soon, …) are policy.
const TRUST_RULES: [&str; 11] = [
    "chain-order",
    "unverifiable-signature",
    "untrusted",
    "missing-intermediate",
    "expired-issuer",
    "expired",
    "not-yet-valid",
    "name-constraints",
    "revoked",
    "crl-invalid",
    "algorithm-mismatch",
];

fn t(name: &str) -> String {
    sample(&format!("trust/{name}"))
        .to_str()
        .unwrap()
        .to_string()
}

/// `check ARGS` in format `f`, with the environment `env`: (exit, stdout, stderr).
fn run(f: &str, args: &[String], env: &[(&str, String)]) -> (i32, String, String) {
    let out = certinfo()
        .args(["check", "-f", f, "--now", NOW])
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (position in the input's certificates, rule) of every JSON finding.
fn findings(json: &str) -> Vec<(usize, String)> {
    let doc: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for (i, c) in doc["certificates"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        for f in c["findings"].as_array().into_iter().flatten() {
            out.push((i, f["rule"].as_str().unwrap_or("").to_string()));
        }
    }
    out
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter()
        .map(|a| match a.strip_prefix('@') {
            Some(f) => t(f),
            None => a.to_string(),
        })
        .collect()
}

/// Arguments, exit code, (position, rule) of every finding.
type Case<'a> = (&'a [&'a str], i32, &'a [(usize, &'a str)]);

#[test]
fn every_trust_rule_gives_its_exit_code_and_finding_in_every_format() {
    // Arguments (`@name` is samples/trust/name), exit code, findings.
    let cases: &[Case] = &[
        (&["--trust", "@root.pem", "@chain.pem"], 0, &[]),
        (
            &["--trust", "@root.pem", "@chain-with-root.pem"],
            0,
            &[(2, "root-sent")],
        ),
        (&["@forged.pem"], 1, &[(0, "chain-order")]),
        (
            &["--trust", "@root.pem", "@forged.pem"],
            1,
            &[(0, "chain-order"), (0, "untrusted")],
        ),
        (
            &["--trust", "@root.pem", "@leaf-only.pem"],
            1,
            &[(0, "untrusted"), (0, "missing-intermediate")],
        ),
        (
            &[
                "--trust",
                "@root.pem",
                "--intermediates",
                "@inter.pem",
                "@leaf-only.pem",
            ],
            0,
            &[],
        ),
        (
            &[
                "--trust",
                "@root.pem",
                "--allow",
                "untrusted,missing-intermediate",
                "@leaf-only.pem",
            ],
            0,
            &[],
        ),
        (
            &["--trust", "@root.pem", "@expired-issuer.pem"],
            1,
            &[(0, "untrusted"), (0, "expired-issuer"), (1, "expired")],
        ),
        (&["--trust", "@nc-root.pem", "@nc-inside.pem"], 0, &[]),
        (
            &["--trust", "@nc-root.pem", "@nc-outside.pem"],
            1,
            &[(0, "untrusted"), (0, "name-constraints")],
        ),
        (
            &["--trust", "@nc-root.pem", "@chain.pem"],
            1,
            &[(0, "untrusted"), (0, "missing-intermediate")],
        ),
        (&["--trust", "@truststore.jks", "@chain.pem"], 0, &[]),
        (
            &[
                "--trust",
                "@root.pem",
                "--crl",
                "@crl-revoked.pem",
                "@chain.pem",
            ],
            1,
            &[(0, "revoked")],
        ),
        (
            &["--crl", "@crl-revoked.pem", "@chain.pem"],
            1,
            &[(0, "revoked")],
        ),
        (
            &["--crl", "@crl-expired.pem", "@chain.pem"],
            1,
            &[(0, "crl-invalid")],
        ),
        (
            &["--crl", "@crl-forged.pem", "@chain.pem"],
            1,
            &[(0, "crl-invalid")],
        ),
        (&["--crl", "@crl-empty.der", "@chain.pem"], 0, &[]),
        (
            &["--trust", "@sha1-root.pem", "@sha1-chain.pem"],
            1,
            &[(0, "weak-signature"), (1, "root-sent")],
        ),
        (
            &["--trust", "@dsa-root.pem", "@dsa-chain.pem"],
            0,
            &[(1, "root-sent")],
        ),
    ];
    for (list, code, want) in cases {
        let a = args(list);
        let (c, json, stderr) = run("json", &a, &[]);
        assert_eq!(c, *code, "{list:?}: {stderr}");
        let got = findings(&json);
        let want: Vec<(usize, String)> = want.iter().map(|(p, r)| (*p, r.to_string())).collect();
        assert_eq!(got, want, "{list:?}");
        let (c, text, _) = run("text", &a, &[]);
        assert_eq!(c, *code, "{list:?} text");
        for (_, rule) in &want {
            assert!(
                text.contains(&format!(": {rule}: ")),
                "{list:?}: {rule} not in\n{text}"
            );
        }
        let verdict = if *code == 0 { "PASS: " } else { "FAIL: " };
        assert!(
            text.lines().last().unwrap_or("").starts_with(verdict),
            "{text}"
        );
        let (c, junit, _) = run("junit", &a, &[]);
        assert_eq!(c, *code, "{list:?} junit");
        for (_, rule) in &want {
            // Informational findings are no failures.
            let failure = format!("<failure type=\"{rule}\"");
            assert_eq!(
                junit.contains(&failure),
                *rule != "root-sent",
                "{list:?}: {rule} in\n{junit}"
            );
        }
    }
}

#[test]
fn openssl_verify_agrees_on_every_fixture_chain() {
    let tsv = std::fs::read_to_string(sample("trust/openssl-verify.tsv")).unwrap();
    let mut table = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (chain, options, openssl) = (cols[0], cols[1], cols[2]);
        let mut a = Vec::new();
        let mut words = options.split(' ');
        while let Some(w) = words.next() {
            match w {
                "-CAfile" => a.extend(["--trust".to_string(), t(words.next().unwrap())]),
                "-CRLfile" => a.extend(["--crl".to_string(), t(words.next().unwrap())]),
                // The chain file holds the rest; the instant is NOW.
                "-untrusted" | "-attime" => {
                    words.next();
                }
                "-crl_check" => {}
                other => panic!("unexpected openssl option {other}"),
            }
        }
        a.push(t(chain));
        let (_, json, stderr) = run("json", &a, &[]);
        let rejected: Vec<String> = findings(&json)
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| TRUST_RULES.contains(&r.as_str()))
            .collect();
        let certinfo = if rejected.is_empty() {
            "ok".to_string()
        } else {
            rejected.join(",")
        };
        assert_eq!(
            openssl == "ok",
            rejected.is_empty(),
            "{chain} {options}: openssl says {openssl}, certinfo {certinfo}\n{stderr}"
        );
        table.push(format!(
            "{chain} {options}: openssl {openssl}, certinfo {certinfo}"
        ));
    }
    assert!(table.len() >= 13, "{table:?}");
    println!("{}", table.join("\n"));
}

#[test]
fn trust_sources_system_stores_and_their_errors() {
    let chain = t("chain.pem");
    // `system` honours SSL_CERT_FILE.
    let env = [("SSL_CERT_FILE", t("root.pem"))];
    let (c, _, e) = run("text", &args(&["--trust", "system", &chain]), &env);
    assert_eq!(c, 0, "{e}");
    let env = [("SSL_CERT_FILE", t("nc-root.pem"))];
    let (c, out, _) = run("json", &args(&["--trust", "system", &chain]), &env);
    assert_eq!((c, findings(&out).len()), (1, 2));
    // A PKCS#12 truststore (keytool) needs its password; the inputs' is apart.
    let p12 = t("truststore.p12");
    let (c, _, e) = run("text", &args(&["--trust", &p12, &chain]), &[]);
    assert_eq!(c, 4, "{e}");
    assert!(
        e.contains(&format!(
            "--trust {p12}: PKCS#12: a password is required; use --trust-password-env VAR"
        )),
        "{e}"
    );
    let pw = sample("remote/client/password")
        .to_str()
        .unwrap()
        .to_string();
    let (c, _, e) = run(
        "text",
        &args(&["--trust", &p12, "--trust-password-file", &pw, &chain]),
        &[],
    );
    assert_eq!(c, 0, "{e}");
    let (c, _, e) = run(
        "text",
        &args(&["--trust", &p12, "--password-file", &pw, &chain]),
        &[],
    );
    assert_eq!(c, 4, "the inputs' password is not the truststore's: {e}");
    // A JKS truststore is read without one, as keytool reads cacerts.
    let (c, _, e) = run("text", &args(&["--trust", "@truststore.jks", &chain]), &[]);
    assert_eq!(c, 0, "{e}");
    assert!(e.contains("--trust-password-env"), "{e}");
    // A directory that yields no anchor is an error, not an empty trust set
    // that would judge nothing.
    let dir = std::env::temp_dir().join(format!("certinfo-trust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(t("leaf-key.pem"), dir.join("key.pem")).unwrap();
    let d = dir.to_str().unwrap().to_string();
    let (c, _, e) = run(
        "text",
        &["--trust".to_string(), d.clone(), chain.clone()],
        &[],
    );
    assert_eq!(c, 3, "{e}");
    assert!(
        e.contains(&format!(
            "--trust {d}: no certificate to use under this directory"
        )),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    // Files that hold no usable certificate, or no CRL.
    for (opt, file, want) in [
        // A DER CRL is told from a certificate (as a PEM one always was).
        (
            "--trust",
            "crl-empty.der",
            "a certificate revocation list (CRL), no certificate",
        ),
        ("--crl", "root.pem", "no X509 CRL block in it"),
        ("--crl", "make.sh", "not a CRL"),
        ("--trust", "missing.pem", "No such file"),
    ] {
        let path = t(file);
        let (c, _, e) = run("text", &[opt.to_string(), path.clone(), chain.clone()], &[]);
        assert_eq!(c, 3, "{opt} {file}: {e}");
        assert!(
            e.contains(&format!("{opt} {path}: ")) && e.contains(want),
            "{opt} {file}: {e}"
        );
    }
}
