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
use tantivy::{DateTime, Index, Term};

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
pub fn build_query(index: &Index, fields: &Fields, request: &SearchRequest) -> Result<Box<dyn Query>, SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !request.query.trim().is_empty() {
        let text_fields = if request.exact { vec![fields.exact] } else { vec![fields.text, fields.exact] };
        let mut parser = QueryParser::for_index(index, text_fields);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.exact, EXACT_BOOST);
        // Lenient: an unbalanced quote or a stray colon is read as well as it can be, never refused.
        let (query, _errors) = parser.parse_query_lenient(&request.query);
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
