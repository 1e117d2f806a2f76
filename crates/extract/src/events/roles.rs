//! Who did what to whom, where, and with what toll.
//!
//! Actor and target follow Arabic clause structure: a verb's subject stands right after it (VSO)
//! or before it at the clause start (SVO); its object follows the subject; a verbal noun takes its
//! object in construct (إعدام X، سيطرة X على Y) or after على، ضد، بين. An entity mention in those
//! places fills the role; where none is recognised, the words there do (a short phrase), so that
//! the record still says who. Figures are the sentence's quantities tied to a death word (مقتل 6،
//! 6 قتلى، استشهاد 15، ارتفع عدد الشهداء إلى 15) or an injury word (إصابة 40، 12 جريحا).

use crate::attribution::phrase::{is_phrase_stop, span_of, word};
use crate::lexicon::without_conjunction;
use crate::{entities, Analysis, Entity, EntityRef, EntityType, Figure, QuantityOut};
use isnad_text::tokens::TokenKind;
use isnad_text::Span;

/// Longest role phrase taken when no entity is recognised, in words.
const MAX_ROLE_WORDS: usize = 4;

/// The entity mentions (of the given types) lying within tokens `from..to`, as references.
fn mentions_within<'e>(
    an: &Analysis,
    entities: &'e [Entity],
    from: usize,
    to: usize,
    types: &'e [EntityType],
) -> impl Iterator<Item = EntityRef> + 'e {
    let window = (from < to).then(|| span_of(an, from, to - 1));
    entities
        .iter()
        .filter(move |e| window.is_some() && types.contains(&e.entity_type))
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(move |(_, m)| window.is_some_and(|w| w.contains(Span::new(m.start, m.end))))
        .map(|(e, m)| EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) })
}

/// The entity mention starting within tokens `from..to`, first in text order.
fn first_mention(an: &Analysis, entities: &[Entity], from: usize, to: usize, types: &[EntityType]) -> Option<EntityRef> {
    mentions_within(an, entities, from, to, types).min_by_key(|r| r.start)
}

/// The last entity mention within tokens `from..to`.
fn last_mention(an: &Analysis, entities: &[Entity], from: usize, to: usize, types: &[EntityType]) -> Option<EntityRef> {
    mentions_within(an, entities, from, to, types).max_by_key(|r| r.start)
}

const PARTIES: [EntityType; 3] = [EntityType::ORG, EntityType::PER, EntityType::LOC];

/// A short phrase of words starting at `from` (no particles, no punctuation), as a role.
fn phrase_role(an: &Analysis, entities: &[Entity], from: usize, end: usize) -> Option<EntityRef> {
    let mut last = None;
    let mut k = from;
    while k < end && k < from + MAX_ROLE_WORDS {
        let t = &an.tokens[k];
        let w = word(an, k);
        if !matches!(t.kind, TokenKind::Word | TokenKind::Latin) || is_phrase_stop(w) || w == "في" {
            break;
        }
        last = Some(k);
        k += 1;
    }
    last.map(|l| entities::reference(an, entities, span_of(an, from, l)))
}

/// The object of a verbal noun whose doer stands in construct: after the doer's mention (ending at
/// byte `after_byte`), past commas and time words, a mention within three words that no
/// preposition introduces.
fn object_after(an: &Analysis, entities: &[Entity], after_byte: usize, end: usize) -> Option<EntityRef> {
    let mut k = an.tokens.partition_point(|t| t.span.start < after_byte);
    while k < end && (crate::attribution::phrase::is_punct(an, k, &[",", "،"]) || crate::attribution::phrase::is_adverbial(word(an, k))) {
        k += 1;
    }
    if k >= end || an.tokens[k].kind != TokenKind::Word || is_phrase_stop(word(an, k)) || word(an, k) == "في" {
        return None;
    }
    // Only where something stood between (a comma, a day): else the words are one construct chain.
    let gap = an.tokens.partition_point(|t| t.span.start < after_byte) < k;
    if !gap {
        return None;
    }
    first_mention(an, entities, k, (k + 4).min(end), &PARTIES)
}

