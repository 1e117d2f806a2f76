//! Quantities: numbers written in digits or words, with bounds, ranges and what they count.
//!
//! Input is the normalised text and its tokens; output is one [`Quantity`] per number the text
//! states, with the input span of the whole expression (qualifier, figure, percent sign, counted
//! noun). What is *not* a quantity, by design: list labels (`1 –` at a line start), times
//! (`10 : 28`), page numbers (`1 2 3 4 5`), arithmetic (`6 + 9`), numbers naming things
//! (`القرار 2254`), ordinals, years, and the parts of dates passed in `skip`. A number inside a
//! date expression that counts time (`قبل ست سنوات`) is still a quantity: the date is "six years
//! ago", the quantity "six years".
//!
//! Conventions for bounds (the `low`/`high` fields):
//! - أكثر من N، ما يزيد على N → low N+1 (N+0.1 style bumps are not used: figures are counts);
//! - على الأقل، ما لا يقل عن N → low N; أقل من N → high N-1; ما يصل إلى N، حتى N → high N;
//! - بين N و M، من N إلى M، N إلى M، N - M → low N, high M;
//! - نحو، حوالي، قرابة، زهاء، ما يقارب N → value N with `approximate`;
//! - vague words carry a documented range: عشرات 20–90, مئات 200–900, آلاف 2,000–9,000, ملايين
//!   2–9 million, مليارات 2–9 billion, بضعة 3–9; عشرات/مئات الآلاف multiply the range.

use crate::lexicon::{lexicon, NumberWord};
use crate::tokens::{Token, TokenKind};
use crate::words::{
    dual_of, is_counted_noun, is_function_word, is_label_noun, is_time_unit, phrase_at, phrase_before, starts_line,
    strip_tanween_alef, text_at, without_proclitics, word_is,
};
use crate::{Normalized, Span};

/// A number the text states. Exactly one of these holds: `value` is set (an exact figure), or one or
/// both of `low`/`high` are (a bound or a range), or `vague` is set with `low`/`high` documenting the
/// range a vague word stands for (عشرات: 20..=90, مئات: 200..=900, آلاف: 2,000..=9,000).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression in the input, qualifier and counted noun included where present.
    pub span: Span,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub vague: bool,
    pub percent: bool,
    /// The counted noun as written (its matching form), e.g. "قتلي" in "6 قتلى".
    pub unit: Option<String>,
    pub unit_span: Option<Span>,
    /// The figure was hedged (نحو، حوالي، قرابة، زهاء، تقريبا): `value` is an estimate.
    pub approximate: bool,
    /// The input span of the figure itself (digits or number words), without qualifier or noun.
    pub figure_span: Span,
}

/// Finds quantities in tokens of `n`. Numbers inside `skip` (spans of dates) are left out unless
/// they count time (`قبل ست سنوات` gives the quantity 6 years), so that day, month and year
/// numbers of a date are not reported.
pub fn find_quantities(n: &Normalized, tokens: &[Token], skip: &[Span]) -> Vec<Quantity> {
    let excluded = excluded_tokens(n, tokens);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if excluded[i] {
            i += 1;
            continue;
        }
        let after_ordinal = i > 0 && lexicon().ordinal_heads.iter().any(|h| h == text_at(n, tokens, i - 1));
        let figure = if after_ordinal { None } else { parse_figure(n, tokens, i) };
        let Some(figure) = figure else {
            if let Some(q) = dual_quantity(n, tokens, i) {
                out.push(q);
            }
            i += 1;
            continue;
        };
        let in_date = skip.iter().any(|s| s.overlaps(tokens[i].span));
        if in_date && !is_time_unit(strip_tanween_alef(text_at(n, tokens, figure.end))) {
            i = figure.end;
            continue;
        }
        let (quantity, next) = complete(n, tokens, i, figure, &excluded);
        out.push(quantity);
        i = next;
    }
    merge_digit_and_word_repeats(n, tokens, &mut out);
    out
}

/// A figure read from tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Figure {
    end: usize,
    value: f64,
    /// Set for vague amounts (عشرات): the documented range.
    vague: Option<(f64, f64)>,
}

