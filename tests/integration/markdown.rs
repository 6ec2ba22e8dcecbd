//! The Markdown body: extensions, links between articles, images, code and
//! raw HTML.

use crate::support::pictures::{drawing, shown_file};
use crate::support::*;

#[test]
fn commonmark_extensions_are_rendered() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/mo-rong.md",
        "title: Mở rộng\ndate: 2021-10-19\n",
        "## Hồ sơ cần có\n\n\
         | Cột A | Cột B |\n|---|---|\n| 1 | 2 |\n\n\
         Chữ ~~cũ~~ và \"trích dẫn\" của Bộ's -- hết[^1].\n\n\
         - [x] xong\n- [ ] chưa\n\n\
         ## Hồ sơ cần có\n\n\
         [^1]: Chú thích cuối trang.\n",
    );
    fixture.build();
    let html = fixture.html("hoat-dong/mo-rong/index.html");

    let headers: Vec<String> = select(&html, "main .content table th")
        .iter()
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(headers, ["Cột A", "Cột B"]);
    assert_eq!(
        select(&html, "main .content div.table-wrap > table").len(),
        1
    );

    assert_eq!(text_of(&html, "main .content del"), "cũ");
    let paragraph = select(&html, "main .content p")
        .iter()
        .map(|p| p.text().collect::<String>())
        .find(|t| t.starts_with("Chữ"))
        .unwrap();
    assert!(paragraph.contains("“trích dẫn”"), "{paragraph}");
    assert!(paragraph.contains("Bộ’s"), "{paragraph}");
    assert!(paragraph.contains(" – hết"), "{paragraph}");

    let reference = attr_of(&html, "main .content sup.footnote-reference a", "href");
    let definition = select(&html, "main .content .footnote-definition");
    assert_eq!(definition.len(), 1);
    assert_eq!(
        reference,
        format!("#{}", definition[0].value().attr("id").unwrap())
    );
    assert!(definition[0]
        .text()
        .collect::<String>()
        .contains("Chú thích cuối trang."));

    let boxes = select(&html, "main .content li input[type=checkbox][disabled]");
    assert_eq!(boxes.len(), 2);
    assert!(boxes[0].value().attr("checked").is_some());
    assert!(boxes[1].value().attr("checked").is_none());

    let ids: Vec<&str> = select(&html, "main .content h2")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(ids, ["ho-so-can-co", "ho-so-can-co-1"]);
}

