//! Differential: the bytes as a command line (arguments separated by NUL
//! bytes, after the program name), parsed by certinfo's fast path for `show`
//! and `list` and by clap. Whenever the fast path answers, clap must accept
//! the line and give the same result (src/quickargs.rs).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

fuzz_target!(|data: &[u8]| {
    let args: Vec<OsString> = std::iter::once(OsString::from("certinfo"))
        .chain(data.split(|&b| b == 0).map(|a| OsString::from_vec(a.to_vec())))
        .collect();
    if let Some(d) = certinfo::quickargs::disagreement_with_clap(&args) {
        panic!("the parsers disagree: {d}");
    }
});
