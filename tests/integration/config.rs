//! site.toml: defaults and strict parsing.

use crate::support::*;
use chrono::{Days, NaiveDate};
use std::fs;

/// 51 articles, one a day, all in `hoat-dong` and province-wide.
fn fifty_one_articles(fixture: &Fixture) {
    let first = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for i in 0..51u64 {
        let date = first.checked_add_days(Days::new(i)).unwrap();
        fixture.simple(
            &format!("hoat-dong/bai-{i:02}.md"),
            &format!("Bài số {i:02}"),
            &date.to_string(),
        );
    }
}

#[test]
fn per_page_defaults_to_20() {
    let fixture = Fixture::new();
    fifty_one_articles(&fixture);
    fixture.build();

    for listing in ["categories/hoat-dong", "districts/xuyen-moc"] {
        let first = card_titles(&fixture.html(&format!("{listing}/index.html")));
        assert_eq!(first.len(), 20, "{listing}");
        assert_eq!(first[0], "Bài số 50");
        assert_eq!(first[19], "Bài số 31");
        let second = card_titles(&fixture.html(&format!("{listing}/page/2/index.html")));
        assert_eq!(second.len(), 20, "{listing}");
        assert_eq!(second[0], "Bài số 30");
        let third = card_titles(&fixture.html(&format!("{listing}/page/3/index.html")));
        assert_eq!(third.len(), 11, "{listing}");
        assert_eq!(third.last().map(String::as_str), Some("Bài số 00"));
        assert!(!fixture.exists(&format!("{listing}/page/4/index.html")));
    }
    // The home page shows the newest `per_page`.
    assert_eq!(card_titles(&fixture.html("index.html")).len(), 20);
}

#[test]
fn feed_limit_defaults_to_50() {
    let fixture = Fixture::new();
    fifty_one_articles(&fixture);
    fixture.build();

    for feed in [
        "rss.xml",
        "categories/hoat-dong/rss.xml",
        "districts/dat-do/rss.xml",
    ] {
        let titles = item_titles(&fixture.feed(feed));
        assert_eq!(titles.len(), 50, "{feed}");
        assert_eq!(titles[0], "Bài số 50", "{feed}");
        assert_eq!(titles[49], "Bài số 01", "{feed}");
        assert!(!titles.contains(&"Bài số 00".to_string()), "{feed}");
    }
}

#[test]
fn explicit_limits_replace_the_defaults() {
    let fixture = Fixture::with_config("per_page = 7\nfeed_limit = 4");
    fifty_one_articles(&fixture);
    fixture.build();
    assert_eq!(card_titles(&fixture.html("index.html")).len(), 7);
    assert_eq!(
        card_titles(&fixture.html("categories/hoat-dong/page/8/index.html")),
        ["Bài số 01", "Bài số 00"]
    );
    assert!(!fixture.exists("categories/hoat-dong/page/9/index.html"));
    assert_eq!(
        item_titles(&fixture.feed("rss.xml")),
        ["Bài số 50", "Bài số 49", "Bài số 48", "Bài số 47"]
    );
}

#[test]
fn unknown_key_is_located_and_a_fix_suggested() {
    // The standard head has six lines, so the typo stands on line 7.
    let fixture = Fixture::with_config("per_pgae = 10");
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let output = fixture.cli_build();
    let err = assert_exit(&output, 1);
    assert!(
        err.contains("site.toml:7:1: error: unknown key `per_pgae`"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `per_page`?"), "{err}");
    assert!(!fixture.out().exists(), "nothing is written");
}

#[test]
fn unknown_key_in_a_district_table_is_refused() {
    let fixture = Fixture::with_site_toml(
        "title = \"T\"\nbase_url = \"https://e.org\"\n\n[[districts]]\nkey = \"xuyen-moc\"\nnmae = \"Huyện Xuyên Mộc\"\n",
    );
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(
        err.contains("site.toml:6:1: error: unknown key `nmae`"),
        "{err}"
    );
    assert!(err.contains("did you mean `name`?"), "{err}");
}

#[test]
fn missing_site_toml_is_a_clean_error() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.root().join("site.toml")).unwrap();
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(err.contains("cannot read site.toml"), "{err}");
    assert!(!fixture.out().exists());
}

#[test]
fn a_number_in_quotes_and_an_address_without_https_get_the_line_to_write() {
    let fixture = Fixture::with_config("per_page = \"20\"");
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(
        err.contains(
            "site.toml:7:12: error: `per_page = \"20\"` must be a whole number, not text in quotes"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: write the number without quotes: `per_page = 20`"),
        "{err}"
    );

    let toml = fs::read_to_string(fixture.root().join("site.toml")).unwrap();
    let toml = toml.replace("per_page = \"20\"", "").replace(
        "base_url = \"https://congan.example.gov.vn\"",
        "base_url = \"congan.example.gov.vn/\"",
    );
    fixture.write("site.toml", toml);
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(
        err.contains(
            "help: write it with `https://` in front: `base_url = \"https://congan.example.gov.vn\"`"
        ),
        "{err}"
    );
    assert!(!fixture.out().exists(), "nothing is written");
}
