//! The command line: parse, call the library, report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use loa::messages::{Lang, Message};
use loa::{msg, BuildOptions, Error, Site};

/// A build makes and frees millions of small strings and JSON values from
/// every thread; with glibc's allocator that took two fifths of the render
/// time of a 100,000-article site.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The words of `--help` come from the message catalogue ([`help::translated`]),
/// in the language found before parsing; the doc comments below are for
/// readers of this file.
#[derive(Parser)]
#[command(name = "loa", version)]
struct Cli {
    /// The language loa speaks: `vi` or `en` (else `LOA_LANG`, else the
    /// site's `language`, else Vietnamese).
    #[arg(long, global = true, value_parser = ["vi", "en"], hide_possible_values = true)]
    lang: Option<String>,
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
        #[arg(long)]
        untranslated: Option<String>,
        /// List the articles citing documents of laws.toml that stopped applying from this day to today (e.g. `2024-07-01`).
        #[arg(long, conflicts_with_all = ["untranslated", "format"])]
        expired_since: Option<String>,
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
        /// A legal document the article explains: the key, number or title with year of a document of laws.toml, written as its key; without laws.toml, any words (repeat for several).
        #[arg(long)]
        law: Vec<String>,
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Notify the WebSub hubs of site.toml of the published feeds that changed since the last ping.
    Ping {
        /// The site's folder (holding site.toml) [default: the current folder, or the nearest folder above it with a site.toml].
        #[arg(long)]
        root: Option<PathBuf>,
        /// The built output folder [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Notify every feed, changed or not.
        #[arg(long)]
        all: bool,
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
        "{}",
        msg!(
            "untranslated-summary",
            count = Message::count("count.documents", missing.len()),
            language = language
        )
    );
    Ok(())
}

