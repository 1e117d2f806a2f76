//! Tokens over a normalised text, each with its span in the input.

use crate::{Normalized, Span};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic letters.
    Word,
    /// A run of Latin letters (and digits inside it).
    Latin,
    /// Digits, with the separators between them (5,000 · 10.000 · 2021.09.13 · 13/9/2021).
    Number,
    Url,
    Hashtag,
    Punct,
}

/// One token. `norm` indexes the normalised text it was cut from; `span` the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub norm: Range<usize>,
    pub span: Span,
    /// Byte length, in the normalised text, of the proclitics at the start of the token
    /// (و ف ب ك ل ال لل س and their combinations); 0 when none were split off.
    pub proclitic_len: usize,
}

impl Token {
    /// The token's matching form.
    pub fn text<'n>(&self, n: &'n Normalized) -> &'n str {
        &n.text()[self.norm.clone()]
    }

    /// The matching form without its proclitics.
    pub fn base<'n>(&self, n: &'n Normalized) -> &'n str {
        &n.text()[self.norm.start + self.proclitic_len..self.norm.end]
    }

    /// The input span of the word without its proclitics.
    pub fn base_span(&self, n: &Normalized) -> Span {
        n.source_span(self.norm.start + self.proclitic_len, self.norm.end)
    }

    /// The input span of the proclitics (empty when there are none).
    pub fn proclitic_span(&self, n: &Normalized) -> Span {
        n.source_span(self.norm.start, self.norm.start + self.proclitic_len)
    }
}

pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// Cuts the normalised text into tokens.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.text();
    let bytes = text.as_bytes();
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
        } else if c.is_ascii_digit() {
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
        } else if c.is_alphabetic() {
            let url = text[start..].starts_with("http://") || text[start..].starts_with("https://") || text[start..].starts_with("www.");
            kind = if url { TokenKind::Url } else { TokenKind::Latin };
            while let Some(&(i, d)) = chars.peek() {
                let keep = if url { !d.is_whitespace() } else { d.is_alphanumeric() && !is_arabic_letter(d) || d == '\'' };
                if !keep {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
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
        let _ = bytes;
        let proclitic_len = if kind == TokenKind::Word { proclitic_len(&text[start..end]) } else { 0 };
        tokens.push(Token { kind, norm: start..end, span: n.source_span(start, end), proclitic_len });
    }
    tokens
}

/// Byte length of the proclitics to split off a normalised Arabic word.
///
/// Conservative: a prefix is split only when at least three letters remain, so that words that
/// merely begin with و or ب (وزير, بلد) mostly stay whole.
pub fn proclitic_len(word: &str) -> usize {
    const PREFIXES: [&str; 14] =
        ["وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وس", "و", "ف"];
    let letters = word.chars().count();
    for p in PREFIXES {
        if word.starts_with(p) && letters - p.chars().count() >= 3 {
            // لل stands for ل + ال: keep it whole as the proclitic.
            return p.len();
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    #[test]
    fn splits_kinds_and_keeps_spans() {
        let input = "قالَ الوزير: 5,000 عنصر في 2021.09.13 http://x.y/z #طالبان";
        let n = normalize(input);
        let toks = tokenize(&n);
        let kinds: Vec<_> = toks.iter().map(|t| (t.kind, t.span.slice(input))).collect();
        assert_eq!(
            kinds,
            vec![
                (TokenKind::Word, "قالَ"),
                (TokenKind::Word, "الوزير"),
                (TokenKind::Punct, ":"),
                (TokenKind::Number, "5,000"),
                (TokenKind::Word, "عنصر"),
                (TokenKind::Word, "في"),
                (TokenKind::Number, "2021.09.13"),
                (TokenKind::Url, "http://x.y/z"),
                (TokenKind::Hashtag, "#طالبان"),
            ]
        );
        assert_eq!(toks[1].base(&n), "وزير");
        assert_eq!(toks[1].proclitic_span(&n).slice(input), "ال");
    }
}
