//! MD5 of many certificates at once, eight to a SIMD register; it must not
//! hash differently from `md-5`.
//!
//! Written here because no well-kept crate does it and MD5 is a large part of
//! the time of `list` on a bundle
//! (BENCHMARKS.md#kept-devices):
//! RustCrypto's `md-5` hashes one message at a time, and MD5's rounds depend
//! on each other, so one message cannot use SIMD. Independent messages can
//! share a register, one per lane: with `wide`'s safe `u32x8` (two SSE2
//! registers on any x86-64, no run-time CPU detection). The round constants
//! and order are RFC 1321's; a test compares every digest with `md-5`'s over
//! lengths at and around every padding boundary.

use wide::u32x8 as V;

/// Messages hashed side by side.
pub const LANES: usize = 8;

macro_rules! step {
    ($f:ident, $a:ident, $b:ident, $c:ident, $d:ident, $w:expr, $k:expr, $s:expr) => {
        let t = $a + $f($b, $c, $d) + $w + V::splat($k);
        $a = $b + ((t << $s) | (t >> (32 - $s)));
    };
}

#[inline(always)]
fn ff(b: V, c: V, d: V) -> V {
    d ^ (b & (c ^ d))
}
#[inline(always)]
fn gg(b: V, c: V, d: V) -> V {
    c ^ (d & (b ^ c))
}
#[inline(always)]
fn hh(b: V, c: V, d: V) -> V {
    b ^ c ^ d
}
#[inline(always)]
fn ii(b: V, c: V, d: V) -> V {
    c ^ (b | !d)
}

