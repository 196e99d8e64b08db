//! Findings of the claims whose mentions are placed when they are found (`term` and `quote` claims): a group
//! holding a mention that departs from its reference is a conflict, every other mention is the claim's agreement.
//! No two mentions are compared here, so many quotations cost no more than their grouping.

use std::collections::BTreeMap;

use super::{assemble, count_mentions};
use crate::extract::Stated;
use crate::model::{Finding, FindingKind, Placement};
use crate::rules::Claim;

/// The findings of a term or quote claim from its mentions' placements: one conflict per group that holds a
/// departing mention (its sides by placement), then one agreement for every other mention. `mentions` is let go
/// once they are grouped: the list of the largest claim of a large corpus is tens of MB.
pub fn findings<M: Stated>(claim_index: usize, claim: &Claim, mentions: Vec<&M>) -> Vec<Finding> {
    let groups = in_order_of_appearance(&mentions, |p| (p.group, 0));
    drop(mentions);
    let mut found = Vec::new();
    let mut agreeing = Vec::new();
    for members in groups {
        if members
            .iter()
            .any(|m| m.value().placement().is_some_and(|p| p.drifted))
        {
            found.push(finding(claim_index, claim, FindingKind::Conflict, &members));
        } else {
            agreeing.extend(members);
        }
    }
    if !agreeing.is_empty() {
        agreeing.sort_by_key(|m| m.id());
        found.push(finding(
            claim_index,
            claim,
            FindingKind::Agreement,
            &agreeing,
        ));
    }
    found
}

/// `mentions` bucketed by a key of their placement, buckets in order of their first mention.
fn in_order_of_appearance<'m, M: Stated>(
    mentions: &[&'m M],
    key: impl Fn(Placement) -> (usize, usize),
) -> Vec<Vec<&'m M>> {
    let mut slots: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut buckets: Vec<Vec<&M>> = Vec::new();
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

fn finding<M: Stated>(
    claim_index: usize,
    claim: &Claim,
    kind: FindingKind,
    members: &[&M],
) -> Finding {
    let sides = in_order_of_appearance(members, |p| (p.group, p.side));
    let described: Vec<String> = sides
        .iter()
        .map(|side| format!("{} ({})", side[0].value().describe(), count_mentions(side)))
        .collect();
    let message = match (kind, described.len()) {
        (FindingKind::Agreement, _) => {
            let values: Vec<String> = sides
                .iter()
                .map(|side| side[0].value().describe())
                .collect();
            format!(
                "{}: {} agree: {}",
                claim.title,
                count_mentions(members),
                values.join("; ")
            )
        }
        (_, 1) => format!("{}: {}", claim.title, described[0]),
        _ => format!(
            "{}: sources disagree: {}",
            claim.title,
            described.join(" vs ")
        ),
    };
    assemble(claim_index, claim, kind, message, members, &sides)
}
