//! Full-text search over an isnad store, with an Arabic analyser.
//!
//! Input comes from the store (`isnad ingest` fills `<store>/isnad.sqlite`); the index lives next to
//! it in `<store>/search/` (tantivy). [`index_store`] indexes every stored article not yet indexed;
//! [`Searcher::search`] answers a query with filters, each hit carrying its article's title, outlet
//! and date, the sentence that matched with the matching words' byte ranges, and the chain of
//! sources behind that sentence.
//!
//! - [`analyzer`]: the Arabic analyser (normalise with offset map, proclitics split, Light10 stem),
//!   so المفاوضات finds مفاوضات and لطالبان finds طالبان, and offsets are original bytes.
//! - [`schema`], [`document`]: one index document per article; what it is indexed under.
//! - [`query`]: the user's words and filters (entity, event type, outlet, dates) as a tantivy query.
//! - [`names`]: query words the gazetteer knows as names are searched by exact forms, not stems.
//! - [`snippet`]: the sentence to show, its highlights and its chain.
//! - [`store`]: read-only access to the store's SQLite file.
//!
//! ```no_run
//! let store = std::path::Path::new("isnad-data");
//! isnad_search::index_store(store).unwrap();
//! let searcher = isnad_search::Searcher::open(store).unwrap();
//! for hit in searcher.search(&isnad_search::SearchRequest::new("المفاوضات")).unwrap().hits {
//!     println!("{} {}", hit.doc_id, hit.sentence_text);
//! }
//! ```
//!
//! Must not extract facts or write the store: it reads records the other crates made.

pub mod analyzer;
pub mod document;
mod error;
pub mod index;
pub mod names;
pub mod query;
pub mod schema;
pub mod snippet;
pub mod store;

pub use error::SearchError;
pub use index::{IndexHit, SearchIndex};
pub use query::SearchRequest;

use isnad_text::Span;
use snippet::{Preferences, QueryTerms};
use std::path::{Path, PathBuf};
use store::StoreReader;

/// The index folder of a store.
pub fn index_dir(store_dir: &Path) -> PathBuf {
    store_dir.join("search")
}

/// How an indexing run went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexOutcome {
    /// Articles newly indexed.
    pub added: usize,
    /// Articles that were already indexed.
    pub already: usize,
}

/// Articles read from the store and handed to the writer at a time.
const BATCH: usize = 1_024;
/// Articles added between two commits while indexing a store: a crash loses at most these.
const COMMIT_EVERY: usize = 20_000;

/// Indexes every article of the store in `store_dir` that is not indexed yet (creating the index on
/// first use). Idempotent: a second call adds nothing.
pub fn index_store(store_dir: &Path) -> Result<IndexOutcome, SearchError> {
    let store = StoreReader::open(store_dir)?;
    let mut index = SearchIndex::open_or_create(&index_dir(store_dir))?;
    let mut outcome = IndexOutcome::default();
    let mut missing = Vec::new();
    for hash in store.hashes()? {
        if index.contains(&hash)? {
            outcome.already += 1;
        } else {
            missing.push(hash);
        }
    }
    let mut since_commit = 0;
    for chunk in missing.chunks(BATCH) {
        let articles = store.articles(chunk)?;
        let borrowed: Vec<(&isnad_extract::Record, &str)> = articles.iter().map(|(r, t)| (r, t.as_str())).collect();
        let added = index.add_batch(&borrowed)?;
        outcome.added += added;
        since_commit += added;
        if since_commit >= COMMIT_EVERY {
            index.commit()?;
            since_commit = 0;
        }
    }
    index.finish()?;
    Ok(outcome)
}

/// One hit: an article and the sentence that shows why it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The store key.
    pub content_hash: String,
    pub doc_id: String,
    pub title: Option<String>,
    /// The publishing site (URL host) when the article came from the web.
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub score: f32,
    /// The sentence, as byte offsets into the article's text, and its text.
    pub sentence: Span,
    pub sentence_text: String,
    /// Matching words, as byte offsets into the article's text (inside `sentence`).
    pub highlights: Vec<Span>,
    /// Source of the sentence's statement, then the outer sources; empty for the outlet's own words.
    pub chain: Vec<String>,
    /// The source denies rather than asserts.
    pub denied: bool,
}

/// The answer to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// Articles matching in all (hits holds the best `limit` of them).
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A store and its index, opened for searching.
pub struct Searcher {
    store: StoreReader,
    index: SearchIndex,
}

impl Searcher {
    /// Opens the store in `store_dir` and its index; says what to run when either is missing.
    pub fn open(store_dir: &Path) -> Result<Searcher, SearchError> {
        let store = StoreReader::open(store_dir)?;
        let index = SearchIndex::open(&index_dir(store_dir))?;
        Ok(Searcher { store, index })
    }

    /// The articles in the store that the index does not hold yet.
    pub fn unindexed(&self) -> Result<usize, SearchError> {
        let indexed = self.index.indexed_hashes()?;
        Ok(self.store.hashes()?.iter().filter(|h| !indexed.contains(*h)).count())
    }

    /// Runs a request.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let (index_hits, total) = self.index.search(request)?;
        let terms = self.query_terms(request)?;
        let preferences = Preferences { event_type: request.event_type.as_deref(), entity: request.entity.as_deref() };
        let mut hits = Vec::with_capacity(index_hits.len());
        for index_hit in index_hits {
            // An index ahead of its store (a store replaced under it) is skipped, not an error.
            let Some((record, text)) = self.store.article(&index_hit.content_hash)? else { continue };
            let Some(found) = snippet::snippet(&record, &text, &terms, preferences) else { continue };
            hits.push(Hit {
                outlet: [&record.doc_id, &record.origin].into_iter().find_map(|s| document::url_host(s)),
                content_hash: index_hit.content_hash,
                doc_id: record.doc_id.clone(),
                title: record.title.clone(),
                published: record.published.clone(),
                score: index_hit.score,
                sentence_text: found.sentence.slice(&text).to_string(),
                sentence: found.sentence,
                highlights: found.highlights,
                chain: found.chain,
                denied: found.denied,
            });
        }
        Ok(SearchResults { total, hits })
    }

    fn query_terms(&self, request: &SearchRequest) -> Result<QueryTerms, SearchError> {
        let mut terms = QueryTerms::default();
        let fields = *self.index.fields();
        for term in self.index.query_terms(request)? {
            let Some(text) = index::term_text(&term) else { continue };
            if term.field() == fields.text {
                terms.stems.insert(text);
            } else {
                terms.exact.insert(text);
            }
        }
        Ok(terms)
    }
}
