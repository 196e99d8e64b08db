//! Draft mode: checks one unpublished text against the corpus and keeps only what concerns the draft.
//!
//! Each mention in the draft that contradicts corpus mentions becomes one finding, anchored on the draft's words:
//! its first side is the draft mention, the other sides are the contradicting corpus mentions grouped by value, and
//! its `compatible` list holds the corpus mentions that agree with the draft. The corpus's own disagreements are not
//! the draft's business and are left out. Term and quote conflicts (a wording of a name, a group of quotations) are
//! kept whole when the draft has a mention in them.
//!
//! The corpus is compared through a [`DraftIndex`], built once per check of the corpus, so a draft costs its own
//! extraction and one comparison per draft mention and class of alike corpus mentions, however many mentions the
//! corpus holds. A side, or the list of agreeing mentions, lists at most [`LISTED`] mentions, the first in corpus
//! order; the finding's message counts them all, and its [`Totals`] say how many each list stands for.

mod index;

use std::collections::HashMap;

pub use index::DraftIndex;

use crate::check::Checked;
use crate::extract::{Held, HeldList, Mention, Stated};
use crate::kinds::date::parse_publication_moment;
use crate::model::{Finding, FindingKind, MentionId, Totals};
use crate::reconcile::time::EARLIER;
use crate::reconcile::{describe_time, mentions_in_sources, sides_by_value, spreads, Compared};
use crate::rules::{Claim, RuleSet};
use crate::source::Source;
use index::{ClaimMentions, Kept, Union};

/// At most this many corpus mentions are listed for each side of a draft's finding and for the mentions that agree
/// with the draft: a figure that thousands of reports repeat is told by its count.
pub const LISTED: usize = 20;

/// Checks a draft against a finished check of the corpus: the draft's mentions are added to `checked`, and its
/// findings become the draft's own contradictions with the corpus. The corpus is not reconciled again, but its
/// classes of alike mentions are gathered again: to check many drafts, build a [`DraftIndex`] once and call
/// [`draft_findings`]. Returns the draft's source index.
pub fn check_draft(checked: &mut Checked, rules: &RuleSet, draft: &Source) -> usize {
    let index = checked.append_source(rules, draft);
    keep_draft_findings(checked, rules, index);
    index
}

/// Dates a draft as published at `stamp` ("2025-06-09", "June 9, 2025", "2025-06-09T18:00"), whatever its front
/// matter or dateline says: its figures that no date phrase places hold as of then, and its relative dates are
/// read from then. An error names the stamp when it is not a date.
pub fn date_draft(draft: &mut Source, stamp: &str) -> Result<(), String> {
    let (day, clock) = parse_publication_moment(stamp)
        .ok_or_else(|| format!("{stamp:?} is not a date such as 2025-06-09 or 2025-06-09T18:00"))?;
    draft.published = Some(day);
    draft.published_minute = clock.map(|(hour, minute)| u16::from(hour) * 60 + u16::from(minute));
    draft.published_inferred = None;
    Ok(())
}

/// Replaces the findings of `checked` (which must include the draft as source `draft`) by the draft's own
/// contradictions with the corpus.
pub fn keep_draft_findings(checked: &mut Checked, rules: &RuleSet, draft: usize) {
    let held = checked.mentions.held();
    let corpus = held.iter().filter(|m| m.source() != draft);
    let index = DraftIndex::new(rules.claims.len(), corpus, &checked.undated());
    let drafted: Vec<Mention> = held
        .iter()
        .filter(|m| m.source() == draft)
        .map(|m| checked.mentions.at(m.id()))
        .collect();
    let mut findings = draft_findings(rules, held, &index, &drafted, None);
    // Term and quote conflicts are groups of wordings, not pairs: keep those the draft takes part in.
    findings.extend(checked.findings.drain(..).filter(|f| {
        rules.claims[f.claim].kind.is_wording()
            && f.kind == FindingKind::Conflict
            && f.mentions
                .iter()
                .any(|&id| held.at(id.index()).source() == draft)
    }));
    checked.findings = findings;
}

