//! Warnings that need more than one document, or the whole rendered
//! article: run after every document was validated. Nothing here stops a
//! build; every warning names the file, line and column and says what to do.
//!
//! - an article without `summary:` whose first paragraph is too long for a
//!   feed reader's or Zalo's preview;
//! - a tag (or law) written differently from the spelling other articles
//!   use for the same listing (`mang xa hoi` beside `Mạng xã hội`);
//! - two articles with one title (after NFC and case folding);
//! - an article dated on or after the day a document of `laws.toml` it
//!   cites stopped applying ([`laws`]).
//!
//! The output is sorted, so that parallel validation gives the same report
//! every time.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::hash::fingerprint;
use crate::messages::msg;
use crate::messages::Message;
use crate::model::{Article, Term, ValidSite, SUMMARY_LIMIT};

pub mod laws;

/// Where each long first paragraph starts, kept between the builds of a
/// serve session while the file's text is the same (finding it parses the
/// Markdown again).
#[derive(Debug, Default)]
pub struct LintCache {
    first_paragraphs: HashMap<String, (u64, Position)>,
    /// The inputs and the result of the last check: most edits change
    /// nothing this check looks at.
    last: Option<(u64, Vec<Diagnostic>)>,
}

/// The cross-document warnings of the published articles of `site`.
pub fn check(content: &Content, site: &ValidSite, cache: &mut LintCache) -> Vec<Diagnostic> {
    // What these warnings read of each article is its `linted` key: most
    // edits change none, and then nothing else is looked at. Besides the
    // articles, only the register is read (not the build's day): a serve
    // session reloads everything when laws.toml changes, but a cache that
    // does not lean on that costs one hash of a small file.
    let register = site
        .laws
        .as_ref()
        .map(|on_day| on_day.register.fingerprint());
    let linted: Vec<u64> = site.articles.iter().map(|a| a.linted).collect();
    let inputs = fingerprint(&(linted, register));
    if let Some((last, diagnostics)) = &cache.last {
        if *last == inputs {
            return diagnostics.clone();
        }
    }
    let documents: HashMap<&str, &Document> = content
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d))
        .collect();
    let mut articles: Vec<(&Article, &Document)> = site
        .articles
        .iter()
        .filter_map(|a| Some((&**a, *documents.get(a.source.as_str())?)))
        .collect();
    articles.sort_by(|a, b| a.0.source.cmp(&b.0.source));

    let mut diagnostics = Diagnostics::default();
    long_first_paragraphs(&articles, &mut diagnostics, cache);
    spellings(&articles, "tags", |a| &a.tags, &mut diagnostics);
    spellings(&articles, "laws", |a| &a.laws, &mut diagnostics);
    duplicate_titles(&articles, &mut diagnostics);
    if let Some(on_day) = &site.laws {
        laws::cited_after_expiry(&articles, &on_day.register, &mut diagnostics);
    }
    let diagnostics = diagnostics.into_sorted();
    cache.last = Some((inputs, diagnostics.clone()));
    diagnostics
}

fn long_first_paragraphs(
    articles: &[(&Article, &Document)],
    diagnostics: &mut Diagnostics,
    cache: &mut LintCache,
) {
    for (article, document) in articles {
        if document.front.summary.is_some() {
            continue;
        }
        let length = article.summary.chars().count();
        if length <= SUMMARY_LIMIT {
            continue;
        }
        let position = match cache.first_paragraphs.get(&document.path) {
            Some((hash, position)) if *hash == document.text_hash => *position,
            _ => {
                let position = match crate::markdown::first_paragraph_offset(document.body()) {
                    Some(offset) => document.body_position(offset),
                    None => document.front_text().key("summary"),
                };
                cache
                    .first_paragraphs
                    .insert(document.path.clone(), (document.text_hash, position));
                position
            }
        };
        diagnostics.push(
            Diagnostic::warning(
                &document.display_path,
                position,
                msg!("long-summary", length = length),
            )
            .with_help(msg!("help.long-summary", limit = SUMMARY_LIMIT)),
        );
    }
}

/// Spellings of one slug that differ (case, diacritics, punctuation): each
/// article using another one is told the one that names the listing
/// ([`crate::index::listing_spelling`]).
fn spellings(
    articles: &[(&Article, &Document)],
    field: &str,
    terms: impl Fn(&Article) -> &[Term],
    diagnostics: &mut Diagnostics,
) {
    // slug → spelling → the articles that use it.
    let mut by_slug: BTreeMap<&str, BTreeMap<&str, Vec<&Document>>> = BTreeMap::new();
    for (article, document) in articles {
        for term in terms(article) {
            by_slug
                .entry(&term.slug)
                .or_default()
                .entry(&term.name)
                .or_default()
                .push(document);
        }
    }
    for (slug, spellings) in by_slug {
        if spellings.len() < 2 {
            continue;
        }
        let Some(common) = crate::index::listing_spelling(
            spellings.iter().map(|(name, users)| (*name, users.len())),
        ) else {
            continue;
        };
        let users = spellings.get(common).map_or(0, Vec::len);
        for (spelling, documents) in &spellings {
            if *spelling == common {
                continue;
            }
            for document in documents {
                diagnostics.push(
                    Diagnostic::warning(
                        &document.display_path,
                        document.front_text().value(field, spelling),
                        {
                            let others = Message::count("count.other-articles", users);
                            let (spelling, common) = (*spelling, common);
                            if field == "tags" {
                                msg!(
                                    "tag-spelling",
                                    spelling = spelling,
                                    common = common,
                                    others = others
                                )
                            } else {
                                msg!(
                                    "law-spelling",
                                    spelling = spelling,
                                    common = common,
                                    others = others
                                )
                            }
                        },
                    )
                    .with_help(msg!(
                        "help.term-spelling",
                        common = common,
                        field = field,
                        slug = slug
                    )),
                );
            }
        }
    }
}

/// A title compared without regard to Unicode form, case or spacing.
fn title_key(title: &str) -> String {
    // Loaded text is NFC already; composing again costs more than all the
    // rest of this check on a large site.
    let folded = if unicode_normalization::is_nfc_quick(title.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        title.to_lowercase()
    } else {
        title.nfc().collect::<String>().to_lowercase()
    };
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn duplicate_titles(articles: &[(&Article, &Document)], diagnostics: &mut Diagnostics) {
    let mut by_title: HashMap<String, Vec<(&Article, &Document)>> = HashMap::default();
    for (article, document) in articles {
        by_title
            .entry(title_key(&article.title))
            .or_default()
            .push((article, document));
    }
    for mut same in by_title.into_values() {
        if same.len() < 2 {
            continue;
        }
        // The earliest keeps its title; every later one is told about it.
        same.sort_by(|a, b| (a.0.date, &a.0.source).cmp(&(b.0.date, &b.0.source)));
        let first = same[0].1;
        for (_, document) in &same[1..] {
            diagnostics.push(
                Diagnostic::warning(
                    &document.display_path,
                    document.front_text().key("title"),
                    msg!("duplicate-title", first = first.display_path.display()),
                )
                .with_help(msg!("help.duplicate-title")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_form_case_or_spacing() {
        let nfd: String = "Cảnh báo  lừa đảo".nfd().collect();
        assert_eq!(title_key(&nfd), title_key("CẢNH BÁO lừa đảo"));
        assert_ne!(title_key("Canh bao lua dao"), title_key("Cảnh báo lừa đảo"));
    }
}