/// Where the clause holding token `i` starts: after the last punctuation or clause particle.
fn clause_start(an: &Analysis, i: usize, floor: usize) -> usize {
    let mut k = i;
    while k > floor {
        let t = &an.tokens[k - 1];
        let w = word(an, k - 1);
        if t.kind == TokenKind::Punct && !matches!(w, "\"" | "«" | "»" | "“" | "”") || matches!(w, "ان" | "انه" | "انها" | "الذي" | "التي" | "بعد" | "قبل" | "عندما") {
            break;
        }
        k -= 1;
    }
    k
}

/// Does a verbal noun of this kind take its doer in construct (سيطرة X على Y، انسحاب X من Y،
/// مفاوضات X مع Y، دعم X لـ Y) rather than the one it is done to (إعدام X، اعتقال X)?
pub fn is_agentive(event_type: &str, mode: Option<&str>) -> bool {
    match event_type {
        "COERCE" => mode == Some("seize"),
        "RETREAT" | "CONSULT" | "AID" | "FIGHT" | "MOBILIZE" | "PROTEST" => true,
        _ => false,
    }
}

/// Actor and target of the trigger at tokens `first..=last`; `agentive` for a verbal noun whose
/// construct names its doer.
#[allow(clippy::too_many_arguments)]
pub fn actor_and_target(
    an: &Analysis,
    entities: &[Entity],
    trigger: (usize, usize),
    kind: (&str, Option<&str>, bool),
    start: usize,
    end: usize,
) -> (Option<EntityRef>, Option<EntityRef>) {
    let (first, last) = trigger;
    let (event_type, mode, noun) = kind;
    let agentive = noun && is_agentive(event_type, mode);
    let after = last + 1;
    // The object after على، ضد، بين، مع، من (or in construct right after a noun).
    let mut object_start = after;
    while object_start < end && matches!(word(an, object_start), "علي" | "ضد" | "بين" | "مع" | "من" | "عن") {
        object_start += 1;
    }
    let clause = clause_start(an, first, start);
    let (actor, target) = active_roles(an, entities, first, last, noun, agentive, end, after, object_start, clause);
    let (actor, target) = passive_agent(an, entities, last, end, actor, target);
    if is_symmetric(event_type, mode) {
        return symmetric_parties(an, entities, first, last, start, end, actor, target);
    }
    (actor, target)
}

/// Parties of talks, agreements and coordination. بين X وY names both (X the actor, Y the
/// target, as both are doers); مع Y names the other party, the doer being the clause's subject,
/// else the last person or organisation the sentence named before the trigger (a participant
/// named with his titles before the verb that governs the noun: فلان، المبعوث …، أجرى محادثات).
#[allow(clippy::too_many_arguments)]
fn symmetric_parties(
    an: &Analysis,
    entities: &[Entity],
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    actor: Option<EntityRef>,
    target: Option<EntityRef>,
) -> (Option<EntityRef>, Option<EntityRef>) {
    let mut after = last + 1;
    while after < end && crate::attribution::phrase::is_adverbial(word(an, after)) {
        after += 1;
    }
    match word(an, after) {
        "بين" if actor.is_none() => {
            let Some(x) = first_mention(an, entities, after + 1, (after + 4).min(end), &PARTIES) else { return (actor, target) };
            let x_last = an.tokens.partition_point(|t| t.span.start < x.end);
            let y = (x_last < end && word(an, x_last).starts_with('و'))
                .then(|| first_mention(an, entities, x_last, (x_last + 3).min(end), &PARTIES))
                .flatten();
            (Some(x), y.or(target))
        }
        "مع" => {
            let other = first_mention(an, entities, after + 1, (after + 6).min(end), &PARTIES);
            let doer = actor
                .filter(|a| other.as_ref().is_none_or(|o| o.entity != a.entity))
                .or_else(|| earlier_party(an, entities, first, start));
            (doer, other.or(target))
        }
        _ => (actor, target),
    }
}

/// The last person or organisation named in the sentence before token `first`, at most twenty
/// tokens back.
fn earlier_party(an: &Analysis, entities: &[Entity], first: usize, start: usize) -> Option<EntityRef> {
    last_mention(an, entities, first.saturating_sub(20).max(start), first, &[EntityType::PER, EntityType::ORG])
}

