use super::*;
use crate::messages::Lang;

/// The example of issue 16, one date quoted.
const GOOD: &str = include_str!("../../tests/fixtures/laws-good.toml");

fn parsed(text: &str) -> (LawRegister, Vec<Diagnostic>) {
    let exists = |file: &str| file == "van-ban/26-2023-QH15.pdf";
    let (register, diagnostics) = parse(Path::new("laws.toml"), text, &exists);
    (register, diagnostics.into_sorted())
}

/// `(line, column, code, help in English)` of each error.
fn errors(text: &str) -> Vec<(usize, usize, &'static str, String)> {
    parsed(text)
        .1
        .iter()
        .map(|d| {
            (
                d.line,
                d.column,
                d.code(),
                d.help_in(Lang::En).unwrap_or_default(),
            )
        })
        .collect()
}

/// A document with the required fields, `extra` lines added.
fn law(key: &str, extra: &str) -> String {
    format!(
        "[[laws]]\nkey = \"{key}\"\nnumber = \"1/2020/QH14\"\ntitle = \"Luật {key}\"\n\
         type = \"Luật\"\nissuer = \"Quốc hội\"\nissued = 2020-01-01\neffective = 2020-07-01\n{extra}"
    )
}

#[test]
fn a_good_register_is_read_in_order() {
    let (register, diagnostics) = parsed(GOOD);
    assert_eq!(diagnostics, vec![]);
    let keys: Vec<&str> = register.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, ["luat-can-cuoc-2023", "luat-can-cuoc-cong-dan-2014"]);
    let new = register.get("luat-can-cuoc-2023").expect("declared");
    assert_eq!(new.number, "26/2023/QH15");
    assert_eq!(new.kind, "Luật");
    assert_eq!(new.issued, NaiveDate::from_ymd_opt(2023, 11, 27).unwrap());
    assert_eq!(new.expires, None);
    assert_eq!(new.file.as_deref(), Some("van-ban/26-2023-QH15.pdf"));
    assert_eq!(new.replaces, ["luat-can-cuoc-cong-dan-2014"]);
    let old = register
        .get("luat-can-cuoc-cong-dan-2014")
        .expect("declared");
    // A quoted date is a date too.
    assert_eq!(old.issued, NaiveDate::from_ymd_opt(2014, 11, 20).unwrap());
    assert_eq!(old.expires, NaiveDate::from_ymd_opt(2024, 7, 1));
    assert_eq!(old.replaced_by, ["luat-can-cuoc-2023"]);
    assert_eq!(old.url, None);
    assert_eq!(register.len(), 2);
}

#[test]
fn an_empty_file_is_an_empty_register() {
    let (register, diagnostics) = parsed("");
    assert!(register.is_empty());
    assert!(diagnostics.is_empty());
}

#[test]
fn unknown_fields_are_reported_with_the_closest_name() {
    let text = law("a", "titel = \"x\"\nsummry = \"y\"\nfoo = 1\n");
    assert_eq!(
        errors(&text),
        vec![
            (9, 1, "unknown-law-field", "did you mean `title`?".into()),
            (10, 1, "unknown-law-field", "did you mean `summary`?".into()),
            (
                11,
                1,
                "unknown-law-field",
                format!("the fields are: {}", FIELDS.join(", "))
            ),
        ]
    );
}

#[test]
fn missing_required_fields_are_each_reported_at_the_table_header() {
    let text = "[[laws]]\nkey = \"a\"\nnumber = \"1\"\n";
    let found = errors(text);
    let missing: Vec<_> = found.iter().map(|e| (e.0, e.1, e.2)).collect();
    assert_eq!(missing, vec![(1, 1, "missing-law-field"); 5]);
    let (register, diagnostics) = parsed(text);
    assert!(register.is_empty(), "an incomplete document is left out");
    assert!(diagnostics[0].message_in(Lang::En).contains("`a`"));
}

#[test]
fn wrong_types_are_reported_at_the_value() {
    let text = law("a", "summary = 5\nreplaces = \"b\"\nurl = [\"x\"]\n");
    let found: Vec<_> = errors(&text).into_iter().map(|e| (e.0, e.1, e.2)).collect();
    assert_eq!(
        found,
        vec![
            (9, 11, "law-field-type"),
            (10, 12, "law-field-type"),
            (11, 7, "law-field-type"),
        ]
    );
}

