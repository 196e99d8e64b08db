//! Reconciliation: decides, claim by claim, which mentions agree and which conflict.
//!
//! Two mentions conflict when their values are incompatible (see [`crate::kinds::Value::compatible`]). For quantities whose as-of
//! dates lie further apart than the claim's window, the difference is a change over time instead. Findings are
//! grouped, never pairwise: the conflicting pairs of a claim form a graph, and each connected part of it is one
//! finding that lists all its mentions, split into sides by value; for a claim that follows time, a part is first
//! split at its odd figures (`split.rs`). Every mention ends up in exactly one finding:
//! its conflict, else its change, else the claim's agreement finding, or, for a figure of an undated source that
//! is compared only within its source (`by_time_unit`), the claim's undated finding.

mod graph;
mod placed;
mod sides;
mod split;

pub use sides::{describe_side, describe_time};
pub mod time;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::kinds::extent::{extents, Extent, SPACES};
use graph::Node;

use crate::extract::{Held, HeldList, Said, Stated};
use crate::model::{Finding, FindingKind, MentionId, Severity};
use crate::rules::Claim;

/// Reconciles the mentions of every claim, as a check holds them. `mentions` must be in corpus order and indexed
/// by their ids; `undated` says, by source index, which sources have no publication date.
pub fn reconcile(claims: &[Claim], mentions: HeldList, undated: &[bool]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let of_claim = mentions.iter().filter(|m| m.claim() == index);
        if claim.kind.is_wording() {
            findings.extend(placed::findings(index, claim, of_claim));
            continue;
        }
        let mut listed = Vec::with_capacity(of_claim.clone().count());
        listed.extend(of_claim);
        for scoped in by_scope(listed) {
            findings.extend(reconcile_scope(index, claim, scoped, undated));
        }
    }
    findings
}

/// The findings of one claim's mentions of one scope: the conflicts and changes among the mentions that can be
/// compared ([`by_time_unit`]), the agreement of the rest of those placed in time, and the rest of the undated
/// sources' mentions as one [`FindingKind::Undated`] finding.
fn reconcile_scope(
    index: usize,
    claim: &Claim,
    scoped: Vec<Held>,
    undated: &[bool],
) -> Vec<Finding> {
    let units = by_time_unit(claim, scoped, undated);
    let (mut findings, rest) = reconcile_unit(index, claim, &units.placed);
    if !rest.is_empty() {
        findings.push(finding(
            index,
            claim,
            FindingKind::Agreement,
            &rest,
            &units.placed,
        ));
    }
    let mut unplaced: Vec<Held> = Vec::new();
    for unit in &units.alone {
        let (unit_findings, rest) = reconcile_unit(index, claim, unit);
        findings.extend(unit_findings);
        unplaced.extend(rest.iter().map(|&i| unit[i]));
    }
    if !unplaced.is_empty() {
        let all: Vec<usize> = (0..unplaced.len()).collect();
        findings.push(finding(index, claim, FindingKind::Undated, &all, &unplaced));
    }
    findings
}

/// A claim's mentions of one scope as reconciliation compares them.
struct TimeUnits<'m> {
    /// The mentions compared with each other across sources.
    placed: Vec<Held<'m>>,
    /// For each source without a publication date (in corpus order), its mentions that no date phrase places in
    /// time, and for each dated source, its earlier figures that none places: compared only with each other.
    alone: Vec<Vec<Held<'m>>>,
}

