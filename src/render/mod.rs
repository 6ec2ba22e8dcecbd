//! The render stage: Tera templates and feeds, in parallel, straight into
//! the output sink. Every template gets the context documented in
//! `docs/templates.md`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rayon::prelude::*;
use serde_json::{json, Map, Value};
use tera::{Context, Tera};

mod site_files;

use crate::config::SiteConfig;
use crate::error::Error;
use crate::feed::{self, FeedChannel, FeedFormat};
use crate::hash::fingerprint;
use crate::index::{Index, Listing};
use crate::model::Kind;
use crate::model::{Article, Page, ValidSite};
use crate::output::Sink;
use crate::subscribe;
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

/// One file of the output.
enum Job<'a> {
    Home,
    Article(usize),
    Page(&'a Page),
    ListingPage(&'a Listing, usize),
    Overview(Kind),
    /// A listing's feed (the site's for `None`) in one format.
    Feed(Option<&'a Listing>, FeedFormat),
    /// A district's feed at a former key's address, so that readers
    /// subscribed before the rename keep receiving it.
    DistrictAliasFeed(&'a Listing, &'a str, FeedFormat),
    /// `full.xml`: every article, when `feed_full = true`.
    FullFeed,
    NotFound,
    Alias(&'a str, &'a str),
    /// A former key of a district: its old page redirects to the new one.
    DistrictAlias(&'a Listing, &'a str),
    Sitemap,
    Robots,
    Subscribe,
    Opml,
}

/// Everything the jobs share.
struct Shared<'a> {
    config: &'a SiteConfig,
    site: &'a ValidSite,
    index: &'a Index,
    templates: &'a Templates,
    root: String,
    base: Value,
    /// This build's number in [`BUILDS`].
    build: u64,
    /// Per article, its summary while no page has it: see [`Shared::lend`].
    summaries: Vec<Mutex<Option<Arc<Value>>>>,
    /// Changes exactly when the summary does: what listings show of an
    /// article (a body edit leaves its listing pages alone).
    summary_fingerprints: Vec<u64>,
    /// Absolute URL of the feeds' channel image.
    logo: Option<String>,
    /// Per article and feed format, its entry once some feed made it.
    feed_entries: Vec<[OnceLock<Arc<str>>; 3]>,
}

impl Shared<'_> {
    /// The summaries of `indices`, to move into a page's context and
    /// [`Shared::give_back`] after. Tera wants a context it owns, and a card
    /// is on a page of each of its listings (district, category, tags,
    /// laws): cloning it for every one was two fifths of rendering a
    /// listing page. A summary is copied only while a serve session's
    /// cache shares it, and made again while another page has it.
    fn lend(&self, indices: &[usize]) -> Vec<Value> {
        indices
            .iter()
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
                    None => summary_json(self.config, &self.site.articles[i], &self.root),
                }
            })
            .collect()
    }

    /// Returns summaries lent by [`Shared::lend`], as they were lent.
    fn give_back(&self, indices: &[usize], summaries: Vec<Value>) {
        for (&i, summary) in indices.iter().zip(summaries) {
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
    fn feed_entry(&self, i: usize, format: FeedFormat, keep: bool) -> Arc<str> {
        let slot = &self.feed_entries[i][format as usize];
        let make = || feed::entry(format, self.config, &self.site.articles[i]).into();
        match (slot.get(), keep) {
            (Some(entry), _) => Arc::clone(entry),
            (None, true) => Arc::clone(slot.get_or_init(make)),
            (None, false) => make(),
        }
    }
}

/// Renders the whole site into `sink` and returns how many files were written
/// (static files not counted).
pub fn render_site(
    config: &SiteConfig,
    theme: &Theme,
    site: &ValidSite,
    index: &Index,
    sink: &dyn Sink,
    cache: &mut RenderCache,
    timings: &mut crate::timings::Timings,
) -> Result<usize, Error> {
    // Parsed once per session: the cache is dropped when the theme changes.
    let templates = match &cache.templates {
        Some(templates) => Arc::clone(templates),
        None => Arc::new(Templates::new(theme)?),
    };
    cache.templates = Some(Arc::clone(&templates));
    let root = config.root_path();
    let mut shared = Shared {
        config,
        site,
        index,
        templates: &templates,
        base: base_context(config, index, theme, &root),
        build: BUILDS.fetch_add(1, Ordering::Relaxed),
        summaries: Vec::new(),
        summary_fingerprints: Vec::new(),
        logo: feed::logo_url(config, theme),
        root,
        feed_entries: Vec::new(),
    };
    let made: Vec<(Arc<Value>, u64, bool)> = site
        .articles
        .par_iter()
        .map(|a| match cache.summaries.get(&a.source) {
            Some((article, value, summary)) if *article == a.fingerprint => {
                (Arc::clone(value), *summary, false)
            }
            _ => {
                let value = summary_json(config, a, &shared.root);
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
    (shared.summaries, shared.summary_fingerprints) = made
        .into_iter()
        .map(|(value, summary, _)| (Mutex::new(Some(value)), summary))
        .unzip();
    shared.feed_entries = site
        .articles
        .iter()
        .map(|a| match cache.feed_entries.get(&a.source) {
            Some((article, entries)) if *article == a.fingerprint => entries
                .clone()
                .map(|e| e.map(OnceLock::from).unwrap_or_default()),
            _ => Default::default(),
        })
        .collect();

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
    let base_fingerprint = fingerprint(&(
        shared.base.to_string(),
        theme.templates.iter().map(|t| &t.text).collect::<Vec<_>>(),
    ));
    // A district's page also shows its successors, parent and children with
    // their counts: computed once per district, not once per page.
    let units = crate::districts::Units::new(config);
    let district_fingerprints: HashMap<&str, u64> = index
        .districts
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.key.as_str(),
                fingerprint(&district_json(&shared, &units, i).to_string()),
            )
        })
        .collect();
    let keyed: Vec<(String, u64)> = jobs
        .par_iter()
        .map(|job| job_key(&shared, job, base_fingerprint, &district_fingerprints))
        .collect();
    timings.lap("render: fingerprints");
    let outcomes: Vec<Option<String>> = jobs
        .par_iter()
        .zip(&keyed)
        .map(|(job, (id, fp))| match cache.written.get(id) {
            Some(old) if old.fingerprint == *fp => Ok(None),
            _ => run(&shared, job, sink).map(Some),
        })
        .collect::<Result<_, Error>>()?;
    let rendered = outcomes.iter().filter(|o| o.is_some()).count();
    timings.lap("render: templates and writes");
    cache.generation += 1;
    let generation = cache.generation;
    // Files the last build wrote and no job writes now (a deleted or renamed
    // article, a listing page fewer) are removed, unless another job took
    // the same path over.
    let mut maybe_stale: Vec<String> = Vec::new();
    for ((id, fingerprint), outcome) in keyed.into_iter().zip(outcomes) {
        match (cache.written.get_mut(&id), outcome) {
            (Some(old), None) => old.generation = generation,
            (_, Some(path)) => {
                let new = Written {
                    fingerprint,
                    path,
                    generation,
                };
                if let Some(old) = cache.written.insert(id, new) {
                    maybe_stale.push(old.path);
                }
            }
            (None, None) => {}
        }
    }
    cache.written.retain(|_, w| {
        let current = w.generation == generation;
        if !current {
            maybe_stale.push(std::mem::take(&mut w.path));
        }
        current
    });
    if !maybe_stale.is_empty() {
        let current: HashSet<&str> = cache.written.values().map(|w| w.path.as_str()).collect();
        for path in maybe_stale.iter().filter(|p| !current.contains(p.as_str())) {
            sink.remove(path)?;
        }
    }
    // Only the newest articles of each listing have entries: a few thousand
    // at most, kept afresh.
    cache.feed_entries = site
        .articles
        .iter()
        .zip(&shared.feed_entries)
        .filter(|(_, entries)| entries.iter().any(|e| e.get().is_some()))
        .map(|(a, entries)| {
            let made: FeedEntries = entries.each_ref().map(|e| e.get().cloned());
            (a.source.clone(), (a.fingerprint, made))
        })
        .collect();
    timings.lap("render: stale files");
    Ok(rendered)
}

/// Every file a build renders (static files and the files beside the
/// articles are copied, not rendered).
fn jobs<'a>(config: &'a SiteConfig, site: &'a ValidSite, index: &'a Index) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job::Home,
        Job::NotFound,
        Job::Sitemap,
        Job::Robots,
        Job::Subscribe,
        Job::Opml,
    ];
    jobs.extend(FeedFormat::ALL.map(|format| Job::Feed(None, format)));
    if config.feed_full {
        jobs.push(Job::FullFeed);
    }
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend(site.pages.iter().map(Job::Page));
    for kind in Kind::ALL {
        jobs.push(Job::Overview(kind));
    }
    for listing in index.all() {
        jobs.extend(FeedFormat::ALL.map(|format| Job::Feed(Some(listing), format)));
        for page in 1..=listing.page_count(config.per_page) {
            jobs.push(Job::ListingPage(listing, page));
        }
    }
    for article in &site.articles {
        jobs.extend(article.aliases.iter().map(|a| Job::Alias(a, &article.url)));
    }
    for page in &site.pages {
        jobs.extend(page.aliases.iter().map(|a| Job::Alias(a, &page.url)));
    }
    for (district, listing) in config.districts.iter().zip(&index.districts) {
        jobs.extend(
            district
                .aliases
                .iter()
                .map(|a| Job::DistrictAlias(listing, a)),
        );
        for alias in &district.aliases {
            jobs.extend(
                FeedFormat::ALL.map(|format| Job::DistrictAliasFeed(listing, alias, format)),
            );
        }
    }
    jobs
}

