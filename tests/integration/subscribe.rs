//! The subscribe page (`/subscribe/`) and the OPML list of every feed
//! (`/feeds.opml`).

use std::collections::BTreeSet;

use scraper::Html;

use crate::support::*;

const CATEGORIES: [&str; 2] = ["hoat-dong", "canh-bao"];

/// A site with a district article, a province-wide one, tags and a law.
fn subscribe_fixture(site_toml: Option<&str>) -> Fixture {
    let fixture = match site_toml {
        Some(toml) => Fixture::with_site_toml(toml),
        None => Fixture::new(),
    };
    fixture.article(
        "hoat-dong/xuyen-moc.md",
        "title: Bài Xuyên Mộc\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [xuyen-moc]\ntags: [an ninh, mạng xã hội]\nlaws: [Luật An ninh mạng 2018]\n",
        "Nội dung.\n",
    );
    fixture.article(
        "canh-bao/toan-tinh.md",
        "title: Bài toàn tỉnh\ndate: 2021-10-20\ncategory: canh-bao\ntags: [lừa đảo]\n",
        "Nội dung.\n",
    );
    fixture
}

/// `(id, listing dir)` of every card the page must show, in order.
fn expected_cards() -> Vec<(String, String)> {
    let mut cards = vec![("site".to_string(), String::new())];
    for d in DISTRICTS {
        cards.push((format!("district-{d}"), format!("districts/{d}/")));
    }
    for c in CATEGORIES {
        cards.push((format!("category-{c}"), format!("categories/{c}/")));
    }
    cards
}

#[test]
fn subscribe_page_lists_every_district_and_category_with_three_absolute_feeds() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    let page = fixture.html("subscribe/index.html");
    assert_eq!(text_of(&page, "main h1"), "Theo dõi tin");
    assert!(text_of(&page, "title").starts_with("Theo dõi tin | "));

    let cards = select(&page, "article.feed-card");
    let expected = expected_cards();
    let ids: Vec<&str> = cards.iter().map(|c| c.value().id().unwrap()).collect();
    let expected_ids: Vec<&str> = expected.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, expected_ids);

    for (card, (id, dir)) in cards.iter().zip(&expected) {
        let links: Vec<String> = card
            .select(&selector("a.feed-url"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(
            links,
            [
                format!("{BASE}/{dir}rss.xml"),
                format!("{BASE}/{dir}atom.xml"),
                format!("{BASE}/{dir}feed.json"),
            ],
            "{id}"
        );
        // Readable without JavaScript: the address is the link's text.
        for a in card.select(&selector("a.feed-url")) {
            let text: String = a.text().collect();
            assert_eq!(text, a.value().attr("href").unwrap(), "{id}");
        }
        // Each copy button copies the address shown beside it; the script
        // shows them, so a browser without it has no dead buttons.
        let buttons: Vec<_> = card.select(&selector("button.copy")).collect();
        assert_eq!(buttons.len(), 3, "{id}");
        for (button, url) in buttons.iter().zip(&links) {
            assert_eq!(button.value().attr("data-copy"), Some(url.as_str()));
            assert_eq!(button.value().attr("type"), Some("button"));
            assert!(button.value().attr("hidden").is_some(), "{id}");
            let target = button.value().attr("data-copy-target").unwrap();
            let shown = select(&page, &format!("a#{target}"));
            assert_eq!(shown.len(), 1, "{target}");
            assert_eq!(shown[0].value().attr("href"), Some(url.as_str()));
        }
        // One QR code per feed, drawn inline and named for screen readers.
        let svgs: Vec<_> = card.select(&selector("svg")).collect();
        assert_eq!(svgs.len(), 1, "{id}");
        let name: String = card
            .select(&selector("h3"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(svgs[0].value().attr("role"), Some("img"));
        let label = svgs[0].value().attr("aria-label").unwrap();
        assert!(label.ends_with(&format!(": {name}")), "{label}");
        assert!(svgs[0].select(&selector("path")).next().is_some());
    }
    let names: Vec<String> = select(&page, "article.feed-card h3")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        names,
        [
            "Công an tỉnh Thử nghiệm",
            "Huyện Xuyên Mộc",
            "Huyện Đất Đỏ",
            "Huyện Côn Đảo",
            "Hoạt động Công an tỉnh",
            "Cảnh báo tội phạm",
        ]
    );
    // QR codes differ from feed to feed.
    let svgs: BTreeSet<String> = select(&page, "article.feed-card svg")
        .iter()
        .map(|s| s.html())
        .collect();
    assert_eq!(svgs.len(), expected.len());
}

#[test]
fn subscribe_page_loads_its_script_and_links_the_opml() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    let page = fixture.html("subscribe/index.html");
    let scripts = select(&page, "script");
    assert_eq!(scripts.len(), 1);
    let src = scripts[0].value().attr("src").unwrap();
    assert!(src.starts_with("/subscribe.js"), "{src}");
    assert!(scripts[0].value().attr("defer").is_some());
    assert!(fixture.read("subscribe.js").contains("navigator.clipboard"));
    assert_eq!(
        attr_of(&page, "link[rel=alternate][type=\"text/x-opml\"]", "href"),
        "/feeds.opml"
    );
    assert_eq!(
        attr_of(&page, "main a[type=\"text/x-opml\"]", "href"),
        "/feeds.opml"
    );
    // Other pages do not load it (the home and unit pages have their own).
    for other in ["index.html", "districts/xuyen-moc/index.html"] {
        let html = fixture.html(other);
        assert!(
            select(&html, "script[src*='subscribe.js']").is_empty(),
            "{other}"
        );
        assert!(select(&html, "script:not([src])").is_empty(), "{other}");
    }
}

#[test]
fn every_page_footer_links_the_subscribe_page_and_every_listing_its_feed_page() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    for page in [
        "index.html",
        "hoat-dong/xuyen-moc/index.html",
        "districts/index.html",
        "404.html",
    ] {
        let html = fixture.html(page);
        assert_eq!(
            attr_of(&html, "footer a[href=\"/subscribe/\"]", "href"),
            "/subscribe/",
            "{page}"
        );
    }
    for listing in ["districts/dat-do", "categories/canh-bao", "tags/an-ninh"] {
        let html = fixture.html(&format!("{listing}/index.html"));
        let links: Vec<String> = select(&html, ".listing-links a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert!(
            links.contains(&format!("/subscribe/{listing}/")),
            "{listing}: {links:?}"
        );
        // Which links /subscribe/ among all the feeds.
        let page = fixture.html(&format!("subscribe/{listing}/index.html"));
        assert_eq!(attr_of(&page, ".follow-more a", "href"), "/subscribe/");
    }
    assert!(fixture
        .read("sitemap.xml")
        .contains(&format!("<loc>{BASE}/subscribe/</loc>")));
}

