//! Search over a real store: composed articles (invented people and places) are extracted, stored,
//! indexed and searched; the Arabic analyser, the filters, highlighting and idempotent re-indexing
//! are checked through the public API.

use isnad_extract::{Entity, EntityType, Event, Extractor, Record, TextSpan};
use isnad_read::{ReadOptions, Reader};
use isnad_search::{index_store, IndexOutcome, SearchRequest, Searcher};
use isnad_store::Store;
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-search-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Composed articles: (name, text). Invented places: زهرانة، نوردان، إسترام.
const ARTICLES: [(&str, &str); 5] = [
    ("talks", "استئناف المحادثات في زهرانة\n\nقال المتحدث باسم الحكومة إن مفاوضات جديدة ستبدأ الأسبوع المقبل في زهرانة بين الطرفين."),
    ("fighters", "مقاتلو طالبان في نوردان\n\nأعلنت الشرطة أن مسلحين تابعين لطالبان هاجموا نقطة تفتيش في نوردان."),
    ("variants", "مستشفى إسترام\n\nوصل الجرحى إلى مُسْتَشْفَى إسترام الكبير مساءً، وأكد مدير المستشفى أن الحالة مستقرة."),
    ("other", "أسعار القمح\n\nارتفعت أسعار القمح في الأسواق خلال الشهر الماضي بسبب الجفاف."),
    // طالب (a student) shares the Light10 stem of طالبان: a known name must not find it.
    ("student", "جائزة المسابقة\n\nحصل طالب متفوق على جائزة المسابقة الوطنية."),
];

/// Reads, extracts and stores the composed articles; returns the store directory.
fn store_with_articles(name: &str) -> PathBuf {
    let dir = scratch(name);
    let reader = Reader::new(ReadOptions::default());
    let extractor = Extractor::new();
    let mut documents = Vec::new();
    for (doc_name, text) in ARTICLES {
        documents.push(reader.read_bytes(doc_name, &format!("{doc_name}.txt"), text.as_bytes()).unwrap());
    }
    let records: Vec<Record> = documents.iter().map(|d| extractor.extract(d)).collect();
    let mut store = Store::open(&dir).unwrap();
    store.put_batch(records.iter().zip(&documents).map(|(r, d)| (r, d.text.as_str()))).unwrap();
    dir
}

fn doc_ids(searcher: &Searcher, request: &SearchRequest) -> Vec<String> {
    let mut ids: Vec<String> = searcher.search(request).unwrap().hits.into_iter().map(|h| h.doc_id).collect();
    ids.sort();
    ids
}

fn query(q: &str) -> SearchRequest {
    SearchRequest::new(q)
}

