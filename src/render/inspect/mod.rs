//! `certinfo inspect`: every field and extension of each certificate, CSR
//! and CRL, as readable text (`text.rs`) or as the JSON document of schema 1
//! (`json.rs`, documented in README.md and `docs/inspect.schema.json`).
//! This file holds the words both use: extension, usage, purpose and reason
//! names, general names, dates, serials in decimal, PEM armour.

mod json;
mod text;

use super::RenderOptions;
use crate::inspect::Item;
use crate::model::inspect::Name;
use std::io::{self, Write};

/// `inspect` formats (the `-f` values of `inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InspectFormat {
    /// Readable text, every extension decoded.
    Text,
    /// One JSON document, schema 1.
    Json,
}

/// Writes `items` in `format`.
pub fn render(
    items: &[Item<'_>],
    unread: &[crate::model::Unread],
    format: InspectFormat,
    opts: &RenderOptions<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = String::new();
    match format {
        InspectFormat::Text => text::render(items, unread, opts, &mut buf),
        InspectFormat::Json => json::render(items, unread, opts, &mut buf),
    }
    out.write_all(buf.as_bytes())
}

/// An extension's name (the RFC's ASN.1 identifier), when certinfo knows it.
pub fn extension_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.19" => "basicConstraints",
        "2.5.29.15" => "keyUsage",
        "2.5.29.37" => "extKeyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.18" => "issuerAltName",
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.31" => "cRLDistributionPoints",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "1.3.6.1.5.5.7.1.11" => "subjectInfoAccess",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.33" => "policyMappings",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.36" => "policyConstraints",
        "2.5.29.54" => "inhibitAnyPolicy",
        "1.3.6.1.4.1.11129.2.4.2" => "signedCertificateTimestampList",
        "1.3.6.1.4.1.11129.2.4.3" => "ctPrecertificatePoison",
        "1.3.6.1.5.5.7.1.24" => "tlsFeature",
        "2.16.840.1.113730.1.13" => "netscapeComment",
        "2.5.29.20" => "cRLNumber",
        "2.5.29.21" => "reasonCode",
        "2.5.29.46" => "freshestCRL",
        _ => return None,
    })
}

/// Key usage names by bit (bit 0, digitalSignature, lowest).
const KEY_USAGES: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/// The names of the bits set in a key usage.
pub fn key_usages(flags: u16) -> Vec<&'static str> {
    (0..KEY_USAGES.len())
        .filter(|i| flags >> i & 1 == 1)
        .map(|i| KEY_USAGES[i])
        .collect()
}

/// ReasonFlags names by bit (bit 0 unused).
const REASON_FLAGS: [&str; 9] = [
    "unused",
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "privilegeWithdrawn",
    "aACompromise",
];

/// The names of the bits set in ReasonFlags.
pub fn reason_flags(flags: u16) -> Vec<&'static str> {
    (0..REASON_FLAGS.len())
        .filter(|i| flags >> i & 1 == 1)
        .map(|i| REASON_FLAGS[i])
        .collect()
}

/// A CRL reason code's name.
pub fn reason_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => return None,
    })
}

/// An extended key usage purpose's name.
pub fn purpose_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "1.3.6.1.4.1.311.10.3.3" => "serverGatedCrypto",
        "2.16.840.1.113730.4.1" => "nsSGC",
        _ => return None,
    })
}

/// An access method's name.
pub fn access_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.3.6.1.5.5.7.48.1" => "ocsp",
        "1.3.6.1.5.5.7.48.2" => "caIssuers",
        "1.3.6.1.5.5.7.48.3" => "timeStamping",
        "1.3.6.1.5.5.7.48.5" => "caRepository",
        _ => return None,
    })
}

/// A certificate policy's name.
pub fn policy_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.32.0" => "anyPolicy",
        "2.23.140.1.1" => "extendedValidation",
        "2.23.140.1.2.1" => "domainValidated",
        "2.23.140.1.2.2" => "organizationValidated",
        "2.23.140.1.2.3" => "individualValidated",
        _ => return None,
    })
}

/// A TLS feature code's name (the TLS ExtensionType).
pub fn tls_feature_name(code: u64) -> Option<&'static str> {
    Some(match code {
        5 => "status_request",
        17 => "status_request_v2",
        _ => return None,
    })
}

/// A named curve's name.
pub fn curve_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => "secp256r1",
        "1.3.132.0.34" => "secp384r1",
        "1.3.132.0.35" => "secp521r1",
        "1.3.132.0.10" => "secp256k1",
        "1.2.840.10045.3.1.1" => "secp192r1",
        "1.3.132.0.33" => "secp224r1",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        _ => return None,
    })
}

/// A key algorithm OID's name.
pub fn key_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => return None,
    })
}

