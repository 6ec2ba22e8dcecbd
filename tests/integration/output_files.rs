//! The files written besides pages and feeds: sitemap, robots.txt, 404,
//! alias redirects, static files.

use std::fs;

use crate::support::*;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn site_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/trien-khai.md",
        "title: Triển khai mô hình\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [xuyen-moc, dat-do]\ntags: [mạng xã hội]\naliases: [\"/tin-tuc/12345.html\", \"/cu/bai-viet\"]\n",
        "Nội dung.\n",
    );
    fixture.simple("canh-bao/lua-dao.md", "Cảnh báo lừa đảo", "2021-10-20");
    fixture.article(
        "canh-bao/nhap.md",
        "title: Nháp\ndate: 2021-10-21\ndraft: true\n",
        "Nháp.\n",
    );
    fixture.simple("canh-bao/hen-gio.md", "Hẹn giờ", "2027-01-01");
    fixture.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\nTrang giới thiệu.\n",
    );
    fixture.write("static/files/van-ban.pdf", b"%PDF-1.4 fake");
    fixture.write("static/favicon.svg", "<svg id=\"cua-site\"/>");
    fixture.build();
    fixture
}

#[test]
fn sitemap_lists_every_published_article_with_absolute_locs() {
    let fixture = site_fixture();
    let text = fixture.read("sitemap.xml");
    let doc = xml(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let locs: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
        .map(|url| {
            url.children()
                .find(|c| c.has_tag_name((SITEMAP_NS, "loc")))
                .and_then(|c| c.text())
                .expect("every <url> has a <loc>")
        })
        .collect();
    for loc in &locs {
        assert!(loc.starts_with(&format!("{BASE}/")), "{loc}");
    }
    for url in [
        "/",
        "/hoat-dong/trien-khai/",
        "/canh-bao/lua-dao/",
        "/pages/gioi-thieu/",
        "/districts/xuyen-moc/",
        "/categories/hoat-dong/",
        "/tags/mang-xa-hoi/",
    ] {
        assert!(
            locs.contains(&format!("{BASE}{url}").as_str()),
            "{url}: {locs:?}"
        );
    }
    for absent in [
        "/canh-bao/nhap/",
        "/canh-bao/hen-gio/",
        "/tin-tuc/12345.html",
    ] {
        assert!(
            !locs.iter().any(|l| l.ends_with(absent)),
            "{absent} must not be in the sitemap"
        );
    }
    let unique: std::collections::BTreeSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "no URL twice");
    // Articles carry their date.
    let lastmod = root
        .children()
        .find(|url| {
            url.children()
                .any(|c| c.text() == Some(&format!("{BASE}/hoat-dong/trien-khai/")))
        })
        .and_then(|url| {
            url.children()
                .find(|c| c.has_tag_name((SITEMAP_NS, "lastmod")))
        })
        .and_then(|n| n.text());
    assert_eq!(lastmod, Some("2021-10-19T00:00:00+07:00"));
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let fixture = site_fixture();
    let robots = fixture.read("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}/sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn not_found_page_is_written() {
    let fixture = site_fixture();
    let html = fixture.html("404.html");
    assert_eq!(attr_of(&html, "html", "lang"), "vi");
    assert!(!text_of(&html, "title").is_empty());
    assert!(!text_of(&html, "main h1").is_empty());
    // Served at any depth, so its links are root paths.
    let hrefs: Vec<&str> = select(&html, "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs
            .iter()
            .all(|h| h.starts_with('/') || h.starts_with('#') || h.starts_with("http")),
        "{hrefs:?}"
    );
}

#[test]
fn aliases_become_redirect_pages() {
    let fixture = site_fixture();
    let permalink = format!("{BASE}/hoat-dong/trien-khai/");
    for path in ["tin-tuc/12345.html", "cu/bai-viet/index.html"] {
        let html = fixture.html(path);
        let refresh = attr_of(&html, "meta[http-equiv=refresh]", "content");
        let target = refresh
            .split_once("url=")
            .map(|(_, url)| url.trim())
            .unwrap_or_else(|| panic!("{path}: {refresh}"));
        assert_eq!(target, permalink, "{path}");
        assert!(refresh.trim_start().starts_with('0'), "{path}: {refresh}");
        assert_eq!(
            attr_of(&html, "link[rel=canonical]", "href"),
            permalink,
            "{path}"
        );
        assert_eq!(attr_of(&html, "html", "lang"), "vi");
    }
    // The alias is not a folder of its own for an .html alias.
    assert!(!fixture.exists("tin-tuc/12345.html/index.html"));
}

#[test]
fn an_alias_may_not_hide_another_page() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.article(
        "hoat-dong/b.md",
        "title: B\ndate: 2021-10-19\naliases: [/hoat-dong/a/]\n",
        "B.\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path,
        std::path::Path::new("content/hoat-dong/b.md")
    );
    assert!(
        errors[0].message_in(En).contains("hoat-dong/a.md"),
        "{}",
        errors[0].message_in(En)
    );
}

