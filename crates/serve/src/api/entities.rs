//! `/api/entities`: entity clusters, and one actor with its events on a timeline, who reports on
//! it, and its relations to other actors (who attacks, supports, negotiates with whom).

use super::{ApiError, Params, ParamsQuery};
use crate::snapshot::Snapshot;
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use isnad_corpus::entity_clusters::EntityCluster;
use isnad_corpus::event_clusters::EventCluster;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The summary of an entity cluster in lists.
pub fn summary(cluster: &EntityCluster) -> Value {
    json!({
        "id": cluster.id,
        "type": cluster.entity_type,
        "name": cluster.name,
        "aliases": cluster.aliases,
        "docs": cluster.docs,
        "mentions": cluster.mentions,
        "gazetteer_id": cluster.gazetteer_id,
    })
}

/// `GET /api/entities`: filters `type` (PER, ORG, LOC, OUTLET, MISC) and `q` (in the name or an
/// alias, matching form); most mentioned first.
pub async fn list(State(state): State<AppState>, query: ParamsQuery) -> Result<Json<Value>, ApiError> {
    let params = Params::from_query(query)?;
    let snapshot = state.snapshot();
    let wanted = params.q.as_deref().map(isnad_text::normalize::normalize_str).filter(|q| !q.trim().is_empty());
    let mut items: Vec<&EntityCluster> = snapshot
        .view
        .entities
        .iter()
        .filter(|c| params.kind.as_deref().is_none_or(|t| format!("{:?}", c.entity_type).eq_ignore_ascii_case(t)))
        .filter(|c| match wanted.as_deref() {
            None => true,
            Some(q) => std::iter::once(&c.name).chain(&c.aliases).any(|n| isnad_text::normalize::normalize_str(n).contains(q.trim())),
        })
        .collect();
    items.sort_by_key(|c| std::cmp::Reverse((c.docs.len(), c.mentions)));
    Ok(Json(params.page(items, summary)))
}

/// How two actors relate through an event type: PLOVER's hostile, cooperative and talking types.
pub fn relation_kind(event_type: &str) -> &'static str {
    match event_type {
        "ASSAULT" | "FIGHT" | "COERCE" | "THREATEN" | "SANCTION" | "ACCUSE" | "DISAPPROVE" | "REJECT" | "PROTEST" | "DEMAND" => "hostile",
        "SUPPORT" | "AID" | "COOPERATE" | "CONCEDE" | "RETREAT" => "cooperative",
        "CONSULT" | "AGREE" | "REQUEST" => "negotiation",
        _ => "other",
    }
}

/// Who reports on the entity: the outermost source of each attribution in its articles whose
/// statement names it, and of each report of the events it takes part in.
fn reporters(snapshot: &Snapshot, cluster: &EntityCluster, events: &[&EventCluster]) -> Vec<Value> {
    let mut by_name: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in &cluster.docs {
        let Some(&index) = snapshot.article_by_doc.get(doc) else { continue };
        let record = &snapshot.articles[index].record;
        let mapping = &snapshot.entity_cluster_of[index];
        let mentions: Vec<(usize, usize)> = record
            .entities
            .iter()
            .filter(|e| mapping.get(&e.id) == Some(&cluster.id))
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        for attribution in &record.attributions {
            let Some(content) = attribution.content else { continue };
            if !mentions.iter().any(|&(s, e)| s >= content.start && e <= content.end) {
                continue;
            }
            let outermost = attribution.via.last().or(attribution.source.as_ref());
            if let Some(source) = outermost {
                by_name.entry(source.text.clone()).or_default().insert(doc.clone());
            }
        }
    }
    for event in events {
        for mention in &event.mentions {
            if let Some(outermost) = mention.chain.last() {
                by_name.entry(outermost.clone()).or_default().insert(mention.doc.clone());
            }
        }
    }
    let mut out: Vec<(String, BTreeSet<String>)> = by_name.into_iter().collect();
    out.sort_by_key(|(_, docs)| std::cmp::Reverse(docs.len()));
    out.into_iter().map(|(name, docs)| json!({ "name": name, "docs": docs })).collect()
}

