//! The write stage: a site is written into a staging folder beside the
//! output and swapped in only when every file is written, so a failed build
//! leaves the previous site exactly as it was. Every path is checked to stay
//! inside the output.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` at `path`, relative to the output root.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Copies the file at `source` to `path`, relative to the output root.
    fn copy(&self, path: &str, source: &Path) -> Result<(), Error>;
    /// Removes the file at `path` that an earlier build wrote, and the
    /// folders it leaves empty.
    fn remove(&self, path: &str) -> Result<(), Error>;
}

/// A path relative to the output root with no way out of it: no `..`, no
/// root, no drive, no backslash (which is a separator on Windows).
pub fn safe_relative(path: &str) -> Result<PathBuf, Error> {
    let candidate = Path::new(path);
    let escapes = path.is_empty()
        || path.contains('\\')
        || path.contains(':')
        || candidate
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(Error::Output(crate::messages::msg!(
            "output-outside",
            path = path
        )));
    }
    Ok(candidate.to_path_buf())
}

/// The file that marks a staging folder as loa's own. A build removes a
/// leftover folder only when its name has the staging pattern, this file
/// holds exactly [`MARKER_TEXT`] and no running build holds its lock.
const MARKER: &str = "loa-staging";
const MARKER_TEXT: &str =
    "This folder belongs to loa: a build writes the new site into site/ here, \
swaps it with the output when it is complete, then removes this folder.\n\
If no build is running, an interrupted build left it behind: the next build removes it, \
and you may delete it yourself.\n";
/// Inside a staging folder: the site being written or, once swapped, the
/// previous site being removed. Never trusted to be complete.
const STAGED_SITE: &str = "site";
/// Inside a staging folder: the previous site, moved there whole by the
/// two-rename swap. Complete by construction: the next build puts it back
/// if a kill left no output.
const PREVIOUS_SITE: &str = "previous";
/// Random characters at the end of a staging folder's name.
const RANDOM_CHARS: usize = 6;

/// The real output: a staging folder beside the target, holding the site
/// being written, that is swapped with the target on commit.
///
/// The folder `.<name>.loa-XXXXXX/` holds a locked marker and the site in
/// `site/`, so the marker never reaches the published output. A build that
/// is killed leaves a marked folder, which the next build into the same
/// output removes; see [`Staging::new`].
pub struct Staging {
    /// `.<name>.loa-XXXXXX`, beside the target.
    dir: PathBuf,
    /// `dir/site`, where the site is written.
    site: PathBuf,
    target: PathBuf,
    /// The marker, open and locked while this build runs so that another
    /// build cleaning leftovers leaves this folder alone. `None` where the
    /// file system cannot lock.
    marker: Option<File>,
    /// The folder is gone (or deliberately left, in tests).
    discarded: bool,
}

