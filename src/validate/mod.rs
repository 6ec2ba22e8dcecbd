//! The validate stage: front matter as written becomes typed articles and
//! pages, or diagnostics. Every document is checked, in parallel, and all
//! problems are returned together.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;

use crate::config::{CategoryKey, DistrictKey, SiteConfig};
use crate::content::{Content, Document};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::districts::UnitId;
use crate::hash::fingerprint;
use crate::laws::LawRegister;
use crate::markdown::{self, LinkResolver, Problem, Rendered};
use crate::messages::msg;
use crate::messages::Message;
use crate::model::SUMMARY_LIMIT;
use crate::model::{Article, ArticleId, HeldBack, HeldBackReason, Kind, Page, Term, ValidSite};
use crate::pictures::Pictures;
use crate::slug::slugify;

mod pictures;

use pictures::{answer_picture, bad_picture, image, image_path, picture_key, small_picture};
pub use pictures::{lead_pictures, unreadable_pictures};

/// What decides which documents are published.
#[derive(Debug, Clone)]
pub struct PublishRules {
    pub drafts: bool,
    /// Articles dated after this are scheduled and left out.
    pub now: DateTime<Utc>,
}

/// The first checks of a document, before Markdown is rendered, and what
/// today's rules make of it.
struct Checked<'a> {
    document: &'a Document,
    check: &'a CheckedDocument,
    publish: Publish,
}

/// Whether a document is published, decided on every build.
#[derive(Debug, Clone, Copy)]
struct Publish {
    /// Free of errors and neither a held-back draft nor scheduled.
    published: bool,
    /// Would be published but for its errors: the body is still rendered so
    /// that its broken links are reported in the same run.
    render_body: bool,
}

/// What the first checks found, independent of the clock and of the other
/// documents, so that it can be kept between builds of a serve session.
#[derive(Debug, Clone)]
struct CheckedDocument {
    output_dir: String,
    url: String,
    /// The document's language (see [`SiteConfig::language_of`]).
    language: String,
    is_page: bool,
    article: Option<Article>,
    draft: bool,
    has_errors: bool,
    diagnostics: Vec<Diagnostic>,
}

impl CheckedDocument {
    /// Drafts and scheduled articles depend on the options and the clock,
    /// not on the file: decided on every build.
    fn publish(&self, is_page: bool, rules: &PublishRules) -> Publish {
        let scheduled = self
            .article
            .as_ref()
            .is_some_and(|a| a.date.with_timezone(&Utc) > rules.now);
        let render_body = is_page || ((!self.draft || rules.drafts) && !scheduled);
        Publish {
            render_body,
            published: render_body && !self.has_errors && (is_page || self.article.is_some()),
        }
    }

    /// Why a document that `publish` left out is not published.
    fn held_back_reason(&self, publish: Publish, rules: &PublishRules) -> HeldBackReason {
        if publish.render_body {
            return HeldBackReason::Errors;
        }
        match &self.article {
            // A draft stays out when its date comes: it is a draft first.
            Some(article) if !self.draft || rules.drafts => HeldBackReason::Scheduled(article.date),
            _ => HeldBackReason::Draft,
        }
    }
}

/// Results kept between the builds of a serve session, each valid while the
/// file's text (and, for bodies, every link target it looked up) is the
/// same. The configuration is not part of the key: a session drops the
/// cache when `site.toml` or the theme changes.
#[derive(Debug, Default)]
pub(crate) struct ValidateCache {
    checks: HashMap<String, (u64, CheckedDocument)>,
    bodies: HashMap<String, CachedBody>,
    /// The finished article, while its check and its body are the same.
    articles: HashMap<String, (u64, Arc<Article>)>,
}

#[derive(Debug)]
struct CachedBody {
    text_hash: u64,
    lookups: Vec<Lookup>,
    rendered: Arc<Rendered>,
    fingerprint: u64,
    diagnostics: Vec<Diagnostic>,
    /// Whether `rendered` has links for [`crate::links`] to check: kept
    /// here so that finding the few articles that do reads no body.
    has_site_links: bool,
}

/// One question a body asked about the rest of the site while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    Article(String, Option<(String, bool)>),
    Asset(String, bool),
    /// A picture file and the [`picture_key`] of what it became.
    Picture(String, u64),
    /// A key of the register, and whether it names a document.
    Law(String, bool),
    /// Never the same again.
    Never,
}

pub fn validate(
    config: &SiteConfig,
    content: &Content,
    laws: Option<&LawRegister>,
    rules: &PublishRules,
) -> (ValidSite, Diagnostics) {
    validate_with_cache(
        config,
        Sources {
            content,
            pictures: &Pictures::default(),
            laws,
        },
        rules,
        &mut ValidateCache::default(),
    )
}

/// What the articles are checked against besides the configuration.
pub(crate) struct Sources<'a> {
    pub content: &'a Content,
    pub pictures: &'a Pictures,
    pub laws: Option<&'a LawRegister>,
}

pub(crate) fn validate_with_cache(
    config: &SiteConfig,
    sources: Sources,
    rules: &PublishRules,
    cache: &mut ValidateCache,
) -> (ValidSite, Diagnostics) {
    let root_path = config.root_path();
    let mut diagnostics = Diagnostics::default();
    let Sources {
        content,
        pictures,
        laws,
    } = sources;
    let files = Files {
        content,
        pictures,
        laws,
    };
    refresh_checks(config, &files, &root_path, &mut cache.checks);
    let ValidateCache {
        checks,
        bodies,
        articles,
    } = cache;
    let checked: Vec<Checked> = content
        .documents
        .par_iter()
        .filter_map(|document| {
            let (_, check) = checks.get(&document.path)?;
            let publish = check.publish(is_page(config, document), rules);
            Some(Checked {
                document,
                check,
                publish,
            })
        })
        .collect();
    for c in &checked {
        diagnostics.extend(c.check.diagnostics.iter().cloned());
    }
    check_unique_outputs(&checked, &mut diagnostics);
    let held_back = checked
        .iter()
        .filter(|c| !c.publish.published)
        .map(|c| HeldBack {
            source: c.document.path.clone(),
            output_dir: c.check.output_dir.clone(),
            reason: c.check.held_back_reason(c.publish, rules),
        })
        .collect();
    refresh_bodies(config, &files, &root_path, &checked, bodies);
    let mut site = ValidSite {
        held_back,
        laws: laws.map(|register| {
            Arc::new(crate::laws::LawsOnDay {
                register: register.clone(),
                today: local_day(config, rules.now),
            })
        }),
        ..ValidSite::default()
    };
    for c in &checked {
        add_published(&files, c, bodies, articles, &mut site, &mut diagnostics);
    }
    (site, diagnostics)
}

/// The files under `content/` besides the documents.
#[derive(Clone, Copy)]
struct Files<'a> {
    content: &'a Content,
    pictures: &'a Pictures,
    /// `laws.toml`, when the site has one: the documents `laws:` entries
    /// and `@law/` links name.
    laws: Option<&'a LawRegister>,
}

/// What a document's first checks depend on: its text, which files
/// beside the articles exist, and what their pictures became.
fn check_key(files: &Files, document: &Document) -> u64 {
    document.text_hash
        ^ files.content.assets_fingerprint
        ^ files.pictures.fingerprint
        ^ files.laws.map_or(0, LawRegister::fingerprint)
}

