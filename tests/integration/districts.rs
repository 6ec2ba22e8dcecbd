//! Districts through time: merges, splits, renames and the hierarchy.
//! Subscribers of a unit that was merged away keep receiving the news of
//! its successors; a parent lists its children's articles.

use crate::support::*;
use scraper::Selector;

/// Đất Đỏ and Long Điền merged into Long Đất on 1 January 2025; Long Đất
/// split into two communes on 1 July 2025; Tân Thành renamed Phú Mỹ.
const HISTORY: &str = r#"
[[districts]]
key = "tinh"
name = "Tỉnh Bà Rịa – Vũng Tàu"
level = "tỉnh"

[[districts]]
key = "dat-do"
name = "Huyện Đất Đỏ"
level = "huyện"
parent = "tinh"
valid_to = 2025-01-01
merged_into = ["long-dat"]

[[districts]]
key = "long-dien"
name = "Huyện Long Điền"
level = "huyện"
parent = "tinh"
valid_to = 2025-01-01
merged_into = ["long-dat"]

[[districts]]
key = "long-dat"
name = "Huyện Long Đất"
level = "huyện"
parent = "tinh"
valid_from = 2025-01-01
valid_to = 2025-07-01
merged_into = ["xa-long-hai", "xa-dat-do"]

[[districts]]
key = "xa-long-hai"
name = "Xã Long Hải"
level = "xã"
valid_from = 2025-07-01

[[districts]]
key = "xa-dat-do"
name = "Xã Đất Đỏ"
level = "xã"
valid_from = 2025-07-01

[[districts]]
key = "phu-my"
name = "Thị xã Phú Mỹ"
level = "thị xã"
parent = "tinh"
aliases = ["tan-thanh"]
"#;

fn history() -> Fixture {
    Fixture::with_site_toml(&format!("{SITE_HEAD}{HISTORY}"))
}

