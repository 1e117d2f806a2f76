//! `isnad report`: the corpus view of a set of articles, for a terminal, as JSON or as Markdown.

use crate::batch::read_and_extract;
use crate::cli::{EXIT_OK, EXIT_SOME_INPUTS_FAILED};
use crate::render;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Terminal,
    Json,
    Md,
}

pub fn run(paths: &[String], store: Option<&Path>, format: Format) -> anyhow::Result<u8> {
    let (stored, batch);
    let (articles, failed) = match store {
        Some(dir) => {
            stored = isnad_store::Store::open(dir)?.articles()?;
            let articles: Vec<isnad_corpus::Article> =
                stored.iter().map(|s| isnad_corpus::Article { record: &s.record, text: &s.text }).collect();
            (articles, 0)
        }
        None => {
            batch = read_and_extract(paths);
            (batch.articles(), batch.failed)
        }
    };
    let view = isnad_corpus::build(&articles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &view).context("writing the report")?;
            writeln!(out)?;
        }
        Format::Md => render::markdown(&mut out, &view, &articles)?,
        Format::Terminal => render::terminal(&mut out, &view, &articles, render::use_colour())?,
    }
    out.flush().context("writing the report")?;
    Ok(if failed > 0 { EXIT_SOME_INPUTS_FAILED } else { EXIT_OK })
}
