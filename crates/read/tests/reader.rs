//! The reader end to end on inputs built here: files, directories, containers, encodings, limits,
//! and a composed news page whose furniture must go while its article stays whole.

use isnad_read::{Document, JsonFields, ReadError, ReadOptions, Reader};
use std::io::Write;
use std::path::PathBuf;

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isnad-read-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_all(reader: &mut Reader, arg: &std::path::Path) -> Vec<Result<Document, ReadError>> {
    reader.read_arg(arg.to_str().unwrap())
}

fn readable(doc: &Document) -> String {
    doc.readable_spans().iter().map(|s| s.slice(&doc.text)).collect::<Vec<_>>().join("\n")
}

const ARTICLE: &str = "قال المتحدث باسم بلدية وادي الريم إن الجسر الجديد سيفتح أمام السيارات الشهر المقبل.";

#[test]
fn two_files_with_one_stem_get_distinct_ids() {
    let dir = scratch("same-stem");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(dir.join("a/story.txt"), ARTICLE).unwrap();
    std::fs::write(dir.join("b/story.txt"), ARTICLE).unwrap();
    let mut reader = Reader::new(ReadOptions::default());
    let ids: Vec<String> = read_all(&mut reader, &dir).into_iter().map(|r| r.unwrap().doc_id).collect();
    assert_eq!(ids, vec!["story".to_string(), "b/story.txt".to_string()]);
}

#[test]
fn json_lines_in_gzip_with_custom_field_names() {
    let dir = scratch("jsonl-gz");
    let lines = [
        r#"{"key": "n-1", "headline": "افتتاح جسر في وادي الريم", "story": "قال المتحدث إن الجسر افتتح.", "day": "2019-03-07"}"#,
        "",
        r#"{"headline": "خبر بلا معرف", "story": "أعلنت البلدية عن مناقصة جديدة."}"#,
        r#"{"headline": "لا نص هنا"}"#,
        r#"not json"#,
    ];
    let path = dir.join("feed.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::default());
    gz.write_all(lines.join("\n").as_bytes()).unwrap();
    gz.finish().unwrap();
    let fields = JsonFields {
        id: vec!["key".into()],
        title: vec!["headline".into()],
        text: vec!["story".into()],
        date: vec!["day".into()],
        ..JsonFields::default()
    };
    let mut reader = Reader::new(ReadOptions { json_fields: fields, ..ReadOptions::default() });
    let results = read_all(&mut reader, &path);
    assert_eq!(results.len(), 4, "two articles and two bad lines, the blank line skipped");
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.doc_id, "n-1");
    assert_eq!(first.title.unwrap().slice(&first.text), "افتتاح جسر في وادي الريم");
    assert_eq!(first.published.unwrap().to_string(), "2019-03-07");
    assert!(!first.text_is_input, "a container's article carries its text");
    assert!(readable(first).contains("قال المتحدث إن الجسر افتتح."));
    let second = results[1].as_ref().unwrap();
    assert_eq!(second.doc_id, "feed#2", "no id or url: the stem and the item number");
    assert!(matches!(&results[2], Err(ReadError::Malformed { message, .. }) if message.contains("no text field")));
    assert!(matches!(&results[3], Err(ReadError::Malformed { message, .. }) if message.contains("not valid JSON")));
}

