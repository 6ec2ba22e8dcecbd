//! The write stage: a site is written into a staging folder beside the
//! output and swapped in only when every file is written, so a failed build
//! leaves the previous site exactly as it was. Every path is checked to stay
//! inside the output.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use tempfile::TempDir;

use crate::Error;

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
        return Err(Error::Output(format!(
            "refusing to write outside the output folder: `{path}`"
        )));
    }
    Ok(candidate.to_path_buf())
}

/// The real output: a staging folder that replaces the target on commit.
pub struct Staging {
    dir: TempDir,
    target: PathBuf,
}

impl Staging {
    /// A fresh staging folder beside `target` (same file system, so the swap
    /// is a rename).
    pub fn new(target: &Path) -> Result<Staging, Error> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.loa-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces the target with the staged site. The old site is moved aside
    /// first and put back if the new one cannot take its place.
    pub fn commit(self) -> Result<(), Error> {
        let target = self.target;
        if target.exists() && !target.is_dir() {
            return Err(Error::Output(format!(
                "{} exists and is not a folder",
                target.display()
            )));
        }
        let staged = self.dir.keep();
        if !target.exists() {
            return fs::rename(&staged, &target).map_err(|e| Error::io(&target, e));
        }
        let backup = staged.with_extension("old");
        fs::rename(&target, &backup).map_err(|e| Error::io(&target, e))?;
        if let Err(e) = fs::rename(&staged, &target) {
            let _ = fs::rename(&backup, &target);
            let _ = fs::remove_dir_all(&staged);
            return Err(Error::io(&target, e));
        }
        fs::remove_dir_all(&backup).map_err(|e| Error::io(&backup, e))
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        write_file(&self.dir.path().join(safe_relative(path)?), bytes)
    }

    fn copy(&self, path: &str, source: &Path) -> Result<(), Error> {
        copy_file(&self.dir.path().join(safe_relative(path)?), source)
    }

    fn remove(&self, path: &str) -> Result<(), Error> {
        remove_file(self.dir.path(), path)
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

fn copy_file(full: &Path, source: &Path) -> Result<(), Error> {
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::copy(source, full)
        .map(|_| ())
        .map_err(|e| Error::io(source, e))
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

/// A redirect page for an old URL: a meta refresh for browsers and a
/// canonical link for search engines.
pub fn redirect_page(language: &str, target: &str) -> String {
    let target = escape_attribute(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Chuyển hướng</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p>Bài viết đã chuyển đến <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n",
        lang = escape_attribute(language),
    )
}

/// One `<url>` of the sitemap.
pub struct SitemapEntry {
    pub loc: String,
    /// W3C datetime.
    pub lastmod: Option<String>,
}

pub fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_attribute(&entry.loc));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &entry.lastmod {
            xml.push_str("    <lastmod>");
            xml.push_str(&escape_attribute(lastmod));
            xml.push_str("</lastmod>\n");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots_txt(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// Escapes text for an HTML or XML attribute or element.
pub fn escape_attribute(text: &str) -> String {
    // Tera calls this for every string a template prints or compares, two
    // million times in a build of 10,000 articles: most have nothing to
    // escape and are copied whole, and the others in runs between the
    // special characters. These are ASCII, so every cut is at a character
    // boundary.
    let entity = |byte: u8| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    };
    let Some(first) = text.bytes().position(|byte| entity(byte).is_some()) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate().skip(first) {
        if let Some(entity) = entity(byte) {
            out.push_str(&text[copied..i]);
            out.push_str(entity);
            copied = i + 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped_whole_and_in_place() {
        let cases = [
            ("", ""),
            ("Mạng xã hội", "Mạng xã hội"),
            ("<a href=\"x\">", "&lt;a href=&quot;x&quot;&gt;"),
            ("&&", "&amp;&amp;"),
            ("'Đồng' & “Nai”>", "&#39;Đồng&#39; &amp; “Nai”&gt;"),
            ("ở/x?a=1&b=2", "ở/x?a=1&amp;b=2"),
        ];
        for (text, escaped) in cases {
            assert_eq!(escape_attribute(text), escaped, "{text:?}");
        }
    }

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

    #[test]
    fn commit_replaces_and_failed_build_keeps_old_site() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let failed = Staging::new(&target).unwrap();
        failed.write("new.html", b"new").unwrap();
        drop(failed);
        assert!(target.join("old.html").exists());
        assert!(!target.join("new.html").exists());

        let staging = Staging::new(&target).unwrap();
        staging.write("a/new.html", b"new").unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/new.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(parent.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging and backup folders are removed");
        assert!(!parent.path().join("escape.html").exists());
    }

    #[test]
    fn redirect_escapes_target() {
        let page = redirect_page("vi", "https://e.org/a\"b/");
        assert!(page.contains("href=\"https://e.org/a&quot;b/\""));
    }
}
