//! Event tests on sentences written for them (invented people, places and groups).

use super::find;
use crate::{attribution, Analysis, Entity, EntityType, Event, Figure};
use isnad_read::Document;

/// Runs the event stage over `text` with the given entities, real quantities and dates, and the
/// attributions found in it.
fn run(text: &str, named: &[(&str, EntityType)]) -> Vec<Event> {
    let doc = Document::from_text("t", "test", text.to_string());
    let an = Analysis::new(&doc);
    let entities: Vec<Entity> = crate::test_support::entities_named(text, named);
    let (dates, quantities) = crate::pipeline::dates_and_quantities(&an, None);
    let attributions = attribution::find(&an, &entities);
    let events = find(&an, &entities, &attributions, &quantities, &dates);
    for e in &events {
        assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
    }
    if std::env::var("ISNAD_DEBUG").is_ok() {
        eprintln!("{text}\n{events:#?}");
    }
    events
}

fn kinds(events: &[Event]) -> Vec<(String, Option<String>)> {
    events.iter().map(|e| (e.event_type.clone(), e.mode.clone())).collect()
}

fn entity_of(r: &Option<crate::EntityRef>) -> Option<&str> {
    r.as_ref().and_then(|r| r.entity.as_deref())
}

#[test]
fn execution_with_target_in_construct() {
    let events = run("وأعلنت جبهة الوادي إعدام سامر نبيل في بلدة الصخر.", &[
        ("جبهة الوادي", EntityType::ORG),
        ("سامر نبيل", EntityType::PER),
        ("الصخر", EntityType::LOC),
    ]);
    assert_eq!(kinds(&events), vec![("ASSAULT".to_string(), Some("execution".to_string()))]);
    assert_eq!(entity_of(&events[0].actor), Some("e1"));
    assert_eq!(entity_of(&events[0].target), Some("e2"));
    assert_eq!(entity_of(&events[0].place), Some("e3"));
}

