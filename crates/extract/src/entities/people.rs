//! Person names found by the shape of Arabic news writing rather than by lists:
//! - a title or role before the name (الشيخ X، الجنرال X Y، وزير الخارجية البريطاني، X Y);
//! - a given name from the lexicon, a kunya (أبو X) or a nasab (X بن Y) opening a run of name words;
//! - a reporting verb right before two or three unknown words and a comma or إن (قال X Y إن);
//! - an apposition after the name (X Y، الباحث في ...).
//!
//! A name runs over name words: given names, unknown words, connectors with the word after them
//! (بن، آل، أبو، عبد), compounds (X الدين، X الله) and nisba surnames (الخراساني); it stops at
//! punctuation, function words, reporting verbs, titles, cues and names of other kinds.

use super::context::Context;
use super::known::SafeStarts;
use super::{Candidate, EntityKey, Evidence};
use crate::gazetteer::lexicons::{phrase_key, TitlePosition, NAME_CONNECTORS};
use crate::EntityType;
use std::cell::OnceCell;

/// The most words one person's name takes (long Gulf nasab chains included).
const MAX_NAME_WORDS: usize = 9;

/// Second halves of compound given names (سراج الدين، ذبيح الله، عبد الرحمن).
const COMPOUND_TAILS: &[&str] = &["الدين", "الله", "الرحمن", "الحق", "الرحيم", "العزيز", "الكريم"];

/// How freely a run may take words found in no list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Leniency {
    /// After a title or role: the structure vouches for the name.
    AfterTitle,
    /// Opened by a given name, kunya or nasab: at most one unknown word.
    FromGivenName,
}

/// Person-name candidates that do not overlap a safe non-person name in `known`.
pub fn find(context: &Context, known: &[Candidate]) -> Vec<Candidate> {
    let rules = People::new(context, known);
    super::scan_tokens(context.len(), |i| {
        rules
            .after_title(i)
            .or_else(|| rules.from_given_name(i))
            .or_else(|| rules.after_reporting_verb(i))
            .or_else(|| rules.before_apposition(i))
    })
}

/// The rules over one article. What depends on one token alone (is it blocked, a title, a name
/// word) is asked again and again as runs are tried from every token, so it is worked out once.
struct People<'c, 'a, 'd> {
    context: &'c Context<'a, 'd>,
    known: SafeStarts<'c>,
    /// Per token: inside a safe gazetteer name of another kind (see [`People::blocked`]).
    blocked: Vec<bool>,
    titles: Vec<OnceCell<Option<(TitlePosition, usize)>>>,
    name_words: Vec<OnceCell<bool>>,
    plain_name_words: Vec<OnceCell<bool>>,
}

