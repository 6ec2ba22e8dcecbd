//! Markdown to HTML: pulldown-cmark events, rewritten on their way to the
//! HTML writer.
//!
//! What we change: `@/` and relative links resolve to site URLs (and are
//! checked), headings get ids, a titled image alone in its paragraph becomes
//! a `<figure>`, tables are wrapped so they scroll on a phone, fenced code is
//! highlighted with CSS classes, and raw HTML is dropped unless the site
//! allows it.

/// Makes and checks the shipped `syntax.css`: a test, not the build.
#[cfg(test)]
mod syntax_css;

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::images::ImageProblem;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of every highlighting class; the theme's `syntax.css` uses it.
pub(crate) const HIGHLIGHT_CLASS_PREFIX: &str = "hl-";

/// How a body links to a legal document's page: `@law/<key>`.
pub const LAW_LINK_PREFIX: &str = "@law/";

/// What the renderer needs to know about the rest of the site.
pub struct LinkResolver<'a> {
    /// `/` or the path of `base_url` (`/loa/`).
    pub root_path: &'a str,
    /// The content folder of the document (`hoat-dong`, or `` at the top).
    pub source_dir: &'a str,
    /// The article or page at a content path, if there is one.
    pub document: &'a dyn Fn(&str) -> Option<LinkedDocument>,
    /// The content path of the non-Markdown file a link to this content
    /// path names, if there is one (itself, or for a translation the file
    /// beside its original).
    pub asset: &'a dyn Fn(&str) -> Option<String>,
    /// The page of the legal document with a key of the register
    /// (`@law/luat-can-cuoc-2023`), if the register has it.
    pub law: &'a dyn Fn(&str) -> Option<String>,
    /// The document's language (`vi`, `en`): the labels the body's
    /// checkboxes and tables get for screen readers.
    pub language: &'a str,
    /// What shows the picture file at a content path (see
    /// [`PictureQuery`]): `None` when the file is not one loa makes
    /// smaller copies of, an error when it cannot be read.
    pub picture: &'a dyn Fn(&PictureQuery) -> Option<Result<PictureAnswer, ImageProblem>>,
    /// The content path of the document's lead picture (front matter
    /// `image`): where the body shows it, it is fetched first.
    pub lead_picture: Option<&'a str>,
}

/// A question about a picture file beside the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureQuery<'q> {
    /// Whether it can be shown: the answer's text is not used.
    Check { path: &'q str },
    /// The `<picture>` element showing it with `alt`.
    Element {
        path: &'q str,
        alt: &'q str,
        lead: bool,
    },
    /// The URL of the file a link to it leads to.
    Link { path: &'q str },
}

impl<'q> PictureQuery<'q> {
    /// The content path of the picture asked about.
    pub fn path(&self) -> &'q str {
        match *self {
            PictureQuery::Check { path }
            | PictureQuery::Link { path }
            | PictureQuery::Element { path, .. } => path,
        }
    }
}

/// The answer to a [`PictureQuery`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureAnswer {
    /// To [`PictureQuery::Check`]: it can be shown.
    Fine,
    /// To [`PictureQuery::Check`]: it can be shown, but is `width` pixels
    /// wide where `wanted` are needed to look sharp.
    Narrow { width: u32, wanted: u32 },
    /// The element or the URL asked for.
    Text(String),
}

/// No pictures: every image is shown as written (tests, and tools that
/// only look at links).
pub fn no_pictures(_: &PictureQuery) -> Option<Result<PictureAnswer, ImageProblem>> {
    None
}

/// What screen readers say for the elements Markdown adds to a body.
struct Labels {
    done: &'static str,
    not_done: &'static str,
    table: &'static str,
}

impl Labels {
    /// loa's own words, not the theme's: they are part of the body, which
    /// is made once per document whatever the theme.
    fn of(language: &str) -> &'static Labels {
        const VI: Labels = Labels {
            done: "Đã xong",
            not_done: "Chưa xong",
            table: "Bảng",
        };
        const EN: Labels = Labels {
            done: "Done",
            not_done: "Not done",
            table: "Table",
        };
        // The same rule as the messages': every kind of English is English.
        match crate::messages::Lang::from_code(language) {
            crate::messages::Lang::En => &EN,
            crate::messages::Lang::Vi => &VI,
        }
    }
}

/// The article or page a link names by its content path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedDocument {
    /// Its site path (`/hoat-dong/ket-noi/`).
    pub url: String,
    /// False for a draft or a scheduled article that this build leaves out.
    pub published: bool,
}

