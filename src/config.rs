//! `site.toml`: the site's settings as typed values.
//!
//! Parsing is strict: an unknown key is an error that names the key and the
//! closest known one, because a misspelt option silently ignored is a bug the
//! editor never finds.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, Position};
use crate::messages::msg;
use crate::messages::Message;
use crate::slug::is_slug;

/// A district key from `site.toml` (`xuyen-moc`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DistrictKey(pub String);

/// A category key from `site.toml` (`hoat-dong`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CategoryKey(pub String);

/// The raw file, as serde reads it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_per_page")]
    per_page: usize,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default)]
    allow_html: bool,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    feed_full: bool,
    #[serde(default = "default_search")]
    search: bool,
    #[serde(default = "default_feed_content")]
    feed_content: String,
    #[serde(default = "default_feed_body_limit_kb")]
    feed_body_limit_kb: usize,
    #[serde(default)]
    websub_hubs: Vec<String>,
    #[serde(default)]
    districts: Vec<RawDistrict>,
    #[serde(default)]
    categories: Vec<RawTerm>,
    /// The languages besides the main one, by code.
    #[serde(default)]
    languages: BTreeMap<String, RawLanguage>,
    #[serde(default)]
    images: RawImages,
}

/// `[images]`: how pictures are made for the web.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawImages {
    widths: Vec<u32>,
    jpeg_quality: u8,
    webp_quality: u8,
    publish_originals: bool,
    sizes: String,
}

impl Default for RawImages {
    fn default() -> Self {
        let settings = crate::images::Settings::default();
        RawImages {
            widths: settings.widths,
            jpeg_quality: settings.jpeg_quality,
            webp_quality: settings.webp_quality as u8,
            publish_originals: false,
            sizes: DEFAULT_IMAGE_SIZES.to_string(),
        }
    }
}

/// How wide a picture of an article's body is shown, for the browser to
/// pick a file before it lays the page out: the default theme's column
/// (42rem less its 1rem margins), or the screen less those margins.
pub const DEFAULT_IMAGE_SIZES: &str = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/// The narrowest and widest file loa makes of a picture.
const IMAGE_WIDTHS: std::ops::RangeInclusive<u32> = 16..=8192;

/// `[images]` as the build uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSettings {
    pub make: crate::images::Settings,
    /// Publish each picture whole (upright, without metadata) at its own
    /// path besides the smaller files.
    pub publish_originals: bool,
    /// The `sizes` attribute of the pictures in bodies.
    pub sizes: String,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            make: crate::images::Settings::default(),
            publish_originals: false,
            sizes: DEFAULT_IMAGE_SIZES.to_string(),
        }
    }
}

/// `[languages.en]`: another language of the site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_fallback")]
    fallback: bool,
    #[serde(default)]
    menu: BTreeMap<String, String>,
}

fn default_fallback() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    /// The name in each other language of the site.
    #[serde(default)]
    names: BTreeMap<String, String>,
}

/// An administrative unit as written: districts, communes, the province.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    level: Option<String>,
    valid_from: Option<RawDate>,
    valid_to: Option<RawDate>,
    #[serde(default)]
    merged_into: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    parent: Option<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
}

/// `valid_from = 2025-01-01` (a TOML date) or `"2025-01-01"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

impl RawDate {
    fn text(&self) -> String {
        match self {
            RawDate::Toml(date) => date.to_string(),
            RawDate::Text(text) => text.clone(),
        }
    }
}

fn default_language() -> String {
    "vi".into()
}
fn default_timezone() -> String {
    "+07:00".into()
}
/// The name of the theme built into loa, and the theme of a site whose
/// `site.toml` names none.
pub(crate) const BUILTIN_THEME: &str = "default";

fn default_theme() -> String {
    BUILTIN_THEME.into()
}
fn default_per_page() -> usize {
    20
}
fn default_feed_limit() -> usize {
    50
}

fn default_search() -> bool {
    true
}

fn default_feed_content() -> String {
    "full".to_string()
}

fn default_feed_body_limit_kb() -> usize {
    100
}

/// What `feed_content` may say.
const FEED_CONTENTS: [&str; 2] = ["full", "summary"];

/// The hubs as written, each an absolute `http(s)` address.
fn checked_hubs(
    path: &Path,
    text: &str,
    hubs: Vec<String>,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    hubs.into_iter()
        .filter(|hub| {
            let fine =
                !hub.chars().any(char::is_whitespace) && crate::urls::base_url(hub).is_some();
            if !fine {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        locate_in_toml(text, "websub_hubs", hub),
                        msg!("bad-websub-hub", url = hub.as_str()),
                    )
                    .with_help(msg!("help.bad-websub-hub")),
                );
            }
            fine
        })
        .collect()
}

/// Where `value`, quoted, first stands after `key`; the key itself when
/// it cannot be found.
fn locate_in_toml(text: &str, key: &str, value: &str) -> Position {
    let quoted = format!("\"{value}\"");
    text.find(key)
        .and_then(|at| Some(at + text[at..].find(&quoted)?))
        .map_or_else(
            || locate_toml_key(text, key),
            |offset| Position::of_offset(text, offset),
        )
}

