//! `isnad serve`: a JSON API and a web UI over an isnad store, from one binary.
//!
//! Input is a store directory (`isnad ingest --store DIR` fills it); output is HTTP on a loopback
//! address by default: the API under `/api/` (described by `/api/openapi.json`) and the UI at `/`,
//! whose assets (HTML, script, styles, an Arabic font) are compiled in, so it works offline.
//!
//! At start-up the stored articles are read once and turned into a [`Snapshot`] (the corpus view plus
//! lookups and a search index); requests read it without locking. An ingest over HTTP (only when a
//! token was given) stores the new articles, builds a new snapshot and swaps it in.
//!
//! Safety: article text is untrusted. The API serves it only as JSON; the UI builds its pages with
//! text nodes, never HTML parsing, under a strict Content-Security-Policy ([`security`]). Requests
//! have size and time limits, and the server answers only to loopback host names when bound to
//! loopback (a DNS-rebinding guard).
//!
//! ```no_run
//! # async fn run() -> Result<(), isnad_serve::ServeError> {
//! let config = isnad_serve::ServeConfig::new("isnad-data".into());
//! isnad_serve::serve(config).await
//! # }
//! ```

mod api;
mod assets;
pub mod response_cache;
pub mod search;
mod security;
pub mod snapshot;

pub use api::{OPENAPI, ROUTES as API_ROUTES};
pub use security::CONTENT_SECURITY_POLICY;
pub use snapshot::Snapshot;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store directory (opened, or created empty).
    pub store_dir: PathBuf,
    /// Where to listen; loopback by default.
    pub addr: SocketAddr,
    /// The bearer token that allows `POST /api/ingest`; without one the server is read-only.
    pub ingest_token: Option<String>,
    /// Longest time one request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Largest request body accepted by `POST /api/ingest`.
    pub max_ingest_bytes: usize,
}

impl ServeConfig {
    /// Read-only, on 127.0.0.1:8080, 30 s per request, 16 MiB per ingest.
    pub fn new(store_dir: PathBuf) -> ServeConfig {
        ServeConfig {
            store_dir,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            request_timeout: Duration::from_secs(30),
            max_ingest_bytes: 16 << 20,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeError {
    /// The store could not be opened or read.
    Store(isnad_store::StoreError),
    /// The address could not be bound (in use, or not allowed).
    Bind { addr: SocketAddr, message: String },
    /// The server failed while running.
    Io(std::io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Store(e) => write!(f, "{e}"),
            ServeError::Bind { addr, message } => {
                write!(f, "cannot listen on {addr}: {message}; pick another address with --addr")
            }
            ServeError::Io(e) => write!(f, "server error: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl From<isnad_store::StoreError> for ServeError {
    fn from(e: isnad_store::StoreError) -> Self {
        ServeError::Store(e)
    }
}

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    config: Arc<ServeConfig>,
    /// One ingest at a time: each rebuilds the snapshot from the whole store.
    ingest_lock: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    /// State over an already built snapshot.
    pub fn new(snapshot: Snapshot, config: ServeConfig) -> AppState {
        AppState {
            snapshot: Arc::new(RwLock::new(Arc::new(snapshot))),
            config: Arc::new(config),
            ingest_lock: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Opens the store named in `config` and builds its snapshot.
    pub fn open(config: ServeConfig) -> Result<AppState, ServeError> {
        let articles = isnad_store::Store::open(&config.store_dir)?.articles()?;
        Ok(AppState::new(Snapshot::build(articles), config))
    }

    /// The current snapshot (cheap: a reference count).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A poisoned lock only means a writer panicked between two whole snapshots; the one inside
        // is still a complete one.
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace_snapshot(&self, snapshot: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }
}

/// The whole application: API, UI and the safety layers around them.
pub fn router(state: AppState) -> axum::Router {
    let config = state.config.clone();
    let api = api::routes(&config).route_layer(axum::middleware::from_fn_with_state(state.clone(), response_cache::respond));
    axum::Router::new()
        .merge(api)
        .merge(assets::routes())
        .layer(axum::middleware::from_fn_with_state(config.clone(), security::guard))
        .with_state(state)
}

/// Opens the store, binds `config.addr` and serves until interrupted (Ctrl-C).
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    let addr = config.addr;
    let state = tokio::task::spawn_blocking(move || AppState::open(config))
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))??;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| ServeError::Bind { addr, message: e.to_string() })?;
    let local = listener.local_addr().map_err(ServeError::Io)?;
    let snapshot = state.snapshot();
    eprintln!(
        "isnad: serving {} articles on http://{local}/ (API: http://{local}/api/openapi.json){}",
        snapshot.articles.len(),
        if state.config.ingest_token.is_some() { "; ingest over HTTP allowed with the token" } else { "; read-only" }
    );
    drop(snapshot);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Io)
}
