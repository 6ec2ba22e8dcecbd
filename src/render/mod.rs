//! The render stage: Tera templates and feeds, in parallel, straight into
//! the output sink. Every template gets the context documented in
//! `docs/templates.md`.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rayon::prelude::*;
use serde_json::{Map, Value};
use tera::{Context, Tera};

mod archive;
mod cache;
mod context;
mod inputs;
mod law_feed;
mod laws;
mod pages;
mod search;
mod site_files;
mod units;

pub use cache::RenderCache;

use crate::jobs::{jobs, Job, JobId};
use cache::{retain_articles, value_fingerprint, FeedEntries};
use context::{base_context, district_json, summary_json};
use pages::run;

use crate::config::SiteConfig;
use crate::districts::Units;
use crate::error::Error;
use crate::feed::{self};
use crate::hash::fingerprint;
use crate::index::Index;
use crate::languages::Alternates;
use crate::model::FeedFormat;
use crate::model::{ArticleId, PerArticle, ValidSite};
use crate::output::Sink;
use crate::theme::Theme;

/// Reading speed used for `reading_minutes`.
const WORDS_PER_MINUTE: usize = 200;
/// Longest meta description, in characters.
const DESCRIPTION_CHARS: usize = 200;

/// The templates, parsed once per build.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Templates, Error> {
        let mut tera = Tera::default();
        // Every file, not only `.html`: nothing from front matter reaches a
        // page unescaped.
        tera.autoescape_on(vec![""]);
        tera.set_escape_fn(escape_html);
        // Tera's own (its `builtins` feature) would bring a dozen crates
        // for this one filter: a URL inside another URL's query, such as
        // the address an article shares.
        tera.register_filter("urlencode_strict", urlencode_strict);
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|t| (t.name.as_str(), t.text.as_str())),
        )
        .map_err(|e| Error::Template {
            name: theme_template_path(theme, &e),
            message: error_chain(&e),
        })?;
        Ok(Templates { tera })
    }

    /// Bytes, not a `String`: they go straight to a file, and Tera's
    /// `render` would validate every page's UTF-8 once more.
    fn render(&self, name: &str, context: &Context) -> Result<Vec<u8>, Error> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, context, &mut bytes)
            .map_err(|e| Error::Template {
                name: name.to_string(),
                message: error_chain(&e),
            })?;
        Ok(bytes)
    }
}

/// `value` with every byte but ASCII letters and digits percent-encoded,
/// like Tera's built-in filter of the same name.
fn urlencode_strict(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("urlencode_strict takes a string"))?;
    Ok(tera::Value::String(
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string(),
    ))
}

/// Tera's default also escapes `/`, which bloats every URL on a page for no
/// safety gain in attribute values that are always quoted.
fn escape_html(text: &str) -> String {
    crate::html::escape_attribute(text)
}

fn theme_template_path(theme: &Theme, error: &tera::Error) -> String {
    let text = error_chain(error);
    theme
        .templates
        .iter()
        .find(|t| text.contains(&format!("'{}'", t.name)))
        .map(|t| t.path.display().to_string())
        .unwrap_or_else(|| "templates".to_string())
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// Everything the jobs share.
struct Shared<'a> {
    config: &'a SiteConfig,
    alternates: &'a Alternates,
    /// Each language's name in itself (`English`), for the switcher.
    names: BTreeMap<String, String>,
    /// Whether the listings also show another language's articles (the
    /// fallback of [`crate::languages`]), which feeds leave out.
    mixed: bool,
    site: &'a ValidSite,
    index: &'a Index,
    /// The units and their history, read once for every district page.
    units: Units<'a>,
    templates: &'a Templates,
    root: String,
    base: Value,
    /// This build's number in [`BUILDS`].
    build: u64,
    /// Per article, its summary while no page has it: see [`Shared::lend`].
    summaries: PerArticle<Mutex<Option<Arc<Value>>>>,
    /// Changes exactly when the summary does: what listings show of an
    /// article (a body edit leaves its listing pages alone).
    summary_fingerprints: PerArticle<u64>,
    /// The words of the pages' language.
    words: Arc<crate::words::Words>,
    /// Absolute URL of the feeds' channel image.
    logo: Option<String>,
    /// Per article and feed format, its entry once some feed made it.
    feed_entries: PerArticle<[OnceLock<Arc<str>>; 3]>,
}

