//! Names introduced by a cue word (`lex_entity_cues.tsv`), as Arabic news writes unknown names:
//! - outlets: صحيفة/قناة/موقع/إذاعة/مجلة X, where X is a quoted name, a Latin-script name or a
//!   run of words up to punctuation;
//! - ministries: وزارة الداخلية السعودية, and the short form الداخلية السعودية (field + nationality);
//! - armed forces of a country: الجيش/القوات + nationality;
//! - other bodies: حركة/تنظيم/جامعة/شرطة/هيئة X;
//! - places: حي/قرية/مخيم/محافظة X, and ريف X (the countryside of a city is a place of its own).
//!
//! A cue must be in construct (indefinite: وزارة X, not الوزارة), else it refers back to a body
//! named earlier.

use super::context::Context;
use super::known::SafeStarts;
use super::{Candidate, EntityKey, Evidence};
use crate::gazetteer::lexicons::CueKind;
use crate::EntityType;

/// Ministries that news names by field and nationality alone (الخارجية الأمريكية).
const SOVEREIGN_FIELDS: &[&str] = &["الداخليه", "الخارجيه", "الدفاع"];

/// Place cues that introduce names the gazetteer may not know (normalised).
const PLACE_INTRODUCERS: &[&str] = &[
    "مدينه", "بلده", "قريه", "حي", "مخيم", "ولايه", "محافظه", "مقاطعه", "اقليم", "منطقه", "مديريه", "ناحيه",
    "قضاء", "مسجد", "مستشفي", "مطار", "سجن", "ريف",
];

/// Facilities: a building named after a place or a body is a place of its own (مستشفى X،
/// مطار X، مسجد قوات X), so its name keeps the cue word.
const FACILITY_INTRODUCERS: &[&str] = &["مسجد", "مستشفي", "مطار", "سجن"];

/// Bodies headed by a cue word that introduce a proper name (normalised).
const BODY_INTRODUCERS: &[&str] = &[
    "حركه", "تنظيم", "جماعه", "جبهه", "حزب", "جامعه", "شرطه", "هيئه", "منظمه", "مؤسسه", "موسسه", "معهد",
    "كليه", "مركز", "مجلس", "اتحاد", "لجنه", "كتائب", "ميليشيا", "جيش", "قوات", "قوه",
];

/// The most words a body's cued name takes after its cue (a place's: two).
const MAX_BODY_WORDS: usize = 3;

/// The most words a cued name takes after its cue.
const MAX_NAME_WORDS: usize = 4;

/// Cued names, skipping cues whose name the gazetteer already found.
pub fn find(context: &Context, known: &[Candidate]) -> Vec<Candidate> {
    let rules = Cued { context, known: SafeStarts::new(known, context.len()) };
    super::scan_tokens(context.len(), |i| rules.ministry(i).or_else(|| rules.forces(i)).or_else(|| rules.introduced(i)))
}

struct Cued<'c, 'a, 'd> {
    context: &'c Context<'a, 'd>,
    known: SafeStarts<'c>,
}

impl<'c, 'a, 'd> Cued<'c, 'a, 'd> {
    /// The safe gazetteer candidate starting at token `i`.
    fn known_at(&self, i: usize) -> Option<&Candidate> {
        self.known.at(i)
    }

    /// The country a demonym at `i` names (its gazetteer id), when token `i` is one.
    fn demonym_at(&self, i: usize) -> Option<String> {
        let c = self.known_at(i)?;
        let is_demonym = c.tokens.len() == 1 && c.entity_type == EntityType::LOC && {
            let word = self.context.text(i);
            word.ends_with('ي') || word.ends_with("يه") || word.ends_with("ين") || word.ends_with("ون")
        };
        match (&c.key, is_demonym) {
            (EntityKey::Known(id), true) => Some(id.clone()),
            _ => None,
        }
    }

    /// The cue reading of token `i` without proclitics, and where it starts.
    fn cue_at(&self, i: usize) -> Option<(&'c str, usize)> {
        let context = self.context;
        if !context.is_word(i) {
            return None;
        }
        // The barest reading first: بصحيفة is listed as a cue too, but the mention starts at صحيفة.
        for form in context.forms(i).rev() {
            if !form.restored_article && context.gazetteer.lexicons.cue(form.base).is_some() {
                return Some((form.base, context.tokens[i].norm.start + form.prefix_len));
            }
        }
        None
    }

    fn candidate(&self, tokens: std::ops::Range<usize>, start: usize, entity_type: EntityType, key: EntityKey, name: Option<String>) -> Candidate {
        let end = self.context.tokens[tokens.end - 1].norm.end;
        Candidate { tokens, start, end, entity_type, key, name, evidence: Evidence::Cue }
    }