/// Checks again, in parallel, every document whose [`check_key`] changed.
fn refresh_checks(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    checks: &mut HashMap<String, (u64, CheckedDocument)>,
) {
    let content = files.content;
    let results: Vec<(usize, CheckedDocument)> = content
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, document)| {
            checks
                .get(&document.path)
                .is_none_or(|(hash, _)| *hash != check_key(files, document))
        })
        .map(|(i, document)| (i, check_document(config, files, root_path, document)))
        .collect();
    for (i, check) in results {
        let document = &content.documents[i];
        checks.insert(document.path.clone(), (check_key(files, document), check));
    }
}

/// Renders again, in parallel, the bodies to render whose text or whose
/// answers about the rest of the site (a linked article's URL, a file
/// beside it) changed.
fn refresh_bodies(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    checked: &[Checked],
    bodies: &mut HashMap<String, CachedBody>,
) {
    let urls: BTreeMap<&str, (&str, bool)> = checked
        .iter()
        .map(|c| {
            (
                c.document.path.as_str(),
                (c.check.url.as_str(), c.publish.published),
            )
        })
        .collect();
    let still_valid = |c: &Checked| {
        bodies.get(&c.document.path).is_some_and(|body| {
            body.text_hash == c.document.text_hash
                && body.lookups.iter().all(|lookup| match lookup {
                    Lookup::Article(target, seen) => {
                        urls.get(target.as_str()).copied()
                            == seen.as_ref().map(|(url, p)| (url.as_str(), *p))
                    }
                    Lookup::Asset(target, seen) => {
                        files.content.asset_paths.contains(target) == *seen
                    }
                    Lookup::Picture(target, seen) => picture_key(files, target) == *seen,
                    Lookup::Law(key, seen) => has_law(files, key) == *seen,
                    Lookup::Never => false,
                })
        })
    };
    let rendered: Vec<(usize, Option<CachedBody>)> = checked
        .par_iter()
        .enumerate()
        .filter(|(_, c)| c.publish.render_body && !still_valid(c))
        .map(|(i, c)| (i, render_body(config, files, root_path, &urls, c.document)))
        .collect();
    for (i, body) in rendered {
        let path = &checked[i].document.path;
        match body {
            Some(body) => {
                bodies.insert(path.clone(), body);
            }
            None => {
                bodies.remove(path);
            }
        }
    }
}

/// Adds a checked document to `site` with its body's diagnostics: as an
/// article or a page when it is published, as a body whose site links are
/// still checked when only its errors hold it back.
fn add_published(
    files: &Files,
    c: &Checked,
    bodies: &HashMap<String, CachedBody>,
    articles: &mut HashMap<String, (u64, Arc<Article>)>,
    site: &mut ValidSite,
    diagnostics: &mut Diagnostics,
) {
    if !c.publish.render_body {
        return;
    }
    let Some(body) = bodies.get(&c.document.path) else {
        return;
    };
    diagnostics.extend(body.diagnostics.iter().cloned());
    if !c.publish.published {
        if body.has_site_links {
            site.failed_with_site_links
                .push((c.document.path.clone(), Arc::clone(&body.rendered)));
        }
        return;
    }
    let document = c.document;
    match &c.check.article {
        Some(checked_article) => {
            let key = fingerprint(&(check_key(files, document), body.fingerprint));
            let article = match articles.get(&document.path) {
                Some((old, article)) if *old == key => Arc::clone(article),
                _ => {
                    let article = Arc::new(finish_article(checked_article, document, body));
                    articles.insert(document.path.clone(), (key, Arc::clone(&article)));
                    article
                }
            };
            if body.has_site_links {
                site.with_site_links.push(ArticleId(site.articles.len()));
            }
            site.articles.push(article);
        }
        None if c.check.is_page => site.pages.push(page(c, body)),
        None => {}
    }
}

/// The content path of the file at `target` (`en/hoat-dong/anh.jpg`): the
/// file itself, or for a translation, the file at the same place beside
/// its original (`hoat-dong/anh.jpg`), so that a translated article keeps
/// the pictures its original links to.
fn find_asset(
    config: &SiteConfig,
    document: &Document,
    target: &str,
    exists: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if exists(target) {
        return Some(target.to_string());
    }
    let (language, _) = config.language_of(&document.path);
    let beside_original = target.strip_prefix(language)?.strip_prefix('/')?;
    (language != config.main_language && exists(beside_original))
        .then(|| beside_original.to_string())
}

/// Whether `document` is a standalone page: under `pages/` of its
/// language's content.
fn is_page(config: &SiteConfig, document: &Document) -> bool {
    config
        .language_of(&document.path)
        .1
        .starts_with(crate::content::PAGES_DIR)
}

/// A standalone page from its checks and its body.
fn page(c: &Checked, body: &CachedBody) -> Page {
    let document = c.document;
    let front = &document.front;
    let rendered = Arc::clone(&body.rendered);
    Page {
        source: document.path.clone(),
        language: c.check.language.clone(),
        output_dir: c.check.output_dir.clone(),
        url: c.check.url.clone(),
        title: front.title.clone().unwrap_or_default(),
        summary: front
            .summary
            .clone()
            .unwrap_or_else(|| rendered.first_paragraph.clone()),
        aliases: alias_outputs(document, &mut Diagnostics::default()),
        fingerprint: fingerprint(&(document.text_hash, body.fingerprint)),
        body: rendered,
    }
}

/// The checked article with what only its rendered body tells.
fn finish_article(checked: &Article, document: &Document, body: &CachedBody) -> Article {
    let mut article = checked.clone();
    if article.summary.is_empty() {
        article.summary = body.rendered.first_paragraph.clone();
    }
    article.body = Arc::clone(&body.rendered);
    article.fingerprint = fingerprint(&(document.text_hash, body.fingerprint, &article.url));
    article.listed = fingerprint(&(
        article.date,
        &article.url,
        &article.districts,
        &article.category,
        &article.tags,
        &article.laws,
    ));
    let long_first_paragraph =
        document.front.summary.is_none() && article.summary.chars().count() > SUMMARY_LIMIT;
    article.linted = fingerprint(&(
        &article.source,
        document.front_hash,
        long_first_paragraph.then_some(document.text_hash),
    ));
    article
}

fn check_document(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    document: &Document,
) -> CheckedDocument {
    let mut diagnostics = Diagnostics::default();
    let front = &document.front;
    comment_cut_warnings(document, &mut diagnostics);
    unknown_fields(document, &mut diagnostics);
    let title = front.title.clone().unwrap_or_default();
    if title.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                &document.display_path,
                document.front_text().key("title"),
                msg!("missing-title"),
            )
            .with_help(msg!("help.missing-title")),
        );
    }
    let (language, _) = config.language_of(&document.path);
    let language = language.to_string();
    let is_page = is_page(config, document);
    let (output_dir, url) = output_dir_and_url(config, document, root_path, &mut diagnostics);
    let aliases = alias_outputs(document, &mut diagnostics);
    if is_page {
        return CheckedDocument {
            output_dir,
            url,
            language,
            is_page,
            article: None,
            draft: false,
            has_errors: diagnostics.has_errors(),
            diagnostics: diagnostics.into_sorted(),
        };
    }
    let (date, updated) = dates(config, document, &mut diagnostics);
    let districts = districts(config, document, date, &mut diagnostics);
    let category = category(config, document, &mut diagnostics);
    let tags = terms(&front.tags, "tags", document, &mut diagnostics);
    let laws = match files.laws {
        Some(register) => cited_laws(register, document, &mut diagnostics),
        None => terms(&front.laws, "laws", document, &mut diagnostics),
    };
    let image = image(config, files, root_path, document, &title, &mut diagnostics);
    let draft = front.draft.unwrap_or(false);
    let article = date.map(|date| Article {
        source: document.path.clone(),
        language: language.clone(),
        output_dir: output_dir.clone(),
        url: url.clone(),
        title,
        date,
        updated,
        summary: front.summary.clone().unwrap_or_default(),
        districts,
        category,
        tags,
        laws,
        author: front.author.clone(),
        image,
        aliases,
        draft,
        body: Arc::default(),
        fingerprint: 0,
        listed: 0,
        linted: 0,
    });
    CheckedDocument {
        output_dir,
        url,
        language,
        is_page,
        article,
        draft,
        has_errors: diagnostics.has_errors(),
        diagnostics: diagnostics.into_sorted(),
    }
}

