//! BER → DER normalisation for the containers that arrive BER-encoded.
//!
//! Windows, macOS, Java's streaming encoders and `openssl cms -stream` write PKCS#12
//! and PKCS#7 with indefinite lengths and constructed (chunked) OCTET STRINGs. The
//! parsers used after this step read DER only, so this module rewrites the outer
//! structure into DER shape: indefinite lengths become definite, constructed
//! string types are joined into one primitive string, and lengths get their
//! minimal encoding. Primitive contents are copied untouched, so a certificate or
//! an encrypted blob inside an OCTET STRING keeps its exact bytes (a PKCS#12 MAC
//! covers those contents octets and stays valid).
//!
//! Hand-written because neither `der-parser` nor the RustCrypto `der` crate
//! re-encodes BER into DER (both read BER, neither writes it back), and the
//! rewrite is about 150 lines. It must not panic on any input: nesting is bounded
//! by [`MAX_DEPTH`], every slice access is checked, and the output only grows as
//! input bytes are copied (never from a length field).

use std::borrow::Cow;

/// Deepest nesting of constructed elements accepted.
pub const MAX_DEPTH: usize = 64;

/// Why BER could not be normalised; the texts follow "what was read: ".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BerError {
    /// Truncated: missing tag.
    #[error("truncated: missing tag")]
    MissingTag,
    /// Truncated: tag.
    #[error("truncated: tag")]
    TruncatedTag,
    /// Tag number too large.
    #[error("tag number too large")]
    TagTooLarge,
    /// Truncated: missing length.
    #[error("truncated: missing length")]
    MissingLength,
    /// Length field longer than 8 bytes.
    #[error("length field longer than 8 bytes")]
    LengthTooLong,
    /// Truncated: length.
    #[error("truncated: length")]
    TruncatedLength,
    /// Length does not fit in memory.
    #[error("length does not fit in memory")]
    LengthTooLarge,
    /// Length overflow.
    #[error("length overflow")]
    LengthOverflow,
    /// Truncated: content.
    #[error("truncated: content")]
    TruncatedContent,
    /// Truncated: missing end-of-contents.
    #[error("truncated: missing end-of-contents")]
    MissingEndOfContents,
    /// End-of-contents outside an indefinite length.
    #[error("end-of-contents outside an indefinite length")]
    StrayEndOfContents,
    /// Indefinite length on a primitive element.
    #[error("indefinite length on a primitive element")]
    IndefinitePrimitive,
    /// Constructed string holds a chunk of another type.
    #[error("constructed string holds a chunk of another type")]
    ForeignChunk,
    /// Indefinite length on a string chunk.
    #[error("indefinite length on a string chunk")]
    IndefiniteChunk,
    /// Truncated string chunk.
    #[error("truncated string chunk")]
    TruncatedChunk,
    /// BIT STRING chunk with unused bits before the last.
    #[error("BIT STRING chunk with unused bits before the last")]
    BitStringUnusedBits,
    /// Empty BIT STRING chunk.
    #[error("empty BIT STRING chunk")]
    EmptyBitStringChunk,
    /// Nesting beyond [`MAX_DEPTH`].
    #[error("nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

/// Universal tag numbers whose constructed form is a chunked string (X.690 8.21).
fn is_string_tag(number: u32) -> bool {
    matches!(number, 3 | 4 | 7 | 12 | 18..=30)
}

/// One decoded TLV header (also read by `pkcs7.rs`, which walks BER itself
/// to keep each certificate's own bytes).
pub(super) struct Header {
    /// The identifier octets as they appear in the input.
    pub(super) tag_len: usize,
    /// Universal-class tag number, or `None` for other classes.
    pub(super) universal: Option<u32>,
    /// Constructed bit.
    pub(super) constructed: bool,
    /// Identifier + length octets.
    pub(super) header_len: usize,
    /// Content length, `None` for the indefinite form.
    pub(super) len: Option<usize>,
    /// Whether the length octets are already in DER (minimal definite) form.
    pub(super) minimal: bool,
}

