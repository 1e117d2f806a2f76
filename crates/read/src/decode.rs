//! Bytes to UTF-8 text: which encoding an input is in, and what was lost on the way.
//!
//! News pages arrive as UTF-8 (with or without BOM), as UTF-16 from Windows tools, and from older
//! Arabic sites as windows-1256 or ISO-8859-6. The order of evidence is: a byte-order mark, a
//! declared charset (HTML `<meta charset>`), valid UTF-8, the NUL-byte pattern of BOM-less UTF-16,
//! then byte statistics over the single-byte Arabic code pages. Binary data is refused rather than
//! decoded into noise. Nothing is changed silently: every replacement or guess becomes a warning.

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1256};

/// The decoded text of one input and how it was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// True when `text` is byte for byte the input (a leading UTF-8 BOM aside).
    pub text_is_input: bool,
    /// The encoding's name as encoding_rs spells it (`UTF-8`, `windows-1256`, ...).
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeFailure {
    Empty,
    Binary,
}

/// How many leading bytes the sniffing statistics look at: enough to judge, cheap on huge inputs.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes one input. `declared` is a charset label from outside the bytes (an HTTP header); it wins
/// over everything but a BOM.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeFailure> {
    if bytes.is_empty() {
        return Err(DecodeFailure::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if rest.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(DecodeFailure::Empty);
        }
        return Ok(decode_utf8(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_with(UTF_16LE, rest, "a byte-order mark");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_with(UTF_16BE, rest, "a byte-order mark");
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeFailure::Empty);
    }
    let label = declared.map(str::to_string).or_else(|| declared_in_markup(bytes));
    if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        if encoding == encoding_rs::UTF_8 {
            if looks_binary(bytes) {
                return Err(DecodeFailure::Binary);
            }
            return Ok(decode_utf8(bytes));
        }
        // Sites that moved to UTF-8 often keep their old windows-1256 declaration. Arabic in a
        // single-byte code page is never valid UTF-8 with multi-byte letters in it, so such bytes
        // are what they look like, whatever the label says.
        if encoding.is_single_byte() && is_multibyte_utf8(bytes) {
            let mut decoded = decode_utf8(bytes);
            decoded.warnings.push(format!("declared as {} but valid UTF-8; read as UTF-8", encoding.name()));
            return Ok(decoded);
        }
        return decode_with(encoding, bytes, "the declared charset");
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        return decode_with(encoding, bytes, "its NUL-byte pattern (no byte-order mark)");
    }
    if looks_binary(bytes) {
        return Err(DecodeFailure::Binary);
    }
    let (valid_multibyte, invalid) = utf8_census(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    if invalid == 0 || valid_multibyte >= invalid {
        return Ok(decode_utf8(bytes));
    }
    let encoding = guess_single_byte(bytes);
    decode_with(encoding, bytes, "not UTF-8; guessed from byte statistics")
}

/// Valid UTF-8 holding at least one multi-byte character.
fn is_multibyte_utf8(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| !text.is_ascii())
}

/// UTF-8, replacing and counting invalid sequences.
fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: text.to_string(), text_is_input: true, encoding: "UTF-8", warnings: Vec::new() },
        Err(_) => {
            let (text, replaced) = lossy_utf8(bytes);
            let plural = if replaced == 1 { "sequence" } else { "sequences" };
            Decoded {
                text,
                text_is_input: false,
                encoding: "UTF-8",
                warnings: vec![format!("{replaced} invalid UTF-8 {plural} replaced with U+FFFD")],
            }
        }
    }
}

/// Lossy UTF-8 decoding that also says how many replacements it made.
fn lossy_utf8(mut bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                text.push_str(rest);
                return (text, replaced);
            }
            Err(error) => {
                let (good, bad) = bytes.split_at(error.valid_up_to());
                // Safe by construction: `valid_up_to` marks the end of valid UTF-8.
                text.push_str(std::str::from_utf8(good).unwrap_or_default());
                text.push('\u{FFFD}');
                replaced += 1;
                let skip = error.error_len().unwrap_or(bad.len());
                bytes = &bad[skip..];
            }
        }
    }
}

