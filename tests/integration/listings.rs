//! Listings: districts (with province-wide articles), categories, tags and
//! laws, newest first, paginated.

use crate::support::*;

fn district_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.article(
        "canh-bao/toan-tinh.md",
        "title: Cảnh báo toàn tỉnh\ndate: 2021-10-17\ncategory: canh-bao\n",
        "Cả tỉnh.\n",
    );
    fixture.article(
        "canh-bao/toan-tinh-rong.md",
        "title: Toàn tỉnh (danh sách rỗng)\ndate: 2021-10-16\ncategory: canh-bao\ndistricts: []\n",
        "Cả tỉnh.\n",
    );
    fixture.article(
        "hoat-dong/xuyen-moc.md",
        "title: Tin Xuyên Mộc\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [xuyen-moc]\n",
        "Xuyên Mộc.\n",
    );
    fixture.article(
        "hoat-dong/dat-do.md",
        "title: Tin Đất Đỏ\ndate: 2021-10-18\ncategory: hoat-dong\ndistricts: [dat-do]\n",
        "Đất Đỏ.\n",
    );
    fixture.article(
        "hoat-dong/hai-huyen.md",
        "title: Tin hai huyện\ndate: 2021-10-15\ncategory: hoat-dong\ndistricts: [xuyen-moc, dat-do]\n",
        "Hai huyện.\n",
    );
    fixture.build();
    fixture
}

#[test]
fn province_wide_articles_are_in_every_district() {
    let fixture = district_fixture();
    let expected: [(&str, &[&str]); 3] = [
        (
            "xuyen-moc",
            &[
                "Tin Xuyên Mộc",
                "Cảnh báo toàn tỉnh",
                "Toàn tỉnh (danh sách rỗng)",
                "Tin hai huyện",
            ],
        ),
        (
            "dat-do",
            &[
                "Tin Đất Đỏ",
                "Cảnh báo toàn tỉnh",
                "Toàn tỉnh (danh sách rỗng)",
                "Tin hai huyện",
            ],
        ),
        (
            "con-dao",
            &["Cảnh báo toàn tỉnh", "Toàn tỉnh (danh sách rỗng)"],
        ),
    ];
    for (district, titles) in expected {
        let listing = fixture.html(&format!("districts/{district}/index.html"));
        assert_eq!(card_titles(&listing), titles, "{district} listing");
        let feed = fixture.feed(&format!("districts/{district}/rss.xml"));
        assert_eq!(item_titles(&feed), titles, "{district} feed");
    }
}

