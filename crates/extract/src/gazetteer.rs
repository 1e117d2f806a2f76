//! The gazetteer and lexicons shipped with isnad (`data/gazetteer/`, compiled in).
//!
//! Every alias is put in matching form with [`normalize_str`] and compiled into one Aho-Corasick
//! automaton, built once per process (the [`Extractor`](crate::Extractor) holds it). The automaton
//! is searched *anchored* at the places where a word (or the word after its proclitics) starts, so
//! a name never fires inside a longer word; see [`Gazetteer::longest_at`].
//!
//! Lexicons that the name rules read word by word (titles, given names, entity cues, reporting
//! verbs) live beside it in [`lexicons`].

pub mod lexicons;
pub mod tsv;
pub mod word_hash;

use crate::EntityType;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use isnad_text::normalize::normalize_str;
use lexicons::Lexicons;
use std::collections::HashMap;
use tsv::Table;

/// One known entity: a place, an organisation, an outlet or a notable person.
#[derive(Debug, Clone)]
pub struct GazEntry {
    /// `iso:QA`, `org:taliban`, `wof:…` as in the data files.
    pub id: String,
    pub entity_type: EntityType,
    /// The canonical Arabic name.
    pub name: String,
}

/// What one matched alias can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// The alias is also a common word or another entity's short form (`aliases_ambiguous_ar`, places
    /// flagged `common_word`): it needs a cue or other evidence before it counts.
    pub ambiguous: bool,
    /// The alias is a demonym or adjective (القطري، الأفغانية) naming the country of `entry`.
    pub demonym: bool,
}

/// What is known about one normalised alias as a whole.
#[derive(Debug, Clone, Default)]
pub struct AliasInfo {
    /// Its senses, best first.
    pub senses: Vec<Sense>,
    /// Some listed spelling carries a hamza (أ إ آ ؤ ئ). Writers drop hamzas but do not add them, so
    /// a word written with one (بأنه، وأن) is not this alias when no spelling has one (بانه، وان).
    pub spelled_with_hamza: bool,
}

/// The compiled gazetteer. Build once with [`Gazetteer::builtin`] and share it.
pub struct Gazetteer {
    automaton: AhoCorasick,
    /// For each automaton pattern, what its normalised alias can mean.
    aliases: Vec<AliasInfo>,
    pub entries: Vec<GazEntry>,
    pub lexicons: Lexicons,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("entries", &self.entries.len()).field("aliases", &self.aliases.len()).finish()
    }
}

/// Which source file a sense came from, in the order senses of one alias are preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Person,
    Org,
    // A region's own name (الشام، الخليج) is its first reading, even where a country lists it too.
    Feature,
    Country,
    Capital,
    // A bare outlet name shared with a place (الشرق الأوسط) reads as the place; with صحيفة before
    // it, the cue rule makes it an outlet.
    Outlet,
    City,
    Admin1,
    Admin2,
}

/// Collects aliases before the automaton is built.
#[derive(Default)]
struct Builder {
    entries: Vec<GazEntry>,
    /// Normalised alias → (sense, source rank, population) candidates.
    aliases: HashMap<String, Vec<(Sense, Source, u64)>>,
    /// Normalised aliases some spelling of which carries a hamza.
    with_hamza: std::collections::HashSet<String>,
    /// Normalised aliases flagged `common_word` in some place file: every place reading is ambiguous.
    common_words: std::collections::HashSet<String>,
}

impl Builder {
    fn entry(&mut self, id: &str, entity_type: EntityType, name: &str) -> usize {
        self.entries.push(GazEntry { id: id.to_string(), entity_type, name: name.to_string() });
        self.entries.len() - 1
    }

    fn alias(&mut self, alias: &str, sense: Sense, source: Source, population: u64) {
        let key = normalize_str(alias).split_whitespace().collect::<Vec<_>>().join(" ");
        if !alias_is_usable(&key) {
            return;
        }
        if alias.chars().any(|c| matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ')) {
            self.with_hamza.insert(key.clone());
        }
        let list = self.aliases.entry(key).or_default();
        if !list.iter().any(|(s, _, _)| s.entry == sense.entry && s.demonym == sense.demonym) {
            list.push((sense, source, population));
        }
    }
}

/// Very short aliases (one or two letters, `أ ب`) fire on ordinary words; Latin ones need three letters.
fn alias_is_usable(key: &str) -> bool {
    let letters = key.chars().filter(|c| c.is_alphanumeric()).count();
    let words = key.split(' ').count();
    letters >= 3 || (words > 1 && letters >= 4)
}

