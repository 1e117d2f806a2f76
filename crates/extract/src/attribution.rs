//! Attributions: reporting cues, their sources, contents and chains of outer sources.
//!
//! One [`Attribution`] per reporting cue ([`cues`]). Its source is found by Arabic word order: in
//! verb–subject order the speaker follows the verb (قال وزير الخارجية … إن), in subject–verb order
//! it precedes it (الوزارة قالت …), after an introducer it follows (بحسب الصحيفة). A speaker that is
//! only implied (وقال إن …, مضيفا أن …) or named by an anaphoric noun (وأضافت الصحيفة، وقال
//! الوزير) is resolved to the most recent matching speaker: the source then refers to the
//! antecedent's words and entity, so the record says who.
//!
//! Chains (`via`, nearest first) come from an introducer in the same clause (وبحسب الصحيفة، قال
//! الوزير …؛ قال فلان …، وفقا لـ …), a channel naming an outlet (في مقابلة مع …، في صحيفة …،
//! لقناة …), and nesting: a cue inside the content of another cue of the same sentence reports
//! through that cue's source. Passive hearsay (قيل، يقال) names no speaker and is left to events as
//! a hedge.

pub mod cues;
pub mod phrase;

use crate::lexicon::{bare_noun, lexicon, Agreement};
use crate::{entities, Analysis, Attribution, ByteSpan, Entity, EntityRef, EntityType, TextSpan};
use cues::{find_cues, is_coordinator, Cue, CueKind};
use isnad_text::tokens::TokenKind;
use isnad_text::Span;
use phrase::*;

/// A cue being resolved, with what the later steps need to know about it.
struct Draft {
    cue: Cue,
    sentence: usize,
    source: Option<EntityRef>,
    /// The speaker phrase's tokens (explicit sources only).
    source_tokens: Option<(usize, usize)>,
    /// Token where the reported content starts.
    content_start: usize,
    content_end_token: usize,
    via: Vec<EntityRef>,
    /// Does the source name an outlet (for anaphors such as الصحيفة)?
    outlet: bool,
    /// The chain was carried over from an earlier statement, not named in this one.
    inherited_via: bool,
    dropped: bool,
}

/// Finds the attributions of an article.
pub fn find(analysis: &Analysis, entities: &[Entity]) -> Vec<Attribution> {
    let an = analysis;
    let mut drafts: Vec<Draft> = Vec::new();
    for (sentence, s) in an.sentences.iter().enumerate() {
        let range = an.tokens_in(*s);
        if range.is_empty() {
            continue;
        }
        let first_new = drafts.len();
        for cue in find_cues(an, range.start, range.end) {
            // A verb inside the quotation another speaker of this sentence opened is part of the
            // quoted words (قال: "… يكشف عن …"), not a statement of its own.
            let quoting = drafts[first_new..].iter().rev().find(|d| !d.dropped);
            if cue.kind == CueKind::Verb && quoting.is_some_and(|d| inside_quotation(an, d.cue.last + 1, cue.first)) {
                continue;
            }
            let draft = resolve_cue(an, entities, &drafts, cue, sentence, range.start, range.end);
            drafts.push(draft);
        }
        link_sentence(an, entities, &mut drafts, first_new, range.end);
    }
    for d in drafts.iter_mut().filter(|d| !d.dropped && d.cue.kind == CueKind::Introducer) {
        give_trailing_introducer_its_clause(an, d);
    }
    drafts
        .into_iter()
        .filter(|d| !d.dropped)
        .map(|d| {
            let cue_span = cue_span(an, &d.cue);
            let content = (d.content_start < d.content_end_token).then(|| {
                let span = span_of(an, d.content_start, d.content_end_token - 1);
                ByteSpan { start: span.start, end: span.end }
            });
            Attribution {
                cue: TextSpan { start: cue_span.start, end: cue_span.end, text: an.slice(cue_span).to_string() },
                source: d.source,
                content,
                via: d.via,
                cue_kind: d.cue.kind.name().to_string(),
                negated: d.cue.negated,
            }
        })
        .collect()
}

/// An introducer that closes its sentence (…، وذلك بحسب ما جاء في صحيفة X.) qualifies the words
/// before it: they become its content, so events reported there trace to that source.
fn give_trailing_introducer_its_clause(an: &Analysis, d: &mut Draft) {
    let range = an.tokens_in(an.sentences[d.sentence]);
    let after_source = d.source_tokens.map_or(d.cue.last + 1, |(_, last)| last + 1);
    let trailing = (after_source..range.end).all(|k| an.tokens[k].kind == TokenKind::Punct);
    if !trailing || d.cue.first <= range.start {
        return;
    }
    let mut end = d.cue.first;
    while end > range.start && (an.tokens[end - 1].kind == TokenKind::Punct || matches!(word(an, end - 1), "وذلك" | "ذلك" | "و")) {
        end -= 1;
    }
    if end > range.start {
        d.content_start = range.start;
        d.content_end_token = end;
    }
}

