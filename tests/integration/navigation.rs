//! Finding one's way on a site of any size: a fixed header menu whatever
//! the number of units, a paginated home page, and the archive by year
//! and month.

use scraper::Html;

use crate::support::*;

/// The 168-unit city of `tests/fixtures/city-168` (made by
/// `tools/city-fixture/make.py`), copied into a fixture.
fn city() -> Fixture {
    let source = repo_root().join("tests/fixtures/city-168");
    let toml = std::fs::read_to_string(source.join("site.toml")).expect("fixture site.toml");
    let fixture = Fixture::with_site_toml(&toml);
    copy_dir(&source.join("content"), &fixture.root().join("content"));
    fixture
}

fn header_links(html: &Html) -> Vec<String> {
    select(html, "header a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_city_of_168_units_keeps_a_short_header_menu() {
    let fixture = city();
    fixture.build();
    for page in [
        "index.html",
        "tin/ho-tram-ra-mat/index.html",
        "districts/index.html",
        "districts/xa-ho-tram/index.html",
        "archive/index.html",
    ] {
        let html = fixture.html(page);
        let links = header_links(&html);
        assert!(
            links.len() <= 10,
            "{page}: {} links: {links:?}",
            links.len()
        );
        for wanted in [
            "/",
            "/categories/",
            "/districts/",
            "/archive/",
            "/subscribe/",
        ] {
            assert!(
                links.iter().any(|l| l == wanted),
                "{page} lacks {wanted}: {links:?}"
            );
        }
    }
    // Every unit is still one click from the header, on /districts/.
    let overview = fixture.html("districts/index.html");
    let listed = select(&overview, "main li[data-search]").len();
    assert_eq!(
        listed,
        1 + 168 + 12,
        "the city, its units, the former units"
    );
    // The menu says where the reader is.
    let unit_page = fixture.html("districts/xa-ho-tram/index.html");
    assert_eq!(
        attr_of(
            &unit_page,
            "header nav a[href='/districts/']",
            "aria-current"
        ),
        "true"
    );
    let archive = fixture.html("archive/index.html");
    assert_eq!(
        attr_of(&archive, "header nav a[href='/archive/']", "aria-current"),
        "page"
    );
}

#[test]
fn the_home_page_is_paginated_like_every_listing() {
    let fixture = Fixture::with_config("per_page = 2");
    for day in 1..=5 {
        fixture.simple(
            &format!("tin/bai-{day}.md"),
            &format!("Bài {day}"),
            &format!("2024-03-0{day}"),
        );
    }
    fixture.build();
    let first = fixture.html("index.html");
    assert_eq!(card_titles(&first), ["Bài 5", "Bài 4"]);
    assert_eq!(attr_of(&first, "link[rel=next]", "href"), "/page/2/");
    let second = fixture.html("page/2/index.html");
    assert_eq!(card_titles(&second), ["Bài 3", "Bài 2"]);
    assert_eq!(attr_of(&second, "link[rel=prev]", "href"), "/");
    assert_eq!(attr_of(&second, "link[rel=next]", "href"), "/page/3/");
    assert!(
        text_of(&second, "title").contains("trang 2"),
        "{}",
        text_of(&second, "title")
    );
    assert_eq!(
        attr_of(&second, "link[rel=canonical]", "href"),
        format!("{BASE}/page/2/")
    );
    let last = fixture.html("page/3/index.html");
    assert_eq!(card_titles(&last), ["Bài 1"]);
    assert!(select(&last, "link[rel=next]").is_empty());
    assert!(!fixture.exists("page/4/index.html"));
    assert!(!fixture.exists("page/1/index.html"));
}

#[test]
fn the_archive_lists_years_and_months_and_pages_them_newest_first() {
    let fixture = Fixture::with_config("per_page = 2");
    let dates = [
        ("a", "2023-12-30"),
        // 23:30 UTC on 31 December is already 1 January in Vietnam.
        ("b", "2023-12-31T23:30:00+00:00"),
        ("c", "2024-01-05"),
        ("d", "2024-01-20"),
        ("e", "2024-01-25"),
        ("f", "2024-03-01"),
    ];
    for (name, date) in dates {
        fixture.simple(&format!("tin/{name}.md"), &format!("Bài {name}"), date);
    }
    fixture.build();

    let overview = fixture.html("archive/index.html");
    let years: Vec<String> = select(&overview, ".archive-year h2 a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(years, ["Năm 2024", "Năm 2023"]);
    let months: Vec<(String, String)> = select(&overview, ".archive-months li")
        .iter()
        .map(|li| {
            let a = li.select(&selector("a")).next().expect("a link");
            let count = li.select(&selector(".count")).next().expect("a count");
            (
                a.value().attr("href").unwrap_or_default().to_string(),
                count.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("/archive/2024/03/".to_string(), "(1)".to_string()),
            ("/archive/2024/01/".to_string(), "(4)".to_string()),
            ("/archive/2023/12/".to_string(), "(1)".to_string()),
        ]
    );

    let january = fixture.html("archive/2024/01/index.html");
    assert_eq!(text_of(&january, "h1"), "Tháng 1/2024");
    assert_eq!(card_titles(&january), ["Bài e", "Bài d"]);
    assert_eq!(
        attr_of(&january, "link[rel=next]", "href"),
        "/archive/2024/01/page/2/"
    );
    let january_2 = fixture.html("archive/2024/01/page/2/index.html");
    assert_eq!(card_titles(&january_2), ["Bài c", "Bài b"]);
    let year = fixture.html("archive/2024/index.html");
    assert_eq!(card_titles(&year), ["Bài f", "Bài e"]);
    assert!(fixture.exists("archive/2024/page/3/index.html"));
    assert!(fixture.exists("archive/2023/12/index.html"));
    assert!(!fixture.exists("archive/2024/02/index.html"));

    // Every article links to its month.
    let article = fixture.html("tin/b/index.html");
    assert_eq!(
        attr_of(&article, ".archive-link a", "href"),
        "/archive/2024/01/"
    );
    // The sitemap knows the archive.
    let sitemap = fixture.read("sitemap.xml");
    for url in ["/archive/", "/archive/2024/", "/archive/2024/01/"] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE}{url}</loc>")),
            "{url}"
        );
    }
}