/// The path, relative to the output root, of every file a build renders:
/// what links on the site may point to, besides static files and the files
/// beside the articles.
pub fn output_paths(config: &SiteConfig, site: &ValidSite, index: &Index) -> Vec<String> {
    jobs(config, site, index)
        .iter()
        .map(|job| job.output_path(site))
        .collect()
}

impl Job<'_> {
    /// Where the job's file goes, relative to the output root: the one rule
    /// for it, shared by rendering and by the link check.
    fn output_path(&self, site: &ValidSite) -> String {
        match self {
            Job::Home => "index.html".to_string(),
            Job::Article(i) => format!("{}/index.html", site.articles[*i].output_dir),
            Job::Page(page) => format!("{}/index.html", page.output_dir),
            Job::ListingPage(listing, page) if *page <= 1 => {
                format!("{}/index.html", listing.dir())
            }
            Job::ListingPage(listing, page) => {
                format!("{}/page/{page}/index.html", listing.dir())
            }
            Job::Overview(kind) => format!("{}/index.html", kind.segment()),
            Job::Feed(None, format) => format.file_name().to_string(),
            Job::Feed(Some(listing), format) => {
                format!("{}/{}", listing.dir(), format.file_name())
            }
            Job::DistrictAliasFeed(_, alias, format) => {
                format!(
                    "{}/{alias}/{}",
                    Kind::District.segment(),
                    format.file_name()
                )
            }
            Job::FullFeed => feed::FULL_FEED_FILE.to_string(),
            Job::NotFound => "404.html".to_string(),
            Job::Alias(path, _) => path.to_string(),
            Job::DistrictAlias(_, alias) => {
                format!("{}/{alias}/index.html", Kind::District.segment())
            }
            Job::Sitemap => "sitemap.xml".to_string(),
            Job::Robots => "robots.txt".to_string(),
            Job::Subscribe => format!("{}/index.html", subscribe::PAGE_DIR),
            Job::Opml => subscribe::OPML_FILE.to_string(),
        }
    }
}