fn check_feed_content(path: &Path, text: &str, value: &str, diagnostics: &mut Diagnostics) {
    if FEED_CONTENTS.contains(&value) {
        return;
    }
    let help = did_you_mean(value, FEED_CONTENTS).unwrap_or_else(|| msg!("help.feed-content"));
    diagnostics.push(
        Diagnostic::error(
            path,
            locate_toml_key(text, "feed_content"),
            msg!("bad-feed-content", value = value),
        )
        .with_help(help),
    );
}

/// An administrative unit (province, district, commune…) as the site
/// defines it, with its history: units are merged, renamed and abolished,
/// and a resident who subscribed to the old one must keep getting news.
#[derive(Debug, Clone)]
pub struct District {
    pub key: DistrictKey,
    pub name: String,
    pub description: String,
    /// `huyện`, `xã`, `phường`, `đặc khu`…, shown to readers.
    pub level: Option<String>,
    /// The first day the unit exists.
    pub valid_from: Option<DateTime<FixedOffset>>,
    /// The day its successors take over: the unit exists before it.
    pub valid_to: Option<DateTime<FixedOffset>>,
    /// The units that took over its area on `valid_to`.
    pub merged_into: Vec<DistrictKey>,
    /// Earlier keys of this unit; their URLs keep working.
    pub aliases: Vec<String>,
    pub parent: Option<DistrictKey>,
    /// The name in each other language of the site (`en` → `Xuyen Moc`).
    pub names: BTreeMap<String, String>,
}

impl District {
    /// Did the unit exist at `date`?
    pub(crate) fn exists_at(&self, date: DateTime<FixedOffset>) -> bool {
        self.valid_from.is_none_or(|from| date >= from) && self.valid_to.is_none_or(|to| date < to)
    }
}

/// A category as the site defines it.
#[derive(Debug, Clone)]
pub struct Category {
    pub key: CategoryKey,
    pub name: String,
    pub description: String,
    /// The name in each other language of the site.
    pub names: BTreeMap<String, String>,
}

/// Another language of the site (`[languages.en]`): its content is under
/// `content/<code>/` and published under `/<code>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
    /// Listings in this language also show the main language's articles
    /// that have no translation, marked as such.
    pub fallback: bool,
    /// Words of the theme replaced for this language (`about = "…"`).
    pub menu: BTreeMap<String, String>,
}

/// `site.toml`, validated.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute, without a trailing slash: `https://congan.example.gov.vn`.
    pub base_url: String,
    pub language: String,
    pub timezone: FixedOffset,
    pub theme: String,
    pub per_page: usize,
    pub feed_limit: usize,
    pub allow_html: bool,
    /// The channel image of the feeds: a path under `static/` or the
    /// theme's `static/` (`logo.png`), without a leading `/`. `None`: the
    /// theme's `logo.png`, if it has one.
    pub logo: Option<String>,
    /// Also write `full.xml`: the site's RSS feed with every article.
    pub feed_full: bool,
    /// Write `/search/` and its index, and the header's search box
    /// (`search = false`: neither, like Zola's `build_search_index`).
    pub search: bool,
    /// `feed_content = "summary"`: feeds carry every article's summary and
    /// a link, never its body.
    pub feed_summary_only: bool,
    /// Bytes of HTML past which an article's feed items carry its summary
    /// and a link instead of its body (`feed_body_limit_kb`, 100 KB): one
    /// long article would make every feed that lists it as heavy, and
    /// readers download feeds again on every refresh.
    pub feed_body_limit: usize,
    /// WebSub hubs every feed names beside its `self` link, so that
    /// readers subscribed through them hear of a new article at once
    /// (`loa ping` tells the hubs).
    pub websub_hubs: Vec<String>,
    pub districts: Vec<District>,
    pub categories: Vec<Category>,
    /// The languages besides the main one (`[languages.en]`), by code.
    pub languages: Vec<Language>,
    pub images: ImageSettings,
    /// The site's main language: `language` itself, except in the
    /// settings of another language's pages (see [`SiteConfig::view`]).
    pub main_language: String,
    /// Words of the theme this language replaces (`[languages.en.menu]`).
    pub menu: BTreeMap<String, String>,
    /// The districts' names read once for matching what editors write, in
    /// the order of `districts` (which nothing changes after parsing).
    district_names: std::sync::OnceLock<Vec<crate::unit_names::UnitName>>,
}

impl SiteConfig {
    /// Each unit with its name as written names are compared with it
    /// (read once, on first use).
    pub(crate) fn districts_with_names(
        &self,
    ) -> impl Iterator<Item = (&District, &crate::unit_names::UnitName)> {
        let names = self.district_names.get_or_init(|| {
            self.districts
                .iter()
                .map(|d| crate::unit_names::UnitName::new(&d.name, d.level.as_deref()))
                .collect()
        });
        self.districts.iter().zip(names)
    }

    /// Reads and checks `site.toml` in `root`, with every mistake in it
    /// (sorted).
    pub fn read(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let text = SiteConfig::read_text(root).map_err(|e| vec![e])?;
        SiteConfig::parse(Path::new("site.toml"), &text).map_err(Diagnostics::into_sorted)
    }

    /// The text of `site.toml` in `root`, normalised as every text loa
    /// reads, or why it cannot be read: how every command reads it.
    pub(crate) fn read_text(root: &Path) -> Result<String, Diagnostic> {
        let text = std::fs::read_to_string(root.join("site.toml")).map_err(|e| {
            Diagnostic::error(
                "site.toml",
                Position::default(),
                msg!("unreadable-site-toml", detail = e.to_string()),
            )
            .with_help(msg!("help.unreadable-site-toml", root = root.display()))
        })?;
        Ok(crate::text::normalize_text(text))
    }

