//! The layer every request passes: host check, time limit, and the headers that keep untrusted
//! article text inert in a browser.
//!
//! - Content-Security-Policy: scripts, styles and fonts only from this server, no inline script or
//!   style, no plugins, no framing, no form posts elsewhere. Even if some text were ever parsed as
//!   HTML, the browser would not run it.
//! - `X-Content-Type-Options: nosniff`, so JSON holding `<script>` is never read as a page.
//! - A DNS-rebinding guard: bound to loopback, the server answers only requests addressed to a
//!   loopback name, so a web page elsewhere cannot read the API through a hostname it controls.
//! - A time limit per request (503 past it).

use crate::ServeConfig;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The policy for every response (the UI needs nothing else).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// Whether `host` (a Host header: name or address, with an optional port) names this machine's
/// loopback interface.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8080
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| if port.chars().all(|c| c.is_ascii_digit()) { name } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Applies the checks and headers around one request.
pub async fn guard(State(config): State<Arc<ServeConfig>>, request: Request, next: Next) -> Response {
    if config.addr.ip().is_loopback() {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        // HTTP/1.0 clients may send no Host; they cannot be a rebinding browser.
        if !host.is_empty() && !is_loopback_host(host) {
            return with_headers(plain(StatusCode::MISDIRECTED_REQUEST, "this server answers only to localhost names"));
        }
    }
    let limit = if request.uri().path() == "/api/ingest" { config.request_timeout * 4 } else { config.request_timeout };
    let response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => plain(StatusCode::SERVICE_UNAVAILABLE, "the request took too long; narrow it (a smaller page or a filter)"),
    };
    with_headers(response)
}

fn plain(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], Body::from(body)).into_response()
}

fn with_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn loopback_names_and_others() {
        for host in ["localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:80", "127.3.4.5:9", "[::1]:8080", "app.localhost"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["example.org", "evil.example:8080", "10.0.0.1", "localhost.evil.example", "[::2]:80", "0.0.0.0"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
