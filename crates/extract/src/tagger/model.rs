//! The weights of the tagger, decoding (Viterbi, forward-backward) and the stored model format.
//!
//! A model is a linear score per (feature, tag) plus a score per tag transition. Decoding finds
//! the best well-formed BIO path; forward-backward over the same scores gives each token a
//! confidence. Stored models are pruned, quantised to 16 bits and gzipped so the one shipped in
//! `models/` stays small enough to compile into the binary.

use super::features::{TokenFeatures, FEATURE_VERSION};
use super::hashing::IdMap;
use super::tags::{Tag, TAG_COUNT};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::fmt;
use std::io::{Read, Write};
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"ISNADNER";
const FORMAT_VERSION: u32 = 1;
/// Row of the transition table holding the scores of the first tag of a sentence.
pub(crate) const START: usize = TAG_COUNT;

/// Per-token scores for each tag.
pub type Emissions = Vec<[f32; TAG_COUNT]>;

/// Why a stored model could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum ModelError {
    /// The bytes are not a gzipped isnad tagger model.
    NotAModel,
    /// The model was built by another version of the format or of the feature templates; retrain it.
    Version { format: u32, features: u32 },
    /// The model ends early or is inconsistent.
    Corrupt(&'static str),
    /// Reading or decompressing failed.
    Io(std::io::Error),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not an isnad tagger model"),
            ModelError::Version { format, features } => write!(
                f,
                "model has format {format} and feature version {features}, this build reads format {FORMAT_VERSION} \
                 with feature version {FEATURE_VERSION}; retrain it with `isnad ner --train`"
            ),
            ModelError::Corrupt(what) => write!(f, "corrupt tagger model: {what}"),
            ModelError::Io(e) => write!(f, "reading tagger model: {e}"),
        }
    }
}

impl std::error::Error for ModelError {}

impl From<std::io::Error> for ModelError {
    fn from(e: std::io::Error) -> Self {
        ModelError::Io(e)
    }
}

/// Feature and transition weights.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Feature hash → row in `weights`.
    pub(crate) index: IdMap<u32>,
    /// `TAG_COUNT` weights per row.
    pub(crate) weights: Vec<f32>,
    /// `(TAG_COUNT + 1) × TAG_COUNT`: previous tag (or [`START`]) → next tag.
    pub(crate) transitions: Vec<f32>,
}

impl Model {
    /// An empty model (all scores zero).
    pub fn empty() -> Model {
        Model { index: IdMap::default(), weights: Vec::new(), transitions: vec![0.0; (TAG_COUNT + 1) * TAG_COUNT] }
    }

    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The row of a feature, adding a zero row when `grow` is set and the feature is new.
    pub(crate) fn row(&mut self, feature: u64, grow: bool) -> Option<usize> {
        if let Some(&row) = self.index.get(&feature) {
            return Some(row as usize);
        }
        if !grow {
            return None;
        }
        let row = self.index.len();
        self.index.insert(feature, row as u32);
        self.weights.extend([0.0; TAG_COUNT]);
        Some(row)
    }

    /// Per-token tag scores from the token features (unknown features contribute nothing).
    pub fn emissions(&self, features: &[TokenFeatures]) -> Emissions {
        features
            .iter()
            .map(|token| {
                let mut scores = [0.0f32; TAG_COUNT];
                for feature in token {
                    if let Some(&row) = self.index.get(feature) {
                        let row = row as usize * TAG_COUNT;
                        for (score, weight) in scores.iter_mut().zip(&self.weights[row..row + TAG_COUNT]) {
                            *score += weight;
                        }
                    }
                }
                scores
            })
            .collect()
    }

    /// The best well-formed tag path (dense tag indexes).
    pub fn decode(&self, emissions: &Emissions) -> Vec<usize> {
        decode(&self.transitions, emissions)
    }

    /// Per-token probability of each tag under a softmax over all well-formed paths' scores.
    ///
    /// The perceptron's scores are not trained as log-probabilities, so these are confidences for
    /// ranking and thresholding, not calibrated probabilities.
    pub fn marginals(&self, emissions: &Emissions) -> Vec<[f32; TAG_COUNT]> {
        marginals(&self.transitions, emissions)
    }

