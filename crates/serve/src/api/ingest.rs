//! `POST /api/ingest`: store articles sent over HTTP, only with the server's bearer token.
//!
//! The body is one input as `isnad ingest` would read a file (text, HTML, a feed, WARC, JSON Lines,
//! gzip). The new articles are extracted and stored in one transaction, then the snapshot is rebuilt
//! from the whole store and swapped in; one ingest runs at a time.

use super::ApiError;
use crate::{AppState, Snapshot};
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestParams {
    /// The name the articles' ids are made from (like a file stem); `upload` when not given.
    pub name: Option<String>,
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Whether the request carries the server's ingest token.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .is_some_and(|given| same_secret(given.trim().as_bytes(), token.as_bytes()))
}

/// A name usable as a doc id stem: letters, digits and `-_.` only, at most 64 characters.
fn clean_name(name: Option<&str>) -> String {
    let cleaned: String = name
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(64)
        .collect();
    if cleaned.is_empty() {
        "upload".into()
    } else {
        cleaned
    }
}

pub async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<IngestParams>, QueryRejection>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let Some(token) = state.config.ingest_token.clone() else {
        return Err(ApiError::Unauthorized(
            "this server is read-only; start it with an ingest token (isnad serve --ingest-token-file FILE) to ingest over HTTP".into(),
        ));
    };
    if !authorised(&headers, &token) {
        return Err(ApiError::Unauthorized("send the ingest token as `Authorization: Bearer TOKEN`".into()));
    }
    let Query(params) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    if body.is_empty() {
        return Err(ApiError::BadRequest("the request body is empty; send the article's bytes".into()));
    }
    let _one_at_a_time = state.ingest_lock.lock().await;
    let stem = clean_name(params.name.as_deref());
    let worker_state = state.clone();
    let outcome = tokio::task::spawn_blocking(move || ingest_blocking(&worker_state, &stem, &body))
        .await
        .map_err(|e| ApiError::Internal(format!("ingest failed: {e}")))??;
    Ok(Json(outcome))
}

fn ingest_blocking(state: &AppState, stem: &str, body: &[u8]) -> Result<Value, ApiError> {
    let options = isnad_read::ReadOptions { max_article_bytes: state.config.max_ingest_bytes as u64, ..Default::default() };
    let mut reader = isnad_read::Reader::new(options);
    let current = state.snapshot();
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for result in reader.read_all_bytes(stem, "http", body) {
        match result {
            Ok(mut document) => {
                // Ids stay unique across the store, not only within this upload.
                let base = document.doc_id.clone();
                let mut n = 1;
                while current.article_by_doc.contains_key(&document.doc_id) {
                    n += 1;
                    document.doc_id = format!("{base}#{n}");
                }
                documents.push(document);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    drop(current);
    if documents.is_empty() {
        return Err(ApiError::BadRequest(format!("no article could be read from the body: {}", errors.join("; "))));
    }
    let extractor = isnad_extract::Extractor::new();
    let records: Vec<isnad_extract::Record> = documents.iter().map(|d| extractor.extract(d)).collect();
    let store_error = |e: isnad_store::StoreError| ApiError::Internal(e.to_string());
    let mut store = isnad_store::Store::open(&state.config.store_dir).map_err(store_error)?;
    let outcome = store.put_batch(records.iter().zip(&documents).map(|(r, d)| (r, d.text.as_str()))).map_err(store_error)?;
    let articles = store.articles().map_err(store_error)?;
    drop(store);
    let total = articles.len();
    state.replace_snapshot(Snapshot::build(articles));
    Ok(json!({
        "added": outcome.added,
        "unchanged": outcome.unchanged,
        "doc_ids": records.iter().map(|r| &r.doc_id).collect::<Vec<_>>(),
        "errors": errors,
        "articles": total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_names() {
        let mut headers = HeaderMap::new();
        assert!(!authorised(&headers, "s3cret"));
        headers.insert(header::AUTHORIZATION, "Bearer s3cret".parse().unwrap());
        assert!(authorised(&headers, "s3cret"));
        assert!(!authorised(&headers, "s3cret2"));
        headers.insert(header::AUTHORIZATION, "Basic s3cret".parse().unwrap());
        assert!(!authorised(&headers, "s3cret"));
        assert_eq!(clean_name(Some("../../etc/<x>")), "....etcx");
        assert_eq!(clean_name(None), "upload");
    }
}
