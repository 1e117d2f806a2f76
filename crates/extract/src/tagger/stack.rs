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
use super::model::{Model, ModelError};
use super::tags::{Tag, TAG_COUNT};
use super::train::{train_on_features, TrainOptions};
use std::collections::HashMap;

/// How the first pass tagged one remembered word across the context.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// Occurrences per dense tag index.
    by_tag: [u16; TAG_COUNT],
}

/// Adds second-pass features to `features` (first-pass features of every sentence of a context),
/// given the first-pass tags. `window` bounds how many sentences before and after count as the
/// same document (`usize::MAX` for a whole document).
pub fn add_context_features(
    sentences: &[Vec<&str>],
    first_pass: &[Vec<Tag>],
    features: &mut [Vec<TokenFeatures>],
    window: usize,
) {
    let keys: Vec<Vec<String>> = sentences.iter().map(|s| s.iter().map(|w| memory_key(w)).collect()).collect();
    // Per sentence: per key, tag counts within that sentence (so a window is a sum of a few maps).
    let per_sentence: Vec<HashMap<&str, Seen>> = keys
        .iter()
        .zip(first_pass)
        .map(|(sentence_keys, tags)| {
            let mut seen: HashMap<&str, Seen> = HashMap::new();
            for (key, tag) in sentence_keys.iter().zip(tags) {
                if !key.is_empty() {
                    let slot = &mut seen.entry(key.as_str()).or_default().by_tag[tag.index()];
                    *slot = slot.saturating_add(1);
                }
            }
            seen
        })
        .collect();
    for (i, sentence_keys) in keys.iter().enumerate() {
        let from = i.saturating_sub(window);
        let to = i.saturating_add(window).saturating_add(1).min(keys.len());
        let tags = &first_pass[i];
        for (t, key) in sentence_keys.iter().enumerate() {
            let Some(token_features) = features.get_mut(i).and_then(|s| s.get_mut(t)) else { continue };
            let mut f = FeatureWriter { out: token_features };
            let tag_at = |k: isize| -> String {
                if k < 0 {
                    return "^".into();
                }
                tags.get(k as usize).map_or_else(|| "$".into(), Tag::to_string)
            };
            let t_signed = t as isize;
            let here = tag_at(t_signed);
            f.add("p0", &[&here]);
            f.add("p-1p0", &[&tag_at(t_signed - 1), &here]);
            f.add("p0p+1", &[&here, &tag_at(t_signed + 1)]);
            if key.is_empty() {
                continue;
            }
            let mut total = Seen::default();
            for seen in &per_sentence[from..to] {
                if let Some(s) = seen.get(key.as_str()) {
                    for (sum, n) in total.by_tag.iter_mut().zip(s.by_tag) {
                        *sum = sum.saturating_add(n);
                    }
                }
            }
            // Not counting this very occurrence: the question is what the rest of the text says.
            if let Some(own) = tags.get(t) {
                total.by_tag[own.index()] = total.by_tag[own.index()].saturating_sub(1);
            }
            let names: u32 = total.by_tag[1..].iter().map(|&n| u32::from(n)).sum();
            if names == 0 {
                if total.by_tag[0] > 0 {
                    f.add("mem", &["O-only"]);
                }
                continue;
            }
            for (index, &n) in total.by_tag.iter().enumerate().skip(1) {
                if n > 0 {
                    f.add("mem", &[&Tag::from_index(index).to_string()]);
                }
            }
            let majority = (1..TAG_COUNT).max_by_key(|&k| total.by_tag[k]).map(Tag::from_index);
            if let Some(kind) = majority.and_then(Tag::kind) {
                let share = if u32::from(total.by_tag[0]) > names { "minority" } else { "majority" };
                f.add("memkind", &[kind.label(), share]);
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

/// Adds features saying how a word was tagged in the training text: a name met in another
/// article is likely the same kind of name here, and the weights learn how far to trust that.
pub fn add_memory_features(sentences: &[Vec<&str>], memory: &NameMemory, features: &mut [Vec<TokenFeatures>]) {
    for (sentence, sentence_features) in sentences.iter().zip(features.iter_mut()) {
        for (word, token_features) in sentence.iter().zip(sentence_features.iter_mut()) {
            let key = memory_key(word);
            if key.is_empty() {
                continue;
            }
            let mut f = FeatureWriter { out: token_features };
            let Some(counts) = memory.get(&key) else {
                f.add("tl", &["unseen"]);
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
            f.add("tlshare", &[share]);
            for (index, &n) in counts.iter().enumerate().skip(1) {
                if n > 0 {
                    f.add("tl", &[&Tag::from_index(index).to_string(), share]);
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
    let first_features: Vec<Vec<TokenFeatures>> = words.iter().map(|w| features.sentence(w)).collect();
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
    add_context_features(&words, &jackknifed, &mut second_features, options.window);
    for (start, end, memory) in &fold_memories {
        add_memory_features(&words[*start..*end], memory, &mut second_features[*start..*end]);
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
        let mut with_memory: Vec<Vec<TokenFeatures>> = sentences.iter().map(|s| extractor.sentence(s)).collect();
        add_context_features(&sentences, &first_pass, &mut with_memory, 5);
        let mut far_apart = sentences.iter().map(|s| extractor.sentence(s)).collect::<Vec<_>>();
        add_context_features(&sentences, &first_pass, &mut far_apart, 0);
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
        let words = vec![vec!["الحداد", "غريب"]];
        let mut features = vec![vec![Vec::new(), Vec::new()]];
        add_memory_features(&words, &memory, &mut features);
        assert_eq!(features[0][0].len(), 3);
        assert_eq!(features[0][1].len(), 1);
    }
}
