//! Words broken across a line break, put back together.
//!
//! Hard-wrapped text (PDF extractions, e-mail bodies, old wire feeds, text pasted from a narrow
//! column) breaks words at the end of a line: `المفاو⏎ضات`. Arabic does not hyphenate, so a break
//! inside a word is only sometimes marked (a hyphen or a tatweel before the break). An unmarked
//! line break between two Arabic letters is far more often a real boundary (a headline without a
//! full stop, a list), so the halves are joined only when they make sense together and not apart:
//!
//! - the break is marked by `-`: joined unless both halves are words (a closing dash, as in
//!   `-حفظه الله-`, also ends a line);
//! - the first half is only particles fused with the article (وال، بال، لل): joined;
//! - the second half is only a suffix (ية، ات، ون، ين) and the first half plus it is a word: joined;
//! - otherwise joined only when the joined word is known and neither half is. A word is known
//!   when it is a function word, or its form (with or without its proclitics) is in the shipped
//!   word list (`data/vocab/words.txt`, built from NER corpora whose licences allow it; see its
//!   SOURCE.md). Forms, not stems: a light stem strips so many endings that two real words
//!   (المنتهى + انها) would pass for one. Neither half, not just one: a half that is only rare
//!   (an abbreviation such as م, a name) is far more common than a broken word.
//!
//! The decision is made on the matching form (marks, tatweel and invisible characters gone,
//! presentation forms decomposed), so normalising already-normalised text decides the same way,
//! and it depends only on the two halves, so normalising a rejoined word's own bytes rejoins it
//! too (spans stay consistent). A blank line (paragraph break) is never crossed. The normaliser
//! drops the break's bytes; the sentence splitter does not end a sentence there.

use crate::clitics::proclitic_len;
use crate::normalize::normalize;
use crate::utf8::char_count;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../../data/vocab/words.txt");

/// Words of one or two letters, and other short function words, that stand on their own.
const FUNCTION_WORDS: [&str; 65] = [
    "و", "في", "من", "عن", "مع", "ما", "لا", "لم", "لن", "قد", "ان", "او", "ام", "بل", "ثم", "هو", "هي", "هم", "هن", "كل",
    "له", "لها", "لهم", "لي", "لك", "لنا", "لكم", "به", "بها", "بهم", "بي", "بك", "بنا", "منه", "منها", "مني", "منا",
    "عنه", "عنها", "عني", "عنا", "فيه", "فيها", "الي", "اليه", "اليها", "علي", "عليه", "عليها", "حتي", "اذا", "اذ",
    "كما", "لكن", "بعد", "قبل", "بين", "عند", "منذ", "يا", "ذلك", "هذا", "معه", "معها", "كم",
];

/// Endings that are never words on their own (matching form: ة is ه), so a line that starts with
/// one continues the word before it.
const SUFFIXES: [&str; 10] = ["ه", "يه", "ات", "ون", "ين", "تان", "تين", "يات", "يين", "يون"];

/// Longest half considered, in letters: longer runs are not broken words.
const MAX_HALF_LETTERS: usize = 24;

/// How much text on each side of a line break the sentence splitter normalises to decide.
const CONTEXT_BYTES: usize = 160;

/// The byte ranges of normalised `text` to drop so that words broken across a line break read as
/// one word: each runs from the end of a word's first half to the start of its second half (the
/// optional hyphen, spaces, `\r` and the `\n`). Sorted, non-overlapping.
pub(crate) fn joins_in_normalized(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut joins = Vec::new();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == b'\n') {
        let newline = from + offset;
        from = newline + 1;
        if let Some(range) = join_at(text, newline) {
            joins.push(range);
        }
    }
    joins
}

/// Whether the line break at byte `newline` of `text` (input, not normalised) sits inside a
/// rejoined word.
pub fn is_joined_break(text: &str, newline: usize) -> bool {
    if !could_join(text, newline) {
        return false;
    }
    let mut start = newline.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (newline + 1 + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // The break is joined exactly when normalising its surroundings drops it.
    let around = normalize(&text[start..end]);
    let local = newline - start;
    let kept = around.text().bytes().enumerate().any(|(at, b)| b == b'\n' && around.source_span(at, at + 1).start == local);
    !kept
}

/// A cheap test on the input that rules out most line breaks (after punctuation or a digit,
/// before a blank line or Latin text) before the normalised decision.
fn could_join(text: &str, newline: usize) -> bool {
    let Some(before) = text[..newline].trim_end_matches([' ', '\t', '\r']).chars().next_back() else { return false };
    let Some(after) = text[newline + 1..].trim_start_matches([' ', '\t']).chars().next() else { return false };
    (before == '-' || may_be_letter(before)) && may_be_letter(after)
}

/// Whether an input character may be, or normalise to, part of an Arabic word (letters, marks,
/// presentation forms), leaving out Arabic punctuation.
fn may_be_letter(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
        && !matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}')
}

/// The range to drop around the `\n` at byte `newline` of normalised `text`, if the words on
/// both sides join.
fn join_at(text: &str, newline: usize) -> Option<Range<usize>> {
    // Left side: spaces and \r, then an optional hyphen, then the first half's last letter.
    let trimmed = text[..newline].trim_end_matches([' ', '\t', '\r']);
    let (marked, unmarked) = match trimmed.strip_suffix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let first_half = trailing_word(unmarked)?;
    // Right side: spaces, then the second half's first letter (a second \n is a paragraph break).
    let after = &text[newline + 1..];
    let skipped = after.len() - after.trim_start_matches([' ', '\t']).len();
    let second_half = leading_word(&after[skipped..])?;
    let joins = if marked {
        !(is_known(first_half) && is_known(second_half))
    } else {
        halves_belong_together(first_half, second_half)
    };
    joins.then(|| unmarked.len()..newline + 1 + skipped)
}

