//! `/districts/` for a province or city of any size: current units first,
//! grouped by parent and level and sorted by name, then the former units
//! with what they became. Each unit carries the folded words a reader may
//! type to find it (its name, its level, its former names), so the filter
//! box matches without diacritics and finds a former name's successors.

use serde::Serialize;

use crate::districts::UnitId;

use super::context::{listing_url, ArticleLink, DistrictValue, TermValue};
use super::Shared;
use crate::index::Listing;
use crate::model::Kind;

/// One heading of the list and its units.
#[derive(Serialize)]
pub(super) struct UnitGroup<'a> {
    /// The parent's name, where the units have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<TermValue<'a>>,
    /// `phường`, `xã`, as `site.toml` writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a str>,
    units: Vec<UnitEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct UnitEntry<'a> {
    #[serde(flatten)]
    unit: DistrictValue<'a>,
    /// The units merged into this one, by name: how a reader who knows
    /// the old name finds it.
    predecessors: Vec<&'a str>,
    /// Lower case, without diacritics (`đ` is `d`), words separated by
    /// one space: what the filter box matches.
    search: String,
}

/// `groups` and `former` of `districts.html`.
#[derive(Serialize)]
pub(super) struct UnitGroups<'a> {
    pub(super) groups: Vec<UnitGroup<'a>>,
    pub(super) former: Vec<UnitGroup<'a>>,
    /// How many current units there are.
    pub(super) current_count: usize,
}

impl<'a> UnitGroups<'a> {
    pub(super) fn new(shared: &'a Shared) -> UnitGroups<'a> {
        let units = &shared.units;
        let (current, former): (Vec<UnitId>, Vec<UnitId>) =
            units.ids().partition(|&i| units.unit(i).valid_to.is_none());
        let current_count = current.len();
        UnitGroups {
            groups: grouped(shared, current, true),
            former: grouped(shared, former, false),
            current_count,
        }
    }
}

/// Folded words: `Phường Đất Đỏ` → `phuong dat do`.
pub(super) fn folded(text: &str) -> String {
    crate::slug::slugify(text).replace('-', " ")
}

/// Each word once, in the order of first use.
fn distinct_words(text: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    text.split(' ')
        .filter(|word| seen.insert(*word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups `ids` by parent (current units only) and level, in the order the
/// groups first appear in `site.toml`, each sorted by name.
fn grouped<'a>(shared: &'a Shared, ids: Vec<UnitId>, by_parent: bool) -> Vec<UnitGroup<'a>> {
    let units = &shared.units;
    let mut keys: Vec<(Option<UnitId>, Option<&str>)> = Vec::new();
    let mut members: Vec<Vec<UnitId>> = Vec::new();
    for id in ids {
        let parent = if by_parent { units.parent(id) } else { None };
        let key = (parent, units.unit(id).level.as_deref());
        match keys.iter().position(|k| *k == key) {
            Some(at) => members[at].push(id),
            None => {
                keys.push(key);
                members.push(vec![id]);
            }
        }
    }
    keys.into_iter()
        .zip(members)
        .map(|((parent, level), mut ids)| {
            ids.sort_by_cached_key(|&i| sort_key(units.unit(i).name.as_str(), level));
            UnitGroup {
                parent: parent
                    .map(|p| TermValue::of_listing(&shared.root, shared.index.district(p))),
                level,
                units: ids.into_iter().map(|i| entry(shared, i)).collect(),
            }
        })
        .collect()
}

/// A unit's name as it sorts: without its level's prefix (`Phường Bà Rịa`
/// sorts as `bà rịa`), by letters without marks, where `đ` is a letter of
/// its own after `d` (`Dĩ An` before `Đất Đỏ`), then as written so that
/// the order is total.
fn sort_key(name: &str, level: Option<&str>) -> (Vec<(char, bool)>, String) {
    fn letters(text: &str) -> Vec<(char, bool)> {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        text.nfd()
            .filter(|&c| !is_combining_mark(c))
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'đ' { ('d', true) } else { (c, false) })
            .collect()
    }
    let mut key = letters(name);
    if let Some(prefix) = level.map(letters) {
        if key.starts_with(&prefix) && key.get(prefix.len()) == Some(&(' ', false)) {
            key.drain(..=prefix.len());
        }
    }
    (key, name.to_string())
}

fn entry<'a>(shared: &'a Shared, id: UnitId) -> UnitEntry<'a> {
    let units = &shared.units;
    let unit = units.unit(id);
    let predecessors: Vec<&str> = units
        .predecessors(id)
        .iter()
        .map(|&other| units.unit(other).name.as_str())
        .collect();
    let successors = unit
        .merged_into
        .iter()
        .filter_map(|k| units.index_of(k))
        .map(|s| units.unit(s).name.as_str());
    let mut words: Vec<&str> = vec![unit.name.as_str(), &unit.key.0];
    words.extend(unit.level.as_deref());
    words.extend(predecessors.iter().copied());
    words.extend(successors);
    words.extend(unit.aliases.iter().map(String::as_str));
    UnitEntry {
        unit: DistrictValue::flat(shared, id),
        predecessors,
        search: distinct_words(&folded(&words.join(" "))),
    }
}

/// How many articles `latest.json` carries: what the home page of a
/// reader who picked the unit shows first.
pub(super) const LATEST: usize = 5;

/// `districts/<key>/latest.json`: the unit's name and page and its newest
/// articles, read by `units.js` on the home page.
pub(super) fn latest_json(shared: &Shared, listing: &Listing) -> Vec<u8> {
    #[derive(Serialize)]
    struct Latest<'a> {
        name: &'a str,
        url: String,
        items: Vec<ArticleLink<'a>>,
    }
    let items = listing
        .articles
        .iter()
        .take(LATEST)
        .map(|&i| ArticleLink::new(&shared.words, shared.site.article(i)))
        .collect();
    let latest = Latest {
        name: &listing.name,
        url: listing_url(&shared.root, Kind::District, &listing.key, 1),
        items,
    };
    serde_json::to_vec(&latest).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_without_their_level_and_diacritics() {
        let mut names = vec![
            "Phường Vũng Tàu",
            "Phường Đất Đỏ",
            "Phường Bà Rịa",
            "Phường Dĩ An",
            "Phường Duyên Hải",
            "Phường Ea Kao",
        ];
        names.sort_by_cached_key(|n| sort_key(n, Some("phường")));
        assert_eq!(
            names,
            [
                "Phường Bà Rịa",
                "Phường Dĩ An",
                "Phường Duyên Hải",
                "Phường Đất Đỏ",
                "Phường Ea Kao",
                "Phường Vũng Tàu"
            ]
        );
    }

    #[test]
    fn folding_drops_marks_and_d_bar() {
        assert_eq!(folded("Đất Đỏ, Bông Trang"), "dat do bong trang");
        assert_eq!(folded("Xã Hồ Tràm"), "xa ho tram");
    }
}
