//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, valid, absolute, dated in
//! the site's offset, complete.

use crate::support::pictures::{drawing, shown_file};
use crate::support::*;
use chrono::DateTime;
use scraper::Html;
use unicode_normalization::UnicodeNormalization;

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

fn feed_fixture(extra_config: &str) -> Fixture {
    let fixture = Fixture::with_config(extra_config);
    fixture.write("content/hoat-dong/anh.png", drawing(64, 48));
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
    let image = format!("{BASE}/{}", shown_file(&fixture.out(), "hoat-dong/anh.png"));
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

// ---------------------------------------------------------------------------
// Atom 1.0 and JSON Feed 1.1 beside every RSS feed, and the rules readers
// need in all three formats.

const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
/// The article image of the rich fixture (a drawing: published as PNG).
fn image_bytes() -> Vec<u8> {
    drawing(1200, 630)
}
const KET_NOI: &str = "/hoat-dong/ket-noi/";

/// An example-like site: an article with everything (image, `updated:`,
/// districts, tags, author, a figure, `@/`, relative and root links, a
/// footnote), one with a remote image and one plain.
fn rich_fixture(extra_config: &str) -> Fixture {
    let fixture = Fixture::with_config(extra_config);
    fixture.write("content/hoat-dong/tap-huan.png", image_bytes());
    fixture.article(
        "canh-bao/dich.md",
        "title: Bài đích\ndate: 2021-10-15\ncategory: canh-bao\n",
        "## Mục {#muc}\n\nĐích.\n",
    );
    fixture.article(
        "hoat-dong/ket-noi.md",
        "title: Kết nối mạng xã hội\ndate: 2021-10-19T08:00:00+07:00\nupdated: 2021-10-21 09:30\n\
         summary: Tóm tắt bài kết nối.\ncategory: hoat-dong\ndistricts: [xuyen-moc, dat-do]\n\
         tags: [mạng xã hội, an ninh trật tự]\nauthor: BBT\nimage: tap-huan.png\nimage_alt: Cán bộ tập huấn\n",
        "Xem [bài đích](@/canh-bao/dich.md#muc), [danh sách](/districts/) và \
         [tương đối](../canh-bao/dich.md).[^1]\n\n\
         ![Cán bộ tập huấn](tap-huan.png \"Tập huấn tại huyện\")\n\n\
         Ảnh nhỏ ![nhỏ](tap-huan.png) và [ngoài](https://example.org/x).\n\n[^1]: Chú thích.\n",
    );
    fixture.article(
        "canh-bao/anh-ngoai.md",
        "title: Ảnh ở nơi khác\ndate: 2021-10-20\ncategory: canh-bao\n\
         image: https://cdn.example.org/anh.jpg\nimage_alt: Ảnh\n",
        "Nội dung.\n",
    );
    fixture.build();
    fixture
}

/// The three formats of the feed in `dir`, parsed by feed-rs.
fn three_formats(fixture: &Fixture, rss_path: &str) -> Vec<(String, feed_rs::model::Feed)> {
    feed_siblings(rss_path)
        .into_iter()
        .map(|path| {
            let feed = fixture.feed(&path);
            (path, feed)
        })
        .collect()
}

fn json_doc(fixture: &Fixture, path: &str) -> serde_json::Value {
    serde_json::from_str(&fixture.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The JSON Feed item with `id`.
fn json_item(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .clone()
}

fn entry<'a>(feed: &'a feed_rs::model::Feed, id: &str) -> &'a feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

/// The `<entry>` (Atom) or `<item>` (RSS) whose id or link is `permalink`.
fn xml_entry<'a, 'input>(
    doc: &'a roxmltree::Document<'input>,
    permalink: &str,
) -> roxmltree::Node<'a, 'input> {
    doc.descendants()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")) || n.has_tag_name("item"))
        .find(|n| {
            n.children().any(|c| {
                (c.has_tag_name((ATOM_NS, "id")) || c.has_tag_name("guid"))
                    && c.text() == Some(permalink)
            })
        })
        .unwrap_or_else(|| panic!("no entry {permalink}"))
}

fn child<'a, 'input, 'n, 'm>(
    node: roxmltree::Node<'a, 'input>,
    name: impl Into<roxmltree::ExpandedName<'n, 'm>> + Copy,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|c| c.has_tag_name(name))
}

#[test]
fn every_rss_feed_has_an_atom_and_a_json_feed_with_the_same_items() {
    let fixture = feed_fixture("");
    let files = snapshot(&fixture.out());
    let rss: Vec<&String> = files.keys().filter(|p| p.ends_with("rss.xml")).collect();
    let atom: Vec<&String> = files.keys().filter(|p| p.ends_with("atom.xml")).collect();
    let json: Vec<&String> = files.keys().filter(|p| p.ends_with("feed.json")).collect();
    assert_eq!(rss.len(), 8, "{rss:?}");
    assert_eq!(atom.len(), rss.len(), "{atom:?}");
    assert_eq!(json.len(), rss.len(), "{json:?}");
    for path in all_feeds(&fixture) {
        let feeds = three_formats(&fixture, &path);
        let types: Vec<_> = feeds.iter().map(|(_, f)| f.feed_type.clone()).collect();
        assert_eq!(
            types,
            [
                feed_rs::model::FeedType::RSS2,
                feed_rs::model::FeedType::Atom,
                feed_rs::model::FeedType::JSON
            ],
            "{path}"
        );
        let (_, rss) = &feeds[0];
        for (format_path, feed) in &feeds {
            assert_eq!(
                feed.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
                rss.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
                "{format_path}"
            );
            assert_eq!(item_titles(feed), item_titles(rss), "{format_path}");
            assert_eq!(
                feed.title.as_ref().map(|t| &t.content),
                rss.title.as_ref().map(|t| &t.content),
                "{format_path}"
            );
            assert_eq!(feed.language.as_deref(), Some("vi"), "{format_path}");
            for entry in &feed.entries {
                assert!(entry.published.is_some(), "{format_path}: {}", entry.id);
                assert!(entry.content.is_some(), "{format_path}: {}", entry.id);
            }
        }
        // Atom: its own self link, the page as alternate, an author.
        let atom_path = &feeds[1].0;
        let text = fixture.read(atom_path);
        let doc = xml(&text);
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM_NS, "feed")), "{atom_path}");
        let link = |rel: &str| {
            root.children()
                .find(|c| c.has_tag_name((ATOM_NS, "link")) && c.attribute("rel") == Some(rel))
                .unwrap_or_else(|| panic!("{atom_path}: no {rel} link"))
        };
        assert_eq!(
            link("self").attribute("href"),
            Some(format!("{BASE}/{atom_path}").as_str())
        );
        assert_eq!(link("self").attribute("type"), Some("application/atom+xml"));
        let listing = path.trim_end_matches("rss.xml");
        assert_eq!(
            link("alternate").attribute("href"),
            Some(format!("{BASE}/{listing}").as_str())
        );
        assert!(child(root, (ATOM_NS, "author")).is_some(), "{atom_path}");
        // JSON Feed 1.1: version, its own URL, the page.
        let json_path = &feeds[2].0;
        let doc = json_doc(&fixture, json_path);
        assert_eq!(doc["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(doc["feed_url"], format!("{BASE}/{json_path}"));
        assert_eq!(doc["home_page_url"], format!("{BASE}/{listing}"));
        assert!(doc["description"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

#[test]
fn every_link_and_image_in_every_format_is_absolute() {
    let fixture = rich_fixture("");
    let permalink = format!("{BASE}{KET_NOI}");
    let image = format!(
        "{BASE}/{}",
        shown_file(&fixture.out(), "hoat-dong/tap-huan.png")
    );
    for path in ["rss.xml", "districts/xuyen-moc/rss.xml"] {
        for (format_path, feed) in three_formats(&fixture, path) {
            for entry in &feed.entries {
                let body = entry
                    .content
                    .as_ref()
                    .and_then(|c| c.body.as_deref())
                    .unwrap_or_else(|| panic!("{format_path}: {} has no content", entry.id));
                for url in fragment_urls(body) {
                    assert!(
                        url.starts_with(&format!("{BASE}/"))
                            || url.starts_with("https://example.org/"),
                        "{format_path}: {}: `{url}` is not absolute",
                        entry.id
                    );
                }
            }
            let body = entry(&feed, &permalink)
                .content
                .as_ref()
                .unwrap()
                .body
                .clone()
                .unwrap();
            let urls = fragment_urls(&body);
            for expected in [
                format!("{BASE}/canh-bao/dich/#muc"),
                format!("{BASE}/districts/"),
                format!("{BASE}/canh-bao/dich/"),
                format!("{permalink}#1"),
                "https://example.org/x".to_string(),
            ] {
                assert!(
                    urls.contains(&expected),
                    "{format_path}: {expected} not in {urls:?}"
                );
            }
            // The figure's image and the inline one, each in `src` and
            // in `srcset`.
            assert_eq!(
                urls.iter().filter(|u| **u == image).count(),
                4,
                "{format_path}: {urls:?}"
            );
            assert!(body.contains("<figure>"), "{format_path}");
        }
    }
    // The raw documents agree with what feed-rs saw.
    let rss = fixture.read("rss.xml");
    let doc = xml(&rss);
    let encoded = child(xml_entry(&doc, &permalink), (CONTENT_NS, "encoded"))
        .and_then(|c| c.text())
        .unwrap();
    assert!(
        encoded.contains(&format!("<img src=\"{image}\"")),
        "{encoded}"
    );
    let atom = fixture.read("atom.xml");
    let doc = xml(&atom);
    let content = child(xml_entry(&doc, &permalink), (ATOM_NS, "content")).unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    assert!(content
        .text()
        .unwrap()
        .contains(&format!("href=\"{permalink}#1\"")));
    let json = json_item(&json_doc(&fixture, "feed.json"), &permalink);
    assert!(json["content_html"]
        .as_str()
        .unwrap()
        .contains(&format!("href=\"{BASE}/canh-bao/dich/#muc\"")));
    // The page keeps its root-relative links.
    let page = fixture.html("hoat-dong/ket-noi/index.html");
    assert_eq!(
        attr_of(&page, "main .content a", "href"),
        "/canh-bao/dich/#muc"
    );
}

#[test]
fn ids_are_permalinks_that_survive_an_edit() {
    let fixture = rich_fixture("");
    let permalink = format!("{BASE}{KET_NOI}");
    let ids = |fixture: &Fixture| -> Vec<Vec<String>> {
        three_formats(fixture, "rss.xml")
            .iter()
            .map(|(_, feed)| feed.entries.iter().map(|e| e.id.clone()).collect())
            .collect()
    };
    let before = ids(&fixture);
    for format_ids in &before {
        assert!(format_ids.contains(&permalink), "{format_ids:?}");
    }
    let json = json_item(&json_doc(&fixture, "feed.json"), &permalink);
    assert_eq!(json["url"], permalink.as_str());

    // The editor fixes the title, the body and the date of the update.
    fixture.article(
        "hoat-dong/ket-noi.md",
        "title: Kết nối mạng xã hội (cập nhật)\ndate: 2021-10-19T08:00:00+07:00\nupdated: 2021-10-23\n\
         category: hoat-dong\ndistricts: [xuyen-moc]\n",
        "Nội dung đã sửa.\n",
    );
    fixture.build();
    assert_eq!(ids(&fixture), before);
    for (path, feed) in three_formats(&fixture, "rss.xml") {
        let edited = entry(&feed, &permalink);
        assert_eq!(
            edited.title.as_ref().unwrap().content,
            "Kết nối mạng xã hội (cập nhật)",
            "{path}"
        );
    }
}

#[test]
fn updated_front_matter_is_atom_updated_and_json_date_modified() {
    let fixture = rich_fixture("");
    let ket_noi = format!("{BASE}{KET_NOI}");
    let dich = format!("{BASE}/canh-bao/dich/");
    let atom = fixture.read("atom.xml");
    let doc = xml(&atom);
    let dates = |id: &str| {
        let entry = xml_entry(&doc, id);
        let text = |name| {
            child(entry, (ATOM_NS, name))
                .and_then(|c| c.text())
                .unwrap()
                .to_string()
        };
        (text("published"), text("updated"))
    };
    assert_eq!(
        dates(&ket_noi),
        (
            "2021-10-19T08:00:00+07:00".into(),
            "2021-10-21T09:30:00+07:00".into()
        )
    );
    assert_eq!(
        dates(&dich),
        (
            "2021-10-15T00:00:00+07:00".into(),
            "2021-10-15T00:00:00+07:00".into()
        )
    );
    // The feed changed when its latest entry did: the update of an article
    // that is not the newest one.
    let feed_updated = child(doc.root_element(), (ATOM_NS, "updated")).and_then(|c| c.text());
    assert_eq!(feed_updated, Some("2021-10-21T09:30:00+07:00"));

    let json = json_doc(&fixture, "feed.json");
    let item = json_item(&json, &ket_noi);
    assert_eq!(item["date_published"], "2021-10-19T08:00:00+07:00");
    assert_eq!(item["date_modified"], "2021-10-21T09:30:00+07:00");
    let item = json_item(&json, &dich);
    assert_eq!(item["date_modified"], "2021-10-15T00:00:00+07:00");

    // feed-rs reads the same instants in both formats.
    for (path, feed) in three_formats(&fixture, "rss.xml").into_iter().skip(1) {
        let entry = entry(&feed, &ket_noi);
        let expected = chrono::DateTime::parse_from_rfc3339("2021-10-21T09:30:00+07:00").unwrap();
        assert_eq!(entry.updated, Some(expected.to_utc()), "{path}");
    }
}

#[test]
fn the_article_image_is_an_enclosure_with_its_length_and_type() {
    let fixture = rich_fixture("");
    let ket_noi = format!("{BASE}{KET_NOI}");
    let shown = shown_file(&fixture.out(), "hoat-dong/tap-huan.png");
    let image = format!("{BASE}/{shown}");
    let bytes = std::fs::read(fixture.output(&shown)).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    let length = bytes.len().to_string();

    let rss = fixture.read("districts/xuyen-moc/rss.xml");
    let doc = xml(&rss);
    let item = xml_entry(&doc, &ket_noi);
    let enclosure = child(item, "enclosure").expect("enclosure");
    assert_eq!(enclosure.attribute("url"), Some(image.as_str()));
    assert_eq!(enclosure.attribute("length"), Some(length.as_str()));
    assert_eq!(enclosure.attribute("type"), Some("image/png"));
    let media = child(item, (MEDIA_NS, "content")).expect("media:content");
    assert_eq!(media.attribute("url"), Some(image.as_str()));
    assert_eq!(media.attribute("type"), Some("image/png"));
    assert_eq!(media.attribute("fileSize"), Some(length.as_str()));
    assert_eq!(media.attribute("medium"), Some("image"));

    // A remote image: its size is unknown, so no enclosure, but media:content.
    let doc_all = fixture.read("rss.xml");
    let doc_all = xml(&doc_all);
    let remote = xml_entry(&doc_all, &format!("{BASE}/canh-bao/anh-ngoai/"));
    assert!(child(remote, "enclosure").is_none());
    let media = child(remote, (MEDIA_NS, "content")).unwrap();
    assert_eq!(
        media.attribute("url"),
        Some("https://cdn.example.org/anh.jpg")
    );
    assert_eq!(media.attribute("type"), Some("image/jpeg"));
    assert_eq!(media.attribute("fileSize"), None);
    // An article without an image has neither.
    let plain = xml_entry(&doc_all, &format!("{BASE}/canh-bao/dich/"));
    assert!(child(plain, "enclosure").is_none());
    assert!(child(plain, (MEDIA_NS, "content")).is_none());

    let atom = fixture.read("atom.xml");
    let doc = xml(&atom);
    let enclosure = xml_entry(&doc, &ket_noi)
        .children()
        .find(|c| c.has_tag_name((ATOM_NS, "link")) && c.attribute("rel") == Some("enclosure"))
        .expect("Atom enclosure");
    assert_eq!(enclosure.attribute("href"), Some(image.as_str()));
    assert_eq!(enclosure.attribute("length"), Some(length.as_str()));
    assert_eq!(enclosure.attribute("type"), Some("image/png"));

    let json = json_doc(&fixture, "feed.json");
    assert_eq!(json_item(&json, &ket_noi)["image"], image.as_str());
    assert_eq!(
        json_item(&json, &format!("{BASE}/canh-bao/anh-ngoai/"))["image"],
        "https://cdn.example.org/anh.jpg"
    );
    assert!(json_item(&json, &format!("{BASE}/canh-bao/dich/"))
        .get("image")
        .is_none());

    // feed-rs sees the media in RSS and the enclosure link in Atom.
    let feed = fixture.feed("rss.xml");
    let content = &entry(&feed, &ket_noi).media[0].content[0];
    assert_eq!(
        content.url.as_ref().map(|u| u.as_str()),
        Some(image.as_str())
    );
    assert_eq!(content.size, Some(bytes.len() as u64));
    let feed = fixture.feed("atom.xml");
    let link = entry(&feed, &ket_noi)
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("enclosure"))
        .unwrap();
    assert_eq!(link.length, Some(bytes.len() as u64));
}

#[test]
fn channels_have_ttl_language_and_the_theme_logo() {
    let fixture = rich_fixture("");
    let logo = format!("{BASE}/logo.png");
    assert!(fixture.exists("logo.png"));
    for path in all_feeds(&fixture) {
        let listing = path.trim_end_matches("rss.xml");
        let text = fixture.read(&path);
        let doc = xml(&text);
        let channel = doc
            .descendants()
            .find(|n| n.has_tag_name("channel"))
            .unwrap();
        fn text_of_child<'n, 'm>(
            node: roxmltree::Node,
            name: impl Into<roxmltree::ExpandedName<'n, 'm>> + Copy,
        ) -> Option<String> {
            child(node, name).and_then(|c| c.text()).map(str::to_string)
        }
        assert_eq!(
            text_of_child(channel, "ttl").as_deref(),
            Some("60"),
            "{path}"
        );
        assert_eq!(
            text_of_child(channel, "language").as_deref(),
            Some("vi"),
            "{path}"
        );
        let image = child(channel, "image").unwrap_or_else(|| panic!("{path}: no image"));
        assert_eq!(text_of_child(image, "url"), Some(logo.clone()), "{path}");
        assert_eq!(
            text_of_child(image, "title"),
            text_of_child(channel, "title"),
            "{path}"
        );
        assert_eq!(
            text_of_child(image, "link"),
            text_of_child(channel, "link"),
            "{path}"
        );

        let atom_path = format!("{listing}atom.xml");
        let text = fixture.read(&atom_path);
        let doc = xml(&text);
        let root = doc.root_element();
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("vi")
        );
        for name in ["logo", "icon"] {
            assert_eq!(
                text_of_child(root, (ATOM_NS, name)),
                Some(logo.clone()),
                "{atom_path}: {name}"
            );
        }
        let json_path = format!("{listing}feed.json");
        let json = json_doc(&fixture, &json_path);
        assert_eq!(json["language"], "vi", "{json_path}");
        assert_eq!(json["icon"], logo.as_str(), "{json_path}");
        assert_eq!(json["favicon"], logo.as_str(), "{json_path}");
    }
    let feed = fixture.feed("atom.xml");
    assert_eq!(feed.logo.map(|l| l.uri), Some(logo.clone()));
    let feed = fixture.feed("rss.xml");
    assert_eq!(feed.ttl, Some(60));
    assert_eq!(feed.logo.map(|l| l.uri), Some(logo));
}

#[test]
fn a_site_logo_replaces_the_theme_logo_and_must_exist() {
    let fixture = Fixture::with_config("logo = \"img/logo-tinh.png\"");
    fixture.write("static/img/logo-tinh.png", b"\x89PNG logo");
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.build();
    let logo = format!("{BASE}/img/logo-tinh.png");
    assert!(fixture.exists("img/logo-tinh.png"));
    assert_eq!(
        fixture.feed("rss.xml").logo.map(|l| l.uri),
        Some(logo.clone())
    );
    assert_eq!(
        fixture.feed("atom.xml").logo.map(|l| l.uri),
        Some(logo.clone())
    );
    assert_eq!(json_doc(&fixture, "feed.json")["icon"], logo.as_str());

    // Under a base path, the logo carries it too.
    let mut options = fixture.options();
    options.base_url = Some("https://preview.example.org/loa/".into());
    fixture.build_with(&options);
    assert_eq!(
        fixture.feed("rss.xml").logo.map(|l| l.uri).as_deref(),
        Some("https://preview.example.org/loa/img/logo-tinh.png")
    );

    let missing = Fixture::with_config("logo = \"khong-co.png\"");
    missing.simple("hoat-dong/a.md", "A", "2021-10-19");
    let errors = missing.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message_in(En).contains("khong-co.png"),
        "{}",
        errors[0].message_in(En)
    );
    assert!(errors[0].is_error());
    assert!(!missing.exists("rss.xml"));
}

#[test]
fn a_theme_without_a_logo_gives_feeds_without_a_channel_image() {
    // A file missing from `themes/default/` comes from the built-in theme:
    // only a theme of another name can lack the logo.
    let fixture = Fixture::with_site_toml(&format!(
        "{}\n{SITE_TABLES}",
        SITE_HEAD.replace("theme = \"default\"", "theme = \"khac\"")
    ));
    let themes = fixture.root().join("themes");
    std::fs::rename(themes.join("default"), themes.join("khac")).unwrap();
    std::fs::remove_file(themes.join("khac/static/logo.png")).unwrap();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.build();
    let text = fixture.read("rss.xml");
    let doc = xml(&text);
    assert!(doc.descendants().all(|n| !n.has_tag_name("image")));
    let text = fixture.read("atom.xml");
    assert!(
        !text.contains("<logo>") && !text.contains("<icon>"),
        "{text}"
    );
    let json = json_doc(&fixture, "feed.json");
    assert!(json.get("icon").is_none() && json.get("favicon").is_none());
}

#[test]
fn category_districts_and_tags_are_categories_in_every_format() {
    let fixture = rich_fixture("");
    let ket_noi = format!("{BASE}{KET_NOI}");
    let names = [
        "Hoạt động Công an tỉnh",
        "Huyện Xuyên Mộc",
        "Huyện Đất Đỏ",
        "mạng xã hội",
        "an ninh trật tự",
    ];
    let rss = fixture.read("rss.xml");
    let doc = xml(&rss);
    let categories: Vec<&str> = xml_entry(&doc, &ket_noi)
        .children()
        .filter(|c| c.has_tag_name("category"))
        .filter_map(|c| c.text())
        .collect();
    assert_eq!(categories, names);

    let atom = fixture.read("atom.xml");
    let doc = xml(&atom);
    let categories: Vec<(&str, &str, &str)> = xml_entry(&doc, &ket_noi)
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "category")))
        .map(|c| {
            (
                c.attribute("term").unwrap(),
                c.attribute("label").unwrap(),
                c.attribute("scheme").unwrap(),
            )
        })
        .collect();
    let categories_scheme = format!("{BASE}/categories/");
    let districts_scheme = format!("{BASE}/districts/");
    let tags_scheme = format!("{BASE}/tags/");
    assert_eq!(
        categories,
        [
            ("hoat-dong", names[0], categories_scheme.as_str()),
            ("xuyen-moc", names[1], districts_scheme.as_str()),
            ("dat-do", names[2], districts_scheme.as_str()),
            ("mang-xa-hoi", names[3], tags_scheme.as_str()),
            ("an-ninh-trat-tu", names[4], tags_scheme.as_str()),
        ]
    );
    let json = json_doc(&fixture, "feed.json");
    assert_eq!(json_item(&json, &ket_noi)["tags"], serde_json::json!(names));
    // Every term's scheme is a page of the site.
    for scheme in [categories_scheme, districts_scheme, tags_scheme] {
        let dir = scheme.trim_start_matches(&format!("{BASE}/"));
        assert!(fixture.exists(&format!("{dir}index.html")), "{scheme}");
    }
}

