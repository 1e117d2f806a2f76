//! HTML pages: the article's main text, its headline and its publication date.
//!
//! The main text comes from [`dom_smoothie`], a port of Mozilla's Readability (the Firefox reader
//! view): it scores the page's blocks and drops navigation, sidebars, footers and ad boxes, keeps
//! paragraphs as blank-line-separated blocks, and reads the headline from JSON-LD, OpenGraph or the
//! `<title>` (trimmed of its " - Site name"). On an Arabic page with a menu, a sidebar, ads and a
//! footer it kept the whole body and leaked none of them (shared/notes/deps.md), it is quick (under
//! a millisecond per page) and it shares html5ever with [`dom_query`], read here for what it does not
//! give in a usable form: the publication date, from JSON-LD `datePublished` (also inside
//! `@graph`), the `<meta>` names news sites use, and `<time>` elements. Menus, sidebars, forms and
//! the page's own header and footer are removed before Readability runs; when it finds no article
//! (short pages), the rest of the page body is used.
//!
//! The document's text is the headline, a blank line, then the main text; its spans index that
//! text, never the markup.

use crate::jsonl::parse_metadata_date;
use chrono::NaiveDate;
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};
use isnad_text::Span;
use serde_json::Value;

/// One page reduced to its article.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlArticle {
    /// Headline, blank line, main text.
    pub text: String,
    pub title: Option<Span>,
    pub published: Option<NaiveDate>,
    /// How the text was found when not by Readability ("no article block found; ...").
    pub warnings: Vec<String>,
}

/// Elements that never hold article text.
const NEVER_TEXT: &str = "script, style, noscript, template, svg, iframe, object, button, select, textarea";
/// Page chrome, never the article: menus, sidebars, forms (headers and footers are judged apart).
const PAGE_CHROME: &str = "nav, aside, form, menu, [role=navigation], [role=banner], [role=contentinfo], [role=complementary]";

/// `<meta>` names and properties (lower case) that state a publication date, most specific first.
const DATE_META_KEYS: [&str; 19] = [
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date_published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "article.published",
    "original-publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
];

/// JSON-LD `@type`s of things that are articles (schema.org's Article and its news subtypes).
const JSON_LD_ARTICLE_TYPES: [&str; 6] = ["Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Report", "BlogPosting"];

/// Reads a decoded HTML page.
pub fn read_page(html: &str) -> HtmlArticle {
    let dom = Dom::from(html);
    let published = json_ld_date(&dom).or_else(|| meta_date(&dom)).or_else(|| time_element_date(&dom));
    let fallback_title = first_text(&dom, "h1");
    remove_page_chrome(&dom);
    let mut warnings = Vec::new();

    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // Readability is third-party code walking arbitrary markup: a panic in it must cost this page
    // its main-text extraction, not the batch.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        Readability::with_document(dom, None, Some(config)).and_then(|mut r| r.parse())
    }));
    let (title, body) = match parsed {
        Ok(Ok(article)) if !article.text_content.trim().is_empty() => {
            (collapse_spaces(&article.title), tidy_text(&article.text_content))
        }
        Ok(Ok(_)) | Ok(Err(_)) => {
            warnings.push("no article block found in the page; read its whole body without menus, headers and footers".to_string());
            (fallback_title.clone().unwrap_or_default(), chrome_free_body_text(html))
        }
        Err(_) => {
            warnings.push("main-text extraction failed on this page; read its whole body without menus, headers and footers".to_string());
            (fallback_title.unwrap_or_default(), chrome_free_body_text(html))
        }
    };
    let (text, title) = join_title_and_body(&title, &body);
    HtmlArticle { text, title, published, warnings }
}

/// The text of an HTML fragment (a feed item's description or content), paragraphs on lines of
/// their own.
pub fn fragment_text(html: &str) -> String {
    let dom = Dom::fragment(html);
    dom.select(NEVER_TEXT).remove();
    tidy_text(&dom.formatted_text())
}

