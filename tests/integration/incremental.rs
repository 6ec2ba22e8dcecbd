//! Incremental rebuilds: after every edit, a serve session's output is
//! byte-identical to a full build of the same files.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use crate::support::pictures::drawing;
use crate::support::*;
use loa::session::Session;

struct Editing {
    fixture: Fixture,
    session: Session,
}

impl Editing {
    fn start(fixture: Fixture) -> Editing {
        let (session, _) = Session::start(&fixture.root(), fixture.options()).expect("first build");
        Editing { fixture, session }
    }

    /// Writes `content/<path>` (or deletes it for `None`) and rebuilds.
    fn edit(&mut self, path: &str, text: Option<&str>) -> Result<loa::BuildReport, loa::Error> {
        let file = self.fixture.root().join(path);
        match text {
            Some(text) => {
                fs::create_dir_all(file.parent().unwrap()).unwrap();
                fs::write(&file, text).unwrap();
            }
            None => fs::remove_file(&file).unwrap(),
        }
        self.session.rebuild(&[file])
    }

    fn rename(&mut self, from: &str, to: &str) {
        let (from, to) = (self.fixture.root().join(from), self.fixture.root().join(to));
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::rename(&from, &to).unwrap();
        self.session
            .rebuild(&[from, to])
            .expect("rebuild after rename");
    }

    /// The session's output equals a fresh full build, file for file.
    fn assert_same_as_full_build(&self, step: &str) {
        let fresh: PathBuf = self
            .fixture
            .dir
            .path()
            .join(format!("fresh-{}", step.replace(' ', "-")));
        let options = loa::BuildOptions {
            output: Some(fresh.clone()),
            ..self.fixture.options()
        };
        loa::Site::load(&self.fixture.root())
            .unwrap()
            .build(&options)
            .unwrap();
        let incremental = snapshot(self.session.output());
        let full = snapshot(&fresh);
        let only_one: Vec<&String> = incremental
            .keys()
            .filter(|k| !full.contains_key(*k))
            .chain(full.keys().filter(|k| !incremental.contains_key(*k)))
            .collect();
        assert!(
            only_one.is_empty(),
            "{step}: files in one output only: {only_one:?}"
        );
        for (path, bytes) in &full {
            assert!(
                incremental[path] == *bytes,
                "{step}: {path} differs from a full build"
            );
        }
    }
}

fn article(title: &str, date: &str, districts: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\ndistricts: [{districts}]\ncategory: hoat-dong\ntags: [an ninh]\n---\n{body}\n")
}

