//! The word lists that attribution and event finding match against, in matching form.
//!
//! Sources: `data/gazetteer/lex_reporting_verbs.tsv`, `lex_source_introducers.tsv`,
//! `person_titles.tsv` and `lex_entity_cues.tsv` (compiled in with `include_str!`), plus small tables
//! written here from Arabic grammar: active participles used as speech cues (مضيفا، موضحة),
//! complementisers, channel phrases and role nouns that name a speaker anaphorically.
//! Every string is folded with [`normalize_str`] once, at first use, so matching is a lookup.

use isnad_text::normalize::normalize_str;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const REPORTING_VERBS: &str = include_str!("../../../data/gazetteer/lex_reporting_verbs.tsv");
const INTRODUCERS: &str = include_str!("../../../data/gazetteer/lex_source_introducers.tsv");
const PERSON_TITLES: &str = include_str!("../../../data/gazetteer/person_titles.tsv");
const ENTITY_CUES: &str = include_str!("../../../data/gazetteer/lex_entity_cues.tsv");

/// Grammatical agreement of a verb form with its subject, used to find an implicit subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Masculine,
    Feminine,
    Plural,
}

/// One surface form of a reporting verb.
#[derive(Debug, Clone)]
pub struct ReportingForm {
    /// The lemma as listed (matching form).
    pub lemma: String,
    /// `neutral`, `assertive`, `hedged`, `opinion`, `denial`, `concessive`.
    pub stance: String,
    pub agreement: Agreement,
    /// Passive hearsay (قيل، يقال): a hedge, not an attribution with a speaker.
    pub passive: bool,
    /// The form is also a common non-speech word (بين "between", تابع "affiliated"), so it counts
    /// only when a complement (أن، إن، colon, quotation) follows.
    pub needs_complement: bool,
    /// An active participle (مضيفا): its subject is the speaker of the clause before.
    pub participle: bool,
}

/// All lexicons, built once.
pub struct Lexicon {
    pub reporting: HashMap<String, ReportingForm>,
    /// Introducer heads (وفقا، بحسب، نقلا عن ...) as word sequences; the source follows.
    pub introducers: Vec<Vec<String>>,
    /// Unnamed-source nouns (مسؤولون، مصادر مطلعة، محللون ...), single words.
    pub unnamed_sources: HashSet<String>,
    /// Role and title words that head a speaker's description (وزير، المتحدث، قائد ...).
    pub role_words: HashSet<String>,
    /// Words that head an outlet's name (صحيفة، قناة، وكالة ...), without the article.
    pub outlet_heads: HashSet<String>,
    /// Words that head an organisation's name (وزارة، حركة، جيش ...), without the article.
    pub org_heads: HashSet<String>,
}

/// Stances of the reporting-verb lexicon that report speech; the others (demand, accusation,
/// threat, commitment, evaluation) are acts in their own right and belong to events.
const SPEECH_STANCES: [&str; 6] = ["neutral", "assertive", "hedged", "opinion", "denial", "concessive"];

/// Lemmas that report speech even without a complement clause (قالت الوزارة في بيان ...).
/// Opinion verbs (اعتبر، رأى) and أشار/لفت also take a plain object ("considered X a threat",
/// "the name refers to"), so they are left to the complement rule.
const STRONG_LEMMAS: [&str; 17] = [
    "قال", "اكد", "اضاف", "اوضح", "صرح", "كشف", "زعم", "ادعي", "اعلن", "افاد", "نفي", "انكر", "اعترف", "اورد", "اعرب",
    "شدد", "استطرد",
];

/// Lemmas of the lexicon left out: mostly mental states or acts whose forms are everyday words
/// (يعتقد "it is believed", تحدث "talked about", نشر "published", رد "responded").
const SKIPPED_LEMMAS: [&str; 10] = ["اعتقد", "توقع", "استبعد", "تحدث", "علق", "نشر", "رد", "سال", "غرد", "تساءل"];

/// Active participles used as speech cues after a first statement (…، مضيفا أن …).
const PARTICIPLES: [&str; 13] =
    ["مضيف", "موضح", "مشير", "موكد", "لافت", "معتبر", "مبين", "محذر", "مشدد", "منوه", "مستطرد", "معرب", "مردف"];

