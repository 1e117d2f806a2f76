//! The text core as it was before the speed work, kept verbatim as a test oracle.
//!
//! The fast normaliser, offset map, proclitic splitter, tokeniser and stemmer must behave exactly
//! like these straightforward versions on every input; the property tests at the bottom compare
//! them on random text (the normalised text, every offset-map lookup, every token, every stem).

// The code below is kept as it was, lints and all: it is the reference, not code to maintain.
#![allow(clippy::all)]

use crate::normalize::{fold, normalize_char, normalize_str, Fold};
use crate::tokens::{is_arabic_letter, Token, TokenKind};
use crate::{Normalized, Span};

/// The old per-byte offset map: for each normalised byte, the input range of its character.
pub(crate) struct ByteMap {
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    input_len: u32,
}

impl ByteMap {
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let len = self.starts.len();
        if start >= end || start >= len {
            let at = self.source_offset(start);
            return Span::new(at, at);
        }
        let end = end.min(len);
        Span::new(self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    pub fn source_offset(&self, pos: usize) -> usize {
        self.starts.get(pos).map_or(self.input_len as usize, |&s| s as usize)
    }

    pub fn source_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.source_offset(0);
        }
        self.ends.get(pos - 1).map_or(self.input_len as usize, |&e| e as usize)
    }
}

pub(crate) fn normalize(input: &str) -> ByteMap {
    let mut text = String::with_capacity(input.len());
    let mut starts: Vec<u32> = Vec::with_capacity(input.len());
    let mut ends: Vec<u32> = Vec::with_capacity(input.len());
    let mut last_output = 0..0;
    for (at, c) in input.char_indices() {
        let end = (at + c.len_utf8()) as u32;
        if c.is_ascii() {
            text.push(c.to_ascii_lowercase());
            starts.push(at as u32);
            ends.push(end);
            last_output = text.len() - 1..text.len();
            continue;
        }
        let before = text.len();
        match fold(c) {
            Fold::Absorb => {
                for e in &mut ends[last_output.clone()] {
                    *e = end;
                }
                continue;
            }
            Fold::Drop => continue,
            _ => normalize_char(c, &mut text),
        }
        let added = text.len() - before;
        starts.extend(std::iter::repeat(at as u32).take(added));
        ends.extend(std::iter::repeat(end).take(added));
        if added > 0 {
            last_output = before..text.len();
        }
    }
    // Words broken across a line break: drop the break's normalised bytes.
    let joins = crate::rejoin::joins_in_normalized(&text);
    if !joins.is_empty() {
        let keep = |at: &usize| !joins.iter().any(|join| join.contains(at));
        let kept: Vec<usize> = (0..text.len()).filter(keep).collect();
        let bytes: Vec<u8> = kept.iter().map(|&at| text.as_bytes()[at]).collect();
        starts = kept.iter().map(|&at| starts[at]).collect();
        ends = kept.iter().map(|&at| ends[at]).collect();
        text = String::from_utf8(bytes).unwrap_or_default();
    }
    ByteMap { text, starts, ends, input_len: input.len() as u32 }
}

static ROOT_INITIAL: &[&str] = &crate::clitics::ROOT_INITIAL;
static NOT_ARTICLE: &[&str] = &crate::clitics::NOT_ARTICLE;
static SHORT_AFTER_CONJUNCTION: &[&str] = &crate::clitics::SHORT_AFTER_CONJUNCTION;

