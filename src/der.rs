//! The one DER reader every container parser uses (in the spirit of
//! rustls-webpki's `der.rs`): tag/length headers, elements, children, OIDs
//! as dotted text, and hex.
//!
//! It reads definite-length DER only; BER input is normalised first
//! (`crate::load::ber`). It never allocates from a length read from the
//! input, never names an algorithm and never formats values for display
//! beyond dotted OIDs and hex.

use std::fmt::Write as _;

/// Universal tag INTEGER.
pub const INTEGER: u8 = 0x02;
/// Universal tag OCTET STRING.
pub const OCTET_STRING: u8 = 0x04;
/// Universal tag OBJECT IDENTIFIER.
pub const OID: u8 = 0x06;
/// Universal tag SEQUENCE (constructed).
pub const SEQUENCE: u8 = 0x30;
/// Universal tag SET (constructed).
pub const SET: u8 = 0x31;

/// Why DER could not be read. The texts are the ones the loaders have
/// always shown after "what was being read: ".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DerError {
    /// A high tag number, a length of more than 8 octets, or no header at all.
    #[error("unreadable tag or length")]
    BadHeader,
    /// The indefinite-length form (BER, not DER).
    #[error("indefinite length")]
    Indefinite,
    /// Header and content length overflow `usize`.
    #[error("length overflow")]
    Overflow,
    /// Fewer content bytes than the header declares.
    #[error("truncated")]
    Truncated,
    /// Another element than the one the structure requires.
    #[error("expected tag 0x{expected:02x}, found 0x{found:02x}")]
    UnexpectedTag {
        /// The tag the structure requires.
        expected: u8,
        /// The tag found.
        found: u8,
    },
    /// An OBJECT IDENTIFIER with no content octets (or more than a caller allows).
    #[error("bad OBJECT IDENTIFIER length")]
    OidLength,
    /// An OID arc that starts with a 0x80 pad octet.
    #[error("non-minimal OBJECT IDENTIFIER arc")]
    OidNotMinimal,
    /// An OID whose last octet has the continuation bit set.
    #[error("truncated OBJECT IDENTIFIER")]
    OidTruncated,
}

/// Reads one tag+length header: (tag byte, header length, content length or
/// `None` for the indefinite form). Only single-byte tags, as every container
/// structure here uses; lengths of up to 8 octets.
pub fn header(b: &[u8]) -> Option<(u8, usize, Option<usize>)> {
    let tag = *b.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let l0 = *b.get(1)?;
    if l0 < 0x80 {
        return Some((tag, 2, Some(usize::from(l0))));
    }
    if l0 == 0x80 {
        return Some((tag, 2, None));
    }
    let n = usize::from(l0 & 0x7f);
    if n > 8 {
        return None;
    }
    let mut len: usize = 0;
    for i in 0..n {
        len = len
            .checked_mul(256)?
            .checked_add(usize::from(*b.get(2 + i)?))?;
    }
    Some((tag, 2 + n, Some(len)))
}

/// One element: its tag, its content, and the element as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The identifier octet.
    pub tag: u8,
    /// The content octets.
    pub content: &'a [u8],
    /// Header and content.
    pub whole: &'a [u8],
}

/// Reads the element at the start of `b`: it and the bytes after it.
pub fn read_tlv(b: &[u8]) -> Result<(Tlv<'_>, &[u8]), DerError> {
    let (tag, hl, len) = header(b).ok_or(DerError::BadHeader)?;
    let len = len.ok_or(DerError::Indefinite)?;
    let end = hl.checked_add(len).ok_or(DerError::Overflow)?;
    let whole = b.get(..end).ok_or(DerError::Truncated)?;
    let tlv = Tlv {
        tag,
        content: &whole[hl..],
        whole,
    };
    Ok((tlv, &b[end..]))
}