#[test]
fn bad_dates_are_reported_with_the_date_to_write() {
    let text = law("a", "expires = \"20/11/2024\"\nsummary = \"s\"\n")
        .replace("issued = 2020-01-01", "issued = \"30/02/2020\"")
        .replace("effective = 2020-07-01", "effective = \"soon\"");
    assert_eq!(
        errors(&text),
        vec![
            (
                7,
                10,
                "impossible-law-date",
                "correct it, written year-month-day: `issued = 2025-01-01`".into()
            ),
            (
                8,
                13,
                "bad-law-date",
                "write it year-month-day: `effective = 2025-01-01`".into()
            ),
            (9, 11, "bad-law-date", "write `expires = 2024-11-20`".into()),
        ]
    );
}

#[test]
fn a_date_with_a_time_is_refused() {
    let text = law("a", "expires = 2024-07-01T00:00:00\n");
    let found: Vec<_> = errors(&text)
        .into_iter()
        .map(|e| (e.0, e.1, e.2, e.3))
        .collect();
    assert_eq!(
        found,
        vec![(9, 11, "bad-law-date", "write `expires = 2024-07-01`".into())]
    );
}

#[test]
fn keys_are_slugs_and_unique() {
    let text = format!("{}\n{}\n", law("Luật A", ""), law("b", "")) + &law("b", "");
    assert_eq!(
        errors(&text),
        vec![
            (
                2,
                7,
                "bad-law-key",
                "use lower-case letters without diacritics, digits and dashes: `luat-a`".into()
            ),
            (
                20,
                7,
                "duplicate-law-key",
                "the first is on line 11: give each its own key, or delete the one that is not needed"
                    .into()
            ),
        ]
    );
}

#[test]
fn references_name_declared_documents() {
    let text = format!(
        "{}\n{}",
        law("luat-moi", "replaces = [\"luat-cu\", \"khong-co\"]\n"),
        law("luat-cux", "replaced_by = [\"luat-moi\"]\n")
    );
    let found = errors(&text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[0],
        (
            9,
            13,
            "unknown-law-reference",
            "did you mean `luat-cux`?".into()
        )
    );
    assert_eq!(
        (found[1].0, found[1].1, found[1].2),
        (9, 24, "unknown-law-reference")
    );
    assert!(found[1].3.contains("declared in laws.toml"), "{found:?}");
    // luat-cux says it was replaced by luat-moi, which does not say so.
    assert_eq!(
        (found[2].0, found[2].1, found[2].2),
        (19, 16, "law-replacement-one-sided")
    );
}

#[test]
fn both_sides_of_a_replacement_must_agree() {
    let text = format!(
        "{}\n{}",
        law("moi", "replaces = [\"cu\"]\n"),
        law("cu", "expires = 2021-01-01\n")
    );
    let found = errors(&text);
    assert_eq!(
        found,
        vec![(
            9,
            13,
            "law-replacement-one-sided",
            "add `\"moi\"` to `replaced_by` of `cu`, or remove `cu` here: both documents must say the same"
                .into()
        )]
    );
}

#[test]
fn a_replacement_cycle_is_reported_once() {
    let text = format!(
        "{}\n{}",
        law("a", "replaces = [\"b\"]\nreplaced_by = [\"b\"]\n"),
        law("b", "replaces = [\"a\"]\nreplaced_by = [\"a\"]\n")
    );
    let (_, diagnostics) = parsed(&text);
    let cycles: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code() == "law-cycle")
        .map(|d| (d.line, d.column, d.message_in(Lang::En)))
        .collect();
    assert_eq!(
        cycles,
        vec![(
            2,
            7,
            "document `a` replaces itself through a → b → a".to_string()
        )]
    );
}

#[test]
fn a_document_cannot_replace_itself() {
    let text = law("a", "replaces = [\"a\"]\nreplaced_by = [\"a\"]\n");
    let codes: Vec<_> = errors(&text).into_iter().map(|e| (e.0, e.1, e.2)).collect();
    assert_eq!(codes, vec![(2, 7, "law-cycle")]);
}

#[test]
fn expires_must_come_after_effective() {
    for expires in ["2020-07-01", "2019-12-31"] {
        let text = law("a", &format!("expires = {expires}\n"));
        let codes: Vec<_> = errors(&text).into_iter().map(|e| (e.0, e.1, e.2)).collect();
        assert_eq!(
            codes,
            vec![(9, 11, "law-expires-before-effective")],
            "{expires}"
        );
    }
    assert_eq!(errors(&law("a", "expires = 2020-07-02\n")), vec![]);
}

