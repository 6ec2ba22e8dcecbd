//! The archive pages: `/archive/`, a year's and a month's articles.

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::index::{ArchiveMonth, ArchiveYear};
use crate::languages::Target;
use crate::model::{ArticleId, ARCHIVE_DIR};

use super::context::*;
use super::pages::numbered_title;
use super::{render_page, Shared};

/// `archive.years` of `docs/templates.md`.
#[derive(Serialize)]
struct YearValue {
    year: i32,
    title: String,
    url: String,
    count: usize,
    months: Vec<MonthValue>,
}

#[derive(Serialize)]
struct MonthValue {
    month: u32,
    title: String,
    url: String,
    count: usize,
}

/// Where the lent cards are in a page's values.
const LENT_CARDS: [&str; 2] = ["archive", "articles"];

fn year_value(shared: &Shared, year: &ArchiveYear) -> YearValue {
    let words = &shared.words.pages;
    YearValue {
        year: year.year,
        title: words.year_title(year.year),
        url: format!("{}{}/", shared.root, year.dir()),
        count: year.articles.len(),
        months: year
            .months
            .iter()
            .map(|m| MonthValue {
                month: m.month,
                title: words.month_title(m.year, m.month),
                url: format!("{}{}/", shared.root, m.dir()),
                count: m.articles.len(),
            })
            .collect(),
    }
}

/// `/archive/`: every year with its months and their counts.
pub(super) fn overview(shared: &Shared) -> Result<Vec<u8>, Error> {
    let years: Vec<YearValue> = shared
        .index
        .archive
        .iter()
        .map(|y| year_value(shared, y))
        .collect();
    let title = &shared.words.pages.archive;
    let overview_dir = format!("{ARCHIVE_DIR}/");
    let url = format!("{}{overview_dir}", shared.root);
    let description = on_site(shared, title);
    let head = Head::website(Target::Everywhere(&overview_dir), title, &description, &url);
    let extra = object([(
        "archive",
        object([
            ("overview", Value::Bool(true)),
            ("title", Value::from(title.as_str())),
            ("url", Value::from(url.as_str())),
            ("years", value(years)),
        ]),
    )]);
    render_page(shared, "archive.html", page_values(shared, head, extra)).0
}

/// Page `page` of a year's articles, with the year's months.
pub(super) fn year(shared: &Shared, year: &ArchiveYear, page: usize) -> Result<Vec<u8>, Error> {
    let title = shared.words.pages.year_title(year.year);
    let first = format!("{}{}/", shared.root, year.dir());
    listed(shared, &title, &first, &year.articles, page, year)
}

/// Page `page` of a month's articles.
pub(super) fn month(
    shared: &Shared,
    year: &ArchiveYear,
    month: &ArchiveMonth,
    page: usize,
) -> Result<Vec<u8>, Error> {
    let title = shared.words.pages.month_title(month.year, month.month);
    let first = format!("{}{}/", shared.root, month.dir());
    listed(shared, &title, &first, &month.articles, page, year)
}

/// A year's or a month's page: its cards, its pagination, and the months
/// of its year to go on from.
fn listed(
    shared: &Shared,
    title: &str,
    first: &str,
    ids: &[ArticleId],
    page: usize,
    year: &ArchiveYear,
) -> Result<Vec<u8>, Error> {
    let (cards, total) = page_slice(ids, page, shared.config.per_page);
    let url = paged_url(first, page);
    let page_title = if page > 1 {
        numbered_title(shared, title, page)
    } else {
        title.to_string()
    };
    let description = on_site(shared, &page_title);
    let head = Head::website(Target::Nowhere, &page_title, &description, &url);
    let extra = object([(
        "archive",
        object([
            ("title", Value::from(title)),
            ("url", Value::from(format!("{}{ARCHIVE_DIR}/", shared.root))),
            ("year", value(year_value(shared, year))),
            ("count", Value::from(ids.len())),
            ("articles", Value::Array(shared.lend(cards))),
            ("pagination", value(pagination(first, page, total))),
        ]),
    )]);
    let (html, mut values) = render_page(shared, "archive.html", page_values(shared, head, extra));
    if let Some(Value::Array(lent)) = take_out(&mut values, &LENT_CARDS) {
        shared.give_back(cards, lent);
    }
    html
}
