//! The files loa never reads as a source: hidden files and the files
//! editors and tools write while saving. One rule for the content walk,
//! the theme's and the site's static files and the watcher of `loa serve`,
//! so that a serve session and a build publish the same files.

/// Suffixes of the temporaries of editors, IDEs and browsers: backups
/// (`~`), vim's swap files, Kate's, JetBrains' safe-write files, partial
/// downloads.
const TEMPORARY_SUFFIXES: [&str; 11] = [
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

/// Whether a file or folder named `name` is left out: hidden (`.git`,
/// emacs' `.#lock`), emacs' `#autosave#`, vim's `4913` write probe, or
/// one of [`TEMPORARY_SUFFIXES`].
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || TEMPORARY_SUFFIXES
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_temporaries_and_hidden_files_are_ignored() {
        for name in [
            ".git",
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "4913",
            "a.md.swx",
            "x.tmp",
            "a.md.kate-swp",
            "a.md___jb_tmp___",
            "anh.jpg.crdownload",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["a.md", "anh.jpg", "4914", "tmp", "swp.md", "bai-49.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
