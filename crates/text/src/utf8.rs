//! Byte-level helpers over UTF-8 for the hot loops of the normaliser, tokeniser and stemmer.
//!
//! Arabic letters, harakat and Arabic punctuation are all two-byte characters (U+0080 to U+07FF),
//! so a loop over news text can classify a character from its two bytes with one table lookup,
//! without decoding it into a `char` and walking Unicode range tables.

/// A set of two-byte characters (U+0080 to U+07FF), one bit each, built at compile time.
pub(crate) struct TwoByteSet([u64; 32]);

/// The [`TwoByteSet`] of the two-byte characters `$c` for which `$member` holds, built at compile
/// time (a macro, because a `const fn` cannot call a function it is handed).
macro_rules! two_byte_set {
    (|$c:ident| $member:expr) => {{
        let mut bits = [0u64; 32];
        let mut code = 0x80;
        while code < 0x800 {
            if let Some($c) = char::from_u32(code) {
                if $member {
                    bits[(code / 64) as usize] |= 1 << (code % 64);
                }
            }
            code += 1;
        }
        $crate::utf8::TwoByteSet::from_bits(bits)
    }};
}
pub(crate) use two_byte_set;

impl TwoByteSet {
    /// The set with bit `code % 64` of word `code / 64` set for each member `code`.
    pub(crate) const fn from_bits(bits: [u64; 32]) -> TwoByteSet {
        TwoByteSet(bits)
    }

    /// Whether the two-byte character starting at `bytes[at]` is in the set; false when no
    /// two-byte character starts there. `bytes` must be valid UTF-8 (a `str`'s bytes): the byte
    /// after a two-byte lead is then its trail, and is not checked again.
    #[inline]
    pub(crate) fn contains_at(&self, bytes: &[u8], at: usize) -> bool {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(&lead), Some(&trail)) => self.contains_pair(lead, trail),
            _ => false,
        }
    }

    /// Whether the bytes `lead`, `trail` are a two-byte character of the set. The lead byte's low
    /// five bits pick the word of the table, the trail byte's low six bits the bit.
    #[inline]
    fn contains_pair(&self, lead: u8, trail: u8) -> bool {
        lead & 0xE0 == 0xC0 && (self.0[(lead & 0x1F) as usize] >> (trail & 0x3F)) & 1 != 0
    }

    /// The end of the run of the set's characters that starts at `bytes[at]` (`at` itself when
    /// none starts there); `bytes` valid UTF-8 as for [`TwoByteSet::contains_at`].
    #[inline]
    pub(crate) fn run_end(&self, bytes: &[u8], mut at: usize) -> usize {
        while at + 1 < bytes.len() && self.contains_pair(bytes[at], bytes[at + 1]) {
            at += 2;
        }
        at
    }
}

/// The number of characters in `text`: the bytes that do not continue a character, counted eight
/// at a time. Faster than `chars().count()` on the short strings (words) it is used for.
#[inline]
pub(crate) fn char_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    if bytes.len() < 8 {
        return bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count();
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        count += starts_in(chunk, 0);
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        // The last eight bytes, less the ones the last whole chunk already counted.
        count += starts_in(&bytes[bytes.len() - 8..], 8 - rest);
    }
    count
}

/// How many of the eight bytes of `chunk` after the first `skip` start a character (are not
/// 0b10xx_xxxx).
#[inline]
fn starts_in(chunk: &[u8], skip: usize) -> usize {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
    // Bit 0 of each byte: its top bit is clear, or the one below it is set.
    let starts = ((!word >> 7) | (word >> 6)) & LOW_BITS;
    (starts >> (8 * skip)).count_ones() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_read_two_byte_characters_only() {
        const ARABIC: TwoByteSet = two_byte_set!(|c| matches!(c, '\u{0600}'..='\u{06FF}'));
        let text = "aبé€";
        let bytes = text.as_bytes();
        assert!(!ARABIC.contains_at(bytes, 0));
        assert!(ARABIC.contains_at(bytes, 1));
        assert!(!ARABIC.contains_at(bytes, 2), "inside a character");
        assert!(!ARABIC.contains_at(bytes, 3), "é is two bytes but not Arabic");
        assert!(!ARABIC.contains_at(bytes, 5), "three-byte character");
        assert!(!ARABIC.contains_at(bytes, text.len()));
        let word = "xابت ";
        assert_eq!(ARABIC.run_end(word.as_bytes(), 1), 7);
        assert_eq!(ARABIC.run_end(word.as_bytes(), 0), 0);
        assert_eq!(ARABIC.run_end(word.as_bytes(), word.len()), word.len());
    }

    #[test]
    fn counts_characters() {
        for text in ["", "abc", "والمفاوضات", "a€😀ب", "12345678", "ابتثجحخد", "والمفاوضاتُ الطويلة 😀😀 €"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }
}
