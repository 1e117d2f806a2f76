//! The database layout and how an older store is brought up to date.
//!
//! The layout is versioned with SQLite's `user_version`; each step below upgrades a store written by
//! an earlier release in place, so a store is never thrown away on upgrade.

use rusqlite::{Connection, TransactionBehavior};

/// The layout this release writes.
pub const SCHEMA_VERSION: i64 = 2;

/// Version 1: articles keyed by content hash, with text and record.
const VERSION_1: &str = "
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

/// Version 2: each article's near-duplicate signature (opaque bytes written by the corpus crate),
/// computed once at ingest so the corpus view never recomputes it, NULL for articles stored before;
/// and `record_text_elided`: 1 when the record's own `text` field (the decoded text, SCHEMA.md) was
/// left out of the stored JSON because it equals the `text` column, which would otherwise be stored
/// twice.
const VERSION_2: &str = "
ALTER TABLE articles ADD COLUMN signature BLOB;
ALTER TABLE articles ADD COLUMN record_text_elided INTEGER NOT NULL DEFAULT 0;
";

/// Creates the tables, or upgrades them from an earlier version, in one transaction.
pub fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version >= SCHEMA_VERSION {
        // Nothing to write: a reader opening the store while an ingest runs takes no write lock.
        return Ok(());
    }
    // IMMEDIATE takes the write lock up front (waiting for it under the busy timeout): a deferred
    // transaction that read first would fail at once, not wait, if another writer held the lock.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated between the check and the lock: look again inside.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version < 1 {
        tx.execute_batch(VERSION_1)?;
    }
    if version < 2 && !has_column(&tx, "articles", "signature")? {
        tx.execute_batch(VERSION_2)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))?;
    tx.commit()
}

fn has_column(connection: &Connection, table: &str, column: &str) -> rusqlite::Result<bool> {
    let mut query = connection.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2")?;
    query.exists([table, column])
}
