//! JSON Lines archives: one article per line, as news datasets and scrapers ship them.
//!
//! Field names vary between datasets, so each role (id, url, title, text, date) has a list of
//! candidate names, tried in order; the defaults read SaudiNewsNet (`url`, `title`, `content`,
//! `date_extracted`) and the common `id`/`text`/`body`/`published` shapes. The article's text is
//! the title, a blank line, then the content, so the headline is readable and spans index one text.

use chrono::NaiveDate;
use isnad_text::Span;
use serde_json::Value;

/// Which JSON fields hold each part of an article; the first present, non-empty one wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFields {
    pub id: Vec<String>,
    pub url: Vec<String>,
    pub title: Vec<String>,
    pub text: Vec<String>,
    pub date: Vec<String>,
}

impl Default for JsonFields {
    fn default() -> Self {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        JsonFields {
            id: names(&["id", "doc_id", "_id", "guid"]),
            url: names(&["url", "link", "source_url"]),
            title: names(&["title", "headline"]),
            text: names(&["content", "text", "body", "article", "maintext"]),
            date: names(&["published", "date_published", "datePublished", "date_publish", "date", "pubDate", "date_extracted"]),
        }
    }
}

/// One article taken from a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonArticle {
    /// The item's own id, else its URL, else None (the caller numbers it).
    pub id: Option<String>,
    pub text: String,
    pub title: Option<Span>,
    pub published: Option<NaiveDate>,
}

/// Why one line gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonLineProblem {
    NotJson(String),
    NotAnObject,
    NoText,
}

impl std::fmt::Display for JsonLineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonLineProblem::NotJson(e) => write!(f, "not valid JSON ({e})"),
            JsonLineProblem::NotAnObject => write!(f, "not a JSON object"),
            JsonLineProblem::NoText => write!(f, "no text field (looked for the configured text field names)"),
        }
    }
}

fn string_field(object: &serde_json::Map<String, Value>, names: &[String]) -> Option<String> {
    names.iter().find_map(|name| match object.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Reads one JSON Lines line as an article.
pub fn parse_line(line: &str, fields: &JsonFields) -> Result<JsonArticle, JsonLineProblem> {
    let value: Value = serde_json::from_str(line).map_err(|e| JsonLineProblem::NotJson(e.to_string()))?;
    let Value::Object(object) = value else { return Err(JsonLineProblem::NotAnObject) };
    let content = string_field(&object, &fields.text).ok_or(JsonLineProblem::NoText)?;
    let title = string_field(&object, &fields.title).map(|t| t.trim().to_string());
    let id = string_field(&object, &fields.id).or_else(|| string_field(&object, &fields.url));
    let published = string_field(&object, &fields.date).and_then(|d| parse_metadata_date(&d));
    let (text, title_span) = match title {
        Some(t) if !t.is_empty() => {
            let span = Span::new(0, t.len());
            (format!("{t}\n\n{content}"), Some(span))
        }
        _ => (content, None),
    };
    Ok(JsonArticle { id, text, title: title_span, published })
}

/// A metadata date: ISO 8601 (`2015-08-08`, `2015-08-08 06:30:06`, `2015-08-08T06:30:06Z`) or the
/// RFC 2822 form feeds use (`Sat, 08 Aug 2015 06:30:06 +0000`).
pub fn parse_metadata_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(prefix) = value.get(..10) {
        if let Ok(date) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d") {
            return Some(date);
        }
    }
    chrono::DateTime::parse_from_rfc2822(value).ok().map(|d| d.date_naive())
}

/// True when the first line of `head` is a JSON object: the sign of JSON Lines (or of a single
/// JSON article, read the same way).
pub fn looks_like_json_lines(head: &[u8]) -> bool {
    let trimmed = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |p| &head[p..]);
    if trimmed.first() != Some(&b'{') {
        return false;
    }
    let first_line = trimmed.split(|&b| b == b'\n').next().unwrap_or_default();
    match std::str::from_utf8(first_line) {
        Ok(line) => matches!(serde_json::from_str::<Value>(line), Ok(Value::Object(_))),
        // A first line longer than the sniffed head: judge by its opening alone.
        Err(_) => first_line.len() == head.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fields_read_a_news_dataset_line() {
        let line = r#"{"source": "paper", "url": "http://example.org/a/1", "date_extracted": "2015-08-08 06:30:06", "title": "عنوان الخبر", "author": "", "content": "قال الوزير إن الوفد وصل."}"#;
        let article = parse_line(line, &JsonFields::default()).unwrap();
        assert_eq!(article.id.as_deref(), Some("http://example.org/a/1"));
        assert_eq!(article.text, "عنوان الخبر\n\nقال الوزير إن الوفد وصل.");
        assert_eq!(article.title.unwrap().slice(&article.text), "عنوان الخبر");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2015, 8, 8));
    }

    #[test]
    fn custom_fields_and_problems() {
        let fields = JsonFields { text: vec!["نص".into()], id: vec!["رقم".into()], ..JsonFields::default() };
        let article = parse_line(r#"{"رقم": 42, "نص": "خبر قصير"}"#, &fields).unwrap();
        assert_eq!(article.id.as_deref(), Some("42"));
        assert_eq!(article.text, "خبر قصير");
        assert_eq!(parse_line("[1, 2]", &fields), Err(JsonLineProblem::NotAnObject));
        assert_eq!(parse_line(r#"{"other": "x"}"#, &fields), Err(JsonLineProblem::NoText));
        assert!(matches!(parse_line("{oops", &fields), Err(JsonLineProblem::NotJson(_))));
    }

    #[test]
    fn metadata_dates_and_sniffing() {
        assert_eq!(parse_metadata_date("2020-02-29T10:00:00Z"), NaiveDate::from_ymd_opt(2020, 2, 29));
        assert_eq!(parse_metadata_date("Sat, 08 Aug 2015 06:30:06 +0000"), NaiveDate::from_ymd_opt(2015, 8, 8));
        assert_eq!(parse_metadata_date("yesterday"), None);
        assert!(looks_like_json_lines(b"  {\"text\": \"a\"}\n{\"text\": \"b\"}\n"));
        assert!(!looks_like_json_lines("{ليس JSON".as_bytes()));
        assert!(!looks_like_json_lines("قال الوزير".as_bytes()));
    }
}