/// The mentions of a claim that follows time split into what can be compared: the figures placed in time (or in a
/// dated source) together, and each undated source's unplaced figures on their own, as each dated source's earlier
/// figures without a time of their own ("up from 115"), unless the claim's dated figures lie within one window (not
/// [`spreads`]): then an unplaced figure is at the same time as any other, wherever it falls among them.
fn by_time_unit<'m>(claim: &Claim, mentions: Vec<Held<'m>>, undated: &[bool]) -> TimeUnits<'m> {
    let mut units = TimeUnits {
        placed: Vec::new(),
        alone: Vec::new(),
    };
    let times = mentions
        .iter()
        .filter_map(|m| m.time())
        .map(|t| (t.midpoint(), 1));
    if !spreads(claim, dated_bounds(times.collect())) {
        units.placed = mentions;
        return units;
    }
    let mut unit_of_source: HashMap<usize, usize> = HashMap::new();
    for mention in mentions {
        let source = mention.source();
        let dated_source = !undated.get(source).copied().unwrap_or(false);
        // "revised to 97, from 115": an earlier figure of a dated report holds at some time before the report,
        // nothing says when, so it is compared only with its own report's earlier figures, as an undated figure
        if mention.time().is_some() || (dated_source && mention.rank() != time::EARLIER) {
            units.placed.push(mention);
            continue;
        }
        let unit = *unit_of_source.entry(source).or_insert_with(|| {
            units.alone.push(Vec::new());
            units.alone.len() - 1
        });
        units.alone[unit].push(mention);
    }
    units
}

/// True when `claim` follows time and its dated figures, whose trimmed earliest and latest as-of times are `bounds`
/// ([`dated_bounds`]), spread over more than one window, or none is dated: then nothing says which of them a figure
/// that no date places in time is as of, and an undated source's such figures are compared only within it.
pub fn spreads(claim: &Claim, bounds: Option<(i64, i64)>) -> bool {
    claim
        .timing
        .window()
        .is_some_and(|window| bounds.is_none_or(|(earliest, latest)| latest - earliest > window))
}

/// The earliest and the latest as-of time (minute numbers) of a claim's dated figures, given as pairs of a time and
/// how many figures hold as of it, in any order: leaving out the earliest and the latest tenth of the figures, so
/// that one figure dated far from the rest (an old count recalled, a misread page stamp) does not decide for all;
/// `None` when no figure is dated.
pub fn dated_bounds(mut times: Vec<(i64, usize)>) -> Option<(i64, i64)> {
    times.sort_unstable();
    let count: usize = times.iter().map(|&(_, figures)| figures).sum();
    let trim = count / 10;
    let nth = |n: usize| {
        let mut seen = 0;
        times.iter().find_map(|&(time, figures)| {
            seen += figures;
            (seen > n).then_some(time)
        })
    };
    Some((nth(trim)?, nth(count.checked_sub(trim + 1)?)?))
}

