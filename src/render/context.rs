//! The values templates get (see `docs/templates.md`): the base context of
//! every page, article summaries, terms and listings, and a page's head.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::SiteConfig;
use crate::districts::{UnitId, Units};
use crate::index::{Index, Listing};
use crate::languages::Target;
use crate::model::FeedFormat;
use crate::model::{Article, ArticleId, Kind, Page};
use crate::subscribe;
use crate::theme::Theme;
use crate::words::Words;
use std::collections::BTreeMap;

use super::{Shared, DESCRIPTION_CHARS};

pub(super) fn permalink(config: &SiteConfig, url: &str) -> String {
    format!("{}{url}", config.origin())
}

pub(super) fn listing_url(root: &str, kind: Kind, key: &str, page: usize) -> String {
    paged_url(&format!("{root}{}/{key}/", kind.segment()), page)
}

/// The URL of page `page` of a paginated list whose first page is `first`
/// (ending in `/`).
pub(super) fn paged_url(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}{}/{page}/", crate::model::HOME_PAGES_DIR)
    }
}

/// Page `page` of `total` of the list whose first page is `first`.
pub(super) fn pagination(first: &str, page: usize, total: usize) -> Pagination {
    Pagination {
        current: page,
        total,
        prev_url: (page > 1).then(|| paged_url(first, page - 1)),
        next_url: (page < total).then(|| paged_url(first, page + 1)),
    }
}

/// The ids on page `page` (from 1) of `per_page`, and how many pages
/// there are (an empty list still has one).
pub(super) fn page_slice(ids: &[ArticleId], page: usize, per_page: usize) -> (&[ArticleId], usize) {
    let per_page = per_page.max(1);
    let total = ids.len().div_ceil(per_page).max(1);
    let start = (page.saturating_sub(1) * per_page).min(ids.len());
    let end = (start + per_page).min(ids.len());
    (&ids[start..end], total)
}

/// A value of the context: what a template reads.
pub(super) fn value(of: impl Serialize) -> Value {
    // Only a map with keys that are not strings fails to serialise, and
    // none of the structs below has one.
    serde_json::to_value(of).unwrap_or_default()
}

/// A **term** of `docs/templates.md`: a district, category, tag or law.
#[derive(Serialize)]
pub(super) struct TermValue<'a> {
    key: &'a str,
    name: &'a str,
    url: String,
    feed_url: String,
    /// The feed's own page (`/subscribe/<kind>/<key>/`), where "follow"
    /// links lead: a person who has never heard of RSS lands on a page
    /// that explains it, not on raw XML.
    follow_url: String,
    /// Absent in the menus of every page (`site.districts`,
    /// `site.categories`): what every page gets must not change when one
    /// article does, or an edit would re-render the whole site.
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
}

impl<'a> TermValue<'a> {
    fn new(root: &str, kind: Kind, key: &'a str, name: &'a str, count: Option<usize>) -> Self {
        TermValue {
            key,
            name,
            url: listing_url(root, kind, key, 1),
            feed_url: format!("{root}{}/{key}/rss.xml", kind.segment()),
            follow_url: crate::model::feed_page_url(root, Some((kind, key))),
            count,
        }
    }

    pub(super) fn of_listing(root: &str, listing: &'a Listing) -> Self {
        TermValue::new(
            root,
            listing.kind,
            &listing.key,
            &listing.name,
            Some(listing.articles.len()),
        )
    }

    /// In a menu: without its count.
    fn in_menu(root: &str, listing: &'a Listing) -> Self {
        TermValue {
            count: None,
            ..TermValue::of_listing(root, listing)
        }
    }
}

pub(super) fn listing_json(root: &str, listing: &Listing) -> Value {
    value(TermValue::of_listing(root, listing))
}

/// A **district** of `docs/templates.md`: a term with its history and place
/// in the hierarchy, so that a merged unit's page can say so and link to
/// its successors.
#[derive(Serialize)]
pub(super) struct DistrictValue<'a> {
    #[serde(flatten)]
    term: TermValue<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from_display: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_to_display: Option<String>,
    current: bool,
    successors: Vec<TermValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<TermValue<'a>>,
    children: Vec<DistrictValue<'a>>,
    former_keys: &'a [String],
}

