//! `-f html`: the tables hold exactly the JSON records' keys and values, every
//! value is escaped, the document is strict HTML5 (html5lib), and headless
//! Chromium renders it without running anything (DOM dump + screenshot).
//!
//! The samples come from `samples/html/make.sh`; the instant is pinned with
//! `SOURCE_DATE_EPOCH` (NOW = 2026-01-15T00:00:00Z, as in `samples/check/`).
//! python3 + html5lib and `/usr/bin/chromium` are installed by
//! `scripts/test.sh`; when they are missing, these tests fail under it and say
//! what is missing under a bare `cargo test` (`util::tool`).

use crate::util::{certinfo, password_for, sample};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// 2026-01-15T00:00:00Z.
const NOW: &str = "1768435200";

fn run(args: &[&str]) -> (String, bool) {
    let out = certinfo()
        .env("SOURCE_DATE_EPOCH", NOW)
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.success())
}

fn stdout_of(args: &[&str]) -> String {
    let (out, ok) = run(args);
    assert!(ok, "certinfo {args:?} failed");
    out
}

fn mixed_and_script() -> Vec<String> {
    ["html/mixed.pem", "html/script-subject.pem"]
        .iter()
        .map(|p| sample(p).to_string_lossy().into_owned())
        .collect()
}

fn args<'a>(head: &[&'a str], files: &'a [String]) -> Vec<&'a str> {
    head.iter()
        .copied()
        .chain(files.iter().map(String::as_str))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The key/value rows of every `<table class="kv">`, in document order, as
/// (key, raw inner HTML of the value cell).
fn tables(html: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    for chunk in html.split("<table class=\"kv\">").skip(1) {
        let body = &chunk[..chunk.find("</table>").expect("table closed")];
        let mut rows = Vec::new();
        for row in body.split("<tr").skip(1) {
            let th = row.find("<th scope=\"row\">").expect("row header") + 16;
            let th_end = row.find("</th>").unwrap();
            let td = th_end + row[th_end..].find('>').unwrap() + 1;
            let td = td + row[td..].find('>').unwrap() + 1; // past "<td…>"
            let td_end = row.rfind("</td>").unwrap();
            rows.push((unescape(&row[th..th_end]), row[td..td_end].to_string()));
        }
        out.push(rows);
    }
    out
}

/// A JSON value as the HTML cell must hold it.
fn cell_of(v: &Value) -> String {
    match v {
        Value::String(s) => escape(s),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => {
            let mut s = String::from("<ul>");
            for i in items {
                s.push_str("<li>");
                s.push_str(&escape(i.as_str().unwrap()));
                s.push_str("</li>");
            }
            s.push_str("</ul>");
            s
        }
        other => panic!("unexpected JSON value {other}"),
    }
}

fn assert_tables_match(html: &str, records: &[Value], what: &str) {
    let tables = tables(html);
    assert_eq!(
        html.matches("<table").count(),
        records.len(),
        "{what}: one table per record"
    );
    assert_eq!(tables.len(), records.len(), "{what}");
    for (i, (rows, rec)) in tables.iter().zip(records).enumerate() {
        let obj = rec.as_object().unwrap();
        let expected: Vec<(String, String)> =
            obj.iter().map(|(k, v)| (k.clone(), cell_of(v))).collect();
        assert_eq!(
            rows,
            &expected,
            "{what}: table {} differs from its JSON",
            i + 1
        );
    }
}

fn assert_safe(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script", "<img", "<iframe", "<link", "http://", "https://", "url(",
    ] {
        assert!(!lower.contains(bad), "{what}: output contains {bad:?}");
    }
    for must in [
        "<!DOCTYPE html>\n<html lang=\"en\">",
        "<meta charset=\"utf-8\">",
        "<meta name=\"color-scheme\" content=\"light dark\">",
        "<title>",
        "@media print",
        "prefers-color-scheme:dark",
    ] {
        assert!(html.contains(must), "{what}: {must:?} missing");
    }
}