fn titles(fixture: &Fixture, feed: &str) -> Vec<String> {
    fixture
        .feed(feed)
        .entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_successors_news_reaches_the_merged_districts_feed_only_after_the_merge() {
    let fixture = history();
    fixture.article(
        "a/sau.md",
        "title: Sau sáp nhập\ndate: 2025-03-01\ndistricts: [long-dat]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/truoc.md",
        "title: Trước sáp nhập\ndate: 2024-12-31\ndistricts: [long-dat]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/cu.md",
        "title: Tin Đất Đỏ cũ\ndate: 2024-06-01\ndistricts: [dat-do]\n",
        "Tin.\n",
    );
    fixture.build();

    let dat_do = titles(&fixture, "districts/dat-do/rss.xml");
    assert!(dat_do.contains(&"Sau sáp nhập".to_string()), "{dat_do:?}");
    assert!(
        !dat_do.contains(&"Trước sáp nhập".to_string()),
        "{dat_do:?}"
    );
    assert!(dat_do.contains(&"Tin Đất Đỏ cũ".to_string()), "{dat_do:?}");
    assert_eq!(
        titles(&fixture, "districts/long-dien/rss.xml"),
        ["Sau sáp nhập"]
    );
    let long_dat = titles(&fixture, "districts/long-dat/rss.xml");
    assert_eq!(long_dat, ["Sau sáp nhập", "Trước sáp nhập"]);
    assert!(
        !long_dat.contains(&"Tin Đất Đỏ cũ".to_string()),
        "news does not flow backwards"
    );
}

#[test]
fn a_unit_split_among_several_successors_follows_all_of_them_through_two_reorganisations() {
    let fixture = history();
    fixture.article(
        "a/hai.md",
        "title: Long Hải\ndate: 2025-08-01\ndistricts: [xa-long-hai]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/dd.md",
        "title: Xã Đất Đỏ\ndate: 2025-09-01\ndistricts: [xa-dat-do]\n",
        "Tin.\n",
    );
    fixture.build();
    for feed in [
        "districts/long-dat/rss.xml",
        "districts/dat-do/rss.xml",
        "districts/long-dien/rss.xml",
    ] {
        assert_eq!(titles(&fixture, feed), ["Xã Đất Đỏ", "Long Hải"], "{feed}");
    }
    assert_eq!(
        titles(&fixture, "districts/xa-long-hai/rss.xml"),
        ["Long Hải"]
    );
}

#[test]
fn a_parent_lists_its_childrens_articles() {
    let fixture = history();
    fixture.article(
        "a/pm.md",
        "title: Phú Mỹ\ndate: 2024-05-01\ndistricts: [phu-my]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/xa.md",
        "title: Long Hải\ndate: 2025-08-01\ndistricts: [xa-long-hai]\n",
        "Tin.\n",
    );
    fixture.build();
    let province = titles(&fixture, "districts/tinh/rss.xml");
    assert!(province.contains(&"Phú Mỹ".to_string()), "{province:?}");
    // Through Long Đất, a child of the province, that the commune succeeded.
    assert!(province.contains(&"Long Hải".to_string()), "{province:?}");
    assert!(titles(&fixture, "districts/xa-dat-do/rss.xml").is_empty());
}

#[test]
fn the_merged_districts_page_says_so_and_links_its_successor() {
    let fixture = history();
    fixture.build();
    let page = fixture.html("districts/dat-do/index.html");
    let notice = page
        .select(&Selector::parse(".notice").unwrap())
        .next()
        .expect("a notice");
    let text: String = notice.text().collect();
    assert!(text.contains("01/01/2025"), "{text}");
    let links: Vec<&str> = notice
        .select(&Selector::parse("a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["/districts/long-dat/"]);
    let current = fixture.html("districts/xa-long-hai/index.html");
    assert_eq!(
        current.select(&Selector::parse(".notice").unwrap()).count(),
        0
    );
}

#[test]
fn the_overview_lists_current_units_then_former_ones_and_the_home_page_only_current() {
    let fixture = history();
    fixture.build();
    let overview = fixture.html("districts/index.html");
    let names_in = |section: &str| -> Vec<String> {
        let css = format!("section[aria-labelledby={section}] li > a:first-child");
        overview
            .select(&Selector::parse(&css).unwrap())
            .map(|a| a.text().collect())
            .collect()
    };
    let current = names_in("dia-ban-hien-nay");
    let former = names_in("dia-ban-cu");
    assert!(
        current.contains(&"Thị xã Phú Mỹ".to_string()),
        "{current:?}"
    );
    assert!(former.contains(&"Huyện Đất Đỏ".to_string()), "{former:?}");
    assert!(
        !current.contains(&"Huyện Đất Đỏ".to_string()),
        "{current:?}"
    );

    let home = fixture.html("index.html");
    let nav: Vec<String> = home
        .select(&Selector::parse("section[aria-labelledby=dia-ban] a").unwrap())
        .map(|a| a.text().collect())
        .collect();
    assert!(nav.contains(&"Thị xã Phú Mỹ".to_string()), "{nav:?}");
    assert!(nav.contains(&"Xã Long Hải".to_string()), "{nav:?}");
    assert!(
        !nav.contains(&"Huyện Đất Đỏ".to_string()),
        "an ended unit is not offered: {nav:?}"
    );
}

#[test]
fn a_renamed_key_keeps_its_url_and_still_works_in_front_matter() {
    let fixture = history();
    fixture.article(
        "a/tt.md",
        "title: Tân Thành\ndate: 2017-05-01\ndistricts: [tan-thanh]\n",
        "Tin.\n",
    );
    fixture.build();
    assert_eq!(titles(&fixture, "districts/phu-my/rss.xml"), ["Tân Thành"]);
    let redirect = fixture.html("districts/tan-thanh/index.html");
    let canonical = redirect
        .select(&Selector::parse("link[rel=canonical]").unwrap())
        .next()
        .and_then(|l| l.value().attr("href"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(canonical, format!("{BASE}/districts/phu-my/"));
    // Feed readers do not follow an HTML redirect: the old feeds carry on.
    assert_eq!(
        titles(&fixture, "districts/tan-thanh/rss.xml"),
        ["Tân Thành"]
    );
    assert_eq!(
        titles(&fixture, "districts/tan-thanh/atom.xml"),
        ["Tân Thành"]
    );
    assert_eq!(
        titles(&fixture, "districts/tan-thanh/feed.json"),
        ["Tân Thành"]
    );
    let old = fixture.read("districts/tan-thanh/rss.xml");
    assert!(
        old.contains(&format!("href=\"{BASE}/districts/tan-thanh/rss.xml\"")),
        "its self link is its own address"
    );
}

#[test]
fn naming_a_merged_district_after_the_merge_is_a_warning_with_the_successor() {
    let fixture = history();
    fixture.article(
        "a/x.md",
        "title: X\ndate: 2025-02-01\ndistricts: [dat-do]\n",
        "Tin.\n",
    );
    let report = fixture
        .load()
        .check(&fixture.options())
        .expect("a warning, not an error");
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message_in(En).contains("merged into `long-dat`"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert_eq!((warning.line, warning.column), (4, 13));
    assert!(
        warning
            .help_in(En)
            .as_deref()
            .unwrap_or("")
            .contains("write `long-dat`"),
        "{warning}"
    );
}

#[test]
fn a_name_shared_by_two_levels_goes_to_the_unit_that_existed_on_the_date() {
    let toml = format!(
        "{SITE_HEAD}{}",
        r#"
[[districts]]
key = "xuyen-moc"
name = "Huyện Xuyên Mộc"
level = "huyện"
valid_to = 2025-07-01
merged_into = ["xa-xuyen-moc"]

[[districts]]
key = "xa-xuyen-moc"
name = "Xã Xuyên Mộc"
level = "xã"
valid_from = 2025-07-01
"#
    );
    let fixture = Fixture::with_site_toml(&toml);
    fixture.article(
        "a/cu.md",
        "title: Cũ\ndate: 2024-01-01\ndistricts: [xuyen moc]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/moi.md",
        "title: Mới\ndate: 2026-01-01\ndistricts: [Xuyên Mộc]\n",
        "Tin.\n",
    );
    fixture.build();
    assert_eq!(titles(&fixture, "districts/xa-xuyen-moc/rss.xml"), ["Mới"]);
    assert_eq!(
        titles(&fixture, "districts/xuyen-moc/rss.xml"),
        ["Mới", "Cũ"]
    );
}

/// A site with the example's real units (22, with their history).
fn example_units() -> Fixture {
    let toml = std::fs::read_to_string(repo_root().join("site.toml")).unwrap();
    Fixture::with_site_toml(&toml)
}

/// The warnings of `loa check` as `line:column`, message and help.
fn warnings_of(fixture: &Fixture) -> Vec<(String, String, String)> {
    let report = fixture
        .load()
        .check(&fixture.options())
        .unwrap_or_else(|e| panic!("{}", describe(&e)));
    report
        .warnings
        .iter()
        .map(|w| {
            (
                format!("{}:{}:{}", w.path.display(), w.line, w.column),
                w.message_in(En).clone(),
                w.help_in(En).clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn the_history_warning_follows_merges_to_the_units_of_the_articles_date() {
    let fixture = example_units();
    fixture.article(
        "a/long-dien.md",
        "title: A\ndate: 2026-03-01\ndistricts: [Huyện Long Điền]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/tinh.md",
        "title: B\ndate: 2026-03-01\ndistricts: [tinh-ba-ria-vung-tau]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/long-dat.md",
        "title: C\ndate: 2024-03-01\ndistricts: [long-dat]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/con-dao.md",
        "title: D\ndate: 2025-03-01\ndistricts: [Đặc khu Côn Đảo]\n",
        "Tin.\n",
    );
    assert_eq!(
        warnings_of(&fixture),
        [
            (
                "content/a/con-dao.md:4:13".into(),
                "`dac-khu-con-dao` exists only from 01/07/2025, after this article's date".into(),
                "on this article's date its area belonged to `con-dao`: write `con-dao`".into()
            ),
            (
                "content/a/long-dat.md:4:13".into(),
                "`long-dat` exists only from 01/01/2025, after this article's date".into(),
                "on this article's date its area belonged to `long-dien`, `dat-do`: \
                 write the ones the article is about"
                    .into()
            ),
            (
                "content/a/long-dien.md:4:13".into(),
                "`long-dien` was merged into `long-dat` on 01/01/2025, before this article's date"
                    .into(),
                "`long-dat` ended too, on 01/07/2025, and on this article's date the area is \
                 divided among `xa-long-hai`, `xa-long-dien`, `xa-phuoc-hai`, `xa-dat-do`: \
                 write the ones the article is about; subscribers of `long-dien` still receive it"
                    .into()
            ),
            (
                "content/a/tinh.md:4:13".into(),
                "`tinh-ba-ria-vung-tau` was merged into `tp-ho-chi-minh` on 01/07/2025, \
                 before this article's date"
                    .into(),
                "write `tp-ho-chi-minh`; subscribers of `tinh-ba-ria-vung-tau` still receive it"
                    .into()
            ),
        ]
    );
    // What the help says of subscribers is what the build does.
    fixture.article(
        "a/long-dien.md",
        "title: A\ndate: 2026-03-01\ndistricts: [xa-long-dien]\n",
        "Tin.\n",
    );
    fixture.build();
    assert_eq!(titles(&fixture, "districts/long-dien/rss.xml"), ["A"]);
}

#[test]
fn unit_prefixes_do_not_matter_on_either_side_in_full_or_abbreviated() {
    let toml = format!(
        "{SITE_HEAD}{}",
        r#"
[[districts]]
key = "ha-long"
name = "TP Hạ Long"

[[districts]]
key = "tien-yen"
name = "Tiên Yên"
level = "huyện"

[[districts]]
key = "quang-yen"
name = "Thị xã Quảng Yên"
"#
    );
    let fixture = Fixture::with_site_toml(&toml);
    fixture.article(
        "a/x.md",
        "title: X\ndate: 2024-03-01\n\
         districts: [Huyện Tiên Yên, Thành phố Hạ Long, TX. Quảng Yên]\n",
        "Tin.\n",
    );
    fixture.article(
        "a/y.md",
        "title: Y\ndate: 2024-03-02\ndistricts: [thanh pho ha long, THỊ XÃ QUẢNG YÊN]\n",
        "Tin.\n",
    );
    fixture.build();
    assert_eq!(titles(&fixture, "districts/tien-yen/rss.xml"), ["X"]);
    assert_eq!(titles(&fixture, "districts/ha-long/rss.xml"), ["Y", "X"]);
    assert_eq!(titles(&fixture, "districts/quang-yen/rss.xml"), ["Y", "X"]);

    // And with the example's units, named with their prefix in site.toml.
    let fixture = example_units();
    fixture.article(
        "a/x.md",
        "title: X\ndate: 2024-03-01\ndistricts: [TP. Vũng Tàu, Tp Bà Rịa, TX Phú Mỹ]\n",
        "Tin.\n",
    );
    fixture.build();
    for key in ["thanh-pho-vung-tau", "thanh-pho-ba-ria", "thi-xa-phu-my"] {
        assert_eq!(
            titles(&fixture, &format!("districts/{key}/rss.xml")),
            ["X"],
            "{key}"
        );
    }
}

#[test]
fn an_unknown_unit_lists_the_five_closest_keys_not_all() {
    let fixture = example_units();
    fixture.article(
        "a/x.md",
        "title: X\ndate: 2026-03-01\ndistricts: [Phường Long Hương, Huyện Long Hảii]\n",
        "Tin.\n",
    );
    let errors: Vec<String> = fixture
        .build_errors()
        .iter()
        .map(|d| d.render(En))
        .collect();
    assert_eq!(
        errors,
        [
            "content/a/x.md:4:13: error: unknown district `Phường Long Hương`\n  \
             help: the closest of the 22 keys in site.toml: long-dien, xa-long-hai, \
             xa-long-dien, long-dat, con-dao",
            "content/a/x.md:4:32: error: unknown district `Huyện Long Hảii`\n  \
             help: did you mean `xa-long-hai`?",
        ]
    );
}

#[test]
fn loa_new_takes_a_district_with_any_prefix_and_warns_as_check_does() {
    let fixture = example_units();
    let root = fixture.root();
    let root = root.to_str().unwrap();
    let output = fixture.cli(&[
        "new",
        "Tin mới",
        "--district",
        "TX Phú Mỹ",
        "--district",
        "Thành phố Vũng Tàu",
        "--district",
        "Huyện Long Điền",
        "--root",
        root,
    ]);
    let err = assert_exit(&output, 0);
    let written = std::fs::read_to_string(
        fixture
            .root()
            .join(String::from_utf8_lossy(&output.stdout).trim()),
    )
    .unwrap();
    assert!(
        written.contains("\ndistricts: [thi-xa-phu-my, thanh-pho-vung-tau, long-dien]\n"),
        "{written}"
    );
    // Today is after 1 July 2025: Long Đất has ended too.
    assert!(
        err.contains("warning: `long-dien` was merged into `long-dat` on 01/01/2025")
            && err.contains("the area is divided among `xa-long-hai`, `xa-long-dien`"),
        "{err}"
    );
    let output = fixture.cli(&[
        "new",
        "Tin khác",
        "--district",
        "Phường Long Hương",
        "--root",
        root,
    ]);
    let err = assert_exit(&output, 1);
    assert!(
        err.contains(
            "error: unknown district `Phường Long Hương`\n  help: the closest of the 22 keys \
             in site.toml: long-dien, xa-long-hai, xa-long-dien, long-dat, con-dao"
        ),
        "{err}"
    );
}

#[test]
fn broken_history_in_site_toml_is_reported_with_suggestions() {
    let toml = format!(
        "{SITE_HEAD}{}",
        r#"
[[districts]]
key = "dat-do"
name = "Huyện Đất Đỏ"
merged_into = ["long-datt"]

[[districts]]
key = "long-dat"
name = "Huyện Long Đất"
parent = "a"

[[districts]]
key = "a"
name = "A"
parent = "long-dat"
"#
    );
    let fixture = Fixture::with_site_toml(&toml);
    let errors = fixture.build_errors();
    let messages: Vec<String> = errors.iter().map(|d| d.render(En)).collect();
    let all = messages.join("\n");
    assert!(
        all.contains("names `long-datt`, which is not a district"),
        "{all}"
    );
    assert!(all.contains("did you mean `long-dat`?"), "{all}");
    assert!(all.contains("has no `valid_to`"), "{all}");
    assert!(all.contains("`parent` goes round in a circle"), "{all}");
    assert!(
        errors
            .iter()
            .all(|d| d.path.ends_with("site.toml") && d.line > 0),
        "{all}"
    );
}
