//! The words residents read on pages, in the page's language: read from
//! the theme's translation files (`themes/<name>/i18n/<language>.toml`),
//! each laid key by key over the built-in file of the same language, which
//! is laid over the built-in Vietnamese one. Templates get the whole table
//! as `t`; loa's own code reads the typed parts ([`PageWords`],
//! [`Strings`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Position};
use crate::messages::msg;
use crate::model::Kind;

/// The words of the subscribe page in one language.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
pub struct Strings {
    /// The page title, also the text of links to the page.
    pub title: String,
    /// Meta description and the lead paragraph.
    pub intro: String,
    pub steps: [String; 3],
    /// The name of the list of links to every card.
    pub jump: String,
    pub formats: String,
    pub site_heading: String,
    pub district_heading: String,
    pub category_heading: String,
    pub tag_heading: String,
    pub law_heading: String,
    /// Units that were merged or abolished: no QR code, their feeds still run.
    pub former_heading: String,
    pub former_help: String,
    pub merged_into: String,
    pub articles: String,
    pub copy: String,
    pub copied: String,
    pub selected: String,
    /// Put before the feed's name in the QR code's `aria-label`.
    pub qr_label: String,
    pub qr_caption: String,
    pub opml_heading: String,
    pub opml_link: String,
    pub opml_help: String,
    pub others: String,
    /// In a feed item whose body is too large to carry, before the link to
    /// the article (see [`crate::feed`]).
    pub read_on_site: String,
    /// The same, in the feeds of a site whose feeds carry summaries
    /// (`feed_content = "summary"`).
    pub read_whole: String,
    /// A feed's own page (`/subscribe/<kind>/<key>/`): the caption under
    /// its QR code, which holds the page's own address.
    pub page_qr_caption: String,
    /// The two lines of a poster, under the address: `{name}` is the
    /// feed's name.
    pub poster_steps: [String; 2],
    pub how_heading: String,
    /// How to follow one feed, from installing a reader on.
    pub page_steps: [String; 3],
    /// Before the link to the listing's every article.
    pub see_all: String,
    /// The link to `/subscribe/` from a feed's own page.
    pub other_feeds: String,
    /// On a former unit's own page, before the units it became part of.
    pub successors_help: String,
}

/// The words of the page a browser shows for an RSS or Atom file, through
/// the feeds' CSS stylesheet (see [`crate::feed::view`]): a resident who
/// taps a feed's link learns what it is and how to follow it.
#[derive(Debug, Clone, Deserialize)]
pub struct FeedViewWords {
    /// Above the feed's title: `{format}` is `RSS` or `Atom`.
    pub this_is: String,
    /// Above the feed's own address.
    pub paste: String,
    /// Below the address: how to copy it (links on the page cannot be
    /// tapped).
    pub copy: String,
    /// Reader apps for Android and iPhone.
    pub apps: String,
    /// The heading above the items.
    pub latest: String,
    /// Before an item's date.
    pub published: String,
}

/// The words of legal documents' status and of the notices on articles
/// that cite them (see `laws.toml`). `{…}` are filled in by the caller.
#[derive(Debug, Clone, Deserialize)]
pub struct LawWords {
    /// The status of a document in force.
    pub in_force: String,
    /// Of one that applies from `{date}` on.
    pub not_yet: String,
    /// Of one that no longer applies since `{date}`.
    pub expired: String,
    /// The notice above an article citing `{law}`, which no longer applies
    /// since `{date}`.
    pub expired_notice: String,
    /// After it: `{laws}` replace it.
    pub replaced_by: String,
    /// The notice above an article citing `{law}`, which applies from
    /// `{date}` on.
    pub not_yet_notice: String,
    /// The title of the register's feed: `{site}`.
    pub feed_title: String,
    /// Its description.
    pub feed_description: String,
    /// The title of a document's item in that feed: `{name}`, `{status}`.
    pub feed_item: String,
}

