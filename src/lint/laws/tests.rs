use std::path::Path;

use chrono::TimeZone;

use super::*;

const GOOD: &str = include_str!("../../../tests/fixtures/laws-good.toml");

fn register() -> LawRegister {
    let (register, diagnostics) = crate::laws::parse(Path::new("laws.toml"), GOOD, &|_| true);
    assert!(!diagnostics.has_errors());
    register
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// `(message, help)` in English of a `--expired-since` that is refused.
fn refused(text: &str) -> (String, String) {
    let (message, help) = parse_day(text).unwrap_err();
    (message.render(Lang::En), help.render(Lang::En))
}

#[test]
fn the_day_is_written_year_first_and_a_vietnamese_one_is_given_back() {
    assert_eq!(parse_day("2024-07-01"), Ok(day("2024-07-01")));
    assert_eq!(parse_day(" 2024-07-01 "), Ok(day("2024-07-01")));
    assert_eq!(
        refused("01/07/2024"),
        (
            "`--expired-since 01/07/2024` is not a date written year first".to_string(),
            "write `--expired-since 2024-07-01`".to_string()
        )
    );
    assert_eq!(
        refused("2024-02-30"),
        (
            "`--expired-since 2024-02-30` is not a real date: February 2024 has 29 days"
                .to_string(),
            "write the day year first, e.g. `--expired-since 2024-07-01`".to_string()
        )
    );
    assert_eq!(
        refused("hôm qua").1,
        "write the day year first, e.g. `--expired-since 2024-07-01`"
    );
}

#[test]
fn a_document_is_named_with_its_number_once() {
    let register = register();
    let old = register.get("luat-can-cuoc-cong-dan-2014").unwrap();
    assert_eq!(old.cited_name(), "Luật Căn cước công dân (59/2014/QH13)");
    assert_eq!(
        replacements(&register, old),
        "`luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15)"
    );
    let decree = Law {
        title: "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ".to_string(),
        kind: "Nghị định".to_string(),
        number: "100/2019/NĐ-CP".to_string(),
        ..old.clone()
    };
    assert_eq!(decree.cited_name(), "Nghị định 100/2019/NĐ-CP");
}

fn citation(path: &str, line: usize, date: &str, title: &str) -> Citation {
    let offset = FixedOffset::east_opt(7 * 3600).unwrap();
    let date = offset
        .from_local_datetime(&day(date).and_hms_opt(0, 0, 0).unwrap())
        .unwrap();
    Citation {
        path: PathBuf::from(path),
        position: Position::new(line, 8),
        title: title.to_string(),
        date,
    }
}

fn report() -> ExpiredReport {
    let register = register();
    let old = register.get("luat-can-cuoc-cong-dan-2014").unwrap();
    ExpiredReport {
        since: day("2024-07-01"),
        today: day("2026-11-29"),
        laws: vec![
            ExpiredLaw {
                key: "nghi-dinh-100-2019".to_string(),
                name: "Nghị định 100/2019/NĐ-CP".to_string(),
                expires: day("2025-01-01"),
                replacements: String::new(),
                citations: vec![citation("content/a.md", 5, "2024-03-01", "A")],
            },
            ExpiredLaw {
                key: old.key.clone(),
                name: old.cited_name(),
                expires: day("2024-07-01"),
                replacements: replacements(&register, old),
                citations: vec![
                    citation("content/hoat-dong/b.md", 12, "2024-08-01", "B"),
                    citation("content/a.md", 5, "2024-03-01", "A"),
                ],
            },
        ],
    }
}

#[test]
fn the_report_lists_each_document_then_its_articles_with_dates_in_a_column() {
    assert_eq!(
        report().render(Lang::En),
        "Nghị định 100/2019/NĐ-CP: no longer in force since 01/01/2025, nothing in laws.toml \
         replaces it; 1 article cites it\n\
         \x20 content/a.md:5:8             01/03/2024  A\n\
         \n\
         Luật Căn cước công dân (59/2014/QH13): no longer in force since 01/07/2024, replaced by \
         `luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15); 2 articles cite it\n\
         \x20 content/hoat-dong/b.md:12:8  01/08/2024  B\n\
         \x20 content/a.md:5:8             01/03/2024  A\n"
    );
}

#[test]
fn the_summary_counts_each_article_once() {
    let report = report();
    assert_eq!(report.articles(), 2);
    assert_eq!(
        report.summary().render(Lang::Vi),
        "2 bài viết dẫn 2 văn bản đã hết hiệu lực từ ngày 01/07/2024 đến hôm nay (29/11/2026)"
    );
    assert_eq!(
        report.summary().render(Lang::En),
        "2 articles cite 2 documents that stopped applying from 01/07/2024 to today (29/11/2026)"
    );
}

#[test]
fn an_empty_report_says_why() {
    let none = ExpiredReport {
        laws: Vec::new(),
        ..report()
    };
    assert_eq!(none.render(Lang::En), "");
    assert_eq!(
        none.summary().render(Lang::En),
        "no document of laws.toml stopped applying from 01/07/2024 to today (29/11/2026)"
    );
    let future = ExpiredReport {
        since: day("2027-01-01"),
        ..none
    };
    assert_eq!(
        future.summary().render(Lang::En),
        "01/01/2027 has not come yet (today is 29/11/2026): no document has stopped applying \
         since then"
    );
}
