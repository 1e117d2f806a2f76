//! `isnad ingest` + `isnad index` + `isnad search` end to end on the fictional articles in examples/.

mod common;

use common::{run, scratch, stderr, stdout};
use std::path::Path;

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").to_string_lossy().into_owned()
}

#[test]
fn search_finds_clitic_forms_and_shows_sentence_and_chain() {
    let dir = scratch("search-cli");
    let store = dir.join("store");
    let store = store.to_str().unwrap();
    // Before anything is ingested: say what to run.
    let missing = run(&["search", "انفجار", "--store", store]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("isnad ingest"), "{}", stderr(&missing));

    let ingest = run(&["ingest", &examples(), "--store", store]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let index = run(&["index", "--store", store]);
    assert!(index.status.success(), "{}", stderr(&index));
    let again = run(&["index", "--store", store]);
    assert!(stderr(&again).contains("indexed 0 new articles"), "{}", stderr(&again));

    // "بالانفجار" / "الانفجار" in the text; the query is the bare noun with a proclitic of its own.
    let hits = run(&["search", "والانفجار", "--store", store, "--json"]);
    assert!(hits.status.success(), "{}", stderr(&hits));
    let lines: Vec<serde_json::Value> = stdout(&hits).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!lines.is_empty(), "no hit for والانفجار");
    for hit in &lines {
        let sentence = hit["sentence"]["text"].as_str().unwrap();
        let start = hit["sentence"]["start"].as_u64().unwrap() as usize;
        for h in hit["highlights"].as_array().unwrap() {
            let (s, e) = (h["start"].as_u64().unwrap() as usize - start, h["end"].as_u64().unwrap() as usize - start);
            assert!(sentence[s..e].contains("انفجار"), "highlight {:?} in {sentence}", &sentence[s..e]);
        }
    }

    // Terminal output without a TTY: brackets mark the match, the chain is spelled out.
    let terminal = run(&["search", "انفجار", "--store", store, "--type", "ASSAULT"]);
    let text = stdout(&terminal);
    assert!(text.contains("[") && text.contains("انفجار"), "{text}");
    assert!(text.contains("according to") || text.contains("own reporting"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not a terminal");

    let none = run(&["search", "انفجار", "--store", store, "--since", "2999-01-01"]);
    assert!(stdout(&none).contains("no article matches"), "{}", stdout(&none));
    let bad = run(&["search", "انفجار", "--store", store, "--since", "tomorrow"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
    std::fs::remove_dir_all(&dir).ok();
}