pub(super) fn header(b: &[u8]) -> Result<Header, BerError> {
    let first = *b.first().ok_or(BerError::MissingTag)?;
    let mut tag_len = 1;
    let mut number = u32::from(first & 0x1f);
    if first & 0x1f == 0x1f {
        // High-tag-number form: base-128 digits, at most 4 of them.
        number = 0;
        loop {
            let byte = *b.get(tag_len).ok_or(BerError::TruncatedTag)?;
            tag_len += 1;
            if tag_len > 5 {
                return Err(BerError::TagTooLarge);
            }
            number = (number << 7) | u32::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
    }
    let l0 = *b.get(tag_len).ok_or(BerError::MissingLength)?;
    let (len, len_octets, minimal) = if l0 < 0x80 {
        (Some(usize::from(l0)), 1, true)
    } else if l0 == 0x80 {
        (None, 1, false)
    } else {
        let n = usize::from(l0 & 0x7f);
        if n > 8 {
            return Err(BerError::LengthTooLong);
        }
        let mut len: usize = 0;
        for i in 0..n {
            let byte = *b.get(tag_len + 1 + i).ok_or(BerError::TruncatedLength)?;
            len = len
                .checked_mul(256)
                .and_then(|l| l.checked_add(usize::from(byte)))
                .ok_or(BerError::LengthTooLarge)?;
        }
        (Some(len), 1 + n, len >= 0x80 && n == length_octets(len) - 1)
    };
    Ok(Header {
        tag_len,
        universal: (first & 0xc0 == 0).then_some(number),
        constructed: first & 0x20 != 0,
        header_len: tag_len + len_octets,
        len,
        minimal,
    })
}

impl Header {
    /// The content of the definite-length element at the start of `rest`
    /// (whose content is `len` bytes), and the offset just after it.
    fn content<'b>(&self, rest: &'b [u8], len: usize) -> Result<(&'b [u8], usize), BerError> {
        let end = self
            .header_len
            .checked_add(len)
            .ok_or(BerError::LengthOverflow)?;
        let content = rest
            .get(self.header_len..end)
            .ok_or(BerError::TruncatedContent)?;
        Ok((content, end))
    }
}

/// Number of length octets DER uses for `len`.
fn length_octets(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS as usize / 8 - len.leading_zeros() as usize / 8)
    }
}

fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = len.leading_zeros() as usize / 8;
        let digits = bytes.get(skip..).unwrap_or(&[]);
        out.push(0x80 | digits.len() as u8);
        out.extend_from_slice(digits);
    }
}

/// True when every element of `b` (a concatenation of TLVs) is already DER-shaped.
fn is_der_shaped(b: &[u8], depth: usize) -> Result<bool, BerError> {
    let mut pos = 0;
    while pos < b.len() {
        let rest = b.get(pos..).unwrap_or(&[]);
        let h = header(rest)?;
        let Some(len) = h.len else { return Ok(false) };
        if !h.minimal {
            return Ok(false);
        }
        let (content, end) = h.content(rest, len)?;
        if h.constructed {
            if h.universal.is_some_and(is_string_tag) {
                return Ok(false);
            }
            if depth >= MAX_DEPTH {
                return Err(BerError::TooDeep);
            }
            if !is_der_shaped(content, depth + 1)? {
                return Ok(false);
            }
        }
        pos += end;
    }
    Ok(true)
}

