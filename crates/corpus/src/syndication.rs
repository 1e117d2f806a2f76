//! Copies: pages whose texts are the same story, exactly or nearly (reprints, syndicated wire
//! copy, the same article on two pages of one site).
//!
//! Each article's readable text (its body minus page furniture; the title is left out, since outlets
//! retitle what they reprint) becomes a set of normalised word shingles ([`shingles`]), summarised
//! by a MinHash signature ([`minhash`]). Signatures go into an LSH index ([`index`]) that finds the
//! copies of each article in one pass over the corpus, verified against [`NearDupConfig`]: Jaccard
//! ≥ 0.8, or the shorter text at least 90% inside a not much longer one (a cut or trimmed reprint).
//! [`exact`] keeps the quadratic all-pairs comparison as the reference the index is tested against.
//!
//! For the store, [`NearDupIndex`] takes one article at a time and [`Signature`]s serialise to bytes
//! under a pinned recipe.

pub mod config;
pub mod exact;
pub mod index;
pub mod minhash;
pub mod shingles;

pub use config::{NearDupConfig, DEFAULT_CONTAINMENT, DEFAULT_JACCARD};
pub use index::{NearDup, NearDupIndex};
pub use minhash::{Signature, SIGNATURE_SCHEME};

use crate::Article;
use rayon::prelude::*;
use serde::Serialize;

/// A group of articles that are copies of one another (singletons are not listed).
#[derive(Debug, Clone, Serialize)]
pub struct SyndicationCluster {
    pub id: String,
    pub docs: Vec<String>,
    /// The lowest estimated Jaccard similarity among the pairs of copies found in the group.
    pub min_jaccard: f64,
}

/// The text of an article that copies are judged by: its body without the furniture inside it.
pub fn readable_text(article: &Article) -> String {
    let record = article.record;
    let body = article.text.get(record.body.start..record.body.end).unwrap_or("");
    let mut out = String::with_capacity(body.len());
    let mut cursor = record.body.start;
    let mut furniture: Vec<(usize, usize)> = record.furniture.iter().map(|f| (f.start, f.end)).collect();
    furniture.sort_unstable();
    for (start, end) in furniture {
        if start > cursor && start <= record.body.end {
            out.push_str(article.text.get(cursor..start).unwrap_or(""));
            out.push('\n');
        }
        cursor = cursor.max(end);
    }
    if cursor < record.body.end {
        out.push_str(article.text.get(cursor..record.body.end).unwrap_or(""));
    }
    if out.trim().is_empty() {
        body.to_string()
    } else {
        out
    }
}

/// Groups articles that are copies (Jaccard ≥ `threshold`, or the containment rule of
/// [`NearDupConfig::default`]), transitively; groups and their members follow input order.
pub fn clusters(articles: &[Article], threshold: f64) -> Vec<SyndicationCluster> {
    clusters_with(articles, NearDupConfig::with_jaccard(threshold))
}

/// [`clusters`] with every setting chosen.
pub fn clusters_with(articles: &[Article], config: NearDupConfig) -> Vec<SyndicationCluster> {
    // Signatures are the costly part and independent of each other; indexing is cheap and in order.
    let signatures: Vec<Signature> =
        articles.par_iter().map(|article| signature_with(article, config.shingle_words)).collect();
    clusters_from_signatures(articles, &signatures, config)
}

/// The signature an article is judged by under the default shingle settings, which every index of
/// the corpus view uses: computed once per article (at ingest, by the store) and kept.
pub fn article_signature(article: &Article) -> Signature {
    signature_with(article, shingles::DEFAULT_SHINGLE_WORDS)
}

fn signature_with(article: &Article, shingle_words: usize) -> Signature {
    Signature::of_shingles(&shingles::shingle_set(&readable_text(article), shingle_words))
}

/// [`clusters_with`] from signatures computed earlier, one per article in the same order (made with
/// `config.shingle_words`, as [`article_signature`] does for the default). An article without a
/// signature (a short `signatures`) gets one computed here.
pub fn clusters_from_signatures(articles: &[Article], signatures: &[Signature], config: NearDupConfig) -> Vec<SyndicationCluster> {
    let shingle_words = config.shingle_words;
    let mut index = NearDupIndex::new(config);
    for (position, article) in articles.iter().enumerate() {
        let signature = signatures.get(position).cloned().unwrap_or_else(|| signature_with(article, shingle_words));
        index.add(article.record.doc_id.clone(), signature);
    }
    index.clusters()
}

/// For each article, the id of its syndication cluster (its own doc id when it has no copies).
pub fn source_group_of(articles: &[Article], clusters: &[SyndicationCluster]) -> Vec<String> {
    let cluster_of_doc: std::collections::HashMap<&str, &str> =
        clusters.iter().flat_map(|c| c.docs.iter().map(move |d| (d.as_str(), c.id.as_str()))).collect();
    articles
        .iter()
        .map(|a| cluster_of_doc.get(a.record.doc_id.as_str()).map_or_else(|| a.record.doc_id.clone(), |id| id.to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
