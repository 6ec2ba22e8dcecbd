//! Front matter as editors get it wrong: dates written the Vietnamese way or
//! impossible, and a ` #` that YAML reads as the start of a comment.

use crate::support::pictures::photo;
use crate::support::*;
use loa::diagnostics::Diagnostic;

/// Each diagnostic as `path:line:column`, message and help.
fn described(diagnostics: &[Diagnostic]) -> Vec<(String, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                format!("{}:{}:{}", d.path.display(), d.line, d.column),
                d.message_in(En).clone(),
                d.help_in(En).clone().unwrap_or_default(),
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

#[test]
fn a_hash_that_cuts_a_title_or_an_item_is_a_warning_with_the_quoted_line() {
    let fixture = Fixture::new();
    fixture.article(
        "tin/a.md",
        "title: Vụ án #1 tại Cô Tô\ndate: 2021-10-19\ntags:\n  - an ninh\n  - vụ án #1\n",
        "Nội dung.\n",
    );
    fixture.article(
        "tin/b.md",
        "title: \"B\"\ndate: 2021-10-19\nauthor: #BBT\nsummary: Cảnh báo\n  thủ đoạn #2\n",
        "Nội dung.\n",
    );
    let report = fixture.build();
    assert_eq!(
        described(&report.warnings),
        [
            (
                "content/tin/a.md:2:14".into(),
                "the `title` is cut short at `#`: YAML reads `#1 tại Cô Tô` as a comment and \
                 leaves it out"
                    .into(),
                "put the value in quotes: `title: \"Vụ án #1 tại Cô Tô\"`".into()
            ),
            (
                "content/tin/a.md:6:11".into(),
                "an item of `tags` is cut short at `#`: YAML reads `#1` as a comment and leaves \
                 it out"
                    .into(),
                "put the item in quotes: `- \"vụ án #1\"`".into()
            ),
            (
                "content/tin/b.md:4:9".into(),
                "the `author` is cut short at `#`: YAML reads `#BBT` as a comment and leaves it \
                 out"
                .into(),
                "put the value in quotes: `author: \"#BBT\"`".into()
            ),
            (
                "content/tin/b.md:6:12".into(),
                "the `summary` is cut short at `#`: YAML reads `#2` as a comment and leaves it \
                 out"
                .into(),
                "put the whole value in quotes, on one line: `summary: \"...\"`".into()
            ),
        ]
    );
    // A warning: the page is built, with what YAML read.
    let page = fixture.html("tin/a/index.html");
    assert_eq!(text_of(&page, "h1").trim(), "Vụ án");
}

#[test]
fn a_comment_after_a_complete_value_or_on_its_own_line_is_not_warned_about() {
    let fixture = Fixture::new();
    fixture.article(
        "tin/a.md",
        "# tiêu đề dưới đây\ntitle: \"Vụ án #1\"  # ghi chú\ndate: 2021-10-19 # sửa lại\n\
         category: hoat-dong  # xem lại\ndistricts: xuyen-moc # tạm\n\
         tags: [an ninh, \"vụ án #1\"] # đủ\nsummary: >\n  Vụ án #1 tại Cô Tô\n",
        "Nội dung.\n",
    );
    let report = fixture.build();
    assert_eq!(described(&report.warnings), []);
    let page = fixture.html("tin/a/index.html");
    assert_eq!(text_of(&page, "h1").trim(), "Vụ án #1");
}

#[test]
fn a_hash_inside_a_list_in_brackets_is_an_error_at_the_hash() {
    let fixture = Fixture::new();
    fixture.article(
        "tin/a.md",
        "title: A\ndate: 2021-10-19\ntags: [an ninh, vụ án #1, du lịch]\n",
        "Nội dung.\n",
    );
    fixture.article(
        "tin/b.md",
        "title: B\ndate: 2021-10-19\ndistricts: [xuyen-moc # sửa lại]\n",
        "Nội dung.\n",
    );
    assert_eq!(
        described(&fixture.build_errors()),
        [
            (
                "content/tin/a.md:4:23".into(),
                "the front matter is written wrongly: `#` starts a comment, which hides \
                 `#1, du lịch]` and the closing `]` of the list `tags`"
                    .into(),
                "put the item in quotes: `tags: [an ninh, \"vụ án #1\", du lịch]`".into()
            ),
            (
                "content/tin/b.md:4:23".into(),
                "the front matter is written wrongly: `#` starts a comment, which hides \
                 `# sửa lại]` and the closing `]` of the list `districts`"
                    .into(),
                "write a comment after the closing `]`: `districts: [xuyen-moc]  # sửa lại`".into()
            ),
        ]
    );
}

#[test]
fn broken_yaml_is_reported_where_the_editor_has_to_look() {
    let fixture = Fixture::new();
    // An unclosed quote is noticed by YAML only at the end of the front matter.
    fixture.article(
        "tin/ngoac.md",
        "title: \"Cảnh báo lừa đảo\ndate: 2025-11-20\n",
        "A.\n",
    );
    fixture.article(
        "tin/hai-lan.md",
        "title: Một\ndate: 2025-11-20\ntitle: Hai\n",
        "A.\n",
    );
    fixture.article(
        "tin/nhap.md",
        "title: Nháp\ndate: 2025-11-20\ndraft: có\n",
        "A.\n",
    );
    fixture.article(
        "tin/tab.md",
        "title: Tab\ndate: 2025-11-20\ntags:\n\t- an ninh\n",
        "A.\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(
        described(&errors),
        [
            (
                "content/tin/hai-lan.md:4:1".into(),
                "`title` is written twice, on lines 2 and 4".into(),
                "a field is written once: keep the right `title:` line and delete the other".into()
            ),
            (
                "content/tin/ngoac.md:2:8".into(),
                "the front matter is written wrongly: the quote opened here is never closed".into(),
                "a quote `\"` is opened and never closed: close it at the end of the value \
                 (the YAML reader said: found unexpected end of stream, while scanning a quoted \
                 scalar at line 2 column 8)"
                    .into()
            ),
            (
                "content/tin/nhap.md:4:8".into(),
                "the front matter is written wrongly: `draft` takes `true` or `false`".into(),
                "write `draft: true` or `draft: false` (the YAML reader said: draft: invalid \
                 type: string \"có\", expected a boolean)"
                    .into()
            ),
            (
                "content/tin/tab.md:5:1".into(),
                "a tab here: the front matter does not accept tabs".into(),
                "indent an item of a list with two spaces instead: `  - an ninh`".into()
            ),
        ]
    );
}

#[test]
fn tags_written_with_commas_but_no_brackets_are_one_tag_and_a_warning() {
    let fixture = Fixture::new();
    dated(&fixture, "a", "date: 2025-11-20\ntags: an ninh, ma túy\n");
    dated(&fixture, "b", "date: 2025-11-20\ntags: [an ninh, ma túy]\n");
    let report = fixture.build();
    assert_eq!(
        described(&report.warnings),
        [(
            "content/tin/a.md:4:7".into(),
            "`an ninh, ma túy` is one tag, with a comma in it (its listing: /tags/an-ninh-ma-tuy/)"
                .into(),
            "for 2 tags, write a list in brackets: `tags: [an ninh, ma túy]`".into()
        )]
    );
}

#[test]
fn an_image_path_from_the_content_root_and_an_update_before_the_date() {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/tau.jpg", photo(1200, 900, 1));
    dated(
        &fixture,
        "a",
        "date: 2025-11-20\nupdated: 2025-11-19\nimage: /hoat-dong/tau.jpg\nimage_alt: Tàu\n",
    );
    let report = fixture.build();
    assert_eq!(
        described(&report.warnings),
        [(
            "content/tin/a.md:4:10".into(),
            "`updated: 2025-11-19` is before the article's `date`".into(),
            "`updated:` is when the article was last corrected, on or after `date:`: correct \
             it, or delete the line if the article was never changed"
                .into()
        )]
    );
    let page = fixture.html("tin/a/index.html");
    let image: Vec<&str> = page
        .select(&selector("meta[property='og:image']"))
        .filter_map(|m| m.value().attr("content"))
        .collect();
    assert_eq!(image.len(), 1);
    assert!(
        image[0].starts_with(&format!("{BASE}/hoat-dong/tau-chia-se.")),
        "{image:?}"
    );

    dated(
        &fixture,
        "a",
        "date: 2025-11-20\nimage: /logo.png\nimage_alt: Logo\n",
    );
    assert_eq!(
        described(&fixture.build_errors()),
        [(
            "content/tin/a.md:4:8".into(),
            "the image `/logo.png` does not exist".into(),
            "`image:` takes a picture under content/, and `/logo.png` is not one: put the \
             picture beside the article and write its name"
                .into()
        )]
    );
}
