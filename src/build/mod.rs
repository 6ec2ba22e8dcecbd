//! The pipeline driver: [`Site::load`] reads `site.toml`, `content/` and
//! the theme (the load stage); [`Site::build`] runs validate → index →
//! render → write on it, each stage a module of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};

mod output_folder;
mod static_files;

use crate::config::SiteConfig;
use crate::content::{self, Content};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::hash::fingerprint;
use crate::languages::{self, Alternates, View};
use crate::memory::free_in_background;
use crate::messages::msg;
use crate::messages::Message;
use crate::model::{HeldBackReason, ValidSite};
use crate::output::{self, Discard, Sink, Staging};
use crate::pictures::{self, PictureCache, Pictures};
use crate::theme::{self, Theme};
use crate::timings::Timings;
use crate::validate::{self, PublishRules};
use crate::{feed, index, links, lint, render};
use static_files::copy_files;

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `public/` in the site root when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.toml` (for previews).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Articles dated after this are scheduled and left out.
    pub now: DateTime<Utc>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            output: None,
            base_url: None,
            drafts: false,
            now: Utc::now(),
        }
    }
}

/// What a build or check did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    /// Files rendered (static files and images not counted).
    pub files: usize,
    /// Drafts left out: built only with `--drafts`.
    pub drafts_left_out: usize,
    /// Articles dated after the build's clock, left out until then.
    pub scheduled: usize,
    /// When the first scheduled article is due, in the site's timezone.
    pub first_scheduled: Option<DateTime<FixedOffset>>,
    pub warnings: Vec<Diagnostic>,
    /// Where the site was written; `None` for a check.
    pub output: Option<PathBuf>,
    /// Only what an edit affected was redone (a serve session's rebuild),
    /// not the whole site.
    pub incremental: bool,
    pub timings: Timings,
}

impl BuildReport {
    /// The line `build` and `serve` print after a build that `started`.
    pub fn summary_line(&self, started: std::time::Instant) -> Message {
        let line = msg!(
            "cli.built",
            articles = Message::count("count.articles", self.articles),
            pages = Message::count("count.pages", self.pages),
            files = Message::count("count.files", self.files),
            output = self.output.as_deref().unwrap_or(Path::new("")).display(),
            ms = started.elapsed().as_millis().to_string()
        );
        match self.left_out() {
            Some(left_out) => msg!("cli.with-left-out", line = line, left_out = left_out),
            None => line,
        }
    }

    /// What the build did not publish yet, so that an article never
    /// vanishes without a word: `2 scheduled (the first on 05/12/2026
    /// 08:00), 1 draft left out`; `None` when nothing was left out.
    pub fn left_out(&self) -> Option<Message> {
        let scheduled = self
            .first_scheduled
            .filter(|_| self.scheduled > 0)
            .map(|first| {
                let on = first.format("%d/%m/%Y %H:%M").to_string();
                if self.scheduled == 1 {
                    msg!("cli.scheduled-one", on = on)
                } else {
                    msg!("cli.scheduled", n = self.scheduled, on = on)
                }
            });
        let drafts = (self.drafts_left_out > 0).then(|| {
            msg!(
                "cli.drafts-left-out",
                drafts = Message::count("count.drafts", self.drafts_left_out)
            )
        });
        match (scheduled, drafts) {
            (Some(a), Some(b)) => Some(msg!("cli.and", first = a, second = b)),
            (a, b) => a.or(b),
        }
    }
}

/// A site loaded from disk: configuration, content and theme.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub content: Content,
    pub theme: Theme,
    /// `laws.toml`, when the site has one: the documents read whole.
    pub laws: Option<crate::laws::LawRegister>,
    /// The mistakes of `laws.toml`, reported with the content's.
    law_diagnostics: Vec<Diagnostic>,
}

