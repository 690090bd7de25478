//! The trust readers on hostile bytes: a CRL, a stapled OCSP response about
//! a sample leaf, and a signature check of arbitrary parts against a sample
//! issuer key. Input: the bytes themselves.
#![no_main]
use certinfo::model::{crl::Crl, CertRecord, Keep};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The leaf and intermediate of samples/trust/chain.pem.
fn chain() -> &'static (CertRecord, CertRecord) {
    static CHAIN: OnceLock<(CertRecord, CertRecord)> = OnceLock::new();
    CHAIN.get_or_init(|| {
        let pem = include_bytes!("../../samples/trust/chain.pem");
        let loaded = certinfo::load::load_bytes(pem, &Default::default()).expect("the sample");
        let mut certs = loaded
            .entries
            .iter()
            .map(|e| CertRecord::from_der_keeping(&e.chain[0], Keep::Signed).expect("a certificate"));
        (certs.next().expect("leaf"), certs.next().expect("intermediate"))
    })
}

fuzz_target!(|data: &[u8]| {
    let (leaf, issuer) = chain();
    if let Ok(crl) = Crl::from_der(data) {
        let _ = certinfo::trust::verify(crl.signed.tbs(), crl.signed.algorithm(), crl.signed.signature(), data);
    }
    let _ = certinfo::trust::ocsp::status(data, leaf, issuer);
    let third = data.len() / 3;
    let (a, rest) = data.split_at(third);
    let (b, c) = rest.split_at(third);
    let spki = issuer.signed.as_ref().expect("signed parts").spki();
    let _ = certinfo::trust::verify(a, b, c, spki);
    let _ = certinfo::trust::verify(a, b, c, rest);
});
