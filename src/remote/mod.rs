//! Remote targets: connect to a server, take the certificate chain it sends
//! in its TLS handshake, and hand it on as the bytes of a file of concatenated
//! DER certificates (loose certificates, named after the target), so that
//! every command and format works on a server as on a file.
//!
//! rustls (ring provider, TLS 1.2 and 1.3) speaks TLS; the verifier records
//! the chain exactly as sent and accepts it, so expired, self-signed and
//! untrusted servers are shown (`check` judges them), while the handshake's
//! own signatures are still verified. Plain blocking sockets with timeouts:
//! no async runtime.

mod proxy;
mod starttls;
mod target;

pub use proxy::{exempt as proxy_exempt, parse as parse_proxy, Proxy};
pub use starttls::Protocol;
pub use target::{
    client_identity, parse, ClientIdentity, Family, Settings, Target, TargetError,
    DEFAULT_MAX_HANDSHAKE_KIB,
};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a server sent.
#[derive(Debug, Default)]
pub struct Fetched {
    /// The chain as sent, as concatenated DER certificates.
    pub der: Vec<u8>,
    /// Remarks for stderr (a handshake that failed after the chain arrived).
    pub warnings: Vec<String>,
    /// `--verbose`: the session (protocol, cipher, SNI, certificates).
    pub details: Vec<String>,
    /// The stapled OCSP response, DER, when the server sent one.
    pub ocsp: Option<Vec<u8>>,
}

/// Why nothing arrived, by stage; the texts say the way out.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The name did not resolve (or not to the family asked for).
    #[error("dns: {0}")]
    Dns(String),
    /// No TCP connection.
    #[error("connect: {0}")]
    Connect(String),
    /// The proxy gave no tunnel.
    #[error("proxy: {0}")]
    Proxy(String),
    /// The plaintext opening did not end in a go-ahead.
    #[error("starttls: {0}")]
    StartTls(String),
    /// The TLS handshake failed before the certificates arrived.
    #[error("handshake: {0}")]
    Handshake(String),
}

/// Connects to `t` and reads its chain.
pub fn fetch(t: &Target) -> Result<Fetched, FetchError> {
    let s = &t.settings;
    let deadline = Instant::now() + s.timeout;
    let tcp = connect(t)?;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let client = s.client.as_ref().map(|c| Arc::clone(&c.0));
    let config = client_config(Arc::clone(&seen), client)?;
    let sni = s.servername.clone().unwrap_or_else(|| t.host.clone());
    let name = ServerName::try_from(sni.clone())
        .map_err(|_| FetchError::Handshake(format!("{sni:?} is not a valid server name")))?;
    let mut config = config;
    config.enable_sni = !s.no_sni;
    if t.alpn {
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    }
    let mut conn = ClientConnection::new(Arc::new(config), name)
        .map_err(|e| FetchError::Handshake(e.to_string()))?;
    let mut io = Bounded {
        tcp,
        deadline,
        timeout: s.timeout,
        left: s.max_bytes,
    };
    if let Some(p) = t.proxy() {
        proxy::tunnel(&mut io, &t.name(), p).map_err(FetchError::Proxy)?;
    }
    if let Some(p) = t.starttls {
        starttls::upgrade(&mut io, p, &t.host).map_err(FetchError::StartTls)?;
    }
    let result = handshake(&mut conn, &mut io);
    let seen = std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    let certs = seen.chain;
    let mut out = Fetched::default();
    match (result, certs.is_empty()) {
        (Err(e), true) => return Err(FetchError::Handshake(e)),
        (Err(e), false) => out.warnings.push(format!(
            "the handshake failed after the server sent its certificates ({e}); shown as sent"
        )),
        (Ok(()), _) => {
            conn.send_close_notify();
            let _ = conn.write_tls(&mut io);
        }
    }
    out.details
        .push(session(&conn, &sni, s.no_sni, certs.len()));
    out.details.push(format!(
        "stapled OCSP response: {}; client certificate requested: {}",
        if seen.ocsp.is_some() { "yes" } else { "no" },
        match &seen.client_request {
            None => "no".to_string(),
            Some(issuers) if issuers.is_empty() => "yes (any issuer)".to_string(),
            Some(issuers) => format!("yes, issued by one of: {}", issuers.join("; ")),
        } + match (&seen.client_request, &s.client) {
            (Some(_), Some(_)) => "; --client-cert sent",
            _ => "",
        }
    ));
    for c in certs {
        out.der.extend_from_slice(&c);
    }
    out.ocsp = seen.ocsp;
    Ok(out)
}

/// One line on the session, for `--verbose`.
fn session(conn: &ClientConnection, sni: &str, no_sni: bool, n: usize) -> String {
    let protocol = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
        _ => "no protocol agreed",
    };
    // rustls names the TLS 1.3 suites TLS13_…; IANA (and Java) name them TLS_….
    let cipher = conn
        .negotiated_cipher_suite()
        .and_then(|c| c.suite().as_str())
        .map_or("-".to_string(), |c| c.replacen("TLS13_", "TLS_", 1));
    let sni = if no_sni {
        "none".to_string()
    } else {
        sni.to_string()
    };
    // Java's names for the groups (x25519, secp256r1, …).
    let group = conn
        .negotiated_key_exchange_group()
        .map_or("-".to_string(), |g| {
            let name = format!("{:?}", g.name());
            if name.starts_with('X') {
                name.to_lowercase()
            } else {
                name
            }
        });
    let alpn = conn.alpn_protocol().map_or("none".to_string(), |a| {
        String::from_utf8_lossy(a).into_owned()
    });
    format!("{protocol} {cipher}, group {group}, ALPN {alpn}, SNI {sni}, {n} certificate(s)")
}

