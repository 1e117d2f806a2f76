//! The gazetteer's aliases as a byte trie, searched only from a given start.
//!
//! Names are looked up anchored at word starts (see [`Gazetteer::longest_at`](super::Gazetteer::longest_at)),
//! never by scanning, so an Aho-Corasick automaton's failure links are never followed; yet they were
//! most of the cost of building it, paid by every process. A plain trie built from the sorted aliases
//! answers the same question, the longest alias that is a prefix of the text from the start, and
//! builds in one pass over the aliases.

/// No pattern ends at this state; no child for this byte.
const NONE: u32 = u32::MAX;

/// The header of a state whose children are a table indexed by byte.
const DENSE: u32 = u32::MAX;

/// States with more children than this get a table indexed by byte: the first levels of the trie
/// fan out over the whole alphabet and are passed on nearly every search.
const DENSE_FROM: usize = 8;

/// A byte trie over a sorted list of distinct patterns; pattern ids are their indices in the list.
///
/// All states lie in one array, each as: the pattern ending there (or `NONE`); a header, either
/// `DENSE` followed by 256 children, or the child count `n` followed by the `n` child bytes packed
/// four to a word and then the `n` children. A search step thus reads one small stretch of memory,
/// and states are laid out depth first, so one search path stays close together.
#[derive(Debug, Clone)]
pub struct Trie {
    states: Vec<u32>,
}

/// A state while the trie is built: its pattern and its children's range in the edge lists.
#[derive(Clone, Copy)]
struct Draft {
    pattern: u32,
    first_edge: usize,
    edge_count: usize,
}

impl Trie {
    /// Builds the trie of `patterns`, which must be sorted and distinct (as a sorted list of map
    /// keys is). Unsorted input is sorted by index first, so ids still follow the input order.
    /// An empty pattern never matches.
    pub fn new<S: AsRef<[u8]>>(patterns: &[S]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        if !patterns.windows(2).all(|w| w[0].as_ref() < w[1].as_ref()) {
            order.sort_by(|&a, &b| patterns[a as usize].as_ref().cmp(patterns[b as usize].as_ref()));
            order.dedup_by(|a, b| patterns[*a as usize].as_ref() == patterns[*b as usize].as_ref());
        }
        let key = |k: u32| patterns[k as usize].as_ref();
        let mut drafts = vec![Draft { pattern: NONE, first_edge: 0, edge_count: 0 }];
        let mut edge_bytes: Vec<u8> = Vec::new();
        let mut edge_targets: Vec<usize> = Vec::new();
        // Depth first. Each entry is a state and the run of `order` whose patterns share its
        // prefix of `depth` bytes. The run is sorted, so the children's runs are contiguous.
        let mut stack = vec![(0usize, 0usize, order.len(), 0usize)];
        while let Some((state, mut lo, hi, depth)) = stack.pop() {
            if lo < hi && key(order[lo]).len() == depth {
                drafts[state].pattern = order[lo];
                lo += 1;
            }
            drafts[state].first_edge = edge_bytes.len();
            let mut start = lo;
            while start < hi {
                let byte = key(order[start])[depth];
                let end = start + order[start..hi].partition_point(|&k| key(k)[depth] == byte);
                let child = drafts.len();
                drafts.push(Draft { pattern: NONE, first_edge: 0, edge_count: 0 });
                edge_bytes.push(byte);
                edge_targets.push(child);
                stack.push((child, start, end, depth + 1));
                start = end;
            }
            drafts[state].edge_count = edge_bytes.len() - drafts[state].first_edge;
        }
        // Lay the states out in the order they were made, each at the offset its size gives.
        let size = |d: &Draft| 2 + if d.edge_count > DENSE_FROM { 256 } else { d.edge_count.div_ceil(4) + d.edge_count };
        let mut offsets = Vec::with_capacity(drafts.len());
        let mut total = 0usize;
        for d in &drafts {
            offsets.push(total as u32);
            total += size(d);
        }
        let mut states = Vec::with_capacity(total);
        for d in &drafts {
            let edges = d.first_edge..d.first_edge + d.edge_count;
            states.push(d.pattern);
            if d.edge_count > DENSE_FROM {
                states.push(DENSE);
                let table = states.len();
                states.resize(table + 256, NONE);
                for k in edges {
                    states[table + edge_bytes[k] as usize] = offsets[edge_targets[k]];
                }
            } else {
                states.push(d.edge_count as u32);
                for four in edge_bytes[edges.clone()].chunks(4) {
                    states.push(four.iter().rev().fold(0u32, |word, &b| word << 8 | u32::from(b)));
                }
                states.extend(edge_targets[edges].iter().map(|&t| offsets[t]));
            }
        }
        Trie { states }
    }

