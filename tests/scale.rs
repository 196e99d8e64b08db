//! Scale and determinism: generated corpora give exactly their planted mentions, the one-pass scan equals one
//! search per pattern, output does not depend on the thread count, and large findings stay readable.

mod common;

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/dense.rs"]
mod dense;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{repo_root, run_in, stdout};
use factlint::check::{check_with, CheckOptions};
use factlint::draft::check_draft;
use factlint::kinds::Value;
use factlint::model::{Finding, MentionId};
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};

fn seed_rules() -> RuleSet {
    RuleSet::load(&[repo_root().join("rules/niger-withdrawal.yaml")]).expect("the seed rules load")
}

fn generate(dir: &Path, docs: usize, megabytes: u64, seed: u64) -> corpus::Planted {
    let plan = corpus::Plan {
        docs: Some(docs),
        bytes: Some(megabytes * 1_000_000),
        seed,
    };
    corpus::generate(plan, dir).expect("the corpus is written")
}

/// Checks the corpus in `dir` with the seed rules and asserts that it gives exactly the `planted` mentions.
fn check_planted(dir: &Path, planted: &corpus::Planted) -> factlint::check::Checked {
    let rules = seed_rules();
    let checked = check_with(
        &rules,
        Corpus::load(&[dir.to_path_buf()]).unwrap(),
        &CheckOptions::default(),
    );
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for mention in &checked.mentions {
        *found
            .entry(rules.claims[mention.claim].id.as_str())
            .or_default() += 1;
    }
    assert_eq!(found, planted.mentions);
    checked
}

#[test]
fn a_generated_corpus_gives_exactly_its_planted_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let planted = generate(dir.path(), 12, 2, 3);
    let checked = check_planted(dir.path(), &planted);
    assert!(
        planted.mentions.values().all(|&n| n > 10),
        "{:?}",
        planted.mentions
    );
    assert_eq!(checked.sources.len(), planted.docs);
    assert!(
        checked.warnings.is_empty(),
        "{:?}",
        checked.warnings.first()
    );
}

#[test]
fn a_dense_corpus_gives_exactly_its_planted_mentions_and_mostly_undated_reports() {
    let dir = tempfile::tempdir().unwrap();
    let plan = corpus::Plan {
        docs: None,
        bytes: Some(300_000),
        seed: 4,
    };
    let planted = dense::generate(plan, dir.path()).expect("the corpus is written");
    let checked = check_planted(dir.path(), &planted);
    let total: usize = planted.mentions.values().sum();
    let per_kb = total as f64 / (planted.bytes as f64 / 1000.0);
    assert!((1.5..3.0).contains(&per_kb), "{per_kb} mentions per KB");
    assert_eq!(checked.sources.len(), planted.docs);
    // Undated as the front matter goes: a dateline may still give a date, inferred.
    let undated = checked
        .sources
        .iter()
        .filter(|s| s.published.is_none() || s.published_inferred.is_some())
        .count();
    assert!(
        (planted.docs * 2 / 5..planted.docs * 4 / 5).contains(&undated),
        "{undated} of {} undated",
        planted.docs
    );
}

#[test]
fn every_planted_template_gives_one_mention_of_its_claim_in_every_form() {
    let rules = seed_rules();
    for (claim, template) in corpus::PLANTED {
        let variants = corpus::planted_variants(template);
        let text = format!("Niger today\n\n{}\n", variants.join("\n\n"));
        let mut source = Source::in_memory("planted.txt", &text).unwrap();
        source.published = Some(jiff::civil::date(2024, 5, 20));
        let checked = check_with(
            &rules,
            Corpus::from_sources(vec![source]),
            &CheckOptions::default(),
        );
        let claims: Vec<&str> = checked
            .mentions
            .iter()
            .map(|m| rules.claims[m.claim].id.as_str())
            .collect();
        let found = claims.iter().filter(|c| *c == claim).count();
        assert_eq!(
            found,
            variants.len(),
            "{template}: {} of {} forms found",
            found,
            variants.len()
        );
        assert_eq!(
            claims.len(),
            found,
            "{template}: mentions of other claims: {claims:?}"
        );
    }
}

#[test]
fn one_pass_equals_one_search_per_pattern_on_generated_text() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 3, 0, 11);
    let rules = seed_rules();
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read_to_string(&path).unwrap();
            let scanner = rules.scanner();
            assert_eq!(
                scanner.scan(&text),
                scanner.scan_one_by_one(&text),
                "{}",
                path.display()
            );
        }
    }
}

