//! Human-readable renderings of records and of the corpus view: terminal and Markdown.
//!
//! Arabic text is printed as written (logical order); terminals with bidi support display it right to
//! left. Long statements are shortened on a word boundary so that one fact fits on a line or two.

use isnad_corpus::event_clusters::{EventCluster, FigureRange};
use isnad_corpus::{Article, CorpusView};
use std::io::{self, IsTerminal, Write};

/// Colour only when writing to a terminal and NO_COLOR is unset.
pub fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn head(&self, s: &str) -> String {
        self.paint("1;4", s)
    }
    fn kind(&self, s: &str) -> String {
        self.paint("1;36", s)
    }
    fn warn(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// At most `max` characters of `s`, cut at a word boundary, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).to_string();
    format!("{cut} …")
}

fn figure(f: &Option<FigureRange>) -> Option<String> {
    let f = f.as_ref()?;
    let best = f.best.map(|b| b.to_string()).unwrap_or_else(|| "?".into());
    match (f.low, f.high) {
        (Some(l), Some(h)) if l != h => Some(format!("{best} (reports range {l}–{h})")),
        (Some(l), None) => Some(format!("{best} (at least {l})")),
        _ => Some(best),
    }
}

fn event_title(e: &EventCluster) -> String {
    match &e.mode {
        Some(m) => format!("{}/{}", e.event_type, m),
        None => e.event_type.clone(),
    }
}

fn names(ps: &[isnad_corpus::event_clusters::Participant]) -> String {
    ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("، ")
}

/// One article: who said what, through whom, and what happened.
pub fn article_summary(out: &mut impl Write, article: &Article, colour: bool) -> io::Result<()> {
    let style = Style { on: colour };
    let r = article.record;
    writeln!(out, "{} {}", style.head(&r.doc_id), r.title.as_deref().map(|t| shorten(t, 90)).unwrap_or_default())?;
    if !r.furniture.is_empty() {
        writeln!(out, "  {}", style.dim(&format!("{} spans of page furniture set aside", r.furniture.len())))?;
    }
    for a in &r.attributions {
        let source = a.source.as_ref().map_or("(unnamed)", |s| s.text.as_str());
        let via: Vec<&str> = a.via.iter().map(|v| v.text.as_str()).collect();
        let content = a.content.and_then(|c| article.text.get(c.start..c.end)).unwrap_or("");
        let via = if via.is_empty() { String::new() } else { format!(" {}", style.dim(&format!("(via {})", via.join(" ← ")))) };
        let denies = if a.negated { style.warn(" denies") } else { String::new() };
        writeln!(out, "  {} {}{}{}: {}", style.kind("said"), source, denies, via, shorten(content, 100))?;
    }
    for e in &r.events {
        let actor = e.actor.as_ref().map_or("?", |a| a.text.as_str());
        let target = e.target.as_ref().map_or("?", |t| t.text.as_str());
        let mut extra = Vec::new();
        if let Some(p) = &e.place {
            extra.push(format!("in {}", p.text));
        }
        if let Some(d) = &e.date {
            extra.push(format!("on {d}"));
        }
        if let Some(k) = e.killed {
            extra.push(format!("killed {}", serde_json::to_string(&k).unwrap_or_default()));
        }
        if let Some(w) = e.wounded {
            extra.push(format!("wounded {}", serde_json::to_string(&w).unwrap_or_default()));
        }
        let mode = e.mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default();
        let negated = if e.negated { style.warn(" (negated)") } else { String::new() };
        writeln!(
            out,
            "  {} {}{} «{}» {} → {} {}",
            style.kind("event"),
            e.event_type,
            mode,
            e.trigger.text,
            actor,
            target,
            extra.join(", ")
        )?;
        let _ = negated;
    }
    writeln!(out)
}

