//! Entities across articles: one cluster per real-world entity, listing exactly its articles.
//!
//! A record's entity joins a cluster by its gazetteer id when it has one (spelling variants of a
//! known entity are already merged there), else by its type and the matching form of its name.

use crate::Article;
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