#[test]
fn bombing_folds_the_toll_into_one_event() {
    let events = run("قتل 6 أشخاص وأصيب 12 آخرون في انفجار سيارة مفخخة وسط المدينة.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].event_type, "ASSAULT");
    assert_eq!(events[0].mode.as_deref(), Some("bombing"));
    assert_eq!(events[0].killed, Some(Figure::Exact(6)));
    assert_eq!(events[0].wounded, Some(Figure::Exact(12)));
}

#[test]
fn suicide_attack_and_lower_bound_toll() {
    let events = run("وأسفر الهجوم الانتحاري على الثكنة عن مقتل 40 جنديا على الأقل.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].mode.as_deref(), Some("suicide"));
    assert!(matches!(events[0].killed, Some(Figure::Range { low: Some(40), .. })), "{:?}", events[0].killed);
}

#[test]
fn casualty_word_alone_is_an_assault() {
    let events = run("ارتفع عدد الشهداء إلى 15 والمصابين إلى 30.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(15)));
    assert_eq!(events[0].wounded, Some(Figure::Exact(30)));
}

#[test]
fn air_strikes_need_aircraft() {
    let events = run("وشنت القوات ضربات بطائرات مسيرة على مواقع الجبهة.", &[]);
    assert_eq!(kinds(&events), vec![("ASSAULT".to_string(), Some("aerial".to_string()))]);
    let events = run("وكان ذلك ضربة قوية للحكومة.", &[]);
    assert!(events.is_empty(), "a figurative blow is not a strike: {events:?}");
}

#[test]
fn seizure_arrest_and_release() {
    let named = [("جبهة الوادي", EntityType::ORG), ("مدينة الصخر", EntityType::LOC), ("سامر نبيل", EntityType::PER)];
    let events = run("وسيطرت جبهة الوادي على مدينة الصخر.", &named);
    assert_eq!(kinds(&events), vec![("COERCE".to_string(), Some("seize".to_string()))]);
    assert_eq!(entity_of(&events[0].actor), Some("e1"));
    assert_eq!(entity_of(&events[0].target), Some("e2"));
    let events = run("ألقت جبهة الوادي القبض على سامر نبيل.", &named);
    assert_eq!(kinds(&events), vec![("COERCE".to_string(), Some("arrest".to_string()))]);
    assert_eq!(events[0].trigger.text, "ألقت");
    let events = run("ألقت الوزيرة كلمة في الحفل.", &named);
    assert!(events.is_empty());
    let events = run("وأفرجت السلطات عن سامر نبيل.", &named);
    assert_eq!(kinds(&events), vec![("CONCEDE".to_string(), Some("release".to_string()))]);
}

#[test]
fn talks_mediation_withdrawal_and_aid() {
    let events = run("تتوسط مملكة الشمس بين جبهة الوادي والحكومة.", &[]);
    assert_eq!(kinds(&events), vec![("CONSULT".to_string(), Some("mediate".to_string()))]);
    let events = run("وانطلقت مفاوضات مباشرة بين الخصمين.", &[]);
    assert_eq!(kinds(&events), vec![("CONSULT".to_string(), Some("negotiate".to_string()))]);
    let events = run("بعد انسحاب القوات الأجنبية من البلاد.", &[]);
    assert_eq!(kinds(&events), vec![("RETREAT".to_string(), Some("withdraw".to_string()))]);
    let events = run("وقدمت الجبهة دعما عسكريا للمتمردين.", &[]);
    assert_eq!(kinds(&events), vec![("AID".to_string(), Some("military".to_string()))]);
}

#[test]
fn hypothetical_mentions_are_not_events() {
    assert!(run("وحذر من أنه قد يسيطر المسلحون على المدينة.", &[]).is_empty());
    assert!(run("ولن تسمح الحكومة بأي هجوم على المدنيين.", &[]).is_empty());
}

#[test]
fn event_in_reported_speech_points_to_its_attribution() {
    let events = run("وقال المتحدث سامر نبيل إن القوات سيطرت على الجسر.", &[]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].attribution, Some(0));
    let events = run("ونفت الحكومة أن تكون قواتها قصفت القرية.", &[]);
    assert_eq!(events.len(), 1);
    assert!(events[0].negated);
}

#[test]
fn one_named_victim_counts_one_killed() {
    let events = run("وأسفر القصف عن مقتل قائد الجبهة.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(1)));
}

#[test]
fn a_repeated_headline_is_one_mention() {
    let events = run("مقتل 5 في انفجار بسوق المدينة\nمقتل 5 في انفجار بسوق المدينة\nوقع الانفجار ظهرا.", &[]);
    assert_eq!(events.iter().filter(|e| e.trigger.text == "انفجار").count(), 1, "{events:?}");
}

#[test]
fn state_of_control_is_not_a_seizure() {
    assert!(run("وظلت القرية تحت سيطرة المتمردين منذ عامين.", &[]).is_empty());
}

#[test]
fn a_role_noun_target_is_the_person_introduced_in_that_role() {
    let text = "أعلنت الحكومة مقتل زعيم جبهة الوادي السابق سامر نبيل. وقالت مصادر إن الجيش نفذ حكم الإعدام. \
                وردت السلطات بإعدام زعيم الحركة بعد شهر.";
    let events = run(text, &[("جبهة الوادي", EntityType::ORG), ("سامر نبيل", EntityType::PER)]);
    let execution = events.iter().find(|e| e.trigger.text == "بإعدام").expect("the execution is an event");
    assert_eq!(entity_of(&execution.target), Some("e2"), "{execution:?}");
    assert_eq!(execution.target.as_ref().map(|t| t.text.as_str()), Some("زعيم الحركة"));
}

#[test]
fn a_possessive_on_the_act_names_the_last_person_and_carries_the_mode() {
    let text = "أعدمت جبهة الوادي سامر نبيل في الساحة. وكان سامر نبيل قد تحدث إلى المراسلين قبل ساعات من مقتله.";
    let events = run(text, &[("جبهة الوادي", EntityType::ORG), ("سامر نبيل", EntityType::PER)]);
    let death = events.iter().find(|e| e.trigger.text == "مقتله").expect("the later mention is an event");
    assert_eq!(entity_of(&death.target), Some("e2"));
    assert_eq!(death.mode.as_deref(), Some("execution"), "the article reports this death as an execution");
}

#[test]
fn a_coordinated_verb_keeps_the_subject_of_the_verb_before() {
    let text = "اجتاحت جبهة الوادي مدينة الصخر واستولت على مخازن الحبوب فيها.";
    let events = run(text, &[("جبهة الوادي", EntityType::ORG), ("مدينة الصخر", EntityType::LOC)]);
    let seizure = events.iter().find(|e| e.trigger.text == "واستولت").expect("the seizure is an event");
    assert_eq!(entity_of(&seizure.actor), Some("e1"), "not the object of the first verb: {seizure:?}");
}

#[test]
fn agentive_nouns_take_the_doer_in_construct() {
    let named = [("جبهة الوادي", EntityType::ORG), ("مدينة الصخر", EntityType::LOC)];
    let events = run("وجاء ذلك بعد سيطرة جبهة الوادي على مدينة الصخر.", &named);
    assert_eq!(entity_of(&events[0].actor), Some("e1"));
    assert_eq!(entity_of(&events[0].target), Some("e2"));
    let events = run("وجاء ذلك بعد الاستيلاء على مدينة الصخر.", &named);
    assert_eq!(events[0].actor, None, "the object after على is not the doer");
    assert_eq!(entity_of(&events[0].target), Some("e2"));
}

#[test]
fn a_named_victim_and_the_others_add_up() {
    let named = [("سامر نبيل", EntityType::PER)];
    let events = run("وقال الشهود إنه قتل بالرصاص مع خمسة من مرافقيه.", &named);
    assert_eq!(events[0].killed, Some(Figure::Exact(6)), "{events:?}");
    let events = run("واقتحموا البلدة وقتلوا سامر نبيل وأربعة أعضاء آخرين.", &named);
    let killing = events.iter().find(|e| e.trigger.text == "وقتلوا").expect("an event");
    assert_eq!(killing.killed, Some(Figure::Exact(5)), "{events:?}");
    assert_eq!(entity_of(&killing.target), Some("e1"), "a plural verb's subject is its pronoun: the name is the object");
    let events = run("وأوضح أن الانفجار خلف 4 قتلى من الحراس و3 مدنيين.", &[]);
    assert_eq!(events[0].killed, Some(Figure::Exact(7)), "{events:?}");
    let events = run("وأسفر الهجوم عن مقتل 5 جنود و3 مدنيين آخرين.", &[]);
    assert_eq!(events[0].killed, Some(Figure::Exact(8)), "two groups, no named victim: {events:?}");
}

#[test]
fn a_toll_goes_to_the_attack_before_it() {
    let text = "وأفادت الشرطة بأن تفجيرا ضرب المرفأ، وأدى إلى استشهاد 9 أشخاص وإصابة 20، كما وجد المحققون بقايا قيل إن مصدرها تفجير بعبوة.";
    let events = run(text, &[]);
    let first = events.iter().find(|e| e.trigger.text == "تفجير").expect("an event");
    assert_eq!(first.killed, Some(Figure::Exact(9)), "{events:?}");
    assert_eq!(first.wounded, Some(Figure::Exact(20)));
}

#[test]
fn a_causal_mention_of_the_same_attack_is_not_a_second_event() {
    let events = run("استهدف مسلحون مقر البلدية ما خلف 4 قتلى بينما جرح 7 آخرون جراء الهجوم.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(4)));
}

#[test]
fn the_facility_hit_is_the_target_and_the_weapon_is_not() {
    let named = [("حرس الحدود", EntityType::ORG), ("بلدة الصخر", EntityType::LOC)];
    let events = run("وقع هجوم مسجد حرس الحدود ظهرا.", &named);
    assert_eq!(events[0].target.as_ref().map(|t| t.text.as_str()), Some("مسجد حرس الحدود"), "{events:?}");
    assert_eq!(entity_of(&events[0].target), None, "the guards are not the mosque");
    let events = run("ولقي 3 حتفهم في انفجار لغم على طريق في بلدة الصخر.", &named);
    assert_eq!(entity_of(&events[0].target), Some("e2"), "{events:?}");
}

#[test]
fn the_speakers_own_forces_are_the_speaker() {
    let named = [("جبهة الوادي", EntityType::ORG)];
    let events = run("وقالت جبهة الوادي إن قواتها قتلت 3 مسلحين.", &named);
    assert_eq!(entity_of(&events[0].actor), Some("e1"), "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(3)));
}

#[test]
fn a_toll_before_the_attack_it_names_belongs_to_that_attack() {
    // A headline copied twice on the page, then the report: the body's toll is the body's attack.
    let text = "مقتل 4 في انفجار عبوة بسوق الصخر - موقع الوادي\nمقتل 4 في انفجار عبوة بسوق الصخر\n\
                أوضح قائد الدرك أن أربعة قتلوا كما جرح تسعة إثر انفجار عبوة ناسفة في سوق البلدة.";
    let events = run(text, &[]);
    let blasts: Vec<&Event> = events.iter().filter(|e| e.trigger.text == "انفجار").collect();
    assert_eq!(blasts.len(), 2, "the copy is one mention, the body another: {events:?}");
    assert_eq!(blasts[0].killed, Some(Figure::Exact(4)));
    assert_eq!(blasts[1].killed, Some(Figure::Exact(4)), "{events:?}");
    assert_eq!(blasts[1].wounded, Some(Figure::Exact(9)), "{events:?}");
}

#[test]
fn falling_shells_are_shelling_and_their_count_is_no_toll() {
    let text = "ارتفعت حصيلة قتلى سقوط قذيفتين على ساحة بلدة الصخر في الريف الجنوبي إلى 11 شخصا.";
    let events = run(text, &[("بلدة الصخر", EntityType::LOC)]);
    assert_eq!(kinds(&events), vec![("ASSAULT".to_string(), Some("shelling".to_string()))], "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(11)), "the tally, not the two shells: {events:?}");
    assert!(run("وتحدث الكاتب عن سقوط النظام السابق.", &[]).is_empty(), "a fall that is no shell");
    let events = run("وقال إن مسلحين استهدفوا بقذيفتي هاون حي الزيتون.", &[]);
    assert_eq!(events[0].mode.as_deref(), Some("shelling"), "{events:?}");
    let events = run("وارتفع عدد الدول المشاركة في الحملة إلى 12 دولة بعد الهجوم.", &[]);
    assert!(events.iter().all(|e| e.killed.is_none()), "a count of countries is no toll: {events:?}");
}

#[test]
fn sentenced_prevented_aimed_and_habitual_acts_are_not_events() {
    assert!(run("وحكمت المحكمة عليه بالإعدام في العام الماضي.", &[]).is_empty(), "a sentence is not an execution");
    let carried_out = run("ونفذت السلطات حكم الإعدام بحق المدان فجرا.", &[]);
    assert_eq!(kinds(&carried_out), vec![("ASSAULT".to_string(), Some("execution".to_string()))]);
    assert!(run("وأكد أن الشرطة تمكنت من إحباط نحو 70% من الهجمات على الأسواق.", &[]).is_empty());
    assert!(run("وتعهدت الجبهة بتجنب الهجمات ضد المدنيين.", &[]).is_empty());
    let named = [("جبهة الوادي", EntityType::ORG), ("بلدة الصخر", EntityType::LOC)];
    assert!(run("وسعت جبهة الوادي إلى انتزاع السيطرة على بلدة الصخر.", &named).is_empty());
    assert!(run("وكانت جبهة الوادي تدعم المسلحين في بلدة الصخر.", &named).is_empty(), "a habit, not one act");
    assert_eq!(run("ودعمت جبهة الوادي المسلحين في بلدة الصخر.", &named).len(), 1, "the perfect is one act");
}

#[test]
fn the_dead_named_in_a_prayer_are_no_killing() {
    assert!(run("رحم الله الشهداء وأسكنهم فسيح جناته وشفى الجرحى.", &[]).is_empty());
    assert_eq!(run("وارتفع عدد الشهداء إلى 9.", &[]).len(), 1);
}

#[test]
fn a_verb_describing_an_attack_noun_is_that_attack() {
    let events = run("وتبنت الجبهة هجوما انتحاريا استهدف سوق المدينة.", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].trigger.text, "هجوما");
}

#[test]
fn a_toll_opening_the_next_sentence_with_wa_belongs_to_the_attack_before() {
    let events = run("الشرطة: منفذ تفجير سوق الصخر شاب من المدينة .. واستشهاد 6 من المتسوقين", &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].killed, Some(Figure::Exact(6)));
}

#[test]
fn a_passive_names_its_doer_after_ala_yad_or_min_qibal() {
    let named = [("سامر نبيل", EntityType::PER), ("جبهة الوادي", EntityType::ORG)];
    let events = run("وقال الشهود إن سامر نبيل اغتيل في بيته، إذ قتل سامر نبيل على يد جبهة الوادي.", &named);
    let killing = events.iter().find(|e| e.trigger.text == "قتل").expect("the killing is an event");
    assert_eq!(entity_of(&killing.actor), Some("e2"), "{killing:?}");
    assert_eq!(entity_of(&killing.target), Some("e1"), "{killing:?}");
    let events = run("وتم اعتقال سامر نبيل من قبل جبهة الوادي أمس.", &named);
    assert_eq!(entity_of(&events[0].actor), Some("e2"), "{events:?}");
    assert_eq!(entity_of(&events[0].target), Some("e1"), "{events:?}");
}

#[test]
fn both_parties_of_talks_and_agreements_are_named() {
    let named = [("جبهة الوادي", EntityType::ORG), ("حكومة نوردان", EntityType::ORG), ("سامر نبيل", EntityType::PER)];
    let events = run("ووقع اتفاق بين جبهة الوادي وحكومة نوردان الشهر الماضي.", &named);
    assert_eq!(entity_of(&events[0].actor), Some("e1"), "{events:?}");
    assert_eq!(entity_of(&events[0].target), Some("e2"), "{events:?}");
    let text = "وقالت الوزارة إن سامر نبيل، المبعوث الخاص للشؤون الإنسانية في المنطقة، أجرى مؤخرا محادثات مع قادة جبهة الوادي.";
    let events = run(text, &named);
    let talks = events.iter().find(|e| e.trigger.text == "محادثات").expect("the talks are an event");
    assert_eq!(entity_of(&talks.actor), Some("e3"), "the envoy named before his titles: {talks:?}");
    assert_eq!(entity_of(&talks.target), Some("e1"), "{talks:?}");
}

#[test]
fn a_party_behind_lam_is_the_object_of_the_verbal_noun() {
    let named = [("جبهة الوادي", EntityType::ORG)];
    let events = run("ونفذ الملثمون عملية تصفية جماعية لأفراد جبهة الوادي، بينهم قياديون بارزون.", &named);
    let killing = events.iter().find(|e| e.trigger.text == "تصفية").expect("an event");
    assert_eq!(entity_of(&killing.target), Some("e1"), "{killing:?}");
    assert_ne!(entity_of(&killing.actor), Some("e1"), "{killing:?}");
}

#[test]
fn an_identity_clause_names_the_perpetrator() {
    let named = [("مديرية الشرطة", EntityType::ORG), ("سامر نبيل", EntityType::PER)];
    let text = "كشفت مديرية الشرطة هوية الانتحاري الشاب الذي فجر حزامه الناسف قرب محطة الحافلات، وهو سامر نبيل، وعمره 24 عاما.";
    let events = run(text, &named);
    assert_eq!(entity_of(&events[0].actor), Some("e2"), "{events:?}");
    let events = run("الشرطة: منفذ تفجير محطة الحافلات هو سامر نبيل", &named);
    assert_eq!(entity_of(&events[0].actor), Some("e2"), "{events:?}");
    let events = run("وقع تفجير قرب محطة الحافلات، وهو سامر نبيل من سكانها.", &named);
    assert_ne!(entity_of(&events[0].actor), Some("e2"), "no perpetrator noun, no identity: {events:?}");
}
