//! A fixed set of short words with a cheap hash, for lookups made once per token.
//!
//! The standard `HashSet` hashes with SipHash, which resists collision attacks but costs more than
//! the rest of a word's processing; these sets hold a few hundred compiled-in words and are only
//! ever queried, so a multiply-rotate hash over eight bytes at a time is enough.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hash over eight bytes at a time (the scheme of rustc's FxHasher), seeded
/// with FNV's offset basis.
pub(crate) struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Whole eight-byte words, then the last eight bytes again (overlapping) or, for shorter
        // input, two overlapping four-byte reads: no byte-by-byte tail loop.
        let len = bytes.len();
        if len >= 8 {
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            }
            if !chunks.remainder().is_empty() {
                self.add(u64::from_le_bytes(bytes[len - 8..].try_into().unwrap_or_default()));
            }
        } else if len >= 4 {
            let head = u32::from_le_bytes(bytes[..4].try_into().unwrap_or_default()) as u64;
            let tail = u32::from_le_bytes(bytes[len - 4..].try_into().unwrap_or_default()) as u64;
            self.add(head << 32 | tail);
        } else {
            let mut word = 0u64;
            for &byte in bytes {
                word = word << 8 | byte as u64;
            }
            self.add(word);
        }
        self.add(len as u64);
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(byte as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of words.
pub(crate) type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

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
        let long = word_set(&["abcdefghij", "abcdefgh", "abcd", "abcde"]);
        for word in ["abcdefghij", "abcdefgh", "abcd", "abcde"] {
            assert!(long.contains(word), "{word}");
        }
        for word in ["abcdefghi", "abcdefg", "abc", "bcdefghij", "abcdefghik"] {
            assert!(!long.contains(word), "{word}");
        }
    }
}
