//! Nothing is ever written outside the output folder, the output folder
//! may not be one that holds the site's sources, and a build killed
//! half-way neither breaks the output nor blocks the next build.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Unsafe values, one article each, and the article they live in.
const UNSAFE: &[(&str, &str)] = &[
    ("slug-cha.md", "slug: ../../evil\n"),
    ("slug-gach.md", "slug: a\\b\n"),
    ("slug-o-dia.md", "slug: \"C:evil\"\n"),
    ("bi-danh-cha.md", "aliases: [\"../../evil.html\"]\n"),
    ("bi-danh-giua.md", "aliases: [\"/a/../../evil\"]\n"),
    ("bi-danh-gach.md", "aliases: [\"\\\\evil\\\\x.html\"]\n"),
    (
        "bi-danh-ngoai.md",
        "aliases: [\"https://evil.example/x\"]\n",
    ),
    ("bi-danh-hai-gach.md", "aliases: [\"//evil.example/x\"]\n"),
];

/// Every path under `dir` whose name mentions `evil`.
fn evil_paths(dir: &Path) -> Vec<PathBuf> {
    all_paths(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("evil"))
        .collect()
}

#[test]
fn unsafe_slugs_and_aliases_are_errors_and_nothing_escapes() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/tot.md", "Bài tốt", "2021-10-19");
    for (file, line) in UNSAFE {
        fixture.article(
            &format!("hoat-dong/{file}"),
            &format!("title: {file}\ndate: 2021-10-19\n{line}"),
            "A.\n",
        );
    }
    // Deep enough that `../..` from the output stays inside the temp dir.
    let out = fixture.dir.path().join("a/b/out");
    let mut options = fixture.options();
    options.output = Some(out.clone());

    let errors = content_errors(fixture.try_build_with(&options).unwrap_err());
    let mut files: Vec<String> = errors
        .iter()
        .map(|d| d.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = UNSAFE.iter().map(|(f, _)| f.to_string()).collect();
    expected.sort();
    assert_eq!(files, expected, "{errors:?}");
    for error in &errors {
        assert_eq!(error.line, 4, "located on the line of the value: {error}");
    }

    // The CLI refuses as well.
    let root = fixture.root();
    let output = fixture.cli(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_exit(&output, 1);

    assert!(!out.exists());
    assert_eq!(evil_paths(fixture.dir.path()), Vec::<PathBuf>::new());
    let parent = fixture.dir.path().parent().unwrap();
    for name in ["evil", "evil.html", "x.html"] {
        assert!(!parent.join(name).exists(), "{name} beside the temp dir");
    }
}

#[test]
fn a_slug_with_words_is_slugged() {
    let fixture = Fixture::new();
    fixture.article(
        "hoat-dong/bai.md",
        "title: Bài\ndate: 2021-10-19\nslug: Kết nối mạng xã hội\n",
        "A.\n",
    );
    fixture.build();
    assert!(fixture.exists("hoat-dong/ket-noi-mang-xa-hoi/index.html"));
    assert!(!fixture.exists("hoat-dong/bai/index.html"));
}

#[test]
fn an_article_may_not_take_a_listing_url() {
    let fixture = Fixture::new();
    fixture.simple("tags/a.md", "Chiếm URL thẻ", "2021-10-19");
    let errors = fixture.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message_in(En).contains("reserved"),
        "{}",
        errors[0]
    );
    assert!(errors[0].line >= 1, "{}", errors[0]);
}

/// `loa build --root <site> --output <output>` run in `cwd`, which must be
/// refused without touching anything.
fn assert_refused(fixture: &Fixture, cwd: &Path, output: &str) {
    let before = snapshot(fixture.dir.path());
    let root = fixture.root();
    let result = cli_in(
        cwd,
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            output,
        ],
    );
    let err = assert_exit(&result, 1);
    assert!(err.contains("refusing"), "--output {output}: {err}");
    assert_eq!(
        snapshot(fixture.dir.path()),
        before,
        "--output {output} changed files"
    );
    assert!(!fixture.root().join("public").exists());
}

#[test]
fn the_site_root_or_its_sources_are_refused_as_output() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.write("static/files/a.pdf", "pdf");
    let root = fixture.root();
    let tmp = fixture.dir.path();
    let abs = |p: &str| root.join(p).to_string_lossy().into_owned();

    assert_refused(&fixture, tmp, root.to_str().unwrap());
    assert_refused(&fixture, tmp, &format!("{}/", root.display()));
    assert_refused(&fixture, tmp, &abs("content"));
    assert_refused(&fixture, tmp, &abs("content/hoat-dong"));
    assert_refused(&fixture, tmp, &abs("static"));
    assert_refused(&fixture, tmp, &abs("themes"));
    assert_refused(&fixture, tmp, &abs("themes/default"));
    assert_refused(&fixture, tmp, tmp.to_str().unwrap());
    // Relative forms, resolved against the working folder.
    assert_refused(&fixture, &root, ".");
    assert_refused(&fixture, &root, "content");
    assert_refused(&fixture, &root, "./content/../content");
    assert_refused(&fixture, &root.join("content"), "..");
    assert_refused(&fixture, &root, "..");
}