#[test]
fn feed_limit_holds_for_every_format_and_feed_full_writes_the_archive() {
    let fixture = rich_fixture("feed_limit = 2\nfeed_full = true");
    for path in all_feeds(&fixture) {
        for (format_path, feed) in three_formats(&fixture, &path) {
            assert!(feed.entries.len() <= 2, "{format_path}");
        }
    }
    for (format_path, feed) in three_formats(&fixture, "rss.xml") {
        assert_eq!(
            item_titles(&feed),
            ["Ảnh ở nơi khác", "Kết nối mạng xã hội"],
            "{format_path}"
        );
    }
    let full = fixture.feed("full.xml");
    assert_eq!(
        item_titles(&full),
        ["Ảnh ở nơi khác", "Kết nối mạng xã hội", "Bài đích"]
    );
    let text = fixture.read("full.xml");
    let doc = xml(&text);
    let self_link = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some("self"))
        .and_then(|n| n.attribute("href"));
    assert_eq!(self_link, Some(format!("{BASE}/full.xml").as_str()));
    // Only beside the site's feed.
    let fulls: Vec<String> = snapshot(&fixture.out())
        .into_keys()
        .filter(|p| p.ends_with("full.xml"))
        .collect();
    assert_eq!(fulls, ["full.xml"]);

    let without = rich_fixture("feed_limit = 2");
    assert!(!without.exists("full.xml"));
    assert!(without.exists("atom.xml"));
}

