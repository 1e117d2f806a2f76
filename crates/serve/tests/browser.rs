//! Drives the browser tests in `tests/browser/` (playwright-core + Debian's headless Chromium).
//!
//! Builds a store from `../shared/corpus/seeds` (read at test time, never copied), serves it on a
//! free loopback port with an ingest token, and runs `node --test` on the UI tests, which save
//! screenshots under `target/browser-artifacts/`. Skips with a printed reason when the seeds,
//! Chromium, node or `tests/browser/node_modules` are missing, except under CI (`CI` set), where
//! `.ci/run` installs them and a missing piece is a failure.

use isnad_serve::{AppState, ServeConfig};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn chromium() -> Option<PathBuf> {
    let wanted = std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    wanted.exists().then_some(wanted)
}

/// Why the browser tests cannot run here, if they cannot.
fn missing_piece(root: &Path, seeds: &Path) -> Option<String> {
    if !seeds.is_dir() {
        return Some(format!("{} is missing (../shared must sit beside the repository)", seeds.display()));
    }
    if chromium().is_none() {
        return Some("Chromium is not installed (apt-get install chromium, or set CHROMIUM)".into());
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !root.join("tests/browser/node_modules/playwright-core").is_dir() {
        return Some("tests/browser/node_modules is missing (run `npm ci` in tests/browser)".into());
    }
    None
}

/// Reads, extracts and stores every seed article.
fn build_store(seeds: &Path, store_dir: &Path) {
    let mut reader = isnad_read::Reader::new(isnad_read::ReadOptions::default());
    let extractor = isnad_extract::Extractor::new();
    let documents: Vec<isnad_read::Document> =
        reader.read_arg(seeds.to_str().expect("utf-8 path")).into_iter().map(|d| d.expect("seed article reads")).collect();
    let records: Vec<isnad_extract::Record> = documents.iter().map(|d| extractor.extract(d)).collect();
    let mut store = isnad_store::Store::open(store_dir).expect("store opens");
    store.put_batch(records.iter().zip(&documents).map(|(r, d)| (r, d.text.as_str()))).expect("seeds stored");
}

#[test]
fn ui_in_headless_chromium() {
    let root = repository_root();
    let seeds = root.join("../shared/corpus/seeds");
    if let Some(reason) = missing_piece(&root, &seeds) {
        assert!(std::env::var_os("CI").is_none(), "browser tests cannot run under CI: {reason}");
        println!("skipped: browser tests need {reason}");
        return;
    }
    let store_dir = std::env::temp_dir().join(format!("isnad-serve-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store_dir);
    build_store(&seeds, &store_dir);

    let token = format!("browser-test-{:016x}", (std::process::id() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut config = ServeConfig::new(store_dir.clone());
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.ingest_token = Some(token.clone());
    config.request_timeout = std::time::Duration::from_secs(120);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a free loopback port");
    let addr = listener.local_addr().unwrap();
    let state = AppState::open(config).expect("store opens");
    assert!(state.snapshot().articles.len() >= 5);
    runtime.spawn(async move { axum::serve(listener, isnad_serve::router(state)).await });

    let artifacts = root.join("target/browser-artifacts");
    let output = Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec", "unit.test.js", "ui.test.js"])
        .current_dir(root.join("tests/browser"))
        .env("ISNAD_URL", format!("http://{addr}"))
        .env("ISNAD_INGEST_TOKEN", &token)
        .env("ISNAD_ARTIFACTS", &artifacts)
        .env("CHROMIUM", chromium().unwrap())
        .output()
        .expect("node runs");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    println!("{report}");
    runtime.shutdown_background();
    std::fs::remove_dir_all(&store_dir).ok();
    assert!(output.status.success(), "browser tests failed:\n{report}");
    assert!(artifacts.join("event.png").exists(), "screenshots are saved in {}", artifacts.display());
}
