//! Client certificates (`--client-cert`, `--client-key`) in every shape real
//! tools write them, offered to fixture TLS servers on loopback that demand
//! one; the fixtures are made by samples/remote/client/make.sh.

use crate::util::{certinfo, sample};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::TcpListener;
use std::sync::{mpsc, Arc};
use std::thread;

const SERVER: &str = "pem/containers/pkcs8-key-then-chain.pem";

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn path(rel: &str) -> String {
    sample(&format!("remote/client/{rel}"))
        .to_str()
        .unwrap()
        .to_string()
}

/// A server for one connection that demands a client certificate issued by
/// the (self-signed) certificate in `client_pem`; says whether the handshake
/// completed with a client certificate.
fn demanding(
    client_pem: &str,
    version: &'static rustls::SupportedProtocolVersion,
) -> (String, mpsc::Receiver<bool>) {
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_file_iter(client_pem).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let verifier =
        rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
            .build()
            .unwrap();
    let chain = CertificateDer::pem_file_iter(sample(SERVER))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[version])
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, PrivateKeyDer::from_pem_file(sample(SERVER)).unwrap())
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let Ok((mut s, _)) = listener.accept() else {
            return;
        };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(10)));
        let mut conn = rustls::ServerConnection::new(Arc::new(config)).unwrap();
        let mut ok = true;
        while conn.is_handshaking() && ok {
            ok = conn.complete_io(&mut s).is_ok();
        }
        let _ = tx.send(ok && conn.peer_certificates().is_some_and(|c| !c.is_empty()));
        conn.send_close_notify();
        let _ = conn.complete_io(&mut s);
    });
    (addr, rx)
}

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let out = certinfo()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_client_identity_shape_is_offered_and_accepted() {
    let ed = sample("remote/self-signed.pem")
        .to_str()
        .unwrap()
        .to_string();
    let cases: Vec<(String, Option<String>, String)> = vec![
        (ed.clone(), Some(ed.clone()), ed.clone()),
        (ed.clone(), None, ed.clone()),
        (path("ed25519.p12"), None, ed.clone()),
        (path("ed25519-3des.p12"), None, ed.clone()),
        (path("ed25519-keytool.p12"), None, ed.clone()),
        (ed.clone(), Some(path("ed25519-key-aes.pem")), ed.clone()),
        (ed.clone(), Some(path("ed25519-key-3des.der")), ed.clone()),
        (path("ed25519-bundle.pem"), None, ed.clone()),
        (
            path("ec.pem"),
            Some(path("ec-key-legacy.pem")),
            path("ec.pem"),
        ),
        (
            path("rsa.pem"),
            Some(path("rsa-key-legacy.pem")),
            path("rsa.pem"),
        ),
        (path("rsa.pem"), Some(path("rsa-key.der")), path("rsa.pem")),
    ];
    let password = path("password");
    for (cert, key, root) in &cases {
        for version in [&rustls::version::TLS12, &rustls::version::TLS13] {
            let (addr, seen) = demanding(root, version);
            let mut args = vec![
                "list",
                "-v",
                "--password-file",
                &password,
                "--client-cert",
                cert,
            ];
            if let Some(k) = key {
                args.extend(["--client-key", k]);
            }
            args.push(&addr);
            let (code, stderr) = run(&args, &[]);
            let case = format!("{cert} {key:?} {version:?}");
            assert_eq!(code, 0, "{case}: {stderr}");
            assert!(!stderr.contains("warning"), "{case}: {stderr}");
            assert!(stderr.contains("; --client-cert sent"), "{case}: {stderr}");
            assert!(
                seen.recv().unwrap(),
                "{case}: the server saw no client certificate"
            );
        }
    }
}

/// Environment variables for one run.
type Env<'a> = &'a [(&'a str, &'a str)];

#[test]
fn client_identity_errors_name_the_file_and_the_way_out() {
    let ed = sample("remote/self-signed.pem")
        .to_str()
        .unwrap()
        .to_string();
    let ec_key = sample("pem/keys/ec-p256.pem").to_str().unwrap().to_string();
    let rsa_key = path("rsa-key.der");
    let p12 = path("ed25519.p12");
    let aes = path("ed25519-key-aes.pem");
    let legacy = path("rsa-key-legacy.pem");
    let ec = path("ec.pem");
    let jks = path("ed25519.jks");
    let wrong = [("PW", "not-the-password")];
    let cases: Vec<(Vec<&str>, Env, i32, String)> = vec![
        (
            vec!["--client-cert", &p12],
            &[],
            4,
            format!("--client-cert {p12}: PKCS#12: a password is required"),
        ),
        (
            vec!["--password-env", "PW", "--client-cert", &p12],
            &wrong,
            4,
            format!("--client-cert {p12}: PKCS#12: wrong password"),
        ),
        (
            vec!["--client-cert", &ed, "--client-key", &aes],
            &[],
            4,
            format!("--client-key {aes}: PEM: a password is required"),
        ),
        (
            vec![
                "--password-env",
                "PW",
                "--client-cert",
                &ed,
                "--client-key",
                &aes,
            ],
            &wrong,
            4,
            format!("--client-key {aes}: PEM: wrong password"),
        ),
        (
            vec![
                "--password-env",
                "PW",
                "--client-cert",
                &ed,
                "--client-key",
                &legacy,
            ],
            &wrong,
            4,
            format!("--client-key {legacy}: PEM: wrong password"),
        ),
        (
            vec!["--client-cert", &ed, "--client-key", &rsa_key],
            &[],
            3,
            format!(
                "--client-key {rsa_key}: the private key does not belong to the first certificate"
            ),
        ),
        (
            vec!["--client-cert", &ec_key],
            &[],
            3,
            format!("--client-cert {ec_key}: "),
        ),
        (
            vec!["--client-cert", &p12, "--client-key", &ed],
            &[],
            3,
            "(leave out --client-key)".to_string(),
        ),
        (
            vec!["--client-cert", &ec],
            &[],
            3,
            "no private key in it (give the key with --client-key FILE)".to_string(),
        ),
        (
            vec!["--client-cert", &jks],
            &[],
            3,
            "keytool -importkeystore".to_string(),
        ),
    ];
    for (args, env, want_code, want) in cases {
        let mut args = args;
        args.extend(["list", "127.0.0.1:1"]);
        args.rotate_right(2);
        let (code, stderr) = run(&args, env);
        assert_eq!(code, want_code, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&want),
            "{args:?}: wanted {want:?} in {stderr}"
        );
        assert!(
            !stderr.contains("not-the-password") && !stderr.contains("changeit"),
            "{stderr}"
        );
    }
}
