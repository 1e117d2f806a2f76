//! MinHash signatures: a fixed-size summary of a shingle set from which Jaccard similarity can be
//! estimated without the set.
//!
//! Signatures are meant to be stored (the store keeps them so that a new article can be checked
//! against everything ingested before), so they must come out bit-identical on every machine, run
//! and release. That is why this is written by hand rather than taken from `gaoya`: gaoya draws its
//! hash parameters from `rand::StdRng`, whose algorithm `rand` explicitly does not promise to keep
//! between versions, and its default shingle hashing goes through hashers that are not pinned
//! either. Here the parameters come from a fixed seed through splitmix64, and the shingle hashes
//! from FNV-1a (see [`super::shingles`]); [`SIGNATURE_SCHEME`] names the recipe so a stored signature
//! made under another one can be recognised and recomputed. A unit test pins known values.
//!
//! Each of the [`PERMUTATIONS`] hash functions is `(a·x + b) mod 2^64`, keeping the high 32 bits
//! (multiply-shift, a 2-universal family), applied to the already well-mixed 64-bit shingle hash.

use super::shingles::mix64;

/// How many hash functions a signature has: the standard error of an estimated Jaccard `J` is
/// `sqrt(J(1-J)/PERMUTATIONS)`, 0.035 at `J = 0.8`.
pub const PERMUTATIONS: usize = 128;

/// Names the recipe (shingle hashing, seed, permutation family, width); bump it whenever any of
/// them changes, so stored signatures are recomputed instead of silently compared with new ones.
pub const SIGNATURE_SCHEME: u32 = 1;

/// The fixed seed of the permutation parameters ("isnad" plus a counter).
const PARAMETER_SEED: u64 = 0x6973_6e61_6400_0001;

/// A text's MinHash signature, plus the size of its shingle set (which turns an estimated Jaccard
/// into an estimated containment).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    /// The minimum of each hash function over the shingle set; all `u32::MAX` for an empty set.
    pub mins: [u32; PERMUTATIONS],
    /// How many distinct shingles the text has; 0 for a text with no words.
    pub shingle_count: u32,
}

/// The permutation parameters, derived once from the fixed seed.
fn parameters() -> &'static [(u64, u64); PERMUTATIONS] {
    static PARAMETERS: std::sync::OnceLock<[(u64, u64); PERMUTATIONS]> = std::sync::OnceLock::new();
    PARAMETERS.get_or_init(|| {
        let mut state = PARAMETER_SEED;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(state)
        };
        let mut out = [(0u64, 0u64); PERMUTATIONS];
        for pair in &mut out {
            // An odd multiplier makes each function a bijection on 64-bit words.
            *pair = (next() | 1, next());
        }
        out
    })
}

impl Signature {
    /// The signature of a sorted or unsorted set of shingle hashes (duplicates are harmless to the
    /// minima, but `shingle_count` should count distinct shingles, so pass a deduplicated set).
    pub fn of_shingles(shingles: &[u64]) -> Signature {
        let parameters = parameters();
        let mut mins = [u64::MAX; PERMUTATIONS];
        for &shingle in shingles {
            for (min, &(a, b)) in mins.iter_mut().zip(parameters.iter()) {
                let value = a.wrapping_mul(shingle).wrapping_add(b);
                *min = (*min).min(value);
            }
        }
        Signature {
            mins: mins.map(|m| if shingles.is_empty() { u32::MAX } else { (m >> 32) as u32 }),
            shingle_count: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
        }
    }

    /// True for the signature of a text with no words: it is never anyone's copy.
    pub fn is_empty(&self) -> bool {
        self.shingle_count == 0
    }