#[test]
fn opml_has_an_absolute_outline_for_every_feed_grouped_by_kind() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    let text = fixture.read("feeds.opml");
    let doc = xml(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "opml");
    assert_eq!(root.attribute("version"), Some("2.0"));
    let head = root.children().find(|n| n.has_tag_name("head")).unwrap();
    assert!(head
        .children()
        .any(|n| n.has_tag_name("title") && n.text().is_some_and(|t| !t.is_empty())));
    assert!(!text.contains("dateCreated"), "no clock in the file");

    let feeds: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("outline") && n.attribute("type") == Some("rss"))
        .collect();
    let mut dirs = vec![String::new()];
    dirs.extend(DISTRICTS.iter().map(|d| format!("districts/{d}/")));
    dirs.extend(CATEGORIES.iter().map(|c| format!("categories/{c}/")));
    for tag in ["an-ninh", "mang-xa-hoi", "lua-dao"] {
        dirs.push(format!("tags/{tag}/"));
    }
    dirs.push("laws/luat-an-ninh-mang-2018/".into());
    let expected: BTreeSet<String> = dirs.iter().map(|d| format!("{BASE}/{d}rss.xml")).collect();
    let found: BTreeSet<String> = feeds
        .iter()
        .map(|n| n.attribute("xmlUrl").unwrap().to_string())
        .collect();
    assert_eq!(found, expected);
    assert_eq!(feeds.len(), expected.len(), "one outline per feed");
    for feed in &feeds {
        let xml_url = feed.attribute("xmlUrl").unwrap();
        let html_url = feed.attribute("htmlUrl").unwrap();
        assert!(
            html_url.starts_with(BASE) && html_url.ends_with('/'),
            "{html_url}"
        );
        assert_eq!(Some(html_url), xml_url.strip_suffix("rss.xml"));
        let file = xml_url.strip_prefix(&format!("{BASE}/")).unwrap();
        assert!(fixture.exists(file), "{file}");
        assert!(!feed.attribute("text").unwrap().is_empty());
        assert_eq!(feed.attribute("title"), feed.attribute("text"));
    }
    // The site's feed first, then one folder per kind, in the site's order.
    let top: Vec<_> = doc
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(
        top[0].attribute("xmlUrl"),
        Some(&*format!("{BASE}/rss.xml"))
    );
    let folders: Vec<(&str, usize)> = top[1..]
        .iter()
        .map(|n| {
            (
                n.attribute("text").unwrap(),
                n.children().filter(|c| c.is_element()).count(),
            )
        })
        .collect();
    assert_eq!(
        folders,
        [
            ("Địa bàn", 3),
            ("Chuyên mục", 2),
            ("Chủ đề", 3),
            ("Văn bản pháp luật", 1)
        ]
    );
    let districts: Vec<&str> = top[1]
        .children()
        .filter_map(|n| n.attribute("text"))
        .collect();
    assert_eq!(
        districts,
        ["Huyện Xuyên Mộc", "Huyện Đất Đỏ", "Huyện Côn Đảo"]
    );
}

