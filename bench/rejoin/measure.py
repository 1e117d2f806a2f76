#!/usr/bin/env python3
"""How well isnad rejoins words broken across line breaks, on SaudiNewsNet text (read at run time,
never stored here).

1. The corpus as published (articles are not hard-wrapped): every join is a false join.
2. The first 3,000 long paragraphs word-wrapped at 45 characters (breaks only between words):
   every join is a false join.
3. The same paragraphs hard-wrapped every 45 characters, breaking words, without and with a hyphen
   at the break: recall of breaks inside words, and joins anywhere else.

usage: bench/rejoin/measure.py [SAUDINEWSNET_DIR]   (run from the repository root)
"""
import glob, gzip, json, os, re, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "saudinewsnet")
subprocess.run(["cargo", "build", "--release", "-q", "-p", "isnad-text", "--example", "joined_breaks"], cwd=root, check=True)
tool = os.path.join(root, "target", "release", "examples", "joined_breaks")
tmp = tempfile.mkdtemp()
LETTER = re.compile(r"[\u0621-\u064a]")


def joins(text):
    path = os.path.join(tmp, "t.txt")
    with open(path, "w") as f:
        f.write(text)
    return set(int(x) for x in subprocess.run([tool, path], capture_output=True, text=True, check=True).stdout.split())


articles = []
for name in sorted(glob.glob(os.path.join(data, "*.jsonl.gz"))):
    with gzip.open(name, "rt") as f:
        articles += [json.loads(line).get("content", "") for line in f]
corpus = "\n\n".join(articles)
print(f"corpus as published: {len(articles)} articles, {corpus.count(chr(10))} line breaks, joined {len(joins(corpus))}")

paras = [p for a in articles for p in a.split("\n") if len(p) > 200][:3000]
text, between = "", set()
for p in paras:
    line, out = "", ""
    for w in p.split(" "):
        if line and len(line) + 1 + len(w) > 45:
            out += line
            between.add(len((text + out).encode()))
            out += "\n"
            line = w
        else:
            line = f"{line} {w}" if line else w
    text += out + line + "\n\n"
print(f"word-wrapped at 45 chars: {len(between)} breaks between words, wrongly joined {len(joins(text) & between)}")

for mark in ["", "-"]:
    text, inside = "", set()
    for p in paras:
        pieces = [p[k:k + 45] for k in range(0, len(p), 45)]
        out = ""
        for j, piece in enumerate(pieces):
            out += piece
            if j + 1 < len(pieces):
                nxt = pieces[j + 1]
                if not (piece.endswith(" ") or nxt.startswith(" ")) and LETTER.match(piece[-1:]) and LETTER.match(nxt[:1]):
                    out += mark
                    inside.add(len((text + out).encode()))
                out += "\n"
        text += out + "\n\n"
    found = joins(text)
    print(f"hard-wrapped every 45 chars, break mark {mark or 'none'!r}: {len(inside)} breaks inside words, "
          f"joined {len(found & inside)} ({len(found & inside) / len(inside):.3f}), joined elsewhere {len(found - inside)}")
