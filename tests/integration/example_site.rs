//! The example site at the repository root (site.toml + content/ + the
//! default theme) builds cleanly and every page and feed is sound.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::support::*;
use scraper::Html;

const SEED: &str = "/hoat-dong/trien-khai-mo-hinh-ket-noi-mang-xa-hoi/";
const SCAM_ALERT: &str = "/canh-bao/gia-danh-cong-an-yeu-cau-cai-vneid-gia/";

struct Built {
    files: BTreeMap<String, Vec<u8>>,
    base_url: String,
    districts: Vec<String>,
    report: loa::BuildReport,
}

/// One build shared by the tests of this file, kept in memory.
fn build_example() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(build_once)
}

fn build_once() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let site = loa::Site::load(&repo_root()).unwrap_or_else(|e| panic!("{}", describe(&e)));
    let options = loa::BuildOptions {
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        now: now(),
    };
    let report = site
        .clone()
        .build(&options)
        .unwrap_or_else(|e| panic!("the example site does not build:\n{}", describe(&e)));
    Built {
        files: snapshot(&out),
        base_url: site.config.base_url.clone(),
        districts: site
            .config
            .districts
            .iter()
            .map(|d| d.key.0.clone())
            .collect(),
        report,
    }
}

impl Built {
    fn text(&self, path: &str) -> &str {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written"));
        std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn feed(&self, path: &str) -> feed_rs::model::Feed {
        feed_rs::parser::parse(self.text(path).as_bytes())
            .unwrap_or_else(|e| panic!("{path} is not a feed: {e}"))
    }
}

fn is_redirect(html: &Html) -> bool {
    !select(html, "meta[http-equiv=refresh]").is_empty()
}

#[test]
fn builds_without_errors_or_warnings() {
    let built = build_example();
    assert!(built.report.articles >= 20, "{}", built.report.articles);
    assert!(built.report.pages >= 2, "{}", built.report.pages);
    let warnings: Vec<String> = built
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    // The 8 districts, the province, Long Đất, Ho Chi Minh City and the
    // communes and special zone that succeeded Xuyên Mộc, Long Đất, Côn Đảo.
    assert_eq!(built.districts.len(), 22);
}

#[test]
fn every_html_page_is_sound() {
    let built = build_example();
    let mut pages = 0;
    for (path, _) in built.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(built.text(path));
        assert!(html.errors.is_empty(), "{path}: {:?}", html.errors);
        let language = if path.starts_with("en/") { "en" } else { "vi" };
        assert_eq!(attr_of(&html, "html", "lang"), language, "{path}");
        assert!(!text_of(&html, "head title").trim().is_empty(), "{path}");
        if is_redirect(&html) {
            continue;
        }
        pages += 1;
        for property in ["og:title", "og:description", "og:url"] {
            let content = attr_of(&html, &format!("meta[property='{property}']"), "content");
            assert!(!content.trim().is_empty(), "{path}: empty {property}");
        }
        let og_url = attr_of(&html, "meta[property='og:url']", "content");
        assert!(
            og_url.starts_with(&format!("{}/", built.base_url)),
            "{path}: {og_url}"
        );
        if path != "404.html" {
            assert_eq!(
                attr_of(&html, "link[rel=canonical]", "href"),
                og_url,
                "{path}"
            );
            let expected = format!("{}/{}", built.base_url, path.trim_end_matches("index.html"));
            assert_eq!(og_url, expected, "{path}");
        }
        assert_eq!(select(&html, "main").len(), 1, "{path}");
        assert_eq!(select(&html, "h1").len(), 1, "{path}");
    }
    assert!(pages > 50, "{pages}");
}

