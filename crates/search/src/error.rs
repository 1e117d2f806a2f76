//! What can go wrong when indexing or searching, phrased for the person at the terminal.

use std::fmt;
use std::path::{Path, PathBuf};

/// A search or indexing failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum SearchError {
    /// No store at this directory.
    NoStore { dir: PathBuf },
    /// A store exists but has never been indexed.
    NoIndex { dir: PathBuf },
    /// The store's database could not be read.
    Store { path: PathBuf, message: String },
    /// A query on the store failed.
    Sql { message: String },
    /// The index could not be opened, written or searched.
    Index { dir: PathBuf, message: String },
    /// Stored data does not parse (written by an incompatible version).
    Corrupt { what: String, message: String },
    /// A filter value the index cannot use (a date that does not parse).
    BadFilter { message: String },
}

impl SearchError {
    pub(crate) fn store(path: &Path, e: impl fmt::Display) -> SearchError {
        SearchError::Store { path: path.to_path_buf(), message: e.to_string() }
    }

    pub(crate) fn sql(e: rusqlite::Error) -> SearchError {
        SearchError::Sql { message: e.to_string() }
    }

    pub(crate) fn index(dir: &Path, e: impl fmt::Display) -> SearchError {
        SearchError::Index { dir: dir.to_path_buf(), message: e.to_string() }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::NoStore { dir } => {
                write!(f, "no store at {}: run `isnad ingest PATH --store {}` first", dir.display(), dir.display())
            }
            SearchError::NoIndex { dir } => {
                write!(f, "the store at {} has no search index yet: run `isnad index --store {}`", dir.display(), dir.display())
            }
            SearchError::Store { path, message } => {
                write!(f, "cannot read the store database {}: {message}; check the path and its permissions", path.display())
            }
            SearchError::Sql { message } => write!(f, "store query failed: {message}"),
            SearchError::Index { dir, message } => write!(
                f,
                "search index at {} failed: {message}; if it is damaged, delete that folder and run `isnad index` to rebuild it",
                dir.display()
            ),
            SearchError::Corrupt { what, message } => {
                write!(f, "{what} does not parse ({message}); re-ingest into a fresh store")
            }
            SearchError::BadFilter { message } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for SearchError {}
