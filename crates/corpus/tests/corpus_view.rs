//! The corpus view on small composed articles: one event across outlets, independence, talks that
//! share a party, and claims that only one source makes.

use isnad_corpus::{build, Article};
use isnad_extract::*;

/// A record builder over one article's text: spans are found by searching the text.
struct Doc {
    text: String,
    record: Record,
}

impl Doc {
    fn new(doc_id: &str, text: &str) -> Doc {
        Doc {
            text: text.to_string(),
            record: Record::empty(doc_id, text.len()),
        }
    }

    fn span(&self, words: &str) -> TextSpan {
        let start = self.text.find(words).unwrap_or_else(|| panic!("{words} not in the text"));
        TextSpan { start, end: start + words.len(), text: words.into() }
    }

    fn entity(mut self, id: &str, t: EntityType, name: &str) -> Doc {
        let mention = self.span(name);
        self.record.entities.push(Entity { id: id.into(), entity_type: t, name: name.into(), mentions: vec![mention], gazetteer_id: None });
        self
    }

    fn reference(&self, words: &str, entity: Option<&str>) -> EntityRef {
        let s = self.span(words);
        EntityRef { start: s.start, end: s.end, text: s.text, entity: entity.map(String::from) }
    }

    fn attribution(mut self, cue: &str, source: (&str, &str), via: Option<(&str, &str)>, content: &str) -> Doc {
        let content_span = self.span(content);
        let attribution = Attribution {
            cue: self.span(cue),
            source: Some(self.reference(source.0, Some(source.1))),
            content: Some(ByteSpan { start: content_span.start, end: content_span.end }),
            via: via.map(|(w, e)| self.reference(w, Some(e))).into_iter().collect(),
            cue_kind: "verb".into(),
            negated: false,
        };
        self.record.attributions.push(attribution);
        self
    }

    #[allow(clippy::too_many_arguments)]
    fn event(mut self, t: &str, mode: Option<&str>, trigger: &str, actor: Option<(&str, &str)>, target: Option<(&str, &str)>, killed: Option<i64>, attribution: Option<usize>) -> Doc {
        let event = Event {
            event_type: t.into(),
            mode: mode.map(String::from),
            trigger: self.span(trigger),
            actor: actor.map(|(w, e)| self.reference(w, Some(e))),
            target: target.map(|(w, e)| self.reference(w, Some(e))),
            place: None,
            date: None,
            killed: killed.map(Figure::Exact),
            wounded: None,
            negated: false,
            attribution,
        };
        self.record.events.push(event);
        self
    }
}

fn view(docs: &[Doc]) -> isnad_corpus::CorpusView {
    let articles: Vec<Article> = docs.iter().map(|d| Article { record: &d.record, text: &d.text }).collect();
    build(&articles)
}

const A: &str = "قال العقيد سامر نجم لوكالة الوادي إن تفجير سوق بلدة الكرمة قتل تسعة أشخاص. وكان المهاجم رامي طه.";
const B: &str = "ذكرت صحيفة السهل أن مصادر طبية أكدت أن تفجير سوق بلدة الكرمة أودى بحياة 14 شخصا.";
const C: &str = "نقلت وكالة الوادي عن الشرطة أن تفجير سوق بلدة الكرمة أسفر عن تسعة قتلى وفق حصيلة أولية.";

fn report_a() -> Doc {
    Doc::new("a", A)
        .entity("e1", EntityType::PER, "سامر نجم")
        .entity("e2", EntityType::OUTLET, "وكالة الوادي")
        .entity("e3", EntityType::LOC, "الكرمة")
        .entity("e4", EntityType::PER, "رامي طه")
        .attribution("قال", ("العقيد سامر نجم", "e1"), Some(("وكالة الوادي", "e2")), "إن تفجير سوق بلدة الكرمة قتل تسعة أشخاص. وكان المهاجم رامي طه")
        .event("ASSAULT", Some("bombing"), "تفجير", Some(("رامي طه", "e4")), Some(("الكرمة", "e3")), Some(9), Some(0))
}

fn report_b() -> Doc {
    Doc::new("b", B)
        .entity("e1", EntityType::OUTLET, "صحيفة السهل")
        .entity("e2", EntityType::LOC, "الكرمة")
        .attribution("ذكرت", ("صحيفة السهل", "e1"), None, "أن مصادر طبية أكدت أن تفجير سوق بلدة الكرمة أودى بحياة 14 شخصا")
        .event("ASSAULT", Some("bombing"), "تفجير", None, Some(("الكرمة", "e2")), Some(14), Some(0))
}

fn report_c() -> Doc {
    Doc::new("c", C)
        .entity("e1", EntityType::OUTLET, "وكالة الوادي")
        .entity("e2", EntityType::LOC, "الكرمة")
        .attribution("نقلت", ("الشرطة", "e1"), Some(("وكالة الوادي", "e1")), "أن تفجير سوق بلدة الكرمة أسفر عن تسعة قتلى")
        .event("ASSAULT", Some("bombing"), "تفجير", None, Some(("الكرمة", "e2")), Some(9), Some(0))
}

