//! Claims: attributed statements with their chains, and who else independently says the same.
//!
//! A statement is corroborated when an event it reports belongs to an event cluster that another
//! independent source group also reports. A claim with no such corroboration stands on a single
//! source, and the report shows it as such.

use crate::entity_clusters::EntityIndex;
use crate::event_clusters::EventCluster;
use crate::Article;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub doc: String,
    /// The statement's span in its article.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The source, then the outer sources (innermost first).
    pub chain: Vec<String>,
    /// The event clusters the statement reports.
    pub events: Vec<String>,
    /// The other independent sources that report the same events (empty: a single-source claim).
    pub corroborated_by: Vec<String>,
}

pub fn claims(articles: &[Article], _entities: &EntityIndex, events: &[EventCluster]) -> Vec<Claim> {
    let mut out = Vec::new();
    for article in articles {
        let record = article.record;
        for (index, attribution) in record.attributions.iter().enumerate() {
            let Some(content) = attribution.content else { continue };
            let Some(text) = article.text.get(content.start..content.end) else { continue };
            let mut chain: Vec<String> = attribution.source.iter().map(|s| s.text.clone()).collect();
            chain.extend(attribution.via.iter().map(|v| v.text.clone()));
            let mut event_ids = Vec::new();
            let mut corroborated_by = Vec::new();
            for cluster in events {
                let reported_here = record.events.iter().any(|e| {
                    e.attribution == Some(index)
                        && cluster.mentions.iter().any(|m| m.doc == record.doc_id && m.start == e.trigger.start)
                });
                if !reported_here {
                    continue;
                }
                event_ids.push(cluster.id.clone());
                for group in &cluster.source_groups {
                    if group.docs.contains(&record.doc_id) {
                        continue;
                    }
                    let name = if group.upstream.is_empty() { group.docs.join("+") } else { group.upstream.join("+") };
                    if !corroborated_by.contains(&name) {
                        corroborated_by.push(name);
                    }
                }
            }
            out.push(Claim {
                doc: record.doc_id.clone(),
                start: content.start,
                end: content.end,
                text: text.to_string(),
                chain,
                events: event_ids,
                corroborated_by,
            });
        }
    }
    out
}
