//! What a remote target is: `host:port`, `[v6]:port`, `https://…`, `tls://…`,
//! the implicit-TLS and the STARTTLS schemes, with the connection settings of
//! the run.

use super::starttls::Protocol;
use std::sync::Arc;
use std::time::Duration;

/// Which address families to connect over (`-4`, `-6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Family {
    /// Whatever the name resolves to, in resolver order.
    #[default]
    Any,
    /// IPv4 only.
    V4,
    /// IPv6 only.
    V6,
}

/// How every target of a run is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The name sent as SNI instead of the host (`--servername`).
    pub servername: Option<String>,
    /// Send no SNI (`--no-sni`).
    pub no_sni: bool,
    /// Longest wait for the TCP connection (`--connect-timeout`).
    pub connect_timeout: Duration,
    /// Longest time for the whole operation (`--timeout`).
    pub timeout: Duration,
    /// Address families (`-4`, `-6`).
    pub family: Family,
    /// Most bytes read from a server (`--max-handshake-kib`).
    pub max_bytes: usize,
    /// The plaintext opening for every target (`--starttls`), over the scheme's.
    pub starttls: Option<Protocol>,
    /// The HTTP CONNECT proxy to tunnel through (`--proxy`).
    pub proxy: Option<super::Proxy>,
    /// Hosts reached without the proxy (`NO_PROXY`, with `--proxy env`).
    pub no_proxy: Option<String>,
    /// The client certificate chain and key offered when a server asks
    /// (`--client-cert`, `--client-key`).
    pub client: Option<ClientIdentity>,
}

/// A client certificate chain and its key; equal when it is the same one
/// (a key has no value equality).
#[derive(Debug, Clone)]
pub struct ClientIdentity(pub Arc<rustls::sign::CertifiedKey>);

impl PartialEq for ClientIdentity {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.0, &o.0)
    }
}

impl Eq for ClientIdentity {}

/// A client identity read by [`crate::load::identity`], made ready for rustls:
/// the key must be one rustls can sign with and belong to the first certificate.
pub fn client_identity(id: crate::load::identity::Identity) -> Result<ClientIdentity, String> {
    use crate::load::identity::KeyForm;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain: Vec<CertificateDer<'static>> =
        id.chain.into_iter().map(CertificateDer::from).collect();
    if chain.is_empty() {
        return Err("no certificate in it".into());
    }
    // Borrowed, so that the only copy of the key's bytes stays the wiped one.
    let der: &[u8] = &id.key.der;
    let key = match id.key.form {
        KeyForm::Pkcs8 => PrivateKeyDer::Pkcs8(der.into()),
        KeyForm::Pkcs1 => PrivateKeyDer::Pkcs1(der.into()),
        KeyForm::Sec1 => PrivateKeyDer::Sec1(der.into()),
    };
    let signing = rustls::crypto::ring::sign::any_supported_type(&key)
        .map_err(|e| format!("the private key cannot sign TLS handshakes ({e})"))?;
    let certified = rustls::sign::CertifiedKey::new(chain, signing);
    match certified.keys_match() {
        Ok(()) | Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => {}
        Err(_) => return Err("the private key does not belong to the first certificate".into()),
    }
    Ok(ClientIdentity(Arc::new(certified)))
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            servername: None,
            no_sni: false,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            family: Family::Any,
            max_bytes: DEFAULT_MAX_HANDSHAKE_KIB << 10,
            starttls: None,
            proxy: None,
            no_proxy: None,
            client: None,
        }
    }
}

/// Default of `--max-handshake-kib`: a certificate message of a few hundred
/// KiB is the most any real server sends.
pub const DEFAULT_MAX_HANDSHAKE_KIB: usize = 1024;

/// One server to read the chain of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Host name or address, without brackets.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// The plaintext opening before TLS (a STARTTLS scheme or `--starttls`).
    pub starttls: Option<Protocol>,
    /// Offer ALPN `h2`, `http/1.1` (an `https://` target).
    pub alpn: bool,
    /// The run's connection settings.
    pub settings: Arc<Settings>,
}

impl Target {
    /// The proxy this target is reached through, if any.
    pub fn proxy(&self) -> Option<&super::Proxy> {
        let s = &self.settings;
        let exempt = s
            .no_proxy
            .as_deref()
            .is_some_and(|np| super::proxy_exempt(np, &self.host));
        s.proxy.as_ref().filter(|_| !exempt)
    }

