//! Extraction: finds every match of every claim's patterns in a source.
//!
//! All patterns of a rule set are searched in one pass ([`scan`]); the result is, pattern by pattern, what a
//! search of that pattern alone would give. A match is kept only when its sentence ([`crate::text::sentence`]) matches one of
//! the claim's `context` patterns (if it has any) and none of its `unless` patterns, and only once: when patterns of
//! one claim overlap on the same words, the earliest, longest match wins. For polarity claims a `deny` match always
//! wins over an `affirm` match of the same words, since "does not mark the end" contains "mark the end".

pub mod drift;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use crate::kinds::{Kind, Sharing, Value};
use crate::model::time::{TimeSpan, CURRENT};
use crate::model::{Match, Polarity, Position, Unparsed};
use crate::rules::{Claim, RuleSet};
use crate::scan;
use crate::source::Source;
use crate::text::sentence::sentence_around;

/// One mention of a claim in a source, normalised.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Position in [`Checked::mentions`](crate::check::Checked::mentions); findings refer to mentions by it.
    pub id: usize,
    /// Index of the claim in the rule set.
    pub claim: usize,
    /// Index of the source in [`Checked::sources`](crate::check::Checked::sources).
    pub source: usize,
    /// The whole match, in bytes of the source's text.
    pub span: Range<usize>,
    /// Where the match starts.
    pub start: Position,
    /// Where the match ends (the place just after its last character).
    pub end: Position,
    /// The matched words, as the source writes them; a check shares one copy between the mentions that write the
    /// same words.
    pub text: Arc<str>,
    /// The normalised value.
    pub value: Value,
    /// When the value holds: the as-of date of a quantity, else the publication; `None` when unknown.
    pub time: Option<TimeSpan>,
    /// Where the wording places the value among the values of its time ([`CURRENT`] unless it marks an earlier
    /// figure or a revision).
    pub rank: u8,
    /// The part of the whole the mention counts, for claims with a `scope` ("remaining"); `None` for the whole.
    /// Mentions are reconciled only with mentions of the same scope.
    pub scope: Option<String>,
}

impl Mention {
    /// A mention of `claim` at `span` of source `source`, with its words and places not filled in yet (the check
    /// fills them, and numbers the mention).
    pub fn unplaced(claim: usize, source: usize, span: Range<usize>, value: Value) -> Mention {
        Mention {
            id: 0,
            claim,
            source,
            span,
            start: Position::default(),
            end: Position::default(),
            text: Arc::default(),
            value,
            time: None,
            rank: CURRENT,
            scope: None,
        }
    }

    /// The same mention, as a part named by `scope`.
    pub fn scoped(self, scope: Option<String>) -> Mention {
        Mention { scope, ..self }
    }

    /// The same mention, holding at `time` with `rank`.
    pub fn at(self, time: Option<TimeSpan>, rank: u8) -> Mention {
        Mention { time, rank, ..self }
    }
}

/// What reconciliation reads of a mention: its id, claim, source, value, time, rank and scope, never its place or
/// words. Both a whole [`Mention`] and what a check holds of one ([`Held`]) give it, so that findings are made the
/// same way from either.
pub trait Stated {
    /// The mention's id ([`Mention::id`]).
    fn id(&self) -> usize;
    /// Index of its claim in the rule set.
    fn claim(&self) -> usize;
    /// Index of its source.
    fn source(&self) -> usize;
    /// Its normalised value.
    fn value(&self) -> &Value;
    /// When the value holds ([`Mention::time`]).
    fn time(&self) -> Option<TimeSpan>;
    /// Where the wording places the value among the values of its time ([`Mention::rank`]).
    fn rank(&self) -> u8;
    /// The part of the whole the mention counts ([`Mention::scope`]).
    fn scope(&self) -> Option<&str>;
}

impl<T: Stated + ?Sized> Stated for &T {
    fn id(&self) -> usize {
        (**self).id()
    }
    fn claim(&self) -> usize {
        (**self).claim()
    }
    fn source(&self) -> usize {
        (**self).source()
    }
    fn value(&self) -> &Value {
        (**self).value()
    }
    fn time(&self) -> Option<TimeSpan> {
        (**self).time()
    }
    fn rank(&self) -> u8 {
        (**self).rank()
    }
    fn scope(&self) -> Option<&str> {
        (**self).scope()
    }
}

impl Stated for Mention {
    fn id(&self) -> usize {
        self.id
    }
    fn claim(&self) -> usize {
        self.claim
    }
    fn source(&self) -> usize {
        self.source
    }
    fn value(&self) -> &Value {
        &self.value
    }
    fn time(&self) -> Option<TimeSpan> {
        self.time
    }
    fn rank(&self) -> u8 {
        self.rank
    }
    fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }
}