/// `show -f html`: one table per entry, rows = the `show -f json` object,
/// same keys, same order, values escaped; entries in input order. Covers key
/// entries with chains, trusted entries and secret keys (JCEKS).
#[test]
fn show_tables_are_the_json_records() {
    let mut files = mixed_and_script();
    files.push(sample("check").to_string_lossy().into_owned());
    let (json, html) = (
        stdout_of(&args(&["show", "-f", "json"], &files)),
        stdout_of(&args(&["show", "-f", "html"], &files)),
    );
    let records: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 20);
    assert_tables_match(&html, &records, "show mixed+script+check");
    assert_safe(&html, "show");

    for ks in ["keystores/keytool/kt.jceks", "keystores/keytool/kt.jks"] {
        let path = sample(ks);
        let pw = password_for(ks).unwrap_or_default();
        let render = |format: &str| {
            let out = certinfo()
                .env("SOURCE_DATE_EPOCH", NOW)
                .env("CERTINFO_TEST_PW", &pw)
                .args(["show", "-f", format, "--password-env", "CERTINFO_TEST_PW"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{ks}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        let (json, html) = (render("json"), render("html"));
        let records: Vec<Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_tables_match(&html, &records, ks);
    }
}

/// `list -f html`: summary, then one table per certificate with the 19 keys
/// and values of its `list -f json` object, sorted by expiry.
#[test]
fn list_tables_are_the_json_records_sorted_by_expiry() {
    let files = mixed_and_script();
    let doc: Value =
        serde_json::from_str(&stdout_of(&args(&["list", "-f", "json"], &files))).unwrap();
    let mut certs = doc["certificates"].as_array().unwrap().clone();
    assert_eq!(certs.len(), 5);
    certs.sort_by_key(|c| c["validUntilAsEpoch"].as_i64().unwrap());
    let html = stdout_of(&args(&["list", "-f", "html"], &files));
    assert_tables_match(&html, &certs, "list mixed+script");
    assert_safe(&html, "list");
    for t in tables(&html) {
        assert_eq!(t.len(), 19);
    }

    // The summary: counts by type, then by status, and the earliest expiry.
    for (n, label) in [
        (5, "Certificates"),
        (2, "Identity"),
        (3, "Trust"),
        (1, "Expired"),
        (1, "Expiring \u{2264} 30 days"),
        (0, "Not yet valid"),
        (3, "Valid"),
    ] {
        let card = format!("<span class=\"num\">{n}</span><span class=\"lbl\">{label}</span>");
        assert!(html.contains(&card), "summary card {card:?} missing");
    }
    assert!(html.contains(
        "The earliest expiry is <strong>mixed-3</strong> on Mon Jan 12 00:00:00 UTC 2026, expired 3 days ago."
    ));
    assert!(html.contains(
        "The next expiry is <strong>mixed-2</strong> on Tue Jan 27 00:00:00 UTC 2026, in 12 days."
    ));
    // Rows coloured by status, in expiry order.
    let order: Vec<usize> = [
        "<li class=\"st-expired\"><a class=\"row\" href=\"#cert-1\">",
        "<li class=\"st-expiring\"><a class=\"row\" href=\"#cert-2\">",
        "<li class=\"st-valid\"><a class=\"row\" href=\"#cert-3\">",
        "<li class=\"st-valid\"><a class=\"row\" href=\"#cert-5\">",
    ]
    .iter()
    .map(|s| html.find(s).unwrap_or_else(|| panic!("{s} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(html.contains("<section class=\"rec st-expired\" id=\"cert-1\">"));
}

/// A subject full of markup is text: escaped everywhere, never markup.
#[test]
fn script_subject_is_escaped() {
    let f = sample("html/script-subject.pem");
    let f = f.to_str().unwrap();
    for cmd in ["show", "list"] {
        let html = stdout_of(&[cmd, "-f", "html", f]);
        assert_safe(&html, cmd);
        assert!(
            html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\&quot;Q\\&quot; &#39;A&#39; Müller"
            ),
            "{cmd}"
        );
        assert!(
            html.contains(
                "&lt;img src=x onerror=\\&quot;document.body.dataset.pwned=1\\&quot;&gt;"
            ),
            "{cmd}"
        );
        assert!(html.contains("L=Zürich &amp; Genève"), "{cmd}");
        assert!(!html.contains("onerror=\""), "{cmd}");
    }
    let html = stdout_of(&["list", "-f", "html", f]);
    assert!(html.contains("<li>DNSName: &lt;b&gt;bold&lt;/b&gt;.example.com</li>"));
    assert!(html.contains("<li>RFC822Name: &quot;q&quot;&amp;amp@example.com</li>"));
}

/// Same inputs and SOURCE_DATE_EPOCH give the same bytes; a malformed
/// SOURCE_DATE_EPOCH is a usage error.
#[test]
fn reproducible_with_source_date_epoch() {
    let files = mixed_and_script();
    let a = stdout_of(&args(&["list", "-f", "html"], &files));
    let b = stdout_of(&args(&["list", "-f", "html"], &files));
    assert_eq!(a, b);
    assert!(
        a.contains("<time datetime=\"2026-01-15T00:00:00Z\">Thu Jan 15 00:00:00 UTC 2026</time>")
    );
    certinfo()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(args(&["list", "-f", "html"], &files))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("SOURCE_DATE_EPOCH"));
}

fn python_strict_parse(html: &str, what: &str) {
    const SCRIPT: &str = "import sys\n\
try:\n    import html5lib\n\
except ImportError:\n    sys.exit(3)\n\
try:\n    html5lib.HTMLParser(strict=True).parse(sys.stdin.buffer.read())\n\
except html5lib.html5parser.ParseError as e:\n    sys.exit('not valid HTML5: %s' % e)\n";
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("python3 is needed for the HTML5 validity test and could not be run ({e}); .ci/run installs it with html5lib")
        });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(html.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_ne!(
        out.status.code(),
        Some(3),
        "python3 has no html5lib, which the HTML5 validity test needs: \
         pip install html5lib (or apt-get install python3-html5lib); .ci/run installs it"
    );
    assert!(
        out.status.success(),
        "{what}: html5lib (strict) rejected the document: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every document parses with html5lib in strict mode (any parse error fails),
/// including the empty ones printed when nothing could be read.
#[test]
fn html_is_strict_html5() {
    if !crate::util::tool(
        "html5lib",
        crate::util::python_module("html5lib"),
        "pip install html5lib",
    ) {
        return;
    }
    let mut files = mixed_and_script();
    files.push(sample("check").to_string_lossy().into_owned());
    for cmd in ["show", "list"] {
        python_strict_parse(&stdout_of(&args(&[cmd, "-f", "html"], &files)), cmd);
        let (empty, ok) = run(&[
            cmd,
            "-f",
            "html",
            sample("bad/garbage.txt").to_str().unwrap(),
        ]);
        assert!(!ok);
        assert!(!empty.contains("<table") && empty.contains("</html>"));
        python_strict_parse(&empty, &format!("{cmd} with no certificate"));
    }
}

/// The target directory of this build (`CARGO_TARGET_TMPDIR` is `<target>/tmp`).
fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// Runs headless Chromium with a fresh profile on `url`, with a time limit.
fn chromium(extra: &[&str], url: &str, profile: &Path) -> String {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&bin).exists(),
        "{bin} not found: the browser test needs Debian's chromium (apt-get install -y chromium; .ci/run installs it)"
    );
    let _ = std::fs::remove_dir_all(profile);
    std::fs::create_dir_all(profile).unwrap();
    let mut child = Command::new(&bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.join().unwrap().unwrap();
    let _ = std::fs::remove_dir_all(profile);
    assert!(status.success(), "chromium {extra:?} failed: {status}");
    out
}

/// Whether Chromium is installed (`util::tool` says so when it is not).
fn have_chromium() -> bool {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    crate::util::tool(
        "chromium",
        Path::new(&bin).exists(),
        "apt-get install -y chromium",
    )
}

/// Saves Chromium's screenshot of `url`, 1280 pixels wide and `height` high,
/// as `shot`, and checks it is a PNG with something drawn.
fn screenshot(shot: &Path, height: u32, url: &str, profile: &Path) {
    let _ = std::fs::remove_file(shot);
    chromium(
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size=1280,{height}"),
        ],
        url,
        profile,
    );
    let png = std::fs::read(shot).expect("screenshot written");
    assert!(png.len() > 10_000 && png.starts_with(b"\x89PNG\r\n\x1a\n"));
    eprintln!("screenshot: {}", shot.display());
}

