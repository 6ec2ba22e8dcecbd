//! Loading a theme: its templates (overridden file by file by the site's own
//! `templates/`) and the static files copied to the output.
//!
//! The default theme is built into loa (see `build.rs`): a site that names
//! it, or no theme, needs no `themes/default/` folder, and one that has such
//! a folder overrides the built-in theme file by file, as `templates/` and
//! `static/` do. A site that keeps no copy gets the theme fixes of each new
//! loa version.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Position};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Every file of the default theme (`themes/default/` of loa's repository),
/// by its `/`-separated path, with its bytes: the theme a site gets without
/// a `themes/default/` folder, and what `loa init --with-theme` writes.
pub use embedded::DEFAULT_THEME;

use crate::config::BUILTIN_THEME;
use crate::ignore::is_ignored;
use crate::messages::msg;
use crate::messages::Message;
use crate::words::{TranslationFile, Words};

/// The templates every theme provides.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "article.html",
    "page.html",
    "listing.html",
    "districts.html",
    "terms.html",
    "archive.html",
    "search.html",
    "404.html",
    "subscribe.html",
    "follow.html",
    "laws.html",
];

/// A template's name (its path under `templates/`) and text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    /// Where it came from, as shown in messages.
    pub path: PathBuf,
    pub text: String,
}

/// Where a static file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// A file of the theme built into loa, which has no path on disk.
    Builtin(&'static [u8]),
}

impl Source {
    /// The file's bytes; a file that cannot be read has none.
    pub fn bytes(&self) -> Cow<'static, [u8]> {
        match self {
            Source::File(path) => Cow::Owned(fs::read(path).unwrap_or_default()),
            Source::Builtin(bytes) => Cow::Borrowed(bytes),
        }
    }
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path relative to the output root.
    pub path: String,
    pub source: Source,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// Theme files first, then the site's `static/`, which wins on a clash.
    pub static_files: Vec<StaticFile>,
    /// A short hash of the stylesheets and scripts, for cache-busting URLs:
    /// the same whether a file came from disk or from the built-in theme.
    pub build_id: String,
    /// The words of each language of the site (see [`crate::words`]).
    pub words: BTreeMap<String, Arc<Words>>,
}

impl Theme {
    /// The words of `language`; those of loa's built-in Vietnamese file
    /// for a language the site does not have.
    pub fn words(&self, language: &str) -> Arc<Words> {
        match self.words.get(language) {
            Some(words) => Arc::clone(words),
            None => Arc::new(builtin_words(language)),
        }
    }
}

/// A file of the built-in theme's `i18n/` folder.
fn builtin_i18n(name: &str) -> Option<&'static str> {
    builtin_files("i18n")
        .find(|(path, _)| *path == name)
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
}

/// The built-in words of `language`, which its tests keep loadable.
pub fn builtin_words(language: &str) -> Words {
    match Words::load(language, &builtin_i18n, &[]) {
        Ok(words) => words,
        Err(_) => unreachable!("the built-in translation files are checked by the tests of words"),
    }
}

