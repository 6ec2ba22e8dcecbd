//! `loa serve`: a small HTTP server on the loopback interface for previewing
//! a built site. Only files inside the output folder are ever served.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::Error;

/// Serves `output` on `address` (such as `127.0.0.1:1111`) until the
/// process is stopped.
pub fn serve(output: &Path, address: &str) -> Result<(), Error> {
    let server = tiny_http::Server::http(address)
        .map_err(|e| Error::Output(format!("cannot listen on {address}: {e}")))?;
    for request in server.incoming_requests() {
        let (status, body, content_type) = match resolve(output, request.url()) {
            Some(path) => match fs::read(&path) {
                Ok(body) => (200, body, content_type(&path)),
                Err(_) => not_found(output),
            },
            None => not_found(output),
        };
        let mut response = tiny_http::Response::from_data(body).with_status_code(status);
        if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type) {
            response.add_header(header);
        }
        let _ = request.respond(response);
    }
    Ok(())
}

fn not_found(output: &Path) -> (u16, Vec<u8>, &'static str) {
    let body = fs::read(output.join("404.html")).unwrap_or_else(|_| b"404".to_vec());
    (404, body, "text/html; charset=utf-8")
}

/// The file a request URL names, or `None` for anything outside `output`.
pub fn resolve(output: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || decoded.contains('\\')
    {
        return None;
    }
    let mut full = output.join(relative);
    if full.is_dir() {
        full = full.join("index.html");
    }
    full.is_file().then_some(full)
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
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
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
        assert_eq!(resolve(&output, "/../secret.txt"), None);
        assert_eq!(resolve(&output, "/%2e%2e/secret.txt"), None);
        assert_eq!(resolve(&output, "/a/..%2f..%2fsecret.txt"), None);
    }
}
