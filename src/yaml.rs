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

/// Deserializes YAML text; an empty document is read as an empty mapping so
/// that `---\n---` gives a value whose fields are all missing.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = error.to_string();
        // The library appends " at line L column C"; we print our own location.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError {
            line,
            column,
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn error_location_is_one_based() {
        let err = from_str::<BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn empty_is_an_empty_mapping() {
        let map: BTreeMap<String, String> = from_str("  \n").unwrap();
        assert!(map.is_empty());
    }
}