/// True when `text` holds something that looks like a tag, so it must be read as HTML.
pub fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// The headline, a blank line and the body; the headline is not repeated when the body already
/// opens with it (pages often keep their `<h1>` inside the article block).
fn join_title_and_body(title: &str, body: &str) -> (String, Option<Span>) {
    let title = title.trim();
    let first_line = body.lines().next().unwrap_or_default().trim();
    if !first_line.is_empty() && (title.is_empty() || collapse_spaces(first_line) == title) {
        let start = body.len() - body.trim_start().len();
        let span = (!title.is_empty()).then(|| Span::new(start, start + first_line.len()));
        return (body.to_string(), span);
    }
    if title.is_empty() {
        return (body.to_string(), None);
    }
    let text = if body.is_empty() { title.to_string() } else { format!("{title}\n\n{body}") };
    (text, Some(Span::new(0, title.len())))
}

/// Removes menus, sidebars and forms, and the page's own header and footer (not those of an
/// `<article>`, which hold its headline and dateline). Readability scores blocks by class names
/// and text density, so a menu on a short page can outscore nothing and be kept.
fn remove_page_chrome(dom: &Dom) {
    dom.select(PAGE_CHROME).remove();
    for node in dom.select("header, footer").nodes() {
        let inside_article = node.ancestors(None).iter().any(|a| a.node_name().is_some_and(|n| &*n == "article" || &*n == "main"));
        if !inside_article {
            node.remove_from_parent();
        }
    }
}

/// The page body without scripts and page chrome.
fn chrome_free_body_text(html: &str) -> String {
    let dom = Dom::from(html);
    dom.select(NEVER_TEXT).remove();
    remove_page_chrome(&dom);
    let body = dom.select("body");
    let text = if body.exists() { body.formatted_text() } else { dom.formatted_text() };
    tidy_text(&text)
}

fn first_text(dom: &Dom, selector: &str) -> Option<String> {
    let selection = dom.select(selector);
    let first = selection.nodes().first()?.text();
    let text = collapse_spaces(&first);
    (!text.is_empty()).then_some(text)
}

/// Trims every line, drops blank runs to one blank line, and removes zero-width clutter that
/// editors leave between paragraphs.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}');
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        out.push_str(&collapse_spaces(line));
    }
    out
}

/// One space between words, none at the ends.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `datePublished` from the page's JSON-LD blocks: an article's first, then any thing's.
fn json_ld_date(dom: &Dom) -> Option<NaiveDate> {
    let mut any_thing = None;
    for script in dom.select("script[type='application/ld+json']").nodes() {
        let raw = script.text();
        let cleaned = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        let Ok(value) = serde_json::from_str::<Value>(cleaned) else { continue };
        let mut found = Vec::new();
        collect_json_ld_dates(&value, 0, &mut found);
        if let Some((_, date)) = found.iter().find(|(is_article, _)| *is_article) {
            return Some(*date);
        }
        any_thing = any_thing.or(found.first().map(|(_, d)| *d));
    }
    any_thing
}

/// Walks a JSON-LD value (objects, arrays, `@graph`) collecting `datePublished` dates, each with
/// whether its object is an article. Depth is bounded: real JSON-LD is a few levels deep.
fn collect_json_ld_dates(value: &Value, depth: usize, out: &mut Vec<(bool, NaiveDate)>) {
    if depth > 12 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_json_ld_dates(v, depth + 1, out)),
        Value::Object(object) => {
            if let Some(date) = object.get("datePublished").and_then(Value::as_str).and_then(parse_metadata_date) {
                let is_article = match object.get("@type") {
                    Some(Value::String(t)) => JSON_LD_ARTICLE_TYPES.contains(&t.as_str()),
                    Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(|t| JSON_LD_ARTICLE_TYPES.contains(&t)),
                    _ => false,
                };
                out.push((is_article, date));
            }
            object.values().for_each(|v| collect_json_ld_dates(v, depth + 1, out));
        }
        _ => {}
    }
}

