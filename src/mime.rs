//! Media types by file extension: one table for what `serve` sends in
//! `Content-Type` and what feeds declare for an article's image, so that
//! `ANH.JPG` is a JPEG to both.

/// The media type of the file at `path` (a file path or a URL, whose
/// `?query` and `#fragment` are ignored), by its extension in any case;
/// `None` for an extension not in the table.
pub fn of_path(path: &str) -> Option<&'static str> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let file = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "opml" => "text/x-opml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => return None,
    })
}

/// The media type of an image file or URL; `None` when its extension is
/// not one of an image.
pub fn of_image(path: &str) -> Option<&'static str> {
    of_path(path).filter(|mime| mime.starts_with("image/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_in_any_case_give_one_type_to_serve_and_to_feeds() {
        assert_eq!(of_path("anh/ANH.JPG"), Some("image/jpeg"));
        assert_eq!(of_image("/a/b.Png?v=2#x"), Some("image/png"));
        assert_eq!(of_path("index.html"), Some("text/html; charset=utf-8"));
        assert_eq!(of_image("index.html"), None);
        assert_eq!(of_path("a.b/README"), None);
        assert_eq!(of_image("https://e.org/anh"), None);
    }
}
