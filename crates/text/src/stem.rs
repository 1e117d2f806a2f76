//! A light stem (Light10-style) for search and matching.

/// The light stem of a normalised Arabic word: common proclitics and suffixes stripped, keeping at
/// least two letters.
pub fn light_stem(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() >= 4 && chars[0] == 'و' {
        chars.remove(0);
    }
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        let p: Vec<char> = prefix.chars().collect();
        if chars.len() >= p.len() + 2 && chars.starts_with(&p) {
            chars.drain(..p.len());
            break;
        }
    }
    for suffix in ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"] {
        let s: Vec<char> = suffix.chars().collect();
        if chars.len() >= s.len() + 2 && chars.ends_with(&s) {
            chars.truncate(chars.len() - s.len());
        }
    }
    chars.into_iter().collect()
}