/// [`fingerprint`] of a JSON value, without printing it first.
fn value_fingerprint(value: &Value) -> u64 {
    fn feed(value: &Value, hasher: &mut std::hash::DefaultHasher) {
        use std::hash::Hash;
        std::mem::discriminant(value).hash(hasher);
        match value {
            Value::Null => {}
            Value::Bool(b) => b.hash(hasher),
            Value::Number(n) => n.to_string().hash(hasher),
            Value::String(s) => s.hash(hasher),
            Value::Array(items) => {
                items.len().hash(hasher);
                items.iter().for_each(|item| feed(item, hasher));
            }
            Value::Object(map) => {
                map.len().hash(hasher);
                for (key, item) in map {
                    key.hash(hasher);
                    feed(item, hasher);
                }
            }
        }
    }
    let mut hasher = std::hash::DefaultHasher::new();
    feed(value, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Drops the entries of articles no longer on the site.
fn retain_articles<T>(map: &mut HashMap<String, T>, site: &ValidSite) {
    let sources: HashSet<&str> = site.articles.iter().map(|a| a.source.as_str()).collect();
    map.retain(|source, _| sources.contains(source.as_str()));
}

/// What the last build of a serve session rendered, so the next one only
/// renders pages whose inputs changed. Dropped when the configuration or the
/// theme changes.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// For a build that is the only one: nothing is kept for a next one,
    /// and no file is compared with what an earlier build wrote.
    one_shot: bool,
    templates: Option<Arc<Templates>>,
    /// Job id → what it wrote last.
    written: HashMap<String, Written>,
    /// Counts builds, to find the jobs the last one did not have.
    generation: u64,
    /// Article source → (article fingerprint, summary, summary fingerprint).
    summaries: HashMap<String, (u64, Arc<Value>, u64)>,
    /// Article source → (article fingerprint, its feed entries made so far).
    feed_entries: HashMap<String, (u64, FeedEntries)>,
}

/// An article's entry in each feed format, where one was made.
type FeedEntries = [Option<Arc<str>>; 3];

#[derive(Debug)]
struct Written {
    /// Of everything the file shows.
    fingerprint: u64,
    path: String,
    /// The build that last had this job.
    generation: u64,
}

impl RenderCache {
    pub fn one_shot() -> RenderCache {
        RenderCache {
            one_shot: true,
            ..RenderCache::default()
        }
    }

    pub fn is_one_shot(&self) -> bool {
        self.one_shot
    }

    /// Whether the last build rendered a file at `path`. A scan: asked
    /// only about the few static files that changed.
    pub fn wrote(&self, path: &str) -> bool {
        self.written.values().any(|w| w.path == path)
    }
}

/// A stable id for a job and the fingerprint of everything its file shows.
/// Two builds give a job the same fingerprint only if its file would have
/// the same bytes.
fn job_key(
    shared: &Shared,
    job: &Job,
    base: u64,
    district_fingerprints: &HashMap<&str, u64>,
) -> (String, u64) {
    let articles = |indices: &[usize]| -> Vec<u64> {
        indices
            .iter()
            .map(|&i| shared.site.articles[i].fingerprint)
            .collect()
    };
    let summaries = |indices: &[usize]| -> Vec<u64> {
        indices
            .iter()
            .map(|&i| shared.summary_fingerprints[i])
            .collect()
    };
    let listing_meta = |l: &Listing| {
        (
            l.kind,
            l.key.clone(),
            l.name.clone(),
            l.description.clone(),
            l.articles.len(),
        )
    };
    let all_listings = || shared.index.all().map(listing_meta).collect::<Vec<_>>();
    let limit = shared.config.feed_limit;
    match job {
        Job::Home => {
            let newest =
                &shared.index.newest[..shared.index.newest.len().min(shared.config.per_page)];
            let (districts, categories) = home_terms(shared);
            (
                "home".into(),
                fingerprint(&(
                    base,
                    summaries(newest),
                    Value::from(districts).to_string(),
                    Value::from(categories).to_string(),
                )),
            )
        }
        Job::Article(i) => {
            let a = &shared.site.articles[*i];
            (
                format!("article {}", a.source),
                fingerprint(&(base, a.fingerprint)),
            )
        }
        Job::Page(p) => (
            format!("page {}", p.source),
            fingerprint(&(base, p.fingerprint, &p.url)),
        ),
        Job::ListingPage(l, page) => {
            let per_page = shared.config.per_page;
            let start = ((page - 1) * per_page).min(l.articles.len());
            let end = (start + per_page).min(l.articles.len());
            let history = match l.kind {
                Kind::District => district_fingerprints.get(l.key.as_str()).copied(),
                _ => None,
            };
            (
                format!("listing {} {} {page}", l.kind.name(), l.key),
                fingerprint(&(
                    base,
                    listing_meta(l),
                    l.page_count(per_page),
                    summaries(&l.articles[start..end]),
                    history,
                )),
            )
        }
        Job::Overview(kind) => (
            format!("overview {}", kind.name()),
            fingerprint(&(
                base,
                shared
                    .index
                    .of_kind(*kind)
                    .iter()
                    .map(listing_meta)
                    .collect::<Vec<_>>(),
            )),
        ),
        Job::Feed(listing, format) => {
            let indices = listing.map_or(&shared.index.newest, |l| &l.articles);
            let take = &indices[..indices.len().min(limit)];
            (
                format!(
                    "feed {} {}",
                    format.file_name(),
                    listing
                        .map(|l| format!("{} {}", l.kind.name(), l.key))
                        .unwrap_or_default()
                ),
                fingerprint(&(base, listing.map(listing_meta), articles(take))),
            )
        }
        Job::DistrictAliasFeed(l, alias, format) => {
            let take = &l.articles[..l.articles.len().min(limit)];
            (
                format!("alias feed {} {alias}", format.file_name()),
                fingerprint(&(base, listing_meta(l), articles(take))),
            )
        }
        Job::FullFeed => (
            "full feed".into(),
            fingerprint(&(base, articles(&shared.index.newest))),
        ),
        Job::NotFound => ("404".into(), base),
        Job::Robots => ("robots".into(), base),
        Job::Alias(path, url) => (format!("alias {path}"), fingerprint(&(base, path, url))),
        Job::DistrictAlias(l, alias) => (
            format!("district alias {alias}"),
            fingerprint(&(base, &l.key)),
        ),
        Job::Sitemap => {
            // What the sitemap shows of an article: its URL and dates.
            let dated = |i: usize| {
                let a = &shared.site.articles[i];
                (a.listed, a.updated)
            };
            (
                "sitemap".into(),
                fingerprint(&(
                    base,
                    shared
                        .index
                        .newest
                        .iter()
                        .map(|&i| dated(i))
                        .collect::<Vec<_>>(),
                    shared.site.pages.iter().map(|p| &p.url).collect::<Vec<_>>(),
                    shared
                        .index
                        .all()
                        .map(|l| (l.kind, &l.key, l.articles.first().map(|&i| dated(i))))
                        .collect::<Vec<_>>(),
                )),
            )
        }
        Job::Subscribe => ("subscribe".into(), fingerprint(&(base, all_listings()))),
        Job::Opml => ("opml".into(), fingerprint(&(base, all_listings()))),
    }
}

/// Renders one job into `sink` and returns the path it wrote.
fn run(shared: &Shared, job: &Job, sink: &dyn Sink) -> Result<String, Error> {
    let bytes = match job {
        Job::Home => home(shared)?,
        Job::Article(i) => article_page(shared, *i)?,
        Job::Page(page) => standalone_page(shared, page)?,
        Job::ListingPage(listing, page) => listing_page(shared, listing, *page)?,
        Job::Overview(kind) => overview(shared, *kind)?,
        Job::Feed(listing, format) => {
            feed_file(shared, *listing, *format, false, None).into_bytes()
        }
        Job::FullFeed => feed_file(shared, None, FeedFormat::Rss, true, None).into_bytes(),
        Job::DistrictAliasFeed(listing, alias, format) => {
            let dir = format!("{}/{alias}/", Kind::District.segment());
            feed_file(shared, Some(listing), *format, false, Some(&dir)).into_bytes()
        }
        Job::NotFound => not_found(shared)?,
        Job::DistrictAlias(listing, _) => site_files::redirect_page(
            &shared.config.language,
            &permalink(
                shared.config,
                &listing_url(&shared.root, Kind::District, &listing.key, 1),
            ),
        )
        .into_bytes(),
        Job::Alias(_, url) => {
            site_files::redirect_page(&shared.config.language, &permalink(shared.config, url))
                .into_bytes()
        }
        Job::Sitemap => sitemap(shared).into_bytes(),
        Job::Robots => {
            site_files::robots_txt(&format!("{}/sitemap.xml", shared.config.base_url)).into_bytes()
        }
        Job::Subscribe => subscribe_page(shared)?,
        Job::Opml => subscribe::opml(shared.config, shared.index, &shared.root).into_bytes(),
    };
    let path = job.output_path(shared.site);
    sink.write(&path, &bytes)?;
    Ok(path)
}

fn permalink(config: &SiteConfig, url: &str) -> String {
    format!("{}{url}", config.origin())
}

fn listing_url(root: &str, kind: Kind, key: &str, page: usize) -> String {
    if page <= 1 {
        format!("{root}{}/{key}/", kind.segment())
    } else {
        format!("{root}{}/{key}/page/{page}/", kind.segment())
    }
}

fn term_json(root: &str, kind: Kind, key: &str, name: &str, count: usize) -> Value {
    json!({
        "key": key,
        "name": name,
        "url": listing_url(root, kind, key, 1),
        "feed_url": format!("{root}{}/{key}/rss.xml", kind.segment()),
        "count": count,
    })
}

fn nav_term_json(root: &str, listing: &Listing) -> Value {
    let mut value = listing_json(root, listing);
    if let Value::Object(map) = &mut value {
        map.remove("count");
    }
    value
}

fn listing_json(root: &str, listing: &Listing) -> Value {
    term_json(
        root,
        listing.kind,
        &listing.key,
        &listing.name,
        listing.articles.len(),
    )
}

/// A district's term with its history and place in the hierarchy, so that a
/// merged unit's page can say so and link to its successors.
fn district_json(shared: &Shared, units: &crate::districts::Units, i: usize) -> Value {
    let root = &shared.root;
    let unit = &units.units[i];
    let term = |j: usize| listing_json(root, &shared.index.districts[j]);
    let mut value = term(i);
    if let Value::Object(map) = &mut value {
        if let Some(level) = &unit.level {
            map.insert("level".into(), level.clone().into());
        }
        for (field, date) in [("valid_from", unit.valid_from), ("valid_to", unit.valid_to)] {
            if let Some(date) = date {
                map.insert(field.into(), date.format("%Y-%m-%d").to_string().into());
                map.insert(
                    format!("{field}_display"),
                    date.format("%d/%m/%Y").to_string().into(),
                );
            }
        }
        map.insert("current".into(), unit.valid_to.is_none().into());
        let successors: Vec<Value> = unit
            .merged_into
            .iter()
            .filter_map(|k| units.index_of(k))
            .map(term)
            .collect();
        map.insert("successors".into(), successors.into());
        if let Some(parent) = units.parent(i) {
            map.insert("parent".into(), term(parent));
        }
        let children: Vec<Value> = units
            .children(i)
            .iter()
            .map(|&c| district_json(shared, units, c))
            .collect();
        map.insert("children".into(), children.into());
        map.insert("former_keys".into(), unit.aliases.clone().into());
    }
    value
}

fn base_context(config: &SiteConfig, index: &Index, theme: &Theme, root: &str) -> Value {
    json!({
        "site": {
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "language": config.language,
            "root_url": root,
            "feed_url": format!("{root}rss.xml"),
            "feeds": feed_links(root, &config.title),
            "subscribe_url": subscribe::page_url(root),
            "subscribe_title": crate::words::strings(&config.language).title,
            // The units a resident picks from today (not the ended ones).
            // No counts here: what every page gets must not change when
            // one article does, or an edit would re-render the whole site.
            "districts": crate::districts::Units::new(config)
                .current_choices()
                .into_iter()
                .map(|i| nav_term_json(root, &index.districts[i]))
                .collect::<Vec<_>>(),
            "categories": index.categories.iter().map(|l| nav_term_json(root, l)).collect::<Vec<_>>(),
        },
        "asset_url": root,
        "build_id": theme.build_id,
    })
}

fn summary_json(config: &SiteConfig, article: &Article, root: &str) -> Value {
    let district_terms: Vec<Value> = article
        .districts
        .iter()
        .filter_map(|key| config.district(key))
        .map(|d| term_json(root, Kind::District, &d.key.0, &d.name, 0))
        .collect();
    let mut map = Map::new();
    map.insert("title".into(), article.title.clone().into());
    map.insert("url".into(), article.url.clone().into());
    map.insert("permalink".into(), permalink(config, &article.url).into());
    map.insert("date".into(), article.date.to_rfc3339().into());
    map.insert(
        "date_display".into(),
        article.date.format("%d/%m/%Y").to_string().into(),
    );
    map.insert("summary".into(), article.summary.clone().into());
    map.insert("districts".into(), district_terms.into());
    map.insert("province_wide".into(), article.districts.is_empty().into());
    let terms = |kind, terms: &[crate::model::Term]| -> Value {
        terms
            .iter()
            .map(|t| term_json(root, kind, &t.slug, &t.name, 0))
            .collect()
    };
    map.insert("tags".into(), terms(Kind::Tag, &article.tags));
    map.insert("laws".into(), terms(Kind::Law, &article.laws));
    map.insert("draft".into(), article.draft.into());
    if let Some(updated) = article.updated {
        map.insert("updated".into(), updated.to_rfc3339().into());
        map.insert(
            "updated_display".into(),
            updated.format("%d/%m/%Y").to_string().into(),
        );
    }
    if let Some(category) = article.category.as_ref().and_then(|c| config.category(c)) {
        map.insert(
            "category".into(),
            term_json(root, Kind::Category, &category.key.0, &category.name, 0),
        );
    }
    if let Some(author) = &article.author {
        map.insert("author".into(), author.clone().into());
    }
    if let Some(image) = &article.image {
        map.insert(
            "image".into(),
            json!({"url": image.url, "permalink": absolute(config, &image.url), "alt": image.alt}),
        );
    }
    Value::Object(map)
}

fn absolute(config: &SiteConfig, url: &str) -> String {
    if url.starts_with('/') {
        permalink(config, url)
    } else {
        url.to_string()
    }
}

/// The common head values of a page, merged over the base context.
struct Head<'a> {
    title: Option<&'a str>,
    description: &'a str,
    url: &'a str,
    og_type: &'a str,
    og_image: Option<String>,
    feed_url: Option<String>,
}

