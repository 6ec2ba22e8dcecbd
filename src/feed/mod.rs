//! Feeds in three formats with the same items: RSS 2.0 (the `rss` crate),
//! Atom 1.0 (`atom_syndication`) and JSON Feed 1.1 (`serde_json`), so that
//! escaping and CDATA splitting are done by code made for the job.
//!
//! What every format carries, for every reader: absolute links in the
//! content, the permalink as a stable id, the date and `updated:`, the
//! article image with its length and type, the category, districts and tags,
//! the site's language and its logo.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::Extension;
use rss::{Category, Channel, Enclosure, Guid, Item};
use serde::Serialize;

mod absolute_links;
pub mod laws;
pub mod view;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position};
use crate::model::FeedFormat;
use crate::model::Kind;
use crate::model::{Article, Image};
use crate::theme::Theme;
use crate::words::Words;
use absolute_links::{absolute_links, absolute_url};

/// The channel image when site.toml names no `logo`: the theme ships it.
pub const DEFAULT_LOGO: &str = "logo.png";

/// The absolute URL of the feeds' channel image: `logo` of site.toml, else
/// the theme's `logo.png`; `None` when the static files have no such file.
pub fn logo_url(config: &SiteConfig, theme: &Theme) -> Option<String> {
    let path = config.logo.as_deref().unwrap_or(DEFAULT_LOGO);
    theme
        .static_files
        .iter()
        .any(|f| f.path == path)
        .then(|| format!("{}{}{path}", config.origin(), config.shared_root_path()))
}

/// An error when site.toml names a `logo` that no static folder holds.
pub fn check_logo(config: &SiteConfig, theme: &Theme) -> Option<Diagnostic> {
    let logo = config.logo.as_deref()?;
    if logo_url(config, theme).is_some() {
        return None;
    }
    Some(
        Diagnostic::error(
            "site.toml",
            Position::default(),
            crate::messages::msg!("missing-logo", logo = logo, theme = &config.theme),
        )
        .with_help(crate::messages::msg!("help.missing-logo")),
    )
}

/// How long, in minutes, a reader may cache a feed (RSS `<ttl>`).
pub const TTL_MINUTES: u32 = 60;
/// The Media RSS namespace of `<media:content>`.
pub const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// What a feed is about.
pub struct FeedChannel<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Absolute URL of the page the feed belongs to.
    pub link: &'a str,
    /// Absolute URL of the feed itself.
    pub self_link: &'a str,
    /// Absolute URL of the site's logo, the channel image.
    pub logo: Option<&'a str>,
    /// Root-relative URL of the stylesheet that browsers show RSS and Atom
    /// files with ([`view`]).
    pub stylesheet: &'a str,
}

impl FeedChannel<'_> {
    /// RSS requires a description; the title stands in for an empty one.
    fn description(&self) -> &str {
        if self.description.is_empty() {
            self.title
        } else {
            self.description
        }
    }
}

/// A category, district or tag of an article as feeds show it.
struct FeedTerm {
    kind: Kind,
    /// The key or slug.
    term: String,
    /// The display name.
    label: String,
}

/// The category, then the districts, then the tags.
fn feed_terms(config: &SiteConfig, article: &Article) -> Vec<FeedTerm> {
    let mut terms = Vec::new();
    if let Some(category) = article.category.as_ref().and_then(|c| config.category(c)) {
        terms.push(FeedTerm {
            kind: Kind::Category,
            term: category.key.0.clone(),
            label: category.name.clone(),
        });
    }
    for district in article.districts.iter().filter_map(|d| config.district(d)) {
        terms.push(FeedTerm {
            kind: Kind::District,
            term: district.key.0.clone(),
            label: district.name.clone(),
        });
    }
    for tag in &article.tags {
        terms.push(FeedTerm {
            kind: Kind::Tag,
            term: tag.slug.clone(),
            label: tag.name.clone(),
        });
    }
    terms
}

