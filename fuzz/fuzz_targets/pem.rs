//! PEM loader: any bytes as a PEM file (no password is used by PEM).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = certinfo::load::pem::load(data, &common::no_password()) {
        common::model(loaded);
    }
});