#[test]
fn an_english_archive_names_its_months() {
    let fixture = Fixture::with_site_toml(&format!(
        "{}per_page = 5\n[languages.en]\ntitle = \"Test Police\"\n{SITE_TABLES}",
        SITE_HEAD
    ));
    fixture.simple("tin/a.md", "Bài a", "2024-10-05");
    fixture.article(
        "en/tin/a.md",
        "title: Article a\ndate: 2024-10-05\ncategory: hoat-dong\n",
        "Text.\n",
    );
    fixture.build();
    let english = fixture.html("en/archive/2024/10/index.html");
    assert_eq!(text_of(&english, "h1"), "October 2024");
    let article = fixture.html("en/tin/a/index.html");
    assert_eq!(
        attr_of(&article, ".archive-link a", "href"),
        "/en/archive/2024/10/"
    );
}

#[test]
fn articles_may_not_take_the_archive_search_or_home_pages_addresses() {
    let fixture = Fixture::new();
    fixture.simple("archive/2024/index.md", "Chiếm lưu trữ", "2024-01-01");
    fixture.simple("page/2.md", "Chiếm trang 2", "2024-01-01");
    fixture.simple("search/index.md", "Chiếm trang tìm kiếm", "2024-01-01");
    let errors = located(&fixture.build_errors());
    let files: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
    assert!(
        files.iter().any(|f| f.ends_with("archive/2024/index.md")),
        "{errors:?}"
    );
    assert!(files.iter().any(|f| f.ends_with("page/2.md")), "{errors:?}");
    assert!(
        files.iter().any(|f| f.ends_with("search/index.md")),
        "{errors:?}"
    );
}