/// Symmetric happenings: both parties do it (talks, agreements, coordination); a mediator's
/// talks are not symmetric.
fn is_symmetric(event_type: &str, mode: Option<&str>) -> bool {
    matches!(event_type, "AGREE" | "COOPERATE") || event_type == "CONSULT" && mode != Some("mediate")
}

/// The doer named after a passive or a verbal noun by على يد، بيد or من قبل (قُتل X على يد Y،
/// تم اعتقاله من قبل Y): Y is the actor, and what the active reading took as doer is the one the
/// act was done to.
fn passive_agent(
    an: &Analysis,
    entities: &[Entity],
    last: usize,
    end: usize,
    actor: Option<EntityRef>,
    target: Option<EntityRef>,
) -> (Option<EntityRef>, Option<EntityRef>) {
    let limit = (last + 10).min(end);
    let agent_at = (last + 1..limit).find_map(|k| {
        let w = word(an, k);
        let next = if k + 1 < end { word(an, k + 1) } else { "" };
        match (w, next) {
            ("علي", "يد" | "ايدي") | ("من", "قبل") => Some(k + 2),
            ("بيد" | "بايدي", _) => Some(k + 1),
            _ => None,
        }
    });
    let Some(agent_at) = agent_at else { return (actor, target) };
    let Some(agent) = first_mention(an, entities, agent_at, (agent_at + 4).min(end), &PARTIES) else {
        return (actor, target);
    };
    let agent_start = agent.start;
    // The active reading's doer or object that stands before على يد is the one acted on.
    let acted_on = [actor, target]
        .into_iter()
        .flatten()
        .filter(|r| r.start < agent_start && r.entity != agent.entity)
        .min_by_key(|r| r.start);
    (Some(agent), acted_on)
}

/// Actor and target read as an active clause.
#[allow(clippy::too_many_arguments)]
fn active_roles(
    an: &Analysis,
    entities: &[Entity],
    first: usize,
    last: usize,
    noun: bool,
    agentive: bool,
    end: usize,
    after: usize,
    object_start: usize,
    clause: usize,
) -> (Option<EntityRef>, Option<EntityRef>) {
    if noun {
        // إعدام X / سيطرة X على Y / هجوم على Y: a mention in construct is the target unless
        // على follows it, in which case it is the actor.
        let opens_with_preposition = matches!(word(an, after), "علي" | "ضد" | "بين" | "مع" | "من" | "عن");
        let construct = if opens_with_preposition {
            None
        } else {
            first_mention(an, entities, after, (after + 3).min(end), &PARTIES)
        };
        let prep_target = (after..(after + 8).min(end))
            .find(|&k| matches!(word(an, k), "علي" | "ضد" | "بين"))
            .and_then(|k| first_mention(an, entities, k + 1, (k + 5).min(end), &PARTIES).or_else(|| phrase_role(an, entities, k + 1, end)));
        let before_actor = last_mention(an, entities, clause, first, &PARTIES);
        if agentive {
            // سيطرة X على Y، الانسحاب الأمريكي: the construct (or an adjective of origin) is the doer.
            let target = prep_target.filter(|t| construct.as_ref().is_none_or(|c| c.end <= t.start));
            return (construct.or(before_actor), target);
        }
        // تصفية ميدانية لسجناء X: a party behind ل is the object of the verbal noun.
        let behind_lam = construct.as_ref().is_some_and(|c| {
            (after..end).take_while(|&k| an.tokens[k].span.start <= c.start).any(|k| {
                let proclitics = &word(an, k)[..an.tokens[k].proclitic_len.min(word(an, k).len())];
                proclitics.starts_with('ل') || proclitics.starts_with("ول")
            })
        });
        if behind_lam {
            return (before_actor, construct);
        }
        // استهداف X، يوم كذا، مقر Y: a doer in construct, then the object in the accusative.
        if let (Some(c), None) = (&construct, &prep_target) {
            if let Some(object) = object_after(an, entities, c.end, end) {
                return (Some(c.clone()), Some(object));
            }
        }
        return match (construct, prep_target) {
            (Some(c), Some(t)) if c.end <= t.start => (Some(c), Some(t)),
            (Some(c), _) => (before_actor, Some(c)),
            (None, Some(t)) => (before_actor, Some(t)),
            (None, None) => (before_actor, phrase_role(an, entities, object_start, end)),
        };
    }
    // A verb: subject after it (VSO) or before it in its clause (SVO); then the object.
    // A verb that agrees in the plural (قتلوا) carries its subject as a pronoun: the noun after it
    // is the object (in verb–subject order the verb stays singular).
    let plural_verb = word(an, last).ends_with("وا");
    let vso_subject =
        if plural_verb { None } else { first_mention(an, entities, after, (after + 3).min(end), &PARTIES) };
    // A verb carrying و/ف starts its own clause: what stands before it belongs to the clause before.
    let coordinated = an.tokens[first].proclitic_len > 0 && matches!(word(an, first).chars().next(), Some('و' | 'ف'));
    let svo_subject = if coordinated { None } else { last_mention(an, entities, clause, first, &PARTIES) };
    let actor = svo_subject.clone().or(vso_subject.clone());
    let object_from = match (&svo_subject, &vso_subject) {
        (None, Some(s)) => an.tokens.partition_point(|t| t.span.start < s.end),
        _ => object_start,
    };
    let mut k = object_from;
    while k < end && matches!(word(an, k), "علي" | "ضد" | "بين" | "مع" | "من" | "عن") {
        k += 1;
    }
    // A counted object (قتلت 3 أعضاء في فرع X) is a number of members of the group named after it.
    let counted = k < end && an.tokens[k].kind == TokenKind::Number;
    let reach = if counted { 9 } else { 5 };
    let target = first_mention(an, entities, k, (k + reach).min(end), &PARTIES).or_else(|| phrase_role(an, entities, k, end));
    let actor = actor.or_else(|| if clause < first && !coordinated { phrase_role(an, entities, clause, first) } else { None });
    (actor, target)
}

