//! What the tagger sees of each token: word, affix, clitic, shape, context and gazetteer features.
//!
//! Features are templates ("word is X", "suffix is ية", "previous word is a title") hashed to 64
//! bits, so the model stores no strings and lookups are one hash each. Each distinct word of a
//! document is analysed once ([`WordInfo`]); its features are then integer mixes of those hashes. Every token is first put in
//! isnad's matching form (`normalize_str`), so hamza seats, final ya/alef maqsura and teh marbuta
//! spelling differences do not split the evidence.

use super::clusters::{WordClusters, CLUSTER_COUNTS};
use super::hashing::{combine, hash_str, IdMap};
use super::lexicon::{LexClass, Lexicon};
use isnad_text::normalize::normalize_str;
use isnad_text::tokens::proclitic_len;

/// Bumped whenever the feature templates change: a model trained with other templates is refused.
pub const FEATURE_VERSION: u32 = 5;

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
        let core = norm.trim_matches(|c: char| !is_word_char(c)).to_string();
        let clitic_len = if core.chars().all(is_arabic) { proclitic_len(&core) } else { 0 };
        let (clitic, base) = core.split_at(clitic_len);
        let shape = shape_of(&core);
        let hid_article = (clitic.ends_with("ال") && clitic != "ال") || clitic.ends_with("لل");
        let with_article = hid_article.then(|| format!("ال{base}"));
        let trailing_punct = norm.chars().last().filter(|&c| !is_word_char(c)).map(String::from).unwrap_or_default();
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
    memory_key_of(&TokenView::new(word)).map(str::to_string).unwrap_or_default()
}

/// The form a word is clustered by (see [`super::clusters`]): matching form without punctuation
/// or proclitics; empty for punctuation and numbers.
pub fn cluster_key(word: &str) -> String {
    cluster_key_of(&TokenView::new(word)).map(str::to_string).unwrap_or_default()
}

fn cluster_key_of(view: &TokenView) -> Option<&str> {
    (!view.base.is_empty() && view.shape != "num" && view.shape != "punct").then_some(view.base.as_str())
}

fn memory_key_of(view: &TokenView) -> Option<&str> {
    let too_short = view.base.chars().count() < 3;
    (!too_short && view.shape != "num" && view.shape != "punct").then_some(view.base.as_str())
}

const QUOTE_INSIDE: u8 = 1;
const QUOTE_OPENS: u8 = 2;
const QUOTE_CLOSES: u8 = 4;

/// For each word, whether it stands between quotation marks that open and close within the
/// sentence, and whether it is the first or last word there. News quotes the titles of
/// programmes, books and campaigns (ANERcorp's MISC) and the names of new parties and channels:
/// a quoted run is a name more often than plain text is.
fn quoted_spans(words: &[&str]) -> Vec<u8> {
    let mut marks = vec![0u8; words.len()];
    let mut open: Option<(usize, char)> = None;
    for (index, word) in words.iter().enumerate() {
        let trimmed = word.trim();
        let Some(quote) = trimmed.chars().next().filter(|c| matches!(c, '"' | '«' | '»' | '“' | '”' | '\'')) else {
            continue;
        };
        if !trimmed.chars().all(|c| c == quote) {
            continue;
        }
        let closes = match (open, quote) {
            (Some((_, '«')), '»') | (Some((_, '“')), '”') => true,
            (Some((_, opener)), q) => opener == q && !matches!(q, '«' | '“'),
            (None, _) => false,
        };
        if closes {
            if let Some((start, _)) = open.take() {
                if start + 1 < index && index - start <= 12 {
                    marks[start + 1..index].iter_mut().for_each(|m| *m |= QUOTE_INSIDE);
                    marks[start + 1] |= QUOTE_OPENS;
                    marks[index - 1] |= QUOTE_CLOSES;
                }
            }
        } else if matches!(quote, '«' | '“' | '"' | '\'') {
            open = Some((index, quote));
        }
    }
    marks
}

/// `char::is_alphanumeric`, with the common cases (Arabic letters, ASCII) answered first: the
/// general lookup is slow for Arabic.
fn is_word_char(c: char) -> bool {
    is_arabic(c) || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
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

/// Builds hashed features: a template (a constant hash) mixed with the hashes of its parts.
pub(crate) struct FeatureWriter<'f> {
    pub(crate) out: &'f mut TokenFeatures,
}

