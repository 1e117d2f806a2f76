//! Article-level reading of event roles: what one sentence leaves implicit, the article fills.
//!
//! News prose names a participant once and then refers back to it: by its role (زعيم التنظيم،
//! قائد الجماعة), by a pronoun on the verbal noun (إعدامه، مقتله، سيطرتهم), or not at all (a
//! coordinated verb whose subject was dropped: اجتاحت X المدينة واستولت على …). This pass runs
//! after every sentence has its events and resolves those references against the article:
//! - a role noun names the person the article introduces in that role ([`RoleHolders`]);
//! - a possessive pronoun names the last matching entity, as patient of an act done to someone
//!   (إعدامه) or as agent of an act someone does (سيطرتهم);
//! - a verb without a subject continues the actor of the event before it;
//! - an attack that names no target is aimed at its place (انفجار في حافلة بمدينة X);
//! - a bare casualty mention of a victim takes the kind of the act the article reports on that
//!   victim (a later مقتله in an execution story is the execution).

use super::triggers;
use crate::attribution::phrase::{is_phrase_stop, phrase_forward, span_of, word};
use crate::lexicon::{bare_noun, lexicon};
use crate::{Analysis, Attribution, Entity, EntityRef, EntityType, Event};
use isnad_text::tokens::TokenKind;
use isnad_text::Span;

/// What the sentence pass knows about an event's words, for the article pass.
#[derive(Debug, Clone)]
pub struct Facts {
    /// First and last token of the trigger.
    pub first: usize,
    pub last: usize,
    /// Index of the sentence in [`Analysis::sentences`].
    pub sentence: usize,
    /// A verbal noun rather than a finite verb.
    pub noun: bool,
    /// A casualty word (مقتل، قتل، استشهاد) standing for the act.
    pub casualty: bool,
    /// The actor came from the sentence's own words.
    pub actor_named: bool,
}

/// Role classes: the words that name the same kind of position (the head of a group is called
/// زعيم، قائد، أمير or مرشد in one article).
fn role_class(bare: &str) -> Option<&'static str> {
    let bare = bare.trim_start_matches(|c| c == 'و' || c == 'ف');
    let bare = bare_noun(bare);
    match bare {
        "زعيم" | "قايد" | "امير" | "مرشد" | "موسس" => Some("leader"),
        _ if is_singular_role(bare) => Some(lexicon().role_words.get(bare).map(String::as_str).unwrap_or("")),
        _ => None,
    }
    .filter(|c| !c.is_empty())
}

fn is_singular_role(bare: &str) -> bool {
    lexicon().role_words.contains(bare) && !bare.ends_with("ين") && !bare.ends_with("ون") && bare != "مصدر"
}

/// A person the article names in a role (زعيم X فلان، فلان، قائد X).
#[derive(Debug, Clone)]
struct Holder {
    class: String,
    person: String,
    /// The organisation or place named with the role (زعيم *الجماعة*).
    of: Option<String>,
    /// Byte offset of the person's mention.
    at: usize,
}

/// Every person introduced with a role in the article.
pub struct RoleHolders {
    holders: Vec<Holder>,
}

fn mention_at(entities: &[Entity], an: &Analysis, from: usize, to: usize, types: &[EntityType]) -> Option<(String, usize)> {
    if from >= to || to > an.tokens.len() {
        return None;
    }
    let window = span_of(an, from, to - 1);
    entities
        .iter()
        .filter(|e| types.contains(&e.entity_type))
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(|(_, m)| window.contains(Span::new(m.start, m.end)))
        .min_by_key(|(_, m)| m.start)
        .map(|(e, m)| (e.id.clone(), m.start))
}

const GROUPS: [EntityType; 2] = [EntityType::ORG, EntityType::LOC];