impl Shared<'_> {
    /// The first `limit` of `ids` that a feed of this language carries: an
    /// English feed never carries a Vietnamese item.
    fn carried<'b>(&self, ids: &'b [ArticleId], limit: usize) -> std::borrow::Cow<'b, [ArticleId]> {
        if !self.mixed {
            return std::borrow::Cow::Borrowed(&ids[..ids.len().min(limit)]);
        }
        let own = |i: &&ArticleId| self.site.article(**i).language == self.config.language;
        std::borrow::Cow::Owned(ids.iter().filter(own).take(limit).copied().collect())
    }

    /// The summaries of `indices`, to move into a page's context and
    /// [`Shared::give_back`] after. Tera wants a context it owns, and a card
    /// is on a page of each of its listings (district, category, tags,
    /// laws): cloning it for every one was two fifths of rendering a
    /// listing page. A summary is copied only while a serve session's
    /// cache shares it, and made again while another page has it.
    fn lend(&self, ids: &[ArticleId]) -> Vec<Value> {
        ids.iter()
            .map(|&i| {
                let mut slot = self.summaries[i]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                match slot.take().map(Arc::try_unwrap) {
                    Some(Ok(summary)) => summary,
                    Some(Err(shared)) => {
                        let copy = (*shared).clone();
                        *slot = Some(shared);
                        copy
                    }
                    None => {
                        summary_json(self.config, &self.words, self.site.article(i), &self.root)
                    }
                }
            })
            .collect()
    }

    /// Returns summaries lent by [`Shared::lend`], as they were lent.
    fn give_back(&self, ids: &[ArticleId], summaries: Vec<Value>) {
        for (&i, summary) in ids.iter().zip(summaries) {
            self.summaries[i]
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert_with(|| Arc::new(summary));
        }
    }

    /// The entry of article `i` in `format`, made by the first feed that
    /// lists it and shared by the others. Without `keep` an entry not made
    /// yet is made and not kept: the archive feed of a large site lists
    /// every article, and no other feed would reuse most of them.
    fn feed_entry(&self, i: ArticleId, format: FeedFormat, keep: bool) -> Arc<str> {
        let slot = &self.feed_entries[i][format as usize];
        let make = || {
            let article = self.site.article(i);
            let notices = laws::notices(self, article, true);
            feed::entry(format, self.config, &self.words, article, &notices).into()
        };
        match (slot.get(), keep) {
            (Some(entry), _) => Arc::clone(entry),
            (None, true) => Arc::clone(slot.get_or_init(make)),
            (None, false) => make(),
        }
    }
}

/// The pages of one language to render (see [`crate::languages::View`]).
pub struct Language<'a> {
    pub config: &'a SiteConfig,
    pub site: &'a ValidSite,
    pub index: &'a Index,
    /// The versions of each page in the site's languages.
    pub alternates: &'a Alternates,
}

