//! What an input is, judged from its first bytes rather than its name.
//!
//! File names lie: crawlers save pages as `index`, feeds as `.php`, archives without `.gz`. The
//! first bytes do not: gzip has its magic number, a WARC file opens with `WARC/1.`, a feed's first
//! element is `<rss>`, `<feed>` or `<rdf:RDF>`, a page's is `<html>` or its doctype, and JSON Lines
//! open with a JSON object on the first line. An XML document with another root (a sitemap) holds
//! no article. Whatever matches none of these is read as text, so a plain article that merely
//! mentions `<html>` further down stays text.

use crate::jsonl::looks_like_json_lines;

/// The kinds of input the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// gzip-compressed; the inner bytes are sniffed again.
    Gzip,
    /// A web archive (WARC 0.x or 1.x): records, some of them HTTP responses holding pages.
    Warc,
    /// An RSS 2.0, RSS 1.0 (RDF) or Atom feed: each item an article.
    Feed,
    /// An HTML or XHTML page: one article, its main text extracted from the markup.
    Html,
    /// One JSON object per line, each an article.
    JsonLines,
    /// An XML document that is neither a feed nor a page (a sitemap, a config file): no article.
    OtherXml,
    /// One article of text in some encoding.
    Text,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gzip => "gzip",
            Format::Warc => "WARC",
            Format::Feed => "feed",
            Format::Html => "HTML",
            Format::JsonLines => "JSON Lines",
            Format::OtherXml => "XML",
            Format::Text => "text",
        }
    }

    /// True for inputs that hold many articles.
    pub fn is_container(self) -> bool {
        matches!(self, Format::Gzip | Format::Warc | Format::Feed | Format::JsonLines)
    }
}

/// How far into the input markup is looked for: past an XML declaration, comments and a
/// stylesheet instruction, a feed's or page's first element comes well within this.
const MARKUP_SNIFF_BYTES: usize = 4096;

/// Elements that may open an HTML document or fragment saved as a page (some crawlers drop the
/// `<html>` tag and keep only the head or the body).
const HTML_OPENERS: [&str; 5] = ["html", "head", "body", "meta", "title"];

/// Sniffs the format from the first bytes of an input (a few kilobytes are enough).
pub fn sniff(head: &[u8]) -> Format {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let trimmed = &head[start..];
    if trimmed.starts_with(b"WARC/1.") || trimmed.starts_with(b"WARC/0.") {
        return Format::Warc;
    }
    if trimmed.first() == Some(&b'<') {
        if let Some(format) = markup_format(trimmed) {
            return format;
        }
    }
    if looks_like_json_lines(head) {
        return Format::JsonLines;
    }
    Format::Text
}

/// The format named by the first element of a markup document, skipping the XML declaration,
/// processing instructions, comments and a doctype (`<!DOCTYPE html>` itself means HTML).
fn markup_format(bytes: &[u8]) -> Option<Format> {
    let window = &bytes[..bytes.len().min(MARKUP_SNIFF_BYTES)];
    let lower: Vec<u8> = window.iter().map(u8::to_ascii_lowercase).collect();
    let declared_xml = lower.starts_with(b"<?xml");
    let mut at = 0;
    while at < lower.len() {
        let rest = &lower[at..];
        if rest[0].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if rest[0] != b'<' {
            return None;
        }
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<?") {
            at += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!doctype") {
            let end = find(rest, b">")?;
            let doctype = &rest[..end];
            if find(doctype, b"html").is_some() {
                return Some(Format::Html);
            }
            at += end + 1;
        } else {
            let name: Vec<u8> = rest[1..]
                .iter()
                .copied()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
                .collect();
            let name = String::from_utf8(name).ok()?;
            return match name.as_str() {
                "rss" | "feed" | "rdf:rdf" => Some(Format::Feed),
                n if HTML_OPENERS.contains(&n) => Some(Format::Html),
                n if declared_xml && !n.is_empty() => Some(Format::OtherXml),
                _ => None,
            };
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_by_its_opening() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Format::Gzip);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Format::Warc);
        assert_eq!(sniff(b"\n\nWARC/1.1\r\n"), Format::Warc);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<!-- generated -->\n<rss version=\"2.0\">"), Format::Feed);
        assert_eq!(sniff(b"<?xml version='1.0' encoding='utf-8'?><?xml-stylesheet href='a.xsl'?><feed xmlns='http://www.w3.org/2005/Atom'>"), Format::Feed);
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf='x'>"), Format::Feed);
        assert_eq!(sniff(b"\xEF\xBB\xBF<!DOCTYPE html>\n<html lang=\"ar\">"), Format::Html);
        assert_eq!(sniff(b"<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">"), Format::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"), Format::Html);
        assert_eq!(sniff(b"  <HEAD><META charset=utf-8>"), Format::Html);
        assert_eq!(sniff(b"{\"text\": \"a\"}\n"), Format::JsonLines);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<urlset xmlns=\"x\">"), Format::OtherXml);
        assert_eq!(sniff("قال الوزير إن <html> وسم".as_bytes()), Format::Text);
        assert_eq!(sniff(b"<b>bold</b> start"), Format::Text);
        assert_eq!(sniff(b"<!-- never closed"), Format::Text);
        assert_eq!(sniff(b""), Format::Text);
    }
}
