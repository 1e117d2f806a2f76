//! Calendar dates in a page's header, for the publication date.
//!
//! Only the header is searched and only full dates count (day, month and year): the forms pages
//! print next to a headline. Numeric forms (2021.09.13, 13/09/2021, 2021-09-13, spaced out by
//! crawlers as "13 / 09 / 2021") and month names (the Gregorian names of lex_months.tsv in all
//! regional series, and English ones), day first or month first. Full date expressions in article
//! prose are the extractor's business, not this module's.

use chrono::NaiveDate;
use isnad_text::normalize::{normalize, normalize_str};
use isnad_text::Span;
use std::sync::OnceLock;

const MONTHS_TSV: &str = include_str!("../../../../data/gazetteer/lex_months.tsv");

const ENGLISH_MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4),
    ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8),
    ("september", 9), ("sep", 9), ("sept", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11),
    ("december", 12), ("dec", 12),
];

/// A full date found in a text, with where it lies and the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub span: Span,
    pub date: NaiveDate,
    /// Folded words just before the date (nearest last), for cues such as "نشر" or "اليوم".
    pub before: Vec<String>,
    /// True when a clock time (11:42, 09 : 50) follows the date.
    pub followed_by_time: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Number(u32, usize),
    Month(u32),
    Word(String),
    Mark(char),
}

#[derive(Debug, Clone)]
struct Token {
    piece: Piece,
    /// Byte range in the normalised text.
    start: usize,
    end: usize,
}

/// Gregorian month names in matching form, longest first (كانون الأول before كانون).
fn month_names() -> &'static [(Vec<String>, u32)] {
    static NAMES: OnceLock<Vec<(Vec<String>, u32)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<(Vec<String>, u32)> = Vec::new();
        for row in MONTHS_TSV.lines().skip(1) {
            let fields: Vec<&str> = row.split('\t').collect();
            if fields.len() < 4 || fields[0] != "gregorian" {
                continue;
            }
            let Ok(month) = fields[1].parse::<u32>() else { continue };
            for name in std::iter::once(fields[2]).chain(fields[3].split('|')) {
                let words: Vec<String> = normalize_str(name).split_whitespace().map(str::to_string).collect();
                if !words.is_empty() {
                    names.push((words, month));
                }
            }
        }
        for (name, month) in ENGLISH_MONTHS {
            names.push((vec![name.to_string()], *month));
        }
        names.sort_by_key(|name| std::cmp::Reverse(name.0.len()));
        names
    })
}

fn tokenize(folded: &str) -> Vec<Token> {
    let mut raw: Vec<Token> = Vec::new();
    let mut chars = folded.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = at + c.len_utf8();
        if c.is_ascii_digit() {
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let digits = &folded[at..end];
            let value = digits.parse::<u32>().unwrap_or(u32::MAX);
            raw.push(Token { piece: Piece::Number(value, digits.len()), start: at, end });
        } else if c.is_alphabetic() {
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            raw.push(Token { piece: Piece::Word(folded[at..end].to_string()), start: at, end });
        } else {
            raw.push(Token { piece: Piece::Mark(c), start: at, end });
        }
    }
    // Month names, some of two words, become one token.
    let mut tokens = Vec::with_capacity(raw.len());
    let mut i = 0;
    'outer: while i < raw.len() {
        for (words, month) in month_names() {
            let matches = words.iter().enumerate().all(|(k, w)| {
                matches!(raw.get(i + k), Some(Token { piece: Piece::Word(x), .. }) if x == w)
            });
            if matches {
                let last = &raw[i + words.len() - 1];
                tokens.push(Token { piece: Piece::Month(*month), start: raw[i].start, end: last.end });
                i += words.len();
                continue 'outer;
            }
        }
        tokens.push(raw[i].clone());
        i += 1;
    }
    tokens
}

fn number(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    match tokens.get(i)?.piece {
        Piece::Number(v, len) => Some((v, len)),
        _ => None,
    }
}

fn is_mark(tokens: &[Token], i: usize, marks: &[char]) -> bool {
    matches!(tokens.get(i), Some(Token { piece: Piece::Mark(c), .. }) if marks.contains(c))
}

fn month(tokens: &[Token], i: usize) -> Option<u32> {
    match tokens.get(i)?.piece {
        Piece::Month(m) => Some(m),
        _ => None,
    }
}