/// An error for each front matter field loa does not know, with the
/// closest known one.
fn unknown_fields(document: &Document, diagnostics: &mut Diagnostics) {
    let front = &document.front;
    let fm = document.front_text();
    let path = &document.display_path;
    let error = |position: Position, message: Message| Diagnostic::error(path, position, message);
    for field in front.unknown.keys() {
        let help = did_you_mean(field, crate::content::front_matter::FIELDS.iter().copied())
            .unwrap_or_else(|| {
                msg!(
                    "help.known-fields",
                    fields = crate::content::front_matter::FIELDS.join(", ")
                )
            });
        diagnostics
            .push(error(fm.key(field), msg!("unknown-field", field = field)).with_help(help));
    }
}

/// The output folder and the URL of a document, refused when a listing
/// owns its first segment.
fn output_dir_and_url(
    config: &SiteConfig,
    document: &Document,
    root_path: &str,
    diagnostics: &mut Diagnostics,
) -> (String, String) {
    let fm = document.front_text();
    let path = &document.display_path;
    let error = |position: Position, message: Message| Diagnostic::error(path, position, message);
    let output_dir = match output_dir(document) {
        Ok(dir) => dir,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            String::new()
        }
    };
    let url = if output_dir.is_empty() {
        root_path.to_string()
    } else {
        format!("{root_path}{output_dir}/")
    };
    if !is_page(config, document) {
        // An article of another language sits under its `<code>/`.
        let (_, in_language) = config.language_of(&output_dir);
        if let Some(first) = in_language
            .split('/')
            .next()
            .filter(|s| crate::model::is_reserved_segment(s))
        {
            diagnostics.push(
                error(
                    fm.key("slug"),
                    msg!("reserved-url", url = &output_dir, first = first),
                )
                .with_help(msg!("help.reserved-url")),
            );
        }
    }
    (output_dir, url)
}

/// `date` and `updated`, in the site's offset.
fn dates(
    config: &SiteConfig,
    document: &Document,
    diagnostics: &mut Diagnostics,
) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    let front = &document.front;
    let fm = document.front_text();
    let path = &document.display_path;
    let error = |position: Position, message: Message| Diagnostic::error(path, position, message);
    let date = match &front.date {
        None => {
            diagnostics.push(
                error(fm.key("date"), msg!("missing-date")).with_help(msg!("help.missing-date")),
            );
            None
        }
        // Shown in the site's offset (feeds, pages), whatever offset was written.
        Some(text) => parse_date(text, config.timezone)
            .map(|d| d.with_timezone(&config.timezone))
            .or_else(|| {
                diagnostics.push(date_error(path, fm.value("date", text), "date", text));
                None
            }),
    };
    let updated = front.updated.as_ref().and_then(|text| {
        parse_date(text, config.timezone)
            .map(|d| d.with_timezone(&config.timezone))
            .or_else(|| {
                diagnostics.push(date_error(path, fm.value("updated", text), "updated", text));
                None
            })
    });
    if let (Some(date), Some(updated), Some(text)) = (date, updated, &front.updated) {
        if updated < date {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    fm.value("updated", text),
                    msg!("updated-before-date", text = text),
                )
                .with_help(msg!("help.updated-before-date")),
            );
        }
    }

    (date, updated)
}

/// The units an article names, each once, resolved as of its date.
fn districts(
    config: &SiteConfig,
    document: &Document,
    date: Option<DateTime<FixedOffset>>,
    diagnostics: &mut Diagnostics,
) -> Vec<DistrictKey> {
    let front = &document.front;
    let fm = document.front_text();
    let path = &document.display_path;
    let error = |position: Position, message: Message| Diagnostic::error(path, position, message);
    let mut districts = Vec::new();
    for value in &front.districts {
        match resolve_district(config, value, date) {
            Ok(key) if !districts.contains(&key) => {
                if let Some(warning) = date.and_then(|date| outside_lifetime(config, &key, date)) {
                    let (message, help) = warning;
                    let mut d = Diagnostic::warning(path, fm.value("districts", value), message);
                    d.help = help;
                    diagnostics.push(d);
                }
                districts.push(key)
            }
            Ok(_) => {}
            Err(help) => {
                let mut d = error(
                    fm.value("districts", value),
                    msg!("unknown-district", value = value),
                );
                d.help = help;
                diagnostics.push(d);
            }
        }
    }
    districts
}

fn category(
    config: &SiteConfig,
    document: &Document,
    diagnostics: &mut Diagnostics,
) -> Option<CategoryKey> {
    let front = &document.front;
    let fm = document.front_text();
    let path = &document.display_path;
    let error = |position: Position, message: Message| Diagnostic::error(path, position, message);
    let category =
        front
            .category
            .as_ref()
            .and_then(|value| match resolve_category(config, value) {
                Ok(key) => Some(key),
                Err(help) => {
                    let mut d = error(
                        fm.value("category", value),
                        msg!("unknown-category", value = value),
                    );
                    d.help = help;
                    diagnostics.push(d);
                    None
                }
            });
    category
}

/// A date loa does not read: the same date written as loa reads it, when
/// the editor's form can be read (`20/11/2025` → `2025-11-20`), or what is
/// impossible about it.
fn date_error(path: &std::path::Path, position: Position, field: &str, text: &str) -> Diagnostic {
    use crate::dates::DateAdvice;
    match crate::dates::advise(text) {
        DateAdvice::Rewrite(date) => Diagnostic::error(
            path,
            position,
            msg!("date-order", field = field, text = text),
        )
        .with_help(msg!("help.date-order", field = field, date = date)),
        DateAdvice::Impossible { reason, swapped } => Diagnostic::error(
            path,
            position,
            msg!(
                "impossible-date",
                field = field,
                text = text,
                reason = reason
            ),
        )
        .with_help(match swapped {
            Some(date) => msg!("help.date-swapped", field = field, date = date),
            None => msg!("help.impossible-date"),
        }),
        DateAdvice::Unreadable => {
            Diagnostic::error(path, position, msg!("bad-date", field = field, text = text))
                .with_help(msg!("help.bad-date"))
        }
    }
}

/// A warning for each ` #` that cuts a free-text value short (see
/// [`crate::content::comments`]): the text YAML leaves out, and the line
/// written in quotes.
fn comment_cut_warnings(document: &Document, diagnostics: &mut Diagnostics) {
    use crate::content::comments::{comment_cuts, Place, FREE_TEXT_FIELDS};
    let fm = document.front_text();
    for cut in comment_cuts(fm.yaml) {
        if !FREE_TEXT_FIELDS.contains(&cut.field.as_str()) {
            continue;
        }
        let (field, lost) = (&cut.field, &cut.lost);
        let message = match cut.place {
            Place::Value | Place::Continuation => msg!("comment-cut", field = field, lost = lost),
            Place::Item | Place::Bracketed => msg!("comment-cut-item", field = field, lost = lost),
        };
        let help = match (&cut.fix, cut.place) {
            (Some(fix), Place::Value) => msg!("help.comment-cut-value", fix = fix),
            (Some(fix), _) => msg!("help.comment-in-list-quote", fix = fix.trim_start()),
            (None, Place::Continuation) => msg!("help.comment-cut-continuation", field = field),
            (None, _) => msg!("help.comment-cut-item"),
        };
        diagnostics.push(
            Diagnostic::warning(
                &document.display_path,
                Position::new(fm.first_line + cut.line, cut.column),
                message,
            )
            .with_help(help),
        );
    }
}

