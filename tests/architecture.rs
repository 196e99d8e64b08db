//! The layering of `src/`: every top-level module has a layer, and imports only go down.
//!
//! A module is `src/NAME.rs` or `src/NAME/`. Its imports are the `crate::NAME` paths in its code (comments, doc
//! links and the `#[cfg(test)] mod tests` block at the end of a file are left out: tests may reach anywhere). A
//! module may use a module of a lower layer only, so no two modules can import each other, directly or not.
//! ARCHITECTURE.md explains what each layer owns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer, from the plain data at the bottom to the command line on top.
const LAYERS: &[(&str, u8)] = &[
    // Plain data, no logic imports.
    ("model", 0),
    // Utilities that know only the data: text, YAML, the multi-pattern engine, disjoint sets.
    ("text", 1),
    ("yaml", 1),
    ("scan", 1),
    ("union_find", 1),
    // Which files a directory walk takes (ignore files, hidden files, globs, types), and why it left some out.
    ("walk", 1),
    // The claim kinds: phrase grammars, values, compatibility, the registry.
    ("kinds", 2),
    // Source formats: a file's bytes into prose, a map back to the file, and the file's own metadata.
    ("formats", 2),
    // Rule files (built through the kinds' registry) and sources (whose datelines read as dates): siblings that
    // never use each other.
    ("rules", 3),
    ("source", 3),
    // Extraction: the kinds run over sources; suppression markers in sources.
    ("extract", 4),
    ("suppress", 4),
    // Reconciliation of mentions into findings.
    ("reconcile", 5),
    // The pipeline.
    ("check", 6),
    // What is built on a check's result.
    ("draft", 7),
    ("fingerprint", 7),
    ("rule_examples", 7),
    // Reports (SARIF carries fingerprints) and the baseline (which stores them).
    ("report", 8),
    ("baseline", 8),
    // factlint.yaml names a report format.
    ("config", 9),
    // The files of a first run: a configuration, starter rules, a manifest of the sources found.
    ("init", 10),
    // The language server: loads a workspace through its settings, checks documents, renders values as reports do.
    ("lsp", 10),
    // The command line, in the binary.
    ("cli", 11),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules of `src/`, each with its files.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(src()).expect("src/ is readable") {
        let path = entry.expect("src/ entries are readable").path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            let mut files = Vec::new();
            rust_files(&path, &mut files);
            modules.entry(name).or_insert_with(Vec::new).extend(files);
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main" {
            modules.entry(name).or_insert_with(Vec::new).push(path);
        }
    }
    modules
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("module directories are readable") {
        let path = entry.expect("entries are readable").path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of a file without its unit tests (the `#[cfg(test)] mod tests` block, always last) and comments.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules that `code` names through `crate::NAME` or `use crate::{NAME, ...}`.
fn imports(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let idents = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::c}`: the first word of each entry.
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for entry in group.split(',') {
                if let Some(first) = idents(entry).into_iter().next() {
                    found.insert(first);
                }
            }
        } else if let Some(first) = idents(rest).into_iter().next() {
            found.insert(first);
        }
    }
    found.retain(|m| modules.contains(m));
    found
}

#[test]
fn every_module_has_a_layer_and_imports_only_go_down() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut problems = Vec::new();
    for name in &names {
        if !layers.contains_key(name.as_str()) {
            problems.push(format!("src/{name} has no layer in LAYERS"));
        }
    }
    for (name, _) in LAYERS {
        if !names.contains(*name) {
            problems.push(format!(
                "LAYERS names `{name}`, which is not a module of src/"
            ));
        }
    }
    for (name, files) in &modules {
        let Some(&layer) = layers.get(name.as_str()) else {
            continue;
        };
        for file in files {
            let text = std::fs::read_to_string(file).expect("sources are UTF-8");
            for target in imports(&code(&text), &names) {
                if target == *name {
                    continue;
                }
                let target_layer = layers.get(target.as_str()).copied().unwrap_or(u8::MAX);
                if target_layer >= layer {
                    problems.push(format!(
                        "{} (`{name}`, layer {layer}) uses `crate::{target}` (layer {target_layer}); imports must go to a lower layer",
                        file.strip_prefix(src()).unwrap_or(file).display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_import_reader_sees_grouped_and_qualified_paths_but_not_comments() {
    let modules: BTreeSet<String> = ["model", "kinds", "rules", "text"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let text = "use crate::{kinds::Value, model};\nfn f() { crate::text::x(); } // crate::rules\n/// [`crate::rules`]\n#[cfg(test)]\nmod tests {\n    use crate::rules;\n}\n";
    let found = imports(&code(text), &modules);
    let expected: BTreeSet<String> = ["kinds", "model", "text"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(found, expected);
}
