//! Entities across articles: one cluster per real-world entity, listing exactly its articles.
//!
//! A record's entity joins a cluster by its gazetteer id when it has one (spelling variants of a
//! known entity are already merged there), else by its type and the matching form of its name.
//! Then clusters of unknown names that differ by a typo or a spelling variant (a small edit distance
//! on the matching form) merge, unless some article names both as different entities: an article
//! that keeps two look-alikes apart is evidence that they are two.
//! People are keyed by their compared name words (nasab particles dropped, عبد joined to the next
//! word), and a person named by fewer of his names (first + family name, or the first three of his
//! chain) joins the one fuller name it fits, under the same proviso.

use crate::Article;
use isnad_extract::entities::names::{is_shorter_name_of, person_name_words};
use isnad_extract::{Entity, EntityType};
use isnad_text::normalize::normalize_str;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// One entity across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCluster {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name: String,
    /// Every distinct surface it is written with, across articles.
    pub aliases: Vec<String>,
    /// Exactly the articles that mention it.
    pub docs: Vec<String>,
    pub mentions: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gazetteer_id: Option<String>,
}

/// The entity clusters plus the way from a record's entity to its cluster.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    pub clusters: Vec<EntityCluster>,
    /// (article index, record entity id) → cluster index.
    by_record_entity: HashMap<(usize, String), usize>,
}

/// The key that decides which record entities are one.
fn cluster_key(entity: &Entity) -> String {
    match &entity.gazetteer_id {
        Some(id) => id.clone(),
        None if entity.entity_type == EntityType::PER => format!("PER:{}", person_name_words(&entity.name).join(" ")),
        None => {
            let name = normalize_str(&entity.name);
            let name = name.strip_prefix("ال").filter(|rest| rest.chars().count() >= 3).unwrap_or(&name);
            format!("{:?}:{}", entity.entity_type, name.split_whitespace().collect::<Vec<_>>().join(" "))
        }
    }
}

impl EntityIndex {
    pub fn build(articles: &[Article]) -> EntityIndex {
        let mut index = EntityIndex::default();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut aliases: Vec<BTreeSet<String>> = Vec::new();
        let mut docs: Vec<BTreeSet<String>> = Vec::new();
        for (article_index, article) in articles.iter().enumerate() {
            for entity in &article.record.entities {
                let key = cluster_key(entity);
                let cluster = *by_key.entry(key).or_insert_with(|| {
                    index.clusters.push(EntityCluster {
                        id: String::new(),
                        entity_type: entity.entity_type,
                        name: entity.name.clone(),
                        aliases: Vec::new(),
                        docs: Vec::new(),
                        mentions: 0,
                        gazetteer_id: entity.gazetteer_id.clone(),
                    });
                    aliases.push(BTreeSet::new());
                    docs.push(BTreeSet::new());
                    index.clusters.len() - 1
                });
                index.clusters[cluster].mentions += entity.mentions.len();
                aliases[cluster].insert(entity.name.clone());
                aliases[cluster].extend(entity.mentions.iter().map(|m| m.text.clone()));
                docs[cluster].insert(article.record.doc_id.clone());
                index.by_record_entity.insert((article_index, entity.id.clone()), cluster);
            }
        }
        merge_spelling_variants(&mut index, &mut aliases, &mut docs, articles);
        for (i, cluster) in index.clusters.iter_mut().enumerate() {
            cluster.id = format!("c{}", i + 1);
            cluster.aliases = std::mem::take(&mut aliases[i]).into_iter().filter(|a| *a != cluster.name).collect();
            cluster.docs = std::mem::take(&mut docs[i]).into_iter().collect();
        }
        index
    }

    /// The cluster of entity `entity_id` of article `article_index`.
    pub fn cluster_of(&self, article_index: usize, entity_id: &str) -> Option<&EntityCluster> {
        self.by_record_entity.get(&(article_index, entity_id.to_string())).map(|&i| &self.clusters[i])
    }
}

/// Character edit distance (Levenshtein), stopping early once it exceeds `limit`.
pub(crate) fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().copied().unwrap_or(0) > limit {
            return limit + 1;
        }
        previous = current;
    }
    previous[b.len()]
}

