//! The command line's flags and exit statuses.

mod common;

use common::*;

fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/da-dang.md", "Đã đăng", "2021-10-18");
    fixture.article(
        "hoat-dong/nhap.md",
        "title: Bản nháp\ndate: 2021-10-19\ndraft: true\n",
        "Nháp.\n",
    );
    fixture
}

fn build_args<'a>(root: &'a str, out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["build", "--root", root, "--output", out];
    args.extend_from_slice(extra);
    args
}

#[test]
fn build_reports_what_it_did() {
    let fixture = fixture();
    let err = assert_exit(&fixture.cli_build(), 0);
    assert!(err.contains("built 1 articles"), "{err}");
    assert!(!fixture.exists("hoat-dong/nhap/index.html"));
}

#[test]
fn drafts_flag_builds_drafts() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let out = fixture.out().to_string_lossy().into_owned();
    let err = assert_exit(&fixture.cli(&build_args(&root, &out, &["--drafts"])), 0);
    assert!(err.contains("built 2 articles"), "{err}");
    assert!(fixture.exists("hoat-dong/nhap/index.html"));
    assert_eq!(
        item_titles(&fixture.feed("rss.xml")),
        ["Bản nháp", "Đã đăng"]
    );
}

#[test]
fn base_url_flag_replaces_the_configured_one() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let out = fixture.out().to_string_lossy().into_owned();
    let args = build_args(&root, &out, &["--base-url", "http://127.0.0.1:8080/"]);
    assert_exit(&fixture.cli(&args), 0);
    assert_eq!(
        item_links(&fixture.feed("rss.xml")),
        ["http://127.0.0.1:8080/hoat-dong/da-dang/"]
    );
    let page = fixture.html("hoat-dong/da-dang/index.html");
    assert_eq!(
        attr_of(&page, "meta[property='og:url']", "content"),
        "http://127.0.0.1:8080/hoat-dong/da-dang/"
    );
}

#[test]
fn a_bad_base_url_flag_is_refused() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let out = fixture.out().to_string_lossy().into_owned();
    for bad in ["congan.example.gov.vn", "ftp://x.example", "https://"] {
        let args = build_args(&root, &out, &["--base-url", bad]);
        let err = assert_exit(&fixture.cli(&args), 1);
        assert!(err.contains("--base-url"), "{bad}: {err}");
        assert!(!fixture.out().exists(), "{bad}");
    }
}

#[test]
fn unknown_arguments_are_usage_errors() {
    let fixture = fixture();
    let output = fixture.cli(&["build", "--outptu", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--outptu"));
    assert!(!fixture.dir.path().join("x").exists());
}

#[test]
fn check_accepts_the_drafts_flag() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let err = assert_exit(&fixture.cli(&["check", "--root", &root]), 0);
    assert!(err.contains("checked 1 articles"), "{err}");
    let err = assert_exit(&fixture.cli(&["check", "--root", &root, "--drafts"]), 0);
    assert!(err.contains("checked 2 articles"), "{err}");
    assert!(!fixture.root().join("public").exists());
}
