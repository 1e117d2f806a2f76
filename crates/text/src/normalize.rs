//! The matching form of Arabic text, with a map back to the input bytes.
//!
//! Matching happens on the normalised form; display and spans always use the original. The map
//! records, for every byte of the normalised text, the byte range of the input character that
//! produced it. Characters that are dropped (harakat, tatweel) are absorbed into the span of the
//! letter before them, so a word's span covers its trailing diacritics.
//!
//! What is folded, and why:
//! - harakat, Quranic marks, superscript alef and tatweel are dropped: writers add them freely;
//! - alef forms (أ إ آ ٱ) become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي: spelling of
//!   hamza seats and final letters varies between outlets and within one article;
//! - Persian and Urdu letter forms (ک ی ۀ ە ھ) become their Arabic counterparts;
//! - presentation forms (ﻻ and friends) are decomposed, then folded;
//! - zero-width and bidi controls are dropped; odd spaces become a plain space;
//! - a line break inside a word broken across lines is dropped ([`crate::rejoin`]);
//! - Eastern Arabic and Persian digits become ASCII digits; ASCII letters are lower-cased.

pub use crate::offset_map::OffsetMap;
use crate::offset_map::OffsetMapBuilder;
use crate::rejoin::joins_in_normalized;
use std::ops::Range;
use crate::utf8::{two_byte_set, TwoByteSet};
use crate::Span;

/// Text in matching form plus the map back to the input it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The map owns the normalised text: it reads character boundaries from it.
    map: OffsetMap,
}

impl Normalized {
    /// The normalised text.
    pub fn text(&self) -> &str {
        self.map.text()
    }

    /// The map from normalised bytes back to the input.
    pub fn map(&self) -> &OffsetMap {
        &self.map
    }

    /// The input span that produced normalised bytes `[start, end)`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        self.map.source_span(start, end)
    }
}

/// What one input character becomes in matching form.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    Drop,
    /// Dropped, and part of the letter before it (a diacritic), so that letter's span grows.
    Absorb,
    Char(char),
    /// A presentation form or ligature: decompose, then fold each part.
    Decompose,
}

pub(crate) const fn fold(c: char) -> Fold {
    match c {
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\u{0000}'..='\u{007F}' => Fold::Char(c),
        // Harakat, Quranic annotation marks, superscript alef, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            Fold::Absorb
        }
        // Zero-width characters, bidi controls, Arabic letter mark, BOM, soft hyphen.
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fold::Char(' '),
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Char('ا'),
        'ى' | 'ئ' | 'ی' | 'ې' | 'ۍ' => Fold::Char('ي'),
        'ة' | 'ۀ' | 'ە' | 'ھ' | 'ۃ' => Fold::Char('ه'),
        'ؤ' => Fold::Char('و'),
        'ک' => Fold::Char('ك'),
        '٠'..='٩' => Fold::Char((b'0' + (c as u32 - '٠' as u32) as u8) as char),
        '۰'..='۹' => Fold::Char((b'0' + (c as u32 - '۰' as u32) as u8) as char),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' => Fold::Decompose,
        _ => Fold::Char(c),
    }
}

/// Appends the matching form of one character to `out` (nothing if it is dropped).
pub fn normalize_char(c: char, out: &mut String) {
    match fold(c) {
        Fold::Drop | Fold::Absorb => {}
        Fold::Char(f) => out.push(f),
        Fold::Decompose => {
            let mut any = false;
            unicode_normalization::char::decompose_compatible(c, |part| {
                if part != c {
                    any = true;
                    match fold(part) {
                        Fold::Char(f) => out.push(f),
                        Fold::Decompose => out.push(part),
                        Fold::Drop | Fold::Absorb => {}
                    }
                }
            });
            if !any {
                out.push(c);
            }
        }
    }
}

/// Two-byte characters (U+0080 to U+07FF, which hold the Arabic block) that normalisation keeps
/// as they are: checking one bit is all the normaliser does for ordinary letters.
static KEPT_TWO_BYTE: TwoByteSet = two_byte_set!(|c| matches!(fold(c), Fold::Char(folded) if folded == c));