impl FeatureWriter<'_> {
    /// Appends the feature `template` over `parts` (each part a hash, see [`hash_str`]).
    #[inline]
    pub(crate) fn add(&mut self, template: u64, parts: &[u64]) {
        let mut hash = template;
        for &part in parts {
            hash = combine(hash, part);
        }
        self.out.push(hash);
    }
}

/// Feature template names, hashed at compile time.
mod template {
    use super::hash_str;
    pub const BIAS: u64 = hash_str("bias");
    pub const WORD: u64 = hash_str("w0");
    pub const WORD_WITH_PUNCT: u64 = hash_str("n0");
    pub const BASE: u64 = hash_str("s0");
    pub const CLITIC: u64 = hash_str("c0");
    pub const SHAPE: u64 = hash_str("shape");
    pub const PREFIX: u64 = hash_str("pre");
    pub const SUFFIX: u64 = hash_str("suf");
    pub const WORD_BEFORE: u64 = hash_str("w-1");
    pub const WORD_AFTER: u64 = hash_str("w+1");
    pub const WORD_BEFORE2: u64 = hash_str("w-2");
    pub const WORD_AFTER2: u64 = hash_str("w+2");
    pub const BASE_BEFORE: u64 = hash_str("s-1");
    pub const BASE_AFTER: u64 = hash_str("s+1");
    pub const WORD_BEFORE_BASE: u64 = hash_str("w-1w0");
    pub const BASE_WORD_AFTER: u64 = hash_str("w0w+1");
    pub const SHAPES_AROUND: u64 = hash_str("sh-1sh0sh+1");
    pub const SUFFIX_BEFORE: u64 = hash_str("suf-1");
    pub const SUFFIX_AFTER: u64 = hash_str("suf+1");
    pub const PUNCT_BEFORE: u64 = hash_str("punct-1");
    pub const SENTENCE_START: u64 = hash_str("bos");
    pub const SENTENCE_END: u64 = hash_str("eos");
    pub const LEX_BEGIN: u64 = hash_str("gB");
    pub const LEX_INSIDE: u64 = hash_str("gI");
    pub const LEX_BEFORE: u64 = hash_str("g-1");
    pub const LEX_BEFORE2: u64 = hash_str("g-2");
    pub const LEX_AFTER: u64 = hash_str("g+1");
    pub const LEX_NAME_PART: u64 = hash_str("gp");
    /// The word's clusters (each hash already names its level).
    pub const CLUSTER: u64 = hash_str("cl");
    pub const CLUSTER_NONE: u64 = hash_str("cl-");
    pub const CLUSTER_BEFORE: u64 = hash_str("cl-1");
    pub const CLUSTER_AFTER: u64 = hash_str("cl+1");
    pub const QUOTED: u64 = hash_str("quoted");
    pub const QUOTE_FIRST: u64 = hash_str("quote-first");
    pub const QUOTE_LAST: u64 = hash_str("quote-last");
}

/// Everything the feature templates need of one distinct word, as hashes: computed once per
/// word per document (words repeat a lot), so building a token's features allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordInfo {
    core: u64,
    /// The whole token's hash when punctuation is attached to it, else 0.
    norm: u64,
    base: u64,
    clitic: u64,
    shape: u64,
    shape_and_length: u64,
    /// Hashes of the base's first 1–4 and last 1–4 letters (0 when the base is too short).
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    trailing_punct: u64,
    /// See [`memory_key`]; 0 when the word is not remembered.
    pub(crate) memory_key: u64,
    /// Spellings a gazetteer phrase may start with (see `TokenView::lexicon_forms`).
    forms: [u64; 3],
    form_count: usize,
    name_parts: u32,
    /// Hashes of the word's clusters, one per level ([`CLUSTER_COUNTS`]); `None` without a cluster.
    clusters: Option<[u64; CLUSTER_COUNTS.len()]>,
}

impl WordInfo {
    fn new(word: &str, lexicon: &Lexicon, clusters: &WordClusters) -> WordInfo {
        let view = TokenView::new(word);
        let mut info = WordInfo {
            core: hash_str(&view.core),
            norm: if view.norm != view.core { hash_str(&view.norm) } else { 0 },
            base: hash_str(&view.base),
            clitic: hash_str(&view.clitic),
            shape: hash_str(view.shape),
            shape_and_length: combine(hash_str(view.shape), hash_str(length_bucket(&view.base))),
            trailing_punct: hash_str(&view.trailing_punct),
            memory_key: memory_key_of(&view).map_or(0, hash_str),
            name_parts: lexicon.name_part_classes(hash_str(&view.base)),
            clusters: cluster_key_of(&view).and_then(|key| clusters.clusters_of(hash_str(key))).copied(),
            ..WordInfo::default()
        };
        for n in 1..=4 {
            info.prefixes[n - 1] = first_chars(&view.base, n).map_or(0, hash_str);
            info.suffixes[n - 1] = last_chars(&view.base, n).map_or(0, hash_str);
        }
        for form in view.lexicon_forms() {
            info.forms[info.form_count] = hash_str(form);
            info.form_count += 1;
        }
        info
    }

