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
    let alike = alike_by_claim(rules, &checked.mentions);
    let mut findings: Vec<Finding> = checked
        .mentions
        .iter()
        .filter(|m| m.source == draft)
        .filter_map(|mention| {
            let corpus = ClaimMentions::new(&checked.mentions, &alike[mention.claim], Some(draft));
            draft_finding(rules, mention, &corpus)
        })
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

/// The mentions of each claim of `rules` (one entry per claim) gathered into classes of alike mentions.
pub fn alike_by_claim(rules: &RuleSet, mentions: &[Mention]) -> Vec<Alike> {
    let mut lists = vec![Vec::new(); rules.claims.len()];
    for mention in mentions {
        lists[mention.claim].push(mention);
    }
    lists.into_iter().map(Alike::new).collect()
}

/// The mentions of one claim gathered into classes that every comparison with a draft mention treats alike: the
/// same value (its [`Value::key`](crate::kinds::Value::key)), time and rank. A draft mention is then compared once
/// per class, not once per mention: a large corpus repeats the same few figures thousands of times. Built once for
/// a corpus, and used for every draft checked against it.
#[derive(Debug, Clone, Default)]
pub struct Alike {
    /// Mention ids, class by class in order of first appearance, each class in the order given.
    classes: Vec<Vec<usize>>,
}

impl Alike {
    /// Gathers `mentions` (of one claim, in corpus order) into classes. Term and quote values have no key: each is
    /// a class of its own.
    pub fn new<'m>(mentions: impl IntoIterator<Item = &'m Mention>) -> Alike {
        let mut classes: Vec<Vec<usize>> = Vec::new();
        let mut class_of = HashMap::new();
        for mention in mentions {
            let Some(key) = mention.value.key() else {
                classes.push(vec![mention.id]);
                continue;
            };
            let time = mention.time.map(|t| t.midpoint());
            let class = *class_of
                .entry((key, time, mention.rank))
                .or_insert_with(|| {
                    classes.push(Vec::new());
                    classes.len() - 1
                });
            classes[class].push(mention.id);
        }
        Alike { classes }
    }
}

/// The corpus mentions of one claim that a draft mention is compared with: the classes of [`Alike`], the mentions
/// they number, and the source left out (the draft itself, or the corpus's copy of a document being edited).
pub struct ClaimMentions<'m> {
    mentions: &'m [Mention],
    alike: &'m Alike,
    except: Option<usize>,
}

impl<'m> ClaimMentions<'m> {
    /// The mentions of `alike` (ids into `mentions`), leaving out those of source `except`.
    pub fn new(
        mentions: &'m [Mention],
        alike: &'m Alike,
        except: Option<usize>,
    ) -> ClaimMentions<'m> {
        ClaimMentions {
            mentions,
            alike,
            except,
        }
    }

    /// Each class that keeps a mention, with the first it keeps (which stands for the class in comparisons).
    fn representatives(&self) -> Vec<(usize, &'m Mention)> {
        (0..self.alike.classes.len())
            .filter_map(|class| Some((class, self.members(class).next()?)))
            .collect()
    }

    fn members(&self, class: usize) -> impl Iterator<Item = &'m Mention> + '_ {
        self.alike.classes[class]
            .iter()
            .map(|&id| &self.mentions[id])
            .filter(|m| Some(m.source) != self.except)
    }

    /// The mentions of `classes`, in id (corpus) order.
    fn expand(&self, classes: impl IntoIterator<Item = usize>) -> Vec<&'m Mention> {
        let mut found: Vec<&Mention> = classes.into_iter().flat_map(|c| self.members(c)).collect();
        found.sort_unstable_by_key(|m| m.id);
        found
    }
}

/// The finding of one draft mention against `corpus`, the corpus mentions of its claim: `None` when none of them
/// contradicts it. Its first side is the draft mention, then the contradicting mentions grouped by value; its
/// `compatible` list holds the corpus mentions that agree with the draft.
pub fn draft_finding(
    rules: &RuleSet,
    mention: &Mention,
    corpus: &ClaimMentions,
) -> Option<Finding> {
    let claim = &rules.claims[mention.claim];
    let representatives = corpus.representatives();
    let contradicting_classes: HashMap<usize, usize> = representatives
        .iter()
        .filter(|(_, first)| conflicting(claim, mention, first))
        .map(|&(class, first)| (first.id, class))
        .collect();
    if contradicting_classes.is_empty() {
        return None;
    }
    let contradicting = corpus.expand(contradicting_classes.values().copied());
    let agreeing = corpus.expand(
        representatives
            .iter()
            .filter(|(_, first)| mention.value.compatible(&first.value))
            .map(|&(class, _)| class),
    );
    let firsts: Vec<&Mention> = representatives
        .iter()
        .map(|&(_, first)| first)
        .filter(|first| contradicting_classes.contains_key(&first.id))
        .collect();
    let mut sides = vec![vec![mention.id]];
    let mut described: Vec<String> = Vec::new();
    for side in sides_by_value(&firsts) {
        let side = corpus.expand(side.iter().map(|first| contradicting_classes[&first.id]));
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