    /// وزارة الداخلية [السعودية] and الداخلية السعودية: one ministry per field and country.
    fn ministry(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        let (head, start) = match self.cue_at(i) {
            Some((cue, start)) if cue == "وزاره" => (true, start),
            _ => {
                // الداخلية السعودية: only the sovereign ministries are named by field alone, and not
                // after وزير (وزير الداخلية السعودي is a person's role).
                let form = context.forms(i).find(|f| SOVEREIGN_FIELDS.contains(&f.base))?;
                let after_minister = i > 0 && context.any_form(i - 1, |w| w.starts_with("وزير") || w == "وزاره");
                if after_minister {
                    return None;
                }
                (false, context.tokens.get(i)?.norm.start + form.prefix_len)
            }
        };
        let field_at = if head { i + 1 } else { i };
        let field = context.text(field_at);
        let field_ok = if head { field.starts_with("ال") && context.is_word(field_at) } else { SOVEREIGN_FIELDS.contains(&field) || context.forms(i).any(|f| SOVEREIGN_FIELDS.contains(&f.base)) };
        if !field_ok {
            return None;
        }
        if head && !context.adjacent(i, field_at) {
            return None;
        }
        let country = context.adjacent(field_at, field_at + 1).then(|| self.demonym_at(field_at + 1)).flatten();
        // Without وزارة, only field + nationality names a ministry (الداخلية alone is an adjective).
        if !head && country.is_none() {
            return None;
        }
        let end = if country.is_some() { field_at + 2 } else { field_at + 1 };
        let key = format!("ministry:{}:{}", field, country.as_deref().unwrap_or(""));
        Some(self.candidate(i..end, start, EntityType::ORG, EntityKey::Name(key), None))
    }

    /// الجيش/القوات + nationality: a country's armed forces, unless more words follow (الجيش
    /// السوري الحر is a rebel army of its own).
    fn forces(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        let form = context.forms(i).find(|f| matches!(f.base, "الجيش" | "القوات"))?;
        if !context.adjacent(i, i + 1) {
            return None;
        }
        let country = self.demonym_at(i + 1)?;
        let start = context.tokens[i].norm.start + form.prefix_len;
        let next = i + 2;
        let more = context.adjacent(i + 1, next) && context.text(next).starts_with("ال") && self.known_at(next).is_none()
            && !context.gazetteer.lexicons.is_function_word(context.text(next));
        if more {
            let key = context.norm_text()[start..context.tokens[next].norm.end].to_string();
            return Some(self.candidate(i..next + 1, start, EntityType::ORG, EntityKey::Name(key), None));
        }
        Some(self.candidate(i..i + 2, start, EntityType::ORG, EntityKey::Name(format!("forces:{country}")), None))
    }

    /// A cue in construct followed by a name: outlets, bodies and places.
    fn introduced(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        let (cue, start) = self.cue_at(i)?;
        if cue.starts_with("ال") || self.known_at(i).is_some() {
            return None;
        }
        let kind = context.gazetteer.lexicons.cue(cue)?;
        let entity_type = match kind {
            CueKind::Outlet => EntityType::OUTLET,
            _ if PLACE_INTRODUCERS.contains(&cue) => EntityType::LOC,
            _ if BODY_INTRODUCERS.contains(&cue) => EntityType::ORG,
            _ => return None,
        };
        let quoted = if entity_type == EntityType::OUTLET { self.quoted_or_latin(i + 1) } else { None };
        let (name_range, closing) = match quoted {
            Some(found) => found,
            // موقع is also "site" (موقع الانفجار): as an outlet cue it needs a quoted or Latin name.
            None if cue == "موقع" && entity_type == EntityType::OUTLET => return None,
            None => (self.word_run(i + 1, entity_type)?, None),
        };
        // قوة is also "strength" (قوة الصراع): as a body it needs a name of two words at least
        // (قوة الطوارئ الخاصة، قوة حفظ السلام).
        if name_range.is_empty() || (cue == "قوه" && name_range.len() < 2) {
            return None;
        }
        // A known name right after the cue is the gazetteer's, except where the cue makes a new
        // place of it (ريف حمص) or types it (صحيفة الشرق الأوسط as an outlet).
        if let Some(k) = self.known_at(name_range.start) {
            let covers = k.tokens.end >= name_range.end;
            let keep_new = cue == "ريف"
                || FACILITY_INTRODUCERS.contains(&cue)
                || (entity_type == EntityType::OUTLET && k.entity_type != EntityType::OUTLET);
            if covers && !keep_new {
                return None;
            }
        }
        let name_start = context.tokens[name_range.start].norm.start;
        let name_end = context.tokens[name_range.end - 1].norm.end;
        let name_span = context.span(name_start, name_end);
        let name = context.analysis.slice(name_span).to_string();
        let name_key = context.norm_text()[name_start..name_end].to_string();
        let last = closing.unwrap_or(name_range.end - 1);
        let named_with_cue = cue == "ريف" || FACILITY_INTRODUCERS.contains(&cue);
        let key = if named_with_cue { format!("{cue} {name_key}") } else { name_key };
        let name = if named_with_cue { None } else { Some(name) };
        Some(self.candidate(i..last + 1, start, entity_type, EntityKey::Name(key), name))
    }

