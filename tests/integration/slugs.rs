//! URLs made from Vietnamese words: tags, file names, district names.

use crate::support::*;
use unicode_normalization::UnicodeNormalization;

#[test]
fn vietnamese_tag_gets_an_ascii_url() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/a.md",
        "title: A\ndate: 2021-10-19\ntags: [Mạng xã hội, \"Đất Đỏ – an ninh\"]\n",
        "A.\n",
    );
    fixture.build();
    assert!(fixture.exists("tags/mang-xa-hoi/index.html"));
    assert!(fixture.exists("tags/mang-xa-hoi/rss.xml"));
    assert!(fixture.exists("tags/dat-do-an-ninh/index.html"));
    let listing = fixture.html("tags/mang-xa-hoi/index.html");
    assert_eq!(card_links(&listing), ["/hoat-dong/a/"]);
    assert!(text_of(&listing, "main h1").contains("Mạng xã hội"));

    let page = fixture.html("hoat-dong/a/index.html");
    let tag_links: Vec<&str> = select(&page, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("/tags/"))
        .collect();
    assert_eq!(tag_links, ["/tags/mang-xa-hoi/", "/tags/dat-do-an-ninh/"]);
}

#[test]
fn file_and_folder_names_become_ascii_lowercase_urls() {
    let fixture = Fixture::new();
    fixture.simple("Hoạt Động/Cảnh Báo Lừa Đảo.md", "Cảnh báo", "2021-10-19");
    // A name typed in NFD gives the same URL as in NFC.
    let nfd: String = "Đường Dây Nóng.md".nfd().collect();
    fixture.simple(&format!("hoat-dong/{nfd}"), "Đường dây nóng", "2021-10-18");
    fixture.build();
    assert!(fixture.exists("hoat-dong/canh-bao-lua-dao/index.html"));
    assert!(fixture.exists("hoat-dong/duong-day-nong/index.html"));

    for path in all_paths(&fixture.out()) {
        let path = path.to_string_lossy().into_owned();
        assert!(
            path.is_ascii() && path == path.to_lowercase(),
            "output path `{path}` is not ASCII lower case"
        );
    }
    let links = item_links(&fixture.feed("rss.xml"));
    assert_eq!(
        links,
        [
            format!("{BASE}/hoat-dong/canh-bao-lua-dao/"),
            format!("{BASE}/hoat-dong/duong-day-nong/"),
        ]
    );
}

#[test]
fn at_links_to_a_vietnamese_file_name_resolve() {
    let fixture = Fixture::new();
    fixture.simple("Hoạt Động/Bài Gốc.md", "Gốc", "2021-10-18");
    fixture.article(
        "hoat-dong/lien-ket.md",
        "title: Liên kết\ndate: 2021-10-19\n",
        "Xem [bài gốc](<@/Hoạt Động/Bài Gốc.md>).\n",
    );
    fixture.build();
    let page = fixture.html("hoat-dong/lien-ket/index.html");
    assert_eq!(
        attr_of(&page, "main .content a", "href"),
        "/hoat-dong/bai-goc/"
    );
}

#[test]
fn districts_given_by_name_resolve_to_their_key() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/ten-day-du.md",
        "title: Tên đầy đủ\ndate: 2021-10-19\ndistricts: [Huyện Xuyên Mộc]\n",
        "A.\n",
    );
    fixture.article(
        "hoat-dong/khong-dau.md",
        "title: Không dấu\ndate: 2021-10-18\ndistricts: [xuyen moc]\n",
        "B.\n",
    );
    fixture.article(
        "hoat-dong/hoa.md",
        "title: Chữ hoa\ndate: 2021-10-17\ndistricts: [\"ĐẤT ĐỎ\"]\n",
        "C.\n",
    );
    fixture.build();

    assert_eq!(
        card_links(&fixture.html("districts/xuyen-moc/index.html")),
        ["/hoat-dong/ten-day-du/", "/hoat-dong/khong-dau/"]
    );
    assert_eq!(
        card_links(&fixture.html("districts/dat-do/index.html")),
        ["/hoat-dong/hoa/"]
    );
    assert!(!fixture.exists("districts/huyen-xuyen-moc/index.html"));
    assert!(!fixture.exists("districts/xuyen moc/index.html"));

    let page = fixture.html("hoat-dong/khong-dau/index.html");
    let district_links: Vec<&str> = select(&page, "main .meta a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("/districts/"))
        .collect();
    assert_eq!(district_links, ["/districts/xuyen-moc/"]);
}
