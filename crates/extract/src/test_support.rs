//! Fixtures shared by the stage tests.

use crate::{Entity, EntityType, TextSpan};

/// Entities `e1`, `e2`, ... with the given names and types; each one's mentions are every
/// occurrence of its name in `text`.
pub(crate) fn entities_named(text: &str, named: &[(&str, EntityType)]) -> Vec<Entity> {
    named
        .iter()
        .enumerate()
        .map(|(k, (name, t))| Entity {
            id: format!("e{}", k + 1),
            entity_type: *t,
            name: name.to_string(),
            mentions: text
                .match_indices(name)
                .map(|(at, m)| TextSpan { start: at, end: at + m.len(), text: m.to_string() })
                .collect(),
            gazetteer_id: None,
        })
        .collect()
}
