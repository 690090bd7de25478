//! Remote targets against fixture TLS servers the tests start on loopback
//! (`127.0.0.1:0`, `[::1]:0`), never any other address.

use crate::util::{certinfo, sample};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{mpsc, Arc};
use std::thread;

/// The key and chain (leaf, intermediate, root) the servers present.
const CHAIN: &str = "pem/containers/pkcs8-key-then-chain.pem";

fn chain() -> Vec<CertificateDer<'static>> {
    CertificateDer::pem_file_iter(sample(CHAIN))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn config(versions: &[&'static rustls::SupportedProtocolVersion]) -> rustls::ServerConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::from_pem_file(sample(CHAIN)).unwrap();
    rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain(), key)
        .unwrap()
}

/// A TLS server on `addr` for `n` connections; sends each SNI received (or
/// "" for none) on the channel.
fn tls_server(
    addr: &str,
    versions: &[&'static rustls::SupportedProtocolVersion],
    n: usize,
) -> Option<(SocketAddr, mpsc::Receiver<String>)> {
    let listener = TcpListener::bind(addr).ok()?;
    let local = listener.local_addr().unwrap();
    let config = Arc::new(config(versions));
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming().take(n).flatten() {
            let mut conn = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
            let mut stream = stream;
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            while conn.is_handshaking() {
                if conn.complete_io(&mut stream).is_err() {
                    break;
                }
            }
            let _ = tx.send(conn.server_name().unwrap_or("").to_string());
            conn.send_close_notify();
            let _ = conn.complete_io(&mut stream);
        }
    });
    Some((local, rx))
}

/// A server that accepts and then does `what` with the connection.
fn raw_server(what: fn(std::net::TcpStream)) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap();
    thread::spawn(move || {
        if let Some(Ok(s)) = listener.incoming().next() {
            what(s);
        }
    });
    local
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = certinfo().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The records without the alias (`name` / `Alias name`).
fn without_alias(json: &str) -> Vec<serde_json::Value> {
    // `list -f json` is one document, `show -f json` one record per line.
    let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(json)
        .into_iter::<serde_json::Value>()
        .map(Result::unwrap)
        .collect();
    let records = match docs.first().and_then(|d| d.get("certificates")) {
        Some(c) => c.as_array().unwrap().clone(),
        None => docs,
    };
    records
        .into_iter()
        .map(|mut r| {
            let o = r.as_object_mut().unwrap();
            o.remove("name");
            o.remove("Alias name");
            o.remove("id");
            r
        })
        .collect()
}

