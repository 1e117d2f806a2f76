//! `isnad ner`: tag CoNLL token files with the name tagger, or train a new tagger model.
//!
//! Tagging reads one token per line (the first whitespace-separated field; a blank line ends a
//! sentence) and writes `TOKEN TAG` lines in ANERcorp's BIO tags. Training reads ANERcorp-style
//! `TOKEN TAG` files and writes a gzipped model that `--model` can use, or that replaces the
//! compiled-in `models/ner.bin.gz`.

use crate::cli::{EXIT_OK, EXIT_USAGE};
use anyhow::{bail, Context};
use isnad_extract::tagger::{
    clusters, read_conll, train, train_stacked, write_conll, ClusterOptions, FeatureExtractor, StackOptions,
    TaggedSentence, Tagger, TrainOptions, WordClusters,
};
use std::io::{Read, Write};

/// Arguments of `isnad ner`.
#[derive(clap::Args, Debug)]
pub struct NerArgs {
    /// Tag this CoNLL file (`-` for standard input); tagged lines go to standard output
    #[arg(long, value_name = "IN", conflicts_with = "train")]
    pub conll: Option<String>,
    /// Use this model file instead of the compiled-in one
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Train a model on this tagged CoNLL file (ANERcorp format)
    #[arg(long, value_name = "TRAIN", requires = "out")]
    pub train: Option<String>,
    /// Where to write the trained model
    #[arg(long, value_name = "PATH")]
    pub out: Option<String>,
    /// Tagged CoNLL file scored after each training epoch (progress on standard error)
    #[arg(long, value_name = "DEV")]
    pub dev: Option<String>,
    /// Seed of the training sentence shuffle (training is deterministic for a given seed)
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Training epochs
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Features seen fewer times than this in training get no weight
    #[arg(long, default_value_t = TrainOptions::default().min_feature_count)]
    pub min_count: u32,
    /// Cost-augmented training: extra score for wrong tags while training (0 for none)
    #[arg(long, default_value_t = TrainOptions::default().margin)]
    pub margin: f32,
    /// Sentences before and after each one read as its document (files carry no article breaks)
    #[arg(long, default_value_t = StackOptions::default().window)]
    pub window: usize,
    /// Train one pass only (no second pass over names found nearby)
    #[arg(long)]
    pub single_pass: bool,
    /// Folds used to tag the training data for the second pass
    #[arg(long, default_value_t = StackOptions::default().folds)]
    pub folds: usize,
    /// Drop features whose weights are all smaller than this when storing the model
    #[arg(long, default_value_t = 0.05)]
    pub prune: f32,
    /// Train with cluster features from this table (`word<TAB>bits`, as --learn-clusters writes);
    /// the model stores the table, so tagging needs nothing more
    #[arg(long, value_name = "TABLE")]
    pub clusters: Option<String>,
    /// Learn word clusters from the --text files and write their table here
    #[arg(long, value_name = "TABLE", requires = "text", conflicts_with_all = ["train", "conll"])]
    pub learn_clusters: Option<String>,
    /// Unlabelled text for --learn-clusters: CoNLL files (first field per line), .csv files (every
    /// field but the last is a sentence) and .tsv gazetteers (every `*_ar` column)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub text: Vec<String>,
    /// Words seen fewer times in the --text files get no cluster
    #[arg(long, default_value_t = ClusterOptions::default().min_count)]
    pub cluster_min_count: u32,
}

