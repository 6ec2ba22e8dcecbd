//! The command line: parse, call the library, report.

use std::path::PathBuf;
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
        /// The site's folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        /// The site's folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        /// `json`: a JSON array of every diagnostic on stdout, for editors' tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site (site.toml, a sample article, the default theme).
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
}

/// How `loa check` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
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
        } => build(
            &root,
            BuildOptions {
                output,
                base_url,
                drafts,
                ..BuildOptions::default()
            },
            timings,
        )
        .map(|_| ()),
        Command::Serve {
            root,
            port,
            bind,
            output,
        } => loa::serve::run(&loa::serve::ServeConfig {
            root,
            bind,
            port,
            output,
        }),
        Command::Check {
            root,
            drafts,
            format: Format::Json,
        } => return check_json(&root, drafts),
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
            return new_article(&root, &request);
        }
        Command::Init { dir } => return init(&dir),
        Command::Check { root, drafts, .. } => check(
            &root,
            BuildOptions {
                drafts,
                ..BuildOptions::default()
            },
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::FAILURE
        }
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
fn check_json(root: &std::path::Path, drafts: bool) -> ExitCode {
    let options = BuildOptions {
        drafts,
        ..BuildOptions::default()
    };
    let diagnostics = match Site::load(root).and_then(|site| site.check(&options)) {
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

fn new_article(root: &std::path::Path, request: &loa::scaffold::NewArticle) -> ExitCode {
    match loa::scaffold::new_article(root, request, chrono::Utc::now()) {
        Ok(created) => {
            for (message, help) in &created.warnings {
                eprintln!("warning: {message}");
                if let Some(help) = help {
                    eprintln!("  help: {help}");
                }
            }
            let shown = created.path.strip_prefix(".").unwrap_or(&created.path);
            println!("{}", shown.display());
            ExitCode::SUCCESS
        }
        Err(error) => scaffold_failed(&error),
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match loa::scaffold::init_site(dir, chrono::Utc::now()) {
        Ok(files) => {
            eprintln!(
                "created a new site in {} ({}). Next:\n  cd {}\n  loa serve                      # xem trang tại http://127.0.0.1:1111/\n  loa new \"Tiêu đề bài viết\"    # viết bài mới",
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
    loa::diagnostics::eprint_error(error, "nothing was written");
}
