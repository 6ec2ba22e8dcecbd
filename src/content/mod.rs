//! The load stage for `content/`: discovery (walkdir), text normalisation and
//! front matter parsing. Nothing here judges what the values mean.

pub mod comments;
pub mod front_matter;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::ignore::is_ignored;
use crate::messages::msg;
use crate::messages::Message;
use crate::text::normalize_text;
pub(crate) use front_matter::{FrontMatter, FrontMatterText};

/// A path relative to `content/`, with `/` separators and NFC text, as it
/// appears in `@/` links.
pub(crate) type ContentPath = String;

/// Where standalone pages live; they have no date and are not in feeds.
pub(crate) const PAGES_DIR: &str = "pages/";

/// A Markdown file whose front matter parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// `hoat-dong/ket-noi.md`.
    pub path: ContentPath,
    /// The path shown in diagnostics, relative to the site root.
    pub display_path: PathBuf,
    pub front: FrontMatter,
    /// Identifies the text between builds of a serve session.
    pub text_hash: u64,
    /// Identifies the front matter alone: most edits change only the body.
    pub front_hash: u64,
    /// The whole normalised text, for locating diagnostics.
    pub text: String,
    /// Byte range of the YAML inside `text`.
    yaml_start: usize,
    yaml_end: usize,
    /// Byte offset of the body inside `text`.
    pub body_start: usize,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn front_text(&self) -> FrontMatterText<'_> {
        FrontMatterText {
            yaml: &self.text[self.yaml_start..self.yaml_end],
            first_line: 2,
        }
    }

    /// The file position of a byte offset in the body.
    pub(crate) fn body_position(&self, offset: usize) -> Position {
        Position::of_offset(&self.text, self.body_start + offset)
    }
}

/// A file beside the articles (an image, a PDF) copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub path: ContentPath,
    pub source: PathBuf,
    /// Its size in bytes, when the file system told (feeds give it as the
    /// length of an image enclosure).
    pub size: Option<u64>,
}

/// Everything found under `content/`.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub documents: Vec<Document>,
    pub assets: Vec<Asset>,
    pub asset_paths: BTreeSet<ContentPath>,
    /// Every Markdown file found, including those that failed to parse, so
    /// that a link to a broken article is not reported as a missing one.
    pub markdown_paths: BTreeSet<ContentPath>,
    /// Changes when an asset appears, disappears or changes size, which can
    /// change what articles that name it may say.
    pub assets_fingerprint: u64,
    /// Markdown files that could not be read or parsed.
    failures: BTreeMap<ContentPath, Diagnostic>,
    /// Problems of the folder walk (links in a loop, unusable names).
    walk_problems: Vec<Diagnostic>,
}

impl Content {
    /// The file beside the articles at `path`, if there is one.
    pub(crate) fn asset(&self, path: &str) -> Option<&Asset> {
        self.assets
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.assets[i])
    }

    /// Takes the documents out, keeping the files beside them: for a build
    /// that has validated everything and only renders and copies from here on.
    pub(crate) fn take_texts(&mut self) -> Vec<Document> {
        std::mem::take(&mut self.documents)
    }

    /// Restores what [`Content::asset`] and the caches rely on after the
    /// assets changed: sorted by path, and their fingerprint.
    fn assets_changed(&mut self) {
        self.assets.sort_by(|a, b| a.path.cmp(&b.path));
        self.assets_fingerprint = crate::hash::fingerprint(
            &self
                .assets
                .iter()
                .map(|a| (&a.path, a.size))
                .collect::<Vec<_>>(),
        );
    }
}

