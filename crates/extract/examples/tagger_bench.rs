//! Tagging speed of the shipped name tagger on one core (a bench, not a test).
//!
//! Run in release mode on a CoNLL file (one token per line, blank lines between sentences):
//! `cargo run --release -p isnad-extract --example tagger_bench -- FILE [WINDOW]`.
//! Prints tokens per second for tags only and for tags with confidences, best of three runs each.

use isnad_extract::tagger::{read_conll, TaggedSentence, Tagger};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: tagger_bench FILE [WINDOW]");
        std::process::exit(2);
    };
    let window: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(10);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("tagger_bench: reading {path}: {e}");
            std::process::exit(2);
        }
    };
    let sentences = read_conll(&text);
    let words: Vec<Vec<&str>> = sentences.iter().map(TaggedSentence::word_refs).collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    let started = Instant::now();
    let tagger = match Tagger::shipped() {
        Ok(tagger) => tagger,
        Err(e) => {
            eprintln!("tagger_bench: {e}");
            std::process::exit(2);
        }
    };
    println!("model load: {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    for confidence in [false, true] {
        let best = (0..3)
            .map(|_| {
                let started = Instant::now();
                let tagged = tagger.tag_sentences(&words, window, confidence);
                std::hint::black_box(tagged);
                started.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        println!(
            "{} sentences, {tokens} tokens, confidences {confidence}: {:.0} tokens/s",
            sentences.len(),
            tokens as f64 / best
        );
    }
}
