//! Copying the theme's and the site's static files and the files beside
//! the articles into the output, skipping those whose bytes did not change
//! since the last build of a serve session.

use std::path::Path;

use crate::error::Error;
use crate::hash::fingerprint;
use crate::output::Sink;
use crate::pictures::{is_picture, Pictures};
use crate::theme;

use super::Site;

/// Where a copied file's bytes come from.
#[derive(Clone, Copy)]
enum CopySource<'a> {
    File(&'a Path),
    /// A file of the built-in theme, written from the binary.
    Bytes(&'static [u8]),
    /// The logo, without metadata.
    Made(&'a [u8]),
}

impl CopySource<'_> {
    /// Changes when the file's bytes may have: a file's path, size and
    /// modification time (cheaper than reading it), or the bytes built in.
    fn stamp(self) -> u64 {
        match self {
            CopySource::File(source) => std::fs::metadata(source)
                .map(|m| fingerprint(&(source, m.len(), m.modified().ok())))
                .unwrap_or_default(),
            CopySource::Bytes(bytes) => fingerprint(&("built in", bytes)),
            CopySource::Made(bytes) => fingerprint(&("made", bytes)),
        }
    }
}

/// The logo the feeds show (`logo` of site.toml, else the theme's), as a
/// picture of its own size without metadata; `None` when it is not a
/// picture loa reads, which is then copied as it is.
fn stripped_logo(site: &Site) -> Option<(String, Vec<u8>)> {
    let path = site
        .config
        .logo
        .as_deref()
        .unwrap_or(crate::feed::DEFAULT_LOGO);
    if !crate::pictures::is_picture(path) {
        return None;
    }
    let file = site.theme.static_files.iter().find(|f| f.path == path)?;
    let stripped = crate::images::strip(&file.source.bytes()).ok()?;
    Some((path.to_string(), stripped.bytes))
}

/// Theme and site static files, then the files beside the articles: the
/// files made of each picture in place of the picture itself.
pub(super) fn copy_files(
    site: &Site,
    pictures: &Pictures,
    sink: &dyn Sink,
    copied: &mut std::collections::HashMap<String, u64>,
    generated: &(dyn Fn(&str) -> bool + Sync),
) -> Result<(), Error> {
    use rayon::prelude::*;
    let logo = stripped_logo(site);
    let files: Vec<(&str, CopySource)> = site
        .theme
        .static_files
        .iter()
        .map(|f| {
            let source = match (&f.source, &logo) {
                (_, Some((path, bytes))) if *path == f.path => CopySource::Made(bytes),
                (theme::Source::File(path), _) => CopySource::File(path),
                (theme::Source::Builtin(bytes), _) => CopySource::Bytes(bytes),
            };
            (f.path.as_str(), source)
        })
        .chain(
            site.content
                .assets
                .iter()
                .filter(|a| !is_picture(&a.path))
                .map(|a| (a.path.as_str(), CopySource::File(&a.source))),
        )
        .chain(
            pictures
                .outputs()
                .map(|(path, cached)| (path, CopySource::File(cached))),
        )
        .collect();
    let stamped: Vec<(&str, CopySource, u64)> = files
        .into_par_iter()
        .map(|(path, source)| (path, source, source.stamp()))
        .collect();
    stamped
        .par_iter()
        // A generated page of the same path wins, as in a full build.
        .filter(|(path, _, stamp)| copied.get(*path) != Some(stamp) && !generated(path))
        .try_for_each(|(path, source, _)| match source {
            CopySource::File(file) => sink.copy(path, file),
            CopySource::Bytes(bytes) | CopySource::Made(bytes) => sink.write(path, bytes),
        })?;
    let now: std::collections::HashMap<String, u64> = stamped
        .iter()
        .map(|(path, _, stamp)| (path.to_string(), *stamp))
        .collect();
    for path in copied
        .keys()
        .filter(|p| !now.contains_key(*p) && !generated(p))
    {
        sink.remove(path)?;
    }
    *copied = now;
    Ok(())
}
