//! Templates: a site's own templates win over the theme's, and nothing from
//! front matter reaches a page or a feed unescaped.

use crate::support::pictures::{drawing, shown_file};
use crate::support::*;
use scraper::Html;

#[test]
fn a_site_template_overrides_the_theme() {
    let fixture = Fixture::new();
    fixture.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}<article id=\"mau-rieng\"><h1>{{ article.title }}</h1>{{ article.content | safe }}</article>{% endblock content %}\n",
    );
    fixture.simple("hoat-dong/a.md", "Bài A", "2021-10-19");
    fixture.build();

    let page = fixture.html("hoat-dong/a/index.html");
    assert_eq!(text_of(&page, "main article#mau-rieng h1"), "Bài A");
    assert_eq!(
        text_of(&page, "main article#mau-rieng p"),
        "Nội dung của bài Bài A."
    );
    // Only this template is replaced: the theme's article markup is gone,
    // its base layout and other templates still apply.
    assert!(select(&page, "main article.article").is_empty());
    assert_eq!(attr_of(&page, "html", "lang"), "vi");
    assert!(!select(&page, "link[rel=stylesheet]").is_empty());
    let listing = fixture.html("categories/hoat-dong/index.html");
    assert!(select(&listing, "#mau-rieng").is_empty());
    assert_eq!(card_titles(&listing), ["Bài A"]);
    // The theme on disk is untouched.
    let theme =
        std::fs::read_to_string(fixture.root().join("themes/default/templates/article.html"))
            .unwrap();
    assert!(!theme.contains("mau-rieng"));
}

const TITLE: &str = r#"Cảnh báo <script>alert("x")</script> & "lừa đảo""#;
const SUMMARY: &str = r#"Tóm tắt <img src=x onerror=alert(1)> "trích" <script>bad()</script>"#;
const AUTHOR: &str = r#"<b>"BBT"</b> & <script>x()</script>"#;
const TAG: &str = "<i>thẻ</i>";

fn hostile_fixture() -> Fixture {
    let fixture = Fixture::new();
    // Single-quoted YAML: every character is taken as written.
    fixture.article(
        "hoat-dong/nguy-hiem.md",
        &format!(
            "title: '{TITLE}'\ndate: 2021-10-19\ncategory: hoat-dong\nsummary: '{SUMMARY}'\nauthor: '{AUTHOR}'\ntags: ['{TAG}']\nimage_alt: '{TITLE}'\n"
        ),
        "Nội dung bình thường.\n",
    );
    fixture.build();
    fixture
}

/// No element a browser would run or a reader would show as markup.
fn assert_no_injected_elements(html: &Html, where_: &str) {
    // The theme's own scripts are files of the site, never inline.
    let injected_script =
        "script:not([src^='/units.js?']):not([src^='/subscribe.js?']):not([src^='/share.js?'])";
    for css in [injected_script, "img[onerror]", "main b", "main i"] {
        assert!(select(html, css).is_empty(), "{where_}: {css}");
    }
}

#[test]
fn front_matter_is_escaped_in_html_pages() {
    let fixture = hostile_fixture();
    let site_title = "Công an tỉnh Thử nghiệm";

    let page = fixture.html("hoat-dong/nguy-hiem/index.html");
    assert_no_injected_elements(&page, "article page");
    assert_eq!(text_of(&page, "main h1"), TITLE);
    assert_eq!(text_of(&page, "title"), format!("{TITLE} | {site_title}"));
    assert_eq!(
        attr_of(&page, "meta[property='og:title']", "content"),
        format!("{TITLE} | {site_title}")
    );
    assert_eq!(attr_of(&page, "meta[name=description]", "content"), SUMMARY);
    assert_eq!(
        attr_of(&page, "meta[property='og:description']", "content"),
        SUMMARY
    );
    assert!(text_of(&page, "main").contains(AUTHOR));
    let tag_names: Vec<String> = select(&page, "main a[href='/tags/i-the-i/']")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(tag_names, [TAG]);

    for listing in [
        "index.html",
        "categories/hoat-dong/index.html",
        "tags/i-the-i/index.html",
    ] {
        let html = fixture.html(listing);
        assert_no_injected_elements(&html, listing);
        assert_eq!(card_titles(&html), [TITLE], "{listing}");
        let summaries: Vec<String> = select(&html, "main article.card p:not(.meta)")
            .iter()
            .map(|p| p.text().collect())
            .collect();
        assert_eq!(summaries, [SUMMARY], "{listing}");
    }
    let tag_listing = fixture.html("tags/i-the-i/index.html");
    assert!(text_of(&tag_listing, "main h1").contains(TAG));
}

