//! What can stop a build, and how the program's edge prints it.

use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic};

/// What can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Mistakes in content or configuration, all of them, sorted.
    #[error("{} in the site", diagnostics::count(.0.iter().filter(|d| d.is_error()).count(), "error", "errors"))]
    Content(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    #[error("{0}")]
    Output(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Prints what stopped a build to stderr, at the edge of the program:
/// every diagnostic, then how many errors and what that means for the
/// output (`consequence`).
pub fn eprint_error(error: &Error, consequence: &str) {
    match error {
        Error::Content(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "\n{}; {consequence}.",
                diagnostics::count(errors, "error", "errors")
            );
        }
        other => eprintln!("error: {other}\n{consequence}."),
    }
}
