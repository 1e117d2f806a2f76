//! Light10 stemming (Larkey, Ballesteros and Connell, "Light Stemming for Arabic Information
//! Retrieval", 2007), for search and fuzzy matching of names and nouns.
//!
//! Light10 strips a leading و, one definite article with its particles, and common suffixes, without
//! trying to find roots: المفاوضات، مفاوضات and والمفاوضات all become مفاوض. It works on the
//! matching form ([`crate::normalize`]), where ة is already ه and ى is already ي, so the suffix
//! list ها ان ات ون ين يه ية ه ة ي reduces to the eight endings below.

use crate::normalize::normalize_str;

/// Articles with their particles, tried in this order; one is removed if two letters remain.
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];
/// Suffixes, tried once each in this order; each is removed if two letters remain.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// The Light10 stem of an Arabic word (normalised first, so raw text is accepted too).
pub fn light_stem(word: &str) -> String {
    let normalised = normalize_str(word);
    let mut chars: Vec<char> = normalised.chars().collect();
    // و is removed when at least three letters remain.
    if chars.len() >= 4 && chars[0] == 'و' {
        chars.remove(0);
    }
    for article in ARTICLES {
        let article: Vec<char> = article.chars().collect();
        if chars.len() >= article.len() + 2 && chars.starts_with(&article) {
            chars.drain(..article.len());
            break;
        }
    }
    for suffix in SUFFIXES {
        let suffix: Vec<char> = suffix.chars().collect();
        if chars.len() >= suffix.len() + 2 && chars.ends_with(&suffix) {
            chars.truncate(chars.len() - suffix.len());
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_stem() {
        for word in ["المفاوضات", "مفاوضات", "والمفاوضات", "بالمفاوضات"] {
            assert_eq!(light_stem(word), "مفاوض", "{word}");
        }
        assert_eq!(light_stem("الرئيس"), "رييس");
        assert_eq!(light_stem("الحكومة"), "حكوم");
        assert_eq!(light_stem("حكومتها"), "حكومت");
        assert_eq!(light_stem("المسلحين"), "مسلح");
    }

    #[test]
    fn short_words_keep_two_letters() {
        assert_eq!(light_stem("وله"), "ول");
        assert_eq!(light_stem("قال"), "قال");
        assert_eq!(light_stem("الي"), "ال");
        assert_eq!(light_stem("في"), "في");
        assert_eq!(light_stem(""), "");
    }
}
