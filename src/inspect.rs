//! `certinfo inspect`: runs the pipeline (keeping each certificate's DER,
//! and asking the loaders for CSRs and CRLs too), details every record, CSR
//! and CRL with the model (`model::inspect`), judges CSR and CRL signatures
//! with `trust`, and hands the items, in input order, to `render::inspect`.
//!
//! It parses nothing itself and formats nothing but its stderr messages.

use crate::exit::Exit;
use crate::load::OtherKind;
use crate::model::inspect::{self as detail, CertDetail, CrlDetail, RequestDetail};
use crate::model::{CertRecord, EntryRecord};
use crate::pipeline::{self, Context, OtherInput};
use crate::render::inspect::InspectFormat;
use crate::render::RenderOptions;
use crate::trust::SigCheck;
use std::io::{self, Write};

/// One thing `inspect` shows, in input order.
pub enum Item<'a> {
    /// A keystore entry or a loose certificate, with its chain's details
    /// (`None` where a certificate's DER was not kept).
    Entry {
        /// The record.
        record: &'a EntryRecord,
        /// Each certificate's details, in chain order.
        certs: Vec<Option<CertDetail>>,
    },
    /// A certification request and whether its own key made its signature.
    Request {
        /// The input it came from.
        source: &'a str,
        /// What it says.
        detail: Box<RequestDetail>,
        /// Its signature, checked with its own key.
        signature: SigCheck,
    },
    /// A CRL and whether its issuer signed it.
    Crl {
        /// The input it came from.
        source: &'a str,
        /// What it says.
        detail: Box<CrlDetail>,
        /// Its signature, checked with the key of an issuer among the
        /// inputs; `None` when no input holds a certificate of its issuer.
        signature: Option<SigCheck>,
    },
}

/// Runs `inspect` over `ctx`'s inputs and writes the document to `out`.
pub fn run(
    ctx: &Context<'_>,
    opts: &RenderOptions<'_>,
    format: InspectFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Exit> {
    let ran = pipeline::run(ctx, None, out, err)?;
    let mut exit = ran.exit;
    let mut unread = ran.unread.clone();
    let mut items = Vec::with_capacity(ran.records.len() + ran.others.len());
    let mut others = ran.others.iter().peekable();
    for (i, record) in ran.records.iter().enumerate() {
        while let Some(o) = others.next_if(|o| o.before <= i) {
            exit = exit.merge(other(o, &ran.records, &mut items, &mut unread, err));
        }
        for c in &record.chain {
            if c.signed.as_ref().is_some_and(|s| s.algorithms_differ) {
                let what = format!(
                    "warning: {}: its signature algorithm differs from the one it signed \
                     (Java refuses the certificate; shown with the outer one)",
                    record.alias
                );
                pipeline::report(err, &record.source, &what);
            }
        }
        let certs = record.chain.iter().map(detail::certificate).collect();
        items.push(Item::Entry { record, certs });
    }
    for o in others {
        exit = exit.merge(other(o, &ran.records, &mut items, &mut unread, err));
    }
    crate::render::inspect::render(&items, &unread, format, opts, out)?;
    Ok(exit)
}

/// Details one CSR or CRL into `items`; one that cannot be read is said on
/// `err` and listed in `unread` (exit 3).
fn other<'a>(
    o: &'a OtherInput,
    records: &[EntryRecord],
    items: &mut Vec<Item<'a>>,
    unread: &mut Vec<crate::model::Unread>,
    err: &mut dyn Write,
) -> Exit {
    let der = &o.other.der;
    let read = match o.other.kind {
        OtherKind::Request => detail::request(der).map(|d| {
            let signature = match crate::trust::verify(
                d.signed.tbs(),
                d.signed.algorithm(),
                d.signed.signature(),
                &d.spki,
            ) {
                // A request is signed with its own key, not an issuer's.
                SigCheck::Bad(why) => SigCheck::Bad(why.replace("the issuer's key", "its own key")),
                other => other,
            };
            Item::Request {
                source: &o.source,
                detail: Box::new(d),
                signature,
            }
        }),
        OtherKind::Crl => detail::crl(der).map(|d| {
            let signature = issuer_of(&d, records).map(|spki| {
                crate::trust::verify(
                    d.signed.tbs(),
                    d.signed.algorithm(),
                    d.signed.signature(),
                    spki,
                )
            });
            Item::Crl {
                source: &o.source,
                detail: Box::new(d),
                signature,
            }
        }),
    };
    match read {
        Ok(item) => {
            items.push(item);
            Exit::Success
        }
        Err(e) => {
            pipeline::report(err, &o.source, &e.to_string());
            crate::model::Unread::add(unread, &o.source, &e.to_string());
            Exit::Input
        }
    }
}

/// The key of a certificate among the inputs named as the CRL's issuer
/// (the first one whose key verifies it, else the first by name).
fn issuer_of<'r>(crl: &CrlDetail, records: &'r [EntryRecord]) -> Option<&'r [u8]> {
    let named: Vec<&CertRecord> = records
        .iter()
        .flat_map(|r| r.chain.iter())
        .filter(|c| c.subject_raw == crl.issuer_raw)
        .collect();
    let spki = |c: &&'r CertRecord| c.signed.as_deref().map(|s| s.spki());
    let verifies = |c: &&'r CertRecord| {
        spki(c).is_some_and(|k| {
            crate::trust::verify(
                crl.signed.tbs(),
                crl.signed.algorithm(),
                crl.signed.signature(),
                k,
            ) == SigCheck::Verified
        })
    };
    named
        .iter()
        .find(|c| verifies(c))
        .or(named.first())
        .and_then(spki)
}
