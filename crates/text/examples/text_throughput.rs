//! Single-threaded throughput of the text core: normalise (with the offset map) + tokenise (with
//! proclitic splitting and input spans) + Light10 stem of every word token.
//!
//! This is the Rust side of `bench/text/run.sh`, which runs the Python peers on the same text in
//! the same run. The input is a UTF-8 file of article texts separated by the ASCII record separator
//! (U+001E); each article is processed on its own, as the pipeline does. Throughput is reported in
//! MB/s (10^6 bytes of input text per second), best of `--runs` passes.
//!
//! ```text
//! cargo run --release -p isnad-text --example text_throughput -- FILE [--runs 3] [--stages] [--tsv]
//! ```
//!
//! `--stages` also times normalise alone and normalise + tokenise, to show where the time goes.
//! `--tsv` prints one machine-readable line: `isnad-text<TAB>bytes<TAB>best seconds<TAB>MB/s`.

use isnad_text::stem::light_stem_normalized;
use isnad_text::tokens::{tokenize, TokenKind};
use isnad_text::normalize;
use std::hint::black_box;
use std::time::Instant;

/// How much of the pipeline one pass runs.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Normalise,
    Tokenise,
    Stem,
}

/// Runs `stage` over every article once; returns a checksum so that no work can be optimised away.
fn pass(articles: &[&str], stage: Stage) -> u64 {
    let mut checksum = 0u64;
    for article in articles {
        let normalized = normalize(black_box(article));
        checksum = checksum.wrapping_add(normalized.text().len() as u64);
        checksum = checksum.wrapping_add(normalized.source_span(0, normalized.text().len()).end as u64);
        if stage == Stage::Normalise {
            continue;
        }
        for token in tokenize(&normalized) {
            checksum = checksum.wrapping_add((token.span.start ^ token.span.end ^ token.proclitic_len) as u64);
            if stage == Stage::Stem && token.kind == TokenKind::Word {
                let stem = light_stem_normalized(token.text(&normalized));
                checksum = checksum.wrapping_add(stem.len() as u64);
            }
        }
        black_box(&normalized);
    }
    black_box(checksum)
}

/// The best wall time, in seconds, of `runs` passes, and the checksum of the last one.
fn best_of(articles: &[&str], stage: Stage, runs: usize) -> (f64, u64) {
    let mut best = f64::INFINITY;
    let mut checksum = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        checksum = pass(articles, stage);
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, checksum)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut runs = 3;
    let mut show_stages = false;
    let mut tsv = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(3),
            "--stages" => show_stages = true,
            "--tsv" => tsv = true,
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: text_throughput FILE [--runs N] [--stages] [--tsv]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(1);
        }
    };
    let articles: Vec<&str> = text.split('\u{1e}').filter(|a| !a.is_empty()).collect();
    let bytes = articles.iter().map(|a| a.len()).sum::<usize>();
    let megabytes = bytes as f64 / 1e6;
    let stages: &[(Stage, &str)] = if show_stages {
        &[(Stage::Normalise, "normalise + offsets"), (Stage::Tokenise, "+ tokenise + clitics"), (Stage::Stem, "+ light stem")]
    } else {
        &[(Stage::Stem, "normalise + offsets + tokenise + clitics + light stem")]
    };
    for &(stage, label) in stages {
        let (seconds, checksum) = best_of(&articles, stage, runs);
        if tsv {
            println!("isnad-text\t{bytes}\t{seconds:.6}\t{:.2}", megabytes / seconds);
        } else {
            println!(
                "{label}: {:.1} MB/s ({} articles, {megabytes:.2} MB, best of {runs}: {seconds:.3} s, checksum {checksum})",
                megabytes / seconds,
                articles.len()
            );
        }
    }
}