/// The values every format takes from an article.
struct FeedItem<'a> {
    article: &'a Article,
    permalink: String,
    /// The body with every link and image absolute.
    content: String,
    /// `updated:`, else the date.
    modified: DateTime<FixedOffset>,
    image: Option<FeedImage<'a>>,
    terms: Vec<FeedTerm>,
}

/// The article image with an absolute URL.
struct FeedImage<'a> {
    url: String,
    image: &'a Image,
}

impl<'a> FeedItem<'a> {
    fn new(config: &SiteConfig, words: &Words, article: &'a Article) -> FeedItem<'a> {
        let origin = config.origin();
        let permalink = format!("{origin}{}", article.url);
        // Every feed that lists an article carries its body, and a reader
        // downloads each of them again on every refresh: a long body is
        // replaced by its summary and a link.
        let summary_only =
            config.feed_summary_only || article.body.html.len() > config.feed_body_limit;
        let content = if summary_only {
            let link_text = if config.feed_summary_only {
                &words.subscribe.read_whole
            } else {
                &words.subscribe.read_on_site
            };
            summary_content(article, &permalink, link_text)
        } else {
            absolute_links(&article.body.html, origin, &permalink)
        };
        FeedItem {
            content,
            permalink,
            modified: article.updated.unwrap_or(article.date),
            image: article.image.as_ref().map(|image| FeedImage {
                url: absolute_url(&image.url, origin, origin),
                image,
            }),
            terms: feed_terms(config, article),
            article,
        }
    }
}

/// The content of a feed item whose body is over the feeds' limit, or of
/// every item of a site whose feeds carry summaries: the summary, then a
/// link to the article.
fn summary_content(article: &Article, permalink: &str, link_text: &str) -> String {
    let mut html = String::from("<p>");
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, &article.summary);
    html.push_str("</p>\n<p><a href=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut html, permalink);
    html.push_str("\">");
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, link_text);
    html.push_str("</a></p>\n");
    html
}

/// One article as `format` writes it: an RSS `<item>`, an Atom `<entry>`
/// or a JSON Feed item. Made once per article and build, then copied into
/// every feed that lists the article: the newest articles are in dozens of
/// feeds, and making an item (absolute links, escaping) costs far more
/// than copying it.
pub fn entry(
    format: FeedFormat,
    config: &SiteConfig,
    words: &Words,
    article: &Article,
    notices: &str,
) -> String {
    let mut item = FeedItem::new(config, words, article);
    // A notice that a law the article cites no longer applies reaches a
    // reader of the feed too, above the body.
    if !notices.is_empty() {
        item.content.insert_str(0, notices);
    }
    match format {
        FeedFormat::Rss => rss_item_text(rss_item(&item)),
        FeedFormat::Atom => {
            let scheme_root = format!("{}{}", config.origin(), config.root_path());
            atom_entry_text(&atom_entry(&item, &scheme_root))
        }
        FeedFormat::Json => serde_json::to_string(&json_item(&item)).unwrap_or_default(),
    }
}

/// An RSS `<item>` as text to splice into a channel. The crate writes
/// items only inside a channel: one with this item alone, then the item
/// cut out of it.
fn rss_item_text(item: Item) -> String {
    let mut channel = Channel::default();
    channel.set_items(vec![item]);
    element(&channel.to_string(), "<item>", "</item>").to_string()
}

/// An Atom `<entry>` as text to splice into a feed.
fn atom_entry_text(entry: &atom_syndication::Entry) -> String {
    let config = atom_syndication::WriteConfig {
        write_document_declaration: false,
        indent_size: None,
    };
    let bytes = entry
        .write_with_config(Vec::new(), config)
        .unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    // Inside a feed the entry inherits the namespace of `<feed>`.
    match text.strip_prefix(concat!(
        "<entry xmlns=\"",
        "http://www.w3.org/2005/Atom",
        "\""
    )) {
        Some(rest) => format!("<entry{rest}"),
        None => text,
    }
}