/// The words of each of `languages`: the theme's translation files laid
/// over loa's.
fn words(
    root: &Path,
    theme_dir: &Path,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Arc<Words>> {
    let mut all = BTreeMap::new();
    for language in languages {
        let candidates = [
            format!("{}.toml", crate::words::primary(language)),
            format!("{language}.toml"),
        ];
        let mut texts = Vec::new();
        let names: std::collections::BTreeSet<&String> = candidates.iter().collect();
        // The site's own `i18n/` wins over the theme's, as `templates/` does.
        let dirs = [theme_dir.join("i18n"), root.join("i18n")];
        for path in dirs
            .iter()
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        {
            match fs::read_to_string(&path) {
                Ok(text) => texts.push((crate::content::display(root, &path), text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => diagnostics.push(Diagnostic::error(
                    crate::content::display(root, &path),
                    Position::default(),
                    msg!("unreadable-translation-file", detail = e.to_string()),
                )),
            }
        }
        let files: Vec<TranslationFile> = texts
            .iter()
            .map(|(path, text)| TranslationFile { path, text })
            .collect();
        match Words::load(language, &builtin_i18n, &files) {
            Ok(words) => {
                all.insert(language.clone(), Arc::new(words));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    all
}

/// The files of the built-in theme under `folder` (`templates` or
/// `static`), by their path relative to it.
fn builtin_files(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    DEFAULT_THEME.iter().filter_map(move |(path, bytes)| {
        let relative = path.strip_prefix(folder)?.strip_prefix('/')?;
        Some((relative, *bytes))
    })
}

/// How messages name a template of the built-in theme, which has no file.
fn builtin_template_path(name: &str) -> PathBuf {
    // Named in the process's language: it stands where a path would.
    let folder = msg!("word.builtin-theme");
    PathBuf::from(format!("{folder}/templates/{name}"))
}

pub fn load(root: &Path, name: &str, languages: &[String]) -> Result<Theme, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let theme_dir = root.join("themes").join(name);
    let builtin = name == BUILTIN_THEME;
    if !builtin && !theme_dir.is_dir() {
        let help = missing_theme_help(root, name);
        let d = Diagnostic::error(
            "site.toml",
            Position::default(),
            msg!("missing-theme", name = name),
        )
        .with_help(help);
        diagnostics.push(d);
        return Err(diagnostics);
    }
    let templates = templates(root, &theme_dir, builtin, &mut diagnostics);
    let words = words(root, &theme_dir, languages, &mut diagnostics);
    let mut statics: BTreeMap<String, Source> = BTreeMap::new();
    if builtin {
        statics.extend(
            builtin_files("static").map(|(path, bytes)| (path.to_string(), Source::Builtin(bytes))),
        );
    }
    for dir in [theme_dir.join("static"), root.join("static")] {
        statics.extend(
            files_under(&dir)
                .into_iter()
                .map(|(path, file)| (path, Source::File(file))),
        );
    }
    let mut hash = Fnv::default();
    for (path, source) in &statics {
        if path.ends_with(".css") || path.ends_with(".js") {
            hash.write(path.as_bytes());
            hash.write(&source.bytes());
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Theme {
        templates: templates.into_values().collect(),
        static_files: statics
            .into_iter()
            .map(|(path, source)| StaticFile { path, source })
            .collect(),
        build_id: format!("{:08x}", hash.0 as u32),
        words,
    })
}

/// What to do about a theme that is not in themes/: the closest one, and
/// the themes there are.
fn missing_theme_help(root: &Path, name: &str) -> Message {
    let mut available: Vec<String> = fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|theme| theme != BUILTIN_THEME)
        .collect();
    available.sort();
    let listed = if available.is_empty() {
        msg!("help.only-builtin-theme", builtin = BUILTIN_THEME)
    } else {
        msg!(
            "help.themes-here",
            themes = available.join(", "),
            builtin = BUILTIN_THEME
        )
    };
    let candidates = available.iter().map(String::as_str).chain([BUILTIN_THEME]);
    match did_you_mean(name, candidates) {
        Some(suggestion) => msg!(
            "help.theme-suggestion",
            suggestion = suggestion,
            listed = listed
        ),
        None => msg!("help.missing-theme", name = name, listed = listed),
    }
}

/// The templates of the theme (the built-in ones first), each replaced by
/// a file of the same name in the site's templates/; an error for each
/// required one missing.
fn templates(
    root: &Path,
    theme_dir: &Path,
    builtin: bool,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, TemplateSource> {
    let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
    if builtin {
        for (name, bytes) in builtin_files("templates") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            templates.insert(
                name.to_string(),
                TemplateSource {
                    name: name.to_string(),
                    path: builtin_template_path(name),
                    text: crate::text::normalize_text(text),
                },
            );
        }
    }
    for dir in [theme_dir.join("templates"), root.join("templates")] {
        for (name, path) in files_under(&dir) {
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let text = crate::text::normalize_text(text);
                    let display = crate::content::display(root, &path);
                    templates.insert(
                        name.clone(),
                        TemplateSource {
                            name,
                            path: display,
                            text,
                        },
                    );
                }
                Err(e) => diagnostics.push(Diagnostic::error(
                    crate::content::display(root, &path),
                    Position::default(),
                    msg!("unreadable-template", detail = e.to_string()),
                )),
            }
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !templates.contains_key(*required) {
            diagnostics.push(
                Diagnostic::error(
                    crate::content::display(root, &theme_dir.join("templates")),
                    Position::default(),
                    msg!("missing-template", name = *required),
                )
                .with_help(msg!("help.missing-template")),
            );
        }
    }
    templates
}

/// Files under `dir` by their `/`-separated path relative to it, without
/// the files [`is_ignored`] leaves out; a missing folder (or a file where the folder should be)
/// has none.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            let parts: Option<Vec<&str>> = relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect();
            Some((parts?.join("/"), e.path().to_path_buf()))
        })
        .collect()
}

/// FNV-1a: stable across runs and Rust versions, unlike `DefaultHasher`.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf29ce484222325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repository() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// A file added to `themes/default/` must reach the binary, or sites
    /// without a copy of the theme would miss it.
    #[test]
    fn every_default_theme_file_is_embedded() {
        let on_disk: Vec<(String, Vec<u8>)> = files_under(&repository().join("themes/default"))
            .into_iter()
            .map(|(name, path)| (name, fs::read(path).unwrap()))
            .collect();
        let embedded: Vec<(String, Vec<u8>)> = DEFAULT_THEME
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        let names =
            |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&embedded),
            names(&on_disk),
            "themes/default/ and the embedded theme differ: rebuild (build.rs embeds the folder)"
        );
        assert!(embedded == on_disk, "an embedded file's bytes are stale");
        assert!(names(&embedded).contains(&"static/logo.png".to_string()));
        assert!(names(&embedded).contains(&"templates/partials/article-card.html".to_string()));
    }

    #[test]
    fn the_builtin_theme_is_the_folder_without_a_path_on_disk() {
        let empty = tempfile::tempdir().unwrap();
        let builtin = load(empty.path(), BUILTIN_THEME, &[]).unwrap();
        let folder = load(repository(), BUILTIN_THEME, &[]).unwrap();
        assert_eq!(builtin.build_id, folder.build_id);
        let texts = |theme: &Theme| {
            theme
                .templates
                .iter()
                .map(|t| (t.name.clone(), t.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&builtin), texts(&folder));
        let statics = |theme: &Theme| {
            theme
                .static_files
                .iter()
                .map(|f| (f.path.clone(), f.source.bytes().into_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(statics(&builtin), statics(&folder));
        assert!(builtin
            .static_files
            .iter()
            .all(|f| matches!(f.source, Source::Builtin(_))));
        assert!(folder
            .static_files
            .iter()
            .all(|f| matches!(f.source, Source::File(_))));
    }

    #[test]
    fn a_file_where_a_folder_should_be_holds_no_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("static"), "x").unwrap();
        assert!(files_under(&dir.path().join("static")).is_empty());
    }
}
