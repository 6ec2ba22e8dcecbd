//! What a serve session keeps between builds so that an edit re-renders
//! only the files whose inputs changed: each job's id and the fingerprint
//! of everything its file shows.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

use crate::error::Error;
use crate::jobs::JobId;
use crate::model::ValidSite;
use crate::output::Sink;

use super::Templates;

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

    /// Records what this build's jobs wrote (`outcomes`, `None` for a job
    /// whose file was already up to date) and removes the files the last
    /// build wrote that no job writes now (a deleted or renamed article, a
    /// listing page fewer), unless another job took the same path over.
    pub(super) fn record(
        &mut self,
        keyed: Vec<(JobId, u64)>,
        outcomes: Vec<Option<String>>,
        sink: &dyn Sink,
    ) -> Result<(), Error> {
        self.generation += 1;
        let generation = self.generation;
        // Files the last build wrote and no job writes now (a deleted or renamed
        // article, a listing page fewer) are removed, unless another job took
        // the same path over.
        let mut maybe_stale: Vec<String> = Vec::new();
        for ((id, fingerprint), outcome) in keyed.into_iter().zip(outcomes) {
            match (self.written.get_mut(&id), outcome) {
                (Some(old), None) => old.generation = generation,
                (_, Some(path)) => {
                    let new = Written {
                        fingerprint,
                        path,
                        generation,
                    };
                    if let Some(old) = self.written.insert(id, new) {
                        maybe_stale.push(old.path);
                    }
                }
                (None, None) => {}
            }
        }
        self.written.retain(|_, w| {
            let current = w.generation == generation;
            if !current {
                maybe_stale.push(std::mem::take(&mut w.path));
            }
            current
        });
        if !maybe_stale.is_empty() {
            let current: HashSet<&str> = self.written.values().map(|w| w.path.as_str()).collect();
            for path in maybe_stale.iter().filter(|p| !current.contains(p.as_str())) {
                sink.remove(path)?;
            }
        }
        Ok(())
    }

    /// Whether the last build rendered a file at `path`. A scan: asked
    /// only about the few static files that changed.
    pub fn wrote(&self, path: &str) -> bool {
        self.written.values().any(|w| w.path == path)
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
