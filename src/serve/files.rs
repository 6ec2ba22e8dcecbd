//! The files of the last good build, as `loa serve` answers for them:
//! each URL resolved inside the output folder (never outside it), HTML with
//! the live-reload script, the site's 404 page for what is missing.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::events::Snapshot;
use super::{not_built_page, LIVE_SCRIPT};

/// An answer of the server, before HTTP framing.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: Vec<u8>,
    pub(super) content_type: &'static str,
    pub(super) location: Option<String>,
}

impl Reply {
    pub(super) fn new(status: u16, body: Vec<u8>, content_type: &'static str) -> Reply {
        Reply {
            status,
            body,
            content_type,
            location: None,
        }
    }
}

/// The file the URL names in the last good output, with the live script in
/// HTML; the site's 404 page otherwise.
pub(super) fn serve_file(snapshot: &Snapshot, url: &str) -> Reply {
    let Some(output) = &snapshot.output else {
        return html(503, inject(not_built_page().as_bytes(), &snapshot.build));
    };
    let Some(file) = resolve(output, url) else {
        return not_found(output, &snapshot.build);
    };
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if file.file_name().is_some_and(|n| n == "index.html")
        && !path.ends_with('/')
        && !path.ends_with("index.html")
    {
        // `/districts` → `/districts/`, so that relative links resolve.
        let query = url.find('?').map_or("", |i| &url[i..]);
        return Reply {
            location: Some(format!("/{}/{query}", path.trim_start_matches('/'))),
            ..Reply::new(301, Vec::new(), "text/plain; charset=utf-8")
        };
    }
    match fs::read(&file) {
        Ok(body) if is_html(&file) => html(200, inject(&body, &snapshot.build)),
        Ok(body) => Reply::new(200, body, content_type(&file)),
        // Replaced by a rebuild between resolving and reading.
        Err(_) => not_found(output, &snapshot.build),
    }
}

fn html(status: u16, body: Vec<u8>) -> Reply {
    Reply::new(status, body, "text/html; charset=utf-8")
}

fn not_found(output: &Path, build: &str) -> Reply {
    match fs::read(output.join("404.html")) {
        Ok(body) => html(404, inject(&body, build)),
        Err(_) => Reply::new(404, b"404".to_vec(), "text/plain; charset=utf-8"),
    }
}

fn is_html(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "htm")
    )
}

/// `html` with the live script before its last `</body>` (or at the end).
pub(crate) fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT}?build={build}\" defer></script>\n");
    let end = b"</body>";
    let at = html
        .windows(end.len())
        .rposition(|w| w.eq_ignore_ascii_case(end))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The file a request URL names, or `None` for anything outside `output`.
pub(crate) fn resolve(output: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || decoded.contains('\\')
        || decoded.contains('\0')
    {
        return None;
    }
    let mut full = output.join(relative);
    if full.is_dir() {
        full = full.join("index.html");
    }
    if !full.is_file() {
        return None;
    }
    // A symbolic link in the output must not lead out of it.
    let real = full.canonicalize().ok()?;
    let base = output.canonicalize().ok()?;
    real.starts_with(&base).then_some(full)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    crate::mime::of_path(&path.to_string_lossy()).unwrap_or("application/octet-stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_resolves_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(output.join("a")).unwrap();
        fs::write(output.join("a/index.html"), "a").unwrap();
        fs::write(dir.path().join("secret.txt"), "s").unwrap();
        assert_eq!(
            resolve(&output, "/a/?x=1"),
            Some(output.join("a/index.html"))
        );
        assert_eq!(resolve(&output, "/a"), Some(output.join("a/index.html")));
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/a/..%2f..%2fsecret.txt",
            "/a/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/a/..%5c..%5csecret.txt",
            "/..",
            "/a/../../secret.txt",
            "/./a/index.html",
            "/a/%00",
            "/%",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(&output, url), None, "{url}");
        }
        // An absolute path after decoding stays inside the output.
        let absolute = format!("/{}", dir.path().join("secret.txt").display());
        assert_eq!(resolve(&output, &absolute), None);
        assert_eq!(
            resolve(&output, &absolute.replace('/', "%2f")),
            None,
            "{absolute}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_follows_a_link_out_of_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), output.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), output.join("up")).unwrap();
        assert_eq!(resolve(&output, "/link.txt"), None);
        assert_eq!(resolve(&output, "/up/secret.txt"), None);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p><pre></body></pre></BODY>\n</html>";
        let out = String::from_utf8(inject(page, "7-1")).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><pre></body></pre>\
             <script src=\"/__loa/live.js?build=7-1\" defer></script>\n</BODY>\n</html>"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>", "1-1")).unwrap();
        assert!(bare.starts_with("<p>x</p><script src=\"/__loa/live.js"));
    }
}