/// How many edits a name of this length may differ by and still be the same name misspelt.
fn typo_budget(letters: usize) -> usize {
    match letters {
        0..=5 => 0,
        6..=10 => 1,
        _ => 2,
    }
}

/// The pairs `(i, j)`, `i < j`, of unknown names of one type that may lie within their typo
/// budget: a superset of the pairs whose edit distance is within it, found without comparing every
/// pair (a corpus of 27,000 articles holds some 60,000 unknown names).
///
/// Deletion neighbourhoods (as in SymSpell): if two strings are within `k` edits, deleting at most
/// `k` characters from each yields a common string (a substitution is one deletion on each side).
/// Each name lists every string reachable by deleting up to its own budget of characters, hashed
/// with its type; names sharing a hash are candidates. A pair's budget is that of its shorter
/// name, never more than either's own, so no pair within budget is missed; hash collisions only
/// add candidates, which the caller checks.
fn typo_candidates(keys: &[String], types: &[EntityType], unknown: &[bool]) -> Vec<(usize, usize)> {
    use std::hash::{Hash, Hasher};
    let mut variants: Vec<(u64, u32)> = Vec::new();
    let mut push = |chars: &[char], entity_type: EntityType, cluster: usize| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        entity_type.hash(&mut hasher);
        chars.hash(&mut hasher);
        variants.push((hasher.finish(), cluster as u32));
    };
    for (cluster, key) in keys.iter().enumerate() {
        let chars: Vec<char> = key.chars().collect();
        let budget = typo_budget(chars.len());
        if !unknown[cluster] || budget == 0 {
            continue;
        }
        let entity_type = types[cluster];
        push(&chars, entity_type, cluster);
        let mut once = Vec::with_capacity(chars.len());
        for first in 0..chars.len() {
            once.clear();
            once.extend(chars[..first].iter().chain(&chars[first + 1..]));
            push(&once, entity_type, cluster);
            if budget >= 2 {
                // Second deletions after the first only, so each pair of positions is listed once.
                let mut twice = Vec::with_capacity(chars.len());
                for second in first..once.len() {
                    twice.clear();
                    twice.extend(once[..second].iter().chain(&once[second + 1..]));
                    push(&twice, entity_type, cluster);
                }
            }
        }
    }
    variants.sort_unstable();
    variants.dedup();
    let mut pairs = std::collections::HashSet::new();
    for group in variants.chunk_by(|a, b| a.0 == b.0) {
        for (x, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[x + 1..] {
                if a != b {
                    pairs.insert((a.min(b) as usize, a.max(b) as usize));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// Merges clusters of unknown names (no gazetteer id) whose matching forms differ by a typo.
fn merge_spelling_variants(
    index: &mut EntityIndex,
    aliases: &mut Vec<BTreeSet<String>>,
    docs: &mut Vec<BTreeSet<String>>,
    articles: &[Article],
) {
    let n = index.clusters.len();
    let keys: Vec<String> = index.clusters.iter().map(|c| normalize_str(&c.name)).collect();
    // Pairs of clusters some article names as two different entities.
    let mut seen_apart: std::collections::HashSet<(usize, usize)> = Default::default();
    for (a, article) in articles.iter().enumerate() {
        let here: Vec<usize> = article
            .record
            .entities
            .iter()
            .filter_map(|e| index.by_record_entity.get(&(a, e.id.clone())).copied())
            .collect();
        for (i, &x) in here.iter().enumerate() {
            for &y in &here[i + 1..] {
                seen_apart.insert((x.min(y), x.max(y)));
            }
        }
    }
    // Only pairs that may be within their typo budget are compared (see `typo_candidates`); the
    // greedy order is the one a comparison of every pair would follow.
    let unknown: Vec<bool> = index.clusters.iter().map(|c| c.gazetteer_id.is_none()).collect();
    let types: Vec<EntityType> = index.clusters.iter().map(|c| c.entity_type).collect();
    let mut later_matches: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, j) in typo_candidates(&keys, &types, &unknown) {
        let budget = typo_budget(keys[i].chars().count().min(keys[j].chars().count()));
        if budget > 0 && !seen_apart.contains(&(i, j)) && edit_distance(&keys[i], &keys[j], budget) <= budget {
            later_matches[i].push(j);
        }
    }
    let mut target: Vec<usize> = (0..n).collect();
    for i in 0..n {
        if target[i] != i {
            continue;
        }
        later_matches[i].sort_unstable();
        for &j in &later_matches[i] {
            if target[j] == j {
                target[j] = i;
            }
        }
    }
    merge_shorter_person_names(&index.clusters, &seen_apart, &mut target);
    // Every merged cluster points straight at the one it is folded into.
    for i in 0..n {
        let mut root = target[i];
        while target[root] != root {
            root = target[root];
        }
        target[i] = root;
    }
    if target.iter().enumerate().all(|(i, &t)| i == t) {
        return;
    }
    // Fold merged clusters into their targets, then renumber.
    let mut new_index: Vec<usize> = vec![usize::MAX; n];
    let mut kept = Vec::new();
    for i in 0..n {
        if target[i] == i {
            new_index[i] = kept.len();
            kept.push(i);
        }
    }
    for i in 0..n {
        let t = target[i];
        if t != i {
            let (moved_aliases, moved_docs) = (std::mem::take(&mut aliases[i]), std::mem::take(&mut docs[i]));
            aliases[t].extend(moved_aliases);
            aliases[t].insert(index.clusters[i].name.clone());
            docs[t].extend(moved_docs);
            index.clusters[t].mentions += index.clusters[i].mentions;
        }
    }
    let old_clusters = std::mem::take(&mut index.clusters);
    let old_aliases = std::mem::take(aliases);
    let old_docs = std::mem::take(docs);
    for (i, ((cluster, a), d)) in old_clusters.into_iter().zip(old_aliases).zip(old_docs).enumerate() {
        if target[i] == i {
            index.clusters.push(cluster);
            aliases.push(a);
            docs.push(d);
        }
    }
    for cluster in index.by_record_entity.values_mut() {
        *cluster = new_index[target[*cluster]];
    }
}

/// Points each unknown person named by fewer of his names at the one fuller name it fits (none
/// when it fits two), unless an article names both apart.
fn merge_shorter_person_names(
    clusters: &[EntityCluster],
    seen_apart: &std::collections::HashSet<(usize, usize)>,
    target: &mut [usize],
) {
    let is_unknown_person = |c: &EntityCluster| c.entity_type == EntityType::PER && c.gazetteer_id.is_none();
    let words: Vec<Vec<String>> =
        clusters.iter().map(|c| if is_unknown_person(c) { person_name_words(&c.name) } else { Vec::new() }).collect();
    let root = |mut i: usize, target: &[usize]| {
        while target[i] != i {
            i = target[i];
        }
        i
    };
    // A shorter name keeps the first name of the fuller one: only names sharing it are compared.
    let mut by_first_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (cluster, name) in words.iter().enumerate() {
        if let Some(first) = name.first() {
            by_first_name.entry(first.as_str()).or_default().push(cluster);
        }
    }
    for short in 0..clusters.len() {
        if target[short] != short || words[short].len() < 2 {
            continue;
        }
        let same_first_name = by_first_name.get(words[short][0].as_str()).map_or(&[][..], Vec::as_slice);
        let fuller: BTreeSet<usize> = same_first_name
            .iter()
            .copied()
            .filter(|&long| long != short && is_shorter_name_of(&words[short], &words[long]))
            .map(|long| root(long, target))
            .collect();
        let [long] = fuller.into_iter().collect::<Vec<_>>()[..] else { continue };
        if long != short && !seen_apart.contains(&(short.min(long), short.max(long))) {
            target[short] = long;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_extract::{Record, TextSpan};

    #[test]
    fn edit_distance_counts_and_stops_early() {
        assert_eq!(edit_distance("صوت الجنوب", "صوت الجنب", 2), 1);
        assert_eq!(edit_distance("abc", "abc", 0), 0);
        assert!(edit_distance("نور الهدى", "نور الدين", 1) > 1);
    }

    fn entity(id: &str, t: EntityType, name: &str) -> Entity {
        Entity {
            id: id.into(),
            entity_type: t,
            name: name.into(),
            mentions: vec![TextSpan { start: 0, end: name.len(), text: name.into() }],
            gazetteer_id: None,
        }
    }

    fn record(doc: &str, entities: Vec<Entity>) -> Record {
        Record { entities, ..Record::empty(doc, 0) }
    }

    #[test]
    fn typos_merge_across_articles_but_look_alikes_named_apart_stay_apart() {
        let records = [
            record("a", vec![entity("e1", EntityType::OUTLET, "صحيفة مرآة السهول"), entity("e2", EntityType::PER, "كمال العلوي")]),
            record("b", vec![entity("e1", EntityType::OUTLET, "صحيفة مراة السهل")]),
            record("c", vec![entity("e1", EntityType::PER, "كمال العلوي"), entity("e2", EntityType::PER, "كمال العلوني")]),
        ];
        let articles: Vec<Article> = records.iter().map(|r| Article { record: r, text: "" }).collect();
        let index = EntityIndex::build(&articles);
        let outlet = index.cluster_of(0, "e1").unwrap();
        assert_eq!(outlet.docs, vec!["a", "b"], "a typo of one outlet is one cluster");
        assert_eq!(index.cluster_of(1, "e1").unwrap().id, outlet.id);
        let (first, second) = (index.cluster_of(2, "e1").unwrap(), index.cluster_of(2, "e2").unwrap());
        assert_ne!(first.id, second.id, "an article that names both keeps them apart");
        assert_eq!(first.docs, vec!["a", "c"]);
    }

    #[test]
    fn typo_candidates_hold_every_pair_within_budget() {
        // Names of 6 to 14 letters built from a few stems, with one or two letters changed,
        // dropped or added, so that many pairs lie within one or two edits.
        let stems = ["مركز الدراسات", "نادي الوحدة", "شركة النور", "سامر الوردان", "هيئة الموانئ العامة"];
        let mut keys = Vec::new();
        for stem in stems {
            let chars: Vec<char> = normalize_str(stem).chars().collect();
            keys.push(chars.iter().collect::<String>());
            for at in [1, chars.len() / 2, chars.len() - 1] {
                let mut changed = chars.clone();
                changed[at] = 'ب';
                keys.push(changed.iter().collect());
                let mut dropped = chars.clone();
                dropped.remove(at);
                keys.push(dropped.iter().collect());
                let mut twice = changed.clone();
                twice.insert(0, 'و');
                keys.push(twice.iter().collect());
            }
        }
        let types: Vec<EntityType> = (0..keys.len()).map(|i| if i % 7 == 0 { EntityType::PER } else { EntityType::ORG }).collect();
        let unknown = vec![true; keys.len()];
        let candidates: std::collections::HashSet<(usize, usize)> = typo_candidates(&keys, &types, &unknown).into_iter().collect();
        let mut within = 0;
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                let budget = typo_budget(keys[i].chars().count().min(keys[j].chars().count()));
                if types[i] == types[j] && budget > 0 && edit_distance(&keys[i], &keys[j], budget) <= budget {
                    within += 1;
                    assert!(candidates.contains(&(i, j)), "{} / {} missed", keys[i], keys[j]);
                }
            }
        }
        assert!(within > 40, "the fixture must hold many close pairs, has {within}");
        assert!(candidates.len() < keys.len() * (keys.len() - 1) / 2, "candidates are not every pair");
    }

    #[test]
    fn a_person_joins_the_one_fuller_name_he_fits() {
        let records = [
            record("a", vec![entity("e1", EntityType::PER, "سامر بن خليل بن عبد الرحيم الورداني")]),
            record("b", vec![entity("e1", EntityType::PER, "سامر بن خليل عبدالرحيم الورداني")]),
            record("c", vec![entity("e1", EntityType::PER, "سامر الورداني"), entity("e2", EntityType::PER, "نادر الورداني")]),
            record("d", vec![entity("e1", EntityType::PER, "نادر سليم الورداني"), entity("e2", EntityType::PER, "نادر فؤاد الورداني")]),
        ];
        let articles: Vec<Article> = records.iter().map(|r| Article { record: r, text: "" }).collect();
        let index = EntityIndex::build(&articles);
        let samer = index.cluster_of(0, "e1").unwrap();
        assert_eq!(samer.docs, vec!["a", "b", "c"], "spelling of the chain, then the short name");
        // نادر الورداني fits two fuller names: it joins neither.
        let nader = index.cluster_of(2, "e2").unwrap();
        assert_eq!(nader.docs, vec!["c"]);
        assert_ne!(index.cluster_of(3, "e1").unwrap().id, index.cluster_of(3, "e2").unwrap().id);
    }
}