/// The corpus view for a terminal.
pub fn terminal(out: &mut impl Write, view: &CorpusView, articles: &[Article], colour: bool) -> io::Result<()> {
    let style = Style { on: colour };
    let _ = articles;
    writeln!(out, "{}", style.head(&format!("Corpus: {} articles, {} groups of copies", view.articles, view.syndication.len())))?;
    for s in &view.syndication {
        writeln!(out, "  copies: {} (similarity ≥ {})", s.docs.join(", "), s.min_jaccard)?;
    }
    writeln!(out, "\n{}", style.head("Events reported by more than one article"))?;
    let mut shown = 0;
    for e in view.events.iter().filter(|e| e.docs.len() > 1) {
        shown += 1;
        writeln!(out, "  {} {}  {} → {}", style.kind(&e.id), event_title(e), names(&e.actors), names(&e.targets))?;
        if let Some(k) = figure(&e.killed) {
            writeln!(out, "     killed: {k}")?;
        }
        if let Some(w) = figure(&e.wounded) {
            writeln!(out, "     wounded: {w}")?;
        }
        writeln!(out, "     {} articles, {} independent sources", e.docs.len(), e.independent_sources)?;
        for g in &e.source_groups {
            let up = if g.upstream.is_empty() { String::new() } else { format!(" ← {}", g.upstream.join(", ")) };
            writeln!(out, "       · {}{}", g.docs.join(" + "), up)?;
        }
        for d in &e.disagreements {
            let values: Vec<String> = d.values.iter().map(|v| format!("{} in {}", v.value, v.doc)).collect();
            writeln!(out, "     {} {}: {}", style.warn("sources disagree on"), d.field, values.join(" vs "))?;
        }
    }
    if shown == 0 {
        writeln!(out, "  {}", style.dim("none"))?;
    }
    writeln!(out, "\n{}", style.head("Claims that stand on a single source"))?;
    let single: Vec<_> = view.claims.iter().filter(|c| c.corroborated_by.is_empty() && !c.events.is_empty()).collect();
    for c in &single {
        writeln!(out, "  {} {}  {}", style.warn("single source"), style.dim(&format!("[{}] {}", c.doc, c.chain.join(" ← "))), shorten(&c.text, 100))?;
    }
    if single.is_empty() {
        writeln!(out, "  {}", style.dim("none"))?;
    }
    writeln!(out, "\n{}", style.head("Entities named in more than one article"))?;
    for c in view.entities.iter().filter(|c| c.docs.len() > 1) {
        let aliases = if c.aliases.is_empty() { String::new() } else { format!(" {}", style.dim(&format!("also: {}", c.aliases.join("، ")))) };
        writeln!(out, "  {:?} {} ({} articles){}", c.entity_type, c.name, c.docs.len(), aliases)?;
    }
    Ok(())
}

/// The corpus view as Markdown.
pub fn markdown(out: &mut impl Write, view: &CorpusView, articles: &[Article]) -> io::Result<()> {
    let _ = articles;
    writeln!(out, "# isnad report\n\n{} articles; {} groups of copies.\n", view.articles, view.syndication.len())?;
    writeln!(out, "## Events\n\n| id | event | actors | targets | killed | wounded | articles | independent sources |\n|---|---|---|---|---|---|---|---|")?;
    for e in &view.events {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            e.id,
            event_title(e),
            names(&e.actors),
            names(&e.targets),
            figure(&e.killed).unwrap_or_default(),
            figure(&e.wounded).unwrap_or_default(),
            e.docs.join(", "),
            e.independent_sources
        )?;
    }
    writeln!(out, "\n## Claims\n\n| article | chain | statement | corroborated by |\n|---|---|---|---|")?;
    for c in &view.claims {
        let by = if c.corroborated_by.is_empty() { "single source".to_string() } else { c.corroborated_by.join(", ") };
        writeln!(out, "| {} | {} | {} | {} |", c.doc, c.chain.join(" ← "), shorten(&c.text, 120).replace('|', "\\|"), by)?;
    }
    writeln!(out, "\n## Entities\n\n| type | name | aliases | articles |\n|---|---|---|---|")?;
    for c in &view.entities {
        writeln!(out, "| {:?} | {} | {} | {} |", c.entity_type, c.name, c.aliases.join("، "), c.docs.join(", "))?;
    }
    Ok(())
}