/// The elements of a content, one after the other (also an [`Iterator`] of
/// elements, which stops at the first error after yielding it).
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    /// True when every element has been read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The tag of the next element, if any.
    pub fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.0
    }

    /// The next element: (tag, content).
    pub fn read(&mut self) -> Result<(u8, &'a [u8]), DerError> {
        let (tlv, rest) = read_tlv(self.0)?;
        self.0 = rest;
        Ok((tlv.tag, tlv.content))
    }

    /// The content of the next element, which must have tag `tag`.
    pub fn expect(&mut self, tag: u8) -> Result<&'a [u8], DerError> {
        let (found, content) = self.read()?;
        if found != tag {
            return Err(DerError::UnexpectedTag {
                expected: tag,
                found,
            });
        }
        Ok(content)
    }

    /// The content of the next element when it has tag `tag`; else nothing
    /// is read.
    pub fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, DerError> {
        if self.peek() == Some(tag) {
            self.read().map(|(_, content)| Some(content))
        } else {
            Ok(None)
        }
    }

    /// The next element, an OBJECT IDENTIFIER, as dotted text.
    pub fn read_oid(&mut self) -> Result<String, DerError> {
        oid_to_string(self.expect(OID)?)
    }

    /// The content of the next element, an OCTET STRING.
    pub fn read_octets(&mut self) -> Result<&'a [u8], DerError> {
        self.expect(OCTET_STRING)
    }

    /// The content of the next element, an INTEGER (two's complement, as stored).
    pub fn read_integer(&mut self) -> Result<&'a [u8], DerError> {
        self.expect(INTEGER)
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Tlv<'a>, DerError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        match read_tlv(self.0) {
            Ok((tlv, rest)) => {
                self.0 = rest;
                Some(Ok(tlv))
            }
            Err(e) => {
                self.0 = &[];
                Some(Err(e))
            }
        }
    }
}

/// The dotted text of an OID's content octets (X.690 §8.19): the first
/// subidentifier `n` is `0.n` below 40, `1.(n-40)` below 80, else
/// `2.(n-80)` (so `88 37` is `2.999`); a lone `00` is `0.0`. Arcs of any size,
/// as Java's `ObjectIdentifier` prints them (`BigInteger` arcs).
pub fn oid_to_string(content: &[u8]) -> Result<String, DerError> {
    check_oid(content)?;
    let mut out = String::with_capacity(content.len() * 3);
    let mut start = 0;
    for (i, &b) in content.iter().enumerate() {
        if b & 0x80 == 0 {
            push_arc(&mut out, &content[start..=i]);
            start = i + 1;
        }
    }
    Ok(out)
}

/// Checks an OID's content octets as X.690 (and Java's `ObjectIdentifier`)
/// require: present, no arc starting with a 0x80 pad, the last octet ending an arc.
pub fn check_oid(content: &[u8]) -> Result<(), DerError> {
    let (&last, _) = content.split_last().ok_or(DerError::OidLength)?;
    if last & 0x80 != 0 {
        return Err(DerError::OidTruncated);
    }
    let mut fresh = true;
    for &b in content {
        if fresh && b == 0x80 {
            return Err(DerError::OidNotMinimal);
        }
        fresh = b & 0x80 == 0;
    }
    Ok(())
}

