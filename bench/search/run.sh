#!/usr/bin/env bash
# Search benchmark: SaudiNewsNet indexed by isnad (Arabic analyser), tantivy (default tokenizer and
# built-in Arabic Snowball) and SQLite FTS5; 20 hand-written queries scored for recall/precision
# against surface-form patterns, with p50/p99 latency, build time and size.
# Reads ../shared at run time; writes only under $OUT (default /tmp/isnad-search-bench); commits nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${ISNAD_SHARED:-../shared}"
OUT="${OUT:-/tmp/isnad-search-bench}"
REPEAT="${REPEAT:-20}"
cargo build --release -p isnad-search --example search_bench
./target/release/examples/search_bench "$SHARED/data/saudinewsnet" bench/search/queries.tsv "$OUT" "$REPEAT"
python3 bench/search/score.py "$OUT/results.json" "$OUT/corpus.jsonl" bench/search/queries.tsv | tee "$OUT/table.md"
