//! Java's strings for numbers and bytes: `BigInteger.toString(16)` serials,
//! keytool's fingerprints, `getSigAlgName()`, key usage names, decimals and
//! the SPEC's `id`. Pure formatting: no I/O, no parsing.

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends lower-case hex (table-driven, not `write!`: this runs for every
/// certificate of a large bundle).
pub fn push_hex_lower(out: &mut String, b: &[u8]) {
    out.reserve(b.len() * 2);
    for &x in b {
        out.push(HEX_LOWER[(x >> 4) as usize] as char);
        out.push(HEX_LOWER[(x & 15) as usize] as char);
    }
}

/// keytool's fingerprint form: upper-case pairs joined by `:`.
pub fn hex_colon_upper(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 3);
    for (i, &x) in b.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push(HEX_UPPER[(x >> 4) as usize] as char);
        s.push(HEX_UPPER[(x & 15) as usize] as char);
    }
    s
}

/// `BigInteger.toString(16)` of a DER INTEGER's content (two's complement).
pub fn serial(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 1);
    push_serial(&mut s, bytes);
    s
}

/// [`serial`], appended to `out`.
pub fn push_serial(out: &mut String, bytes: &[u8]) {
    let start = out.len();
    match magnitude(bytes) {
        (true, m) => {
            out.push('-');
            push_hex_trimmed(out, &m);
        }
        (false, _) => push_hex_trimmed(out, bytes),
    }
    if out.len() == start || out.ends_with('-') {
        out.push('0');
    }
}

/// A two's-complement big-endian integer's sign, and its magnitude when it
/// is negative (else empty: the bytes are the magnitude).
fn magnitude(bytes: &[u8]) -> (bool, Vec<u8>) {
    if bytes.first().is_none_or(|&b| b & 0x80 == 0) {
        return (false, Vec::new());
    }
    // Negation, least significant byte first: invert, and add one until the
    // carry stops.
    let mut m = bytes.iter().map(|b| !b).collect::<Vec<u8>>();
    for b in m.iter_mut().rev() {
        let (v, carry) = b.overflowing_add(1);
        *b = v;
        if !carry {
            break;
        }
    }
    (true, m)
}

/// A serial as `BigInteger.toString()`: the signed decimal of its
/// two's-complement big-endian bytes (what x509-certificate-exporter labels
/// `serial_number`).
pub fn serial_decimal(bytes: &[u8]) -> String {
    let (negative, neg) = magnitude(bytes);
    let mut mag: Vec<u8> = if negative { neg } else { bytes.to_vec() };
    // Base-10^9 limbs, least significant first, by long division.
    let mut limbs = Vec::new();
    while mag.iter().any(|&b| b != 0) {
        let mut rem = 0u64;
        for b in mag.iter_mut() {
            let cur = (rem << 8) | u64::from(*b);
            *b = (cur / 1_000_000_000) as u8;
            rem = cur % 1_000_000_000;
        }
        limbs.push(rem);
    }
    let mut out = String::from(if negative { "-" } else { "" });
    match limbs.split_last() {
        None => out.push('0'),
        Some((top, rest)) => {
            out.push_str(&top.to_string());
            for l in rest.iter().rev() {
                out.push_str(&format!("{l:09}"));
            }
        }
    }
    out
}

/// Lower-case hex of `b` without leading zero digits (nothing for zero).
fn push_hex_trimmed(out: &mut String, b: &[u8]) {
    let first = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    let b = &b[first..];
    if let Some((&x, rest)) = b.split_first() {
        if x >= 0x10 {
            out.push(HEX_LOWER[(x >> 4) as usize] as char);
        }
        out.push(HEX_LOWER[(x & 15) as usize] as char);
        push_hex_lower(out, rest);
    }
}

/// `AlgorithmId.getName()` for a signature algorithm OID; unknown OIDs print as they are.
pub fn sig_alg_name(oid: &str) -> String {
    sig_alg_str(oid).to_string()
}

