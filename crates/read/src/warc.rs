//! Web archives (WARC, as Common Crawl and `wget --warc-file` write them): each HTTP response
//! holding an HTML or text page is an article.
//!
//! A WARC file is a run of records: a `WARC/1.x` line, `Name: value` header lines, a blank line,
//! then `Content-Length` bytes of block and a blank line. Response records hold the HTTP status
//! line, headers and body; the HTTP `Content-Type` charset is the page's encoding hint.
//!
//! The records are read here rather than with the `warc` crate (0.4): that crate's `from_path`
//! always fails, its header reader looks for a lone `\r\n` line and so reads a whole archive into
//! memory when lines end in `\n`, and a hostile `Content-Length` near `usize::MAX` overflows its
//! length arithmetic (a panic in debug builds). Here memory stays bounded (a header block of at
//! most [`MAX_HEADER_BYTES`], a block of at most the article limit, larger ones skipped with an
//! error) and an archive cut short gives its complete records and then one error for the broken
//! one, naming its byte offset.

use std::io::{BufRead, Read};

/// Largest WARC or HTTP header block read; real ones are under 4 KiB.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One WARC record: its headers and its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Byte offset of the record's first line in the (decompressed) archive.
    pub offset: u64,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The first header of this name (compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

/// Why a record could not be read.
#[derive(Debug)]
pub enum WarcProblem {
    /// The archive ends inside this record (a cut-off download or copy).
    Truncated { offset: u64, detail: String },
    /// The header block is not WARC (no version line, no usable `Content-Length`).
    BadHeader { offset: u64, detail: String },
    /// The block is over the article limit; it was skipped and reading went on.
    TooLarge { offset: u64, length: u64, limit: u64 },
    /// Reading failed (a broken gzip stream, an I/O error).
    Io { offset: u64, source: std::io::Error },
}

impl std::fmt::Display for WarcProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WarcProblem::Truncated { offset, detail } => {
                write!(f, "WARC record at byte {offset} is cut off ({detail}); the archive is truncated, the complete records before it were read")
            }
            WarcProblem::BadHeader { offset, detail } => write!(f, "no WARC record at byte {offset}: {detail}; reading of this archive stopped"),
            WarcProblem::TooLarge { offset, length, limit } => {
                write!(f, "WARC record at byte {offset} holds {length} bytes, over the {limit}-byte limit for one article; skipped")
            }
            WarcProblem::Io { offset, source } => write!(f, "cannot read the WARC record at byte {offset}: {source}"),
        }
    }
}

/// Reads records one at a time from a (decompressed) archive. After a problem the archive cannot
/// be resynchronised, so iteration ends, except after an over-large block, which is skipped.
pub struct WarcRecords<R> {
    reader: R,
    offset: u64,
    max_block: u64,
    finished: bool,
}

impl<R: BufRead> WarcRecords<R> {
    /// `max_block` bounds the block of one record held in memory.
    pub fn new(reader: R, max_block: u64) -> WarcRecords<R> {
        WarcRecords { reader, offset: 0, max_block, finished: false }
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, WarcProblem>> {
        if let Err(problem) = self.skip_blank_lines()? {
            return Some(Err(problem));
        }
        let offset = self.offset;
        let header_bytes = match read_header_block(&mut self.reader) {
            Ok(bytes) => bytes,
            Err(problem) => return Some(Err(problem.at(offset))),
        };
        self.offset += header_bytes.consumed as u64;
        let mut lines = header_bytes.lines.into_iter();
        let version = lines.next().unwrap_or_default();
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Some(Err(WarcProblem::BadHeader { offset, detail: format!("found {shown:?} where a WARC/1.x line belongs") }));
        }
        let headers = parse_header_lines(lines);
        let Some(length) = header_value(&headers, "Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            return Some(Err(WarcProblem::BadHeader { offset, detail: "no valid Content-Length header".into() }));
        };
        if length > self.max_block {
            let skipped = std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink());
            return match skipped {
                Ok(n) if n == length => {
                    self.offset += length;
                    self.offset += self.skip_record_end() as u64;
                    Some(Err(WarcProblem::TooLarge { offset, length, limit: self.max_block }))
                }
                Ok(n) => Some(Err(WarcProblem::Truncated { offset, detail: format!("{n} of {length} block bytes present") })),
                Err(source) => Some(Err(WarcProblem::Io { offset, source })),
            };
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        match (&mut self.reader).take(length).read_to_end(&mut block) {
            Ok(_) if block.len() as u64 == length => {}
            Ok(_) => {
                return Some(Err(WarcProblem::Truncated { offset, detail: format!("{} of {length} block bytes present", block.len()) }));
            }
            Err(source) if source.kind() == std::io::ErrorKind::UnexpectedEof => {
                let detail = format!("{} of {length} block bytes present; {source}", block.len());
                return Some(Err(WarcProblem::Truncated { offset, detail }));
            }
            Err(source) => return Some(Err(WarcProblem::Io { offset, source })),
        }
        self.offset += length;
        self.offset += self.skip_record_end() as u64;
        Some(Ok(WarcRecord { offset, headers, block }))
    }