impl RoleHolders {
    /// Collects the role holders of an article: a role word up to seven words before a person's
    /// name in the same sentence (a comma of apposition may stand between), or right after it
    /// behind a comma.
    pub fn collect(an: &Analysis, entities: &[Entity]) -> RoleHolders {
        let mut holders = Vec::new();
        for e in entities.iter().filter(|e| e.entity_type == EntityType::PER) {
            for m in &e.mentions {
                let first = an.tokens.partition_point(|t| t.span.start < m.start);
                let last = an.tokens.partition_point(|t| t.span.start < m.end).saturating_sub(1);
                if first >= an.tokens.len() {
                    continue;
                }
                // Backwards: زعيم الجماعة السابق، فلان.
                let mut commas = 0;
                let mut k = first;
                while k > 0 && first - k < 12 {
                    k -= 1;
                    let t = &an.tokens[k];
                    let w = word(an, k);
                    if t.kind == TokenKind::Punct {
                        if matches!(w, "," | "،") && commas == 0 {
                            commas += 1;
                            continue;
                        }
                        if matches!(w, "\"" | "«" | "»" | "“" | "”" | "-") {
                            continue;
                        }
                        break;
                    }
                    if is_phrase_stop(w) && w != "في" {
                        break;
                    }
                    if let Some(class) = role_class(w) {
                        let of = mention_at(entities, an, k + 1, first, &GROUPS).map(|(id, _)| id);
                        holders.push(Holder { class: class.to_string(), person: e.id.clone(), of, at: m.start });
                        break;
                    }
                }
                // Forwards: فلان، زعيم الجماعة.
                if (last + 1..last + 3).any(|k| matches!(word(an, k), "," | "،")) {
                    for k in last + 2..(last + 4).min(an.tokens.len()) {
                        if let Some(class) = role_class(word(an, k)) {
                            let of = mention_at(entities, an, k + 1, (k + 5).min(an.tokens.len()), &GROUPS).map(|(id, _)| id);
                            holders.push(Holder { class: class.to_string(), person: e.id.clone(), of, at: m.start });
                            break;
                        }
                    }
                }
            }
        }
        RoleHolders { holders }
    }

    /// The person a role phrase starting at token `role` names: a name inside the phrase itself
    /// (زعيم الجماعة فلان), else the one person the article introduces in that role, for the same
    /// group where the phrase names one (زعيم الجماعة → the holder whose group is الجماعة's
    /// referent, or any group when the phrase uses an anaphoric head such as التنظيم).
    pub fn person_for(&self, an: &Analysis, entities: &[Entity], role: usize, end: usize, near: usize) -> Option<EntityRef> {
        let class = role_class(word(an, role))?;
        let phrase_last = phrase_forward(an, role, end).unwrap_or(role);
        let phrase = span_of(an, role, phrase_last);
        let reference = |id: String| EntityRef {
            start: phrase.start,
            end: phrase.end,
            text: an.slice(phrase).to_string(),
            entity: Some(id),
        };
        if let Some((id, _)) = mention_at(entities, an, role + 1, phrase_last + 1, &[EntityType::PER]) {
            return Some(reference(id));
        }
        let of = mention_at(entities, an, role + 1, (role + 4).min(end), &GROUPS).map(|(id, _)| id);
        let anaphoric = lexicon().org_heads.contains(bare_noun(word(an, role + 1)));
        let score = |h: &Holder| match (&of, &h.of) {
            (Some(a), Some(b)) if a == b => 2,
            (_, Some(_)) if anaphoric => 1,
            (None, _) if anaphoric => 1,
            _ => 0,
        };
        let same_class: Vec<&Holder> = self.holders.iter().filter(|h| h.class == class).collect();
        let distinct = {
            let mut people: Vec<&str> = same_class.iter().map(|h| h.person.as_str()).collect();
            people.sort_unstable();
            people.dedup();
            people.len()
        };
        let best = same_class
            .iter()
            .filter(|h| score(h) > 0 || distinct == 1 && of.is_none())
            .max_by_key(|h| (score(h), std::cmp::Reverse(h.at.abs_diff(near))))?;
        Some(reference(best.person.clone()))
    }
}

