//! The hash functions certificates, keystores and signatures name by OID:
//! one enum for the PKCS#12 reader (MACs, key derivation) and the signature
//! checks, and [`with_hash!`](crate::with_hash) to run generic code with the
//! RustCrypto type of one.

use sha2::Digest;

/// A hash function.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
}

/// Runs `$body` with `$d` the RustCrypto type of the hash `$h`.
#[macro_export]
macro_rules! with_hash {
    ($h:expr, $d:ident => $body:expr) => {
        match $h {
            $crate::hash::Hash::Md5 => {
                type $d = md5::Md5;
                $body
            }
            $crate::hash::Hash::Sha1 => {
                type $d = sha1::Sha1;
                $body
            }
            $crate::hash::Hash::Sha224 => {
                type $d = sha2::Sha224;
                $body
            }
            $crate::hash::Hash::Sha256 => {
                type $d = sha2::Sha256;
                $body
            }
            $crate::hash::Hash::Sha384 => {
                type $d = sha2::Sha384;
                $body
            }
            $crate::hash::Hash::Sha512 => {
                type $d = sha2::Sha512;
                $body
            }
            $crate::hash::Hash::Sha3_224 => {
                type $d = sha3::Sha3_224;
                $body
            }
            $crate::hash::Hash::Sha3_256 => {
                type $d = sha3::Sha3_256;
                $body
            }
            $crate::hash::Hash::Sha3_384 => {
                type $d = sha3::Sha3_384;
                $body
            }
            $crate::hash::Hash::Sha3_512 => {
                type $d = sha3::Sha3_512;
                $body
            }
        }
    };
}

impl Hash {
    /// A digest AlgorithmIdentifier's OID.
    pub fn of_digest_oid(oid: &str) -> Option<Hash> {
        Some(match oid {
            "1.2.840.113549.2.5" => Hash::Md5,
            "1.3.14.3.2.26" => Hash::Sha1,
            "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
            "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
            "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
            "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
            "2.16.840.1.101.3.4.2.7" => Hash::Sha3_224,
            "2.16.840.1.101.3.4.2.8" => Hash::Sha3_256,
            "2.16.840.1.101.3.4.2.9" => Hash::Sha3_384,
            "2.16.840.1.101.3.4.2.10" => Hash::Sha3_512,
            _ => return None,
        })
    }

    /// Its name as OpenSSL's and Java's algorithm names spell it.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Md5 => "MD5",
            Hash::Sha1 => "SHA1",
            Hash::Sha224 => "SHA224",
            Hash::Sha256 => "SHA256",
            Hash::Sha384 => "SHA384",
            Hash::Sha512 => "SHA512",
            Hash::Sha3_224 => "SHA3-224",
            Hash::Sha3_256 => "SHA3-256",
            Hash::Sha3_384 => "SHA3-384",
            Hash::Sha3_512 => "SHA3-512",
        }
    }

    /// Output size in bytes.
    pub fn out_len(self) -> usize {
        with_hash!(self, D => <D as Digest>::output_size())
    }

    /// Bytes the compression function takes at once.
    pub fn block_len(self) -> usize {
        with_hash!(self, D => <D as sha2::digest::common::BlockSizeUser>::block_size())
    }

    /// The digest of `m`.
    pub fn digest(self, m: &[u8]) -> Vec<u8> {
        with_hash!(self, D => D::digest(m).to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_the_functions_own() {
        let sizes = [
            (Hash::Md5, 16, 64),
            (Hash::Sha1, 20, 64),
            (Hash::Sha256, 32, 64),
            (Hash::Sha512, 64, 128),
            (Hash::Sha3_256, 32, 136),
            (Hash::Sha3_512, 64, 72),
        ];
        for (h, out, block) in sizes {
            assert_eq!((h.out_len(), h.block_len()), (out, block), "{}", h.name());
        }
    }
}
