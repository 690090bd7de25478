//! The OIDs PKCS#12 files use and their names; it holds no parsing.

pub(super) const OID_DATA: &str = "1.2.840.113549.1.7.1";
pub(super) const OID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub(super) const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
pub(super) const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

pub(super) const OID_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
pub(super) const OID_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
pub(super) const OID_CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
pub(super) const OID_CRL_BAG: &str = "1.2.840.113549.1.12.10.1.4";
pub(super) const OID_SECRET_BAG: &str = "1.2.840.113549.1.12.10.1.5";
pub(super) const OID_SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";

pub(super) const OID_X509_CERT: &str = "1.2.840.113549.1.9.22.1";
pub(super) const OID_SDSI_CERT: &str = "1.2.840.113549.1.9.22.2";

pub(super) const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
pub(super) const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
/// Java's `ORACLE_TrustedKeyUsage`: marks a trustedCertEntry in Java-written files.
pub(super) const OID_JAVA_TRUSTED_KEY_USAGE: &str = "2.16.840.1.113894.746875.1.1";

pub(super) const OID_PBES2: &str = "1.2.840.113549.1.5.13";
pub(super) const OID_PBKDF2: &str = "1.2.840.113549.1.5.12";
pub(super) const OID_PBMAC1: &str = "1.2.840.113549.1.5.14";

/// Names of the algorithm OIDs this module meets, for messages and details.
pub(super) fn oid_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4",
        "1.2.840.113549.1.12.1.2" => "pbeWithSHAAnd40BitRC4",
        "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.4" => "pbeWithSHAAnd2-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.5" => "pbeWithSHAAnd128BitRC2-CBC",
        "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC",
        "1.2.840.113549.1.5.1" => "pbeWithMD2AndDES-CBC",
        "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC",
        "1.2.840.113549.1.5.4" => "pbeWithMD2AndRC2-CBC",
        "1.2.840.113549.1.5.6" => "pbeWithMD5AndRC2-CBC",
        "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC",
        "1.2.840.113549.1.5.11" => "pbeWithSHA1AndRC2-CBC",
        OID_PBES2 => "PBES2",
        OID_PBKDF2 => "PBKDF2",
        OID_PBMAC1 => "PBMAC1",
        "1.2.840.113549.2.2" => "MD2",
        "1.2.840.113549.2.5" => "MD5",
        "1.3.14.3.2.26" => "SHA1",
        "2.16.840.1.101.3.4.2.4" => "SHA224",
        "2.16.840.1.101.3.4.2.1" => "SHA256",
        "2.16.840.1.101.3.4.2.2" => "SHA384",
        "2.16.840.1.101.3.4.2.3" => "SHA512",
        "2.16.840.1.101.3.4.2.5" => "SHA512-224",
        "2.16.840.1.101.3.4.2.6" => "SHA512-256",
        "1.2.840.113549.2.7" => "HMAC-SHA1",
        "1.2.840.113549.2.8" => "HMAC-SHA224",
        "1.2.840.113549.2.9" => "HMAC-SHA256",
        "1.2.840.113549.2.10" => "HMAC-SHA384",
        "1.2.840.113549.2.11" => "HMAC-SHA512",
        "1.2.840.113549.2.12" => "HMAC-SHA512-224",
        "1.2.840.113549.2.13" => "HMAC-SHA512-256",
        "2.16.840.1.101.3.4.1.2" => "AES-128-CBC",
        "2.16.840.1.101.3.4.1.22" => "AES-192-CBC",
        "2.16.840.1.101.3.4.1.42" => "AES-256-CBC",
        "1.2.840.113549.3.7" => "DES-EDE3-CBC",
        "1.3.14.3.2.7" => "DES-CBC",
        "1.2.840.113549.3.2" => "RC2-CBC",
        "1.2.643.7.1.1.2.2" | "1.2.643.7.1.1.2.3" => "GOST R 34.11-2012",
        "1.2.410.200004.1.4" | "1.2.410.200004.1.15" => "SEED",
        "1.2.392.200011.61.1.1.1.2" => "Camellia-128-CBC",
        "1.2.392.200011.61.1.1.1.3" => "Camellia-192-CBC",
        "1.2.392.200011.61.1.1.1.4" => "Camellia-256-CBC",
        _ => return None,
    })
}

/// "name (oid)" when the OID is known, else the OID alone.
pub(super) fn named(oid: &str) -> String {
    match oid_name(oid) {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}
