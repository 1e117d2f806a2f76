//! Answers repeated API reads from memory.
//!
//! A snapshot never changes, so a GET's response is a function of the snapshot and the URI: the first
//! answer is kept in the snapshot's cache and later ones are a copy of its bytes (an article's JSON
//! holds its whole text and record, and building it again for each reader is most of the work). The
//! cache lives and dies with its snapshot, so an ingest empties it; it holds at most
//! [`MAX_ENTRIES`] answers and [`MAX_BYTES`] in all, and past that simply stops adding.

use crate::AppState;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;

/// Most answers kept per snapshot.
pub const MAX_ENTRIES: usize = 8192;
/// Most bytes kept per snapshot.
pub const MAX_BYTES: usize = 256 << 20;
/// Answers larger than this are not kept.
const MAX_ENTRY_BYTES: usize = 32 << 20;

/// The answers of one snapshot, by URI (path and query).
#[derive(Debug, Default)]
pub struct ResponseCache {
    entries: Mutex<(HashMap<String, Bytes>, usize)>,
}

impl ResponseCache {
    fn get(&self, key: &str) -> Option<Bytes> {
        self.entries.lock().ok()?.0.get(key).cloned()
    }

    fn put(&self, key: String, bytes: Bytes) {
        let Ok(mut guard) = self.entries.lock() else { return };
        let (map, total) = &mut *guard;
        if map.len() < MAX_ENTRIES && *total + bytes.len() <= MAX_BYTES && !map.contains_key(&key) {
            *total += bytes.len();
            map.insert(key, bytes);
        }
    }

    /// Answers held.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|g| g.0.len()).unwrap_or(0)
    }

    /// Whether no answer is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn json(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// Serves a GET from the current snapshot's cache, or runs it and keeps a successful JSON answer.
pub async fn respond(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().path_and_query().map_or_else(|| request.uri().path().to_string(), |pq| pq.as_str().to_string());
    let snapshot = state.snapshot();
    if let Some(bytes) = snapshot.responses.get(&key) {
        return json(bytes);
    }
    let response = next.run(request).await;
    let is_json = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::OK || !is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    // JSON answers are already whole in memory (serialised before sending), so this only joins them.
    match to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            if bytes.len() <= MAX_ENTRY_BYTES {
                snapshot.responses.put(key, bytes.clone());
            }
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be assembled; try again").into_response(),
    }
}
