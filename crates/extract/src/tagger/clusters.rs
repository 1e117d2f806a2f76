//! Word clusters learnt from unlabelled text, as tagger features.
//!
//! Most names the tagger misses are words it never saw in its tagged training text. A word that
//! appears in the same contexts as known names (after "قال", before "إن", beside a given name)
//! lands in the same cluster as them, and the cluster's bits are features the perceptron can
//! weigh, so what was learnt for the known names carries over (Miller et al. 2004; Turian et al.
//! 2010 for clusters at several granularities as features).
//!
//! Clusters come from spherical k-means at a few granularities over context vectors: each word (with its
//! proclitics and article split off, so والقاهرة and القاهرة share statistics) is described by
//! the words one and two places to its left and right, weighted by positive pointwise mutual
//! information. Coarse levels (few clusters) stand in for the short prefixes of a Brown cluster
//! path, fine levels for the long ones. The procedure is deterministic (seeded with the most
//! frequent words, no random initialisation), so the table is rebuilt byte for byte by
//! `isnad ner --learn-clusters`.

use super::features::cluster_key;
use super::hashing::{combine, hash_str, IdMap};
use super::model::ModelError;
use std::collections::HashMap;

/// How many clusters each level of the table has: coarse to fine. A word's cluster at each level
/// is a feature, so what is shared by many words and what by few are both there to learn from.
pub const CLUSTER_COUNTS: [usize; 3] = [16, 64, 256];

/// How clusters are learnt.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Words seen fewer times get no cluster: one or two contexts say too little.
    pub min_count: u32,
    /// How many of the most frequent words serve as context dimensions.
    pub context_words: usize,
    /// k-means rounds per level (fewer when nothing moves).
    pub rounds: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { min_count: 2, context_words: 1000, rounds: 15 }
    }
}

/// Cluster paths of words, looked up while building features.
#[derive(Debug, Default, Clone)]
pub struct WordClusters {
    /// Hash of a word's [`cluster_key`] → hashes of its cluster at each level ([`CLUSTER_COUNTS`]).
    ids: IdMap<[u64; CLUSTER_COUNTS.len()]>,
    /// The table as text (a word and its clusters per line), kept to store it with a model.
    table: String,
}

impl WordClusters {
    /// Reads a table of `word<TAB>cluster<TAB>cluster…` lines, one cluster number per level of
    /// [`CLUSTER_COUNTS`] (as [`learn`] writes; words in matching form). Other lines are skipped.
    pub fn from_table(table: &str) -> WordClusters {
        let mut ids = IdMap::default();
        for line in table.lines() {
            let mut fields = line.split('\t');
            let Some(word) = fields.next().filter(|w| !w.is_empty()) else { continue };
            let mut hashes = [0u64; CLUSTER_COUNTS.len()];
            let mut complete = true;
            for (level, hash) in hashes.iter_mut().enumerate() {
                match fields.next().and_then(|f| f.parse::<u32>().ok()) {
                    Some(id) => *hash = combine(hash_str("cluster level").wrapping_add(level as u64), u64::from(id)),
                    None => complete = false,
                }
            }
            if complete && fields.next().is_none() {
                ids.insert(hash_str(word), hashes);
            }
        }
        WordClusters { ids, table: table.to_string() }
    }

    /// The table this was read from.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Hashes of the clusters, one per level, of the word whose [`cluster_key`] hashes to `key`.
    pub(crate) fn clusters_of(&self, key: u64) -> Option<&[u64; CLUSTER_COUNTS.len()]> {
        self.ids.get(&key)
    }
}

