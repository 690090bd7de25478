//! Java's strings for names: `X500Principal.toString()` and
//! `GeneralName.toString()`, as OpenJDK 17 prints them. Pure formatting: no
//! I/O, no parsing.
//!
//! Written by hand because no crate formats X.509 names the way the JDK does
//! (deps.md §2: x509-parser and x509-cert both print RFC 4514 variants).

use super::values::{push_decimal, push_hex_lower};
use crate::model::{AttrValue, Ava, DistinguishedName, SanName};

/// Java's keyword for an attribute OID (`AVAKeyword`, DEFAULT style), if any.
pub fn keyword(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "1.3.6.1.4.1.42.2.11.2.1" => "IP",
        "2.5.4.9" => "STREET",
        "0.9.2342.19200300.100.1.25" => "DC",
        "2.5.4.46" => "DNQ",
        "2.5.4.4" => "SURNAME",
        "2.5.4.42" => "GIVENNAME",
        "2.5.4.43" => "INITIALS",
        "2.5.4.44" => "GENERATION",
        "1.2.840.113549.1.9.1" => "EMAILADDRESS",
        "0.9.2342.19200300.100.1.1" => "UID",
        "2.5.4.5" => "SERIALNUMBER",
        _ => return None,
    })
}

/// `DerValue.isPrintableStringChar`.
fn is_printable_string_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            ' ' | '\'' | '(' | ')' | '+' | ',' | '-' | '.' | '/' | ':' | '=' | '?'
        )
}

/// `AVA.toKeywordValueString` for a text value: quoting and escaping as Java does.
fn push_value(out: &mut String, val: &str) {
    const ESCAPEES: &str = ",+=\n<>#;\\\"";
    // Fast path for the common value that needs neither quotes nor escapes:
    // no special character, no leading/trailing or doubled space.
    let b = val.as_bytes();
    let plain = !b.is_empty()
        && b[0] != b' '
        && b[b.len() - 1] != b' '
        && !b.iter().any(|c| {
            matches!(
                c,
                b',' | b'+' | b'=' | b'\n' | b'<' | b'>' | b'#' | b';' | b'\\' | b'"'
            )
        })
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        out.push_str(val);
        return;
    }
    let chars: Vec<char> = val.chars().collect();
    let len = chars.len();
    let already_quoted = len > 1 && chars[0] == '"' && chars[len - 1] == '"';
    let mut quote_needed = false;
    let mut previous_white = false;
    let mut sb = String::with_capacity(val.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        if already_quoted && (i == 0 || i == len - 1) {
            sb.push(c);
            continue;
        }
        if is_printable_string_char(c) || ESCAPEES.contains(c) {
            if !quote_needed && ((i == 0 && (c == ' ' || c == '\n')) || ESCAPEES.contains(c)) {
                quote_needed = true;
            }
            if !(c == ' ' || c == '\n') {
                if c == '"' || c == '\\' {
                    sb.push('\\');
                }
                previous_white = false;
            } else {
                if !quote_needed && previous_white {
                    quote_needed = true;
                }
                previous_white = true;
            }
            sb.push(c);
        } else {
            previous_white = false;
            sb.push(c);
        }
    }
    if sb.ends_with(' ') || sb.ends_with('\n') {
        quote_needed = true;
    }
    if !already_quoted && quote_needed {
        out.push('"');
        out.push_str(&sb);
        out.push('"');
    } else {
        out.push_str(&sb);
    }
}

fn push_ava(out: &mut String, ava: &Ava) {
    match keyword(&ava.oid) {
        Some(k) => out.push_str(k),
        None => {
            out.push_str("OID.");
            out.push_str(&ava.oid);
        }
    }
    out.push('=');
    match &ava.value {
        AttrValue::Text(t) => push_value(out, t),
        AttrValue::Der(d) => {
            out.push('#');
            push_hex_lower(out, d);
        }
    }
}

/// `X500Principal.toString()`: RDNs most specific first, `, ` between RDNs,
/// ` + ` inside a multi-valued RDN.
pub fn dn(name: &DistinguishedName) -> String {
    let mut out = String::with_capacity(64);
    push_dn(&mut out, name);
    out
}

/// [`dn`], appended to `out`.
pub fn push_dn(out: &mut String, name: &DistinguishedName) {
    let avas = &name.avas;
    // Walk the RDNs from the last one: each spans from an AVA that starts an
    // RDN to the start of the following RDN.
    let mut end = avas.len();
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && avas[start].same_rdn {
            start -= 1;
        }
        if end != avas.len() {
            out.push_str(", ");
        }
        for (j, ava) in avas[start..end].iter().enumerate() {
            if j > 0 {
                out.push_str(" + ");
            }
            // An empty RDN prints as an empty component (`CN=x, , C=US`).
            if !ava.is_empty_rdn() {
                push_ava(out, ava);
            }
        }
        end = start;
    }
}

