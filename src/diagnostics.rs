//! Diagnostics: what an editor sees when content or configuration is wrong.
//!
//! Every problem found while loading and validating a site becomes a
//! [`Diagnostic`] that names the file, line and column, so that an editor who
//! is not a programmer can open the file at the right place. A build collects
//! all of them before it stops, so that one run shows every mistake.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// A suggestion that tells the editor what to do next.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: position.line,
            column: position.column,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }

    /// The position of a byte offset in `text`; the column counts characters,
    /// because that is what an editor's status bar shows.
    pub(crate) fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

/// The diagnostics of one build, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so that output is stable
    /// even though files are checked in parallel.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// The diagnostics in the order they were found (the fuzz targets read
    /// them without sorting).
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_sorted().into_iter()
    }
}

/// The diagnostics as a JSON array for editors' tools: one object per
/// diagnostic with `severity` (`error` or `warning`), `path` (relative to
/// the site root), `line` and `column` (1-based; 0 when
/// unknown), `message` and `help` (`null` when there is none).
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&json_values(diagnostics)).unwrap_or_else(|_| "[]".into())
}

/// The objects of [`to_json`], for a caller that embeds them.
pub(crate) fn json_values(diagnostics: &[Diagnostic]) -> Vec<serde_json::Value> {
    diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": d.severity,
                // Lossy: a file name that is not UTF-8 is itself a diagnostic.
                "path": d.path.to_string_lossy(),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect()
}

/// The candidate closest to `word`, if one is close enough to be a likely
/// typo. Comparison ignores case and Vietnamese diacritics.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = crate::slug::slugify(word);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = strsim::levenshtein(&folded, &crate::slug::slugify(candidate));
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    let limit = (folded.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

/// `n` things as a person says it: `no warnings`, `1 warning`, `2 warnings`.
/// Every count loa prints goes through here, so that no message says
/// `1 articles` or `0 warning(s)`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// `did you mean `x`?` for the closest candidate, if any.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_said_as_a_person_would() {
        assert_eq!(count(0, "warning", "warnings"), "no warnings");
        assert_eq!(count(1, "article", "articles"), "1 article");
        assert_eq!(count(2, "article", "articles"), "2 articles");
        assert_eq!(count(1000, "file", "files"), "1000 files");
    }

    #[test]
    fn position_counts_characters_not_bytes() {
        let text = "a: 1\nđịa: bàn\n";
        assert_eq!(Position::of_offset(text, 0), Position::new(1, 1));
        let offset = text.find("bàn").unwrap();
        assert_eq!(Position::of_offset(text, offset), Position::new(2, 6));
    }

    #[test]
    fn closest_ignores_diacritics_and_rejects_far_words() {
        let keys = ["xuyen-moc", "dat-do", "con-dao"];
        assert_eq!(closest("xuyen-mok", keys), Some("xuyen-moc"));
        assert_eq!(closest("Đất Đỏ", keys), Some("dat-do"));
        assert_eq!(closest("ha-noi-thu-do", keys), None);
    }

    #[test]
    fn json_has_every_field() {
        let diagnostics = [
            Diagnostic::error("content/a.md", Position::new(3, 12), "x").with_help("y"),
            Diagnostic::warning("site.toml", Position::default(), "z"),
        ];
        let value: serde_json::Value = serde_json::from_str(&to_json(&diagnostics)).unwrap();
        assert_eq!(
            value,
            serde_json::json!([
                {"severity": "error", "path": "content/a.md", "line": 3, "column": 12, "message": "x", "help": "y"},
                {"severity": "warning", "path": "site.toml", "line": 0, "column": 0, "message": "z", "help": null},
            ])
        );
    }

    #[test]
    fn display_is_path_line_column_message_help() {
        let d = Diagnostic::error("content/a.md", Position::new(3, 12), "unknown district `x`")
            .with_help("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:12: error: unknown district `x`\n  help: did you mean `y`?"
        );
    }
}