pub use crate::dates::parse_date;

/// A district given by key, or by name without regard to case, diacritics
/// or the administrative prefix, written in full or abbreviated on either
/// side (`Huyện Xuyên Mộc`, `xuyen moc`, `TP. Vũng Tàu` for `Thành phố Vũng
/// Tàu`, `Thành phố Hạ Long` for a unit named `Hạ Long`). The error is the
/// help text, if any.
/// A former key (`aliases` in site.toml) gives the unit's current key. When
/// a name fits several units (the commune Xuyên Mộc and the former district
/// Xuyên Mộc), a prefix that fits only one of them chooses it, else the one
/// that existed on the article's `date` is taken.
pub(crate) fn resolve_district(
    config: &SiteConfig,
    value: &str,
    date: Option<DateTime<FixedOffset>>,
) -> Result<DistrictKey, Option<Message>> {
    if let Some(unit) = crate::districts::by_key_or_alias(config, value) {
        return Ok(unit.key.clone());
    }
    let candidates: Vec<Candidate> = config
        .districts_with_names()
        .map(|(unit, name)| Candidate {
            key: &unit.key.0,
            level: name.level,
            aliases: &unit.aliases,
            name: &name.slug,
            bare: name.bare(),
        })
        .collect();
    let existed = |key: &str| {
        date.is_some_and(|date| {
            config
                .districts
                .iter()
                .any(|d| d.key.0 == key && d.exists_at(date))
        })
    };
    resolve_key(
        value,
        &crate::unit_names::name_readings(value),
        &candidates,
        KeyKind::District,
        existed,
    )
    .map(|k| DistrictKey(k.to_string()))
}

/// A warning when an article names a unit on a date it did not exist, with
/// the units to write instead: those that held its area on that date,
/// following every merge and division since (or before, for a unit that
/// did not exist yet).
pub(crate) fn outside_lifetime(
    config: &SiteConfig,
    key: &DistrictKey,
    date: DateTime<FixedOffset>,
) -> Option<(Message, Option<Message>)> {
    let unit = config.district(key)?;
    if unit.exists_at(date) {
        return None;
    }
    let units = crate::districts::Units::new(config);
    let index = units.index_of(key)?;
    let day = |d: DateTime<FixedOffset>| d.format("%d/%m/%Y").to_string();
    let keys = |ids: &[UnitId]| {
        ids.iter()
            .map(|&i| format!("`{}`", units.unit(i).key.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(ended) = unit.valid_to.filter(|&to| date >= to) {
        let successors: Vec<UnitId> = unit
            .merged_into
            .iter()
            .filter_map(|k| units.index_of(k))
            .collect();
        let (unit, on) = (key.0.as_str(), day(ended));
        let message = match successors.len() {
            0 => msg!("district-ended", unit = unit, on = &on),
            1 => msg!(
                "district-merged",
                unit = unit,
                into = keys(&successors),
                on = &on
            ),
            _ => msg!(
                "district-divided",
                unit = unit,
                among = keys(&successors),
                on = &on
            ),
        };
        let (now, passed) = units.successors_at(index, date);
        // Sentences in the reader's language, joined with `; `.
        let ended_too = passed
            .iter()
            .map(|&i| {
                let end = units.unit(i).valid_to.map(day).unwrap_or_default();
                msg!(
                    "help.district-ended-too",
                    unit = &units.unit(i).key.0,
                    on = end
                )
            })
            .reduce(|a, b| msg!("help.joined", first = a, second = b));
        let help = match (now.as_slice(), ended_too) {
            ([], _) if successors.is_empty() => None,
            ([], _) => Some(msg!("help.district-no-successor")),
            ([only], None) => Some(msg!(
                "help.district-write",
                units = keys(&[*only]),
                unit = unit
            )),
            ([only], Some(too)) => Some(msg!(
                "help.district-write-after",
                ended_too = too,
                units = keys(&[*only]),
                unit = unit
            )),
            (several, None) => Some(msg!(
                "help.district-write-among",
                units = keys(several),
                unit = unit
            )),
            (several, Some(too)) => Some(msg!(
                "help.district-write-among-after",
                ended_too = too,
                units = keys(several),
                unit = unit
            )),
        };
        return Some((message, help));
    }
    let begins = unit.valid_from?;
    let message = msg!("district-not-yet", unit = &key.0, from = day(begins));
    let (then, _) = units.predecessors_at(index, date);
    let help = match then.as_slice() {
        [] => None,
        [only] => Some(msg!("help.district-belonged", units = keys(&[*only]))),
        several => Some(msg!("help.district-belonged-among", units = keys(several))),
    };
    Some((message, help))
}

/// A category given by key, or by name without regard to case or diacritics.
pub(crate) fn resolve_category(
    config: &SiteConfig,
    value: &str,
) -> Result<CategoryKey, Option<Message>> {
    let names: Vec<String> = config.categories.iter().map(|c| slugify(&c.name)).collect();
    let candidates: Vec<Candidate> = config
        .categories
        .iter()
        .zip(&names)
        .map(|(c, name)| Candidate {
            key: &c.key.0,
            level: None,
            aliases: &[],
            name,
            bare: None,
        })
        .collect();
    let readings = [(None, slugify(value))];
    resolve_key(value, &readings, &candidates, KeyKind::Category, |_| false)
        .map(|k| CategoryKey(k.to_string()))
}

/// What a key of site.toml names, for the help of an unknown one.
#[derive(Clone, Copy)]
enum KeyKind {
    District,
    Category,
}

/// A key of site.toml and what a written name is compared with.
struct Candidate<'a> {
    key: &'a str,
    /// The unit's level, from its name's prefix or its `level`.
    level: Option<crate::unit_names::Level>,
    /// Former keys.
    aliases: &'a [String],
    /// The name as a slug, and without its prefix.
    name: &'a str,
    bare: Option<&'a str>,
}

impl<'a> Candidate<'a> {
    /// The key, former keys, the name and the name without its prefix.
    fn slugs(&self) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.key)
            .chain(self.aliases.iter().map(String::as_str))
            .chain(std::iter::once(self.name))
            .chain(self.bare)
    }
}

/// So many keys are listed, closest first, when nothing is close enough
/// to be a typo: a province has up to 168 units.
const CLOSEST_SHOWN: usize = 5;

/// The key that `value` (read as `readings`, see
/// [`crate::unit_names::name_readings`]) names. A key matches when one of
/// its slugs is a reading's slug and the levels agree (or one is unknown);
/// only when none does, whatever the levels. Several matches are narrowed
/// to the `preferred` one. The error is the help: a likely typo, or the
/// closest keys.
fn resolve_key<'a>(
    value: &str,
    readings: &[(Option<crate::unit_names::Level>, String)],
    candidates: &[Candidate<'a>],
    what: KeyKind,
    preferred: impl Fn(&str) -> bool,
) -> Result<&'a str, Option<Message>> {
    if let Some(exact) = candidates.iter().find(|c| c.key == value) {
        return Ok(exact.key);
    }
    let matching = |same_level: bool| -> BTreeSet<&'a str> {
        candidates
            .iter()
            .filter(|c| {
                readings.iter().any(|(level, slug)| {
                    c.slugs().any(|s| s == slug)
                        && (!same_level
                            || level.is_none()
                            || c.level.is_none()
                            || *level == c.level)
                })
            })
            .map(|c| c.key)
            .collect()
    };
    let mut matches = matching(true);
    if matches.is_empty() {
        matches = matching(false);
    }
    match matches.len() {
        1 => Ok(matches.into_iter().next().unwrap_or_default()),
        0 => Err(Some(unknown_key_help(readings, candidates, what))),
        _ => {
            let chosen: Vec<&str> = matches.iter().copied().filter(|k| preferred(k)).collect();
            match chosen.as_slice() {
                [only] => Ok(only),
                _ => Err(Some(msg!(
                    "help.matches-several",
                    value = value,
                    keys = matches.into_iter().collect::<Vec<_>>().join(", ")
                ))),
            }
        }
    }
}

