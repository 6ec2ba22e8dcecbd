//! One function per kind of file: each builds its page's values, renders
//! its template (or writes its feed) and returns the bytes.

use std::sync::Arc;

use serde_json::Value;

use crate::error::Error;
use crate::feed::{self, FeedChannel};
use crate::index::archive::{month_dir, year_month};
use crate::index::Listing;
use crate::jobs::Job;
use crate::model::FeedFormat;
use crate::model::{Article, ArticleId, Kind, Page};
use crate::output::Sink;
use crate::subscribe;

use super::context::*;
use super::{render_page, site_files, Shared, WORDS_PER_MINUTE};
use crate::languages::Target;

/// Renders one job into `sink` and returns the path it wrote.
pub(super) fn run(shared: &Shared, job: &Job, sink: &dyn Sink) -> Result<String, Error> {
    let bytes = match job {
        Job::Home(page) => home(shared, *page)?,
        Job::ArchiveOverview => super::archive::overview(shared)?,
        Job::ArchiveYear(year, page) => super::archive::year(shared, year, *page)?,
        Job::ArchiveMonth(year, month, page) => super::archive::month(shared, year, month, *page)?,
        Job::Article(i) => article_page(shared, *i)?,
        Job::Page(page) => standalone_page(shared, page)?,
        Job::ListingPage(listing, page) => listing_page(shared, listing, *page)?,
        Job::Overview(kind) => overview(shared, *kind)?,
        Job::Feed(listing, format) => {
            feed_file(shared, *listing, *format, false, None).into_bytes()
        }
        Job::FullFeed => feed_file(shared, None, FeedFormat::Rss, true, None).into_bytes(),
        Job::LawFeed(format) => super::law_feed::register_feed(shared, *format),
        Job::DistrictAliasFeed(listing, alias, format) => {
            let dir = format!("{}/{alias}/", Kind::District.segment());
            feed_file(shared, Some(listing), *format, false, Some(&dir)).into_bytes()
        }
        Job::NotFound => not_found(shared)?,
        Job::DistrictAlias(listing, _) => site_files::redirect_page(
            &shared.words,
            &permalink(
                shared.config,
                &listing_url(&shared.root, Kind::District, &listing.key, 1),
            ),
        )
        .into_bytes(),
        Job::Alias(_, url) => {
            site_files::redirect_page(&shared.words, &permalink(shared.config, url)).into_bytes()
        }
        Job::FeedStyle => feed::view::stylesheet(&shared.words.feed_view).into_bytes(),
        Job::Sitemap => site_files::sitemap(shared).into_bytes(),
        Job::Robots => {
            let roots = shared.alternates.languages.iter().map(|l| l.root.clone());
            let mut sitemaps: Vec<String> = roots
                .map(|root| format!("{}{root}sitemap.xml", shared.config.origin()))
                .collect();
            if sitemaps.is_empty() {
                sitemaps.push(format!("{}/sitemap.xml", shared.config.base_url));
            }
            site_files::robots_txt(&sitemaps).into_bytes()
        }
        Job::Subscribe => subscribe_page(shared)?,
        Job::FeedPage(listing) => feed_page(shared, *listing)?,
        Job::UnitLatest(listing) => super::units::latest_json(shared, listing),
        Job::SearchPage => super::search::page(shared)?,
        Job::SearchDocs(_, ids) => super::search::docs_json(shared, ids),
        Job::SearchFile(_, text) => text.as_bytes().to_vec(),
        Job::Opml => subscribe::opml(
            shared.config,
            &shared.words.subscribe,
            shared.index,
            &shared.root,
        )
        .into_bytes(),
    };
    let path = job.output_path(shared.site);
    sink.write(&path, &bytes)?;
    Ok(path)
}

