//! Behaviour of the recogniser on sentences composed for the purpose (invented people and places
//! where a name is not meant to be in the gazetteer).

use super::*;
use isnad_read::Document;
use std::sync::OnceLock;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::builtin)
}

/// The entities of `text`, after checking that every mention's bytes are its text.
fn check(text: &str) -> Vec<Entity> {
    let doc = Document::from_text("t", "test", text.to_string());
    let analysis = Analysis::new(&doc);
    let entities = recognize(&analysis, gazetteer());
    for e in &entities {
        for m in &e.mentions {
            assert_eq!(&text[m.start..m.end], m.text, "mention span of {}", e.name);
        }
    }
    entities
}

/// The entity one of whose mentions is exactly `mention`.
fn with_mention<'e>(entities: &'e [Entity], mention: &str) -> Option<&'e Entity> {
    entities.iter().find(|e| e.mentions.iter().any(|m| m.text == mention))
}

#[test]
fn gazetteer_names_carry_proclitics() {
    let entities = check("عاد الوفد والدوحة تنتظر، ثم اتجه بالعراق شمالا، وبعث رسالة لطالبان.");
    assert_eq!(with_mention(&entities, "الدوحة").map(|e| e.entity_type), Some(EntityType::LOC));
    assert_eq!(with_mention(&entities, "العراق").map(|e| e.entity_type), Some(EntityType::LOC));
    assert_eq!(with_mention(&entities, "طالبان").map(|e| e.entity_type), Some(EntityType::ORG));
}

#[test]
fn article_restored_after_lam_lam() {
    let entities = check("قدمت المساعدات للعراق هذا الشهر.");
    let iraq = with_mention(&entities, "للعراق").expect("للعراق names Iraq");
    assert_eq!(iraq.gazetteer_id.as_deref(), Some("iso:IQ"));
}

#[test]
fn no_name_inside_a_longer_word() {
    let entities = check("تساقطت قطرات المطر على السطوح.");
    assert!(entities.is_empty(), "{entities:?}");
}

#[test]
fn ambiguous_alias_needs_context() {
    let entities = check("أعلنت الحركة أنها ستواصل نشاطها.");
    assert!(with_mention(&entities, "الحركة").is_none(), "{entities:?}");
}

#[test]
fn outlet_cue_with_quoted_arabic_and_latin_names() {
    let entities = check("ذكرت صحيفة «الفجر الجديد» أن الاجتماع تأجل، ونشر موقع Desert Echo تقريرا عن ذلك.");
    let arabic = entities.iter().find(|e| e.name == "الفجر الجديد").expect("quoted outlet");
    assert_eq!(arabic.entity_type, EntityType::OUTLET);
    let latin = entities.iter().find(|e| e.name == "Desert Echo").expect("latin outlet");
    assert_eq!(latin.entity_type, EntityType::OUTLET);
}

#[test]
fn title_then_name_is_a_person() {
    let entities = check("قال الجنرال كريم دوستاني إن القوات انسحبت من المدينة.");
    let person = with_mention(&entities, "كريم دوستاني").expect("person after title");
    assert_eq!(person.entity_type, EntityType::PER);
}

#[test]
fn role_with_nationality_then_name_is_a_person() {
    let entities = check("وأكد وزير الخارجية البريطاني، جوناثان ويلبرفورت، أن المحادثات مستمرة.");
    assert_eq!(with_mention(&entities, "جوناثان ويلبرفورت").map(|e| e.entity_type), Some(EntityType::PER));
    assert_eq!(with_mention(&entities, "البريطاني").and_then(|e| e.gazetteer_id.as_deref()), Some("iso:GB"));
}

#[test]
fn kunya_with_nisba_and_later_nisba_alone_are_one_person() {
    let entities = check("أعلن أبو حمزة التلعفري مسؤوليته عن الهجوم. وكان التلعفري قد هدد بذلك.");
    let person = with_mention(&entities, "أبو حمزة التلعفري").expect("kunya person");
    assert_eq!(person.entity_type, EntityType::PER);
    assert!(person.mentions.iter().any(|m| m.text == "التلعفري"), "{person:?}");
    assert_eq!(entities.iter().filter(|e| e.entity_type == EntityType::PER).count(), 1, "{entities:?}");
}

#[test]
fn demonyms_are_mentions_of_their_country() {
    let entities = check("قال السفير القطري إن قطر ستدعم الحكومة القطرية.");
    let qatar = with_mention(&entities, "قطر").expect("Qatar");
    assert_eq!(qatar.entity_type, EntityType::LOC);
    let texts: Vec<&str> = qatar.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"القطري") && texts.contains(&"القطرية"), "{texts:?}");
}

