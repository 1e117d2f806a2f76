//! The API end to end, in process: the fictional articles of `examples/` (plus articles composed
//! here) go through reading and extraction into a snapshot, and requests go through the whole router,
//! safety layer included.

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use isnad_serve::{AppState, ServeConfig, Snapshot};
use isnad_store::StoredArticle;
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789abcdef";

fn examples() -> Vec<StoredArticle> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut reader = isnad_read::Reader::new(isnad_read::ReadOptions::default());
    let extractor = isnad_extract::Extractor::new();
    reader
        .read_arg(dir.to_str().unwrap())
        .into_iter()
        .map(|d| d.expect("example reads"))
        .map(|d| StoredArticle { record: extractor.extract(&d), text: d.text })
        .collect()
}

fn temp_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn app_with(store_dir: PathBuf, token: Option<&str>) -> Router {
    let mut config = ServeConfig::new(store_dir);
    config.ingest_token = token.map(str::to_string);
    config.max_ingest_bytes = 1 << 20;
    isnad_serve::router(AppState::new(Snapshot::build(examples()), config))
}

fn app() -> Router {
    app_with(temp_store("ro"), None)
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 64 << 20).await.unwrap().to_vec();
    (status, headers, body)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).header(header::HOST, "127.0.0.1:8080").body(Body::empty()).unwrap();
    let (status, _, body) = send(app, request).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn every_route_in_the_openapi_document_exists_and_every_route_is_documented() {
    let app = app();
    let openapi: Value = serde_json::from_str(isnad_serve::OPENAPI).unwrap();
    let paths = openapi["paths"].as_object().unwrap();
    let documented: Vec<(String, String)> =
        paths.iter().flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone()))).collect();
    let mut routes: Vec<(String, String)> = isnad_serve::API_ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let mut documented_sorted = documented.clone();
    documented_sorted.sort();
    routes.sort();
    assert_eq!(documented_sorted, routes);

    let (_, article_page) = get(&app, "/api/articles").await;
    let doc_id = article_page["items"][0]["doc_id"].as_str().unwrap().to_string();
    let (_, entity_page) = get(&app, "/api/entities").await;
    let entity = entity_page["items"][0]["id"].as_str().unwrap().to_string();
    let (_, event_page) = get(&app, "/api/events").await;
    let event = event_page["items"][0]["id"].as_str().unwrap().to_string();
    for (method, path) in documented {
        let uri = path
            .replace("{doc_id}", &urlencode(&doc_id))
            .replace("{id}", if path.starts_with("/api/entities") { &entity } else { &event });
        let uri = if uri == "/api/search" { "/api/search?q=test".to_string() } else { uri };
        let request = Request::builder().method(method.to_uppercase().as_str()).uri(&uri).header(header::HOST, "localhost").body(Body::empty()).unwrap();
        let (status, _, body) = send(&app, request).await;
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("no such API route"), "{method} {uri} is documented but not routed");
        if method == "get" {
            assert_eq!(status, StatusCode::OK, "{method} {uri}: {text}");
        }
    }
    let (status, body) = get(&app, "/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("openapi"));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn an_article_carries_its_text_and_spans_that_index_it() {
    let app = app();
    let (_, page) = get(&app, "/api/articles?limit=100").await;
    assert_eq!(page["total"], 4);
    for item in page["items"].as_array().unwrap() {
        let (status, article) = get(&app, &format!("/api/articles/{}", urlencode(item["doc_id"].as_str().unwrap()))).await;
        assert_eq!(status, StatusCode::OK);
        let text = article["text"].as_str().unwrap().as_bytes();
        let record = &article["record"];
        let mut spans = 0;
        for entity in record["entities"].as_array().unwrap() {
            for m in entity["mentions"].as_array().unwrap() {
                let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[s..e], m["text"].as_str().unwrap().as_bytes());
                spans += 1;
            }
        }
        for a in record["attributions"].as_array().unwrap() {
            let cue = &a["cue"];
            let (s, e) = (cue["start"].as_u64().unwrap() as usize, cue["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], cue["text"].as_str().unwrap().as_bytes());
        }
        assert!(spans > 0);
        assert!(record.get("text").is_none(), "the text is sent once, beside the record");
        assert_eq!(article["event_clusters"].as_array().unwrap().len(), record["events"].as_array().unwrap().len());
    }
    let (status, body) = get(&app, "/api/articles/no-such-article").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn events_report_their_groups_and_each_report_its_figures() {
    let app = app();
    let (_, page) = get(&app, "/api/events?type=ASSAULT").await;
    assert!(page["total"].as_u64().unwrap() > 0);
    for item in page["items"].as_array().unwrap() {
        assert_eq!(item["type"], "ASSAULT");
        let (status, event) = get(&app, &format!("/api/events/{}", item["id"].as_str().unwrap())).await;
        assert_eq!(status, StatusCode::OK);
        let reports = event["reports_list"].as_array().unwrap();
        let groups = event["groups"].as_array().unwrap();
        assert_eq!(groups.len(), event["independent_sources"].as_u64().unwrap() as usize);
        let grouped: usize = groups.iter().map(|g| g["reports"].as_array().unwrap().len()).sum();
        assert_eq!(grouped, reports.len(), "every report sits in one source group");
        assert_eq!(event["reports"], event["docs"].as_array().unwrap().len());
    }
    let (status, _) = get(&app, "/api/events?limit=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = get(&app, "/api/events?colour=red").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "unknown parameters are named, not ignored: {body}");
}

#[tokio::test]
async fn claims_put_single_source_first_and_filter() {
    let app = app();
    let (_, all) = get(&app, "/api/claims?limit=500").await;
    let flags: Vec<bool> = all["items"].as_array().unwrap().iter().map(|c| c["single_source"].as_bool().unwrap()).collect();
    assert!(!flags.is_empty());
    assert!(flags.windows(2).all(|w| w[0] >= w[1]), "single-source claims come first: {flags:?}");
    let (_, single) = get(&app, "/api/claims?single_source=true&limit=500").await;
    assert_eq!(single["total"].as_u64().unwrap() as usize, flags.iter().filter(|f| **f).count());
    let (_, disagreements) = get(&app, "/api/disagreements").await;
    for d in disagreements["items"].as_array().unwrap() {
        for v in d["values"].as_array().unwrap() {
            assert!(v["start"].is_u64(), "each disagreeing value links to its bytes: {v}");
        }
    }
}

#[tokio::test]
async fn actors_have_a_timeline_and_relations() {
    let app = app();
    let (_, page) = get(&app, "/api/entities?limit=500").await;
    let mut with_events = 0;
    for item in page["items"].as_array().unwrap() {
        let (status, actor) = get(&app, &format!("/api/entities/{}", item["id"].as_str().unwrap())).await;
        assert_eq!(status, StatusCode::OK);
        let events = actor["events"].as_array().unwrap();
        with_events += usize::from(!events.is_empty());
        let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).filter(|d| d.len() >= 4 && d[..4].bytes().all(|b| b.is_ascii_digit())).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "timeline in date order: {dates:?}");
        let undated_then_dated = events.windows(2).any(|w| w[0]["date"].is_null() && !w[1]["date"].is_null());
        assert!(!undated_then_dated, "undated events come last");
        for r in actor["relations"].as_array().unwrap() {
            assert!(["out", "in", "with"].contains(&r["direction"].as_str().unwrap()));
            assert_ne!(r["entity"], actor["id"]);
        }
    }
    assert!(with_events > 0);
    let (_, filtered) = get(&app, "/api/entities?type=LOC").await;
    assert!(filtered["items"].as_array().unwrap().iter().all(|e| e["type"] == "LOC"));
}

#[tokio::test]
async fn search_finds_spelling_variants_and_filters() {
    let app = app();
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 4);
    // The examples spell one city two ways (زهرانة / زهرانه); both forms find the same articles.
    let (_, a) = get(&app, "/api/search?q=%D8%B2%D9%87%D8%B1%D8%A7%D9%86%D8%A9").await;
    let (_, b) = get(&app, "/api/search?q=%D8%B2%D9%87%D8%B1%D8%A7%D9%86%D9%87").await;
    assert!(a["total"].as_u64().unwrap() > 0);
    assert_eq!(a["total"], b["total"]);
    let hit = &a["items"][0];
    assert!(hit["snippet"].as_array().unwrap().iter().any(|p| p["match"] == true));
    let (_, none) = get(&app, "/api/search?q=%D8%B2%D9%87%D8%B1%D8%A7%D9%86%D8%A9&from=2999").await;
    assert_eq!(none["total"], 0);
    let (status, _) = get(&app, "/api/search").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn responses_carry_a_strict_policy_and_the_ui_is_embedded() {
    let app = app();
    for uri in ["/", "/app.js", "/app.css", "/api/stats", "/fonts/NotoNaskhArabic-Regular.ttf", "/fonts/OFL.txt"] {
        let request = Request::get(uri).header(header::HOST, "localhost:8080").body(Body::empty()).unwrap();
        let (status, headers, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!body.is_empty());
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let request = Request::get("/").header(header::HOST, "localhost").body(Body::empty()).unwrap();
    let (_, _, page) = send(&app, request).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("dir=\"rtl\"") && page.contains("lang=\"ar\""));
    assert!(!page.contains("http://") && !page.contains("https://"), "no outside resources");
    let script = String::from_utf8(send(&app, Request::get("/app.js").body(Body::empty()).unwrap()).await.2).unwrap();
    for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
        assert!(!script.contains(forbidden), "the UI never parses text as HTML or code: {forbidden}");
    }
}

