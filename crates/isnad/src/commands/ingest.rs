//! `isnad ingest`: read, extract and store articles, one transaction per batch.

use crate::batch::{extract_all, report_warnings};
use crate::cli::{EXIT_OK, EXIT_SOME_INPUTS_FAILED};
use isnad_read::{Document, ReadOptions, Reader};
use isnad_store::{BatchOutcome, Store};
use std::path::Path;

/// Articles per transaction: small enough that a crash loses little, large enough to amortise
/// the commit.
const BATCH: usize = 512;

pub fn run(paths: &[String], store_dir: &Path) -> anyhow::Result<u8> {
    let mut store = Store::open(store_dir)?;
    let mut reader = Reader::new(ReadOptions::default());
    let mut total = BatchOutcome::default();
    let mut failed = 0usize;
    let mut pending: Vec<Document> = Vec::new();
    let flush = |pending: &mut Vec<Document>, store: &mut Store, total: &mut BatchOutcome| -> anyhow::Result<()> {
        // Already stored: skip the extraction too.
        let mut fresh = Vec::with_capacity(pending.len());
        for doc in pending.drain(..) {
            if store.contains(&format!("{:016x}", doc.content_hash))? {
                total.unchanged += 1;
            } else {
                fresh.push(doc);
            }
        }
        let records = extract_all(&fresh);
        let outcome = store.put_batch(records.iter().zip(&fresh).map(|(r, d)| (r, d.text.as_str())))?;
        total.added += outcome.added;
        total.unchanged += outcome.unchanged;
        Ok(())
    };
    for arg in paths {
        for result in reader.read_arg(arg) {
            match result {
                Ok(doc) => {
                    report_warnings(&doc);
                    pending.push(doc);
                    if pending.len() >= BATCH {
                        flush(&mut pending, &mut store, &mut total)?;
                    }
                }
                Err(e) => {
                    eprintln!("isnad: error: {e}");
                    failed += 1;
                }
            }
        }
    }
    flush(&mut pending, &mut store, &mut total)?;
    eprintln!(
        "isnad: ingested {} new articles ({} already stored, {} inputs failed) into {}; {} articles in the store",
        total.added,
        total.unchanged,
        failed,
        store_dir.display(),
        store.count()?
    );
    Ok(if failed > 0 { EXIT_SOME_INPUTS_FAILED } else { EXIT_OK })
}
