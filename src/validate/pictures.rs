//! The pictures of articles and pages, as validation sees them: what
//! front matter `image:` names and its link preview's focus, what a body's
//! image or link to a picture shows, and the errors and warnings of
//! pictures that cannot be read or are too small.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::SiteConfig;
use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::hash::fingerprint;
use crate::images::{self, Focus, ImageProblem};
use crate::markdown::{self, PictureAnswer};
use crate::messages::msg;
use crate::model::{Image, ImageSizes, Preview};
use crate::pictures::{Pictures, FALLBACK_WIDTH};

use super::{file_meant, find_asset, is_page, missing_file_help, parent_dir, Files};

/// The content path of the picture file front matter `image` names
/// (`Ok(None)` for an absolute URL), or the content path it would have
/// (`Err`, `None` when it climbs out of `content/`) and the folder it
/// was read from.
pub(super) fn image_path(
    config: &SiteConfig,
    content: &Content,
    document: &Document,
    value: &str,
) -> Result<Option<String>, (Option<String>, String)> {
    if value.starts_with("https://") || value.starts_with("http://") {
        return Ok(None);
    }
    // `/hoat-dong/anh.jpg` starts from content/, as a site path does.
    let from = if value.starts_with('/') {
        ""
    } else {
        parent_dir(&document.path)
    };
    let joined = markdown::join_relative(from, value.trim_start_matches('/'));
    let exists = |path: &str| content.asset_paths.contains(path);
    match joined
        .as_deref()
        .and_then(|target| find_asset(config, document, target, &exists))
    {
        Some(found) => Ok(Some(found)),
        None => Err((joined, from.to_string())),
    }
}

/// The link previews each picture must have: the front matter `image` of
/// every article, with its focus. Read before the pictures are made;
/// mistakes in these fields are reported by [`validate`].
pub fn lead_pictures(config: &SiteConfig, content: &Content) -> BTreeMap<String, BTreeSet<Focus>> {
    let mut leads: BTreeMap<String, BTreeSet<Focus>> = BTreeMap::new();
    for document in content.documents.iter().filter(|d| !is_page(config, d)) {
        let front = &document.front;
        let Some(value) = &front.image else {
            continue;
        };
        if let Ok(Some(path)) = image_path(config, content, document, value) {
            let focus = front
                .image_focus
                .as_deref()
                .and_then(Focus::parse)
                .unwrap_or(Focus::CENTRE);
            leads.entry(path).or_default().insert(focus);
        }
    }
    leads
}

/// `image_focus`, the centre when there is none or it cannot be read.
pub(super) fn image_focus(document: &Document, diagnostics: &mut Diagnostics) -> Focus {
    let Some(written) = document.front.image_focus.as_deref() else {
        return Focus::CENTRE;
    };
    Focus::parse(written).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error(
                &document.display_path,
                document.front_text().value("image_focus", written),
                msg!("bad-image-focus", value = written),
            )
            .with_help(msg!("help.bad-image-focus")),
        );
        Focus::CENTRE
    })
}

/// The article's image, checked to exist beside it (or an absolute URL),
/// with its alt text (the title, with a warning, when it has none).
pub(super) fn image(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    document: &Document,
    title: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Image> {
    let front = &document.front;
    let fm = document.front_text();
    let path = &document.display_path;
    let content = files.content;
    let value = front.image.as_ref()?;
    let focus = image_focus(document, diagnostics);
    let found = match image_path(config, content, document, value) {
        Ok(found) => found,
        Err((joined, from)) => {
            let target = joined.unwrap_or_else(|| value.clone());
            diagnostics.push(
                Diagnostic::error(
                    path,
                    fm.value("image", value),
                    msg!("missing-image", value = value),
                )
                .with_help(match file_meant(content, &from, &target) {
                    Some(help) => help,
                    None if from.is_empty() => msg!("help.image-outside-content", value = value),
                    None => missing_file_help(content, &from, &target),
                }),
            );
            return None;
        }
    };
    let alt = front.image_alt.clone().unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::warning(path, fm.key("image"), msg!("missing-image-alt"))
                .with_help(msg!("help.missing-image-alt")),
        );
        title.to_string()
    });
    let Some(found) = found else {
        let mime_type = crate::mime::of_image(value);
        return Some(Image {
            url: value.clone(),
            alt,
            length: None,
            mime_type,
            picture: None,
        });
    };
    let picture = match files.pictures.get(&found) {
        None => None,
        Some(Ok(picture)) => Some(picture),
        Some(Err(problem)) => {
            diagnostics.push(bad_picture(path, fm.value("image", value), &found, problem));
            return None;
        }
    };
    let Some(picture) = picture else {
        let url = format!("{root_path}{found}");
        return Some(Image {
            mime_type: crate::mime::of_image(&url),
            url,
            alt,
            length: content.asset(&found).and_then(|a| a.size),
            picture: None,
        });
    };
    if picture.width < LEAD_PICTURE_WIDTH {
        diagnostics.push(small_picture(
            path,
            fm.value("image", value),
            picture.width,
            LEAD_PICTURE_WIDTH,
        ));
    }
    let fallback = picture.fallback(FALLBACK_WIDTH)?;
    Some(Image {
        url: fallback.url(root_path),
        alt,
        length: Some(fallback.length),
        mime_type: Some(fallback.format.mime_type()),
        picture: Some(ImageSizes {
            width: picture.width,
            height: picture.height,
            srcset: picture.srcset(root_path, false),
            webp_srcset: picture.srcset(root_path, true),
            sizes: config.images.sizes.clone(),
            preview: picture.previews.get(&focus).map(|file| Preview {
                url: file.url(root_path),
                width: file.width,
                height: file.height,
            }),
        }),
    })
}

