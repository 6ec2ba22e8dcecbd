//! Copying the theme's and the site's static files and the files beside
//! the articles into the output, skipping those whose bytes did not change
//! since the last build of a serve session.

use std::path::Path;

use crate::error::Error;
use crate::hash::fingerprint;
use crate::output::Sink;
use crate::theme;

use super::Site;

/// Where a copied file's bytes come from.
#[derive(Clone, Copy)]
enum CopySource<'a> {
    File(&'a Path),
    /// A file of the built-in theme, written from the binary.
    Bytes(&'static [u8]),
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
        }
    }
}

/// Theme and site static files, then the files beside the articles.
pub(super) fn copy_files(
    site: &Site,
    sink: &dyn Sink,
    copied: &mut std::collections::HashMap<String, u64>,
    generated: &(dyn Fn(&str) -> bool + Sync),
) -> Result<(), Error> {
    use rayon::prelude::*;
    let files: Vec<(&str, CopySource)> = site
        .theme
        .static_files
        .iter()
        .map(|f| {
            let source = match &f.source {
                theme::Source::File(path) => CopySource::File(path),
                theme::Source::Builtin(bytes) => CopySource::Bytes(bytes),
            };
            (f.path.as_str(), source)
        })
        .chain(
            site.content
                .assets
                .iter()
                .map(|a| (a.path.as_str(), CopySource::File(&a.source))),
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
            CopySource::Bytes(bytes) => sink.write(path, bytes),
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
