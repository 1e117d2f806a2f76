//! Extraction: a [`Document`](isnad_read::Document) in, a [`Record`] out.
//!
//! Input comes from `isnad-read`; output goes to the corpus step, the store and the CLI. Every fact
//! in a record carries the byte span of the words it came from.
//!
//! Stages, in order (see [`pipeline`]): the text is normalised and tokenised once ([`Analysis`]);
//! dates, then quantities (skipping the parts of dates); entities from the gazetteer and name rules
//! ([`entities`]); attributions with their chains ([`attribution`]); events with roles and figures
//! ([`events`]).

pub mod analysis;
pub mod attribution;
pub mod entities;
pub mod events;
pub mod gazetteer;
pub mod lexicon;
pub mod pipeline;
pub mod record;
#[cfg(test)]
mod test_support;
pub mod tagger;

pub use analysis::Analysis;
pub use pipeline::Extractor;
pub use record::*;
