//! The pipeline: sources -> extraction -> normalisation -> reconciliation, producing everything a report needs.
//!
//! Sources are read a batch at a time (on as many threads as asked), and each is let go once its mentions are
//! extracted (rule sets with term or quote claims read the corpus twice: once to place their wordings, once to
//! check): a mention keeps its own words and places, so that reports need no source text except to draw
//! snippets, which read the few sources they show again. Results are gathered in corpus order, so the output is the
//! same whatever the number of threads.

mod mentions;

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::extract::drift::{Placed, PlacedByClaim, Wordings};
use crate::extract::{find_all, normalize, Mention, Said};
use crate::kinds::date::single_day;
use crate::kinds::quantity::Revision;
use crate::kinds::{Sharing, Value};
use crate::model::time::{TimeSpan, CURRENT};
use crate::model::{Finding, FindingKind, Match, Position, Severity, Warning, WarningKind};
use crate::reconcile::reconcile;
use crate::rules::{Claim, RuleSet};
use crate::source::{Corpus, PendingSource, Source, SourceInfo};
use crate::suppress;

pub use mentions::Mentions;

/// The result of checking a corpus against a rule set.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The sources that were read, sorted by path.
    pub sources: Vec<SourceInfo>,
    /// Every mention, in corpus order (source, then position, then claim).
    pub mentions: Mentions,
    /// Findings, claim by claim in rule order: conflicts, then changes, then the agreement.
    pub findings: Vec<Finding>,
    /// Warnings, in corpus order: unreadable sources first.
    pub warnings: Vec<Warning>,
    /// How many mentions `factlint-ignore` markers silenced.
    pub suppressed: usize,
}

impl Checked {
    /// For each source, true when it has no publication date (its figures are placed in time only by their own
    /// date phrases): what [`reconcile`] needs to know of the sources.
    pub fn undated(&self) -> Vec<bool> {
        self.sources.iter().map(|s| s.published.is_none()).collect()
    }

    /// True when some conflict is at or above `threshold`: the check fails (exit code 1).
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings
            .iter()
            .any(|f| f.kind == FindingKind::Conflict && f.severity >= threshold)
    }

    /// Extracts one more source (a draft, typically) and appends it with its mentions, numbered after the others;
    /// returns its index. Findings are left as they were: reconcile again ([`crate::reconcile::reconcile`]), or
    /// keep what concerns the new source ([`crate::draft::check_draft`]).
    pub fn append_source(&mut self, rules: &RuleSet, source: &Source) -> usize {
        let index = self.sources.len();
        let found = check_source(rules, source, Vec::new());
        self.absorb(index, found);
        index
    }

    /// The mentions of one more source, numbered as [`Checked::append_source`] would number them (ids after the
    /// existing mentions, the next source index), without appending anything: for checking a text against the same
    /// corpus again and again, as an editor does on every change.
    pub fn mentions_beside(&self, rules: &RuleSet, source: &Source) -> Vec<Mention> {
        let found = check_source(rules, source, Vec::new());
        numbered(found.mentions, self.mentions.len(), self.sources.len()).collect()
    }

    /// Appends one source's results, numbering its mentions after the existing ones.
    fn absorb(&mut self, index: usize, found: SourceCheck) {
        self.absorb_sharing(index, found, &mut Shared::default());
    }

    /// Appends one source's results as [`Checked::absorb`] does, with what its mentions state and its outlet
    /// shared through `shared` with the sources absorbed before. Its strings and its warnings' are copied on this
    /// thread ([`SourceInfo::kept`]).
    fn absorb_sharing(&mut self, index: usize, found: SourceCheck, shared: &mut Shared) {
        let first_id = self.mentions.len();
        for mention in numbered(found.mentions, first_id, index) {
            self.mentions.push(mention, &mut shared.said);
        }
        self.warnings
            .extend(found.warnings.into_iter().map(|warning| Warning {
                path: warning.path.as_str().to_owned(),
                message: warning.message.as_str().to_owned(),
                ..warning
            }));
        self.suppressed += found.suppressed;
        self.sources.push(found.info.kept(&mut shared.outlets));
    }
}

/// What the sources of a check share with those absorbed after them: what their mentions state, and their outlets.
#[derive(Default)]
struct Shared {
    said: Sharing<Said>,
    outlets: HashSet<Arc<str>>,
}

/// One source's mentions with ids from `first_id` and source index `index`.
fn numbered(
    mentions: Vec<Mention>,
    first_id: usize,
    index: usize,
) -> impl Iterator<Item = Mention> {
    mentions.into_iter().enumerate().map(move |(i, m)| Mention {
        id: first_id + i,
        source: index,
        ..m
    })
}