/// Learns cluster paths from sentences of unlabelled text (each given as its whitespace tokens)
/// and returns them as a table (`word<TAB>bits` lines, sorted by word), the form
/// [`WordClusters::from_table`] reads.
pub fn learn(sentences: &[Vec<&str>], options: ClusterOptions) -> String {
    let keyed: Vec<Vec<String>> = sentences.iter().map(|s| s.iter().map(|w| cluster_key(w)).collect()).collect();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for key in keyed.iter().flatten().filter(|k| !k.is_empty()) {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    // Frequent words first, ties by spelling: the order fixes every later choice.
    let mut by_count: Vec<(&str, u32)> = counts.iter().map(|(k, c)| (*k, *c)).collect();
    by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocabulary: Vec<&str> = by_count.iter().filter(|(_, c)| *c >= options.min_count).map(|(k, _)| *k).collect();
    let word_index: HashMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let mut context_index: HashMap<&str, usize> = HashMap::new();
    for (i, (word, _)) in by_count.iter().take(options.context_words).enumerate() {
        context_index.insert(word, i);
    }
    // Two more dimensions: the edge of the sentence, and a token with no key (punctuation, numbers).
    let context_count = context_index.len() + 2;
    let context_of = |key: Option<&String>| -> usize {
        match key {
            None => context_count - 2,
            Some(k) if k.is_empty() => context_count - 1,
            Some(k) => context_index.get(k.as_str()).copied().unwrap_or(usize::MAX),
        }
    };
    // Co-occurrence counts per word and dimension (offset × context word).
    const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
    let mut cooccurrences: Vec<HashMap<usize, f32>> = vec![HashMap::new(); vocabulary.len()];
    for sentence in &keyed {
        for (i, key) in sentence.iter().enumerate() {
            let Some(&word) = word_index.get(key.as_str()) else { continue };
            for (slot, offset) in OFFSETS.iter().enumerate() {
                let at = i as isize + offset;
                let neighbour = if at < 0 { None } else { sentence.get(at as usize) };
                let context = context_of(neighbour);
                if context != usize::MAX {
                    *cooccurrences[word].entry(slot * context_count + context).or_default() += 1.0;
                }
            }
        }
    }
    let vectors = ppmi_vectors(&cooccurrences, OFFSETS.len() * context_count);
    // A word whose contexts are all unremarkable has an empty vector and no place to go.
    let (words, vectors): (Vec<&str>, Vec<Sparse>) =
        vocabulary.iter().copied().zip(vectors).filter(|(_, vector)| !vector.is_empty()).unzip();
    let levels: Vec<Vec<usize>> = CLUSTER_COUNTS
        .iter()
        .map(|&k| spherical_kmeans(&vectors, k, options.rounds, OFFSETS.len() * context_count))
        .collect();
    let mut rows: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(w, word)| {
            let ids: Vec<String> = levels.iter().map(|level| level[w].to_string()).collect();
            format!("{word}\t{}\n", ids.join("\t"))
        })
        .collect();
    rows.sort_unstable();
    rows.concat()
}

/// The stored form of a cluster table (inside a stored tagger): the table gzipped.
pub fn to_bytes(clusters: &WordClusters) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(clusters.table().as_bytes());
    encoder.finish().unwrap_or_default()
}

/// Reads clusters written by [`to_bytes`].
pub fn from_bytes(bytes: &[u8]) -> Result<WordClusters, ModelError> {
    use std::io::Read;
    let mut table = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut table)?;
    Ok(WordClusters::from_table(&table))
}

/// A sparse vector: sorted `(dimension, value)` pairs with unit length.
type Sparse = Vec<(usize, f32)>;

/// Positive PMI weights, each word's vector scaled to unit length.
fn ppmi_vectors(cooccurrences: &[HashMap<usize, f32>], dimensions: usize) -> Vec<Sparse> {
    let mut dimension_totals = vec![0.0f64; dimensions];
    let mut total = 0.0f64;
    for row in cooccurrences {
        for (&d, &c) in row {
            dimension_totals[d] += f64::from(c);
            total += f64::from(c);
        }
    }
    cooccurrences
        .iter()
        .map(|row| {
            let word_total: f64 = row.values().map(|&c| f64::from(c)).sum();
            let mut vector: Sparse = row
                .iter()
                .filter_map(|(&d, &c)| {
                    let pmi = (f64::from(c) * total / (word_total * dimension_totals[d])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            vector.sort_unstable_by_key(|&(d, _)| d);
            let norm = vector.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, v)| *v /= norm);
            }
            vector
        })
        .collect()
}

fn dot(vector: &Sparse, centroid: &[f32]) -> f32 {
    vector.iter().map(|&(d, v)| v * centroid[d]).sum()
}