#[inline(always)]
fn compress(s: &mut [V; 4], w: &[V; 16]) {
    let [mut a, mut b, mut c, mut d] = *s;
    step!(ff, a, b, c, d, w[0], 0xd76aa478, 7);
    step!(ff, d, a, b, c, w[1], 0xe8c7b756, 12);
    step!(ff, c, d, a, b, w[2], 0x242070db, 17);
    step!(ff, b, c, d, a, w[3], 0xc1bdceee, 22);
    step!(ff, a, b, c, d, w[4], 0xf57c0faf, 7);
    step!(ff, d, a, b, c, w[5], 0x4787c62a, 12);
    step!(ff, c, d, a, b, w[6], 0xa8304613, 17);
    step!(ff, b, c, d, a, w[7], 0xfd469501, 22);
    step!(ff, a, b, c, d, w[8], 0x698098d8, 7);
    step!(ff, d, a, b, c, w[9], 0x8b44f7af, 12);
    step!(ff, c, d, a, b, w[10], 0xffff5bb1, 17);
    step!(ff, b, c, d, a, w[11], 0x895cd7be, 22);
    step!(ff, a, b, c, d, w[12], 0x6b901122, 7);
    step!(ff, d, a, b, c, w[13], 0xfd987193, 12);
    step!(ff, c, d, a, b, w[14], 0xa679438e, 17);
    step!(ff, b, c, d, a, w[15], 0x49b40821, 22);
    step!(gg, a, b, c, d, w[1], 0xf61e2562, 5);
    step!(gg, d, a, b, c, w[6], 0xc040b340, 9);
    step!(gg, c, d, a, b, w[11], 0x265e5a51, 14);
    step!(gg, b, c, d, a, w[0], 0xe9b6c7aa, 20);
    step!(gg, a, b, c, d, w[5], 0xd62f105d, 5);
    step!(gg, d, a, b, c, w[10], 0x02441453, 9);
    step!(gg, c, d, a, b, w[15], 0xd8a1e681, 14);
    step!(gg, b, c, d, a, w[4], 0xe7d3fbc8, 20);
    step!(gg, a, b, c, d, w[9], 0x21e1cde6, 5);
    step!(gg, d, a, b, c, w[14], 0xc33707d6, 9);
    step!(gg, c, d, a, b, w[3], 0xf4d50d87, 14);
    step!(gg, b, c, d, a, w[8], 0x455a14ed, 20);
    step!(gg, a, b, c, d, w[13], 0xa9e3e905, 5);
    step!(gg, d, a, b, c, w[2], 0xfcefa3f8, 9);
    step!(gg, c, d, a, b, w[7], 0x676f02d9, 14);
    step!(gg, b, c, d, a, w[12], 0x8d2a4c8a, 20);
    step!(hh, a, b, c, d, w[5], 0xfffa3942, 4);
    step!(hh, d, a, b, c, w[8], 0x8771f681, 11);
    step!(hh, c, d, a, b, w[11], 0x6d9d6122, 16);
    step!(hh, b, c, d, a, w[14], 0xfde5380c, 23);
    step!(hh, a, b, c, d, w[1], 0xa4beea44, 4);
    step!(hh, d, a, b, c, w[4], 0x4bdecfa9, 11);
    step!(hh, c, d, a, b, w[7], 0xf6bb4b60, 16);
    step!(hh, b, c, d, a, w[10], 0xbebfbc70, 23);
    step!(hh, a, b, c, d, w[13], 0x289b7ec6, 4);
    step!(hh, d, a, b, c, w[0], 0xeaa127fa, 11);
    step!(hh, c, d, a, b, w[3], 0xd4ef3085, 16);
    step!(hh, b, c, d, a, w[6], 0x04881d05, 23);
    step!(hh, a, b, c, d, w[9], 0xd9d4d039, 4);
    step!(hh, d, a, b, c, w[12], 0xe6db99e5, 11);
    step!(hh, c, d, a, b, w[15], 0x1fa27cf8, 16);
    step!(hh, b, c, d, a, w[2], 0xc4ac5665, 23);
    step!(ii, a, b, c, d, w[0], 0xf4292244, 6);
    step!(ii, d, a, b, c, w[7], 0x432aff97, 10);
    step!(ii, c, d, a, b, w[14], 0xab9423a7, 15);
    step!(ii, b, c, d, a, w[5], 0xfc93a039, 21);
    step!(ii, a, b, c, d, w[12], 0x655b59c3, 6);
    step!(ii, d, a, b, c, w[3], 0x8f0ccc92, 10);
    step!(ii, c, d, a, b, w[10], 0xffeff47d, 15);
    step!(ii, b, c, d, a, w[1], 0x85845dd1, 21);
    step!(ii, a, b, c, d, w[8], 0x6fa87e4f, 6);
    step!(ii, d, a, b, c, w[15], 0xfe2ce6e0, 10);
    step!(ii, c, d, a, b, w[6], 0xa3014314, 15);
    step!(ii, b, c, d, a, w[13], 0x4e0811a1, 21);
    step!(ii, a, b, c, d, w[4], 0xf7537e82, 6);
    step!(ii, d, a, b, c, w[11], 0xbd3af235, 10);
    step!(ii, c, d, a, b, w[2], 0x2ad7d2bb, 15);
    step!(ii, b, c, d, a, w[9], 0xeb86d391, 21);
    s[0] += a;
    s[1] += b;
    s[2] += c;
    s[3] += d;
}

/// Reads the 16 words of block `i` of `m` as padded by MD5 (the last one or
/// two blocks hold the 0x80 byte, zeros and the bit length).
fn words(m: &[u8], i: usize, out: &mut [u32; 16]) {
    let start = i * 64;
    let mut padded = [0u8; 64];
    let block: &[u8] = match m.get(start..start + 64) {
        Some(full) => full,
        None => {
            let rest = m.get(start..).unwrap_or(&[]);
            padded[..rest.len()].copy_from_slice(rest);
            if start <= m.len() {
                padded[rest.len()] = 0x80;
            }
            if i == blocks(m.len()) - 1 {
                padded[56..].copy_from_slice(&((m.len() as u64).wrapping_mul(8)).to_le_bytes());
            }
            &padded
        }
    };
    for (w, b) in out.iter_mut().zip(block.chunks_exact(4)) {
        *w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    }
}

/// Blocks in `len` bytes padded by MD5.
fn blocks(len: usize) -> usize {
    (len + 8) / 64 + 1
}