/// Walks `content_dir`, reads and parses every Markdown file. Problems with
/// single files become diagnostics; the rest of the site still loads so that
/// every mistake is reported in one run, by [`Content::diagnostics`] (the
/// one place they are kept, so that a serve session's reloads and a build
/// report the same).
pub fn load(root: &Path, content_dir: &Path) -> Content {
    let mut diagnostics = Diagnostics::default();
    let mut markdown = Vec::new();
    let mut content = Content::default();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::warning(
                display(root, content_dir),
                Position::default(),
                msg!("no-content-folder"),
            )
            .with_help(msg!("help.no-content-folder")),
        );
        content.walk_problems = diagnostics.into_sorted();
        return content;
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map(|p| display(root, p)).unwrap_or_default();
                let message = if error.loop_ancestor().is_some() {
                    msg!("link-loop")
                } else {
                    msg!("unreadable-entry", detail = error.to_string())
                };
                diagnostics.push(
                    Diagnostic::warning(path, Position::default(), message)
                        .with_help(msg!("help.link-loop")),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let Some(path) = content_path(relative) else {
            diagnostics.push(
                Diagnostic::error(
                    display(root, entry.path()),
                    Position::default(),
                    msg!("file-name-not-utf8"),
                )
                .with_help(msg!("help.file-name-not-utf8")),
            );
            continue;
        };
        if path.to_ascii_lowercase().ends_with(".md") {
            content.markdown_paths.insert(path.clone());
            markdown.push((path, entry.into_path()));
        } else {
            content.asset_paths.insert(path.clone());
            let size = entry.metadata().ok().map(|m| m.len());
            content.assets.push(Asset {
                path,
                source: entry.into_path(),
                size,
            });
        }
    }
    let parsed: Vec<(ContentPath, Result<Document, Diagnostic>)> = markdown
        .into_par_iter()
        .map(|(path, source)| (path.clone(), read_document(root, path, &source)))
        .collect();
    for (path, result) in parsed {
        match result {
            Ok(document) => content.documents.push(document),
            Err(diagnostic) => {
                content.failures.insert(path, diagnostic);
            }
        }
    }
    content.assets_changed();
    content.walk_problems = diagnostics.into_sorted();
    content
}

impl Content {
    /// Reads one file of `content/` again after it was written, created or
    /// deleted, as [`load`] would have read it. `None` when the path is not
    /// one `load` would read (hidden, or outside `content_dir`), which the
    /// caller answers with a full [`load`].
    pub fn update(&mut self, root: &Path, content_dir: &Path, file: &Path) -> Option<()> {
        let relative = file.strip_prefix(content_dir).ok()?;
        let hidden = relative
            .components()
            .any(|c| is_ignored(c.as_os_str().to_string_lossy().as_ref()));
        if hidden {
            return Some(());
        }
        let path = content_path(relative)?;
        self.documents.retain(|d| d.path != path);
        self.failures.remove(&path);
        self.markdown_paths.remove(&path);
        let had_asset = self.asset_paths.remove(&path);
        self.assets.retain(|a| a.path != path);
        let metadata = std::fs::metadata(file).ok();
        if metadata.as_ref().is_some_and(|m| m.is_dir()) {
            return None;
        }
        if let Some(metadata) = metadata {
            if path.to_ascii_lowercase().ends_with(".md") {
                self.markdown_paths.insert(path.clone());
                match read_document(root, path.clone(), file) {
                    Ok(document) => {
                        let at = self.documents.partition_point(|d| d.path < path);
                        self.documents.insert(at, document);
                    }
                    Err(diagnostic) => {
                        self.failures.insert(path, diagnostic);
                    }
                }
            } else {
                self.asset_paths.insert(path.clone());
                self.assets.push(Asset {
                    path,
                    source: file.to_path_buf(),
                    size: Some(metadata.len()),
                });
                self.assets_changed();
            }
        } else if had_asset {
            self.assets_changed();
        }
        Some(())
    }

    /// Everything found wrong while loading: unreadable or unparsable files
    /// and problems of the folder walk.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::default();
        all.extend(self.walk_problems.iter().cloned());
        all.extend(self.failures.values().cloned());
        all
    }
}

fn content_path(relative: &Path) -> Option<ContentPath> {
    let mut parts = Vec::new();
    for component in relative.components() {
        parts.push(component.as_os_str().to_str()?.nfc().collect::<String>());
    }
    Some(parts.join("/"))
}