impl<'a> DistrictValue<'a> {
    pub(super) fn new(shared: &'a Shared, i: UnitId) -> DistrictValue<'a> {
        DistrictValue {
            children: shared
                .units
                .children(i)
                .iter()
                .map(|&c| DistrictValue::new(shared, c))
                .collect(),
            ..DistrictValue::flat(shared, i)
        }
    }

    /// Without its children: in a flat list of units.
    pub(super) fn flat(shared: &'a Shared, i: UnitId) -> DistrictValue<'a> {
        let units = &shared.units;
        let unit = units.unit(i);
        let term = |j: UnitId| TermValue::of_listing(&shared.root, shared.index.district(j));
        let day = |date: Option<DateTime<FixedOffset>>, format: &str| {
            date.map(|d| d.format(format).to_string())
        };
        DistrictValue {
            term: term(i),
            level: unit.level.as_deref(),
            valid_from: day(unit.valid_from, "%Y-%m-%d"),
            valid_from_display: unit.valid_from.map(|d| shared.words.date(&d)),
            valid_to: day(unit.valid_to, "%Y-%m-%d"),
            valid_to_display: unit.valid_to.map(|d| shared.words.date(&d)),
            current: unit.valid_to.is_none(),
            successors: unit
                .merged_into
                .iter()
                .filter_map(|k| units.index_of(k))
                .map(term)
                .collect(),
            parent: units.parent(i).map(term),
            children: Vec::new(),
            former_keys: &unit.aliases,
        }
    }
}

pub(super) fn district_json(shared: &Shared, i: UnitId) -> Value {
    value(DistrictValue::new(shared, i))
}

/// What every template gets: `site`, `asset_url` and `build_id`.
#[derive(Serialize)]
struct BaseContext<'a> {
    /// Where the theme's static files are: the same for every language.
    asset_url: String,
    site: SiteValue<'a>,
    /// The words of the page's language (`themes/<name>/i18n/`).
    t: &'a Value,
    /// The page's language (`vi`, `en`) and its `og:locale` (`vi_VN`).
    lang: &'a str,
    locale: &'a str,
    build_id: &'a str,
}

#[derive(Serialize)]
struct SiteValue<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    root_url: &'a str,
    feed_url: String,
    /// The own page of the site's feed (`/subscribe/site/`).
    follow_url: String,
    feeds: Vec<FeedLink>,
    subscribe_url: String,
    subscribe_title: &'a str,
    /// `/archive/`: every year and month.
    archive_url: String,
    /// `/search/`, where the header's search form goes; `None` when the
    /// site has no search.
    search_url: Option<String>,
    /// The overviews of the units and of the categories.
    districts_url: String,
    categories_url: String,
    /// The standalone pages of the page's language, by their name
    /// (`gioi-thieu` for `content/pages/gioi-thieu.md`): their URLs, for
    /// menus that link a page only where it exists.
    pages: BTreeMap<&'a str, &'a str>,
    /// The units a resident picks from today (not the ended ones).
    districts: Vec<TermValue<'a>>,
    categories: Vec<TermValue<'a>>,
}

pub(super) fn base_context(
    config: &SiteConfig,
    units: &Units,
    index: &Index,
    theme: &Theme,
    words: &Words,
    pages: &[Page],
    root: &str,
) -> Value {
    value(BaseContext {
        site: SiteValue {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: &config.language,
            root_url: root,
            feed_url: format!("{root}rss.xml"),
            follow_url: crate::model::feed_page_url(root, None),
            feeds: feed_links(root, &config.title),
            subscribe_url: subscribe::page_url(root),
            subscribe_title: &words.subscribe.title,
            archive_url: format!("{root}{}/", crate::model::ARCHIVE_DIR),
            search_url: config
                .search
                .then(|| format!("{root}{}/", crate::index::search::SEARCH_DIR)),
            districts_url: format!("{root}{}/", Kind::District.segment()),
            categories_url: format!("{root}{}/", Kind::Category.segment()),
            pages: pages
                .iter()
                .map(|page| {
                    let (_, path) = config.language_of(&page.source);
                    let name = path
                        .strip_prefix(crate::content::PAGES_DIR)
                        .unwrap_or(path)
                        .trim_end_matches(".md");
                    (name, page.url.as_str())
                })
                .collect(),
            districts: units
                .current_choices()
                .into_iter()
                .map(|i| TermValue::in_menu(root, index.district(i)))
                .collect(),
            categories: index
                .categories
                .iter()
                .map(|l| TermValue::in_menu(root, l))
                .collect(),
        },
        t: &words.table,
        lang: &words.language,
        locale: &words.locale,
        asset_url: config.shared_root_path(),
        build_id: &theme.build_id,
    })
}

