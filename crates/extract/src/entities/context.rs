//! The article as the name rules see it: tokens in matching form, with their proclitics peeled off
//! the way Arabic writes them (و ف, then ب ل ك, and لل for ل + ال).
//!
//! The text crate's tokens split proclitics greedily (وزير → و + زير); name rules need every
//! reading instead, so they ask [`Context::forms`] for all of them.

use crate::gazetteer::Gazetteer;
use crate::Analysis;
use isnad_text::tokens::{Token, TokenKind};
use isnad_text::Span;

/// One article's tokens plus the gazetteer, shared by the rules.
pub struct Context<'a, 'd> {
    pub analysis: &'a Analysis<'d>,
    pub gazetteer: &'a Gazetteer,
    pub tokens: &'a [Token],
}

/// One reading of a word: the proclitics it drops and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Normalised bytes of the proclitics dropped from the front of the word.
    pub prefix_len: usize,
    /// The word without them; لل is read back as ال.
    pub base: String,
    /// The word began with لل, read as ل + ال: `base` is not a slice of the text, and a mention
    /// keeps the لل (the scorer and readers take لل as ل + ال).
    pub restored_article: bool,
}

impl<'a, 'd> Context<'a, 'd> {
    pub fn new(analysis: &'a Analysis<'d>, gazetteer: &'a Gazetteer) -> Context<'a, 'd> {
        Context { analysis, gazetteer, tokens: &analysis.tokens }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The normalised text of the article.
    pub fn norm_text(&self) -> &'a str {
        self.analysis.norm.text()
    }

    /// The matching form of token `i` (empty past the end).
    pub fn text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.analysis.norm.text()[t.norm.clone()])
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    /// Token `i` is punctuation (or there is no token `i`).
    pub fn is_punct(&self, i: usize) -> bool {
        !matches!(self.kind(i), Some(TokenKind::Word | TokenKind::Latin | TokenKind::Number))
    }

    /// Tokens `a` and `b = a + 1` lie in one sentence, with only spaces between them.
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.tokens.get(a), self.tokens.get(b)) else { return false };
        let gap = &self.norm_text()[x.norm.end..y.norm.start];
        gap.chars().all(|c| c == ' ') && !gap.is_empty()
    }

    /// Every reading of token `i`: the whole word first, then with و/ف, then ب/ل/ك peeled off, where
    /// at least three letters remain.
    pub fn forms(&self, i: usize) -> Vec<Form> {
        if !self.is_word(i) {
            let text = self.text(i);
            return if text.is_empty() {
                Vec::new()
            } else {
                vec![Form { prefix_len: 0, base: text.to_string(), restored_article: false }]
            };
        }
        word_forms(self.text(i))
    }

    /// Whether any reading of token `i` satisfies `test`.
    pub fn any_form(&self, i: usize, test: impl Fn(&str) -> bool) -> bool {
        self.forms(i).iter().any(|f| test(&f.base))
    }

    /// The words of tokens `range` in matching form, joined by one space.
    pub fn phrase(&self, range: std::ops::Range<usize>) -> String {
        range.map(|i| self.text(i)).collect::<Vec<_>>().join(" ")
    }

    /// The input span of normalised bytes `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.analysis.norm.source_span(start, end)
    }

    /// The index of the token whose normalised text ends exactly at byte `end`, if one does.
    pub fn token_ending_at(&self, end: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.norm.end < end);
        (self.tokens.get(i)?.norm.end == end).then_some(i)
    }
}

/// Every reading of a normalised Arabic word (see [`Context::forms`]).
pub fn word_forms(word: &str) -> Vec<Form> {
    let mut forms = vec![Form { prefix_len: 0, base: word.to_string(), restored_article: false }];
    let letters = |s: &str| s.chars().count();
    let mut push = |prefix_len: usize, base: String, restored_article: bool| {
        if letters(&base) >= 3 && !forms.iter().any(|f| f.base == base) {
            forms.push(Form { prefix_len, base, restored_article });
        }
    };
    let mut conj = vec![0];
    if word.starts_with('و') || word.starts_with('ف') {
        conj.push('و'.len_utf8());
    }
    for &c in &conj {
        let rest = &word[c..];
        if c > 0 {
            push(c, rest.to_string(), false);
        }
        if let Some(after) = rest.strip_prefix("لل") {
            push(c, format!("ال{after}"), true);
        } else if let Some(ch) = rest.chars().next().filter(|ch| matches!(ch, 'ب' | 'ل' | 'ك')) {
            push(c + ch.len_utf8(), rest[ch.len_utf8()..].to_string(), false);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(word: &str) -> Vec<String> {
        word_forms(word).into_iter().map(|f| f.base).collect()
    }

    #[test]
    fn peels_proclitics_every_way() {
        assert_eq!(bases("والدوحه"), vec!["والدوحه", "الدوحه"]);
        assert_eq!(bases("للعراق"), vec!["للعراق", "العراق"]);
        assert_eq!(bases("بالعراق"), vec!["بالعراق", "العراق"]);
        assert_eq!(bases("وبغداد"), vec!["وبغداد", "بغداد", "غداد"]);
        // Too short to peel.
        assert_eq!(bases("بلخ"), vec!["بلخ"]);
    }
}
