//! `isnad bench`: throughput and peak memory of reading and extraction on a corpus.
//!
//! Benchmarks run outside the test suite (timed tests are noisy on shared machines). Run them in
//! release mode on an idle machine, and report the figures beside the peer measured in the same run.

use crate::cli::EXIT_OK;
use isnad_extract::Extractor;
use isnad_read::{Document, ReadOptions, Reader};
use rayon::prelude::*;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    /// Reading only (decoding, furniture, title)
    Read,
    /// Reading, then full extraction
    Extract,
    /// Reading, then finding copies (MinHash/LSH over each article's readable text)
    Dedup,
}

/// Peak resident memory of this process, in MiB (Linux; `None` elsewhere).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

pub fn run(stage: Stage, paths: &[String], threads: Option<usize>, repeat: usize) -> anyhow::Result<u8> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let started = Instant::now();
    let mut reader = Reader::new(ReadOptions::default());
    let mut documents: Vec<Document> = Vec::new();
    let mut failed = 0;
    for arg in paths {
        for result in reader.read_arg(arg) {
            match result {
                Ok(doc) => documents.push(doc),
                Err(_) => failed += 1,
            }
        }
    }
    let read_secs = started.elapsed().as_secs_f64();
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let mib = bytes as f64 / (1 << 20) as f64;
    println!(
        "read     {} articles ({:.1} MiB of text, {} inputs failed) in {:.2} s: {:.0} articles/s, {:.1} MiB/s",
        documents.len(),
        mib,
        failed,
        read_secs,
        documents.len() as f64 / read_secs,
        mib / read_secs
    );
    if stage == Stage::Dedup {
        let t = Instant::now();
        let texts: Vec<String> = documents
            .par_iter()
            .map(|d| d.readable_spans().iter().map(|s| s.slice(&d.text)).collect::<Vec<_>>().join("\n"))
            .collect();
        let mut index = isnad_corpus::syndication::NearDupIndex::new(Default::default());
        for (doc, text) in documents.iter().zip(&texts) {
            index.add_text(doc.doc_id.clone(), text);
        }
        let groups = index.clusters();
        let dedup_secs = t.elapsed().as_secs_f64();
        println!(
            "dedup    {} groups of copies holding {} articles in {:.2} s; read + dedup {:.2} s",
            groups.len(),
            groups.iter().map(|g| g.docs.len()).sum::<usize>(),
            dedup_secs,
            read_secs + dedup_secs
        );
    }
    if stage == Stage::Extract {
        let extractor = Extractor::new();
        let mut best = f64::INFINITY;
        let mut facts = 0usize;
        for _ in 0..repeat.max(1) {
            let t = Instant::now();
            facts = documents
                .par_iter()
                .map(|d| {
                    let r = extractor.extract(d);
                    r.entities.len() + r.attributions.len() + r.events.len() + r.quantities.len() + r.dates.len()
                })
                .sum();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "extract  {} articles on {} threads in {:.2} s (best of {}): {:.0} articles/s, {:.1} MiB/s, {} facts",
            documents.len(),
            rayon::current_num_threads(),
            best,
            repeat.max(1),
            documents.len() as f64 / best,
            mib / best,
            facts
        );
    }
    if let Some(peak) = peak_rss_mib() {
        println!("memory   peak resident {peak:.0} MiB");
    }
    Ok(EXIT_OK)
}
