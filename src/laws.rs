//! `laws.toml`: the register of legal documents the articles explain, as
//! typed values (issue 16, step 1: read and checked; nothing renders it
//! yet).
//!
//! The file is read as a TOML tree with the place of every key and value,
//! not through serde, so that every mistake of every document is reported
//! at once, each where it stands, instead of the first one alone.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::messages::{msg, Message};
use crate::slug::is_slug;

/// The register's file at the site root.
pub const LAWS_FILE: &str = "laws.toml";

/// The fields of a document, as written; the first seven are required.
const FIELDS: [&str; 13] = [
    "key",
    "number",
    "title",
    "type",
    "issuer",
    "issued",
    "effective",
    "expires",
    "summary",
    "url",
    "file",
    "replaces",
    "replaced_by",
];
const REQUIRED: usize = 7;

/// One legal document of the register.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Law {
    /// Its slug, the last segment of its page's URL.
    pub key: String,
    /// `26/2023/QH15`.
    pub number: String,
    pub title: String,
    /// The form of the document (`type`): Luật, Nghị định, Thông tư…
    pub kind: String,
    pub issuer: String,
    pub issued: NaiveDate,
    pub effective: NaiveDate,
    /// The first day it is no longer in force.
    pub expires: Option<NaiveDate>,
    pub summary: String,
    /// The official text.
    pub url: Option<String>,
    /// A file under `static/` or `content/`, published for download.
    pub file: Option<String>,
    pub replaces: Vec<String>,
    pub replaced_by: Vec<String>,
}

impl Law {
    /// What lists and links call it: the title, or for a title too long
    /// to read in a list (decrees are named by their whole subject) the
    /// form and the number, as people say it (`Nghị định 168/2024/NĐ-CP`).
    pub fn name(&self) -> String {
        if self.title.chars().count() <= NAME_LIMIT {
            self.title.clone()
        } else {
            format!("{} {}", self.kind, self.number)
        }
    }

    /// What sentences and links call it: [`Law::name`] with the number
    /// (`Luật Căn cước (26/2023/QH15)`), or the name alone when it is
    /// the number already (`Nghị định 168/2024/NĐ-CP`).
    pub fn cited_name(&self) -> String {
        let name = self.name();
        if name.contains(&self.number) {
            name
        } else {
            format!("{name} ({})", self.number)
        }
    }

    /// Whether it applies on `day`.
    pub fn status_on(&self, day: NaiveDate) -> LawStatus {
        match self.expires {
            Some(expires) if day >= expires => LawStatus::Expired(expires),
            _ if day < self.effective => LawStatus::NotYet(self.effective),
            _ => LawStatus::InForce,
        }
    }
}

/// The register on the day of a build: the status every page of that
/// build shows, so that a site rebuilt each day keeps it true.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LawsOnDay {
    pub register: LawRegister,
    /// The build's day in the site's time zone.
    pub today: NaiveDate,
}

impl LawsOnDay {
    pub fn status(&self, law: &Law) -> LawStatus {
        law.status_on(self.today)
    }

    /// Changes whenever a document or the status of one may have changed.
    pub fn fingerprint(&self) -> u64 {
        crate::hash::fingerprint(&(&self.register.laws, self.today))
    }
}

/// The longest title [`Law::name`] shows whole.
const NAME_LIMIT: usize = 60;

/// Whether a document applies on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LawStatus {
    /// In force: "còn hiệu lực".
    InForce,
    /// Applies from this day on: "chưa có hiệu lực".
    NotYet(NaiveDate),
    /// No longer applies since this day: "hết hiệu lực".
    Expired(NaiveDate),
}

/// The documents of `laws.toml`, in the order they are declared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LawRegister {
    laws: Vec<Law>,
    /// Per document, the forms an entry is compared with, made once: every
    /// `laws:` entry of every article is resolved against all of them.
    forms: Vec<Forms>,
}

/// The written forms of a document that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Forms {
    /// [`compact`] of the number, and of the form and number.
    number: String,
    kind_and_number: String,
    /// Slugs of the title with the year of issue, and of the title.
    title_with_year: String,
    title: String,
}

