//! Entities: people, organisations, places, outlets, with their mentions.

use crate::{Analysis, Entity, EntityRef, EntityType, TextSpan};
use isnad_text::Span;

/// Finds the entities of an article.
pub fn recognize(analysis: &Analysis) -> Vec<Entity> {
    let _ = analysis;
    Vec::new()
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