fn year_ok(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

/// Skips an optional comma (Latin or Arabic) at `i`.
fn skip_comma(tokens: &[Token], i: usize) -> usize {
    if is_mark(tokens, i, &[',', '،']) {
        i + 1
    } else {
        i
    }
}

/// Tries every date form at token `i`; returns the date and the index after it.
fn date_at(tokens: &[Token], i: usize) -> Option<(NaiveDate, usize)> {
    const SEPARATORS: &[char] = &['/', '.', '-'];
    // Numeric: a b c with one separator kind.
    if let (Some((a, alen)), Some((b, _)), Some((c, clen))) = (number(tokens, i), number(tokens, i + 2), number(tokens, i + 4)) {
        if let Some(Token { piece: Piece::Mark(s1), .. }) = tokens.get(i + 1) {
            if SEPARATORS.contains(s1) && is_mark(tokens, i + 3, &[*s1]) {
                let ymd = if alen == 4 && year_ok(a) {
                    NaiveDate::from_ymd_opt(a as i32, b, c)
                } else if clen == 4 && year_ok(c) {
                    // Arabic pages write the day first; a first number over 12 cannot be a month.
                    NaiveDate::from_ymd_opt(c as i32, b, a).or_else(|| NaiveDate::from_ymd_opt(c as i32, a, b))
                } else {
                    None
                };
                if let Some(date) = ymd {
                    return Some((date, i + 5));
                }
            }
        }
    }
    // Day month [/ month] [,] year.
    if let (Some((day, dlen)), Some(m)) = (number(tokens, i), month(tokens, i + 1)) {
        let mut j = i + 2;
        if is_mark(tokens, j, &['/', '-']) && month(tokens, j + 1) == Some(m) {
            j += 2;
        }
        j = skip_comma(tokens, j);
        if let Some((year, 4)) = number(tokens, j) {
            if dlen <= 2 && year_ok(year) {
                if let Some(date) = NaiveDate::from_ymd_opt(year as i32, m, day) {
                    return Some((date, j + 1));
                }
            }
        }
    }
    // Month day [,] year.
    if let (Some(m), Some((day, dlen))) = (month(tokens, i), number(tokens, i + 1)) {
        let j = skip_comma(tokens, i + 2);
        if let Some((year, 4)) = number(tokens, j) {
            if dlen <= 2 && year_ok(year) {
                if let Some(date) = NaiveDate::from_ymd_opt(year as i32, m, day) {
                    return Some((date, j + 1));
                }
            }
        }
    }
    None
}

/// A clock time (h:mm) starting at token `i`, possibly inside brackets or after a dash.
fn time_at(tokens: &[Token], mut i: usize) -> bool {
    while is_mark(tokens, i, &['-', '–', '[', '(', '|', ',', '،', '@']) {
        i += 1;
    }
    if let Some(Token { piece: Piece::Word(w), .. }) = tokens.get(i) {
        // "الساعة 11:42", "at 11:42".
        if w == "الساعه" || w == "at" {
            i += 1;
        }
    }
    matches!((number(tokens, i), is_mark(tokens, i + 1, &[':']), number(tokens, i + 2)),
        (Some((h, _)), true, Some((m, 2))) if h < 24 && m < 60)
}

/// Every full date in `text`, in text order, with spans into `text`.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let normalized = normalize(text);
    let tokens = tokenize(normalized.text());
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, next)) = date_at(&tokens, i) {
            let span = normalized.source_span(tokens[i].start, tokens[next - 1].end);
            let before = tokens[i.saturating_sub(4)..i]
                .iter()
                .filter_map(|t| match &t.piece {
                    Piece::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect();
            found.push(FoundDate { span, date, before, followed_by_time: time_at(&tokens, next) });
            i = next;
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        find_dates(text).iter().map(|d| d.date.format("%Y-%m-%d").to_string()).collect()
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(dates("2019.03.07 - 10:15"), vec!["2019-03-07"]);
        assert_eq!(dates("نشر في 07/03/2019"), vec!["2019-03-07"]);
        assert_eq!(dates("2019-03-07"), vec!["2019-03-07"]);
        assert_eq!(dates("07 / 03 / 2019 [ 08 : 30 ]"), vec!["2019-03-07"]);
        assert_eq!(dates("٠٧/٠٣/٢٠١٩"), vec!["2019-03-07"]);
        assert!(dates("1 2 3 4 5").is_empty());
        assert!(dates("99/99/2019").is_empty());
    }

    #[test]
    fn month_names_day_first_and_month_first() {
        assert_eq!(dates("الخميس 7 مارس 2019"), vec!["2019-03-07"]);
        assert_eq!(dates("7 آذار / مارس 2019"), vec!["2019-03-07"]);
        assert_eq!(dates("السبت , مارس 9 , 2019"), vec!["2019-03-09"]);
        assert_eq!(dates("12 تشرين الأول 2020"), vec!["2020-10-12"]);
        assert_eq!(dates("March 9, 2019"), vec!["2019-03-09"]);
        assert!(dates("في مارس 2019").is_empty(), "no day: not a publication date");
    }

    #[test]
    fn spans_time_and_cues() {
        let text = "آخر تحديث: الأحد 3 مايو 2020 - 14:05";
        let found = find_dates(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.slice(text), "3 مايو 2020");
        assert!(found[0].followed_by_time);
        assert!(found[0].before.iter().any(|w| w == "تحديث"));
    }
}
