//! What pages show of the register of legal documents (`laws.toml`): the
//! card of a document on its page with its schema.org `Legislation`
//! data, the notices above articles that cite a document no longer or
//! not yet in force, and the register grouped by form on `/laws/`.

use serde::Serialize;
use serde_json::{json, Value};

use crate::html::escape_attribute as escape;
use crate::laws::{Law, LawStatus, LawsOnDay};
use crate::model::{Article, Kind};

use super::context::{absolute, listing_url, Link};
use super::units::folded;
use super::Shared;

/// A document as templates get it (`listing.law` on its page, each of
/// `groups[].laws` on `/laws/`).
#[derive(Serialize)]
pub(super) struct LawValue<'a> {
    key: &'a str,
    url: String,
    name: String,
    number: &'a str,
    title: &'a str,
    kind: &'a str,
    issuer: &'a str,
    issued: Day,
    effective: Day,
    expires: Option<Day>,
    /// `in-force`, `not-yet` or `expired`: a class for the theme.
    status: &'static str,
    /// As residents read it: "Hết hiệu lực từ ngày 01/07/2024".
    status_text: String,
    summary: &'a str,
    official_url: Option<&'a str>,
    /// The published copy of `file`.
    file_url: Option<String>,
    replaces: Vec<Link>,
    replaced_by: Vec<Link>,
    /// How many articles of this language cite it.
    count: usize,
    /// Folded words of its name, title and number, which the filter box
    /// of `/laws/` matches.
    search: String,
}

/// A day, shown and machine-readable (`<time datetime>`).
#[derive(Serialize)]
struct Day {
    display: String,
    iso: String,
}

impl<'a> LawValue<'a> {
    pub(super) fn new(shared: &Shared, laws: &LawsOnDay, law: &'a Law) -> LawValue<'a> {
        let words = &shared.words;
        let day = |day: chrono::NaiveDate| Day {
            display: words.day(day),
            iso: day.format("%Y-%m-%d").to_string(),
        };
        let links = |keys: &[String]| -> Vec<Link> {
            keys.iter()
                .filter_map(|key| laws.register.get(key))
                .map(|other| Link {
                    url: law_url(shared, &other.key),
                    title: other.cited_name(),
                })
                .collect()
        };
        let status = laws.status(law);
        LawValue {
            key: &law.key,
            url: law_url(shared, &law.key),
            name: law.name(),
            number: &law.number,
            title: &law.title,
            kind: &law.kind,
            issuer: &law.issuer,
            issued: day(law.issued),
            effective: day(law.effective),
            expires: law.expires.map(day),
            status: status_class(status),
            status_text: shared.words.law_status(status),
            summary: &law.summary,
            official_url: law.url.as_deref(),
            file_url: law
                .file
                .as_ref()
                .map(|file| format!("{}{file}", shared.config.shared_root_path())),
            replaces: links(&law.replaces),
            replaced_by: links(&law.replaced_by),
            count: shared
                .index
                .laws
                .iter()
                .find(|listing| listing.key == law.key)
                .map_or(0, |listing| listing.articles.len()),
            search: folded(&format!(
                "{} {} {} {}",
                law.name(),
                law.title,
                law.number,
                law.kind
            )),
        }
    }
}

/// The page of the document `key` in this language.
fn law_url(shared: &Shared, key: &str) -> String {
    listing_url(&shared.root, Kind::Law, key, 1)
}

fn status_class(status: LawStatus) -> &'static str {
    match status {
        LawStatus::InForce => "in-force",
        LawStatus::NotYet(_) => "not-yet",
        LawStatus::Expired(_) => "expired",
    }
}