/// The mentions of one claim split by scope (the whole first, then each part in order of first appearance): a
/// figure of a part ("the remaining 150") is compared only with figures of the same part. Mentions that all speak
/// of the whole are handed back as they came, not copied: the list of a claim of a large corpus is tens of MB.
fn by_scope(mentions: Vec<Held>) -> Vec<Vec<Held>> {
    let mut scopes: Vec<Option<&str>> = vec![None];
    for mention in &mentions {
        let scope = mention.scope();
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    if scopes.len() == 1 {
        return [mentions].into_iter().filter(|m| !m.is_empty()).collect();
    }
    scopes
        .into_iter()
        .map(|scope| {
            mentions
                .iter()
                .copied()
                .filter(|m| m.scope() == scope)
                .collect::<Vec<_>>()
        })
        .filter(|group| !group.is_empty())
        .collect()
}

/// True when two mentions of `claim` conflict: their values are incompatible at the same time, or the later goes
/// against the claim's trend ([`time`]).
pub fn conflicting(claim: &Claim, a: &impl Stated, b: &impl Stated) -> bool {
    Compared::of(a).conflicts(claim, &Compared::of(b))
}

/// What [`conflicting`] reads of a mention (its value's extents, its as-of time and rank), taken once: an index of
/// mentions that drafts are compared with again and again keeps it.
#[derive(Debug, Clone, Copy)]
pub struct Compared(time::Timed);

impl Compared {
    /// What `mention` is compared on.
    pub fn of(mention: &impl Stated) -> Compared {
        Compared(timed(mention))
    }

    /// True when the mentions these were taken of conflict as mentions of `claim` ([`conflicting`]).
    pub fn conflicts(&self, claim: &Claim, other: &Compared) -> bool {
        time::link(&self.0, &other.0, claim.timing) == Some(time::Link::Conflict)
    }

    /// When the mention holds (a minute number), when known.
    pub fn time(&self) -> Option<i64> {
        self.0.time
    }

    /// The same figure as of `time`: a figure that nothing dates, compared as of a time chosen for it.
    pub fn as_of(self, time: i64) -> Compared {
        Compared(time::Timed {
            time: Some(time),
            width: 1,
            ..self.0
        })
    }

    /// True when `later`, said more than the claim's window after this figure, would be a change from it and not a
    /// conflict: it moves along the claim's trend (any way, for a claim without one). A figure that `later`
    /// contradicts is then behind it: out of date, not wrong.
    pub fn updated_by(&self, claim: &Claim, later: &Compared) -> bool {
        let window = claim.timing.window().unwrap_or(0);
        let earlier = self.as_of(0);
        let later = later.as_of(window + 1);
        time::link(&earlier.0, &later.0, claim.timing) == Some(time::Link::Change)
    }
}

/// A mention as [`time::link`] compares it.
fn timed(mention: &impl Stated) -> time::Timed {
    time::Timed {
        extents: extents(mention.value()),
        time: mention.time().map(|span| span.midpoint()),
        width: mention.time().map_or(1, |span| span.end - span.start),
        rank: mention.rank(),
    }
}

/// The mentions of a claim in classes of mentions that state the same (one [`Said`] shared between them): the
/// graph treats them alike, so it is built over one node per class, and dense coverage states a few thousand things
/// in millions of mentions. A mention whose extent shares no point with itself conflicts with its like, so it is a
/// class of its own.
struct Alike {
    /// The class of each mention (by position in the claim's list).
    class_of: Vec<usize>,
    /// Each class's node.
    nodes: Vec<Node>,
}

impl Alike {
    fn of(mentions: &[Held]) -> Alike {
        let mut class_of_said: HashMap<*const Said, usize> = HashMap::new();
        let mut alike = Alike {
            class_of: Vec::with_capacity(mentions.len()),
            nodes: Vec::new(),
        };
        for mention in mentions {
            let said = Arc::as_ptr(mention.said());
            let class = class_of_said.get(&said).copied().unwrap_or_else(|| {
                let node = timed(mention);
                let class = alike.nodes.len();
                if node.extents.iter().flatten().all(|e| e.overlaps(e)) {
                    class_of_said.insert(said, class);
                }
                alike.nodes.push(node);
                class
            });
            alike.class_of.push(class);
        }
        alike
    }

    /// The node of the mention at position `i`.
    fn node(&self, i: usize) -> &Node {
        &self.nodes[self.class_of[i]]
    }

    /// How many mentions each class holds.
    fn weights(&self) -> Vec<usize> {
        let mut weights = vec![0; self.nodes.len()];
        for &class in &self.class_of {
            weights[class] += 1;
        }
        weights
    }

    /// Groups of classes as groups of mentions, as [`graph::groups`] would give them for one node per mention: each
    /// sorted, ordered by their first mention.
    fn expand(&self, groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        let mut expanded = self.members(&groups);
        expanded.retain(|group| !group.is_empty());
        expanded.sort_by_key(|group| group[0]);
        expanded
    }

    /// The mentions of each of `groups` of classes (disjoint), in the order of `groups`, each sorted.
    fn members(&self, groups: &[Vec<usize>]) -> Vec<Vec<usize>> {
        let mut group_of_class = vec![usize::MAX; self.nodes.len()];
        for (g, classes) in groups.iter().enumerate() {
            for &class in classes {
                group_of_class[class] = g;
            }
        }
        let mut members = vec![Vec::new(); groups.len()];
        for (i, &class) in self.class_of.iter().enumerate() {
            if let Some(group) = members.get_mut(group_of_class[class]) {
                group.push(i);
            }
        }
        members
    }
}

/// The conflicts and changes among `mentions`, and the positions of those in neither.
fn reconcile_unit(index: usize, claim: &Claim, mentions: &[Held]) -> (Vec<Finding>, Vec<usize>) {
    if mentions.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let alike = Alike::of(mentions);
    let (conflicts, changes) = graph::groups(&alike.nodes, claim.timing);
    let weights = alike.weights();
    let mut parts: Vec<(Vec<usize>, Vec<usize>)> = conflicts
        .iter()
        .flat_map(|group| split::split(group, &alike.nodes, &weights, claim.timing))
        .map(|part| {
            let mut sides = alike.members(&[part.odd, part.partners]);
            let partners = sides.pop().unwrap_or_default();
            (sides.pop().unwrap_or_default(), partners)
        })
        .collect();
    parts.sort_by_key(|(odd, partners)| odd.iter().chain(partners).min().copied());
    let changes = alike.expand(changes);
    let mut findings = Vec::new();
    let mut placed = vec![false; mentions.len()];
    let mut conflict_groups = Vec::new();
    for (odd, partners) in parts {
        let mut group: Vec<usize> = odd.iter().chain(&partners).copied().collect();
        group.sort_unstable();
        for &i in &group {
            placed[i] = true;
        }
        findings.push(conflict(index, claim, &odd, &partners, mentions));
        conflict_groups.push(group);
    }
    for group in changes {
        let unplaced: Vec<usize> = group.into_iter().filter(|&i| !placed[i]).collect();
        if unplaced.len() > 1 {
            for &i in &unplaced {
                placed[i] = true;
            }
            findings.push(finding(
                index,
                claim,
                FindingKind::Change,
                &unplaced,
                mentions,
            ));
        }
    }
    let rest: Vec<usize> = (0..mentions.len()).filter(|&i| !placed[i]).collect();
    for (found, group) in findings.iter_mut().zip(&conflict_groups) {
        found.compatible = compatible_with_all(group, &rest, |i| alike.node(i), mentions);
    }
    (findings, rest)
}

/// The positions in `rest` whose values are compatible with every member of `group`, as mention ids. A value is
/// compatible with all of them when, in each space, it overlaps both the member extent that ends first and the one
/// that begins last.
fn compatible_with_all<'n>(
    group: &[usize],
    rest: &[usize],
    node: impl Fn(usize) -> &'n Node,
    mentions: &[impl Stated],
) -> Vec<MentionId> {
    let mut bounds: [Option<(Extent, Extent)>; SPACES] = [None; SPACES];
    for &member in group {
        for (space, extent) in node(member).extents.iter().enumerate() {
            let Some(extent) = extent else { continue };
            let (ends_first, begins_last) = bounds[space].get_or_insert((*extent, *extent));
            if extent.upper.upper_key() < ends_first.upper.upper_key() {
                *ends_first = *extent;
            }
            if extent.mirrored().upper.upper_key() < begins_last.mirrored().upper.upper_key() {
                *begins_last = *extent;
            }
        }
    }
    rest.iter()
        .filter(|&&candidate| {
            node(candidate)
                .extents
                .iter()
                .zip(&bounds)
                .all(|pair| match pair {
                    (Some(extent), Some((ends_first, begins_last))) => {
                        extent.overlaps(ends_first) && extent.overlaps(begins_last)
                    }
                    _ => true,
                })
        })
        .map(|&i| MentionId::new(mentions[i].id()))
        .collect()
}

