//! The languages of a site: the pages of each language are built as a site
//! of their own (a [`View`]: its settings, its articles, its listings),
//! published at the root for the main language and under `/<code>/` for
//! the others, and linked to each other's versions ([`Alternates`]).
//!
//! A document of another language lives at the same path under
//! `content/<code>/` as the main-language document it translates; that
//! shared path (its *translation key*) pairs them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position};
use crate::index::Index;
use crate::messages::msg;
use crate::model::{Kind, ValidSite};

/// The pages of one language, as a site of their own.
pub struct View {
    /// The language's settings: `base_url` ends in `/<code>` for another
    /// language, `language` is its code (see [`SiteConfig::view`]).
    pub config: SiteConfig,
    /// Its articles (and, with fallback, the main language's articles
    /// without a translation, which keep their own URLs), pages and the
    /// folder it is published in (`site.dir`).
    pub site: ValidSite,
    pub index: Arc<Index>,
}

/// The pages of each language of `site`, the main language first, each
/// without its listings (see [`View::site`]); `index` makes them.
pub fn views(
    config: &SiteConfig,
    site: &ValidSite,
    index: &mut dyn FnMut(&SiteConfig, &ValidSite) -> Arc<Index>,
) -> Vec<View> {
    if config.languages.is_empty() {
        let site = site.clone();
        return vec![View {
            index: index(config, &site),
            config: config.clone(),
            site,
        }];
    }
    let keys = translation_keys(config, site);
    config
        .languages()
        .iter()
        .filter_map(|code| {
            let main = *code == config.main_language;
            let view_config = if main {
                config.clone()
            } else {
                config.view(code)?
            };
            let fallback = view_config.shows_untranslated();
            let translated = |source: &str| {
                keys.get(config.language_of(source).1)
                    .is_some_and(|languages| languages.contains(code.as_str()))
            };
            let view_site = ValidSite {
                articles: site
                    .articles
                    .iter()
                    .filter(|a| {
                        a.language == *code
                            || (fallback
                                && a.language == config.main_language
                                && !translated(&a.source))
                    })
                    .cloned()
                    .collect(),
                pages: site
                    .pages
                    .iter()
                    .filter(|p| p.language == *code)
                    .cloned()
                    .collect(),
                dir: if main {
                    String::new()
                } else {
                    format!("{code}/")
                },
                laws: site.laws.clone(),
                ..ValidSite::default()
            };
            Some(View {
                index: index(&view_config, &view_site),
                config: view_config,
                site: view_site,
            })
        })
        .collect()
}

/// Every article and page of `site`: its source path and language.
fn documents(site: &ValidSite) -> impl Iterator<Item = (&str, &str)> {
    let articles = site
        .articles
        .iter()
        .map(|a| (a.source.as_str(), a.language.as_str()));
    let pages = site
        .pages
        .iter()
        .map(|p| (p.source.as_str(), p.language.as_str()));
    articles.chain(pages)
}

/// Each translation key with the languages it is written in.
fn translation_keys<'a>(
    config: &'a SiteConfig,
    site: &'a ValidSite,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut keys: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (source, _) in documents(site) {
        let (language, key) = config.language_of(source);
        keys.entry(key).or_default().insert(language);
    }
    keys
}

/// One language of the site as a link target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageRoot {
    pub code: String,
    /// Its home page's path (`/`, `/en/`).
    pub root: String,
}