#[test]
fn hostile_names_are_escaped_on_the_page_and_in_the_opml() {
    let hostile = "Xã <script>alert(1)</script> & \\\"Bến\\\" 'Đá'";
    let name = "Xã <script>alert(1)</script> & \"Bến\" 'Đá'";
    let toml = format!(
        "{SITE_HEAD}\n[[districts]]\nkey = \"ben-da\"\nname = \"{hostile}\"\n\n\
         [[categories]]\nkey = \"hoat-dong\"\nname = \"A & B\"\n\n\
         [[categories]]\nkey = \"canh-bao\"\nname = \"<b>C</b>\"\n"
    );
    let fixture = Fixture::with_site_toml(&toml);
    fixture.simple("hoat-dong/a.md", "Bài một", "2021-10-19");
    fixture.build();

    let raw = fixture.read("subscribe/index.html");
    assert!(!raw.contains("<script>alert"), "escaped on the page");
    assert!(!raw.contains("<b>C</b>"));
    let page = fixture.html("subscribe/index.html");
    assert_eq!(text_of(&page, "article#district-ben-da h3"), name);
    assert_eq!(
        attr_of(&page, "article#district-ben-da svg", "aria-label"),
        format!("Mã QR của trang theo dõi: {name}")
    );
    // The feed's own page prints the name in its heading, its poster's
    // lines and its link texts, escaped everywhere.
    let raw = fixture.read("subscribe/districts/ben-da/index.html");
    assert!(!raw.contains("<script>alert"), "escaped on the feed page");
    let page = fixture.html("subscribe/districts/ben-da/index.html");
    assert_eq!(text_of(&page, "main h1"), name);
    assert!(text_of(&page, ".poster-steps").contains(name));
    assert!(!fixture
        .read("subscribe/categories/canh-bao/index.html")
        .contains("<b>C</b>"));

    let text = fixture.read("feeds.opml");
    assert!(!text.contains("<script>") && !text.contains("<b>"));
    let doc = xml(&text);
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("type") == Some("rss"))
        .filter_map(|n| n.attribute("text"))
        .collect();
    assert!(names.contains(&name), "{names:?}");
    assert!(names.contains(&"A & B"));
    assert!(names.contains(&"<b>C</b>"));
}

#[test]
fn subscribe_page_and_opml_are_byte_identical_between_builds() {
    let fixture = subscribe_fixture(None);
    let mut outputs = Vec::new();
    for name in ["mot", "hai"] {
        let out = fixture.dir.path().join(name);
        let mut options = fixture.options();
        options.output = Some(out.clone());
        fixture.build_with(&options);
        let read = |file: &str| std::fs::read(out.join(file)).unwrap();
        outputs.push((read("subscribe/index.html"), read("feeds.opml")));
    }
    assert!(outputs[0].0 == outputs[1].0, "subscribe/index.html differs");
    assert!(outputs[0].1 == outputs[1].1, "feeds.opml differs");
}

#[test]
fn words_follow_the_site_language_and_urls_the_base_path() {
    let english = SITE_HEAD.replace("language = \"vi\"", "language = \"en\"");
    let fixture = subscribe_fixture(Some(&format!("{english}{SITE_TABLES}")));
    let mut options = fixture.options();
    options.base_url = Some("https://example.org/loa/".into());
    fixture.build_with(&options);
    let page = fixture.html("subscribe/index.html");
    assert_eq!(text_of(&page, "main h1"), "Subscribe");
    assert_eq!(text_of(&page, "button.copy .copy-label"), "Copy");
    assert_eq!(
        attr_of(&page, "#district-xuyen-moc a.feed-url", "href"),
        "https://example.org/loa/districts/xuyen-moc/rss.xml"
    );
    let home = fixture.html("index.html");
    assert_eq!(
        text_of(&home, "footer a[href=\"/loa/subscribe/\"]"),
        "Subscribe"
    );
    let opml = fixture.read("feeds.opml");
    assert!(opml.contains("xmlUrl=\"https://example.org/loa/rss.xml\""));
    assert!(opml.contains("<outline text=\"Districts\" title=\"Districts\">"));

    // A language without its own words falls back to Vietnamese.
    let french = SITE_HEAD.replace("language = \"vi\"", "language = \"fr\"");
    let fixture = subscribe_fixture(Some(&format!("{french}{SITE_TABLES}")));
    fixture.build();
    assert_eq!(
        text_of(&fixture.html("subscribe/index.html"), "main h1"),
        "Theo dõi tin"
    );
}

