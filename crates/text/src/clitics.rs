//! Proclitics of Arabic words: the conjunctions و ف, the prepositions ب ك ل, the future marker س
//! and the article ال, split off a normalised word so that its base can be matched.
//!
//! Arabic writes these particles joined to the next word, but many ordinary words also begin with
//! the same letters (وزير، فريق، بلاد، كابول، لبنان). The rules below follow the order in which the
//! particles stack (conjunction, then preposition or future marker, then article), require a base
//! long enough to be a word, and keep a list of frequent words whose first letter is part of the
//! root. The list is general Modern Standard Arabic vocabulary, not taken from any article.

use crate::utf8::char_count;
use crate::wordset::{word_set, WordSet};
use std::sync::OnceLock;

/// Frequent words whose first letter و ف ب ل (or س) belongs to the word itself.
pub(crate) static ROOT_INITIAL: [&str; 157] = [
    // و
    "وزير", "وزيره", "وزراء", "وزاره", "وزارات", "وكاله", "وكالات", "وكيل", "ولايه", "ولايات", "وقت", "وضع", "وصل",
    "وصول", "وطن", "وطني", "وطنيه", "وجود", "وفد", "وفاه", "وفيات", "وقف", "وسط", "وسايل", "واشنطن", "وحده", "وحدات",
    "ورقه", "وثيقه", "وثايق", "وادي", "واقع", "واقعه", "وعد", "وجه", "ولد", "واجب", "وارد", "وفق", "وفقا", "وقود",
    "وقوع", "وسيط", "وساطه", "وصف", "وظيفه", "وظايف", "وعي", "ولاء", "وليد", "وحيد", "واضح", "واسع", "واسعه", "وزن",
    "ورشه", "وداع", "وجهه", "وقاله",
    // ف
    "فرنسا", "فريق", "فتره", "فترات", "فصايل", "فصيل", "فلسطين", "فلسطيني", "فلسطينيه", "فكره", "فعل", "فقط", "فيديو",
    "فوق", "فندق", "فرع", "فصل", "فرص", "فرصه", "فشل", "فيها", "فيه", "فيما", "فور", "فورا", "فيروس", "فساد", "فقر",
    "فرض", "فتح", "فنزويلا", "فيينا", "فعلا", "فعاليات", "فيلم", "فوز", "فقدان",
    // ب
    "بلاد", "بيان", "بيانات", "بغداد", "بريطانيا", "بريطاني", "بريطانيه", "بيروت", "برنامج", "بشار", "باكستان",
    "بوتين", "بكين", "بقاء", "باتت", "بناء", "برلمان", "بدايه", "بعيد", "بعيده", "بلدان", "بلديه", "بنغلاديش", "بطوله",
    "بيئه", "بحريه", "برلين", "بروكسل", "باريس", "بولندا", "بلجيكا", "بلغاريا", "بنوك", "بعثه", "بقيه", "بلاغ",
    // ل
    "لبنان", "لبناني", "لبنانيه", "ليبيا", "ليبي", "لجنه", "لجان", "لندن", "لقاء", "لواء", "لحظه", "لاجيين", "لاجيون",
    "لقطه", "ليله", "ليلا", "لاعب", "لاعبين", "لوحه", "لهجه", "لايحه", "لازم",
    // س
    "سيطره", "سياره", "سيارات",
];

/// Words of the form ال + two letters or more that are not the article plus a noun.
pub(crate) static NOT_ARTICLE: [&str; 10] = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي", "الله"];

/// Short words that may follow a conjunction (وقد، فلا، ولم، وهو).
pub(crate) static SHORT_AFTER_CONJUNCTION: [&str; 16] =
    ["قد", "لا", "لم", "لن", "ان", "في", "من", "ما", "هو", "هي", "هم", "عن", "مع", "كل", "له", "لها"];

/// [`ROOT_INITIAL`] as a set: it is consulted for most words that start with و ف ب ل.
fn root_initial() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| word_set(&ROOT_INITIAL))
}

/// The prepositions ب ك fused with the article.
static PREPOSITION_ARTICLES: [&str; 2] = ["بال", "كال"];

/// The words of [`ROOT_INITIAL`] that start with س.
fn root_initial_with_sin() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| ROOT_INITIAL.iter().copied().filter(|w| w.starts_with('س')).collect())
}

