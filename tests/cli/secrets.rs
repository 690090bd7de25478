//! Secrets leave no trace in memory (issue 14): the password, given by
//! environment variable, by file and by flag, is not found anywhere in the
//! process's memory when it exits after reading a keystore — heap, anonymous
//! mappings, thread stacks and the main stack, all but the original argv and
//! environment the kernel placed there (`scripts/memscan.py`). The process
//! is stopped at its `exit_group` by gdb, which reads its memory; a positive
//! control (the input's file name, which is not wiped) shows the scan sees
//! what is there. Before the secrets were wiped, the same scan found the
//! password two or three times in UTF-8 and once in each UTF-16 order.

use crate::util::sample;

/// How the password is given, the arguments, and the environment variable.
type Case<'a> = (&'a str, Vec<&'a str>, Option<(&'a str, &'a str)>);

const SECRET: &str = "probe-7Qx2-Wv9k-secret-Lm4n-Rt8p-Zc3d-Hy6w";

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The password's needles: UTF-8, UTF-16BE, UTF-16LE, each from byte 16 on
/// (the allocator writes its free-list pointers over the first 16 bytes of a
/// freed block, so a whole-password needle would miss an unwiped copy that
/// was freed; the password is long for this).
fn password_needles() -> Vec<Vec<u8>> {
    let utf16be: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf16le: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_le_bytes).collect();
    vec![
        SECRET.as_bytes()[16..].to_vec(),
        utf16be[16..].to_vec(),
        utf16le[16..].to_vec(),
    ]
}

/// The password's needles and a control: the input's file name.
fn scan(args: &[&str], env: Option<(&str, &str)>) -> Vec<usize> {
    let mut needles = password_needles();
    needles.push(b"memory-probe.p12".to_vec());
    scan_for(args, env, &needles)
}

/// The needles' counts in the memory of `certinfo ARGS` at its exit.
fn scan_for(args: &[&str], env: Option<(&str, &str)>, needles: &[Vec<u8>]) -> Vec<usize> {
    let needles = needles.iter().map(|n| hex(n)).collect::<Vec<_>>().join(",");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/scripts/memscan.py");
    let mut c = std::process::Command::new("gdb");
    c.args(["-nx", "-batch", "-ex", "set startup-with-shell off"])
        .args(["-ex", "catch syscall exit_group", "-ex", "run"])
        .args(["-ex", &format!("source {script}"), "-ex", "kill", "--args"])
        .arg(env!("CARGO_BIN_EXE_certinfo"))
        .args(args)
        .env("MEMSCAN_NEEDLES", needles);
    if let Some((k, v)) = env {
        c.env(k, v);
    }
    let out = c.output().expect("gdb runs (.ci/run installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("MEMSCAN "))
        .unwrap_or_else(|| {
            panic!(
                "no scan result:\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let core = stdout.lines().find_map(|l| l.strip_prefix("CORELIMIT "));
    // Core dumps are off for the whole run (soft and hard limit 0).
    assert_eq!(core, Some("0 0"), "core dump limit: {stdout}");
    line.split(' ').map(|n| n.parse().unwrap()).collect()
}

#[test]
fn the_password_is_not_in_memory_at_exit() {
    if !crate::util::tool("gdb", crate::util::runs("gdb"), "apt-get install -y gdb") {
        return;
    }
    let p12 = sample("keystores/openssl/memory-probe.p12");
    let p12 = p12.to_str().unwrap();
    let dir = std::env::temp_dir().join(format!("certinfo-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pw.txt");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let file = file.to_str().unwrap();
    let flag_eq = format!("--password={SECRET}");
    let cases: [Case; 4] = [
        (
            "env",
            vec!["show", "--password-env", "PROBE_PW", p12],
            Some(("PROBE_PW", SECRET)),
        ),
        ("file", vec!["show", "--password-file", file, p12], None),
        ("flag", vec!["show", "--password", SECRET, p12], None),
        ("flag=", vec!["list", "-f", "json", &flag_eq, p12], None),
    ];
    for (how, args, env) in &cases {
        let counts = scan(args, *env);
        assert!(
            counts[3] > 0,
            "{how}: the scan found no control: {counts:?}"
        );
        assert_eq!(
            &counts[..3],
            &[0, 0, 0],
            "{how}: the password is in memory (UTF-8, UTF-16BE, UTF-16LE)"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client certificate's key (issue 16) is decrypted into one wiped buffer:
/// neither the password nor the key's 32-byte Ed25519 seed (which ring does
/// not keep: it stores the expanded key) is in memory at exit, whether the
/// key comes from a PKCS#12 file or an encrypted PEM key. The control is the
/// certificate's signature, which certinfo keeps to send.
#[test]
fn a_client_key_is_not_in_memory_at_exit() {
    if !crate::util::tool("gdb", crate::util::runs("gdb"), "apt-get install -y gdb") {
        return;
    }
    use rustls::pki_types::pem::PemObject;
    let pem = sample("remote/self-signed.pem");
    let key = rustls::pki_types::PrivateKeyDer::from_pem_file(&pem).unwrap();
    let seed = key.secret_der()[16..48].to_vec();
    let cert = rustls::pki_types::CertificateDer::from_pem_file(&pem).unwrap();
    let signature = cert[cert.len() - 32..].to_vec();
    let mut needles = password_needles();
    needles.extend([seed, signature]);
    let p12 = sample("remote/client/memory-probe.p12");
    let key_pem = sample("remote/client/memory-probe-key.pem");
    let (p12, key_pem, pem) = (
        p12.to_str().unwrap(),
        key_pem.to_str().unwrap(),
        pem.to_str().unwrap(),
    );
    let env = Some(("PROBE_PW", SECRET));
    let cases: [(&str, Vec<&str>); 2] = [
        (
            "pkcs12",
            vec![
                "list",
                "--password-env",
                "PROBE_PW",
                "--client-cert",
                p12,
                "127.0.0.1:1",
            ],
        ),
        (
            "pem",
            vec![
                "list",
                "--password-env",
                "PROBE_PW",
                "--client-cert",
                pem,
                "--client-key",
                key_pem,
                "127.0.0.1:1",
            ],
        ),
    ];
    for (how, args) in &cases {
        let counts = scan_for(args, env, &needles);
        assert!(
            counts[4] > 0,
            "{how}: the scan found no control: {counts:?}"
        );
        assert_eq!(
            &counts[..4],
            &[0, 0, 0, 0],
            "{how}: the password (UTF-8, UTF-16BE, UTF-16LE) or the key is in memory"
        );
    }
}