/// Builds a finding from positions into `mentions`.
fn finding<M: Stated + Copy>(
    claim_index: usize,
    claim: &Claim,
    kind: FindingKind,
    group: &[usize],
    mentions: &[M],
) -> Finding {
    let members: Vec<M> = group.iter().map(|&i| mentions[i]).collect();
    let sides = match kind {
        FindingKind::Conflict => sides::positions(&members),
        FindingKind::Change => sides::timeline(&members, claim.timing),
        FindingKind::Agreement | FindingKind::Undated => sides_by_value(&members),
    };
    let message = message(claim, kind, &sides, &members);
    assemble(claim_index, claim, kind, message, &members, &sides)
}

/// A conflict finding from positions into `mentions`: the odd figures of a part of a conflict group, split into
/// positions, and their partners ([`split`]), which all hold at their own times, as one side; sides in order of
/// their first mention.
fn conflict<M: Stated + Copy>(
    claim_index: usize,
    claim: &Claim,
    odd: &[usize],
    partners: &[usize],
    mentions: &[M],
) -> Finding {
    let of = |positions: &[usize]| positions.iter().map(|&i| mentions[i]).collect::<Vec<M>>();
    let mut sides = sides::positions(&of(odd));
    if !partners.is_empty() {
        sides.push(of(partners));
        sides.sort_by_key(|side| side[0].id());
    }
    let mut members: Vec<M> = sides.concat();
    members.sort_by_key(|m| m.id());
    let message = message(claim, FindingKind::Conflict, &sides, &members);
    assemble(
        claim_index,
        claim,
        FindingKind::Conflict,
        message,
        &members,
        &sides,
    )
}

