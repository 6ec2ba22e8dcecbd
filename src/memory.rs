//! Freeing large values without waiting for it.

/// Frees `value` on a thread of its own. A large site's texts and caches
/// take seconds to free, one allocation at a time, and a one-shot build
/// has better things to do with its main thread (or, at the end, nothing:
/// the process exits without waiting).
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    // Where no thread can be started, the value is freed here, on return.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
