//! Builds `data/vocab/words.txt`, the word list that decides whether a word broken across a line
//! break is rejoined (see `src/rejoin.rs`).
//!
//! Reads CoNLL-style files (`TOKEN TAG` per line) and gazetteer TSV files, and writes, sorted, every word form (matching
//! form, proclitics split off) of three letters or more that occurs at least `MIN_COUNT` times.
//! Run from the repository root:
//!
//! ```text
//! cargo run --release -p isnad-text --example build_words -- \
//!   ../shared/data/anercorp-camel/ANERCorp_CamelLab_train.txt \
//!   ../shared/data/wojood-sample/train.txt ../shared/data/wojood-sample/val.txt \
//!   data/gazetteer/places_countries.tsv data/gazetteer/places_cities.tsv \
//!   data/gazetteer/places_admin.tsv data/gazetteer/demonyms.tsv > data/vocab/words.txt
//! ```

use isnad_text::tokens::{tokenize, TokenKind};
use std::collections::BTreeMap;

/// Every form seen: coverage matters more than purity, since a join also needs its halves not both known.
const MIN_COUNT: usize = 1;

fn main() -> std::io::Result<()> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        for line in text.lines() {
            // CoNLL files: the token is the first field. Gazetteer TSV files: every Arabic word of
            // every field (names and their aliases).
            let words: Vec<&str> = if path.ends_with(".tsv") {
                line.split(['\t', '|', ' ']).collect()
            } else {
                line.split_whitespace().next().into_iter().collect()
            };
            for word in words {
            let norm = isnad_text::normalize(word);
            for token in tokenize(&norm) {
                if token.kind != TokenKind::Word {
                    continue;
                }
                let base = token.base(&norm);
                if base.chars().count() >= 3 && base.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
                    *counts.entry(base.to_string()).or_default() += 1;
                }
            }
            }
        }
    }
    println!("# word forms (matching form, proclitics split off) seen at least {MIN_COUNT} times; built by crates/text/examples/build_words.rs");
    for (stem, count) in counts {
        if count >= MIN_COUNT {
            println!("{stem}");
        }
    }
    Ok(())
}
