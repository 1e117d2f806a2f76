//! Sentence spans over an input text.

use crate::Span;

/// Splits `text` into sentence spans (trimmed of surrounding whitespace).
///
/// A sentence ends at `. ! ? ؟ … ؛` or at a line break; a full stop between digits (10.000,
/// 2021.09.13) does not end one, nor does a terminator inside quotation marks.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote_depth: i32 = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '«' | '“' => quote_depth += 1,
            '»' | '”' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        let end_here = match c {
            '\n' => true,
            '!' | '?' | '؟' | '…' | '؛' => quote_depth == 0,
            '.' => {
                let prev_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
                let next_digit = chars.get(k + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
                quote_depth == 0 && !(prev_digit && next_digit)
            }
            _ => false,
        };
        if end_here {
            let end = if c == '\n' { i } else { i + c.len_utf8() };
            push_trimmed(text, start, end, &mut out);
            start = i + c.len_utf8();
            if c == '\n' {
                quote_depth = 0;
            }
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = end - (piece.len() - piece.trim_end().len());
    if trimmed_start < trimmed_end {
        out.push(Span::new(trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_terminators_not_numbers() {
        let text = "قال إن 10.000 شخص نزحوا. وأضاف: هل من مجيب؟\nسطر جديد";
        let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, vec!["قال إن 10.000 شخص نزحوا.", "وأضاف: هل من مجيب؟", "سطر جديد"]);
    }
}