/// Reporting verbs missing from the lexicon file (past and present stems with their persons).
const EXTRA_VERBS: [(&str, [&str; 8]); 3] = [
    ("وضح", ["وضح", "وضحت", "وضحوا", "وضحا", "يوضح", "توضح", "يوضحون", "وضحتا"]),
    ("اردف", ["اردف", "اردفت", "اردفوا", "اردفا", "يردف", "تردف", "يردفون", "اردفتا"]),
    ("اجاب", ["اجاب", "اجابت", "اجابوا", "اجابا", "يجيب", "تجيب", "يجيبون", "اجابتا"]),
];

/// Words in the role-noun list that are too common to head a speaker on their own.
const WEAK_ROLE_WORDS: [&str; 4] = ["نايب", "حافظ", "فريق", "لواء"];

fn agreement_of(form: &str, lemma: &str) -> Agreement {
    if form.ends_with("وا") || form.ends_with("ون") {
        return Agreement::Plural;
    }
    // Past 3fs ends in ت (dual تا); present 3fs starts with ت where the lemma itself does not (تابع).
    let present_feminine = form.starts_with('ت') && !lemma.starts_with('ت') && form.chars().count() >= 3;
    if form.ends_with('ت') || form.ends_with("تا") || present_feminine {
        return Agreement::Feminine;
    }
    Agreement::Masculine
}

fn is_passive(form: &str) -> bool {
    matches!(form, "قيل" | "يقال" | "اشير" | "يشار" | "افيد" | "يفاد")
}

