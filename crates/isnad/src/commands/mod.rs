//! One module per subcommand.

pub mod demo;
pub mod extract;
pub mod report;
