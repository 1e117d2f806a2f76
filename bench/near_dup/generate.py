#!/usr/bin/env python3
"""Builds the near-duplicate test set from SaudiNewsNet, at benchmark time, into a temp folder.

SaudiNewsNet is non-commercial (CC BY-NC-SA), so neither it nor anything derived from it is ever
committed: run.sh calls this with a temp directory and deletes it afterwards.

Writes OUT/docs.jsonl ({"id", "text"}) and OUT/pairs.jsonl ({"a", "b", "label", "kind"}):
- known: pairs of articles whose content is identical (SOURCE.md: 486 such duplicates); those whose
  content is under MIN_WORDS words are "known-short" and not scored (see below);
- furniture, title, tail, sentences, paragraph: an article and an edited copy of it, one edit each
  (1-3 furniture lines added; another title; 1-20% of the words cut from the tail; 10% of the
  sentences dropped, from articles of at least ten sentences; one paragraph moved);
- negative: as many pairs of different articles from the same outlet and extraction day.
A document's text is its title line, a blank line, then its content, as a plain-text page arrives.
Edited copies are made from articles of at least MIN_WORDS words (news stories, not captions).
"""

import argparse
import collections
import glob
import gzip
import json
import os
import random
import re

MIN_WORDS = 50
EDITS = ["furniture", "title", "tail", "sentences", "paragraph"]

# Generic page furniture of Arabic news sites, composed for this benchmark.
FURNITURE = [
    "شارك هذا الخبر",
    "جميع الحقوق محفوظة © 2015",
    "تابعونا على تويتر وفيسبوك",
    "للاشتراك في النشرة البريدية اضغط هنا",
    "طباعة | إرسال لصديق | حفظ",
    "الصفحة الرئيسية > أخبار محلية",
    "آخر تحديث: {date}",
    "اقرأ أيضاً: {title}",
]

SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def load(data_dir):
    articles = []
    for path in sorted(glob.glob(os.path.join(data_dir, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    articles.append(json.loads(line))
    return articles


def page(title, content):
    return f"{title}\n\n{content}"


def add_furniture(rng, article, articles):
    lines = []
    for template in rng.sample(FURNITURE, rng.randint(1, 3)):
        lines.append(template.format(date=article["date_extracted"][:10], title=rng.choice(articles)["title"]))
    top = [line for line in lines if rng.random() < 0.5]
    bottom = [line for line in lines if line not in top]
    return page(article["title"], "\n".join(top + [article["content"]] + bottom))


def change_title(rng, article, articles):
    other = rng.choice(articles)["title"]
    return page(other if other != article["title"] else other + " (محدث)", article["content"])


def cut_tail(rng, article, _articles):
    content = article["content"]
    word_starts = [m.start() for m in re.finditer(r"\S+", content)]
    cut = max(1, int(round(len(word_starts) * rng.uniform(0.01, 0.20))))
    return page(article["title"], content[: word_starts[len(word_starts) - cut]].rstrip())


def split_units(text, pattern):
    """Units of text with the separator that follows each, so dropping or moving keeps the rest intact."""
    units, last = [], 0
    for match in pattern.finditer(text):
        units.append(text[last : match.end()])
        last = match.end()
    units.append(text[last:])
    return [u for u in units if u.strip()]


def drop_sentences(rng, article, _articles):
    sentences = split_units(article["content"], SENTENCE_END)
    # Below ten sentences "10%" would round up to a much larger cut.
    if len(sentences) < 10:
        return None
    drop = set(rng.sample(range(len(sentences)), len(sentences) // 10))
    return page(article["title"], "".join(s for i, s in enumerate(sentences) if i not in drop).strip())


def move_paragraph(rng, article, _articles):
    units = split_units(article["content"], re.compile(r"\n+"))
    if len(units) < 2:
        units = split_units(article["content"], SENTENCE_END)
    if len(units) < 2:
        return None
    units = [u if u.endswith(("\n", " ")) else u + "\n" for u in units]
    source = rng.randrange(len(units))
    moved = units.pop(source)
    # Putting it back where it was is no move.
    position = rng.choice([p for p in range(len(units) + 1) if p != source])
    new = units[:position] + [moved] + units[position:]
    return page(article["title"], "".join(new).strip())


EDITORS = {"furniture": add_furniture, "title": change_title, "tail": cut_tail, "sentences": drop_sentences, "paragraph": move_paragraph}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-edit", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20151)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = load(args.data)
    os.makedirs(args.out, exist_ok=True)

    by_content = collections.defaultdict(list)
    for i, article in enumerate(articles):
        by_content[article["content"].strip()].append(i)
    group_of = {}
    for members in by_content.values():
        for i in members:
            group_of[i] = members[0]

    docs, pairs = {}, []

    def doc(i):
        key = f"a{i}"
        docs[key] = page(articles[i]["title"], articles[i]["content"])
        return key

    for content, members in by_content.items():
        # A "duplicate" of a few words is a byline or caption scraped as the body of different
        # pages (columns by one author), not a copy: listed apart and left out of the scores.
        kind, label = ("known", 1) if len(content.split()) >= MIN_WORDS else ("known-short", None)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.append({"a": doc(members[x]), "b": doc(members[y]), "label": label, "kind": kind})

    candidates = [i for i, a in enumerate(articles) if len(a["content"].split()) >= MIN_WORDS and len(by_content[a["content"].strip()]) == 1]
    rng.shuffle(candidates)
    pool = iter(candidates)
    for edit in EDITS:
        made = 0
        while made < args.per_edit:
            i = next(pool)
            copy = EDITORS[edit](rng, articles[i], articles)
            if copy is None or copy == page(articles[i]["title"], articles[i]["content"]):
                continue
            key = f"a{i}~{edit}"
            docs[key] = copy
            pairs.append({"a": doc(i), "b": key, "label": 1, "kind": edit})
            made += 1

    buckets = collections.defaultdict(list)
    for i, article in enumerate(articles):
        buckets[(article["source"], article["date_extracted"][:10])].append(i)
    big_buckets = [b for b in buckets.values() if len(b) >= 2]
    weights = [len(b) for b in big_buckets]
    positives = sum(1 for p in pairs if p["label"])
    seen = set()
    negatives = 0
    while negatives < positives:
        bucket = rng.choices(big_buckets, weights)[0]
        x, y = rng.sample(bucket, 2)
        if group_of[x] == group_of[y] or (min(x, y), max(x, y)) in seen:
            continue
        seen.add((min(x, y), max(x, y)))
        pairs.append({"a": doc(x), "b": doc(y), "label": 0, "kind": "negative"})
        negatives += 1

    with open(os.path.join(args.out, "docs.jsonl"), "w", encoding="utf-8") as out:
        for key, text in docs.items():
            out.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "pairs.jsonl"), "w", encoding="utf-8") as out:
        for pair in pairs:
            out.write(json.dumps(pair, ensure_ascii=False) + "\n")
    kinds = collections.Counter(p["kind"] for p in pairs)
    print(f"test set: {len(articles)} articles read; {len(docs)} documents, {len(pairs)} pairs ({dict(kinds)})")


if __name__ == "__main__":
    main()
