//! Large PEM bundles are read in chunks by a parallel pipeline, by path and
//! on standard input; its output must be exactly what the whole-file path
//! gives. The whole-file path is reached on standard input by a first line
//! that names a key marker (`whole`): the chunking decision sees a possible
//! key and reads the input whole, while the PEM reader ignores the line.

use crate::util::{certinfo, sample};

fn big_bundle(name: &str, copies: usize, extra: &[u8]) -> std::path::PathBuf {
    let roots = std::fs::read(sample("roots/ca-certificates.crt")).unwrap();
    let dir = std::env::temp_dir().join(format!("certinfo-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut data = Vec::with_capacity(roots.len() * copies + extra.len());
    for i in 0..copies {
        data.extend_from_slice(&roots);
        if i == copies / 2 {
            data.extend_from_slice(extra);
        }
    }
    std::fs::write(&path, data).unwrap();
    path
}

fn run(args: &[&str], file: &std::path::Path, via_stdin: bool) -> (i32, String, String) {
    let mut c = certinfo();
    c.args(args);
    if via_stdin {
        c.arg("-").write_stdin(std::fs::read(file).unwrap());
    } else {
        c.arg(file);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `run` on standard input read whole (see the module comment).
fn whole(args: &[&str], file: &std::path::Path) -> (i32, String, String) {
    let mut bytes = b"# no PRIVATE KEY----- here\n".to_vec();
    bytes.extend(std::fs::read(file).unwrap());
    let out = certinfo()
        .args(args)
        .arg("-")
        .write_stdin(bytes)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn chunked_output_equals_whole_file_output() {
    // ~5.5 MB: over the 4 MiB chunking threshold.
    let f = big_bundle("bundle.pem", 25, b"");
    for args in [
        &["list", "-f", "json"][..],
        &["list", "-f", "pjson"][..],
        &["show", "-f", "json"][..],
        &["show", "-f", "text"][..],
    ] {
        let (code, chunked, err) = run(args, &f, false);
        assert_eq!(code, 0, "{err}");
        let (_, whole, _) = whole(args, &f);
        assert_eq!(chunked, whole.replace("stdin-", "bundle-"), "{args:?}");
        let (_, streamed, _) = run(args, &f, true);
        assert_eq!(streamed, whole, "{args:?}: standard input in chunks");
        assert!(
            chunked.contains("bundle-3500"),
            "{args:?}: numbering runs across chunks"
        );
    }
}

#[test]
fn a_broken_block_in_a_chunk_is_reported_with_its_file_wide_number() {
    let broken = b"-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n";
    let f = big_bundle("broken.pem", 25, broken);
    let (code, chunked, err) = run(&["list", "-f", "json"], &f, false);
    let (wcode, whole, werr) = whole(&["list", "-f", "json"], &f);
    assert_eq!((code, wcode), (3, 3));
    assert_eq!(chunked, whole.replace("stdin-", "broken-"));
    let msg = |e: &str| {
        e.lines()
            .find(|l| l.contains("bad base64"))
            .map(|l| l.split_once(": ").unwrap().1.to_string())
    };
    assert!(msg(&err).is_some(), "{err}");
    assert_eq!(
        msg(&err).map(|m| m.split_once(": ").unwrap().1.to_string()),
        msg(&werr).map(|m| m.split_once(": ").unwrap().1.to_string())
    );
}

#[test]
fn a_large_file_with_one_certificate_keeps_the_plain_alias() {
    let dir = std::env::temp_dir().join(format!("certinfo-stream1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("padded.pem");
    let mut data = vec![b'#'; 100];
    data.push(b'\n');
    let line = [b"comment line, not PEM ".repeat(3), b"\n".to_vec()].concat();
    while data.len() < 5 << 20 {
        data.extend_from_slice(&line);
    }
    data.extend_from_slice(&std::fs::read(sample("pem/keys/rsa-2048.pem")).unwrap());
    data.extend_from_slice(&line.repeat(1000));
    std::fs::write(&path, data).unwrap();
    let (code, out, err) = run(&["show", "-f", "json"], &path, false);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["Alias name"], "padded");
}

/// A private key anywhere in a large PEM file makes it be read whole (keys
/// pair with certificates across the file), on standard input only when it is
/// in the first 4 MiB: at the start, at the end, and
/// with its BEGIN line across the middle, where the pre-scan splits the file
/// between two cores.
#[test]
fn a_large_file_with_a_key_is_read_whole_wherever_the_key_is() {
    let roots = std::fs::read(sample("roots/ca-certificates.crt")).unwrap();
    let key = std::fs::read(sample("pem/containers/pkcs8-key-then-chain.pem")).unwrap();
    let marker = b"PRIVATE KEY-----";
    let in_key = key.windows(marker.len()).position(|w| w == marker).unwrap();
    let dir = std::env::temp_dir().join(format!("certinfo-streamkey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut prefix = Vec::new();
    while prefix.len() < 5 << 20 {
        prefix.extend_from_slice(&roots);
    }
    for (name, at) in [
        ("start", 0),
        ("middle", prefix.len()),
        ("end", 2 * prefix.len()),
    ] {
        let mut data = prefix.repeat(2);
        data.splice(at..at, key.iter().copied());
        if name == "middle" {
            // Pad one end so that half the file falls inside the marker.
            let (m, pad_front) = if 2 * (at + in_key) + marker.len() > data.len() {
                (at + in_key, false)
            } else {
                (0, true)
            };
            if pad_front {
                let pad = data.len() - 2 * (at + in_key) - marker.len();
                let mut front = vec![b'#'; pad.saturating_sub(1)];
                front.push(b'\n');
                data.splice(0..0, front);
            } else {
                let pad = 2 * (m + marker.len() / 2) - data.len();
                data.extend(std::iter::repeat_n(b'#', pad.saturating_sub(1)));
                data.push(b'\n');
            }
            let m = data
                .windows(marker.len())
                .position(|w| w == marker)
                .unwrap();
            let half = data.len().div_ceil(2);
            assert!(m < half && half < m + marker.len(), "{m} {half}");
        }
        let path = dir.join(format!("{name}.pem"));
        std::fs::write(&path, &data).unwrap();
        let (code, out, err) = run(&["show", "-f", "json"], &path, false);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("\"PrivateKeyEntry\""), "{name}: no key entry");
        let (code, whole, err) = run(&["show", "-f", "json"], &path, true);
        if name != "start" {
            // Standard input streams once its first 4 MiB show no key: a
            // key further on cannot be paired with every certificate, and
            // certinfo says so instead of guessing.
            assert_eq!(code, 3, "{name}: {err}");
            assert!(err.contains("pass the file by path"), "{name}: {err}");
            continue;
        }
        let alias = |s: &str, stem: &str| {
            s.replace(&format!("\"Alias name\":\"{stem}"), "\"Alias name\":\"")
        };
        assert!(
            alias(&out, name) == alias(&whole, "stdin"),
            "{name}: the file and stdin paths differ"
        );
    }
}

/// A certificate that cannot be modelled, in a chunk far into the file, is
/// numbered as an entry of the whole file, as the same bytes on stdin are.
#[test]
fn a_bad_certificate_in_a_chunk_has_its_file_wide_entry_number() {
    let bad = b"-----BEGIN CERTIFICATE-----\nMIIBAAAAAAAAAAAA\n-----END CERTIFICATE-----\n";
    let f = big_bundle("badcert.pem", 25, bad);
    let (code, _, err) = run(&["list", "-f", "json"], &f, false);
    let (wcode, _, werr) = whole(&["list", "-f", "json"], &f);
    assert_eq!((code, wcode), (3, 3));
    let entry = |e: &str| {
        e.lines()
            .find(|l| l.contains("not a valid X.509 certificate"))
            .and_then(|l| l.split_once("PEM: ").map(|(_, m)| m.to_string()))
    };
    assert!(entry(&err).is_some(), "{err}");
    assert_eq!(entry(&err), entry(&werr), "chunked:\n{err}\nwhole:\n{werr}");
}
