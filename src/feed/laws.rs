//! The register's feed (`/laws/rss.xml`, `atom.xml`, `feed.json`): one
//! item per document of `laws.toml` as it stands on the build's day, so
//! that a reader who follows it hears of a new document and of one that
//! comes into force or expires, without reading every article.
//!
//! An item's id carries the document's status and the day of that status
//! (`…/laws/luat-can-cuoc-2023/#in-force-2024-07-01`): readers know items
//! by their id, and a changed status must show as a new item, not as an
//! old one quietly edited. Its date is the day of the latest change that
//! has happened: the expiry, else the day it came into force, else (not
//! yet in force) the day it was issued.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use rss::{Category, Guid, Item};

use super::{atom_entry_text, atom_link, rss_item_text, FeedChannel, JsonItem, Spliced};
use crate::config::SiteConfig;
use crate::laws::{Law, LawStatus, LawsOnDay};
use crate::model::FeedFormat;
use crate::words::Words;

/// What the register's feed is made of in one language.
pub struct RegisterFeed<'a> {
    pub config: &'a SiteConfig,
    pub words: &'a Words,
    pub laws: &'a LawsOnDay,
    /// The absolute URL of the page of the document with this key.
    pub page_of: &'a dyn Fn(&str) -> String,
}

/// One document as the feed shows it.
struct LawItem<'a> {
    law: &'a Law,
    /// Its page.
    permalink: String,
    /// The page and the status with its day: see the module's comment.
    id: String,
    title: String,
    date: DateTime<FixedOffset>,
    /// What the document is, as HTML (see [`content`]).
    content: String,
}

/// The register's feed in `format`: its documents newest change first (a
/// tie by key, so that two builds agree), at most `feed_limit` of them.
pub fn write(format: FeedFormat, feed: &RegisterFeed, channel: &FeedChannel) -> String {
    let mut items: Vec<LawItem> = feed
        .laws
        .register
        .iter()
        .map(|law| item(feed, law))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.law.key.cmp(&b.law.key)));
    items.truncate(feed.config.feed_limit);
    let texts: Vec<String> = items.iter().map(|item| entry(format, item)).collect();
    let spliced: Vec<Spliced> = items
        .iter()
        .zip(&texts)
        .map(|(item, text)| Spliced {
            text,
            published: item.date,
            updated: item.date,
            has_author: false,
        })
        .collect();
    super::write_spliced(format, feed.config, channel, &spliced)
}

fn item<'a>(feed: &RegisterFeed, law: &'a Law) -> LawItem<'a> {
    let status = feed.laws.status(law);
    let (name, status_day, changed) = match status {
        LawStatus::InForce => ("in-force", law.effective, law.effective),
        LawStatus::NotYet(day) => ("not-yet", day, law.issued),
        LawStatus::Expired(day) => ("expired", day, day),
    };
    let permalink = (feed.page_of)(&law.key);
    let status_text = feed.words.law_status(status);
    LawItem {
        id: format!("{permalink}#{name}-{}", status_day.format("%Y-%m-%d")),
        // `{status}` first: a title that happens to hold `{status}` is
        // the editor's text and stays as written.
        title: feed
            .words
            .laws
            .feed_item
            .replace("{status}", &status_text)
            .replace("{name}", &law.name()),
        date: midnight(changed, feed.config.timezone),
        content: content(feed, law, &status_text),
        permalink,
        law,
    }
}

/// The start of `day` in the site's time zone.
fn midnight(day: NaiveDate, timezone: FixedOffset) -> DateTime<FixedOffset> {
    let start = day.and_time(NaiveTime::MIN);
    // A fixed offset has exactly one reading of every local time.
    start
        .and_local_timezone(timezone)
        .single()
        .unwrap_or_else(|| start.and_utc().with_timezone(&timezone))
}

