//! Which files a directory walk takes (`--no-ignore`, `--hidden`, `-g/--glob`, `--type`, `--type-not`), and what a
//! check that took nothing says about the files it left out.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{run_in, stderr, stdout, TROOPS_RULE};

/// A repository (a `.git` directory, so that `.gitignore` counts) with `rules.yaml` and a corpus: two reports at
/// the top, three in a folder `.gitignore` excludes, one hidden, one in a hidden folder, an HTML page, a PDF and a
/// CSV file.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    for folder in [".git", "corpus/data", "corpus/.drafts"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    fs::write(root.join(".gitignore"), "corpus/data/\n").unwrap();
    fs::write(root.join("rules.yaml"), TROOPS_RULE).unwrap();
    let files = [
        ("corpus/top.txt", "Officials said 40 troops remain."),
        ("corpus/notes.md", "A later note counted 40 troops."),
        ("corpus/data/a.txt", "The camp held 40 troops."),
        ("corpus/data/b.txt", "The camp held 40 troops."),
        ("corpus/data/c.md", "The camp held 40 troops."),
        ("corpus/.hidden.txt", "A hidden draft says 90 troops."),
        ("corpus/.drafts/d.md", "A hidden folder says 90 troops."),
        ("corpus/page.html", "<p>A page says 40 troops.</p>"),
        ("corpus/scan.odt", "PK"),
        ("corpus/table.csv", "troops,40"),
    ];
    for (name, text) in files {
        fs::write(root.join(name), text).unwrap();
    }
    dir
}

/// Runs `check corpus --rules rules.yaml` with `flags` in `dir`.
fn check(dir: &Path, flags: &[&str]) -> Output {
    let mut args = vec!["check", "corpus", "--rules", "rules.yaml"];
    args.extend_from_slice(flags);
    run_in(dir, &args)
}

/// The paths of the sources a check of `corpus` with `flags` read, in order.
fn sources(dir: &Path, flags: &[&str]) -> Vec<String> {
    let output = check(dir, &[flags, &["--format", "json"]].concat());
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{flags:?}: {}",
        stderr(&output)
    );
    let report = common::json(&output);
    report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap().to_string())
        .collect()
}

/// The standard error of a check with `flags` that must stop with exit code 2 and print no report.
fn refused(dir: &Path, flags: &[&str]) -> String {
    let output = check(dir, flags);
    assert_eq!(output.status.code(), Some(2), "{flags:?}");
    assert!(output.stdout.is_empty(), "{flags:?}");
    stderr(&output)
}

#[test]
fn by_default_ignored_and_hidden_files_are_left_out() {
    let dir = tree();
    assert_eq!(
        sources(dir.path(), &[]),
        ["corpus/notes.md", "corpus/page.html", "corpus/top.txt"]
    );
}

#[test]
fn no_ignore_walks_what_gitignore_excludes() {
    let dir = tree();
    assert_eq!(
        sources(dir.path(), &["--no-ignore"]),
        [
            "corpus/data/a.txt",
            "corpus/data/b.txt",
            "corpus/data/c.md",
            "corpus/notes.md",
            "corpus/page.html",
            "corpus/top.txt"
        ]
    );
}

#[test]
fn hidden_walks_hidden_files_and_folders() {
    let dir = tree();
    assert_eq!(
        sources(dir.path(), &["--hidden"]),
        [
            "corpus/.drafts/d.md",
            "corpus/.hidden.txt",
            "corpus/notes.md",
            "corpus/page.html",
            "corpus/top.txt"
        ]
    );
}

#[test]
fn globs_take_or_leave_out_files() {
    let dir = tree();
    assert_eq!(sources(dir.path(), &["-g", "*.md"]), ["corpus/notes.md"]);
    assert_eq!(
        sources(dir.path(), &["--glob", "!notes.md"]),
        ["corpus/page.html", "corpus/top.txt"]
    );
    assert_eq!(
        sources(
            dir.path(),
            &["--no-ignore", "-g", "corpus/data/**", "-g", "!*.md"]
        ),
        ["corpus/data/a.txt", "corpus/data/b.txt"]
    );
}