/// Is token `at` inside a quotation opened at or after token `from` and not yet closed?
fn inside_quotation(an: &Analysis, from: usize, at: usize) -> bool {
    let mut open = false;
    for k in from..at {
        match word(an, k) {
            "«" | "“" if is_punct(an, k, &QUOTES) => open = true,
            "»" | "”" if is_punct(an, k, &QUOTES) => open = false,
            "\"" if is_punct(an, k, &QUOTES) => open = !open,
            _ => {}
        }
    }
    open
}

fn cue_span(an: &Analysis, cue: &Cue) -> Span {
    let first = span_without_prefix(an, cue.first, cue.conjunction_len);
    Span::new(first.start, an.tokens[cue.last].span.end.max(first.start))
}

/// Finds the source and content of one cue.
fn resolve_cue(
    an: &Analysis,
    entities: &[Entity],
    earlier: &[Draft],
    cue: Cue,
    sentence: usize,
    start: usize,
    end: usize,
) -> Draft {
    let mut draft = Draft {
        cue: cue.clone(),
        sentence,
        source: None,
        source_tokens: None,
        content_start: cue.last + 1,
        content_end_token: end,
        via: Vec::new(),
        outlet: false,
        inherited_via: false,
        dropped: false,
    };
    let mut after = cue.last + 1;
    // No subject of its own: the speaker is implied (وقال إن …) and must be resolved.
    let mut implicit = false;
    match cue.kind {
        CueKind::Introducer | CueKind::Noun => {
            if let Some((first, skip)) = cue.source_start {
                if let Some(last) = phrase_forward(an, first, end).map(|last| extend_over_mention(an, entities, first, last, end)) {
                    draft.source_tokens = Some((first, last));
                    let span = Span::new(span_without_prefix(an, first, skip).start, an.tokens[last].span.end);
                    draft.source = Some(source_ref(an, entities, earlier, span, first, last, cue.agreement));
                    after = last + 1;
                }
            }
        }
        CueKind::Headline => {
            let (first, _) = cue.source_start.unwrap_or((start, 0));
            if first < cue.first {
                let span = span_of(an, first, cue.first - 1);
                draft.source_tokens = Some((first, cue.first - 1));
                draft.source = Some(source_ref(an, entities, earlier, span, first, cue.first - 1, None));
            }
        }
        CueKind::Verb | CueKind::Participle => {
            let mut subject_first = skip_adverbials(an, cue.last + 1, end);
            // ووضح ذلك الدكتور فلان: a demonstrative object may stand between the verb and its subject.
            if matches!(word(an, subject_first), "ذلك" | "هذا" | "هذه" | "ذاك") && names_speaker_at(an, entities, subject_first + 1) {
                subject_first += 1;
            }
            let verb_has_conjunction = cue.conjunction_len > 0;
            // إذ and قد may stand between a subject and its verb (والوزارة إذ تعلن).
            let mut before_index = cue.first;
            while before_index > start && matches!(word(an, before_index - 1), "اذ" | "قد") {
                before_index -= 1;
            }
            let before = if before_index > start { word(an, before_index - 1) } else { "" };
            let clause_initial = cue.first == start
                || verb_has_conjunction
                || before_index == start
                || an.tokens[before_index - 1].kind == TokenKind::Punct && !is_punct(an, before_index - 1, &QUOTES)
                || is_coordinator(before)
                || is_phrase_stop(before);
            let forward_candidate = if cue.kind == CueKind::Verb {
                phrase_forward(an, subject_first, end)
                    .filter(|_| !starts_content(an, subject_first) && !is_addressed_outlet(word(an, subject_first)) && !is_object_noun(word(an, subject_first)))
                    .map(|last| extend_over_mention(an, entities, subject_first, last, end))
            } else {
                None
            };
            // قال X إن …: a subject followed at once by the content settles verb–subject order.
            let forward_settled = forward_candidate.is_some_and(|last| {
                let (_, content) = channel_via(an, entities, earlier, last + 1, end);
                opens_content(an, &cue, content)
            });
            let backward = if cue.kind == CueKind::Verb && !clause_initial && !forward_settled {
                phrase_backward(an, start, before_index)
            } else {
                None
            };
            let forward = if backward.is_none() { forward_candidate } else { None };
            if let Some(first) = backward {
                let last = before_index - 1;
                let (first, last) = trim_phrase(an, first, last);
                draft.source_tokens = Some((first, last));
                draft.source = Some(source_ref(an, entities, earlier, span_of(an, first, last), first, last, cue.agreement));
            } else if let Some(last) = forward {
                draft.source_tokens = Some((subject_first, last));
                draft.source = Some(source_ref(
                    an,
                    entities,
                    earlier,
                    span_of(an, subject_first, last),
                    subject_first,
                    last,
                    cue.agreement,
                ));
                after = last + 1;
            } else {
                implicit = true;
                let (source, antecedent) = implicit_subject(an, entities, earlier, &cue, sentence, start);
                draft.source = source;
                // لكنه قال … after وأعرب الوزير في مقابلة مع X: still the same interview.
                if let Some(a) = antecedent.filter(|&a| earlier[a].sentence + 1 >= sentence && !earlier[a].inherited_via) {
                    draft.via = earlier[a].via.clone();
                    draft.inherited_via = !draft.via.is_empty();
                }
            }
        }
    }
    if cue.kind == CueKind::Introducer && !is_document_free(an, &draft) {
        // وفقا للاتفاقية، بحسب القانون: a legal text, not a source.
        draft.dropped = true;
    }
    if let Some((first, last)) = draft.source_tokens {
        draft.outlet = names_outlet(an, entities, first, last);
    }
    if draft.source.as_ref().is_some_and(|s| s.entity.is_none()) && draft.source_tokens.is_none() {
        // A resolved antecedent: copy whether it was an outlet.
        draft.outlet = earlier.iter().rev().any(|d| d.outlet && d.source == draft.source);
    }
    // Channels between the speaker and the content name outer sources (في مقابلة مع …، لقناة …).
    let (via, content_start) = channel_via(an, entities, earlier, after, end);
    draft.via.extend(via);
    draft.content_start = content_start;
    // Verbs that also take a plain object (اعتبر، يرى، أشار) report speech only when the content
    // opens right after the speaker.
    let needs_complement = matches!(cue.kind, CueKind::Verb | CueKind::Participle) && needs_complement(an, &cue);
    if needs_complement && !opens_content(an, &cue, content_start) {
        draft.dropped = true;
    }
    // A verb with neither subject nor reported words after it (وأضافت أو …، ويعلن مسؤوليته) is the
    // verb's other sense ("added", "declared"), not a statement by an implied speaker.
    if implicit && !implied_speaker_content_follows(an, &cue, content_start, end) {
        draft.dropped = true;
    }
    // A statement named by a noun (إعلان الوزارة أن …، إعلان المتحدث انتهاء العملية) needs words
    // after its speaker; "before the group's announcement" alone reports nothing.
    // The speaker phrase may swallow a bare object, so count the words left after the cue: a
    // speaker and a statement need more than two.
    let words_after = (cue.last + 1..end).filter(|&k| matches!(an.tokens[k].kind, TokenKind::Word | TokenKind::Latin | TokenKind::Number)).count();
    if cue.kind == CueKind::Noun && words_after <= 2 {
        draft.dropped = true;
    }
    // أعلن حالة الطوارئ، أعلن الحداد: a declaration that is an act, left to events.
    if cue.lemma == "اعلن" && (cue.last + 1..content_start.min(cue.last + 9) + 1).any(|k| is_performative_object(an, k)) {
        draft.dropped = true;
    }
    if is_opinion(an, &cue) && !opinion_is_statement(an, entities, &draft, &cue, implicit, start) {
        draft.dropped = true;
    }
    // يشير اسم X إلى، تشير المدينة إلى: a word or a place "refers to"; only a speaker "points out".
    if matches!(cue.lemma.as_str(), "اشار" | "لفت") && draft.source_tokens.is_some() && !names_speaker(an, entities, &draft) {
        draft.dropped = true;
    }
    draft
}

