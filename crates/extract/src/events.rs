//! Events: PLOVER-typed trigger mentions with actor, target, place, date and figures.
//!
//! One [`Event`] per trigger mention ([`triggers`]) of a specific happening. A trigger's sense is
//! checked against the words around it where the word alone is ambiguous (ألقت القبض vs ألقت
//! كلمة، أطلق سراح vs أطلق النار، ضربات بطائرات vs ضربة قوية). Casualty words (مقتل، قتلى،
//! استشهاد) report the toll of the attack named beside them and fold into it; alone they are an
//! assault of their own. Hypothetical and future mentions (قد، سوف، لن، أي، إذا) are skipped.
//! Roles ([`roles`]) come from entity mentions in the clause, else from the words there; figures
//! from the quantities of the sentence tied to death or injury words.

pub mod discourse;
pub mod roles;
pub mod triggers;

use crate::attribution::phrase::{span_of, word};
use crate::{Analysis, Attribution, DateOut, Entity, Event, QuantityOut, TextSpan};
use isnad_text::tokens::TokenKind;
use isnad_text::Span;
use triggers::{trigger_of, TriggerKind};

/// A trigger found in a sentence, before roles and figures.
struct Candidate {
    token: usize,
    /// Last token of the trigger words (ألقت القبض spans two).
    last: usize,
    kind: TriggerKind,
    mode: Option<&'static str>,
}

/// Finds the events of an article.
pub fn find(
    analysis: &Analysis,
    entities: &[Entity],
    attributions: &[Attribution],
    quantities: &[QuantityOut],
    dates: &[DateOut],
) -> Vec<Event> {
    let an = analysis;
    let mut events = Vec::new();
    let mut facts: Vec<discourse::Facts> = Vec::new();
    let mut seen_sentences: Vec<String> = Vec::new();
    let mut seen_triggers: Vec<String> = Vec::new();
    for (sentence_index, sentence) in an.sentences.iter().enumerate() {
        let range = an.tokens_in(*sentence);
        if range.is_empty() {
            continue;
        }
        // A headline printed again (page title, share card) is the same mention, not a new one.
        let key: String = range.clone().map(|k| word(an, k)).collect::<Vec<_>>().join(" ");
        if seen_sentences.contains(&key) {
            continue;
        }
        seen_sentences.push(key);
        let mut candidates = sentence_candidates(an, range.start, range.end);
        // A headline copied on the page (share card, breadcrumb) repeats the trigger with the same
        // words after it: one mention.
        // The key is the words and numbers around the trigger, punctuation left out: a copy's
        // neighbours differ only in the separators the page put between the copies.
        candidates.retain(|c| {
            let key = mention_key(an, c.token, c.last, range.start, range.end);
            let fresh = !seen_triggers.contains(&key);
            seen_triggers.push(key);
            fresh
        });
        let figures = roles::casualty_figures(an, quantities, *sentence, range.start, range.end);
        // A plural noun of the dead (الشهداء) with no figure beside it names people (in a prayer, at
        // a funeral), not the killing.
        candidates.retain(|c| {
            !c.kind.casualty
                || !triggers::stems(word(an, c.token)).iter().any(|s| s == "شهداء")
                || figures.iter().any(|f| f.token.abs_diff(c.token) <= 4)
        });
        let mut sentence_events: Vec<(usize, Event)> = Vec::new();
        for c in &candidates {
            let trigger = span_of(an, c.token, c.last);
            let (actor, target) = roles::actor_and_target(
                an,
                entities,
                (c.token, c.last),
                (c.kind.event_type, c.mode, c.kind.noun),
                range.start,
                range.end,
            );
            facts.push(discourse::Facts {
                first: c.token,
                last: c.last,
                sentence: sentence_index,
                noun: c.kind.noun,
                casualty: c.kind.casualty,
                actor_named: actor.is_some(),
            });
            let place = roles::place(an, entities, c.last + 1, range.end);
            let date = dates
                .iter()
                .find(|d| sentence.contains(Span::new(d.start, d.end)))
                .and_then(|d| d.value.clone());
            let attribution = attributions.iter().position(|a| {
                a.content.is_some_and(|c| c.start <= trigger.start && trigger.end <= c.end)
            });
            let negated = roles::is_negated(an, c.token, range.start)
                || attribution.is_some_and(|k| attributions[k].negated);
            sentence_events.push((
                c.token,
                Event {
                    event_type: c.kind.event_type.to_string(),
                    mode: c.mode.map(str::to_string),
                    trigger: TextSpan { start: trigger.start, end: trigger.end, text: an.slice(trigger).to_string() },
                    actor,
                    target,
                    place,
                    date,
                    killed: None,
                    wounded: None,
                    negated,
                    attribution,
                },
            ));
        }
        // Each figure goes to the nearest assault before it (a toll follows the act: التفجير خلّف
        // 5 شهداء)، else to the nearest after it (مقتل 7 في انفجار); but a toll that names its
        // cause after it (سبعة قتلوا إثر انفجار، قتل 5 في هجوم) belongs to that cause.
        for figure in figures {
            let caused_by = sentence_events
                .iter()
                .map(|(t, _)| *t)
                .filter(|&t| t > figure.token && t - figure.token <= 10)
                .find(|&t| names_cause(an, figure.token, t));
            let nearest = sentence_events
                .iter_mut()
                .filter(|(t, e)| e.event_type == "ASSAULT" && caused_by.is_none_or(|c| c == *t))
                .min_by_key(|(t, _)| (*t > figure.token, t.abs_diff(figure.token)));
            if let Some((_, event)) = nearest {
                let slot = if figure.wounded { &mut event.wounded } else { &mut event.killed };
                if slot.is_none() {
                    *slot = Some(figure.figure);
                }
            }
        }
        // No figure given, but one named victim: one killed, and the victim is the target where
        // the attack names none (الهجوم الذي أسفر عن مقتل فلان).
        for (token, event) in sentence_events.iter_mut() {
            if event.event_type == "ASSAULT" && event.killed.is_none() {
                let victim = (*token..(*token + 12).min(range.end)).find(|&k| roles::single_victim(an, entities, k, range.end));
                if let Some(v) = victim {
                    event.killed = Some(crate::Figure::Exact(1));
                    if event.target.as_ref().is_none_or(|t| t.entity.is_none()) {
                        if let Some(person) = roles::victim_named(an, entities, v, range.end) {
                            event.target = Some(person);
                        }
                    }
                }
            }
        }
        // و + a casualty noun opening the sentence (… .. واستشهاد 15) continues the attack the
        // sentence before reported: its toll, not a new event.
        let first_fact = facts.len() - sentence_events.len();
        if let (Some((token, _)), Some(previous_fact)) = (sentence_events.first(), first_fact.checked_sub(1).map(|k| &facts[k])) {
            let continues = *token == range.start
                && word(an, *token).starts_with('و')
                && facts[first_fact].casualty
                && facts[first_fact].noun
                && previous_fact.sentence + 1 == sentence_index;
            let previous = events.last_mut().filter(|e: &&mut Event| e.event_type == "ASSAULT");
            if let (true, Some(previous)) = (continues, previous) {
                let (_, toll) = sentence_events.remove(0);
                facts.remove(first_fact);
                previous.killed = previous.killed.or(toll.killed);
                previous.wounded = previous.wounded.or(toll.wounded);
            }
        }
        events.extend(sentence_events.into_iter().map(|(_, e)| e));
    }
    discourse::refine(an, entities, attributions, &mut events, &facts);
    events
}

