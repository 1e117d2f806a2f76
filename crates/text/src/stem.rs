//! Light10 stemming (Larkey, Ballesteros and Connell, "Light Stemming for Arabic Information
//! Retrieval", 2007), for search and fuzzy matching of names and nouns.
//!
//! Light10 strips a leading و, one definite article with its particles, and common suffixes, without
//! trying to find roots: المفاوضات، مفاوضات and والمفاوضات all become مفاوض. It works on the
//! matching form ([`crate::normalize`]), where ة is already ه and ى is already ي, so the suffix
//! list ها ان ات ون ين يه ية ه ة ي reduces to the eight endings below.

use crate::normalize::normalize_str;
use crate::utf8::char_count;

/// Articles with their particles and their length in letters, tried in this order; one is
/// removed if two letters remain.
const ARTICLES: [(&str, usize); 6] = [("وال", 3), ("بال", 3), ("كال", 3), ("فال", 3), ("لل", 2), ("ال", 2)];
/// Suffixes and their length in letters, tried once each in this order; each is removed if two
/// letters remain.
const SUFFIXES: [(&str, usize); 8] = [("ها", 2), ("ان", 2), ("ات", 2), ("ون", 2), ("ين", 2), ("يه", 2), ("ه", 1), ("ي", 1)];

/// The Light10 stem of an Arabic word (normalised first, so raw text is accepted too).
pub fn light_stem(word: &str) -> String {
    light_stem_normalized(&normalize_str(word)).to_string()
}

/// The Light10 stem of a word already in matching form (a token's text), without allocating:
/// Light10 only strips letters from the ends, so the stem is a slice of the word.
pub fn light_stem_normalized(word: &str) -> &str {
    let mut stem = word;
    let mut letters = char_count(stem);
    // و is removed when at least three letters remain.
    if letters >= 4 && stem.as_bytes().starts_with("و".as_bytes()) {
        stem = &stem["و".len()..];
        letters -= 1;
    }
    for (article, article_letters) in ARTICLES {
        if letters >= article_letters + 2 && stem.as_bytes().starts_with(article.as_bytes()) {
            stem = &stem[article.len()..];
            letters -= article_letters;
            break;
        }
    }
    for (suffix, suffix_letters) in SUFFIXES {
        if letters >= suffix_letters + 2 && stem.as_bytes().ends_with(suffix.as_bytes()) {
            stem = &stem[..stem.len() - suffix.len()];
            letters -= suffix_letters;
        }
    }
    stem
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
    fn affix_lengths_are_counted_in_letters() {
        for (affix, letters) in ARTICLES.iter().chain(SUFFIXES.iter()) {
            assert_eq!(affix.chars().count(), *letters, "{affix}");
        }
    }

    #[test]
    fn normalised_words_stem_to_a_slice() {
        let word = "والمفاوضات";
        let stem = light_stem_normalized(word);
        assert_eq!(stem, "مفاوض");
        assert!(word.contains(stem));
        assert_eq!(light_stem_normalized("حكومتها"), "حكومت");
        assert_eq!(light_stem_normalized("ab"), "ab");
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