    /// Stands for the words before the first and after the last one of a sentence.
    fn boundary() -> WordInfo {
        let empty = hash_str("");
        WordInfo { core: empty, base: empty, shape: empty, trailing_punct: empty, ..WordInfo::default() }
    }

    fn lexicon_forms(&self) -> &[u64] {
        &self.forms[..self.form_count]
    }
}

/// Word analyses shared by the sentences of one document.
#[derive(Debug, Default)]
pub(crate) struct WordCache {
    infos: IdMap<WordInfo>,
}

impl WordCache {
    fn get<'c>(&'c mut self, word: &str, lexicon: &Lexicon, clusters: &WordClusters) -> &'c WordInfo {
        self.infos.entry(hash_str(word)).or_insert_with(|| WordInfo::new(word, lexicon, clusters))
    }
}

/// Turns sentences into per-token hashed features.
#[derive(Debug)]
pub struct FeatureExtractor {
    lexicon: Lexicon,
    /// Word clusters learnt from unlabelled text (empty: no cluster features).
    clusters: WordClusters,
}

impl FeatureExtractor {
    /// Features over the shipped gazetteer.
    pub fn new() -> FeatureExtractor {
        FeatureExtractor { lexicon: Lexicon::shipped(), clusters: WordClusters::default() }
    }

    /// Features over a given lexicon (tests use small composed ones).
    pub fn with_lexicon(lexicon: Lexicon) -> FeatureExtractor {
        FeatureExtractor { lexicon, clusters: WordClusters::default() }
    }

    /// The same features plus cluster features from `clusters`. A model must be used with the
    /// clusters it was trained with (a stored [`super::Tagger`] carries them).
    pub fn with_clusters(self, clusters: WordClusters) -> FeatureExtractor {
        FeatureExtractor { clusters, ..self }
    }

    /// The word clusters behind the cluster features.
    pub fn clusters(&self) -> &WordClusters {
        &self.clusters
    }

    /// One feature list per word of `words` (a sentence, in order).
    pub fn sentence(&self, words: &[&str]) -> Vec<TokenFeatures> {
        self.sentence_with(words, &mut WordCache::default()).0
    }

    /// Features of every sentence of a document, plus each word's memory key (see
    /// [`memory_key`], hashed; 0 for words not remembered), for the second pass.
    pub fn document(&self, sentences: &[Vec<&str>]) -> (Vec<Vec<TokenFeatures>>, Vec<Vec<u64>>) {
        let mut cache = WordCache::default();
        sentences.iter().map(|words| self.sentence_with(words, &mut cache)).unzip()
    }

