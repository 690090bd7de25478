//! PEM: any number of blocks, text between them, LF or CRLF.
//!
//! Written by hand rather than with the `pem` crate because one broken block
//! must not hide the others (the crate's `parse_many` fails the whole input),
//! and because we must report each block by number. Base64 decoding is
//! `base64-simd`'s; like Java's MIME decoder we ignore whitespace.

use super::chain::{self, RawCert, RawKey};
use super::{BlockFault, ContainerFormat, LoadError, LoadOptions, Loaded, Problem};

/// Labels whose body is one X.509 certificate.
const CERT_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];
/// Labels whose body is a PKCS#7 bundle.
const P7_LABELS: &[&str] = &["PKCS7", "CERTIFICATE CHAIN"];
/// Labels that mark a private key.
const KEY_LABELS: &[&str] = &[
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
];

/// Why one PEM block's body could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PemBlockError {
    /// The body is not canonical padded base64, even without whitespace.
    #[error("bad base64 ({0})")]
    BadBase64(Base64Fault),
}

/// The first fault in a base64 body (with whitespace removed). The texts are
/// the ones users have seen since 0.1, from the `base64` crate of then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Base64Fault {
    /// A byte outside the alphabet, or `=` where no padding may be: (byte, offset).
    #[error("Invalid symbol {0}, offset {1}.")]
    Symbol(u8, usize),
    /// A last quad of one symbol: the offset where it ends.
    #[error("Invalid input length: {0}")]
    Length(usize),
    /// Missing or extra `=` padding.
    #[error("Invalid padding")]
    Padding,
    /// A fault the checks above do not name.
    #[error("Invalid input")]
    Other,
}

/// One `-----BEGIN X-----` … `-----END X-----` block.
#[derive(Debug)]
pub struct Block<'a> {
    /// 1-based block number in the file.
    pub number: usize,
    /// The label after BEGIN.
    pub label: &'a str,
    /// The bytes between the armour lines (headers included).
    pub body: &'a [u8],
    /// False when no END line followed.
    pub closed: bool,
    /// The END line (without its line end), empty when there is none.
    pub end: &'a [u8],
    /// A UTF-8 byte-order mark stood before the BEGIN line.
    pub bom: bool,
    /// How its BEGIN line is written.
    pub header: Header,
}

/// A BEGIN line as Java's PEM reader judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `-----BEGIN X-----` at the start of its line (blanks after it allowed).
    Ok,
    /// `-----BEGIN ` at the start of a line with text after the label's dashes,
    /// or without them (Java: "Illegal header"): a numbered block without a
    /// body, reported, not read.
    Illegal,
    /// `-----BEGIN ` after other text on its line (Java: "Incomplete data"):
    /// not a block (it has no number), reported so that no certificate goes
    /// unsaid.
    NotAtLineStart,
}

impl Block<'_> {
    /// This block as a problem of its input.
    fn problem(&self, fault: BlockFault) -> Problem {
        Problem::Block {
            number: self.number,
            label: self.label.to_string(),
            fault,
        }
    }

    /// True when the END line names the BEGIN line's label, with five dashes
    /// on either side (spaces or tabs after it do not matter).
    pub fn end_matches(&self) -> bool {
        trim_blanks(self.end)
            .strip_prefix(b"-----END ")
            .and_then(|l| l.strip_suffix(b"-----"))
            == Some(self.label.as_bytes())
    }

    /// True for a legacy OpenSSL encrypted key (`Proc-Type: 4,ENCRYPTED` header).
    pub fn is_encrypted(&self) -> bool {
        self.lines().take_while(|l| !l.is_empty()).any(|l| {
            l.starts_with(b"Proc-Type:") && memchr::memmem::find(l, b"ENCRYPTED").is_some()
        })
    }
}

