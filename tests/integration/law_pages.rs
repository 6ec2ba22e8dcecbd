//! What residents see of the register of legal documents (issue 16): a
//! document's page with its card and schema.org data, the notice above
//! articles citing a document no longer or not yet in force (on the page
//! and in feeds), and `/laws/` grouped by form.

use crate::support::*;
use chrono::TimeZone;

const GOOD: &str = include_str!("../fixtures/laws-good.toml");

/// The register of [`GOOD`] with its file; `old.md` (2022) explains the
/// 2014 law, `new.md` the 2023 one.
fn site() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("laws.toml", GOOD);
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.article(
        "huong-dan/old.md",
        "title: \"Làm căn cước công dân gắn chip\"\ndate: 2022-03-01\ncategory: hoat-dong\nlaws: [\"59/2014/QH13\"]\n",
        "Thân bài cũ.\n",
    );
    fixture.article(
        "huong-dan/new.md",
        "title: \"Cấp thẻ căn cước mới\"\ndate: 2024-05-02\ncategory: hoat-dong\nlaws: [luat-can-cuoc-2023]\n",
        "Thân bài mới.\n",
    );
    fixture
}

/// Options of a build on `day` (midnight UTC).
fn on(fixture: &Fixture, year: i32, month: u32, day: u32) -> loa::BuildOptions {
    loa::BuildOptions {
        now: chrono::Utc
            .with_ymd_and_hms(year, month, day, 0, 0, 0)
            .unwrap(),
        ..fixture.options()
    }
}

