//! The register's feed (`/laws/rss.xml`, `atom.xml`, `feed.json`): one
//! item per document of `laws.toml` with its status on the build's day,
//! an id that changes with the status (issue 16).

use chrono::{TimeZone, Utc};

use crate::support::*;

const GOOD: &str = include_str!("../fixtures/laws-good.toml");

const NEW_LAW: &str = "https://congan.example.gov.vn/laws/luat-can-cuoc-2023/";
const OLD_LAW: &str = "https://congan.example.gov.vn/laws/luat-can-cuoc-cong-dan-2014/";

/// A site with the register of [`GOOD`] and one article citing each law.
fn site(extra_config: &str, register: &str) -> Fixture {
    let fixture = Fixture::with_config(extra_config);
    fixture.write("laws.toml", register);
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.article(
        "hoat-dong/bai.md",
        "title: \"Làm thẻ căn cước\"\ndate: 2024-03-01\ncategory: hoat-dong\n\
         laws: [luat-can-cuoc-2023, luat-can-cuoc-cong-dan-2014]\n",
        "Nội dung.\n",
    );
    fixture
}

/// The options of the fixture with the clock at `day`, noon in Vietnam.
fn on_day(fixture: &Fixture, year: i32, month: u32, day: u32) -> loa::BuildOptions {
    loa::BuildOptions {
        now: Utc.with_ymd_and_hms(year, month, day, 5, 0, 0).unwrap(),
        ..fixture.options()
    }
}

/// The HTML of an item: Atom's and JSON Feed's content, RSS's
/// description.
fn html_of(entry: &feed_rs::model::Entry) -> String {
    entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default()
}

