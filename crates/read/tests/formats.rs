//! Every input format end to end, on inputs composed here: HTML pages (boilerplate, JSON-LD,
//! legacy encodings with and without a declaration), feeds, web archives (plain, gzipped, cut
//! short), JSON Lines, the format sniffer under wrong file names, directory walks, and arbitrary
//! bytes under each format.

use isnad_read::{sniff, Document, Format, JsonFields, ReadError, ReadOptions, Reader};
use std::io::Write;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_path(path: &Path) -> Vec<Result<Document, ReadError>> {
    Reader::new(ReadOptions::default()).read_arg(path.to_str().unwrap())
}

fn readable(doc: &Document) -> String {
    doc.readable_spans().iter().map(|s| s.slice(&doc.text)).collect::<Vec<_>>().join("\n")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const HEADLINE: &str = "افتتاح سد جديد على نهر الزيتون في مقاطعة الوادي الأخضر";
const PARAGRAPHS: [&str; 3] = [
    "أعلنت وزارة الري في جمهورية سورانيا، صباح الثلاثاء، افتتاح سد جديد على نهر الزيتون بعد أربع سنوات من العمل المتواصل في الموقع.",
    "وقال الوزير سامر النجار في مؤتمر صحافي عقده في مدينة تل الورد إن السد سيخزن 300 مليون متر مكعب من المياه ويروي آلاف الهكتارات من الأراضي الزراعية.",
    "وأضاف أن المشروع وفر أكثر من 1200 فرصة عمل لأبناء المقاطعة، مشيرا إلى أن المرحلة الثانية ستبدأ في الربيع المقبل.",
];

/// A news page with a menu, a sidebar of other stories, a share bar, a footer and scripts around
/// the article, and the publication date only in JSON-LD.
fn news_page(charset_meta: Option<&str>) -> String {
    let meta = charset_meta.map(|c| format!("<meta charset=\"{c}\">")).unwrap_or_default();
    let paragraphs: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>{meta}
<title>{HEADLINE} - صحيفة الوادي</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{HEADLINE}", "datePublished": "2023-04-11T09:15:00+03:00"}}</script>
<script>window.tracker = {{ id: 42 }};</script>
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li><li><a href="/e">اقتصاد</a></li><li><a href="/s">رياضة</a></li></ul></nav></header>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<main><article class="post-content">
<h1>{HEADLINE}</h1>
{paragraphs}</article></main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/1">ارتفاع أسعار الخضار في الأسواق الشعبية</a></li><li><a href="/2">فريق المدينة يفوز بالكأس</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة لصحيفة الوادي 2023</p><a href="/privacy">سياسة الخصوصية</a></footer>
</body></html>"##
    )
}

fn assert_article_page(doc: &Document) {
    let text = readable(doc);
    for paragraph in PARAGRAPHS {
        assert!(text.contains(paragraph), "paragraph lost: {paragraph}\n---\n{}", doc.text);
    }
    for boilerplate in ["الرئيسية", "اقتصاد", "الأكثر قراءة", "ارتفاع أسعار الخضار", "جميع الحقوق", "سياسة الخصوصية", "tracker", "واتساب"] {
        assert!(!text.contains(boilerplate), "boilerplate kept: {boilerplate}\n---\n{}", doc.text);
    }
    assert_eq!(doc.title.map(|t| t.slice(&doc.text)), Some(HEADLINE));
    assert_eq!(text.matches(HEADLINE).count(), 1, "the headline is read once");
    assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2023-04-11"));
    assert!(!doc.text_is_input, "an HTML page's record carries its extracted text");
    assert!(!doc.text.contains('<'), "spans index text, not markup");
}

#[test]
fn an_html_page_loses_its_boilerplate_and_keeps_its_article_and_json_ld_date() {
    let doc = Reader::new(ReadOptions::default()).read_bytes("page", "page", news_page(Some("utf-8")).as_bytes()).unwrap();
    assert_article_page(&doc);
}