    /// Estimated Jaccard similarity: the share of hash functions whose minima agree.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let agreeing = self.mins.iter().zip(other.mins.iter()).filter(|(a, b)| a == b).count();
        agreeing as f64 / PERMUTATIONS as f64
    }

    /// Estimated containment of the smaller text in the larger: the shared shingles (derived from the
    /// estimated Jaccard and both set sizes) over the smaller set's size, capped at 1.
    pub fn containment(&self, other: &Signature) -> f64 {
        let jaccard = self.jaccard(other);
        if jaccard == 0.0 {
            return 0.0;
        }
        let (a, b) = (f64::from(self.shingle_count), f64::from(other.shingle_count));
        let shared = jaccard * (a + b) / (1.0 + jaccard);
        (shared / a.min(b)).min(1.0)
    }

    /// The bytes to store: scheme, shingle count, then the minima, all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 4 * PERMUTATIONS);
        out.extend_from_slice(&SIGNATURE_SCHEME.to_le_bytes());
        out.extend_from_slice(&self.shingle_count.to_le_bytes());
        for min in &self.mins {
            out.extend_from_slice(&min.to_le_bytes());
        }
        out
    }

    /// Reads bytes written by [`Signature::to_bytes`]; `None` when they are malformed or were made
    /// under another [`SIGNATURE_SCHEME`] (recompute the signature from the text then).
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != 8 + 4 * PERMUTATIONS {
            return None;
        }
        let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        if word(0) != SIGNATURE_SCHEME {
            return None;
        }
        let mut mins = [0u32; PERMUTATIONS];
        for (i, min) in mins.iter_mut().enumerate() {
            *min = word(8 + 4 * i);
        }
        Some(Signature { mins, shingle_count: word(4) })
    }
}

#[cfg(test)]
mod tests {
    use super::super::shingles::{exact_jaccard, shingle_set};
    use super::*;

    /// A long composed text: numbered sentences about invented places, so shingles do not repeat.
    fn long_text(sentences: std::ops::Range<usize>) -> String {
        sentences
            .map(|i| format!("أعلنت بلدية وادي النخيل عن افتتاح الحديقة رقم {i} في الحي الشرقي بحضور {} من السكان. ", i * 7 + 3))
            .collect()
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        let a = shingle_set(&long_text(0..60), 3);
        for cut in [60, 50, 40, 30] {
            let b = shingle_set(&long_text(0..cut), 3);
            let exact = exact_jaccard(&a, &b);
            let estimated = Signature::of_shingles(&a).jaccard(&Signature::of_shingles(&b));
            assert!((exact - estimated).abs() < 0.12, "cut {cut}: exact {exact}, estimated {estimated}");
        }
    }

    #[test]
    fn containment_of_a_truncated_copy_is_near_one() {
        let whole = Signature::of_shingles(&shingle_set(&long_text(0..40), 3));
        let half = Signature::of_shingles(&shingle_set(&long_text(0..20), 3));
        assert!(whole.jaccard(&half) < 0.65);
        assert!(whole.containment(&half) > 0.85, "{}", whole.containment(&half));
    }

    #[test]
    fn empty_texts_match_nothing() {
        let empty = Signature::of_shingles(&[]);
        assert!(empty.is_empty());
        assert_eq!(empty.jaccard(&empty), 0.0);
        assert_eq!(empty.containment(&empty), 0.0);
    }

    #[test]
    fn signatures_are_stable_across_runs() {
        let text = "قال متحدث باسم شركة الجبل الأخضر للنقل إن رحلات الحافلات ستتوقف يومين.";
        let first = Signature::of_shingles(&shingle_set(text, 3));
        let second = Signature::of_shingles(&shingle_set(text, 3));
        assert_eq!(first, second);
    }

    /// Pins the recipe: if this fails, stored signatures no longer compare with new ones, and
    /// SIGNATURE_SCHEME must be bumped along with these values.
    #[test]
    fn signatures_are_stable_across_releases() {
        let text = "قال متحدث باسم شركة الجبل الأخضر للنقل إن رحلات الحافلات ستتوقف يومين.";
        let signature = Signature::of_shingles(&shingle_set(text, 3));
        assert_eq!(signature.shingle_count, 10);
        assert_eq!(&signature.mins[..4], &PINNED_FIRST_MINS);
        assert_eq!(super::super::shingles::fnv1a64(&signature.to_bytes()), PINNED_BYTES_HASH);
        assert_eq!(SIGNATURE_SCHEME, 1);
    }
    const PINNED_FIRST_MINS: [u32; 4] = [880_326_413, 238_417_636, 335_961_572, 26_635_218];
    /// FNV-1a of the whole stored form, so a change in any of the 128 values shows.
    const PINNED_BYTES_HASH: u64 = 15_875_554_242_632_355_645;

    #[test]
    fn bytes_round_trip_and_reject_other_schemes() {
        let signature = Signature::of_shingles(&shingle_set(&long_text(0..3), 3));
        let bytes = signature.to_bytes();
        assert_eq!(Signature::from_bytes(&bytes), Some(signature));
        let mut other_scheme = bytes.clone();
        other_scheme[0] ^= 0xff;
        assert_eq!(Signature::from_bytes(&other_scheme), None);
        assert_eq!(Signature::from_bytes(&bytes[1..]), None);
    }
}
