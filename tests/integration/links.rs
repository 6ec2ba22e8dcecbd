//! Links and pictures an editor gets wrong: missing files (errors, with a
//! did-you-mean), site paths the build does not make (errors), `#fragments`
//! that are no heading of their page (warnings), each at its line and
//! column.

use crate::support::pictures::{photo, shown_file};
use crate::support::*;
use loa::diagnostics::{Diagnostic, Severity};

/// Two articles with headings, a footnote, a picture and a draft.
fn fixture(config: &str) -> Fixture {
    let fixture = Fixture::with_config(config);
    fixture.write("content/hoat-dong/tau-tuan-tra.jpg", photo(1200, 900, 1));
    fixture.write("content/huong-dan/mau-don.pdf", b"%PDF-1.4");
    fixture.article(
        "hoat-dong/bai-mot.md",
        "title: Bài một\ndate: 2024-01-01\ncategory: hoat-dong\ndistricts: [xuyen-moc]\n\
         tags: [an ninh]\nlaws: [\"Luật Cư trú 2020\"]\naliases: [\"/tin-tuc/12345.html\"]\n",
        "## Giới thiệu\n\nĐoạn[^1].\n\n## Hồ sơ cần có\n\nGiấy tờ.\n\n[^1]: Chú thích.\n",
    );
    fixture.simple("canh-bao/bai-hai.md", "Bài hai", "2024-01-02");
    fixture.article(
        "canh-bao/nhap.md",
        "title: Nháp\ndate: 2024-01-03\ndraft: true\n",
        "Chưa xong.\n",
    );
    fixture
}