/// Spherical k-means (cosine similarity) of the vectors into `k` clusters, seeded with the `k`
/// most frequent words (vectors come in frequency order), so the result is deterministic.
/// Returns each vector's cluster.
fn spherical_kmeans(vectors: &[Sparse], k: usize, rounds: usize, dimensions: usize) -> Vec<usize> {
    let k = k.min(vectors.len()).max(1);
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut centroid = vec![0.0f32; dimensions];
            for &(d, v) in vectors.get(c).map(Vec::as_slice).unwrap_or_default() {
                centroid[d] = v;
            }
            centroid
        })
        .collect();
    let mut assigned = vec![usize::MAX; vectors.len()];
    for _ in 0..rounds.max(1) {
        let mut changed = false;
        for (vector, slot) in vectors.iter().zip(assigned.iter_mut()) {
            let best = (0..k)
                .map(|c| (c, dot(vector, &centroids[c])))
                .fold((0, f32::NEG_INFINITY), |best, (c, score)| if score > best.1 { (c, score) } else { best });
            changed |= *slot != best.0;
            *slot = best.0;
        }
        if !changed {
            break;
        }
        for centroid in &mut centroids {
            centroid.iter_mut().for_each(|v| *v = 0.0);
        }
        for (vector, &c) in vectors.iter().zip(&assigned) {
            for &(d, v) in vector {
                centroids[c][d] += v;
            }
        }
        for centroid in &mut centroids {
            let norm = centroid.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                centroid.iter_mut().for_each(|v| *v /= norm);
            }
        }
    }
    assigned
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Composed text where invented names and invented towns fill the same frames.
    fn composed_text() -> Vec<Vec<&'static str>> {
        let people = ["سمير", "ليلى", "خالد", "هدى", "نبيل", "سلمى"];
        let towns = ["زهرستان", "قرطين", "برقين", "سلوان", "مرجان", "تلفيت"];
        let mut sentences = Vec::new();
        for (i, person) in people.iter().enumerate() {
            for (j, town) in towns.iter().enumerate() {
                let verb = if (i + j) % 2 == 0 { "قال" } else { "أكد" };
                sentences.push(vec![verb, person, "إن", "الوفد", "وصل", "إلى", town, "أمس"]);
            }
        }
        sentences
    }

    #[test]
    fn words_in_the_same_frames_share_a_cluster_and_others_do_not() {
        let table = learn(&composed_text(), ClusterOptions { min_count: 1, ..ClusterOptions::default() });
        // The finest level where two words still share a cluster (0 = not even the coarsest).
        let clusters_of = |word: &str| -> Vec<String> {
            let key = cluster_key(word);
            let line = table.lines().find(|l| l.split('\t').next() == Some(key.as_str())).unwrap_or_default();
            line.split('\t').skip(1).map(str::to_string).collect()
        };
        let (person, other_person, town) = (clusters_of("سمير"), clusters_of("هدى"), clusters_of("قرطين"));
        assert_eq!(person.len(), CLUSTER_COUNTS.len(), "{table}");
        assert_eq!(person, other_person);
        assert_ne!(person.last(), town.last());
        // Deterministic: the same text gives the same table.
        assert_eq!(table, learn(&composed_text(), ClusterOptions { min_count: 1, ..ClusterOptions::default() }));
    }

    #[test]
    fn tables_round_trip_and_bad_lines_are_skipped() {
        let clusters = WordClusters::from_table("سمير\t1\t5\t9\nbad line\nقرطين\t1\tx\t2\n\t0\t1\t2\nوادي\t1\t2\n");
        assert_eq!(clusters.len(), 1);
        let ids = clusters.clusters_of(hash_str(&cluster_key("وسمير"))).copied();
        assert!(ids.is_some());
        let stored = from_bytes(&to_bytes(&clusters)).unwrap();
        assert_eq!(stored.table(), clusters.table());
        assert!(learn(&[], ClusterOptions::default()).is_empty());
        assert!(learn(&[vec!["", "،", "٣"]], ClusterOptions::default()).is_empty());
    }
}
