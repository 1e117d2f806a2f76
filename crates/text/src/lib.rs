//! The Arabic text layer of isnad.
//!
//! Input is a `&str` (an article's decoded text); output is always tied back to byte offsets in that
//! same string, so every later stage can report the exact original bytes of a fact.
//!
//! - [`normalize`]: the matching form of a text (diacritics and tatweel dropped, alef/ya/teh marbuta
//!   folded, presentation forms decomposed, invisible marks dropped, digits to ASCII) with an
//!   [`OffsetMap`] from every normalised byte back to the input.
//! - [`tokens`]: words, numbers, punctuation, Latin runs, URLs, hashtags; proclitics split off with
//!   their own spans.
//! - [`sentences`]: sentence spans.
//! - [`numbers`]: quantities written in digits or words, with bounds and ranges.
//! - [`dates`]: date expressions, absolute and relative, resolved against a publication date;
//!   [`dates::find_dateline`] reads an article's own printed date for readers that found none.
//! - [`hijri`]: Hijri to Gregorian conversion (tabular calendar, weekday-corrected).
//! - [`stem`]: the Light10 stem for search and matching ([`stem::light_stem_normalized`] stems a
//!   token's matching form without allocating).
//!
//! Speed: normalise + tokenise + stem runs at about 100 MB/s of Arabic news text on one core
//! (`bench/text/run.sh` times it against the Python peers). The offset map is stored as runs, not
//! per byte; `oracle.rs` keeps the simple versions as test oracles for the fast ones.
//!
//! Lexicons (number words, month names, outlet names that contain اليوم) are compiled in from
//! `data/gazetteer/` with `include_str!`, so the crate needs no files at run time.
//!
//! ```
//! let n = isnad_text::normalize("قالَ الرئيسُ");
//! assert_eq!(n.text(), "قال الرييس".replace("يي", "ئي").replace("ئ", "ي"));
//! let span = n.source_span(0, n.text().find(' ').unwrap());
//! assert_eq!(&"قالَ الرئيسُ"[span.start..span.end], "قالَ");
//! ```
//!
//! This crate knows nothing about files, formats or entities.

mod clitics;
pub mod dates;
pub mod hijri;
mod lexicon;
pub mod normalize;
pub mod numbers;
mod offset_map;
#[cfg(test)]
mod oracle;
pub mod rejoin;
pub mod sentences;
pub mod span;
pub mod stem;
pub mod tokens;
mod utf8;
mod wordset;
mod words;

pub use normalize::{normalize, normalize_char, Normalized, OffsetMap};
pub use span::Span;