/// A validated, indexed site, ready to render.
struct Prepared {
    site: ValidSite,
    pictures: Pictures,
    /// The pages of each language, the main one first.
    views: Vec<View>,
    alternates: Alternates,
    diagnostics: Diagnostics,
    timings: Timings,
}

/// What a serve session keeps between builds so that an edit redoes only
/// what it affects. Valid for one configuration and theme: drop it when
/// `site.toml`, templates or static files change.
#[derive(Debug, Default)]
pub struct BuildCache {
    validate: validate::ValidateCache,
    /// Per language.
    render: BTreeMap<String, render::RenderCache>,
    /// A one-shot build's caches keep nothing.
    one_shot: bool,
    /// `loa check`: the picture cache is read, not written.
    check_only: bool,
    lint: lint::LintCache,
    links: links::LinkCache,
    /// Per language: the index and the fingerprint of what it was made of.
    index: BTreeMap<String, ((u64, u64), Arc<index::Index>)>,
    /// Per language: the words of the search index, updated after an edit.
    search: BTreeMap<String, index::search::SearchState>,
    /// Output path → fingerprint of the static file or asset copied there.
    copied: std::collections::HashMap<String, u64>,
    pictures: PictureCache,
}

impl BuildCache {
    /// For a build that is the only one with this cache.
    fn one_shot() -> BuildCache {
        BuildCache {
            one_shot: true,
            ..BuildCache::default()
        }
    }

    /// The render cache of `language`.
    fn render_of(&mut self, language: &str) -> &mut render::RenderCache {
        let one_shot = self.one_shot;
        self.render.entry(language.to_string()).or_insert_with(|| {
            if one_shot {
                render::RenderCache::one_shot()
            } else {
                render::RenderCache::default()
            }
        })
    }

    /// Whether the last build of the session wrote `path`.
    fn wrote(&self, path: &str) -> bool {
        self.render.values().any(|cache| cache.wrote(path))
    }
}

impl Site {
    /// Reads everything the build needs. Fails only when `site.toml` or the
    /// theme is unusable; problems in single content files are kept and
    /// reported by [`Site::build`] together with the rest.
    pub fn load(root: &Path) -> Result<Site, Error> {
        let text = SiteConfig::read_text(root).map_err(|e| Error::Content(vec![e]))?;
        let content = content::load(root, &root.join("content"));
        let config = SiteConfig::parse(Path::new("site.toml"), &text);
        let (laws, law_diagnostics) = match crate::laws::read(root) {
            Some((register, diagnostics)) => (Some(register), diagnostics),
            None => (None, Vec::new()),
        };
        let theme = match &config {
            Ok(config) => theme::load(root, &config.theme, &config.languages()),
            Err(_) => Ok(Theme::default()),
        };
        match (config, theme) {
            (Ok(config), Ok(theme)) => Ok(Site {
                root: root.to_path_buf(),
                config,
                content,
                theme,
                laws,
                law_diagnostics,
            }),
            (config, theme) => {
                let mut diagnostics = content.diagnostics();
                diagnostics.extend(config.err().into_iter().flatten());
                diagnostics.extend(law_diagnostics);
                diagnostics.extend(theme.err().into_iter().flatten());
                Err(Error::Content(diagnostics.into_sorted()))
            }
        }
    }

    /// Builds the site into its output folder, replacing it only on success.
    pub fn build(mut self, options: &BuildOptions) -> Result<BuildReport, Error> {
        let output = self.output_dir(options)?;
        let mut cache = BuildCache::one_shot();
        let prepared = self.prepare(options, &mut cache)?;
        // Rendering reads neither the texts of the articles nor the checks
        // kept for later rebuilds: a large site's peak memory is lower
        // without them.
        let checks = std::mem::replace(&mut cache, BuildCache::one_shot());
        free_in_background((self.content.take_texts(), checks));
        let report = self.write(prepared, output, &mut cache);
        free_in_background((self, cache));
        report
    }