/// Appends one subidentifier (its base-128 octets); the first one holds two arcs.
fn push_arc(out: &mut String, groups: &[u8]) {
    let first = out.is_empty();
    if groups.len() <= 9 {
        // Up to 63 bits: the common case, no big arithmetic.
        let arc = groups
            .iter()
            .fold(0u64, |a, &b| (a << 7) | u64::from(b & 0x7f));
        // Writing to a String cannot fail.
        let _ = if first {
            let top = (arc / 40).min(2);
            write!(out, "{top}.{}", arc - top * 40)
        } else {
            write!(out, ".{arc}")
        };
        return;
    }
    // A larger arc: little-endian limbs of base 10^9.
    let mut limbs: Vec<u64> = vec![0];
    for &b in groups {
        let mut carry = u64::from(b & 0x7f);
        for l in limbs.iter_mut() {
            let v = *l * 128 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    if first {
        // Over 63 bits, so at least 80: the first arc is 2.
        let mut borrow = 80;
        for l in limbs.iter_mut() {
            let (v, under) = if *l >= borrow {
                (*l - borrow, 0)
            } else {
                (*l + 1_000_000_000 - borrow, 1)
            };
            *l = v;
            borrow = under;
        }
        out.push_str("2.");
    } else {
        out.push('.');
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut rev = limbs.iter().rev();
    if let Some(top) = rev.next() {
        let _ = write!(out, "{top}");
    }
    for l in rev {
        let _ = write!(out, "{l:09}");
    }
}

/// Lower-case hex of `bytes`, two digits each, no separator.
pub fn hex(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789abcdef")
}

/// Upper-case hex of `bytes`, two digits each, no separator.
pub fn hex_upper(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789ABCDEF")
}

fn hex_with(bytes: &[u8], digits: &[u8; 16]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_form_lengths() {
        assert_eq!(header(&[0x30, 0x03]), Some((0x30, 2, Some(3))));
        assert_eq!(header(&[0x04, 0x81, 0xc8]), Some((0x04, 3, Some(200))));
        assert_eq!(
            header(&[0x30, 0x82, 0x01, 0x00]),
            Some((0x30, 4, Some(256)))
        );
        assert_eq!(header(&[0x30, 0x80]), Some((0x30, 2, None)));
        // Nine length octets, a truncated long form, a high tag number.
        assert_eq!(header(&[0x30, 0x89, 1, 1, 1, 1, 1, 1, 1, 1, 1]), None);
        assert_eq!(header(&[0x30, 0x82, 0x01]), None);
        assert_eq!(header(&[0x1f, 0x01]), None);
        assert_eq!(header(&[0x30]), None);
        assert_eq!(header(&[]), None);
    }

    #[test]
    fn elements_and_their_errors() {
        let (tlv, rest) = read_tlv(&[0x02, 0x01, 0x05, 0xff]).unwrap();
        assert_eq!(
            (tlv.tag, tlv.content, tlv.whole),
            (2, &[5u8][..], &[2u8, 1, 5][..])
        );
        assert_eq!(rest, &[0xff]);
        assert_eq!(read_tlv(&[0x04, 0x03, 1, 2]), Err(DerError::Truncated));
        assert_eq!(read_tlv(&[0x30, 0x80, 0, 0]), Err(DerError::Indefinite));
        assert_eq!(read_tlv(&[0x30]), Err(DerError::BadHeader));
        let huge = [0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(read_tlv(&huge), Err(DerError::Overflow));
    }

    #[test]
    fn reader_expects_tags_and_iterates_children() {
        let seq = [0x02, 0x01, 0x07, 0x06, 0x03, 0x2a, 0x86, 0x48, 0x04, 0x00];
        let mut r = Reader(&seq);
        assert_eq!(r.optional(OCTET_STRING), Ok(None));
        assert_eq!(r.read_integer(), Ok(&[7u8][..]));
        assert_eq!(
            r.expect(SEQUENCE),
            Err(DerError::UnexpectedTag {
                expected: 0x30,
                found: 0x06
            })
        );
        assert_eq!(r.read_octets(), Ok(&[][..]));
        assert!(r.is_empty());
        let tags: Vec<u8> = Reader(&seq).map(|t| t.unwrap().tag).collect();
        assert_eq!(tags, [2, 6, 4]);
        let broken: Vec<_> = Reader(&[0x02, 0x01, 0x07, 0x04, 0x05, 0x00]).collect();
        assert_eq!(broken.len(), 2);
        assert_eq!(broken[1], Err(DerError::Truncated));
        assert_eq!(Reader(&[0x06, 0x01, 0x2a]).read_oid().as_deref(), Ok("1.2"));
    }

    #[test]
    fn oids() {
        let ok = |b: &[u8]| oid_to_string(b).unwrap();
        assert_eq!(
            ok(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]),
            "1.2.840.113549.1.7.2"
        );
        assert_eq!(ok(&[0x88, 0x37, 0x01]), "2.999.1");
        assert_eq!(ok(&[0x88, 0x37]), "2.999");
        assert_eq!(ok(&[0x00]), "0.0");
        assert_eq!(ok(&[0x27]), "0.39");
        assert_eq!(ok(&[0x28]), "1.0");
        assert_eq!(ok(&[0x50]), "2.0");
        assert_eq!(ok(&[0x55, 0x04, 0x03]), "2.5.4.3");
        let max = [0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
        assert_eq!(
            ok(&[&[0x2a][..], &max].concat()),
            format!("1.2.{}", u64::MAX)
        );
        assert_eq!(oid_to_string(&[]), Err(DerError::OidLength));
        assert_eq!(oid_to_string(&[0x2a, 0x86]), Err(DerError::OidTruncated));
        assert_eq!(oid_to_string(&[0x80, 0x01]), Err(DerError::OidNotMinimal));
        assert_eq!(
            oid_to_string(&[0x2a, 0x80, 0x01]),
            Err(DerError::OidNotMinimal)
        );
        // Arcs past 64 bits, as Java's BigInteger arcs: 1.2.99999999999999999999999
        // and 2.(2^70 - 80 + 1).
        let big = [
            0x2a, 0xd4, 0xda, 0x82, 0xe3, 0xf8, 0xa9, 0xaf, 0xb3, 0xff, 0xff, 0x7f,
        ];
        assert_eq!(ok(&big), "1.2.99999999999999999999999");
        let mut first = vec![0x81];
        first.extend([0x80; 9]);
        first.push(0x01);
        assert_eq!(ok(&first), format!("2.{}", (1u128 << 70) + 1 - 80));
        assert_eq!(oid_to_string(&[0x2a, 0xff]), Err(DerError::OidTruncated));
    }

    #[test]
    fn hex_both_cases() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
        assert_eq!(hex_upper(&[0x00, 0xab, 0x7f]), "00AB7F");
        assert_eq!(hex(&[]), "");
    }
}
