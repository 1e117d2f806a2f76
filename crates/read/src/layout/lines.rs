//! Lines and words of a page, with the shape measures furniture detection decides on.
//!
//! Pages reduced to text keep one block element per line (or, from crawlers that flatten pages,
//! a whole page in a few lines). Widgets, captions and signatures differ from article sentences in
//! shape: they are short, carry little Arabic prose, end without sentence punctuation, and reuse a
//! small web-UI vocabulary. Everything here is measured on the original text; words carry byte spans.

use isnad_text::normalize::normalize_str;
use isnad_text::Span;

/// One non-blank line of the text, trimmed of surrounding whitespace.
#[derive(Debug, Clone)]
pub struct Line {
    pub span: Span,
    pub words: Vec<Word>,
}

/// A whitespace-separated word: its span in the text and its matching form (see `isnad_text`).
#[derive(Debug, Clone)]
pub struct Word {
    pub span: Span,
    pub folded: String,
}

impl Word {
    /// True for words with no letter or digit: dashes, stray quotes, bullets, lone punctuation.
    pub fn is_punctuation(&self) -> bool {
        !self.folded.chars().any(char::is_alphanumeric)
    }

    pub fn has_arabic(&self) -> bool {
        self.folded.chars().any(is_arabic_letter)
    }

    pub fn is_latin(&self) -> bool {
        self.folded.chars().any(|c| c.is_ascii_alphabetic()) && !self.has_arabic()
    }

    pub fn is_number(&self) -> bool {
        !self.folded.is_empty() && self.folded.chars().all(|c| c.is_ascii_digit())
    }
}

pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

impl Line {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// Words that carry letters or digits (punctuation tokens left out).
    pub fn content_words(&self) -> impl Iterator<Item = &Word> {
        self.words.iter().filter(|w| !w.is_punctuation())
    }

    pub fn content_word_count(&self) -> usize {
        self.content_words().count()
    }

    /// The line's words in matching form, joined by single spaces, punctuation dropped: the form
    /// that vocabulary and repetition are compared in.
    pub fn folded(&self) -> String {
        self.folded_head(usize::MAX)
    }

    /// [`Line::folded`] of the first `max_words` content words only: enough to test whether a line
    /// opens with a label, without folding a whole paragraph.
    pub fn folded_head(&self, max_words: usize) -> String {
        let mut out = String::new();
        for word in self.content_words().take(max_words) {
            let start = out.len();
            if start > 0 {
                out.push(' ');
            }
            let letters = out.len();
            out.extend(word.folded.chars().filter(|&c| is_letter_or_digit(c)));
            if out.len() == letters {
                out.truncate(start);
            }
        }
        out
    }

    /// Ends like a sentence (., ؟, !, :, a closing quote after one), as article paragraphs do.
    pub fn ends_like_sentence(&self, text: &str) -> bool {
        let trimmed = self.text(text).trim_end_matches(['"', '”', '»', '\'', ')', ' ']);
        trimmed.ends_with(['.', '؟', '?', '!', '…', ':', '؛'])
    }

    /// Share of words that are a single digit or punctuation mark: high on flattened menus and
    /// pagers ("1 2 3 4 5", "- - -"), low on prose even when a crawler spaced out its punctuation.
    pub fn non_letter_single_share(&self) -> f64 {
        if self.words.is_empty() {
            return 0.0;
        }
        let singles = self
            .words
            .iter()
            .filter(|w| {
                let mut chars = w.folded.chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_alphabetic())
            })
            .count();
        singles as f64 / self.words.len() as f64
    }
}

/// Splits a text into its non-blank lines, trimmed, with their words.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let content = piece.trim_end_matches(['\n', '\r']);
        let leading = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let line_start = start + leading;
            let span = Span::new(line_start, line_start + trimmed.len());
            lines.push(Line { span, words: split_words(text, span) });
        }
        start = end;
    }
    lines
}

/// The whitespace-separated words inside `span`.
pub fn split_words(text: &str, span: Span) -> Vec<Word> {
    let slice = span.slice(text);
    let mut words = Vec::new();
    let mut word_start: Option<usize> = None;
    for (at, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = word_start.take() {
                words.push(make_word(text, Span::new(span.start + s, span.start + at)));
            }
        } else if word_start.is_none() {
            word_start = Some(at);
        }
    }
    if let Some(s) = word_start {
        words.push(make_word(text, Span::new(span.start + s, span.end)));
    }
    words
}

fn make_word(text: &str, span: Span) -> Word {
    Word { span, folded: normalize_str(span.slice(text)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_blank_lines_skipped() {
        let text = "  عنوان الخبر \r\n\r\nقال الوزير إن الوفد وصل.\n";
        let lines = split_lines(text);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(text), "عنوان الخبر");
        assert_eq!(lines[1].text(text), "قال الوزير إن الوفد وصل.");
        assert!(lines[1].ends_like_sentence(text));
        assert!(!lines[0].ends_like_sentence(text));
        assert_eq!(lines[1].words.len(), 5);
        assert_eq!(lines[1].words[0].span.slice(text), "قال");
    }

    #[test]
    fn pagers_have_many_single_characters_and_prose_does_not() {
        let text = "- - - أقسام 1 2 3 4 5 منوعات 1 2 3\nقال المتحدث , في بيان , إن القوات انسحبت من البلدة .";
        let lines = split_lines(text);
        assert!(lines[0].non_letter_single_share() > 0.5);
        assert!(lines[1].non_letter_single_share() < 0.3);
    }
}

/// `char::is_alphanumeric` with fast paths for ASCII and Arabic letters, which are most of the text.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}
