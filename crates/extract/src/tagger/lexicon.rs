//! Gazetteer classes as tagger features.
//!
//! The tagger learns how much to trust each shipped list (`data/gazetteer/`, compiled in) instead of
//! obeying it: a phrase found in the places list becomes the features "starts a place-list match" /
//! "continues one" on its tokens, and the weights decide. This keeps lists that were made for rule
//! matching useful for a statistical model without hand-tuned precedence.

use isnad_text::normalize::normalize_str;
use std::collections::HashMap;

/// A list a phrase can belong to. The discriminant is a bit position in a class set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexClass {
    Country,
    City,
    CityCommonWord,
    Admin,
    PlaceFeature,
    Org,
    OrgAmbiguous,
    Outlet,
    PersonNotable,
    GivenName,
    Title,
    Demonym,
    CueLoc,
    CueOrg,
    CueOutlet,
    ReportingVerb,
    Month,
}

impl LexClass {
    const ALL: [LexClass; 17] = [
        LexClass::Country,
        LexClass::City,
        LexClass::CityCommonWord,
        LexClass::Admin,
        LexClass::PlaceFeature,
        LexClass::Org,
        LexClass::OrgAmbiguous,
        LexClass::Outlet,
        LexClass::PersonNotable,
        LexClass::GivenName,
        LexClass::Title,
        LexClass::Demonym,
        LexClass::CueLoc,
        LexClass::CueOrg,
        LexClass::CueOutlet,
        LexClass::ReportingVerb,
        LexClass::Month,
    ];

    /// Short stable name used inside feature strings (changing one invalidates trained models).
    pub fn code(self) -> &'static str {
        match self {
            LexClass::Country => "cty",
            LexClass::City => "cit",
            LexClass::CityCommonWord => "citc",
            LexClass::Admin => "adm",
            LexClass::PlaceFeature => "feat",
            LexClass::Org => "org",
            LexClass::OrgAmbiguous => "orga",
            LexClass::Outlet => "out",
            LexClass::PersonNotable => "per",
            LexClass::GivenName => "giv",
            LexClass::Title => "ttl",
            LexClass::Demonym => "dem",
            LexClass::CueLoc => "cueL",
            LexClass::CueOrg => "cueO",
            LexClass::CueOutlet => "cueM",
            LexClass::ReportingVerb => "rep",
            LexClass::Month => "mon",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The classes whose bits are set in `set`.
    pub fn members(set: u32) -> impl Iterator<Item = LexClass> {
        LexClass::ALL.into_iter().filter(move |c| set & c.bit() != 0)
    }
}

/// Which columns of which shipped file feed which class.
struct Source {
    file: &'static str,
    columns: &'static [&'static str],
    class: LexClass,
}

/// Phrases (normalised, space-joined tokens) with the set of classes they belong to.
#[derive(Debug, Default)]
pub struct Lexicon {
    phrases: HashMap<String, u32>,
    /// Every token of a multi-token person, organisation or outlet name, so that a partial mention
    /// ("the minister Smith" when the list has "John Smith") still lights up.
    name_parts: HashMap<String, u32>,
    longest_phrase: usize,
}

/// A lexicon match over a token sequence: `len` tokens from `start`, all of `classes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch {
    pub start: usize,
    pub len: usize,
    pub classes: u32,
}

impl Lexicon {
    /// The lexicon built from the compiled-in gazetteer.
    pub fn shipped() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for source in SOURCES {
            lexicon.add_tsv(source.file, source.columns, source.class);
        }
        // Cities whose name is also a frequent word are split out: the model should trust them less.
        for_each_row(PLACES_CITIES, |row| {
            if row.get("flags").is_some_and(|f| f.contains("common_word")) {
                for name in row.values(&["name_ar", "aliases_ar"]) {
                    lexicon.add(name, LexClass::CityCommonWord);
                }
            }
        });
        for_each_row(ENTITY_CUES, |row| {
            let class = match row.get("entity_type").unwrap_or("") {
                t if t.starts_with("LOC") => LexClass::CueLoc,
                t if t.starts_with("ORG") => LexClass::CueOrg,
                _ => LexClass::CueOutlet,
            };
            for cue in row.values(&["cue", "variants_ar"]) {
                lexicon.add(cue, class);
            }
        });
        lexicon
    }

    fn add_tsv(&mut self, file: &str, columns: &[&str], class: LexClass) {
        for_each_row(file, |row| {
            for value in row.values(columns) {
                self.add(value, class);
            }
        });
    }

    /// Adds one phrase (any spelling; it is normalised here).
    pub fn add(&mut self, phrase: &str, class: LexClass) {
        let tokens: Vec<String> = normalize_str(phrase).split_whitespace().map(str::to_string).collect();
        if tokens.is_empty() {
            return;
        }
        self.longest_phrase = self.longest_phrase.max(tokens.len());
        if tokens.len() > 1 && matches!(class, LexClass::PersonNotable | LexClass::Org | LexClass::Outlet) {
            for token in &tokens {
                *self.name_parts.entry(token.clone()).or_default() |= class.bit();
            }
        }
        *self.phrases.entry(tokens.join(" ")).or_default() |= class.bit();
    }

    /// The classes of names that contain `token` as one of several words.
    pub fn name_part_classes(&self, token: &str) -> u32 {
        self.name_parts.get(token).copied().unwrap_or(0)
    }

    /// Longest matches over a sentence. `forms[i]` lists the spellings token `i` may be matched as
    /// (typically with and without its proclitics); only the first token of a phrase may use a
    /// clitic-stripped spelling, later ones must match their plain form `forms[i][0]`.
    pub fn matches(&self, forms: &[Vec<&str>]) -> Vec<LexMatch> {
        let mut found = Vec::new();
        let mut key = String::new();
        for start in 0..forms.len() {
            let longest = self.longest_phrase.min(forms.len() - start);
            'lengths: for len in (1..=longest).rev() {
                for first in &forms[start] {
                    if first.is_empty() {
                        continue;
                    }
                    key.clear();
                    key.push_str(first);
                    for form in &forms[start + 1..start + len] {
                        key.push(' ');
                        key.push_str(form.first().copied().unwrap_or(""));
                    }
                    if let Some(&classes) = self.phrases.get(&key) {
                        found.push(LexMatch { start, len, classes });
                        break 'lengths;
                    }
                }
            }
        }
        found
    }
}

