//! The second pass: names already found nearby in the document inform each word.
//!
//! News names a person in full once ("the minister Firstname Surname") and by surname alone
//! afterwards; the alone mentions are where a single-sentence tagger fails. The second pass sees,
//! for each word, how the first pass tagged the same word elsewhere in the document (or in a
//! window of sentences around it when documents are not marked), plus the first pass's own tags
//! around it, and decides again (stacking, as in Krishnan & Manning 2006).
//!
//! The second pass must be trained on first-pass tags as wrong as they will be on new text, so
//! training tags each fold of the training data with a first pass trained on the other folds.

use super::conll::TaggedSentence;
use super::features::{memory_key, FeatureExtractor, FeatureWriter, TokenFeatures};
use super::hashing::{hash_str, IdMap};
use super::model::{Model, ModelError};
use super::tags::{Tag, TAG_COUNT};
use super::train::{train_on_features, TrainOptions};
use std::collections::HashMap;

/// Feature templates of the second pass.
mod template {
    use super::hash_str;
    pub const TAG: u64 = hash_str("p0");
    pub const TAG_BEFORE: u64 = hash_str("p-1p0");
    pub const TAG_AFTER: u64 = hash_str("p0p+1");
    pub const CONTEXT: u64 = hash_str("mem");
    pub const CONTEXT_KIND: u64 = hash_str("memkind");
    pub const TRAINING: u64 = hash_str("tl");
    pub const TRAINING_SHARE: u64 = hash_str("tlshare");
}

/// The hash standing for a first-pass tag in features; `None` is the edge of the sentence.
fn tag_part(tag: Option<Tag>, before: bool) -> u64 {
    match tag {
        Some(tag) => hash_str("tag").wrapping_add(tag.index() as u64 + 1),
        None if before => hash_str("^"),
        None => hash_str("$"),
    }
}

/// Adds one sentence's first-pass tags to (`sign` 1) or removes them from (`sign` -1) per-word
/// counts.
fn count_sentence(counts: &mut IdMap<[i32; TAG_COUNT]>, keys: &[u64], tags: &[Tag], sign: i32) {
    for (&key, tag) in keys.iter().zip(tags) {
        if key != 0 {
            counts.entry(key).or_insert([0; TAG_COUNT])[tag.index()] += sign;
        }
    }
}

/// Adds second-pass features to `features` (first-pass features of every sentence of a context),
/// given each word's memory key (see [`FeatureExtractor::document`]) and the first-pass tags.
/// `window` bounds how many sentences before and after count as the same document (`usize::MAX`
/// for a whole document).
pub fn add_context_features(
    keys: &[Vec<u64>],
    first_pass: &[Vec<Tag>],
    features: &mut [Vec<TokenFeatures>],
    window: usize,
) {
    let sentences = keys.len().min(first_pass.len());
    // Tag counts per word over the sentences `from..to`, slid along with the current sentence.
    let mut counts: IdMap<[i32; TAG_COUNT]> = IdMap::default();
    let mut to = 0;
    let mut from = 0;
    for i in 0..sentences {
        let want_to = i.saturating_add(window).saturating_add(1).min(sentences);
        while to < want_to {
            count_sentence(&mut counts, &keys[to], &first_pass[to], 1);
            to += 1;
        }
        while from < i.saturating_sub(window) {
            count_sentence(&mut counts, &keys[from], &first_pass[from], -1);
            from += 1;
        }
        let tags = &first_pass[i];
        for (t, &key) in keys[i].iter().enumerate() {
            let Some(token_features) = features.get_mut(i).and_then(|s| s.get_mut(t)) else {
                continue;
            };
            let mut f = FeatureWriter { out: token_features };
            let here = tag_part(tags.get(t).copied(), false);
            let before = tag_part(t.checked_sub(1).and_then(|k| tags.get(k)).copied(), true);
            let after = tag_part(tags.get(t + 1).copied(), false);
            f.add(template::TAG, &[here]);
            f.add(template::TAG_BEFORE, &[before, here]);
            f.add(template::TAG_AFTER, &[here, after]);
            if key == 0 {
                continue;
            }
            let mut total = counts.get(&key).copied().unwrap_or_default();
            // Not counting this very occurrence: the question is what the rest of the text says.
            if let Some(own) = tags.get(t) {
                total[own.index()] -= 1;
            }
            let total = total.map(|n| n.max(0) as u32);
            let names: u32 = total[1..].iter().sum();
            if names == 0 {
                if total[0] > 0 {
                    f.add(template::CONTEXT, &[hash_str("O-only")]);
                }
                continue;
            }
            for (index, &n) in total.iter().enumerate().skip(1) {
                if n > 0 {
                    f.add(template::CONTEXT, &[tag_part(Some(Tag::from_index(index)), false)]);
                }
            }
            let majority = (1..TAG_COUNT).max_by_key(|&k| total[k]).map(Tag::from_index);
            if let Some(kind) = majority.and_then(Tag::kind) {
                let share = if total[0] > names { "minority" } else { "majority" };
                f.add(template::CONTEXT_KIND, &[hash_str(kind.label()), hash_str(share)]);
            }
        }
    }
}

