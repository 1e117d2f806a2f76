//! From a user's query and filters to a tantivy query.
//!
//! The words are parsed by tantivy's query parser over both text fields (so `"..."` phrases, `-word`
//! exclusions and `OR` work), every word required by default, with the exact-form field boosted so
//! that an article with the very form searched for ranks above one with a sibling of its stem.
//! Filters are required clauses that add nothing to the score.

use crate::document::{filter_forms, parse_date};
use crate::error::SearchError;
use crate::schema::Fields;
use std::ops::Bound;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Index, Searcher, Term};

/// Most indexed forms looked at for one name (forms sharing its stem).
const MAX_NAME_FORMS: usize = 256;

/// Rewrites each bare query word that names a known entity into a search of its exact forms
/// (see [`crate::names`]); quoted phrases and fielded or grouped words are left as written.
fn exact_names(query: &str, searcher: &Searcher, fields: &Fields) -> String {
    let mut out = String::with_capacity(query.len());
    let mut in_quotes = false;
    for (n, chunk) in query.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let quotes = chunk.matches('"').count();
        let untouched = in_quotes || quotes > 0 || chunk.contains([':', '(', ')', '[', ']', '{', '}', '^', '~', '*']);
        if quotes % 2 == 1 {
            in_quotes = !in_quotes;
        }
        let (sign, word) = match chunk.strip_prefix(['-', '+']) {
            Some(rest) => (&chunk[..1], rest),
            None => ("", chunk),
        };
        let rewritten = (!untouched)
            .then(|| crate::names::base_of_word(word))
            .flatten()
            .and_then(|base| crate::names::exact_forms_of_name(&base, &indexed_forms(searcher, fields, &base)));
        match rewritten {
            Some(forms) => {
                let alternatives: Vec<String> = forms.iter().map(|f| format!("exact:{f}")).collect();
                out.push_str(&format!("{sign}({})", alternatives.join(" OR ")));
            }
            None => out.push_str(chunk),
        }
    }
    out
}

/// The exact-field terms that start with the Light10 stem of `base` (its possible siblings).
fn indexed_forms(searcher: &Searcher, fields: &Fields, base: &str) -> Vec<String> {
    let stem = isnad_text::stem::light_stem_normalized(base);
    let mut forms = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(fields.exact) else { continue };
        let Ok(mut terms) = inverted.terms().range().ge(stem.as_bytes()).into_stream() else { continue };
        while terms.advance() && forms.len() < MAX_NAME_FORMS {
            let key = terms.key();
            if !key.starts_with(stem.as_bytes()) {
                break;
            }
            if let Ok(form) = std::str::from_utf8(key) {
                if !forms.iter().any(|f| f == form) {
                    forms.push(form.to_string());
                }
            }
        }
    }
    forms
}

/// How much an exact-form match weighs against a stem match.
const EXACT_BOOST: f32 = 1.5;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Words, `"phrases"`, `-excluded`; empty: every article that passes the filters.
    pub query: String,
    /// An entity the article names: a gazetteer id (`org:taliban`) or a name in any spelling.
    pub entity: Option<String>,
    /// A PLOVER event type (`ASSAULT`) or type/mode (`ASSAULT/bombing`) the article reports.
    pub event_type: Option<String>,
    /// The publishing site (host or its name) or an outlet cited as a source.
    pub outlet: Option<String>,
    /// Earliest publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), inclusive.
    pub since: Option<String>,
    /// Latest publication date, inclusive.
    pub until: Option<String>,
    /// Only the exact forms (normalised, proclitics removed, no stemming): fewer, surer hits.
    pub exact: bool,
    /// Hits to return.
    pub limit: usize,
}

impl SearchRequest {
    /// A request for `query` with no filters and ten hits.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            entity: None,
            event_type: None,
            outlet: None,
            since: None,
            until: None,
            exact: false,
            limit: 10,
        }
    }
}

