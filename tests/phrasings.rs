//! The wording table for `rules/`: how newsrooms phrase the facts of the US withdrawal from Niger, and what each
//! claim must (or must not) read from each phrasing.
//!
//! Every row of `tests/fixtures/phrasings.yaml` is one sentence, checked on its own as a one-source corpus with the
//! real rules. The values of the mentions of the row's claim, as `Value::describe` renders them, must equal the
//! row's `expect` list; `[]` means the sentence must not be read as a mention of that claim at all. Every failing
//! row is reported at once, with its text, claim, expected and actual values.

use std::path::PathBuf;

use factlint::check::check;
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};
use serde::Deserialize;

/// One row of the table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    /// The sentence, as a report would print it.
    text: String,
    /// Publication date of the report ("2024-05-20"), which anchors relative dates; null when unknown.
    published: Option<String>,
    /// The claim id the row is about.
    claim: String,
    /// The `describe()` strings of the claim's mentions in the sentence, in text order.
    expect: Vec<String>,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_table() -> Vec<Row> {
    let path = repo_root().join("tests/fixtures/phrasings.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load_rules() -> RuleSet {
    RuleSet::load(&[repo_root().join("rules")]).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("rules/ does not load:\n{}", messages.join("\n"))
    })
}

/// The source a row is checked as: the sentence, under front matter that sets its publication date.
fn source_of(number: usize, row: &Row) -> Result<Source, String> {
    let text = match &row.published {
        Some(date) => format!("---\npublished: {date}\n---\n{}\n", row.text),
        None => format!("{}\n", row.text),
    };
    let source = Source::in_memory(&format!("phrasings/row-{number:03}.txt"), &text)?;
    let published = source.published.map(|d| d.to_string());
    if published != row.published {
        return Err(format!(
            "the source's publication date is {published:?}, not {:?} as the row says",
            row.published
        ));
    }
    Ok(source)
}

/// Checks one row; `Err` holds the failure report.
fn check_row(rules: &RuleSet, number: usize, row: &Row) -> Result<(), String> {
    let header = format!(
        "row {number}: {:?}\n  published: {}\n  claim:     {}",
        row.text,
        row.published.as_deref().unwrap_or("null"),
        row.claim
    );
    let Some(claim) = rules.claims.iter().position(|c| c.id == row.claim) else {
        return Err(format!("{header}\n  no such claim in rules/"));
    };
    let source = source_of(number, row).map_err(|e| format!("{header}\n  {e}"))?;
    let checked = check(rules, Corpus::from_sources(vec![source]));
    let text = checked.sources[0].text().unwrap_or_default();
    let mentions: Vec<_> = checked
        .mentions
        .iter()
        .filter(|m| m.claim == claim)
        .collect();
    let actual: Vec<String> = mentions.iter().map(|m| m.value.describe()).collect();
    if actual == row.expect {
        return Ok(());
    }
    let matched: Vec<&str> = mentions.iter().map(|m| &text[m.span.clone()]).collect();
    let tag = format!("[{}]", row.claim);
    let warnings: Vec<&str> = checked
        .warnings
        .iter()
        .filter(|w| w.message.contains(&tag))
        .map(|w| w.message.as_str())
        .collect();
    let mut report = format!(
        "{header}\n  expected:  {:?}\n  actual:    {actual:?}\n  matched:   {matched:?}",
        row.expect
    );
    if !warnings.is_empty() {
        report.push_str(&format!("\n  warnings:  {warnings:?}"));
    }
    Err(report)
}

#[test]
fn every_phrasing_gives_the_values_the_table_expects() {
    let rules = load_rules();
    let table = load_table();
    assert!(!table.is_empty(), "the phrasing table is empty");
    let failures: Vec<String> = table
        .iter()
        .enumerate()
        .filter_map(|(i, row)| check_row(&rules, i + 1, row).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} phrasing rows failed:\n\n{}\n",
        failures.len(),
        table.len(),
        failures.join("\n\n")
    );
}