    /// Parses and validates the text of `site.toml`; `path` is only used in
    /// diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<SiteConfig, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(error) => {
                diagnostics.push(toml_diagnostic(path, text, &error));
                return Err(diagnostics);
            }
        };
        let at_key = |key: &str| locate_toml_key(text, key);

        let timezone = checked_timezone(path, text, &raw.timezone, &mut diagnostics);
        let base_url = checked_base_url(path, text, &raw.base_url, &mut diagnostics);
        for (key, value) in [
            ("per_page", raw.per_page),
            ("feed_limit", raw.feed_limit),
            ("feed_body_limit_kb", raw.feed_body_limit_kb),
        ] {
            if value == 0 {
                diagnostics.push(
                    Diagnostic::error(path, at_key(key), msg!("zero-setting", key = key))
                        .with_help(msg!("help.zero-setting", key = key)),
                );
            }
        }
        check_feed_content(path, text, &raw.feed_content, &mut diagnostics);
        check_theme(path, text, &raw.theme, &mut diagnostics);
        let logo = raw
            .logo
            .as_deref()
            .and_then(|logo| checked_logo(path, text, logo, &mut diagnostics));
        check_keys(
            path,
            text,
            "districts",
            raw.districts.iter().map(|d| d.key.as_str()),
            &mut diagnostics,
        );
        let districts =
            districts_with_history(path, text, timezone, raw.districts, &mut diagnostics);
        check_keys(
            path,
            text,
            "categories",
            raw.categories.iter().map(|c| c.key.as_str()),
            &mut diagnostics,
        );
        let categories: Vec<Category> = raw
            .categories
            .into_iter()
            .map(|t| Category {
                key: CategoryKey(t.key),
                name: t.name,
                description: t.description,
                names: t.names,
            })
            .collect();
        let languages =
            checked_languages(path, text, &raw.language, raw.languages, &mut diagnostics);
        let named = districts
            .iter()
            .map(|d: &District| (&d.key.0, &d.names))
            .chain(categories.iter().map(|c: &Category| (&c.key.0, &c.names)));
        check_names(path, text, &languages, named, &mut diagnostics);
        let images = checked_images(path, text, raw.images, &mut diagnostics);
        let websub_hubs = checked_hubs(path, text, raw.websub_hubs, &mut diagnostics);
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(SiteConfig {
            title: raw.title,
            description: raw.description,
            base_url,
            language: raw.language.clone(),
            timezone,
            theme: raw.theme,
            per_page: raw.per_page,
            feed_limit: raw.feed_limit,
            allow_html: raw.allow_html,
            logo,
            feed_full: raw.feed_full,
            search: raw.search,
            feed_summary_only: raw.feed_content == "summary",
            feed_body_limit: raw.feed_body_limit_kb.saturating_mul(1000),
            websub_hubs,
            districts,
            categories,
            district_names: Default::default(),
            main_language: raw.language.clone(),
            languages,
            images,
            menu: BTreeMap::new(),
        })
    }

    /// The site's languages, the main one first.
    pub fn languages(&self) -> Vec<String> {
        std::iter::once(self.main_language.clone())
            .chain(self.languages.iter().map(|l| l.code.clone()))
            .collect()
    }

    /// The language of a document at `content_path` (`en/pages/a.md`) and
    /// its path in that language (`pages/a.md`): the first folder when it
    /// is the code of one of the site's other languages, else the main
    /// language and the whole path.
    pub fn language_of<'a>(&self, content_path: &'a str) -> (&str, &'a str) {
        if let Some((first, rest)) = content_path.split_once('/') {
            if let Some(language) = self.languages.iter().find(|l| l.code == first) {
                return (&language.code, rest);
            }
        }
        (&self.main_language, content_path)
    }

    /// The settings of the pages of `code`, one of the site's other
    /// languages: published under `/<code>/`, with that language's title,
    /// description and names of units and categories (each falling back to
    /// the main name). `None` for a language the site does not have.
    pub fn view(&self, code: &str) -> Option<SiteConfig> {
        let language = self.languages.iter().find(|l| l.code == code)?;
        let mut view = self.clone();
        view.base_url = format!("{}/{code}", self.base_url);
        view.language = code.to_string();
        view.title = language.title.clone();
        view.description = language.description.clone();
        view.menu = language.menu.clone();
        for unit in &mut view.districts {
            if let Some(name) = unit.names.get(code) {
                unit.name = name.clone();
            }
        }
        for category in &mut view.categories {
            if let Some(name) = category.names.get(code) {
                category.name = name.clone();
            }
        }
        view.district_names = Default::default();
        Some(view)
    }

    /// Whether the main language's articles without a translation are
    /// listed, marked, in the language of these settings.
    pub fn shows_untranslated(&self) -> bool {
        self.languages
            .iter()
            .find(|l| l.code == self.language)
            .is_some_and(|l| l.fallback)
    }

    /// The path part of `base_url` with a trailing slash: `/` for a site at
    /// the root of its host, `/loa/` for one published under `/loa/`.
    pub fn root_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", &after_scheme[i..]),
            None => "/".to_string(),
        }
    }

    /// The site's root path in every language (`/`, `/loa/`): where the
    /// static files are, which the languages share. [`SiteConfig::root_path`]
    /// of another language's settings ends in `<code>/`.
    pub fn shared_root_path(&self) -> String {
        let root = self.root_path();
        if self.language == self.main_language {
            return root;
        }
        root.strip_suffix(&format!("{}/", self.language))
            .map_or(root.clone(), str::to_string)
    }

    /// `scheme://host[:port]`, which turns a root path into a permalink.
    pub fn origin(&self) -> &str {
        let scheme_end = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[scheme_end..].find('/') {
            Some(i) => &self.base_url[..scheme_end + i],
            None => &self.base_url,
        }
    }

    pub fn district(&self, key: &DistrictKey) -> Option<&District> {
        self.districts.iter().find(|d| &d.key == key)
    }

    pub fn category(&self, key: &CategoryKey) -> Option<&Category> {
        self.categories.iter().find(|c| &c.key == key)
    }
}

