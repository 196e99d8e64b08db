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
use factlint::model::{Finding, MentionId};
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

fn ids(mentions: &[&Mention]) -> Vec<MentionId> {
    mentions
        .iter()
        .map(|m| MentionId::new(m.id))
        .take(LISTED)
        .collect()
}

/// Asserts that `finding` lists and counts what `expected` holds.
fn assert_same(finding: &Finding, expected: &Expected, draft: &Mention) {
    assert_eq!(finding.sides[0], [MentionId::new(draft.id)]);
    let listed: Vec<Vec<MentionId>> = expected.sides.iter().map(|s| ids(s)).collect();
    assert_eq!(finding.sides[1..], listed, "{}", finding.message);
    assert_eq!(finding.compatible, ids(&expected.agreeing));
    let mut mentions: Vec<MentionId> = listed.concat();
    mentions.sort_unstable();
    mentions.insert(0, MentionId::new(draft.id));
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
            assert_eq!(
                finding.mentions[0].index(),
                mention.id,
                "{}",
                finding.message
            );
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
                .map(|&id| checked.mentions.held().at(id.index()).source())
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

/// The landslide story: a toll that rose from 40 to 380 over four days in dated reports, a weekly round-up with no
/// date that says 95, four bridges closed (a claim that ignores time), and drafts of it.
const LANDSLIDE: &str = "tests/fixtures/drafts/landslide";

/// `check --draft` of one of the landslide's drafts against `corpus` (a directory of the story), in `format`, with
/// more arguments.
fn check_landslide(corpus: &str, draft: &str, format: &str, more: &[&str]) -> std::process::Output {
    let corpus = format!("{LANDSLIDE}/{corpus}");
    let rules = format!("{LANDSLIDE}/rules.yaml");
    let draft = format!("{LANDSLIDE}/drafts/{draft}");
    let mut args = vec!["check", &corpus, "--rules", &rules, "--draft", &draft];
    args.extend(["--format", format]);
    args.extend(more);
    common::run(&args)
}

/// The exit code and the findings' messages of a landslide draft checked against the whole corpus.
fn landslide_findings(draft: &str, more: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let output = check_landslide("corpus", draft, "json", more);
    let report = common::json(&output);
    let findings = report["findings"].as_array().unwrap().clone();
    (output.status.code(), findings)
}

#[test]
fn an_undated_draft_with_the_latest_figure_agrees_with_the_corpus() {
    let (code, findings) = landslide_findings("latest-undated.md", &[]);
    assert_eq!(
        findings,
        Vec::<serde_json::Value>::new(),
        "380 holds as of the latest reports; 40 and 210 are its past"
    );
    assert_eq!(code, Some(0));
}

#[test]
fn an_undated_draft_with_an_old_figure_is_out_of_date() {
    let (code, findings) = landslide_findings("old-undated.md", &[]);
    assert_eq!(
        code,
        Some(1),
        "an out-of-date figure fails the check like a contradiction"
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding["kind"], "conflict");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "Deaths in the Tarsel Hill landslide: the draft says 210 (205–215), which is out of date: later corpus \
         figures are 380 (375–385) (3 mentions in 2 sources), the latest as of 2026-04-16 20:00; agreeing: 1 \
         mention in 1 source"
    );
    assert_eq!(
        finding["sides"].as_array().unwrap().len(),
        2,
        "the draft, then 380; 40 is an earlier figure"
    );
    let human = check_landslide("corpus", "old-undated.md", "human", &["--color", "never"]);
    insta::assert_snapshot!("out_of_date_draft_human", common::stdout(&human));
}

