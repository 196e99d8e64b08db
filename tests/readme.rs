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

#[test]
fn the_json_example_parses() {
    let example: serde_json::Value =
        serde_json::from_str(&block_after("## JSON output", "json")).unwrap();
    assert_eq!(example["version"], 1);
}