#[test]
fn a_served_chain_gives_the_records_of_the_same_pem_file() {
    let (addr, _) = tls_server("127.0.0.1:0", rustls::ALL_VERSIONS, 2).unwrap();
    let target = addr.to_string();
    // The same certificates, without the key, as a PEM bundle.
    let dir = std::env::temp_dir().join(format!("certinfo-remote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pem: String = std::fs::read_to_string(sample(CHAIN))
        .unwrap()
        .split("-----BEGIN ")
        .filter(|b| b.starts_with("CERTIFICATE"))
        .map(|b| format!("-----BEGIN {b}"))
        .collect();
    let file = dir.join("chain.pem");
    std::fs::write(&file, pem).unwrap();
    let file = file.to_str().unwrap();
    for (cmd, fmt) in [("list", "json"), ("show", "json")] {
        let (code, remote, stderr) = run(&[cmd, "-f", fmt, &target]);
        assert_eq!(code, 0, "{stderr}");
        let (_, local, _) = run(&[cmd, "-f", fmt, file]);
        assert_eq!(without_alias(&remote), without_alias(&local), "{cmd}");
        assert_eq!(without_alias(&remote).len(), 3);
        if cmd == "list" {
            let names: Vec<String> = serde_json::from_str::<serde_json::Value>(&remote).unwrap()
                ["certificates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(names, [1, 2, 3].map(|n| format!("{target}-{n}")));
        }
    }
}

#[test]
fn tls_1_2_and_1_3_and_the_session_on_stderr() {
    for (version, name) in [
        (&rustls::version::TLS12, "TLSv1.2 TLS_ECDHE_RSA_WITH_"),
        (&rustls::version::TLS13, "TLSv1.3 TLS_AES_"),
    ] {
        let (addr, sni) = tls_server("127.0.0.1:0", &[version], 1).unwrap();
        let (code, _, stderr) = run(&[
            "list",
            "-v",
            "--servername",
            "gis.example.com",
            &addr.to_string(),
        ]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(stderr.contains(", group x25519, "), "{stderr}");
        assert!(
            stderr.contains("stapled OCSP response: no; client certificate requested: no"),
            "{stderr}"
        );
        assert!(
            stderr.contains("SNI gis.example.com, 3 certificate(s)"),
            "{stderr}"
        );
        assert_eq!(sni.recv().unwrap(), "gis.example.com");
    }
}

#[test]
fn ipv6_literals_and_no_sni() {
    let Some((addr, sni)) = tls_server("[::1]:0", rustls::ALL_VERSIONS, 2) else {
        eprintln!("no IPv6 loopback here: skipped");
        return;
    };
    let target = format!("[::1]:{}", addr.port());
    let (code, out, stderr) = run(&["list", "-f", "json", "-6", &target]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains(&format!("\"name\":\"{target}-1\"")), "{out}");
    // An address is never sent as SNI.
    assert_eq!(sni.recv().unwrap(), "");
    let url = format!("https://[::1]:{}/path?q", addr.port());
    let (code, _, stderr) = run(&["list", "--no-sni", "-v", &url]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("SNI none"), "{stderr}");
}

#[test]
fn a_silent_server_ends_in_the_timeout_that_names_its_option() {
    let addr = raw_server(|s| {
        thread::sleep(std::time::Duration::from_secs(4));
        drop(s);
    });
    let started = std::time::Instant::now();
    let (code, _, stderr) = run(&["list", "--timeout", "1", &addr.to_string()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("handshake: no answer within 1s (raise --timeout)"),
        "{stderr}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
}

#[test]
fn garbage_a_closed_port_and_too_many_bytes_are_errors_of_their_input() {
    let garbage = raw_server(|mut s| {
        let mut b = [0u8; 512];
        let _ = s.read(&mut b);
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\nthis is no TLS server\r\n");
    });
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (big, _) = tls_server("127.0.0.1:0", rustls::ALL_VERSIONS, 1).unwrap();
    let good = sample("pem/keys/ec-p256.pem");
    let (code, out, stderr) = run(&[
        "list",
        "-f",
        "json",
        &garbage.to_string(),
        &closed.to_string(),
        "gopher://mail.example.com",
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(&format!("{garbage}: handshake: ")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{closed}: connect: ")), "{stderr}");
    assert!(stderr.contains("gopher://"), "{stderr}");
    assert!(out.contains("CN=ec-p256"), "the file is still shown: {out}");
    // A 1 KiB budget is less than the served chain.
    let (code, _, stderr) = run(&["list", "--max-handshake-kib", "1", &big.to_string()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("--max-handshake-kib"), "{stderr}");
}

#[test]
fn an_existing_file_wins_over_a_target_unless_remote_is_given() {
    let dir = std::env::temp_dir().join(format!("certinfo-remote-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(sample("pem/keys/ec-p256.pem"), dir.join("localhost:1")).unwrap();
    let out = certinfo()
        .current_dir(&dir)
        .args(["list", "-f", "json", "localhost:1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = certinfo()
        .current_dir(&dir)
        .args(["list", "--remote", "-4", "localhost:1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("localhost:1: connect: "), "{stderr}");
}

#[test]
fn check_judges_a_server_for_its_own_host_unless_host_names_another() {
    let (addr, _) = tls_server("127.0.0.1:0", rustls::ALL_VERSIONS, 4).unwrap();
    let target = addr.to_string();
    // The leaf is for server.example.com and www.example.com, not 127.0.0.1.
    let (code, out, stderr) = run(&["check", &target]);
    assert_eq!(code, 1, "{out}{stderr}");
    assert!(
        out.contains("host-mismatch") && out.contains("127.0.0.1"),
        "{out}"
    );
    let (code, out, stderr) = run(&["check", "--host", "www.example.com", &target]);
    assert_eq!(code, 0, "{out}{stderr}");
    // The one-line gate (issue 17): the chain the server sent, judged
    // against a trust store; it carries its root (informational).
    let root = sample(CHAIN);
    let (code, out, stderr) = run(&[
        "check",
        "--host",
        "www.example.com",
        "--trust",
        root.to_str().unwrap(),
        &target,
    ]);
    assert_eq!(code, 0, "{out}{stderr}");
    assert!(out.contains(": root-sent: "), "{out}");
    let other = sample("trust/root.pem");
    let (code, out, _) = run(&[
        "check",
        "--host",
        "www.example.com",
        "--trust",
        other.to_str().unwrap(),
        &target,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(": untrusted: no path to a trust anchor: the chain ends at ")
            && out.contains("which is not a trust anchor"),
        "{out}"
    );
}

/// Reads one line (to LF) from the client, byte by byte.
fn read_line(s: &mut std::net::TcpStream) -> String {
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while s.read(&mut b).unwrap_or(0) == 1 {
        line.push(b[0]);
        if b[0] == b'\n' {
            break;
        }
    }
    String::from_utf8_lossy(&line).into_owned()
}

/// Reads from the client until `end` has arrived.
fn read_until(s: &mut std::net::TcpStream, end: &str) {
    let mut got = Vec::new();
    let mut b = [0u8; 1];
    while !String::from_utf8_lossy(&got).contains(end) && s.read(&mut b).unwrap_or(0) == 1 {
        got.push(b[0]);
    }
}

/// The server side of each protocol's plaintext opening; false: no TLS after it.
fn opening(proto: &str, s: &mut std::net::TcpStream) -> bool {
    let w = |s: &mut std::net::TcpStream, b: &[u8]| s.write_all(b).unwrap();
    match proto {
        "smtp" | "smtp-refuses" | "smtp-injects" => {
            w(s, b"220 mx.test ESMTP\r\n");
            assert!(read_line(s).starts_with("EHLO "));
            if proto == "smtp-refuses" {
                w(s, b"250-mx.test\r\n250 SIZE 1000\r\n");
                return false;
            }
            w(s, b"250-mx.test\r\n250-SIZE 1000\r\n250 STARTTLS\r\n");
            assert_eq!(read_line(s), "STARTTLS\r\n");
            if proto == "smtp-injects" {
                w(s, b"220 go ahead\r\n250 injected\r\n");
                return false;
            }
            w(s, b"220 go ahead\r\n");
        }
        "imap" => {
            w(s, b"* OK IMAP4rev1 ready\r\n");
            assert_eq!(read_line(s), "a1 STARTTLS\r\n");
            w(s, b"a1 OK begin TLS now\r\n");
        }
        "pop3" => {
            w(s, b"+OK POP3 ready\r\n");
            assert_eq!(read_line(s), "STLS\r\n");
            w(s, b"+OK begin TLS\r\n");
        }
        "ftp" => {
            w(s, b"220-welcome\r\n220 ready\r\n");
            assert_eq!(read_line(s), "AUTH TLS\r\n");
            w(s, b"234 AUTH TLS ok\r\n");
        }
        "ldap" => {
            let mut req = [0u8; 31];
            s.read_exact(&mut req).unwrap();
            assert_eq!(&req[9..], b"1.3.6.1.4.1.1466.20037");
            w(
                s,
                &[
                    0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04,
                    0x00,
                ],
            );
        }
        "xmpp" => {
            read_until(s, "version='1.0'>");
            w(
                s,
                b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' \
                   xmlns:stream='http://etherx.jabber.org/streams' id='1' version='1.0'>\
                   <stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>\
                   <required/></starttls></stream:features>",
            );
            read_until(s, "/>");
            w(s, b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        }
        "postgres" => {
            let mut req = [0u8; 8];
            s.read_exact(&mut req).unwrap();
            assert_eq!(req, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
            w(s, b"S");
        }
        "mysql" => {
            let mut hello = vec![10];
            hello.extend_from_slice(b"8.0.36\0");
            hello.extend_from_slice(&[1, 0, 0, 0]); // thread id
            hello.extend_from_slice(b"12345678\0"); // auth data, filler
            hello.extend_from_slice(&0xffffu16.to_le_bytes()); // capabilities, CLIENT_SSL set
            let mut packet = vec![hello.len() as u8, 0, 0, 0];
            packet.extend_from_slice(&hello);
            w(s, &packet);
            let mut req = [0u8; 36];
            s.read_exact(&mut req).unwrap();
            assert_eq!(req[..4], [32, 0, 0, 1]);
        }
        other => panic!("no opening for {other}"),
    }
    true
}

/// A server that speaks `proto`'s opening, then TLS, for one connection.
fn starttls_server(proto: &'static str) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap();
    let config = Arc::new(config(rustls::ALL_VERSIONS));
    thread::spawn(move || {
        let Some(Ok(mut s)) = listener.incoming().next() else {
            return;
        };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
        if !opening(proto, &mut s) {
            thread::sleep(std::time::Duration::from_millis(200));
            return;
        }
        let mut conn = rustls::ServerConnection::new(config).unwrap();
        while conn.is_handshaking() {
            if conn.complete_io(&mut s).is_err() {
                break;
            }
        }
        conn.send_close_notify();
        let _ = conn.complete_io(&mut s);
    });
    local
}

#[test]
fn starttls_for_every_protocol_then_the_chain() {
    for proto in [
        "smtp", "imap", "pop3", "ftp", "ldap", "xmpp", "postgres", "mysql",
    ] {
        let addr = starttls_server(proto);
        let url = format!("{proto}://{addr}");
        let (code, out, stderr) = run(&["list", "-f", "json", &url]);
        assert_eq!(code, 0, "{proto}: {stderr}");
        assert_eq!(without_alias(&out).len(), 3, "{proto}");
        // --starttls on a plain host:port does the same.
        let addr = starttls_server(proto);
        let (code, _, stderr) = run(&["list", "--starttls", proto, &addr.to_string()]);
        assert_eq!(code, 0, "{proto} (--starttls): {stderr}");
    }
}

#[test]
fn starttls_refusal_and_injection_are_refused_with_their_stage() {
    let addr = starttls_server("smtp-refuses");
    let (code, _, stderr) = run(&["list", &format!("smtp://{addr}")]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("starttls: the server did not offer STARTTLS"),
        "{stderr}"
    );
    let addr = starttls_server("smtp-injects");
    let (code, _, stderr) = run(&["list", &format!("submission://{addr}")]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("starttls: ") && stderr.contains("injection"),
        "{stderr}"
    );
}

#[test]
fn many_targets_from_a_file_in_parallel_and_in_input_order() {
    let (good, _) = tls_server("127.0.0.1:0", rustls::ALL_VERSIONS, 12).unwrap();
    let silent: Vec<SocketAddr> = (0..4)
        .map(|_| {
            raw_server(|s| {
                thread::sleep(std::time::Duration::from_secs(4));
                drop(s);
            })
        })
        .collect();
    let mut lines = vec!["# servers".to_string(), String::new()];
    for i in 0..12 {
        lines.push(good.to_string());
        if i % 3 == 0 {
            lines.push(format!("  {}  ", silent[i / 3]));
        }
    }
    let dir = std::env::temp_dir().join(format!("certinfo-targets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("targets.txt");
    std::fs::write(&list, lines.join("\n")).unwrap();
    let started = std::time::Instant::now();
    let (code, out, stderr) = run(&[
        "list",
        "-f",
        "json",
        "--jobs",
        "8",
        "--timeout",
        "1",
        "--targets",
        list.to_str().unwrap(),
    ]);
    // Four silent servers each cost a worker for a second, not the run four.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(stderr.matches("raise --timeout").count(), 4, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = doc["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // The same target twelve times, three certificates each, in order.
    assert_eq!(names.len(), 36);
    assert!(names
        .chunks(3)
        .all(|c| c[0].ends_with("-1") && c[2].ends_with("-3")));
}

fn key_and_cert(rel: &str) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
    let certs = CertificateDer::pem_file_iter(sample(rel))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (certs, PrivateKeyDer::from_pem_file(sample(rel)).unwrap())
}

/// A server for `n` connections with this config (errors of the handshake
/// ignored: some tests make it fail on purpose).
fn serve(config: rustls::ServerConfig, n: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap();
    let config = Arc::new(config);
    thread::spawn(move || {
        for mut s in listener.incoming().take(n).flatten() {
            let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let mut conn = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
            while conn.is_handshaking() {
                if conn.complete_io(&mut s).is_err() {
                    break;
                }
            }
            conn.send_close_notify();
            let _ = conn.complete_io(&mut s);
        }
    });
    local
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

#[test]
fn self_signed_and_expired_servers_are_shown_and_check_judges_them() {
    for (rel, host) in [
        ("remote/self-signed.pem", "self-signed.test"),
        ("remote/expired.pem", "expired.test"),
    ] {
        let (certs, key) = key_and_cert(rel);
        let config = rustls::ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        let addr = serve(config, 2).to_string();
        let (code, out, stderr) = run(&["list", "-f", "json", &addr]);
        assert_eq!(code, 0, "{rel}: {stderr}");
        assert!(out.contains(&format!("CN={host}")), "{out}");
        let (code, out, _) = run(&["check", "--host", host, &addr]);
        if rel.contains("expired") {
            assert_eq!(code, 1, "{out}");
            assert!(out.contains("expired"), "{out}");
        } else {
            assert_eq!(
                code, 0,
                "a self-signed server is shown and, without --trust, passes: {out}"
            );
        }
    }
}

/// The chain server, demanding a client certificate issued by `root`.
fn demanding_client_cert(
    root: CertificateDer<'static>,
    version: &'static rustls::SupportedProtocolVersion,
) -> rustls::ServerConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(root).unwrap();
    let verifier =
        rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
            .build()
            .unwrap();
    rustls::ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[version])
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            chain(),
            PrivateKeyDer::from_pem_file(sample(CHAIN)).unwrap(),
        )
        .unwrap()
}

#[test]
fn a_server_that_demands_a_client_certificate_still_shows_its_chain() {
    let root = chain().pop().unwrap();
    for version in [&rustls::version::TLS12, &rustls::version::TLS13] {
        let config = demanding_client_cert(root.clone(), version);
        let addr = serve(config, 1).to_string();
        let (code, out, stderr) = run(&["list", "-f", "json", "-v", &addr]);
        assert_eq!(code, 0, "{version:?}: {stderr}");
        assert_eq!(without_alias(&out).len(), 3, "{version:?}");
        assert!(
            stderr.contains(
                "client certificate requested: yes, issued by one of: CN=certinfo Test Root CA"
            ),
            "{stderr}"
        );
        if version == &rustls::version::TLS12 {
            // TLS 1.2 ends at the missing client certificate, after the chain.
            assert!(
                stderr.contains("warning: the handshake failed after"),
                "{stderr}"
            );
        }
    }
}

#[derive(Debug)]
struct BySni(
    Arc<rustls::sign::CertifiedKey>,
    Arc<rustls::sign::CertifiedKey>,
);

impl rustls::server::ResolvesServerCert for BySni {
    fn resolve(
        &self,
        hello: rustls::server::ClientHello<'_>,
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        Some(if hello.server_name() == Some("self-signed.test") {
            Arc::clone(&self.0)
        } else {
            Arc::clone(&self.1)
        })
    }
}

#[test]
fn the_certificate_a_server_picks_by_sni() {
    let p = provider();
    let certified = |(certs, key): (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)| {
        Arc::new(rustls::sign::CertifiedKey::new(
            certs,
            p.key_provider.load_private_key(key).unwrap(),
        ))
    };
    let resolver = BySni(
        certified(key_and_cert("remote/self-signed.pem")),
        certified((
            chain(),
            PrivateKeyDer::from_pem_file(sample(CHAIN)).unwrap(),
        )),
    );
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_cert_resolver(Arc::new(resolver));
    let addr = serve(config, 2).to_string();
    let (_, out, _) = run(&[
        "list",
        "-f",
        "json",
        "--servername",
        "self-signed.test",
        &addr,
    ]);
    assert_eq!(without_alias(&out).len(), 1, "{out}");
    let (_, out, _) = run(&[
        "list",
        "-f",
        "json",
        "--servername",
        "gis.example.com",
        &addr,
    ]);
    assert_eq!(without_alias(&out).len(), 3, "{out}");
}

/// An HTTP CONNECT proxy on loopback for `n` tunnels (or one refusal); sends
/// each request's head on the channel.
fn connect_proxy(n: usize, refuse: bool) -> (SocketAddr, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for mut client in listener.incoming().take(n).flatten() {
            let mut head = String::new();
            while !head.ends_with("\r\n\r\n") {
                let line = read_line(&mut client);
                if line.is_empty() {
                    break;
                }
                head.push_str(&line);
            }
            let _ = tx.send(head.clone());
            if refuse {
                let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n");
                continue;
            }
            let target = head.split_whitespace().nth(1).unwrap().to_string();
            let upstream = std::net::TcpStream::connect(target).unwrap();
            client
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .unwrap();
            let (mut a, mut b) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
            thread::spawn(move || {
                let _ = std::io::copy(&mut a, &mut b);
            });
            let (mut c, mut d) = (upstream, client);
            let _ = std::io::copy(&mut c, &mut d);
        }
    });
    (local, rx)
}

#[test]
fn through_an_http_connect_proxy_given_or_from_the_environment() {
    let (server, _) = tls_server("127.0.0.1:0", rustls::ALL_VERSIONS, 2).unwrap();
    let (proxy, heads) = connect_proxy(2, false);
    let url = format!("http://user:secret@{proxy}");
    let (code, out, stderr) = run(&["list", "-f", "json", "--proxy", &url, &server.to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(without_alias(&out).len(), 3);
    let head = heads.recv().unwrap();
    assert!(
        head.starts_with(&format!("CONNECT {server} HTTP/1.1\r\n")),
        "{head}"
    );
    // user:secret in Basic.
    assert!(
        head.contains("Proxy-Authorization: Basic dXNlcjpzZWNyZXQ=\r\n"),
        "{head}"
    );
    // --proxy env reads HTTPS_PROXY; without --proxy the variable is not used.
    let out = certinfo()
        .env("HTTPS_PROXY", format!("http://{proxy}"))
        .args(["list", "--proxy", "env", &server.to_string()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(heads.recv().unwrap().starts_with("CONNECT "));
    let (refusing, _) = connect_proxy(1, true);
    let (code, _, stderr) = run(&[
        "list",
        "--proxy",
        &format!("http://{refusing}"),
        &server.to_string(),
    ]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("proxy: the proxy refused the tunnel (HTTP/1.1 403 Forbidden)"),
        "{stderr}"
    );
}

#[test]
fn alpn_is_offered_to_https_targets_and_old_tls_is_named() {
    let mut cfg = config(rustls::ALL_VERSIONS);
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    let addr = serve(cfg, 1);
    let (code, _, stderr) = run(&["list", "-v", &format!("https://{addr}/")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(", ALPN http/1.1, "), "{stderr}");
    // A server that answers the ClientHello with protocol_version (a TLS 1.0-only one).
    let old = raw_server(|mut s| {
        let mut hello = [0u8; 512];
        let _ = s.read(&mut hello);
        let _ = s.write_all(&[0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]);
        thread::sleep(std::time::Duration::from_millis(200));
    });
    let (code, _, stderr) = run(&["list", &old.to_string()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("TLS 1.0/1.1") && stderr.contains("openssl s_client"),
        "{stderr}"
    );
}

/// A server's stapled OCSP response (issue 17) is judged by `check`: good
/// passes, revoked fails `revoked`, one signed by a forger fails
/// `ocsp-invalid` — what `openssl ocsp` says of each
/// (samples/trust/openssl-ocsp.tsv).
#[test]
fn a_stapled_ocsp_response_is_judged_as_openssl_ocsp_judges_it() {
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(sample("trust/chain.pem"))
            .unwrap()
            .map(Result::unwrap)
            .collect();
    let tsv = std::fs::read_to_string(sample("trust/openssl-ocsp.tsv")).unwrap();
    let mut n = 0;
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let (file, openssl) = line.split_once('\t').unwrap();
        let ocsp = std::fs::read(sample(&format!("trust/{file}"))).unwrap();
        let key = PrivateKeyDer::from_pem_file(sample("trust/leaf-key.pem")).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(provider())
            .with_protocol_versions(rustls::ALL_VERSIONS)
            .unwrap()
            .with_no_client_auth()
            .with_single_cert_with_ocsp(chain.clone(), key, ocsp)
            .unwrap();
        let addr = serve(config, 2).to_string();
        let (code, out, stderr) = run(&[
            "check",
            "-v",
            "--now",
            "2026-01-15T00:00:00Z",
            "--host",
            "leaf.trust.test",
            &addr,
        ]);
        assert!(stderr.contains("stapled OCSP response: yes"), "{stderr}");
        match openssl {
            "good" => assert_eq!(code, 0, "{file}: {out}{stderr}"),
            "revoked" => {
                assert_eq!(code, 1, "{file}: {out}");
                assert!(
                    out.contains(": revoked: revoked ")
                        && out.contains("says the stapled OCSP response"),
                    "{out}"
                );
            }
            "verify failure" => {
                assert_eq!(code, 1, "{file}: {out}");
                assert!(
                    out.contains(": ocsp-invalid: the stapled OCSP response does not verify"),
                    "{out}"
                );
            }
            other => panic!("{file}: openssl said {other}"),
        }
        n += 1;
    }
    assert_eq!(n, 3);
}
