//! The shipped number and month lexicons, compiled in and looked up in matching form.
//!
//! The TSV files under `data/gazetteer/` are written with light normalisation only (hamza seats and
//! teh marbuta kept), so every form is passed through [`normalize_str`] once when the tables are
//! built; lookups then use the same matching form as the tokens.

use crate::normalize::normalize_str;
use std::collections::HashMap;
use std::sync::OnceLock;

const NUMBERS_TSV: &str = include_str!("../../../data/gazetteer/lex_numbers.tsv");
const MONTHS_TSV: &str = include_str!("../../../data/gazetteer/lex_months.tsv");
const OUTLETS_TSV: &str = include_str!("../../../data/gazetteer/outlets.tsv");

/// What one number word contributes to a cardinal phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumberWord {
    /// 1 to 10 (ثلاثة، ست، عشرة), and the first word of 11 to 19 (أحد، اثنا، ثلاث ...).
    Unit(f64),
    /// عشر / عشرة right after a unit makes a teen (ثلاثة عشر).
    TeenTen,
    /// 20, 30 ... 90 (عشرون، عشرين).
    Tens(f64),
    /// مئة / مائة: multiplies a unit before it (ثلاث مئة), else 100.
    Hundred,
    /// 200 to 900 written as one word (مئتان، ثلاثمائة).
    Hundreds(f64),
    /// ألف، مليون، مليار: multiplies what comes before.
    Scale(f64),
    /// ألفان، مليونين: twice the scale, on its own.
    ScaleDual(f64),
    /// آلاف، ملايين، مليارات: multiplies a unit before it; alone, a vague amount.
    ScalePlural(f64),
    /// عشرات، مئات، بضعة: a vague amount with its documented range.
    Vague(f64, f64),
}

/// A Gregorian or Hijri month name in matching form, possibly of several words.
#[derive(Debug, Clone)]
pub(crate) struct MonthName {
    pub words: Vec<String>,
    pub month: u32,
    pub hijri: bool,
    /// Also a common word or a person's name (آب، صفر، رجب ...): needs a day or a year beside it.
    pub ambiguous: bool,
}

pub(crate) struct Lexicon {
    pub numbers: HashMap<String, NumberWord>,
    /// Ordinals 1 to 19 in matching form (single words and two-word forms joined by a space).
    pub ordinals: HashMap<String, u32>,
    /// First words of two-word ordinals (الحادي in الحادي عشر): the عشر after them is no ten.
    pub ordinal_heads: Vec<String>,
    pub months: Vec<MonthName>,
    /// Weekday names in matching form (with and without the article), Monday = 0.
    pub weekdays: HashMap<String, u32>,
    /// Outlet names that contain the word اليوم (روسيا اليوم), as words in matching form: there it
    /// is no date.
    pub day_word_names: Vec<Vec<String>>,
}

/// Month names that are also frequent words or given names in matching form.
const AMBIGUOUS_MONTHS: [&str; 8] = ["اب", "صفر", "رجب", "شعبان", "رمضان", "محرم", "المحرم", "ماي"];


pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