/// `(line, column, severity, message, help)` of the diagnostics of one file.
fn of_file(
    diagnostics: &[Diagnostic],
    file: &str,
) -> Vec<(usize, usize, Severity, String, String)> {
    diagnostics
        .iter()
        .filter(|d| d.path.to_string_lossy() == format!("content/{file}"))
        .map(|d| {
            (
                d.line,
                d.column,
                d.severity,
                d.message_in(En).clone(),
                d.help_in(En).clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn error(
    line: usize,
    column: usize,
    message: &str,
    help: &str,
) -> (usize, usize, Severity, String, String) {
    (line, column, Severity::Error, message.into(), help.into())
}

fn warning(
    line: usize,
    column: usize,
    message: &str,
    help: &str,
) -> (usize, usize, Severity, String, String) {
    (line, column, Severity::Warning, message.into(), help.into())
}

/// An article `content/<path>` with a title and a date, then `body`.
fn with_body(fixture: &Fixture, path: &str, body: &str) {
    fixture.article(path, "title: Liên kết\ndate: 2024-02-01\n", body);
}

#[test]
fn missing_pictures_and_files_are_errors_with_a_did_you_mean() {
    let fixture = fixture("");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "![Tàu tuần tra](tau-tuan-tra.JPG)\n\n\
         Tải [đơn](mau-don.pdf) và ![ảnh](tau-tuan-tr.jpg).\n\n\
         [Biểu mẫu](bieu-mau-khac.docx)\n",
    );
    fixture.article(
        "canh-bao/anh-bia.md",
        "title: Ảnh bìa\ndate: 2024-02-02\nimage: ../hoat-dong/Tau-Tuan-Tra.jpg\nimage_alt: Tàu\n",
        "Nội dung.\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(
        of_file(&errors, "hoat-dong/lien-ket.md"),
        [
            error(
                5,
                1,
                "the image `content/hoat-dong/tau-tuan-tra.JPG` does not exist: the page would show a broken picture",
                "did you mean `tau-tuan-tra.jpg`? Upper and lower case letters count in a web address",
            ),
            error(
                7,
                5,
                "the link points to `content/hoat-dong/mau-don.pdf`, which does not exist: readers would get an error page",
                "a file of that name is in content/huong-dan/: write `../huong-dan/mau-don.pdf`",
            ),
            error(
                7,
                27,
                "the image `content/hoat-dong/tau-tuan-tr.jpg` does not exist: the page would show a broken picture",
                "did you mean `tau-tuan-tra.jpg`?",
            ),
            error(
                9,
                1,
                "the link points to `content/hoat-dong/bieu-mau-khac.docx`, which does not exist: readers would get an error page",
                "put the file in content/hoat-dong/ beside the article, or correct the name",
            ),
        ]
    );
    assert_eq!(
        of_file(&errors, "canh-bao/anh-bia.md"),
        [error(
            4,
            8,
            "the image `../hoat-dong/Tau-Tuan-Tra.jpg` does not exist",
            "did you mean `../hoat-dong/tau-tuan-tra.jpg`? Upper and lower case letters count in a web address",
        )]
    );
    assert!(!fixture.out().exists(), "nothing is written");
}

#[test]
fn every_page_and_file_the_build_makes_can_be_linked() {
    // Two articles per listing page: the district has a page 2.
    let fixture = fixture("per_page = 1\nfeed_full = true");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "[a](/hoat-dong/bai-mot/) [b](/hoat-dong/bai-mot) [c](/hoat-dong/bai-mot/index.html) \
         [d](/hoat-dong/bai-mot/?utm=zalo#gioi-thieu) [e](../canh-bao/bai-hai/) [f](bai-mot) \
         [g](/) [h](/index.html) [i](/districts/) [j](/districts/xuyen-moc/) \
         [k](/districts/xuyen-moc/page/2/) [l](/districts/xuyen-moc/rss.xml) \
         [m](/districts/xuyen-moc/feed.json) [n](/categories/hoat-dong/atom.xml) \
         [o](/tags/an-ninh/) [p](/laws/luat-cu-tru-2020/) [q](/subscribe/) [r](/feeds.opml) \
         [s](/rss.xml) [t](/full.xml) [u](/sitemap.xml) [v](/404.html) [w](/style.css) \
         [x](/tin-tuc/12345.html) [y](/hoat-dong/tau-tuan-tra.jpg) [z](/pages/gioi-thieu/) \
         ![logo](/logo.png) [footnote](@/hoat-dong/bai-mot.md#1) \
         [main](/hoat-dong/bai-mot/#main) [top](#top) [listing](/districts/xuyen-moc/#bat-ky) \
         [%](/hoat-dong/t%61u-tuan-tra.jpg)\n",
    );
    fixture.article("pages/gioi-thieu.md", "title: Giới thiệu\n", "Trang.\n");
    let report = fixture.build();
    assert_eq!(of_file(&report.warnings, "hoat-dong/lien-ket.md"), []);
    let page = fixture.html("hoat-dong/lien-ket/index.html");
    let hrefs: Vec<String> = select(&page, ".content a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(hrefs[4], "/canh-bao/bai-hai/", "the trailing slash is kept");
}

#[test]
fn site_paths_the_build_does_not_make_are_errors_with_their_position() {
    let fixture = fixture("");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "Xem [tin](/tin-tuc/khong-co/) và [bài](/hoat-dong/bai-mo/).\n\n\
         [Địa bàn](/districts/xuyen-mok/), [khác](../canh-bao/bai-ha/) và [chữ](/Hoạt-Động/Bài-Một/).\n\n\
         ![Ảnh](/anh/khong-co.png)\n",
    );
    let errors = fixture.build_errors();
    let fallback = "link an article by its file, which is checked and follows it when its address \
                    changes: `[text](@/hoat-dong/bai-viet.md)`";
    assert_eq!(
        of_file(&errors, "hoat-dong/lien-ket.md"),
        [
            error(
                5,
                5,
                "the link leads to `/tin-tuc/khong-co/`, which this site does not have",
                fallback,
            ),
            error(
                5,
                34,
                "the link leads to `/hoat-dong/bai-mo/`, which this site does not have",
                "did you mean `/hoat-dong/bai-mot/`?",
            ),
            error(
                7,
                1,
                "the link leads to `/districts/xuyen-mok/`, which this site does not have",
                "did you mean `/districts/xuyen-moc/`?",
            ),
            error(
                7,
                35,
                "the link leads to `/canh-bao/bai-ha/`, which this site does not have",
                "did you mean `/canh-bao/bai-hai/`?",
            ),
            error(
                7,
                66,
                "the link leads to `/Hoạt-Động/Bài-Một/`, which this site does not have",
                "did you mean `/hoat-dong/bai-mot/`?",
            ),
            error(
                9,
                1,
                "the image `/anh/khong-co.png` is not a file of this site",
                fallback,
            ),
        ]
    );
}

#[test]
fn a_base_path_is_added_by_loa_and_not_written_by_the_editor() {
    let toml = format!(
        "{}{SITE_TABLES}",
        SITE_HEAD.replace(BASE, "https://congan.example.gov.vn/loa")
    );
    let fixture = Fixture::with_site_toml(&toml);
    fixture.simple("hoat-dong/bai-mot.md", "Bài một", "2024-01-01");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "[đúng](/hoat-dong/bai-mot/) [sai](/loa/hoat-dong/bai-mot/)\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(
        of_file(&errors, "hoat-dong/lien-ket.md"),
        [error(
            5,
            29,
            "the link leads to `/loa/hoat-dong/bai-mot/`, which this site does not have",
            "a link starting with `/` already starts at the site's address \
             (https://congan.example.gov.vn/loa): write `/hoat-dong/bai-mot/`",
        )]
    );
    fixture.article(
        "hoat-dong/lien-ket.md",
        "title: Liên kết\ndate: 2024-02-01\n",
        "[đúng](/hoat-dong/bai-mot/)\n",
    );
    fixture.build();
    let page = fixture.html("hoat-dong/lien-ket/index.html");
    assert_eq!(
        attr_of(&page, ".content a", "href"),
        "/loa/hoat-dong/bai-mot/"
    );
}

#[test]
fn fragments_that_are_no_heading_are_warnings_with_the_ids_there_are() {
    let fixture = fixture("");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "## Mục một\n\n\
         [a](#muc-mot) [b](#muc-mt) [c](@/hoat-dong/bai-mot.md#ho-so) \
         [d](/hoat-dong/bai-mot/#ho-so-can-c) [e](/canh-bao/bai-hai/#gi-do)\n",
    );
    let report = fixture.build();
    assert_eq!(
        of_file(&report.warnings, "hoat-dong/lien-ket.md"),
        [
            warning(
                7,
                15,
                "`#muc-mt` is not a heading of this page",
                "did you mean `#muc-mot`?",
            ),
            warning(
                7,
                28,
                "`#ho-so` is not a heading of `@/hoat-dong/bai-mot.md`",
                "a heading's id is its text without accents, in lower case, with dashes \
                 (`## Hồ sơ cần có` → `#ho-so-can-co`); that page has: `#gioi-thieu`, \
                 `#ho-so-can-co`, `#1`",
            ),
            warning(
                7,
                62,
                "`#ho-so-can-c` is not a heading of `/hoat-dong/bai-mot/`",
                "did you mean `#ho-so-can-co`?",
            ),
            warning(
                7,
                99,
                "`#gi-do` is not a heading of `/canh-bao/bai-hai/`",
                "that page has no headings to link to: link the page without `#gi-do`",
            ),
        ]
    );
    assert!(
        fixture.exists("hoat-dong/lien-ket/index.html"),
        "warnings only"
    );
}

