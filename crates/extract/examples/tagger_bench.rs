//! Tagging speed of the shipped name tagger on one core (a bench, not a test).
//!
//! Run in release mode on a CoNLL file (one token per line, blank lines between sentences):
//! `cargo run --release -p isnad-extract --example tagger_bench -- FILE [WINDOW]`.
//! Prints tokens per second for tags only and for tags with confidences, best of three runs each,
//! both per second of wall-clock time and per second of CPU time of the tagging thread (on Linux;
//! the machine is shared, so wall-clock time counts other processes' turns too), and the peak
//! resident memory of the process.

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
        let (mut best_wall, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..3 {
            let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
            let tagged = tagger.tag_sentences(&words, window, confidence);
            std::hint::black_box(tagged);
            best_wall = best_wall.min(started.elapsed().as_secs_f64());
            if let (Some(before), Some(after)) = (cpu_started, thread_cpu_seconds()) {
                best_cpu = best_cpu.min(after - before);
            }
        }
        let cpu = if best_cpu.is_finite() { format!("{:.0}", tokens as f64 / best_cpu) } else { "n/a".into() };
        println!(
            "{} sentences, {tokens} tokens, confidences {confidence}: {:.0} tokens/s wall, {cpu} tokens/s CPU",
            sentences.len(),
            tokens as f64 / best_wall
        );
    }
    if let Some(peak) = peak_memory_kib() {
        println!("peak resident memory: {:.1} MiB", peak as f64 / 1024.0);
    }
}

/// CPU time this thread has run, from the Linux scheduler's statistics (nanoseconds).
fn thread_cpu_seconds() -> Option<f64> {
    let stats = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stats.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// Peak resident set size of this process (Linux), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
