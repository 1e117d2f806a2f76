//! Search over the stored articles, with the Arabic analyser of `isnad-text`.
//!
//! This is the fallback until the `isnad-search` crate (tantivy, branch `search`) is wired in: an
//! in-memory inverted index from each word's matching form (diacritics dropped, alef/ya/teh marbuta
//! folded, proclitics split off) to where it occurs. A query word matches a stored word that has the
//! same form, the same Light10 stem, or (for words of five letters or more) differs by one letter:
//! Arabic names are often spelt with or without a long vowel (خراسان / خرسان), and a reader searching
//! for one spelling wants both. Every query word must match; more and closer matches rank higher.
//!
//! TODO(lead): when `isnad_search` lands on main, answer `/api/search` from it and keep this index
//! only for stores that have no `<store>/search/` directory.

use isnad_corpus::{Article, CorpusView};
use isnad_text::tokens::{tokenize, TokenKind};
use std::collections::HashMap;

/// Where a word occurs: an article and the word's bytes in its text.
#[derive(Debug, Clone, Copy)]
struct Posting {
    article: u32,
    start: u32,
    end: u32,
}

/// The inverted index of one snapshot.
#[derive(Debug, Default)]
pub struct SearchIndex {
    term_ids: HashMap<String, u32>,
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
    terms_by_stem: HashMap<String, Vec<u32>>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub article: usize,
    pub score: f64,
    /// Byte spans of the matched words in the article's text, in text order.
    pub matches: Vec<(usize, usize)>,
}

/// How closely a stored word matches a query word.
const EXACT: f64 = 1.0;
const SAME_STEM: f64 = 0.8;
const ONE_EDIT: f64 = 0.5;
/// Query words this short match only exactly or by stem: one edit apart, short words are other words.
const MIN_LETTERS_FOR_EDITS: usize = 5;
/// Matches kept per article (for highlighting); the score counts them all.
const MAX_MATCHES_PER_HIT: usize = 64;

