//! What can stop a build, and how the program's edge prints it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::messages::msg;
use crate::messages::{Lang, Message};

/// What can stop a build.
#[derive(Debug)]
pub enum Error {
    /// Mistakes in content or configuration, all of them, sorted.
    Content(Vec<Diagnostic>),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Tera's own words on a template: they name the template's syntax,
    /// which only a theme's author edits.
    Template {
        name: String,
        message: String,
    },
    Output(Message),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// What stopped the build, in `lang`; for content, how many errors.
    pub fn message(&self) -> Message {
        match self {
            Error::Content(diagnostics) => msg!(
                "cli.errors-in-site",
                errors = Message::count(
                    "count.errors",
                    diagnostics.iter().filter(|d| d.is_error()).count()
                )
            ),
            Error::Io { path, source } => {
                msg!(
                    "io-error",
                    path = path.display(),
                    detail = source.to_string()
                )
            }
            Error::Template { name, message } => {
                msg!("template-error", name = name, detail = message)
            }
            Error::Output(message) => message.clone(),
        }
    }

    /// The error as diagnostics, for tools and the browser overlay: a
    /// content error's own, else one that names the file where it can.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        use crate::diagnostics::Position;
        match self {
            Error::Content(diagnostics) => diagnostics.clone(),
            Error::Io { path, .. } => vec![Diagnostic::error(
                path.clone(),
                Position::default(),
                self.message(),
            )],
            Error::Template { name, .. } => vec![Diagnostic::error(
                name.as_str(),
                Position::default(),
                self.message(),
            )],
            Error::Output(message) => vec![Diagnostic::error(
                PathBuf::new(),
                Position::default(),
                message.clone(),
            )],
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

/// In the process's language ([`crate::messages::language`]).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::language()))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Prints what stopped a build to stderr, at the edge of the program:
/// every diagnostic, then how many errors and what that means for the
/// output (`consequence`).
pub fn eprint_error(error: &Error, consequence: Message) {
    match error {
        Error::Content(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "\n{}",
                msg!(
                    "cli.errors-then",
                    errors = Message::count("count.errors", errors),
                    consequence = consequence
                )
            );
        }
        other => eprintln!(
            "{}",
            msg!(
                "cli.error-then",
                error = other.message(),
                consequence = consequence
            )
        ),
    }
}
