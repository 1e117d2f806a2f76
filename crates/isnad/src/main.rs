//! The `isnad` command line: reading, extraction, reports.
//!
//! Only this crate knows about the terminal, exit codes and JSON output; the logic lives in the
//! library crates (see ARCHITECTURE.md).

mod cli;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
