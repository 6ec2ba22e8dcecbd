//! The files of a site besides its pages and feeds: the sitemap, robots.txt
//! and the redirect pages of old URLs.

use crate::html::escape_attribute;
use crate::model::{ArticleId, Kind};
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
}

fn sitemap_xml(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_attribute(&entry.loc));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &entry.lastmod {
            xml.push_str("    <lastmod>");
            xml.push_str(&escape_attribute(lastmod));
            xml.push_str("</lastmod>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(super) fn robots_txt(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
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
    let mut entries = vec![SitemapEntry {
        loc: permalink(config, &shared.root),
        lastmod: lastmod_of(&shared.index.newest),
    }];
    for &i in &shared.index.newest {
        let article = shared.site.article(i);
        entries.push(SitemapEntry {
            loc: permalink(config, &article.url),
            lastmod: Some(article.updated.unwrap_or(article.date).to_rfc3339()),
        });
    }
    for page in &shared.site.pages {
        entries.push(SitemapEntry {
            loc: permalink(config, &page.url),
            lastmod: None,
        });
    }
    for kind in Kind::ALL {
        entries.push(SitemapEntry {
            loc: permalink(config, &format!("{}{}/", shared.root, kind.segment())),
            lastmod: None,
        });
    }
    entries.push(SitemapEntry {
        loc: permalink(config, &subscribe::page_url(&shared.root)),
        lastmod: None,
    });
    for listing in shared.index.all() {
        entries.push(SitemapEntry {
            loc: permalink(
                config,
                &listing_url(&shared.root, listing.kind, &listing.key, 1),
            ),
            lastmod: lastmod_of(&listing.articles),
        });
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
