//! Word-level helpers over an [`Analysis`]: token text, spans without clitics, and the edges of the
//! noun phrase that names a speaker.
//!
//! Arabic news prose names a speaker with a phrase of role, title, name and apposition
//! (وزير الخارجية القطري الشيخ فلان، …); the phrase ends at a complementiser (أن، إن), a colon or
//! quotation, a preposition that opens an adverbial (في مقابلة، عن، على), a particle, or a clause
//! boundary. These helpers find those edges; they are shared by attribution and events.

use crate::lexicon::{bare_noun, lexicon};
use crate::Analysis;
use isnad_text::tokens::TokenKind;
use isnad_text::Span;

/// Longest subject looked for before a verb: subject–verb order keeps the subject short.
pub const MAX_BACKWARD_WORDS: usize = 9;

/// Longest speaker description kept, in words (the scorer's and the schema's limit is 15).
pub const MAX_PHRASE_WORDS: usize = 12;

/// The matching form of token `i` ("" past the end).
pub fn word<'a>(an: &'a Analysis, i: usize) -> &'a str {
    an.tokens.get(i).map_or("", |t| t.text(&an.norm))
}

/// The input span of tokens `first..=last`.
pub fn span_of(an: &Analysis, first: usize, last: usize) -> Span {
    Span::new(an.tokens[first].span.start, an.tokens[last].span.end.max(an.tokens[first].span.start))
}

/// The input span of token `i` without its first `skip` normalised bytes (a clitic).
pub fn span_without_prefix(an: &Analysis, i: usize, skip: usize) -> Span {
    let t = &an.tokens[i];
    let start = (t.norm.start + skip).min(t.norm.end);
    an.norm.source_span(start, t.norm.end)
}

/// Is token `i` punctuation equal to one of `marks`?
pub fn is_punct(an: &Analysis, i: usize, marks: &[&str]) -> bool {
    an.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct) && marks.contains(&word(an, i))
}

/// Quotation marks of every style writers use.
pub const QUOTES: [&str; 7] = ["\"", "«", "»", "“", "”", "„", "'"];

/// Complementisers and their cliticised forms, which open reported content (أن، إن، بأن …).
pub fn is_complementiser(w: &str) -> bool {
    matches!(
        w,
        "ان" | "انه" | "انها" | "انهم" | "انهما" | "اننا" | "بان" | "بانه" | "بانها" | "بانهم" | "وان" | "وانه" | "فان"
    )
}

/// Words that never belong to a speaker's description: particles, prepositions that open an
/// adverbial, negation, demonstratives, relative pronouns.
pub fn is_phrase_stop(w: &str) -> bool {
    is_complementiser(w)
        || matches!(
            w,
            "عن" | "علي" | "الي" | "الى" | "من" | "خلال" | "عبر" | "امام" | "بعد" | "قبل" | "منذ" | "حول" | "ضد" | "بين"
                | "لن" | "لا" | "لم" | "قد" | "ما" | "هو" | "هي" | "هم" | "ذلك" | "هذا" | "هذه" | "لكن" | "لكنه" | "الا"
                | "اذا" | "حيث" | "كما" | "فيما" | "بينما" | "ثم" | "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"
                | "وقد" | "فقد" | "لقد" | "اذ" | "او" | "ام" | "حتي" | "عندما" | "بعدما" | "كان" | "كانت" | "ليس"
                | "يوم" | "مساء" | "صباح" | "اليوم" | "امس" | "الان" | "موخرا" | "ايضا" | "كذلك" | "بدوره" | "بدورها"
                | "وذلك" | "لدي" | "مع" | "فهم" | "وهم" | "وهو" | "وهي" | "فهو" | "فهي" | "انا" | "نحن" | "انت"
        )
}

/// Time and manner words that may stand between a verb and its subject (قال، السبت، الوزير …).
pub fn is_adverbial(w: &str) -> bool {
    matches!(
        w,
        "اليوم" | "امس" | "الان" | "موخرا" | "ايضا" | "كذلك" | "بدوره" | "بدورها" | "السبت" | "الاحد" | "الاثنين"
            | "الثلاثاء" | "الاربعاء" | "الخميس" | "الجمعه" | "صباح" | "مساء" | "بالفعل" | "مجددا" | "اخيرا" | "رسميا"
            | "لاحقا" | "سابقا" | "صراحه" | "يوم" | "الماضي" | "الفايت"
    )
}

