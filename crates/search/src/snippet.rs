//! The sentence a hit shows, the bytes to highlight in it, and the chain of sources behind it.
//!
//! The index says which articles match; this module, run on the few hits shown, re-analyses the
//! article's text with the same analyser and picks the readable sentence that holds the most
//! distinct query terms (then the most matches, then the earliest). A filter on an event type or
//! an entity prefers a sentence that holds that event's trigger or that entity's mention, so the
//! hit shows why it passed. Highlights are the original bytes of the matching words.

use crate::analyzer::{analyse, TermForm};
use crate::document::filter_forms;
use isnad_extract::{Attribution, Record};
use isnad_text::sentences::sentences;
use isnad_text::Span;
use std::collections::HashSet;

/// What a query looks for, in the analysed forms the index holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryTerms {
    pub stems: HashSet<String>,
    pub exact: HashSet<String>,
}

/// The part of an article a hit shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The sentence, as byte offsets into the article's text.
    pub sentence: Span,
    /// The matching words inside it, as byte offsets into the article's text, in order.
    pub highlights: Vec<Span>,
    /// The attribution covering the sentence: innermost source first, then the outer ones
    /// ("according to X ← Y"); empty when the sentence is the outlet's own reporting.
    pub chain: Vec<String>,
    /// The covering attribution denies rather than asserts.
    pub denied: bool,
}

/// Filters that make a sentence a better witness for a hit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Preferences<'a> {
    pub event_type: Option<&'a str>,
    pub entity: Option<&'a str>,
}

/// Picks the sentence to show for one article.
pub fn snippet(record: &Record, text: &str, terms: &QueryTerms, preferences: Preferences<'_>) -> Option<Snippet> {
    let furniture: Vec<Span> = record.furniture.iter().map(|f| Span::new(f.start, f.end)).collect();
    let candidates: Vec<Span> = sentences(text)
        .into_iter()
        .filter(|s| !s.is_empty() && !furniture.iter().any(|f| f.contains(*s)))
        .collect();
    let matches = matching_words(text, terms);
    let witnesses = witness_spans(record, preferences);
    // Ranked by: shows a filter was met, distinct query terms, carries a chain of sources (a title
    // usually repeats a body sentence without one), matches; ties go to the earliest.
    let mut best: Option<(Span, (bool, usize, bool, usize))> = None;
    for sentence in candidates {
        let inside: Vec<&(Span, String)> = matches.iter().filter(|(span, _)| sentence.contains(*span)).collect();
        let distinct: HashSet<&str> = inside.iter().map(|(_, term)| term.as_str()).collect();
        let witnessed = witnesses.iter().any(|w| sentence.contains(*w));
        let attributed = covering_attribution(record, sentence).is_some();
        let key = (witnessed, distinct.len(), attributed, inside.len());
        if best.as_ref().is_none_or(|(_, best_key)| key > *best_key) {
            best = Some((sentence, key));
        }
    }
    let (sentence, (witnessed, distinct, ..)) = best?;
    let mut highlights: Vec<Span> = matches.iter().map(|(span, _)| *span).filter(|s| sentence.contains(*s)).collect();
    if distinct == 0 && witnessed {
        highlights.extend(witnesses.iter().copied().filter(|w| sentence.contains(*w)));
    }
    highlights.sort();
    highlights.dedup();
    let attribution = covering_attribution(record, sentence);
    Some(Snippet {
        sentence,
        highlights,
        chain: attribution.map(chain_of).unwrap_or_default(),
        denied: attribution.is_some_and(|a| a.negated),
    })
}

/// Every word of the text that matches a query term, with the term it matched (stem or exact).
fn matching_words(text: &str, terms: &QueryTerms) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    if !terms.stems.is_empty() {
        out.extend(analyse(text, TermForm::Stem).into_iter().filter(|t| terms.stems.contains(&t.text)).map(|t| (t.span, t.text)));
    }
    if !terms.exact.is_empty() {
        let exact = analyse(text, TermForm::Exact).into_iter().filter(|t| terms.exact.contains(&t.text));
        for term in exact {
            if !out.iter().any(|(span, _)| *span == term.span) {
                out.push((term.span, term.text));
            }
        }
    }
    out
}

