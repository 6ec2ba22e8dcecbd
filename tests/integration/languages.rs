//! The page's language: the theme's words, `<html lang>`, `og:locale` and
//! the feeds' language follow it.

use crate::support::pictures::{drawing, shown_file};
use crate::support::*;

/// An English site whose own words are all ASCII: any letter of
/// Vietnamese in its output is loa's or the theme's.
const ENGLISH_SITE: &str = r#"title = "Test Province Police"
description = "A test site"
base_url = "https://police.example.org"
language = "en"
timezone = "+07:00"
per_page = 1

[[districts]]
key = "province"
name = "Test Province"

[[districts]]
key = "old-town"
name = "Old Town"
parent = "province"
valid_to = 2025-07-01
merged_into = ["new-town"]

[[districts]]
key = "new-town"
name = "New Town"
parent = "province"
valid_from = 2025-07-01

[[districts]]
key = "gone"
name = "Gone Ward"
parent = "province"
valid_to = 2025-07-01

[[categories]]
key = "warnings"
name = "Warnings"
"#;

fn is_vietnamese_letter(c: char) -> bool {
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        .contains(c.to_lowercase().next().unwrap_or(c))
}

#[test]
fn an_english_site_shows_no_vietnamese_interface_text() {
    let fixture = Fixture::with_site_toml(ENGLISH_SITE);
    fixture.article(
        "warnings/fake-calls.md",
        "title: Fake calls\ndate: 2025-06-01\ndistricts: [old-town]\ncategory: warnings\n\
         tags: [scam]\nlaws: [Penal Code]\nauthor: Desk\nupdated: 2025-06-02\naliases: [old/1.html]\n",
        "Do not pay.\n\n- [x] hang up\n- [ ] pay\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    fixture.article(
        "warnings/fake-links.md",
        "title: Fake links\ndate: 2025-08-01\ncategory: warnings\ndraft: true\n",
        "Do not click.",
    );
    fixture.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nWe are here.\n",
    );
    let mut options = fixture.options();
    options.drafts = true;
    fixture.build_with(&options);
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(fixture.out()) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".html")
            || name.ends_with(".xml")
            || name.ends_with(".json")
            || name.ends_with(".opml"))
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let found: String = text.chars().filter(|&c| is_vietnamese_letter(c)).collect();
        assert!(
            found.is_empty(),
            "{}: Vietnamese letters {found:?}",
            entry.path().display()
        );
        checked += 1;
    }
    assert!(checked > 30, "{checked} files");
    let article = fixture.html("warnings/fake-calls/index.html");
    assert_eq!(attr_of(&article, "html", "lang"), "en");
    assert_eq!(
        attr_of(&article, "meta[property='og:locale']", "content"),
        "en_GB"
    );
    assert!(
        text_of(&article, ".meta").contains("1 June 2025"),
        "{}",
        text_of(&article, ".meta")
    );
    assert!(text_of(&article, ".meta").contains("min read"));
    let rss = fixture.read("rss.xml");
    assert!(rss.contains("<language>en</language>"), "{rss}");
}

#[test]
fn a_vietnamese_site_reads_its_words_from_the_theme_and_a_site_may_change_them() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "Bài A", "2025-06-01");
    fixture.build();
    let home = fixture.html("index.html");
    assert_eq!(attr_of(&home, "html", "lang"), "vi");
    assert_eq!(
        attr_of(&home, "meta[property='og:locale']", "content"),
        "vi_VN"
    );
    assert_eq!(text_of(&home, "#tin-moi"), "Tin mới nhất");
    // One word replaced; the others stay the theme's.
    fixture.write("i18n/vi.toml", "latest = \"Tin nóng\"\n");
    fixture.build();
    let home = fixture.html("index.html");
    assert_eq!(text_of(&home, "#tin-moi"), "Tin nóng");
    assert!(text_of(&home, ".skip").starts_with("Bỏ qua"));
}

#[test]
fn a_broken_translation_file_is_an_error_at_its_line() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "Bài A", "2025-06-01");
    fixture.write("i18n/vi.toml", "home = \"Trang đầu\"\nlatest = \n");
    let errors = fixture.build_errors();
    assert!(
        errors
            .iter()
            .any(|d| d.path.ends_with("i18n/vi.toml") && d.line == 2),
        "{errors:?}"
    );
}