/// A publication date from `<meta>` tags (by `property`, `name` or `itemprop`), the most specific
/// key winning, or from any element marked `itemprop="datePublished"`.
fn meta_date(dom: &Dom) -> Option<NaiveDate> {
    let mut best: Option<(usize, NaiveDate)> = None;
    for meta in dom.select("meta[content]").nodes() {
        let Some(content) = meta.attr("content") else { continue };
        for key_attribute in ["property", "name", "itemprop"] {
            let Some(key) = meta.attr(key_attribute) else { continue };
            let key = key.trim().to_ascii_lowercase();
            let Some(rank) = DATE_META_KEYS.iter().position(|k| *k == key) else { continue };
            if best.is_some_and(|(r, _)| r <= rank) {
                continue;
            }
            if let Some(date) = parse_metadata_date(&content) {
                best = Some((rank, date));
            }
        }
    }
    best.map(|(_, d)| d).or_else(|| {
        dom.select("[itemprop='datePublished']").nodes().iter().find_map(|node| {
            let value = node.attr("content").or_else(|| node.attr("datetime")).map(|v| v.to_string()).unwrap_or_else(|| node.text().to_string());
            parse_metadata_date(&value)
        })
    })
}

/// A `<time>` element marked as the publication time (`pubdate`, a "publish" class), else the
/// first one inside the `<article>`.
fn time_element_date(dom: &Dom) -> Option<NaiveDate> {
    let datetime_of = |selector: &str| {
        dom.select(selector).nodes().iter().find_map(|node| node.attr("datetime").and_then(|v| parse_metadata_date(&v)))
    };
    datetime_of("time[pubdate][datetime], time[class*='publish'][datetime], time[class*='posted'][datetime]")
        .or_else(|| datetime_of("article time[datetime]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_keep_paragraphs_and_drop_scripts() {
        let text = fragment_text("<p>الفقرة <b>الأولى</b></p><script>var x = 1;</script><p>الفقرة الثانية</p>");
        assert_eq!(text, "الفقرة الأولى\n\nالفقرة الثانية");
        assert!(looks_like_markup("<p>x</p>") && looks_like_markup("a <br/> b"));
        assert!(!looks_like_markup("3 < 4 and 5 > 2"));
    }

    #[test]
    fn the_title_is_not_repeated_when_the_body_opens_with_it() {
        let (text, span) = join_title_and_body("عنوان الخبر", "عنوان الخبر\n\nنص الخبر.");
        assert_eq!(text, "عنوان الخبر\n\nنص الخبر.");
        assert_eq!(span.unwrap().slice(&text), "عنوان الخبر");
        let (text, span) = join_title_and_body("عنوان آخر", "نص الخبر.");
        assert_eq!(text, "عنوان آخر\n\nنص الخبر.");
        assert_eq!(span.unwrap().slice(&text), "عنوان آخر");
        assert_eq!(join_title_and_body("", "نص."), ("نص.".to_string(), None));
    }

    #[test]
    fn dates_from_json_ld_graphs_meta_and_time() {
        let graph = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","datePublished":"2010-01-01"},{"@type":"NewsArticle","datePublished":"2021-05-04T08:00:00+03:00"}]}</script></head><body></body></html>"#;
        assert_eq!(json_ld_date(&Dom::from(graph)), NaiveDate::from_ymd_opt(2021, 5, 4));
        let meta = r#"<html><head><meta name="date" content="2001-01-01"><meta property="article:published_time" content="2018-11-02T10:00:00Z"></head></html>"#;
        assert_eq!(meta_date(&Dom::from(meta)), NaiveDate::from_ymd_opt(2018, 11, 2));
        let time = r#"<html><body><time datetime="2000-01-01">x</time><article><p>a</p><time datetime="2017-06-30T12:00">b</time></article></body></html>"#;
        assert_eq!(time_element_date(&Dom::from(time)), NaiveDate::from_ymd_opt(2017, 6, 30));
    }
}