/// `InetAddress.getHostAddress()` style for 4 and 16 bytes; other lengths as Java's
/// `IPAddressName` prints address/mask pairs.
#[cfg(test)]
fn ip(b: &[u8]) -> String {
    let mut s = String::new();
    push_ip(&mut s, b);
    s
}

fn push_ip(out: &mut String, b: &[u8]) {
    use std::fmt::Write as _;
    match b.len() {
        4 => {
            for (i, x) in b.iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                push_decimal(out, u64::from(*x));
            }
        }
        // InetAddress.getByAddress turns an IPv4-mapped address into an Inet4Address.
        16 if b[..10].iter().all(|&x| x == 0) && b[10] == 0xff && b[11] == 0xff => {
            push_ip(out, &b[12..])
        }
        16 => {
            for (i, c) in b.chunks(2).enumerate() {
                if i > 0 {
                    out.push(':');
                }
                let _ = write!(out, "{:x}", u16::from_be_bytes([c[0], c[1]]));
            }
        }
        8 => {
            push_ip(out, &b[..4]);
            out.push('/');
            push_ip(out, &b[4..]);
        }
        // IPv6 and mask: the mask as a prefix length; a mask whose bits are not
        // contiguous makes Java's getName() fail and toString() dump the bytes.
        32 => {
            let mask = u128::from_be_bytes(b[16..].try_into().unwrap_or([0; 16]));
            let prefix = mask.leading_ones();
            if prefix < 128 && mask << prefix != 0 {
                return push_hex_dump(out, b);
            }
            push_ip(out, &b[..16]);
            out.push('/');
            push_decimal(out, u64::from(prefix));
        }
        _ => push_hex_lower(out, b),
    }
}

/// `sun.security.util.HexDumpEncoder.encodeBuffer`: 16 bytes a line, offset,
/// the bytes in two groups of eight, then the bytes as text (`.` outside
/// 0x20..=0x7a).
fn push_hex_dump(out: &mut String, b: &[u8]) {
    use std::fmt::Write as _;
    for (n, line) in b.chunks(16).enumerate() {
        let _ = write!(out, "{:04X}: ", n * 16);
        for (i, x) in line.iter().enumerate() {
            let _ = write!(out, "{x:02X} ");
            if i == 7 {
                out.push_str("  ");
            }
        }
        out.push(' ');
        for &x in line {
            out.push(if (0x20..=0x7a).contains(&x) {
                x as char
            } else {
                '.'
            });
        }
        out.push('\n');
    }
}

/// `GeneralName.toString()`.
pub fn san(name: &SanName) -> String {
    let mut s = String::with_capacity(32);
    push_san(&mut s, name);
    s
}

/// [`san`], appended to `out`.
pub fn push_san(out: &mut String, name: &SanName) {
    let (prefix, text) = match name {
        SanName::Dns(s) => ("DNSName: ", s.as_str()),
        SanName::Email(s) => ("RFC822Name: ", s.as_str()),
        SanName::Uri(s) => ("URIName: ", s.as_str()),
        SanName::RegisteredId(o) => ("OIDName: ", o.as_str()),
        SanName::Other(o) => ("Other-Name: Unrecognized ObjectIdentifier: ", o.as_str()),
        SanName::X400 => ("X400Address: <DER-encoded value>", ""),
        SanName::Ip(b) => {
            out.push_str("IPAddress: ");
            return push_ip(out, b);
        }
        SanName::Directory(d) => return push_dn(out, d),
        SanName::EdiParty(assigner, party) => {
            // JDK 17's EDIPartyName.toString(): the assigner only when present,
            // the party always (`null` when unread).
            out.push_str("EDIPartyName: ");
            if let Some(a) = assigner {
                out.push_str("  nameAssigner = ");
                out.push_str(a);
                out.push(',');
            }
            out.push_str("  partyName = ");
            out.push_str(party.as_deref().unwrap_or("null"));
            return;
        }
    };
    out.push_str(prefix);
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_java() {
        let q = |s: &str| {
            let mut o = String::new();
            push_value(&mut o, s);
            o
        };
        assert_eq!(q("Example, Inc."), "\"Example, Inc.\"");
        assert_eq!(q("a\"b"), "\"a\\\"b\"");
        assert_eq!(q(" lead"), "\" lead\"");
        assert_eq!(q("trail "), "\"trail \"");
        assert_eq!(q("two  spaces"), "\"two  spaces\"");
        assert_eq!(q("Müller"), "Müller");
        assert_eq!(q("plain"), "plain");
    }

    #[test]
    fn ipv6_is_uncompressed() {
        let mut b = [0u8; 16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = 0xb8;
        b[15] = 1;
        assert_eq!(ip(&b), "2001:db8:0:0:0:0:0:1");
    }
}