/// Whether a character of the matching form is an Arabic letter (U+0620–U+064A and the Persian
/// and Urdu additions the normaliser keeps).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// The run of Arabic letters that ends `text`, if it ends in one and the run is short enough to
/// be half a word.
fn trailing_word(text: &str) -> Option<&str> {
    let start = text.char_indices().rev().take_while(|&(_, c)| is_arabic_letter(c)).last()?.0;
    let word = &text[start..];
    (char_count(word) <= MAX_HALF_LETTERS).then_some(word)
}

/// The run of Arabic letters that starts `text`, if it starts with one and the run is short
/// enough to be half a word.
fn leading_word(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !is_arabic_letter(c)).unwrap_or(text.len());
    let word = &text[..end];
    (!word.is_empty() && char_count(word) <= MAX_HALF_LETTERS).then_some(word)
}

/// The decision for two unmarked halves (matching form, letters only).
fn halves_belong_together(first: &str, second: &str) -> bool {
    // Not ال alone: in matching form it is also آل (family of), which ends a line before a name.
    if matches!(first, "وال" | "فال" | "بال" | "كال" | "لل" | "ولل" | "فلل") {
        return true;
    }
    let joined = format!("{first}{second}");
    if char_count(&joined) < 3 || !is_known(&joined) {
        return false;
    }
    if SUFFIXES.contains(&second) {
        return true;
    }
    // A first half of one or two letters is as often a spelled-out Latin letter (يو إس، دي آر)
    // as a fragment: only the rules above join it.
    if char_count(first) <= 2 {
        return false;
    }
    !(is_known(first) || is_known(second))
}

/// Whether a normalised word is a function word or a listed form (with or without its proclitics).
fn is_known(word: &str) -> bool {
    let base = &word[proclitic_len(word)..];
    if FUNCTION_WORDS.contains(&word) || FUNCTION_WORDS.contains(&base) {
        return true;
    }
    // Listed forms of two letters are mostly fragments and abbreviations; real two-letter words
    // are function words, listed above.
    let words = known_words();
    [word, base].into_iter().any(|w| char_count(w) >= 3 && words.contains(w))
}

/// The shipped word list as a set, built on first use (only text with candidate breaks needs it).
fn known_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| WORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn joined(text: &str) -> String {
        normalize(text).text().to_string()
    }

    #[test]
    fn marked_break_inside_a_word_is_joined() {
        assert_eq!(joined("بدأت المفاو-\nضات أمس"), "بدات المفاوضات امس");
        assert_eq!(joined("بدأت المفاوـ\r\nضات أمس"), "بدات المفاوضات امس");
    }

    #[test]
    fn unmarked_break_joins_only_when_the_halves_are_not_words() {
        assert_eq!(joined("استؤنفت المفاو\nضات في العاصمة"), "استونفت المفاوضات في العاصمه");
        assert_eq!(joined("أعلن وزير الخارج\nية"), "اعلن وزير الخارجيه");
        assert_eq!(joined("وصل الوفد بال\nعاصمة"), "وصل الوفد بالعاصمه");
        // آل (family of) reads ال in matching form: a line ending in it is not a broken word.
        assert_eq!(joined("التقى أفراد من آل\nسالم"), "التقي افراد من ال\nسالم");
        // Two words on two lines stay two words.
        assert_eq!(joined("عاجل\nقال الوزير"), "عاجل\nقال الوزير");
        assert_eq!(joined("الأمن العام\nالحكومة"), "الامن العام\nالحكومه");
    }

    #[test]
    fn paragraph_breaks_and_latin_are_never_joined() {
        assert_eq!(joined("المفاو-\n\nضات"), "المفاو-\n\nضات");
        assert_eq!(joined("news-\nwire"), "news-\nwire");
        assert_eq!(joined("2021-\n09"), "2021-\n09");
    }

    #[test]
    fn a_rejoined_word_keeps_its_bytes() {
        let input = "بدأت المفاو-\nضات";
        let n = normalize(input);
        let start = n.text().find("المفاوضات").unwrap();
        let span = n.source_span(start, start + "المفاوضات".len());
        assert_eq!(span.slice(input), "المفاو-\nضات");
        assert_eq!(normalize(span.slice(input)).text(), "المفاوضات");
    }

    #[test]
    fn no_panic_at_the_edges() {
        for text in ["\n", "-\n", "ا\n", "\nا", "ـ\n", "\u{064E}\nا", "ا-\n\u{064E}", "ال\n", "\nضات"] {
            let newline = text.find('\n').unwrap();
            assert!(!is_joined_break(text, newline), "{text:?}");
            assert!(normalize(text).text().contains('\n'), "{text:?}");
        }
    }

    #[test]
    fn sentences_do_not_end_inside_a_rejoined_word() {
        let text = "استؤنفت المفاو\nضات اليوم.\nقال الوزير";
        let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
        assert!(is_joined_break(text, newlines[0]));
        assert!(!is_joined_break(text, newlines[1]));
        let sentences: Vec<&str> = crate::sentences::sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(sentences, ["استؤنفت المفاو\nضات اليوم.", "قال الوزير"]);
    }
}
