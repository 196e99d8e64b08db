//! Helpers shared by the integration tests: running the binary and reading its output.
#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `seeds/` and `rules/` live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `factlint` with `args` in `dir`, with colours off and the default width.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("the factlint binary runs")
}

/// Runs `factlint` in the repository root.
pub fn run(args: &[&str]) -> Output {
    run_in(&repo_root(), args)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Parses standard output as the JSON report.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// The string `field` of each entry of the report's list `list`: `listed(&report, "sources", "path")`.
pub fn listed<'a>(report: &'a serde_json::Value, list: &str, field: &str) -> Vec<&'a str> {
    report[list]
        .as_array()
        .unwrap_or_else(|| panic!("the report has a list `{list}`: {report}"))
        .iter()
        .map(|entry| entry[field].as_str().unwrap())
        .collect()
}

/// A temporary directory holding `rules` as `rules.yaml` and `files` (name, text) under `corpus/`.
pub fn workspace(rules: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("corpus")).expect("corpus/ is created");
    std::fs::write(dir.path().join("rules.yaml"), rules).expect("rules.yaml is written");
    for (name, text) in files {
        std::fs::write(dir.path().join("corpus").join(name), text).expect("a source is written");
    }
    dir
}

/// The arguments that check a [`workspace`]'s corpus against its rules, with a JSON report.
pub const CHECK_WORKSPACE_JSON: [&str; 6] = [
    "check",
    "corpus",
    "--rules",
    "rules.yaml",
    "--format",
    "json",
];

/// Checks a [`workspace`]'s corpus against its rules with the draft `draft` (a path in the workspace), with a JSON
/// report.
pub fn check_draft(dir: &Path, draft: &str) -> Output {
    run_in(
        dir,
        &[
            "check",
            "corpus",
            "--rules",
            "rules.yaml",
            "--draft",
            draft,
            "--format",
            "json",
        ],
    )
}

/// Checks `files` against the rule file `rules` (see [`workspace`]): the exit code and the JSON report.
pub fn check_files(rules: &str, files: &[(&str, &str)]) -> (Option<i32>, serde_json::Value) {
    let dir = workspace(rules, files);
    let output = run_in(dir.path(), &CHECK_WORKSPACE_JSON);
    (output.status.code(), json(&output))
}

/// The rule most bad-input tests check against: one quantity claim.
pub const TROOPS_RULE: &str = "claims:\n  - id: troops\n    title: Troops\n    kind: quantity\n    patterns:\n      - '{quantity} troops'\n";

/// A temporary workspace with a rules directory, `rules/troops.yaml` holding `rule`, and an empty `corpus/`.
pub fn rules_dir_workspace(rule: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("rules")).expect("rules/ is created");
    std::fs::create_dir(dir.path().join("corpus")).expect("corpus/ is created");
    std::fs::write(dir.path().join("rules/troops.yaml"), rule).expect("the rule is written");
    dir
}

/// Writes `bytes` to `dir/name`.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("the file is written");
}

/// `factlint check corpus --rules rules --format FORMAT` in `dir` (see [`rules_dir_workspace`]).
pub fn check(dir: &Path, format: &str) -> Output {
    run_in(
        dir,
        &["check", "corpus", "--rules", "rules", "--format", format],
    )
}

/// Checks `dir` as [`check`] does, asserts that the check was refused (exit 2, nothing on stdout), and returns the
/// diagnostics on stderr.
pub fn refused(dir: &Path) -> String {
    let output = check(dir, "json");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        output.stdout.is_empty(),
        "nothing is checked: {}",
        stdout(&output)
    );
    err
}
