//! What key derivation really costs, and the per-file budget it is charged to.
//!
//! The unit is the **hash block**: 64 bytes through a hash's compression
//! function, so one SHA-1, SHA-256 or MD5 compression counts 1 and one SHA-384
//! or SHA-512 compression (128 bytes) counts 2. A stored iteration count alone
//! says little: PBKDF2 runs its count once per output block of the PRF and
//! each iteration is one HMAC (two compressions), so a 128-byte RC2 key over
//! HMAC-SHA1 costs 7 times a 16-byte key at the same count; the PKCS#12 KDF
//! (RFC 7292 B.2) runs its count once per hash output of each of the key, the
//! IV and the MAC key. Every password candidate tried is charged as it is
//! tried. On the machine the limit was measured on (x86-64 with SHA-NI, release
//! build) one hash block takes 45-55 ns over SHA-1/224/256 and 95-105 ns over
//! SHA-384/512, the slowest.

use super::*;

/// The file's budget in hash blocks, per unit of `max_iterations`: the default
/// 1,000,000 allows 10,000,000 blocks: about a second for the worst file
/// (PBKDF2-HMAC-SHA384, a 128-byte RC2 key), about 0.5 s over SHA-256, while
/// `openssl pkcs12 -export -iter 600000` (two PBES2 derivations and the MAC)
/// needs 3,000,007 (0.15 s) and a Java keystore of 30 keys at keytool's
/// 10,000 iterations about 630,000.
pub(super) const WORK_FACTOR: u64 = 10;

/// `n` bytes in blocks of `b`, as a count of work.
fn blocks(n: usize, b: usize) -> u64 {
    n.div_ceil(b) as u64
}

impl Hash {
    /// Hash blocks (of 64 bytes) one compression counts for (`block_len`
    /// is `v` of RFC 7292 B.2).
    fn weight(self) -> u64 {
        self.block_len() as u64 / 64
    }

    /// Hash blocks of [`Hash::pkcs12_kdf`] for a `len`-byte output: per hash
    /// output, the first hash takes `D || I` (the ID block, salt and password
    /// each filled to `v` bytes) and padding, each further iteration one block.
    pub(super) fn pkcs12_kdf_work(self, pass: usize, salt: usize, iter: u64, len: usize) -> u64 {
        let v = self.block_len();
        let first = 2 + blocks(salt, v) + blocks(pass, v);
        let per_output = iter.saturating_sub(1).saturating_add(first);
        blocks(len, self.out_len())
            .saturating_mul(per_output)
            .saturating_mul(self.weight())
    }

    /// Hash blocks of [`Hash::pbkdf2`] for a `len`-byte key: the HMAC key
    /// set-up once, then per PRF output block one HMAC over `salt || INT(i)`
    /// and `iter - 1` HMACs over one digest (two compressions each).
    pub(super) fn pbkdf2_work(self, pass: usize, salt: usize, iter: u64, len: usize) -> u64 {
        let b = self.block_len();
        let key = 2 + if pass > b { blocks(pass, b) + 1 } else { 0 };
        let first = 1 + blocks(salt + 4 + 9, b);
        let per_output = iter
            .saturating_sub(1)
            .saturating_mul(2)
            .saturating_add(first);
        blocks(len, self.out_len())
            .saturating_mul(per_output)
            .saturating_add(key)
            .saturating_mul(self.weight())
    }

    /// Hash blocks of [`Hash::pbkdf1`]: `password || salt`, then one block per
    /// further iteration.
    pub(super) fn pbkdf1_work(self, pass: usize, salt: usize, iter: u64) -> u64 {
        iter.saturating_sub(1)
            .saturating_add(blocks(pass + salt + 9, 64))
    }
}

impl Scheme<'_> {
    /// Hash blocks one decryption attempt with a `pass`-byte password costs.
    pub(super) fn work(&self, pass: usize) -> u64 {
        match *self {
            Scheme::Pkcs12Pbe {
                cipher,
                key_len,
                salt,
                iter,
                ..
            } => Hash::Sha1
                .pkcs12_kdf_work(pass, salt.len(), iter, key_len)
                .saturating_add(Hash::Sha1.pkcs12_kdf_work(
                    pass,
                    salt.len(),
                    iter,
                    cipher.iv_len(),
                )),
            Scheme::Pbes1 {
                hash, salt, iter, ..
            } => hash.pbkdf1_work(pass, salt.len(), iter),
            Scheme::Pbes2 {
                prf,
                salt,
                iter,
                key_len,
                ..
            } => prf.pbkdf2_work(pass, salt.len(), iter, key_len),
        }
    }
}