const PLACES_CITIES: &str = include_str!("../../../../data/gazetteer/places_cities.tsv");
const ENTITY_CUES: &str = include_str!("../../../../data/gazetteer/lex_entity_cues.tsv");

const SOURCES: &[Source] = &[
    Source {
        file: include_str!("../../../../data/gazetteer/places_countries.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::Country,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/places_countries.tsv"),
        columns: &["capital_ar"],
        class: LexClass::City,
    },
    Source { file: PLACES_CITIES, columns: &["name_ar", "aliases_ar"], class: LexClass::City },
    Source {
        file: include_str!("../../../../data/gazetteer/places_admin.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::Admin,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/places_features.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::PlaceFeature,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/orgs.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::Org,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/orgs.tsv"),
        columns: &["aliases_ambiguous_ar"],
        class: LexClass::OrgAmbiguous,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/outlets.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::Outlet,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/persons_notable.tsv"),
        columns: &["name_ar", "aliases_ar"],
        class: LexClass::PersonNotable,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/person_given_names.tsv"),
        columns: &["name_ar", "variants_ar"],
        class: LexClass::GivenName,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/person_titles.tsv"),
        columns: &["form", "variants_ar"],
        class: LexClass::Title,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/demonyms.tsv"),
        columns: &["forms_ar"],
        class: LexClass::Demonym,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/lex_reporting_verbs.tsv"),
        columns: &["forms_ar"],
        class: LexClass::ReportingVerb,
    },
    Source {
        file: include_str!("../../../../data/gazetteer/lex_months.tsv"),
        columns: &["name_ar", "variants_ar"],
        class: LexClass::Month,
    },
];

/// One TSV row addressed by header name.
struct Row<'h, 'a> {
    header: &'h [&'a str],
    cells: Vec<&'a str>,
}

impl<'a> Row<'_, 'a> {
    fn get(&self, column: &str) -> Option<&'a str> {
        let at = self.header.iter().position(|h| *h == column)?;
        self.cells.get(at).copied()
    }

    /// The `|`-separated values of `columns`, non-empty ones only.
    fn values(&self, columns: &[&str]) -> Vec<&'a str> {
        columns
            .iter()
            .filter_map(|c| self.get(c))
            .flat_map(|cell| cell.split('|'))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// Calls `visit` on every data row of a TSV file whose first line is the header.
fn for_each_row<'a>(file: &'a str, mut visit: impl FnMut(&Row<'_, 'a>)) {
    let mut lines = file.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        visit(&Row { header: &header, cells: line.split('\t').collect() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_first_token_may_drop_clitics() {
        let mut lexicon = Lexicon::default();
        lexicon.add("وادي الزهور", LexClass::PlaceFeature);
        lexicon.add("الزهور", LexClass::City);
        let forms = vec![vec!["وبوادي", "وادي"], vec!["الزهور", "زهور"], vec!["امس"]];
        let found = lexicon.matches(&forms);
        assert_eq!(found[0], LexMatch { start: 0, len: 2, classes: LexClass::PlaceFeature.bit() });
        assert_eq!(found[1], LexMatch { start: 1, len: 1, classes: LexClass::City.bit() });
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn shipped_lists_are_loaded_and_normalised() {
        let lexicon = Lexicon::shipped();
        let mut classes = 0;
        for forms in [vec!["مصر"], vec!["القاهره"]] {
            for m in lexicon.matches(&[forms]) {
                classes |= m.classes;
            }
        }
        assert!(classes & LexClass::Country.bit() != 0);
        assert!(classes & LexClass::City.bit() != 0);
    }
}
