//! The layout of a page reduced to text: title, byline, publication date, body and furniture.
//!
//! The page is read as lines. Whole lines are judged by [`furniture::line_reason`] anywhere, and by
//! the looser [`furniture::edge_reason`] in a block at the tail (after the article's last line) or
//! the head (before its first). Crawlers that flatten a page onto a few long lines glue a footer to
//! the last sentence or a search box and menu to the headline; those pieces are cut inside the
//! line. The body runs from the first kept line to the end of the last kept text; furniture
//! inside it is listed too, so extraction (which reads the body minus furniture) never sees it.

pub mod dates;
pub mod furniture;
pub mod lines;
pub mod vocabulary;

use chrono::NaiveDate;
use isnad_text::Span;
use lines::{split_lines, Line};
use vocabulary::vocabulary;

/// What layout analysis found in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub title: Option<Span>,
    pub byline: Option<Span>,
    pub published: Option<NaiveDate>,
    /// Where the publication date was read from.
    pub dateline: Option<Span>,
    pub body: Span,
    /// Removed spans with their reasons, in text order, not overlapping.
    pub furniture: Vec<(Span, &'static str)>,
}

/// How many lines from the top may hold the byline and the date line.
const HEADER_LINES: usize = 6;
/// How far into the text a publication date is looked for.
const HEADER_BYTES: usize = 1200;
/// A first line longer than this is a flattened page, not a headline.
const TITLE_MAX_BYTES: usize = 400;

