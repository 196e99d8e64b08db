//! Reconciliation: decides, claim by claim, which mentions agree and which conflict.
//!
//! Two mentions conflict when their values are incompatible (see [`Value::compatible`]). For quantities whose as-of
//! dates lie further apart than the claim's window, the difference is a change over time instead. Findings are
//! grouped, never pairwise: the conflicting pairs of a claim form a graph, and each connected part of it is one
//! finding that lists all its mentions, split into sides by value. Every mention ends up in exactly one finding:
//! its conflict, else its change, else the claim's agreement finding.

use std::collections::BTreeSet;

use crate::check::Mention;
use crate::normalize::Value;
use crate::rules::{Claim, ClaimKind, Severity};

/// What a finding says about its mentions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Incompatible values at the same time.
    Conflict,
    /// Incompatible values whose as-of dates lie further apart than the claim's window.
    Change,
    /// Compatible values (or a single mention).
    Agreement,
}

/// A group of mentions of one claim and what they say together.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the claim in the rule set.
    pub claim: usize,
    /// Conflict, change or agreement.
    pub kind: FindingKind,
    /// The claim's severity for conflicts; `note` for changes and agreements.
    pub severity: Severity,
    /// One line that says what was found.
    pub message: String,
    /// Every mention of the finding (mention ids), in corpus order.
    pub mentions: Vec<usize>,
    /// The mentions grouped by value, each side in corpus order, sides in order of first appearance.
    pub sides: Vec<Vec<usize>>,
    /// Mentions of the claim outside this finding that are compatible with all of its sides (conflicts only):
    /// figures vague enough to support either side.
    pub compatible: Vec<usize>,
}

/// Reconciles the mentions of every claim. `mentions` must be in corpus order and indexed by their ids.
pub fn reconcile(claims: &[Claim], mentions: &[Mention]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let of_claim: Vec<&Mention> = mentions.iter().filter(|m| m.claim == index).collect();
        findings.extend(if claim.kind.is_wording() {
            crate::drift::findings(index, claim, &of_claim)
        } else {
            reconcile_claim(index, claim, &of_claim)
        });
    }
    findings
}

/// True when two mentions of a claim of `kind` conflict: their values are incompatible, and not because they
/// describe dates further apart than the claim's window.
pub fn conflicting(kind: &ClaimKind, a: &Mention, b: &Mention) -> bool {
    !a.value.compatible(&b.value) && !apart_in_time(&a.value, &b.value, window_of(kind))
}

fn window_of(kind: &ClaimKind) -> Option<i64> {
    match kind {
        ClaimKind::Quantity { window_days, .. } => *window_days,
        _ => None,
    }
}

fn reconcile_claim(index: usize, claim: &Claim, mentions: &[&Mention]) -> Vec<Finding> {
    let mut conflicts = UnionFind::new(mentions.len());
    let mut changes = UnionFind::new(mentions.len());
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            if mentions[i].value.compatible(&mentions[j].value) {
                continue;
            }
            if conflicting(&claim.kind, mentions[i], mentions[j]) {
                conflicts.union(i, j);
            } else {
                changes.union(i, j);
            }
        }
    }
    let mut findings = Vec::new();
    let mut placed = BTreeSet::new();
    for group in conflicts.groups() {
        placed.extend(group.iter().copied());
        findings.push(finding(
            index,
            claim,
            FindingKind::Conflict,
            &group,
            mentions,
        ));
    }
    for group in changes.groups() {
        let unplaced: Vec<usize> = group.into_iter().filter(|i| !placed.contains(i)).collect();
        if unplaced.len() > 1 {
            placed.extend(unplaced.iter().copied());
            findings.push(finding(
                index,
                claim,
                FindingKind::Change,
                &unplaced,
                mentions,
            ));
        }
    }
    let rest: Vec<usize> = (0..mentions.len())
        .filter(|i| !placed.contains(i))
        .collect();
    for found in findings
        .iter_mut()
        .filter(|f| f.kind == FindingKind::Conflict)
    {
        found.compatible = compatible_with_all(found, &rest, mentions);
    }
    if !rest.is_empty() {
        findings.push(finding(
            index,
            claim,
            FindingKind::Agreement,
            &rest,
            mentions,
        ));
    }
    findings
}

