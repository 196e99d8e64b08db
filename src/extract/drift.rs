//! Names and quotations that drift: how `term` and `quote` claims join the pipeline.
//!
//! Their mentions are not pattern matches. Term mentions are a name's accepted forms, its near misses and its
//! confusables ([`crate::kinds::term`]); quote mentions are quotations that recur in other words or that fit a pinned
//! quotation ([`crate::kinds::quote`]). Each mention gets its [`Placement`](crate::model::Placement) when it is found, with the whole corpus at
//! hand (which group of quotations it belongs to, which wording of a name it is), and reconciliation only reads
//! placements ([`crate::reconcile`]).

use std::collections::{HashMap, VecDeque};
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
            .map(|(claim, _, placer)| ClaimPlaces::of(claim, placer.finish()))
            .collect();
        PlacedByClaim { claims }
    }
}

/// The mentions of the term and quote claims of a check, one list per claim in source order (each mention once,
/// without a list per source), handed out a source at a time in corpus order and let go as they are taken.
#[derive(Debug, Default)]
pub struct PlacedByClaim {
    claims: Vec<ClaimPlaces>,
}

impl PlacedByClaim {
    /// The mentions of source `source`, claim by claim, taken out. Sources are taken in corpus order: mentions of an
    /// earlier source not taken before are never given.
    pub fn take(&mut self, source: usize) -> Vec<Placed> {
        let mut taken = Vec::new();
        for claim in &mut self.claims {
            while let Some(first) = claim.places.front() {
                if first.source as usize > source {
                    break;
                }
                let first = claim.places.pop_front();
                taken.extend(
                    first
                        .filter(|p| p.source as usize == source)
                        .map(|p| claim.placed(p)),
                );
            }
        }
        taken
    }

    /// Gives back the memory of the mentions taken, once they are half of a claim's list.
    pub fn shrink(&mut self) {
        for claim in &mut self.claims {
            if claim.places.len() < claim.places.capacity() / 2 {
                claim.places.shrink_to_fit();
            }
        }
    }
}

/// The mentions of one term or quote claim between the two readings of the corpus: each value once, and each
/// mention as its place and the number of its value (16 bytes a mention, where a [`Placed`] takes 40: at 1 GB of
/// dense coverage the claims have some 4 million mentions).
#[derive(Debug)]
struct ClaimPlaces {
    /// Index of the claim in the rule set.
    claim: u32,
    /// The values of the claim's mentions, each once.
    wordings: Vec<Wording>,
    /// The mentions, in source order.
    places: VecDeque<Place>,
    /// The spans whose start or length does not fit 32 bits, numbered by [`Place::start`].
    wide: Vec<Range<usize>>,
}

/// A term or quote mention of one claim as it is held between the two readings: its source, its bytes and the
/// number of its value among its claim's values.
#[derive(Debug, Clone, Copy)]
struct Place {
    source: u32,
    /// Where the words start, in bytes of the source's text; with `len` at [`WIDE`], the number of the span in
    /// [`ClaimPlaces::wide`].
    start: u32,
    len: u32,
    wording: u32,
}

/// The length of a [`Place`] whose span is held apart, in [`ClaimPlaces::wide`].
const WIDE: u32 = u32::MAX;

impl ClaimPlaces {
    /// The mentions of claim `claim` (index in the rule set) that its placer gives, sorted by source.
    fn of(
        claim: usize,
        found: Box<dyn Iterator<Item = (usize, Range<usize>, Value)>>,
    ) -> ClaimPlaces {
        let mut places = ClaimPlaces {
            claim: u32::try_from(claim).unwrap_or(u32::MAX),
            wordings: Vec::new(),
            places: VecDeque::new(),
            wide: Vec::new(),
        };
        // The number of each shared value given so far, by its address (held in `wordings`, so never reused).
        let mut numbers: HashMap<usize, u32> = HashMap::new();
        let mut list = Vec::with_capacity(found.size_hint().0);
        for (source, span, value) in found {
            let wording = places.number(value, &mut numbers);
            let (start, len) = places.span(span);
            list.push(Place {
                source: u32::try_from(source).unwrap_or(u32::MAX),
                start,
                len,
                wording,
            });
        }
        if !list.is_sorted_by_key(|p| p.source) {
            list.sort_by_key(|p| p.source);
        }
        places.places = VecDeque::from(list);
        places
    }

