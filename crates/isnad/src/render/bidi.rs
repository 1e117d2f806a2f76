//! Right-to-left text inside the English lines of the terminal report.
//!
//! A terminal lays a line out with the Unicode bidirectional algorithm. Without help it gets mixed
//! lines wrong in two ways: an Arabic name beside an English label or a number borrows their
//! direction (a name followed by "(3 articles)" swaps places with it, the parenthesis flips), and a
//! European number or a Latin word inside an Arabic statement drags its neighbours along ("170-180"
//! becomes "180-170"). Directional isolates fix both without changing a character of the text:
//! each Arabic value is wrapped in RLI … PDI, so it is laid out right to left as one block that
//! neither affects nor is affected by the English around it, and inside it each run of digits is
//! wrapped in LRI … PDI and each Latin run in FSI … PDI, so they keep their own order.
//!
//! Only for a terminal: isolates are invisible control characters that would corrupt JSON, Markdown
//! tables or text that is copied into other tools, so `--json` and `--md` never get them.

/// Right-to-left isolate: what follows, up to the matching PDI, is laid out right to left.
pub const RLI: char = '\u{2067}';
/// Left-to-right isolate.
pub const LRI: char = '\u{2066}';
/// First-strong isolate: the direction of what follows is that of its first strong letter.
pub const FSI: char = '\u{2068}';
/// Pop directional isolate: closes the last RLI, LRI or FSI.
pub const PDI: char = '\u{2069}';

/// A letter written right to left (Arabic, Syriac, Thaana, N'Ko, Hebrew and their presentation forms).
pub fn is_rtl_letter(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{05FF}'
        | '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D5}'
        | '\u{06E5}'..='\u{06E6}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
        && !is_digit(c)
        && !is_mark(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Harakat and other combining marks: they belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

/// Characters that join two digits into one figure: 170-180, 2021/09/13, 1,500, 3.5, 10:30.
fn joins_digits(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '-' | '–' | '٫' | '٬')
}

/// Characters that join two Latin words into one run: a space, a hyphen, an apostrophe, a dot, an
/// ampersand ("Reuters News", "Al-Jazeera", "U.N.", "AT&T").
fn joins_latin(c: char) -> bool {
    matches!(c, ' ' | '-' | '\'' | '.' | '&' | '_')
}

/// Wraps `text` for display inside a left-to-right line when it holds right-to-left letters (see
/// the module doc); text without any is returned unchanged.
pub fn isolate(text: &str) -> String {
    if !text.chars().any(is_rtl_letter) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    out.push(RLI);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_digit(c) {
            let end = run_end(&chars, i, is_digit, joins_digits);
            push_isolated(&mut out, LRI, &chars[i..end]);
            i = end;
        } else if is_latin_letter(c) {
            let end = run_end(&chars, i, |c| is_latin_letter(c) || c.is_ascii_digit(), joins_latin);
            push_isolated(&mut out, FSI, &chars[i..end]);
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out.push(PDI);
    out
}

/// Where a run that starts at `start` ends: it takes members, and a joiner only when a member
/// follows it directly.
fn run_end(chars: &[char], start: usize, member: impl Fn(char) -> bool, joiner: impl Fn(char) -> bool) -> usize {
    let mut end = start;
    while end < chars.len() {
        if member(chars[end]) {
            end += 1;
        } else if joiner(chars[end]) && chars.get(end + 1).is_some_and(|&next| member(next)) {
            end += 2;
        } else {
            break;
        }
    }
    end
}

fn push_isolated(out: &mut String, opener: char, run: &[char]) {
    out.push(opener);
    out.extend(run);
    out.push(PDI);
}

/// At most `max` characters of `text`, cut on a character boundary and never between a letter and
/// its combining marks, with an ellipsis when cut. Whitespace runs become one space.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: Vec<char> = text.chars().take(max.saturating_sub(1)).collect();
    // A mark without its letter would render on the ellipsis or alone: drop the letter too.
    while cut.last().is_some_and(|&c| is_mark(c)) {
        cut.pop();
    }
    let letter_loses_its_marks = text.chars().nth(cut.len()).is_some_and(is_mark);
    if letter_loses_its_marks {
        cut.pop();
    }
    let mut out: String = cut.into_iter().collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shows the isolates as visible brackets, so expectations read left to right.
    fn check(input: &str, expected: &str) {
        let shown: String = isolate(input)
            .chars()
            .map(|c| match c {
                RLI => '⟦',
                LRI => '⟨',
                FSI => '⟪',
                PDI => '⟧',
                c => c,
            })
            .collect();
        assert_eq!(shown, expected, "input: {input}");
    }

    #[test]
    fn arabic_is_isolated_and_latin_text_is_left_alone() {
        check("سالم القرشاني", "⟦سالم القرشاني⟧");
        check("3 articles, 2 independent sources", "3 articles, 2 independent sources");
        check("", "");
    }

    #[test]
    fn figures_inside_arabic_keep_their_order() {
        check("قتل 170-180 شخصا", "⟦قتل ⟨170-180⟧ شخصا⟧");
        check("في 2021/09/13 صباحا", "⟦في ⟨2021/09/13⟧ صباحا⟧");
        check("نحو ١٥٠٠ مدني", "⟦نحو ⟨١٥٠٠⟧ مدني⟧");
        // A trailing dot or comma is punctuation of the sentence, not part of the figure.
        check("بلغ العدد 12.", "⟦بلغ العدد ⟨12⟧.⟧");
        check("بين 3، و4", "⟦بين ⟨3⟧، و⟨4⟧⟧");
    }

    #[test]
    fn latin_runs_inside_arabic_are_isolated_whole() {
        check("قالت وكالة Nordan Press إن", "⟦قالت وكالة ⟪Nordan Press⟧ إن⟧");
        check("موقع Al-Wadi.net الإخباري", "⟦موقع ⟪Al-Wadi.net⟧ الإخباري⟧");
        check("نقلا عن BBC2", "⟦نقلا عن ⟪BBC2⟧⟧");
    }

    #[test]
    fn harakat_stay_with_their_letters() {
        check("مَدينة 5", "⟦مَدينة ⟨5⟧⟧");
        assert!(is_rtl_letter('ب') && !is_rtl_letter('\u{064E}') && !is_rtl_letter('٣') && !is_rtl_letter('a'));
    }

    #[test]
    fn truncation_cuts_on_characters_and_keeps_marks_with_letters() {
        assert_eq!(truncate("قال   الوزير\nإن", 40), "قال الوزير إن");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcdef", 0), "…");
        // "مَدينة": the cut would fall after م, before its fatha: م goes too.
        assert_eq!(truncate("مَدينة كبيرة", 2), "…");
        assert_eq!(truncate("مَدينة كبيرة", 4), "مَد…");
        for max in 0..20 {
            let cut = truncate("مُحَمَّد بنُ سالمٍ 170-180", max);
            assert!(cut.chars().count() <= max.max(1), "{max}: {cut}");
            assert!(!cut.chars().next().is_some_and(is_mark), "{max}: {cut}");
        }
    }
}