/// The schema.org `Legislation` of a document's page, as JSON that is safe
/// inside `<script>`.
pub(super) fn json_ld(shared: &Shared, laws: &LawsOnDay, law: &Law) -> String {
    let config = shared.config;
    let page = absolute(config, &law_url(shared, &law.key));
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": page,
        "url": page,
        "name": law.title,
        "legislationIdentifier": law.number,
        "legislationType": law.kind,
        "legislationDate": law.issued.format("%Y-%m-%d").to_string(),
        "legislationDateOfApplicability": law.effective.format("%Y-%m-%d").to_string(),
        "legislationPassedBy": { "@type": "Organization", "name": law.issuer },
        "legislationLegalForce": if matches!(laws.status(law), LawStatus::InForce) {
            "https://schema.org/InForce"
        } else {
            "https://schema.org/NotInForce"
        },
        "legislationJurisdiction": "VN",
        "inLanguage": "vi",
    });
    if let Value::Object(map) = &mut data {
        if !law.summary.is_empty() {
            map.insert("abstract".into(), law.summary.clone().into());
        }
        if let Some(expires) = law.expires {
            map.insert(
                "expires".into(),
                expires.format("%Y-%m-%d").to_string().into(),
            );
        }
        if let Some(url) = &law.url {
            map.insert("sameAs".into(), url.clone().into());
        }
        if let Some(file) = &law.file {
            let mut encoding = json!({
                "@type": "MediaObject",
                "contentUrl": absolute(config, &format!("{}{file}", config.shared_root_path())),
            });
            if let (Some(mime), Value::Object(encoding)) =
                (crate::mime::of_path(file), &mut encoding)
            {
                encoding.insert("encodingFormat".into(), mime.into());
            }
            map.insert("encoding".into(), encoding);
        }
        let changes: Vec<Value> = law
            .replaces
            .iter()
            .filter_map(|key| laws.register.get(key))
            .map(|old| {
                json!({
                    "@type": "Legislation",
                    "@id": absolute(config, &law_url(shared, &old.key)),
                    "name": old.title,
                    "legislationIdentifier": old.number,
                })
            })
            .collect();
        if !changes.is_empty() {
            map.insert("legislationChanges".into(), changes.into());
        }
    }
    // `</script>` in a title must not end the element.
    data.to_string().replace('<', "\\u003c")
}

/// The documents of one form (`Luật`, `Nghị định`…) on `/laws/`.
#[derive(Serialize)]
pub(super) struct LawGroup<'a> {
    kind: &'a str,
    laws: Vec<LawValue<'a>>,
}

/// The register by form, the forms in the order of their first document,
/// each newest first (by the day of issue, then key).
pub(super) fn groups<'a>(shared: &Shared, laws: &'a LawsOnDay) -> Vec<LawGroup<'a>> {
    let mut groups: Vec<(&str, Vec<&Law>)> = Vec::new();
    for law in laws.register.iter() {
        match groups.iter_mut().find(|(kind, _)| *kind == law.kind) {
            Some((_, members)) => members.push(law),
            None => groups.push((&law.kind, vec![law])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, mut members)| {
            members.sort_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.key.cmp(&b.key)));
            LawGroup {
                kind,
                laws: members
                    .into_iter()
                    .map(|law| LawValue::new(shared, laws, law))
                    .collect(),
            }
        })
        .collect()
}

/// The notices above an article that cites documents no longer or not
/// yet in force, as HTML paragraphs with escaped text; empty when every
/// document it cites is in force. Links are absolute with `absolute_links`
/// (in feeds), else site paths.
pub(super) fn notices(shared: &Shared, article: &Article, absolute_links: bool) -> String {
    let Some(laws) = shared.site.laws.as_deref() else {
        return String::new();
    };
    let words = &shared.words;
    let link = |law: &Law| {
        let url = law_url(shared, &law.key);
        let url = if absolute_links {
            absolute(shared.config, &url)
        } else {
            url
        };
        format!(
            "<a href=\"{}\">{}</a>",
            escape(&url),
            escape(&law.cited_name())
        )
    };
    let mut html = String::new();
    for law in article
        .laws
        .iter()
        .filter_map(|term| laws.register.get(&term.slug))
    {
        let sentence = match laws.status(law) {
            LawStatus::InForce => continue,
            LawStatus::Expired(day) => {
                let mut sentence = fill(&words.laws.expired_notice, &link(law), &words.day(day));
                let successors: Vec<String> = law
                    .replaced_by
                    .iter()
                    .filter_map(|key| laws.register.get(key))
                    .map(link)
                    .collect();
                if !successors.is_empty() {
                    sentence.push(' ');
                    sentence.push_str(
                        &escape(&words.laws.replaced_by).replace("{laws}", &successors.join(", ")),
                    );
                }
                sentence
            }
            LawStatus::NotYet(day) => fill(&words.laws.not_yet_notice, &link(law), &words.day(day)),
        };
        html.push_str(&format!(
            "<p class=\"law-notice-{}\">{sentence}</p>\n",
            status_class(laws.status(law))
        ));
    }
    html
}

/// The theme's sentence, escaped, with `{law}` the link and `{date}` the day.
fn fill(sentence: &str, law: &str, day: &str) -> String {
    escape(sentence)
        .replace("{date}", &escape(day))
        .replace("{law}", law)
}

/// The card and the schema.org data of a document's page, when `listing`
/// is the page of a document of the register.
pub(super) fn law_of_listing(
    shared: &Shared,
    listing: &crate::index::Listing,
) -> Option<(Value, String)> {
    let laws = shared.site.laws.as_deref()?;
    let law = laws
        .register
        .get(&listing.key)
        .filter(|_| listing.kind == Kind::Law)?;
    Some((
        super::context::value(LawValue::new(shared, laws, law)),
        json_ld(shared, laws, law),
    ))
}