fn check_keys<'a>(
    path: &Path,
    text: &str,
    table: &str,
    keys: impl Iterator<Item = &'a str>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen = std::collections::BTreeSet::new();
    for key in keys {
        let position = locate_toml_value(text, key);
        if !is_slug(key) {
            diagnostics.push(
                Diagnostic::error(path, position, msg!("bad-key", key = key, table = table))
                    .with_help(msg!("help.bad-key", slug = crate::slug::slugify(key))),
            );
        }
        if !seen.insert(key) {
            let lines = key_lines(text, key);
            let (position, help) = match lines[..] {
                [first, second, ..] => (second, msg!("help.duplicate-key-line", line = first.line)),
                _ => (position, msg!("help.duplicate-key")),
            };
            diagnostics.push(
                Diagnostic::error(
                    path,
                    position,
                    msg!("duplicate-key", key = key, table = table),
                )
                .with_help(help),
            );
        }
    }
}

/// The offset of `timezone`; on an error, UTC (never used: the error stops
/// the build).
fn checked_timezone(
    path: &Path,
    text: &str,
    timezone: &str,
    diagnostics: &mut Diagnostics,
) -> FixedOffset {
    let at_key = |key: &str| locate_toml_key(text, key);
    match parse_offset(timezone) {
        Some(offset) => offset,
        None => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    at_key("timezone"),
                    msg!("bad-timezone", timezone = timezone),
                )
                .with_help(msg!("help.bad-timezone")),
            );
            // Never used: the error stops the build.
            chrono::Offset::fix(&chrono::Utc)
        }
    }
}

/// `base_url` without its trailing `/`, refused unless absolute http(s).
fn checked_base_url(
    path: &Path,
    text: &str,
    written_url: &str,
    diagnostics: &mut Diagnostics,
) -> String {
    let at_key = |key: &str| locate_toml_key(text, key);
    crate::urls::base_url(written_url).unwrap_or_else(|| {
        let written = written_url.trim().trim_end_matches('/');
        let bare_host = !written.is_empty() && !written.contains("://");
        diagnostics.push(
            Diagnostic::error(
                path,
                at_key("base_url"),
                msg!("bad-base-url", url = written_url),
            )
            .with_help(if bare_host {
                msg!("help.base-url-scheme", written = written)
            } else {
                msg!("help.bad-base-url")
            }),
        );
        written.to_string()
    })
}

/// The theme is a folder of themes/: a path would read templates and copy
/// files from anywhere on the machine.
fn check_theme(path: &Path, text: &str, theme: &str, diagnostics: &mut Diagnostics) {
    let at_key = |key: &str| locate_toml_key(text, key);
    let plain_folder = !theme.is_empty()
        && !theme.starts_with('.')
        && !theme.contains(['/', '\\', ':'])
        && !theme.chars().any(char::is_control);
    if !plain_folder {
        diagnostics.push(
            Diagnostic::error(path, at_key("theme"), msg!("bad-theme-name", theme = theme))
                .with_help(msg!("help.bad-theme-name")),
        );
    }
}

/// `[languages.<code>]`: each code a plain language tag that is not the
/// main language and takes no URL segment of the listings.
fn checked_languages(
    path: &Path,
    text: &str,
    main: &str,
    raw: BTreeMap<String, RawLanguage>,
    diagnostics: &mut Diagnostics,
) -> Vec<Language> {
    let mut languages = Vec::new();
    for (code, language) in raw {
        let plain = code.len() >= 2
            && code.len() <= 12
            && code.split('-').all(|part| !part.is_empty())
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && code.starts_with(|c: char| c.is_ascii_lowercase());
        let position = locate_table(text, &format!("[languages.{code}]"));
        if !plain {
            diagnostics.push(
                Diagnostic::error(path, position, msg!("bad-language-code", code = &code))
                    .with_help(msg!("help.bad-language-code")),
            );
            continue;
        }
        if code == main {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    position,
                    msg!("main-language-declared", code = &code, main = main),
                )
                .with_help(msg!("help.main-language-declared")),
            );
            continue;
        }
        languages.push(Language {
            code,
            title: language.title,
            description: language.description,
            fallback: language.fallback,
            menu: language.menu,
        });
    }
    languages
}

