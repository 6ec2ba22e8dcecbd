//! The articles read against `laws.toml` (issue 16, editors' help).
//!
//! - A warning for an article dated on or after the day a document it
//!   cites stopped applying: it was most likely meant to cite what replaced
//!   it. An older article citing it was right when written; the notice on
//!   its page tells readers, and `--expired-since` tells the editors.
//! - The report of `loa check --expired-since DATE`: after a document
//!   stops applying, the list of articles to bring up to date.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::laws::{Law, LawRegister, LAWS_FILE};
use crate::messages::{msg, Lang, Message};
use crate::model::{Article, ValidSite};

/// A warning for each document an article cites that had stopped applying
/// by the article's date, at the `laws:` entry that names it.
pub(super) fn cited_after_expiry(
    articles: &[(&Article, &Document)],
    register: &LawRegister,
    diagnostics: &mut Diagnostics,
) {
    for (article, document) in articles {
        // The day as the article's date is written: the site's time zone
        // unless the editor wrote another offset.
        let day = article.date.date_naive();
        for term in &article.laws {
            let Some(law) = register.get(&term.slug) else {
                continue;
            };
            let Some(expires) = law.expires.filter(|expires| day >= *expires) else {
                continue;
            };
            let (written, position) = cited_at(register, document, law);
            let help = if law.replaced_by.is_empty() {
                msg!("help.law-cited-after-expiry-alone")
            } else {
                msg!(
                    "help.law-cited-after-expiry",
                    written = written.unwrap_or(&law.key),
                    laws = replacements(register, law)
                )
            };
            diagnostics.push(
                Diagnostic::warning(
                    &document.display_path,
                    position,
                    msg!(
                        "law-cited-after-expiry",
                        date = day_text(day),
                        law = law.cited_name(),
                        expires = day_text(expires)
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// The first `laws:` entry of `document` that names `law` (an article may
/// name one document twice, by key and by number), and where it stands.
fn cited_at<'a>(
    register: &LawRegister,
    document: &'a Document,
    law: &Law,
) -> (Option<&'a str>, Position) {
    let written = document.front.laws.iter().find(|written| {
        register
            .resolve(written)
            .is_ok_and(|found| found.key == law.key)
    });
    match written {
        Some(written) => (
            Some(written.as_str()),
            document.front_text().value("laws", written),
        ),
        None => (None, document.front_text().key("laws")),
    }
}

/// The documents that replaced `law`, each by the key to write in `laws:`
/// and what it is: `` `luat-can-cuoc-2023` (Luật Căn cước, 26/2023/QH15) ``.
fn replacements(register: &LawRegister, law: &Law) -> String {
    let each = law.replaced_by.iter().map(|key| match register.get(key) {
        Some(newer) if newer.name().contains(&newer.number) => {
            format!("`{key}` ({})", newer.name())
        }
        Some(newer) => format!("`{key}` ({}, {})", newer.name(), newer.number),
        None => format!("`{key}`"),
    });
    each.collect::<Vec<_>>().join(", ")
}

/// A day as the command line's lines write it.
fn day_text(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// The `DATE` of `--expired-since`, written year first (`2024-07-01`); else
/// what is wrong and, as help, the date to write when loa can read it.
pub fn parse_day(text: &str) -> Result<NaiveDate, (Message, Message)> {
    use crate::dates::DateAdvice;
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day);
    }
    let example = msg!("help.expired-since-date");
    Err(match crate::dates::advise(text) {
        DateAdvice::Rewrite(date) => {
            // A time written after the day means nothing here.
            let day = date.get(..10).unwrap_or(&date).to_string();
            (
                msg!("cli.expired-since-not-a-date", value = text),
                msg!("help.expired-since-rewrite", date = day),
            )
        }
        DateAdvice::Impossible { reason, .. } => (
            msg!(
                "cli.expired-since-impossible",
                value = text,
                reason = reason
            ),
            example,
        ),
        DateAdvice::Unreadable => (msg!("cli.expired-since-not-a-date", value = text), example),
    })
}

/// What `--expired-since` says on a site without `laws.toml`.
pub(crate) fn no_register() -> Diagnostic {
    Diagnostic::error(LAWS_FILE, Position::default(), msg!("no-laws-toml"))
        .with_help(msg!("help.no-laws-toml"))
}

/// One article that cites a document of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The file, as diagnostics name it (`content/hoat-dong/a.md`).
    pub path: PathBuf,
    /// Where its `laws:` entry names the document.
    pub position: Position,
    pub title: String,
    pub date: DateTime<FixedOffset>,
}

/// A document that stopped applying in the report's days, and the
/// articles that cite it, the newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredLaw {
    pub key: String,
    /// As sentences name it: `Luật Căn cước công dân (59/2014/QH13)`.
    pub name: String,
    pub expires: NaiveDate,
    /// What replaced it, by key and name; empty when nothing did.
    pub replacements: String,
    pub citations: Vec<Citation>,
}

/// What `loa check --expired-since` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredReport {
    pub since: NaiveDate,
    /// The build's day: documents expiring later still apply.
    pub today: NaiveDate,
    /// The documents whose `expires` is from `since` to `today`, the
    /// latest to expire first (then by key).
    pub laws: Vec<ExpiredLaw>,
}

/// The documents of the register that stopped applying from `since` to
/// the build's day, each with the published articles that cite it; `None`
/// on a site without a register.
pub(crate) fn expired_since(
    content: &Content,
    site: &ValidSite,
    since: NaiveDate,
) -> Option<ExpiredReport> {
    let on_day = site.laws.as_deref()?;
    let (register, today) = (&on_day.register, on_day.today);
    let documents: std::collections::HashMap<&str, &Document> = content
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d))
        .collect();
    let mut laws: Vec<ExpiredLaw> = register
        .iter()
        .filter_map(|law| {
            let expires = law.expires.filter(|e| (since..=today).contains(e))?;
            let mut citations: Vec<Citation> = site
                .articles
                .iter()
                .filter(|article| article.laws.iter().any(|term| term.slug == law.key))
                .filter_map(|article| {
                    let document = *documents.get(article.source.as_str())?;
                    Some(citation(register, article, document, law))
                })
                .collect();
            citations.sort_by(|a, b| (b.date, &a.path).cmp(&(a.date, &b.path)));
            Some(ExpiredLaw {
                key: law.key.clone(),
                name: law.cited_name(),
                expires,
                replacements: replacements(register, law),
                citations,
            })
        })
        .collect();
    laws.sort_by(|a, b| (b.expires, &a.key).cmp(&(a.expires, &b.key)));
    Some(ExpiredReport { since, today, laws })
}

