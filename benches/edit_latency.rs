//! Edit-to-rebuild latency of a serve session on a generated corpus.
//!
//! `cargo bench --bench edit_latency [-- ARTICLES]` (default 10,000) makes a
//! corpus with ../shared/bench/gen_corpus.py, builds it once, then edits one
//! article's body, one article's district and adds one article, timing each
//! `Session::rebuild` (what `loa serve` does between a save and the reload
//! event), and prints the medians beside the time of a full build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use loa::session::Session;
use loa::{BuildOptions, Site};

const ROUNDS: usize = 15;

fn main() {
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
    let victim = first_article(&root.join("content"));
    let original = fs::read_to_string(&victim).unwrap();

    let mut body = Vec::new();
    let mut district = Vec::new();
    let mut added = Vec::new();
    for round in 0..ROUNDS {
        fs::write(&victim, format!("{original}\nSửa lần {round}.\n")).unwrap();
        body.push(time(|| {
            session.rebuild(std::slice::from_ref(&victim)).unwrap();
        }));
        let moved = original.replacen("districts: [", "districts: [con-dao, ", 1);
        fs::write(&victim, &moved).unwrap();
        district.push(time(|| {
            session.rebuild(std::slice::from_ref(&victim)).unwrap();
        }));
        fs::write(&victim, &original).unwrap();
        session.rebuild(std::slice::from_ref(&victim)).unwrap();
        let new = victim.with_file_name(format!("moi-{round}.md"));
        fs::write(&new, original.replace("title: \"", "title: \"Mới ")).unwrap();
        added.push(time(|| {
            session.rebuild(std::slice::from_ref(&new)).unwrap();
        }));
    }
    println!("| {articles} articles | median of {ROUNDS} |");
    println!("|---|---|");
    println!("| full build (load + build) | {} ms |", full.as_millis());
    println!("| rebuild after a body edit | {:.1} ms |", ms(median(body)));
    println!(
        "| rebuild after a district change | {:.1} ms |",
        ms(median(district))
    );
    println!(
        "| rebuild after adding an article | {:.1} ms |",
        ms(median(added))
    );
}

fn first_article(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.into_iter().next().expect("the corpus has articles")
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

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
