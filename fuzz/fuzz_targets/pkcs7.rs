//! PKCS#7 loader: any bytes as a SignedData bundle (DER or BER).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = certinfo::load::pkcs7::load(data) {
        common::model(loaded);
    }
});