/// The words loa's own code puts on pages (titles, descriptions, redirect
/// pages), beside those of the subscribe page ([`Strings`]). `{…}` are
/// filled in by the caller.
#[derive(Debug, Clone, Deserialize)]
pub struct PageWords {
    /// The title of page `{n}` of a listing titled `{title}`.
    pub numbered_page: String,
    /// The description of a listing without one of its own.
    pub latest_about: String,
    /// The description of the overview of a kind of listing.
    pub kind_on_site: String,
    pub not_found: String,
    pub redirect_title: String,
    /// Before the link on the page left at an article's old address.
    pub moved_to: String,
    /// The title of the home page's later pages (`/page/2/`).
    pub all_articles: String,
    /// The title of `/search/`.
    pub search: String,
    /// The title of `/archive/`.
    pub archive: String,
    /// The title of a year's archive page: `{year}`.
    pub archive_year: String,
    /// The title of a month's archive page: `{month}` (its name in
    /// `month_names`) and `{year}`.
    pub archive_month: String,
    /// January to December, for `{month}`; left out, months are numbered.
    #[serde(default)]
    pub month_names: Vec<String>,
}

impl PageWords {
    /// The title of a year's archive page (`Năm 2021`).
    pub fn year_title(&self, year: i32) -> String {
        self.archive_year.replace("{year}", &year.to_string())
    }

    /// The title of a month's archive page (`Tháng 10/2021`).
    pub fn month_title(&self, year: i32, month: u32) -> String {
        let name = (month as usize)
            .checked_sub(1)
            .and_then(|i| self.month_names.get(i))
            .map_or_else(|| month.to_string(), String::clone);
        self.archive_month
            .replace("{month}", &name)
            .replace("{year}", &year.to_string())
    }
}

impl Strings {
    /// The heading of the listings of `kind` (`Địa bàn`).
    pub fn heading(&self, kind: Kind) -> &str {
        match kind {
            Kind::District => &self.district_heading,
            Kind::Category => &self.category_heading,
            Kind::Tag => &self.tag_heading,
            Kind::Law => &self.law_heading,
        }
    }
}

/// Every word of one language.
#[derive(Debug, Clone)]
pub struct Words {
    /// The language code the words are for (`vi`, `en`).
    pub language: String,
    /// `og:locale` (`vi_VN`).
    pub locale: String,
    /// How dates are shown, in chrono's `strftime` form.
    pub date_format: String,
    pub pages: PageWords,
    pub subscribe: Strings,
    pub feed_view: FeedViewWords,
    pub laws: LawWords,
    /// The whole table, which templates read as `t`.
    pub table: serde_json::Value,
}

/// The typed part of a translation file.
#[derive(Deserialize)]
struct Typed {
    locale: String,
    date_format: String,
    pages: PageWords,
    subscribe: Strings,
    feed_view: FeedViewWords,
    /// `[law_words]`: the top-level `laws` is a menu word.
    #[serde(rename = "law_words")]
    laws: LawWords,
}

/// The built-in translation file of `language`, if loa has one.
fn builtin_text(
    language: &str,
    builtin: &dyn Fn(&str) -> Option<&'static str>,
) -> Option<&'static str> {
    builtin(&format!("{language}.toml")).or_else(|| builtin(&format!("{}.toml", primary(language))))
}

/// `en` of `en-GB`.
pub fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or_default()
}

/// A theme's translation file, as read from disk.
pub struct TranslationFile<'a> {
    /// As shown in messages.
    pub path: &'a Path,
    pub text: &'a str,
}

