//! The page's language: the theme's words, `<html lang>`, `og:locale` and
//! the feeds' language follow it.

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
