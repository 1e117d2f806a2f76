//! Word shingles: the units two texts are compared by.
//!
//! A text becomes the set of hashes of its runs of `k` consecutive words, taken in matching form
//! (isnad's normaliser folds the spelling variants outlets disagree on, so a re-typed copy still
//! matches). Punctuation is left out: copy editors change it freely. Every hash here is written out
//! by hand rather than taken from std, because std's hasher may change between Rust releases and
//! these hashes end up in stored signatures.

use isnad_text::normalize::normalize_str;

/// The shingle length used unless configured otherwise, chosen by measurement (`bench/near_dup`, on
/// SaudiNewsNet pairs): 2-word shingles doubled the similarity floor of unrelated articles of one
/// outlet and day (99th percentile Jaccard 0.026 against 0.013; worst containment 0.33 against 0.22)
/// through stock phrases, while 4 and 5 let each edit spoil more shingles (edited copies below
/// containment 0.9: 17 and 33 of 1,971, against 8 with 3 words).
pub const DEFAULT_SHINGLE_WORDS: usize = 3;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bit, of a whole byte string (what [`fnv1a64_continue`] computes a character at a time).
#[cfg(test)]
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Continues an FNV-1a (64 bit) hash with the UTF-8 bytes of one more character. FNV is tiny and
/// fixed for ever, unlike std's `DefaultHasher`.
fn fnv1a64_continue(hash: u64, c: char) -> u64 {
    let mut buffer = [0u8; 4];
    c.encode_utf8(&mut buffer).bytes().fold(hash, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
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

/// The character classes that make words, as the text crate's tokenizer draws them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Arabic,
    /// Latin letters and digits (numbers with their inner separators included).
    LatinOrDigit,
}

fn word_class(c: char) -> Option<WordClass> {
    let arabic_letter = matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}');
    if arabic_letter {
        Some(WordClass::Arabic)
    } else if c.is_alphanumeric() {
        Some(WordClass::LatinOrDigit)
    } else {
        None
    }
}

/// The words of `text` in matching form, one hash each, in text order.
///
/// Word boundaries are those of [`isnad_text::tokens::tokenize`] (a run of Arabic letters; a run of
/// Latin letters and digits; `5,000` and `13/9` one number), punctuation dropped, cut here directly
/// from [`normalize_str`]'s output: the tokenizer's offset maps and clitic analysis cost three
/// quarters of the time and shingles need neither. A test keeps the two in agreement.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let normalized = normalize_str(text);
    let mut hashes = Vec::with_capacity(normalized.len() / 6);
    let mut chars = normalized.chars().peekable();
    let mut current: Option<(WordClass, u64)> = None;
    let mut previous_was_digit = false;
    while let Some(c) = chars.next() {
        let class = word_class(c);
        let separator_inside_number = previous_was_digit
            && matches!(c, '.' | ',' | '/' | '\u{066B}' | '\u{066C}')
            && chars.peek().is_some_and(char::is_ascii_digit);
        match (current, class) {
            (Some((WordClass::LatinOrDigit, hash)), None) if separator_inside_number => {
                current = Some((WordClass::LatinOrDigit, fnv1a64_continue(hash, c)));
            }
            (Some((open, hash)), Some(class)) if open == class => current = Some((class, fnv1a64_continue(hash, c))),
            (open, class) => {
                if let Some((_, hash)) = open {
                    hashes.push(mix64(hash));
                }
                current = class.map(|class| (class, fnv1a64_continue(FNV_OFFSET, c)));
            }
        }
        previous_was_digit = c.is_ascii_digit();
    }
    if let Some((_, hash)) = current {
        hashes.push(mix64(hash));
    }
    hashes
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

    /// The words shingles are cut from are the tokenizer's words, numbers and Latin runs.
    #[test]
    fn words_agree_with_the_tokenizer() {
        use isnad_text::tokens::{tokenize, TokenKind};
        let sentences = [
            "قالَ وزير المالية في جمهورية الواحات، الأحد، إن العجز بلغ 5,000 مليون دينار عام 2023م.",
            "وأكد مدير شركة F16-Tech أن فرعها الثالث في 13/9/2021 سيوظف ٣٠٠ عامل (بنسبة 12.5%).",
            "\"لا تراجع\" - هكذا ردّ المتحدث باسم «حزب السهل» على سؤال CNN ليلة الخميس؟!",
        ];
        for sentence in sentences {
            let normalized = isnad_text::normalize(sentence);
            let expected: Vec<u64> = tokenize(&normalized)
                .iter()
                .filter(|token| token.kind != TokenKind::Punct)
                .map(|token| mix64(fnv1a64(token.text(&normalized).as_bytes())))
                .collect();
            assert_eq!(word_hashes(sentence), expected, "{sentence}");
        }
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
