//! The tag set of the name tagger: BIO over ANERcorp's four entity kinds.
//!
//! The names (`B-PERS`, `I-LOC`, …) are ANERcorp's, so tagged output can be scored against that
//! corpus directly; each tag also has a dense index used by the weight tables.

use std::fmt;

/// The kind of name a tag belongs to (ANERcorp's classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// People (`PERS`).
    Person,
    /// Places (`LOC`).
    Location,
    /// Organisations (`ORG`).
    Organization,
    /// Other names: events, products, nationalities used as names (`MISC`).
    Misc,
}

impl EntityKind {
    /// All kinds, in index order.
    pub const ALL: [EntityKind; 4] =
        [EntityKind::Person, EntityKind::Location, EntityKind::Organization, EntityKind::Misc];

    /// ANERcorp's name for the kind (`PERS`, `LOC`, `ORG`, `MISC`).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PERS",
            EntityKind::Location => "LOC",
            EntityKind::Organization => "ORG",
            EntityKind::Misc => "MISC",
        }
    }

    fn from_label(label: &str) -> Option<EntityKind> {
        match label.to_ascii_uppercase().as_str() {
            "PERS" | "PER" => Some(EntityKind::Person),
            "LOC" => Some(EntityKind::Location),
            "ORG" => Some(EntityKind::Organization),
            "MISC" => Some(EntityKind::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            EntityKind::Person => 0,
            EntityKind::Location => 1,
            EntityKind::Organization => 2,
            EntityKind::Misc => 3,
        }
    }
}

/// One BIO tag: outside any name, beginning a name, or inside (continuing) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Outside,
    Begin(EntityKind),
    Inside(EntityKind),
}

/// Number of distinct tags (O plus B/I for each of the four kinds).
pub const TAG_COUNT: usize = 9;

impl Tag {
    /// All tags, in index order.
    pub fn all() -> [Tag; TAG_COUNT] {
        let mut tags = [Tag::Outside; TAG_COUNT];
        for kind in EntityKind::ALL {
            tags[1 + 2 * kind.index()] = Tag::Begin(kind);
            tags[2 + 2 * kind.index()] = Tag::Inside(kind);
        }
        tags
    }

    /// Dense index in `0..TAG_COUNT`.
    pub fn index(self) -> usize {
        match self {
            Tag::Outside => 0,
            Tag::Begin(kind) => 1 + 2 * kind.index(),
            Tag::Inside(kind) => 2 + 2 * kind.index(),
        }
    }

    /// The tag with dense index `index` (`O` for out-of-range indexes).
    pub fn from_index(index: usize) -> Tag {
        Tag::all().get(index).copied().unwrap_or(Tag::Outside)
    }

    /// Parses `O`, `B-PERS`, `I-LOC`, … (case-insensitive; `PER` is accepted for `PERS`).
    pub fn parse(name: &str) -> Option<Tag> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("O") {
            return Some(Tag::Outside);
        }
        let (prefix, label) = name.split_once('-')?;
        let kind = EntityKind::from_label(label)?;
        match prefix {
            "B" | "b" => Some(Tag::Begin(kind)),
            "I" | "i" => Some(Tag::Inside(kind)),
            _ => None,
        }
    }

    /// The entity kind, if the tag is part of a name.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::Outside => None,
            Tag::Begin(kind) | Tag::Inside(kind) => Some(kind),
        }
    }

    /// Whether `self` may follow `previous` (`None` at the start of a sentence) in well-formed BIO:
    /// an inside tag only continues a name of its own kind.
    pub fn may_follow(self, previous: Option<Tag>) -> bool {
        match self {
            Tag::Inside(kind) => previous.and_then(Tag::kind) == Some(kind),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Outside => f.write_str("O"),
            Tag::Begin(kind) => write!(f, "B-{}", kind.label()),
            Tag::Inside(kind) => write!(f, "I-{}", kind.label()),
        }
    }
}

/// Rewrites ill-formed BIO (an `I-X` that does not continue an `X`) as the start of a name, the
/// reading conlleval and seqeval give it, so that training never sees an unreachable path.
pub fn repair_bio(tags: &mut [Tag]) {
    let mut previous = None;
    for tag in tags.iter_mut() {
        if let Tag::Inside(kind) = *tag {
            if !tag.may_follow(previous) {
                *tag = Tag::Begin(kind);
            }
        }
        previous = Some(*tag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse_and_index() {
        for tag in Tag::all() {
            assert_eq!(Tag::parse(&tag.to_string()), Some(tag));
            assert_eq!(Tag::from_index(tag.index()), tag);
        }
        assert_eq!(Tag::parse("B-PER"), Some(Tag::Begin(EntityKind::Person)));
        assert_eq!(Tag::parse("X-LOC"), None);
        assert_eq!(Tag::parse("B-"), None);
        assert_eq!(Tag::parse(""), None);
    }

    #[test]
    fn stray_inside_tags_become_begins() {
        let loc = EntityKind::Location;
        let org = EntityKind::Organization;
        let mut tags = vec![Tag::Inside(loc), Tag::Inside(loc), Tag::Outside, Tag::Begin(org), Tag::Inside(loc)];
        repair_bio(&mut tags);
        assert_eq!(tags, vec![Tag::Begin(loc), Tag::Inside(loc), Tag::Outside, Tag::Begin(org), Tag::Begin(loc)]);
    }
}