fn tsv_rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn build() -> Lexicon {
    let mut reporting = HashMap::new();
    for row in tsv_rows(REPORTING_VERBS) {
        let (Some(lemma), Some(stance), Some(forms)) = (row.first(), row.get(2), row.get(3)) else { continue };
        let lemma = normalize_str(lemma);
        if !SPEECH_STANCES.contains(stance) || SKIPPED_LEMMAS.contains(&lemma.as_str()) {
            continue;
        }
        let strong = STRONG_LEMMAS.contains(&lemma.as_str());
        for form in forms.split('|') {
            let form = normalize_str(form.trim());
            // بين and تبين are far more often "between" and "it turned out" than "he showed".
            // يدعي also spells يُدعى "is called" once ى is folded.
            if form.is_empty() || matches!(form.as_str(), "بين" | "تبين" | "يدعي" | "تدعي") {
                continue;
            }
            let entry = ReportingForm {
                lemma: lemma.clone(),
                stance: stance.to_string(),
                agreement: agreement_of(&form, &lemma),
                passive: is_passive(&form),
                needs_complement: !strong,
                participle: false,
            };
            reporting.entry(form).or_insert(entry);
        }
    }
    for (lemma, forms) in EXTRA_VERBS {
        for form in forms {
            let entry = ReportingForm {
                lemma: lemma.to_string(),
                stance: "neutral".to_string(),
                agreement: agreement_of(form, lemma),
                passive: false,
                needs_complement: true,
                participle: false,
            };
            reporting.entry(form.to_string()).or_insert(entry);
        }
    }
    for stem in PARTICIPLES {
        for (suffix, agreement) in [("ا", Agreement::Masculine), ("ه", Agreement::Feminine), ("ين", Agreement::Plural)] {
            let form = format!("{stem}{suffix}");
            let entry = ReportingForm {
                lemma: stem.to_string(),
                stance: "neutral".to_string(),
                agreement,
                passive: false,
                needs_complement: true,
                participle: true,
            };
            reporting.entry(form).or_insert(entry);
        }
    }

    let mut introducers: Vec<Vec<String>> = Vec::new();
    let mut unnamed_sources = HashSet::new();
    for row in tsv_rows(INTRODUCERS) {
        let (Some(phrase), Some(variants), Some(kind)) = (row.first(), row.get(1), row.get(2)) else { continue };
        let all = std::iter::once(*phrase).chain(variants.split('|'));
        match *kind {
            "according_to" | "quoting" => {
                for v in all {
                    let words: Vec<String> = normalize_str(v).split_whitespace().map(str::to_string).collect();
                    // A trailing ل / لل / لما is matched as a clitic on the source, not a word.
                    let words: Vec<String> = words.into_iter().filter(|w| !matches!(w.as_str(), "ل" | "لل" | "لما" | "ما")).collect();
                    // Introducers that are themselves a reporting verb (نقلت عن) are found as verbs.
                    if !words.is_empty() && !introducers.contains(&words) && !words.iter().any(|w| w.starts_with("ذكر") || w.starts_with("افاد") || w.starts_with("اورد") || matches!(w.as_str(), "نقل" | "نقلت" | "تنقل" | "ينقل")) {
                        introducers.push(words);
                    }
                }
            }
            "anonymous_source" => {
                for v in all {
                    let v = normalize_str(v);
                    let mut words = v.split_whitespace();
                    if let Some(first) = words.next() {
                        if !matches!(first, "طلب" | "رفض" | "فضل" | "شريطه" | "شرط" | "معلومات" | "المعلومات" | "انباء" | "الانباء" | "التقارير" | "تقارير") {
                            unnamed_sources.insert(first.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for w in ["مصادر", "مصدر", "المصادر", "المصدر", "مسوولين", "المسوولين", "ناشطين", "الناشطون", "الناشطين", "شهود", "الشهود", "محللين", "خبراء", "عمال", "مراقبين"] {
        unnamed_sources.insert(w.to_string());
    }

    let mut role_words = HashSet::new();
    for row in tsv_rows(PERSON_TITLES) {
        let (Some(form), Some(variants)) = (row.first(), row.get(1)) else { continue };
        for v in std::iter::once(*form).chain(variants.split('|')) {
            let v = normalize_str(v);
            if let Some(first) = v.split_whitespace().next() {
                let bare = first.strip_prefix("ال").filter(|b| b.chars().count() >= 3).unwrap_or(first);
                if !WEAK_ROLE_WORDS.contains(&bare) {
                    role_words.insert(bare.to_string());
                }
            }
        }
    }
    for w in ["متحدث", "ناطق", "مسوول", "قايد", "مدير", "رييس", "وزير", "مبعوث", "سفير", "امين", "محافظ", "مصدر", "زعيم"] {
        role_words.insert(w.to_string());
    }

    let mut outlet_heads = HashSet::new();
    let mut org_heads = HashSet::new();
    for row in tsv_rows(ENTITY_CUES) {
        let (Some(cue), Some(variants), Some(kind)) = (row.first(), row.get(1), row.get(2)) else { continue };
        for v in std::iter::once(*cue).chain(variants.split('|')) {
            let v = normalize_str(v);
            let Some(first) = v.split_whitespace().next() else { continue };
            let first = first.strip_prefix("ال").filter(|b| b.chars().count() >= 3).unwrap_or(first);
            // Clitic-bearing variants (بصحيفة) are covered by stripping clitics at match time.
            if first.starts_with('ب') || first.starts_with('ل') && first != "لجنه" && first != "لواء" {
                continue;
            }
            if kind.contains("OUTLET") {
                outlet_heads.insert(first.to_string());
            }
            if kind.contains("ORG") {
                org_heads.insert(first.to_string());
            }
        }
    }
    Lexicon { reporting, introducers, unnamed_sources, role_words, outlet_heads, org_heads }
}

/// The lexicons, compiled on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

/// The forms a normalised word takes with its conjunction (و، ف) removed, longest first.
pub fn without_conjunction(word: &str) -> impl Iterator<Item = &str> {
    let mut forms = vec![word];
    for c in ["و", "ف"] {
        if let Some(rest) = word.strip_prefix(c) {
            if rest.chars().count() >= 2 {
                forms.push(rest);
            }
        }
    }
    forms.into_iter()
}

/// The word without the definite article and conjunctions/prepositions before it (والصحيفه → صحيفه).
pub fn bare_noun(word: &str) -> &str {
    for p in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_carry_agreement_and_kind() {
        let lex = lexicon();
        assert_eq!(lex.reporting["قالت"].agreement, Agreement::Feminine);
        assert_eq!(lex.reporting["قالوا"].agreement, Agreement::Plural);
        assert_eq!(lex.reporting["يقول"].agreement, Agreement::Masculine);
        assert_eq!(lex.reporting["تقول"].agreement, Agreement::Feminine);
        assert!(lex.reporting["قيل"].passive);
        assert!(lex.reporting["مضيفا"].participle);
        assert!(lex.reporting["يري"].needs_complement);
        assert!(!lex.reporting.contains_key("بين"), "بين is mostly \"between\"");
        assert!(!lex.reporting["اكدت"].needs_complement);
        assert!(!lex.reporting.contains_key("طالب"), "demands are events, not speech");
    }

    #[test]
    fn introducers_and_source_words_are_loaded() {
        let lex = lexicon();
        assert!(lex.introducers.iter().any(|p| p == &["وفقا".to_string()]));
        assert!(lex.introducers.iter().any(|p| p == &["نقلا".to_string(), "عن".to_string()]));
        assert!(lex.unnamed_sources.contains("مسوولون"));
        assert!(lex.role_words.contains("وزير"));
        assert!(lex.outlet_heads.contains("صحيفه"));
        assert!(lex.org_heads.contains("وزاره"));
    }
}