/// The other actors the entity meets in events: `out` when it acts on them, `in` when they act on
/// it, `with` when both stand on the same side of a talk or agreement.
fn relations(snapshot: &Snapshot, cluster: &EntityCluster, events: &[&EventCluster]) -> Vec<Value> {
    // (other entity, direction, kind) → (event types, event ids)
    type Edge<'k> = (String, &'k str, &'k str);
    let mut edges: BTreeMap<Edge, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for event in events {
        let kind = relation_kind(&event.event_type);
        let is_actor = event.actors.iter().any(|p| p.entity == cluster.id);
        let is_target = event.targets.iter().any(|p| p.entity == cluster.id);
        let mut add = |other: &str, direction: &'static str| {
            if other == cluster.id {
                return;
            }
            let entry = edges.entry((other.to_string(), direction, kind)).or_default();
            entry.0.insert(event.event_type.clone());
            if !entry.1.contains(&event.id) {
                entry.1.push(event.id.clone());
            }
        };
        if is_actor {
            event.targets.iter().for_each(|p| add(&p.entity, "out"));
            if kind == "negotiation" || kind == "cooperative" {
                event.actors.iter().for_each(|p| add(&p.entity, "with"));
            }
        }
        if is_target {
            event.actors.iter().for_each(|p| add(&p.entity, "in"));
        }
    }
    edges
        .into_iter()
        .map(|((other, direction, kind), (types, ids))| {
            let other_cluster = snapshot.entity_by_id.get(&other).map(|&i| &snapshot.view.entities[i]);
            json!({
                "entity": other,
                "name": other_cluster.map(|c| c.name.clone()),
                "entity_type": other_cluster.map(|c| c.entity_type),
                "direction": direction,
                "kind": kind,
                "event_types": types,
                "events": ids,
            })
        })
        .collect()
}

/// `GET /api/entities/{id}`: the actor view's data.
pub async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let snapshot = state.snapshot();
    let Some(&index) = snapshot.entity_by_id.get(&id) else {
        return Err(ApiError::NotFound(format!("no entity {id}; list them at /api/entities")));
    };
    let cluster = &snapshot.view.entities[index];
    let mut events: Vec<&EventCluster> = snapshot.view.events.iter().filter(|e| super::events::involves(e, &id)).collect();
    // The timeline: events whose year is known in date order, then those dated without a year
    // (`MM-DD`), then the undated.
    let has_year = |d: &&String| d.len() >= 4 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let timeline_key = |e: &EventCluster| {
        let dated = e.dates.iter().filter(has_year).min().or_else(|| e.dates.iter().min()).cloned();
        let rank = match &dated {
            Some(d) if has_year(&d) => 0,
            Some(_) => 1,
            None => 2,
        };
        (rank, dated)
    };
    events.sort_by(|a, b| timeline_key(a).cmp(&timeline_key(b)).then_with(|| a.id.cmp(&b.id)));
    let timeline: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut value = super::events::summary(e);
            let mut roles = Vec::new();
            if e.actors.iter().any(|p| p.entity == id) {
                roles.push("actor");
            }
            if e.targets.iter().any(|p| p.entity == id) {
                roles.push("target");
            }
            if e.places.iter().any(|p| p.entity == id) {
                roles.push("place");
            }
            value["roles"] = json!(roles);
            value["date"] = json!(timeline_key(e).1);
            value
        })
        .collect();
    let mut value = summary(cluster);
    value["docs"] = json!(cluster.docs.iter().map(|d| json!({ "doc_id": d, "title": snapshot.title_of(d) })).collect::<Vec<_>>());
    value["events"] = json!(timeline);
    value["reporters"] = json!(reporters(&snapshot, cluster, &events));
    value["relations"] = json!(relations(&snapshot, cluster, &events));
    Ok(Json(value))
}