/// A problem found while rendering, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `@/x.md` (or a relative `.md` link) names no article.
    BrokenArticleLink { offset: usize, target: String },
    /// `@law/x` names no document of the register.
    UnknownLawLink { offset: usize, key: String },
    /// `@/x.md` (or a relative `.md` link) names a draft or a scheduled
    /// article, which this build does not publish.
    UnpublishedArticleLink { offset: usize, target: String },
    /// A relative link or image names no file under `content/` (`target`
    /// is the content path it names).
    MissingFile {
        offset: usize,
        target: String,
        image: bool,
    },
    /// A relative link or image that climbs out of `content/` (`../../x`).
    OutsideContent { offset: usize, written: String },
    /// Raw HTML was dropped because `allow_html` is off.
    RawHtmlDropped { offset: usize },
    /// An image whose alternative text (between the brackets) is empty.
    ImageWithoutAlt { offset: usize },
    /// A link or image whose URL would run a script (`javascript:`) was
    /// dropped, its text kept, because `allow_html` is off.
    ScriptUrlDropped { offset: usize, scheme: String },
    /// `[text][ref]` or `[text][]` with no line `[ref]: address`: shown as
    /// the brackets themselves. `label` is `ref` (`text` for `[text][]`).
    UndefinedReference {
        offset: usize,
        written: String,
        label: String,
    },
    /// `[^2]` with no line `[^2]: ...`: shown as the brackets themselves.
    UndefinedFootnote { offset: usize, written: String },
    /// An image shows a picture too narrow to look sharp.
    NarrowPicture {
        offset: usize,
        width: u32,
        wanted: u32,
    },
    /// An image or link names a picture file that cannot be read.
    BadPicture {
        offset: usize,
        target: String,
        problem: ImageProblem,
    },
    /// `![a](ảnh tập huấn.jpg)`: an address with a space is no address to
    /// CommonMark, so the brackets are shown as text.
    AddressWithSpaces {
        offset: usize,
        written: String,
        image: bool,
    },
}

/// A link to a page of this site that can only be checked once every page
/// is known, after indexing (see [`crate::links`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// Where the link starts in the body, in bytes.
    pub offset: usize,
    pub target: LinkTarget,
    /// What follows `#`, decoded (`ho-so`); empty when there is nothing.
    pub fragment: String,
    pub image: bool,
}

/// What a [`SiteLink`] points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `#ho-so`: the document itself.
    ThisPage,
    /// `@/a.md#ho-so` or a relative `a.md#ho-so`: a published document, by
    /// its content path.
    Document(String),
    /// A path on the site as written, decoded, without the site's root path,
    /// the query and the fragment (`tin-tuc/a/`, `rss.xml`; empty for the
    /// home page): whether the build makes it is not known yet.
    Path(String),
}

/// An article body rendered once and reused by its page and every feed.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text, the fallback summary.
    pub first_paragraph: String,
    pub has_code: bool,
    pub word_count: usize,
    /// The links that need the whole site to be checked: site paths, and
    /// `#fragments` of links to pages of this site.
    pub links: Vec<SiteLink>,
}