/// A finding of `kind` on a claim from its mentions and their sides: a conflict at the claim's severity, a change or
/// an agreement as a note.
pub(crate) fn assemble<M: Stated + Copy>(
    claim_index: usize,
    claim: &Claim,
    kind: FindingKind,
    message: String,
    members: &[M],
    sides: &[Vec<M>],
) -> Finding {
    let severity = match kind {
        FindingKind::Conflict => claim.severity,
        FindingKind::Change | FindingKind::Agreement | FindingKind::Undated => Severity::Note,
    };
    Finding {
        claim: claim_index,
        kind,
        severity,
        message,
        mentions: members.iter().map(|m| MentionId::new(m.id())).collect(),
        sides: sides
            .iter()
            .map(|side| side.iter().map(|m| MentionId::new(m.id())).collect())
            .collect(),
        compatible: Vec::new(),
        totals: None,
    }
}

/// Groups mentions by their described value, in order of first appearance. Values are first grouped by what they
/// are (no text needed), and each distinct value is described once.
pub fn sides_by_value<M: Stated + Copy>(members: &[M]) -> Vec<Vec<M>> {
    let mut sides: Vec<Vec<M>> = Vec::new();
    let mut side_of_value: HashMap<[u64; 4], usize> = HashMap::new();
    let mut side_of_description: HashMap<String, usize> = HashMap::new();
    let mut side_of = |description: String, sides: &mut Vec<Vec<M>>| {
        *side_of_description.entry(description).or_insert_with(|| {
            sides.push(Vec::new());
            sides.len() - 1
        })
    };
    for &mention in members {
        let side = match mention.value().key() {
            Some(key) => match side_of_value.get(&key) {
                Some(&side) => side,
                None => {
                    let side = side_of(mention.value().describe(), &mut sides);
                    side_of_value.insert(key, side);
                    side
                }
            },
            None => side_of(mention.value().describe(), &mut sides),
        };
        sides[side].push(mention);
    }
    sides
}

fn message<M: Stated + Copy>(
    claim: &Claim,
    kind: FindingKind,
    sides: &[Vec<M>],
    members: &[M],
) -> String {
    let described: Vec<String> = sides
        .iter()
        .map(|side| sides::describe_side(side))
        .collect();
    match kind {
        FindingKind::Conflict => match against_trend(claim, members) {
            Some(trend) => {
                let dated: Vec<String> = sides::timeline(members, claim.timing)
                    .iter()
                    .map(|point| {
                        format!(
                            "{} {}",
                            sides::describe_side(point),
                            sides::describe_time(point)
                        )
                    })
                    .collect();
                format!(
                    "{}: a later figure goes against the {trend} trend: {}",
                    claim.title,
                    dated.join(" then ")
                )
            }
            None => format!(
                "{}: sources disagree: {}",
                claim.title,
                described.join(" vs ")
            ),
        },
        FindingKind::Change => {
            let dated: Vec<String> = sides
                .iter()
                .zip(&described)
                .map(|(side, text)| format!("{text} {}", sides::describe_time(side)))
                .collect();
            format!(
                "{}: changed over time: {}",
                claim.title,
                dated.join(" then ")
            )
        }
        FindingKind::Agreement => {
            let values: Vec<String> = sides.iter().map(|s| s[0].value().describe()).collect();
            format!(
                "{}: {} agree: {}",
                claim.title,
                count_mentions(members),
                values.join("; ")
            )
        }
        FindingKind::Undated => format!(
            "{}: {} without a date of their own, compared only within their own source (nothing says when they hold): {}",
            claim.title,
            count_mentions(members),
            described.join("; ")
        ),
    }
}

