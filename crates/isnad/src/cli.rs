//! Argument parsing and exit codes.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, documented in `isnad --help`.
pub const EXIT_OK: u8 = 0;
pub const EXIT_SOME_INPUTS_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Exit codes:
  0  every input was processed
  1  some inputs could not be read (each is named on stderr); all others were processed
  2  bad usage, or nothing could be done (no input given, output not writable)";

#[derive(Parser, Debug)]
#[command(name = "isnad", version, about = "Sourced, queryable pictures of Arabic news: who did what to whom, who says so, through whom", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract one JSON record per article (JSON Lines on stdout)
    Extract {
        /// Files, directories (read recursively) or `-` for standard input
        #[arg(required = true)]
        paths: Vec<String>,
        /// Pretty-print each record (no longer one per line)
        #[arg(long)]
        pretty: bool,
    },
    /// Read, extract and store articles (idempotent: the same text is stored once)
    Ingest {
        /// Files, directories (read recursively) or `-` for standard input
        #[arg(required = true)]
        paths: Vec<String>,
        /// The store directory
        #[arg(long, default_value = "isnad-data")]
        store: PathBuf,
        /// Articles per transaction: a crash loses at most this many, and readers see progress
        /// after each
        #[arg(long, default_value_t = crate::commands::ingest::DEFAULT_BATCH_SIZE, value_parser = clap::value_parser!(u64).range(1..))]
        batch_size: u64,
    },
    /// The corpus view of a set of articles: events with their independent sources, disagreements,
    /// single-source claims, entities across articles
    Report {
        /// Files, directories (read recursively) or `-` for standard input; none with --store
        #[arg(required_unless_present = "store")]
        paths: Vec<String>,
        /// Report on the articles in this store instead of on paths
        #[arg(long, conflicts_with = "paths")]
        store: Option<PathBuf>,
        /// Write the report as JSON (the shape of SCHEMA.md)
        #[arg(long, conflicts_with = "md")]
        json: bool,
        /// Write the report as Markdown
        #[arg(long)]
        md: bool,
    },
    /// Run the whole path on the fictional articles shipped with isnad and print what it found
    Demo,
    /// Measure throughput and peak memory (run in release mode, outside CI)
    Bench {
        #[arg(value_enum)]
        stage: crate::commands::bench::Stage,
        #[arg(required = true)]
        paths: Vec<String>,
        /// Worker threads (default: one per core)
        #[arg(long)]
        threads: Option<usize>,
        /// Runs of the timed stage; the best is reported
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// Tag names in CoNLL token files (ANERcorp BIO tags), or train the name tagger
    Ner(crate::commands::ner::NerArgs),
    /// Serve a JSON API (/api/, described at /api/openapi.json) and a web UI over a store
    Serve {
        /// The store directory (filled by `isnad ingest --store DIR`)
        #[arg(long, default_value = "isnad-data")]
        store: PathBuf,
        /// Address to listen on; loopback by default (the API has no authentication for reading)
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// File holding a bearer token that allows `POST /api/ingest` (or set ISNAD_INGEST_TOKEN);
        /// without one the server is read-only
        #[arg(long)]
        ingest_token_file: Option<PathBuf>,
    },
    /// Search the stored articles (Arabic-aware: المفاوضات finds مفاوضات, لطالبان finds طالبان);
    /// each hit shows its sentence with the match highlighted and its chain of sources
    Search(crate::commands::search::SearchArgs),
    /// Index every stored article not indexed yet (for a store ingested before search existed)
    Index {
        /// The store directory
        #[arg(long, default_value = "isnad-data")]
        store: PathBuf,
    },
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let result = match cli.command {
        Command::Extract { paths, pretty } => crate::commands::extract::run(&paths, pretty),
        Command::Ner(args) => crate::commands::ner::run(&args),
        Command::Ingest { paths, store, batch_size } => {
            crate::commands::ingest::run(&paths, &store, usize::try_from(batch_size).unwrap_or(usize::MAX))
        }
        Command::Report { paths, store, json, md } => {
            use crate::commands::report::Format;
            let format = if json { Format::Json } else if md { Format::Md } else { Format::Terminal };
            crate::commands::report::run(&paths, store.as_deref(), format)
        }
        Command::Demo => crate::commands::demo::run(),
        Command::Bench { stage, paths, threads, repeat } => crate::commands::bench::run(stage, &paths, threads, repeat),
        Command::Serve { store, addr, ingest_token_file } => crate::commands::serve::run(store, addr, ingest_token_file.as_deref()),
        Command::Search(args) => crate::commands::search::run(&args),
        Command::Index { store } => crate::commands::search::run_index(&store),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("isnad: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