    /// The scale of the 16-bit stored weights: the largest weight maps to 32767.
    pub(crate) fn quantisation_scale(&self) -> f32 {
        let max_abs = self.weights.iter().chain(&self.transitions).fold(0.0f32, |m, w| m.max(w.abs()));
        if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        }
    }

    /// The stored form: features whose largest weight is below `prune_below` are dropped, the rest
    /// quantised to 16 bits, the whole gzipped.
    pub fn to_bytes(&self, prune_below: f32) -> Vec<u8> {
        let scale = self.quantisation_scale();
        let quantise = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i64;
        let mut rows: Vec<(u64, usize)> = self
            .index
            .iter()
            .map(|(&f, &r)| (f, r as usize))
            .filter(|&(_, r)| {
                self.weights[r * TAG_COUNT..(r + 1) * TAG_COUNT]
                    .iter()
                    .any(|w| w.abs() >= prune_below && quantise(*w) != 0)
            })
            .collect();
        rows.sort_unstable();
        let mut raw = Vec::with_capacity(rows.len() * 12);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        raw.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        raw.extend_from_slice(&(TAG_COUNT as u32).to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        for &w in &self.transitions {
            write_varint(&mut raw, zigzag(quantise(w)));
        }
        write_varint(&mut raw, rows.len() as u64);
        let mut last = 0u64;
        for (feature, row) in rows {
            write_varint(&mut raw, feature - last);
            last = feature;
            let weights = &self.weights[row * TAG_COUNT..(row + 1) * TAG_COUNT];
            let mask =
                weights.iter().enumerate().filter(|(_, w)| quantise(**w) != 0).fold(0u64, |m, (k, _)| m | 1 << k);
            write_varint(&mut raw, mask);
            for &w in weights.iter().filter(|w| quantise(**w) != 0) {
                write_varint(&mut raw, zigzag(quantise(w)));
            }
        }
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = encoder.write_all(&raw);
        encoder.finish().unwrap_or_default()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 2 || bytes[..2] != [0x1f, 0x8b] {
            return Err(ModelError::NotAModel);
        }
        let mut raw = Vec::new();
        GzDecoder::new(bytes).read_to_end(&mut raw)?;
        let mut reader = ByteReader { bytes: &raw, at: 0 };
        if reader.take(8)? != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let format = reader.u32()?;
        let features = reader.u32()?;
        if format != FORMAT_VERSION || features != FEATURE_VERSION {
            return Err(ModelError::Version { format, features });
        }
        if reader.u32()? as usize != TAG_COUNT {
            return Err(ModelError::Corrupt("tag count"));
        }
        let scale = f32::from_le_bytes(reader.take(4)?.try_into().map_err(|_| ModelError::Corrupt("scale"))?);
        let mut model = Model::empty();
        for w in model.transitions.iter_mut() {
            *w = unzigzag(reader.varint()?) as f32 * scale;
        }
        let count = reader.varint()? as usize;
        if count > raw.len() {
            return Err(ModelError::Corrupt("feature count"));
        }
        model.index.reserve(count);
        model.weights.reserve(count * TAG_COUNT);
        let mut feature = 0u64;
        for _ in 0..count {
            feature = feature.wrapping_add(reader.varint()?);
            let mask = reader.varint()?;
            let row = model.row(feature, true).ok_or(ModelError::Corrupt("row"))?;
            for tag in 0..TAG_COUNT {
                if mask & (1 << tag) != 0 {
                    model.weights[row * TAG_COUNT + tag] = unzigzag(reader.varint()?) as f32 * scale;
                }
            }
        }
        Ok(model)
    }
}

/// `allowed[previous][next]`, with row [`START`] for the first tag of a sentence.
fn allowed_transitions() -> &'static [[bool; TAG_COUNT]; TAG_COUNT + 1] {
    static ALLOWED: OnceLock<[[bool; TAG_COUNT]; TAG_COUNT + 1]> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let mut allowed = [[false; TAG_COUNT]; TAG_COUNT + 1];
        for (previous, row) in allowed.iter_mut().enumerate() {
            let previous_tag = (previous < TAG_COUNT).then(|| Tag::from_index(previous));
            for (next, cell) in row.iter_mut().enumerate() {
                *cell = Tag::from_index(next).may_follow(previous_tag);
            }
        }
        allowed
    })
}

/// Viterbi: the best well-formed tag path under `transitions` (`(TAG_COUNT + 1) × TAG_COUNT`,
/// see [`Model::transitions`]) and per-token scores.
pub(crate) fn decode(transitions: &[f32], emissions: &Emissions) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let transition = |previous: usize, next: usize| transitions[previous * TAG_COUNT + next];
    let allowed = allowed_transitions();
    let mut best = vec![[f32::NEG_INFINITY; TAG_COUNT]; n];
    let mut back = vec![[0u8; TAG_COUNT]; n];
    for tag in 0..TAG_COUNT {
        if allowed[START][tag] {
            best[0][tag] = transition(START, tag) + emissions[0][tag];
        }
    }
    for t in 1..n {
        for tag in 0..TAG_COUNT {
            let mut top = (f32::NEG_INFINITY, 0);
            for previous in 0..TAG_COUNT {
                if !allowed[previous][tag] || best[t - 1][previous] == f32::NEG_INFINITY {
                    continue;
                }
                let score = best[t - 1][previous] + transition(previous, tag);
                if score > top.0 {
                    top = (score, previous);
                }
            }
            best[t][tag] = top.0 + emissions[t][tag];
            back[t][tag] = top.1 as u8;
        }
    }
    let mut tag = (0..TAG_COUNT).fold(0, |b, k| if best[n - 1][k] > best[n - 1][b] { k } else { b });
    let mut path = vec![0; n];
    for t in (0..n).rev() {
        path[t] = tag;
        tag = usize::from(back[t][tag]);
    }
    path
}

