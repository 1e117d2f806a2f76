#!/usr/bin/env bash
# Scores isnad on the development sets with ../shared/eval/score.py: per article (docs), corpus view
# (report) and the name tagger (ner). Usage: bench/scores.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
cargo build --release -q
bin=target/release/isnad
out=$(mktemp -d)
for set in seeds dev2; do
  "$bin" extract "$shared"/corpus/$set/*.txt > "$out/$set.jsonl"
  "$bin" report --json "$shared"/corpus/$set/*.txt > "$out/$set-report.json"
  echo "== $set: score.py docs"
  python3 "$shared/eval/score.py" docs "$shared/eval/gold/$set.json" "$out/$set.jsonl"
  echo "== $set: score.py report"
  python3 "$shared/eval/score.py" report "$shared/eval/gold/$set.json" "$out/$set-report.json"
done
gold="$shared/data/anercorp-camel/ANERCorp_CamelLab_test_visible.txt"
if [ -f "$gold" ]; then
  "$bin" ner --conll "$gold" > "$out/ner.conll"
  echo "== ANERcorp (CAMeL split, visible test): score.py ner"
  python3 "$shared/eval/score.py" ner "$gold" "$out/ner.conll"
fi
rm -rf "$out"
