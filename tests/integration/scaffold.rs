//! `loa new` and `loa init`: the files they write, what they refuse, and
//! that what they write builds.

use std::fs;
use std::path::Path;

use crate::support::*;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use loa::{BuildOptions, Site};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `loa new <args> --root <fixture>`.
fn new(fixture: &Fixture, args: &[&str]) -> std::process::Output {
    let root = path_str(&fixture.root());
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", &root]);
    fixture.cli(&all)
}

/// Options that build drafts, on a clock a minute ahead of the real one (an
/// article made by `loa new` is dated now).
fn drafts_now(out: &Path) -> BuildOptions {
    BuildOptions {
        output: Some(out.to_path_buf()),
        base_url: None,
        drafts: true,
        now: Utc::now() + Duration::minutes(1),
    }
}

/// The front matter lines of a file written by `loa new`.
fn front_lines(text: &str) -> Vec<&str> {
    let mut parts = text.splitn(3, "---\n");
    assert_eq!(parts.next(), Some(""), "starts with ---: {text}");
    parts.next().expect("front matter").lines().collect()
}

fn assert_recent(date: &str, offset: &str) {
    let parsed = DateTime::<FixedOffset>::parse_from_rfc3339(date)
        .unwrap_or_else(|e| panic!("`{date}` is not RFC 3339: {e}"));
    assert!(date.ends_with(&format!(":00{offset}")), "{date}");
    let age = Utc::now() - parsed.with_timezone(&Utc);
    assert!(
        age >= Duration::zero() && age < Duration::minutes(2),
        "{date} is not now"
    );
}

#[test]
fn new_writes_the_article_with_its_front_matter() {
    let fixture = Fixture::new();
    let output = new(
        &fixture,
        &[
            "Cảnh báo: lừa đảo \"việc nhẹ lương cao\"",
            "--district",
            "Xuyên Mộc",
            "--district",
            "dat-do",
            "--category",
            "canh-bao",
        ],
    );
    assert_exit(&output, 0);
    let expected = fixture
        .root()
        .join("content/canh-bao/canh-bao-lua-dao-viec-nhe-luong-cao.md");
    assert_eq!(stdout(&output), format!("{}\n", expected.display()));
    let text = fs::read_to_string(&expected).unwrap();
    let lines = front_lines(&text);
    assert_eq!(lines.len(), 9, "{lines:#?}");
    assert_eq!(
        lines[0],
        r#"title: "Cảnh báo: lừa đảo \"việc nhẹ lương cao\"""#
    );
    assert_recent(lines[1].strip_prefix("date: ").unwrap(), "+07:00");
    assert_eq!(
        lines[2..],
        [
            "districts: [xuyen-moc, dat-do]",
            "category: canh-bao",
            "tags: []",
            "# laws: []  # văn bản pháp luật bài viết giải thích",
            "author: \"\"",
            "summary: \"\"",
            "draft: true",
        ]
    );

    // Read back by loa itself: the values, and a draft that builds.
    let site = fixture.load();
    let document = site
        .content
        .documents
        .iter()
        .find(|d| d.path == "canh-bao/canh-bao-lua-dao-viec-nhe-luong-cao.md")
        .expect("the new article is loaded");
    assert_eq!(
        document.front.title.as_deref(),
        Some("Cảnh báo: lừa đảo \"việc nhẹ lương cao\"")
    );
    assert_eq!(document.front.districts, ["xuyen-moc", "dat-do"]);
    assert_eq!(document.front.draft, Some(true));
    let report = site.build(&drafts_now(&fixture.out())).unwrap();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.articles, 1);
    let page = fixture.html("canh-bao/canh-bao-lua-dao-viec-nhe-luong-cao/index.html");
    assert_eq!(
        text_of(&page, "h1"),
        "Cảnh báo: lừa đảo \"việc nhẹ lương cao\""
    );
    let listing = fixture.html("districts/xuyen-moc/index.html");
    assert_eq!(
        card_titles(&listing),
        ["Cảnh báo: lừa đảo \"việc nhẹ lương cao\""]
    );

    // A draft: left out of an ordinary build.
    let report = fixture.load().build(&fixture.options()).unwrap();
    assert_eq!(report.articles, 0);
}

