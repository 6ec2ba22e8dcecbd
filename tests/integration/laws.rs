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
        cite(&fixture, path, "2024-03-01", laws, body);
    }
    fixture
}

/// Writes the article `path`, titled after its path, dated `date`, its
/// `laws:` line (line 5) `laws`.
fn cite(fixture: &Fixture, path: &str, date: &str, laws: &str, body: &str) {
    fixture.article(
        path,
        &format!("title: \"Bài {path}\"\ndate: {date}\ncategory: hoat-dong\n{laws}\n"),
        body,
    );
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

/// The warnings of one code in a build's report: `(path, line, column,
/// message, help)` in English.
fn warnings_of(
    report: &loa::BuildReport,
    code: &str,
) -> Vec<(String, usize, usize, String, String)> {
    report
        .warnings
        .iter()
        .filter(|w| w.code() == code)
        .map(|w| {
            (
                w.path.to_string_lossy().into_owned(),
                w.line,
                w.column,
                w.message_in(loa::messages::Lang::En),
                w.help_in(loa::messages::Lang::En).unwrap_or_default(),
            )
        })
        .collect()
}

const AFTER_EXPIRY: &str = "law-cited-after-expiry";

#[test]
fn an_article_dated_on_or_after_a_laws_expiry_is_warned_at_its_entry() {
    let fixture = site_citing(&[]);
    // Written on the first day the 2014 law no longer applied, naming it
    // by number after the law that replaced it.
    cite(
        &fixture,
        "hoat-dong/a.md",
        "2024-07-01",
        "laws: [luat-can-cuoc-2023, \"59/2014/QH13\"]",
        "A.\n",
    );
    // The day before: right when written.
    cite(
        &fixture,
        "hoat-dong/b.md",
        "2024-06-30 23:59",
        "laws: [luat-can-cuoc-cong-dan-2014]",
        "B.\n",
    );
    cite(
        &fixture,
        "hoat-dong/c.md",
        "2025-01-01",
        "laws: [luat-can-cuoc-2023]",
        "C.\n",
    );
    let report = fixture.build();
    assert_eq!(
        warnings_of(&report, AFTER_EXPIRY),
        [(
            "content/hoat-dong/a.md".to_string(),
            5,
            29,
            "the article is dated 01/07/2024 but cites Luật Căn cước công dân (59/2014/QH13), \
             which stopped applying on 01/07/2024: probably the wrong law"
                .to_string(),
            "if the article explains the rules that apply now, replace `59/2014/QH13` in \
             `laws:` with what replaced it: `luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15)"
                .to_string()
        )]
    );

    let root = fixture.root();
    let output = cli_with_env(&root, &["check"], None);
    let err = assert_exit(&output, 0);
    let expected = "content/hoat-dong/a.md:5:29: cảnh báo: bài đăng ngày 01/07/2024 nhưng dẫn \
        Luật Căn cước công dân (59/2014/QH13), văn bản đã hết hiệu lực từ ngày 01/07/2024: có \
        thể bài dẫn nhầm văn bản\n  gợi ý: nếu bài nói về quy định đang áp dụng, trong `laws:` \
        thay `59/2014/QH13` bằng văn bản thay thế nó: `luat-can-cuoc-2023` (Luật Căn cước, \
        26/2023/QH15)\n";
    assert!(err.contains(expected), "{err}");
}

#[test]
fn a_law_without_replacement_is_to_be_checked() {
    let fixture = site_citing(&[]);
    fixture.write(
        "laws.toml",
        GOOD.replace("replaces = [\"luat-can-cuoc-cong-dan-2014\"]", "")
            .replace("replaced_by = [\"luat-can-cuoc-2023\"]", ""),
    );
    cite(
        &fixture,
        "hoat-dong/a.md",
        "2025-02-01",
        "laws: [Luật Căn cước công dân 2014]",
        "A.\n",
    );
    let found = warnings_of(&fixture.build(), AFTER_EXPIRY);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1, found[0].2), (5, 8));
    assert_eq!(
        found[0].4,
        "laws.toml names no document that replaced this one (`replaced_by`): check which law \
         the article means, and its date"
    );
}

