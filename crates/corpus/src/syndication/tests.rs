//! Copies the index must find and pairs it must leave apart, on articles composed for the purpose
//! (invented town, people and events).

use super::exact::exact_groups;
use super::*;
use isnad_extract::record::FurnitureSpan;
use isnad_extract::Record;

const FLOOD: [&str; 4] = [
    "أعلنت السلطات المحلية في مدينة وادي السدر صباح الثلاثاء أن السيول التي اجتاحت المدينة خلال الليل أدت إلى انهيار جسرين رئيسيين وانقطاع الكهرباء عن أحياء واسعة. وقال رئيس البلدية سالم القرشاني إن فرق الإنقاذ تمكنت من إجلاء أكثر من ثلاثمئة عائلة من المناطق المنخفضة القريبة من مجرى الوادي.",
    "وأضاف القرشاني في مؤتمر صحفي عقده في مقر البلدية أن الأمطار الغزيرة استمرت نحو ست ساعات متواصلة، وهي الأشد منذ عشرين عاما بحسب سجلات محطة الرصد الجوي في المنطقة. وأشار إلى أن المدارس ستبقى مغلقة حتى نهاية الأسبوع ريثما تنتهي أعمال الصيانة. ودعا السكان إلى تجنب الاقتراب من مجاري السيول وعدم عبور الطرق المغمورة بالمياه.",
    "من جهتها، أوضحت مديرة مستشفى الرحمة العام ليلى الزهراني أن المستشفى استقبل اثنتي عشرة حالة إصابة طفيفة، غادر معظمها بعد تلقي العلاج. وأكدت أن الطواقم الطبية في حالة استنفار تحسبا لأي طارئ. وفي السياق ذاته، أعلنت شركة الكهرباء أنها أعادت التيار إلى نصف الأحياء المتضررة، وتتوقع إعادته بالكامل خلال يومين.",
    "ويشهد الإقليم منذ مطلع الشهر موجة من الأمطار غير المعتادة في هذا الوقت من العام، وحذرت هيئة الأرصاد من استمرارها حتى منتصف الأسبوع المقبل مع احتمال تشكل سيول جديدة في الأودية الشمالية. كما طالب عدد من أعضاء المجلس البلدي بإعداد خطة عاجلة لتحسين شبكات تصريف المياه في الأحياء القديمة.",
];

/// Same outlet, same town, same stock phrases (من جهتها، أوضحت · وأضاف · وأشار إلى أن), other story.
const BOOK_FAIR: [&str; 3] = [
    "افتتح محافظ مدينة وادي السدر مساء الأربعاء معرض الكتاب السنوي في دورته الخامسة بمشاركة أكثر من مئتي دار نشر من داخل البلاد وخارجها. وقال مدير المعرض حامد البيطار إن الدورة الحالية تضم جناحا خاصا لكتب الأطفال وآخر للمخطوطات النادرة.",
    "وأضاف البيطار أن إدارة المعرض خصصت برنامجا ثقافيا يتضمن ندوات وأمسيات شعرية يومية يشارك فيها كتاب ونقاد من عدة دول عربية. وأشار إلى أن أسعار الكتب ستخفض بنسبة عشرين في المئة خلال الأيام الثلاثة الأولى تشجيعا للقراءة.",
    "من جهتها، أوضحت رئيسة جمعية الناشرين سعاد المالكي أن الإقبال في اليوم الأول فاق التوقعات، وأن عدد الزوار تجاوز خمسة آلاف زائر. ويستمر المعرض عشرة أيام، ويفتح أبوابه يوميا من العاشرة صباحا حتى العاشرة مساء.",
];

const FURNITURE_LINES: [&str; 3] =
    ["شارك هذا الخبر على مواقع التواصل", "اقرأ أيضا: افتتاح سوق الخضار الجديد في الحي الغربي", "جميع الحقوق محفوظة لصحيفة أخبار الوادي 2024"];

fn join(paragraphs: &[&str]) -> String {
    paragraphs.join("\n\n")
}

