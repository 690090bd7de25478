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
//! rewrite is a few hundred lines. It must not panic on any input: the walk is
//! iterative (no recursion, so no stack overflow) and nesting is bounded by
//! [`MAX_DEPTH`], every slice access is checked, and the output is sized by a
//! first pass over the bytes present (never from a length field).

use std::borrow::Cow;

/// Deepest nesting of constructed elements accepted: far beyond any real file
/// (JDK 17 reads a PKCS#12 whose bag attribute nests 100,000 levels deep); it
/// bounds only the walk's memory, a few dozen bytes per level.
pub const MAX_DEPTH: usize = 1 << 18;

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

/// One step of the walk over a concatenation of BER elements.
enum Step<'b> {
    /// A constructed element begins.
    Open {
        /// Its identifier octets.
        tag: &'b [u8],
        /// `Some(number)` when it is a constructed string not inside another
        /// one: its chunks are joined into one primitive string.
        root: Option<u32>,
        /// `Some(number)` when it is a chunk of a constructed string.
        inner: Option<u32>,
        /// Definite, minimal length.
        der: bool,
    },
    /// A primitive element.
    Leaf {
        tag: &'b [u8],
        content: &'b [u8],
        inner: Option<u32>,
        der: bool,
    },
    /// The innermost open constructed element ends.
    Close,
}

/// An open constructed element of the walk.
struct Frame {
    /// Where its content ends (definite length), `None` for "at end-of-contents".
    end: Option<usize>,
    /// The end of the nearest definite-length element around it (or of the
    /// input): no child may reach past it.
    limit: usize,
    /// The universal number of the constructed string it is (or is inside).
    string: Option<u32>,
}

/// An iterative walk (no recursion: the nesting depth costs heap, one
/// [`Frame`] per level, up to [`MAX_DEPTH`]) that checks every length
/// against the bytes present and the constraints of constructed strings.
struct Walk<'b> {
    b: &'b [u8],
    pos: usize,
    stack: Vec<Frame>,
}

impl<'b> Walk<'b> {
    fn new(b: &'b [u8]) -> Self {
        Walk {
            b,
            pos: 0,
            stack: Vec::new(),
        }
    }

    fn step(&mut self) -> Result<Option<Step<'b>>, BerError> {
        let (limit, end, string) = match self.stack.last() {
            Some(f) => (f.limit, f.end, f.string),
            None => (self.b.len(), Some(self.b.len()), None),
        };
        if end == Some(self.pos) {
            return Ok(self.stack.pop().map(|_| Step::Close));
        }
        let rest = self.b.get(self.pos..limit).unwrap_or(&[]);
        if rest.starts_with(&[0, 0]) {
            if end.is_some() {
                return Err(BerError::StrayEndOfContents);
            }
            self.pos += 2;
            self.stack.pop();
            return Ok(Some(Step::Close));
        }
        if rest.is_empty() {
            return Err(BerError::MissingEndOfContents);
        }
        let h = header(rest)?;
        let tag = rest.get(..h.tag_len).ok_or(BerError::TruncatedTag)?;
        if let Some(n) = string {
            if h.universal != Some(n) || h.tag_len != 1 {
                return Err(BerError::ForeignChunk);
            }
        }
        if !h.constructed {
            let len = h.len.ok_or(BerError::IndefinitePrimitive)?;
            let (content, after) = h.content(rest, len)?;
            self.pos += after;
            return Ok(Some(Step::Leaf {
                tag,
                content,
                inner: string,
                der: h.minimal,
            }));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(BerError::TooDeep);
        }
        let (end, limit) = match h.len {
            Some(len) => {
                let (_, after) = h.content(rest, len)?;
                (Some(self.pos + after), self.pos + after)
            }
            None => (None, limit),
        };
        let own = h.universal.filter(|n| is_string_tag(*n));
        self.stack.push(Frame {
            end,
            limit,
            string: string.or(own),
        });
        self.pos += h.header_len;
        Ok(Some(Step::Open {
            tag,
            root: if string.is_none() { own } else { None },
            inner: string,
            der: h.len.is_some() && h.minimal,
        }))
    }
}

/// What the output of one open element is made of, while measuring.
enum Sizing {
    /// A constructed element kept as such (its identifier octets' length).
    Kept(usize),
    /// A constructed string made primitive (BIT STRING or not).
    Root { bit: bool },
    /// A chunk of a constructed string: only its contents count.
    Inner,
}

