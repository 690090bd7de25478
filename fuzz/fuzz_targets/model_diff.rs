//! Differential: any bytes as one certificate, read by x509-parser's own
//! parser, by certinfo's composed walk and by its fast walk. They must agree
//! on what is read and on the error text (src/model/fast.rs).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(d) = certinfo::model::disagreement_with_x509_parser(data) {
        panic!("the walks disagree:\n{d}");
    }
});
