//! Drafts against a corpus indexed once: the index gives the findings that comparing the draft with every corpus
//! mention gives, and a finding that would list more than `draft::LISTED` mentions of a side lists the first of
//! them and counts them all, in every output.

mod common;

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/dense.rs"]
mod dense;

use std::collections::BTreeSet;
use std::fs;

use common::{repo_root, run_in, stdout};
use factlint::check::{check_with, CheckOptions, Checked};
use factlint::draft::{draft_findings, DraftIndex, LISTED};
use factlint::extract::{Mention, Stated};
use factlint::model::Finding;
use factlint::reconcile::{conflicting, count_mentions, sides_by_value};
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};

/// What a draft mention's finding says when every corpus mention of its claim is compared with it, one by one, as
/// drafts were checked before the index: its sides of contradicting mentions (each in corpus order, sides in
/// order of their first mention) and the mentions that agree with it; `None` when nothing contradicts it.
struct Expected<'m> {
    sides: Vec<Vec<&'m Mention>>,
    agreeing: Vec<&'m Mention>,
}

fn compared_one_by_one<'m>(
    rules: &RuleSet,
    corpus: &'m [Mention],
    mention: &Mention,
    except: Option<usize>,
) -> Option<Expected<'m>> {
    let claim = &rules.claims[mention.claim];
    let of_claim: Vec<&Mention> = corpus
        .iter()
        .filter(|m| m.claim == mention.claim && Some(m.source) != except)
        .collect();
    let contradicting: Vec<&Mention> = of_claim
        .iter()
        .copied()
        .filter(|m| conflicting(claim, mention, *m))
        .collect();
    if contradicting.is_empty() {
        return None;
    }
    let mut sides = sides_by_value(&contradicting);
    sides.sort_by_key(|side| side[0].id);
    let agreeing = of_claim
        .into_iter()
        .filter(|m| mention.value.compatible(&m.value))
        .collect();
    Some(Expected { sides, agreeing })
}

fn ids(mentions: &[&Mention]) -> Vec<usize> {
    mentions.iter().map(|m| m.id).take(LISTED).collect()
}

/// Asserts that `finding` lists and counts what `expected` holds.
fn assert_same(finding: &Finding, expected: &Expected, draft: &Mention) {
    assert_eq!(finding.sides[0], [draft.id]);
    let listed: Vec<Vec<usize>> = expected.sides.iter().map(|s| ids(s)).collect();
    assert_eq!(finding.sides[1..], listed, "{}", finding.message);
    assert_eq!(finding.compatible, ids(&expected.agreeing));
    let mut mentions: Vec<usize> = listed.concat();
    mentions.sort_unstable();
    mentions.insert(0, draft.id);
    assert_eq!(finding.mentions, mentions);
    for side in &expected.sides {
        let said = format!("{} ({})", side[0].value.describe(), count_mentions(side));
        assert!(
            finding.message.contains(&said),
            "{said} in {}",
            finding.message
        );
    }
    let side_counts: Vec<usize> = expected.sides.iter().map(Vec::len).collect();
    let shortened = side_counts.iter().any(|&n| n > LISTED) || expected.agreeing.len() > LISTED;
    match &finding.totals {
        Some(totals) => {
            assert!(shortened);
            assert_eq!(totals.sides[1..], side_counts);
            assert_eq!(totals.mentions, 1 + side_counts.iter().sum::<usize>());
            assert_eq!(totals.compatible, expected.agreeing.len());
        }
        None => assert!(!shortened, "{}", finding.message),
    }
}

/// A dense generated corpus (reports of one story, figures repeated with their times and revisions) checked with
/// the seed rules, and a generated draft's mentions numbered after it.
fn dense_corpus_and_draft() -> (RuleSet, Checked, Vec<Mention>) {
    let dir = tempfile::tempdir().unwrap();
    let plan = corpus::Plan {
        docs: Some(60),
        bytes: None,
        seed: 7,
    };
    dense::generate(plan, &dir.path().join("corpus")).unwrap();
    let draft_plan = corpus::Plan {
        docs: Some(1),
        bytes: Some(30_000),
        seed: 3,
    };
    corpus::generate(draft_plan, &dir.path().join("draft")).unwrap();
    let rules = RuleSet::load(&[repo_root().join("rules/niger-withdrawal.yaml")])
        .expect("the seed rules load");
    let corpus = Corpus::load(&[dir.path().join("corpus")]).unwrap();
    let checked = check_with(&rules, corpus, &CheckOptions::default());
    let text = fs::read_to_string(dir.path().join("draft/doc000000.txt")).unwrap();
    let mut draft = Source::in_memory("draft.txt", &text).unwrap();
    draft.published = Some(jiff::civil::date(2024, 5, 20));
    let mentions = checked.mentions_beside(&rules, &draft);
    (rules, checked, mentions)
}