impl Staging {
    /// A fresh staging folder beside `target` (same file system, so the swap
    /// is a rename). First removes the staging folders that killed builds
    /// into the same output left behind, and puts the previous site back if
    /// one was killed half-way through a two-rename swap.
    pub fn new(target: &Path) -> Result<Staging, Error> {
        let target = std::path::absolute(target).map_err(|e| Error::io(target, e))?;
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(Error::Output(crate::messages::msg!(
                "output-not-a-folder-name",
                path = target.display()
            )));
        };
        fs::create_dir_all(parent).map_err(|e| beside_error(&target, parent, e))?;
        let prefix = format!(".{}.loa-", name.to_string_lossy());
        remove_leftovers(parent, &prefix, &target);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .rand_bytes(RANDOM_CHARS)
            .tempdir_in(parent)
            .map_err(|e| beside_error(&target, parent, e))?
            .keep();
        let mut staging = Staging {
            site: dir.join(STAGED_SITE),
            dir,
            target,
            marker: None,
            discarded: false,
        };
        staging.marker = staging
            .mark()
            .map_err(|e| beside_error(&staging.target, &staging.dir, e))?;
        fs::create_dir(&staging.site).map_err(|e| Error::io(&staging.site, e))?;
        Ok(staging)
    }

    /// Writes the marker, locked before it says what it is: a build
    /// cleaning leftovers that opens it in between finds it empty and
    /// leaves it alone.
    fn mark(&self) -> io::Result<Option<File>> {
        let mut marker = File::create_new(self.dir.join(MARKER))?;
        // A file system that cannot lock still gets a marker; leftovers
        // there are kept, as another build's lock cannot be ruled out.
        let locked = marker.lock().is_ok();
        marker.write_all(MARKER_TEXT.as_bytes())?;
        Ok(locked.then_some(marker))
    }

    /// The folder the site is written to.
    pub fn path(&self) -> &Path {
        &self.site
    }

    /// Replaces the target with the staged site. At no moment is the target
    /// missing or mixed where the file system can exchange two folders in
    /// one step; elsewhere it is missing between two renames, and the next
    /// build puts the previous site back if the process was killed there.
    /// The previous site is removed when the returned value is dropped.
    pub fn commit(self) -> Result<Replaced, Error> {
        self.commit_with(exchange)
    }

    /// [`Staging::commit`] with the exchange of two folders given, so that
    /// tests can take the path of a file system that refuses it.
    fn commit_with(self, exchange: fn(&Path, &Path) -> io::Result<()>) -> Result<Replaced, Error> {
        let target = self.target.clone();
        match fs::metadata(&target) {
            Ok(meta) if !meta.is_dir() => {
                return Err(Error::Output(crate::messages::msg!(
                    "output-not-a-folder",
                    path = target.display()
                )))
            }
            Ok(_) => self.swap(exchange)?,
            // The first build: one rename, nothing to replace.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&self.site, &target).map_err(|e| Error::io(&target, e))?
            }
            Err(e) => return Err(Error::io(&target, e)),
        }
        Ok(Replaced(self))
    }

    /// Puts the staged site in place of the existing target. Afterwards
    /// `site/` holds the previous site.
    fn swap(&self, exchange: fn(&Path, &Path) -> io::Result<()>) -> Result<(), Error> {
        let target = &self.target;
        match exchange(&self.site, target) {
            Ok(()) => return Ok(()),
            Err(e) if !exchange_unsupported(&e) => return Err(Error::io(target, e)),
            Err(_) => {}
        }
        let previous = self.dir.join(PREVIOUS_SITE);
        fs::rename(target, &previous).map_err(|e| Error::io(target, e))?;
        // On failure, dropping `self` puts `previous/` back in place (or
        // the next build does, if that fails too).
        fs::rename(&self.site, target).map_err(|e| Error::io(target, e))?;
        // Renamed out of `previous/` before its removal starts, so that a
        // half-removed site is never taken for a complete one.
        let _ = fs::rename(&previous, &self.site);
        Ok(())
    }

    /// Removes the staging folder, once.
    fn discard(&mut self) {
        if !std::mem::replace(&mut self.discarded, true) {
            let _ = remove_staging_folder(&self.dir, &self.target, self.marker.take());
        }
    }

    /// Leaves the folder as a build killed now would: marked, unlocked.
    #[cfg(test)]
    fn abandon(mut self) -> PathBuf {
        self.discarded = true;
        self.dir.clone()
    }
}

impl Drop for Staging {
    /// A failed build removes what it wrote; the target was never touched.
    fn drop(&mut self) {
        self.discard();
    }
}

/// The staging folder once its site is in place, holding the previous
/// site (if there was one). Dropping it removes the folder, which takes
/// seconds for a large site: a kill meanwhile leaves a marked folder, which
/// the next build removes.
#[must_use = "dropping it removes the previous site"]
pub struct Replaced(Staging);

impl Replaced {
    /// Removes the previous site and the staging folder.
    pub fn remove(self) {
        drop(self.0);
    }
}

/// Moves one folder to where the other is and the other to where the one
/// was, in one step: there is no moment without either.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(one: &Path, other: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, one, CWD, other, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_one: &Path, _other: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The system or the file system cannot exchange two folders (Linux before
/// 3.15: ENOSYS; a file system without it: EINVAL or EOPNOTSUPP; overlayfs
/// on lower-layer folders: EXDEV). Two renames may still work.
fn exchange_unsupported(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported | io::ErrorKind::CrossesDevices
    )
}

