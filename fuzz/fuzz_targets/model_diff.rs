//! Differential: any bytes as one certificate, read by x509-parser's own
//! parser and by certinfo's walk. Wherever both read them, they must agree on
//! what is read (src/model/walk.rs, src/model/read.rs).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(d) = certinfo::model::disagreement_with_x509_parser(data) {
        panic!("the walks disagree:\n{d}");
    }
});