fn record(doc_id: &str, text: &str, furniture: &[(usize, usize)]) -> Record {
    Record {
        furniture: furniture.iter().map(|&(start, end)| FurnitureSpan { start, end, reason: "test".into() }).collect(),
        ..Record::empty(doc_id, text.len())
    }
}

/// Clusters of the given texts (doc ids `d0`, `d1`, ...), as lists of positions.
fn groups_of(texts: &[String]) -> Vec<Vec<usize>> {
    let records: Vec<Record> = texts.iter().enumerate().map(|(i, t)| record(&format!("d{i}"), t, &[])).collect();
    let articles: Vec<Article> = records.iter().zip(texts).map(|(record, text)| Article { record, text }).collect();
    clusters(&articles, DEFAULT_JACCARD)
        .iter()
        .map(|cluster| cluster.docs.iter().map(|d| d[1..].parse().unwrap()).collect())
        .collect()
}

/// The edited copy must join the original, and the unrelated article must stay alone.
fn check_copy(copy: String) {
    let texts = [join(&FLOOD), join(&BOOK_FAIR), copy];
    assert_eq!(groups_of(&texts), vec![vec![0, 2]], "copy: {}", texts[2]);
    let plain: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_eq!(exact_groups(&plain, &NearDupConfig::default()), vec![vec![0, 2]], "the exact reference agrees");
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn exact_copy_clusters() {
    check_copy(join(&FLOOD));
}

#[test]
fn copy_with_unmarked_furniture_lines_clusters() {
    let mut lines = vec![FURNITURE_LINES[0], FURNITURE_LINES[1]];
    lines.extend(FLOOD);
    lines.push(FURNITURE_LINES[2]);
    check_copy(lines.join("\n"));
}

#[test]
fn furniture_the_reader_marked_is_not_compared() {
    let original = join(&FLOOD);
    let mut with_furniture = format!("{}\n{}\n", FURNITURE_LINES[0], FURNITURE_LINES[1]);
    let first_line = (0, FURNITURE_LINES[0].len());
    let second_line = (first_line.1 + 1, first_line.1 + 1 + FURNITURE_LINES[1].len());
    with_furniture.push_str(&original);
    let records = [record("a", &original, &[]), record("b", &with_furniture, &[first_line, second_line])];
    let articles = [Article { record: &records[0], text: &original }, Article { record: &records[1], text: &with_furniture }];
    assert_eq!(readable_text(&articles[1]).trim(), original);
    let found = clusters(&articles, DEFAULT_JACCARD);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].docs, vec!["a", "b"]);
    assert_eq!(found[0].min_jaccard, 1.0, "nothing but furniture differs");
}

#[test]
fn copy_under_another_title_clusters() {
    let original = format!("فيضانات تضرب وادي السدر\n\n{}", join(&FLOOD));
    let retitled = format!("السيول تقطع الكهرباء وتهدم جسرين في المدينة\n\n{}", join(&FLOOD));
    let texts = [original, join(&BOOK_FAIR), retitled];
    assert_eq!(groups_of(&texts), vec![vec![0, 2]]);
}

#[test]
fn copy_with_a_fifth_of_the_tail_cut_clusters() {
    let all = words(&join(&FLOOD)).join(" ");
    let all_words = words(&all);
    let kept = all_words.len() - all_words.len() / 5;
    check_copy(all_words[..kept].join(" "));
}

#[test]
fn copy_with_a_dropped_sentence_clusters() {
    let second = FLOOD[1].replace(" وأشار إلى أن المدارس ستبقى مغلقة حتى نهاية الأسبوع ريثما تنتهي أعمال الصيانة.", "");
    assert_ne!(second, FLOOD[1]);
    check_copy(join(&[FLOOD[0], &second, FLOOD[2], FLOOD[3]]));
}

#[test]
fn copy_with_a_moved_paragraph_clusters() {
    check_copy(join(&[FLOOD[0], FLOOD[2], FLOOD[3], FLOOD[1]]));
}

