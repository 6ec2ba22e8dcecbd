//! `loa serve` as an editor uses it: pages with the live script, edits that
//! reload the open tabs, a broken edit that shows its errors while the last
//! good site stays served, and a fix that clears them.

use std::fs;

use crate::support::serve::{save, Served};
use crate::support::*;

const ARTICLE: &str = "content/hoat-dong/bai-mot.md";
const PAGE: &str = "/hoat-dong/bai-mot/";

fn article(date: &str, body: &str) -> String {
    format!("---\ntitle: \"Bài một\"\ndate: {date}\ncategory: hoat-dong\n---\n{body}\n")
}

fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write(ARTICLE, article("2021-10-18", "Nội dung cũ của bài."));
    fixture.article(
        "hoat-dong/nhap.md",
        "title: Bài nháp\ndate: 2021-10-19\ndraft: true\n",
        "Nháp.\n",
    );
    fixture
}

fn edit(fixture: &Fixture, text: &str) {
    save(&fixture.root().join(ARTICLE), text);
}

/// The diagnostics of an `error` event or of the status.
fn errors(json: &serde_json::Value) -> Vec<serde_json::Value> {
    json.as_array().cloned().unwrap_or_default()
}

fn assert_the_bad_date_is_reported(diagnostics: &[serde_json::Value]) {
    let found = diagnostics.iter().find(|d| d["severity"] == "error");
    let Some(error) = found else {
        panic!("no error in {diagnostics:?}")
    };
    assert_eq!(error["path"], ARTICLE, "{error}");
    assert_eq!(error["line"], 3, "{error}");
    assert!(error["column"].as_u64().unwrap_or(0) > 0, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or("")
            .contains("19/10/2021"),
        "{error}"
    );
    assert!(
        error["help"].as_str().unwrap_or("").contains("2021-10-19"),
        "{error}"
    );
}

fn assert_has_live_script(served: &Served, path: &str) -> String {
    let page = served.get(path);
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    let script = page
        .body
        .find("<script src=\"/__loa/live.js")
        .unwrap_or_else(|| panic!("{path} has no live script:\n{}", page.body));
    let body_end = page.body.rfind("</body>").expect("</body>");
    assert!(script < body_end, "the script is inside the body");
    page.body
}

#[test]
fn serves_pages_with_the_live_script_and_drafts_marked() {
    let fixture = fixture();
    let served = fixture.serve();

    let page = assert_has_live_script(&served, PAGE);
    assert!(page.contains("Nội dung cũ của bài."), "{page}");
    assert_has_live_script(&served, "/");
    assert_eq!(
        served.get(PAGE).header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );

    // Drafts are built in serve mode, with their badge.
    let draft = assert_has_live_script(&served, "/hoat-dong/nhap/");
    let html = scraper::Html::parse_document(&draft);
    assert_eq!(text_of(&html, "main .draft"), "Bản nháp");

    let script = served.get("/__loa/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"), "{}", script.body);
    assert!(script
        .header("Content-Type")
        .is_some_and(|t| t.starts_with("text/javascript")));

    // A missing page is the site's 404 page, with the script too.
    let missing = served.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("/__loa/live.js"), "{}", missing.body);
    // A folder without its slash is redirected, so relative links work.
    let folder = served.get("/hoat-dong/bai-mot");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location").as_deref(), Some(PAGE));

    // The script is added while serving, never written to the output...
    let written = snapshot(&fixture.out());
    assert!(written.contains_key("hoat-dong/nhap/index.html"));
    for (file, bytes) in &written {
        assert!(
            !String::from_utf8_lossy(bytes).contains("__loa"),
            "{file} holds __loa"
        );
    }
    drop(served);

    // ...and `loa build` knows nothing of it.
    let built = fixture.dir.path().join("built");
    let root = fixture.root();
    let output = fixture.cli(&[
        "build",
        "--drafts",
        "--root",
        root.to_str().unwrap(),
        "--output",
        built.to_str().unwrap(),
    ]);
    assert_exit(&output, 0);
    let files = snapshot(&built);
    assert!(files.contains_key("index.html"));
    for (file, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("__loa"),
            "{file} holds __loa"
        );
    }
}

#[test]
fn refuses_paths_outside_the_output() {
    let fixture = fixture();
    // Beside the output folder, and the site's own sources.
    fixture.write("../secret.txt", "BÍ MẬT");
    let served = fixture.serve();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/hoat-dong/..%2f..%2fsecret.txt",
        "/hoat-dong/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/../site/site.toml",
        "/%2e%2e/site/content/hoat-dong/bai-mot.md",
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}: {}", response.body);
        assert!(!response.body.contains("BÍ MẬT"), "{path}");
        assert!(!response.body.contains("base_url"), "{path}");
        assert!(!response.body.contains("Nội dung cũ"), "{path}");
    }
    // The server is still fine.
    assert_eq!(served.get(PAGE).status, 200);
}

