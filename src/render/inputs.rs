//! What each file of the site is made from, as a typed value: a serve
//! session re-renders a file only when the fingerprint of its inputs
//! changed. A page that starts to show something new gets it through its
//! inputs here, which are hashed whole (`#[derive(Hash)]`): nothing is
//! fingerprinted by hand beside the code that renders it.

use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap as HashMap;

use crate::hash::fingerprint;
use crate::index::{ArchiveYear, Listing};
use crate::jobs::Job;
use crate::languages::Target;
use crate::model::{ArticleId, Kind};

use super::Shared;

/// What a listing shows of itself wherever it is named: in its pages,
/// feeds, overviews, menus and on the subscribe page.
#[derive(Hash)]
pub(super) struct ListingInputs<'a> {
    kind: Kind,
    key: &'a str,
    name: &'a str,
    description: &'a str,
    count: usize,
}

impl<'a> ListingInputs<'a> {
    fn of(listing: &'a Listing) -> ListingInputs<'a> {
        ListingInputs {
            kind: listing.kind,
            key: &listing.key,
            name: &listing.name,
            description: &listing.description,
            count: listing.articles.len(),
        }
    }
}

/// What the sitemap shows of an article: its URL and dates (`listed`
/// changes with the URL and the date).
type Dated = (u64, Option<DateTime<FixedOffset>>);

/// The inputs of one file, besides what every page shares (the base
/// context and the templates, hashed once per build).
#[derive(Hash)]
pub(super) enum PageInputs<'a> {
    Home {
        /// Summary fingerprints of the newest articles shown.
        cards: Vec<u64>,
        pages: usize,
        districts: Vec<ListingInputs<'a>>,
        categories: Vec<ListingInputs<'a>>,
    },
    Article {
        /// Everything its page shows of itself.
        fingerprint: u64,
        /// What it shows of the related, older and newer articles.
        related: Vec<u64>,
        older: Option<u64>,
        newer: Option<u64>,
        /// The unit whose listing gives the older and newer ones.
        main_unit: Option<&'a str>,
    },
    Page {
        fingerprint: u64,
        url: &'a str,
    },
    ListingPage {
        listing: ListingInputs<'a>,
        pages: usize,
        cards: Vec<u64>,
        /// A district's history and place among the units.
        history: Option<u64>,
    },
    Overview(Vec<ListingInputs<'a>>),
    /// A feed: its listing (the site's for `None`) and the fingerprints of
    /// the articles it carries.
    Feed(Option<ListingInputs<'a>>, Vec<u64>),
    /// The register's feed: the documents and the build's day, which
    /// their status depends on (`LawsOnDay::fingerprint`).
    LawFeed(Option<u64>),
    Fixed,
    Alias {
        path: &'a str,
        url: &'a str,
    },
    DistrictAlias(&'a str),
    Sitemap {
        articles: Vec<Dated>,
        pages: Vec<&'a str>,
        listings: Vec<(Kind, &'a str, Option<Dated>)>,
    },
    Listings(Vec<ListingInputs<'a>>),
    /// A feed's own page: its listing (the site's for `None`), what it
    /// shows of its newest articles, and a district's history.
    FeedPage {
        listing: Option<ListingInputs<'a>>,
        count: usize,
        latest: Vec<u64>,
        history: Option<u64>,
    },
    /// A file of search results: its articles.
    SearchDocs(Vec<u64>),
    /// A file the index stage made whole.
    SearchFile(&'a str),
    /// `/archive/`: every year's and month's count.
    Archive(Vec<YearInputs>),
    /// A year's or month's page: its year's months, its cards.
    ArchivePage {
        year: YearInputs,
        count: usize,
        pages: usize,
        cards: Vec<u64>,
    },
}

/// A year of the archive as its pages name it: its count and its months'.
type YearInputs = (i32, usize, Vec<(u32, usize)>);

fn year_inputs(year: &ArchiveYear) -> YearInputs {
    (
        year.year,
        year.articles.len(),
        year.months
            .iter()
            .map(|m| (m.month, m.articles.len()))
            .collect(),
    )
}

/// The fingerprint of everything the file of `job` shows: two builds give
/// it the same fingerprint only if the file would have the same bytes.
pub(super) fn fingerprint_of(
    shared: &Shared,
    job: &Job,
    base: u64,
    district_histories: &HashMap<&str, u64>,
) -> u64 {
    let alternates = shared.alternates.of(shared.config, &target(shared, job));
    // The sitemap names every page's versions.
    let every_version = matches!(job, Job::Sitemap).then_some(shared.alternates);
    fingerprint(&(
        base,
        inputs(shared, job, district_histories),
        alternates,
        every_version,
    ))
}

/// What the page of `job` is among the languages: its versions in the
/// others are part of what it shows (the switcher, `hreflang`).
fn target<'a>(shared: &'a Shared, job: &Job<'a>) -> Target<'a> {
    match job {
        Job::Home(_) => Target::Everywhere(""),
        Job::SearchPage => Target::Everywhere("search/"),
        Job::ArchiveOverview => Target::Everywhere("archive/"),
        Job::Article(i) => Target::Document(&shared.site.article(*i).source),
        Job::Page(page) => Target::Document(&page.source),
        Job::ListingPage(listing, _) => Target::Listing(listing.kind, &listing.key),
        Job::Overview(kind) => Target::Everywhere(kind.segment()),
        Job::Subscribe => Target::Everywhere(crate::subscribe::PAGE_DIR),
        // The sitemap lists every page's versions.
        Job::Sitemap => Target::Everywhere("sitemap.xml"),
        _ => Target::Nowhere,
    }
}

fn inputs<'a>(
    shared: &'a Shared,
    job: &Job<'a>,
    district_histories: &HashMap<&str, u64>,
) -> PageInputs<'a> {
    let limit = shared.config.feed_limit;
    let articles = |ids: &[ArticleId]| -> Vec<u64> {
        ids.iter()
            .map(|&i| shared.site.article(i).fingerprint)
            .collect()
    };
    let all_listings = || shared.index.all().map(ListingInputs::of).collect();
    match job {
        Job::Home(page) => home(shared, *page),
        Job::ArchiveOverview => {
            PageInputs::Archive(shared.index.archive.iter().map(year_inputs).collect())
        }
        Job::ArchiveYear(year, page) => archive_page(shared, year, &year.articles, *page),
        Job::ArchiveMonth(year, month, page) => archive_page(shared, year, &month.articles, *page),
        Job::Article(i) => article(shared, *i),
        Job::Page(p) => PageInputs::Page {
            fingerprint: p.fingerprint,
            url: &p.url,
        },
        Job::ListingPage(l, page) => listing_page(shared, l, *page, district_histories),
        Job::Overview(kind) => PageInputs::Overview(
            shared
                .index
                .of_kind(*kind)
                .iter()
                .map(ListingInputs::of)
                .collect(),
        ),
        Job::Feed(listing, _) => {
            let indices = listing.map_or(&shared.index.newest, |l| &l.articles);
            let carried = shared.carried(indices, limit);
            PageInputs::Feed(listing.map(ListingInputs::of), articles(&carried))
        }
        Job::DistrictAliasFeed(l, _, _) => {
            let carried = shared.carried(&l.articles, limit);
            PageInputs::Feed(Some(ListingInputs::of(l)), articles(&carried))
        }
        Job::FullFeed => PageInputs::Feed(
            None,
            articles(&shared.carried(&shared.index.newest, usize::MAX)),
        ),
        Job::LawFeed(_) => PageInputs::LawFeed(shared.site.laws.as_ref().map(|l| l.fingerprint())),
        // The theme's words are in the base context.
        Job::NotFound | Job::Robots | Job::FeedStyle => PageInputs::Fixed,
        Job::Alias(path, url) => PageInputs::Alias { path, url },
        Job::DistrictAlias(l, _) => PageInputs::DistrictAlias(&l.key),
        Job::Sitemap => sitemap(shared),
        Job::Subscribe | Job::Opml => PageInputs::Listings(all_listings()),
        Job::FeedPage(listing) => feed_page(shared, *listing, district_histories),
        Job::SearchPage => PageInputs::Listings(all_listings()),
        Job::SearchDocs(_, ids) => PageInputs::SearchDocs(articles(ids)),
        Job::SearchFile(_, text) => PageInputs::SearchFile(text),
        Job::UnitLatest(l) => {
            let newest = &l.articles[..l.articles.len().min(super::units::LATEST)];
            PageInputs::Feed(Some(ListingInputs::of(l)), articles(newest))
        }
    }
}

/// What a link shows of an article (see `ArticleLink`): a body edit of a
/// linked article leaves the page that links it alone.
fn shown(shared: &Shared, id: ArticleId) -> u64 {
    let linked = shared.site.article(id);
    fingerprint(&(&linked.title, &linked.url, linked.date))
}

fn summaries(shared: &Shared, ids: &[ArticleId]) -> Vec<u64> {
    ids.iter()
        .map(|&i| shared.summary_fingerprints[i])
        .collect()
}

fn article<'a>(shared: &'a Shared, id: ArticleId) -> PageInputs<'a> {
    let article = shared.site.article(id);
    let neighbours = &shared.index.neighbours[id];
    let shown = |i: &ArticleId| shown(shared, *i);
    PageInputs::Article {
        fingerprint: article.fingerprint,
        related: neighbours.related.iter().map(shown).collect(),
        older: neighbours.older.as_ref().map(shown),
        newer: neighbours.newer.as_ref().map(shown),
        main_unit: article
            .districts
            .first()
            .and_then(|key| shared.config.district(key))
            .map(|unit| unit.name.as_str()),
    }
}

fn archive_page<'a>(
    shared: &Shared,
    year: &ArchiveYear,
    ids: &[ArticleId],
    page: usize,
) -> PageInputs<'a> {
    let (cards, pages) = super::context::page_slice(ids, page, shared.config.per_page);
    PageInputs::ArchivePage {
        year: year_inputs(year),
        count: ids.len(),
        pages,
        cards: summaries(shared, cards),
    }
}