#[test]
fn a_sequence_of_edits_gives_the_same_site_as_full_builds() {
    let fixture = Fixture::with_config("per_page = 2");
    for i in 0..5 {
        fixture.write(
            &format!("content/tin/bai-{i}.md"),
            article(
                &format!("Bài {i}"),
                &format!("2024-01-0{}", i + 1),
                "xuyen-moc",
                "Nội dung [liên kết](@/tin/bai-0.md).",
            ),
        );
    }
    fixture.write("content/tin/anh.png", drawing(1200, 630));
    let mut editing = Editing::start(fixture);
    editing.assert_same_as_full_build("start");

    editing
        .edit(
            "content/tin/bai-3.md",
            Some(&article(
                "Bài 3",
                "2024-01-04",
                "xuyen-moc",
                "Nội dung mới.",
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("change body");

    editing
        .edit(
            "content/tin/bai-3.md",
            Some(&article("Bài 3", "2024-01-04", "dat-do", "Nội dung mới.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("change district");

    editing
        .edit(
            "content/tin/bai-2.md",
            Some(&article(
                "Bài 2 sửa tiêu đề",
                "2024-01-03",
                "xuyen-moc",
                "![ảnh](anh.png \"Chú thích\")",
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("change title");

    // `updated:` shows in the sitemap and feeds, not in listings.
    editing
        .edit(
            "content/tin/bai-0.md",
            Some(
                &article("Bài 0", "2024-01-01", "xuyen-moc", "Nội dung.").replacen(
                    "category:",
                    "updated: 2024-03-01\ncategory:",
                    1,
                ),
            ),
        )
        .unwrap();
    editing.assert_same_as_full_build("set updated");

    // A new tag makes a listing; a new date reorders listings.
    let tagged = article("Bài 0", "2024-01-01", "xuyen-moc", "Nội dung.")
        .replace("tags: [an ninh]", "tags: [an ninh, giao thông]");
    editing.edit("content/tin/bai-0.md", Some(&tagged)).unwrap();
    editing.assert_same_as_full_build("add a tag");
    let redated = tagged.replace("2024-01-01", "2024-01-09");
    editing
        .edit("content/tin/bai-0.md", Some(&redated))
        .unwrap();
    editing.assert_same_as_full_build("change date");
    // Into another year: the archive gains a year, then loses it.
    editing
        .edit(
            "content/tin/bai-0.md",
            Some(&tagged.replace("2024-01-01", "2023-12-20")),
        )
        .unwrap();
    editing.assert_same_as_full_build("change year");
    editing
        .edit("content/tin/bai-0.md", Some(&redated))
        .unwrap();
    editing.assert_same_as_full_build("change year back");

    editing.rename("content/tin/bai-1.md", "content/khac/bai-mot.md");
    editing.assert_same_as_full_build("rename file");

    editing
        .edit(
            "content/tin/bai-4.md",
            Some(&article(
                "Bài 4",
                "2024-01-05",
                "xuyen-moc",
                "Xem [bài một](@/khac/bai-mot.md).",
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("link to the renamed file");

    editing.edit("content/tin/bai-4.md", None).unwrap();
    editing.assert_same_as_full_build("delete");

    editing
        .edit(
            "content/tin/moi.md",
            Some(&article("Mới", "2024-02-01", "", "Tin toàn tỉnh.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("add province-wide");

    editing
        .edit(
            "content/tin/moi.md",
            Some(&format!(
                "{}draft: true\n---\nNháp.\n",
                article("Mới", "2024-02-01", "", "")
                    .trim_end()
                    .trim_end_matches("---")
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("make draft");

    // An image that an article shows cannot go: the rebuild stops, and
    // goes on once the article no longer shows it.
    let missing = editing.edit("content/tin/anh.png", None);
    assert!(
        missing.is_err(),
        "deleting a picture in use stops the build"
    );
    editing
        .edit(
            "content/tin/bai-2.md",
            Some(&article(
                "Bài 2 sửa tiêu đề",
                "2024-01-03",
                "xuyen-moc",
                "Không còn ảnh.",
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("delete image");

    let broken = editing.edit(
        "content/tin/bai-3.md",
        Some("---\ntitle: Hỏng\ndate: 19/10/2021\n---\n"),
    );
    assert!(broken.is_err(), "a broken edit fails");
    editing.assert_same_as_full_build_after_fix();

    editing
        .edit(
            "site.toml",
            Some(&format!("{SITE_HEAD}per_page = 3\n{SITE_TABLES}")),
        )
        .unwrap();
    editing.assert_same_as_full_build("change site.toml");
}

impl Editing {
    fn assert_same_as_full_build_after_fix(&mut self) {
        self.edit(
            "content/tin/bai-3.md",
            Some(&article("Bài 3", "2024-01-04", "dat-do", "Đã sửa.")),
        )
        .unwrap();
        self.assert_same_as_full_build("fix");
    }
}

#[test]
fn an_edit_renders_only_what_it_affects() {
    let fixture = Fixture::new();
    for i in 0..6 {
        fixture.write(
            &format!("content/tin/bai-{i}.md"),
            article(
                &format!("Bài {i}"),
                &format!("2024-01-0{}", i + 1),
                "con-dao",
                "Nội dung.",
            ),
        );
    }
    let mut editing = Editing::start(fixture);
    let untouched = editing.session.output().join("tin/bai-1/index.html");
    let before = fs::metadata(&untouched).unwrap().modified().unwrap();
    let report = editing
        .edit(
            "content/tin/bai-0.md",
            Some(&article("Bài 0", "2024-01-01", "con-dao", "Sửa thân bài.")),
        )
        .unwrap();
    // The article page, plus the listings and feeds it is in (3 formats each).
    assert!(
        report.files < 40,
        "rendered {} files for one body edit",
        report.files
    );
    assert_eq!(
        fs::metadata(&untouched).unwrap().modified().unwrap(),
        before,
        "another article's page is not rewritten"
    );
    editing.assert_same_as_full_build("body edit");
}

#[test]
fn warnings_follow_edits_across_rebuilds() {
    let fixture = Fixture::new();
    let tagged = |extra_lines: &str, tag: &str| {
        format!("---\ntitle: \"Hai\"\ndate: 2024-01-02\n{extra_lines}tags: [{tag}]\n---\nThân.\n")
    };
    fixture.write(
        "content/tin/mot.md",
        article("Một", "2024-01-01", "con-dao", "Thân."),
    );
    fixture.write(
        "content/tin/ba.md",
        article("Ba", "2024-01-03", "con-dao", "Thân."),
    );
    fixture.write("content/tin/hai.md", tagged("", "An Ninh"));
    let mut editing = Editing::start(fixture);
    let spelling = |report: &loa::BuildReport| {
        report
            .warnings
            .iter()
            .find(|w| w.message_in(En).contains("An Ninh"))
            .map(|w| (w.line, w.column))
    };
    let moved = editing
        .edit(
            "content/tin/hai.md",
            Some(&tagged("author: \"Phòng\"\n", "An Ninh")),
        )
        .unwrap();
    assert_eq!(
        spelling(&moved),
        Some((5, 8)),
        "the warning follows its line"
    );
    let body_only = editing
        .edit(
            "content/tin/hai.md",
            Some(&tagged("author: \"Phòng\"\n", "An Ninh").replace("Thân.", "Thân mới.")),
        )
        .unwrap();
    assert_eq!(
        spelling(&body_only),
        Some((5, 8)),
        "kept when nothing it looks at changed"
    );
    let fixed = editing
        .edit(
            "content/tin/hai.md",
            Some(&tagged("author: \"Phòng\"\n", "an ninh")),
        )
        .unwrap();
    assert_eq!(spelling(&fixed), None, "gone once fixed");
}

#[test]
fn a_site_on_the_builtin_theme_rebuilds_like_full_builds() {
    let fixture = Fixture::new();
    fs::remove_dir_all(fixture.root().join("themes")).unwrap();
    fixture.write(
        "content/tin/bai-0.md",
        article("Bài 0", "2024-01-01", "con-dao", "Nội dung."),
    );
    let mut editing = Editing::start(fixture);
    editing.assert_same_as_full_build("start");
    let stylesheet = editing.session.output().join("style.css");
    let before = fs::metadata(&stylesheet).unwrap().modified().unwrap();

    editing
        .edit(
            "content/tin/bai-0.md",
            Some(&article("Bài 0", "2024-01-01", "con-dao", "Sửa.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("body edit");
    assert_eq!(
        fs::metadata(&stylesheet).unwrap().modified().unwrap(),
        before,
        "the theme's files are not written again"
    );

    // A file of the site's own replaces the built-in one, and removing it
    // brings the built-in one back.
    editing
        .edit("static/style.css", Some("body { margin: 0 }\n"))
        .unwrap();
    editing.assert_same_as_full_build("override the stylesheet");
    assert_eq!(
        fs::read_to_string(&stylesheet).unwrap(),
        "body { margin: 0 }\n"
    );
    editing.edit("static/style.css", None).unwrap();
    editing.assert_same_as_full_build("remove the override");
    editing
        .edit("themes/default/static/syntax.css", Some("pre {}\n"))
        .unwrap();
    editing.assert_same_as_full_build("a theme folder appears");
    editing
        .edit(
            "content/tin/bai-1.md",
            Some(&article("Bài 1", "2024-01-02", "con-dao", "Mới.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("new article over a partial theme");
}

#[test]
fn link_checks_follow_edits_of_the_page_a_link_points_to() {
    let fixture = Fixture::new();
    let target = |front: &str, heading: &str| {
        format!("---\ntitle: Đích\ndate: 2024-01-01\n{front}---\n## {heading}\n\nNội dung.\n")
    };
    let source =
        |link: &str| format!("---\ntitle: Nguồn\ndate: 2024-01-02\n---\nXem [hồ sơ]({link}).\n");
    fixture.write("content/tin/dich.md", target("", "Hồ sơ"));
    fixture.write("content/tin/nguon.md", source("/tin/dich/#ho-so"));
    let mut editing = Editing::start(fixture);

    // The heading renamed: the link's unchanged article gets the warning.
    let renamed = editing
        .edit("content/tin/dich.md", Some(&target("", "Giấy tờ")))
        .unwrap();
    assert_eq!(
        located(&renamed.warnings),
        [(
            "content/tin/nguon.md".to_string(),
            5,
            5,
            "`#ho-so` is not a heading of `/tin/dich/`".to_string()
        )]
    );
    editing.assert_same_as_full_build("heading renamed");

    // The page moved: the link is an error and nothing is written.
    let before = snapshot(editing.session.output());
    let moved = editing.edit(
        "content/tin/dich.md",
        Some(&target("slug: dich-moi\n", "Hồ sơ")),
    );
    let Err(loa::Error::Content(errors)) = moved else {
        panic!("a link to a page that moved stops the build");
    };
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].render(En),
        "content/tin/nguon.md:5:5: error: the link leads to `/tin/dich/`, which this site does not have\n  \
         help: did you mean `/tin/dich-moi/`?"
    );
    assert!(
        snapshot(editing.session.output()) == before,
        "nothing written"
    );

    // The link follows it: no warning, and the same site as a full build.
    let fixed = editing
        .edit(
            "content/tin/nguon.md",
            Some(&source("/tin/dich-moi/#ho-so")),
        )
        .unwrap();
    assert_eq!(located(&fixed.warnings), []);
    editing.assert_same_as_full_build("link follows the page");

    // A file the link names appears: the kept list of files follows it.
    let missing = editing.edit("content/tin/nguon.md", Some(&source("/tin/don.pdf")));
    assert!(missing.is_err(), "no such file yet");
    let added = editing
        .edit("content/tin/don.pdf", Some("%PDF-1.4"))
        .unwrap();
    assert_eq!(located(&added.warnings), []);
    editing.assert_same_as_full_build("file added");
}

#[test]
fn a_site_with_two_languages_rebuilds_like_full_builds() {
    let fixture = Fixture::with_site_toml(&format!(
        "{SITE_HEAD}\n[languages.en]\ntitle = \"Test Police\"\n{SITE_TABLES}"
    ));
    fixture.write(
        "content/tin/a.md",
        article("Bài A", "2024-01-01", "con-dao", "Nội dung."),
    );
    fixture.write(
        "content/tin/b.md",
        article("Bài B", "2024-01-02", "con-dao", "Nội dung."),
    );
    let mut editing = Editing::start(fixture);
    editing.assert_same_as_full_build("start");
    editing
        .edit(
            "content/en/tin/a.md",
            Some(&article("Article A", "2024-01-01", "con-dao", "Text.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("a translation appears");
    editing
        .edit(
            "content/en/tin/a.md",
            Some(&article("Article A", "2024-01-01", "con-dao", "Edited.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("the translation's body changes");
    editing
        .edit(
            "content/tin/b.md",
            Some(&article("Bài B sửa", "2024-01-02", "con-dao", "Sửa.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("an untranslated article changes");
    editing
        .edit("i18n/en.toml", Some("latest = \"What is new\"\n"))
        .unwrap();
    editing.assert_same_as_full_build("a word of the theme changes");
    editing.rename("content/tin/a.md", "content/tin/c.md");
    editing.assert_same_as_full_build("the original is renamed");
    editing.edit("content/en/tin/a.md", None).unwrap();
    editing.assert_same_as_full_build("the translation is removed");
}

/// The search index is updated, not rebuilt, after an edit that changes no
/// listing: a word that falls under the size of a file of its own goes back
/// to a shared file, a new spelling and a new word appear, and every file
/// is the one a full build writes.
#[test]
fn search_files_follow_body_edits_like_full_builds() {
    let fixture = Fixture::with_config("");
    for i in 0..50 {
        let body = if i < 48 {
            "Cảnh giác lừa đảo qua mạng."
        } else {
            "Tin Đất Đỏ."
        };
        fixture.write(
            &format!("content/tin/bai-{i:02}.md"),
            article(
                &format!("Bài {i}"),
                &format!("2024-01-{:02}", i % 28 + 1),
                "xuyen-moc",
                body,
            ),
        );
    }
    let mut editing = Editing::start(fixture);
    editing.assert_same_as_full_build("start");
    let own = |editing: &Editing| editing.session.output().join("search/t/lua.json").exists();
    assert!(own(&editing), "a word of 48 articles has a file of its own");

    let edit = |editing: &mut Editing, i: usize, title: &str, body: &str| {
        editing
            .edit(
                &format!("content/tin/bai-{i:02}.md"),
                Some(&article(
                    title,
                    &format!("2024-01-{:02}", i % 28 + 1),
                    "xuyen-moc",
                    body,
                )),
            )
            .unwrap();
    };
    edit(&mut editing, 0, "Bài 0", "Cảnh giác qua mạng, mùa gặt.");
    editing.assert_same_as_full_build("a word leaves an article");
    assert!(!own(&editing), "47 articles share a file");

    edit(
        &mut editing,
        1,
        "Bài 1 XYZMỚI",
        "Lứa tuổi học sinh bị lừa đảo.",
    );
    editing.assert_same_as_full_build("a new word and a new spelling");

    edit(&mut editing, 0, "Bài 0", "Cảnh giác lừa đảo qua mạng.");
    edit(&mut editing, 1, "Bài 1", "Cảnh giác lừa đảo qua mạng.");
    editing.assert_same_as_full_build("back as it was");
    assert!(own(&editing));
}

/// Articles are numbered oldest first: publishing the newest article
/// rewrites the files of its words and the last file of results, and
/// leaves every other search file as it was; an article added among old
/// ones, one removed or one redated renumbers those after it. Every step
/// writes what a full build writes.
#[test]
fn search_files_follow_added_and_removed_articles_like_full_builds() {
    let fixture = Fixture::with_config("");
    for i in 0..50 {
        let body = if i % 2 == 0 {
            "Cảnh giác lừa đảo qua mạng."
        } else {
            "Tin Đất Đỏ, đặt lịch tiếp dân."
        };
        fixture.write(
            &format!("content/tin/bai-{i:02}.md"),
            article(
                &format!("Bài {i}"),
                &format!("2024-02-{:02}", i % 28 + 1),
                "xuyen-moc",
                body,
            ),
        );
    }
    let mut editing = Editing::start(fixture);
    let search_files = |editing: &Editing| -> BTreeMap<String, Vec<u8>> {
        snapshot(editing.session.output())
            .into_iter()
            .filter(|(path, _)| path.starts_with("search/"))
            .collect()
    };
    let before = search_files(&editing);

    // The file's name sorts first: every article after it changes id.
    editing
        .edit(
            "content/tin/a-moi.md",
            Some(&article(
                "Tin mới",
                "2024-03-15",
                "xuyen-moc",
                "Trộm cắp xe máy.",
            )),
        )
        .unwrap();
    editing.assert_same_as_full_build("newest added");
    let after = search_files(&editing);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        changed
            .iter()
            .all(|p| !p.starts_with("search/d/") || *p == "search/d/10.json"),
        "{changed:?}"
    );
    for unchanged in [
        "search/t/__lu.json",
        "search/t/__da.json",
        "search/d/0.json",
    ] {
        assert_eq!(before.get(unchanged), after.get(unchanged), "{unchanged}");
    }
    assert!(
        changed.iter().any(|p| p.starts_with("search/t/__tr")),
        "{changed:?}"
    );

    editing
        .edit(
            "content/tin/cu.md",
            Some(&article("Tin cũ", "2024-01-01", "xuyen-moc", "Lừa đảo cũ.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("old article added");
    editing.edit("content/tin/a-moi.md", None).unwrap();
    editing.assert_same_as_full_build("newest removed");
    editing
        .edit(
            "content/tin/bai-03.md",
            Some(&article("Bài 3", "2024-04-01", "xuyen-moc", "Đặt lịch.")),
        )
        .unwrap();
    editing.assert_same_as_full_build("an old article redated");
}