#[test]
fn the_districts_overview_lists_every_district_with_its_feed() {
    let fixture = district_fixture();
    let overview = fixture.html("districts/index.html");
    let links: Vec<&str> = select(&overview, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for district in DISTRICTS {
        assert!(
            links.contains(&format!("/districts/{district}/").as_str()),
            "{links:?}"
        );
        assert!(
            links.contains(&format!("/subscribe/districts/{district}/").as_str()),
            "{links:?}"
        );
    }
}

#[test]
fn category_tag_and_law_listings() {
    let fixture = Fixture::new();
    fixture.article(
        "phap-luat/luat-1.md",
        "title: Luật một\ndate: 2021-10-19\ncategory: canh-bao\ntags: [an ninh mạng]\nlaws: [\"Luật An ninh mạng 2018\"]\n",
        "A.\n",
    );
    fixture.article(
        "phap-luat/luat-2.md",
        "title: Luật hai\ndate: 2021-10-20\ncategory: canh-bao\ntags: [An Ninh Mạng, lừa đảo]\nlaws: [\"Luật An ninh mạng 2018\", \"Bộ luật Hình sự 2015\"]\n",
        "B.\n",
    );
    fixture.article(
        "hoat-dong/khac.md",
        "title: Khác\ndate: 2021-10-21\ncategory: hoat-dong\n",
        "C.\n",
    );
    fixture.build();

    let cases: [(&str, &[&str]); 6] = [
        ("categories/canh-bao", &["Luật hai", "Luật một"]),
        ("categories/hoat-dong", &["Khác"]),
        ("tags/an-ninh-mang", &["Luật hai", "Luật một"]),
        ("tags/lua-dao", &["Luật hai"]),
        ("laws/luat-an-ninh-mang-2018", &["Luật hai", "Luật một"]),
        ("laws/bo-luat-hinh-su-2015", &["Luật hai"]),
    ];
    for (listing, titles) in cases {
        let html = fixture.html(&format!("{listing}/index.html"));
        assert_eq!(card_titles(&html), titles, "{listing}");
        assert_eq!(
            item_titles(&fixture.feed(&format!("{listing}/rss.xml"))),
            titles,
            "{listing} feed"
        );
        assert_eq!(
            attr_of(&html, "link[rel=canonical]", "href"),
            format!("{BASE}/{listing}/")
        );
    }
    let law = fixture.html("laws/luat-an-ninh-mang-2018/index.html");
    assert!(text_of(&law, "main h1").contains("Luật An ninh mạng 2018"));
    // Overviews of the free-word kinds list what exists.
    let tags = fixture.html("tags/index.html");
    let tag_links: Vec<&str> = select(&tags, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        tag_links,
        [
            "/tags/an-ninh-mang/",
            "/subscribe/tags/an-ninh-mang/",
            "/tags/lua-dao/",
            "/subscribe/tags/lua-dao/"
        ]
    );
    assert!(fixture.exists("laws/index.html"));
    assert!(fixture.exists("categories/index.html"));
}

#[test]
fn listings_are_newest_first_whatever_the_file_order() {
    let fixture = Fixture::new();
    // File names sort the other way round from dates, and one date has a time.
    fixture.simple("hoat-dong/a.md", "Cũ nhất", "2020-01-01");
    fixture.simple("hoat-dong/b.md", "Mới nhất", "2023-05-01");
    fixture.simple("hoat-dong/c.md", "Giữa", "2021-06-15");
    fixture.simple("hoat-dong/d.md", "Giữa, buổi chiều", "\"2021-06-15 15:00\"");
    fixture.build();
    let expected = ["Mới nhất", "Giữa, buổi chiều", "Giữa", "Cũ nhất"];
    for listing in [
        "index.html",
        "categories/hoat-dong/index.html",
        "districts/con-dao/index.html",
    ] {
        assert_eq!(card_titles(&fixture.html(listing)), expected, "{listing}");
    }
}

#[test]
fn pagination_with_prev_and_next_links() {
    let fixture = Fixture::with_config("per_page = 2");
    for (i, date) in [
        "2021-10-15",
        "2021-10-16",
        "2021-10-17",
        "2021-10-18",
        "2021-10-19",
    ]
    .iter()
    .enumerate()
    {
        fixture.simple(&format!("hoat-dong/bai-{i}.md"), &format!("Bài {i}"), date);
    }
    fixture.build();

    let first = "/categories/hoat-dong/";
    let second = "/categories/hoat-dong/page/2/";
    let third = "/categories/hoat-dong/page/3/";
    // (file, card titles, prev, next)
    type Expected<'a> = (&'a str, &'a [&'a str], Option<&'a str>, Option<&'a str>);
    let pages: [Expected; 3] = [
        (
            "categories/hoat-dong/index.html",
            &["Bài 4", "Bài 3"],
            None,
            Some(second),
        ),
        (
            "categories/hoat-dong/page/2/index.html",
            &["Bài 2", "Bài 1"],
            Some(first),
            Some(third),
        ),
        (
            "categories/hoat-dong/page/3/index.html",
            &["Bài 0"],
            Some(second),
            None,
        ),
    ];
    for (path, titles, prev, next) in pages {
        let html = fixture.html(path);
        assert_eq!(card_titles(&html), titles, "{path}");
        for (rel, expected) in [("prev", prev), ("next", next)] {
            let head: Vec<&str> = select(&html, &format!("head link[rel={rel}]"))
                .iter()
                .filter_map(|l| l.value().attr("href"))
                .collect();
            let body: Vec<&str> = select(&html, &format!("main a[rel={rel}]"))
                .iter()
                .filter_map(|l| l.value().attr("href"))
                .collect();
            let expected: Vec<&str> = expected.into_iter().collect();
            assert_eq!(head, expected, "{path}: <link rel={rel}>");
            assert_eq!(body, expected, "{path}: <a rel={rel}>");
        }
    }
    assert!(!fixture.exists("categories/hoat-dong/page/4/index.html"));
    // Page 1 is only at the listing's own URL.
    assert!(!fixture.exists("categories/hoat-dong/page/1/index.html"));
    let second_page = fixture.html("categories/hoat-dong/page/2/index.html");
    assert_eq!(
        attr_of(&second_page, "link[rel=canonical]", "href"),
        format!("{BASE}{second}")
    );
    // The feed is not paginated.
    assert_eq!(
        item_titles(&fixture.feed("categories/hoat-dong/rss.xml")).len(),
        5
    );
}

#[test]
fn an_empty_listing_still_has_its_page_and_feed() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.build();
    let html = fixture.html("categories/canh-bao/index.html");
    assert!(card_titles(&html).is_empty());
    assert!(fixture
        .feed("categories/canh-bao/rss.xml")
        .entries
        .is_empty());
}

/// The words loa itself puts on pages follow the site's language: an
/// English site's listing pages, overviews, 404 page and redirect pages
/// said `trang 2`, `Tin bài mới nhất về`, `Không tìm thấy trang` and
/// `Chuyển hướng`.
#[test]
fn an_english_site_gets_english_page_words() {
    let head = SITE_HEAD.replace("language = \"vi\"", "language = \"en\"");
    let fixture = Fixture::with_site_toml(&format!("{head}per_page = 1\n{SITE_TABLES}"));
    for (slug, date) in [("mot", "2026-11-01"), ("hai", "2026-11-02")] {
        fixture.article(
            &format!("hoat-dong/{slug}.md"),
            &format!("title: Bài {slug}\ndate: {date}\ncategory: hoat-dong\naliases: [tin-cu/{slug}.html]\n"),
            "Nội dung.",
        );
    }
    fixture.build();
    let second = fixture.html("categories/hoat-dong/page/2/index.html");
    assert!(
        text_of(&second, "title").contains("(page 2)"),
        "{}",
        text_of(&second, "title")
    );
    let first = fixture.html("categories/hoat-dong/index.html");
    let description = attr_of(&first, "meta[name=description]", "content");
    assert!(
        description.starts_with("The latest news about "),
        "{description}"
    );
    let overview = fixture.html("tags/index.html");
    let description = attr_of(&overview, "meta[name=description]", "content");
    assert!(description.starts_with("Topics on "), "{description}");
    let not_found = fixture.html("404.html");
    assert!(text_of(&not_found, "title").starts_with("Page not found"));
    let redirect = fixture.html("tin-cu/mot.html");
    assert_eq!(text_of(&redirect, "title"), "Redirect");
    assert!(text_of(&redirect, "p").starts_with("This article has moved to"));
}