/// The tantivy query for a request.
pub fn build_query(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
) -> Result<Box<dyn Query>, SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !request.query.trim().is_empty() {
        let query_text = exact_names(&request.query, searcher, fields);
        let text_fields = if request.exact { vec![fields.exact] } else { vec![fields.text, fields.exact] };
        let mut parser = QueryParser::for_index(index, text_fields);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.exact, EXACT_BOOST);
        // Lenient: an unbalanced quote or a stray colon is read as well as it can be, never refused.
        let (query, _errors) = parser.parse_query_lenient(&query_text);
        clauses.push((Occur::Must, query));
    }
    if let Some(entity) = &request.entity {
        clauses.push((Occur::Must, any_term(fields.entity, &name_terms(entity))));
    }
    if let Some(event_type) = &request.event_type {
        clauses.push((Occur::Must, any_term(fields.event_type, &[event_type_term(event_type)])));
    }
    if let Some(outlet) = &request.outlet {
        clauses.push((Occur::Must, any_term(fields.outlet, &name_terms(outlet))));
    }
    if request.since.is_some() || request.until.is_some() {
        let since = request.since.as_deref().map(|d| date_bound(d, "--since", false)).transpose()?;
        let until = request.until.as_deref().map(|d| date_bound(d, "--until", true)).transpose()?;
        let lower = since.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date_for_search(fields.published, d)));
        let upper = until.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date_for_search(fields.published, d)));
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(RangeQuery::new(lower, upper)), 0.0))));
    }
    match clauses.len() {
        0 => Ok(Box::new(AllQuery)),
        1 => Ok(clauses.pop().expect("one clause").1),
        _ => Ok(Box::new(BooleanQuery::new(clauses))),
    }
}

/// The filter values a name may be indexed under: its forms, and its lower-case self (an id).
fn name_terms(name: &str) -> Vec<String> {
    let mut terms = filter_forms(name);
    let lower = name.trim().to_lowercase();
    if !lower.is_empty() && !terms.contains(&lower) {
        terms.push(lower);
    }
    terms
}

/// `assault/Bombing` → `ASSAULT/bombing`, the spelling the index holds.
fn event_type_term(value: &str) -> String {
    match value.trim().split_once('/') {
        Some((event_type, mode)) => format!("{}/{}", event_type.to_uppercase(), mode.to_lowercase()),
        None => value.trim().to_uppercase(),
    }
}

/// A filter clause matching any of `values` in `field`, scoring nothing. No values: matches
/// nothing (a filter that cannot be met must not widen the search).
fn any_term(field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
    let alternatives: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|value| {
            let term = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
            (Occur::Should, Box::new(term) as Box<dyn Query>)
        })
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(alternatives)), 0.0))
}

/// A date filter's bound; a month or a year given as an upper bound stands for its last day.
fn date_bound(value: &str, flag: &str, upper: bool) -> Result<DateTime, SearchError> {
    let bad = || SearchError::BadFilter {
        message: format!("{flag} {value:?} is not a date: write it as YYYY-MM-DD, YYYY-MM or YYYY"),
    };
    let first_day = parse_date(value).ok_or_else(bad)?;
    let parts = value.trim().split('-').count();
    if !upper || parts >= 3 {
        return Ok(first_day);
    }
    // The day before the first day of the next month or year.
    let next = if parts == 2 { format!("{}-01", next_month(value.trim()).ok_or_else(bad)?) } else {
        let year: i32 = value.trim().parse().map_err(|_| bad())?;
        format!("{}-01-01", year + 1)
    };
    let next_first = parse_date(&next).ok_or_else(bad)?;
    Ok(DateTime::from_timestamp_secs(next_first.into_timestamp_secs() - 86_400))
}

/// `2015-12` → `2016-01`.
fn next_month(year_month: &str) -> Option<String> {
    let (year, month) = year_month.split_once('-')?;
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    Some(if month >= 12 { format!("{}-01", year + 1) } else { format!("{year}-{:02}", month + 1) })
}
