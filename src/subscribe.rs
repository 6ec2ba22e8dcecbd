//! The subscribe page (`/subscribe/`) and the list of every feed
//! (`/feeds.opml`): what a resident needs to follow a district in a feed
//! reader, and what a commune office prints on a poster.
//!
//! Feed URLs follow the convention of the feed stage: beside every listing's
//! `rss.xml` stand `atom.xml` and `feed.json`.

use serde::Serialize;
use serde_json::Value;

use crate::config::{District, SiteConfig};
use crate::html::escape_attribute;
use crate::index::{Index, Listing};
use crate::jobs::OPML_FILE;
pub use crate::model::feed_page_dir;
use crate::model::FeedFormat;
use crate::model::Kind;
use crate::words::{Strings, Words};

/// The subscribe page's folder, relative to the output root.
pub const PAGE_DIR: &str = crate::model::SUBSCRIBE_DIR;

/// The smallest side of a QR code in CSS pixels, quiet zone included.
const QR_MIN_PIXELS: u32 = 160;

/// The `url` of the subscribe page.
pub fn page_url(root: &str) -> String {
    format!("{root}{PAGE_DIR}/")
}

/// How many of a feed's newest articles its own page lists.
pub const LATEST_ON_FEED_PAGE: usize = 10;

/// One feed in its three formats.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLinks {
    /// Unique on the page, usable as an `id`: `site`, `district-xuyen-moc`.
    pub id: String,
    /// `site`, `district`, `category`, `tag` or `law`.
    pub kind: &'static str,
    pub key: String,
    pub name: String,
    /// The `url` of the page the feed belongs to.
    pub url: String,
    /// Absolute URL of that page.
    pub permalink: String,
    pub count: usize,
    pub rss_url: String,
    pub atom_url: String,
    pub json_url: String,
    /// The `url` of the feed's own page (`/subscribe/districts/xuyen-moc/`),
    /// where its QR code, buttons and "follow" links lead.
    pub page_url: String,
    /// Its absolute URL, which the QR code holds.
    pub page_permalink: String,
    /// The same without `https://`: what a poster prints under the code.
    pub page_address: String,
}

impl FeedLinks {
    /// `dir` is the listing folder with a trailing slash, empty for the site.
    fn new(config: &SiteConfig, root: &str, dir: &str, kind: &'static str) -> FeedLinks {
        let absolute = |file: &str| format!("{}{root}{dir}{file}", config.origin());
        let page_dir = feed_page_dir((!dir.is_empty()).then(|| dir.trim_end_matches('/')));
        let page_permalink = format!("{}{root}{page_dir}", config.origin());
        let page_address = page_permalink
            .split_once("://")
            .map_or(page_permalink.as_str(), |(_, rest)| rest)
            .to_string();
        FeedLinks {
            page_url: format!("{root}{page_dir}"),
            page_permalink,
            page_address,
            id: String::new(),
            kind,
            key: String::new(),
            name: String::new(),
            url: format!("{root}{dir}"),
            permalink: absolute(""),
            count: 0,
            rss_url: absolute(FeedFormat::Rss.file_name()),
            atom_url: absolute(FeedFormat::Atom.file_name()),
            json_url: absolute(FeedFormat::Json.file_name()),
        }
    }

    fn site(config: &SiteConfig, index: &Index, root: &str) -> FeedLinks {
        FeedLinks {
            id: "site".into(),
            name: config.title.clone(),
            count: index.newest.len(),
            ..FeedLinks::new(config, root, "", "site")
        }
    }

    fn listing(config: &SiteConfig, root: &str, listing: &Listing) -> FeedLinks {
        let kind = listing.kind.name();
        FeedLinks {
            id: format!("{kind}-{}", listing.key),
            key: listing.key.clone(),
            name: listing.name.clone(),
            count: listing.articles.len(),
            ..FeedLinks::new(config, root, &format!("{}/", listing.dir()), kind)
        }
    }
}