/// How often each word (by its [`memory_key`]) carried each tag in tagged training text.
pub type NameMemory = HashMap<String, [u32; TAG_COUNT]>;

/// Counts the tags of every word of tagged sentences.
pub fn name_memory(sentences: &[TaggedSentence]) -> NameMemory {
    let mut memory = NameMemory::new();
    for sentence in sentences {
        for (word, tag) in sentence.words.iter().zip(&sentence.tags) {
            let key = memory_key(word);
            if !key.is_empty() {
                memory.entry(key).or_insert([0; TAG_COUNT])[tag.index()] += 1;
            }
        }
    }
    memory
}

/// The stored form of a memory: gzipped `word<TAB>count,count,…` lines, sorted.
pub fn memory_to_bytes(memory: &NameMemory) -> Vec<u8> {
    use std::io::Write;
    let mut keys: Vec<&String> = memory.keys().collect();
    keys.sort();
    let mut text = String::new();
    for key in keys {
        let counts: Vec<String> = memory[key].iter().map(u32::to_string).collect();
        text.push_str(&format!("{key}\t{}\n", counts.join(",")));
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(text.as_bytes());
    encoder.finish().unwrap_or_default()
}

/// Reads a memory written by [`memory_to_bytes`].
pub fn memory_from_bytes(bytes: &[u8]) -> Result<NameMemory, ModelError> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut text)?;
    let mut memory = NameMemory::new();
    for line in text.lines() {
        let (key, counts) = line.split_once('\t').ok_or(ModelError::Corrupt("memory line"))?;
        let mut row = [0u32; TAG_COUNT];
        let mut fields = counts.split(',');
        for slot in &mut row {
            *slot = fields.next().and_then(|n| n.parse().ok()).ok_or(ModelError::Corrupt("memory counts"))?;
        }
        memory.insert(key.to_string(), row);
    }
    Ok(memory)
}

/// A memory keyed by the hash of each word's memory key, for lookups while tagging.
pub type MemoryIndex = IdMap<[u32; TAG_COUNT]>;

/// The lookup form of a memory.
pub fn memory_index(memory: &NameMemory) -> MemoryIndex {
    memory.iter().map(|(key, counts)| (hash_str(key), *counts)).collect()
}

/// Adds features saying how a word was tagged in the training text: a name met in another
/// article is likely the same kind of name here, and the weights learn how far to trust that.
/// `keys` are the words' hashed memory keys (see [`FeatureExtractor::document`]).
pub fn add_memory_features(keys: &[Vec<u64>], memory: &MemoryIndex, features: &mut [Vec<TokenFeatures>]) {
    for (sentence, sentence_features) in keys.iter().zip(features.iter_mut()) {
        for (&key, token_features) in sentence.iter().zip(sentence_features.iter_mut()) {
            if key == 0 {
                continue;
            }
            let mut f = FeatureWriter { out: token_features };
            let Some(counts) = memory.get(&key) else {
                f.add(template::TRAINING, &[hash_str("unseen")]);
                continue;
            };
            let total: u32 = counts.iter().sum();
            let names: u32 = counts[1..].iter().sum();
            let share = match names * 4 / total.max(1) {
                0 => {
                    if names == 0 {
                        "never"
                    } else {
                        "rarely"
                    }
                }
                1 | 2 => "often",
                _ => "mostly",
            };
            let share = hash_str(share);
            f.add(template::TRAINING_SHARE, &[share]);
            for (index, &n) in counts.iter().enumerate().skip(1) {
                if n > 0 {
                    f.add(template::TRAINING, &[tag_part(Some(Tag::from_index(index)), false), share]);
                }
            }
        }
    }
}

/// Options of stacked training.
#[derive(Debug, Clone, Copy)]
pub struct StackOptions {
    /// Options of each perceptron trained.
    pub train: TrainOptions,
    /// Folds for the first-pass tags of the training data.
    pub folds: usize,
    /// Sentences before and after that count as context when no document boundaries are known.
    pub window: usize,
}