pub(super) fn home(shared: &Shared, page: usize) -> Result<Vec<u8>, Error> {
    let (cards, total) = page_slice(&shared.index.newest, page, shared.config.per_page);
    let (districts, categories) = home_terms(shared);
    let extra = object([
        ("articles", Value::Array(shared.lend(cards))),
        ("districts", districts.into()),
        ("categories", categories.into()),
        ("pagination", value(pagination(&shared.root, page, total))),
    ]);
    let url = paged_url(&shared.root, page);
    let numbered =
        (page > 1).then(|| numbered_title(shared, &shared.words.pages.all_articles, page));
    let head = Head {
        target: Target::Everywhere(""),
        title: numbered.as_deref(),
        description: &shared.config.description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: Some(format!("{}rss.xml", shared.root)),
    };
    let (html, mut values) = render_page(shared, "home.html", page_values(shared, head, extra));
    if let Some(Value::Array(lent)) = take_out(&mut values, &["articles"]) {
        shared.give_back(cards, lent);
    }
    html
}

/// `{title} (trang {n})`: the title of a later page of a list.
pub(super) fn numbered_title(shared: &Shared, title: &str, page: usize) -> String {
    shared
        .words
        .pages
        .numbered_page
        .replace("{title}", title)
        .replace("{n}", &page.to_string())
}

pub(super) fn article_page(shared: &Shared, id: ArticleId) -> Result<Vec<u8>, Error> {
    let article = shared.site.article(id);
    let lent = std::slice::from_ref(&id);
    let mut summary = shared.lend(lent).pop().unwrap_or_default();
    // A theme shows the front matter image above the body unless the
    // editor already placed it in the body, where it has a caption.
    let image_in_body = article.image.as_ref().is_some_and(|image| {
        article
            .body
            .html
            .contains(&format!("src=\"{}\"", image.url))
    });
    let reading_minutes = article.body.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
    let neighbours = &shared.index.neighbours[id];
    let link = |i: ArticleId| ArticleLink::new(&shared.words, shared.site.article(i));
    let extras = match value(ArticleExtras {
        content: &article.body.html,
        has_code: article.body.has_code,
        image_in_body,
        reading_minutes,
        month: {
            let (year, month) = year_month(&article.date, shared.config.timezone);
            Link {
                url: format!("{}{}/", shared.root, month_dir(year, month)),
                title: shared.words.pages.month_title(year, month),
            }
        },
        related: neighbours.related.iter().map(|&i| link(i)).collect(),
        older: neighbours.older.map(link),
        newer: neighbours.newer.map(link),
        neighbours_of: article
            .districts
            .first()
            .and_then(|key| shared.config.district(key))
            .map(|unit| Link {
                url: listing_url(&shared.root, Kind::District, &unit.key.0, 1),
                title: unit.name.clone(),
            }),
        law_notices: super::laws::notices(shared, article, false),
    }) {
        Value::Object(extras) => extras,
        _ => serde_json::Map::new(),
    };
    // Taken away again before listings get the summary back.
    let added: Vec<String> = extras.keys().cloned().collect();
    if let Value::Object(map) = &mut summary {
        map.extend(extras);
    }
    let head = Head {
        target: Target::Document(&article.source),
        title: Some(&article.title),
        description: &article.summary,
        url: &article.url,
        og_type: "article",
        og_image: article.image.as_ref().map(|image| {
            let preview = image.picture.as_ref().and_then(|p| p.preview.as_ref());
            OgImage {
                url: absolute(shared.config, preview.map_or(&image.url, |p| &p.url)),
                size: preview.map(|p| (p.width, p.height)),
                alt: image.alt.clone(),
            }
        }),
        feed_url: None,
    };
    let values = page_values(shared, head, object([("article", summary)]));
    let (html, mut values) = render_page(shared, "article.html", values);
    if let Some(Value::Object(mut summary)) = take_out(&mut values, &["article"]) {
        for name in &added {
            summary.remove(name);
        }
        shared.give_back(lent, vec![Value::Object(summary)]);
    }
    html
}

