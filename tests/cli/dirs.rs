//! Directories as users have them (issue 18), from samples/dirs/make.sh: a
//! Let's Encrypt `live/` folder of symlinks, a hash-linked store, a link to
//! a directory, a symlink loop, and a FIFO made here.

use crate::util::{certinfo, sample};
use serde_json::Value;

/// `list -f json ARGS`: (exit, record names, stderr).
fn list(args: &[&str]) -> (i32, Vec<String>, String) {
    let out = certinfo()
        .args(["list", "-f", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let names = doc["certificates"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["name"].as_str().unwrap_or("").to_string())
        .collect();
    (
        out.status.code().unwrap_or(-1),
        names,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn d(rel: &str) -> String {
    sample(&format!("dirs/{rel}")).to_str().unwrap().to_string()
}

#[test]
fn a_lets_encrypt_live_folder_is_read_through_its_symlinks() {
    let (code, names, stderr) = list(&[&d("live")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        names,
        ["cert", "chain", "fullchain-1", "fullchain-2"],
        "{stderr}"
    );
    // privkey.pem is passed over with one note, not an error.
    let notes: Vec<&str> = stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(
        notes[0].ends_with("privkey.pem: passed over: a private key, no certificate"),
        "{stderr}"
    );
    // Given by name, the same file is an error that says what it is.
    let (code, names, stderr) = list(&[&d("live/example.com/privkey.pem")]);
    assert_eq!((code, names.len()), (3, 0));
    assert!(
        stderr.contains("PEM: a private key, no certificate"),
        "{stderr}"
    );
}

#[test]
fn a_file_reached_twice_is_read_once_by_its_real_name() {
    let (code, names, stderr) = list(&[&d("hashed")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names, ["root"], "the hash link is the same file");
    // live/ and archive/ hold the same files: each is read once, by its real path.
    let (code, names, _) = list(&[&d(".")]);
    assert_eq!(code, 0);
    for n in ["cert1", "chain1", "fullchain1-1", "root"] {
        assert_eq!(
            names.iter().filter(|x| *x == n).count(),
            1,
            "{n} in {names:?}"
        );
    }
    // linked/ and loop/ hold copies: two files, two records.
    assert_eq!(
        names.iter().filter(|x| *x == "leaf").count(),
        2,
        "{names:?}"
    );
    assert!(!names.contains(&"cert".to_string()), "{names:?}");
}

#[test]
fn links_to_directories_only_with_follow_and_loops_end() {
    let (code, names, _) = list(&[&d("linked")]);
    assert_eq!(
        (code, names.clone()),
        (0, vec!["leaf".to_string()]),
        "not followed"
    );
    let (code, names, _) = list(&["-L", &d("linked")]);
    assert_eq!(code, 0);
    assert!(
        names.contains(&"cert1".to_string()) && names.contains(&"leaf".to_string()),
        "{names:?}"
    );
    for args in [&[d("loop")][..], &["--follow".to_string(), d("loop")][..]] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, names, stderr) = list(&a);
        assert_eq!(
            (code, names),
            (0, vec!["leaf".to_string()]),
            "{a:?}: {stderr}"
        );
    }
    // A link given on the command line is always followed.
    let (code, names, _) = list(&[&d("linked/archive")]);
    assert_eq!(code, 0);
    assert!(names.contains(&"cert1".to_string()), "{names:?}");
}

#[test]
fn a_fifo_in_a_directory_is_passed_over_not_opened() {
    let dir = std::env::temp_dir().join(format!("certinfo-dirs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(sample("dirs/loop/leaf.pem"), dir.join("leaf.pem")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo did not work here");
        return;
    }
    let (code, names, stderr) = list(&[dir.to_str().unwrap()]);
    assert_eq!((code, names), (0, vec!["leaf".to_string()]), "{stderr}");
    assert!(
        stderr.contains("pipe: passed over: a named pipe"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
