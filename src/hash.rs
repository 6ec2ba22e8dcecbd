//! Fingerprints: what decides whether a cached result is still valid.

use std::hash::{DefaultHasher, Hash, Hasher};

/// A hash for change detection within one process (never written out).
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