/// Groups this small go to `md-5` one message at a time: a group costs
/// as much as about three messages hashed alone, whatever its size
/// (BENCHMARKS.md#kept-devices).
const SCALAR_MAX: usize = 3;

/// The MD5 of each message into `out` (as long as `msgs`). Messages of
/// similar length share a group, so that few lanes idle while the longest
/// one finishes.
pub fn md5_many(msgs: &[&[u8]], out: &mut [[u8; 16]]) {
    use md5::{Digest, Md5};
    let mut order: Vec<usize> = (0..msgs.len()).collect();
    order.sort_by_key(|&i| msgs[i].len());
    for group in order.chunks(LANES) {
        if group.len() <= SCALAR_MAX {
            for &m in group {
                out[m] = Md5::digest(msgs[m]).into();
            }
        } else {
            in_lanes(msgs, group, out);
        }
    }
}

/// The MD5 of the messages `group` indexes (at most [`LANES`]), side by side.
fn in_lanes(msgs: &[&[u8]], group: &[usize], out: &mut [[u8; 16]]) {
    let n: [usize; LANES] =
        std::array::from_fn(|l| group.get(l).map_or(0, |&i| blocks(msgs[i].len())));
    let mut s = [
        V::splat(0x6745_2301),
        V::splat(0xefcd_ab89),
        V::splat(0x98ba_dcfe),
        V::splat(0x1032_5476),
    ];
    let mut lanes = [[0u32; LANES]; 16];
    let mut one = [0u32; 16];
    for i in 0..n.iter().copied().max().unwrap_or(0) {
        for (l, &m) in group.iter().enumerate() {
            if i < n[l] {
                words(msgs[m], i, &mut one);
                for (j, w) in one.iter().enumerate() {
                    lanes[j][l] = *w;
                }
            }
        }
        let w: [V; 16] = std::array::from_fn(|j| V::from(lanes[j]));
        let before = s;
        compress(&mut s, &w);
        if n.iter().any(|&blocks| i >= blocks) {
            // Lanes whose message has ended keep their state.
            let mut after = s.map(|v| v.to_array());
            let before = before.map(|v| v.to_array());
            for (l, &blocks) in n.iter().enumerate() {
                if i >= blocks {
                    for k in 0..4 {
                        after[k][l] = before[k][l];
                    }
                }
            }
            s = after.map(V::from);
        }
    }
    let s = s.map(|v| v.to_array());
    for (l, &m) in group.iter().enumerate() {
        for (k, word) in s.iter().enumerate() {
            out[m][k * 4..k * 4 + 4].copy_from_slice(&word[l].to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::{Digest, Md5};

    /// Every digest equals md-5's: lengths 0 to 300 (every padding case:
    /// 55, 56, 63, 64 bytes and their multiples), certificate sizes, and
    /// groups from one message to several full groups of mixed lengths.
    #[test]
    fn same_as_md5_crate() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cases: Vec<Vec<usize>> = (0..=300).map(|n| vec![n]).collect();
        cases.push((0..=300).collect());
        for _ in 0..200 {
            let k = 1 + (next() % 20) as usize;
            cases.push((0..k).map(|_| (next() % 2200) as usize).collect());
        }
        for lens in cases {
            let msgs: Vec<Vec<u8>> = lens
                .iter()
                .map(|&n| (0..n).map(|_| next() as u8).collect())
                .collect();
            let refs: Vec<&[u8]> = msgs.iter().map(Vec::as_slice).collect();
            let mut got = vec![[0u8; 16]; refs.len()];
            md5_many(&refs, &mut got);
            // The lanes alone, also for groups md5_many gives to md-5.
            let mut lanes = vec![[0u8; 16]; refs.len()];
            let all: Vec<usize> = (0..refs.len()).collect();
            for group in all.chunks(LANES) {
                in_lanes(&refs, group, &mut lanes);
            }
            for ((m, g), l) in msgs.iter().zip(&got).zip(&lanes) {
                let want: [u8; 16] = Md5::digest(m).into();
                assert_eq!(&want, g, "length {}", m.len());
                assert_eq!(&want, l, "length {} in lanes", m.len());
            }
        }
    }
}
