//! `isnad ingest` under failure and concurrency: killed with SIGKILL midway and re-run, it loses
//! nothing committed and duplicates nothing; another process reads the store while it ingests.
//!
//! The articles are composed here from templates (invented towns, people and figures), thousands of
//! them, each a distinct text. No timing is asserted: the tests poll the store and act on what it
//! holds, and grow the corpus if an ingest finishes before they could act.

mod common;

use common::{isnad, scratch};
use isnad_read::document::fnv1a64;
use isnad_store::Store;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

const TOWNS: [&str; 6] = ["وادي السدر", "تل الريحان", "عين الصفصاف", "جبل اللوز", "سهل القمر", "رأس النخيل"];
const PEOPLE: [&str; 5] = ["سالم القرشاني", "ليلى الزهراني", "حامد البيطار", "سعاد المالكي", "نادر الفرطوسي"];
const FACILITIES: [&str; 4] = ["مدرسة", "حديقة عامة", "مستوصف", "مكتبة"];
const MONTHS: [&str; 4] = ["يناير", "أبريل", "يوليو", "أكتوبر"];

/// Article `n`: a short municipal news item, different from every other by its figures.
fn article(n: usize) -> String {
    let town = TOWNS[n % TOWNS.len()];
    let person = PEOPLE[n / TOWNS.len() % PEOPLE.len()];
    let facility = FACILITIES[n % FACILITIES.len()];
    let month = MONTHS[n / 7 % MONTHS.len()];
    format!(
        "أعلنت بلدية {town} افتتاح {facility} جديدة تحمل الرقم {n} بتكلفة بلغت {} ألف دينار.\n\n\
         وقال رئيس البلدية {person} إن المشروع سيخدم نحو {} من السكان، مضيفا أن أعمال التوسعة ستبدأ في {month} المقبل.\n\n\
         وأوضح أن البلدية تلقت {} طلبا من الأهالي خلال العام الماضي.\n",
        120 + n * 3,
        1500 + n * 11,
        40 + n % 97,
    )
}

/// Writes articles `0..count` as text files and returns the content hash of each.
fn write_corpus(dir: &Path, count: usize) -> HashSet<String> {
    std::fs::create_dir_all(dir).unwrap();
    (0..count)
        .map(|n| {
            let text = article(n);
            std::fs::write(dir.join(format!("item{n:05}.txt")), &text).unwrap();
            format!("{:016x}", fnv1a64(text.as_bytes()))
        })
        .collect()
}

fn start_ingest(corpus: &Path, store: &Path, batch_size: usize) -> Child {
    isnad()
        .arg("ingest")
        .arg(corpus)
        .arg("--store")
        .arg(store)
        .args(["--batch-size", &batch_size.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("isnad ingest starts")
}

/// Articles committed so far, once the ingest has created its database.
fn committed(store: &Path) -> Option<usize> {
    if !store.join(isnad_store::DATABASE_FILE).is_file() {
        return None;
    }
    Some(Store::open(store).expect("the store opens while an ingest runs").count().expect("count while an ingest runs"))
}

/// Runs an ingest and calls `act` with each count seen while it runs (and the corpus size), until
/// `act` returns true; returns the corpus, the store, the input hashes and the ingest (maybe still
/// running). When the ingest ends before `act` said so, grows the corpus and starts over.
fn during_ingest(
    name: &str,
    batch_size: usize,
    mut act: impl FnMut(&mut Child, usize, &Path, usize) -> bool,
) -> (PathBuf, PathBuf, HashSet<String>, Child) {
    let dir = scratch(name);
    let mut size = 3000;
    for _ in 0..4 {
        let corpus = dir.join(format!("corpus-{size}"));
        let store = dir.join(format!("store-{size}"));
        let hashes = write_corpus(&corpus, size);
        let mut child = start_ingest(&corpus, &store, batch_size);
        loop {
            if child.try_wait().expect("poll the ingest").is_some() {
                break;
            }
            if let Some(count) = committed(&store) {
                if act(&mut child, count, &store, size) {
                    return (corpus, store, hashes, child);
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        size *= 2;
    }
    panic!("every ingest finished before the test could act on it, even with {size} articles");
}

/// Checks that the store holds exactly the articles with these hashes, once each, and that every
/// record parses and indexes the text stored with it.
fn assert_holds_exactly(store: &Path, hashes: &HashSet<String>) {
    let store = Store::open(store).unwrap();
    assert_eq!(store.count().unwrap(), hashes.len(), "one row per distinct article");
    assert_eq!(&store.content_hashes().unwrap(), hashes, "the stored articles are exactly the inputs");
    let articles = store.articles().expect("every stored record parses");
    let doc_ids: HashSet<&str> = articles.iter().map(|a| a.record.doc_id.as_str()).collect();
    assert_eq!(doc_ids.len(), hashes.len(), "no article is stored twice under two ids");
    for article in &articles {
        assert_eq!(format!("{:016x}", fnv1a64(article.text.as_bytes())), article.record.content_hash);
        assert!(article.text.get(article.record.body.start..article.record.body.end).is_some());
    }
}

#[test]
fn killed_midway_then_rerun_stores_every_article_exactly_once() {
    const BATCH: usize = 40;
    let (corpus, store, hashes, _) = during_ingest("ingest-kill", BATCH, |child, count, _, _| {
        if count == 0 {
            return false;
        }
        child.kill().expect("SIGKILL the ingest");
        child.wait().expect("reap the ingest");
        true
    });
    // Counted after the kill: a batch may have committed between the poll and the signal.
    let killed_at = Store::open(&store).unwrap().count().unwrap();
    assert!(killed_at > 0 && killed_at < hashes.len(), "killed midway: {killed_at} of {}", hashes.len());
    assert_eq!(killed_at % BATCH, 0, "only whole batches were committed: {killed_at}");

    let output = isnad().arg("ingest").arg(&corpus).arg("--store").arg(&store).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let added = hashes.len() - killed_at;
    assert!(
        stderr.contains(&format!("ingested {added} new articles ({killed_at} already stored")),
        "the re-run stores only what the killed run had not committed: {stderr}"
    );
    assert_holds_exactly(&store, &hashes);

    // A third run changes nothing.
    let output = isnad().arg("ingest").arg(&corpus).arg("--store").arg(&store).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("ingested 0 new articles"));
    assert_holds_exactly(&store, &hashes);
    std::fs::remove_dir_all(corpus.parent().unwrap()).ok();
}

#[test]
fn another_process_reads_the_store_while_it_ingests() {
    const BATCH: usize = 25;
    let mut counts_seen: Vec<usize> = Vec::new();
    let (corpus, store, hashes, mut child) = during_ingest("ingest-read", BATCH, |_, count, store, total| {
        let reader = Store::open(store).unwrap();
        let articles = reader.articles().expect("read the records while an ingest runs");
        assert!(articles.len() >= count, "counts only grow");
        assert_eq!(articles.len() % BATCH, 0, "a reader sees whole batches, never part of one");
        counts_seen.push(articles.len());
        // Done once a read has seen some of the articles but not all.
        !articles.is_empty() && articles.len() < total
    });
    assert!(counts_seen.windows(2).all(|pair| pair[0] <= pair[1]), "{counts_seen:?}");
    // The ingest was not disturbed by the reader: it finishes and stores everything once.
    assert!(child.wait().expect("the ingest finishes").success());
    assert_holds_exactly(&store, &hashes);
    std::fs::remove_dir_all(corpus.parent().unwrap()).ok();
}