    /// `host:port`, `[v6]:port` for an IPv6 address: the name in messages and
    /// the alias stem.
    pub fn name(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Why a string is not a target certinfo can reach.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Not of any target form.
    #[error("not a file, and not a target (host:port, [v6]:port, https://host)")]
    NotATarget,
    /// A scheme certinfo does not know.
    #[error("unknown scheme {0}://")]
    Scheme(String),
    /// A port that is not a number from 1 to 65535.
    #[error("bad port {0:?}")]
    Port(String),
}

/// The default port of a scheme that speaks TLS from the first byte.
fn implicit_tls_port(scheme: &str) -> Option<u16> {
    Some(match scheme {
        "https" | "tls" => 443,
        "smtps" => 465,
        "imaps" => 993,
        "pop3s" => 995,
        "ldaps" => 636,
        _ => return None,
    })
}

/// Reads a target. `host:port` needs the port; a scheme gives a default one.
pub fn parse(s: &str, settings: &Arc<Settings>) -> Result<Target, TargetError> {
    let mut starttls = settings.starttls;
    let mut alpn = false;
    let (default_port, rest) = match s.split_once("://") {
        Some((scheme, rest)) => {
            let scheme = scheme.to_ascii_lowercase();
            alpn = scheme == "https";
            let port = match (implicit_tls_port(&scheme), Protocol::of_scheme(&scheme)) {
                (Some(port), _) => port,
                (None, Some((p, port))) => {
                    starttls = starttls.or(Some(p));
                    port
                }
                (None, None) => return Err(TargetError::Scheme(scheme)),
            };
            // The path, query and user part are not needed.
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            let authority = authority.rsplit('@').next().unwrap_or("");
            (Some(port), authority)
        }
        None => (None, s),
    };
    let (host, port) = split_host_port(rest)?;
    let port = match (port, default_port) {
        (Some(p), _) => p
            .parse()
            .ok()
            .filter(|&p| p > 0)
            .ok_or(TargetError::Port(p.into()))?,
        (None, Some(d)) => d,
        (None, None) => return Err(TargetError::NotATarget),
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(TargetError::NotATarget);
    }
    Ok(Target {
        host: host.to_string(),
        port,
        starttls,
        alpn,
        settings: Arc::clone(settings),
    })
}

/// `host[:port]` or `[v6][:port]`.
fn split_host_port(s: &str) -> Result<(&str, Option<&str>), TargetError> {
    if let Some(v6) = s.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or(TargetError::NotATarget)?;
        return match after.strip_prefix(':') {
            Some(p) => Ok((host, Some(p))),
            None if after.is_empty() => Ok((host, None)),
            None => Err(TargetError::NotATarget),
        };
    }
    match s.rsplit_once(':') {
        // A bare IPv6 address without brackets has no port to find.
        Some((host, _)) if host.contains(':') => Err(TargetError::NotATarget),
        Some((host, port)) => Ok((host, Some(port))),
        None => Ok((s, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Result<(String, u16), TargetError> {
        parse(s, &Arc::new(Settings::default())).map(|t| (t.name(), t.port))
    }

    #[test]
    fn forms() {
        assert_eq!(
            t("gis.example.com:6443"),
            Ok(("gis.example.com:6443".into(), 6443))
        );
        assert_eq!(t("[::1]:8443"), Ok(("[::1]:8443".into(), 8443)));
        assert_eq!(
            t("https://example.com/a/b?c"),
            Ok(("example.com:443".into(), 443))
        );
        assert_eq!(
            t("https://u@example.com:8443/"),
            Ok(("example.com:8443".into(), 8443))
        );
        assert_eq!(
            t("tls://[2001:db8::1]"),
            Ok(("[2001:db8::1]:443".into(), 443))
        );
        assert_eq!(
            t("imaps://mail.example.com"),
            Ok(("mail.example.com:993".into(), 993))
        );
        assert_eq!(t("LDAPS://dc1:3269"), Ok(("dc1:3269".into(), 3269)));
        assert_eq!(t("example.com"), Err(TargetError::NotATarget));
        assert_eq!(t("a:b"), Err(TargetError::Port("b".into())));
        assert_eq!(t("host:0"), Err(TargetError::Port("0".into())));
        assert_eq!(t("::1"), Err(TargetError::NotATarget));
        assert_eq!(t("smtp://mx"), Ok(("mx:25".into(), 25)));
        assert_eq!(t("submission://mx"), Ok(("mx:587".into(), 587)));
        assert_eq!(t("postgres://db:6432/x"), Ok(("db:6432".into(), 6432)));
        assert!(matches!(t("gopher://x"), Err(TargetError::Scheme(_))));
        assert_eq!(t("dir/file:1"), Err(TargetError::NotATarget));
    }
}