#[test]
fn a_figure_ahead_of_the_latest_contradicts_them_and_not_the_older_ones() {
    let (code, findings) = landslide_findings("ahead-undated.md", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let message = findings[0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "Deaths in the Tarsel Hill landslide: the draft says 500 (495–505), the corpus says 380 (375–385) (3 \
         mentions in 2 sources); no corpus mention agrees"
    );
}

#[test]
fn a_dated_draft_is_compared_as_of_its_date() {
    let (code, findings) = landslide_findings("old-dated.md", &[]);
    assert_eq!(
        (code, findings.len()),
        (Some(0), 0),
        "210 on Tuesday noon is what Valley Radio said then"
    );
    let (code, findings) =
        landslide_findings("old-undated.md", &["--draft-date", "2026-04-14T12:00"]);
    assert_eq!(
        (code, findings.len()),
        (Some(0), 0),
        "--draft-date dates an undated draft"
    );
    let (_, findings) = landslide_findings("old-dated.md", &["--draft-date", "2026-04-17"]);
    let message = findings[0]["message"].as_str().unwrap();
    assert!(
        message.contains("the draft says 210 (205–215), the corpus says 380 (375–385)"),
        "dated after the latest figures, 210 goes against the rising trend: {message}"
    );
    let output = check_landslide(
        "corpus",
        "old-undated.md",
        "json",
        &["--draft-date", "next week"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        common::stderr(&output).contains("--draft-date: \"next week\" is not a date"),
        "{}",
        common::stderr(&output)
    );
}

#[test]
fn a_claim_that_ignores_time_compares_an_undated_draft_with_every_corpus_figure() {
    let (code, findings) = landslide_findings("bridges-undated.md", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        findings[0]["message"],
        "Bridges closed by the landslide: the draft says 3, the corpus says 4 (2 mentions in 2 sources); no corpus \
         mention agrees"
    );
}

#[test]
fn corpus_figures_that_no_date_places_are_not_compared_with_a_draft() {
    // The round-up's 95 is compared only within its own report, so it neither agrees with a draft's 95 nor
    // contradicts its 380.
    let (_, findings) = landslide_findings("old-undated.md", &[]);
    let report = common::json(&check_landslide("corpus", "old-undated.md", "json", &[]));
    let roundup: Vec<u64> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["source"]
                .as_str()
                .unwrap()
                .ends_with("05-weekly-roundup-undated.txt")
        })
        .map(|m| m["id"].as_u64().unwrap())
        .collect();
    assert_eq!(roundup.len(), 1);
    let listed = findings[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(findings[0]["compatible"].as_array().unwrap());
    assert!(listed.into_iter().all(|id| id.as_u64() != Some(roundup[0])));
    // With no dated figure at all, nothing in the corpus can be set against a draft's figure of the toll.
    let output = check_landslide("undated-only", "old-undated.md", "json", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(common::json(&output)["findings"], serde_json::json!([]));
}

/// A claim with a window and no trend: volunteers counted each month.
const VOLUNTEERS: &str =
    "claims:\n  - id: volunteers\n    title: Volunteers at the shelter\n    kind: quantity\n    \
                          window: 7 days\n    patterns:\n      - '{quantity}\\s+volunteers'\n";

#[test]
fn without_a_trend_a_figure_the_corpus_gave_earlier_is_out_of_date_and_another_contradicts() {
    let dated = |day: &str, figure: &str| {
        format!("---\npublished: {day}\n---\n{figure} volunteers helped.\n")
    };
    let dir = common::workspace(
        VOLUNTEERS,
        &[
            ("january.txt", &dated("2026-01-05", "120")),
            ("early-march.txt", &dated("2026-03-06", "150")),
            ("march.txt", &dated("2026-03-09", "150")),
        ],
    );
    let check = |figure: &str| {
        fs::write(
            dir.path().join("draft.txt"),
            format!("{figure} volunteers came.\n"),
        )
        .unwrap();
        let report = common::json(&common::check_draft(dir.path(), "draft.txt"));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(check("150"), Vec::<String>::new());
    assert_eq!(
        check("120"),
        ["Volunteers at the shelter: the draft says 120 (115–125), which is out of date: later corpus figures are \
          150 (145–155) (2 mentions in 2 sources), the latest as of 2026-03-09; agreeing: 1 mention in 1 source"]
    );
    assert_eq!(
        check("90"),
        ["Volunteers at the shelter: the draft says 90, the corpus says 150 (145–155) (2 mentions in 2 sources); no \
          corpus mention agrees"]
    );
}
