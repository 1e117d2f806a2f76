#!/usr/bin/env bash
# Text-core throughput, isnad-text against the Python peers, on the same SaudiNewsNet text in one run.
#
# Creates a virtualenv in a temporary folder, installs the pinned peers, extracts article texts from
# ../shared/data/saudinewsnet/*.jsonl.gz into a temporary file (never committed: the corpus is
# non-commercial), then times each side single-threaded, best of 3, and prints one table with
# MB/s (10^6 bytes of input text per second) and the ratio of isnad-text to each peer. Throughput
# is per second of CPU time (the thread's time on the processor, so other load on a shared machine
# does not count against either side); wall-clock MB/s is shown beside it.
#
# The fast peers read the whole sample (--mb, default 20 MB); the slow ones (tashaphyne, ISRI,
# pure-Python Snowball) read its first --slice-mb (default 1 MB), and isnad-text is timed on both
# files so every ratio compares the same text.
#
# usage: bench/text/run.sh [--mb 20] [--slice-mb 1] [--runs 3]
# env:   SAUDINEWSNET=folder of *.jsonl.gz   BENCH_VENV=existing virtualenv to reuse
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
data=${SAUDINEWSNET:-$root/../shared/data/saudinewsnet}
sample_mb=20
slice_mb=1
runs=3
while [ $# -gt 0 ]; do
    case $1 in
        --mb) sample_mb=$2; shift 2 ;;
        --slice-mb) slice_mb=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: $0 [--mb 20] [--slice-mb 1] [--runs 3]" >&2; exit 2 ;;
    esac
done
shopt -s nullglob
inputs=("$data"/*.jsonl.gz)
if [ ${#inputs[@]} -eq 0 ]; then
    echo "no *.jsonl.gz under $data: set SAUDINEWSNET" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One core for every side: all of them are single-threaded, and pinning keeps them comparable.
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi

venv=${BENCH_VENV:-$work/venv}
if [ ! -x "$venv/bin/python" ]; then
    echo "installing the pinned Python peers into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet pyarabic==0.6.15 tashaphyne==0.3.6 nltk==3.10.4 snowballstemmer==3.1.1 PyStemmer==3.1.0
fi
python=$venv/bin/python

"$python" "$root/bench/text/extract_texts.py" "$work/sample.txt" --mb "$sample_mb" "${inputs[@]}" >&2
"$python" "$root/bench/text/extract_texts.py" "$work/slice.txt" --mb "$slice_mb" "${inputs[@]}" >&2

echo "building the Rust side" >&2
(cd "$root" && cargo build --quiet --release -p isnad-text --example text_throughput)
rust=$root/target/release/examples/text_throughput

results=$work/results.tsv
: > "$results"
run_rust() { # file label
    echo "timing isnad-text on the $2" >&2
    "${pin[@]}" "$rust" "$1" --runs "$runs" --tsv | sed "s/^isnad-text/isnad-text ($2)/" >> "$results"
}
run_peer() { # peer file label
    echo "timing $1 on the $3" >&2
    "${pin[@]}" "$python" "$root/bench/text/peers.py" "$1" "$2" --runs "$runs" | sed "s/^\([^\t]*\)/\1 ($3)/" >> "$results"
}

run_rust "$work/sample.txt" sample
for peer in re pyarabic re+pystemmer-nocache re+pystemmer-cache; do
    run_peer "$peer" "$work/sample.txt" sample
done
run_rust "$work/slice.txt" slice
for peer in pyarabic+tashaphyne re+isri re+snowball-py; do
    run_peer "$peer" "$work/slice.txt" slice
done

# The table: each peer against isnad-text on the same file, by CPU time.
awk -F'\t' '
    function file_of(label,    part) { split(label, part, "("); sub(/\)$/, "", part[2]); return part[2] }
    /^isnad-text/ { rust[file_of($1)] = $4 }
    { name[NR] = $1; bytes[NR] = $2; cpu[NR] = $4; wall[NR] = $6 }
    END {
        printf "| pipeline (text) | MB | MB/s (CPU) | MB/s (wall) | isnad-text is |\n|---|---:|---:|---:|---:|\n"
        for (i = 1; i <= NR; i++) {
            ratio = (name[i] ~ /^isnad-text/) ? "—" : sprintf("%.1f×", rust[file_of(name[i])] / cpu[i])
            printf "| %s | %.2f | %.2f | %.2f | %s |\n", name[i], bytes[i] / 1e6, cpu[i], wall[i], ratio
        }
    }' "$results"
echo
echo "single thread, best of $runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
