//! Gazetteer names in the article: places, organisations, outlets, notable people, and demonyms
//! that name a country.
//!
//! A name counts only where a word starts (after its proclitics) and where a word ends: the
//! automaton is searched anchored at each reading of each word, and a match that ends inside a
//! word is cut back to the last word end it covers and searched again.

use super::context::{Context, Form};
use super::{Candidate, EntityKey, Evidence};
use crate::gazetteer::lexicons::CueKind;
use crate::gazetteer::Sense;
use crate::EntityType;

/// How far past a word's start a name may reach, in normalised bytes (about twelve words).
const MAX_NAME_BYTES: usize = 240;

/// Every gazetteer name in the article, left to right, not overlapping one another.
pub fn find(context: &Context) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < context.len() {
        match longest_at_token(context, i) {
            Some(found) => {
                // A name headed by a cue word (قوات الناتو) also holds the shorter name (الناتو).
                let inner = (found.tokens.len() > 1).then(|| longest_at_token(context, i + 1)).flatten();
                let next = found.tokens.end;
                if let Some(inner) = inner.filter(|c| c.key == found.key && c.end == found.end) {
                    out.push(inner);
                }
                out.push(found);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The first safe (not ambiguous) candidate starting at each token, for rules that ask "is a known
/// name here?" at every token: a scan of all candidates per question made them quadratic.
pub struct SafeStarts<'k> {
    known: &'k [Candidate],
    /// Index into `known` per token; `usize::MAX` where none starts.
    first: Vec<usize>,
}

impl<'k> SafeStarts<'k> {
    /// Indexes `known`, candidates over an article of `token_count` tokens.
    pub fn new(known: &'k [Candidate], token_count: usize) -> SafeStarts<'k> {
        let mut first = vec![usize::MAX; token_count];
        for (k, c) in known.iter().enumerate() {
            if c.evidence != Evidence::Ambiguous {
                if let Some(slot) = first.get_mut(c.tokens.start).filter(|slot| **slot == usize::MAX) {
                    *slot = k;
                }
            }
        }
        SafeStarts { known, first }
    }

    /// The first safe candidate (in the order they were found) that starts at token `i`.
    pub fn at(&self, i: usize) -> Option<&'k Candidate> {
        self.first.get(i).and_then(|&k| self.known.get(k))
    }
}

/// The longest gazetteer name starting at token `i` under any of its readings.
pub fn longest_at_token(context: &Context, i: usize) -> Option<Candidate> {
    if context.is_punct(i) {
        return None;
    }
    let token_start = context.tokens[i].norm.start;
    let mut best: Option<(usize, usize, Sense)> = None; // (mention start, end, sense)
    for form in context.forms(i) {
        let Some((start, end, sense)) = match_form(context, token_start, form) else { continue };
        if best.map_or(true, |(_, e, _)| end > e) {
            best = Some((start, end, sense));
        }
    }
    let (start, end, sense) = best?;
    let last = context.token_ending_at(end)?;
    let entry = context.gazetteer.entry(sense);
    let evidence = if !sense.ambiguous || supported_by_cue(context, i, entry.entity_type) {
        Evidence::Gazetteer
    } else {
        Evidence::Ambiguous
    };
    Some(Candidate {
        tokens: i..last + 1,
        start,
        end,
        entity_type: entry.entity_type,
        key: EntityKey::Known(entry.id.clone()),
        name: Some(entry.name.clone()),
        evidence,
    })
}

/// The longest valid match of one reading of a word: (mention start, end, best sense).
fn match_form(context: &Context, token_start: usize, form: Form) -> Option<(usize, usize, Sense)> {
    let text = context.norm_text();
    let start = token_start + form.prefix_len;
    if !form.restored_article {
        let (end, sense) = longest_ending_at_word_end(context, text, start, 0, start)?;
        return Some((start, end, sense));
    }
    // لل + rest read as ال + rest: search a copy that restores the alef; offsets shift by one byte,
    // and the mention keeps the لل it was written with.
    let lam_lam_second = start + 'ل'.len_utf8();
    let mut window_end = (lam_lam_second + MAX_NAME_BYTES).min(text.len());
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let restored = format!("ا{}", &text[lam_lam_second..window_end]);
    // Byte k of `restored` past the alef is byte lam_lam_second + k - len(alef) of the text.
    let shift = lam_lam_second - 'ا'.len_utf8();
    let (end, sense) = longest_ending_at_word_end(context, &restored, 0, shift, start)?;
    Some((start, end + shift, sense))
}

/// The longest alias at `start` of `haystack` that ends where a word of the article ends.
/// `shift` maps haystack offsets to article offsets; `floor` is the article offset a match must pass.
fn longest_ending_at_word_end(
    context: &Context,
    haystack: &str,
    start: usize,
    shift: usize,
    floor: usize,
) -> Option<(usize, Sense)> {
    let mut limit = (start + MAX_NAME_BYTES).min(haystack.len());
    while !haystack.is_char_boundary(limit) {
        limit -= 1;
    }
    for _ in 0..8 {
        let (end, info) = context.gazetteer.longest_at(haystack, start, limit)?;
        let article_end = end + shift;
        if context.token_ending_at(article_end).is_some() {
            if !spelling_fits(context, floor, article_end, info) {
                return None;
            }
            return info.senses.first().map(|&s| (end, s));
        }
        // Cut back to the last word end before this match's end, and look for a shorter alias.
        let i = context.tokens.partition_point(|t| t.norm.end < article_end);
        let previous_end = i.checked_sub(1).map(|j| context.tokens[j].norm.end)?;
        if previous_end <= floor {
            return None;
        }
        limit = previous_end - shift;
    }
    None
}

/// The written word agrees with the alias where normalisation cannot tell: a one-word match written
/// with a hamza needs an alias spelled with one, and a Latin-script match needs a capital letter
/// (page addresses and running English are lower case).
fn spelling_fits(context: &Context, start: usize, end: usize, info: &crate::gazetteer::AliasInfo) -> bool {
    let written = context.analysis.slice(context.span(start, end));
    if written.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return written.chars().any(|c| c.is_ascii_uppercase());
    }
    let one_word = !written.trim().contains(char::is_whitespace);
    !(one_word && !info.spelled_with_hamza && written.chars().any(|c| matches!(c, 'أ' | 'إ' | 'ؤ' | 'ئ')))
}

/// An ambiguous alias counts when a cue of its kind stands right before it (ولاية X، حركة X), or,
/// for a place, the preposition في.
fn supported_by_cue(context: &Context, i: usize, entity_type: EntityType) -> bool {
    let Some(previous) = i.checked_sub(1) else { return false };
    if !context.adjacent(previous, i) {
        return false;
    }
    let lexicons = &context.gazetteer.lexicons;
    context.any_form(previous, |w| {
        let fits = match lexicons.cue(w) {
            Some(CueKind::Loc) => entity_type == EntityType::LOC,
            Some(CueKind::Org) => entity_type == EntityType::ORG,
            Some(CueKind::Outlet) => entity_type == EntityType::OUTLET,
            Some(CueKind::OrgOrOutlet) => matches!(entity_type, EntityType::ORG | EntityType::OUTLET),
            Some(CueKind::LocOrOrg) => matches!(entity_type, EntityType::LOC | EntityType::ORG),
            None => false,
        };
        fits || (entity_type == EntityType::LOC && w == "في")
    })
}
