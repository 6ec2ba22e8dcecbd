//! Repeated builds of one site, for `loa serve`: the same pipeline as
//! `loa build`, fed with what changed.
//!
//! A [`Session`] keeps the site it loaded and the caches of its last build.
//! After an edit to articles it reads only the changed files, validates and
//! renders again only what they affect, and writes only files whose bytes
//! change; a change to `site.toml`, templates or static files rebuilds
//! everything. The output after every rebuild is byte-identical to a full
//! `loa build` of the same files: the integration tests replay a sequence of
//! edits and compare.

use std::path::{Path, PathBuf};

use crate::build::{BuildCache, BuildOptions, BuildReport, Site};
use crate::content;
use crate::error::Error;

/// A site being edited.
pub struct Session {
    root: PathBuf,
    options: BuildOptions,
    output: PathBuf,
    /// `None` after a failed full reload: the next rebuild loads again.
    site: Option<Site>,
    cache: BuildCache,
}

impl Session {
    /// Loads and builds the site once (atomically, as `loa build` does).
    pub fn start(root: &Path, options: BuildOptions) -> Result<(Session, BuildReport), Error> {
        let root = absolute(root);
        let site = Site::load(&root)?;
        let output = site.output_dir(&options)?;
        let mut session = Session {
            root,
            options: BuildOptions {
                output: Some(output.clone()),
                ..options
            },
            output,
            site: None,
            cache: BuildCache::default(),
        };
        let report = site.build_with_cache(&session.options, &mut session.cache)?;
        session.site = Some(site);
        Ok((session, report))
    }

    /// The folder the site is written to.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The clock the next rebuild judges scheduled articles by.
    pub(crate) fn set_now(&mut self, now: chrono::DateTime<chrono::Utc>) {
        self.options.now = now;
    }

    /// Rebuilds after `changed` files (absolute, or relative to the site
    /// root, as the watcher reports them) were written, created, renamed or
    /// deleted. On a content error nothing is written and the previous
    /// output stays as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildReport, Error> {
        let content_dir = self.root.join("content");
        // Relative to the root, never to the current folder: `serve --root`
        // runs from anywhere, and a path resolved elsewhere would look like
        // no content at all and reload the whole site on every save.
        let changed: Vec<PathBuf> = changed.iter().map(|p| self.root.join(p)).collect();
        let only_content = changed.iter().all(|p| p.starts_with(&content_dir));
        match self.site.as_mut() {
            Some(site) if only_content => {
                let started = std::time::Instant::now();
                for path in &changed {
                    if site
                        .content
                        .update(&self.root, &content_dir, path)
                        .is_none()
                    {
                        // A folder appeared or went away: walk again.
                        site.content = content::load(&self.root, &content_dir);
                        break;
                    }
                }
                let read = started.elapsed();
                let mut report = site.rebuild_in_place(&self.options, &mut self.cache)?;
                report.timings.prepend("read changed files", read);
                Ok(report)
            }
            _ => self.build_all(),
        }
    }

    /// Loads everything again and rebuilds the whole site, as after a
    /// change to the configuration or the theme.
    fn build_all(&mut self) -> Result<BuildReport, Error> {
        self.site = None;
        self.cache = BuildCache::default();
        let site = Site::load(&self.root)?;
        let report = site.build_with_cache(&self.options, &mut self.cache)?;
        self.site = Some(site);
        Ok(report)
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// A serve session rebuilds after an edit with the clock of that
    /// moment: the register's feed must follow a status that changed
    /// overnight though `laws.toml` did not (its inputs hold the day).
    #[test]
    fn the_register_feed_follows_the_day_across_rebuilds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://e.org\"\n\n[[categories]]\nkey = \"c\"\nname = \"C\"\n",
        );
        write(
            "laws.toml",
            include_str!("../tests/fixtures/laws-good.toml"),
        );
        write("static/van-ban/26-2023-QH15.pdf", "%PDF-1.4\n");
        let article = "content/c/a.md";
        write(
            article,
            "---\ntitle: A\ndate: 2024-03-01\ncategory: c\n---\nA.\n",
        );
        let day = |d| chrono::Utc.with_ymd_and_hms(2024, 6, d, 12, 0, 0).unwrap();
        let options = BuildOptions {
            output: Some(dir.path().join("out")),
            now: day(29),
            ..BuildOptions::default()
        };
        let (mut session, _) = Session::start(&root, options).unwrap();
        let feed = |session: &Session| {
            std::fs::read_to_string(session.output().join("laws/rss.xml")).unwrap()
        };
        assert!(feed(&session).contains("#not-yet-2024-07-01"));
        session.set_now(day(30) + chrono::Duration::days(1));
        write(
            article,
            "---\ntitle: A\ndate: 2024-03-01\ncategory: c\n---\nB.\n",
        );
        session.rebuild(&[root.join(article)]).unwrap();
        let after = feed(&session);
        assert!(after.contains("#in-force-2024-07-01"), "{after}");
        assert!(after.contains("#expired-2024-07-01"), "{after}");
    }
}