#[test]
fn hostile_titles_and_content_survive_every_format() {
    let fixture = Fixture::with_config("allow_html = true");
    let nfd: String = "Vũng Tàu".nfd().collect();
    // A bell character, which XML cannot carry, is dropped on load.
    let title_yaml = format!("'<b>Cảnh báo</b> & \"lừa đảo\" ''qua mạng'' 🚨\u{7}]]> {nfd}'");
    let expected = "<b>Cảnh báo</b> & \"lừa đảo\" 'qua mạng' 🚨]]> Vũng Tàu";
    fixture.article(
        "canh-bao/nguy-hiem.md",
        &format!("title: {title_yaml}\ndate: 2021-10-19\ncategory: canh-bao\nsummary: 'Tóm tắt <i>&</i> ]]> cuối'\nauthor: 'BBT \"Công an\" & <đội>'\n"),
        "Đoạn có ]]> và `<em>` & ký hiệu.\n\n<p title=\"a]]>b\">Thô ]]> &amp; <span>x</span></p>\n\n```\nif a < b && c ]]> d\n```\n",
    );
    fixture.build();
    let permalink = format!("{BASE}/canh-bao/nguy-hiem/");
    for rss in ["rss.xml", "categories/canh-bao/rss.xml"] {
        for (path, feed) in three_formats(&fixture, rss) {
            let entry = entry(&feed, &permalink);
            assert_eq!(entry.title.as_ref().unwrap().content, expected, "{path}");
            let body = entry.content.as_ref().unwrap().body.as_deref().unwrap();
            assert!(
                body.contains("Đoạn có ]]&gt; và <code>&lt;em&gt;</code> &amp; ký hiệu."),
                "{path}: {body}"
            );
            assert!(
                body.contains("<p title=\"a]]>b\">Thô ]]> &amp; <span>x</span></p>"),
                "{path}: {body}"
            );
            assert!(
                body.contains("if a &lt; b &amp;&amp; c ]]&gt; d"),
                "{path}: {body}"
            );
            let summary = entry
                .summary
                .as_ref()
                .map(|s| s.content.as_str())
                .unwrap_or_default();
            assert!(
                summary.contains("Tóm tắt") && summary.contains("cuối"),
                "{path}: {summary}"
            );
            assert!(!fixture.read(&path).contains('\u{7}'), "{path}");
        }
        // The XML is well-formed and the title is escaped text, not markup.
        let text = fixture.read(rss);
        let doc = xml(&text);
        let title = child(xml_entry(&doc, &permalink), "title").and_then(|t| t.text());
        assert_eq!(title, Some(expected));
        let atom_path = rss.replace("rss.xml", "atom.xml");
        let text = fixture.read(&atom_path);
        let doc = xml(&text);
        let entry = xml_entry(&doc, &permalink);
        let title = child(entry, (ATOM_NS, "title")).and_then(|t| t.text());
        assert_eq!(title, Some(expected));
        let author = child(entry, (ATOM_NS, "author"))
            .and_then(|a| child(a, (ATOM_NS, "name")))
            .and_then(|n| n.text());
        assert_eq!(author, Some("BBT \"Công an\" & <đội>"));
        let json = json_doc(&fixture, &rss.replace("rss.xml", "feed.json"));
        let item = json_item(&json, &permalink);
        assert_eq!(item["title"], expected);
        assert_eq!(item["summary"], "Tóm tắt <i>&</i> ]]> cuối");
        assert_eq!(item["authors"][0]["name"], "BBT \"Công an\" & <đội>");
    }
    // The head of a page lists its feeds with the hostile title escaped.
    let listing = fixture.html("categories/canh-bao/index.html");
    assert!(listing.errors.is_empty(), "{:?}", listing.errors);
    let article = fixture.html("canh-bao/nguy-hiem/index.html");
    assert_eq!(
        text_of(&article, "head title"),
        format!("{expected} | Công an tỉnh Thử nghiệm")
    );
}

