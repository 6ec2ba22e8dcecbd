//! The archive: every article by the year and month it was published in,
//! in the site's time zone, so that nothing a site ever published is more
//! than three links from its home page (Decree 42/2022/NĐ-CP, Art. 7).

use chrono::{Datelike, FixedOffset};

use crate::model::{ArticleId, ValidSite, ARCHIVE_DIR};

/// The articles of one year, newest first, and its months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i32,
    pub articles: Vec<ArticleId>,
    /// Newest first; only months with articles.
    pub months: Vec<ArchiveMonth>,
}

/// The articles of one month, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub articles: Vec<ArticleId>,
}

impl ArchiveYear {
    /// `archive/2021`, relative to the language's root.
    pub fn dir(&self) -> String {
        format!("{ARCHIVE_DIR}/{}", self.year)
    }
}

impl ArchiveMonth {
    /// `archive/2021/10`, relative to the language's root.
    pub fn dir(&self) -> String {
        month_dir(self.year, self.month)
    }
}

/// `archive/2021/10`: the month's folder, two digits so that they sort.
pub fn month_dir(year: i32, month: u32) -> String {
    format!("{ARCHIVE_DIR}/{year}/{month:02}")
}

/// The year and month an article belongs to: its date in the site's time
/// zone, whatever offset the editor wrote.
pub fn year_month(date: &chrono::DateTime<FixedOffset>, zone: FixedOffset) -> (i32, u32) {
    let local = date.with_timezone(&zone);
    (local.year(), local.month())
}

/// Groups `newest` (every article, newest first) by year and month.
pub fn build(site: &ValidSite, newest: &[ArticleId], zone: FixedOffset) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    for &id in newest {
        let (year, month) = year_month(&site.article(id).date, zone);
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear {
                year,
                articles: Vec::new(),
                months: Vec::new(),
            });
        }
        let Some(current) = years.last_mut() else {
            continue;
        };
        current.articles.push(id);
        if current.months.last().is_none_or(|m| m.month != month) {
            current.months.push(ArchiveMonth {
                year,
                month,
                articles: Vec::new(),
            });
        }
        if let Some(m) = current.months.last_mut() {
            m.articles.push(id);
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn the_month_is_the_site_s_month() {
        let vietnam = FixedOffset::east_opt(7 * 3600).expect("offset");
        let late = DateTime::parse_from_rfc3339("2021-10-31T20:00:00+00:00").expect("date");
        assert_eq!(year_month(&late, vietnam), (2021, 11));
        let new_year = DateTime::parse_from_rfc3339("2021-12-31T17:30:00+00:00").expect("date");
        assert_eq!(year_month(&new_year, vietnam), (2022, 1));
        let local = DateTime::parse_from_rfc3339("2021-10-01T00:00:00+07:00").expect("date");
        assert_eq!(year_month(&local, vietnam), (2021, 10));
    }

    #[test]
    fn month_folders_have_two_digits() {
        assert_eq!(month_dir(2021, 3), "archive/2021/03");
        assert_eq!(month_dir(2021, 12), "archive/2021/12");
    }
}
