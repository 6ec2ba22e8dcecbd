//! Watching a site's sources for `loa serve`: `site.toml`, `content/`,
//! `templates/`, `static/` and `themes/`, debounced, without the hidden and
//! temporary files that editors write beside the real ones.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// Long enough to see an editor's write-to-temporary-then-rename as one
/// change, short enough not to be noticed.
const DEBOUNCE: Duration = Duration::from_millis(75);

/// The folders under the root whose changes rebuild the site.
const FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// The file at the root whose changes rebuild the site.
const CONFIG: &str = "site.toml";

/// A debounced watch over a site's sources.
pub struct Watcher {
    /// The site root as the watcher reports it (absolute, canonical).
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (sender, events) = mpsc::channel();
        let debouncer = new_debouncer(DEBOUNCE, None, sender)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watcher = Watcher {
            root,
            debouncer,
            events,
        };
        // The root itself, not site.toml: an editor that saves by renaming
        // a new file over site.toml would leave a watch on the old file.
        // Events for other entries of the root (the output folder) are
        // filtered out by `relevant`.
        let root = watcher.root.clone();
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        for folder in FOLDERS {
            let path = watcher.root.join(folder);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(watcher)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), String> {
        self.debouncer
            .watch(path, mode)
            .map_err(|e| describe(path, &e))
    }

    /// Waits for changes and returns the changed sources, relative to the
    /// root, sorted; `None` when the watcher has stopped. Changes that
    /// arrived while the caller was busy come together in one batch.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut changed = BTreeSet::new();
            self.absorb(first, &mut changed);
            while let Ok(more) = self.events.try_recv() {
                self.absorb(more, &mut changed);
            }
            if !changed.is_empty() {
                return Some(changed.into_iter().collect());
            }
        }
    }

    fn absorb(&mut self, result: DebounceEventResult, changed: &mut BTreeSet<PathBuf>) {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for error in errors {
                    eprintln!("warning: watching the site: {error}");
                }
                return;
            }
        };
        for event in events {
            // Reading a file is reported too (inotify's OPEN): the build's
            // own reads would rebuild it again and again.
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                let Some(relative) = relevant(&self.root, path) else {
                    continue;
                };
                // A watched folder created after the start (a first
                // `templates/`), or deleted and created again.
                if relative.components().count() == 1 && path.is_dir() {
                    if let Err(error) = self.watch(path, RecursiveMode::Recursive) {
                        eprintln!("warning: {error}");
                    }
                }
                changed.insert(relative);
            }
        }
    }
}

fn describe(path: &Path, error: &notify::Error) -> String {
    let mut message = format!("cannot watch {}: {error}", path.display());
    if matches!(error.kind, notify::ErrorKind::MaxFilesWatch) {
        message.push_str(" (the system's limit of watched folders is reached: raise fs.inotify.max_user_watches)");
    }
    message
}

/// `path` relative to `root` when it is a source of the site that is not a
/// hidden or temporary file; `None` for everything else.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let first = match components.next()? {
        Component::Normal(first) => first.to_str()?,
        _ => return None,
    };
    let is_source = match components.clone().next() {
        None => first == CONFIG || FOLDERS.contains(&first),
        Some(_) => FOLDERS.contains(&first),
    };
    if !is_source {
        return None;
    }
    let temporary = relative.components().any(|c| match c {
        Component::Normal(name) => name.to_str().is_none_or(is_temporary),
        _ => true,
    });
    (!temporary).then(|| relative.to_path_buf())
}

/// Hidden files and the files editors and tools write while saving: vim's
/// swap, backup and `4913` probe files, emacs' `#autosave#` and `.#lock`,
/// Kate's swap files, JetBrains' and browsers' temporaries.
fn is_temporary(name: &str) -> bool {
    const SUFFIXES: [&str; 11] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".temp",
        ".part",
        ".crdownload",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_relevant() {
        let root = Path::new("/site");
        for (path, expected) in [
            ("/site/site.toml", Some("site.toml")),
            ("/site/content/a/b.md", Some("content/a/b.md")),
            ("/site/content/a/anh.jpg", Some("content/a/anh.jpg")),
            ("/site/content", Some("content")),
            (
                "/site/templates/article.html",
                Some("templates/article.html"),
            ),
            ("/site/static/css/x.css", Some("static/css/x.css")),
            (
                "/site/themes/default/templates/base.html",
                Some("themes/default/templates/base.html"),
            ),
        ] {
            assert_eq!(relevant(root, Path::new(path)), expected.map(PathBuf::from));
        }
    }

    #[test]
    fn the_output_and_other_files_are_not() {
        let root = Path::new("/site");
        for path in [
            "/site/public/index.html",
            "/site/public",
            "/site/.public.staging-x1/index.html",
            "/site/README.md",
            "/site/site.toml.bak/x",
            "/elsewhere/content/a.md",
            "/site",
        ] {
            assert_eq!(relevant(root, Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn hidden_and_temporary_files_are_ignored() {
        let root = Path::new("/site");
        for path in [
            "/site/content/.a.md.swp",
            "/site/content/.a.md.swx",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/#a.md#",
            "/site/content/.#a.md",
            "/site/content/.git/HEAD",
            "/site/.site.toml.swp",
            "/site/site.toml~",
            "/site/content/.DS_Store",
            "/site/content/a.md.kate-swp",
            "/site/content/a.md___jb_tmp___",
            "/site/content/anh.jpg.part",
            "/site/content/.hidden/a.md",
        ] {
            assert_eq!(relevant(root, Path::new(path)), None, "{path}");
        }
    }

    /// The watcher itself, on a real folder: an edit is reported relative
    /// to the root; a swap file and a file that was only read are not.
    #[test]
    fn reports_an_edit_relative_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.toml"), "").unwrap();
        std::fs::write(root.join("content/old.md"), "x").unwrap();
        let mut watcher = Watcher::new(root).unwrap();
        // Reading is not changing: a build reads every file.
        std::fs::read(root.join("content/old.md")).unwrap();
        std::fs::read(root.join("site.toml")).unwrap();
        std::fs::write(root.join("content/.a.md.swp"), "x").unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        std::fs::create_dir_all(root.join("public")).unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || sender.send(watcher.next_batch()));
        let batch = receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("a batch within 10 s")
            .unwrap();
        assert!(batch.contains(&PathBuf::from("content/a.md")), "{batch:?}");
        assert!(
            batch
                .iter()
                .all(|p| p.starts_with("content") && !p.to_string_lossy().ends_with(".swp")),
            "{batch:?}"
        );
    }
}