/// A **subscription** of `docs/templates.md`: a feed's card.
#[derive(Serialize)]
struct Subscription {
    #[serde(flatten)]
    links: FeedLinks,
    url_html: UrlHtml,
    #[serde(skip_serializing_if = "Option::is_none")]
    qr_svg: Option<String>,
    /// On a former unit's card: what it was merged into, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The three feed addresses of a card, and that of its own page, as
/// wrappable HTML.
#[derive(Serialize)]
struct UrlHtml {
    rss: String,
    atom: String,
    json: String,
    page: String,
}

impl Subscription {
    /// A card without a QR code.
    fn new(links: FeedLinks) -> Subscription {
        Subscription {
            url_html: UrlHtml {
                rss: breakable_url(&links.rss_url),
                atom: breakable_url(&links.atom_url),
                json: breakable_url(&links.json_url),
                page: breakable_url(&links.page_address),
            },
            links,
            qr_svg: None,
            note: None,
        }
    }

    /// A card with the QR code of its own page's address, named by
    /// `qr_label`: a phone's camera opens a page a person can read, never
    /// raw XML.
    fn with_qr(links: FeedLinks, qr_label: &str) -> Subscription {
        let label = format!("{qr_label}: {}", links.name);
        let qr_svg = qr_svg(&links.page_permalink, &label);
        Subscription {
            qr_svg,
            ..Subscription::new(links)
        }
    }
}

/// A **group** of `docs/templates.md`.
#[derive(Serialize)]
struct Group<'a> {
    kind: &'a str,
    heading: &'a str,
    feeds: Vec<Subscription>,
}

/// The extra context of `subscribe.html`.
#[derive(Serialize)]
struct SubscribeValues<'a> {
    strings: &'a Strings,
    groups: Vec<Group<'a>>,
    opml_url: String,
    opml_permalink: String,
    tags_url: String,
    laws_url: String,
}

/// The extra context of `subscribe.html` (see `docs/templates.md`): the
/// whole site, every district and every category, each with a QR code.
pub fn page_context(config: &SiteConfig, words: &Words, index: &Index, root: &str) -> Value {
    let strings = &words.subscribe;
    let card = |links: FeedLinks| Subscription::with_qr(links, &strings.qr_label);
    let mut groups = vec![Group {
        kind: "site",
        heading: &strings.site_heading,
        feeds: vec![card(FeedLinks::site(config, index, root))],
    }];
    // Current units get a card with a QR code for posters; ended ones only
    // their addresses, for residents who look for the old name.
    let (current, former): (Vec<_>, Vec<_>) = index
        .units_with_listings(config)
        .partition(|(unit, _)| unit.valid_to.is_none());
    let former: Vec<Subscription> = former
        .into_iter()
        .map(|(unit, listing)| Subscription {
            note: former_note(config, words, unit),
            ..Subscription::new(FeedLinks::listing(config, root, listing))
        })
        .collect();
    let current: Vec<Subscription> = current
        .into_iter()
        .map(|(_, listing)| card(FeedLinks::listing(config, root, listing)))
        .collect();
    let categories: Vec<Subscription> = index
        .categories
        .iter()
        .map(|l| card(FeedLinks::listing(config, root, l)))
        .collect();
    for (kind, heading, feeds) in [
        ("district", strings.heading(Kind::District), current),
        ("category", strings.heading(Kind::Category), categories),
        ("former", &strings.former_heading, former),
    ] {
        if !feeds.is_empty() {
            groups.push(Group {
                kind,
                heading,
                feeds,
            });
        }
    }
    serde_json::to_value(SubscribeValues {
        strings,
        groups,
        opml_url: format!("{root}{OPML_FILE}"),
        opml_permalink: format!("{}{root}{OPML_FILE}", config.origin()),
        tags_url: format!("{root}{}/", Kind::Tag.segment()),
        laws_url: format!("{root}{}/", Kind::Law.segment()),
    })
    // Only maps with keys that are not strings fail, and there are none.
    .unwrap_or_default()
}