/// `document` from the first `open` to the last `close`, both included.
fn element<'a>(document: &'a str, open: &str, close: &str) -> &'a str {
    match (document.find(open), document.rfind(close)) {
        (Some(start), Some(end)) if start <= end => &document[start..end + close.len()],
        _ => "",
    }
}

/// `document` with `fragments` inserted before its last `before`.
fn splice(mut document: String, before: &str, fragments: &[Spliced]) -> String {
    let at = document.rfind(before).unwrap_or(document.len());
    let tail = document.split_off(at);
    document.reserve(fragments.iter().map(|f| f.text.len()).sum::<usize>() + tail.len());
    for fragment in fragments {
        document.push_str(fragment.text);
    }
    document.push_str(&tail);
    document
}

/// An item written in a feed's format, to splice into the feed, with what
/// the channel says of its items: articles' items and the register's
/// (see [`laws`]) go into the same documents.
struct Spliced<'a> {
    text: &'a str,
    published: DateTime<FixedOffset>,
    updated: DateTime<FixedOffset>,
    /// Whether it names an author (RSS `dc:creator`).
    has_author: bool,
}

/// The feed `format` of `items`, each an article and its [`entry`] in that
/// format, newest first and already cut to the feed limit.
pub fn write(
    format: FeedFormat,
    config: &SiteConfig,
    channel: &FeedChannel,
    items: &[(&Article, &str)],
) -> String {
    let items: Vec<Spliced> = items
        .iter()
        .map(|(article, text)| Spliced {
            text,
            published: article.date,
            updated: article.updated.unwrap_or(article.date),
            has_author: article.author.is_some(),
        })
        .collect();
    write_spliced(format, config, channel, &items)
}

fn write_spliced(
    format: FeedFormat,
    config: &SiteConfig,
    channel: &FeedChannel,
    items: &[Spliced],
) -> String {
    match format {
        FeedFormat::Rss => rss(config, channel, items),
        FeedFormat::Atom => atom(config, channel, items),
        FeedFormat::Json => json_feed(config, channel, items),
    }
}

/// An RSS 2.0 document.
fn rss(config: &SiteConfig, channel: &FeedChannel, items: &[Spliced]) -> String {
    let mut feed = Channel::default();
    feed.set_title(channel.title.to_string());
    feed.set_link(channel.link.to_string());
    feed.set_description(channel.description().to_string());
    feed.set_language(Some(config.language.clone()));
    feed.set_generator(Some("loa".to_string()));
    feed.set_ttl(Some(TTL_MINUTES.to_string()));
    feed.set_image(channel.logo.map(|logo| rss::Image {
        url: logo.to_string(),
        title: channel.title.to_string(),
        link: channel.link.to_string(),
        ..rss::Image::default()
    }));
    // The newest item's date, not the clock, so that a rebuild of the same
    // content is byte-identical.
    feed.set_last_build_date(items.first().map(|item| item.published.to_rfc2822()));
    let self_link = Link {
        href: channel.self_link.to_string(),
        rel: "self".to_string(),
        mime_type: Some(FeedFormat::Rss.mime_type().to_string()),
        ..Link::default()
    };
    let hubs = config.websub_hubs.iter().map(|hub| Link {
        href: hub.clone(),
        rel: "hub".to_string(),
        ..Link::default()
    });
    feed.set_atom_ext(Some(AtomExtension {
        links: std::iter::once(self_link).chain(hubs).collect(),
    }));
    let mut namespaces = BTreeMap::from([
        ("content".to_string(), CONTENT_NS.to_string()),
        ("media".to_string(), MEDIA_NS.to_string()),
    ]);
    // The items are spliced in below, so the namespaces they use are named
    // here: the crate would only see them in items it writes itself.
    if items.iter().any(|item| item.has_author) {
        namespaces.insert(
            "dc".to_string(),
            rss::extension::dublincore::NAMESPACE.to_string(),
        );
    }
    feed.set_namespaces(namespaces);
    // The crate writes items last in the channel: they go where it would.
    let head = view::with_stylesheet(&feed.to_string(), channel.stylesheet);
    splice(head, "</channel>", items)
}

