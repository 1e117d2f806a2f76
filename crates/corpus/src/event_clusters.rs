//! Events across articles: one cluster per real-world event, with its figures, the sources behind
//! it counted by independence, and where those sources disagree.
//!
//! Two event mentions are one event when they have the same type, compatible modes and dates, and
//! share a participant (an actor or target entity cluster). Sources are counted after merging copies
//! (one syndication cluster) and reports that trace to the same upstream source (the outermost named
//! source of their attribution chains).

use crate::entity_clusters::EntityIndex;
use crate::syndication::{source_group_of, SyndicationCluster};
use crate::Article;
use isnad_extract::{EntityRef, Event, Figure, Record};

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A participant of an event cluster.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Participant {
    pub name: String,
    /// The entity cluster id.
    pub entity: String,
}

/// Bounds and best estimate of a figure across reports.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct FigureRange {
    pub low: Option<i64>,
    pub best: Option<i64>,
    pub high: Option<i64>,
}

/// Where one mention of the event stands.
#[derive(Debug, Clone, Serialize)]
pub struct EventMention {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Who says so: the source and the outer sources, innermost first.
    pub chain: Vec<String>,
}

/// One value a field takes in some report.
#[derive(Debug, Clone, Serialize)]
pub struct DisagreementValue {
    pub value: serde_json::Value,
    pub doc: String,
    pub chain: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub field: String,
    pub values: Vec<DisagreementValue>,
}

/// Reports that count as one source: copies of each other, or tracing to one upstream source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceGroup {
    pub docs: Vec<String>,
    /// The upstream sources the group's reports name, if any.
    pub upstream: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventCluster {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub actors: Vec<Participant>,
    pub targets: Vec<Participant>,
    pub places: Vec<Participant>,
    pub dates: Vec<String>,
    /// Exactly the articles that report it.
    pub docs: Vec<String>,
    pub mentions: Vec<EventMention>,
    pub killed: Option<FigureRange>,
    pub wounded: Option<FigureRange>,
    /// Every distinct chain of sources behind the reports, innermost first.
    pub sources: Vec<Vec<String>>,
    pub source_groups: Vec<SourceGroup>,
    pub independent_sources: usize,
    pub disagreements: Vec<Disagreement>,
}

/// The chain of an event mention: the source of its attribution, then the outer sources.
pub(crate) fn chain_of<'r>(record: &'r Record, event: &Event) -> Vec<&'r EntityRef> {
    let Some(attribution) = event.attribution.and_then(|a| record.attributions.get(a)) else {
        return Vec::new();
    };
    attribution.source.iter().chain(attribution.via.iter()).collect()
}

/// How a chain reads in a report: each source as the article words it, except a one-word anaphor
/// (الصحيفة، الحركة) resolved to an entity, which shows the entity's name so the chain says who.
pub(crate) fn chain_names(entities: &EntityIndex, article: usize, chain: &[&EntityRef]) -> Vec<String> {
    chain
        .iter()
        .map(|r| {
            let anaphor = !r.text.trim().contains(char::is_whitespace);
            let resolved = r.entity.as_deref().and_then(|id| entities.cluster_of(article, id));
            match resolved {
                Some(cluster) if anaphor && cluster.name != r.text => cluster.name.clone(),
                _ => r.text.clone(),
            }
        })
        .collect()
}

fn figure_bounds(figure: &Figure) -> (Option<i64>, Option<i64>, Option<i64>) {
    match *figure {
        Figure::Exact(n) => (Some(n), Some(n), Some(n)),
        Figure::Range { low, high, best } => (low, best.or(low).or(high), high),
    }
}

fn combine(figures: &[Figure]) -> Option<FigureRange> {
    if figures.is_empty() {
        return None;
    }
    let mut low: Option<i64> = None;
    let mut high: Option<i64> = None;
    let mut bests: BTreeMap<i64, usize> = BTreeMap::new();
    for f in figures {
        let (l, b, h) = figure_bounds(f);
        if let Some(l) = l {
            low = Some(low.map_or(l, |x| x.min(l)));
        }
        if let Some(h) = h.or(l) {
            high = Some(high.map_or(h, |x| x.max(h)));
        }
        if let Some(b) = b {
            *bests.entry(b).or_default() += 1;
        }
    }
    // The most reported value; on a tie the higher one, since lower figures in one report are often
    // a part of the toll (the leader, then "and eight others").
    let best = bests.iter().max_by_key(|(v, n)| (**n, **v)).map(|(v, _)| *v);
    Some(FigureRange { low, best, high })
}

