//! Deciding whether a line, or the end or start of one, is page furniture, and why.
//!
//! Two kinds of rule. Line rules judge one whole line by its shape and vocabulary and apply
//! anywhere on the page, so they are strict: short lines only, made of UI words, arithmetic,
//! encoded junk or caption labels. Edge rules apply only at the head or the tail of a page, where
//! sites put menus, footers and related-article boxes, and may take longer runs of text there.
//! Precision comes first: a sentence of the article that is cut can never be extracted again.

use super::lines::{Line, Word};
use super::vocabulary::{count_phrases, starts_with_phrase, vocabulary, WidgetKind};
use isnad_text::Span;

/// Longest line (in words) that a widget, caption or captcha line may have.
const SHORT_LINE_WORDS: usize = 8;

/// Why a whole line is furniture wherever it stands, if it is.
pub fn line_reason(line: &Line, text: &str) -> Option<&'static str> {
    if let Some(kind) = widget_line(line) {
        return Some(kind.reason());
    }
    if is_captcha(line) {
        return Some("captcha");
    }
    if is_junk_line(line, text) {
        return Some("junk token");
    }
    if is_caption(line, text) {
        return Some("caption");
    }
    if is_copyright(line) {
        return Some("copyright");
    }
    let folded = line.folded_head(LABEL_WORDS);
    let words = line.content_word_count();
    if words <= 30 && starts_with_phrase(&folded, &vocabulary().related_labels) {
        return Some("related links");
    }
    if words <= 4 && starts_with_phrase(&folded, &vocabulary().tag_labels) {
        return Some("tag list");
    }
    None
}

/// Labels ("related articles", "tags") are a few words long: folding more of a line is wasted.
const LABEL_WORDS: usize = 8;

/// Why a line at the head or the tail of the page is furniture, where the stricter line rules
/// have not already said so: menus flattened onto one line, pagers, label-led boxes of any length.
pub fn edge_reason(line: &Line, text: &str) -> Option<&'static str> {
    let folded = line.folded_head(LABEL_WORDS);
    let vocabulary = vocabulary();
    if starts_with_phrase(&folded, &vocabulary.related_labels) {
        return Some("related links");
    }
    if starts_with_phrase(&folded, &vocabulary.tag_labels) {
        return Some("tag list");
    }
    // Menus do not end in a full stop; a line that does is prose that happens to name sections.
    let prose = line.ends_like_sentence(text);
    if !prose && count_phrases(&folded, &vocabulary.navigation_phrases) >= 2 {
        return Some("navigation");
    }
    if !prose && relative_timestamps(line) >= 3 {
        return Some("navigation");
    }
    // Pagers and separator rows: many lone digits and dashes. Lone letters do not count: crawlers
    // split Arabic words at diacritics ("ق تل"), which is still prose.
    let share = line.non_letter_single_share();
    if line.words.len() >= 8 && (share >= 0.3 && has_counting_run(line) || share >= 0.45) {
        return Some("navigation");
    }
    None
}

/// "قبل 3 ساعات", "منذ ساعتين": how many relative times a line lists, as most-read boxes do.
fn relative_timestamps(line: &Line) -> usize {
    const UNITS: &[&str] = &["دقيقه", "دقائق", "دقيقتين", "ساعه", "ساعات", "ساعتين", "يوم", "ايام", "يومين"];
    let words: Vec<&str> = line.content_words().map(|w| w.folded.as_str()).collect();
    let mut count = 0;
    for (i, w) in words.iter().enumerate() {
        if *w != "قبل" && *w != "منذ" {
            continue;
        }
        let unit_at = if words.get(i + 1).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) { i + 2 } else { i + 1 };
        if words.get(unit_at).is_some_and(|u| UNITS.contains(u)) {
            count += 1;
        }
    }
    count
}

/// A line made only of the buttons of one or more widgets.
fn widget_line(line: &Line) -> Option<WidgetKind> {
    let vocabulary = vocabulary();
    let mut kinds = Vec::new();
    let mut words = 0;
    for word in line.content_words() {
        words += 1;
        // Counters next to buttons ("تعليقات 3") are part of the widget.
        if word.is_number() {
            continue;
        }
        let cleaned: String = word.folded.chars().filter(|c| c.is_alphanumeric() || *c == '+' || *c == '-').collect();
        kinds.push(vocabulary.widget_kind(&cleaned)?);
    }
    if words == 0 || words > SHORT_LINE_WORDS || kinds.is_empty() {
        return None;
    }
    [WidgetKind::Share, WidgetKind::Comment, WidgetKind::Navigation].into_iter().find(|k| kinds.contains(k))
}

/// "اكتب ناتج 6 + 9": arithmetic on a short line with a word asking for its result.
fn is_captcha(line: &Line) -> bool {
    if line.content_word_count() > 12 {
        return false;
    }
    let vocabulary = vocabulary();
    let asks = line.words.iter().any(|w| {
        let cleaned: String = w.folded.chars().filter(|c| c.is_alphanumeric()).collect();
        vocabulary.is_captcha_word(&cleaned)
    });
    let folded: String = line.words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
    let sum = has_arithmetic(&folded);
    (asks && sum) || (sum && line.content_word_count() <= 3 && folded.contains('='))
}