impl<'c, 'a, 'd> People<'c, 'a, 'd> {
    fn new(context: &'c Context<'a, 'd>, known: &'c [Candidate]) -> People<'c, 'a, 'd> {
        let mut blocked = vec![false; context.len()];
        for c in known.iter().filter(|c| c.entity_type != EntityType::PER && c.evidence != Evidence::Ambiguous) {
            let one_word_minor_place = c.entity_type == EntityType::LOC
                && c.tokens.len() == 1
                && matches!(&c.key, EntityKey::Known(id) if !id.starts_with("iso:") && !id.starts_with("hm:") && !id.starts_with("cldr:"));
            for i in c.tokens.clone() {
                if i < blocked.len() && !(one_word_minor_place && !context.text(i).starts_with("ال")) {
                    blocked[i] = true;
                }
            }
        }
        People {
            context,
            known: SafeStarts::new(known, context.len()),
            blocked,
            titles: (0..context.len()).map(|_| OnceCell::new()).collect(),
            name_words: (0..context.len()).map(|_| OnceCell::new()).collect(),
            plain_name_words: (0..context.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// Token `i` lies inside a safe gazetteer name of another kind (a place, an organisation).
    /// A one-word town or district does not block: family names are often place names.
    fn blocked(&self, i: usize) -> bool {
        self.blocked.get(i).copied().unwrap_or(false)
    }

    /// Token `i` is a function word. على folds to علي, the given name: the written ى tells them apart.
    fn function_word(&self, i: usize) -> bool {
        let word = self.context.text(i);
        if !self.context.gazetteer.lexicons.is_function_word(word) {
            return false;
        }
        let written = self.context.analysis.slice(self.context.tokens[i].span);
        !(word == "علي" && written.ends_with('ي'))
    }

    /// The title or role phrase starting at `i`: its position and the token after it.
    fn title_at(&self, i: usize) -> Option<(TitlePosition, usize)> {
        match self.titles.get(i) {
            Some(cell) => *cell.get_or_init(|| self.find_title_at(i)),
            None => self.find_title_at(i),
        }
    }

    fn find_title_at(&self, i: usize) -> Option<(TitlePosition, usize)> {
        let lexicons = &self.context.gazetteer.lexicons;
        // Only readings that some title begins with can open one.
        let heads = || self.context.forms(i).filter(|f| lexicons.opens_title(f.base));
        if heads().next().is_none() {
            return None;
        }
        let mut phrase = String::new();
        for n in (1..=lexicons.longest_phrase.min(3)).rev() {
            if (i + 1..i + n).any(|j| !self.context.adjacent(j - 1, j) || !self.context.is_word(j)) {
                continue;
            }
            let rest = self.context.phrase(i + 1..i + n);
            for form in heads() {
                phrase.clear();
                phrase.push_str(form.base);
                if !rest.is_empty() {
                    phrase.push(' ');
                    phrase.push_str(&rest);
                }
                if let Some(position) = lexicons.title(&phrase) {
                    // سلطان، أمير، حافظ without the article are given names as often as titles.
                    let given_name = n == 1 && !phrase.starts_with("ال") && lexicons.is_given_name(&phrase);
                    if position != TitlePosition::After && !given_name {
                        return Some((position, i + n));
                    }
                }
            }
        }
        None
    }

    /// A word that may be part of a name.
    fn name_word(&self, i: usize) -> bool {
        match self.name_words.get(i) {
            Some(cell) => *cell.get_or_init(|| self.find_name_word(i)),
            None => self.find_name_word(i),
        }
    }

    fn find_name_word(&self, i: usize) -> bool {
        let context = self.context;
        if !context.is_word(i) || self.blocked(i) {
            return false;
        }
        let word = context.text(i);
        let lexicons = &context.gazetteer.lexicons;
        word.chars().count() >= 2
            && !self.function_word(i)
            && !lexicons.is_reporting_verb(word)
            && lexicons.cue(word).is_none()
            && self.title_at(i).is_none()
    }

    /// The end (exclusive) of the name run that starts at `i`, if at least one word is taken.
    fn name_run(&self, i: usize, leniency: Leniency) -> Option<usize> {
        let context = self.context;
        let lexicons = &context.gazetteer.lexicons;
        let mut j = i;
        let mut unknown = 0;
        let mut given = 0;
        let mut after_nisba = false;
        while j < context.len() && j - i < MAX_NAME_WORDS {
            if j > i && !context.adjacent(j - 1, j) {
                break;
            }
            let word = context.text(j);
            if NAME_CONNECTORS.contains(&word) && word != "ام" {
                // بن، آل، أبو، عبد: the word after belongs to the name too.
                if self.name_word(j + 1) && context.adjacent(j, j + 1) {
                    j += 2;
                    given += 1;
                    continue;
                }
                break;
            }
            if !self.name_word(j) {
                break;
            }
            if j > i && COMPOUND_TAILS.contains(&word) {
                j += 1;
                continue;
            }
            let definite = word.starts_with("ال") && word.chars().count() > 3;
            if definite {
                // Inside a name a definite word is a surname: a nisba (الخراساني، الشهراني) may be
                // followed by another; a family name (الفالح) ends the name.
                if j == i {
                    break;
                }
                if word.ends_with('ي') {
                    j += 1;
                    after_nisba = true;
                    continue;
                }
                // Feminine and plural adjectives (الكهفية، السابقون) describe; they are no surname.
                if !(word.ends_with('ه') || word.ends_with("ون") || word.ends_with("ين") || word.ends_with("ات")) {
                    j += 1;
                }
                break;
            }
            // After a definite nisba only another nisba continues the name (المسيلي الحارثي).
            if after_nisba {
                break;
            }
            // A conjunction glued to an unknown word (وعمره) starts the next clause, not a name part.
            // Foreign names after a title may begin with و (ويلسون), so this holds for Arabic runs only.
            if leniency == Leniency::FromGivenName && j > i && (word.starts_with('و') || word.starts_with('ف')) && !lexicons.is_given_name(word) {
                break;
            }
            if lexicons.is_given_name(word) {
                given += 1;
            } else {
                let limit = match leniency {
                    Leniency::AfterTitle => 3,
                    Leniency::FromGivenName => 1,
                };
                if unknown == limit {
                    break;
                }
                unknown += 1;
            }
            j += 1;
        }
        let _ = given;
        (j > i).then_some(j)
    }

    fn candidate(&self, range: std::ops::Range<usize>) -> Option<Candidate> {
        let context = self.context;
        // The first word without its proclitics where that reading is a given name (ومحمد، لأحمد).
        let lexicons = &context.gazetteer.lexicons;
        let forms = context.forms(range.start);
        let whole_is_name = lexicons.is_given_name(context.text(range.start));
        let conjunction = |f: &super::context::Form| f.prefix_len == 'و'.len_utf8() && !f.restored_article;
        let first = forms
            .clone()
            .find(|f| !whole_is_name && conjunction(f) && lexicons.is_given_name(f.base))
            .or_else(|| forms.clone().next())?;
        let start = context.tokens[range.start].norm.start + first.prefix_len;
        let end = context.tokens[range.end - 1].norm.end;
        let key = context.norm_text()[start..end].to_string();
        Some(Candidate {
            tokens: range,
            start,
            end,
            entity_type: EntityType::PER,
            key: EntityKey::Name(key),
            name: None,
            evidence: Evidence::NamePattern,
        })
    }

    /// A title (الشيخ، الجنرال) or a role with its complement (وزير الخارجية القطري، المتحدث باسم
    /// طالبان), then the name. Titles and roles are left out of the mention.
    fn after_title(&self, i: usize) -> Option<Candidate> {
        let (position, mut j) = self.title_at(i)?;
        if position == TitlePosition::Role {
            j = self.skip_role_complement(j);
        }
        // A second title after a role (وزير الخارجية الشيخ X), and a colon or slash in lists.
        if let Some((TitlePosition::Before, after)) = self.title_at(j) {
            j = after;
        }
        while matches!(self.context.text(j), ":" | "/" | "،") && j < i + 8 {
            j += 1;
        }
        let end = self.name_run(j, Leniency::AfterTitle)?;
        let single_unknown = end == j + 1 && !self.context.gazetteer.lexicons.is_given_name(self.context.text(j));
        // One unknown word after a title is a name only where the clause goes on plainly after it,
        // and where it is not shaped like a common noun or adverb.
        if single_unknown && (!self.clause_boundary(end) || !self.plain_name_word(j)) {
            return None;
        }
        self.candidate(j..end)
    }

    /// Past a role's complement: names of places and bodies, definite adjectives (البريطاني،
    /// السابق), باسم X, في X, and an apposition comma.
    fn skip_role_complement(&self, mut j: usize) -> usize {
        let context = self.context;
        for _ in 0..6 {
            if let Some(c) = self.known.at(j) {
                j = c.tokens.end;
                continue;
            }
            let word = context.text(j);
            if word == "،" || word == "," {
                j += 1;
                break;
            }
            if matches!(word, "باسم" | "في" | "لدي") && context.is_word(j + 1) {
                j += 2;
                continue;
            }
            if word.starts_with("ال") && context.is_word(j) && self.title_at(j).is_none() {
                j += 1;
                continue;
            }
            break;
        }
        j
    }

    /// Token `i` ends a name plainly: punctuation, a function word, a reporting verb, the end.
    fn clause_boundary(&self, i: usize) -> bool {
        let context = self.context;
        let lexicons = &context.gazetteer.lexicons;
        i >= context.len()
            || context.is_punct(i)
            || !context.adjacent(i - 1, i)
            || context.any_form(i, |w| lexicons.is_function_word(w) || lexicons.is_reporting_verb(w))
    }

    /// A given name, kunya or nasab opening a run of at least two name words.
    fn from_given_name(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        let lexicons = &context.gazetteer.lexicons;
        let word = context.text(i);
        // باسم is a given name and also "by the name of"; after it comes the name itself.
        let opens = (word != "باسم" && context.any_form(i, |w| lexicons.is_given_name(w)))
            || (matches!(word, "ابو" | "ابا" | "ابي" | "عبد") && self.name_word(i + 1))
            || (context.text(i + 1) == "بن" && self.name_word(i + 2));
        if !opens || !self.name_word(i) && !NAME_CONNECTORS.contains(&word) {
            return None;
        }
        let end = self.name_run(i, Leniency::FromGivenName)?;
        (end >= i + 2).then(|| self.candidate(i..end)).flatten()
    }

    /// قال X Y إن: a reporting verb, two or three unknown words, then a comma, إن/أن or a colon.
    fn after_reporting_verb(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        let lexicons = &context.gazetteer.lexicons;
        if i == 0 || !context.any_form(i - 1, |w| lexicons.is_reporting_verb(w)) || !context.adjacent(i - 1, i) {
            return None;
        }
        self.plain_name_then(i, |end| {
            matches!(context.text(end), "،" | "," | ":" | "ان" | "انه" | "انها") || lexicons.is_reporting_verb(context.text(end))
        })
    }

    /// X Y، ROLE: two or three unknown words set off by a comma and followed by a title or role.
    fn before_apposition(&self, i: usize) -> Option<Candidate> {
        let context = self.context;
        if i > 0 && context.is_word(i - 1) && context.adjacent(i - 1, i) {
            let lexicons = &context.gazetteer.lexicons;
            if !context.any_form(i - 1, |w| lexicons.is_reporting_verb(w) || lexicons.is_function_word(w)) {
                return None;
            }
        }
        self.plain_name_then(i, |end| {
            matches!(context.text(end), "،" | ",") && self.title_at(end + 1).is_some()
        })
    }

    /// Two or three indefinite unknown words starting at `i` that end where `ends_well` holds.
    fn plain_name_then(&self, i: usize, ends_well: impl Fn(usize) -> bool) -> Option<Candidate> {
        let context = self.context;
        for n in [2, 3] {
            let end = i + n;
            if end > context.len() || (i..end).any(|j| !self.plain_name_word(j)) {
                continue;
            }
            if (i + 1..end).any(|j| !context.adjacent(j - 1, j)) {
                return None;
            }
            if ends_well(end) {
                return self.candidate(i..end);
            }
        }
        None
    }

    /// An indefinite word shaped like a name: not a plural or feminine noun (مصادر، مسؤولون، وكالة).
    fn plain_name_word(&self, i: usize) -> bool {
        match self.plain_name_words.get(i) {
            Some(cell) => *cell.get_or_init(|| self.find_plain_name_word(i)),
            None => self.find_plain_name_word(i),
        }
    }

    fn find_plain_name_word(&self, i: usize) -> bool {
        let word = self.context.text(i);
        let lexicons = &self.context.gazetteer.lexicons;
        if !self.name_word(i) || word.starts_with("ال") {
            return false;
        }
        if lexicons.is_given_name(word) {
            return true;
        }
        let letters = word.chars().count();
        // Plurals, feminine nouns, accusative adverbs (مؤخرا), and nouns carrying ب/ل/ك (بعملية).
        let written = self.context.analysis.slice(self.context.tokens[i].span);
        letters >= 3
            && !["ون", "ين", "ات"].iter().any(|s| word.ends_with(s))
            && !word.ends_with('ه')
            && !written.ends_with("اً")
            && !(word.ends_with('ا') && letters >= 5)
            && !matches!(word.chars().next(), Some('ب' | 'ل' | 'ك'))
            && !UNNAMED_SOURCE_WORDS.contains(&phrase_key(word).as_str())
    }
}

/// Nouns that open unnamed sources (مصدر أمني، شهود عيان), normalised.
const UNNAMED_SOURCE_WORDS: &[&str] =
    &["مصدر", "مصادر", "مسوول", "شاهد", "شهود", "محلل", "خبير", "ناشط", "نشطاء", "سكان", "مراقب", "دبلوماسي", "متحدث"];