fn participants(article: usize, r: &Option<EntityRef>, entities: &EntityIndex) -> Vec<usize> {
    r.iter()
        .filter_map(|r| r.entity.as_deref())
        .filter_map(|id| entities.cluster_of(article, id))
        .filter_map(|c| c.id[1..].parse::<usize>().ok())
        .collect()
}

fn dates_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        _ => true,
    }
}

/// What one event mention involves, as entity clusters.
struct MentionKey {
    article: usize,
    event: usize,
    actors: Vec<usize>,
    /// Targets and places: what or where was hit, arrested, seized.
    objects: Vec<usize>,
}

/// Modes that can describe one event, the second more specific than the first.
const REFINES: [(&str, &str); 2] = [("bombing", "suicide"), ("attack", "suicide")];

fn modes_compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a.as_deref(), b.as_deref()) {
        (Some(x), Some(y)) => x == y || REFINES.iter().any(|&(g, s)| (x, y) == (g, s) || (y, x) == (g, s)),
        _ => true,
    }
}

fn shares(a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Whether two mentions may be one event: same type, no conflicting mode, date or actor.
fn compatible(a: &Event, b: &Event, ka: &MentionKey, kb: &MentionKey) -> bool {
    let actors_agree = ka.actors.is_empty() || kb.actors.is_empty() || shares(&ka.actors, &kb.actors);
    a.event_type == b.event_type && modes_compatible(&a.mode, &b.mode) && actors_agree && dates_compatible(&a.date, &b.date)
}

/// Event types whose participants are parties on an equal footing (talks, agreements, mediation):
/// one shared party (a government that talks to many) does not make two meetings one.
const SYMMETRIC: [&str; 3] = ["CONSULT", "AGREE", "COOPERATE"];

/// Whether two mentions in different articles share enough participants to be one event.
fn shares_enough(event: &Event, a: &MentionKey, b: &MentionKey) -> bool {
    if !SYMMETRIC.contains(&event.event_type.as_str()) {
        return shares(&a.objects, &b.objects);
    }
    let parties = |k: &MentionKey| -> Vec<usize> {
        let mut p: Vec<usize> = k.actors.iter().chain(&k.objects).copied().collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let (pa, pb) = (parties(a), parties(b));
    pa.iter().filter(|x| pb.contains(x)).count() >= 2
}

/// What two mentions of one type must share to be compared across articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum BlockKey<'a> {
    /// An entity cluster taking part (a target or place; either party of a talk).
    Party(usize),
    /// A text-reuse group (one text reused by several articles).
    ReusedText(&'a str),
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        self.0[i] = root;
        root
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[rb] = ra;
        }
    }
}