fn links_in(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect()
}

#[test]
fn an_article_ends_with_related_news_and_its_units_neighbours() {
    let fixture = Fixture::new();
    let article = |name: &str, date: &str, extra: &str| {
        fixture.article(
            &format!("tin/{name}.md"),
            &format!("title: Bài {name}\ndate: {date}\ncategory: hoat-dong\n{extra}"),
            "Nội dung.\n",
        );
    };
    article(
        "chinh",
        "2024-05-10",
        "districts: [xuyen-moc]\ntags: [lừa đảo]\nlaws: [\"Luật An ninh mạng 2018\"]\n",
    );
    article(
        "cung-luat",
        "2024-01-01",
        "districts: [con-dao]\nlaws: [\"Luật An ninh mạng 2018\"]\n",
    );
    article(
        "cung-the",
        "2024-06-01",
        "districts: [dat-do]\ntags: [Lừa đảo]\n",
    );
    article("cung-xa", "2024-05-20", "districts: [xuyen-moc]\n");
    article("cung-xa-cu", "2024-05-01", "districts: [xuyen-moc]\n");
    // Province-wide, nothing shared: in Xuyên Mộc's listing, not related.
    article("toan-tinh", "2024-05-15", "");
    article(
        "khac",
        "2024-05-12",
        "districts: [dat-do]\ntags: [giao thông]\n",
    );
    fixture.build();

    let page = fixture.html("tin/chinh/index.html");
    // Newest first, never the article itself, nothing unrelated.
    assert_eq!(
        links_in(&page, ".related a"),
        [
            "/tin/cung-the/",
            "/tin/cung-xa/",
            "/tin/cung-xa-cu/",
            "/tin/cung-luat/"
        ]
    );
    // Xuyên Mộc's listing: cung-xa (20/5), toan-tinh (15/5), chinh (10/5),
    // cung-xa-cu (1/5).
    assert_eq!(links_in(&page, ".neighbours .newer a"), ["/tin/toan-tinh/"]);
    assert_eq!(
        links_in(&page, ".neighbours .older a"),
        ["/tin/cung-xa-cu/"]
    );
    assert_eq!(
        links_in(&page, ".neighbours h2 a"),
        ["/districts/xuyen-moc/"]
    );

    // A province-wide article's neighbours are the whole site's.
    let wide = fixture.html("tin/toan-tinh/index.html");
    assert_eq!(links_in(&wide, ".neighbours .newer a"), ["/tin/cung-xa/"]);
    assert_eq!(links_in(&wide, ".neighbours .older a"), ["/tin/khac/"]);
    assert!(links_in(&wide, ".neighbours h2 a").is_empty());
    // The newest has no newer one.
    let newest = fixture.html("tin/cung-the/index.html");
    assert!(select(&newest, ".neighbours .newer").is_empty());
}

#[test]
fn at_most_five_related_articles_the_closest_first() {
    let fixture = Fixture::new();
    fixture.article(
        "tin/chinh.md",
        "title: Chính\ndate: 2024-05-10\ntags: [a, b]\n",
        "Nội dung.\n",
    );
    for day in 1..=9 {
        // Days 1 to 3 share both tags, the others one.
        let tags = if day <= 3 { "[a, b]" } else { "[a]" };
        fixture.article(
            &format!("tin/bai-{day}.md"),
            &format!("title: Bài {day}\ndate: 2024-06-0{day}\ntags: {tags}\n"),
            "Nội dung.\n",
        );
    }
    fixture.build();
    let page = fixture.html("tin/chinh/index.html");
    assert_eq!(
        links_in(&page, ".related a"),
        [
            "/tin/bai-9/",
            "/tin/bai-8/",
            "/tin/bai-3/",
            "/tin/bai-2/",
            "/tin/bai-1/"
        ]
    );
}