fn item_ids(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn the_register_feed_has_one_item_per_document_with_its_status() {
    let fixture = site("", GOOD);
    fixture.build();
    let feed = fixture.feed("laws/rss.xml");
    assert_eq!(
        feed.title.as_ref().map(|t| t.content.as_str()),
        Some("Văn bản pháp luật – Công an tỉnh Thử nghiệm")
    );
    assert_eq!(
        feed.links.first().map(|l| l.href.as_str()),
        Some("https://congan.example.gov.vn/laws/")
    );
    // Both changed on 2024-07-01: the tie goes by key.
    assert_eq!(
        item_titles(&feed),
        [
            "Luật Căn cước: Còn hiệu lực",
            "Luật Căn cước công dân: Hết hiệu lực từ ngày 01/07/2024",
        ]
    );
    assert_eq!(item_links(&feed), [NEW_LAW, OLD_LAW]);
    assert_eq!(
        item_ids(&feed),
        [
            format!("{NEW_LAW}#in-force-2024-07-01"),
            format!("{OLD_LAW}#expired-2024-07-01"),
        ]
    );
    let rss = fixture.read("laws/rss.xml");
    assert_eq!(
        rss_item_texts(&rss, "pubDate"),
        ["Mon, 1 Jul 2024 00:00:00 +0700"; 2]
    );
    assert!(rss.contains("<guid isPermaLink=\"false\">"), "{rss}");
    // The item tells what the document is, and links what replaced it.
    let old = html_of(&feed.entries[1]);
    for expected in [
        "Hết hiệu lực từ ngày 01/07/2024",
        "Số hiệu: 59/2014/QH13",
        "Loại văn bản: Luật",
        "Cơ quan ban hành: Quốc hội",
        "Ngày ban hành: 20/11/2014",
        "Ngày có hiệu lực: 01/01/2016",
        "Ngày hết hiệu lực: 01/07/2024",
        &format!("Được thay thế bởi: <a href=\"{NEW_LAW}\">Luật Căn cước (26/2023/QH15)</a>"),
    ] {
        assert!(old.contains(expected), "{expected} not in {old}");
    }
    let new = html_of(&feed.entries[0]);
    for expected in [
        "<p>Quy định về căn cước</p>",
        "<a href=\"https://vbpl.vn/26-2023-QH15\">Toàn văn chính thức</a>",
        "<a href=\"https://congan.example.gov.vn/van-ban/26-2023-QH15.pdf\">Tải văn bản</a>",
        &format!("Thay thế: <a href=\"{OLD_LAW}\">Luật Căn cước công dân (59/2014/QH13)</a>"),
    ] {
        assert!(new.contains(expected), "{expected} not in {new}");
    }
    // Each item's page is a page of the site, whose own feed (its
    // articles) lives beside the register's.
    assert!(fixture.exists("laws/luat-can-cuoc-2023/index.html"));
    assert!(fixture.exists("laws/luat-can-cuoc-cong-dan-2014/index.html"));
    assert_eq!(
        item_titles(&fixture.feed("laws/luat-can-cuoc-2023/rss.xml")),
        ["Làm thẻ căn cước"]
    );
}

/// A key is a slug: no document's folder can be a feed of the register.
#[test]
fn a_key_like_a_feeds_file_name_is_refused() {
    let fixture = site(
        "",
        &format!(
            "{GOOD}\n[[laws]]\nkey = \"rss.xml\"\nnumber = \"1/2020/QH14\"\ntitle = \"X\"\n\
             type = \"Luật\"\nissuer = \"Quốc hội\"\nissued = 2020-01-01\neffective = 2020-07-01\n"
        ),
    );
    let codes: Vec<String> = fixture
        .build_errors()
        .iter()
        .map(|d| d.code().to_string())
        .collect();
    assert_eq!(codes, ["bad-law-key"]);
}

#[test]
fn a_status_change_is_a_new_item_with_the_day_of_the_change() {
    let fixture = site("", GOOD);
    fixture.build_with(&on_day(&fixture, 2024, 6, 30));
    let before = fixture.feed("laws/rss.xml");
    assert_eq!(
        item_titles(&before),
        [
            "Luật Căn cước: Chưa có hiệu lực (áp dụng từ ngày 01/07/2024)",
            "Luật Căn cước công dân: Còn hiệu lực",
        ]
    );
    assert_eq!(
        item_ids(&before),
        [
            format!("{NEW_LAW}#not-yet-2024-07-01"),
            format!("{OLD_LAW}#in-force-2016-01-01"),
        ]
    );
    // Not yet in force: dated the day it was issued.
    assert_eq!(
        rss_item_texts(&fixture.read("laws/rss.xml"), "pubDate"),
        [
            "Mon, 27 Nov 2023 00:00:00 +0700",
            "Fri, 1 Jan 2016 00:00:00 +0700"
        ]
    );
    fixture.build_with(&on_day(&fixture, 2024, 7, 1));
    let after = fixture.feed("laws/rss.xml");
    let (old_ids, new_ids) = (item_ids(&before), item_ids(&after));
    assert!(
        new_ids.iter().all(|id| !old_ids.contains(id)),
        "{old_ids:?} {new_ids:?}"
    );
    assert_eq!(
        item_titles(&after),
        [
            "Luật Căn cước: Còn hiệu lực",
            "Luật Căn cước công dân: Hết hiệu lực từ ngày 01/07/2024",
        ]
    );
    // A day without a change leaves the feed as it was, byte for byte.
    let on_the_day = fixture.read("laws/rss.xml");
    fixture.build_with(&on_day(&fixture, 2024, 7, 2));
    assert_eq!(fixture.read("laws/rss.xml"), on_the_day);
}

#[test]
fn every_format_parses_with_the_same_items_the_stylesheet_and_the_hubs() {
    let fixture = site("websub_hubs = [\"https://hub.example.org/\"]", GOOD);
    fixture.build();
    let rss = fixture.feed("laws/rss.xml");
    for path in ["laws/atom.xml", "laws/feed.json"] {
        let feed = fixture.feed(path);
        assert_eq!(item_titles(&feed), item_titles(&rss), "{path}");
        assert_eq!(item_links(&feed), item_links(&rss), "{path}");
        assert_eq!(item_ids(&feed), item_ids(&rss), "{path}");
        assert_eq!(
            feed.entries.iter().map(|e| e.published).collect::<Vec<_>>(),
            rss.entries.iter().map(|e| e.published).collect::<Vec<_>>(),
            "{path}"
        );
    }
    for path in ["laws/rss.xml", "laws/atom.xml"] {
        let text = fixture.read(path);
        assert!(
            text.contains("<?xml-stylesheet type=\"text/css\" href=\"/feed.css\"?>"),
            "{path}: {text}"
        );
        assert!(text.contains("href=\"https://hub.example.org/\""), "{path}");
        let self_link = format!("https://congan.example.gov.vn/{path}");
        assert!(text.contains(&self_link), "{path}");
    }
    let json: serde_json::Value = serde_json::from_str(&fixture.read("laws/feed.json")).unwrap();
    assert_eq!(json["hubs"][0]["url"], "https://hub.example.org/");
    assert_eq!(
        json["feed_url"],
        "https://congan.example.gov.vn/laws/feed.json"
    );
    // Feeds are not pages: the sitemap leaves them out, like the others.
    assert!(!fixture.read("sitemap.xml").contains("rss.xml"));
}

#[test]
fn hostile_text_in_the_register_is_escaped_in_every_format() {
    let hostile = GOOD
        .replace(
            "title = \"Luật Căn cước\"",
            "title = \"<script>alert(1)</script> & {status}\"",
        )
        .replace(
            "summary = \"Quy định về căn cước\"",
            "summary = \"<script>alert(2)</script><img src=x onerror=alert(3)>\"",
        )
        .replace("issuer = \"Quốc hội\"", "issuer = \"<b>Quốc hội</b>\"")
        .replace(
            "url = \"https://vbpl.vn/26-2023-QH15\"",
            "url = \"https://vbpl.vn/a\\\"><script>alert(4)</script>\"",
        );
    let fixture = site("", &hostile);
    fixture.build();
    for path in ["laws/rss.xml", "laws/atom.xml", "laws/feed.json"] {
        let feed = fixture.feed(path);
        // A title is text: shown as written, `{status}` and all.
        assert_eq!(
            item_titles(&feed)[0],
            "<script>alert(1)</script> & {status}: Còn hiệu lực",
            "{path}"
        );
        let (new, old) = (html_of(&feed.entries[0]), html_of(&feed.entries[1]));
        for html in [&new, &old] {
            assert!(!html.contains("<script"), "{path}: {html}");
            assert!(!html.contains("<img"), "{path}: {html}");
            assert!(!html.contains("<b>"), "{path}: {html}");
        }
        assert!(new.contains("&lt;script&gt;alert(2)"), "{path}: {new}");
        assert!(new.contains("&lt;b&gt;Quốc hội"), "{path}: {new}");
        // The replacement's link names the hostile title as text too.
        assert!(old.contains("&lt;script&gt;alert(1)"), "{path}: {old}");
    }
    let rss = fixture.read("laws/rss.xml");
    assert!(!rss.contains("<script"), "{rss}");
}

#[test]
fn a_site_without_laws_toml_has_no_register_feed() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/bai.md", "Một bài", "2024-03-01");
    fixture.build();
    for file in FEED_FILES {
        assert!(!fixture.exists(&format!("laws/{file}")), "{file}");
    }
    assert!(fixture.exists("rss.xml"));
}