    /// Skips blank lines before a record. None at the end of the archive; `Some(Err)` when reading
    /// failed.
    fn skip_blank_lines(&mut self) -> Option<Result<(), WarcProblem>> {
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(source) => return Some(Err(WarcProblem::Io { offset: self.offset, source })),
            };
            if buffer.is_empty() {
                return None;
            }
            let blank = buffer.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            if blank == 0 {
                return Some(Ok(()));
            }
            self.reader.consume(blank);
            self.offset += blank as u64;
        }
    }

    /// The blank line closing a record: up to four CR/LF bytes.
    fn skip_record_end(&mut self) -> usize {
        let mut skipped = 0;
        while skipped < 4 {
            match self.reader.fill_buf() {
                Ok(b) if matches!(b.first(), Some(b'\r' | b'\n')) => {
                    self.reader.consume(1);
                    skipped += 1;
                }
                _ => break,
            }
        }
        skipped
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<WarcRecord, WarcProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let item = self.next_record();
        if matches!(item, None | Some(Err(WarcProblem::Truncated { .. } | WarcProblem::BadHeader { .. } | WarcProblem::Io { .. }))) {
            self.finished = true;
        }
        item
    }
}

/// A header block's lines (without line ends) and how many bytes it took.
struct HeaderBlock {
    lines: Vec<String>,
    consumed: usize,
}

/// A header-reading problem before its offset is known.
enum HeaderProblem {
    Truncated,
    TooLong,
    Io(std::io::Error),
}

impl HeaderProblem {
    fn at(self, offset: u64) -> WarcProblem {
        match self {
            HeaderProblem::Truncated => WarcProblem::Truncated { offset, detail: "the archive ends inside its header".into() },
            HeaderProblem::TooLong => WarcProblem::BadHeader { offset, detail: format!("header block over {MAX_HEADER_BYTES} bytes") },
            HeaderProblem::Io(source) if source.kind() == std::io::ErrorKind::UnexpectedEof => {
                WarcProblem::Truncated { offset, detail: format!("the archive ends inside its header; {source}") }
            }
            HeaderProblem::Io(source) => WarcProblem::Io { offset, source },
        }
    }
}

/// Reads lines up to and including the first blank one, never holding more than
/// [`MAX_HEADER_BYTES`].
fn read_header_block(reader: &mut impl BufRead) -> Result<HeaderBlock, HeaderProblem> {
    let mut lines = Vec::new();
    let mut consumed = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut *reader)
            .take((MAX_HEADER_BYTES - consumed + 1) as u64)
            .read_until(b'\n', &mut line)
            .map_err(HeaderProblem::Io)?;
        consumed += read;
        if consumed > MAX_HEADER_BYTES {
            return Err(HeaderProblem::TooLong);
        }
        if read == 0 || line.last() != Some(&b'\n') {
            return Err(HeaderProblem::Truncated);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(HeaderBlock { lines, consumed });
        }
        lines.push(text.to_string());
    }
}

/// `Name: value` lines; a line opening with a space or tab continues the previous value.
fn parse_header_lines(lines: impl Iterator<Item = String>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    headers
}

fn header_value<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// A page found in a record: where it was fetched from, what it is and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedPage {
    pub uri: Option<String>,
    /// The media type, lower case, without parameters (`text/html`); None when not stated.
    pub media_type: Option<String>,
    /// The charset parameter of the Content-Type, if any.
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// What one record holds for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordContent {
    /// A page to read as an article.
    Page(ArchivedPage),
    /// Not an article: a request, metadata, an image, a redirect, an error page.
    Skip,
    /// A response that should hold a page but cannot be read; the message says why.
    Broken(String),
}

/// Sorts a record: response records with a 2xx HTML or text page, and resource records holding
/// one, are pages; everything else is skipped.
pub fn record_content(record: &WarcRecord, max_body: u64) -> RecordContent {
    let uri = record.header("WARC-Target-URI").map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string()).filter(|u| !u.is_empty());
    let kind = record.header("WARC-Type").unwrap_or_default().to_ascii_lowercase();
    let (content_type, body) = match kind.as_str() {
        "response" => {
            let is_http = record.header("Content-Type").is_none_or(|t| t.to_ascii_lowercase().contains("application/http"));
            if !is_http {
                return RecordContent::Skip;
            }
            let response = match parse_http_response(&record.block, max_body) {
                Ok(r) => r,
                Err(message) => return RecordContent::Broken(message),
            };
            if !(200..300).contains(&response.status) {
                return RecordContent::Skip;
            }
            (header_value(&response.headers, "Content-Type").map(str::to_string), response.body)
        }
        "resource" => (record.header("Content-Type").map(str::to_string), record.block.clone()),
        _ => return RecordContent::Skip,
    };
    let (media_type, charset) = content_type.as_deref().map(split_content_type).unwrap_or((None, None));
    let readable = media_type.as_deref().is_none_or(|m| m.contains("html") || m == "text/plain");
    if !readable || body.iter().all(u8::is_ascii_whitespace) {
        return RecordContent::Skip;
    }
    RecordContent::Page(ArchivedPage { uri, media_type, charset, body })
}