#[test]
fn a_windows_1256_page_with_and_without_a_charset_declaration() {
    let dir = scratch("cp1256");
    let (declared_page, undeclared_page) = (news_page(Some("windows-1256")), news_page(None));
    let (declared, _, _) = encoding_rs::WINDOWS_1256.encode(&declared_page);
    let (undeclared, _, _) = encoding_rs::WINDOWS_1256.encode(&undeclared_page);
    std::fs::write(dir.join("declared.html"), &declared).unwrap();
    std::fs::write(dir.join("undeclared.htm"), &undeclared).unwrap();
    let results = read_path(&dir);
    assert_eq!(results.len(), 2);
    for result in &results {
        let doc = result.as_ref().unwrap();
        assert_article_page(doc);
        assert!(doc.warnings.iter().any(|w| w.contains("windows-1256")), "{}: {:?}", doc.doc_id, doc.warnings);
    }
    assert_eq!(results[0].as_ref().unwrap().doc_id, "declared");
    assert!(results[0].as_ref().unwrap().warnings.iter().any(|w| w.contains("declared")));
    assert!(results[1].as_ref().unwrap().warnings.iter().any(|w| w.contains("statistics")));
}

#[test]
fn dates_from_meta_tags_and_time_elements_when_there_is_no_json_ld() {
    let body: String = PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect();
    let with_meta = format!(
        "<html><head><meta property=\"article:published_time\" content=\"2022-12-01T20:00:00Z\"><title>{HEADLINE}</title></head><body><article>{body}</article></body></html>"
    );
    let with_time = format!(
        "<html><head><title>{HEADLINE}</title></head><body><article><time datetime=\"2021-07-19\">19 يوليو</time>{body}</article></body></html>"
    );
    let reader = Reader::new(ReadOptions::default());
    assert_eq!(reader.read_bytes("m", "m", with_meta.as_bytes()).unwrap().published.unwrap().to_string(), "2022-12-01");
    assert_eq!(reader.read_bytes("t", "t", with_time.as_bytes()).unwrap().published.unwrap().to_string(), "2021-07-19");
}

#[test]
fn a_short_page_without_an_article_block_is_read_whole_without_its_menu() {
    let page = "<html><body><nav><a href='/'>الرئيسية</a> <a href='/x'>أخبار</a></nav><div>قال المتحدث إن الاجتماع انتهى.</div></body></html>";
    let doc = Reader::new(ReadOptions::default()).read_bytes("short", "short", page.as_bytes()).unwrap();
    assert_eq!(readable(&doc), "قال المتحدث إن الاجتماع انتهى.");
    let empty = Reader::new(ReadOptions::default()).read_bytes("e", "e", b"<html><body><script>x()</script></body></html>");
    assert!(matches!(empty, Err(ReadError::Malformed { .. })), "{empty:?}");
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>أخبار الوادي</title><link>https://news.example/</link><description>آخر الأخبار</description>
<item>
  <title>افتتاح سد جديد</title>
  <link>https://news.example/2023/04/dam</link>
  <guid isPermaLink="false">dam-1</guid>
  <pubDate>Tue, 11 Apr 2023 06:15:00 GMT</pubDate>
  <description>ملخص قصير</description>
  <content:encoded><![CDATA[<p>أعلنت الوزارة افتتاح السد.</p><div class="ad">إعلان</div><script>ad()</script><p>وقال الوزير إن العمل استمر أربع سنوات.</p>]]></content:encoded>
</item>
<item>
  <title>مباراة الكأس تنتهي بالتعادل</title>
  <description>&lt;p&gt;انتهت المباراة &lt;b&gt;بالتعادل&lt;/b&gt; السلبي.&lt;/p&gt;</description>
  <pubDate>Mon, 10 Apr 2023 18:00:00 GMT</pubDate>
</item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>وكالة الأنباء</title><id>urn:agency</id><updated>2023-04-12T10:00:00Z</updated>
  <entry>
    <title type="html">وصول &lt;em&gt;قافلة&lt;/em&gt; مساعدات</title>
    <link rel="alternate" href="https://agency.example/a/77"/>
    <id>urn:agency:77</id>
    <published>2023-04-12T08:00:00Z</published><updated>2023-04-12T09:00:00Z</updated>
    <content type="html">&lt;p&gt;وصلت قافلة تضم 20 شاحنة إلى المدينة.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>بيان مقتضب</title>
    <id>urn:agency:78</id>
    <updated>2023-04-12T09:30:00Z</updated>
    <summary>أصدرت الوزارة بيانا.</summary>
  </entry>
</feed>"#;

#[test]
fn rss_items_are_articles_with_link_date_and_html_reduced_to_text() {
    let dir = scratch("rss");
    std::fs::write(dir.join("news.rss"), RSS).unwrap();
    let results = read_path(&dir.join("news.rss"));
    assert_eq!(results.len(), 2);
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.doc_id, "https://news.example/2023/04/dam");
    assert_eq!(first.published.unwrap().to_string(), "2023-04-11");
    assert_eq!(first.title.unwrap().slice(&first.text), "افتتاح سد جديد");
    let text = readable(first);
    assert!(text.contains("أعلنت الوزارة افتتاح السد.") && text.contains("وقال الوزير إن العمل استمر أربع سنوات."), "{text}");
    assert!(!text.contains("ad()") && !text.contains("ملخص قصير"), "full content wins over the description: {text}");
    assert!(!first.text_is_input);
    let second = results[1].as_ref().unwrap();
    assert_eq!(second.doc_id, "news#2", "no link: the stem and the item number");
    assert!(readable(second).contains("انتهت المباراة بالتعادل السلبي."));
}

