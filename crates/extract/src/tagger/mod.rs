//! A trained sequence tagger for names: people, places, organisations and other names (ANERcorp's
//! PERS, LOC, ORG, MISC) in BIO.
//!
//! Where input comes from: a sentence as words (whitespace tokens with their clitics attached, the
//! way ANERcorp and isnad's tokenizer cut them; any spelling, they are normalised here). Where
//! output goes: one tag and a confidence per word, for the entity recogniser to merge with its
//! gazetteer and rule matches, and for `isnad ner`.
//!
//! The model is an averaged structured perceptron ([`train`]) over word, affix, clitic, shape,
//! context, quoted-run and gazetteer features ([`features`], [`lexicon`]; the gazetteer includes
//! hand-made foreign given names from `data/tagger/`), optionally word clusters learnt from
//! unlabelled text ([`clusters`]; stored inside the model, not used by the shipped one), trained
//! on ANERcorp's training split, run twice:
//! the second pass ([`stack`]) also sees how the first pass tagged the same word elsewhere in the
//! document and how the word was tagged in the training text. The shipped weights live in
//! `models/ner.bin.gz` (about 2 MB) and are compiled in, so the binary needs no data files.
//! They are rebuilt with
//! `isnad ner --train ANERCorp_CamelLab_train.txt --out models/ner.bin.gz` (deterministic, ~5 s).
//! Tagging scores with a packed 16-bit table ([`packed`]): about 590,000 tokens/s on one core
//! without confidences (`examples/tagger_bench.rs`).
//!
//! For the entity recogniser: call [`Tagger::tag_document`] with the article's sentences (each
//! as its token texts), then [`Tagger::names`] per sentence for `(start, end, kind, confidence)`
//! over token indexes; map token ranges to byte spans with the tokens' own spans.
//!
//! ```
//! use isnad_extract::tagger::Tagger;
//! let tagger = Tagger::shipped().expect("the shipped model loads");
//! let tagged = tagger.tag(&["قال", "الرئيس", "الفرنسي", "في", "باريس"]);
//! assert_eq!(tagged.len(), 5);
//! for (start, end, kind, confidence) in Tagger::names(&tagged) {
//!     assert!(start < end && end <= 5 && confidence > 0.0);
//!     let _ = kind.label();
//! }
//! ```
//!
//! Invariant: the tags of one sentence are always well-formed BIO (an `I-X` only continues an `X`).

pub mod clusters;
pub mod conll;
pub mod features;
pub mod hashing;
pub mod lexicon;
pub mod model;
pub mod packed;
pub mod stack;
pub mod tags;
pub mod train;

pub use clusters::{ClusterOptions, WordClusters};
pub use conll::{read_conll, write_conll, Counts, TaggedSentence};
pub use features::FeatureExtractor;
pub use features::TokenFeatures;
pub use model::{Model, ModelError};
pub use packed::PackedModel;
pub use stack::{train_stacked, StackOptions};
pub use tags::{EntityKind, Tag, TAG_COUNT};
pub use train::{train, TrainOptions};

use std::sync::OnceLock;

/// The model trained on ANERcorp (see `isnad ner --train` for how it was made).
const SHIPPED_MODEL: &[u8] = include_bytes!("../../../../models/ner.bin.gz");

/// The tag of one word and how sure the tagger is of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedToken {
    pub tag: Tag,
    /// Share of the tagger's probability mass on `tag` at this word, in `[0, 1]`: a confidence for
    /// ranking and thresholds, not a calibrated probability.
    pub confidence: f32,
}

/// Features plus weights: tags sentences.
#[derive(Debug)]
pub struct Tagger {
    features: FeatureExtractor,
    first_pass: Model,
    /// The document-context pass ([`stack`]); `None` for a single-pass model.
    second_pass: Option<Model>,
    /// The passes in their tagging-time form.
    packed_first: PackedModel,
    packed_second: Option<PackedModel>,
    /// How words were tagged in the training text, for the second pass.
    memory: Option<stack::NameMemory>,
    memory_index: Option<stack::MemoryIndex>,
}

/// Marks a stored two-pass tagger (two stored models, each length-prefixed).
const STACK_MAGIC: &[u8; 8] = b"ISNADSTK";

impl Tagger {
    /// The tagger with the compiled-in model, loaded once and shared.
    pub fn shipped() -> Result<&'static Tagger, &'static ModelError> {
        static SHIPPED: OnceLock<Result<Tagger, ModelError>> = OnceLock::new();
        SHIPPED.get_or_init(|| Tagger::from_model_bytes(SHIPPED_MODEL)).as_ref()
    }

