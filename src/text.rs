//! The one form every text loa reads is brought to: no BOM, `\n` line
//! ends, NFC, and no character XML cannot carry.

use unicode_normalization::UnicodeNormalization;

/// UTF-8 BOM and CRLF accepted, everything in NFC so that NFD titles and tags
/// behave like NFC ones, and control characters that XML cannot carry
/// dropped so that no feed breaks on them.
pub fn normalize_text(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    // Most files are already clean NFC: checking is far cheaper than
    // rebuilding the string.
    if !has_stray_control(&text) && is_nfc(&text) {
        return text;
    }
    let cleaned: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| !is_stray(c))
        .collect();
    cleaned.nfc().collect()
}

/// A control character other than newline and tab, or U+FFFE or U+FFFF:
/// XML cannot carry them, so no feed may get one.
pub(crate) fn is_stray(c: char) -> bool {
    c != '\n' && c != '\t' && (c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
}

/// Whether `text` has a character [`is_stray`] (a carriage return among
/// them): what [`normalize_text`] removes. Looks at bytes, because decoding every
/// character of every article was a tenth of loading a large site.
fn has_stray_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A first pass without an early exit, which the compiler vectorises:
    // C2 and EF only start the suspects, and are rare in Vietnamese text.
    let suspect = |b: u8| {
        ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
    };
    if !bytes.iter().fold(false, |any, &b| any | suspect(b)) {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &byte)| match byte {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        // C2 80 to C2 9F: U+0080 to U+009F, the C1 controls.
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        // EF BF BE and EF BF BF: U+FFFE and U+FFFF.
        0xef => bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)),
        _ => false,
    })
}

/// Whether `text` is certainly NFC. The letters of Vietnamese (and the
/// punctuation around them) are precomposed starters that are always
/// NFC; they are passed to the check as `a`, which leaves its answer the
/// same and skips two table lookups for each of them.
fn is_nfc(text: &str) -> bool {
    if text.chars().all(is_nfc_starter) {
        return true;
    }
    let chars = text
        .chars()
        .map(|c| if is_nfc_starter(c) { 'a' } else { c });
    unicode_normalization::is_nfc_quick(chars) == unicode_normalization::IsNormalized::Yes
}

/// ASCII, Latin-1, Latin Extended-A and -B (`đ`, `ơ`, `ư`), the IPA and
/// spacing modifier letters, Latin Extended Additional (`ạ` … `ỹ`) and
/// general punctuation (`–`, `“`, `…`): combining class 0 and NFC
/// quick-check Yes, every one (a unit test checks them all).
fn is_nfc_starter(c: char) -> bool {
    matches!(c, '\0'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{205f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_are_normalised() {
        let nfd: String = "Mạng".nfd().collect();
        let text = format!("\u{feff}---\r\ntitle: {nfd}\r\n---\r\nBody\u{0007}\r\n");
        let normalized = normalize_text(text);
        assert_eq!(normalized, "---\ntitle: Mạng\n---\nBody\n");
    }

    #[test]
    fn stray_controls_are_found_and_newlines_tabs_and_letters_kept() {
        for text in [
            "a\rb",
            "a\u{0}b",
            "\u{7f}",
            "a\u{85}",
            "\u{9f}",
            "x\u{fffe}",
            "\u{ffff}",
        ] {
            assert!(has_stray_control(text), "{text:?}");
            assert_ne!(normalize_text(text.to_string()), text, "{text:?}");
        }
        for text in [
            "a\nb\tc",
            "Mạng đỡ ưu ơ",
            "\u{a0}\u{a1}",
            "\u{fffd}\u{fff0}",
            "€ “…”",
        ] {
            assert!(!has_stray_control(text), "{text:?}");
        }
        // The bytes agree with the characters' definition, for every one.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(has_stray_control(&format!("x{c}y")), is_stray(c), "{c:?}");
        }
    }

    #[test]
    fn the_fast_nfc_starters_are_all_starters_and_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let starters = ('\0'..='\u{ffff}').filter(|&c| is_nfc_starter(c));
        let mut count = 0;
        for c in starters {
            count += 1;
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
        assert_eq!(count, 0x300 + 0x100 + 0x50);
        // A combining mark after a fast starter is still checked.
        assert!(!is_nfc("Ma\u{0323}ng"));
        assert!(!is_nfc("\u{1ea1}\u{0301}\u{0323}"));
        assert!(is_nfc("Mạng lưới đường phố"));
    }
}