fn rss_item(feed_item: &FeedItem) -> Item {
    let article = feed_item.article;
    let mut item = Item::default();
    item.set_title(Some(article.title.clone()));
    item.set_link(Some(feed_item.permalink.clone()));
    item.set_guid(Some(Guid {
        value: feed_item.permalink.clone(),
        permalink: true,
    }));
    item.set_pub_date(Some(article.date.to_rfc2822()));
    // The summary is plain text and readers show `description` as HTML.
    let mut description = String::with_capacity(article.summary.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut description, &article.summary);
    item.set_description(Some(description));
    item.set_content(Some(feed_item.content.clone()));
    item.set_categories(
        feed_item
            .terms
            .iter()
            .map(|t| Category {
                name: t.label.clone(),
                domain: None,
            })
            .collect::<Vec<_>>(),
    );
    if let Some(author) = &article.author {
        item.set_dublin_core_ext(Some(DublinCoreExtension {
            creators: vec![author.clone()],
            ..DublinCoreExtension::default()
        }));
    }
    if let Some(FeedImage { url, image }) = &feed_item.image {
        // An enclosure must state its length and type; a remote image
        // whose size is unknown is only given as media:content.
        if let (Some(length), Some(mime_type)) = (image.length, image.mime_type) {
            item.set_enclosure(Some(Enclosure {
                url: url.clone(),
                length: length.to_string(),
                mime_type: mime_type.to_string(),
            }));
        }
        let mut attrs = BTreeMap::from([
            ("url".to_string(), url.clone()),
            ("medium".to_string(), "image".to_string()),
        ]);
        if let Some(mime_type) = image.mime_type {
            attrs.insert("type".to_string(), mime_type.to_string());
        }
        if let Some(length) = image.length {
            attrs.insert("fileSize".to_string(), length.to_string());
        }
        let content = Extension {
            name: "media:content".to_string(),
            attrs,
            ..Extension::default()
        };
        item.set_extensions(BTreeMap::from([(
            "media".to_string(),
            BTreeMap::from([("content".to_string(), vec![content])]),
        )]));
    }
    item
}

/// An Atom 1.0 document.
fn atom(config: &SiteConfig, channel: &FeedChannel, items: &[Spliced]) -> String {
    // The latest change of any entry, not the clock, so that a rebuild is
    // byte-identical; an empty feed says it never changed.
    let updated = items
        .iter()
        .map(|item| item.updated)
        .max()
        .unwrap_or_else(|| epoch(config.timezone));
    let feed = atom_syndication::Feed {
        title: atom_syndication::Text::plain(channel.title),
        id: channel.link.to_string(),
        updated,
        authors: vec![atom_syndication::Person {
            name: config.title.clone(),
            uri: Some(format!("{}/", config.base_url)),
            ..atom_syndication::Person::default()
        }],
        generator: Some(atom_syndication::Generator {
            value: "loa".to_string(),
            ..atom_syndication::Generator::default()
        }),
        icon: channel.logo.map(str::to_string),
        logo: channel.logo.map(str::to_string),
        links: [
            atom_link(channel.link, "alternate", Some("text/html")),
            atom_link(
                channel.self_link,
                "self",
                Some(FeedFormat::Atom.mime_type()),
            ),
        ]
        .into_iter()
        .chain(
            config
                .websub_hubs
                .iter()
                .map(|hub| atom_link(hub, "hub", None)),
        )
        .collect(),
        subtitle: (!channel.description.is_empty())
            .then(|| atom_syndication::Text::plain(channel.description)),
        lang: Some(config.language.clone()),
        ..atom_syndication::Feed::default()
    };
    // Entries are the last children of `<feed>` in the crate's output.
    let head = view::with_stylesheet(&feed.to_string(), channel.stylesheet);
    let mut text = splice(head, "</feed>", items);
    text.push('\n');
    text
}

