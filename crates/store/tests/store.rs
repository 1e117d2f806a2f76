//! The store's promises seen from outside: idempotence, signatures kept beside records, upgrades of
//! stores written by the first layout, and readers that see only committed batches.

use isnad_extract::Record;
use isnad_store::{EncodedArticle, Store, SCHEMA_VERSION};
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn record(doc_id: &str, hash: &str) -> Record {
    Record { content_hash: hash.into(), ..Record::empty(doc_id, 4) }
}

fn encoded(doc_id: &str, hash: &str, signature: Option<Vec<u8>>) -> EncodedArticle {
    EncodedArticle::new(&record(doc_id, hash), format!("نص {doc_id}"), signature).unwrap()
}

#[test]
fn signatures_come_back_with_their_articles_in_ingest_order() {
    let dir = scratch("signatures");
    let mut store = Store::open(&dir).unwrap();
    let outcome = store
        .put_encoded(&[encoded("b", "0b", Some(vec![1, 2, 3])), encoded("a", "0a", None), encoded("b", "0b", Some(vec![9]))])
        .unwrap();
    assert_eq!((outcome.added, outcome.unchanged), (2, 1), "the second copy of 0b is not stored again");
    let stored = store.articles_with_signatures().unwrap();
    let summary: Vec<(&str, Option<&[u8]>)> =
        stored.iter().map(|(a, s)| (a.record.doc_id.as_str(), s.as_deref())).collect();
    assert_eq!(summary, vec![("b", Some(&[1u8, 2, 3][..])), ("a", None)]);
    assert_eq!(stored[1].0.text, "نص a");

    store.set_signatures(&[("0a".to_string(), vec![7, 7])]).unwrap();
    let stored = store.articles_with_signatures().unwrap();
    assert_eq!(stored[1].1.as_deref(), Some(&[7u8, 7][..]));
    assert_eq!(store.content_hashes().unwrap(), ["0a".to_string(), "0b".to_string()].into_iter().collect());
    assert!(store.size_on_disk() > 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_store_of_the_first_layout_is_upgraded_in_place() {
    let dir = scratch("upgrade");
    std::fs::create_dir_all(&dir).unwrap();
    {
        let old = rusqlite::Connection::open(dir.join(isnad_store::DATABASE_FILE)).unwrap();
        old.execute_batch(
            "CREATE TABLE articles (content_hash TEXT PRIMARY KEY, doc_id TEXT NOT NULL, origin TEXT NOT NULL,
                 text TEXT NOT NULL, record TEXT NOT NULL, ingested_at INTEGER NOT NULL DEFAULT 0);",
        )
        .unwrap();
        let json = serde_json::to_string(&record("old", "01")).unwrap();
        old.execute("INSERT INTO articles (content_hash, doc_id, origin, text, record) VALUES ('01', 'old', 'x', 'نص', ?1)", [json])
            .unwrap();
    }
    let mut store = Store::open(&dir).unwrap();
    assert_eq!(store.count().unwrap(), 1);
    store.put_encoded(&[encoded("new", "02", Some(vec![5]))]).unwrap();
    let stored = store.articles_with_signatures().unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].1, None, "rows stored before the upgrade have no signature");
    assert_eq!(stored[1].1.as_deref(), Some(&[5u8][..]));
    drop(store);
    let version: i64 = rusqlite::Connection::open(dir.join(isnad_store::DATABASE_FILE))
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_sees_committed_batches_while_a_writer_holds_its_transaction() {
    let dir = scratch("reader");
    let mut writer = Store::open(&dir).unwrap();
    writer.put_encoded(&[encoded("a", "0a", None)]).unwrap();
    // A second connection writes a batch but has not committed yet.
    let pending = rusqlite::Connection::open(dir.join(isnad_store::DATABASE_FILE)).unwrap();
    pending.execute_batch("BEGIN IMMEDIATE; INSERT INTO articles (content_hash, doc_id, origin, text, record) VALUES ('0z', 'z', 'x', 'y', '{}');").unwrap();
    let reader = Store::open(&dir).unwrap();
    assert_eq!(reader.count().unwrap(), 1, "the uncommitted row is invisible");
    assert_eq!(reader.articles().unwrap().len(), 1);
    pending.execute_batch("ROLLBACK;").unwrap();
    drop(writer);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_record_that_no_longer_parses_is_named_in_the_error() {
    let dir = scratch("corrupt");
    let store = Store::open(&dir).unwrap();
    drop(store);
    let raw = rusqlite::Connection::open(dir.join(isnad_store::DATABASE_FILE)).unwrap();
    raw.execute("INSERT INTO articles (content_hash, doc_id, origin, text, record) VALUES ('01', 'broken', 'x', 'y', 'not json')", [])
        .unwrap();
    let store = Store::open(&dir).unwrap();
    let message = store.articles().unwrap_err().to_string();
    assert!(message.contains("broken") && message.contains("re-ingest"), "{message}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_record_carrying_its_text_stores_it_once_and_reads_back_whole() {
    let dir = scratch("elided");
    let mut store = Store::open(&dir).unwrap();
    let text = "نص مقال من ملف أخبار".to_string();
    let carrying = Record { text: Some(text.clone()), ..record("carrying", "0c") };
    let plain = record("plain", "0d");
    let encoded = EncodedArticle::from_record(carrying.clone(), text.clone(), None).unwrap();
    assert!(encoded.record_text_elided && !encoded.record_json.contains(&text), "the text is not in the JSON");
    let other = EncodedArticle::from_record(plain.clone(), "نص آخر".into(), None).unwrap();
    assert!(!other.record_text_elided);
    store.put_encoded(&[encoded, other]).unwrap();
    let articles = store.articles().unwrap();
    assert_eq!(articles[0].record, carrying);
    assert_eq!(articles[0].text, text);
    assert_eq!(articles[1].record, plain, "a record without text gets none back");
    std::fs::remove_dir_all(&dir).ok();
}