/// The last mention before byte `before` of an entity of the given types, not earlier than
/// byte `floor`.
fn last_before(entities: &[Entity], before: usize, floor: usize, types: &[EntityType]) -> Option<EntityRef> {
    entities
        .iter()
        .filter(|e| types.contains(&e.entity_type))
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(|(_, m)| m.end <= before && m.start >= floor)
        .max_by_key(|(_, m)| m.start)
        .map(|(e, m)| EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) })
}

/// Is the event done to someone (its possessive names the patient: إعدامه، اعتقاله) rather than
/// by someone (سيطرتهم، انسحابها)?
fn done_to(event: &Event) -> bool {
    event.event_type == "ASSAULT" || matches!(event.mode.as_deref(), Some("arrest") | Some("release"))
}

/// Words that name the weapon or the vehicle of an attack, never its target (انفجار قنبلة).
fn is_weapon_word(text: &str) -> bool {
    let norm = isnad_text::normalize::normalize_str(text);
    let Some(first) = norm.split_whitespace().next() else { return false };
    let first = first.strip_prefix('ب').filter(|b| b.chars().count() >= 4 && !b.starts_with('ا') || b.starts_with("ال")).unwrap_or(first);
    matches!(first, "نفسه" | "نفسها" | "انفسهم")
        || matches!(
        bare_noun(first),
        "قنبله" | "قنابل" | "عبوه" | "عبوات" | "سياره" | "صاروخ" | "صواريخ" | "قذيفه" | "قذايف" | "قذيفتين" | "لغم" | "الغام"
            | "حزام" | "احزمه" | "باحزمه" | "انتحاري" | "الانتحاري" | "مسيره" | "طايره" | "رصاص" | "بالرصاص"
    ) || first.starts_with("بال") && first.chars().count() > 4
}

