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
///
/// The readings of every token are worked out once, when the context is built: the rules ask for
/// them many times per token, and cutting them anew each time was most of the entity stage's cost.
pub struct Context<'a, 'd> {
    pub analysis: &'a Analysis<'d>,
    pub gazetteer: &'a Gazetteer,
    pub tokens: &'a [Token],
    readings: Readings,
}

/// One reading of a word: the proclitics it drops and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form<'a> {
    /// Normalised bytes of the proclitics dropped from the front of the word.
    pub prefix_len: usize,
    /// The word without them; لل is read back as ال.
    pub base: &'a str,
    /// The word began with لل, read as ل + ال: `base` is not a slice of the text, and a mention
    /// keeps the لل (the scorer and readers take لل as ل + ال).
    pub restored_article: bool,
}

/// The readings of every token of an article, stored flat.
///
/// A plain reading is a slice of the normalised text; a reading with its article restored (لل
/// read as ال) has no bytes of its own in the text, so it is kept in `restored`.
struct Readings {
    forms: Vec<StoredForm>,
    /// For token `i`, `forms[first[i]..first[i + 1]]`.
    first: Vec<u32>,
    restored: String,
}

#[derive(Clone, Copy)]
struct StoredForm {
    prefix_len: u32,
    /// Byte range of the base in the normalised text, or in `Readings::restored` when
    /// `restored_article` is set.
    start: u32,
    end: u32,
    restored_article: bool,
}

impl Readings {
    fn new(norm_text: &str, tokens: &[Token]) -> Readings {
        let mut readings =
            Readings { forms: Vec::with_capacity(tokens.len() * 2), first: Vec::with_capacity(tokens.len() + 1), restored: String::new() };
        for token in tokens {
            readings.first.push(readings.forms.len() as u32);
            let text = &norm_text[token.norm.clone()];
            if token.kind != TokenKind::Word {
                if !text.is_empty() {
                    readings.forms.push(StoredForm {
                        prefix_len: 0,
                        start: token.norm.start as u32,
                        end: token.norm.end as u32,
                        restored_article: false,
                    });
                }
                continue;
            }
            let from = readings.forms.len();
            let offset = token.norm.start;
            each_word_form(text, |prefix_len, base| {
                let stored = match base {
                    Base::Slice(range) => StoredForm {
                        prefix_len: prefix_len as u32,
                        start: (offset + range.start) as u32,
                        end: (offset + range.end) as u32,
                        restored_article: false,
                    },
                    Base::ArticleThen(rest) => {
                        let start = readings.restored.len();
                        readings.restored.push_str("ال");
                        readings.restored.push_str(rest);
                        StoredForm {
                            prefix_len: prefix_len as u32,
                            start: start as u32,
                            end: readings.restored.len() as u32,
                            restored_article: true,
                        }
                    }
                };
                readings.forms.push(stored);
            });
            debug_assert!(readings.forms.len() > from, "a word always reads as itself");
        }
        readings.first.push(readings.forms.len() as u32);
        readings
    }

    fn of<'r>(&'r self, norm_text: &'r str, i: usize) -> impl DoubleEndedIterator<Item = Form<'r>> + Clone + 'r {
        let range = match (self.first.get(i), self.first.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.forms[range].iter().map(move |f| Form {
            prefix_len: f.prefix_len as usize,
            base: if f.restored_article {
                &self.restored[f.start as usize..f.end as usize]
            } else {
                &norm_text[f.start as usize..f.end as usize]
            },
            restored_article: f.restored_article,
        })
    }
}

impl<'a, 'd> Context<'a, 'd> {
    pub fn new(analysis: &'a Analysis<'d>, gazetteer: &'a Gazetteer) -> Context<'a, 'd> {
        let readings = Readings::new(analysis.norm.text(), &analysis.tokens);
        Context { analysis, gazetteer, tokens: &analysis.tokens, readings }
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
        let gap = &self.norm_text().as_bytes()[x.norm.end..y.norm.start];
        !gap.is_empty() && gap.iter().all(|&c| c == b' ')
    }

    /// Every reading of token `i`: the whole word first, then with و/ف, then ب/ل/ك peeled off, where
    /// at least three letters remain. A token that is no word has its text as its one reading;
    /// past the end there is none.
    pub fn forms(&self, i: usize) -> impl DoubleEndedIterator<Item = Form<'_>> + Clone + '_ {
        self.readings.of(self.norm_text(), i)
    }

    /// Whether any reading of token `i` satisfies `test`.
    pub fn any_form(&self, i: usize, test: impl Fn(&str) -> bool) -> bool {
        self.forms(i).any(|f| test(f.base))
    }

    /// The words of tokens `range` in matching form, joined by one space.
    pub fn phrase(&self, range: std::ops::Range<usize>) -> String {
        let mut phrase = String::new();
        for (k, i) in range.enumerate() {
            if k > 0 {
                phrase.push(' ');
            }
            phrase.push_str(self.text(i));
        }
        phrase
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

/// Where a reading's base comes from.
enum Base<'w> {
    /// A slice of the word.
    Slice(std::ops::Range<usize>),
    /// ال followed by this rest of the word (the word had لل).
    ArticleThen(&'w str),
}

/// Calls `emit(prefix_len, base)` for every reading of a normalised Arabic word, whole word first,
/// each distinct base once (see [`Context::forms`]).
fn each_word_form(word: &str, mut emit: impl FnMut(usize, Base)) {
    emit(0, Base::Slice(0..word.len()));
    let letters = |s: &str| s.chars().count();
    let conj: &[usize] = if word.starts_with('و') || word.starts_with('ف') { &[0, 'و'.len_utf8()] } else { &[0] };
    // Bases of one word differ in length or in their first letters, so no reading repeats another;
    // `word_forms` checks that.
    for &c in conj {
        let rest = &word[c..];
        if c > 0 && letters(rest) >= 3 {
            emit(c, Base::Slice(c..word.len()));
        }
        if let Some(after) = rest.strip_prefix("لل") {
            if letters(after) + 2 >= 3 {
                emit(c, Base::ArticleThen(after));
            }
        } else if let Some(ch) = rest.chars().next().filter(|ch| matches!(ch, 'ب' | 'ل' | 'ك')) {
            if letters(&rest[ch.len_utf8()..]) >= 3 {
                emit(c + ch.len_utf8(), Base::Slice(c + ch.len_utf8()..word.len()));
            }
        }
    }
}

/// Every reading of a normalised Arabic word, as owned strings: (proclitic bytes, base, article
/// restored). The rules read them through [`Context::forms`]; this is the same cut, for tests.
pub fn word_forms(word: &str) -> Vec<(usize, String, bool)> {
    let mut forms: Vec<(usize, String, bool)> = Vec::new();
    each_word_form(word, |prefix_len, base| {
        let (base, restored) = match base {
            Base::Slice(range) => (word[range].to_string(), false),
            Base::ArticleThen(rest) => (format!("ال{rest}"), true),
        };
        forms.push((prefix_len, base, restored));
    });
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(word: &str) -> Vec<String> {
        let forms = word_forms(word);
        // No base comes twice.
        for (k, form) in forms.iter().enumerate() {
            assert!(forms[..k].iter().all(|f| f.1 != form.1), "{forms:?}");
        }
        forms.into_iter().map(|f| f.1).collect()
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