/// Reads the figure starting at token `i`: digits (with a scale word after them) or number words.
fn parse_figure(n: &Normalized, tokens: &[Token], i: usize) -> Option<Figure> {
    let token = tokens.get(i)?;
    match token.kind {
        TokenKind::Number => {
            let raw = token.text(n);
            let followed_by_scale = matches!(
                word_number(text_at(n, tokens, i + 1)),
                Some(NumberWord::Scale(_) | NumberWord::ScalePlural(_))
            );
            let mut value = parse_digits(raw, followed_by_scale)?;
            let mut end = i + 1;
            if let Some(NumberWord::Scale(scale) | NumberWord::ScalePlural(scale)) = word_number(text_at(n, tokens, end)) {
                value *= scale;
                end += 1;
            }
            Some(Figure { end, value, vague: None })
        }
        TokenKind::Word => parse_number_words(n, tokens, i),
        _ => None,
    }
}

/// The number-word reading of a matching form, allowing one or two proclitics (وستة، بعشرات).
fn word_number(word: &str) -> Option<NumberWord> {
    let numbers = &lexicon().numbers;
    without_proclitics(word).find_map(|w| numbers.get(w).copied())
}

/// Like [`word_number`], and says whether a conjunction و was what had to be removed.
fn word_number_after_and(word: &str) -> Option<NumberWord> {
    let rest = word.strip_prefix('و')?;
    lexicon().numbers.get(rest).copied()
}