    /// The longest pattern that `haystack` starts with: its length in bytes and its id.
    pub fn longest_prefix(&self, haystack: &[u8]) -> Option<(usize, usize)> {
        let mut state = 0usize;
        let mut best = None;
        for (depth, &byte) in haystack.iter().enumerate() {
            match self.child(state, byte) {
                Some(next) => state = next,
                None => break,
            }
            let pattern = self.states[state];
            if pattern != NONE {
                best = Some((depth + 1, pattern as usize));
            }
        }
        best
    }

    fn child(&self, state: usize, byte: u8) -> Option<usize> {
        let header = self.states[state + 1];
        let next = if header == DENSE {
            self.states[state + 2 + byte as usize]
        } else {
            let count = header as usize;
            let packed = &self.states[state + 2..state + 2 + count.div_ceil(4)];
            let at = (0..count).find(|&k| (packed[k / 4] >> (8 * (k % 4))) as u8 == byte)?;
            self.states[state + 2 + count.div_ceil(4) + at]
        };
        (next != NONE).then_some(next as usize)
    }

    /// Heap bytes held by the trie.
    pub fn heap_bytes(&self) -> usize {
        self.states.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest pattern prefixing `haystack`, by brute force.
    fn oracle(patterns: &[&str], haystack: &str) -> Option<(usize, usize)> {
        patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| haystack.as_bytes().starts_with(p.as_bytes()))
            .max_by_key(|(_, p)| p.len())
            .map(|(k, p)| (p.len(), k))
    }

    #[test]
    fn finds_the_longest_pattern_at_the_start() {
        let mut patterns = vec!["الشام", "الشمال", "ش", "شمال سوريا", "شمال", "abc", "ab"];
        patterns.sort();
        let trie = Trie::new(&patterns);
        for haystack in ["شمال سوريا اليوم", "شمال سوريه", "شمالي", "الشام", "الشاميون", "الش", "", "abcd", "a", "زيد"] {
            assert_eq!(trie.longest_prefix(haystack.as_bytes()), oracle(&patterns, haystack), "{haystack}");
        }
    }

    #[test]
    fn unsorted_input_keeps_its_ids() {
        let patterns = ["بيروت", "بير", "ب"];
        let trie = Trie::new(&patterns);
        assert_eq!(trie.longest_prefix("بيروت الغربية".as_bytes()), Some(("بيروت".len(), 0)));
        assert_eq!(trie.longest_prefix("بيرم".as_bytes()), Some(("بير".len(), 1)));
        assert_eq!(trie.longest_prefix("بحر".as_bytes()), Some(("ب".len(), 2)));
    }

    #[test]
    fn wide_nodes_find_every_child() {
        // More children than the linear scan takes, under the root and one level down.
        let letters: Vec<String> = ('ا'..='ي').map(|c| format!("ب{c}ر")).chain(('a'..='z').map(String::from)).collect();
        let mut patterns: Vec<&str> = letters.iter().map(String::as_str).collect();
        patterns.sort();
        let trie = Trie::new(&patterns);
        for (k, p) in patterns.iter().enumerate() {
            assert_eq!(trie.longest_prefix(format!("{p} x").as_bytes()), Some((p.len(), k)), "{p}");
        }
        assert_eq!(trie.longest_prefix("بءر".as_bytes()), None);
    }

    #[test]
    fn empty_trie_finds_nothing() {
        let trie = Trie::new::<&str>(&[]);
        assert_eq!(trie.longest_prefix(b"anything"), None);
    }
}
