//! One immutable picture of the store that every request reads: the stored articles, their corpus
//! view, the lookups the API needs, and the search index.
//!
//! It is built once at start-up and again after an ingest, then swapped in whole, so a request never
//! sees a half-updated corpus and readers never wait for a writer.

use crate::search::SearchIndex;
use isnad_corpus::entity_clusters::EntityIndex;
use isnad_corpus::{Article, CorpusView};
use isnad_store::StoredArticle;
use std::collections::HashMap;

/// Everything the API serves, computed from one set of stored articles.
pub struct Snapshot {
    pub articles: Vec<StoredArticle>,
    pub view: CorpusView,
    /// Doc id → index into `articles`.
    pub article_by_doc: HashMap<String, usize>,
    /// Entity cluster id → index into `view.entities`.
    pub entity_by_id: HashMap<String, usize>,
    /// Event cluster id → index into `view.events`.
    pub event_by_id: HashMap<String, usize>,
    /// Per article, record entity id → entity cluster id.
    pub entity_cluster_of: Vec<HashMap<String, String>>,
    /// (doc id, trigger start) → event cluster id.
    pub event_cluster_of: HashMap<(String, usize), String>,
    /// Doc id → the ids of its copies (its syndication cluster, itself excluded).
    pub copies_of: HashMap<String, (String, Vec<String>)>,
    pub search: SearchIndex,
    /// Answers already given from this snapshot (see [`crate::response_cache`]).
    pub responses: crate::response_cache::ResponseCache,
}

impl Snapshot {
    /// Builds the corpus view and the lookups over `articles`.
    pub fn build(articles: Vec<StoredArticle>) -> Snapshot {
        let borrowed: Vec<Article> = articles.iter().map(|a| Article { record: &a.record, text: &a.text }).collect();
        let view = isnad_corpus::build(&borrowed);
        // The view keeps only the clusters; the per-record mapping comes from the same deterministic
        // construction, so its cluster ids are the view's.
        let entity_index = EntityIndex::build(&borrowed);
        let entity_cluster_of = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.record
                    .entities
                    .iter()
                    .filter_map(|e| entity_index.cluster_of(i, &e.id).map(|c| (e.id.clone(), c.id.clone())))
                    .collect()
            })
            .collect();
        let search = SearchIndex::build(&borrowed, &view);
        drop(borrowed);
        let article_by_doc = articles.iter().enumerate().map(|(i, a)| (a.record.doc_id.clone(), i)).collect();
        let entity_by_id = view.entities.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        let event_by_id = view.events.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        let event_cluster_of = view
            .events
            .iter()
            .flat_map(|c| c.mentions.iter().map(move |m| ((m.doc.clone(), m.start), c.id.clone())))
            .collect();
        let copies_of = view
            .syndication
            .iter()
            .flat_map(|c| {
                c.docs.iter().map(move |d| (d.clone(), (c.id.clone(), c.docs.iter().filter(|o| *o != d).cloned().collect())))
            })
            .collect();
        Snapshot {
            articles,
            view,
            article_by_doc,
            entity_by_id,
            event_by_id,
            entity_cluster_of,
            event_cluster_of,
            copies_of,
            search,
            responses: Default::default(),
        }
    }

    /// The stored article with this doc id.
    pub fn article(&self, doc_id: &str) -> Option<&StoredArticle> {
        self.article_by_doc.get(doc_id).map(|&i| &self.articles[i])
    }

    /// The title of an article, for lists and links (its doc id when it has none).
    pub fn title_of(&self, doc_id: &str) -> String {
        self.article(doc_id).and_then(|a| a.record.title.clone()).unwrap_or_else(|| doc_id.to_string())
    }
}