/// What a former unit's card says: what it was merged into, and when.
fn former_note(config: &SiteConfig, words: &Words, unit: &District) -> Option<String> {
    let successors: Vec<&str> = successors(config, unit).map(|d| d.name.as_str()).collect();
    match (successors.is_empty(), unit.valid_to) {
        (false, Some(date)) => Some(format!(
            "{} {} ({})",
            words.subscribe.merged_into,
            successors.join(", "),
            words.date(&date)
        )),
        _ => None,
    }
}

fn successors<'a>(
    config: &'a SiteConfig,
    unit: &'a District,
) -> impl Iterator<Item = &'a District> {
    unit.merged_into
        .iter()
        .filter_map(|key| config.district(key))
}

/// A unit that a former one became part of, as the former one's feed
/// page links it.
#[derive(Serialize)]
struct Successor<'a> {
    name: &'a str,
    page_url: String,
}

/// The extra context of `follow.html` (see `docs/templates.md`), the own
/// page of one feed, without its `latest` articles (which the render
/// stage adds).
#[derive(Serialize)]
struct FeedPageValues<'a> {
    strings: &'a Strings,
    /// What the feed follows: "Địa bàn", "Chuyên mục"…, or "Tất cả tin".
    kind_heading: &'a str,
    feed: Subscription,
    /// Where a former unit's news goes on: their own feed pages.
    successors: Vec<Successor<'a>>,
    subscribe_url: String,
    opml_url: String,
}

/// The extra context of the own page of `listing`'s feed (the whole
/// site's for `None`): a current unit, category, tag or law gets a QR code
/// of the page's address for its poster; a former unit gets instead what it
/// was merged into.
pub fn feed_page_context(
    config: &SiteConfig,
    words: &Words,
    index: &Index,
    root: &str,
    listing: Option<&Listing>,
) -> Value {
    let strings = &words.subscribe;
    let Some(listing) = listing else {
        let feed = Subscription::with_qr(FeedLinks::site(config, index, root), &strings.qr_label);
        return feed_page_value(strings, &strings.site_heading, feed, Vec::new(), root);
    };
    let links = FeedLinks::listing(config, root, listing);
    let former = match listing.kind {
        Kind::District => config
            .district(&crate::config::DistrictKey(listing.key.clone()))
            .filter(|unit| unit.valid_to.is_some()),
        _ => None,
    };
    let (feed, successors) = match former {
        Some(unit) => {
            let successors = successors(config, unit)
                .map(|d| Successor {
                    name: &d.name,
                    page_url: crate::model::feed_page_url(root, Some((Kind::District, &d.key.0))),
                })
                .collect();
            let feed = Subscription {
                note: former_note(config, words, unit),
                ..Subscription::new(links)
            };
            (feed, successors)
        }
        None => (Subscription::with_qr(links, &strings.qr_label), Vec::new()),
    };
    let heading = strings.heading(listing.kind);
    feed_page_value(strings, heading, feed, successors, root)
}

fn feed_page_value(
    strings: &Strings,
    kind_heading: &str,
    feed: Subscription,
    successors: Vec<Successor>,
    root: &str,
) -> Value {
    serde_json::to_value(FeedPageValues {
        strings,
        kind_heading,
        feed,
        successors,
        subscribe_url: page_url(root),
        opml_url: format!("{root}{OPML_FILE}"),
    })
    // Only maps with keys that are not strings fail, and there are none.
    .unwrap_or_default()
}

/// `url` as HTML text that a narrow screen may wrap after any `/` of its
/// path, never inside the host or a name.
fn breakable_url(url: &str) -> String {
    let host_start = url.find("://").map_or(0, |i| i + 3);
    let path_start = url[host_start..]
        .find('/')
        .map_or(url.len(), |i| host_start + i);
    let (head, path) = url.split_at(path_start);
    // The escaped text has no `/` of its own: every one is the URL's.
    format!(
        "{}{}",
        escape_attribute(head),
        escape_attribute(path).replace('/', "/<wbr>")
    )
}

