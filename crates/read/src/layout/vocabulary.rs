//! The small web-UI vocabulary that page furniture is written in.
//!
//! Written from general knowledge of Arabic and English news sites (share bars, print buttons,
//! comment forms, pagers, related-article boxes, copyright footers), not from any article we
//! score on. Entries are stored in the matching form of `isnad_text` (alef forms folded, ة as ه,
//! Latin lower-cased), so spelling variants of the same button match one entry.

use isnad_text::normalize::normalize_str;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What kind of widget a UI word belongs to; the first kind found names the furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    Share,
    Comment,
    Navigation,
}

impl WidgetKind {
    pub fn reason(self) -> &'static str {
        match self {
            WidgetKind::Share => "share widget",
            WidgetKind::Comment => "comment widget",
            WidgetKind::Navigation => "navigation",
        }
    }
}

/// Buttons of share and print bars, social networks.
const SHARE_WORDS: &[&str] = &[
    "مشاركة", "شارك", "شاركها", "شاركوا", "طباعة", "اطبع", "فيسبوك", "فيس", "بوك", "تويتر", "واتساب", "واتس",
    "تلغرام", "تيليجرام", "تليجرام", "لينكدإن", "انستغرام", "انستجرام", "يوتيوب", "البريد", "الإلكتروني",
    "الالكتروني", "إرسال", "ارسل", "أرسل", "لصديق", "حفظ", "نسخ", "الرابط", "غرد", "تغريد", "facebook",
    "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "email", "e-mail", "mail", "print",
    "share", "tweet", "google", "messenger", "copy", "link",
];

/// Comment forms and counters.
const COMMENT_WORDS: &[&str] = &[
    "تعليق", "تعليقات", "التعليقات", "التعليق", "اضافة", "إضافة", "أضف", "اضف", "علق", "comment", "comments",
    "reply", "رد", "تعليقك",
];

/// Pagers, menus, search boxes, account links, font-size buttons.
const NAVIGATION_WORDS: &[&str] = &[
    "عودة", "للأعلى", "الأعلى", "أعلى", "الرئيسية", "القائمة", "بحث", "ابحث", "التالي", "السابق", "المزيد",
    "تكبير", "تصغير", "الخط", "حجم", "دخول", "خروج", "اشترك", "تسجيل", "home", "menu", "search", "next",
    "previous", "prev", "back", "top", "more", "login", "log", "sign", "in", "up", "out", "register",
    "subscribe", "newsletter", "welcome", "skip", "to", "content", "this", "site", "user", "read", "a+", "a-",
    "go",
];

/// Labels that open a box of links to other articles.
const RELATED_LABELS: &[&str] = &[
    "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "شاهد أيضا", "اقرأ المزيد", "ذات صلة", "مواضيع ذات صلة",
    "أخبار ذات صلة", "مقالات ذات صلة", "موضوعات ذات صلة", "مقالات مشابهة", "أخبار متعلقة", "مواضيع متعلقة",
    "مرتبط", "مرتبطة", "رابط الخبر", "رابط المقال", "رابط مختصر", "الرابط المختصر", "read more", "read also",
    "related", "see also",
];

/// Labels that open a list of tags.
const TAG_LABELS: &[&str] =
    &["الكلمات الدالة", "كلمات دالة", "الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم", "وسوم", "tags", "tag"];

/// Phrases of copyright footers and site credits.
const COPYRIGHT_PHRASES: &[&str] = &[
    "جميع الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر", "حقوق الطبع", "copyright", "all rights reserved",
    "تم التصميم", "تصميم وتطوير", "powered by", "designed by", "developed by",
];

/// Phrases of comment forms that start a page's footer.
const COMMENT_PHRASES: &[&str] = &["لا توجد تعليقات", "أضف تعليق", "اضف تعليقك", "إضافة تعليق", "اضافة تعليق", "التعليقات"];

/// Phrases of navigation blocks (most-read boxes, account links); two on one line mark a menu.
const NAVIGATION_PHRASES: &[&str] = &[
    "أهم العناوين", "أحدث المقالات", "أحدث الأخبار", "آخر الأخبار", "ذات صلة", "الأكثر مشاهدة",
    "الأكثر قراءة", "الأكثر تعليقا", "فيديوهات", "تسجيل الدخول", "قد يعجبك", "تعجبك", "النشرة البريدية",
    "اشترك", "user login", "newsletter", "subscribe", "most read", "most viewed", "latest news",
];

