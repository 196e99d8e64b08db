//! Names and quotations that drift: how `term` and `quote` claims join the pipeline.
//!
//! Their mentions are not pattern matches. Term mentions are a name's accepted forms, its near misses and its
//! confusables ([`crate::kinds::term`]); quote mentions are quotations that recur in other words or that fit a pinned
//! quotation ([`crate::kinds::quote`]). Each mention gets its [`Placement`](crate::model::Placement) when it is found, with the whole corpus at
//! hand (which group of quotations it belongs to, which wording of a name it is), and reconciliation only reads
//! placements ([`crate::reconcile`]).

use std::ops::Range;

use super::{in_context, Mention};
use crate::kinds::{CorpusCache, SourceText};
use crate::rules::{Claim, RuleSet};
use crate::source::Source;
use crate::text::sentence::sentence_around;

/// The mentions of every term and quote claim in `sources`, indexed by source (ids are set by the caller).
pub fn mentions_by_source(rules: &RuleSet, sources: &[Source]) -> Vec<Vec<Mention>> {
    let texts = texts(sources);
    let mut corpus = CorpusCache::default();
    let mut by_source: Vec<Vec<Mention>> = vec![Vec::new(); sources.len()];
    for (claim_index, claim) in rules.claims.iter().enumerate() {
        for found in claim_mentions_with(claim_index, claim, sources, &texts, &mut corpus) {
            by_source[found.source].push(found);
        }
    }
    by_source
}

/// The mentions of one claim in `sources` when it is a term or quote claim (none for other kinds): what a rule
/// example of such a claim is checked against.
pub fn claim_mentions(claim_index: usize, claim: &Claim, sources: &[Source]) -> Vec<Mention> {
    claim_mentions_with(
        claim_index,
        claim,
        sources,
        &texts(sources),
        &mut CorpusCache::default(),
    )
}

/// [`claim_mentions`], with what every claim of the check shares (`corpus`).
fn claim_mentions_with<'s>(
    claim_index: usize,
    claim: &Claim,
    sources: &'s [Source],
    texts: &[SourceText<'s>],
    corpus: &mut CorpusCache<'s>,
) -> Vec<Mention> {
    let applies = |source: usize, span: Range<usize>| claim_applies(claim, &sources[source], span);
    claim
        .kind
        .place(texts, &applies, corpus)
        .into_iter()
        .map(|(source, span, value)| Mention::unplaced(claim_index, source, span, value))
        .collect()
}

/// The sources as kinds see them.
fn texts(sources: &[Source]) -> Vec<SourceText<'_>> {
    sources
        .iter()
        .map(|s| SourceText {
            text: &s.text,
            body_start: s.body_start,
        })
        .collect()
}

/// True when the sentence around `span` (bytes of the source's text) passes the claim's `context` and `unless`.
fn claim_applies(claim: &Claim, source: &Source, span: Range<usize>) -> bool {
    let body = source.body();
    let local =
        span.start.saturating_sub(source.body_start)..span.end.saturating_sub(source.body_start);
    let sentence = sentence_around(body, local.start.min(body.len())..local.end.min(body.len()));
    in_context(claim, &body[sentence])
}
