//! Baselines: a record of accepted findings, so that a corpus with known conflicts stays green and only a new
//! conflict turns it red.
//!
//! A baseline stores, for each conflict and change, the fingerprints of its mentions (see [`crate::fingerprint`]).
//! A finding of the current run is known when every one of its mentions is recorded for its claim; one new mention
//! (a new source that contradicts, or a changed figure) makes the whole finding new again, since it now says
//! something that nobody accepted.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::check::Checked;
use crate::fingerprint::{finding_fingerprint, mention_fingerprints};
use crate::model::{Finding, FindingKind};
use crate::rules::RuleSet;

/// The version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// The baseline file.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Accepted findings.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// Claim id.
    pub claim: String,
    /// Conflict or change.
    pub kind: FindingKind,
    /// The finding's own fingerprint.
    pub fingerprint: String,
    /// Fingerprints of its mentions.
    pub mentions: Vec<String>,
}

impl Baseline {
    /// Records the conflicts and changes of a check.
    pub fn record(checked: &Checked, rules: &RuleSet) -> Baseline {
        let fingerprints = mention_fingerprints(checked, rules);
        let findings = checked
            .findings
            .iter()
            .filter(|f| f.kind.disputes())
            .map(|f| BaselineEntry {
                claim: rules.claims[f.claim].id.clone(),
                kind: f.kind,
                fingerprint: finding_fingerprint(f, rules, &fingerprints),
                mentions: f
                    .mentions
                    .iter()
                    .map(|&id| fingerprints[id.index()].clone())
                    .collect(),
            })
            .collect();
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    /// Parses a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.version != BASELINE_VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {BASELINE_VERSION})",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// The baseline as pretty JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Removes from `checked` the conflicts and changes that the baseline accepts. Returns how many were removed.
    pub fn filter(&self, checked: &mut Checked, rules: &RuleSet) -> usize {
        let fingerprints = mention_fingerprints(checked, rules);
        let mut accepted: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for entry in &self.findings {
            accepted
                .entry(&entry.claim)
                .or_default()
                .extend(entry.mentions.iter().map(String::as_str));
        }
        let is_known = |finding: &Finding| {
            let known = accepted.get(rules.claims[finding.claim].id.as_str());
            finding.kind.disputes()
                && known.is_some_and(|set| {
                    finding
                        .mentions
                        .iter()
                        .all(|&id| set.contains(fingerprints[id.index()].as_str()))
                })
        };
        let before = checked.findings.len();
        checked.findings.retain(|f| !is_known(f));
        before - checked.findings.len()
    }
}
