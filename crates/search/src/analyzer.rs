//! The Arabic analyser: the terms a text is indexed under, each with the input bytes it came from.
//!
//! tantivy's own Arabic stemmer (Snowball) is inconsistent across clitic forms (مفاوضات and
//! المفاوضات get different stems) and tantivy has no Arabic stop words, so isnad brings its own
//! analysis, built on `isnad-text`: normalise with the offset map (diacritics and tatweel dropped,
//! alef/ya/teh marbuta folded), cut tokens with their proclitics (و ف ب ك ل ال س) split off, then
//! take the Light10 stem of the base. Every term keeps the byte span of its whole word in the
//! *original* text, so a hit is highlighted at exact bytes and never in a normalised copy.
//!
//! Two forms of a word are indexed:
//! - [`TermForm::Stem`]: the Light10 stem of the base (المفاوضات، مفاوضات، والمفاوضات → مفاوض);
//!   the recall field.
//! - [`TermForm::Exact`]: the normalised base without its proclitics (لطالبان → طالبان), which keeps
//!   suffixes apart (طالبان vs طالب); the precision field, used to rank exact forms higher and for
//!   `--exact` searches.

use isnad_text::stem::light_stem_normalized;
use isnad_text::tokens::{tokenize, Token as TextToken, TokenKind};
use isnad_text::{normalize, Normalized, Span};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Which form of a word a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermForm {
    /// The Light10 stem of the word's base.
    Stem,
    /// The word's normalised base, proclitics removed.
    Exact,
}

/// Function words of Modern Standard Arabic (prepositions, conjunctions, particles, pronouns,
/// demonstratives and relatives), in matching form, that are never indexed: they carry no topic
/// and would be the longest posting lists. علي is left out on purpose: it is also the name Ali.
const STOP_WORDS: [&str; 62] = [
    "في", "من", "الي", "عن", "مع", "ان", "او", "ام", "ثم", "حتي", "بين", "عند", "لدي", "منذ", "خلال", "هذا", "هذه",
    "ذلك", "تلك", "هولاء", "هناك", "هنا", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "ما", "ماذا", "لا",
    "لم", "لن", "قد", "لقد", "كان", "كانت", "يكون", "تكون", "هو", "هي", "هم", "هما", "نحن", "انا", "انت", "انه", "انها",
    "كما", "كل", "بعض", "غير", "اذا", "اذ", "لكن", "بل", "اي", "ايضا", "و", "ف", "ب", "ل",
];

/// Whether `word` (matching form) is a function word that is not indexed.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// One analysed term: its text and the original bytes of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// The whole word in the input, proclitics included (what a reader sees highlighted).
    pub span: Span,
    /// Position in the token sequence (stop words keep their slot, so phrases stay aligned).
    pub position: usize,
}

/// The terms of `text` in the given form, in text order.
pub fn analyse(text: &str, form: TermForm) -> Vec<Term> {
    let normalized = normalize(text);
    let tokens = tokenize(&normalized);
    let mut out = Vec::with_capacity(tokens.len());
    let mut scratch = String::new();
    for (position, token) in tokens.iter().enumerate() {
        if term_text(token, &normalized, form, &mut scratch) {
            out.push(Term { text: scratch.clone(), span: token.span, position });
        }
    }
    out
}

/// Writes the term of one token into `out`; false when the token is not indexed (punctuation, a
/// stop word, a URL).
fn term_text(token: &TextToken, normalized: &Normalized, form: TermForm, out: &mut String) -> bool {
    out.clear();
    match token.kind {
        TokenKind::Word => {
            let base = token.base(normalized);
            if base.is_empty() || is_stop_word(base) || is_stop_word(token.text(normalized)) {
                return false;
            }
            out.push_str(match form {
                TermForm::Stem => light_stem_normalized(base),
                TermForm::Exact => base,
            });
        }
        TokenKind::Latin | TokenKind::Number | TokenKind::Hashtag => {
            out.extend(token.text(normalized).chars().flat_map(char::to_lowercase));
        }
        TokenKind::Url | TokenKind::Punct => return false,
    }
    !out.is_empty()
}

/// The analyser as a tantivy tokenizer, registered under [`crate::schema::STEM_ANALYZER`] and
/// [`crate::schema::EXACT_ANALYZER`].
#[derive(Debug, Clone, Copy)]
pub struct ArabicTokenizer {
    form: TermForm,
}

