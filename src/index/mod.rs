//! The index stage: which articles every listing shows, newest first.
//!
//! Listings hold indices into [`ValidSite::articles`], found in one pass over
//! the articles, so no listing scans the whole site.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::{District, SiteConfig};
use crate::districts::UnitId;
use crate::model::{Article, ArticleId, Kind, PerArticle, ValidSite};

pub mod archive;
pub mod related;
pub mod search;

pub use archive::{ArchiveMonth, ArchiveYear};
pub use related::Neighbours;

/// The articles of one district, category, tag or law.
#[derive(Debug, Clone)]
pub struct Listing {
    pub kind: Kind,
    pub key: String,
    pub name: String,
    pub description: String,
    /// Indices into `ValidSite::articles`, newest first.
    pub articles: Vec<ArticleId>,
}

impl Listing {
    /// The listing's folder relative to the output root.
    pub fn dir(&self) -> String {
        format!("{}/{}", self.kind.segment(), self.key)
    }

    /// How many pages of `per_page` it has; an empty listing still has one.
    pub fn page_count(&self, per_page: usize) -> usize {
        self.articles.len().div_ceil(per_page.max(1)).max(1)
    }
}

/// Every listing of the site.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// All articles, newest first.
    pub newest: Vec<ArticleId>,
    pub districts: Vec<Listing>,
    pub categories: Vec<Listing>,
    pub tags: Vec<Listing>,
    pub laws: Vec<Listing>,
    /// The years with articles, newest first.
    pub archive: Vec<ArchiveYear>,
    /// What each article's page links to besides its terms.
    pub neighbours: PerArticle<Neighbours>,
    /// The files of the search page.
    pub search: search::SearchIndex,
}

impl Index {
    /// The listing of a unit.
    pub fn district(&self, id: UnitId) -> &Listing {
        &self.districts[id.0]
    }

    /// Each unit of `config` with its listing.
    pub fn units_with_listings<'a>(
        &'a self,
        config: &'a SiteConfig,
    ) -> impl Iterator<Item = (&'a District, &'a Listing)> {
        config
            .districts
            .iter()
            .enumerate()
            .map(|(i, unit)| (unit, self.district(UnitId(i))))
    }

    pub fn of_kind(&self, kind: Kind) -> &[Listing] {
        match kind {
            Kind::District => &self.districts,
            Kind::Category => &self.categories,
            Kind::Tag => &self.tags,
            Kind::Law => &self.laws,
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &Listing> {
        Kind::ALL.into_iter().flat_map(|k| self.of_kind(k).iter())
    }
}

/// Newest first; the URL breaks ties so that output never depends on the
/// order files were found in.
pub fn newest_first(articles: &[Arc<Article>]) -> Vec<ArticleId> {
    let mut order: Vec<ArticleId> = (0..articles.len()).map(ArticleId).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&articles[a.0], &articles[b.0]);
        b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url))
    });
    order
}

pub fn build(config: &SiteConfig, site: &ValidSite) -> Index {
    let newest = newest_first(&site.articles);
    let mut districts: Vec<Listing> = config
        .districts
        .iter()
        .map(|d| listing(Kind::District, &d.key.0, &d.name, &d.description))
        .collect();
    let mut categories: Vec<Listing> = config
        .categories
        .iter()
        .map(|c| listing(Kind::Category, &c.key.0, &c.name, &c.description))
        .collect();
    let units = crate::districts::Units::new(config);
    let category_slot: BTreeMap<&str, usize> = config
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.0.as_str(), i))
        .collect();
    let mut tags = TermListings::new(Kind::Tag);
    // Every document of the register has its page, cited or not yet.
    let declared: Vec<(&str, String)> = site
        .laws
        .iter()
        .flat_map(|laws| laws.register.iter())
        .map(|law| (law.key.as_str(), law.name()))
        .collect();
    let mut laws = TermListings::new(Kind::Law);
    for (key, name) in &declared {
        laws.declare(key, name);
    }

    for &i in &newest {
        let article = site.article(i);
        if article.districts.is_empty() {
            // Province-wide: a resident who follows one district must get it.
            for listing in &mut districts {
                listing.articles.push(i);
            }
        } else {
            // The named units, their parents, and the units merged into them
            // before the article's date.
            for unit in units.listings_for(&article.districts, article.date) {
                districts[unit.0].articles.push(i);
            }
        }
        if let Some(slot) = article
            .category
            .as_ref()
            .and_then(|c| category_slot.get(c.0.as_str()))
        {
            categories[*slot].articles.push(i);
        }
        for tag in &article.tags {
            tags.add(&tag.slug, &tag.name, i);
        }
        for law in &article.laws {
            laws.add(&law.slug, &law.name, i);
        }
    }
    let mut index = Index {
        archive: archive::build(site, &newest, config.timezone),
        newest,
        districts,
        categories,
        tags: tags.finish(),
        laws: laws.finish(),
        neighbours: PerArticle::default(),
        search: search::SearchIndex::default(),
    };
    index.neighbours = related::build(site, &index);
    index
}

