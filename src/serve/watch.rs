//! Watching a site's sources for `loa serve`: `site.toml`, `laws.toml`, `content/`,
//! `templates/`, `static/`, `themes/` and `i18n/`, without the hidden and temporary
//! files that editors write beside the real ones.
//!
//! A change is rebuilt as soon as it is complete, not after a fixed quiet
//! time: an editor's save shows in the browser in the time of the rebuild.
//! What arrives while a rebuild runs is taken together by the next one.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::messages::msg;
use crate::messages::Message;

/// How long a file that is being written may go without a new event before
/// it is taken as it is. Linux reports when a writer closes the file, so
/// this is only waited for where no close is reported (macOS, Windows) or
/// for a program that keeps the file open.
const UNFINISHED_WAIT: Duration = Duration::from_millis(60);

/// How long a file that was removed or renamed away may stay absent before
/// its removal is rebuilt. Vim, Emacs and JetBrains editors save by moving
/// the old file aside and writing a new one in its place within a
/// millisecond: without this wait, every such save would first show the
/// article as deleted.
const REPLACE_WAIT: Duration = Duration::from_millis(30);

/// How long to wait, once every change is complete, for the rest of the
/// same save: one rename is reported as two events, and a program that
/// writes several files (git, a copy of a folder) writes them within
/// microseconds of each other. Each new event restarts the wait.
const SETTLE: Duration = Duration::from_millis(4);

/// The folders under the root whose changes rebuild the site.
const FOLDERS: [&str; 5] = ["content", "templates", "static", "themes", "i18n"];

/// The file at the root whose changes rebuild the site.
const CONFIG: &str = "site.toml";

/// Where a changed source stands, from the last event about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Written, renamed into place, created as a folder: ready to build.
    Complete,
    /// Opened for writing and not yet closed.
    Writing,
    /// Removed or renamed away; it may come back at once.
    Gone,
}

impl Change {
    /// How long to wait for more events before building `pending`.
    fn wait(pending: &BTreeMap<PathBuf, Change>) -> Duration {
        if pending.values().any(|c| *c == Change::Writing) {
            UNFINISHED_WAIT
        } else if pending.values().any(|c| *c == Change::Gone) {
            REPLACE_WAIT
        } else {
            SETTLE
        }
    }
}

/// A watch over a site's sources.
pub(crate) struct Watcher {
    /// The site root as the watcher reports it (absolute, canonical).
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> Result<Watcher, Message> {
        let cannot = |e: &dyn std::fmt::Display| {
            msg!(
                "serve.cannot-watch",
                path = root.display(),
                detail = e.to_string()
            )
        };
        let root = std::fs::canonicalize(root).map_err(|e| cannot(&e))?;
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(sender).map_err(|e| cannot(&e))?;
        let mut watcher = Watcher {
            root,
            watcher,
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

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), Message> {
        self.watcher
            .watch(path, mode)
            .map_err(|e| describe(path, &e))
    }

    /// Waits for changes and returns the changed sources, relative to the
    /// root, sorted; `None` when the watcher has stopped. Returns as soon as
    /// every changed file is complete (closed after writing, renamed into
    /// place) and the save that changed them is over; changes that arrived
    /// while the caller was busy come together in one batch.
    pub(crate) fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut pending = BTreeMap::new();
        loop {
            while let Ok(event) = self.events.try_recv() {
                self.absorb(event, &mut pending);
            }
            if pending.is_empty() {
                let event = self.events.recv().ok()?;
                self.absorb(event, &mut pending);
                continue;
            }
            match self.events.recv_timeout(Change::wait(&pending)) {
                Ok(event) => self.absorb(event, &mut pending),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(pending.into_keys().collect())
    }

    fn absorb(
        &mut self,
        result: notify::Result<notify::Event>,
        pending: &mut BTreeMap<PathBuf, Change>,
    ) {
        let event = match result {
            Ok(event) => event,
            Err(error) => {
                eprintln!("{}", msg!("serve.watch-error", detail = error.to_string()));
                return;
            }
        };
        for (i, path) in event.paths.iter().enumerate() {
            let Some(change) = classify(&event.kind, i) else {
                continue;
            };
            let Some(relative) = relevant(&self.root, path) else {
                continue;
            };
            // A watched folder created after the start (a first
            // `templates/`), or deleted and created again.
            if relative.components().count() == 1 && change == Change::Complete && path.is_dir() {
                if let Err(error) = self.watch(path, RecursiveMode::Recursive) {
                    eprintln!("{}", msg!("serve.warning", detail = error));
                }
            }
            // A change of permissions or times says nothing of whether a
            // write is finished.
            if matches!(event.kind, EventKind::Modify(ModifyKind::Metadata(_))) {
                pending.entry(relative).or_insert(change);
            } else {
                pending.insert(relative, change);
            }
        }
    }
}

/// What an event says of its `index`-th path; `None` when it changes
/// nothing. Reading a file is reported too (inotify's OPEN and CLOSE): the
/// build's own reads would otherwise rebuild it again and again.
fn classify(kind: &EventKind, index: usize) -> Option<Change> {
    Some(match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Change::Complete,
        EventKind::Access(_) => return None,
        EventKind::Create(notify::event::CreateKind::Folder) => Change::Complete,
        EventKind::Create(_) => Change::Writing,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any | ModifyKind::Other) => {
            Change::Writing
        }
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) => Change::Gone,
        // A rename's old path (first) is gone, its new one in place.
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if index == 0 => Change::Gone,
        EventKind::Remove(_) => Change::Gone,
        EventKind::Modify(_) | EventKind::Any | EventKind::Other => Change::Complete,
    })
}

