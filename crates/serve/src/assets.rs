//! The web UI's files, compiled into the binary so the server works offline and from any directory.
//!
//! The page is one HTML shell, one script and one style sheet (no framework, no CDN); the script
//! routes between views by the URL fragment (`#/article/ID`, `#/event/ID`, ...), so only these paths
//! exist on the server. The Arabic font is Noto Naskh Arabic under the SIL Open Font License
//! (`assets/fonts/OFL.txt`, served beside it).

use crate::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

/// One embedded file: its URL path, media type and bytes.
pub struct Asset {
    pub path: &'static str,
    pub media_type: &'static str,
    pub bytes: &'static [u8],
}

/// Every file of the UI.
pub const ASSETS: &[Asset] = &[
    Asset { path: "/", media_type: "text/html; charset=utf-8", bytes: include_bytes!("../assets/index.html") },
    Asset { path: "/app.js", media_type: "text/javascript; charset=utf-8", bytes: include_bytes!("../assets/app.js") },
    Asset { path: "/app.css", media_type: "text/css; charset=utf-8", bytes: include_bytes!("../assets/app.css") },
    Asset {
        path: "/fonts/NotoNaskhArabic-Regular.ttf",
        media_type: "font/ttf",
        bytes: include_bytes!("../assets/fonts/NotoNaskhArabic-Regular.ttf"),
    },
    Asset {
        path: "/fonts/NotoNaskhArabic-Bold.ttf",
        media_type: "font/ttf",
        bytes: include_bytes!("../assets/fonts/NotoNaskhArabic-Bold.ttf"),
    },
    Asset { path: "/fonts/OFL.txt", media_type: "text/plain; charset=utf-8", bytes: include_bytes!("../assets/fonts/OFL.txt") },
];

/// The routes that serve [`ASSETS`].
pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for asset in ASSETS {
        let (media_type, bytes) = (asset.media_type, asset.bytes);
        // The shell is small and names the other files, so it is always revalidated; the rest may
        // be cached for a while.
        let cache = if asset.path == "/" { "no-cache" } else { "max-age=3600" };
        router = router.route(
            asset.path,
            get(move || async move {
                ([(header::CONTENT_TYPE, media_type), (header::CACHE_CONTROL, cache)], bytes).into_response()
            }),
        );
    }
    router
}