    /// [`Site::build`] that fills `cache` for later in-place rebuilds.
    pub fn build_with_cache(
        &self,
        options: &BuildOptions,
        cache: &mut BuildCache,
    ) -> Result<BuildReport, Error> {
        let output = self.output_dir(options)?;
        let prepared = self.prepare(options, cache)?;
        *cache = BuildCache {
            validate: std::mem::take(&mut cache.validate),
            lint: std::mem::take(&mut cache.lint),
            links: std::mem::take(&mut cache.links),
            index: std::mem::take(&mut cache.index),
            pictures: std::mem::take(&mut cache.pictures),
            ..BuildCache::default()
        };
        self.write(prepared, output, cache)
    }

    /// Renders a prepared site into a staging folder and swaps it in.
    fn write(
        &self,
        mut prepared: Prepared,
        output: PathBuf,
        cache: &mut BuildCache,
    ) -> Result<BuildReport, Error> {
        let staging = Staging::new(&output)?;
        // Copied first, so that a generated page always wins over a static
        // file of the same name.
        copy_files(
            self,
            &prepared.pictures,
            &staging,
            &mut cache.copied,
            &|_| false,
        )?;
        prepared.timings.lap("copy static files");
        let mut report = self.render(prepared, &staging, cache)?;
        let previous = staging.commit()?;
        report.timings.lap("swap in the new site");
        previous.remove();
        report.timings.lap("remove the previous site");
        report.output = Some(output);
        Ok(report)
    }

    /// Rebuilds into the output of an earlier [`Site::build_with_cache`]
    /// with the same `cache`, writing only files whose content changed and
    /// removing those no longer produced. The result is the same as a full
    /// build; on a content error nothing is written.
    pub fn rebuild_in_place(
        &self,
        options: &BuildOptions,
        cache: &mut BuildCache,
    ) -> Result<BuildReport, Error> {
        let output = self.output_dir(options)?;
        let mut prepared = self.prepare(options, cache)?;
        let sink = output::InPlace {
            root: output.clone(),
        };
        let mut copied = std::mem::take(&mut cache.copied);
        let copy = copy_files(self, &prepared.pictures, &sink, &mut copied, &|path| {
            cache.wrote(path)
        });
        cache.copied = copied;
        copy?;
        prepared.timings.lap("copy static files");
        let mut report = self.render(prepared, &sink, cache)?;
        report.output = Some(output);
        report.incremental = true;
        Ok(report)
    }

    /// Everything a build does except writing.
    pub fn check(&self, options: &BuildOptions) -> Result<BuildReport, Error> {
        let mut cache = BuildCache {
            check_only: true,
            ..BuildCache::one_shot()
        };
        let prepared = self.prepare(options, &mut cache)?;
        self.render(prepared, &Discard, &mut cache)
    }

    /// The main language's articles and pages with no version in
    /// `language` (one of the site's other languages), by source path
    /// under `content/`: what `loa check --untranslated` lists. Drafts and
    /// scheduled articles count as written.
    pub fn untranslated(&self, language: &str) -> Result<Vec<String>, Error> {
        if !self.config.languages.iter().any(|l| l.code == language) {
            let known: Vec<String> = self
                .config
                .languages
                .iter()
                .map(|l| l.code.clone())
                .collect();
            let help = if known.is_empty() {
                msg!("help.one-language")
            } else {
                msg!("help.unknown-language", languages = known.join(", "))
            };
            return Err(Error::Content(vec![Diagnostic::error(
                "site.toml",
                crate::diagnostics::Position::default(),
                msg!("unknown-language", language = language),
            )
            .with_help(help)]));
        }
        let rules = PublishRules {
            drafts: true,
            now: DateTime::<Utc>::MAX_UTC,
        };
        let (site, _) = validate::validate(&self.config, &self.content, self.laws.as_ref(), &rules);
        Ok(languages::untranslated(&self.config, &site, language)
            .into_iter()
            .map(str::to_string)
            .collect())
    }

