//! Diagnostics: what an editor sees when content or configuration is wrong.
//!
//! Every problem found while loading and validating a site becomes a
//! [`Diagnostic`] that names the file, line and column, so that an editor who
//! is not a programmer can open the file at the right place. A build collects
//! all of them before it stops, so that one run shows every mistake.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::messages::{Lang, Message};

/// How serious a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file of the site. It keeps its message's id
/// and arguments, not text, so that it can be shown in either language; the
/// message's id is the diagnostic's machine code ([`Diagnostic::code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    pub message: Message,
    /// A suggestion that tells the editor what to do next.
    pub help: Option<Message>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, position: Position, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: position.line,
            column: position.column,
            message,
            help: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, position: Position, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// The kind of problem, stable across versions and languages, for
    /// tools: `unknown-district`, `missing-title`, ... A diagnostic's
    /// message is a top-level id of the catalogues, which is kebab-case
    /// (checked in `messages::tests`).
    pub fn code(&self) -> &'static str {
        self.message.id()
    }

    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    pub fn help_in(&self, lang: Lang) -> Option<String> {
        self.help.as_ref().map(|help| help.render(lang))
    }

    /// `path:line:column: error: message`, and `  help: ...` on the next
    /// line, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use std::fmt::Write;
        let kind = match self.severity {
            Severity::Error => crate::messages::msg!("word.error"),
            Severity::Warning => crate::messages::msg!("word.warning"),
        };
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            let _ = write!(out, ":{}:{}", self.line, self.column.max(1));
        }
        let kind = kind.render(lang);
        let _ = write!(out, ": {kind}: {}", self.message.render(lang));
        if let Some(help) = &self.help {
            let label = crate::messages::msg!("word.help").render(lang);
            let _ = write!(out, "\n  {label}: {}", help.render(lang));
        }
        out
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &Message) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

/// In the process's language ([`crate::messages::language`]).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::language()))
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
/// diagnostic with `severity` (`error` or `warning`), `code` (the kind of
/// problem, such as `unknown-district`), `path` (relative to the site root),
/// `line` and `column` (1-based; 0 when unknown), `message` and `help`
/// (`null` when there is none) in `lang`.
pub fn to_json(diagnostics: &[Diagnostic], lang: Lang) -> String {
    serde_json::to_string_pretty(&json_values(diagnostics, lang)).unwrap_or_else(|_| "[]".into())
}

/// The objects of [`to_json`], for a caller that embeds them.
pub(crate) fn json_values(diagnostics: &[Diagnostic], lang: Lang) -> Vec<serde_json::Value> {
    diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": d.severity,
                "code": d.code(),
                // Lossy: a file name that is not UTF-8 is itself a diagnostic.
                "path": d.path.to_string_lossy(),
                "line": d.line,
                "column": d.column,
                "message": d.message_in(lang),
                "help": d.help_in(lang),
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

/// `did you mean `x`?` for the closest candidate, if any.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Message> {
    closest(word, candidates).map(|c| crate::messages::msg!("help.did-you-mean", candidate = c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Diagnostic::error(
                "content/a.md",
                Position::new(3, 12),
                crate::messages::msg!("unknown-district", value = "x"),
            )
            .with_help(crate::messages::msg!("help.did-you-mean", candidate = "y")),
            Diagnostic::warning(
                "site.toml",
                Position::default(),
                crate::messages::msg!("missing-title"),
            ),
        ];
        let json = to_json(&diagnostics, Lang::En);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!([
                {"severity": "error", "code": "unknown-district", "path": "content/a.md", "line": 3, "column": 12, "message": "unknown district `x`", "help": "did you mean `y`?"},
                {"severity": "warning", "code": "missing-title", "path": "site.toml", "line": 0, "column": 0, "message": "missing `title`", "help": null},
            ])
        );
    }

    #[test]
    fn display_is_path_line_column_message_help() {
        let d = Diagnostic::error(
            "content/a.md",
            Position::new(3, 12),
            crate::messages::msg!("unknown-district", value = "xuyen-mok"),
        )
        .with_help(crate::messages::msg!(
            "help.did-you-mean",
            candidate = "xuyen-moc"
        ));
        assert_eq!(
            d.render(Lang::En),
            "content/a.md:3:12: error: unknown district `xuyen-mok`\n  help: did you mean `xuyen-moc`?"
        );
        assert_eq!(
            d.render(Lang::Vi),
            "content/a.md:3:12: lỗi: không có địa bàn `xuyen-mok`\n  gợi ý: ý bạn là `xuyen-moc`?"
        );
    }
}