/// Clusters every event mention of `articles`.
///
/// First within each article: mentions of one type and compatible mode are one event when they
/// share a participant, or when one names none (an article keeps returning to its main event with
/// "the attack", "the explosion"); two mentions whose targets differ stay apart. Then across
/// articles: events of one type and compatible mode join when they share a target or place, or
/// when the two articles reuse one text; conflicting actors or dates keep them apart. An actor
/// alone (one armed group) does too many things to identify an event.
pub fn clusters(articles: &[Article], entities: &EntityIndex, text_reuse: &[SyndicationCluster]) -> Vec<EventCluster> {
    let mut keys: Vec<MentionKey> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (e, event) in article.record.events.iter().enumerate() {
            if event.negated {
                continue;
            }
            let mut actors = participants(a, &event.actor, entities);
            let mut objects = participants(a, &event.target, entities);
            objects.extend(participants(a, &event.place, entities));
            actors.sort_unstable();
            actors.dedup();
            objects.sort_unstable();
            objects.dedup();
            keys.push(MentionKey { article: a, event: e, actors, objects });
        }
    }
    let event = |m: usize| &articles[keys[m].article].record.events[keys[m].event];
    let mut sets = UnionFind((0..keys.len()).collect());
    // Within each article: mentions with participants join on a shared one.
    for a in 0..articles.len() {
        let here: Vec<usize> = (0..keys.len()).filter(|&m| keys[m].article == a).collect();
        for (i, &x) in here.iter().enumerate() {
            for &y in &here[i + 1..] {
                let (kx, ky) = (&keys[x], &keys[y]);
                let targets_conflict = !kx.objects.is_empty() && !ky.objects.is_empty() && !shares(&kx.objects, &ky.objects);
                let linked = shares(&kx.objects, &ky.objects) || shares(&kx.actors, &ky.actors);
                if linked && !targets_conflict && compatible(event(x), event(y), kx, ky) {
                    sets.union(x, y);
                }
            }
        }
        // Mentions naming nobody join the article's largest compatible event, if there is one.
        for &m in &here {
            if !keys[m].actors.is_empty() || !keys[m].objects.is_empty() {
                continue;
            }
            let mut sizes: HashMap<usize, usize> = HashMap::new();
            for &other in &here {
                if other != m && (!keys[other].actors.is_empty() || !keys[other].objects.is_empty()) {
                    let root = sets.find(other);
                    if compatible(event(m), event(other), &keys[m], &keys[other]) {
                        *sizes.entry(root).or_default() += 1;
                    }
                }
            }
            if let Some((&root, _)) = sizes.iter().max_by_key(|(root, n)| (**n, usize::MAX - **root)) {
                sets.union(root, m);
            }
        }
    }
    // Across articles: a shared target or place, or one reused text.
    let reuse_group: HashMap<&str, &str> =
        text_reuse.iter().flat_map(|c| c.docs.iter().map(move |d| (d.as_str(), c.id.as_str()))).collect();
    let same_text = |x: usize, y: usize| {
        let (dx, dy) = (&articles[keys[x].article].record.doc_id, &articles[keys[y].article].record.doc_id);
        reuse_group.get(dx.as_str()).is_some_and(|g| reuse_group.get(dy.as_str()) == Some(g))
    };
    // Two mentions can only join if they share a participant (a target or place; either party of
    // a talk) or a reused text, so only mentions of one type that share one of those are compared:
    // a corpus holds too many mentions to compare every pair.
    let mut blocks: HashMap<(&str, BlockKey), Vec<usize>> = HashMap::new();
    for (m, key) in keys.iter().enumerate() {
        let kind = event(m).event_type.as_str();
        let symmetric = SYMMETRIC.contains(&kind);
        let mut parties: Vec<usize> = key.objects.clone();
        if symmetric {
            parties.extend(&key.actors);
        }
        parties.sort_unstable();
        parties.dedup();
        for party in parties {
            blocks.entry((kind, BlockKey::Party(party))).or_default().push(m);
        }
        if event(m).mode.is_some() {
            if let Some(group) = reuse_group.get(articles[key.article].record.doc_id.as_str()) {
                blocks.entry((kind, BlockKey::ReusedText(group))).or_default().push(m);
            }
        }
    }
    let mut blocks: Vec<Vec<usize>> = blocks.into_values().collect();
    blocks.sort_unstable();
    for block in &blocks {
        for (i, &x) in block.iter().enumerate() {
            for &y in &block[i + 1..] {
                let (kx, ky) = (&keys[x], &keys[y]);
                if kx.article == ky.article || !compatible(event(x), event(y), kx, ky) {
                    continue;
                }
                let joined = shares_enough(event(x), kx, ky) || (same_text(x, y) && event(x).mode.is_some() && event(y).mode.is_some());
                if joined {
                    sets.union(x, y);
                }
            }
        }
    }
    // Groups in the order of their first mention, whatever order the unions came in.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut first_of_root: HashMap<usize, usize> = HashMap::new();
    for m in 0..keys.len() {
        let root = sets.find(m);
        let first = *first_of_root.entry(root).or_insert(m);
        groups.entry(first).or_default().push(m);
    }
    let mentions: Vec<(usize, usize)> = keys.iter().map(|k| (k.article, k.event)).collect();
    let source_groups_of_docs = source_group_of(articles, text_reuse);
    let mut out = Vec::new();
    for members in groups.into_values() {
        out.push(assemble(articles, entities, &source_groups_of_docs, &mentions, &members));
    }
    // Most-reported first, then the most mentioned.
    out.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(b.mentions.len().cmp(&a.mentions.len())));
    for (i, cluster) in out.iter_mut().enumerate() {
        cluster.id = format!("v{}", i + 1);
    }
    out
}

