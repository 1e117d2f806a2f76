//! Entities: people, organisations, places, outlets, with their mentions.
//!
//! Several rules propose [`Candidate`] mentions over the article's tokens:
//! - [`known`]: names from the gazetteer, demonyms naming a country;
//! - [`cued`]: names introduced by a cue word (صحيفة X، وزارة X، حي X ...);
//! - [`people`]: person names from titles, roles, given names, kunyas and appositions.
//!
//! [`resolve`] then keeps the best of overlapping candidates, groups the rest into one entity per
//! real-world referent (a gazetteer id, or a normalised name key) and adds later short mentions
//! (a surname alone, a bare place name after its cued first mention).

pub mod context;
pub mod cued;
pub mod known;
pub mod names;
pub mod people;
pub mod resolve;
pub mod tagged;

use crate::gazetteer::Gazetteer;
use crate::{Analysis, Entity, EntityRef, EntityType, TextSpan};
use context::Context;
use isnad_text::Span;

/// What makes two mentions the same entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// A gazetteer id.
    Known(String),
    /// A normalised name (or a structured key such as `ministry:الداخليه:iso:SA`).
    Name(String),
}

/// How a candidate was found; earlier variants win overlaps of equal length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A cue word plus a name (صحيفة X، وزارة الداخلية السعودية).
    Cue,
    /// A listed alias.
    Gazetteer,
    /// A person-name pattern.
    NamePattern,
    /// An ambiguous alias, kept only with support elsewhere in the article.
    Ambiguous,
}

/// One proposed mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Tokens covered, first and one past the last.
    pub tokens: std::ops::Range<usize>,
    /// Normalised byte range of the mention (proclitics left out).
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
    pub key: EntityKey,
    /// The canonical name, when the rule knows one better than the mention's text.
    pub name: Option<String>,
    pub evidence: Evidence,
}

/// Tries `rule` at every token from the start; a candidate found is kept and the scan goes on
/// after it, so candidates never overlap and the first rule to claim a token wins.
pub(crate) fn scan_tokens(len: usize, mut rule: impl FnMut(usize) -> Option<Candidate>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < len {
        match rule(i) {
            Some(c) => {
                i = c.tokens.end.max(i + 1);
                out.push(c);
            }
            None => i += 1,
        }
    }
    out
}

/// Finds the entities of an article.
pub fn recognize(analysis: &Analysis, gazetteer: &Gazetteer) -> Vec<Entity> {
    let context = Context::new(analysis, gazetteer);
    let mut candidates = known::find(&context);
    tagged::confirm_ambiguous(&context, &mut candidates);
    candidates.extend(cued::find(&context, &candidates));
    let people = people::find(&context, &candidates);
    let first_person = candidates.len();
    candidates.extend(people);
    tagged::veto_people(&context, &mut candidates, first_person);
    resolve::entities(&context, candidates)
}

/// The entity mention inside `span`, preferring people, then outlets, organisations and places,
/// then the earliest and longest mention. Used to resolve a role's words to an entity.
pub fn mention_within(entities: &[Entity], span: Span) -> Option<(&Entity, &TextSpan)> {
    let rank = |t: EntityType| match t {
        EntityType::PER => 0,
        EntityType::OUTLET => 1,
        EntityType::ORG => 2,
        EntityType::LOC => 3,
        EntityType::MISC => 4,
    };
    entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(|(_, m)| span.contains(Span::new(m.start, m.end)))
        .min_by_key(|(e, m)| (rank(e.entity_type), m.start, usize::MAX - (m.end - m.start)))
}

/// A reference to the words of `span`, resolved to the entity named inside it where there is one.
pub fn reference(analysis: &Analysis, entities: &[Entity], span: Span) -> EntityRef {
    EntityRef {
        start: span.start,
        end: span.end,
        text: analysis.slice(span).to_string(),
        entity: mention_within(entities, span).map(|(e, _)| e.id.clone()),
    }
}

#[cfg(test)]
mod tests;