fn main() -> ExitCode {
    loa::memory::no_huge_pages();
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let env = std::env::var("LOA_LANG").ok();
    let lang = Lang::requested(&args, env.as_deref())
        .or_else(|| site_language(&args))
        .unwrap_or_default();
    loa::messages::set_language(lang);
    let matches = match help::translated(Cli::command(), lang).try_get_matches() {
        Ok(matches) => matches,
        Err(error) => help::exit(error, lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    run(cli.command, lang)
}

/// Carries out `command`, printing in `lang` where a command prints JSON.
fn run(command: Command, lang: Lang) -> ExitCode {
    let result = match command {
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
            drafts,
            format,
            untranslated,
            expired_since,
        } => {
            if let Some(since) = expired_since {
                return expired(root, drafts, &since, lang);
            }
            return check_command(root, drafts, format, untranslated, lang);
        }
        Command::New {
            title,
            district,
            category,
            law,
            root,
        } => {
            let request = loa::scaffold::NewArticle {
                title,
                districts: district,
                category,
                laws: law,
            };
            // Found above the current folder: the new file is shown from here.
            let from_here = root.is_none();
            return match site_root(root) {
                Ok(root) => new_article(&root, &request, from_here),
                Err(error) => scaffold_failed(&error.into()),
            };
        }
        Command::Ping { root, output, all } => {
            return match site_root(root) {
                Ok(root) => ping(&root, &loa::ping::PingOptions { output, all }),
                Err(error) => ping_failed(&loa::ping::PingError::Site(error)),
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
    };
    finish(result)
}

/// `loa check`: diagnostics as text or JSON, or what is untranslated.
fn check_command(
    root: Option<PathBuf>,
    drafts: bool,
    format: Format,
    untranslated_into: Option<String>,
    lang: Lang,
) -> ExitCode {
    if let Some(language) = untranslated_into {
        return finish(site_root(root).and_then(|root| untranslated(&root, &language)));
    }
    if format == Format::Json {
        return check_json(root, drafts, lang);
    }
    finish(site_root(root).and_then(|root| {
        check(
            &root,
            BuildOptions {
                drafts,
                ..BuildOptions::default()
            },
        )
    }))
}

/// `loa check --expired-since DATE`: for each document of laws.toml that
/// stopped applying since DATE, the articles that cite it, on stdout; how
/// many on stderr, as `--untranslated` does, so that the list can be saved
/// alone. A report: exit status 0 unless the site has errors.
fn expired(root: Option<PathBuf>, drafts: bool, since: &str, lang: Lang) -> ExitCode {
    // The date first: a mistyped one is said before the site is read.
    let since = match loa::lint::laws::parse_day(since) {
        Ok(day) => day,
        Err((message, help)) => {
            eprintln!("{}", msg!("cli.error", error = message));
            eprintln!("{}", msg!("cli.help-line", help = help));
            return ExitCode::FAILURE;
        }
    };
    finish(site_root(root).and_then(|root| {
        let options = BuildOptions {
            drafts,
            ..BuildOptions::default()
        };
        let report = Site::load(&root)?.expired_since(since, &options)?;
        print!("{}", report.render(lang));
        eprintln!("{}", report.summary());
        Ok(())
    }))
}

/// The exit code of a command's `result`, its error reported.
fn finish(result: Result<(), Error>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::FAILURE
        }
    }
}

/// The `language` of the site's site.toml (`--root`, else the folder found
/// as [`site_root`] finds it), read leniently: a site.toml with mistakes
/// elsewhere still says which language to report them in.
fn site_language(args: &[String]) -> Option<Lang> {
    let mut root = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if let Some(value) = arg.strip_prefix("--root=") {
            root = Some(PathBuf::from(value));
        } else if arg == "--root" {
            root = rest.next().map(PathBuf::from);
        }
    }
    let root = match root {
        Some(root) => root,
        None => loa::find_site_root(&std::env::current_dir().ok()?)?,
    };
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let table: toml::Table = text.parse().ok()?;
    table
        .get("language")
        .and_then(|value| value.as_str())
        .map(Lang::from_code)
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
            msg!("no-site", folder = cwd.display()),
        )
        .with_help(msg!("help.no-site"))])),
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
            let ms = format!("{:>8.1}", took.as_secs_f64() * 1000.0);
            let stage = loa::timings::stage_name(stage);
            eprintln!("{}", msg!("cli.timing", ms = ms, stage = stage));
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
    let line = msg!(
        "cli.checked",
        articles = Message::count("count.articles", report.articles),
        pages = Message::count("count.pages", report.pages),
        warnings = Message::count("count.warnings", report.warnings.len())
    );
    let line = match report.left_out() {
        Some(left_out) => msg!("cli.with-left-out", line = line, left_out = left_out),
        None => line,
    };
    eprintln!("{line}");
    Ok(())
}