impl Words {
    /// The words of `language`: the built-in Vietnamese file, then the
    /// built-in file of the language, then the theme's `files` of it, each
    /// replacing what the one before said, key by key. `builtin` finds a
    /// file of the built-in `i18n/` folder by name.
    pub fn load(
        language: &str,
        builtin: &dyn Fn(&str) -> Option<&'static str>,
        files: &[TranslationFile],
    ) -> Result<Words, Diagnostic> {
        let mut table = toml::Table::new();
        for text in [builtin("vi.toml"), builtin_text(language, builtin)]
            .into_iter()
            .flatten()
        {
            // The built-in files are checked by this module's tests.
            if let Ok(layer) = text.parse::<toml::Table>() {
                merge(&mut table, layer);
            }
        }
        for file in files {
            let layer = file.text.parse::<toml::Table>().map_err(|e| {
                let position = e
                    .span()
                    .map(|span| Position::of_offset(file.text, span.start))
                    .unwrap_or_default();
                Diagnostic::error(
                    file.path,
                    position,
                    msg!("invalid-translation-file", detail = e.message()),
                )
                .with_help(msg!("help.invalid-translation-file"))
            })?;
            merge(&mut table, layer);
        }
        let value = toml::Value::Table(table);
        let typed: Typed = value.clone().try_into().map_err(|e: toml::de::Error| {
            let path = files.last().map_or(Path::new("i18n"), |f| f.path);
            Diagnostic::error(
                path,
                Position::default(),
                msg!("invalid-translation-file", detail = e.message()),
            )
            .with_help(msg!("help.invalid-translation-file"))
        })?;
        Ok(Words {
            language: language.to_string(),
            locale: typed.locale,
            date_format: typed.date_format,
            pages: typed.pages,
            subscribe: typed.subscribe,
            feed_view: typed.feed_view,
            laws: typed.laws,
            table: serde_json::to_value(&value).unwrap_or_default(),
        })
    }

    /// These words with some replaced (`[languages.en.menu]`).
    pub fn with_menu(self: Arc<Words>, menu: &BTreeMap<String, String>) -> Arc<Words> {
        if menu.is_empty() {
            return self;
        }
        let mut words = (*self).clone();
        if let serde_json::Value::Object(table) = &mut words.table {
            for (key, text) in menu {
                table.insert(key.clone(), serde_json::Value::String(text.clone()));
            }
        }
        Arc::new(words)
    }

    /// The sentence on a card of another language's article without a
    /// translation: "Vietnamese only".
    pub fn only_in(&self, language: &str) -> String {
        self.table
            .get("only_in")
            .and_then(|text| text.as_str())
            .unwrap_or("{language}")
            .replace("{language}", &self.language_name(language))
    }

    /// `{language}` of the `only_in` sentence and the switcher: the name of
    /// `language` in these words, or its code.
    pub fn language_name(&self, language: &str) -> String {
        self.table
            .get("languages")
            .and_then(|names| names.get(language).or_else(|| names.get(primary(language))))
            .and_then(|name| name.as_str())
            .unwrap_or(language)
            .to_string()
    }

    /// A day as residents read it in this language.
    pub fn day(&self, day: chrono::NaiveDate) -> String {
        self.date(
            &day.and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .fixed_offset(),
        )
    }

    /// The status of a legal document as residents read it: "Hết hiệu
    /// lực từ ngày 01/07/2024".
    pub fn law_status(&self, status: crate::laws::LawStatus) -> String {
        use crate::laws::LawStatus;
        match status {
            LawStatus::InForce => self.laws.in_force.clone(),
            LawStatus::NotYet(day) => self.laws.not_yet.replace("{date}", &self.day(day)),
            LawStatus::Expired(day) => self.laws.expired.replace("{date}", &self.day(day)),
        }
    }

    /// A word of the templates' table (`t.law_issuer`) for text that loa's
    /// code writes, such as a feed item's HTML; empty when the theme has
    /// no such word.
    pub fn word(&self, key: &str) -> &str {
        self.table
            .get(key)
            .and_then(|text| text.as_str())
            .unwrap_or_default()
    }

    /// A date as residents read it in this language.
    pub fn date(&self, date: &chrono::DateTime<chrono::FixedOffset>) -> String {
        let mut shown = String::new();
        // A theme's wrong format is not worth a failed build: the ISO date.
        if std::fmt::Write::write_fmt(
            &mut shown,
            format_args!("{}", date.format(&self.date_format)),
        )
        .is_err()
        {
            return date.format("%Y-%m-%d").to_string();
        }
        shown
    }
}

