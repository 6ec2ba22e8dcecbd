//! Sites to test: a small site in a temporary folder, built with the
//! library or the `loa` binary, and what the build wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, TimeZone, Utc};
use loa::diagnostics::Diagnostic;
use loa::{BuildOptions, BuildReport, Error, Site};
use scraper::Html;

use super::parsers::parse_feed;

/// The site's address in every fixture.
pub const BASE: &str = "https://congan.example.gov.vn";

/// Top-level keys of the fixture's site.toml; extra keys go after these.
pub const SITE_HEAD: &str = r#"title = "Công an tỉnh Thử nghiệm"
description = "Trang thử nghiệm của loa"
base_url = "https://congan.example.gov.vn"
language = "vi"
timezone = "+07:00"
theme = "default"
"#;

/// The districts and categories of the fixture's site.toml.
pub const SITE_TABLES: &str = r#"
[[districts]]
key = "xuyen-moc"
name = "Huyện Xuyên Mộc"

[[districts]]
key = "dat-do"
name = "Huyện Đất Đỏ"

[[districts]]
key = "con-dao"
name = "Huyện Côn Đảo"

[[categories]]
key = "hoat-dong"
name = "Hoạt động Công an tỉnh"

[[categories]]
key = "canh-bao"
name = "Cảnh báo tội phạm"
"#;

/// The district keys of the fixture.
pub const DISTRICTS: [&str; 3] = ["xuyen-moc", "dat-do", "con-dao"];

/// The clock of every library build: 2026-11-29, midnight UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap()
}

/// The repository root (holding the example site and the default theme).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder: `<tmp>/site` is the root (with a copy of
/// the default theme), `<tmp>/out` the output of [`Fixture::build`].
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// The standard site.toml (no `per_page`/`feed_limit`: the defaults).
    pub fn new() -> Fixture {
        Fixture::with_config("")
    }

    /// The standard site.toml with `extra` top-level lines added
    /// (`per_page = 2`, `allow_html = true`, ...).
    pub fn with_config(extra: &str) -> Fixture {
        Fixture::with_site_toml(&format!("{SITE_HEAD}{extra}\n{SITE_TABLES}"))
    }

    /// A site whose site.toml is exactly `toml`.
    pub fn with_site_toml(toml: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        fs::create_dir_all(fixture.root().join("content")).unwrap();
        fixture.write("site.toml", toml);
        copy_dir(
            &repo_root().join("themes/default"),
            &fixture.root().join("themes/default"),
        );
        fixture
    }

    /// The site's root folder.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// The output folder of [`Fixture::build`].
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Writes a file under the site root, creating its folders.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        self
    }

    /// Writes `content/<path>` with `front` (YAML lines, each ending in a
    /// newline) between `---` lines, then `body`.
    pub fn article(&self, path: &str, front: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{path}"),
            format!("---\n{front}---\n{body}"),
        )
    }

    /// An article with a title, a date and a category, and nothing else.
    pub fn simple(&self, path: &str, title: &str, date: &str) -> &Self {
        self.article(
            path,
            &format!("title: \"{title}\"\ndate: {date}\ncategory: hoat-dong\n"),
            &format!("Nội dung của bài {title}.\n"),
        )
    }

    pub fn load(&self) -> Site {
        Site::load(&self.root()).expect("the fixture's site loads")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            output: Some(self.out()),
            base_url: None,
            drafts: false,
            now: now(),
        }
    }

    /// Builds into [`Fixture::out`] with the fixed clock.
    pub fn try_build(&self) -> Result<BuildReport, Error> {
        self.try_build_with(&self.options())
    }

    pub fn try_build_with(&self, options: &BuildOptions) -> Result<BuildReport, Error> {
        Site::load(&self.root())?.build(options)
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub fn build(&self) -> BuildReport {
        self.build_with(&self.options())
    }

    pub fn build_with(&self, options: &BuildOptions) -> BuildReport {
        match self.try_build_with(options) {
            Ok(report) => report,
            Err(error) => panic!("build failed: {}", describe(&error)),
        }
    }

    /// The diagnostics of a build that must fail with content errors.
    pub fn build_errors(&self) -> Vec<Diagnostic> {
        match self.try_build() {
            Ok(_) => panic!("the build should have failed"),
            Err(error) => content_errors(error),
        }
    }

    /// The path of a file of the output.
    pub fn output(&self, relative: &str) -> PathBuf {
        self.out().join(relative)
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.output(relative).exists()
    }

    /// A file of the output as text.
    pub fn read(&self, relative: &str) -> String {
        let path = self.output(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A file of the output parsed as HTML.
    pub fn html(&self, relative: &str) -> Html {
        Html::parse_document(&self.read(relative))
    }

    /// A file of the output parsed as a feed.
    pub fn feed(&self, relative: &str) -> feed_rs::model::Feed {
        parse_feed(&self.output(relative))
    }

    /// Runs the `loa` binary with `args`, in the fixture's temporary folder.
    pub fn cli(&self, args: &[&str]) -> Output {
        cli_in(self.dir.path(), args)
    }

    /// `loa build --root <site> --output <out>`.
    pub fn cli_build(&self) -> Output {
        let root = self.root();
        let out = self.out();
        self.cli(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

/// Runs the `loa` binary in `cwd`, in English (`LOA_LANG=en`): the tests
/// of what loa does read its messages in the language they were written in.
pub fn cli_in(cwd: &Path, args: &[&str]) -> Output {
    cli_with_env(cwd, args, Some("en"))
}

/// Runs the `loa` binary in `cwd` with `LOA_LANG` set to `lang`, or unset.
pub fn cli_with_env(cwd: &Path, args: &[&str], lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("LOA_LANG");
    if let Some(lang) = lang {
        command.env("LOA_LANG", lang);
    }
    command.output().expect("run loa")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit status is `code` (not a panic's 101) and returns stderr.
pub fn assert_exit(output: &Output, code: i32) -> String {
    let err = stderr(output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit status; stderr:\n{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The diagnostics of an `Error::Content`; panics on any other error.
pub fn content_errors(error: Error) -> Vec<Diagnostic> {
    match error {
        Error::Content(diagnostics) => diagnostics,
        other => panic!("expected content errors, got: {other}"),
    }
}

/// `(path, line, column, message)` of each diagnostic.
pub fn located(diagnostics: &[Diagnostic]) -> Vec<(String, usize, usize, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.path.to_string_lossy().into_owned(),
                d.line,
                d.column,
                d.message_in(loa::messages::Lang::En),
            )
        })
        .collect()
}

pub fn describe(error: &Error) -> String {
    match error {
        Error::Content(diagnostics) => diagnostics
            .iter()
            .map(|d| d.render(loa::messages::Lang::En))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.render(loa::messages::Lang::En),
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` by its `/`-separated relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            collect(base, &path, files);
        } else if kind.is_file() {
            let relative = path.strip_prefix(base).unwrap();
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(name, fs::read(&path).unwrap());
        }
    }
}

/// Every path (files and folders) under `dir`, relative, without following
/// symbolic links.
pub fn all_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            paths.push(path.strip_prefix(dir).unwrap().to_path_buf());
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            }
        }
    }
    paths.sort();
    paths
}
