//! `certinfo inspect` on samples/inspect (made by its make.sh): each decoded
//! value agrees with what `openssl x509/req/crl -text` printed of the same
//! file (the committed `*.txt`, so openssl is not needed here), the JSON
//! validates against docs/inspect.schema.json (Python's `jsonschema`), a
//! malformed extension shows as malformed while the rest still prints, and
//! private keys are described, never printed.

use crate::util::{certinfo, root, sample};
use serde_json::Value;

/// The tests' instant: 2026-01-15T00:00:00Z.
const NOW: &str = "1768435200";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = certinfo()
        .env("SOURCE_DATE_EPOCH", NOW)
        .env("PW", "changeit")
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(files: &[&str]) -> Value {
    let mut args = vec!["inspect", "-f", "json", "--password-env", "PW"];
    let paths: Vec<String> = files
        .iter()
        .map(|f| format!("samples/inspect/{f}"))
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{files:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn openssl(name: &str) -> String {
    std::fs::read_to_string(sample(&format!("inspect/{name}.txt"))).unwrap()
}

/// The lines under `header` in openssl's text (more indented than it), and
/// whether the header says critical.
fn block(txt: &str, header: &str) -> Option<(bool, Vec<String>)> {
    let lines: Vec<&str> = txt.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(header))?;
    let indent = |l: &str| l.len() - l.trim_start().len();
    let own = indent(lines[at]);
    let body = lines[at + 1..]
        .iter()
        .take_while(|l| indent(l) > own)
        .map(|l| l.trim().to_string())
        .collect();
    Some((lines[at].contains("critical"), body))
}

/// The value after `label` on its line.
fn after<'a>(txt: &'a str, label: &str) -> &'a str {
    let line = txt.lines().find(|l| l.trim_start().starts_with(label));
    line.unwrap_or_else(|| panic!("no {label}"))
        .trim_start()
        .trim_start_matches(label)
        .trim()
}

/// openssl's `Jan  1 00:00:00 2025 GMT` (milliseconds allowed) as RFC 3339.
fn openssl_date(s: &str) -> String {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[0])
    .unwrap()
        + 1;
    let day: u32 = parts[1].parse().unwrap();
    format!("{}-{month:02}-{day:02}T{}Z", parts[3], parts[2])
}

/// The extension named `name` of a certificate's JSON.
fn ext<'a>(exts: &'a Value, name: &str) -> &'a Value {
    exts.as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name || e["oid"] == name)
        .unwrap_or_else(|| panic!("no {name} in {exts}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// A general name in openssl's words (`DNS:x`, `IP Address:…`, `DirName:/C=…`).
fn openssl_name(n: &Value) -> String {
    let v = n["value"].as_str().unwrap();
    match n["type"].as_str().unwrap() {
        "dns" => format!("DNS:{v}"),
        "email" => format!("email:{v}"),
        "uri" => format!("URI:{v}"),
        "ip" => format!("IP Address:{}", v.to_uppercase()),
        "directory" => {
            let rdns: Vec<&str> = v.split(", ").collect();
            let slashed: String = rdns.iter().rev().map(|r| format!("/{r}")).collect();
            format!("DirName:{slashed}")
        }
        other => panic!("{other}"),
    }
}

fn first_cert(doc: &Value) -> &Value {
    &doc["items"][0]["certificates"][0]
}

/// The fields before the extensions agree with openssl's.
fn agrees_on_fields(c: &Value, txt: &str) {
    let version = after(txt, "Version:");
    assert!(version.starts_with(&c["version"].to_string()), "{version}");
    let serial = after(txt, "Serial Number:");
    let want = format!(
        "{} (0x{})",
        c["serial"]["decimal"].as_str().unwrap(),
        c["serial"]["hex"].as_str().unwrap()
    );
    assert_eq!(serial, want);
    let attrs = |who: &str| -> String {
        let list: Vec<String> = c[who]["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{} = {}",
                    a["type"].as_str().unwrap(),
                    a["value"].as_str().unwrap()
                )
            })
            .collect();
        list.join(", ")
    };
    assert_eq!(after(txt, "Issuer:"), attrs("issuer"));
    assert_eq!(after(txt, "Subject:"), attrs("subject"));
    let v = &c["validity"];
    assert_eq!(openssl_date(after(txt, "Not Before:")), v["notBefore"]);
    assert_eq!(openssl_date(after(txt, "Not After :")), v["notAfter"]);
    let alg = after(txt, "Signature Algorithm:");
    let oid = c["signatureAlgorithm"]["oid"].as_str().unwrap();
    let want = match alg {
        "sha256WithRSAEncryption" => "1.2.840.113549.1.1.11",
        "ecdsa-with-SHA256" => "1.2.840.10045.4.3.2",
        other => panic!("{other}"),
    };
    assert_eq!(oid, want);
    agrees_on_key(&c["publicKey"], txt);
}

