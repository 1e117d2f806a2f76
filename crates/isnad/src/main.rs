//! The `isnad` command line: reading, extraction, reports.
//!
//! Only this crate knows about the terminal, exit codes and output formats; the logic lives in the
//! library crates (see ARCHITECTURE.md).

mod batch;
mod cli;
mod commands;
mod render;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
