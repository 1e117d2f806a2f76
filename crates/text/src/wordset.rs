//! A fixed set of short words with a cheap hash, for lookups made once per token.
//!
//! The standard `HashSet` hashes with SipHash, which resists collision attacks but costs more than
//! the rest of a word's processing; these sets hold a few hundred compiled-in words and are only
//! ever queried, so FNV-1a over the word's bytes is enough.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of words.
pub(crate) type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// The set of `words`.
pub(crate) fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_exactly_its_words() {
        let set = word_set(&["وزير", "بلد", "a"]);
        assert!(set.contains("وزير") && set.contains("بلد") && set.contains("a"));
        assert!(!set.contains("وزيرة") && !set.contains("بل") && !set.contains(""));
    }
}
