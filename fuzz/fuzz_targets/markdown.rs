//! An article body rendered to HTML. The first byte chooses `allow_html`
//! (its lowest bit); the rest is the body. Invariants: no panic; every
//! problem is reported at a character boundary inside the body; with raw
//! HTML off, nothing in the HTML can run a script.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loa::markdown::{render, LinkResolver, Problem};
use loa_fuzz::assert_no_script;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let allow_html = flags & 1 == 1;
    let body = String::from_utf8_lossy(body);
    let article_url = |path: &str| {
        matches!(path, "tin/bai.md" | "pages/gioi-thieu.md")
            .then(|| format!("/{}/", path.trim_end_matches(".md")))
    };
    let asset_exists = |path: &str| path == "tin/anh.jpg";
    let links = LinkResolver {
        root_path: "/",
        source_dir: "tin",
        article_url: &article_url,
        asset_exists: &asset_exists,
    };
    let (rendered, problems) = render(&body, allow_html, &links);
    for problem in &problems {
        let offset = match problem {
            Problem::BrokenArticleLink { offset, .. }
            | Problem::MissingFile { offset, .. }
            | Problem::RawHtmlDropped { offset }
            | Problem::ImageWithoutAlt { offset }
            | Problem::ScriptUrlDropped { offset, .. } => *offset,
        };
        assert!(
            offset <= body.len() && body.is_char_boundary(offset),
            "{problem:?} in a body of {} bytes",
            body.len()
        );
    }
    assert!(!rendered.first_paragraph.contains('\n'));
    if !allow_html {
        assert_no_script(&rendered.html);
    }
});