#[test]
fn every_page_head_lists_its_feeds_and_the_sites_in_three_formats() {
    let fixture = rich_fixture("");
    let alternates = |path: &str| -> Vec<(String, String, String)> {
        let html = fixture.html(path);
        select(&html, "head link[rel=alternate]")
            .iter()
            .map(|l| {
                let attr = |a| l.value().attr(a).unwrap_or_default().to_string();
                (attr("type"), attr("href"), attr("title"))
            })
            .collect()
    };
    let types = [
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    ];
    let site = |i: usize, label: &str| {
        (
            types[i].to_string(),
            format!("/{}", FEED_FILES[i]),
            format!("{label}: Công an tỉnh Thử nghiệm"),
        )
    };
    let site_links = vec![site(0, "RSS"), site(1, "Atom"), site(2, "JSON Feed")];
    assert_eq!(alternates("index.html"), site_links);
    assert_eq!(alternates("hoat-dong/ket-noi/index.html"), site_links);

    let page_title = "Địa bàn: Huyện Xuyên Mộc | Công an tỉnh Thử nghiệm";
    let mut expected: Vec<_> = ["RSS", "Atom", "JSON Feed"]
        .iter()
        .enumerate()
        .map(|(i, label)| {
            (
                types[i].to_string(),
                format!("/districts/xuyen-moc/{}", FEED_FILES[i]),
                format!("{label}: {page_title}"),
            )
        })
        .collect();
    expected.extend(site_links.clone());
    assert_eq!(alternates("districts/xuyen-moc/index.html"), expected);
    // Every advertised feed exists.
    for path in [
        "index.html",
        "districts/xuyen-moc/index.html",
        "tags/mang-xa-hoi/index.html",
    ] {
        for (_, href, _) in alternates(path) {
            assert!(
                fixture.exists(href.trim_start_matches('/')),
                "{path}: {href}"
            );
        }
    }
}