#[test]
fn new_without_district_or_category_takes_the_first_category_and_says_so() {
    let fixture = Fixture::new();
    let output = new(&fixture, &["Thông báo lịch tiếp công dân"]);
    let err = assert_exit(&output, 0);
    assert_eq!(
        err,
        "no --category: using the first category, hoat-dong (Hoạt động Công an tỉnh)\n"
    );
    let path = fixture
        .root()
        .join("content/hoat-dong/thong-bao-lich-tiep-cong-dan.md");
    assert_eq!(stdout(&output).trim_end(), path.to_string_lossy());
    let text = fs::read_to_string(&path).unwrap();
    let lines = front_lines(&text);
    assert_eq!(lines[2], "# districts: []  # để trống: toàn tỉnh");
    assert_eq!(lines[3], "category: hoat-dong", "{text}");
    let report = fixture.load().build(&drafts_now(&fixture.out())).unwrap();
    assert_eq!(report.articles, 1);
    assert!(fixture.exists("hoat-dong/thong-bao-lich-tiep-cong-dan/index.html"));
    let category = fixture.html("categories/hoat-dong/index.html");
    assert_eq!(card_titles(&category), ["Thông báo lịch tiếp công dân"]);
    // Province-wide: in every district's listing.
    for district in DISTRICTS {
        let listing = fixture.html(&format!("districts/{district}/index.html"));
        assert_eq!(card_titles(&listing), ["Thông báo lịch tiếp công dân"]);
    }
}

#[test]
fn new_dates_in_the_sites_timezone() {
    let fixture = Fixture::with_site_toml(&format!(
        "{}{SITE_TABLES}",
        SITE_HEAD.replace("+07:00", "-03:30")
    ));
    let output = new(&fixture, &["Giờ khác"]);
    assert_exit(&output, 0);
    let text = fs::read_to_string(fixture.root().join("content/hoat-dong/gio-khac.md")).unwrap();
    assert_recent(
        front_lines(&text)[1].strip_prefix("date: ").unwrap(),
        "-03:30",
    );
}

