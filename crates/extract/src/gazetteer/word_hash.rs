//! A fast hash for the word lists, which are asked about nearly every token of every article.
//!
//! The standard library's SipHash guards against crafted keys; our keys are the shipped lexicons,
//! and lookups of short Arabic words were spending most of their time hashing. This is the
//! multiply-rotate hash of rustc's `FxHasher`, taken in eight-byte steps. Only lookups go through
//! these maps: nothing iterates them, so the hash cannot change any output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by words, hashed with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A set of words, hashed with [`WordHasher`].
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// Multiply-rotate hashing over eight-byte steps (see the module doc).
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher {
    hash: u64,
}

/// The odd constant of `FxHasher`: its bits spread each step over the whole word.
const SPREAD: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SPREAD);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut step = [0u8; 8];
            step.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(step));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut step = [0u8; 8];
            step[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(step));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(word: &str) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(word)
    }

    #[test]
    fn words_that_differ_anywhere_hash_apart() {
        // Same length, differing in the first, a middle and the last byte; and a prefix.
        let words = ["الوزير", "الوزيز", "بلوزير", "الوزيرة", "الوزي", "", "a", "b"];
        for (k, a) in words.iter().enumerate() {
            for b in &words[k + 1..] {
                assert_ne!(hash(a), hash(b), "{a} and {b}");
            }
        }
    }

    #[test]
    fn maps_find_what_was_put_in() {
        let mut map: WordMap<usize> = WordMap::default();
        for (k, w) in ["قال", "أكد", "مدينة", "longer than eight bytes"].iter().enumerate() {
            map.insert(w.to_string(), k);
        }
        assert_eq!(map.get("مدينة"), Some(&2));
        assert_eq!(map.get("longer than eight bytes"), Some(&3));
        assert_eq!(map.get("مدينه"), None);
    }
}
