//! Reading what a build wrote as a browser or a feed reader would: HTML
//! with scraper, feeds with feed-rs, XML with roxmltree.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

pub fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(&bytes[..])
        .unwrap_or_else(|e| panic!("{} is not a feed: {e}", path.display()))
}

/// The links of the items of a feed, in order.
pub fn item_links(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| e.links.first().map(|l| l.href.clone()).unwrap_or_default())
        .collect()
}

/// The titles of the items of a feed, in order.
pub fn item_titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect()
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

/// The elements matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = selector(css);
    html.select(&selector).collect()
}

/// The text of the first element matching `css`.
pub fn text_of(html: &Html, css: &str) -> String {
    let found = select(html, css);
    let first = found
        .first()
        .unwrap_or_else(|| panic!("no element matches {css}"));
    first.text().collect()
}

/// An attribute of the first element matching `css`.
pub fn attr_of(html: &Html, css: &str, attr: &str) -> String {
    let found = select(html, css);
    let first = found
        .first()
        .unwrap_or_else(|| panic!("no element matches {css}"));
    first
        .value()
        .attr(attr)
        .unwrap_or_else(|| panic!("{css} has no {attr}"))
        .to_string()
}

/// The heading links of the article cards of a listing or the home page.
const CARD_LINKS: &str = "main article.card h2 a, main article.card h3 a";

/// The titles of the article cards of a listing page, in order.
pub fn card_titles(html: &Html) -> Vec<String> {
    select(html, CARD_LINKS)
        .iter()
        .map(|a| a.text().collect())
        .collect()
}

/// The links of the article cards of a listing page, in order.
pub fn card_links(html: &Html) -> Vec<String> {
    select(html, CARD_LINKS)
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect()
}

/// Parses XML text, panicking with the parse error.
pub fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"))
}

/// The text of every `<item>/<name>` of an RSS document, in order.
pub fn rss_item_texts(text: &str, name: &str) -> Vec<String> {
    let doc = xml(text);
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            item.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The file names of a feed's three formats, written side by side.
pub const FEED_FILES: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

/// `dir/rss.xml` → `[dir/rss.xml, dir/atom.xml, dir/feed.json]`.
pub fn feed_siblings(rss_path: &str) -> [String; 3] {
    let dir = rss_path.trim_end_matches("rss.xml");
    FEED_FILES.map(|file| format!("{dir}{file}"))
}

/// Every `href`, `src` and `poster` of an HTML fragment (a feed's content).
pub fn fragment_urls(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    select(&fragment, "[href], [src], [poster], [srcset]")
        .iter()
        .flat_map(|e| {
            let single = ["href", "src", "poster"]
                .into_iter()
                .filter_map(|a| e.value().attr(a).map(str::to_string));
            // `url 480w, url 960w`: each candidate's URL.
            let candidates = e.value().attr("srcset").into_iter().flat_map(|srcset| {
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next().map(str::to_string))
            });
            single.chain(candidates).collect::<Vec<_>>()
        })
        .collect()
}