impl<'a> Block<'a> {
    /// The body's lines, without their line ends.
    pub fn lines(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let body: &'a [u8] = self.body;
        body.split(|&b| b == b'\n')
            .map(trim_cr)
            .take(if body.is_empty() { 0 } else { usize::MAX })
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A UTF-8 byte-order mark, as editors on Windows put before text.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// `line` without the spaces and tabs at its end.
fn trim_blanks(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t'] = line {
        line = rest;
    }
    line
}

/// The label of a BEGIN line (its line end removed): `-----BEGIN X-----` at
/// column 0, or after a UTF-8 byte-order mark, with any spaces or tabs after
/// it (OpenSSL and Python read both; Java reads the blanks, not the mark).
/// Returns the label and whether a mark stood before it.
fn begin_label(line: &[u8]) -> Option<(&[u8], bool)> {
    let (line, bom) = match line.strip_prefix(BOM) {
        Some(l) => (l, true),
        None => (line, false),
    };
    let label = trim_blanks(line.strip_prefix(b"-----BEGIN ")?).strip_suffix(b"-----")?;
    Some((label, bom))
}

/// A line that is no BEGIN line but holds `-----BEGIN `: its label (up to the
/// next dashes) and how it is written.
fn odd_begin(line: &[u8]) -> Option<(&[u8], Header)> {
    let at = memchr::memmem::find(line, b"-----BEGIN ")?;
    let before = &line[..at];
    let starts = before.is_empty() || before == BOM;
    let rest = &line[at + b"-----BEGIN ".len()..];
    let label = memchr::memmem::find(rest, b"-----").map_or(rest, |e| &rest[..e]);
    Some((
        trim_blanks(label),
        if starts {
            Header::Illegal
        } else {
            Header::NotAtLineStart
        },
    ))
}

/// Splits the input into blocks. A BEGIN line must start at column 0, as Java requires.
pub fn blocks(bytes: &[u8]) -> Vec<Block<'_>> {
    blocks_with(bytes, 1)
}

/// [`blocks`], numbering from `first` (for a chunk of a larger file).
fn blocks_with(bytes: &[u8], first: usize) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    // Blocks numbered so far (a BEGIN line not at the start of its line is
    // listed, unnumbered).
    let mut numbered = 0;
    let end_finder = memchr::memmem::Finder::new(b"\n-----END ");
    let mut pos = 0;
    while pos < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let line = trim_cr(&bytes[pos..end]);
        pos = end + 1;
        let (label, bom) = match begin_label(line) {
            Some(found) => found,
            None => match odd_begin(line) {
                // Listed with no body (what follows is scanned as usual, so a
                // good block after it is still found); only a line-start one
                // takes a number, as the chunked reader counts them.
                Some((label, header)) => {
                    numbered += usize::from(header == Header::Illegal);
                    out.push(Block {
                        number: numbered + first - 1,
                        label: std::str::from_utf8(label).unwrap_or("?"),
                        body: &[],
                        closed: true,
                        end: &[],
                        bom: false,
                        header,
                    });
                    continue;
                }
                None => continue,
            },
        };
        let label = std::str::from_utf8(label).unwrap_or("?");
        // The body runs to the first line that starts with `-----END `:
        // one search instead of a scan per line (half the cost of reading
        // a bundle's PEM).
        let start = pos.min(bytes.len());
        let rest = &bytes[start..];
        let end_line = if rest.starts_with(b"-----END ") {
            Some(0)
        } else {
            end_finder.find(rest).map(|i| i + 1)
        };
        let (body, end) = match end_line {
            Some(e) => {
                // Skip the END line itself.
                let len = memchr::memchr(b'\n', &rest[e..]).unwrap_or(rest.len() - e);
                pos = (start + e + len + 1).min(bytes.len());
                (
                    &rest[..e.saturating_sub(1)],
                    Some(trim_cr(&rest[e..e + len])),
                )
            }
            None => {
                pos = bytes.len();
                (rest.strip_suffix(b"\n").unwrap_or(rest), None)
            }
        };
        let body = trim_cr(body);
        numbered += 1;
        out.push(Block {
            number: numbered + first - 1,
            label,
            body,
            closed: end.is_some(),
            end: end.unwrap_or_default(),
            bom,
            header: Header::Ok,
        });
    }
    out
}

/// What a certificate request is called in messages.
pub const CSR: &str = "a certificate request (CSR)";
/// What a CRL is called in messages.
pub const CRL: &str = "a certificate revocation list (CRL)";