/// Renders the pages of one language into `sink` and returns how many
/// files were written (static files not counted).
pub fn render_site(
    language: &Language,
    theme: &Theme,
    sink: &dyn Sink,
    cache: &mut RenderCache,
    timings: &mut crate::timings::Timings,
) -> Result<usize, Error> {
    let Language {
        config,
        site,
        index,
        alternates,
    } = *language;
    // Parsed once per session: the cache is dropped when the theme changes.
    let templates = match &cache.templates {
        Some(templates) => Arc::clone(templates),
        None => Arc::new(Templates::new(theme)?),
    };
    cache.templates = Some(Arc::clone(&templates));
    let root = config.root_path();
    let units = Units::new(config);
    let words = theme.words(&config.language).with_menu(&config.menu);
    let names = alternates
        .languages
        .iter()
        .map(|l| {
            let words = theme.words(&l.code);
            let name = words
                .table
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or(&l.code)
                .to_string();
            (l.code.clone(), name)
        })
        .collect();
    let mut shared = Shared {
        alternates,
        names,
        mixed: site.articles.iter().any(|a| a.language != config.language),
        config,
        site,
        index,
        templates: &templates,
        base: base_context(config, &units, index, theme, &words, &site.pages, &root),
        words,
        units,
        build: BUILDS.fetch_add(1, Ordering::Relaxed),
        summaries: PerArticle::default(),
        summary_fingerprints: PerArticle::default(),
        logo: feed::logo_url(config, theme),
        root,
        feed_entries: PerArticle::default(),
    };
    let (values, fingerprints): (Vec<_>, Vec<_>) = summaries(&shared, cache)
        .into_iter()
        .map(|(value, summary)| (Mutex::new(Some(value)), summary))
        .unzip();
    shared.summaries = PerArticle::collect(values);
    shared.summary_fingerprints = PerArticle::collect(fingerprints);
    shared.feed_entries = PerArticle::collect(site.articles.iter().map(|a| {
        match cache.feed_entries.get(&a.source) {
            Some((article, entries)) if *article == entry_key(site, a) => entries
                .clone()
                .map(|e| e.map(OnceLock::from).unwrap_or_default()),
            _ => Default::default(),
        }
    }));
    timings.lap("render: summaries");
    let jobs = jobs(config, site, index);
    if cache.one_shot {
        let written = jobs
            .par_iter()
            .map(|job| run(&shared, job, sink))
            .collect::<Result<Vec<_>, Error>>()?;
        timings.lap("render: templates and writes");
        crate::memory::free_in_background((shared.summaries, shared.feed_entries));
        return Ok(written.len());
    }
    let rendered = render_changed(&shared, theme, &jobs, sink, cache, timings)?;
    keep_feed_entries(&shared, cache);
    timings.lap("render: stale files");
    Ok(rendered)
}

/// Each article's summary and its fingerprint, from the cache of a serve
/// session while the article is the same; the cache keeps the new ones.
fn summaries(shared: &Shared, cache: &mut RenderCache) -> Vec<(Arc<Value>, u64)> {
    let site = shared.site;
    let made: Vec<(Arc<Value>, u64, bool)> = site
        .articles
        .par_iter()
        .map(|a| match cache.summaries.get(&a.source) {
            Some((article, value, summary)) if *article == a.fingerprint => {
                (Arc::clone(value), *summary, false)
            }
            _ => {
                let value = summary_json(shared.config, &shared.words, a, &shared.root);
                let summary = value_fingerprint(&value);
                (Arc::new(value), summary, true)
            }
        })
        .collect();
    if !cache.one_shot {
        for (a, (value, summary, _)) in site.articles.iter().zip(&made).filter(|(_, m)| m.2) {
            cache.summaries.insert(
                a.source.clone(),
                (a.fingerprint, Arc::clone(value), *summary),
            );
        }
        if cache.summaries.len() > site.articles.len() {
            retain_articles(&mut cache.summaries, site);
        }
    }
    made.into_iter()
        .map(|(value, summary, _)| (value, summary))
        .collect()
}

