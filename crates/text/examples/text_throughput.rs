//! Single-threaded throughput of the text core: normalise (with the offset map) + tokenise (with
//! proclitic splitting and input spans) + Light10 stem of every word token.
//!
//! This is the Rust side of `bench/text/run.sh`, which runs the Python peers on the same text in
//! the same run. The input is a UTF-8 file of article texts separated by the ASCII record separator
//! (U+001E); each article is processed on its own, as the pipeline does. Throughput is reported in
//! MB/s (10^6 bytes of input text per second), best of `--runs` passes, both per second of CPU time
//! (the thread's time on the processor, so other load on a shared machine does not count) and per
//! second of wall time.
//!
//! ```text
//! cargo run --release -p isnad-text --example text_throughput -- FILE [--runs 3] [--stages] [--tsv]
//! ```
//!
//! `--stages` also times normalise alone and normalise + tokenise, to show where the time goes.
//! `--tsv` prints one machine-readable line per stage:
//! `isnad-text<TAB>bytes<TAB>CPU seconds<TAB>MB/s (CPU)<TAB>wall seconds<TAB>MB/s (wall)`.

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

/// CPU time this thread has run, in seconds, from Linux's scheduler statistics; `None` elsewhere.
/// The bench machine is shared, so time on the CPU is a fairer measure than wall time.
fn thread_cpu_seconds() -> Option<f64> {
    let stats = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stats.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// Best times of several passes, in seconds.
struct Timing {
    wall: f64,
    /// CPU time of the pass with the best CPU time (wall time where CPU time cannot be read).
    cpu: f64,
    checksum: u64,
}

/// The best wall and CPU times of `runs` passes.
fn best_of(articles: &[&str], stage: Stage, runs: usize) -> Timing {
    let mut timing = Timing { wall: f64::INFINITY, cpu: f64::INFINITY, checksum: 0 };
    for _ in 0..runs.max(1) {
        let cpu_before = thread_cpu_seconds();
        let started = Instant::now();
        timing.checksum = pass(articles, stage);
        let wall = started.elapsed().as_secs_f64();
        let cpu = match (cpu_before, thread_cpu_seconds()) {
            (Some(before), Some(after)) => after - before,
            _ => wall,
        };
        timing.wall = timing.wall.min(wall);
        timing.cpu = timing.cpu.min(cpu);
    }
    timing
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
        let timing = best_of(&articles, stage, runs);
        if tsv {
            println!("isnad-text\t{bytes}\t{:.6}\t{:.2}\t{:.6}\t{:.2}", timing.cpu, megabytes / timing.cpu, timing.wall, megabytes / timing.wall);
        } else {
            println!(
                "{label}: {:.1} MB/s of CPU time, {:.1} MB/s of wall time ({} articles, {megabytes:.2} MB, best of {runs}, checksum {})",
                megabytes / timing.cpu,
                megabytes / timing.wall,
                articles.len(),
                timing.checksum
            );
        }
    }
}
