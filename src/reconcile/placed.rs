//! Findings of the claims whose mentions are placed when they are found (`term` and `quote` claims): a group
//! holding a mention that departs from its reference is a conflict, every other mention is the claim's agreement.
//! No two mentions are compared here, so many quotations cost no more than their grouping.

use std::collections::{BTreeMap, BTreeSet};

use super::{assemble, count_mentions, mentions_in_sources};
use crate::extract::Stated;
use crate::model::{Finding, FindingKind, MentionId, Placement, Severity};
use crate::rules::Claim;

/// The findings of a term or quote claim from its mentions' placements: one conflict per group that holds a
/// departing mention (its sides by placement), then one agreement for every other mention. `mentions` (the
/// claim's, in corpus order) is walked twice and never listed: the agreement of the largest claim of a large corpus
/// holds millions of mentions, and is built as the finding's own lists of ids.
pub fn findings<M: Stated + Copy>(
    claim_index: usize,
    claim: &Claim,
    mentions: impl Iterator<Item = M> + Clone,
) -> Vec<Finding> {
    let groups = Groups::of(mentions.clone());
    let mut conflicts: BTreeMap<usize, Vec<M>> = BTreeMap::new();
    let mut agreement = Agreement::default();
    for (mention, placement) in placed(mentions) {
        if groups.drifted.contains(&placement.group) {
            conflicts.entry(placement.group).or_default().push(mention);
        } else {
            agreement.add(mention, placement);
        }
    }
    let mut found: Vec<Finding> = groups
        .in_order
        .iter()
        .filter_map(|group| conflicts.remove(group))
        .map(|members| conflict(claim_index, claim, &members))
        .collect();
    found.extend(agreement.finding(claim_index, claim));
    found
}

/// The mentions that have a placement, with it.
fn placed<M: Stated + Copy>(
    mentions: impl Iterator<Item = M>,
) -> impl Iterator<Item = (M, Placement)> {
    mentions.filter_map(|m| m.value().placement().map(|p| (m, p)))
}

/// The groups of a claim's mentions: in order of their first mention, and those that hold a departing mention.
struct Groups {
    in_order: Vec<usize>,
    drifted: BTreeSet<usize>,
}

impl Groups {
    fn of<M: Stated + Copy>(mentions: impl Iterator<Item = M>) -> Groups {
        let mut seen = BTreeSet::new();
        let mut groups = Groups {
            in_order: Vec::new(),
            drifted: BTreeSet::new(),
        };
        for (_, placement) in placed(mentions) {
            if seen.insert(placement.group) {
                groups.in_order.push(placement.group);
            }
            if placement.drifted {
                groups.drifted.insert(placement.group);
            }
        }
        groups
    }
}

/// The claim's agreement, built a mention at a time in corpus order: its mentions' ids, and its sides (one per
/// group and side of the placements, in order of their first mention), each with its first mention, which names
/// its value.
struct Agreement<M> {
    mentions: Vec<MentionId>,
    sources: BTreeSet<usize>,
    sides: Vec<(M, Vec<MentionId>)>,
    side_of: BTreeMap<(usize, usize), usize>,
}

impl<M> Default for Agreement<M> {
    fn default() -> Self {
        Agreement {
            mentions: Vec::new(),
            sources: BTreeSet::new(),
            sides: Vec::new(),
            side_of: BTreeMap::new(),
        }
    }
}

impl<M: Stated + Copy> Agreement<M> {
    fn add(&mut self, mention: M, placement: Placement) {
        let id = MentionId::new(mention.id());
        self.mentions.push(id);
        self.sources.insert(mention.source());
        let sides = &mut self.sides;
        let side = *self
            .side_of
            .entry((placement.group, placement.side))
            .or_insert_with(|| {
                sides.push((mention, Vec::new()));
                sides.len() - 1
            });
        sides[side].1.push(id);
    }

    /// The agreement finding: its message names the mentions and sources, and the value of each side; none when no
    /// mention agrees.
    fn finding(self, claim_index: usize, claim: &Claim) -> Option<Finding> {
        if self.mentions.is_empty() {
            return None;
        }
        let values: Vec<String> = self
            .sides
            .iter()
            .map(|(first, _)| first.value().describe())
            .collect();
        let message = format!(
            "{}: {} agree: {}",
            claim.title,
            mentions_in_sources(self.mentions.len(), self.sources.len()),
            values.join("; ")
        );
        Some(Finding {
            claim: claim_index,
            kind: FindingKind::Agreement,
            severity: Severity::Note,
            message,
            mentions: self.mentions,
            sides: self.sides.into_iter().map(|(_, ids)| ids).collect(),
            compatible: Vec::new(),
            totals: None,
        })
    }
}

/// `mentions` bucketed by a key of their placement, buckets in order of their first mention.
fn in_order_of_appearance<M: Stated + Copy>(
    mentions: &[M],
    key: impl Fn(Placement) -> (usize, usize),
) -> Vec<Vec<M>> {
    let mut slots: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut buckets: Vec<Vec<M>> = Vec::new();
    for &m in mentions {
        let Some(placement) = m.value().placement() else {
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

/// The conflict of a group that holds a departing mention: its sides by placement.
fn conflict<M: Stated + Copy>(claim_index: usize, claim: &Claim, members: &[M]) -> Finding {
    let sides = in_order_of_appearance(members, |p| (p.group, p.side));
    let described: Vec<String> = sides
        .iter()
        .map(|side| format!("{} ({})", side[0].value().describe(), count_mentions(side)))
        .collect();
    let message = match described.len() {
        1 => format!("{}: {}", claim.title, described[0]),
        _ => format!(
            "{}: sources disagree: {}",
            claim.title,
            described.join(" vs ")
        ),
    };
    assemble(
        claim_index,
        claim,
        FindingKind::Conflict,
        message,
        members,
        &sides,
    )
}
