//! News feeds (RSS 2.0, RSS 1.0, Atom): each item an article, with its link and date.
//!
//! Parsing is [`feed_rs`]'s: it reads every RSS flavour and Atom into one model, honours the XML
//! declaration's encoding, and unescapes entities. An item's text is its full content
//! (`content:encoded`, Atom `<content>`) when present, else its description or summary; either
//! may be HTML, which is reduced to text with paragraphs kept. The article's text is the item's
//! title, a blank line, then that text.

use crate::html::{fragment_text, looks_like_markup};
use chrono::NaiveDate;
use isnad_text::Span;

/// One feed item as an article.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The item's link (its URL), the id a reader of the record can follow.
    pub link: Option<String>,
    pub text: String,
    pub title: Option<Span>,
    pub published: Option<NaiveDate>,
}

/// Why one item gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemProblem {
    /// Neither content nor a description nor a title: nothing to read.
    NoText,
}

impl std::fmt::Display for ItemProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemProblem::NoText => write!(f, "feed item with no title, description or content"),
        }
    }
}

/// Parses a feed; the error says why the whole feed could not be read.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Result<FeedItem, ItemProblem>>, String> {
    // feed-rs walks arbitrary XML: a panic inside it must cost this input, not the batch.
    let parsed = std::panic::catch_unwind(|| feed_rs::parser::parse(bytes));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(error)) => return Err(format!("not a readable RSS or Atom feed: {error}")),
        Err(_) => return Err("the feed parser failed on this input; check that it is well-formed RSS or Atom".into()),
    };
    Ok(feed.entries.into_iter().map(item_of).collect())
}

fn item_of(entry: feed_rs::model::Entry) -> Result<FeedItem, ItemProblem> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let title = entry.title.as_ref().map(|t| plain(&t.content)).unwrap_or_default();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(plain)
        .filter(|b| !b.is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| plain(&s.content)))
        .unwrap_or_default();
    // feed-rs keeps times in UTC only, so an item stamped just after local midnight east of
    // Greenwich dates from the day before; the offset is gone by then and cannot be undone here.
    let published = entry.published.or(entry.updated).map(|d| d.date_naive());
    let (text, title_span) = match (title.is_empty(), body.is_empty()) {
        (true, true) => return Err(ItemProblem::NoText),
        (false, true) => (title.clone(), Some(Span::new(0, title.len()))),
        (true, false) => (body, None),
        (false, false) => (format!("{title}\n\n{body}"), Some(Span::new(0, title.len()))),
    };
    Ok(FeedItem { link, text, title: title_span, published })
}

/// Text of a feed field: HTML reduced to text, plain text trimmed.
fn plain(content: &str) -> String {
    if looks_like_markup(content) {
        fragment_text(content)
    } else {
        content.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rss_item_without_content_uses_its_description() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>عنوان</title><link>http://example.org/1</link>
            <description>&lt;p&gt;نص &lt;b&gt;الخبر&lt;/b&gt;&lt;/p&gt;</description>
            <pubDate>Tue, 05 Mar 2019 10:00:00 +0300</pubDate></item>
            <item><link>http://example.org/empty</link></item></channel></rss>"#;
        let items = parse_feed(rss.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.text, "عنوان\n\nنص الخبر");
        assert_eq!(first.link.as_deref(), Some("http://example.org/1"));
        assert_eq!(first.published, NaiveDate::from_ymd_opt(2019, 3, 5));
        assert_eq!(items[1], Err(ItemProblem::NoText));
        assert!(parse_feed("هذا ليس موجزا".as_bytes()).is_err());
    }
}