/// The item's HTML: the status, then the document's facts as on its page's
/// card, its summary, where to read it, and what it replaces or what
/// replaced it, linked. Every value of `laws.toml` is escaped.
fn content(feed: &RegisterFeed, law: &Law, status_text: &str) -> String {
    let words = feed.words;
    let mut html = String::from("<p><strong>");
    push_text(&mut html, status_text);
    html.push_str("</strong></p>\n<ul>\n");
    let day = |day: NaiveDate| words.day(day);
    let facts = [
        ("law_number", Some(law.number.clone())),
        ("law_type", Some(law.kind.clone())),
        ("law_issuer", Some(law.issuer.clone())),
        ("law_issued", Some(day(law.issued))),
        ("law_effective", Some(day(law.effective))),
        ("law_expires", law.expires.map(day)),
    ];
    for (label, value) in facts {
        if let Some(value) = value {
            html.push_str("<li>");
            push_text(&mut html, &format!("{}: {value}", words.word(label)));
            html.push_str("</li>\n");
        }
    }
    html.push_str("</ul>\n");
    if !law.summary.is_empty() {
        html.push_str("<p>");
        push_text(&mut html, &law.summary);
        html.push_str("</p>\n");
    }
    let published = law.file.as_ref().map(|file| {
        format!(
            "{}{}{file}",
            feed.config.origin(),
            feed.config.shared_root_path()
        )
    });
    for (label, url) in [
        ("law_official_text", &law.url),
        ("law_download", &published),
    ] {
        if let Some(url) = url {
            html.push_str("<p>");
            push_link(&mut html, url, words.word(label));
            html.push_str("</p>\n");
        }
    }
    for (label, keys) in [
        ("law_replaces", &law.replaces),
        ("law_replaced_by", &law.replaced_by),
    ] {
        push_related(&mut html, feed, words.word(label), keys);
    }
    html
}

/// `label: <a>name (number)</a>, …` of the documents of `keys`, if any.
fn push_related(html: &mut String, feed: &RegisterFeed, label: &str, keys: &[String]) {
    let related: Vec<&Law> = keys
        .iter()
        .filter_map(|key| feed.laws.register.get(key))
        .collect();
    if related.is_empty() {
        return;
    }
    html.push_str("<p>");
    push_text(html, &format!("{label}: "));
    for (i, other) in related.iter().enumerate() {
        if i > 0 {
            html.push_str(", ");
        }
        let text = other.cited_name();
        push_link(html, &(feed.page_of)(&other.key), &text);
    }
    html.push_str("</p>\n");
}

fn push_text(html: &mut String, text: &str) {
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *html, text);
}

fn push_link(html: &mut String, url: &str, text: &str) {
    html.push_str("<a href=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut *html, url);
    html.push_str("\">");
    push_text(html, text);
    html.push_str("</a>");
}

/// The item in `format`, as text to splice into the feed.
fn entry(format: FeedFormat, item: &LawItem) -> String {
    let kind = item.law.kind.as_str();
    match format {
        FeedFormat::Rss => {
            let mut rss = Item::default();
            rss.set_title(Some(item.title.clone()));
            rss.set_link(Some(item.permalink.clone()));
            // Not the page's address: a reader must not take it for one.
            rss.set_guid(Some(Guid {
                value: item.id.clone(),
                permalink: false,
            }));
            rss.set_pub_date(Some(item.date.to_rfc2822()));
            // As the articles' items: a short plain description, and the
            // whole card as `content:encoded`, which readers show first.
            let short = if item.law.summary.is_empty() {
                &item.title
            } else {
                &item.law.summary
            };
            let mut description = String::with_capacity(short.len());
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut description, short);
            rss.set_description(Some(description));
            rss.set_content(Some(item.content.clone()));
            rss.set_categories(vec![Category {
                name: kind.to_string(),
                domain: None,
            }]);
            rss_item_text(rss)
        }
        FeedFormat::Atom => atom_entry_text(&atom_syndication::Entry {
            title: atom_syndication::Text::plain(item.title.as_str()),
            id: item.id.clone(),
            updated: item.date,
            published: Some(item.date),
            categories: vec![atom_syndication::Category {
                term: kind.to_string(),
                ..atom_syndication::Category::default()
            }],
            links: vec![atom_link(&item.permalink, "alternate", Some("text/html"))],
            summary: (!item.law.summary.is_empty())
                .then(|| atom_syndication::Text::plain(item.law.summary.as_str())),
            content: Some(atom_syndication::Content {
                value: Some(item.content.clone()),
                content_type: Some("html".to_string()),
                ..atom_syndication::Content::default()
            }),
            ..atom_syndication::Entry::default()
        }),
        FeedFormat::Json => serde_json::to_string(&JsonItem {
            id: &item.id,
            url: &item.permalink,
            title: &item.title,
            content_html: &item.content,
            summary: &item.law.summary,
            date_published: item.date.to_rfc3339(),
            date_modified: item.date.to_rfc3339(),
            image: None,
            tags: vec![kind],
            authors: Vec::new(),
        })
        .unwrap_or_default(),
    }
}
