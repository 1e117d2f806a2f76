//! Attribution tests on sentences written for them (invented people, places and outlets).

use super::find;
use crate::{Analysis, Attribution, Entity, EntityType};
use isnad_read::Document;

/// Runs attribution over `text` with the given entities (name, type); each entity's mentions are
/// every occurrence of its name.
fn run(text: &str, named: &[(&str, EntityType)]) -> (Vec<Attribution>, Vec<Entity>) {
    let doc = Document::from_text("t", "test", text.to_string());
    let an = Analysis::new(&doc);
    let entities: Vec<Entity> = crate::test_support::entities_named(text, named);
    let found = find(&an, &entities);
    if std::env::var("ISNAD_DEBUG").is_ok() {
        eprintln!("{text}\n{found:#?}");
    }
    for a in &found {
        assert_eq!(&text[a.cue.start..a.cue.end], a.cue.text, "cue span");
        if let Some(s) = &a.source {
            assert_eq!(&text[s.start..s.end], s.text, "source span");
        }
        for v in &a.via {
            assert_eq!(&text[v.start..v.end], v.text, "via span");
        }
    }
    (found, entities)
}

fn source_text(a: &Attribution) -> &str {
    a.source.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn verb_subject_order_takes_the_whole_description() {
    let (found, _) = run("وقال وزير الخارجية الزهراني سالم بن راشد إن المحادثات ستستأنف غدا.", &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cue.text, "قال");
    assert_eq!(source_text(&found[0]), "وزير الخارجية الزهراني سالم بن راشد");
    assert_eq!(found[0].cue_kind, "verb");
    let content = found[0].content.unwrap();
    assert!(content.start > found[0].source.as_ref().unwrap().end);
}

#[test]
fn subject_verb_order_looks_back() {
    let text = "لكن وكالة النجم للأنباء أفادت بأن القافلة وصلت.";
    let (found, _) = run(text, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(source_text(&found[0]), "وكالة النجم للأنباء");
    assert_eq!(found[0].cue.text, "أفادت");
}

#[test]
fn apposition_after_a_comma_belongs_to_the_speaker() {
    let (found, _) = run("كما صرح وزير الدفاع الزهراني، كامل سعيد، في مؤتمر صحفي، أن القوات انسحبت.", &[]);
    assert_eq!(source_text(&found[0]), "وزير الدفاع الزهراني، كامل سعيد");
    assert!(found[0].via.is_empty(), "a press conference names no outer source");
}

#[test]
fn introducer_with_cliticised_preposition_is_an_unnamed_source() {
    let (found, _) = run("ووفقا لمسؤولين محليين، تضررت عشرات المنازل.", &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cue_kind, "introducer");
    assert_eq!(source_text(&found[0]), "مسؤولين محليين");
    assert_eq!(found[0].source.as_ref().unwrap().entity, None);
}

#[test]
fn introducer_before_a_verb_becomes_its_outer_source() {
    let text = "وبحسب صحيفة الفجر، قال الوزير كامل سعيد إن الميناء أغلق.";
    let (found, _) = run(text, &[("صحيفة الفجر", EntityType::OUTLET), ("كامل سعيد", EntityType::PER)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(source_text(&found[0]), "الوزير كامل سعيد");
    assert_eq!(found[0].source.as_ref().unwrap().entity.as_deref(), Some("e2"));
    assert_eq!(found[0].via.len(), 1);
    assert_eq!(found[0].via[0].entity.as_deref(), Some("e1"));
}

#[test]
fn trailing_introducer_is_the_chain_not_a_second_statement() {
    let text = "قال القائد نادر فهيم إن الهجوم فشل، وفقا لوكالة الشمس.";
    let (found, _) = run(text, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].via.len(), 1);
    assert_eq!(found[0].via[0].text, "وكالة الشمس");
}

#[test]
fn legal_texts_are_not_sources() {
    let (found, _) = run("قال نادر فهيم إن الطرفين ملزمان وفقا للاتفاقية بوقف القتال.", &[]);
    assert_eq!(found.len(), 1);
    assert!(found[0].via.is_empty());
}

#[test]
fn channel_names_the_outer_source() {
    let text = "وأوضح عادل منصور، في حوار مع إذاعة الهضاب، أن المعبر مغلق.";
    let (found, _) = run(text, &[]);
    assert_eq!(source_text(&found[0]), "عادل منصور");
    assert_eq!(found[0].via.len(), 1);
    assert_eq!(found[0].via[0].text, "إذاعة الهضاب");
    let (found, _) = run("وأضاف لقناة السهل الرسمية أن الطريق مغلق.", &[]);
    assert_eq!(found[0].via[0].text, "قناة السهل الرسمية");
    let (found, _) = run("ذكر مازن العلي، في مقالة لموقع الرصيف، أن أسعار الخبز تضاعفت.", &[]);
    assert_eq!(found[0].via[0].text, "موقع الرصيف");
}

#[test]
fn anaphoric_outlet_resolves_to_the_last_outlet() {
    let text = "أكدت صحيفة الفجر أن الميناء أغلق. وأوضحت الصحيفة أن البواخر أبحرت.";
    let (found, _) = run(text, &[("صحيفة الفجر", EntityType::OUTLET)]);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].source.as_ref().unwrap().entity.as_deref(), Some("e1"));
    assert_eq!(found[1].source.as_ref().unwrap().text, "الصحيفة");
    // Without a recognised entity the source points at the antecedent's words.
    let (found, _) = run(text, &[]);
    assert_eq!(source_text(&found[1]), "صحيفة الفجر");
}

#[test]
fn implicit_subject_takes_the_previous_speaker_of_the_same_gender() {
    let text = "قالت وزارة الصحة إن المستشفى امتلأ. وقال الطبيب سامر نبيل إن الأدوية نفدت. وأضافت أن فرقا وصلت.";
    let (found, _) = run(text, &[]);
    assert_eq!(found.len(), 3);
    assert_eq!(source_text(&found[2]), "وزارة الصحة");
    let text = "وقال الطبيب سامر نبيل إن الأدوية نفدت، مضيفا أن فرقا وصلت.";
    let (found, _) = run(text, &[]);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].cue.text, "مضيفا");
    assert_eq!(source_text(&found[1]), "الطبيب سامر نبيل");
}