/// The browser test: headless Chromium loads the report from a file, and its
/// DOM (after load, scripts allowed) has the tables, keys and values, the
/// hostile subject as text, and nothing the subject's scripts would have done.
/// A screenshot is saved as `<target>/html-report.png`.
#[test]
fn chromium_renders_the_report() {
    if !have_chromium() {
        return;
    }
    let files = mixed_and_script();
    let html = stdout_of(&args(&["list", "-f", "html"], &files));
    let doc: Value =
        serde_json::from_str(&stdout_of(&args(&["list", "-f", "json"], &files))).unwrap();
    let target = target_dir();
    let page = target.join("html-report.html");
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());
    let profile = target.join(format!("tmp/chromium-profile-{}", std::process::id()));

    let dom = chromium(&["--dump-dom"], &url, &profile);
    assert!(dom.contains("</html>"), "no DOM dumped: {dom:.200}");
    assert_eq!(dom.matches("<table").count(), 5, "tables in the DOM");
    assert!(dom.contains("<title>Certificate report \u{2014} 5 certificates</title>"));
    // Nothing ran and nothing was injected.
    let lower = dom.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a <script> element in the DOM");
    assert!(!lower.contains("<img"), "an <img> element in the DOM");
    assert!(!dom.contains("data-pwned"), "the subject's onerror ran");
    // The hostile subject is text.
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    // Keys and values of every certificate are in the DOM.
    for c in doc["certificates"].as_array().unwrap() {
        for (k, v) in c.as_object().unwrap() {
            assert!(
                dom.contains(&format!("<th scope=\"row\">{k}</th>")),
                "key {k} missing from the DOM"
            );
            if let Some(s) = v.as_str() {
                // Chromium serialises text with only & < > escaped.
                let text = s
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                assert!(
                    dom.contains(&text),
                    "value {s:?} of {k} missing from the DOM"
                );
            }
        }
    }
    assert!(dom.contains("<span class=\"num\">1</span><span class=\"lbl\">Expired</span>"));

    screenshot(&target.join("html-report.png"), 2000, &url, &profile);
}

