"""The Python side of the text bench: each peer does what it can of isnad-text's work on the
same articles (normalise, tokenise with offsets, stem each Arabic word), single-threaded.

usage: peers.py PEER FILE [--runs 3]
prints one line: PEER<TAB>bytes<TAB>CPU seconds<TAB>MB/s (CPU)<TAB>wall seconds<TAB>MB/s (wall)
(MB = 10^6 bytes of input text; best of --runs; CPU time is the thread's time on the processor,
which other load on a shared machine does not inflate)

Peers:
  re                  str.translate normalisation (same folds as isnad-text) + `re` tokens with
                      offsets into the normalised text; no stem (the pure-Python floor)
  pyarabic            pyarabic tokenize_with_location (offsets into the input), then
                      strip_tashkeel, strip_tatweel, normalize_hamza of each token; no stem
  pyarabic+tashaphyne the same, then tashaphyne ArabicLightStemmer.light_stem of each word
  re+isri             `re` pipeline, then nltk ISRIStemmer.stem of each word (root stemmer)
  re+snowball-py      `re` pipeline, then snowballstemmer's pure-Python ArabicStemmer
  re+pystemmer-nocache `re` pipeline, then PyStemmer (C Snowball) with maxCacheSize = 0
  re+pystemmer-cache  `re` pipeline, then PyStemmer with its default cache (10,000 words)
"""

import argparse
import re
import sys
import time

SEPARATOR = "\x1e"

# The folds of isnad_text::normalize: marks and tatweel dropped, letter variants unified,
# invisible controls dropped, odd spaces made plain, Eastern digits made ASCII.
FOLDS = {}
for code in [*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B), *range(0x06D6, 0x06EE), 0x0640]:
    FOLDS[code] = None
for code in [*range(0x200B, 0x2010), 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0x00AD]:
    FOLDS[code] = None
for code in [0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]:
    FOLDS[code] = " "
for letters, target in [("أإآٱٲٳ", "ا"), ("ىئیېۍ", "ي"), ("ةۀەھۃ", "ه"), ("ؤ", "و"), ("ک", "ك")]:
    for letter in letters:
        FOLDS[ord(letter)] = target
for digit in range(10):
    FOLDS[0x0660 + digit] = str(digit)
    FOLDS[0x06F0 + digit] = str(digit)

ARABIC_WORD = "[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+"
TOKEN = re.compile(rf"(?P<word>{ARABIC_WORD})|\d+(?:[.,/]\d+)*|[^\W\d_]+|\S")


def re_tokens(article):
    """The tokens of the normalised article, as `re` match objects (each holds its offsets)."""
    return list(TOKEN.finditer(article.translate(FOLDS).lower()))


def words_of(tokens):
    return [m.group() for m in tokens if m.lastgroup]


def make_peer(name):
    """A function doing one article's work for peer `name`; it returns something sized."""
    if name == "re":
        return re_tokens
    if name in ("pyarabic", "pyarabic+tashaphyne"):
        from pyarabic import araby

        stem = None
        if name == "pyarabic+tashaphyne":
            from tashaphyne.stemming import ArabicLightStemmer

            stem = ArabicLightStemmer().light_stem
        is_word = re.compile(ARABIC_WORD).fullmatch

        def pyarabic_peer(article):
            out = []
            for token in araby.tokenize_with_location(article):
                text = araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(token["token"])))
                if stem is not None and is_word(text):
                    text = stem(text)
                out.append((token["start"], token["end"], text))
            return out

        return pyarabic_peer
    if name == "re+isri":
        from nltk.stem.isri import ISRIStemmer

        stem = ISRIStemmer().stem
        return lambda article: [stem(word) for word in words_of(re_tokens(article))]
    if name == "re+snowball-py":
        from snowballstemmer.arabic_stemmer import ArabicStemmer

        stemmer = ArabicStemmer()
        return lambda article: stemmer.stemWords(words_of(re_tokens(article)))
    if name in ("re+pystemmer-nocache", "re+pystemmer-cache"):
        import Stemmer

        stemmer = Stemmer.Stemmer("arabic")
        if name == "re+pystemmer-nocache":
            stemmer.maxCacheSize = 0
        return lambda article: stemmer.stemWords(words_of(re_tokens(article)))
    sys.exit(f"unknown peer {name!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("peer")
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.file, encoding="utf-8", newline="") as f:
        articles = [a for a in f.read().split(SEPARATOR) if a]
    size = sum(len(a.encode("utf-8")) for a in articles)
    peer = make_peer(args.peer)
    best_cpu = best_wall = float("inf")
    for _ in range(max(1, args.runs)):
        cpu_started = time.thread_time()
        started = time.perf_counter()
        produced = 0
        for article in articles:
            produced += len(peer(article))
        best_wall = min(best_wall, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.thread_time() - cpu_started)
    mb = size / 1e6
    print(f"{args.peer}\t{size}\t{best_cpu:.6f}\t{mb / best_cpu:.3f}\t{best_wall:.6f}\t{mb / best_wall:.3f}")


if __name__ == "__main__":
    main()