fn epoch(timezone: FixedOffset) -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.with_timezone(&timezone)
}

fn atom_link(href: &str, rel: &str, mime_type: Option<&str>) -> atom_syndication::Link {
    atom_syndication::Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: mime_type.map(str::to_string),
        ..atom_syndication::Link::default()
    }
}

fn atom_entry(item: &FeedItem, scheme_root: &str) -> atom_syndication::Entry {
    let article = item.article;
    let mut links = vec![atom_link(&item.permalink, "alternate", Some("text/html"))];
    if let Some(FeedImage { url, image }) = &item.image {
        let mut enclosure = atom_link(url, "enclosure", image.mime_type);
        enclosure.length = image.length.map(|l| l.to_string());
        enclosure.title = Some(image.alt.clone()).filter(|alt| !alt.is_empty());
        links.push(enclosure);
    }
    atom_syndication::Entry {
        title: atom_syndication::Text::plain(article.title.as_str()),
        id: item.permalink.clone(),
        updated: item.modified,
        published: Some(article.date),
        authors: article
            .author
            .iter()
            .map(|name| atom_syndication::Person {
                name: name.clone(),
                ..atom_syndication::Person::default()
            })
            .collect(),
        categories: item
            .terms
            .iter()
            .map(|t| atom_syndication::Category {
                term: t.term.clone(),
                scheme: Some(format!("{scheme_root}{}/", t.kind.segment())),
                label: Some(t.label.clone()),
            })
            .collect(),
        links,
        summary: (!article.summary.is_empty())
            .then(|| atom_syndication::Text::plain(article.summary.as_str())),
        content: Some(atom_syndication::Content {
            value: Some(item.content.clone()),
            content_type: Some("html".to_string()),
            ..atom_syndication::Content::default()
        }),
        ..atom_syndication::Entry::default()
    }
}

/// JSON Feed 1.1: <https://jsonfeed.org/version/1.1>.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    favicon: Option<&'a str>,
    authors: Vec<JsonAuthor<'a>>,
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<JsonHub<'a>>,
    /// Always empty: the items are spliced in as text.
    items: Vec<JsonItem<'a>>,
}

/// A hub of JSON Feed 1.1's `hubs`.
#[derive(Serialize)]
struct JsonHub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
}

fn json_item<'a>(item: &'a FeedItem) -> JsonItem<'a> {
    JsonItem {
        id: &item.permalink,
        url: &item.permalink,
        title: &item.article.title,
        content_html: &item.content,
        summary: &item.article.summary,
        date_published: item.article.date.to_rfc3339(),
        date_modified: item.modified.to_rfc3339(),
        image: item.image.as_ref().map(|i| i.url.as_str()),
        tags: item.terms.iter().map(|t| t.label.as_str()).collect(),
        authors: item
            .article
            .author
            .iter()
            .map(|name| JsonAuthor { name, url: None })
            .collect(),
    }
}