fn listing(kind: Kind, key: &str, name: &str, description: &str) -> Listing {
    Listing {
        kind,
        key: key.to_string(),
        name: name.to_string(),
        description: description.to_string(),
        articles: Vec::new(),
    }
}

/// The spelling that names a tag's or law's listing, among spellings of one
/// slug with the number of articles using each: the most used; on a tie the
/// one with more diacritics (`du lịch` over `du lich`), then the smallest
/// (by code point), so that the name never depends on the order of articles.
pub fn listing_spelling<'a>(
    spellings: impl IntoIterator<Item = (&'a str, usize)>,
) -> Option<&'a str> {
    spellings
        .into_iter()
        .map(|(name, uses)| (uses, crate::slug::diacritic_count(name), name))
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| b.2.cmp(a.2)))
        .map(|(_, _, name)| name)
}

/// Tags and laws are free words: one listing per slug, named by
/// [`listing_spelling`].
struct TermListings<'a> {
    kind: Kind,
    by_slug: BTreeMap<&'a str, (Vec<ArticleId>, BTreeMap<&'a str, usize>)>,
}

impl<'a> TermListings<'a> {
    fn new(kind: Kind) -> Self {
        TermListings {
            kind,
            by_slug: BTreeMap::new(),
        }
    }

    /// A listing that exists even without articles, named `name`.
    fn declare(&mut self, slug: &'a str, name: &'a str) {
        let (_, spellings) = self.by_slug.entry(slug).or_default();
        spellings.entry(name).or_default();
    }

    fn add(&mut self, slug: &'a str, name: &'a str, article: ArticleId) {
        let (articles, spellings) = self.by_slug.entry(slug).or_default();
        articles.push(article);
        *spellings.entry(name).or_default() += 1;
    }

    fn finish(self) -> Vec<Listing> {
        self.by_slug
            .into_iter()
            .map(|(slug, (articles, spellings))| {
                let name = listing_spelling(spellings.iter().map(|(name, n)| (*name, *n)))
                    .unwrap_or(slug)
                    .to_string();
                Listing {
                    kind: self.kind,
                    key: slug.to_string(),
                    name,
                    description: String::new(),
                    articles,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count() {
        let mut l = listing(Kind::Tag, "a", "a", "");
        assert_eq!(l.page_count(20), 1);
        l.articles = (0..41).map(ArticleId).collect();
        assert_eq!(l.page_count(20), 3);
        l.articles.truncate(40);
        assert_eq!(l.page_count(20), 2);
    }

    #[test]
    fn term_name_is_the_most_common_spelling() {
        let mut t = TermListings::new(Kind::Tag);
        t.add("mang-xa-hoi", "Mạng xã hội", ArticleId(0));
        t.add("mang-xa-hoi", "mạng xã hội", ArticleId(1));
        t.add("mang-xa-hoi", "mạng xã hội", ArticleId(2));
        let listings = t.finish();
        assert_eq!(listings[0].name, "mạng xã hội");
        assert_eq!(listings[0].articles, [0, 1, 2].map(ArticleId));
    }

    #[test]
    fn on_a_tie_the_spelling_with_diacritics_names_the_listing() {
        for order in [["du lich", "du lịch"], ["du lịch", "du lich"]] {
            let mut t = TermListings::new(Kind::Tag);
            t.add("du-lich", order[0], ArticleId(0));
            t.add("du-lich", order[1], ArticleId(1));
            assert_eq!(t.finish()[0].name, "du lịch", "{order:?}");
        }
        // Then the smallest, whatever came first.
        assert_eq!(
            listing_spelling([("du lịch", 1), ("Du lịch", 1), ("du lich", 1)]),
            Some("Du lịch")
        );
        assert_eq!(
            listing_spelling([("du lich", 2), ("du lịch", 1)]),
            Some("du lich")
        );
    }
}