    /// A tagger over a stored model, as written by [`Tagger::to_bytes`] (or one pass alone, as
    /// written by [`Model::to_bytes`]).
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let Some(rest) = bytes.strip_prefix(STACK_MAGIC) else {
            return Ok(Tagger::new(FeatureExtractor::new(), Model::from_bytes(bytes)?, None));
        };
        // Parts: first pass, second pass, then optionally the training memory and the word
        // clusters the features were built with.
        let mut parts = Vec::new();
        let mut memory = None;
        let mut clusters = WordClusters::default();
        let mut rest = rest;
        while !rest.is_empty() {
            let (len, tail) = rest.split_first_chunk::<4>().ok_or(ModelError::Corrupt("stack length"))?;
            let len = u32::from_le_bytes(*len) as usize;
            if len > tail.len() {
                return Err(ModelError::Corrupt("stack part"));
            }
            if parts.len() < 2 {
                parts.push(Model::from_bytes(&tail[..len])?);
            } else if memory.is_none() {
                memory = Some(&tail[..len]);
            } else {
                clusters = clusters::from_bytes(&tail[..len])?;
            }
            rest = &tail[len..];
        }
        let mut parts = parts.into_iter();
        let first_pass = parts.next().ok_or(ModelError::Corrupt("empty stack"))?;
        let features = FeatureExtractor::new().with_clusters(clusters);
        let mut tagger = Tagger::new(features, first_pass, parts.next());
        if let Some(memory) = memory.filter(|m| !m.is_empty()) {
            tagger = tagger.with_memory(stack::memory_from_bytes(memory)?);
        }
        Ok(tagger)
    }

    /// The stored form (see [`Model::to_bytes`] for `prune_below`).
    pub fn to_bytes(&self, prune_below: f32) -> Vec<u8> {
        let Some(second_pass) = &self.second_pass else {
            return self.first_pass.to_bytes(prune_below);
        };
        let mut bytes = STACK_MAGIC.to_vec();
        let mut parts = vec![self.first_pass.to_bytes(prune_below), second_pass.to_bytes(prune_below)];
        let clusters = self.features.clusters();
        match &self.memory {
            Some(memory) => parts.push(stack::memory_to_bytes(memory)),
            // An empty part keeps the clusters' place.
            None if !clusters.is_empty() => parts.push(Vec::new()),
            None => {}
        }
        if !clusters.is_empty() {
            parts.push(clusters::to_bytes(clusters));
        }
        for part in parts {
            bytes.extend_from_slice(&(part.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&part);
        }
        bytes
    }

    /// A tagger from parts (tests and training use their own features and weights).
    pub fn new(features: FeatureExtractor, first_pass: Model, second_pass: Option<Model>) -> Tagger {
        Tagger {
            features,
            packed_first: PackedModel::new(&first_pass),
            packed_second: second_pass.as_ref().map(PackedModel::new),
            first_pass,
            second_pass,
            memory: None,
            memory_index: None,
        }
    }

    /// Adds the training text's tag counts per word (used by the second pass).
    pub fn with_memory(mut self, memory: stack::NameMemory) -> Tagger {
        self.memory_index = Some(stack::memory_index(&memory));
        self.memory = Some(memory);
        self
    }

    /// Number of weighted features over both passes.
    pub fn feature_count(&self) -> usize {
        self.first_pass.feature_count() + self.second_pass.as_ref().map_or(0, Model::feature_count)
    }

    /// Tags one sentence, given as its words in order: one result per word. Prefer
    /// [`Tagger::tag_document`] when the other sentences of the article are at hand: names met
    /// elsewhere in the article help.
    pub fn tag(&self, words: &[&str]) -> Vec<TaggedToken> {
        self.tag_document(&[words.to_vec()]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document (one article), each given as its words.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TaggedToken>> {
        self.tag_sentences(sentences, usize::MAX, true)
    }

    /// Tags a run of sentences with no document boundaries, treating the `window` sentences before
    /// and after each one as its document. With `confidence` false, confidences are left at 0 and
    /// the forward-backward pass is skipped (about twice as fast).
    pub fn tag_sentences(&self, sentences: &[Vec<&str>], window: usize, confidence: bool) -> Vec<Vec<TaggedToken>> {
        // Each sentence's features are scored by both passes as soon as they are built and then
        // dropped: only scores, tags and memory keys are kept for the whole run, so memory stays
        // small on long inputs. The second pass adds its own few features' scores afterwards.
        let mut cache = features::WordCache::default();
        let mut keys = Vec::with_capacity(sentences.len());
        let mut first_tags = Vec::with_capacity(sentences.len());
        let mut scores = Vec::with_capacity(sentences.len());
        for words in sentences {
            let (token_features, sentence_keys) = self.features.sentence_with(words, &mut cache);
            let first = self.packed_first.emissions(&token_features);
            match &self.packed_second {
                Some(second_pass) => {
                    let path = self.packed_first.decode(&first);
                    first_tags.push(path.into_iter().map(Tag::from_index).collect::<Vec<_>>());
                    scores.push(second_pass.emissions(&token_features));
                }
                None => scores.push(first),
            }
            keys.push(sentence_keys);
        }
        let model = match &self.packed_second {
            Some(second_pass) => {
                let mut stacked: Vec<Vec<TokenFeatures>> = keys.iter().map(|k| vec![Vec::new(); k.len()]).collect();
                stack::add_context_features(&keys, &first_tags, &mut stacked, window);
                if let Some(memory) = &self.memory_index {
                    stack::add_memory_features(&keys, memory, &mut stacked);
                }
                for (sentence_scores, sentence_stacked) in scores.iter_mut().zip(&stacked) {
                    let extra = second_pass.emissions(sentence_stacked);
                    for (token_scores, token_extra) in sentence_scores.iter_mut().zip(extra) {
                        for (score, add) in token_scores.iter_mut().zip(token_extra) {
                            *score += add;
                        }
                    }
                }
                second_pass
            }
            None => &self.packed_first,
        };
        scores
            .iter()
            .map(|emissions| {
                let path = model.decode(emissions);
                let marginals =
                    if confidence { model.marginals(emissions) } else { vec![[0.0; TAG_COUNT]; path.len()] };
                path.into_iter()
                    .zip(marginals)
                    .map(|(index, p)| TaggedToken { tag: Tag::from_index(index), confidence: p[index] })
                    .collect()
            })
            .collect()
    }

    /// The names in a tagged sentence: `(start, end, kind, confidence)` over word indexes, end
    /// exclusive; the confidence is the lowest of the name's words.
    pub fn names(tagged: &[TaggedToken]) -> Vec<(usize, usize, EntityKind, f32)> {
        let tags: Vec<Tag> = tagged.iter().map(|t| t.tag).collect();
        conll::chunks(&tags)
            .into_iter()
            .map(|(start, end, kind)| {
                let confidence = tagged[start..end].iter().map(|t| t.confidence).fold(1.0f32, f32::min);
                (start, end, kind, confidence)
            })
            .collect()
    }

    /// Entity-level counts of this tagger against tagged sentences in corpus order.
    pub fn evaluate(&self, gold: &[TaggedSentence], window: usize) -> Counts {
        let words: Vec<Vec<&str>> = gold.iter().map(TaggedSentence::word_refs).collect();
        let mut counts = Counts::default();
        for (sentence, tagged) in gold.iter().zip(self.tag_sentences(&words, window, false)) {
            let predicted: Vec<Tag> = tagged.iter().map(|t| t.tag).collect();
            counts.add(&sentence.tags, &predicted);
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::Lexicon;
    use super::*;

    /// A tiny composed corpus: invented people travel to invented places and join invented bodies.
    fn composed_corpus() -> Vec<TaggedSentence> {
        let people = [("سمير", "الناصري"), ("ليلى", "البرقاوي"), ("خالد", "العمراني"), ("هدى", "الطرابيشي")];
        let places = ["زهرستان", "بلدة الوادي الأخضر", "قرطين", "مرسى النخيل"];
        let mut text = String::new();
        for (i, (given, family)) in people.iter().enumerate() {
            for (j, place) in places.iter().enumerate() {
                let verb = if (i + j) % 2 == 0 { "وصل" } else { "غادر" };
                text.push_str(&format!("{verb} O\n{given} B-PERS\n{family} I-PERS\nإلى O\n"));
                for (k, word) in place.split(' ').enumerate() {
                    text.push_str(&format!("{word} {}-LOC\n", if k == 0 { "B" } else { "I" }));
                }
                text.push_str("أمس O\n. O\n\n");
                text.push_str(&format!(
                    "قالت O\nهيئة B-ORG\nالمياه I-ORG\nفي O\n{} B-LOC\nإن O\n{given} B-PERS\nسافر O\n\n",
                    place.split(' ').next().unwrap_or("")
                ));
            }
        }
        read_conll(&text)
    }

    #[test]
    fn training_on_a_tiny_corpus_learns_it() {
        let corpus = composed_corpus();
        let features = FeatureExtractor::with_lexicon(Lexicon::default());
        let mut epochs_seen = 0;
        let model = train(
            &features,
            &corpus,
            TrainOptions { epochs: 8, seed: 3, min_feature_count: 1, margin: 1.0 },
            |_, _| epochs_seen += 1,
        );
        assert_eq!(epochs_seen, 8);
        let tagger = Tagger::new(features, model, None);
        let counts = tagger.evaluate(&corpus, 0);
        assert_eq!(counts.false_positives + counts.false_negatives, 0, "{counts:?}");
        // A new sentence reusing the learnt names and frames.
        let tagged = tagger.tag(&["غادر", "ليلى", "الناصري", "إلى", "قرطين", "أمس"]);
        let tags: Vec<String> = tagged.iter().map(|t| t.tag.to_string()).collect();
        assert_eq!(tags, ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]);
        assert!(tagged.iter().all(|t| (0.0..=1.0).contains(&t.confidence)));
        let names = Tagger::names(&tagged);
        assert_eq!(
            names.iter().map(|n| (n.0, n.1, n.2)).collect::<Vec<_>>(),
            [(1, 3, EntityKind::Person), (4, 5, EntityKind::Location)]
        );
    }

    #[test]
    fn trained_model_survives_storage() {
        let corpus = composed_corpus();
        let model =
            train(&FeatureExtractor::with_lexicon(Lexicon::default()), &corpus, TrainOptions::default(), |_, _| {});
        let stored = Model::from_bytes(&model.to_bytes(0.0)).unwrap();
        let original = Tagger::new(FeatureExtractor::with_lexicon(Lexicon::default()), model, None);
        let reloaded = Tagger::new(FeatureExtractor::with_lexicon(Lexicon::default()), stored, None);
        let words: Vec<Vec<&str>> = corpus.iter().map(TaggedSentence::word_refs).collect();
        let before = original.tag_sentences(&words, 3, true);
        let after = reloaded.tag_sentences(&words, 3, true);
        for (a, b) in before.iter().flatten().zip(after.iter().flatten()) {
            assert_eq!(a.tag, b.tag);
            // Weights are stored in 16 bits: confidences move a little, no more.
            assert!((a.confidence - b.confidence).abs() < 0.01, "{a:?} {b:?}");
        }
    }

    #[test]
    fn stacked_tagger_learns_and_survives_storage() {
        let corpus = composed_corpus();
        let features = FeatureExtractor::with_lexicon(Lexicon::default());
        let options = StackOptions {
            train: TrainOptions { epochs: 6, seed: 1, min_feature_count: 1, margin: 0.0 },
            folds: 3,
            window: 4,
        };
        let mut steps = Vec::new();
        let (first, second) = train_stacked(&features, &corpus, options, |step| steps.push(step.to_string()));
        assert_eq!(steps.len(), 5);
        let tagger = Tagger::new(features, first, Some(second)).with_memory(stack::name_memory(&corpus));
        assert_eq!(tagger.evaluate(&corpus, 4).f1(), 1.0);
        // Stored and reloaded (the reload uses the shipped lexicon, so compare with the same).
        let reloaded = Tagger::from_model_bytes(&tagger.to_bytes(0.0)).unwrap();
        let again = Tagger::from_model_bytes(&reloaded.to_bytes(0.0)).unwrap();
        let words: Vec<Vec<&str>> = corpus.iter().map(TaggedSentence::word_refs).collect();
        assert_eq!(reloaded.tag_sentences(&words, 4, true), again.tag_sentences(&words, 4, true));
        assert!(reloaded.second_pass.is_some());
        assert_eq!(reloaded.memory, tagger.memory);
        assert!(Tagger::from_model_bytes(b"ISNADSTK\x05\x00\x00\x00ab").is_err());
    }

    #[test]
    fn a_tagger_trained_with_clusters_stores_them_and_tags_the_same_after_reloading() {
        let corpus = composed_corpus();
        let words: Vec<Vec<&str>> = corpus.iter().map(TaggedSentence::word_refs).collect();
        let table = clusters::learn(&words, ClusterOptions { min_count: 1, ..ClusterOptions::default() });
        let features = FeatureExtractor::with_lexicon(Lexicon::default()).with_clusters(WordClusters::from_table(&table));
        let options = StackOptions { folds: 3, window: 4, ..StackOptions::default() };
        let (first, second) = train_stacked(&features, &corpus, options, |_| {});
        let tagger = Tagger::new(features, first, Some(second));
        let reloaded = Tagger::from_model_bytes(&tagger.to_bytes(0.0)).unwrap();
        assert_eq!(reloaded.features.clusters().table(), table);
        assert!(reloaded.memory.is_none());
        let again = Tagger::from_model_bytes(&reloaded.to_bytes(0.0)).unwrap();
        assert_eq!(reloaded.tag_sentences(&words, 4, false), again.tag_sentences(&words, 4, false));
    }

    #[test]
    fn shipped_tagger_handles_odd_input() {
        let tagger = Tagger::shipped().unwrap();
        assert!(tagger.tag(&[]).is_empty());
        let odd = ["", "\u{200f}", "((", "ـ", "123", "abc", "🙂", "ﻻ", "ًٌٍ"];
        let tagged = tagger.tag(&odd);
        assert_eq!(tagged.len(), odd.len());
        let long: Vec<&str> = std::iter::repeat("كلمة").take(2000).collect();
        assert_eq!(tagger.tag(&long).len(), 2000);
    }
}
