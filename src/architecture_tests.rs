//! The shape of the code, checked: the modules form the pipeline of
//! `docs/architecture.md` (load → validate → index → render, which streams
//! into write), no
//! module imports one that imports it back, nothing imports the crate
//! root, and no function is longer than a screenful or two. A change that
//! breaks one of these fails here with the file and what to do, not in a
//! review months later.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer: a module may import modules of its
/// own layer or of a lower one, never of a higher one. Foundations (0) are
/// used by every stage; the stages follow in pipeline order; drivers run
/// the pipeline. Within a layer, cycles are refused separately.
const LAYERS: &[(&str, u8)] = &[
    // Foundations: values and rules every stage shares.
    ("messages", 0),
    ("error", 0),
    ("hash", 0),
    ("memory", 0),
    ("timings", 0),
    ("slug", 0),
    ("dates", 0),
    ("yaml", 0),
    ("diagnostics", 0),
    ("unit_names", 0),
    ("config", 0),
    ("districts", 0),
    ("laws", 0),
    ("markdown", 0),
    ("model", 0),
    ("text", 0),
    ("html", 0),
    ("ignore", 0),
    ("mime", 0),
    ("urls", 0),
    ("words", 0),
    ("images", 0),
    // Write: the sink that render streams each file into as it is made
    // (a large site never holds all its pages), created and committed by
    // the build driver.
    ("output", 0),
    // Load.
    ("content", 1),
    ("theme", 1),
    ("pictures", 1),
    // Validate.
    ("validate", 2),
    // Index, and the checks that need the whole site.
    ("index", 3),
    ("lint", 3),
    ("languages", 3),
    ("jobs", 3),
    ("links", 3),
    // Render.
    ("render", 4),
    ("feed", 4),
    ("subscribe", 4),
    // Drivers: run the pipeline for a command.
    ("build", 6),
    ("session", 6),
    ("serve", 7),
    ("scaffold", 7),
    ("ping", 7),
];

/// Functions longer than this (from `fn` to its closing brace) are split
/// into named steps.
const LONGEST_FUNCTION: usize = 100;

fn source_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// The top-level module a file belongs to (`src/serve/http.rs` → `serve`).
fn module_of(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let relative = path.strip_prefix(&src).unwrap_or(path);
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its test module and comments: tests may
/// reach anywhere, and a doc link is not an import.
fn code_of(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or_default();
    before_tests
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `code` names through `crate::`, and whether it
/// names an item of the crate root (`crate::Error`).
fn imports(code: &str) -> (BTreeSet<String>, bool) {
    let mut modules = BTreeSet::new();
    let mut root = false;
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').collect()
            }
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            match name.chars().next() {
                Some(c) if c.is_uppercase() => root = true,
                Some(_) if name != "self" => {
                    modules.insert(name);
                }
                _ => {}
            }
        }
    }
    (modules, root)
}

fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in source_files() {
        let module = module_of(&file);
        if matches!(module.as_str(), "lib" | "main" | "architecture_tests") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let (mut modules, root) = imports(&code_of(&text));
        assert!(
            !root,
            "{}: imports an item of the crate root (`crate::Name`); import it from the module that owns it",
            file.display()
        );
        modules.remove(&module);
        graph.entry(module).or_default().extend(modules);
    }
    graph
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
        .unwrap_or_else(|| {
            panic!("module `{module}` has no layer: add it to LAYERS in src/architecture_tests.rs and to docs/architecture.md")
        })
}

#[test]
fn every_import_points_down_the_pipeline() {
    let mut upward = Vec::new();
    for (module, imported) in import_graph() {
        for other in imported.into_iter().filter(|o| layer(o) > layer(&module)) {
            upward.push(format!(
                "`{module}` (layer {}) imports `{other}` (layer {})",
                layer(&module),
                layer(&other)
            ));
        }
    }
    assert!(
        upward.is_empty(),
        "a stage uses only the foundations and the stages before it:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = import_graph();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(next) = stack.pop() {
            for other in graph.get(&next).into_iter().flatten() {
                if other == to {
                    return true;
                }
                if seen.insert(other.clone()) {
                    stack.push(other.clone());
                }
            }
        }
        false
    };
    for (module, imported) in &graph {
        for other in imported {
            assert!(
                !reaches(other, module),
                "`{module}` imports `{other}`, which imports `{module}` back"
            );
        }
    }
}

/// Each `fn` item and how many lines it spans, found by indentation:
/// rustfmt puts the closing brace at the indentation of the `fn`.
fn function_lengths(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "async fn ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let closing = " ".repeat(indent) + "}";
        if let Some(length) = lines[start..].iter().position(|l| *l == closing) {
            let after_fn = &trimmed[trimmed.find("fn ").unwrap_or(0)..];
            let name = after_fn
                .split(['(', '<'])
                .next()
                .unwrap_or(after_fn)
                .to_string();
            found.push((start + 1, name, length + 1));
        }
    }
    found
}

#[test]
fn no_function_is_longer_than_a_hundred_lines() {
    let mut long = Vec::new();
    for file in source_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (line, name, length) in function_lengths(code) {
            if length > LONGEST_FUNCTION {
                long.push(format!(
                    "{}:{line}: {name} ({length} lines)",
                    file.display()
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these into named steps:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checks_see_imports_groups_and_long_functions() {
    let (modules, root) = imports("use crate::{config::X, hash};\nlet e = crate::Error::Output;");
    assert_eq!(modules, BTreeSet::from(["config".into(), "hash".into()]));
    assert!(root);
    let long = format!("fn f() {{\n{}}}\n", "    x();\n".repeat(150));
    assert_eq!(function_lengths(&long), [(1, "fn f".to_string(), 152)]);
    let generic = long.replace("fn f()", "pub(crate) fn g<T>()");
    assert_eq!(function_lengths(&generic)[0].1, "fn g");
}