#[test]
fn too_large_inputs_are_refused_and_the_batch_goes_on() {
    let dir = scratch("too-large");
    std::fs::write(dir.join("a-big.txt"), ARTICLE.repeat(50)).unwrap();
    std::fs::write(dir.join("b-small.txt"), ARTICLE).unwrap();
    let mut reader = Reader::new(ReadOptions { max_article_bytes: 1000, ..ReadOptions::default() });
    let results = read_all(&mut reader, &dir);
    assert_eq!(results.len(), 2);
    let message = results[0].as_ref().unwrap_err().to_string();
    assert!(message.contains("a-big.txt") && message.contains("limit"), "{message}");
    assert_eq!(results[1].as_ref().unwrap().doc_id, "b-small");

    // One over-long JSON line is refused; its neighbours are read.
    let long_line = format!("{{\"text\": \"{}\"}}", "ب".repeat(2000));
    std::fs::write(dir.join("items.jsonl"), format!("{{\"text\": \"أ\"}}\n{long_line}\n{{\"text\": \"ج\"}}\n")).unwrap();
    let results = reader.read_arg(dir.join("items.jsonl").to_str().unwrap());
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[2].is_ok());
    assert!(matches!(results[1], Err(ReadError::TooLarge { .. })));
}

#[test]
fn encodings_through_the_whole_reader() {
    let dir = scratch("encodings");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    std::fs::write(dir.join("legacy.txt"), &cp1256).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in ARTICLE.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.join("wide.txt"), &utf16).unwrap();
    let mut broken = ARTICLE.as_bytes().to_vec();
    broken.extend_from_slice(b"\n\xff\xfe\xfd end");
    std::fs::write(dir.join("broken.txt"), &broken).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("image"), [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0, 0, 0]).unwrap();
    let mut reader = Reader::new(ReadOptions::default());
    let results = read_all(&mut reader, &dir);
    let by_origin = |name: &str| results.iter().find(|r| match r {
        Ok(d) => d.origin.ends_with(name),
        Err(e) => e.to_string().contains(name),
    });
    let broken = by_origin("broken.txt").unwrap().as_ref().unwrap();
    assert!(broken.warnings.iter().any(|w| w.starts_with("3 invalid UTF-8 sequences")), "{:?}", broken.warnings);
    assert!(!broken.text_is_input);
    assert!(matches!(by_origin("empty.txt"), Some(Err(ReadError::Empty { .. }))));
    assert!(matches!(by_origin("image"), Some(Err(ReadError::Binary { .. }))));
    for name in ["legacy.txt", "wide.txt"] {
        let doc = by_origin(name).unwrap().as_ref().unwrap();
        assert_eq!(doc.text, ARTICLE, "{name}");
        assert!(!doc.text_is_input);
        assert!(!doc.warnings.is_empty(), "the decoding is reported for {name}");
    }
}

