//! Embeds the default theme in the binary, so that a site needs no copy of it
//! (and `loa init --with-theme` can write one anywhere):
//! writes `$OUT_DIR/default_theme.rs`, a sorted list of every file under
//! `themes/default/` (hidden files left out, as the theme loader does) with
//! `include_bytes!`. Cargo reruns this when anything in that folder changes.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let theme = manifest.join("themes").join("default");
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=build.rs");

    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();

    let mut out = String::from(
        "/// Every file of `themes/default/`: its `/`-separated path and bytes.\n\
         pub const DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for (relative, absolute) in &files {
        out.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?})),\n",
            absolute.to_str().expect("theme paths are UTF-8")
        ));
    }
    out.push_str("];\n");
    let target =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("default_theme.rs");
    fs::write(target, out).expect("write default_theme.rs");
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("read theme folder");
        let name = entry.file_name();
        let name = name.to_str().expect("theme file names are UTF-8");
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follows symbolic links, as the theme loader does.
        if path.is_dir() {
            collect(base, &path, files);
        } else if path.is_file() {
            let relative = path
                .strip_prefix(base)
                .expect("under the theme")
                .components()
                .map(|c| c.as_os_str().to_str().expect("UTF-8").to_string())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
}