/// For a conflict of a claim with a trend whose mentions lie further apart in time than the window: the trend's
/// name, since the conflict is a later figure going the wrong way rather than a disagreement about one moment.
fn against_trend(claim: &Claim, members: &[impl Stated]) -> Option<&'static str> {
    let trend = claim.timing.trend?;
    let window = claim.timing.window()?;
    let times: BTreeSet<i64> = members
        .iter()
        .filter_map(|m| m.time().map(|t| t.midpoint()))
        .collect();
    let spread = times.last()? - times.first()?;
    (spread > window).then_some(match trend {
        time::Trend::Rising => "rising",
        time::Trend::Falling => "falling",
    })
}

/// "1 mention in 1 source", "3 mentions in 2 sources".
pub fn count_mentions(mentions: &[impl Stated]) -> String {
    let sources: BTreeSet<usize> = mentions.iter().map(|m| m.source()).collect();
    mentions_in_sources(mentions.len(), sources.len())
}

/// "3 mentions in 2 sources", from the two counts.
pub fn mentions_in_sources(mentions: usize, sources: usize) -> String {
    format!(
        "{} in {}",
        counted(mentions, "mention"),
        counted(sources, "source")
    )
}

/// "1 conflict", "2 conflicts", "1,210 mentions": a count with thousands separators and its noun.
pub fn counted(n: usize, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", crate::kinds::format_number(n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Mention;
    use crate::kinds::date::{DateRange, Day};
    use crate::kinds::quantity::{Bound, Interval, Qualifier, Quantity};
    use crate::kinds::Value;
    use crate::model::Polarity;
    use crate::union_find::UnionFind;

    /// A small pseudo-random sequence, so that failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    fn day(rng: &mut Lcg) -> jiff::civil::Date {
        jiff::civil::date(
            2023 + rng.below(2) as i16,
            1 + rng.below(12) as i8,
            1 + rng.below(28) as i8,
        )
    }

    fn random_value(rng: &mut Lcg, kind: u64) -> Value {
        match kind {
            0 => {
                let ends = [0.0, 500.0, 900.0, 1000.0, 1100.0, f64::INFINITY];
                let (a, b) = (ends[rng.below(5) as usize], ends[1 + rng.below(5) as usize]);
                let bound = |value, rng: &mut Lcg| Bound {
                    value,
                    inclusive: value.is_finite() && rng.below(2) == 0,
                };
                let as_of = (rng.below(4) > 0).then(|| {
                    let (start, end) = (day(rng), day(rng));
                    let (start, end) = (start.min(end), start.max(end));
                    DateRange {
                        start: Day::Full(start),
                        end: Day::Full(if rng.below(2) == 0 { start } else { end }),
                        qualifier: None,
                    }
                });
                Value::Quantity {
                    quantity: Quantity {
                        value: a,
                        qualifier: Qualifier::Exact,
                        interval: Interval {
                            min: bound(a.min(b), rng),
                            max: bound(a.max(b), rng),
                        },
                    },
                    as_of,
                    revision: crate::kinds::quantity::Revision::Current,
                }
            }
            1 => {
                let range = match rng.below(3) {
                    0 => (Day::Full(day(rng)), Day::Full(day(rng))),
                    1 => {
                        let d = day(rng);
                        (Day::Full(d), Day::Full(d))
                    }
                    _ => {
                        let (m1, m2) = (1 + rng.below(12) as i8, 1 + rng.below(12) as i8);
                        (
                            Day::NoYear {
                                month: m1,
                                day: 1 + rng.below(28) as i8,
                            },
                            Day::NoYear {
                                month: m2,
                                day: 1 + rng.below(28) as i8,
                            },
                        )
                    }
                };
                let (start, end) = if range.0 <= range.1 || rng.below(4) == 0 {
                    range
                } else {
                    (range.1, range.0)
                };
                Value::Date(Ok(DateRange {
                    start,
                    end,
                    qualifier: None,
                }))
            }
            _ => Value::Polarity(if rng.below(2) == 0 {
                Polarity::Affirm
            } else {
                Polarity::Deny
            }),
        }
    }

    /// The definition, pair by pair ([`time::link`]): conflict and change groups, as the all-pairs algorithm finds
    /// them.
    fn groups_by_pairs(
        timed: &[time::Timed],
        timing: time::Timing,
    ) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut conflicts = UnionFind::new(timed.len());
        let mut changes = UnionFind::new(timed.len());
        for i in 0..timed.len() {
            for j in i + 1..timed.len() {
                for link in time::links(&timed[i], &timed[j], timing) {
                    match link {
                        time::Link::Conflict => conflicts.union(i, j),
                        time::Link::Change => changes.union(i, j),
                    }
                }
            }
        }
        (conflicts.groups(), changes.groups())
    }

    /// No time, one of a few days or times of day (so that figures share a day, and a day holds times of day), or a
    /// span of days.
    fn random_time(rng: &mut Lcg) -> Option<time::TimeSpan> {
        let near_day = |rng: &mut Lcg| jiff::civil::date(2024, 1, 1 + rng.below(3) as i8);
        match rng.below(5) {
            0 => None,
            1 => Some(time::TimeSpan::days(near_day(rng), near_day(rng))),
            2 => Some(time::TimeSpan::moment(
                near_day(rng),
                Some(rng.below(4) as u16 * 360),
            )),
            _ => Some(time::TimeSpan::days(day(rng), day(rng))),
        }
        .filter(|span| span.start < span.end)
    }

    fn random_timing(rng: &mut Lcg, kind: u64) -> time::Timing {
        let windows = [0, time::DAY / 2, time::DAY, 2 * time::DAY];
        let window = (rng.below(3) > 0).then(|| match rng.below(2) {
            0 => windows[rng.below(4) as usize],
            _ => rng.below(400) as i64 * time::DAY / 2,
        });
        let trend = match (kind, rng.below(3)) {
            (0, 1) => Some(time::Trend::Rising),
            (0, 2) => Some(time::Trend::Falling),
            _ => None,
        };
        time::Timing { window, trend }
    }

    #[test]
    fn one_figure_dated_far_from_the_rest_does_not_widen_the_dated_bounds() {
        let affirm = || Mention::unplaced(0, 0, 0..0, Value::Polarity(Polarity::Affirm));
        let on = |date: jiff::civil::Date| {
            affirm().at(Some(time::TimeSpan::days(date, date)), time::CURRENT)
        };
        let mut mentions: Vec<Mention> = (0..10)
            .map(|i| on(jiff::civil::date(2025, 6, 1 + i % 3)))
            .collect();
        mentions.push(on(jiff::civil::date(2024, 1, 1)));
        let span = |of: &[Mention]| {
            let times = of
                .iter()
                .filter_map(|m| m.time())
                .map(|t| (t.midpoint(), 1));
            dated_bounds(times.collect()).map(|(earliest, latest)| latest - earliest)
        };
        assert_eq!(
            span(&mentions),
            Some(2 * time::DAY),
            "eleven figures: the outlier is left out"
        );
        assert!(
            span(&mentions[6..]).unwrap() > 300 * time::DAY,
            "five figures: none is left out"
        );
        assert_eq!(span(&[affirm()]), None);
        let weighted = vec![(5, 1), (1, 8), (3, 1)];
        assert_eq!(
            dated_bounds(weighted),
            Some((1, 3)),
            "counts weigh like figures"
        );
    }

    /// What [`split::split`] promises of the parts of a conflict group, checked pair by pair: they split the group
    /// exactly; every conflicting pair of the group has an odd member; the partners of a part never conflict with
    /// each other, and each conflicts with an odd member of its part; and every part holds a conflict. A claim that
    /// ignores time keeps its group whole.
    fn parts_match_their_definition(
        group: &[usize],
        parts: &[split::Part],
        timed: &[time::Timed],
        timing: time::Timing,
    ) {
        let conflict = |a: usize, b: usize| {
            time::link(&timed[a], &timed[b], timing) == Some(time::Link::Conflict)
        };
        let mut all: Vec<usize> = parts
            .iter()
            .flat_map(|p| p.odd.iter().chain(&p.partners))
            .copied()
            .collect();
        all.sort_unstable();
        assert_eq!(all, group, "the parts split the group");
        if timing.window().is_none() {
            assert_eq!(
                parts.len(),
                1,
                "a claim that ignores time keeps its group whole"
            );
        }
        let odd: Vec<usize> = parts.iter().flat_map(|p| p.odd.clone()).collect();
        for &a in group {
            for &b in group.iter().filter(|&&b| b > a && conflict(a, b)) {
                assert!(
                    odd.contains(&a) || odd.contains(&b),
                    "{a}-{b} has no odd member"
                );
            }
        }
        for part in parts {
            for &p in &part.partners {
                assert!(part.partners.iter().all(|&q| q == p || !conflict(p, q)));
                assert!(part.odd.iter().any(|&o| conflict(p, o)));
            }
            assert!(
                part.odd.iter().any(|&o| part
                    .odd
                    .iter()
                    .chain(&part.partners)
                    .any(|&m| conflict(o, m))),
                "a part without a conflict: {part:?}"
            );
        }
    }

    #[test]
    fn groups_match_the_pairwise_definition() {
        let mut rng = Lcg(7);
        for round in 0..400 {
            let kind = round % 3;
            let count = 1 + rng.below(40) as usize;
            let values: Vec<Value> = (0..count).map(|_| random_value(&mut rng, kind)).collect();
            let timing = random_timing(&mut rng, kind);
            let mentions: Vec<Mention> = values
                .iter()
                .enumerate()
                .map(|(id, value)| {
                    let time = random_time(&mut rng);
                    let mut mention = Mention::unplaced(0, 0, 0..0, value.clone())
                        .at(time, rng.below(time::RANKS as u64) as u8);
                    mention.id = id;
                    mention
                })
                .collect();
            let timed: Vec<time::Timed> = mentions.iter().map(timed).collect();
            let nodes: Vec<Node> = timed.clone();
            let fast = graph::groups(&nodes, timing);
            assert_eq!(
                fast,
                groups_by_pairs(&timed, timing),
                "round {round}: {timed:?} {timing:?}"
            );
            for group in &fast.0 {
                let weights: Vec<usize> = (0..count).map(|_| 1 + rng.below(3) as usize).collect();
                let parts = split::split(group, &nodes, &weights, timing);
                parts_match_their_definition(group, &parts, &timed, timing);
            }
            for group in &fast.0 {
                let rest: Vec<usize> = (0..count).filter(|i| !group.contains(i)).collect();
                let refs: Vec<&Mention> = mentions.iter().collect();
                let expected: Vec<MentionId> = rest
                    .iter()
                    .copied()
                    .filter(|&r| group.iter().all(|&m| values[m].compatible(&values[r])))
                    .map(MentionId::new)
                    .collect();
                assert_eq!(
                    compatible_with_all(group, &rest, |i| &nodes[i], &refs),
                    expected,
                    "round {round}"
                );
            }
        }
    }
}
