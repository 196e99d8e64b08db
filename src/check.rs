//! The pipeline: sources -> extraction -> normalisation -> reconciliation, producing everything a report needs.

use std::ops::Range;

use crate::extract::find_matches;
use crate::normalize::{normalize, Value};
use crate::reconcile::{reconcile, Finding, FindingKind};
use crate::rules::{Claim, RuleSet, Severity};
use crate::source::{Corpus, Source};
use crate::suppress;

/// One mention of a claim in a source, normalised.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Position in [`Checked::mentions`]; findings refer to mentions by it.
    pub id: usize,
    /// Index of the claim in the rule set.
    pub claim: usize,
    /// Index of the source in [`Checked::sources`].
    pub source: usize,
    /// The whole match, in bytes of the source's text.
    pub span: Range<usize>,
    /// The words that were normalised.
    pub value_span: Range<usize>,
    /// The normalised value.
    pub value: Value,
}

/// Something the user should know that is not a finding: a source that could not be read, a phrase that could not
/// be normalised or anchored.
#[derive(Debug, Clone)]
pub struct Warning {
    /// The source's path.
    pub path: String,
    /// Where in the source, when the warning is about a place.
    pub span: Option<Range<usize>>,
    /// What happened.
    pub message: String,
}

/// The result of checking a corpus against a rule set.
#[derive(Debug)]
pub struct Checked {
    /// The sources that were read, sorted by path.
    pub sources: Vec<Source>,
    /// Every mention, in corpus order (source, then position, then claim).
    pub mentions: Vec<Mention>,
    /// Findings, claim by claim in rule order: conflicts, then changes, then the agreement.
    pub findings: Vec<Finding>,
    /// Warnings, in corpus order.
    pub warnings: Vec<Warning>,
    /// How many mentions `factlint-ignore` markers silenced.
    pub suppressed: usize,
}

impl Checked {
    /// True when some conflict is at or above `threshold`: the check fails (exit code 1).
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == FindingKind::Conflict && f.severity >= threshold)
    }
}

/// Checks `corpus` against `rules`.
pub fn check(rules: &RuleSet, corpus: Corpus) -> Checked {
    let mut warnings: Vec<Warning> = corpus
        .problems
        .iter()
        .map(|p| Warning {
            path: p.path.clone(),
            span: None,
            message: format!("skipped: {}", p.reason),
        })
        .collect();
    let mut mentions = Vec::new();
    let mut suppressed = 0;
    let mut wordings = crate::drift::mentions_by_source(rules, &corpus.sources);
    for (source_index, source) in corpus.sources.iter().enumerate() {
        let mut found = mentions_in(rules, source_index, source, &mut warnings);
        found.append(&mut wordings[source_index]);
        suppressed += apply_suppressions(rules, source, &mut found, &mut warnings);
        mentions.extend(found);
    }
    mentions.sort_by_key(|m: &Mention| (m.source, m.span.start, m.claim));
    for (id, mention) in mentions.iter_mut().enumerate() {
        mention.id = id;
    }
    let findings = reconcile(&rules.claims, &mentions);
    Checked {
        sources: corpus.sources,
        mentions,
        findings,
        warnings,
        suppressed,
    }
}

/// The mentions of every claim in one source.
fn mentions_in(
    rules: &RuleSet,
    source_index: usize,
    source: &Source,
    warnings: &mut Vec<Warning>,
) -> Vec<Mention> {
    let mut found = Vec::new();
    for (claim_index, claim) in rules.claims.iter().enumerate() {
        found.extend(claim_mentions(
            claim_index,
            claim,
            source_index,
            source,
            warnings,
        ));
    }
    found
}

/// The mentions of one claim in one source; phrases that do not normalise, and dates that cannot be anchored,
/// become warnings.
pub fn claim_mentions(
    claim_index: usize,
    claim: &Claim,
    source_index: usize,
    source: &Source,
    warnings: &mut Vec<Warning>,
) -> Vec<Mention> {
    let mut found = Vec::new();
    for matched in find_matches(claim, source) {
        let warn = |message: String| Warning {
            path: source.path.clone(),
            span: Some(matched.value.clone()),
            message,
        };
        match normalize(&claim.kind, source, &matched) {
            Ok(value) => {
                if let Value::Date(Err(reason)) = &value {
                    warnings.push(warn(format!(
                        "[{}] date not anchored, so not compared: {reason}",
                        claim.id
                    )));
                }
                found.push(Mention {
                    id: 0,
                    claim: claim_index,
                    source: source_index,
                    span: matched.span.clone(),
                    value_span: matched.value.clone(),
                    value,
                });
            }
            Err(unparsed) => warnings.push(warn(format!(
                "[{}] matched {:?}, which is not a {} phrase; the match is ignored",
                claim.id,
                unparsed.text,
                claim.kind.name()
            ))),
        }
    }
    found
}

/// Drops the mentions that `factlint-ignore` markers silence, and warns about markers that silence nothing.
/// Returns how many mentions were dropped.
fn apply_suppressions(
    rules: &RuleSet,
    source: &Source,
    found: &mut Vec<Mention>,
    warnings: &mut Vec<Warning>,
) -> usize {
    let markers = suppress::markers(source);
    if markers.is_empty() {
        return 0;
    }
    let keys: Vec<(&str, usize)> = found
        .iter()
        .map(|m| {
            (
                rules.claims[m.claim].id.as_str(),
                source.line_column(m.span.start).0,
            )
        })
        .collect();
    let suppression = suppress::apply(&markers, &keys);
    for (marker, claim) in &suppression.unused {
        let known = rules.claims.iter().any(|c| &c.id == claim);
        let reason = if known {
            "no mention of it on this line or the next"
        } else {
            "no such claim"
        };
        warnings.push(Warning {
            path: source.path.clone(),
            span: Some(markers[*marker].span.clone()),
            message: format!("unused suppression `factlint-ignore {claim}`: {reason}"),
        });
    }
    let mut index = 0;
    found.retain(|_| {
        index += 1;
        !suppression.silenced.contains(&(index - 1))
    });
    suppression.silenced.len()
}
