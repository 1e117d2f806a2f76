//! Turning command-line arguments (files, directories, `-`) into documents.
//!
//! Each input is sniffed from its content, not its name: gzip by its magic bytes (then sniffed
//! again inside), JSON Lines by a first line that is a JSON object, otherwise one article of text
//! in whatever encoding [`crate::decode`] finds. Memory stays bounded: a single article larger
//! than [`ReadOptions::max_article_bytes`] is refused before it is read, and container lines are
//! read one at a time with the same limit.

use crate::decode::{decode, DecodeFailure};
use crate::jsonl::{looks_like_json_lines, parse_line, JsonFields};
use crate::Document;
use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
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
                write!(f, "{origin}: {size} bytes or more, over the {limit}-byte limit for one article; split it into articles (JSON Lines reads one per line)")
            }
            ReadError::Malformed { origin, message } => write!(f, "{origin}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest input accepted as one article, in bytes (16 MiB by default). Extraction keeps about
    /// ten bytes of maps per input byte, so this bounds one article's working memory to a few
    /// hundred megabytes; real articles are under 100 KB.
    pub max_article_bytes: u64,
    /// Field names for JSON Lines input.
    pub json_fields: JsonFields,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_article_bytes: 16 << 20, json_fields: JsonFields::default() }
    }
}

/// How many bytes are looked at to decide what an input is.
const SNIFF_BYTES: usize = 64 * 1024;

/// Reads inputs one after another, giving each document an id unique in the run.
#[derive(Debug, Default)]
pub struct Reader {
    pub options: ReadOptions,
    issued_ids: HashSet<String>,
    stdin_count: usize,
}

impl Reader {
    pub fn new(options: ReadOptions) -> Reader {
        Reader { options, ..Reader::default() }
    }

    /// Reads one command-line argument: a file, a directory (recursively, in name order) or `-`.
    pub fn read_arg(&mut self, arg: &str) -> Vec<Result<Document, ReadError>> {
        if arg == "-" {
            self.stdin_count += 1;
            let stdin = std::io::stdin();
            let id = format!("stdin#{}", self.stdin_count);
            return self.read_stream("stdin", "stdin", id, Box::new(stdin.lock()), None);
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
            out.extend(self.read_file(&path, &root));
        }
        out
    }