/// What PEM blocks hold when none is a certificate: a private key, a CSR, a
/// CRL or a public key (the first such block says); `None` otherwise.
fn holds_instead(blocks: &[Block<'_>]) -> Option<&'static str> {
    blocks.iter().find_map(|b| match b.label {
        l if l.ends_with("PRIVATE KEY") => Some("a private key"),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Some(CSR),
        "X509 CRL" => Some(CRL),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => Some("a public key"),
        _ => None,
    })
}

/// What a PEM file holds when it holds no certificate block at all but a
/// key, a CSR or a CRL (what a directory walk passes over with a note).
pub fn holds_no_certificate(bytes: &[u8]) -> Option<&'static str> {
    let all = blocks(bytes);
    if all
        .iter()
        .any(|b| b.label.contains("CERTIFICATE") && !b.label.contains("REQUEST"))
    {
        return None;
    }
    holds_instead(&all)
}

/// Whether a PEM file holds a CSR or a CRL block.
pub fn holds_other(bytes: &[u8]) -> bool {
    blocks(bytes).iter().any(|b| other_kind(b.label).is_some())
}

/// Decodes a block body: RFC 1421 headers (`Proc-Type: …`) are skipped,
/// whitespace is ignored.
pub fn decode(block: &Block<'_>) -> Result<Vec<u8>, PemBlockError> {
    decode_with(block, &mut Vec::new())
}

/// [`decode`], joining the base64 lines in `scratch` (kept from block to
/// block by the caller, so a bundle does not allocate it per certificate).
fn decode_with(block: &Block<'_>, scratch: &mut Vec<u8>) -> Result<Vec<u8>, PemBlockError> {
    let mut body = block.body;
    if memchr::memchr(b':', body).is_some() {
        // Skip the header lines up to the first blank line.
        let mut rest = body;
        loop {
            let (line, next) = match memchr::memchr(b'\n', rest) {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &rest[rest.len()..]),
            };
            if line.iter().all(|c| c.is_ascii_whitespace()) || next.is_empty() {
                body = next;
                break;
            }
            rest = next;
        }
    }
    // Fast path: the lines joined (one memcpy each) decode in one call, as
    // they do for what every tool writes. Stray whitespace inside lines
    // makes that fail; then it is filtered out, as Java's MIME decoder does.
    let b64 = scratch;
    b64.clear();
    b64.reserve(body.len());
    let mut rest = body;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        b64.extend_from_slice(trim_cr(&rest[..i]));
        rest = &rest[i + 1..];
    }
    b64.extend_from_slice(trim_cr(rest));
    decode_joined(b64)
}

/// Decodes the joined base64 lines of a block (whitespace may be removed
/// from `b64` on the slow path).
fn decode_joined(b64: &mut Vec<u8>) -> Result<Vec<u8>, PemBlockError> {
    if let Ok(der) = base64_simd::STANDARD.decode_to_vec(&*b64) {
        return Ok(der);
    }
    b64.retain(|c| !c.is_ascii_whitespace());
    if let Ok(der) = base64_simd::STANDARD.decode_to_vec(&*b64) {
        return Ok(der);
    }
    if clear_padding_bits(b64) {
        if let Ok(der) = base64_simd::STANDARD.decode_to_vec(&*b64) {
            return Ok(der);
        }
    }
    Err(PemBlockError::BadBase64(diagnose(b64)))
}

/// Clears the bits after the data in the last symbol before `=` padding
/// (`TWF=` for `Ma` becomes `TWE=`); true when there were any. Java's MIME
/// decoder, OpenSSL and Python ignore those bits and base64-simd does not
/// (RFC 4648 §3.5 lets a decoder do either): Java reads such certificates,
/// so certinfo does too. Only tried when decoding failed.
fn clear_padding_bits(b64: &mut [u8]) -> bool {
    let (at, mask) = match b64 {
        [.., _, b'=', b'='] => (b64.len() - 3, 0x0f),
        [.., _, b'='] => (b64.len() - 2, 0x03),
        _ => return false,
    };
    match symbol_value(b64[at]) {
        Some(v) if v & mask != 0 => {
            b64[at] = ALPHABET[v & !mask];
            true
        }
        _ => false,
    }
}

