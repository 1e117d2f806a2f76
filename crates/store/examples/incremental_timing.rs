//! How long the corpus view's near-duplicate step takes over a store, with the signatures kept at
//! ingest against recomputing them from the text, and what one more article costs.
//!
//! `cargo run --release -p isnad-store --example incremental_timing -- STORE_DIR`
//! (a benchmark, not a test: run it by hand on a store filled by `isnad ingest`).

use isnad_corpus::syndication::{article_signature, clusters_from_signatures, NearDupConfig, NearDupIndex, Signature};
use isnad_corpus::Article;
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: incremental_timing STORE_DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let store = isnad_store::Store::open(std::path::Path::new(&dir)).expect("open the store");
    let rows = store.articles_with_signatures().expect("read the store");
    println!("load {} articles (records parsed): {:.2} s", rows.len(), started.elapsed().as_secs_f64());

    let started = Instant::now();
    let stored: Vec<Signature> =
        rows.iter().map(|(_, bytes)| bytes.as_deref().and_then(Signature::from_bytes).expect("a stored signature")).collect();
    println!("decode stored signatures: {:.3} s", started.elapsed().as_secs_f64());

    let articles: Vec<Article> = rows.iter().map(|(a, _)| Article { record: &a.record, text: &a.text }).collect();
    let started = Instant::now();
    let recomputed: Vec<Signature> = articles.iter().map(article_signature).collect();
    println!("recompute every signature from the text (one core): {:.2} s", started.elapsed().as_secs_f64());
    assert_eq!(recomputed, stored, "stored signatures equal recomputed ones");

    let started = Instant::now();
    let copies = clusters_from_signatures(&articles, &stored, NearDupConfig::default());
    println!("copies ({} groups) from stored signatures: {:.3} s", copies.len(), started.elapsed().as_secs_f64());
    let started = Instant::now();
    let reuse = clusters_from_signatures(&articles, &stored, isnad_corpus::view::text_reuse_config());
    println!("text reuse ({} groups) from stored signatures: {:.3} s", reuse.len(), started.elapsed().as_secs_f64());

    // One more article: the index of what is stored takes it and answers its group.
    let mut index = NearDupIndex::default();
    for (article, signature) in articles.iter().zip(&stored) {
        index.add(article.record.doc_id.clone(), signature.clone());
    }
    let (last, rest) = articles.split_last().expect("a non-empty store");
    let _ = rest;
    let started = Instant::now();
    let signature = article_signature(last);
    let found = index.add(format!("{}-again", last.record.doc_id), signature);
    let group = index.group_of(index.len() - 1);
    println!(
        "one more article: signature + insert + its group ({} copies, group of {}): {:.6} s",
        found.len(),
        group.len(),
        started.elapsed().as_secs_f64()
    );
}
