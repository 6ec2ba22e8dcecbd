//! Where YAML's comment rule cuts a front matter value short.
//!
//! In YAML a `#` after a space (or where a value or list item begins)
//! starts a comment: `title: Vụ án #1 tại Cô Tô` is the title `Vụ án`, and
//! `tags: [an ninh, vụ án #1]` loses its closing `]` and fails. This scanner
//! reads the front matter as lines, the way an editor wrote it, and finds
//! every such `#` in a value that is not quoted; [`crate::validate`] and the
//! loader decide what to tell the editor. It parses no YAML (that stays in
//! [`crate::yaml`]): it only follows quotes, lists and block scalars far
//! enough to know where a `#` stands.

/// Fields whose values are free text, where a `#` is far more likely part of
/// the text (`Vụ án #1`, `#AnToànGiaoThông`) than a comment. In the other
/// fields (dates, keys, file names, `true`) the text before the `#` is a
/// complete value, so a comment after it is taken as meant.
pub(crate) const FREE_TEXT_FIELDS: &[&str] =
    &["title", "summary", "author", "image_alt", "tags", "laws"];

/// A `#` that YAML reads as the start of a comment inside a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentCut {
    /// The field whose value it cuts.
    pub field: String,
    /// 0-based line of the YAML text.
    pub line: usize,
    /// 1-based column of the `#`, in characters.
    pub column: usize,
    /// What YAML leaves out: from the `#` to the end of the line.
    pub lost: String,
    pub place: Place,
    /// The line written so that nothing is lost (the value or item in
    /// quotes; for a list of a field that is not free text, the comment
    /// moved after the closing `]`), when one can be given.
    pub fix: Option<String>,
}

/// Where in a value the cut falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A value on the field's own line.
    Value,
    /// An item of a block list (`- vụ án #1`).
    Item,
    /// An item of a list in brackets: the `]` is hidden too, and YAML
    /// refuses the front matter unless the list goes on below.
    Bracketed,
    /// A later line of a value that goes over several lines.
    Continuation,
}

/// Every cut in `yaml`, in order.
pub(crate) fn comment_cuts(yaml: &str) -> Vec<CommentCut> {
    let mut cuts = Vec::new();
    let mut field = String::new();
    // What the lines below a value's first line are.
    let mut below = Below::Nothing;
    for (index, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let content = &line[indent..];
        match below {
            Below::Quoted(quote) => {
                below = match closing_quote(content, quote) {
                    Some(_) => Below::Nothing,
                    None => Below::Quoted(quote),
                };
                continue;
            }
            Below::Literal if content.is_empty() || indent > 0 => continue,
            _ => {}
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let key = key_of(line).filter(|_| indent == 0);
        if let Some((name, _)) = key {
            name.clone_into(&mut field);
        }
        let mut scan = Scan {
            line,
            index,
            field: &field,
            cuts: &mut cuts,
        };
        if let Some((_, value_at)) = key {
            below = scan.value(value_at, Place::Value);
            continue;
        }
        if let Some(item) = content
            .strip_prefix('-')
            .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            let value_at = line.len() - item.len();
            below = scan.value(value_at, Place::Item);
        } else if indent > 0 {
            below = match below {
                Below::Bracketed => scan.flow(indent, 1),
                Below::Plain => {
                    scan.plain(indent, Place::Continuation);
                    Below::Plain
                }
                other => other,
            };
        }
    }
    cuts
}

/// What the lines after a value's first line belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Below {
    Nothing,
    /// A plain value that may go on, indented.
    Plain,
    /// A quoted value whose closing quote is further down.
    Quoted(char),
    /// A list in brackets not closed yet.
    Bracketed,
    /// A block scalar (`|` or `>`): its lines are text, `#` included.
    Literal,
}

/// `key` and the byte where its value starts, for a line `key: value`.
fn key_of(line: &str) -> Option<(&str, usize)> {
    let colon = line.find(':')?;
    let key = line[..colon].trim_end();
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let after = &line[colon + 1..];
    (valid && (after.is_empty() || after.starts_with([' ', '\t']))).then_some((key, colon + 1))
}

/// The byte after the quote that closes a quoted scalar starting at the
/// beginning of `text` (after its opening quote has been skipped).
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            // '' is a quote inside a single-quoted scalar.
            '\'' if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

struct Scan<'a> {
    line: &'a str,
    index: usize,
    field: &'a str,
    cuts: &'a mut Vec<CommentCut>,
}

