//! Vietnamese-aware slugs for URLs.
//!
//! Vietnamese letters carry up to two marks (`ộ` is o + circumflex + dot
//! below); decomposing to NFD separates them from the base letter so they can
//! be dropped, whatever normalisation form the editor's keyboard produced.
//! `đ` has no decomposition and is mapped by hand.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `Đất Đỏ` → `dat-do`, `Mạng xã hội` → `mang-xa-hoi`. Only `a-z`, `0-9`,
/// other lower-case letters without marks, and single dashes survive.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// How many marks the letters of `text` carry (`lịch` has one, `Đất` three),
/// whatever its normalisation form: a spelling with more is the more
/// careful one.
pub(crate) fn diacritic_count(text: &str) -> usize {
    text.nfd()
        .filter(|&c| is_combining_mark(c) || c == 'đ' || c == 'Đ')
        .count()
}

/// Is `text` already a slug, as keys in `site.toml` must be?
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names() {
        assert_eq!(slugify("Đất Đỏ"), "dat-do");
        assert_eq!(slugify("Mạng xã hội"), "mang-xa-hoi");
        assert_eq!(slugify("Huyện Xuyên Mộc"), "huyen-xuyen-moc");
        assert_eq!(
            slugify("Nghị định 168/2024/NĐ-CP"),
            "nghi-dinh-168-2024-nd-cp"
        );
        assert_eq!(
            slugify("  --Luật   An ninh mạng 2018!! "),
            "luat-an-ninh-mang-2018"
        );
    }

    #[test]
    fn nfc_and_nfd_give_one_slug() {
        let nfc: String = "Bà Rịa – Vũng Tàu".nfc().collect();
        let nfd: String = "Bà Rịa – Vũng Tàu".nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(slugify(&nfc), slugify(&nfd));
        assert_eq!(slugify(&nfd), "ba-ria-vung-tau");
    }

    #[test]
    fn diacritics_are_counted_in_any_form() {
        assert_eq!(diacritic_count("du lich"), 0);
        assert_eq!(diacritic_count("du lịch"), 1);
        assert_eq!(diacritic_count("Đất Đỏ"), 5);
        let nfd: String = "Mạng xã hội".nfd().collect();
        assert_eq!(diacritic_count(&nfd), diacritic_count("Mạng xã hội"));
    }

    #[test]
    fn no_path_characters_survive() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a\\b"), "a-b");
        assert!(is_slug("xuyen-moc"));
        assert!(!is_slug("Xuyen-Moc"));
        assert!(!is_slug(""));
    }
}