#[test]
fn unrelated_articles_of_one_outlet_with_the_same_furniture_stay_apart() {
    let with_furniture = |paragraphs: &[&str]| format!("{}\n{}\n{}", join(paragraphs), FURNITURE_LINES[0], FURNITURE_LINES[2]);
    assert_eq!(groups_of(&[with_furniture(&FLOOD), with_furniture(&BOOK_FAIR)]), Vec::<Vec<usize>>::new());
}

#[test]
fn a_short_brief_inside_a_long_article_is_not_its_copy() {
    let long = format!("{}\n\n{}", join(&FLOOD), join(&BOOK_FAIR));
    assert_eq!(groups_of(&[long, FLOOD[0].to_string()]), Vec::<Vec<usize>>::new());
}

#[test]
fn empty_articles_are_nobody_s_copy() {
    assert_eq!(groups_of(&[String::new(), String::new(), "، .".into()]), Vec::<Vec<usize>>::new());
}

#[test]
fn signatures_are_identical_across_two_indexes() {
    let mut first = NearDupIndex::new(NearDupConfig::default());
    let mut second = NearDupIndex::new(NearDupConfig::default());
    first.add_text("a", &join(&FLOOD));
    second.add_text("a", &join(&FLOOD));
    assert_eq!(first.signature_at(0), second.signature_at(0));
    assert_eq!(first.signature_at(0).map(Signature::to_bytes), second.signature_at(0).map(Signature::to_bytes));
}

/// A small corpus with several groups of copies: every edit of the flood story, two copies of the
/// book fair, and articles that are copies of nothing.
fn mixed_corpus() -> Vec<String> {
    let flood = join(&FLOOD);
    let fair = join(&BOOK_FAIR);
    vec![
        flood.clone(),
        fair.clone(),
        FLOOD[1].to_string(),
        join(&[FLOOD[0], FLOOD[2], FLOOD[3], FLOOD[1]]),
        format!("{}\n{}", FURNITURE_LINES[1], fair),
        join(&BOOK_FAIR[..1]),
        format!("{flood}\n{}", FURNITURE_LINES[0]),
        FLOOD[3].to_string(),
        join(&[FLOOD[0], FLOOD[1], FLOOD[2]]),
    ]
}