#[tokio::test]
async fn repeated_reads_get_the_same_answer() {
    let app = app();
    for uri in ["/api/events?limit=3", "/api/entities?type=PER", "/api/search?q=%D8%B3%D9%88%D9%82"] {
        let first = get(&app, uri).await;
        let second = get(&app, uri).await;
        assert_eq!(first.0, StatusCode::OK);
        assert_eq!(first, second, "{uri}");
    }
    let (status, _) = get(&app, "/api/events/none").await;
    let (again, _) = get(&app, "/api/events/none").await;
    assert_eq!((status, again), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn a_foreign_host_name_is_refused_when_bound_to_loopback() {
    let app = app();
    let request = Request::get("/api/stats").header(header::HOST, "attacker.example:8080").body(Body::empty()).unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
}

#[tokio::test]
async fn ingest_needs_the_token_and_rebuilds_the_view() {
    let read_only = app();
    let post = |token: Option<&str>, body: &'static str| {
        let mut request = Request::post("/api/ingest?name=composed").header(header::HOST, "localhost");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        request.body(Body::from(body)).unwrap()
    };
    let article = "قتل مسلحون خمسة جنود في هجوم على بلدة كرمان الجديدة، وقال المتحدث باسم الجيش إن القوات ردت على الهجوم.\n";
    let (status, _, _) = send(&read_only, post(Some(TOKEN), article)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "read-only without a configured token");

    let store = temp_store("ingest");
    let app = app_with(store.clone(), Some(TOKEN));
    let (_, before) = get(&app, "/api/stats").await;
    assert_eq!(before["articles"], 4, "answered (and cached) from the snapshot built at start");
    let (status, _, _) = send(&app, post(None, article)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = send(&app, post(Some("wrong-token-0123456789abcdef"), article)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, body) = send(&app, post(Some(TOKEN), article)).await;
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["added"], 1);
    // The snapshot now is the store's (one article), not the examples it started with, and the
    // answers cached from the old one are gone with it.
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 1);
    let doc_id = body["doc_ids"][0].as_str().unwrap();
    let (status, stored) = get(&app, &format!("/api/articles/{}", urlencode(doc_id))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stored["text"], article);
    let (_, _, again) = send(&app, post(Some(TOKEN), article)).await;
    let again: Value = serde_json::from_slice(&again).unwrap();
    assert_eq!(again["unchanged"], 1);

    let too_big = Request::post("/api/ingest")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(vec![b'a'; 2 << 20]))
        .unwrap();
    let (status, _, _) = send(&app, too_big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    std::fs::remove_dir_all(&store).ok();
}

#[tokio::test]
async fn hostile_text_comes_back_as_json_data_only() {
    let store = temp_store("hostile");
    let app = app_with(store.clone(), Some(TOKEN));
    // Starts as text, so it is read as text (an HTML page would lose its tags to the reader).
    let hostile = "قال المتحدث <script>alert(1)</script> \u{202E}<img src=x onerror=alert(2)>\u{202C} إن 😀 الوضع هادئ\n";
    let request = Request::post("/api/ingest")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from(hostile))
        .unwrap();
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let body: Value = serde_json::from_slice(&body).unwrap();
    let doc_id = body["doc_ids"][0].as_str().unwrap();
    let request = Request::get(format!("/api/articles/{}", urlencode(doc_id))).header(header::HOST, "localhost").body(Body::empty()).unwrap();
    let (status, headers, raw) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let article: Value = serde_json::from_slice(&raw).unwrap();
    assert!(article["text"].as_str().unwrap().contains("<script>"), "text is kept as it was, as data");
    std::fs::remove_dir_all(&store).ok();
}
