//! JKS/JCEKS loader. Input: one password-selector byte (see common.rs), then
//! the keystore (its magic number picks JKS or JCEKS).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((opts, bytes)) = common::split_password(data) else {
        return;
    };
    if let Ok(loaded) = certinfo::load::jks::load(bytes, &opts) {
        common::model(loaded);
    }
});
