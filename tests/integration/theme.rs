//! The default theme built into loa: a site without `themes/` builds with
//! it, byte for byte as with a copy of the theme, and the site's own files
//! replace the theme's one by one.

use std::fs;

use crate::support::pictures::drawing;
use crate::support::*;

/// A fixture whose pages use most of the theme: articles in two
/// categories and districts, a highlighted code block, an image.
fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.article(
        "canh-bao/lua-dao.md",
        "title: \"Cảnh báo lừa đảo\"\ndate: 2026-05-10\ncategory: canh-bao\n\
         districts: [xuyen-moc]\ntags: [lừa đảo]\nlaws: [\"Luật An ninh mạng 2018\"]\n\
         image: anh.png\nimage_alt: \"Ảnh minh họa\"\n",
        "Người dân cần cảnh giác.\n\n```rust\nfn main() {}\n```\n",
    );
    fixture.write("content/canh-bao/anh.png", drawing(1200, 630));
    fixture.simple("hoat-dong/tap-huan.md", "Tập huấn", "2026-05-11");
    fixture.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\nTrang giới thiệu.\n",
    );
    fixture
}

/// The standard fixture with `line` (`theme = "..."`, or nothing) in place
/// of its `theme = "default"`.
fn with_theme_line(line: &str) -> Fixture {
    Fixture::with_site_toml(&format!(
        "{}\n{SITE_TABLES}",
        SITE_HEAD.replace("theme = \"default\"\n", line)
    ))
}

/// [`fixture`] without its `themes/` folder.
fn builtin_fixture() -> Fixture {
    let fixture = fixture();
    remove_theme_folder(&fixture);
    fixture
}

fn remove_theme_folder(fixture: &Fixture) {
    fs::remove_dir_all(fixture.root().join("themes")).unwrap();
}

/// The `?v=` of the page's stylesheet link.
fn stylesheet_version(fixture: &Fixture, page: &str) -> String {
    let html = fixture.html(page);
    let href = attr_of(&html, "link[rel=stylesheet][href^='/style.css']", "href");
    href.split_once("?v=")
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| panic!("no version in {href}"))
}

#[test]
fn a_site_without_a_theme_folder_builds_the_same_bytes_as_with_it() {
    let with_folder = fixture();
    with_folder.build();
    let copied = snapshot(&with_folder.out());

    let without = builtin_fixture();
    let report = without.build();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let builtin = snapshot(&without.out());

    assert_eq!(
        builtin.keys().collect::<Vec<_>>(),
        copied.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &copied {
        assert!(builtin[path] == *bytes, "{path} differs");
    }
    for file in ["style.css", "syntax.css", "subscribe.js", "logo.png"] {
        assert_eq!(
            builtin[file],
            fs::read(repo_root().join("themes/default/static").join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn a_site_that_names_no_theme_uses_the_builtin_one() {
    let fixture = with_theme_line("");
    remove_theme_folder(&fixture);
    fixture.simple("hoat-dong/a.md", "Bài A", "2026-05-11");
    let output = fixture.cli_build();
    assert_exit(&output, 0);
    assert_eq!(
        text_of(&fixture.html("hoat-dong/a/index.html"), "main h1"),
        "Bài A"
    );
    assert!(fixture.exists("style.css"));
}

#[test]
fn a_template_and_a_stylesheet_replace_the_builtin_ones_file_by_file() {
    let plain = builtin_fixture();
    plain.build();
    let builtin = snapshot(&plain.out());

    let fixture = builtin_fixture();
    fixture.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}<article id=\"mau-rieng\"><h1>{{ article.title }}</h1></article>{% endblock content %}\n",
    );
    fixture.write("static/style.css", "body { color: #123456 }\n");
    fixture.build();

    let page = fixture.html("canh-bao/lua-dao/index.html");
    assert_eq!(
        text_of(&page, "main article#mau-rieng h1"),
        "Cảnh báo lừa đảo"
    );
    // The rest of the page is the theme's: its base layout and stylesheet.
    assert_eq!(attr_of(&page, "html", "lang"), "vi");
    assert!(!select(&page, "header").is_empty());
    assert_eq!(fixture.read("style.css"), "body { color: #123456 }\n");
    // The other templates and static files are the built-in ones.
    let listing = fixture.html("categories/canh-bao/index.html");
    assert!(select(&listing, "#mau-rieng").is_empty());
    assert_eq!(card_titles(&listing), ["Cảnh báo lừa đảo"]);
    for file in ["syntax.css", "subscribe.js", "logo.png", "favicon.svg"] {
        assert_eq!(
            fs::read(fixture.output(file)).unwrap(),
            builtin[file],
            "{file}"
        );
    }
    // A changed stylesheet changes the cache-busting version.
    assert_ne!(
        stylesheet_version(&fixture, "index.html"),
        stylesheet_version(&plain, "index.html")
    );
}

#[test]
fn a_partial_theme_folder_replaces_only_the_files_it_holds() {
    let fixture = builtin_fixture();
    fixture.write(
        "themes/default/templates/partials/article-card.html",
        "<article class=\"card rieng\"><h2><a href=\"{{ a.url }}\">{{ a.title }}</a></h2></article>\n",
    );
    fixture.write("themes/default/static/style.css", "main { margin: 0 }\n");
    // The site's static/ still wins over the theme folder.
    fixture.write("static/favicon.svg", "<svg id=\"cua-site\"/>");
    fixture.build();

    let listing = fixture.html("categories/canh-bao/index.html");
    assert_eq!(select(&listing, "article.card.rieng").len(), 1);
    assert_eq!(fixture.read("style.css"), "main { margin: 0 }\n");
    assert_eq!(fixture.read("favicon.svg"), "<svg id=\"cua-site\"/>");
    assert_eq!(
        fs::read(fixture.output("syntax.css")).unwrap(),
        fs::read(repo_root().join("themes/default/static/syntax.css")).unwrap()
    );
    let page = fixture.html("canh-bao/lua-dao/index.html");
    assert_eq!(select(&page, "main article.article").len(), 1);
}

#[test]
fn an_unknown_theme_fails_with_the_themes_there() {
    let fixture = with_theme_line("theme = \"xanh\"\n");
    fs::create_dir_all(fixture.root().join("themes/do")).unwrap();
    fixture.simple("hoat-dong/a.md", "Bài A", "2026-05-11");
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].message_in(En),
        "the theme `xanh` is not in themes/"
    );
    let help = errors[0].help_in(En).unwrap_or_default();
    assert!(help.contains("themes here: do, and `default`"), "{help}");

    let output = fixture.cli_build();
    let err = assert_exit(&output, 1);
    assert!(err.contains("the theme `xanh` is not in themes/"), "{err}");
    assert!(!fixture.out().exists());
}

#[test]
fn a_misspelt_builtin_theme_gets_a_suggestion() {
    let fixture = with_theme_line("theme = \"defualt\"\n");
    remove_theme_folder(&fixture);
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].help_in(En).as_deref(),
        Some("did you mean `default`? the only theme here is `default`, built into loa")
    );
}
