//! The data model the stages pass on: what validation makes of the
//! documents ([`ValidSite`], [`Article`], [`Page`]) and reads of it
//! downstream. Types only, and the rules that belong to them.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::config::{CategoryKey, DistrictKey};
use crate::markdown::Rendered;

/// A free-text term of an article (a tag or a law) with its URL slug.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    pub slug: String,
    pub name: String,
}

/// The article's image, checked to exist.
#[derive(Debug, Clone)]
pub struct Image {
    /// Site-root path (`/hoat-dong/tap-huan.png`) or an absolute URL.
    pub url: String,
    pub alt: String,
    /// The file's size in bytes; `None` for a remote image.
    pub length: Option<u64>,
    /// `image/png`, from the file name; `None` when the extension is not a
    /// known image type.
    pub mime_type: Option<&'static str>,
    /// The sizes loa made of a picture file; `url` is then the one a
    /// browser without `<picture>` and feeds show.
    pub picture: Option<ImageSizes>,
}

/// The files made of a picture, as a theme's `<picture>` names them.
#[derive(Debug, Clone)]
pub struct ImageSizes {
    /// The picture's own size, upright: its shape before it loads.
    pub width: u32,
    pub height: u32,
    /// `url 480w, url 960w`: the JPEG (or PNG) files.
    pub srcset: String,
    /// The same in WebP.
    pub webp_srcset: String,
    /// The `sizes` attribute, from `[images]`.
    pub sizes: String,
    /// The link preview (`og:image`).
    pub preview: Option<Preview>,
}

/// A link preview picture.
#[derive(Debug, Clone)]
pub struct Preview {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// A summary longer than this (in characters) is cut by feed readers and
/// by the link previews of Zalo and Facebook.
pub const SUMMARY_LIMIT: usize = 300;

/// An article that passed validation.
#[derive(Debug, Clone)]
pub struct Article {
    pub source: String,
    /// The language it is written in: the site's main language, or the
    /// code of the `content/<code>/` folder it is in.
    pub language: String,
    /// The output folder relative to the output root (`hoat-dong/ket-noi`).
    pub output_dir: String,
    /// Site-root path (`/hoat-dong/ket-noi/`).
    pub url: String,
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub summary: String,
    /// Empty for a province-wide article.
    pub districts: Vec<DistrictKey>,
    pub category: Option<CategoryKey>,
    pub tags: Vec<Term>,
    pub laws: Vec<Term>,
    pub author: Option<String>,
    pub image: Option<Image>,
    /// Output files of redirect pages (`tin-tuc/12345.html`).
    pub aliases: Vec<String>,
    pub draft: bool,
    pub body: Arc<Rendered>,
    /// Changes whenever anything a page shows of this article changes.
    pub fingerprint: u64,
    /// Changes whenever anything listings are made from changes: the date,
    /// URL, districts, category, tags and laws.
    pub listed: u64,
    /// Changes whenever anything the cross-document warnings of
    /// [`crate::lint`] read changes: the front matter, and the body while
    /// its first paragraph stands in for a summary over [`SUMMARY_LIMIT`].
    pub linted: u64,
}

/// A standalone page from `content/pages/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    pub language: String,
    pub output_dir: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub aliases: Vec<String>,
    pub body: Arc<Rendered>,
    pub fingerprint: u64,
}

/// Everything the site publishes.
#[derive(Debug, Clone, Default)]
pub struct ValidSite {
    /// Shared with the cache of a serve session, which keeps an article
    /// until its file or a page it links to changes.
    pub articles: Vec<Arc<Article>>,
    pub pages: Vec<Page>,
    /// The documents this build leaves out, sorted by source path: the
    /// build says how many, and a link to one is not a broken link.
    pub held_back: Vec<HeldBack>,
    /// Indices into `articles` of those whose bodies have links that only
    /// the whole site can check (see [`crate::links`]).
    pub with_site_links: Vec<ArticleId>,
    /// The bodies of documents left out for their errors (a bad date) that
    /// have such links too: checked with the rest, so that one run lists
    /// every mistake of a file, not the date first and the links next time.
    pub failed_with_site_links: Vec<(String, Arc<Rendered>)>,
    /// `laws.toml` and the build's day, when the site has a register.
    pub laws: Option<Arc<crate::laws::LawsOnDay>>,
    /// The folder its listings, feeds and home page go in, relative to the
    /// output root: empty for the main language, `en/` for the pages of
    /// another language (see [`crate::languages`]).
    pub dir: String,
}