/// Nouns that, right after a verb, are its object rather than its subject (يعلن مسؤوليته،
/// أعلنت مسؤوليتها): a claim of responsibility names its claimant elsewhere.
fn is_object_noun(w: &str) -> bool {
    let bare = bare_noun(w);
    ["مسووليه", "مسووليت"].iter().any(|stem| bare.starts_with(stem))
}

/// Objects of أعلن that make the verb an act rather than a statement (حالة الطوارئ، الحداد،
/// النفير، حظر التجول، التعبئة).
fn is_performative_object(an: &Analysis, i: usize) -> bool {
    match bare_noun(word(an, i)) {
        "حاله" => matches!(bare_noun(word(an, i + 1)), "طوارئ" | "طواري" | "استنفار" | "تاهب"),
        "حظر" => bare_noun(word(an, i + 1)) == "تجول",
        w => matches!(w, "حداد" | "نفير" | "تعبيه" | "استنفار" | "هدنه"),
    }
}

/// After a verb with an implied speaker: do the reported words open at once, or after an
/// adverbial or channel phrase (وقال في بيان إن، وأضاف لقناة …: …)? Any other word after the verb
/// is its object, so the verb does not report speech here.
fn implied_speaker_content_follows(an: &Analysis, cue: &Cue, content_start: usize, end: usize) -> bool {
    let first = skip_adverbials(an, cue.last + 1, end);
    if !opens_content(an, cue, content_start) {
        return false;
    }
    if first >= content_start {
        return true;
    }
    let w = word(an, first);
    matches!(w, "في" | "خلال" | "عبر" | "امام" | "لدي" | "عقب" | "اثناء" | "علي" | "من" | "بعد" | "مع" | "ل")
        || w.starts_with('ل') && an.tokens[first].proclitic_len > 0
        || is_channel_noun(w)
}