/// `path` relative to the site root for messages (`content/a.md`).
pub fn display(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn read_document(root: &Path, path: ContentPath, source: &Path) -> Result<Document, Diagnostic> {
    let display_path = display(root, source);
    let bytes = fs::read(source).map_err(|e| {
        Diagnostic::error(
            &display_path,
            Position::default(),
            msg!("unreadable-file", detail = e.to_string()),
        )
    })?;
    parse_document(path, display_path, &bytes)
}

/// A Markdown file's bytes, read as [`load`] reads the file at
/// `content/<path>` (shown in messages as `display_path`): UTF-8 checked,
/// normalised, front matter split and parsed. Public so that one document
/// can be checked without a site on disk (the fuzz targets do).
pub fn parse_document(
    path: ContentPath,
    display_path: PathBuf,
    bytes: &[u8],
) -> Result<Document, Diagnostic> {
    // simdutf8, then a copy: cheaper than std's check, which goes a byte at
    // a time through Vietnamese text. std only says where a bad file breaks.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let valid = std::str::from_utf8(bytes)
                .err()
                .map_or(bytes.len(), |e| e.valid_up_to());
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            return Err(Diagnostic::error(
                &display_path,
                Position::of_offset(&prefix, valid),
                msg!("not-utf8"),
            )
            .with_help(msg!("help.not-utf8")));
        }
    };
    let text = normalize_text(text);
    let (yaml_start, yaml_end, body_start) =
        split_front_matter(&text).map_err(|(position, message)| {
            Diagnostic::error(&display_path, position, message)
                .with_help(msg!("help.no-front-matter"))
        })?;
    let yaml = &text[yaml_start..yaml_end];
    let front: FrontMatter = crate::yaml::from_str(yaml, 2).map_err(|error| {
        comment_in_list_error(&display_path, yaml, error.line)
            .unwrap_or_else(|| yaml_error(&display_path, yaml, error))
    })?;
    Ok(Document {
        path,
        display_path,
        front,
        text_hash: crate::hash::fingerprint(&text),
        front_hash: crate::hash::fingerprint(&yaml),
        text,
        yaml_start,
        yaml_end,
        body_start,
    })
}

/// When YAML failed at `error_line` (of the file) because a ` #` in a list
/// in brackets made the rest of its line, `]` included, a comment: the
/// error at that `#`, with the list written so that it works.
fn comment_in_list_error(path: &Path, yaml: &str, error_line: usize) -> Option<Diagnostic> {
    // The YAML starts on line 2, after the opening `---`.
    let cut = comments::comment_cuts(yaml)
        .into_iter()
        .find(|cut| cut.place == comments::Place::Bracketed && cut.line + 2 <= error_line)?;
    let help = match &cut.fix {
        Some(fix) if comments::FREE_TEXT_FIELDS.contains(&cut.field.as_str()) => {
            msg!("help.comment-in-list-quote", fix = fix)
        }
        Some(fix) => msg!("help.comment-in-list-after", fix = fix),
        None => msg!("help.comment-in-list"),
    };
    Some(
        Diagnostic::error(
            path,
            Position::new(cut.line + 2, cut.column),
            msg!("comment-in-list", lost = &cut.lost, field = &cut.field),
        )
        .with_help(help),
    )
}

/// The YAML library's error, placed where the editor has to look: at the
/// second line of a field written twice, and at the start of what was never
/// closed (the quote, the `[`) rather than at the end of the front matter
/// where the library noticed it.
fn yaml_error(path: &Path, yaml: &str, error: crate::yaml::YamlError) -> Diagnostic {
    if let Some(field) = error
        .message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split('`').next())
    {
        // The YAML starts on line 2, after the opening `---`.
        let lines: Vec<usize> = yaml
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                line.strip_prefix(field)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i + 2)
            .collect();
        if let [first, second, ..] = lines[..] {
            return Diagnostic::error(
                path,
                Position::new(second, 1),
                msg!(
                    "duplicate-field",
                    field = field,
                    first = first,
                    second = second
                ),
            )
            .with_help(msg!("help.duplicate-field", field = field));
        }
    }
    let error_line = error.line.checked_sub(2).and_then(|i| yaml.lines().nth(i));
    if let Some(text) = error_line.filter(|text| {
        error.message.contains("cannot start any token")
            && text.chars().nth(error.column.saturating_sub(1)) == Some('\t')
    }) {
        let written = text.trim();
        let help = if written.starts_with('-') {
            msg!("help.tab-in-list", written = written)
        } else {
            msg!("help.tab-in-front-matter", written = written)
        };
        return Diagnostic::error(
            path,
            Position::new(error.line, error.column),
            msg!("tab-in-front-matter"),
        )
        .with_help(help);
    }
    let (position, problem) = match began_at(&error.message) {
        Some((line, column, message)) => (Position::new(line, column), yaml_problem(&message)),
        None => (
            Position::new(error.line, error.column),
            yaml_problem(&error.message),
        ),
    };
    Diagnostic::error(
        path,
        position,
        msg!("invalid-front-matter", problem = problem),
    )
    .with_help(msg!(
        "help.invalid-front-matter",
        hint = yaml_help(&error.message),
        detail = &error.message
    ))
}

