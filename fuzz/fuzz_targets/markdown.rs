//! An article body rendered to HTML. The first byte chooses `allow_html`
//! (its lowest bit); the rest is the body. Invariants: no panic; every
//! problem is reported at a character boundary inside the body; with raw
//! HTML off, nothing in the HTML can run a script.

#![no_main]

use libfuzzer_sys::fuzz_target;
use loa::markdown::{no_pictures, render, LinkResolver, LinkedDocument, Problem};
use loa_fuzz::assert_no_script;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let allow_html = flags & 1 == 1;
    let body = String::from_utf8_lossy(body);
    let document = |path: &str| {
        matches!(path, "tin/bai.md" | "tin/nhap.md" | "pages/gioi-thieu.md").then(|| {
            LinkedDocument {
                url: format!("/{}/", path.trim_end_matches(".md")),
                published: path != "tin/nhap.md",
            }
        })
    };
    let asset = |path: &str| (path == "tin/anh.jpg").then(|| path.to_string());
    let links = LinkResolver {
        root_path: "/",
        source_dir: "tin",
        document: &document,
        asset: &asset,
        law: &|key: &str| (key == "luat-a").then(|| "/laws/luat-a/".to_string()),
        language: "vi",
        picture: &no_pictures,
        lead_picture: None,
    };
    let (rendered, problems) = render(&body, allow_html, &links);
    for problem in &problems {
        let offset = match problem {
            Problem::BrokenArticleLink { offset, .. }
            | Problem::UnknownLawLink { offset, .. }
            | Problem::UnpublishedArticleLink { offset, .. }
            | Problem::MissingFile { offset, .. }
            | Problem::OutsideContent { offset, .. }
            | Problem::RawHtmlDropped { offset }
            | Problem::ImageWithoutAlt { offset }
            | Problem::ScriptUrlDropped { offset, .. }
            | Problem::UndefinedReference { offset, .. }
            | Problem::UndefinedFootnote { offset, .. }
            | Problem::AddressWithSpaces { offset, .. }
            | Problem::BadPicture { offset, .. }
            | Problem::NarrowPicture { offset, .. } => *offset,
        };
        assert!(
            offset <= body.len() && body.is_char_boundary(offset),
            "{problem:?} in a body of {} bytes",
            body.len()
        );
    }
    for link in &rendered.links {
        assert!(link.offset <= body.len() && body.is_char_boundary(link.offset));
    }
    assert!(!rendered.first_paragraph.contains('\n'));
    if !allow_html {
        assert_no_script(&rendered.html);
    }
});