#[test]
fn types_select_and_leave_out_files() {
    let dir = tree();
    assert_eq!(
        sources(dir.path(), &["--type", "html"]),
        ["corpus/page.html"]
    );
    assert_eq!(
        sources(dir.path(), &["-t", "text", "-t", "markdown"]),
        ["corpus/notes.md", "corpus/top.txt"]
    );
    assert_eq!(
        sources(dir.path(), &["--type-not", "text", "-T", "html"]),
        ["corpus/notes.md"]
    );
}

#[test]
fn a_file_named_on_the_command_line_is_read_whatever_the_filters() {
    let dir = tree();
    let output = run_in(
        dir.path(),
        &[
            "check",
            "corpus/data/a.txt",
            "--rules",
            "rules.yaml",
            "-t",
            "html",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        common::json(&output)["sources"][0]["path"],
        "corpus/data/a.txt"
    );
}

#[test]
fn a_type_takes_its_files_and_an_unreadable_one_is_named() {
    let dir = tree();
    fs::write(dir.path().join("corpus/scan.pdf"), "%PDF-1.4").unwrap();
    let err = refused(dir.path(), &["--type", "pdf"]);
    assert!(
        err.contains("corpus/scan.pdf: the PDF cannot be read"),
        "{err}"
    );
}

#[test]
fn an_unknown_type_lists_the_types() {
    let err = refused(tree().path(), &["--type", "mardown"]);
    assert!(
        err.contains("possible values: text, markdown, rst, adoc, html, docx, pdf"),
        "{err}"
    );
}

#[test]
fn a_bad_glob_is_exit_2_with_the_glob() {
    let err = refused(tree().path(), &["-g", "a[b"]);
    assert!(err.contains("--glob \"a[b\""), "{err}");
}

#[test]
fn type_list_prints_the_table() {
    let output = run_in(Path::new("."), &["check", "--type-list"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

/// The explanation of a check of the tree that takes nothing: one file left out for each reason.
fn nothing_taken() -> String {
    let dir = tree();
    fs::write(dir.path().join("corpus/.ignore"), "top.txt\n").unwrap();
    let config = "exclude: [corpus/notes.md]\n";
    fs::write(dir.path().join("factlint.yaml"), config).unwrap();
    refused(dir.path(), &["-T", "html"])
}

#[test]
fn a_walk_that_takes_nothing_says_what_it_left_out_and_which_flag_takes_it() {
    insta::assert_snapshot!(nothing_taken());
}

#[test]
fn the_readme_shows_the_explanation_as_it_is() {
    let explanation = nothing_taken();
    let shown = explanation[explanation.find("  × no sources").unwrap()..].trim_end();
    let readme = fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    assert!(readme.contains(shown), "README lacks:\n{shown}");
}

#[test]
fn a_glob_that_matches_nothing_is_named_in_the_explanation() {
    let err = refused(tree().path(), &["-g", "*.rst"]);
    assert!(
        err.contains("3 files left out by the -g/--glob globs"),
        "{err}"
    );
}

#[test]
fn the_configuration_can_walk_ignored_and_hidden_files() {
    let dir = tree();
    let config = "no_ignore: true\nhidden: true\n";
    fs::write(dir.path().join("factlint.yaml"), config).unwrap();
    assert_eq!(sources(dir.path(), &[]).len(), 8);
}

#[test]
fn a_file_is_counted_for_the_ignore_file_that_stopped_the_walk() {
    let dir = tree();
    let root = dir.path();
    fs::write(root.join("corpus/data/.gitignore"), "*.txt\n").unwrap();
    fs::create_dir(root.join("corpus/old")).unwrap();
    fs::write(root.join("corpus/old/.gitignore"), "*.txt\n!keep.txt\n").unwrap();
    fs::write(root.join("corpus/old/gone.txt"), "Once 10 troops.").unwrap();
    fs::write(root.join("corpus/old/keep.txt"), "Still 10 troops.").unwrap();
    let err = refused(root, &["-t", "text", "-g", "!keep.txt", "-g", "!top.txt"]);
    assert!(err.contains("2 files excluded by .gitignore"), "{err}");
    assert!(
        err.contains("1 file excluded by corpus/old/.gitignore"),
        "{err}"
    );
    assert!(
        err.contains("2 files left out by the -g/--glob globs"),
        "{err}"
    );
}
