//! `GET /api/search`: articles matching a query through the Arabic analyser, with filters.

use super::{ApiError, Params, ParamsQuery};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashSet;

/// Bytes of context each side of the first match in a snippet.
const SNIPPET_CONTEXT: usize = 160;

/// Filters: `from`, `to` (publication date), `entity` (articles that mention it), `event_type`
/// (articles that report an event of that type).
pub async fn search(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let Some(q) = params.q.as_deref().filter(|q| !q.trim().is_empty()) else {
        return Err(ApiError::BadRequest("give a query: /api/search?q=WORDS".into()));
    };
    if q.len() > 1024 {
        return Err(ApiError::BadRequest("the query is too long (1024 bytes at most)".into()));
    }
    let snapshot = state.snapshot();
    let entity_docs: Option<HashSet<&str>> = match params.entity.as_deref() {
        Some(id) => match snapshot.entity_by_id.get(id) {
            Some(&i) => Some(snapshot.view.entities[i].docs.iter().map(String::as_str).collect()),
            None => return Err(ApiError::NotFound(format!("no entity {id}; list them at /api/entities"))),
        },
        None => None,
    };
    let allowed = |index: usize| {
        let record = &snapshot.articles[index].record;
        params.date_allows(record.published.as_deref())
            && entity_docs.as_ref().is_none_or(|docs| docs.contains(record.doc_id.as_str()))
            && params.event_type.as_deref().is_none_or(|t| record.events.iter().any(|e| e.event_type.eq_ignore_ascii_case(t)))
    };
    let hits = snapshot.search.search(q, allowed);
    Ok(Json(params.page(hits, |hit| {
        let article = &snapshot.articles[hit.article];
        let snippet: Vec<Value> = crate::search::snippet(&article.text, &hit.matches, SNIPPET_CONTEXT)
            .into_iter()
            .map(|(text, matched)| json!({ "text": text, "match": matched }))
            .collect();
        json!({
            "doc_id": article.record.doc_id,
            "title": article.record.title,
            "published": article.record.published,
            "score": hit.score,
            "matches": hit.matches.iter().map(|(s, e)| json!({ "start": s, "end": e, "text": article.text.get(*s..*e) })).collect::<Vec<_>>(),
            "snippet": snippet,
        })
    })))
}