#[test]
fn a_site_path_to_a_draft_gets_the_draft_warning_at_the_link() {
    let fixture = fixture("");
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "Đoạn.\n\nXem [nháp](/canh-bao/nhap/) và [cũng nháp](@/canh-bao/nhap.md).\n",
    );
    let report = fixture.build();
    let message =
        "links to content/canh-bao/nhap.md, which is a draft or scheduled and not published yet";
    let help = "the link will not work until that article is published";
    assert_eq!(
        of_file(&report.warnings, "hoat-dong/lien-ket.md"),
        [warning(7, 5, message, help), warning(7, 32, message, help)]
    );
    // With drafts, the draft is published and the links are right.
    let mut options = fixture.options();
    options.drafts = true;
    let report = fixture.build_with(&options);
    assert_eq!(of_file(&report.warnings, "hoat-dong/lien-ket.md"), []);
}

#[test]
fn link_problems_are_listed_with_every_other_error() {
    let fixture = fixture("");
    with_body(&fixture, "hoat-dong/lien-ket.md", "[x](/khong-co/)\n");
    fixture.article(
        "hoat-dong/sai.md",
        "title: Sai\ndate: 2024-02-01\ndistricts: [xuyen-mok]\n",
        "A.\n",
    );
    let errors = fixture.build_errors();
    let files: Vec<String> = errors
        .iter()
        .map(|d| d.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        ["content/hoat-dong/lien-ket.md", "content/hoat-dong/sai.md"]
    );
}