/// The hrefs inside the first element matching `css`.
fn hrefs_in(html: &scraper::Html, css: &str) -> Vec<String> {
    select(html, &format!("{css} a"))
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_article_citing_an_expired_law_says_so_above_its_body_with_the_replacement_linked() {
    let fixture = site();
    fixture.build();
    let page = fixture.html("huong-dan/old/index.html");
    let notice = text_of(&page, "article aside.law-notice");
    assert!(
        notice.contains("Luật Căn cước công dân (59/2014/QH13)"),
        "{notice}"
    );
    assert!(
        notice.contains("hết hiệu lực từ ngày 01/07/2024"),
        "{notice}"
    );
    assert!(notice.contains("Luật Căn cước (26/2023/QH15)"), "{notice}");
    assert_eq!(
        hrefs_in(&page, "aside.law-notice"),
        [
            "/laws/luat-can-cuoc-cong-dan-2014/",
            "/laws/luat-can-cuoc-2023/"
        ]
    );
    // Above the body: a resident reads it before the old rules.
    let order: Vec<String> = select(&page, "article aside.law-notice, article div.content")
        .iter()
        .map(|e| e.value().name().to_string())
        .collect();
    assert_eq!(order, ["aside", "div"]);
    // An article citing a law in force has none.
    assert!(select(
        &fixture.html("huong-dan/new/index.html"),
        "aside.law-notice"
    )
    .is_empty());
}

#[test]
fn status_follows_the_day_of_the_build() {
    let fixture = site();
    fixture.build_with(&on(&fixture, 2024, 6, 30));
    // The day before: the old law applies, the new one not yet.
    assert!(select(
        &fixture.html("huong-dan/old/index.html"),
        "aside.law-notice"
    )
    .is_empty());
    let notice = text_of(
        &fixture.html("huong-dan/new/index.html"),
        "aside.law-notice",
    );
    assert!(
        notice.contains("có hiệu lực từ ngày 01/07/2024"),
        "{notice}"
    );
    let card = fixture.html("laws/luat-can-cuoc-2023/index.html");
    assert_eq!(
        text_of(&card, ".law-card .law-status"),
        "Chưa có hiệu lực (áp dụng từ ngày 01/07/2024)"
    );
    assert_eq!(
        text_of(
            &fixture.html("laws/luat-can-cuoc-cong-dan-2014/index.html"),
            ".law-status"
        ),
        "Còn hiệu lực"
    );

    // On the day itself the new law applies and the old one no longer.
    fixture.build_with(&on(&fixture, 2024, 7, 1));
    assert!(select(
        &fixture.html("huong-dan/new/index.html"),
        "aside.law-notice"
    )
    .is_empty());
    assert_eq!(
        text_of(
            &fixture.html("laws/luat-can-cuoc-2023/index.html"),
            ".law-status"
        ),
        "Còn hiệu lực"
    );
    assert_eq!(
        text_of(
            &fixture.html("laws/luat-can-cuoc-cong-dan-2014/index.html"),
            ".law-status"
        ),
        "Hết hiệu lực từ ngày 01/07/2024"
    );
    assert!(!select(
        &fixture.html("huong-dan/old/index.html"),
        "aside.law-notice"
    )
    .is_empty());
}

#[test]
fn the_notice_goes_into_the_articles_feed_items_with_absolute_links() {
    let fixture = site();
    fixture.build();
    let origin = "https://congan.example.gov.vn";
    for path in ["rss.xml", "atom.xml", "feed.json"] {
        let feed = fixture.feed(path);
        let item = feed
            .entries
            .iter()
            .find(|e| {
                e.title
                    .as_ref()
                    .is_some_and(|t| t.content.contains("gắn chip"))
            })
            .unwrap_or_else(|| panic!("{path}: no item of the old article"));
        let content = item
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| item.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let notice = content
            .find("hết hiệu lực")
            .unwrap_or_else(|| panic!("{path}: {content}"));
        assert!(
            notice < content.find("Thân bài cũ").unwrap(),
            "{path}: {content}"
        );
        assert!(
            content.contains(&format!("href=\"{origin}/laws/luat-can-cuoc-2023/\"")),
            "{path}: {content}"
        );
        let new = feed
            .entries
            .iter()
            .find(|e| {
                e.title
                    .as_ref()
                    .is_some_and(|t| t.content.contains("Cấp thẻ"))
            })
            .unwrap();
        let body = new
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .unwrap_or_default();
        assert!(!body.contains("hiệu lực"), "{path}: {body}");
    }
}

#[test]
fn a_documents_page_shows_its_card_its_file_and_the_articles_that_explain_it() {
    let fixture = site();
    fixture.build();
    let page = fixture.html("laws/luat-can-cuoc-2023/index.html");
    let terms: Vec<String> = select(&page, ".law-card dt")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    let values: Vec<String> = select(&page, ".law-card dd")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    let card: Vec<(&str, &str)> = terms
        .iter()
        .map(String::as_str)
        .zip(values.iter().map(String::as_str))
        .collect();
    assert_eq!(
        card,
        [
            ("Tình trạng", "Còn hiệu lực"),
            ("Loại văn bản", "Luật"),
            ("Số hiệu", "26/2023/QH15"),
            ("Cơ quan ban hành", "Quốc hội"),
            ("Ngày ban hành", "27/11/2023"),
            ("Ngày có hiệu lực", "01/07/2024"),
            ("Thay thế", "Luật Căn cước công dân (59/2014/QH13)"),
        ]
    );
    assert_eq!(
        hrefs_in(&page, ".law-links"),
        ["https://vbpl.vn/26-2023-QH15", "/van-ban/26-2023-QH15.pdf"]
    );
    assert!(fixture.exists("van-ban/26-2023-QH15.pdf"));
    assert_eq!(card_titles(&page), ["Cấp thẻ căn cước mới"]);
    assert_eq!(
        attr_of(&page, "meta[name=description]", "content"),
        "Quy định về căn cước"
    );
    let old = fixture.html("laws/luat-can-cuoc-cong-dan-2014/index.html");
    assert_eq!(
        hrefs_in(&old, ".law-card dd"),
        ["/laws/luat-can-cuoc-2023/"]
    );
    let expires: Vec<String> = select(&old, ".law-card dt")
        .iter()
        .zip(select(&old, ".law-card dd"))
        .filter(|(dt, _)| dt.text().collect::<String>() == "Ngày hết hiệu lực")
        .map(|(_, dd)| dd.text().collect())
        .collect();
    assert_eq!(expires, ["01/07/2024"]);
}

#[test]
fn a_documents_page_carries_valid_legislation_json_ld() {
    let fixture = site();
    fixture.build();
    let ld = |path: &str| -> serde_json::Value {
        let page = fixture.html(path);
        let text = text_of(&page, "script[type='application/ld+json']");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
    };
    let new = ld("laws/luat-can-cuoc-2023/index.html");
    assert_eq!(new["@context"], "https://schema.org");
    assert_eq!(new["@type"], "Legislation");
    assert_eq!(new["name"], "Luật Căn cước");
    assert_eq!(new["legislationIdentifier"], "26/2023/QH15");
    assert_eq!(new["legislationType"], "Luật");
    assert_eq!(new["legislationDate"], "2023-11-27");
    assert_eq!(new["legislationDateOfApplicability"], "2024-07-01");
    assert_eq!(new["legislationPassedBy"]["name"], "Quốc hội");
    assert_eq!(new["legislationLegalForce"], "https://schema.org/InForce");
    assert_eq!(
        new["url"],
        "https://congan.example.gov.vn/laws/luat-can-cuoc-2023/"
    );
    assert_eq!(
        new["encoding"]["contentUrl"],
        "https://congan.example.gov.vn/van-ban/26-2023-QH15.pdf"
    );
    assert_eq!(new["encoding"]["encodingFormat"], "application/pdf");
    assert_eq!(
        new["legislationChanges"][0]["legislationIdentifier"],
        "59/2014/QH13"
    );
    let old = ld("laws/luat-can-cuoc-cong-dan-2014/index.html");
    assert_eq!(
        old["legislationLegalForce"],
        "https://schema.org/NotInForce"
    );
    assert_eq!(old["expires"], "2024-07-01");
}

#[test]
fn hostile_text_in_laws_toml_is_escaped_on_every_page() {
    let fixture = Fixture::new();
    fixture.write(
        "laws.toml",
        GOOD.replace(
            "title = \"Luật Căn cước\"",
            "title = \"Luật <b>x</b> </script><script>alert(1)</script>\"",
        )
        .replace(
            "summary = \"Quy định về căn cước\"",
            "summary = \"a & \\\"b\\\" <i>c</i>\"",
        ),
    );
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    fixture.article(
        "huong-dan/old.md",
        "title: \"Cũ\"\ndate: 2022-03-01\nlaws: [\"59/2014/QH13\"]\n",
        "Cũ.\n",
    );
    fixture.build();
    for path in [
        "laws/luat-can-cuoc-2023/index.html",
        "laws/luat-can-cuoc-cong-dan-2014/index.html",
        "laws/index.html",
        "huong-dan/old/index.html",
    ] {
        let html = fixture.read(path);
        assert!(!html.contains("<b>x</b>"), "{path}");
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<i>c</i>"), "{path}");
    }
    let page = fixture.html("laws/luat-can-cuoc-2023/index.html");
    let ld: serde_json::Value =
        serde_json::from_str(&text_of(&page, "script[type='application/ld+json']")).unwrap();
    assert_eq!(
        ld["name"],
        "Luật <b>x</b> </script><script>alert(1)</script>"
    );
    assert_eq!(ld["abstract"], "a & \"b\" <i>c</i>");
}

#[test]
fn the_register_page_groups_documents_by_form_newest_first_with_status_and_a_filter() {
    let fixture = site();
    fixture.write(
        "laws.toml",
        format!(
            "{GOOD}\n[[laws]]\nkey = \"nghi-dinh-168-2024\"\nnumber = \"168/2024/NĐ-CP\"\n\
             title = \"Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ\"\n\
             type = \"Nghị định\"\nissuer = \"Chính phủ\"\nissued = 2024-12-26\neffective = 2025-01-01\n"
        ),
    );
    fixture.build();
    let page = fixture.html("laws/index.html");
    let headings: Vec<String> = select(&page, "main section h2")
        .iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(headings, ["Luật (2)", "Nghị định (1)"]);
    let names: Vec<String> = select(&page, "main li[data-search] > a:first-child")
        .iter()
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(
        names,
        [
            "Luật Căn cước",
            "Luật Căn cước công dân",
            "Nghị định 168/2024/NĐ-CP"
        ]
    );
    let statuses: Vec<String> = select(&page, "main li .law-status")
        .iter()
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(
        statuses,
        [
            "Còn hiệu lực",
            "Hết hiệu lực từ ngày 01/07/2024",
            "Còn hiệu lực"
        ]
    );
    let numbers: Vec<String> = select(&page, "main li .law-number")
        .iter()
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(numbers, ["26/2023/QH15", "59/2014/QH13"]);
    // The filter box matches folded words: `can cuoc` and `168 2024`.
    let search: Vec<&str> = select(&page, "main li[data-search]")
        .iter()
        .filter_map(|li| li.value().attr("data-search"))
        .collect();
    assert!(
        search[0].contains("luat can cuoc") && search[0].contains("26 2023 qh15"),
        "{search:?}"
    );
    assert!(search[2].contains("168 2024 nd cp"), "{search:?}");
    assert!(!select(&page, "[data-unit-filter][hidden] input[type=search]").is_empty());
    // The sitemap carries every document's page, cited or not.
    let sitemap = fixture.read("sitemap.xml");
    for key in [
        "luat-can-cuoc-2023",
        "luat-can-cuoc-cong-dan-2014",
        "nghi-dinh-168-2024",
    ] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://congan.example.gov.vn/laws/{key}/</loc>"
            )),
            "{key}"
        );
    }
}
