//! What a browser shows for an RSS or Atom file: every such file names one
//! CSS stylesheet per language, [`FEED_STYLE_FILE`] at the language's root, with
//! an `<?xml-stylesheet?>` processing instruction after its XML
//! declaration. The stylesheet shows the feed's title, what the file is and
//! how to follow it (its own address, reader apps), then the latest items,
//! in the theme's words. CSS, not XSLT: browsers are removing XSLT, and
//! every browser styles XML with CSS. Feed readers ignore the instruction.

#[cfg(doc)]
use crate::jobs::FEED_STYLE_FILE;
use crate::words::FeedViewWords;

/// What every RSS and Atom file starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The stylesheet with `words`, each a CSS string.
const TEMPLATE: &str = include_str!("view.css");

/// The feeds' stylesheet in the language of `words`.
pub fn stylesheet(words: &FeedViewWords) -> String {
    let this_is = |format| words.this_is.replace("{format}", format);
    let holes = [
        ("this_is_rss", this_is("RSS")),
        ("this_is_atom", this_is("Atom")),
        ("paste", words.paste.clone()),
        ("copy", words.copy.clone()),
        ("apps", words.apps.clone()),
        ("latest", words.latest.clone()),
        ("published", words.published.clone()),
    ];
    // One pass over the template: a word that holds `$copy` stays as it is.
    let mut css = String::with_capacity(TEMPLATE.len() + 1024);
    let mut rest = TEMPLATE;
    while let Some(at) = rest.find('$') {
        css.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        match holes.iter().find(|(name, _)| *name == &after[..name_end]) {
            Some((_, text)) => css.push_str(&css_string(text)),
            None => css.push_str(&rest[at..at + 1 + name_end]),
        }
        rest = &after[name_end..];
    }
    css.push_str(rest);
    css
}

/// `text` as a quoted CSS string: quotes, backslashes, line breaks and
/// other control characters escaped (`\"`, `\\`, `\a `).
pub fn css_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            // A NUL is not allowed in CSS: the replacement character.
            '\0' => quoted.push('\u{fffd}'),
            // A hexadecimal escape ends with a space, which CSS drops.
            c if c.is_control() => quoted.push_str(&format!("\\{:x} ", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `document`, an RSS or Atom file as the crates write it, with
/// [`DECLARATION`] and the instruction that names `href`, the stylesheet's
/// root-relative address, in place of the crate's own declaration.
pub fn with_stylesheet(document: &str, href: &str) -> String {
    let body = document
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
        .map_or(document, |(_, body)| body)
        .trim_start();
    let mut text = String::with_capacity(DECLARATION.len() + href.len() + 50 + body.len());
    text.push_str(DECLARATION);
    text.push_str("<?xml-stylesheet type=\"text/css\" href=\"");
    text.push_str(&crate::html::escape_attribute(href));
    text.push_str("\"?>\n");
    text.push_str(body);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_quotes_backslashes_and_line_breaks() {
        assert_eq!(css_string("Tin mới"), "\"Tin mới\"");
        assert_eq!(css_string("a \"b\" \\c"), r#""a \"b\" \\c""#);
        assert_eq!(css_string("một\nhai\r\tba"), r#""một\a hai\d \9 ba""#);
        assert_eq!(css_string("x\0y"), "\"x\u{fffd}y\"");
        // A word cannot end the string and start a rule of its own.
        assert_eq!(
            css_string("\"; } * { display: none } a::before { content: \""),
            r#""\"; } * { display: none } a::before { content: \"""#
        );
    }

    #[test]
    fn the_stylesheet_has_every_word_once_in_place_and_nothing_left_to_fill() {
        let words = crate::theme::builtin_words("vi").feed_view.clone();
        let css = stylesheet(&FeedViewWords {
            copy: "Giữ \"địa chỉ\" $apps".to_string(),
            ..words
        });
        assert!(css.starts_with("@charset \"UTF-8\";\n"), "{css}");
        assert!(css.contains("content: \"Đây là nguồn tin (RSS) của\";"));
        assert!(css.contains("content: \"Đây là nguồn tin (Atom) của\";"));
        assert!(css.contains("content: \"Giữ \\\"địa chỉ\\\" $apps\";"));
        assert!(css.contains("content: \"Tin mới nhất\";"));
        // Every hole is filled: the one `$` left is the word's own.
        assert_eq!(css.matches('$').count(), 1, "{css}");
    }

    #[test]
    fn the_instruction_follows_one_declaration() {
        let rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"></rss>";
        let atom = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>";
        for (document, root) in [(rss, "<rss "), (atom, "<feed ")] {
            let text = with_stylesheet(document, "/loa/feed.css");
            let expected = format!(
                "{DECLARATION}<?xml-stylesheet type=\"text/css\" href=\"/loa/feed.css\"?>\n{root}"
            );
            assert!(text.starts_with(&expected), "{text}");
            assert_eq!(text.matches("<?xml ").count(), 1, "{text}");
        }
    }
}