/// Reads a cardinal written in words: units, teens, tens joined by و, hundreds, scale words, and
/// vague plurals, in the usual Arabic order (ثلاثة آلاف وخمسمائة واثنان وعشرون).
fn parse_number_words(n: &Normalized, tokens: &[Token], i: usize) -> Option<Figure> {
    let first = word_number(text_at(n, tokens, i))?;
    if let NumberWord::Vague(low, high) = first {
        // عشرات الآلاف: a vague count of thousands.
        return Some(match word_number(text_at(n, tokens, i + 1)) {
            Some(NumberWord::ScalePlural(scale)) => {
                Figure { end: i + 2, value: low * scale, vague: Some((low * scale, high * scale)) }
            }
            _ => Figure { end: i + 1, value: low, vague: Some((low, high)) },
        });
    }
    if let NumberWord::ScalePlural(scale) = first {
        return Some(Figure { end: i + 1, value: 2.0 * scale, vague: Some((2.0 * scale, 9.0 * scale)) });
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last: Option<NumberWord> = None;
    let mut k = i;
    while k < tokens.len() && tokens[k].kind == TokenKind::Word {
        let word = text_at(n, tokens, k);
        let (reading, joined) = if k == i {
            (first, false)
        } else if let Some(r) = lexicon().numbers.get(word).copied() {
            (r, false)
        } else if let Some(r) = word_number_after_and(word) {
            (r, true)
        } else {
            break;
        };
        let accepted = match (last, reading, joined) {
            (None, NumberWord::TeenTen, _) => {
                current = 10.0;
                true
            }
            (None, r, _) => {
                match r {
                    NumberWord::Unit(v) | NumberWord::Tens(v) | NumberWord::Hundreds(v) => current = v,
                    NumberWord::Hundred => current = 100.0,
                    NumberWord::Scale(s) => total = s,
                    NumberWord::ScaleDual(s) => total = 2.0 * s,
                    _ => return None,
                }
                true
            }
            // ثلاثة عشر
            (Some(NumberWord::Unit(_)), NumberWord::TeenTen, false) if current < 10.0 => {
                current += 10.0;
                true
            }
            // ثلاث مئة
            (Some(NumberWord::Unit(_)), NumberWord::Hundred, false) if current < 10.0 => {
                current *= 100.0;
                true
            }
            // ثلاثة آلاف، عشرة ملايين، خمسة عشر ألفا
            (Some(NumberWord::Unit(_) | NumberWord::TeenTen | NumberWord::Tens(_) | NumberWord::Hundreds(_)), NumberWord::ScalePlural(s) | NumberWord::Scale(s), false)
            | (Some(NumberWord::Hundred), NumberWord::Scale(s), false) => {
                total += current.max(1.0) * s;
                current = 0.0;
                true
            }
            // ثلاثة وعشرون
            (Some(NumberWord::Unit(_)), NumberWord::Tens(v), true) if current < 10.0 => {
                current += v;
                true
            }
            // مئة وخمسون، ألف وثلاثمائة، ثلاثمائة واثنا عشر
            (Some(NumberWord::Hundred | NumberWord::Hundreds(_)), NumberWord::Unit(v) | NumberWord::Tens(v), true)
                if current % 100.0 == 0.0 =>
            {
                current += v;
                true
            }
            (Some(NumberWord::Scale(_) | NumberWord::ScalePlural(_) | NumberWord::ScaleDual(_)), r, true)
                if current == 0.0 && simple_value(r).is_some() =>
            {
                current = simple_value(r).unwrap_or(0.0);
                true
            }
            _ => false,
        };
        if !accepted {
            break;
        }
        last = Some(reading);
        k += 1;
    }
    // أحد، واحد، إحدى alone mean "one of" or "a single": not counted.
    if k == i + 1 && matches!(first, NumberWord::Unit(v) if v == 1.0) {
        return None;
    }
    let value = total + current;
    (value > 0.0).then_some(Figure { end: k, value, vague: None })
}

/// The value of a word that can follow a scale word after و (ألف وخمسون).
fn simple_value(reading: NumberWord) -> Option<f64> {
    match reading {
        NumberWord::Unit(v) | NumberWord::Tens(v) | NumberWord::Hundreds(v) => Some(v),
        NumberWord::Hundred => Some(100.0),
        _ => None,
    }
}

/// Parses a digit token: thousands separators (5,000 · 10.000 · ٥٬٠٠٠) and decimals (1.5 · ٣٫٥).
/// A single `.` or `,` before exactly three digits is a thousands separator, unless a scale word
/// follows (1.500 مليار is 1.5 billion). Dates and versions (2021.09.13, 13/9/2021) give `None`.
pub(crate) fn parse_digits(raw: &str, followed_by_scale: bool) -> Option<f64> {
    if raw.contains('/') {
        return None;
    }
    let is_sep = |c: char| matches!(c, '.' | ',' | '٫' | '٬');
    let separators: Vec<char> = raw.chars().filter(|&c| is_sep(c)).collect();
    let groups: Vec<&str> = raw.split(is_sep).collect();
    let digits_only = |s: &str| -> Option<f64> { s.parse::<f64>().ok() };
    match separators.as_slice() {
        [] => digits_only(raw),
        ['٫'] | ['.'] | [','] if separators[0] == '٫' || groups[1].len() != 3 || followed_by_scale => {
            digits_only(&format!("{}.{}", groups[0], groups[1]))
        }
        [_] | ['٬', ..] => {
            if groups.iter().skip(1).all(|g| g.len() == 3) && separators.iter().all(|&c| c == separators[0]) {
                digits_only(&groups.concat())
            } else {
                None
            }
        }
        _ => {
            // Mixed separators (1,234.5 or 1.234,5): the last one is the decimal point.
            let last = *separators.last()?;
            if separators[..separators.len() - 1].iter().any(|&c| c == last) {
                if separators.iter().all(|&c| c == last) && groups.iter().skip(1).all(|g| g.len() == 3) {
                    return digits_only(&groups.concat());
                }
                return None;
            }
            let (whole, fraction) = groups.split_at(groups.len() - 1);
            if whole.iter().skip(1).any(|g| g.len() != 3) {
                return None;
            }
            digits_only(&format!("{}.{}", whole.concat(), fraction[0]))
        }
    }
}

/// Adds what surrounds a figure: qualifiers, a range partner, a percent sign, the counted noun.
/// Returns the quantity and the index of the first token after it.
fn complete(n: &Normalized, tokens: &[Token], i: usize, figure: Figure, excluded: &[bool]) -> (Quantity, usize) {
    let figure_span = tokens[i].span.cover(tokens[figure.end - 1].span);
    let mut q = Quantity {
        span: figure_span,
        value: Some(figure.value),
        low: None,
        high: None,
        vague: false,
        percent: false,
        unit: None,
        unit_span: None,
        approximate: false,
        figure_span,
    };
    if let Some((low, high)) = figure.vague {
        q.value = None;
        q.low = Some(low);
        q.high = Some(high);
        q.vague = true;
    }
    let mut first = i;
    let mut end = figure.end;

    // A range: بين N و M، من N إلى M، N إلى M، N - M.
    let range_partner = |at: usize| -> Option<(usize, Figure)> {
        let joiner = text_at(n, tokens, at);
        let (start, ok) = match joiner {
            "الي" | "-" | "–" => (at + 1, true),
            "و" => (at + 1, true),
            w if w.starts_with('و') && tokens.get(at).is_some_and(|t| t.kind == TokenKind::Word) => (at, true),
            _ => (at, false),
        };
        if !ok || excluded.get(start).copied().unwrap_or(true) {
            return None;
        }
        let partner = if start == at {
            // و fused to a number word: وعشرين.
            let word = text_at(n, tokens, at).strip_prefix('و')?;
            let reading = lexicon().numbers.get(word).copied()?;
            match reading {
                NumberWord::Unit(v) | NumberWord::Tens(v) | NumberWord::Hundreds(v) => Figure { end: at + 1, value: v, vague: None },
                _ => return None,
            }
        } else {
            parse_figure(n, tokens, start)?
        };
        (partner.vague.is_none() && partner.value > figure.value).then_some((start, partner))
    };
    let between = i > 0 && word_is(n, tokens, i - 1, &["بين", "وبين"]);
    let joiner = text_at(n, tokens, end);
    let change_before = (i.saturating_sub(5)..i).any(|k| is_change_word(text_at(n, tokens, k)));
    let range_allowed = figure.vague.is_none()
        && if between {
            joiner == "و" || joiner.starts_with('و')
        } else {
            matches!(joiner, "الي" | "-" | "–") && !change_before
        };
    if range_allowed {
        if let Some((_, partner)) = range_partner(end) {
            q.value = None;
            q.low = Some(figure.value);
            q.high = Some(partner.value);
            end = partner.end;
            if between {
                first = i - 1;
            } else if i > 0 && word_is(n, tokens, i - 1, &["من", "ومن"]) {
                first = i - 1;
            }
        }
    }

    // Qualifiers before the figure (an article ال written apart, as in أكثر من الـ 50, is skipped).
    let mut before = first;
    if before > 0 && text_at(n, tokens, before - 1) == "ال" {
        before -= 1;
    }
    if q.low.is_none() && q.high.is_none() {
        if let Some((start, bound)) = qualifier_before(n, tokens, before) {
            first = start;
            apply_bound(&mut q, bound, figure.value);
        }
    }

    // A percent sign or words.
    if matches!(text_at(n, tokens, end), "%" | "٪") {
        q.percent = true;
        end += 1;
    } else if let Some(after) = phrase_at(n, tokens, end, &["في", "الميه"])
        .or_else(|| phrase_at(n, tokens, end, &["في", "المايه"]))
        .or_else(|| phrase_at(n, tokens, end, &["بالميه"]))
        .or_else(|| phrase_at(n, tokens, end, &["بالمايه"]))
    {
        q.percent = true;
        end = after;
    }

    // The counted noun: the next word, or the noun of a partitive من (ثلاثة من عناصر).
    if !q.percent {
        let mut noun_at = end;
        if word_is(n, tokens, end, &["من"]) && tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Word) {
            noun_at = end + 1;
        } else if matches!(text_at(n, tokens, end), "منهم" | "منها" | "منهن") {
            end += 1;
            noun_at = usize::MAX;
        }
        if let Some(noun) = tokens.get(noun_at) {
            let word = noun.text(n);
            if noun.kind == TokenKind::Word && !is_function_word(word) && word_number(word).is_none() {
                q.unit = Some(word.to_string());
                q.unit_span = Some(noun.span);
                end = noun_at + 1;
            }
        }
    }

    // Qualifiers after: على الأقل (a lower bound), تقريبا (an estimate).
    if let Some(after) = phrase_at(n, tokens, end, &["علي", "الاقل"]) {
        if q.low.is_none() && q.high.is_none() {
            apply_bound(&mut q, Bound::AtLeast, figure.value);
        }
        end = after;
    } else if word_is(n, tokens, end, &["تقريبا"]) {
        q.approximate = true;
        end += 1;
    }

    q.span = tokens[first].span.cover(tokens[end - 1].span);
    (q, end)
}

