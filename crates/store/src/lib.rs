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

mod schema;

pub use schema::SCHEMA_VERSION;

use isnad_extract::Record;
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// A stored near-duplicate signature as the corpus crate wrote it (`None` where none was stored).
pub type SignatureBytes = Option<Vec<u8>>;

/// How one batch went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub added: usize,
    /// Already in the store (same content hash).
    pub unchanged: usize,
}

/// An article ready to be written: the record already serialised, so the costly encoding can run on
/// worker threads while one thread writes.
#[derive(Debug, Clone)]
pub struct EncodedArticle {
    pub content_hash: String,
    pub doc_id: String,
    pub origin: String,
    pub text: String,
    /// The record as JSON (the shape of SCHEMA.md).
    pub record_json: String,
    /// The corpus crate's near-duplicate signature, as opaque bytes; the store does not read it.
    pub signature: Option<Vec<u8>>,
    /// True when `record_json` leaves out the record's `text`, which equals `text` (restored on read).
    pub record_text_elided: bool,
}

impl EncodedArticle {
    /// Serialises `record` for storing with `text` (the text its spans index).
    pub fn new(record: &Record, text: impl Into<String>, signature: Option<Vec<u8>>) -> Result<EncodedArticle, StoreError> {
        let record_json = serde_json::to_string(record).map_err(|e| StoreError::Sql { message: e.to_string() })?;
        Ok(EncodedArticle {
            content_hash: record.content_hash.clone(),
            doc_id: record.doc_id.clone(),
            origin: record.origin.clone(),
            text: text.into(),
            record_json,
            signature,
            record_text_elided: false,
        })
    }

    /// Like [`EncodedArticle::new`], taking the record: when the record carries the decoded text
    /// (inputs other than a plain UTF-8 file, SCHEMA.md) and it equals `text`, it is stored once.
    pub fn from_record(mut record: Record, text: String, signature: Option<Vec<u8>>) -> Result<EncodedArticle, StoreError> {
        let elide = record.text.as_deref() == Some(text.as_str());
        if elide {
            record.text = None;
        }
        let mut encoded = EncodedArticle::new(&record, text, signature)?;
        encoded.record_text_elided = elide;
        Ok(encoded)
    }
}

/// An isnad store in a directory (`isnad.sqlite` inside it).
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

/// How long a reader or a second writer waits for a lock before giving up. Writers hold the lock for
/// one batch (well under a second), so this is only reached when something is stuck.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The database file inside a store directory.
pub const DATABASE_FILE: &str = "isnad.sqlite";

impl Store {
    /// Opens the store in `dir`, creating it if needed. Several processes may open one store: one
    /// ingests while the others read what it has committed.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let open_err = |message: String| StoreError::Open { path: dir.to_path_buf(), message };
        std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        let path = dir.join(DATABASE_FILE);
        let mut connection = Connection::open(&path).map_err(|e| open_err(e.to_string()))?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(|e| open_err(e.to_string()))?;
        // WAL: readers see the last committed transaction while a writer appends the next one.
        // synchronous=NORMAL in WAL mode syncs the log at checkpoints, not at every commit. What a
        // crash can lose therefore depends on what crashed: if the isnad process dies (SIGKILL, a
        // panic, Ctrl-C) every committed transaction is already in the WAL file, written to the
        // operating system, and survives; only the batch in flight is lost, and since it was never
        // committed it leaves no trace. If the machine itself loses power or the kernel crashes, the
        // last few committed batches may be lost as well (never a part of one: the log is
        // checksummed), and re-running the ingest puts them back, since ingest is idempotent.
        connection
            .execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .map_err(|e| open_err(e.to_string()))?;
        schema::migrate(&mut connection).map_err(|e| open_err(e.to_string()))?;
        Ok(Store { connection, path })
    }

    /// Stores a batch of articles in one transaction; articles already stored are left as they are.
    pub fn put_batch<'a>(&mut self, batch: impl IntoIterator<Item = (&'a Record, &'a str)>) -> Result<BatchOutcome, StoreError> {
        let encoded: Vec<EncodedArticle> =
            batch.into_iter().map(|(record, text)| EncodedArticle::new(record, text, None)).collect::<Result<_, _>>()?;
        self.put_encoded(&encoded)
    }

    /// Stores a batch of encoded articles in one transaction: either all of it is committed or none
    /// of it. Articles whose content hash is already stored are left as they are.
    pub fn put_encoded(&mut self, batch: &[EncodedArticle]) -> Result<BatchOutcome, StoreError> {
        let tx = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcome = BatchOutcome::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (content_hash, doc_id, origin, text, record, signature, record_text_elided) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for article in batch {
                let changed = insert.execute(params![
                    article.content_hash,
                    article.doc_id,
                    article.origin,
                    article.text,
                    article.record_json,
                    article.signature,
                    article.record_text_elided
                ])?;
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

    /// How many articles are stored (as of the last committed batch).
    pub fn count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.connection.query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?;
        Ok(n as usize)
    }

    /// The content hash of every stored article (to skip known articles before extracting them).
    pub fn content_hashes(&self) -> Result<HashSet<String>, StoreError> {
        let mut query = self.connection.prepare("SELECT content_hash FROM articles")?;
        let hashes = query.query_map([], |row| row.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        Ok(hashes)
    }

    /// Every stored article, in ingest order.
    pub fn articles(&self) -> Result<Vec<StoredArticle>, StoreError> {
        Ok(self.articles_with_signatures()?.into_iter().map(|(article, _)| article).collect())
    }

    /// Every stored article with its stored signature bytes (`None` where none was stored), in ingest
    /// order, read in one snapshot.
    pub fn articles_with_signatures(&self) -> Result<Vec<(StoredArticle, SignatureBytes)>, StoreError> {
        let mut query = self
            .connection
            .prepare("SELECT doc_id, text, record, signature, record_text_elided FROM articles ORDER BY rowid")?;
        type Row = (String, String, String, Option<Vec<u8>>, bool);
        let rows: Vec<Row> = query
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)))?
            .collect::<Result<_, _>>()?;
        // Parsing the records is most of the cost of reading a large store; it runs on every core.
        rows.into_par_iter()
            .map(|(doc_id, text, json, signature, text_elided)| {
                let mut record: Record =
                    serde_json::from_str(&json).map_err(|e| StoreError::Corrupt { doc_id, message: e.to_string() })?;
                if text_elided {
                    record.text = Some(text.clone());
                }
                Ok((StoredArticle { record, text }, signature))
            })
            .collect()
    }

    /// Stores signatures for articles stored without one (or under an older recipe), by content hash.
    pub fn set_signatures(&mut self, signatures: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        let tx = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut update = tx.prepare_cached("UPDATE articles SET signature = ?2 WHERE content_hash = ?1")?;
            for (content_hash, bytes) in signatures {
                update.execute(params![content_hash, bytes])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Copies the write-ahead log into the database file and empties it, so the size on disk is that
    /// of the data. Committed data is safe either way; this only tidies up after a large ingest.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes the store takes on disk: the database plus its write-ahead log.
    pub fn size_on_disk(&self) -> u64 {
        let size_of = |suffix: &str| {
            let mut name = self.path.clone().into_os_string();
            name.push(suffix);
            std::fs::metadata(name).map_or(0, |m| m.len())
        };
        size_of("") + size_of("-wal") + size_of("-shm")
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
