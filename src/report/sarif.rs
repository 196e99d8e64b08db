//! SARIF 2.1.0 output, as GitHub code scanning and other SARIF viewers read it.
//!
//! One SARIF rule per claim; one result per conflict or change, located at the finding's anchor mention, with
//! every other mention of the finding as a related location that the message links to (`[name](id)`). Columns
//! count Unicode code points (`columnKind`), like the rest of factlint's output. `partialFingerprints` carry the
//! finding's fingerprint, so that code scanning tracks an alert across line shifts.

use serde_json::{json, Value as Json};

use super::{anchor_side, region};
use crate::check::Checked;
use crate::extract::Mention;
use crate::fingerprint::{finding_fingerprint, mention_fingerprints};
use crate::kinds::format_number;
use crate::model::{Finding, FindingKind, Severity};
use crate::rules::RuleSet;

/// The schema URI written in the log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the check as a SARIF log, pretty-printed, ending in a newline.
pub fn render(checked: &Checked, rules: &RuleSet) -> String {
    let fingerprints = mention_fingerprints(checked, rules);
    let results: Vec<Json> = checked
        .findings
        .iter()
        .filter(|f| f.kind.disputes())
        .map(|f| result(checked, rules, f, &fingerprints))
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver(rules) },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn driver(rules: &RuleSet) -> Json {
    let descriptors: Vec<Json> = rules
        .claims
        .iter()
        .map(|claim| {
            let help = claim.help.as_deref().unwrap_or("Check which source is right, or say why they differ.");
            json!({
                "id": claim.id,
                "name": claim.title,
                "shortDescription": { "text": claim.title },
                "fullDescription": { "text": format!("{} ({} claim)", claim.title, claim.kind.name()) },
                "help": { "text": help },
                "defaultConfiguration": { "level": level(claim.severity) },
                "properties": { "kind": claim.kind.name() },
            })
        })
        .collect();
    json!({
        "name": "factlint",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://crates.io/crates/factlint",
        "rules": descriptors,
    })
}

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    severity.name()
}

fn result(checked: &Checked, rules: &RuleSet, finding: &Finding, fingerprints: &[String]) -> Json {
    let anchor = &checked.mentions.at(anchor_side(finding)[0].index());
    let others: Vec<Mention> = finding
        .mentions
        .iter()
        .filter(|&&id| id.index() != anchor.id)
        .map(|&id| checked.mentions.at(id.index()))
        .collect();
    let related: Vec<Json> = others
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let text = format!("{} says {}", checked.sources[m.source].name, m.value.describe());
            json!({ "id": i + 1, "physicalLocation": physical_location(checked, m), "message": { "text": text } })
        })
        .collect();
    let links: Vec<String> = others
        .iter()
        .enumerate()
        .map(|(i, m)| format!("[{}]({})", escape(&checked.sources[m.source].name), i + 1))
        .collect();
    let verb = if finding.kind == FindingKind::Change {
        "Earlier or later figures"
    } else {
        "See"
    };
    json!({
        "ruleId": rules.claims[finding.claim].id,
        "ruleIndex": finding.claim,
        "level": level(finding.severity),
        "message": { "text": format!("{}. {verb}: {}{}.", escape(&finding.message), links.join(", "), unlinked(finding)) },
        "locations": [{ "physicalLocation": physical_location(checked, anchor) }],
        "relatedLocations": related,
        "partialFingerprints": { "factlintFinding/v1": finding_fingerprint(finding, rules, fingerprints) },
    })
}

/// ", and 4,812 more mentions" when a shortened finding ([`Finding::totals`]) lists fewer mentions than it has.
fn unlinked(finding: &Finding) -> String {
    match &finding.totals {
        Some(totals) if totals.mentions > finding.mentions.len() => format!(
            ", and {} more mentions",
            format_number((totals.mentions - finding.mentions.len()) as f64)
        ),
        _ => String::new(),
    }
}

fn physical_location(checked: &Checked, mention: &Mention) -> Json {
    let source = &checked.sources[mention.source];
    let place = region(mention);
    let char_offset = mention.start.char_offset;
    let char_length = mention.end.char_offset - mention.start.char_offset;
    json!({
        "artifactLocation": { "uri": source.path },
        "region": {
            "startLine": place.start_line,
            "startColumn": place.start_column,
            "endLine": place.end_line,
            "endColumn": place.end_column,
            "charOffset": char_offset,
            "charLength": char_length,
        },
    })
}

/// SARIF messages treat `[` and `]` as link syntax: escape them in plain text.
fn escape(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}