#[test]
fn an_article_left_out_for_its_date_still_gets_its_link_errors() {
    let fixture = fixture("");
    fixture.article(
        "hoat-dong/sai-ngay.md",
        "title: Sai ngày\ndate: 2024-02-30\n",
        "Xem [mẫu](/khong-co/).\n",
    );
    let errors = fixture.build_errors();
    let found: Vec<(usize, String)> = of_file(&errors, "hoat-dong/sai-ngay.md")
        .into_iter()
        .map(|(line, _, _, message, _)| (line, message))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, 3, "the date, in the front matter: {found:?}");
    assert_eq!(found[1].0, 5, "the link, in the body: {found:?}");
    assert!(found[1].1.contains("/khong-co/"), "{found:?}");
}

#[test]
fn links_markdown_shows_as_text_are_errors_with_the_fix() {
    let fixture = fixture("");
    fixture.write("content/hoat-dong/anh tap huan.jpg", photo(1200, 900, 1));
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "Ảnh ![Tập huấn](anh tap huan.jpg).\n\n[Cổng](www.bocongan.gov.vn) và \
         [tham khảo][1] và chú thích[^2].\n",
    );
    let errors = fixture.build_errors();
    let found: Vec<(usize, usize, String, String)> = of_file(&errors, "hoat-dong/lien-ket.md")
        .into_iter()
        .map(|(line, column, _, message, help)| (line, column, message, help))
        .collect();
    assert_eq!(
        found,
        [
            (
                5,
                5,
                "`![Tập huấn](anh tap huan.jpg)` is not shown as a picture: its address has a \
                 space, so Markdown shows the text as it is"
                    .into(),
                "for a picture, put the address between `<` and `>`: \
                 `![Tập huấn](<anh tap huan.jpg>)`, or name the file without spaces"
                    .into()
            ),
            (
                7,
                1,
                "`www.bocongan.gov.vn` is read as a file beside the article, not as a website: \
                 readers would get an error page"
                    .into(),
                "write the whole address of the website, with `https://`: \
                 `[...](https://www.bocongan.gov.vn)`"
                    .into()
            ),
            (
                7,
                32,
                "`[tham khảo][1]` refers to `[1]`, which is not defined: readers would see the \
                 brackets, not a link"
                    .into(),
                "add a line `[1]: https://...` after the paragraph, or write the address in the \
                 link: `[...](https://...)`"
                    .into()
            ),
            (
                7,
                59,
                "the footnote `[^2]` has no text: readers would see the brackets, not a note"
                    .into(),
                "add the note on a line of its own at the end of the article: `[^2]: ...`".into()
            ),
        ]
    );
    // Written as the help says, the picture is shown.
    with_body(
        &fixture,
        "hoat-dong/lien-ket.md",
        "Ảnh ![Tập huấn](<anh tap huan.jpg>).\n",
    );
    let report = fixture.build();
    assert_eq!(of_file(&report.warnings, "hoat-dong/lien-ket.md"), []);
    let page = fixture.html("hoat-dong/lien-ket/index.html");
    let sources: Vec<&str> = page
        .select(&selector("main img"))
        .filter_map(|img| img.value().attr("src"))
        .collect();
    // The file made of it, its space escaped as in any URL.
    let shown = shown_file(&fixture.out(), "hoat-dong/anh tap huan.jpg");
    assert_eq!(sources, [format!("/{}", shown.replace(' ', "%20"))]);
}