impl Gazetteer {
    /// The gazetteer compiled from the data shipped in the binary.
    pub fn builtin() -> Gazetteer {
        let mut b = Builder::default();
        load_named(&mut b, include_str!("../../../data/gazetteer/persons_notable.tsv"), Source::Person, EntityType::PER);
        load_named(&mut b, include_str!("../../../data/gazetteer/orgs.tsv"), Source::Org, EntityType::ORG);
        load_named(&mut b, include_str!("../../../data/gazetteer/outlets.tsv"), Source::Outlet, EntityType::OUTLET);
        let country_of_iso = load_countries(&mut b, include_str!("../../../data/gazetteer/places_countries.tsv"));
        load_places(&mut b, include_str!("../../../data/gazetteer/places_features.tsv"), Source::Feature);
        load_places(&mut b, include_str!("../../../data/gazetteer/places_cities.tsv"), Source::City);
        load_places(&mut b, include_str!("../../../data/gazetteer/places_admin.tsv"), Source::Admin1);
        load_demonyms(&mut b, include_str!("../../../data/gazetteer/demonyms.tsv"), &country_of_iso);

        let lexicons = Lexicons::builtin();
        let mut keys: Vec<String> = b.aliases.keys().cloned().collect();
        keys.retain(|k| {
            !(lexicons.blocks_alias(k) && b.aliases[k].iter().all(|(_, source, _)| *source >= Source::City))
        });
        keys.sort();
        let aliases: Vec<AliasInfo> = keys
            .iter()
            .map(|k| {
                let mut list = b.aliases[k].clone();
                let common = b.common_words.contains(k);
                if lexicons.blocks_alias(k) {
                    list.retain(|(_, source, _)| *source < Source::City);
                }
                for (sense, source, population) in &mut list {
                    if *source >= Source::City && !sense.demonym {
                        sense.ambiguous |= common || place_needs_context(k, *source, *population);
                    }
                }
                // A safe reading beats an ambiguous one; then the preferred source; then the larger place.
                list.sort_by_key(|(s, source, population)| (s.ambiguous, *source, std::cmp::Reverse(*population)));
                AliasInfo {
                    senses: list.into_iter().map(|(s, _, _)| s).collect(),
                    spelled_with_hamza: b.with_hamza.contains(k),
                }
            })
            .collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&keys)
            .expect("gazetteer automaton fits in memory");
        Gazetteer { automaton, aliases, entries: b.entries, lexicons }
    }

    /// The longest alias that starts exactly at byte `start` of `haystack` and ends at or before
    /// `limit`: its end and its senses, best first.
    pub fn longest_at(&self, haystack: &str, start: usize, limit: usize) -> Option<(usize, &AliasInfo)> {
        let limit = limit.min(haystack.len());
        if start >= limit || !haystack.is_char_boundary(start) || !haystack.is_char_boundary(limit) {
            return None;
        }
        let input = Input::new(haystack).range(start..limit).anchored(Anchored::Yes);
        let found = self.automaton.find(input)?;
        Some((found.end(), &self.aliases[found.pattern().as_usize()]))
    }

    /// The senses of exactly this normalised alias, if it is one.
    pub fn senses_of(&self, alias: &str) -> Option<&[Sense]> {
        let (end, info) = self.longest_at(alias, 0, alias.len())?;
        (end == alias.len()).then_some(info.senses.as_slice())
    }

    pub fn entry(&self, sense: Sense) -> &GazEntry {
        &self.entries[sense.entry]
    }
}

/// A one-word place name counts alone only for well-known places: capitals, features, first-order
/// units and large cities. Smaller places, and names shaped like adjectives (الشمالية، مركزي), share
/// their word with ordinary Arabic too often; they need a cue or a safe mention elsewhere.
fn place_needs_context(key: &str, source: Source, population: u64) -> bool {
    if key.contains(' ') {
        return false;
    }
    let adjective_shaped = key.ends_with('ي') || key.ends_with("يه");
    match source {
        Source::Capital | Source::Feature => false,
        _ if adjective_shaped => true,
        Source::Admin1 => population < 100_000,
        Source::City => population < 300_000,
        _ => true,
    }
}

/// Organisations, outlets and people: `name_ar`, `aliases_ar`, `aliases_ambiguous_ar`, English names.
fn load_named(b: &mut Builder, data: &str, source: Source, entity_type: EntityType) {
    let table = Table::parse(data);
    for row in table.rows() {
        let name = row.get("name_ar");
        if name.is_empty() {
            continue;
        }
        let entry = b.entry(row.get("id"), entity_type, name);
        let safe = Sense { entry, ambiguous: false, demonym: false };
        let risky = Sense { ambiguous: true, ..safe };
        b.alias(name, safe, source, 0);
        for alias in row.list("aliases_ar") {
            b.alias(alias, safe, source, 0);
        }
        for alias in row.list("aliases_ambiguous_ar") {
            b.alias(alias, risky, source, 0);
        }
        // English names show up in Latin script inside Arabic text mostly for outlets and bodies.
        if entity_type != EntityType::PER {
            for alias in std::iter::once(row.get("name_en")).chain(row.list("aliases_en")) {
                if alias.chars().count() >= 3 && alias.is_ascii() {
                    b.alias(alias, safe, source, 0);
                }
            }
        }
    }
}

