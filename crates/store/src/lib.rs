//! The embedded store: documents and their records in one SQLite file.
//!
//! Input comes from the CLI (`isnad ingest`), which reads and extracts; output goes back to the CLI
//! (`isnad report --store`). The store holds no business logic: it persists what the other crates
//! compute and hands it back.
//!
//! - Idempotent: an article is keyed by the hash of its decoded text, so ingesting the same bytes
//!   twice stores them once.
//! - Transactional per batch: a crash loses at most the batch in flight, never a committed one.
//! - Readable while ingesting: SQLite in WAL mode lets readers see the last committed batch.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("isnad-store-doc-{}", std::process::id()));
//! let store = isnad_store::Store::open(&dir).unwrap();
//! assert_eq!(store.count().unwrap(), 0);
//! # std::fs::remove_dir_all(&dir).ok();
//! ```

use isnad_extract::Record;
use rusqlite::{params, Connection, OptionalExtension};
use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong with the store, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// The store directory or database could not be opened or created.
    Open { path: PathBuf, message: String },
    /// A query failed (a corrupt or foreign database, a full disk, ...).
    Sql { message: String },
    /// A stored record no longer parses (written by an incompatible version).
    Corrupt { doc_id: String, message: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open { path, message } => {
                write!(f, "cannot open the store at {}: {message}; check the path and its permissions", path.display())
            }
            StoreError::Sql { message } => write!(f, "store query failed: {message}"),
            StoreError::Corrupt { doc_id, message } => {
                write!(f, "stored record {doc_id} does not parse ({message}); re-ingest into a fresh store")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql { message: e.to_string() }
    }
}

/// One stored article: its record and the text its spans index.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub record: Record,
    pub text: String,
}

/// How one batch went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub added: usize,
    /// Already in the store (same content hash).
    pub unchanged: usize,
}

/// An isnad store in a directory (`isnad.sqlite` inside it).
pub struct Store {
    connection: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    content_hash TEXT PRIMARY KEY,
    doc_id       TEXT NOT NULL,
    origin       TEXT NOT NULL,
    text         TEXT NOT NULL,
    record       TEXT NOT NULL,
    ingested_at  INTEGER NOT NULL DEFAULT (strftime('%s','now'))
);
CREATE INDEX IF NOT EXISTS articles_doc_id ON articles(doc_id);
";

impl Store {
    /// Opens the store in `dir`, creating it if needed.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let open_err = |message: String| StoreError::Open { path: dir.to_path_buf(), message };
        std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        let connection = Connection::open(dir.join("isnad.sqlite")).map_err(|e| open_err(e.to_string()))?;
        connection
            .execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .map_err(|e| open_err(e.to_string()))?;
        connection.execute_batch(SCHEMA).map_err(|e| open_err(e.to_string()))?;
        Ok(Store { connection })
    }

    /// Stores a batch of articles in one transaction; articles already stored are left as they are.
    pub fn put_batch<'a>(&mut self, batch: impl IntoIterator<Item = (&'a Record, &'a str)>) -> Result<BatchOutcome, StoreError> {
        let tx = self.connection.transaction()?;
        let mut outcome = BatchOutcome::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (content_hash, doc_id, origin, text, record) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (record, text) in batch {
                let json = serde_json::to_string(record).map_err(|e| StoreError::Sql { message: e.to_string() })?;
                let changed = insert.execute(params![record.content_hash, record.doc_id, record.origin, text, json])?;
                if changed == 1 {
                    outcome.added += 1;
                } else {
                    outcome.unchanged += 1;
                }
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Whether an article with this content hash is stored.
    pub fn contains(&self, content_hash: &str) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .connection
            .query_row("SELECT 1 FROM articles WHERE content_hash = ?1", [content_hash], |row| row.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    pub fn count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?;
        Ok(n as usize)
    }

    /// Every stored article, in ingest order.
    pub fn articles(&self) -> Result<Vec<StoredArticle>, StoreError> {
        let mut query = self.connection.prepare("SELECT doc_id, text, record FROM articles ORDER BY rowid")?;
        let rows = query.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (doc_id, text, json) = row?;
            let record: Record = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt { doc_id, message: e.to_string() })?;
            out.push(StoredArticle { record, text });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(doc_id: &str, hash: &str) -> Record {
        Record { content_hash: hash.into(), ..Record::empty(doc_id, 4) }
    }

    #[test]
    fn ingesting_twice_stores_once_and_records_round_trip() {
        let dir = std::env::temp_dir().join(format!("isnad-store-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = Store::open(&dir).unwrap();
        let (a, b) = (record("a", "01"), record("b", "02"));
        let first = store.put_batch([(&a, "نص أ"), (&b, "نص ب")]).unwrap();
        assert_eq!(first, BatchOutcome { added: 2, unchanged: 0 });
        let again = store.put_batch([(&a, "نص أ")]).unwrap();
        assert_eq!(again, BatchOutcome { added: 0, unchanged: 1 });
        drop(store);
        let store = Store::open(&dir).unwrap();
        assert_eq!(store.count().unwrap(), 2);
        assert!(store.contains("02").unwrap());
        let articles = store.articles().unwrap();
        assert_eq!(articles[0].record, a);
        assert_eq!(articles[1].text, "نص ب");
        std::fs::remove_dir_all(&dir).ok();
    }
}
