//! The corpus step: records in, a corpus view out.
//!
//! Input is the [`Record`](isnad_extract::Record)s of many articles (with the text each record's spans
//! index); output is a [`CorpusView`]: which pages are copies of each other ([`syndication`]), which
//! entities recur across articles ([`entity_clusters`]), which reports describe the same event and how
//! many independent sources stand behind each ([`event_clusters`]), where figures disagree, and which
//! claims stand on a single source ([`claims`]). It works on compact records, never on raw input.
//!
//! Independence is the principle: two pages that are copies, or that trace a report to the same
//! upstream outlet, count once.

pub mod claims;
pub mod entity_clusters;
pub mod event_clusters;
pub mod syndication;
pub mod view;

pub use view::{build, Article, CorpusView};