/// `did you mean` the closest key when it is a likely typo; otherwise the
/// [`CLOSEST_SHOWN`] closest keys, by edit distance between the slugs.
fn unknown_key_help(
    readings: &[(Option<crate::unit_names::Level>, String)],
    candidates: &[Candidate],
    what: KeyKind,
) -> Message {
    if candidates.is_empty() {
        return match what {
            KeyKind::District => msg!("help.no-districts-defined"),
            KeyKind::Category => msg!("help.no-categories-defined"),
        };
    }
    let distance = |c: &Candidate| {
        readings
            .iter()
            .flat_map(|(_, slug)| c.slugs().map(|s| strsim::levenshtein(slug, s)))
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut ranked: Vec<(usize, usize, &str)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (distance(c), i, c.key))
        .collect();
    ranked.sort_unstable();
    // A third of the letters, of the name without its prefix when it has one.
    let typo_limit = readings
        .iter()
        .map(|(_, slug)| (slug.chars().count() / 3).max(2))
        .min()
        .unwrap_or(2);
    match ranked.first() {
        Some((d, _, key)) if *d <= typo_limit => msg!("help.did-you-mean", candidate = *key),
        _ if ranked.len() <= CLOSEST_SHOWN => msg!(
            "help.known-keys",
            keys = candidates
                .iter()
                .map(|c| c.key)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => msg!(
            "help.closest-keys",
            count = ranked.len(),
            keys = ranked
                .iter()
                .take(CLOSEST_SHOWN)
                .map(|(_, _, key)| *key)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn terms(
    values: &[String],
    field: &str,
    document: &Document,
    diagnostics: &mut Diagnostics,
) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for value in values {
        let slug = slugify(value);
        if slug.is_empty() {
            diagnostics.push(Diagnostic::error(
                &document.display_path,
                document.front_text().value(field, value),
                msg!("term-without-letters", value = value, field = field),
            ));
        } else if !terms.iter().any(|t| t.slug == slug) {
            // `tags: an ninh, trật tự` is one tag to YAML; a law's title may
            // hold a comma, a tag hardly ever does.
            if field == "tags" && value.contains(',') {
                let list: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect();
                diagnostics.push(
                    Diagnostic::warning(
                        &document.display_path,
                        document.front_text().value(field, value),
                        msg!("comma-in-tag", value = value, slug = &slug),
                    )
                    .with_help(if list.len() > 1 {
                        msg!(
                            "help.comma-in-tag",
                            count = list.len(),
                            list = list.join(", ")
                        )
                    } else {
                        msg!("help.comma-in-tag-one", list = list.join(""))
                    }),
                );
            }
            terms.push(Term {
                slug,
                name: value.clone(),
            });
        }
    }
    terms
}

/// The documents of the register an article's `laws:` entries name, each
/// once, as terms keyed by the document's key: an entry that names none
/// is an error with the closest keys.
fn cited_laws(
    register: &LawRegister,
    document: &Document,
    diagnostics: &mut Diagnostics,
) -> Vec<Term> {
    let mut cited: Vec<Term> = Vec::new();
    for written in &document.front.laws {
        match register.resolve(written) {
            Ok(law) => {
                if !cited.iter().any(|term| term.slug == law.key) {
                    cited.push(Term {
                        slug: law.key.clone(),
                        name: law.name(),
                    });
                }
            }
            Err(closest) => {
                let help = register.unresolved_help(&closest);
                diagnostics.push(
                    Diagnostic::error(
                        &document.display_path,
                        document.front_text().value("laws", written),
                        msg!("unknown-law", value = written),
                    )
                    .with_help(help),
                );
            }
        }
    }
    cited
}

fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// `hoat-dong/ket-noi.md` → `hoat-dong/ket-noi`; `a/b/index.md` → `a/b`;
/// every segment slugged, the last one replaced by `slug:` when given.
fn output_dir(document: &Document) -> Result<String, Diagnostic> {
    let path = &document.path;
    let stem = path
        .rsplit_once('.')
        .map_or(path.as_str(), |(stem, _)| stem);
    let mut segments: Vec<String> = stem.split('/').map(slugify).collect();
    if stem.rsplit('/').next() == Some("index") || stem.rsplit('/').next() == Some("_index") {
        segments.pop();
    }
    if let Some(slug) = &document.front.slug {
        if slug.contains(['/', '\\']) || slug.contains("..") || slug.contains(':') {
            return Err(Diagnostic::error(
                &document.display_path,
                document.front_text().value("slug", slug),
                msg!("bad-slug", slug = slug),
            )
            .with_help(msg!("help.bad-slug", slug = slugify(slug))));
        }
        let slug = slugify(slug);
        if slug.is_empty() {
            return Err(Diagnostic::error(
                &document.display_path,
                document.front_text().key("slug"),
                msg!("empty-slug"),
            ));
        }
        match segments.last_mut() {
            Some(last) => *last = slug,
            None => segments.push(slug),
        }
    }
    if segments.iter().any(String::is_empty) {
        return Err(Diagnostic::error(
            &document.display_path,
            Position::default(),
            msg!("name-without-letters"),
        )
        .with_help(msg!("help.name-without-letters")));
    }
    Ok(segments.join("/"))
}

/// The output files of the document's aliases. An alias is a path on this
/// site; `..`, backslashes, drive letters and query strings are refused so
/// that nothing can be written outside the output folder.
fn alias_outputs(document: &Document, diagnostics: &mut Diagnostics) -> Vec<String> {
    let mut outputs = Vec::new();
    for alias in &document.front.aliases {
        let position = document.front_text().value("aliases", alias);
        let relative = alias.trim_start_matches('/');
        let segments: Vec<&str> = relative.split('/').filter(|s| !s.is_empty()).collect();
        let unsafe_alias = alias.contains('\\')
            || alias.contains(':')
            || alias.starts_with("//")
            || alias.contains(['?', '#', '*', '"', '<', '>', '|'])
            || segments.is_empty()
            || segments
                .iter()
                .any(|s| *s == ".." || *s == "." || s.starts_with('.'));
        if unsafe_alias {
            diagnostics.push(
                Diagnostic::error(
                    &document.display_path,
                    position,
                    msg!("bad-alias", alias = alias),
                )
                .with_help(msg!("help.bad-alias")),
            );
            continue;
        }
        let joined = segments.join("/");
        let lower = joined.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            outputs.push(joined);
        } else {
            outputs.push(format!("{joined}/index.html"));
        }
    }
    outputs
}

/// Two documents may not share a URL, and an alias may not hide a page.
fn check_unique_outputs(checked: &[Checked], diagnostics: &mut Diagnostics) {
    let mut sorted: Vec<&Checked> = checked.iter().filter(|c| c.publish.published).collect();
    if !sorted.is_sorted_by(|a, b| a.document.path <= b.document.path) {
        sorted.sort_by(|a, b| a.document.path.cmp(&b.document.path));
    }
    // Every page is `<folder>/index.html`: keyed by folder, so that no file
    // name is built for each of thousands of articles on every rebuild.
    let mut folders: HashMap<&str, &str> =
        HashMap::with_capacity_and_hasher(sorted.len(), Default::default());
    for c in &sorted {
        if let Some(first) = folders.insert(&c.check.output_dir, &c.document.path) {
            diagnostics.push(
                Diagnostic::error(
                    &c.document.display_path,
                    // `slug:` when it made the URL, else the opening `---`.
                    c.document.front_text().key("slug"),
                    msg!("duplicate-url", url = &c.check.url, first = first),
                )
                .with_help(msg!("help.duplicate-url")),
            );
        }
    }
    let mut aliases: HashMap<&str, &str> = HashMap::default();
    for c in &sorted {
        for alias in c
            .check
            .article
            .as_ref()
            .map(|a| a.aliases.as_slice())
            .unwrap_or_default()
        {
            let page = match alias.strip_suffix("index.html") {
                Some("") => folders.get(""),
                Some(folder) => folder.strip_suffix('/').and_then(|f| folders.get(f)),
                None => None,
            };
            if let Some(owner) = page.or_else(|| aliases.get(alias.as_str())) {
                if *owner != c.document.path {
                    diagnostics.push(Diagnostic::error(
                        &c.document.display_path,
                        c.document.front_text().key("aliases"),
                        msg!("alias-replaces-page", alias = alias, owner = *owner),
                    ));
                }
            } else {
                aliases.insert(alias, &c.document.path);
            }
        }
    }
}

fn render_body(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    urls: &BTreeMap<&str, (&str, bool)>,
    document: &Document,
) -> Option<CachedBody> {
    let content = files.content;
    let lookups = std::cell::RefCell::new(Vec::new());
    let (language, _) = config.language_of(&document.path);
    let lookup = |target: &str| {
        let found = urls
            .get(target)
            .map(|(url, published)| (url.to_string(), *published));
        lookups
            .borrow_mut()
            .push(Lookup::Article(target.to_string(), found.clone()));
        found
    };
    let linked_document = |target: &str| {
        let found = if language == config.main_language {
            lookup(target)
        } else {
            // A translation keeps its original's links: each leads to the
            // version in the translation's language where there is one.
            let (target_language, in_language) = config.language_of(target);
            let (own, original) = if target_language == language {
                (target.to_string(), in_language)
            } else {
                (format!("{language}/{target}"), target)
            };
            lookup(&own).or_else(|| lookup(original))
        };
        found.map(|(url, published)| markdown::LinkedDocument { url, published })
    };
    // Every path looked at is recorded: the body is made again when
    // one of them appears or goes.
    let exists = |path: &str| {
        let exists = content.asset_paths.contains(path);
        lookups
            .borrow_mut()
            .push(Lookup::Asset(path.to_string(), exists));
        exists
    };
    let asset = |target: &str| find_asset(config, document, target, &exists);
    let source_dir = parent_dir(&document.path);
    let picture = |query: &markdown::PictureQuery| {
        let answer = answer_picture(config, files, root_path, query);
        let path = query.path();
        lookups
            .borrow_mut()
            .push(Lookup::Picture(path.to_string(), picture_key(files, path)));
        answer
    };
    let lead_picture = match &document.front.image {
        Some(value) => image_path(config, content, document, value).ok().flatten(),
        None => None,
    };
    let law = |key: &str| {
        let exists = has_law(files, key);
        lookups
            .borrow_mut()
            .push(Lookup::Law(key.to_string(), exists));
        exists.then(|| law_url(config, root_path, language, key))
    };
    let resolver = LinkResolver {
        root_path,
        source_dir,
        document: &linked_document,
        asset: &asset,
        law: &law,
        language,
        picture: &picture,
        lead_picture: lead_picture.as_deref(),
    };
    let (rendered, problems) = markdown::render(document.body(), config.allow_html, &resolver);
    let diagnostics = body_diagnostics(config, files, urls, document, problems, &rendered);
    let mut lookups = lookups.into_inner();
    if diagnostics.iter().any(|d| d.is_error()) {
        // Suggestions for a broken link depend on every other article: such
        // a body is rendered again on the next build.
        lookups.push(Lookup::Never);
    }
    Some(CachedBody {
        text_hash: document.text_hash,
        lookups,
        fingerprint: fingerprint(&rendered.html),
        has_site_links: !rendered.links.is_empty(),
        rendered: Arc::new(rendered),
        diagnostics,
    })
}

/// The mistakes of a rendered body.
fn body_diagnostics(
    config: &SiteConfig,
    files: &Files,
    urls: &BTreeMap<&str, (&str, bool)>,
    document: &Document,
    problems: Vec<Problem>,
    rendered: &Rendered,
) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .filter(|problem| {
            // A link to a file that exists but has errors of its own is
            // reported through those errors.
            !matches!(problem, Problem::BrokenArticleLink { target, .. } if files.content.markdown_paths.contains(target))
        })
        .map(|problem| problem_diagnostic(problem, document, files, urls))
        .collect();
    diagnostics.extend(large_body(
        config,
        document,
        is_page(config, document),
        rendered.html.len(),
    ));
    diagnostics
}

/// The day `now` is in the site's time zone (the last day there is for
/// the end of time, which `loa` uses to publish everything).
fn local_day(config: &SiteConfig, now: DateTime<Utc>) -> chrono::NaiveDate {
    let offset = chrono::TimeDelta::seconds(i64::from(config.timezone.local_minus_utc()));
    now.naive_utc()
        .checked_add_signed(offset)
        .unwrap_or(now.naive_utc())
        .date()
}

/// Whether the register has a document with this key.
fn has_law(files: &Files, key: &str) -> bool {
    files
        .laws
        .is_some_and(|register| register.get(key).is_some())
}

/// The page of the legal document `key` in `language`.
fn law_url(config: &SiteConfig, root_path: &str, language: &str, key: &str) -> String {
    let language_dir = if language == config.main_language {
        String::new()
    } else {
        format!("{language}/")
    };
    format!("{root_path}{language_dir}{}/{key}/", Kind::Law.segment())
}

/// An `@law/` link to a key the register does not have.
fn unknown_law_link(document: &Document, files: &Files, offset: usize, key: &str) -> Diagnostic {
    let help = match files.laws {
        None => msg!("help.law-link-without-register"),
        Some(register) => match register.resolve(key) {
            // Written as a number or a title: the key is what links take.
            Ok(law) => msg!("help.did-you-mean", candidate = format!("@law/{}", law.key)),
            Err(closest) if !closest.is_empty() => msg!(
                "help.did-you-mean",
                candidate = format!("@law/{}", closest[0])
            ),
            Err(_) => msg!("help.unknown-law-empty-register"),
        },
    };
    Diagnostic::error(
        &document.display_path,
        document.body_position(offset),
        msg!("unknown-law-link", key = key),
    )
    .with_help(help)
}

/// The diagnostic of one problem Markdown rendering found in a body.
fn problem_diagnostic(
    problem: Problem,
    document: &Document,
    files: &Files,
    urls: &BTreeMap<&str, (&str, bool)>,
) -> Diagnostic {
    let path = &document.display_path;
    let content = files.content;
    match problem {
        Problem::BadPicture {
            offset,
            target,
            problem,
        } => bad_picture(path, document.body_position(offset), &target, &problem),
        Problem::NarrowPicture {
            offset,
            width,
            wanted,
        } => small_picture(path, document.body_position(offset), width, wanted),
        Problem::UnknownLawLink { offset, key } => unknown_law_link(document, files, offset, &key),
        Problem::BrokenArticleLink { offset, target } => {
            let candidates: Vec<&str> = urls.keys().copied().collect();
            let mut d = Diagnostic::error(
                path,
                document.body_position(offset),
                msg!("broken-article-link", target = &target),
            );
            d.help = crate::diagnostics::closest(&target, candidates.iter().copied())
                .map(|c| msg!("help.did-you-mean", candidate = format!("@/{c}")))
                .or_else(|| Some(msg!("help.broken-article-link")));
            d
        }
        Problem::UnpublishedArticleLink { offset, target } => {
            unpublished_link(path, document.body_position(offset), &target)
        }
        Problem::MissingFile {
            offset,
            target,
            image,
        } => missing_file(document, content, offset, &target, image),
        Problem::OutsideContent { offset, written } => Diagnostic::error(
            path,
            document.body_position(offset),
            msg!("outside-content", written = &written),
        )
        .with_help(msg!("help.outside-content")),
        Problem::RawHtmlDropped { offset } => {
            Diagnostic::warning(path, document.body_position(offset), msg!("raw-html"))
                .with_help(msg!("help.raw-html"))
        }
        Problem::ScriptUrlDropped { offset, scheme } => Diagnostic::warning(
            path,
            document.body_position(offset),
            msg!("script-link", scheme = scheme),
        )
        .with_help(msg!("help.script-link")),
        Problem::UndefinedFootnote { offset, written } => Diagnostic::error(
            path,
            document.body_position(offset),
            msg!("undefined-footnote", written = &written),
        )
        .with_help(msg!("help.undefined-footnote", written = &written)),
        Problem::UndefinedReference {
            offset,
            written,
            label,
        } => Diagnostic::error(
            path,
            document.body_position(offset),
            msg!("undefined-reference", written = &written, label = &label),
        )
        .with_help(msg!("help.undefined-reference", label = &label)),
        Problem::AddressWithSpaces {
            offset,
            written,
            image,
        } => address_with_spaces(document, offset, &written, image),
        Problem::ImageWithoutAlt { offset } => Diagnostic::warning(
            path,
            document.body_position(offset),
            msg!("image-without-alt"),
        )
        .with_help(msg!("help.image-without-alt")),
    }
}

/// A link or picture whose file is not beside the article: a website
/// written without `https://`, or a missing file with the one meant.
fn missing_file(
    document: &Document,
    content: &Content,
    offset: usize,
    target: &str,
    image: bool,
) -> Diagnostic {
    let path = &document.display_path;
    let source_dir = parent_dir(&document.path);
    match web_address(source_dir, target) {
        Some(address) => Diagnostic::error(
            path,
            document.body_position(offset),
            msg!("address-without-scheme", address = address),
        )
        .with_help(msg!(
            "help.address-without-scheme",
            brackets = if image { "![...]" } else { "[...]" },
            address = address
        )),
        None => {
            let message = if image {
                msg!("missing-body-image", target = target)
            } else {
                msg!("missing-link-target", target = target)
            };
            Diagnostic::error(path, document.body_position(offset), message)
                .with_help(missing_file_help(content, source_dir, target))
        }
    }
}

/// A link or picture whose address has a space, so Markdown shows it as
/// text: the same written with `<…>`.
fn address_with_spaces(
    document: &Document,
    offset: usize,
    written: &str,
    image: bool,
) -> Diagnostic {
    let path = &document.display_path;
    let fixed = written
        .split_once("](")
        .map(|(text, address)| format!("{text}](<{}>)", address.trim_end_matches(')').trim()))
        .unwrap_or_default();
    let (message, help) = if image {
        (
            msg!("image-address-with-spaces", written = written),
            msg!("help.image-address-with-spaces", fixed = &fixed),
        )
    } else {
        (
            msg!("link-address-with-spaces", written = written),
            msg!("help.link-address-with-spaces", fixed = &fixed),
        )
    };
    Diagnostic::error(path, document.body_position(offset), message).with_help(help)
}

/// An article or page whose HTML is larger than this many bytes is slow
/// to open on a phone.
pub(crate) const LARGE_BODY_BYTES: usize = 1_000_000;

/// The warnings for a body of `bytes` of HTML: too large for a phone
/// (over [`LARGE_BODY_BYTES`]), too large for the feeds (an article over
/// `feed_body_limit`, whose feed items carry its summary: see
/// [`crate::feed`]).
fn large_body(
    config: &SiteConfig,
    document: &Document,
    is_page: bool,
    bytes: usize,
) -> Option<Diagnostic> {
    let size = |bytes: usize| {
        if bytes >= 1_000_000 {
            format!("{:.1} MB", bytes as f64 / 1_000_000.0)
        } else {
            format!("{} KB", bytes.div_ceil(1000))
        }
    };
    let for_phone = bytes > LARGE_BODY_BYTES;
    let for_feeds = !is_page && !config.feed_summary_only && bytes > config.feed_body_limit;
    let phone_help = || msg!("help.large-article");
    let (message, help) = match (for_phone, for_feeds) {
        (true, _) if is_page => (msg!("large-page", size = size(bytes)), phone_help()),
        (true, true) => (msg!("large-article", size = size(bytes)), phone_help()),
        (true, false) => (
            msg!("large-article-phone", size = size(bytes)),
            phone_help(),
        ),
        (false, true) => (
            msg!(
                "feed-summary-only",
                size = size(bytes),
                limit = size(config.feed_body_limit)
            ),
            msg!("help.feed-summary-only"),
        ),
        (false, false) => return None,
    };
    Some(Diagnostic::warning(&document.display_path, Position::default(), message).with_help(help))
}

/// The warning for a link to a draft or a scheduled article: the link is
/// right, but leads nowhere until that article is published.
pub(crate) fn unpublished_link(
    path: &std::path::Path,
    position: Position,
    target: &str,
) -> Diagnostic {
    Diagnostic::warning(path, position, msg!("unpublished-link", target = target))
        .with_help(msg!("help.unpublished-link"))
}

/// The file a link or an image meant when it names one that `content/`
/// does not hold, from the article's folder `source_dir`: the same name in other
/// letter case (a web server tells `anh.JPG` from `anh.jpg`), a file of
/// that name in another folder, or the closest name beside the article.
fn file_meant(content: &Content, source_dir: &str, target: &str) -> Option<Message> {
    let lower = target.to_lowercase();
    let name = lower.rsplit('/').next().unwrap_or_default();
    let name_of = |path: &str| path.rsplit('/').next().unwrap_or_default().to_lowercase();
    if let Some(found) = content
        .asset_paths
        .iter()
        .find(|p| p.to_lowercase() == lower)
    {
        return Some(msg!(
            "help.file-case",
            file = relative_path(source_dir, found)
        ));
    }
    if let Some(found) = content.asset_paths.iter().find(|p| name_of(p) == name) {
        return Some(msg!(
            "help.file-elsewhere",
            folder = parent_dir(found),
            file = relative_path(source_dir, found)
        ));
    }
    let beside: Vec<&str> = content
        .asset_paths
        .iter()
        .filter(|p| parent_dir(p) == source_dir)
        .map(String::as_str)
        .collect();
    let typed = target.rsplit('/').next().unwrap_or_default();
    crate::diagnostics::closest(
        typed,
        beside
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or_default()),
    )
    .map(|close| msg!("help.did-you-mean", candidate = close))
}