#[test]
fn an_article_cannot_take_the_subscribe_page_url() {
    let fixture = Fixture::new();
    fixture.simple("subscribe.md", "Bài chiếm chỗ", "2021-10-19");
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message_in(En).contains("reserved"),
        "{}",
        errors[0]
    );
}

/// A listing is named by one table of words: the district page, its feed
/// and the subscribe page say the same in the site's language (listings
/// said `Địa bàn` on an English site whose subscribe page said
/// `Districts`).
#[test]
fn listings_and_the_subscribe_page_name_a_kind_alike() {
    let toml = format!(
        "{}{SITE_TABLES}",
        SITE_HEAD.replace("language = \"vi\"", "language = \"en\"")
    );
    let fixture = Fixture::with_site_toml(&toml);
    fixture.article(
        "hoat-dong/bai.md",
        "title: Bài\ndate: 2026-11-01\ndistricts: [xuyen-moc]\ncategory: hoat-dong\n",
        "Nội dung.",
    );
    fixture.build();
    let district = fixture.html("districts/xuyen-moc/index.html");
    assert_eq!(text_of(&district, "h1 .kind"), "Districts");
    assert!(text_of(&district, "title").starts_with("Districts: "));
    let overview = fixture.html("districts/index.html");
    assert!(text_of(&overview, "title").starts_with("Districts"));
    let feed = fixture.feed("districts/xuyen-moc/rss.xml");
    let title = feed.title.map(|t| t.content).unwrap_or_default();
    assert!(title.starts_with("Districts: "), "{title}");
    let subscribe = fixture.html("subscribe/index.html");
    let headings: Vec<String> = select(&subscribe, "h2")
        .iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(headings.iter().any(|h| h == "Districts"), "{headings:?}");
}

/// The `d` of the QR code's path: the modules it draws.
fn qr_modules(svg: &str) -> String {
    let doc = xml(svg);
    doc.descendants()
        .find(|n| n.has_tag_name("path"))
        .and_then(|n| n.attribute("d"))
        .expect("a QR code draws one path")
        .to_string()
}

/// The inline SVG of the first QR code inside `scope` of `html`.
fn qr_in(html: &Html, scope: &str) -> String {
    select(html, &format!("{scope} svg.qr-code"))
        .first()
        .unwrap_or_else(|| panic!("no QR code in {scope}"))
        .html()
}

#[test]
fn every_feed_has_its_own_page_with_name_latest_articles_three_formats_and_a_qr_code_of_itself() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    for (dir, name, articles) in [
        (
            "site",
            "Công an tỉnh Thử nghiệm",
            vec!["/canh-bao/toan-tinh/", "/hoat-dong/xuyen-moc/"],
        ),
        // The province-wide article is news of every unit.
        (
            "districts/xuyen-moc",
            "Huyện Xuyên Mộc",
            vec!["/canh-bao/toan-tinh/", "/hoat-dong/xuyen-moc/"],
        ),
        (
            "categories/canh-bao",
            "Cảnh báo tội phạm",
            vec!["/canh-bao/toan-tinh/"],
        ),
        ("tags/an-ninh", "an ninh", vec!["/hoat-dong/xuyen-moc/"]),
        (
            "laws/luat-an-ninh-mang-2018",
            "Luật An ninh mạng 2018",
            vec!["/hoat-dong/xuyen-moc/"],
        ),
    ] {
        let page = fixture.html(&format!("subscribe/{dir}/index.html"));
        assert_eq!(text_of(&page, "main h1"), name, "{dir}");
        let latest: Vec<String> = select(&page, ".latest-list a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(latest, articles, "{dir}: newest first");
        let listing = if dir == "site" {
            String::new()
        } else {
            format!("{dir}/")
        };
        let feeds: Vec<String> = select(&page, "a.feed-url")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(
            feeds,
            FEED_FILES.map(|f| format!("{BASE}/{listing}{f}")),
            "{dir}: the three formats"
        );
        for f in FEED_FILES {
            assert!(fixture.exists(&format!("{listing}{f}")), "{dir}: {f}");
        }
        assert_eq!(select(&page, ".follow-how .steps li").len(), 3, "{dir}");
        // The code holds the page's own address, which is printed under it.
        let own = format!("{BASE}/subscribe/{dir}/");
        let expected = loa::qr_svg(&own, "x").unwrap();
        assert_eq!(
            qr_modules(&qr_in(&page, ".poster")),
            qr_modules(&expected),
            "{dir}"
        );
        assert_eq!(
            text_of(&page, ".poster .poster-address"),
            own.trim_start_matches("https://"),
            "{dir}"
        );
        assert_eq!(
            attr_of(&page, ".poster-address a", "href"),
            format!("/subscribe/{dir}/")
        );
        let steps = text_of(&page, ".poster-steps");
        assert!(steps.contains(name), "{dir}: {steps}");
        // The page's feed is announced to readers that look for one.
        assert_eq!(
            attr_of(
                &page,
                "link[rel=alternate][type=\"application/rss+xml\"]",
                "href"
            ),
            format!("/{listing}rss.xml")
        );
    }
}