/// Analyses a text whose title, if known from metadata (a feed or JSON field), is `known_title`.
pub fn analyse(text: &str, known_title: Option<Span>) -> Layout {
    let lines = split_lines(text);
    let mut reasons: Vec<Option<&'static str>> = lines.iter().map(|l| furniture::line_reason(l, text)).collect();
    let mut furniture: Vec<(Span, &'static str)> = Vec::new();

    // The tail block: furniture lines at the end, and a label-led box with everything after it.
    if let Some(first_content) = reasons.iter().position(Option::is_none) {
        let mut k = lines.len();
        while k > first_content + 1 {
            let line = &lines[k - 1];
            let reason = reasons[k - 1].or_else(|| furniture::edge_reason(line, text));
            match reason {
                Some(r) => {
                    reasons[k - 1] = Some(r);
                    k -= 1;
                }
                None => break,
            }
        }
    }
    // The head block: menus before the first article line.
    for (i, line) in lines.iter().enumerate() {
        if reasons[i].is_some() {
            continue;
        }
        match furniture::edge_reason(line, text) {
            Some(r) if i + 1 < lines.len() => reasons[i] = Some(r),
            _ => break,
        }
    }

    let content: Vec<usize> = (0..lines.len()).filter(|&i| reasons[i].is_none()).collect();
    let (Some(&first), Some(&last)) = (content.first(), content.last()) else {
        // Nothing but furniture (or nothing at all): keep the whole text as the body so that
        // nothing is lost silently, and list what was recognised.
        let body = lines.first().map_or(Span::new(0, 0), |f| Span::new(f.span.start, lines[lines.len() - 1].span.end));
        for (line, reason) in lines.iter().zip(&reasons) {
            if let Some(r) = reason {
                furniture.push((line.span, r));
            }
        }
        return Layout { title: None, byline: None, published: None, dateline: None, body, furniture };
    };

    let mut body_start = lines[first].span.start;
    let mut body_end = lines[last].span.end;

    // Glued header pieces on the first kept line.
    let first_line = &lines[first];
    if let Some(run) = furniture::leading_interface_run(first_line) {
        furniture.push((run, "search box"));
        body_start = next_word_start(first_line, run.end).unwrap_or(body_start);
    }
    let mut title = known_title.or_else(|| find_title(first_line, text, body_start));
    if known_title.is_none() {
        if let Some(header) = site_header_after_title(first_line, body_start) {
            furniture.push((header, "site header"));
            title = Some(Span::new(body_start, trim_end(text, Span::new(body_start, header.start)).end));
        }
    }
    if first == last && title.is_some_and(|t| t.end >= body_end) {
        // A one-line text is its own title and body.
        title = title.filter(|t| t.len() <= TITLE_MAX_BYTES);
    }

    // A glued footer on the last kept line.
    let last_line = &lines[last];
    if let Some((footer, reason)) = furniture::glued_footer(last_line) {
        if footer.start > body_start {
            furniture.push((footer, reason));
            body_end = trim_end(text, Span::new(body_start, footer.start)).end;
        }
    }

    // Button rows glued to the start of other header lines ("Next Previous <byline>").
    for line in lines.iter().enumerate().skip(first + 1).take(HEADER_LINES).filter(|(i, _)| reasons[*i].is_none()).map(|(_, l)| l) {
        if let Some(run) = furniture::leading_interface_run(line) {
            furniture.push((run, "navigation"));
        }
    }

    // Lines that repeat the title are copies of the headline block.
    let title_folded = title.map(|t| fold_span(text, t)).filter(|f| !f.is_empty());
    for (i, line) in lines.iter().enumerate() {
        if reasons[i].is_none() && i != first && title_folded.as_deref() == Some(line.folded().as_str()) {
            reasons[i] = Some("repeated title");
        }
    }
    for (line, reason) in lines.iter().zip(&reasons) {
        if let Some(r) = reason {
            furniture.push((line.span, r));
        }
    }
    furniture.sort_by_key(|(s, _)| *s);

    let byline = find_byline(&lines, &reasons, first, text);
    let (published, dateline) = find_published(&lines, &furniture, text);
    Layout { title, byline, published, dateline, body: Span::new(body_start, body_end.max(body_start)), furniture }
}

fn fold_span(text: &str, span: Span) -> String {
    let line = Line { span, words: lines::split_words(text, span) };
    line.folded()
}

fn next_word_start(line: &Line, after: usize) -> Option<usize> {
    line.words.iter().find(|w| w.span.start >= after).map(|w| w.span.start)
}

fn trim_end(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    Span::new(span.start, span.start + slice.trim_end().len())
}

/// The headline: the first kept line when it is short; on a flattened page, the words the page
/// prints again further on (headlines are repeated in the page title, the breadcrumb and the
/// article head), or the part before a " - " or " | " site-name separator.
fn find_title(line: &Line, text: &str, start: usize) -> Option<Span> {
    let words: Vec<_> = line.words.iter().filter(|w| w.span.start >= start).collect();
    if words.is_empty() {
        return None;
    }
    let span = Span::new(words[0].span.start, line.span.end);
    if span.len() <= TITLE_MAX_BYTES && !(line.content_word_count() > 25 && line.ends_like_sentence(text)) {
        return Some(span);
    }
    // The longest opening of three or more words that occurs again later in the line.
    let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
    let mut best = None;
    for n in 3..=folded.len().min(30) / 2 {
        let prefix = &folded[..n];
        let repeated = (n..=folded.len() - n).any(|at| &folded[at..at + n] == prefix);
        if repeated {
            best = Some(n);
        } else if best.is_some() {
            break;
        }
    }
    if let Some(n) = best {
        return Some(Span::new(words[0].span.start, words[n - 1].span.end));
    }
    // A site-name separator within the first words.
    let separator = words.iter().take(30).position(|w| matches!(w.folded.as_str(), "|" | "-" | "–" | "—"));
    separator.filter(|&p| p >= 3).map(|p| Span::new(words[0].span.start, words[p - 1].span.end))
}

/// "Headline | Site name - City, Country  Sunday, ... Sign in": a page-title line whose part after
/// " | " is the site's header, not article text. Only taken when that part is short and holds no
/// sentence.
fn site_header_after_title(line: &Line, start: usize) -> Option<Span> {
    let bar = line.words.iter().position(|w| w.folded == "|" && w.span.start > start)?;
    if bar < 3 {
        return None;
    }
    let after = &line.words[bar..];
    let content = after.iter().filter(|w| !w.is_punctuation()).count();
    let sentence_inside = after.iter().any(|w| w.folded == "." || w.folded.ends_with('.'));
    if content > 25 || sentence_inside {
        return None;
    }
    Some(Span::new(line.words[bar].span.start, line.span.end))
}

/// "إعداد - فلان", "بقلم: فلان", "By ...": a short line near the top opened by a byline cue.
fn find_byline(lines: &[Line], reasons: &[Option<&'static str>], first: usize, text: &str) -> Option<Span> {
    let vocabulary = vocabulary();
    lines.iter().enumerate().skip(first + 1).take(HEADER_LINES).filter(|(i, _)| reasons[*i].is_none()).find_map(|(_, line)| {
        let first_word = line.content_words().next()?;
        let cleaned: String = first_word.folded.chars().filter(|c| c.is_alphanumeric()).collect();
        (vocabulary.is_byline_cue(&cleaned) && line.content_word_count() <= 6 && !line.ends_like_sentence(text)).then_some(line.span)
    })
}

/// The publication date printed near the top. Preference: a date cued as a publication date
/// ("نشر", "تاريخ", "published"), then one on a line of its own or followed by a clock time,
/// then any; a date after "اليوم" is the site's display of today's date and is taken last.
fn find_published(lines: &[Line], furniture: &[(Span, &'static str)], text: &str) -> (Option<NaiveDate>, Option<Span>) {
    let vocabulary = vocabulary();
    // The first lines, but no more than HEADER_BYTES: a flattened page's first line is its header.
    let header_lines = &lines[..lines.len().min(HEADER_LINES + 2)];
    let header_end = header_lines.last().map_or(0, |l| l.span.end).min(floor_char_boundary(text, HEADER_BYTES));
    let header = &text[..header_end];
    let mut best: Option<(u8, dates::FoundDate)> = None;
    for found in dates::find_dates(header) {
        // A date in a site header or footer is the day the page was crawled or the copyright year.
        if furniture.iter().any(|(f, _)| f.overlaps(found.span)) {
            continue;
        }
        let own_line = lines.iter().any(|l| {
            l.span.contains(found.span) && l.content_word_count() <= found_words(text, found.span) + 4
        });
        let cued = found.before.iter().any(|w| vocabulary.is_published_cue(w));
        let today = found.before.last().is_some_and(|w| w == "اليوم")
            || found.before.len() >= 2 && found.before[found.before.len() - 2] == "اليوم";
        let rank = if cued {
            4
        } else if today {
            1
        } else if own_line || found.followed_by_time {
            3
        } else {
            2
        };
        if !matches!(best, Some((r, _)) if rank <= r) {
            best = Some((rank, found));
        }
    }
    match best {
        Some((_, found)) => (Some(found.date), Some(found.span)),
        None => (None, None),
    }
}

fn found_words(text: &str, span: Span) -> usize {
    span.slice(text).split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The largest char boundary of `text` at or before `at`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