/// Decodes with a known encoding, refusing the result if it is not text.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], evidence: &str) -> Result<Decoded, DecodeFailure> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if text.trim().is_empty() {
        return Err(DecodeFailure::Empty);
    }
    if control_share(&text) > 0.05 {
        return Err(DecodeFailure::Binary);
    }
    let mut warnings = vec![format!("decoded as {} ({evidence})", encoding.name())];
    if had_errors {
        let count = text.matches('\u{FFFD}').count();
        warnings.push(format!("{count} byte sequences invalid in {} replaced with U+FFFD", encoding.name()));
    }
    Ok(Decoded { text, text_is_input: false, encoding: encoding.name(), warnings })
}

/// A charset declared in the first bytes of an HTML or XML document (`<meta charset="...">`,
/// `content="text/html; charset=..."`, `<?xml ... encoding="..."?>`).
pub fn declared_in_markup(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let looks_like_markup = lower.windows(5).any(|w| w == b"<meta" || w == b"<?xml" || w == b"<html");
    if !looks_like_markup {
        return None;
    }
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let Some(at) = lower.windows(key.len()).position(|w| w == key) else { continue };
        let value: Vec<u8> = lower[at + key.len()..]
            .iter()
            .copied()
            .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_' || *b == b':' || *b == b'.')
            .collect();
        if !value.is_empty() {
            return String::from_utf8(value).ok();
        }
    }
    None
}

/// BOM-less UTF-16: ASCII characters put a NUL in every other byte, and Arabic letters put 0x06
/// there; text in UTF-8 or a single-byte code page has neither pattern.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 || !sample.contains(&0) {
        return None;
    }
    let high_share = |offset: usize| {
        let hits = sample.chunks_exact(2).filter(|p| p[offset] == 0 || p[offset] == 0x06).count();
        let nuls = sample.chunks_exact(2).filter(|p| p[offset] == 0).count();
        (hits as f64 / pairs as f64, nuls)
    };
    let (le_share, le_nuls) = high_share(1);
    let (be_share, be_nuls) = high_share(0);
    let candidate = if le_share >= 0.9 && le_nuls > 0 && le_share > be_share {
        UTF_16LE
    } else if be_share >= 0.9 && be_nuls > 0 && be_share > le_share {
        UTF_16BE
    } else {
        return None;
    };
    let (text, _) = candidate.decode_without_bom_handling(sample);
    (control_share(&text) < 0.02).then_some(candidate)
}

/// NUL bytes or many control characters: not a text file in any single- or multi-byte code page
/// we read (UTF-16 has been ruled out before this is asked).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x0B | 0x1B)).count();
    controls * 20 > sample.len().max(1)
}

/// Share of control characters (other than line and tab breaks) in decoded text.
fn control_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SNIFF_BYTES) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{0B}') {
            controls += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        controls as f64 / total as f64
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and invalid ones: a mostly-UTF-8 file with a few
/// broken bytes stays UTF-8; a legacy code page is almost all "invalid".
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    loop {
        let (good, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (good, bad) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(good).unwrap_or_default(), bad)
            }
        };
        valid_multibyte += good.chars().filter(|c| !c.is_ascii()).count();
        if rest.is_empty() {
            return (valid_multibyte, invalid);
        }
        match std::str::from_utf8(rest) {
            Err(e) => match e.error_len() {
                Some(n) => {
                    invalid += 1;
                    bytes = &rest[n..];
                }
                // A sequence cut off by the sample's end is not evidence either way.
                None => return (valid_multibyte, invalid),
            },
            Ok(_) => return (valid_multibyte, invalid),
        }
    }
}