    /// The number of `value` among the claim's values: that of the same shared value given before, else a new one.
    fn number(&mut self, value: Value, numbers: &mut HashMap<usize, u32>) -> u32 {
        let address = match &value {
            Value::Term(term) => Some(Arc::as_ptr(term) as usize),
            Value::Quote(quote) => Some(Arc::as_ptr(quote) as usize),
            _ => None,
        };
        let next = u32::try_from(self.wordings.len()).unwrap_or(u32::MAX);
        if let Some(address) = address {
            if let Some(&number) = numbers.get(&address) {
                return number;
            }
            numbers.insert(address, next);
        }
        self.wordings.push(Wording::of(value));
        next
    }

    /// `span` as a start and a length of 32 bits each, or, when either does not fit, as the number of the span
    /// in `wide` and [`WIDE`].
    fn span(&mut self, span: Range<usize>) -> (u32, u32) {
        match (u32::try_from(span.start), u32::try_from(span.len())) {
            (Ok(start), Ok(len)) if len != WIDE => (start, len),
            _ => {
                self.wide.push(span);
                (u32::try_from(self.wide.len() - 1).unwrap_or(u32::MAX), WIDE)
            }
        }
    }

    /// The mention held as `place`, with its value.
    fn placed(&self, place: Place) -> Placed {
        let span = if place.len == WIDE {
            self.wide[place.start as usize].clone()
        } else {
            let start = place.start as usize;
            start..start + place.len as usize
        };
        Placed {
            span,
            value: self.wordings[place.wording as usize].clone(),
            claim: self.claim,
            source: place.source,
        }
    }
}

/// A term or quote mention placed across the corpus, handed to its source's check: only its claim, its source, its
/// words and its value, which is shared with the mentions of equal value. Between the two readings of the corpus
/// the mentions are held smaller still (a [`PlacedByClaim`]), and each becomes a full [`super::Mention`] only when
/// its source is checked.
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

impl Wording {
    /// `value`, held as a wording.
    fn of(value: Value) -> Wording {
        match value {
            Value::Term(term) => Wording::Term(term),
            Value::Quote(quote) => Wording::Quote(quote),
            other => Wording::Other(Box::new(other)),
        }
    }
}

impl Placed {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::term::TermForm;
    use crate::model::Placement;

    fn term(expected: &str) -> Arc<TermValue> {
        Arc::new(TermValue {
            form: TermForm::Accepted,
            expected: expected.into(),
            similarity: None,
            diff: None,
            wording: expected.into(),
            placement: Placement::default(),
        })
    }

    #[test]
    fn places_give_back_each_mention_whole_and_hold_each_value_once() {
        let (cnsp, council) = (term("CNSP"), term("the council"));
        let wide = 5_000_000_000..5_000_000_004;
        let found = vec![
            (2, 10..14, Value::Term(Arc::clone(&cnsp))),
            (0, 3..14, Value::Term(Arc::clone(&council))),
            (2, wide.clone(), Value::Term(Arc::clone(&cnsp))),
            (0, 20..24, Value::Term(Arc::clone(&cnsp))),
        ];
        let places = ClaimPlaces::of(7, Box::new(found.into_iter()));
        assert_eq!(places.wordings.len(), 2);
        assert_eq!(places.wide, std::slice::from_ref(&wide));
        let mut by_claim = PlacedByClaim {
            claims: vec![places],
        };
        let described = |placed: Vec<Placed>| -> Vec<(usize, usize, Range<usize>, Value)> {
            placed
                .into_iter()
                .map(|p| (p.claim(), p.source(), p.span.clone(), p.into_value()))
                .collect()
        };
        assert_eq!(
            described(by_claim.take(0)),
            [
                (7, 0, 3..14, Value::Term(Arc::clone(&council))),
                (7, 0, 20..24, Value::Term(Arc::clone(&cnsp))),
            ]
        );
        assert!(by_claim.take(1).is_empty());
        assert_eq!(
            described(by_claim.take(2)),
            [
                (7, 2, 10..14, Value::Term(Arc::clone(&cnsp))),
                (7, 2, wide, Value::Term(cnsp)),
            ]
        );
    }
}
