//! Freeing large values without waiting for it, and how the process asks
//! the system for memory.

/// Frees `value` on a thread of its own. A large site's texts and caches
/// take seconds to free, one allocation at a time, and a one-shot build
/// has better things to do with its main thread (or, at the end, nothing:
/// the process exits without waiting).
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    // Where no thread can be started, the value is freed here, on return.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Turns off transparent huge pages for this process. mimalloc asks Linux
/// for them; each first touch of one then zeroes 2 MB, and a build that
/// frees and reuses memory in every stage paid that again and again: two
/// fifths of a 10,000-article build went to the kernel zeroing pages (6 to
/// 7 s of system time, against 1.2 to 1.6 s with small pages, and less
/// memory). Called first thing by `loa` and the benchmarks; where it
/// fails, nothing is lost but that time.
pub fn no_huge_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
