//! Nothing is ever written outside the output folder, and the output folder
//! may not be one that holds the site's sources.

mod common;

use std::path::{Path, PathBuf};

use common::*;

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
    assert!(errors[0].message.contains("reserved"), "{}", errors[0]);
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
