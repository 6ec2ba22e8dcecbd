//! `laws.toml`: the register of legal documents, read and checked
//! (issue 16, step 1).

use crate::support::*;

const GOOD: &str = include_str!("../fixtures/laws-good.toml");

/// Every kind of mistake, one or more a document.
const BAD: &str = r#"[[laws]]
key = "Luật Căn cước"
number = "26/2023/QH15"
title = "Luật Căn cước"
type = "Luật"
issuer = "Quốc hội"
issued = 2023-11-27
effective = 2024-07-01
expires = 2024-01-01
url = "vbpl.vn/26"
file = "van-ban/khong-co.pdf"
replaces = ["luat-can-cuoc-cong-dan"]

[[laws]]
key = "luat-can-cuoc-cong-dan-2014"
number = "59/2014/QH13"
titel = "Luật Căn cước công dân"
type = "Luật"
issuer = "Quốc hội"
issued = "20/11/2014"
replaced_by = ["luat-can-cuoc-2023"]
"#;

fn site() -> Fixture {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/bai.md", "Một bài", "2024-03-01");
    fixture
}

#[test]
fn a_good_register_builds_and_is_loaded() {
    let fixture = site();
    fixture.write("laws.toml", GOOD);
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    let laws = fixture.load().laws.expect("laws.toml is read");
    let keys: Vec<&str> = laws.iter().map(|law| law.key.as_str()).collect();
    assert_eq!(keys, ["luat-can-cuoc-2023", "luat-can-cuoc-cong-dan-2014"]);
    fixture.build();
    assert!(fixture.exists("index.html"));
}

#[test]
fn a_site_without_laws_toml_has_no_register() {
    let fixture = site();
    assert!(fixture.load().laws.is_none());
    fixture.build();
}

#[test]
fn a_bad_register_fails_the_build_with_every_mistake_located() {
    let fixture = site();
    fixture.write("laws.toml", BAD);
    let errors = fixture.build_errors();
    let found: Vec<(String, usize, usize, &str)> = located(&errors)
        .into_iter()
        .zip(&errors)
        .map(|((path, line, column, _), d)| (path, line, column, d.code()))
        .collect();
    let at = |line, column, code| ("laws.toml".to_string(), line, column, code);
    assert_eq!(
        found,
        vec![
            at(2, 7, "bad-law-key"),
            at(9, 11, "law-expires-before-effective"),
            at(10, 7, "bad-law-url"),
            at(11, 8, "missing-law-file"),
            at(12, 13, "unknown-law-reference"),
            at(14, 1, "missing-law-field"),
            at(14, 1, "missing-law-field"),
            at(17, 1, "unknown-law-field"),
            at(20, 10, "bad-law-date"),
            at(21, 16, "unknown-law-reference"),
        ]
    );
}

#[test]
fn loa_check_reports_the_register_in_vietnamese() {
    let fixture = site();
    fixture.write("laws.toml", BAD);
    let root = fixture.root();
    let output = cli_with_env(&root, &["check"], None);
    let err = assert_exit(&output, 1);
    for expected in [
        "laws.toml:2:7",
        "mã `Luật Căn cước` của văn bản không dùng được trong địa chỉ trang",
        "`luat-can-cuoc`",
        "laws.toml:17:1",
        "văn bản có trường `titel` mà loa không biết",
        "ý bạn là `title`?",
        "laws.toml:20:10",
        "viết `issued = 2014-11-20`",
        "laws.toml:11:8",
        "không có tệp đó trong static/ hay content/",
    ] {
        assert!(err.contains(expected), "{expected} not in:\n{err}");
    }
    let english = cli_with_env(&root, &["check", "--lang", "en"], None);
    let err = assert_exit(&english, 1);
    assert!(
        err.contains("a document has a field `titel` that loa does not know"),
        "{err}"
    );
}
