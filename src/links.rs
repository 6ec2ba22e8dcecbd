//! Links between the pages of the site, checked once every page is known:
//! after validation, which renders the bodies (and so gives headings their
//! ids), and after indexing, which decides the listings.
//!
//! - A link written as a site path (`/tin-tuc/bai/`, `../khac/`,
//!   `/districts/xuyen-moc/rss.xml`) that the build does not produce is an
//!   error, with the closest page or file.
//! - A site path to a draft or a scheduled article gets the warning of an
//!   `@/` link to one.
//! - A `#fragment` that is no id of the target article or page (a heading,
//!   a footnote, or an id the theme's templates write) is a warning.
//!   Listings, the home page and files are not checked for fragments: their
//!   ids come from the theme.
//!
//! `@/` links and files beside the article are checked while rendering
//! (see [`crate::markdown`]); what is kept for this check is in
//! [`Rendered::links`]. Nothing here reads the file system.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::config::SiteConfig;
use crate::content::{Content, Document};
use crate::diagnostics::{closest, Diagnostic, Diagnostics, Position};
use crate::hash::fingerprint;
use crate::languages::View;
use crate::markdown::{LinkTarget, Rendered, SiteLink};
use crate::messages::msg;
use crate::messages::Message;
use crate::model::{HeldBack, ValidSite};
use crate::theme::Theme;

/// What a serve session keeps between builds: the set of output files,
/// which most edits (a body, a title) leave as it was.
#[derive(Debug, Default)]
pub struct LinkCache {
    files: Option<(u64, Arc<HashSet<String>>)>,
}

/// Every file the build makes, from `cache` while nothing it is made of
/// changed: the listings and URLs (`listed`), aliases, pages and the files
/// beside the articles. A session drops its cache when `site.toml`, the
/// theme or static files change.
fn output_files(
    content: &Content,
    theme: &Theme,
    site: &ValidSite,
    views: &[View],
    cache: &mut LinkCache,
) -> Arc<HashSet<String>> {
    let key = fingerprint(&(
        site.articles
            .iter()
            .map(|a| (a.listed, &a.aliases))
            .collect::<Vec<_>>(),
        site.pages
            .iter()
            .map(|p| (&p.output_dir, &p.aliases))
            .collect::<Vec<_>>(),
        content.assets_fingerprint,
    ));
    if let Some((cached, files)) = &cache.files {
        if *cached == key {
            return Arc::clone(files);
        }
    }
    let mut files: HashSet<String> = views
        .iter()
        .flat_map(|view| crate::jobs::output_paths(&view.config, &view.site, &view.index))
        .collect();
    files.extend(theme.static_files.iter().map(|f| f.path.clone()));
    files.extend(content.asset_paths.iter().cloned());
    let files = Arc::new(files);
    cache.files = Some((key, Arc::clone(&files)));
    files
}

/// The link problems of every published article and page, sorted.
pub fn check(
    content: &Content,
    theme: &Theme,
    site: &ValidSite,
    views: &[View],
    cache: &mut LinkCache,
) -> Vec<Diagnostic> {
    let sources: Vec<(&str, &Rendered)> = site
        .with_site_links
        .iter()
        .map(|&i| (site.article(i).source.as_str(), &*site.article(i).body))
        .chain(site.pages.iter().map(|p| (p.source.as_str(), &*p.body)))
        .chain(
            site.failed_with_site_links
                .iter()
                .map(|(source, body)| (source.as_str(), &**body)),
        )
        .filter(|(_, body)| !body.links.is_empty())
        .collect();
    // Most sites link with `@/`, checked already: nothing to build here.
    if sources.is_empty() {
        return Vec::new();
    }
    let any_path = sources.iter().any(|(_, body)| {
        body.links
            .iter()
            .any(|l| matches!(l.target, LinkTarget::Path(_)))
    });
    let files = if any_path {
        output_files(content, theme, site, views, cache)
    } else {
        Arc::default()
    };
    // The main language's settings: links are paths of the whole host.
    let Some(config) = views.first().map(|view| &view.config) else {
        return Vec::new();
    };
    let targets = Targets::new(config, theme, site, files);
    // Found only to locate a problem.
    let documents: OnceCell<HashMap<&str, &Document>> = OnceCell::new();
    let mut diagnostics = Diagnostics::default();
    for (source, body) in sources {
        let locate = |offset: usize| {
            let documents = documents.get_or_init(|| {
                content
                    .documents
                    .iter()
                    .map(|d| (d.path.as_str(), d))
                    .collect()
            });
            documents
                .get(source)
                .map(|d| (d.display_path.clone(), d.body_position(offset)))
        };
        for link in &body.links {
            if let Some(diagnostic) = targets.check(body, link, &locate) {
                diagnostics.push(diagnostic);
            }
        }
    }
    diagnostics.into_sorted()
}