#[test]
fn nested_cue_reports_through_the_outer_speaker() {
    let text = "وأشارت صحيفة الفجر إلى أن جبهة الوادي أعلنت، أمس، انسحاب مقاتليها.";
    let (found, _) = run(text, &[("صحيفة الفجر", EntityType::OUTLET), ("جبهة الوادي", EntityType::ORG)]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1].source.as_ref().unwrap().entity.as_deref(), Some("e2"));
    assert_eq!(found[1].via.len(), 1);
    assert_eq!(found[1].via[0].entity.as_deref(), Some("e1"));
}

#[test]
fn coordinated_cue_is_not_nested() {
    let text = "قال سامر نبيل إن الوضع هادئ، كما أكد كامل سعيد أن الطريق فتح.";
    let (found, _) = run(text, &[]);
    assert_eq!(found.len(), 2);
    assert!(found[1].via.is_empty());
    assert!(found[0].content.unwrap().end <= found[1].cue.start);
}

#[test]
fn denial_is_negated() {
    let (found, _) = run("ونفت الحكومة الزهرانية أن تكون قواتها قصفت القرية.", &[]);
    assert_eq!(found.len(), 1);
    assert!(found[0].negated);
    assert_eq!(source_text(&found[0]), "الحكومة الزهرانية");
}

#[test]
fn nominal_cue_takes_the_speaker_in_construct() {
    let (found, _) = run("وجاء ذلك بعد إعلان المتحدث باسم الجبهة سامر نبيل انتهاء العملية.", &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cue_kind, "noun");
    assert!(source_text(&found[0]).starts_with("المتحدث باسم الجبهة سامر نبيل"));
    // A verbal noun with no speaker after it is not a cue.
    let (found, _) = run("وجاء الإعلان بعد منتصف الليل.", &[]);
    assert!(found.is_empty());
}

#[test]
fn quoted_speech_and_headline_colon() {
    let (found, _) = run("وتابع: \"لن نتراجع عن مطالبنا\".", &[]);
    assert_eq!(found.len(), 1);
    let (found, _) = run("وزارة الصحة: ارتفاع عدد المصابين في المدينة\n", &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].cue.text, ":");
    assert_eq!(source_text(&found[0]), "وزارة الصحة");
}

