//! `loa check`: the warnings an editor needs (each at its file, line and
//! column, none of them stopping the build) and `--format json`.

use crate::support::pictures::drawing;
use crate::support::*;
use loa::diagnostics::Severity;
use serde_json::Value;

/// A paragraph of more than 300 characters.
fn long_paragraph() -> String {
    let text = "Công an tỉnh khuyến cáo người dân cảnh giác với các cuộc gọi lạ. ".repeat(6);
    let text = text.trim().to_string();
    assert!(text.chars().count() > 300);
    text
}

/// One article per warning, and articles that must not warn.
fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/anh.png", drawing(1200, 630));
    fixture.article(
        "hoat-dong/anh-thieu-mo-ta.md",
        "title: \"Ảnh thiếu mô tả\"\ndate: 2024-03-01\ncategory: hoat-dong\n",
        "Đoạn đầu.\n\nXem ảnh: ![](anh.png)\n\n[Tờ khai](@/hoat-dong/nhap.md) và ![Có mô tả](anh.png)\n",
    );
    fixture.article(
        "hoat-dong/nhap.md",
        "title: \"Tờ khai\"\ndate: 2024-02-01\ndraft: true\n",
        "Chưa xong.\n",
    );
    fixture.article(
        "hoat-dong/bai-dai.md",
        "title: \"Bài dài\"\ndate: 2024-03-02\ncategory: hoat-dong\n",
        &format!("## Mở đầu\n\n{}\n\nĐoạn hai.\n", long_paragraph()),
    );
    fixture.article(
        "hoat-dong/co-tom-tat.md",
        "title: \"Có tóm tắt\"\ndate: 2024-03-03\nsummary: \"Ngắn.\"\n",
        &format!("{}\n", long_paragraph()),
    );
    // 300 characters (600 bytes): not too long.
    fixture.article(
        "hoat-dong/vua-du.md",
        "title: \"Vừa đủ\"\ndate: 2024-03-04\n",
        &format!("{}\n", "đ".repeat(300)),
    );
    for (file, date) in [("mxh-1.md", "2024-04-01"), ("mxh-2.md", "2024-04-02")] {
        fixture.article(
            &format!("hoat-dong/{file}"),
            &format!("title: \"Bài {file}\"\ndate: {date}\ntags: [Mạng xã hội, an ninh]\n"),
            "Nội dung.\n",
        );
    }
    fixture.article(
        "hoat-dong/mxh-3.md",
        "title: \"Bài mxh-3\"\ndate: 2024-04-03\ncategory: hoat-dong\ntags: [an ninh, mang xa hoi]\n",
        "Nội dung.\n",
    );
    // The later article comes first by file name: "later" is by date.
    fixture.article(
        "canh-bao/a-sau.md",
        "title: \"CẢNH BÁO  lừa đảo qua mạng\"\ndate: 2024-05-02\n",
        "Nội dung sau.\n",
    );
    fixture.article(
        "canh-bao/b-truoc.md",
        "title: \"Cảnh báo lừa đảo qua mạng\"\ndate: 2024-05-01\n",
        "Nội dung trước.\n",
    );
    fixture
}

fn expected_warnings() -> Vec<(String, usize, usize, String)> {
    [
        (
            "content/canh-bao/a-sau.md",
            2,
            1,
            "the same title as content/canh-bao/b-truoc.md, an earlier article",
        ),
        (
            "content/hoat-dong/anh-thieu-mo-ta.md",
            8,
            10,
            "the image has no alternative text",
        ),
        (
            "content/hoat-dong/anh-thieu-mo-ta.md",
            10,
            1,
            "links to content/hoat-dong/nhap.md, which is a draft or scheduled and not published yet",
        ),
        (
            "content/hoat-dong/bai-dai.md",
            8,
            1,
            "the article has no `summary:` and its first paragraph, used instead, is 389 characters long",
        ),
        (
            "content/hoat-dong/mxh-3.md",
            5,
            17,
            "the tag `mang xa hoi` is written `Mạng xã hội` in 2 other articles",
        ),
    ]
    .into_iter()
    .map(|(p, l, c, m)| (p.to_string(), l, c, m.to_string()))
    .collect()
}

