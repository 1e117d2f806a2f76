//! `/api/claims` and `/api/disagreements`: what stands on one source, and where sources differ,
//! each with the bytes behind it (a doc id and a span to open).

use super::{ApiError, Params, ParamsQuery};
use crate::snapshot::Snapshot;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use isnad_corpus::claims::Claim;
use isnad_corpus::event_clusters::EventCluster;
use serde_json::{json, Value};

/// A claim as the API shows it.
pub fn claim_json(claim: &Claim) -> Value {
    json!({
        "doc": claim.doc,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "chain": claim.chain,
        "events": claim.events,
        "corroborated_by": claim.corroborated_by,
        "single_source": claim.corroborated_by.is_empty(),
    })
}

/// `GET /api/claims`: single-source claims first; filters `single_source`, `doc`, `entity` (claims
/// whose article mentions it), `q` (in the statement, matching form).
pub async fn list(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let snapshot = state.snapshot();
    let entity_docs = params.entity.as_deref().and_then(|id| snapshot.entity_by_id.get(id)).map(|&i| &snapshot.view.entities[i].docs);
    if params.entity.is_some() && entity_docs.is_none() {
        return Err(ApiError::NotFound("no such entity; list them at /api/entities".into()));
    }
    let wanted = params.q.as_deref().map(isnad_text::normalize::normalize_str).filter(|q| !q.trim().is_empty());
    let mut claims: Vec<&Claim> = snapshot
        .view
        .claims
        .iter()
        .filter(|c| params.single_source.is_none_or(|single| c.corroborated_by.is_empty() == single))
        .filter(|c| params.doc.as_deref().is_none_or(|d| c.doc == d))
        .filter(|c| entity_docs.is_none_or(|docs| docs.contains(&c.doc)))
        .filter(|c| wanted.as_deref().is_none_or(|q| isnad_text::normalize::normalize_str(&c.text).contains(q.trim())))
        .collect();
    // Stable: within each kind, articles and positions keep the view's order.
    claims.sort_by_key(|c| !c.corroborated_by.is_empty());
    Ok(Json(params.page(claims, |c| {
        let mut value = claim_json(c);
        value["title"] = json!(snapshot.title_of(&c.doc));
        value
    })))
}

/// Where a disagreeing value was reported: the first mention of the event in that article whose
/// own figure is that value (else the article's first mention of the event).
fn span_of_value(snapshot: &Snapshot, cluster: &EventCluster, field: &str, value: &Value, doc: &str) -> Option<(usize, usize)> {
    let article = snapshot.article(doc)?;
    let in_doc = || cluster.mentions.iter().filter(|m| m.doc == doc);
    let figure_of = |start: usize| {
        let event = article.record.events.iter().find(|e| e.trigger.start == start)?;
        let figure = if field == "wounded" { event.wounded } else { event.killed };
        serde_json::to_value(figure?).ok()
    };
    in_doc()
        .find(|m| figure_of(m.start).as_ref() == Some(value))
        .or_else(|| in_doc().next())
        .map(|m| (m.start, m.end))
}

/// `GET /api/disagreements`: every field on which the reports of one event differ, with each value,
/// its article, its chain and the span to open; filters `entity`, `type`.
pub async fn disagreements(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let snapshot = state.snapshot();
    let mut items = Vec::new();
    for cluster in &snapshot.view.events {
        if !super::events::matches(&params, cluster) {
            continue;
        }
        for disagreement in &cluster.disagreements {
            let values: Vec<Value> = disagreement
                .values
                .iter()
                .map(|v| {
                    let span = span_of_value(&snapshot, cluster, &disagreement.field, &v.value, &v.doc);
                    json!({
                        "value": v.value,
                        "doc": v.doc,
                        "title": snapshot.title_of(&v.doc),
                        "chain": v.chain,
                        "start": span.map(|s| s.0),
                        "end": span.map(|s| s.1),
                    })
                })
                .collect();
            items.push(json!({
                "event": cluster.id,
                "type": cluster.event_type,
                "mode": cluster.mode,
                "field": disagreement.field,
                "values": values,
            }));
        }
    }
    Ok(Json(params.page(items, |v| v)))
}