/// The error when nothing can be written beside the output.
fn beside_error(target: &Path, folder: &Path, error: io::Error) -> Error {
    Error::Output(crate::messages::msg!(
        "output-not-writable",
        folder = folder.display(),
        detail = error.to_string(),
        target = target.display()
    ))
}

/// Removes the staging folders that killed builds into `target` left in
/// `parent`: folders named `<prefix>XXXXXX` whose marker says they are
/// loa's and that no running build holds. Anything else is left alone,
/// folders of older loa versions (`.public.old`, unmarked
/// `.public.loa-XXXXXX`) included. Best effort: a leftover that cannot be
/// removed does not stop the build.
fn remove_leftovers(parent: &Path, prefix: &str, target: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_staging_name = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .is_some_and(|random| {
                random.len() == RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !is_staging_name || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        if let Some(marker) = claim(&dir) {
            let _ = remove_staging_folder(&dir, target, Some(marker));
        }
    }
}

/// The locked marker of a staging folder that no running build holds, or
/// `None` when the folder is not loa's or still in use.
fn claim(dir: &Path) -> Option<File> {
    let path = dir.join(MARKER);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let marker = File::open(&path).ok()?;
    marker.try_lock().ok()?;
    let mut text = String::new();
    (&marker)
        .take(MARKER_TEXT.len() as u64 + 1)
        .read_to_string(&mut text)
        .ok()?;
    (text == MARKER_TEXT).then_some(marker)
}

/// Removes a staging folder whose `marker` is held (or that has none): the
/// marker last, so that a kill part-way leaves a folder still marked. A
/// previous site moved aside by a swap that did not finish goes back in
/// place first when the target is missing.
fn remove_staging_folder(dir: &Path, target: &Path, marker: Option<File>) -> io::Result<()> {
    let previous = dir.join(PREVIOUS_SITE);
    let target_missing =
        matches!(fs::symlink_metadata(target), Err(e) if e.kind() == io::ErrorKind::NotFound);
    if target_missing && previous.is_dir() {
        // On failure the folder stays: it holds the only copy of the site.
        fs::rename(&previous, target)?;
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    // Closed before it is removed, which some systems require; another
    // build may then remove the rest first.
    drop(marker);
    for removed in [fs::remove_file(dir.join(MARKER)), fs::remove_dir(dir)] {
        match removed {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// `fs::remove_dir_all`, with the files removed on every core: on ext4,
/// removing the 13,000 files of a 10,000-article site one at a time took
/// 38 s, and in parallel 6 s. Folders go afterwards, deepest first. Links
/// are removed, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files
        .par_iter()
        .try_for_each(|file| match fs::remove_file(file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })?;
    folders.sort_by_key(|folder| std::cmp::Reverse(folder.0));
    for (_, folder) in folders {
        match fs::remove_dir(&folder) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        write_file(&self.site.join(safe_relative(path)?), bytes)
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Error> {
        let relative = safe_relative(path)?;
        let full = self.site.join(&relative);
        if link_unchanged(&self.target.join(&relative), source, &full) {
            return Ok(());
        }
        copy_file(&full, source)
    }

    fn remove(&self, path: &str) -> Result<(), Error> {
        remove_file(&self.site, path)
    }
}

/// Writes straight into an existing output folder: the rebuilds of a serve
/// session, which only write what changed after the first, atomic build.
pub struct InPlace {
    pub root: PathBuf,
}

impl Sink for InPlace {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        write_file(&self.root.join(safe_relative(path)?), bytes)
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Error> {
        copy_file(&self.root.join(safe_relative(path)?), source)
    }

    fn remove(&self, path: &str) -> Result<(), Error> {
        remove_file(&self.root, path)
    }
}

fn remove_file(root: &Path, path: &str) -> Result<(), Error> {
    let full = root.join(safe_relative(path)?);
    match fs::remove_file(&full) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&full, e)),
    }
    let mut dir = full.parent();
    while let Some(d) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

fn write_file(full: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    // The whole file is in `bytes`: one write, no buffer in between.
    let mut file = fs::File::create(full).map_err(|e| Error::io(full, e))?;
    file.write_all(bytes).map_err(|e| Error::io(full, e))
}

/// Copies `source` to `full` and gives the copy the source's modification
/// time, so that the next build can tell the copy is unchanged
/// ([`link_unchanged`]) and a publisher's `rsync -a` skips it.
fn copy_file(full: &Path, source: &Path) -> Result<(), Error> {
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::copy(source, full).map_err(|e| Error::io(source, e))?;
    // Only an optimisation: a copy whose time could not be set is copied
    // again next time.
    if let Ok(modified) = fs::metadata(source).and_then(|m| m.modified()) {
        let _ = File::options()
            .write(true)
            .open(full)
            .and_then(|f| f.set_modified(modified));
    }
    Ok(())
}

/// Hard-links the previous build's copy of `source` into the staged site
/// when it has the source's length and modification time (the test rsync
/// makes), instead of copying the bytes again: a warm rebuild of a site
/// with hundreds of pictures then costs a link per file, not a copy. The
/// previous site is only read: its file keeps its bytes and its time, and
/// the link is all that is left of it once the swap removes the old site.
/// The cache is never linked into the output, so nothing done to a
/// published file can reach it. `false` when anything differs or the file
/// system has no hard links: the caller copies.
fn link_unchanged(previous: &Path, source: &Path, full: &Path) -> bool {
    let same = match (fs::symlink_metadata(previous), fs::metadata(source)) {
        (Ok(old), Ok(new)) => {
            old.is_file()
                && old.len() == new.len()
                && matches!((old.modified(), new.modified()), (Ok(a), Ok(b)) if a == b)
        }
        _ => false,
    };
    if !same {
        return false;
    }
    // The folder is made once, by the first file that finds it missing.
    match fs::hard_link(previous, full) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            full.parent()
                .is_some_and(|parent| fs::create_dir_all(parent).is_ok())
                && fs::hard_link(previous, full).is_ok()
        }
        Err(_) => false,
    }
}

/// `loa check`: everything is rendered, nothing is written.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, path: &str, _bytes: &[u8]) -> Result<(), Error> {
        safe_relative(path).map(|_| ())
    }
    fn copy(&self, path: &str, _source: &Path) -> Result<(), Error> {
        safe_relative(path).map(|_| ())
    }
    fn remove(&self, path: &str) -> Result<(), Error> {
        safe_relative(path).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "a\\..\\b",
            "C:/x",
            "",
            "./a",
        ] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
        assert!(safe_relative("tin-tuc/12345.html").is_ok());
    }

    /// Every entry beside the output, by name.
    fn beside(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// An output folder in a fresh temporary folder holding `old.html`.
    fn published() -> (tempfile::TempDir, PathBuf) {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        (parent, target)
    }

    fn refuse_exchange(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::InvalidInput))
    }

    #[cfg(unix)]
    #[test]
    fn a_removed_tree_takes_its_links_but_not_what_they_point_to() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "keep").unwrap();
        let tree = dir.path().join("tree");
        fs::create_dir_all(tree.join("a/b/c")).unwrap();
        fs::write(tree.join("a/b/c/x.html"), "x").unwrap();
        fs::write(tree.join("a/y.html"), "y").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("a/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn commit_replaces_and_failed_build_keeps_old_site() {
        let (parent, target) = published();

        let failed = Staging::new(&target).unwrap();
        failed.write("new.html", b"new").unwrap();
        drop(failed);
        assert!(target.join("old.html").exists());
        assert!(!target.join("new.html").exists());
        assert_eq!(
            beside(parent.path()),
            ["public"],
            "a failed build cleans up"
        );

        let staging = Staging::new(&target).unwrap();
        staging.write("a/new.html", b"new").unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        staging.commit().unwrap().remove();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/new.html")).unwrap(),
            "new"
        );
        assert!(!target.join(MARKER).exists(), "the marker is not published");
        assert_eq!(beside(parent.path()), ["public"], "staging is removed");
        assert!(!parent.path().join("escape.html").exists());
    }

    #[test]
    fn the_first_build_and_a_relative_output_are_committed() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("new/public");
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit().unwrap().remove();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(beside(&parent.path().join("new")), ["public"]);

        // Relative to the working folder, which the tests share: the
        // staging folder is beside it all the same, under an absolute path.
        let relative = Path::new("target/loa-test-relative-output");
        let staging = Staging::new(relative).unwrap();
        assert!(staging.path().is_absolute());
        assert_eq!(
            staging.dir.parent(),
            std::path::absolute("target").ok().as_deref()
        );
        drop(staging);
        assert!(Staging::new(Path::new("/")).is_err());
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
        let (parent, target) = published();
        // Killed while writing: a partial site.
        let writing = Staging::new(&target).unwrap();
        writing.write("a/partial.html", b"partial").unwrap();
        let writing = writing.abandon();
        // Killed while removing the previous site after the exchange.
        let swapped = Staging::new(&target).unwrap();
        swapped.write("old.html", b"newer").unwrap();
        swapped.swap(exchange).unwrap();
        let swapped = swapped.abandon();
        assert_eq!(
            fs::read_to_string(target.join("old.html")).unwrap(),
            "newer"
        );
        assert!(swapped.join("site/old.html").exists(), "holds the old site");
        // Killed just after the folder was created, before its marker
        // said what it is: kept, being indistinguishable from a build
        // that is starting.
        let unmarked = Staging::new(&target).unwrap().abandon();
        fs::write(unmarked.join(MARKER), "").unwrap();
        // Not loa's, or from older versions: kept.
        let keep = [
            ".public.old",
            ".public.loa-abc123",
            ".public.loa-x",
            ".public.loa-abc123.bak",
            ".other.loa-abc123",
        ];
        for name in keep {
            fs::create_dir(parent.path().join(name)).unwrap();
            fs::write(parent.path().join(name).join("ho-so.docx"), "x").unwrap();
        }
        // A marker in folders whose names are not loa's pattern.
        for name in [".public.loa-x", ".other.loa-abc123"] {
            fs::write(parent.path().join(name).join(MARKER), MARKER_TEXT).unwrap();
        }

        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit().unwrap().remove();

        assert!(!writing.exists());
        assert!(!swapped.exists());
        let mut expected: Vec<String> = keep.iter().map(|n| n.to_string()).collect();
        expected.push(unmarked.file_name().unwrap().to_string_lossy().into_owned());
        expected.push("public".into());
        expected.sort();
        assert_eq!(beside(parent.path()), expected);
        for name in keep {
            assert!(parent.path().join(name).join("ho-so.docx").exists());
        }
        assert_eq!(beside(&target), ["index.html"]);
    }

    #[test]
    fn a_live_staging_folder_is_left_alone() {
        let (parent, target) = published();
        let running = Staging::new(&target).unwrap();
        running.write("index.html", b"first").unwrap();

        let other = Staging::new(&target).unwrap();
        other.write("index.html", b"second").unwrap();
        other.commit().unwrap().remove();
        assert!(running.path().join("index.html").exists());

        running.commit().unwrap().remove();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "first"
        );
        assert_eq!(beside(parent.path()), ["public"]);
    }

    #[test]
    fn the_two_rename_fallback_replaces_the_site() {
        let (parent, target) = published();
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit_with(refuse_exchange).unwrap().remove();
        assert_eq!(beside(&target), ["index.html"]);
        assert_eq!(beside(parent.path()), ["public"]);
    }

    #[test]
    fn the_fallback_puts_the_old_site_back_when_the_new_cannot_take_its_place() {
        let (parent, target) = published();
        let staging = Staging::new(&target).unwrap();
        fs::remove_dir(staging.path()).unwrap();
        assert!(staging.commit_with(refuse_exchange).is_err());
        assert_eq!(beside(&target), ["old.html"]);
        assert_eq!(beside(parent.path()), ["public"]);
    }

    #[test]
    fn a_kill_between_the_two_renames_is_repaired_by_the_next_build() {
        let (parent, target) = published();
        let killed = Staging::new(&target).unwrap();
        killed.write("index.html", b"new").unwrap();
        let killed = killed.abandon();
        fs::rename(&target, killed.join(PREVIOUS_SITE)).unwrap();

        // Repaired before the next build writes anything: if it fails,
        // the previous site stays.
        let failed = Staging::new(&target).unwrap();
        assert_eq!(beside(&target), ["old.html"]);
        assert!(!killed.exists());
        drop(failed);
        assert_eq!(beside(&target), ["old.html"]);
        assert_eq!(beside(parent.path()), ["public"]);
    }
}