impl Scan<'_> {
    /// The value starting at byte `at` (after `key:` or `- `).
    fn value(&mut self, at: usize, place: Place) -> Below {
        let rest = &self.line[at..];
        let start = at + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        match self.line[start..].chars().next() {
            None => Below::Plain,
            Some('#') => {
                self.cut(start, place);
                Below::Nothing
            }
            Some(quote @ ('"' | '\'')) => match closing_quote(&self.line[start + 1..], quote) {
                Some(_) => Below::Nothing,
                None => Below::Quoted(quote),
            },
            Some('[') => self.flow(start + 1, 1),
            Some('|' | '>') => Below::Literal,
            Some('{') => Below::Nothing,
            Some(_) => {
                self.plain(start, place);
                Below::Plain
            }
        }
    }

    /// A plain scalar from byte `start`: cut at the first `#` after a blank.
    fn plain(&mut self, start: usize, place: Place) {
        let text = &self.line[start..];
        if let Some(hash) = comment_start(text) {
            self.cut(start + hash, place);
        }
    }

    /// The items of a list in brackets from byte `start`, `depth` brackets
    /// deep: where a `#` starts a comment before the list is closed.
    fn flow(&mut self, start: usize, mut depth: usize) -> Below {
        let mut at = start;
        // Whether the next character begins an item (after `[` or `,`).
        let mut item_start = true;
        let mut after_blank = true;
        while at < self.line.len() {
            let c = self.line[at..].chars().next().unwrap_or(' ');
            match c {
                '#' if item_start || after_blank => {
                    self.cut(at, Place::Bracketed);
                    return Below::Bracketed;
                }
                '"' | '\'' if item_start => {
                    match closing_quote(&self.line[at + 1..], c) {
                        Some(end) => at += end,
                        // A quoted item over several lines: not followed.
                        None => return Below::Nothing,
                    }
                    item_start = false;
                }
                '[' => {
                    depth += 1;
                    item_start = true;
                }
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Below::Nothing;
                    }
                    item_start = false;
                }
                ',' => item_start = true,
                ' ' | '\t' => {}
                _ => item_start = false,
            }
            after_blank = c == ' ' || c == '\t';
            at += c.len_utf8();
        }
        Below::Bracketed
    }

    fn cut(&mut self, hash: usize, place: Place) {
        let column = self.line[..hash].chars().count() + 1;
        let lost = self.line[hash..].trim_end().to_string();
        let fix = self.fix(hash, place);
        self.cuts.push(CommentCut {
            field: self.field.to_string(),
            line: self.index,
            column,
            lost,
            place,
            fix,
        });
    }

    /// The line rewritten so that YAML keeps what the editor wrote.
    fn fix(&self, hash: usize, place: Place) -> Option<String> {
        use crate::yaml::yaml_quoted;
        let line = self.line.trim_end();
        let free_text = FREE_TEXT_FIELDS.contains(&self.field);
        match place {
            Place::Value => {
                let (_, at) = key_of(line)?;
                Some(format!(
                    "{}: {}",
                    self.field,
                    yaml_quoted(line[at..].trim())
                ))
            }
            Place::Item => {
                let dash = line.find('-')?;
                Some(format!(
                    "{}- {}",
                    &line[..dash],
                    yaml_quoted(line[dash + 1..].trim())
                ))
            }
            Place::Bracketed if free_text => {
                let (_, at) = key_of(line)?;
                let list = line[at..].trim();
                let inner = list.strip_prefix('[')?.strip_suffix(']')?;
                if inner.contains(['[', ']', '"', '\'']) {
                    return None;
                }
                let items: Vec<String> = inner
                    .split(',')
                    .map(str::trim)
                    .map(|item| {
                        if item.contains('#') {
                            yaml_quoted(item)
                        } else {
                            item.to_string()
                        }
                    })
                    .collect();
                Some(format!("{}: [{}]", self.field, items.join(", ")))
            }
            Place::Bracketed => {
                // Not free text: the editor meant a comment; close the list first.
                let (_, at) = key_of(line)?;
                let before = line.get(at..hash)?.trim().trim_end_matches([',', ' ']);
                let comment = line[hash..].trim_end_matches([']', ' ']);
                before
                    .starts_with('[')
                    .then(|| format!("{}: {before}]  {comment}", self.field))
            }
            Place::Continuation => None,
        }
    }
}

