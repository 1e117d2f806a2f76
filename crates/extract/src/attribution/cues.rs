//! Reporting cues in a sentence: verbs (قال، أكدت، يقولون), participles (مضيفا), nouns (إعلان،
//! تأكيد), source introducers (وفقا لـ، بحسب، نقلا عن) and the headline colon (الوزارة: …).

use super::phrase::{is_complementiser, is_punct, word, QUOTES};
use crate::lexicon::{lexicon, without_conjunction, Agreement, ReportingForm};
use crate::Analysis;
use isnad_text::tokens::TokenKind;

/// What kind of cue a statement hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Participle,
    Noun,
    Introducer,
    Headline,
}

impl CueKind {
    /// The name written to the record's `cue_kind`.
    pub fn name(self) -> &'static str {
        match self {
            CueKind::Verb | CueKind::Participle => "verb",
            CueKind::Noun => "noun",
            CueKind::Introducer => "introducer",
            CueKind::Headline => "quote",
        }
    }
}

/// A cue found in a sentence.
#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: CueKind,
    /// First and last token of the cue words.
    pub first: usize,
    pub last: usize,
    /// Normalised bytes of a conjunction (و، ف) on the first token, left out of the cue's span.
    pub conjunction_len: usize,
    pub agreement: Option<Agreement>,
    pub negated: bool,
    pub lemma: String,
    /// Where the source phrase starts (introducers and nouns) and how many clitic bytes (ل) to skip.
    pub source_start: Option<(usize, usize)>,
}

/// Nominal cues: a statement named by a verbal noun in construct with its speaker.
const NOUN_CUES: [&str; 5] = ["اعلان", "تاكيد", "نفي", "اعتراف", "تصريح"];

/// Words before a cue verb that make it coordinate (a new statement), not nested.
pub fn is_coordinator(w: &str) -> bool {
    matches!(
        w,
        "كما" | "فيما" | "بينما" | "ثم" | "كذلك" | "حين" | "وقد" | "فقد" | "لكن" | "ولكن" | "بدوره" | "بدورها" | "وذلك"
            | "وفيما" | "وكما"
    )
}

/// Is there a complement (أن، إن، colon, quotation, إلى أن) within a few words after token `i`?
fn complement_follows(an: &Analysis, i: usize, end: usize) -> bool {
    for j in i + 1..end.min(i + 16) {
        let w = word(an, j);
        if is_complementiser(w) || is_punct(an, j, &[":"]) || is_punct(an, j, &QUOTES) || w == "الي" {
            return true;
        }
        if is_punct(an, j, &["."]) {
            return false;
        }
    }
    false
}

/// The introducer phrase starting at token `i`: its last token and where the source starts
/// (token, clitic bytes to skip). Handles a cliticised ل (وفقا لمسؤولين), لما/ما with a verb of
/// saying (وفقا لما ذكرته قناة …) and ما جاء في.
pub fn introducer_at(an: &Analysis, i: usize, end: usize) -> Option<(usize, (usize, usize))> {
    let lex = lexicon();
    let first = word(an, i);
    for phrase in &lex.introducers {
        let head_ok = without_conjunction(first).any(|f| f == phrase[0]);
        if !head_ok || i + phrase.len() > end {
            continue;
        }
        if !(1..phrase.len()).all(|k| word(an, i + k) == phrase[k]) {
            continue;
        }
        let mut last = i + phrase.len() - 1;
        let mut j = last + 1;
        // لما ذكرته / ما أفادت / ما جاء في: skip to the source.
        let w = word(an, j);
        if matches!(w, "لما" | "ما" | "بما") {
            j += 1;
            let verb = word(an, j);
            if lex.reporting.contains_key(verb.trim_end_matches('ه')) || verb.starts_with("ذكر") || verb.starts_with("نقل") || verb == "جاء" || verb == "ورد" || verb.starts_with("اورد") || verb.starts_with("افاد") {
                j += 1;
                if matches!(word(an, j), "في" | "عن" | "به") {
                    j += 1;
                } else if matches!(verb, "جاء" | "ورد") {
                    // بحسب ما ورد "reportedly": hearsay with no source.
                    return None;
                }
            }
            last = j.saturating_sub(1);
            return (j < end).then_some((last, (j, 0)));
        }
        if j >= end {
            return None;
        }
        let t = &an.tokens[j];
        if t.kind != TokenKind::Word && t.kind != TokenKind::Latin && !is_punct(an, j, &QUOTES) {
            return None;
        }
        // وفقا ل / طبقا ل / استنادا إلى: the preposition may be cliticised on the source.
        let needs_lam = matches!(phrase[0].as_str(), "وفقا" | "طبقا" | "وفق");
        if needs_lam {
            if w == "ل" {
                return Some((j, (j + 1, 0)));
            }
            if w.starts_with("لل") {
                // للمخابرات = ل + المخابرات: the span keeps the word whole, as the article wrote it.
                return Some((last, (j, 0)));
            }
            if w.starts_with('ل') && w.chars().count() > 3 {
                return Some((last, (j, "ل".len())));
            }
            if phrase[0] == "وفق" {
                return Some((last, (j, 0)));
            }
            return None;
        }
        // Bare حسب also means "depending on" (حسب الحاجة): only a speaker may follow it.
        if phrase[0] == "حسب" && !speaker_word_follows(an, j, end) && !is_outlet_head_word(w) {
            return None;
        }
        return Some((last, (j, 0)));
    }
    None
}