/// Every diagnostic as JSON on stdout (and nothing else there); exit status 1
/// when any is an error.
fn check_json(root: Option<PathBuf>, drafts: bool, lang: Lang) -> ExitCode {
    let options = BuildOptions {
        drafts,
        ..BuildOptions::default()
    };
    let checked = site_root(root).and_then(|root| Site::load(&root)?.check(&options));
    let diagnostics = match checked {
        Ok(report) => report.warnings,
        Err(error) => error.diagnostics(),
    };
    println!("{}", loa::diagnostics::to_json(&diagnostics, lang));
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
                eprintln!("{}", msg!("cli.warning", message = message.clone()));
                if let Some(help) = help {
                    eprintln!("{}", msg!("cli.help-line", help = help.clone()));
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

/// `loa ping`: each hub's outcome as it comes; exit status 1 when a hub
/// failed or nothing could be sent.
fn ping(root: &Path, options: &loa::ping::PingOptions) -> ExitCode {
    let mut say = |line: Message, help: Option<Message>| {
        eprintln!("{line}");
        if let Some(help) = help {
            eprintln!("{}", msg!("cli.help-line", help = help));
        }
    };
    match loa::ping::run(root, options, &mut say) {
        Ok(pinged) if pinged.failures() > 0 => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => ping_failed(&error),
    }
}

fn ping_failed(error: &loa::ping::PingError) -> ExitCode {
    match error {
        loa::ping::PingError::Site(error) => {
            loa::error::eprint_error(error, msg!("ping.nothing-sent"));
        }
        other => {
            eprintln!("{}", msg!("cli.error", error = other.message()));
            if let Some(help) = other.help() {
                eprintln!("{}", msg!("cli.help-line", help = help));
            }
        }
    }
    ExitCode::FAILURE
}

fn init(dir: &std::path::Path, theme: loa::scaffold::ThemeCopy) -> ExitCode {
    match loa::scaffold::init_site(dir, chrono::Utc::now(), theme) {
        Ok(files) => {
            let theme_line = match theme {
                loa::scaffold::ThemeCopy::Builtin => msg!("cli.builtin-theme"),
                loa::scaffold::ThemeCopy::Copied => msg!("cli.copied-theme"),
            };
            eprintln!(
                "{}\n{theme_line}\n{}",
                msg!(
                    "cli.created-site",
                    dir = dir.display(),
                    files = Message::count("count.files", files.len())
                ),
                msg!("cli.next", dir = dir.display())
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
        other => eprintln!("{}", msg!("cli.error", error = other.message())),
    }
}

fn print_warnings(warnings: &[loa::diagnostics::Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn report(error: &Error) {
    loa::error::eprint_error(error, msg!("cli.nothing-written"));
}

/// `--help` in the editor's language: clap's words replaced by the
/// catalogue's, on the command and on each subcommand.
mod help {
    use clap::{Arg, ArgAction, Command};
    use loa::messages::{Lang, Message};
    use loa::msg;

    /// A subcommand's name, its about line and the help of each argument.
    type Texts = (&'static str, Message, Vec<(&'static str, Message)>);

    fn subcommands() -> Vec<Texts> {
        let root = ("root", msg!("arg.root"));
        vec![
            (
                "build",
                msg!("arg.build"),
                vec![
                    root.clone(),
                    ("output", msg!("arg.build-output")),
                    ("base_url", msg!("arg.base-url")),
                    ("drafts", msg!("arg.drafts")),
                    ("timings", msg!("arg.timings")),
                ],
            ),
            (
                "serve",
                msg!("arg.serve"),
                vec![
                    root.clone(),
                    ("port", msg!("arg.port")),
                    ("bind", msg!("arg.bind")),
                    ("output", msg!("arg.serve-output")),
                ],
            ),
            (
                "check",
                msg!("arg.check"),
                vec![
                    root.clone(),
                    ("drafts", msg!("arg.drafts")),
                    ("format", msg!("arg.format")),
                    ("untranslated", msg!("arg.check-untranslated")),
                    ("expired_since", msg!("arg.check-expired-since")),
                ],
            ),
            (
                "ping",
                msg!("arg.ping"),
                vec![
                    root.clone(),
                    ("output", msg!("arg.ping-output")),
                    ("all", msg!("arg.all")),
                ],
            ),
            (
                "new",
                msg!("arg.new"),
                vec![
                    ("title", msg!("arg.title")),
                    ("district", msg!("arg.district")),
                    ("category", msg!("arg.category")),
                    ("law", msg!("arg.law")),
                    root,
                ],
            ),
            (
                "init",
                msg!("arg.init"),
                vec![
                    ("dir", msg!("arg.dir")),
                    ("with_theme", msg!("arg.with-theme")),
                ],
            ),
        ]
    }

    /// The placeholder of an argument's value in `--help` (`--root <DIR>`).
    fn value_name(arg: &str) -> Option<Message> {
        Some(match arg {
            "root" | "output" | "dir" => msg!("arg.value-dir"),
            "base_url" => msg!("arg.value-url"),
            "port" => msg!("arg.value-port"),
            "bind" => msg!("arg.value-address"),
            "format" => msg!("arg.value-format"),
            "title" => msg!("arg.value-title"),
            "district" | "category" => msg!("arg.value-key"),
            "law" => msg!("arg.value-law"),
            "lang" => msg!("arg.value-lang"),
            "untranslated" => msg!("arg.value-language"),
            "expired_since" => msg!("arg.value-date"),
            _ => return None,
        })
    }

    /// The usage line, with its placeholders in `lang`.
    fn usage(name: &str, lang: Lang) -> String {
        let options = msg!("arg.usage-options").render(lang);
        match name {
            "loa" => format!(
                "loa [{options}] <{}>",
                msg!("arg.usage-command").render(lang)
            ),
            "new" | "init" => {
                let value = value_name(if name == "new" { "title" } else { "dir" });
                let value = value.map(|v| v.render(lang)).unwrap_or_default();
                format!("loa {name} [{options}] <{value}>")
            }
            _ => format!("loa {name} [{options}]"),
        }
    }

    fn arg_texts(arg: Arg, help: String, lang: Lang) -> Arg {
        let arg = arg.help(help);
        if !arg.get_action().takes_values() {
            return arg;
        }
        // Defaults and choices are said in the help text, in `lang`.
        let arg = arg.hide_default_value(true).hide_possible_values(true);
        match value_name(arg.get_id().as_str()) {
            Some(name) => arg.value_name(name.render(lang)),
            None => arg,
        }
    }

    pub fn translated(command: Command, lang: Lang) -> Command {
        let text = |m: Message| m.render(lang);
        let mut command = with_flags(command, lang, true)
            .about(text(msg!("arg.about")))
            .override_usage(usage("loa", lang))
            .mut_arg("lang", |a| arg_texts(a, text(msg!("arg.lang")), lang))
            .disable_help_subcommand(true);
        command = template(command, lang);
        for (name, about, args) in subcommands() {
            command = command.mut_subcommand(name, |sub| {
                let mut sub = with_flags(sub, lang, false)
                    .about(text(about))
                    .override_usage(usage(name, lang));
                for (arg, help) in args {
                    sub = sub.mut_arg(arg, |a| arg_texts(a, text(help), lang));
                }
                template(sub, lang)
            });
        }
        command
    }

    /// A command line clap refused: clap's own words are English, so in
    /// Vietnamese a line of ours comes first. `--help` and `--version` are
    /// printed as clap prints them.
    pub fn exit(error: clap::Error, lang: Lang) -> ! {
        use clap::error::ErrorKind;
        let shown = matches!(
            error.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        if !shown && lang == Lang::Vi {
            eprintln!("{}", msg!("cli.bad-arguments"));
        }
        error.exit()
    }

    /// `-h`/`--help` (and `-V`/`--version` on the command) with help of
    /// our own: clap's are English and cannot be reworded in place.
    fn with_flags(command: Command, lang: Lang, version: bool) -> Command {
        let command = command.disable_help_flag(true).arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(msg!("arg.help").render(lang)),
        );
        if !version {
            return command;
        }
        command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg!("arg.version").render(lang)),
        )
    }

    /// The layout of `--help` with headings in `lang`.
    fn template(command: Command, lang: Lang) -> Command {
        let heading = |m: Message| m.render(lang);
        let mut layout = format!(
            "{{about-with-newline}}\n{} {{usage}}\n",
            heading(msg!("arg.usage"))
        );
        if command.has_subcommands() {
            layout.push_str(&format!(
                "\n{}\n{{subcommands}}\n",
                heading(msg!("arg.commands"))
            ));
        }
        if command.get_positionals().next().is_some() {
            layout.push_str(&format!(
                "\n{}\n{{positionals}}\n",
                heading(msg!("arg.arguments"))
            ));
        }
        layout.push_str(&format!(
            "\n{}\n{{options}}\n",
            heading(msg!("arg.options"))
        ));
        command.help_template(layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap checks a command's consistency only when it parses one: every
    /// subcommand of the translated command, in both languages, here.
    #[test]
    fn the_translated_command_line_is_consistent() {
        for lang in [Lang::Vi, Lang::En] {
            let mut command = help::translated(Cli::command(), lang);
            command.build();
            for sub in command.get_subcommands_mut() {
                sub.build();
            }
            command.debug_assert();
        }
    }
}