/// What a qualifier does to a figure.
#[derive(Debug, Clone, Copy)]
enum Bound {
    MoreThan,
    AtLeast,
    LessThan,
    UpTo,
    About,
}

fn apply_bound(q: &mut Quantity, bound: Bound, figure: f64) {
    if q.vague {
        if let Bound::About = bound {
            q.approximate = true;
        }
        return;
    }
    let integral = figure.fract() == 0.0;
    match bound {
        Bound::MoreThan => {
            q.value = None;
            q.low = Some(if integral { figure + 1.0 } else { figure });
        }
        Bound::AtLeast => {
            q.value = None;
            q.low = Some(figure);
        }
        Bound::LessThan => {
            q.value = None;
            q.high = Some(if integral { figure - 1.0 } else { figure });
        }
        Bound::UpTo => {
            q.value = None;
            q.high = Some(figure);
        }
        Bound::About => q.approximate = true,
    }
}

/// Qualifier phrases that may stand right before a figure, longest first.
const QUALIFIERS: [(&[&str], Bound); 26] = [
    (&["ما", "لا", "يقل", "عن"], Bound::AtLeast),
    (&["لا", "يقل", "عن"], Bound::AtLeast),
    (&["علي", "الاقل"], Bound::AtLeast),
    (&["ما", "يزيد", "علي"], Bound::MoreThan),
    (&["ما", "يزيد", "عن"], Bound::MoreThan),
    (&["ما", "يربو", "علي"], Bound::MoreThan),
    (&["يزيد", "علي"], Bound::MoreThan),
    (&["يزيد", "عن"], Bound::MoreThan),
    (&["اكثر", "من"], Bound::MoreThan),
    (&["ازيد", "من"], Bound::MoreThan),
    (&["ما", "لا", "يزيد", "عن"], Bound::UpTo),
    (&["لا", "يزيد", "عن"], Bound::UpTo),
    (&["ما", "يصل", "الي"], Bound::UpTo),
    (&["يصل", "الي"], Bound::UpTo),
    (&["تصل", "الي"], Bound::UpTo),
    (&["حتي"], Bound::UpTo),
    (&["اقل", "من"], Bound::LessThan),
    (&["ما", "يقرب", "من"], Bound::About),
    (&["ما", "يقارب"], Bound::About),
    (&["يقارب"], Bound::About),
    (&["نحو"], Bound::About),
    (&["حوالي"], Bound::About),
    (&["قرابه"], Bound::About),
    (&["زهاء"], Bound::About),
    (&["يناهز"], Bound::About),
    (&["ناهز"], Bound::About),
];