impl LawRegister {
    fn new(laws: Vec<Law>) -> LawRegister {
        let forms = laws
            .iter()
            .map(|law| Forms {
                number: compact(&law.number),
                kind_and_number: compact(&format!("{} {}", law.kind, law.number)),
                title_with_year: title_with_year(law),
                title: crate::slug::slugify(&law.title),
            })
            .collect();
        LawRegister { laws, forms }
    }

    /// Each document with its forms.
    fn with_forms(&self) -> impl Iterator<Item = (&Law, &Forms)> {
        self.laws.iter().zip(&self.forms)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Law> {
        self.laws.iter()
    }

    pub fn len(&self) -> usize {
        self.laws.len()
    }

    pub fn is_empty(&self) -> bool {
        self.laws.is_empty()
    }

    /// The document with this key.
    pub fn get(&self, key: &str) -> Option<&Law> {
        self.laws.iter().find(|law| law.key == key)
    }

    /// The document an article's `laws:` entry names: by key, by number
    /// (`26/2023/QH15`, `Nghị định số 168/2024/NĐ-CP`, without regard to
    /// case or spacing, or its start with the year, `Nghị định 168/2024`,
    /// when no other document's number starts so), by title with the year it was issued (`Luật Căn
    /// cước 2023`), diacritics aside, or by title alone when no other
    /// document has that title. Else the keys of the closest documents,
    /// the closest first (at most three).
    pub fn resolve(&self, written: &str) -> Result<&Law, Vec<&str>> {
        let slug = crate::slug::slugify(written);
        let number = compact(written);
        let found = self
            .laws
            .iter()
            .find(|law| law.key == written.trim())
            .or_else(|| {
                self.with_forms()
                    .find(|(_, forms)| {
                        !number.is_empty()
                            && (forms.number == number || forms.kind_and_number == number)
                    })
                    .map(|(law, _)| law)
            })
            .or_else(|| {
                self.with_forms()
                    .find(|(law, forms)| {
                        !slug.is_empty() && (law.key == slug || forms.title_with_year == slug)
                    })
                    .map(|(law, _)| law)
            })
            .or_else(|| {
                // `Nghị định 168/2024`, the issuer's code left out: the one
                // document whose number starts so.
                if !has_number_and_year(written) {
                    return None;
                }
                let mut starting = self.with_forms().filter(|(_, forms)| {
                    forms.number.starts_with(&number) || forms.kind_and_number.starts_with(&number)
                });
                match (starting.next(), starting.next()) {
                    (Some((law, _)), None) => Some(law),
                    _ => None,
                }
            })
            .or_else(|| {
                let mut same_title = self
                    .with_forms()
                    .filter(|(_, forms)| !slug.is_empty() && forms.title == slug);
                match (same_title.next(), same_title.next()) {
                    (Some((law, _)), None) => Some(law),
                    _ => None,
                }
            });
        found.ok_or_else(|| self.closest(&slug))
    }

    /// Changes whenever anything of any document changes.
    pub fn fingerprint(&self) -> u64 {
        crate::hash::fingerprint(&self.laws)
    }

    /// The help for a value that names no document, given the keys
    /// [`LawRegister::resolve`] found closest: those keys with their
    /// numbers, which editors know better than keys; for an empty
    /// register, to declare the document first.
    pub fn unresolved_help(&self, closest: &[&str]) -> Message {
        if closest.is_empty() {
            return msg!("help.unknown-law-empty-register");
        }
        let keys: Vec<String> = closest
            .iter()
            .filter_map(|key| self.get(key))
            .map(|law| format!("`{}` ({})", law.key, law.number))
            .collect();
        msg!("help.unknown-law", keys = keys.join(", "))
    }

    /// The keys of the (at most three) documents whose key, number or
    /// title with year is nearest to `slug`.
    fn closest(&self, slug: &str) -> Vec<&str> {
        let mut scored: Vec<(usize, usize, &str)> = self
            .laws
            .iter()
            .enumerate()
            .map(|(order, law)| {
                let forms = [
                    law.key.clone(),
                    crate::slug::slugify(&law.number),
                    self.forms[order].title_with_year.clone(),
                ];
                let distance = forms
                    .iter()
                    .map(|form| strsim::levenshtein(slug, form))
                    .min()
                    .unwrap_or(usize::MAX);
                (distance, order, law.key.as_str())
            })
            .collect();
        scored.sort_unstable();
        scored.into_iter().take(3).map(|(_, _, key)| key).collect()
    }
}

/// Reads `laws.toml` in `root`: `None` without one; else the register and
/// every mistake in it (sorted). A `file` must exist under `static/` or
/// `content/` of `root`.
pub fn read(root: &Path) -> Option<(LawRegister, Vec<Diagnostic>)> {
    let path = root.join(LAWS_FILE);
    if !path.exists() {
        return None;
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => crate::text::normalize_text(text),
        Err(e) => {
            let error = Diagnostic::error(
                LAWS_FILE,
                Position::default(),
                msg!("unreadable-laws-toml", detail = e.to_string()),
            );
            return Some((LawRegister::default(), vec![error]));
        }
    };
    let exists = |file: &str| {
        ["static", "content"]
            .iter()
            .any(|folder| root.join(folder).join(file).is_file())
    };
    let (register, diagnostics) = parse(Path::new(LAWS_FILE), &text, &exists);
    Some((register, diagnostics.into_sorted()))
}

/// Parses and checks the text of `laws.toml`; `path` names it in
/// diagnostics, `file_exists` says whether a `file` is there to publish.
/// The register holds the documents read whole, even when others are wrong.
pub fn parse(
    path: &Path,
    text: &str,
    file_exists: &dyn Fn(&str) -> bool,
) -> (LawRegister, Diagnostics) {
    let mut reader = Reader {
        path,
        text,
        diagnostics: Diagnostics::default(),
    };
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let at = error.span().map_or(0, |span| span.start);
            let detail = error.message().trim().to_string();
            reader.error(
                at,
                msg!("invalid-laws-toml", detail = detail),
                Some(msg!("help.invalid-laws-toml")),
            );
            return (LawRegister::default(), reader.diagnostics);
        }
    };
    let entries = reader.entries(root.get_ref());
    reader.check_keys(&entries);
    reader.check_references(&entries);
    reader.check_cycles(&entries);
    for entry in &entries {
        reader.check_entry(entry, file_exists);
    }
    let laws = entries.into_iter().filter_map(Entry::into_law).collect();
    (LawRegister::new(laws), reader.diagnostics)
}