/// How to run a check.
#[derive(Default)]
pub struct CheckOptions<'a> {
    /// Threads to read and extract sources on; 0 for one per available core.
    pub threads: usize,
    /// Called after each source with its size in bytes, from whichever thread read it.
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

/// Checks `corpus` against `rules` with the default options (all cores, no progress reports).
pub fn check(rules: &RuleSet, corpus: Corpus) -> Checked {
    check_with(rules, corpus, &CheckOptions::default())
}

/// Sources are checked in batches of about this many bytes: the results of one batch are gathered before the
/// next starts, so that memory holds the mentions found so far and one batch's worth of work, not every source's
/// results twice.
const BATCH_BYTES: u64 = 16 << 20;

/// Checks `corpus` against `rules`.
pub fn check_with(rules: &RuleSet, corpus: Corpus, options: &CheckOptions) -> Checked {
    map_large_allocations();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .ok();
    let mut checked = Checked {
        sources: Vec::new(),
        mentions: Mentions::spilled(),
        findings: Vec::new(),
        warnings: Vec::new(),
        suppressed: 0,
    };
    let mut skipped: Vec<Warning> = corpus
        .problems
        .iter()
        .map(|p| skipped_warning(&p.path, &p.reason))
        .collect();
    if rules.claims.iter().any(|c| c.kind.is_wording()) {
        check_together(rules, &corpus, options, &pool, &mut checked, &mut skipped);
    } else {
        let pending: Vec<&PendingSource> = corpus.sources.iter().collect();
        check_streamed(
            rules,
            &pending,
            PlacedByClaim::default(),
            options,
            &pool,
            &mut checked,
            &mut skipped,
        );
    }
    drop(corpus);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    checked.warnings.splice(0..0, skipped);
    checked.mentions.finish();
    rules.scanner().let_go_caches();
    give_back_freed_memory();
    checked.findings = reconcile(&rules.claims, checked.mentions.held(), &checked.undated());
    checked
}

/// Returns to the system the memory freed by a stage of the check, or by a batch of sources, that the allocator
/// keeps for later (glibc keeps what the threads' arenas freed: the texts and the mentions of the batches, their
/// small blocks scattered between what is kept, hundreds of MB on a large corpus), so that the next batch's or
/// stage's peak does not stand on it.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free pages of glibc's heaps; it takes no pointer and frees nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Allocations of at least this many bytes are mapped on their own ([`map_large_allocations`]).
const LARGE_ALLOCATION: i32 = 256 << 10;

/// Has every allocation of [`LARGE_ALLOCATION`] bytes or more mapped on its own and given back to the system when
/// freed. glibc does so from 128 KiB at first, but raises that size (up to 32 MB) each time it frees such a mapping,
/// and the lists of one stage (a batch's results, the working lists of a claim being reconciled, some MB each on a
/// large corpus) are then carved from the heap; freed, they stay resident there, between what is still in use,
/// and the next stage's lists take new pages beside them (about a quarter of the peak of a 1 GB check).
fn map_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only changes when glibc maps an allocation on its own; it takes no pointer and frees nothing.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_ALLOCATION);
    }
}

/// Checks `sources` in batches of about [`BATCH_BYTES`], each read on the pool and let go once checked, with the
/// term and quote mentions found for each (`wordings`, taken a source at a time); sources that cannot be read become
/// warnings in `skipped`.
fn check_streamed(
    rules: &RuleSet,
    sources: &[&PendingSource],
    mut wordings: PlacedByClaim,
    options: &CheckOptions,
    pool: &Option<rayon::ThreadPool>,
    checked: &mut Checked,
    skipped: &mut Vec<Warning>,
) {
    let mut first = 0;
    let mut shared = Shared::default();
    for batch in batches(sources) {
        let found: Vec<Vec<Placed>> = (first..first + batch.len())
            .map(|source| wordings.take(source))
            .collect();
        wordings.shrink();
        first += batch.len();
        let results: Vec<Result<SourceCheck, Warning>> = run_in(pool, || {
            batch
                .par_iter()
                .zip(found)
                .map(|(pending, found)| read_and_check(rules, pending, found, options))
                .collect()
        });
        for result in results {
            match result {
                Ok(found) => checked.absorb_sharing(checked.sources.len(), found, &mut shared),
                Err(warning) => skipped.push(warning),
            }
        }
        give_back_freed_memory();
    }
}