#[test]
fn each_warning_at_its_line_and_the_build_still_succeeds() {
    assert_eq!(long_paragraph().chars().count(), 389);
    let fixture = fixture();
    let report = fixture.build();
    assert!(report.warnings.iter().all(|d| !d.is_error()));
    assert_eq!(located(&report.warnings), expected_warnings());
    for warning in &report.warnings {
        assert!(warning.help_in(En).is_some(), "{warning}");
    }
    let by_message = |needle: &str| {
        report
            .warnings
            .iter()
            .find(|d| d.message_in(En).contains(needle))
            .and_then(|d| d.help_in(En).clone())
            .unwrap_or_default()
    };
    assert!(by_message("tag").contains("write `Mạng xã hội`"));
    assert!(by_message("first paragraph").contains("summary:"));
    assert!(by_message("first paragraph").contains("Zalo"));
    assert!(fixture.exists("canh-bao/a-sau/index.html"));
    assert!(fixture.exists("tags/mang-xa-hoi/index.html"));
}

#[test]
fn a_tag_listing_is_named_by_the_spelling_the_warning_suggests() {
    let fixture = fixture();
    fixture.build();
    let page = fixture.html("tags/mang-xa-hoi/index.html");
    assert!(text_of(&page, "h1").contains("Mạng xã hội"));
}

#[test]
fn tag_spellings_tie_and_titles_in_drafts() {
    let fixture = Fixture::new();
    fixture.article(
        "a.md",
        "title: \"A\"\ndate: 2024-01-01\ntags: [Zalo]\n",
        "Một.\n",
    );
    fixture.article(
        "b.md",
        "title: \"B\"\ndate: 2024-01-02\ntags: [zalo]\n",
        "Hai.\n",
    );
    // A draft is not checked unless drafts are built.
    fixture.article(
        "c.md",
        "title: \"a\"\ndate: 2024-01-03\ndraft: true\n",
        "Ba.\n",
    );
    let report = fixture.build();
    // On a tie the smallest spelling wins (as the listing's name does).
    assert_eq!(
        located(&report.warnings),
        [(
            "content/b.md".to_string(),
            4,
            8,
            "the tag `zalo` is written `Zalo` in 1 other article".to_string()
        )]
    );
    let mut options = fixture.options();
    options.drafts = true;
    let report = fixture.build_with(&options);
    assert!(
        report
            .warnings
            .iter()
            .any(|d| d.path.ends_with("c.md") && d.message_in(En).contains("content/a.md")),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn on_a_tie_the_spelling_with_diacritics_names_the_listing_and_the_warning() {
    let fixture = Fixture::new();
    // The spelling without diacritics comes first by file and by code point.
    fixture.article(
        "a.md",
        "title: \"A\"\ndate: 2024-01-01\ntags: [du lich]\n",
        "Một.\n",
    );
    fixture.article(
        "b.md",
        "title: \"B\"\ndate: 2024-01-02\ntags: [du lịch]\n",
        "Hai.\n",
    );
    let report = fixture.build();
    assert_eq!(
        located(&report.warnings),
        [(
            "content/a.md".to_string(),
            4,
            8,
            "the tag `du lich` is written `du lịch` in 1 other article".to_string()
        )]
    );
    assert!(report.warnings[0]
        .help_in(En)
        .as_deref()
        .is_some_and(|h| h.starts_with("write `du lịch`")));
    let page = fixture.html("tags/du-lich/index.html");
    let heading = text_of(&page, "h1");
    assert!(heading.trim().ends_with(" du lịch"), "{heading}");
}

#[test]
fn check_prints_path_line_column_warning_and_help() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let output = fixture.cli(&["check", "--root", &root]);
    let err = assert_exit(&output, 0);
    assert!(output.stdout.is_empty());
    for (path, line, column, message) in expected_warnings() {
        let text = format!("{path}:{line}:{column}: warning: {message}\n  help: ");
        assert!(err.contains(&text), "{text}\n---\n{err}");
    }
    assert!(
        err.contains("no errors, 5 warnings; 1 draft left out"),
        "{err}"
    );
    assert!(!fixture.root().join("public").exists());
}

fn check_json(fixture: &Fixture) -> (i32, Vec<Value>) {
    let root = fixture.root().to_string_lossy().into_owned();
    let output = fixture.cli(&["check", "--root", &root, "--format", "json"]);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let value: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON alone ({e}):\n{stdout}"));
    let Value::Array(items) = value else {
        panic!("not an array: {stdout}")
    };
    for item in &items {
        let Value::Object(fields) = item else {
            panic!("not an object: {item}")
        };
        let mut keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["code", "column", "help", "line", "message", "path", "severity"]
        );
    }
    (output.status.code().expect("exit status"), items)
}

