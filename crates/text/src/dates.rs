//! Date expressions, absolute and relative, resolved against the publication date when known.
//!
//! Input is the normalised text, its tokens and the article's publication date if known; output is
//! one [`DateMention`] per expression, with its input span and an ISO value as far as the text fixes
//! it. Forms handled:
//! - absolute: day–month–year, month–year, day–month, a month alone (`منتصف يوليو` → `07`), in
//!   every regional month name and the combined `يوليو/تموز`; numeric dates (13/9/2021, 2021-09-13,
//!   2021.09.13, `21 / 10 / 1436هـ`); years after `عام/العام/سنة`, bare years 1900–2099 that are not
//!   amounts, year ranges (`2015-2016` → `2015/2016`); decades (`التسعينيات`, value unknown);
//! - Hijri dates with a Hijri month or the هـ mark, converted to Gregorian (tabular calendar, see
//!   [`crate::hijri`]); a Hijri year alone spans two Gregorian years and keeps no value;
//! - relative: weekdays (`يوم الخميس`، `أمس الاثنين`، `السبت الماضي`), `اليوم/أمس/غدا`, `الشهر
//!   الماضي`-style periods, counted spans (`قبل ست سنوات`، `بعد مضي شهر`، `منذ أسابيع`،
//!   `خلال خمس سنوات`), and `مطلع/منتصف/أواخر` before any of these.
//!
//! Relative expressions get a value only when `published` is given (never guessed); an absolute
//! date without a year takes the year that puts it nearest the publication date.

use crate::hijri;
use crate::lexicon::{lexicon, MonthName};
use crate::numbers::{is_copyright_year, parse_digits, year_at};
use crate::tokens::{Token, TokenKind};
use crate::words::{dual_of, is_time_unit, phrase_at, strip_tanween_alef, text_at, without_proclitics, word_is};
use crate::{Normalized, Span};
use chrono::{Datelike, Duration, NaiveDate};

/// How much of a date the text fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// Month and day without a year (`MM-DD`).
    MonthDay,
    /// A month without a year (`MM`).
    MonthOnly,
    /// A relative or vague expression that could not be resolved.
    Unresolved,
}

/// A date expression in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    /// ISO form as far as the text fixes it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `MM-DD` or `MM`
    /// (`YYYY/YYYY` for a year range); `None` when relative and there is no publication date to
    /// resolve it against, or when the text fixes no calendar value (منذ أسابيع).
    pub value: Option<String>,
    pub precision: Precision,
    /// Relative to the publication date (أمس، الشهر الماضي، قبل أسبوعين ...).
    pub relative: bool,
}

/// Finds date expressions; `published` anchors relative ones.
pub fn find_dates(n: &Normalized, tokens: &[Token], published: Option<NaiveDate>) -> Vec<DateMention> {
    let finder = Finder { n, tokens, published };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match finder.at(i) {
            Some(found) => {
                let span = tokens[found.first].span.cover(tokens[found.end - 1].span);
                out.push(DateMention { span, value: found.value, precision: found.precision, relative: found.relative });
                i = found.end;
            }
            None => i += 1,
        }
    }
    out
}

/// A date expression over tokens `first..end`.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    first: usize,
    end: usize,
    value: Option<String>,
    precision: Precision,
    relative: bool,
}

impl Found {
    fn absolute(first: usize, end: usize, value: Option<String>, precision: Precision) -> Found {
        Found { first, end, value, precision, relative: false }
    }

    fn relative(first: usize, end: usize, value: Option<String>, precision: Precision) -> Found {
        let precision = if value.is_some() { precision } else { Precision::Unresolved };
        Found { first, end, value, precision, relative: true }
    }
}

/// Words that place a date within its period: they join the expression after them.
const PERIOD_PARTS: [&str; 14] = [
    "مطلع", "منتصف", "اواخر", "اوايل", "اواسط", "نهايه", "بدايه", "مستهل", "اول", "اخر", "اواخر", "اوخر", "ختام", "حلول",
];

/// Relative period modifiers: past, next and current.
const PAST: [&str; 7] = ["الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "السابق", "الفاىت"];
const NEXT: [&str; 8] = ["المقبل", "المقبله", "القادم", "القادمه", "التالي", "التاليه", "اللاحق", "اللاحقه"];
/// "The last (few)": a past period ending at publication (خلال الأسابيع الأخيرة).
const LATEST: [&str; 2] = ["الاخيره", "الاخير"];
const CURRENT: [&str; 4] = ["الجاري", "الجاريه", "الحالي", "الحاليه"];

/// Words that start a counted span of time (قبل ست سنوات، منذ أسابيع، خلال عامين).
const SPAN_STARTERS: [&str; 7] = ["قبل", "بعد", "منذ", "خلال", "طوال", "طيله", "لمده"];

/// Words of time of day that may stand before a day word (صباح اليوم، مساء أمس).
const DAY_PARTS: [&str; 8] = ["صباح", "مساء", "ليله", "فجر", "ظهر", "عصر", "ظهيره", "ليل"];

/// Decade names: the definite tens with the -يات/-ات ending (التسعينيات، الثمانينات).
const DECADE_TENS: [&str; 8] = ["العشرين", "الثلاثين", "الاربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين"];

struct Finder<'a> {
    n: &'a Normalized,
    tokens: &'a [Token],
    published: Option<NaiveDate>,
}