#[test]
fn arabic_forms_find_each_other() {
    let dir = store_with_articles("forms");
    index_store(&dir).unwrap();
    let searcher = Searcher::open(&dir).unwrap();
    // The article with the definite article finds the bare form and back.
    assert_eq!(doc_ids(&searcher, &query("المفاوضات")), vec!["talks"]);
    assert_eq!(doc_ids(&searcher, &query("والمفاوضات")), vec!["talks"]);
    // A proclitic preposition on a name.
    assert_eq!(doc_ids(&searcher, &query("لطالبان")), vec!["fighters"]);
    assert_eq!(doc_ids(&searcher, &query("طالبان")), vec!["fighters"]);
    // An ordinary word is still stemmed: الطالب finds the student.
    assert!(doc_ids(&searcher, &query("الطالب")).contains(&"student".to_string()));
    // Hamza, teh marbuta, alef maqsura and diacritics fold.
    assert_eq!(doc_ids(&searcher, &query("استرام")), vec!["variants"]);
    assert_eq!(doc_ids(&searcher, &query("زهرانه")), vec!["talks"]);
    assert_eq!(doc_ids(&searcher, &query("مستشفي")), vec!["variants"]);
    // Every word is required.
    assert_eq!(doc_ids(&searcher, &query("مفاوضات نوردان")), Vec::<String>::new());
    assert_eq!(doc_ids(&searcher, &query("\"أسعار القمح\"")), vec!["other"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn highlights_are_the_exact_original_bytes() {
    let dir = store_with_articles("highlights");
    index_store(&dir).unwrap();
    let searcher = Searcher::open(&dir).unwrap();
    let results = searcher.search(&query("مستشفى")).unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    let (_, text) = ARTICLES[2];
    assert_eq!(&text[hit.sentence.start..hit.sentence.end], hit.sentence_text);
    let words: Vec<&str> = hit.highlights.iter().map(|s| &text[s.start..s.end]).collect();
    // The sentence holding the word twice (with diacritics once) beats the title holding it once.
    assert_eq!(words, vec!["مُسْتَشْفَى", "المستشفى"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn indexing_twice_adds_nothing_and_new_articles_are_picked_up() {
    let dir = store_with_articles("idempotent");
    assert_eq!(index_store(&dir).unwrap(), IndexOutcome { added: 5, already: 0 });
    assert_eq!(index_store(&dir).unwrap(), IndexOutcome { added: 0, already: 5 });
    let searcher = Searcher::open(&dir).unwrap();
    assert_eq!(searcher.search(&query("طالبان")).unwrap().total, 1);
    drop(searcher);
    let mut store = Store::open(&dir).unwrap();
    let extra_text = "هجوم جديد لطالبان";
    let extra = Record { content_hash: "extra".into(), ..Record::empty("extra", extra_text.len()) };
    store.put_batch([(&extra, extra_text)]).unwrap();
    assert_eq!(index_store(&dir).unwrap(), IndexOutcome { added: 1, already: 5 });
    let searcher = Searcher::open(&dir).unwrap();
    assert_eq!(doc_ids(&searcher, &query("طالبان")), vec!["extra", "fighters"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Hand-made records, so the filter fields hold known values.
fn filtered_store(name: &str) -> PathBuf {
    let dir = scratch(name);
    let text_a = "انفجار في سوق نوردان أمس";
    let text_b = "انفجار في ميناء زهرانة";
    let place = text_a.find("نوردان").unwrap();
    let mut a = Record { content_hash: "a".into(), ..Record::empty("http://www.alufuq.example/news/1", text_a.len()) };
    a.published = Some("2027-03-15".into());
    a.entities = vec![Entity {
        id: "e1".into(),
        entity_type: EntityType::LOC,
        name: "نوردان".into(),
        mentions: vec![TextSpan { start: place, end: place + "نوردان".len(), text: "نوردان".into() }],
        gazetteer_id: None,
    }];
    a.events = vec![Event {
        event_type: "ASSAULT".into(),
        mode: Some("bombing".into()),
        trigger: TextSpan { start: 0, end: "انفجار".len(), text: "انفجار".into() },
        actor: None,
        target: None,
        place: None,
        date: None,
        killed: None,
        wounded: None,
        negated: false,
        attribution: None,
    }];
    let mut b = Record { content_hash: "b".into(), ..Record::empty("http://news.example.org/2", text_b.len()) };
    b.published = Some("2027-05-02".into());
    let mut store = Store::open(&dir).unwrap();
    store.put_batch([(&a, text_a), (&b, text_b)]).unwrap();
    index_store(&dir).unwrap();
    dir
}

#[test]
fn filters_narrow_the_hits() {
    let dir = filtered_store("filters");
    let searcher = Searcher::open(&dir).unwrap();
    let both = vec!["http://news.example.org/2".to_string(), "http://www.alufuq.example/news/1".to_string()];
    let only_a = vec!["http://www.alufuq.example/news/1".to_string()];
    let only_b = vec!["http://news.example.org/2".to_string()];
    assert_eq!(doc_ids(&searcher, &query("انفجار")), both);
    let with = |f: &dyn Fn(&mut SearchRequest)| {
        let mut request = query("انفجار");
        f(&mut request);
        doc_ids(&searcher, &request)
    };
    assert_eq!(with(&|r| r.entity = Some("لنوردان".into())), only_a);
    assert_eq!(with(&|r| r.event_type = Some("assault".into())), only_a);
    assert_eq!(with(&|r| r.event_type = Some("ASSAULT/bombing".into())), only_a);
    assert_eq!(with(&|r| r.event_type = Some("PROTEST".into())), Vec::<String>::new());
    assert_eq!(with(&|r| r.outlet = Some("alufuq".into())), only_a);
    assert_eq!(with(&|r| r.outlet = Some("news.example.org".into())), only_b);
    assert_eq!(with(&|r| r.since = Some("2027-04-01".into())), only_b);
    assert_eq!(with(&|r| r.until = Some("2027-03".into())), only_a);
    assert_eq!(with(&|r| r.until = Some("2027-03-15".into())), only_a);
    assert_eq!(with(&|r| r.until = Some("2027-03-14".into())), Vec::<String>::new());
    // Filters alone, with no words.
    assert_eq!(doc_ids(&searcher, &SearchRequest { event_type: Some("ASSAULT".into()), ..query("") }), only_a);
    let bad = searcher.search(&SearchRequest { since: Some("yesterday".into()), ..query("انفجار") });
    assert!(bad.unwrap_err().to_string().contains("YYYY-MM-DD"));
    // The type filter shows the trigger when no word is searched.
    let hit = &searcher.search(&SearchRequest { event_type: Some("ASSAULT".into()), ..query("") }).unwrap().hits[0];
    assert_eq!(hit.highlights.len(), 1);
    assert_eq!(hit.outlet.as_deref(), Some("www.alufuq.example"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_store_and_index_say_what_to_run() {
    let dir = scratch("missing");
    let err = Searcher::open(&dir).err().unwrap().to_string();
    assert!(err.contains("isnad ingest"), "{err}");
    Store::open(&dir).unwrap();
    let err = Searcher::open(&dir).err().unwrap().to_string();
    assert!(err.contains("isnad index"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn odd_queries_do_not_fail() {
    let dir = store_with_articles("odd");
    index_store(&dir).unwrap();
    let searcher = Searcher::open(&dir).unwrap();
    for q in ["\"", "text:", "((", "-", "في", "ـــ", "\u{0651}", "AND OR", "*", "مفاوضات~2", "a:b:c"] {
        let _ = searcher.search(&query(q)).unwrap();
    }
    std::fs::remove_dir_all(&dir).ok();
}