/// A value as written and where it stands.
#[derive(Debug, Clone)]
struct At<T> {
    value: T,
    span: Range<usize>,
}

/// One `[[laws]]` table as read, each field kept when it has the right type.
#[derive(Debug, Default)]
struct Entry {
    /// Where the table starts, for the fields it lacks.
    span: Range<usize>,
    texts: BTreeMap<&'static str, At<String>>,
    dates: BTreeMap<&'static str, At<NaiveDate>>,
    lists: BTreeMap<&'static str, Vec<At<String>>>,
    /// A required field is missing or wrong: the document is left out.
    broken: bool,
}

impl Entry {
    fn text(&self, field: &str) -> Option<&str> {
        self.texts.get(field).map(|at| at.value.as_str())
    }

    fn key(&self) -> Option<&At<String>> {
        self.texts.get("key")
    }

    fn list(&self, field: &str) -> &[At<String>] {
        self.lists.get(field).map_or(&[], Vec::as_slice)
    }

    fn into_law(mut self) -> Option<Law> {
        if self.broken {
            return None;
        }
        let mut text = |field: &str| self.texts.remove(field).map(|at| at.value);
        let (key, number, title, kind, issuer) = (
            text("key")?,
            text("number")?,
            text("title")?,
            text("type")?,
            text("issuer")?,
        );
        let (summary, url, file) = (
            text("summary").unwrap_or_default(),
            text("url"),
            text("file"),
        );
        let date = |field: &str| self.dates.get(field).map(|at| at.value);
        let mut list = |field: &str| {
            let list = self.lists.remove(field).unwrap_or_default();
            list.into_iter().map(|at| at.value).collect()
        };
        Some(Law {
            key,
            number,
            title,
            kind,
            issuer,
            issued: date("issued")?,
            effective: date("effective")?,
            expires: date("expires"),
            summary,
            url,
            file,
            replaces: list("replaces"),
            replaced_by: list("replaced_by"),
        })
    }
}