/// An **article summary** of `docs/templates.md`.
#[derive(Serialize)]
struct Summary<'a> {
    title: &'a str,
    /// The language it is written in.
    language: &'a str,
    /// On a page of another language, that it has no translation
    /// ("Vietnamese only"): the fallback of `crate::languages`.
    #[serde(skip_serializing_if = "Option::is_none")]
    only_in: Option<String>,
    url: &'a str,
    permalink: String,
    date: String,
    date_display: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_display: Option<String>,
    summary: &'a str,
    districts: Vec<TermValue<'a>>,
    province_wide: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<TermValue<'a>>,
    tags: Vec<TermValue<'a>>,
    laws: Vec<TermValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageValue<'a>>,
    draft: bool,
}

#[derive(Serialize)]
struct ImageValue<'a> {
    url: &'a str,
    permalink: String,
    alt: &'a str,
    /// For a picture loa made sizes of: its shape, and the files for a
    /// `<picture>` element.
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    srcset: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webp_srcset: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sizes: Option<&'a str>,
}

/// What an article's page adds to its summary, taken away again before
/// listings get the summary back.
#[derive(Serialize)]
pub(super) struct ArticleExtras<'a> {
    pub(super) content: &'a str,
    pub(super) has_code: bool,
    pub(super) image_in_body: bool,
    pub(super) reading_minutes: usize,
    /// The archive page of the month the article was published in.
    pub(super) month: Link,
    /// Up to five related articles, newest first.
    pub(super) related: Vec<ArticleLink<'a>>,
    /// The next older and newer article of `neighbours_of`.
    pub(super) older: Option<ArticleLink<'a>>,
    pub(super) newer: Option<ArticleLink<'a>>,
    /// The article's main unit, whose listing `older` and `newer` are
    /// from; `None` for a province-wide article (the whole site's).
    pub(super) neighbours_of: Option<Link>,
    /// The notices about cited laws no longer or not yet in force, as
    /// HTML (see `laws::notices`): empty when there are none.
    pub(super) law_notices: String,
}

/// An article as a link to it.
#[derive(Serialize)]
pub(super) struct ArticleLink<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) date: String,
    pub(super) date_display: String,
}

impl<'a> ArticleLink<'a> {
    pub(super) fn new(words: &Words, article: &'a Article) -> ArticleLink<'a> {
        ArticleLink {
            title: &article.title,
            url: &article.url,
            date: article.date.to_rfc3339(),
            date_display: words.date(&article.date),
        }
    }
}

/// A link a template prints: where and what.
#[derive(Serialize)]
pub(super) struct Link {
    pub(super) url: String,
    pub(super) title: String,
}

pub(super) fn summary_json(
    config: &SiteConfig,
    words: &Words,
    article: &Article,
    root: &str,
) -> Value {
    // A term on an article: its count is not the article's to show.
    fn terms<'a>(root: &str, kind: Kind, terms: &'a [crate::model::Term]) -> Vec<TermValue<'a>> {
        terms
            .iter()
            .map(|t| TermValue::new(root, kind, &t.slug, &t.name, Some(0)))
            .collect()
    }
    value(Summary {
        title: &article.title,
        language: &article.language,
        only_in: (article.language != words.language).then(|| words.only_in(&article.language)),
        url: &article.url,
        permalink: permalink(config, &article.url),
        date: article.date.to_rfc3339(),
        date_display: words.date(&article.date),
        updated: article.updated.map(|u| u.to_rfc3339()),
        updated_display: article.updated.map(|u| words.date(&u)),
        summary: &article.summary,
        districts: article
            .districts
            .iter()
            .filter_map(|key| config.district(key))
            .map(|d| TermValue::new(root, Kind::District, &d.key.0, &d.name, Some(0)))
            .collect(),
        province_wide: article.districts.is_empty(),
        category: article
            .category
            .as_ref()
            .and_then(|c| config.category(c))
            .map(|c| TermValue::new(root, Kind::Category, &c.key.0, &c.name, Some(0))),
        tags: terms(root, Kind::Tag, &article.tags),
        laws: terms(root, Kind::Law, &article.laws),
        author: article.author.as_deref(),
        image: article.image.as_ref().map(|image| {
            let sizes = image.picture.as_ref();
            ImageValue {
                url: &image.url,
                permalink: absolute(config, &image.url),
                alt: &image.alt,
                width: sizes.map(|p| p.width),
                height: sizes.map(|p| p.height),
                srcset: sizes.map(|p| p.srcset.as_str()),
                webp_srcset: sizes.map(|p| p.webp_srcset.as_str()),
                sizes: sizes.map(|p| p.sizes.as_str()),
            }
        }),
        draft: article.draft,
    })
}

