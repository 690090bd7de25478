//! Scratch stand-in for the real `ber.rs` (written by someone else): rewrites
//! indefinite lengths as definite ones. Not delivered.

use std::borrow::Cow;

fn enc_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// Re-encodes one element; returns (encoding, bytes consumed).
fn conv(b: &[u8], depth: usize) -> Result<(Vec<u8>, usize), String> {
    if depth > 64 {
        return Err("too deep".into());
    }
    let (tag, hl, len) = super::sniff::header(b).ok_or("bad header")?;
    let mut out = vec![tag];
    match len {
        Some(l) => {
            let end = hl.checked_add(l).ok_or("overflow")?;
            let body = b.get(hl..end).ok_or("truncated")?;
            if tag & 0x20 != 0 {
                let mut inner = Vec::new();
                let mut p = 0;
                while p < body.len() {
                    let (e, n) = conv(&body[p..], depth + 1)?;
                    inner.extend(e);
                    p += n;
                }
                enc_len(inner.len(), &mut out);
                out.extend(inner);
            } else {
                enc_len(body.len(), &mut out);
                out.extend_from_slice(body);
            }
            Ok((out, end))
        }
        None => {
            let mut inner = Vec::new();
            let mut p = hl;
            loop {
                let rest = b.get(p..).ok_or("truncated")?;
                if rest.starts_with(&[0, 0]) {
                    p += 2;
                    break;
                }
                if rest.is_empty() {
                    return Err("truncated".into());
                }
                let (e, n) = conv(rest, depth + 1)?;
                inner.extend(e);
                p += n;
            }
            enc_len(inner.len(), &mut out);
            out.extend(inner);
            Ok((out, p))
        }
    }
}

/// Normalises BER indefinite lengths to DER definite lengths.
pub fn to_der(bytes: &[u8]) -> Result<Cow<'_, [u8]>, String> {
    let (out, n) = conv(bytes, 0)?;
    if n != bytes.len() {
        return Err("trailing bytes".into());
    }
    if out == bytes {
        Ok(Cow::Borrowed(bytes))
    } else {
        Ok(Cow::Owned(out))
    }
}