impl<'a> Finder<'a> {
    fn text(&self, i: usize) -> &'a str {
        text_at(self.n, self.tokens, i)
    }

    fn is(&self, i: usize, forms: &[&str]) -> bool {
        word_is(self.n, self.tokens, i, forms)
    }

    /// The longest date expression starting at token `i`.
    fn at(&self, i: usize) -> Option<Found> {
        if self.is(i, &PERIOD_PARTS) || self.is(i, &["شهر"]) && self.month_at(i + 1).is_some() {
            // مطلع يونيو، منتصف الشهر الماضي، أواخر التسعينيات، شهر رمضان
            let mut inner = i + 1;
            if self.is(inner, &["شهر"]) && self.is(i, &PERIOD_PARTS) {
                inner += 1;
            }
            if let Some(found) = self.core_at(inner) {
                return Some(Found { first: i, ..found });
            }
            if self.is(i, &PERIOD_PARTS) {
                if let Some(end) = self.period_noun(inner) {
                    return Some(Found::relative(i, end, None, Precision::Unresolved));
                }
            }
            return None;
        }
        self.core_at(i)
    }

    fn core_at(&self, i: usize) -> Option<Found> {
        self.weekday_at(i)
            .or_else(|| self.numeric_at(i))
            .or_else(|| self.day_month_at(i))
            .or_else(|| self.month_year_at(i))
            .or_else(|| self.year_at(i))
            .or_else(|| self.decade_at(i))
            .or_else(|| self.day_word_at(i))
            .or_else(|| self.period_at(i))
            .or_else(|| self.counted_span_at(i))
    }

    // ---- absolute dates ------------------------------------------------------------------

    /// A month name at `i` (with a combined second name: يوليو/تموز، كانون الأول / ديسمبر).
    /// Returns the month, whether it is Hijri, whether it is ambiguous, and the index after it.
    fn month_at(&self, i: usize) -> Option<(u32, bool, bool, usize)> {
        let (name, end) = self.one_month_at(i)?;
        let mut end = end;
        let mut ambiguous = name.ambiguous;
        // A second name for the same month, after a slash or a space, or in brackets: يوليو (تموز).
        let bracketed = self.text(end) == "(";
        let second_at = if self.text(end) == "/" || bracketed { end + 1 } else { end };
        if let Some((second, second_end)) = self.one_month_at(second_at) {
            let closed = !bracketed || self.text(second_end) == ")";
            if second.month == name.month && second.hijri == name.hijri && closed {
                end = if bracketed { second_end + 1 } else { second_end };
                ambiguous = false;
            }
        }
        Some((name.month, name.hijri, ambiguous, end))
    }

    fn one_month_at(&self, i: usize) -> Option<(&'static MonthName, usize)> {
        let first = self.tokens.get(i).filter(|t| t.kind == TokenKind::Word)?.text(self.n);
        let bare_forms = without_proclitics(first);
        for name in &lexicon().months {
            let first_ok = first == name.words[0]
                || name.words[0].chars().nth(3).is_some()
                    && bare_forms.clone().skip(1).any(|w| w == name.words[0]);
            if !first_ok {
                continue;
            }
            if name.words[1..].iter().enumerate().all(|(k, w)| self.text(i + 1 + k) == w) {
                return Some((name, i + name.words.len()));
            }
        }
        None
    }

    /// A day of the month at `i`: 1–31 in digits, or an ordinal word (الأول من).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let token = self.tokens.get(i)?;
        if token.kind == TokenKind::Number {
            let raw = token.text(self.n);
            if raw.len() <= 2 && raw.bytes().all(|b| b.is_ascii_digit()) {
                let day: u32 = raw.parse().ok()?;
                return (1..=31).contains(&day).then_some((day, i + 1));
            }
            return None;
        }
        let ordinals = &lexicon().ordinals;
        let two = format!("{} {}", self.text(i), self.text(i + 1));
        let (day, end) = if let Some(&d) = ordinals.get(&two) {
            (d, i + 2)
        } else {
            (*ordinals.get(self.text(i))?, i + 1)
        };
        // The ordinal needs من before the month: الأول من يوليو.
        (self.is(end, &["من"]) && (1..=31).contains(&day)).then_some((day, end + 1))
    }

    /// A year after a month or day: optional من and عام/العام/سنة, four digits, optional م or هـ.
    fn year_after(&self, i: usize) -> Option<(i32, bool, usize)> {
        let mut k = i;
        if self.text(k) == "," || self.text(k) == "،" {
            k += 1;
        }
        if self.is(k, &["من"]) {
            k += 1;
        }
        if self.is(k, &["عام", "العام", "سنه", "السنه"]) {
            k += 1;
        }
        let token = self.tokens.get(k).filter(|t| t.kind == TokenKind::Number)?;
        let raw = token.text(self.n);
        if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = raw.parse().ok()?;
        let (hijri, end) = self.era_mark(k + 1);
        Some((year, hijri, end))
    }

    /// An era mark after a year: هـ (Hijri) or م (Gregorian); returns (is Hijri, index after).
    fn era_mark(&self, i: usize) -> (bool, usize) {
        match self.text(i) {
            "ه" | "هـ" => (true, i + 1),
            "م" => (false, i + 1),
            _ => (false, i),
        }
    }

    /// 13/9/2021, 2021-09-13, 2021.09.13, 21 / 10 / 1436هـ.
    fn numeric_at(&self, i: usize) -> Option<Found> {
        let token = self.tokens.get(i).filter(|t| t.kind == TokenKind::Number)?;
        let raw = token.text(self.n);
        let (parts, end): (Vec<&str>, usize) = if raw.contains(['/', '.']) && raw.split(['/', '.']).count() == 3 {
            (raw.split(['/', '.']).collect(), i + 1)
        } else {
            // Three number tokens joined by one kind of separator.
            let sep = self.text(i + 1);
            if !matches!(sep, "/" | "-" | ".") || self.text(i + 3) != sep {
                return None;
            }
            let is_num = |k: usize| self.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
            if !is_num(i + 2) || !is_num(i + 4) {
                return None;
            }
            (vec![raw, self.text(i + 2), self.text(i + 4)], i + 5)
        };
        let nums: Vec<u32> = parts.iter().map(|p| p.parse::<u32>().ok()).collect::<Option<_>>()?;
        let (year, month, day) = if parts[0].len() == 4 {
            (nums[0], nums[1], nums[2])
        } else if parts[2].len() == 4 {
            // Day first, as Arabic writes it; month first only when the day cannot be a month.
            if nums[1] > 12 && nums[0] <= 12 {
                (nums[2], nums[0], nums[1])
            } else {
                (nums[2], nums[1], nums[0])
            }
        } else {
            return None;
        };
        let (hijri_mark, end) = self.era_mark(end);
        let hijri = hijri_mark || (1300..1500).contains(&year);
        let date = if hijri {
            match self.weekday_before(i) {
                Some(weekday) => hijri::to_gregorian_on_weekday(year as i32, month, day, weekday),
                None => hijri::to_gregorian(year as i32, month, day),
            }
        } else {
            NaiveDate::from_ymd_opt(year as i32, month, day)
        }?;
        Some(Found::absolute(i, end, Some(iso_day(date)), Precision::Day))
    }

    /// The weekday named just before a date (يوم الخميس الموافق ...), Monday = 0.
    fn weekday_before(&self, i: usize) -> Option<u32> {
        let start = i.saturating_sub(3);
        (start..i).rev().find_map(|k| lexicon().weekdays.get(self.text(k)).copied())
    }

    /// 29 فبراير 2020، 15 أغسطس، الأول من يوليو، 15 رمضان 1436 هـ.
    fn day_month_at(&self, i: usize) -> Option<Found> {
        let (day, after_day) = self.day_at(i)?;
        // 30 من شهر شوال: a day number may name its month with من and شهر.
        let mut month_start = after_day;
        if self.tokens[i].kind == TokenKind::Number && self.is(month_start, &["من"]) {
            month_start += 1;
        }
        if self.is(month_start, &["شهر"]) {
            month_start += 1;
        }
        let (month, hijri_month, _, after_month) = self.month_at(month_start)?;
        match self.year_after(after_month) {
            Some((year, hijri_mark, end)) => {
                let date = if hijri_month || hijri_mark {
                    let month = if hijri_month { month } else { return None };
                    match self.weekday_before(i) {
                        Some(w) => hijri::to_gregorian_on_weekday(year, month, day, w),
                        None => hijri::to_gregorian(year, month, day),
                    }
                } else {
                    NaiveDate::from_ymd_opt(year, month, day)
                }?;
                Some(Found::absolute(i, end, Some(iso_day(date)), Precision::Day))
            }
            None if hijri_month => Some(Found::absolute(i, after_month, None, Precision::Unresolved)),
            None => {
                if day > days_in_month(month) {
                    return None;
                }
                let (value, precision) = match self.published {
                    Some(p) => (nearest_month_day(p, month, day).map(iso_day), Precision::Day),
                    None => (Some(format!("{month:02}-{day:02}")), Precision::MonthDay),
                };
                Some(Found::absolute(i, after_month, value, precision))
            }
        }
    }

    /// مايو 2020، يوليو تموز 2013، يناير 21 , 2018، a month alone (يونيو حزيران).
    fn month_year_at(&self, i: usize) -> Option<Found> {
        let (month, hijri, ambiguous, after_month) = self.month_at(i)?;
        // Month-first order with the day after it: يناير 21 , 2018.
        if let Some((day, after_day)) = self.day_at(after_month).filter(|_| !hijri) {
            if let Some((year, false, end)) = self.year_after(after_day) {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    return Some(Found::absolute(i, end, Some(iso_day(date)), Precision::Day));
                }
            }
        }
        if let Some((year, hijri_mark, end)) = self.year_after(after_month) {
            if hijri || hijri_mark {
                // A Hijri month–year spans parts of two Gregorian months.
                let value = hijri.then(|| hijri::to_gregorian(year, month, 15)).flatten().map(|d| iso_month(d.year(), d.month()));
                return Some(Found::absolute(i, end, value, Precision::Month));
            }
            return Some(Found::absolute(i, end, Some(iso_month(year, month)), Precision::Month));
        }
        let named_as_month = i > 0 && self.is(i - 1, &["شهر", "شهري"]);
        if ambiguous && !named_as_month {
            return None;
        }
        if hijri {
            return Some(Found::absolute(i, after_month, None, Precision::Unresolved));
        }
        let (value, precision) = match self.published {
            Some(p) => (Some(nearest_month(p, month)), Precision::Month),
            None => (Some(format!("{month:02}")), Precision::MonthOnly),
        };
        Some(Found::absolute(i, after_month, value, precision))
    }

    /// عام 2013، العام 2013، سنة 2015، عامي 2015 و2016، 2015-2016، and bare years that are not amounts.
    fn year_at(&self, i: usize) -> Option<Found> {
        let keyword = self.is(i, &["عام", "العام", "سنه", "السنه", "عامي", "وعام", "وسنه"]);
        let at = if keyword { i + 1 } else { i };
        let year = year_at(self.n, self.tokens, at)?;
        if is_copyright_year(self.n, self.tokens, at) {
            return None;
        }
        let (hijri, mut end) = self.era_mark(at + 1);
        // A range of years: 2015-2016، 2015 و2016.
        if matches!(self.text(end), "-" | "–" | "/" | "و") {
            if let Some(second) = year_at(self.n, self.tokens, end + 1) {
                if second > year && second - year < 100 {
                    let (_, after) = self.era_mark(end + 2);
                    end = after;
                    let value = (!hijri).then(|| format!("{year}/{second}"));
                    return Some(Found::absolute(i, end, value, Precision::Year));
                }
            }
        }
        if hijri {
            // A Hijri year covers parts of two Gregorian years: no single value.
            return Some(Found::absolute(i, end, None, Precision::Year));
        }
        Some(Found::absolute(i, end, Some(format!("{year:04}")), Precision::Year))
    }

    /// التسعينيات، الثمانينات (من القرن الماضي): the decade is named, its century usually not.
    fn decade_at(&self, i: usize) -> Option<Found> {
        let word = self.text(i);
        let stem = word.strip_suffix("يات").or_else(|| word.strip_suffix("ات"))?;
        let stem = without_proclitics(stem).find(|s| DECADE_TENS.contains(s))?;
        let _ = stem;
        let mut end = i + 1;
        if let Some(after) = phrase_at(self.n, self.tokens, end, &["من", "القرن", "الماضي"])
            .or_else(|| phrase_at(self.n, self.tokens, end, &["من", "القرن", "العشرين"]))
            .or_else(|| phrase_at(self.n, self.tokens, end, &["القرن", "الماضي"]))
            .or_else(|| phrase_at(self.n, self.tokens, end, &["القرن", "العشرين"]))
        {
            end = after;
        }
        Some(Found::relative(i, end, None, Precision::Unresolved))
    }

    // ---- relative dates ------------------------------------------------------------------

    /// يوم الخميس، اليوم الثلاثاء، أمس الاثنين، السبت الماضي، الأحد المقبل, and a following
    /// الموافق + date that fixes it.
    fn weekday_at(&self, i: usize) -> Option<Found> {
        let mut first = i;
        let mut k = i;
        if self.is(k, &DAY_PARTS) {
            k += 1;
        }
        let day_word = self.text(k);
        let shift_days: i64 = match day_word {
            "يوم" | "اليوم" | "ويوم" => 0,
            "امس" | "البارحه" => -1,
            _ => i64::MIN,
        };
        if shift_days != i64::MIN {
            k += 1;
        }
        let weekday_word = self.text(k);
        let weekday = without_proclitics(weekday_word).find_map(|w| lexicon().weekdays.get(w).copied())?;
        let mut end = k + 1;
        let direction = if self.is(end, &PAST) {
            end += 1;
            -1
        } else if self.is(end, &NEXT) {
            end += 1;
            1
        } else {
            0
        };
        // يوم الخميس الموافق 21 / 10 / 1436هـ: the explicit date fixes the value.
        if self.is(end, &["الموافق", "الموافق،"]) || self.text(end) == "," && self.is(end + 1, &["الموافق"]) {
            let at = if self.text(end) == "," { end + 2 } else { end + 1 };
            if let Some(found) = self.numeric_at(at).or_else(|| self.day_month_at(at)) {
                return Some(Found { first, ..found });
            }
        }
        // الأحد، 21 يناير 2018: a weekday written before the full date it names.
        let date_at = if matches!(self.text(end), "," | "،" | "-") { end + 1 } else { end };
        if let Some(found) = self.numeric_at(date_at).or_else(|| self.day_month_at(date_at)).or_else(|| self.month_year_at(date_at)) {
            if found.precision == Precision::Day {
                return Some(Found { first, ..found });
            }
        }
        if first == k && i > 0 && self.is(i - 1, &["يوم"]) {
            first = i - 1;
        }
        let value = self.published.and_then(|p| {
            let base = p + Duration::days(if shift_days == i64::MIN { 0 } else { shift_days });
            weekday_near(base, weekday, direction).map(iso_day)
        });
        Some(Found::relative(first, end, value, Precision::Day))
    }

    /// اليوم، أمس، أول أمس، غدا، بعد غد، صباح اليوم.
    fn day_word_at(&self, i: usize) -> Option<Found> {
        let mut k = i;
        if self.is(k, &DAY_PARTS) {
            k += 1;
        }
        let (shift, end) = if self.is(k, &["اليوم", "واليوم"]) {
            if self.names_outlet(k) {
                return None;
            }
            // اليوم التالي/الثاني/الأخير is a day of the story, not the day of publication.
            let next = self.text(k + 1);
            if lexicon().ordinals.contains_key(next) || matches!(next, "التالي" | "الاخير" | "نفسه" | "ذاته" | "السابق") {
                return Some(Found::relative(i, k + 2, None, Precision::Unresolved));
            }
            (0, k + 1)
        } else if self.is(k, &["امس", "وامس", "البارحه"]) {
            (-1, k + 1)
        } else if phrase_at(self.n, self.tokens, k, &["اول", "امس"]).is_some() {
            (-2, k + 2)
        } else if self.is(k, &["غدا", "وغدا"]) {
            (1, k + 1)
        } else if phrase_at(self.n, self.tokens, k, &["بعد", "غد"]).is_some() {
            (2, k + 2)
        } else {
            return None;
        };
        let value = self.published.map(|p| iso_day(p + Duration::days(shift)));
        Some(Found::relative(i, end, value, Precision::Day))
    }

    /// Whether the اليوم at `k` is part of an outlet's name (روسيا اليوم، اليوم السابع).
    fn names_outlet(&self, k: usize) -> bool {
        lexicon().day_word_names.iter().any(|name| {
            let at = name.iter().position(|w| w == "اليوم").unwrap_or(0);
            k >= at && name.iter().enumerate().all(|(j, w)| self.text(k - at + j) == w)
        })
    }

    /// الشهر الماضي، الأسبوع المقبل، العام الجاري، هذا العام، السنوات التالية، الأسابيع القليلة الماضية.
    fn period_at(&self, i: usize) -> Option<Found> {
        let mut first = i;
        let mut k = i;
        if self.is(k, &["في", "خلال", "طوال", "منذ", "وخلال", "وفي"]) && self.period_noun(k + 1).is_some() {
            k += 1;
        }
        let demonstrative = self.is(k, &["هذا", "هذه"]);
        if demonstrative {
            k += 1;
        }
        let noun = self.text(k);
        let unit = period_unit(without_proclitics(noun).last().unwrap_or(noun))?;
        let end = self.period_noun(k)?;
        // في adds nothing to the date; خلال، طوال، منذ say which part of the period is meant.
        if k > i && !demonstrative && self.is(i, &["في", "وفي"]) {
            first = k;
        }
        let modifiers: Vec<&str> = (k + 1..end).map(|j| self.text(j)).collect();
        let plural = matches!(noun.trim_start_matches(['و', 'ف', 'ب', 'ل']), "الايام" | "الاسابيع" | "الاشهر" | "الشهور" | "السنوات" | "الاعوام" | "السنين" | "العقود");
        let direction = if demonstrative || modifiers.iter().any(|m| CURRENT.contains(m)) {
            0
        } else if modifiers.iter().any(|m| PAST.contains(m) || LATEST.contains(m)) {
            -1
        } else if modifiers.iter().any(|m| NEXT.contains(m)) {
            1
        } else {
            return None;
        };
        let value = if plural { None } else { self.published.and_then(|p| shift_period(p, unit, direction)) };
        let precision = match unit {
            PeriodUnit::Year => Precision::Year,
            _ => Precision::Month,
        };
        Some(Found::relative(first, end, value, precision))
    }

    /// The end of a period noun with its modifiers at `k` (الشهر الماضي، الأسابيع القليلة الماضية).
    fn period_noun(&self, k: usize) -> Option<usize> {
        let noun = self.text(k);
        period_unit(without_proclitics(noun).last().unwrap_or(noun))?;
        if !noun.contains("ال") {
            return None;
        }
        let mut end = k + 1;
        if self.is(end, &["القليله", "الاخيره", "الاخير"]) {
            end += 1;
        }
        let modifier = |j: usize| self.is(j, &PAST) || self.is(j, &NEXT) || self.is(j, &CURRENT);
        if modifier(end) {
            end += 1;
        } else if !(end > k + 1 && self.is(end - 1, &["الاخيره", "الاخير"])) {
            // هذا العام has no modifier; the demonstrative before it is checked by the caller.
            if !(k > 0 && self.is(k - 1, &["هذا", "هذه"])) {
                return None;
            }
        }
        Some(end)
    }

    /// قبل ست سنوات، بعد مضي شهر، منذ أسابيع، خلال خمس سنوات، قبل يومين، بعد مرور حوالى الشهر.
    fn counted_span_at(&self, i: usize) -> Option<Found> {
        let starter = self.text(i);
        let starter_base = starter.strip_prefix('و').filter(|s| SPAN_STARTERS.contains(s)).unwrap_or(starter);
        if !SPAN_STARTERS.contains(&starter_base) {
            return None;
        }
        let mut k = i + 1;
        if self.is(k, &["مضي", "مرور"]) {
            k += 1;
        }
        if self.is(k, &["نحو", "حوالي", "قرابه", "زهاء"]) {
            k += 1;
        }
        let approximated = k > i + 1 && self.is(k - 1, &["نحو", "حوالي", "قرابه", "زهاء"]);
        let (count, unit_at): (Option<f64>, usize) = match self.tokens.get(k).map(|t| t.kind) {
            Some(TokenKind::Number) => (parse_digits(self.text(k), false), k + 1),
            Some(TokenKind::Word) => {
                let word = self.text(k);
                // الشهر with an article is a span only after an approximator (حوالى الشهر).
                let bare = if approximated { word.strip_prefix("ال").unwrap_or(word) } else { word };
                if dual_of(bare).is_some_and(is_time_unit) {
                    (Some(2.0), k)
                } else if is_time_unit(strip_tanween_alef(bare)) && !bare.starts_with("ال") {
                    (if is_plural_time_unit(bare) { None } else { Some(1.0) }, k)
                } else {
                    let next = self.text(k + 1);
                    (word_count(word, next), k + word_count_len(word, next))
                }
            }
            _ => return None,
        };
        let unit_word = self.text(unit_at);
        let unit_bare = if approximated && unit_at == k { unit_word.strip_prefix("ال").unwrap_or(unit_word) } else { unit_word };
        let is_unit = (is_time_unit(strip_tanween_alef(unit_bare)) || dual_of(unit_bare).is_some_and(is_time_unit))
            && !unit_bare.starts_with("ال");
        if !is_unit || unit_at > k && count.is_none() {
            return None;
        }
        let mut end = unit_at + 1;
        if self.is(end, &["القليله", "الماضيه", "الاخيره"]) {
            end += 1;
        }
        let ago = matches!(starter_base, "قبل" | "منذ") && !approximated;
        let value = match (ago, count, self.published, period_unit_of_time(unit_bare)) {
            (true, Some(count), Some(p), Some(unit)) if count.fract() == 0.0 => shift_back(p, unit, count as i64),
            _ => None,
        };
        Some(Found::relative(i, end, value, Precision::Day))
    }
}