/// `text/html; charset=windows-1256` → (`text/html`, `windows-1256`).
fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset.filter(|c| !c.is_empty()))
}

/// An HTTP response taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The payload, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// Parses an HTTP/1.x response as archived: status line, headers, body. Chunked transfer coding
/// and gzip or deflate content coding are undone (Common Crawl removes them, other crawlers keep
/// them), within `max_body` bytes.
pub fn parse_http_response(block: &[u8], max_body: u64) -> Result<HttpResponse, String> {
    let head_end = find(block, b"\r\n\r\n").map(|p| (p, p + 4)).or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)));
    let Some((head_len, body_start)) = head_end.filter(|(p, _)| *p <= MAX_HEADER_BYTES) else {
        return Err("HTTP response without a complete header".into());
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut words = status_line.split_whitespace();
    if !words.next().is_some_and(|v| v.starts_with("HTTP/")) {
        return Err("HTTP response without a status line".into());
    }
    let status = words.next().and_then(|s| s.parse::<u16>().ok()).ok_or("HTTP status line without a status code")?;
    let headers = parse_header_lines(lines.map(str::to_string));
    let mut body = block[body_start..].to_vec();
    if header_value(&headers, "Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body);
    }
    let coding = header_value(&headers, "Content-Encoding").map(|c| c.trim().to_ascii_lowercase()).unwrap_or_default();
    body = match coding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_body)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), max_body)?,
        other => return Err(format!("page body compressed with {other:?}, which is not read")),
    };
    Ok(HttpResponse { status, headers, body })
}

/// Decompresses within `limit` bytes.
fn inflate(decoder: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder.take(limit + 1).read_to_end(&mut out).map_err(|e| format!("broken compressed page body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("page body decompresses to more than the {limit}-byte limit for one article"));
    }
    Ok(out)
}

/// Undoes chunked transfer coding; a malformed chunk ends the body where it starts.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    while let Some(line_end) = find(data, b"\n") {
        let size_line = String::from_utf8_lossy(&data[..line_end]);
        let size_text = size_line.trim().split(';').next().unwrap_or_default().trim().to_string();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else { break };
        data = &data[line_end + 1..];
        if size == 0 || size > data.len() {
            out.extend_from_slice(&data[..size.min(data.len())]);
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        let after = data.iter().take(2).take_while(|b| matches!(b, b'\r' | b'\n')).count();
        data = &data[after..];
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn records_in_order_then_one_error_for_a_cut_record() {
        let mut archive = record("response", "http://a.example/1", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>");
        archive.extend(record("request", "http://a.example/1", b"GET / HTTP/1.1\r\n\r\n"));
        let cut = record("response", "http://a.example/2", b"HTTP/1.1 200 OK\r\n\r\nlong body here");
        archive.extend_from_slice(&cut[..cut.len() - 10]);
        let items: Vec<_> = WarcRecords::new(&archive[..], 1 << 20).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().header("warc-target-uri"), Some("http://a.example/1"));
        assert_eq!(items[1].as_ref().unwrap().header("WARC-Type"), Some("request"));
        assert!(matches!(&items[2], Err(WarcProblem::Truncated { offset, .. }) if *offset > 0));
    }

    #[test]
    fn an_oversized_block_is_skipped_and_reading_goes_on() {
        let mut archive = record("response", "http://a.example/big", &[b'x'; 500]);
        archive.extend(record("response", "http://a.example/small", b"HTTP/1.0 200 OK\n\nsmall"));
        let items: Vec<_> = WarcRecords::new(&archive[..], 100).collect();
        assert!(matches!(items[0], Err(WarcProblem::TooLarge { length: 500, limit: 100, .. })));
        assert_eq!(items[1].as_ref().unwrap().header("WARC-Target-URI"), Some("http://a.example/small"));
    }

    #[test]
    fn not_warc_and_hostile_lengths() {
        let items: Vec<_> = WarcRecords::new(&b"hello\r\n\r\n"[..], 100).collect();
        assert!(matches!(items[..], [Err(WarcProblem::BadHeader { .. })]));
        let hostile = b"WARC/1.0\r\nContent-Length: 18446744073709551615\r\n\r\nabc";
        let items: Vec<_> = WarcRecords::new(&hostile[..], 100).collect();
        assert!(matches!(items[..], [Err(WarcProblem::Truncated { .. })]));
        let no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n";
        assert!(matches!(WarcRecords::new(&no_length[..], 100).next(), Some(Err(WarcProblem::BadHeader { .. }))));
    }

    #[test]
    fn http_bodies_are_dechunked_and_inflated() {
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html; charset=\"windows-1256\"\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n";
        let response = parse_http_response(chunked, 1000).unwrap();
        assert_eq!(response.body, b"abcdefg");
        assert_eq!(split_content_type(header_value(&response.headers, "content-type").unwrap()), (Some("text/html".into()), Some("windows-1256".into())));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(parse_http_response(&block, 1000).unwrap().body, b"<p>zipped</p>");
        assert!(parse_http_response(&block, 5).is_err(), "decompression stays within the limit");
        assert!(parse_http_response(b"garbage", 100).is_err());
    }
}
