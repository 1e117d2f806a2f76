//! The near-duplicate index: MinHash signatures banded into LSH buckets, so each new article is
//! compared only with the few earlier ones that share a bucket, never with all of them.
//!
//! Articles are added one at a time (the store adds each new article to an index of what it already
//! holds); every pair that shares a bucket is verified once, when its later member arrives, and
//! verified copies are joined into groups with a union-find. Which pairs share a bucket does not
//! depend on the order of arrival, so the groups do not either.

use super::config::NearDupConfig;
use super::minhash::{Signature, PERMUTATIONS};
use super::shingles::{mix64, shingle_set};
use super::SyndicationCluster;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A verified copy of the article that was added or queried.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDup {
    /// The copy's position in the index (order of insertion), see [`NearDupIndex::doc_id`].
    pub doc: usize,
    /// Estimated Jaccard similarity.
    pub jaccard: f64,
    /// Estimated containment of the shorter text in the longer.
    pub containment: f64,
}

impl Default for NearDupIndex {
    /// An empty index with the default settings.
    fn default() -> Self {
        NearDupIndex::new(NearDupConfig::default())
    }
}

/// Bucket keys are already well-mixed hashes; hashing them again would only cost time.
#[derive(Default)]
struct BucketKeyHasher(u64);

impl Hasher for BucketKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

type Buckets = HashMap<u64, Vec<u32>, BuildHasherDefault<BucketKeyHasher>>;

/// An index of article signatures that finds copies of a new article in one pass.
pub struct NearDupIndex {
    config: NearDupConfig,
    doc_ids: Vec<String>,
    signatures: Vec<Signature>,
    /// One map per band, from the band's key to the articles whose signatures have it.
    buckets: Vec<Buckets>,
    /// Union-find over article positions.
    parent: Vec<u32>,
    /// For each group root, the lowest Jaccard of the verified pairs inside the group.
    joined_at: Vec<f64>,
}

impl NearDupIndex {
    /// An empty index.
    pub fn new(config: NearDupConfig) -> NearDupIndex {
        let bands = PERMUTATIONS / config.rows();
        NearDupIndex {
            buckets: (0..bands).map(|_| Buckets::default()).collect(),
            config,
            doc_ids: Vec::new(),
            signatures: Vec::new(),
            parent: Vec::new(),
            joined_at: Vec::new(),
        }
    }

    /// The settings the index was made with.
    pub fn config(&self) -> &NearDupConfig {
        &self.config
    }

    /// The signature of `text` under this index's shingle settings.
    pub fn signature(&self, text: &str) -> Signature {
        Signature::of_shingles(&shingle_set(text, self.config.shingle_words))
    }

    /// How many articles the index holds.
    pub fn len(&self) -> usize {
        self.doc_ids.len()
    }