#[test]
fn the_library_refuses_the_same_outputs() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let site = fixture.load();
    for output in [fixture.root(), fixture.root().join("content")] {
        let mut options = fixture.options();
        options.output = Some(output.clone());
        assert!(
            matches!(site.output_dir(&options), Err(loa::Error::Output(_))),
            "{}",
            output.display()
        );
        assert!(
            matches!(site.clone().build(&options), Err(loa::Error::Output(_))),
            "{}",
            output.display()
        );
    }
    assert!(fixture.root().join("content/hoat-dong/a.md").exists());
    assert!(fixture.root().join("site.toml").exists());
}

#[test]
fn an_output_beside_or_inside_the_root_is_accepted() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let root = fixture.root();
    let result = cli_in(&root, &["build", "--output", "dist"]);
    assert_exit(&result, 0);
    assert!(root.join("dist/hoat-dong/a/index.html").exists());
    let result = cli_in(&root, &["build", "--output", "../ben-canh"]);
    assert_exit(&result, 0);
    assert!(fixture
        .dir
        .path()
        .join("ben-canh/hoat-dong/a/index.html")
        .exists());
    // The sources are intact.
    assert!(root.join("content/hoat-dong/a.md").exists());
}

#[test]
fn a_folder_that_holds_no_built_site_is_not_replaced() {
    let fixture = Fixture::new();
    fixture.simple("a.md", "Bài", "2021-10-19");
    let precious = fixture.dir.path().join("tai-lieu");
    std::fs::create_dir_all(&precious).unwrap();
    std::fs::write(precious.join("ho-so.docx"), "quan trọng").unwrap();
    assert_refused(&fixture, fixture.dir.path(), precious.to_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(precious.join("ho-so.docx")).unwrap(),
        "quan trọng"
    );

    // A folder that a build wrote is replaced, as every rebuild does.
    let root = fixture.root();
    let web = fixture.dir.path().join("web");
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        web.to_str().unwrap(),
    ];
    assert_exit(&fixture.cli(&args), 0);
    assert_exit(&fixture.cli(&args), 0);
    assert!(web.join("a/index.html").is_file());
}

/// Every entry of `dir`, by name.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The marker a build writes in its staging folder, read from a real one.
fn staging_marker(out: &Path) -> Vec<u8> {
    let staging = loa::output::Staging::new(out).unwrap();
    let dir = staging.path().parent().unwrap().to_path_buf();
    std::fs::read(dir.join("loa-staging")).unwrap()
}

/// `loa build --root site --output out` in the fixture's folder: relative
/// paths, as a CI script gives them.
fn build_relative(fixture: &Fixture) {
    assert_exit(
        &fixture.cli(&["build", "--root", "site", "--output", "out"]),
        0,
    );
}

#[test]
fn a_killed_build_does_not_block_the_next_and_its_leftovers_are_removed() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    let tmp = fixture.dir.path();
    build_relative(&fixture);
    let complete = snapshot(&fixture.out());

    // What loa before this fix left when killed: it blocked every later
    // build ("Directory not empty").
    copy_dir(&fixture.out(), &tmp.join(".out.old"));
    // Looks like a staging folder but holds no marker: not loa's to delete.
    let look_alike = tmp.join(".out.loa-Ab12Cd");
    std::fs::create_dir(&look_alike).unwrap();
    std::fs::write(look_alike.join("ho-so.docx"), "quan trọng").unwrap();
    build_relative(&fixture);
    assert_eq!(snapshot(&fixture.out()), complete);

    // Killed while writing: a partial site.
    let marker = staging_marker(&fixture.out());
    let writing = tmp.join(".out.loa-Kill01");
    std::fs::create_dir_all(writing.join("site/hoat-dong")).unwrap();
    std::fs::write(writing.join("loa-staging"), &marker).unwrap();
    std::fs::write(writing.join("site/hoat-dong/nua.html"), "<p>nửa").unwrap();
    // Killed while removing the previous site, after the swap.
    let removing = tmp.join(".out.loa-Kill02");
    copy_dir(&fixture.out(), &removing.join("site"));
    std::fs::write(removing.join("loa-staging"), &marker).unwrap();

    build_relative(&fixture);
    assert_eq!(snapshot(&fixture.out()), complete);
    assert_eq!(
        names_in(tmp),
        [".out.loa-Ab12Cd", ".out.old", "out", "site"],
        "marked leftovers are removed, anything else is kept"
    );
    assert_eq!(
        std::fs::read_to_string(look_alike.join("ho-so.docx")).unwrap(),
        "quan trọng"
    );
    assert_eq!(snapshot(&tmp.join(".out.old")), complete);
}

#[test]
fn after_a_build_nothing_but_the_output_remains_beside_it() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    assert_exit(&fixture.cli_build(), 0);
    assert_eq!(names_in(fixture.dir.path()), ["out", "site"]);
    fixture.simple("hoat-dong/b.md", "B", "2021-10-20");
    assert_exit(&fixture.cli_build(), 0);
    assert_eq!(names_in(fixture.dir.path()), ["out", "site"]);
    assert!(fixture.exists("hoat-dong/b/index.html"));
    assert!(!fixture.exists("loa-staging"));
}

#[test]
fn the_staging_folder_of_a_running_build_is_left_alone() {
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    assert_exit(&fixture.cli_build(), 0);
    let running = loa::output::Staging::new(&fixture.out()).unwrap();
    loa::output::Sink::write(&running, "index.html", b"running").unwrap();

    assert_exit(&fixture.cli_build(), 0);
    assert!(running.path().join("index.html").is_file());
    running.commit().unwrap().remove();
    assert_eq!(fixture.read("index.html"), "running");
    assert_eq!(names_in(fixture.dir.path()), ["out", "site"]);
}
