//! Checks shared by the fuzz targets: the invariants that hold for any
//! input, beyond "no panic".

use loa::diagnostics::Diagnostic;

/// A diagnostic that names a position names one inside `text`; line 0
/// (the whole file) carries no column.
pub fn assert_diagnostic_in(text: &str, diagnostic: &Diagnostic) {
    if diagnostic.line == 0 {
        assert_eq!(
            diagnostic.column, 0,
            "a column without a line: {diagnostic:?}"
        );
        return;
    }
    assert_position_in(text, diagnostic.line, diagnostic.column, diagnostic);
}

/// A 1-based line that exists in `text` and a 1-based column at most one
/// past the line's last character (the end of the line).
pub fn assert_position_in(text: &str, line: usize, column: usize, what: &dyn std::fmt::Debug) {
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&line),
        "line {line} of a text of {} lines: {what:?}",
        lines.len()
    );
    let length = lines[line - 1].chars().count();
    assert!(
        (1..=length + 1).contains(&column),
        "column {column} of a line of {length} characters: {what:?}"
    );
}

/// Asserts that `html`, rendered with raw HTML off, holds no element or
/// attribute that runs a script: only the tags the renderer writes, no
/// `on…` attribute, no `javascript:` or `vbscript:` URL.
pub fn assert_no_script(html: &str) {
    const TAGS: &[&str] = &[
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "input",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "span",
        "strong",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "dl",
        "dt",
        "dd",
    ];
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag_start = &rest[open + 1..];
        let end = tag_start
            .find('>')
            .unwrap_or_else(|| panic!("a `<` that opens no tag: {html:?}"));
        let tag = &tag_start[..end];
        rest = &tag_start[end + 1..];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        assert!(
            TAGS.contains(&name.as_str()),
            "an element `<{name}` with raw HTML off: {html:?}"
        );
        for (attribute, value) in attributes(&tag[name_end..]) {
            let attribute = attribute.to_ascii_lowercase();
            assert!(
                !attribute.starts_with("on"),
                "an event attribute `{attribute}` with raw HTML off: {html:?}"
            );
            if matches!(attribute.as_str(), "href" | "src") {
                let url = browser_url(&value);
                assert!(
                    !url.starts_with("javascript:") && !url.starts_with("vbscript:"),
                    "a script URL `{value}` with raw HTML off: {html:?}"
                );
            }
        }
    }
}

/// `name="value"` pairs (and bare names) of the inside of a tag.
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        text = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if text.is_empty() {
            return found;
        }
        let name_end = text
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        let name = text[..name_end].to_string();
        text = &text[name_end..];
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let quote = after.chars().next().unwrap_or('"');
            if quote == '"' || quote == '\'' {
                let inner = &after[1..];
                let close = inner.find(quote).unwrap_or(inner.len());
                value = inner[..close].to_string();
                text = inner.get(close + 1..).unwrap_or("");
            } else {
                let close = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                value = after[..close].to_string();
                text = &after[close..];
            }
        }
        found.push((name, value));
    }
}

/// An attribute's URL as a browser reads its scheme: entities decoded,
/// tabs and newlines removed, leading spaces and controls trimmed, lower
/// case.
fn browser_url(value: &str) -> String {
    let mut decoded = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let entity = &rest[amp..];
        let end = entity.find(';').map_or(0, |i| i + 1);
        let name = &entity[..end];
        let character = match name {
            "&amp;" => Some('&'),
            "&quot;" => Some('"'),
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&colon;" => Some(':'),
            "&Tab;" => Some('\t'),
            "&NewLine;" => Some('\n'),
            _ => name
                .strip_prefix("&#x")
                .or_else(|| name.strip_prefix("&#X"))
                .and_then(|hex| u32::from_str_radix(hex.trim_end_matches(';'), 16).ok())
                .or_else(|| {
                    name.strip_prefix("&#")
                        .and_then(|dec| dec.trim_end_matches(';').parse().ok())
                })
                .and_then(char::from_u32),
        };
        match character {
            Some(c) => {
                decoded.push(c);
                rest = &entity[end..];
            }
            None => {
                decoded.push('&');
                rest = &entity[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_start_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
}
