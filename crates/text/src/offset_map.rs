//! The map from a normalised text back to the input bytes it came from, stored as runs.
//!
//! Every normalised byte belongs to the output of one input character, and maps back to that
//! character's input range (grown by the diacritics absorbed after it). A map with two offsets per
//! normalised byte costs eight bytes of memory per byte of text and dominates the normaliser's
//! time, yet almost all of it is redundant: between two diacritics, dropped controls or folds that
//! change a character's length, input and output advance in step, byte for byte. So the map keeps
//! one [`Run`] per such stretch, and finds the character around a byte from the normalised text
//! itself (UTF-8 is self-synchronising). News text needs a run every few dozen bytes.
//!
//! Lookups answer exactly what the per-byte map answered, for every position, including positions
//! inside a character; the test oracle in `oracle.rs` checks this on random text.

use crate::Span;

/// A stretch of the normalised text and the input it maps back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// The first normalised byte of the run.
    norm_start: u32,
    /// The input offset of the run's first character.
    source_start: u32,
    /// The input offset just after the run's last character, including the diacritics it absorbed.
    source_end: u32,
    /// In step: each output character came from one input character of the same byte length, so
    /// offsets advance together. Otherwise the run is the output of a single input character (a
    /// fold that changes the length, or a decomposed ligature), and all its bytes map to that one.
    in_step: bool,
}

/// For each byte of a normalised text, the input byte range of the character that produced it.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    text: String,
    runs: Vec<Run>,
    input_len: u32,
}

impl OffsetMap {
    /// The normalised text the map describes.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The input span that produced normalised bytes `[start, end)`.
    ///
    /// An empty range maps to an empty span at the input position of `start`.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        self.cursor().source_span(start, end)
    }

    /// The input offset where normalised byte `pos` starts (the input length past the end).
    pub fn source_offset(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.input_len as usize;
        }
        self.start_of(pos, self.run_index(pos))
    }

    /// The input offset just after normalised byte `pos - 1`.
    pub fn source_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.source_offset(0);
        }
        if pos > self.text.len() {
            return self.input_len as usize;
        }
        self.end_of(pos - 1, self.run_index(pos - 1))
    }

    /// A lookup helper for positions visited in increasing order (a tokeniser's walk).
    pub(crate) fn cursor(&self) -> SpanCursor<'_> {
        SpanCursor { map: self, run: 0 }
    }

    /// The index of the run holding normalised byte `pos` (`pos` inside the text).
    #[inline]
    fn run_index(&self, pos: usize) -> usize {
        self.runs.partition_point(|run| run.norm_start as usize <= pos).saturating_sub(1)
    }

    /// The normalised byte just past run `index`.
    #[inline]
    fn run_end(&self, index: usize) -> usize {
        self.runs.get(index + 1).map_or(self.text.len(), |next| next.norm_start as usize)
    }

    /// The input offset where the character holding normalised byte `pos` starts.
    fn start_of(&self, pos: usize, index: usize) -> usize {
        let Some(run) = self.runs.get(index) else { return self.input_len as usize };
        if !run.in_step {
            return run.source_start as usize;
        }
        let mut char_start = pos;
        while !self.text.is_char_boundary(char_start) {
            char_start -= 1;
        }
        run.source_start as usize + (char_start - run.norm_start as usize)
    }

    /// The input offset just after the character holding normalised byte `pos`, with its absorbed
    /// diacritics.
    fn end_of(&self, pos: usize, index: usize) -> usize {
        let Some(run) = self.runs.get(index) else { return self.input_len as usize };
        if !run.in_step {
            return run.source_end as usize;
        }
        let mut char_end = pos + 1;
        while !self.text.is_char_boundary(char_end) {
            char_end += 1;
        }
        if char_end >= self.run_end(index) {
            return run.source_end as usize;
        }
        run.source_start as usize + (char_end - run.norm_start as usize)
    }
}

/// Looks up spans for normalised positions that mostly increase, starting its search for the run
/// where the previous lookup ended instead of bisecting the whole map each time.
pub(crate) struct SpanCursor<'m> {
    map: &'m OffsetMap,
    run: usize,
}

