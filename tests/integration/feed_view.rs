//! What a browser shows for a feed: every RSS and Atom file names its
//! language's CSS stylesheet (`feed.css`) right after the XML declaration,
//! the stylesheet holds the theme's words, escaped, and feed readers still
//! read every file as before.

use crate::support::*;

/// A site under a sub-path, in Vietnamese and English, with a unit merged
/// away, a renamed one (its feeds kept at the old key) and the archive feed.
fn site() -> Fixture {
    let head = SITE_HEAD.replace(BASE, &format!("{BASE}/loa"));
    let fixture = Fixture::with_site_toml(&format!(
        "{head}feed_full = true\n\n[languages.en]\ntitle = \"Test Provincial Police\"\n\n\
         [[districts]]\nkey = \"dat-do\"\nname = \"Huyện Đất Đỏ\"\nvalid_to = 2025-01-01\nmerged_into = [\"long-dat\"]\n\n\
         [[districts]]\nkey = \"long-dat\"\nname = \"Huyện Long Đất\"\nvalid_from = 2025-01-01\naliases = [\"long-dien\"]\n\n\
         [[categories]]\nkey = \"canh-bao\"\nname = \"Cảnh báo\"\n"
    ));
    fixture.article(
        "canh-bao/goi-dien.md",
        "title: Cuộc gọi giả danh\ndate: 2024-06-01\ndistricts: [dat-do]\ncategory: canh-bao\ntags: [lừa đảo]\n",
        "<p>Đừng</p> chuyển tiền.",
    );
    fixture.article(
        "canh-bao/tin-nhan.md",
        "title: Tin nhắn \"lừa đảo\"\ndate: 2025-06-02\ndistricts: [long-dat]\ncategory: canh-bao\n",
        "Đừng bấm liên kết.",
    );
    fixture.article(
        "en/canh-bao/goi-dien.md",
        "title: Fake police calls\ndate: 2024-06-01\ndistricts: [dat-do]\ncategory: canh-bao\n",
        "Never transfer money.",
    );
    fixture
}

/// Every RSS and Atom file of the output, relative.
fn rss_and_atom_files(fixture: &Fixture) -> Vec<String> {
    snapshot(&fixture.out())
        .into_keys()
        .filter(|p| p.ends_with(".xml") && !p.ends_with("sitemap.xml"))
        .collect()
}

/// The `href` of the document's `xml-stylesheet` instruction, which must
/// be its first node, of type `text/css`.
fn stylesheet_of(path: &str, text: &str) -> String {
    let doc = xml(text);
    let first = doc.root().first_child().unwrap();
    let pi = first
        .pi()
        .unwrap_or_else(|| panic!("{path}: starts with {first:?}, not an instruction"));
    assert_eq!(pi.target, "xml-stylesheet", "{path}");
    let value = pi.value.unwrap_or_default();
    assert!(
        value.starts_with("type=\"text/css\" href=\""),
        "{path}: {value}"
    );
    value
        .split("href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string()
}

#[test]
fn every_rss_and_atom_file_names_its_languages_stylesheet_and_still_parses() {
    let fixture = site();
    fixture.build();
    let files = rss_and_atom_files(&fixture);
    for expected in [
        "rss.xml",
        "atom.xml",
        "full.xml",
        "districts/long-dat/atom.xml",
        "districts/dat-do/rss.xml",
        "districts/long-dien/rss.xml",
        "categories/canh-bao/rss.xml",
        "tags/lua-dao/atom.xml",
        "en/rss.xml",
        "en/atom.xml",
        "en/districts/dat-do/atom.xml",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected}: {files:?}");
    }
    for path in &files {
        let text = fixture.read(path);
        assert!(
            text.starts_with(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\""
            ),
            "{path}: {}",
            &text[..120]
        );
        let language = if path.starts_with("en/") { "en/" } else { "" };
        let href = stylesheet_of(path, &text);
        assert_eq!(href, format!("/loa/{language}feed.css"), "{path}");
        assert!(fixture.exists(&format!("{language}feed.css")), "{path}");
        // Readers read the same items: feed-rs takes the file as before.
        let feed = fixture.feed(path);
        let doc = xml(&text);
        let items = doc
            .descendants()
            .filter(|n| n.has_tag_name("item") || n.has_tag_name("entry"))
            .count();
        assert_eq!(feed.entries.len(), items, "{path}");
    }
    assert_eq!(fixture.feed("rss.xml").entries.len(), 2);
    // JSON Feed is read by programs only.
    assert!(fixture.read("feed.json").starts_with('{'));
}

#[test]
fn the_stylesheet_shows_the_sites_words_escaped_in_each_language() {
    let fixture = site();
    // A site's own words, with what a CSS string must escape.
    fixture.write(
        "i18n/vi.toml",
        "[feed_view]\nlatest = \"Tin \\\"mới\\\" \\\\ nhất\\nhai dòng\"\n",
    );
    fixture.build();
    let vi = fixture.read("feed.css");
    assert!(vi.starts_with("@charset \"UTF-8\";\n"), "{vi}");
    assert!(vi.contains("@namespace atom url(http://www.w3.org/2005/Atom);"));
    for words in [
        "\"Đây là nguồn tin (RSS) của\"",
        "\"Đây là nguồn tin (Atom) của\"",
        "\"Dán địa chỉ này vào ứng dụng đọc tin để nhận bài mới:\"",
        "Feeder (Android",
        "NetNewsWire (iPhone",
        r#""Tin \"mới\" \\ nhất\a hai dòng""#,
        "content: attr(href);",
    ] {
        assert!(vi.contains(words), "{words}\n{vi}");
    }
    // Item bodies are hidden: a browser would show their markup as text.
    assert!(vi.contains("item > *, atom|entry > * { display: none; }"));
    assert!(!vi.contains("xsl"), "{vi}");
    let en = fixture.read("en/feed.css");
    for words in [
        "\"This is the news feed (RSS) of\"",
        "\"Paste this address into a feed reader app to get new articles:\"",
        "\"Latest articles\"",
    ] {
        assert!(en.contains(words), "{words}\n{en}");
    }
    let vietnamese: Vec<char> = en
        .chars()
        .filter(|c| "ăâđêôơưạảấầẩậắằẳặẹẻẽếềểệỉịọỏốồổộớờởợụủứừửựỳỷỹ".contains(*c))
        .collect();
    assert!(vietnamese.is_empty(), "{vietnamese:?}");
}