/// Forward-backward over the same scores as [`decode`]: per-token tag probabilities.
pub(crate) fn marginals(transitions: &[f32], emissions: &Emissions) -> Vec<[f32; TAG_COUNT]> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let transition = |previous: usize, next: usize| transitions[previous * TAG_COUNT + next];
    let allowed = allowed_transitions();
    let mut alpha = vec![[f64::NEG_INFINITY; TAG_COUNT]; n];
    let mut beta = vec![[0.0f64; TAG_COUNT]; n];
    for tag in 0..TAG_COUNT {
        if allowed[START][tag] {
            alpha[0][tag] = f64::from(transition(START, tag) + emissions[0][tag]);
        }
    }
    for t in 1..n {
        for tag in 0..TAG_COUNT {
            let terms =
                (0..TAG_COUNT).filter(|&p| allowed[p][tag]).map(|p| alpha[t - 1][p] + f64::from(transition(p, tag)));
            alpha[t][tag] = log_sum_exp(terms) + f64::from(emissions[t][tag]);
        }
    }
    for t in (0..n - 1).rev() {
        for tag in 0..TAG_COUNT {
            let terms = (0..TAG_COUNT)
                .filter(|&next| allowed[tag][next])
                .map(|next| f64::from(transition(tag, next) + emissions[t + 1][next]) + beta[t + 1][next]);
            beta[t][tag] = log_sum_exp(terms);
        }
    }
    let total = log_sum_exp(alpha[n - 1].iter().copied());
    (0..n)
        .map(|t| {
            let mut row = [0.0f32; TAG_COUNT];
            for tag in 0..TAG_COUNT {
                let p = (alpha[t][tag] + beta[t][tag] - total).exp();
                row[tag] = if p.is_finite() { (p as f32).clamp(0.0, 1.0) } else { 0.0 };
            }
            row
        })
        .collect()
}

fn log_sum_exp(terms: impl Iterator<Item = f64>) -> f64 {
    let mut values = [f64::NEG_INFINITY; TAG_COUNT];
    let mut count = 0;
    for term in terms.take(TAG_COUNT) {
        values[count] = term;
        count += 1;
    }
    let values = &values[..count];
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + values.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct ByteReader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> ByteReader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(ModelError::Corrupt("truncated"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ModelError::Corrupt("varint"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_model() -> Model {
        let mut model = Model::empty();
        for (feature, tag, weight) in [(7u64, 1usize, 2.5f32), (7, 0, -1.0), (u64::MAX, 3, 0.75), (42, 2, 0.001)] {
            let row = model.row(feature, true).unwrap();
            model.weights[row * TAG_COUNT + tag] = weight;
        }
        model.transitions[START * TAG_COUNT + 1] = 0.5;
        model.transitions[TAG_COUNT + 2] = -0.25;
        model
    }

    #[test]
    fn stored_model_round_trips_within_quantisation() {
        let model = small_model();
        let back = Model::from_bytes(&model.to_bytes(0.0)).unwrap();
        let step = 2.5 / 32767.0;
        for feature in [7u64, u64::MAX, 42] {
            let (a, b) = (model.index[&feature] as usize, back.index[&feature] as usize);
            for tag in 0..TAG_COUNT {
                assert!((model.weights[a * TAG_COUNT + tag] - back.weights[b * TAG_COUNT + tag]).abs() <= step);
            }
        }
        for (a, b) in model.transitions.iter().zip(&back.transitions) {
            assert!((a - b).abs() <= step);
        }
        // Pruning drops the feature whose weights are all tiny.
        let pruned = Model::from_bytes(&model.to_bytes(0.01)).unwrap();
        assert_eq!(pruned.feature_count(), 2);
        assert!(!pruned.index.contains_key(&42));
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        let bytes = small_model().to_bytes(0.0);
        assert!(matches!(Model::from_bytes(b"hello"), Err(ModelError::NotAModel)));
        assert!(Model::from_bytes(&[]).is_err());
        for cut in [3, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn decoding_never_starts_or_switches_inside_a_name() {
        let mut model = Model::empty();
        let row = model.row(1, true).unwrap();
        // The feature alone prefers I-PERS, which is never allowed first.
        model.weights[row * TAG_COUNT + Tag::parse("I-PERS").unwrap().index()] = 5.0;
        model.weights[row * TAG_COUNT + Tag::parse("B-PERS").unwrap().index()] = 1.0;
        let emissions = model.emissions(&[vec![1], vec![1]]);
        let path: Vec<String> = model.decode(&emissions).into_iter().map(|k| Tag::from_index(k).to_string()).collect();
        assert_eq!(path, ["B-PERS", "I-PERS"]);
        let marginals = model.marginals(&emissions);
        for row in &marginals {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        }
        assert_eq!(marginals[0][Tag::parse("I-PERS").unwrap().index()], 0.0);
    }
}