impl SpanCursor<'_> {
    /// The input span that produced normalised bytes `[start, end)`, as [`OffsetMap::source_span`].
    pub(crate) fn source_span(&mut self, start: usize, end: usize) -> Span {
        let len = self.map.text.len();
        if start >= end || start >= len {
            let at = if start >= len { self.map.input_len as usize } else { self.map.start_of(start, self.seek(start)) };
            return Span::new(at, at);
        }
        let last = end.min(len) - 1;
        let source_start = self.map.start_of(start, self.seek(start));
        let source_end = self.map.end_of(last, self.seek(last));
        Span::new(source_start, source_end)
    }

    /// The input span of a token: normalised bytes `[start, end)` with `start < end <= len`, both
    /// on character boundaries. The same answer as [`SpanCursor::source_span`], found without
    /// searching for character boundaries when the token lies inside one in-step run.
    #[inline]
    pub(crate) fn token_span(&mut self, start: usize, end: usize) -> Span {
        debug_assert!(start < end && end <= self.map.text.len());
        let index = self.seek(start);
        let run_end = self.map.run_end(index);
        match self.map.runs.get(index) {
            Some(run) if run.in_step && end <= run_end => {
                let offset = |pos: usize| run.source_start as usize + (pos - run.norm_start as usize);
                let source_end = if end == run_end { run.source_end as usize } else { offset(end) };
                Span::new(offset(start), source_end)
            }
            _ => self.source_span(start, end),
        }
    }

    /// The index of the run holding `pos` (inside the text), moving the cursor there.
    #[inline]
    fn seek(&mut self, pos: usize) -> usize {
        let runs = &self.map.runs;
        let behind = !matches!(runs.get(self.run), Some(run) if run.norm_start as usize <= pos);
        if behind {
            self.run = self.map.run_index(pos);
            return self.run;
        }
        // A few steps forward are cheaper than a search; far jumps fall back to the search.
        for _ in 0..8 {
            match runs.get(self.run + 1) {
                Some(next) if next.norm_start as usize <= pos => self.run += 1,
                _ => return self.run,
            }
        }
        self.run = self.map.run_index(pos);
        self.run
    }
}

/// Builds an [`OffsetMap`] while the normaliser appends to its text.
pub(crate) struct OffsetMapBuilder {
    runs: Vec<Run>,
}

impl OffsetMapBuilder {
    pub(crate) fn new() -> OffsetMapBuilder {
        OffsetMapBuilder { runs: Vec::new() }
    }

    /// Normalised bytes from `norm_start` on are the input characters `[source_start, source_end)`
    /// copied or folded one for one, each to a character of the same byte length.
    pub(crate) fn in_step(&mut self, norm_start: usize, source_start: usize, source_end: usize) {
        if let Some(last) = self.runs.last_mut() {
            // Same distance between input and output as the open run: nothing was dropped or
            // absorbed in between, so the run simply grows.
            if last.in_step && source_start - last.source_start as usize == norm_start - last.norm_start as usize {
                last.source_end = source_end as u32;
                return;
            }
        }
        self.runs.push(Run { norm_start: norm_start as u32, source_start: source_start as u32, source_end: source_end as u32, in_step: true });
    }

    /// Normalised bytes from `norm_start` on (at least one) all come from the one input
    /// character `[source_start, source_end)`.
    pub(crate) fn whole(&mut self, norm_start: usize, source_start: usize, source_end: usize) {
        self.runs.push(Run { norm_start: norm_start as u32, source_start: source_start as u32, source_end: source_end as u32, in_step: false });
    }

    /// A diacritic ending at input offset `source_end` joins the last character that had output.
    pub(crate) fn absorb(&mut self, source_end: usize) {
        if let Some(last) = self.runs.last_mut() {
            last.source_end = source_end as u32;
        }
    }

    pub(crate) fn finish(self, text: String, input_len: usize) -> OffsetMap {
        OffsetMap { text, runs: self.runs, input_len: input_len as u32 }
    }
}