/// Nouns that introduce a channel or document (في مقابلة مع …، في مقال ل …), which end a
/// speaker's description and may name an outer source.
pub fn is_channel_noun(w: &str) -> bool {
    matches!(
        bare_noun(w),
        "مقابله" | "مقال" | "مقاله" | "حديث" | "حوار" | "لقاء" | "تصريح" | "تصريحات" | "تقرير" | "بيان" | "مقابلات"
            | "تغريده" | "منشور" | "موتمر" | "ايجاز" | "رساله" | "كلمه" | "خطاب" | "وقت" | "اطار" | "سياق"
    )
}

/// Does word `w` (clitics allowed) head an outlet's name (صحيفة، قناة، وكالة …)?
pub fn is_outlet_head(w: &str) -> bool {
    let lex = lexicon();
    let bare = bare_noun(w);
    lex.outlet_heads.contains(bare) || bare.strip_prefix('ل').is_some_and(|b| lex.outlet_heads.contains(b))
}

/// A channel addressed with ل (لقناة، لصحيفة): the outlet spoken to, not a speaker.
pub fn is_addressed_outlet(w: &str) -> bool {
    w.starts_with('ل') && is_outlet_head(w) && !lexicon().outlet_heads.contains(bare_noun(w))
}

/// The first token of a forward speaker phrase starting at `start`, skipping adverbials and
/// commas between a verb and its subject; `None` when the phrase is empty.
pub fn skip_adverbials(an: &Analysis, start: usize, end: usize) -> usize {
    let mut i = start;
    while i < end {
        let w = word(an, i);
        if is_punct(an, i, &[",", "،"]) || is_adverbial(w) {
            i += 1;
        } else if w == "في" && word(an, i + 1) == "وقت" {
            // في وقت سابق / لاحق
            i += 3;
        } else {
            break;
        }
    }
    i.min(end)
}

/// The speaker phrase that starts at token `start` (exclusive bound `end`): role, title, name and
/// short appositions. Returns the last token index, or `None` when no word belongs to it.
pub fn phrase_forward(an: &Analysis, start: usize, end: usize) -> Option<usize> {
    let lex = lexicon();
    let mut last: Option<usize> = None;
    let mut words = 0;
    let mut i = start;
    while i < end && words < MAX_PHRASE_WORDS {
        let t = &an.tokens[i];
        let w = word(an, i);
        match t.kind {
            TokenKind::Punct => {
                if QUOTES.contains(&w) {
                    // A quoted name after a head noun or at the start: صحيفة "X" / "X" أكدت.
                    let head_before = last.is_some_and(|l| {
                        let b = bare_noun(word(an, l));
                        lex.outlet_heads.contains(b) || lex.org_heads.contains(b)
                    });
                    if last.is_none() || head_before {
                        if let Some(close) = closing_quote(an, i, end, 5) {
                            last = Some(close);
                            words += close - i;
                            i = close + 1;
                            continue;
                        }
                    }
                    break;
                }
                if matches!(w, "," | "،") && last.is_some() && apposition_follows(an, i + 1, end) {
                    i += 1;
                    continue;
                }
                if matches!(w, "(" | ")" | "-") && last.is_some() {
                    i += 1;
                    continue;
                }
                break;
            }
            TokenKind::Number | TokenKind::Url | TokenKind::Hashtag => break,
            TokenKind::Word | TokenKind::Latin => {
                if is_phrase_stop(w) || crate::attribution::cues::introducer_at(an, i, end).is_some() {
                    break;
                }
                if w == "في" || w == "ل" {
                    // في opens an adverbial when a channel or outlet follows (في مقابلة، في صحيفة);
                    // otherwise it belongs to the description (مدير الدراسات في جامعة …).
                    let next = word(an, i + 1);
                    if last.is_none() || is_channel_noun(next) || is_outlet_head(next) || is_adverbial(next) {
                        break;
                    }
                }
                if last.is_some() && is_addressed_outlet(w) {
                    break;
                }
                if last.is_some() && lex.reporting.contains_key(w) {
                    break;
                }
                last = Some(i);
                words += 1;
            }
        }
        i += 1;
    }
    // A description never ends on a dangling preposition.
    while let Some(l) = last {
        if l > start && matches!(word(an, l), "في" | "ل" | "و") {
            last = Some(l - 1);
        } else {
            break;
        }
    }
    last
}