/// An article's place in [`ValidSite::articles`]: how listings, feeds and
/// the render stage name an article, so that its index is never taken for
/// another list's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub usize);

impl ValidSite {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0]
    }

    /// Every article's id, in the order of [`ValidSite::articles`].
    pub fn article_ids(&self) -> impl Iterator<Item = ArticleId> {
        (0..self.articles.len()).map(ArticleId)
    }
}

/// One value for each article of a site, by [`ArticleId`].
#[derive(Debug, Clone, Default)]
pub struct PerArticle<T>(Vec<T>);

impl<T> PerArticle<T> {
    /// The value of each article, made from `site.articles` in order.
    pub fn collect(values: impl IntoIterator<Item = T>) -> PerArticle<T> {
        PerArticle(values.into_iter().collect())
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }
}

impl<T> std::ops::Index<ArticleId> for PerArticle<T> {
    type Output = T;

    fn index(&self, id: ArticleId) -> &T {
        &self.0[id.0]
    }
}

/// A document that is not published by this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    /// `hoat-dong/ket-noi.md`.
    pub source: String,
    /// The output folder it would have (`hoat-dong/ket-noi`).
    pub output_dir: String,
    pub reason: HeldBackReason,
}

/// Why a document is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldBackReason {
    /// `draft: true`, built only with `--drafts`.
    Draft,
    /// Dated after the build's clock: published by the first build on or
    /// after that date, in the site's timezone.
    Scheduled(DateTime<FixedOffset>),
    /// It has errors, which stop the build and are reported at the file.
    Errors,
}

impl HeldBackReason {
    /// Drafts and scheduled articles wait to be published; a document with
    /// errors has its own diagnostics.
    pub fn is_waiting(self) -> bool {
        !matches!(self, HeldBackReason::Errors)
    }
}

/// The kinds of listing, each with its URL segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    District,
    Category,
    Tag,
    Law,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::District, Kind::Category, Kind::Tag, Kind::Law];

    /// The first URL segment of its listings (`districts`).
    pub fn segment(self) -> &'static str {
        match self {
            Kind::District => "districts",
            Kind::Category => "categories",
            Kind::Tag => "tags",
            Kind::Law => "laws",
        }
    }

    /// The name templates get as `listing.kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::District => "district",
            Kind::Category => "category",
            Kind::Tag => "tag",
            Kind::Law => "law",
        }
    }
}

/// The folder of the subscribe page, the one page besides listings whose
/// first URL segment is reserved.
pub const SUBSCRIBE_DIR: &str = "subscribe";

/// The folder, under [`SUBSCRIBE_DIR`], of the own page of the whole
/// site's feed; no kind of listing has this segment.
pub const SITE_FEED_DIR: &str = "site";

/// The folder of a feed's own page relative to the language's root, with
/// a trailing slash: `listing_dir` is a listing's folder (`districts/xuyen-moc`),
/// `None` for the whole site.
pub fn feed_page_dir(listing_dir: Option<&str>) -> String {
    format!("{SUBSCRIBE_DIR}/{}/", listing_dir.unwrap_or(SITE_FEED_DIR))
}

/// The `url` of a feed's own page under `root`: the listing of `(kind,
/// key)`'s, or the whole site's for `None`.
pub fn feed_page_url(root: &str, listing: Option<(Kind, &str)>) -> String {
    let dir = listing.map(|(kind, key)| format!("{}/{key}", kind.segment()));
    format!("{root}{}", feed_page_dir(dir.as_deref()))
}

/// The folder of the archive pages (`/archive/2021/10/`).
pub const ARCHIVE_DIR: &str = "archive";

/// The folder of the search page and its files.
pub const SEARCH_DIR: &str = "search";

/// The folder of the home page's later pages (`/page/2/`).
pub const HOME_PAGES_DIR: &str = "page";

/// Whether an article's URL may not start with `segment`: the listings,
/// the archive, the search page, the home page's later pages and the
/// subscribe page own it.
pub fn is_reserved_segment(segment: &str) -> bool {
    [SUBSCRIBE_DIR, HOME_PAGES_DIR, ARCHIVE_DIR, SEARCH_DIR].contains(&segment)
        || Kind::ALL.iter().any(|kind| kind.segment() == segment)
}

/// The formats written beside each other for every feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedFormat {
    Rss,
    Atom,
    Json,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    /// The file name in the listing's folder (`rss.xml`).
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The media type of `<link rel="alternate" type>`.
    pub fn mime_type(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// The name readers know the format by.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json => "JSON Feed",
        }
    }
}