/// Countries; returns the entry of each ISO code, for the demonyms.
fn load_countries(b: &mut Builder, data: &str) -> HashMap<String, usize> {
    let mut by_id = HashMap::new();
    for row in Table::parse(data).rows() {
        let name = row.get("name_ar");
        if name.is_empty() {
            continue;
        }
        let entry = b.entry(row.get("id"), EntityType::LOC, name);
        let sense = Sense { entry, ambiguous: false, demonym: false };
        b.alias(name, sense, Source::Country, u64::MAX);
        for alias in row.list("aliases_ar") {
            b.alias(alias, sense, Source::Country, u64::MAX);
        }
        by_id.insert(row.get("id").to_string(), entry);
    }
    by_id
}

/// Cities, admin units and features. Names flagged `common_word` are ambiguous.
fn load_places(b: &mut Builder, data: &str, default_source: Source) {
    for row in Table::parse(data).rows() {
        let name = row.get("name_ar");
        // The whole world (UN M49 region 001) is no place an analyst follows.
        if name.is_empty() || row.get("flags").contains("not_current") || row.get("id") == "cldr:m49:001" {
            continue;
        }
        let flags = row.get("flags");
        let source = match (default_source, row.get("type")) {
            _ if flags.split(';').any(|f| f == "capital") => Source::Capital,
            (Source::Admin1, "admin2") => Source::Admin2,
            (s, _) => s,
        };
        let population = row.get("population").parse::<f64>().map_or(0, |p| p as u64);
        let entry = b.entry(row.get("id"), EntityType::LOC, name);
        let sense = Sense { entry, ambiguous: false, demonym: false };
        if flags.contains("common_word") {
            b.common_words.insert(isnad_text::normalize::normalize_str(name));
        }
        b.alias(name, sense, source, population);
        for alias in row.list("aliases_ar") {
            b.alias(alias, sense, source, population);
        }
    }
}

/// Demonyms of countries become mentions of the country; those of regions and ethnic groups are
/// left out (الغربية، العربية are mostly plain adjectives, and a people is not a place).
fn load_demonyms(b: &mut Builder, data: &str, country_of_iso: &HashMap<String, usize>) {
    for row in Table::parse(data).rows() {
        let Some(&entry) = country_of_iso.get(row.get("target_id")) else { continue };
        let sense = Sense { entry, ambiguous: false, demonym: true };
        for form in std::iter::once(row.get("nisba_masc")).chain(row.list("forms_ar")) {
            b.alias(form, sense, Source::Country, u64::MAX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    pub(crate) fn gazetteer() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(Gazetteer::builtin)
    }

    fn best(alias: &str) -> Option<(&'static GazEntry, Sense)> {
        let g = gazetteer();
        let senses = g.senses_of(&normalize_str(alias))?;
        Some((g.entry(senses[0]), senses[0]))
    }

    #[test]
    fn countries_cities_orgs_and_outlets_load() {
        assert_eq!(best("قطر").unwrap().0.id, "iso:QA");
        assert_eq!(best("الدوحة").unwrap().0.entity_type, EntityType::LOC);
        assert_eq!(best("طالبان").unwrap().0.entity_type, EntityType::ORG);
        assert_eq!(best("رويترز").unwrap().0.entity_type, EntityType::OUTLET);
        // Spelling variants fold: hamza seat and teh marbuta.
        assert_eq!(best("افغانستان").unwrap().0.id, "iso:AF");
    }

    #[test]
    fn demonyms_point_at_their_country() {
        let (entry, sense) = best("القطرية").unwrap();
        assert_eq!(entry.id, "iso:QA");
        assert!(sense.demonym);
    }

    #[test]
    fn ambiguous_short_forms_are_marked() {
        let (_, sense) = best("الحركة").unwrap();
        assert!(sense.ambiguous);
    }

    #[test]
    fn anchored_search_does_not_start_mid_word() {
        let g = gazetteer();
        let text = normalize_str("زار الوفد قطر");
        let at = text.find("قطر").unwrap();
        assert!(g.longest_at(&text, at, text.len()).is_some());
        assert!(g.longest_at(&text, at + "ق".len(), text.len()).is_none());
    }

    #[test]
    fn builds_quickly() {
        let started = std::time::Instant::now();
        let g = Gazetteer::builtin();
        assert!(g.entries.len() > 10_000);
        // Generous bound: debug builds share two cores with other work.
        assert!(started.elapsed().as_secs_f64() < 5.0, "gazetteer took {:?}", started.elapsed());
    }
}