/// What a page is, to find its versions in the other languages.
pub enum Target<'a> {
    /// An article or page, by its source path.
    Document(&'a str),
    /// A listing: it exists in a language whose view lists it.
    Listing(Kind, &'a str),
    /// A page every language has at the same path under its root (`""`
    /// for the home page, `districts/`, `subscribe/`).
    Everywhere(&'a str),
    /// A page of one language only (the 404 page).
    Nowhere,
}

/// The version of a page in one language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alternate {
    pub code: String,
    /// Its path, or the language's home page when it has no version.
    pub url: String,
    /// False when `url` is only the language's home page.
    pub translated: bool,
}

/// The versions of every page in each language. Empty for a site with one
/// language: its pages link to no other.
#[derive(Debug, Clone, Default, Hash)]
pub struct Alternates {
    /// Main language first.
    pub languages: Vec<LanguageRoot>,
    /// Translation key → language → path.
    documents: BTreeMap<String, BTreeMap<String, String>>,
    /// Language → its listings.
    listings: BTreeMap<String, BTreeSet<(Kind, String)>>,
}

impl Alternates {
    pub fn new(config: &SiteConfig, views: &[View]) -> Alternates {
        if config.languages.is_empty() {
            return Alternates::default();
        }
        let mut alternates = Alternates::default();
        for view in views {
            let code = view.config.language.clone();
            alternates.languages.push(LanguageRoot {
                code: code.clone(),
                root: view.config.root_path(),
            });
            let own = view
                .site
                .articles
                .iter()
                .filter(|a| a.language == code)
                .map(|a| (a.source.as_str(), a.url.as_str()))
                .chain(
                    view.site
                        .pages
                        .iter()
                        .map(|p| (p.source.as_str(), p.url.as_str())),
                );
            for (source, url) in own {
                alternates
                    .documents
                    .entry(config.language_of(source).1.to_string())
                    .or_default()
                    .insert(code.clone(), url.to_string());
            }
            alternates.listings.insert(
                code,
                view.index.all().map(|l| (l.kind, l.key.clone())).collect(),
            );
        }
        alternates
    }

    /// The versions of `target` in every language, the main one first;
    /// empty for a site with one language. `config` is any language's.
    pub fn of(&self, config: &SiteConfig, target: &Target) -> Vec<Alternate> {
        // Every page asks, for its switcher and its render fingerprint:
        // a site with one language answers at once.
        if self.languages.is_empty() || matches!(target, Target::Nowhere) {
            return Vec::new();
        }
        let document = match target {
            Target::Document(source) => self.documents.get(config.language_of(source).1),
            _ => None,
        };
        self.languages
            .iter()
            .map(|language| {
                let found = match target {
                    Target::Document(_) => document.and_then(|d| d.get(&language.code)).cloned(),
                    Target::Listing(kind, key) => self
                        .listings
                        .get(&language.code)
                        .is_some_and(|l| l.contains(&(*kind, key.to_string())))
                        .then(|| format!("{}{}/{key}/", language.root, kind.segment())),
                    Target::Everywhere(path) => Some(format!("{}{path}", language.root)),
                    Target::Nowhere => None,
                };
                Alternate {
                    code: language.code.clone(),
                    translated: found.is_some(),
                    url: found.unwrap_or_else(|| language.root.clone()),
                }
            })
            .collect()
    }
}

/// The problems of the site's languages that need its content: a
/// language whose code is a folder of the listings, and a translation
/// whose main-language page does not exist (a warning: it is published,
/// but no page links to it).
pub fn check(config: &SiteConfig, site: &ValidSite) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for language in &config.languages {
        if crate::model::is_reserved_segment(&language.code) {
            problems.push(Diagnostic::error(
                "site.toml",
                Position::default(),
                msg!("language-is-listing-folder", code = &language.code),
            ));
        }
    }
    let keys = translation_keys(config, site);
    let sources = documents(site);
    for (source, language) in sources {
        if language == config.main_language {
            continue;
        }
        let key = config.language_of(source).1;
        let has_source = keys
            .get(key)
            .is_some_and(|languages| languages.contains(config.main_language.as_str()));
        if !has_source {
            problems.push(
                Diagnostic::warning(
                    Path::new("content").join(source),
                    Position::default(),
                    msg!("translation-without-original", key = key),
                )
                .with_help(msg!(
                    "help.translation-without-original",
                    language = language
                )),
            );
        }
    }
    problems
}

/// The documents of the main language with no version in `code`, by
/// source path: what `loa check --untranslated <code>` lists.
pub fn untranslated<'a>(config: &SiteConfig, site: &'a ValidSite, code: &str) -> Vec<&'a str> {
    let keys = translation_keys(config, site);
    let mut missing: Vec<&str> = documents(site)
        .filter(|(_, language)| *language == config.main_language)
        .filter(|(source, _)| {
            !keys
                .get(config.language_of(source).1)
                .is_some_and(|languages| languages.contains(code))
        })
        .map(|(source, _)| source)
        .collect();
    missing.sort_unstable();
    missing
}