/// A number word before a time unit (ست سنوات، أربعة عشر شهرا): its value.
fn word_count(word: &str, next: &str) -> Option<f64> {
    use crate::lexicon::NumberWord;
    let numbers = &lexicon().numbers;
    let reading = without_proclitics(word).find_map(|w| numbers.get(w).copied())?;
    let first = match reading {
        NumberWord::Unit(v) | NumberWord::Tens(v) | NumberWord::Hundreds(v) => v,
        NumberWord::TeenTen => 10.0,
        NumberWord::Hundred => 100.0,
        _ => return None,
    };
    if matches!(numbers.get(next), Some(NumberWord::TeenTen)) {
        return Some(first + 10.0);
    }
    Some(first)
}

/// How many tokens [`word_count`] read: 2 for a teen written in two words, 0 for no number.
fn word_count_len(word: &str, next: &str) -> usize {
    use crate::lexicon::NumberWord;
    let numbers = &lexicon().numbers;
    let unit = without_proclitics(word).any(|w| matches!(numbers.get(w), Some(NumberWord::Unit(_))));
    if unit && matches!(numbers.get(next), Some(NumberWord::TeenTen)) {
        2
    } else if without_proclitics(word).any(|w| numbers.contains_key(w)) {
        1
    } else {
        0
    }
}