#[test]
fn the_units_page_groups_current_units_then_former_ones_with_their_successors() {
    let fixture = city();
    fixture.build();
    let page = fixture.html("districts/index.html");
    let sections: Vec<String> = select(&page, "section.units > h2")
        .iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(sections, ["Địa bàn hiện nay (169)", "Đơn vị hành chính cũ"]);
    let groups: Vec<String> = select(&page, ".unit-group h3")
        .iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(
        groups.contains(&"Thành phố Hồ Chí Minh: Phường (112)".to_string()),
        "{groups:?}"
    );
    assert!(
        groups.contains(&"Thành phố Hồ Chí Minh: Xã (55)".to_string()),
        "{groups:?}"
    );
    assert!(groups.contains(&"Huyện (5)".to_string()), "{groups:?}");

    // Sorted by name without the level, đ after d.
    let communes: Vec<String> = select(
        &page,
        "#nhom-3 ~ ul li > a:first-child, section[aria-labelledby=nhom-3] li > a:first-child",
    )
    .iter()
    .map(|a| a.text().collect::<String>())
    .collect();
    let position = |name: &str| {
        communes
            .iter()
            .position(|c| c == name)
            .unwrap_or(usize::MAX)
    };
    assert!(
        position("Xã Dầu Tiếng") < position("Xã Đất Đỏ"),
        "{communes:?}"
    );
    assert!(
        position("Xã Đất Đỏ") < position("Xã Hồ Tràm"),
        "{communes:?}"
    );

    // What the filter box matches: folded names, levels and former names.
    let search_of = |name: &str| -> String {
        select(&page, "li[data-search]")
            .iter()
            .find(|li| {
                li.select(&selector("a"))
                    .next()
                    .map(|a| a.text().collect::<String>())
                    == Some(name.to_string())
            })
            .and_then(|li| li.value().attr("data-search"))
            .unwrap_or_default()
            .to_string()
    };
    let ho_tram = search_of("Xã Hồ Tràm");
    for word in ["xa", "ho", "tram", "bong", "trang", "phuoc", "thuan"] {
        assert!(ho_tram.split(' ').any(|w| w == word), "{word} in {ho_tram}");
    }
    let dat_do = search_of("Huyện Đất Đỏ");
    // Its successor's name too, each word once: "long" of Long Đất.
    assert_eq!(dat_do, "huyen dat do long");

    // A former unit says what it became, linked.
    let former = select(&page, "section[aria-labelledby=dia-ban-cu] li")
        .into_iter()
        .find(|li| li.text().collect::<String>().starts_with("Xã Bông Trang"))
        .expect("Bông Trang is listed");
    let successors: Vec<&str> = former
        .select(&selector(".history a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(successors, ["/districts/xa-ho-tram/"]);
}

#[test]
fn a_current_unit_has_its_newest_articles_for_the_home_page_of_its_readers() {
    let fixture = city();
    fixture.build();
    let latest: serde_json::Value =
        serde_json::from_str(&fixture.read("districts/xa-ho-tram/latest.json")).expect("JSON");
    assert_eq!(latest["name"], "Xã Hồ Tràm");
    assert_eq!(latest["url"], "/districts/xa-ho-tram/");
    let titles: Vec<&str> = latest["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["title"].as_str())
        .collect();
    // Newest first, the city-wide warning included.
    assert_eq!(
        titles,
        [
            "Cảnh báo cuộc gọi giả danh Công an",
            "Cảnh báo lừa đảo đặt phòng ở Hồ Tràm",
            "Xã Hồ Tràm tuần tra bãi biển dịp hè",
            "Công an xã Hồ Tràm ra mắt"
        ]
    );
    // A former unit cannot be picked.
    assert!(!fixture.exists("districts/xa-bong-trang/latest.json"));
    let former = fixture.html("districts/xa-bong-trang/index.html");
    assert!(select(&former, "[data-my-unit]").is_empty());
    let current = fixture.html("districts/xa-ho-tram/index.html");
    assert_eq!(
        attr_of(&current, "[data-my-unit]", "data-key"),
        "xa-ho-tram"
    );
    // The home page of a city this size links to the list, not 168 names.
    let home = fixture.html("index.html");
    assert!(select(&home, "section[aria-labelledby=dia-ban] li").is_empty());
    assert!(text_of(&home, "section[aria-labelledby=dia-ban] a").contains("168"));
}

/// Decodes the numbers of a search file (as `search.js` does).
fn numbers(text: &str) -> Vec<u64> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u64, 0);
    for c in text.chars() {
        let digit = DIGITS.find(c).expect("a digit") as u64;
        value |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            out.push(value);
            value = 0;
            shift = 0;
        }
    }
    out
}