/// What a mention states, apart from where: the part of a mention that reconciliation compares, and of which claim.
/// Dense coverage states the same few things again and again, so a check holds each once ([`Sharing`]) for all the
/// mentions that state it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// Index of the claim in the rule set ([`Mention::claim`]), in 32 bits.
    pub claim: u32,
    /// The normalised value ([`Mention::value`]).
    pub value: Value,
    /// When the value holds ([`Mention::time`]).
    pub time: Option<TimeSpan>,
    /// Where the wording places the value among the values of its time ([`Mention::rank`]).
    pub rank: u8,
    /// The part of the whole the mention counts ([`Mention::scope`]).
    pub scope: Option<String>,
}

impl Said {
    /// What `mention` states.
    pub fn of(mention: &Mention) -> Said {
        Said {
            claim: u32::try_from(mention.claim).unwrap_or(u32::MAX),
            value: mention.value.clone(),
            time: mention.time,
            rank: mention.rank,
            scope: mention.scope.clone(),
        }
    }

    /// Held once for the mentions that state the same: equal statements share one copy through `sharing`.
    pub fn shared(self, sharing: &mut Sharing<Said>) -> Arc<Said> {
        let value = match &self.value {
            Value::Term(term) => Arc::as_ptr(term) as usize,
            Value::Quote(quote) => Arc::as_ptr(quote) as usize,
            _ => 0,
        };
        let time = self.time.map(|t| (t.start, t.end));
        let key = (
            self.claim,
            self.value.key(),
            value,
            time,
            self.rank,
            self.scope.clone(),
        );
        sharing.share_by(self, key)
    }
}

/// Where a mention is and its words: what reports print of it beside what it states.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The whole match ([`Mention::span`]).
    pub span: Range<usize>,
    /// Where the match starts.
    pub start: Position,
    /// Where the match ends.
    pub end: Position,
    /// The matched words.
    pub text: Arc<str>,
}

impl Place {
    /// The place of `mention`.
    pub fn of(mention: &Mention) -> Place {
        Place {
            span: mention.span.clone(),
            start: mention.start,
            end: mention.end,
            text: Arc::clone(&mention.text),
        }
    }
}

/// What a check keeps of a mention while it checks the corpus and reconciles its mentions: its source and the
/// number of what it states in the list of statements beside it ([`HeldTable`]), 8 bytes a mention; its id is its
/// position. Its place and words are kept apart ([`crate::check::Mentions`]) until a report asks for them.
#[derive(Debug, Clone, Copy)]
struct Kept {
    source: u32,
    said: u32,
}

/// The mentions of a check as reconciliation compares them, indexed by id: for each, its source and what it states,
/// each statement held once in a table of the distinct statements. Ids, sources and statements are counted in 32
/// bits: four billion mentions would hold 32 GB here alone, and a corpus of four billion sources does not fit in
/// memory either.
#[derive(Debug, Clone, Default)]
pub struct HeldTable {
    kept: Vec<Kept>,
    said: Vec<Arc<Said>>,
    /// The number in `said` of each statement, by its address.
    numbers: HashMap<usize, u32>,
}

impl HeldTable {
    /// Appends `mention` (whose id must be [`HeldTable::len`]) with its statement `said`: mentions given the same
    /// `Arc` share one entry of the table (see [`Said::shared`]).
    pub fn push(&mut self, mention: &Mention, said: Arc<Said>) {
        let count = self.said.len();
        let number = *self
            .numbers
            .entry(Arc::as_ptr(&said) as usize)
            .or_insert_with(|| u32::try_from(count).unwrap_or(u32::MAX));
        if number as usize == count {
            self.said.push(said);
        }
        self.kept.push(Kept {
            source: u32::try_from(mention.source).unwrap_or(u32::MAX),
            said: number,
        });
    }

    /// How many mentions there are.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The mentions, to be read one by one.
    pub fn list(&self) -> HeldList<'_> {
        HeldList {
            kept: &self.kept,
            said: &self.said,
        }
    }
}

/// The mentions of a [`HeldTable`], read as [`Held`]s: a copy of it is two references.
#[derive(Debug, Clone, Copy)]
pub struct HeldList<'m> {
    kept: &'m [Kept],
    said: &'m [Arc<Said>],
}

impl<'m> HeldList<'m> {
    /// How many mentions there are.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The mention `id`, or `None` when there is no such mention.
    pub fn get(&self, id: usize) -> Option<Held<'m>> {
        let kept = self.kept.get(id)?;
        Some(Held {
            id: id as u32,
            source: kept.source,
            said: &self.said[kept.said as usize],
        })
    }

    /// The mention `id`.
    ///
    /// # Panics
    ///
    /// When there is no such mention, as indexing a list would.
    pub fn at(&self, id: usize) -> Held<'m> {
        self.get(id)
            .unwrap_or_else(|| panic!("no mention {id} among {}", self.len()))
    }

    /// Every mention, in id order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = Held<'m>> + ExactSizeIterator + Clone + 'm {
        let said = self.said;
        self.kept.iter().enumerate().map(move |(id, kept)| Held {
            id: id as u32,
            source: kept.source,
            said: &said[kept.said as usize],
        })
    }
}