/// Fills what the sentences left implicit; `facts[k]` describes `events[k]`.
pub fn refine(an: &Analysis, entities: &[Entity], attributions: &[Attribution], events: &mut [Event], facts: &[Facts]) {
    let holders = RoleHolders::collect(an, entities);
    for k in 0..events.len() {
        let f = &facts[k];
        let sentence = an.sentences[f.sentence];
        let range = an.tokens_in(sentence);
        // The first word after the trigger (past على، ضد) names the role of a person.
        let mut object = f.last + 1;
        while object < range.end && matches!(word(an, object), "علي" | "ضد") {
            object += 1;
        }
        let patient_slot = f.noun || f.casualty;
        if patient_slot && object < range.end && done_to(&events[k]) {
            if let Some(person) = holders.person_for(an, entities, object, range.end, events[k].trigger.start) {
                events[k].target = Some(person);
            }
        }
        // A possessive on the trigger (إعدامه، سيطرتهم).
        if let Some(suffix) = triggers::possessive_suffix(word(an, f.first)) {
            let object_follows = f.noun
                && mention_at(entities, an, f.last + 1, (f.last + 3).min(range.end), &[EntityType::PER, EntityType::ORG]).is_some();
            let trigger_start = events[k].trigger.start;
            let sentence_start = sentence.start;
            let referent = match suffix {
                "ه" => last_before(entities, trigger_start, sentence_start, &[EntityType::PER])
                    .or_else(|| cataphor(an, entities, f.last + 1, range.end))
                    .or_else(|| last_before(entities, trigger_start, 0, &[EntityType::PER])),
                _ => last_before(entities, trigger_start, sentence_start, &[EntityType::ORG])
                    .or_else(|| previous_actor(events, facts, k))
                    .or_else(|| last_before(entities, trigger_start, 0, &[EntityType::ORG])),
            };
            if referent.is_some() {
                if done_to(&events[k]) && !object_follows {
                    if events[k].target.as_ref().is_none_or(|t| t.entity.is_none()) || suffix == "ه" {
                        events[k].target = referent;
                    }
                } else if !f.actor_named || events[k].actor.is_none() {
                    events[k].actor = referent;
                }
            }
        }
        // قُتل after أنه / بأنه: the pronoun's referent is the one killed.
        if f.casualty && events[k].target.as_ref().is_none_or(|t| t.entity.is_none()) && f.first > range.start {
            let before = word(an, f.first - 1);
            if matches!(before, "انه" | "بانه" | "وانه") {
                if let Some(p) = last_before(entities, events[k].trigger.start, 0, &[EntityType::PER]) {
                    events[k].target = Some(p);
                }
            }
        }
        // قواتها، عناصره in reported speech: the speaker's own forces.
        let possessed_actor = events[k].actor.as_ref().is_some_and(|a| a.entity.is_none() && ends_with_pronoun(&a.text));
        if possessed_actor {
            let speaker = events[k].attribution.and_then(|i| attributions.get(i)).and_then(|a| a.source.clone());
            if let Some(s) = speaker.filter(|s| s.entity.is_some()) {
                let own = events[k].actor.take().unwrap_or(s.clone());
                events[k].actor = Some(EntityRef { entity: s.entity, ..own });
            }
        }
        if events[k].event_type == "ASSAULT" {
            // هجوم مسجد X: a facility named right after the trigger is what was hit.
            if let Some(facility) = facility_at(an, entities, object, range.end) {
                events[k].target = Some(facility);
            }
            // An attack whose object names nothing (a weapon, the bomber himself, a time clause) is
            // aimed at the first facility or party named after it, else at where it happened.
            if events[k].target.as_ref().is_none_or(|t| t.entity.is_none() && !is_facility_phrase(&t.text)) {
                let actor = events[k].actor.as_ref().and_then(|a| a.entity.clone());
                events[k].target = first_hit_after(an, entities, f.last + 1, range.end, actor.as_deref())
                    .or_else(|| events[k].place.clone())
                    .or_else(|| events[k].target.take().filter(|t| !is_weapon_word(&t.text)));
            }
        }
    }
    // الانتحاري الذي فجر نفسه …، وهو فلان: the perpetrator named by an identity clause.
    for k in 0..events.len() {
        if events[k].event_type != "ASSAULT" {
            continue;
        }
        let range = an.tokens_in(an.sentences[facts[k].sentence]);
        if let Some(person) = identified_perpetrator(an, entities, facts[k].first, facts[k].last, range.start, range.end) {
            events[k].actor = Some(person);
        }
    }
    // A verb whose subject was dropped continues the actor of the event before it.
    for k in 0..events.len() {
        if events[k].actor.is_some() || facts[k].casualty || !subjectless(an, &facts[k]) {
            continue;
        }
        if let Some(actor) = previous_actor(events, facts, k) {
            events[k].actor = Some(actor);
        }
    }
    propagate_modes(events);
}

/// Nouns of the one who carried out an attack (الانتحاري، منفذ الهجوم، المهاجم، مفجر).
fn is_perpetrator_noun(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    matches!(bare_noun(w), "انتحاري" | "منفذ" | "منفذي" | "مهاجم" | "جاني" | "مفجر")
}

/// The person an identity clause names as the perpetrator of the attack at `first..=last`: a
/// perpetrator noun within three words before the trigger (or the trigger itself: مفجر، منفذ),
/// and هو / وهو right before a person later in the sentence (… الانتحاري الذي فجر نفسه في المسجد،
/// وهو فلان; منفذ تفجير المسجد هو فلان).
fn identified_perpetrator(an: &Analysis, entities: &[Entity], first: usize, last: usize, start: usize, end: usize) -> Option<EntityRef> {
    let named = (first.saturating_sub(3).max(start)..=first).any(|k| is_perpetrator_noun(word(an, k)));
    if !named {
        return None;
    }
    let copula = (last + 1..end).find(|&k| matches!(word(an, k), "هو" | "وهو"))?;
    // Repeated copulas (وهو هو فلان) and a comma may stand before the name.
    let mut at = copula + 1;
    while at < end && matches!(word(an, at), "هو" | "," | "،") {
        at += 1;
    }
    let (id, start_byte) = mention_at(entities, an, at, (at + 6).min(end), &[EntityType::PER])?;
    if at >= end || start_byte != an.tokens[at].span.start {
        return None;
    }
    let entity = entities.iter().find(|e| e.id == id)?;
    let m = entity.mentions.iter().find(|m| m.start == start_byte)?;
    Some(EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(id) })
}

