//! Any string through the text core: normalise, tokenise, sentences, dates, quantities.
//! Checks the invariants that every later stage relies on.
#![no_main]

use isnad_text::{dates::find_dates, normalize, numbers::find_quantities, sentences::sentences, tokens::tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let n = normalize(input);
    let tokens = tokenize(&n);
    for t in &tokens {
        assert!(input.is_char_boundary(t.span.start) && input.is_char_boundary(t.span.end));
        assert!(t.span.start <= t.span.end && t.span.end <= input.len());
    }
    for s in sentences(input) {
        assert!(s.end <= input.len() && input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
    }
    let dates = find_dates(&n, &tokens, chrono::NaiveDate::from_ymd_opt(2021, 9, 13));
    let skip: Vec<_> = dates.iter().map(|d| d.span).collect();
    for q in find_quantities(&n, &tokens, &skip) {
        assert!(q.span.end <= input.len() && input.is_char_boundary(q.span.start));
    }
});