/// True when two quantity mentions describe dates further apart than `window` days (unknown dates are not apart).
fn apart_in_time(a: &Value, b: &Value, window: Option<i64>) -> bool {
    let (
        Some(window),
        Value::Quantity { as_of: Some(a), .. },
        Value::Quantity { as_of: Some(b), .. },
    ) = (window, a, b)
    else {
        return false;
    };
    match (a.midpoint(), b.midpoint()) {
        (Some(a), Some(b)) => a.duration_since(b).as_hours().abs() / 24 > window,
        _ => false,
    }
}

/// The positions in `rest` whose values are compatible with every mention of `found`, as mention ids.
fn compatible_with_all(found: &Finding, rest: &[usize], mentions: &[&Mention]) -> Vec<usize> {
    let members: Vec<&Mention> = mentions
        .iter()
        .copied()
        .filter(|m| found.mentions.contains(&m.id))
        .collect();
    rest.iter()
        .map(|&i| mentions[i])
        .filter(|candidate| members.iter().all(|m| m.value.compatible(&candidate.value)))
        .map(|m| m.id)
        .collect()
}

/// Builds a finding from positions into `mentions`.
fn finding(
    claim_index: usize,
    claim: &Claim,
    kind: FindingKind,
    group: &[usize],
    mentions: &[&Mention],
) -> Finding {
    let members: Vec<&Mention> = group.iter().map(|&i| mentions[i]).collect();
    let sides = sides_by_value(&members);
    let message = message(claim, kind, &sides, &members);
    assemble(claim_index, claim, kind, message, &members, &sides)
}

/// A finding of `kind` on a claim from its mentions and their sides: a conflict at the claim's severity, a change or
/// an agreement as a note.
pub(crate) fn assemble(
    claim_index: usize,
    claim: &Claim,
    kind: FindingKind,
    message: String,
    members: &[&Mention],
    sides: &[Vec<&Mention>],
) -> Finding {
    let severity = match kind {
        FindingKind::Conflict => claim.severity,
        FindingKind::Change | FindingKind::Agreement => Severity::Note,
    };
    Finding {
        claim: claim_index,
        kind,
        severity,
        message,
        mentions: members.iter().map(|m| m.id).collect(),
        sides: sides
            .iter()
            .map(|side| side.iter().map(|m| m.id).collect())
            .collect(),
        compatible: Vec::new(),
    }
}

/// Groups mentions by their described value, in order of first appearance.
pub fn sides_by_value<'m>(members: &[&'m Mention]) -> Vec<Vec<&'m Mention>> {
    let mut sides: Vec<(String, Vec<&Mention>)> = Vec::new();
    for &mention in members {
        let key = mention.value.describe();
        match sides.iter_mut().find(|(k, _)| *k == key) {
            Some((_, side)) => side.push(mention),
            None => sides.push((key, vec![mention])),
        }
    }
    sides.into_iter().map(|(_, side)| side).collect()
}

fn message(
    claim: &Claim,
    kind: FindingKind,
    sides: &[Vec<&Mention>],
    members: &[&Mention],
) -> String {
    let side_text = |side: &Vec<&Mention>| {
        let value = side[0].value.describe();
        format!("{value} ({})", count_mentions(side))
    };
    let described: Vec<String> = sides.iter().map(side_text).collect();
    match kind {
        FindingKind::Conflict => format!(
            "{}: sources disagree: {}",
            claim.title,
            described.join(" vs ")
        ),
        FindingKind::Change => format!(
            "{}: changed over time: {}",
            claim.title,
            described.join(" then ")
        ),
        FindingKind::Agreement => {
            let values: Vec<String> = sides.iter().map(|s| s[0].value.describe()).collect();
            format!(
                "{}: {} agree: {}",
                claim.title,
                count_mentions(members),
                values.join("; ")
            )
        }
    }
}

/// "1 mention in 1 source", "3 mentions in 2 sources".
pub fn count_mentions(mentions: &[&Mention]) -> String {
    let sources: BTreeSet<usize> = mentions.iter().map(|m| m.source).collect();
    format!(
        "{} mention{} in {} source{}",
        mentions.len(),
        plural(mentions.len()),
        sources.len(),
        plural(sources.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Disjoint sets over positions, to collect connected parts of the conflict graph (and of other relations).
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(size: usize) -> UnionFind {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Sets with more than one member, each sorted, ordered by their smallest member.
    fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut root_slot = std::collections::BTreeMap::new();
        for i in 0..self.parent.len() {
            let root = self.find(i);
            let slot = *root_slot.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[slot].push(i);
        }
        groups.retain(|g| g.len() > 1);
        groups
    }
}
