//! One article's text, normalised and cut up once, shared by every extraction stage.

use isnad_read::Document;
use isnad_text::tokens::{tokenize, Token};
use isnad_text::{normalize, sentences::sentences, Normalized, Span};

/// The views of one document's text that every stage reads.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    /// The document's text (what spans index).
    pub text: &'d str,
    pub norm: Normalized,
    /// Tokens of the readable parts only (title and body, furniture excluded), in text order.
    pub tokens: Vec<Token>,
    /// Sentences of the readable parts only, in text order.
    pub sentences: Vec<Span>,
}

impl<'d> Analysis<'d> {
    pub fn new(doc: &'d Document) -> Analysis<'d> {
        let text = doc.text.as_str();
        let norm = normalize(text);
        let readable = doc.readable_spans();
        let inside = |s: Span| readable.iter().any(|r| r.contains(s));
        let tokens = tokenize(&norm).into_iter().filter(|t| inside(t.span)).collect();
        let mut sents = Vec::new();
        for piece in &readable {
            for s in sentences(piece.slice(text)) {
                sents.push(Span::new(piece.start + s.start, piece.start + s.end));
            }
        }
        Analysis { doc, text, norm, tokens, sentences: sents }
    }

    /// The input text of a span.
    pub fn slice(&self, span: Span) -> &'d str {
        span.slice(self.text)
    }

    /// Index of the sentence holding `span`'s start, if any.
    pub fn sentence_of(&self, span: Span) -> Option<usize> {
        self.sentences.iter().position(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
    }

    /// Indices of the tokens inside `span`.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.tokens.partition_point(|t| t.span.start < span.start);
        let last = self.tokens.partition_point(|t| t.span.start < span.end);
        first..last.max(first)
    }
}
