//! Extraction: a [`Document`](isnad_read::Document) in, a [`Record`] out.
//!
//! Input comes from `isnad-read`; output goes to the corpus step, the store and the CLI. Every fact
//! in a record carries the byte span of the words it came from.

pub mod record;

pub use record::*;
