//! Word lists the name rules read word by word: person titles, given names, entity cues and
//! reporting verbs (all from `data/gazetteer/`), plus the closed classes of Arabic function words
//! that end a name.
//!
//! Every form is stored in matching form ([`normalize_str`]), keyed by its words joined with one space.

use super::tsv::Table;
use isnad_text::normalize::normalize_str;
use super::word_hash::{WordMap, WordSet};

/// What kind of name a cue word introduces or heads (`lex_entity_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Loc,
    Org,
    Outlet,
    /// وكالة، شبكة: an outlet when an outlet name or للأنباء follows, else an organisation.
    OrgOrOutlet,
    /// إمارة: a place, or a movement's self-name.
    LocOrOrg,
}

/// How a title stands to the name it goes with (`person_titles.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitlePosition {
    /// الشيخ، الجنرال، مولوي: directly before the name.
    Before,
    /// وزير الخارجية، المتحدث باسم: a role, often followed by its organisation or nisba, then the name.
    Role,
    /// خان، جان: after the name, part of it.
    After,
}

/// The word lists, compiled in.
#[derive(Debug)]
pub struct Lexicons {
    titles: WordMap<TitlePosition>,
    /// The first word of every title phrase: most words open none, and one look-up says so.
    title_heads: WordSet,
    given_names: WordSet,
    cues: WordMap<CueKind>,
    reporting_verbs: WordSet,
    /// Month and weekday names (مايو، الخميس): never a place, whatever the gazetteer says.
    calendar_words: WordSet,
    /// The longest title or cue, in words.
    pub longest_phrase: usize,
}

/// Prepositions, conjunctions, relatives and particles: a name never runs across one.
const FUNCTION_WORDS: &[&str] = &[
    "في", "من", "على", "الى", "إلى", "عن", "مع", "بين", "حتى", "منذ", "عند", "لدى", "نحو", "ضد", "خلال", "بعد",
    "قبل", "حول", "دون", "عبر", "أن", "إن", "ان", "أنه", "إنه", "انه", "أنها", "إنها", "بأن", "لأن", "كما", "لكن",
    "لكنه", "بل", "أو", "ثم", "لا", "لم", "لن", "قد", "لقد", "ما", "ماذا", "هل", "التي", "الذي", "الذين", "اللذين",
    "اللتين", "اللواتي", "هو", "هي", "هم", "هما", "هن", "نحن", "أنا", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك",
    "كل", "بعض", "أي", "غير", "سوى", "إذا", "إذ", "لو", "كان", "كانت", "يكون", "تكون", "وكان", "وكانت", "وهو",
    "وهي", "وقد", "فقد", "كذلك", "أيضا", "أيضاً", "حيث", "عندما", "بينما", "فيما", "وفي", "ومن", "وعلى", "وإلى",
    "يوم", "اليوم", "أمس", "عام", "العام", "الماضي", "المقبل", "الحالي", "الجاري", "نفسه", "نفسها", "ذاته", "جراء",
    "إثر", "اثر", "بسبب", "الآن", "حاليا", "مؤخرا", "هنا", "هناك", "لدى", "وفق", "وفقا", "بحسب", "حسب", "عبر", "تجاه", "إزاء", "لصالح", "ضمن", "بشأن",
];

/// Words that join the parts of an Arabic name (normalised): kunya, nasab, family, عبد compounds.
pub const NAME_CONNECTORS: &[&str] = &["ابو", "ابا", "ابي", "ام", "بن", "بنت", "ابن", "ال", "عبد"];