/// `names = { en = "…" }` of units and categories: only for the site's
/// other languages.
fn check_names<'a>(
    path: &Path,
    text: &str,
    languages: &[Language],
    named: impl Iterator<Item = (&'a String, &'a BTreeMap<String, String>)>,
    diagnostics: &mut Diagnostics,
) {
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    for (key, names) in named {
        for code in names.keys().filter(|code| !codes.contains(&code.as_str())) {
            let help = did_you_mean(code, codes.iter().copied())
                .unwrap_or_else(|| msg!("help.name-in-unknown-language", code = code));
            diagnostics.push(
                Diagnostic::error(
                    path,
                    locate_toml_value(text, key),
                    msg!("name-in-unknown-language", key = key, code = code),
                )
                .with_help(help),
            );
        }
    }
}

/// `[images]`: widths loa can make (sorted, each once) and qualities an
/// encoder takes.
fn checked_images(
    path: &Path,
    text: &str,
    raw: RawImages,
    diagnostics: &mut Diagnostics,
) -> ImageSettings {
    let mut error = |key: &str, message: Message, help: Message| {
        diagnostics
            .push(Diagnostic::error(path, locate_toml_key(text, key), message).with_help(help));
    };
    if raw.widths.is_empty() {
        error("widths", msg!("no-image-widths"), msg!("help.image-widths"));
    }
    for &width in raw.widths.iter().filter(|w| !IMAGE_WIDTHS.contains(w)) {
        error(
            "widths",
            msg!("bad-image-width", width = width.to_string()),
            msg!("help.image-widths"),
        );
    }
    for (key, quality) in [
        ("jpeg_quality", raw.jpeg_quality),
        ("webp_quality", raw.webp_quality),
    ] {
        if !(1..=100).contains(&quality) {
            error(
                key,
                msg!(
                    "bad-image-quality",
                    key = key,
                    quality = quality.to_string()
                ),
                msg!("help.image-quality", key = key),
            );
        }
    }
    let mut widths = raw.widths;
    widths.sort_unstable();
    widths.dedup();
    ImageSettings {
        make: crate::images::Settings {
            widths,
            jpeg_quality: raw.jpeg_quality,
            webp_quality: f32::from(raw.webp_quality),
        },
        publish_originals: raw.publish_originals,
        sizes: raw.sizes,
    }
}

/// `logo`, refused unless a plain path under static/.
fn checked_logo(
    path: &Path,
    text: &str,
    logo: &str,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let at_key = |key: &str| locate_toml_key(text, key);
    match plain_relative_path(logo) {
        Some(relative) => Some(relative),
        None => {
            diagnostics.push(
                Diagnostic::error(path, at_key("logo"), msg!("bad-logo", logo = logo))
                    .with_help(msg!("help.bad-logo")),
            );
            None
        }
    }
}

/// Districts with their history checked: every key they name exists, a
/// merged unit says when, aliases are unique, and neither parents nor
/// successors go round in a circle.
fn districts_with_history(
    path: &Path,
    text: &str,
    timezone: FixedOffset,
    raw: Vec<RawDistrict>,
    diagnostics: &mut Diagnostics,
) -> Vec<District> {
    let keys: Vec<&str> = raw.iter().map(|d| d.key.as_str()).collect();
    let mut taken: std::collections::BTreeMap<String, String> =
        raw.iter().map(|d| (d.key.clone(), d.key.clone())).collect();
    let mut error = |position: Position, message: Message, help: Option<Message>| {
        let mut d = Diagnostic::error(path, position, message);
        d.help = help;
        diagnostics.push(d);
    };
    let mut districts = Vec::with_capacity(raw.len());
    for unit in &raw {
        let at_unit = locate_toml_value(text, &unit.key);
        let known =
            |reference: &str,
             field: &str,
             error: &mut dyn FnMut(Position, Message, Option<Message>)| {
                if keys.contains(&reference) {
                    Some(DistrictKey(reference.to_string()))
                } else {
                    error(
                        locate_toml_value(text, reference),
                        msg!(
                            "unknown-district-reference",
                            field = field,
                            unit = &unit.key,
                            reference = reference
                        ),
                        did_you_mean(reference, keys.iter().copied()),
                    );
                    None
                }
            };
        let parent = unit
            .parent
            .as_deref()
            .and_then(|p| known(p, "parent", &mut error));
        let merged_into: Vec<DistrictKey> = unit
            .merged_into
            .iter()
            .filter_map(|m| known(m, "merged_into", &mut error))
            .collect();
        let valid_from = unit_date(
            text,
            timezone,
            unit,
            &unit.valid_from,
            "valid_from",
            &mut error,
        );
        let valid_to = unit_date(text, timezone, unit, &unit.valid_to, "valid_to", &mut error);
        if let (Some(from), Some(to)) = (valid_from, valid_to) {
            if from >= to {
                error(
                    at_unit,
                    msg!("district-ends-before-begin", unit = &unit.key),
                    None,
                );
            }
        }
        if !unit.merged_into.is_empty() && unit.valid_to.is_none() {
            error(
                at_unit,
                msg!("merged-without-end", unit = &unit.key),
                Some(msg!("help.merged-without-end")),
            );
        }
        check_aliases(text, unit, &mut taken, &mut error);
        districts.push(District {
            key: DistrictKey(unit.key.clone()),
            name: unit.name.clone(),
            description: unit.description.clone(),
            level: unit.level.clone(),
            valid_from,
            valid_to,
            merged_into,
            aliases: unit.aliases.clone(),
            parent,
            names: unit.names.clone(),
        });
    }
    check_cycles(text, &districts, &mut error);
    districts
}

/// Reports an error of `site.toml` at a position, with an optional help.
type ReportError<'a> = dyn FnMut(Position, Message, Option<Message>) + 'a;