/// A JSON Feed 1.1 document, compact: it is read by programs, over mobile
/// data.
fn json_feed(config: &SiteConfig, channel: &FeedChannel, items: &[Spliced]) -> String {
    let feed = JsonFeed {
        version: JSON_FEED_VERSION,
        title: channel.title,
        home_page_url: channel.link,
        feed_url: channel.self_link,
        description: channel.description(),
        icon: channel.logo,
        favicon: channel.logo,
        authors: vec![JsonAuthor {
            name: &config.title,
            url: Some(format!("{}/", config.base_url)),
        }],
        language: &config.language,
        hubs: config
            .websub_hubs
            .iter()
            .map(|url| JsonHub {
                kind: "WebSub",
                url,
            })
            .collect(),
        items: Vec::new(),
    };
    // `items` is the last member: the document ends with `[]}`, and the
    // items (each a JSON object) go between the brackets.
    let mut text = serde_json::to_string(&feed).unwrap_or_default();
    let tail = text.split_off(text.len().saturating_sub(2));
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(item.text);
    }
    text.push_str(&tail);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries are cut out of one document and spliced into another: text
    /// in a body that looks like the markers must not move the cut.
    #[test]
    fn spliced_feeds_parse_with_every_item_whole() {
        let config = SiteConfig::parse(
            std::path::Path::new("site.toml"),
            "title = \"Loa\"\nbase_url = \"https://e.org\"\n",
        )
        .unwrap();
        let hostile = "<p><item></item></channel><entry></entry></feed>]]>\"items\":[]}</p>";
        let articles = [
            article("mot", hostile, Some("BBT")),
            article("hai", "<p>Hai</p>", None),
        ];
        let channel = FeedChannel {
            title: "Loa",
            description: "",
            link: "https://e.org/",
            self_link: "https://e.org/rss.xml",
            logo: None,
            stylesheet: "/feed.css",
        };
        for format in FeedFormat::ALL {
            let entries: Vec<String> = articles
                .iter()
                .map(|a| entry(format, &config, &crate::theme::builtin_words("vi"), a, ""))
                .collect();
            let items: Vec<(&Article, &str)> = articles
                .iter()
                .zip(&entries)
                .map(|(a, e)| (a, e.as_str()))
                .collect();
            let text = write(format, &config, &channel, &items);
            let feed = feed_rs::parser::parse(text.as_bytes())
                .unwrap_or_else(|e| panic!("{format:?}: {e}\n{text}"));
            let titles: Vec<_> = feed
                .entries
                .iter()
                .map(|e| e.title.as_ref().map(|t| t.content.clone()))
                .collect();
            assert_eq!(
                titles,
                [Some("mot".into()), Some("hai".into())],
                "{format:?}"
            );
            let content = feed.entries[0]
                .content
                .as_ref()
                .and_then(|c| c.body.clone());
            assert_eq!(content.as_deref(), Some(hostile), "{format:?}");
        }
        // The items' Dublin Core author needs its namespace on the root.
        let rss_entry = entry(
            FeedFormat::Rss,
            &config,
            &crate::theme::builtin_words("vi"),
            &articles[0],
            "",
        );
        let rss = write(
            FeedFormat::Rss,
            &config,
            &channel,
            &[(&articles[0], &rss_entry)],
        );
        let parsed: Channel = rss.parse().unwrap();
        let creators = parsed.items()[0]
            .dublin_core_ext()
            .map(|dc| dc.creators().to_vec());
        assert_eq!(creators, Some(vec!["BBT".to_string()]));
    }

    #[test]
    fn formats_have_their_names_and_types() {
        let names: Vec<_> = FeedFormat::ALL.iter().map(|f| f.file_name()).collect();
        assert_eq!(names, ["rss.xml", "atom.xml", "feed.json"]);
        assert_eq!(FeedFormat::Json.mime_type(), "application/feed+json");
    }

    fn article(title: &str, html: &str, author: Option<&str>) -> Article {
        let date = chrono::DateTime::parse_from_rfc3339("2025-03-01T08:00:00+07:00").unwrap();
        Article {
            language: "vi".into(),
            source: format!("tin/{title}.md"),
            output_dir: format!("tin/{title}"),
            url: format!("/tin/{title}/"),
            title: title.to_string(),
            date,
            updated: None,
            summary: "Tóm tắt".to_string(),
            districts: Vec::new(),
            category: None,
            tags: Vec::new(),
            laws: Vec::new(),
            author: author.map(str::to_string),
            image: None,
            aliases: Vec::new(),
            draft: false,
            body: std::sync::Arc::new(crate::markdown::Rendered {
                html: html.to_string(),
                first_paragraph: String::new(),
                has_code: false,
                word_count: 1,
                links: Vec::new(),
            }),
            fingerprint: 0,
            listed: 0,
            linted: 0,
        }
    }
}