#[test]
fn an_edit_reloads_the_open_pages() {
    let fixture = fixture();
    let served = fixture.serve();
    let mut tab = served.events();
    let build = tab.wait_for("hello");

    edit(
        &fixture,
        &article("2021-10-18", "Nội dung mới sau khi sửa."),
    );
    let reload = tab.wait_for("reload");
    assert_ne!(reload, build, "a reload names the new build");

    let page = assert_has_live_script(&served, PAGE);
    assert!(page.contains("Nội dung mới sau khi sửa."), "{page}");
    assert!(!page.contains("Nội dung cũ"), "{page}");
    let log = served.stderr();
    assert!(log.contains("rebuilt in "), "{log}");
    assert!(log.contains("bai-mot.md"), "{log}");
}

/// `serve --root SITE` run from another folder (the fixture serves from the
/// folder above the site): an edit to an article redoes only what it
/// affects, as inside the site; a change to site.toml redoes everything.
#[test]
fn with_root_from_another_folder_an_edit_rebuilds_only_what_changed() {
    let fixture = fixture();
    let served = fixture.serve();
    let mut tab = served.events();
    tab.wait_for("hello");

    edit(&fixture, &article("2021-10-18", "Sửa lần một."));
    tab.wait_for("reload");
    let log = served.wait_for_log(|log| log.contains("rebuilt"));
    let rebuilds: Vec<&str> = log.lines().filter(|l| l.starts_with("rebuilt")).collect();
    assert!(
        rebuilds[0].starts_with("rebuilt in ")
            && rebuilds[0].ends_with("(content/hoat-dong/bai-mot.md)"),
        "an article edit is rebuilt incrementally:\n{log}"
    );

    let config = fs::read_to_string(fixture.root().join("site.toml")).unwrap();
    save(
        &fixture.root().join("site.toml"),
        &config.replace("Trang thử nghiệm", "Trang thử nghiệm mới"),
    );
    served.wait_for_log(|log| {
        log.lines()
            .any(|l| l.starts_with("rebuilt the whole site in ") && l.ends_with("(site.toml)"))
    });
}

#[test]
fn a_broken_edit_shows_its_errors_and_a_fix_clears_them() {
    let fixture = fixture();
    let served = fixture.serve();
    let mut tab = served.events();
    tab.wait_for("hello");
    assert_eq!(served.status()["ok"], true);

    edit(&fixture, &article("19/10/2021", "Nội dung hỏng."));
    let data = tab.wait_for("error");
    let json: serde_json::Value = serde_json::from_str(&data).expect("diagnostics as JSON");
    assert_the_bad_date_is_reported(&errors(&json));

    // The last good page is still served.
    let page = assert_has_live_script(&served, PAGE);
    assert!(page.contains("Nội dung cũ của bài."), "{page}");
    assert!(!page.contains("Nội dung hỏng."), "{page}");
    // The state is there for a page loaded now...
    let status = served.status();
    assert_eq!(status["ok"], false, "{status}");
    assert_the_bad_date_is_reported(&errors(&status["errors"]));
    // ...and a tab opened now is told at once.
    let mut late_tab = served.events();
    late_tab.wait_for("hello");
    let late = tab_error(&mut late_tab);
    assert_the_bad_date_is_reported(&errors(&late));
    // The terminal shows the same.
    let log = served.stderr();
    assert!(log.contains("content/hoat-dong/bai-mot.md:3:"), "{log}");
    assert!(log.contains("19/10/2021"), "{log}");

    edit(&fixture, &article("2021-10-19", "Nội dung đã sửa xong."));
    tab.wait_for("reload");
    late_tab.wait_for("reload");
    let status = served.status();
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["errors"], serde_json::json!([]));
    let page = assert_has_live_script(&served, PAGE);
    assert!(page.contains("Nội dung đã sửa xong."), "{page}");
    // A tab opened after the fix gets no error.
    let mut fresh = served.events();
    fresh.wait_for("hello");
    let quiet = fresh.next(std::time::Instant::now() + std::time::Duration::from_millis(300));
    assert!(quiet.is_none(), "{quiet:?}");
}

fn tab_error(tab: &mut crate::support::serve::Events) -> serde_json::Value {
    let data = tab.wait_for("error");
    serde_json::from_str(&data).expect("diagnostics as JSON")
}