/// What the reader knows while it reads: the text, for positions, and the
/// mistakes found so far.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    diagnostics: Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, offset: usize, message: Message, help: Option<Message>) {
        let mut diagnostic =
            Diagnostic::error(self.path, Position::of_offset(self.text, offset), message);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }

    fn line_of(&self, offset: usize) -> usize {
        Position::of_offset(self.text, offset).line
    }

    /// The `[[laws]]` tables; any other top-level key is a mistake.
    fn entries(&mut self, root: &DeTable) -> Vec<Entry> {
        let mut entries = Vec::new();
        for (key, value) in root.iter() {
            if key.get_ref() != "laws" {
                let help = did_you_mean(key.get_ref(), ["laws"])
                    .unwrap_or_else(|| msg!("help.unknown-laws-table"));
                self.error(
                    key.span().start,
                    msg!("unknown-laws-table", key = key.get_ref().as_ref()),
                    Some(help),
                );
                continue;
            }
            let tables = match value.get_ref() {
                DeValue::Array(array) => array.iter().collect::<Vec<_>>(),
                _ => vec![value],
            };
            for table in tables {
                match table.get_ref() {
                    DeValue::Table(fields) => entries.push(self.entry(table.span(), fields)),
                    _ => self.error(
                        table.span().start,
                        msg!("laws-not-tables"),
                        Some(msg!("help.laws-not-tables")),
                    ),
                }
            }
        }
        entries
    }

    /// One document's fields, each of its type; unknown and missing ones
    /// are reported.
    fn entry(&mut self, span: Range<usize>, fields: &DeTable) -> Entry {
        let mut entry = Entry {
            span,
            ..Entry::default()
        };
        for (name, value) in fields.iter() {
            let Some(&field) = FIELDS.iter().find(|f| **f == name.get_ref().as_ref()) else {
                let name = name.get_ref().as_ref();
                let help = did_you_mean(name, FIELDS)
                    .unwrap_or_else(|| msg!("help.known-law-fields", fields = FIELDS.join(", ")));
                self.error(
                    fields_key_start(fields, name),
                    msg!("unknown-law-field", field = name),
                    Some(help),
                );
                continue;
            };
            let read = match field {
                "issued" | "effective" | "expires" => self.date(&mut entry, field, value),
                "replaces" | "replaced_by" => self.list(&mut entry, field, value),
                _ => self.string(&mut entry, field, value),
            };
            if !read && FIELDS[..REQUIRED].contains(&field) {
                entry.broken = true;
            }
        }
        self.check_required(&mut entry, fields);
        entry
    }

    fn check_required(&mut self, entry: &mut Entry, fields: &DeTable) {
        for field in &FIELDS[..REQUIRED] {
            if fields.get(*field).is_none() {
                entry.broken = true;
                let message = match entry.text("key") {
                    Some(key) => msg!("missing-law-field", field = *field, law = key),
                    None => msg!("missing-law-field-unnamed", field = *field),
                };
                let help = msg!("help.missing-law-field", field = *field);
                self.error(entry.span.start, message, Some(help));
            }
        }
    }

    fn wrong_type(&mut self, field: &str, value: &Spanned<DeValue>, expected: Message) {
        self.error(
            value.span().start,
            msg!(
                "law-field-type",
                field = field,
                found = type_name(value.get_ref())
            ),
            Some(expected),
        );
    }

    fn string(&mut self, entry: &mut Entry, field: &'static str, value: &Spanned<DeValue>) -> bool {
        match value.get_ref().as_str() {
            Some(text) => {
                let span = value.span();
                let value = text.to_string();
                entry.texts.insert(field, At { value, span });
                true
            }
            None => {
                self.wrong_type(field, value, msg!("help.law-field-text", field = field));
                false
            }
        }
    }

    fn list(&mut self, entry: &mut Entry, field: &'static str, value: &Spanned<DeValue>) -> bool {
        let keys: Option<Vec<At<String>>> = value.get_ref().as_array().and_then(|array| {
            array
                .iter()
                .map(|item| {
                    let text = item.get_ref().as_str()?;
                    Some(At {
                        value: text.to_string(),
                        span: item.span(),
                    })
                })
                .collect()
        });
        match keys {
            Some(keys) => {
                entry.lists.insert(field, keys);
                true
            }
            None => {
                self.wrong_type(field, value, msg!("help.law-field-list", field = field));
                false
            }
        }
    }

    /// A TOML date (`2024-07-01`) or a string that is one.
    fn date(&mut self, entry: &mut Entry, field: &'static str, value: &Spanned<DeValue>) -> bool {
        let written = match value.get_ref() {
            DeValue::Datetime(datetime) => datetime.to_string(),
            DeValue::String(text) => text.to_string(),
            _ => {
                self.wrong_type(field, value, msg!("help.toml-bad-date", field = field));
                return false;
            }
        };
        let span = value.span();
        match NaiveDate::parse_from_str(written.trim(), "%Y-%m-%d") {
            Ok(date) => {
                entry.dates.insert(field, At { value: date, span });
                true
            }
            Err(_) => {
                let (message, help) = date_advice(field, &written);
                self.error(span.start, message, Some(help));
                false
            }
        }
    }

    /// Keys are slugs, each once.
    fn check_keys(&mut self, entries: &[Entry]) {
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for key in entries.iter().filter_map(Entry::key) {
            let at = key.span.start;
            if !is_slug(&key.value) {
                let slug = crate::slug::slugify(&key.value);
                self.error(
                    at,
                    msg!("bad-law-key", key = &key.value),
                    Some(msg!("help.bad-key", slug = slug)),
                );
            }
            match first.get(key.value.as_str()) {
                Some(&before) => {
                    let line = self.line_of(before);
                    self.error(
                        at,
                        msg!("duplicate-law-key", key = &key.value),
                        Some(msg!("help.duplicate-key-line", line = line)),
                    );
                }
                None => {
                    first.insert(&key.value, at);
                }
            }
        }
    }

    /// `replaces` and `replaced_by` name declared documents and say the
    /// same thing from both sides.
    fn check_references(&mut self, entries: &[Entry]) {
        let by_key: BTreeMap<&str, &Entry> = entries
            .iter()
            .filter_map(|e| Some((e.key()?.value.as_str(), e)))
            .collect();
        for entry in entries {
            let Some(key) = entry.key() else { continue };
            for (field, back) in [("replaces", "replaced_by"), ("replaced_by", "replaces")] {
                for reference in entry.list(field) {
                    let Some(other) = by_key.get(reference.value.as_str()) else {
                        let help = did_you_mean(&reference.value, by_key.keys().copied())
                            .or_else(|| Some(msg!("help.unknown-law-reference")));
                        let message = msg!(
                            "unknown-law-reference",
                            field = field,
                            law = &key.value,
                            reference = &reference.value
                        );
                        self.error(reference.span.start, message, help);
                        continue;
                    };
                    if !other.list(back).iter().any(|r| r.value == key.value) {
                        let (law, other) = (&key.value, &reference.value);
                        self.error(
                            reference.span.start,
                            msg!(
                                "law-replacement-one-sided",
                                field = field,
                                law = law,
                                other = other,
                                back = back
                            ),
                            Some(msg!(
                                "help.law-replacement-one-sided",
                                law = law,
                                back = back,
                                other = other
                            )),
                        );
                    }
                }
            }
        }
    }

    /// No document replaces itself, directly or through others.
    fn check_cycles(&mut self, entries: &[Entry]) {
        // Older → newer, from either side.
        let mut newer: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for entry in entries {
            let Some(key) = entry.key() else { continue };
            for later in entry.list("replaced_by") {
                newer.entry(&key.value).or_default().insert(&later.value);
            }
            for earlier in entry.list("replaces") {
                newer.entry(&earlier.value).or_default().insert(&key.value);
            }
        }
        let mut reported = BTreeSet::new();
        for entry in entries {
            let Some(key) = entry.key() else { continue };
            if reported.contains(key.value.as_str()) {
                continue;
            }
            if let Some(cycle) = cycle_from(&newer, &key.value) {
                reported.extend(cycle.iter().map(|k| k.to_string()));
                let path = cycle.join(" → ");
                self.error(
                    key.span.start,
                    msg!("law-cycle", law = &key.value, path = path),
                    Some(msg!("help.law-cycle")),
                );
            }
        }
    }

    /// The dates in order, the official text an address, the file there.
    fn check_entry(&mut self, entry: &Entry, file_exists: &dyn Fn(&str) -> bool) {
        let key = entry.text("key").unwrap_or("?").to_string();
        if let (Some(effective), Some(expires)) =
            (entry.dates.get("effective"), entry.dates.get("expires"))
        {
            if expires.value <= effective.value {
                let (expires_on, effective_on) =
                    (expires.value.to_string(), effective.value.to_string());
                self.error(
                    expires.span.start,
                    msg!(
                        "law-expires-before-effective",
                        law = &key,
                        expires = expires_on,
                        effective = effective_on
                    ),
                    Some(msg!("help.law-expires-before-effective")),
                );
            }
        }
        if let Some(url) = entry.texts.get("url") {
            let fine = !url.value.chars().any(char::is_whitespace)
                && crate::urls::base_url(&url.value).is_some();
            if !fine {
                self.error(
                    url.span.start,
                    msg!("bad-law-url", law = &key, url = &url.value),
                    Some(msg!("help.bad-law-url")),
                );
            }
        }
        if let Some(file) = entry.texts.get("file") {
            let found = crate::config::plain_relative_path(&file.value)
                .is_some_and(|relative| file_exists(&relative));
            if !found {
                let relative = file.value.trim().trim_start_matches('/');
                self.error(
                    file.span.start,
                    msg!("missing-law-file", law = &key, file = &file.value),
                    Some(msg!("help.missing-law-file", file = relative)),
                );
            }
        }
    }
}