fn is_plural_time_unit(word: &str) -> bool {
    matches!(
        word.trim_start_matches("ال"),
        "ايام" | "اسابيع" | "اشهر" | "شهور" | "سنوات" | "سنين" | "اعوام" | "ساعات" | "دقايق" | "عقود" | "قرون" | "ليال" | "ليالي"
    )
}

/// The calendar unit of a relative period.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PeriodUnit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

fn period_unit(noun: &str) -> Option<PeriodUnit> {
    Some(match noun {
        "الاسبوع" | "الاسابيع" => PeriodUnit::Week,
        "الشهر" | "الاشهر" | "الشهور" => PeriodUnit::Month,
        "العام" | "السنه" | "السنوات" | "الاعوام" | "السنين" => PeriodUnit::Year,
        "الايام" => PeriodUnit::Day,
        "العقود" | "العقد" => PeriodUnit::Decade,
        _ => return None,
    })
}

/// The unit of a counted time noun (سنوات، عاما، أسبوعين).
fn period_unit_of_time(word: &str) -> Option<PeriodUnit> {
    let base = strip_tanween_alef(word);
    let singular = dual_of(word).unwrap_or(base);
    Some(match singular {
        "يوم" | "ايام" => PeriodUnit::Day,
        "اسبوع" | "اسابيع" => PeriodUnit::Week,
        "شهر" | "اشهر" | "شهور" => PeriodUnit::Month,
        "سنه" | "سنوات" | "سنين" | "عام" | "اعوام" => PeriodUnit::Year,
        "عقد" | "عقود" => PeriodUnit::Decade,
        _ => return None,
    })
}