/// Runs `factlint check` on `corpus` with `extra` arguments, returning stdout.
fn check_output(dir: &Path, extra: &[&str]) -> String {
    let rules = repo_root().join("rules");
    let mut args = vec!["check", "corpus", "--rules", rules.to_str().unwrap()];
    args.extend(extra);
    stdout(&run_in(dir, &args))
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("corpus"), 9, 1, 5);
    for format in ["json", "human"] {
        let outputs: Vec<String> = ["1", "2", "3"]
            .iter()
            .map(|threads| check_output(dir.path(), &["--format", format, "--threads", threads]))
            .collect();
        assert!(outputs[0].len() > 1000, "{format}: {}", outputs[0]);
        assert_eq!(outputs[0], outputs[1], "{format}: 1 thread vs 2");
        assert_eq!(outputs[0], outputs[2], "{format}: 1 thread vs 3");
    }
}

#[test]
fn progress_never_reaches_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("corpus"), 3, 1, 9);
    let rules = repo_root().join("rules");
    let output = run_in(
        dir.path(),
        &[
            "check",
            "corpus",
            "--rules",
            rules.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("sources"), "{err}");
    serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("stdout is only the report");
}

const TROOPS: &str = "claims:\n  - id: troops\n    title: Troops\n    kind: quantity\n    patterns:\n      - '{quantity}\\s+troops'\n";

/// A directory with the `TROOPS` rules and a corpus of two sources: `more` lines of "more than 1,000 troops" in
/// `a.txt`, and `b` as `b.txt`.
fn troops_corpus(more: usize, b: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("troops.yaml"), TROOPS).unwrap();
    let lines: String = (0..more)
        .map(|i| format!("Line {i}: more than 1,000 troops.\n"))
        .collect();
    fs::write(dir.path().join("corpus/a.txt"), lines).unwrap();
    fs::write(dir.path().join("corpus/b.txt"), b).unwrap();
    dir
}

#[test]
fn a_large_finding_lists_some_mentions_and_counts_the_rest() {
    let dir = troops_corpus(30, "Fewer than 900 troops.\nAbout 950 troops.\n");
    let args = ["check", "corpus", "--rules", "troops.yaml"];
    let human = stdout(&run_in(dir.path(), &args));
    insta::assert_snapshot!(human);
    let json = stdout(&run_in(
        dir.path(),
        &[&args[..], &["--format", "json"]].concat(),
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        report["findings"][0]["mentions"].as_array().unwrap().len(),
        31,
        "JSON lists every mention"
    );
}

#[test]
fn the_summary_names_a_few_values_and_groups_thousands() {
    // Ten bare figures fifty apart: no two can hold at once, so each is a side of its own.
    let fewer: String = (0..10)
        .map(|i| format!("{} troops.\n", 100 + 50 * i))
        .collect();
    let dir = troops_corpus(1_200, &fewer);
    let human = stdout(&run_in(
        dir.path(),
        &["check", "corpus", "--rules", "troops.yaml"],
    ));
    let (_, summary) = human.rsplit_once("claims:\n").unwrap();
    assert!(
        summary.contains(
            "conflict: more than 1,000 (1,200 mentions in 1 source) vs 100 (95–105) (1 mention in 1 source)"
        ),
        "{summary}"
    );
    assert_eq!(summary.matches(" vs ").count(), 6, "{summary}");
    assert!(
        summary.contains(" vs 5 more values (5 mentions in 1 source)"),
        "{summary}"
    );
    assert!(
        summary
            .trim_end()
            .ends_with("1,210 mentions of 1 claim in 2 sources"),
        "{summary}"
    );
}

#[test]
fn one_long_line_full_of_mentions_is_checked_whole() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("troops.yaml"), TROOPS).unwrap();
    let line =
        "then more than 1,000 troops and some filler words without any full stop ".repeat(20_000);
    fs::write(dir.path().join("corpus/one-line.txt"), &line).unwrap();
    let json = stdout(&run_in(
        dir.path(),
        &[
            "check",
            "corpus",
            "--rules",
            "troops.yaml",
            "--format",
            "json",
        ],
    ));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mentions = report["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 20_000);
    let last = &mentions[19_999];
    assert_eq!(last["line"], 1);
    let repeat = line.len() / 20_000;
    assert_eq!(
        last["column"].as_u64().unwrap() as usize,
        19_999 * repeat + 6
    );
}

