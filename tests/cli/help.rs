//! Snapshots of `--help` texts and of the table at a fixed width, with and
//! without colour. Refresh with `UPDATE_EXPECT=1 cargo test`.

use crate::util::{assert_same_text, certinfo, root, sample};

/// Compares `got` with `tests/expected/<rel>`, or rewrites it when
/// `UPDATE_EXPECT=1`.
pub fn snapshot(rel: &str, got: &str) {
    let path = root().join("tests/expected").join(rel);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {rel}; run UPDATE_EXPECT=1 cargo test"));
    assert_same_text(
        &format!("snapshot {rel} (refresh with UPDATE_EXPECT=1)"),
        &want,
        got,
    );
}

#[test]
fn clap_definitions_are_consistent() {
    use clap::CommandFactory;
    certinfo::cli::Cli::command().debug_assert();
}

#[test]
fn help_texts() {
    for (args, name) in [
        (&["--help"][..], "help/certinfo.txt"),
        (&["show", "--help"][..], "help/show.txt"),
        (&["list", "--help"][..], "help/list.txt"),
        (&["check", "--help"][..], "help/check.txt"),
        (&["inspect", "--help"][..], "help/inspect.txt"),
        (&["completions", "--help"][..], "help/completions.txt"),
    ] {
        let out = certinfo()
            .env("COLUMNS", "100")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        snapshot(name, &String::from_utf8(out.stdout).unwrap());
    }
}

#[test]
fn every_command_help_has_examples() {
    for cmd in ["show", "list", "check", "inspect"] {
        let out = certinfo().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Examples:"), "{cmd}");
    }
    let list =
        String::from_utf8(certinfo().args(["list", "--help"]).output().unwrap().stdout).unwrap();
    assert!(list.contains("| jq "), "a jq pipeline");
    let check = String::from_utf8(
        certinfo()
            .args(["check", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(check.contains("-f junit"), "a CI use");
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = certinfo().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("expires-within"),
            "{shell} completes check's options"
        );
        if shell != "bash" {
            // Subcommand descriptions: the variants' own, not the flattened
            // options' (cli.rs defers the subcommands' arguments).
            assert!(
                text.contains("SSL Certificate"),
                "{shell}: show's description"
            );
            assert!(!text.contains("Options shared"), "{shell}");
        }
    }
    let man = certinfo().arg("man").output().unwrap();
    let text = String::from_utf8(man.stdout).unwrap();
    assert!(
        text.starts_with(".ie") || text.contains(".TH certinfo"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(
        text.contains("Judge every certificate"),
        "check's description"
    );
}

fn table(color: &str) -> String {
    let out = certinfo()
        .args(["list", "--color", color])
        .arg(sample("check/good-leaf.pem"))
        .arg(sample("check/expired.pem"))
        .arg(sample("check/expiring-10d.pem"))
        .env("COLUMNS", "120")
        .env("SOURCE_DATE_EPOCH", "1768435200")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn table_snapshots_with_and_without_colour() {
    let plain = table("never");
    assert!(!plain.contains('\u{1b}'));
    snapshot("table/plain-120.txt", &plain);
    let coloured = table("always");
    assert!(
        coloured.contains("\u{1b}["),
        "colour escapes with --color always"
    );
    snapshot("table/color-120.txt", &coloured);
}

#[test]
fn no_color_turns_auto_colour_off() {
    let out = certinfo()
        .args(["list", "--color", "auto"])
        .arg(sample("check/expired.pem"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

/// The README's first lines tell a newcomer what to run: the sample they
/// name must exist and be shown.
#[test]
fn readme_first_command_names_a_real_sample() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let first = readme
        .lines()
        .find(|l| l.starts_with("cargo run"))
        .expect("a cargo run line");
    let path = first
        .split_whitespace()
        .find(|w| w.starts_with("samples/"))
        .expect("names a sample");
    let out = certinfo()
        .arg("show")
        .arg(root().join(path))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{first}");
    // The test command is the script .ci/run runs.
    let test = readme
        .lines()
        .take(6)
        .find_map(|l| {
            l.split_whitespace()
                .next()
                .filter(|w| w.starts_with("scripts/"))
        })
        .expect("a scripts/ test command in the README's first lines");
    assert!(root().join(test).is_file(), "{test}");
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.trim() == test), ".ci/run runs {test}");
}

/// `man --dir DIR` writes the top page and one per command; each has EXIT
/// STATUS and ENVIRONMENT, and every page the top one names exists.
#[test]
fn man_pages_for_every_command() {
    let dir = std::env::temp_dir().join(format!("certinfo-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = certinfo()
        .args(["man", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let want = [
        "certinfo-check.1",
        "certinfo-completions.1",
        "certinfo-inspect.1",
        "certinfo-list.1",
        "certinfo-man.1",
        "certinfo-show.1",
        "certinfo.1",
    ];
    assert_eq!(names, want);
    for n in &names {
        let page = std::fs::read_to_string(dir.join(n)).unwrap();
        for section in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            "SSL_CERT_FILE",
            "SOURCE_DATE_EPOCH",
            "NO_COLOR",
        ] {
            assert!(page.contains(section), "{n}: {section}");
        }
    }
    let top = std::fs::read_to_string(dir.join("certinfo.1")).unwrap();
    for n in &names[..names.len() - 1] {
        let reference = format!("{}(1)", n.trim_end_matches(".1").replace('-', "\\-"));
        assert!(top.contains(&reference), "the top page names {reference}");
    }
    assert!(!top.contains("certinfo\\-help(1)"));
    let check = std::fs::read_to_string(dir.join("certinfo-check.1")).unwrap();
    assert!(check.contains("\\-\\-trust") && check.contains("Judge every certificate"));
    let _ = std::fs::remove_dir_all(&dir);
}
