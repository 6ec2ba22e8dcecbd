//! Content errors: all of them reported, located, with suggestions; the
//! output left exactly as it was; `loa check` writes nothing.

use std::fs;
use std::path::Path;

use crate::support::pictures::drawing;
use crate::support::*;

fn good_site() -> Fixture {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/tot.md",
        "title: Bài tốt\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [xuyen-moc]\n",
        "Nội dung tốt.\n",
    );
    fixture.simple("canh-bao/tot-nua.md", "Bài tốt nữa", "2021-10-18");
    fixture
}

/// The broken articles and the diagnostics each must produce.
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "loi/thieu-tieu-de.md",
        "---\ndate: 2021-10-19\n---\nKhông có tiêu đề.\n",
        "content/loi/thieu-tieu-de.md:1:1: error: missing `title`",
    ),
    (
        "loi/sai-ngay.md",
        "---\ntitle: Sai ngày\ndate: 2021-13-45\n---\nA.\n",
        "content/loi/sai-ngay.md:3:7: error: `date: 2021-13-45` is not a date",
    ),
    (
        "loi/sai-dia-ban.md",
        "---\ntitle: Sai địa bàn\ndate: 2021-10-19\ndistricts: [dat-do, xuyen-mok]\n---\nA.\n",
        "content/loi/sai-dia-ban.md:4:21: error: unknown district `xuyen-mok`\n  help: did you mean `xuyen-moc`?",
    ),
    (
        "loi/sai-chuyen-muc.md",
        "---\ntitle: Sai chuyên mục\ndate: 2021-10-19\ncategory: hoat-dongg\n---\nA.\n",
        "content/loi/sai-chuyen-muc.md:4:11: error: unknown category `hoat-dongg`\n  help: did you mean `hoat-dong`?",
    ),
    (
        "loi/lien-ket-hong.md",
        "---\ntitle: Liên kết hỏng\ndate: 2021-10-19\n---\nĐoạn.\n\nXem [x](@/khong/co.md).\n",
        "content/loi/lien-ket-hong.md:7:5: error: the link `@/khong/co.md` names no article",
    ),
    (
        // The bad line is line 5 of the file (line 4 of the YAML).
        "loi/yaml.md",
        "---\ntitle: Lỗi YAML\ndate: 2021-10-19\ncategory: hoat-dong\n  tags: [x]\n---\nA.\n",
        "content/loi/yaml.md:5:7: error: the front matter is written wrongly",
    ),
    (
        "loi/anh-hong.md",
        "---\ntitle: Ảnh hỏng\ndate: 2021-10-19\n---\n![Tàu tuần tra](tau.JPG)\n",
        "content/loi/anh-hong.md:5:1: error: the image `content/loi/tau.JPG` does not exist",
    ),
    (
        // Found by the link check, after indexing: listed with the rest.
        "loi/duong-dan-hong.md",
        "---\ntitle: Đường dẫn hỏng\ndate: 2021-10-19\n---\nXem [tin](/tin-tuc/khong-co/).\n",
        "content/loi/duong-dan-hong.md:5:5: error: the link leads to `/tin-tuc/khong-co/`, which this site does not have",
    ),
    (
        "loi/ban-sao.md",
        "---\ntitle: Bản sao\ndate: 2021-10-19\nslug: trung\n---\nA.\n",
        "",
    ),
    (
        "loi/trung.md",
        "---\ntitle: Trùng\ndate: 2021-10-19\n---\nA.\n",
        "content/loi/trung.md:1:1: error: `/loi/trung/` is also the URL of content/loi/ban-sao.md",
    ),
];

fn break_site(fixture: &Fixture) {
    for (path, text, _) in BROKEN {
        fixture.write(&format!("content/{path}"), text);
    }
}

#[test]
fn every_error_is_listed_with_its_location() {
    let fixture = good_site();
    break_site(&fixture);
    let err = assert_exit(&fixture.cli_build(), 1);
    for (_, _, expected) in BROKEN {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert!(err.contains("\n9 errors; nothing was written."), "{err}");
    // Every error line is `content/<file>:<line>:<col>: error: ...`.
    let error_lines: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(error_lines.len(), 9, "{err}");
    for line in error_lines {
        let mut parts = line.splitn(4, ':');
        let path = parts.next().unwrap();
        let line_no: usize = parts.next().unwrap().parse().expect(line);
        let column: usize = parts.next().unwrap().parse().expect(line);
        assert!(
            path.starts_with("content/loi/") && path.ends_with(".md"),
            "{line}"
        );
        assert!(line_no >= 1 && column >= 1, "{line}");
    }
}

#[test]
fn the_library_returns_every_error_sorted() {
    let fixture = good_site();
    break_site(&fixture);
    let errors = fixture.build_errors();
    let located: Vec<(String, usize, usize)> = errors
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.line, d.column))
        .collect();
    assert_eq!(
        located,
        [
            ("content/loi/anh-hong.md".into(), 5, 1),
            ("content/loi/duong-dan-hong.md".into(), 5, 5),
            ("content/loi/lien-ket-hong.md".into(), 7, 5),
            ("content/loi/sai-chuyen-muc.md".into(), 4, 11),
            ("content/loi/sai-dia-ban.md".into(), 4, 21),
            ("content/loi/sai-ngay.md".into(), 3, 7),
            ("content/loi/thieu-tieu-de.md".into(), 1, 1),
            ("content/loi/trung.md".into(), 1, 1),
            ("content/loi/yaml.md".into(), 5, 7),
        ]
    );
    assert!(errors.iter().all(|d| d.is_error()));
}

