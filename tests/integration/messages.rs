//! The language loa speaks: Vietnamese unless `--lang`, `LOA_LANG` or the
//! site's `language` says English; the flag beats the variable, which
//! beats the site. Messages keep their shape in both languages, and
//! `check --format json` gives each diagnostic a stable `code`.

use crate::support::*;
use serde_json::Value;

/// A site with an article in an unknown district (`xuyen-mok`), and its
/// `check` arguments.
fn broken_site(language: &str) -> (Fixture, Vec<String>) {
    let toml = SITE_HEAD.replace("language = \"vi\"", &format!("language = \"{language}\""));
    let fixture = Fixture::with_site_toml(&format!("{toml}\n{SITE_TABLES}"));
    fixture.article(
        "hoat-dong/a.md",
        "title: A\ndate: 2021-10-19\ndistricts: [xuyen-mok]\n",
        "A.\n",
    );
    let root = fixture.root().to_string_lossy().into_owned();
    (fixture, vec!["check".into(), "--root".into(), root])
}

fn check(fixture: &Fixture, args: &[String], extra: &[&str], env: Option<&str>) -> String {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend(extra);
    assert_exit(&cli_with_env(fixture.dir.path(), &all, env), 1)
}

const VI_ERROR: &str = "content/hoat-dong/a.md:4:13: lỗi: không có địa bàn `xuyen-mok`\n  gợi ý: ý bạn là `xuyen-moc`?";
const EN_ERROR: &str = "content/hoat-dong/a.md:4:13: error: unknown district `xuyen-mok`\n  help: did you mean `xuyen-moc`?";

#[test]
fn vietnamese_by_default() {
    let (fixture, args) = broken_site("vi");
    let err = check(&fixture, &args, &[], None);
    assert!(err.contains(VI_ERROR), "{err}");
    assert!(err.contains("\n1 lỗi; "), "{err}");
    // No site at all: still Vietnamese.
    let empty = tempfile::tempdir().unwrap();
    let err = assert_exit(&cli_with_env(empty.path(), &["check"], None), 1);
    assert!(err.contains("lỗi: không tìm thấy site.toml"), "{err}");
    assert!(err.contains("  gợi ý: "), "{err}");
}

#[test]
fn lang_flag_gives_english() {
    let (fixture, args) = broken_site("vi");
    let err = check(&fixture, &args, &["--lang", "en"], None);
    assert!(err.contains(EN_ERROR), "{err}");
    assert!(err.contains("\n1 error; nothing was written."), "{err}");
    // Before the subcommand too: the flag is global.
    let mut before = vec!["--lang".to_string(), "en".to_string()];
    before.extend(args.iter().cloned());
    let err = check(&fixture, &before, &[], None);
    assert!(err.contains(EN_ERROR), "{err}");
}

#[test]
fn loa_lang_gives_english() {
    let (fixture, args) = broken_site("vi");
    let err = check(&fixture, &args, &[], Some("en"));
    assert!(err.contains(EN_ERROR), "{err}");
}

#[test]
fn the_flag_beats_the_variable_and_the_variable_beats_the_site() {
    let (fixture, args) = broken_site("en");
    let err = check(&fixture, &args, &["--lang", "vi"], Some("en"));
    assert!(err.contains(VI_ERROR), "{err}");
    let err = check(&fixture, &args, &[], Some("vi"));
    assert!(err.contains(VI_ERROR), "{err}");
}

#[test]
fn an_english_site_speaks_english() {
    for language in ["en", "en-GB"] {
        let (fixture, args) = broken_site(language);
        let err = check(&fixture, &args, &[], None);
        assert!(err.contains(EN_ERROR), "{language}: {err}");
    }
    // Any language loa has no catalogue for is Vietnamese.
    let (fixture, args) = broken_site("fr");
    let err = check(&fixture, &args, &[], None);
    assert!(err.contains(VI_ERROR), "{err}");
}

#[test]
fn an_english_site_found_from_a_subfolder_speaks_english() {
    let (fixture, _) = broken_site("en");
    let inside = fixture.root().join("content/hoat-dong");
    let err = assert_exit(&cli_with_env(&inside, &["check"], None), 1);
    assert!(err.contains("error: unknown district `xuyen-mok`"), "{err}");
}