/// A site in Vietnamese with English as a second language.
fn bilingual(extra_language_keys: &str) -> Fixture {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}\n[languages.en]\ntitle = \"Test Provincial Police\"\n\
         description = \"The test site\"\n{extra_language_keys}\n\
         [[districts]]\nkey = \"xuyen-moc\"\nname = \"Xã Xuyên Mộc\"\nnames = {{ en = \"Xuyen Moc Commune\" }}\n\n\
         [[categories]]\nkey = \"canh-bao\"\nname = \"Cảnh báo\"\nnames.en = \"Warnings\"\n"
    ));
    fixture.article(
        "canh-bao/goi-dien.md",
        "title: Cuộc gọi giả danh\ndate: 2025-06-01\ndistricts: [xuyen-moc]\ncategory: canh-bao\n",
        "Đừng chuyển tiền.",
    );
    fixture.article(
        "canh-bao/tin-nhan.md",
        "title: Tin nhắn lừa đảo\ndate: 2025-06-02\ncategory: canh-bao\n",
        "Đừng bấm liên kết.",
    );
    fixture.article(
        "en/canh-bao/goi-dien.md",
        "title: Fake police calls\ndate: 2025-06-01\ndistricts: [xuyen-moc]\ncategory: canh-bao\n",
        "Never transfer money.",
    );
    fixture.write(
        "content/pages/lien-he.md",
        "---\ntitle: Liên hệ\n---\nGọi 113.\n",
    );
    fixture.write(
        "content/en/pages/lien-he.md",
        "---\ntitle: Contact\n---\nCall 113.\n",
    );
    fixture
}

/// `hreflang` → `href` of a page's alternate links.
fn hreflangs(html: &scraper::Html) -> Vec<(String, String)> {
    select(html, "link[rel=alternate][hreflang]")
        .iter()
        .map(|l| {
            let attr = |name| l.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

#[test]
fn a_translation_is_published_under_its_language_and_both_versions_link_each_other() {
    let fixture = bilingual("");
    fixture.build();
    let vi = fixture.html("canh-bao/goi-dien/index.html");
    let en = fixture.html("en/canh-bao/goi-dien/index.html");
    assert_eq!(attr_of(&en, "html", "lang"), "en");
    assert_eq!(
        attr_of(&en, "meta[property='og:locale']", "content"),
        "en_GB"
    );
    let expected = vec![
        ("vi".to_string(), format!("{BASE}/canh-bao/goi-dien/")),
        ("en".to_string(), format!("{BASE}/en/canh-bao/goi-dien/")),
        (
            "x-default".to_string(),
            format!("{BASE}/canh-bao/goi-dien/"),
        ),
    ];
    assert_eq!(hreflangs(&vi), expected, "from the Vietnamese page");
    assert_eq!(
        hreflangs(&en),
        expected,
        "the same set from the English page"
    );
    // The visible switcher names each language in itself.
    assert_eq!(
        attr_of(&vi, ".languages a[hreflang=en]", "href"),
        "/en/canh-bao/goi-dien/"
    );
    assert_eq!(text_of(&vi, ".languages a[hreflang=en]"), "English");
    assert_eq!(
        attr_of(&en, ".languages a[hreflang=vi]", "href"),
        "/canh-bao/goi-dien/"
    );
    assert_eq!(text_of(&en, ".languages a[hreflang=vi]"), "Tiếng Việt");
    // Unit and category names in the page's language.
    assert!(
        text_of(&en, ".meta").contains("Xuyen Moc Commune"),
        "{}",
        text_of(&en, ".meta")
    );
    assert!(text_of(&en, ".meta").contains("Warnings"));
    // Static files stay at the root for both.
    assert_eq!(attr_of(&en, "link[rel=icon]", "href"), "/favicon.svg");
    // The footer links the contact page of the page's own language.
    assert!(select(&en, ".site-footer a")
        .iter()
        .any(|a| a.value().attr("href") == Some("/en/pages/lien-he/")));
}

#[test]
fn an_untranslated_page_offers_the_languages_home_instead_of_a_dead_link() {
    let fixture = bilingual("");
    fixture.build();
    let vi = fixture.html("canh-bao/tin-nhan/index.html");
    assert_eq!(attr_of(&vi, ".languages a[hreflang=en]", "href"), "/en/");
    assert_eq!(text_of(&vi, ".languages .home-of"), "(trang chủ)");
    let langs: Vec<String> = hreflangs(&vi).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        langs,
        ["vi", "x-default"],
        "no hreflang for a version that does not exist"
    );
    assert!(!fixture.exists("en/canh-bao/tin-nhan/index.html"));
}

#[test]
fn each_language_has_its_own_listings_feeds_subscribe_page_and_opml() {
    let fixture = bilingual("");
    fixture.build();
    for path in [
        "en/index.html",
        "en/districts/index.html",
        "en/districts/xuyen-moc/index.html",
        "en/categories/canh-bao/index.html",
        "en/tags/index.html",
        "en/laws/index.html",
        "en/subscribe/index.html",
        "en/feeds.opml",
        "en/sitemap.xml",
        "en/rss.xml",
        "en/atom.xml",
        "en/feed.json",
        "en/categories/canh-bao/rss.xml",
        "en/categories/canh-bao/atom.xml",
        "en/categories/canh-bao/feed.json",
    ] {
        assert!(fixture.exists(path), "{path}");
    }
    // An English feed never carries a Vietnamese item, in any format.
    for dir in ["en/", "en/categories/canh-bao/", "en/districts/xuyen-moc/"] {
        for file in ["rss.xml", "atom.xml", "feed.json"] {
            let feed = fixture.feed(&format!("{dir}{file}"));
            assert_eq!(item_titles(&feed), ["Fake police calls"], "{dir}{file}");
        }
    }
    let vi_feed = fixture.feed("categories/canh-bao/rss.xml");
    assert_eq!(
        item_titles(&vi_feed),
        ["Tin nhắn lừa đảo", "Cuộc gọi giả danh"]
    );
    let rss = fixture.read("en/rss.xml");
    assert!(rss.contains("<language>en</language>"));
    let opml = fixture.read("en/feeds.opml");
    assert!(
        opml.contains(&format!("{BASE}/en/categories/canh-bao/rss.xml")),
        "{opml}"
    );
    let subscribe = fixture.html("en/subscribe/index.html");
    assert_eq!(text_of(&subscribe, "h1"), "Subscribe");
    // robots.txt names every language's sitemap; the sitemap the versions.
    let robots = fixture.read("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}/en/sitemap.xml")),
        "{robots}"
    );
    let sitemap = fixture.read("sitemap.xml");
    let doc = xml(&sitemap);
    let alternates: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "url")
        .filter(|n| {
            n.descendants()
                .any(|c| c.text() == Some(&format!("{BASE}/canh-bao/goi-dien/")))
        })
        .flat_map(|n| {
            n.children()
                .filter(|c| c.tag_name().name() == "link")
                .collect::<Vec<_>>()
        })
        .map(|l| {
            (
                l.attribute("hreflang").unwrap().to_string(),
                l.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("vi".to_string(), format!("{BASE}/canh-bao/goi-dien/")),
            ("en".to_string(), format!("{BASE}/en/canh-bao/goi-dien/"))
        ]
    );
}