#[test]
fn a_failed_build_leaves_the_output_untouched() {
    let fixture = good_site();
    let output = fixture.cli_build();
    assert_exit(&output, 0);
    let before = snapshot(&fixture.out());
    assert!(before.contains_key("hoat-dong/tot/index.html"));

    break_site(&fixture);
    // Also a change that a successful build would have written.
    fixture.simple("hoat-dong/moi.md", "Bài mới", "2021-10-20");
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot(&fixture.out()), before, "the output changed");

    // No staging or backup folder is left beside it.
    let mut siblings: Vec<String> = fs::read_dir(fixture.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    siblings.sort();
    assert_eq!(siblings, ["out", "site"]);

    // The library refuses the same way.
    assert!(fixture.try_build().is_err());
    assert_eq!(snapshot(&fixture.out()), before, "the output changed");
}

#[test]
fn the_default_output_is_public_in_the_site_root() {
    let fixture = good_site();
    let root = fixture.root();
    assert_exit(
        &fixture.cli(&["build", "--root", root.to_str().unwrap()]),
        0,
    );
    assert!(root.join("public/hoat-dong/tot/index.html").exists());
    assert!(root.join("public/rss.xml").exists());
}

#[test]
fn check_writes_nothing_and_succeeds_on_a_good_site() {
    let fixture = good_site();
    let before = all_paths(fixture.dir.path());
    let root = fixture.root();
    let output = fixture.cli(&["check", "--root", root.to_str().unwrap()]);
    let err = assert_exit(&output, 0);
    assert!(err.contains("checked 2 articles"), "{err}");
    assert_eq!(all_paths(fixture.dir.path()), before, "check wrote files");
    assert!(!root.join("public").exists());

    // Run from the site folder with the default root as well.
    let output = cli_in(&root, &["check"]);
    assert_exit(&output, 0);
    assert_eq!(all_paths(fixture.dir.path()), before, "check wrote files");
}

#[test]
fn check_fails_on_a_broken_site_and_lists_the_errors() {
    let fixture = good_site();
    break_site(&fixture);
    let before = all_paths(fixture.dir.path());
    let root = fixture.root();
    let err = assert_exit(
        &fixture.cli(&["check", "--root", root.to_str().unwrap()]),
        1,
    );
    for (_, _, expected) in BROKEN {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    assert_eq!(all_paths(fixture.dir.path()), before, "check wrote files");

    // The library's check agrees.
    let site = fixture.load();
    let errors = content_errors(site.check(&fixture.options()).unwrap_err());
    assert_eq!(errors.len(), 9);
}

#[test]
fn warnings_do_not_stop_the_build() {
    let fixture = good_site();
    fixture.write("content/hoat-dong/anh.png", drawing(1200, 630));
    fixture.article(
        "hoat-dong/anh-khong-mo-ta.md",
        "title: Ảnh không mô tả\ndate: 2021-10-17\nimage: anh.png\n",
        "Xem [mục](#khong-co).\n",
    );
    let err = assert_exit(&fixture.cli_build(), 0);
    assert!(
        err.contains(
            "content/hoat-dong/anh-khong-mo-ta.md:4:1: warning: the image has no `image_alt`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/hoat-dong/anh-khong-mo-ta.md:6:5: warning: `#khong-co` is not a heading of this page"
        ),
        "{err}"
    );
    assert!(fixture.exists("hoat-dong/anh-khong-mo-ta/index.html"));
}

#[test]
fn unknown_front_matter_field_suggests_the_known_one() {
    let fixture = good_site();
    fixture.article(
        "loi/go-nham.md",
        "title: Gõ nhầm\ndate: 2021-10-19\ndistrcits: [xuyen-moc]\n",
        "A.\n",
    );
    let err = assert_exit(&fixture.cli_build(), 1);
    assert!(
        err.contains("content/loi/go-nham.md:4:1: error: unknown front matter field `distrcits`"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `districts`?"), "{err}");
}

#[test]
fn missing_date_and_bad_image_are_errors() {
    let fixture = good_site();
    fixture.article("loi/khong-ngay.md", "title: Không ngày\n", "A.\n");
    fixture.article(
        "loi/anh-thieu.md",
        "title: Ảnh thiếu\ndate: 2021-10-19\nimage: khong-co.jpg\nimage_alt: Ảnh\n",
        "A.\n",
    );
    let errors = fixture.build_errors();
    let messages: Vec<String> = errors.iter().map(|d| d.render(En)).collect();
    assert_eq!(errors.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with(
            "content/loi/anh-thieu.md:4:8: error: the image `khong-co.jpg` does not exist"
        ),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("content/loi/khong-ngay.md:1:1: error: missing `date`"),
        "{messages:?}"
    );
    assert!(!Path::new(&fixture.out()).exists());
}
