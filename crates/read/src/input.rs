//! Turning command-line arguments (files, directories, `-`) into documents.

use crate::Document;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why one input gave no document. The rest of a batch always goes on.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    Io { origin: String, source: std::io::Error },
    Empty { origin: String },
    Binary { origin: String },
    TooLarge { origin: String, size: u64, limit: u64 },
    Malformed { origin: String, message: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { origin, source } => write!(f, "{origin}: cannot read: {source}"),
            ReadError::Empty { origin } => write!(f, "{origin}: empty input, nothing to extract"),
            ReadError::Binary { origin } => {
                write!(f, "{origin}: looks like binary data, not text; pass text, HTML, a feed, WARC or JSON Lines")
            }
            ReadError::TooLarge { origin, size, limit } => {
                write!(f, "{origin}: {size} bytes is over the {limit}-byte limit for one article; split it or raise --max-bytes")
            }
            ReadError::Malformed { origin, message } => write!(f, "{origin}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest input accepted as one article, in bytes.
    pub max_article_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_article_bytes: 64 << 20 }
    }
}

/// Reads inputs one after another, giving each document an id unique in the run.
#[derive(Debug, Default)]
pub struct Reader {
    pub options: ReadOptions,
    seen_ids: HashMap<String, usize>,
    stdin_count: usize,
}

impl Reader {
    pub fn new(options: ReadOptions) -> Reader {
        Reader { options, ..Reader::default() }
    }

    /// Reads one command-line argument: a file, a directory (recursively, in name order) or `-`.
    pub fn read_arg(&mut self, arg: &str) -> Vec<Result<Document, ReadError>> {
        if arg == "-" {
            let mut bytes = Vec::new();
            use std::io::Read;
            if let Err(source) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return vec![Err(ReadError::Io { origin: "stdin".into(), source })];
            }
            self.stdin_count += 1;
            let id = format!("stdin#{}", self.stdin_count);
            return vec![self.read_bytes(&id, "stdin", &bytes)];
        }
        let root = PathBuf::from(arg);
        let mut files = Vec::new();
        if root.is_dir() {
            collect_files(&root, &mut files);
        } else {
            files.push(root.clone());
        }
        let mut out = Vec::new();
        for path in files {
            let origin = path.display().to_string();
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(source) => {
                    out.push(Err(ReadError::Io { origin, source }));
                    continue;
                }
            };
            let id = self.unique_id(&path, &root);
            out.push(self.read_bytes(&id, &origin, &bytes));
        }
        out
    }

    fn unique_id(&mut self, path: &Path, root: &Path) -> String {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let count = self.seen_ids.entry(stem.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            stem
        } else {
            path.strip_prefix(root).unwrap_or(path).display().to_string()
        }
    }

    /// Reads one input's bytes as one article.
    pub fn read_bytes(&self, doc_id: &str, origin: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        if bytes.is_empty() {
            return Err(ReadError::Empty { origin: origin.into() });
        }
        if bytes.len() as u64 > self.options.max_article_bytes {
            return Err(ReadError::TooLarge {
                origin: origin.into(),
                size: bytes.len() as u64,
                limit: self.options.max_article_bytes,
            });
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = String::from_utf8_lossy(bytes).into_owned();
        Ok(Document::from_text(doc_id, origin, text))
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}