#[test]
fn an_english_listing_shows_untranslated_articles_marked_unless_the_site_turns_it_off() {
    let fixture = bilingual("");
    fixture.build();
    let listing = fixture.html("en/categories/canh-bao/index.html");
    assert_eq!(
        card_titles(&listing),
        ["Tin nhắn lừa đảo", "Fake police calls"]
    );
    assert_eq!(
        card_links(&listing),
        ["/canh-bao/tin-nhan/", "/en/canh-bao/goi-dien/"]
    );
    let marked = select(&listing, ".card.other-language");
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].value().attr("lang"), Some("vi"));
    assert_eq!(text_of(&listing, ".only-in"), "Vietnamese only");
    let home = fixture.html("en/index.html");
    assert_eq!(select(&home, ".only-in").len(), 1);

    let strict = bilingual("fallback = false");
    strict.build();
    let listing = strict.html("en/categories/canh-bao/index.html");
    assert_eq!(card_titles(&listing), ["Fake police calls"]);
}

#[test]
fn check_warns_about_a_translation_without_original_and_lists_what_is_untranslated() {
    let fixture = bilingual("");
    fixture.write(
        "content/en/pages/orphan.md",
        "---\ntitle: Orphan\n---\nAlone.\n",
    );
    let report = fixture.build();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.path.ends_with("en/pages/orphan.md")),
        "{:?}",
        report.warnings
    );
    let listed = cli_in(&fixture.root(), &["check", "--untranslated", "en"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let stdout = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["content/canh-bao/tin-nhan.md"]
    );
    let unknown = cli_in(&fixture.root(), &["check", "--untranslated", "fr"]);
    assert!(!unknown.status.success());
}

