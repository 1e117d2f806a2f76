//! `isnad report`: the corpus view of a set of articles, for a terminal, as JSON or as Markdown.

use crate::batch::read_and_extract;
use crate::cli::{EXIT_OK, EXIT_SOME_INPUTS_FAILED};
use crate::render;
use anyhow::Context;
use isnad_corpus::syndication::{article_signature, Signature};
use rayon::prelude::*;
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
    let (articles, view, failed) = match store {
        Some(dir) => {
            stored = StoredCorpus::load(dir)?;
            let articles = stored.articles();
            let view = isnad_corpus::view::build_with_signatures(&articles, &stored.signatures);
            (articles, view, 0)
        }
        None => {
            batch = read_and_extract(paths);
            let articles = batch.articles();
            let view = isnad_corpus::build(&articles);
            (articles, view, batch.failed)
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &view).context("writing the report")?;
            writeln!(out)?;
        }
        Format::Md => render::markdown(&mut out, &view, &articles)?,
        Format::Terminal => render::terminal_with(&mut out, &view, &articles, render::TerminalStyle::for_stdout())?,
    }
    out.flush().context("writing the report")?;
    Ok(if failed > 0 { EXIT_SOME_INPUTS_FAILED } else { EXIT_OK })
}

/// Everything `report --store` needs from the store: the articles and their near-duplicate
/// signatures, computed at ingest. Signatures missing or made under an older recipe are computed
/// now and written back, so the next report finds them.
struct StoredCorpus {
    articles: Vec<isnad_store::StoredArticle>,
    signatures: Vec<Signature>,
}

impl StoredCorpus {
    fn load(dir: &Path) -> anyhow::Result<StoredCorpus> {
        if !dir.join(isnad_store::DATABASE_FILE).is_file() {
            anyhow::bail!("no store at {}: run `isnad ingest PATH... --store {}` first", dir.display(), dir.display());
        }
        let mut store = isnad_store::Store::open(dir)?;
        let rows = store.articles_with_signatures()?;
        let signatures: Vec<Option<Signature>> =
            rows.par_iter().map(|(_, bytes)| bytes.as_deref().and_then(Signature::from_bytes)).collect();
        let mut articles = Vec::with_capacity(rows.len());
        let mut recomputed = Vec::new();
        let signatures = rows
            .into_iter()
            .zip(signatures)
            .map(|((article, _), signature)| {
                let signature = signature.unwrap_or_else(|| {
                    let signature = article_signature(&isnad_corpus::Article { record: &article.record, text: &article.text });
                    recomputed.push((article.record.content_hash.clone(), signature.to_bytes()));
                    signature
                });
                articles.push(article);
                signature
            })
            .collect();
        if !recomputed.is_empty() {
            // A read-only store or a busy writer only costs the next report the same work again.
            if let Err(e) = store.set_signatures(&recomputed) {
                eprintln!("isnad: warning: could not keep {} recomputed signatures in the store: {e}", recomputed.len());
            }
        }
        Ok(StoredCorpus { articles, signatures })
    }

    fn articles(&self) -> Vec<isnad_corpus::Article<'_>> {
        self.articles.iter().map(|s| isnad_corpus::Article { record: &s.record, text: &s.text }).collect()
    }
}