/// The words and numbers from two before the trigger to two after it, within the sentence.
fn mention_key(an: &Analysis, first: usize, last: usize, start: usize, end: usize) -> String {
    let content = |k: &usize| matches!(an.tokens[*k].kind, TokenKind::Word | TokenKind::Number | TokenKind::Latin);
    let before: Vec<usize> = (start..first).rev().filter(content).take(2).collect();
    let after: Vec<usize> = (last + 1..end).filter(content).take(2).collect();
    let mut key = String::new();
    for k in before.into_iter().rev().chain(first..=last).chain(after) {
        key.push_str(word(an, k));
        key.push(' ');
    }
    key
}

/// Does the trigger at `trigger` name the cause of the toll stated at `figure` before it: a
/// preposition of cause or place right before the trigger (إثر، جراء، بسبب، في، ب), with no
/// reporting verb or new clause between?
fn names_cause(an: &Analysis, figure: usize, trigger: usize) -> bool {
    let w = word(an, trigger);
    let prev = word(an, trigger - 1);
    let by_preposition = matches!(prev, "اثر" | "جراء" | "بسبب" | "نتيجه" | "في" | "خلال" | "عقب" | "بعد")
        || w.starts_with("بال") || (w.starts_with('ب') && an.tokens[trigger].proclitic_len > 0);
    let interrupted = (figure + 1..trigger).any(|k| {
        let v = word(an, k);
        matches!(v, "." | "؛" | ";" | ":") || crate::lexicon::lexicon().reporting.contains_key(v) || matches!(v, "ان" | "انه")
    });
    by_preposition && !interrupted
}

