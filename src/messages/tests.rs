use std::collections::{BTreeMap, BTreeSet};

use super::*;

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(end) = rest.find('}') {
            if is_name(&rest[..end]) {
                names.insert(rest[..end].to_string());
            }
        }
    }
    names
}

fn sorted(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    catalogue(lang)
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn both_catalogues_parse() {
    for (name, text) in [("vi.toml", VI), ("en.toml", EN)] {
        if let Err(e) = text.parse::<toml::Table>() {
            panic!("src/messages/{name} is not valid TOML: {e}");
        }
    }
}

#[test]
fn catalogues_have_the_same_ids_and_placeholders() {
    let vi = sorted(Lang::Vi);
    let en = sorted(Lang::En);
    let vi_ids: BTreeSet<_> = vi.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        vi_ids.difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&&str>::new(),
        "in vi.toml, not in en.toml"
    );
    assert_eq!(
        en_ids.difference(&vi_ids).collect::<Vec<_>>(),
        Vec::<&&&str>::new(),
        "in en.toml, not in vi.toml"
    );
    for (id, text) in &vi {
        assert_eq!(
            placeholders(text),
            placeholders(en[id]),
            "`{id}` has other {{placeholders}} in vi.toml than in en.toml"
        );
    }
}

#[test]
fn no_message_is_empty() {
    for lang in [Lang::Vi, Lang::En] {
        for (id, text) in sorted(lang) {
            assert!(
                !text.trim().is_empty(),
                "`{id}` is empty in {}.toml",
                lang.code()
            );
        }
    }
}

/// Every id the code names, by scanning the source for `msg!("` and
/// `Message::count("`.
fn ids_in_source() -> BTreeMap<String, String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut ids = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "rs") || path.ends_with("messages/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for opener in ["msg!(", "Message::count(", "Message::new("] {
            for (at, _) in text.match_indices(opener) {
                // rustfmt puts a long call's id on the next line.
                let Some(rest) = text[at + opener.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                let id = &rest[..rest.find('"').unwrap()];
                let id = if opener.starts_with("Message::count") {
                    format!("{id}.other")
                } else {
                    id.to_string()
                };
                ids.insert(id, path.display().to_string());
            }
        }
    }
    ids
}

#[test]
fn every_id_in_the_code_is_in_the_catalogue() {
    let vi = sorted(Lang::Vi);
    let ids = ids_in_source();
    assert!(ids.len() > 50, "the scan found too few ids: {ids:?}");
    for (id, file) in &ids {
        if id == "id" {
            continue; // the macro's own documentation
        }
        assert!(
            vi.contains_key(id.as_str()),
            "`{id}` (used in {file}) is not in the catalogues"
        );
    }
}

#[test]
fn every_message_in_the_catalogue_is_used() {
    let ids = ids_in_source();
    for id in sorted(Lang::Vi).keys() {
        let base = id
            .strip_suffix(".zero")
            .or_else(|| id.strip_suffix(".one"))
            .map(|base| format!("{base}.other"));
        let used = ids.contains_key(*id) || base.is_some_and(|b| ids.contains_key(&b));
        assert!(used, "`{id}` is in the catalogues but no code uses it");
    }
}

/// Top-level ids are diagnostics' codes, which tools read: kebab-case.
#[test]
fn codes_are_kebab_case() {
    for id in sorted(Lang::Vi).keys().filter(|id| !id.contains('.')) {
        let kebab = id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        assert!(kebab, "`{id}` is not kebab-case");
    }
}

#[test]
fn placeholders_are_filled_and_unknown_braces_kept() {
    assert_eq!(
        fill("a {x} b {y} {Z} {", |n| (n == "x").then(|| "1".to_string())),
        "a 1 b {y} {Z} {"
    );
}

#[test]
fn languages_from_codes_and_requests() {
    assert_eq!(Lang::from_code("en-GB"), Lang::En);
    assert_eq!(Lang::from_code("EN"), Lang::En);
    assert_eq!(Lang::from_code("vi"), Lang::Vi);
    assert_eq!(Lang::from_code("fr"), Lang::Vi);
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        Lang::requested(&args(&["check", "--lang", "en"]), Some("vi")),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::requested(&args(&["check", "--lang=vi"]), Some("en")),
        Some(Lang::Vi)
    );
    assert_eq!(
        Lang::requested(&args(&["check"]), Some("en")),
        Some(Lang::En)
    );
    assert_eq!(Lang::requested(&args(&["check"]), None), None);
    assert_eq!(Lang::requested(&args(&["new", "--", "--lang"]), None), None);
}

#[test]
fn counts_are_said_as_a_person_would() {
    let c = |n| Message::count("count.warnings", n).render(Lang::En);
    assert_eq!(c(0), "no warnings");
    assert_eq!(c(1), "1 warning");
    assert_eq!(c(2), "2 warnings");
    assert_eq!(
        Message::count("count.warnings", 2).render(Lang::Vi),
        "2 cảnh báo"
    );
}