/// The byte of the first `#` that follows a space or tab in `text`.
fn comment_start(text: &str) -> Option<usize> {
    text.match_indices('#')
        .map(|(i, _)| i)
        .find(|&i| text[..i].ends_with([' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Field, line, column, lost text, place and fix of each cut.
    fn cuts(yaml: &str) -> Vec<(String, usize, usize, String, Place, Option<String>)> {
        comment_cuts(yaml)
            .into_iter()
            .map(|c| (c.field, c.line, c.column, c.lost, c.place, c.fix))
            .collect()
    }

    fn one(yaml: &str) -> (String, usize, usize, String, Place, Option<String>) {
        let found = cuts(yaml);
        assert_eq!(found.len(), 1, "{yaml}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_hash_after_a_space_cuts_a_plain_value() {
        assert_eq!(
            one("date: 2021-10-19\ntitle: Vụ án #1 tại Cô Tô\n"),
            (
                "title".into(),
                1,
                14,
                "#1 tại Cô Tô".into(),
                Place::Value,
                Some("title: \"Vụ án #1 tại Cô Tô\"".into())
            )
        );
        // Where the value begins, the whole value is a comment.
        assert_eq!(one("title: #1 vụ án\n").3, "#1 vụ án");
        assert_eq!(one("author:\t\"A\"\nsummary: a\t#b\n").2, 12);
    }

    #[test]
    fn block_list_items_and_continuation_lines() {
        assert_eq!(
            one("tags:\n  - an ninh\n  - vụ án #1\n"),
            (
                "tags".into(),
                2,
                11,
                "#1".into(),
                Place::Item,
                Some("  - \"vụ án #1\"".into())
            )
        );
        assert_eq!(one("tags:\n- #1\n").4, Place::Item);
        let (field, line, _, lost, place, fix) =
            one("summary: Công an cảnh báo\n  thủ đoạn #2 mới\ntitle: a\n");
        assert_eq!(
            (field.as_str(), line, lost.as_str(), place, fix),
            ("summary", 1, "#2 mới", Place::Continuation, None)
        );
    }

    #[test]
    fn lists_in_brackets_lose_their_closing_bracket() {
        assert_eq!(
            one("tags: [an ninh, vụ án #1, du lịch]\n"),
            (
                "tags".into(),
                0,
                23,
                "#1, du lịch]".into(),
                Place::Bracketed,
                Some("tags: [an ninh, \"vụ án #1\", du lịch]".into())
            )
        );
        // At the start of an item, without a space before it.
        assert_eq!(one("tags: [a,#b]\n").2, 10);
        assert_eq!(one("tags: [#b]\n").2, 8);
        // A field that is not free text: the comment goes after the list.
        assert_eq!(
            one("districts: [xuyen-moc # sửa lại]\n").5,
            Some("districts: [xuyen-moc]  # sửa lại".into())
        );
    }

    #[test]
    fn nothing_is_cut_where_the_value_is_complete_or_quoted() {
        for yaml in [
            "# a comment line\ntitle: a\n",
            "  # an indented comment line\ntitle: a\n",
            "title: \"Vụ án #1\"  # ghi chú\n",
            "title: 'Vụ án #1' # ghi chú\n",
            "title: \"a \\\" #b\"\n",
            "title: 'it''s #1'\n",
            "tags: [a, \"b #c\"] # ghi chú\n",
            "tags: [a, b]  # ghi chú\n",
            "title: Vụ án#1\n",
            "summary: >\n  Vụ án #1\n  tại Cô Tô #2\ntitle: a\n",
            "summary: |-\n  #1\n\n  #2\n",
            "summary: \"dòng một\n  vụ án #1\"\n",
            "tags:\n  - \"vụ án #1\"\n",
            "title: a\n---\n",
        ] {
            assert_eq!(cuts(yaml), [], "{yaml}");
        }
    }

    #[test]
    fn no_text_makes_the_scanner_panic() {
        let pieces = [
            "a", "ộ", " ", "\t", "#", ":", "-", "[", "]", ",", "\"", "'", "\\", "|", ">", "{",
            "\n", "\n  ", "\n- ", "title:", "tags: [",
        ];
        // Every sequence of three pieces, alone, doubled, and as a value.
        let n = pieces.len();
        for i in 0..n.pow(3) {
            let text: String = (0..3).map(|k| pieces[(i / n.pow(k)) % n]).collect();
            comment_cuts(&text);
            comment_cuts(&format!("{text}{text}"));
            comment_cuts(&format!("title: {text}\n{text}"));
        }
    }

    #[test]
    fn every_field_is_scanned_and_the_field_named() {
        let found =
            cuts("date: 2021-10-19 # sửa lại\ncategory: canh-bao  # xem lại\nimage: a.jpg #x\n");
        let fields: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(fields, ["date", "category", "image"]);
    }
}