/// `page` of `page.html`.
#[derive(Serialize)]
pub(super) struct PageValue<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) permalink: String,
    pub(super) summary: &'a str,
    pub(super) content: &'a str,
}

/// `listing.pagination`: page numbers from 1, URLs absent at the ends.
#[derive(Serialize)]
pub(super) struct Pagination {
    pub(super) current: usize,
    pub(super) total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) prev_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) next_url: Option<String>,
}

/// What `listing` has besides its term (or district) and its cards.
#[derive(Serialize)]
pub(super) struct ListingValue<'a> {
    pub(super) kind: &'a str,
    pub(super) kind_name: &'a str,
    pub(super) overview_url: String,
    pub(super) description: &'a str,
    pub(super) pagination: Pagination,
}

/// The extra context of `terms.html` and `districts.html`.
#[derive(Serialize)]
pub(super) struct OverviewValues<'a> {
    pub(super) terms: Vec<TermValue<'a>>,
    pub(super) kind: &'a str,
    pub(super) kind_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tree: Option<Vec<DistrictValue<'a>>>,
    /// Units: `groups`, `former` and `current_count`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(super) units: Option<super::units::UnitGroups<'a>>,
}

impl<'a> OverviewValues<'a> {
    pub(super) fn new(shared: &'a Shared, kind: Kind) -> Self {
        OverviewValues {
            terms: shared
                .index
                .of_kind(kind)
                .iter()
                .map(|l| TermValue::of_listing(&shared.root, l))
                .collect(),
            kind: kind.name(),
            kind_name: shared.words.subscribe.heading(kind),
            tree: (kind == Kind::District).then(|| {
                shared
                    .units
                    .roots()
                    .map(|i| DistrictValue::new(shared, i))
                    .collect()
            }),
            units: (kind == Kind::District).then(|| super::units::UnitGroups::new(shared)),
        }
    }
}

pub(super) fn absolute(config: &SiteConfig, url: &str) -> String {
    if url.starts_with('/') {
        permalink(config, url)
    } else {
        url.to_string()
    }
}

/// The common head values of a page, merged over the base context.
pub(super) struct Head<'a> {
    /// What the page is, to link its versions in the other languages.
    pub(super) target: Target<'a>,
    pub(super) title: Option<&'a str>,
    pub(super) description: &'a str,
    pub(super) url: &'a str,
    pub(super) og_type: &'a str,
    pub(super) og_image: Option<OgImage>,
    pub(super) feed_url: Option<String>,
}

impl<'a> Head<'a> {
    /// The head of a page that is not an article: no picture, no feed.
    pub(super) fn website(
        target: Target<'a>,
        title: &'a str,
        description: &'a str,
        url: &'a str,
    ) -> Head<'a> {
        Head {
            target,
            title: Some(title),
            description,
            url,
            og_type: "website",
            og_image: None,
            feed_url: None,
        }
    }
}

/// `{what} trên trang {site}`: the description of a page that lists.
pub(super) fn on_site(shared: &Shared, what: &str) -> String {
    shared
        .words
        .pages
        .kind_on_site
        .replace("{kind}", what)
        .replace("{site}", &shared.config.title)
}

/// The picture link previews show (`og:image`).
pub(super) struct OgImage {
    /// Absolute.
    pub(super) url: String,
    /// Known for the preview loa made.
    pub(super) size: Option<(u32, u32)>,
    pub(super) alt: String,
}

/// The values of `docs/templates.md` that every page has of its own.
#[derive(Serialize)]
struct PageHead<'a> {
    /// The page in each language of the site (none for a site with one).
    alternates: Vec<AlternateValue>,
    /// The main language's version, when there is one: `hreflang="x-default"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    x_default: Option<String>,
    page_title: String,
    description: String,
    permalink: String,
    current_url: &'a str,
    og_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    og_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    og_image_width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    og_image_height: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    og_image_alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feeds: Option<Vec<FeedLink>>,
}

