//! Small closed word classes shared by the number and date finders, in matching form.
//!
//! These are function words and calendar nouns of Modern Standard Arabic, not names: they come
//! from the grammar of counting and dating, so they hold for any article.

use crate::tokens::{Token, TokenKind};
use crate::Normalized;

/// Nouns of time that a number counts (a duration), singular and plural.
const TIME_UNITS: [&str; 26] = [
    "يوم", "ايام", "اسبوع", "اسابيع", "شهر", "اشهر", "شهور", "سنه", "سنوات", "سنين", "عام", "اعوام", "ساعه",
    "ساعات", "دقيقه", "دقايق", "ثانيه", "ثواني", "عقد", "عقود", "قرن", "قرون", "ليله", "ليال", "ليالي", "اسابيع",
];

/// Singular nouns whose dual is read as the number two (يومين، قذيفتين، حالتي وفاة). Nouns whose
/// sound plural looks like a dual (مدنيين، مقاتلين، مصابين) are deliberately absent.
pub(crate) const DUAL_NOUNS: [&str; 44] = [
    "يوم", "اسبوع", "شهر", "سنه", "عام", "ساعه", "دقيقه", "ليله", "عقد", "قرن", "شخص", "طفل", "رجل", "امراه", "جندي",
    "شرطي", "قتيل", "جريح", "عنصر", "قذيفه", "صاروخ", "عبوه", "قنبله", "سياره", "طايره", "مروحيه", "دبابه", "منزل",
    "مبني", "قريه", "مدينه", "دوله", "حاله", "انفجار", "هجوم", "غاره", "ضربه", "مليون", "مليار", "دولار", "مرحله",
    "جوله", "حزمه", "شحنه",
];

/// Prepositions, particles, pronouns and conjunctions: never the noun a number counts.
const FUNCTION_WORDS: [&str; 57] = [
    "في", "من", "الي", "علي", "عن", "ان", "او", "ثم", "قد", "كما", "مع", "بعد", "قبل", "منذ", "خلال", "حتي", "لا",
    "ما", "التي", "الذي", "الذين", "هو", "هي", "هم", "و", "ف", "فيما", "بين", "عند", "لدي", "اي", "كل", "هذا", "هذه",
    "ذلك", "تلك", "اذا", "اذ", "حيث", "منها", "منه", "منهم", "عليه", "عليها", "بينهم", "وفي", "وقد", "الا", "لم", "لن",
    "فقط", "نحو", "حوالي", "اما", "بل", "لكن", "ولكن",
];

/// Nouns after which a number is a label, not an amount (القرار 2254، المادة 3، رقم 7).
const LABEL_NOUNS: [&str; 19] = [
    "رقم", "الرقم", "القرار", "قرار", "الماده", "ماده", "البند", "بند", "الفقره", "فقره", "الصفحه", "صفحه", "الفصل", "الجزء",
    "الحلقه", "العدد", "الطريق", "الدوري", "النسخه",
];

/// Nouns commonly counted in news (people, weapons, money, measures), used to tell "2000 شخص"
/// from a year.
const COUNTED_NOUNS: [&str; 40] = [
    "شخص", "شخصا", "مدني", "مدنيا", "قتيل", "قتيلا", "جريح", "جريحا", "جندي", "جنديا", "عنصر", "عنصرا", "مقاتل",
    "مقاتلا", "مسلح", "مسلحا", "دولار", "يورو", "جنيه", "ريال", "درهم", "دينار", "طن", "برميل", "كيلومتر", "كم", "متر",
    "منزل", "منزلا", "عايله", "اسره", "لاجي", "لاجيا", "طفل", "طفلا", "امراه", "سجين", "معتقل", "مصاب", "مصابا",
];

/// Whether `word` (matching form) is a noun of time, in any case (عاما، شهرا) or dual.
pub(crate) fn is_time_unit(word: &str) -> bool {
    let bare = strip_tanween_alef(word);
    TIME_UNITS.contains(&bare) || TIME_UNITS.contains(&word) || dual_of(word).is_some_and(|s| TIME_UNITS.contains(&s))
}

pub(crate) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

pub(crate) fn is_label_noun(word: &str) -> bool {
    LABEL_NOUNS.contains(&word)
}

pub(crate) fn is_counted_noun(word: &str) -> bool {
    COUNTED_NOUNS.contains(&word) || without_proclitics(word).any(|w| COUNTED_NOUNS.contains(&w))
}

