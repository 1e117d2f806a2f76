//! Search benchmark: the same article text indexed by four engines, the same queries run on each.
//!
//! Engines: `isnad` (this crate's index, Arabic analyser, built through the production path from
//! extracted records; also queried in `--exact` mode as `isnad-exact`), `tantivy-default` (tantivy's
//! default tokenizer: split on non-alphanumerics, lower-case), `tantivy-snowball` (the same plus
//! tantivy's built-in Arabic Snowball stemmer), `fts5` (SQLite FTS5, unicode61, remove_diacritics 2).
//! Every engine indexes the readable text of each article (title and body minus page furniture),
//! which is also written to `corpus.jsonl` so that `bench/search/score.py` can find the expected
//! hits with its own hand-written patterns, independently of any engine.
//!
//! ```sh
//! cargo run --release -p isnad-search --example search_bench -- DATA_DIR QUERIES.tsv OUT_DIR [REPEAT]
//! ```
//! Writes `OUT_DIR/results.json` (per engine: build seconds, size, per query the matching article
//! ordinals and the latencies of a top-10 search) and `OUT_DIR/corpus.jsonl`.

use isnad_extract::{Extractor, Record};
use isnad_read::{Document, ReadOptions, Reader};
use isnad_search::document::readable_pieces;
use isnad_search::{SearchIndex, SearchRequest};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, FAST, INDEXED, STORED, TEXT};
use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

type Results = serde_json::Map<String, serde_json::Value>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: search_bench DATA_DIR QUERIES.tsv OUT_DIR [REPEAT]");
        std::process::exit(2);
    }
    let (data, queries_path, out) = (&args[1], Path::new(&args[2]), PathBuf::from(&args[3]));
    let repeat: usize = args.get(4).and_then(|r| r.parse().ok()).unwrap_or(20);
    std::fs::create_dir_all(&out).expect("output folder");
    let queries = read_queries(queries_path);

    let started = Instant::now();
    let documents: Vec<Document> = Reader::new(ReadOptions::default()).read_arg(data).into_iter().filter_map(Result::ok).collect();
    eprintln!("read {} articles in {:.1} s", documents.len(), started.elapsed().as_secs_f64());
    let started = Instant::now();
    let extractor = Extractor::new();
    let records: Vec<Record> = documents.par_iter().map(|d| extractor.extract(d)).collect();
    eprintln!("extracted in {:.1} s", started.elapsed().as_secs_f64());
    let texts: Vec<String> = records.iter().zip(&documents).map(|(r, d)| readable_pieces(r, &d.text).join("\n")).collect();
    write_corpus(&out.join("corpus.jsonl"), &documents, &texts);

    let mut results = Results::new();
    let mut ordinal_of_hash: HashMap<String, Vec<usize>> = HashMap::new();
    for (ordinal, record) in records.iter().enumerate() {
        ordinal_of_hash.entry(record.content_hash.clone()).or_default().push(ordinal);
    }
    results.insert("isnad".into(), bench_isnad(&out, &records, &documents, &queries, &ordinal_of_hash, repeat, false));
    results.insert("isnad-exact".into(), bench_isnad(&out, &records, &documents, &queries, &ordinal_of_hash, repeat, true));
    results.insert("tantivy-default".into(), bench_tantivy(&out.join("tantivy-default"), &texts, &queries, repeat, false));
    results.insert("tantivy-snowball".into(), bench_tantivy(&out.join("tantivy-snowball"), &texts, &queries, repeat, true));
    results.insert("fts5".into(), bench_fts5(&out.join("fts5.sqlite"), &texts, &queries, repeat));
    let mut top = serde_json::Map::new();
    top.insert("articles".into(), documents.len().into());
    top.insert("text_bytes".into(), texts.iter().map(String::len).sum::<usize>().into());
    top.insert("engines".into(), results.into());
    std::fs::write(out.join("results.json"), serde_json::to_string_pretty(&top).unwrap()).expect("results.json");
    eprintln!("wrote {}", out.join("results.json").display());
}

/// `id<TAB>query<TAB>pattern` lines; `#` starts a comment.
fn read_queries(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("queries file");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

fn write_corpus(path: &Path, documents: &[Document], texts: &[String]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("corpus.jsonl"));
    for (ordinal, (document, text)) in documents.iter().zip(texts).enumerate() {
        let line = serde_json::json!({"ordinal": ordinal, "doc_id": document.doc_id, "text": text});
        writeln!(out, "{line}").unwrap();
    }
}

fn dir_size(path: &Path) -> u64 {
    if path.is_file() {
        return path.metadata().map_or(0, |m| m.len());
    }
    std::fs::read_dir(path).map_or(0, |entries| entries.filter_map(Result::ok).map(|e| dir_size(&e.path())).sum())
}

fn engine_result(build_s: f64, size: u64, per_query: serde_json::Map<String, serde_json::Value>) -> serde_json::Value {
    serde_json::json!({"build_s": build_s, "size_bytes": size, "queries": per_query})
}

