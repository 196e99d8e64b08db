//! `factlint init` writes a configuration, starter rules and a manifest that work as written: the rules' examples
//! pass, and the corpus it found is checked. Also the shell completions and the manual page.

mod common;

use std::fs;
use std::path::Path;

use common::{run_in, stderr, stdout};

/// A repository with reports in `reports/` (one with front matter, one with a dateline, one with neither), one in a
/// `data/` folder that `.gitignore` excludes, and a README at the top.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    for folder in [".git", "reports", "data"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    let files = [
        (".gitignore", "data/\n"),
        ("README.md", "# Bridge reports\n"),
        (
            "reports/valley.md",
            "---\noutlet: Valley Times\npublished: 2026-03-02\n---\nAbout 1,200 workers are building the Riverton bridge. The new bridge will charge a toll.\n",
        ),
        (
            "reports/wire.txt",
            "RIVERTON, March 9, 2026 -\nMore than 900 builders now work on the bridge site. The bridge will not charge tolls.\n",
        ),
        ("reports/notes.txt", "Traffic on the Riverton Harbour Bridge was light.\n"),
        ("data/archive.txt", "The Harbor Bridge was busy on the first day.\n"),
    ];
    for (name, text) in files {
        fs::write(root.join(name), text).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn init_writes_a_commented_configuration_and_a_manifest_of_the_sources_found() {
    let dir = project();
    let output = run_in(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("init_stdout", stdout(&output));
    insta::assert_snapshot!("init_factlint_yaml", read(dir.path(), "factlint.yaml"));
    insta::assert_snapshot!("init_sources_yaml", read(dir.path(), "sources.yaml"));
    let schema = run_in(dir.path(), &["schema"]);
    assert_eq!(read(dir.path(), "rules/rules.schema.json"), stdout(&schema));
    assert_eq!(
        read(dir.path(), "rules/starter.yaml"),
        factlint::init::STARTER_RULES
    );
}

#[test]
fn the_starter_rules_pass_their_own_examples_and_check_the_corpus_found() {
    let dir = project();
    assert_eq!(run_in(dir.path(), &["init"]).status.code(), Some(0));
    let test = run_in(dir.path(), &["test"]);
    assert_eq!(test.status.code(), Some(0), "{}", stderr(&test));
    assert!(
        stdout(&test).contains("15 examples of 5 claims: 15 passed, 0 failed"),
        "{}",
        stdout(&test)
    );
    let check = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let report = common::json(&check);
    let sources: Vec<(&str, &str)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap(),
                s["published"].as_str().unwrap_or("unknown"),
            )
        })
        .collect();
    assert_eq!(
        sources,
        [
            ("data/archive.txt", "unknown"),
            ("reports/notes.txt", "unknown"),
            ("reports/valley.md", "2026-03-02"),
            ("reports/wire.txt", "2026-03-09"),
        ]
    );
}

#[test]
fn a_date_filled_into_the_manifest_is_used() {
    let dir = project();
    run_in(dir.path(), &["init"]);
    let manifest = read(dir.path(), "sources.yaml").replacen(
        "published:   # not found",
        "published: 2026-03-05   # not found",
        1,
    );
    fs::write(dir.path().join("sources.yaml"), manifest).unwrap();
    let report = common::json(&run_in(dir.path(), &["check", "--format", "json"]));
    assert_eq!(report["sources"][0]["published"], "2026-03-05");
}

#[test]
fn init_keeps_files_that_exist_unless_forced() {
    let dir = project();
    fs::write(dir.path().join("factlint.yaml"), "paths: [reports]\n").unwrap();
    let output = run_in(dir.path(), &["init"]);
    assert!(
        stdout(&output).contains("kept factlint.yaml: it exists (--force overwrites it)"),
        "{}",
        stdout(&output)
    );
    assert_eq!(read(dir.path(), "factlint.yaml"), "paths: [reports]\n");
    run_in(dir.path(), &["init", "--force"]);
    assert!(read(dir.path(), "factlint.yaml").contains("no_ignore: true"));
}

#[test]
fn init_leaves_a_rules_folder_with_rules_alone() {
    let dir = project();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::write(dir.path().join("rules/mine.yaml"), common::TROOPS_RULE).unwrap();
    let output = run_in(dir.path(), &["init"]);
    assert!(!dir.path().join("rules/starter.yaml").exists());
    assert!(!stdout(&output).contains("starter"), "{}", stdout(&output));
}

#[test]
fn init_of_a_folder_without_sources_names_the_folder_and_check_says_why_it_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new");
    fs::create_dir(&target).unwrap();
    let output = run_in(dir.path(), &["init", "new"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("no source found"));
    let config = read(&target, "factlint.yaml");
    assert!(
        config.contains("paths: [\".\"]\n# No source was found here"),
        "{config}"
    );
    let check = run_in(&target, &["check"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        stderr(&check).contains("no sources to check in ."),
        "{}",
        stderr(&check)
    );
    assert_eq!(run_in(&target, &["test"]).status.code(), Some(0));
}

#[test]
fn init_of_a_missing_folder_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["init", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nowhere is not a folder"));
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = run_in(Path::new("."), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        for word in ["factlint", "no-ignore", "init", "markdown"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn the_manual_page_is_roff_that_names_every_command() {
    let output = run_in(Path::new("."), &["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH factlint 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for command in ["check", "test", "init", "completions"] {
        assert!(page.contains(command), "the page lacks {command}");
    }
}
