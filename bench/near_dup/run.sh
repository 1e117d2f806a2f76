#!/usr/bin/env bash
# Near-duplicate benchmark: isnad's MinHash-LSH index against datasketch's MinHashLSH on pairs built
# from SaudiNewsNet at run time, plus the time to de-duplicate the whole corpus.
#
# Usage: bench/near_dup/run.sh [SAUDINEWSNET_DIR]   (default: ../shared/data/saudinewsnet)
# Everything generated (virtualenv, test set) lives in a temp folder removed on exit: the corpus is
# non-commercial and nothing derived from it may be committed. A benchmark, not a test: run it once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/../shared/data/saudinewsnet}"
[ -d "$data" ] || { echo "near_dup: no SaudiNewsNet folder at $data (pass it as the first argument)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/isnad-near-dup.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== virtualenv with datasketch 2.0.0 (pinned) in $work/venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "datasketch==2.0.0"

echo "== isnad example binary (release)"
(cd "$root" && cargo build --release --quiet -p isnad-corpus --example near_dup)
binary="$root/target/release/examples/near_dup"

echo "== test set from $data"
python3 "$here/generate.py" --data "$data" --out "$work/set"

echo "== scoring (machine: $(nproc) cores)"
"$work/venv/bin/python" "$here/compare.py" --set "$work/set" --isnad "$binary" --data "$data"
