//! The YAML front matter of an article, as the editor wrote it.
//!
//! Values here are unchecked: [`crate::validate`] turns a [`FrontMatter`] into
//! an [`crate::model::Article`] or into diagnostics.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::diagnostics::Position;

/// Every field of CONTENT.md. Unknown fields are collected rather than
/// refused by the parser, so that validation can report them (with the
/// closest known one) together with every other mistake of the file.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "scalar")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub updated: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub districts: Vec<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub category: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    pub laws: Vec<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub image: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub image_alt: Option<String>,
    /// The point of `image` a link preview's crop keeps in view.
    #[serde(default, deserialize_with = "scalar")]
    pub image_focus: Option<String>,
    #[serde(default, deserialize_with = "scalar")]
    pub slug: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub draft: Option<bool>,
    /// Fields that are not in the contract, by name.
    #[serde(flatten)]
    pub unknown: std::collections::BTreeMap<String, de::IgnoredAny>,
}

/// The field names, for suggestions.
pub const FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "districts",
    "category",
    "tags",
    "laws",
    "author",
    "image",
    "image_alt",
    "image_focus",
    "slug",
    "aliases",
    "draft",
];

/// A scalar of any YAML type read as text: `date: 2021-10-19` and
/// `tags: [2024]` are strings to us, and `title:` left empty is no title.
fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

/// One scalar or a list of scalars: `districts: xuyen-moc` is accepted as
/// well as `districts: [xuyen-moc]`.
fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ListVisitor)
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value (text, a number or a date)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        Ok((!v.is_empty()).then(|| v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list such as [a, b], or a single value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Item>()? {
            items.extend(item.0);
        }
        Ok(items)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(ScalarVisitor.visit_str(v)?.into_iter().collect())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(vec![v.to_string()])
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

struct Item(Option<String>);

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        scalar(deserializer).map(Item)
    }
}

/// The front matter's text and where it starts in its file, to locate a field
/// for a diagnostic after it has been parsed.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatterText<'a> {
    pub yaml: &'a str,
    /// The file line of the YAML's first line.
    pub first_line: usize,
}

impl FrontMatterText<'_> {
    /// The position of `key:` at the start of a line, or of the opening
    /// `---` when the key is absent.
    pub fn key(&self, key: &str) -> Position {
        self.find_key(key)
            .map(|(index, column)| Position::new(self.first_line + index, column))
            .unwrap_or(Position::new(self.first_line.saturating_sub(1).max(1), 1))
    }

    /// The position of `value` in the lines of `key` (the key's own line and
    /// the indented lines of a block list below it).
    pub fn value(&self, key: &str, value: &str) -> Position {
        let Some((index, _)) = self.find_key(key) else {
            return self.key(key);
        };
        for (i, line) in self.yaml.lines().enumerate().skip(index) {
            let is_key_line = i == index;
            if !is_key_line && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let search_from = if is_key_line { key.len() + 1 } else { 0 };
            if let Some(found) = line.get(search_from..).and_then(|rest| rest.find(value)) {
                let byte = search_from + found;
                return Position::new(self.first_line + i, line[..byte].chars().count() + 1);
            }
        }
        self.key(key)
    }

    fn find_key(&self, key: &str) -> Option<(usize, usize)> {
        self.yaml.lines().enumerate().find_map(|(i, line)| {
            let rest = line.strip_prefix(key)?;
            rest.trim_start().starts_with(':').then_some((i, 1))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<FrontMatter, crate::yaml::YamlError> {
        crate::yaml::from_str(yaml, 2)
    }

    #[test]
    fn scalars_of_any_type_are_text() {
        let fm =
            parse("title: 2024\ndate: 2021-10-19\ntags: [2024, an ninh]\ndistricts: xuyen-moc\n")
                .unwrap();
        assert_eq!(fm.title.as_deref(), Some("2024"));
        assert_eq!(fm.date.as_deref(), Some("2021-10-19"));
        assert_eq!(fm.tags, ["2024", "an ninh"]);
        assert_eq!(fm.districts, ["xuyen-moc"]);
    }

    #[test]
    fn empty_values_are_absent() {
        let fm = parse("title:\ndistricts: []\ntags:\n").unwrap();
        assert!(fm.title.is_none());
        assert!(fm.districts.is_empty());
        assert!(fm.tags.is_empty());
    }

    #[test]
    fn unknown_fields_are_collected_and_known_ones_still_read() {
        let fm = parse("title: a\ndistrcits: [x]\ntags: [b]\n").unwrap();
        assert_eq!(fm.unknown.keys().collect::<Vec<_>>(), ["distrcits"]);
        assert_eq!(fm.title.as_deref(), Some("a"));
        assert_eq!(fm.tags, ["b"]);
    }

    #[test]
    fn locates_keys_and_list_values() {
        let yaml = "title: a\ndistricts:\n  - xuyen-moc\n  - dat-do2\ncategory: x\n";
        let text = FrontMatterText {
            yaml,
            first_line: 2,
        };
        assert_eq!(text.key("category"), Position::new(6, 1));
        assert_eq!(text.value("districts", "dat-do2"), Position::new(5, 5));
        let inline = FrontMatterText {
            yaml: "districts: [a, bb]\n",
            first_line: 2,
        };
        assert_eq!(inline.value("districts", "bb"), Position::new(2, 16));
    }
}
