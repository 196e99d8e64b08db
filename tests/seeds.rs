//! The main job on the seed corpus: `factlint check` with no arguments checks `seeds/` with `rules/`.
//! These tests pin the findings the seed corpus is known to hold.

mod common;

use common::{json, run, stdout};
use serde_json::Value;

/// The JSON report of the default check.
fn seed_report() -> Value {
    let output = run(&["check", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the seeds hold conflicts, so the check fails"
    );
    json(&output)
}

/// The mentions of a finding, as JSON objects.
fn mentions_of<'a>(report: &'a Value, ids: &Value) -> Vec<&'a Value> {
    ids.as_array()
        .unwrap()
        .iter()
        .map(|id| &report["mentions"][id.as_u64().unwrap() as usize])
        .collect()
}

fn findings<'a>(report: &'a Value, claim: &str, kind: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["claim"] == claim && f["kind"] == kind)
        .collect()
}

/// The source file number ("000".."004") of a mention.
fn source_number(mention: &Value) -> &str {
    &mention["source"].as_str().unwrap()["seeds/".len().."seeds/".len() + 3]
}

#[test]
fn troop_count_conflicts_with_around_1000_compatible_with_both() {
    let report = seed_report();
    let conflicts = findings(&report, "us-troops-in-niger", "conflict");
    assert_eq!(conflicts.len(), 1, "one finding for the whole cluster");
    let conflict = conflicts[0];
    assert_eq!(conflict["severity"], "error");
    let sides = conflict["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2);
    let less = mentions_of(&report, &sides[0]);
    let more = mentions_of(&report, &sides[1]);
    assert!(less
        .iter()
        .all(|m| m["value"]["qualifier"] == "less_than" && m["value"]["value"] == 1000.0));
    assert_eq!(
        less.iter().map(|m| source_number(m)).collect::<Vec<_>>(),
        ["000"]
    );
    assert!(more
        .iter()
        .all(|m| m["value"]["qualifier"] == "more_than" && m["value"]["value"] == 1000.0));
    let more_sources: Vec<&str> = more.iter().map(|m| source_number(m)).collect();
    assert!(
        more_sources.contains(&"002") && more_sources.contains(&"003"),
        "{more_sources:?}"
    );
    let compatible = mentions_of(&report, &conflict["compatible"]);
    assert_eq!(compatible.len(), 1);
    assert_eq!(source_number(compatible[0]), "004");
    assert_eq!(compatible[0]["value"]["qualifier"], "about");
    assert_eq!(
        (
            compatible[0]["value"]["min"].as_f64(),
            compatible[0]["value"]["max"].as_f64()
        ),
        (Some(900.0), Some(1100.0))
    );
}

#[test]
fn troop_counts_carry_their_as_of_dates() {
    let report = seed_report();
    let as_of = |text: &str| {
        report["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["text"] == text)
            .map(|m| m["value"]["as_of"].clone())
            .unwrap_or_else(|| panic!("no mention {text:?}"))
    };
    assert_eq!(
        as_of("less than 1,000 US troops"),
        "2024-05-20",
        "000's publication date"
    );
    assert_eq!(
        as_of("more than 1,000 American personnel"),
        "2024-04-01/2024-04-30",
        "\"in April\" in the sentence"
    );
    assert_eq!(
        as_of("More than 1,000 US soldiers"),
        Value::Null,
        "\"last year\" in a source with no date"
    );
}

#[test]
fn relationship_polarity_conflicts_within_and_across_sources() {
    let report = seed_report();
    let conflicts = findings(&report, "withdrawal-ends-relationship", "conflict");
    assert_eq!(conflicts.len(), 1);
    let all = mentions_of(&report, &conflicts[0]["mentions"]);
    let affirms: Vec<&&Value> = all
        .iter()
        .filter(|m| m["value"]["polarity"] == "affirm")
        .collect();
    let denies: Vec<&&Value> = all
        .iter()
        .filter(|m| m["value"]["polarity"] == "deny")
        .collect();
    assert_eq!(affirms.len(), 1);
    assert_eq!(source_number(affirms[0]), "000");
    assert!(affirms[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("does mark the end"));
    let deny_sources: Vec<&str> = denies.iter().map(|m| source_number(m)).collect();
    assert!(
        deny_sources.contains(&"000"),
        "000 contradicts itself: {deny_sources:?}"
    );
    assert!(deny_sources.contains(&"003"), "{deny_sources:?}");
    assert!(denies.iter().any(
        |m| m["text"] == "does not affect the continuation of U.S.-Niger development relations"
    ));
}

#[test]
fn withdrawal_deadline_agrees_on_september_15() {
    let report = seed_report();
    assert!(findings(&report, "withdrawal-deadline", "conflict").is_empty());
    let agreement = findings(&report, "withdrawal-deadline", "agreement");
    let mentions = mentions_of(&report, &agreement[0]["mentions"]);
    let sources: Vec<&str> = mentions.iter().map(|m| source_number(m)).collect();
    assert_eq!(sources, ["000", "000", "003"]);
    for mention in &mentions {
        assert_eq!(mention["value"]["start"], "2024-09-15");
        assert_eq!(mention["value"]["end"], "2024-09-15");
        assert_eq!(mention["value"]["qualifier"], "deadline");
    }
}

/// Every mention of a date claim falls in `month` (1-12) of `year`, or in that month with the year unknown.
fn assert_all_in_month(
    report: &Value,
    claim: &str,
    year: i32,
    month: u32,
    at_least_sources: usize,
) {
    assert!(
        findings(report, claim, "conflict").is_empty(),
        "{claim} has a conflict"
    );
    let agreement = findings(report, claim, "agreement");
    let mentions = mentions_of(report, &agreement[0]["mentions"]);
    let full = format!("{year}-{month:02}-");
    let no_year = format!("--{month:02}-");
    for mention in &mentions {
        let start = mention["value"]["start"].as_str().unwrap();
        let end = mention["value"]["end"].as_str().unwrap();
        let within = |day: &str| day.starts_with(&full) || day.starts_with(&no_year);
        let whole_year = start == format!("{year}-01-01") && end == format!("{year}-12-31");
        assert!(
            (within(start) && within(end)) || whole_year,
            "{claim}: {mention}"
        );
    }
    let mut sources: Vec<&str> = mentions.iter().map(|m| source_number(m)).collect();
    sources.dedup();
    assert!(
        sources.len() >= at_least_sources,
        "{claim}: only {sources:?}"
    );
}

#[test]
fn military_agreement_ended_in_march_2024_everywhere() {
    assert_all_in_month(&seed_report(), "military-agreement-terminated", 2024, 3, 4);
}

#[test]
fn coup_was_in_july_2023_everywhere() {
    assert_all_in_month(&seed_report(), "coup-date", 2023, 7, 5);
}

#[test]
fn every_mention_is_in_exactly_one_finding() {
    let report = seed_report();
    let mut seen = vec![0; report["mentions"].as_array().unwrap().len()];
    for finding in report["findings"].as_array().unwrap() {
        for id in finding["mentions"].as_array().unwrap() {
            seen[id.as_u64().unwrap() as usize] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
}

#[test]
fn sources_carry_manifest_metadata() {
    let report = seed_report();
    let sources = report["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    assert_eq!(sources[0]["name"], "sputnik");
    assert_eq!(sources[0]["published"], "2024-05-20");
    assert_eq!(sources[3]["published"], "2024-05-14");
    assert_eq!(sources[2]["published"], Value::Null);
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let first = run(&["check", "--format", "json"]);
    let second = run(&["check", "--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn human_report_snapshot() {
    let output = run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}
