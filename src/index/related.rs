//! What an article page offers next: up to five related articles, and the
//! previous and next article of its main unit.
//!
//! Related means sharing laws, tags or named units. A tag of a large site
//! may hold thousands of articles; only those nearest in date to the
//! article are weighed ([`WINDOW`] per term), which bounds the work per
//! article whatever the size of the site.

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap as HashMap;

use super::{Index, Listing};
use crate::model::{Article, ArticleId, PerArticle, ValidSite};

/// How many related articles a page shows.
pub const RELATED: usize = 5;
/// How many articles of one term's listing around the article are weighed.
const WINDOW: usize = 100;

/// What an article page links to besides its own terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// Newest first, never the article itself.
    pub related: Vec<ArticleId>,
    /// The next older and the next newer article of the main unit's
    /// listing (the site's for a province-wide article).
    pub older: Option<ArticleId>,
    pub newer: Option<ArticleId>,
}

/// The neighbours of every article of `site`.
pub fn build(site: &ValidSite, index: &Index) -> PerArticle<Neighbours> {
    use rayon::prelude::*;
    let named = named_units(site);
    let tags: HashMap<&str, &Listing> = index.tags.iter().map(|l| (l.key.as_str(), l)).collect();
    let laws: HashMap<&str, &Listing> = index.laws.iter().map(|l| (l.key.as_str(), l)).collect();
    let units: HashMap<&str, &Listing> = index
        .districts
        .iter()
        .map(|l| (l.key.as_str(), l))
        .collect();
    let neighbours: Vec<Neighbours> = site
        .article_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| {
            let article = site.article(id);
            let mut weighed: Vec<(&[ArticleId], u32)> = Vec::new();
            weighed.extend(
                article
                    .laws
                    .iter()
                    .filter_map(|t| laws.get(t.slug.as_str()))
                    .map(|l| (l.articles.as_slice(), 3)),
            );
            weighed.extend(
                article
                    .tags
                    .iter()
                    .filter_map(|t| tags.get(t.slug.as_str()))
                    .map(|l| (l.articles.as_slice(), 2)),
            );
            weighed.extend(
                article
                    .districts
                    .iter()
                    .filter_map(|d| named.get(d.0.as_str()))
                    .map(|ids| (ids.as_slice(), 1)),
            );
            let main = article
                .districts
                .first()
                .and_then(|d| units.get(d.0.as_str()))
                .map_or(index.newest.as_slice(), |l| l.articles.as_slice());
            let (older, newer) = around(site, main, id);
            Neighbours {
                related: related(site, id, &weighed),
                older,
                newer,
            }
        })
        .collect();
    PerArticle::collect(neighbours)
}

/// Per unit key, the articles that name it, newest first: the articles of
/// the whole province are in every unit's listing, and would make every
/// article related to every other.
fn named_units(site: &ValidSite) -> HashMap<&str, Vec<ArticleId>> {
    let mut named: HashMap<&str, Vec<ArticleId>> = HashMap::default();
    for id in super::newest_first(&site.articles) {
        for unit in &site.article(id).districts {
            named.entry(unit.0.as_str()).or_default().push(id);
        }
    }
    named
}

/// The order of every listing: newest first, then by URL.
fn order(article: &Article) -> (Reverse<DateTime<FixedOffset>>, &str) {
    (Reverse(article.date), &article.url)
}

/// Where `id` is in `listing`: found by its date, as the listing was
/// sorted.
fn position(site: &ValidSite, listing: &[ArticleId], id: ArticleId) -> Option<usize> {
    let wanted = order(site.article(id));
    listing
        .binary_search_by(|&other| order(site.article(other)).cmp(&wanted))
        .ok()
}

/// The articles just older and just newer than `id` in `listing`.
fn around(
    site: &ValidSite,
    listing: &[ArticleId],
    id: ArticleId,
) -> (Option<ArticleId>, Option<ArticleId>) {
    match position(site, listing, id) {
        Some(at) => (
            listing.get(at + 1).copied(),
            at.checked_sub(1).and_then(|i| listing.get(i).copied()),
        ),
        None => (None, None),
    }
}

/// The [`RELATED`] articles sharing the most weight with `id` (newer
/// first on a tie), shown newest first.
fn related(site: &ValidSite, id: ArticleId, weighed: &[(&[ArticleId], u32)]) -> Vec<ArticleId> {
    let mut score: HashMap<ArticleId, u32> = HashMap::default();
    for &(listing, weight) in weighed {
        let at = position(site, listing, id).unwrap_or(0);
        let start = at.saturating_sub(WINDOW / 2);
        let end = (start + WINDOW).min(listing.len());
        for &other in &listing[start..end] {
            if other != id {
                *score.entry(other).or_default() += weight;
            }
        }
    }
    let mut ranked: Vec<(u32, ArticleId)> = score.into_iter().map(|(a, s)| (s, a)).collect();
    let newer = |a: ArticleId| order(site.article(a));
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| newer(a.1).cmp(&newer(b.1))));
    let mut chosen: Vec<ArticleId> = ranked.into_iter().take(RELATED).map(|(_, a)| a).collect();
    chosen.sort_by_key(|&a| newer(a));
    chosen
}