#[test]
fn follow_links_and_qr_codes_lead_to_feed_pages_never_to_raw_xml() {
    let fixture = subscribe_fixture(None);
    fixture.build();
    for page in [
        "index.html",
        "districts/index.html",
        "districts/dat-do/index.html",
        "categories/canh-bao/index.html",
        "tags/index.html",
        "tags/an-ninh/index.html",
        "laws/index.html",
    ] {
        let html = fixture.html(page);
        let links = select(&html, "main a.rss, main a.rss-link");
        assert!(!links.is_empty(), "{page}: a follow link");
        for a in links {
            let href = a.value().attr("href").unwrap();
            assert!(
                href.starts_with("/subscribe/") && href.ends_with('/'),
                "{page}: {href}"
            );
            assert!(
                fixture.exists(&format!("{}index.html", &href[1..])),
                "{page}: {href}"
            );
        }
    }
    assert_eq!(
        attr_of(
            &fixture.html("districts/dat-do/index.html"),
            "a.rss",
            "href"
        ),
        "/subscribe/districts/dat-do/"
    );
    // Every card of /subscribe/: its code and the address under it are
    // those of the feed's own page.
    let page = fixture.html("subscribe/index.html");
    for (id, dir) in expected_cards() {
        let dir = if dir.is_empty() {
            "site/".to_string()
        } else {
            dir
        };
        let own = format!("{BASE}/subscribe/{dir}");
        let card = format!("article#{id}");
        let expected = loa::qr_svg(&own, "x").unwrap();
        assert_eq!(
            qr_modules(&qr_in(&page, &card)),
            qr_modules(&expected),
            "{id}"
        );
        assert_eq!(
            attr_of(&page, &format!("{card} .poster-address a"), "href"),
            format!("/subscribe/{dir}"),
        );
    }
}

#[test]
fn a_former_units_feed_page_names_its_successors_and_has_no_poster_code() {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}{SITE_TABLES}\n[[districts]]\nkey = \"long-dat\"\nname = \"Huyện Long Đất\"\n\
         valid_to = 2025-07-01\nmerged_into = [\"dat-do\", \"xuyen-moc\"]\n"
    ));
    fixture.article(
        "hoat-dong/long-dat.md",
        "title: Bài Long Đất\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [long-dat]\n",
        "Nội dung.\n",
    );
    fixture.build();
    let page = fixture.html("subscribe/districts/long-dat/index.html");
    assert_eq!(text_of(&page, "main h1"), "Huyện Long Đất");
    assert!(
        select(&page, "svg.qr-code").is_empty(),
        "no poster for an ended unit"
    );
    let successors: Vec<(String, String)> = select(&page, ".notice a")
        .iter()
        .map(|a| (a.inner_html(), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        successors,
        [
            (
                "Huyện Đất Đỏ".to_string(),
                "/subscribe/districts/dat-do/".to_string()
            ),
            (
                "Huyện Xuyên Mộc".to_string(),
                "/subscribe/districts/xuyen-moc/".to_string()
            ),
        ]
    );
    assert!(text_of(&page, ".meta")
        .contains("Đã sáp nhập vào Huyện Đất Đỏ, Huyện Xuyên Mộc (01/07/2025)"));
    // Its feeds still run: old subscribers keep reading.
    assert_eq!(
        attr_of(&page, "a.feed-url", "href"),
        format!("{BASE}/districts/long-dat/rss.xml")
    );
}
