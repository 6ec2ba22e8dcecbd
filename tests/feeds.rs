//! RSS 2.0 feeds: valid, absolute, dated in the site's offset, complete.

mod common;

use chrono::DateTime;
use common::*;
use scraper::Html;

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

fn feed_fixture(extra_config: &str) -> Fixture {
    let fixture = Fixture::with_config(extra_config);
    fixture.write("content/hoat-dong/anh.png", b"\x89PNG fake");
    fixture.article(
        "a/b.md",
        "title: Bài đích\ndate: 2021-10-15\ncategory: canh-bao\ndistricts: [con-dao]\n",
        "Đích.\n",
    );
    fixture.article(
        "hoat-dong/nguon.md",
        "title: Bài nguồn\ndate: 2021-10-19T08:00:00+07:00\ncategory: hoat-dong\ndistricts: [xuyen-moc]\ntags: [an ninh]\nlaws: [Luật An ninh mạng 2018]\nauthor: BBT\n",
        "Xem [bài đích](@/a/b.md#muc) và ảnh:\n\n![Ảnh](anh.png \"Chú thích\")\n\nRồi ![nhỏ](anh.png) và [ngoài](https://example.org/x) và [gốc](/districts/).\n",
    );
    fixture.simple("hoat-dong/cu.md", "Bài cũ", "2021-10-16");
    fixture.simple("hoat-dong/moi.md", "Bài mới", "\"2021-10-20 06:30\"");
    fixture.simple("hoat-dong/giua.md", "Bài giữa", "2021-10-17");
    fixture.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\nTrang giới thiệu, không có ngày.\n",
    );
    fixture.build();
    fixture
}

/// Every `rss.xml` of the output, relative.
fn all_feeds(fixture: &Fixture) -> Vec<String> {
    snapshot(&fixture.out())
        .into_keys()
        .filter(|p| p == "rss.xml" || p.ends_with("/rss.xml"))
        .collect()
}

#[test]
fn every_feed_parses_and_each_listing_has_one() {
    let fixture = feed_fixture("");
    let feeds = all_feeds(&fixture);
    let mut expected = vec!["rss.xml".to_string()];
    for district in DISTRICTS {
        expected.push(format!("districts/{district}/rss.xml"));
    }
    for listing in [
        "categories/hoat-dong",
        "categories/canh-bao",
        "tags/an-ninh",
        "laws/luat-an-ninh-mang-2018",
    ] {
        expected.push(format!("{listing}/rss.xml"));
    }
    expected.sort();
    assert_eq!(feeds, expected);

    for path in &feeds {
        let feed = fixture.feed(path);
        assert!(feed.title.is_some(), "{path}");
        assert!(feed.description.is_some(), "{path}");
        assert_eq!(feed.language.as_deref(), Some("vi"), "{path}");
        let text = fixture.read(path);
        let doc = xml(&text);
        assert_eq!(doc.root_element().tag_name().name(), "rss");
        assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    }
    assert_eq!(fixture.feed("rss.xml").entries.len(), 5);
}

#[test]
fn links_are_absolute_and_guids_are_permalinks() {
    let fixture = feed_fixture("");
    for path in all_feeds(&fixture) {
        let text = fixture.read(&path);
        let doc = xml(&text);
        let channel = doc
            .descendants()
            .find(|n| n.has_tag_name("channel"))
            .unwrap();
        let channel_link = channel
            .children()
            .find(|c| c.has_tag_name("link"))
            .and_then(|c| c.text())
            .unwrap();
        let listing = path.trim_end_matches("rss.xml");
        assert_eq!(channel_link, format!("{BASE}/{listing}"), "{path}");

        for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
            let child = |name: &str| {
                item.children()
                    .find(|c| c.has_tag_name(name))
                    .unwrap_or_else(|| panic!("{path}: item without {name}"))
            };
            let link = child("link").text().unwrap();
            assert!(link.starts_with(&format!("{BASE}/")), "{path}: {link}");
            assert!(link.ends_with('/'), "{path}: {link}");
            let guid = child("guid");
            assert_eq!(guid.text(), Some(link), "{path}");
            assert!(
                matches!(guid.attribute("isPermaLink"), None | Some("true")),
                "{path}: isPermaLink={:?}",
                guid.attribute("isPermaLink")
            );
        }
        for entry in fixture.feed(&path).entries {
            assert_eq!(entry.id, entry.links[0].href, "{path}");
        }
    }
    // The district's own article and the province-wide ones; not con-dao's.
    let links = item_links(&fixture.feed("districts/xuyen-moc/rss.xml"));
    let expected: Vec<String> = ["moi", "nguon", "giua", "cu"]
        .iter()
        .map(|slug| format!("{BASE}/hoat-dong/{slug}/"))
        .collect();
    assert_eq!(links, expected);
}

#[test]
fn dates_are_rfc_822_in_the_site_offset() {
    let fixture = feed_fixture("");
    let text = fixture.read("rss.xml");
    let dates = rss_item_texts(&text, "pubDate");
    assert_eq!(
        dates,
        [
            "Wed, 20 Oct 2021 06:30:00 +0700",
            "Tue, 19 Oct 2021 08:00:00 +0700",
            "Sun, 17 Oct 2021 00:00:00 +0700",
            "Sat, 16 Oct 2021 00:00:00 +0700",
            "Fri, 15 Oct 2021 00:00:00 +0700",
        ]
    );
    for path in all_feeds(&fixture) {
        for date in rss_item_texts(&fixture.read(&path), "pubDate") {
            let parsed = DateTime::parse_from_rfc2822(&date)
                .unwrap_or_else(|e| panic!("{path}: `{date}`: {e}"));
            assert_eq!(parsed.offset().local_minus_utc(), 7 * 3600, "{path}");
        }
    }
}

