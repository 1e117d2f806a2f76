//! The corpus view and the order in which it is built.

use crate::claims::Claim;
use crate::entity_clusters::{EntityCluster, EntityIndex};
use crate::event_clusters::EventCluster;
use crate::syndication::{article_signature, Signature, SyndicationCluster};
use isnad_extract::Record;
use rayon::prelude::*;
use serde::Serialize;

/// One article as the corpus step sees it: its record and the text its spans index.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    pub record: &'a Record,
    pub text: &'a str,
}

/// The picture of a set of articles (the `isnad report --json` shape of SCHEMA.md).
#[derive(Debug, Clone, Serialize)]
pub struct CorpusView {
    pub articles: usize,
    /// Copies: near-duplicate pages (Jaccard ≥ 0.8, or a trimmed reprint).
    pub syndication: Vec<SyndicationCluster>,
    /// Pages that reuse one text (one is at least half made of the other's sentences: a wire story
    /// rewritten or cut by each outlet). Looser than copies; used to count independent sources.
    pub text_reuse: Vec<SyndicationCluster>,
    pub entities: Vec<EntityCluster>,
    pub events: Vec<EventCluster>,
    pub claims: Vec<Claim>,
}

/// Builds the corpus view: copies first (they decide independence), then entities (events refer to
/// them), then events, then claims (corroboration is read off the event clusters).
pub fn build(articles: &[Article]) -> CorpusView {
    let signatures: Vec<Signature> = articles.par_iter().map(article_signature).collect();
    build_with_signatures(articles, &signatures)
}

/// [`build`] from near-duplicate signatures computed earlier ([`article_signature`], one per article
/// in the same order; the store keeps them from ingest), so the text of the corpus is not read
/// again. The view is the same as [`build`]'s.
pub fn build_with_signatures(articles: &[Article], signatures: &[Signature]) -> CorpusView {
    use crate::syndication::{clusters_from_signatures, NearDupConfig};
    let syndication = clusters_from_signatures(articles, signatures, NearDupConfig::default());
    let text_reuse = clusters_from_signatures(articles, signatures, text_reuse_config());
    let entity_index = EntityIndex::build(articles);
    let events = crate::event_clusters::clusters(articles, &entity_index, &text_reuse);
    let claims = crate::claims::claims(articles, &entity_index, &events);
    CorpusView {
        articles: articles.len(),
        syndication,
        text_reuse,
        entities: entity_index.clusters,
        events,
        claims,
    }
}

/// When two pages reuse one text: half of the shorter one's word 3-shingles lie in the other, and
/// it is at least a quarter of the other's size. Unrelated reports of one story share far less
/// (measured: under 1% of shingles between independent outlets' reports of one event), while
/// outlets that each trimmed and retitled one wire story share 55–75%.
pub fn text_reuse_config() -> crate::syndication::NearDupConfig {
    crate::syndication::NearDupConfig {
        containment: Some(0.5),
        min_size_ratio: 0.25,
        rows_per_band: 2,
        ..crate::syndication::NearDupConfig::default()
    }
}