/// The place of the event: a place named after في in the rest of the sentence.
pub fn place(an: &Analysis, entities: &[Entity], from: usize, end: usize) -> Option<EntityRef> {
    (from..end)
        .filter(|&k| without_conjunction(word(an, k)).any(|w| w == "في") || word(an, k).starts_with('ب'))
        .find_map(|k| first_mention(an, entities, k, (k + 4).min(end), &[EntityType::LOC]))
}

/// Is the mention at token `i` negated or hedged (لم، لا، نفى، مزاعم، يعتقد)?
pub fn is_negated(an: &Analysis, i: usize, start: usize) -> bool {
    (i.saturating_sub(4).max(start)..i).any(|k| {
        let w = word(an, k);
        matches!(w, "لم" | "لا" | "ولم" | "نفي" | "مزاعم" | "يعتقد" | "ويعتقد" | "يزعم" | "قيل" | "يقال" | "ينفي" | "نفت")
    })
}

/// A death or injury toll stated in a sentence, at the token of its figure.
pub struct CasualtyFigure {
    pub token: usize,
    pub wounded: bool,
    pub figure: Figure,
}

fn is_death_word(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    let w = w.strip_prefix("ال").unwrap_or(w);
    matches!(
        w,
        "مقتل" | "بمقتل" | "قتل" | "قتلت" | "قتلي" | "قتيل" | "قتيلا" | "قتلوا" | "استشهاد" | "شهيد" | "شهيدا" | "شهداء"
            | "مصرع" | "وفاه" | "وفيات" | "حتفهم" | "حتفه" | "جثث" | "جثه" | "ضحايا" | "لقوا" | "لقي" | "موت"
    )
}

fn is_injury_word(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    let w = w.strip_prefix("ال").unwrap_or(w);
    matches!(
        w,
        "اصابه" | "اصابات" | "مصاب" | "مصابا" | "مصابين" | "مصابون" | "جرحي" | "جريح" | "جريحا" | "جرح" | "اصيب"
            | "اصيبوا" | "بجروح" | "جروح"
    )
}

