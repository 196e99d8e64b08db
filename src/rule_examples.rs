//! Rule examples: each claim's `examples` must produce a mention (with the expected value), and its
//! `counterexamples` must produce none. `factlint test` runs them, so that a pattern edit that breaks a known
//! wording fails before it reaches a corpus.

use crate::check::claim_mentions;
use crate::extract::considered;
use crate::kinds::Value;
use crate::model::Warning;
use crate::rules::{Claim, Example, Expectation, RuleError, RuleSet};
use crate::source::Source;

/// The outcome of running every example of a rule set.
#[derive(Debug, Default)]
pub struct ExampleReport {
    /// How many examples ran.
    pub run: usize,
    /// One diagnostic per failing example, pointing at it in the YAML.
    pub failures: Vec<RuleError>,
    /// Claims without a single example (worth a warning: nothing guards their patterns).
    pub untested: Vec<String>,
}

/// Runs the examples of every claim.
pub fn run_examples(rules: &RuleSet) -> ExampleReport {
    let mut report = ExampleReport::default();
    for (index, claim) in rules.claims.iter().enumerate() {
        if claim.examples.is_empty() {
            report.untested.push(claim.id.clone());
        }
        for example in &claim.examples {
            report.run += 1;
            if let Some(failure) = check_example(rules, index, claim, example) {
                report.failures.push(failure);
            }
        }
    }
    report
}

/// Why a text gives no mention of `claim`: each candidate and the reason it was refused, or that there was none.
fn why_not(claim: &Claim, source: &Source) -> String {
    if claim.kind.is_wording() {
        return String::new();
    }
    let candidates = considered(claim, source);
    if candidates.is_empty() {
        return ": nothing in it looks like a mention (no wording the claim's words or patterns find)".into();
    }
    let reasons: Vec<String> = candidates
        .iter()
        .map(|c| {
            let words = source.text.get(c.span.clone()).unwrap_or_default();
            match &c.verdict {
                Ok(value) => format!("'{words}' gives {value}"),
                Err(reason) => format!("'{words}': {reason}"),
            }
        })
        .collect();
    format!(": {}", reasons.join("; "))
}

/// Every example of every claim with what the engine made of it: each candidate kept or refused, and why (`factlint
/// test --verbose`).
pub fn explain_examples(rules: &RuleSet) -> String {
    let mut out = String::new();
    for claim in &rules.claims {
        if claim.kind.is_wording() {
            continue;
        }
        for example in &claim.examples {
            let Ok(mut source) = Source::in_memory("example", &example.text) else {
                continue;
            };
            source.published = example.published;
            out.push_str(&format!("[{}] {}\n", claim.id, example.text));
            let candidates = considered(claim, &source);
            if candidates.is_empty() {
                out.push_str("    no candidate\n");
            }
            for c in candidates {
                let words = source.text.get(c.span.clone()).unwrap_or_default();
                match c.verdict {
                    Ok(value) => out.push_str(&format!("    kept     '{words}': {value}\n")),
                    Err(reason) => out.push_str(&format!("    refused  '{words}': {reason}\n")),
                }
            }
        }
    }
    out
}

/// Runs one example; a failure is described at the example's place in the YAML.
fn check_example(
    rules: &RuleSet,
    index: usize,
    claim: &Claim,
    example: &Example,
) -> Option<RuleError> {
    let mut source = Source::in_memory("example", &example.text).ok()?;
    source.published = example.published;
    let mut warnings: Vec<Warning> = Vec::new();
    let found: Vec<Value> = if claim.kind.is_wording() {
        crate::extract::drift::claim_mentions(index, claim, std::slice::from_ref(&source))
            .into_iter()
            .map(crate::extract::drift::Placed::into_value)
            .collect()
    } else {
        claim_mentions(rules, index, &source, &mut warnings)
            .into_iter()
            .map(|m| m.value)
            .collect()
    };
    let values: Vec<String> = found.iter().map(Value::describe).collect();
    let problem = match &example.expect {
        Expectation::NoMention if !values.is_empty() => {
            format!("counterexample produced a mention: {}", values.join("; "))
        }
        Expectation::Mention(_) if values.is_empty() => {
            format!("example produced no mention{}", why_not(claim, &source))
        }
        Expectation::Mention(Some(expected))
            if found.iter().any(|value| !value.is_written(expected)) =>
        {
            format!(
                "example produced {}, expected {expected}",
                values.join("; ")
            )
        }
        _ => return None,
    };
    let label = match example.expect {
        Expectation::NoMention => "this counterexample",
        Expectation::Mention(_) => "this example",
    };
    Some(RuleError::at(
        &example.origin,
        format!("[{}] {problem}", claim.id),
        label,
        Some(format!("text: {:?}", example.text)),
    ))
}
