//! Attributions: reporting cues, their sources, contents and chains of outer sources.

use crate::{Analysis, Attribution, Entity};

/// Finds the attributions of an article.
pub fn find(analysis: &Analysis, entities: &[Entity]) -> Vec<Attribution> {
    let _ = (analysis, entities);
    Vec::new()
}