#[test]
fn passive_hearsay_and_everyday_homographs_are_not_cues() {
    let (found, _) = run("وقيل إن القافلة تعرضت لإطلاق نار.", &[]);
    assert!(found.is_empty());
    let (found, _) = run("وقعت اشتباكات بين القوات التابعة للجبهة والحرس.", &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn unnamed_plural_speakers() {
    let (found, _) = run("غير أن الخبراء قالوا إن الهدنة هشة.", &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(source_text(&found[0]), "الخبراء");
    let (found, _) = run("وقال مسؤولون أمنيون إن الانفجار وقع ليلا.", &[]);
    assert_eq!(source_text(&found[0]), "مسؤولون أمنيون");
}

#[test]
fn quoted_outlet_name_with_ila() {
    let (found, _) = run("ولفتت \"مرآة السهل\" إلى المهمة التي تولتها البلدية.", &[]);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn anaphoric_paper_skips_a_later_network() {
    let text = "أكدت صحيفة \"الفجر\" أن الميناء أغلق. وبحسب شبكة النهار، غادرت السفن. وذكرت الصحيفة أن المرفأ مغلق.";
    let (found, _) = run(text, &[("الفجر", EntityType::OUTLET), ("شبكة النهار", EntityType::OUTLET)]);
    let last = found.last().unwrap();
    assert_eq!(last.source.as_ref().unwrap().entity.as_deref(), Some("e1"), "{found:?}");
}

#[test]
fn a_verb_inside_another_speakers_quotation_is_not_a_statement() {
    let (atts, _) = run("وأوضح سامر نبيل أن \"قرار الحكومة يكشف عن أزمة عميقة\"، مشيرا إلى أن \"الأزمة ستطول\".", &[("سامر نبيل", EntityType::PER)]);
    assert_eq!(atts.len(), 2, "{atts:?}");
    assert!(atts.iter().all(|a| source_text(a).contains("سامر نبيل")), "{atts:?}");
}

#[test]
fn running_prose_with_a_colon_is_not_a_headline() {
    let (atts, _) = run("وأسس التنظيم فرعين داخل البلاد: في الشمال وفي الجنوب منذ سنوات.", &[]);
    assert!(atts.is_empty(), "{atts:?}");
}

#[test]
fn words_and_places_refer_they_do_not_speak() {
    let named = [("وادي الصخر", EntityType::LOC), ("سامر نبيل", EntityType::PER)];
    let (atts, _) = run("ويشير اسم وادي الصخر إلى أنه كان مجرى نهر قديم.", &named);
    assert!(atts.is_empty(), "{atts:?}");
    let (atts, _) = run("ويشير وادي الصخر إلى المنطقة الجنوبية كلها.", &named);
    assert!(atts.is_empty(), "{atts:?}");
    let (atts, _) = run("وأشار سامر نبيل إلى أن الوضع هادئ.", &named);
    assert_eq!(atts.len(), 1, "a person points out: {atts:?}");
}

#[test]
fn an_implied_speaker_needs_reported_words_after_the_verb() {
    let named = [("سامر نبيل", EntityType::PER)];
    // No subject and no reported words: the verb's other sense, not a statement.
    let (found, _) = run("وقال سامر نبيل إن الطريق مغلق. وأضاف أو ربما الجسر ينهار الآن، فهم يخشون أن يغرق.", &named);
    assert_eq!(found.len(), 1, "{found:#?}");
    // With the words after it, or after a channel, the implied speaker continues.
    let (found, _) = run("وقال سامر نبيل إن الطريق مغلق. وأضاف في بيان أن الجسر سيفتح غدا.", &named);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].source.as_ref().unwrap().entity, found[0].source.as_ref().unwrap().entity);
}

#[test]
fn opinion_verbs_count_only_as_a_named_speakers_statement() {
    let named = [("صحيفة الفجر", EntityType::OUTLET), ("زهرانة", EntityType::LOC), ("نوردان", EntityType::LOC), ("جبهة الوادي", EntityType::ORG)];
    // A speaker voicing a view in a complement clause is a statement.
    let (found, _) = run("واعتبرت صحيفة الفجر أن المفاوضات فشلت.", &named);
    assert_eq!(found.len(), 1);
    // A habitual state of mind, countries' stances, a pronoun subject, a double object: analysis.
    for text in [
        "وكانت جبهة الوادي ترى أن الحرب طويلة.",
        "وترى زهرانة ونوردان أن الحدود آمنة.",
        "وهم يعتبرون أن التهدئة مجرد مناورة.",
        "وصارت حكومات عدة تعتبر \"جبهة الوادي\" تهديدا لأمنها.",
        "ويعتبر التمدد المتواصل للجبهة أبرز مصادر القلق.",
    ] {
        let (found, _) = run(text, &named);
        assert!(found.is_empty(), "{text}: {found:#?}");
    }
}

#[test]
fn declaring_an_emergency_is_an_act_not_a_statement() {
    let (found, _) = run("وأعلنت بلدية المرج حالة الطوارئ لمدة أسبوع.", &[]);
    assert!(found.is_empty(), "{found:#?}");
    let (found, _) = run("وأعلنت بلدية المرج أن الأحياء الشرقية غرقت.", &[]);
    assert_eq!(found.len(), 1);
}

#[test]
fn speculation_is_not_a_source() {
    let (found, _) = run("وبحسب بعض التخمينات، سيزور المبعوث الأممي العاصمة قبل نهاية الشهر.", &[]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_noun_cue_needs_room_for_a_statement() {
    let (found, _) = run("تصاعد التوتر عقب إعلان الحزب ذاته!", &[]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn unnamed_sources_name_no_place_entity() {
    let named = [("زهراني", EntityType::LOC)];
    let text = "وقال مسؤولون زهرانيون إن القافلة عبرت. وأضاف مصدر عسكري زهراني أن الطريق آمن. وقالت المصادر إن الجسر سيفتح.";
    let (found, _) = run(text, &named);
    assert_eq!(found.len(), 3, "{found:#?}");
    for a in &found {
        assert!(a.source.as_ref().unwrap().entity.is_none(), "{a:#?}");
        assert!(source_text(a).contains("مصدر") || source_text(a).contains("مسؤولون") || source_text(a) == "المصادر");
    }
}

#[test]
fn members_plural_stands_for_their_group() {
    let named = [("جبهة الوادي", EntityType::ORG)];
    let (found, entities) = run("وظهرت جبهة الوادي قبل عامين. وبعد أسابيع، ادعى المسلحون أنهم سيطروا على القلعة.", &named);
    assert_eq!(found.len(), 1);
    let group = entities.iter().find(|e| e.name == "جبهة الوادي").unwrap();
    assert_eq!(found[0].source.as_ref().unwrap().entity.as_deref(), Some(group.id.as_str()));
}

#[test]
fn a_trailing_introducer_holds_the_clause_before_it() {
    let named = [("مجلة الأفق", EntityType::OUTLET), ("عادل منصور", EntityType::PER)];
    let text = "وقبل اختفائه، كان عادل منصور يعمل في مخبز بالحي القديم، وذلك وفق ما ورد في مجلة الأفق.";
    let (found, _) = run(text, &named);
    assert_eq!(found.len(), 1, "{found:#?}");
    let content = found[0].content.expect("the clause before the introducer");
    assert_eq!(content.start, 0);
    assert!(text[content.start..content.end].contains("يعمل في مخبز"));
}

#[test]
fn a_participle_after_a_merged_introducer_keeps_speaker_and_chain() {
    let named = [("إذاعة الهضاب", EntityType::OUTLET)];
    let text = "وقالت المصادر، طبقا لما أوردته إذاعة الهضاب، إن الغارة دمرت مخبزا، مشيرة إلى أن الخسائر فادحة.";
    let (found, _) = run(text, &named);
    assert_eq!(found.len(), 2, "{found:#?}");
    for a in &found {
        assert_eq!(source_text(a), "المصادر");
        assert_eq!(a.via.len(), 1);
        assert_eq!(a.via[0].text, "إذاعة الهضاب");
    }
}

#[test]
fn an_implied_speaker_is_the_person_the_previous_sentence_brought_in() {
    let named = [("سامر نبيل", EntityType::PER), ("كامل سعيد", EntityType::PER)];
    let text = "وأعلن سامر نبيل عن كمين لقافلة إمدادات. ونال هذا الإعلان استحسان كامل سعيد على صفحته. وقال إنه لو صح الكمين فسيغير ذلك موازين القوى.";
    let (found, _) = run(text, &named);
    let last = found.last().unwrap();
    assert_eq!(last.source.as_ref().unwrap().text, "كامل سعيد", "{found:#?}");
    // With the last speaker in the sentence just before, the implied speaker stays that speaker.
    let text = "وقال سامر نبيل إن الهجوم فشل وإن كامل سعيد هرب. وأضاف إن القوات تلاحقه.";
    let (found, _) = run(text, &named);
    assert_eq!(found.last().unwrap().source.as_ref().unwrap().text, "سامر نبيل", "{found:#?}");
}

#[test]
fn a_demonstrative_object_before_the_subject() {
    let (found, _) = run("ووضح ذلك المحامي عادل منصور قائلا إن \"القضية ستطول\".", &[("عادل منصور", EntityType::PER)]);
    assert!(found.iter().any(|a| source_text(a).starts_with("المحامي عادل منصور")), "{found:#?}");
}