/// Nouns of places that are hit as such (a mosque, an airport, a prison), in matching form.
fn is_facility_noun(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    let w = w.strip_prefix('ب').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    matches!(
        bare_noun(w),
        "مسجد" | "جامع" | "كنيسه" | "مطار" | "سجن" | "مبني" | "مقر" | "مستشفي" | "مدرسه" | "سوق" | "فندق" | "قاعده" | "قلعه"
            | "جامعه" | "محطه" | "مطحنه" | "معسكر" | "ثكنه" | "سفاره" | "قنصليه" | "مصفاه" | "ميناء"
    )
}

fn is_facility_phrase(text: &str) -> bool {
    let norm = isnad_text::normalize::normalize_str(text);
    norm.split_whitespace().next().is_some_and(is_facility_noun)
}

/// A facility phrase starting at token `at` (مسجد قوات الطوارئ، مطار المدينة): the noun and the name
/// words after it, up to four, ending before a preposition or punctuation. It refers to an entity
/// only where one is named by the whole phrase from its first word.
fn facility_at(an: &Analysis, entities: &[Entity], at: usize, end: usize) -> Option<EntityRef> {
    if at >= end || !is_facility_noun(word(an, at)) {
        return None;
    }
    let mut last = at;
    while last + 1 < end && last < at + 4 {
        let next = last + 1;
        let w = word(an, next);
        let time_word = crate::attribution::phrase::is_adverbial(w) || matches!(w, "ظهرا" | "صباحا" | "مساء" | "ليلا" | "فجرا" | "عصرا");
        if an.tokens[next].kind != TokenKind::Word || is_phrase_stop(w) || time_word || matches!(w, "في" | "فى" | "داخل" | "قرب" | "وسط") {
            break;
        }
        if w.starts_with('ب') && !w.starts_with("بن") || w.starts_with('و') && an.tokens[next].proclitic_len > 0 {
            break;
        }
        last = next;
    }
    if last == at {
        return None;
    }
    let span = span_of(an, at, last);
    let whole = entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.start <= span.start + 3 && m.end >= span.end.saturating_sub(1) && m.start < span.end));
    Some(EntityRef { start: span.start, end: span.end, text: an.slice(span).to_string(), entity: whole.map(|e| e.id.clone()) })
}

/// The first facility or party named within ten words after the trigger, in the same clause of
/// reported content, other than the actor.
fn first_hit_after(an: &Analysis, entities: &[Entity], from: usize, end: usize, actor: Option<&str>) -> Option<EntityRef> {
    let limit = (from + 10).min(end);
    for k in from..limit {
        let w = word(an, k);
        if crate::attribution::phrase::is_complementiser(w) || lexicon().reporting.contains_key(w) {
            break;
        }
        if an.tokens[k].kind == TokenKind::Punct && !matches!(w, "," | "،" | "(" | ")" | "\"" | "«" | "»") {
            break;
        }
        if let Some(facility) = facility_at(an, entities, k, end) {
            return Some(facility);
        }
        let token = an.tokens[k].span;
        let hit = entities
            .iter()
            .filter(|e| matches!(e.entity_type, EntityType::ORG | EntityType::LOC | EntityType::PER))
            .filter(|e| Some(e.id.as_str()) != actor)
            .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
            .find(|(_, m)| m.start >= token.start && m.start < token.end);
        if let Some((e, m)) = hit {
            return Some(EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) });
        }
    }
    None
}

