//! Sentence spans over an input text.
//!
//! Arabic news marks sentence ends with `. ! ? ؟ … ؛` and line breaks (not one inside a word broken
//! across lines, see [`crate::rejoin`]). A full stop does not end a
//! sentence inside a number (10.000, 2021.09.13), after a one-letter abbreviation (د. for doctor,
//! أ. for professor, the U.S. initials) or a Latin title (Dr. Mr.), and a run of dots (.. ...) is one
//! end. Terminators inside «» or “” quotations do not end the sentence that holds the quotation; a
//! closing quotation mark right after a terminator belongs to the sentence it closes.

use crate::rejoin::is_joined_break;
use crate::Span;

/// Latin abbreviations that end in a full stop without ending a sentence (lower case).
const LATIN_ABBREVIATIONS: [&str; 9] = ["dr", "mr", "mrs", "ms", "st", "no", "vs", "prof", "gen"];

/// Splits `text` into sentence spans (trimmed of surrounding whitespace).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote_depth: i32 = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        match c {
            '«' | '“' => quote_depth += 1,
            '»' | '”' => quote_depth = (quote_depth - 1).max(0),
            _ => {}
        }
        let end_here = match c {
            '\n' => !is_joined_break(text, i),
            '!' | '?' | '؟' | '…' | '؛' => quote_depth == 0,
            '.' => quote_depth == 0 && !full_stop_is_inside_word(&chars, k),
            _ => false,
        };
        if !end_here {
            k += 1;
            continue;
        }
        if c == '\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
            quote_depth = 0;
            k += 1;
            continue;
        }
        // Take the whole run of terminators, and closing quotation marks right after them.
        let mut last = k;
        while chars.get(last + 1).is_some_and(|&(_, d)| matches!(d, '.' | '!' | '?' | '؟' | '…' | '"' | '»' | '”' | ')')) {
            last += 1;
        }
        let end = chars[last].0 + chars[last].1.len_utf8();
        push_trimmed(text, start, end, &mut out);
        start = end;
        k = last + 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Whether the full stop at `chars[k]` is part of a number or an abbreviation.
fn full_stop_is_inside_word(chars: &[(usize, char)], k: usize) -> bool {
    let prev = k.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(k + 1).map(|&(_, c)| c);
    if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c)) {
        return true;
    }
    if prev.is_some_and(|c| ('٠'..='٩').contains(&c)) && next.is_some_and(|c| ('٠'..='٩').contains(&c)) {
        return true;
    }
    // The word before the stop.
    let mut w = k;
    while w > 0 && chars[w - 1].1.is_alphabetic() {
        w -= 1;
    }
    let word: String = chars[w..k].iter().map(|&(_, c)| c).collect();
    let one_letter = word.chars().count() == 1;
    let before_word = w.checked_sub(1).map(|p| chars[p].1);
    let word_starts = before_word.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | '(' | '«' | '"'));
    (one_letter && word_starts) || LATIN_ABBREVIATIONS.contains(&word.to_lowercase().as_str()) && word_starts
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

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, expected, "splitting {text:?}");
    }

    #[test]
    fn splits_on_terminators_not_numbers() {
        check(
            "قال إن 10.000 شخص نزحوا. وأضاف: هل من مجيب؟\nسطر جديد",
            &["قال إن 10.000 شخص نزحوا.", "وأضاف: هل من مجيب؟", "سطر جديد"],
        );
        check("نشر في 2021.09.13 خبرا. ثم", &["نشر في 2021.09.13 خبرا.", "ثم"]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        check("قال د. سامر الحلبي إن الوضع سيئ. وتابع", &["قال د. سامر الحلبي إن الوضع سيئ.", "وتابع"]);
        check("the U.S. army left. Then", &["the U.S. army left.", "Then"]);
        check("met Dr. Smith today. Fine", &["met Dr. Smith today.", "Fine"]);
    }

    #[test]
    fn quotations_and_dot_runs() {
        check("قال: «لن نتراجع. سنقاوم» ثم غادر. انتهى", &["قال: «لن نتراجع. سنقاوم» ثم غادر.", "انتهى"]);
        check("وقال \"انتهى الأمر.\" ثم صمت", &["وقال \"انتهى الأمر.\"", "ثم صمت"]);
        check("تتفاوض النقابة مع الوزارة.. والوزارة تماطل", &["تتفاوض النقابة مع الوزارة..", "والوزارة تماطل"]);
    }
}
