//! Loading a theme: its templates (overridden file by file by the site's own
//! `templates/`) and the static files copied to the output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The templates every theme provides.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "article.html",
    "page.html",
    "listing.html",
    "districts.html",
    "terms.html",
    "404.html",
    "subscribe.html",
];

/// A template's name (its path under `templates/`) and text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path relative to the output root.
    pub path: String,
    pub source: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// Theme files first, then the site's `static/`, which wins on a clash.
    pub static_files: Vec<StaticFile>,
    /// A short hash of the stylesheets and scripts, for cache-busting URLs.
    pub build_id: String,
}

pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let theme_dir = root.join("themes").join(name);
    if !theme_dir.is_dir() {
        let available: Vec<String> = fs::read_dir(root.join("themes"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut d = Diagnostic::error(
            "site.toml",
            Position::default(),
            format!("the theme `{name}` is not in themes/"),
        );
        d.help = Some(if available.is_empty() {
            "copy a theme into themes/<name>/ (templates/ and static/)".into()
        } else {
            format!("themes here: {}", available.join(", "))
        });
        diagnostics.push(d);
        return Err(diagnostics);
    }
    let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
    for dir in [theme_dir.join("templates"), root.join("templates")] {
        for (name, path) in files_under(&dir) {
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let text = crate::content::normalize_text(text);
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
                    format!("cannot read the template: {e}"),
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
                    format!("the template `{required}` is missing"),
                )
                .with_help("every theme needs base, home, article, page, listing, districts, terms, 404 and subscribe templates"),
            );
        }
    }
    let mut statics: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in [theme_dir.join("static"), root.join("static")] {
        statics.extend(files_under(&dir));
    }
    let mut hash = Fnv::default();
    for (path, source) in &statics {
        if path.ends_with(".css") || path.ends_with(".js") {
            hash.write(path.as_bytes());
            hash.write(&fs::read(source).unwrap_or_default());
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
    })
}

/// Files under `dir` by their `/`-separated path relative to it, hidden
/// files left out; a missing folder has none.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
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