/// The accusative -an ending (شخصًا → شخصا) removed, when the rest is still a word.
pub(crate) fn strip_tanween_alef(word: &str) -> &str {
    match word.strip_suffix('ا') {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// The singular of a dual (قذيفتين → قذيفه) when `word` is the dual of one of [`DUAL_NOUNS`];
/// the construct dual ending in ي (حالتي) counts only for feminine nouns.
pub(crate) fn dual_of(word: &str) -> Option<&'static str> {
    for noun in DUAL_NOUNS {
        // A feminine noun's ه reads ت before the dual ending; compare in two parts, no allocation.
        let (stem, feminine) = match noun.strip_suffix('ه') {
            Some(stem) => (stem, true),
            None => (noun, false),
        };
        let Some(mut ending) = word.strip_prefix(stem) else { continue };
        if feminine {
            let Some(rest) = ending.strip_prefix('ت') else { continue };
            ending = rest;
        }
        if matches!(ending, "ين" | "ان") {
            return Some(noun);
        }
        if feminine && ending == "ي" {
            return Some(noun);
        }
    }
    None
}

/// `word` itself and the forms it takes without its one-letter proclitics, in the order Arabic
/// stacks them (a conjunction و/ف, then a preposition ب/ل/ك), keeping at least two letters.
pub(crate) fn without_proclitics(word: &str) -> impl Iterator<Item = &str> + Clone {
    let mut forms: [&str; 3] = [word, "", ""];
    let mut count = 1;
    let mut rest = word;
    let strip = |rest: &str, set: &[char]| -> Option<usize> {
        let first = rest.chars().next()?;
        (set.contains(&first) && rest[first.len_utf8()..].chars().nth(1).is_some()).then_some(first.len_utf8())
    };
    if let Some(len) = strip(rest, &['و', 'ف']) {
        rest = &rest[len..];
        forms[count] = rest;
        count += 1;
    }
    if let Some(len) = strip(rest, &['ب', 'ل', 'ك']) {
        rest = &rest[len..];
        forms[count] = rest;
        count += 1;
    }
    forms.into_iter().take(count)
}

/// The matching form of token `i`, or "" past the end.
pub(crate) fn text_at<'n>(n: &'n Normalized, tokens: &[Token], i: usize) -> &'n str {
    tokens.get(i).map_or("", |t| t.text(n))
}

/// Whether token `i` is a word whose matching form is one of `forms`.
pub(crate) fn word_is(n: &Normalized, tokens: &[Token], i: usize, forms: &[&str]) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word && forms.contains(&t.text(n)))
}

/// Whether the tokens ending just before `end` spell `phrase` (matching forms, the first word may
/// carry a و or ف); returns the index of the phrase's first token.
pub(crate) fn phrase_before(n: &Normalized, tokens: &[Token], end: usize, phrase: &[&str]) -> Option<usize> {
    let start = end.checked_sub(phrase.len())?;
    for (k, want) in phrase.iter().enumerate() {
        let got = text_at(n, tokens, start + k);
        let ok = got == *want || k == 0 && (got.strip_prefix('و') == Some(want) || got.strip_prefix('ف') == Some(want));
        if !ok {
            return None;
        }
    }
    Some(start)
}

/// Whether the tokens from `start` spell `phrase` (matching forms); returns the index after it.
pub(crate) fn phrase_at(n: &Normalized, tokens: &[Token], start: usize, phrase: &[&str]) -> Option<usize> {
    for (k, want) in phrase.iter().enumerate() {
        if text_at(n, tokens, start + k) != *want {
            return None;
        }
    }
    Some(start + phrase.len())
}

/// Whether a line break separates token `i` from the token before it (or `i` is the first).
pub(crate) fn starts_line(n: &Normalized, tokens: &[Token], i: usize) -> bool {
    match i.checked_sub(1).and_then(|p| tokens.get(p)) {
        None => true,
        Some(prev) => n.text().get(prev.norm.end..tokens[i].norm.start).is_some_and(|gap| gap.contains('\n')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duals_and_time_units() {
        assert_eq!(dual_of("يومين"), Some("يوم"));
        assert_eq!(dual_of("قذيفتين"), Some("قذيفه"));
        assert_eq!(dual_of("حالتي"), Some("حاله"));
        assert_eq!(dual_of("سنتين"), Some("سنه"));
        assert_eq!(dual_of("جنديين"), Some("جندي"));
        assert_eq!(dual_of("مدنيين"), None);
        assert_eq!(dual_of("يوما"), None);
        assert!(is_time_unit("عاما"));
        assert!(is_time_unit("اسبوعين"));
        assert!(!is_time_unit("عناصر"));
    }

    #[test]
    fn word_lists_are_in_matching_form() {
        let lists: [&[&str]; 5] = [&TIME_UNITS, &DUAL_NOUNS, &FUNCTION_WORDS, &LABEL_NOUNS, &COUNTED_NOUNS];
        for word in lists.iter().flat_map(|l| l.iter()) {
            assert_eq!(&crate::normalize::normalize_str(word), word);
        }
    }

    #[test]
    fn proclitic_forms() {
        let forms: Vec<&str> = without_proclitics("وبقذيفتين").collect();
        assert_eq!(forms, vec!["وبقذيفتين", "بقذيفتين", "قذيفتين"]);
        assert_eq!(without_proclitics("في").count(), 1);
        assert_eq!(without_proclitics("بوست").collect::<Vec<_>>(), vec!["بوست", "وست"]);
    }
}
