//! Read access to isnad's SQLite store for the two things search needs that the store crate does
//! not offer: the list of stored keys (to index only what is new) and one article by key (to show
//! a hit). The store owns the schema (`articles(content_hash, doc_id, origin, text, record)`); this
//! module only reads it, read-only, so it can run beside an `isnad ingest`.

use crate::error::SearchError;
use isnad_extract::Record;
use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// The store's database file inside a store directory.
pub fn database_path(store_dir: &Path) -> PathBuf {
    store_dir.join("isnad.sqlite")
}

/// A read-only connection to a store.
pub struct StoreReader {
    connection: Connection,
}

impl StoreReader {
    /// Opens the store in `store_dir`; a missing store is [`SearchError::NoStore`].
    pub fn open(store_dir: &Path) -> Result<StoreReader, SearchError> {
        let path = database_path(store_dir);
        if !path.is_file() {
            return Err(SearchError::NoStore { dir: store_dir.to_path_buf() });
        }
        let connection = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| SearchError::store(&path, e))?;
        Ok(StoreReader { connection })
    }

    /// Every stored key (hex content hash), in ingest order.
    pub fn hashes(&self) -> Result<Vec<String>, SearchError> {
        let mut query = self.connection.prepare("SELECT content_hash FROM articles ORDER BY rowid").map_err(SearchError::sql)?;
        let rows = query.query_map([], |row| row.get::<_, String>(0)).map_err(SearchError::sql)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(SearchError::sql)
    }

    /// Stored articles by key, parsed in parallel; keys not stored are left out.
    pub fn articles(&self, content_hashes: &[String]) -> Result<Vec<(Record, String)>, SearchError> {
        let mut query =
            self.connection.prepare_cached("SELECT text, record FROM articles WHERE content_hash = ?1").map_err(SearchError::sql)?;
        let mut raw: Vec<(String, String, String)> = Vec::with_capacity(content_hashes.len());
        for hash in content_hashes {
            let row = query
                .query_row([hash], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
                .optional()
                .map_err(SearchError::sql)?;
            if let Some((text, json)) = row {
                raw.push((hash.clone(), text, json));
            }
        }
        raw.into_par_iter()
            .map(|(hash, text, json)| {
                let record: Record = serde_json::from_str(&json)
                    .map_err(|e| SearchError::Corrupt { what: format!("stored record {hash}"), message: e.to_string() })?;
                Ok((record, text))
            })
            .collect()
    }

    /// One stored article (record and text) by key; `None` when it is not stored.
    pub fn article(&self, content_hash: &str) -> Result<Option<(Record, String)>, SearchError> {
        let mut query =
            self.connection.prepare_cached("SELECT text, record FROM articles WHERE content_hash = ?1").map_err(SearchError::sql)?;
        let row = query
            .query_row([content_hash], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
            .optional()
            .map_err(SearchError::sql)?;
        let Some((text, json)) = row else { return Ok(None) };
        let record: Record = serde_json::from_str(&json)
            .map_err(|e| SearchError::Corrupt { what: format!("stored record {content_hash}"), message: e.to_string() })?;
        Ok(Some((record, text)))
    }
}
