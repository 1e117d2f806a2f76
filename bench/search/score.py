#!/usr/bin/env python3
"""Scores the search benchmark: recall and precision of each engine against hand-written surface-form
patterns (queries.tsv), latency percentiles, build time and size.

Expected hits are computed here, from corpus.jsonl (the exact text every engine indexed) and the
patterns, independently of any engine.

    python3 bench/search/score.py OUT_DIR/results.json OUT_DIR/corpus.jsonl bench/search/queries.tsv
"""
import json
import re
import sys

ARABIC = "\u0621-\u064a"
PROCLITICS = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
DEFINITE = "(?:[وف]?(?:[بك]?ال|لل))"
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


def read_queries(path):
    queries = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        qid, query, pattern = line.rstrip("\n").split("\t")
        core = pattern.replace("{P}", PROCLITICS).replace("{D}", DEFINITE)
        queries.append((qid, query, re.compile(f"(?<![{ARABIC}]){core}(?![{ARABIC}])")))
    return queries


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    results_path, corpus_path, queries_path = sys.argv[1:4]
    results = json.load(open(results_path, encoding="utf-8"))
    queries = read_queries(queries_path)
    texts = [DIACRITICS.sub("", json.loads(line)["text"]) for line in open(corpus_path, encoding="utf-8")]
    expected = {qid: {i for i, t in enumerate(texts) if pattern.search(t)} for qid, _, pattern in queries}

    engines = results["engines"]
    summary = []
    per_query_rows = []
    for name, engine in engines.items():
        recalls, precisions, latencies = [], [], []
        found_all = expected_all = returned_all = 0
        for qid, query, _ in queries:
            got = set(engine["queries"][qid]["hits"])
            want = expected[qid]
            found = len(got & want)
            recall = found / len(want) if want else 1.0
            precision = found / len(got) if got else (1.0 if not want else 0.0)
            recalls.append(recall)
            precisions.append(precision)
            found_all += found
            expected_all += len(want)
            returned_all += len(got)
            latencies.extend(engine["queries"][qid]["latency_ms"])
            per_query_rows.append((qid, query, name, len(want), len(got), recall, precision))
        summary.append((name, sum(recalls) / len(recalls), sum(precisions) / len(precisions),
                        found_all / max(expected_all, 1), found_all / max(returned_all, 1),
                        percentile(latencies, 50), percentile(latencies, 99), engine["build_s"], engine["size_bytes"]))

    print(f"{results['articles']} articles, {results['text_bytes'] / 2**20:.1f} MiB of indexed text, {len(queries)} queries\n")
    print("| engine | recall (macro) | precision (macro) | recall (micro) | precision (micro) | p50 ms | p99 ms | build s | size MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r, p, rm, pm, p50, p99, build, size in summary:
        build_text = "(same index)" if build == 0 else f"{build:.1f}"
        print(f"| {name} | {r:.3f} | {p:.3f} | {rm:.3f} | {pm:.3f} | {p50:.2f} | {p99:.2f} | {build_text} | {size / 2**20:.1f} |")
    print("\nPer query (expected articles; recall / precision per engine):\n")
    names = list(engines)
    print("| id | query | expected | " + " | ".join(names) + " |")
    print("|---|---|---:|" + "---:|" * len(names))
    for qid, query, _ in queries:
        rows = {row[2]: row for row in per_query_rows if row[0] == qid}
        cells = [f"{rows[n][5]:.2f} / {rows[n][6]:.2f}" for n in names]
        print(f"| {qid} | {query} | {len(expected[qid])} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