/// Words that say the act was prevented or is fought as a kind (تجنب العنف والهجمات، إحباط
/// هجوم، مكافحة التفجيرات): no happening.
fn is_prevention(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    let w = w.strip_prefix('ب').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    let w = w.strip_prefix('ل').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    matches!(w, "تجنب" | "منع" | "احباط" | "مكافحه" | "محاربه" | "تفادي" | "يمنع" | "تمنع")
}

/// Words of striving, purpose or reason before an act (سعت إلى استعادة السيطرة، لتلقي الدعم،
/// أحد أسباب تلقي الدعم): the act is an aim, not a happening.
fn is_aim(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    matches!(
        w,
        "سعت" | "تسعي" | "يسعي" | "سعي" | "بهدف" | "تهدف" | "يهدف" | "لتلقي" | "لجذب" | "لكسب" | "للحصول" | "لحشد" | "اسباب" | "سببا"
    )
}

/// Is the mention at `i` something that happened, as far as the words around it tell?
/// - a death sentence (حكم عليه بالإعدام، أحكام بالإعدام) is not an execution unless carried out
///   (نفذ حكم الإعدام);
/// - an imperfect verb after كان (كانت تدعم) is a habit or a state, not one happening.
fn is_realised(an: &Analysis, i: usize, kind: TriggerKind, start: usize) -> bool {
    let w = word(an, i);
    let window_before = |n: usize| i.saturating_sub(n).max(start)..i;
    if kind.mode == Some("execution") && kind.noun {
        let sentenced = window_before(4).any(|k| {
            let v = word(an, k).trim_start_matches('و');
            v.starts_with("حكم") || v.starts_with("الحكم") || v.starts_with("احكام") || v.starts_with("يحكم") || v.starts_with("بحكم")
        });
        let carried_out = window_before(5).any(|k| {
            let v = word(an, k).trim_start_matches('و');
            v.starts_with("نفذ") || v.starts_with("تنفيذ") || v.starts_with("بتنفيذ") || v.starts_with("ينفذ")
        });
        if sentenced && !carried_out {
            return false;
        }
    }
    if !kind.noun {
        let bare = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
        let imperfect = bare.starts_with('ي') || bare.starts_with('ت') && !bare.ends_with('ت');
        let habitual = window_before(3).any(|k| matches!(word(an, k), "كان" | "كانت" | "كانوا" | "وكان" | "وكانت" | "وكانوا"));
        if imperfect && habitual {
            return false;
        }
    }
    true
}

/// Is the verb at `verb` a description of the noun ending at `noun`: only adjectives (انتحاري،
/// مسلح) or a relative pronoun stand between?
fn describes(an: &Analysis, noun: usize, verb: usize) -> bool {
    (noun + 1..verb).all(|k| {
        let w = word(an, k);
        an.tokens[k].kind == TokenKind::Word && (matches!(w, "الذي" | "التي" | "الذين") || w.ends_with('ي') || w.ends_with("يه") || w.ends_with("يا"))
    })
}

/// Shells, rockets and mortars: what shelling fires (bombs and mines are planted, not fired).
fn is_shell_word(w: &str) -> bool {
    let w = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    let w = w.strip_prefix('ب').filter(|b| b.chars().count() >= 4).unwrap_or(w);
    let bare = crate::lexicon::bare_noun(w);
    ["قذيف", "قذايف", "صاروخ", "صواريخ", "هاون", "مدفعي", "برميل", "براميل"].iter().any(|p| bare.starts_with(p))
}

/// Words that make the mention hypothetical, future or generic.
fn is_irrealis(w: &str) -> bool {
    matches!(w, "قد" | "سوف" | "لن" | "اي" | "لو" | "اذا" | "يمكن" | "ممكن" | "محتمل" | "يجب" | "لمنع" | "باي" | "لاي" | "ولن" | "وقد"
            | "اتوقع" | "نتوقع" | "يتوقع" | "تتوقع" | "متوقع" | "تحت")
}

