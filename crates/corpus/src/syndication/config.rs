//! When two texts count as copies, and how the index looks for candidates.

use super::minhash::PERMUTATIONS;
use super::shingles::DEFAULT_SHINGLE_WORDS;

/// Two texts sharing at least this share of shingles (Jaccard) are copies.
pub const DEFAULT_JACCARD: f64 = 0.8;

/// A text whose shingles lie at least this much inside a somewhat longer one is a copy of it (a cut
/// or lightly trimmed reprint), even when their Jaccard is below [`DEFAULT_JACCARD`].
pub const DEFAULT_CONTAINMENT: f64 = 0.9;

/// The containment rule only applies when the shorter text has at least this share of the longer
/// one's shingles: a short brief quoted inside a long round-up is not a copy of the round-up, and
/// chaining such pairs would glue unrelated briefs into one group.
pub const DEFAULT_MIN_SIZE_RATIO: f64 = 0.5;

/// Hash values per LSH band. With 32 bands of 4 a pair at Jaccard 0.8 shares a band with
/// probability 1 − (1 − 0.8⁴)³² > 0.999 999, and a pair at 0.5 (a 90% containment at size ratio
/// 0.55) with 0.87; unrelated articles (Jaccard < 0.1) almost never do.
pub const DEFAULT_ROWS_PER_BAND: usize = 4;

/// Settings of the near-duplicate search. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDupConfig {
    /// Minimum (estimated) Jaccard similarity of two copies.
    pub jaccard: f64,
    /// Minimum (estimated) containment of the shorter text in the longer; `None` turns the rule off.
    pub containment: Option<f64>,
    /// See [`DEFAULT_MIN_SIZE_RATIO`].
    pub min_size_ratio: f64,
    /// Words per shingle. Signatures made with different values do not compare.
    pub shingle_words: usize,
    /// Hash values per LSH band (1 to [`PERMUTATIONS`]); fewer rows find more candidates.
    pub rows_per_band: usize,
}

impl Default for NearDupConfig {
    fn default() -> Self {
        NearDupConfig {
            jaccard: DEFAULT_JACCARD,
            containment: Some(DEFAULT_CONTAINMENT),
            min_size_ratio: DEFAULT_MIN_SIZE_RATIO,
            shingle_words: DEFAULT_SHINGLE_WORDS,
            rows_per_band: DEFAULT_ROWS_PER_BAND,
        }
    }
}

impl NearDupConfig {
    /// The defaults with another Jaccard threshold.
    pub fn with_jaccard(jaccard: f64) -> Self {
        NearDupConfig { jaccard, ..NearDupConfig::default() }
    }

    /// Rows per band, kept within what a signature holds.
    pub(crate) fn rows(&self) -> usize {
        self.rows_per_band.clamp(1, PERMUTATIONS)
    }

    /// Whether two texts with these similarities and shingle-set sizes are copies.
    pub fn is_copy(&self, jaccard: f64, containment: f64, size_a: u32, size_b: u32) -> bool {
        if size_a == 0 || size_b == 0 {
            return false;
        }
        if jaccard >= self.jaccard {
            return true;
        }
        let size_ratio = f64::from(size_a.min(size_b)) / f64::from(size_a.max(size_b));
        self.containment.is_some_and(|least| containment >= least && size_ratio >= self.min_size_ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_rule() {
        let config = NearDupConfig::default();
        assert!(config.is_copy(0.85, 0.9, 100, 100));
        assert!(config.is_copy(0.7, 0.95, 100, 80));
        assert!(!config.is_copy(0.3, 0.95, 100, 30), "short text inside a long one");
        assert!(!config.is_copy(0.6, 0.8, 100, 80));
        assert!(!config.is_copy(1.0, 1.0, 0, 0));
        let jaccard_only = NearDupConfig { containment: None, ..NearDupConfig::default() };
        assert!(!jaccard_only.is_copy(0.7, 0.95, 100, 80));
    }
}
