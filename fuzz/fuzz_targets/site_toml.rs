//! Any text as `site.toml`. Invariants: no panic; every diagnostic is about
//! site.toml and names a position inside it (or the whole file); a
//! configuration that parses has an absolute base URL without a trailing
//! slash, a root path and origin that rebuild it, keys that are slugs and
//! lists of at least one item per page.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use loa::config::SiteConfig;
use loa::text::normalize_text;
use loa::slug::is_slug;
use loa_fuzz::assert_diagnostic_in;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As `Site::load` reads it.
    let text = &normalize_text(text.to_owned());
    match SiteConfig::parse(Path::new("site.toml"), text) {
        Ok(config) => {
            let base = &config.base_url;
            assert!(
                base.starts_with("https://") || base.starts_with("http://"),
                "{base}"
            );
            assert!(!base.ends_with('/'), "{base}");
            let root = config.root_path();
            assert!(root.starts_with('/') && root.ends_with('/'), "{root}");
            assert_eq!(
                format!("{}{}", config.origin(), root.trim_end_matches('/')),
                *base
            );
            assert!(config.per_page >= 1 && config.feed_limit >= 1);
            for district in &config.districts {
                assert!(is_slug(&district.key.0), "{:?}", district.key);
            }
            for category in &config.categories {
                assert!(is_slug(&category.key.0), "{:?}", category.key);
            }
        }
        Err(diagnostics) => {
            assert!(diagnostics.has_errors());
            for diagnostic in diagnostics.iter() {
                assert_eq!(diagnostic.path, Path::new("site.toml"));
                assert_diagnostic_in(text, diagnostic);
            }
        }
    }
});
