//! Byte searches that choose their implementation by the size of the input.
//!
//! memchr's searchers pick AVX2 or SSE2 at run time, and their first use asks
//! the CPU what it has: std's feature detection, about nine `cpuid`
//! instructions. On a VM each `cpuid` traps to the hypervisor (6.6 µs on the
//! benchmark machine), so for a one-certificate file the detection costs more
//! than all the searching it would speed up. Inputs under [`SMALL`] bytes are
//! searched with plain loops, which need no detection; larger ones with memchr,
//! and so are all inputs once the pipeline sees that a run has several
//! ([`prefer_simd`]). Both give the same answers (tested).

use std::sync::atomic::{AtomicBool, Ordering};

/// Inputs below this many bytes are searched without SIMD.
pub const SMALL: usize = 64 * 1024;

static PREFER_SIMD: AtomicBool = AtomicBool::new(false);

/// From now on, search inputs of every size with SIMD: the run has enough
/// work for the one-time detection to pay off.
pub fn prefer_simd() {
    PREFER_SIMD.store(true, Ordering::Relaxed);
}

/// How to search one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// memchr's run-time selected SIMD searchers.
    Simd,
    /// Plain loops: no CPU feature detection.
    Plain,
}

impl Search {
    /// The search for an input of `len` bytes.
    pub fn for_len(len: usize) -> Search {
        if len < SMALL && !PREFER_SIMD.load(Ordering::Relaxed) {
            Search::Plain
        } else {
            Search::Simd
        }
    }

    /// The first `needle` byte in `hay`.
    pub fn byte(self, needle: u8, hay: &[u8]) -> Option<usize> {
        match self {
            Search::Simd => memchr::memchr(needle, hay),
            Search::Plain => hay.iter().position(|&b| b == needle),
        }
    }
}

/// A substring searcher built once and used for many searches.
// One per input, on the stack: boxing memchr's searcher would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
pub enum Finder<'n> {
    /// memchr's searcher.
    Simd(memchr::memmem::Finder<'n>),
    /// The needle, searched by its first byte and a comparison.
    Plain(&'n [u8]),
}

impl<'n> Finder<'n> {
    /// A searcher for `needle` (not empty).
    pub fn new(search: Search, needle: &'n [u8]) -> Finder<'n> {
        match search {
            Search::Simd => Finder::Simd(memchr::memmem::Finder::new(needle)),
            Search::Plain => Finder::Plain(needle),
        }
    }

    /// The first occurrence of the needle in `hay`.
    pub fn find(&self, hay: &[u8]) -> Option<usize> {
        match self {
            Finder::Simd(f) => f.find(hay),
            Finder::Plain(needle) => {
                let (&first, rest) = needle.split_first()?;
                let mut at = 0;
                while let Some(i) = hay.get(at..)?.iter().position(|&b| b == first) {
                    let start = at + i;
                    if hay.get(start + 1..start + needle.len()) == Some(rest) {
                        return Some(start);
                    }
                    at = start + 1;
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both implementations give the same answers, at every split of a set
    /// of inputs built from the needles' own bytes.
    #[test]
    fn plain_and_simd_agree() {
        let needles: [&[u8]; 4] = [b"\n-----END ", b"\n", b"-----", b"ab"];
        let alphabet = b"\n-END ab";
        let mut seed: u32 = 7;
        for _ in 0..3000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = (seed >> 16) as usize % 80;
            let hay: Vec<u8> = (0..len)
                .map(|i| alphabet[(seed as usize >> (i % 13)).wrapping_add(i * 7) % alphabet.len()])
                .collect();
            for needle in needles {
                let simd = Finder::new(Search::Simd, needle).find(&hay);
                let plain = Finder::new(Search::Plain, needle).find(&hay);
                assert_eq!(simd, plain, "{needle:?} in {hay:?}");
            }
            for b in alphabet {
                assert_eq!(Search::Simd.byte(*b, &hay), Search::Plain.byte(*b, &hay));
            }
        }
    }
}
