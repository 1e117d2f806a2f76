//! The exact reference: every pair compared on its full shingle sets.
//!
//! Quadratic, so only for tests and for checking the index on small sets: the MinHash index must
//! find the same groups wherever the exact similarities are not close to a threshold.

use super::config::NearDupConfig;
use super::shingles::{exact_containment, exact_jaccard, shingle_set};

/// Groups of copies among `texts` (as sets of positions, two or more each, sorted), comparing all
/// pairs by exact Jaccard and containment under the same decision rule as the index.
pub fn exact_groups(texts: &[&str], config: &NearDupConfig) -> Vec<Vec<usize>> {
    let sets: Vec<Vec<u64>> = texts.iter().map(|text| shingle_set(text, config.shingle_words)).collect();
    let mut group_of: Vec<usize> = (0..texts.len()).collect();
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let size = |set: &Vec<u64>| u32::try_from(set.len()).unwrap_or(u32::MAX);
            let copy = config.is_copy(
                exact_jaccard(&sets[i], &sets[j]),
                exact_containment(&sets[i], &sets[j]),
                size(&sets[i]),
                size(&sets[j]),
            );
            if copy {
                let (from, to) = (group_of[j], group_of[i]);
                if from != to {
                    for group in &mut group_of {
                        if *group == from {
                            *group = to;
                        }
                    }
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (position, group) in group_of.into_iter().enumerate() {
        groups.entry(group).or_default().push(position);
    }
    groups.into_values().filter(|members| members.len() > 1).collect()
}