#[test]
fn front_matter_is_escaped_in_feeds() {
    let fixture = hostile_fixture();
    for path in [
        "rss.xml",
        "categories/hoat-dong/rss.xml",
        "tags/i-the-i/rss.xml",
    ] {
        let text = fixture.read(path);
        // Well-formed XML whose decoded values are the raw strings.
        let doc = xml(&text);
        let item = doc.descendants().find(|n| n.has_tag_name("item")).unwrap();
        let child = |name: &str| {
            item.children()
                .find(|c| c.tag_name().name() == name)
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(child("title"), TITLE, "{path}");
        assert_eq!(child("creator"), AUTHOR, "{path}");

        let feed = fixture.feed(path);
        let entry = &feed.entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, TITLE, "{path}");
        // `description` is HTML to a feed reader: the summary must show as
        // text there, not as elements.
        let description = Html::parse_fragment(&entry.summary.as_ref().unwrap().content);
        assert!(select(&description, "script").is_empty(), "{path}");
        assert!(select(&description, "img").is_empty(), "{path}");
        assert_eq!(
            description.root_element().text().collect::<String>(),
            SUMMARY,
            "{path}"
        );
        let categories: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        assert!(categories.contains(&TAG), "{path}: {categories:?}");
    }
}

#[test]
fn the_front_matter_image_is_shown_once() {
    let fixture = Fixture::new();
    fixture.write("content/tin/anh.png", drawing(1200, 630));
    fixture.article(
        "tin/trong-bai.md",
        "title: Ảnh trong bài\ndate: 2021-10-19\nimage: anh.png\nimage_alt: Ảnh\n",
        "![Ảnh](anh.png \"Chú thích\")\n",
    );
    fixture.article(
        "tin/dau-bai.md",
        "title: Ảnh đầu bài\ndate: 2021-10-19\nimage: anh.png\nimage_alt: Ảnh\n",
        "Chỉ có chữ.\n",
    );
    fixture.build();
    let shown = shown_file(&fixture.out(), "tin/anh.png");
    let images = |page: &str| {
        let html = fixture.html(page);
        let selector = scraper::Selector::parse(&format!("main img[src='/{shown}']")).unwrap();
        html.select(&selector).count()
    };
    assert_eq!(
        images("tin/trong-bai/index.html"),
        1,
        "the body's figure only"
    );
    assert_eq!(images("tin/dau-bai/index.html"), 1, "the lead image");
}

#[test]
fn cards_never_show_what_only_the_article_page_has() {
    let fixture = Fixture::new();
    // Summaries are lent to each page and given back: an article page adds
    // its body and reading time, and must take them away again.
    fixture.write(
        "templates/partials/article-card.html",
        "<p class=\"card\">{{ a.title }}{% if a.content is defined or a.reading_minutes is defined or a.has_code is defined or a.image_in_body is defined %} LEAKED{% endif %}</p>\n",
    );
    for name in ["a", "b", "c"] {
        fixture.simple(
            &format!("hoat-dong/{name}.md"),
            &format!("Bài {name}"),
            "2021-10-19",
        );
    }
    // One thread renders the jobs in order: every article page before the
    // listings that show its card.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(|| fixture.build());

    for listing in ["index.html", "categories/hoat-dong/index.html"] {
        let page = fixture.html(listing);
        let cards: Vec<String> = select(&page, "p.card")
            .iter()
            .map(|card| card.text().collect())
            .collect();
        assert_eq!(cards.len(), 3, "{listing}");
        for card in cards {
            assert!(!card.contains("LEAKED"), "{listing}: {card}");
        }
    }
}

#[test]
fn every_article_has_a_share_row_of_plain_links_and_escaped_data() {
    let fixture = Fixture::new();
    let title = "Cảnh báo \"lừa đảo\" <script>alert(1)</script> & mạo danh";
    fixture.article(
        "tin/chia-se.md",
        &format!("title: '{title}'\ndate: 2024-05-01\ncategory: hoat-dong\n"),
        "Nội dung.\n",
    );
    fixture.build();
    let html = fixture.html("tin/chia-se/index.html");
    let permalink = format!("{BASE}/tin/chia-se/");
    assert_eq!(attr_of(&html, "[data-share]", "data-url"), permalink);
    assert_eq!(attr_of(&html, "[data-share]", "data-title"), title);
    let facebook = attr_of(&html, ".share a", "href");
    assert_eq!(
        facebook,
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcongan%2Eexample%2Egov%2Evn%2Ftin%2Fchia%2Dse%2F"
    );
    // The buttons wait for share.js, which is the site's own.
    assert_eq!(select(&html, ".share li[hidden]").len(), 2);
    assert_eq!(
        attr_of(&html, "script[src*=share]", "src")
            .split('?')
            .next(),
        Some("/share.js")
    );
    assert!(fixture.exists("share.js"));
    // Only the injected text is in the page, never a script of it.
    assert!(!fixture
        .read("tin/chia-se/index.html")
        .contains("<script>alert"));
}
