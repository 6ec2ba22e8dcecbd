//! Loading content: encodings, Unicode forms, dates, scheduling, drafts and
//! the summary fallback.

use std::collections::BTreeMap;

use crate::support::*;
use chrono::{TimeZone, Utc};
use unicode_normalization::UnicodeNormalization;

/// `pubDate` of every item of an RSS file, by item link.
fn pub_dates(fixture: &Fixture, feed: &str) -> BTreeMap<String, String> {
    let text = fixture.read(feed);
    rss_item_texts(&text, "link")
        .into_iter()
        .zip(rss_item_texts(&text, "pubDate"))
        .collect()
}

#[test]
fn bom_and_crlf_files_build_like_plain_ones() {
    let fixture = Fixture::new();
    fixture.write(
        "content/hoat-dong/bom-crlf.md",
        "\u{feff}---\r\ntitle: Bài có BOM\r\ndate: 2021-10-19\r\ncategory: hoat-dong\r\ntags: [an ninh]\r\n---\r\nĐoạn đầu\r\ndòng hai.\r\n\r\nĐoạn hai.\r\n",
    );
    fixture.build();

    let page = fixture.read("hoat-dong/bom-crlf/index.html");
    assert!(!page.contains('\r') && !page.contains('\u{feff}'));
    let html = fixture.html("hoat-dong/bom-crlf/index.html");
    assert_eq!(text_of(&html, "main h1"), "Bài có BOM");
    let paragraphs: Vec<String> = select(&html, "main .content p")
        .iter()
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(paragraphs, ["Đoạn đầu\ndòng hai.", "Đoạn hai."]);
    assert!(fixture.exists("tags/an-ninh/index.html"));

    let feed = fixture.feed("rss.xml");
    assert_eq!(item_titles(&feed), ["Bài có BOM"]);
    let summary = feed.entries[0].summary.as_ref().unwrap();
    assert_eq!(summary.content, "Đoạn đầu dòng hai.");
}

#[test]
fn nfd_title_and_tag_behave_like_nfc() {
    let title_nfc = "Mạng xã hội và an ninh trật tự";
    let tag_nfc = "Mạng xã hội";
    let title_nfd: String = title_nfc.nfd().collect();
    let tag_nfd: String = tag_nfc.nfd().collect();
    assert_ne!(title_nfd, title_nfc);
    assert_ne!(tag_nfd, tag_nfc);

    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/nfd.md",
        &format!("title: \"{title_nfd}\"\ndate: 2021-10-19\ntags: [{tag_nfd}]\n"),
        "Bài viết gõ bằng bàn phím NFD.\n",
    );
    fixture.article(
        "hoat-dong/nfc.md",
        &format!("title: Bài NFC\ndate: 2021-10-18\ntags: [{tag_nfc}]\n"),
        "Bài viết gõ bằng bàn phím NFC.\n",
    );
    fixture.build();

    // One tag, one page, both articles in it.
    let tags: Vec<String> = std::fs::read_dir(fixture.output("tags"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html" && name != "rss.xml")
        .collect();
    assert_eq!(tags, ["mang-xa-hoi"]);
    let listing = fixture.html("tags/mang-xa-hoi/index.html");
    assert_eq!(card_titles(&listing), [title_nfc, "Bài NFC"]);
    assert!(text_of(&listing, "main h1").contains(tag_nfc));

    // The title is written in NFC everywhere.
    let page = fixture.html("hoat-dong/nfd/index.html");
    assert_eq!(text_of(&page, "main h1"), title_nfc);
    assert!(!fixture
        .read("hoat-dong/nfd/index.html")
        .contains(&title_nfd));
    assert!(!fixture.read("rss.xml").contains(&title_nfd));
    assert_eq!(item_titles(&fixture.feed("rss.xml"))[0], title_nfc);
}

#[test]
fn three_date_forms_take_the_site_offset() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/ngay.md",
        "title: Chỉ ngày\ndate: 2021-10-19\n",
        "A.\n",
    );
    fixture.article(
        "hoat-dong/rfc3339.md",
        "title: RFC 3339\ndate: 2021-10-19T08:00:00+07:00\n",
        "B.\n",
    );
    fixture.article(
        "hoat-dong/gio.md",
        "title: Ngày giờ\ndate: \"2021-10-19 09:30\"\n",
        "C.\n",
    );
    fixture.build();

    let dates = pub_dates(&fixture, "rss.xml");
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/ngay/")],
        "Tue, 19 Oct 2021 00:00:00 +0700"
    );
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/rfc3339/")],
        "Tue, 19 Oct 2021 08:00:00 +0700"
    );
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/gio/")],
        "Tue, 19 Oct 2021 09:30:00 +0700"
    );
    let page = fixture.html("hoat-dong/ngay/index.html");
    assert_eq!(
        attr_of(&page, "main time", "datetime"),
        "2021-10-19T00:00:00+07:00"
    );
    assert_eq!(text_of(&page, "main time"), "19/10/2021");
}