#[test]
fn the_official_text_is_a_web_address() {
    for url in ["vbpl.vn/1", "ftp://x.vn/a", "https://", "https://a b.vn"] {
        let text = law("a", &format!("url = \"{url}\"\n"));
        let codes: Vec<_> = errors(&text).into_iter().map(|e| (e.0, e.1, e.2)).collect();
        assert_eq!(codes, vec![(9, 7, "bad-law-url")], "{url}");
    }
    assert_eq!(errors(&law("a", "url = \"http://vbpl.vn/1\"\n")), vec![]);
}

#[test]
fn the_file_must_exist() {
    let text = law("a", "file = \"/van-ban/thieu.pdf\"\n");
    assert_eq!(
        errors(&text),
        vec![(
            9,
            8,
            "missing-law-file",
            "put the file at `static/van-ban/thieu.pdf` (or `content/van-ban/thieu.pdf`), or correct the path"
                .into()
        )]
    );
    let escaping = law("a", "file = \"../van-ban/26-2023-QH15.pdf\"\n");
    assert_eq!(errors(&escaping).len(), 1);
}

#[test]
fn other_tables_and_syntax_errors_are_reported() {
    let codes: Vec<_> = errors("[[law]]\nkey = \"a\"\n")
        .into_iter()
        .map(|e| (e.0, e.1, e.2, e.3))
        .collect();
    assert_eq!(
        codes,
        vec![(1, 3, "unknown-laws-table", "did you mean `laws`?".into())]
    );
    let syntax = errors("[[laws]]\nkey = a\n");
    assert_eq!((syntax[0].0, syntax[0].2), (2, "invalid-laws-toml"));
    let not_tables = errors("laws = 3\n");
    assert_eq!((not_tables[0].0, not_tables[0].2), (1, "laws-not-tables"));
}

#[test]
fn every_mistake_is_reported_at_once() {
    let text = format!(
        "{}\n{}",
        law(
            "Sai Mã",
            "expires = 2019-01-01\nurl = \"x\"\nfile = \"khong.pdf\"\ntitel = \"t\"\n"
        ),
        law("b", "replaces = [\"c\"]\n")
    );
    let codes: Vec<_> = errors(&text).into_iter().map(|e| e.2).collect();
    assert_eq!(
        codes,
        vec![
            "bad-law-key",
            "law-expires-before-effective",
            "bad-law-url",
            "missing-law-file",
            "unknown-law-field",
            "unknown-law-reference",
        ]
    );
}

#[test]
fn a_document_without_a_key_is_named_by_what_it_lacks() {
    let (_, diagnostics) = parsed("[[laws]]\nnumber = 5\n");
    let messages: Vec<String> = diagnostics.iter().map(|d| d.message_in(Lang::Vi)).collect();
    assert!(
        messages.contains(&"văn bản thiếu trường `key`".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"trường `number` viết sai kiểu (đang là số)".to_string()),
        "{messages:?}"
    );
}

#[test]
fn an_entry_resolves_by_key_number_or_title_with_year() {
    let (register, _) = parsed(GOOD);
    let key = |written: &str| register.resolve(written).map(|law| law.key.as_str());
    for written in [
        "luat-can-cuoc-2023",
        "26/2023/QH15",
        "26/2023/qh15",
        " 26 / 2023 / QH 15 ",
        "Luật Căn cước 2023",
        "luat can cuoc 2023",
        "LUẬT CĂN CƯỚC 2023",
    ] {
        assert_eq!(key(written), Ok("luat-can-cuoc-2023"), "{written}");
    }
    assert_eq!(
        key("Luật Căn cước công dân 2014"),
        Ok("luat-can-cuoc-cong-dan-2014")
    );
    assert_eq!(key("59/2014/QH13"), Ok("luat-can-cuoc-cong-dan-2014"));
}

#[test]
fn an_unknown_entry_gets_the_closest_keys() {
    let (register, _) = parsed(GOOD);
    // The year is the year of issue, not of effect: the closest first.
    assert_eq!(
        register
            .resolve("Luật Căn cước 2024")
            .map(|l| l.key.as_str()),
        Err(vec!["luat-can-cuoc-2023", "luat-can-cuoc-cong-dan-2014"])
    );
    assert_eq!(
        register.resolve("59/2014/QH14").map(|l| l.key.as_str()),
        Err(vec!["luat-can-cuoc-cong-dan-2014", "luat-can-cuoc-2023"])
    );
    assert!(register.resolve("").is_err());
    assert_eq!(
        LawRegister::default().resolve("x").map(|l| l.key.as_str()),
        Err(vec![])
    );
}

