//! Rules of URLs shared by every stage: what counts as an absolute URL
//! with a scheme, and what is a usable `base_url`.

/// Whether `url` starts with a scheme (`https:`, `mailto:`, `tel:`): a
/// letter, then letters, digits, `+`, `-` or `.`, then `:` (RFC 3986,
/// 3.1). `10:30.md` and `./a:b` are paths, not URLs.
pub fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// `base_url` as the site uses it (trimmed, without a trailing `/`), or
/// `None` when it is not an absolute `http(s)://host…` URL: the one rule
/// for `site.toml` and `--base-url`.
pub fn base_url(written: &str) -> Option<String> {
    let trimmed = written.trim().trim_end_matches('/');
    let host = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))?;
    (!host.is_empty() && !host.starts_with('/')).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_starts_with_a_letter() {
        for url in ["https://e.org", "mailto:a@b.vn", "tel:113", "git+ssh://x"] {
            assert!(has_scheme(url), "{url}");
        }
        for path in ["10:30.md", "./a:b", "a/b:c", "/x", "", ":x", "bai.md"] {
            assert!(!has_scheme(path), "{path}");
        }
    }

    #[test]
    fn a_base_url_is_absolute_with_a_host() {
        assert_eq!(
            base_url(" https://e.org/loa/ ").as_deref(),
            Some("https://e.org/loa")
        );
        assert_eq!(base_url("http://e.org").as_deref(), Some("http://e.org"));
        for bad in ["https:///x", "https://", "e.org", "ftp://e.org", ""] {
            assert_eq!(base_url(bad), None, "{bad}");
        }
    }
}
