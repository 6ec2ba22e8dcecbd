//! The files of a site besides its pages and feeds: the sitemap, robots.txt
//! and the redirect pages of old URLs.

use crate::html::escape_attribute;
use crate::languages::Target;
use crate::model::{ArticleId, Kind, ARCHIVE_DIR};
use crate::subscribe;
use crate::words::Words;

use super::context::{listing_url, permalink};
use super::Shared;

/// A redirect page for an old URL: a meta refresh for browsers and a
/// canonical link for search engines.
pub(super) fn redirect_page(words: &Words, target: &str) -> String {
    let target = escape_attribute(target);
    let language = &words.language;
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p>{moved_to} <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n",
        lang = escape_attribute(language),
        title = words.pages.redirect_title,
        moved_to = words.pages.moved_to,
    )
}

/// One `<url>` of the sitemap.
struct SitemapEntry {
    loc: String,
    /// W3C datetime.
    lastmod: Option<String>,
    /// The page's versions in the site's languages, its own included
    /// (`xhtml:link rel="alternate" hreflang`): none for a page that only
    /// one language has.
    alternates: Vec<(String, String)>,
}

impl SitemapEntry {
    fn new(shared: &Shared, url: &str, lastmod: Option<String>, target: Target) -> SitemapEntry {
        let versions: Vec<(String, String)> = shared
            .alternates
            .of(shared.config, &target)
            .into_iter()
            .filter(|a| a.translated)
            .map(|a| (a.code, permalink(shared.config, &a.url)))
            .collect();
        SitemapEntry {
            loc: permalink(shared.config, url),
            lastmod,
            alternates: if versions.len() > 1 {
                versions
            } else {
                Vec::new()
            },
        }
    }
}

fn sitemap_xml(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if entries.iter().any(|e| !e.alternates.is_empty()) {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for entry in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_attribute(&entry.loc));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &entry.lastmod {
            xml.push_str("    <lastmod>");
            xml.push_str(&escape_attribute(lastmod));
            xml.push_str("</lastmod>\n");
        }
        for (language, href) in &entry.alternates {
            xml.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            xml.push_str(&escape_attribute(language));
            xml.push_str("\" href=\"");
            xml.push_str(&escape_attribute(href));
            xml.push_str("\"/>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt with the sitemap of each language.
pub(super) fn robots_txt(sitemap_urls: &[String]) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n\n");
    for url in sitemap_urls {
        text.push_str("Sitemap: ");
        text.push_str(url);
        text.push('\n');
    }
    text
}

/// The sitemap: the home page, every article, page, overview and listing
/// (a listing dated by its newest article).
pub(super) fn sitemap(shared: &Shared) -> String {
    let config = shared.config;
    let lastmod_of = |ids: &[ArticleId]| {
        ids.first().map(|&i| {
            let a = shared.site.article(i);
            a.updated.unwrap_or(a.date).to_rfc3339()
        })
    };
    let mut entries = vec![SitemapEntry::new(
        shared,
        &shared.root,
        lastmod_of(&shared.index.newest),
        Target::Everywhere(""),
    )];
    // Another language's articles listed as a fallback are in their own
    // language's sitemap.
    let own = shared
        .index
        .newest
        .iter()
        .map(|&i| shared.site.article(i))
        .filter(|a| a.language == config.language);
    for article in own {
        let lastmod = Some(article.updated.unwrap_or(article.date).to_rfc3339());
        let target = Target::Document(&article.source);
        entries.push(SitemapEntry::new(shared, &article.url, lastmod, target));
    }
    for page in &shared.site.pages {
        let target = Target::Document(&page.source);
        entries.push(SitemapEntry::new(shared, &page.url, None, target));
    }
    // Pages every language has, by their path under its root.
    let everywhere = Kind::ALL
        .iter()
        .map(|kind| format!("{}/", kind.segment()))
        .chain([subscribe::page_url(""), format!("{ARCHIVE_DIR}/")]);
    for path in everywhere {
        let url = format!("{}{path}", shared.root);
        entries.push(SitemapEntry::new(
            shared,
            &url,
            None,
            Target::Everywhere(&path),
        ));
    }
    // A year and a month of one language's archive may have no page in
    // another's.
    for year in &shared.index.archive {
        let url = format!("{}{}/", shared.root, year.dir());
        entries.push(SitemapEntry::new(
            shared,
            &url,
            lastmod_of(&year.articles),
            Target::Nowhere,
        ));
        for month in &year.months {
            let url = format!("{}{}/", shared.root, month.dir());
            let lastmod = lastmod_of(&month.articles);
            entries.push(SitemapEntry::new(shared, &url, lastmod, Target::Nowhere));
        }
    }
    for listing in shared.index.all() {
        let url = listing_url(&shared.root, listing.kind, &listing.key, 1);
        let target = Target::Listing(listing.kind, &listing.key);
        entries.push(SitemapEntry::new(
            shared,
            &url,
            lastmod_of(&listing.articles),
            target,
        ));
    }
    sitemap_xml(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_escapes_target() {
        let page = redirect_page(&crate::theme::builtin_words("vi"), "https://e.org/a\"b/");
        assert!(page.contains("href=\"https://e.org/a&quot;b/\""));
    }
}