#[test]
fn static_files_and_theme_assets_are_copied() {
    let fixture = site_fixture();
    assert_eq!(
        fs::read(fixture.output("files/van-ban.pdf")).unwrap(),
        b"%PDF-1.4 fake"
    );
    let theme_css = fs::read(fixture.root().join("themes/default/static/style.css")).unwrap();
    assert!(!theme_css.is_empty());
    assert_eq!(fs::read(fixture.output("style.css")).unwrap(), theme_css);
    // The site's static/ wins over the theme's on a clash.
    assert_eq!(fixture.read("favicon.svg"), "<svg id=\"cua-site\"/>");
    // Pages reference the stylesheet they were built with.
    let home = fixture.html("index.html");
    let stylesheets: Vec<&str> = select(&home, "link[rel=stylesheet]")
        .iter()
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(
        stylesheets.iter().any(|h| h.starts_with("/style.css")),
        "{stylesheets:?}"
    );
}

#[test]
fn a_generated_page_wins_over_a_static_file() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.write("static/rss.xml", "not a feed");
    fixture.write("static/index.html", "not the home page");
    fixture.build();
    assert_eq!(item_titles(&fixture.feed("rss.xml")), ["A"]);
    assert_eq!(card_titles(&fixture.html("index.html")), ["A"]);
}

#[test]
fn a_rebuild_replaces_the_previous_output() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.simple("hoat-dong/b.md", "B", "2021-10-20");
    fixture.build();
    fs::write(fixture.output("stale.html"), "left from an old build").unwrap();
    assert!(fixture.exists("hoat-dong/b/index.html"));

    fs::remove_file(fixture.root().join("content/hoat-dong/b.md")).unwrap();
    fixture.build();
    assert!(!fixture.exists("hoat-dong/b/index.html"));
    assert!(!fixture.exists("stale.html"));
    assert!(fixture.exists("hoat-dong/a/index.html"));
    assert_eq!(item_titles(&fixture.feed("rss.xml")), ["A"]);
    // Nothing but the site and its output beside each other.
    let mut siblings: Vec<String> = fs::read_dir(fixture.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    siblings.sort();
    assert_eq!(siblings, ["out", "site"]);
}

#[test]
fn build_report_counts_articles_and_pages() {
    let fixture = site_fixture();
    let report = fixture.build();
    assert_eq!(report.articles, 2);
    assert_eq!(report.pages, 1);
    assert_eq!(report.output.as_deref(), Some(fixture.out().as_path()));
    let html_files = snapshot(&fixture.out())
        .keys()
        .filter(|p| {
            [".html", ".xml", ".json", ".opml", ".txt"]
                .iter()
                .any(|ext| p.ends_with(ext))
        })
        .count();
    // The feeds' stylesheet is made by the build too, from the theme's words.
    assert_eq!(report.files, html_files + 1);
}

/// The inode of a file: the same file, not merely the same bytes.
#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).map(|m| m.ino()).unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_copies_and_recopies_changed_ones() {
    let fixture = site_fixture();
    fixture.write("static/van-ban/mau-01.pdf", b"%PDF-1.4 mau 01");
    fixture.write("static/van-ban/mau-02.pdf", b"%PDF-1.4 mau 02");
    fixture.build();
    let kept = fixture.output("van-ban/mau-01.pdf");
    let kept_before = inode(&kept);
    let source_time = fs::metadata(fixture.root().join("static/van-ban/mau-01.pdf"))
        .and_then(|m| m.modified())
        .expect("source time");
    let copy_time = fs::metadata(&kept)
        .and_then(|m| m.modified())
        .expect("copy time");
    assert_eq!(copy_time, source_time, "a copy carries its source's time");

    // Same length, new bytes: the time tells them apart.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fixture.write("static/van-ban/mau-02.pdf", b"%PDF-1.4 mau 2b");
    // A publisher's edit of the output is not carried into the next build.
    fs::write(fixture.output("robots.txt"), "edited by hand\n").expect("edit");
    fixture.write("static/ghi-chu.txt", b"ghi chu");
    fs::write(fixture.output("ghi-chu.txt"), "old").expect("edit");
    fixture.build();

    assert_eq!(
        inode(&kept),
        kept_before,
        "the unchanged copy is the same file"
    );
    assert_eq!(fs::read(&kept).expect("kept"), b"%PDF-1.4 mau 01");
    assert_eq!(fixture.read("van-ban/mau-02.pdf"), "%PDF-1.4 mau 2b");
    assert_eq!(fixture.read("ghi-chu.txt"), "ghi chu");
    assert!(fixture.read("robots.txt").contains("Sitemap:"));
}