#[test]
fn atom_entries_are_articles_with_link_and_date() {
    let results = Reader::new(ReadOptions::default()).read_all_bytes("agency", "agency.xml", ATOM.as_bytes());
    assert_eq!(results.len(), 2);
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.doc_id, "https://agency.example/a/77");
    assert_eq!(first.title.unwrap().slice(&first.text), "وصول قافلة مساعدات");
    assert!(first.text.ends_with("وصلت قافلة تضم 20 شاحنة إلى المدينة."));
    assert_eq!(first.published.unwrap().to_string(), "2023-04-12");
    let second = results[1].as_ref().unwrap();
    assert_eq!(second.published.unwrap().to_string(), "2023-04-12", "updated stands in for published");
    assert!(second.text.contains("أصدرت الوزارة بيانا."));
}

fn warc_record(kind: &str, uri: &str, http: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-04-12T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Common Crawl style: one gzip member per record, so a cut file loses only its last record.
#[test]
fn a_gzipped_warc_with_a_truncated_last_record_gives_two_articles_and_one_error() {
    let page = news_page(None);
    let (legacy_page, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    let records = [
        warc_record("warcinfo", "", b"software: test\r\n"),
        warc_record("request", "https://paper.example/dam", b"GET /dam HTTP/1.1\r\nHost: paper.example\r\n\r\n"),
        warc_record("response", "https://paper.example/dam", &http_response("text/html; charset=windows-1256", &legacy_page)),
        warc_record("response", "https://paper.example/logo.png", &http_response("image/png", &[0x89, b'P', b'N', b'G', 0, 1, 2])),
        warc_record("response", "https://paper.example/brief.txt", &http_response("text/plain; charset=utf-8", PARAGRAPHS[1].as_bytes())),
        warc_record("response", "https://paper.example/cut", &http_response("text/html", news_page(Some("utf-8")).as_bytes())),
    ];
    let mut archive = Vec::new();
    for record in &records {
        archive.extend(gzip(record));
    }
    archive.truncate(archive.len() - 300);
    let dir = scratch("warc");
    // A wrong name: the content says gzip, then WARC.
    std::fs::write(dir.join("crawl.dat"), &archive).unwrap();
    let results = read_path(&dir.join("crawl.dat"));
    assert_eq!(results.len(), 3, "{:?}", results.iter().map(|r| r.as_ref().map(|d| d.doc_id.clone())).collect::<Vec<_>>());
    let page = results[0].as_ref().unwrap();
    assert_eq!(page.doc_id, "https://paper.example/dam");
    assert_article_page(page);
    assert!(page.warnings.iter().any(|w| w.contains("windows-1256") && w.contains("declared")), "the HTTP charset is used: {:?}", page.warnings);
    let brief = results[1].as_ref().unwrap();
    assert_eq!(brief.doc_id, "https://paper.example/brief.txt");
    assert_eq!(brief.text, PARAGRAPHS[1]);
    let error = results[2].as_ref().unwrap_err().to_string();
    assert!(error.contains("crawl.dat") && (error.contains("truncated") || error.contains("cut off") || error.contains("gzip")), "{error}");
}

#[test]
fn a_plain_warc_cut_inside_a_record_reports_its_offset() {
    let first = warc_record("response", "https://a.example/1", &http_response("text/html", news_page(Some("utf-8")).as_bytes()));
    let second = warc_record("response", "https://a.example/2", &http_response("text/html", b"<p>x</p>"));
    let mut archive = first.clone();
    archive.extend_from_slice(&second[..second.len() / 2]);
    let results = Reader::new(ReadOptions::default()).read_all_bytes("arc", "arc.warc", &archive);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().doc_id, "https://a.example/1");
    let error = results[1].as_ref().unwrap_err().to_string();
    assert!(error.contains(&format!("byte {}", first.len())), "{error}");
}

#[test]
fn json_lines_with_custom_field_names_under_a_wrong_name() {
    let dir = scratch("jsonl");
    let lines = [
        r#"{"ref": "a-1", "head": "خبر أول", "story": "قال المتحدث إن الاجتماع انتهى.", "when": "2020-01-02"}"#,
        r#"{"head": "خبر ثان", "story": "أعلنت البلدية موعد الانتخابات."}"#,
    ];
    std::fs::write(dir.join("dump.txt"), lines.join("\n")).unwrap();
    let fields = JsonFields {
        id: vec!["ref".into()],
        title: vec!["head".into()],
        text: vec!["story".into()],
        date: vec!["when".into()],
        ..JsonFields::default()
    };
    let mut reader = Reader::new(ReadOptions { json_fields: fields, ..ReadOptions::default() });
    let results = reader.read_arg(dir.join("dump.txt").to_str().unwrap());
    let ids: Vec<String> = results.iter().map(|r| r.as_ref().unwrap().doc_id.clone()).collect();
    assert_eq!(ids, ["a-1", "dump#2"]);
    assert_eq!(results[0].as_ref().unwrap().published.unwrap().to_string(), "2020-01-02");
}

/// Each kind is found by its content when saved under a name that says otherwise.
#[test]
fn the_detector_ignores_misleading_file_names() {
    let warc = warc_record("response", "https://a.example/1", &http_response("text/html", news_page(Some("utf-8")).as_bytes()));
    let cases: [(&str, Vec<u8>, Format); 6] = [
        ("page.txt", news_page(Some("utf-8")).into_bytes(), Format::Html),
        ("feed.html", RSS.as_bytes().to_vec(), Format::Feed),
        ("atom.json", ATOM.as_bytes().to_vec(), Format::Feed),
        ("archive.xml", warc.clone(), Format::Warc),
        ("lines.html", b"{\"text\": \"\xd8\xae\xd8\xa8\xd8\xb1\"}\n".to_vec(), Format::JsonLines),
        ("article.rss", PARAGRAPHS[0].as_bytes().to_vec(), Format::Text),
    ];
    let dir = scratch("misnamed");
    for (name, bytes, format) in &cases {
        assert_eq!(sniff(bytes), *format, "{name}");
        assert_eq!(sniff(&gzip(bytes)), Format::Gzip, "{name}");
        std::fs::write(dir.join(name), bytes).unwrap();
        let results = read_path(&dir.join(name));
        assert!(!results.is_empty() && results.iter().all(Result::is_ok), "{name}: {results:?}");
        let doc = results[0].as_ref().unwrap();
        match format {
            Format::Html | Format::Warc => assert_article_page(doc),
            Format::Feed => assert!(doc.doc_id.starts_with("https://"), "{name}: {}", doc.doc_id),
            Format::JsonLines => assert_eq!(doc.text, "خبر"),
            _ => assert_eq!(doc.text, PARAGRAPHS[0]),
        }
        // The same bytes gzipped and named as anything are read the same.
        std::fs::write(dir.join(format!("{name}.bin")), gzip(bytes)).unwrap();
        let zipped = read_path(&dir.join(format!("{name}.bin")));
        assert_eq!(zipped.len(), results.len(), "{name} gzipped");
        assert_eq!(zipped[0].as_ref().unwrap().text, doc.text, "{name} gzipped");
    }
}

#[test]
fn directory_walks_skip_notes_and_code_but_named_files_are_read() {
    let dir = scratch("walk");
    std::fs::write(dir.join("SOURCE.md"), "# Where these articles come from\n\nCollected by hand.").unwrap();
    std::fs::write(dir.join("README"), "notes").unwrap();
    std::fs::write(dir.join("fetch.py"), "print('hi')").unwrap();
    std::fs::write(dir.join("lib.rs"), "fn main() {}").unwrap();
    std::fs::write(dir.join("a.txt"), PARAGRAPHS[0]).unwrap();
    std::fs::write(dir.join("b"), PARAGRAPHS[1]).unwrap();
    std::fs::write(dir.join("c.html"), news_page(Some("utf-8"))).unwrap();
    let ids: Vec<String> = read_path(&dir).into_iter().map(|r| r.unwrap().doc_id).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let named = read_path(&dir.join("SOURCE.md"));
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].as_ref().unwrap().doc_id, "SOURCE");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn check(results: Vec<Result<Document, ReadError>>) {
        for doc in results.iter().flatten() {
            let text = &doc.text;
            let mut spans = vec![doc.body];
            spans.extend(doc.title);
            spans.extend(doc.byline);
            spans.extend(doc.furniture.iter().map(|f| f.span));
            spans.extend(doc.readable_spans());
            for span in spans {
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?} outside the text");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?} splits a character");
            }
        }
        for error in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(!error.to_string().is_empty());
        }
    }

    /// Arbitrary bytes behind each format's opening, and each opening's bytes cut anywhere.
    fn under(prefix: &[u8], bytes: &[u8]) -> Vec<u8> {
        let mut out = prefix.to_vec();
        out.extend_from_slice(bytes);
        out
    }

    const OPENINGS: [&[u8]; 6] = [
        b"WARC/1.0\r\nContent-Length: 40\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
        b"<!DOCTYPE html><html><head><script type=\"application/ld+json\">{\"datePublished\":",
        b"{\"text\": \"",
        b"",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_under_each_format(which in 0..OPENINGS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let input = under(OPENINGS[which], &bytes);
            check(Reader::new(ReadOptions::default()).read_all_bytes("p", "p", &input));
            check(Reader::new(ReadOptions::default()).read_all_bytes("p", "p", &gzip(&input)));
            let _ = Reader::new(ReadOptions::default()).read_bytes("p", "p", &input);
        }

        #[test]
        fn markup_like_text_under_each_format(which in 0..OPENINGS.len(), body in "[<>/a-z=\"' ا-ي0-9{}:,\\[\\]\r\n]{0,200}") {
            let input = under(OPENINGS[which], body.as_bytes());
            check(Reader::new(ReadOptions::default()).read_all_bytes("p", "p", &input));
        }

        #[test]
        fn real_inputs_cut_anywhere(cut in 0usize..4000, which in 0..3usize) {
            let warc = warc_record("response", "https://a.example/1", &http_response("text/html", news_page(Some("utf-8")).as_bytes()));
            let whole: Vec<u8> = match which { 0 => warc, 1 => RSS.as_bytes().to_vec(), _ => news_page(None).into_bytes() };
            let input = &whole[..cut.min(whole.len())];
            check(Reader::new(ReadOptions::default()).read_all_bytes("p", "p", input));
            let zipped = gzip(&whole);
            check(Reader::new(ReadOptions::default()).read_all_bytes("p", "p", &zipped[..cut.min(zipped.len())]));
        }
    }
}