/// Resolves and connects, in resolver order, within `--connect-timeout` each.
fn connect(t: &Target) -> Result<TcpStream, FetchError> {
    match t.proxy() {
        Some(p) => connect_to(&p.host, p.port, &t.settings)
            .map_err(|e| FetchError::Proxy(format!("cannot reach the proxy ({e})"))),
        None => connect_to(&t.host, t.port, &t.settings),
    }
}

/// [`connect`] to one host and port.
fn connect_to(host: &str, port: u16, s: &Settings) -> Result<TcpStream, FetchError> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| FetchError::Dns(format!("cannot resolve {host}: {e}")))?
        .filter(|a| match s.family {
            Family::Any => true,
            Family::V4 => a.is_ipv4(),
            Family::V6 => a.is_ipv6(),
        })
        .collect();
    if addrs.is_empty() {
        let which = match s.family {
            Family::V4 => "no IPv4 address (-4)",
            Family::V6 => "no IPv6 address (-6)",
            Family::Any => "no address",
        };
        return Err(FetchError::Dns(format!("{host} has {which}")));
    }
    let mut last = String::new();
    for a in addrs {
        match TcpStream::connect_timeout(&a, s.connect_timeout) {
            Ok(tcp) => return Ok(tcp),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                last = format!(
                    "timed out after {} (raise --connect-timeout)",
                    secs(s.connect_timeout)
                );
            }
            Err(e) => last = format!("{a}: {e}"),
        }
    }
    Err(FetchError::Connect(last))
}

fn secs(d: Duration) -> String {
    format!("{}s", d.as_secs_f64())
}

/// Drives the handshake to its end.
fn handshake(conn: &mut ClientConnection, io: &mut Bounded) -> Result<(), String> {
    while conn.is_handshaking() {
        match conn.complete_io(io) {
            Ok(_) => {}
            Err(e) => return Err(describe(&e, io)),
        }
    }
    Ok(())
}

/// The handshake error in words, with the way out where there is one.
fn describe(e: &io::Error, io: &Bounded) -> String {
    if matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    ) {
        return format!("no answer within {} (raise --timeout)", secs(io.timeout));
    }
    if e.kind() == io::ErrorKind::OutOfMemory {
        return e.to_string();
    }
    let text = e.to_string();
    if text.contains("ProtocolVersion") || text.contains("protocol_version") {
        return format!(
            "{text}: the server offers only TLS versions certinfo cannot speak (TLS 1.0/1.1); \
             try openssl s_client -tls1"
        );
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return "the server closed the connection".to_string();
    }
    text
}

/// The socket, with the whole operation's deadline and a byte budget.
struct Bounded {
    tcp: TcpStream,
    deadline: Instant,
    timeout: Duration,
    left: usize,
}

impl Bounded {
    fn arm(&self) -> io::Result<()> {
        let now = Instant::now();
        if now >= self.deadline {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "deadline"));
        }
        let rest = (self.deadline - now).max(Duration::from_millis(1));
        self.tcp.set_read_timeout(Some(rest))?;
        self.tcp.set_write_timeout(Some(rest))
    }
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.arm()?;
        if self.left == 0 {
            return Err(io::Error::new(
                io::ErrorKind::OutOfMemory,
                "the server sent more than --max-handshake-kib allows",
            ));
        }
        let n = buf.len().min(self.left);
        let got = self.tcp.read(&mut buf[..n])?;
        self.left -= got;
        Ok(got)
    }
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.arm()?;
        self.tcp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

/// What the handshake showed besides its outcome.
#[derive(Debug, Default)]
struct Seen {
    /// The chain as sent.
    chain: Vec<Vec<u8>>,
    /// The stapled OCSP response, if one came with it.
    ocsp: Option<Vec<u8>>,
    /// The server asked for a client certificate: the acceptable issuers it named.
    client_request: Option<Vec<String>>,
}

fn client_config(
    seen: Arc<Mutex<Seen>>,
    client: Option<Arc<rustls::sign::CertifiedKey>>,
) -> Result<ClientConfig, FetchError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(Recorder {
        seen: Arc::clone(&seen),
        provider: Arc::clone(&provider),
    });
    Ok(ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| FetchError::Handshake(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_client_cert_resolver(Arc::new(RequestRecorder { seen, client })))
}

/// Records that the server asked for a client certificate, and offers the
/// configured one (none without `--client-cert`).
#[derive(Debug)]
struct RequestRecorder {
    seen: Arc<Mutex<Seen>>,
    client: Option<Arc<rustls::sign::CertifiedKey>>,
}

impl rustls::client::ResolvesClientCert for RequestRecorder {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        let names = root_hint_subjects
            .iter()
            .map(|n| {
                crate::model::name_from_der(n)
                    .map_or_else(|| "(unreadable name)".to_string(), |d| crate::java::dn(&d))
            })
            .collect();
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .client_request = Some(names);
        self.client.clone()
    }

    fn has_certs(&self) -> bool {
        self.client.is_some()
    }
}

/// Records the chain as sent and accepts it; handshake signatures are still
/// verified with the provider's algorithms.
#[derive(Debug)]
struct Recorder {
    seen: Arc<Mutex<Seen>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.chain.clear();
        seen.chain.push(end_entity.to_vec());
        seen.chain.extend(intermediates.iter().map(|c| c.to_vec()));
        seen.ocsp = (!ocsp.is_empty()).then(|| ocsp.to_vec());
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
