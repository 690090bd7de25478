//! certinfo: reads certificates from files, keystores and streams, and prints
//! them in the exact key/value layouts of two ArcGIS admin resources, every
//! value formatted as Java formats it.
//!
//! Data flows one way:
//! `Input` → bytes → [`load::Loaded`] entries → [`model::EntryRecord`]s →
//! [`render`] → output.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod anchors;
pub mod app;
pub mod check;
pub mod cli;
pub mod der;
pub mod exit;
pub mod hash;
pub mod input;
pub mod inspect;
pub mod java;
pub mod load;
pub mod man;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod remote;
pub mod render;
pub mod secret;
pub mod trust;
