//! A trained sequence tagger for names: people, places, organisations and other names (ANERcorp's
//! PERS, LOC, ORG, MISC) in BIO.
//!
//! Where input comes from: a sentence as words (whitespace tokens with their clitics attached, the
//! way ANERcorp and isnad's tokenizer cut them; any spelling, they are normalised here). Where
//! output goes: one tag and a confidence per word, for the entity recogniser to merge with its
//! gazetteer and rule matches, and for `isnad ner`.
//!
//! The model is an averaged structured perceptron ([`train`]) over word, affix, clitic, shape,
//! context and gazetteer features ([`features`]), trained on ANERcorp's training split. The shipped
//! weights live in `models/ner.bin.gz` and are compiled in, so the binary needs no data files.
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

pub mod conll;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod tags;
pub mod train;

pub use conll::{read_conll, write_conll, Counts, TaggedSentence};
pub use features::FeatureExtractor;
pub use model::{Model, ModelError};
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
    model: Model,
}

impl Tagger {
    /// The tagger with the compiled-in model, loaded once and shared.
    pub fn shipped() -> Result<&'static Tagger, &'static ModelError> {
        static SHIPPED: OnceLock<Result<Tagger, ModelError>> = OnceLock::new();
        SHIPPED.get_or_init(|| Tagger::from_model_bytes(SHIPPED_MODEL)).as_ref()
    }

    /// A tagger over a stored model (as written by [`Model::to_bytes`]).
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger::new(FeatureExtractor::new(), Model::from_bytes(bytes)?))
    }

    /// A tagger from parts (tests and training use their own features and weights).
    pub fn new(features: FeatureExtractor, model: Model) -> Tagger {
        Tagger { features, model }
    }

    /// The weights.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence, given as its words in order: one result per word.
    pub fn tag(&self, words: &[&str]) -> Vec<TaggedToken> {
        let emissions = self.model.emissions(&self.features.sentence(words));
        let path = self.model.decode(&emissions);
        let marginals = self.model.marginals(&emissions);
        path.into_iter()
            .zip(marginals)
            .map(|(index, probabilities)| TaggedToken { tag: Tag::from_index(index), confidence: probabilities[index] })
            .collect()
    }

    /// Tags only (no confidences: skips forward-backward, about twice as fast).
    pub fn tag_only(&self, words: &[&str]) -> Vec<Tag> {
        let emissions = self.model.emissions(&self.features.sentence(words));
        self.model.decode(&emissions).into_iter().map(Tag::from_index).collect()
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

    /// Entity-level counts of this tagger against tagged sentences.
    pub fn evaluate(&self, gold: &[TaggedSentence]) -> Counts {
        let mut counts = Counts::default();
        for sentence in gold {
            counts.add(&sentence.tags, &self.tag_only(&sentence.word_refs()));
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
                text.push_str(&format!("قالت O\nهيئة B-ORG\nالمياه I-ORG\nفي O\n{} B-LOC\nإن O\n{given} B-PERS\nسافر O\n\n", place.split(' ').next().unwrap_or("")));
            }
        }
        read_conll(&text)
    }

    #[test]
    fn training_on_a_tiny_corpus_learns_it() {
        let corpus = composed_corpus();
        let features = FeatureExtractor::with_lexicon(Lexicon::default());
        let mut epochs_seen = 0;
        let model = train(&features, &corpus, TrainOptions { epochs: 8, seed: 3 }, |_, _| epochs_seen += 1);
        assert_eq!(epochs_seen, 8);
        let tagger = Tagger::new(features, model);
        let counts = tagger.evaluate(&corpus);
        assert_eq!(counts.false_positives + counts.false_negatives, 0, "{counts:?}");
        // A new sentence reusing the learnt names and frames.
        let tagged = tagger.tag(&["غادر", "ليلى", "الناصري", "إلى", "قرطين", "أمس"]);
        let tags: Vec<String> = tagged.iter().map(|t| t.tag.to_string()).collect();
        assert_eq!(tags, ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]);
        assert!(tagged.iter().all(|t| (0.0..=1.0).contains(&t.confidence)));
        let names = Tagger::names(&tagged);
        assert_eq!(names.iter().map(|n| (n.0, n.1, n.2)).collect::<Vec<_>>(), [(1, 3, EntityKind::Person), (4, 5, EntityKind::Location)]);
    }

    #[test]
    fn trained_model_survives_storage() {
        let corpus = composed_corpus();
        let model = train(&FeatureExtractor::with_lexicon(Lexicon::default()), &corpus, TrainOptions::default(), |_, _| {});
        let stored = Model::from_bytes(&model.to_bytes(0.0)).unwrap();
        let original = Tagger::new(FeatureExtractor::with_lexicon(Lexicon::default()), model);
        let reloaded = Tagger::new(FeatureExtractor::with_lexicon(Lexicon::default()), stored);
        for sentence in &corpus {
            assert_eq!(original.tag_only(&sentence.word_refs()), reloaded.tag_only(&sentence.word_refs()));
        }
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