/// The DER shape of `b`, measured: the content length of every constructed
/// element in walk order, the unused-bits octet of every joined BIT STRING,
/// whether anything must change, and the output length.
struct Measure {
    lens: Vec<usize>,
    unused: Vec<u8>,
    changed: bool,
    total: usize,
}

impl Measure {
    /// Records the content length of the element just closed (opened as
    /// `lens[idx]`, `acc` bytes of content measured): its output length.
    fn close(&mut self, what: Sizing, idx: usize, acc: usize, last_unused: Option<u8>) -> usize {
        let (content, id_len) = match what {
            Sizing::Kept(n) => (acc, Some(n)),
            Sizing::Root { bit: true } => {
                self.unused.push(last_unused.unwrap_or(0));
                (acc + 1, Some(1))
            }
            Sizing::Root { bit: false } => (acc, Some(1)),
            Sizing::Inner => (acc, None),
        };
        if let Some(slot) = self.lens.get_mut(idx) {
            *slot = content;
        }
        match id_len {
            Some(n) => n + length_octets(content) + content,
            None => content,
        }
    }
}

fn measure(b: &[u8]) -> Result<Measure, BerError> {
    let mut m = Measure {
        lens: Vec::new(),
        unused: Vec::new(),
        changed: false,
        total: 0,
    };
    // (what, index into lens, content length so far), one per open element.
    let mut open: Vec<(Sizing, usize, usize)> = Vec::new();
    let mut last_unused: Option<u8> = None;
    let mut walk = Walk::new(b);
    while let Some(step) = walk.step()? {
        let add = match step {
            Step::Open {
                tag,
                root,
                inner,
                der,
            } => {
                m.changed |= !der || root.is_some();
                let what = match (inner, root) {
                    (Some(_), _) => Sizing::Inner,
                    (None, Some(n)) => {
                        last_unused = None;
                        Sizing::Root { bit: n == 3 }
                    }
                    (None, None) => Sizing::Kept(tag.len()),
                };
                open.push((what, m.lens.len(), 0));
                m.lens.push(0);
                continue;
            }
            Step::Leaf {
                content,
                inner: Some(3),
                ..
            } => {
                if last_unused.is_some_and(|u| u != 0) {
                    return Err(BerError::BitStringUnusedBits);
                }
                let (&u, bits) = content.split_first().ok_or(BerError::EmptyBitStringChunk)?;
                last_unused = Some(u);
                bits.len()
            }
            Step::Leaf {
                content,
                inner: Some(_),
                ..
            } => content.len(),
            Step::Leaf {
                tag, content, der, ..
            } => {
                m.changed |= !der;
                tag.len() + length_octets(content.len()) + content.len()
            }
            Step::Close => {
                let Some((what, idx, acc)) = open.pop() else {
                    continue;
                };
                m.close(what, idx, acc, last_unused)
            }
        };
        let sum = match open.last_mut() {
            Some((_, _, acc)) => acc,
            None => &mut m.total,
        };
        *sum = sum.checked_add(add).ok_or(BerError::LengthOverflow)?;
    }
    Ok(m)
}

/// Writes the DER form of `b`, whose shape `m` holds.
fn emit(b: &[u8], m: &Measure) -> Result<Vec<u8>, BerError> {
    let mut out = Vec::with_capacity(m.total);
    let mut lens = m.lens.iter().copied();
    let mut unused = m.unused.iter().copied();
    let mut walk = Walk::new(b);
    while let Some(step) = walk.step()? {
        match step {
            Step::Open {
                tag, root, inner, ..
            } => {
                let len = lens.next().unwrap_or(0);
                if inner.is_some() {
                    continue;
                }
                match root {
                    // The primitive form of the same (low-number) universal tag.
                    Some(n) => {
                        out.push(n as u8);
                        push_length(&mut out, len);
                        if n == 3 {
                            out.push(unused.next().unwrap_or(0));
                        }
                    }
                    None => {
                        out.extend_from_slice(tag);
                        push_length(&mut out, len);
                    }
                }
            }
            Step::Leaf {
                content,
                inner: Some(n),
                ..
            } => {
                let skip = usize::from(n == 3);
                out.extend_from_slice(content.get(skip..).unwrap_or(&[]));
            }
            Step::Leaf { tag, content, .. } => {
                out.extend_from_slice(tag);
                push_length(&mut out, content.len());
                out.extend_from_slice(content);
            }
            Step::Close => {}
        }
    }
    Ok(out)
}

