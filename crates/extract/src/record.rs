//! The record of one article, in the shape of SCHEMA.md (`shared/eval/SCHEMA.md`).
//!
//! Field names and shapes here are a contract with users and the scorer: add fields freely, never
//! rename or drop one.

use serde::{Deserialize, Serialize};

/// A span with its exact text: UTF-8 byte offsets into the article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A span without its text (the body, a statement's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FurnitureSpan {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    PER,
    ORG,
    LOC,
    OUTLET,
    MISC,
}

/// One distinct real-world entity in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, ... unique within the record.
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Canonical surface: the gazetteer's name when known, else the fullest mention.
    pub name: String,
    pub mentions: Vec<TextSpan>,
    /// The gazetteer id (`iso:AF`, `org:taliban`, ...) when the entity is a known one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer_id: Option<String>,
}

/// A reference to an entity from a role (source, actor, target, place, a `via` element).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The `id` of an entity in the record's `entities`, where resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// One reporting cue with its source, content and chain of outer sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub cue: TextSpan,
    /// The innermost speaker, with its full span (role + title + name); `None` where not found.
    pub source: Option<EntityRef>,
    pub content: Option<ByteSpan>,
    /// Outer sources, nearest first.
    pub via: Vec<EntityRef>,
    /// `verb`, `noun`, `introducer` (وفقا لـ، بحسب ...) or `quote`.
    pub cue_kind: String,
    /// The speaker denies (نفى) rather than asserts.
    pub negated: bool,
}

/// A figure: an exact integer, or bounds with a best estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    Exact(i64),
    Range { low: Option<i64>, high: Option<i64>, best: Option<i64> },
}

/// One trigger mention of a specific happening, typed in PLOVER.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub trigger: TextSpan,
    pub actor: Option<EntityRef>,
    pub target: Option<EntityRef>,
    pub place: Option<EntityRef>,
    /// ISO date as far as fixed, from a date expression in the same sentence.
    pub date: Option<String>,
    pub killed: Option<Figure>,
    pub wounded: Option<Figure>,
    /// Negated, denied or hedged (نفى، لم، مزاعم، يعتقد).
    pub negated: bool,
    /// Index into the record's `attributions` when the event is reported speech.
    pub attribution: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub percent: bool,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    pub relative: bool,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub doc_id: String,
    pub origin: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub body: ByteSpan,
    pub furniture: Vec<FurnitureSpan>,
    pub entities: Vec<Entity>,
    pub attributions: Vec<Attribution>,
    pub events: Vec<Event>,
    pub quantities: Vec<QuantityOut>,
    pub dates: Vec<DateOut>,
    /// The decoded text the spans index, when it is not the input file's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Hex of the document's content hash.
    pub content_hash: String,
}

impl Record {
    /// A record with nothing extracted yet: the body spans `body_len` bytes from the start and the
    /// content hash is the doc id (for tests and tools that build records by hand).
    pub fn empty(doc_id: &str, body_len: usize) -> Record {
        Record {
            doc_id: doc_id.into(),
            origin: doc_id.into(),
            title: None,
            published: None,
            body: ByteSpan { start: 0, end: body_len },
            furniture: vec![],
            entities: vec![],
            attributions: vec![],
            events: vec![],
            quantities: vec![],
            dates: vec![],
            text: None,
            warnings: vec![],
            content_hash: doc_id.into(),
        }
    }
}
