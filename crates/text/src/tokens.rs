//! Tokens over a normalised text, each with its span in the input.

use crate::utf8::{two_byte_set, TwoByteSet};
use std::sync::OnceLock;
use crate::{Normalized, Span};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic letters.
    Word,
    /// A run of Latin letters and digits (CNN, F16, 3D, a base64 string).
    Latin,
    /// Digits, with the separators between them (5,000 · 10.000 · 2021.09.13 · 13/9/2021).
    Number,
    /// A web address or an e-mail address.
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

pub(crate) const fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

/// Whether a run starting with a digit continues with ASCII letters (3D, 5G, base64 strings): the
/// whole run is then one Latin token, not a number.
fn starts_latin_run(text: &str) -> bool {
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Byte length of an e-mail address at the start of `text`, if one is there.
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

/// [`is_arabic_letter`] as a table: its letters are all two-byte characters.
static ARABIC_LETTERS: TwoByteSet = two_byte_set!(|c| is_arabic_letter(c));

/// `char::is_alphanumeric` for the two-byte characters (Arabic punctuation, Latin accents), read
/// from a table: the standard library answers those through its slower Unicode search.
fn is_alphanumeric(c: char) -> bool {
    static TWO_BYTE: OnceLock<[u64; 32]> = OnceLock::new();
    let code = c as usize;
    if !(0x80..0x800).contains(&code) {
        return c.is_alphanumeric();
    }
    let table = TWO_BYTE.get_or_init(|| {
        let mut bits = [0u64; 32];
        for code in 0x80..0x800u32 {
            if char::from_u32(code).is_some_and(char::is_alphanumeric) {
                bits[(code / 64) as usize] |= 1 << (code % 64);
            }
        }
        bits
    });
    table[code / 64] & (1 << (code % 64)) != 0
}

/// The character at byte `at` of `text`, if `at` is inside it.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Byte offset where the run of characters from `at` that satisfy `keep` ends.
fn run_end(text: &str, at: usize, keep: impl Fn(char) -> bool) -> usize {
    text[at..].find(|c: char| !keep(c)).map_or(text.len(), |len| at + len)
}

/// Cuts the normalised text into tokens.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let text = n.text();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut spans = n.map().cursor();
    let mut at = 0;
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        // The two commonest cases, a space and a word, are read off the bytes.
        if byte == b' ' || byte == b'\n' {
            at += 1;
            continue;
        }
        if ARABIC_LETTERS.contains_at(bytes, at) {
            let end = ARABIC_LETTERS.run_end(bytes, at);
            let word = &text[at..end];
            // Arabic letters are two bytes each.
            let proclitic_len = proclitic_len_counted(word, || word.len() / 2);
            tokens.push(Token { kind: TokenKind::Word, norm: at..end, span: spans.token_span(at, end), proclitic_len });
            at = end;
            continue;
        }
        let Some(c) = char_at(text, at) else { break };
        let start = at;
        let mut end = start + c.len_utf8();
        if c.is_whitespace() {
            at = end;
            continue;
        }
        // Arabic letters were all taken above, so what remains is never a word.
        let kind;
        if c.is_ascii_digit() && !starts_latin_run(&text[start..]) {
            kind = TokenKind::Number;
            while let Some(d) = char_at(text, end) {
                let separator_between_digits = matches!(d, '.' | ',' | '/' | '٫' | '٬')
                    && char_at(text, end + d.len_utf8()).is_some_and(|e| e.is_ascii_digit());
                if !(d.is_ascii_digit() || separator_between_digits) {
                    break;
                }
                end += d.len_utf8();
            }
        } else if is_alphanumeric(c) {
            let rest = &text[start..];
            let url = rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
            let email = if url { None } else { email_len(rest) };
            kind = if url || email.is_some() { TokenKind::Url } else { TokenKind::Latin };
            end = match email {
                Some(len) => start + len,
                None if url => run_end(text, end, |d| !d.is_whitespace()),
                None => run_end(text, end, |d| is_alphanumeric(d) && !is_arabic_letter(d) || d == '\''),
            };
        } else if c == '#' && char_at(text, end).is_some_and(is_alphanumeric) {
            kind = TokenKind::Hashtag;
            end = run_end(text, end, |d| is_alphanumeric(d) || d == '_');
        } else {
            kind = TokenKind::Punct;
        }
        at = end;
        tokens.push(Token { kind, norm: start..end, span: spans.token_span(start, end), proclitic_len: 0 });
    }
    tokens
}

use crate::clitics::proclitic_len_counted;
pub use crate::clitics::proclitic_len;

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

    #[test]
    fn alphanumeric_table_agrees_with_the_standard_library() {
        for code in 0..0x1000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn latin_runs_with_digits_and_emails() {
        let input = "الرمز aXA6IDMu== و3D وF16 راسلنا info@example.org الآن 12";
        let n = normalize(input);
        let got: Vec<_> = tokenize(&n).iter().map(|t| (t.kind, t.span.slice(input).to_string())).collect();
        assert!(got.contains(&(TokenKind::Latin, "aXA6IDMu".to_string())));
        assert!(got.contains(&(TokenKind::Latin, "3D".to_string())));
        assert!(got.contains(&(TokenKind::Latin, "F16".to_string())));
        assert!(got.contains(&(TokenKind::Url, "info@example.org".to_string())));
        assert!(got.contains(&(TokenKind::Number, "12".to_string())));
    }

    #[test]
    fn proclitics_have_their_own_span() {
        let input = "وبالمدينةِ قالَ";
        let n = normalize(input);
        let toks = tokenize(&n);
        assert_eq!(toks[0].proclitic_span(&n).slice(input), "وبال");
        assert_eq!(toks[0].base_span(&n).slice(input), "مدينةِ");
        assert_eq!(toks[1].proclitic_len, 0);
    }
}
