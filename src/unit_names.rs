//! How the names of administrative units are written and read: the
//! prefixes of their levels (`Xã`, `Phường`, `Thành phố`) and the readings
//! of a name an editor wrote.

/// An administrative level, as the prefix of a unit's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    Town,
    Township,
    District,
    UrbanDistrict,
    Commune,
    Ward,
    SpecialZone,
}

/// The prefixes an editor writes before a unit's name: the words with their
/// diacritics (abbreviations are ASCII), and the slug of the prefix.
const PREFIXES: &[(Level, &[&str], &str)] = &[
    (Level::Province, &["tỉnh"], "tinh"),
    (Level::City, &["thành", "phố"], "thanh-pho"),
    (Level::City, &["tp"], "tp"),
    (Level::Town, &["thị", "xã"], "thi-xa"),
    (Level::Town, &["tx"], "tx"),
    (Level::Township, &["thị", "trấn"], "thi-tran"),
    (Level::Township, &["tt"], "tt"),
    (Level::District, &["huyện"], "huyen"),
    (Level::UrbanDistrict, &["quận"], "quan"),
    (Level::Commune, &["xã"], "xa"),
    (Level::Ward, &["phường"], "phuong"),
    (Level::SpecialZone, &["đặc", "khu"], "dac-khu"),
];

/// The level a name starts with, and the slug of that prefix (`thanh-pho`),
/// which the slug of the name starts with. A word is a prefix word when it
/// is spelt as one, in any case, with its diacritics or with none at all:
/// `Thanh pho`, `THÀNH PHỐ` and `Tp.` are prefixes, `Tịnh` (in `Tịnh Biên`)
/// is not `tỉnh`.
pub fn prefix_of(text: &str) -> Option<(Level, &'static str)> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let text: std::borrow::Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    };
    // No prefix is longer than two words.
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let written = [words.next(), words.next()];
    PREFIXES.iter().find_map(|&(level, forms, slug)| {
        let matches =
            forms
                .iter()
                .zip(slug.split('-'))
                .zip(&written)
                .all(|((form, plain), word)| {
                    word.as_deref()
                        .is_some_and(|word| word == *form || (word.is_ascii() && word == plain))
                });
        matches.then_some((level, slug))
    })
}

/// Where the slug of a name goes on after the slug of its prefix `prefix`
/// (`thanh-pho-ha-long` → the byte of `ha-long`); the slug's length when
/// nothing follows.
pub fn after_prefix(slug: &str, prefix: &str) -> Option<usize> {
    let rest = slug.strip_prefix(prefix)?;
    match rest.strip_prefix('-') {
        Some(_) => Some(prefix.len() + 1),
        None => rest.is_empty().then_some(prefix.len()),
    }
}

/// A unit's name as written names are compared with it.
#[derive(Debug, Clone)]
pub struct UnitName {
    /// From the name's prefix, else from the unit's `level`.
    pub level: Option<Level>,
    /// The name as a slug.
    pub slug: String,
    /// Where the slug goes on after the prefix; 0 without one.
    pub bare_from: usize,
}

impl UnitName {
    /// `name` as written in `site.toml`, with the unit's `level` if given.
    pub fn new(name: &str, level: Option<&str>) -> UnitName {
        let slug = crate::slug::slugify(name);
        let prefix = prefix_of(name);
        let bare_from = prefix
            .and_then(|(_, p)| after_prefix(&slug, p))
            .unwrap_or(0);
        let level = prefix
            .or_else(|| level.and_then(prefix_of))
            .map(|(level, _)| level);
        UnitName {
            level,
            slug,
            bare_from,
        }
    }

    /// The name without its prefix, if it has one and anything follows it.
    pub fn bare(&self) -> Option<&str> {
        (self.bare_from > 0 && self.bare_from < self.slug.len())
            .then(|| &self.slug[self.bare_from..])
    }
}

/// The ways a name can be read, each a level (when it starts with one) and
/// the slug of what follows: `Huyện Long Điền` is `huyen-long-dien` and, at
/// the level of a district, `long-dien`. Both readings are kept, because a
/// name may begin with a word spelt like a prefix (`Quan Hóa`).
pub fn name_readings(text: &str) -> Vec<(Option<Level>, String)> {
    let slug = crate::slug::slugify(text);
    let bare = prefix_of(text).and_then(|(level, prefix)| {
        let rest = after_prefix(&slug, prefix)?;
        (rest < slug.len()).then(|| (Some(level), slug[rest..].to_string()))
    });
    std::iter::once((None, slug.clone())).chain(bare).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The level a name starts with and the slug of the rest.
    fn split_prefix(text: &str) -> Option<(Level, String)> {
        let (level, prefix) = prefix_of(text)?;
        let slug = crate::slug::slugify(text);
        let rest = after_prefix(&slug, prefix)?;
        Some((level, slug[rest..].to_string()))
    }

    #[test]
    fn prefixes_in_full_or_abbreviated_with_or_without_diacritics() {
        for (text, level, rest) in [
            ("Tỉnh Quảng Ninh", Level::Province, "quang-ninh"),
            ("Thành phố Hạ Long", Level::City, "ha-long"),
            ("THANH PHO Ha Long", Level::City, "ha-long"),
            ("thành pho Hạ Long", Level::City, "ha-long"),
            ("TP. Hạ Long", Level::City, "ha-long"),
            ("Tp.Hạ Long", Level::City, "ha-long"),
            ("tp-ha-long", Level::City, "ha-long"),
            ("Thị xã Quảng Yên", Level::Town, "quang-yen"),
            ("TX Quảng Yên", Level::Town, "quang-yen"),
            ("Thị trấn Tiên Yên", Level::Township, "tien-yen"),
            ("TT Tiên Yên", Level::Township, "tien-yen"),
            ("Huyện Tiên Yên", Level::District, "tien-yen"),
            ("huyen tien yen", Level::District, "tien-yen"),
            ("Quận 1", Level::UrbanDistrict, "1"),
            ("Xã Long Hải", Level::Commune, "long-hai"),
            ("Phường Bãi Cháy", Level::Ward, "bai-chay"),
            ("Đặc khu Côn Đảo", Level::SpecialZone, "con-dao"),
            ("dac khu con dao", Level::SpecialZone, "con-dao"),
            ("huyện", Level::District, ""),
            (
                "thành phố trực thuộc trung ương",
                Level::City,
                "truc-thuoc-trung-uong",
            ),
        ] {
            assert_eq!(
                split_prefix(text),
                Some((level, rest.to_string())),
                "{text}"
            );
        }
        // Spelt like a prefix only once the diacritics are gone.
        assert_eq!(split_prefix("Tịnh Biên"), None);
        assert_eq!(split_prefix("Xuyên Mộc"), None);
        assert_eq!(split_prefix("Thanh Hóa"), None);
        // Both readings of a name that may start with a prefix.
        assert_eq!(
            name_readings("Quan Hóa"),
            [
                (None, "quan-hoa".to_string()),
                (Some(Level::UrbanDistrict), "hoa".to_string())
            ]
        );
        assert_eq!(name_readings("Huyện"), [(None, "huyen".to_string())]);
    }
}