fn describe(path: &Path, error: &notify::Error) -> Message {
    let message = msg!(
        "serve.cannot-watch",
        path = path.display(),
        detail = error.to_string()
    );
    if matches!(error.kind, notify::ErrorKind::MaxFilesWatch) {
        msg!("serve.watch-limit", message = message)
    } else {
        message
    }
}

/// `path` relative to `root` when it is a source of the site that is not a
/// hidden or temporary file; `None` for everything else.
pub(crate) fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let first = match components.next()? {
        Component::Normal(first) => first.to_str()?,
        _ => return None,
    };
    let is_source = match components.clone().next() {
        None => first == CONFIG || first == crate::laws::LAWS_FILE || FOLDERS.contains(&first),
        Some(_) => FOLDERS.contains(&first),
    };
    if !is_source {
        return None;
    }
    let temporary = relative.components().any(|c| match c {
        Component::Normal(name) => name.to_str().is_none_or(crate::ignore::is_ignored),
        _ => true,
    });
    (!temporary).then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_relevant() {
        let root = Path::new("/site");
        for (path, expected) in [
            ("/site/site.toml", Some("site.toml")),
            ("/site/laws.toml", Some("laws.toml")),
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
            ("/site/i18n/vi.toml", Some("i18n/vi.toml")),
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
            // The pictures the build made: a rebuild must not follow.
            "/site/.loa-cache/images/stamps",
            "/site/.loa-cache/images/0a1b-2c3d/size-480.webp",
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

    /// What waiting follows each step of the ways editors save.
    #[test]
    fn a_change_is_built_once_the_file_is_complete() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind};
        let after = |steps: &[EventKind]| {
            let mut pending = BTreeMap::new();
            for kind in steps {
                match classify(kind, 0) {
                    Some(change) if matches!(kind, EventKind::Modify(ModifyKind::Metadata(_))) => {
                        pending.entry(PathBuf::from("a.md")).or_insert(change);
                    }
                    Some(change) => {
                        pending.insert(PathBuf::from("a.md"), change);
                    }
                    None => {}
                }
            }
            Change::wait(&pending)
        };
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let create = EventKind::Create(CreateKind::File);
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let touch = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        let moved_away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let moved_here = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let removed = EventKind::Remove(RemoveKind::File);

        // Written in place (most editors): built when closed.
        assert_eq!(after(&[write]), UNFINISHED_WAIT);
        assert_eq!(after(&[write, touch]), UNFINISHED_WAIT);
        assert_eq!(after(&[write, close]), SETTLE);
        // Renamed into place (gedit, and vim's writes to a new file).
        assert_eq!(after(&[moved_here]), SETTLE);
        // Moved aside, then written anew (vim, Emacs): not a deletion.
        assert_eq!(after(&[moved_away]), REPLACE_WAIT);
        assert_eq!(after(&[moved_away, create]), UNFINISHED_WAIT);
        assert_eq!(after(&[removed, create, write, close]), SETTLE);
        assert_eq!(after(&[removed]), REPLACE_WAIT);
        // The build's own reads change nothing.
        assert_eq!(classify(&open, 0), None);
        assert_eq!(classify(&read, 0), None);
        assert_eq!(after(&[touch]), SETTLE);
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