impl SearchIndex {
    /// Indexes the readable words of every article (title and body; furniture is left out, as it is
    /// for extraction).
    pub fn build(articles: &[Article], _view: &CorpusView) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (article_index, article) in articles.iter().enumerate() {
            let normalized = isnad_text::normalize(article.text);
            let furniture: Vec<(usize, usize)> = article.record.furniture.iter().map(|f| (f.start, f.end)).collect();
            for token in tokenize(&normalized) {
                if !matches!(token.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number) {
                    continue;
                }
                if furniture.iter().any(|&(s, e)| token.span.start >= s && token.span.end <= e) {
                    continue;
                }
                let (Ok(start), Ok(end), Ok(article)) =
                    (u32::try_from(token.span.start), u32::try_from(token.span.end), u32::try_from(article_index))
                else {
                    continue;
                };
                let term = index.term_id(token.base(&normalized));
                index.postings[term as usize].push(Posting { article, start, end });
            }
        }
        index
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.term_ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        self.postings.push(Vec::new());
        let stem = isnad_text::stem::light_stem_normalized(term).to_string();
        self.terms_by_stem.entry(stem).or_default().push(id);
        id
    }

    /// Distinct words indexed.
    pub fn vocabulary(&self) -> usize {
        self.terms.len()
    }

    /// The stored words a query word matches, with how closely.
    fn expand(&self, word: &str) -> Vec<(u32, f64)> {
        let mut out: HashMap<u32, f64> = HashMap::new();
        if let Some(&id) = self.term_ids.get(word) {
            out.insert(id, EXACT);
        }
        let stem = isnad_text::stem::light_stem_normalized(word);
        for &id in self.terms_by_stem.get(stem).into_iter().flatten() {
            out.entry(id).or_insert(SAME_STEM);
        }
        let letters = word.chars().count();
        if letters >= MIN_LETTERS_FOR_EDITS {
            for (id, term) in self.terms.iter().enumerate() {
                if within_one_edit(word, term) {
                    out.entry(id as u32).or_insert(ONE_EDIT);
                }
            }
        }
        out.into_iter().collect()
    }

    /// Articles that match every word of `query`, best first; `allowed` filters articles by index.
    pub fn search(&self, query: &str, allowed: impl Fn(usize) -> bool) -> Vec<Hit> {
        let normalized = isnad_text::normalize(query);
        let words: Vec<String> = tokenize(&normalized)
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number))
            .map(|t| t.base(&normalized).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        // Per article: the score so far, how many query words matched, and the matched spans.
        type Tally = (f64, usize, Vec<(usize, usize)>);
        let mut per_article: HashMap<u32, Tally> = HashMap::new();
        for (word_index, word) in words.iter().enumerate() {
            let mut best: HashMap<u32, (f64, usize)> = HashMap::new();
            let mut spans: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
            for (term, weight) in self.expand(word) {
                for posting in &self.postings[term as usize] {
                    let entry = best.entry(posting.article).or_insert((0.0, 0));
                    entry.0 = entry.0.max(weight);
                    entry.1 += 1;
                    spans.entry(posting.article).or_default().push((posting.start as usize, posting.end as usize));
                }
            }
            for (article, (weight, count)) in best {
                let entry = per_article.entry(article).or_insert((0.0, 0, Vec::new()));
                if entry.1 != word_index {
                    continue; // an earlier query word did not match this article
                }
                entry.0 += weight * (1.0 + (count as f64).ln());
                entry.1 += 1;
                entry.2.extend(spans.remove(&article).unwrap_or_default());
            }
        }
        let mut hits: Vec<Hit> = per_article
            .into_iter()
            .filter(|(article, (_, matched, _))| *matched == words.len() && allowed(*article as usize))
            .map(|(article, (score, _, mut matches))| {
                matches.sort_unstable();
                matches.dedup();
                matches.truncate(MAX_MATCHES_PER_HIT);
                Hit { article: article as usize, score, matches }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        hits
    }
}

/// Whether two words are at most one letter apart (one insertion, deletion or substitution).
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true; // equal, or one letter added at the end
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// A window of an article's text around its first match, cut into plain and matched parts, so a
/// client shows it without computing offsets.
pub fn snippet(text: &str, matches: &[(usize, usize)], context_bytes: usize) -> Vec<(String, bool)> {
    let Some(&(first, first_end)) = matches.first() else { return Vec::new() };
    let mut start = first.saturating_sub(context_bytes);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (first_end + context_bytes).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut parts = Vec::new();
    let mut cursor = start;
    for &(s, e) in matches.iter().filter(|(s, e)| *s >= start && *e <= end) {
        if s < cursor {
            continue;
        }
        if s > cursor {
            parts.push((text[cursor..s].to_string(), false));
        }
        parts.push((text[s..e].to_string(), true));
        cursor = e;
    }
    if cursor < end {
        parts.push((text[cursor..end].to_string(), false));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_extract::Record;

    fn index_of(texts: &[&str]) -> SearchIndex {
        let records: Vec<Record> = texts.iter().enumerate().map(|(i, t)| Record::empty(&format!("d{i}"), t.len())).collect();
        let articles: Vec<Article> = records.iter().zip(texts).map(|(record, text)| Article { record, text }).collect();
        let view = isnad_corpus::build(&articles);
        SearchIndex::build(&articles, &view)
    }

    fn check(texts: &[&str], query: &str, expected_articles: &[usize]) {
        let index = index_of(texts);
        let found: Vec<usize> = index.search(query, |_| true).iter().map(|h| h.article).collect();
        assert_eq!(found, expected_articles, "query {query:?}");
    }

    #[test]
    fn a_spelling_without_the_long_vowel_finds_the_one_with_it() {
        check(&["وصل الوفد إلى مدينة زهرابان أمس", "لا شيء هنا عن المدن"], "زهربان", &[0]);
    }

    #[test]
    fn proclitics_diacritics_and_plurals_do_not_hide_a_word() {
        check(&["استُؤنفت والمفاوضاتُ في العاصمة", "قال الرئيس كلمة"], "مفاوضات", &[0]);
        check(&["استُؤنفت والمفاوضاتُ في العاصمة", "قال الرئيس كلمة"], "استؤنفت", &[0]);
    }

    #[test]
    fn every_query_word_must_match_and_exact_forms_rank_first() {
        check(&["هاجم المسلحون القرية", "هاجم المسلحون المدينة", "المدينة هادئة"], "المسلحون المدينة", &[1]);
        check(&["زار الوزير مدينة قرطان", "زار الوزير مدينة قرطين"], "قرطين", &[1, 0]);
    }

    #[test]
    fn short_words_need_an_exact_or_stem_match() {
        check(&["كتب الولد", "كتاب جديد"], "كتب", &[0]);
    }

    #[test]
    fn matches_are_the_exact_bytes_of_the_words() {
        let text = "😀 قال المتحدث إن المفاوضاتِ ستستأنف";
        let index = index_of(&[text]);
        let hits = index.search("مفاوضات", |_| true);
        let (s, e) = hits[0].matches[0];
        assert_eq!(&text[s..e], "المفاوضاتِ");
        let parts = snippet(text, &hits[0].matches, 8);
        assert!(parts.iter().any(|(t, hit)| *hit && t == "المفاوضاتِ"), "{parts:?}");
        assert!(parts.iter().all(|(t, _)| !t.is_empty()));
    }

    #[test]
    fn filters_and_empty_queries() {
        let index = index_of(&["حادث في القرية", "حادث آخر"]);
        assert_eq!(index.search("حادث", |a| a == 1).len(), 1);
        assert!(index.search("  ؟ ", |_| true).is_empty());
        assert!(index.search("", |_| true).is_empty());
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("خراسان", "خرسان"));
        assert!(within_one_edit("abcd", "abxd"));
        assert!(within_one_edit("abcd", "abcde"));
        assert!(!within_one_edit("abcd", "abdc"));
        assert!(!within_one_edit("abcdef", "abcd"));
    }
}
