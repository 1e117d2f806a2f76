//! From an article's record and text to the values of its index document.
//!
//! Only readable text is indexed (title and body minus page furniture: a share widget is never a
//! hit), and the filter fields hold matching forms so that a user's spelling of a name meets the
//! article's ([`filter_forms`] is applied to both sides).

use crate::schema::Fields;
use chrono::NaiveDate;
use isnad_extract::{Entity, EntityType, Record};
use isnad_text::normalize::normalize_str;
use isnad_text::tokens::{tokenize, TokenKind};
use isnad_text::{normalize, Span};
use std::collections::BTreeSet;
use tantivy::{DateTime, TantivyDocument};

/// The index document of one article.
pub fn article_document(fields: &Fields, record: &Record, text: &str) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_text(fields.hash, &record.content_hash);
    for piece in readable_pieces(record, text) {
        document.add_text(fields.text, piece);
        document.add_text(fields.exact, piece);
    }
    for value in entity_values(record) {
        document.add_text(fields.entity, value);
    }
    for value in event_type_values(record) {
        document.add_text(fields.event_type, value);
    }
    for value in outlet_values(record) {
        document.add_text(fields.outlet, value);
    }
    if let Some(date) = record.published.as_deref().and_then(parse_date) {
        document.add_date(fields.published, date);
    }
    document
}

/// The readable parts of the text: the title when the text does not hold it, then the body minus
/// furniture. Spans that do not fall on character boundaries (a record from another text) are
/// skipped rather than trusted.
pub fn readable_pieces<'t>(record: &'t Record, text: &'t str) -> Vec<&'t str> {
    let mut pieces = Vec::new();
    let body = Span::new(record.body.start.min(text.len()), record.body.end.min(text.len()));
    let body_text = text.get(body.start..body.end).unwrap_or(text);
    if let Some(title) = record.title.as_deref() {
        if !body_text.contains(title) {
            pieces.push(title);
        }
    }
    let mut furniture: Vec<Span> = record.furniture.iter().map(|f| Span::new(f.start, f.end)).collect();
    furniture.sort();
    let mut cursor = body.start;
    for span in furniture {
        if span.end <= cursor || span.start >= body.end {
            continue;
        }
        if span.start > cursor {
            pieces.extend(text.get(cursor..span.start));
        }
        cursor = cursor.max(span.end);
    }
    if cursor < body.end {
        pieces.extend(text.get(cursor..body.end));
    }
    pieces
}

/// A name in the form the filter fields hold: normalised, lower case, single-spaced; and the same
/// with each word's proclitics removed (لطالبان → طالبان, الرياض → رياض) when that differs.
pub fn filter_forms(name: &str) -> Vec<String> {
    let normalized = normalize(name.trim());
    let tokens = tokenize(&normalized);
    let words: Vec<&str> = tokens.iter().filter(|t| t.kind != TokenKind::Punct).map(|t| t.text(&normalized)).collect();
    let whole = words.join(" ").to_lowercase();
    let bases: Vec<&str> =
        tokens.iter().filter(|t| t.kind != TokenKind::Punct).map(|t| t.base(&normalized)).filter(|b| !b.is_empty()).collect();
    let stripped = bases.join(" ").to_lowercase();
    let mut forms = Vec::new();
    if !whole.is_empty() {
        forms.push(whole.clone());
    }
    if !stripped.is_empty() && stripped != whole {
        forms.push(stripped);
    }
    forms
}

/// Entity filter values: gazetteer ids as written (`org:taliban`), canonical names and every mention
/// in their [`filter_forms`].
fn entity_values(record: &Record) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for entity in &record.entities {
        add_entity_forms(entity, &mut values);
    }
    values
}

/// An entity's filter values: its gazetteer id and the [`filter_forms`] of its name and mentions.
fn add_entity_forms(entity: &Entity, values: &mut BTreeSet<String>) {
    if let Some(id) = &entity.gazetteer_id {
        values.insert(id.to_lowercase());
    }
    values.extend(filter_forms(&entity.name));
    for mention in &entity.mentions {
        values.extend(filter_forms(&mention.text));
    }
}

/// Event type filter values: `TYPE` and `TYPE/mode` of every event, as the record spells them.
fn event_type_values(record: &Record) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for event in &record.events {
        let event_type = event.event_type.to_uppercase();
        if let Some(mode) = &event.mode {
            values.insert(format!("{event_type}/{}", mode.to_lowercase()));
        }
        values.insert(event_type);
    }
    values
}

