//! The corpus view and the order in which it is built.

use crate::claims::Claim;
use crate::entity_clusters::{EntityCluster, EntityIndex};
use crate::event_clusters::EventCluster;
use crate::syndication::SyndicationCluster;
use isnad_extract::Record;
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
    pub syndication: Vec<SyndicationCluster>,
    pub entities: Vec<EntityCluster>,
    pub events: Vec<EventCluster>,
    pub claims: Vec<Claim>,
}

/// Builds the corpus view: copies first (they decide independence), then entities (events refer to
/// them), then events, then claims (corroboration is read off the event clusters).
pub fn build(articles: &[Article]) -> CorpusView {
    let syndication = crate::syndication::clusters(articles, crate::syndication::DEFAULT_JACCARD);
    let entity_index = EntityIndex::build(articles);
    let events = crate::event_clusters::clusters(articles, &entity_index, &syndication);
    let claims = crate::claims::claims(articles, &entity_index, &events);
    CorpusView {
        articles: articles.len(),
        syndication,
        entities: entity_index.clusters,
        events,
        claims,
    }
}
