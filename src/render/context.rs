//! The values templates get (see `docs/templates.md`): the base context of
//! every page, article summaries, terms and listings, and a page's head.

use serde_json::{json, Map, Value};

use crate::config::SiteConfig;
use crate::districts::{UnitId, Units};
use crate::index::{Index, Listing};
use crate::model::FeedFormat;
use crate::model::{Article, Kind};
use crate::subscribe;
use crate::theme::Theme;

use super::{Shared, DESCRIPTION_CHARS};

pub(super) fn permalink(config: &SiteConfig, url: &str) -> String {
    format!("{}{url}", config.origin())
}

pub(super) fn listing_url(root: &str, kind: Kind, key: &str, page: usize) -> String {
    if page <= 1 {
        format!("{root}{}/{key}/", kind.segment())
    } else {
        format!("{root}{}/{key}/page/{page}/", kind.segment())
    }
}

pub(super) fn term_json(root: &str, kind: Kind, key: &str, name: &str, count: usize) -> Value {
    json!({
        "key": key,
        "name": name,
        "url": listing_url(root, kind, key, 1),
        "feed_url": format!("{root}{}/{key}/rss.xml", kind.segment()),
        "count": count,
    })
}

pub(super) fn nav_term_json(root: &str, listing: &Listing) -> Value {
    let mut value = listing_json(root, listing);
    if let Value::Object(map) = &mut value {
        map.remove("count");
    }
    value
}

pub(super) fn listing_json(root: &str, listing: &Listing) -> Value {
    term_json(
        root,
        listing.kind,
        &listing.key,
        &listing.name,
        listing.articles.len(),
    )
}

/// A district's term with its history and place in the hierarchy, so that a
/// merged unit's page can say so and link to its successors.
pub(super) fn district_json(shared: &Shared, units: &Units, i: UnitId) -> Value {
    let root = &shared.root;
    let unit = units.unit(i);
    let term = |j: UnitId| listing_json(root, shared.index.district(j));
    let mut value = term(i);
    if let Value::Object(map) = &mut value {
        if let Some(level) = &unit.level {
            map.insert("level".into(), level.clone().into());
        }
        for (field, date) in [("valid_from", unit.valid_from), ("valid_to", unit.valid_to)] {
            if let Some(date) = date {
                map.insert(field.into(), date.format("%Y-%m-%d").to_string().into());
                map.insert(
                    format!("{field}_display"),
                    date.format("%d/%m/%Y").to_string().into(),
                );
            }
        }
        map.insert("current".into(), unit.valid_to.is_none().into());
        let successors: Vec<Value> = unit
            .merged_into
            .iter()
            .filter_map(|k| units.index_of(k))
            .map(term)
            .collect();
        map.insert("successors".into(), successors.into());
        if let Some(parent) = units.parent(i) {
            map.insert("parent".into(), term(parent));
        }
        let children: Vec<Value> = units
            .children(i)
            .iter()
            .map(|&c| district_json(shared, units, c))
            .collect();
        map.insert("children".into(), children.into());
        map.insert("former_keys".into(), unit.aliases.clone().into());
    }
    value
}

pub(super) fn base_context(
    config: &SiteConfig,
    units: &Units,
    index: &Index,
    theme: &Theme,
    root: &str,
) -> Value {
    json!({
        "site": {
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "language": config.language,
            "root_url": root,
            "feed_url": format!("{root}rss.xml"),
            "feeds": feed_links(root, &config.title),
            "subscribe_url": subscribe::page_url(root),
            "subscribe_title": crate::words::strings(&config.language).title,
            // The units a resident picks from today (not the ended ones).
            // No counts here: what every page gets must not change when
            // one article does, or an edit would re-render the whole site.
            "districts": units
                .current_choices()
                .into_iter()
                .map(|i| nav_term_json(root, index.district(i)))
                .collect::<Vec<_>>(),
            "categories": index.categories.iter().map(|l| nav_term_json(root, l)).collect::<Vec<_>>(),
        },
        "asset_url": root,
        "build_id": theme.build_id,
    })
}

