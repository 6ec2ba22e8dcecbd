//! The command line's flags and exit statuses.

use crate::support::*;

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
    assert!(err.contains("built 1 article and no pages ("), "{err}");
    assert!(err.ends_with(" ms; 1 draft left out\n"), "{err}");
    assert!(!fixture.exists("hoat-dong/nhap/index.html"));
}

/// The fixture with two articles scheduled far ahead (the first given in
/// UTC, due at 08:00 in the site's timezone) and a scheduled draft.
fn scheduled_fixture() -> Fixture {
    let fixture = fixture();
    fixture.simple("hoat-dong/hen-1.md", "Hẹn 1", "2099-12-24 08:00");
    fixture.simple("hoat-dong/hen-2.md", "Hẹn 2", "2099-12-05T01:00:00Z");
    fixture.article(
        "hoat-dong/hen-nhap.md",
        "title: Hẹn nháp\ndate: 2099-01-01\ndraft: true\n",
        "Nháp.\n",
    );
    fixture
}

#[test]
fn build_and_check_say_what_was_scheduled_and_left_out() {
    let fixture = scheduled_fixture();
    let err = assert_exit(&fixture.cli_build(), 0);
    let last = err.lines().last().unwrap_or_default();
    assert!(last.starts_with("built 1 article and no pages ("), "{err}");
    assert!(
        last.ends_with(" ms; 2 scheduled (the first on 05/12/2099 08:00), 2 drafts left out"),
        "{err}"
    );
    let root = fixture.root().to_string_lossy().into_owned();
    let err = assert_exit(&fixture.cli(&["check", "--root", &root]), 0);
    assert_eq!(
        err,
        "checked 1 article and no pages: no errors, no warnings; \
         2 scheduled (the first on 05/12/2099 08:00), 2 drafts left out\n"
    );
    // With drafts, the scheduled draft waits for its date like the others.
    let err = assert_exit(&fixture.cli(&["check", "--root", &root, "--drafts"]), 0);
    assert!(
        err.ends_with("checked 2 articles and no pages: no errors, no warnings; 3 scheduled (the first on 01/01/2099 00:00)\n"),
        "{err}"
    );
}

#[test]
fn the_report_counts_scheduled_articles_and_drafts() {
    let fixture = scheduled_fixture();
    let report = fixture.build();
    assert_eq!(report.articles, 1);
    assert_eq!(report.drafts_left_out, 2);
    assert_eq!(report.scheduled, 2);
    assert_eq!(
        report.first_scheduled.map(|d| d.to_rfc3339()).as_deref(),
        Some("2099-12-05T08:00:00+07:00")
    );
    assert_eq!(
        report.left_out().map(|m| m.render(En)).as_deref(),
        Some("2 scheduled (the first on 05/12/2099 08:00), 2 drafts left out")
    );
    // Nothing left out: nothing said.
    let plain = Fixture::new();
    plain.simple("hoat-dong/a.md", "A", "2021-10-18");
    let report = plain.build();
    assert_eq!((report.drafts_left_out, report.scheduled), (0, 0));
    assert_eq!(report.left_out(), None);
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
    // `https:///x` has no host: site.toml refused it, the flag did not.
    for bad in [
        "congan.example.gov.vn",
        "ftp://x.example",
        "https://",
        "https:///x",
    ] {
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
    assert!(err.contains("checked 1 article and no pages"), "{err}");
    let err = assert_exit(&fixture.cli(&["check", "--root", &root, "--drafts"]), 0);
    assert!(err.contains("checked 2 articles and no pages"), "{err}");
    assert!(!fixture.root().join("public").exists());
}

/// The fixture with a warning, run from `content/hoat-dong/`.
fn subfolder_fixture() -> (Fixture, std::path::PathBuf) {
    let fixture = fixture();
    fixture.article(
        "hoat-dong/anh.md",
        "title: Ảnh\ndate: 2021-10-17\n",
        "Xem ![](/logo.png).\n",
    );
    let inside = fixture.root().join("content/hoat-dong");
    (fixture, inside)
}

#[test]
fn build_and_check_find_the_site_from_a_subfolder() {
    let (fixture, inside) = subfolder_fixture();
    let err = assert_exit(&cli_in(&inside, &["build"]), 0);
    // Paths in messages stay relative to the site root, and the output
    // goes to the site's public/.
    assert!(
        err.contains("content/hoat-dong/anh.md:5:5: warning: the image has no alternative text"),
        "{err}"
    );
    let public = fixture.root().join("public");
    assert!(
        err.contains(&format!("into {} in ", public.display())),
        "{err}"
    );
    assert!(public.join("hoat-dong/anh/index.html").is_file());
    assert!(!inside.join("public").exists());

    let err = assert_exit(&cli_in(&inside, &["check"]), 0);
    assert!(err.contains("checked 2 articles and no pages"), "{err}");
    let json = cli_in(&inside, &["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&json.stdout).contains("\"path\": \"content/hoat-dong/anh.md\"")
    );
}

#[test]
fn new_from_a_subfolder_writes_in_the_site_and_shows_the_path_from_there() {
    let (fixture, inside) = subfolder_fixture();
    let output = cli_in(&inside, &["new", "Tin mới", "--category", "hoat-dong"]);
    assert_exit(&output, 0);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "tin-moi.md\n");
    assert!(fixture
        .root()
        .join("content/hoat-dong/tin-moi.md")
        .is_file());
    let elsewhere = fixture.root().join("static");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let output = cli_in(&elsewhere, &["new", "Cảnh báo", "--category", "canh-bao"]);
    assert_exit(&output, 0);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "../content/canh-bao/canh-bao.md\n"
    );
}

#[test]
fn root_names_that_folder_only_and_no_site_is_a_clear_error() {
    let (fixture, inside) = subfolder_fixture();
    let inside_arg = inside.to_string_lossy().into_owned();
    let err = assert_exit(&fixture.cli(&["build", "--root", &inside_arg]), 1);
    assert!(err.contains("cannot read site.toml"), "{err}");
    assert!(err.contains(&format!("looked in {inside_arg}")), "{err}");

    let nowhere = tempfile::tempdir().unwrap();
    for command in ["build", "check"] {
        let err = assert_exit(&cli_in(nowhere.path(), &[command]), 1);
        assert!(
            err.contains(&format!(
                "site.toml: error: cannot find site.toml in {} or any folder above it",
                nowhere.path().display()
            )),
            "{err}"
        );
        assert!(err.contains("help: run loa in the site's folder"), "{err}");
    }
}

#[test]
fn serve_finds_the_site_from_a_subfolder() {
    let (fixture, inside) = subfolder_fixture();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let out = fixture.out();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", &port.to_string(), "--output"])
        .arg(&out)
        .current_dir(&inside)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start loa serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let page = out.join("hoat-dong/anh/index.html");
    while !page.is_file() && std::time::Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("loa serve exited with {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.is_file(), "serve built nothing from the subfolder");
}