/// Where the key `name` of a table stands.
fn fields_key_start(fields: &DeTable, name: &str) -> usize {
    fields
        .iter()
        .find(|(key, _)| key.get_ref() == name)
        .map_or(0, |(key, _)| key.span().start)
}

/// A document number as compared: lower case, without diacritics,
/// spaces or punctuation (`26/2023/QH 15` → `262023qh15`).
/// The word `số` ("number": `Nghị định số 168/2024/NĐ-CP`) is left out.
fn compact(number: &str) -> String {
    crate::slug::slugify(number)
        .split('-')
        .filter(|word| *word != "so")
        .collect()
}

/// Whether `written` holds a number with its year (`168/2024`): only then
/// may it name a document by the start of its number.
fn has_number_and_year(written: &str) -> bool {
    written
        .split('/')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|pair| {
            pair[0].chars().last().is_some_and(|c| c.is_ascii_digit())
                && pair[1].len() >= 4
                && pair[1].chars().take(4).all(|c| c.is_ascii_digit())
        })
}

/// `luat-can-cuoc-2023`: the slug of the title and the year of issue.
fn title_with_year(law: &Law) -> String {
    crate::slug::slugify(&format!("{} {}", law.title, law.issued.format("%Y")))
}

/// The kind of a TOML value, in the editor's words.
fn type_name(value: &DeValue) -> Message {
    match value {
        DeValue::String(_) => msg!("toml-type.text"),
        DeValue::Integer(_) | DeValue::Float(_) => msg!("toml-type.number"),
        DeValue::Boolean(_) => msg!("toml-type.boolean"),
        DeValue::Datetime(_) => msg!("toml-type.date"),
        DeValue::Array(_) => msg!("toml-type.list"),
        DeValue::Table(_) => msg!("toml-type.table"),
    }
}

