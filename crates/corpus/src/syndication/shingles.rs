//! Word shingles: the units two texts are compared by.
//!
//! A text becomes the set of hashes of its runs of `k` consecutive words, taken in matching form
//! (isnad's normaliser folds the spelling variants outlets disagree on, so a re-typed copy still
//! matches). Punctuation is left out: copy editors change it freely. Every hash here is written out
//! by hand rather than taken from std, because std's hasher may change between Rust releases and
//! these hashes end up in stored signatures.

use isnad_text::tokens::{tokenize, TokenKind};

/// The shingle length used unless configured otherwise, chosen by measurement (`bench/near_dup`, on
/// SaudiNewsNet pairs): 2-word shingles doubled the similarity floor of unrelated articles of one
/// outlet and day (99th percentile Jaccard 0.026 against 0.013; worst containment 0.33 against 0.22)
/// through stock phrases, while 4 and 5 let each edit spoil more shingles (edited copies below
/// containment 0.9: 17 and 33 of 1,971, against 8 with 3 words).
pub const DEFAULT_SHINGLE_WORDS: usize = 3;

/// FNV-1a, 64 bit: tiny and fixed for ever, unlike std's `DefaultHasher`.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The splitmix64 finaliser: spreads every input bit over the whole word, which FNV alone does not
/// do for its high bits (MinHash reads the high bits).
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The words of `text` in matching form, one hash each, in text order.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let normalized = isnad_text::normalize(text);
    tokenize(&normalized)
        .iter()
        .filter(|token| token.kind != TokenKind::Punct)
        .map(|token| mix64(fnv1a64(token.text(&normalized).as_bytes())))
        .collect()
}

/// The distinct shingle hashes of `text`, sorted.
///
/// A text shorter than `words_per_shingle` words (but not empty) is one shingle of all its words,
/// so that very short items can still be recognised as copies of each other.
pub fn shingle_set(text: &str, words_per_shingle: usize) -> Vec<u64> {
    let words = word_hashes(text);
    let width = words_per_shingle.max(1).min(words.len());
    if width == 0 {
        return Vec::new();
    }
    let mut shingles: Vec<u64> = words
        .windows(width)
        .map(|window| {
            // Order matters: "A hit B" and "B hit A" are different shingles.
            let mut hash: u64 = 0x6973_6e61_645f_7368;
            for &word in window {
                hash = mix64(hash.rotate_left(23) ^ word);
            }
            hash
        })
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// Exact Jaccard similarity of two sorted, distinct shingle sets (0 when either is empty).
pub fn exact_jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = shared_count(a, b);
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Exact containment of the smaller set in the larger: shared shingles over the smaller set's size.
pub fn exact_containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    shared_count(a, b) as f64 / a.len().min(b.len()) as f64
}

fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_and_punctuation_do_not_change_shingles() {
        let plain = shingle_set("قال المدير إن المصنع سيفتح أبوابه غداً", 3);
        let variant = shingle_set("قالَ المدير: إنّ المصنع سيفتح ابوابه غدا!", 3);
        assert_eq!(plain, variant);
        assert_eq!(plain.len(), 5);
    }

    #[test]
    fn word_order_matters() {
        assert_ne!(shingle_set("ضرب زيد عمرا", 3), shingle_set("ضرب عمرا زيد", 3));
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(shingle_set("", 3), Vec::<u64>::new());
        assert_eq!(shingle_set(" ،. ", 3), Vec::<u64>::new());
        assert_eq!(shingle_set("عاجل", 3).len(), 1);
        assert_ne!(shingle_set("عاجل", 3), shingle_set("خبر", 3));
    }

    #[test]
    fn exact_measures() {
        let a = shingle_set("واحد اثنان ثلاثة أربعة خمسة ستة", 3);
        let b = shingle_set("واحد اثنان ثلاثة أربعة", 3);
        assert_eq!(a.len(), 4);
        assert_eq!(b.len(), 2);
        assert!((exact_jaccard(&a, &b) - 0.5).abs() < 1e-9);
        assert!((exact_containment(&a, &b) - 1.0).abs() < 1e-9);
        assert_eq!(exact_jaccard(&a, &[]), 0.0);
    }
}