/// A page's own values: its head, then `extra` (its template's values).
pub(super) fn page_values(shared: &Shared, head: Head, extra: Value) -> Map<String, Value> {
    let page_title = match head.title {
        Some(title) => format!("{title} | {}", shared.config.title),
        None => shared.config.title.clone(),
    };
    let feeds = head.feed_url.as_deref().map(|feed| {
        let dir = feed
            .strip_suffix(FeedFormat::Rss.file_name())
            .unwrap_or(feed);
        feed_links(dir, &page_title)
    });
    let alternates = alternate_values(shared, &head.target);
    let x_default = alternates
        .first()
        .filter(|main| main.translated)
        .map(|main| main.permalink.clone());
    let mut map = match value(PageHead {
        alternates,
        x_default,
        description: shorten(head.description, DESCRIPTION_CHARS),
        permalink: permalink(shared.config, head.url),
        current_url: head.url,
        og_type: head.og_type,
        og_image_width: head.og_image.as_ref().and_then(|i| i.size).map(|s| s.0),
        og_image_height: head.og_image.as_ref().and_then(|i| i.size).map(|s| s.1),
        og_image_alt: head.og_image.as_ref().map(|i| i.alt.clone()),
        og_image: head.og_image.map(|i| i.url),
        feed_url: head.feed_url,
        feeds,
        page_title,
    }) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    map
}

/// One entry of `alternates` (see `docs/templates.md`).
#[derive(Serialize, Hash)]
pub(super) struct AlternateValue {
    lang: String,
    /// The language's name in itself (`English`).
    name: String,
    url: String,
    permalink: String,
    /// False when `url` is only the language's home page: the page has no
    /// version in it.
    translated: bool,
    /// The page's own language.
    current: bool,
}

/// The versions of a page in every language of the site.
pub(super) fn alternate_values(shared: &Shared, target: &Target) -> Vec<AlternateValue> {
    shared
        .alternates
        .of(shared.config, target)
        .into_iter()
        .map(|alternate| AlternateValue {
            name: shared
                .names
                .get(&alternate.code)
                .cloned()
                .unwrap_or_else(|| alternate.code.clone()),
            permalink: permalink(shared.config, &alternate.url),
            current: alternate.code == shared.config.language,
            lang: alternate.code,
            url: alternate.url,
            translated: alternate.translated,
        })
        .collect()
}

pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// A JSON object of `fields`, moved in: `json!` would serialise each value
/// into a copy, a page's body or twenty cards at a time.
pub(super) fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// The home page's districts (those offered today) and categories, with
/// their counts.
pub(super) fn home_terms(shared: &Shared) -> (Vec<Value>, Vec<Value>) {
    let districts = shared
        .units
        .current_choices()
        .into_iter()
        .map(|i| listing_json(&shared.root, shared.index.district(i)))
        .collect();
    let categories = shared
        .index
        .categories
        .iter()
        .map(|l| listing_json(&shared.root, l))
        .collect();
    (districts, categories)
}

/// The value at `path` (a key, then keys of nested objects), taken out of
/// a page's `values`: to give back what was lent into them.
pub(super) fn take_out(values: &mut Map<String, Value>, path: &[&str]) -> Option<Value> {
    let (first, rest) = path.split_first()?;
    let mut value = values.remove(*first)?;
    for key in rest {
        value = match value {
            Value::Object(mut map) => map.remove(*key)?,
            _ => return None,
        };
    }
    Some(value)
}

/// A **feed** of `docs/templates.md`: one format of a page's feed, for
/// `<link rel="alternate">`.
#[derive(Serialize)]
pub(super) struct FeedLink {
    #[serde(rename = "type")]
    media_type: &'static str,
    url: String,
    title: String,
}

/// Each format of the feeds in the folder `dir_url` (`/districts/xuyen-moc/`).
pub(super) fn feed_links(dir_url: &str, title: &str) -> Vec<FeedLink> {
    FeedFormat::ALL
        .iter()
        .map(|format| FeedLink {
            media_type: format.mime_type(),
            url: format!("{dir_url}{}", format.file_name()),
            title: format!("{}: {title}", format.label()),
        })
        .collect()
}
