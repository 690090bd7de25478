//! HTTP CONNECT proxies (RFC 9110 §9.3.6): `--proxy http://[user:pass@]host:port`,
//! or the environment's `HTTPS_PROXY` / `https_proxy` with `--proxy env`
//! (`NO_PROXY` honoured for host names and their subdomains).

use std::io::{Read, Write};

/// A proxy to tunnel through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    /// Its host.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// `user:password` for Basic authentication, when the URL has one.
    pub credentials: Option<String>,
}

/// Reads `http://[user:pass@]host[:port][/]` (port 80 by default).
pub fn parse(url: &str) -> Result<Proxy, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| "only http:// proxies (HTTP CONNECT) are supported".to_string())?;
    let authority = rest.split('/').next().unwrap_or("");
    let (credentials, hostport) = match authority.rsplit_once('@') {
        Some((c, h)) => (Some(c.to_string()), h),
        None => (None, authority),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(':') => (h, p.parse().map_err(|_| "bad port".to_string())?),
        _ => (hostport, 80),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        // The URL is not repeated: it may hold a password.
        return Err("no proxy host".into());
    }
    Ok(Proxy {
        host: host.to_string(),
        port,
        credentials,
    })
}

/// Whether `host` is exempt by a `NO_PROXY` list (`*`, names, `.suffix`).
pub fn exempt(no_proxy: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    no_proxy
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .any(|e| {
            let e = e.trim_start_matches('.').to_ascii_lowercase();
            e == "*" || host == e || host.ends_with(&format!(".{e}"))
        })
}

/// Asks the proxy for a tunnel to `authority` (`host:port`); afterwards the
/// stream is the tunnel. Bytes after the proxy's answer are refused.
pub fn tunnel(s: &mut (impl Read + Write), authority: &str, p: &Proxy) -> Result<(), String> {
    let mut req = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(c) = &p.credentials {
        let b64 = base64_simd::STANDARD.encode_to_string(c.as_bytes());
        req.push_str(&format!("Proxy-Authorization: Basic {b64}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    // One byte at a time: nothing of the tunnel is read with the answer.
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 << 10 {
            return Err("the proxy's answer is too long".into());
        }
        match s.read(&mut b) {
            Ok(1) => head.push(b[0]),
            Ok(_) => return Err("the proxy closed the connection".into()),
            Err(e) => return Err(e.to_string()),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let status = text.lines().next().unwrap_or("");
    let ok = status.split_whitespace().nth(1) == Some("200");
    if !ok {
        return Err(format!(
            "the proxy refused the tunnel ({})",
            crate::render::term::sanitize(status)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_exemptions() {
        let p = parse("http://u:p@proxy.example:3128/").unwrap();
        assert_eq!((p.host.as_str(), p.port), ("proxy.example", 3128));
        assert_eq!(p.credentials.as_deref(), Some("u:p"));
        assert_eq!(parse("http://[::1]:8080").unwrap().host, "::1");
        assert_eq!(parse("http://proxy").unwrap().port, 80);
        assert!(parse("socks5://x:1").is_err());
        assert!(exempt(
            "localhost,.internal.example",
            "gis.internal.example"
        ));
        assert!(exempt("*", "anything"));
        assert!(!exempt("example.com", "notexample.com"));
    }
}