pub(crate) fn proclitic_len(word: &str) -> usize {
    let letters: Vec<char> = word.chars().collect();
    let count = letters.len();
    let byte_len = |chars: usize| -> usize { letters[..chars].iter().map(|c| c.len_utf8()).sum() };
    let rest = |from: usize| -> String { letters[from..].iter().collect() };
    if ROOT_INITIAL.contains(&word) || NOT_ARTICLE.contains(&word) {
        return 0;
    }
    let mut at = 0;
    // A conjunction.
    if matches!(letters.first(), Some('و' | 'ف')) && count >= 3 {
        let after = rest(1);
        let long_enough = count - 1 >= 3 || SHORT_AFTER_CONJUNCTION.contains(&after.as_str());
        if long_enough {
            at = 1;
        }
    }
    // A preposition with the article (بال، كال، لل), the article alone, a bare preposition, or س.
    let tail = rest(at);
    let remaining = count - at;
    if tail.starts_with("لل") && remaining >= 4 && !NOT_ARTICLE.contains(&format!("ا{tail}").as_str()) {
        return byte_len(at + 2);
    }
    for prefix in ["بال", "كال"] {
        if tail.starts_with(prefix) && remaining >= prefix.chars().count() + 2 {
            return byte_len(at + 3);
        }
    }
    if tail.starts_with("ال") && remaining >= 4 && !NOT_ARTICLE.contains(&tail.as_str()) {
        return byte_len(at + 2);
    }
    if matches!(tail.chars().next(), Some('ب' | 'ل')) && remaining >= 4 && !ROOT_INITIAL.contains(&tail.as_str()) {
        return byte_len(at + 1);
    }
    if tail.starts_with('س')
        && matches!(tail.chars().nth(1), Some('ي' | 'ت' | 'ن'))
        && remaining >= 5
        && !ROOT_INITIAL.iter().any(|w| w.starts_with('س') && tail.starts_with(&w[..w.len() - 2]))
    {
        return byte_len(at + 1);
    }
    byte_len(at)
}

pub(crate) fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.text();
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind;
        let mut end = start + c.len_utf8();
        if is_arabic_letter(c) {
            kind = TokenKind::Word;
            while let Some(&(i, d)) = chars.peek() {
                if !is_arabic_letter(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        } else if c.is_ascii_digit() && !starts_latin_run(&text[start..]) {
            kind = TokenKind::Number;
            while let Some(&(i, d)) = chars.peek() {
                let separator_between_digits = matches!(d, '.' | ',' | '/' | '٫' | '٬')
                    && text[i + d.len_utf8()..].chars().next().is_some_and(|e| e.is_ascii_digit());
                if !(d.is_ascii_digit() || separator_between_digits) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        } else if c.is_alphanumeric() && !is_arabic_letter(c) {
            let url = text[start..].starts_with("http://") || text[start..].starts_with("https://") || text[start..].starts_with("www.");
            let email = !url && email_len(&text[start..]).is_some();
            kind = if url || email { TokenKind::Url } else { TokenKind::Latin };
            if let Some(len) = email_len(&text[start..]).filter(|_| email) {
                while chars.peek().is_some_and(|&(i, _)| i < start + len) {
                    chars.next();
                }
                end = start + len;
            } else {
            while let Some(&(i, d)) = chars.peek() {
                let keep = if url { !d.is_whitespace() } else { d.is_alphanumeric() && !is_arabic_letter(d) || d == '\'' };
                if !keep {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            }
        } else if c == '#' && chars.peek().is_some_and(|&(_, d)| d.is_alphanumeric()) {
            kind = TokenKind::Hashtag;
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        } else {
            kind = TokenKind::Punct;
        }
        let proclitic_len = if kind == TokenKind::Word { proclitic_len(&text[start..end]) } else { 0 };
        tokens.push(Token { kind, norm: start..end, span: n.source_span(start, end), proclitic_len });
    }
    tokens
}

fn starts_latin_run(text: &str) -> bool {
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

fn email_len(text: &str) -> Option<usize> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    let local = text.find(|c: char| !is_part(c))?;
    if local == 0 || !text[local..].starts_with('@') {
        return None;
    }
    let domain_start = local + 1;
    let domain_len = text[domain_start..].find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))).unwrap_or(text.len() - domain_start);
    let domain = text[domain_start..domain_start + domain_len].trim_end_matches('.');
    (domain.contains('.') && !domain.starts_with('.')).then_some(domain_start + domain.len())
}

const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

