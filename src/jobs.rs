//! Every file a build renders, and where it goes: the plan that render
//! carries out and that the link check reads (a link may point to any of
//! these files).

use crate::config::SiteConfig;
use crate::index::search::SEARCH_DIR;
use crate::index::{ArchiveMonth, ArchiveYear, Index, Listing};
use crate::model::{
    ArticleId, FeedFormat, Kind, Page, ValidSite, ARCHIVE_DIR, HOME_PAGES_DIR, SUBSCRIBE_DIR,
};

/// The archive feed of every article, beside the site's `rss.xml` when
/// `feed_full = true`.
pub const FULL_FEED_FILE: &str = "full.xml";
/// The stylesheet that browsers show RSS and Atom files with, at the root
/// of each language (see `feed::view`).
pub const FEED_STYLE_FILE: &str = "feed.css";
/// The OPML file, relative to the output root.
pub const OPML_FILE: &str = "feeds.opml";
/// A current unit's newest articles, beside its feeds.
pub const UNIT_LATEST_FILE: &str = "latest.json";

/// One file of the output.
pub enum Job<'a> {
    /// A page of the home page: 1 is `index.html`, then `page/<n>/`.
    Home(usize),
    /// `archive/`: the years and months with their counts.
    ArchiveOverview,
    /// A page of a year's articles.
    ArchiveYear(&'a ArchiveYear, usize),
    /// A page of a month's articles, with its year.
    ArchiveMonth(&'a ArchiveYear, &'a ArchiveMonth, usize),
    Article(ArticleId),
    Page(&'a Page),
    ListingPage(&'a Listing, usize),
    Overview(Kind),
    /// A listing's feed (the site's for `None`) in one format.
    Feed(Option<&'a Listing>, FeedFormat),
    /// A district's feed at a former key's address, so that readers
    /// subscribed before the rename keep receiving it.
    DistrictAliasFeed(&'a Listing, &'a str, FeedFormat),
    /// `laws/rss.xml` and the other formats: the register of `laws.toml`,
    /// one item per document, when the site has one.
    LawFeed(FeedFormat),
    /// `full.xml`: every article, when `feed_full = true`.
    FullFeed,
    /// `feed.css`: what browsers show RSS and Atom files with.
    FeedStyle,
    NotFound,
    Alias(&'a str, &'a str),
    /// A former key of a district: its old page redirects to the new one.
    DistrictAlias(&'a Listing, &'a str),
    Sitemap,
    Robots,
    Subscribe,
    /// `subscribe/<kind>/<key>/` (`subscribe/site/` for `None`): one
    /// feed's own page, which its QR code and "follow" links lead to.
    FeedPage(Option<&'a Listing>),
    Opml,
    /// `districts/<key>/latest.json`: a current unit's newest articles, for
    /// the home page of a reader who picked that unit.
    UnitLatest(&'a Listing),
    /// `search/`: the search page.
    SearchPage,
    /// `search/d/<n>.json`: what search results show of the documents
    /// `n * DOCS_PER_FILE` and the next ones.
    SearchDocs(usize, &'a [ArticleId]),
    /// A file of the search index (`search/t/…`, `search/f/…`): its path
    /// under `search/` and its text, made by the index stage.
    SearchFile(&'a str, &'a str),
}

/// Every file a build renders (static files and the files beside the
/// articles are copied, not rendered).
pub fn jobs<'a>(config: &'a SiteConfig, site: &'a ValidSite, index: &'a Index) -> Vec<Job<'a>> {
    // One 404 page and robots.txt for the whole host; every language has
    // its own sitemap, listed by robots.txt.
    let main = site.dir.is_empty();
    let mut jobs = vec![
        Job::Sitemap,
        Job::Subscribe,
        Job::FeedPage(None),
        Job::Opml,
        Job::ArchiveOverview,
    ];
    let pages = |count: usize| 1..=count.div_ceil(config.per_page.max(1)).max(1);
    jobs.extend(pages(index.newest.len()).map(Job::Home));
    for year in &index.archive {
        jobs.extend(pages(year.articles.len()).map(|n| Job::ArchiveYear(year, n)));
        for month in &year.months {
            jobs.extend(pages(month.articles.len()).map(|n| Job::ArchiveMonth(year, month, n)));
        }
    }
    if main {
        jobs.extend([Job::NotFound, Job::Robots]);
    }
    jobs.extend(FeedFormat::ALL.map(|format| Job::Feed(None, format)));
    jobs.push(Job::FeedStyle);
    if config.feed_full {
        jobs.push(Job::FullFeed);
    }
    if site.laws.is_some() {
        jobs.extend(FeedFormat::ALL.map(Job::LawFeed));
    }
    // The articles of another language that a fallback view lists are
    // rendered by their own language's view.
    let own = |i: &ArticleId| site.article(*i).language == config.language;
    jobs.extend(site.article_ids().filter(own).map(Job::Article));
    jobs.extend(site.pages.iter().map(Job::Page));
    for kind in Kind::ALL {
        jobs.push(Job::Overview(kind));
    }
    for listing in index.all() {
        jobs.extend(FeedFormat::ALL.map(|format| Job::Feed(Some(listing), format)));
        jobs.push(Job::FeedPage(Some(listing)));
        for page in 1..=listing.page_count(config.per_page) {
            jobs.push(Job::ListingPage(listing, page));
        }
    }
    for article in site
        .articles
        .iter()
        .filter(|a| a.language == config.language)
    {
        jobs.extend(article.aliases.iter().map(|a| Job::Alias(a, &article.url)));
    }
    for page in &site.pages {
        jobs.extend(page.aliases.iter().map(|a| Job::Alias(a, &page.url)));
    }
    if config.search {
        jobs.push(Job::SearchPage);
    }
    // Empty when the site has no search: the index is not made.
    jobs.extend(
        index
            .search
            .docs
            .chunks(crate::index::search::DOCS_PER_FILE)
            .enumerate()
            .map(|(n, ids)| Job::SearchDocs(n, ids)),
    );
    jobs.extend(
        index
            .search
            .files
            .iter()
            .map(|(path, text)| Job::SearchFile(path, text)),
    );
    for (district, listing) in index.units_with_listings(config) {
        if district.valid_to.is_none() {
            jobs.push(Job::UnitLatest(listing));
        }
        jobs.extend(
            district
                .aliases
                .iter()
                .map(|a| Job::DistrictAlias(listing, a)),
        );
        for alias in &district.aliases {
            jobs.extend(
                FeedFormat::ALL.map(|format| Job::DistrictAliasFeed(listing, alias, format)),
            );
        }
    }
    jobs
}

/// The path, relative to the output root, of every file a build renders:
/// what links on the site may point to, besides static files and the files
/// beside the articles.
pub fn output_paths(config: &SiteConfig, site: &ValidSite, index: &Index) -> Vec<String> {
    jobs(config, site, index)
        .iter()
        .map(|job| job.output_path(site))
        .collect()
}

impl Job<'_> {
    /// Where the job's file goes, relative to the output root: the one rule
    /// for it, shared by rendering and by the link check.
    pub fn output_path(&self, site: &ValidSite) -> String {
        match self {
            // Articles and pages are under their language's folder already;
            // old addresses are paths of the host, whatever the language.
            Job::Article(_) | Job::Page(_) | Job::Alias(..) => self.path_in_language(site),
            _ => format!("{}{}", site.dir, self.path_in_language(site)),
        }
    }

    /// Where the job's file goes, relative to its language's folder.
    fn path_in_language(&self, site: &ValidSite) -> String {
        match self {
            Job::Home(page) => paged("", *page),
            Job::ArchiveOverview => format!("{ARCHIVE_DIR}/index.html"),
            Job::ArchiveYear(year, page) => paged(&format!("{}/", year.dir()), *page),
            Job::ArchiveMonth(_, month, page) => paged(&format!("{}/", month.dir()), *page),
            Job::Article(i) => format!("{}/index.html", site.article(*i).output_dir),
            Job::Page(page) => format!("{}/index.html", page.output_dir),
            Job::ListingPage(listing, page) if *page <= 1 => {
                format!("{}/index.html", listing.dir())
            }
            Job::ListingPage(listing, page) => {
                format!("{}/page/{page}/index.html", listing.dir())
            }
            Job::Overview(kind) => format!("{}/index.html", kind.segment()),
            Job::Feed(None, format) => format.file_name().to_string(),
            Job::Feed(Some(listing), format) => {
                format!("{}/{}", listing.dir(), format.file_name())
            }
            Job::DistrictAliasFeed(_, alias, format) => {
                format!(
                    "{}/{alias}/{}",
                    Kind::District.segment(),
                    format.file_name()
                )
            }
            // Beside the documents' folders (`laws/<key>/`): a key is a
            // slug, never a file name with a dot.
            Job::LawFeed(format) => format!("{}/{}", Kind::Law.segment(), format.file_name()),
            Job::FullFeed => FULL_FEED_FILE.to_string(),
            Job::FeedStyle => FEED_STYLE_FILE.to_string(),
            Job::NotFound => "404.html".to_string(),
            Job::Alias(path, _) => path.to_string(),
            Job::DistrictAlias(_, alias) => {
                format!("{}/{alias}/index.html", Kind::District.segment())
            }
            Job::Sitemap => "sitemap.xml".to_string(),
            Job::Robots => "robots.txt".to_string(),
            Job::Subscribe => format!("{}/index.html", SUBSCRIBE_DIR),
            Job::FeedPage(listing) => format!(
                "{}index.html",
                crate::model::feed_page_dir(listing.map(|l| l.dir()).as_deref())
            ),
            Job::Opml => OPML_FILE.to_string(),
            Job::UnitLatest(listing) => format!("{}/{UNIT_LATEST_FILE}", listing.dir()),
            Job::SearchPage => format!("{SEARCH_DIR}/index.html"),
            Job::SearchDocs(n, _) => format!("{SEARCH_DIR}/d/{n}.json"),
            Job::SearchFile(path, _) => format!("{SEARCH_DIR}/{path}"),
        }
    }
}

/// The file of page `page` of a paginated list whose first page is in
/// `dir` (`""` or ending in `/`).
fn paged(dir: &str, page: usize) -> String {
    if page <= 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}{HOME_PAGES_DIR}/{page}/index.html")
    }
}

/// What a job is, stable from build to build while its file is the same
/// one: the key of the render cache of a serve session. An article or a
/// page is known by its source file, a listing by its kind and key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JobId {
    Home(usize),
    ArchiveOverview,
    ArchiveYear(i32, usize),
    ArchiveMonth(i32, u32, usize),
    Article(String),
    Page(String),
    ListingPage(Kind, String, usize),
    Overview(Kind),
    Feed(Option<(Kind, String)>, FeedFormat),
    DistrictAliasFeed(String, FeedFormat),
    LawFeed(FeedFormat),
    FullFeed,
    FeedStyle,
    NotFound,
    Alias(String),
    DistrictAlias(String),
    Sitemap,
    Robots,
    Subscribe,
    FeedPage(Option<(Kind, String)>),
    Opml,
    UnitLatest(String),
    SearchPage,
    SearchDocs(usize),
    SearchFile(String),
}

