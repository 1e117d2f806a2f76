//! Stable 64-bit hashes for features, and hash maps keyed by them.
//!
//! Features are hashed once per distinct word and then combined as integers, so a token's sixty
//! or so features cost a few multiplications each instead of re-hashing the same strings. The
//! hashes must be identical on every platform and Rust version (they are the stored model's
//! keys), so they are written out here rather than taken from `std`. Keys that are already such
//! hashes need no second hashing in a map: [`IdMap`] uses them as they are.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over `bytes` (stable, and cheap on the short strings words are).
pub const fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The hash of a string (see [`hash_bytes`]); usable in constants, so feature templates are
/// named by readable strings yet cost nothing at run time.
pub const fn hash_str(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// Mixes `part` into `seed` (order matters: `combine(a, b) != combine(b, a)`).
#[inline]
pub const fn combine(seed: u64, part: u64) -> u64 {
    finish(seed.rotate_left(23) ^ part.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Murmur3's finaliser: every input bit affects every output bit, so hashes can be used as map
/// keys and table slots directly.
#[inline]
pub const fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for keys that are already well-mixed 64-bit hashes: passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u64 keys; fold them in so the map still works.
        for &b in bytes {
            self.0 = combine(self.0, u64::from(b));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A hash map keyed by hashes (features, words).
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_order_sensitive() {
        // FNV-1a's published value for "a".
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
        let (a, b) = (hash_str("كلمة"), hash_str("اخرى"));
        assert_ne!(combine(a, b), combine(b, a));
        assert_ne!(combine(a, 0), a);
        let mut map: IdMap<u32> = IdMap::default();
        map.insert(a, 1);
        map.insert(b, 2);
        assert_eq!(map.get(&a), Some(&1));
        assert_eq!(map.get(&b), Some(&2));
    }
}