#[test]
fn the_feed_limit_keeps_the_newest_changes() {
    let fixture = site("feed_limit = 1", GOOD);
    fixture.build_with(&on_day(&fixture, 2024, 6, 30));
    assert_eq!(
        item_titles(&fixture.feed("laws/feed.json")),
        ["Luật Căn cước: Chưa có hiệu lực (áp dụng từ ngày 01/07/2024)"]
    );
}

#[test]
fn another_language_has_the_register_feed_in_its_words() {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}\n[languages.en]\ntitle = \"Test Provincial Police\"\n{SITE_TABLES}"
    ));
    fixture.write("laws.toml", GOOD);
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.simple("hoat-dong/bai.md", "Một bài", "2024-03-01");
    fixture.build();
    let feed = fixture.feed("en/laws/rss.xml");
    assert_eq!(
        feed.title.as_ref().map(|t| t.content.as_str()),
        Some("Legal documents – Test Provincial Police")
    );
    assert_eq!(
        item_titles(&feed),
        [
            "Luật Căn cước: In force",
            "Luật Căn cước công dân: No longer in force since 1 July 2024",
        ]
    );
    assert!(fixture.exists("en/laws/luat-can-cuoc-2023/index.html"));
    let en = "https://congan.example.gov.vn/en/laws/";
    assert_eq!(
        item_links(&feed),
        [
            format!("{en}luat-can-cuoc-2023/"),
            format!("{en}luat-can-cuoc-cong-dan-2014/"),
        ]
    );
    assert!(fixture
        .read("en/laws/rss.xml")
        .contains("href=\"/en/feed.css\""));
    // The Vietnamese feed stays in Vietnamese.
    assert_eq!(
        item_titles(&fixture.feed("laws/rss.xml"))[0],
        "Luật Căn cước: Còn hiệu lực"
    );
}

#[test]
fn the_register_page_links_its_feed() {
    let fixture = Fixture::new();
    fixture.write("laws.toml", include_str!("../fixtures/laws-good.toml"));
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.build();
    let page = fixture.html("laws/index.html");
    assert_eq!(attr_of(&page, "main a.rss", "href"), "/laws/rss.xml");
    assert_eq!(
        attr_of(&page, "link[rel=alternate][href='/laws/rss.xml']", "type"),
        "application/rss+xml"
    );
    assert!(fixture.exists("laws/rss.xml"));
}