/// The YAML library's message said plainly: an editor who has never heard
/// of YAML learns what to look for; the library's own words go in the help.
fn yaml_problem(message: &str) -> Message {
    if message.ends_with("while scanning a quoted scalar") {
        msg!("yaml.open-quote")
    } else if message.ends_with("while scanning a flow sequence")
        || message.contains("while parsing a flow sequence")
    {
        msg!("yaml.open-list")
    } else if let Some(field) = message
        .strip_suffix("expected a boolean")
        .and_then(|m| m.split(':').next())
    {
        msg!("yaml.not-boolean", field = field)
    } else if message.contains("invalid type") {
        let field = message.split(':').next().unwrap_or("");
        msg!("yaml.wrong-kind", field = field)
    } else if message.contains("mapping values are not allowed") {
        msg!("yaml.colon-in-value")
    } else if message.contains("did not find expected key")
        || message.contains("while parsing a block mapping")
    {
        msg!("yaml.indentation")
    } else if message.contains("cannot start any token") {
        msg!("yaml.bad-start")
    } else {
        msg!("yaml.other")
    }
}

/// "found X, while scanning a quoted scalar at line 2 column 8" names where
/// the broken part began: that place, and the message without it.
fn began_at(message: &str) -> Option<(usize, usize, String)> {
    let at = message.find(", while scanning")?;
    let place = message[at..].rfind(" at line ")? + at;
    let mut numbers = message[place + " at line ".len()..].split(" column ");
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    Some((
        line,
        column,
        format!("{}{}", &message[..at], &message[at..place]),
    ))
}

/// What an editor most likely did, from the YAML library's message.
fn yaml_help(message: &str) -> Message {
    if let Some(field) = message
        .strip_suffix("expected a boolean")
        .and_then(|m| m.split(':').next())
    {
        return msg!("help.yaml.boolean", field = field);
    }
    if message.contains("quoted scalar") {
        msg!("help.yaml.open-quote")
    } else if message.contains("flow sequence") {
        msg!("help.yaml.open-list")
    } else if message.contains("cannot start any token") {
        msg!("help.yaml.bad-start")
    } else if message.contains("mapping values are not allowed") {
        msg!("help.yaml.colon-in-value")
    } else if message.contains("invalid type") {
        msg!("help.yaml.wrong-kind")
    } else {
        msg!("help.yaml.other")
    }
}

/// `(yaml_start, yaml_end, body_start)` byte offsets, or where and why the
/// front matter is malformed.
fn split_front_matter(text: &str) -> Result<(usize, usize, usize), (Position, Message)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        let message = if text.trim().is_empty() {
            msg!("empty-file")
        } else {
            msg!("no-front-matter")
        };
        return Err((Position::new(1, 1), message));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok((yaml_start, offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((Position::new(1, 1), msg!("unclosed-front-matter")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let text = "---\ntitle: a\n---\nbody\n";
        let (s, e, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[s..e], "title: a\n");
        assert_eq!(&text[b..], "body\n");
        assert!(split_front_matter("no front matter").is_err());
        assert!(split_front_matter("---\ntitle: a\n").is_err());
        assert!(split_front_matter("").is_err());
    }
}
