//! The whole library pipeline: bytes → format detection → loader → model →
//! every `show` and `list` format → `check` in every format. A keystore that
//! wants a password is retried with "changeit" (the samples' password), as
//! the CLI retries with what it prompts for.
#![no_main]
use certinfo::load::{self, LoadError, LoadOptions, Password};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let loaded = match load::load_bytes(data, &common::no_password()) {
        Err(LoadError::PasswordRequired { .. }) => load::load_bytes(
            data,
            &LoadOptions {
                password: Some(Password::new("changeit")),
                max_iterations: common::MAX_ITERATIONS,
                ..LoadOptions::default()
            },
        ),
        other => other,
    };
    let Ok(loaded) = loaded else { return };
    let records = common::model(loaded);
    common::render_all(&records, data.len());
});