/// Normalises the elements of `b` into `out`. With `until_eoc`, stops after an
/// end-of-contents marker and returns the bytes consumed including it; otherwise
/// consumes all of `b`.
fn normalise(
    b: &[u8],
    until_eoc: bool,
    depth: usize,
    out: &mut Vec<u8>,
) -> Result<usize, BerError> {
    let mut pos = 0;
    loop {
        let rest = b.get(pos..).unwrap_or(&[]);
        if rest.is_empty() {
            return if until_eoc {
                Err(BerError::MissingEndOfContents)
            } else {
                Ok(pos)
            };
        }
        if rest.starts_with(&[0, 0]) {
            return if until_eoc {
                Ok(pos + 2)
            } else {
                Err(BerError::StrayEndOfContents)
            };
        }
        let h = header(rest)?;
        let tag = rest.get(..h.tag_len).ok_or(BerError::TruncatedTag)?;
        if h.constructed {
            if depth >= MAX_DEPTH {
                return Err(BerError::TooDeep);
            }
            let start = out.len();
            let consumed = match h.len {
                Some(len) => {
                    let (content, end) = h.content(rest, len)?;
                    normalise(content, false, depth + 1, out)?;
                    end
                }
                None => {
                    let content = rest.get(h.header_len..).unwrap_or(&[]);
                    h.header_len + normalise(content, true, depth + 1, out)?
                }
            };
            let mut hdr = Vec::with_capacity(10);
            match h.universal.filter(|n| is_string_tag(*n)) {
                Some(number) => {
                    join_chunks(out, start, number)?;
                    // The primitive form of the same (low-number) universal tag.
                    hdr.push(number as u8);
                }
                None => hdr.extend_from_slice(tag),
            }
            push_length(&mut hdr, out.len() - start);
            out.splice(start..start, hdr);
            pos += consumed;
        } else {
            let len = h.len.ok_or(BerError::IndefinitePrimitive)?;
            let (content, end) = h.content(rest, len)?;
            out.extend_from_slice(tag);
            push_length(out, len);
            out.extend_from_slice(content);
            pos += end;
        }
    }
}

/// Replaces the DER chunks in `out[start..]` (primitive strings of universal tag
/// `number`, already normalised) by the concatenation of their contents. A BIT
/// STRING keeps one unused-bits octet, the last chunk's.
fn join_chunks(out: &mut Vec<u8>, start: usize, number: u32) -> Result<(), BerError> {
    let mut read = start;
    let mut write = start;
    let mut unused = 0u8;
    let bit_string = number == 3;
    if bit_string {
        // Room for the unused-bits octet: shift everything one to the right.
        out.insert(start, 0);
        read += 1;
        write += 1;
    }
    let mut last_unused = 0u8;
    while read < out.len() {
        let h = header(out.get(read..).unwrap_or(&[]))?;
        if h.constructed || h.universal != Some(number) || h.tag_len != 1 {
            return Err(BerError::ForeignChunk);
        }
        let len = h.len.ok_or(BerError::IndefiniteChunk)?;
        let mut from = read + h.header_len;
        let mut n = len;
        if from.checked_add(n).is_none_or(|end| end > out.len()) {
            return Err(BerError::TruncatedChunk);
        }
        if bit_string {
            if last_unused != 0 {
                return Err(BerError::BitStringUnusedBits);
            }
            if n == 0 {
                return Err(BerError::EmptyBitStringChunk);
            }
            last_unused = out.get(from).copied().unwrap_or(0);
            unused = last_unused;
            from += 1;
            n -= 1;
        }
        out.copy_within(from..from + n, write);
        write += n;
        read = from + n;
    }
    out.truncate(write);
    if bit_string {
        if let Some(slot) = out.get_mut(start) {
            *slot = unused;
        }
    }
    Ok(())
}

/// BER → DER normalisation of `bytes`, a concatenation of complete TLVs (usually
/// one): indefinite lengths → definite, constructed OCTET STRINGs (and the other
/// constructed string types) joined, lengths minimal. Returns `Cow::Borrowed`
/// when the input is already DER-shaped. Nesting is bounded by [`MAX_DEPTH`].
pub fn to_der(bytes: &[u8]) -> Result<Cow<'_, [u8]>, BerError> {
    if is_der_shaped(bytes, 0)? {
        return Ok(Cow::Borrowed(bytes));
    }
    // The output is at most a few bytes per element larger than the input.
    let mut out = Vec::with_capacity(bytes.len());
    normalise(bytes, false, 0, &mut out)?;
    Ok(Cow::Owned(out))
}