/// A lead picture narrower than this is blurred as a link preview
/// (1200 px wide) and across a desktop column at 2×.
const LEAD_PICTURE_WIDTH: u32 = 1200;

/// A picture in a body narrower than this is blurred on a phone's screen
/// (a column of about 360 CSS pixels at 2×).
const BODY_PICTURE_WIDTH: u32 = 720;

/// What a body's image or link shows of a picture file.
pub(super) fn answer_picture(
    config: &SiteConfig,
    files: &Files,
    root_path: &str,
    query: &markdown::PictureQuery,
) -> Option<Result<PictureAnswer, ImageProblem>> {
    use markdown::PictureQuery;
    Some(match (files.pictures.get(query.path())?, query) {
        (Err(problem), _) => Err(problem.clone()),
        (Ok(picture), PictureQuery::Check { .. }) if picture.width < BODY_PICTURE_WIDTH => {
            Ok(PictureAnswer::Narrow {
                width: picture.width,
                wanted: BODY_PICTURE_WIDTH,
            })
        }
        (Ok(_), PictureQuery::Check { .. }) => Ok(PictureAnswer::Fine),
        (Ok(picture), PictureQuery::Link { .. }) => {
            let file = picture
                .original
                .as_ref()
                .or_else(|| picture.fallback(u32::MAX));
            Ok(PictureAnswer::Text(
                file.map_or_else(String::new, |f| f.url(root_path)),
            ))
        }
        (Ok(picture), PictureQuery::Element { alt, lead, .. }) => Ok(PictureAnswer::Text(
            picture.html(root_path, alt, &config.images.sizes, *lead),
        )),
    })
}

/// What a picture file became, for the bodies that show it.
pub(super) fn picture_key(files: &Files, path: &str) -> u64 {
    fingerprint(&files.pictures.get(path))
}

/// A warning on each picture file that cannot be read: it is not
/// published, whether or not an article uses it yet (one that does gets an
/// error at the line that uses it).
pub fn unreadable_pictures(pictures: &Pictures) -> Vec<Diagnostic> {
    pictures
        .problems()
        .map(|(path, problem)| {
            let file = std::path::Path::new("content").join(path);
            let mut warning = bad_picture(&file, Position::default(), path, problem);
            warning.severity = crate::diagnostics::Severity::Warning;
            warning.message = msg!("picture-not-published", problem = warning.message);
            warning
        })
        .collect()
}

/// A picture that cannot be read, named at `position`.
pub(super) fn bad_picture(
    path: &std::path::Path,
    position: Position,
    picture: &str,
    problem: &ImageProblem,
) -> Diagnostic {
    let message = match problem {
        ImageProblem::NotAPicture => msg!("picture-not-a-picture", path = picture),
        ImageProblem::Unsupported(format) => {
            msg!("picture-unsupported", path = picture, format = format)
        }
        ImageProblem::TooLarge { width, height } => msg!(
            "picture-too-large",
            path = picture,
            width = width.to_string(),
            height = height.to_string(),
            megapixels = (images::MAX_PIXELS / 1_000_000).to_string()
        ),
        ImageProblem::Damaged(detail) => {
            msg!("picture-damaged", path = picture, detail = detail)
        }
    };
    let help = match problem {
        ImageProblem::TooLarge { .. } => msg!("help.picture-too-large"),
        ImageProblem::Unsupported(_) => msg!("help.picture-unsupported"),
        _ => msg!("help.picture-damaged"),
    };
    Diagnostic::error(path, position, message).with_help(help)
}

/// A warning for a picture too narrow for where it is shown.
pub(super) fn small_picture(
    path: &std::path::Path,
    position: Position,
    width: u32,
    wanted: u32,
) -> Diagnostic {
    Diagnostic::warning(
        path,
        position,
        msg!(
            "picture-too-small",
            width = width.to_string(),
            wanted = wanted.to_string()
        ),
    )
    .with_help(msg!("help.picture-too-small", wanted = wanted.to_string()))
}
