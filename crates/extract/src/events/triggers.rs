//! Event triggers: the words that report a specific happening, typed in PLOVER.
//!
//! The table is written from Arabic news usage and grows the shipped
//! `data/gazetteer/lex_event_triggers.tsv` (whose own types, ATTACK, KILL, EXECUTE, ARREST …, map to
//! PLOVER type and mode here). A word is matched by its stem after clitics are removed: the
//! conjunction (و، ف), a preposition (ب، ل، ك), the article, and a possessive suffix (إعدامه،
//! تصفيته، سيطرتهم). Words that only name a kind of act (الإرهاب، العنف) are not triggers.

use crate::lexicon::without_conjunction;

/// What a trigger word reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerKind {
    pub event_type: &'static str,
    pub mode: Option<&'static str>,
    /// A casualty word (مقتل، قتلى، استشهاد): an event of its own only where no attack word in
    /// the same clause reports the happening that caused it.
    pub casualty: bool,
    /// A verbal noun or noun (as opposed to a finite verb).
    pub noun: bool,
}

const fn kind(event_type: &'static str, mode: Option<&'static str>, noun: bool) -> TriggerKind {
    TriggerKind { event_type, mode, casualty: false, noun }
}

const fn casualty(noun: bool) -> TriggerKind {
    TriggerKind { event_type: "ASSAULT", mode: None, casualty: true, noun }
}