#[test]
fn a_body_over_a_megabyte_is_a_warning_and_feeds_carry_its_summary() {
    let fixture = Fixture::new();
    let rows: String = (0..20_000)
        .map(|i| format!("| {i} | Nguyễn Văn A {i} | Xã Xuyên Mộc | 0912345678 |\n"))
        .collect();
    fixture.article(
        "hoat-dong/danh-sach.md",
        "title: Danh sách\ndate: 2024-01-02\ncategory: hoat-dong\nsummary: \"Danh sách <người> được khen thưởng.\"\n",
        &format!("| STT | Họ tên | Địa chỉ | Điện thoại |\n|---|---|---|---|\n{rows}"),
    );
    fixture.simple("hoat-dong/ngan.md", "Ngắn", "2024-01-01");
    let report = fixture.build();
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.render(En)).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let (message, help) = warnings[0].split_once('\n').unwrap();
    assert!(
        message.starts_with("content/hoat-dong/danh-sach.md: warning: the article's HTML is ")
            && message.ends_with(
                " MB: too large to open quickly on a phone, so feeds carry only its summary and a link"
            ),
        "{message}"
    );
    assert!(help.contains("split it into several articles"), "{help}");
    // The page has the whole table.
    assert!(fixture.read("hoat-dong/danh-sach/index.html").len() > 1_000_000);

    let permalink = format!("{BASE}/hoat-dong/danh-sach/");
    let carried = format!(
        "<p>Danh sách &lt;người&gt; được khen thưởng.</p>\n\
         <p><a href=\"{permalink}\">Bài viết dài, đọc toàn bài trên trang</a></p>\n"
    );
    for path in [
        "rss.xml",
        "districts/xuyen-moc/rss.xml",
        "categories/hoat-dong/rss.xml",
    ] {
        let rss = fixture.read(path);
        assert!(rss.len() < 20_000, "{path} is {} bytes", rss.len());
        let doc = xml(&rss);
        let encoded = child(xml_entry(&doc, &permalink), (CONTENT_NS, "encoded"))
            .and_then(|c| c.text())
            .unwrap();
        assert_eq!(encoded, carried, "{path}");
    }
    let atom = fixture.read("atom.xml");
    let doc = xml(&atom);
    let content = child(xml_entry(&doc, &permalink), (ATOM_NS, "content")).unwrap();
    assert_eq!(content.text(), Some(carried.as_str()));
    let json = json_item(&json_doc(&fixture, "feed.json"), &permalink);
    assert_eq!(json["content_html"], carried.as_str());
    // A small article keeps its body.
    let small = json_item(
        &json_doc(&fixture, "feed.json"),
        &format!("{BASE}/hoat-dong/ngan/"),
    );
    assert_eq!(small["content_html"], "<p>Nội dung của bài Ngắn.</p>\n");
}

