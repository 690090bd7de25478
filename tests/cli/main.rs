//! Integration tests: run the real binary on the files in `samples/` and
//! compare with committed expectations (made by Java through the oracle, so
//! the tests need no Java).

mod check;
mod client_cert;
mod dirs;
mod errors;
mod exports;
mod files;
mod help;
mod house;
mod html;
mod inspect;
mod keystores;
mod limits;
mod oracle;
mod output;
mod pkcs12_quirks;
mod quirks;
mod remote;
mod secrets;
mod source;
mod stream;
mod trust;
mod util;
