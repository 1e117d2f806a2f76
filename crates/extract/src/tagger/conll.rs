//! CoNLL-style token-per-line text: reading sentences, writing tags, and entity-level scores.
//!
//! The format is ANERcorp's: one token per line, the token first and the tag last on the line,
//! a blank line between sentences. Lines are taken as they come: a missing or unknown tag reads
//! as `O`, extra blank lines are ignored.

use super::tags::{repair_bio, EntityKind, Tag};
use std::collections::HashSet;

/// One sentence with its tags (all `O` when the input had none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

impl TaggedSentence {
    /// The words as string slices, the form [`super::Tagger::tag`] takes.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// Reads sentences from CoNLL text. Ill-formed BIO (an `I-` tag with no name to continue) is read
/// as the start of a name, as conlleval does.
pub fn read_conll(text: &str) -> Vec<TaggedSentence> {
    let mut sentences = Vec::new();
    let mut current = TaggedSentence::default();
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else {
            if !current.words.is_empty() {
                repair_bio(&mut current.tags);
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        };
        let tag = fields.last().and_then(Tag::parse).unwrap_or(Tag::Outside);
        current.words.push(word.to_string());
        current.tags.push(tag);
    }
    if !current.words.is_empty() {
        repair_bio(&mut current.tags);
        sentences.push(current);
    }
    sentences
}

/// Writes sentences as `TOKEN TAG` lines with a blank line after each sentence.
pub fn write_conll(sentences: &[TaggedSentence], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for sentence in sentences {
        for (word, tag) in sentence.words.iter().zip(&sentence.tags) {
            writeln!(out, "{word} {tag}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Names in a tag sequence as `(start, end, kind)` token ranges, end exclusive.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::Inside(k), Some((_, o))) if *k == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            found.push((start, i, kind));
        }
        if let Some(kind) = tag.kind() {
            open = Some((i, kind));
        }
    }
    if let Some((start, kind)) = open {
        found.push((start, tags.len(), kind));
    }
    found
}

/// Entity-level counts: a predicted name is right when its tokens and kind both match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    /// Adds the comparison of one sentence's predicted tags with its gold tags.
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let gold: HashSet<_> = chunks(gold).into_iter().collect();
        let predicted: HashSet<_> = chunks(predicted).into_iter().collect();
        let hits = gold.intersection(&predicted).count();
        self.true_positives += hits;
        self.false_positives += predicted.len() - hits;
        self.false_negatives += gold.len() - hits;
    }

    /// Micro F1 (0 when nothing was found or expected).
    pub fn f1(&self) -> f64 {
        let denominator = 2 * self.true_positives + self.false_positives + self.false_negatives;
        if denominator == 0 {
            return 0.0;
        }
        2.0 * self.true_positives as f64 / denominator as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tokens_tags_and_sentence_breaks_leniently() {
        let text = "\n\nزار B-PERS\nسمير I-PERS\n\n\nالبلدة O\nهناك\nx y I-LOC\n   \n";
        let sentences = read_conll(text);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words, ["زار", "سمير"]);
        assert_eq!(sentences[1].words, ["البلدة", "هناك", "x"]);
        let tags: Vec<String> = sentences[1].tags.iter().map(Tag::to_string).collect();
        assert_eq!(tags, ["O", "O", "B-LOC"]);
        let mut out = Vec::new();
        write_conll(&sentences, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "زار B-PERS\nسمير I-PERS\n\nالبلدة O\nهناك O\nx B-LOC\n\n");
    }

    #[test]
    fn chunks_and_counts_match_conlleval() {
        let p = |s: &str| s.split(' ').map(|t| Tag::parse(t).unwrap()).collect::<Vec<_>>();
        let gold = p("B-PERS I-PERS O B-LOC B-LOC");
        assert_eq!(
            chunks(&gold),
            [(0, 2, EntityKind::Person), (3, 4, EntityKind::Location), (4, 5, EntityKind::Location)]
        );
        let mut counts = Counts::default();
        counts.add(&gold, &p("B-PERS O O B-LOC I-LOC"));
        assert_eq!(counts, Counts { true_positives: 0, false_positives: 2, false_negatives: 3 });
        counts.add(&gold, &gold);
        assert_eq!(counts.true_positives, 3);
    }
}