fn assemble(
    articles: &[Article],
    entities: &EntityIndex,
    syndication_group: &[String],
    mentions: &[(usize, usize)],
    members: &[usize],
) -> EventCluster {
    let first = &articles[mentions[members[0]].0].record.events[mentions[members[0]].1];
    let mut modes: BTreeMap<String, usize> = BTreeMap::new();
    let mut actors = BTreeSet::new();
    let mut targets = BTreeSet::new();
    let mut places = BTreeSet::new();
    let mut dates = BTreeSet::new();
    let mut docs = BTreeSet::new();
    let mut out_mentions = Vec::new();
    let mut killed = Vec::new();
    let mut wounded = Vec::new();
    let mut per_doc_killed: BTreeMap<String, (Figure, Vec<String>)> = BTreeMap::new();
    let mut per_doc_wounded: BTreeMap<String, (Figure, Vec<String>)> = BTreeMap::new();
    let mut sources = BTreeSet::new();
    // Upstream keys per article: the outermost named source of each attributed mention.
    let mut upstream: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let mut upstream_names: BTreeMap<String, String> = BTreeMap::new();
    let participant = |a: usize, r: &EntityRef| -> Option<Participant> {
        let cluster = entities.cluster_of(a, r.entity.as_deref()?)?;
        Some(Participant { name: cluster.name.clone(), entity: cluster.id.clone() })
    };
    for &m in members {
        let (a, e) = mentions[m];
        let record = articles[a].record;
        let event = &record.events[e];
        if let Some(mode) = &event.mode {
            *modes.entry(mode.clone()).or_default() += 1;
        }
        actors.extend(event.actor.iter().filter_map(|r| participant(a, r)));
        targets.extend(event.target.iter().filter_map(|r| participant(a, r)));
        places.extend(event.place.iter().filter_map(|r| participant(a, r)));
        dates.extend(event.date.clone());
        docs.insert(record.doc_id.clone());
        let chain = chain_of(record, event);
        let chain_names = chain_names(entities, a, &chain);
        if !chain_names.is_empty() {
            sources.insert(chain_names.clone());
        }
        // The upstream source is the outermost outlet of the chain: two reports relaying one
        // newspaper or agency are one source, while two outlets quoting one ministry are two.
        if let Some(root) = chain.iter().rev().find_map(|r| {
            let c = entities.cluster_of(a, r.entity.as_deref()?)?;
            (c.entity_type == isnad_extract::EntityType::OUTLET).then(|| (c.id.clone(), c.name.clone()))
        }) {
            upstream_names.insert(root.0.clone(), root.1);
            upstream.entry(a).or_default().insert(root.0);
        }
        // A report's own figure for the event is the largest it gives: a smaller one in the same
        // report is part of the toll (the leader, then "and eight others"), not a disagreement.
        for (figure, per_doc, all) in [(event.killed, &mut per_doc_killed, &mut killed), (event.wounded, &mut per_doc_wounded, &mut wounded)] {
            let Some(f) = figure else { continue };
            all.push(f);
            let slot = per_doc.entry(record.doc_id.clone()).or_insert((f, chain_names.clone()));
            if figure_bounds(&f).1 > figure_bounds(&slot.0).1 {
                *slot = (f, chain_names.clone());
            }
        }
        out_mentions.push(EventMention {
            doc: record.doc_id.clone(),
            start: event.trigger.start,
            end: event.trigger.end,
            text: event.trigger.text.clone(),
            chain: chain_names,
        });
    }
    let source_groups = independent_groups(articles, syndication_group, members.iter().map(|&m| mentions[m].0), &upstream, &upstream_names);
    let mut disagreements = Vec::new();
    for (field, per_doc) in [("killed", &per_doc_killed), ("wounded", &per_doc_wounded)] {
        let distinct: BTreeSet<String> = per_doc.values().map(|(f, _)| format!("{f:?}")).collect();
        if distinct.len() > 1 {
            disagreements.push(Disagreement {
                field: field.to_string(),
                values: per_doc
                    .iter()
                    .map(|(doc, (f, chain))| DisagreementValue {
                        value: serde_json::to_value(f).unwrap_or(serde_json::Value::Null),
                        doc: doc.clone(),
                        chain: chain.clone(),
                    })
                    .collect(),
            });
        }
    }
    EventCluster {
        id: String::new(),
        event_type: first.event_type.clone(),
        mode: cluster_mode(modes),
        actors: actors.into_iter().collect(),
        targets: targets.into_iter().collect(),
        places: places.into_iter().collect(),
        dates: dates.into_iter().collect(),
        docs: docs.into_iter().collect(),
        mentions: out_mentions,
        killed: combine(&killed),
        wounded: combine(&wounded),
        sources: sources.into_iter().collect(),
        independent_sources: source_groups.len(),
        source_groups,
        disagreements,
    }
}

/// The cluster's mode: the most reported one, made specific where a mention refines it (a
/// bombing that some reports call a suicide attack is a suicide attack).
fn cluster_mode(modes: BTreeMap<String, usize>) -> Option<String> {
    let most = modes.iter().max_by_key(|(_, n)| **n).map(|(m, _)| m.clone())?;
    let refined = REFINES.iter().find(|&&(general, _)| general == most).map(|&(_, specific)| specific);
    Some(match refined {
        Some(specific) if modes.contains_key(specific) => specific.to_string(),
        _ => most,
    })
}

