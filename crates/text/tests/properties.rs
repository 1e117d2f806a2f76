//! Property tests: for any input, nothing panics and every span the crate hands out is a real piece
//! of that input, on character boundaries, that normalises back to what the crate says it holds.

use isnad_text::dates::find_dates;
use isnad_text::normalize::normalize_str;
use isnad_text::numbers::find_quantities;
use isnad_text::sentences::sentences;
use isnad_text::tokens::tokenize;
use isnad_text::{normalize, Span};
use proptest::prelude::*;

/// Pieces of Arabic news text that exercise the number, date and clitic rules when shuffled.
const PIECES: [&str; 43] = [
    "قال", "والحكومة", "بالمدينة", "للجيش", "أكثر من", "على الأقل", "نحو", "بين", "و", "إلى", "ما يصل إلى", "15",
    "5,000", "10.000", "٣٫٥", "١٢", "2021.09.13", "13/9/2021", "/", "-", ":", "(", ")", "%", "٪", "ثلاثة", "عشر",
    "وعشرون", "آلاف", "مئات", "يومين", "قبل", "سنوات", "يوليو", "تموز", "الشهر الماضي", "يوم الخميس", "الموافق",
    "هـ", "ﻻ", "المفاو-\nضات", "وصل ال\nوفد", "الخارج\nية",
];

fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(PIECES.to_vec()).prop_map(str::to_string),
        "[\\PC]{0,3}",
        Just("\n".to_string()),
        Just("َ".to_string()),
        Just("\u{200F}".to_string()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![article_like(), "\\PC{0,80}", any::<String>()]
}

/// Whether `span` is a non-inverted range of `text` on character boundaries.
fn well_formed(text: &str, span: Span) -> bool {
    span.start <= span.end && span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
}

/// Presentation forms and ligatures may expand to several words, so one token may hold only part
/// of what its input character normalises to.
fn has_ligature(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn tokens_map_back_to_their_input(text in any_text()) {
        let n = normalize(&text);
        let mut previous_end = 0;
        for token in tokenize(&n) {
            prop_assert!(well_formed(&text, token.span));
            let source = token.span.slice(&text);
            // The words of one ligature (ﷺ) share its span; other tokens never overlap.
            prop_assert!(token.span.start >= previous_end || has_ligature(source), "tokens overlap or go backwards");
            previous_end = token.span.end;
            let normalised = normalize_str(source);
            if has_ligature(source) {
                prop_assert!(normalised.contains(token.text(&n)));
            } else {
                prop_assert_eq!(normalised, token.text(&n));
            }
            prop_assert!(token.proclitic_len <= token.norm.len());
            prop_assert!(well_formed(&text, token.base_span(&n)));
            prop_assert!(well_formed(&text, token.proclitic_span(&n)));
        }
    }

    #[test]
    fn sentences_lie_in_the_text(text in any_text()) {
        let mut previous_end = 0;
        for span in sentences(&text) {
            prop_assert!(well_formed(&text, span));
            prop_assert!(span.start >= previous_end);
            prop_assert!(!span.is_empty());
            previous_end = span.end;
        }
    }

    #[test]
    fn quantities_and_dates_lie_in_the_text(text in any_text(), day in 0u32..3000) {
        let n = normalize(&text);
        let tokens = tokenize(&n);
        let published = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).map(|d| d + chrono::Duration::days(day as i64 * 3));
        for with_date in [None, published] {
            let dates = find_dates(&n, &tokens, with_date);
            for date in &dates {
                prop_assert!(well_formed(&text, date.span));
                prop_assert!(!date.span.is_empty());
            }
            let skip: Vec<Span> = dates.iter().map(|d| d.span).collect();
            for quantity in find_quantities(&n, &tokens, &skip) {
                prop_assert!(well_formed(&text, quantity.span));
                prop_assert!(quantity.span.contains(quantity.figure_span));
                let stated = quantity.value.is_some() || quantity.low.is_some() || quantity.high.is_some();
                prop_assert!(stated);
            }
        }
    }
}