/// Words a photo caption opens with, and words that mark a short line as a caption.
const CAPTION_OPENERS: &[&str] = &["صورة", "الصورة", "صور", "تصوير", "photo", "image"];
const CAPTION_MARKERS: &[&str] = &["أرشيفية", "أرشيف", "الأرشيف", "تعبيرية", "توضيحية", "تصوير", "مصدر", "afp", "getty"];

/// Words that introduce a byline.
const BYLINE_CUES: &[&str] = &["إعداد", "اعداد", "كتب", "كتبت", "بقلم", "تحرير", "ترجمة", "متابعة", "تقرير", "by"];

/// Words near a captcha's arithmetic.
const CAPTCHA_WORDS: &[&str] =
    &["اكتب", "ناتج", "حاصل", "مجموع", "أدخل", "ادخل", "الرمز", "التحقق", "captcha", "result", "solve", "sum"];

/// Words that show a date is a publication date.
const PUBLISHED_CUES: &[&str] = &["نشر", "نشرت", "تاريخ", "بتاريخ", "published", "posted", "updated", "تحديث"];

fn fold_all(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| normalize_str(&w.to_lowercase())).collect()
}

fn set(words: &[&str]) -> HashSet<String> {
    fold_all(words).into_iter().collect()
}

/// The vocabulary, folded once.
pub struct Vocabulary {
    share: HashSet<String>,
    comment: HashSet<String>,
    navigation: HashSet<String>,
    pub related_labels: Vec<String>,
    pub tag_labels: Vec<String>,
    pub copyright_phrases: Vec<String>,
    pub comment_phrases: Vec<String>,
    pub navigation_phrases: Vec<String>,
    caption_openers: HashSet<String>,
    caption_markers: HashSet<String>,
    byline_cues: HashSet<String>,
    captcha_words: HashSet<String>,
    published_cues: HashSet<String>,
}

/// The shared, folded vocabulary.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| Vocabulary {
        share: set(SHARE_WORDS),
        comment: set(COMMENT_WORDS),
        navigation: set(NAVIGATION_WORDS),
        related_labels: fold_all(RELATED_LABELS),
        tag_labels: fold_all(TAG_LABELS),
        copyright_phrases: fold_all(COPYRIGHT_PHRASES),
        comment_phrases: fold_all(COMMENT_PHRASES),
        navigation_phrases: fold_all(NAVIGATION_PHRASES),
        caption_openers: set(CAPTION_OPENERS),
        caption_markers: set(CAPTION_MARKERS),
        byline_cues: set(BYLINE_CUES),
        captcha_words: set(CAPTCHA_WORDS),
        published_cues: set(PUBLISHED_CUES),
    })
}

impl Vocabulary {
    /// The widget a folded word is a button of, if any.
    pub fn widget_kind(&self, folded: &str) -> Option<WidgetKind> {
        if self.share.contains(folded) {
            Some(WidgetKind::Share)
        } else if self.comment.contains(folded) {
            Some(WidgetKind::Comment)
        } else if self.navigation.contains(folded) {
            Some(WidgetKind::Navigation)
        } else {
            None
        }
    }

    pub fn is_caption_opener(&self, folded: &str) -> bool {
        self.caption_openers.contains(folded)
    }

    pub fn is_caption_marker(&self, folded: &str) -> bool {
        self.caption_markers.contains(folded)
    }

    pub fn is_byline_cue(&self, folded: &str) -> bool {
        self.byline_cues.contains(folded)
    }

    pub fn is_captcha_word(&self, folded: &str) -> bool {
        self.captcha_words.contains(folded)
    }

    pub fn is_published_cue(&self, folded: &str) -> bool {
        self.published_cues.contains(folded)
    }
}

/// True when the folded line starts with one of the folded phrases, as whole words.
pub fn starts_with_phrase(folded_line: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        folded_line.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// How many of the folded phrases occur in the folded line, as whole words.
pub fn count_phrases(folded_line: &str, phrases: &[String]) -> usize {
    let padded = format!(" {folded_line} ");
    phrases.iter().filter(|p| padded.contains(&format!(" {p} "))).count()
}