/// `count` units before `published`, at the precision the unit gives.
fn shift_back(published: NaiveDate, unit: PeriodUnit, count: i64) -> Option<String> {
    Some(match unit {
        PeriodUnit::Day => iso_day(published - Duration::days(count)),
        PeriodUnit::Week => iso_day(published - Duration::weeks(count)),
        PeriodUnit::Month => {
            let total = published.year() as i64 * 12 + published.month0() as i64 - count;
            iso_month(total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1)
        }
        PeriodUnit::Year => format!("{:04}", published.year() as i64 - count),
        PeriodUnit::Decade => format!("{:04}", published.year() as i64 - 10 * count),
    })
}

/// The period before (-1), of (0) or after (1) `published`.
fn shift_period(published: NaiveDate, unit: PeriodUnit, direction: i64) -> Option<String> {
    match unit {
        PeriodUnit::Month => {
            let total = published.year() as i64 * 12 + published.month0() as i64 + direction;
            Some(iso_month(total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1))
        }
        PeriodUnit::Year => Some(format!("{:04}", published.year() as i64 + direction)),
        PeriodUnit::Week => {
            // The month of that week when the whole week lies in one month, else its year.
            let monday = published - Duration::days(published.weekday().num_days_from_monday() as i64) + Duration::weeks(direction);
            let sunday = monday + Duration::days(6);
            if monday.month() == sunday.month() {
                Some(iso_month(monday.year(), monday.month()))
            } else if monday.year() == sunday.year() {
                Some(format!("{:04}", monday.year()))
            } else {
                None
            }
        }
        PeriodUnit::Day => Some(iso_day(published + Duration::days(direction))),
        PeriodUnit::Decade => None,
    }
}

