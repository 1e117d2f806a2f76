//! Bad input gets a clear message and loses nothing: the rest of a batch is always processed.

mod common;

use common::*;
use std::io::Write;

const GOOD: &str = "قال المتحدث باسم الحكومة إن الاجتماع سيعقد غدا في العاصمة.\n";

fn records(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).expect("each line is one JSON record")).collect()
}

#[test]
fn empty_binary_and_missing_inputs_are_named_and_the_rest_is_processed() {
    let dir = scratch("bad-inputs");
    std::fs::write(dir.join("a-good.txt"), GOOD).unwrap();
    std::fs::write(dir.join("b-empty.txt"), "").unwrap();
    std::fs::write(dir.join("c-binary"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 0]).unwrap();
    std::fs::write(dir.join("d-good.txt"), GOOD).unwrap();
    let missing = dir.join("no-such-file.txt");
    let out = run(&[dir.to_str().unwrap(), missing.to_str().unwrap()].iter().fold(vec!["extract"], |mut v, a| {
        v.push(a);
        v
    }));
    assert_eq!(out.status.code(), Some(1), "some inputs failed: exit code 1");
    let ids: Vec<String> = records(&out).iter().map(|r| r["doc_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec!["a-good", "d-good"]);
    let err = stderr(&out);
    for name in ["b-empty.txt", "c-binary", "no-such-file.txt"] {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "one clear line naming {name}, got: {err}");
        assert!(lines[0].starts_with("isnad: error: "), "{}", lines[0]);
    }
}

#[test]
fn invalid_utf8_is_replaced_counted_and_kept() {
    let dir = scratch("invalid-utf8");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe broken \xc3 end\n");
    let path = dir.join("broken.txt");
    std::fs::write(&path, &bytes).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record = &records(&out)[0];
    let text = record["text"].as_str().expect("the decoded text is carried when it differs from the input");
    assert!(text.contains('\u{FFFD}'));
    assert!(text.starts_with("قال المتحدث"));
    let warnings = record["warnings"].as_array().expect("warnings").iter().map(|w| w.as_str().unwrap()).collect::<Vec<_>>().join(" ");
    assert!(warnings.contains("invalid"), "a warning counts the invalid sequences: {warnings}");
    assert!(stderr(&out).contains("warning"), "the warning is shown to the user too");
}

#[test]
fn stdin_is_read_as_one_article() {
    let mut child = isnad()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(GOOD.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let record = &records(&out)[0];
    assert_eq!(record["doc_id"], "stdin#1");
    assert!(record.get("text").is_none(), "plain UTF-8 input needs no copy of its text");
}

#[test]
fn two_files_with_one_stem_get_distinct_ids() {
    let dir = scratch("same-stem");
    std::fs::create_dir_all(dir.join("x")).unwrap();
    std::fs::create_dir_all(dir.join("y")).unwrap();
    std::fs::write(dir.join("x/story.txt"), GOOD).unwrap();
    std::fs::write(dir.join("y/story.txt"), GOOD).unwrap();
    let out = run(&["extract", dir.to_str().unwrap()]);
    let ids: Vec<String> = records(&out).iter().map(|r| r["doc_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids[0], "story");
}

#[test]
fn a_fifty_megabyte_line_is_refused_clearly_or_processed_and_the_batch_goes_on() {
    let dir = scratch("huge-line");
    let huge = dir.join("huge.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&huge).unwrap());
        let chunk = "كلمة عربية طويلة جدا ".repeat(1000);
        let mut written = 0;
        while written < 50 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
    }
    std::fs::write(dir.join("small.txt"), GOOD).unwrap();
    let out = run(&["extract", huge.to_str().unwrap(), dir.join("small.txt").to_str().unwrap()]);
    let ids: Vec<String> = records(&out).iter().map(|r| r["doc_id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(&"small".to_string()), "the rest of the batch is processed");
    if !ids.contains(&"huge".to_string()) {
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.lines().any(|l| l.contains("huge.txt") && l.contains("limit")), "a clear refusal: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_documents_the_exit_codes() {
    let out = run(&["--help"]);
    let help = stdout(&out);
    assert!(help.contains("Exit codes"));
    assert!(help.contains("some inputs could not be read"));
}

#[test]
fn words_broken_across_lines_are_found_whole_with_their_bytes() {
    let dir = scratch("broken-lines");
    // Hard-wrapped text: one word broken with a hyphen, one without.
    let text = "وصل الوفد إلى العاصمة الأف-\nغانية أمس.\nوقال المتحدث إن المحادثات ستستمر في الدو\nحة.\n";
    let path = dir.join("wrapped.txt");
    std::fs::write(&path, text).unwrap();
    let out = run(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record = &records(&out)[0];
    let mentions: Vec<(usize, usize, String)> = record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap().iter())
        .map(|m| (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize, m["text"].as_str().unwrap().to_string()))
        .collect();
    for broken in ["الأف-\nغانية", "الدو\nحة"] {
        let start = text.find(broken).unwrap();
        assert!(
            mentions.iter().any(|(s, e, t)| *s == start && *e == start + broken.len() && t == broken),
            "{broken:?} is one mention spanning the break: {mentions:?}"
        );
    }
}