    /// What `loa check --expired-since` lists: the documents of `laws.toml`
    /// that stopped applying from `since` to the day of `options.now`, each
    /// with the published articles that cite it. Checked as `loa check`
    /// checks, so that a list made from a broken site is never taken for
    /// the whole; fails too on a site without `laws.toml`.
    pub fn expired_since(
        &self,
        since: chrono::NaiveDate,
        options: &BuildOptions,
    ) -> Result<lint::laws::ExpiredReport, Error> {
        if self.laws.is_none() {
            return Err(Error::Content(vec![lint::laws::no_register()]));
        }
        let mut cache = BuildCache {
            check_only: true,
            ..BuildCache::one_shot()
        };
        let prepared = self.prepare(options, &mut cache)?;
        lint::laws::expired_since(&self.content, &prepared.site, since)
            .ok_or_else(|| Error::Content(vec![lint::laws::no_register()]))
    }

    /// Validates and indexes: everything that can fail on content.
    fn prepare(&self, options: &BuildOptions, cache: &mut BuildCache) -> Result<Prepared, Error> {
        let mut timings = Timings::default();
        let config = self.effective_config(options)?;
        let rules = PublishRules {
            drafts: options.drafts,
            now: options.now,
        };
        let leads = validate::lead_pictures(&config, &self.content);
        let pictures = pictures::prepare(
            &self.root,
            &self.content,
            &config.images,
            &leads,
            &mut cache.pictures,
            if cache.check_only {
                pictures::CacheUse::ReadOnly
            } else {
                pictures::CacheUse::ReadWrite
            },
        )?;
        timings.lap("pictures");
        let (site, validate_diagnostics) = validate::validate_with_cache(
            &config,
            validate::Sources {
                content: &self.content,
                pictures: &pictures,
                laws: self.laws.as_ref(),
            },
            &rules,
            &mut cache.validate,
        );
        timings.lap("validate");

        let mut diagnostics = self.content.diagnostics();
        diagnostics.extend(self.law_diagnostics.iter().cloned());
        diagnostics.extend(validate_diagnostics);
        diagnostics.extend(validate::unreadable_pictures(&pictures));
        diagnostics.extend(feed::check_logo(&config, &self.theme));
        // Warnings across documents (tags, titles), once all are validated.
        diagnostics.extend(lint::check(&self.content, &site, &mut cache.lint));
        timings.lap("lint");
        diagnostics.extend(languages::check(&config, &site));
        let mut search_took = std::time::Duration::ZERO;
        let views = index_views(&config, &site, cache, &mut search_took);
        let alternates = Alternates::new(&config, &views);
        timings.lap("index");
        if config.search {
            timings.part("index: search", search_took);
        }
        // Site paths and `#fragments` need every page and listing; checked
        // even when other errors stop the build, so that one run lists all.
        diagnostics.extend(links::check(
            &self.content,
            &self.theme,
            &site,
            &views,
            &mut cache.links,
        ));
        timings.lap("links");
        if diagnostics.has_errors() {
            return Err(Error::Content(diagnostics.into_sorted()));
        }
        Ok(Prepared {
            site,
            pictures,
            views,
            alternates,
            diagnostics,
            timings,
        })
    }