#[test]
fn a_title_alone_resolves_only_when_no_other_document_has_it() {
    let (register, _) = parsed(&format!(
        "{}\n{}\n{}",
        law("a", "title = \"Luật Phòng cháy và chữa cháy\"\n").replace("title = \"Luật a\"\n", ""),
        law("b", "title = \"Luật Cư trú\"\nissued = 2013-01-01\n")
            .replace("title = \"Luật b\"\n", "")
            .replace("issued = 2020-01-01\n", ""),
        law("c", "title = \"Luật Cư trú\"\n").replace("title = \"Luật c\"\n", ""),
    ));
    assert_eq!(register.len(), 3);
    let key = |written: &str| register.resolve(written).map(|law| law.key.as_str());
    assert_eq!(key("Luật phòng cháy và chữa cháy"), Ok("a"));
    assert!(key("Luật Cư trú").is_err());
    assert_eq!(key("Luật Cư trú 2013"), Ok("b"));
}

#[test]
fn a_number_resolves_with_the_form_written_before_it() {
    let (register, _) = parsed(&law("nd", "").replace("type = \"Luật\"", "type = \"Nghị định\""));
    let key = |written: &str| register.resolve(written).map(|law| law.key.as_str());
    assert_eq!(key("Nghị định 1/2020/QH14"), Ok("nd"));
    assert_eq!(key("nghi dinh 1/2020/qh14"), Ok("nd"));
    assert!(key("Thông tư 1/2020/QH14").is_err());
}

#[test]
fn status_changes_on_the_effective_and_expiry_days() {
    let (register, _) = parsed(GOOD);
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let new = register.get("luat-can-cuoc-2023").unwrap();
    let old = register.get("luat-can-cuoc-cong-dan-2014").unwrap();
    assert_eq!(
        new.status_on(day("2024-06-30")),
        LawStatus::NotYet(day("2024-07-01"))
    );
    assert_eq!(new.status_on(day("2024-07-01")), LawStatus::InForce);
    assert_eq!(old.status_on(day("2024-06-30")), LawStatus::InForce);
    assert_eq!(
        old.status_on(day("2024-07-01")),
        LawStatus::Expired(day("2024-07-01"))
    );
    assert_eq!(
        old.status_on(day("2015-12-31")),
        LawStatus::NotYet(day("2016-01-01"))
    );
}

#[test]
fn a_long_title_is_named_by_its_form_and_number() {
    let (register, _) = parsed(GOOD);
    assert_eq!(
        register.get("luat-can-cuoc-2023").unwrap().name(),
        "Luật Căn cước"
    );
    let mut long = register.get("luat-can-cuoc-2023").unwrap().clone();
    long.title =
        "Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông".into();
    long.kind = "Nghị định".into();
    long.number = "168/2024/NĐ-CP".into();
    assert_eq!(long.name(), "Nghị định 168/2024/NĐ-CP");
}

#[test]
fn a_number_with_its_year_resolves_without_the_issuers_code_or_with_so() {
    let text = format!(
        "{}\n{}",
        law("nd168", "").replace("number = \"1/2020/QH14\"", "number = \"168/2024/NĐ-CP\""),
        law("nd16", "").replace("number = \"1/2020/QH14\"", "number = \"16/2024/NĐ-CP\""),
    )
    .replace("type = \"Luật\"", "type = \"Nghị định\"");
    let (register, _) = parsed(&text);
    let key = |written: &str| register.resolve(written).map(|law| law.key.as_str());
    assert_eq!(key("Nghị định 168/2024"), Ok("nd168"));
    assert_eq!(key("168/2024"), Ok("nd168"));
    assert_eq!(key("Nghị định số 168/2024/NĐ-CP"), Ok("nd168"));
    assert_eq!(key("16/2024"), Ok("nd16"));
    // Without the year the start of a number is too little to go on.
    assert!(key("Nghị định 168").is_err());
    assert!(key("Nghị định 1").is_err());
}

#[test]
fn a_cited_name_carries_the_number_once() {
    let (register, _) = parsed(GOOD);
    let mut law = register.get("luat-can-cuoc-2023").unwrap().clone();
    assert_eq!(law.cited_name(), "Luật Căn cước (26/2023/QH15)");
    law.title =
        "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông đường bộ".into();
    law.kind = "Nghị định".into();
    law.number = "168/2024/NĐ-CP".into();
    assert_eq!(law.cited_name(), "Nghị định 168/2024/NĐ-CP");
}