    /// A quoted name («X»، "X"، ( X )) or a run of Latin-script words after an outlet cue; the
    /// name's tokens and the closing quote's token.
    fn quoted_or_latin(&self, i: usize) -> Option<(std::ops::Range<usize>, Option<usize>)> {
        let context = self.context;
        let opening = context.text(i);
        let closing = match opening {
            "«" => "»",
            "\"" => "\"",
            "“" => "”",
            "(" => ")",
            _ => "",
        };
        if !closing.is_empty() {
            let close = (i + 1..(i + 8).min(context.len())).find(|&j| context.text(j) == closing)?;
            return (close > i + 1).then_some((i + 1..close, Some(close)));
        }
        let mut j = i;
        while context.kind(j) == Some(isnad_text::tokens::TokenKind::Latin) && j < i + 5 {
            j += 1;
        }
        (j > i).then_some((i..j, None))
    }

    /// Up to four name words after a cue: stop at punctuation, function words, reporting verbs,
    /// numbers and nationality adjectives (صحيفة X الأمريكية: the adjective is the country's).
    fn word_run(&self, i: usize, entity_type: EntityType) -> Option<std::ops::Range<usize>> {
        let context = self.context;
        let lexicons = &context.gazetteer.lexicons;
        if !context.adjacent(i - 1, i) || !context.is_word(i) {
            return None;
        }
        // An indefinite adjective right after the cue (موقع إخباري، قناة رسمية) is no name, nor an
        // imperfect verb (منطقة تقع، ولاية تشمل).
        let first = context.text(i);
        let letters = first.chars().count();
        let verb_shaped = (first.starts_with('ت') || first.starts_with('ي')) && (3..=5).contains(&letters);
        if self.known_at(i).is_none()
            && !first.starts_with("ال")
            && (first.ends_with('ي') || first.ends_with("يه") || (verb_shaped && entity_type != EntityType::OUTLET))
        {
            return None;
        }
        let mut j = i;
        while j < i + MAX_NAME_WORDS && context.is_word(j) && (j == i || context.adjacent(j - 1, j)) {
            let word = context.text(j);
            if lexicons.is_function_word(word) || lexicons.is_reporting_verb(word) || (j > i && lexicons.cue(word).is_some()) {
                break;
            }
            if j > i && self.demonym_at(j).is_some() {
                break;
            }
            // A definite word joined by و starts the next conjunct (قوة الصراع | والمزيد).
            if j > i && word.starts_with("وال") {
                break;
            }
            // A place name's second word is not a time word (مدينة X صباح الإثنين) nor a verb
            // (مدينة X يوقع): the sentence goes on there.
            if j > i && entity_type == EntityType::LOC && (TIME_WORDS.contains(&word) || imperfect_verb_shaped(word)) {
                break;
            }
            // An adverb in the accusative (صباحا، مؤخراً) ends the name.
            let written = context.analysis.slice(context.tokens[j].span);
            if j > i && ((word.ends_with('ا') && word.chars().count() >= 4 && !word.starts_with("ال")) || written.ends_with("اً")) {
                break;
            }
            if let Some(k) = self.known_at(j) {
                // A known place or body inside the name ends it (شرطة حمص، جامعة موسكو الحكومية may go on
                // with a definite adjective); one that would not fit whole is the sentence going on
                // (قوة الطوارئ الخاصة | بمنطقة عسير).
                if j > i && k.tokens.end - i > MAX_BODY_WORDS {
                    break;
                }
                j = k.tokens.end;
                if entity_type == EntityType::LOC {
                    break;
                }
                continue;
            }
            j += 1;
        }
        // Places: one or two words (حي عكرمة، مخيم عين الحلوة); bodies: up to three; longer runs
        // are the sentence going on, not the name.
        let most = if entity_type == EntityType::LOC { 2 } else { MAX_BODY_WORDS };
        if entity_type != EntityType::OUTLET && j - i > most {
            j = i + most;
        }
        (j > i).then_some(i..j)
    }
}

/// Words of time of day and day that follow a place in news datelines and never continue its name
/// (matching form).
const TIME_WORDS: [&str; 14] =
    ["صباح", "مساء", "ظهر", "عصر", "فجر", "ليله", "ليل", "يوم", "امس", "اليوم", "غدا", "صباحا", "مساء", "ظهرا"];

/// An imperfect verb's shape: ي or ت and three or four more letters, not definite.
fn imperfect_verb_shaped(word: &str) -> bool {
    let letters = word.chars().count();
    (word.starts_with('ي') || word.starts_with('ت')) && (4..=5).contains(&letters)
}