/// The content each format gives the item of `permalink` in the site feeds.
fn carried_in_every_format(fixture: &Fixture, permalink: &str) -> Vec<String> {
    let rss = fixture.read("rss.xml");
    let rss_doc = xml(&rss);
    let encoded = child(xml_entry(&rss_doc, permalink), (CONTENT_NS, "encoded"))
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string();
    let atom = fixture.read("atom.xml");
    let atom_doc = xml(&atom);
    let content = child(xml_entry(&atom_doc, permalink), (ATOM_NS, "content"))
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string();
    let json = json_item(&json_doc(fixture, "feed.json"), permalink);
    let html = json["content_html"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    vec![encoded, content, html]
}

/// An article of some 150 KB of HTML and one of a few bytes.
fn long_and_short(fixture: &Fixture) {
    let rows: String = (0..2_000)
        .map(|i| format!("| {i} | Nguyễn Văn A {i} | Xã Xuyên Mộc |\n"))
        .collect();
    fixture.article(
        "hoat-dong/danh-sach.md",
        "title: Danh sách\ndate: 2024-01-02\ncategory: hoat-dong\nsummary: Danh sách khen thưởng.\n",
        &format!("| STT | Họ tên | Địa chỉ |\n|---|---|---|\n{rows}"),
    );
    fixture.simple("hoat-dong/ngan.md", "Ngắn", "2024-01-01");
}

#[test]
fn an_article_over_the_feed_limit_is_carried_as_its_summary_and_check_says_so() {
    let fixture = Fixture::new();
    long_and_short(&fixture);
    let report = fixture.build();
    let long = fixture.read("hoat-dong/danh-sach/index.html");
    assert!(long.len() > 100_000 && long.len() < 1_000_000);
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.render(En)).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("content/hoat-dong/danh-sach.md: warning: the article's HTML is ")
            && warnings[0].contains(" KB, over the feeds' limit of 100 KB: feeds (RSS, Atom, JSON) carry only its summary and a link"),
        "{}",
        warnings[0]
    );
    let permalink = format!("{BASE}/hoat-dong/danh-sach/");
    let carried = format!(
        "<p>Danh sách khen thưởng.</p>\n<p><a href=\"{permalink}\">Bài viết dài, đọc toàn bài trên trang</a></p>\n"
    );
    assert_eq!(
        carried_in_every_format(&fixture, &permalink),
        [carried.as_str(); 3]
    );
    let short = format!("{BASE}/hoat-dong/ngan/");
    assert_eq!(
        carried_in_every_format(&fixture, &short),
        ["<p>Nội dung của bài Ngắn.</p>\n"; 3]
    );
    // `loa check` says it too.
    let root = fixture.root().to_string_lossy().into_owned();
    let said = assert_exit(&fixture.cli(&["check", "--root", &root]), 0);
    assert!(
        said.contains("content/hoat-dong/danh-sach.md: warning:")
            && said.contains("over the feeds' limit of 100 KB"),
        "{said}"
    );

    // A higher limit carries the whole body, without a warning.
    let roomy = Fixture::with_config("feed_body_limit_kb = 400");
    long_and_short(&roomy);
    let report = roomy.build();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    for content in carried_in_every_format(&roomy, &permalink) {
        assert!(content.contains("Nguyễn Văn A 1999"), "{}", content.len());
    }
}