#[test]
fn content_encoded_carries_the_body_with_absolute_links() {
    let fixture = feed_fixture("");
    let text = fixture.read("rss.xml");
    let doc = xml(&text);
    let item = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .find(|item| {
            item.children().any(|c| {
                c.has_tag_name("link") && c.text() == Some(&format!("{BASE}/hoat-dong/nguon/"))
            })
        })
        .unwrap();
    let encoded = item
        .children()
        .find(|c| c.has_tag_name((CONTENT_NS, "encoded")))
        .and_then(|c| c.text())
        .expect("content:encoded");
    let body = Html::parse_fragment(encoded);
    let hrefs: Vec<&str> = select(&body, "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            format!("{BASE}/a/b/#muc").as_str(),
            "https://example.org/x",
            format!("{BASE}/districts/").as_str(),
        ]
    );
    let srcs: Vec<&str> = select(&body, "img")
        .iter()
        .filter_map(|img| img.value().attr("src"))
        .collect();
    let image = format!("{BASE}/hoat-dong/anh.png");
    assert_eq!(srcs, [image.as_str(), image.as_str()]);
    assert_eq!(text_of(&body, "figure figcaption"), "Chú thích");

    // feed-rs sees it as the entry's HTML content.
    let feed = fixture.feed("districts/xuyen-moc/rss.xml");
    let entry = feed
        .entries
        .iter()
        .find(|e| e.id == format!("{BASE}/hoat-dong/nguon/"))
        .unwrap();
    let content = entry.content.as_ref().unwrap();
    assert!(content
        .body
        .as_deref()
        .unwrap()
        .contains(&format!("href=\"{BASE}/a/b/#muc\"")));
    // The article page itself keeps root-relative links.
    let page = fixture.html("hoat-dong/nguon/index.html");
    assert_eq!(attr_of(&page, "main .content a", "href"), "/a/b/#muc");
}

#[test]
fn atom_self_link_points_at_the_feed() {
    let fixture = feed_fixture("");
    for path in all_feeds(&fixture) {
        let text = fixture.read(&path);
        let doc = xml(&text);
        let self_links: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some("self"))
            .collect();
        assert_eq!(self_links.len(), 1, "{path}");
        assert_eq!(
            self_links[0].attribute("href"),
            Some(format!("{BASE}/{path}").as_str())
        );
        assert_eq!(self_links[0].attribute("type"), Some("application/rss+xml"));
    }
}

#[test]
fn newest_first_limited_and_last_build_date_is_the_newest_item() {
    let fixture = feed_fixture("feed_limit = 3");
    assert_eq!(
        item_titles(&fixture.feed("rss.xml")),
        ["Bài mới", "Bài nguồn", "Bài giữa"]
    );
    assert_eq!(
        item_titles(&fixture.feed("categories/hoat-dong/rss.xml")),
        ["Bài mới", "Bài nguồn", "Bài giữa"]
    );
    assert_eq!(
        item_titles(&fixture.feed("districts/con-dao/rss.xml")),
        ["Bài mới", "Bài giữa", "Bài cũ"]
    );
    for path in all_feeds(&fixture) {
        let text = fixture.read(&path);
        let dates = rss_item_texts(&text, "pubDate");
        assert!(dates.len() <= 3, "{path}");
        let parsed: Vec<_> = dates
            .iter()
            .map(|d| DateTime::parse_from_rfc2822(d).unwrap())
            .collect();
        assert!(parsed.windows(2).all(|w| w[0] >= w[1]), "{path}: {dates:?}");
        let doc = xml(&text);
        let last_build = doc
            .descendants()
            .find(|n| n.has_tag_name("lastBuildDate"))
            .and_then(|n| n.text());
        assert_eq!(last_build, dates.first().map(String::as_str), "{path}");
    }
}

#[test]
fn standalone_pages_are_built_but_not_in_feeds() {
    let fixture = feed_fixture("");
    let page = fixture.html("pages/gioi-thieu/index.html");
    assert_eq!(text_of(&page, "main h1"), "Giới thiệu");
    for path in all_feeds(&fixture) {
        let text = fixture.read(&path);
        assert!(!text.contains("Giới thiệu"), "{path}");
        assert!(!text.contains("/pages/"), "{path}");
    }
}

#[test]
fn a_base_url_with_a_path_prefixes_every_link() {
    let fixture = feed_fixture("");
    let mut options = fixture.options();
    options.base_url = Some("https://preview.example.org/loa/".into());
    fixture.build_with(&options);
    let origin = "https://preview.example.org/loa";

    let text = fixture.read("rss.xml");
    let links = rss_item_texts(&text, "link");
    assert!(
        links.iter().all(|l| l.starts_with(&format!("{origin}/"))),
        "{links:?}"
    );
    let doc = xml(&text);
    let self_link = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM_NS, "link")))
        .and_then(|n| n.attribute("href"));
    assert_eq!(self_link, Some(format!("{origin}/rss.xml").as_str()));
    assert!(text.contains(&format!("href=\"{origin}/a/b/#muc\"")));

    let page = fixture.html("hoat-dong/nguon/index.html");
    assert_eq!(attr_of(&page, "main .content a", "href"), "/loa/a/b/#muc");
    assert_eq!(
        attr_of(&page, "link[rel=canonical]", "href"),
        format!("{origin}/hoat-dong/nguon/")
    );
    assert!(fixture
        .read("robots.txt")
        .contains(&format!("Sitemap: {origin}/sitemap.xml")));
}