fn is_outlet_head_word(w: &str) -> bool {
    super::phrase::is_outlet_head(w)
}

/// All cues of the sentence spanning tokens `start..end`, in text order.
pub fn find_cues(an: &Analysis, start: usize, end: usize) -> Vec<Cue> {
    let lex = lexicon();
    let mut cues = Vec::new();
    let mut i = start;
    while i < end {
        if let Some((last, source_start)) = introducer_at(an, i, end) {
            let conj = conjunction_len(an, i, &lex.introducers.iter().map(|p| p[0].as_str()).collect::<Vec<_>>());
            cues.push(Cue {
                kind: CueKind::Introducer,
                first: i,
                last,
                conjunction_len: conj,
                agreement: None,
                negated: false,
                lemma: word(an, i).to_string(),
                source_start: Some(source_start),
            });
            i = last + 1;
            continue;
        }
        let w = word(an, i);
        if let Some((form, conj)) = reporting_form(w) {
            let previous = if i > start { word(an, i - 1) } else { "" };
            // After a relative (ما ذكرته) or a preposition the verb is part of a phrase, not a cue.
            let embedded = matches!(previous, "ما" | "لما" | "بما" | "وما" | "فما" | "الذي" | "التي" | "الذين");
            let needs = form.needs_complement || form.participle;
            if !form.passive && !embedded && (!needs || complement_follows(an, i, end) || is_punct(an, i + 1, &[":"])) {
                cues.push(Cue {
                    kind: if form.participle { CueKind::Participle } else { CueKind::Verb },
                    first: i,
                    last: i,
                    conjunction_len: conj,
                    agreement: Some(form.agreement),
                    negated: form.stance == "denial",
                    lemma: form.lemma.clone(),
                    source_start: None,
                });
            }
        } else if NOUN_CUES.contains(&w) && speaker_word_follows(an, i + 1, end) {
            cues.push(Cue {
                kind: CueKind::Noun,
                first: i,
                last: i,
                conjunction_len: 0,
                agreement: None,
                negated: w == "نفي",
                lemma: w.to_string(),
                source_start: Some((i + 1, 0)),
            });
        }
        i += 1;
    }
    if let Some(cue) = headline_colon(an, start, end, &cues) {
        cues.insert(0, cue);
    }
    cues
}

/// The reporting-verb entry of a word, with the bytes of a conjunction before it.
fn reporting_form(w: &str) -> Option<(&'static ReportingForm, usize)> {
    let lex = lexicon();
    without_conjunction(w).find_map(|f| lex.reporting.get(f).map(|form| (form, w.len() - f.len())))
}

fn conjunction_len(an: &Analysis, i: usize, heads: &[&str]) -> usize {
    let w = word(an, i);
    without_conjunction(w).find(|f| heads.contains(f)).map_or(0, |f| w.len() - f.len())
}

/// Does a word that can name a speaker (a role, an unnamed source, an organisation) start at `i`?
fn speaker_word_follows(an: &Analysis, i: usize, end: usize) -> bool {
    if i >= end {
        return false;
    }
    let lex = lexicon();
    let w = crate::lexicon::bare_noun(word(an, i));
    lex.role_words.contains(w) || lex.unnamed_sources.contains(word(an, i)) || lex.org_heads.contains(w)
}

/// A headline of the form `SPEAKER: statement` (الداخلية: …، قائد الشرطة: …): a colon after one to
/// six words at the start of a short line, none of them a number or a verb cue.
fn headline_colon(an: &Analysis, start: usize, end: usize, cues: &[Cue]) -> Option<Cue> {
    let colon = (start..end.min(start + 8)).find(|&k| is_punct(an, k, &[":"]))?;
    if colon == start || end - colon < 4 || cues.iter().any(|c| c.first < colon) {
        return None;
    }
    // Headlines stand on a line of their own; list items (1. العريف: …) do not.
    let line_start = an.text[..an.tokens[start].span.start].trim_end_matches([' ', '\t']);
    if !(line_start.is_empty() || line_start.ends_with('\n')) {
        return None;
    }
    let arabic_words = (start..colon).all(|k| an.tokens[k].kind == TokenKind::Word);
    // A headline speaker never opens with the conjunction (وأسس X …: …): that is running prose.
    let conjoined = an.tokens[start].proclitic_len > 0 && word(an, start).starts_with('و');
    // A label (المصدر:، رابط الخبر:، كلمات دالة:) or a list heading (أولا:) is not a speaker.
    let label = (start..colon).any(|k| {
        matches!(
            word(an, k),
            "المصدر" | "اقرا" | "تاريخ" | "المحرر" | "كتب" | "بقلم" | "تابع" | "شاهد" | "الرابط" | "رابط" | "عاجل" | "كلمات"
                | "اولا" | "ثانيا" | "ثالثا" | "رابعا" | "خامسا" | "ملاحظه" | "تنويه" | "مقالات" | "اخبار" | "وسوم"
        )
    });
    let words_after = (colon + 1..end).filter(|&k| an.tokens[k].kind == TokenKind::Word).count();
    if !arabic_words || label || conjoined || words_after < 3 {
        return None;
    }
    Some(Cue {
        kind: CueKind::Headline,
        first: colon,
        last: colon,
        conjunction_len: 0,
        agreement: None,
        negated: false,
        lemma: ":".to_string(),
        source_start: Some((start, 0)),
    })
}
