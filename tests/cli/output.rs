//! Output layouts: agreement with keytool and openssl text recorded by
//! `scripts/make-peer-goldens.sh`, and the shape of each format.

use crate::util::{assert_same_text, certinfo, files_under, root, sample};
use serde_json::Value;

fn stdout_of(args: &[&str]) -> String {
    let out = certinfo().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every line certinfo's text prints for a certificate is also in keytool
/// `-printcert` (which prints no MD5, indents nothing but the fingerprints,
/// and adds " (weak)" or " (disabled)" to weak algorithms).
#[test]
fn text_lines_match_keytool_printcert() {
    let base = root().join("tests/expected/keytool");
    let files = files_under(&base);
    assert!(files.len() > 100);
    let mut failures = Vec::new();
    for k in &files {
        let rel = k.strip_prefix(&base).unwrap().to_string_lossy();
        let rel = rel.strip_suffix(".txt").unwrap().to_string();
        let keytool = std::fs::read_to_string(k).unwrap();
        let keytool_lines: Vec<String> = keytool
            .lines()
            .map(|l| {
                l.trim()
                    .trim_end_matches(" (weak)")
                    .trim_end_matches(" (disabled)")
                    .to_string()
            })
            .collect();
        let ours = stdout_of(&["show", "-f", "text", sample(&rel).to_str().unwrap()]);
        for line in ours.lines().skip(4).take(10) {
            let line = line.trim();
            if line.starts_with("MD5:") || line.is_empty() {
                continue;
            }
            if !keytool_lines.iter().any(|l| l == line) {
                failures.push(format!("{rel}: {line:?} not in keytool's output"));
            }
        }
        // keytool's "Subject Public Key Algorithm: 2048-bit RSA key" vs keySize/keyAlgorithm.
        let list: Value = serde_json::from_str(&stdout_of(&[
            "list",
            "-f",
            "json",
            sample(&rel).to_str().unwrap(),
        ]))
        .unwrap();
        let c = &list["certificates"][0];
        if let Some(spka) = keytool_lines
            .iter()
            .find_map(|l| l.strip_prefix("Subject Public Key Algorithm: "))
        {
            let bits = c["keySize"].as_i64().unwrap();
            if bits > 0 && !spka.starts_with(&format!("{bits}-bit ")) {
                failures.push(format!("{rel}: keySize {bits} but keytool says {spka:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Fingerprints and serials agree with `openssl x509`.
#[test]
fn fingerprints_and_serials_match_openssl() {
    let base = root().join("tests/expected/openssl");
    let files = files_under(&base);
    assert!(files.len() > 100);
    for o in &files {
        let rel = o.strip_prefix(&base).unwrap().to_string_lossy();
        let rel = rel.strip_suffix(".txt").unwrap().to_string();
        // openssl wraps long serials with a trailing backslash.
        let text = std::fs::read_to_string(o).unwrap().replace("\\\n", "");
        let field = |p: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(p))
                .unwrap_or_else(|| panic!("{rel}: no {p}"))
                .to_string()
        };
        let ours: Value = serde_json::from_str(
            stdout_of(&["show", "-f", "json", sample(&rel).to_str().unwrap()]).trim(),
        )
        .unwrap();
        assert_eq!(ours["SHA1"], field("sha1 Fingerprint="), "{rel}");
        assert_eq!(ours["SHA256"], field("sha256 Fingerprint="), "{rel}");
        let serial = field("serial=");
        let ours_serial = ours["Serial number"].as_str().unwrap();
        // openssl prints the magnitude in upper case (negative serials as -XX).
        let openssl_serial = serial
            .trim_start_matches('-')
            .trim_start_matches('0')
            .to_lowercase();
        assert_eq!(
            ours_serial.trim_start_matches('-'),
            if openssl_serial.is_empty() {
                "0"
            } else {
                &openssl_serial
            },
            "{rel}"
        );
    }
}

/// SPEC §3A: splitting each text line at its first ':' gives the JSON object.
#[test]
fn text_splits_into_the_json_record() {
    for rel in [
        "pem/containers/pkcs8-key-then-chain.pem",
        "pem/containers/chain3.pem",
        "keystores/keytool/kt.jceks",
    ] {
        let f = sample(rel);
        let text = stdout_of(&["show", "-f", "text", f.to_str().unwrap()]);
        let json = stdout_of(&["show", "-f", "json", f.to_str().unwrap()]);
        let records: Vec<Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let blocks: Vec<&str> = text.split("*******************************************\n*******************************************\n").collect();
        assert_eq!(
            blocks.len() - 1,
            records.len(),
            "{rel}: one block per entry"
        );
        for (block, rec) in blocks.iter().zip(&records) {
            let mut obj = serde_json::Map::new();
            for line in block.lines() {
                if let Some((k, v)) = line.split_once(':') {
                    let k = k.trim();
                    // Certificate[2] and later are the chain, outside layout A.
                    if k.starts_with("Certificate[") && k != "Certificate[1]" {
                        break;
                    }
                    obj.entry(k.to_string()).or_insert(Value::from(v.trim()));
                }
            }
            assert_eq!(&Value::Object(obj), rec, "{rel}");
        }
    }
}

#[test]
fn json_is_one_line_per_entry_and_pjson_is_indented_by_two() {
    let f = sample("pem/containers/chain3.pem");
    let json = stdout_of(&["show", "-f", "json", f.to_str().unwrap()]);
    assert_eq!(json.lines().count(), 3);
    let pjson = stdout_of(&["show", "-f", "pjson", f.to_str().unwrap()]);
    assert!(
        pjson.starts_with("{\n  \"Alias name\": \"chain3-1\",\n"),
        "{pjson}"
    );
    let list = stdout_of(&["list", "-f", "json", f.to_str().unwrap()]);
    assert_eq!(list.lines().count(), 1);
    assert!(list.starts_with("{\"certificates\":[{\"validUntilAsEpoch\":"));
    let plist = stdout_of(&["list", "-f", "pjson", f.to_str().unwrap()]);
    assert!(
        plist.starts_with("{\n  \"certificates\": [\n    {\n      \"validUntilAsEpoch\": "),
        "{plist}"
    );
}

/// certinfo writes its JSON by hand; it must be byte for byte what
/// serde_json prints for the same document (compact and pretty), on inputs
/// with empty and non-empty arrays, escapes and non-ASCII names.
#[test]
fn json_bytes_equal_serde_json_output() {
    for rel in [
        "pem/containers/chain3.pem",
        "pem/containers/pkcs8-key-then-chain.pem",
        "pem/names",
        "pem/san",
        "pem/keyusage",
    ] {
        let p = sample(rel);
        let p = p.to_str().unwrap();
        for (args, pretty) in [
            (["list", "-f", "json"], false),
            (["list", "-f", "pjson"], true),
        ] {
            let out = certinfo()
                .args(args)
                .arg(p)
                .env("TZ", "UTC")
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            let doc: Value = serde_json::from_str(&text).unwrap();
            let again = if pretty {
                serde_json::to_string_pretty(&doc).unwrap()
            } else {
                serde_json::to_string(&doc).unwrap()
            } + "\n";
            assert_same_text(&format!("{rel} {args:?}"), &again, &text);
        }
    }
}

#[test]
fn trusted_entries_have_thirteen_keys_and_key_entries_fifteen() {
    let trusted = stdout_of(&[
        "show",
        "-f",
        "json",
        sample("pem/keys/rsa-2048.pem").to_str().unwrap(),
    ]);
    let t: Value = serde_json::from_str(trusted.trim()).unwrap();
    assert_eq!(t.as_object().unwrap().len(), 13);
    let key = stdout_of(&[
        "show",
        "-f",
        "json",
        sample("pem/containers/pkcs8-key-then-chain.pem")
            .to_str()
            .unwrap(),
    ]);
    let k: Value = serde_json::from_str(key.trim()).unwrap();
    let keys: Vec<&str> = k.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "Alias name",
            "Creation date",
            "Entry type",
            "Certificate chain length",
            "Certificate[1]",
            "Owner",
            "Issuer",
            "Serial number",
            "Valid from",
            "Certificate fingerprints",
            "MD5",
            "SHA1",
            "SHA256",
            "Signature algorithm name",
            "Version"
        ]
    );
    assert_eq!(k["Certificate chain length"], "3");
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let out = stdout_of(&["list", "-f", "json", sample("pem/keys").to_str().unwrap()]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = doc["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // Sorted by path: "rsassa-pss-params.pem" comes before "rsassa-pss.pem".
    let mut files: Vec<String> = std::fs::read_dir(sample("pem/keys"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let stems: Vec<&str> = files.iter().map(|f| f.trim_end_matches(".pem")).collect();
    assert_eq!(names, stems);
    assert!(names.len() >= 18);
}

#[test]
fn table_shows_one_row_per_certificate() {
    let out = certinfo()
        .args(["list", "--color", "never"])
        .arg(sample("pem/containers/chain3.pem"))
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("chain3-").count(), 3, "{text}");
    assert!(!text.contains('\u{1b}'), "no colour with --color never");
}

/// A subject holding a newline, a fake `SHA256:` line, ESC, a C1 control and
/// bidi/separator characters reaches piped text and table output only in
/// escaped form: no line can be forged, no terminal rewritten.
#[test]
fn piped_text_and_tables_cannot_be_forged() {
    let file = sample("forged/forged-subject.pem");
    for args in [
        &["show"][..],
        &["list", "-f", "table", "--color", "never"][..],
    ] {
        let out = certinfo().args(args).arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for raw in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{2028}', '\u{61c}', '\r'] {
            assert!(!text.contains(raw), "{args:?}: raw {raw:?} in\n{text}");
        }
        // Piped, the table is never wrapped: the escaped subject is whole.
        assert!(text.contains("evil\\u{a}\\u{9}"), "{args:?}:\n{text}");
        if args[0] == "show" {
            let owner = "Owner: CN=\"evil\\u{a}\\u{9} SHA256: 00:11:22\\u{1b}[2J\\u{9b}\\u{202e}";
            assert!(text.contains(owner), "{text}");
        }
        let forged = text
            .lines()
            .filter(|l| l.trim_start().starts_with("SHA256: 00:11"));
        assert_eq!(forged.count(), 0, "{args:?}: a forged line in\n{text}");
    }
}

/// The rows of a table: its lines between the header rule and the bottom.
fn data_lines(table: &str) -> Vec<&str> {
    table
        .lines()
        .filter(|l| l.starts_with('│') && !l.contains("NAME"))
        .collect()
}

/// Piped, the table is never wrapped: one row per certificate, one line per
/// row, whatever the widths (`grep` and `awk` work).
#[test]
fn piped_tables_are_never_wrapped() {
    let bundle = sample("roots/ca-certificates.crt");
    let out = certinfo()
        .args(["list", "--color", "never"])
        .arg(&bundle)
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let json = certinfo()
        .args(["list", "-f", "json"])
        .arg(&bundle)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let n = doc["certificates"].as_array().unwrap().len();
    assert!(n > 100);
    assert_eq!(data_lines(&table).len(), n, "{table}");
    let widths: std::collections::BTreeSet<usize> =
        table.lines().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 1, "every line as wide as the table");
    // --no-headers leaves the header row out, and only applies to tables.
    let out = certinfo()
        .args(["list", "--no-headers"])
        .arg(&bundle)
        .output()
        .unwrap();
    let bare = String::from_utf8(out.stdout).unwrap();
    assert!(!bare.contains("NAME") && !bare.contains('╞'), "{bare}");
    assert_eq!(data_lines(&bare).len(), n);
    let out = certinfo()
        .args(["list", "-f", "json", "--no-headers"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// On a terminal narrower than the table the least important columns go
/// (SHA-256, then SOURCE, ISSUER, KEY, TYPE, DAYS) and no word is broken;
/// under a pseudo-terminal (`script`) as with COLUMNS. The inputs are named
/// relative to the samples, as a user in that folder would: SOURCE says so.
#[test]
fn narrow_terminals_drop_columns_instead_of_breaking_words() {
    let files = ["check/good-leaf.pem", "check/expired.pem"];
    let narrow = |cols: &str| {
        let out = certinfo()
            .current_dir(sample(""))
            .args(["list", "--color", "never"])
            .args(files)
            .env("COLUMNS", cols)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for (cols, gone, kept) in [
        (
            "140",
            &[][..],
            &["SHA-256", "SOURCE", "check/expired.pem", "ISSUER"][..],
        ),
        ("120", &["SHA-256", "SOURCE"][..], &["ISSUER", "KEY"][..]),
        (
            "60",
            &["SHA-256", "SOURCE", "ISSUER", "KEY"][..],
            &["NAME", "SUBJECT", "EXPIRES (UTC)"][..],
        ),
    ] {
        let t = narrow(cols);
        assert!(
            t.lines()
                .all(|l| l.chars().count() <= cols.parse().unwrap()),
            "{cols}:\n{t}"
        );
        assert!(gone.iter().all(|g| !t.contains(g)), "{cols}:\n{t}");
        assert!(kept.iter().all(|k| t.contains(k)), "{cols}:\n{t}");
        assert_eq!(data_lines(&t).len(), 2, "{cols}: no wrapped cell\n{t}");
        assert!(
            t.contains("good-leaf") && t.contains("2035-01-01"),
            "{cols}:\n{t}"
        );
    }
    if !crate::util::tool(
        "script",
        crate::util::runs("script"),
        "apt-get install -y bsdutils",
    ) {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_certinfo");
    let cmd = format!(
        "stty cols 60; {bin} list --color never {} {}",
        sample(files[0]).display(),
        sample(files[1]).display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let t = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(t.lines().all(|l| l.chars().count() <= 60), "pty:\n{t}");
    assert!(
        !t.contains("SHA-256") && t.contains("good-leaf"),
        "pty:\n{t}"
    );
}