/// Trigger stems in matching form (no clitics, no article, ة as ه), with what they report.
const TRIGGERS: &[(&str, TriggerKind)] = &[
    // Executions.
    ("اعدام", kind("ASSAULT", Some("execution"), true)),
    ("اعدامات", kind("ASSAULT", Some("execution"), true)),
    ("اعدم", kind("ASSAULT", Some("execution"), false)),
    ("اعدمت", kind("ASSAULT", Some("execution"), false)),
    ("اعدموا", kind("ASSAULT", Some("execution"), false)),
    ("تصفيه", kind("ASSAULT", Some("execution"), true)),
    ("صفي", kind("ASSAULT", Some("execution"), false)),
    ("صفت", kind("ASSAULT", Some("execution"), false)),
    ("ذبح", kind("ASSAULT", Some("execution"), false)),
    // Bombings and blasts.
    ("تفجير", kind("ASSAULT", Some("bombing"), true)),
    ("تفجيرات", kind("ASSAULT", Some("bombing"), true)),
    ("انفجار", kind("ASSAULT", Some("bombing"), true)),
    ("انفجارات", kind("ASSAULT", Some("bombing"), true)),
    ("انفجر", kind("ASSAULT", Some("bombing"), false)),
    ("انفجرت", kind("ASSAULT", Some("bombing"), false)),
    ("فجر", kind("ASSAULT", Some("bombing"), false)),
    ("مفجر", kind("ASSAULT", Some("bombing"), true)),
    ("يفجر", kind("ASSAULT", Some("bombing"), false)),
    ("يقصف", kind("ASSAULT", Some("bombing"), false)),
    // Shelling and air strikes.
    ("قصف", kind("ASSAULT", Some("shelling"), true)),
    ("قصفت", kind("ASSAULT", Some("shelling"), false)),
    ("قصفوا", kind("ASSAULT", Some("shelling"), false)),
    // سقوط قذيفة / صاروخ: shells falling (checked for the weapon in context).
    ("سقوط", kind("ASSAULT", Some("shelling"), true)),
    ("غاره", kind("ASSAULT", Some("aerial"), true)),
    ("غارات", kind("ASSAULT", Some("aerial"), true)),
    ("ضربات", kind("ASSAULT", None, true)),
    ("ضربه", kind("ASSAULT", None, true)),
    // Attacks.
    ("هجوم", kind("ASSAULT", None, true)),
    ("هجوما", kind("ASSAULT", None, true)),
    ("هجمات", kind("ASSAULT", None, true)),
    ("هجمه", kind("ASSAULT", None, true)),
    ("هاجم", kind("ASSAULT", None, false)),
    ("هاجمت", kind("ASSAULT", None, false)),
    ("هاجموا", kind("ASSAULT", None, false)),
    ("استهداف", kind("ASSAULT", None, true)),
    ("استهدف", kind("ASSAULT", None, false)),
    ("استهدفت", kind("ASSAULT", None, false)),
    ("استهدفوا", kind("ASSAULT", None, false)),
    ("اغتيال", kind("ASSAULT", None, true)),
    ("اغتال", kind("ASSAULT", None, false)),
    ("اغتالت", kind("ASSAULT", None, false)),
    ("اسقاط", kind("ASSAULT", None, true)),
    ("اسقط", kind("ASSAULT", None, false)),
    ("اسقطت", kind("ASSAULT", None, false)),
    ("اسقطوا", kind("ASSAULT", None, false)),
    // Killing verbs (the act) and casualty words (the toll).
    // قتل/قتلوا read as active or passive (قُتل) alike: treated as a toll beside an attack word.
    ("قتل", casualty(false)),
    ("قتلت", casualty(false)),
    ("قتلوا", casualty(false)),
    ("قتلها", kind("ASSAULT", None, true)),
    ("مقتل", casualty(true)),
    ("مصرع", casualty(true)),
    ("استشهاد", casualty(true)),
    ("شهداء", casualty(true)),
    ("حتفه", casualty(true)),
    ("حتفهم", casualty(true)),
    // Seizure and arrest.
    ("سيطره", kind("COERCE", Some("seize"), true)),
    ("سيطر", kind("COERCE", Some("seize"), false)),
    ("سيطرت", kind("COERCE", Some("seize"), false)),
    ("سيطروا", kind("COERCE", Some("seize"), false)),
    ("استيلاء", kind("COERCE", Some("seize"), true)),
    ("استولي", kind("COERCE", Some("seize"), false)),
    ("استولت", kind("COERCE", Some("seize"), false)),
    ("استولوا", kind("COERCE", Some("seize"), false)),
    ("احتلال", kind("COERCE", Some("seize"), true)),
    ("احتل", kind("COERCE", Some("seize"), false)),
    ("احتلت", kind("COERCE", Some("seize"), false)),
    ("اجتياح", kind("COERCE", Some("seize"), true)),
    ("اجتاح", kind("COERCE", Some("seize"), false)),
    ("اجتاحت", kind("COERCE", Some("seize"), false)),
    ("اعتقال", kind("COERCE", Some("arrest"), true)),
    ("اعتقل", kind("COERCE", Some("arrest"), false)),
    ("اعتقلت", kind("COERCE", Some("arrest"), false)),
    ("اعتقلوا", kind("COERCE", Some("arrest"), false)),
    ("القت", kind("COERCE", Some("arrest"), false)),
    ("القي", kind("COERCE", Some("arrest"), false)),
    ("القوا", kind("COERCE", Some("arrest"), false)),
    ("القاء", kind("COERCE", Some("arrest"), true)),
    ("احتجاز", kind("COERCE", Some("arrest"), true)),
    ("احتجز", kind("COERCE", Some("arrest"), false)),
    ("احتجزت", kind("COERCE", Some("arrest"), false)),
    ("عزل", kind("COERCE", None, false)),
    // Release.
    ("افراج", kind("CONCEDE", Some("release"), true)),
    ("افرج", kind("CONCEDE", Some("release"), false)),
    ("افرجت", kind("CONCEDE", Some("release"), false)),
    ("حرروا", kind("CONCEDE", Some("release"), false)),
    ("حررت", kind("CONCEDE", Some("release"), false)),
    ("اخرجت", kind("CONCEDE", Some("release"), false)),
    ("اخرجوا", kind("CONCEDE", Some("release"), false)),
    ("اطلقت", kind("CONCEDE", Some("release"), false)),
    ("اطلقوا", kind("CONCEDE", Some("release"), false)),
    // Talks, mediation, meetings.
    ("وساطه", kind("CONSULT", Some("mediate"), true)),
    ("توسط", kind("CONSULT", Some("mediate"), true)),
    ("تتوسط", kind("CONSULT", Some("mediate"), false)),
    ("توسطت", kind("CONSULT", Some("mediate"), false)),
    ("يتوسط", kind("CONSULT", Some("mediate"), false)),
    ("مفاوضات", kind("CONSULT", Some("negotiate"), true)),
    ("محادثات", kind("CONSULT", Some("negotiate"), true)),
    ("مباحثات", kind("CONSULT", Some("negotiate"), true)),
    ("تفاوض", kind("CONSULT", Some("negotiate"), false)),
    ("تفاوضها", kind("CONSULT", Some("negotiate"), false)),
    ("تفاوضت", kind("CONSULT", Some("negotiate"), false)),
    ("اجتماع", kind("CONSULT", Some("meet"), true)),
    ("اجتمع", kind("CONSULT", Some("meet"), false)),
    ("اجتمعت", kind("CONSULT", Some("meet"), false)),
    ("التقي", kind("CONSULT", Some("meet"), false)),
    ("التقت", kind("CONSULT", Some("meet"), false)),
    ("استضافت", kind("CONSULT", Some("meet"), false)),
    ("استضاف", kind("CONSULT", Some("meet"), false)),
    // Agreement, withdrawal, aid, cooperation, mobilisation, protest, demands.
    ("اتفاق", kind("AGREE", None, true)),
    ("انسحاب", kind("RETREAT", Some("withdraw"), true)),
    ("انسحب", kind("RETREAT", Some("withdraw"), false)),
    ("انسحبت", kind("RETREAT", Some("withdraw"), false)),
    ("سحب", kind("RETREAT", Some("withdraw"), true)),
    ("دعم", kind("AID", None, true)),
    ("دعما", kind("AID", None, true)),
    ("تدعم", kind("AID", None, false)),
    ("يدعم", kind("AID", None, false)),
    ("دعمت", kind("AID", None, false)),
    ("تدعمها", kind("AID", None, false)),
    ("مدعوما", kind("AID", None, false)),
    ("مدعومه", kind("AID", None, false)),
    ("يساعد", kind("AID", None, false)),
    ("تساعد", kind("AID", None, false)),
    ("ساعدت", kind("AID", None, false)),
    ("ساعد", kind("AID", None, false)),
    ("مساعدات", kind("AID", Some("economic"), true)),
    ("تنسيق", kind("COOPERATE", None, true)),
    ("تجنيد", kind("MOBILIZE", Some("recruit"), true)),
    ("احتجاجات", kind("PROTEST", None, true)),
    ("مظاهرات", kind("PROTEST", None, true)),
    ("انتفاضه", kind("PROTEST", None, true)),
    ("حرب", kind("FIGHT", None, true)),
    ("حربا", kind("FIGHT", None, true)),
    ("حملات", kind("FIGHT", None, true)),
    ("اشتباكات", kind("FIGHT", None, true)),
    ("معارك", kind("FIGHT", None, true)),
];