/// The findings of a draft's mentions against the corpus mentions `index` was built from (`corpus`, indexed by
/// id), leaving out those of source `except`: one per draft mention that some corpus mention contradicts, with its
/// first side the draft mention, then the contradicting mentions grouped by value (sides in corpus order of their
/// first mention), and as `compatible` the corpus mentions that agree with the draft. Draft mentions alike (the
/// same value, time and rank) are compared with the corpus once.
pub fn draft_findings<'m>(
    rules: &RuleSet,
    corpus: HeldList,
    index: &DraftIndex,
    draft: impl IntoIterator<Item = &'m Mention>,
    except: Option<usize>,
) -> Vec<Finding> {
    let mut verdicts = HashMap::new();
    let mut timelines = HashMap::new();
    let mut findings = Vec::new();
    for mention in draft {
        let of_claim = index.claim(corpus, mention.claim, except);
        let timeline = *timelines
            .entry(mention.claim)
            .or_insert_with(|| Timeline::of(&rules.claims[mention.claim], &of_claim));
        let unkeyed;
        let found = match mention.value.key() {
            Some(key) => {
                let alike = (
                    mention.claim,
                    key,
                    mention.time.map(|t| t.midpoint()),
                    mention.rank,
                );
                verdicts
                    .entry(alike)
                    .or_insert_with(|| verdict(rules, mention, &of_claim, timeline))
                    .as_ref()
            }
            None => {
                unkeyed = verdict(rules, mention, &of_claim, timeline);
                unkeyed.as_ref()
            }
        };
        findings.extend(found.map(|verdict| finding(rules, mention, verdict)));
    }
    findings
}

/// What the corpus says against a draft mention, and against every draft mention alike: the contradicting
/// mentions in sides, each with its value described, the agreeing mentions, and, for a figure that later corpus
/// figures replaced, when the latest of them holds ("as of 2025-06-09 18:00").
struct Verdict {
    sides: Vec<(String, Union)>,
    agreeing: Union,
    out_of_date: Option<String>,
}

/// The verdict on `mention` from `corpus`, the corpus mentions of its claim, which lie in time as `timeline` says:
/// one comparison per class of alike mentions; `None` when none of them contradicts it.
///
/// A claim that follows time and whose dated corpus figures spread over more than one window is compared as the
/// corpus is reconciled: figures of undated sources that no date places are left out (the corpus compares them
/// only within their source), and a draft figure that nothing dates is as of the claim's latest corpus time (a
/// draft is written now), so that it is compared with the figures that hold then, and the older ones are its past.
fn verdict(
    rules: &RuleSet,
    mention: &Mention,
    corpus: &ClaimMentions,
    timeline: Timeline,
) -> Option<Verdict> {
    let claim = &rules.claims[mention.claim];
    let now = timeline.now_of(mention);
    let compared = match now {
        Some(latest) => Compared::of(mention).as_of(latest),
        None => Compared::of(mention),
    };
    let mut kept = corpus.kept();
    if timeline.spread {
        kept.retain(|class| !class.alone);
    }
    let contradicting: Vec<Kept> = kept
        .iter()
        .copied()
        .filter(|class| compared.conflicts(claim, class.compared))
        .collect();
    if contradicting.is_empty() {
        return None;
    }
    let agreeing: Vec<Kept> = kept
        .iter()
        .copied()
        .filter(|class| mention.value.compatible(class.value))
        .collect();
    let mut sides: Vec<(String, Union)> = sides_of(&contradicting)
        .iter()
        .map(|classes| {
            let value = classes[0].first.value().describe();
            (value, corpus.union(classes, LISTED))
        })
        .collect();
    sides.sort_by_key(|(_, side)| side.listed[0]);
    let out_of_date = now.and_then(|latest| {
        let behind = contradicting
            .iter()
            .all(|class| compared.updated_by(claim, class.compared));
        let moved = claim.timing.trend.is_some() || said_before(claim, &agreeing, latest);
        let at_latest = kept.iter().find(|c| c.compared.time() == Some(latest))?;
        (behind && moved).then(|| describe_time(&[at_latest.first]))
    });
    Some(Verdict {
        sides,
        agreeing: corpus.union(&agreeing, LISTED),
        out_of_date,
    })
}

/// How the corpus figures of a claim lie in time, as a draft mention is compared with them: found once per claim
/// and draft.
#[derive(Clone, Copy)]
struct Timeline {
    /// The claim follows time and its dated figures spread over more than one window, or none is dated
    /// ([`spreads`]): figures that no date places are compared only within their source.
    spread: bool,
    /// The latest as-of time of the dated figures (trimmed as [`ClaimMentions::dated_bounds`] trims them).
    latest: Option<i64>,
}