/// The 64 symbols of the standard alphabet, in value order.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of a base64 symbol.
fn symbol_value(c: u8) -> Option<usize> {
    ALPHABET.iter().position(|&t| t == c)
}

/// Why `b64` (whitespace removed) is not canonical padded base64, worded as
/// the messages users have seen since 0.1 (base64-simd's error says only
/// that decoding failed, so the first fault is located here).
fn diagnose(b64: &[u8]) -> Base64Fault {
    let rem = b64.len() % 4;
    let last = b64.last().copied().unwrap_or(0);
    if rem == 1 && last != b'=' && symbol_value(last).is_none() {
        return Base64Fault::Symbol(last, b64.len() - 1);
    }
    // Every quad but the last holds symbols only.
    let split = b64.len().saturating_sub(if rem == 0 { 4 } else { rem });
    if let Some(i) = b64[..split].iter().position(|&c| symbol_value(c).is_none()) {
        return Base64Fault::Symbol(b64[i], i);
    }
    let (mut symbols, mut pads, mut first_pad) = (0, 0, 0);
    for (i, &c) in b64[split..].iter().enumerate() {
        if c == b'=' {
            if i < 2 {
                return Base64Fault::Symbol(b'=', split + i);
            }
            first_pad = if pads == 0 { i } else { first_pad };
            pads += 1;
        } else if pads > 0 {
            return Base64Fault::Symbol(b'=', split + first_pad);
        } else if symbol_value(c).is_some() {
            symbols += 1;
        } else {
            return Base64Fault::Symbol(c, split + i);
        }
    }
    if !b64.is_empty() && symbols < 2 {
        return Base64Fault::Length(split + symbols);
    }
    if (pads + symbols) % 4 != 0 {
        return Base64Fault::Padding;
    }
    Base64Fault::Other
}

/// Loads a PEM input: certificate and PKCS#7 blocks give certificates, key
/// blocks give keys, everything else is skipped. Blocks that cannot be
/// decoded are reported in `Loaded::problems`, the rest is still returned.
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    load_from(bytes, opts, 1)
}

/// [`load`] for a chunk of a larger PEM file whose first block is number
/// `first_block` (block numbers in messages stay those of the whole file).
pub fn load_from(
    bytes: &[u8],
    opts: &LoadOptions,
    first_block: usize,
) -> Result<Loaded, LoadError> {
    const F: ContainerFormat = ContainerFormat::Pem;
    let all = blocks_with(bytes, first_block);
    let mut got = Gathered {
        want_others: opts.others,
        ..Gathered::default()
    };
    let mut scratch = Vec::new();
    for block in &all {
        got.take(block, &mut scratch);
    }
    let Gathered {
        keys,
        certs,
        problems,
        mut details,
        warnings,
        others,
        ..
    } = got;
    if certs.is_empty() && !others.is_empty() {
        return Ok(Loaded {
            format: F,
            entries: Vec::new(),
            warnings,
            problems,
            details,
            others,
        });
    }
    if certs.is_empty() {
        if let Some(p) = problems.first() {
            return Err(LoadError::malformed(F, p.to_string()));
        }
        if let Some(what) = holds_instead(&all) {
            return Err(LoadError::NoCertificateIn { format: F, what });
        }
        return Err(LoadError::NoCertificate { format: F });
    }
    details.insert(
        0,
        format!(
            "{} PEM block(s), {} certificate(s), {} key(s)",
            all.len(),
            certs.len(),
            keys.len()
        ),
    );
    let entries = chain::build_entries(keys, certs, opts.max_certificates)
        .map_err(|limit| LoadError::TooManyCertificates { format: F, limit })?;
    Ok(Loaded {
        format: F,
        entries,
        warnings,
        problems,
        details,
        others,
    })
}

