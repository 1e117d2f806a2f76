//! `isnad extract`: JSON Lines records on stdout, one per article.

use crate::cli::{EXIT_OK, EXIT_SOME_INPUTS_FAILED};
use anyhow::Context;
use isnad_extract::Extractor;
use isnad_read::{ReadOptions, Reader};
use rayon::prelude::*;
use std::io::Write;

pub fn run(paths: &[String], pretty: bool) -> anyhow::Result<u8> {
    let extractor = Extractor::new();
    let mut reader = Reader::new(ReadOptions::default());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for arg in paths {
        let results = reader.read_arg(arg);
        let mut documents = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(doc) => {
                    for warning in &doc.warnings {
                        eprintln!("isnad: warning: {}: {warning}", doc.origin);
                    }
                    documents.push(doc);
                }
                Err(e) => {
                    eprintln!("isnad: error: {e}");
                    failed += 1;
                }
            }
        }
        let lines: Vec<String> = documents
            .par_iter()
            .map(|doc| {
                let record = extractor.extract(doc);
                if pretty { serde_json::to_string_pretty(&record) } else { serde_json::to_string(&record) }
            })
            .collect::<Result<_, _>>()?;
        for line in lines {
            writeln!(out, "{line}").context("writing to standard output")?;
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(if failed > 0 { EXIT_SOME_INPUTS_FAILED } else { EXIT_OK })
}
