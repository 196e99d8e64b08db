//! Draft mode: checks one unpublished text against the corpus and keeps only what concerns the draft.
//!
//! Each mention in the draft that contradicts corpus mentions becomes one finding, anchored on the draft's words:
//! its first side is the draft mention, the other sides are the contradicting corpus mentions grouped by value, and
//! its `compatible` list holds the corpus mentions that agree with the draft. The corpus's own disagreements are not
//! the draft's business and are left out. Term and quote conflicts (a wording of a name, a group of quotations) are
//! kept whole when the draft has a mention in them.

use std::collections::HashMap;

use crate::check::Checked;
use crate::extract::Mention;
use crate::model::{Finding, FindingKind};
use crate::reconcile::{conflicting, count_mentions, sides_by_value};
use crate::rules::RuleSet;
use crate::source::Source;

/// Checks a draft against a finished check of the corpus: the draft's mentions are added to `checked`, and its
/// findings become the draft's own contradictions with the corpus. The corpus is not reconciled again, so this costs
/// the draft's extraction and one comparison per draft mention and corpus mention of its claim. Returns the draft's
/// source index.
pub fn check_draft(checked: &mut Checked, rules: &RuleSet, draft: &Source) -> usize {
    let index = checked.append_source(rules, draft);
    keep_draft_findings(checked, rules, index);
    index
}

/// Replaces the findings of `checked` (which must include the draft as source `draft`) by the draft's own
/// contradictions with the corpus.
pub fn keep_draft_findings(checked: &mut Checked, rules: &RuleSet, draft: usize) {
    let (draft_mentions, corpus): (Vec<&Mention>, Vec<&Mention>) =
        checked.mentions.iter().partition(|m| m.source == draft);
    let by_claim = by_claim(rules, corpus);
    let mut findings: Vec<Finding> = draft_mentions
        .iter()
        .filter_map(|mention| draft_finding(rules, mention, &by_claim[mention.claim]))
        .collect();
    // Term and quote conflicts are groups of wordings, not pairs: keep those the draft takes part in.
    findings.extend(checked.findings.drain(..).filter(|f| {
        rules.claims[f.claim].kind.is_wording()
            && f.kind == FindingKind::Conflict
            && f.mentions
                .iter()
                .any(|&id| checked.mentions[id].source == draft)
    }));
    checked.findings = findings;
}

/// Corpus mentions claim by claim: one list per claim of `rules`, each in the order given.
pub fn by_claim<'m>(
    rules: &RuleSet,
    corpus: impl IntoIterator<Item = &'m Mention>,
) -> Vec<ClaimMentions<'m>> {
    let mut lists = vec![Vec::new(); rules.claims.len()];
    for mention in corpus {
        lists[mention.claim].push(mention);
    }
    lists.into_iter().map(ClaimMentions::new).collect()
}

/// The corpus mentions of one claim, gathered into classes that every comparison with a draft mention treats
/// alike: the same value (its [`Value::key`](crate::kinds::Value::key)), time and rank. A draft mention is then
/// compared once per class, not once per mention: a large corpus repeats the same few figures thousands of times.
pub struct ClaimMentions<'m> {
    /// The classes in order of first appearance, each in the order given.
    classes: Vec<Vec<&'m Mention>>,
}

impl<'m> ClaimMentions<'m> {
    /// Gathers `mentions` (of one claim, in corpus order) into classes. Term and quote values have no key: each is
    /// a class of its own.
    pub fn new(mentions: impl IntoIterator<Item = &'m Mention>) -> ClaimMentions<'m> {
        let mut classes: Vec<Vec<&Mention>> = Vec::new();
        let mut class_of = HashMap::new();
        for mention in mentions {
            let Some(key) = mention.value.key() else {
                classes.push(vec![mention]);
                continue;
            };
            let time = mention.time.map(|t| t.midpoint());
            let class = *class_of
                .entry((key, time, mention.rank))
                .or_insert_with(|| {
                    classes.push(Vec::new());
                    classes.len() - 1
                });
            classes[class].push(mention);
        }
        ClaimMentions { classes }
    }

    /// The mentions of the classes whose first mention passes `test`, in id order.
    fn matching(&self, test: impl Fn(&Mention) -> bool) -> Vec<&'m Mention> {
        let mut found: Vec<&Mention> = self
            .classes
            .iter()
            .filter(|class| test(class[0]))
            .flatten()
            .copied()
            .collect();
        found.sort_by_key(|m| m.id);
        found
    }

    /// The mentions of the classes of `representatives` (first mentions of classes), in id order.
    fn classes_of(&self, representatives: &[&Mention]) -> Vec<&'m Mention> {
        self.matching(|first| representatives.iter().any(|r| r.id == first.id))
    }
}

/// The finding of one draft mention against `of_claim`, the corpus mentions of its claim: `None` when none of
/// them contradicts it. Its first side is the draft mention, then the contradicting mentions grouped by value; its
/// `compatible` list holds the corpus mentions that agree with the draft.
pub fn draft_finding(
    rules: &RuleSet,
    mention: &Mention,
    of_claim: &ClaimMentions,
) -> Option<Finding> {
    let claim = &rules.claims[mention.claim];
    let contradicting_classes: Vec<&Mention> = of_claim
        .classes
        .iter()
        .map(|class| class[0])
        .filter(|first| conflicting(claim, mention, first))
        .collect();
    if contradicting_classes.is_empty() {
        return None;
    }
    let contradicting = of_claim.classes_of(&contradicting_classes);
    let agreeing = of_claim.matching(|first| mention.value.compatible(&first.value));
    let mut sides = vec![vec![mention.id]];
    let mut described: Vec<String> = Vec::new();
    for side in sides_by_value(&contradicting_classes) {
        let side = of_claim.classes_of(&side);
        described.push(format!(
            "{} ({})",
            side[0].value.describe(),
            count_mentions(&side)
        ));
        sides.push(side.iter().map(|m| m.id).collect());
    }
    let agreement = if agreeing.is_empty() {
        "no corpus mention agrees".to_string()
    } else {
        format!("agreeing: {}", count_mentions(&agreeing))
    };
    Some(Finding {
        claim: mention.claim,
        kind: FindingKind::Conflict,
        severity: claim.severity,
        message: format!(
            "{}: the draft says {}, the corpus says {}; {agreement}",
            claim.title,
            mention.value.describe(),
            described.join(" and ")
        ),
        mentions: std::iter::once(mention.id)
            .chain(contradicting.iter().map(|m| m.id))
            .collect(),
        sides,
        compatible: agreeing.iter().map(|m| m.id).collect(),
    })
}