impl Job<'_> {
    /// The job's [`JobId`].
    pub fn id(&self, site: &ValidSite) -> JobId {
        let listing = |l: &Listing| (l.kind, l.key.clone());
        match self {
            Job::Home(page) => JobId::Home(*page),
            Job::ArchiveOverview => JobId::ArchiveOverview,
            Job::ArchiveYear(year, page) => JobId::ArchiveYear(year.year, *page),
            Job::ArchiveMonth(_, month, page) => {
                JobId::ArchiveMonth(month.year, month.month, *page)
            }
            Job::Article(i) => JobId::Article(site.article(*i).source.clone()),
            Job::Page(page) => JobId::Page(page.source.clone()),
            Job::ListingPage(l, page) => JobId::ListingPage(l.kind, l.key.clone(), *page),
            Job::Overview(kind) => JobId::Overview(*kind),
            Job::Feed(l, format) => JobId::Feed(l.map(listing), *format),
            Job::DistrictAliasFeed(_, alias, format) => {
                JobId::DistrictAliasFeed(alias.to_string(), *format)
            }
            Job::LawFeed(format) => JobId::LawFeed(*format),
            Job::FullFeed => JobId::FullFeed,
            Job::FeedStyle => JobId::FeedStyle,
            Job::NotFound => JobId::NotFound,
            Job::Alias(path, _) => JobId::Alias(path.to_string()),
            Job::DistrictAlias(_, alias) => JobId::DistrictAlias(alias.to_string()),
            Job::Sitemap => JobId::Sitemap,
            Job::Robots => JobId::Robots,
            Job::Subscribe => JobId::Subscribe,
            Job::FeedPage(l) => JobId::FeedPage(l.map(listing)),
            Job::Opml => JobId::Opml,
            Job::UnitLatest(listing) => JobId::UnitLatest(listing.key.clone()),
            Job::SearchPage => JobId::SearchPage,
            Job::SearchDocs(n, _) => JobId::SearchDocs(*n),
            Job::SearchFile(path, _) => JobId::SearchFile(path.to_string()),
        }
    }
}