fn agrees_on_key(k: &Value, txt: &str) {
    let bits = after(txt, "Public-Key:");
    assert_eq!(bits, format!("({} bit)", k["bits"]), "{k}");
    if let Some(e) = k["exponent"].as_str() {
        assert!(
            after(txt, "Exponent:").starts_with(&format!("{e} (")),
            "{k}"
        );
    }
    if txt.contains("ASN1 OID: prime256v1") {
        assert_eq!(k["curve"], "secp256r1");
    }
}

/// Every extension openssl names is there, with its criticality; and every
/// one certinfo decodes agrees with openssl's reading.
#[test]
fn certificates_agree_with_openssl() {
    for name in ["ca", "full", "malformed", "v1"] {
        let doc = json(&[&format!("{name}.pem")]);
        let c = first_cert(&doc);
        let txt = openssl(name);
        agrees_on_fields(c, &txt);
        let exts = &c["extensions"];
        if name == "v1" {
            assert_eq!(exts.as_array().unwrap().len(), 0);
            continue;
        }
        for (header, ours) in HEADERS {
            if let Some((critical, body)) = block(&txt, header) {
                let e = ext(exts, ours);
                assert_eq!(e["critical"], critical, "{name} {ours}");
                agrees_on_extension(name, ours, e, &body);
            }
        }
        let n = txt.lines().filter(|l| is_ext_header(l)).count();
        assert_eq!(
            exts.as_array().unwrap().len(),
            n,
            "{name}: every extension is listed"
        );
    }
}

/// An extension header in openssl's certificate text (12 spaces in).
fn is_ext_header(l: &str) -> bool {
    l.starts_with("            ")
        && !l.starts_with("             ")
        && (l.trim_end().ends_with(':') || l.trim_end().ends_with("critical"))
}

/// openssl's extension headers and certinfo's names.
const HEADERS: &[(&str, &str)] = &[
    ("X509v3 Basic Constraints:", "basicConstraints"),
    ("X509v3 Key Usage:", "keyUsage"),
    ("X509v3 Extended Key Usage:", "extKeyUsage"),
    ("X509v3 Subject Alternative Name:", "subjectAltName"),
    ("X509v3 Issuer Alternative Name:", "issuerAltName"),
    ("X509v3 Subject Key Identifier:", "subjectKeyIdentifier"),
    ("X509v3 Authority Key Identifier:", "authorityKeyIdentifier"),
    ("X509v3 CRL Distribution Points:", "cRLDistributionPoints"),
    ("Authority Information Access:", "authorityInfoAccess"),
    ("X509v3 Certificate Policies:", "certificatePolicies"),
    ("X509v3 Name Constraints:", "nameConstraints"),
    ("X509v3 Policy Constraints:", "policyConstraints"),
    ("X509v3 Inhibit Any Policy:", "inhibitAnyPolicy"),
    ("X509v3 Policy Mappings:", "policyMappings"),
    ("TLS Feature:", "tlsFeature"),
    ("CT Precertificate SCTs:", "signedCertificateTimestampList"),
    ("Netscape Comment:", "netscapeComment"),
    ("1.3.6.1.4.1.55555.99:", "1.3.6.1.4.1.55555.99"),
];

