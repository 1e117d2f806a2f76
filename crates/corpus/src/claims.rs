//! Claims: attributed statements with their chains, and who else independently says the same.
//!
//! A claim is the whole attributed statement (cue, source and content). Two claims say the same
//! thing when they report the same event cluster and agree on what the claim itself names: its
//! actor, its target and its figures. A claim that only one independent source group makes stands
//! on a single source, and the report shows it as such: "a suicide bombing happened" may be
//! corroborated while "the bomber was X" is not.

use crate::entity_clusters::EntityIndex;
use crate::event_clusters::EventCluster;
use crate::Article;
use isnad_extract::{EntityRef, Event};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub doc: String,
    /// The statement's span in its article: cue, source and content.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The source, then the outer sources (innermost first).
    pub chain: Vec<String>,
    /// The event clusters the statement reports.
    pub events: Vec<String>,
    /// The other independent sources that report the same events with the same actor, target and
    /// figures (empty: a single-source claim).
    pub corroborated_by: Vec<String>,
}

fn cluster_id(entities: &EntityIndex, article: usize, r: &Option<EntityRef>) -> Option<String> {
    let id = r.as_ref()?.entity.as_deref()?;
    entities.cluster_of(article, id).map(|c| c.id.clone())
}

/// Whether `other` (in article `b`) backs what `claimed` (in article `a`) says.
fn agrees(entities: &EntityIndex, a: usize, claimed: &Event, b: usize, other: &Event) -> bool {
    let role_agrees = |x: &Option<EntityRef>, y: &Option<EntityRef>| match cluster_id(entities, a, x) {
        None => true,
        Some(wanted) => cluster_id(entities, b, y).as_deref() == Some(wanted.as_str()),
    };
    let figure_agrees = |x, y| match x {
        None => true,
        Some(f) => y == Some(f),
    };
    role_agrees(&claimed.actor, &other.actor)
        && role_agrees(&claimed.target, &other.target)
        && figure_agrees(claimed.killed, other.killed)
        && figure_agrees(claimed.wounded, other.wounded)
}

pub fn claims(articles: &[Article], entities: &EntityIndex, events: &[EventCluster]) -> Vec<Claim> {
    let article_of: HashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.record.doc_id.as_str(), i)).collect();
    let event_at = |article: usize, start: usize| articles[article].record.events.iter().find(|e| e.trigger.start == start);
    // Which event clusters hold the mention at (doc, trigger start): a lookup per claimed event,
    // not a scan of every cluster per statement (the corpus may hold tens of thousands of each).
    let mut clusters_at: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (index, cluster) in events.iter().enumerate() {
        for mention in &cluster.mentions {
            let holders = clusters_at.entry((mention.doc.as_str(), mention.start)).or_default();
            if holders.last() != Some(&index) {
                holders.push(index);
            }
        }
    }
    let mut out = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        let record = article.record;
        for (index, attribution) in record.attributions.iter().enumerate() {
            let mut start = attribution.cue.start;
            let mut end = attribution.cue.end;
            for (s, e) in attribution.source.iter().map(|s| (s.start, s.end)).chain(attribution.content.map(|c| (c.start, c.end))) {
                start = start.min(s);
                end = end.max(e);
            }
            let Some(text) = article.text.get(start..end) else { continue };
            let refs: Vec<&EntityRef> = attribution.source.iter().chain(attribution.via.iter()).collect();
            let chain = crate::event_clusters::chain_names(entities, a, &refs);
            let mut event_ids = Vec::new();
            let mut corroborated_by = Vec::new();
            let mut claimed_by_cluster: std::collections::BTreeMap<usize, Vec<&Event>> = Default::default();
            for event in record.events.iter().filter(|e| e.attribution == Some(index)) {
                for &holder in clusters_at.get(&(record.doc_id.as_str(), event.trigger.start)).map_or(&[][..], Vec::as_slice) {
                    claimed_by_cluster.entry(holder).or_default().push(event);
                }
            }
            for (cluster, claimed) in claimed_by_cluster.into_iter().map(|(i, claimed)| (&events[i], claimed)) {
                event_ids.push(cluster.id.clone());
                for group in &cluster.source_groups {
                    if group.docs.contains(&record.doc_id) {
                        continue;
                    }
                    let backed = cluster.mentions.iter().filter(|m| group.docs.contains(&m.doc)).any(|m| {
                        let Some(&b) = article_of.get(m.doc.as_str()) else { return false };
                        event_at(b, m.start).is_some_and(|other| claimed.iter().any(|c| agrees(entities, a, c, b, other)))
                    });
                    let name = if group.upstream.is_empty() { group.docs.join("+") } else { group.upstream.join("+") };
                    if backed && !corroborated_by.contains(&name) {
                        corroborated_by.push(name);
                    }
                }
            }
            out.push(Claim {
                doc: record.doc_id.clone(),
                start,
                end,
                text: text.to_string(),
                chain,
                events: event_ids,
                corroborated_by,
            });
        }
    }
    out
}
