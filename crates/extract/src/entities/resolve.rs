//! From candidate mentions to entities: overlaps settled, mentions grouped per referent, later
//! short mentions joined to the full name introduced earlier.
//!
//! An entity is one key (a gazetteer id, or a normalised name), so spelling variants of one
//! gazetteer entry merge and look-alikes found by different evidence stay apart.

use super::context::Context;
use super::{Candidate, EntityKey, Evidence};
use crate::{Entity, EntityType, TextSpan};
use std::collections::HashMap;

/// The entities of the article, numbered `e1`, `e2`, ... in order of first mention.
pub fn entities(context: &Context, candidates: Vec<Candidate>) -> Vec<Entity> {
    let mut kept = settle_overlaps(candidates);
    drop_unsupported(&mut kept);
    kept.extend(short_mentions(context, &kept));
    kept.sort_by_key(|c| (c.start, c.end));
    merge_place_variants(&mut kept);

    let mut order: Vec<EntityKey> = Vec::new();
    let mut groups: HashMap<EntityKey, Vec<&Candidate>> = HashMap::new();
    for candidate in &kept {
        let group = groups.entry(candidate.key.clone()).or_default();
        if group.is_empty() {
            order.push(candidate.key.clone());
        }
        group.push(candidate);
    }
    let mut out = Vec::new();
    for key in order {
        let group = &groups[&key];
        let mut mentions: Vec<TextSpan> = Vec::new();
        for c in group {
            let span = context.span(c.start, c.end);
            let text = context.analysis.slice(span);
            if text.trim().is_empty() || mentions.iter().any(|m| m.start == span.start && m.end == span.end) {
                continue;
            }
            mentions.push(TextSpan { start: span.start, end: span.end, text: text.to_string() });
        }
        if mentions.is_empty() {
            continue;
        }
        let name = canonical_name(group, &mentions);
        let entity_type = majority_type(group);
        out.push(Entity {
            id: format!("e{}", out.len() + 1),
            entity_type,
            name,
            mentions,
            gazetteer_id: match &key {
                EntityKey::Known(id) => Some(id.clone()),
                EntityKey::Name(_) => None,
            },
        });
    }
    out
}

/// Unknown places named with a cue word several ways in one article (مسجد الطوارئ، مسجد قوة
/// الطوارئ، مسجد قوات الطوارئ) are one place: same cue, same last word, the shorter's words among the
/// longer's, compared by light stem (قوة / قوات). Each such key takes the key of the longest name it
/// fits (the first written among equally long ones), unless it fits two different longest names.
fn merge_place_variants(kept: &mut [Candidate]) {
    let stems = |key: &str| -> Vec<String> {
        key.split(' ').map(|w| isnad_text::stem::light_stem_normalized(w).to_string()).collect()
    };
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    for c in kept.iter() {
        if let (EntityType::LOC, EntityKey::Name(key)) = (c.entity_type, &c.key) {
            if key.contains(' ') && !keys.iter().any(|(k, _)| k == key) {
                keys.push((key.clone(), stems(key)));
            }
        }
    }
    let fits = |short: &[String], long: &[String]| {
        short.len() <= long.len() && short[0] == long[0] && short.last() == long.last() && {
            let mut rest = long[1..long.len() - 1].iter();
            short[1..short.len() - 1].iter().all(|word| rest.any(|w| w == word))
        }
    };
    let mut renamed: HashMap<String, String> = HashMap::new();
    for (key, words) in &keys {
        let longest = keys.iter().filter(|(_, other)| fits(words, other)).map(|(_, other)| other.len()).max();
        let targets: Vec<&(String, Vec<String>)> =
            keys.iter().filter(|(_, other)| Some(other.len()) == longest && fits(words, other)).collect();
        // Equally long names that fit each other are spellings of one; otherwise two places.
        let Some(first) = targets.first() else { continue };
        if targets.iter().all(|(_, other)| fits(other, &first.1)) && first.0 != *key {
            renamed.insert(key.clone(), first.0.clone());
        }
    }
    for c in kept.iter_mut() {
        if let EntityKey::Name(key) = &c.key {
            if let Some(new_key) = renamed.get(key) {
                c.key = EntityKey::Name(new_key.clone());
            }
        }
    }
}

/// The words that head an outlet's listed name (normalised).
const OUTLET_HEADS: &[&str] = &["صحيفه", "جريده", "قناه", "وكاله", "موقع", "اذاعه", "مجله", "شبكه", "تلفزيون"];

/// The rule's name for the entity, or the longest mention; a mention that holds the listed name
/// and more (محافظة حمص for حمص) names it better, since the bare name may be another place.
fn canonical_name(group: &[&Candidate], mentions: &[TextSpan]) -> String {
    let longest = mentions.iter().max_by_key(|m| m.text.chars().count()).map(|m| m.text.clone()).unwrap_or_default();
    let Some(mut listed) = group.iter().find_map(|c| c.name.clone()) else { return longest };
    // A rule's own name (the words inside صحيفة "X") is already the bare name.
    if group.iter().all(|c| matches!(c.key, EntityKey::Name(_))) {
        return listed;
    }
    // Outlets are listed as صحيفة X or وكالة X; readers and other articles name them X.
    if group.first().is_some_and(|c| c.entity_type == EntityType::OUTLET) {
        if let Some((first, rest)) = listed.split_once(' ') {
            if OUTLET_HEADS.contains(&isnad_text::normalize::normalize_str(first).as_str()) {
                listed = rest.to_string();
            }
        }
    }
    let listed_key = isnad_text::normalize::normalize_str(&listed);
    let fuller = mentions.iter().find(|m| {
        let key = isnad_text::normalize::normalize_str(&m.text);
        key.len() > listed_key.len() && key.split(' ').count() > listed_key.split(' ').count() && key.contains(&listed_key)
    });
    fuller.map_or(listed, |m| m.text.clone())
}