/// Runs `isnad ner`.
pub fn run(args: &NerArgs) -> anyhow::Result<u8> {
    if let Some(out) = &args.learn_clusters {
        return learn_clusters(&args.text, out, args.cluster_min_count);
    }
    if let Some(train_path) = &args.train {
        let out = args.out.as_deref().context("--train needs --out PATH")?;
        return train_model(train_path, out, args);
    }
    let Some(input) = &args.conll else {
        eprintln!("isnad: nothing to do: give --conll IN to tag, or --train TRAIN --out PATH to train");
        return Ok(EXIT_USAGE);
    };
    let loaded;
    let tagger: &Tagger = match &args.model {
        Some(path) => {
            loaded = load_model_file(path)?;
            &loaded
        }
        None => Tagger::shipped().map_err(|e| anyhow::anyhow!("loading the compiled-in model: {e}"))?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    tag_conll(tagger, &read_input(input)?, args.window, &mut out).context("writing to standard output")?;
    out.flush().context("writing to standard output")?;
    Ok(EXIT_OK)
}

/// Tags CoNLL text: `TOKEN TAG` per input token, a blank line after each sentence.
fn tag_conll(tagger: &Tagger, input: &str, window: usize, out: &mut impl Write) -> std::io::Result<()> {
    let mut sentences = read_conll(input);
    let words: Vec<Vec<&str>> = sentences.iter().map(TaggedSentence::word_refs).collect();
    let tagged = tagger.tag_sentences(&words, window, false);
    for (sentence, tagged) in sentences.iter_mut().zip(tagged) {
        sentence.tags = tagged.into_iter().map(|t| t.tag).collect();
    }
    write_conll(&sentences, out)
}

fn load_model_file(path: &str) -> anyhow::Result<Tagger> {
    let bytes = std::fs::read(path).with_context(|| format!("reading model {path}"))?;
    Tagger::from_model_bytes(&bytes).with_context(|| format!("loading model {path}"))
}

fn read_input(path: &str) -> anyhow::Result<String> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
        bytes
    } else {
        std::fs::read(path).with_context(|| format!("reading {path}"))?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn train_model(train_path: &str, out: &str, args: &NerArgs) -> anyhow::Result<u8> {
    let sentences = read_conll(&read_input(train_path)?);
    if sentences.is_empty() {
        bail!("no sentences in {train_path}: expected one `TOKEN TAG` per line, blank lines between sentences");
    }
    let dev: Vec<TaggedSentence> = match &args.dev {
        Some(path) => read_conll(&read_input(path)?),
        None => Vec::new(),
    };
    let features = match &args.clusters {
        Some(path) if args.single_pass => bail!("--clusters {path} needs the two-pass model: drop --single-pass"),
        Some(path) => {
            let clusters = WordClusters::from_table(&read_input(path)?);
            if clusters.is_empty() {
                bail!("no clusters in {path}: expected `word<TAB>bits` lines, as --learn-clusters writes");
            }
            FeatureExtractor::new().with_clusters(clusters)
        }
        None => FeatureExtractor::new(),
    };
    let started = std::time::Instant::now();
    let options = TrainOptions {
        epochs: args.epochs,
        min_feature_count: args.min_count,
        margin: args.margin,
        seed: args.seed,
    };
    let tagger = if args.single_pass {
        let model = train(&features, &sentences, options, |epoch, model| {
            if dev.is_empty() {
                eprintln!("epoch {epoch}: {:.1}s", started.elapsed().as_secs_f32());
                return;
            }
            let tagger = Tagger::new(FeatureExtractor::new(), model.clone(), None);
            let counts = tagger.evaluate(&dev, args.window);
            eprintln!("epoch {epoch}: dev F1 {:.4} ({:.1}s)", counts.f1(), started.elapsed().as_secs_f32());
        });
        Tagger::new(features, model, None)
    } else {
        let stack = StackOptions { train: options, folds: args.folds, window: args.window };
        let (first, second) = train_stacked(&features, &sentences, stack, |step| {
            eprintln!("{step} ({:.1}s)", started.elapsed().as_secs_f32());
        });
        Tagger::new(features, first, Some(second)).with_memory(isnad_extract::tagger::stack::name_memory(&sentences))
    };
    if !dev.is_empty() {
        eprintln!("dev F1 {:.4}", tagger.evaluate(&dev, args.window).f1());
    }
    let bytes = tagger.to_bytes(args.prune);
    std::fs::write(out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!(
        "trained on {} sentences: {} features, {} kept, {} bytes written to {out}",
        sentences.len(),
        tagger.feature_count(),
        Tagger::from_model_bytes(&bytes).map(|t| t.feature_count()).unwrap_or(0),
        bytes.len()
    );
    Ok(EXIT_OK)
}

/// Sentences of unlabelled text from one file, by its kind (see `NerArgs::text`).
fn unlabelled_sentences(path: &str, text: &str) -> Vec<Vec<String>> {
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    if path.ends_with(".csv") {
        return text
            .lines()
            .skip(1)
            .flat_map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                fields[..fields.len().saturating_sub(1)].iter().map(|f| words(f)).collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect();
    }
    if path.ends_with(".tsv") {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        return lines
            .flat_map(|line| {
                line.split('\t')
                    .zip(&header)
                    .filter(|(_, column)| column.ends_with("_ar"))
                    .flat_map(|(cell, _)| cell.split('|').map(words))
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect();
    }
    read_conll(text)
        .into_iter()
        .map(|s| s.words.into_iter().filter(|w| w != "$#$").collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

fn learn_clusters(paths: &[String], out: &str, min_count: u32) -> anyhow::Result<u8> {
    let mut sentences = Vec::new();
    for path in paths {
        sentences.extend(unlabelled_sentences(path, &read_input(path)?));
    }
    if sentences.is_empty() {
        bail!("no text in {}: give --text files with sentences", paths.join(", "));
    }
    let refs: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let table = clusters::learn(&refs, ClusterOptions { min_count, ..ClusterOptions::default() });
    std::fs::write(out, &table).with_context(|| format!("writing {out}"))?;
    let tokens: usize = refs.iter().map(Vec::len).sum();
    eprintln!("{} sentences, {tokens} tokens: {} words clustered, table written to {out}", refs.len(), table.lines().count());
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(input: &str) -> String {
        let mut out = Vec::new();
        tag_conll(Tagger::shipped().unwrap(), input, 10, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_tagged_line_per_token_and_a_blank_line_per_sentence() {
        let input = "\nقال O extra\nالوزير\nسمير\nالحداد\n\n\n\nفي\nمدينة\nقرطين\n.\n";
        let output = tag(input);
        let sentences: Vec<&str> = output.split("\n\n").filter(|s| !s.is_empty()).collect();
        assert_eq!(sentences.len(), 2);
        let lines: Vec<&str> = output.lines().filter(|l| !l.is_empty()).collect();
        let tokens: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(tokens, ["قال", "الوزير", "سمير", "الحداد", "في", "مدينة", "قرطين", "."]);
        for line in lines {
            let tag = line.split(' ').nth(1).unwrap();
            assert!(isnad_extract::tagger::Tag::parse(tag).is_some(), "{line}");
        }
        assert!(output.ends_with("\n\n"));
    }

    #[test]
    fn unlabelled_text_is_read_by_file_kind() {
        let csv = unlabelled_sentences("a.csv", "s1,s2,label\nوصل سمير,غادرت ليلى,agree\n");
        assert_eq!(csv, [vec!["وصل", "سمير"], vec!["غادرت", "ليلى"]]);
        let tsv = unlabelled_sentences("b.tsv", "id\tname_ar\tname_en\n1\tقرطين|برقين الشرقية\tQartin\n");
        assert_eq!(tsv, [vec!["قرطين"], vec!["برقين", "الشرقية"]]);
        let conll = unlabelled_sentences("c.txt", "وصل O\nسمير B-PERS\n$#$ O\n\nأمس O\n");
        assert_eq!(conll, [vec!["وصل", "سمير"], vec!["أمس"]]);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        assert_eq!(tag(""), "");
        assert_eq!(tag("\n\n   \n\t\n"), "");
        let odd = tag("\u{200f}\n((\nـ\n🙂 🙂\n");
        let tokens: Vec<&str> = odd.lines().filter_map(|l| l.split(' ').next()).filter(|t| !t.is_empty()).collect();
        assert_eq!(tokens, ["\u{200f}", "((", "ـ", "🙂"]);
    }
}