#[test]
fn json_has_a_code_beside_the_message_in_the_chosen_language() {
    let (fixture, args) = broken_site("vi");
    for (extra, message, help) in [
        (
            vec!["--format", "json"],
            "không có địa bàn `xuyen-mok`",
            "ý bạn là `xuyen-moc`?",
        ),
        (
            vec!["--format", "json", "--lang", "en"],
            "unknown district `xuyen-mok`",
            "did you mean `xuyen-moc`?",
        ),
    ] {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(&extra);
        let output = cli_with_env(fixture.dir.path(), &all, None);
        assert_eq!(output.status.code(), Some(1));
        let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let first = &value[0];
        assert_eq!(first["code"], "unknown-district", "{value}");
        assert_eq!(first["severity"], "error");
        assert_eq!(first["path"], "content/hoat-dong/a.md");
        assert_eq!(
            (first["line"].as_u64(), first["column"].as_u64()),
            (Some(4), Some(13))
        );
        assert_eq!(first["message"], message);
        assert_eq!(first["help"], help);
    }
}

#[test]
fn codes_are_kebab_case_and_name_the_kind_of_problem() {
    let fixture = Fixture::new();
    fixture.article("hoat-dong/a.md", "date: 2021-02-30\ntags: [a\n", "A.\n");
    fixture.article("hoat-dong/b.md", "date: 2021-10-19\n", "A.\n");
    let root = fixture.root();
    let output = cli_with_env(
        fixture.dir.path(),
        &[
            "check",
            "--root",
            root.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let codes: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["invalid-front-matter", "missing-title"], "{value}");
    for code in codes {
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{code}"
        );
    }
}

#[test]
fn yaml_errors_are_said_in_plain_words() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/a.md",
        "title: Cảnh báo: lừa đảo\ndate: 2021-10-19\n",
        "A.\n",
    );
    let root = fixture.root();
    let output = cli_with_env(
        fixture.dir.path(),
        &["check", "--root", root.to_str().unwrap()],
        None,
    );
    let err = assert_exit(&output, 1);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.contains("lỗi: phần đầu bài (front matter) viết sai: "),
        "{err}"
    );
    assert!(
        !first.contains("YAML") && !first.contains("mapping"),
        "{first}"
    );
    // The library's own words stay available, in the help.
    assert!(err.contains("mapping values are not allowed"), "{err}");
}

#[test]
fn help_is_vietnamese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let vi = cli_with_env(dir.path(), &["--help"], None);
    assert_eq!(vi.status.code(), Some(0));
    let vi = String::from_utf8_lossy(&vi.stdout).into_owned();
    for words in [
        "Cách dùng:",
        "Các lệnh:",
        "Tuỳ chọn:",
        "Báo mọi lỗi và cảnh báo",
        "Xem hướng dẫn",
    ] {
        assert!(vi.contains(words), "`{words}` missing:\n{vi}");
    }
    assert!(!vi.contains("Print help"), "{vi}");

    let sub = cli_with_env(dir.path(), &["build", "--help"], None);
    let sub = String::from_utf8_lossy(&sub.stdout).into_owned();
    assert!(sub.contains("Thư mục kết quả"), "{sub}");
    assert!(sub.contains("--lang"), "{sub}");

    for (args, env) in [
        (&["--help", "--lang", "en"][..], None),
        (&["check", "--help"][..], Some("en")),
    ] {
        let en = cli_with_env(dir.path(), args, env);
        assert_eq!(en.status.code(), Some(0));
        let en = String::from_utf8_lossy(&en.stdout).into_owned();
        assert!(en.contains("Usage:"), "{en}");
        assert!(en.contains("Print help"), "{en}");
        assert!(!en.contains("Cách dùng"), "{en}");
    }
}

#[test]
fn build_summary_follows_the_language() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let root = fixture.root();
    let out = fixture.out();
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let err = assert_exit(&cli_with_env(fixture.dir.path(), &args, None), 0);
    assert!(err.contains("đã dựng 1 bài viết và "), "{err}");
    let err = assert_exit(&cli_with_env(fixture.dir.path(), &args, Some("en")), 0);
    assert!(err.contains("built 1 article and "), "{err}");
}

#[test]
fn a_mistyped_command_is_said_in_vietnamese_first() {
    let dir = tempfile::tempdir().unwrap();
    let output = cli_with_env(dir.path(), &["bulid"], None);
    let err = assert_exit(&output, 2);
    assert!(err.starts_with("lỗi: câu lệnh chưa viết đúng"), "{err}");
    // clap's own words follow, with its suggestion.
    assert!(err.contains("'build'"), "{err}");
    let output = cli_with_env(dir.path(), &["bulid", "--lang", "en"], None);
    let err = assert_exit(&output, 2);
    assert!(err.starts_with("error: unrecognized subcommand"), "{err}");
}
