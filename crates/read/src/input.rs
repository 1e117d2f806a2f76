//! Turning command-line arguments (files, directories, `-`) into documents.
//!
//! Each input is sniffed from its content, not its name ([`crate::detect`]): gzip by its magic
//! bytes (then sniffed again inside), WARC archives, RSS and Atom feeds, JSON Lines, HTML pages,
//! otherwise one article of text in whatever encoding [`crate::decode`] finds. A directory is
//! walked for files that can hold articles ([`crate::walk`]); a file named on the command line is
//! always read. Memory stays bounded: a single article (or feed) larger than
//! [`ReadOptions::max_article_bytes`] is refused before it is read, and JSON Lines and WARC
//! archives are read one line or record at a time under the same limit.

use crate::decode::{decode, DecodeFailure};
use crate::detect::{sniff, Format};
use crate::feed::parse_feed;
use crate::html::read_page;
use crate::jsonl::{parse_line, JsonFields};
use crate::walk::{article_stem, collect_files};
use crate::warc::{record_content, RecordContent, WarcRecords, MAX_HEADER_BYTES};
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
        let stem = article_stem(path);
        let id = self.file_id(path, root);
        self.read_stream(&stem, &origin, id, Box::new(file), size)
    }

    /// Reads an input held in memory, which may hold one article or many: the same as reading a
    /// file of these bytes named `stem`.
    pub fn read_all_bytes(&mut self, stem: &str, origin: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
        let id = self.claim_id(stem.to_string());
        self.read_stream(stem, origin, id, Box::new(bytes), Some(bytes.len() as u64))
    }

    /// Sniffs a stream and reads it as gzip, WARC, a feed, JSON Lines, HTML or text.
    fn read_stream(
        &mut self,
        stem: &str,
        origin: &str,
        id: String,
        mut stream: Box<dyn Read + '_>,
        size: Option<u64>,
    ) -> Vec<Result<Document, ReadError>> {
        let mut head = Vec::with_capacity(SNIFF_BYTES.min(size.unwrap_or(SNIFF_BYTES as u64) as usize));
        // A stream that breaks early (a cut gzip file) still shows what it is; its error is kept
        // for the reader of that format to meet where it happened, after the complete items.
        let failure = (&mut stream).take(SNIFF_BYTES as u64).read_to_end(&mut head).err();
        if head.is_empty() {
            if let Some(source) = failure {
                return vec![Err(ReadError::Io { origin: origin.into(), source })];
            }
        }
        let format = sniff(&head);
        let stream: Box<dyn Read + '_> = match failure {
            Some(error) => Box::new(FailingReader(Some(error))),
            None => stream,
        };
        let rest = std::io::Cursor::new(head).chain(stream);
        match format {
            Format::Gzip => {
                let inner = flate2::read::MultiGzDecoder::new(rest);
                let mut inner = BufReader::new(inner);
                let inner_head = match inner.fill_buf() {
                    Ok(b) => b.to_vec(),
                    Err(source) => return vec![Err(ReadError::Malformed { origin: origin.into(), message: format!("broken gzip data: {source}") })],
                };
                if sniff(&inner_head) == Format::Gzip {
                    return vec![Err(ReadError::Malformed { origin: origin.into(), message: "gzip inside gzip is not read".into() })];
                }
                self.read_stream(stem, origin, id, Box::new(inner), None)
            }
            Format::JsonLines => self.read_json_lines(stem, origin, rest),
            Format::OtherXml => vec![Err(ReadError::Malformed {
                origin: origin.into(),
                message: "XML that is neither an RSS or Atom feed nor a web page; no article read".into(),
            })],
            Format::Warc => self.read_warc(stem, origin, BufReader::new(rest)),
            Format::Feed | Format::Html | Format::Text => {
                let bytes = match self.read_bounded(origin, rest, size) {
                    Ok(b) => b,
                    Err(error) => return vec![Err(error)],
                };
                if format == Format::Feed {
                    return self.read_feed(stem, origin, &bytes);
                }
                vec![self.read_article(&id, origin, &bytes, None)]
            }
        }
    }

    /// Reads a whole input that must fit the article limit (one article, or a feed).
    fn read_bounded(&self, origin: &str, stream: impl Read, size: Option<u64>) -> Result<Vec<u8>, ReadError> {
        let limit = self.options.max_article_bytes;
        if let Some(size) = size.filter(|&s| s > limit) {
            return Err(ReadError::TooLarge { origin: origin.into(), size, limit });
        }
        let mut bytes = Vec::new();
        stream.take(limit + 1).read_to_end(&mut bytes).map_err(|source| ReadError::Io { origin: origin.into(), source })?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { origin: origin.into(), size: bytes.len() as u64, limit });
        }
        Ok(bytes)
    }

    /// Reads a feed: each item an article, its id the item's link.
    fn read_feed(&mut self, stem: &str, origin: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
        let items = match parse_feed(bytes) {
            Ok(items) => items,
            Err(message) => return vec![Err(ReadError::Malformed { origin: origin.into(), message })],
        };
        let mut out = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let number = index + 1;
            let item_origin = format!("{origin} item {number}");
            match item {
                Ok(item) => {
                    let id = self.claim_id(item.link.clone().unwrap_or_else(|| format!("{stem}#{number}")));
                    let mut doc = Document::from_text(id, item.link.unwrap_or(item_origin), item.text);
                    doc.text_is_input = false;
                    doc.published = item.published;
                    out.push(Ok(doc.with_layout(item.title)));
                }
                Err(problem) => out.push(Err(ReadError::Malformed { origin: item_origin, message: problem.to_string() })),
            }
        }
        out
    }

    /// Reads a web archive: each HTML or text response an article, its id the target URI.
    fn read_warc(&mut self, stem: &str, origin: &str, stream: impl BufRead) -> Vec<Result<Document, ReadError>> {
        let limit = self.options.max_article_bytes;
        let mut out = Vec::new();
        let mut number = 0usize;
        for record in WarcRecords::new(stream, limit.saturating_add(MAX_HEADER_BYTES as u64)) {
            let record = match record {
                Ok(r) => r,
                Err(problem) => {
                    out.push(Err(ReadError::Malformed { origin: origin.into(), message: problem.to_string() }));
                    continue;
                }
            };
            let record_origin = format!("{origin} record at byte {}", record.offset);
            let page = match record_content(&record, limit) {
                RecordContent::Skip => continue,
                RecordContent::Broken(message) => {
                    number += 1;
                    let origin = match record.header("WARC-Target-URI") {
                        Some(uri) => format!("{record_origin} ({uri})"),
                        None => record_origin,
                    };
                    out.push(Err(ReadError::Malformed { origin, message }));
                    continue;
                }
                RecordContent::Page(page) => page,
            };
            number += 1;
            let page_origin = page.uri.clone().unwrap_or(record_origin);
            let id = self.claim_id(page.uri.clone().unwrap_or_else(|| format!("{stem}#{number}")));
            let is_html = page.media_type.as_deref().map_or(sniff(&page.body) == Format::Html, |m| m.contains("html"));
            out.push(self.read_article_as(&id, &page_origin, &page.body, page.charset.as_deref(), is_html));
        }
        out
    }

    /// Reads JSON Lines, one article per non-blank line, each line bounded by the article limit.
    fn read_json_lines(&mut self, stem: &str, origin: &str, stream: impl Read) -> Vec<Result<Document, ReadError>> {
        let mut reader = BufReader::new(stream);
        let limit = self.options.max_article_bytes as usize;
        // Items are parsed in order (ids depend on it); their layout analysis, most of the cost, runs
        // in parallel afterwards.
        let mut out: Vec<Result<(Document, Option<isnad_text::Span>), ReadError>> = Vec::new();
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
                    out.push(Ok((doc, article.title)));
                }
                Err(problem) => out.push(Err(ReadError::Malformed { origin: item_origin, message: problem.to_string() })),
            }
        }
        use rayon::prelude::*;
        out.into_par_iter().map(|item| item.map(|(doc, title)| doc.with_layout(title))).collect()
    }

    /// The id of a file holding one article: its stem, or, when another file already had that stem,
    /// its path relative to the argument.
    fn file_id(&mut self, path: &Path, root: &Path) -> String {
        let stem = article_stem(path);
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

    /// Reads one input's bytes as one article: text, or an HTML page reduced to its main text. A
    /// container (gzip, WARC, feed, JSON Lines) gives its first article, or its first problem.
    pub fn read_bytes(&self, doc_id: &str, origin: &str, bytes: &[u8]) -> Result<Document, ReadError> {
        if !matches!(sniff(bytes), Format::Html | Format::Text) {
            let mut reader = Reader::new(self.options.clone());
            let first = reader.read_all_bytes(doc_id, origin, bytes).into_iter().next();
            return first.unwrap_or_else(|| Err(ReadError::Empty { origin: origin.into() }));
        }
        self.read_article(doc_id, origin, bytes, None)
    }

    /// One article of text or HTML (told apart by content), decoded with `declared_charset` as a
    /// hint (an HTTP header's).
    fn read_article(&self, doc_id: &str, origin: &str, bytes: &[u8], declared_charset: Option<&str>) -> Result<Document, ReadError> {
        self.read_article_as(doc_id, origin, bytes, declared_charset, sniff(bytes) == Format::Html)
    }

    fn read_article_as(
        &self,
        doc_id: &str,
        origin: &str,
        bytes: &[u8],
        declared_charset: Option<&str>,
        is_html: bool,
    ) -> Result<Document, ReadError> {
        if bytes.len() as u64 > self.options.max_article_bytes {
            return Err(ReadError::TooLarge {
                origin: origin.into(),
                size: bytes.len() as u64,
                limit: self.options.max_article_bytes,
            });
        }
        let decoded = decode(bytes, declared_charset).map_err(|failure| match failure {
            DecodeFailure::Empty => ReadError::Empty { origin: origin.into() },
            DecodeFailure::Binary => ReadError::Binary { origin: origin.into() },
        })?;
        if !is_html {
            let mut doc = Document::from_text(doc_id, origin, decoded.text);
            doc.text_is_input = decoded.text_is_input;
            doc.warnings = decoded.warnings;
            return Ok(doc.with_layout(None));
        }
        let page = read_page(&decoded.text);
        if page.text.trim().is_empty() {
            return Err(ReadError::Malformed { origin: origin.into(), message: "HTML page with no readable text".into() });
        }
        let mut doc = Document::from_text(doc_id, origin, page.text);
        doc.text_is_input = false;
        doc.published = page.published;
        doc.warnings = decoded.warnings;
        doc.warnings.extend(page.warnings);
        Ok(doc.with_layout(page.title))
    }
}

/// A reader that fails with a stored error, then reports the end.
struct FailingReader(Option<std::io::Error>);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(error) => Err(error),
            None => Ok(0),
        }
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
