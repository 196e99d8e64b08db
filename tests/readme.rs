//! The README's examples must stay true: its full rule example loads, and its JSON example parses.

mod common;

use std::fs;

use common::repo_root;
use factlint::rules::RuleSet;

/// The first fenced block of `language` after `heading` in the README.
fn block_after(heading: &str, language: &str) -> String {
    let readme = fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = &readme[readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in README"))..];
    let fence = format!("```{language}\n");
    let start = section.find(&fence).unwrap() + fence.len();
    section[start..start + section[start..].find("```").unwrap()].to_string()
}

#[test]
fn the_full_rule_example_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.yaml");
    fs::write(&path, block_after("### A full example", "yaml")).unwrap();
    let rules = RuleSet::load(&[path]).unwrap_or_else(|errors| panic!("{errors:?}"));
    let kinds: Vec<&str> = rules.claims.iter().map(|c| c.kind.name()).collect();
    assert_eq!(kinds, ["quantity", "polarity", "date"]);
}

/// The keys of a JSON object, sorted.
fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn the_json_example_has_the_shape_of_the_real_output() {
    let example: serde_json::Value =
        serde_json::from_str(&block_after("## JSON output", "json")).unwrap();
    let real = common::json(&common::run(&["check", "--format", "json"]));
    assert_eq!(example["version"], real["version"]);
    assert_eq!(keys(&example), keys(&real));
    assert_eq!(keys(&example["sources"][0]), keys(&real["sources"][0]));
    assert_eq!(keys(&example["claims"][0]), keys(&real["claims"][0]));
    let quantity = real["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["value"]["type"] == "quantity")
        .unwrap();
    assert_eq!(keys(&example["mentions"][0]), keys(quantity));
    assert_eq!(
        keys(&example["mentions"][0]["value"]),
        keys(&quantity["value"])
    );
    assert_eq!(keys(&example["findings"][0]), keys(&real["findings"][0]));
}