/// What the blocks of an input gave so far.
#[derive(Default)]
struct Gathered {
    keys: Vec<RawKey>,
    certs: Vec<RawCert>,
    problems: Vec<Problem>,
    details: Vec<String>,
    warnings: Vec<String>,
    /// Requests and CRLs are wanted (`LoadOptions::others`).
    want_others: bool,
    others: Vec<super::Other>,
}

/// The labels of the blocks `inspect` reads besides certificates.
fn other_kind(label: &str) -> Option<super::OtherKind> {
    match label {
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Some(super::OtherKind::Request),
        "X509 CRL" => Some(super::OtherKind::Crl),
        _ => None,
    }
}

impl Gathered {
    /// Takes one block: certificate and PKCS#7 blocks give certificates, key
    /// blocks keys, other blocks are skipped; a block that cannot be read is
    /// a problem. `scratch` is kept from block to block by the caller.
    fn take(&mut self, block: &Block<'_>, scratch: &mut Vec<u8>) {
        // Formatted only for a message: not per certificate of a bundle.
        let what = || format!("block {} ({})", block.number, block.label);
        let is_cert = CERT_LABELS.contains(&block.label);
        let is_p7 = P7_LABELS.contains(&block.label);
        let is_key = KEY_LABELS.contains(&block.label);
        let other = other_kind(block.label).filter(|_| self.want_others);
        if !(is_cert || is_p7 || is_key || other.is_some()) {
            self.details
                .push(format!("{}: skipped, not a certificate", what()));
            return;
        }
        if block.header == Header::NotAtLineStart {
            self.problems.push(Problem::StrayBegin {
                after: block.number,
                label: block.label.to_string(),
            });
            return;
        }
        if let Some(fault) = armour_fault(block) {
            self.problems.push(block.problem(fault));
            return;
        }
        if block.bom {
            self.warnings.push(format!("{}: {BOM_WARNING}", what()));
        }
        let mut der = match decode_with(block, scratch) {
            Ok(d) => d,
            Err(e) => {
                self.problems.push(block.problem(e.into()));
                return;
            }
        };
        if let Some(kind) = other {
            self.others.push(super::Other { kind, der });
        } else if is_cert {
            if block.label == "TRUSTED CERTIFICATE" && strip_trust_settings(&mut der) {
                self.warnings.push(format!("{}: {TRUST_WARNING}", what()));
            }
            self.certs.push(RawCert {
                der,
                ..RawCert::default()
            });
        } else if is_p7 {
            match super::pkcs7::certificates(&der) {
                Ok(list) => self.certs.extend(list.into_iter().map(|der| RawCert {
                    der,
                    ..RawCert::default()
                })),
                Err(e) => self
                    .problems
                    .push(block.problem(BlockFault::Pkcs7(Box::new(e)))),
            }
        } else if let Some(key) = key_of(block, &der) {
            self.keys.push(key);
        } else {
            self.warnings
                .push(format!("{}: not a private key, ignored", what()));
        }
    }
}

/// Why a BOM before a block is worth a warning although it is read.
const BOM_WARNING: &str = "a UTF-8 byte-order mark before its BEGIN line; read, \
                           but Java's CertificateFactory rejects the file";
/// Why a `TRUSTED CERTIFICATE` block's trust settings are worth a warning.
const TRUST_WARNING: &str = "OpenSSL's trust settings after the certificate ignored \
                             (Java rejects the block: extra data at the end)";

/// What rejects a block by its armour: no END line, or an END line that does
/// not name the BEGIN line's label (Java and OpenSSL reject both).
fn armour_fault(block: &Block<'_>) -> Option<BlockFault> {
    match block.header {
        Header::Ok => {}
        Header::Illegal => return Some(BlockFault::IllegalHeader),
        Header::NotAtLineStart => return None,
    }
    if !block.closed {
        return Some(BlockFault::NoEnd);
    }
    if !block.end_matches() {
        let end = String::from_utf8_lossy(block.end);
        let end: String = end.chars().take(80).collect();
        return Some(BlockFault::EndMismatch(end));
    }
    None
}