#[test]
fn dates_follow_the_configured_timezone() {
    let fixture = Fixture::with_site_toml(&format!(
        "{}{SITE_TABLES}",
        SITE_HEAD.replace("+07:00", "+09:00")
    ));
    fixture.article(
        "hoat-dong/ngay.md",
        "title: Chỉ ngày\ndate: 2021-10-19\n",
        "A.\n",
    );
    fixture.article(
        "hoat-dong/gio.md",
        "title: Ngày giờ\ndate: 2021-10-19 08:00\n",
        "B.\n",
    );
    fixture.build();
    let dates = pub_dates(&fixture, "rss.xml");
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/ngay/")],
        "Tue, 19 Oct 2021 00:00:00 +0900"
    );
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/gio/")],
        "Tue, 19 Oct 2021 08:00:00 +0900"
    );
}

#[test]
fn a_date_with_another_offset_is_shown_in_the_site_offset() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/utc.md",
        "title: Giờ UTC\ndate: 2021-10-18T20:00:00Z\n",
        "A.\n",
    );
    fixture.build();
    // 20:00 UTC is 03:00 the next day in Vietnam.
    let dates = pub_dates(&fixture, "rss.xml");
    assert_eq!(
        dates[&format!("{BASE}/hoat-dong/utc/")],
        "Tue, 19 Oct 2021 03:00:00 +0700"
    );
    let page = fixture.html("hoat-dong/utc/index.html");
    assert_eq!(
        attr_of(&page, "main time", "datetime"),
        "2021-10-19T03:00:00+07:00"
    );
    assert_eq!(text_of(&page, "main time"), "19/10/2021");
}

/// Every place an article can appear, checked for `url` (site-root path).
fn published_anywhere(fixture: &Fixture, url: &str) -> Vec<String> {
    let permalink = format!("{BASE}{url}");
    let mut found = Vec::new();
    if fixture.exists(&format!("{}index.html", &url[1..])) {
        found.push("its page".to_string());
    }
    for feed in [
        "rss.xml",
        "categories/hoat-dong/rss.xml",
        "districts/con-dao/rss.xml",
    ] {
        if item_links(&fixture.feed(feed)).contains(&permalink) {
            found.push(feed.to_string());
        }
    }
    for listing in [
        "index.html",
        "categories/hoat-dong/index.html",
        "districts/con-dao/index.html",
    ] {
        if card_links(&fixture.html(listing)).iter().any(|l| l == url) {
            found.push(listing.to_string());
        }
    }
    if fixture.read("sitemap.xml").contains(&permalink) {
        found.push("sitemap.xml".to_string());
    }
    found
}

#[test]
fn future_articles_are_scheduled() {
    let fixture = Fixture::new();
    // 2026-11-29 06:00 in Vietnam is 2026-11-28 23:00 UTC: before the clock.
    fixture.article(
        "hoat-dong/sang-nay.md",
        "title: Sáng nay\ndate: \"2026-11-29 06:00\"\ncategory: hoat-dong\ndistricts: [con-dao]\n",
        "Đã đăng.\n",
    );
    // 2026-11-29 08:00 in Vietnam is 01:00 UTC: after the clock.
    fixture.article(
        "hoat-dong/hen-gio.md",
        "title: Hẹn giờ\ndate: \"2026-11-29 08:00\"\ncategory: hoat-dong\ndistricts: [con-dao]\ntags: [lịch hẹn]\n",
        "Chưa đăng.\n",
    );
    fixture.build();
    assert_eq!(
        published_anywhere(&fixture, "/hoat-dong/sang-nay/").len(),
        8
    );
    assert_eq!(
        published_anywhere(&fixture, "/hoat-dong/hen-gio/"),
        Vec::<String>::new()
    );
    assert!(!fixture.exists("tags/lich-hen/index.html"));

    // Once the clock passes its date, it is published.
    let mut later = fixture.options();
    later.now = Utc.with_ymd_and_hms(2026, 11, 29, 1, 0, 0).unwrap();
    fixture.build_with(&later);
    assert_eq!(published_anywhere(&fixture, "/hoat-dong/hen-gio/").len(), 8);
    assert!(fixture.exists("tags/lich-hen/index.html"));
}