/// Does a one-word phrase carry a feminine or plural possessive pronoun (قواتها، مقاتلوهم)? A bare
/// ه is left out: after normalisation it is also the feminine ending (قوة → قوه).
fn ends_with_pronoun(text: &str) -> bool {
    let norm = isnad_text::normalize::normalize_str(text);
    let mut words = norm.split_whitespace();
    let (Some(first), None) = (words.next(), words.next()) else { return false };
    first.chars().count() > 4 && (first.ends_with("ها") || first.ends_with("هم")) && !first.starts_with("ال")
}

/// A person named later in the same sentence (وقبل مقتله، كان فلان …).
fn cataphor(an: &Analysis, entities: &[Entity], from: usize, end: usize) -> Option<EntityRef> {
    let (id, at) = mention_at(entities, an, from, (from + 8).min(end), &[EntityType::PER])?;
    let e = entities.iter().find(|e| e.id == id)?;
    let m = e.mentions.iter().find(|m| m.start == at)?;
    Some(EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(id) })
}

/// The actor of the nearest earlier event in this sentence or the two before it.
fn previous_actor(events: &[Event], facts: &[Facts], k: usize) -> Option<EntityRef> {
    let sentence = facts[k].sentence;
    (0..k)
        .rev()
        .take_while(|&j| facts[j].sentence + 2 >= sentence)
        .find_map(|j| events[j].actor.clone().filter(|a| a.entity.is_some()))
}

/// Does the trigger stand where its subject is unsaid: a verb carrying the conjunction (… واستولت
/// على), or a verbal noun right after a verb of doing (بدأت مفاوضات، أجرى محادثات، يقومون بتجنيد)?
fn subjectless(an: &Analysis, f: &Facts) -> bool {
    let w = word(an, f.first);
    if !f.noun {
        return an.tokens[f.first].proclitic_len > 0 && (w.starts_with('و') || w.starts_with('ف')) || f.first != f.last;
    }
    (f.first.saturating_sub(2)..f.first).any(|j| {
        let v = word(an, j);
        let v = v.strip_prefix('و').unwrap_or(v);
        ["بدا", "اجر", "عقد", "شن", "نفذ", "يقوم", "تقوم", "قام", "استضاف", "واصل", "تلقي", "يتلق"]
            .iter()
            .any(|light| v.starts_with(light))
    })
}

/// Carries modes across the article: a casualty mention with no mode of its own takes the mode of
/// the act reported on the same victim, else that of the nearest attack before it; a bombing takes
/// suicide where the article's suicide attack hit the same target or it names none.
fn propagate_modes(events: &mut [Event]) {
    let target_of = |e: &Event| e.target.as_ref().and_then(|t| t.entity.clone());
    let suicide_targets: Vec<Option<String>> =
        events.iter().filter(|e| e.mode.as_deref() == Some("suicide")).map(target_of).collect();
    if !suicide_targets.is_empty() {
        for e in events.iter_mut() {
            if e.event_type == "ASSAULT" && matches!(e.mode.as_deref(), Some("bombing") | None) {
                let t = target_of(e);
                if t.is_none() || suicide_targets.contains(&t) {
                    e.mode = Some("suicide".to_string());
                }
            }
        }
    }
    for k in 0..events.len() {
        if events[k].event_type != "ASSAULT" || events[k].mode.is_some() {
            continue;
        }
        let target = target_of(&events[k]);
        let same_victim = target.as_ref().and_then(|t| {
            events
                .iter()
                .filter(|e| e.event_type == "ASSAULT" && e.mode.is_some() && target_of(e).as_ref() == Some(t))
                .find_map(|e| e.mode.clone())
        });
        let before = || (0..k).rev().find_map(|j| (events[j].event_type == "ASSAULT").then(|| events[j].mode.clone()).flatten());
        let mode = same_victim.or_else(|| if target.is_none() { before() } else { None });
        events[k].mode = mode;
    }
}