/// The documents of postings: gaps summed; each is followed by the bits of
/// its spellings when the word is written more than one way.
fn documents(postings: &str, bits: bool) -> Vec<u64> {
    let numbers = numbers(postings);
    let mut doc = 0;
    numbers
        .chunks(if bits { 2 } else { 1 })
        .enumerate()
        .map(|(i, posting)| {
            doc = if i == 0 { posting[0] } else { doc + posting[0] };
            doc
        })
        .collect()
}

#[test]
fn the_search_index_folds_vietnamese_and_numbers_articles_oldest_first() {
    let fixture = Fixture::new();
    fixture.article(
        "tin/dat-do.md",
        "title: Huyện Đất Đỏ ra quân\ndate: 2024-05-01\ndistricts: [dat-do]\ncategory: hoat-dong\n",
        "Tin của **Đất Đỏ**. Đặt lịch tiếp dân.\n",
    );
    fixture.article(
        "tin/lua-dao.md",
        "title: Cảnh báo lừa đảo\ndate: 2024-06-01\ncategory: canh-bao\n",
        "Kẻ gian giả danh để lừa đảo người dân &amp; doanh nghiệp.\n",
    );
    fixture.build();

    // Document 0 is the oldest; five documents to a file.
    let results: serde_json::Value =
        serde_json::from_str(&fixture.read("search/d/0.json")).expect("JSON");
    let newest = &results[1];
    assert_eq!(newest["url"], "/tin/lua-dao/");
    assert_eq!(newest["province_wide"], true);
    let oldest = &results[0];
    assert_eq!(oldest["title"], "Huyện Đất Đỏ ra quân");
    assert_eq!(oldest["units"][0], "Huyện Đất Đỏ");
    assert!(oldest["text"]
        .as_str()
        .unwrap_or_default()
        .starts_with("Tin của Đất Đỏ."));

    // `đ` folds to d: "dat" holds đất and đặt, in the title and the body.
    let dat = word_file(&fixture, "dat");
    let spellings: Vec<&str> = dat["v"]
        .as_array()
        .expect("spellings")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(spellings, ["đất", "đặt"]);
    assert_eq!(documents(dat["t"].as_str().unwrap_or_default(), true), [0]);
    assert_eq!(documents(dat["b"].as_str().unwrap_or_default(), true), [0]);
    // The article writes both spellings: bits 0 and 1.
    assert_eq!(numbers(dat["b"].as_str().unwrap_or_default())[1], 0b11);
    // One spelling: the postings are document gaps only.
    let lua = word_file(&fixture, "lua");
    assert_eq!(lua["v"], serde_json::json!(["lừa"]));
    assert_eq!(numbers(lua["t"].as_str().unwrap_or_default()), [1]);
    assert_eq!(numbers(lua["b"].as_str().unwrap_or_default()), [1]);
    // Entities are decoded, tags dropped: no word "amp" or "strong".
    assert!(word_file(&fixture, "amp").is_null());
    assert!(word_file(&fixture, "strong").is_null());

    // Filters: a unit's listing holds the province-wide article too.
    let filter = fixture.read("search/f/district-dat-do.json");
    let filter: String = serde_json::from_str(&filter).expect("JSON string");
    assert_eq!(documents_of_gaps(&filter), [0, 1]);
    let category: String =
        serde_json::from_str(&fixture.read("search/f/category-canh-bao.json")).expect("JSON");
    assert_eq!(documents_of_gaps(&category), [1]);

    // The search page: a form that works without scripts, and every page's
    // header submits there.
    let page = fixture.html("search/index.html");
    assert_eq!(attr_of(&page, "form[role=search]", "action"), "/search/");
    assert!(!select(&page, "noscript").is_empty());
    let home = fixture.html("index.html");
    assert_eq!(
        attr_of(&home, "header form[role=search]", "action"),
        "/search/"
    );
    assert_eq!(
        attr_of(&home, "header form[role=search] input", "name"),
        "q"
    );
}