/// A page's own values: its head, then `extra` (its template's values).
fn page_values(shared: &Shared, head: Head, extra: Value) -> Map<String, Value> {
    let mut map = Map::new();
    let page_title = match head.title {
        Some(title) => format!("{title} | {}", shared.config.title),
        None => shared.config.title.clone(),
    };
    map.insert("page_title".into(), page_title.clone().into());
    map.insert(
        "description".into(),
        shorten(head.description, DESCRIPTION_CHARS).into(),
    );
    map.insert(
        "permalink".into(),
        permalink(shared.config, head.url).into(),
    );
    map.insert("current_url".into(), head.url.into());
    map.insert("og_type".into(), head.og_type.into());
    if let Some(image) = head.og_image {
        map.insert("og_image".into(), image.into());
    }
    if let Some(feed) = head.feed_url {
        let dir = feed
            .strip_suffix(FeedFormat::Rss.file_name())
            .unwrap_or(&feed);
        map.insert("feeds".into(), feed_links(dir, &page_title));
        map.insert("feed_url".into(), feed.into());
    }
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    map
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

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// A JSON object of `fields`, moved in: `json!` would serialise each value
/// into a copy, a page's body or twenty cards at a time.
fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// The home page's districts (those offered today) and categories, with
/// their counts.
fn home_terms(shared: &Shared) -> (Vec<Value>, Vec<Value>) {
    let districts = crate::districts::Units::new(shared.config)
        .current_choices()
        .into_iter()
        .map(|i| listing_json(&shared.root, &shared.index.districts[i]))
        .collect();
    let categories = shared
        .index
        .categories
        .iter()
        .map(|l| listing_json(&shared.root, l))
        .collect();
    (districts, categories)
}

fn home(shared: &Shared) -> Result<Vec<u8>, Error> {
    let newest = &shared.index.newest[..shared.index.newest.len().min(shared.config.per_page)];
    let (districts, categories) = home_terms(shared);
    let extra = object([
        ("articles", Value::Array(shared.lend(newest))),
        ("districts", districts.into()),
        ("categories", categories.into()),
    ]);
    let head = Head {
        title: None,
        description: &shared.config.description,
        url: &shared.root,
        og_type: "website",
        og_image: None,
        feed_url: Some(format!("{}rss.xml", shared.root)),
    };
    let (html, mut values) = render_page(shared, "home.html", page_values(shared, head, extra));
    if let Some(Value::Array(lent)) = take_out(&mut values, &["articles"]) {
        shared.give_back(newest, lent);
    }
    html
}

/// The value at `path` (a key, then keys of nested objects), taken out of
/// a page's `values`: to give back what was lent into them.
fn take_out(values: &mut Map<String, Value>, path: &[&str]) -> Option<Value> {
    let (first, rest) = path.split_first()?;
    let mut value = values.remove(*first)?;
    for key in rest {
        value = match value {
            Value::Object(mut map) => map.remove(*key)?,
            _ => return None,
        };
    }
    Some(value)
}

fn article_page(shared: &Shared, index: usize) -> Result<Vec<u8>, Error> {
    let article = &shared.site.articles[index];
    let lent = std::slice::from_ref(&index);
    let mut value = shared.lend(lent).pop().unwrap_or_default();
    // A theme shows the front matter image above the body unless the
    // editor already placed it in the body, where it has a caption.
    let image_in_body = article.image.as_ref().is_some_and(|image| {
        article
            .body
            .html
            .contains(&format!("src=\"{}\"", image.url))
    });
    let reading_minutes = article.body.word_count.div_ceil(WORDS_PER_MINUTE).max(1);
    // Taken away again before listings get the summary back.
    let page_fields = [
        ("content", Value::from(article.body.html.clone())),
        ("has_code", article.body.has_code.into()),
        ("image_in_body", image_in_body.into()),
        ("reading_minutes", reading_minutes.into()),
    ];
    let added = page_fields.each_ref().map(|(name, _)| *name);
    if let Value::Object(map) = &mut value {
        map.extend(page_fields.map(|(name, field)| (name.to_string(), field)));
    }
    let head = Head {
        title: Some(&article.title),
        description: &article.summary,
        url: &article.url,
        og_type: "article",
        og_image: article
            .image
            .as_ref()
            .map(|i| absolute(shared.config, &i.url)),
        feed_url: None,
    };
    let values = page_values(shared, head, object([("article", value)]));
    let (html, mut values) = render_page(shared, "article.html", values);
    if let Some(Value::Object(mut summary)) = take_out(&mut values, &["article"]) {
        for name in added {
            summary.remove(name);
        }
        shared.give_back(lent, vec![Value::Object(summary)]);
    }
    html
}

fn standalone_page(shared: &Shared, page: &Page) -> Result<Vec<u8>, Error> {
    let value = json!({
        "title": page.title,
        "url": page.url,
        "permalink": permalink(shared.config, &page.url),
        "summary": page.summary,
        "content": page.body.html,
    });
    let head = Head {
        title: Some(&page.title),
        description: &page.summary,
        url: &page.url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    let values = page_values(shared, head, object([("page", value)]));
    render_page(shared, "page.html", values).0
}

fn listing_page(shared: &Shared, listing: &Listing, page: usize) -> Result<Vec<u8>, Error> {
    let per_page = shared.config.per_page;
    let total = listing.page_count(per_page);
    let start = ((page - 1) * per_page).min(listing.articles.len());
    let end = (start + per_page).min(listing.articles.len());
    let cards = &listing.articles[start..end];
    let url = listing_url(&shared.root, listing.kind, &listing.key, page);
    let mut pagination = Map::new();
    pagination.insert("current".into(), page.into());
    pagination.insert("total".into(), total.into());
    if page > 1 {
        pagination.insert(
            "prev_url".into(),
            listing_url(&shared.root, listing.kind, &listing.key, page - 1).into(),
        );
    }
    if page < total {
        pagination.insert(
            "next_url".into(),
            listing_url(&shared.root, listing.kind, &listing.key, page + 1).into(),
        );
    }
    let mut value = match listing.kind {
        Kind::District => {
            let units = crate::districts::Units::new(shared.config);
            match units.index_of(&crate::config::DistrictKey(listing.key.clone())) {
                Some(i) => district_json(shared, &units, i),
                None => listing_json(&shared.root, listing),
            }
        }
        _ => listing_json(&shared.root, listing),
    };
    if let Value::Object(map) = &mut value {
        map.insert("kind".into(), listing.kind.name().into());
        map.insert(
            "kind_name".into(),
            crate::words::strings(&shared.config.language)
                .heading(listing.kind)
                .into(),
        );
        map.insert(
            "overview_url".into(),
            format!("{}{}/", shared.root, listing.kind.segment()).into(),
        );
        map.insert("description".into(), listing.description.clone().into());
        map.insert("articles".into(), Value::Array(shared.lend(cards)));
        map.insert("pagination".into(), Value::Object(pagination));
    }
    let title = if page > 1 {
        format!(
            "{}: {} (trang {page})",
            crate::words::strings(&shared.config.language).heading(listing.kind),
            listing.name
        )
    } else {
        format!(
            "{}: {}",
            crate::words::strings(&shared.config.language).heading(listing.kind),
            listing.name
        )
    };
    let description = if listing.description.is_empty() {
        format!(
            "Tin bài mới nhất về {} trên trang {}",
            listing.name, shared.config.title
        )
    } else {
        listing.description.clone()
    };
    let head = Head {
        title: Some(&title),
        description: &description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: Some(format!("{}{}/rss.xml", shared.root, listing.dir())),
    };
    let values = page_values(shared, head, object([("listing", value)]));
    let (html, mut values) = render_page(shared, "listing.html", values);
    if let Some(Value::Array(lent)) = take_out(&mut values, &["listing", "articles"]) {
        shared.give_back(cards, lent);
    }
    html
}

fn overview(shared: &Shared, kind: Kind) -> Result<Vec<u8>, Error> {
    let terms: Vec<Value> = shared
        .index
        .of_kind(kind)
        .iter()
        .map(|l| listing_json(&shared.root, l))
        .collect();
    let url = format!("{}{}/", shared.root, kind.segment());
    let description = format!(
        "{} trên trang {}",
        crate::words::strings(&shared.config.language).heading(kind),
        shared.config.title
    );
    let head = Head {
        title: Some(crate::words::strings(&shared.config.language).heading(kind)),
        description: &description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    let mut extra = object([
        ("terms", terms.into()),
        ("kind", kind.name().into()),
        (
            "kind_name",
            crate::words::strings(&shared.config.language)
                .heading(kind)
                .into(),
        ),
    ]);
    if kind == Kind::District {
        let units = crate::districts::Units::new(shared.config);
        let tree: Vec<Value> = units
            .roots()
            .map(|i| district_json(shared, &units, i))
            .collect();
        extra["tree"] = tree.into();
    }
    let template = if kind == Kind::District {
        "districts.html"
    } else {
        "terms.html"
    };
    render_page(shared, template, page_values(shared, head, extra)).0
}

/// `/subscribe/`: every feed with its QR code (see `subscribe`).
fn subscribe_page(shared: &Shared) -> Result<Vec<u8>, Error> {
    let strings = crate::words::strings(&shared.config.language);
    let url = subscribe::page_url(&shared.root);
    let head = Head {
        title: Some(strings.title),
        description: strings.intro,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    let extra = subscribe::page_context(shared.config, shared.index, &shared.root);
    let values = page_values(shared, head, extra);
    render_page(shared, "subscribe.html", values).0
}

fn not_found(shared: &Shared) -> Result<Vec<u8>, Error> {
    let url = format!("{}404.html", shared.root);
    let head = Head {
        title: Some("Không tìm thấy trang"),
        description: &shared.config.description,
        url: &url,
        og_type: "website",
        og_image: None,
        feed_url: None,
    };
    render_page(shared, "404.html", page_values(shared, head, json!({}))).0
}

/// `{type, url, title}` of each format of the feeds in the folder `dir_url`
/// (`/districts/xuyen-moc/`), for `<link rel="alternate">`.
fn feed_links(dir_url: &str, title: &str) -> Value {
    FeedFormat::ALL
        .iter()
        .map(|format| {
            json!({
                "type": format.mime_type(),
                "url": format!("{dir_url}{}", format.file_name()),
                "title": format!("{}: {title}", format.label()),
            })
        })
        .collect()
}

/// A feed file: a listing's (the site's for `None`) in `format`, or with
/// `full` the site's RSS archive of every article.
fn feed_file(
    shared: &Shared,
    listing: Option<&Listing>,
    format: FeedFormat,
    full: bool,
    dir_override: Option<&str>,
) -> String {
    let config = shared.config;
    let (indices, dir, title, description) = match listing {
        Some(l) => (
            &l.articles,
            format!("{}/", l.dir()),
            format!(
                "{}: {} – {}",
                crate::words::strings(&config.language).heading(l.kind),
                l.name,
                config.title
            ),
            l.description.clone(),
        ),
        None => (
            &shared.index.newest,
            String::new(),
            config.title.clone(),
            config.description.clone(),
        ),
    };
    let dir = dir_override.map_or(dir, str::to_string);
    let (file, limit) = if full {
        (feed::FULL_FEED_FILE, indices.len())
    } else {
        (format.file_name(), config.feed_limit)
    };
    let link = format!("{}{}{dir}", config.origin(), shared.root);
    let self_link = format!("{link}{file}");
    let channel = FeedChannel {
        title: &title,
        description: &description,
        link: &link,
        self_link: &self_link,
        logo: shared.logo.as_deref(),
    };
    let taken = &indices[..indices.len().min(limit)];
    let entries: Vec<Arc<str>> = taken
        .iter()
        .map(|&i| shared.feed_entry(i, format, !full))
        .collect();
    let items: Vec<(&Article, &str)> = taken
        .iter()
        .zip(&entries)
        .map(|(&i, entry)| (&*shared.site.articles[i], &**entry))
        .collect();
    feed::write(format, config, &channel, &items)
}

fn sitemap(shared: &Shared) -> String {
    let config = shared.config;
    let lastmod_of = |indices: &[usize]| {
        indices.first().map(|&i| {
            let a = &shared.site.articles[i];
            a.updated.unwrap_or(a.date).to_rfc3339()
        })
    };
    let mut entries = vec![site_files::SitemapEntry {
        loc: permalink(config, &shared.root),
        lastmod: lastmod_of(&shared.index.newest),
    }];
    for &i in &shared.index.newest {
        let article = &shared.site.articles[i];
        entries.push(site_files::SitemapEntry {
            loc: permalink(config, &article.url),
            lastmod: Some(article.updated.unwrap_or(article.date).to_rfc3339()),
        });
    }
    for page in &shared.site.pages {
        entries.push(site_files::SitemapEntry {
            loc: permalink(config, &page.url),
            lastmod: None,
        });
    }
    for kind in Kind::ALL {
        entries.push(site_files::SitemapEntry {
            loc: permalink(config, &format!("{}{}/", shared.root, kind.segment())),
            lastmod: None,
        });
    }
    entries.push(site_files::SitemapEntry {
        loc: permalink(config, &subscribe::page_url(&shared.root)),
        lastmod: None,
    });
    for listing in shared.index.all() {
        entries.push(site_files::SitemapEntry {
            loc: permalink(
                config,
                &listing_url(&shared.root, listing.kind, &listing.key, 1),
            ),
            lastmod: lastmod_of(&listing.articles),
        });
    }
    site_files::sitemap(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_fingerprints_tell_values_apart() {
        let values = [
            json!({"a": "b"}),
            json!({"a": "c"}),
            json!({"b": "b"}),
            json!({"a": ["b"]}),
            json!({"a": 1}),
            json!({"a": "1"}),
            json!([["a"], []]),
            json!([[], ["a"]]),
            json!(null),
            json!(false),
        ];
        let prints: std::collections::BTreeSet<u64> =
            values.iter().map(value_fingerprint).collect();
        assert_eq!(prints.len(), values.len());
        assert_eq!(
            value_fingerprint(&json!({"a": "b"})),
            value_fingerprint(&values[0])
        );
    }
}
