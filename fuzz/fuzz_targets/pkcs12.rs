//! PKCS#12 loader. Input: one password-selector byte (see common.rs), then the
//! PFX. Iterations are capped at 4096 so the fuzzer is not stuck in KDFs.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((opts, bytes)) = common::split_password(data) else {
        return;
    };
    if let Ok(loaded) = certinfo::load::pkcs12::load(bytes, &opts) {
        common::model(loaded);
    }
});