/// The message and help for a date loa cannot read.
fn date_advice(field: &str, written: &str) -> (Message, Message) {
    use crate::dates::DateAdvice;
    match crate::dates::advise(written) {
        DateAdvice::Rewrite(date) => {
            let day = date.get(..10).unwrap_or(&date).to_string();
            (
                msg!("bad-law-date", field = field, value = written),
                msg!("help.toml-date", field = field, date = day),
            )
        }
        DateAdvice::Impossible { reason, .. } => (
            msg!(
                "impossible-law-date",
                field = field,
                value = written,
                reason = reason
            ),
            msg!("help.toml-impossible-date", field = field),
        ),
        DateAdvice::Unreadable => (
            msg!("bad-law-date", field = field, value = written),
            msg!("help.toml-bad-date", field = field),
        ),
    }
}

/// The keys from `start` back to itself along `newer`, if it can reach
/// itself: `[a, b, a]`.
fn cycle_from<'a>(
    newer: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    start: &'a str,
) -> Option<Vec<&'a str>> {
    // Depth first, each key once, with the path that reached it.
    let mut stack: Vec<Vec<&str>> = vec![vec![start]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = *path.last()?;
        for &next in newer.get(last).into_iter().flatten() {
            let mut longer = path.clone();
            longer.push(next);
            if next == start {
                return Some(longer);
            }
            if seen.insert(next) {
                stack.push(longer);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
