//! End to end on the development sets: `isnad extract` and `isnad report --json` over
//! `../shared/corpus/{seeds,dev2}`, scored by `../shared/eval/score.py` against hand-made gold.
//!
//! The floors are a regression guard, raised as the work improves; the figures themselves are in
//! the README.

mod common;

use common::*;

/// Per-article floors (overall F1 of `score.py docs`).
const DOCS_FLOOR: [(&str, f64); 2] = [("seeds", 0.80), ("dev2", 0.78)];
/// Corpus-view floors (overall F1 of `score.py report`).
const REPORT_FLOOR: [(&str, f64); 2] = [("seeds", 0.65), ("dev2", 0.85)];
/// Entity-level micro F1 of `isnad ner` on the visible ANERcorp test split.
const NER_FLOOR: f64 = 0.70;

fn score(mode: &str, set: &str, output: &[u8], floor: f64) -> String {
    let shared = shared();
    let dir = scratch(&format!("score-{mode}-{set}"));
    let out_path = dir.join("out.json");
    std::fs::write(&out_path, output).unwrap();
    let gold = shared.join(format!("eval/gold/{set}.json"));
    let result = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .args([mode, gold.to_str().unwrap(), out_path.to_str().unwrap(), "--min-f1", &floor.to_string()])
        .output()
        .expect("python3 runs the scorer");
    let printed = stdout(&result);
    eprintln!("score.py {mode} {set}:\n{printed}{}", stderr(&result));
    assert!(result.status.success(), "score.py {mode} on {set} fell below its floor {floor}:\n{printed}");
    printed
}

#[test]
fn extract_scores_hold_on_the_development_sets() {
    for (set, floor) in DOCS_FLOOR {
        let corpus = shared().join("corpus").join(set);
        let out = run(&["extract", corpus.to_str().unwrap()]);
        assert!(out.status.success(), "isnad extract failed on {set}: {}", stderr(&out));
        let printed = score("docs", set, &out.stdout, floor);
        let spans = printed.lines().find(|l| l.starts_with("spans")).expect("a spans line");
        let counts = spans.split_whitespace().nth(1).unwrap();
        let (good, all) = counts.split_once('/').unwrap();
        assert_eq!(good, all, "every span's bytes must equal its text: {spans}");
        assert!(printed.lines().any(|l| l.starts_with("not-numbers   0 ")), "page-furniture numbers reported as quantities");
        for layer in ["entities", "attributions", "events", "quantities", "dates"] {
            let line = printed.lines().find(|l| l.starts_with(layer)).unwrap_or_else(|| panic!("no {layer} line"));
            let f1: f64 = line.split("F1 ").nth(1).and_then(|r| r.split_whitespace().next()).and_then(|x| x.parse().ok()).unwrap();
            assert!(f1 > 0.0, "{layer} must be above 0 on {set}: {line}");
        }
    }
}

#[test]
fn report_scores_hold_on_the_development_sets() {
    for (set, floor) in REPORT_FLOOR {
        let corpus = shared().join("corpus").join(set);
        let out = run(&["report", "--json", corpus.to_str().unwrap()]);
        assert!(out.status.success(), "isnad report failed on {set}: {}", stderr(&out));
        score("report", set, &out.stdout, floor);
    }
}

#[test]
fn tagger_score_holds_on_anercorp() {
    let gold = shared().join("data/anercorp-camel/ANERCorp_CamelLab_test_visible.txt");
    let out = run(&["ner", "--conll", gold.to_str().unwrap()]);
    assert!(out.status.success(), "isnad ner failed: {}", stderr(&out));
    let dir = scratch("score-ner");
    let system = dir.join("system.conll");
    std::fs::write(&system, &out.stdout).unwrap();
    let result = std::process::Command::new("python3")
        .arg(shared().join("eval/score.py"))
        .args(["ner", gold.to_str().unwrap(), system.to_str().unwrap(), "--min-f1", &NER_FLOOR.to_string()])
        .output()
        .expect("python3 runs the scorer");
    eprintln!("{}", stdout(&result));
    assert!(result.status.success(), "the tagger fell below {NER_FLOOR}:\n{}", stdout(&result));
}
