//! `isnad report --store` gives the same picture as `isnad report PATH...` over the same articles,
//! also when the store was filled in several ingests (the incremental path: signatures computed at
//! ingest, never again).

mod common;

use common::{isnad, scratch, stderr, stdout};
use std::path::Path;

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// The fictional examples plus a trimmed reprint of one of them (a copy the view must group).
fn corpus(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    let original = std::fs::read_to_string(&files[1]).unwrap();
    let paragraphs: Vec<&str> = original.split("\n\n").collect();
    let reprint = paragraphs[..paragraphs.len().saturating_sub(1).max(1)].join("\n\n");
    let reprint_path = dir.join("05-reprint.txt");
    std::fs::write(&reprint_path, reprint).unwrap();
    files.push(reprint_path);
    files
}

fn report_json(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let output = isnad().arg("report").arg("--json").args(args).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("the report is JSON")
}

fn ingest(store: &Path, files: &[std::path::PathBuf]) {
    let output = isnad().arg("ingest").args(files).arg("--store").arg(store).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn report_over_a_store_equals_report_over_the_paths() {
    let dir = scratch("ingest-report");
    let files = corpus(&dir);
    let store = dir.join("store");
    // Two ingests, the second repeating the first's files: the store holds each article once, in
    // the order the paths give them.
    ingest(&store, &files[..2]);
    ingest(&store, &files);

    let over_paths = report_json(&files.iter().map(|f| f.as_os_str()).collect::<Vec<_>>());
    let over_store = report_json(&[std::ffi::OsStr::new("--store"), store.as_os_str()]);
    assert_eq!(over_paths, over_store);
    assert_eq!(over_store["articles"], files.len());
    assert!(
        over_store["syndication"].as_array().is_some_and(|groups| !groups.is_empty()),
        "the reprint is found as a copy: {}",
        over_store["syndication"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_on_a_missing_store_says_what_to_do() {
    let dir = scratch("ingest-report-missing");
    let output = isnad().args(["report", "--store"]).arg(dir.join("nothing-here")).output().unwrap();
    assert!(!output.status.success());
    assert!(stderr(&output).contains("isnad ingest"), "{}", stderr(&output));
    assert!(!dir.join("nothing-here").exists(), "a report does not create a store");
    std::fs::remove_dir_all(&dir).ok();
}

/// A store written before signatures were kept (or under an older recipe): the report computes
/// them, gives the same picture, and keeps them for the next report.
#[test]
fn missing_signatures_are_recomputed_and_kept() {
    let dir = scratch("ingest-report-backfill");
    let files = corpus(&dir);
    let store = dir.join("store");
    ingest(&store, &files);
    let database = store.join(isnad_store::DATABASE_FILE);
    {
        let raw = rusqlite::Connection::open(&database).unwrap();
        raw.execute("UPDATE articles SET signature = NULL WHERE rowid % 2 = 0", []).unwrap();
        raw.execute("UPDATE articles SET signature = x'00' WHERE rowid = 1", []).unwrap();
    }
    let over_paths = report_json(&files.iter().map(|f| f.as_os_str()).collect::<Vec<_>>());
    let over_store = report_json(&[std::ffi::OsStr::new("--store"), store.as_os_str()]);
    assert_eq!(over_paths, over_store);
    let unusable: i64 = rusqlite::Connection::open(&database)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM articles WHERE signature IS NULL OR length(signature) < 8", [], |row| row.get(0))
        .unwrap();
    assert_eq!(unusable, 0, "every recomputed signature was written back");
    std::fs::remove_dir_all(&dir).ok();
}