    /// Like [`FeatureExtractor::document`] for one sentence, sharing word analyses through `cache`.
    pub(crate) fn sentence_with(&self, words: &[&str], cache: &mut WordCache) -> (Vec<TokenFeatures>, Vec<u64>) {
        let views: Vec<WordInfo> = words.iter().map(|w| cache.get(w, &self.lexicon, &self.clusters).clone()).collect();
        let keys = views.iter().map(|v| v.memory_key).collect();
        let forms: Vec<&[u64]> = views.iter().map(WordInfo::lexicon_forms).collect();
        let cores: Vec<u64> = views.iter().map(|v| v.core).collect();
        // Per token: lexicon classes of matches starting here, continuing here, and covering here.
        let mut begins = vec![0u32; views.len()];
        let mut continues = vec![0u32; views.len()];
        for found in self.lexicon.matches(&forms, &cores) {
            begins[found.start] |= found.classes;
            for slot in &mut continues[found.start + 1..found.start + found.len] {
                *slot |= found.classes;
            }
        }
        let covering: Vec<u32> = begins.iter().zip(&continues).map(|(b, c)| b | c).collect();
        let quoted = quoted_spans(words);
        let empty = WordInfo::boundary();
        let at = |i: isize| -> &WordInfo {
            if i < 0 {
                return &empty;
            }
            views.get(i as usize).unwrap_or(&empty)
        };
        let class_codes = |set: u32| LexClass::members(set).map(|c| hash_str(c.code()));
        let mut all = Vec::with_capacity(views.len());
        for (index, view) in views.iter().enumerate() {
            use template::*;
            let i = index as isize;
            let mut features = TokenFeatures::with_capacity(48);
            let mut f = FeatureWriter { out: &mut features };
            f.add(BIAS, &[]);
            f.add(WORD, &[view.core]);
            if view.norm != 0 {
                f.add(WORD_WITH_PUNCT, &[view.norm]);
            }
            f.add(BASE, &[view.base]);
            f.add(CLITIC, &[view.clitic]);
            f.add(SHAPE, &[view.shape_and_length]);
            for n in 0..4 {
                if view.prefixes[n] != 0 {
                    f.add(PREFIX, &[view.prefixes[n]]);
                }
                if view.suffixes[n] != 0 {
                    f.add(SUFFIX, &[view.suffixes[n]]);
                }
            }
            let (prev, next) = (at(i - 1), at(i + 1));
            let (prev2, next2) = (at(i - 2), at(i + 2));
            f.add(WORD_BEFORE, &[prev.core]);
            f.add(WORD_AFTER, &[next.core]);
            f.add(WORD_BEFORE2, &[prev2.core]);
            f.add(WORD_AFTER2, &[next2.core]);
            f.add(BASE_BEFORE, &[prev.base]);
            f.add(BASE_AFTER, &[next.base]);
            f.add(WORD_BEFORE_BASE, &[prev.core, view.base]);
            f.add(BASE_WORD_AFTER, &[view.base, next.core]);
            f.add(SHAPES_AROUND, &[prev.shape, view.shape, next.shape]);
            if prev.suffixes[1] != 0 {
                f.add(SUFFIX_BEFORE, &[prev.suffixes[1]]);
            }
            if next.suffixes[1] != 0 {
                f.add(SUFFIX_AFTER, &[next.suffixes[1]]);
            }
            f.add(PUNCT_BEFORE, &[prev.trailing_punct]);
            if index == 0 {
                f.add(SENTENCE_START, &[]);
            }
            if index + 1 == views.len() {
                f.add(SENTENCE_END, &[]);
            }
            for class in class_codes(begins[index]) {
                f.add(LEX_BEGIN, &[class]);
            }
            for class in class_codes(continues[index]) {
                f.add(LEX_INSIDE, &[class]);
            }
            if index > 0 {
                for class in class_codes(covering[index - 1]) {
                    f.add(LEX_BEFORE, &[class]);
                }
            }
            if index >= 2 {
                for class in class_codes(covering[index - 2]) {
                    f.add(LEX_BEFORE2, &[class]);
                }
            }
            if let Some(&next_classes) = covering.get(index + 1) {
                for class in class_codes(next_classes) {
                    f.add(LEX_AFTER, &[class]);
                }
            }
            for class in class_codes(view.name_parts) {
                f.add(LEX_NAME_PART, &[class]);
            }
            if quoted[index] & QUOTE_INSIDE != 0 {
                f.add(QUOTED, &[]);
            }
            if quoted[index] & QUOTE_OPENS != 0 {
                f.add(QUOTE_FIRST, &[view.shape]);
            }
            if quoted[index] & QUOTE_CLOSES != 0 {
                f.add(QUOTE_LAST, &[]);
            }
            if !self.clusters.is_empty() {
                match &view.clusters {
                    Some(ids) => {
                        for &id in ids {
                            f.add(CLUSTER, &[id]);
                        }
                    }
                    None => f.add(CLUSTER_NONE, &[view.shape]),
                }
                if let Some(ids) = &prev.clusters {
                    f.add(CLUSTER_BEFORE, &[ids[1]]);
                }
                if let Some(ids) = &next.clusters {
                    f.add(CLUSTER_AFTER, &[ids[1]]);
                }
            }
            all.push(features);
        }
        (all, keys)
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
    fn quoted_runs_are_marked_only_when_the_quote_closes() {
        let marks = quoted_spans(&["برنامج", "«", "صباح", "الخير", "»", "اليوم"]);
        assert_eq!(marks, [0, 0, QUOTE_INSIDE | QUOTE_OPENS, QUOTE_INSIDE | QUOTE_CLOSES, 0, 0]);
        let marks = quoted_spans(&["قال", "\"", "نحن", "هنا", "\"", "و", "\"", "لا"]);
        assert_eq!(marks[2], QUOTE_INSIDE | QUOTE_OPENS);
        assert_eq!(marks[7], 0, "an unclosed quote marks nothing");
        assert_eq!(quoted_spans(&["»", "«", "'"]), [0, 0, 0]);
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