/// The triggers of one sentence, with casualty words folded into the attack beside them.
fn sentence_candidates(an: &Analysis, start: usize, end: usize) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut i = start;
    while i < end {
        if an.tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let w = word(an, i);
        let Some(kind) = trigger_of(w) else {
            i += 1;
            continue;
        };
        let Some((kind, mode, last)) = in_context(an, i, kind, start, end) else {
            i += 1;
            continue;
        };
        let before = (i.saturating_sub(3).max(start)..i).map(|k| word(an, k)).collect::<Vec<_>>();
        // Five words back, numbers and signs not counted (إحباط ما يصل إلى 99% من الهجمات).
        let aimed = (start..i)
            .rev()
            .filter(|&k| an.tokens[k].kind == TokenKind::Word)
            .take(5)
            .any(|k| is_prevention(word(an, k)) || is_aim(word(an, k)));
        if before.iter().any(|b| is_irrealis(b)) || aimed || !is_realised(an, i, kind, start) {
            i = last + 1;
            continue;
        }
        out.push(Candidate { token: i, last, kind, mode });
        i = last + 1;
    }
    // A casualty word near an attack word reports that attack's toll, not another event.
    let attacks: Vec<usize> =
        out.iter().filter(|c| c.kind.event_type == "ASSAULT" && !c.kind.casualty).map(|c| c.token).collect();
    // A toll introduced by أسفر عن / نتج عن / خلف belongs to the act before it, however far.
    let consequence = |c: &Candidate| {
        (c.token.saturating_sub(3).max(start)..c.token).any(|k| {
            let w = word(an, k);
            w.contains("اسفر") || w.contains("نتج") || matches!(w, "خلف" | "ادي" | "جراء" | "اثر")
        })
    };
    out.retain(|c| {
        !c.kind.casualty
            || !attacks.iter().any(|&a| a.abs_diff(c.token) <= 14 || consequence(c) && a < c.token)
    });
    // جراء الهجوم / إثر التفجير after an attack of the same sentence names that attack again.
    let first_attack = attacks.first().copied();
    out.retain(|c| {
        let causal = c.token > start && matches!(word(an, c.token - 1), "جراء" | "اثر" | "بسبب" | "نتيجه" | "عقب");
        let definite = word(an, c.token).starts_with("ال");
        !(causal && definite && c.kind.event_type == "ASSAULT" && first_attack.is_some_and(|a| a < c.token))
    });
    // A verb describing the attack noun just before it (هجوم انتحاري استهدف …، الهجوم الذي
    // استهدف …) is that attack again.
    let nouns: Vec<usize> =
        out.iter().filter(|c| c.kind.event_type == "ASSAULT" && c.kind.noun && !c.kind.casualty).map(|c| c.last).collect();
    out.retain(|c| {
        c.kind.noun
            || c.kind.event_type != "ASSAULT"
            || c.kind.casualty
            || !nouns.iter().any(|&n| n < c.token && c.token - n <= 3 && describes(an, n, c.token))
    });
    // Two casualty words of one clause (مقتل … وإصابة) are one toll.
    let mut kept: Vec<Candidate> = Vec::new();
    for c in out {
        if c.kind.casualty && kept.last().is_some_and(|k| k.kind.casualty && c.token - k.token <= 8) {
            continue;
        }
        kept.push(c);
    }
    kept
}