/// The type most of an entity's mentions were found as (the first one's on a tie).
fn majority_type(group: &[&Candidate]) -> EntityType {
    let mut counts: Vec<(EntityType, usize)> = Vec::new();
    for c in group {
        match counts.iter_mut().find(|(t, _)| *t == c.entity_type) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.entity_type, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts.into_iter().find(|(_, n)| *n == best).map_or(EntityType::MISC, |(t, _)| t)
}

/// Keeps the longest of overlapping candidates; of equal length, the stronger evidence. A shorter
/// name of the same entity inside a kept one stays as a mention too (قوات الناتو, الناتو).
fn settle_overlaps(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.evidence, c.start));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        let clear = |k: &Candidate| c.end <= k.start || k.end <= c.start || (k.key == c.key && k.start <= c.start && c.end <= k.end);
        if kept.iter().all(clear) {
            kept.push(c);
        }
    }
    kept
}

/// Ambiguous aliases survive only where the same entity is named safely elsewhere in the article.
fn drop_unsupported(kept: &mut Vec<Candidate>) {
    let safe: std::collections::HashSet<EntityKey> =
        kept.iter().filter(|c| c.evidence != Evidence::Ambiguous).map(|c| c.key.clone()).collect();
    kept.retain(|c| c.evidence != Evidence::Ambiguous || safe.contains(&c.key));
}

/// Later mentions by a short form: a person's surname or kunya alone, a cued place's bare name.
/// A short form shared by two entities joins neither. Where several short forms fit at one word,
/// the one of more words wins (قوات X Y over X), then the one proposed first.
fn short_mentions(context: &Context, kept: &[Candidate]) -> Vec<Candidate> {
    // Each short form once, in the order proposed, with its owner (none once two entities share it).
    let mut forms: Vec<(Vec<String>, Option<(EntityKey, EntityType)>)> = Vec::new();
    let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
    for c in kept {
        for form in short_forms(context, c) {
            match seen.get(&form) {
                Some(&k) => {
                    if forms[k].1.as_ref().is_some_and(|(key, _)| *key != c.key) {
                        forms[k].1 = None;
                    }
                }
                None => {
                    seen.insert(form.clone(), forms.len());
                    forms.push((form, Some((c.key.clone(), c.entity_type))));
                }
            }
        }
    }
    forms.retain(|(words, owner)| owner.is_some() && !words.is_empty());
    if forms.is_empty() {
        return Vec::new();
    }
    forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    // Forms by their first word, each list in preference order.
    let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (words, _)) in forms.iter().enumerate() {
        by_first_word.entry(words[0].as_str()).or_default().push(k);
    }
    let mut covered = vec![false; context.len()];
    for c in kept {
        for i in c.tokens.clone() {
            if let Some(slot) = covered.get_mut(i) {
                *slot = true;
            }
        }
    }
    let free_word = |j: usize| j < covered.len() && !covered[j] && context.is_word(j);
    let mut out = Vec::new();
    let mut i = 0;
    while i < context.len() {
        if !free_word(i) {
            i += 1;
            continue;
        }
        // The preferred form that fits here, with the proclitics its first word drops.
        let mut found: Option<(usize, usize)> = None;
        for reading in context.forms(i) {
            let Some(list) = by_first_word.get(reading.base) else { continue };
            for &k in list {
                if found.is_some_and(|(best, _)| best <= k) {
                    break;
                }
                let words = &forms[k].0;
                let n = words.len();
                if (i..i + n).all(free_word) && (1..n).all(|m| context.text(i + m) == words[m]) {
                    found = Some((k, reading.prefix_len));
                    break;
                }
            }
        }
        match found {
            Some((k, prefix_len)) => {
                let (words, owner) = &forms[k];
                let Some((key, entity_type)) = owner else { unreachable!("forms without an owner were dropped") };
                let n = words.len();
                out.push(Candidate {
                    tokens: i..i + n,
                    start: context.tokens[i].norm.start + prefix_len,
                    end: context.tokens[i + n - 1].norm.end,
                    entity_type: *entity_type,
                    key: key.clone(),
                    name: None,
                    evidence: Evidence::NamePattern,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The short forms (as normalised words) by which an entity first found as `c` is named later.
fn short_forms(context: &Context, c: &Candidate) -> Vec<Vec<String>> {
    let words: Vec<String> = context.norm_text()[c.start..c.end].split(' ').map(str::to_string).collect();
    let mut out = Vec::new();
    match (c.entity_type, &c.key) {
        (EntityType::PER, EntityKey::Name(_)) if words.len() >= 2 => {
            let last = words[words.len() - 1].clone();
            if last.chars().count() >= 3 && !context.gazetteer.lexicons.is_given_name(&last) {
                out.push(vec![last.clone()]);
                // A definite nisba surname is also written bare later (الخراساني → خراساني).
                if let Some(bare) = last.strip_prefix("ال").filter(|b| b.ends_with('ي') && b.chars().count() >= 4) {
                    out.push(vec![bare.to_string()]);
                }
            }
            if matches!(words[0].as_str(), "ابو" | "ابا" | "ابي") && words.len() >= 3 {
                out.push(words[..2].to_vec());
            }
        }
        (EntityType::LOC | EntityType::ORG, EntityKey::Name(_)) => {
            if let Some(name) = &c.name {
                let name_words: Vec<String> =
                    isnad_text::normalize::normalize_str(name).split_whitespace().map(str::to_string).collect();
                if !name_words.is_empty() && name_words != words && name_words.concat().chars().count() >= 4 {
                    out.push(name_words);
                }
            }
        }
        _ => {}
    }
    out
}