/// The bytes Java's `DerIndefLenConverter` makes of the BER element at the
/// start of `bytes` when its length is indefinite: what
/// `X509Certificate.getEncoded()` returns for such a certificate, and so
/// the bytes Java's fingerprints are over. Every indefinite length reached
/// through indefinite-length parents becomes the minimal definite length and
/// its end-of-contents octets go; every definite-length element is copied as
/// it is, content included (chunked strings stay chunked, other lengths keep
/// their form). Bytes after the element are not part of it.
pub fn java_definite(bytes: &[u8]) -> Result<Vec<u8>, BerError> {
    let mut out = Vec::with_capacity(bytes.len());
    definite_one(bytes, 0, &mut out)?;
    Ok(out)
}

/// [`java_definite`] of the element at the start of `b`, appended to `out`;
/// returns the input bytes it took.
fn definite_one(b: &[u8], depth: usize, out: &mut Vec<u8>) -> Result<usize, BerError> {
    let h = header(b)?;
    if let Some(len) = h.len {
        let (_, end) = h.content(b, len)?;
        out.extend_from_slice(b.get(..end).ok_or(BerError::TruncatedContent)?);
        return Ok(end);
    }
    if !h.constructed {
        return Err(BerError::IndefinitePrimitive);
    }
    if depth >= MAX_DEPTH {
        return Err(BerError::TooDeep);
    }
    let start = out.len();
    let mut pos = h.header_len;
    loop {
        let rest = b.get(pos..).unwrap_or_default();
        if rest.starts_with(&[0, 0]) {
            pos += 2;
            break;
        }
        if rest.is_empty() {
            return Err(BerError::MissingEndOfContents);
        }
        pos += definite_one(rest, depth + 1, out)?;
    }
    let mut hdr = b.get(..h.tag_len).unwrap_or_default().to_vec();
    push_length(&mut hdr, out.len() - start);
    out.splice(start..start, hdr);
    Ok(pos)
}

