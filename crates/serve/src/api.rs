//! The JSON API under `/api/`: routes, query parameters, paging and errors.
//!
//! Only this module and its children know JSON shapes; they convert from the library types (records,
//! the corpus view) rather than exposing them as they are. `assets/openapi.json` describes every
//! route listed in [`ROUTES`] (a test checks that the two agree).

mod articles;
mod claims;
mod entities;
mod events;
mod ingest;
mod search;

use crate::{AppState, ServeConfig};
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Query};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// Every API route (method, path in OpenAPI form), for the OpenAPI check.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/stats"),
    ("get", "/api/articles"),
    ("get", "/api/articles/{doc_id}"),
    ("get", "/api/entities"),
    ("get", "/api/entities/{id}"),
    ("get", "/api/events"),
    ("get", "/api/events/{id}"),
    ("get", "/api/claims"),
    ("get", "/api/disagreements"),
    ("get", "/api/search"),
    ("post", "/api/ingest"),
];

/// The OpenAPI document, hand-written.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

pub fn routes(config: &ServeConfig) -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI) }))
        .route("/api/stats", get(stats))
        .route("/api/articles", get(articles::list))
        .route("/api/articles/{doc_id}", get(articles::one))
        .route("/api/entities", get(entities::list))
        .route("/api/entities/{id}", get(entities::one))
        .route("/api/events", get(events::list))
        .route("/api/events/{id}", get(events::one))
        .route("/api/claims", get(claims::list))
        .route("/api/disagreements", get(claims::disagreements))
        .route("/api/search", get(search::search))
        .route("/api/ingest", post(ingest::ingest).layer(DefaultBodyLimit::max(config.max_ingest_bytes)))
        .fallback_service(get(|| async { ApiError::NotFound("no such API route; see /api/openapi.json".into()) }).post(
            || async { ApiError::NotFound("no such API route; see /api/openapi.json".into()) },
        ))
        .layer(DefaultBodyLimit::max(64 << 10))
}

/// Query parameters shared by the list endpoints; each uses the ones that apply to it.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub offset: Option<usize>,
    pub limit: Option<usize>,
    /// Text to look for (search query, or a name/title filter on lists).
    pub q: Option<String>,
    /// An entity cluster id (`c4`): only items that involve it.
    pub entity: Option<String>,
    /// Published on or after this ISO date (or prefix: `2021`, `2021-09`).
    pub from: Option<String>,
    /// Published on or before this ISO date (or prefix).
    pub to: Option<String>,
    /// Entity type (PER, ORG, LOC, OUTLET, MISC) or event type (ASSAULT, ...).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Event mode (execution, arrest, ...).
    pub mode: Option<String>,
    /// A doc id: only items from that article.
    pub doc: Option<String>,
    /// Claims: only single-source ones (true) or only corroborated ones (false).
    pub single_source: Option<bool>,
    /// Search: only articles that report an event of this type.
    pub event_type: Option<String>,
}

pub type ParamsQuery = Result<Query<Params>, QueryRejection>;

/// Items per page when not asked, and at most.
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 500;

impl Params {
    /// The parameters, or a 400 that says which one is wrong.
    pub fn from_query(query: ParamsQuery) -> Result<Params, ApiError> {
        query.map(|Query(p)| p).map_err(|e| ApiError::BadRequest(format!("{}; see /api/openapi.json", e.body_text())))
    }

    /// One page of `items` as `{total, offset, limit, items}`.
    pub fn page<T>(&self, items: Vec<T>, to_json: impl Fn(T) -> Value) -> Value {
        let total = items.len();
        let offset = self.offset.unwrap_or(0).min(total);
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let page: Vec<Value> = items.into_iter().skip(offset).take(limit).map(to_json).collect();
        json!({ "total": total, "offset": offset, "limit": limit, "items": page })
    }

    /// Whether a publication date passes `from`/`to`; an undated article passes only when neither is set.
    pub fn date_allows(&self, published: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(published) = published else { return false };
        let prefix = |bound: &str| published.get(..published.len().min(bound.len())).unwrap_or(published);
        self.from.as_deref().is_none_or(|from| prefix(from) >= from) && self.to.as_deref().is_none_or(|to| prefix(to) <= to)
    }
}

/// An error for the client, as `{"error": "..."}` with a fitting status.
#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    NotFound(String),
    Unauthorized(String),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        };
        let mut response = (status, Json(json!({ "error": message }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// `GET /api/stats`: what the store holds.
async fn stats(axum::extract::State(state): axum::extract::State<AppState>) -> Json<Value> {
    let snapshot = state.snapshot();
    let view = &snapshot.view;
    Json(json!({
        "articles": snapshot.articles.len(),
        "entities": view.entities.len(),
        "events": view.events.len(),
        "claims": view.claims.len(),
        "single_source_claims": view.claims.iter().filter(|c| c.corroborated_by.is_empty()).count(),
        "disagreements": view.events.iter().map(|e| e.disagreements.len()).sum::<usize>(),
        "copies": view.syndication.len(),
        "search": { "engine": "fallback: in-memory index over the isnad-text analyser", "vocabulary": snapshot.search.vocabulary() },
        "ingest": state.config.ingest_token.is_some(),
    }))
}
