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

/// A unit's place in `config.districts`, which is also the place of its
/// listing in `Index::districts`: how the units name each other, so that
/// an index into one list is never taken for another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId(pub usize);

/// The units of a site as a graph of parents and successors.
#[derive(Debug, Clone)]
pub struct Units<'a> {
    pub units: &'a [District],
    slot: BTreeMap<&'a str, UnitId>,
    /// For each unit, the units that were merged into it.
    predecessors: Vec<Vec<UnitId>>,
    children: Vec<Vec<UnitId>>,
    parent: Vec<Option<UnitId>>,
}

impl<'a> Units<'a> {
    pub fn new(config: &'a SiteConfig) -> Units<'a> {
        let units = config.districts.as_slice();
        let slot: BTreeMap<&str, UnitId> = units
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key.0.as_str(), UnitId(i)))
            .collect();
        let mut predecessors = vec![Vec::new(); units.len()];
        let mut children = vec![Vec::new(); units.len()];
        let mut parent = vec![None; units.len()];
        for (i, unit) in units.iter().enumerate() {
            for successor in &unit.merged_into {
                if let Some(&s) = slot.get(successor.0.as_str()) {
                    predecessors[s.0].push(UnitId(i));
                }
            }
            if let Some(&p) = unit.parent.as_ref().and_then(|p| slot.get(p.0.as_str())) {
                children[p.0].push(UnitId(i));
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

    /// Every unit's id, in `site.toml` order.
    pub fn ids(&self) -> impl Iterator<Item = UnitId> {
        (0..self.units.len()).map(UnitId)
    }

    pub fn unit(&self, id: UnitId) -> &'a District {
        &self.units[id.0]
    }

    pub fn index_of(&self, key: &DistrictKey) -> Option<UnitId> {
        self.slot.get(key.0.as_str()).copied()
    }

    /// The units (ascending) whose listings show an article about `named`
    /// units dated `date`.
    pub fn listings_for(&self, named: &[DistrictKey], date: DateTime<FixedOffset>) -> Vec<UnitId> {
        let mut included = vec![false; self.units.len()];
        let mut stack: Vec<UnitId> = named.iter().filter_map(|k| self.index_of(k)).collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut included[i.0], true) {
                continue;
            }
            stack.extend(self.parent[i.0]);
            for &before in &self.predecessors[i.0] {
                if self
                    .unit(before)
                    .valid_to
                    .is_some_and(|merged| date >= merged)
                {
                    stack.push(before);
                }
            }
        }
        self.ids().filter(|i| included[i.0]).collect()
    }

    /// The units that hold the area of unit `i` at `date`, after it ended:
    /// its successors, and where a successor has itself ended, that one's
    /// successors, and so on (several when an area was divided). Also the
    /// successors passed on the way because they had ended too. Both in
    /// `site.toml`'s order of `merged_into`, depth first.
    pub fn successors_at(
        &self,
        i: UnitId,
        date: DateTime<FixedOffset>,
    ) -> (Vec<UnitId>, Vec<UnitId>) {
        let next = |u: UnitId| -> Vec<UnitId> {
            self.unit(u)
                .merged_into
                .iter()
                .filter_map(|k| self.index_of(k))
                .collect()
        };
        self.walk(next(i), date, |u| {
            let unit = self.unit(u);
            unit.valid_to.is_some_and(|to| date >= to).then(|| next(u))
        })
    }

    /// The units that held the area of unit `i` at `date`, before it began:
    /// those merged into it, and where one of them did not exist yet
    /// either, those merged into that one, and so on. Also the units passed
    /// on the way.
    pub fn predecessors_at(
        &self,
        i: UnitId,
        date: DateTime<FixedOffset>,
    ) -> (Vec<UnitId>, Vec<UnitId>) {
        self.walk(self.predecessors[i.0].clone(), date, |u| {
            self.unit(u)
                .valid_from
                .is_some_and(|from| date < from)
                .then(|| self.predecessors[u.0].clone())
        })
    }

    /// From `start`, the units that exist at `date`, going on through
    /// those for which `beyond` gives the next units; each unit once, so
    /// that a circle in the history cannot loop.
    fn walk(
        &self,
        start: Vec<UnitId>,
        date: DateTime<FixedOffset>,
        beyond: impl Fn(UnitId) -> Option<Vec<UnitId>>,
    ) -> (Vec<UnitId>, Vec<UnitId>) {
        let mut seen = vec![false; self.units.len()];
        let mut existing = Vec::new();
        let mut passed = Vec::new();
        let mut stack: Vec<UnitId> = start.into_iter().rev().collect();
        while let Some(u) = stack.pop() {
            if std::mem::replace(&mut seen[u.0], true) {
                continue;
            }
            if self.unit(u).exists_at(date) {
                existing.push(u);
            } else if let Some(next) = beyond(u) {
                passed.push(u);
                stack.extend(next.into_iter().rev());
            }
        }
        (existing, passed)
    }

    /// The units merged into `i`, at any date, in `site.toml` order.
    pub fn predecessors(&self, i: UnitId) -> &[UnitId] {
        &self.predecessors[i.0]
    }

    pub fn children(&self, i: UnitId) -> &[UnitId] {
        &self.children[i.0]
    }

    pub fn parent(&self, i: UnitId) -> Option<UnitId> {
        self.parent[i.0]
    }

    /// Units without a parent, in `site.toml` order.
    pub fn roots(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.ids().filter(|i| self.parent[i.0].is_none())
    }

    /// The units a resident chooses from today: not ended, and either at the
    /// first level below a root (the districts of a province) or a root with
    /// no children (a flat list). Independent of the clock, so builds stay
    /// reproducible.
    pub fn current_choices(&self) -> Vec<UnitId> {
        self.ids()
            .filter(|&i| self.unit(i).valid_to.is_none())
            .filter(|&i| match self.parent[i.0] {
                None => self.children[i.0].is_empty(),
                Some(p) => self.parent[p.0].is_none(),
            })
            .collect()
    }
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

    fn keys(config: &SiteConfig, ids: Vec<UnitId>) -> Vec<&str> {
        ids.into_iter()
            .map(|i| config.districts[i.0].key.0.as_str())
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