/// Quantities of the sentence that state a toll: a death or injury word just before the figure
/// (مقتل 6، ارتفع عدد الشهداء إلى 15) or just after it (6 قتلى، سبعة قتلوا).
pub fn casualty_figures(
    an: &Analysis,
    quantities: &[QuantityOut],
    sentence: Span,
    start: usize,
    end: usize,
) -> Vec<CasualtyFigure> {
    let mut out = Vec::new();
    for q in quantities.iter().filter(|q| sentence.contains(Span::new(q.start, q.end))) {
        let first = an.tokens.partition_point(|t| t.span.start < q.start);
        let last = an.tokens.partition_point(|t| t.span.start < q.end).saturating_sub(1).max(first);
        if first >= end || first < start {
            continue;
        }
        let toll = |w: &str| {
            if is_death_word(w) {
                Some(false)
            } else if is_injury_word(w) {
                Some(true)
            } else {
                None
            }
        };
        let before: Vec<&str> = (first.saturating_sub(6).max(start)..first)
            .rev()
            .filter(|&k| an.tokens[k].kind == TokenKind::Word)
            .take(3)
            .map(|k| word(an, k))
            .take_while(|w| !matches!(*w, "من" | "في"))
            .collect();
        // After the figure, a word carrying و starts the next item (15 شهيدا والمصابين …).
        let after: Vec<&str> = (first..(last + 3).min(end))
            .filter(|&k| an.tokens[k].kind == TokenKind::Word)
            .take(2)
            .map(|k| word(an, k))
            .take_while(|w| !w.starts_with('و') || is_death_word(w) && w.starts_with("وفا"))
            .collect();
        // A count of shells or bombs (سقوط قذيفتين) is the weapon, not the toll.
        if (first..=last).any(|k| is_weapon_noun(word(an, k))) {
            continue;
        }
        // The nearest toll word wins, the counted noun first (6 قتلى), then the word before.
        let mut kind = None;
        for k in 0..3 {
            kind = after.get(k).and_then(|w| toll(w)).or_else(|| before.get(k).and_then(|w| toll(w)));
            if kind.is_some() {
                break;
            }
        }
        // ارتفعت حصيلة ضحايا الانفجار في المدينة إلى 12: the toll word stands with حصيلة / عدد,
        // however long the phrase that names the cause before إلى.
        if kind.is_none() && first > start && word(an, first - 1) == "الي" {
            kind = tally_before(an, first - 1, start).map(|k| toll(k).unwrap_or(false));
        }
        let Some(figure) = figure_of(q) else { continue };
        let conjoined = word(an, first).starts_with('و') || first > start && word(an, first - 1) == "و";
        // 5 شهداء من رجال الأمن و6 متدربين: a second group of the same toll adds to it.
        if conjoined {
            if let Some(previous) = out.last_mut().filter(|p: &&mut CasualtyFigure| p.token <= first && first - p.token <= 7) {
                if kind.is_none_or(|w| w == previous.wounded) {
                    previous.figure = add(previous.figure, figure, 0);
                    continue;
                }
            }
        }
        let Some(wounded) = kind else { continue };
        // قُتل مع ثمانية من مرافقيه / قتلوا فلانا وثمانية آخرين: the named victim and the others.
        let others = (last + 1..(last + 5).min(end)).any(|k| matches!(word(an, k), "اخرين" | "اخرون" | "اخري"));
        let no_number_before = (first.saturating_sub(4).max(start)..first).all(|k| an.tokens[k].kind != TokenKind::Number);
        let companions = no_number_before && !wounded && (before.first() == Some(&"مع") || conjoined && others);
        let figure = if companions { add(figure, Figure::Exact(0), 1) } else { figure };
        out.push(CasualtyFigure { token: first, wounded, figure });
    }
    out
}

