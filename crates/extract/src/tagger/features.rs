//! What the tagger sees of each token: word, affix, clitic, shape, context and gazetteer features.
//!
//! Features are strings ("word is X", "suffix is ية", "previous word is a title") hashed to 64 bits,
//! so the model stores no strings and lookups are one hash each. Every token is first put in
//! isnad's matching form (`normalize_str`), so hamza seats, final ya/alef maqsura and teh marbuta
//! spelling differences do not split the evidence.

use super::lexicon::{LexClass, Lexicon};
use isnad_text::normalize::normalize_str;
use isnad_text::tokens::proclitic_len;

/// Bumped whenever the feature templates change: a model trained with other templates is refused.
pub const FEATURE_VERSION: u32 = 3;

/// Hashed features of one token.
pub type TokenFeatures = Vec<u64>;

/// The views of one token that features are built from.
#[derive(Debug, Clone, Default)]
struct TokenView {
    /// Matching form of the whole token, attached punctuation included.
    norm: String,
    /// `norm` without punctuation at either end.
    core: String,
    /// `core` without its proclitics (و ف ب ك ل ال …).
    base: String,
    /// The proclitics split off `core`.
    clitic: String,
    /// `ال` + `base` when the proclitics hid an article (بال, لل, وال …), for gazetteer lookup.
    with_article: Option<String>,
    /// The punctuation character glued to the end of the token, if any.
    trailing_punct: String,
    shape: &'static str,
}

impl TokenView {
    fn new(word: &str) -> TokenView {
        let norm = normalize_str(word);
        let core = norm.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let clitic_len = if core.chars().all(is_arabic) { proclitic_len(&core) } else { 0 };
        let (clitic, base) = core.split_at(clitic_len);
        let shape = shape_of(&core);
        let hid_article = (clitic.ends_with("ال") && clitic != "ال") || clitic.ends_with("لل");
        let with_article = hid_article.then(|| format!("ال{base}"));
        let trailing_punct = norm.chars().last().filter(|c| !c.is_alphanumeric()).map(String::from).unwrap_or_default();
        TokenView {
            clitic: clitic.to_string(),
            base: base.to_string(),
            core: core.clone(),
            norm,
            with_article,
            trailing_punct,
            shape,
        }
    }

    /// Spellings a gazetteer phrase may start with: as written, without proclitics, and with the
    /// article restored when a preposition swallowed it (بال / لل).
    fn lexicon_forms(&self) -> Vec<&str> {
        let mut forms = vec![self.core.as_str()];
        if !self.clitic.is_empty() {
            forms.push(self.base.as_str());
        }
        if let Some(with_article) = &self.with_article {
            forms.push(with_article.as_str());
        }
        forms
    }
}

/// The form a word is remembered by across a document: matching form without punctuation or
/// proclitics, so that "وفلان" and "فلان" count as the same name. Empty for words too short to be
/// a reliable key.
pub fn memory_key(word: &str) -> String {
    let view = TokenView::new(word);
    if view.base.chars().count() < 3 || view.shape == "num" || view.shape == "punct" {
        return String::new();
    }
    view.base
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn shape_of(core: &str) -> &'static str {
    if core.is_empty() {
        return "punct";
    }
    let (mut arabic, mut digit, mut latin, mut other) = (false, false, false, false);
    for c in core.chars() {
        if is_arabic(c) {
            arabic = true;
        } else if c.is_ascii_digit() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else {
            other = true;
        }
    }
    match (arabic, digit, latin, other) {
        (true, false, false, false) => "ar",
        (false, true, false, false) => "num",
        (false, _, true, false) => "lat",
        _ => "mix",
    }
}

fn length_bucket(word: &str) -> &'static str {
    match word.chars().count() {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5 | 6 => "5-6",
        _ => "7+",
    }
}

fn first_chars(word: &str, n: usize) -> Option<&str> {
    let end = word.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&word[..end])
}

fn last_chars(word: &str, n: usize) -> Option<&str> {
    let count = word.chars().count();
    if count <= n {
        return None;
    }
    let start = word.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&word[start..])
}

/// Builds hashed features (FNV-1a, stable across platforms and Rust versions).
pub(crate) struct FeatureWriter<'f> {
    pub(crate) out: &'f mut TokenFeatures,
}

impl FeatureWriter<'_> {
    /// Appends the hash of `template` with its `parts`.
    pub(crate) fn add(&mut self, template: &str, parts: &[&str]) {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        feed(template.as_bytes());
        for part in parts {
            feed(&[0xff]);
            feed(part.as_bytes());
        }
        self.out.push(hash);
    }
}

/// Turns sentences into per-token hashed features.
#[derive(Debug)]
pub struct FeatureExtractor {
    lexicon: Lexicon,
}

impl FeatureExtractor {
    /// Features over the shipped gazetteer.
    pub fn new() -> FeatureExtractor {
        FeatureExtractor { lexicon: Lexicon::shipped() }
    }

    /// Features over a given lexicon (tests use small composed ones).
    pub fn with_lexicon(lexicon: Lexicon) -> FeatureExtractor {
        FeatureExtractor { lexicon }
    }