impl ArabicTokenizer {
    pub fn new(form: TermForm) -> ArabicTokenizer {
        ArabicTokenizer { form }
    }
}

/// The token stream over one text: the text is normalised and cut once, then each `advance`
/// fills one reusable tantivy token (no allocation per term).
pub struct ArabicTokenStream {
    normalized: Normalized,
    tokens: std::vec::IntoIter<(usize, TextToken)>,
    form: TermForm,
    current: Token,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        let normalized = normalize(text);
        let tokens: Vec<(usize, TextToken)> = tokenize(&normalized).into_iter().enumerate().collect();
        ArabicTokenStream { normalized, tokens: tokens.into_iter(), form: self.form, current: Token::default() }
    }
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        for (position, token) in self.tokens.by_ref() {
            if term_text(&token, &self.normalized, self.form, &mut self.current.text) {
                self.current.offset_from = token.span.start;
                self.current.offset_to = token.span.end;
                self.current.position = position;
                self.current.position_length = 1;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, form: TermForm) -> Vec<String> {
        analyse(text, form).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn clitic_and_article_forms_share_a_stem() {
        let stems = terms("المفاوضات مفاوضات والمفاوضات بالمفاوضات", TermForm::Stem);
        assert_eq!(stems, vec!["مفاوض"; 4]);
        assert_eq!(terms("لطالبان", TermForm::Exact), vec!["طالبان"]);
        assert_eq!(terms("لطالبان", TermForm::Stem), terms("طالبان", TermForm::Stem));
    }

    #[test]
    fn spelling_variants_fold_together() {
        // Hamza on alef, teh marbuta / heh, alef maqsura / ya, diacritics and tatweel.
        assert_eq!(terms("إعلان", TermForm::Exact), terms("اعلان", TermForm::Exact));
        assert_eq!(terms("الحكومة", TermForm::Stem), terms("حكومه", TermForm::Stem));
        assert_eq!(terms("مستشفى", TermForm::Exact), terms("مستشفي", TermForm::Exact));
        assert_eq!(terms("المُفَاوَضَـــات", TermForm::Stem), vec!["مفاوض"]);
    }

    #[test]
    fn spans_point_at_the_original_words() {
        let text = "قالَ الوزيرُ: «استُؤنفت المفاوضات» في مدينة زهرانة.";
        let analysed = analyse(text, TermForm::Stem);
        for term in &analysed {
            assert!(text.is_char_boundary(term.span.start) && text.is_char_boundary(term.span.end));
        }
        let words: Vec<&str> = analysed.iter().map(|t| &text[t.span.start..t.span.end]).collect();
        assert_eq!(words, vec!["قالَ", "الوزيرُ", "استُؤنفت", "المفاوضات", "مدينة", "زهرانة"]);
    }

    #[test]
    fn stop_words_are_skipped_but_keep_their_position() {
        let analysed = analyse("وصل الوفد إلى العاصمة", TermForm::Exact);
        let texts: Vec<&str> = analysed.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, vec!["وصل", "وفد", "عاصمه"]);
        assert_eq!(analysed[2].position, 3);
    }

    #[test]
    fn the_tantivy_stream_matches_analyse() {
        let text = "Reuters: وقال المتحدث باسم الحكومة إن 25 شخصاً قتلوا #زهرانة";
        let mut tokenizer = ArabicTokenizer::new(TermForm::Stem);
        let mut stream = tokenizer.token_stream(text);
        let mut from_stream = Vec::new();
        while stream.advance() {
            let t = stream.token();
            from_stream.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        let expected: Vec<_> =
            analyse(text, TermForm::Stem).into_iter().map(|t| (t.text, t.span.start, t.span.end, t.position)).collect();
        assert_eq!(from_stream, expected);
        assert!(from_stream.iter().any(|(t, ..)| t == "reuters"));
        assert!(from_stream.iter().any(|(t, ..)| t == "25"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", " ", "\u{0651}\u{0640}", "ـــ", "\u{FEFF}", "a\u{0301}", "١٢٣٤", "ﻻ ﷲ"] {
            let _ = analyse(text, TermForm::Stem);
            let _ = analyse(text, TermForm::Exact);
        }
    }
}