/// "6 + 9", "6+9", "12 × 3": two numbers around an operator.
fn has_arithmetic(folded: &str) -> bool {
    let compact: Vec<char> = folded.chars().filter(|c| !c.is_whitespace()).collect();
    compact.windows(3).any(|w| w[0].is_ascii_digit() && matches!(w[1], '+' | '×' | '*' | '÷') && w[2].is_ascii_digit())
}

/// A word that is machine junk: base64 or hex blobs, tracking ids.
pub fn is_junk_word(word: &Word) -> bool {
    let w = word.folded.as_str();
    if w.len() < 16 || word.has_arabic() {
        return false;
    }
    let base64_alphabet = w.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='));
    let hex = w.len() >= 24 && w.chars().all(|c| c.is_ascii_hexdigit());
    // The matching form lower-cases Latin, so mixed case is judged on the original bytes' shape:
    // base64 blobs mix letters and digits and often end in '='.
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_alphabetic).count();
    let base64 = base64_alphabet && digits > 0 && letters > 0 && (w.ends_with('=') || digits * 8 >= w.len());
    hex || base64
}

/// A short line that holds a junk word: the blob and the signature or label beside it.
fn is_junk_line(line: &Line, text: &str) -> bool {
    let junk = line.words.iter().filter(|w| is_junk_word(w)).count();
    junk > 0 && line.content_word_count() - junk <= 6 && !line.ends_like_sentence(text)
}

/// "صورة أرشيفية", "الصورة: ...", "تصوير: ...": a short line labelled as a picture's caption.
fn is_caption(line: &Line, text: &str) -> bool {
    let words: Vec<&Word> = line.content_words().collect();
    if words.is_empty() || words.len() > SHORT_LINE_WORDS || line.ends_like_sentence(text) && words.len() > 3 {
        return false;
    }
    let vocabulary = vocabulary();
    let clean = |w: &Word| w.folded.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    if !vocabulary.is_caption_opener(&clean(words[0])) {
        return false;
    }
    words.len() <= 2
        || words[1..].iter().any(|w| vocabulary.is_caption_marker(&clean(w)))
        || line.text(text).contains(':')
}