    /// One feature list per word of `words` (a sentence, in order).
    pub fn sentence(&self, words: &[&str]) -> Vec<TokenFeatures> {
        let views: Vec<TokenView> = words.iter().map(|w| TokenView::new(w)).collect();
        let forms: Vec<Vec<&str>> = views.iter().map(TokenView::lexicon_forms).collect();
        // Per token: lexicon classes of matches starting here, continuing here, and covering here.
        let mut begins = vec![0u32; views.len()];
        let mut continues = vec![0u32; views.len()];
        for found in self.lexicon.matches(&forms) {
            begins[found.start] |= found.classes;
            for slot in &mut continues[found.start + 1..found.start + found.len] {
                *slot |= found.classes;
            }
        }
        let covering: Vec<u32> = begins.iter().zip(&continues).map(|(b, c)| b | c).collect();
        let empty = TokenView::default();
        let at = |i: isize| -> &TokenView {
            if i < 0 {
                return &empty;
            }
            views.get(i as usize).unwrap_or(&empty)
        };
        let mut all = Vec::with_capacity(views.len());
        for (index, view) in views.iter().enumerate() {
            let i = index as isize;
            let mut features = TokenFeatures::with_capacity(64);
            let mut f = FeatureWriter { out: &mut features };
            f.add("bias", &[]);
            f.add("w0", &[&view.core]);
            if view.norm != view.core {
                f.add("n0", &[&view.norm]);
            }
            f.add("s0", &[&view.base]);
            f.add("c0", &[&view.clitic]);
            f.add("shape", &[view.shape, length_bucket(&view.base)]);
            for n in 1..=4 {
                if let Some(p) = first_chars(&view.base, n) {
                    f.add("pre", &[p]);
                }
                if let Some(s) = last_chars(&view.base, n) {
                    f.add("suf", &[s]);
                }
            }
            let (prev, next) = (at(i - 1), at(i + 1));
            let (prev2, next2) = (at(i - 2), at(i + 2));
            f.add("w-1", &[&prev.core]);
            f.add("w+1", &[&next.core]);
            f.add("w-2", &[&prev2.core]);
            f.add("w+2", &[&next2.core]);
            f.add("s-1", &[&prev.base]);
            f.add("s+1", &[&next.base]);
            f.add("w-1w0", &[&prev.core, &view.base]);
            f.add("w0w+1", &[&view.base, &next.core]);
            f.add("sh-1sh0sh+1", &[prev.shape, view.shape, next.shape]);
            if let Some(s) = last_chars(&prev.base, 2) {
                f.add("suf-1", &[s]);
            }
            if let Some(s) = last_chars(&next.base, 2) {
                f.add("suf+1", &[s]);
            }
            f.add("punct-1", &[&prev.trailing_punct]);
            if index == 0 {
                f.add("bos", &[]);
            }
            if index + 1 == views.len() {
                f.add("eos", &[]);
            }
            for class in LexClass::members(begins[index]) {
                f.add("g", &[class.code(), "B"]);
            }
            for class in LexClass::members(continues[index]) {
                f.add("g", &[class.code(), "I"]);
            }
            if index > 0 {
                for class in LexClass::members(covering[index - 1]) {
                    f.add("g-1", &[class.code()]);
                }
            }
            if index >= 2 {
                for class in LexClass::members(covering[index - 2]) {
                    f.add("g-2", &[class.code()]);
                }
            }
            if let Some(&next_classes) = covering.get(index + 1) {
                for class in LexClass::members(next_classes) {
                    f.add("g+1", &[class.code()]);
                }
            }
            for class in LexClass::members(self.lexicon.name_part_classes(&view.base)) {
                f.add("gp", &[class.code()]);
            }
            all.push(features);
        }
        all
    }
}

impl Default for FeatureExtractor {
    fn default() -> Self {
        FeatureExtractor::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_split_punctuation_and_clitics() {
        let view = TokenView::new("(وبالمدينة");
        assert_eq!(view.core, "وبالمدينه");
        assert_eq!(view.clitic, "وبال");
        assert_eq!(view.base, "مدينه");
        assert_eq!(view.with_article.as_deref(), Some("المدينه"));
        assert_eq!(TokenView::new("...").shape, "punct");
        assert_eq!(TokenView::new("2021").shape, "num");
    }

    #[test]
    fn same_word_in_same_context_gives_same_features_and_spelling_variants_agree() {
        let extractor = FeatureExtractor::with_lexicon(Lexicon::default());
        let a = extractor.sentence(&["زار", "أحمد", "المدينة"]);
        let b = extractor.sentence(&["زار", "احمد", "المدينه"]);
        assert_eq!(a, b);
        let c = extractor.sentence(&["زار", "سعيد", "المدينة"]);
        assert_ne!(a[1], c[1]);
    }

    #[test]
    fn odd_input_gives_features_without_panicking() {
        let extractor = FeatureExtractor::with_lexicon(Lexicon::default());
        assert!(extractor.sentence(&[]).is_empty());
        let odd = ["", " ", "\u{200f}", "ـــ", "ً", "a\u{0301}", "٣٤", "🙂", "ﻻ"];
        let features = extractor.sentence(&odd);
        assert_eq!(features.len(), odd.len());
        assert!(features.iter().all(|f| !f.is_empty()));
    }
}