#[test]
fn new_refuses_to_overwrite() {
    let fixture = Fixture::new();
    assert_exit(&new(&fixture, &["Bài A", "--category", "hoat-dong"]), 0);
    let path = fixture.root().join("content/hoat-dong/bai-a.md");
    fs::write(&path, "đã sửa").unwrap();
    // Another spelling of the same title gives the same file.
    let err = assert_exit(&new(&fixture, &["bài  a", "--category", "hoat-dong"]), 1);
    assert!(
        err.contains("error: content/hoat-dong/bai-a.md already exists"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "đã sửa");
}

#[test]
fn new_suggests_a_district_or_category() {
    let fixture = Fixture::new();
    let output = new(&fixture, &["Bài B", "--district", "xuyen-mok"]);
    let err = assert_exit(&output, 1);
    assert!(
        err.contains("error: unknown district `xuyen-mok`\n  help: did you mean `xuyen-moc`?"),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
    let err = assert_exit(&new(&fixture, &["Bài B", "--category", "canh-bo"]), 1);
    assert!(
        err.contains("error: unknown category `canh-bo`\n  help: did you mean `canh-bao`?"),
        "{err}"
    );
    assert!(all_paths(&fixture.root().join("content")).is_empty());
}

/// `loa new --law` on a site with `laws.toml`: each value, however the
/// editor wrote it, becomes the key of its document, and the article is
/// listed on that document's page.
#[test]
fn new_writes_the_keys_of_the_laws_it_is_given() {
    let fixture = Fixture::new();
    fixture.write("laws.toml", include_str!("../fixtures/laws-good.toml"));
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    let output = new(
        &fixture,
        &[
            "Làm thẻ căn cước cho trẻ em",
            "--law",
            "Luật Căn cước 2023",
            "--law",
            "59/2014/QH13",
            "--law",
            "luat-can-cuoc-2023",
        ],
    );
    assert_exit(&output, 0);
    let path = fixture
        .root()
        .join("content/hoat-dong/lam-the-can-cuoc-cho-tre-em.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        front_lines(&text)
            .contains(&r#"laws: ["luat-can-cuoc-2023", "luat-can-cuoc-cong-dan-2014"]"#),
        "{text}"
    );
    let report = fixture.load().build(&drafts_now(&fixture.out())).unwrap();
    assert_eq!(report.articles, 1);
    // The build resolved the keys: the document's page lists the article.
    let page = fixture.read("laws/luat-can-cuoc-2023/index.html");
    assert!(page.contains("Làm thẻ căn cước cho trẻ em"), "{page}");
}

#[test]
fn new_refuses_a_law_the_register_lacks_in_the_editors_language() {
    let fixture = Fixture::new();
    fixture.write("laws.toml", include_str!("../fixtures/laws-good.toml"));
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    let output = new(
        &fixture,
        &["Bài D", "--law", "Luật Căn cước 2024", "--lang", "vi"],
    );
    let err = assert_exit(&output, 1);
    assert!(
        err.contains("không có văn bản `Luật Căn cước 2024` trong laws.toml"),
        "{err}"
    );
    assert!(err.contains("`luat-can-cuoc-2023` (26/2023/QH15)"), "{err}");
    assert!(stdout(&output).is_empty());
    assert!(all_paths(&fixture.root().join("content")).is_empty());
}

#[test]
fn new_without_laws_toml_writes_laws_as_given() {
    let fixture = Fixture::new();
    let output = new(
        &fixture,
        &[
            "Bài E",
            "--law",
            "Luật An ninh mạng 2018",
            "--law",
            "Nghị định \"15\"",
        ],
    );
    assert_exit(&output, 0);
    let text = fs::read_to_string(fixture.root().join("content/hoat-dong/bai-e.md")).unwrap();
    assert!(
        front_lines(&text).contains(&r#"laws: ["Luật An ninh mạng 2018", "Nghị định \"15\""]"#),
        "{text}"
    );
    let site = fixture.load();
    assert_eq!(
        site.content.documents[0].front.laws,
        ["Luật An ninh mạng 2018", "Nghị định \"15\""]
    );
}

#[test]
fn new_outside_a_site_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = assert_exit(&cli_in(dir.path(), &["new", "Bài C"]), 1);
    assert!(err.contains("cannot find site.toml"), "{err}");
    assert!(all_paths(dir.path()).is_empty());
}

#[test]
fn init_makes_a_site_that_builds_and_takes_new_articles() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("trang-moi");
    let err = assert_exit(&cli_in(dir.path(), &["init", "trang-moi"]), 0);
    assert!(err.contains("created a new site"), "{err}");
    assert!(err.contains("theme built into loa"), "{err}");
    assert!(site_dir.join("static").is_dir());
    // No copy of the theme: the site gets the one in the binary.
    assert!(!site_dir.join("themes").exists());

    let out = dir.path().join("out");
    let options = BuildOptions {
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        now: Utc::now() + Duration::minutes(1),
    };
    let report = Site::load(&site_dir)
        .and_then(|site| site.build(&options))
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    assert_eq!((report.articles, report.pages), (1, 1));
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    for file in [
        "index.html",
        "tin-tuc/bai-viet-mau/index.html",
        "pages/gioi-thieu/index.html",
        "districts/xuyen-moc/rss.xml",
        "logo.png",
        "style.css",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }

    let site_arg = path_str(&site_dir);
    let output = cli_in(
        dir.path(),
        &[
            "new",
            "Bài thứ hai",
            "--district",
            "xuyen-moc",
            "--category",
            "tin-tuc",
            "--root",
            &site_arg,
        ],
    );
    assert_exit(&output, 0);
    assert!(site_dir.join("content/tin-tuc/bai-thu-hai.md").is_file());
    let report = Site::load(&site_dir)
        .and_then(|site| site.build(&drafts_now(&out)))
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    assert_eq!(report.articles, 2);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert!(out.join("tin-tuc/bai-thu-hai/index.html").is_file());

    let err = assert_exit(&cli_in(dir.path(), &["check", "--root", &site_arg]), 0);
    assert!(err.contains("no errors, no warnings"), "{err}");
}

#[test]
fn init_with_theme_copies_the_theme_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("trang-moi");
    let err = assert_exit(
        &cli_in(dir.path(), &["init", "trang-moi", "--with-theme"]),
        0,
    );
    assert!(err.contains("themes/default/"), "{err}");
    // The theme written is the repository's, byte for byte (logo.png too).
    let theme = snapshot(&site_dir.join("themes/default"));
    assert_eq!(theme, snapshot(&repo_root().join("themes/default")));
    assert!(theme.contains_key("static/logo.png"));

    // What is built from the copy is what is built without it.
    let now = Utc::now() + Duration::minutes(1);
    let built = |name: &str| {
        let out = dir.path().join(name);
        let options = BuildOptions {
            output: Some(out.clone()),
            base_url: None,
            drafts: false,
            now,
        };
        Site::load(&site_dir)
            .and_then(|site| site.build(&options))
            .unwrap_or_else(|e| panic!("{}", describe(&e)));
        snapshot(&out)
    };
    let with_copy = built("with-copy");
    fs::remove_dir_all(site_dir.join("themes")).unwrap();
    assert!(with_copy == built("without-copy"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ghi-chu.txt"), "của tôi").unwrap();
    let err = assert_exit(&cli_in(dir.path(), &["init", "."]), 1);
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(all_paths(dir.path()), [Path::new("ghi-chu.txt")]);
}
