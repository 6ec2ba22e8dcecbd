//! Links in an article's HTML made absolute for feed readers, which show
//! it away from the site: a small tokenizer of tags and their URL
//! attributes.

/// Feed readers show content away from the site, so every `href`, `src`
/// and `poster` attribute of `html`, and each URL of a `srcset`, is made
/// absolute: root-relative ones
/// (which our Markdown renderer writes for `@/`, relative and `/` links and
/// images, figures included) get `origin`; protocol-relative ones get its
/// scheme; any other relative one (a footnote's `#fn`, raw HTML's `a.png`)
/// is resolved against `base`, the article's permalink.
pub(super) fn absolute_links(html: &str, origin: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |i| i + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        rest = rewrite_tag(rest, origin, base, &mut out);
    }
    out.push_str(rest);
    out
}

/// Copies one tag (starting at its `<`) to `out` with its URL attributes
/// made absolute, and returns what follows it.
fn rewrite_tag<'a>(tag: &'a str, origin: &str, base: &str, out: &mut String) -> &'a str {
    let bytes = tag.as_bytes();
    // The tag name.
    let mut i = 1;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
        i += 1;
    }
    out.push_str(&tag[..i]);
    loop {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        out.push_str(&tag[start..i]);
        if i >= bytes.len() {
            return "";
        }
        if bytes[i] == b'>' {
            out.push('>');
            return &tag[i + 1..];
        }
        let name_start = i;
        while i < bytes.len() && !b" \t\n\r\x0c=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = &tag[name_start..i];
        out.push_str(name);
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        out.push('=');
        i += 1;
        let (quote, value_start) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => (Some(q), i + 1),
            _ => (None, i),
        };
        let mut end = value_start;
        while end < bytes.len()
            && match quote {
                Some(q) => bytes[end] != q,
                None => !bytes[end].is_ascii_whitespace() && bytes[end] != b'>',
            }
        {
            end += 1;
        }
        let value = &tag[value_start..end];
        let is_url = ["href", "src", "poster"]
            .iter()
            .any(|a| name.eq_ignore_ascii_case(a));
        let value = if is_url {
            std::borrow::Cow::Owned(absolute_url(value, origin, base))
        } else if name.eq_ignore_ascii_case("srcset") {
            // `url 480w, url 960w`: each candidate's URL.
            std::borrow::Cow::Owned(
                value
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, descriptor) =
                            candidate.split_once(' ').unwrap_or((candidate, ""));
                        let url = absolute_url(url, origin, base);
                        if descriptor.is_empty() {
                            url
                        } else {
                            format!("{url} {descriptor}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        } else {
            std::borrow::Cow::Borrowed(value)
        };
        if let Some(q) = quote {
            out.push(char::from(q));
            out.push_str(&value);
            if end < bytes.len() {
                out.push(char::from(q));
                end += 1;
            }
        } else {
            out.push_str(&value);
        }
        i = end;
    }
}