/// A QR code of `data` as an inline SVG element (no XML declaration), at
/// least [`QR_MIN_PIXELS`] wide with its quiet zone, named by `label` for
/// screen readers. `None` when `data` is too long for a QR code.
pub fn qr_svg(data: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let side = width + 2 * QR_QUIET_ZONE;
    let pixels = QR_MIN_PIXELS.div_ceil(side as u32) * side as u32;
    // One path of horizontal runs in module units: a third of the size of
    // a square per module, which matters on a page of thirty codes.
    let colors = code.to_colors();
    let mut path = String::with_capacity(colors.len());
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let run = row[x..]
                .iter()
                .take_while(|c| **c == qrcode::Color::Dark)
                .count();
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                x + QR_QUIET_ZONE,
                y + QR_QUIET_ZONE
            ));
            x += run;
        }
    }
    Some(format!(
        "<svg class=\"qr-code\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{pixels}\" height=\"{pixels}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        escape_attribute(label)
    ))
}

/// Modules of light border around a QR code, as the standard asks.
const QR_QUIET_ZONE: usize = 4;

/// `/feeds.opml`: every feed of the site as an OPML 2.0 subscription list,
/// the site's feed first, then one folder per kind. No date: two builds
/// give the same bytes.
pub fn opml(config: &SiteConfig, strings: &Strings, index: &Index, root: &str) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    xml.push_str("  <head>\n    <title>");
    xml.push_str(&xml_escape(&format!(
        "{} – {}",
        config.title, strings.title
    )));
    xml.push_str("</title>\n  </head>\n  <body>\n");
    outline(&mut xml, "    ", &FeedLinks::site(config, index, root));
    for kind in Kind::ALL {
        let listings = index.of_kind(kind);
        if listings.is_empty() {
            continue;
        }
        let name = xml_escape(strings.heading(kind));
        xml.push_str(&format!("    <outline text=\"{name}\" title=\"{name}\">\n"));
        for listing in listings {
            outline(
                &mut xml,
                "      ",
                &FeedLinks::listing(config, root, listing),
            );
        }
        xml.push_str("    </outline>\n");
    }
    xml.push_str("  </body>\n</opml>\n");
    xml
}

fn outline(xml: &mut String, indent: &str, feed: &FeedLinks) {
    let name = xml_escape(&feed.name);
    xml.push_str(&format!(
        "{indent}<outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\" htmlUrl=\"{}\"/>\n",
        xml_escape(&feed.rss_url),
        xml_escape(&feed.permalink),
    ));
}