/// What a link found on the site.
enum Found<'a> {
    /// An article or a page, whose ids can be checked.
    Body(&'a Rendered),
    /// A listing, a feed, a static file, a file beside an article...
    File,
    /// A document this build leaves out.
    HeldBack(&'a HeldBack),
    Missing,
}

/// Everything a link may lead to.
struct Targets<'a> {
    root_path: String,
    base_url: &'a str,
    /// Every file of the output, relative to its root; empty when no link
    /// is a site path.
    files: Arc<HashSet<String>>,
    site: &'a ValidSite,
    /// Articles and pages by their output folder, and by their source:
    /// made for the first link with a fragment.
    by_dir: OnceCell<HashMap<&'a str, &'a Rendered>>,
    by_source: OnceCell<HashMap<&'a str, &'a Rendered>>,
    held_back: HashMap<&'a str, &'a HeldBack>,
    /// Ids the templates write on every page they make (`main`).
    template_ids: BTreeSet<String>,
}

impl<'a> Targets<'a> {
    fn new(
        config: &'a SiteConfig,
        theme: &'a Theme,
        site: &'a ValidSite,
        files: Arc<HashSet<String>>,
    ) -> Targets<'a> {
        Targets {
            root_path: config.root_path(),
            base_url: &config.base_url,
            files,
            site,
            by_dir: OnceCell::new(),
            by_source: OnceCell::new(),
            held_back: site
                .held_back
                .iter()
                .map(|h| (h.output_dir.as_str(), h))
                .collect(),
            template_ids: theme
                .templates
                .iter()
                .flat_map(|t| ids(&t.text))
                .filter(|id| !id.contains(['{', '}']))
                .collect(),
        }
    }

    fn bodies(&self) -> impl Iterator<Item = (&'a str, &'a str, &'a Rendered)> {
        let site = self.site;
        site.articles
            .iter()
            .map(|a| (a.output_dir.as_str(), a.source.as_str(), &*a.body))
            .chain(
                site.pages
                    .iter()
                    .map(|p| (p.output_dir.as_str(), p.source.as_str(), &*p.body)),
            )
    }

    fn by_dir(&self, dir: &str) -> Option<&'a Rendered> {
        let map = self
            .by_dir
            .get_or_init(|| self.bodies().map(|(dir, _, body)| (dir, body)).collect());
        map.get(dir).copied()
    }

    fn by_source(&self, source: &str) -> Option<&'a Rendered> {
        let map = self.by_source.get_or_init(|| {
            self.bodies()
                .map(|(_, source, body)| (source, body))
                .collect()
        });
        map.get(source).copied()
    }

    /// What `path` (decoded, without the root path, query or fragment)
    /// leads to; `with_body` finds the article or page of a folder, to
    /// check a fragment. A folder is found with or without its trailing
    /// slash, as static hosts redirect `/a` to `/a/`.
    fn find(&self, path: &str, with_body: bool) -> Found<'a> {
        let path = path.trim_start_matches('/');
        let folder = format!("{}/index.html", path.trim_end_matches('/'));
        let folder = folder.trim_start_matches('/');
        let candidates: &[&str] = if path.is_empty() || path.ends_with('/') {
            &[folder]
        } else {
            &[path, folder]
        };
        for &candidate in candidates {
            let dir = match candidate {
                "index.html" => Some(""),
                other => other.strip_suffix("/index.html"),
            };
            if self.files.contains(candidate) {
                let body = dir.filter(|_| with_body).and_then(|d| self.by_dir(d));
                return body.map_or(Found::File, Found::Body);
            }
            if let Some(held) = dir.and_then(|d| self.held_back.get(d)) {
                return Found::HeldBack(held);
            }
        }
        Found::Missing
    }

    /// The problem with one link of `body`, if it has one; `locate` gives
    /// the file and position of a body offset.
    fn check(
        &self,
        body: &Rendered,
        link: &SiteLink,
        locate: &dyn Fn(usize) -> Option<(PathBuf, Position)>,
    ) -> Option<Diagnostic> {
        let located = || locate(link.offset);
        // As the editor wrote it, for a message: made only for a problem.
        let shown = || match &link.target {
            LinkTarget::ThisPage => None,
            LinkTarget::Document(source) => Some(format!("@/{source}")),
            LinkTarget::Path(site_path) => Some(format!("/{site_path}")),
        };
        let target = match &link.target {
            LinkTarget::ThisPage => Found::Body(body),
            LinkTarget::Document(source) => self.by_source(source).map_or(Found::File, Found::Body),
            LinkTarget::Path(site_path) => match self.find(site_path, !link.fragment.is_empty()) {
                Found::Missing => {
                    let shown = shown().unwrap_or_default();
                    let what = if link.image {
                        msg!("missing-site-image", shown = &shown)
                    } else {
                        msg!("missing-site-page", shown = &shown)
                    };
                    let help = self
                        .suggest(site_path)
                        .unwrap_or_else(|| msg!("help.missing-site-page"));
                    let (path, position) = located()?;
                    return Some(Diagnostic::error(path, position, what).with_help(help));
                }
                Found::HeldBack(held) if held.reason.is_waiting() => {
                    let (path, position) = located()?;
                    return Some(crate::validate::unpublished_link(
                        &path,
                        position,
                        &held.source,
                    ));
                }
                found => found,
            },
        };
        let Found::Body(target) = target else {
            return None;
        };
        if link.fragment.is_empty() || self.has_id(target, &link.fragment) {
            return None;
        }
        let fragment = &link.fragment;
        let shown = shown();
        let message = match &shown {
            None => msg!("missing-heading-here", fragment = fragment),
            Some(shown) => msg!("missing-heading", fragment = fragment, shown = shown),
        };
        let ids: Vec<String> = ids(&target.html).collect();
        let help = match closest(fragment, ids.iter().map(String::as_str)) {
            Some(id) => msg!("help.did-you-mean", candidate = format!("#{id}")),
            None if ids.is_empty() && shown.is_none() => {
                msg!("help.no-headings-here", fragment = fragment)
            }
            None if ids.is_empty() => msg!("help.no-headings", fragment = fragment),
            None => msg!(
                "help.heading-ids",
                ids = ids
                    .iter()
                    .take(8)
                    .map(|id| format!("`#{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let (path, position) = located()?;
        Some(Diagnostic::warning(path, position, message).with_help(help))
    }

    fn has_id(&self, body: &Rendered, fragment: &str) -> bool {
        // `#top` and an empty fragment scroll to the top in every browser.
        if fragment == "top" || self.template_ids.contains(fragment) {
            return true;
        }
        let mut attribute = String::from(" id=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut attribute, fragment);
        attribute.push('"');
        body.html.contains(&attribute)
    }

    /// The page or file the editor most likely meant by `path`.
    fn suggest(&self, path: &str) -> Option<Message> {
        let exists = |p: &str| !matches!(self.find(p, false), Found::Missing);
        // `/loa/tin-tuc/a/` on a site at `https://host/loa`: loa adds the
        // base path itself.
        let base = self.root_path.trim_start_matches('/');
        if let Some(inner) = path.strip_prefix(base).filter(|_| !base.is_empty()) {
            if exists(inner) {
                return Some(msg!(
                    "help.base-path-twice",
                    inner = inner,
                    base = &self.base_url
                ));
            }
        }
        // `/Tin-Tức/Bài 1/`: addresses are slugs.
        let slugged = slug_path(path);
        if slugged != path && exists(&slugged) {
            return Some(msg!("help.did-you-mean", candidate = format!("/{slugged}")));
        }
        let entries = Entries::of(&self.files);
        let (folder, name) = split_last(path);
        // The folder as written, else the closest one (`hoat-dng/`).
        let names = entries.by_folder.get(folder).or_else(|| {
            closest(folder, entries.by_folder.keys().map(String::as_str))
                .and_then(|f| entries.by_folder.get(f))
        });
        if let Some(names) = names {
            let close = closest(name, names.iter().map(|(n, _)| n.as_str())).or_else(|| {
                // A page whose address grew or shrank (`dich/` → `dich-moi/`).
                let wanted = crate::slug::slugify(name);
                names.iter().map(|(n, _)| n.as_str()).find(|n| {
                    let n = crate::slug::slugify(n);
                    !wanted.is_empty()
                        && !n.is_empty()
                        && (n.starts_with(&wanted) || wanted.starts_with(&n))
                })
            });
            if let Some((_, full)) = close.and_then(|c| names.iter().find(|(n, _)| n == c)) {
                return Some(msg!("help.did-you-mean", candidate = format!("/{full}")));
            }
        }
        // The same page or file in another folder.
        entries
            .by_name
            .get(name)
            .map(|full| msg!("help.did-you-mean", candidate = format!("/{full}")))
    }
}

/// The output's files as an editor links them (`tin-tuc/a/` for
/// `tin-tuc/a/index.html`), by folder and by last segment: made only when
/// a link is broken.
struct Entries {
    /// Folder (`tin-tuc`) → (last segment `a/` or `rss.xml`, the whole path).
    by_folder: BTreeMap<String, Vec<(String, String)>>,
    /// Last segment → the first whole path with it, in path order.
    by_name: BTreeMap<String, String>,
}

impl Entries {
    fn of(files: &HashSet<String>) -> Entries {
        let mut paths: Vec<String> = files
            .iter()
            .map(|f| match f.strip_suffix("index.html") {
                Some(dir) => dir.to_string(),
                None => f.clone(),
            })
            .collect();
        paths.sort();
        paths.dedup();
        let mut by_folder: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        let mut by_name = BTreeMap::new();
        for path in paths {
            let (folder, name) = split_last(&path);
            by_folder
                .entry(folder.to_string())
                .or_default()
                .push((name.to_string(), path.clone()));
            by_name.entry(name.to_string()).or_insert(path);
        }
        Entries { by_folder, by_name }
    }
}

/// `tin-tuc/a/` → (`tin-tuc`, `a/`); `rss.xml` → (``, `rss.xml`).
fn split_last(path: &str) -> (&str, &str) {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    }
}

/// Every segment slugged, an extension kept: `Tin Tức/Bài 1/` → `tin-tuc/bai-1/`.
fn slug_path(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => {
                format!(
                    "{}.{}",
                    crate::slug::slugify(stem),
                    extension.to_lowercase()
                )
            }
            _ => crate::slug::slugify(segment),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The values of the `id="..."` attributes in `html`, as written.
fn ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.match_indices(" id=\"").filter_map(move |(i, found)| {
        let rest = &html[i + found.len()..];
        rest.find('"').map(|end| rest[..end].to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_attributes() {
        let html = "<h2 id=\"ho-so\">Hồ sơ</h2><p>id=&quot;x&quot;</p><div class=\"footnote-definition\" id=\"1\">";
        assert_eq!(ids(html).collect::<Vec<_>>(), ["ho-so", "1"]);
    }

    #[test]
    fn paths_split_at_their_last_segment() {
        assert_eq!(split_last("tin-tuc/a/"), ("tin-tuc", "a/"));
        assert_eq!(split_last("rss.xml"), ("", "rss.xml"));
        assert_eq!(split_last("a/b/c.png"), ("a/b", "c.png"));
    }

    #[test]
    fn paths_are_slugged_segment_by_segment() {
        assert_eq!(slug_path("Tin Tức/Bài 1/"), "tin-tuc/bai-1/");
        assert_eq!(slug_path("Ảnh/Tập Huấn.PNG"), "anh/tap-huan.png");
    }
}
