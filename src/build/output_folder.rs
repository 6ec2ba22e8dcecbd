//! Which folder a build may replace: never one that holds the site's own
//! sources, nor a folder of someone's files that is not a built site.

use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The output folder (`output`, else `public/` in `root`), refused when
/// replacing it would destroy the site's own sources or files that are not
/// a built site.
pub(super) fn checked(root: &Path, output: Option<&Path>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    let root = lexical_absolute(&cwd, root);
    let output = match output {
        Some(output) => lexical_absolute(&cwd, output),
        None => root.join("public"),
    };
    let protected = ["content", "static", "themes", "templates"].map(|d| root.join(d));
    if root.starts_with(&output)
        || protected.iter().any(|p| output.starts_with(p))
        || output.join("site.toml") == root.join("site.toml")
    {
        return Err(Error::Output(crate::messages::msg!(
            "output-holds-sources",
            path = output.display()
        )));
    }
    // Replacing a folder that is not a built site (a home folder given
    // by mistake) would destroy someone's files.
    let entries = std::fs::read_dir(&output).map(|d| d.count()).unwrap_or(0);
    if entries > 0 && !output.join("index.html").is_file() {
        return Err(Error::Output(crate::messages::msg!(
            "output-not-a-site",
            path = output.display()
        )));
    }
    Ok(output)
}

/// `base` + `path` with `.` and `..` resolved without touching the disk
/// (the output folder may not exist yet).
fn lexical_absolute(base: &Path, path: &Path) -> PathBuf {
    let mut result = if path.is_absolute() {
        PathBuf::new()
    } else {
        base.to_path_buf()
    };
    for component in path.components() {
        match component {
            Component::ParentDir => {
                result.pop();
            }
            Component::CurDir => {}
            other => result.push(other),
        }
    }
    result
}
