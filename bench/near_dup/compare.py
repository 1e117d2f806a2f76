#!/usr/bin/env python3
"""Scores isnad's near-duplicate index and datasketch's MinHashLSH on the same labelled pairs.

Both systems index every document of DOCS.jsonl; a pair counts as found when the system reports its
two documents as copies of each other (isnad: a verified copy pair; datasketch: an LSH query hit).
Prints one table with precision, recall per edit and speed, then the whole-corpus de-duplication.
"""

import argparse
import collections
import glob
import gzip
import json
import os
import re
import subprocess
import time

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c\ufeff]")
FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و", **{chr(0x660 + d): str(d) for d in range(10)}})
WORD = re.compile(r"\w+")


def shingles(text, k):
    """The same units isnad compares: normalised words (isnad's folds), k at a time."""
    words = WORD.findall(HARAKAT.sub("", text).translate(FOLDS).lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def datasketch_edges(ids, texts, k, threshold, num_perm):
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes = []
    for doc_id, text in zip(ids, texts):
        minhash = MinHash(num_perm=num_perm)
        minhash.update_batch(list(shingles(text, k)))
        hashes.append(minhash)
        lsh.insert(doc_id, minhash)
    edges = set()
    for doc_id, minhash in zip(ids, hashes):
        for other in lsh.query(minhash):
            if other != doc_id:
                edges.add(frozenset((doc_id, other)))
    return edges, time.perf_counter() - started


def isnad_edges(binary, docs_path, extra):
    output = subprocess.run([binary, *extra, docs_path], check=True, capture_output=True, text=True).stdout
    result = json.loads(output)
    return {frozenset(edge) for edge in result["edges"]}, result["seconds"]


def score(pairs, edges):
    found = collections.Counter()
    total = collections.Counter()
    true_positives = false_positives = 0
    for pair in pairs:
        hit = frozenset((pair["a"], pair["b"])) in edges
        total[pair["kind"]] += 1
        found[pair["kind"]] += hit
        if pair["label"] is None:
            continue
        if hit and pair["label"]:
            true_positives += 1
        elif hit:
            false_positives += 1
    positives = sum(1 for pair in pairs if pair["label"])
    precision = true_positives / max(1, true_positives + false_positives)
    recall = true_positives / max(1, positives)
    return precision, recall, {kind: found[kind] / total[kind] for kind in total}


def corpus_texts(data_dir):
    texts = []
    for path in sorted(glob.glob(os.path.join(data_dir, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            texts.extend(json.loads(line)["content"] for line in lines if line.strip())
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", required=True, help="folder with docs.jsonl and pairs.jsonl")
    parser.add_argument("--isnad", required=True, help="the near_dup example binary")
    parser.add_argument("--data", help="SaudiNewsNet folder, for the whole-corpus timing")
    parser.add_argument("--skip-datasketch", action="store_true")
    parser.add_argument("--shingle-sweep", default="2,4,5", help="other shingle sizes to score isnad with")
    args = parser.parse_args()

    docs_path = os.path.join(args.set, "docs.jsonl")
    docs = [json.loads(line) for line in open(docs_path, encoding="utf-8")]
    pairs = [json.loads(line) for line in open(os.path.join(args.set, "pairs.jsonl"), encoding="utf-8")]
    ids, texts = [d["id"] for d in docs], [d["text"] for d in docs]
    kinds = [k for k in ["known", "furniture", "title", "tail", "sentences", "paragraph", "negative", "known-short"] if any(p["kind"] == k for p in pairs)]

    rows = []
    if not args.skip_datasketch:
        import datasketch

        edges, seconds = datasketch_edges(ids, texts, 3, 0.8, 128)
        rows.append((f"datasketch {datasketch.__version__} MinHashLSH(0.8, 128), 3-word", edges, seconds))
    rows.append(("isnad default (J>=0.8 or C>=0.9), 3-word, 1 thread", *isnad_edges(args.isnad, docs_path, ["--threads", "1"])))
    rows.append(("isnad J>=0.8 only, 3-word, 1 thread", *isnad_edges(args.isnad, docs_path, ["--threads", "1", "--jaccard-only"])))
    for k in [k for k in args.shingle_sweep.split(",") if k]:
        rows.append((f"isnad default, {k}-word, 1 thread", *isnad_edges(args.isnad, docs_path, ["--threads", "1", "--shingle", k])))

    print(f"\n{len(docs)} documents, {len(pairs)} pairs: " + ", ".join(f"{k} {sum(p['kind'] == k for p in pairs)}" for k in kinds))
    header = f"{'system':<58} {'P':>6} {'R':>6} " + " ".join(f"{k[:9]:>9}" for k in kinds) + f" {'seconds':>8} {'docs/s':>8}"
    print(header)
    print("-" * len(header))
    for name, edges, seconds in rows:
        precision, recall, per_kind = score(pairs, edges)
        cells = " ".join(f"{per_kind[k]:>9.3f}" for k in kinds)
        print(f"{name:<58} {precision:>6.3f} {recall:>6.3f} {cells} {seconds:>8.2f} {len(docs) / seconds:>8.0f}")
    print("(per-edit columns: share of pairs found; for 'negative' that is the false-positive rate;")
    print(" 'known-short': identical bodies of under 50 words, mostly a byline on different columns, not scored)")

    if args.data:
        print("\nWhole corpus (read + de-duplicate):")
        for threads in ["2", "1"]:
            started = time.perf_counter()
            output = subprocess.run([args.isnad, "--threads", threads, "--corpus", args.data], check=True, capture_output=True, text=True).stdout
            wall = time.perf_counter() - started
            result = json.loads(output)
            print(f"  isnad, {threads} thread(s): {result['articles']} articles in {result['seconds']:.2f} s "
                  f"(process wall {wall:.2f} s; reading {result['read_seconds']:.2f} s); "
                  f"{result['groups']} groups of copies holding {result['articles_in_groups']} articles")
        if not args.skip_datasketch:
            started = time.perf_counter()
            texts = corpus_texts(args.data)
            edges, _ = datasketch_edges([str(i) for i in range(len(texts))], texts, 3, 0.8, 128)
            print(f"  datasketch, 1 thread: {len(texts)} articles in {time.perf_counter() - started:.2f} s ({len(edges)} copy pairs)")


if __name__ == "__main__":
    main()
