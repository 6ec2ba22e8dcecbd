//! Dates as editors write them, read in the site's timezone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

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