pub(super) fn summary_json(config: &SiteConfig, article: &Article, root: &str) -> Value {
    let district_terms: Vec<Value> = article
        .districts
        .iter()
        .filter_map(|key| config.district(key))
        .map(|d| term_json(root, Kind::District, &d.key.0, &d.name, 0))
        .collect();
    let mut map = Map::new();
    map.insert("title".into(), article.title.clone().into());
    map.insert("url".into(), article.url.clone().into());
    map.insert("permalink".into(), permalink(config, &article.url).into());
    map.insert("date".into(), article.date.to_rfc3339().into());
    map.insert(
        "date_display".into(),
        article.date.format("%d/%m/%Y").to_string().into(),
    );
    map.insert("summary".into(), article.summary.clone().into());
    map.insert("districts".into(), district_terms.into());
    map.insert("province_wide".into(), article.districts.is_empty().into());
    let terms = |kind, terms: &[crate::model::Term]| -> Value {
        terms
            .iter()
            .map(|t| term_json(root, kind, &t.slug, &t.name, 0))
            .collect()
    };
    map.insert("tags".into(), terms(Kind::Tag, &article.tags));
    map.insert("laws".into(), terms(Kind::Law, &article.laws));
    map.insert("draft".into(), article.draft.into());
    if let Some(updated) = article.updated {
        map.insert("updated".into(), updated.to_rfc3339().into());
        map.insert(
            "updated_display".into(),
            updated.format("%d/%m/%Y").to_string().into(),
        );
    }
    if let Some(category) = article.category.as_ref().and_then(|c| config.category(c)) {
        map.insert(
            "category".into(),
            term_json(root, Kind::Category, &category.key.0, &category.name, 0),
        );
    }
    if let Some(author) = &article.author {
        map.insert("author".into(), author.clone().into());
    }
    if let Some(image) = &article.image {
        map.insert(
            "image".into(),
            json!({"url": image.url, "permalink": absolute(config, &image.url), "alt": image.alt}),
        );
    }
    Value::Object(map)
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
    pub(super) title: Option<&'a str>,
    pub(super) description: &'a str,
    pub(super) url: &'a str,
    pub(super) og_type: &'a str,
    pub(super) og_image: Option<String>,
    pub(super) feed_url: Option<String>,
}

/// A page's own values: its head, then `extra` (its template's values).
pub(super) fn page_values(shared: &Shared, head: Head, extra: Value) -> Map<String, Value> {
    let mut map = Map::new();
    let page_title = match head.title {
        Some(title) => format!("{title} | {}", shared.config.title),
        None => shared.config.title.clone(),
    };
    map.insert("page_title".into(), page_title.clone().into());
    map.insert(
        "description".into(),
        shorten(head.description, DESCRIPTION_CHARS).into(),
    );
    map.insert(
        "permalink".into(),
        permalink(shared.config, head.url).into(),
    );
    map.insert("current_url".into(), head.url.into());
    map.insert("og_type".into(), head.og_type.into());
    if let Some(image) = head.og_image {
        map.insert("og_image".into(), image.into());
    }
    if let Some(feed) = head.feed_url {
        let dir = feed
            .strip_suffix(FeedFormat::Rss.file_name())
            .unwrap_or(&feed);
        map.insert("feeds".into(), feed_links(dir, &page_title));
        map.insert("feed_url".into(), feed.into());
    }
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    map
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

/// `{type, url, title}` of each format of the feeds in the folder `dir_url`
/// (`/districts/xuyen-moc/`), for `<link rel="alternate">`.
pub(super) fn feed_links(dir_url: &str, title: &str) -> Value {
    FeedFormat::ALL
        .iter()
        .map(|format| {
            json!({
                "type": format.mime_type(),
                "url": format!("{dir_url}{}", format.file_name()),
                "title": format!("{}: {title}", format.label()),
            })
        })
        .collect()
}
