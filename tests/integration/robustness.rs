//! Hostile or odd input: no panic, a clean error or a clean build.

use std::path::Path;

use crate::support::pictures::{drawing, shown_file};
use crate::support::*;
use loa::diagnostics::Diagnostic;

/// The one error of a build whose only problem is `content/<path>`.
fn single_error(fixture: &Fixture, path: &str) -> Diagnostic {
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = errors.into_iter().next().unwrap();
    assert_eq!(error.path, Path::new("content").join(path));
    assert!(error.is_error());
    error
}

fn with_a_good_article() -> Fixture {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/tot.md", "Bài tốt", "2021-10-19");
    fixture
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let fixture = with_a_good_article();
    fixture.write(
        "content/hoat-dong/latin1.md",
        b"---\ntitle: Tin t\xe9t\ndate: 2021-10-19\n---\nA.\n",
    );
    let error = single_error(&fixture, "hoat-dong/latin1.md");
    assert!(
        error.message_in(En).contains("UTF-8"),
        "{}",
        error.message_in(En)
    );
    assert_eq!(error.line, 2, "the line of the first bad byte");

    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(err.contains("content/hoat-dong/latin1.md:2:"), "{err}");
}

#[test]
fn a_binary_file_named_md_is_an_error() {
    let fixture = with_a_good_article();
    let mut bytes: Vec<u8> = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    fixture.write("content/hoat-dong/anh.md", &bytes);
    // NUL bytes only are valid UTF-8, but still not an article.
    fixture.write("content/hoat-dong/nul.md", vec![0u8; 1024]);
    let errors = fixture.build_errors();
    let paths: Vec<&Path> = errors.iter().map(|d| d.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            Path::new("content/hoat-dong/anh.md"),
            Path::new("content/hoat-dong/nul.md"),
        ],
        "{errors:?}"
    );
    assert_exit(&fixture.cli_build(), 1);
}

#[test]
fn an_empty_file_is_an_error() {
    let fixture = with_a_good_article();
    fixture.write("content/hoat-dong/rong.md", "");
    let error = single_error(&fixture, "hoat-dong/rong.md");
    assert!(
        error.message_in(En).contains("empty"),
        "{}",
        error.message_in(En)
    );
    assert_exit(&fixture.cli_build(), 1);
}

#[test]
fn a_file_with_only_the_opening_fence_is_an_error() {
    let fixture = with_a_good_article();
    fixture.write("content/hoat-dong/mo.md", "---");
    let error = single_error(&fixture, "hoat-dong/mo.md");
    assert!(
        error.message_in(En).contains("never closed"),
        "{}",
        error.message_in(En)
    );
    assert_eq!((error.line, error.column), (1, 1));
    assert_exit(&fixture.cli_build(), 1);
}

#[test]
fn empty_front_matter_reports_the_missing_fields() {
    let fixture = with_a_good_article();
    fixture.write("content/hoat-dong/trong.md", "---\n---\n");
    let errors = fixture.build_errors();
    let messages: Vec<String> = errors.iter().map(|d| d.message_in(En)).collect();
    assert_eq!(messages, ["missing `date`", "missing `title`"]);
}

#[test]
fn front_matter_that_is_not_a_mapping_is_an_error() {
    let fixture = with_a_good_article();
    fixture.write("content/hoat-dong/danh-sach.md", "---\n- a\n- b\n---\nA.\n");
    fixture.write("content/hoat-dong/chuoi.md", "---\nchỉ là chữ\n---\nA.\n");
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_exit(&fixture.cli_build(), 1);
}

/// 50 MB under `cargo test --release`. Unoptimised, the whole pipeline
/// (Markdown, page, three feeds) runs at about 2 MB/s, so a debug
/// `cargo test` uses 8 MB to stay fast.
const LARGE_ARTICLE_BYTES: usize = if cfg!(debug_assertions) {
    8 * 1024 * 1024
} else {
    50 * 1024 * 1024
};

