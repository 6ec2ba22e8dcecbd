//! Front matter as editors get it wrong: dates written the Vietnamese way or
//! impossible, and a ` #` that YAML reads as the start of a comment.

mod common;

use common::*;
use loa::diagnostics::Diagnostic;

/// Each diagnostic as `path:line:column`, message and help.
fn described(diagnostics: &[Diagnostic]) -> Vec<(String, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                format!("{}:{}:{}", d.path.display(), d.line, d.column),
                d.message.clone(),
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn dated(fixture: &Fixture, name: &str, front: &str) {
    fixture.article(
        &format!("tin/{name}.md"),
        &format!("title: \"Bài {name}\"\n{front}category: hoat-dong\n"),
        "Nội dung.\n",
    );
}

#[test]
fn a_date_written_day_first_is_suggested_year_first_with_its_time() {
    let fixture = Fixture::new();
    dated(&fixture, "a", "date: 20/11/2025\n");
    dated(&fixture, "b", "date: 20-11-2025 8:30\n");
    dated(&fixture, "c", "date: ngày 20 tháng 11 năm 2025\n");
    dated(
        &fixture,
        "d",
        "date: 2024-01-02\nupdated: 2025/11/20 14h05\n",
    );
    let errors = fixture.build_errors();
    let rewrite = |field: &str, text: &str| {
        format!("`{field}: {text}` is not written the way loa reads dates: year-month-day")
    };
    assert_eq!(
        described(&errors),
        [
            (
                "content/tin/a.md:3:7".into(),
                rewrite("date", "20/11/2025"),
                "write `date: 2025-11-20`".into()
            ),
            (
                "content/tin/b.md:3:7".into(),
                rewrite("date", "20-11-2025 8:30"),
                "write `date: 2025-11-20 08:30`".into()
            ),
            (
                "content/tin/c.md:3:7".into(),
                rewrite("date", "ngày 20 tháng 11 năm 2025"),
                "write `date: 2025-11-20`".into()
            ),
            (
                "content/tin/d.md:4:10".into(),
                rewrite("updated", "2025/11/20 14h05"),
                "write `updated: 2025-11-20 14:05`".into()
            ),
        ]
    );
}

#[test]
fn an_impossible_date_says_what_is_impossible() {
    let fixture = Fixture::new();
    dated(&fixture, "a", "date: 2021-02-30\n");
    dated(&fixture, "b", "date: 2025-13-01\n");
    dated(&fixture, "c", "date: 31/11/2025\n");
    dated(&fixture, "d", "date: 2025-11-20 25:00\n");
    dated(&fixture, "e", "date: 11/20/2025\n");
    dated(&fixture, "f", "date: hôm qua\n");
    let errors = fixture.build_errors();
    let general = "correct the date, written year-month-day: `2021-10-19`, \
                   `2021-10-19 08:00` or `2021-10-19T08:00:00+07:00`";
    assert_eq!(
        described(&errors),
        [
            (
                "content/tin/a.md:3:7".into(),
                "`date: 2021-02-30` is not a date: February 2021 has 28 days".into(),
                general.into()
            ),
            (
                "content/tin/b.md:3:7".into(),
                "`date: 2025-13-01` is not a date: there is no month 13 (months go from 1 to 12)"
                    .into(),
                general.into()
            ),
            (
                "content/tin/c.md:3:7".into(),
                "`date: 31/11/2025` is not a date: November 2025 has 30 days".into(),
                general.into()
            ),
            (
                "content/tin/d.md:3:7".into(),
                "`date: 2025-11-20 25:00` is not a date: there is no hour 25 (hours go from 0 to 23)"
                    .into(),
                general.into()
            ),
            (
                "content/tin/e.md:3:7".into(),
                "`date: 11/20/2025` is not a date: there is no month 20 (months go from 1 to 12)"
                    .into(),
                "day and month may be swapped: for that reading write `date: 2025-11-20` \
                 (year-month-day)"
                    .into()
            ),
            (
                "content/tin/f.md:3:7".into(),
                "`date: hôm qua` is not a date".into(),
                "write it year-month-day: `2021-10-19`, `2021-10-19 08:00` or \
                 `2021-10-19T08:00:00+07:00`"
                    .into()
            ),
        ]
    );
}

#[test]
fn the_suggested_date_builds() {
    let fixture = Fixture::new();
    dated(&fixture, "a", "date: 2025-11-20 08:30\n");
    fixture.build();
    let page = fixture.html("tin/a/index.html");
    assert_eq!(
        attr_of(&page, "time[datetime]", "datetime"),
        "2025-11-20T08:30:00+07:00"
    );
}