/// openssl's words for key usages and purposes.
fn openssl_usage(s: &str) -> String {
    match s {
        "digitalSignature" => "Digital Signature",
        "keyAgreement" => "Key Agreement",
        "keyCertSign" => "Certificate Sign",
        "cRLSign" => "CRL Sign",
        "keyEncipherment" => "Key Encipherment",
        "serverAuth" => "TLS Web Server Authentication",
        "clientAuth" => "TLS Web Client Authentication",
        other => other,
    }
    .to_string()
}

fn agrees_on_extension(file: &str, name: &str, e: &Value, body: &[String]) {
    if file == "malformed" && name == "subjectAltName" {
        assert!(e["malformed"].is_string(), "{e}");
        return;
    }
    let v = &e["value"];
    let joined = body.join("\n");
    let want: String = match name {
        "basicConstraints" => match v["pathLen"].as_u64() {
            Some(n) => format!("CA:{}, pathlen:{n}", v["ca"].to_string().to_uppercase()),
            None => format!("CA:{}", v["ca"].to_string().to_uppercase()),
        },
        "keyUsage" => strings(&v["usages"])
            .iter()
            .map(|s| openssl_usage(s))
            .collect::<Vec<_>>()
            .join(", "),
        "extKeyUsage" => v["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["name"]
                    .as_str()
                    .map_or(p["oid"].as_str().unwrap().to_string(), openssl_usage)
            })
            .collect::<Vec<_>>()
            .join(", "),
        "subjectAltName" | "issuerAltName" => v["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(openssl_name)
            .collect::<Vec<_>>()
            .join(", "),
        "subjectKeyIdentifier" => v["keyId"].as_str().unwrap().to_string(),
        "authorityKeyIdentifier" => {
            let mut l = Vec::new();
            let key = v["keyId"].as_str().unwrap();
            l.push(if v["issuer"].as_array().unwrap().is_empty() {
                key.to_string()
            } else {
                format!("keyid:{key}")
            });
            l.extend(v["issuer"].as_array().unwrap().iter().map(openssl_name));
            if let Some(s) = v["serial"].as_str() {
                l.push(format!("serial:{s}"));
            }
            l.join("\n")
        }
        "cRLDistributionPoints" => v["points"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                let names: Vec<String> = p["fullName"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(openssl_name)
                    .collect();
                std::iter::once("Full Name:".to_string()).chain(names)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "authorityInfoAccess" => v["access"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let m = match a["method"].as_str().unwrap() {
                    "ocsp" => "OCSP",
                    "caIssuers" => "CA Issuers",
                    other => panic!("{other}"),
                };
                format!("{m} - {}", openssl_name(&a["location"]))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "certificatePolicies" => {
            let mut l = Vec::new();
            for p in v["policies"].as_array().unwrap() {
                let oid = p["oid"].as_str().unwrap();
                l.push(if oid == "2.5.29.32.0" {
                    "Policy: X509v3 Any Policy".into()
                } else {
                    format!("Policy: {oid}")
                });
                l.extend(strings(&p["cps"]).iter().map(|c| format!("CPS: {c}")));
                for n in strings(&p["notices"]) {
                    l.push("User Notice:".into());
                    l.push(format!("Explicit Text: {n}"));
                }
            }
            l.join("\n")
        }
        "nameConstraints" => {
            let side = |k: &str, head: &str| -> Vec<String> {
                let list = v[k].as_array().unwrap();
                let names = list.iter().map(|n| {
                    let val = n["value"].as_str().unwrap();
                    match n["type"].as_str().unwrap() {
                        "ip" => format!("IP:{val}"),
                        _ => openssl_name(n),
                    }
                });
                std::iter::once(head.to_string()).chain(names).collect()
            };
            [
                side("permitted", "Permitted:"),
                side("excluded", "Excluded:"),
            ]
            .concat()
            .join("\n")
        }
        "policyConstraints" => format!(
            "Require Explicit Policy:{}, Inhibit Policy Mapping:{}",
            v["requireExplicitPolicy"], v["inhibitPolicyMapping"]
        ),
        "inhibitAnyPolicy" => v["skipCerts"].to_string(),
        "policyMappings" => v["mappings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                format!(
                    "{}:{}",
                    m["issuerDomainPolicy"].as_str().unwrap(),
                    m["subjectDomainPolicy"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "tlsFeature" => v["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        "netscapeComment" => v["comment"].as_str().unwrap().to_string(),
        "signedCertificateTimestampList" => return agrees_on_scts(v, body),
        "1.3.6.1.4.1.55555.99" => {
            let hex = v["hex"].as_str().unwrap();
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            assert!(
                String::from_utf8_lossy(&bytes).contains(joined.trim_start_matches('.')),
                "{hex} vs {joined}"
            );
            return;
        }
        other => panic!("{other}"),
    };
    assert_eq!(joined, want, "{file} {name}");
}

fn agrees_on_scts(v: &Value, body: &[String]) {
    let ids: Vec<String> = body
        .windows(2)
        .filter(|w| w[0].starts_with("Log ID"))
        .map(|w| {
            format!("{}{}", w[0].trim_start_matches("Log ID    : "), w[1])
                .replace(':', "")
                .to_lowercase()
        })
        .collect();
    let times: Vec<String> = body
        .iter()
        .filter_map(|l| l.strip_prefix("Timestamp : "))
        .map(openssl_date)
        .collect();
    let scts = v["scts"].as_array().unwrap();
    assert_eq!(scts.len(), ids.len());
    for (s, (id, t)) in scts.iter().zip(ids.iter().zip(&times)) {
        assert_eq!(s["logId"], id.as_str());
        assert_eq!(s["timestamp"], t.as_str());
        assert_eq!(s["hashAlgorithm"], "sha256");
        assert_eq!(s["signatureAlgorithm"], "ecdsa");
    }
}

/// The same request in each spelling reads the same, and agrees with
/// `openssl req -text`; a spoiled signature is said to be invalid.
#[test]
fn requests_agree_with_openssl() {
    let txt = openssl("req");
    let mut seen = Vec::new();
    for f in ["req.pem", "req-new.pem", "req.der"] {
        let doc = json(&[f]);
        let r = &doc["items"][0];
        assert_eq!(r["kind"], "request", "{f}");
        assert_eq!(r["signature"]["valid"], true, "{f}: {}", r["signature"]);
        assert!(after(&txt, "Version:").starts_with(&r["version"].to_string()));
        let subject: Vec<String> = r["subject"]["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{} = {}",
                    a["type"].as_str().unwrap(),
                    a["value"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(after(&txt, "Subject:"), subject.join(", "));
        agrees_on_key(&r["publicKey"], &txt);
        for (header, ours) in HEADERS {
            if let Some((critical, body)) = block(&txt, header) {
                let e = ext(&r["extensions"], ours);
                assert_eq!(e["critical"], critical, "{f} {ours}");
                agrees_on_extension(f, ours, e, &body);
            }
        }
        assert_eq!(r["extensions"].as_array().unwrap().len(), 4);
        let mut r = r.clone();
        r["source"] = Value::Null;
        r["pem"] = Value::Null;
        seen.push(r);
    }
    assert!(
        seen.windows(2).all(|w| w[0] == w[1]),
        "the three spellings differ"
    );
    let bad = json(&["req-badsig.pem"]);
    assert_eq!(bad["items"][0]["signature"]["valid"], false);
    let (code, text, _) = run(&["inspect", "samples/inspect/req-badsig.pem"]);
    assert_eq!(code, 0);
    assert!(text.contains("Signature:            INVALID"), "{text}");
}

/// The CRL, PEM or DER, agrees with `openssl crl -text`; its signature is
/// checked when its issuer is among the inputs.
#[test]
fn crls_agree_with_openssl() {
    let txt = openssl("crl");
    for f in ["crl.pem", "crl.der"] {
        let alone = json(&[f]);
        assert_eq!(alone["items"][0]["signature"]["valid"], Value::Null, "{f}");
        let doc = json(&["ca.pem", f]);
        let c = &doc["items"][1];
        assert_eq!(c["kind"], "crl");
        assert_eq!(c["signature"]["valid"], true, "{}", c["signature"]);
        assert!(after(&txt, "Version").starts_with(&c["version"].to_string()));
        assert_eq!(openssl_date(after(&txt, "Last Update:")), c["thisUpdate"]);
        assert_eq!(openssl_date(after(&txt, "Next Update:")), c["nextUpdate"]);
        let number = block(&txt, "X509v3 CRL Number:").unwrap().1.join("");
        assert_eq!(
            ext(&c["extensions"], "cRLNumber")["value"]["number"],
            number.as_str()
        );
        let aki = block(&txt, "X509v3 Authority Key Identifier:")
            .unwrap()
            .1
            .join("");
        assert_eq!(
            ext(&c["extensions"], "authorityKeyIdentifier")["value"]["keyId"],
            aki.as_str()
        );
        // Serial, date and reason of each revoked certificate.
        let lines: Vec<&str> = txt.lines().map(str::trim).collect();
        let mut want = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if let Some(serial) = l.strip_prefix("Serial Number: ") {
                let date = openssl_date(lines[i + 1].trim_start_matches("Revocation Date: "));
                let reason =
                    (lines.get(i + 2) == Some(&"CRL entry extensions:")).then(|| lines[i + 4]);
                want.push((serial.to_lowercase(), date, reason.map(str::to_string)));
            }
        }
        let got: Vec<(String, String, Option<String>)> = c["revoked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let reason = r["reason"]["name"].as_str().map(|n| match n {
                    "keyCompromise" => "Key Compromise".to_string(),
                    "superseded" => "Superseded".to_string(),
                    other => other.to_string(),
                });
                (
                    r["serial"]["hex"].as_str().unwrap().to_string(),
                    r["date"].as_str().unwrap().to_string(),
                    reason,
                )
            })
            .collect();
        assert_eq!(got, want, "{f}");
        assert_eq!(want.len(), 3);
    }
}

/// A malformed extension is shown as malformed, and the rest of its
/// certificate still prints (text and JSON).
#[test]
fn a_malformed_extension_does_not_hide_the_rest() {
    let doc = json(&["malformed.pem"]);
    let exts = &first_cert(&doc)["extensions"];
    let san = ext(exts, "subjectAltName");
    assert!(
        san.get("value").is_none() && san["malformed"].is_string(),
        "{san}"
    );
    assert!(ext(exts, "subjectKeyIdentifier")["value"]["keyId"].is_string());
    let (code, text, err) = run(&["inspect", "samples/inspect/malformed.pem"]);
    assert_eq!(code, 0, "{err}");
    let at = text.find("MALFORMED").expect("said malformed");
    assert!(text[at..].contains("subjectKeyIdentifier"), "{text}");
    assert!(text.contains("SHA-256 fingerprint:"), "{text}");
}

/// The decoded key and fingerprints are those of the file's bytes.
#[test]
fn fingerprints_and_key_hashes_are_of_the_der() {
    use sha2::{Digest, Sha256};
    let doc = json(&["full.pem"]);
    let c = first_cert(&doc);
    let pem = std::fs::read_to_string(sample("inspect/full.pem")).unwrap();
    assert_eq!(c["pem"].as_str().unwrap(), pem, "the PEM is the file's");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64_decode(&b64);
    let hex: Vec<String> = Sha256::digest(&der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    assert_eq!(c["fingerprints"]["sha256"], hex.join(":").as_str());
}

fn base64_decode(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | A.iter().position(|&x| x == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Keys are described (algorithm, curve, whether they match), never printed.
#[test]
fn private_keys_are_described_never_printed() {
    let key_pem = std::fs::read_to_string(sample("inspect/full-key.pem")).unwrap();
    let key_lines: Vec<&str> = key_pem
        .split("-----BEGIN PRIVATE KEY-----")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.len() > 16 && !l.starts_with("-----"))
        .collect();
    assert!(!key_lines.is_empty());
    for f in ["full-key.pem", "full.p12"] {
        let doc = json(&[f]);
        let e = &doc["items"][0];
        assert_eq!(e["entryType"], "privateKey", "{f}");
        let k = &e["privateKey"];
        assert_eq!(k["described"], true, "{f}: {k}");
        assert_eq!(k["algorithm"], "EC");
        assert_eq!(k["curve"], "secp256r1");
        assert_eq!(k["matchesCertificate"], true);
        let path = format!("samples/inspect/{f}");
        for format in ["text", "json"] {
            let (_, out, _) = run(&["inspect", "-f", format, "--password-env", "PW", &path]);
            for l in &key_lines {
                assert!(!out.contains(l), "{f} -f {format} printed the key");
            }
        }
    }
    let (_, text, _) = run(&["inspect", "samples/inspect/full-key.pem"]);
    assert!(text.contains("Private key:          EC, curve secp256r1 (1.2.840.10045.3.1.7), matches the certificate"), "{text}");
}

/// Every fixture's JSON validates against docs/inspect.schema.json, and the
/// schema rejects a wrong value shape.
#[test]
fn the_json_validates_against_the_committed_schema() {
    if !crate::util::tool(
        "jsonschema",
        crate::util::python_module("jsonschema"),
        "pip install jsonschema",
    ) {
        return;
    }
    let mut files: Vec<String> = std::fs::read_dir(sample("inspect"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pem") || n.ends_with(".der") || n.ends_with(".p12"))
        .collect();
    files.sort();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let doc = json(&refs);
    assert_eq!(doc["schema"], 1);
    let mut broken = doc.clone();
    broken["items"][0]["certificates"][0]["extensions"][0]["value"] =
        serde_json::json!({"ca": "yes"});
    let dir = std::env::temp_dir().join(format!("certinfo-inspect-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = sorted(v.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    print(path.rsplit("/", 1)[-1], len(errors))
    for e in errors[:5]:
        print("  ", e.json_path, e.message[:300])
"#;
    let (good, bad) = (dir.join("good.json"), dir.join("bad.json"));
    std::fs::write(&good, serde_json::to_vec(&doc).unwrap()).unwrap();
    std::fs::write(&bad, serde_json::to_vec(&broken).unwrap()).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(root().join("docs/inspect.schema.json"))
        .arg(&good)
        .arg(&bad)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = said.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(lines[0], "good.json 0", "{said}");
    assert_ne!(lines[1], "bad.json 0", "{said}");
}

/// `show` and `list` still refuse a CSR or CRL given by name, pointing to
/// inspect; a directory walk passes over them with a note, as before, and
/// `inspect` reads them there.
#[test]
fn show_and_list_point_requests_and_crls_to_inspect() {
    for cmd in ["show", "list"] {
        for f in ["req.pem", "req-new.pem", "req.der", "crl.pem", "crl.der"] {
            let (code, _, err) = run(&[cmd, &format!("samples/inspect/{f}")]);
            assert_eq!(code, 3, "{cmd} {f}");
            assert!(
                err.contains("no certificate (certinfo inspect reads it)"),
                "{cmd} {f}: {err}"
            );
        }
    }
    let (code, _, err) = run(&["list", "samples/inspect"]);
    assert!(
        err.contains("req.pem: passed over: a certificate request (CSR), no certificate"),
        "{err}"
    );
    let _ = code;
    let doc = {
        let (code, out, err) = run(&[
            "inspect",
            "-f",
            "json",
            "--password-env",
            "PW",
            "samples/inspect",
        ]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let kinds: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "request").count(),
        4,
        "{kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "crl").count(),
        2,
        "{kinds:?}"
    );
}

/// Validity is coloured as the table colours it: within 30 days yellow;
/// never without colour.
#[test]
fn the_text_is_coloured_by_the_tables_rules() {
    let (_, plain, _) = run(&["inspect", "--color", "never", "samples/inspect/v1.pem"]);
    assert!(!plain.contains('\u{1b}'));
    assert!(
        plain.contains("2026-02-01T00:00:00Z (17 days left)"),
        "{plain}"
    );
    let (_, coloured, _) = run(&["inspect", "--color", "always", "samples/inspect/v1.pem"]);
    assert!(coloured.contains("\u{1b}[33mValid until:"), "{coloured}");
    let (_, json, _) = run(&[
        "inspect",
        "-f",
        "json",
        "--color",
        "always",
        "samples/inspect/v1.pem",
    ]);
    assert!(!json.contains('\u{1b}'));
}

/// Text from certificates reaches the text only escaped; the JSON keeps it
/// exact.
#[test]
fn the_text_is_terminal_safe() {
    let (code, text, _) = run(&["inspect", "samples/forged/forged-subject.pem"]);
    assert_eq!(code, 0);
    for raw in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{2028}', '\u{61c}', '\r'] {
        assert!(!text.contains(raw), "{raw:?} in {text}");
    }
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("SHA256: 00")),
        "a forged line"
    );
    assert!(text.contains("\\u{1b}"), "{text}");
    let (_, json, _) = run(&["inspect", "-f", "json", "samples/forged/forged-subject.pem"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let dn = first_cert(&doc)["subject"]["attributes"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(dn.contains('\u{202e}'), "{dn:?}");
}

/// Standard input carries CSRs and CRLs too; a JKS key is said to be there,
/// not described.
#[test]
fn stdin_requests_and_undescribed_keys() {
    for (f, kind) in [
        ("req.der", "request"),
        ("req.pem", "request"),
        ("crl.der", "crl"),
    ] {
        let out = certinfo()
            .args(["inspect", "-f", "json"])
            .pipe_stdin(sample(&format!("inspect/{f}")))
            .unwrap()
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{f}");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["items"][0]["kind"], kind, "{f}");
        assert_eq!(doc["items"][0]["source"], "<stdin>");
    }
    let (code, out, err) = run(&[
        "inspect",
        "-f",
        "json",
        "--password-env",
        "PW",
        "samples/keystores/keytool/kt.jks",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&Value> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["entryType"] == "privateKey")
        .collect();
    assert!(!keys.is_empty());
    for k in keys {
        assert_eq!(k["privateKey"], serde_json::json!({"described": false}));
    }
}

/// An input that cannot be read is named with its reason in both formats
/// (as `check` and the HTML pages name it), beside what was read; exit 3.
#[test]
fn unreadable_inputs_are_listed_in_both_formats() {
    let args = |f: &str| {
        run(&[
            "inspect",
            "-f",
            f,
            "samples/inspect/v1.pem",
            "samples/nope.pem",
            "samples/bad/garbage.txt",
        ])
    };
    let (code, out, _) = args("json");
    assert_eq!(code, 3);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["schema", "items", "unreadable"]);
    assert_eq!(doc["items"].as_array().map(Vec::len), Some(1));
    let unread = doc["unreadable"].as_array().unwrap();
    assert_eq!(unread.len(), 2);
    assert_eq!(unread[0]["input"], "samples/nope.pem");
    assert_eq!(unread[0]["error"], "no such file or directory");
    assert_eq!(unread[1]["input"], "samples/bad/garbage.txt");
    let (code, text, _) = args("text");
    assert_eq!(code, 3);
    assert!(
        text.contains(
            "\n2 inputs could not be read:\n  samples/nope.pem: no such file or directory\n"
        ),
        "{text}"
    );
}