#[test]
fn the_index_finds_what_comparing_every_corpus_mention_finds() {
    let (rules, checked, draft) = dense_corpus_and_draft();
    assert!(checked.mentions.len() > 300, "{}", checked.mentions.len());
    let index = DraftIndex::new(
        rules.claims.len(),
        checked.mentions.held(),
        &checked.undated(),
    );
    let corpus: Vec<Mention> = checked.mentions.iter().collect();
    let mut shortened = 0;
    let mut found = 0;
    // Also as a document of the corpus being edited: its saved copy is left out.
    for except in [None, Some(0), Some(checked.sources.len() / 2)] {
        let findings = draft_findings(&rules, checked.mentions.held(), &index, &draft, except);
        let mut findings = findings.iter();
        for mention in &draft {
            let Some(expected) = compared_one_by_one(&rules, &corpus, mention, except) else {
                continue;
            };
            let finding = findings
                .next()
                .expect("a finding for each contradicted mention");
            assert_eq!(finding.mentions[0], mention.id, "{}", finding.message);
            assert_same(finding, &expected, mention);
            found += 1;
            shortened += usize::from(finding.totals.is_some());
        }
        assert!(
            findings.next().is_none(),
            "no finding for an uncontradicted mention"
        );
    }
    assert!(
        found > 0 && shortened > 0,
        "{found} findings, {shortened} shortened"
    );
}

#[test]
fn leaving_a_source_out_leaves_out_its_mentions_and_their_sources() {
    let (rules, checked, draft) = dense_corpus_and_draft();
    let index = DraftIndex::new(
        rules.claims.len(),
        checked.mentions.held(),
        &checked.undated(),
    );
    let every: BTreeSet<usize> = (0..checked.sources.len()).collect();
    for except in every.iter().step_by(7) {
        for finding in draft_findings(
            &rules,
            checked.mentions.held(),
            &index,
            &draft,
            Some(*except),
        ) {
            let listed = finding.mentions[1..].iter().chain(&finding.compatible);
            assert!(listed
                .map(|&id| checked.mentions.held()[id].source())
                .all(|s| s != *except));
        }
    }
}

const TROOPS: &str =
    "claims:\n  - id: troops\n    title: Troops\n    kind: quantity\n    patterns:\n      - '{quantity}\\s+troops'\n";

/// A corpus that says "more than 1,000 troops" 30 times and "about 700 troops" 25 times, and a draft that
/// contradicts the first and agrees with the second: each list is longer than `LISTED`.
fn repeated_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("troops.yaml"), TROOPS).unwrap();
    for (name, figure, lines) in [("a.txt", "more than 1,000", 30), ("b.txt", "about 700", 25)] {
        let text: String = (0..lines)
            .map(|i| format!("Report {i}: {figure} troops.\n"))
            .collect();
        fs::write(dir.path().join("corpus").join(name), text).unwrap();
    }
    fs::write(
        dir.path().join("draft.txt"),
        "Still fewer than 800 troops.\n",
    )
    .unwrap();
    dir
}

fn check_draft_as(dir: &std::path::Path, format: &str) -> String {
    let args = [
        "check",
        "corpus",
        "--rules",
        "troops.yaml",
        "--draft",
        "draft.txt",
        "--format",
        format,
    ];
    let output = run_in(dir, &args);
    assert_eq!(output.status.code(), Some(1));
    stdout(&output)
}

#[test]
fn a_draft_finding_lists_the_first_mentions_of_each_list_and_counts_them_all() {
    let dir = repeated_corpus();
    let report: serde_json::Value =
        serde_json::from_str(&check_draft_as(dir.path(), "json")).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    insta::assert_json_snapshot!("shortened_draft_finding", findings[0]);
    let human = check_draft_as(dir.path(), "human");
    insta::assert_snapshot!("shortened_draft_finding_human", human);
    let sarif: serde_json::Value =
        serde_json::from_str(&check_draft_as(dir.path(), "sarif")).unwrap();
    let message = &sarif["runs"][0]["results"][0]["message"]["text"];
    assert!(
        message
            .as_str()
            .unwrap()
            .ends_with(", and 10 more mentions."),
        "{message}"
    );
}