#[test]
fn at_links_resolve_to_the_target_url() {
    let fixture = Fixture::new();
    fixture.simple("a/b.md", "Đích", "2021-10-18");
    fixture.article(
        "hoat-dong/nguon.md",
        "title: Nguồn\ndate: 2021-10-19\n",
        "Xem [x](@/a/b.md), [mục](@/a/b.md#muc) và [tương đối](../a/b.md).\n",
    );
    fixture.build();
    let html = fixture.html("hoat-dong/nguon/index.html");
    let hrefs: Vec<&str> = select(&html, "main .content a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs, ["/a/b/", "/a/b/#muc", "/a/b/"]);
}

#[test]
fn a_broken_at_link_is_an_error_at_its_line_and_column() {
    let fixture = Fixture::new();
    fixture.simple("a/b.md", "Đích", "2021-10-18");
    // Line 7 of the file; `[` is the 9th character (the 10th byte).
    fixture.article(
        "hoat-dong/nguon.md",
        "title: Nguồn\ndate: 2021-10-19\n",
        "Đoạn đầu.\n\nXem bài [x](@/a/c.md).\n",
    );
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(
        error.path,
        std::path::Path::new("content/hoat-dong/nguon.md")
    );
    assert_eq!((error.line, error.column), (7, 9));
    assert!(
        error.message_in(En).contains("@/a/c.md"),
        "{}",
        error.message_in(En)
    );
    assert_eq!(
        error.help_in(En).as_deref(),
        Some("did you mean `@/a/b.md`?")
    );
    assert!(!fixture.out().exists());

    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(
        err.contains("content/hoat-dong/nguon.md:7:9: error: the link `@/a/c.md` names no article"),
        "{err}"
    );
}

#[test]
fn images_beside_the_article_are_published_and_other_files_copied() {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/anh.png", drawing(1200, 630));
    fixture.write("content/hoat-dong/tai-lieu/van-ban.pdf", b"%PDF-1.4 fake");
    fixture.article(
        "hoat-dong/co-anh.md",
        "title: Có ảnh\ndate: 2021-10-19\nimage: anh.png\nimage_alt: Ảnh minh hoạ\n",
        "Ảnh trong bài: ![Cán bộ tập huấn](anh.png) và [văn bản](tai-lieu/van-ban.pdf).\n",
    );
    fixture.build();
    // The picture as files made of it (see `pictures`), the PDF as it is.
    assert!(!fixture.exists("hoat-dong/anh.png"));
    let shown = shown_file(&fixture.out(), "hoat-dong/anh.png");
    assert_eq!(
        std::fs::read(fixture.output("hoat-dong/tai-lieu/van-ban.pdf")).unwrap(),
        b"%PDF-1.4 fake"
    );
    let html = fixture.html("hoat-dong/co-anh/index.html");
    assert_eq!(
        attr_of(&html, "main .content img", "src"),
        format!("/{shown}")
    );
    assert_eq!(
        attr_of(&html, "main .content img", "alt"),
        "Cán bộ tập huấn"
    );
    assert_eq!(
        attr_of(&html, "main .content a", "href"),
        "/hoat-dong/tai-lieu/van-ban.pdf"
    );
    assert!(attr_of(&html, "meta[property='og:image']", "content")
        .starts_with(&format!("{BASE}/hoat-dong/anh-chia-se.")));
}

#[test]
fn a_titled_image_becomes_a_figure_with_a_caption() {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/anh.png", drawing(1200, 630));
    fixture.article(
        "hoat-dong/hinh.md",
        "title: Hình\ndate: 2021-10-19\n",
        "Đoạn đầu.\n\n![Cán bộ tập huấn](anh.png \"Tập huấn mô hình tại Xuyên Mộc\")\n\nẢnh nhỏ ![không chú thích](anh.png) giữa dòng.\n",
    );
    fixture.build();
    let html = fixture.html("hoat-dong/hinh/index.html");
    let figures = select(&html, "main .content figure");
    assert_eq!(figures.len(), 1);
    assert_eq!(
        text_of(&html, "main .content figure > figcaption"),
        "Tập huấn mô hình tại Xuyên Mộc"
    );
    assert_eq!(
        attr_of(&html, "main .content figure > picture > img", "src"),
        format!("/{}", shown_file(&fixture.out(), "hoat-dong/anh.png"))
    );
    assert_eq!(
        attr_of(&html, "main .content figure > picture > img", "alt"),
        "Cán bộ tập huấn"
    );
    // An image without a title stays inline.
    assert_eq!(select(&html, "main .content p > picture > img").len(), 1);
}

#[test]
fn fenced_rust_code_is_highlighted_with_classes() {
    let code = "fn main() {\n    println!(\"xin chào\");\n}\n";
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/ma.md",
        "title: Mã\ndate: 2021-10-19\n",
        &format!("```rust\n{code}```\n\n```\n<khong-to-mau>\n```\n"),
    );
    fixture.build();
    let html = fixture.html("hoat-dong/ma/index.html");
    let blocks = select(&html, "main .content pre");
    assert_eq!(blocks.len(), 2);
    let classes: Vec<&str> = blocks[0]
        .select(&selector("span"))
        .filter_map(|e| e.value().attr("class"))
        .flat_map(str::split_whitespace)
        .collect();
    assert!(
        classes.iter().any(|c| c.starts_with("hl-"))
            && classes.iter().all(|c| c.starts_with("hl-")),
        "{classes:?}"
    );
    // Highlighting changes markup, not text; and no inline styles.
    assert_eq!(blocks[0].text().collect::<String>(), code);
    assert!(!blocks[0].html().contains("style="));
    // A block without a language is escaped text, not highlighted.
    assert_eq!(blocks[1].text().collect::<String>(), "<khong-to-mau>\n");
    assert!(blocks[1]
        .descendent_elements()
        .all(|e| e.value().attr("class").is_none_or(|c| !c.contains("hl-"))));
}

const RAW_HTML_BODY: &str = "<div class=\"raw\">khối</div>\n\nChữ <b class=\"inline\">đậm</b> và <script>alert(1)</script>.\n";

#[test]
fn raw_html_is_dropped_by_default() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/html.md",
        "title: HTML\ndate: 2021-10-19\n",
        RAW_HTML_BODY,
    );
    let report = fixture.build();
    let html = fixture.html("hoat-dong/html/index.html");
    assert!(select(&html, "div.raw").is_empty());
    assert!(select(&html, "b.inline").is_empty());
    assert!(select(&html, "script:not([src])").is_empty());
    assert!(text_of(&html, "main .content").contains("đậm"));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message_in(En).contains("raw HTML")),
        "{:?}",
        report.warnings
    );
    let feed = fixture.read("rss.xml");
    assert!(!feed.contains("class=\"raw\"") && !feed.contains("<script"));
}

#[test]
fn raw_html_is_kept_when_allowed() {
    let fixture = Fixture::with_config("allow_html = true");
    fixture.article(
        "hoat-dong/html.md",
        "title: HTML\ndate: 2021-10-19\n",
        RAW_HTML_BODY,
    );
    let report = fixture.build();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let html = fixture.html("hoat-dong/html/index.html");
    assert_eq!(text_of(&html, "main .content div.raw"), "khối");
    assert_eq!(text_of(&html, "main .content b.inline"), "đậm");
}

/// Found by the `markdown` fuzz target: with raw HTML off, a link could
/// still run a script.
#[test]
fn script_links_are_dropped_with_a_warning_at_their_place() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/lien-ket.md",
        "title: Liên kết\ndate: 2021-10-19\n",
        "Đoạn đầu.\n\nBấm [vào đây](javascript:alert(document.cookie)) để nhận quà.\n",
    );
    let report = fixture.build();
    let html = fixture.html("hoat-dong/lien-ket/index.html");
    assert!(
        select(&html, "main .content a").is_empty(),
        "{}",
        fixture.read("hoat-dong/lien-ket/index.html")
    );
    assert!(text_of(&html, "main .content").contains("Bấm vào đây để nhận quà."));
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message_in(En).contains("javascript:"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert_eq!((warning.line, warning.column), (7, 5), "{warning:?}");
    assert!(!fixture.read("rss.xml").contains("javascript:"));
}