/// `valid_from` or `valid_to` of a unit, with the date to write when it is
/// not one loa reads.
fn unit_date(
    text: &str,
    timezone: FixedOffset,
    unit: &RawDistrict,
    value: &Option<RawDate>,
    field: &str,
    error: &mut ReportError,
) -> Option<DateTime<FixedOffset>> {
    let at_unit = locate_toml_value(text, &unit.key);
    let value = value.as_ref()?;
    let text_value = value.text();
    let parsed = crate::dates::parse_date(&text_value, timezone);
    if parsed.is_none() {
        let (reason, help) = match crate::dates::advise(&text_value) {
            // A day alone is a TOML date; with a time, a string.
            crate::dates::DateAdvice::Rewrite(date) if date.len() == 10 => {
                (None, msg!("help.toml-date", field = field, date = date))
            }
            crate::dates::DateAdvice::Rewrite(date) => (
                None,
                msg!("help.toml-date-quoted", field = field, date = date),
            ),
            crate::dates::DateAdvice::Impossible { reason, .. } => (
                Some(reason),
                msg!("help.toml-impossible-date", field = field),
            ),
            crate::dates::DateAdvice::Unreadable => {
                (None, msg!("help.toml-bad-date", field = field))
            }
        };
        let (unit, value) = (&unit.key, &text_value);
        let message = match reason {
            Some(reason) => msg!(
                "impossible-district-date",
                field = field,
                value = value,
                unit = unit,
                reason = reason
            ),
            None => msg!(
                "bad-district-date",
                field = field,
                value = value,
                unit = unit
            ),
        };
        error(at_unit, message, Some(help));
    }
    parsed
}

/// Each alias of a unit: usable in a URL, and nobody else's key or alias.
fn check_aliases(
    text: &str,
    unit: &RawDistrict,
    taken: &mut std::collections::BTreeMap<String, String>,
    error: &mut ReportError,
) {
    for alias in &unit.aliases {
        if !is_slug(alias) {
            error(
                locate_toml_value(text, alias),
                msg!("bad-district-alias", alias = alias, unit = &unit.key),
                Some(msg!(
                    "help.bad-district-alias",
                    slug = crate::slug::slugify(alias)
                )),
            );
        } else if let Some(owner) = taken.insert(alias.clone(), unit.key.clone()) {
            error(
                locate_toml_value(text, alias),
                msg!(
                    "duplicate-district-alias",
                    alias = alias,
                    unit = &unit.key,
                    owner = owner
                ),
                None,
            );
        }
    }
}

/// A `parent` or `merged_into` chain that comes back to where it started.
fn check_cycles(text: &str, districts: &[District], error: &mut ReportError) {
    for (field, next) in [
        (
            "parent",
            Box::new(|d: &District| d.parent.iter().cloned().collect::<Vec<_>>())
                as Box<dyn Fn(&District) -> Vec<DistrictKey>>,
        ),
        (
            "merged_into",
            Box::new(|d: &District| d.merged_into.clone()),
        ),
    ] {
        if let Some(key) = find_cycle(districts, next.as_ref()) {
            error(
                locate_toml_value(text, &key.0),
                msg!("district-cycle", field = field, unit = &key.0),
                Some(if field == "parent" {
                    msg!("help.district-cycle-parent")
                } else {
                    msg!("help.district-cycle-merged")
                }),
            );
        }
    }
}

/// A unit that can reach itself by following `next`, if any.
fn find_cycle(
    districts: &[District],
    next: &dyn Fn(&District) -> Vec<DistrictKey>,
) -> Option<DistrictKey> {
    let by_key: std::collections::BTreeMap<&DistrictKey, &District> =
        districts.iter().map(|d| (&d.key, d)).collect();
    for start in districts {
        let mut stack = next(start);
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = stack.pop() {
            if key == start.key {
                return Some(key);
            }
            if seen.insert(key.clone()) {
                if let Some(unit) = by_key.get(&key) {
                    stack.extend(next(unit));
                }
            }
        }
    }
    None
}

/// A path relative to a folder of the site (the logo's under `static/`),
/// if it is a plain relative path (no `..`, no root, no backslash, no URL,
/// no hidden file, which the theme loader skips).
pub(crate) fn plain_relative_path(path: &str) -> Option<String> {
    let relative = path.trim().trim_start_matches('/');
    let safe = !relative.is_empty()
        && !relative.contains(['\\', ':', '?', '#'])
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && !segment.starts_with('.'));
    safe.then(|| relative.to_string())
}

/// `+07:00`, `-05:30`, `+0700`, `Z` or `UTC`.
pub(crate) fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn toml_diagnostic(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let position = error
        .span()
        .map(|span| Position::of_offset(text, span.start))
        .unwrap_or_default();
    let message = error.message().trim().to_string();
    let mut diagnostic =
        Diagnostic::error(path, position, msg!("invalid-site-toml", detail = &message))
            .with_help(msg!("help.invalid-site-toml"));
    // serde's message names the unknown key and the expected ones in
    // backticks: "unknown field `titel`, expected one of `title`, ...".
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let quoted: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if let Some((unknown, expected)) = quoted.split_first() {
            diagnostic.message = msg!("unknown-setting", key = *unknown);
            let help = did_you_mean(unknown, expected.iter().copied())
                .unwrap_or_else(|| msg!("help.known-settings", keys = expected.join(", ")));
            diagnostic = diagnostic.with_help(help);
        }
    } else if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic.message = msg!("missing-setting", key = field);
        diagnostic = diagnostic.with_help(msg!("help.missing-setting", key = field));
    } else if message.starts_with("invalid type: string") && message.contains("expected u") {
        // serde names Rust's types ("expected usize"): say it in words.
        let start = error.span().map_or(0, |span| span.start);
        let line_start = text
            .get(..start)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line = text
            .get(line_start..)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_default();
        diagnostic.message = msg!("quoted-number", line = line.trim());
        diagnostic = diagnostic.with_help(msg!(
            "help.quoted-number",
            line = line.trim().replace('"', "")
        ));
    }
    diagnostic
}

