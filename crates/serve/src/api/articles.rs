//! `/api/articles`: the stored articles, and one article with its text, record and copies.

use super::{ApiError, Params, ParamsQuery};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use isnad_store::StoredArticle;
use serde_json::{json, Value};

/// The summary of an article in lists.
pub fn summary(article: &StoredArticle) -> Value {
    let record = &article.record;
    json!({
        "doc_id": record.doc_id,
        "title": record.title,
        "published": record.published,
        "origin": record.origin,
        "bytes": article.text.len(),
        "entities": record.entities.len(),
        "attributions": record.attributions.len(),
        "events": record.events.len(),
    })
}

/// `GET /api/articles`: filters `q` (in the title, matching form), `entity`, `from`, `to`.
pub async fn list(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let snapshot = state.snapshot();
    let wanted_title = params.q.as_deref().map(isnad_text::normalize::normalize_str).filter(|q| !q.trim().is_empty());
    let entity_docs = match params.entity.as_deref() {
        Some(id) => {
            let Some(&i) = snapshot.entity_by_id.get(id) else {
                return Err(ApiError::NotFound(format!("no entity {id}; list them at /api/entities")));
            };
            Some(&snapshot.view.entities[i].docs)
        }
        None => None,
    };
    let items: Vec<&StoredArticle> = snapshot
        .articles
        .iter()
        .filter(|a| params.date_allows(a.record.published.as_deref()))
        .filter(|a| entity_docs.is_none_or(|docs| docs.contains(&a.record.doc_id)))
        .filter(|a| match &wanted_title {
            None => true,
            Some(q) => a.record.title.as_deref().is_some_and(|t| isnad_text::normalize::normalize_str(t).contains(q.trim())),
        })
        .collect();
    Ok(Json(params.page(items, summary)))
}

/// `GET /api/articles/{doc_id}`: the text, the record (whose spans index the text), the entity and
/// event clusters its facts belong to, its copies and its claims.
pub async fn one(State(state): State<AppState>, Path(doc_id): Path<String>) -> Result<Json<Value>, ApiError> {
    let snapshot = state.snapshot();
    let Some(&index) = snapshot.article_by_doc.get(&doc_id) else {
        return Err(ApiError::NotFound(format!("no article {doc_id}; list them at /api/articles")));
    };
    let article = &snapshot.articles[index];
    let mut record = serde_json::to_value(&article.record).map_err(|e| ApiError::Internal(e.to_string()))?;
    if let Some(object) = record.as_object_mut() {
        object.remove("text"); // sent once, below
    }
    let event_clusters: Vec<Option<&String>> = article
        .record
        .events
        .iter()
        .map(|e| snapshot.event_cluster_of.get(&(doc_id.clone(), e.trigger.start)))
        .collect();
    let copies = snapshot.copies_of.get(&doc_id).map(|(cluster, docs)| {
        json!({
            "cluster": cluster,
            "docs": docs.iter().map(|d| json!({ "doc_id": d, "title": snapshot.title_of(d) })).collect::<Vec<_>>(),
        })
    });
    let claims: Vec<Value> = snapshot.view.claims.iter().filter(|c| c.doc == doc_id).map(super::claims::claim_json).collect();
    Ok(Json(json!({
        "doc_id": doc_id,
        "title": article.record.title,
        "published": article.record.published,
        "origin": article.record.origin,
        "text": article.text,
        "record": record,
        "entity_clusters": snapshot.entity_cluster_of[index],
        "event_clusters": event_clusters,
        "copies": copies,
        "claims": claims,
    })))
}
