//! DER loader: any bytes as one DER certificate, then the model (x509-parser).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = certinfo::load::der::load(data) {
        common::model(loaded);
    }
});