/// The help for a file that does not exist: the file meant, else where to
/// put it.
fn missing_file_help(content: &Content, source_dir: &str, target: &str) -> Message {
    file_meant(content, source_dir, target).unwrap_or_else(|| {
        let folder = if source_dir.is_empty() {
            String::new()
        } else {
            format!("{source_dir}/")
        };
        msg!("help.missing-file", folder = folder)
    })
}

/// The relative path from the folder `from` to the content path `to`, both
/// under `content/`: `("hoat-dong", "huong-dan/don.pdf")` → `../huong-dan/don.pdf`.
fn relative_path(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// `www.bocongan.gov.vn` or `bocongan.gov.vn/tin-tuc` written without
/// `https://`: CommonMark reads it as a file beside the article.
fn web_address<'a>(source_dir: &str, target: &'a str) -> Option<&'a str> {
    let written = if source_dir.is_empty() {
        target
    } else {
        target.strip_prefix(source_dir)?.strip_prefix('/')?
    };
    let host = written.split('/').next()?.to_ascii_lowercase();
    let web = host.starts_with("www.")
        || [".vn", ".com", ".net", ".org", ".gov", ".edu", ".info"]
            .iter()
            .any(|end| host.ends_with(end) && host.len() > end.len());
    web.then_some(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`resolve_district`] with its help in English.
    fn resolve(
        config: &SiteConfig,
        value: &str,
        date: Option<DateTime<FixedOffset>>,
    ) -> Result<DistrictKey, Option<String>> {
        resolve_district(config, value, date).map_err(|help| help.map(|h| h.en()))
    }

    fn config() -> SiteConfig {
        let text = "title = \"T\"\nbase_url = \"https://e.org\"\n\
            [[districts]]\nkey = \"xuyen-moc\"\nname = \"Huyện Xuyên Mộc\"\n\
            [[districts]]\nkey = \"dat-do\"\nname = \"Huyện Đất Đỏ\"\n\
            [[districts]]\nkey = \"vung-tau\"\nname = \"Thành phố Vũng Tàu\"\n";
        SiteConfig::parse(std::path::Path::new("site.toml"), text).unwrap()
    }

    #[test]
    fn districts_match_by_key_or_name() {
        let c = config();
        for value in [
            "xuyen-moc",
            "Huyện Xuyên Mộc",
            "xuyen moc",
            "XUYÊN MỘC",
            "huyen xuyen moc",
        ] {
            assert_eq!(
                resolve(&c, value, None),
                Ok(DistrictKey("xuyen-moc".into())),
                "{value}"
            );
        }
        assert_eq!(
            resolve(&c, "Vũng Tàu", None),
            Ok(DistrictKey("vung-tau".into()))
        );
        assert_eq!(
            resolve(&c, "xuyen-mok", None),
            Err(Some("did you mean `xuyen-moc`?".into()))
        );
    }

    #[test]
    fn a_prefix_is_ignored_on_either_side_in_full_or_abbreviated() {
        let text = "title = \"T\"\nbase_url = \"https://e.org\"\n\
            [[districts]]\nkey = \"ha-long\"\nname = \"Hạ Long\"\nlevel = \"thành phố\"\n\
            [[districts]]\nkey = \"tien-yen\"\nname = \"Tiên Yên\"\n\
            [[districts]]\nkey = \"vung-tau\"\nname = \"Thành phố Vũng Tàu\"\n\
            [[districts]]\nkey = \"quang-yen\"\nname = \"TX Quảng Yên\"\n\
            [[districts]]\nkey = \"quan-hoa\"\nname = \"Huyện Quan Hóa\"\n";
        let c = SiteConfig::parse(std::path::Path::new("site.toml"), text).unwrap();
        for (value, key) in [
            ("Thành phố Hạ Long", "ha-long"),
            ("TP Hạ Long", "ha-long"),
            ("tp. ha long", "ha-long"),
            ("Hạ Long", "ha-long"),
            ("Huyện Tiên Yên", "tien-yen"),
            ("huyen tien yen", "tien-yen"),
            ("Tiên Yên", "tien-yen"),
            ("TP. Vũng Tàu", "vung-tau"),
            ("Tp Vũng Tàu", "vung-tau"),
            ("THÀNH PHỐ VŨNG TÀU", "vung-tau"),
            ("Vũng Tàu", "vung-tau"),
            // The level written does not matter when only one unit fits.
            ("Huyện Vũng Tàu", "vung-tau"),
            ("Thị xã Quảng Yên", "quang-yen"),
            ("thi xa quang yen", "quang-yen"),
            ("Quảng Yên", "quang-yen"),
            ("Quan Hóa", "quan-hoa"),
            ("huyen quan hoa", "quan-hoa"),
        ] {
            assert_eq!(
                resolve(&c, value, None),
                Ok(DistrictKey(key.into())),
                "{value}"
            );
        }
    }

    #[test]
    fn a_prefix_chooses_between_units_of_one_name() {
        let text = "title = \"T\"\nbase_url = \"https://e.org\"\n\
            [[districts]]\nkey = \"long-dien\"\nname = \"Huyện Long Điền\"\nvalid_to = 2025-01-01\n\
            [[districts]]\nkey = \"xa-long-dien\"\nname = \"Xã Long Điền\"\nvalid_from = 2025-07-01\n";
        let c = SiteConfig::parse(std::path::Path::new("site.toml"), text).unwrap();
        let at = |d: &str| Some(parse_date(d, c.timezone).unwrap());
        let key = |k: &str| Ok(DistrictKey(k.into()));
        assert_eq!(
            resolve(&c, "Huyện Long Điền", at("2026-03-01")),
            key("long-dien")
        );
        assert_eq!(
            resolve(&c, "xa long dien", at("2024-03-01")),
            key("xa-long-dien")
        );
        // Without a prefix the article's date decides.
        assert_eq!(
            resolve(&c, "Long Điền", at("2026-03-01")),
            key("xa-long-dien")
        );
        assert_eq!(resolve(&c, "Long Điền", at("2024-03-01")), key("long-dien"));
        assert_eq!(
            resolve(&c, "Long Điền", None),
            Err(Some(
                "`Long Điền` matches several: long-dien, xa-long-dien; write the key".into()
            ))
        );
    }

    #[test]
    fn an_unknown_district_lists_the_five_closest_keys() {
        let mut text = String::from("title = \"T\"\nbase_url = \"https://e.org\"\n");
        for name in [
            "Xã Long Hải",
            "Xã Long Điền",
            "Xã Phước Hải",
            "Xã Đất Đỏ",
            "Xã Xuyên Mộc",
            "Xã Hòa Hiệp",
            "Xã Bàu Lâm",
            "Xã Hòa Hội",
            "Xã Hồ Tràm",
            "Xã Bình Châu",
        ] {
            text.push_str(&format!(
                "[[districts]]\nkey = \"{}\"\nname = \"{name}\"\n",
                slugify(name)
            ));
        }
        let c = SiteConfig::parse(std::path::Path::new("site.toml"), &text).unwrap();
        assert_eq!(
            resolve(&c, "Phường Long Hương", None),
            Err(Some(
                "the closest of the 10 keys in site.toml: xa-long-hai, xa-long-dien, \
                 xa-hoa-hoi, xa-hoa-hiep, xa-dat-do"
                    .into()
            ))
        );
        // A typo, with or without the prefix.
        assert_eq!(
            resolve(&c, "Xã Long Hảii", None),
            Err(Some("did you mean `xa-long-hai`?".into()))
        );
        assert_eq!(
            resolve(&c, "Binh Chau", None),
            Ok(DistrictKey("xa-binh-chau".into()))
        );
    }
}