/// The output file a root-relative URL is served from.
fn served_file(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[test]
fn every_internal_link_and_image_resolves() {
    let built = build_example();
    let mut checked = 0;
    for (path, _) in built.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(built.text(path));
        for element in select(&html, "a[href], link[href], img[src], script[src]") {
            let value = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap();
            let local = match value.strip_prefix(&built.base_url) {
                Some(rest) => rest,
                None if value.starts_with('/') && !value.starts_with("//") => value,
                None => continue,
            };
            if local.starts_with('#') {
                continue;
            }
            let target = served_file(local);
            assert!(
                built.files.contains_key(&target),
                "{path}: `{value}` points at {target}, which was not written"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// An item's id as its link: the register's items (`laws/rss.xml`) are
/// the document's page with its status (`#expired-2024-07-01`), so that a
/// change of status is a new item; every other item's id is its link.
fn same_id(id: &str) -> String {
    match id.split_once('#') {
        Some((page, status)) if page.contains("/laws/") && !status.is_empty() => page.to_string(),
        _ => id.to_string(),
    }
}

#[test]
fn every_feed_parses() {
    let built = build_example();
    let feeds: Vec<&String> = built
        .files
        .keys()
        .filter(|p| p.ends_with("rss.xml"))
        .collect();
    // The site, 8 districts, the categories and more.
    assert!(feeds.len() > 15, "{feeds:?}");
    for path in feeds {
        let feed = built.feed(path);
        for entry in &feed.entries {
            let link = &entry.links[0].href;
            assert!(
                link.starts_with(&format!("{}/", built.base_url)),
                "{path}: {link}"
            );
            assert_eq!(&same_id(&entry.id), link, "{path}");
            assert!(entry.published.is_some(), "{path}: {link}");
            assert!(entry.content.is_some(), "{path}: {link}");
        }
        xml(built.text(path));
    }
    xml(built.text("sitemap.xml"));
}

#[test]
fn every_feed_parses_in_all_three_formats_with_the_same_items() {
    let built = build_example();
    let base = format!("{}/", built.base_url);
    let rss: Vec<&String> = built
        .files
        .keys()
        .filter(|p| p.ends_with("rss.xml"))
        .collect();
    assert!(rss.len() > 15, "{rss:?}");
    let mut enclosures = 0;
    for path in rss {
        let [rss_path, atom_path, json_path] = feed_siblings(path);
        let feeds = [&rss_path, &atom_path, &json_path].map(|p| (p, built.feed(p)));
        let ids = |feed: &feed_rs::model::Feed| -> Vec<String> {
            feed.entries.iter().map(|e| e.id.clone()).collect()
        };
        for (format_path, feed) in &feeds {
            assert_eq!(ids(feed), ids(&feeds[0].1), "{format_path}");
            let language = if format_path.starts_with("en/") {
                "en"
            } else {
                "vi"
            };
            assert_eq!(feed.language.as_deref(), Some(language), "{format_path}");
            assert_eq!(
                feed.logo.as_ref().map(|l| l.uri.as_str()),
                Some(format!("{base}logo.png").as_str()),
                "{format_path}"
            );
            for entry in &feed.entries {
                assert!(entry.id.starts_with(&base), "{format_path}: {}", entry.id);
                assert_eq!(entry.links[0].href, same_id(&entry.id), "{format_path}");
                assert!(entry.published.is_some(), "{format_path}: {}", entry.id);
                let body = entry
                    .content
                    .as_ref()
                    .and_then(|c| c.body.as_deref())
                    .unwrap_or_else(|| panic!("{format_path}: {} has no content", entry.id));
                for url in fragment_urls(body) {
                    assert!(
                        url.starts_with("https://")
                            || url.starts_with("http://")
                            || url.starts_with("mailto:")
                            || url.starts_with("tel:"),
                        "{format_path}: {}: `{url}` is not absolute",
                        entry.id
                    );
                    if let Some(local) = url.strip_prefix(&base) {
                        let file = local.split(['#', '?']).next().unwrap_or_default();
                        let file = if file.is_empty() || file.ends_with('/') {
                            format!("{file}index.html")
                        } else {
                            file.to_string()
                        };
                        assert!(
                            built.files.contains_key(&file),
                            "{format_path}: `{url}` points at nothing"
                        );
                    }
                }
            }
        }
        xml(built.text(&atom_path));
        let json: serde_json::Value = serde_json::from_str(built.text(&json_path)).unwrap();
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
        // Every image enclosure names a file of the site with its real size.
        let doc = xml(built.text(&rss_path));
        for enclosure in doc.descendants().filter(|n| n.has_tag_name("enclosure")) {
            let url = enclosure.attribute("url").unwrap();
            let file = url
                .strip_prefix(&base)
                .unwrap_or_else(|| panic!("{rss_path}: {url}"));
            let bytes = built
                .files
                .get(file)
                .unwrap_or_else(|| panic!("{rss_path}: {url} was not written"));
            assert_eq!(
                enclosure.attribute("length"),
                Some(bytes.len().to_string().as_str()),
                "{url}"
            );
            assert!(
                enclosure
                    .attribute("type")
                    .is_some_and(|t| t.starts_with("image/")),
                "{url}"
            );
            enclosures += 1;
        }
    }
    assert!(enclosures > 0, "the seed article has an image");
    assert!(built.files.contains_key("logo.png"));
}

#[test]
fn the_seed_article_is_in_its_two_districts() {
    let built = build_example();
    let permalink = format!("{}{SEED}", built.base_url);
    for district in &built.districts {
        let links = item_links(&built.feed(&format!("districts/{district}/rss.xml")));
        // Its two districts and their parent, the province.
        let expected = ["xuyen-moc", "dat-do", "tinh-ba-ria-vung-tau"].contains(&district.as_str());
        assert_eq!(links.contains(&permalink), expected, "{district}");
    }
    assert!(item_links(&built.feed("rss.xml")).contains(&permalink));
    assert!(item_links(&built.feed("categories/hoat-dong/rss.xml")).contains(&permalink));
    // Its old address redirects to it, its image is published in sizes
    // (not as it was) and is its link preview.
    let redirect = Html::parse_document(built.text("tin-tuc/12345.html"));
    assert_eq!(attr_of(&redirect, "link[rel=canonical]", "href"), permalink);
    assert!(!built.files.contains_key("hoat-dong/tap-huan.png"));
    let page = Html::parse_document(built.text(&format!("{}index.html", &SEED[1..])));
    let preview = attr_of(&page, "meta[property='og:image']", "content");
    let preview = preview
        .strip_prefix(&format!("{}/", built.base_url))
        .unwrap_or_else(|| panic!("{preview}"));
    assert!(
        preview.starts_with("hoat-dong/tap-huan-chia-se."),
        "{preview}"
    );
    assert!(built.files.contains_key(preview));
    assert!(!select(&page, "main figure figcaption").is_empty());
}

#[test]
fn the_province_wide_scam_alert_is_in_every_district() {
    let built = build_example();
    let permalink = format!("{}{SCAM_ALERT}", built.base_url);
    for district in &built.districts {
        let links = item_links(&built.feed(&format!("districts/{district}/rss.xml")));
        assert!(links.contains(&permalink), "{district}");
        let listing = Html::parse_document(built.text(&format!("districts/{district}/index.html")));
        let mut all_pages = card_links(&listing);
        let mut page = 2;
        while let Some(bytes) = built
            .files
            .get(&format!("districts/{district}/page/{page}/index.html"))
        {
            all_pages.extend(card_links(&Html::parse_document(
                std::str::from_utf8(bytes).unwrap(),
            )));
            page += 1;
        }
        assert!(
            all_pages.iter().any(|l| l == SCAM_ALERT),
            "{district} listing"
        );
    }
}

#[test]
fn scheduled_articles_of_the_example_are_left_out() {
    let built = build_example();
    // Dated 2027-01-15: after the fixed clock.
    let scheduled = "hoat-dong/ra-quan-cao-diem-tet-dinh-mui-2027/index.html";
    assert!(Path::new(&repo_root())
        .join("content/hoat-dong/ra-quan-cao-diem-tet-dinh-mui-2027.md")
        .exists());
    assert!(!built.files.contains_key(scheduled));
    assert!(!built
        .text("rss.xml")
        .contains("ra-quan-cao-diem-tet-dinh-mui-2027"));
}

#[test]
fn the_cli_checks_the_example_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    let output = cli_in(dir.path(), &["check", "--root", root.to_str().unwrap()]);
    let err = assert_exit(&output, 0);
    assert!(err.contains("no errors"), "{err}");
}

/// The real history in the example: Long Điền and Đất Đỏ merged into Long
/// Đất (2025-01-01), the district level abolished (2025-07-01).
#[test]
fn the_example_history_keeps_old_subscribers_informed() {
    let built = build_example();
    let permalink = |path: &str| format!("{}{path}", built.base_url);
    let long_dat = permalink("/hoat-dong/cong-an-huyen-long-dat-di-vao-hoat-dong/");
    let ho_tram = permalink("/hoat-dong/cong-an-xa-ho-tram-ra-mat/");
    let long_hai = permalink("/canh-bao/lua-dao-mua-ban-dat-nen-long-hai/");
    for (district, expected) in [
        ("dat-do", vec![&long_dat, &long_hai]),
        ("long-dien", vec![&long_dat, &long_hai]),
        ("long-dat", vec![&long_dat, &long_hai]),
        ("xuyen-moc", vec![&ho_tram]),
        ("xa-ho-tram", vec![&ho_tram]),
    ] {
        let links = item_links(&built.feed(&format!("districts/{district}/rss.xml")));
        for url in expected {
            assert!(links.contains(url), "{district} lacks {url}");
        }
    }
    let chau_duc = item_links(&built.feed("districts/chau-duc/rss.xml"));
    assert!(!chau_duc.contains(&long_dat) && !chau_duc.contains(&ho_tram));
}

/// The example's `laws.toml` declares every document its articles cite,
/// whichever way an article names it, with the real replacements.
#[test]
fn every_law_the_example_cites_is_in_its_register() {
    let site = loa::Site::load(&repo_root()).unwrap_or_else(|e| panic!("{}", describe(&e)));
    let laws = site.laws.as_ref().expect("the example has a laws.toml");
    let mut unresolved = Vec::new();
    for document in &site.content.documents {
        for written in &document.front.laws {
            if let Err(closest) = laws.resolve(written) {
                let closest = closest.join(", ");
                unresolved.push(format!("{}: {written} (closest: {closest})", document.path));
            }
        }
    }
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    for (written, key) in [
        ("Bộ luật Hình sự 2015", "bo-luat-hinh-su-2015"),
        ("Nghị định 168/2024/NĐ-CP", "nghi-dinh-168-2024-nd-cp"),
        ("27/2001/QH10", "luat-phong-chay-va-chua-chay-2001"),
    ] {
        assert_eq!(laws.resolve(written).map(|law| law.key.as_str()), Ok(key));
    }
    for (old, new) in [
        ("luat-can-cuoc-cong-dan-2014", "luat-can-cuoc-2023"),
        ("nghi-dinh-100-2019-nd-cp", "nghi-dinh-168-2024-nd-cp"),
    ] {
        let law = laws.get(old).expect(old);
        assert!(law.expires.is_some(), "{old} has no expires");
        assert!(law.replaced_by.iter().any(|key| key == new), "{old}");
    }
}

/// `themes/default/` at the repository root is the source of the theme
/// built into loa: the example site reads the same files with or without it.
#[test]
fn the_example_site_builds_the_same_without_its_theme_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&repo_root().join("content"), &root.join("content"));
    for file in ["site.toml", "laws.toml"] {
        std::fs::copy(repo_root().join(file), root.join(file)).unwrap();
    }
    for own in ["templates", "static"] {
        assert!(
            !repo_root().join(own).exists(),
            "copy {own}/ here too: the example site has one now"
        );
    }
    let out = dir.path().join("public");
    let options = loa::BuildOptions {
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        now: now(),
    };
    loa::Site::load(&root)
        .and_then(|site| site.build(&options))
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    let builtin = snapshot(&out);
    let built = build_example();
    assert_eq!(
        builtin.keys().collect::<Vec<_>>(),
        built.files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built.files {
        assert!(builtin[path] == *bytes, "{path} differs");
    }
}

/// The example site's phone photo is stored turned (EXIF orientation 6)
/// with a GPS position and a serial number: it is published upright, and
/// nothing of that reaches residents.
#[test]
fn the_example_sites_turned_phone_photo_is_published_upright_without_metadata() {
    let source =
        std::fs::read(repo_root().join("content/hoat-dong/tru-so-cong-an-xa-ho-tram.jpg")).unwrap();
    assert!(source.windows(4).any(|w| w == b"Exif"));
    assert_eq!(crate::support::pictures::dimensions(&source), (4000, 3000));
    let built = build_example();
    let made: Vec<(&String, &Vec<u8>)> = built
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("hoat-dong/tru-so-cong-an-xa-ho-tram"))
        .collect();
    // Three widths in two formats, and the link preview.
    assert_eq!(
        made.len(),
        7,
        "{:?}",
        made.iter().map(|m| m.0).collect::<Vec<_>>()
    );
    for (path, bytes) in made {
        assert_eq!(
            crate::support::pictures::metadata_in(bytes),
            Vec::<&str>::new(),
            "{path}"
        );
        assert!(!bytes.windows(11).any(|w| w == b"R58W31A7XKJ"), "{path}");
        let (width, height) = crate::support::pictures::dimensions(bytes);
        if !path.contains("chia-se") {
            assert!(height > width, "{path} is not upright: {width}×{height}");
        }
    }
    assert!(!built
        .files
        .contains_key("hoat-dong/tru-so-cong-an-xa-ho-tram.jpg"));
}
