//! Client identities (`--client-cert`, `--client-key`). Input: one
//! password-selector byte (see common.rs), then the certificate file; when
//! the line `#KEY` follows, what comes after it is the key file.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((opts, bytes)) = common::split_password(data) else {
        return;
    };
    let marker = b"\n#KEY\n";
    let (cert, key) = match bytes.windows(marker.len()).position(|w| w == marker) {
        Some(i) => (&bytes[..i], Some(&bytes[i + marker.len()..])),
        None => (bytes, None),
    };
    if let Err(e) = certinfo::load::identity::read(cert, key, &opts) {
        let _ = e.to_string();
    }
});