/// Escapes text for an XML attribute or element: the five special
/// characters, and line breaks and tabs as references (an attribute would
/// otherwise turn them into spaces); characters XML cannot carry ([`crate::text::is_stray`]) are dropped.
fn xml_escape(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| !crate::text::is_stray(c))
        .collect();
    escape_attribute(&kept)
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    const URL: &str = "https://congan.example.gov.vn/districts/xuyen-moc/rss.xml";

    fn config(extra: &str) -> SiteConfig {
        let text = format!(
            "title = \"Công an <tỉnh> & \\\"thử\\\"\"\nbase_url = \"https://congan.example.gov.vn/loa/\"\n{extra}"
        );
        SiteConfig::parse(Path::new("site.toml"), &text).unwrap()
    }

    fn listing(kind: Kind, key: &str, name: &str, articles: usize) -> Listing {
        Listing {
            kind,
            key: key.into(),
            name: name.into(),
            description: String::new(),
            articles: (0..articles).map(crate::model::ArticleId).collect(),
        }
    }

    /// The dark modules the SVG draws, in module coordinates, and the
    /// side of the code with its quiet zone.
    fn drawn_modules(svg: &str) -> (usize, BTreeSet<(usize, usize)>) {
        let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
        let root = doc.root_element();
        let view_box: Vec<usize> = root
            .attribute("viewBox")
            .unwrap()
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let path = doc
            .descendants()
            .find(|n| n.has_tag_name("path"))
            .and_then(|n| n.attribute("d"))
            .unwrap();
        let mut modules = BTreeSet::new();
        for command in path.split('M').filter(|c| !c.is_empty()) {
            // `M{x} {y}h{run}v1h-{run}z`
            let numbers: Vec<usize> = command
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(numbers.len(), 5, "{command}");
            assert_eq!((numbers[3], numbers[4]), (1, numbers[2]), "{command}");
            for x in numbers[0]..numbers[0] + numbers[2] {
                assert!(modules.insert((x, numbers[1])), "drawn twice: {command}");
            }
        }
        (view_box[2], modules)
    }

    #[test]
    fn qr_svg_is_xml_named_and_at_least_160_pixels() {
        let svg = qr_svg(URL, "Mã QR: <Xuyên Mộc> & \"Đất Đỏ\"").unwrap();
        assert!(svg.starts_with("<svg class=\"qr-code\" role=\"img\" aria-label=\""));
        assert!(!svg.contains("<?xml"), "inline in HTML: no declaration");
        let doc = roxmltree::Document::parse(&svg).expect("the SVG is XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(
            root.attribute("aria-label"),
            Some("Mã QR: <Xuyên Mộc> & \"Đất Đỏ\"")
        );
        assert!(root.attribute("viewBox").is_some(), "scales with CSS");
        let width: u32 = root.attribute("width").unwrap().parse().unwrap();
        assert!((160..240).contains(&width), "{width}");
        assert!(svg.len() < 8_000, "compact: {} bytes", svg.len());
    }

    #[test]
    fn qr_svg_draws_the_code_of_the_url() {
        let svg = qr_svg(URL, "x").unwrap();
        assert_eq!(qr_svg(URL, "x").unwrap(), svg, "deterministic");
        assert_ne!(qr_svg(&format!("{URL}?"), "x").unwrap(), svg);

        let code = qrcode::QrCode::with_error_correction_level(URL, qrcode::EcLevel::M).unwrap();
        let (width, drawn) = drawn_modules(&svg);
        let quiet = 4;
        assert_eq!(width, code.width() + 2 * quiet, "quiet zone on both sides");
        let expected: BTreeSet<(usize, usize)> = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == qrcode::Color::Dark)
            .map(|(i, _)| (i % code.width() + quiet, i / code.width() + quiet))
            .collect();
        assert_eq!(drawn, expected, "every dark module and no other");
        // A version 1 code would hold no URL; this one holds the whole URL.
        assert!(code.width() > 21 && drawn.len() > 200, "{}", drawn.len());
    }

    #[test]
    fn qr_svg_refuses_what_no_qr_code_holds() {
        assert!(qr_svg(&"x".repeat(5000), "x").is_none());
    }

    #[test]
    fn urls_wrap_after_path_slashes_only() {
        assert_eq!(
            breakable_url("https://e.org/loa/districts/a&b/rss.xml"),
            "https://e.org/<wbr>loa/<wbr>districts/<wbr>a&amp;b/<wbr>rss.xml"
        );
        assert_eq!(breakable_url("https://e.org"), "https://e.org");
    }

    #[test]
    fn opml_escapes_hostile_names() {
        let config = config("");
        let hostile = "A & B <script>\"x\" 'y'\u{1}\tz";
        let index = Index {
            newest: [0, 1].map(crate::model::ArticleId).to_vec(),
            districts: vec![listing(Kind::District, "a-b", hostile, 2)],
            categories: vec![listing(Kind::Category, "c", "Cảnh báo", 1)],
            tags: vec![listing(Kind::Tag, "t-1", "<b>thẻ</b>", 1)],
            laws: Vec::new(),
            ..Index::default()
        };
        let text = opml(
            &config,
            &crate::theme::builtin_words(&config.language).subscribe,
            &index,
            &config.root_path(),
        );
        assert!(
            !text.contains("<script>") && !text.contains("<b>"),
            "{text}"
        );
        let doc = roxmltree::Document::parse(&text).expect("OPML is XML");
        assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap();
        assert_eq!(title, "Công an <tỉnh> & \"thử\" – Theo dõi tin");
        let feeds: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("type") == Some("rss"))
            .collect();
        assert_eq!(feeds.len(), 4, "site, district, category, tag");
        let district = feeds[1];
        assert_eq!(
            district.attribute("text"),
            Some("A & B <script>\"x\" 'y'\tz")
        );
        assert_eq!(district.attribute("title"), district.attribute("text"));
        assert_eq!(
            district.attribute("xmlUrl"),
            Some("https://congan.example.gov.vn/loa/districts/a-b/rss.xml")
        );
        assert_eq!(
            district.attribute("htmlUrl"),
            Some("https://congan.example.gov.vn/loa/districts/a-b/")
        );
        assert_eq!(
            feeds[0].attribute("xmlUrl"),
            Some("https://congan.example.gov.vn/loa/rss.xml")
        );
        // Folders per kind, none for a kind without listings.
        let folders: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("outline") && n.attribute("type").is_none())
            .map(|n| n.attribute("text").unwrap())
            .collect();
        assert_eq!(folders, ["Địa bàn", "Chuyên mục", "Chủ đề"]);
        assert_eq!(
            opml(
                &config,
                &crate::theme::builtin_words(&config.language).subscribe,
                &index,
                &config.root_path()
            ),
            text
        );
    }

    #[test]
    fn page_context_lists_site_districts_and_categories() {
        let config = config(
            "language = \"en\"\n[[districts]]\nkey = \"xuyen-moc\"\nname = \"Xuyên Mộc\"\n\
             [[districts]]\nkey = \"cu\"\nname = \"Cũ\"\nvalid_to = 2025-01-01\nmerged_into = [\"xuyen-moc\"]\n",
        );
        let index = Index {
            newest: [0, 1, 2].map(crate::model::ArticleId).to_vec(),
            districts: vec![
                listing(Kind::District, "xuyen-moc", "Xuyên Mộc", 2),
                listing(Kind::District, "cu", "Cũ", 2),
            ],
            categories: vec![listing(Kind::Category, "canh-bao", "Cảnh báo", 1)],
            tags: vec![listing(Kind::Tag, "t", "t", 1)],
            laws: Vec::new(),
            ..Index::default()
        };
        let context = page_context(
            &config,
            &crate::theme::builtin_words(&config.language),
            &index,
            "/loa/",
        );
        assert_eq!(context["strings"]["title"], "Subscribe");
        assert_eq!(context["opml_url"], "/loa/feeds.opml");
        let groups = context["groups"].as_array().unwrap();
        let kinds: Vec<_> = groups.iter().map(|g| g["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            ["site", "district", "category", "former"],
            "tags are in the OPML only; ended units last"
        );
        let former = &groups[3]["feeds"][0];
        assert_eq!(former["key"], "cu");
        assert!(
            former["qr_svg"].is_null(),
            "no QR code for a poster of an ended unit"
        );
        assert_eq!(former["note"], "Merged into Xuyên Mộc (1 January 2025)");
        let district = &groups[1]["feeds"][0];
        assert_eq!(district["id"], "district-xuyen-moc");
        assert_eq!(district["url"], "/loa/districts/xuyen-moc/");
        assert_eq!(district["count"], 2);
        assert_eq!(
            district["atom_url"],
            "https://congan.example.gov.vn/loa/districts/xuyen-moc/atom.xml"
        );
        assert_eq!(
            district["json_url"],
            "https://congan.example.gov.vn/loa/districts/xuyen-moc/feed.json"
        );
        let svg = district["qr_svg"].as_str().unwrap();
        assert!(svg.contains("aria-label=\"QR code of the follow page: Xuyên Mộc\""));
        assert_eq!(groups[0]["feeds"][0]["count"], 3);
        assert_eq!(groups[0]["feeds"][0]["url"], "/loa/");
        // Each feed's own page, under the base path, and its address as a
        // poster prints it.
        assert_eq!(district["page_url"], "/loa/subscribe/districts/xuyen-moc/");
        assert_eq!(
            district["page_address"],
            "congan.example.gov.vn/loa/subscribe/districts/xuyen-moc/"
        );
        assert_eq!(groups[0]["feeds"][0]["page_url"], "/loa/subscribe/site/");
    }
}