    /// True when the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.doc_ids.is_empty()
    }

    /// The id an article was added under, by position.
    pub fn doc_id(&self, position: usize) -> Option<&str> {
        self.doc_ids.get(position).map(String::as_str)
    }

    /// The signature of an article in the index, by position (for storing).
    pub fn signature_at(&self, position: usize) -> Option<&Signature> {
        self.signatures.get(position)
    }

    /// Adds an article by its text and returns the copies of it already in the index.
    pub fn add_text(&mut self, doc_id: impl Into<String>, text: &str) -> Vec<NearDup> {
        let signature = self.signature(text);
        self.add(doc_id, signature)
    }

    /// Adds an article by a signature computed earlier (made with the same shingle settings) and
    /// returns the copies of it already in the index.
    pub fn add(&mut self, doc_id: impl Into<String>, signature: Signature) -> Vec<NearDup> {
        let copies = self.query(&signature);
        let position = self.doc_ids.len();
        let Ok(position_u32) = u32::try_from(position) else {
            // Four billion articles in one index: refuse rather than mis-number them.
            return Vec::new();
        };
        self.parent.push(position_u32);
        self.joined_at.push(1.0);
        for copy in &copies {
            self.union(position, copy.doc, copy.jaccard);
        }
        if !signature.is_empty() {
            let keys = self.band_keys(&signature);
            for (band, key) in self.buckets.iter_mut().zip(keys) {
                band.entry(key).or_default().push(position_u32);
            }
        }
        self.doc_ids.push(doc_id.into());
        self.signatures.push(signature);
        copies
    }

    /// The articles in the index that are copies of a text with this signature, in index order
    /// (the index is not changed).
    pub fn query(&self, signature: &Signature) -> Vec<NearDup> {
        if signature.is_empty() {
            return Vec::new();
        }
        let mut candidates: Vec<u32> = Vec::new();
        for (band, key) in self.buckets.iter().zip(self.band_keys(signature)) {
            if let Some(members) = band.get(&key) {
                candidates.extend_from_slice(members);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|candidate| {
                let other = &self.signatures[candidate as usize];
                let jaccard = signature.jaccard(other);
                let containment = signature.containment(other);
                self.config
                    .is_copy(jaccard, containment, signature.shingle_count, other.shingle_count)
                    .then_some(NearDup { doc: candidate as usize, jaccard, containment })
            })
            .collect()
    }

    /// Groups of copies (two or more articles each), in order of their first article, with
    /// members in index order and ids `s1`, `s2`, ... in that order.
    pub fn clusters(&self) -> Vec<SyndicationCluster> {
        let mut members_of_root: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut roots_in_order: Vec<usize> = Vec::new();
        for position in 0..self.len() {
            let root = self.find(position);
            let members = members_of_root.entry(root).or_default();
            if members.is_empty() {
                roots_in_order.push(root);
            }
            members.push(position);
        }
        roots_in_order
            .into_iter()
            .filter(|root| members_of_root[root].len() > 1)
            .enumerate()
            .map(|(n, root)| SyndicationCluster {
                id: format!("s{}", n + 1),
                docs: members_of_root[&root].iter().map(|&i| self.doc_ids[i].clone()).collect(),
                min_jaccard: (self.joined_at[root] * 1000.0).round() / 1000.0,
            })
            .collect()
    }

    /// The positions of every article in the group of the article at `position` (itself included),
    /// in index order: after [`NearDupIndex::add`], the cluster the new article joined. Empty when
    /// `position` is out of range.
    pub fn group_of(&self, position: usize) -> Vec<usize> {
        if position >= self.len() {
            return Vec::new();
        }
        let root = self.find(position);
        (0..self.len()).filter(|&other| self.find(other) == root).collect()
    }

    /// The position of the first article of each article's group (itself when it has no copies).
    pub fn group_roots(&self) -> Vec<usize> {
        let mut first_of_root: HashMap<usize, usize> = HashMap::new();
        (0..self.len()).map(|position| *first_of_root.entry(self.find(position)).or_insert(position)).collect()
    }

    fn band_keys(&self, signature: &Signature) -> Vec<u64> {
        let rows = self.config.rows();
        signature
            .mins
            .chunks_exact(rows)
            .enumerate()
            .map(|(band, values)| {
                let mut key = mix64(band as u64 + 1);
                for &value in values {
                    key = mix64(key ^ u64::from(value));
                }
                key
            })
            .collect()
    }

    fn find(&self, mut position: usize) -> usize {
        while self.parent[position] as usize != position {
            position = self.parent[position] as usize;
        }
        position
    }

    fn union(&mut self, a: usize, b: usize, jaccard: f64) {
        let (root_a, root_b) = (self.find(a), self.find(b));
        // The earlier root stays root, so a group's root is its first article.
        let (keep, hang) = (root_a.min(root_b), root_a.max(root_b));
        self.parent[hang] = keep as u32;
        // Every verified pair counts, not only those that merged two groups: the set of verified
        // pairs does not depend on the order of arrival, so neither does the group's lowest score.
        self.joined_at[keep] = self.joined_at[keep].min(self.joined_at[hang]).min(jaccard);
        self.compress(a, keep);
        self.compress(b, keep);
    }

    /// Points every article on the path from `position` straight at `root`.
    fn compress(&mut self, mut position: usize, root: usize) {
        while self.parent[position] as usize != position {
            let next = self.parent[position] as usize;
            self.parent[position] = root as u32;
            position = next;
        }
    }
}
