#!/usr/bin/env bash
# Load test of `isnad serve` on loopback: wrk drives a mix of API requests (lists, articles, events,
# actors, claims, disagreements, search) at many concurrent connections, then the server's peak
# resident memory is read from /proc. Inputs are read from ../shared at run time; nothing is kept.
# Usage: bench/serve/run.sh [DURATION] [CONNECTIONS] [INPUT...]   (defaults: 30s 1000 seeds + dev2)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-30s}
connections=${2:-1000}
shift $(( $# < 2 ? $# : 2 ))
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(../shared/corpus/seeds ../shared/corpus/dev2)
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -q
work=$(mktemp -d)
target/release/isnad ingest "${inputs[@]}" --store "$work/store" 2>&1 | tail -n 1
# Each connection is a descriptor on both sides: raise the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((connections + 64)) ]; then
  echo "bench: only $(ulimit -n) open files allowed; $connections connections need more (ulimit -n)" >&2
  exit 2
fi
port=$((20000 + RANDOM % 20000))
target/release/isnad serve --store "$work/store" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 300); do
  curl -sf "$base/api/stats" >/dev/null 2>&1 && break
  sleep 0.1
done
python3 bench/serve/paths.py "$base" > "$work/paths.txt"
echo "== $(wc -l < "$work/paths.txt") distinct API requests, $connections connections, $duration, 2 wrk threads"
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
PATHS="$work/paths.txt" wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s bench/serve/mix.lua "$base"
echo "== server memory: resident before load ${rss_before} kB; $(grep -E 'VmHWM' "/proc/$pid/status" | tr -s ' \t' ' ') (peak resident)"