fn as_tuple(item: &Value) -> (String, usize, usize, String) {
    (
        item["path"].as_str().unwrap().to_string(),
        item["line"].as_u64().unwrap() as usize,
        item["column"].as_u64().unwrap() as usize,
        item["message"].as_str().unwrap().to_string(),
    )
}

#[test]
fn json_lists_the_warnings_and_exits_0() {
    let fixture = fixture();
    let (code, items) = check_json(&fixture);
    assert_eq!(code, 0);
    assert!(items.iter().all(|i| i["severity"] == "warning"));
    assert_eq!(
        items.iter().map(as_tuple).collect::<Vec<_>>(),
        expected_warnings()
    );
    assert!(items.iter().all(|i| i["help"].is_string()));
    // Stable from run to run, although files are checked in parallel.
    assert_eq!(check_json(&fixture).1, items);
}

#[test]
fn json_with_errors_exits_1_and_lists_errors_and_warnings() {
    let fixture = fixture();
    fixture.article(
        "hoat-dong/sai.md",
        "title: \"Sai địa bàn\"\ndate: 2024-06-01\ndistricts: [xuyen-mok]\n",
        "Nội dung.\n",
    );
    let (code, items) = check_json(&fixture);
    assert_eq!(code, 1);
    let error = items
        .iter()
        .find(|i| i["severity"] == "error")
        .expect("an error");
    assert_eq!(
        as_tuple(error),
        (
            "content/hoat-dong/sai.md".to_string(),
            4,
            13,
            "unknown district `xuyen-mok`".to_string()
        )
    );
    assert_eq!(error["help"], "did you mean `xuyen-moc`?");
    assert!(items.iter().any(|i| i["severity"] == "warning"));
}

#[test]
fn json_of_a_clean_site_is_an_empty_array() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "Tin A", "2024-01-01");
    assert_eq!(check_json(&fixture), (0, vec![]));
}

#[test]
fn json_reports_a_broken_site_toml() {
    let fixture =
        Fixture::with_site_toml("title = \"T\"\nbase_url = \"https://e.org\"\nper_paeg = 3\n");
    let (code, items) = check_json(&fixture);
    assert_eq!(code, 1);
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["severity"], "error");
    assert_eq!(items[0]["path"], "site.toml");
    assert_eq!(items[0]["line"], 3);
    assert!(items[0]["help"]
        .as_str()
        .unwrap_or_default()
        .contains("per_page"));
}

#[test]
fn text_format_is_the_default_and_can_be_named() {
    let fixture = fixture();
    let root = fixture.root().to_string_lossy().into_owned();
    let named = fixture.cli(&["check", "--root", &root, "--format", "text"]);
    let default = fixture.cli(&["check", "--root", &root]);
    assert_eq!(assert_exit(&named, 0), assert_exit(&default, 0));
    assert!(named.stdout.is_empty());
    let bad = fixture.cli(&["check", "--root", &root, "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn severities_serialise_in_lower_case() {
    assert_eq!(
        serde_json::to_value(Severity::Warning).unwrap(),
        Value::from("warning")
    );
}