/// The word after the tally noun (حصيلة، عدد) that opens the phrase ending at `to` (إلى), up
/// to twenty tokens back in the sentence; the tally word itself where no toll word follows it
/// (حصيلة الانفجار counts the dead); none for a bare عدد.
fn tally_before<'a>(an: &'a Analysis, to: usize, start: usize) -> Option<&'a str> {
    let floor = to.saturating_sub(20).max(start);
    let tally = (floor..to).rev().take_while(|&k| an.tokens[k].kind != TokenKind::Number).find(|&k| {
        matches!(crate::lexicon::bare_noun(word(an, k)), "حصيله" | "عدد")
    })?;
    let toll_word = (tally + 1..(tally + 3).min(to)).map(|k| word(an, k)).find(|w| is_death_word(w) || is_injury_word(w));
    // عدد counts anything (عدد الدول المشاركة): only a toll word makes it a toll.
    match toll_word {
        Some(w) => Some(w),
        None if crate::lexicon::bare_noun(word(an, tally)) == "حصيله" => Some("حصيله"),
        None => None,
    }
}

/// Nouns of shells, rockets, bombs and mines, in matching form with or without the article.
pub fn is_weapon_noun(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    let w = w.strip_prefix('ب').filter(|b| b.chars().count() >= 4).unwrap_or(w);
    let bare = crate::lexicon::bare_noun(w);
    ["قذيف", "قذايف", "صاروخ", "صواريخ", "قنبل", "قنابل", "عبوه", "عبوت", "عبوات", "برميل", "براميل", "هاون"]
        .iter()
        .any(|p| bare.starts_with(p))
        || matches!(bare, "لغم" | "الغام" | "لغمين")
}

/// The sum of two figures plus `extra`; bounds add where both are known.
fn add(a: Figure, b: Figure, extra: i64) -> Figure {
    let parts = |f: Figure| match f {
        Figure::Exact(v) => (Some(v), Some(v), Some(v)),
        Figure::Range { low, high, best } => (low, high, best),
    };
    let (al, ah, ab) = parts(a);
    let (bl, bh, bb) = parts(b);
    let sum = |x: Option<i64>, y: Option<i64>| Some(x? + y? + extra);
    match (a, b) {
        (Figure::Exact(x), Figure::Exact(y)) => Figure::Exact(x + y + extra),
        _ => Figure::Range { low: sum(al, bl), high: sum(ah, bh), best: sum(ab, bb) },
    }
}

/// A single named victim after a death noun (مقتل زعيم الجماعة، مقتل طيارها، لقي حتفه): one killed.
pub fn single_victim(an: &Analysis, entities: &[Entity], token: usize, end: usize) -> bool {
    let w = word(an, token);
    let stems = crate::events::triggers::stems(w);
    if stems.iter().any(|s| matches!(s.as_str(), "حتفه" | "مصرعه")) {
        return true;
    }
    if !stems.iter().any(|s| matches!(s.as_str(), "مقتل" | "مصرع" | "اغتيال")) || token + 1 >= end {
        return false;
    }
    let next = word(an, token + 1);
    let lex = crate::lexicon::lexicon();
    let bare = crate::lexicon::bare_noun(next);
    let person = first_mention(an, entities, token + 1, (token + 5).min(end), &[EntityType::PER])
        .is_some_and(|m| m.start == an.tokens[token + 1].span.start);
    let role = lex.role_words.contains(bare) && !bare.ends_with("ين") && !bare.ends_with("ون");
    // A singular noun with a possessive (طيارها، قائدهم) names one person.
    let possessed = an.tokens[token + 1].kind == TokenKind::Word && (next.ends_with("ها") || next.ends_with("هم")) && !next.ends_with("يها") && !next.ends_with("اتها");
    person || role || possessed
}

/// The person named right after the death noun at `token` (مقتل فلان), if any.
pub fn victim_named(an: &Analysis, entities: &[Entity], token: usize, end: usize) -> Option<EntityRef> {
    if token + 1 >= end {
        return None;
    }
    first_mention(an, entities, token + 1, (token + 5).min(end), &[EntityType::PER])
        .filter(|m| m.start == an.tokens[token + 1].span.start)
}

fn figure_of(q: &QuantityOut) -> Option<Figure> {
    let int = |x: f64| x.round() as i64;
    if let Some(v) = q.value {
        return Some(Figure::Exact(int(v)));
    }
    if q.low.is_some() || q.high.is_some() {
        return Some(Figure::Range { low: q.low.map(int), high: q.high.map(int), best: None });
    }
    None
}