#[test]
fn a_very_large_article_builds() {
    let fixture = Fixture::new();
    let paragraph = "Đoạn văn thử nghiệm với **chữ đậm** và [liên kết](https://example.org/).\n\n";
    let mut body = String::with_capacity(LARGE_ARTICLE_BYTES + paragraph.len());
    while body.len() < LARGE_ARTICLE_BYTES {
        body.push_str(paragraph);
    }
    fixture.article(
        "hoat-dong/rat-dai.md",
        "title: Bài rất dài\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [con-dao]\n",
        &body,
    );
    let report = fixture.build();
    assert_eq!(report.articles, 1);
    let page = std::fs::metadata(fixture.output("hoat-dong/rat-dai/index.html")).unwrap();
    assert!(page.len() as usize > LARGE_ARTICLE_BYTES);
    let feed = fixture.read("rss.xml");
    assert!(feed.contains("Đoạn văn thử nghiệm với chữ đậm và liên kết."));
}

#[test]
fn a_symlink_loop_in_content_is_skipped_with_a_warning() {
    let fixture = with_a_good_article();
    let folder = fixture.root().join("content/hoat-dong");
    std::os::unix::fs::symlink(&folder, folder.join("vong-lap")).unwrap();
    let report = fixture.build();
    assert_eq!(report.articles, 1);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message_in(En).contains("loop")
                && w.path.to_string_lossy().contains("vong-lap")),
        "{:?}",
        report.warnings
    );
    assert!(fixture.exists("hoat-dong/tot/index.html"));
    assert!(!fixture.exists("hoat-dong/vong-lap"));
    assert_exit(&fixture.cli_build(), 0);
}

#[test]
fn a_dangling_symlink_in_content_does_not_stop_the_build() {
    let fixture = with_a_good_article();
    std::os::unix::fs::symlink(
        fixture.root().join("khong-ton-tai"),
        fixture.root().join("content/hoat-dong/hong.md"),
    )
    .unwrap();
    match fixture.try_build() {
        Ok(report) => assert_eq!(report.articles, 1),
        Err(error) => {
            let errors = content_errors(error);
            assert!(errors
                .iter()
                .all(|d| d.path.to_string_lossy().contains("hong.md")));
        }
    }
}

#[test]
fn deeply_nested_folders_build() {
    let fixture = with_a_good_article();
    let depth = 60;
    let folders: Vec<String> = (0..depth).map(|i| format!("c{i}")).collect();
    let path = format!("{}/sau.md", folders.join("/"));
    fixture.simple(&path, "Bài rất sâu", "2021-10-18");
    fixture.write(
        &format!("content/{}/anh.png", folders.join("/")),
        drawing(64, 48),
    );
    let report = fixture.build();
    assert_eq!(report.articles, 2);
    let url = format!("{}/sau/", folders.join("/"));
    assert!(fixture.exists(&format!("{url}index.html")));
    // The picture's files are published that deep too.
    let picture = shown_file(&fixture.out(), &format!("{}/anh.png", folders.join("/")));
    assert!(fixture.exists(&picture));
    assert!(item_links(&fixture.feed("rss.xml")).contains(&format!("{BASE}/{url}")));
}

#[test]
fn hidden_and_editor_backup_files_are_ignored() {
    let fixture = with_a_good_article();
    fixture.write("content/hoat-dong/.nhap.md", "not front matter");
    fixture.write("content/hoat-dong/tot.md~", "not front matter");
    fixture.write("content/.git/config", "[core]");
    let report = fixture.build();
    assert_eq!(report.articles, 1);
    assert!(!fixture.exists(".git/config"));
    assert!(!fixture.exists("hoat-dong/tot.md~"));
}

#[test]
fn control_characters_do_not_break_the_feed() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/ky-tu.md",
        "title: \"Tiêu đề\u{0007} có ký tự điều khiển\"\ndate: 2021-10-19\n",
        "Đoạn\u{0001} có\u{000b} ký tự\u{001b} lạ.\n",
    );
    fixture.build();
    let feed = fixture.feed("rss.xml");
    assert_eq!(item_titles(&feed), ["Tiêu đề có ký tự điều khiển"]);
    xml(&fixture.read("rss.xml"));
    xml(&fixture.read("sitemap.xml"));
}