/// Hash blocks spent on key derivation so far, and the most allowed.
pub(super) struct Budget {
    spent: u64,
    cap: u64,
}

impl Budget {
    pub(super) fn new(opts: &LoadOptions) -> Self {
        Budget {
            spent: 0,
            cap: u64::from(opts.max_iterations).saturating_mul(WORK_FACTOR),
        }
    }

    /// Charges one derivation of `cost` hash blocks for `what`, refusing it
    /// (before it runs) when the file's total would pass the cap.
    pub(super) fn spend(&mut self, cost: u64, what: &str) -> Result<(), LoadError> {
        let total = self.spent.saturating_add(cost);
        if total > self.cap {
            return Err(LoadError::Limit {
                format: FMT,
                what: format!(
                    "{what}: key derivation would need {total} hash blocks in total for this \
                     file, above the limit of {} ({WORK_FACTOR} per iteration of \
                     --max-iterations); raise it with --max-iterations N",
                    self.cap
                ),
            });
        }
        self.spent = total;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_counts_every_output_block() {
        // Salt 8, password 8: key set-up 2; per output block 2 + 2 * 999.
        let short = Hash::Sha1.pbkdf2_work(8, 8, 1000, 16);
        let long = Hash::Sha1.pbkdf2_work(8, 8, 1000, 128);
        assert_eq!(short, 2 + 2000);
        // A 128-byte RC2 key is ceil(128 / 20) = 7 SHA-1 outputs.
        assert_eq!(long, 2 + 7 * 2000);
        assert!(long > 6 * short && long < 7 * short, "{long} vs {short}");
        // SHA-512: 2 outputs for 128 bytes, each compression 2 blocks.
        assert_eq!(
            Hash::Sha512.pbkdf2_work(8, 8, 1000, 128),
            2 * (2 + 2 * 2000)
        );
        // A salt or password longer than a block adds its blocks.
        assert_eq!(Hash::Sha256.pbkdf2_work(8, 200, 1, 32), 2 + 1 + 4);
        assert_eq!(Hash::Sha256.pbkdf2_work(100, 8, 1, 32), 2 + 3 + 2);
    }

    #[test]
    fn pkcs12_kdf_counts_key_iv_and_mac_key() {
        // "changeit" in BMP (18 bytes), salt 8: each output's first hash is
        // 2 + 1 + 1 blocks, then 2047 more.
        let per = 2047 + 4;
        assert_eq!(Hash::Sha1.pkcs12_kdf_work(18, 8, 2048, 24), 2 * per);
        assert_eq!(Hash::Sha1.pkcs12_kdf_work(18, 8, 2048, 8), per);
        assert_eq!(Hash::Sha1.pkcs12_kdf_work(18, 8, 2048, 0), 0);
        // The NULL password fills no block.
        assert_eq!(Hash::Sha256.pkcs12_kdf_work(0, 8, 2048, 32), 2047 + 3);
        assert_eq!(Hash::Sha512.pkcs12_kdf_work(0, 8, 2048, 64), 2 * (2047 + 3));
        let scheme = Scheme::Pkcs12Pbe {
            name: "pbeWithSHAAnd3-KeyTripleDES-CBC",
            cipher: Cipher::DesEde3,
            key_len: 24,
            salt: &[0; 8],
            iter: 2048,
        };
        assert_eq!(scheme.work(18), 3 * per);
        assert_eq!(Hash::Md5.pbkdf1_work(8, 8, 1000), 999 + 1);
    }

    #[test]
    fn budget_refuses_before_passing_the_cap() {
        let opts = LoadOptions {
            max_iterations: 10,
            ..LoadOptions::default()
        };
        let mut b = Budget::new(&opts);
        b.spend(60, "content 1").unwrap();
        b.spend(40, "content 2").unwrap();
        let e = b.spend(1, "content 3").unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, LoadError::Limit { .. }), "{e:?}");
        assert!(
            text.contains("content 3") && text.contains("101 hash blocks"),
            "{text}"
        );
        assert!(
            text.contains("limit of 100") && text.contains("--max-iterations N"),
            "{text}"
        );
        assert!(b.spend(u64::MAX, "x").is_err());
    }
}