    fn render(
        &self,
        prepared: Prepared,
        sink: &dyn Sink,
        cache: &mut BuildCache,
    ) -> Result<BuildReport, Error> {
        let Prepared {
            site,
            pictures: _,
            views,
            alternates,
            diagnostics,
            mut timings,
        } = prepared;
        let mut files = 0;
        for view in &views {
            files += render::render_site(
                &render::Language {
                    config: &view.config,
                    site: &view.site,
                    index: &view.index,
                    alternates: &alternates,
                },
                &self.theme,
                sink,
                cache.render_of(&view.config.language),
                &mut timings,
            )?;
        }
        let scheduled: Vec<DateTime<FixedOffset>> = site
            .held_back
            .iter()
            .filter_map(|h| match h.reason {
                HeldBackReason::Scheduled(date) => Some(date),
                _ => None,
            })
            .collect();
        let report = BuildReport {
            articles: site.articles.len(),
            pages: site.pages.len(),
            files,
            drafts_left_out: site
                .held_back
                .iter()
                .filter(|h| h.reason == HeldBackReason::Draft)
                .count(),
            scheduled: scheduled.len(),
            first_scheduled: scheduled.iter().min().copied(),
            warnings: diagnostics.into_sorted(),
            output: None,
            incremental: false,
            timings,
        };
        // A serve session's articles and index live on in its caches: only
        // a one-shot build has much to free here.
        if cache.one_shot {
            free_in_background((site, views));
        }
        Ok(report)
    }

    fn effective_config(&self, options: &BuildOptions) -> Result<SiteConfig, Error> {
        let Some(base_url) = &options.base_url else {
            return Ok(self.config.clone());
        };
        let mut config = self.config.clone();
        config.base_url = crate::urls::base_url(base_url).ok_or_else(|| {
            Error::Output(crate::messages::msg!("output-bad-base-url", url = base_url))
        })?;
        Ok(config)
    }

    /// The output folder, refused when replacing it would destroy the
    /// site's own sources.
    pub fn output_dir(&self, options: &BuildOptions) -> Result<PathBuf, Error> {
        output_folder::checked(&self.root, options.output.as_deref())
    }
}

/// The folder of the site that `start` is in: `start` itself or the
/// nearest folder above it that holds a `site.toml`, as git finds its
/// repository. `None` when no folder up to the root of the file system has
/// one.
pub fn find_site_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|folder| folder.join("site.toml").is_file())
        .map(Path::to_path_buf)
}

/// Each language's index, kept from the last build while every article is
/// listed as it was, in the same order (most edits change no listing);
/// `search_took` gets the time the search index took.
fn index_views(
    config: &SiteConfig,
    site: &ValidSite,
    cache: &mut BuildCache,
    search_took: &mut std::time::Duration,
) -> Vec<languages::View> {
    let mut kept = std::mem::take(&mut cache.index);
    let searched_words = &mut cache.search;
    let views = languages::views(config, site, &mut |config, site| {
        let listed = fingerprint(&site.articles.iter().map(|a| a.listed).collect::<Vec<_>>());
        // The search index reads titles and bodies too.
        let searched = fingerprint(
            &site
                .articles
                .iter()
                .map(|a| a.fingerprint)
                .collect::<Vec<_>>(),
        );
        let index = match kept.get(&config.language) {
            Some((key, index)) if *key == (listed, searched) => Arc::clone(index),
            kept_index => {
                let mut index = match kept_index {
                    Some((key, index)) if key.0 == listed => index::Index::clone(index),
                    _ => index::build(config, site),
                };
                if config.search {
                    let started = std::time::Instant::now();
                    let state = searched_words.entry(config.language.clone()).or_default();
                    if !state.update(site, &index) {
                        *state = index::search::SearchState::new(site, &index);
                    }
                    index.search = state.index(&index);
                    *search_took += started.elapsed();
                }
                Arc::new(index)
            }
        };
        cache.index.insert(
            config.language.clone(),
            ((listed, searched), Arc::clone(&index)),
        );
        index
    });
    kept.clear();
    views
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_root_is_the_nearest_folder_with_site_toml() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let deep = site.join("content/tin-tuc/2026");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_site_root(&deep), None);
        std::fs::write(site.join("site.toml"), "").unwrap();
        assert_eq!(find_site_root(&deep), Some(site.clone()));
        assert_eq!(find_site_root(&site), Some(site.clone()));
        // A folder named site.toml is not a site.
        std::fs::create_dir(deep.join("site.toml")).unwrap();
        assert_eq!(find_site_root(&deep), Some(site));
    }
}