/// After a comma inside a speaker phrase: does a short apposition (a name, a title) follow, closed
/// by another comma or a complementiser?
fn apposition_follows(an: &Analysis, start: usize, end: usize) -> bool {
    let mut i = start;
    let mut words = 0;
    while i < end {
        let t = &an.tokens[i];
        let w = word(an, i);
        if t.kind == TokenKind::Punct {
            return words > 0 && matches!(w, "," | "،");
        }
        if is_complementiser(w) {
            return words > 0;
        }
        if is_phrase_stop(w) || is_adverbial(w) || w == "في" || crate::attribution::cues::introducer_at(an, i, end).is_some() {
            return false;
        }
        if lexicon().reporting.contains_key(w) {
            return false;
        }
        words += 1;
        if words > 5 {
            return false;
        }
        i += 1;
    }
    false
}

/// The index of the quotation mark closing the one at `open`, within `max_words` words.
pub fn closing_quote(an: &Analysis, open: usize, end: usize, max_words: usize) -> Option<usize> {
    let mut words = 0;
    for j in open + 1..end {
        if is_punct(an, j, &QUOTES) {
            return (words > 0).then_some(j);
        }
        if an.tokens[j].kind == TokenKind::Punct && !matches!(word(an, j), "-") {
            return None;
        }
        words += 1;
        if words > max_words {
            return None;
        }
    }
    None
}

/// The speaker phrase that ends just before token `end` (a verb in subject–verb order), reaching
/// back no further than `floor`. Returns the first token index.
pub fn phrase_backward(an: &Analysis, floor: usize, end: usize) -> Option<usize> {
    let mut first: Option<usize> = None;
    let mut words = 0;
    let mut i = end;
    // كان/كانت and إذ may stand between subject and verb (وكانت وسائل إعلام قالت، والوزارة إذ تعلن).
    while i > floor && matches!(word(an, i - 1), "اذ" | "قد") {
        i -= 1;
    }
    while i > floor {
        if words >= MAX_BACKWARD_WORDS {
            // No clause boundary within reach: the words before are not this verb's subject.
            return None;
        }
        let j = i - 1;
        let t = &an.tokens[j];
        let w = word(an, j);
        if t.kind == TokenKind::Punct {
            if QUOTES.contains(&w) || matches!(w, "(" | ")" | "-") {
                i -= 1;
                continue;
            }
            // A comma is crossed only back to the sentence start (فلان، مدير كذا، يقول …).
            if matches!(w, "," | "،") && first.is_some() && reaches_floor(an, floor, j) {
                i -= 1;
                continue;
            }
            break;
        }
        if t.kind == TokenKind::Number {
            break;
        }
        let bare = w.strip_prefix('و').filter(|b| b.chars().count() >= 3).unwrap_or(w);
        if matches!(w, "كان" | "كانت" | "وكانت" | "وكان") {
            break;
        }
        if is_phrase_stop(w) && !matches!(w, "في" | "من") || is_phrase_stop(bare) || lexicon().reporting.contains_key(bare) {
            break;
        }
        first = Some(j);
        words += 1;
        i -= 1;
        // A word carrying the conjunction و starts its clause.
        if w.starts_with('و') && an.tokens[j].proclitic_len > 0 {
            break;
        }
    }
    first
}

fn reaches_floor(an: &Analysis, floor: usize, from: usize) -> bool {
    (floor..from).all(|k| {
        let w = word(an, k);
        an.tokens[k].kind != TokenKind::Punct && !is_phrase_stop(w) || is_punct(an, k, &QUOTES)
    }) && from - floor <= MAX_PHRASE_WORDS
}