/// BER → DER normalisation of `bytes`, a concatenation of complete TLVs (usually
/// one): indefinite lengths → definite, constructed OCTET STRINGs (and the other
/// constructed string types, chunks nested in chunks included) joined, lengths
/// minimal. Returns `Cow::Borrowed` when the input is already DER-shaped.
/// Two passes of an iterative walk (measure, then write), so the time is linear
/// in the input whatever the nesting; nesting is bounded by [`MAX_DEPTH`].
pub fn to_der(bytes: &[u8]) -> Result<Cow<'_, [u8]>, BerError> {
    let m = measure(bytes)?;
    if !m.changed {
        return Ok(Cow::Borrowed(bytes));
    }
    emit(bytes, &m).map(Cow::Owned)
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
/// Iterative: only a count of open indefinite lengths is kept.
pub fn element_len(bytes: &[u8]) -> Result<usize, BerError> {
    let mut pos = 0;
    let mut open = 0usize;
    loop {
        let rest = bytes.get(pos..).unwrap_or(&[]);
        if open > 0 {
            if rest.starts_with(&[0, 0]) {
                pos += 2;
                open -= 1;
                if open == 0 {
                    return Ok(pos);
                }
                continue;
            }
            if rest.is_empty() {
                return Err(BerError::MissingEndOfContents);
            }
        }
        let h = header(rest)?;
        match h.len {
            Some(len) => {
                pos += h.content(rest, len)?.1;
                if open == 0 {
                    return Ok(pos);
                }
            }
            None => {
                if !h.constructed {
                    return Err(BerError::IndefinitePrimitive);
                }
                if open >= MAX_DEPTH {
                    return Err(BerError::TooDeep);
                }
                open += 1;
                pos += h.header_len;
            }
        }
    }
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
        // Unterminated deep nesting is an error, not a stack overflow.
        let mut deep = vec![];
        for _ in 0..10_000 {
            deep.extend([0x30, 0x80]);
        }
        assert!(to_der(&deep).is_err());
        assert!(element_len(&deep).is_err());
    }

    /// `n` indefinite-length SEQUENCEs around a UTF8String, and its DER form.
    fn nested(n: usize, open: [u8; 2]) -> (Vec<u8>, Vec<u8>) {
        let mut ber = open.repeat(n);
        ber.extend([0x0c, 0x01, b'x']);
        ber.extend([0, 0].repeat(n));
        // Content lengths from the innermost level out, then written outside in.
        let mut lens = vec![3usize];
        for _ in 1..n {
            let inner = *lens.last().unwrap();
            lens.push(1 + length_octets(inner) + inner);
        }
        let mut der = Vec::new();
        for &len in lens.iter().rev() {
            der.push(open[0]);
            push_length(&mut der, len);
        }
        der.extend([0x0c, 0x01, b'x']);
        (ber, der)
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        // Far deeper than the old recursive limit of 64, and than any thread stack.
        let (ber, der) = nested(100_000, [0x30, 0x80]);
        assert_eq!(&*to_der(&ber).unwrap(), &der[..]);
        assert_eq!(element_len(&ber).unwrap(), ber.len());
        assert!(matches!(to_der(&der), Ok(Cow::Borrowed(_))));
        // Constructed OCTET STRINGs nested in each other join into one.
        let mut octets = [0x24, 0x80].repeat(1000);
        octets.extend([0x04, 0x02, 1, 2, 0x04, 0x01, 3]);
        octets.extend([0, 0].repeat(1000));
        assert_eq!(&*to_der(&octets).unwrap(), &[0x04, 0x03, 1, 2, 3]);
    }

    #[test]
    fn nesting_beyond_the_bound_is_refused() {
        let (ber, der) = nested(MAX_DEPTH + 1, [0x30, 0x80]);
        assert_eq!(to_der(&ber), Err(BerError::TooDeep));
        assert_eq!(element_len(&ber), Err(BerError::TooDeep));
        assert_eq!(to_der(&der), Err(BerError::TooDeep));
        let (ber, _) = nested(MAX_DEPTH, [0x30, 0x80]);
        assert!(to_der(&ber).is_ok());
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