#[test]
fn one_bombing_from_two_outlets_is_one_event_with_two_sources_and_a_disagreement() {
    let v = view(&[report_a(), report_b()]);
    let bombing: Vec<_> = v.events.iter().filter(|e| e.event_type == "ASSAULT").collect();
    assert_eq!(bombing.len(), 1, "{bombing:#?}");
    let e = bombing[0];
    assert_eq!(e.docs, vec!["a", "b"]);
    assert_eq!(e.independent_sources, 2);
    let killed = e.killed.unwrap();
    assert_eq!((killed.low, killed.high), (Some(9), Some(14)));
    assert_eq!(e.disagreements.len(), 1);
    assert_eq!(e.disagreements[0].field, "killed");
}

#[test]
fn reports_relaying_one_agency_count_once() {
    let v = view(&[report_a(), report_b(), report_c()]);
    let e = v.events.iter().find(|e| e.event_type == "ASSAULT").unwrap();
    assert_eq!(e.docs, vec!["a", "b", "c"]);
    assert_eq!(e.independent_sources, 2, "a and c both relay the same agency: {:#?}", e.source_groups);
}

#[test]
fn a_claim_naming_what_no_other_source_names_stands_alone() {
    let v = view(&[report_a(), report_b()]);
    let claim_a = v.claims.iter().find(|c| c.doc == "a").unwrap();
    assert!(claim_a.text.starts_with("قال"), "a claim spans cue, source and content");
    assert!(claim_a.corroborated_by.is_empty(), "only a names the attacker and gives nine: {claim_a:?}");
    let claim_b = v.claims.iter().find(|c| c.doc == "b").unwrap();
    assert!(claim_b.corroborated_by.is_empty(), "b's toll of 14 is its own: {claim_b:?}");
    // c agrees with a on the bombing and its toll, and names no attacker: a backs c's claim.
    let v = view(&[report_a(), report_c(), report_b()]);
    let claim_c = v.claims.iter().find(|c| c.doc == "c").unwrap();
    assert!(claim_c.corroborated_by.is_empty(), "a and c are one source (the agency), so no corroboration: {claim_c:?}");
}

#[test]
fn talks_sharing_one_party_stay_two_events() {
    let text_x = "بدأت حكومة الشمال محادثات مع نقابة المعلمين.";
    let text_y = "أجرت حكومة الشمال محادثات مع اتحاد التجار.";
    let x = Doc::new("x", text_x)
        .entity("e1", EntityType::ORG, "حكومة الشمال")
        .entity("e2", EntityType::ORG, "نقابة المعلمين")
        .event("CONSULT", Some("negotiate"), "محادثات", Some(("حكومة الشمال", "e1")), Some(("نقابة المعلمين", "e2")), None, None);
    let y = Doc::new("y", text_y)
        .entity("e1", EntityType::ORG, "حكومة الشمال")
        .entity("e2", EntityType::ORG, "اتحاد التجار")
        .event("CONSULT", Some("negotiate"), "محادثات", Some(("حكومة الشمال", "e1")), Some(("اتحاد التجار", "e2")), None, None);
    let v = view(&[x, y]);
    assert_eq!(v.events.len(), 2, "{:#?}", v.events);
}

#[test]
fn an_agency_cited_with_a_typo_is_still_one_source() {
    // c cites the agency a quotes, misspelt; a's mention is the gazetteer's, c's is not.
    let mut a = report_a();
    a.record.entities[1].gazetteer_id = Some("out:test-wadi".into());
    let typo = C.replace("وكالة الوادي", "وكالة الواادي");
    let c = Doc::new("c", &typo)
        .entity("e1", EntityType::OUTLET, "وكالة الواادي")
        .entity("e2", EntityType::LOC, "الكرمة")
        .attribution("نقلت", ("الشرطة", "e1"), Some(("وكالة الواادي", "e1")), "أن تفجير سوق بلدة الكرمة أسفر عن تسعة قتلى")
        .event("ASSAULT", Some("bombing"), "تفجير", None, Some(("الكرمة", "e2")), Some(9), Some(0));
    let v = view(&[a, report_b(), c]);
    let e = v.events.iter().find(|e| e.event_type == "ASSAULT").unwrap();
    assert_eq!(e.docs, vec!["a", "b", "c"]);
    assert_eq!(e.independent_sources, 2, "{:#?}", e.source_groups);
}

#[test]
fn a_part_of_a_toll_in_one_report_is_not_a_disagreement() {
    // c first names the leader killed, then the whole toll of nine, as a does.
    let text = "نقلت وكالة الوادي عن الشرطة أن مقتل القائد في سوق بلدة الكرمة تأكد، وأن تفجير السوق أسفر عن تسعة قتلى.";
    let c = Doc::new("c", text)
        .entity("e1", EntityType::OUTLET, "وكالة الوادي")
        .entity("e2", EntityType::LOC, "الكرمة")
        .attribution("نقلت", ("الشرطة", "e1"), Some(("وكالة الوادي", "e1")), "أن مقتل القائد")
        .event("ASSAULT", Some("bombing"), "مقتل", None, Some(("الكرمة", "e2")), Some(1), Some(0))
        .event("ASSAULT", Some("bombing"), "تفجير", None, Some(("الكرمة", "e2")), Some(9), Some(0));
    let v = view(&[report_a(), c]);
    let e = v.events.iter().find(|e| e.event_type == "ASSAULT").unwrap();
    assert_eq!(e.docs, vec!["a", "c"]);
    assert!(e.disagreements.is_empty(), "{:#?}", e.disagreements);
    assert_eq!(e.killed.unwrap().best, Some(9));
}