/// [`sig_alg_name`], borrowed.
pub fn sig_alg_str(oid: &str) -> &str {
    match oid {
        "1.2.840.113549.1.1.2" => "MD2withRSA",
        "1.2.840.113549.1.1.4" => "MD5withRSA",
        "1.2.840.113549.1.1.5" => "SHA1withRSA",
        "1.2.840.113549.1.1.14" => "SHA224withRSA",
        "1.2.840.113549.1.1.11" => "SHA256withRSA",
        "1.2.840.113549.1.1.12" => "SHA384withRSA",
        "1.2.840.113549.1.1.13" => "SHA512withRSA",
        "1.2.840.113549.1.1.15" => "SHA512/224withRSA",
        "1.2.840.113549.1.1.16" => "SHA512/256withRSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.1" => "RSA",
        "1.3.14.3.2.29" => "SHA1withRSA",
        "1.2.840.10045.4.1" => "SHA1withECDSA",
        "1.2.840.10045.4.3.1" => "SHA224withECDSA",
        "1.2.840.10045.4.3.2" => "SHA256withECDSA",
        "1.2.840.10045.4.3.3" => "SHA384withECDSA",
        "1.2.840.10045.4.3.4" => "SHA512withECDSA",
        "1.2.840.10040.4.3" => "SHA1withDSA",
        "1.3.14.3.2.13" => "SHA1withDSA",
        "1.3.14.3.2.27" => "SHA1withDSA",
        "2.16.840.1.101.3.4.3.1" => "SHA224withDSA",
        "2.16.840.1.101.3.4.3.2" => "SHA256withDSA",
        "2.16.840.1.101.3.4.3.3" => "SHA384withDSA",
        "2.16.840.1.101.3.4.3.4" => "SHA512withDSA",
        "2.16.840.1.101.3.4.3.5" => "SHA3-224withDSA",
        "2.16.840.1.101.3.4.3.6" => "SHA3-256withDSA",
        "2.16.840.1.101.3.4.3.7" => "SHA3-384withDSA",
        "2.16.840.1.101.3.4.3.8" => "SHA3-512withDSA",
        "2.16.840.1.101.3.4.3.9" => "SHA3-224withECDSA",
        "2.16.840.1.101.3.4.3.10" => "SHA3-256withECDSA",
        "2.16.840.1.101.3.4.3.11" => "SHA3-384withECDSA",
        "2.16.840.1.101.3.4.3.12" => "SHA3-512withECDSA",
        "2.16.840.1.101.3.4.3.13" => "SHA3-224withRSA",
        "2.16.840.1.101.3.4.3.14" => "SHA3-256withRSA",
        "2.16.840.1.101.3.4.3.15" => "SHA3-384withRSA",
        "2.16.840.1.101.3.4.3.16" => "SHA3-512withRSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.10045.2.1" => "EC",
        _ => oid,
    }
}

/// Appends the decimal digits of `n` (itoa, not `fmt`: this runs for every
/// date and address of a large bundle).
pub fn push_decimal(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Key usage names in bit order (SPEC §4).
pub const KEY_USAGE_NAMES: [&str; 9] = [
    "Digital_Signature",
    "Non_Repudiation",
    "Key_Encipherment",
    "Data_Encipherment",
    "Key_Agreement",
    "Key_Cert_Sign",
    "CRL_Sign",
    "Encipher_Only",
    "Decipher_Only",
];

/// The names of the set key-usage bits, in bit order.
pub fn key_usage(flags: u16) -> Vec<&'static str> {
    key_usage_iter(flags).collect()
}

/// [`key_usage`], without collecting.
pub fn key_usage_iter(flags: u16) -> impl Iterator<Item = &'static str> {
    KEY_USAGE_NAMES
        .iter()
        .enumerate()
        .filter(move |(i, _)| flags & (1 << i) != 0)
        .map(|(_, n)| *n)
}

/// SPEC §3B `id`: `c` + the first 20 base-36 digits of the SHA-256 read as an
/// unsigned big-endian integer.
pub fn spec_id(sha256: &[u8; 32]) -> String {
    let mut s = String::with_capacity(21);
    push_spec_id(&mut s, sha256);
    s
}