/// The forms a normalised word takes without conjunction, preposition and article (its
/// possessive suffix, if any, kept).
fn bases(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for base in without_conjunction(word) {
        for f in without_preposition_and_article(base) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// A word without its conjunction, then also without ب/ل/ك, then also without ال/ل: every form
/// of three letters or more, the whole word first.
fn without_preposition_and_article(base: &str) -> Vec<String> {
    let mut forms = vec![base.to_string()];
    for p in ["ب", "ل", "ك"] {
        if let Some(rest) = base.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                forms.push(rest.to_string());
            }
        }
    }
    for f in forms.clone() {
        for a in ["ال", "ل"] {
            if let Some(rest) = f.strip_prefix(a) {
                if rest.chars().count() >= 3 {
                    forms.push(rest.to_string());
                }
            }
        }
    }
    forms
}

fn is_stem(s: &str) -> bool {
    TRIGGERS.iter().any(|(stem, _)| *stem == s)
}

/// The possessive pronoun on a trigger word (إعدامه → ه، سيطرتهم → هم), where the word is a
/// trigger only once the pronoun is removed.
pub fn possessive_suffix(word: &str) -> Option<&'static str> {
    let bases = bases(word);
    if bases.iter().any(|b| is_stem(b)) {
        return None;
    }
    for suffix in ["هما", "هم", "ها", "ه"] {
        for b in &bases {
            let Some(rest) = b.strip_suffix(suffix) else { continue };
            if rest.chars().count() < 3 {
                continue;
            }
            let feminine = rest.strip_suffix('ت').map(|stem| format!("{stem}ه"));
            if is_stem(rest) || feminine.as_deref().is_some_and(is_stem) {
                return Some(suffix);
            }
        }
    }
    None
}