fn citation(register: &LawRegister, article: &Article, document: &Document, law: &Law) -> Citation {
    let (_, position) = cited_at(register, document, law);
    Citation {
        path: document.display_path.clone(),
        position,
        title: article.title.clone(),
        date: article.date,
    }
}

impl ExpiredReport {
    /// How many articles cite one of the documents or more.
    pub fn articles(&self) -> usize {
        let paths: BTreeSet<&PathBuf> = self
            .laws
            .iter()
            .flat_map(|law| law.citations.iter().map(|c| &c.path))
            .collect();
        paths.len()
    }

    /// The list, in `lang`: for each document a line that says what it is,
    /// when it stopped applying, what replaced it and how many articles
    /// cite it, then one line an article (`path:line:column  date  title`,
    /// the dates in a column); a blank line between documents.
    pub fn render(&self, lang: Lang) -> String {
        let places: Vec<Vec<String>> = self
            .laws
            .iter()
            .map(|law| {
                let place = |c: &Citation| {
                    let Position { line, column } = c.position;
                    format!("{}:{line}:{column}", c.path.display())
                };
                law.citations.iter().map(place).collect()
            })
            .collect();
        let width = places
            .iter()
            .flatten()
            .map(|place| place.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (i, (law, places)) in self.laws.iter().zip(&places).enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&law.heading().render(lang));
            out.push('\n');
            for (citation, place) in law.citations.iter().zip(places) {
                let date = citation.date.format("%d/%m/%Y");
                let title = &citation.title;
                out.push_str(&format!("  {place:<width$}  {date}  {title}\n"));
            }
        }
        out
    }

    /// The closing line: how many articles cite how many documents, or
    /// that none stopped applying in those days.
    pub fn summary(&self) -> Message {
        let (since, today) = (day_text(self.since), day_text(self.today));
        if self.since > self.today {
            return msg!("cli.expired-since-future", since = since, today = today);
        }
        if self.laws.is_empty() {
            return msg!("cli.expired-none", since = since, today = today);
        }
        msg!(
            "cli.expired-summary",
            citing = Message::count("count.citing", self.articles()),
            laws = Message::count("count.laws", self.laws.len()),
            since = since,
            today = today
        )
    }
}

impl ExpiredLaw {
    fn heading(&self) -> Message {
        let (law, expires) = (self.name.as_str(), day_text(self.expires));
        let citing = Message::count("count.citing-it", self.citations.len());
        if self.replacements.is_empty() {
            msg!(
                "cli.expired-law-alone",
                law = law,
                expires = expires,
                citing = citing
            )
        } else {
            msg!(
                "cli.expired-law",
                law = law,
                expires = expires,
                replacements = &self.replacements,
                citing = citing
            )
        }
    }
}

#[cfg(test)]
mod tests;
