//! One module per subcommand.

pub mod bench;
pub mod demo;
pub mod extract;
pub mod ner;
pub mod ingest;
pub mod report;
pub mod serve;
pub mod search;
