//! Every call into the YAML library lives here.
//!
//! serde_yaml is archived upstream; keeping it behind this one function means
//! moving to a maintained drop-in fork is a change to one line.

use serde::de::DeserializeOwned;

/// A YAML problem at a 1-based line and column of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Deserializes YAML text that starts at line `first_line` of its file; an
/// empty document is read as an empty mapping so that `---\n---` gives a
/// value whose fields are all missing. Lines in errors, including those the
/// library names inside its message, are lines of the file.
pub fn from_str<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
        YamlError {
            line: line + first_line - 1,
            column,
            message: file_lines(&error.to_string(), first_line),
        }
    })
}

/// "found X at line 3 column 1, while scanning Y at line 1 column 8" becomes
/// "found X, while scanning Y at line 2 column 8" for YAML starting at line 2:
/// the first location is printed before the message already.
fn file_lines(message: &str, first_line: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut first = true;
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let Ok(line) = after[..digits].parse::<usize>() else {
            out.push_str(" at line ");
            rest = after;
            continue;
        };
        let tail = &after[digits..];
        let column_digits = tail
            .strip_prefix(" column ")
            .map_or(0, |t| t.chars().take_while(char::is_ascii_digit).count());
        let column_len = if column_digits > 0 {
            " column ".len() + column_digits
        } else {
            0
        };
        if !first {
            out.push_str(&format!(
                " at line {}{}",
                line + first_line - 1,
                &tail[..column_len]
            ));
        }
        first = false;
        rest = &tail[column_len..];
    }
    out.push_str(rest);
    out
}

/// `text` as a YAML double-quoted scalar.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn error_location_is_one_based() {
        let err = from_str::<BTreeMap<String, Vec<String>>>("a: [b]\nc: [d\n", 2).unwrap_err();
        assert_eq!(err.line, 4, "{err:?}");
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence at line 3 column 4"
        );
    }

    #[test]
    fn empty_is_an_empty_mapping() {
        let map: BTreeMap<String, String> = from_str("  \n", 2).unwrap();
        assert!(map.is_empty());
    }
}