/// What [`resolve`] found besides the URL.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    links: Vec<SiteLink>,
    /// The images that show a picture file: their resolved URL, and the
    /// picture's content path.
    pictures: HashMap<String, String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body` and reports the problems found in it.
pub fn render(body: &str, allow_html: bool, links: &LinkResolver) -> (Rendered, Vec<Problem>) {
    let mut found = Found::default();
    let mut reported_raw_html = false;
    let mut events = Vec::new();
    // Open images: where each starts and its alt text so far.
    let mut images: Vec<(usize, String)> = Vec::new();
    // Open links and images (they nest): whether each one's element was
    // dropped, so that its end is dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut undefined: Vec<(usize, String, String)> = Vec::new();
    let note_undefined = |link: BrokenLink| {
        // `[x]` alone is common in legal text (`[sửa đổi]`): only the
        // forms that can only mean a reference are reported.
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            let mut end = link.span.end;
            if link.link_type == LinkType::Collapsed && body[end..].starts_with("[]") {
                end += 2;
            }
            undefined.push((
                link.span.start,
                body[link.span.start..end].to_string(),
                link.reference.to_string(),
            ));
        }
        None
    };
    // Text between two other events: where a link that failed to parse is.
    let mut text_run: Option<std::ops::Range<usize>> = None;
    let parser = Parser::new_with_broken_link_callback(body, options(), Some(note_undefined));
    let mut in_code_block = false;
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        if matches!(event, Event::Text(_)) && !in_code_block {
            text_run = match text_run {
                Some(run) if run.end == range.start => Some(run.start..range.end),
                _ => Some(range.clone()),
            };
        } else if let Some(run) = text_run.take() {
            if images.is_empty() {
                found.problems.extend(failed_links(body, run));
            }
        }
        track_image_alt(&event, range.start, &mut images, &mut found);
        // Raw HTML off means no script, and a `javascript:` URL is one.
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let is_link = matches!(event, Event::Start(Tag::Link { .. }));
                let scheme = (!allow_html)
                    .then(|| script_scheme(dest_url, is_link))
                    .flatten();
                dropped_links.push(scheme.is_some());
                if let Some(scheme) = scheme {
                    found.problems.push(Problem::ScriptUrlDropped {
                        offset: range.start,
                        scheme,
                    });
                    continue;
                }
            }
            // The guard pops every end, dropped or not.
            Event::End(TagEnd::Link | TagEnd::Image) if dropped_links.pop() == Some(true) => {
                continue;
            }
            _ => {}
        }
        let Some(event) = rewrite_event(
            event,
            range.start,
            allow_html,
            links,
            &mut found,
            &mut reported_raw_html,
        ) else {
            continue;
        };
        events.push(event);
    }
    if let Some(run) = text_run {
        found.problems.extend(failed_links(body, run));
    }
    undefined.sort();
    undefined.dedup();
    found
        .problems
        .extend(undefined.into_iter().map(|(offset, written, label)| {
            Problem::UndefinedReference {
                offset,
                written,
                label,
            }
        }));
    let pictures = Pictures {
        by_url: &found.pictures,
        links,
    };
    let mut rendered = structure(events, Labels::of(links.language), &pictures);
    rendered.links = found.links;
    (rendered, found.problems)
}

/// `event` as the page gets it: a link's or an image's URL resolved, raw
/// HTML dropped unless the site allows it (reported once per body), a task
/// list marker as a disabled checkbox; `None` when dropped.
fn rewrite_event<'a>(
    event: Event<'a>,
    offset: usize,
    allow_html: bool,
    links: &LinkResolver,
    found: &mut Found,
    reported_raw_html: &mut bool,
) -> Option<Event<'a>> {
    Some(match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(&dest_url, offset, false, links, found);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(&dest_url, offset, true, links, found);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Html(_) | Event::InlineHtml(_) if !allow_html => {
            if !*reported_raw_html {
                found.problems.push(Problem::RawHtmlDropped { offset });
                *reported_raw_html = true;
            }
            return None;
        }
        Event::TaskListMarker(done) => {
            let labels = Labels::of(links.language);
            Event::Html(CowStr::from(if done {
                format!(
                    "<input type=\"checkbox\" disabled checked aria-label=\"{}\"> ",
                    labels.done
                )
            } else {
                format!(
                    "<input type=\"checkbox\" disabled aria-label=\"{}\"> ",
                    labels.not_done
                )
            }))
        }
        other => other,
    })
}

/// Follows the alt text of the images open at `event` (they nest), and
/// reports an image that ends without one.
fn track_image_alt(
    event: &Event,
    offset: usize,
    images: &mut Vec<(usize, String)>,
    found: &mut Found,
) {
    match &event {
        Event::Start(Tag::Image { .. }) => images.push((offset, String::new())),
        Event::Text(text) | Event::Code(text) => {
            for (_, alt) in images.iter_mut() {
                alt.push_str(text);
            }
        }
        Event::End(TagEnd::Image) => {
            if let Some((offset, alt)) = images.pop() {
                if alt.trim().is_empty() {
                    found.problems.push(Problem::ImageWithoutAlt { offset });
                }
            }
        }
        _ => {}
    }
}

/// What the editor meant as a link but the parser left as the text
/// `body[run]`: a link or an image whose address has a space (`[a](b c)`,
/// on one line), and a footnote `[^2]` with no line `[^2]: ...`.
fn failed_links(body: &str, run: std::ops::Range<usize>) -> Vec<Problem> {
    let text = &body[run.clone()];
    let mut problems = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[^").map(|i| i + from) {
        from = i + 2;
        let Some(close) = text[from..].find(']').map(|c| c + from) else {
            break;
        };
        if close > from && !text[from..close].contains(char::is_whitespace) {
            problems.push(Problem::UndefinedFootnote {
                offset: run.start + i,
                written: text[i..=close].to_string(),
            });
        }
    }
    let mut from = 0;
    while let Some(i) = text[from..].find("](").map(|i| i + from) {
        from = i + 2;
        let Some(open) = text[..i].rfind('[') else {
            continue;
        };
        let Some(close) = text[from..].find([')', '\n']).map(|c| c + from) else {
            continue;
        };
        let address = &text[from..close];
        if text.as_bytes()[close] != b')'
            || !address.trim().contains(' ')
            || address.starts_with('<')
            || text[open + 1..i].contains(['[', ']', '\n'])
        {
            continue;
        }
        let image = open > 0 && text.as_bytes()[open - 1] == b'!';
        let start = if image { open - 1 } else { open };
        problems.push(Problem::AddressWithSpaces {
            offset: run.start + start,
            written: text[start..=close].to_string(),
            image,
        });
        from = close + 1;
    }
    problems
}

/// The picture files the images of a body show.
struct Pictures<'a> {
    by_url: &'a HashMap<String, String>,
    links: &'a LinkResolver<'a>,
}

impl Pictures<'_> {
    /// The `<picture>` element of an image whose URL names a picture file.
    fn element(&self, url: &str, alt: &str) -> Option<String> {
        let path = self.by_url.get(url)?;
        let lead = self.links.lead_picture == Some(path.as_str());
        match (self.links.picture)(&PictureQuery::Element { path, alt, lead })? {
            Ok(PictureAnswer::Text(html)) => Some(html),
            _ => None,
        }
    }

    /// `events` with each image of a picture file as its `<picture>`
    /// element.
    fn replace<'e>(&self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        if self.by_url.is_empty() {
            return events;
        }
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some(event) = iter.next() {
            let Event::Start(Tag::Image { dest_url, .. }) = &event else {
                out.push(event);
                continue;
            };
            if !self.by_url.contains_key(dest_url.as_ref()) {
                out.push(event);
                continue;
            }
            let url = dest_url.to_string();
            let mut depth = 1;
            let inner = take_until(&mut iter, |e| {
                match e {
                    Event::Start(Tag::Image { .. }) => depth += 1,
                    Event::End(TagEnd::Image) => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            let alt = plain_text(&inner);
            match self.element(&url, alt.trim()) {
                Some(html) => out.push(Event::InlineHtml(html.into())),
                None => {
                    out.push(event);
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Image));
                }
            }
        }
        out
    }
}

/// The second pass: block-level rewrites that need to see a whole element.
fn structure(events: Vec<Event<'_>>, labels: &Labels, pictures: &Pictures) -> Rendered {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut rendered = Rendered::default();
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                let text = plain_text(&inner);
                rendered.word_count += count_words(&text);
                let base = match id {
                    Some(id) => id.to_string(),
                    None => {
                        let slug = crate::slug::slugify(&text);
                        if slug.is_empty() {
                            "muc".to_string()
                        } else {
                            slug
                        }
                    }
                };
                let id = unique_id(&mut heading_ids, base);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                let code: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let (html, highlighted) = code_block(&code, language);
                rendered.has_code |= highlighted;
                out.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Table(alignment)) => {
                // Focusable and labelled so keyboard users can scroll a wide table.
                out.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                        labels.table
                    )
                    .into(),
                ));
                out.push(Event::Start(Tag::Table(alignment)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>".into()));
            }
            Event::Start(Tag::Paragraph) => {
                let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                if let Some(figure) = figure(&inner, pictures) {
                    out.push(Event::Html(figure.into()));
                    continue;
                }
                let text = plain_text(&inner);
                rendered.word_count += count_words(&text);
                if rendered.first_paragraph.is_empty() {
                    rendered.first_paragraph =
                        text.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                out.push(Event::Start(Tag::Paragraph));
                out.extend(inner);
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(text) => {
                rendered.word_count += count_words(&text);
                out.push(Event::Text(text));
            }
            other => out.push(other),
        }
    }
    let out = pictures.replace(out);
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    rendered
}

/// The events up to the matching end, which is consumed and not returned.
fn take_until<'a>(
    iter: &mut impl Iterator<Item = Event<'a>>,
    mut is_end: impl FnMut(&Event) -> bool,
) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for event in iter.by_ref() {
        if is_end(&event) {
            break;
        }
        inner.push(event);
    }
    inner
}

/// The byte offset in `body` of the paragraph that [`Rendered::first_paragraph`]
/// comes from: the first one with text that is not a figure.
pub(crate) fn first_paragraph_offset(body: &str) -> Option<usize> {
    let mut iter = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            continue;
        }
        let inner: Vec<Event> = iter
            .by_ref()
            .map(|(e, _)| e)
            .take_while(|e| !matches!(e, Event::End(TagEnd::Paragraph)))
            .collect();
        if !is_figure(&inner) && !plain_text(&inner).trim().is_empty() {
            return Some(range.start);
        }
    }
    None
}

/// `text.split_whitespace().count()`, in one pass over the characters
/// without the splitter's bookkeeping: counting the words of every
/// paragraph was a sixth of rendering Markdown.
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn unique_id(seen: &mut HashMap<String, usize>, base: String) -> String {
    let count = seen.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{}", *count - 1)
    }
}

/// Whether a paragraph is a figure: one titled image and nothing else.
fn is_figure(inner: &[Event]) -> bool {
    figure_parts(inner).is_some()
}

/// A paragraph that holds one titled image and nothing else becomes a
/// figure whose caption is the title.
fn figure(inner: &[Event], pictures: &Pictures) -> Option<String> {
    let (dest_url, title, alt) = figure_parts(inner)?;
    let mut html = String::from("<figure>");
    match pictures.element(dest_url, &alt) {
        Some(picture) => html.push_str(&picture),
        None => {
            html.push_str("<img src=\"");
            escape_href(&mut html, dest_url).ok()?;
            html.push_str("\" alt=\"");
            escape_html(&mut html, &alt).ok()?;
            html.push_str("\" loading=\"lazy\">");
        }
    }
    html.push_str("<figcaption>");
    escape_html(&mut html, title).ok()?;
    html.push_str("</figcaption></figure>\n");
    Some(html)
}

/// The URL, title and alt text of a paragraph that is a figure.
fn figure_parts<'e>(inner: &'e [Event]) -> Option<(&'e str, &'e str, String)> {
    let meaningful: Vec<&Event> = inner
        .iter()
        .filter(|e| {
            !matches!(e, Event::Text(t) if t.trim().is_empty()) && !matches!(e, Event::SoftBreak)
        })
        .collect();
    let (
        Event::Start(Tag::Image {
            dest_url, title, ..
        }),
        Event::End(TagEnd::Image),
    ) = (meaningful.first()?, meaningful.last()?)
    else {
        return None;
    };
    if title.trim().is_empty() {
        return None;
    }
    let alt = plain_text(&inner[1..inner.len().saturating_sub(1)]);
    Some((dest_url.as_ref(), title.as_ref(), alt.trim().to_string()))
}

/// Parsing the syntax definitions takes tens of milliseconds: done once, and
/// only by a build that has a code block with a language.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The HTML of a code block and whether it was highlighted.
fn code_block(code: &str, language: &str) -> (String, bool) {
    if !language.is_empty() {
        if let Some(html) = highlight(code, language) {
            let mut out = String::from("<pre class=\"code\" tabindex=\"0\" data-lang=\"");
            let _ = escape_html(&mut out, language);
            out.push_str("\"><code>");
            out.push_str(&html);
            out.push_str("</code></pre>\n");
            return (out, true);
        }
    }
    let mut out = String::from("<pre tabindex=\"0\"><code>");
    let _ = escape_html(&mut out, code);
    out.push_str("</code></pre>\n");
    (out, false)
}

fn highlight(code: &str, language: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed {
            prefix: HIGHLIGHT_CLASS_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// Where a link of the document points on the built site. Links to other
/// documents and files are checked here; site paths and `#fragments`, which
/// need every page, are kept in `found` for [`crate::links`].
fn resolve<'a>(
    dest: &CowStr<'a>,
    offset: usize,
    image: bool,
    links: &LinkResolver,
    found: &mut Found,
) -> CowStr<'a> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest.as_ref(), ""),
    };
    let fragment_text = decode(fragment.trim_start_matches('#'));
    let check_later = |target: LinkTarget, found: &mut Found| {
        found.links.push(SiteLink {
            offset,
            target,
            fragment: fragment_text.clone(),
            image,
        });
    };
    let document_link = |target: &str, found: &mut Found| match (links.document)(target) {
        Some(document) => {
            if !document.published {
                found.problems.push(Problem::UnpublishedArticleLink {
                    offset,
                    target: target.to_string(),
                });
            } else if !fragment_text.is_empty() {
                check_later(LinkTarget::Document(target.to_string()), found);
            }
            Some(format!("{}{fragment}", document.url))
        }
        None => {
            found.problems.push(Problem::BrokenArticleLink {
                offset,
                target: target.to_string(),
            });
            None
        }
    };
    if let Some(target) = path.strip_prefix("@/") {
        return document_link(target, found).map_or_else(|| dest.clone(), CowStr::from);
    }
    if let Some(key) = path.strip_prefix(LAW_LINK_PREFIX) {
        let key = decode(key.trim_end_matches('/'));
        return match (links.law)(&key) {
            Some(url) => format!("{url}{fragment}").into(),
            None => {
                found.problems.push(Problem::UnknownLawLink { offset, key });
                dest.clone()
            }
        };
    }
    if path.is_empty() {
        if !fragment_text.is_empty() {
            check_later(LinkTarget::ThisPage, found);
        }
        return dest.clone();
    }
    if path.starts_with("//") || crate::urls::has_scheme(path) {
        return dest.clone();
    }
    let (file_path, query) = match path.find('?') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    if let Some(rest) = path.strip_prefix('/') {
        check_later(LinkTarget::Path(decode(&file_path[1..])), found);
        return format!("{}{rest}{fragment}", links.root_path).into();
    }
    let written = decode(file_path);
    let Some(target) = join_relative(links.source_dir, &written) else {
        found
            .problems
            .push(Problem::OutsideContent { offset, written });
        return dest.clone();
    };
    if target.to_ascii_lowercase().ends_with(".md") {
        return document_link(&target, found).map_or_else(|| dest.clone(), CowStr::from);
    }
    let Some(file) = (links.asset)(&target) else {
        if image || names_a_file(&target) {
            found.problems.push(Problem::MissingFile {
                offset,
                target: target.clone(),
                image,
            });
        } else {
            // A page of the site written relatively (`../khac/`): its
            // trailing slash is kept, so that no redirect is needed.
            let page = if written.ends_with('/') && !target.is_empty() {
                format!("{target}/")
            } else {
                target
            };
            check_later(LinkTarget::Path(page.clone()), found);
            return format!("{}{page}{query}{fragment}", links.root_path).into();
        }
        return format!("{}{target}{query}{fragment}", links.root_path).into();
    };
    let url = format!("{}{file}{query}{fragment}", links.root_path);
    let query = if image {
        PictureQuery::Check { path: &file }
    } else {
        PictureQuery::Link { path: &file }
    };
    match (links.picture)(&query) {
        None => url.into(),
        Some(Err(problem)) => {
            found.problems.push(Problem::BadPicture {
                offset,
                target: file,
                problem,
            });
            url.into()
        }
        Some(Ok(PictureAnswer::Text(link))) if !image => link.into(),
        Some(Ok(answer)) => {
            if let PictureAnswer::Narrow { width, wanted } = answer {
                found.problems.push(Problem::NarrowPicture {
                    offset,
                    width,
                    wanted,
                });
            }
            if image {
                found.pictures.insert(url.clone(), file);
            }
            url.into()
        }
    }
}