/// The stems a normalised word may reduce to: without conjunction, preposition, article and
/// possessive suffix, in that order of stripping.
pub fn stems(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for base in without_conjunction(word) {
        let mut forms = without_preposition_and_article(base);
        let mut with_suffix = Vec::new();
        for f in &forms {
            for s in ["هما", "هم", "ها", "ه"] {
                if let Some(rest) = f.strip_suffix(s) {
                    if rest.chars().count() >= 3 {
                        // A feminine noun takes ت before a suffix: تصفيته → تصفيه.
                        match rest.strip_suffix('ت') {
                            Some(stem) => with_suffix.push(format!("{stem}ه")),
                            None => with_suffix.push(rest.to_string()),
                        }
                        with_suffix.push(rest.to_string());
                    }
                }
            }
        }
        forms.extend(with_suffix);
        for f in forms {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// What the normalised word reports, if it is a trigger; the whole word is tried first so that
/// inflected verbs (قتلها) keep their own entry.
pub fn trigger_of(word: &str) -> Option<TriggerKind> {
    stems(word).iter().find_map(|s| TRIGGERS.iter().find(|(stem, _)| stem == s).map(|(_, k)| *k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::normalize::normalize_str;

    fn check(word: &str, event_type: &str, mode: Option<&str>) {
        let k = trigger_of(&normalize_str(word)).unwrap_or_else(|| panic!("{word} is a trigger"));
        assert_eq!((k.event_type, k.mode), (event_type, mode), "{word}");
    }

    #[test]
    fn clitics_and_suffixes_are_stripped() {
        check("بإعدام", "ASSAULT", Some("execution"));
        check("تصفيته", "ASSAULT", Some("execution"));
        check("والاستيلاء", "COERCE", Some("seize"));
        check("بالسيطرة", "COERCE", Some("seize"));
        check("سيطرتهم", "COERCE", Some("seize"));
        check("للتوسط", "CONSULT", Some("mediate"));
        check("وانسحاب", "RETREAT", Some("withdraw"));
        check("التفجير", "ASSAULT", Some("bombing"));
        assert!(trigger_of(&normalize_str("مقتل")).unwrap().casualty);
        assert!(trigger_of(&normalize_str("الإرهاب")).is_none());
        assert!(trigger_of(&normalize_str("الطريق")).is_none());
    }

    #[test]
    fn possessive_pronouns_are_told_apart_from_stems() {
        let suffix = |w: &str| possessive_suffix(&normalize_str(w));
        assert_eq!(suffix("إعدامه"), Some("ه"));
        assert_eq!(suffix("وتصفيته"), Some("ه"));
        assert_eq!(suffix("سيطرتهم"), Some("هم"));
        assert_eq!(suffix("مقتله"), Some("ه"));
        assert_eq!(suffix("التصفية"), None, "ة is not a pronoun");
        assert_eq!(suffix("حتفه"), None, "listed whole");
        assert_eq!(suffix("إعدام"), None);
    }
}
