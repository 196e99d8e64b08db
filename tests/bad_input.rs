//! Bad rules and bad sources: a clear error that names the place, the documented exit code, and nothing else lost.

mod common;

use std::fs;
use std::path::Path;

use common::{check, json, run_in, stderr, rules_dir_workspace, write, TROOPS_RULE};

#[test]
fn invalid_regex_is_exit_2_with_file_line_and_column() {
    let dir = rules_dir_workspace(&TROOPS_RULE.replace("'{quantity} troops'", "'{quantity} (troops'"));
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("rules/troops.yaml"), "{err}");
    assert!(err.contains("invalid pattern"), "{err}");
    assert!(err.contains("[rules/troops.yaml:6:7]"), "{err}");
}

#[test]
fn unknown_field_and_bad_kind_are_exit_2() {
    for broken in [
        TROOPS_RULE.replace("    patterns:", "    paterns:"),
        TROOPS_RULE.replace("kind: quantity", "kind: number"),
        TROOPS_RULE.replace("'{quantity} troops'", "'\\d+ troops'"),
        "claims: [".to_string(),
    ] {
        let dir = rules_dir_workspace(&broken);
        let output = check(dir.path(), "human");
        assert_eq!(output.status.code(), Some(2), "{broken}");
        assert!(
            stderr(&output).contains("rules/troops.yaml:"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn duplicate_id_across_files_names_both() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    write(
        &dir.path().join("rules"),
        "again.yaml",
        TROOPS_RULE.as_bytes(),
    );
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("duplicate claim id `troops`"), "{err}");
    assert!(err.contains("first defined in rules/again.yaml:2"), "{err}");
}

#[test]
fn missing_corpus_path_is_exit_2() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    let output = run_in(dir.path(), &["check", "nowhere", "--rules", "rules"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nowhere"));
}

#[test]
fn rules_directory_without_rules_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no rule files"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn agreeing_corpus_exits_0() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    write(
        &dir.path().join("corpus"),
        "a.txt",
        b"About 1,000 troops. Nearly 1,000 troops.\n",
    );
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["findings"][0]["kind"], "agreement");
}

#[test]
fn usage_error_is_exit_2() {
    let output = run_in(Path::new("."), &["check", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn weekday_without_publication_date_is_a_warning_not_a_conflict() {
    let rule = "claims:\n  - id: announced\n    title: Announced\n    kind: date\n    patterns: ['announced {date}']\n";
    let dir = rules_dir_workspace(rule);
    write(
        &dir.path().join("corpus"),
        "a.txt",
        b"The junta announced on Saturday it was ending the deal.\n",
    );
    write(
        &dir.path().join("corpus"),
        "b.txt",
        b"---\npublished: 2024-03-17\n---\nIt announced on Saturday the end of the deal.\n",
    );
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert_eq!(
        report["mentions"][0]["value"]["start"],
        serde_json::Value::Null
    );
    assert_eq!(report["mentions"][1]["value"]["start"], "2024-03-16");
    assert_eq!(
        report["mentions"][1]["line"], 4,
        "front matter keeps line numbers"
    );
    assert!(
        stderr(&output).contains("not anchored"),
        "{}",
        stderr(&output)
    );
}
