//! Reading and extracting a whole batch in memory (for `report` and `demo`).

use isnad_extract::{Extractor, Record};
use isnad_read::{Document, ReadOptions, Reader};
use rayon::prelude::*;

/// The documents and records of a batch, in input order, plus how many inputs failed.
pub struct Batch {
    pub documents: Vec<Document>,
    pub records: Vec<Record>,
    pub failed: usize,
}

impl Batch {
    pub fn articles(&self) -> Vec<isnad_corpus::Article<'_>> {
        self.documents
            .iter()
            .zip(&self.records)
            .map(|(d, r)| isnad_corpus::Article { record: r, text: &d.text })
            .collect()
    }
}

/// Reads every argument and extracts every document, reporting bad inputs on stderr.
pub fn read_and_extract(paths: &[String]) -> Batch {
    let mut reader = Reader::new(ReadOptions::default());
    let mut documents = Vec::new();
    let mut failed = 0;
    for arg in paths {
        for result in reader.read_arg(arg) {
            match result {
                Ok(doc) => {
                    report_warnings(&doc);
                    documents.push(doc);
                }
                Err(e) => {
                    eprintln!("isnad: error: {e}");
                    failed += 1;
                }
            }
        }
    }
    let records = extract_all(&documents);
    Batch { documents, records, failed }
}

/// Extracts records in parallel, in input order.
pub fn extract_all(documents: &[Document]) -> Vec<Record> {
    let extractor = Extractor::new();
    documents.par_iter().map(|d| extractor.extract(d)).collect()
}

pub fn report_warnings(doc: &Document) {
    for warning in &doc.warnings {
        eprintln!("isnad: warning: {}: {warning}", doc.origin);
    }
}