#[test]
fn a_site_broken_at_start_is_served_once_fixed() {
    let fixture = fixture();
    fixture.write(ARTICLE, article("19/10/2021", "Nội dung hỏng."));
    let served = fixture.serve();

    let status = served.status();
    assert_eq!(status["ok"], false, "{status}");
    assert_the_bad_date_is_reported(&errors(&status["errors"]));
    // Every page explains, with the script that shows the errors.
    let page = served.get(PAGE);
    assert_eq!(page.status, 503);
    assert!(page.body.contains("/__loa/live.js"), "{}", page.body);
    let mut tab = served.events();
    tab.wait_for("hello");
    assert_the_bad_date_is_reported(&errors(&tab_error(&mut tab)));

    // Broken again another way: there is still no good build to serve.
    edit(&fixture, &article("2021-02-30", "Nội dung hỏng."));
    tab.wait_for("error");
    let log =
        served.wait_for_log(|log| log.matches("nothing to serve until it is fixed").count() == 2);
    assert!(!log.contains("last good build"), "{log}");

    edit(&fixture, &article("2021-10-19", "Nội dung đã sửa xong."));
    tab.wait_for("reload");
    assert_eq!(served.status()["ok"], true);
    let page = assert_has_live_script(&served, PAGE);
    assert!(page.contains("Nội dung đã sửa xong."), "{page}");
}

/// A folder of the fixture to be the system's temporary folder.
fn temporary(fixture: &Fixture) -> std::path::PathBuf {
    let temp = fixture.dir.path().join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    temp
}

/// What `temp` holds: the preview folders `loa serve` made, and anything
/// else left there.
fn entries(temp: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(temp)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn ctrl_c_removes_the_preview_folder_that_serve_made() {
    let fixture = fixture();
    let temp = temporary(&fixture);
    let mut served = fixture.serve_with(&[], Some(&temp));
    let made = entries(&temp);
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("loa-serve-"), "{made:?}");
    assert!(temp
        .join(&made[0])
        .join("hoat-dong/bai-mot/index.html")
        .is_file());

    let status = served.stop("INT");
    assert_eq!(status.code(), Some(130), "{status:?}\n{}", served.stderr());
    assert_eq!(entries(&temp), Vec::<String>::new(), "{}", served.stderr());
}

#[cfg(unix)]
#[test]
fn sigterm_removes_it_too_but_an_output_folder_given_is_kept() {
    let fixture = fixture();
    let temp = temporary(&fixture);
    let mut served = fixture.serve_with(&[], Some(&temp));
    assert_eq!(entries(&temp).len(), 1);
    let status = served.stop("TERM");
    assert_eq!(status.code(), Some(143), "{status:?}");
    assert_eq!(entries(&temp), Vec::<String>::new());

    let out = fixture.out();
    let mut served = fixture.serve_with(&["--output", out.to_str().unwrap()], Some(&temp));
    let status = served.stop("INT");
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(out.join("hoat-dong/bai-mot/index.html").is_file());
    assert_eq!(entries(&temp), Vec::<String>::new());
}

#[test]
fn every_interface_builds_the_preview_for_an_address_a_phone_can_open() {
    let fixture = fixture();
    let out = fixture.out();
    let served = fixture.serve_with(
        &["--bind", "0.0.0.0", "--output", out.to_str().unwrap()],
        None,
    );
    let log = served.stderr();
    assert!(log.contains("serving on every network interface"), "{log}");
    assert!(!log.contains("0.0.0.0"), "{log}");
    // The first address printed is the one the links use: the machine's
    // address on its network, or 127.0.0.1 with a warning.
    let first = log
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("http://"))
        .and_then(|rest| rest.split_whitespace().next())
        .map(|url| format!("http://{}", url.trim_end_matches('/')))
        .unwrap_or_else(|| panic!("no address printed:\n{log}"));
    assert!(first.ends_with(&format!(":{}", served.port)), "{first}");
    if first.starts_with("http://127.0.0.1:") {
        assert!(
            log.contains("warning: this computer has no network address"),
            "{log}"
        );
    }

    let files = snapshot(&out);
    assert!(files.contains_key("feed.json"), "{:?}", files.keys());
    for (file, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("0.0.0.0"),
            "{file} holds 0.0.0.0"
        );
    }
    let page = served.get(PAGE);
    let html = scraper::Html::parse_document(&page.body);
    assert_eq!(
        attr_of(&html, "link[rel=canonical]", "href"),
        format!("{first}{PAGE}")
    );
}
