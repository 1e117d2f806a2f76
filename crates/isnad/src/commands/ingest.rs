//! `isnad ingest`: read, extract and store articles, one transaction per batch.
//!
//! Three stages run at once, joined by bounded channels so memory stays flat:
//!
//! 1. a reader thread turns inputs into documents, a batch at a time, in input order;
//! 2. the calling thread skips documents already stored (by content hash) or already seen in this run,
//!    then extracts records, near-duplicate signatures and their JSON on every core (rayon);
//! 3. a writer thread commits each batch in one SQLite transaction.
//!
//! Batches are committed in input order, so the store's order is the order `isnad report PATH...`
//! would see. A crash (even SIGKILL) loses only the batch in flight; re-running the same command
//! skips what was committed and stores the rest, each article once.

use crate::cli::{EXIT_OK, EXIT_SOME_INPUTS_FAILED};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use isnad_extract::Extractor;
use isnad_read::{Document, ReadOptions, Reader};
use isnad_store::{BatchOutcome, EncodedArticle, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

/// Articles per transaction by default: small enough that a crash loses little and readers see
/// progress often, large enough that the commit's cost is spread thin.
pub const DEFAULT_BATCH_SIZE: u64 = 512;

/// One input to read: a file (whose size feeds the progress bar) or standard input.
enum Input {
    File { path: PathBuf, root: PathBuf, bytes: u64 },
    Stdin,
}

/// Documents read, with how far through the input bytes the reader was when it read the last one.
struct ReadBatch {
    documents: Vec<Document>,
    bytes_done: u64,
}

/// Articles ready to commit, plus those skipped as already stored.
struct WriteBatch {
    articles: Vec<EncodedArticle>,
    skipped: usize,
    bytes_done: u64,
}

/// Totals of one ingest.
#[derive(Default)]
struct Totals {
    outcome: BatchOutcome,
    read_failures: usize,
}

pub fn run(paths: &[String], store_dir: &Path, batch_size: usize) -> anyhow::Result<u8> {
    let batch_size = batch_size.max(1);
    let started = Instant::now();
    let store = Store::open(store_dir)?;
    let stored_before = store.count()?;
    let mut known: HashSet<String> = store.content_hashes()?;
    let inputs = list_inputs(paths);
    let total_bytes = inputs.iter().try_fold(0u64, |sum, input| match input {
        Input::File { bytes, .. } => Some(sum + bytes),
        Input::Stdin => None,
    });
    let bar = progress_bar(total_bytes);

    let (read_sender, read_receiver) = sync_channel::<ReadBatch>(2);
    let (write_sender, write_receiver) = sync_channel::<WriteBatch>(2);
    let reader_bar = bar.clone();
    let reader = std::thread::spawn(move || read_inputs(inputs, batch_size, &read_sender, &reader_bar));
    let writer_bar = bar.clone();
    let writer = std::thread::spawn(move || write_batches(store, write_receiver, &writer_bar, started));

    let extractor = Extractor::new();
    for batch in read_receiver {
        let mut fresh = Vec::with_capacity(batch.documents.len());
        let mut skipped_here = 0;
        for document in batch.documents {
            // Already stored, or a second copy of the same text in this run: no need to extract it.
            if known.insert(format!("{:016x}", document.content_hash)) {
                fresh.push(document);
            } else {
                skipped_here += 1;
            }
        }
        let articles = fresh
            .into_par_iter()
            .map(|document| encode(&extractor, document))
            .collect::<Result<Vec<_>, _>>()?;
        if write_sender.send(WriteBatch { articles, skipped: skipped_here, bytes_done: batch.bytes_done }).is_err() {
            // The writer stopped on an error; it is reported below.
            break;
        }
    }
    drop(write_sender);
    let read_failures = reader.join().map_err(|_| anyhow::anyhow!("the reader thread failed"))?;
    let written = writer.join().map_err(|_| anyhow::anyhow!("the writer thread failed"))?;
    bar.finish_and_clear();
    let (store, mut totals) = written?;
    totals.read_failures = read_failures;

    if let Err(e) = store.checkpoint() {
        // A reader holding an old snapshot keeps the log from being emptied; nothing is lost.
        eprintln!("isnad: warning: the store's write-ahead log was not folded in yet ({e}); the next ingest will");
    }
    // The search index follows the store: only what it has not seen is analysed. A failure here
    // loses nothing stored; `isnad index` retries it.
    let index_started = std::time::Instant::now();
    let indexed = match isnad_search::index_store(store_dir) {
        Ok(outcome) => format!("{} articles indexed for search in {:.1} s", outcome.added, index_started.elapsed().as_secs_f64()),
        Err(e) => {
            eprintln!("isnad: warning: the search index was not updated ({e}); run `isnad index --store {}`", store_dir.display());
            "search index not updated".to_string()
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let in_store = store.count()?;
    eprintln!(
        "isnad: ingested {} new articles ({} already stored, {} inputs failed) in {:.1} s ({:.0} articles/s) into {}; \
         {} articles in the store (was {}), {:.1} MiB on disk; {}",
        totals.outcome.added,
        totals.outcome.unchanged,
        totals.read_failures,
        seconds,
        (totals.outcome.added + totals.outcome.unchanged) as f64 / seconds.max(1e-9),
        store_dir.display(),
        in_store,
        stored_before,
        store.size_on_disk() as f64 / (1024.0 * 1024.0),
        indexed,
    );
    Ok(if totals.read_failures > 0 { EXIT_SOME_INPUTS_FAILED } else { EXIT_OK })
}

/// Extracts one document and encodes what the store keeps of it: record, text, signature.
fn encode(extractor: &Extractor, document: Document) -> anyhow::Result<EncodedArticle> {
    let record = extractor.extract(&document);
    let signature = isnad_corpus::syndication::article_signature(&isnad_corpus::Article { record: &record, text: &document.text });
    Ok(EncodedArticle::from_record(record, document.text, Some(signature.to_bytes()))?)
}

/// The files behind the arguments, in the order `isnad extract` reads them.
fn list_inputs(paths: &[String]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for arg in paths {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let root = PathBuf::from(arg);
        let mut files = Vec::new();
        if root.is_dir() {
            isnad_read::walk::collect_files(&root, &mut files);
        } else {
            files.push(root.clone());
        }
        for path in files {
            let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
            inputs.push(Input::File { path, root: root.clone(), bytes });
        }
    }
    inputs
}

/// The reader thread: documents in input order, `batch_size` at a time; returns how many inputs
/// failed.
fn read_inputs(inputs: Vec<Input>, batch_size: usize, sender: &SyncSender<ReadBatch>, bar: &ProgressBar) -> usize {
    let mut reader = Reader::new(ReadOptions::default());
    let mut failed = 0;
    let mut bytes_done = 0u64;
    let mut pending: Vec<Document> = Vec::new();
    for input in inputs {
        let (results, input_bytes) = match &input {
            Input::File { path, root, bytes } => (reader.read_file(path, root), *bytes),
            Input::Stdin => (reader.read_arg("-"), 0),
        };
        let bytes_before = bytes_done;
        let count = results.len().max(1) as u64;
        for (position, result) in results.into_iter().enumerate() {
            // A file of many articles advances the bar in proportion to the articles read from it.
            bytes_done = bytes_before + input_bytes * (position as u64 + 1) / count;
            match result {
                Ok(document) => {
                    for warning in &document.warnings {
                        bar.suspend(|| eprintln!("isnad: warning: {}: {warning}", document.origin));
                    }
                    pending.push(document);
                    if pending.len() >= batch_size {
                        let documents = std::mem::take(&mut pending);
                        if sender.send(ReadBatch { documents, bytes_done }).is_err() {
                            return failed;
                        }
                    }
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("isnad: error: {e}"));
                    failed += 1;
                }
            }
        }
    }
    if !pending.is_empty() {
        let _ = sender.send(ReadBatch { documents: pending, bytes_done });
    }
    failed
}

/// The writer thread: one transaction per batch, progress after each commit.
fn write_batches(
    mut store: Store,
    receiver: Receiver<WriteBatch>,
    bar: &ProgressBar,
    started: Instant,
) -> anyhow::Result<(Store, Totals)> {
    let mut totals = Totals::default();
    for batch in receiver {
        if !batch.articles.is_empty() {
            let outcome = store
                .put_encoded(&batch.articles)
                .with_context(|| format!("storing a batch of {} articles (nothing of it was kept)", batch.articles.len()))?;
            totals.outcome.added += outcome.added;
            totals.outcome.unchanged += outcome.unchanged;
        }
        totals.outcome.unchanged += batch.skipped;
        let articles_done = totals.outcome.added + totals.outcome.unchanged;
        bar.set_position(batch.bytes_done);
        let rate = articles_done as f64 / started.elapsed().as_secs_f64().max(1e-9);
        bar.set_message(format!("{} new, {} articles/s", totals.outcome.added, rate.round()));
    }
    Ok((store, totals))
}

/// A progress bar on standard error when it is a terminal, hidden otherwise (the summary line
/// is printed either way). With a known total of input bytes it shows a bar and an ETA.
fn progress_bar(total_bytes: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total_bytes {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} [{wide_bar}] {percent}% · {msg} · ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_message("starting");
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