fn home<'a>(shared: &'a Shared, page: usize) -> PageInputs<'a> {
    let (cards, pages) =
        super::context::page_slice(&shared.index.newest, page, shared.config.per_page);
    PageInputs::Home {
        cards: summaries(shared, cards),
        pages,
        districts: shared
            .units
            .current_choices()
            .into_iter()
            .map(|i| ListingInputs::of(shared.index.district(i)))
            .collect(),
        categories: shared
            .index
            .categories
            .iter()
            .map(ListingInputs::of)
            .collect(),
    }
}

fn listing_page<'a>(
    shared: &Shared,
    listing: &'a Listing,
    page: usize,
    district_histories: &HashMap<&str, u64>,
) -> PageInputs<'a> {
    let per_page = shared.config.per_page;
    let start = ((page - 1) * per_page).min(listing.articles.len());
    let end = (start + per_page).min(listing.articles.len());
    PageInputs::ListingPage {
        listing: ListingInputs::of(listing),
        pages: listing.page_count(per_page),
        cards: summaries(shared, &listing.articles[start..end]),
        history: match listing.kind {
            Kind::District => district_histories.get(listing.key.as_str()).copied(),
            _ => None,
        },
    }
}

fn feed_page<'a>(
    shared: &Shared,
    listing: Option<&'a Listing>,
    district_histories: &HashMap<&str, u64>,
) -> PageInputs<'a> {
    let ids = listing.map_or(&shared.index.newest, |l| &l.articles);
    let newest = &ids[..ids.len().min(crate::subscribe::LATEST_ON_FEED_PAGE)];
    PageInputs::FeedPage {
        listing: listing.map(ListingInputs::of),
        count: ids.len(),
        latest: newest.iter().map(|&i| shown(shared, i)).collect(),
        history: listing
            .filter(|l| l.kind == Kind::District)
            .and_then(|l| district_histories.get(l.key.as_str()).copied()),
    }
}

fn sitemap<'a>(shared: &'a Shared) -> PageInputs<'a> {
    let dated = |i: ArticleId| {
        let a = shared.site.article(i);
        (a.listed, a.updated)
    };
    PageInputs::Sitemap {
        articles: shared.index.newest.iter().map(|&i| dated(i)).collect(),
        pages: shared.site.pages.iter().map(|p| p.url.as_str()).collect(),
        listings: shared
            .index
            .all()
            .map(|l| {
                (
                    l.kind,
                    l.key.as_str(),
                    l.articles.first().map(|&i| dated(i)),
                )
            })
            .collect(),
    }
}