impl Lexicons {
    /// The lists shipped in `data/gazetteer/`.
    pub fn builtin() -> Lexicons {
        let mut lex = Lexicons {
            titles: WordMap::default(),
            title_heads: WordSet::default(),
            given_names: WordSet::default(),
            cues: WordMap::default(),
            reporting_verbs: WordSet::default(),
            calendar_words: WordSet::default(),
            longest_phrase: 1,
        };
        for row in Table::parse(include_str!("../../../../data/gazetteer/person_titles.tsv")).rows() {
            let position = match row.get("position") {
                "after" => TitlePosition::After,
                p if p.contains("role") => TitlePosition::Role,
                _ => TitlePosition::Before,
            };
            for form in std::iter::once(row.get("form")).chain(row.list("variants_ar")) {
                // Abbreviations with a full stop (د. م.) are too easy to mistake for a sentence end.
                if !form.contains('.') {
                    let key = phrase_key(form);
                    lex.longest_phrase = lex.longest_phrase.max(key.split(' ').count());
                    lex.title_heads.insert(key.split(' ').next().unwrap_or_default().to_string());
                    lex.titles.entry(key).or_insert(position);
                }
            }
        }
        for row in Table::parse(include_str!("../../../../data/gazetteer/person_given_names.tsv")).rows() {
            for form in std::iter::once(row.get("name_ar")).chain(row.list("variants_ar")) {
                lex.given_names.insert(phrase_key(form));
            }
        }
        for row in Table::parse(include_str!("../../../../data/gazetteer/lex_entity_cues.tsv")).rows() {
            let kind = match row.get("entity_type") {
                "LOC" => CueKind::Loc,
                "OUTLET" => CueKind::Outlet,
                "ORG/OUTLET" => CueKind::OrgOrOutlet,
                "LOC/ORG" => CueKind::LocOrOrg,
                _ => CueKind::Org,
            };
            for form in std::iter::once(row.get("cue")).chain(row.list("variants_ar")) {
                let key = phrase_key(form);
                lex.longest_phrase = lex.longest_phrase.max(key.split(' ').count());
                lex.cues.entry(key).or_insert(kind);
            }
        }
        for row in Table::parse(include_str!("../../../../data/gazetteer/lex_reporting_verbs.tsv")).rows() {
            for form in row.list("forms_ar") {
                lex.reporting_verbs.insert(phrase_key(form));
            }
        }
        for row in Table::parse(include_str!("../../../../data/gazetteer/lex_months.tsv")).rows() {
            for form in std::iter::once(row.get("name_ar")).chain(row.list("variants_ar")) {
                lex.calendar_words.insert(phrase_key(form));
            }
        }
        lex
    }

    /// The position of a title phrase (normalised words joined by one space), if it is one.
    pub fn title(&self, phrase: &str) -> Option<TitlePosition> {
        self.titles.get(phrase).copied()
    }

    /// Whether some title phrase begins with this normalised word.
    pub fn opens_title(&self, word: &str) -> bool {
        self.title_heads.contains(word)
    }

    /// Whether a normalised word (or phrase) is a listed given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// The kind of an entity cue phrase, if it is one.
    pub fn cue(&self, phrase: &str) -> Option<CueKind> {
        self.cues.get(phrase).copied()
    }

    /// Whether a normalised word is a form of a reporting verb (قال، أكدت، يضيف ...).
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        self.reporting_verbs.contains(word)
    }

    /// Whether a normalised alias must never be matched as a name: a function word, a cue word
    /// (جنوب، مدينة) or a name connector (ابو، بن) that some place happens to be called.
    pub fn blocks_alias(&self, alias: &str) -> bool {
        self.is_function_word(alias)
            || self.cues.contains_key(alias)
            || NAME_CONNECTORS.contains(&alias)
            || self.calendar_words.contains(alias)
    }

    /// Whether a normalised word is a function word that no name runs across.
    pub fn is_function_word(&self, word: &str) -> bool {
        function_words().contains(word)
    }
}

fn function_words() -> &'static WordSet {
    static WORDS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| FUNCTION_WORDS.iter().map(|w| normalize_str(w)).collect())
}

/// The lookup key of a phrase: matching form, words joined by single spaces.
pub fn phrase_key(phrase: &str) -> String {
    normalize_str(phrase).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded_in_matching_form() {
        let lex = Lexicons::builtin();
        assert_eq!(lex.title(&phrase_key("الجنرال")), Some(TitlePosition::Before));
        assert_eq!(lex.title(&phrase_key("وزير الخارجية")), Some(TitlePosition::Role));
        assert_eq!(lex.title(&phrase_key("خان")), Some(TitlePosition::After));
        assert!(lex.opens_title(&phrase_key("وزير")));
        assert!(!lex.opens_title(&phrase_key("الخارجية")));
        assert!(lex.is_given_name(&phrase_key("أحمد")));
        assert!(lex.is_given_name(&phrase_key("احمد")));
        assert_eq!(lex.cue(&phrase_key("صحيفة")), Some(CueKind::Outlet));
        assert_eq!(lex.cue(&phrase_key("حركة")), Some(CueKind::Org));
        assert!(lex.is_reporting_verb(&phrase_key("قالت")));
        assert!(lex.is_function_word(&phrase_key("إلى")));
        assert!(!lex.is_function_word(&phrase_key("مدينة")));
    }
}