#[test]
fn a_draft_is_checked_against_the_mentions_already_found() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "There were more than 1,000 troops.\n",
    )
    .unwrap();
    let rules = RuleSet::load(&[write_rules(dir.path())]).unwrap();
    let corpus = Corpus::load(&[dir.path().join("a.txt")]).unwrap();
    let mut checked = check_with(&rules, corpus, &CheckOptions::default());
    assert_eq!(checked.findings.len(), 1);
    let draft = Source::in_memory("draft.md", "Now fewer than 900 troops remain.").unwrap();
    let index = check_draft(&mut checked, &rules, &draft);
    assert_eq!(index, 1);
    assert_eq!(checked.mentions.len(), 2);
    assert_eq!(checked.mentions.at(1).source, 1);
    assert_eq!(&*checked.mentions.at(1).text, "fewer than 900 troops");
    assert_eq!(checked.findings.len(), 1);
    assert_eq!(
        sides(&checked.findings[0]),
        [vec![1], vec![0]],
        "the draft's side first"
    );
}

#[test]
fn a_draft_compared_with_classes_of_alike_mentions_still_lists_every_mention_in_corpus_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = [
        (
            "a.txt",
            "First 500 troops came. Then 700 troops. Still 500 troops.\n",
        ),
        ("b.txt", "Some said 700 troops, others 500 troops.\n"),
        // Another time, so another class of 500s.
        ("c.txt", "---\npublished: 2025-03-04\n---\n500 troops.\n"),
    ];
    for (name, text) in corpus {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let rules = RuleSet::load(&[write_rules(dir.path())]).unwrap();
    let paths: Vec<_> = corpus
        .iter()
        .map(|(name, _)| dir.path().join(name))
        .collect();
    let mut checked = check_with(
        &rules,
        Corpus::load(&paths).unwrap(),
        &CheckOptions::default(),
    );
    let values: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.text.to_string())
        .collect();
    assert_eq!(
        values,
        [
            "500 troops",
            "700 troops",
            "500 troops",
            "700 troops",
            "500 troops",
            "500 troops"
        ]
    );
    let draft = Source::in_memory("draft.md", "At last 900 troops.").unwrap();
    check_draft(&mut checked, &rules, &draft);
    let finding = &checked.findings[0];
    assert_eq!(indices(&finding.mentions), [6, 0, 1, 2, 3, 4, 5]);
    assert_eq!(sides(finding), [vec![6], vec![0, 2, 4, 5], vec![1, 3]]);
    assert!(finding.compatible.is_empty());
    assert!(
        finding.message.contains("the corpus says 500 (495–505) (4 mentions in 3 sources) and 700 (695–705) (2 mentions in 2 sources)"),
        "{}",
        finding.message
    );
}

fn write_rules(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("troops.yaml");
    fs::write(&path, TROOPS).unwrap();
    path
}

#[test]
fn mentions_that_repeat_values_share_one_copy() {
    let rules = RuleSet::load(&[repo_root().join("rules/")]).expect("the rules load");
    let report = "Niger's ruling council spoke in Niamey.\n\nNiger answered: \"we will leave in good order and on time\".\n";
    let sources = (0..3)
        .map(|i| Source::in_memory(&format!("report{i}.txt"), report).unwrap())
        .collect();
    let checked = check_with(
        &rules,
        Corpus::from_sources(sources),
        &CheckOptions {
            threads: 2,
            ..CheckOptions::default()
        },
    );
    let niger: Vec<_> = checked
        .mentions
        .iter()
        .filter(|m| &*m.text == "Niger")
        .collect();
    assert!(
        niger.len() >= 3,
        "the name in each of three sources: {niger:?}"
    );
    let held = checked.mentions.held();
    for mention in &niger[1..] {
        assert!(
            std::sync::Arc::ptr_eq(held.at(mention.id).said(), held.at(niger[0].id).said()),
            "what equal mentions state is held once"
        );
        match (&mention.value, &niger[0].value) {
            (Value::Term(a), Value::Term(b)) => {
                assert!(
                    std::sync::Arc::ptr_eq(a, b),
                    "equal term values are held once"
                )
            }
            other => panic!("not term values: {other:?}"),
        }
    }
}

/// Mention ids as indices, to compare with a list written out.
fn indices(ids: &[MentionId]) -> Vec<usize> {
    ids.iter().map(|id| id.index()).collect()
}

/// A finding's sides as lists of indices.
fn sides(finding: &Finding) -> Vec<Vec<usize>> {
    finding.sides.iter().map(|side| indices(side)).collect()
}
