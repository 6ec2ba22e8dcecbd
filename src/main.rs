//! The command line: parse, call the library, report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use loa::{BuildOptions, Error, Site};

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
    },
    /// Build the site and serve it on 127.0.0.1.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The output folder [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Report every error and warning; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build(
            &root,
            BuildOptions {
                output,
                base_url,
                drafts,
                ..BuildOptions::default()
            },
        )
        .map(|_| ()),
        Command::Serve { root, port, output } => {
            let address = format!("127.0.0.1:{port}");
            let options = BuildOptions {
                output,
                base_url: Some(format!("http://{address}")),
                drafts: true,
                ..BuildOptions::default()
            };
            build(&root, options).and_then(|output| {
                eprintln!(
                    "serving {} at http://{address}/ (Ctrl+C to stop)",
                    output.display()
                );
                loa::serve::serve(&output, &address)
            })
        }
        Command::Check { root, drafts } => check(
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

fn build(root: &std::path::Path, options: BuildOptions) -> Result<PathBuf, Error> {
    let started = std::time::Instant::now();
    let site = Site::load(root)?;
    let report = site.build(&options)?;
    print_warnings(&report.warnings);
    let output = report.output.unwrap_or_default();
    eprintln!(
        "built {} articles and {} pages ({} files) into {} in {} ms",
        report.articles,
        report.pages,
        report.files,
        output.display(),
        started.elapsed().as_millis()
    );
    Ok(output)
}

fn check(root: &std::path::Path, options: BuildOptions) -> Result<(), Error> {
    let site = Site::load(root)?;
    let report = site.check(&options)?;
    print_warnings(&report.warnings);
    eprintln!(
        "checked {} articles and {} pages: no errors, {} warning(s)",
        report.articles,
        report.pages,
        report.warnings.len()
    );
    Ok(())
}

fn print_warnings(warnings: &[loa::diagnostics::Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn report(error: &Error) {
    match error {
        Error::Content(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("\n{errors} error(s); nothing was written.");
        }
        other => eprintln!("error: {other}"),
    }
}