fn qualifier_before(n: &Normalized, tokens: &[Token], at: usize) -> Option<(usize, Bound)> {
    let mut best: Option<(usize, Bound)> = None;
    for (phrase, bound) in QUALIFIERS {
        if let Some(start) = phrase_before(n, tokens, at, phrase) {
            if best.is_none_or(|(b, _)| start < b) {
                best = Some((start, bound));
            }
        }
    }
    best
}

/// Words of rising and falling counts: "من 10 إلى 15" after them is a change, not a range.
fn is_change_word(word: &str) -> bool {
    ["رتفع", "نخفض", "تراجع", "زياده", "ارتفاع", "قفز"].iter().any(|stem| word.contains(stem))
}

/// A dual noun read as the number two (يومين، قذيفتين، حالتي وفاة); definite duals (الطرفين) refer
/// back to known things and are not counted.
fn dual_quantity(n: &Normalized, tokens: &[Token], i: usize) -> Option<Quantity> {
    let token = tokens.get(i).filter(|t| t.kind == TokenKind::Word)?;
    let word = token.text(n);
    let form = without_proclitics(word).find(|w| dual_of(w).is_some())?;
    if form.starts_with("ال") {
        return None;
    }
    let singular = dual_of(form)?;
    let construct = form.ends_with("تي") && !singular.ends_with('ي');
    let mut span = token.span;
    if construct {
        // حالتي alone is also "my case": the construct dual needs its noun after it.
        let next = tokens.get(i + 1).filter(|t| t.kind == TokenKind::Word && !is_function_word(t.text(n)))?;
        span = span.cover(next.span);
    }
    Some(Quantity {
        span,
        value: Some(2.0),
        low: None,
        high: None,
        vague: false,
        percent: false,
        unit: Some(form.to_string()),
        unit_span: Some(token.span),
        approximate: false,
        figure_span: token.span,
    })
}

