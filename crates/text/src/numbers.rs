//! Quantities: numbers written in digits or words, with bounds, ranges and what they count.

use crate::tokens::{Token, TokenKind};
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
}

/// Finds quantities in tokens of `n`, skipping any that overlap `skip` (spans of dates, so that the
/// parts of a date are not reported as numbers).
pub fn find_quantities(n: &Normalized, tokens: &[Token], skip: &[Span]) -> Vec<Quantity> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Number || skip.iter().any(|s| s.overlaps(t.span)) {
            continue;
        }
        let digits: String = t.text(n).chars().filter(|c| c.is_ascii_digit()).collect();
        let Ok(value) = digits.parse::<f64>() else { continue };
        let unit = tokens.get(i + 1).filter(|u| u.kind == TokenKind::Word);
        out.push(Quantity {
            span: unit.map_or(t.span, |u| t.span.cover(u.span)),
            value: Some(value),
            low: None,
            high: None,
            vague: false,
            percent: false,
            unit: unit.map(|u| u.text(n).to_string()),
            unit_span: unit.map(|u| u.span),
        });
    }
    out
}