/// Picks windows-1256, ISO-8859-6 or windows-1252 for bytes that are not UTF-8, by how Arabic the
/// decoded text looks: the article "ال" is the most frequent Arabic bigram and sits on different
/// bytes in the two Arabic code pages; undefined bytes and C1 controls count against a candidate.
fn guess_single_byte(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let score = |encoding: &'static Encoding| -> i64 {
        let (text, _) = encoding.decode_without_bom_handling(sample);
        let mut score = 0i64;
        let mut previous = ' ';
        for c in text.chars() {
            score += match c {
                '\u{0621}'..='\u{064A}' => 1,
                '\u{FFFD}' | '\u{0080}'..='\u{009F}' => -5,
                'À'..='ÿ' => -1,
                _ => 0,
            };
            if previous == 'ا' && c == 'ل' {
                score += 3;
            }
            previous = c;
        }
        score
    };
    let arabic_1256 = score(WINDOWS_1256);
    let arabic_iso = score(ISO_8859_6);
    if arabic_1256 <= 0 && arabic_iso <= 0 {
        return WINDOWS_1252;
    }
    if arabic_iso > arabic_1256 {
        ISO_8859_6
    } else {
        WINDOWS_1256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "قال المتحدث باسم الوزارة إن الاجتماع عقد في العاصمة أمس.";

    #[test]
    fn utf8_without_and_with_bom_is_the_input() {
        let plain = decode(ARABIC.as_bytes(), None).unwrap();
        assert_eq!(plain.text, ARABIC);
        assert!(plain.text_is_input && plain.warnings.is_empty());
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(ARABIC.as_bytes());
        let bom = decode(&with_bom, None).unwrap();
        assert_eq!(bom.text, ARABIC);
        assert!(bom.text_is_input);
    }

    #[test]
    fn windows_1256_is_recognised_by_statistics() {
        let (bytes, _, _) = WINDOWS_1256.encode(ARABIC);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, ARABIC);
        assert_eq!(decoded.encoding, "windows-1256");
        assert!(!decoded.text_is_input);
        assert!(decoded.warnings.iter().any(|w| w.contains("windows-1256")), "{:?}", decoded.warnings);
    }

    #[test]
    fn iso_8859_6_is_told_apart_from_windows_1256() {
        let (bytes, _, _) = ISO_8859_6.encode("قال المتحدث إن الاجتماع عقد في العاصمة وإن الوفد غادر");
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "ISO-8859-6");
        assert!(decoded.text.starts_with("قال المتحدث"));
    }

    #[test]
    fn utf16_with_bom_and_without() {
        for (bom, encoding) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
            let mut bytes = bom.to_vec();
            for unit in ARABIC.encode_utf16() {
                let pair = if encoding == UTF_16LE { unit.to_le_bytes() } else { unit.to_be_bytes() };
                bytes.extend_from_slice(&pair);
            }
            let with_bom = decode(&bytes, None).unwrap();
            assert_eq!(with_bom.text, ARABIC);
            assert!(!with_bom.text_is_input);
            let without = decode(&bytes[2..], None).unwrap();
            assert_eq!(without.text, ARABIC, "{}", encoding.name());
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.extend_from_slice(b" \xff x \xc3 y \xe2\x82");
        let decoded = decode(&bytes, None).unwrap();
        assert!(!decoded.text_is_input);
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 3);
        assert_eq!(decoded.warnings, vec!["3 invalid UTF-8 sequences replaced with U+FFFD".to_string()]);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"", None), Err(DecodeFailure::Empty));
        assert_eq!(decode(b" \n\t ", None), Err(DecodeFailure::Empty));
        assert_eq!(decode(&[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 0, 7, 0, 0, 0], None), Err(DecodeFailure::Binary));
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 1 } else { b'a' }).collect();
        assert_eq!(decode(&controls, None), Err(DecodeFailure::Binary));
    }

    #[test]
    fn a_declared_charset_wins() {
        let head = "<html><head><meta charset=\"windows-1256\"></head><body>";
        let mut bytes = head.as_bytes().to_vec();
        let (arabic, _, _) = WINDOWS_1256.encode(ARABIC);
        bytes.extend_from_slice(&arabic);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "windows-1256");
        assert!(decoded.text.contains(ARABIC));
        assert!(decoded.warnings[0].contains("declared"));
    }

    #[test]
    fn a_wrong_single_byte_declaration_on_utf8_text_is_overruled() {
        let page = format!("<html><head><meta charset=\"windows-1256\"></head><body>{ARABIC}</body></html>");
        let decoded = decode(page.as_bytes(), None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.contains(ARABIC));
        assert!(decoded.warnings.iter().any(|w| w.contains("declared as windows-1256")), "{:?}", decoded.warnings);
        let from_http = decode(ARABIC.as_bytes(), Some("iso-8859-6")).unwrap();
        assert_eq!(from_http.text, ARABIC);
    }
}