pub(super) fn standalone_page(shared: &Shared, page: &Page) -> Result<Vec<u8>, Error> {
    let page_value = value(PageValue {
        title: &page.title,
        url: &page.url,
        permalink: permalink(shared.config, &page.url),
        summary: &page.summary,
        content: &page.body.html,
    });
    let head = Head {
        target: Target::Document(&page.source),
        title: Some(&page.title),
        description: &page.summary,
        url: &page.url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    let values = page_values(shared, head, object([("page", page_value)]));
    render_page(shared, "page.html", values).0
}

/// Where a listing page's cards are in `listing`: lent (see
/// [`Shared::lend`]) and given back after rendering.
const LENT_CARDS: &str = "articles";

pub(super) fn listing_page(
    shared: &Shared,
    listing: &Listing,
    page: usize,
) -> Result<Vec<u8>, Error> {
    let (cards, total) = page_slice(&listing.articles, page, shared.config.per_page);
    let url = listing_url(&shared.root, listing.kind, &listing.key, page);
    let pagination = pagination(
        &listing_url(&shared.root, listing.kind, &listing.key, 1),
        page,
        total,
    );
    let mut listing_value = match listing.kind {
        Kind::District => {
            match shared
                .units
                .index_of(&crate::config::DistrictKey(listing.key.clone()))
            {
                Some(i) => district_json(shared, i),
                None => listing_json(&shared.root, listing),
            }
        }
        _ => listing_json(&shared.root, listing),
    };
    let own = value(ListingValue {
        kind: listing.kind.name(),
        kind_name: shared.words.subscribe.heading(listing.kind),
        overview_url: format!("{}{}/", shared.root, listing.kind.segment()),
        description: &listing.description,
        pagination,
    });
    let law = super::laws::law_of_listing(shared, listing);
    if let (Value::Object(map), Value::Object(own)) = (&mut listing_value, own) {
        map.extend(own);
        map.insert(LENT_CARDS.into(), Value::Array(shared.lend(cards)));
        if let Some((law, json_ld)) = &law {
            map.insert("law".into(), law.clone());
            map.insert("json_ld".into(), Value::String(json_ld.clone()));
        }
    }
    let words = &shared.words.pages;
    let heading = shared.words.subscribe.heading(listing.kind);
    let title = format!("{heading}: {}", listing.name);
    let title = if page > 1 {
        numbered_title(shared, &title, page)
    } else {
        title
    };
    let law_summary = law
        .as_ref()
        .and_then(|(law, _)| law.get("summary"))
        .and_then(Value::as_str)
        .filter(|summary| !summary.is_empty());
    let description = if let Some(summary) = law_summary {
        summary.to_string()
    } else if listing.description.is_empty() {
        words
            .latest_about
            .replace("{name}", &listing.name)
            .replace("{site}", &shared.config.title)
    } else {
        listing.description.clone()
    };
    let head = Head {
        target: Target::Listing(listing.kind, &listing.key),
        title: Some(&title),
        description: &description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: Some(format!("{}{}/rss.xml", shared.root, listing.dir())),
    };
    let values = page_values(shared, head, object([("listing", listing_value)]));
    let (html, mut values) = render_page(shared, "listing.html", values);
    if let Some(Value::Array(lent)) = take_out(&mut values, &["listing", LENT_CARDS]) {
        shared.give_back(cards, lent);
    }
    html
}

pub(super) fn overview(shared: &Shared, kind: Kind) -> Result<Vec<u8>, Error> {
    let overview_path = format!("{}/", kind.segment());
    let url = format!("{}{overview_path}", shared.root);
    let kind_name = shared.words.subscribe.heading(kind);
    let description = on_site(shared, kind_name);
    let head = Head::website(
        Target::Everywhere(&overview_path),
        kind_name,
        &description,
        &url,
    );
    let mut extra = value(OverviewValues::new(shared, kind));
    let register = shared.site.laws.as_deref().filter(|_| kind == Kind::Law);
    let template = match (kind, register) {
        (Kind::District, _) => "districts.html",
        (Kind::Law, Some(laws)) => {
            if let Value::Object(map) = &mut extra {
                map.insert("groups".into(), value(super::laws::groups(shared, laws)));
                map.insert(
                    "status_day".into(),
                    Value::String(shared.words.day(laws.today)),
                );
            }
            "laws.html"
        }
        _ => "terms.html",
    };
    render_page(shared, template, page_values(shared, head, extra)).0
}

/// `/subscribe/`: every feed with its QR code (see `subscribe`).
pub(super) fn subscribe_page(shared: &Shared) -> Result<Vec<u8>, Error> {
    let strings = &shared.words.subscribe;
    let url = subscribe::page_url(&shared.root);
    let in_language = subscribe::page_url("");
    let head = Head {
        target: Target::Everywhere(&in_language),
        title: Some(&strings.title),
        description: &strings.intro,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    let extra = subscribe::page_context(shared.config, &shared.words, shared.index, &shared.root);
    let values = page_values(shared, head, extra);
    render_page(shared, "subscribe.html", values).0
}

/// `/subscribe/<kind>/<key>/`: one feed's own page and poster (see
/// `subscribe`), with its newest articles.
pub(super) fn feed_page(shared: &Shared, listing: Option<&Listing>) -> Result<Vec<u8>, Error> {
    let strings = &shared.words.subscribe;
    let dir = subscribe::feed_page_dir(listing.map(|l| l.dir()).as_deref());
    let url = format!("{}{dir}", shared.root);
    let name = listing.map_or(shared.config.title.as_str(), |l| l.name.as_str());
    let title = format!("{}: {name}", strings.title);
    let ids = listing.map_or(&shared.index.newest, |l| &l.articles);
    let latest: Vec<ArticleLink> = ids
        .iter()
        .take(subscribe::LATEST_ON_FEED_PAGE)
        .map(|&i| ArticleLink::new(&shared.words, shared.site.article(i)))
        .collect();
    let mut extra = subscribe::feed_page_context(
        shared.config,
        &shared.words,
        shared.index,
        &shared.root,
        listing,
    );
    if let Value::Object(map) = &mut extra {
        map.insert("latest".into(), value(latest));
    }
    let feed_url = format!(
        "{}{}",
        shared.root,
        listing.map_or(String::new(), |l| format!("{}/", l.dir()))
    );
    let head = Head {
        target: Target::Nowhere,
        title: Some(&title),
        description: &strings.intro,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: Some(format!("{feed_url}{}", FeedFormat::Rss.file_name())),
    };
    let values = page_values(shared, head, extra);
    render_page(shared, "follow.html", values).0
}

pub(super) fn not_found(shared: &Shared) -> Result<Vec<u8>, Error> {
    let url = format!("{}404.html", shared.root);
    let head = Head {
        target: Target::Nowhere,
        title: Some(&shared.words.pages.not_found),
        description: &shared.config.description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    render_page(shared, "404.html", page_values(shared, head, Value::Null)).0
}

/// A feed file: a listing's (the site's for `None`) in `format`, or with
/// `full` the site's RSS archive of every article.
pub(super) fn feed_file(
    shared: &Shared,
    listing: Option<&Listing>,
    format: FeedFormat,
    full: bool,
    dir_override: Option<&str>,
) -> String {
    let config = shared.config;
    let (indices, dir, title, description) = match listing {
        Some(l) => (
            &l.articles,
            format!("{}/", l.dir()),
            format!(
                "{}: {} – {}",
                shared.words.subscribe.heading(l.kind),
                l.name,
                config.title
            ),
            l.description.clone(),
        ),
        None => (
            &shared.index.newest,
            String::new(),
            config.title.clone(),
            config.description.clone(),
        ),
    };
    let dir = dir_override.map_or(dir, str::to_string);
    let (file, limit) = if full {
        (crate::jobs::FULL_FEED_FILE, indices.len())
    } else {
        (format.file_name(), config.feed_limit)
    };
    let link = format!("{}{}{dir}", config.origin(), shared.root);
    let self_link = format!("{link}{file}");
    let stylesheet = format!("{}{}", shared.root, crate::jobs::FEED_STYLE_FILE);
    let channel = FeedChannel {
        title: &title,
        description: &description,
        link: &link,
        self_link: &self_link,
        logo: shared.logo.as_deref(),
        stylesheet: &stylesheet,
    };
    let taken = &*shared.carried(indices, limit);
    let entries: Vec<Arc<str>> = taken
        .iter()
        .map(|&i| shared.feed_entry(i, format, !full))
        .collect();
    let items: Vec<(&Article, &str)> = taken
        .iter()
        .zip(&entries)
        .map(|(&i, entry)| (shared.site.article(i), &**entry))
        .collect();
    feed::write(format, config, &channel, &items)
}