/// The day with `weekday` nearest before or on `base` (direction 0), strictly before (-1) or after (1).
fn weekday_near(base: NaiveDate, weekday: u32, direction: i64) -> Option<NaiveDate> {
    let today = base.weekday().num_days_from_monday() as i64;
    let weekday = weekday as i64;
    let back = (today - weekday).rem_euclid(7);
    let days = match direction {
        1 => {
            let forward = (weekday - today).rem_euclid(7);
            if forward == 0 { 7 } else { forward }
        }
        -1 => -(if back == 0 { 7 } else { back }),
        _ => -back,
    };
    base.checked_add_signed(Duration::days(days))
}

/// The date with `month` and `day` nearest `published`.
fn nearest_month_day(published: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (published.year() - 1..=published.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - published).num_days().abs())
}

/// `YYYY-MM` of the `month` nearest `published`.
fn nearest_month(published: NaiveDate, month: u32) -> String {
    let here = published.year() * 12 + published.month0() as i32;
    let best = (published.year() - 1..=published.year() + 1)
        .map(|y| y * 12 + month as i32 - 1)
        .min_by_key(|m| (m - here).abs())
        .unwrap_or(here);
    iso_month(best.div_euclid(12), best.rem_euclid(12) as u32 + 1)
}

fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso_day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn iso_month(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// Words that introduce an article's own date in a byline (نشر في، بتاريخ، تاريخ النشر).
const DATELINE_CUES: [&str; 5] = ["نشر", "بتاريخ", "النشر", "نشرت", "تحديث"];

/// The article's publication date as printed in its dateline, for readers that found none in the
/// page's metadata: a full date right after a publication cue (نشر 05 ديسمبر 2017) or a full date
/// followed by a time of day (2021.09.13 - 11:42). `None` when the text has neither; a date merely
/// mentioned in the story is never taken.
pub fn find_dateline(n: &Normalized, tokens: &[Token]) -> Option<NaiveDate> {
    let finder = Finder { n, tokens, published: None };
    let mut i = 0;
    while i < tokens.len() {
        let Some(found) = finder.at(i) else {
            i += 1;
            continue;
        };
        let full = found.precision == Precision::Day && !found.relative;
        let date = found.value.as_deref().and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        if let (true, Some(date)) = (full, date) {
            let cued = (found.first.saturating_sub(3)..found.first).any(|k| finder.is(k, &DATELINE_CUES));
            let mut after = found.end;
            while matches!(finder.text(after), "-" | "[" | "|" | "،" | ",") {
                after += 1;
            }
            let timed = tokens.get(after).is_some_and(|t| t.kind == TokenKind::Number) && finder.text(after + 1) == ":";
            if cued || timed {
                return Some(date);
            }
        }
        i = found.end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;
    use crate::tokens::tokenize;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// (span text, value) of every date found.
    fn found(input: &str, published: Option<NaiveDate>) -> Vec<(String, Option<String>)> {
        let n = normalize(input);
        let tokens = tokenize(&n);
        find_dates(&n, &tokens, published).into_iter().map(|d| (d.span.slice(input).to_string(), d.value)).collect()
    }

    fn check(input: &str, published: Option<NaiveDate>, expected: &[(&str, Option<&str>)]) {
        let got = found(input, published);
        let expected: Vec<(String, Option<String>)> =
            expected.iter().map(|(t, v)| (t.to_string(), v.map(str::to_string))).collect();
        assert_eq!(got, expected, "in {input:?}");
    }

    #[test]
    fn day_month_year_in_regional_month_names() {
        check("وقع الانفجار في 3 مارس 2019 ظهرا", None, &[("3 مارس 2019", Some("2019-03-03"))]);
        check("في 12 تشرين الأول 2016 أعلن", None, &[("12 تشرين الأول 2016", Some("2016-10-12"))]);
        check("يوم 4 جويلية 2012", None, &[("4 جويلية 2012", Some("2012-07-04"))]);
        check("وصل في 9 أيلول/سبتمبر 2014", None, &[("9 أيلول/سبتمبر 2014", Some("2014-09-09"))]);
        check("منذ الأول من آب/أغسطس", None, &[("الأول من آب/أغسطس", Some("08-01"))]);
        check("صدر في يوليو (تموز) 2015م.", None, &[("يوليو (تموز) 2015م", Some("2015-07"))]);
        check("حتى 30 من شهر شوال", None, &[("30 من شهر شوال", None)]);
    }

    #[test]
    fn months_and_years() {
        check("في نوفمبر 2018 زار المدينة", None, &[("نوفمبر 2018", Some("2018-11"))]);
        check("في أكتوبر تشرين الأول 2011", None, &[("أكتوبر تشرين الأول 2011", Some("2011-10"))]);
        check("أواخر مارس/آذار", None, &[("أواخر مارس/آذار", Some("03"))]);
        check("أواخر مارس", Some(ymd(2020, 5, 2)), &[("أواخر مارس", Some("2020-03"))]);
        check("وقع في 20 ديسمبر", Some(ymd(2021, 1, 5)), &[("20 ديسمبر", Some("2020-12-20"))]);
        check("تأسس في عام 1998، ثم في 2004", None, &[("عام 1998", Some("1998")), ("2004", Some("2004"))]);
        check("الموازنة 2019-2020", None, &[("2019-2020", Some("2019/2020"))]);
        check("خلال الثمانينيات من القرن الماضي", None, &[("الثمانينيات من القرن الماضي", None)]);
    }

    #[test]
    fn ambiguous_month_names_need_context() {
        check("قال الأب إن ابنه عاد", None, &[]);
        check("قال رجب إنه عاد", None, &[]);
        check("في شهر رمضان", None, &[("شهر رمضان", None)]);
    }

    #[test]
    fn numeric_dates() {
        check("نشر في 13/9/2021", None, &[("13/9/2021", Some("2021-09-13"))]);
        check("التاريخ 2021.09.13", None, &[("2021.09.13", Some("2021-09-13"))]);
        check("بتاريخ 2019 - 04 - 30", None, &[("2019 - 04 - 30", Some("2019-04-30"))]);
        check("بتاريخ 31/02/2020", None, &[]);
    }

    #[test]
    fn hijri_dates_are_converted() {
        // 1 Ramadan 1440 was Monday 6 May 2019.
        check("يوم الاثنين الموافق 1 / 9 / 1440هـ", None, &[("يوم الاثنين الموافق 1 / 9 / 1440هـ", Some("2019-05-06"))]);
        check("في 15 شعبان 1441 هـ", None, &[("15 شعبان 1441 هـ", Some("2020-04-08"))]);
        check("ولد عام 1400هـ", None, &[("عام 1400هـ", None)]);
    }

    #[test]
    fn weekdays_resolve_against_publication() {
        // 2019-06-12 is a Wednesday.
        let published = Some(ymd(2019, 6, 12));
        check("أعلن الجيش، الاثنين، أن", published, &[("الاثنين", Some("2019-06-10"))]);
        check("وقال يوم الأربعاء", published, &[("يوم الأربعاء", Some("2019-06-12"))]);
        check("وأفاد أمس الثلاثاء", published, &[("أمس الثلاثاء", Some("2019-06-11"))]);
        check("الجمعة المقبل", published, &[("الجمعة المقبل", Some("2019-06-14"))]);
        check("أعلن الاثنين", None, &[("الاثنين", None)]);
    }

    #[test]
    fn relative_words_and_periods() {
        let published = Some(ymd(2019, 6, 12));
        check("وصل اليوم", published, &[("اليوم", Some("2019-06-12"))]);
        check("وصل أمس", None, &[("أمس", None)]);
        check("في الشهر الماضي", published, &[("الشهر الماضي", Some("2019-05"))]);
        check("العام المقبل", published, &[("العام المقبل", Some("2020"))]);
        check("خلال الأسابيع القليلة الماضية", published, &[("خلال الأسابيع القليلة الماضية", None)]);
        check("قال الأمين العام", published, &[]);
        check("في اليوم التالي", published, &[("اليوم التالي", None)]);
        check("نقلت روسيا اليوم", published, &[]);
    }

    #[test]
    fn counted_spans() {
        let published = Some(ymd(2019, 6, 12));
        check("قبل ثلاث سنوات", published, &[("قبل ثلاث سنوات", Some("2016"))]);
        check("قبل يومين", published, &[("قبل يومين", Some("2019-06-10"))]);
        check("منذ 5 أشهر", published, &[("منذ 5 أشهر", Some("2019-01"))]);
        check("منذ أسابيع", published, &[("منذ أسابيع", None)]);
        check("بعد مضي شهر", None, &[("بعد مضي شهر", None)]);
        check("بعد مرور نحو الشهر", None, &[("بعد مرور نحو الشهر", None)]);
        check("خلال عشرين عاما", None, &[("خلال عشرين عاما", None)]);
        check("قبل الانسحاب", published, &[]);
    }

    #[test]
    fn dateline_needs_a_cue_or_a_time() {
        let text = "نشر 05 كانون الأول / ديسمبر 2017 - 10 : 28 وقال إنه في 3 مارس 2015 زار";
        let n = normalize(text);
        assert_eq!(find_dateline(&n, &tokenize(&n)), Some(ymd(2017, 12, 5)));
        let text = "قال إنه في 3 مارس 2015 زار";
        let n = normalize(text);
        assert_eq!(find_dateline(&n, &tokenize(&n)), None);
    }
}
