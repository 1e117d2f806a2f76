//! `isnad search` and `isnad index`: full-text search over a store, and indexing a store built
//! before its index existed (crates/search does the work; this is the terminal and JSON side).

use crate::cli::EXIT_OK;
use crate::render::use_colour;
use anyhow::Context;
use isnad_search::{Hit, SearchRequest, SearchResults, Searcher};
use std::io::Write;
use std::path::Path;

/// `isnad index`: index every stored article not indexed yet.
pub fn run_index(store_dir: &Path) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let outcome = isnad_search::index_store(store_dir)?;
    eprintln!(
        "isnad: indexed {} new articles ({} already indexed) in {:.1} s; index at {}",
        outcome.added,
        outcome.already,
        started.elapsed().as_secs_f64(),
        isnad_search::index_dir(store_dir).display()
    );
    Ok(EXIT_OK)
}

/// `isnad search`: the best hits for a request, for a terminal or as JSON Lines.
pub fn run_search(store_dir: &Path, request: &SearchRequest, json: bool) -> anyhow::Result<u8> {
    let searcher = match Searcher::open(store_dir) {
        Ok(searcher) => searcher,
        // A store ingested before search existed: index it now, once, rather than refuse.
        Err(isnad_search::SearchError::NoIndex { .. }) => {
            eprintln!("isnad: the store has no search index yet; indexing it now (once)");
            isnad_search::index_store(store_dir)?;
            Searcher::open(store_dir)?
        }
        Err(e) => return Err(e.into()),
    };
    let unindexed = searcher.unindexed()?;
    if unindexed > 0 {
        eprintln!("isnad: {unindexed} stored articles are not indexed yet; run `isnad index --store {}`", store_dir.display());
    }
    let results = searcher.search(request)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        for hit in &results.hits {
            serde_json::to_writer(&mut out, &hit_json(hit)).context("writing the hits")?;
            writeln!(out)?;
        }
    } else {
        terminal(&mut out, &results, use_colour())?;
    }
    out.flush().context("writing the hits")?;
    Ok(EXIT_OK)
}

/// One hit as JSON: byte offsets index the article's text (as in the records).
fn hit_json(hit: &Hit) -> serde_json::Value {
    serde_json::json!({
        "doc_id": hit.doc_id,
        "content_hash": hit.content_hash,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published,
        "score": hit.score,
        "sentence": {"start": hit.sentence.start, "end": hit.sentence.end, "text": hit.sentence_text},
        "highlights": hit.highlights.iter().map(|s| serde_json::json!({"start": s.start, "end": s.end})).collect::<Vec<_>>(),
        "chain": hit.chain,
        "denied": hit.denied,
    })
}

fn terminal(out: &mut impl Write, results: &SearchResults, colour: bool) -> std::io::Result<()> {
    let paint = |code: &str, s: &str| if colour { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    if results.hits.is_empty() {
        writeln!(out, "no article matches")?;
        return Ok(());
    }
    writeln!(out, "{} of {} matching articles\n", results.hits.len(), results.total)?;
    for (n, hit) in results.hits.iter().enumerate() {
        let title = hit.title.as_deref().unwrap_or(&hit.doc_id);
        let about: Vec<&str> = [hit.outlet.as_deref(), hit.published.as_deref()].into_iter().flatten().collect();
        writeln!(out, "{}. {}  {}", n + 1, paint("1", title), paint("2", &about.join(" · ")))?;
        writeln!(out, "   {}", highlighted(hit, &|s| paint("1;33", s)))?;
        let chain = if hit.chain.is_empty() {
            "the outlet's own reporting".to_string()
        } else {
            format!("according to {}", hit.chain.join(" ← "))
        };
        let denied = if hit.denied { " (denies)" } else { "" };
        writeln!(out, "   {}{}", paint("36", &chain), denied)?;
        writeln!(out, "   {}\n", paint("2", &hit.doc_id))?;
    }
    Ok(())
}

/// The sentence with its matching words marked: painted on a terminal, in [brackets] without colour.
fn highlighted(hit: &Hit, paint: &dyn Fn(&str) -> String) -> String {
    let colour = paint("x") != "x";
    let mut out = String::new();
    let mut cursor = hit.sentence.start;
    let sentence = &hit.sentence_text;
    let local = |at: usize| at - hit.sentence.start;
    for span in &hit.highlights {
        if span.start < cursor || span.end > hit.sentence.end {
            continue;
        }
        let (Some(before), Some(word)) = (sentence.get(local(cursor)..local(span.start)), sentence.get(local(span.start)..local(span.end)))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&if colour { paint(word) } else { format!("[{word}]") });
        cursor = span.end;
    }
    out.push_str(sentence.get(local(cursor)..).unwrap_or_default());
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The arguments of `isnad search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words to find (all required), "a phrase", -excluded; empty with filters: every match
    #[arg(default_value = "")]
    pub query: String,
    /// The store directory
    #[arg(long, default_value = "isnad-data")]
    pub store: std::path::PathBuf,
    /// Only articles naming this entity (a name in any spelling, or a gazetteer id such as org:taliban)
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles reporting this PLOVER event type (ASSAULT) or type/mode (ASSAULT/bombing)
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Only articles from this site (host or name) or citing this outlet as a source
    #[arg(long)]
    pub outlet: Option<String>,
    /// Published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long)]
    pub since: Option<String>,
    /// Published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long)]
    pub until: Option<String>,
    /// Exact word forms only (spelling and clitics still folded, no stemming)
    #[arg(long)]
    pub exact: bool,
    /// Hits to show
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit (JSON Lines), byte offsets into the article's text
    #[arg(long)]
    pub json: bool,
}

/// Runs `isnad search` with parsed arguments.
pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    let request = SearchRequest {
        query: args.query.clone(),
        entity: args.entity.clone(),
        event_type: args.event_type.clone(),
        outlet: args.outlet.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        exact: args.exact,
        limit: args.limit,
    };
    run_search(&args.store, &request, args.json)
}
