//! Events: PLOVER-typed trigger mentions with actor, target, place, date and figures.

use crate::{Analysis, Attribution, DateOut, Entity, Event, QuantityOut};

/// Finds the events of an article.
pub fn find(
    analysis: &Analysis,
    entities: &[Entity],
    attributions: &[Attribution],
    quantities: &[QuantityOut],
    dates: &[DateOut],
) -> Vec<Event> {
    let _ = (analysis, entities, attributions, quantities, dates);
    Vec::new()
}
