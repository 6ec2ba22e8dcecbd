//! What a serve session keeps between builds so that an edit re-renders
//! only the files whose inputs changed: each job's id and the fingerprint
//! of everything its file shows.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

use crate::hash::fingerprint;
use crate::index::Listing;
use crate::jobs::{Job, JobId};
use crate::model::{Kind, ValidSite};

use super::context::home_terms;
use super::{Shared, Templates};

/// [`fingerprint`] of a JSON value, without printing it first.
pub(super) fn value_fingerprint(value: &Value) -> u64 {
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
pub(super) fn retain_articles<T>(map: &mut HashMap<String, T>, site: &ValidSite) {
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
    pub(super) one_shot: bool,
    pub(super) templates: Option<Arc<Templates>>,
    /// Job id → what it wrote last.
    pub(super) written: HashMap<JobId, Written>,
    /// Counts builds, to find the jobs the last one did not have.
    pub(super) generation: u64,
    /// Article source → (article fingerprint, summary, summary fingerprint).
    pub(super) summaries: HashMap<String, (u64, Arc<Value>, u64)>,
    /// Article source → (article fingerprint, its feed entries made so far).
    pub(super) feed_entries: HashMap<String, (u64, FeedEntries)>,
}

/// An article's entry in each feed format, where one was made.
pub(super) type FeedEntries = [Option<Arc<str>>; 3];

#[derive(Debug)]
pub(super) struct Written {
    /// Of everything the file shows.
    pub(super) fingerprint: u64,
    pub(super) path: String,
    /// The build that last had this job.
    pub(super) generation: u64,
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
pub(super) fn job_key(
    shared: &Shared,
    job: &Job,
    base: u64,
    district_fingerprints: &HashMap<&str, u64>,
) -> (JobId, u64) {
    let id = job.id(shared.site);
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
                id,
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
            (id, fingerprint(&(base, a.fingerprint)))
        }
        Job::Page(p) => (id, fingerprint(&(base, p.fingerprint, &p.url))),
        Job::ListingPage(l, page) => {
            let per_page = shared.config.per_page;
            let start = ((page - 1) * per_page).min(l.articles.len());
            let end = (start + per_page).min(l.articles.len());
            let history = match l.kind {
                Kind::District => district_fingerprints.get(l.key.as_str()).copied(),
                _ => None,
            };
            (
                id,
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
            id,
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
        Job::Feed(listing, _format) => {
            let indices = listing.map_or(&shared.index.newest, |l| &l.articles);
            let take = &indices[..indices.len().min(limit)];
            (
                id,
                fingerprint(&(base, listing.map(listing_meta), articles(take))),
            )
        }
        Job::DistrictAliasFeed(l, _alias, _format) => {
            let take = &l.articles[..l.articles.len().min(limit)];
            (id, fingerprint(&(base, listing_meta(l), articles(take))))
        }
        Job::FullFeed => (id, fingerprint(&(base, articles(&shared.index.newest)))),
        Job::NotFound => (id, base),
        Job::Robots => (id, base),
        Job::Alias(path, url) => (id, fingerprint(&(base, path, url))),
        Job::DistrictAlias(l, _alias) => (id, fingerprint(&(base, &l.key))),
        Job::Sitemap => {
            // What the sitemap shows of an article: its URL and dates.
            let dated = |i: usize| {
                let a = &shared.site.articles[i];
                (a.listed, a.updated)
            };
            (
                id,
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
        Job::Subscribe => (id, fingerprint(&(base, all_listings()))),
        Job::Opml => (id, fingerprint(&(base, all_listings()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