fn as_sorted_sets(groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn incremental_index_in_any_order_gives_the_batch_clusters() {
    let texts = mixed_corpus();
    let batch = as_sorted_sets(groups_of(&texts));
    assert_eq!(batch, vec![vec![0, 3, 6, 8], vec![1, 4]]);
    let plain: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_eq!(as_sorted_sets(exact_groups(&plain, &NearDupConfig::default())), batch);
    let forward: Vec<usize> = (0..texts.len()).collect();
    let backward: Vec<usize> = forward.iter().rev().copied().collect();
    let interleaved: Vec<usize> = forward.iter().step_by(2).chain(forward.iter().skip(1).step_by(2)).copied().collect();
    for order in [forward, backward, interleaved] {
        let mut index = NearDupIndex::new(NearDupConfig::default());
        for &i in &order {
            index.add_text(i.to_string(), &texts[i]);
        }
        let groups = index.clusters().into_iter().map(|c| c.docs.iter().map(|d| d.parse().unwrap()).collect()).collect();
        assert_eq!(as_sorted_sets(groups), batch, "order {order:?}");
    }
}

#[test]
fn adding_reports_the_copies_already_indexed() {
    let texts = mixed_corpus();
    let mut index = NearDupIndex::new(NearDupConfig::default());
    for (i, text) in texts.iter().enumerate().take(6) {
        index.add_text(format!("d{i}"), text);
    }
    let copies = index.add_text("new", &texts[6]);
    let found: Vec<&str> = copies.iter().filter_map(|c| index.doc_id(c.doc)).collect();
    assert_eq!(found, vec!["d0", "d3"]);
    assert!(copies.iter().all(|c| c.jaccard >= DEFAULT_JACCARD || c.containment >= DEFAULT_CONTAINMENT));
    let queried = index.query(&index.signature(&texts[1]));
    assert_eq!(queried.iter().map(|c| c.doc).collect::<Vec<_>>(), vec![1, 4]);
    assert_eq!(index.len(), 7);
}

#[test]
fn source_groups_name_the_cluster_or_the_article() {
    let texts = [join(&FLOOD), join(&BOOK_FAIR), join(&FLOOD)];
    let records: Vec<Record> = texts.iter().enumerate().map(|(i, t)| record(&format!("d{i}"), t, &[])).collect();
    let articles: Vec<Article> = records.iter().zip(&texts).map(|(record, text)| Article { record, text }).collect();
    let found = clusters(&articles, DEFAULT_JACCARD);
    assert_eq!(source_group_of(&articles, &found), vec!["s1", "d1", "s1"]);
}

#[test]
fn the_default_index_finds_copies() {
    let mut index = NearDupIndex::default();
    assert!(index.add_text("a", &join(&FLOOD)).is_empty());
    assert_eq!(index.add_text("b", &join(&FLOOD)).len(), 1);
    assert!(index.add_text("c", &join(&BOOK_FAIR)).is_empty());
    assert_eq!(index.clusters().len(), 1);
    assert_eq!(index.group_roots(), vec![0, 0, 2]);
}

#[test]
fn odd_inputs_neither_panic_nor_match_by_accident() {
    let odd = [
        "".to_string(),
        "ـــــ ًٌٍ".to_string(),
        "كلمة".repeat(10_000),
        "a b c d e f g".to_string(),
        "١٢٣ ٤٥٦ 789 \u{200f}\u{feff} #وسم https://example.com/x?y=1".to_string(),
        "\u{0}\u{1}\n\n\r\t".to_string(),
    ];
    let mut index = NearDupIndex::default();
    for (i, text) in odd.iter().enumerate() {
        index.add_text(i.to_string(), text);
    }
    assert!(index.clusters().is_empty(), "{:?}", index.clusters());
}

/// The store's path: signatures computed once, kept as bytes, read back and indexed, give the same
/// groups as computing them from the texts.
#[test]
fn stored_signatures_give_the_same_clusters() {
    let texts = [join(&FLOOD), join(&BOOK_FAIR), join(&FLOOD[..3]), join(&BOOK_FAIR[1..])];
    let records: Vec<Record> = texts.iter().enumerate().map(|(i, t)| record(&format!("d{i}"), t, &[])).collect();
    let articles: Vec<Article> = records.iter().zip(&texts).map(|(record, text)| Article { record, text }).collect();
    let kept: Vec<Signature> = articles
        .iter()
        .map(|article| Signature::from_bytes(&article_signature(article).to_bytes()).expect("round trip"))
        .collect();
    for config in [NearDupConfig::default(), crate::view::text_reuse_config()] {
        let from_texts = clusters_with(&articles, config.clone());
        let from_kept = clusters_from_signatures(&articles, &kept, config.clone());
        let docs = |clusters: &[SyndicationCluster]| clusters.iter().map(|c| c.docs.clone()).collect::<Vec<_>>();
        assert_eq!(docs(&from_texts), docs(&from_kept));
        // A missing signature is computed on the spot rather than leaving the article out.
        assert_eq!(docs(&clusters_from_signatures(&articles, &kept[..1], config)), docs(&from_texts));
    }
    assert_eq!(groups_of(&texts), vec![vec![0, 2], vec![1, 3]], "each trimmed reprint joins its original");
}

/// One more article joins the index and its cluster is answered at once, without rebuilding.
#[test]
fn one_more_article_answers_its_cluster() {
    let mut index = NearDupIndex::default();
    index.add_text("flood", &join(&FLOOD));
    index.add_text("fair", &join(&BOOK_FAIR));
    assert_eq!(index.group_of(1), vec![1]);
    let copies = index.add_text("reprint", &join(&FLOOD[..3]));
    assert_eq!(copies.iter().map(|c| c.doc).collect::<Vec<_>>(), vec![0]);
    assert_eq!(index.group_of(2), vec![0, 2]);
    assert_eq!(index.group_of(0), vec![0, 2]);
    assert_eq!(index.group_of(1), vec![1]);
    assert!(index.group_of(9).is_empty());
}