/// Whether ا + `tail` is one of [`NOT_ARTICLE`] (لله، للذين: the preposition ل on one of them).
fn is_not_article_after_alef(tail: &str) -> bool {
    NOT_ARTICLE.iter().any(|word| word.strip_prefix('ا') == Some(tail))
}

/// Byte length, in the normalised `word`, of its proclitics (0 when none).
pub fn proclitic_len(word: &str) -> usize {
    proclitic_len_counted(word, || char_count(word))
}

/// [`proclitic_len`] for a caller that knows how many letters `word` has (`letters`, asked only
/// when a rule needs it): the tokeniser's words are all two-byte letters.
pub(crate) fn proclitic_len_counted(word: &str, letters: impl FnOnce() -> usize) -> usize {
    let Some(first) = word.chars().next() else { return 0 };
    // Every particle starts with one of these letters; other words are done without a lookup.
    if !matches!(first, 'و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا' | 'س') {
        return 0;
    }
    // The listed words start with و ف ب ل س (ROOT_INITIAL) or ا (NOT_ARTICLE); see the test.
    let listed = match first {
        'ا' => NOT_ARTICLE.contains(&word),
        'ك' => false,
        _ => root_initial().contains(word),
    };
    if listed {
        return 0;
    }
    let count = letters();
    debug_assert_eq!(count, char_count(word));
    // Bytes and letters taken by a conjunction.
    let mut at = 0;
    let mut taken = 0;
    if matches!(first, 'و' | 'ف') && count >= 3 {
        let after = &word[first.len_utf8()..];
        let long_enough = count > 3 || SHORT_AFTER_CONJUNCTION.contains(&after);
        if long_enough {
            at = first.len_utf8();
            taken = 1;
        }
    }
    // A preposition with the article (بال، كال، لل), the article alone, a bare preposition, or س.
    let tail = &word[at..];
    let remaining = count - taken;
    if tail.as_bytes().starts_with("لل".as_bytes()) && remaining >= 4 && !is_not_article_after_alef(tail) {
        return at + "لل".len();
    }
    for prefix in PREPOSITION_ARTICLES {
        if tail.as_bytes().starts_with(prefix.as_bytes()) && remaining >= 5 {
            return at + prefix.len();
        }
    }
    if tail.as_bytes().starts_with("ال".as_bytes()) && remaining >= 4 && !NOT_ARTICLE.contains(&tail) {
        return at + "ال".len();
    }
    if (tail.starts_with('ب') || tail.starts_with('ل')) && remaining >= 4 && !root_initial().contains(tail) {
        return at + 'ب'.len_utf8();
    }
    if tail.starts_with('س')
        && matches!(tail.chars().nth(1), Some('ي' | 'ت' | 'ن'))
        && remaining >= 5
        && !root_initial_with_sin().iter().any(|w| tail.starts_with(&w[..w.len() - 2]))
    {
        return at + 'س'.len_utf8();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The proclitic part of `word` (in matching form).
    fn clitic(word: &str) -> &str {
        &word[..proclitic_len(word)]
    }

    #[test]
    fn listed_words_start_where_the_lookup_expects() {
        assert!(ROOT_INITIAL.iter().all(|w| w.starts_with(['و', 'ف', 'ب', 'ل', 'س'])));
        assert!(NOT_ARTICLE.iter().all(|w| w.starts_with("ال")));
    }

    #[test]
    fn splits_particles() {
        assert_eq!(clitic("والحكومه"), "وال");
        assert_eq!(clitic("بالمدينه"), "بال");
        assert_eq!(clitic("للجيش"), "لل");
        assert_eq!(clitic("وقال"), "و");
        assert_eq!(clitic("فقد"), "ف");
        assert_eq!(clitic("ولم"), "و");
        assert_eq!(clitic("بمدينه"), "ب");
        assert_eq!(clitic("لحمايه"), "ل");
        assert_eq!(clitic("وسيعلن"), "وس");
        assert_eq!(clitic("الرييس"), "ال");
        assert_eq!(clitic("وبالتالي"), "وبال");
    }

    #[test]
    fn keeps_words_that_start_with_particle_letters() {
        for word in ["وزير", "بلد", "كابول", "فريق", "لبنان", "بين", "بعد", "الذي", "التي", "الله", "سيطره", "سياره", "وقت", "كان", "في", "لكن"] {
            assert_eq!(clitic(word), "", "{word}");
        }
        assert_eq!(clitic("ووزير"), "و");
        assert_eq!(clitic("والذي"), "و");
    }
}
