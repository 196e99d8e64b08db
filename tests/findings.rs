//! Reconciliation semantics on small corpora: changes over time, grouping, conflicts within one source.

mod common;

use serde_json::Value;

const TROOPS: &str = "claims:
  - id: troops
    title: Troops
    kind: quantity
    severity: error
    WINDOW
    patterns:
      - '{quantity}\\s+troops'
";

/// Checks `files` (name, text) against the troop rule, with the given window line, and returns the exit code and
/// the JSON report.
fn check(window: &str, files: &[(&str, &str)]) -> (Option<i32>, Value) {
    check_rule(&TROOPS.replace("WINDOW", window), files)
}

/// Checks `files` against one rule file.
fn check_rule(rule: &str, files: &[(&str, &str)]) -> (Option<i32>, Value) {
    common::check_files(rule, files)
}

fn kinds(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

const OLD: (&str, &str) = (
    "a.txt",
    "---\npublished: 2024-05-01\n---\nIn 2021 there were more than 1,000 troops.\n",
);
const NEW: (&str, &str) = (
    "b.txt",
    "---\npublished: 2024-05-01\n---\nThere are fewer than 500 troops.\n",
);

#[test]
fn figures_far_apart_in_time_are_a_change_not_a_conflict() {
    let (code, report) = check("window: 1 year", &[OLD, NEW]);
    assert_eq!(code, Some(0));
    assert_eq!(kinds(&report), ["change"]);
    assert_eq!(report["findings"][0]["severity"], "note");
    assert_eq!(
        report["mentions"][0]["value"]["as_of"],
        "2021-01-01/2021-12-31"
    );
    assert_eq!(report["mentions"][1]["value"]["as_of"], "2024-05-01");
}

#[test]
fn without_a_window_the_same_figures_conflict() {
    let (code, report) = check("", &[OLD, NEW]);
    assert_eq!(code, Some(1));
    assert_eq!(kinds(&report), ["conflict"]);
}

#[test]
fn many_mentions_make_one_finding_not_one_per_pair() {
    let more = "More than 1,000 troops. ".repeat(6);
    let less = "Fewer than 900 troops. ".repeat(5);
    let (code, report) = check("", &[("a.txt", &more), ("b.txt", &less)]);
    assert_eq!(code, Some(1));
    assert_eq!(kinds(&report), ["conflict"]);
    let finding = &report["findings"][0];
    assert_eq!(finding["mentions"].as_array().unwrap().len(), 11);
    assert_eq!(finding["sides"][0].as_array().unwrap().len(), 6);
    assert_eq!(finding["sides"][1].as_array().unwrap().len(), 5);
}

#[test]
fn a_source_that_contradicts_itself_is_a_finding() {
    let (code, report) = check(
        "",
        &[(
            "a.txt",
            "More than 1,000 troops here, fewer than 1,000 troops there.",
        )],
    );
    assert_eq!(code, Some(1));
    assert_eq!(kinds(&report), ["conflict"]);
}

#[test]
fn overlapping_approximations_agree() {
    let (code, report) = check(
        "",
        &[(
            "a.txt",
            "About 1,000 troops. Roughly 1,050 troops. Some 990 troops.",
        )],
    );
    assert_eq!(code, Some(0));
    assert_eq!(kinds(&report), ["agreement"]);
    assert_eq!(
        report["findings"][0]["mentions"].as_array().unwrap().len(),
        3
    );
}

#[test]
fn severity_below_error_does_not_fail() {
    let rule = TROOPS
        .replace("WINDOW", "")
        .replace("severity: error", "severity: warning");
    let (code, report) = check_rule(
        &rule,
        &[("a.txt", "More than 1,000 troops, fewer than 1,000 troops.")],
    );
    assert_eq!(code, Some(0));
    assert_eq!(report["findings"][0]["severity"], "warning");
}
