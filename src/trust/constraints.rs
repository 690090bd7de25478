//! Name constraints (RFC 5280 §4.2.1.10), as rustls-webpki applies them: a
//! constrained CA's permitted and excluded subtrees of DNS names, IP
//! addresses, email addresses and directory names, checked against the
//! names of every certificate below it. Other name forms (URIs, otherName)
//! are not judged.

use crate::der::Reader;
use crate::model::{AttrValue, CertRecord, SanName};

/// One subtree of a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subtree {
    Dns(String),
    Email(String),
    /// Address and mask, 4 + 4 or 16 + 16 bytes.
    Ip(Vec<u8>, Vec<u8>),
    /// A Name's encoding (the SEQUENCE OF RDN contents).
    Directory(Vec<u8>),
    /// A form not judged here.
    Other,
}

/// A CA's name constraints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameConstraints {
    permitted: Vec<Subtree>,
    excluded: Vec<Subtree>,
}

impl NameConstraints {
    /// Reads a NameConstraints extension value; `None` when it cannot be read.
    pub fn parse(value: &[u8]) -> Option<NameConstraints> {
        let mut r = Reader(Reader(value).expect(0x30).ok()?);
        let mut nc = NameConstraints::default();
        while !r.is_empty() {
            let (tag, body) = r.read().ok()?;
            let list = subtrees(body)?;
            match tag {
                0xa0 => nc.permitted = list,
                0xa1 => nc.excluded = list,
                _ => return None,
            }
        }
        Some(nc)
    }

    /// The first of `c`'s names these constraints do not allow, in words.
    pub fn violation(&self, c: &CertRecord) -> Option<String> {
        for name in &c.sans {
            let bad = match name {
                SanName::Dns(d) => self.refuses(|s| match s {
                    Subtree::Dns(base) => Some(dns_within(d, base)),
                    _ => None,
                }),
                SanName::Email(e) => self.refuses(|s| match s {
                    Subtree::Email(base) => Some(email_within(e, base)),
                    _ => None,
                }),
                SanName::Ip(ip) => self.refuses(|s| match s {
                    Subtree::Ip(addr, mask) => Some(ip_within(ip, addr, mask)),
                    _ => None,
                }),
                _ => false,
            };
            if bad {
                return Some(describe(name));
            }
        }
        let dn_bad = !c.subject.avas.is_empty()
            && self.refuses(|s| match s {
                Subtree::Directory(base) => Some(rdns(&c.subject_raw).starts_with(base)),
                _ => None,
            });
        if dn_bad {
            return Some(format!("the subject {}", crate::java::dn(&c.subject)));
        }
        for v in c.subject.values_of("1.2.840.113549.1.9.1") {
            if let AttrValue::Text(e) = v {
                if self.refuses(|s| match s {
                    Subtree::Email(base) => Some(email_within(e, base)),
                    _ => None,
                }) {
                    return Some(format!("the subject email {e}"));
                }
            }
        }
        None
    }

    /// Whether a name is refused: inside an excluded subtree of its form, or
    /// outside every permitted one when there are any. `within` says, for a
    /// subtree of the name's form, whether the name is inside it.
    fn refuses(&self, within: impl Fn(&Subtree) -> Option<bool>) -> bool {
        if self.excluded.iter().any(|s| within(s) == Some(true)) {
            return true;
        }
        let permitted: Vec<bool> = self.permitted.iter().filter_map(&within).collect();
        !permitted.is_empty() && !permitted.contains(&true)
    }
}

fn describe(name: &SanName) -> String {
    format!("the name {}", crate::java::san(name))
}

/// The RDNs of a Name's encoding (its SEQUENCE's contents).
fn rdns(name: &[u8]) -> &[u8] {
    Reader(name).expect(0x30).unwrap_or(&[])
}

/// GeneralSubtrees ::= SEQUENCE OF GeneralSubtree { base, minimum [0], maximum [1] }.
fn subtrees(body: &[u8]) -> Option<Vec<Subtree>> {
    let mut r = Reader(body);
    let mut out = Vec::new();
    while !r.is_empty() {
        let mut st = Reader(r.expect(0x30).ok()?);
        let (tag, base) = st.read().ok()?;
        let text = || {
            String::from_utf8(base.to_vec())
                .ok()
                .map(|s| s.to_ascii_lowercase())
        };
        out.push(match tag {
            0x81 => Subtree::Email(text()?),
            0x82 => Subtree::Dns(text()?),
            0x87 => match base.len() {
                8 | 32 => {
                    let (a, m) = base.split_at(base.len() / 2);
                    Subtree::Ip(a.to_vec(), m.to_vec())
                }
                _ => return None,
            },
            0xa4 => Subtree::Directory(Reader(base).expect(0x30).ok()?.to_vec()),
            _ => Subtree::Other,
        });
    }
    Some(out)
}

/// RFC 5280: a DNS name is within `base` when labels added on the left make
/// it (`base` "example.com" holds "example.com" and "a.example.com"; a
/// leading dot, as some CAs write, holds only the names below it).
fn dns_within(name: &str, base: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let base = base.trim_end_matches('.');
    if base.is_empty() {
        return true;
    }
    if let Some(below) = base.strip_prefix('.') {
        return name.ends_with(base) && name.len() > below.len() + 1;
    }
    name == base || name.ends_with(&format!(".{base}"))
}

/// RFC 5280: `base` is a mailbox (exact), a host (the part after `@`), or
/// `.domain` (any host below it).
fn email_within(email: &str, base: &str) -> bool {
    let email = email.to_ascii_lowercase();
    if base.contains('@') {
        return email == base;
    }
    let host = email.rsplit_once('@').map_or(email.as_str(), |(_, h)| h);
    match base.strip_prefix('.') {
        Some(_) => host.ends_with(base),
        None => host == base,
    }
}

fn ip_within(ip: &[u8], addr: &[u8], mask: &[u8]) -> bool {
    ip.len() == addr.len()
        && ip
            .iter()
            .zip(addr)
            .zip(mask)
            .all(|((i, a), m)| i & m == a & m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtrees_match_as_rfc_5280_says() {
        assert!(dns_within("allowed.test", "allowed.test"));
        assert!(dns_within("a.b.Allowed.test.", "allowed.test"));
        assert!(!dns_within("notallowed.test", "allowed.test"));
        assert!(!dns_within("allowed.test", ".allowed.test"));
        assert!(dns_within("x.allowed.test", ".allowed.test"));
        assert!(email_within("Me@Mail.Example", "mail.example"));
        assert!(!email_within("me@sub.mail.example", "mail.example"));
        assert!(email_within("me@sub.mail.example", ".mail.example"));
        assert!(email_within("me@mail.example", "me@mail.example"));
        assert!(ip_within(&[10, 1, 2, 3], &[10, 0, 0, 0], &[255, 0, 0, 0]));
        assert!(!ip_within(&[11, 1, 2, 3], &[10, 0, 0, 0], &[255, 0, 0, 0]));
        assert!(!ip_within(&[10, 1, 2, 3], &[0; 16], &[0; 16]));
    }
}