#[test]
fn the_warning_follows_the_articles_date_and_the_register_in_a_serve_session() {
    let fixture = site_citing(&[]);
    let article = |date: &str| {
        format!(
            "---\ntitle: \"A\"\ndate: {date}\ncategory: hoat-dong\nlaws: [luat-can-cuoc-cong-dan-2014]\n---\nA.\n"
        )
    };
    fixture.write("content/hoat-dong/a.md", article("2024-03-01"));
    let (mut session, first) =
        loa::session::Session::start(&fixture.root(), fixture.options()).expect("first build");
    assert_eq!(warnings_of(&first, AFTER_EXPIRY), []);

    let path = fixture.root().join("content/hoat-dong/a.md");
    std::fs::write(&path, article("2024-08-01")).unwrap();
    let dated_after = session.rebuild(&[path]).unwrap();
    assert_eq!(
        warnings_of(&dated_after, AFTER_EXPIRY)
            .iter()
            .map(|w| (w.1, w.2))
            .collect::<Vec<_>>(),
        [(5, 8)]
    );

    // The law ends later: the same article was right when written.
    fixture.write(
        "laws.toml",
        GOOD.replace("expires = 2024-07-01", "expires = 2024-09-01"),
    );
    let later = session
        .rebuild(&[fixture.root().join("laws.toml")])
        .unwrap();
    assert_eq!(warnings_of(&later, AFTER_EXPIRY), []);
}

/// A site whose articles cite the 2014 law (one a draft), the 2023 law,
/// or both.
fn expired_site() -> Fixture {
    let fixture = site_citing(&[]);
    cite(
        &fixture,
        "hoat-dong/a.md",
        "2024-03-01",
        "laws: [luat-can-cuoc-cong-dan-2014]",
        "A.\n",
    );
    cite(
        &fixture,
        "hoat-dong/b.md",
        "2024-08-01",
        "laws: [luat-can-cuoc-2023, 59/2014/QH13]",
        "B.\n",
    );
    cite(
        &fixture,
        "canh-bao/c.md",
        "2025-01-01",
        "laws: [luat-can-cuoc-2023]",
        "C.\n",
    );
    cite(
        &fixture,
        "canh-bao/d.md",
        "2024-05-01",
        "laws: [luat-can-cuoc-cong-dan-2014]\ndraft: true",
        "D.\n",
    );
    fixture
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn expired_since_lists_the_articles_citing_each_document_that_stopped_applying() {
    let fixture = expired_site();
    let site = fixture.load();
    let report = site
        .expired_since(day("2024-07-01"), &fixture.options())
        .expect("a report");
    assert_eq!(report.today, day("2026-11-29"));
    // Each document's key, and where its articles cite it.
    let listed: Vec<(&str, Vec<String>)> = report
        .laws
        .iter()
        .map(|law| {
            let citations = law.citations.iter().map(|c| {
                let at = c.position;
                format!("{}:{}:{}", c.path.display(), at.line, at.column)
            });
            (law.key.as_str(), citations.collect())
        })
        .collect();
    assert_eq!(
        listed,
        [(
            "luat-can-cuoc-cong-dan-2014",
            vec![
                "content/hoat-dong/b.md:5:28".to_string(),
                "content/hoat-dong/a.md:5:8".to_string(),
            ]
        )]
    );
    assert_eq!(
        report.summary().render(loa::messages::Lang::Vi),
        "2 bài viết dẫn 1 văn bản đã hết hiệu lực từ ngày 01/07/2024 đến hôm nay (29/11/2026)"
    );

    // A day after the expiry: nothing expired since.
    let after = site
        .expired_since(day("2024-07-02"), &fixture.options())
        .unwrap();
    assert_eq!(after.laws, []);
    assert_eq!(
        after.summary().render(loa::messages::Lang::En),
        "no document of laws.toml stopped applying from 02/07/2024 to today (29/11/2026)"
    );

    // A build on a day before the expiry: the law still applied.
    let before = loa::BuildOptions {
        now: "2024-06-30T12:00:00Z".parse().unwrap(),
        ..fixture.options()
    };
    let early = site.expired_since(day("2024-01-01"), &before).unwrap();
    assert_eq!(early.laws, []);
    assert_eq!(early.today, day("2024-06-30"));

    // With drafts, the draft citing it too.
    let drafts = loa::BuildOptions {
        drafts: true,
        ..fixture.options()
    };
    let with_drafts = site.expired_since(day("2024-07-01"), &drafts).unwrap();
    assert_eq!(with_drafts.laws[0].citations.len(), 3);
}

#[test]
fn loa_check_expired_since_prints_the_list_in_vietnamese_and_exits_0() {
    let fixture = expired_site();
    let root = fixture.root();
    let output = cli_with_env(&root, &["check", "--expired-since", "2024-07-01"], None);
    let err = assert_exit(&output, 0);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Luật Căn cước công dân (59/2014/QH13): hết hiệu lực từ ngày 01/07/2024, được thay bằng \
         `luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15); 2 bài viết dẫn văn bản này\n\
         \x20 content/hoat-dong/b.md:5:28  01/08/2024  Bài hoat-dong/b.md\n\
         \x20 content/hoat-dong/a.md:5:8   01/03/2024  Bài hoat-dong/a.md\n"
    );
    // The build's day is today's: only the start of the line is known.
    assert!(
        err.starts_with(
            "2 bài viết dẫn 1 văn bản đã hết hiệu lực từ ngày 01/07/2024 đến hôm nay ("
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "nothing but the count: {err}");

    let english = cli_with_env(
        &root,
        &[
            "check",
            "--expired-since",
            "2024-07-01",
            "--lang",
            "en",
            "--drafts",
        ],
        None,
    );
    let err = assert_exit(&english, 0);
    let out = String::from_utf8_lossy(&english.stdout);
    assert!(
        out.starts_with(
            "Luật Căn cước công dân (59/2014/QH13): no longer in force since 01/07/2024, \
             replaced by `luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15); 3 articles cite it\n"
        ),
        "{out}"
    );
    assert!(out.contains("content/canh-bao/d.md:5:8"), "{out}");
    assert!(
        err.starts_with("3 articles cite 1 document that stopped applying from 01/07/2024"),
        "{err}"
    );

    let later = cli_with_env(&root, &["check", "--expired-since", "2024-07-02"], None);
    let err = assert_exit(&later, 0);
    assert!(later.stdout.is_empty());
    assert!(
        err.starts_with(
            "không có văn bản nào trong laws.toml hết hiệu lực từ ngày 02/07/2024 đến hôm nay"
        ),
        "{err}"
    );
}