/// "(15) خمسة عشر": the same number in digits and in words is one quantity.
fn merge_digit_and_word_repeats(n: &Normalized, tokens: &[Token], out: &mut Vec<Quantity>) {
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let gap_start = tokens.partition_point(|t| t.span.start < a.figure_span.end);
        let gap_end = tokens.partition_point(|t| t.span.start < b.span.start);
        let only_brackets = (gap_start..gap_end).all(|g| matches!(text_at(n, tokens, g), "(" | ")" | "[" | "]"));
        let gap_has_bracket = (gap_start..gap_end).any(|g| matches!(text_at(n, tokens, g), "(" | ")"));
        if a.value.is_some() && a.value == b.value && a.unit.is_none() && only_brackets && gap_has_bracket {
            let mut merged = b.clone();
            let a_first = tokens.partition_point(|t| t.span.start < a.span.start);
            let opening = a_first.checked_sub(1).filter(|&p| matches!(text_at(n, tokens, p), "(" | "["));
            let start_span = opening.map_or(a.span, |p| tokens[p].span.cover(a.span));
            merged.span = start_span.cover(b.span);
            merged.figure_span = a.figure_span.cover(b.figure_span);
            out[k] = merged;
            out.remove(k + 1);
        }
        k += 1;
    }
}

/// Tokens that are numbers but not quantities: list labels, times, page numbers, arithmetic,
/// labels after a naming noun, years and copyright lines.
fn excluded_tokens(n: &Normalized, tokens: &[Token]) -> Vec<bool> {
    let mut excluded = vec![false; tokens.len()];
    let is_number = |i: usize| tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number);
    for i in 0..tokens.len() {
        if !is_number(i) {
            continue;
        }
        let raw = text_at(n, tokens, i);
        let next = text_at(n, tokens, i + 1);
        let prev = if i > 0 { text_at(n, tokens, i - 1) } else { "" };
        // Dates, versions and addresses written as one token, and zero-padded day or hour numbers.
        if raw.contains('/') || raw.matches('.').count() > 1 || raw.len() > 1 && raw.starts_with('0') && !raw.starts_with("0.") {
            excluded[i] = true;
        }
        // Times: 10 : 28, 11:42.
        if next == ":" && is_number(i + 2) && text_at(n, tokens, i + 2).len() == 2 {
            excluded[i] = true;
            excluded[i + 2] = true;
        }
        // Arithmetic (a captcha line): 6 + 9.
        if ["+", "=", "×", "*", "÷"].contains(&next) || ["+", "=", "×", "*", "÷"].contains(&prev) {
            excluded[i] = true;
        }
        // List labels: "1 –", "2.", "(3)" at the start of a line or right after a full stop.
        let at_line_start = starts_line(n, tokens, i)
            || matches!(prev, "." | "-" | "–" | "(" ) && (i < 2 || starts_line(n, tokens, i - 1) || prev == ".");
        if at_line_start && matches!(next, "." | "-" | "–" | ")" | ":" | "/") {
            excluded[i] = true;
        }
        // A number naming a thing: القرار 2254، رقم 7.
        if is_label_noun(prev) || prev == "(" && i > 1 && is_label_noun(text_at(n, tokens, i - 2)) {
            excluded[i] = true;
        }
        if year_at(n, tokens, i).is_some() || is_copyright_year(n, tokens, i) {
            excluded[i] = true;
        }
    }
    // Page numbers: three or more small numbers in a row.
    let mut run_start = 0;
    for i in 0..=tokens.len() {
        let small = is_number(i) && text_at(n, tokens, i).len() <= 3 && text_at(n, tokens, i).bytes().all(|b| b.is_ascii_digit());
        if !small {
            if i - run_start >= 3 {
                excluded[run_start..i].iter_mut().for_each(|e| *e = true);
            }
            run_start = i + 1;
        }
    }
    excluded
}

/// The year that token `i` writes, when it is a bare four-digit year (1900–2099, or a Hijri year
/// 1300–1499 followed by هـ) and not an amount: not hedged (نحو 2000) and not followed by a noun
/// commonly counted (2000 شخص).
pub(crate) fn year_at(n: &Normalized, tokens: &[Token], i: usize) -> Option<i32> {
    let token = tokens.get(i).filter(|t| t.kind == TokenKind::Number)?;
    let raw = token.text(n);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = raw.parse().ok()?;
    let hijri_mark = matches!(text_at(n, tokens, i + 1), "ه" | "هـ");
    if !((1900..=2099).contains(&year) || hijri_mark && (1300..=1499).contains(&year)) {
        return None;
    }
    let next = text_at(n, tokens, i + 1);
    if is_counted_noun(next) || matches!(word_number(next), Some(NumberWord::Scale(_) | NumberWord::ScalePlural(_))) {
        return None;
    }
    if qualifier_before(n, tokens, i).is_some_and(|(_, b)| !matches!(b, Bound::UpTo)) {
        return None;
    }
    Some(year)
}

