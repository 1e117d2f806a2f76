//! `/api/events`: event clusters, and one event with its reports grouped by independent source,
//! each report's own figures and chain of sources.

use super::{ApiError, Params, ParamsQuery};
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use isnad_corpus::event_clusters::EventCluster;
use isnad_extract::Figure;
use serde_json::{json, Value};

/// Whether a cluster passes the `type`, `mode` and `entity` filters.
pub fn matches(params: &Params, cluster: &EventCluster) -> bool {
    params.kind.as_deref().is_none_or(|t| cluster.event_type.eq_ignore_ascii_case(t))
        && params.mode.as_deref().is_none_or(|m| cluster.mode.as_deref() == Some(m))
        && params.entity.as_deref().is_none_or(|id| involves(cluster, id))
}

/// Whether an entity cluster takes part in the event (actor, target or place).
pub fn involves(cluster: &EventCluster, entity: &str) -> bool {
    cluster.actors.iter().chain(&cluster.targets).chain(&cluster.places).any(|p| p.entity == entity)
}

/// The summary of an event cluster in lists.
pub fn summary(cluster: &EventCluster) -> Value {
    json!({
        "id": cluster.id,
        "type": cluster.event_type,
        "mode": cluster.mode,
        "actors": cluster.actors,
        "targets": cluster.targets,
        "places": cluster.places,
        "dates": cluster.dates,
        "docs": cluster.docs,
        "reports": cluster.docs.len(),
        "killed": cluster.killed,
        "wounded": cluster.wounded,
        "independent_sources": cluster.independent_sources,
        "disagreements": cluster.disagreements.len(),
    })
}

/// `GET /api/events`: filters `type`, `mode`, `entity`; most reported first.
pub async fn list(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let snapshot = state.snapshot();
    let mut items: Vec<&EventCluster> = snapshot.view.events.iter().filter(|c| matches(&params, c)).collect();
    items.sort_by_key(|c| std::cmp::Reverse((c.docs.len(), c.independent_sources)));
    Ok(Json(params.page(items, summary)))
}

/// Low, best and high of some reports' figures: the lowest lower bound, the most reported value (the
/// higher on a tie), the highest upper bound (none when every report gives only a lower bound).
fn range(figures: &[Figure]) -> Value {
    if figures.is_empty() {
        return Value::Null;
    }
    let mut low: Option<i64> = None;
    let mut high: Option<i64> = None;
    let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
    for figure in figures {
        let (l, b, h) = match *figure {
            Figure::Exact(n) => (Some(n), Some(n), Some(n)),
            Figure::Range { low, high, best } => (low, best.or(low).or(high), high),
        };
        if let Some(l) = l {
            low = Some(low.map_or(l, |x| x.min(l)));
        }
        if let Some(h) = h {
            high = Some(high.map_or(h, |x| x.max(h)));
        }
        if let Some(b) = b {
            *counts.entry(b).or_default() += 1;
        }
    }
    let best = counts.iter().max_by_key(|(v, n)| (**n, **v)).map(|(v, _)| *v);
    json!({ "low": low, "best": best, "high": high })
}

/// `GET /api/events/{id}`: the cluster, its reports (one per trigger mention, with the article's
/// title, the mention's own killed/wounded and chain) and the independent source groups, each with
/// the low/best/high of its own reports.
pub async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let snapshot = state.snapshot();
    let Some(&index) = snapshot.event_by_id.get(&id) else {
        return Err(ApiError::NotFound(format!("no event {id}; list them at /api/events")));
    };
    let cluster = &snapshot.view.events[index];
    let group_of = |doc: &str| cluster.source_groups.iter().position(|g| g.docs.iter().any(|d| d == doc));
    let mut group_figures: Vec<(Vec<Figure>, Vec<Figure>, Vec<usize>)> = vec![Default::default(); cluster.source_groups.len()];
    let mut reports = Vec::new();
    for (report_index, mention) in cluster.mentions.iter().enumerate() {
        let event = snapshot.article(&mention.doc).and_then(|a| a.record.events.iter().find(|e| e.trigger.start == mention.start));
        let group = group_of(&mention.doc);
        if let Some(g) = group {
            group_figures[g].0.extend(event.and_then(|e| e.killed));
            group_figures[g].1.extend(event.and_then(|e| e.wounded));
            group_figures[g].2.push(report_index);
        }
        reports.push(json!({
            "doc": mention.doc,
            "title": snapshot.title_of(&mention.doc),
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "chain": mention.chain,
            "killed": event.and_then(|e| e.killed),
            "wounded": event.and_then(|e| e.wounded),
            "negated": event.is_some_and(|e| e.negated),
            "group": group,
        }));
    }
    let groups: Vec<Value> = cluster
        .source_groups
        .iter()
        .zip(&group_figures)
        .map(|(group, (killed, wounded, reports))| {
            json!({
                "docs": group.docs.iter().map(|d| json!({ "doc_id": d, "title": snapshot.title_of(d) })).collect::<Vec<_>>(),
                "upstream": group.upstream,
                "killed": range(killed),
                "wounded": range(wounded),
                "reports": reports,
            })
        })
        .collect();
    let mut value = summary(cluster);
    value["sources"] = json!(cluster.sources);
    value["disagreement_list"] = json!(cluster.disagreements);
    value["reports_list"] = json!(reports);
    value["groups"] = json!(groups);
    Ok(Json(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_take_bounds_and_the_most_reported_best() {
        let figures = [Figure::Exact(9), Figure::Exact(9), Figure::Exact(1), Figure::Range { low: Some(5), high: Some(12), best: None }];
        assert_eq!(range(&figures), json!({ "low": 1, "best": 9, "high": 12 }));
        assert_eq!(range(&[]), Value::Null);
        assert_eq!(range(&[Figure::Range { low: Some(170), high: None, best: None }]), json!({ "low": 170, "best": 170, "high": null }));
    }
}