/// A line that is a copyright notice or a site credit: the notice opens the line (after a year or
/// a ©). A notice glued to the end of an article line is cut by [`glued_footer`] instead.
fn is_copyright(line: &Line) -> bool {
    if line.content_word_count() > 40 {
        return false;
    }
    let opening: Vec<String> = line
        .words
        .iter()
        .skip_while(|w| w.is_number() || w.is_punctuation() || w.folded.contains('©'))
        .take(4)
        .map(|w| w.folded.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect();
    line.words.first().is_some_and(|w| w.folded.contains('©'))
        || starts_with_phrase(&opening.join(" "), &vocabulary().copyright_phrases)
}

/// "1 2 3 4 5": three or more consecutive small numbers, as pagers and rating widgets print.
fn has_counting_run(line: &Line) -> bool {
    let mut run = 0;
    let mut previous: Option<u32> = None;
    for word in &line.words {
        let value = if word.is_number() { word.folded.parse::<u32>().ok() } else { None };
        match (previous, value) {
            (Some(p), Some(v)) if v == p + 1 => run += 1,
            (_, Some(_)) => run = 1,
            _ => run = 0,
        }
        if run >= 3 {
            return true;
        }
        previous = value;
    }
    false
}

/// Where, in the last line of an article, a footer begins that the crawler glued onto it: the
/// first comment-form or copyright phrase in the line's final stretch. Returns the span from there
/// to the end of the line and the reason.
pub fn glued_footer(line: &Line) -> Option<(Span, &'static str)> {
    const TAIL_BYTES: usize = 1500;
    let vocabulary = vocabulary();
    let limit = line.span.end.saturating_sub(TAIL_BYTES);
    for (i, word) in line.words.iter().enumerate() {
        if word.span.start < limit || word.is_punctuation() {
            continue;
        }
        let rest: Vec<&Word> = line.words[i..].iter().filter(|w| !w.is_punctuation()).take(4).collect();
        let phrase: String = rest
            .iter()
            .map(|w| w.folded.chars().filter(|c| c.is_alphanumeric() || *c == '©').collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let reason = if starts_with_phrase(&phrase, &vocabulary.comment_phrases) {
            "comment widget"
        } else if starts_with_phrase(&phrase, &vocabulary.copyright_phrases) || phrase.starts_with('©') {
            "copyright"
        } else {
            continue;
        };
        if i == 0 {
            return None;
        }
        // A year or a dash printed just before "© ..." belongs to the notice.
        let mut start = i;
        let belongs = |w: &Word| w.is_number() || matches!(w.folded.as_str(), "©" | "-" | "–" | "|");
        while start > 0 && belongs(&line.words[start - 1]) && i - start < 2 {
            start -= 1;
        }
        return Some((Span::new(line.words[start].span.start, line.span.end), reason));
    }
    None
}

/// A run of Latin interface words at the start of a line ("Search this site :", "Next Previous"):
/// the span it covers, up to the first Arabic word.
pub fn leading_interface_run(line: &Line) -> Option<Span> {
    let vocabulary = vocabulary();
    let mut end = None;
    let mut interface_words = 0;
    for word in &line.words {
        if word.has_arabic() {
            break;
        }
        if word.is_punctuation() {
            end = Some(word.span.end);
            continue;
        }
        let cleaned: String = word.folded.chars().filter(|c| c.is_alphanumeric()).collect();
        if word.is_latin() && vocabulary.widget_kind(&cleaned).is_some() {
            interface_words += 1;
            end = Some(word.span.end);
        } else {
            return None;
        }
    }
    let end = end?;
    (interface_words > 0 && end < line.span.end).then(|| Span::new(line.span.start, end))
}

/// A trailing run of Latin interface words at the end of a line ("Sign in Welcome !").
pub fn trailing_interface_run(line: &Line) -> Option<Span> {
    let vocabulary = vocabulary();
    let mut start = None;
    let mut interface_words = 0;
    for word in line.words.iter().rev() {
        if word.is_punctuation() {
            start = Some(word.span.start);
            continue;
        }
        let cleaned: String = word.folded.chars().filter(|c| c.is_alphanumeric()).collect();
        if word.is_latin() && vocabulary.widget_kind(&cleaned).is_some() {
            interface_words += 1;
            start = Some(word.span.start);
        } else {
            break;
        }
    }
    let start = start?;
    (interface_words >= 2 && start > line.span.start).then(|| Span::new(start, line.span.end))
}

#[cfg(test)]
mod tests {
    use super::super::lines::split_lines;
    use super::*;

    fn reasons(text: &str) -> Vec<Option<&'static str>> {
        split_lines(text).iter().map(|l| line_reason(l, text)).collect()
    }

    #[test]
    fn widgets_captchas_junk_captions_copyright() {
        let text = "Facebook Twitter\nطباعة\nأضف تعليقك\n* اكتب ناتج 3 + 4\nZm9vYmFyYmF6cXV4MTIzNDU2Nzg= موقع المدينة\nصورة أرشيفية\n© 2020 جميع الحقوق محفوظة لموقع المدينة\nاقرأ أيضا: وزير يزور الميناء";
        assert_eq!(
            reasons(text),
            vec![
                Some("share widget"),
                Some("share widget"),
                Some("comment widget"),
                Some("captcha"),
                Some("junk token"),
                Some("caption"),
                Some("copyright"),
                Some("related links")
            ]
        );
    }

    #[test]
    fn article_lines_are_not_furniture() {
        let text = "قال الوزير إن الوفد سيشارك في طباعة الكتب المدرسية.\nصورة قاتمة للاقتصاد في تقرير البنك الدولي الجديد عن المنطقة هذا العام.\nوأضاف أن 6 + 9 ليست معادلة سياسية، في إشارة إلى المفاوضات.\nمرحلة جديدة";
        assert!(reasons(text).iter().all(Option::is_none), "{:?}", reasons(text));
    }

    #[test]
    fn a_glued_footer_is_cut_at_its_first_phrase() {
        let text = "وأضاف المتحدث أن الطريق أعيد فتحه صباح اليوم لا توجد تعليقات على الخبر 2019 حقوق النشر محفوظة";
        let line = &split_lines(text)[0];
        let (span, reason) = glued_footer(line).unwrap();
        assert_eq!(span.slice(text), "لا توجد تعليقات على الخبر 2019 حقوق النشر محفوظة");
        assert_eq!(reason, "comment widget");
    }

    #[test]
    fn interface_runs_at_line_edges() {
        let text = "Search this site : \" \" عنوان الخبر الرئيسي هنا Sign in Welcome !";
        let line = &split_lines(text)[0];
        assert_eq!(leading_interface_run(line).unwrap().slice(text), "Search this site : \" \"");
        assert_eq!(trailing_interface_run(line).unwrap().slice(text), "Sign in Welcome !");
    }

    #[test]
    fn menus_and_pagers_at_the_edges() {
        let text = "أهم العناوين الأكثر مشاهدة تسجيل الدخول\n- - - أقسام 1 2 3 4 5 منوعات 1 2 3 4 5\nخبر أول قبل ساعة خبر ثان قبل 3 ساعات خبر ثالث منذ يومين\nأهم العناوين في نشرة اليوم ذات صلة بالانتخابات التي جرت أمس في البلاد .\nو ص ر ح ت ال ج ه ة ب أ ن ال و ف د و ص ل .";
        let lines = split_lines(text);
        assert_eq!(edge_reason(&lines[0], text), Some("navigation"));
        assert_eq!(edge_reason(&lines[1], text), Some("navigation"));
        assert_eq!(edge_reason(&lines[2], text), Some("navigation"));
        assert_eq!(edge_reason(&lines[3], text), None, "prose that names sections");
        assert_eq!(edge_reason(&lines[4], text), None, "words split into letters are prose");
    }
}