impl Default for StackOptions {
    fn default() -> Self {
        StackOptions { train: TrainOptions::default(), folds: 5, window: 10 }
    }
}

/// Trains both passes. Sentences are taken in corpus order (neighbouring sentences are assumed
/// to come from the same article). Returns `(first_pass, second_pass)`.
pub fn train_stacked(
    features: &FeatureExtractor,
    sentences: &[TaggedSentence],
    options: StackOptions,
    mut progress: impl FnMut(&str),
) -> (Model, Model) {
    let words: Vec<Vec<&str>> = sentences.iter().map(TaggedSentence::word_refs).collect();
    let (first_features, keys) = features.document(&words);
    let folds = options.folds.max(2).min(sentences.len().max(2));
    let fold_len = sentences.len().div_ceil(folds).max(1);
    let mut jackknifed: Vec<Vec<Tag>> = Vec::with_capacity(sentences.len());
    let mut fold_memories: Vec<(usize, usize, NameMemory)> = Vec::new();
    for fold in 0..folds {
        let (start, end) = ((fold * fold_len).min(sentences.len()), ((fold + 1) * fold_len).min(sentences.len()));
        if start == end {
            continue;
        }
        let rest_sentences: Vec<TaggedSentence> = sentences[..start].iter().chain(&sentences[end..]).cloned().collect();
        let rest_features: Vec<Vec<TokenFeatures>> =
            first_features[..start].iter().chain(&first_features[end..]).cloned().collect();
        let model = train_on_features(&rest_sentences, &rest_features, options.train, |_, _| {});
        fold_memories.push((start, end, name_memory(&rest_sentences)));
        for token_features in &first_features[start..end] {
            jackknifed.push(model.decode(&model.emissions(token_features)).into_iter().map(Tag::from_index).collect());
        }
        progress(&format!("fold {}/{folds} tagged", fold + 1));
    }
    let first_pass = train_on_features(sentences, &first_features, options.train, |_, _| {});
    progress("first pass trained");
    let mut second_features = first_features;
    add_context_features(&keys, &jackknifed, &mut second_features, options.window);
    for (start, end, memory) in &fold_memories {
        add_memory_features(&keys[*start..*end], &memory_index(memory), &mut second_features[*start..*end]);
    }
    let second_pass = train_on_features(sentences, &second_features, options.train, |_, _| {});
    progress("second pass trained");
    (first_pass, second_pass)
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::*;

    #[test]
    fn a_word_tagged_as_a_name_elsewhere_gets_memory_features() {
        let extractor = FeatureExtractor::with_lexicon(Lexicon::default());
        let sentences = vec![vec!["قال", "الوزير", "سامي", "البرتقالي"], vec!["وأضاف", "البرتقالي", "أمس"]];
        let pers = |s: &str| Tag::parse(s).unwrap();
        let first_pass = vec![vec![pers("O"), pers("O"), pers("B-PERS"), pers("I-PERS")], vec![pers("O"); 3]];
        let (mut with_memory, keys) = extractor.document(&sentences);
        add_context_features(&keys, &first_pass, &mut with_memory, 5);
        let (mut far_apart, _) = extractor.document(&sentences);
        add_context_features(&keys, &first_pass, &mut far_apart, 0);
        // The surname alone in the second sentence remembers the full name; with no window it cannot.
        assert!(with_memory[1][1].len() > far_apart[1][1].len());
        // The word "أمس" was never a name: same features either way.
        assert_eq!(with_memory[1][2], far_apart[1][2]);
    }

    #[test]
    fn training_memory_counts_tags_and_round_trips() {
        let sentences = super::super::read_conll("زار O\nسمير B-PERS\nالحداد I-PERS\n\nقال O\nالحداد B-PERS\n");
        let memory = name_memory(&sentences);
        let counts = memory[&memory_key("الحداد")];
        assert_eq!(counts[Tag::parse("I-PERS").unwrap().index()], 1);
        assert_eq!(counts[Tag::parse("B-PERS").unwrap().index()], 1);
        assert_eq!(memory_from_bytes(&memory_to_bytes(&memory)).unwrap(), memory);
        assert!(memory_from_bytes(b"junk").is_err());
        let keys = vec![vec![hash_str(&memory_key("الحداد")), hash_str(&memory_key("غريب"))]];
        let mut features = vec![vec![Vec::new(), Vec::new()]];
        add_memory_features(&keys, &memory_index(&memory), &mut features);
        assert_eq!(features[0][0].len(), 3);
        assert_eq!(features[0][1].len(), 1);
    }
}
