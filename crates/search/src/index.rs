//! The tantivy index of a store: open or create it, add articles once each, commit, search.
//!
//! Idempotent by content hash: the keys already in the index are read from its term dictionary
//! when a writer opens, and an article whose key is there is skipped, so indexing the same store
//! twice adds nothing and no delete is ever needed.

use crate::document::article_document;
use crate::error::SearchError;
use crate::query::{build_query, SearchRequest};
use crate::schema::{register_analyzers, Fields};
use isnad_extract::Record;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Memory the writer may use per indexing thread before it flushes a segment.
const WRITER_MEMORY_PER_THREAD: usize = 64 * 1024 * 1024;

/// One article that matched, before the store fills in its text.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexHit {
    pub content_hash: String,
    pub score: f32,
}

/// The search index in one directory (a store's `search/`).
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    indexed: HashSet<String>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating an empty one if there is none.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::index(dir, e))?;
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::index(dir, e))?;
        let (schema, _) = Fields::build();
        let index = Index::open_or_create(directory, schema).map_err(|e| SearchError::index(dir, e))?;
        SearchIndex::from_index(dir, index)
    }

    /// Opens an existing index; [`SearchError::NoIndex`] names the store when there is none.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let exists = dir.join("meta.json").is_file();
        if !exists {
            let store_dir = dir.parent().unwrap_or(dir).to_path_buf();
            return Err(SearchError::NoIndex { dir: store_dir });
        }
        let index = Index::open_in_dir(dir).map_err(|e| SearchError::index(dir, e))?;
        SearchIndex::from_index(dir, index)
    }

    fn from_index(dir: &Path, index: Index) -> Result<SearchIndex, SearchError> {
        register_analyzers(&index);
        let fields = Fields::of(&index.schema()).map_err(|e| SearchError::index(dir, e))?;
        let reader =
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(|e| SearchError::index(dir, e))?;
        Ok(SearchIndex { dir: dir.to_path_buf(), index, fields, reader, writer: None, indexed: HashSet::new() })
    }

    /// The field handles (for tools that build their own queries).
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index itself (for benchmarks and tools).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Every key in the index, read from the term dictionary of the `hash` field.
    pub fn indexed_hashes(&self) -> Result<HashSet<String>, SearchError> {
        let mut out = HashSet::new();
        let searcher = self.reader.searcher();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.hash).map_err(|e| self.error(e))?;
            let mut terms = inverted.terms().stream().map_err(|e| self.error(e))?;
            while terms.advance() {
                out.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(out)
    }

    /// Whether the article with this key is indexed (committed, or added since the last commit).
    pub fn contains(&mut self, content_hash: &str) -> Result<bool, SearchError> {
        self.writer()?;
        Ok(self.indexed.contains(content_hash))
    }

    /// Adds an article unless its key is already indexed; true when it was added.
    pub fn add(&mut self, record: &Record, text: &str) -> Result<bool, SearchError> {
        self.writer()?;
        if self.indexed.contains(&record.content_hash) {
            return Ok(false);
        }
        let document = article_document(&self.fields, record, text);
        let dir = self.dir.clone();
        let writer = self.writer.as_mut().expect("opened above");
        writer.add_document(document).map_err(|e| SearchError::index(&dir, e))?;
        self.indexed.insert(record.content_hash.clone());
        Ok(true)
    }

    /// Adds many articles, building their index documents in parallel (the writer's own threads then
    /// analyse them); articles already indexed, or twice in the batch, are skipped. Returns how many
    /// were added.
    pub fn add_batch(&mut self, articles: &[(&Record, &str)]) -> Result<usize, SearchError> {
        self.writer()?;
        let mut fresh: Vec<(&Record, &str)> = Vec::with_capacity(articles.len());
        for &(record, text) in articles {
            if self.indexed.insert(record.content_hash.clone()) {
                fresh.push((record, text));
            }
        }
        let fields = self.fields;
        let documents: Vec<TantivyDocument> =
            fresh.par_iter().map(|(record, text)| article_document(&fields, record, text)).collect();
        let writer = self.writer.as_ref().expect("opened above");
        for document in documents {
            writer.add_document(document).map_err(|e| SearchError::index(&self.dir, e))?;
        }
        Ok(fresh.len())
    }

    /// Makes what was added since the last commit durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        if let Some(writer) = self.writer.as_mut() {
            writer.commit().map_err(|e| SearchError::index(&self.dir, e))?;
        }
        self.reader.reload().map_err(|e| self.error(e))
    }

    /// Commits, then waits for the writer's background merges, so the folder is left compact.
    pub fn finish(mut self) -> Result<(), SearchError> {
        self.commit()?;
        if let Some(writer) = self.writer.take() {
            writer.wait_merging_threads().map_err(|e| SearchError::index(&self.dir, e))?;
        }
        Ok(())
    }

    /// Number of articles in the index (as of the last commit).
    pub fn count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The best `request.limit` articles for a request, and how many articles match in all.
    pub fn search(&self, request: &SearchRequest) -> Result<(Vec<IndexHit>, usize), SearchError> {
        let searcher = self.reader.searcher();
        let query = build_query(&self.index, &searcher, &self.fields, request)?;
        let (top, total) = searcher
            .search(&query, &(TopDocs::with_limit(request.limit.max(1)).order_by_score(), Count))
            .map_err(|e| self.error(e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let document: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            let content_hash =
                document.get_first(self.fields.hash).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            hits.push(IndexHit { content_hash, score });
        }
        Ok((hits, total))
    }

    /// The terms a request looks for in the text fields (stems and exact forms), for highlighting.
    pub fn query_terms(&self, request: &SearchRequest) -> Result<Vec<Term>, SearchError> {
        let query = build_query(&self.index, &self.reader.searcher(), &self.fields, request)?;
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.fields.text || term.field() == self.fields.exact {
                terms.push(term.clone());
            }
        });
        Ok(terms)
    }

    /// Opens the writer on first use (indexing threads: one per core, at most 4).
    fn writer(&mut self) -> Result<(), SearchError> {
        if self.writer.is_some() {
            return Ok(());
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        let writer = self
            .index
            .writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)
            .map_err(|e| SearchError::index(&self.dir, e))?;
        self.indexed = self.indexed_hashes()?;
        self.writer = Some(writer);
        Ok(())
    }

    fn error(&self, e: impl std::fmt::Display) -> SearchError {
        SearchError::index(&self.dir, e)
    }
}

/// The text of a term in a text field (terms of the text fields are strings).
pub fn term_text(term: &Term) -> Option<String> {
    term.value().as_str().map(str::to_string)
}