/// Reads one source and checks it with its `wordings` (the term and quote mentions found for it across the
/// corpus), reporting its size to the progress callback; a source that cannot be read is a warning.
fn read_and_check(
    rules: &RuleSet,
    pending: &PendingSource,
    wordings: Vec<Placed>,
    options: &CheckOptions,
) -> Result<SourceCheck, Warning> {
    let result = pending
        .read()
        .map(|source| check_source(rules, &source, wordings));
    if let Some(progress) = options.progress {
        progress(pending.bytes());
    }
    result.map_err(|reason| skipped_warning(&pending.path(), &reason))
}

fn skipped_warning(path: &str, reason: &str) -> Warning {
    Warning {
        kind: WarningKind::Skipped,
        path: path.to_string(),
        place: None,
        message: format!("skipped: {reason}"),
    }
}

/// The check for rule sets with term or quote claims, whose wordings are placed across the whole corpus
/// ([`crate::extract::drift`]). The corpus is read twice, a batch at a time: first to place the wordings (keeping
/// them and their places, not the texts), then to check every source with the wordings found in it.
fn check_together(
    rules: &RuleSet,
    corpus: &Corpus,
    options: &CheckOptions,
    pool: &Option<rayon::ThreadPool>,
    checked: &mut Checked,
    skipped: &mut Vec<Warning>,
) {
    let mut wordings = Wordings::new(rules);
    let mut readable: Vec<&PendingSource> = Vec::new();
    let all: Vec<&PendingSource> = corpus.sources.iter().collect();
    for batch in batches(&all) {
        let read: Vec<Result<Source, String>> = run_in(pool, || {
            batch.par_iter().map(|pending| pending.read()).collect()
        });
        for (pending, result) in batch.iter().zip(read) {
            match result {
                Ok(source) => {
                    wordings.add(readable.len(), &source);
                    readable.push(pending);
                }
                Err(reason) => skipped.push(skipped_warning(&pending.path(), &reason)),
            }
        }
        give_back_freed_memory();
    }
    let found = wordings.finish_by_claim();
    give_back_freed_memory();
    check_streamed(rules, &readable, found, options, pool, checked, skipped);
}

