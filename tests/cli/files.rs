//! `--output FILE` (issue 19): written beside FILE and renamed over it, so
//! FILE is the old one or the whole new one, even when the run is killed
//! midway; `--files-from FILE|-` with `-0`.

use crate::util::{certinfo, sample};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The binary as a `std::process::Command`, for tests that hold its stdin
/// open (the environment cleaned as `util::certinfo` cleans it).
fn spawnable() -> std::process::Command {
    let bin =
        std::env::var_os("CERTINFO_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_certinfo").into());
    let mut c = std::process::Command::new(bin);
    c.env_clear().env("TZ", "UTC");
    c
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certinfo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The `.certinfo-*.tmp` files in `dir`.
fn temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".certinfo-")
        })
        .collect()
}

/// The document goes to the file, nothing to stdout, the exit code is the
/// run's; a file already there keeps its permissions, a new one is 0644.
#[test]
fn output_writes_the_file_and_keeps_the_exit_code() {
    let dir = scratch("output");
    let report = dir.join("report.json");
    std::fs::write(&report, "old\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = certinfo()
        .args(["list", "-f", "json", "--output"])
        .arg(&report)
        .arg(sample("html/mixed.pem"))
        .arg(sample("nope.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(doc["certificates"].as_array().map(Vec::len), Some(4));
    assert!(temps(&dir).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&report), 0o640);
        let fresh = dir.join("new.txt");
        let out = certinfo()
            .args(["-o", fresh.to_str().unwrap(), "show"])
            .arg(sample("html/mixed.pem"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(mode(&fresh), 0o644);
    }
    // A run that stops before its document (a usage error) leaves the file.
    let out = certinfo()
        .args(["list", "--no-headers", "-f", "json", "-o"])
        .arg(&report)
        .arg(sample("html/mixed.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .starts_with("{\"certificates\""));
    // A directory that cannot be written to is said, exit 3.
    let out = certinfo()
        .args(["list", "-o", "/proc/certinfo-cannot/x.json"])
        .arg(sample("html/mixed.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--output /proc/certinfo-cannot/x.json: cannot write there"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Killed midway — records already streamed into the temporary file — the
/// run leaves the old file untouched; the same run to its end replaces it.
#[test]
fn a_run_killed_midway_leaves_the_old_file() {
    let dir = scratch("killed");
    let report = dir.join("report.json");
    std::fs::write(&report, "old\n").unwrap();
    let one = std::fs::read(sample("check/good-leaf.pem")).unwrap();
    // Over the 4 MiB at which standard input is read in chunks and streamed.
    let bundle: Vec<u8> = one.iter().copied().cycle().take(one.len() * 8000).collect();
    let run = || {
        spawnable()
            .args(["list", "-f", "json", "-o"])
            .arg(&report)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut child = run();
    let mut stdin = child.stdin.take().unwrap();
    // A slow producer: the bundle, then more of it a piece at a time, as
    // long as the run reads (it ends with a broken pipe once killed).
    let feed = bundle.clone();
    let piece: Vec<u8> = one.iter().copied().cycle().take(one.len() * 700).collect();
    let producer = std::thread::spawn(move || {
        if stdin.write_all(&feed).is_err() {
            return;
        }
        for _ in 0..600 {
            if stdin.write_all(&piece).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    // Wait until part of the document is in the temporary file.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let written = temps(&dir)
            .iter()
            .any(|t| std::fs::metadata(t).is_ok_and(|m| m.len() > 0));
        if written {
            break;
        }
        assert!(Instant::now() < deadline, "nothing was written within 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    producer.join().unwrap();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old\n");
    for t in temps(&dir) {
        std::fs::remove_file(t).unwrap();
    }
    let mut child = run();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&bundle).unwrap();
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(doc["certificates"].as_array().map(Vec::len), Some(8000));
    assert!(temps(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--files-from`: a line per path, or NUL-separated with `-0` (a name with a
/// line feed in it survives); standard input once only.
#[test]
fn files_from_reads_paths_from_a_list() {
    let dir = scratch("files-from");
    let odd = dir.join("a\nb.pem");
    std::fs::copy(sample("check/expired.pem"), &odd).unwrap();
    let names = |args: &[&str], stdin: &[u8]| {
        let mut child = spawnable()
            .args(["list", "-f", "json"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let names: Vec<String> = doc["certificates"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        (
            out.status.code(),
            names,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let good = sample("check/good-leaf.pem").display().to_string();
    let list = format!("{good}\r\n\n{}\n", sample("check/expired.pem").display());
    let (code, got, err) = names(&["--files-from", "-"], list.as_bytes());
    assert_eq!(
        (code, got),
        (Some(0), vec!["good-leaf".into(), "expired".into()]),
        "{err}"
    );
    let mut nul = good.clone().into_bytes();
    nul.push(0);
    nul.extend_from_slice(odd.to_str().unwrap().as_bytes());
    nul.push(0);
    let (code, got, err) = names(&["--files-from", "-", "-0"], &nul);
    assert_eq!(
        (code, got),
        (Some(0), vec!["good-leaf".into(), "a\nb".into()]),
        "{err}"
    );
    // Beside arguments, after them; from a file.
    let file = dir.join("list.txt");
    std::fs::write(&file, format!("{good}\n")).unwrap();
    let expired = sample("check/expired.pem").display().to_string();
    let (_, got, _) = names(&[&expired, "--files-from", file.to_str().unwrap()], b"");
    assert_eq!(got, ["expired", "good-leaf"]);
    // Standard input cannot be both the list and an input.
    let (code, _, err) = names(&["--files-from", "-", "-"], b"");
    assert_eq!(code, Some(2));
    assert!(err.contains("standard input can be read once"), "{err}");
    let (code, _, err) = names(&["--files-from", "/nonexistent/list"], b"");
    assert_eq!(code, Some(3));
    assert!(
        err.contains("--files-from /nonexistent/list: cannot read it"),
        "{err}"
    );
    let (code, _, _) = names(&["-0", &good], b"");
    assert_eq!(code, Some(2), "-0 needs --files-from");
    let _ = std::fs::remove_dir_all(&dir);
}