/// Lays `layer` over `table`: tables merge, other values replace.
fn merge(table: &mut toml::Table, layer: toml::Table) {
    for (key, value) in layer {
        match (table.get_mut(&key), value) {
            (Some(toml::Value::Table(old)), toml::Value::Table(new)) => merge(old, new),
            (_, value) => {
                table.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const VI: &str = include_str!("../themes/default/i18n/vi.toml");
    const EN: &str = include_str!("../themes/default/i18n/en.toml");

    fn builtin(name: &str) -> Option<&'static str> {
        match name {
            "vi.toml" => Some(VI),
            "en.toml" => Some(EN),
            _ => None,
        }
    }

    /// Every key path with the `{placeholders}` of its text.
    fn keys(value: &toml::Value, prefix: &str, out: &mut BTreeSet<(String, Vec<String>)>) {
        match value {
            toml::Value::Table(table) => {
                for (key, value) in table {
                    keys(value, &format!("{prefix}.{key}"), out);
                }
            }
            toml::Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    keys(value, &format!("{prefix}[{i}]"), out);
                }
            }
            toml::Value::String(text) => {
                let mut holes: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(hole, _)| hole.to_string()))
                    .collect();
                holes.sort();
                assert!(!text.trim().is_empty(), "{prefix} is empty");
                out.insert((prefix.to_string(), holes));
            }
            _ => {
                out.insert((prefix.to_string(), Vec::new()));
            }
        }
    }

    #[test]
    fn both_languages_have_every_word_with_the_same_placeholders() {
        let mut vi = BTreeSet::new();
        let mut en = BTreeSet::new();
        keys(&toml::Value::Table(VI.parse().unwrap()), "", &mut vi);
        keys(&toml::Value::Table(EN.parse().unwrap()), "", &mut en);
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "vi only: {only_vi:?}\nen only: {only_en:?}"
        );
        assert!(vi.len() > 80, "{}", vi.len());
    }

    #[test]
    fn each_language_gets_its_own_words_and_others_fall_back_to_vietnamese() {
        let words = |language| Words::load(language, &builtin, &[]).unwrap();
        assert_eq!(words("vi").subscribe.title, "Theo dõi tin");
        assert_eq!(words("en").subscribe.title, "Subscribe");
        assert_eq!(words("en-GB").subscribe.title, "Subscribe");
        assert_eq!(words("fr").subscribe.title, "Theo dõi tin");
        assert_eq!(words("en").table["home"], "Home");
        assert_eq!(words("en").locale, "en_GB");
        assert_eq!(words("vi").language_name("en"), "Tiếng Anh");
    }

    #[test]
    fn a_theme_file_replaces_words_key_by_key_and_its_mistakes_are_located() {
        let path = Path::new("themes/t/i18n/en.toml");
        let file = TranslationFile {
            path,
            text: "home = \"Start\"\n[subscribe]\ntitle = \"Follow\"\n",
        };
        let words = Words::load("en", &builtin, &[file]).unwrap();
        assert_eq!(words.table["home"], "Start");
        assert_eq!(words.subscribe.title, "Follow");
        assert_eq!(words.subscribe.copy, "Copy", "the rest stays");
        let broken = TranslationFile {
            path,
            text: "home = \"Start\"\nlatest = \n",
        };
        let error = Words::load("en", &builtin, &[broken]).unwrap_err();
        assert_eq!(error.line, 2);
        let wrong = TranslationFile {
            path,
            text: "[subscribe]\nsteps = \"one\"\n",
        };
        assert!(Words::load("en", &builtin, &[wrong]).is_err());
    }

    #[test]
    fn dates_follow_the_language() {
        let date = chrono::DateTime::parse_from_rfc3339("2025-03-05T08:00:00+07:00").unwrap();
        let words = |language| Words::load(language, &builtin, &[]).unwrap();
        assert_eq!(words("vi").date(&date), "05/03/2025");
        assert_eq!(words("en").date(&date), "5 March 2025");
    }
}