#[test]
fn feed_content_summary_carries_every_article_as_its_summary() {
    let fixture = Fixture::with_config("feed_content = \"summary\"");
    long_and_short(&fixture);
    let report = fixture.build();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    for (path, summary) in [
        ("danh-sach", "Danh sách khen thưởng."),
        ("ngan", "Nội dung của bài Ngắn."),
    ] {
        let permalink = format!("{BASE}/hoat-dong/{path}/");
        let carried = format!(
            "<p>{summary}</p>\n<p><a href=\"{permalink}\">Đọc toàn bài trên trang</a></p>\n"
        );
        assert_eq!(
            carried_in_every_format(&fixture, &permalink),
            [carried.as_str(); 3]
        );
    }
    // Feed readers still read every feed.
    for feed in all_feeds(&fixture) {
        fixture.feed(&feed);
    }
}

/// `(rel, href)` of the channel's own `atom:link`s (RSS) or `link`s (Atom).
fn channel_links(text: &str, channel: &str) -> Vec<(String, String)> {
    let doc = xml(text);
    let parent = doc
        .descendants()
        .find(|n| n.has_tag_name(channel))
        .expect("a channel");
    parent
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "link")))
        .map(|n| {
            (
                n.attribute("rel").unwrap_or_default().to_string(),
                n.attribute("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn websub_hubs_are_declared_by_every_feed_in_every_format() {
    let hubs = [
        "https://hub.example.org/",
        "https://pubsubhubbub.appspot.com/",
    ];
    let fixture = feed_fixture(&format!("websub_hubs = [\"{}\", \"{}\"]", hubs[0], hubs[1]));
    let feeds = all_feeds(&fixture);
    assert!(feeds.len() > 5, "{feeds:?}");
    for rss_path in feeds {
        let base = rss_path.trim_end_matches("rss.xml");
        let rss_links = channel_links(&fixture.read(&rss_path), "channel");
        let atom_links = channel_links(
            &fixture.read(&format!("{base}atom.xml")),
            (ATOM_NS, "feed").1,
        );
        for (format, links, own) in [
            ("rss", rss_links, "rss.xml"),
            ("atom", atom_links, "atom.xml"),
        ] {
            let self_link = format!("{BASE}/{base}{own}");
            assert!(
                links.contains(&("self".to_string(), self_link)),
                "{rss_path} {format}: {links:?}"
            );
            let declared: Vec<&str> = links
                .iter()
                .filter(|(rel, _)| rel == "hub")
                .map(|(_, href)| href.as_str())
                .collect();
            assert_eq!(declared, hubs, "{rss_path} {format}");
        }
        let json = json_doc(&fixture, &format!("{base}feed.json"));
        assert_eq!(
            json["hubs"],
            serde_json::json!([
                {"type": "WebSub", "url": hubs[0]},
                {"type": "WebSub", "url": hubs[1]}
            ]),
            "{base}feed.json"
        );
        assert_eq!(json["feed_url"], format!("{BASE}/{base}feed.json"));
        // Readers still parse them.
        fixture.feed(&rss_path);
        fixture.feed(&format!("{base}atom.xml"));
    }

    // Without hubs, nothing is declared.
    let plain = feed_fixture("");
    assert!(!channel_links(&plain.read("rss.xml"), "channel")
        .iter()
        .any(|(rel, _)| rel == "hub"));
    assert!(json_doc(&plain, "feed.json").get("hubs").is_none());
}

#[test]
fn a_websub_hub_that_is_no_address_is_an_error_at_its_place() {
    let fixture =
        Fixture::with_config("websub_hubs = [\"https://hub.example.org/\", \"hub.example.org\"]");
    fixture.simple("tin/a.md", "A", "2024-01-01");
    let errors = located(&fixture.build_errors());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, column, message) = &errors[0];
    assert_eq!(file, "site.toml");
    let toml = std::fs::read_to_string(fixture.root().join("site.toml")).unwrap();
    let hub_line = toml
        .lines()
        .position(|l| l.starts_with("websub_hubs"))
        .unwrap()
        + 1;
    assert_eq!(*line, hub_line);
    assert_eq!(*column, 44, "{message}");
    assert!(message.contains("hub.example.org"), "{message}");
}