impl<'m> IntoIterator for HeldList<'m> {
    type Item = Held<'m>;
    type IntoIter = Box<dyn Iterator<Item = Held<'m>> + 'm>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// One mention of a [`HeldList`]: its id and source, and its claim with what it states, shared with the mentions of
/// the claim that state the same.
#[derive(Debug, Clone, Copy)]
pub struct Held<'m> {
    id: u32,
    source: u32,
    said: &'m Arc<Said>,
}

impl<'m> Held<'m> {
    /// What the mention states, shared with the mentions that state the same.
    pub fn said(&self) -> &'m Arc<Said> {
        self.said
    }

    /// The whole mention, from what is held and its place.
    pub fn mention(&self, place: Place) -> Mention {
        Mention {
            id: self.id(),
            claim: self.claim(),
            source: self.source(),
            span: place.span,
            start: place.start,
            end: place.end,
            text: place.text,
            value: self.said.value.clone(),
            time: self.said.time,
            rank: self.said.rank,
            scope: self.said.scope.clone(),
        }
    }
}

impl Stated for Held<'_> {
    fn id(&self) -> usize {
        self.id as usize
    }
    fn claim(&self) -> usize {
        self.said.claim as usize
    }
    fn source(&self) -> usize {
        self.source as usize
    }
    fn value(&self) -> &Value {
        &self.said.value
    }
    fn time(&self) -> Option<TimeSpan> {
        self.said.time
    }
    fn rank(&self) -> u8 {
        self.said.rank
    }
    fn scope(&self) -> Option<&str> {
        self.said.scope.as_deref()
    }
}

/// Normalises one match of a claim of `kind` (a claim's [`Claim::kind`]) in `source`: the kind turns its words
/// into a value.
pub fn normalize(
    kind: &(impl AsRef<dyn Kind> + ?Sized),
    source: &Source,
    found: &Match,
) -> Result<Value, Unparsed> {
    kind.as_ref().value(&source.text, source.published, found)
}

/// The matches of every claim of `rules` in `source`: one list per claim, in rule order, each in text order.
pub fn find_all(rules: &RuleSet, source: &Source) -> Vec<Vec<Match>> {
    let body = source.body();
    let mut candidates: Vec<Vec<Match>> = vec![Vec::new(); rules.claims.len()];
    for found in rules.scanner().scan(body) {
        let owner = rules.pattern_owner(found.pattern);
        candidates[owner.claim].push(placed(source, found.span, found.value, owner.polarity));
    }
    candidates
        .into_iter()
        .zip(&rules.claims)
        .map(|(found, claim)| finish(claim, source, found))
        .collect()
}

/// The matches of one claim in `source`, in text order, found the plain way: one search per pattern and paragraph
/// ([`scan::paragraphs`]). The same as that claim's list from [`find_all`], by another road.
pub fn find_matches(claim: &Claim, source: &Source) -> Vec<Match> {
    finish(claim, source, searched(claim, source))
}

/// Every match of every pattern of `claim` in `source`, one search per pattern and paragraph, before any is judged.
fn searched(claim: &Claim, source: &Source) -> Vec<Match> {
    let body = source.body();
    let mut found = Vec::new();
    for (regexes, polarity) in claim.kind.pattern_lists() {
        for pattern in regexes {
            let matches = scan::matches_by_paragraph(pattern.regex(), pattern.value_group(), body);
            found.extend(matches.map(|(whole, value)| placed(source, whole, value, polarity)));
        }
    }
    found
}

/// A match of a pattern in the body of `source` (`whole`, and its `value` group if any, in bytes of the body) as a
/// [`Match`] in bytes of the source: its leading separators dropped, the whole match standing for a missing
/// `value`, and its sentence found.
fn placed(
    source: &Source,
    whole: Range<usize>,
    value: Option<Range<usize>>,
    polarity: Option<Polarity>,
) -> Match {
    let body = source.body();
    let whole = trim_leading_separators(body, whole);
    let value = value.unwrap_or_else(|| whole.clone());
    Match {
        span: shift(&whole, source.body_start),
        value: shift(&value, source.body_start),
        sentence: shift(&sentence_around(body, whole), source.body_start),
        polarity,
        scope: None,
    }
}