/// Renders the jobs whose inputs changed since the last build of the
/// session and removes the files no job writes any more; returns how many
/// files were rendered.
fn render_changed(
    shared: &Shared,
    theme: &Theme,
    jobs: &[Job],
    sink: &dyn Sink,
    cache: &mut RenderCache,
    timings: &mut crate::timings::Timings,
) -> Result<usize, Error> {
    // The status of a law and the notices change with the day, not only
    // with a file: a serve session that runs past midnight shows them anew.
    let base_fingerprint = fingerprint(&(
        shared
            .site
            .laws
            .as_deref()
            .map(crate::laws::LawsOnDay::fingerprint),
        shared.base.to_string(),
        theme.templates.iter().map(|t| &t.text).collect::<Vec<_>>(),
    ));
    // A district's page also shows its successors, parent and children with
    // their counts: computed once per district, not once per page.
    let district_fingerprints: HashMap<&str, u64> = shared
        .units
        .ids()
        .map(|i| {
            (
                shared.index.district(i).key.as_str(),
                fingerprint(&district_json(shared, i).to_string()),
            )
        })
        .collect();
    let keyed: Vec<(JobId, u64)> = jobs
        .par_iter()
        .map(|job| {
            (
                job.id(shared.site),
                inputs::fingerprint_of(shared, job, base_fingerprint, &district_fingerprints),
            )
        })
        .collect();
    timings.lap("render: fingerprints");
    let outcomes: Vec<Option<String>> = jobs
        .par_iter()
        .zip(&keyed)
        .map(|(job, (id, fp))| match cache.written.get(id) {
            Some(old) if old.fingerprint == *fp => Ok(None),
            _ => run(shared, job, sink).map(Some),
        })
        .collect::<Result<_, Error>>()?;
    let rendered = outcomes.iter().filter(|o| o.is_some()).count();
    timings.lap("render: templates and writes");
    cache.record(keyed, outcomes, sink)?;
    Ok(rendered)
}

/// What an article's feed entries are made of: the article, and the day's
/// status of the laws it cites, whose notices head its body.
fn entry_key(site: &ValidSite, article: &crate::model::Article) -> u64 {
    match site.laws.as_deref() {
        Some(laws) if !article.laws.is_empty() => article.fingerprint ^ laws.fingerprint(),
        _ => article.fingerprint,
    }
}

/// Keeps the feed entries made by this build for the next: only the
/// newest articles of each listing have them, a few thousand at most.
fn keep_feed_entries(shared: &Shared, cache: &mut RenderCache) {
    cache.feed_entries = shared
        .site
        .articles
        .iter()
        .zip(shared.feed_entries.values())
        .filter(|(_, entries)| entries.iter().any(|e| e.get().is_some()))
        .map(|(a, entries)| {
            let made: FeedEntries = entries.each_ref().map(|e| e.get().cloned());
            (a.source.clone(), (entry_key(shared.site, a), made))
        })
        .collect();
}

/// Counts builds, so that a thread's [`BASE`] is never another build's.
static BUILDS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The context every page of a build shares (site, navigation), kept
    /// per thread with its build's number. Cloning it for every page, and
    /// freeing it after, was a tenth of rendering an article page.
    static BASE: RefCell<Option<(u64, Context)>> = const { RefCell::new(None) };
}

/// Renders `template` with a page's `values` over the base context, and
/// hands the values back (to give back what was lent into them).
fn render_page(
    shared: &Shared,
    template: &str,
    values: Map<String, Value>,
) -> (Result<Vec<u8>, Error>, Map<String, Value>) {
    BASE.with_borrow_mut(|kept| {
        let base = match kept {
            Some((build, base)) if *build == shared.build => base,
            _ => {
                let base = Context::from_value(shared.base.clone()).unwrap_or_default();
                &mut kept.insert((shared.build, base)).1
            }
        };
        let names: Vec<String> = values.keys().cloned().collect();
        let shadowed: Vec<(String, Value)> = names
            .iter()
            .filter_map(|name| Some((name.clone(), base.remove(name)?)))
            .collect();
        base.extend(Context::from_value(Value::Object(values)).unwrap_or_default());
        let html = shared.templates.render(template, base);
        let values: Map<String, Value> = names
            .into_iter()
            .filter_map(|name| Some((name.clone(), base.remove(&name)?)))
            .collect();
        let shadowed = Map::from_iter(shadowed);
        base.extend(Context::from_value(Value::Object(shadowed)).unwrap_or_default());
        (html, values)
    })
}