/// Where `key = ...` first stands at the start of a line.
fn locate_toml_key(text: &str, key: &str) -> Position {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Position::of_offset(text, offset + line.len() - trimmed.len());
            }
        }
        offset += line.len();
    }
    Position::new(1, 1)
}

/// Where the table `header` (`[languages.en]`) starts.
fn locate_table(text: &str, header: &str) -> Position {
    match text.find(header) {
        Some(offset) => Position::of_offset(text, offset),
        None => Position::new(1, 1),
    }
}

/// Where each line `key = "<key>"` stands, at its value.
fn key_lines(text: &str, key: &str) -> Vec<Position> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let value = line
            .trim_start()
            .strip_prefix("key")
            .and_then(|rest| rest.trim_start().strip_prefix('='))
            .map(|value| value.split(" #").next().unwrap_or(value).trim());
        if let Some(value) = value {
            let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
            if unquoted == key {
                let column = line.len() - line.trim_start().len();
                let at = line[column..]
                    .find(value)
                    .map_or(column, |i| column + i + 1);
                found.push(Position::of_offset(text, offset + at));
            }
        }
        offset += line.len();
    }
    found
}

/// Where the quoted string `value` first stands.
fn locate_toml_value(text: &str, value: &str) -> Position {
    for quoted in [format!("\"{value}\""), format!("'{value}'")] {
        if let Some(i) = text.find(&quoted) {
            return Position::of_offset(text, i + 1);
        }
    }
    Position::new(1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n";

    #[test]
    fn a_key_written_twice_is_reported_at_the_second_naming_the_first() {
        let text = format!(
            "{MINIMAL}[[categories]]\nkey = \"tin\"\nname = \"Tin\"\n\
             [[categories]]\nkey = \"tin\"  # chép lại\nname = \"Tin 2\"\n"
        );
        let Err(diagnostics) = SiteConfig::parse(Path::new("site.toml"), &text) else {
            panic!("two categories with one key were accepted");
        };
        let found: Vec<(usize, usize, String, Option<String>)> = diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| (d.line, d.column, d.message.en(), d.help.map(|h| h.en())))
            .collect();
        assert_eq!(
            found,
            [(
                7,
                8,
                "the key `tin` appears twice in [[categories]]".to_string(),
                Some(
                    "the first is on line 4: give each its own key, or delete the one that \
                     is not needed"
                        .to_string()
                )
            )]
        );
    }

    #[test]
    fn defaults_apply() {
        let config = SiteConfig::parse(Path::new("site.toml"), MINIMAL).unwrap();
        assert_eq!(config.theme, "default");
        assert_eq!(config.per_page, 20);
        assert_eq!(config.feed_limit, 50);
        assert_eq!(config.timezone, FixedOffset::east_opt(7 * 3600).unwrap());
        assert_eq!(config.language, "vi");
        assert_eq!(config.base_url, "https://example.org");
        assert_eq!(config.root_path(), "/");
        assert_eq!(config.origin(), "https://example.org");
        assert_eq!(config.logo, None);
        assert!(!config.feed_full);
        assert!(config.search);
    }

    #[test]
    fn logo_full_feed_and_search_are_read() {
        let text = format!("{MINIMAL}logo = \"/img/logo.png\"\nfeed_full = true\n");
        let config = SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert_eq!(config.logo.as_deref(), Some("img/logo.png"));
        assert!(config.feed_full);
        let text = format!("{MINIMAL}search = false\n");
        let config = SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert!(!config.search);
    }

    #[test]
    fn feed_content_and_its_limit_are_read_and_checked() {
        let config = SiteConfig::parse(Path::new("site.toml"), MINIMAL).unwrap();
        assert!(!config.feed_summary_only);
        assert_eq!(config.feed_body_limit, 100_000);
        let text = format!("{MINIMAL}feed_content = \"summary\"\nfeed_body_limit_kb = 250\n");
        let config = SiteConfig::parse(Path::new("site.toml"), &text).unwrap();
        assert!(config.feed_summary_only);
        assert_eq!(config.feed_body_limit, 250_000);

        let text = format!("{MINIMAL}feed_content = \"summry\"\nfeed_body_limit_kb = 0\n");
        let errors = SiteConfig::parse(Path::new("site.toml"), &text)
            .unwrap_err()
            .into_sorted();
        let said: Vec<(usize, String)> = errors
            .iter()
            .map(|e| (e.line, e.render(crate::messages::Lang::En)))
            .collect();
        assert_eq!(said.len(), 2, "{said:#?}");
        assert_eq!(said[0].0, 3);
        assert!(said[0]
            .1
            .contains("`feed_content = \"summry\"` is not a valid choice"));
        assert!(said[0].1.contains("summary"), "{}", said[0].1);
        assert_eq!(said[1].0, 4);
        assert!(said[1]
            .1
            .contains("`feed_body_limit_kb` must be at least 1"));
        // Words nothing resembles get both choices explained.
        let text = format!("{MINIMAL}feed_content = \"tóm tắt\"\n");
        let errors = SiteConfig::parse(Path::new("site.toml"), &text).unwrap_err();
        let said = errors.into_sorted()[0].render(crate::messages::Lang::Vi);
        assert!(
            said.contains("feed_content = \"full\"") && said.contains("feed_content = \"summary\""),
            "{said}"
        );
    }

    #[test]
    fn a_logo_outside_static_is_refused() {
        for logo in [
            "../site.toml",
            "https://e.org/logo.png",
            "a\\\\b.png",
            "",
            ".hidden.png",
        ] {
            let text = format!("{MINIMAL}logo = \"{logo}\"\n");
            let errors = SiteConfig::parse(Path::new("site.toml"), &text)
                .unwrap_err()
                .into_sorted();
            assert_eq!(errors.len(), 1, "{logo}: {errors:?}");
            assert_eq!(errors[0].line, 3, "{logo}");
            assert!(errors[0].message.en().contains("logo"), "{logo}");
        }
        let text = format!("{MINIMAL}feed_full = \"yes\"\n");
        assert!(SiteConfig::parse(Path::new("site.toml"), &text).is_err());
    }

    #[test]
    fn base_path_is_kept() {
        let text = "title = \"T\"\nbase_url = \"http://127.0.0.1:8000/loa\"\n";
        let config = SiteConfig::parse(Path::new("site.toml"), text).unwrap();
        assert_eq!(config.root_path(), "/loa/");
        assert_eq!(config.origin(), "http://127.0.0.1:8000");
    }

    #[test]
    fn unknown_key_names_key_and_suggests() {
        let text = format!("{MINIMAL}per_pgae = 10\n");
        let errors = SiteConfig::parse(Path::new("site.toml"), &text)
            .unwrap_err()
            .into_sorted();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message.en(), "unknown key `per_pgae`");
        assert_eq!(errors[0].line, 3);
        assert_eq!(
            errors[0].help.as_ref().map(Message::en).as_deref(),
            Some("did you mean `per_page`?")
        );
    }

    #[test]
    fn bad_values_are_all_reported() {
        let text = "title = \"T\"\nbase_url = \"example.org\"\ntimezone = \"ICT\"\n\
                    [[districts]]\nkey = \"Xuyên Mộc\"\nname = \"X\"\n";
        let errors = SiteConfig::parse(Path::new("site.toml"), text)
            .unwrap_err()
            .into_sorted();
        let messages: Vec<_> = errors.iter().map(|d| (d.line, d.message.en())).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[1].line, 3);
        assert_eq!(errors[2].line, 5);
        assert_eq!(
            errors[2].help.as_ref().map(Message::en).as_deref(),
            Some("use lower-case letters without diacritics, digits and dashes: `xuyen-moc`")
        );
    }

    #[test]
    fn a_history_date_written_day_first_gets_it_year_first() {
        let text = format!(
            "{MINIMAL}[[districts]]\nkey = \"a\"\nname = \"A\"\nvalid_from = \"01/07/2025\"\n\
             valid_to = \"2025-02-30\"\n"
        );
        let errors = SiteConfig::parse(Path::new("site.toml"), &text)
            .unwrap_err()
            .into_sorted();
        let texts: Vec<(String, Option<String>)> = errors
            .iter()
            .map(|d| (d.message.en(), d.help.as_ref().map(Message::en)))
            .collect();
        let found: Vec<(&str, Option<&str>)> = texts
            .iter()
            .map(|(m, h)| (m.as_str(), h.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "`valid_from = 01/07/2025` of `a` is not a date",
                    Some("write `valid_from = 2025-07-01`")
                ),
                (
                    "`valid_to = 2025-02-30` of `a` is not a date: February 2025 has 28 days",
                    Some("correct it, written year-month-day: `valid_to = 2025-01-01`")
                ),
            ]
        );
    }

    #[test]
    fn a_theme_is_a_folder_name_not_a_path() {
        for theme in ["../x", "/etc", "a/b", "..", ".hidden", "", "a\\b", "C:x"] {
            let text = format!("{MINIMAL}theme = \"{}\"\n", theme.replace('\\', "\\\\"));
            let errors = SiteConfig::parse(Path::new("site.toml"), &text)
                .expect_err(theme)
                .into_sorted();
            assert_eq!(errors.len(), 1, "{theme}: {errors:?}");
            assert_eq!(errors[0].line, 3, "{theme}");
            assert!(
                errors[0]
                    .message
                    .en()
                    .contains("is not the name of a folder"),
                "{theme}"
            );
        }
        let text = format!("{MINIMAL}theme = \"cong-an-2026\"\n");
        assert!(SiteConfig::parse(Path::new("site.toml"), &text).is_ok());
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+07:00"), FixedOffset::east_opt(25200));
        assert_eq!(parse_offset("+0700"), FixedOffset::east_opt(25200));
        assert_eq!(parse_offset("-05:30"), FixedOffset::west_opt(19800));
        assert_eq!(parse_offset("Z"), FixedOffset::east_opt(0));
        assert_eq!(parse_offset("ICT"), None);
    }
}
