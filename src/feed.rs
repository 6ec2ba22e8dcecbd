//! RSS 2.0 feeds, written with the `rss` crate so that escaping and CDATA
//! splitting are done by code made for the job.

use std::collections::BTreeMap;

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::config::SiteConfig;
use crate::validate::Article;

/// What a feed is about.
pub struct FeedChannel<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Absolute URL of the page the feed belongs to.
    pub link: &'a str,
    /// Absolute URL of the feed itself.
    pub self_link: &'a str,
}

/// The names readers show for an article's terms.
pub trait TermNames {
    fn category_name(&self, article: &Article) -> Option<String>;
    fn district_names(&self, article: &Article) -> Vec<String>;
}

impl TermNames for SiteConfig {
    fn category_name(&self, article: &Article) -> Option<String> {
        article
            .category
            .as_ref()
            .and_then(|c| self.category(c))
            .map(|c| c.name.clone())
    }
    fn district_names(&self, article: &Article) -> Vec<String> {
        article
            .districts
            .iter()
            .filter_map(|d| self.district(d))
            .map(|d| d.name.clone())
            .collect()
    }
}

/// An RSS 2.0 document for `articles`, which come newest first and are
/// already cut to the feed limit.
pub fn rss<'a>(
    config: &SiteConfig,
    channel: &FeedChannel,
    articles: impl Iterator<Item = &'a Article>,
) -> String {
    let origin = config.origin();
    let items: Vec<Item> = articles
        .map(|article| item(config, origin, article))
        .collect();
    let mut feed = Channel::default();
    feed.set_title(channel.title.to_string());
    feed.set_link(channel.link.to_string());
    feed.set_description(if channel.description.is_empty() {
        channel.title.to_string()
    } else {
        channel.description.to_string()
    });
    feed.set_language(Some(config.language.clone()));
    feed.set_generator(Some("loa".to_string()));
    // The newest item's date, not the clock, so that a rebuild of the same
    // content is byte-identical.
    feed.set_last_build_date(items.first().and_then(|i| i.pub_date().map(str::to_string)));
    feed.set_atom_ext(Some(AtomExtension {
        links: vec![Link {
            href: channel.self_link.to_string(),
            rel: "self".to_string(),
            mime_type: Some("application/rss+xml".to_string()),
            ..Link::default()
        }],
    }));
    feed.set_namespaces(BTreeMap::from([(
        "content".to_string(),
        "http://purl.org/rss/1.0/modules/content/".to_string(),
    )]));
    feed.set_items(items);
    feed.to_string()
}

fn item(config: &SiteConfig, origin: &str, article: &Article) -> Item {
    let permalink = format!("{origin}{}", article.url);
    let mut item = Item::default();
    item.set_title(Some(article.title.clone()));
    item.set_link(Some(permalink.clone()));
    item.set_guid(Some(Guid {
        value: permalink,
        permalink: true,
    }));
    item.set_pub_date(Some(article.date.to_rfc2822()));
    // The summary is plain text and readers show `description` as HTML.
    let mut description = String::with_capacity(article.summary.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut description, &article.summary);
    item.set_description(Some(description));
    item.set_content(Some(absolute_links(&article.body.html, origin)));
    let mut categories: Vec<Category> = Vec::new();
    let mut add = |name: String| categories.push(Category { name, domain: None });
    if let Some(name) = config.category_name(article) {
        add(name);
    }
    config
        .district_names(article)
        .into_iter()
        .for_each(&mut add);
    article.tags.iter().for_each(|t| add(t.name.clone()));
    item.set_categories(categories);
    if let Some(author) = &article.author {
        item.set_dublin_core_ext(Some(DublinCoreExtension {
            creators: vec![author.clone()],
            ..DublinCoreExtension::default()
        }));
    }
    item
}

/// Feed readers show content away from the site, so root-relative `href`
/// and `src` attributes (which our Markdown renderer writes) get the origin.
pub fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = find_root_relative(rest) {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        out.push_str(origin);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The offset of the `/` that starts a root-relative URL in an `href="` or
/// `src="` attribute (a protocol-relative `//` is left alone).
fn find_root_relative(html: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let found = ["href=\"/", "src=\"/"]
            .iter()
            .filter_map(|pattern| {
                html[from..]
                    .find(pattern)
                    .map(|i| (from + i + pattern.len() - 1, pattern.len()))
            })
            .min()?;
        let slash = found.0;
        if !html[slash + 1..].starts_with('/') {
            return Some(slash);
        }
        from = slash + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_links_become_absolute() {
        let html = r#"<a href="/a/">x</a><img src="/b.png"><a href="//cdn/x">y</a><a href="https://z/">z</a><a href="/c/">c</a>"#;
        assert_eq!(
            absolute_links(html, "https://e.org"),
            r#"<a href="https://e.org/a/">x</a><img src="https://e.org/b.png"><a href="//cdn/x">y</a><a href="https://z/">z</a><a href="https://e.org/c/">c</a>"#
        );
    }
}
