//! The plaintext openings that turn a connection into TLS (STARTTLS and its
//! kin), one per protocol, written from the protocols' RFCs: SMTP (RFC 3207),
//! IMAP (RFC 2595), POP3 (RFC 2595), FTP (RFC 4217), LDAP (RFC 4511 §4.14),
//! XMPP (RFC 6120 §5), PostgreSQL (SSLRequest) and MySQL (SSLRequest).
//! Nothing the server says is trusted beyond the go-ahead: bytes after it and
//! before the handshake are refused (STARTTLS command injection).

use std::io::{self, Read, Write};

/// A protocol that upgrades a plaintext connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// SMTP and submission: EHLO, STARTTLS.
    Smtp,
    /// IMAP: STARTTLS.
    Imap,
    /// POP3: STLS.
    Pop3,
    /// FTP: AUTH TLS.
    Ftp,
    /// LDAP: the StartTLS extended operation.
    Ldap,
    /// XMPP client streams: `<starttls/>`.
    Xmpp,
    /// PostgreSQL: SSLRequest.
    Postgres,
    /// MySQL: SSLRequest after the server's handshake packet.
    Mysql,
}

impl Protocol {
    /// The protocol of a scheme name, and its default port.
    pub fn of_scheme(s: &str) -> Option<(Protocol, u16)> {
        Some(match s {
            "smtp" => (Protocol::Smtp, 25),
            "submission" => (Protocol::Smtp, 587),
            "imap" => (Protocol::Imap, 143),
            "pop3" => (Protocol::Pop3, 110),
            "ftp" => (Protocol::Ftp, 21),
            "ldap" => (Protocol::Ldap, 389),
            "xmpp" => (Protocol::Xmpp, 5222),
            "postgres" => (Protocol::Postgres, 5432),
            "mysql" => (Protocol::Mysql, 3306),
            _ => return None,
        })
    }
}

/// Why the upgrade did not happen.
pub type Refusal = String;

/// Longest line or message of the plaintext opening that is read.
const MAX_OPENING: usize = 64 << 10;

/// Runs the opening of `p` on `s`; afterwards the next byte is the server's
/// first TLS byte.
pub fn upgrade(s: &mut (impl Read + Write), p: Protocol, host: &str) -> Result<(), Refusal> {
    let mut r = Lines { s, buf: Vec::new() };
    match p {
        Protocol::Smtp => smtp(&mut r)?,
        Protocol::Imap => {
            r.line()?
                .starts_with("* OK")
                .then_some(())
                .ok_or("no IMAP greeting")?;
            r.send(b"a1 STARTTLS\r\n")?;
            loop {
                let l = r.line()?;
                if let Some(rest) = l.strip_prefix("a1 ") {
                    expect(rest.starts_with("OK"), &l)?;
                    break;
                }
            }
        }
        Protocol::Pop3 => {
            expect(r.line()?.starts_with("+OK"), "no POP3 greeting")?;
            r.send(b"STLS\r\n")?;
            let l = r.line()?;
            expect(l.starts_with("+OK"), &l)?;
        }
        Protocol::Ftp => {
            reply(&mut r, "220")?;
            r.send(b"AUTH TLS\r\n")?;
            reply(&mut r, "234")?;
        }
        Protocol::Ldap => ldap(&mut r)?,
        Protocol::Xmpp => xmpp(&mut r, host)?,
        Protocol::Postgres => {
            r.send(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])?;
            let b = r.bytes(1)?;
            expect(
                b == b"S",
                "the server does not accept TLS (SSLRequest answered N)",
            )?;
        }
        Protocol::Mysql => mysql(&mut r)?,
    }
    if !r.buf.is_empty() {
        return Err(format!(
            "the server sent {} byte(s) after its go-ahead and before the handshake \
             (STARTTLS command injection?); refused",
            r.buf.len()
        ));
    }
    Ok(())
}

fn expect(ok: bool, what: &str) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the server refused: {}",
            crate::render::term::sanitize(what)
        ))
    }
}

/// A multi-line reply (`220-…` … `220 …`) with this code; its lines.
fn reply(r: &mut Lines<'_, impl Read + Write>, code: &str) -> Result<Vec<String>, Refusal> {
    let mut lines = Vec::new();
    loop {
        let l = r.line()?;
        let done = l.len() < 4 || l.as_bytes()[3] != b'-';
        let ok = l.starts_with(code);
        lines.push(l);
        if done {
            let last = lines.last().map(String::as_str).unwrap_or("");
            expect(ok, last)?;
            return Ok(lines);
        }
    }
}

fn smtp(r: &mut Lines<'_, impl Read + Write>) -> Result<(), Refusal> {
    reply(r, "220")?;
    r.send(b"EHLO certinfo.invalid\r\n")?;
    let ehlo = reply(r, "250")?;
    if !ehlo.iter().any(|l| {
        l.get(4..)
            .is_some_and(|x| x.eq_ignore_ascii_case("STARTTLS"))
    }) {
        return Err("the server did not offer STARTTLS".into());
    }
    r.send(b"STARTTLS\r\n")?;
    reply(r, "220").map(drop)
}