/// Byte length of the longest prefix of `bytes` (valid UTF-8) whose characters normalise to
/// themselves: ASCII other than capitals, and the kept two-byte characters.
fn kept_prefix_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte < 0x80 && !byte.is_ascii_uppercase() {
            at += 1;
        } else if KEPT_TWO_BYTE.contains_at(bytes, at) {
            at = KEPT_TWO_BYTE.run_end(bytes, at + 2);
        } else {
            break;
        }
    }
    at
}

/// The matching form of `input`, with the map back to its bytes.
pub fn normalize(input: &str) -> Normalized {
    let first = normalize_dropping(input, &[]);
    if !first.text().as_bytes().contains(&b'\n') {
        return first;
    }
    // Words broken across a line break are found on the matching form, then the input bytes of
    // each break are dropped in a second pass (rare: most texts have none).
    let joins = joins_in_normalized(first.text());
    if joins.is_empty() {
        return first;
    }
    let dropped: Vec<Range<usize>> = joins
        .iter()
        .map(|join| {
            let span = first.source_span(join.start, join.end);
            span.start..span.end
        })
        .collect();
    normalize_dropping(input, &dropped)
}

/// [`normalize`], leaving out the input byte ranges in `dropped` (sorted, on char boundaries).
fn normalize_dropping(input: &str, dropped: &[Range<usize>]) -> Normalized {
    let mut text = String::with_capacity(input.len());
    let mut map = OffsetMapBuilder::new();
    let mut dropped = dropped.iter().peekable();
    let mut at = 0;
    while at < input.len() {
        if let Some(range) = dropped.next_if(|range| range.start <= at) {
            at = at.max(range.end);
            continue;
        }
        let stop = dropped.peek().map_or(input.len(), |range| range.start);
        // Most of a text is kept as it is: copy such stretches whole, as one step of the map.
        let kept = at + kept_prefix_len(&input.as_bytes()[at..stop]);
        if kept > at {
            map.in_step(text.len(), at, kept);
            text.push_str(&input[at..kept]);
            at = kept;
        }
        if at >= stop {
            continue;
        }
        let Some(c) = input[at..].chars().next() else { break };
        let end = at + c.len_utf8();
        let before = text.len();
        match fold(c) {
            Fold::Absorb => map.absorb(end),
            Fold::Drop => {}
            Fold::Char(folded) => {
                text.push(folded);
                if folded.len_utf8() == c.len_utf8() {
                    map.in_step(before, at, end);
                } else {
                    map.whole(before, at, end);
                }
            }
            Fold::Decompose => {
                normalize_char(c, &mut text);
                if text.len() > before {
                    map.whole(before, at, end);
                }
            }
        }
        at = end;
    }
    let input_len = input.len();
    Normalized { map: map.finish(text, input_len) }
}

/// The matching form of `input`, without a map (for lexicons and queries).
pub fn normalize_str(input: &str) -> String {
    if input.as_bytes().contains(&b'\n') {
        return normalize(input).text().to_string();
    }
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        normalize_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let n = normalize(input);
        assert_eq!(n.text(), expected, "normalising {input:?}");
        assert_eq!(normalize_str(input), expected);
    }

    #[test]
    fn folds_letters_and_drops_marks() {
        check("أَحْمَد", "احمد");
        check("إيران آسيا ٱلله", "ايران اسيا الله");
        check("مستشفى المدينة", "مستشفي المدينه");
        check("مؤتمر رئيس", "موتمر رييس");
        check("قـــال", "قال");
        check("ﻻ", "لا");
        check("پاکستان ی", "پاكستان ي");
        check("a\u{200F}b\u{202B}c", "abc");
        check("١٢٣ ۴۵", "123 45");
        check("CNN", "cnn");
    }

    #[test]
    fn spans_cover_trailing_diacritics() {
        let input = "مدنياً قُتل";
        let n = normalize(input);
        let first = n.text().find(' ').unwrap();
        let span = n.source_span(0, first);
        assert_eq!(span.slice(input), "مدنياً");
        let second = n.source_span(first + 1, n.text().len());
        assert_eq!(second.slice(input), "قُتل");
    }

    #[test]
    fn presentation_form_maps_to_one_input_char() {
        let input = "xﻻy";
        let n = normalize(input);
        assert_eq!(n.text(), "xلاy");
        let la = n.text().find('ل').unwrap();
        assert_eq!(n.source_span(la, la + "لا".len()).slice(input), "ﻻ");
    }
}
