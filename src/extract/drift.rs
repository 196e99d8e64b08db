//! Names and quotations that drift: how `term` and `quote` claims join the pipeline.
//!
//! Their mentions are not pattern matches. Term mentions are a name's accepted forms, its near misses and its
//! confusables ([`crate::kinds::term`]); quote mentions are quotations that recur in other words or that fit a pinned
//! quotation ([`crate::kinds::quote`]). Each mention gets its [`Placement`](crate::model::Placement) when it is found, with the whole corpus at
//! hand (which group of quotations it belongs to, which wording of a name it is), and reconciliation only reads
//! placements ([`crate::reconcile`]).

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use super::in_context;
use crate::kinds::quote::QuoteValue;
use crate::kinds::term::TermValue;
use crate::kinds::{Placer, SourceCache, SourceText, Value};
use crate::rules::{Claim, RuleSet};
use crate::source::Source;
use crate::text::sentence::sentence_around;

/// The term and quote claims of a check, placing their mentions as the corpus goes by, one source at a time and in
/// corpus order: a source can be let go once it is added.
pub struct Wordings<'r> {
    placers: Vec<(usize, &'r Claim, Box<dyn Placer + 'r>)>,
    shared: SourceCache,
}

impl<'r> Wordings<'r> {
    /// The wording claims of `rules`, with nothing added yet.
    pub fn new(rules: &'r RuleSet) -> Wordings<'r> {
        Wordings::of(rules.claims.iter().enumerate())
    }

    /// The wording claims among `claims` (each with its index in the rule set).
    fn of(claims: impl Iterator<Item = (usize, &'r Claim)>) -> Wordings<'r> {
        let placers = claims
            .filter_map(|(index, claim)| claim.kind.placer().map(|p| (index, claim, p)))
            .collect();
        Wordings {
            placers,
            shared: SourceCache::default(),
        }
    }

    /// Takes in `source`, the source numbered `index` in the corpus; sources come in corpus order.
    pub fn add(&mut self, index: usize, source: &Source) {
        let text = SourceText {
            text: &source.text,
            body_start: source.body_start,
        };
        for (_, claim, placer) in &mut self.placers {
            let applies = |span: Range<usize>| claim_applies(claim, source, span);
            placer.add(index, text, &applies, &mut self.shared);
        }
        self.shared.next_source();
    }

    /// The mentions of every term and quote claim in the `count` sources added, indexed by source.
    pub fn finish(self, count: usize) -> Vec<Vec<Placed>> {
        let mut placed = self.finish_by_claim();
        (0..count).map(|source| placed.take(source)).collect()
    }

    /// The mentions of every term and quote claim in the sources added, to be taken a source at a time.
    pub fn finish_by_claim(self) -> PlacedByClaim {
        drop(self.shared);
        let claims = self
            .placers
            .into_iter()
            .map(|(claim, _, placer)| {
                let mut placed: Vec<Placed> = placer
                    .finish()
                    .map(|(source, span, value)| Placed::new(claim, source, span, value))
                    .collect();
                if !placed.is_sorted_by_key(|p| p.source) {
                    placed.sort_by_key(|p| p.source);
                }
                VecDeque::from(placed)
            })
            .collect();
        PlacedByClaim { claims }
    }
}

/// The mentions of the term and quote claims of a check, one list per claim in source order (each mention once,
/// without a list per source), handed out a source at a time in corpus order and let go as they are taken.
#[derive(Debug, Default)]
pub struct PlacedByClaim {
    claims: Vec<VecDeque<Placed>>,
}

impl PlacedByClaim {
    /// The mentions of source `source`, claim by claim, taken out. Sources are taken in corpus order: mentions of an
    /// earlier source not taken before are never given.
    pub fn take(&mut self, source: usize) -> Vec<Placed> {
        let mut taken = Vec::new();
        for placed in &mut self.claims {
            while let Some(first) = placed.front() {
                if first.source() > source {
                    break;
                }
                let first = placed.pop_front();
                taken.extend(first.filter(|p| p.source() == source));
            }
        }
        taken
    }

    /// Gives back the memory of the mentions taken, once they are half of a claim's list.
    pub fn shrink(&mut self) {
        for placed in &mut self.claims {
            if placed.len() < placed.capacity() / 2 {
                placed.shrink_to_fit();
            }
        }
    }
}

/// A term or quote mention placed across the corpus, before its source is checked again: only its claim, its
/// source, its words and its value, which is shared with the mentions of equal value (40 bytes). The whole corpus's wordings are held
/// at once between the two readings of the corpus, so each becomes a full [`super::Mention`] only when its source is
/// checked.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The words, in bytes of the source's text.
    pub span: Range<usize>,
    value: Wording,
    claim: u32,
    source: u32,
}

/// The value of a placed mention: a pointer to a term or quote value held once for the mentions of equal value,
/// where a [`Value`] would be as large as the largest kind's value.
#[derive(Debug, Clone)]
enum Wording {
    Term(Arc<TermValue>),
    Quote(Arc<QuoteValue>),
    /// The value of a kind that places its mentions and is neither a term nor a quote.
    Other(Box<Value>),
}

impl Placed {
    /// The mention of claim `claim` (index in the rule set) at `span` of source `source`, with `value`.
    pub fn new(claim: usize, source: usize, span: Range<usize>, value: Value) -> Placed {
        let value = match value {
            Value::Term(term) => Wording::Term(term),
            Value::Quote(quote) => Wording::Quote(quote),
            other => Wording::Other(Box::new(other)),
        };
        Placed {
            span,
            value,
            claim: u32::try_from(claim).unwrap_or(u32::MAX),
            source: u32::try_from(source).unwrap_or(u32::MAX),
        }
    }

    /// Index of its source in the corpus.
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// Index of the claim in the rule set.
    pub fn claim(&self) -> usize {
        self.claim as usize
    }

    /// The value, with its placement.
    pub fn into_value(self) -> Value {
        match self.value {
            Wording::Term(term) => Value::Term(term),
            Wording::Quote(quote) => Value::Quote(quote),
            Wording::Other(value) => *value,
        }
    }
}

/// The mentions of every term and quote claim in `sources`, indexed by source.
pub fn mentions_by_source(rules: &RuleSet, sources: &[Source]) -> Vec<Vec<Placed>> {
    let mut wordings = Wordings::new(rules);
    for (index, source) in sources.iter().enumerate() {
        wordings.add(index, source);
    }
    wordings.finish(sources.len())
}

/// The mentions of one claim in `sources` when it is a term or quote claim (none for other kinds): what a rule
/// example of such a claim is checked against.
pub fn claim_mentions(claim_index: usize, claim: &Claim, sources: &[Source]) -> Vec<Placed> {
    let mut wordings = Wordings::of(std::iter::once((claim_index, claim)));
    for (index, source) in sources.iter().enumerate() {
        wordings.add(index, source);
    }
    wordings
        .finish(sources.len())
        .into_iter()
        .flatten()
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
