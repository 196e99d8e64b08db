//! Names and quotations that drift: how `term` and `quote` claims join the pipeline.
//!
//! Their mentions are not pattern matches. Term mentions are a name's accepted forms, its near misses and its
//! confusables ([`crate::terms`]); quote mentions are quotations that recur in other words or that fit a pinned
//! quotation ([`crate::quotes`]). Each mention gets its [`Placement`] when it is found, with the whole corpus at
//! hand (which group of quotations it belongs to, which wording of a name it is), and reconciliation only reads
//! placements: a group holding a mention that departs from its reference is a conflict, every other mention is the
//! claim's agreement. No two mentions are compared there, so many quotations cost no more than their grouping.

use std::collections::BTreeMap;

use crate::check::Mention;
use crate::extract::{in_context, sentence_around};
use crate::normalize::Value;
use crate::quotes::{self, Quoted};
use crate::reconcile::{assemble, count_mentions, Finding, FindingKind};
use crate::rules::{Claim, ClaimKind, RuleSet};
use crate::source::Source;
use crate::terms::{wording_key, TermRule};

/// Where a term or quote mention stands among its claim's mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    /// Mentions of one group are reported together: one wording of a name, or one quotation.
    pub group: usize,
    /// Mentions of one side say the same thing (the same form, wordings that agree).
    pub side: usize,
    /// True when the mention departs from its reference (a near miss, a confusable, a drifted quotation).
    pub drifted: bool,
}

/// A diff that replaces all of `old` with `new`, for wordings too far apart for a word diff.
pub fn whole_replacement(old: &str, new: &str) -> String {
    format!("[-{old}-]{{+{new}+}}")
}

/// The mentions of every term and quote claim in `sources`, indexed by source (ids are set by the caller).
pub fn mentions_by_source(rules: &RuleSet, sources: &[Source]) -> Vec<Vec<Mention>> {
    let mut quoted = None;
    let mut by_source: Vec<Vec<Mention>> = vec![Vec::new(); sources.len()];
    for (claim_index, claim) in rules.claims.iter().enumerate() {
        for found in claim_mentions_with(claim_index, claim, sources, &mut quoted) {
            by_source[found.source].push(found);
        }
    }
    by_source
}

/// The mentions of one claim in `sources` when it is a term or quote claim (none for other kinds): what a rule
/// example of such a claim is checked against.
pub fn claim_mentions(claim_index: usize, claim: &Claim, sources: &[Source]) -> Vec<Mention> {
    claim_mentions_with(claim_index, claim, sources, &mut None)
}

/// [`claim_mentions`], with the corpus's quotations found once for every quote claim (`quoted`).
fn claim_mentions_with<'s>(
    claim_index: usize,
    claim: &Claim,
    sources: &'s [Source],
    quoted: &mut Option<Vec<Quoted<'s>>>,
) -> Vec<Mention> {
    match &claim.kind {
        ClaimKind::Term(rule) => term_mentions(claim_index, claim, rule, sources),
        ClaimKind::Quote(rule) => {
            let all = quoted.get_or_insert_with(|| {
                sources
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| Quoted::all_in(i, s))
                    .collect()
            });
            let kept: Vec<&Quoted> = all
                .iter()
                .filter(|q| claim_applies(claim, &sources[q.source], q.quotation.span.clone()))
                .collect();
            quotes::mentions(rule, &kept)
                .into_iter()
                .map(|m| {
                    let source = kept[m.quoted].source;
                    mention(claim_index, source, m.span, Value::Quote(Box::new(m.value)))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

fn mention(claim: usize, source: usize, span: std::ops::Range<usize>, value: Value) -> Mention {
    Mention::unplaced(claim, source, span, value)
}

/// True when the sentence around `span` (bytes of the source's text) passes the claim's `context` and `unless`.
fn claim_applies(claim: &Claim, source: &Source, span: std::ops::Range<usize>) -> bool {
    let body = source.body();
    let local =
        span.start.saturating_sub(source.body_start)..span.end.saturating_sub(source.body_start);
    let sentence = sentence_around(body, local.start.min(body.len())..local.end.min(body.len()));
    in_context(claim, &body[sentence])
}

/// The hits of a term claim in every source, placed: accepted forms in one group each, every departing wording in a
/// group of its own (numbered after the forms, in order of first appearance).
fn term_mentions(
    claim_index: usize,
    claim: &Claim,
    rule: &TermRule,
    sources: &[Source],
) -> Vec<Mention> {
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for (source_index, source) in sources.iter().enumerate() {
        for mut hit in rule.hits(source.body(), source.body_start) {
            if !claim_applies(claim, source, hit.span.clone()) {
                continue;
            }
            let value = &mut hit.value;
            let key = if value.departs() {
                format!("{:?} {}", value.form, wording_key(&value.wording))
            } else {
                format!("{:?} {}", value.form, value.expected)
            };
            let next = groups.len();
            let group = *groups.entry(key).or_insert(next);
            value.placement = Placement {
                group,
                side: 0,
                drifted: value.departs(),
            };
            found.push(mention(
                claim_index,
                source_index,
                hit.span,
                Value::Term(Box::new(hit.value)),
            ));
        }
    }
    found
}

/// The findings of a term or quote claim from its mentions' placements: one conflict per group that holds a
/// departing mention (its sides by placement), then one agreement for every other mention.
pub fn findings(claim_index: usize, claim: &Claim, mentions: &[&Mention]) -> Vec<Finding> {
    let groups = in_order_of_appearance(mentions, |p| (p.group, 0));
    let mut found = Vec::new();
    let mut agreeing = Vec::new();
    for members in groups {
        if members
            .iter()
            .any(|m| m.value.placement().is_some_and(|p| p.drifted))
        {
            found.push(finding(claim_index, claim, FindingKind::Conflict, &members));
        } else {
            agreeing.extend(members);
        }
    }
    if !agreeing.is_empty() {
        agreeing.sort_by_key(|m| m.id);
        found.push(finding(
            claim_index,
            claim,
            FindingKind::Agreement,
            &agreeing,
        ));
    }
    found
}

/// `mentions` bucketed by a key of their placement, buckets in order of their first mention.
fn in_order_of_appearance<'m>(
    mentions: &[&'m Mention],
    key: impl Fn(Placement) -> (usize, usize),
) -> Vec<Vec<&'m Mention>> {
    let mut slots: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut buckets: Vec<Vec<&Mention>> = Vec::new();
    for &m in mentions {
        let Some(placement) = m.value.placement() else {
            continue;
        };
        let slot = *slots.entry(key(placement)).or_insert_with(|| {
            buckets.push(Vec::new());
            buckets.len() - 1
        });
        buckets[slot].push(m);
    }
    buckets
}

fn finding(claim_index: usize, claim: &Claim, kind: FindingKind, members: &[&Mention]) -> Finding {
    let sides = in_order_of_appearance(members, |p| (p.group, p.side));
    let described: Vec<String> = sides
        .iter()
        .map(|side| format!("{} ({})", side[0].value.describe(), count_mentions(side)))
        .collect();
    let message = match (kind, described.len()) {
        (FindingKind::Agreement, _) => {
            let values: Vec<String> = sides.iter().map(|side| side[0].value.describe()).collect();
            format!(
                "{}: {} agree: {}",
                claim.title,
                count_mentions(members),
                values.join("; ")
            )
        }
        (_, 1) => format!("{}: {}", claim.title, described[0]),
        _ => format!(
            "{}: sources disagree: {}",
            claim.title,
            described.join(" vs ")
        ),
    };
    assemble(claim_index, claim, kind, message, members, &sides)
}