/// Checks an ambiguous trigger against its neighbours and settles its mode; returns the kind,
/// mode and last token of the trigger words, or `None` when the word is not an event here.
fn in_context(
    an: &Analysis,
    i: usize,
    kind: TriggerKind,
    start: usize,
    end: usize,
) -> Option<(TriggerKind, Option<&'static str>, usize)> {
    let w = word(an, i);
    let next = |k: usize| if i + k < end { word(an, i + k) } else { "" };
    let near = |words: &[&str], span: usize| (1..=span).any(|k| words.iter().any(|x| next(k).contains(x)));
    let prev = if i > start { word(an, i - 1) } else { "" };
    let base = triggers::stems(w);
    let has = |s: &str| base.iter().any(|b| b == s);
    let mut mode = kind.mode;
    let mut last = i;
    let bare = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
    // ل before a verbal noun marks purpose (لدعم، لإقناع): an aim, not a happening.
    if kind.noun && bare.starts_with('ل') && !bare.starts_with("لل") && trigger_of(bare.trim_start_matches('ل')).is_some() {
        return None;
    }
    let definite = bare.starts_with("ال") || bare.starts_with("بال") || bare.starts_with("لل");
    // Talks named with the article (المفاوضات، طاولة المفاوضات) are the institution or an earlier
    // mention; a new round is indefinite (بدأت مفاوضات جديدة) or names its parties.
    if kind.event_type == "CONSULT" && kind.noun && definite && !matches!(next(1), "بين" | "مع") {
        return None;
    }
    // A plural attack noun is generic (الهجمات الإرهابية) unless counted or aimed (عدة هجمات ضد …).
    let plural_attack = ["هجمات", "تفجيرات"].iter().any(|p| triggers::stems(w).iter().any(|s| s == p));
    if plural_attack {
        let counted = i > start && (an.tokens[i - 1].kind == TokenKind::Number || matches!(prev, "عده" | "سلسله" | "من" | "بعض"));
        if !counted && !near(&["ضد", "علي"], 2) {
            return None;
        }
    }
    // ألقت القبض: arrest only with القبض.
    if has("القت") || has("القي") || has("القوا") || has("القاء") {
        // The subject may stand between: ألقت الشرطة القبض على …
        if !(1..=4).any(|k| next(k) == "القبض") {
            return None;
        }
    }
    // أطلقت X: release with سراح or a head count; shooting with النار/الرصاص.
    if has("اطلقت") || has("اطلقوا") || w == "اطلق" {
        if near(&["الرصاص", "النار"], 2) {
            return Some((TriggerKind { event_type: "ASSAULT", mode: Some("execution"), casualty: false, noun: false }, Some("execution"), i));
        }
        if !(next(1) == "سراح" || an.tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Number)) {
            return None;
        }
    }
    // سقوط is an attack only where what fell is a shell or rocket (not a regime, a city, a plane).
    if has("سقوط") && !(1..=2).any(|k| i + k < end && is_shell_word(next(k))) {
        return None;
    }
    if has("سحب") && !near(&["جنود", "قوات", "قواته", "القوات"], 2) {
        return None;
    }
    if has("اتفاق") && !matches!(next(1), "بين" | "مع") {
        return None;
    }
    if (has("حرب") || has("حربا")) && !matches!(prev, "خاضت" | "خاض" | "خاضوا" | "شنت" | "شن" | "شنوا") {
        return None;
    }
    if has("حملات") && !near(&["ضد"], 3) {
        return None;
    }
    if has("ضربات") || has("ضربه") {
        if !near(&["طاير", "جوي", "مسير", "صاروخ"], 3) {
            return None;
        }
        mode = Some("aerial");
    }
    if has("قصف") && near(&["جوي", "طاير", "الطيران"], 2) {
        mode = Some("aerial");
    }
    if has("استضاف") || has("استضافت") {
        if near(&["محادثات", "مفاوضات", "مباحثات"], 2) {
            mode = Some("mediate");
            last = (i + 1..(i + 3).min(end)).find(|&k| triggers::trigger_of(word(an, k)).is_some()).unwrap_or(i);
        } else if !near(&["وفد", "وفدا", "اجتماع", "قمه"], 2) {
            return None;
        }
    }
    if kind.event_type == "ASSAULT" && mode != Some("execution") {
        // A suicide marker anywhere in the sentence (فجر نفسه، بحزام ناسف، الانتحاري) types the blast.
        let window: Vec<&str> = (start..end).map(|k| word(an, k)).collect();
        if window.iter().any(|x| x.contains("انتحار") || x.contains("ناسف") || *x == "نفسه") {
            mode = Some("suicide");
        } else if window.iter().any(|x| x.contains("طايرات") || x.contains("مسيره") || x.contains("جويه")) {
            mode = Some("aerial");
        } else if mode.is_none() && (i.saturating_sub(2).max(start)..(i + 4).min(end)).any(|k| is_shell_word(word(an, k))) {
            // An attack with shells, rockets or mortars (استهدفت بقذيفتين) is shelling.
            mode = Some("shelling");
        }
    }
    if kind.event_type == "AID" {
        if prev.starts_with("طلب") || word(an, i.saturating_sub(2)).starts_with("طلب") {
            return Some((TriggerKind { event_type: "REQUEST", mode: Some("aid"), casualty: false, noun: true }, Some("aid"), i));
        }
        let window: Vec<&str> = (i.saturating_sub(2).max(start)..(i + 5).min(end)).map(|k| word(an, k)).collect();
        if window.iter().any(|x| x.contains("عسكري") || x.contains("اسلحه") || x.contains("جويه") || *x == "ضد" || x.contains("حرب")) {
            mode = Some("military");
        } else if window.iter().any(|x| x.contains("مالي") || x.contains("اقتصادي") || x.contains("دولار") || x.contains("منح")) {
            mode = Some("economic");
        }
    }
    Some((kind, mode, last))
}

#[cfg(test)]
mod tests;
