//! Gazetteer classes as tagger features.
//!
//! The tagger learns how much to trust each shipped list (`data/gazetteer/`, compiled in) instead of
//! obeying it: a phrase found in the places list becomes the features "starts a place-list match" /
//! "continues one" on its tokens, and the weights decide. This keeps lists that were made for rule
//! matching useful for a statistical model without hand-tuned precedence.

use super::hashing::{combine, hash_str, IdMap};
use isnad_text::normalize::normalize_str;

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
    /// Foreign given names in Arabic script (`data/tagger/foreign_given_names.txt`).
    ForeignGivenName,
    Title,
    Demonym,
    CueLoc,
    CueOrg,
    CueOutlet,
    ReportingVerb,
    Month,
}

impl LexClass {
    const ALL: [LexClass; 18] = [
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
        LexClass::ForeignGivenName,
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
            LexClass::ForeignGivenName => "givf",
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

/// Phrases (normalised tokens) with the set of classes they belong to, keyed by hash.
///
/// A phrase's key is its tokens' hashes mixed in order ([`phrase_key`]); every proper prefix of a
/// phrase is kept too, so matching extends a candidate one token at a time and stops as soon as no
/// phrase can continue it.
#[derive(Debug, Default)]
pub struct Lexicon {
    phrases: IdMap<u32>,
    prefixes: IdMap<()>,
    /// Every token of a multi-token person, organisation or outlet name, so that a partial mention
    /// ("the minister Smith" when the list has "John Smith") still lights up.
    name_parts: IdMap<u32>,
}

/// A lexicon match over a token sequence: `len` tokens from `start`, all of `classes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch {
    pub start: usize,
    pub len: usize,
    pub classes: u32,
}

/// The key of a phrase continued by one more token.
fn extend_key(key: u64, token: u64) -> u64 {
    combine(key, token)
}

/// The key of the phrase made of tokens with these hashes.
pub fn phrase_key(tokens: &[u64]) -> u64 {
    tokens.iter().fold(hash_str("phrase"), |key, &token| extend_key(key, token))
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
        for line in FOREIGN_GIVEN_NAMES.lines().filter(|l| !l.starts_with('#')) {
            for name in line.split('|').map(str::trim).filter(|n| !n.is_empty()) {
                lexicon.add(name, LexClass::ForeignGivenName);
            }
        }
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
        let tokens: Vec<u64> = normalize_str(phrase).split_whitespace().map(hash_str).collect();
        if tokens.is_empty() {
            return;
        }
        if tokens.len() > 1 && matches!(class, LexClass::PersonNotable | LexClass::Org | LexClass::Outlet) {
            for &token in &tokens {
                *self.name_parts.entry(token).or_default() |= class.bit();
            }
        }
        for len in 1..tokens.len() {
            self.prefixes.insert(phrase_key(&tokens[..len]), ());
        }
        *self.phrases.entry(phrase_key(&tokens)).or_default() |= class.bit();
    }

    /// The classes of names that contain the token (by its hash) as one of several words.
    pub fn name_part_classes(&self, token: u64) -> u32 {
        self.name_parts.get(&token).copied().unwrap_or(0)
    }

    /// Longest matches over a sentence, tokens given by hash. `forms[i]` lists the spellings
    /// token `i` may start a phrase as (typically with and without its proclitics); later tokens
    /// of a phrase must match their plain form `plain[i]`. Among equally long matches the earlier
    /// form wins.
    pub fn matches(&self, forms: &[&[u64]], plain: &[u64]) -> Vec<LexMatch> {
        let mut found = Vec::new();
        for start in 0..forms.len().min(plain.len()) {
            let mut best: Option<LexMatch> = None;
            for &first in forms[start] {
                let mut key = extend_key(hash_str("phrase"), first);
                let mut len = 1;
                loop {
                    if let Some(&classes) = self.phrases.get(&key) {
                        if best.is_none_or(|b| len > b.len) {
                            best = Some(LexMatch { start, len, classes });
                        }
                    }
                    if start + len >= plain.len() || !self.prefixes.contains_key(&key) {
                        break;
                    }
                    key = extend_key(key, plain[start + len]);
                    len += 1;
                }
            }
            found.extend(best);
        }
        found
    }
}

const PLACES_CITIES: &str = include_str!("../../../../data/gazetteer/places_cities.tsv");
const ENTITY_CUES: &str = include_str!("../../../../data/gazetteer/lex_entity_cues.tsv");
/// One name per line with its spelling variants after `|`; `#` starts a comment line.
const FOREIGN_GIVEN_NAMES: &str = include_str!("../../../../data/tagger/foreign_given_names.txt");

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
        let forms = [
            vec![hash_str("وبوادي"), hash_str("وادي")],
            vec![hash_str("الزهور"), hash_str("زهور")],
            vec![hash_str("امس")],
        ];
        let form_refs: Vec<&[u64]> = forms.iter().map(Vec::as_slice).collect();
        let plain: Vec<u64> = forms.iter().map(|f| f[0]).collect();
        let found = lexicon.matches(&form_refs, &plain);
        assert_eq!(found[0], LexMatch { start: 0, len: 2, classes: LexClass::PlaceFeature.bit() });
        assert_eq!(found[1], LexMatch { start: 1, len: 1, classes: LexClass::City.bit() });
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn shipped_lists_are_loaded_and_normalised() {
        let lexicon = Lexicon::shipped();
        let mut classes = 0;
        for word in ["مصر", "القاهره"] {
            for m in lexicon.matches(&[&[hash_str(word)]], &[hash_str(word)]) {
                classes |= m.classes;
            }
        }
        assert!(classes & LexClass::Country.bit() != 0);
        assert!(classes & LexClass::City.bit() != 0);
    }

    #[test]
    fn foreign_given_names_are_loaded_with_their_variants() {
        let lexicon = Lexicon::shipped();
        let class_of = |word: &str| {
            let hash = hash_str(&normalize_str(word));
            lexicon.matches(&[&[hash]], &[hash]).iter().fold(0, |set, m| set | m.classes)
        };
        for spelling in ["فلاديمير", "أوليغ", "اوليغ"] {
            assert!(class_of(spelling) & LexClass::ForeignGivenName.bit() != 0, "{spelling}");
        }
        // Words common in Arabic text were kept out of the list on purpose.
        for common in ["هو", "لي", "دون"] {
            assert_eq!(class_of(common) & LexClass::ForeignGivenName.bit(), 0, "{common}");
        }
    }
}