/// Keeps the candidates of one claim that are in context and that its kind accepts ([`Kind::judge`]), once each.
/// A sentence where the kind can keep nothing ([`Kind::may_keep`]) is tested once for its run of candidates.
fn finish(claim: &Claim, source: &Source, found: Vec<Match>) -> Vec<Match> {
    let mut last: Option<(Range<usize>, bool)> = None;
    let mut may_keep = |sentence: &Range<usize>| match &last {
        Some((seen, verdict)) if seen == sentence => *verdict,
        _ => {
            let verdict = claim.kind.may_keep(&source.text[sentence.clone()]);
            last = Some((sentence.clone(), verdict));
            verdict
        }
    };
    let judged = found
        .into_iter()
        .filter(|m| may_keep(&m.sentence))
        .filter(|m| in_context(claim, &source.text[m.sentence.clone()]))
        .filter_map(|m| claim.kind.judge(&source.text, m).ok())
        .collect();
    keep_first_of_overlaps(judged)
}

/// What became of one candidate match of a claim: kept, or refused and why.
#[derive(Debug, Clone)]
pub struct Considered {
    /// The candidate's words, in bytes of the source's text (after the kind's judgement, for a kept one).
    pub span: Range<usize>,
    /// `Ok` with the value's description, or the reason the candidate was refused.
    pub verdict: Result<String, String>,
}

/// Every candidate of `claim` in `source` and what became of it, in text order: for `explain --text` and `test
/// --verbose`, which say why a sentence gives no mention. Two candidates that the kind's judgement makes the same
/// mention ("toll from the Aug. 8 quake stands at 640" moves on from 8 to 640, which another pattern found) are
/// listed once.
pub fn considered(claim: &Claim, source: &Source) -> Vec<Considered> {
    let mut seen = std::collections::HashSet::new();
    let mut all = judged_candidates(claim, source);
    all.retain(|c| seen.insert((c.span.clone(), c.verdict.clone())));
    all
}

/// [`considered`], before the same verdicts on the same words are listed once.
fn judged_candidates(claim: &Claim, source: &Source) -> Vec<Considered> {
    let mut candidates = searched(claim, source);
    candidates.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    candidates.dedup_by(|a, b| a.span == b.span);
    let kept = find_matches(claim, source);
    candidates
        .into_iter()
        .map(|m| {
            let sentence = &source.text[m.sentence.clone()];
            if !in_context(claim, sentence) {
                return Considered {
                    span: m.span,
                    verdict: Err(
                        "the sentence is out of the claim's `context`, or matches its `unless`"
                            .into(),
                    ),
                };
            }
            let span = m.span.clone();
            match claim.kind.judge(&source.text, m) {
                Err(reason) => Considered {
                    span,
                    verdict: Err(reason),
                },
                Ok(judged) if !kept.contains(&judged) => Considered {
                    span: judged.span,
                    verdict: Err(
                        "overlaps another mention of the claim, which is kept instead".into(),
                    ),
                },
                Ok(judged) => {
                    let verdict = match normalize(&claim.kind, source, &judged) {
                        Ok(value) => Ok(match &judged.scope {
                            Some(scope) => format!("{} (scope: {scope})", value.describe()),
                            None => value.describe(),
                        }),
                        Err(unparsed) => Err(format!(
                            "'{}' is not a {} phrase",
                            unparsed.text,
                            claim.kind.name()
                        )),
                    };
                    Considered {
                        span: judged.span,
                        verdict,
                    }
                }
            }
        })
        .collect()
}

/// Drops the punctuation and spaces that a pattern may match before its words (", in March 2024"), so that the
/// mention starts at a word.
fn trim_leading_separators(body: &str, range: Range<usize>) -> Range<usize> {
    let text = &body[range.clone()];
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || ",;:".contains(c));
    range.start + (text.len() - trimmed.len())..range.end
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// True when the sentence is about the claim's subject (`context`) and not vetoed (`unless`).
pub fn in_context(claim: &Claim, sentence: &str) -> bool {
    let about = claim.context.is_empty() || claim.context.iter().any(|re| re.is_match(sentence));
    about && !claim.unless.iter().any(|re| re.is_match(sentence))
}

/// Drops matches that overlap an earlier-kept one. Deny matches are ranked first, then by position and length,
/// so a denial is never shadowed by the affirmation it contains. Kept spans never overlap, so each candidate is
/// checked against its neighbours among them only.
fn keep_first_of_overlaps(mut candidates: Vec<Match>) -> Vec<Match> {
    candidates.sort_by_key(|m| {
        (
            m.polarity != Some(Polarity::Deny),
            m.span.start,
            std::cmp::Reverse(m.span.end),
        )
    });
    let mut kept: BTreeMap<(usize, usize), Match> = BTreeMap::new();
    for candidate in candidates {
        let before = kept.range(..(candidate.span.end, 0)).next_back();
        if before.is_none_or(|(_, k)| k.span.end <= candidate.span.start) {
            kept.insert((candidate.span.start, candidate.span.end), candidate);
        }
    }
    kept.into_values().collect()
}