fn build() -> Lexicon {
    let mut numbers = HashMap::new();
    let mut ordinals = HashMap::new();
    for line in NUMBERS_TSV.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 3 {
            continue;
        }
        let form = normalize_str(fields[0]);
        let words: Vec<&str> = form.split_whitespace().collect();
        let (value, kind) = (fields[1], fields[2]);
        match kind {
            "cardinal" => {
                let Ok(v) = value.parse::<f64>() else { continue };
                if words.len() == 2 && matches!(words[1], "عشر" | "عشره") && (11.0..20.0).contains(&v) {
                    numbers.entry(words[0].to_string()).or_insert(NumberWord::Unit(v - 10.0));
                    continue;
                }
                if words.len() != 1 || words[0] == "صفر" {
                    continue;
                }
                let word = words[0].to_string();
                // المئة is "per cent" far more often than "the hundred".
                if word == "الميه" || word == "المايه" {
                    continue;
                }
                let entry = match v {
                    v if v <= 10.0 => NumberWord::Unit(v),
                    v if v < 100.0 => NumberWord::Tens(v),
                    v if v == 100.0 => NumberWord::Hundred,
                    v if v < 1000.0 => NumberWord::Hundreds(v),
                    v if is_power_of_thousand(v) => NumberWord::Scale(v),
                    v if is_power_of_thousand(v / 2.0) => NumberWord::ScaleDual(v / 2.0),
                    _ => continue,
                };
                numbers.entry(word).or_insert(entry);
            }
            "scale_plural" => {
                let Some(v) = value.strip_prefix('x').and_then(|v| v.parse::<f64>().ok()) else { continue };
                if words.len() == 1 {
                    numbers.insert(words[0].to_string(), NumberWord::ScalePlural(v));
                }
            }
            "vague_quantity" => {
                let range = match value {
                    "10s" => (20.0, 90.0),
                    "100s" => (200.0, 900.0),
                    "3-9" => (3.0, 9.0),
                    _ => continue,
                };
                if words.len() == 1 {
                    numbers.insert(words[0].to_string(), NumberWord::Vague(range.0, range.1));
                }
            }
            "ordinal" => {
                if let Ok(v) = value.parse::<u32>() {
                    ordinals.insert(words.join(" "), v);
                }
            }
            _ => {}
        }
    }
    // عشر alone is ten (عشر سنوات) and, after a unit, the teen marker; the parser tells which.
    numbers.insert("عشر".into(), NumberWord::TeenTen);
    numbers.insert("عشره".into(), NumberWord::TeenTen);
    // The construct (genitive) forms of two hundred: مئتي جندي.
    for form in ["مئتي", "مائتي"] {
        numbers.insert(normalize_str(form), NumberWord::Hundreds(200.0));
    }

    let mut months = Vec::new();
    let mut weekdays = HashMap::new();
    for line in MONTHS_TSV.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 4 {
            continue;
        }
        let names = std::iter::once(fields[2]).chain(fields[3].split('|')).filter(|s| !s.is_empty());
        match fields[0] {
            calendar @ ("gregorian" | "hijri") => {
                let Ok(month) = fields[1].parse::<u32>() else { continue };
                for name in names {
                    let form = normalize_str(name);
                    let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
                    if words.is_empty() || words[0] == "شهر" {
                        continue;
                    }
                    let ambiguous = words.len() == 1 && AMBIGUOUS_MONTHS.contains(&words[0].as_str());
                    months.push(MonthName { words, month, hijri: calendar == "hijri", ambiguous });
                }
            }
            "weekday" => {
                let day = match fields[1] {
                    "Monday" => 0,
                    "Tuesday" => 1,
                    "Wednesday" => 2,
                    "Thursday" => 3,
                    "Friday" => 4,
                    "Saturday" => 5,
                    "Sunday" => 6,
                    _ => continue,
                };
                for name in names {
                    let form = normalize_str(name);
                    // Only the definite one-word forms: اثنين، أحد، خميس alone are other words.
                    if form.starts_with("ال") && !form.contains(' ') {
                        weekdays.insert(form, day);
                    }
                }
            }
            _ => {}
        }
    }
    // Longest names first, so that كانون الثاني wins over a shorter prefix.
    months.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
    let ordinal_heads = ordinals.keys().filter_map(|k| k.split_once(' ').map(|(head, _)| head.to_string())).collect();
    let mut day_word_names = Vec::new();
    for line in OUTLETS_TSV.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        for name in fields.iter().skip(3).take(3).flat_map(|f| f.split('|')) {
            let words: Vec<String> = normalize_str(name).split_whitespace().map(str::to_string).collect();
            if words.len() > 1 && words.iter().any(|w| w == "اليوم") {
                day_word_names.push(words);
            }
        }
    }
    Lexicon { numbers, ordinals, ordinal_heads, months, weekdays, day_word_names }
}

fn is_power_of_thousand(v: f64) -> bool {
    [1e3, 1e6, 1e9, 1e12].contains(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_classified() {
        let lex = lexicon();
        assert_eq!(lex.numbers.get("ثلاثه"), Some(&NumberWord::Unit(3.0)));
        assert_eq!(lex.numbers.get("اثنا"), Some(&NumberWord::Unit(2.0)));
        assert_eq!(lex.numbers.get("عشرين"), Some(&NumberWord::Tens(20.0)));
        assert_eq!(lex.numbers.get("مايه"), Some(&NumberWord::Hundred));
        assert_eq!(lex.numbers.get("ثلاثمايه"), Some(&NumberWord::Hundreds(300.0)));
        assert_eq!(lex.numbers.get("الفين"), Some(&NumberWord::ScaleDual(1000.0)));
        assert_eq!(lex.numbers.get("مليار"), Some(&NumberWord::Scale(1e9)));
        assert_eq!(lex.numbers.get("الاف"), Some(&NumberWord::ScalePlural(1000.0)));
        assert_eq!(lex.numbers.get("عشرات"), Some(&NumberWord::Vague(20.0, 90.0)));
        assert_eq!(lex.numbers.get("واحد"), Some(&NumberWord::Unit(1.0)));
        assert_eq!(lex.ordinals.get("الاولي"), Some(&1));
    }

    #[test]
    fn months_and_weekdays_load() {
        let lex = lexicon();
        let find = |w: &str| lex.months.iter().find(|m| m.words.join(" ") == w).map(|m| (m.month, m.hijri));
        assert_eq!(find("تموز"), Some((7, false)));
        assert_eq!(find("كانون الاول"), Some((12, false)));
        assert_eq!(find("شوال"), Some((10, true)));
        assert_eq!(lex.weekdays.get("الاثنين"), Some(&0));
        assert_eq!(lex.weekdays.get("الجمعه"), Some(&4));
    }
}
