//! Values as Java (OpenJDK 17) prints them: names, numbers and bytes, dates
//! in Java's time zones. Golden-tested against the oracle's output in the
//! integration tests.
//!
//! Formatting is pure. The only I/O is in [`JavaZone::resolve`] and
//! [`JavaZone::by_id`] (module `system`), which read the zone files a zone
//! needs up front, so that renderers never touch the file system.

mod dates;
mod names;
mod system;
pub mod uri;
mod values;
mod zone;
mod zone_table;

pub(crate) use dates::gregorian_from_days;
pub use names::{dn, keyword, push_dn, push_san, san};
pub use values::{
    hex_colon_upper, key_usage, key_usage_iter, push_decimal, push_hex_lower, push_serial,
    push_spec_id, serial, serial_decimal, sig_alg_name, sig_alg_str, spec_id, KEY_USAGE_NAMES,
};
pub use zone::JavaZone;