/// `%20` and the like decoded, as a browser would before asking for the
/// file; text that is not UTF-8 once decoded is kept as written.
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

/// Whether a path names a file (`mau-don.pdf`) rather than a page
/// (`../khac`, `trang.html`): its last segment has an extension other
/// than `.html`.
fn names_a_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, extension)) => {
            !stem.is_empty()
                && !extension.is_empty()
                && !extension.eq_ignore_ascii_case("html")
                && !extension.eq_ignore_ascii_case("htm")
        }
        None => false,
    }
}

/// The scheme of `url` when following it (a link) or loading it (an
/// image) runs a script, read as a browser reads it: case, tabs and line
/// breaks inside, spaces and controls around left out. `data:` runs one
/// only as a page.
fn script_scheme(url: &str, is_link: bool) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .collect();
    let scheme = url.to_ascii_lowercase();
    match scheme.as_str() {
        "javascript" | "vbscript" => Some(scheme),
        "data" if is_link => Some(scheme),
        _ => None,
    }
}

/// `dir` + `relative`, with `.` and `..` resolved; `None` when it climbs out
/// of `content/`.
pub(crate) fn join_relative(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let spaces = [
            " ", "\n", "\t", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "  ",
        ];
        let words = ["a", "Mạng", "đ", "x\u{200b}y", "…", "\u{1680}"];
        let mut texts = vec![String::new()];
        for space in spaces {
            for word in words {
                texts.push(format!("{space}{word}"));
                texts.push(format!("{word}{space}{word}{space}"));
                texts.push(format!("{space}{word}{space}{space}{word}{word}"));
            }
        }
        for text in &texts {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    fn render_with(body: &str, allow_html: bool) -> (Rendered, Vec<Problem>) {
        let document = |path: &str| match path {
            "tin/a.md" => Some(LinkedDocument {
                url: "/tin/a/".into(),
                published: true,
            }),
            "tin/nhap.md" => Some(LinkedDocument {
                url: "/tin/nhap/".into(),
                published: false,
            }),
            _ => None,
        };
        let asset = |path: &str| (path == "tin/anh.png").then(|| path.to_string());
        let law = |key: &str| (key == "luat-can-cuoc-2023").then(|| format!("/laws/{key}/"));
        let links = LinkResolver {
            root_path: "/",
            source_dir: "tin",
            document: &document,
            asset: &asset,
            law: &law,
            language: "vi",
            picture: &no_pictures,
            lead_picture: None,
        };
        render(body, allow_html, &links)
    }

    #[test]
    fn a_link_to_an_unpublished_article_is_reported_where_it_is() {
        let (r, problems) = render_with("Xem [nháp](@/tin/nhap.md#muc).", false);
        assert!(r.html.contains("href=\"/tin/nhap/#muc\""), "{}", r.html);
        assert_eq!(
            problems,
            [Problem::UnpublishedArticleLink {
                offset: 4,
                target: "tin/nhap.md".into()
            }]
        );
        assert!(r.links.is_empty(), "{:?}", r.links);
    }

    #[test]
    fn site_paths_and_fragments_are_kept_for_the_link_check() {
        let body = "[a](/tin-tuc/x/?trang=2#ho-so) [b](#muc) [c](@/tin/a.md#h%E1%BB%93) \
                    [d](../khac/) [e](trang.html) [f](@/tin/a.md) ![g](/anh/logo.png) [h](https://e.org/#x)";
        let (r, problems) = render_with(body, false);
        assert!(problems.is_empty(), "{problems:?}");
        let kept: Vec<(LinkTarget, &str, bool)> = r
            .links
            .iter()
            .map(|l| (l.target.clone(), l.fragment.as_str(), l.image))
            .collect();
        assert_eq!(
            kept,
            [
                (LinkTarget::Path("tin-tuc/x/".into()), "ho-so", false),
                (LinkTarget::ThisPage, "muc", false),
                (LinkTarget::Document("tin/a.md".into()), "hồ", false),
                (LinkTarget::Path("khac/".into()), "", false),
                (LinkTarget::Path("tin/trang.html".into()), "", false),
                (LinkTarget::Path("anh/logo.png".into()), "", true),
            ]
        );
        assert_eq!(r.links[0].offset, 0);
        assert!(
            r.html.contains("href=\"/tin-tuc/x/?trang=2#ho-so\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"/khac/\""), "{}", r.html);
    }

    #[test]
    fn missing_files_and_paths_out_of_content_are_reported() {
        let (_, problems) = render_with("[đơn](mau-don.pdf) [x](../../x.png)", false);
        assert_eq!(
            problems,
            [
                Problem::MissingFile {
                    offset: 0,
                    target: "tin/mau-don.pdf".into(),
                    image: false
                },
                Problem::OutsideContent {
                    // `đ` takes two bytes.
                    offset: 21,
                    written: "../../x.png".into()
                }
            ]
        );
    }

    #[test]
    fn article_links_resolve_and_broken_ones_are_reported() {
        let (r, problems) = render_with("[a](@/tin/a.md#muc) [b](@/tin/b.md) [c](a.md)", false);
        assert!(r.html.contains("href=\"/tin/a/#muc\""), "{}", r.html);
        assert!(r.html.contains("href=\"/tin/a/\""), "{}", r.html);
        assert_eq!(
            problems,
            [Problem::BrokenArticleLink {
                offset: 20,
                target: "tin/b.md".into()
            }]
        );
    }

    #[test]
    fn titled_image_alone_is_a_figure() {
        let (r, problems) = render_with("![Cán bộ](anh.png \"Tập huấn\")\n", false);
        assert!(problems.is_empty());
        assert_eq!(
            r.html,
            "<figure><img src=\"/tin/anh.png\" alt=\"Cán bộ\" loading=\"lazy\"><figcaption>Tập huấn</figcaption></figure>\n"
        );
        let (inline, _) = render_with("Xem ![a](anh.png \"t\") đây\n", false);
        assert!(inline.html.starts_with("<p>"), "{}", inline.html);
    }

    #[test]
    fn links_the_parser_left_as_text_are_reported_where_they_start() {
        let body = "Ảnh ![Tập huấn](anh tap huan.png) và [luật](Luật Cư trú).\n\n\
                    [tham khảo][1], [b][] và chú thích[^2].\n\n\
                    [sửa đổi] [a](<https://a.vn/c d>) `[x](y z)`\n\n```\n[x](y z) [^9]\n```\n\n\
                    Có chú thích[^3].\n\n[^3]: Định nghĩa.\n";
        let (_, problems) = render_with(body, false);
        let at = |text: &str| body.find(text).unwrap();
        assert_eq!(
            problems,
            [
                Problem::AddressWithSpaces {
                    offset: at("![Tập"),
                    written: "![Tập huấn](anh tap huan.png)".into(),
                    image: true
                },
                Problem::AddressWithSpaces {
                    offset: at("[luật]"),
                    written: "[luật](Luật Cư trú)".into(),
                    image: false
                },
                Problem::UndefinedFootnote {
                    offset: at("[^2]"),
                    written: "[^2]".into()
                },
                Problem::UndefinedReference {
                    offset: at("[tham"),
                    written: "[tham khảo][1]".into(),
                    label: "1".into()
                },
                Problem::UndefinedReference {
                    offset: at("[b]"),
                    written: "[b][]".into(),
                    label: "b".into()
                },
            ]
        );
    }

    #[test]
    fn missing_local_file_is_reported() {
        let (_, problems) = render_with("![a](khong-co.png)", false);
        assert_eq!(
            problems,
            [Problem::MissingFile {
                offset: 0,
                target: "tin/khong-co.png".into(),
                image: true
            }]
        );
    }

    #[test]
    fn images_without_alt_text_are_reported() {
        let body = "![](anh.png)\n\nXem ![ ](anh.png \"t\") và ![Cán bộ](anh.png).\n";
        let (_, problems) = render_with(body, false);
        assert_eq!(
            problems,
            [
                Problem::ImageWithoutAlt { offset: 0 },
                Problem::ImageWithoutAlt { offset: 18 }
            ]
        );
    }

    #[test]
    fn first_paragraph_offset_skips_headings_figures_and_empty_paragraphs() {
        let body = "# Tiêu đề\n\n![a](anh.png \"Chú thích\")\n\nĐoạn đầu.\n";
        assert_eq!(first_paragraph_offset(body), body.find("Đoạn"));
        assert_eq!(first_paragraph_offset("# Chỉ tiêu đề\n"), None);
    }

    #[test]
    fn raw_html_is_dropped_unless_allowed() {
        let body = "<script>alert(1)</script>\n\nChữ <b>đậm</b>\n";
        let (r, problems) = render_with(body, false);
        assert!(
            !r.html.contains("<script>") && !r.html.contains("<b>"),
            "{}",
            r.html
        );
        assert_eq!(problems, [Problem::RawHtmlDropped { offset: 0 }]);
        let (r, problems) = render_with(body, true);
        assert!(r.html.contains("<b>đậm</b>"));
        assert!(problems.is_empty());
    }

    /// Found by the `markdown` fuzz target: a `javascript:` link ran a
    /// script on a site whose raw HTML is off.
    #[test]
    fn script_urls_are_dropped_unless_html_is_allowed() {
        let body = "Xem [mô hình](javascript:@/tin/bai.md) và [hai](&#106;avascript:alert(1)).\n\n\
                    [ba](<JaVaScRiPt:x>) [bốn](vbscript:x) [năm](data:text/html,x)\n\n\
                    ![ảnh](javascript:x \"Chú thích\")\n\n[![ảnh](vbscript:y)](https://e.org/)\n";
        let (r, problems) = render_with(body, false);
        for url in ["javascript", "vbscript", "data:"] {
            assert!(!r.html.to_ascii_lowercase().contains(url), "{}", r.html);
        }
        // The text stays; the link around it goes.
        assert!(
            r.html.starts_with("<p>Xem mô hình và hai.</p>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"https://e.org/\">ảnh</a>"),
            "{}",
            r.html
        );
        let offsets: Vec<usize> = problems
            .iter()
            .map(|p| match p {
                Problem::ScriptUrlDropped { offset, .. } => *offset,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(offsets.len(), 7, "{problems:?}");
        assert_eq!(offsets[0], body.find("[mô hình]").unwrap());
        // With raw HTML allowed the editors are trusted: links as written.
        let (r, problems) = render_with(body, true);
        assert!(
            r.html.contains("href=\"javascript:@/tin/bai.md\""),
            "{}",
            r.html
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn headings_get_unique_vietnamese_ids() {
        let (r, _) = render_with(
            "## Hồ sơ cần có\n\n## Hồ sơ cần có\n\n## Riêng {#rieng}\n",
            false,
        );
        assert!(r.html.contains("<h2 id=\"ho-so-can-co\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ho-so-can-co-1\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"rieng\">"), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ \"mới\"[^1]\n\n- [x] xong\n\n[^1]: Chú thích.\n";
        let (r, _) = render_with(body, false);
        assert!(
            r.html.contains(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\"><table>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("“mới”"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.html.contains("type=\"checkbox\" disabled checked"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let (r, _) = render_with("```json\n{\"a\": 1}\n```\n", false);
        assert!(r.has_code);
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        let (plain, _) = render_with("```khong-biet\n<x>\n```\n", false);
        assert!(!plain.has_code);
        assert!(plain.html.contains("&lt;x&gt;"));
    }

    #[test]
    fn summary_is_first_paragraph_as_plain_text() {
        let (r, _) = render_with("# Tiêu đề\n\nĐoạn **đầu**\ntiên.\n\nĐoạn hai.\n", false);
        assert_eq!(r.first_paragraph, "Đoạn đầu tiên.");
    }

    #[test]
    fn relative_paths_cannot_climb_out() {
        assert_eq!(join_relative("a/b", "../c.png").as_deref(), Some("a/c.png"));
        assert_eq!(join_relative("a", "../../c.png"), None);
    }
}