/// Times `search` `repeat` times after one warm-up; milliseconds.
fn latencies(repeat: usize, mut search: impl FnMut()) -> Vec<f64> {
    search();
    (0..repeat)
        .map(|_| {
            let started = Instant::now();
            search();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn bench_isnad(
    out: &Path,
    records: &[Record],
    documents: &[Document],
    queries: &[(String, String)],
    ordinal_of_hash: &HashMap<String, Vec<usize>>,
    repeat: usize,
    exact: bool,
) -> serde_json::Value {
    let dir = out.join("isnad");
    let (build_s, size) = if exact {
        (0.0, dir_size(&dir))
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        let started = Instant::now();
        let mut index = SearchIndex::open_or_create(&dir).expect("isnad index");
        for chunk in records.iter().zip(documents).collect::<Vec<_>>().chunks(1024) {
            let batch: Vec<(&Record, &str)> = chunk.iter().map(|(r, d)| (*r, d.text.as_str())).collect();
            index.add_batch(&batch).expect("add");
        }
        index.finish().expect("commit");
        let build_s = started.elapsed().as_secs_f64();
        eprintln!("isnad: built in {build_s:.1} s");
        (build_s, dir_size(&dir))
    };
    let index = SearchIndex::open(&dir).expect("isnad index");
    let mut per_query = serde_json::Map::new();
    for (id, query) in queries {
        let mut request = SearchRequest { exact, limit: 10, ..SearchRequest::new(query.clone()) };
        let times = latencies(repeat, || {
            index.search(&request).expect("search");
        });
        request.limit = records.len();
        let (hits, _) = index.search(&request).expect("search");
        let mut ordinals: Vec<usize> =
            hits.iter().flat_map(|h| ordinal_of_hash.get(&h.content_hash).cloned().unwrap_or_default()).collect();
        ordinals.sort_unstable();
        per_query.insert(id.clone(), serde_json::json!({"hits": ordinals, "latency_ms": times}));
    }
    engine_result(build_s, size, per_query)
}

fn bench_tantivy(dir: &Path, texts: &[String], queries: &[(String, String)], repeat: usize, snowball: bool) -> serde_json::Value {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut builder = Schema::builder();
    let body = if snowball {
        let indexing = tantivy::schema::TextFieldIndexing::default()
            .set_tokenizer("ar_snowball")
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions);
        builder.add_text_field("body", tantivy::schema::TextOptions::default().set_indexing_options(indexing))
    } else {
        builder.add_text_field("body", TEXT)
    };
    let ordinal_field = builder.add_u64_field("ordinal", INDEXED | STORED | FAST);
    let index = Index::create_in_dir(dir, builder.build()).unwrap();
    index.tokenizers().register(
        "ar_snowball",
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(Stemmer::new(Language::Arabic)).build(),
    );
    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut writer = index.writer_with_num_threads(threads, threads * 64 * 1024 * 1024).unwrap();
    for (ordinal, text) in texts.iter().enumerate() {
        let mut document = TantivyDocument::default();
        document.add_text(body, text);
        document.add_u64(ordinal_field, ordinal as u64);
        writer.add_document(document).unwrap();
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    let build_s = started.elapsed().as_secs_f64();
    let name = if snowball { "tantivy-snowball" } else { "tantivy-default" };
    eprintln!("{name}: built in {build_s:.1} s");
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![body]);
    parser.set_conjunction_by_default();
    let mut per_query = serde_json::Map::new();
    for (id, query) in queries {
        let (parsed, _) = parser.parse_query_lenient(query);
        let times = latencies(repeat, || {
            let top = searcher.search(&parsed, &TopDocs::with_limit(10).order_by_score()).unwrap();
            for (_, address) in top {
                let _: TantivyDocument = searcher.doc(address).unwrap();
            }
        });
        let all = searcher.search(&parsed, &DocSetCollector).unwrap();
        let mut ordinals: Vec<usize> = all
            .into_iter()
            .map(|address| {
                let document: TantivyDocument = searcher.doc(address).unwrap();
                document.get_first(ordinal_field).and_then(|v| v.as_u64()).unwrap() as usize
            })
            .collect();
        ordinals.sort_unstable();
        per_query.insert(id.clone(), serde_json::json!({"hits": ordinals, "latency_ms": times}));
    }
    engine_result(build_s, dir_size(dir), per_query)
}

fn bench_fts5(path: &Path, texts: &[String], queries: &[(String, String)], repeat: usize) -> serde_json::Value {
    let _ = std::fs::remove_file(path);
    let mut connection = rusqlite::Connection::open(path).unwrap();
    connection.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;").unwrap();
    connection
        .execute_batch("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');")
        .unwrap();
    let started = Instant::now();
    {
        let tx = connection.transaction().unwrap();
        {
            let mut insert = tx.prepare("INSERT INTO fts(rowid, body) VALUES (?1, ?2)").unwrap();
            for (ordinal, text) in texts.iter().enumerate() {
                insert.execute(rusqlite::params![ordinal as i64, text]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    connection.execute_batch("INSERT INTO fts(fts) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let build_s = started.elapsed().as_secs_f64();
    eprintln!("fts5: built in {build_s:.1} s");
    let mut per_query = serde_json::Map::new();
    for (id, query) in queries {
        let mut top = connection.prepare("SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10").unwrap();
        let times = latencies(repeat, || {
            let rows: Vec<i64> = top.query_map([query], |row| row.get(0)).map(|r| r.filter_map(Result::ok).collect()).unwrap_or_default();
            std::hint::black_box(rows);
        });
        let mut all = connection.prepare("SELECT rowid FROM fts WHERE fts MATCH ?1").unwrap();
        let mut ordinals: Vec<usize> =
            all.query_map([query], |row| row.get::<_, i64>(0)).map(|r| r.filter_map(Result::ok).map(|v| v as usize).collect()).unwrap_or_default();
        ordinals.sort_unstable();
        per_query.insert(id.clone(), serde_json::json!({"hits": ordinals, "latency_ms": times}));
    }
    let size = dir_size(path);
    engine_result(build_s, size, per_query)
}
