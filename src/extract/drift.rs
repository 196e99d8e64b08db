//! Names and quotations that drift: how `term` and `quote` claims join the pipeline.
//!
//! Their mentions are not pattern matches. Term mentions are a name's accepted forms, its near misses and its
//! confusables ([`crate::kinds::term`]); quote mentions are quotations that recur in other words or that fit a pinned
//! quotation ([`crate::kinds::quote`]). Each mention gets its [`Placement`] when it is found, with the whole corpus at
//! hand (which group of quotations it belongs to, which wording of a name it is), and reconciliation only reads
//! placements ([`crate::reconcile`]).

use std::collections::BTreeMap;

use super::{in_context, Mention};
use crate::kinds::quote::{self, Quoted};
use crate::kinds::term::{wording_key, TermRule};
use crate::kinds::Value;
use crate::model::Placement;
use crate::rules::{Claim, ClaimKind, RuleSet};
use crate::source::Source;
use crate::text::sentence::sentence_around;

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
                    .flat_map(|(i, s)| Quoted::all_in(i, &s.text, s.body_start))
                    .collect()
            });
            let kept: Vec<&Quoted> = all
                .iter()
                .filter(|q| claim_applies(claim, &sources[q.source], q.quotation.span.clone()))
                .collect();
            quote::mentions(rule, &kept)
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
