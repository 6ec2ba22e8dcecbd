//! The files of a site besides its pages and feeds: the sitemap, robots.txt
//! and the redirect pages of old URLs.

use crate::html::escape_attribute;

/// A redirect page for an old URL: a meta refresh for browsers and a
/// canonical link for search engines.
pub(super) fn redirect_page(language: &str, target: &str) -> String {
    let target = escape_attribute(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Chuyển hướng</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p>Bài viết đã chuyển đến <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n",
        lang = escape_attribute(language),
    )
}

/// One `<url>` of the sitemap.
pub(super) struct SitemapEntry {
    pub(super) loc: String,
    /// W3C datetime.
    pub(super) lastmod: Option<String>,
}

pub(super) fn sitemap(entries: &[SitemapEntry]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_escapes_target() {
        let page = redirect_page("vi", "https://e.org/a\"b/");
        assert!(page.contains("href=\"https://e.org/a&quot;b/\""));
    }
}
