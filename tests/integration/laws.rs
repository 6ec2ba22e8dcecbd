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

/// The register of [`GOOD`] with its file, and the articles at `articles`:
/// `(path, laws line, body)`.
fn site_citing(articles: &[(&str, &str, &str)]) -> Fixture {
    let fixture = Fixture::new();
    fixture.write("laws.toml", GOOD);
    fixture.write("static/van-ban/26-2023-QH15.pdf", b"%PDF-1.4\n");
    for (path, laws, body) in articles {
        fixture.article(
            path,
            &format!("title: \"Bài {path}\"\ndate: 2024-03-01\ncategory: hoat-dong\n{laws}\n"),
            body,
        );
    }
    fixture
}

#[test]
fn laws_entries_resolve_by_key_number_or_title_to_one_page_per_document() {
    let fixture = site_citing(&[
        ("hoat-dong/a.md", "laws: [luat-can-cuoc-2023]", "A.\n"),
        ("hoat-dong/b.md", "laws: [\"26/2023/qh 15\"]", "B.\n"),
        (
            "hoat-dong/c.md",
            "laws: [\"luật căn cước 2023\", \"Luật Căn cước công dân 2014\"]",
            "C.\n",
        ),
    ]);
    fixture.build();
    let page = fixture.html("laws/luat-can-cuoc-2023/index.html");
    let mut titles = card_titles(&page);
    titles.sort();
    assert_eq!(
        titles,
        [
            "Bài hoat-dong/a.md",
            "Bài hoat-dong/b.md",
            "Bài hoat-dong/c.md"
        ]
    );
    assert_eq!(
        card_titles(&fixture.html("laws/luat-can-cuoc-cong-dan-2014/index.html")),
        ["Bài hoat-dong/c.md"]
    );
    // No page is named after the words an editor wrote.
    assert!(!fixture.exists("laws/26-2023-qh-15/index.html"));
    assert!(!fixture.exists("laws/luat-can-cuoc-2023-2/index.html"));
}

#[test]
fn a_laws_entry_that_names_no_document_is_an_error_with_the_closest_keys() {
    let fixture = site_citing(&[(
        "hoat-dong/a.md",
        "laws: [\"Luật Căn cước 2024\", \"Luật Căn cước 2023\"]",
        "A.\n",
    )]);
    let errors = fixture.build_errors();
    assert_eq!(located(&errors).len(), 1, "{errors:?}");
    let (path, line, column, _) = &located(&errors)[0];
    assert_eq!(
        (path.as_str(), *line, *column),
        ("content/hoat-dong/a.md", 5, 9)
    );
    assert_eq!(errors[0].code(), "unknown-law");
    let help = errors[0]
        .help_in(loa::messages::Lang::Vi)
        .unwrap_or_default();
    assert!(
        help.contains("`luat-can-cuoc-2023` (26/2023/QH15)"),
        "{help}"
    );
}

#[test]
fn without_laws_toml_laws_stay_free_tags() {
    let fixture = site();
    fixture.article(
        "hoat-dong/a.md",
        "title: \"A\"\ndate: 2024-03-01\nlaws: [\"Luật Căn cước 2024\"]\n",
        "A.\n",
    );
    fixture.build();
    assert_eq!(
        card_titles(&fixture.html("laws/luat-can-cuoc-2024/index.html")),
        ["A"]
    );
}

#[test]
fn law_links_lead_to_the_documents_page_and_unknown_keys_are_errors() {
    let fixture = site_citing(&[(
        "hoat-dong/a.md",
        "",
        "Xem [Luật Căn cước](@law/luat-can-cuoc-2023) và [luật cũ](@law/luat-can-cuoc-cong-dan-2014#dieu-1).\n",
    )]);
    fixture.build();
    let page = fixture.html("hoat-dong/a/index.html");
    let hrefs: Vec<&str> = select(&page, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.contains("/laws/"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/laws/luat-can-cuoc-2023/",
            "/laws/luat-can-cuoc-cong-dan-2014/#dieu-1"
        ]
    );

    fixture.article(
        "hoat-dong/b.md",
        "title: \"B\"\ndate: 2024-03-01\n",
        "Đoạn đầu.\n\nXem [luật](@law/26/2023/QH15).\n",
    );
    let errors = fixture.build_errors();
    let found = located(&errors);
    assert_eq!(found.len(), 1, "{errors:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1, found[0].2),
        ("content/hoat-dong/b.md", 7, 5)
    );
    assert_eq!(errors[0].code(), "unknown-law-link");
    let help = errors[0]
        .help_in(loa::messages::Lang::En)
        .unwrap_or_default();
    assert!(help.contains("@law/luat-can-cuoc-2023"), "{help}");
}

#[test]
fn a_law_link_without_laws_toml_says_the_register_is_missing() {
    let fixture = site();
    fixture.article(
        "hoat-dong/a.md",
        "title: \"A\"\ndate: 2024-03-01\n",
        "[luật](@law/luat-a)\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code(), "unknown-law-link");
    let help = errors[0]
        .help_in(loa::messages::Lang::Vi)
        .unwrap_or_default();
    assert!(help.contains("laws.toml"), "{help}");
}

#[test]
fn every_declared_document_has_its_page_even_before_an_article_cites_it() {
    let fixture = site_citing(&[("hoat-dong/a.md", "laws: [luat-can-cuoc-2023]", "A.\n")]);
    fixture.build();
    assert!(fixture.exists("laws/luat-can-cuoc-cong-dan-2014/index.html"));
    assert!(card_titles(&fixture.html("laws/luat-can-cuoc-cong-dan-2014/index.html")).is_empty());
}
