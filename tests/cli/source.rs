//! Where a record came from (issue 18): the table's SOURCE column and the
//! HTML headings always say it, as the input was given (a directory's files
//! by the argument's path joined with theirs); `--with-source` adds a
//! `"source"` key to the JSON layouts; `--dedupe` prints each certificate
//! once. Fixtures: `samples/dirs/make.sh` (a Let's Encrypt `live/` folder
//! whose fullchain.pem repeats cert.pem and chain.pem).

use crate::util::{certinfo, sample};
use serde_json::Value;

/// certinfo ARGS run in `samples/`, inputs named relative to it: (exit,
/// stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = certinfo()
        .current_dir(sample(""))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

const LIVE: [&str; 4] = [
    "dirs/live/example.com/cert.pem",
    "dirs/live/example.com/chain.pem",
    "dirs/live/example.com/fullchain.pem",
    "dirs/live/example.com/fullchain.pem",
];

/// The table's last column is the source, as the argument spelled it.
#[test]
fn the_table_says_where_each_row_came_from() {
    let (code, table, err) = run(&["list", "--no-headers", "dirs/live"]);
    assert_eq!(code, 0, "{err}");
    let sources: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| l.trim_end_matches('│').rsplit('┆').next().unwrap().trim())
        .collect();
    assert_eq!(sources, LIVE, "{table}");
    let (_, table, _) = run(&["list", "dirs/live/"]);
    assert!(
        table.contains("┆ dirs/live/example.com/cert.pem "),
        "{table}"
    );
}

/// `--with-source` adds `source` after the layout's keys, and nothing else
/// changes; without it the layouts are exact.
#[test]
fn with_source_adds_one_key_to_the_json_layouts() {
    let plain = json(&["list", "-f", "json", "dirs/live"]);
    let sourced = json(&["list", "-f", "pjson", "--with-source", "dirs/live"]);
    let (p, s) = (
        plain["certificates"].as_array().unwrap(),
        sourced["certificates"].as_array().unwrap(),
    );
    assert_eq!(p.len(), 4);
    for (i, (p, s)) in p.iter().zip(s).enumerate() {
        assert_eq!(p.as_object().unwrap().len(), 19);
        assert!(p.get("source").is_none());
        let mut s = s.as_object().unwrap().clone();
        assert_eq!(s.keys().next_back().map(String::as_str), Some("source"));
        assert_eq!(s.remove("source"), Some(Value::from(LIVE[i])));
        assert_eq!(&Value::Object(s), p);
    }
    // show: the same key last, and a Source: line in the text.
    let (code, out, _) = run(&["show", "-f", "json", "--with-source", "dirs/live"]);
    assert_eq!(code, 0);
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys.first().map(|k| k.as_str()), Some("Alias name"));
    assert_eq!(keys.last().map(|k| k.as_str()), Some("source"));
    assert_eq!(first["source"], LIVE[0]);
    let (_, text, _) = run(&["show", "--with-source", "dirs/live/example.com/cert.pem"]);
    assert!(
        text.contains("\nSource: dirs/live/example.com/cert.pem\n\n*******"),
        "{text}"
    );
    let (_, text, _) = run(&["show", "dirs/live/example.com/cert.pem"]);
    assert!(!text.contains("Source:"), "{text}");
    // The table always has SOURCE: the option would do nothing there.
    let (code, _, err) = run(&["list", "--with-source", "dirs/live"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the table (SOURCE) and prometheus (filepath) always say it"),
        "{err}"
    );
}

/// The HTML reports name each record's source in its heading and in the
/// by-expiry rows; with `--with-source` their tables (which mirror the JSON
/// records) have the `source` row too.
#[test]
fn html_reports_say_where_each_record_came_from() {
    for cmd in ["show", "list"] {
        let (code, html, _) = run(&[cmd, "-f", "html", "dirs/live"]);
        assert_eq!(code, 0);
        assert!(
            html.contains("<p class=\"src\">From <code>dirs/live/example.com/chain.pem</code></p>"),
            "{cmd}"
        );
        assert!(!html.contains("<th scope=\"row\">source</th>"), "{cmd}");
        let (_, html, _) = run(&[cmd, "-f", "html", "--with-source", "dirs/live"]);
        assert!(
            html.contains("<th scope=\"row\">source</th><td>dirs/live/example.com/chain.pem</td>"),
            "{cmd}"
        );
    }
    let (_, html, _) = run(&["list", "-f", "html", "dirs/live"]);
    assert!(html.contains("<span class=\"so\">dirs/live/example.com/fullchain.pem</span>"));
}

/// `--dedupe`: each certificate once, the first time it is met; the names
/// stay those of a run without it.
#[test]
fn dedupe_prints_each_certificate_once() {
    let names = |doc: &Value| -> Vec<String> {
        doc["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    let all = json(&["list", "-f", "json", "dirs/live", "dirs/archive"]);
    assert_eq!(all["certificates"].as_array().unwrap().len(), 8);
    let once = json(&[
        "list",
        "-f",
        "json",
        "--dedupe",
        "dirs/live",
        "dirs/archive",
    ]);
    assert_eq!(names(&once), ["cert", "chain"]);
    // A bundle's later certificates keep their numbers.
    let once = json(&[
        "list",
        "-f",
        "json",
        "--dedupe",
        "dirs/live/example.com/cert.pem",
        "dirs/live/example.com/fullchain.pem",
    ]);
    assert_eq!(names(&once), ["cert", "fullchain-2"]);
    let sha = |doc: &Value| -> std::collections::BTreeSet<String> {
        doc["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["sha256Fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(sha(&once), sha(&all));
    // show: an entry whose certificate was shown before is left out.
    let (code, out, _) = run(&["show", "-f", "json", "--dedupe", "dirs/live"]);
    assert_eq!(code, 0);
    let aliases: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["Alias name"].to_string())
        .collect();
    assert_eq!(aliases, ["\"cert\"", "\"chain\""]);
    // The table and HTML too.
    let (_, table, _) = run(&["list", "--no-headers", "--dedupe", "dirs/live"]);
    assert_eq!(table.lines().filter(|l| l.starts_with('│')).count(), 2);
}
