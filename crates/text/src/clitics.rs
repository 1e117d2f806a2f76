//! Proclitics of Arabic words: the conjunctions و ف, the prepositions ب ك ل, the future marker س
//! and the article ال, split off a normalised word so that its base can be matched.
//!
//! Arabic writes these particles joined to the next word, but many ordinary words also begin with
//! the same letters (وزير، فريق، بلاد، كابول، لبنان). The rules below follow the order in which the
//! particles stack (conjunction, then preposition or future marker, then article), require a base
//! long enough to be a word, and keep a list of frequent words whose first letter is part of the
//! root. The list is general Modern Standard Arabic vocabulary, not taken from any article.

/// Frequent words whose first letter و ف ب ل (or س) belongs to the word itself.
const ROOT_INITIAL: [&str; 157] = [
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
const NOT_ARTICLE: [&str; 10] = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي", "الله"];

/// Short words that may follow a conjunction (وقد، فلا، ولم، وهو).
const SHORT_AFTER_CONJUNCTION: [&str; 16] =
    ["قد", "لا", "لم", "لن", "ان", "في", "من", "ما", "هو", "هي", "هم", "عن", "مع", "كل", "له", "لها"];

/// Byte length, in the normalised `word`, of its proclitics (0 when none).
pub fn proclitic_len(word: &str) -> usize {
    let letters: Vec<char> = word.chars().collect();
    let count = letters.len();
    let byte_len = |chars: usize| -> usize { letters[..chars].iter().map(|c| c.len_utf8()).sum() };
    let rest = |from: usize| -> String { letters[from..].iter().collect() };
    if ROOT_INITIAL.contains(&word) || NOT_ARTICLE.contains(&word) {
        return 0;
    }
    let mut at = 0;
    // A conjunction.
    if matches!(letters.first(), Some('و' | 'ف')) && count >= 3 {
        let after = rest(1);
        let long_enough = count - 1 >= 3 || SHORT_AFTER_CONJUNCTION.contains(&after.as_str());
        if long_enough {
            at = 1;
        }
    }
    // A preposition with the article (بال، كال، لل), the article alone, a bare preposition, or س.
    let tail = rest(at);
    let remaining = count - at;
    if tail.starts_with("لل") && remaining >= 4 && !NOT_ARTICLE.contains(&format!("ا{tail}").as_str()) {
        return byte_len(at + 2);
    }
    for prefix in ["بال", "كال"] {
        if tail.starts_with(prefix) && remaining >= prefix.chars().count() + 2 {
            return byte_len(at + 3);
        }
    }
    if tail.starts_with("ال") && remaining >= 4 && !NOT_ARTICLE.contains(&tail.as_str()) {
        return byte_len(at + 2);
    }
    if matches!(tail.chars().next(), Some('ب' | 'ل')) && remaining >= 4 && !ROOT_INITIAL.contains(&tail.as_str()) {
        return byte_len(at + 1);
    }
    if tail.starts_with('س')
        && matches!(tail.chars().nth(1), Some('ي' | 'ت' | 'ن'))
        && remaining >= 5
        && !ROOT_INITIAL.iter().any(|w| w.starts_with('س') && tail.starts_with(&w[..w.len() - 2]))
    {
        return byte_len(at + 1);
    }
    byte_len(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The proclitic part of `word` (in matching form).
    fn clitic(word: &str) -> &str {
        &word[..proclitic_len(word)]
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
