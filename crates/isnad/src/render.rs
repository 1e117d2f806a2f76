//! Human-readable renderings of records and of the corpus view: terminal and Markdown.
//!
//! Arabic text is printed as written (logical order). On a terminal each Arabic value inside an
//! English line is wrapped in directional isolates ([`bidi`]) so that it reads right to left as one
//! block and figures inside it keep their order; Markdown gets the plain text. Long statements and
//! lists are shortened on a word boundary so that one fact fits on a line or two.

pub mod bidi;

use isnad_corpus::event_clusters::{EventCluster, FigureRange};
use isnad_corpus::{Article, CorpusView};
use std::io::{self, IsTerminal, Write};

/// Colour only when writing to a terminal and NO_COLOR is unset.
pub fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Directional isolates only when writing to a terminal (NO_COLOR does not turn them off: they are
/// layout, not colour).
pub fn use_isolates() -> bool {
    std::io::stdout().is_terminal()
}

/// How the terminal rendering looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalStyle {
    /// ANSI colours and emphasis.
    pub colour: bool,
    /// Unicode directional isolates around Arabic values (see [`bidi`]).
    pub isolates: bool,
}

impl TerminalStyle {
    /// What the standard output calls for.
    pub fn for_stdout() -> TerminalStyle {
        TerminalStyle { colour: use_colour(), isolates: use_isolates() }
    }
}

struct Style {
    on: bool,
    isolates: bool,
}

impl Style {
    fn new(style: TerminalStyle) -> Style {
        Style { on: style.colour, isolates: style.isolates }
    }
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    /// A value from the articles (a name, a title, a statement), ready for an English line.
    fn ar(&self, s: &str) -> String {
        if self.isolates { bidi::isolate(s) } else { s.to_string() }
    }
    /// A list of values, each isolated on its own, joined by `separator`.
    fn ar_list<'a>(&self, values: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
        values.into_iter().map(|v| self.ar(v)).collect::<Vec<_>>().join(separator)
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

/// At most `max` characters of `s`, cut at a word boundary (or, for one long word, on a character
/// boundary that keeps marks with their letters), with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    match cut.rsplit_once(' ') {
        Some((head, _)) if !head.is_empty() => format!("{head} …"),
        _ => bidi::truncate(&s, max),
    }
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

/// A figure as a report states it: an exact number, or a bound or range ({"low", "high", "best"}).
fn figure_value(value: &serde_json::Value) -> String {
    let field = |name: &str| value.get(name).and_then(serde_json::Value::as_i64);
    match (field("low"), field("high"), field("best")) {
        (Some(low), Some(high), _) if low != high => format!("{low}–{high}"),
        (Some(low), None, _) => format!("at least {low}"),
        (None, Some(high), _) => format!("at most {high}"),
        (_, _, Some(best)) => best.to_string(),
        (Some(low), Some(_), None) => low.to_string(),
        _ => value.to_string(),
    }
}

fn event_title(e: &EventCluster) -> String {
    match &e.mode {
        Some(m) => format!("{}/{}", e.event_type, m),
        None => e.event_type.clone(),
    }
}

fn names_in_full(ps: &[isnad_corpus::event_clusters::Participant]) -> String {
    ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("، ")
}

fn names(ps: &[isnad_corpus::event_clusters::Participant], style: &Style) -> String {
    let all = names_in_full(ps);
    // Both lists of a line must fit beside each other: a long list is cut, then isolated whole.
    style.ar(&shorten(&all, 60))
}

/// One article: who said what, through whom, and what happened.
pub fn article_summary(out: &mut impl Write, article: &Article, colour: bool) -> io::Result<()> {
    article_summary_with(out, article, TerminalStyle { colour, isolates: use_isolates() })
}