/// [`spec_id`], appended to `out`.
pub fn push_spec_id(out: &mut String, sha256: &[u8; 32]) {
    // Repeated division of the 256-bit number (four u64 limbs) by 36^12,
    // which yields twelve base-36 digits per pass; a byte-wise long division
    // is much slower on every certificate of `list -f json`.
    const D: u64 = 4_738_381_338_321_616_896; // 36^12
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut limbs = [0u64; 4];
    for (i, l) in limbs.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&sha256[i * 8..i * 8 + 8]);
        *l = u64::from_be_bytes(b);
    }
    // Groups of 12 digits, least significant group first (2^256 < 36^50,
    // so five groups hold any value).
    let mut groups = [0u64; 5];
    let mut n = 0;
    while limbs.iter().any(|&l| l != 0) {
        let mut rem: u128 = 0;
        for l in limbs.iter_mut() {
            let cur = (rem << 64) | u128::from(*l);
            *l = (cur / u128::from(D)) as u64;
            rem = cur % u128::from(D);
        }
        groups[n] = rem as u64;
        n += 1;
    }
    let groups = &groups[..n];
    let mut s = [0u8; 21];
    s[0] = b'c';
    let mut len = 1;
    let mut buf = [0u8; 12];
    'groups: for (gi, &g) in groups.iter().enumerate().rev() {
        let mut v = g;
        for d in buf.iter_mut().rev() {
            *d = DIGITS[(v % 36) as usize];
            v /= 36;
        }
        // The most significant group is printed without leading zeros.
        let skip = if gi == groups.len() - 1 {
            buf.iter().take_while(|&&d| d == b'0').count().min(11)
        } else {
            0
        };
        for &d in &buf[skip..] {
            if len == s.len() {
                break 'groups;
            }
            s[len] = d;
            len += 1;
        }
    }
    if len == 1 {
        s[1] = b'0';
        len = 2;
    }
    for &d in &s[..len] {
        out.push(d as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_match_biginteger() {
        assert_eq!(serial(&[0x00, 0x08, 0x0d, 0x19, 0x93]), "80d1993");
        assert_eq!(serial(&[0x80, 0x01]), "-7fff");
        assert_eq!(serial(&[0xff]), "-1");
        assert_eq!(serial(&[0x00]), "0");
        assert_eq!(serial(&[]), "0");
        assert_eq!(serial(&[0xff, 0x80]), "-80");
    }

    #[test]
    fn decimal_serials_match_biginteger_tostring() {
        let hex = |h: &str| -> Vec<u8> {
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                .collect()
        };
        assert_eq!(serial_decimal(&[0x01, 0x00]), "256");
        assert_eq!(serial_decimal(&[0xff]), "-1");
        assert_eq!(serial_decimal(&[0x80]), "-128");
        assert_eq!(serial_decimal(&[0x00]), "0");
        assert_eq!(serial_decimal(&[]), "0");
        assert_eq!(serial_decimal(&[0x3b, 0x9a, 0xca, 0x00]), "1000000000");
        // Python: int.from_bytes(b, "big", signed=True)
        assert_eq!(
            serial_decimal(&hex("7f0123456789abcdef0123456789abcdef012345")),
            "725067201186942392197386857998213196678202204997"
        );
        assert_eq!(
            serial_decimal(&hex("8f0123456789abcdef0123456789abcdef012345")),
            "-645090583810779093618567672673302134249234554043"
        );
    }

    #[test]
    fn spec_id_matches_biginteger_base36() {
        // Java: "c" + new BigInteger(1, sha256).toString(36).substring(0, 20)
        let mut h = [0u8; 32];
        assert_eq!(spec_id(&h), "c0");
        h[31] = 35;
        assert_eq!(spec_id(&h), "cz");
        h = [0xff; 32];
        assert_eq!(spec_id(&h), "c6dp5qcb22im238nr3wvp");
        h[0] = 0;
        h[1] = 0x01;
        assert_eq!(spec_id(&h), "c931v0g99woycykez5i23");
    }
}