pub(crate) fn light_stem(word: &str) -> String {
    let normalised = normalize_str(word);
    let mut chars: Vec<char> = normalised.chars().collect();
    if chars.len() >= 4 && chars[0] == 'و' {
        chars.remove(0);
    }
    for article in ARTICLES {
        let article: Vec<char> = article.chars().collect();
        if chars.len() >= article.len() + 2 && chars.starts_with(&article) {
            chars.drain(..article.len());
            break;
        }
    }
    for suffix in SUFFIXES {
        let suffix: Vec<char> = suffix.chars().collect();
        if chars.len() >= suffix.len() + 2 && chars.ends_with(&suffix) {
            chars.truncate(chars.len() - suffix.len());
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that reach every branch of the normaliser and tokeniser.
    const ALPHABET: &[char] = &[
        'ب', 'ت', 'ل', 'و', 'ف', 'س', 'ك', 'ا', 'ي', 'ه', 'ن', 'م', 'ح', 'أ', 'إ', 'آ', 'ى', 'ئ', 'ة', 'ؤ', 'ی', 'ک', 'ۀ',
        '\u{064E}', '\u{064B}', '\u{0651}', '\u{0670}', '\u{0640}', '\u{06D6}', '\u{0615}', '\u{200C}', '\u{200F}', '\u{202B}',
        '\u{FEFF}', '\u{00AD}', '\u{00A0}', '\u{2009}', '٣', '۴', '٫', '٬', 'ﻻ', 'ﷺ', 'ﷲ', '\u{FB50}', '\u{FE8D}', 'A', 'z',
        'Q', '3', '0', ' ', '\n', '.', ',', '/', '@', '#', '_', '-', ':', '\'', '«', '»', '“', '—', 'é', 'Ω', 'ж', '😀', '\u{0301}',
    ];

    fn alphabet_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..48).prop_map(|chars| chars.into_iter().collect())
    }

    fn pieces_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("http://x.y/z".to_string()),
            Just("www.a.b".to_string()),
            Just("a.b@c.de".to_string()),
            Just("#وسم".to_string()),
            Just("5,000".to_string()),
            Just("3D".to_string()),
            Just("والمفاوضاتِ".to_string()),
            Just("ﻻ".to_string()),
            alphabet_text(),
        ];
        proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.join(" "))
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![alphabet_text(), pieces_text(), "\\PC{0,40}", any::<String>()]
    }

    /// Words built the way Arabic stacks particles onto listed and unlisted words.
    fn word() -> impl Strategy<Value = String> {
        let prefixes = ["", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وب", "فل", "وس", "ا"];
        let mut bodies: Vec<&str> = ROOT_INITIAL.iter().chain(NOT_ARTICLE).chain(SHORT_AFTER_CONJUNCTION).copied().collect();
        bodies.extend(["سيطر", "سيار", "يعلن", "تعلن", "نعلن", "مفاوضات", "حكومتها", "ها", "ي", "ه", ""]);
        let letters = proptest::collection::vec(proptest::sample::select(&ALPHABET[..23]), 0..6)
            .prop_map(|chars| chars.into_iter().collect::<String>());
        (proptest::sample::select(prefixes.to_vec()), prop_oneof![proptest::sample::select(bodies).prop_map(str::to_string), letters])
            .prop_map(|(prefix, body)| format!("{prefix}{body}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn normalize_matches_the_byte_map(text in any_text()) {
            let old = super::normalize(&text);
            let new = crate::normalize(&text);
            prop_assert_eq!(new.text(), old.text.as_str());
            prop_assert_eq!(crate::normalize::normalize_str(&text), old.text.clone());
            let len = old.text.len();
            for pos in 0..=len + 2 {
                prop_assert_eq!(new.map().source_offset(pos), old.source_offset(pos), "offset {}", pos);
                prop_assert_eq!(new.map().source_end(pos), old.source_end(pos), "end {}", pos);
            }
            for start in 0..=len + 1 {
                for end in 0..=len + 1 {
                    prop_assert_eq!(new.source_span(start, end), old.source_span(start, end), "span {}..{}", start, end);
                }
            }
        }

        #[test]
        fn tokenize_matches_the_old_tokeniser(text in any_text()) {
            let n = crate::normalize(&text);
            prop_assert_eq!(crate::tokens::tokenize(&n), super::tokenize(&n));
        }

        #[test]
        fn proclitics_and_stems_match(word in prop_oneof![word(), any_text()]) {
            let normalised = normalize_str(&word);
            prop_assert_eq!(crate::clitics::proclitic_len(&normalised), super::proclitic_len(&normalised));
            prop_assert_eq!(crate::stem::light_stem(&word), super::light_stem(&word));
            let old_stem = super::light_stem(&normalised);
            prop_assert_eq!(crate::stem::light_stem_normalized(&normalised), old_stem.as_str());
        }
    }
}