/// `show`/`list -f html` over a good file, a missing one and a keystore whose
/// password is wrong: the document and the exit code (4, the password's).
fn html_with_unreadable(cmd: &str) -> String {
    let out = certinfo()
        .env("SOURCE_DATE_EPOCH", NOW)
        .env("CERTINFO_TEST_PW", "not-the-password-either")
        .args([cmd, "-f", "html", "--password-env", "CERTINFO_TEST_PW"])
        .arg(sample("html/mixed.pem"))
        .arg(sample("nope.pem"))
        .arg(sample("bad/wrong-password.p12"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{cmd}");
    String::from_utf8(out.stdout).unwrap()
}

/// The "could not be read" items, as the document writes them.
fn unread_items() -> [String; 2] {
    [
        format!(
            "<li><code>{}</code>: no such file or directory</li>",
            escape(&sample("nope.pem").display().to_string())
        ),
        format!(
            "<li><code>{}</code>: PKCS#12: wrong password or corrupted MAC; use \
             --password-env VAR or --password-file FILE</li>",
            escape(&sample("bad/wrong-password.p12").display().to_string())
        ),
    ]
}

/// Both HTML reports name each input that could not be read, and why, in a
/// section before the records; `list` adds a red "Unreadable inputs" card.
/// The documents stay strict HTML5.
#[test]
fn html_names_each_unreadable_input() {
    for cmd in ["show", "list"] {
        let html = html_with_unreadable(cmd);
        let section = html
            .find("<section class=\"unread st-expired\" id=\"unread\"")
            .unwrap_or_else(|| panic!("{cmd}: no unread section"));
        assert!(
            section < html.find("<main>").unwrap(),
            "{cmd}: section after the records"
        );
        assert!(
            html.contains("<h2>2 inputs could not be read</h2>"),
            "{cmd}"
        );
        for item in unread_items() {
            assert!(html.contains(&item), "{cmd}: {item} missing");
        }
        let card = html.contains(
            "<li class=\"card st-expired\"><span class=\"num\">2</span>\
             <span class=\"lbl\">Unreadable inputs</span></li>",
        );
        assert_eq!(card, cmd == "list", "{cmd}: the card");
        if crate::util::tool(
            "html5lib",
            crate::util::python_module("html5lib"),
            "pip install html5lib",
        ) {
            python_strict_parse(&html, &format!("{cmd} with unreadable inputs"));
        }
    }
    // Nothing unreadable, no section.
    let clean = stdout_of(&[
        "list",
        "-f",
        "html",
        &sample("html/mixed.pem").to_string_lossy(),
    ]);
    assert!(!clean.contains("class=\"unread"));
}

/// Headless Chromium shows the section: its DOM has both inputs, and a
/// screenshot is saved as `<target>/html-unread.png`.
#[test]
fn chromium_renders_the_unreadable_inputs() {
    if !have_chromium() {
        return;
    }
    let target = target_dir();
    let page = target.join("html-unread.html");
    std::fs::write(&page, html_with_unreadable("list")).unwrap();
    let url = format!("file://{}", page.display());
    let profile = target.join(format!("tmp/chromium-unread-{}", std::process::id()));
    let dom = chromium(&["--dump-dom"], &url, &profile);
    assert!(
        dom.contains("<h2>2 inputs could not be read</h2>"),
        "{dom:.300}"
    );
    for item in unread_items() {
        assert!(dom.contains(&item), "{item} missing from the DOM");
    }
    screenshot(&target.join("html-unread.png"), 1000, &url, &profile);
}