fn ldap(r: &mut Lines<'_, impl Read + Write>) -> Result<(), Refusal> {
    // LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0] StartTLS OID } }
    const OID: &[u8] = b"1.3.6.1.4.1.1466.20037";
    let mut req = vec![0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16];
    req.extend_from_slice(OID);
    r.send(&req)?;
    let head = r.bytes(2)?;
    if head[0] != 0x30 || head[1] & 0x80 != 0 {
        return Err("no LDAP response to StartTLS".into());
    }
    let body = r.bytes(usize::from(head[1]))?;
    // messageID, then ExtendedResponse [APPLICATION 24] { resultCode ENUMERATED, … }
    let rest = body.get(3..).unwrap_or(&[]);
    let code = match rest {
        [0x78, _, 0x0a, 0x01, code, ..] => *code,
        _ => return Err("no LDAP ExtendedResponse to StartTLS".into()),
    };
    expect(code == 0, &format!("LDAP resultCode {code}"))
}

fn xmpp(r: &mut Lines<'_, impl Read + Write>, host: &str) -> Result<(), Refusal> {
    let open = format!(
        "<?xml version='1.0'?><stream:stream to='{}' xmlns='jabber:client' \
         xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
        host.replace(['\'', '<', '>', '&'], "")
    );
    r.send(open.as_bytes())?;
    let features = r.until(b"</stream:features>")?;
    if !features.contains("<starttls") {
        return Err("the server did not offer STARTTLS".into());
    }
    r.send(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")?;
    let answer = r.until(b"/>")?;
    expect(answer.contains("<proceed"), &answer)
}

fn mysql(r: &mut Lines<'_, impl Read + Write>) -> Result<(), Refusal> {
    let head = r.bytes(4)?;
    let len = usize::from(head[0]) | usize::from(head[1]) << 8 | usize::from(head[2]) << 16;
    let hello = r.bytes(len.min(MAX_OPENING))?;
    // protocol version, server version (NUL-ended), thread id (4), auth data (8),
    // filler (1), then the low capability flags (2).
    let nul = hello.iter().skip(1).position(|&b| b == 0).map(|i| i + 1);
    let caps = nul.and_then(|n| hello.get(n + 14..n + 16));
    let ssl = caps.is_some_and(|c| u16::from_le_bytes([c[0], c[1]]) & 0x0800 != 0);
    if hello.first() != Some(&10) || !ssl {
        return Err("the server did not offer TLS (no CLIENT_SSL)".into());
    }
    // SSLRequest: length 32, sequence 1; CLIENT_SSL | PROTOCOL_41 | SECURE_CONNECTION,
    // max packet 16 MiB, utf8mb4, 23 zero bytes.
    let mut req = vec![32, 0, 0, 1, 0x00, 0x8a, 0x00, 0x00, 0, 0, 0, 1, 45];
    req.extend_from_slice(&[0; 23]);
    r.send(&req)
}

/// Reads lines and messages of the opening, keeping what came after them.
struct Lines<'s, S> {
    s: &'s mut S,
    buf: Vec<u8>,
}

impl<S: Read + Write> Lines<'_, S> {
    fn send(&mut self, b: &[u8]) -> Result<(), Refusal> {
        self.s.write_all(b).map_err(|e| stage(&e))
    }

    fn fill(&mut self) -> Result<(), Refusal> {
        if self.buf.len() > MAX_OPENING {
            return Err("the server's plaintext opening is too long".into());
        }
        let mut chunk = [0u8; 4096];
        match self.s.read(&mut chunk) {
            Ok(0) => Err("the server closed the connection".into()),
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            Err(e) => Err(stage(&e)),
        }
    }

    /// One CRLF- or LF-ended line, without its end.
    fn line(&mut self) -> Result<String, Refusal> {
        loop {
            if let Some(i) = self.buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=i).collect();
                let line = String::from_utf8_lossy(&line);
                return Ok(line.trim_end_matches(['\r', '\n']).to_string());
            }
            self.fill()?;
        }
    }

    /// Exactly `n` bytes.
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, Refusal> {
        while self.buf.len() < n {
            self.fill()?;
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// Everything up to and including `end`.
    fn until(&mut self, end: &[u8]) -> Result<String, Refusal> {
        loop {
            if let Some(i) = memchr::memmem::find(&self.buf, end) {
                let got: Vec<u8> = self.buf.drain(..i + end.len()).collect();
                return Ok(String::from_utf8_lossy(&got).into_owned());
            }
            self.fill()?;
        }
    }
}

fn stage(e: &io::Error) -> Refusal {
    if matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    ) {
        "no answer (raise --timeout)".to_string()
    } else {
        e.to_string()
    }
}
