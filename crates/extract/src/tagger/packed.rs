//! The tagging-time form of a model: one cache line per feature.
//!
//! Scoring a token looks up some fifty features among a hundred thousand; with a general hash map
//! each lookup costs a hash, a probe and then a second memory access for the weights. Here the
//! feature hashes are the slot numbers (they are already uniformly mixed), and each slot holds the
//! feature's key next to its nine weights as 16-bit integers (the stored precision), so a lookup
//! is usually a single memory access and the sums are integer additions.

use super::model::{Emissions, Model};
use super::tags::TAG_COUNT;

/// One feature: its hash and its weight per tag, in units of the model's scale.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    weights: [i16; TAG_COUNT],
}

/// Marks an empty slot. A feature whose hash is 0 (odds 2⁻⁶⁴) is simply not stored.
const EMPTY: u64 = 0;

/// Open-addressing table of quantised feature weights plus the transition scores.
#[derive(Debug, Clone)]
pub struct PackedModel {
    slots: Vec<Slot>,
    mask: usize,
    scale: f32,
    pub(crate) transitions: Vec<f32>,
}

impl PackedModel {
    /// Packs `model`, quantising its weights as [`Model::to_bytes`] does (so a model read back from
    /// storage packs to exactly the same table).
    pub fn new(model: &Model) -> PackedModel {
        let scale = model.quantisation_scale();
        // At most half full, so probe runs stay short.
        let capacity = (model.index.len() * 2).next_power_of_two().max(16);
        let mut packed = PackedModel {
            slots: vec![Slot { key: EMPTY, weights: [0; TAG_COUNT] }; capacity],
            mask: capacity - 1,
            scale,
            transitions: model.transitions.clone(),
        };
        for (&feature, &row) in &model.index {
            let row = row as usize * TAG_COUNT;
            let mut weights = [0i16; TAG_COUNT];
            for (slot, weight) in weights.iter_mut().zip(&model.weights[row..row + TAG_COUNT]) {
                *slot = (weight / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            if feature != EMPTY && weights.iter().any(|&w| w != 0) {
                packed.insert(feature, weights);
            }
        }
        packed
    }

    fn insert(&mut self, key: u64, weights: [i16; TAG_COUNT]) {
        let mut at = key as usize & self.mask;
        while self.slots[at].key != EMPTY && self.slots[at].key != key {
            at = (at + 1) & self.mask;
        }
        self.slots[at] = Slot { key, weights };
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&Slot> {
        let mut at = key as usize & self.mask;
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(slot);
            }
            if slot.key == EMPTY {
                return None;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Per-token tag scores from the token features (unknown features contribute nothing).
    pub fn emissions<F: AsRef<[u64]>>(&self, features: &[F]) -> Emissions {
        features
            .iter()
            .map(|token| {
                let mut sums = [0i32; TAG_COUNT];
                for &feature in token.as_ref() {
                    if let Some(slot) = self.find(feature) {
                        for (sum, &weight) in sums.iter_mut().zip(&slot.weights) {
                            *sum += i32::from(weight);
                        }
                    }
                }
                sums.map(|sum| sum as f32 * self.scale)
            })
            .collect()
    }

    /// The best well-formed tag path (dense tag indexes).
    pub fn decode(&self, emissions: &Emissions) -> Vec<usize> {
        super::model::decode(&self.transitions, emissions)
    }

    /// Per-token tag confidences (see [`Model::marginals`]).
    pub fn marginals(&self, emissions: &Emissions) -> Vec<[f32; TAG_COUNT]> {
        super::model::marginals(&self.transitions, emissions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_scores_match_the_model_within_quantisation() {
        let mut model = Model::empty();
        // Enough features to force collisions in the low bits and probe runs.
        for feature in 1..=500u64 {
            let row = model.row(feature << 40, true).unwrap();
            model.weights[row * TAG_COUNT + (feature as usize % TAG_COUNT)] = feature as f32 / 100.0;
            model.weights[row * TAG_COUNT] = -(feature as f32) / 300.0;
        }
        let packed = PackedModel::new(&model);
        let tokens: Vec<Vec<u64>> = vec![vec![1 << 40, 7 << 40, 12345], vec![], vec![499 << 40, 500 << 40]];
        let exact = model.emissions(&tokens);
        let approx = packed.emissions(&tokens);
        let step = 5.0 / 32767.0;
        for (a, b) in exact.iter().flatten().zip(approx.iter().flatten()) {
            assert!((a - b).abs() <= 2.0 * step, "{a} {b}");
        }
        assert_eq!(approx[1], [0.0; TAG_COUNT]);
        assert_eq!(model.decode(&exact), packed.decode(&approx));
    }
}
