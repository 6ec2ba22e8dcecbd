//! Any bytes as a Markdown file under `content/`: read as `loa build`
//! reads it. Invariants: no panic; a file that does not parse gets one
//! error at a position inside the file; one that parses has its front
//! matter and body inside its text, and every field and value it names is
//! located inside the text.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use loa::content::front_matter::FIELDS;
use loa::content::parse_document;
use loa::text::normalize_text;
use loa_fuzz::{assert_diagnostic_in, assert_position_in};

fuzz_target!(|data: &[u8]| {
    let display = PathBuf::from("content/tin/bai.md");
    match parse_document("tin/bai.md".into(), display.clone(), data) {
        Ok(document) => {
            let text = &document.text;
            assert!(document.body_start <= text.len());
            assert!(text.ends_with(document.body()));
            let front = document.front_text();
            assert!(text.contains(front.yaml));
            for key in FIELDS {
                let at = front.key(key);
                assert_position_in(text, at.line, at.column, &("key", key));
            }
            let matter = &document.front;
            let lists = [
                ("districts", &matter.districts),
                ("tags", &matter.tags),
                ("laws", &matter.laws),
                ("aliases", &matter.aliases),
            ];
            for (key, values) in lists {
                for value in values {
                    let at = front.value(key, value);
                    assert_position_in(text, at.line, at.column, &(key, value));
                }
            }
            for (key, value) in [
                ("title", &matter.title),
                ("date", &matter.date),
                ("category", &matter.category),
                ("image", &matter.image),
            ] {
                if let Some(value) = value {
                    let at = front.value(key, value);
                    assert_position_in(text, at.line, at.column, &(key, value));
                }
            }
        }
        Err(diagnostic) => {
            assert!(diagnostic.is_error(), "{diagnostic:?}");
            assert_eq!(diagnostic.path, display);
            // Positions are in the text as loa reads it: normalised, or up
            // to the first byte that is not UTF-8.
            let text = match std::str::from_utf8(data) {
                Ok(text) => normalize_text(text.to_owned()),
                Err(e) => String::from_utf8_lossy(&data[..e.valid_up_to()]).into_owned(),
            };
            assert!(diagnostic.line >= 1, "{diagnostic:?}");
            assert_diagnostic_in(&text, &diagnostic);
        }
    }
});
