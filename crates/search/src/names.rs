//! Known names are not stemmed at query time.
//!
//! Light10 strips endings that are often part of a name: طالبان → طالب (a student; he demanded),
//! الرياض → رياض (sport is رياضة → رياض too), قتلى → قتل. A query word that the shipped gazetteer
//! knows as an unambiguous name is therefore searched by its exact forms only: the word itself and
//! those indexed forms sharing its stem that the gazetteer lists for the same entity (الحوثيين also
//! finds الحوثي and الحوثيون; اليمن also finds the demonym اليمني). Everything else is stemmed as usual.
//! The rule comes from the lexicon, not from any article; the index is unchanged (both fields are
//! always there), so the choice is made per query.

use isnad_extract::gazetteer::Gazetteer;
use isnad_text::stem::light_stem_normalized;
use isnad_text::tokens::{tokenize, TokenKind};
use isnad_text::normalize;
use std::collections::HashSet;
use std::sync::OnceLock;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::builtin)
}

/// The gazetteer entries an exact base form (proclitics removed) names unambiguously, trying it
/// with and without the article.
fn entries_named_by(base: &str) -> HashSet<usize> {
    let gazetteer = gazetteer();
    let mut out = HashSet::new();
    for key in [base.to_string(), format!("ال{base}")] {
        if let Some(senses) = gazetteer.senses_of(&key) {
            out.extend(senses.iter().filter(|s| !s.ambiguous).map(|s| s.entry));
        }
    }
    out
}

/// A query word's exact base form, when the word is one Arabic word.
pub fn base_of_word(word: &str) -> Option<String> {
    let normalized = normalize(word);
    let tokens = tokenize(&normalized);
    match tokens.as_slice() {
        [token] if token.kind == TokenKind::Word => Some(token.base(&normalized).to_string()),
        _ => None,
    }
}

/// For a query word naming a known entity: the exact forms to search instead of its stem, chosen
/// among `indexed_forms` (the exact-field terms that share the word's stem). `None`: not a name,
/// stem as usual.
pub fn exact_forms_of_name(base: &str, indexed_forms: &[String]) -> Option<Vec<String>> {
    let entries = entries_named_by(base);
    if entries.is_empty() {
        return None;
    }
    let stem = light_stem_normalized(base);
    let mut forms = vec![base.to_string()];
    for form in indexed_forms {
        if form != base && light_stem_normalized(form) == stem && !entries_named_by(form).is_disjoint(&entries) {
            forms.push(form.clone());
        }
    }
    Some(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_known_name_keeps_its_exact_forms_and_drops_its_stem_siblings() {
        let indexed = forms(&["طالب", "طالبان", "طالبه"]);
        assert_eq!(exact_forms_of_name("طالبان", &indexed), Some(forms(&["طالبان"])));
        let indexed = forms(&["حوثي", "حوثيين", "حوثيون"]);
        let found = exact_forms_of_name("حوثيين", &indexed).unwrap();
        assert!(found.contains(&"حوثي".to_string()) && found.contains(&"حوثيون".to_string()), "{found:?}");
    }

    #[test]
    fn ordinary_words_are_not_names() {
        assert_eq!(exact_forms_of_name("مفاوضات", &forms(&["مفاوض", "مفاوضات"])), None);
        assert_eq!(base_of_word("لطالبان"), Some("طالبان".to_string()));
        assert_eq!(base_of_word("two words"), None);
    }
}
