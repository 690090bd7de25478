//! `list -f pem`: every certificate of every entry as a PEM block, in output
//! order (an entry's own certificate, then its chain), each preceded by a
//! `# alias` line with `--comments`. What `openssl pkcs12 -nokeys` is used
//! for, without its legacy-provider traps, for every input certinfo reads.

use super::{certificates, RenderOptions};
use crate::model::EntryRecord;
use std::io;

/// Base64 characters per PEM line (RFC 7468).
const LINE: usize = 64;

/// Appends the PEM blocks of `entries`. The DER is the one the model kept
/// (`model::Keep::Der`); a record without it is an internal error, never a
/// silently missing block.
pub fn render(
    entries: &[EntryRecord],
    opts: &RenderOptions<'_>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    for (e, c) in certificates(entries) {
        let der = c.signed.as_ref().map(|s| s.der()).ok_or_else(|| {
            io::Error::other("internal error: certificate bytes not kept for -f pem")
        })?;
        if opts.comments {
            // Escaped: an alias cannot start a line of its own (or a block).
            out.extend_from_slice(b"# ");
            out.extend_from_slice(super::term::sanitize(&e.alias).as_bytes());
            out.push(b'\n');
        }
        block(der, out);
    }
    Ok(())
}

/// One `CERTIFICATE` block.
fn block(der: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(armour("CERTIFICATE", der).as_bytes());
}

/// `der` in PEM armour with `label`, 64 base64 characters a line (the one
/// PEM writer: `-f pem` and `inspect`'s `"pem"`).
pub fn armour(label: &str, der: &[u8]) -> String {
    let b64 = base64_simd::STANDARD.encode_to_string(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / LINE + 64);
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    for line in b64.as_bytes().chunks(LINE) {
        // Base64 is ASCII.
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_64_columns_and_round_trip() {
        let der: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let mut out = Vec::new();
        block(&der, &mut out);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[lines.len() - 1], "-----END CERTIFICATE-----");
        let body = &lines[1..lines.len() - 1];
        assert!(body[..body.len() - 1].iter().all(|l| l.len() == 64));
        let back = base64_simd::STANDARD
            .decode_to_vec(body.concat().as_bytes())
            .unwrap();
        assert_eq!(back, der);
    }
}
