//! The Rust side of the near-duplicate benchmark (`bench/near_dup/run.sh` drives it).
//!
//! Two modes, both printing one JSON object on stdout:
//!
//! - `near_dup [OPTIONS] DOCS.jsonl`: reads `{"id": ..., "text": ...}` lines, indexes every text with
//!   [`NearDupIndex`] and prints the verified copy pairs (`edges`) and the time taken (reading the
//!   file excluded), for the bench script to score against its labelled pairs;
//! - `near_dup [OPTIONS] --corpus DIR`: reads every `*.jsonl.gz` of a SaudiNewsNet-style directory
//!   (`content` field) and de-duplicates it all, timing reading and de-duplication together.
//!
//! Options: `--shingle K` (words per shingle), `--jaccard-only` (no containment rule),
//! `--threshold J` (Jaccard threshold), `--containment C` (containment threshold), `--threads N` (signature threads; default all cores).
//!
//! It reads plain JSON Lines, not `Document`s, so it does not depend on the reader crate; texts are
//! indexed whole (no furniture removal), which makes furniture edits harder here than in isnad.

use flate2::read::GzDecoder;
use isnad_corpus::syndication::{NearDupConfig, NearDupIndex, Signature};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Options {
    config: NearDupConfig,
    threads: Option<usize>,
    corpus: Option<PathBuf>,
    docs: Option<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options { config: NearDupConfig::default(), threads: None, corpus: None, docs: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--shingle" => options.config.shingle_words = value("--shingle")?.parse().map_err(|e| format!("--shingle: {e}"))?,
            "--threshold" => options.config.jaccard = value("--threshold")?.parse().map_err(|e| format!("--threshold: {e}"))?,
            "--threads" => options.threads = Some(value("--threads")?.parse().map_err(|e| format!("--threads: {e}"))?),
            "--jaccard-only" => options.config.containment = None,
            "--containment" => {
                options.config.containment = Some(value("--containment")?.parse().map_err(|e| format!("--containment: {e}"))?)
            }
            "--corpus" => options.corpus = Some(PathBuf::from(value("--corpus")?)),
            other if !other.starts_with("--") => options.docs = Some(PathBuf::from(other)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.corpus.is_none() && options.docs.is_none() {
        return Err("usage: near_dup [--shingle K] [--threshold J] [--containment C | --jaccard-only] [--threads N] (DOCS.jsonl | --corpus DIR)".into());
    }
    Ok(options)
}

/// Signatures in parallel, then one pass through the index; returns the verified copy pairs.
fn deduplicate(config: &NearDupConfig, ids: &[String], texts: &[String]) -> (NearDupIndex, Vec<(usize, usize)>) {
    let mut index = NearDupIndex::new(config.clone());
    let signatures: Vec<Signature> = texts.par_iter().map(|text| index.signature(text)).collect();
    let mut edges = Vec::new();
    for (position, (id, signature)) in ids.iter().zip(signatures).enumerate() {
        for copy in index.add(id.clone(), signature) {
            edges.push((copy.doc, position));
        }
    }
    (index, edges)
}

fn run_pairs(options: &Options, docs: &Path) -> Result<Value, String> {
    let file = std::fs::File::open(docs).map_err(|e| format!("cannot open {}: {e}", docs.display()))?;
    let (mut ids, mut texts) = (Vec::new(), Vec::new());
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let doc: Value = serde_json::from_str(&line).map_err(|e| format!("bad line in {}: {e}", docs.display()))?;
        ids.push(doc["id"].as_str().unwrap_or_default().to_string());
        texts.push(doc["text"].as_str().unwrap_or_default().to_string());
    }
    let started = Instant::now();
    let (_, edges) = deduplicate(&options.config, &ids, &texts);
    let seconds = started.elapsed().as_secs_f64();
    let edges: Vec<[&str; 2]> = edges.iter().map(|&(a, b)| [ids[a].as_str(), ids[b].as_str()]).collect();
    Ok(json!({"system": "isnad", "docs": ids.len(), "seconds": seconds, "edges": edges}))
}

fn read_gz_lines(path: &Path) -> Result<Vec<String>, String> {
    let mut text = String::new();
    GzDecoder::new(std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let article: Value = serde_json::from_str(line).map_err(|e| format!("bad line in {}: {e}", path.display()))?;
            Ok(article["content"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

fn run_corpus(options: &Options, dir: &Path) -> Result<Value, String> {
    let started = Instant::now();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let per_file: Vec<Vec<String>> = files.par_iter().map(|path| read_gz_lines(path)).collect::<Result<_, _>>()?;
    let texts: Vec<String> = per_file.into_iter().flatten().collect();
    let read_seconds = started.elapsed().as_secs_f64();
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let (index, edges) = deduplicate(&options.config, &ids, &texts);
    let seconds = started.elapsed().as_secs_f64();
    let clusters = index.clusters();
    Ok(json!({
        "system": "isnad",
        "articles": texts.len(),
        "seconds": seconds,
        "read_seconds": read_seconds,
        "copy_pairs": edges.len(),
        "groups": clusters.len(),
        "articles_in_groups": clusters.iter().map(|c| c.docs.len()).sum::<usize>(),
    }))
}

fn main() {
    let result = parse_options().and_then(|options| {
        if let Some(threads) = options.threads {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().map_err(|e| e.to_string())?;
        }
        match (&options.corpus, &options.docs) {
            (Some(dir), _) => run_corpus(&options, dir),
            (None, Some(docs)) => run_pairs(&options, docs),
            (None, None) => unreachable!("parse_options requires one of them"),
        }
    });
    match result {
        Ok(value) => println!("{value}"),
        Err(message) => {
            eprintln!("near_dup: {message}");
            std::process::exit(2);
        }
    }
}
