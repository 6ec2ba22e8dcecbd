//! Edit-to-rebuild latency of a serve session on a generated corpus.
//!
//! `cargo bench --bench edit_latency [-- ARTICLES]` (default 10,000) makes a
//! corpus with ../shared/bench/gen_corpus.py, builds it once, then edits one
//! article's body, one article's district and adds one article, timing each
//! `Session::rebuild` (what `loa serve` does between a save and the reload
//! event), and prints the medians beside the time of a full build.
//!
//! `LOA_BENCH_NO_SEARCH=1` builds the site without its search index.
//!
//! `LOA_BENCH_SITE_PATHS=1` writes the corpus's links between articles as
//! site paths (`/articles/000/bai-000001/`) instead of
//! `@/` links, so that the link check (`src/links.rs`) has work to do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use loa::session::Session;
use loa::{BuildOptions, Site};

/// The allocator of the `loa` binary, so that the figures are serve's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    loa::memory::no_huge_pages();
    // LOA_BENCH_ROUNDS=3 for a quick look while profiling.
    let rounds: usize = std::env::var("LOA_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let articles: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("temporary folder");
    let root = work.path().join("site");
    let generator = manifest.join("../shared/bench/gen_corpus.py");
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--articles", &articles.to_string()])
        .arg(&root)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success(), "{} failed", generator.display());
    if std::env::var_os("LOA_BENCH_SITE_PATHS").is_some() {
        for file in markdown_files(&root.join("content")) {
            let text = fs::read_to_string(&file).unwrap();
            if text.contains("](@/") {
                let linked = text.replace("](@/", "](/").replace(".md)", "/)");
                fs::write(&file, linked).unwrap();
            }
        }
    }
    // LOA_BENCH_NO_SEARCH=1: the same site with `search = false`, for what
    // the search index adds to each rebuild.
    if std::env::var_os("LOA_BENCH_NO_SEARCH").is_some() {
        let toml_path = root.join("site.toml");
        let toml = fs::read_to_string(&toml_path).unwrap();
        fs::write(&toml_path, format!("search = false\n{toml}")).unwrap();
    }
    copy_dir(
        &manifest.join("themes/default"),
        &root.join("themes/default"),
    );

    let options = BuildOptions {
        output: Some(work.path().join("public")),
        ..BuildOptions::default()
    };
    let full = time(|| {
        Site::load(&root).unwrap().build(&options).unwrap();
    });
    let (mut session, _) = Session::start(&root, options.clone()).expect("first build");
    let articles_found = markdown_files(&root.join("content"));
    // The article an editor is writing is the newest: it is on the home
    // page and at the top of every feed it belongs to. An old one is in no
    // feed, so its edit re-renders only its own page.
    let newest = newest_article(&articles_found);
    let oldest = articles_found
        .first()
        .expect("the corpus has articles")
        .clone();
    let original = fs::read_to_string(&newest).unwrap();
    let old_original = fs::read_to_string(&oldest).unwrap();

    let mut body = Samples::default();
    let mut old_body = Samples::default();
    let mut district = Samples::default();
    let mut added = Samples::default();
    for round in 0..rounds {
        fs::write(&newest, format!("{original}\nSửa lần {round}.\n")).unwrap();
        body.rebuild(&mut session, &newest);
        fs::write(&oldest, format!("{old_original}\nSửa lần {round}.\n")).unwrap();
        old_body.rebuild(&mut session, &oldest);
        let moved = original.replacen("districts: [", "districts: [\"con-dao\", ", 1);
        assert_ne!(moved, original, "the corpus writes `districts: [`");
        fs::write(&newest, &moved).unwrap();
        district.rebuild(&mut session, &newest);
        fs::write(&newest, &original).unwrap();
        session.rebuild(std::slice::from_ref(&newest)).unwrap();
        let new = newest.with_file_name(format!("moi-{round}.md"));
        fs::write(&new, original.replace("title: \"", "title: \"Mới ")).unwrap();
        added.rebuild(&mut session, &new);
    }
    println!("| {articles} articles, median of {rounds} | time | files rendered |");
    println!("|---|---|---|");
    println!("| full build (load + build) | {} ms | |", full.as_millis());
    let cases = [
        ("rebuild after a body edit of the newest article", &body),
        ("rebuild after a body edit of an old article", &old_body),
        ("rebuild after a district change", &district),
        ("rebuild after adding an article", &added),
    ];
    for (name, samples) in &cases {
        println!(
            "| {name} | {:.1} ms | {} |",
            ms(median(samples.total.clone())),
            median(samples.files.clone())
        );
    }
    println!();
    println!("Stages (median ms):");
    println!();
    let stages: Vec<&str> = body.stages.iter().map(|(name, _)| *name).collect();
    println!("| stage | body edit, newest | body edit, old | district | added |");
    println!("|---|---|---|---|---|");
    for stage in stages {
        let cells: Vec<String> = cases
            .iter()
            .map(|(_, s)| {
                let times = s
                    .stages
                    .iter()
                    .find(|(name, _)| *name == stage)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                if times.is_empty() {
                    String::new()
                } else {
                    format!("{:.1}", ms(median(times)))
                }
            })
            .collect();
        println!("| {stage} | {} |", cells.join(" | "));
    }
}

/// Timings of one kind of rebuild, over the rounds.
#[derive(Default)]
struct Samples {
    total: Vec<Duration>,
    files: Vec<usize>,
    stages: Vec<(&'static str, Vec<Duration>)>,
}

impl Samples {
    fn rebuild(&mut self, session: &mut Session, changed: &Path) {
        let start = Instant::now();
        let report = session.rebuild(&[changed.to_path_buf()]).unwrap();
        self.total.push(start.elapsed());
        self.files.push(report.files);
        for (name, took) in report.timings.stages() {
            match self.stages.iter_mut().find(|(n, _)| n == name) {
                Some((_, times)) => times.push(*took),
                None => self.stages.push((name, vec![*took])),
            }
        }
    }
}

fn newest_article(files: &[PathBuf]) -> PathBuf {
    files
        .iter()
        .max_by_key(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            text.lines()
                .find_map(|l| l.strip_prefix("date:"))
                .map(|d| d.trim().trim_matches('"').to_string())
                .unwrap_or_default()
        })
        .expect("the corpus has articles")
        .clone()
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median<T: Ord + Copy>(mut samples: Vec<T>) -> T {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