#[test]
fn ministry_named_by_field_and_nationality_is_one_org() {
    let entities = check("أعلنت وزارة الداخلية المصرية القبض على خلية، وقالت الداخلية المصرية إنها تلاحق البقية.");
    let ministry = with_mention(&entities, "وزارة الداخلية المصرية").expect("ministry");
    assert_eq!(ministry.entity_type, EntityType::ORG);
    assert!(ministry.mentions.iter().any(|m| m.text == "الداخلية المصرية"), "{ministry:?}");
}

#[test]
fn cued_place_and_its_later_bare_name_join() {
    let entities = check("سقطت قذيفة على حي الزيتونة صباحا، وأفاد سكان الزيتونة بوقوع أضرار.");
    let place = with_mention(&entities, "حي الزيتونة").expect("cued place");
    assert_eq!(place.entity_type, EntityType::LOC);
    assert!(place.mentions.iter().any(|m| m.text == "الزيتونة"), "{place:?}");
}

#[test]
fn unnamed_sources_are_not_people() {
    let entities = check("قال مصدر أمني إن الانفجار وقع ظهرا.");
    assert!(entities.iter().all(|e| e.entity_type != EntityType::PER), "{entities:?}");
}

#[test]
fn odd_input_does_not_panic() {
    for text in ["", " ", "،،،", "«", "ال", "لل", "و", "أبو", "صحيفة «", "الجنرال", "x\u{064E}\u{0651}", "ﻻ ﷲ قطر"] {
        check(text);
    }
}

#[test]
fn longer_short_form_wins_where_two_fit() {
    // Two cued bodies whose bare names share a first word: the later bare mention takes the longer.
    let text = "انتشرت قوات الدرع الأخضر في البلدة أمس. وفي المساء وصلت قوات الدرع، ثم قال شهود إن عناصر الدرع الأخضر غادروا.";
    for _ in 0..4 {
        let entities = check(text);
        let long = with_mention(&entities, "قوات الدرع الأخضر").expect("long body");
        assert_eq!(long.mentions.iter().filter(|m| m.text == "الدرع الأخضر").count(), 1, "{entities:?}");
        let short = with_mention(&entities, "قوات الدرع").expect("short body");
        assert!(short.mentions.iter().all(|m| m.text != "الدرع"), "{entities:?}");
    }
}

#[test]
fn a_cued_place_stops_before_a_time_word_or_a_verb() {
    let entities = check("انفجرت عبوة في مدينة قرطال صباح الأحد. وفي مدينة سندور يعيش الآلاف.");
    let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"قرطال") && names.contains(&"سندور"), "{entities:?}");
    assert!(entities.iter().all(|e| !e.name.contains("صباح") && !e.name.contains("يعيش")), "{entities:?}");
}

#[test]
fn site_of_an_event_is_not_an_outlet() {
    let entities = check("وصلت الشرطة إلى موقع الحادث بعد دقائق، بينما نشر موقع \"الرصيف\" صورا.");
    assert!(entities.iter().all(|e| !e.name.contains("الحادث")), "{entities:?}");
    let outlet = entities.iter().find(|e| e.name == "الرصيف").expect("the quoted site name is an outlet");
    assert_eq!(outlet.entity_type, EntityType::OUTLET);
}

#[test]
fn facilities_keep_their_cue_and_variants_of_one_facility_are_one_place() {
    let text = "فجر رجل نفسه داخل مسجد قوات الحراسة في مدينة الزهران، ونقل المصابون إلى مستشفى دمشق. \
                وقال شاهد إن مسجد قوة الحراسة كان مزدحما.";
    let entities = check(text);
    let mosque = with_mention(&entities, "مسجد قوات الحراسة").expect("the mosque is found");
    assert_eq!(mosque.entity_type, EntityType::LOC);
    assert!(mosque.mentions.iter().any(|m| m.text == "مسجد قوة الحراسة"), "{mosque:?}");
    let hospital = with_mention(&entities, "مستشفى دمشق").expect("a hospital named after a city is a place");
    assert_eq!(hospital.entity_type, EntityType::LOC);
    assert!(hospital.gazetteer_id.is_none(), "the hospital is not the city");
}

#[test]
fn strength_is_no_force_and_a_body_stops_before_a_place_it_cannot_hold() {
    let entities = check("اشتدت قوة الرياح مع حلول المساء. ووصل أفراد قوة الحماية الخاصة بمنطقة القصيم.");
    assert!(with_mention(&entities, "قوة الرياح").is_none(), "{entities:?}");
    let force = with_mention(&entities, "قوة الحماية الخاصة").expect("the force is found");
    assert_eq!(force.entity_type, EntityType::ORG);
}

#[test]
fn a_role_followed_by_no_name_is_no_person() {
    let entities = check("وأفاد المتحدث الرسمي باسم الهيئة بأنه استناداً إلى ما سبق نشره فقد تأجل الموعد.");
    assert!(entities.iter().all(|e| e.entity_type != EntityType::PER), "{entities:?}");
}
