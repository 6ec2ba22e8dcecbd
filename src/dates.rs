//! Dates as editors write them, read in the site's timezone.
//!
//! [`parse_date`] is the rule: what loa accepts. [`advise`] reads the other
//! ways a Vietnamese editor writes a date (`20/11/2025`, `20-11-2025 8:30`,
//! `ngày 20 tháng 11 năm 2025`, `2025/11/20`) only to say what to write
//! instead, or what about it is impossible; it never makes such a date valid.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::messages::msg;
use crate::messages::Message;

/// `2021-10-19` (midnight), `2021-10-19 08:00[:00]`, `2021-10-19T08:00[:00]`
/// in the site's timezone, or RFC 3339 with its own offset.
pub fn parse_date(text: &str, timezone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date);
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return timezone.from_local_datetime(&naive).single();
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    timezone
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .single()
}

/// What to tell an editor about a date that [`parse_date`] refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateAdvice {
    /// The same day (and time) written as loa reads it: `2025-11-20 08:30`.
    Rewrite(String),
    /// The text names a day or time that does not exist.
    Impossible {
        /// What is impossible: `February 2021 has 28 days`.
        reason: Message,
        /// A possible reading with day and month swapped (`11/20/2025` as
        /// 20 November), written as loa reads it.
        swapped: Option<String>,
    },
    /// Nothing loa can read as a date, or more than one reading.
    Unreadable,
}

/// Reads `text` the way a Vietnamese editor means it: day before month when
/// the year comes last, a two-digit year in the 2000s, the words `ngày`,
/// `tháng`, `năm`, `lúc`, `giờ`, `phút` (with or without diacritics) and a
/// leading weekday (`Thứ Năm,`). The time and offset, when written, are kept.
pub fn advise(text: &str) -> DateAdvice {
    let tokens = tokenize(text);
    let Some(written) = read(&tokens) else {
        return DateAdvice::Unreadable;
    };
    match written.check() {
        Ok(()) => DateAdvice::Rewrite(written.to_string()),
        Err(reason) => {
            let swapped = Written {
                month: written.day,
                day: written.month,
                ..written
            };
            // `11/20/2025` is most likely month first, as in English;
            // nobody writes the year first and then the day.
            let month_first = !written.year_first && written.month > 12;
            DateAdvice::Impossible {
                reason,
                swapped: (month_first && swapped.check().is_ok()).then(|| swapped.to_string()),
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// ASCII digits, as written (the number of digits tells a year).
    Number(String),
    /// Letters, lower case, diacritics removed (`tháng` → `thang`).
    Word(String),
    Mark(char),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            tokens.push(Token::Number(digits));
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(l) = chars.next_if(|c| c.is_alphabetic()) {
                word.push(l);
            }
            tokens.push(Token::Word(crate::slug::slugify(&word)));
        } else {
            chars.next();
            if !c.is_whitespace() {
                tokens.push(Token::Mark(c));
            }
        }
    }
    tokens
}

/// A date and time as written, not yet checked.
#[derive(Debug, Clone, Copy)]
struct Written {
    year: i32,
    month: u32,
    day: u32,
    /// Written year, month, day (else day, month, year).
    year_first: bool,
    /// Hour, minute and, when written, second.
    time: Option<(u32, u32, Option<u32>)>,
    /// The offset in minutes east of UTC, when written; `Some(0)` for `Z`.
    offset: Option<i32>,
    zulu: bool,
}

impl Written {
    fn check(&self) -> Result<(), Message> {
        if self.month == 0 || self.month > 12 {
            return Err(msg!("date.no-month", month = self.month as usize));
        }
        let days = days_in_month(self.year, self.month);
        if self.day == 0 {
            return Err(msg!("date.no-day-zero"));
        }
        if self.day > days {
            return Err(msg!(
                "date.month-days",
                month = month_name(self.month),
                year = self.year.to_string(),
                days = days as usize
            ));
        }
        if let Some((hour, minute, second)) = self.time {
            if hour > 23 {
                return Err(msg!("date.no-hour", hour = hour as usize));
            }
            if minute > 59 {
                return Err(msg!("date.no-minute", minute = minute as usize));
            }
            if let Some(second) = second.filter(|&s| s > 59) {
                return Err(msg!("date.no-second", second = second as usize));
            }
        }
        if let Some(offset) = self.offset.filter(|o| o.abs() >= 24 * 60) {
            return Err(msg!("date.offset-too-large", offset = offset_text(offset)));
        }
        Ok(())
    }
}

/// The form [`parse_date`] reads: `2025-11-20`, `2025-11-20 08:30`, or with
/// an offset `2025-11-20T08:30:00+07:00`.
impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        let Some((hour, minute, second)) = self.time else {
            return Ok(());
        };
        match (self.offset, second) {
            (Some(offset), second) => {
                write!(
                    f,
                    "T{hour:02}:{minute:02}:{:02}",
                    second.unwrap_or_default()
                )?;
                if self.zulu {
                    f.write_str("Z")
                } else {
                    f.write_str(&offset_text(offset))
                }
            }
            (None, Some(second)) => write!(f, " {hour:02}:{minute:02}:{second:02}"),
            (None, None) => write!(f, " {hour:02}:{minute:02}"),
        }
    }
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let minutes = minutes.abs();
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A month's name with its year to follow: `February` / `tháng 2`.
fn month_name(month: u32) -> Message {
    match month {
        1 => msg!("month.1"),
        2 => msg!("month.2"),
        3 => msg!("month.3"),
        4 => msg!("month.4"),
        5 => msg!("month.5"),
        6 => msg!("month.6"),
        7 => msg!("month.7"),
        8 => msg!("month.8"),
        9 => msg!("month.9"),
        10 => msg!("month.10"),
        11 => msg!("month.11"),
        _ => msg!("month.12"),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day())
}