impl Timeline {
    fn of(claim: &Claim, corpus: &ClaimMentions) -> Timeline {
        let bounds = claim.timing.window().and_then(|_| corpus.dated_bounds());
        Timeline {
            spread: spreads(claim, bounds),
            latest: bounds.map(|(_, latest)| latest),
        }
    }

    /// The time a draft figure is compared as of, in place of its own: the latest corpus time for a figure that
    /// is as of when the draft is written (no date phrase and no publication date place it, and its wording does
    /// not mark it as an earlier figure, "up from 300", which stays before every other), when figures spread.
    fn now_of(&self, mention: &Mention) -> Option<i64> {
        let written_now = mention.time.is_none() && mention.rank != EARLIER;
        self.latest.filter(|_| self.spread && written_now)
    }
}

/// True when some of the `agreeing` classes was said more than the claim's window before `latest`: a figure of a
/// claim without a trend that the corpus gave earlier and has since changed.
fn said_before(claim: &Claim, agreeing: &[Kept], latest: i64) -> bool {
    let window = claim.timing.window().unwrap_or(0);
    agreeing.iter().any(|class| {
        class
            .compared
            .time()
            .is_some_and(|time| latest - time > window)
    })
}

/// The finding of a draft mention from its verdict.
fn finding(rules: &RuleSet, mention: &Mention, verdict: &Verdict) -> Finding {
    let claim = &rules.claims[mention.claim];
    let Verdict {
        sides,
        agreeing,
        out_of_date,
    } = verdict;
    let described: Vec<String> = sides
        .iter()
        .map(|(value, side)| {
            format!(
                "{value} ({})",
                mentions_in_sources(side.count, side.sources)
            )
        })
        .collect();
    let agreement = if agreeing.count == 0 {
        "no corpus mention agrees".to_string()
    } else {
        let counts = mentions_in_sources(agreeing.count, agreeing.sources);
        format!("agreeing: {counts}")
    };
    let mut mentions: Vec<MentionId> = sides
        .iter()
        .flat_map(|(_, side)| side.listed.iter().copied())
        .collect();
    mentions.sort_unstable();
    mentions.insert(0, MentionId::new(mention.id));
    Finding {
        claim: mention.claim,
        kind: FindingKind::Conflict,
        severity: claim.severity,
        message: format!(
            "{}: the draft says {}, {}; {agreement}",
            claim.title,
            mention.value.describe(),
            against(&described.join(" and "), out_of_date.as_deref())
        ),
        mentions,
        sides: std::iter::once(vec![MentionId::new(mention.id)])
            .chain(sides.iter().map(|(_, side)| side.listed.clone()))
            .collect(),
        compatible: agreeing.listed.clone(),
        totals: totals(verdict),
    }
}

/// What the corpus says against the draft, its sides `described`: for a figure that later ones replaced, when the
/// latest of them holds (`latest`, "as of 2025-06-09 18:00").
fn against(described: &str, latest: Option<&str>) -> String {
    match latest {
        Some(latest) => {
            format!(
                "which is out of date: later corpus figures are {described}, the latest {latest}"
            )
        }
        None => format!("the corpus says {described}"),
    }
}

/// How many mentions each list of the finding stands for, when some list holds fewer than it has.
fn totals(verdict: &Verdict) -> Option<Totals> {
    let shortened = |union: &Union| union.listed.len() < union.count;
    let sides = || verdict.sides.iter().map(|(_, side)| side);
    let any_shortened = sides().any(shortened) || shortened(&verdict.agreeing);
    any_shortened.then(|| Totals {
        mentions: 1 + sides().map(|side| side.count).sum::<usize>(),
        sides: std::iter::once(1)
            .chain(sides().map(|side| side.count))
            .collect(),
        compatible: verdict.agreeing.count,
    })
}

/// The contradicting classes grouped into sides by value ([`sides_by_value`] on their first members).
fn sides_of<'m>(classes: &[Kept<'m>]) -> Vec<Vec<Kept<'m>>> {
    let firsts: Vec<Held> = classes.iter().map(|class| class.first).collect();
    let class_of: HashMap<usize, Kept> = classes.iter().map(|&k| (k.first.id(), k)).collect();
    sides_by_value(&firsts)
        .into_iter()
        .map(|side| side.iter().map(|first| class_of[&first.id()]).collect())
        .collect()
}