#[test]
fn drafts_are_built_only_on_request() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/da-dang.md", "Đã đăng", "2021-10-18");
    fixture.article(
        "hoat-dong/nhap.md",
        "title: Bản nháp\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [con-dao]\ndraft: true\n",
        "Chưa xong.\n",
    );
    let report = fixture.build();
    assert_eq!(report.articles, 1);
    assert_eq!(
        published_anywhere(&fixture, "/hoat-dong/nhap/"),
        Vec::<String>::new()
    );
    assert_eq!(published_anywhere(&fixture, "/hoat-dong/da-dang/").len(), 8);

    let mut with_drafts = fixture.options();
    with_drafts.drafts = true;
    let report = fixture.build_with(&with_drafts);
    assert_eq!(report.articles, 2);
    assert_eq!(published_anywhere(&fixture, "/hoat-dong/nhap/").len(), 8);
}

#[test]
fn summary_falls_back_to_the_first_paragraph_as_plain_text() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/khong-tom-tat.md",
        "title: Không tóm tắt\ndate: 2021-10-19\ncategory: hoat-dong\n",
        "## Mở đầu\n\nĐoạn **đầu** có [liên kết](https://example.org/) và `mã`,\nhai dòng.\n\nĐoạn hai.\n",
    );
    fixture.article(
        "hoat-dong/co-tom-tat.md",
        "title: Có tóm tắt\ndate: 2021-10-18\ncategory: hoat-dong\nsummary: Tóm tắt viết tay.\n",
        "Đoạn đầu không dùng.\n",
    );
    fixture.build();
    let expected = "Đoạn đầu có liên kết và mã, hai dòng.";

    let feed = fixture.feed("rss.xml");
    let summaries: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.summary.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(summaries, [expected, "Tóm tắt viết tay."]);

    let listing = fixture.html("categories/hoat-dong/index.html");
    let cards: Vec<String> = select(&listing, "main article.card p:not(.meta)")
        .iter()
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(cards, [expected, "Tóm tắt viết tay."]);
    // Plain text: no markup survives into the card or the feed.
    assert!(select(&listing, "main article.card p:not(.meta) strong").is_empty());
    assert!(!fixture.read("rss.xml").contains("<strong>Đoạn"));

    let page = fixture.html("hoat-dong/khong-tom-tat/index.html");
    assert_eq!(
        attr_of(&page, "meta[name=description]", "content"),
        expected
    );
}

/// A build publishes what a serve session publishes: the files editors
/// leave while saving are skipped everywhere (the watcher of `serve`
/// skipped `x.tmp`, `4913` and Kate's swap files; the build copied them).
#[test]
fn editors_temporary_files_are_never_published() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/bai.md", "Bài", "2026-11-01");
    for leftover in [
        "content/hoat-dong/x.tmp",
        "content/hoat-dong/4913",
        "content/hoat-dong/bai.md.kate-swp",
        "content/hoat-dong/anh.jpg.crdownload",
        "static/a.kate-swp",
        "static/css/site.css~",
        "static/.hidden",
    ] {
        fixture.write(leftover, "x");
    }
    fixture.write("content/hoat-dong/mau-don.pdf", "x");
    fixture.write("static/tai-lieu.txt", "x");
    fixture.build();

    for leftover in [
        "hoat-dong/x.tmp",
        "hoat-dong/4913",
        "hoat-dong/bai.md.kate-swp",
        "hoat-dong/anh.jpg.crdownload",
        "a.kate-swp",
        "css/site.css~",
        ".hidden",
    ] {
        assert!(!fixture.exists(leftover), "{leftover} was published");
    }
    assert!(fixture.exists("hoat-dong/bai/index.html"));
    assert!(fixture.exists("hoat-dong/mau-don.pdf"));
    assert!(fixture.exists("tai-lieu.txt"));
}

/// The warning of a missing `content/` reaches the editor on a build that
/// succeeds (it was kept apart from the other load problems and dropped).
#[test]
fn a_site_without_content_builds_and_says_so() {
    let fixture = Fixture::new();
    std::fs::remove_dir_all(fixture.root().join("content")).unwrap();
    let report = fixture.build();
    assert_eq!(report.articles, 0);
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.message_in(En)).collect();
    assert!(
        warnings
            .iter()
            .any(|m| m.contains("there is no content folder")),
        "{warnings:?}"
    );
    assert!(fixture.exists("index.html"));
    let output = fixture.cli_build();
    let stderr = assert_exit(&output, 0);
    assert!(stderr.contains("there is no content folder"), "{stderr}");
}