    /// Reads one file, which may hold one article or many.
    pub fn read_file(&mut self, path: &Path, root: &Path) -> Vec<Result<Document, ReadError>> {
        let origin = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(source) => return vec![Err(ReadError::Io { origin, source })],
        };
        let size = file.metadata().ok().map(|m| m.len());
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "input".into());
        let stem = stem.strip_suffix(".jsonl").or_else(|| stem.strip_suffix(".ndjson")).unwrap_or(&stem).to_string();
        let id = self.file_id(path, root);
        self.read_stream(&stem, &origin, id, Box::new(file), size)
    }

    /// Sniffs a stream and reads it as gzip, JSON Lines or one article.
    fn read_stream(
        &mut self,
        stem: &str,
        origin: &str,
        id: String,
        mut stream: Box<dyn Read + '_>,
        size: Option<u64>,
    ) -> Vec<Result<Document, ReadError>> {
        let mut head = Vec::with_capacity(SNIFF_BYTES.min(size.unwrap_or(SNIFF_BYTES as u64) as usize));
        if let Err(source) = (&mut stream).take(SNIFF_BYTES as u64).read_to_end(&mut head) {
            return vec![Err(ReadError::Io { origin: origin.into(), source })];
        }
        if head.starts_with(&[0x1f, 0x8b]) {
            let inner = flate2::read::MultiGzDecoder::new(std::io::Cursor::new(head).chain(stream));
            let mut inner = BufReader::new(inner);
            let inner_head = match inner.fill_buf() {
                Ok(b) => b.to_vec(),
                Err(source) => return vec![Err(ReadError::Malformed { origin: origin.into(), message: format!("broken gzip data: {source}") })],
            };
            if inner_head.starts_with(&[0x1f, 0x8b]) {
                return vec![Err(ReadError::Malformed { origin: origin.into(), message: "gzip inside gzip is not read".into() })];
            }
            return self.read_stream(stem, origin, id, Box::new(inner), None);
        }
        if looks_like_json_lines(&head) {
            return self.read_json_lines(stem, origin, std::io::Cursor::new(head).chain(stream));
        }
        let limit = self.options.max_article_bytes;
        if let Some(size) = size.filter(|&s| s > limit) {
            return vec![Err(ReadError::TooLarge { origin: origin.into(), size, limit })];
        }
        let mut bytes = head;
        if let Err(source) = stream.take(limit + 1 - bytes.len().min(limit as usize) as u64).read_to_end(&mut bytes) {
            return vec![Err(ReadError::Io { origin: origin.into(), source })];
        }
        if bytes.len() as u64 > limit {
            return vec![Err(ReadError::TooLarge { origin: origin.into(), size: bytes.len() as u64, limit })];
        }
        vec![self.read_bytes(&id, origin, &bytes)]
    }

    /// Reads JSON Lines, one article per non-blank line, each line bounded by the article limit.
    fn read_json_lines(&mut self, stem: &str, origin: &str, stream: impl Read) -> Vec<Result<Document, ReadError>> {
        let mut reader = BufReader::new(stream);
        let limit = self.options.max_article_bytes as usize;
        let mut out = Vec::new();
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            let read = match read_line_bounded(&mut reader, &mut line, limit) {
                Ok(r) => r,
                Err(source) => {
                    out.push(Err(ReadError::Io { origin: format!("{origin} line {}", number + 1), source }));
                    break;
                }
            };
            let item_origin = format!("{origin} line {}", number + 1);
            match read {
                LineRead::End => break,
                LineRead::TooLong(size) => {
                    number += 1;
                    out.push(Err(ReadError::TooLarge { origin: item_origin, size: size as u64, limit: limit as u64 }));
                    continue;
                }
                LineRead::Line => {}
            }
            let Ok(text) = std::str::from_utf8(&line) else {
                number += 1;
                out.push(Err(ReadError::Malformed { origin: item_origin, message: "line is not UTF-8, as JSON Lines must be".into() }));
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            number += 1;
            match parse_line(text, &self.options.json_fields) {
                Ok(article) => {
                    let id = self.claim_id(article.id.unwrap_or_else(|| format!("{stem}#{number}")));
                    let mut doc = Document::from_text(id, item_origin, article.text);
                    doc.text_is_input = false;
                    doc.published = article.published;
                    out.push(Ok(doc.with_layout(article.title)));
                }
                Err(problem) => out.push(Err(ReadError::Malformed { origin: item_origin, message: problem.to_string() })),
            }
        }
        out
    }

    /// The id of a file holding one article: its stem, or, when another file already had that stem,
    /// its path relative to the argument.
    fn file_id(&mut self, path: &Path, root: &Path) -> String {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !self.issued_ids.contains(&stem) {
            self.issued_ids.insert(stem.clone());
            return stem;
        }
        let relative = path.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty()).unwrap_or(path);
        self.claim_id(relative.display().to_string())
    }

    /// Issues `wanted`, or `wanted#2`, `wanted#3`, ... when it is taken.
    fn claim_id(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 1;
        while self.issued_ids.contains(&id) {
            n += 1;
            id = format!("{wanted}#{n}");
        }
        self.issued_ids.insert(id.clone());
        id
    }

    /// Reads one input's bytes as one article.
    pub fn read_bytes(&self, doc_id: &str, origin: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        if bytes.len() as u64 > self.options.max_article_bytes {
            return Err(ReadError::TooLarge {
                origin: origin.into(),
                size: bytes.len() as u64,
                limit: self.options.max_article_bytes,
            });
        }
        let decoded = decode(bytes, None).map_err(|failure| match failure {
            DecodeFailure::Empty => ReadError::Empty { origin: origin.into() },
            DecodeFailure::Binary => ReadError::Binary { origin: origin.into() },
        })?;
        let mut doc = Document::from_text(doc_id, origin, decoded.text);
        doc.text_is_input = decoded.text_is_input;
        doc.warnings = decoded.warnings;
        Ok(doc.with_layout(None))
    }
}

/// What one bounded line read found.
enum LineRead {
    Line,
    /// The line was longer than the limit (its length is given); it was skipped.
    TooLong(usize),
    End,
}

/// Reads the next line into `line` (without its newline), never holding more than `limit` bytes.
fn read_line_bounded(reader: &mut impl BufRead, line: &mut Vec<u8>, limit: usize) -> std::io::Result<LineRead> {
    line.clear();
    let mut length = 0usize;
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found_newline) = match available.iter().position(|&b| b == b'\n') {
            Some(p) => (&available[..p], true),
            None => (available, false),
        };
        length += chunk.len();
        if length <= limit {
            line.extend_from_slice(chunk);
        } else {
            line.clear();
        }
        let consumed = chunk.len() + usize::from(found_newline);
        reader.consume(consumed);
        if found_newline {
            break;
        }
    }
    if !any {
        return Ok(LineRead::End);
    }
    if length > limit {
        return Ok(LineRead::TooLong(length));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(LineRead::Line)
}

/// Files under `dir`, in name order, skipping hidden entries and not following directory links
/// (which could loop).
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect_files(&path, out);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
}
