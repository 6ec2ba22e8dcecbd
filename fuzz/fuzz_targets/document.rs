//! Any bytes as one article of the example site (its `site.toml`), through
//! what `loa check` does before rendering pages: parse, validate (which
//! renders the body's Markdown) and the cross-document lint. Invariants:
//! no panic; every diagnostic is about the article and names a line and
//! column inside it; a published article's output files (its page, its
//! redirect pages, its tag and law listings) stay inside the output folder;
//! its body holds nothing that runs a script (the example site has raw
//! HTML off).
//!
//! Rendering every page and feed of the site for each input runs at about
//! one input a second under the sanitizer: the templates are left out.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use loa::config::SiteConfig;
use loa::content::{parse_document, Asset, Content};
use loa::output::safe_relative;
use loa::slug::is_slug;
use loa::validate::{validate, PublishRules};
use loa_fuzz::{assert_diagnostic_in, assert_no_script};

const PATH: &str = "canh-bao/bai-viet.md";
const IMAGE: &str = "canh-bao/anh.jpg";

/// The example site's configuration, once.
fn example() -> &'static SiteConfig {
    static EXAMPLE: OnceLock<SiteConfig> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let text = include_str!("../../site.toml");
        let config = SiteConfig::parse(Path::new("site.toml"), text)
            .unwrap_or_else(|e| panic!("the example site.toml: {e:?}"));
        assert!(!config.allow_html);
        config
    })
}

fn assert_inside_output(path: &str) {
    assert!(
        safe_relative(path).is_ok(),
        "an output path escapes: {path:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let display = PathBuf::from(format!("content/{PATH}"));
    // Files that do not parse are the front_matter target's.
    let Ok(document) = parse_document(PATH.into(), display.clone(), data) else {
        return;
    };
    let text = document.text.clone();
    let mut content = Content::default();
    content.markdown_paths.insert(PATH.into());
    content.documents.push(document);
    content.asset_paths.insert(IMAGE.into());
    content.assets.push(Asset {
        path: IMAGE.into(),
        source: PathBuf::from("/nonexistent/loa-fuzz/anh.jpg"),
        size: Some(20_000),
    });
    let rules = PublishRules {
        drafts: true,
        now: Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap(),
    };
    let (site, diagnostics) = validate(example(), &content, None, &rules);
    let mut diagnostics: Vec<_> = diagnostics.iter().cloned().collect();
    diagnostics.extend(loa::lint::check(&content, &site, &mut Default::default()));
    for diagnostic in &diagnostics {
        assert_eq!(diagnostic.path, display, "{diagnostic:?}");
        assert!(diagnostic.line >= 1, "{diagnostic:?}");
        assert_diagnostic_in(&text, diagnostic);
    }
    for article in &site.articles {
        assert_inside_output(&format!("{}/index.html", article.output_dir));
        assert_eq!(article.url.trim_matches('/'), article.output_dir);
        for alias in &article.aliases {
            assert_inside_output(alias);
        }
        for term in article.tags.iter().chain(&article.laws) {
            assert!(is_slug(&term.slug), "{term:?}");
        }
        assert_no_script(&article.body.html);
    }
});