/// `url` (as written in an attribute) made absolute against `origin`
/// (`https://host`) and `base` (an absolute URL ending in `/` or a file).
pub(super) fn absolute_url(url: &str, origin: &str, base: &str) -> String {
    if url.is_empty() || crate::urls::has_scheme(url) {
        return url.to_string();
    }
    if url.starts_with("//") {
        let scheme = origin.split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}:{url}");
    }
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    if url.starts_with('#') || url.starts_with('?') {
        let base = base.split(['#', '?']).next().unwrap_or(base);
        return format!("{base}{url}");
    }
    // A relative path: from the base's folder, `.` and `..` resolved, but
    // never above the origin.
    let base_path = base
        .strip_prefix(origin)
        .unwrap_or("/")
        .split(['#', '?'])
        .next()
        .unwrap_or("/");
    let mut segments: Vec<&str> = base_path.split('/').collect();
    segments.pop(); // the file name, or the empty string after the last `/`
    let (path, suffix) = match url.find(['?', '#']) {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let parts: Vec<&str> = path.split('/').collect();
    for (n, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
            }
            other => segments.push(other),
        }
        // A path ending in `.` or `..` names a folder.
        if n + 1 == parts.len() && (*part == "." || *part == "..") {
            segments.push("");
        }
    }
    format!("{origin}{}{suffix}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://e.org";
    const BASE: &str = "https://e.org/tin/bai/";

    #[test]
    fn root_relative_links_become_absolute() {
        let html = r#"<a href="/a/">x</a><img src="/b.png"><a href="//cdn/x">y</a><a href="https://z/">z</a><a href="/c/">c</a>"#;
        assert_eq!(
            absolute_links(html, ORIGIN, BASE),
            r#"<a href="https://e.org/a/">x</a><img src="https://e.org/b.png"><a href="https://cdn/x">y</a><a href="https://z/">z</a><a href="https://e.org/c/">c</a>"#
        );
    }

    #[test]
    fn every_candidate_of_a_srcset_becomes_absolute() {
        let html = r#"<picture><source type="image/webp" srcset="/a-480w.x.webp 480w, /a-960w.x.webp 960w" sizes="100vw"><img src="/a-960w.x.jpg" srcset="/a-480w.x.jpg 480w,/a-960w.x.jpg 960w"></picture>"#;
        assert_eq!(
            absolute_links(html, ORIGIN, BASE),
            r#"<picture><source type="image/webp" srcset="https://e.org/a-480w.x.webp 480w, https://e.org/a-960w.x.webp 960w" sizes="100vw"><img src="https://e.org/a-960w.x.jpg" srcset="https://e.org/a-480w.x.jpg 480w, https://e.org/a-960w.x.jpg 960w"></picture>"#
        );
    }

    #[test]
    fn figures_fragments_and_relative_paths_become_absolute() {
        let html = "<figure><img src=\"/loa/tin/anh.png\" alt=\"Ảnh\" loading=\"lazy\"><figcaption>src=\"/x\"</figcaption></figure>\n\
                    <p>Xem<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> \
                    <a href='../khac/'>khác</a> <img src=anh.png alt=x> <a href=\"mailto:a@e.org\">thư</a> \
                    <a href=\"?trang=2\">2</a> <video poster=\"/p.jpg\"></video> <a href=\"\">rỗng</a></p>";
        assert_eq!(
            absolute_links(html, ORIGIN, BASE),
            "<figure><img src=\"https://e.org/loa/tin/anh.png\" alt=\"Ảnh\" loading=\"lazy\"><figcaption>src=\"/x\"</figcaption></figure>\n\
             <p>Xem<sup class=\"footnote-reference\"><a href=\"https://e.org/tin/bai/#1\">1</a></sup> \
             <a href='https://e.org/tin/khac/'>khác</a> <img src=https://e.org/tin/bai/anh.png alt=x> <a href=\"mailto:a@e.org\">thư</a> \
             <a href=\"https://e.org/tin/bai/?trang=2\">2</a> <video poster=\"https://e.org/p.jpg\"></video> <a href=\"\">rỗng</a></p>"
        );
    }

    #[test]
    fn text_that_looks_like_an_attribute_is_left_alone() {
        let html = "<p>href=\"/a\" src=/b &lt;img src=\"/c\"&gt;</p><!-- <a href=\"/d\"> --><pre><code>a &lt; b</code></pre>";
        assert_eq!(absolute_links(html, ORIGIN, BASE), html);
    }

    #[test]
    fn relative_paths_do_not_climb_above_the_origin() {
        assert_eq!(
            absolute_url("../../../../x.png", ORIGIN, BASE),
            "https://e.org/x.png"
        );
        assert_eq!(absolute_url("./", ORIGIN, BASE), "https://e.org/tin/bai/");
        assert_eq!(absolute_url("..", ORIGIN, BASE), "https://e.org/tin/");
        assert_eq!(
            absolute_url("a/b.pdf#p=2", ORIGIN, BASE),
            "https://e.org/tin/bai/a/b.pdf#p=2"
        );
        assert_eq!(absolute_url("tel:113", ORIGIN, BASE), "tel:113");
    }
}
