//! The document: one article's decoded text and what the reader found about its layout.

use chrono::NaiveDate;
use isnad_text::Span;

/// One article as read from its input.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Unique in one run (see SCHEMA.md): the file stem, an item id or URL, or `<stem>#<n>`.
    pub doc_id: String,
    /// Where it came from: a path, a path plus item number, a URL, or `stdin`.
    pub origin: String,
    /// The decoded UTF-8 text every span indexes.
    pub text: String,
    /// True when `text` is exactly the input file's bytes (a leading BOM aside), so records need not
    /// repeat it.
    pub text_is_input: bool,
    /// The headline, inside or before the body.
    pub title: Option<Span>,
    /// The author line near the top ("إعداد - ...", "بقلم ..."); it stays readable (it names a person).
    pub byline: Option<Span>,
    /// The publication date, from metadata or from the date printed in the page's header.
    pub published: Option<NaiveDate>,
    /// The article proper; extraction looks only inside it (and at the title), never at furniture.
    pub body: Span,
    /// Page furniture found inside or outside the body, each with its reason.
    pub furniture: Vec<Furniture>,
    /// Problems that did not stop reading (invalid byte sequences replaced, a guessed encoding, ...).
    pub warnings: Vec<String>,
    /// Hash of the decoded text, stable across runs and releases, for de-duplication of re-ingests.
    pub content_hash: u64,
}

/// A span of page furniture and why it was judged so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    pub span: Span,
    /// Short and stable, for people and for filters: "share widget", "captcha", "junk token",
    /// "copyright", "caption", "related links", "repeated title", "navigation", ...
    pub reason: String,
}

impl Document {
    /// A plain-text document whose body is the whole text (no layout analysis).
    pub fn from_text(doc_id: impl Into<String>, origin: impl Into<String>, text: String) -> Document {
        let body = Span::new(0, text.len());
        let content_hash = fnv1a64(text.as_bytes());
        Document {
            doc_id: doc_id.into(),
            origin: origin.into(),
            text,
            text_is_input: true,
            title: None,
            byline: None,
            published: None,
            body,
            furniture: Vec::new(),
            warnings: Vec::new(),
            content_hash,
        }
    }

    /// Runs layout analysis: title, byline, publication date (unless metadata gave one), body and
    /// furniture. `known_title` is the headline's span when metadata marked it.
    pub fn with_layout(mut self, known_title: Option<Span>) -> Document {
        let layout = crate::layout::analyse(&self.text, known_title);
        self.title = layout.title;
        self.byline = layout.byline;
        self.published = self.published.or(layout.published);
        self.body = layout.body;
        self.furniture =
            layout.furniture.into_iter().map(|(span, reason)| Furniture { span, reason: reason.to_string() }).collect();
        self
    }

    /// The spans extraction should look at: the title and the body, minus furniture, in text order.
    pub fn readable_spans(&self) -> Vec<Span> {
        let mut pieces: Vec<Span> = Vec::new();
        if let Some(title) = self.title {
            if !self.body.contains(title) {
                pieces.push(title);
            }
        }
        pieces.push(self.body);
        let mut out = Vec::new();
        for piece in pieces {
            let mut cursor = piece.start;
            let mut inside: Vec<Span> = self.furniture.iter().map(|f| f.span).filter(|f| f.overlaps(piece)).collect();
            inside.sort();
            for f in inside {
                if f.start > cursor {
                    out.push(Span::new(cursor, f.start));
                }
                cursor = cursor.max(f.end);
            }
            if cursor < piece.end {
                out.push(Span::new(cursor, piece.end));
            }
        }
        out.sort();
        out
    }
}

/// FNV-1a, 64 bit: tiny, stable across platforms and releases (unlike std's hasher).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
