//! A hermetic `certinfo` command and helpers shared by the tests.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `samples/<rel>`.
pub fn sample(rel: &str) -> PathBuf {
    root().join("samples").join(rel)
}

/// The binary with a cleaned environment: only `TZ` is set (UTC unless the
/// test says otherwise), so colours, locale and zone never leak in.
/// `CERTINFO_BIN=path` runs another build instead (to measure an earlier one
/// against today's goldens; the tests are this checkout's).
pub fn certinfo() -> Command {
    let mut c = match std::env::var_os("CERTINFO_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::cargo_bin("certinfo").expect("binary built"),
    };
    c.env_clear().env("TZ", "UTC");
    c
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            // Links to directories are not followed (samples/dirs has a loop).
            let link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if p.is_dir() && !link {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Passwords of the keystore samples: `samples/passwords.tsv`, relative path
/// TAB password (`<empty>` for the empty password; `<none>`, like no line, for
/// none at all).
pub fn password_for(rel: &str) -> Option<String> {
    let text = std::fs::read_to_string(sample("passwords.tsv")).ok()?;
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(p, _)| *p == rel)
        .and_then(|(_, pw)| match pw {
            "<empty>" => Some(String::new()),
            // No password at all (the oracle ran without --password: Java's
            // null password); certinfo is given none either.
            "<none>" => None,
            pw => Some(pw.to_string()),
        })
}

/// Whether `samples/passwords.tsv` says `<none>` for `rel`: the oracle ran
/// without any password (Java's null password), not with the empty one.
pub fn null_password(rel: &str) -> bool {
    std::fs::read_to_string(sample("passwords.tsv"))
        .unwrap_or_default()
        .lines()
        .any(|l| l.split_once('\t') == Some((rel, "<none>")))
}

/// Asserts that two texts are equal; on a mismatch, panics with a unified
/// diff of the lines (`-` expected, `+` got) instead of two long strings.
#[track_caller]
pub fn assert_same_text(what: &str, want: &str, got: &str) {
    if want == got {
        return;
    }
    let diff = similar::TextDiff::from_lines(want, got);
    let shown = diff
        .unified_diff()
        .context_radius(2)
        .header("expected", "got")
        .to_string();
    let lines: Vec<&str> = shown.lines().take(80).collect();
    panic!(
        "{what} differs ({} vs {} lines):\n{}{}",
        want.lines().count(),
        got.lines().count(),
        lines.join("\n"),
        if shown.lines().count() > 80 {
            "\n…"
        } else {
            ""
        }
    );
}

/// Whether an outside tool a test needs is here. When it is not: with
/// `CERTINFO_REQUIRE_TOOLS` set (`scripts/test.sh`, `.ci/run`) the test fails
/// saying what to install; under a bare `cargo test` it says so on stderr and
/// the caller passes over the part that needs it.
pub fn tool(name: &str, present: bool, install: &str) -> bool {
    if present {
        return true;
    }
    if std::env::var_os("CERTINFO_REQUIRE_TOOLS").is_some() {
        panic!("{name} is needed and missing: {install}");
    }
    eprintln!("skipped: {name} is not installed ({install}; scripts/test.sh installs it)");
    false
}

/// Whether `python3 -c "import MODULE"` works.
pub fn python_module(module: &str) -> bool {
    std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `program` runs (`program --version`).
pub fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