/// An SCT's TLS hash and signature algorithm names.
pub fn sct_algorithms(hash: u8, sig: u8) -> (String, String) {
    let hash = match hash {
        1 => "md5".to_string(),
        2 => "sha1".to_string(),
        3 => "sha224".to_string(),
        4 => "sha256".to_string(),
        5 => "sha384".to_string(),
        6 => "sha512".to_string(),
        n => n.to_string(),
    };
    let sig = match sig {
        1 => "rsa".to_string(),
        2 => "dsa".to_string(),
        3 => "ecdsa".to_string(),
        n => n.to_string(),
    };
    (hash, sig)
}

/// A general name's kind and value, as text.
pub fn general_name(n: &Name) -> (&'static str, String) {
    match n {
        Name::Dns(s) => ("dns", s.to_string()),
        Name::Email(s) => ("email", s.to_string()),
        Name::Uri(s) => ("uri", s.to_string()),
        Name::Ip(b) => ("ip", ip(b)),
        Name::Directory(d) => ("directory", crate::java::dn(d)),
        Name::RegisteredId(o) => ("registeredId", o.clone()),
        Name::Other(o) => ("otherName", o.clone()),
        Name::EdiParty(..) => ("ediPartyName", String::new()),
        Name::X400 => ("x400Address", String::new()),
    }
}

/// An iPAddress: IPv4 dotted, IPv6 as eight groups; with twice the bytes
/// (a name constraint), address and mask joined by `/`.
pub fn ip(b: &[u8]) -> String {
    let v4 = |b: &[u8]| b.iter().map(u8::to_string).collect::<Vec<_>>().join(".");
    let v6 = |b: &[u8]| {
        b.chunks(2)
            .map(|c| format!("{:x}", u16::from_be_bytes([c[0], c[1]])))
            .collect::<Vec<_>>()
            .join(":")
    };
    match b.len() {
        4 => v4(b),
        16 => v6(b),
        8 => format!("{}/{}", v4(&b[..4]), v4(&b[4..])),
        32 => format!("{}/{}", v6(&b[..16]), v6(&b[16..])),
        _ => crate::der::hex(b),
    }
}

/// An instant as RFC 3339 UTC, seconds (`2026-01-15T00:00:00Z`). Any
/// year a certificate can hold (9999-12-31T23:59:59Z too, past jiff's
/// range), by the proleptic Gregorian calendar.
pub fn rfc3339(ms: i64) -> String {
    let (date, secs) = civil(ms);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An instant as RFC 3339 UTC with milliseconds (SCT timestamps).
pub fn rfc3339_ms(ms: i64) -> String {
    let (date, secs) = civil(ms);
    let milli = ms.rem_euclid(1000);
    format!(
        "{date}T{:02}:{:02}:{:02}.{milli:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `YYYY-MM-DD` of an instant and the seconds into its day (the proleptic
/// Gregorian calendar, as `java::` computes it).
fn civil(ms: i64) -> (String, i64) {
    let secs = ms.div_euclid(1000);
    let (days, in_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = crate::java::gregorian_from_days(days);
    let sign = if year < 0 { "-" } else { "" };
    let year = year.abs();
    (format!("{sign}{year:04}-{month:02}-{day:02}"), in_day)
}

/// A DER INTEGER's content (two's complement) in decimal.
pub use crate::java::serial_decimal as decimal;

/// A big-endian unsigned integer (an RSA exponent, a CRL number) in decimal.
pub fn decimal_unsigned(b: &[u8]) -> String {
    let mut v = Vec::with_capacity(b.len() + 1);
    v.push(0);
    v.extend_from_slice(b);
    decimal(&v)
}

/// PEM armour around `der`.
pub use super::pem::armour as pem;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_of_twos_complement() {
        assert_eq!(decimal(&[0x10, 0x01]), "4097");
        assert_eq!(decimal(&[0x00]), "0");
        assert_eq!(decimal(&[0xff]), "-1");
        assert_eq!(decimal(&[0x00, 0xff]), "255");
        assert_eq!(decimal(&[0x80]), "-128");
        let big = [0x01, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(decimal(&big), "18446744073709551616");
    }

    #[test]
    fn dates_over_the_whole_range() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_768_435_200_000), "2026-01-15T00:00:00Z");
        assert_eq!(rfc3339(253_402_300_799_000), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1000), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_ms(1_767_225_600_123), "2026-01-01T00:00:00.123Z");
    }

    #[test]
    fn addresses() {
        assert_eq!(ip(&[10, 1, 2, 3]), "10.1.2.3");
        assert_eq!(ip(&[10, 0, 0, 0, 255, 0, 0, 0]), "10.0.0.0/255.0.0.0");
        let mut v6 = [0u8; 16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        assert_eq!(ip(&v6), "2001:0:0:0:0:0:0:1");
    }
}