#[test]
fn a_language_code_that_is_no_code_is_an_error_in_site_toml() {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}\n[languages.\"E N\"]\ntitle = \"x\"\n{SITE_TABLES}"
    ));
    fixture.simple("hoat-dong/a.md", "Bài A", "2025-06-01");
    let errors = fixture.build_errors();
    assert!(
        errors
            .iter()
            .any(|d| d.path.ends_with("site.toml") && d.code() == "bad-language-code"),
        "{errors:?}"
    );
}

#[test]
fn a_name_in_a_language_the_site_does_not_have_is_an_error() {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}\n[languages.en]\ntitle = \"x\"\n\n[[districts]]\nkey = \"xuyen-moc\"\nname = \"Xuyên Mộc\"\nnames = {{ eng = \"Xuyen Moc\" }}\n"
    ));
    fixture.simple("hoat-dong/a.md", "Bài A", "2025-06-01");
    let errors = fixture.build_errors();
    let error = errors
        .iter()
        .find(|d| d.code() == "name-in-unknown-language")
        .expect("an error about eng");
    assert!(
        error
            .help
            .as_ref()
            .is_some_and(|h| h.to_string().contains("`en`")),
        "{error:?}"
    );
}

#[test]
fn a_translation_keeps_its_originals_links_and_they_lead_to_its_language() {
    let fixture = bilingual("");
    let body = "See [calls](@/canh-bao/goi-dien.md), [texts](@/canh-bao/tin-nhan.md) \
                and [next](goi-dien.md).\n\n- [x] done\n\n| a |\n|---|\n| 1 |\n";
    fixture.article(
        "en/canh-bao/tin-nhan.md",
        "title: Scam texts\ndate: 2025-06-02\ncategory: canh-bao\n",
        body,
    );
    fixture.build();
    let page = fixture.html("en/canh-bao/tin-nhan/index.html");
    let links: Vec<&str> = select(&page, ".content a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/en/canh-bao/goi-dien/",
            "/en/canh-bao/tin-nhan/",
            "/en/canh-bao/goi-dien/"
        ]
    );
    // The labels Markdown adds are in the document's language.
    assert_eq!(attr_of(&page, ".content input", "aria-label"), "Done");
    assert_eq!(attr_of(&page, ".table-wrap", "aria-label"), "Table");
    // A link to an article without an English version leads to the original.
    fixture.write("content/en/canh-bao/goi-dien.md", "");
    std::fs::remove_file(fixture.root().join("content/en/canh-bao/goi-dien.md")).unwrap();
    fixture.build();
    let page = fixture.html("en/canh-bao/tin-nhan/index.html");
    assert_eq!(attr_of(&page, ".content a", "href"), "/canh-bao/goi-dien/");
}

#[test]
fn a_language_may_rename_the_menu_and_the_main_language_keeps_its_words() {
    let fixture = bilingual("menu = { home = \"Start\", contact = \"Call us\" }");
    fixture.build();
    let en = fixture.html("en/index.html");
    assert_eq!(text_of(&en, ".nav li:first-child a"), "Start");
    assert!(select(&en, ".site-footer a")
        .iter()
        .any(|a| a.text().collect::<String>() == "Call us"));
    let vi = fixture.html("index.html");
    assert_eq!(text_of(&vi, ".nav li:first-child a"), "Trang chủ");
}

#[test]
fn a_translation_shows_the_pictures_beside_its_original() {
    let fixture = bilingual("");
    fixture.write("content/canh-bao/anh.png", drawing(1200, 630));
    fixture.article(
        "en/canh-bao/goi-dien.md",
        "title: Fake police calls\ndate: 2025-06-01\ncategory: canh-bao\nimage: anh.png\nimage_alt: A call\n",
        "Never transfer money.\n\n![The caller](anh.png \"A fake call\")\n",
    );
    fixture.build();
    let page = fixture.html("en/canh-bao/goi-dien/index.html");
    let sources: Vec<&str> = select(&page, "img")
        .iter()
        .filter_map(|i| i.value().attr("src"))
        .collect();
    let shown = shown_file(&fixture.out(), "canh-bao/anh.png");
    assert_eq!(sources, [format!("/{shown}")]);
    assert!(attr_of(&page, "meta[property='og:image']", "content")
        .starts_with(&format!("{BASE}/canh-bao/anh-chia-se.")));
    // A picture of its own, beside the translation, wins.
    fixture.write("content/en/canh-bao/anh.png", drawing(1200, 630));
    fixture.build();
    let page = fixture.html("en/canh-bao/goi-dien/index.html");
    assert_eq!(
        attr_of(&page, ".content img", "src"),
        format!("/{}", shown_file(&fixture.out(), "en/canh-bao/anh.png"))
    );
}
