"""Writes the article texts of SaudiNewsNet JSON Lines files into one UTF-8 file for the text bench.

Articles are separated by the ASCII record separator (U+001E), which no article contains, so the
Rust and Python sides split the same bytes into the same articles. Output stops once it holds
`--mb` megabytes (10^6 bytes) of article text. The output is a temporary file: the corpus is
licensed for non-commercial research and is never committed.

usage: extract_texts.py OUT --mb 20 FILE.jsonl.gz...
"""

import argparse
import gzip
import json

SEPARATOR = "\x1e"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--mb", type=float, default=20.0)
    args = parser.parse_args()
    limit = int(args.mb * 1e6)
    written = 0
    articles = 0
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        for path in sorted(args.files):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    content = json.loads(line).get("content") or ""
                    content = content.replace(SEPARATOR, " ").strip()
                    if not content:
                        continue
                    out.write(content)
                    out.write(SEPARATOR)
                    written += len(content.encode("utf-8"))
                    articles += 1
                    if written >= limit:
                        break
            if written >= limit:
                break
    print(f"{articles} articles, {written / 1e6:.2f} MB -> {args.out}")


if __name__ == "__main__":
    main()
