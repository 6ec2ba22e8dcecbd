//! Administrative units through time.
//!
//! Vietnam's units are merged, renamed and abolished; a resident who
//! subscribed to the old one must keep getting the news of the area. This
//! module answers, from `site.toml` alone, which units' listings an article
//! belongs to: the units it names, their parents (a parent lists its
//! children's articles), and the units that were merged into those before
//! the article's date (their subscribers keep receiving the successor's news).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::config::{District, DistrictKey, SiteConfig};

/// The units of a site as a graph of parents and successors.
#[derive(Debug, Clone)]
pub struct Units<'a> {
    pub units: &'a [District],
    slot: BTreeMap<&'a str, usize>,
    /// For each unit, the units that were merged into it.
    predecessors: Vec<Vec<usize>>,
    children: Vec<Vec<usize>>,
    parent: Vec<Option<usize>>,
}

impl<'a> Units<'a> {
    pub fn new(config: &'a SiteConfig) -> Units<'a> {
        let units = config.districts.as_slice();
        let slot: BTreeMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key.0.as_str(), i))
            .collect();
        let mut predecessors = vec![Vec::new(); units.len()];
        let mut children = vec![Vec::new(); units.len()];
        let mut parent = vec![None; units.len()];
        for (i, unit) in units.iter().enumerate() {
            for successor in &unit.merged_into {
                if let Some(&s) = slot.get(successor.0.as_str()) {
                    predecessors[s].push(i);
                }
            }
            if let Some(&p) = unit.parent.as_ref().and_then(|p| slot.get(p.0.as_str())) {
                children[p].push(i);
                parent[i] = Some(p);
            }
        }
        Units {
            units,
            slot,
            predecessors,
            children,
            parent,
        }
    }

    pub fn index_of(&self, key: &DistrictKey) -> Option<usize> {
        self.slot.get(key.0.as_str()).copied()
    }

    /// The units (by index, ascending) whose listings show an article about
    /// `named` units dated `date`.
    pub fn listings_for(&self, named: &[DistrictKey], date: DateTime<FixedOffset>) -> Vec<usize> {
        let mut included = vec![false; self.units.len()];
        let mut stack: Vec<usize> = named.iter().filter_map(|k| self.index_of(k)).collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut included[i], true) {
                continue;
            }
            stack.extend(self.parent[i]);
            for &before in &self.predecessors[i] {
                if self.units[before]
                    .valid_to
                    .is_some_and(|merged| date >= merged)
                {
                    stack.push(before);
                }
            }
        }
        (0..self.units.len()).filter(|&i| included[i]).collect()
    }

    /// The units that hold the area of unit `i` at `date`, after it ended:
    /// its successors, and where a successor has itself ended, that one's
    /// successors, and so on (several when an area was divided). Also the
    /// successors passed on the way because they had ended too. Both in
    /// `site.toml`'s order of `merged_into`, depth first.
    pub fn successors_at(&self, i: usize, date: DateTime<FixedOffset>) -> (Vec<usize>, Vec<usize>) {
        let next = |u: usize| -> Vec<usize> {
            self.units[u]
                .merged_into
                .iter()
                .filter_map(|k| self.index_of(k))
                .collect()
        };
        self.walk(next(i), date, |u| {
            let unit = &self.units[u];
            unit.valid_to.is_some_and(|to| date >= to).then(|| next(u))
        })
    }

    /// The units that held the area of unit `i` at `date`, before it began:
    /// those merged into it, and where one of them did not exist yet
    /// either, those merged into that one, and so on. Also the units passed
    /// on the way.
    pub fn predecessors_at(
        &self,
        i: usize,
        date: DateTime<FixedOffset>,
    ) -> (Vec<usize>, Vec<usize>) {
        self.walk(self.predecessors[i].clone(), date, |u| {
            self.units[u]
                .valid_from
                .is_some_and(|from| date < from)
                .then(|| self.predecessors[u].clone())
        })
    }

    /// From `start`, the units that exist at `date`, going on through
    /// those for which `beyond` gives the next units; each unit once, so
    /// that a circle in the history cannot loop.
    fn walk(
        &self,
        start: Vec<usize>,
        date: DateTime<FixedOffset>,
        beyond: impl Fn(usize) -> Option<Vec<usize>>,
    ) -> (Vec<usize>, Vec<usize>) {
        let mut seen = vec![false; self.units.len()];
        let mut existing = Vec::new();
        let mut passed = Vec::new();
        let mut stack: Vec<usize> = start.into_iter().rev().collect();
        while let Some(u) = stack.pop() {
            if std::mem::replace(&mut seen[u], true) {
                continue;
            }
            if self.units[u].exists_at(date) {
                existing.push(u);
            } else if let Some(next) = beyond(u) {
                passed.push(u);
                stack.extend(next.into_iter().rev());
            }
        }
        (existing, passed)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.parent[i]
    }

    /// Units without a parent, in `site.toml` order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.units.len()).filter(|&i| self.parent[i].is_none())
    }

    /// The units a resident chooses from today: not ended, and either at the
    /// first level below a root (the districts of a province) or a root with
    /// no children (a flat list). Independent of the clock, so builds stay
    /// reproducible.
    pub fn current_choices(&self) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&i| self.units[i].valid_to.is_none())
            .filter(|&i| match self.parent[i] {
                None => self.children[i].is_empty(),
                Some(p) => self.parent[p].is_none(),
            })
            .collect()
    }
}

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
    pub fn new(unit: &District) -> UnitName {
        let slug = crate::slug::slugify(&unit.name);
        let prefix = prefix_of(&unit.name);
        let bare_from = prefix
            .and_then(|(_, p)| after_prefix(&slug, p))
            .unwrap_or(0);
        let level = prefix
            .or_else(|| unit.level.as_deref().and_then(prefix_of))
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

/// The unit whose key or former key (`aliases`) is `key`.
pub fn by_key_or_alias<'a>(config: &'a SiteConfig, key: &str) -> Option<&'a District> {
    config
        .districts
        .iter()
        .find(|d| d.key.0 == key)
        .or_else(|| {
            config
                .districts
                .iter()
                .find(|d| d.aliases.iter().any(|a| a == key))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> SiteConfig {
        let text = r#"
title = "T"
base_url = "https://e.org"
[[districts]]
key = "tinh"
name = "Tỉnh"
[[districts]]
key = "dat-do"
name = "Huyện Đất Đỏ"
parent = "tinh"
valid_to = 2025-01-01
merged_into = ["long-dat"]
[[districts]]
key = "long-dat"
name = "Huyện Long Đất"
parent = "tinh"
valid_from = 2025-01-01
valid_to = 2025-07-01
merged_into = ["xa-long-hai", "xa-dat-do"]
[[districts]]
key = "xa-long-hai"
name = "Xã Long Hải"
valid_from = 2025-07-01
[[districts]]
key = "xa-dat-do"
name = "Xã Đất Đỏ"
valid_from = 2025-07-01
"#;
        SiteConfig::parse(Path::new("site.toml"), text).unwrap()
    }

    fn date(text: &str) -> DateTime<FixedOffset> {
        crate::dates::parse_date(text, FixedOffset::east_opt(7 * 3600).unwrap()).unwrap()
    }

    fn keys(config: &SiteConfig, indices: Vec<usize>) -> Vec<&str> {
        indices
            .into_iter()
            .map(|i| config.districts[i].key.0.as_str())
            .collect()
    }

    #[test]
    fn successors_news_reaches_the_old_units_subscribers_after_the_merge() {
        let config = config();
        let units = Units::new(&config);
        let long_dat = [DistrictKey("long-dat".into())];
        assert_eq!(
            keys(&config, units.listings_for(&long_dat, date("2025-03-01"))),
            ["tinh", "dat-do", "long-dat"]
        );
        assert_eq!(
            keys(&config, units.listings_for(&long_dat, date("2024-12-31"))),
            ["tinh", "long-dat"]
        );
        // Split among several successors, and through two reorganisations.
        let commune = [DistrictKey("xa-long-hai".into())];
        assert_eq!(
            keys(&config, units.listings_for(&commune, date("2025-08-01"))),
            ["tinh", "dat-do", "long-dat", "xa-long-hai"]
        );
    }

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

    #[test]
    fn successors_are_followed_to_the_units_of_the_date() {
        let config = config();
        let units = Units::new(&config);
        let dat_do = units.index_of(&DistrictKey("dat-do".into())).unwrap();
        let (now, passed) = units.successors_at(dat_do, date("2026-03-01"));
        assert_eq!(keys(&config, now), ["xa-long-hai", "xa-dat-do"]);
        assert_eq!(keys(&config, passed), ["long-dat"]);
        let (now, passed) = units.successors_at(dat_do, date("2025-03-01"));
        assert_eq!(keys(&config, now), ["long-dat"]);
        assert!(passed.is_empty());
    }

    #[test]
    fn predecessors_are_followed_to_the_units_of_the_date() {
        let config = config();
        let units = Units::new(&config);
        let commune = units.index_of(&DistrictKey("xa-long-hai".into())).unwrap();
        let (then, passed) = units.predecessors_at(commune, date("2024-03-01"));
        assert_eq!(keys(&config, then), ["dat-do"]);
        assert_eq!(keys(&config, passed), ["long-dat"]);
        let (then, passed) = units.predecessors_at(commune, date("2025-03-01"));
        assert_eq!(keys(&config, then), ["long-dat"]);
        assert!(passed.is_empty());
    }

    #[test]
    fn current_choices_leave_out_ended_units_and_roots_with_children() {
        let config = config();
        let units = Units::new(&config);
        assert_eq!(
            keys(&config, units.current_choices()),
            ["xa-long-hai", "xa-dat-do"]
        );
    }
}