/// A page as a crawler leaves it: headline, byline, date line, share bar, a caption, the article
/// (with a subheading), a repeated headline, then print/comment widgets, a captcha, a tag list, a
/// copyright line and an encoded token. Every article sentence must stay readable.
#[test]
fn furniture_on_a_composed_page_goes_and_the_article_stays() {
    let sentences = [
        "أعلنت وزارة النقل في جمهورية سورانيا، اليوم الأحد، افتتاح الطريق السريع الذي يربط مدينة تل الزيتون بميناء رأس النخيل.",
        "وقال الوزير كمال الدرويش في مؤتمر صحافي إن المشروع كلف 120 مليون دولار واستغرق ثلاث سنوات.",
        "مراحل التنفيذ",
        "وأضاف أن الطريق سيخفض زمن الرحلة إلى النصف، مشيرا إلى أن 40 شركة محلية شاركت في الأعمال.",
    ];
    let headline = "سورانيا تفتتح طريقا سريعا إلى ميناء رأس النخيل";
    let page = format!(
        "{headline}\n\nإعداد - سلمى الحداد\n\n2019.03.10 - 09:30\nFacebook Twitter WhatsApp\nطباعة\n\nصورة أرشيفية\n\n{}\n\n{}\n\n{}\n{}\n\n{headline}\n\nشارك طباعة\nأضف تعليقك\n* اكتب ناتج 4 + 7\nالكلمات الدالة\n© 2019 جميع الحقوق محفوظة\nQmFzZTY0SnVua1Rva2VuMTIzNDU2Nzg5MA==\n",
        sentences[0], sentences[1], sentences[2], sentences[3]
    );
    let doc = Reader::new(ReadOptions::default()).read_bytes("page", "page", page.as_bytes()).unwrap();
    let text = readable(&doc);
    for sentence in sentences {
        assert!(text.contains(sentence), "article sentence lost: {sentence}");
        let at = doc.text.find(sentence).unwrap();
        assert!(doc.body.start <= at && at + sentence.len() <= doc.body.end);
    }
    assert_eq!(doc.title.unwrap().slice(&doc.text), headline);
    assert_eq!(doc.byline.unwrap().slice(&doc.text), "إعداد - سلمى الحداد");
    assert_eq!(doc.published.unwrap().to_string(), "2019-03-10");
    assert!(text.contains("2019.03.10"), "the date line stays readable");
    let reasons: Vec<(&str, &str)> = doc.furniture.iter().map(|f| (f.span.slice(&doc.text), f.reason.as_str())).collect();
    for (piece, reason) in [
        ("Facebook Twitter WhatsApp", "share widget"),
        ("طباعة", "share widget"),
        ("صورة أرشيفية", "caption"),
        ("شارك طباعة", "share widget"),
        ("أضف تعليقك", "comment widget"),
        ("* اكتب ناتج 4 + 7", "captcha"),
        ("الكلمات الدالة", "tag list"),
        ("© 2019 جميع الحقوق محفوظة", "copyright"),
        ("QmFzZTY0SnVua1Rva2VuMTIzNDU2Nzg5MA==", "junk token"),
        (headline, "repeated title"),
    ] {
        assert!(reasons.contains(&(piece, reason)), "{piece} as {reason}: {reasons:?}");
        assert!(!text.contains(piece) || piece == headline || piece == "طباعة", "{piece} is still readable");
    }
    assert_eq!(text.matches(headline).count(), 1, "the headline is read once");
    for f in &doc.furniture {
        assert!(doc.text.is_char_boundary(f.span.start) && doc.text.is_char_boundary(f.span.end));
    }
}

#[test]
fn a_flattened_page_keeps_its_article_and_loses_its_glued_footer() {
    let page = "Search this site : مقتل 3 في حادث سير على طريق المطار - موقع الأخبار الأحد , 10 مارس 2019 مقتل 3 في حادث سير على طريق المطار قال مسؤول في الدفاع المدني إن ثلاثة أشخاص قتلوا في حادث سير .\nوأضاف أن فرق الإسعاف نقلت المصابين إلى المستشفى . لا توجد تعليقات على الخبر 2019 حقوق النشر محفوظة لموقع الأخبار\n";
    let doc = Reader::new(ReadOptions::default()).read_bytes("flat", "flat", page.as_bytes()).unwrap();
    let text = readable(&doc);
    assert!(text.starts_with("مقتل 3 في حادث سير"), "{text}");
    assert!(text.contains("قال مسؤول في الدفاع المدني إن ثلاثة أشخاص قتلوا في حادث سير ."));
    assert!(text.ends_with("وأضاف أن فرق الإسعاف نقلت المصابين إلى المستشفى ."), "{text} {:?}", doc.furniture);
    assert!(!text.contains("Search") && !text.contains("تعليقات") && !text.contains("حقوق"));
    assert_eq!(doc.title.unwrap().slice(&doc.text), "مقتل 3 في حادث سير على طريق المطار");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn check(doc: &Document) {
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

    proptest! {
        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(doc) = Reader::new(ReadOptions::default()).read_bytes("p", "p", &bytes) {
                check(&doc);
            }
        }

        #[test]
        fn arbitrary_page_like_text(lines in proptest::collection::vec("[ا-ي0-9a-zA-Z+=©|:.،\\- ]{0,60}", 0..12)) {
            let text = lines.join("\n");
            if let Ok(doc) = Reader::new(ReadOptions::default()).read_bytes("p", "p", text.as_bytes()) {
                check(&doc);
                prop_assert!(doc.text_is_input);
            }
        }
    }
}