/// A `TRUSTED CERTIFICATE` body (`openssl x509 -trustout`) is the
/// certificate followed by OpenSSL's trust settings (`X509_CERT_AUX`, one
/// SEQUENCE), which are not part of the certificate: they are cut off, and
/// true is returned. Anything else after the certificate is left for the
/// model to report as trailing data.
fn strip_trust_settings(der: &mut Vec<u8>) -> bool {
    let Ok(n) = super::ber::element_len(der) else {
        return false;
    };
    let aux = der.get(n..).unwrap_or_default();
    let one_sequence = aux.first() == Some(&0x30) && super::ber::element_len(aux) == Ok(aux.len());
    if one_sequence {
        der.truncate(n);
    }
    one_sequence
}

/// The key a key block holds; `None` when its body is not a key at all.
fn key_of(block: &Block<'_>, der: &[u8]) -> Option<RawKey> {
    if !block.is_encrypted() && !chain::is_der_sequence(der) {
        return None;
    }
    let public = if block.label == "ENCRYPTED PRIVATE KEY" || block.is_encrypted() {
        None
    } else {
        chain::public_of_private(der)
    };
    let facts = public.as_ref().and_then(|_| chain::facts_of_private(der));
    Some(RawKey {
        public,
        facts,
        ..RawKey::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line-by-line block scanner that `blocks_with` replaced.
    fn blocks_by_line(bytes: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>, bool)> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut next_line = || -> Option<(usize, &[u8])> {
            if pos >= bytes.len() {
                return None;
            }
            let start = pos;
            let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            pos = end + 1;
            Some((start, trim_cr(&bytes[start..end])))
        };
        while let Some((_, line)) = next_line() {
            let line = line.strip_prefix(BOM).unwrap_or(line);
            let line = trim_blanks(line);
            let Some(label) = line
                .strip_prefix(b"-----BEGIN ")
                .and_then(|l| l.strip_suffix(b"-----"))
            else {
                continue;
            };
            let mut body_start = None;
            let mut body_end = 0;
            let mut end = Vec::new();
            while let Some((at, l)) = next_line() {
                if l.starts_with(b"-----END ") {
                    end = l.to_vec();
                    break;
                }
                body_start.get_or_insert(at);
                body_end = at + l.len();
            }
            let body = match body_start {
                Some(s) if body_end >= s => &bytes[s..body_end],
                _ => &bytes[0..0],
            };
            out.push((
                String::from_utf8_lossy(label).into_owned(),
                body.to_vec(),
                end.clone(),
                !end.is_empty(),
            ));
        }
        out
    }

    /// `blocks_with` finds the same blocks and bodies as a line-by-line
    /// scan, over inputs assembled from armour lines, body lines, blank
    /// lines, CRLF and missing final newlines.
    #[test]
    fn block_scanning_agrees_with_the_line_by_line_scan() {
        let pieces: &[&[u8]] = &[
            b"-----BEGIN CERTIFICATE-----\n",
            b"-----BEGIN X-----\r\n",
            b"-----END CERTIFICATE-----\n",
            b"-----END X-----\r\n",
            b"-----END X-----",
            b"-----END-----\n",
            b"MIIBbase64line\n",
            b"TUlJQg==\r\n",
            b"\n",
            b"\r\n",
            b"text between -----END X-----\n",
            b"Proc-Type: 4,ENCRYPTED\n",
            b"no newline",
            b"\xef\xbb\xbf-----BEGIN X-----\n",
            b"-----BEGIN X-----  \t\r\n",
            b"-----END X-----\t \n",
            b"-----END Y-----\n",
            b"-----END X\n",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut input = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 9) as usize;
            let mut x = seed;
            for _ in 0..n {
                input.extend_from_slice(pieces[(x % pieces.len() as u64) as usize]);
                x /= pieces.len() as u64;
                if x == 0 {
                    x = seed.rotate_left(17) | 1;
                }
            }
            let want = blocks_by_line(&input);
            // The line-by-line scan knows only well-formed BEGIN lines.
            let got: Vec<(String, Vec<u8>, Vec<u8>, bool)> = blocks_with(&input, 1)
                .into_iter()
                .filter(|b| b.header == Header::Ok)
                .map(|b| {
                    (
                        b.label.to_string(),
                        b.body.to_vec(),
                        b.end.to_vec(),
                        b.closed,
                    )
                })
                .collect();
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(&input));
        }
    }

    /// An END line matches when it names the BEGIN label with five dashes
    /// on either side; blanks after it do not matter, CR is never seen.
    #[test]
    fn end_lines_must_name_the_begin_label() {
        let cases: &[(&[u8], bool)] = &[
            (b"-----END CERTIFICATE-----", true),
            (b"-----END CERTIFICATE----- \t ", true),
            (b"-----END X509 CRL-----", false),
            (b"-----END CERTIFICATE", false),
            (b"-----END CERTIFICATE---", false),
            (b"-----END CERTIFICATE------", false),
            (b"-----END  CERTIFICATE-----", false),
            (b"-----END certificate-----", false),
        ];
        for (end, ok) in cases {
            let text = [b"-----BEGIN CERTIFICATE-----\nTWFu\n", *end, b"\n"].concat();
            let all = blocks(&text);
            assert_eq!(all.len(), 1);
            assert_eq!(
                all[0].end_matches(),
                *ok,
                "{:?}",
                String::from_utf8_lossy(end)
            );
        }
    }

    /// A BOM before a BEGIN line and blanks after it are read; the BOM is
    /// recorded for the warning.
    #[test]
    fn a_bom_and_trailing_blanks_do_not_hide_a_block() {
        let text =
            b"\xef\xbb\xbf-----BEGIN CERTIFICATE-----  \r\nTWFu\r\n-----END CERTIFICATE-----\t\r\n\
                     -----BEGIN CERTIFICATE-----\t\nTWFu\n-----END CERTIFICATE-----\n";
        let all = blocks(text);
        assert_eq!(all.len(), 2);
        assert!(all[0].bom && !all[1].bom);
        for b in &all {
            assert_eq!(
                (b.label, b.body, b.end_matches()),
                ("CERTIFICATE", &b"TWFu"[..], true)
            );
        }
    }

    /// What is accepted, and the message for what is not: the accept set
    /// and wording of the `base64` crate's STANDARD engine, which decoded
    /// PEM before base64-simd (checked against it when it was replaced),
    /// except that non-zero padding bits are accepted, as Java accepts them.
    #[test]
    fn decoding_accepts_canonical_base64_and_names_the_first_fault() {
        let cases: &[(&str, Result<&[u8], &str>)] = &[
            ("", Ok(b"")),
            ("TWFu", Ok(b"Man")),
            ("TWE=", Ok(b"Ma")),
            ("TQ==", Ok(b"M")),
            ("TW Fu", Ok(b"Man")),
            ("TQ=\t=", Ok(b"M")),
            // Non-zero padding bits are ignored, as Java ignores them.
            ("TWF=", Ok(b"Ma")),
            ("TR==", Ok(b"M")),
            ("TR=\n=", Ok(b"M")),
            ("TWE", Err("Invalid padding")),
            ("TQ", Err("Invalid padding")),
            ("TWFuT", Err("Invalid input length: 5")),
            ("TWE==", Err("Invalid symbol 61, offset 3.")),
            ("TW*u", Err("Invalid symbol 42, offset 2.")),
            ("!!!!TWFu", Err("Invalid symbol 33, offset 0.")),
            ("TWFu*", Err("Invalid symbol 42, offset 4.")),
            ("=TWFu", Err("Invalid symbol 61, offset 0.")),
            ("TW=uTWFu", Err("Invalid symbol 61, offset 2.")),
            ("TWE=A", Err("Invalid symbol 61, offset 3.")),
            ("TQ=A", Err("Invalid symbol 61, offset 2.")),
        ];
        for (input, want) in cases {
            let got = decode_joined(&mut input.as_bytes().to_vec());
            match want {
                Ok(bytes) => assert_eq!(got.as_deref(), Ok(*bytes), "{input:?}"),
                Err(msg) => assert_eq!(
                    got.map_err(|e| e.to_string()),
                    Err(format!("bad base64 ({msg})")),
                    "{input:?}"
                ),
            }
        }
    }
}