/// The spans that show a filter was met: triggers of the event type, mentions of the entity.
fn witness_spans(record: &Record, preferences: Preferences<'_>) -> Vec<Span> {
    let mut out = Vec::new();
    if let Some(wanted) = preferences.event_type {
        let (wanted_type, wanted_mode) = match wanted.split_once('/') {
            Some((t, m)) => (t.to_uppercase(), Some(m.to_lowercase())),
            None => (wanted.to_uppercase(), None),
        };
        for event in &record.events {
            let mode_ok = wanted_mode.as_ref().is_none_or(|m| event.mode.as_deref().map(str::to_lowercase).as_ref() == Some(m));
            if event.event_type.to_uppercase() == wanted_type.trim() && mode_ok {
                out.push(Span::new(event.trigger.start, event.trigger.end));
            }
        }
    }
    if let Some(wanted) = preferences.entity {
        let wanted_forms: HashSet<String> = filter_forms(wanted).into_iter().chain([wanted.trim().to_lowercase()]).collect();
        for entity in &record.entities {
            let id_matches = entity.gazetteer_id.as_ref().is_some_and(|id| wanted_forms.contains(&id.to_lowercase()));
            let name_matches = id_matches
                || std::iter::once(entity.name.as_str())
                    .chain(entity.mentions.iter().map(|m| m.text.as_str()))
                    .any(|name| filter_forms(name).iter().any(|f| wanted_forms.contains(f)));
            if name_matches {
                out.extend(entity.mentions.iter().map(|m| Span::new(m.start, m.end)));
            }
        }
    }
    out
}

/// The attribution whose statement covers the sentence (its content overlaps it), else one whose
/// cue is in it.
fn covering_attribution(record: &Record, sentence: Span) -> Option<&Attribution> {
    let by_content = record.attributions.iter().find(|a| {
        a.content.is_some_and(|c| Span::new(c.start, c.end).overlaps(sentence)) && a.source.is_some()
    });
    by_content.or_else(|| {
        record.attributions.iter().find(|a| a.source.is_some() && sentence.contains(Span::new(a.cue.start, a.cue.end)))
    })
}

/// The source, then the outer sources nearest first.
fn chain_of(attribution: &Attribution) -> Vec<String> {
    attribution.source.iter().chain(attribution.via.iter()).map(|r| r.text.clone()).filter(|t| !t.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_extract::{ByteSpan, EntityRef, TextSpan};

    fn terms(stems: &[&str]) -> QueryTerms {
        QueryTerms { stems: stems.iter().map(|s| s.to_string()).collect(), exact: HashSet::new() }
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn the_sentence_with_most_distinct_terms_wins_and_highlights_are_exact_bytes() {
        let text = "وصل الوفد إلى العاصمة. واستؤنفت المفاوضات بين الطرفين في زهرانة. وانتهت المفاوضات مساءً.";
        let record = Record::empty("a", text.len());
        let found = snippet(&record, text, &terms(&["مفاوض", "زهران"]), Preferences::default()).unwrap();
        assert_eq!(found.sentence.slice(text), "واستؤنفت المفاوضات بين الطرفين في زهرانة.");
        let words: Vec<&str> = found.highlights.iter().map(|s| s.slice(text)).collect();
        assert_eq!(words, vec!["المفاوضات", "زهرانة"]);
    }

    #[test]
    fn the_chain_of_the_covering_attribution_is_shown() {
        let text = "ونقلت صحيفة الأفق عن الوزير سالم قوله إن المفاوضات فشلت.";
        let mut record = Record::empty("a", text.len());
        let content = span_of(text, "المفاوضات فشلت");
        let cue = span_of(text, "قوله");
        let source = span_of(text, "الوزير سالم");
        let outlet = span_of(text, "صحيفة الأفق");
        record.attributions = vec![Attribution {
            cue: TextSpan { start: cue.start, end: cue.end, text: "قوله".into() },
            source: Some(EntityRef { start: source.start, end: source.end, text: "الوزير سالم".into(), entity: None }),
            content: Some(ByteSpan { start: content.start, end: content.end }),
            via: vec![EntityRef { start: outlet.start, end: outlet.end, text: "صحيفة الأفق".into(), entity: None }],
            cue_kind: "noun".into(),
            negated: false,
        }];
        let found = snippet(&record, text, &terms(&["مفاوض"]), Preferences::default()).unwrap();
        assert_eq!(found.chain, vec!["الوزير سالم", "صحيفة الأفق"]);
        assert!(!found.denied);
    }

    #[test]
    fn furniture_sentences_are_never_shown() {
        let text = "شارك المفاوضات على فيسبوك\nبدأت المفاوضات أمس.";
        let mut record = Record::empty("a", text.len());
        let widget = span_of(text, "شارك المفاوضات على فيسبوك");
        record.furniture = vec![isnad_extract::FurnitureSpan { start: widget.start, end: widget.end, reason: "share widget".into() }];
        let found = snippet(&record, text, &terms(&["مفاوض"]), Preferences::default()).unwrap();
        assert_eq!(found.sentence.slice(text), "بدأت المفاوضات أمس.");
    }

    #[test]
    fn no_readable_sentence_gives_no_snippet() {
        let record = Record::empty("a", 0);
        assert_eq!(snippet(&record, "", &terms(&["مفاوض"]), Preferences::default()), None);
    }
}