/// A word's entry: its own file, or the file rarer words share by the
/// first two letters of their name (as `search.js` looks it up).
fn word_file(fixture: &Fixture, word: &str) -> serde_json::Value {
    if fixture.exists(&format!("search/t/{word}.json")) {
        return serde_json::from_str(&fixture.read(&format!("search/t/{word}.json")))
            .expect("JSON");
    }
    let shard = format!("search/t/__{}.json", &word[..2]);
    if !fixture.exists(&shard) {
        return serde_json::Value::Null;
    }
    let shared: serde_json::Value = serde_json::from_str(&fixture.read(&shard)).expect("JSON");
    shared[word].clone()
}

/// The documents of a filter: gaps only.
fn documents_of_gaps(text: &str) -> Vec<u64> {
    let mut doc = 0;
    numbers(text)
        .into_iter()
        .enumerate()
        .map(|(i, gap)| {
            doc = if i == 0 { gap } else { doc + gap };
            doc
        })
        .collect()
}

#[test]
fn a_common_word_has_a_file_of_its_own_and_a_rare_one_shares_one() {
    let fixture = Fixture::new();
    for n in 0..50 {
        fixture.simple(
            &format!("tin/bai-{n}.md"),
            &format!("An ninh số {n}"),
            "2024-05-01",
        );
    }
    fixture.simple("tin/hiem.md", "Từ hiếm gặp", "2024-05-02");
    fixture.build();
    let common = word_file(&fixture, "ninh");
    assert!(fixture.exists("search/t/ninh.json"));
    assert_eq!(
        documents(common["t"].as_str().unwrap_or_default(), false).len(),
        50
    );
    assert!(!fixture.exists("search/t/hiem.json"));
    let rare = word_file(&fixture, "hiem");
    assert_eq!(
        documents(rare["t"].as_str().unwrap_or_default(), false),
        [50]
    );
}

#[test]
fn a_site_without_search_writes_no_index_and_no_search_box() {
    let with_search = Fixture::new();
    let without_search = Fixture::with_config("search = false\n");
    for fixture in [&with_search, &without_search] {
        fixture.simple("tin/an-ninh.md", "An ninh trật tự", "2024-05-01");
        fixture.build();
    }
    assert!(with_search.exists("search/index.html"));
    assert_eq!(
        select(&with_search.html("index.html"), "form[role=search]").len(),
        1
    );

    let paths = all_paths(&without_search.out());
    let searched: Vec<_> = paths
        .iter()
        .filter(|p| p.starts_with(without_search.out().join("search")))
        .collect();
    assert!(searched.is_empty(), "{searched:?}");
    for page in ["index.html", "tin/an-ninh/index.html", "archive/index.html"] {
        let html = without_search.html(page);
        assert!(select(&html, "form[role=search]").is_empty(), "{page}");
    }
    // The rest of the site is the same.
    assert!(without_search.exists("tin/an-ninh/index.html"));
    assert!(without_search.exists("districts/index.html"));
}