/// Runs `work` on the check's thread pool (or rayon's global one when the pool could not be built).
fn run_in<R: Send>(pool: &Option<rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// The sources cut into runs of about [`BATCH_BYTES`] bytes, in order.
fn batches<'a, 'p>(sources: &'a [&'p PendingSource]) -> Vec<&'a [&'p PendingSource]> {
    let mut batches = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, source) in sources.iter().enumerate() {
        bytes += source.bytes();
        if bytes >= BATCH_BYTES {
            batches.push(&sources[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < sources.len() {
        batches.push(&sources[start..]);
    }
    batches
}

/// What one source gives: its mentions (numbered from 0, source index 0, until they are absorbed), its warnings,
/// and how many mentions its suppression markers silenced.
struct SourceCheck {
    info: SourceInfo,
    mentions: Vec<Mention>,
    warnings: Vec<Warning>,
    suppressed: usize,
}

/// Extracts, normalises and locates the mentions of every claim in one source, with the `wordings` (term and quote
/// mentions) found for it across the corpus, then applies its suppressions.
fn check_source(rules: &RuleSet, source: &Source, wordings: Vec<Placed>) -> SourceCheck {
    let mut warnings = Vec::new();
    let mut found = Vec::new();
    for (claim_index, matches) in find_all(rules, source).into_iter().enumerate() {
        let claim = &rules.claims[claim_index];
        found.extend(normalized(
            claim_index,
            claim,
            source,
            matches,
            &mut warnings,
        ));
    }
    found.extend(
        wordings
            .into_iter()
            .map(|w| Mention::unplaced(w.claim(), 0, w.span.clone(), w.into_value())),
    );
    found.sort_by_key(|m: &Mention| (m.span.start, m.claim));
    let mut mentions = locate(source, found, &mut warnings);
    let suppressed = apply_suppressions(rules, source, &mut mentions, &mut warnings);
    SourceCheck {
        info: source.info.clone(),
        mentions,
        warnings,
        suppressed,
    }
}

/// The mentions of one claim in one source, without places yet; phrases that do not normalise, and dates that
/// cannot be anchored, become warnings.
fn normalized(
    claim_index: usize,
    claim: &Claim,
    source: &Source,
    matches: Vec<Match>,
    warnings: &mut Vec<Warning>,
) -> Vec<Mention> {
    let mut found = Vec::new();
    for matched in matches {
        let warn = |kind: WarningKind, message: String| Warning {
            kind,
            path: source.path.clone(),
            place: Some((matched.value.clone(), Position::default())),
            message,
        };
        match normalize(&claim.kind, source, &matched) {
            Ok(value) => {
                if let Value::Date(Err(reason)) = &value {
                    let why = why_not(claim, source, &matched);
                    warnings.push(warn(
                        WarningKind::Unanchored,
                        format!(
                            "[{}] date not anchored, so not compared: {reason}{why}",
                            claim.id
                        ),
                    ));
                }
                let (time, rank) = time_of(source, &value);
                found.push(
                    Mention::unplaced(claim_index, 0, matched.span.clone(), value)
                        .at(time, rank)
                        .scoped(matched.scope.clone()),
                );
            }
            Err(unparsed) => warnings.push(warn(
                WarningKind::Unparsed,
                format!(
                    "[{}] matched {:?}, which is not a {} phrase; the match is ignored{}",
                    claim.id,
                    unparsed.text,
                    claim.kind.name(),
                    why_not(claim, source, &matched)
                ),
            )),
        }
    }
    found
}

/// What the claim's kind says of a refused or unanchored match, as a clause to append ("; ..."), or nothing.
fn why_not(claim: &Claim, source: &Source, matched: &Match) -> String {
    let words = &source.text[matched.value.clone()];
    claim
        .kind
        .why_not(words, source.published)
        .map(|why| format!(": {why}"))
        .unwrap_or_default()
}

/// When a value holds, and its rank among the values of its time: a quantity's as-of date when a phrase gave one
/// other than the publication day, no time for an earlier figure with no date of its own, else the moment of
/// publication (to the minute when the source gives it).
fn time_of(source: &Source, value: &Value) -> (Option<TimeSpan>, u8) {
    let published = source
        .published
        .map(|day| TimeSpan::moment(day, source.published_minute));
    match value {
        Value::Quantity {
            as_of, revision, ..
        } => {
            let rank = *revision as u8;
            let publication_day = source.published.map(single_day);
            let time = match as_of {
                None if *revision == Revision::Earlier => None,
                Some(range) if Some(*range) != publication_day => range
                    .full_days()
                    .map(|(first, last)| TimeSpan::days(first, last)),
                _ => published,
            };
            (time, rank)
        }
        _ => (published, CURRENT),
    }
}

/// Fills in the words and places of every mention, and where every warning points, in one pass over the text.
fn locate(source: &Source, found: Vec<Mention>, warnings: &mut [Warning]) -> Vec<Mention> {
    let mut offsets: Vec<usize> = found
        .iter()
        .flat_map(|m| [m.span.start, m.span.end])
        .collect();
    offsets.extend(
        warnings
            .iter()
            .filter_map(|w| w.place.as_ref().map(|p| p.0.start)),
    );
    let mut places = source.positions(&offsets).into_iter();
    let mentions = found
        .into_iter()
        .map(|mention| {
            let start = places.next().unwrap_or_default();
            let end = places.next().unwrap_or_default();
            let text = source
                .text
                .get(mention.span.clone())
                .unwrap_or_default()
                .into();
            Mention {
                start,
                end,
                text,
                span: source.span_in_file(mention.span.clone()),
                ..mention
            }
        })
        .collect();
    for (span, position) in warnings.iter_mut().filter_map(|w| w.place.as_mut()) {
        *position = places.next().unwrap_or_default();
        *span = source.span_in_file(span.clone());
    }
    mentions
}

/// The mentions of one claim in one source, as `factlint test` runs them on a claim's examples: source index 0,
/// ids from 0; phrases that do not normalise become warnings.
pub fn claim_mentions(
    rules: &RuleSet,
    claim_index: usize,
    source: &Source,
    warnings: &mut Vec<Warning>,
) -> Vec<Mention> {
    let found = check_source(rules, source, Vec::new());
    warnings.extend(found.warnings);
    found
        .mentions
        .into_iter()
        .filter(|m| m.claim == claim_index)
        .collect()
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
    let keys: Vec<(&str, u32)> = found
        .iter()
        .map(|m| (rules.claims[m.claim].id.as_str(), m.start.line))
        .collect();
    let suppression = suppress::apply(&markers, &keys);
    for (marker, claim) in &suppression.unused {
        let known = rules.claims.iter().any(|c| &c.id == claim);
        let reason = if known {
            "no mention of it on this line or the next"
        } else {
            "no such claim"
        };
        let marker = &markers[*marker];
        warnings.push(Warning {
            kind: WarningKind::UnusedSuppression,
            path: source.path.clone(),
            place: Some((marker.span.clone(), marker.position)),
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