/// Length of the first complete BER element of `bytes` (indefinite lengths
/// followed to their end-of-contents), so callers can ignore trailing bytes.
pub fn element_len(bytes: &[u8]) -> Result<usize, BerError> {
    fn skip(b: &[u8], depth: usize) -> Result<usize, BerError> {
        let h = header(b)?;
        match h.len {
            Some(len) => h.content(b, len).map(|(_, end)| end),
            None => {
                if !h.constructed {
                    return Err(BerError::IndefinitePrimitive);
                }
                if depth >= MAX_DEPTH {
                    return Err(BerError::TooDeep);
                }
                let mut pos = h.header_len;
                loop {
                    let rest = b.get(pos..).unwrap_or(&[]);
                    if rest.starts_with(&[0, 0]) {
                        return Ok(pos + 2);
                    }
                    if rest.is_empty() {
                        return Err(BerError::MissingEndOfContents);
                    }
                    pos += skip(rest, depth + 1)?;
                }
            }
        }
    }
    skip(bytes, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Java's converter: indefinite lengths become definite, definite ones
    /// (a non-minimal `81 03`, a chunked string) stay as they are.
    #[test]
    fn java_definite_converts_only_indefinite_lengths() {
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x00, 0x00, 0x24, 0x03, 0x04, 0x01, 0xbb,
            0x02, 0x81, 0x01, 0x05, 0x00, 0x00, 0xff,
        ];
        let java = java_definite(&ber).unwrap();
        assert_eq!(
            java,
            [
                0x30, 0x0e, 0x24, 0x03, 0x04, 0x01, 0xaa, 0x24, 0x03, 0x04, 0x01, 0xbb, 0x02, 0x81,
                0x01, 0x05
            ]
        );
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(java_definite(&der).unwrap(), der);
        assert_eq!(
            java_definite(&[0x30, 0x80, 0x02, 0x01]),
            Err(BerError::TruncatedContent)
        );
        assert_eq!(
            java_definite(&[0x30, 0x80, 0x02, 0x01, 0x05]),
            Err(BerError::MissingEndOfContents)
        );
    }

    #[test]
    fn der_is_borrowed() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x03, 0x04, 0x01, 0xaa];
        assert!(matches!(to_der(&der), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn indefinite_and_chunks() {
        // SEQUENCE(indef) { OCTET STRING constructed(indef) { 04 01 aa, 04 02 bb cc } }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x02, 0xbb, 0xcc, 0x00, 0x00, 0x00,
            0x00,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(&*der, &[0x30, 0x05, 0x04, 0x03, 0xaa, 0xbb, 0xcc]);
        assert_eq!(element_len(&ber).unwrap(), ber.len());
    }

    #[test]
    fn context_tag_kept_and_nested_chunks() {
        // [0] constructed indefinite { 24 80 { 24 03 {04 01 01} 04 01 02 } 00 00 } 00 00
        let ber = [
            0xa0, 0x80, 0x24, 0x80, 0x24, 0x03, 0x04, 0x01, 0x01, 0x04, 0x01, 0x02, 0x00, 0x00,
            0x00, 0x00,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(&*der, &[0xa0, 0x04, 0x04, 0x02, 0x01, 0x02]);
    }

    #[test]
    fn bit_string_chunks() {
        let ber = [
            0x23, 0x80, 0x03, 0x02, 0x00, 0xaa, 0x03, 0x02, 0x04, 0xb0, 0x00, 0x00,
        ];
        assert_eq!(&*to_der(&ber).unwrap(), &[0x03, 0x03, 0x04, 0xaa, 0xb0]);
    }

    #[test]
    fn non_minimal_length_rewritten() {
        let ber = [0x04, 0x81, 0x01, 0xaa];
        assert_eq!(&*to_der(&ber).unwrap(), &[0x04, 0x01, 0xaa]);
        let long: Vec<u8> = [0x04, 0x81, 0x80].into_iter().chain([7u8; 128]).collect();
        assert!(matches!(to_der(&long), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn long_lengths() {
        let mut ber = vec![0x24, 0x80, 0x04, 0x82, 0x01, 0x00];
        ber.extend([1u8; 256]);
        ber.extend([0x04, 0x01, 2, 0, 0]);
        let der = to_der(&ber).unwrap();
        assert_eq!(&der[..4], &[0x04, 0x82, 0x01, 0x01]);
        assert_eq!(der.len(), 4 + 257);
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let cases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0x30],
            vec![0x30, 0x80],
            vec![0x30, 0x80, 0x00],
            vec![0x04, 0x80, 0x00, 0x00],
            vec![0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            vec![0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            vec![0x24, 0x80, 0x30, 0x00, 0x00, 0x00],
            vec![0x23, 0x80, 0x03, 0x00, 0x00, 0x00],
            vec![0x23, 0x80, 0x03, 0x01, 0x01, 0x03, 0x01, 0x00, 0x00, 0x00],
            vec![0x00, 0x00],
            vec![0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00],
            vec![0x3f, 0x81, 0x01, 0x80, 0x00, 0x00],
        ];
        for c in cases {
            let _ = to_der(&c);
            let _ = element_len(&c);
        }
        // Deep nesting is refused, not overflowed.
        let mut deep = vec![];
        for _ in 0..10_000 {
            deep.extend([0x30, 0x80]);
        }
        assert!(to_der(&deep).is_err());
        assert!(element_len(&deep).is_err());
    }

    #[test]
    fn high_tag_numbers_are_copied() {
        let ber = [0x7f, 0x81, 0x01, 0x80, 0x04, 0x01, 0x05, 0x00, 0x00];
        assert_eq!(
            &*to_der(&ber).unwrap(),
            &[0x7f, 0x81, 0x01, 0x03, 0x04, 0x01, 0x05]
        );
    }
}