/// Is the cue a verb of opinion (اعتبر، رأى، لاحظ)? These report a statement only when a named
/// speaker voices a view in a complement clause.
fn is_opinion(an: &Analysis, cue: &Cue) -> bool {
    matches!(cue.kind, CueKind::Verb | CueKind::Participle)
        && crate::lexicon::without_conjunction(word(an, cue.first))
            .find_map(|f| lexicon().reporting.get(f))
            .is_some_and(|form| form.stance == "opinion")
}

/// Does an opinion verb report what a speaker said, rather than describe a state of mind or the
/// writer's analysis? It needs an explicit speaker (a person, organisation, outlet, role or
/// unnamed source, not only countries), a complement clause (أن …), and no habitual كان before it
/// ("used to think").
fn opinion_is_statement(an: &Analysis, entities: &[Entity], draft: &Draft, cue: &Cue, implicit: bool, start: usize) -> bool {
    if implicit || cue.kind == CueKind::Participle {
        return cue.kind == CueKind::Participle && !implicit_is_habitual(an, cue, start);
    }
    if implicit_is_habitual(an, cue, start) || draft.source_tokens.is_some_and(|(first, _)| first < cue.first && first > start && is_past_copula(word(an, first - 1))) {
        return false;
    }
    let mut i = draft.content_start;
    while is_punct(an, i, &[",", "،"]) {
        i += 1;
    }
    if !(starts_content(an, i) || is_punct(an, i, &[":"])) {
        return false;
    }
    let Some((first, last)) = draft.source_tokens else { return false };
    let span = span_of(an, first, last);
    let mut named_kinds = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e.entity_type, m)))
        .filter(|(_, m)| span.start <= m.start && m.end <= span.end)
        .map(|(t, _)| t)
        .peekable();
    let has_entity = named_kinds.peek().is_some();
    let only_places = has_entity && named_kinds.all(|t| t == EntityType::LOC);
    let lex = lexicon();
    let speaker_word = (first..=last).any(|k| {
        let w = word(an, k);
        let bare = bare_noun(w);
        lex.role_words.contains(bare) || lex.unnamed_sources.contains(w) || lex.outlet_heads.contains(bare) || lex.org_heads.contains(bare)
    });
    (has_entity && !only_places) || speaker_word
}

/// Is a كان/كانت within two words before the cue (كان يرى أن، كانت تعتبر)?
fn implicit_is_habitual(an: &Analysis, cue: &Cue, start: usize) -> bool {
    (cue.first.saturating_sub(2).max(start)..cue.first).any(|k| is_past_copula(word(an, k)))
}

/// كان and its forms, with or without a conjunction: before a present verb, "used to".
fn is_past_copula(w: &str) -> bool {
    crate::lexicon::without_conjunction(w).any(|f| matches!(f, "كان" | "كانت" | "كانوا" | "يكون" | "تكون"))
}

/// Extends a phrase ending at token `last` to the end of an entity mention that starts inside it
/// and runs on (قناة ( روسيا اليوم ): the name's own words may look like a time word or a stop).
fn extend_over_mention(an: &Analysis, entities: &[Entity], first: usize, last: usize, end: usize) -> usize {
    let span = span_of(an, first, last);
    let reach = entities
        .iter()
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.start >= span.start && m.start < span.end && m.end > span.end)
        .map(|m| m.end)
        .max();
    let Some(reach) = reach else { return last };
    let mut k = last;
    while k + 1 < end && k < last + 4 && an.tokens[k].span.end < reach {
        k += 1;
    }
    // A closing bracket or quotation right after the name belongs to it.
    if k + 1 < end && is_punct(an, k + 1, &[")"]) && (first..=k).any(|j| is_punct(an, j, &["("])) {
        k += 1;
    }
    if an.tokens[k].span.end >= reach { k } else { last }
}

/// Can the cue's explicit subject speak: not a bare place, not a word about words (اسم، مصطلح)?
fn names_speaker(an: &Analysis, entities: &[Entity], draft: &Draft) -> bool {
    let Some((first, last)) = draft.source_tokens else { return true };
    if matches!(bare_noun(word(an, first)), "اسم" | "مصطلح" | "كلمه" | "لفظ" | "عنوان" | "رقم") {
        return false;
    }
    let span = span_of(an, first, last);
    let only_place = entities::mention_within(entities, span)
        .is_some_and(|(e, m)| e.entity_type == EntityType::LOC && m.start <= span.start + 2 && m.end + 2 >= span.end);
    !only_place
}

/// Does the word at `i` open the reported content rather than name a speaker?
fn starts_content(an: &Analysis, i: usize) -> bool {
    let w = word(an, i);
    is_complementiser(w) || is_punct(an, i, &[":"]) || matches!(w, "الي" | "عن") && is_complementiser(word(an, i + 1))
}