/// Maps each upstream outlet cluster to one representative among those whose names are the same
/// name misspelt (وول ستريت جورنال / اوول ستريت جورنال): an article citing the outlet with a
/// typo still relays that outlet, so it is not an independent source.
fn canonical_outlets(upstream_names: &BTreeMap<String, String>) -> HashMap<String, String> {
    let folded: Vec<(&String, String)> = upstream_names.iter().map(|(id, name)| (id, outlet_name_key(name))).collect();
    let mut canonical = HashMap::new();
    for (i, (id, key)) in folded.iter().enumerate() {
        let representative = folded[..i]
            .iter()
            .find(|(_, earlier)| same_name_misspelt(key, earlier))
            .map(|(earlier_id, _)| canonical.get(*earlier_id).cloned().unwrap_or_else(|| (*earlier_id).clone()));
        canonical.insert((*id).clone(), representative.unwrap_or_else(|| (*id).clone()));
    }
    canonical
}

/// An outlet's name in matching form, without quotation marks and without the head noun that
/// says what kind of outlet it is (صحيفة، قناة، وكالة …), letters only.
fn outlet_name_key(name: &str) -> String {
    let normalized = isnad_text::normalize::normalize_str(name);
    let heads = &isnad_extract::lexicon::lexicon().outlet_heads;
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !heads.contains(isnad_extract::lexicon::bare_noun(w)))
        .collect::<Vec<_>>()
        .concat()
}

/// Are two outlet-name keys one name with a typo or two: at most one edit in six to ten letters,
/// two in longer names, none in short ones (short names differ by one letter and mean another).
fn same_name_misspelt(a: &str, b: &str) -> bool {
    let letters = a.chars().count().min(b.chars().count());
    let budget = match letters {
        0..=5 => 0,
        6..=10 => 1,
        _ => 2,
    };
    !a.is_empty() && crate::entity_clusters::edit_distance(a, b, budget) <= budget
}

/// Groups the reporting articles into independent sources: same syndication cluster, or a shared
/// upstream source.
fn independent_groups(
    articles: &[Article],
    syndication_group: &[String],
    reporting: impl Iterator<Item = usize>,
    upstream: &BTreeMap<usize, BTreeSet<String>>,
    upstream_names: &BTreeMap<String, String>,
) -> Vec<SourceGroup> {
    let reporting: BTreeSet<usize> = reporting.collect();
    let reporting: Vec<usize> = reporting.into_iter().collect();
    let canonical = canonical_outlets(upstream_names);
    let mut group_of: Vec<usize> = (0..reporting.len()).collect();
    let mut key_owner: HashMap<String, usize> = HashMap::new();
    for (i, &a) in reporting.iter().enumerate() {
        let mut keys = vec![format!("copy:{}", syndication_group[a])];
        keys.extend(upstream.get(&a).into_iter().flatten().map(|k| format!("up:{}", canonical.get(k).unwrap_or(k))));
        for key in keys {
            match key_owner.get(&key) {
                Some(&owner) => {
                    let (from, to) = (group_of[i], group_of[owner]);
                    for g in group_of.iter_mut() {
                        if *g == from {
                            *g = to;
                        }
                    }
                }
                None => {
                    key_owner.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in group_of.iter().enumerate() {
        groups.entry(g).or_default().push(reporting[i]);
    }
    groups
        .into_values()
        .map(|members| {
            let up: BTreeSet<String> = members
                .iter()
                .flat_map(|a| upstream.get(a).into_iter().flatten())
                .filter_map(|k| upstream_names.get(k).cloned())
                .collect();
            SourceGroup {
                docs: members.iter().map(|&a| articles[a].record.doc_id.clone()).collect(),
                upstream: up.into_iter().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outlet_cited_with_a_typo_is_the_same_upstream_source() {
        let names: BTreeMap<String, String> = [
            ("c1".to_string(), "صحيفة النهار الجديد".to_string()),
            ("c2".to_string(), "\"النهاار الجديد\"".to_string()),
            ("c3".to_string(), "وكالة الفجر".to_string()),
            ("c4".to_string(), "وكالة القمر".to_string()),
        ]
        .into_iter()
        .collect();
        let canonical = canonical_outlets(&names);
        assert_eq!(canonical["c2"], "c1", "a head noun, quotes and one letter apart: one outlet");
        assert_eq!(canonical["c3"], "c3");
        // Short names one letter apart are other outlets.
        assert_eq!(canonical["c4"], "c4");
    }

    #[test]
    fn name_keys_drop_the_outlet_head_and_punctuation() {
        assert_eq!(outlet_name_key("صحيفة \"النهار\""), outlet_name_key("النهار"));
        assert!(!same_name_misspelt("", ""));
    }
}
