//! Copies: pages whose texts are the same story, exactly or nearly.
//!
//! Jaccard similarity of normalised word 3-shingles over each article's readable text. This first
//! version compares all pairs, which is exact and fine for the hundreds of articles of one report;
//! MinHash with LSH replaces it for whole-corpus ingest.

use crate::Article;
use isnad_text::normalize::normalize_str;
use serde::Serialize;
use std::collections::HashSet;

/// Two pages sharing at least this share of shingles are copies.
pub const DEFAULT_JACCARD: f64 = 0.8;

/// A group of articles that are copies of one another (singletons are not listed).
#[derive(Debug, Clone, Serialize)]
pub struct SyndicationCluster {
    pub id: String,
    pub docs: Vec<String>,
    /// The lowest pairwise similarity that joined the group.
    pub min_jaccard: f64,
}

fn shingles(text: &str) -> HashSet<u64> {
    let norm = normalize_str(text);
    let words: Vec<&str> = norm.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words
        .windows(3)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for word in w {
                for b in word.bytes().chain(std::iter::once(b' ')) {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            h
        })
        .collect()
}

fn readable_text(article: &Article) -> String {
    let r = article.record;
    let body = article.text.get(r.body.start..r.body.end).unwrap_or("");
    let mut out = String::with_capacity(body.len());
    let mut cursor = r.body.start;
    let mut furniture: Vec<(usize, usize)> = r.furniture.iter().map(|f| (f.start, f.end)).collect();
    furniture.sort();
    for (s, e) in furniture {
        if s > cursor && s <= r.body.end {
            out.push_str(article.text.get(cursor..s).unwrap_or(""));
            out.push('\n');
        }
        cursor = cursor.max(e);
    }
    if cursor < r.body.end {
        out.push_str(article.text.get(cursor..r.body.end).unwrap_or(""));
    }
    if out.is_empty() { body.to_string() } else { out }
}

/// Groups articles whose shingle sets have Jaccard similarity ≥ `threshold` (transitively).
pub fn clusters(articles: &[Article], threshold: f64) -> Vec<SyndicationCluster> {
    let sets: Vec<HashSet<u64>> = articles.iter().map(|a| shingles(&readable_text(a))).collect();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    let mut joined_at: Vec<f64> = vec![1.0; articles.len()];
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        parent[i] = root;
        root
    }
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let (a, b) = (&sets[i], &sets[j]);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let inter = a.intersection(b).count() as f64;
            let jaccard = inter / (a.len() as f64 + b.len() as f64 - inter);
            if jaccard >= threshold {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[rj] = ri;
                    joined_at[ri] = joined_at[ri].min(joined_at[rj]).min(jaccard);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..articles.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .enumerate()
        .map(|(n, (root, members))| SyndicationCluster {
            id: format!("s{}", n + 1),
            docs: members.iter().map(|&i| articles[i].record.doc_id.clone()).collect(),
            min_jaccard: (joined_at[root] * 1000.0).round() / 1000.0,
        })
        .collect()
}

/// For each article, the id of its syndication cluster (its own doc id when it has no copies).
pub fn source_group_of(articles: &[Article], clusters: &[SyndicationCluster]) -> Vec<String> {
    articles
        .iter()
        .map(|a| {
            clusters
                .iter()
                .find(|c| c.docs.contains(&a.record.doc_id))
                .map_or_else(|| a.record.doc_id.clone(), |c| c.id.clone())
        })
        .collect()
}