/// Is the cue's verb one that counts only with a complement clause?
fn needs_complement(an: &Analysis, cue: &Cue) -> bool {
    let w = word(an, cue.first);
    crate::lexicon::without_conjunction(w)
        .find_map(|f| lexicon().reporting.get(f))
        .is_some_and(|form| form.needs_complement || form.participle)
}

/// Does the reported content open at token `i`: a complementiser, colon or quotation, or (for
/// أشار، لفت) إلى with its object?
fn opens_content(an: &Analysis, cue: &Cue, i: usize) -> bool {
    let mut i = i;
    while is_punct(an, i, &[",", "،"]) {
        i += 1;
    }
    starts_content(an, i)
        || is_punct(an, i, &QUOTES)
        || matches!(cue.lemma.as_str(), "اشار" | "لفت" | "مشير" | "لافت") && word(an, i) == "الي"
}

/// Drops particles and a leading quotation mark that a backward phrase may start with.
fn trim_phrase(an: &Analysis, mut first: usize, last: usize) -> (usize, usize) {
    while first < last && (an.tokens[first].kind == TokenKind::Punct || matches!(word(an, first), "لكن" | "ولكن" | "الا")) {
        first += 1;
    }
    (first, last)
}

/// Looks past the speaker for channel phrases and introducers that name an outer source; returns
/// them and the token where the content starts.
fn channel_via(an: &Analysis, entities: &[Entity], earlier: &[Draft], from: usize, end: usize) -> (Vec<EntityRef>, usize) {
    let mut via = Vec::new();
    let mut i = from;
    let limit = end.min(from + 14);
    while i < limit {
        let w = word(an, i);
        if starts_content(an, i) || is_punct(an, i, &QUOTES) || cues::introducer_at(an, i, end).is_some() {
            break;
        }
        // إلى / عن open the object of أشار، لفت، كشف: the content starts there.
        if matches!(w, "الي" | "عن") {
            break;
        }
        // لقناة X / لصحيفة X right after the verb or speaker: the channel spoken to.
        if w.starts_with('ل') && is_outlet_head(w) {
            if let Some(last) = phrase_forward_outer(an, i, end) {
                let span = Span::new(span_without_prefix(an, i, "ل".len()).start, an.tokens[last].span.end);
                via.push(source_ref(an, entities, earlier, span, i, last, None));
                i = last + 1;
                continue;
            }
        }
        if w == "في" {
            let next = word(an, i + 1);
            if is_outlet_head(next) {
                if let Some(last) = phrase_forward_outer(an, i + 1, end) {
                    via.push(source_ref(an, entities, earlier, span_of(an, i + 1, last), i + 1, last, None));
                    i = last + 1;
                    continue;
                }
            }
            if is_channel_noun(next) {
                // في مقابلة مع X / في مقال لموقع X / في حديث لـ X
                let mut j = i + 2;
                if matches!(word(an, j), "مع" | "الي" | "ل") {
                    j += 1;
                }
                let target = word(an, j);
                let named = target.starts_with('ل') && (is_outlet_head(target) || target.chars().count() > 3)
                    || word(an, j - 1) == "مع"
                    || word(an, j - 1) == "ل";
                if named && !matches!(target, "له" | "لها" | "لهم" | "صحفي" | "صحافي" | "صحفيه") {
                    let skip = if target.starts_with('ل') && word(an, j - 1) != "مع" && word(an, j - 1) != "ل" { "ل".len() } else { 0 };
                    if let Some(last) = phrase_forward_outer(an, j, end) {
                        let span = Span::new(span_without_prefix(an, j, skip).start, an.tokens[last].span.end);
                        via.push(source_ref(an, entities, earlier, span, j, last, None));
                        i = last + 1;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    (via, i.min(end))
}

/// The name of an outer source after a channel word: a short phrase ending at punctuation or a
/// complementiser.
fn phrase_forward_outer(an: &Analysis, first: usize, end: usize) -> Option<usize> {
    let mut last = None;
    let mut i = first;
    while i < end && i < first + 6 {
        let t = &an.tokens[i];
        let w = word(an, i);
        if t.kind == TokenKind::Punct {
            if QUOTES.contains(&w) || matches!(w, "(" | ")") {
                i += 1;
                continue;
            }
            break;
        }
        if is_phrase_stop(w) || w == "في" || lexicon().reporting.contains_key(w) || is_adverbial(w) {
            break;
        }
        last = Some(i);
        i += 1;
    }
    last
}

/// Does the phrase name an outlet: a head noun (صحيفة، قناة …) or an outlet entity inside it?
fn names_outlet(an: &Analysis, entities: &[Entity], first: usize, last: usize) -> bool {
    let span = span_of(an, first, last);
    is_outlet_head(word(an, first))
        || entities::mention_within(entities, span).is_some_and(|(e, _)| e.entity_type == EntityType::OUTLET)
}

/// A reference for the speaker phrase at tokens `first..=last`, resolving anaphoric nouns
/// (الصحيفة، الوزير، المصادر) to the most recent speaker they describe.
fn source_ref(
    an: &Analysis,
    entities: &[Entity],
    earlier: &[Draft],
    span: Span,
    first: usize,
    last: usize,
    _agreement: Option<Agreement>,
) -> EntityRef {
    let mut own = entities::reference(an, entities, span);
    let lex = lexicon();
    let w = word(an, first);
    // مسؤولون أمريكيون، مصدر عسكري سوري: an unnamed speaker; the country is their affiliation, not
    // the speaker, so the source names no entity (SCHEMA: unnamed sources have none).
    let unnamed = lex.unnamed_sources.contains(w) || lex.unnamed_sources.contains(bare_noun(w));
    if unnamed && own.entity.as_ref().is_some_and(|id| entities.iter().any(|e| &e.id == id && e.entity_type == EntityType::LOC)) {
        own.entity = None;
    }
    if own.entity.is_some() || first != last {
        return own;
    }
    let bare = bare_noun(w);
    let definite = bare.len() < w.len();
    if !definite {
        return own;
    }
    // الجهاديون، المسلحون: members standing for their group, the last organisation named.
    if is_member_plural(bare) {
        return match last_mention(entities, span.start, |e| e.entity_type == EntityType::ORG) {
            Some(group) => EntityRef { entity: group.entity, ..own },
            None => own,
        };
    }
    let live = || earlier.iter().rev().filter(|d| !d.dropped);
    let antecedent = if lex.outlet_heads.contains(bare) {
        // The same kind of outlet first (الصحيفة → the last newspaper named), else the last outlet.
        let mut candidates: Vec<EntityRef> = live().filter(|d| d.outlet).filter_map(|d| d.source.clone()).collect();
        candidates.extend(
            entities
                .iter()
                .filter(|e| e.entity_type == EntityType::OUTLET)
                .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
                .filter(|(_, m)| m.end <= span.start)
                .map(|(e, m)| EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) }),
        );
        let head_of = |r: &EntityRef| {
            let own_head = head_word(&r.text);
            if lex.outlet_heads.contains(own_head.as_str()) {
                return own_head;
            }
            // The head may stand just before the name: صحيفة "X".
            let before = an.text.get(..r.start).unwrap_or("");
            let before = before.trim_end_matches(|c: char| c.is_whitespace() || "\"«“'".contains(c));
            let previous_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            head_word(previous_word)
        };
        let same = candidates.iter().filter(|r| head_of(r) == bare).max_by_key(|r| r.start).cloned();
        same.or_else(|| candidates.into_iter().max_by_key(|r| r.start))
    } else if lex.role_words.contains(bare) || lex.org_heads.contains(bare) || lex.unnamed_sources.contains(w) {
        let stems = same_noun_forms(bare);
        live().find_map(|d| {
            let s = d.source.as_ref()?;
            let text = isnad_text::normalize::normalize_str(&s.text);
            text.split_whitespace().any(|t| stems.iter().any(|st| bare_noun(t) == st)).then(|| s.clone())
        })
    } else {
        None
    };
    let antecedent_is_place = |a: &EntityRef| a.entity.as_ref().is_some_and(|id| entities.iter().any(|e| &e.id == id && e.entity_type == EntityType::LOC));
    match antecedent {
        Some(a) if unnamed && antecedent_is_place(&a) => own,
        Some(a) if a.entity.is_some() => EntityRef { entity: a.entity, ..own },
        Some(a) => a,
        None => own,
    }
}

/// Plural nouns for the members of an armed or political group (الجهاديون، المسلحون، المتمردون),
/// which stand for the group when they speak or claim.
fn is_member_plural(bare: &str) -> bool {
    matches!(
        bare,
        "جهاديون" | "جهاديين" | "مسلحون" | "مسلحين" | "متشددون" | "متشددين" | "متمردون" | "متمردين" | "ارهابيون" | "ارهابيين"
            | "مقاتلون" | "مقاتلين" | "دواعش" | "انفصاليون" | "انفصاليين"
    )
}

/// Does a speaker start at token `i`: a role or title word, or an entity mention?
fn names_speaker_at(an: &Analysis, entities: &[Entity], i: usize) -> bool {
    let Some(token) = an.tokens.get(i) else { return false };
    let lex = lexicon();
    let bare = bare_noun(word(an, i));
    lex.role_words.contains(bare)
        || entities.iter().flat_map(|e| e.mentions.iter().map(move |m| (e, m))).any(|(e, m)| {
            m.start == token.span.start && matches!(e.entity_type, EntityType::PER | EntityType::ORG | EntityType::OUTLET)
        })
}

/// The first word of a phrase without clitics or the article, in matching form.
fn head_word(text: &str) -> String {
    let norm = isnad_text::normalize::normalize_str(text);
    norm.split_whitespace().next().map(|w| bare_noun(w).to_string()).unwrap_or_default()
}

/// Singular and plural of a noun that may refer back (مصدر / مصادر).
fn same_noun_forms(bare: &str) -> Vec<String> {
    let mut forms = vec![bare.to_string()];
    match bare {
        "مصادر" => forms.push("مصدر".into()),
        "مصدر" => forms.push("مصادر".into()),
        "مسوولون" | "مسوولين" => forms.push("مسوول".into()),
        _ => {}
    }
    forms
}

/// The last mention, before byte `before`, of an entity that `keep` accepts.
fn last_mention(entities: &[Entity], before: usize, keep: impl Fn(&Entity) -> bool) -> Option<EntityRef> {
    entities
        .iter()
        .filter(|e| keep(e))
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(|(_, m)| m.end <= before)
        .max_by_key(|(_, m)| m.start)
        .map(|(e, m)| EntityRef { start: m.start, end: m.end, text: m.text.clone(), entity: Some(e.id.clone()) })
}

/// The speaker of a cue with no subject of its own (وقال إن …، مضيفا أن …): a person (masculine
/// verb) or organisation (feminine) named earlier in the sentence, else the latest speaker whose
/// verb agrees.
fn implicit_subject(
    an: &Analysis,
    entities: &[Entity],
    earlier: &[Draft],
    cue: &Cue,
    sentence: usize,
    start: usize,
) -> (Option<EntityRef>, Option<usize>) {
    let sentence_start = an.tokens[start].span.start;
    let cue_start = an.tokens[cue.first].span.start;
    // An introducer right after a verb (وقالت المصادر، وفقا لما ذكرته قناة …، إن …، لافتة …) names
    // the verb's outer source, not the speaker a participle continues.
    let live_speaker = |kinds_ok: &dyn Fn(CueKind) -> bool| {
        earlier.iter().rposition(|d| !d.dropped && d.sentence == sentence && d.source.is_some() && kinds_ok(d.cue.kind))
    };
    let same_sentence_speaker = live_speaker(&|k| k != CueKind::Introducer).or_else(|| live_speaker(&|_| true));
    if cue.kind == CueKind::Participle {
        if let Some(k) = same_sentence_speaker {
            return (earlier[k].source.clone(), Some(k));
        }
    }
    let wanted: &[EntityType] = match cue.agreement {
        Some(Agreement::Masculine) => &[EntityType::PER],
        Some(Agreement::Feminine) => &[EntityType::ORG, EntityType::OUTLET],
        _ => &[EntityType::ORG, EntityType::PER],
    };
    let in_sentence = last_mention(entities, cue_start, |e| wanted.contains(&e.entity_type))
        .filter(|m| m.start >= sentence_start && !earlier.iter().any(|d| d.sentence == sentence && d.source.as_ref().is_some_and(|s| s.start <= m.start && m.end <= s.end && s.start >= sentence_start)));
    if in_sentence.is_some() {
        return (in_sentence, None);
    }
    let k = earlier.iter().rposition(|d| !d.dropped && d.source.is_some() && agrees(d, cue.agreement));
    // وقال إن … after a sentence that brings in a new person with no statement of their own (هذا
    // الإعلان لقي ترحيبا من فلان): the new person speaks, not the last speaker two sentences back.
    if cue.agreement == Some(Agreement::Masculine) && sentence > 0 {
        let previous = an.tokens_in(an.sentences[sentence - 1]);
        let previous_start = an.tokens.get(previous.start).map_or(usize::MAX, |t| t.span.start);
        let last_speaker_end = k.and_then(|k| earlier[k].source.as_ref()).map_or(0, |s| s.end);
        let speaker_sentence = k.map_or(0, |k| earlier[k].sentence);
        let newcomer = last_mention(entities, sentence_start, |e| e.entity_type == EntityType::PER)
            .filter(|m| m.start >= previous_start && m.start >= last_speaker_end && speaker_sentence + 1 < sentence);
        if newcomer.is_some() {
            return (newcomer, None);
        }
    }
    (k.and_then(|k| earlier[k].source.clone()), k)
}

fn agrees(d: &Draft, wanted: Option<Agreement>) -> bool {
    match (d.cue.agreement, wanted) {
        (Some(a), Some(b)) => a == b,
        // Outlets and organisations named by an introducer take feminine agreement.
        (None, Some(Agreement::Feminine)) => true,
        (None, Some(_)) => d.source.as_ref().is_some_and(|s| !s.text.trim_end().ends_with('ة')),
        _ => true,
    }
}

/// Links the cues of one sentence: introducers merge into the verb they qualify as its outer
/// source, nested cues report through the cue whose content holds them, and coordinated cues end
/// the content of the cue before them.
fn link_sentence(an: &Analysis, entities: &[Entity], drafts: &mut [Draft], first_new: usize, end: usize) {
    let _ = entities;
    let n = drafts.len();
    for b in first_new..n {
        if drafts[b].dropped {
            continue;
        }
        for a in (first_new..b).rev() {
            if drafts[a].dropped {
                continue;
            }
            let b_first = drafts[b].cue.first;
            let a_kind = drafts[a].cue.kind;
            let b_kind = drafts[b].cue.kind;
            let b_coordinated = drafts[b].cue.conjunction_len > 0 || b_first > 0 && is_coordinator(word(an, b_first - 1));
            // وبحسب الصحيفة، قال الوزير …: the introducer qualifies the verb right after it.
            if a_kind == CueKind::Introducer && b_kind == CueKind::Verb && !b_coordinated {
                let a_end = drafts[a].source_tokens.map_or(drafts[a].cue.last, |(_, l)| l);
                let between_is_filler = (a_end + 1..b_first).all(|k| is_punct(an, k, &[",", "،"]) || is_adverbial(word(an, k)));
                if between_is_filler {
                    if let Some(s) = drafts[a].source.clone() {
                        let mut via = vec![s];
                        via.extend(drafts[a].via.clone());
                        drafts[b].via.extend(via);
                    }
                    drafts[a].dropped = true;
                    break;
                }
            }
            if b_first < drafts[a].content_start || b_first >= drafts[a].content_end_token {
                continue;
            }
            if b_kind == CueKind::Introducer && matches!(a_kind, CueKind::Verb | CueKind::Participle | CueKind::Noun) {
                let opened = (drafts[a].content_start..b_first).any(|k| starts_content(an, k) || is_punct(an, k, &QUOTES));
                let at_content_start = opened
                    && (drafts[a].content_start..b_first).all(|k| starts_content(an, k) || is_punct(an, k, &QUOTES) || is_punct(an, k, &[",", "،"]));
                if at_content_start {
                    // قالت الصحيفة: "وفقا لمصادرنا …": the statement is the inner source's, through the outer.
                    if let Some(s) = drafts[a].source.clone() {
                        let mut via = vec![s];
                        via.extend(drafts[a].via.clone());
                        drafts[b].via = via;
                    }
                    drafts[a].dropped = true;
                } else if !b_coordinated {
                    // قال فلان …، وفقا لـ …: the introducer names the outer source of the statement.
                    if let Some(s) = drafts[b].source.clone() {
                        drafts[a].via.push(s);
                    }
                    drafts[b].dropped = true;
                }
                break;
            }
            if a_kind == CueKind::Headline {
                continue;
            }
            if b_coordinated || b_kind == CueKind::Participle {
                drafts[a].content_end_token = clause_start(an, b_first, drafts[a].content_start);
                // …، لافتة إلى أن …: the same speaker goes on, through the same outer sources.
                if drafts[b].via.is_empty() && drafts[b].source_tokens.is_none() && drafts[a].source.is_some() && drafts[a].source == drafts[b].source {
                    drafts[b].via = drafts[a].via.clone();
                }
                continue;
            }
            // A cue inside another's content reports through that cue's source (not through itself).
            if let Some(s) = drafts[a].source.clone().filter(|s| !same_speaker(s, drafts[b].source.as_ref())) {
                let mut via = vec![s];
                via.extend(drafts[a].via.clone());
                drafts[b].via = via;
            }
            break;
        }
        let _ = end;
    }
}

/// Do two references name the same speaker (same entity, or same words)?
fn same_speaker(a: &EntityRef, b: Option<&EntityRef>) -> bool {
    b.is_some_and(|b| a.entity.is_some() && a.entity == b.entity || a.text == b.text)
}

/// Is the introducer's object a source rather than a legal text (وفقا للاتفاقية، بحسب القانون)?
fn is_document_free(an: &Analysis, d: &Draft) -> bool {
    let Some((first, last)) = d.source_tokens else { return false };
    // بحسب بعض التكهنات: a quantifier before the noun.
    let first = if matches!(word(an, first), "بعض" | "احدي" | "احد") && first < last { first + 1 } else { first };
    let w = bare_noun(word(an, first));
    let w = w.strip_prefix('ل').map(bare_noun).unwrap_or(w);
    !matches!(
        w,
        "اتفاق" | "اتفاقيه" | "قانون" | "قرار" | "دستور" | "معاهده" | "خطه" | "برنامج" | "شروط" | "بنود" | "مبدا" | "نظام"
            | "تقديرات" | "احصاءات" | "احصاييات" | "ارقام" | "نتايج" | "معطيات" | "بيانات"
            // Speculation and rumour name no one who said it.
            | "تكهنات" | "توقعات" | "ترجيحات" | "شايعات" | "اشاعات" | "تخمينات"
    )
}

/// The token where the clause holding token `i` starts (after the comma or conjunction before it).
fn clause_start(an: &Analysis, i: usize, floor: usize) -> usize {
    let mut k = i;
    while k > floor {
        let w = word(an, k - 1);
        if is_coordinator(w) || matches!(w, "و") {
            k -= 1;
            continue;
        }
        if is_punct(an, k - 1, &[",", "،"]) {
            return k - 1;
        }
        break;
    }
    k
}

#[cfg(test)]
mod tests;