/// A year in a copyright line (© 2018، Copyright 2018، 2017 حقوق النشر): page furniture, neither
/// a date nor an amount.
pub(crate) fn is_copyright_year(n: &Normalized, tokens: &[Token], i: usize) -> bool {
    let near = |k: usize| matches!(text_at(n, tokens, k), "©" | "copyright" | "حقوق" | "(c)" | "جميع");
    (i > 0 && near(i - 1)) || (i > 1 && near(i - 2)) || near(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;
    use crate::tokens::tokenize;

    /// Runs the finder with no date spans; returns (text, value, low, high, vague, unit).
    fn found(input: &str) -> Vec<(String, Option<f64>, Option<f64>, Option<f64>, bool)> {
        let n = normalize(input);
        let tokens = tokenize(&n);
        find_quantities(&n, &tokens, &[])
            .into_iter()
            .map(|q| (q.span.slice(input).to_string(), q.value, q.low, q.high, q.vague))
            .collect()
    }

    fn check_values(input: &str, expected: &[(&str, Option<f64>, Option<f64>, Option<f64>)]) {
        let got = found(input);
        let got: Vec<(&str, Option<f64>, Option<f64>, Option<f64>)> =
            got.iter().map(|(t, v, l, h, _)| (t.as_str(), *v, *l, *h)).collect();
        assert_eq!(got, expected, "in {input:?}");
    }

    #[test]
    fn digits_with_separators_and_units() {
        check_values("نزح 5,000 شخص", &[("5,000 شخص", Some(5000.0), None, None)]);
        check_values("وصل ١٠٬٠٠٠ لاجئ", &[("١٠٬٠٠٠ لاجئ", Some(10000.0), None, None)]);
        check_values("بلغ 10.000 زائر", &[("10.000 زائر", Some(10000.0), None, None)]);
        check_values("ارتفع بنسبة ٣٫٥ نقطة", &[("٣٫٥ نقطة", Some(3.5), None, None)]);
        check_values("قيمتها 2.5 مليار دولار", &[("2.5 مليار دولار", Some(2.5e9), None, None)]);
    }

    #[test]
    fn number_words_in_genders_and_compounds() {
        check_values("قتل سبعة جنود", &[("سبعة جنود", Some(7.0), None, None)]);
        check_values("خلال ثلاث سنوات", &[("ثلاث سنوات", Some(3.0), None, None)]);
        check_values("بعد أربعة عشر يوما", &[("أربعة عشر يوما", Some(14.0), None, None)]);
        check_values("وصل ثلاثة وعشرون مسافرا", &[("ثلاثة وعشرون مسافرا", Some(23.0), None, None)]);
        check_values("أرسل مئتي جندي", &[("مئتي جندي", Some(200.0), None, None)]);
        check_values("هدم ثلاثمائة منزل", &[("ثلاثمائة منزل", Some(300.0), None, None)]);
        check_values("جمع ثلاثة آلاف متطوع", &[("ثلاثة آلاف متطوع", Some(3000.0), None, None)]);
        check_values("نحو ألف وخمسمائة طالب", &[("نحو ألف وخمسمائة طالب", Some(1500.0), None, None)]);
        check_values("وصل وأربعة مهندسين", &[("وأربعة مهندسين", Some(4.0), None, None)]);
    }

    #[test]
    fn vague_amounts_have_ranges() {
        let got = found("قتل عشرات المدنيين وفر الآلاف وجمع مئات الآلاف");
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|q| q.4));
        assert_eq!((got[0].2, got[0].3), (Some(20.0), Some(90.0)));
        assert_eq!((got[1].2, got[1].3), (Some(2000.0), Some(9000.0)));
        assert_eq!((got[2].2, got[2].3), (Some(200_000.0), Some(900_000.0)));
    }

    #[test]
    fn qualifiers_give_bounds() {
        check_values("قتل أكثر من 40 مسلحا", &[("أكثر من 40 مسلحا", None, Some(41.0), None)]);
        check_values("أصيب 25 شخصا على الأقل", &[("25 شخصا على الأقل", None, Some(25.0), None)]);
        check_values("ما لا يقل عن 9 قرى", &[("ما لا يقل عن 9 قرى", None, Some(9.0), None)]);
        check_values("أقل من 100 عنصر", &[("أقل من 100 عنصر", None, None, Some(99.0))]);
        check_values("أحبط ما يصل إلى 80% منها", &[("ما يصل إلى 80%", None, None, Some(80.0))]);
        let n = normalize("حضر نحو 300 ضيف");
        let q = &find_quantities(&n, &tokenize(&n), &[])[0];
        assert!(q.approximate);
        assert_eq!(q.value, Some(300.0));
    }

    #[test]
    fn ranges() {
        check_values("ما بين 200 و300 مقاتل", &[("بين 200 و300 مقاتل", None, Some(200.0), Some(300.0))]);
        check_values("يضم 40 إلى 60 عنصرا", &[("40 إلى 60 عنصرا", None, Some(40.0), Some(60.0))]);
        check_values("من 3 إلى 5 أيام", &[("من 3 إلى 5 أيام", None, Some(3.0), Some(5.0))]);
        check_values(
            "ارتفع العدد من 10 إلى 14 قتيلا",
            &[("10", Some(10.0), None, None), ("14 قتيلا", Some(14.0), None, None)],
        );
    }

    #[test]
    fn percentages() {
        let n = normalize("بلغت النسبة 45 في المئة وارتفعت 12٪");
        let got = find_quantities(&n, &tokenize(&n), &[]);
        let texts: Vec<&str> = got.iter().map(|q| q.span.slice("بلغت النسبة 45 في المئة وارتفعت 12٪")).collect();
        assert_eq!(texts, vec!["45 في المئة", "12٪"]);
        assert!(got.iter().all(|q| q.percent));
        assert_eq!(got[1].value, Some(12.0));
    }

    #[test]
    fn duals_count_two() {
        check_values("استمر القصف يومين متتاليين", &[("يومين", Some(2.0), None, None)]);
        check_values("سقطت بقذيفتين على الحي", &[("بقذيفتين", Some(2.0), None, None)]);
        check_values("سجلت حالتي وفاة", &[("حالتي وفاة", Some(2.0), None, None)]);
        check_values("اتفق الطرفين", &[]);
    }

    #[test]
    fn digits_repeated_in_words_are_one_number() {
        check_values("مقتل (12) اثنا عشر شخصا", &[("(12) اثنا عشر شخصا", Some(12.0), None, None)]);
    }

    #[test]
    fn things_that_are_not_quantities() {
        check_values("1 – الأول\n2 – الثاني", &[]);
        check_values("1. سعيد\n2. كريم", &[]);
        check_values("نشر 10 : 28 صباحا", &[]);
        check_values("أدخل حاصل جمع 3 + 5", &[]);
        check_values("صفحات 1 2 3 4 5", &[]);
        check_values("تبنى القرار 2254", &[]);
        check_values("وقع في عام 2014 وفي 1999", &[]);
        check_values("Copyright 2018", &[]);
        check_values("رمز dGVzdDQ2OTk3Mg", &[]);
        check_values("القائد الثاني في الجماعة", &[]);
        check_values("أحد المسلحين وشخص واحد", &[]);
    }

    #[test]
    fn counted_years_are_amounts() {
        check_values("أرسلت 2000 جندي", &[("2000 جندي", Some(2000.0), None, None)]);
    }

    #[test]
    fn date_parts_are_skipped_but_durations_kept() {
        let input = "في 15 مايو قبل ست سنوات";
        let n = normalize(input);
        let tokens = tokenize(&n);
        let skip = [Span::new(input.find("15").unwrap(), input.find(" قبل").unwrap()), Span::new(input.find("قبل").unwrap(), input.len())];
        let got: Vec<String> = find_quantities(&n, &tokens, &skip).iter().map(|q| q.span.slice(input).to_string()).collect();
        assert_eq!(got, vec!["ست سنوات"]);
    }

    #[test]
    fn parse_digits_cases() {
        assert_eq!(parse_digits("5,000", false), Some(5000.0));
        assert_eq!(parse_digits("1,234,567", false), Some(1234567.0));
        assert_eq!(parse_digits("1,234.5", false), Some(1234.5));
        assert_eq!(parse_digits("1.234,5", false), Some(1234.5));
        assert_eq!(parse_digits("1,5", false), Some(1.5));
        assert_eq!(parse_digits("1.500", true), Some(1.5));
        assert_eq!(parse_digits("2021.09.13", false), None);
        assert_eq!(parse_digits("13/9/2021", false), None);
    }
}
