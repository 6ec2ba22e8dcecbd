//! The command line: parse, call the library, report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use loa::diagnostics::count;
use loa::{BuildOptions, Error, Site};

/// A build makes and frees millions of small strings and JSON values from
/// every thread; with glibc's allocator that took two fifths of the render
/// time of a 100,000-article site.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "loa",
    version,
    about = "A static site generator for public-information articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only on success).
    Build {
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
        /// The output folder [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace base_url of site.toml (for a preview host).
        #[arg(long)]
        base_url: Option<String>,
        /// Also build articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Build the site with drafts, serve it, rebuild and reload the browser on every save.
    Serve {
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (0.0.0.0: reachable from a phone on the network).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The output folder [default: a folder in the system's temporary space, never public/].
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Report every error and warning; write nothing.
    Check {
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
        /// `json`: a JSON array of every diagnostic on stdout, for editors' tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// List the articles and pages not yet translated into this language (e.g. `en`).
        #[arg(long, value_name = "LANGUAGE")]
        untranslated: Option<String>,
    },
    /// Create a draft article with its front matter filled in.
    New {
        /// The article's title; the file is named after it.
        title: String,
        /// A district key or name from site.toml (repeat for several).
        #[arg(long)]
        district: Vec<String>,
        /// A category key or name from site.toml; also the folder.
        #[arg(long)]
        category: Option<String>,
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Create a new site (site.toml, a sample article, an about page); it uses the theme built into loa.
    Init {
        /// A new or empty folder.
        dir: PathBuf,
        /// Also copy the default theme into themes/default/, to edit it.
        #[arg(long)]
        with_theme: bool,
    },
}

/// How `loa check` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `loa check --untranslated <language>`: one source path per line, then
/// how many.
fn untranslated(root: &Path, language: &str) -> Result<(), Error> {
    let site = Site::load(root)?;
    let missing = site.untranslated(language)?;
    for source in &missing {
        println!("content/{source}");
    }
    eprintln!(
        "{} not translated into `{language}`",
        count(missing.len(), "document", "documents")
    );
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => site_root(root).and_then(|root| {
            build(
                &root,
                BuildOptions {
                    output,
                    base_url,
                    drafts,
                    ..BuildOptions::default()
                },
                timings,
            )
            .map(|_| ())
        }),
        Command::Serve {
            root,
            port,
            bind,
            output,
        } => site_root(root).and_then(|root| {
            loa::serve::run(&loa::serve::ServeConfig {
                root,
                bind,
                port,
                output,
            })
        }),
        Command::Check {
            root,
            untranslated: Some(language),
            ..
        } => site_root(root).and_then(|root| untranslated(&root, &language)),
        Command::Check {
            root,
            drafts,
            format: Format::Json,
            ..
        } => return check_json(root, drafts),
        Command::New {
            title,
            district,
            category,
            root,
        } => {
            let request = loa::scaffold::NewArticle {
                title,
                districts: district,
                category,
            };
            // Found above the current folder: the new file is shown from here.
            let from_here = root.is_none();
            return match site_root(root) {
                Ok(root) => new_article(&root, &request, from_here),
                Err(error) => scaffold_failed(&error.into()),
            };
        }
        Command::Init { dir, with_theme } => {
            let theme = if with_theme {
                loa::scaffold::ThemeCopy::Copied
            } else {
                loa::scaffold::ThemeCopy::Builtin
            };
            return init(&dir, theme);
        }
        Command::Check { root, drafts, .. } => site_root(root).and_then(|root| {
            check(
                &root,
                BuildOptions {
                    drafts,
                    ..BuildOptions::default()
                },
            )
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::FAILURE
        }
    }
}

/// The site's folder: `--root` as given; without it the current folder or
/// the nearest folder above it that holds site.toml, as git finds its
/// repository, so that loa works from `content/tin-tuc/` too.
fn site_root(root: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(root) = root {
        return Ok(root);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    match loa::find_site_root(&cwd) {
        // Run in the site's folder: paths stay as short as they were.
        Some(found) if found == cwd => Ok(PathBuf::from(".")),
        Some(found) => Ok(found),
        None => Err(Error::Content(vec![loa::diagnostics::Diagnostic::error(
            "site.toml",
            loa::diagnostics::Position::default(),
            format!(
                "cannot find site.toml in {} or any folder above it",
                cwd.display()
            ),
        )
        .with_help(
            "run loa in the site's folder (the one holding site.toml) or in a folder inside it, \
             or pass --root FOLDER",
        )])),
    }
}

fn build(root: &std::path::Path, options: BuildOptions, timings: bool) -> Result<PathBuf, Error> {
    let started = std::time::Instant::now();
    let site = Site::load(root)?;
    let loaded = started.elapsed();
    let mut report = site.build(&options)?;
    if timings {
        report.timings.prepend("load", loaded);
        for (stage, took) in report.timings.stages() {
            eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
        }
    }
    print_warnings(&report.warnings);
    eprintln!("{}", report.summary_line(started));
    Ok(report.output.unwrap_or_default())
}

fn check(root: &std::path::Path, options: BuildOptions) -> Result<(), Error> {
    let site = Site::load(root)?;
    let report = site.check(&options)?;
    print_warnings(&report.warnings);
    let mut line = format!(
        "checked {} and {}: no errors, {}",
        count(report.articles, "article", "articles"),
        count(report.pages, "page", "pages"),
        count(report.warnings.len(), "warning", "warnings")
    );
    if let Some(left_out) = report.left_out() {
        line.push_str("; ");
        line.push_str(&left_out);
    }
    eprintln!("{line}");
    Ok(())
}

/// Every diagnostic as JSON on stdout (and nothing else there); exit status 1
/// when any is an error.
fn check_json(root: Option<PathBuf>, drafts: bool) -> ExitCode {
    let options = BuildOptions {
        drafts,
        ..BuildOptions::default()
    };
    let checked = site_root(root).and_then(|root| Site::load(&root)?.check(&options));
    let diagnostics = match checked {
        Ok(report) => report.warnings,
        Err(Error::Content(diagnostics)) => diagnostics,
        Err(other) => {
            let path = match &other {
                Error::Io { path, .. } => path.clone(),
                _ => PathBuf::new(),
            };
            vec![loa::diagnostics::Diagnostic::error(
                path,
                loa::diagnostics::Position::default(),
                other.to_string(),
            )]
        }
    };
    println!("{}", loa::diagnostics::to_json(&diagnostics));
    if diagnostics.iter().any(|d| d.is_error()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn new_article(
    root: &std::path::Path,
    request: &loa::scaffold::NewArticle,
    from_here: bool,
) -> ExitCode {
    match loa::scaffold::new_article(root, request, chrono::Utc::now()) {
        Ok(created) => {
            for note in &created.notes {
                eprintln!("{note}");
            }
            for (message, help) in &created.warnings {
                eprintln!("warning: {message}");
                if let Some(help) = help {
                    eprintln!("  help: {help}");
                }
            }
            println!("{}", shown_path(&created.path, from_here).display());
            ExitCode::SUCCESS
        }
        Err(error) => scaffold_failed(&error),
    }
}

/// A path under the site root as the editor can open it: as given with
/// `--root`; else from the current folder (`content/a/b.md` in the site's
/// folder, `b.md` in `content/a/`).
fn shown_path(path: &Path, from_here: bool) -> PathBuf {
    if let Ok(inside) = path.strip_prefix(".") {
        return inside.to_path_buf();
    }
    let cwd = std::env::current_dir().ok().filter(|_| from_here);
    let Some(cwd) = cwd else {
        return path.to_path_buf();
    };
    let common = cwd
        .components()
        .zip(path.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut shown: PathBuf = cwd.components().skip(common).map(|_| "..").collect();
    shown.extend(path.components().skip(common));
    shown
}

fn init(dir: &std::path::Path, theme: loa::scaffold::ThemeCopy) -> ExitCode {
    match loa::scaffold::init_site(dir, chrono::Utc::now(), theme) {
        Ok(files) => {
            let theme_line = match theme {
                loa::scaffold::ThemeCopy::Builtin => {
                    "It uses the theme built into loa: a file in templates/ or static/ replaces the \
                     theme's file of the same name (loa init DIR --with-theme writes a copy of the whole theme)."
                }
                loa::scaffold::ThemeCopy::Copied => {
                    "The theme is in themes/default/, to edit: a file removed from there comes from the theme built into loa."
                }
            };
            eprintln!(
                "created a new site in {} ({}).\n{theme_line}\nNext:\n  cd {}\n  loa serve                      # xem trang tại http://127.0.0.1:1111/\n  loa new \"Tiêu đề bài viết\"    # viết bài mới",
                dir.display(),
                count(files.len(), "file", "files"),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => scaffold_failed(&error),
    }
}

fn scaffold_failed(error: &loa::scaffold::ScaffoldError) -> ExitCode {
    match error {
        loa::scaffold::ScaffoldError::Site(error) => report_unwritten(error),
        refused => eprintln!("{refused}"),
    }
    ExitCode::FAILURE
}

/// Like [`report`], for commands that stop before writing anything.
fn report_unwritten(error: &Error) {
    match error {
        Error::Content(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}

fn print_warnings(warnings: &[loa::diagnostics::Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn report(error: &Error) {
    loa::error::eprint_error(error, "nothing was written");
}