/// Outlet filter values: the publishing site from the article's URL (`www.example.com`,
/// `example.com`, `example`), and each outlet the article cites as a source or through whom it
/// reports, in its [`filter_forms`].
fn outlet_values(record: &Record) -> BTreeSet<String> {
    let mut values = BTreeSet::new();
    for candidate in [&record.doc_id, &record.origin] {
        if let Some(host) = url_host(candidate) {
            let bare = host.strip_prefix("www.").unwrap_or(&host).to_string();
            if let Some(name) = bare.split('.').next().filter(|n| !n.is_empty()) {
                values.insert(name.to_string());
            }
            values.insert(bare);
            values.insert(host);
        }
    }
    let cited: BTreeSet<&str> = record
        .attributions
        .iter()
        .flat_map(|a| a.source.iter().chain(a.via.iter()))
        .filter_map(|r| r.entity.as_deref())
        .collect();
    for entity in record.entities.iter().filter(|e| e.entity_type == EntityType::OUTLET && cited.contains(e.id.as_str())) {
        add_entity_forms(entity, &mut values);
    }
    values
}

/// The lower-case host of an http(s) URL, if `s` is one.
pub fn url_host(s: &str) -> Option<String> {
    let rest = s.strip_prefix("http://").or_else(|| s.strip_prefix("https://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// About the year 2255: the furthest a date is taken from 1970 either way.
const MAX_DATE_SECONDS: i64 = 9_000_000_000;

/// A record's publication date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` taken as its first day).
pub fn parse_date(value: &str) -> Option<DateTime> {
    let value = value.trim();
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{value}-01-01"), "%Y-%m-%d"))
        .ok()?;
    // tantivy keeps dates as nanoseconds in an i64 (years 1678 to 2262): clamp, don't wrap.
    let seconds = date.and_hms_opt(0, 0, 0)?.and_utc().timestamp().clamp(-MAX_DATE_SECONDS, MAX_DATE_SECONDS);
    Some(DateTime::from_timestamp_secs(seconds))
}

/// The normalised form used for comparing names outside the index (the chain, the entity filter's
/// preference for sentences).
pub fn matching_form(s: &str) -> String {
    normalize_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_extract::{ByteSpan, Entity, FurnitureSpan, TextSpan};

    #[test]
    fn furniture_is_not_indexed_and_the_title_is_added_once() {
        let text = "عنوان الخبر\nشارك على فيسبوك\nوصل الوفد إلى المدينة.";
        let share = text.find("شارك").unwrap();
        let share_end = text.find("\nوصل").unwrap();
        let mut record = Record::empty("a", text.len());
        record.title = Some("عنوان الخبر".into());
        record.furniture = vec![FurnitureSpan { start: share, end: share_end, reason: "share widget".into() }];
        let pieces = readable_pieces(&record, text);
        assert_eq!(pieces.concat(), "عنوان الخبر\n\nوصل الوفد إلى المدينة.");
        record.body = ByteSpan { start: share_end + 1, end: text.len() };
        let pieces = readable_pieces(&record, text);
        assert_eq!(pieces, vec!["عنوان الخبر", "وصل الوفد إلى المدينة."]);
    }

    #[test]
    fn filter_forms_drop_proclitics_and_fold_spelling() {
        assert_eq!(filter_forms("لطالبان"), vec!["لطالبان", "طالبان"]);
        assert_eq!(filter_forms(" مدينة  زهرانة "), vec!["مدينه زهرانه"]);
        assert_eq!(filter_forms("Reuters"), vec!["reuters"]);
        assert!(filter_forms("  ").is_empty());
    }

    #[test]
    fn entity_values_hold_ids_names_and_mentions() {
        let mut record = Record::empty("a", 10);
        record.entities = vec![Entity {
            id: "e1".into(),
            entity_type: EntityType::ORG,
            name: "حركة نوردان".into(),
            mentions: vec![TextSpan { start: 0, end: 10, text: "لنوردان".into() }],
            gazetteer_id: Some("org:nordan".into()),
        }];
        let values = entity_values(&record);
        for expected in ["org:nordan", "حركه نوردان", "نوردان", "لنوردان"] {
            assert!(values.contains(expected), "{expected} in {values:?}");
        }
    }

    #[test]
    fn hosts_and_dates() {
        assert_eq!(url_host("http://www.example.com/a/1?x"), Some("www.example.com".into()));
        assert_eq!(url_host("/tmp/file.txt"), None);
        assert_eq!(parse_date("2015-07-21"), Some(DateTime::from_timestamp_secs(1_437_436_800)));
        assert_eq!(parse_date("2015-07"), parse_date("2015-07-01"));
        assert_eq!(parse_date("not a date"), None);
        // Far dates saturate instead of wrapping round to the past.
        assert!(parse_date("2999-01-01").unwrap() > parse_date("2100-01-01").unwrap());
        assert!(parse_date("1000-01-01").unwrap() < parse_date("1900-01-01").unwrap());
    }
}