/// [`article_summary`] with the style chosen.
pub fn article_summary_with(out: &mut impl Write, article: &Article, terminal_style: TerminalStyle) -> io::Result<()> {
    let style = Style::new(terminal_style);
    let r = article.record;
    writeln!(out, "{} {}", style.head(&style.ar(&r.doc_id)), r.title.as_deref().map(|t| style.ar(&shorten(t, 90))).unwrap_or_default())?;
    if !r.furniture.is_empty() {
        writeln!(out, "  {}", style.dim(&format!("{} spans of page furniture set aside", r.furniture.len())))?;
    }
    for a in &r.attributions {
        let source = a.source.as_ref().map_or("(unnamed)".to_string(), |s| style.ar(&s.text));
        let content = a.content.and_then(|c| article.text.get(c.start..c.end)).unwrap_or("");
        let via = if a.via.is_empty() {
            String::new()
        } else {
            format!(" {}", style.dim(&format!("(via {})", style.ar_list(a.via.iter().map(|v| v.text.as_str()), " ← "))))
        };
        let denies = if a.negated { style.warn(" denies") } else { String::new() };
        writeln!(out, "  {} {}{}{}: {}", style.kind("said"), source, denies, via, style.ar(&shorten(content, 100)))?;
    }
    for e in &r.events {
        let actor = e.actor.as_ref().map_or("?".to_string(), |a| style.ar(&a.text));
        let target = e.target.as_ref().map_or("?".to_string(), |t| style.ar(&t.text));
        let mut extra = Vec::new();
        if let Some(p) = &e.place {
            extra.push(format!("in {}", style.ar(&p.text)));
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
            style.ar(&e.trigger.text),
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
    terminal_with(out, view, articles, TerminalStyle { colour, isolates: use_isolates() })
}

/// [`terminal`] with the style chosen.
pub fn terminal_with(out: &mut impl Write, view: &CorpusView, articles: &[Article], terminal_style: TerminalStyle) -> io::Result<()> {
    let style = Style::new(terminal_style);
    let _ = articles;
    writeln!(out, "{}", style.head(&format!("Corpus: {} articles, {} groups of copies", view.articles, view.syndication.len())))?;
    for s in &view.syndication {
        writeln!(out, "  copies: {} (similarity ≥ {})", style.ar_list(s.docs.iter().map(String::as_str), ", "), s.min_jaccard)?;
    }
    writeln!(out, "\n{}", style.head("Events reported by more than one article"))?;
    let mut shown = 0;
    for e in view.events.iter().filter(|e| e.docs.len() > 1) {
        shown += 1;
        writeln!(out, "  {} {}  {} → {}", style.kind(&e.id), event_title(e), names(&e.actors, &style), names(&e.targets, &style))?;
        if let Some(k) = figure(&e.killed) {
            writeln!(out, "     killed: {k}")?;
        }
        if let Some(w) = figure(&e.wounded) {
            writeln!(out, "     wounded: {w}")?;
        }
        writeln!(out, "     {} articles, {} independent sources", e.docs.len(), e.independent_sources)?;
        for g in &e.source_groups {
            let up = if g.upstream.is_empty() {
                String::new()
            } else {
                format!(" ← {}", style.ar_list(g.upstream.iter().map(String::as_str), ", "))
            };
            writeln!(out, "       · {}{}", style.ar_list(g.docs.iter().map(String::as_str), " + "), up)?;
        }
        for d in &e.disagreements {
            let values: Vec<String> =
                d.values.iter().map(|v| format!("{} in {}", figure_value(&v.value), style.ar(&v.doc))).collect();
            writeln!(out, "     {} {}: {}", style.warn("sources disagree on"), d.field, values.join(" vs "))?;
        }
    }
    if shown == 0 {
        writeln!(out, "  {}", style.dim("none"))?;
    }
    writeln!(out, "\n{}", style.head("Claims that stand on a single source"))?;
    let single: Vec<_> = view.claims.iter().filter(|c| c.corroborated_by.is_empty() && !c.events.is_empty()).collect();
    for c in &single {
        let chain = style.ar_list(c.chain.iter().map(String::as_str), " ← ");
        writeln!(out, "  {} {}  {}", style.warn("single source"), style.dim(&format!("[{}] {}", style.ar(&c.doc), chain)), style.ar(&shorten(&c.text, 100)))?;
    }
    if single.is_empty() {
        writeln!(out, "  {}", style.dim("none"))?;
    }
    writeln!(out, "\n{}", style.head("Entities named in more than one article"))?;
    for c in view.entities.iter().filter(|c| c.docs.len() > 1) {
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" {}", style.dim(&format!("also: {}", style.ar(&shorten(&c.aliases.join("، "), 80)))))
        };
        writeln!(out, "  {:?} {} ({} articles){}", c.entity_type, style.ar(&c.name), c.docs.len(), aliases)?;
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
            names_in_full(&e.actors),
            names_in_full(&e.targets),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_words_then_on_characters() {
        assert_eq!(shorten("قال الوزير إن الاجتماع انتهى", 12), "قال الوزير …");
        assert_eq!(shorten("قال الوزير", 40), "قال الوزير");
        assert_eq!(shorten("مفاوضاتهماالطويلة", 5), "مفاو…");
    }

    #[test]
    fn figures_read_as_numbers_bounds_and_ranges() {
        assert_eq!(figure_value(&serde_json::json!(9)), "9");
        assert_eq!(figure_value(&serde_json::json!({"low": 31, "high": null, "best": null})), "at least 31");
        assert_eq!(figure_value(&serde_json::json!({"low": 10, "high": 20, "best": 15})), "10–20");
        assert_eq!(figure_value(&serde_json::json!({"low": null, "high": 50, "best": null})), "at most 50");
    }

    #[test]
    fn values_are_isolated_only_when_asked() {
        let on = Style::new(TerminalStyle { colour: false, isolates: true });
        let off = Style::new(TerminalStyle { colour: false, isolates: false });
        assert_eq!(on.ar("ليلى"), format!("{}ليلى{}", bidi::RLI, bidi::PDI));
        assert_eq!(off.ar("ليلى"), "ليلى");
        assert_eq!(on.ar_list(["أ", "ب"], " ← "), format!("{0}أ{1} ← {0}ب{1}", bidi::RLI, bidi::PDI));
    }
}