/// Reads the tokens left to right; `None` unless every token is used.
fn read(tokens: &[Token]) -> Option<Written> {
    let mut rest = Cursor { tokens, at: 0 };
    rest.skip_weekday();
    rest.word("ngay");
    let (year, month, day, year_first) = rest.date()?;
    let time = rest.time()?;
    let (offset, zulu) = if time.is_some() {
        rest.offset()?
    } else {
        (None, false)
    };
    rest.at_end().then_some(Written {
        year,
        month,
        day,
        year_first,
        time,
        offset,
        zulu,
    })
}

struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn at_end(&self) -> bool {
        self.at == self.tokens.len()
    }

    /// Consumes the word if it is next.
    fn word(&mut self, word: &str) -> bool {
        let found = matches!(self.peek(), Some(Token::Word(w)) if w == word);
        self.at += usize::from(found);
        found
    }

    fn mark(&mut self, marks: &[char]) -> Option<char> {
        match self.peek() {
            Some(Token::Mark(c)) if marks.contains(c) => {
                let c = *c;
                self.at += 1;
                Some(c)
            }
            _ => None,
        }
    }

    fn number(&mut self) -> Option<&str> {
        match self.tokens.get(self.at) {
            Some(Token::Number(digits)) => {
                self.at += 1;
                Some(digits)
            }
            _ => None,
        }
    }

    /// `Thứ Năm,`, `thu 5`, `Chủ nhật,` before the date.
    fn skip_weekday(&mut self) {
        let start = self.at;
        let weekday = if self.word("thu") {
            ["hai", "ba", "tu", "nam", "sau", "bay"]
                .iter()
                .any(|day| self.word(day))
                || self
                    .number()
                    .is_some_and(|n| matches!(n.parse(), Ok(2..=7)))
        } else {
            self.word("chu") && self.word("nhat")
        };
        if weekday {
            self.mark(&[',']);
        } else {
            self.at = start;
        }
    }

    /// Year, month, day and whether the year came first: `2025-11-20`,
    /// `20/11/2025`, `20.11.25`, `20 tháng 11 năm 2025`.
    fn date(&mut self) -> Option<(i32, u32, u32, bool)> {
        let first = self.number()?.to_string();
        let (second, third) = if self.word("thang") {
            let second = self.number()?.to_string();
            if !self.word("nam") {
                self.mark(&[',', '/', '-', '.'])?;
            }
            (second, self.number()?.to_string())
        } else {
            let separator = self.mark(&['/', '-', '.'])?;
            let second = self.number()?.to_string();
            self.mark(&[separator])?;
            (second, self.number()?.to_string())
        };
        let value = |digits: &str| digits.parse::<u32>().ok();
        match (first.len(), second.len(), third.len()) {
            (4, 1..=2, 1..=2) => {
                Some((value(&first)? as i32, value(&second)?, value(&third)?, true))
            }
            (1..=2, 1..=2, 4) => Some((
                value(&third)? as i32,
                value(&second)?,
                value(&first)?,
                false,
            )),
            // Day first with a two-digit year: articles are of this century.
            (1..=2, 1..=2, 2) => Some((
                2000 + value(&third)? as i32,
                value(&second)?,
                value(&first)?,
                false,
            )),
            _ => None,
        }
    }

    /// `8:30`, `08:30:15`, `8h30`, `8h`, `8 giờ 30 phút`, `T08:30`, after
    /// an optional `,`, `lúc`, `vào lúc` or `T`. `None` when something
    /// follows the date that is not a time; `Some(None)` when nothing does.
    fn time(&mut self) -> Option<Option<(u32, u32, Option<u32>)>> {
        if self.at_end() {
            return Some(None);
        }
        self.mark(&[',']);
        self.word("vao");
        if !self.word("luc") {
            self.word("t");
        }
        let hour: u32 = self.number()?.parse().ok()?;
        if self.mark(&[':']).is_some() {
            let minute = self.number()?.parse().ok()?;
            let second = match self.mark(&[':']) {
                Some(_) => Some(self.number()?.parse().ok()?),
                None => None,
            };
            return Some(Some((hour, minute, second)));
        }
        if !(self.word("h") || self.word("g") || self.word("gio")) {
            return None;
        }
        let minute = match self.number() {
            Some(digits) => {
                let minute = digits.parse().ok()?;
                let _ = self.word("phut") || self.word("p");
                minute
            }
            None => 0,
        };
        Some(Some((hour, minute, None)))
    }

    /// `Z`, `+07:00`, `+0700`, `-05`.
    fn offset(&mut self) -> Option<(Option<i32>, bool)> {
        if self.word("z") {
            return Some((Some(0), true));
        }
        let Some(sign) = self.mark(&['+', '-']) else {
            return Some((None, false));
        };
        let digits = self.number()?.to_string();
        let (hours, minutes): (i32, i32) = match digits.len() {
            1 | 2 => {
                let minutes = match self.mark(&[':']) {
                    Some(_) => self.number()?.parse().ok()?,
                    None => 0,
                };
                (digits.parse().ok()?, minutes)
            }
            4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        let total = hours * 60 + minutes;
        Some((Some(if sign == '-' { -total } else { total }), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn rewrite(text: &str) -> String {
        match advise(text) {
            DateAdvice::Rewrite(rewritten) => {
                assert!(
                    parse_date(&rewritten, tz()).is_some(),
                    "{rewritten} must be accepted"
                );
                rewritten
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    fn impossible(text: &str) -> (String, Option<String>) {
        match advise(text) {
            DateAdvice::Impossible { reason, swapped } => {
                (reason.render(crate::messages::Lang::En), swapped)
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_accepted_forms_take_the_site_offset() {
        assert_eq!(
            parse_date("2021-10-19", tz()).unwrap().to_rfc3339(),
            "2021-10-19T00:00:00+07:00"
        );
        assert_eq!(
            parse_date("2021-10-19 08:00", tz()).unwrap().to_rfc3339(),
            "2021-10-19T08:00:00+07:00"
        );
        assert!(parse_date("20/11/2025", tz()).is_none());
        assert!(parse_date("2021-02-30", tz()).is_none());
    }

    #[test]
    fn day_first_dates_are_rewritten_year_first() {
        assert_eq!(rewrite("20/11/2025"), "2025-11-20");
        assert_eq!(rewrite("20-11-2025"), "2025-11-20");
        assert_eq!(rewrite("20.11.2025"), "2025-11-20");
        assert_eq!(rewrite("5/3/2024"), "2024-03-05");
        assert_eq!(rewrite("2025/11/20"), "2025-11-20");
        assert_eq!(rewrite("2025.1.5"), "2025-01-05");
        assert_eq!(rewrite("20/11/25"), "2025-11-20");
    }

    #[test]
    fn the_time_and_offset_are_kept() {
        assert_eq!(rewrite("20/11/2025 8:30"), "2025-11-20 08:30");
        assert_eq!(rewrite("20/11/2025 08:30:15"), "2025-11-20 08:30:15");
        assert_eq!(rewrite("20/11/2025, 8h30"), "2025-11-20 08:30");
        assert_eq!(rewrite("20/11/2025 14h"), "2025-11-20 14:00");
        assert_eq!(rewrite("2025/11/20 8:30"), "2025-11-20 08:30");
        assert_eq!(
            rewrite("20/11/2025 8:30 +07:00"),
            "2025-11-20T08:30:00+07:00"
        );
        assert_eq!(rewrite("20/11/2025T08:30Z"), "2025-11-20T08:30:00Z");
    }

    #[test]
    fn vietnamese_words_are_read_with_or_without_diacritics() {
        assert_eq!(rewrite("ngày 20 tháng 11 năm 2025"), "2025-11-20");
        assert_eq!(rewrite("Ngay 20 thang 11 nam 2025"), "2025-11-20");
        assert_eq!(rewrite("20 tháng 11, 2025"), "2025-11-20");
        assert_eq!(rewrite("ngày 20/11/2025"), "2025-11-20");
        assert_eq!(
            rewrite("Thứ Năm, ngày 20/11/2025 lúc 8 giờ 30 phút"),
            "2025-11-20 08:30"
        );
        assert_eq!(rewrite("thu 5, 20/11/2025 8g30"), "2025-11-20 08:30");
        assert_eq!(rewrite("Chủ nhật, 23-11-2025"), "2025-11-23");
    }

    #[test]
    fn impossible_dates_say_what_is_impossible() {
        assert_eq!(
            impossible("2021-02-30"),
            ("February 2021 has 28 days".into(), None)
        );
        assert_eq!(rewrite("29/02/2024 9:00"), "2024-02-29 09:00");
        assert_eq!(impossible("29/02/2025 9:00").0, "February 2025 has 28 days");
        assert_eq!(
            impossible("2025-13-01"),
            ("there is no month 13 (months go from 1 to 12)".into(), None)
        );
        assert_eq!(impossible("2025-11-31").0, "November 2025 has 30 days");
        assert_eq!(impossible("2025-11-00").0, "there is no day 0");
        assert_eq!(
            impossible("2025-11-20 25:00").0,
            "there is no hour 25 (hours go from 0 to 23)"
        );
        assert_eq!(
            impossible("2025-11-20T08:61:00+07:00").0,
            "there is no minute 61 (minutes go from 0 to 59)"
        );
    }

    #[test]
    fn a_month_first_date_is_offered_as_the_other_reading() {
        assert_eq!(
            impossible("11/20/2025"),
            (
                "there is no month 20 (months go from 1 to 12)".into(),
                Some("2025-11-20".into())
            )
        );
    }

    #[test]
    fn no_text_makes_the_reader_panic() {
        let pieces = [
            "0",
            "31",
            "12",
            "2025",
            "99999999999",
            "/",
            "-",
            ".",
            ":",
            "+",
            " ",
            "T",
            "Z",
            "h",
            "giờ",
            "tháng",
            "năm",
            "thứ",
            "ộ",
        ];
        let n = pieces.len();
        for i in 0..n.pow(4) {
            let text: String = (0..4).map(|k| pieces[(i / n.pow(k)) % n]).collect();
            if let DateAdvice::Rewrite(date) = advise(&format!("{text}{text}")) {
                assert!(parse_date(&date, tz()).is_some(), "{text}: {date}");
            }
        }
    }

    #[test]
    fn what_cannot_be_read_gets_the_general_form() {
        for text in [
            "",
            "hôm qua",
            "2025",
            "tháng 11/2025",
            "20/11",
            "20/11-2025",
            "20112025",
            "999/11/20",
            "20/11/2025 sáng",
            "20/11/2025 8",
            "19/10/2021 8:30 chiều",
        ] {
            assert_eq!(advise(text), DateAdvice::Unreadable, "{text}");
        }
    }
}