#[test]
fn loa_check_expired_since_refuses_a_bad_date_a_site_without_register_and_errors() {
    let fixture = expired_site();
    let root = fixture.root();
    let vietnamese = cli_with_env(&root, &["check", "--expired-since", "01/07/2024"], None);
    let err = assert_exit(&vietnamese, 1);
    assert_eq!(
        err,
        "lỗi: `--expired-since 01/07/2024` không phải là ngày viết theo thứ tự năm-tháng-ngày\n\
         \x20 gợi ý: viết `--expired-since 2024-07-01`\n"
    );
    let english = fixture.cli(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--expired-since",
        "july",
    ]);
    let err = assert_exit(&english, 1);
    assert_eq!(
        err,
        "error: `--expired-since july` is not a date written year first\n\
         \x20 help: write the day year first, e.g. `--expired-since 2024-07-01`\n"
    );

    let without = site();
    let output = cli_with_env(
        &without.root(),
        &["check", "--expired-since", "2024-07-01"],
        None,
    );
    let err = assert_exit(&output, 1);
    assert!(
        err.starts_with(
            "laws.toml: lỗi: trang này chưa có laws.toml, nên loa không biết văn bản nào hết \
             hiệu lực khi nào\n  gợi ý: "
        ),
        "{err}"
    );
    assert!(output.stdout.is_empty());

    // A list made from a site with errors could miss articles: none.
    cite(
        &fixture,
        "hoat-dong/e.md",
        "2024-03-01",
        "laws: [luat-khong-co]",
        "E.\n",
    );
    let broken = cli_with_env(&root, &["check", "--expired-since", "2024-07-01"], None);
    let err = assert_exit(&broken, 1);
    assert!(broken.stdout.is_empty());
    assert!(
        err.contains("content/hoat-dong/e.md:5:8: lỗi: không có văn bản `luat-khong-co`"),
        "{err}"
    );
}
