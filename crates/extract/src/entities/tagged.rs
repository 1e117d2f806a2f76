//! The name tagger's opinion, asked only where the rules are unsure.
//!
//! Rules find most names from lists and cues, but two kinds of candidate need a second opinion:
//! a listed name that is also an ordinary word (أبها "more beautiful", a small town named like an
//! adjective), kept until now only after a cue, and a person proposed by a role or title pattern
//! whose words may be the sentence going on (المتحدث بأنه ...). The statistical tagger
//! ([`crate::tagger`]) reads the words around a name the way it learnt from annotated news, so
//! its agreement confirms the first kind and its silence vetoes the second.
//!
//! Tagging costs about a microsecond per word, too much to spend on every article's every
//! sentence at thousands of articles per second; only the sentences holding a candidate in doubt
//! are tagged, together (so a name met in one of them helps in the others).

use super::context::Context;
use super::{Candidate, Evidence};
use crate::tagger::{EntityKind, Tagger};
use crate::EntityType;
use std::collections::BTreeMap;
use std::ops::Range;

/// The most words of one sentence given to the tagger: a longer "sentence" is a list or a table
/// the splitter could not cut, and only the words around the candidate matter.
const MAX_WORDS: usize = 20;

/// Names the tagger found in some sentences of an article, over article token indexes.
pub struct TaggedNames {
    names: Vec<(Range<usize>, EntityKind)>,
}

impl TaggedNames {
    /// Tags the sentences holding the token ranges `wanted` (each cut to [`MAX_WORDS`] around its
    /// range). Without a usable model, no names: the rules then decide alone.
    pub fn around(context: &Context, wanted: impl IntoIterator<Item = Range<usize>>) -> TaggedNames {
        let Ok(tagger) = Tagger::shipped() else {
            return TaggedNames { names: Vec::new() };
        };
        let analysis = context.analysis;
        // Token windows to tag, keyed by their first token so overlapping requests share one.
        let mut windows: BTreeMap<usize, usize> = BTreeMap::new();
        for range in wanted {
            let Some(first) = context.tokens.get(range.start) else {
                continue;
            };
            let sentence = analysis.sentence_of(first.span).map(|s| analysis.tokens_in(analysis.sentences[s]));
            let mut window = sentence.filter(|s| s.contains(&range.start)).unwrap_or(range.clone());
            if window.len() > MAX_WORDS {
                let start = range.start.saturating_sub(MAX_WORDS / 2).max(window.start);
                window = start..(start + MAX_WORDS).min(window.end);
            }
            let end = windows.entry(window.start).or_insert(window.end);
            *end = (*end).max(window.end);
        }
        let windows: Vec<Range<usize>> =
            windows.into_iter().map(|(start, end)| start..end.min(context.len())).collect();
        let sentences: Vec<Vec<&str>> = windows
            .iter()
            .map(|w| context.tokens[w.clone()].iter().map(|t| analysis.slice(t.span)).collect())
            .collect();
        let tagged = tagger.tag_sentences(&sentences, usize::MAX, false);
        let mut names = Vec::new();
        for (window, sentence) in windows.iter().zip(tagged) {
            for (start, end, kind, _) in Tagger::names(&sentence) {
                names.push((window.start + start..window.start + end, kind));
            }
        }
        TaggedNames { names }
    }

    /// Whether the tagger found a name of a kind that fits `entity_type` over some of `tokens`.
    pub fn agrees(&self, tokens: &Range<usize>, entity_type: EntityType) -> bool {
        self.names.iter().any(|(range, kind)| overlaps(range, tokens) && fits(*kind, entity_type))
    }

    /// Whether the tagger found any name over some of `tokens`.
    pub fn any_name(&self, tokens: &Range<usize>) -> bool {
        self.names.iter().any(|(range, _)| overlaps(range, tokens))
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// ANERcorp's kinds against the record's types: outlets are organisations there.
fn fits(kind: EntityKind, entity_type: EntityType) -> bool {
    matches!(
        (kind, entity_type),
        (EntityKind::Person, EntityType::PER)
            | (EntityKind::Location, EntityType::LOC)
            | (EntityKind::Organization, EntityType::ORG | EntityType::OUTLET)
    )
}

/// Listed names that are also ordinary words, confirmed where the tagger reads a name of their
/// kind: they then count as safe gazetteer matches.
pub fn confirm_ambiguous(context: &Context, candidates: &mut [Candidate]) {
    let doubtful = || candidates.iter().filter(|c| c.evidence == Evidence::Ambiguous).map(|c| c.tokens.clone());
    if doubtful().next().is_none() {
        return;
    }
    let tagged = TaggedNames::around(context, doubtful().collect::<Vec<_>>());
    for candidate in candidates.iter_mut().filter(|c| c.evidence == Evidence::Ambiguous) {
        if tagged.agrees(&candidate.tokens, candidate.entity_type) {
            candidate.evidence = Evidence::Gazetteer;
        }
    }
}

/// People proposed by a role or title pattern where the tagger reads no name at all over their
/// words: the pattern caught the sentence going on (المتحدث بأنه ...، المدير حالة ...).
/// Listed people and people the lists do not know but the tagger does are kept.
/// Only `candidates[from..]` (the people rules' own) are judged.
pub fn veto_people(context: &Context, candidates: &mut Vec<Candidate>, from: usize) {
    let unsure = |c: &&Candidate| {
        c.evidence == Evidence::NamePattern
            && c.entity_type == EntityType::PER
            && !c.tokens.clone().any(|i| context.any_form(i, |w| context.gazetteer.lexicons.is_given_name(w)))
    };
    let doubtful: Vec<Range<usize>> = candidates[from..].iter().filter(unsure).map(|c| c.tokens.clone()).collect();
    if doubtful.is_empty() {
        return;
    }
    let tagged = TaggedNames::around(context, doubtful);
    let mut index = 0;
    candidates.retain(|c| {
        index += 1;
        index <= from || !unsure(&c) || tagged.any_name(&c.tokens)
    });
}
