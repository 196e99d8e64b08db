//! The CI and editor features, driven through the binary: drafts, output formats, baselines, suppressions,
//! configuration, `rules`, `explain`.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{json, repo_root, run, run_in, stderr, stdout};

const BAD_DRAFT: &str = "The US keeps about 2,000 US troops in Niger.\n\
The withdrawal of US forces does mark the end of the bilateral relationship.\n\
The pullout is to be completed no later than October 15.\n";

const GOOD_DRAFT: &str = "The US keeps around 1,000 troops there.\nThe withdrawal is to be completed no later than Sept. 15.\n";

/// A copy of the seed corpus and rules in a temporary directory, to change freely.
fn seed_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds", "rules"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in fs::read_dir(repo_root().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn run_with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn claims_of_findings(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["claim"].as_str().unwrap().to_string())
        .collect()
}

/// Claims of the conflicts and changes in a report.
fn disputed_claims(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] != "agreement")
        .map(|f| f["claim"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_contradicting_draft_gets_three_findings_anchored_on_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    fs::write(&draft, BAD_DRAFT).unwrap();
    let output = run(&[
        "check",
        "--draft",
        draft.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(
        claims_of_findings(&report),
        [
            "us-troops-in-niger",
            "withdrawal-ends-relationship",
            "withdrawal-deadline"
        ]
    );
    for finding in report["findings"].as_array().unwrap() {
        let anchor = &report["mentions"][finding["sides"][0][0].as_u64().unwrap() as usize];
        assert!(
            anchor["source"].as_str().unwrap().ends_with("draft.md"),
            "{anchor}"
        );
        assert!(finding["sides"].as_array().unwrap().len() >= 2);
    }
    let troops = &report["findings"][0];
    assert_eq!(
        troops["compatible"].as_array().unwrap().len(),
        3,
        "three corpus mentions say more than 1,000"
    );
}

#[test]
fn a_consistent_draft_read_from_stdin_gets_none() {
    let output = run_with_stdin(
        &[
            "check",
            "--draft",
            "-",
            "--stdin-filename",
            "drafts/story.md",
        ],
        GOOD_DRAFT,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output)
        .contains("drafts/story.md: 2 mentions checked, no contradiction with the corpus"));
}

#[test]
fn draft_human_output_snapshot() {
    let output = run_with_stdin(
        &["check", "--draft", "-", "--stdin-filename", "draft.md"],
        BAD_DRAFT,
    );
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn github_format_annotates_every_side() {
    let output = run(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error file=seeds/") || l.starts_with("::warning file=seeds/")),
        "{text}"
    );
    let troops = lines
        .iter()
        .find(|l| l.starts_with("::error file=seeds/000_4f5bbd3fde23c553.txt,line=19,col=97,endLine=19,endColumn=122,"))
        .expect("an annotation on 000's troop count");
    assert!(troops.contains(",title=Number of US troops in Niger (us-troops-in-niger)::Number of US troops in Niger: sources disagree"), "{troops}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("us-troops-in-niger"))
            .count(),
        4,
        "one per mention of the conflict"
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    let output = run(&[
        "check",
        "--format",
        "json",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(written["version"], 2);
}

/// Path of the official SARIF 2.1.0 schema, fetched once from the npm registry (the package ships the OASIS
/// schema file) into the target directory.
fn sarif_schema() -> serde_json::Value {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-schema");
    let schema = dir.join("package/lib/schemas/sarif-2.1.0-rtm.5.json");
    if !schema.exists() {
        fs::create_dir_all(&dir).unwrap();
        let pack = Command::new("npm")
            .args([
                "pack",
                "@microsoft/jest-sarif@1.0.0-beta.0",
                "--pack-destination",
            ])
            .arg(&dir)
            .output()
            .expect("npm is needed to fetch the SARIF schema");
        assert!(
            pack.status.success(),
            "npm pack failed: {}",
            String::from_utf8_lossy(&pack.stderr)
        );
        let tarball = dir.join("microsoft-jest-sarif-1.0.0-beta.0.tgz");
        let untar = Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&dir)
            .status()
            .unwrap();
        assert!(untar.success());
    }
    let mut schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
    // The schema's `language` patterns end in a stray `]`, which ECMA-262 (the dialect JSON Schema uses) reads as
    // a literal and Rust's regex engine refuses; escaping it keeps exactly the ECMA meaning.
    let escaped = escape_stray_bracket(&mut schema);
    assert!(
        escaped > 0,
        "the schema changed: revisit the pattern fix-up"
    );
    schema
}

/// Escapes the stray `]` of the schema's language-tag patterns; returns how many were changed.
fn escape_stray_bracket(node: &mut serde_json::Value) -> usize {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match node {
        serde_json::Value::String(text) if text == STRAY => {
            *text = STRAY.replace("}]?$", "}\\]?$");
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let output = run(&["check", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log = json(&output);
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A log with a wrong type must fail, so the validation above is not vacuous.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        "one".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_carries_rules_regions_related_locations_and_fingerprints() {
    let log = json(&run(&["check", "--format", "sarif"]));
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "us-troops-in-niger"
        && r["shortDescription"]["text"] == "Number of US troops in Niger"));
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "us-troops-in-niger")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endColumn"].as_u64()
        ),
        (Some(19), Some(97), Some(122))
    );
    assert_eq!(region["charLength"], 25);
    assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 3);
    assert!(result["message"]["text"]
        .as_str()
        .unwrap()
        .contains("[asian-lite](1)"));
    let fingerprint = result["partialFingerprints"]["factlintFinding/v1"]
        .as_str()
        .unwrap();
    assert_eq!(fingerprint.len(), 16);
    let again = json(&run(&["check", "--format", "sarif"]));
    assert_eq!(
        again["runs"][0]["results"][0]["partialFingerprints"],
        log["runs"][0]["results"][0]["partialFingerprints"]
    );
}

#[test]
fn baseline_round_trip_passes_then_fails_on_a_new_conflicting_source() {
    let dir = seed_workspace();
    let root = dir.path();
    let written = run_in(root, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0));
    let known = run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(known.status.code(), Some(0), "known conflicts are accepted");
    assert!(disputed_claims(&json(&known)).is_empty());
    // Lines shifted and text reflowed elsewhere in a file keep the fingerprints.
    let path = root.join("seeds/003_74876b7e1825ad18.txt");
    let shifted = format!(
        "A new first line.\n\n{}",
        fs::read_to_string(&path).unwrap().replacen("  ", " ", 1)
    );
    fs::write(&path, shifted).unwrap();
    assert_eq!(
        run_in(root, &["check", "--baseline", "baseline.json"])
            .status
            .code(),
        Some(0)
    );
    // A new source that contradicts the corpus turns the check red again.
    fs::write(
        root.join("seeds/005_new.txt"),
        "The Pentagon says about 1,500 US troops remain in Niger.\n",
    )
    .unwrap();
    let new = run_in(
        root,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(new.status.code(), Some(1));
    assert_eq!(disputed_claims(&json(&new)), ["us-troops-in-niger"]);
}

#[test]
fn suppression_removes_a_mention_and_an_unused_marker_is_reported() {
    let dir = seed_workspace();
    let root = dir.path();
    let path = root.join("seeds/000_4f5bbd3fde23c553.txt");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "The US withdrawal of forces from Niger has been underway",
        "<!-- factlint-ignore us-troops-in-niger -->\nThe US withdrawal of forces from Niger has been underway",
        1,
    );
    fs::write(&path, format!("{text}\n# factlint-ignore coup-date\n")).unwrap();
    let output = run_in(root, &["check", "--format", "json"]);
    let report = json(&output);
    let troops: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["claim"] == "us-troops-in-niger")
        .collect();
    assert!(
        troops.iter().all(|f| f["kind"] == "agreement"),
        "less than 1,000 is silenced: {troops:?}"
    );
    let err = stderr(&output);
    assert!(
        err.contains("warning in the JSON report: 1 unused suppression"),
        "stderr counts what the JSON report lists: {err}"
    );
    let human = stderr(&run_in(root, &["check"]));
    assert!(
        human.contains("unused suppression `factlint-ignore coup-date`"),
        "{human}"
    );
    assert!(report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["message"]
            .as_str()
            .unwrap()
            .contains("unused suppression")));
}

#[test]
fn configuration_is_found_from_a_subdirectory_and_flags_override_it() {
    let dir = seed_workspace();
    let root = dir.path();
    fs::write(
        root.join("factlint.yaml"),
        "rules: [rules]\npaths: [seeds]\nexclude: ['seeds/000_*']\nformat: json\nfail_on: error\n",
    )
    .unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    let output = run_in(&root.join("sub"), &["check"]);
    let report = json(&output);
    let sources = common::listed(&report, "sources", "path");
    assert_eq!(sources.len(), 4, "000 is excluded: {sources:?}");
    assert!(
        sources.iter().all(|s| s.starts_with("../seeds/")),
        "{sources:?}"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "without 000 the troop count and polarity conflicts are gone"
    );
    let human = run_in(&root.join("sub"), &["check", "--format", "human"]);
    assert!(stdout(&human).contains("claims:"));
}

#[test]
fn a_broken_configuration_is_exit_2_with_its_place() {
    let dir = seed_workspace();
    fs::write(
        dir.path().join("factlint.yaml"),
        "rules: [rules]\nformatt: json\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("factlint.yaml") && err.contains("unknown field `formatt`"),
        "{err}"
    );
}

#[test]
fn fail_on_warning_fails_on_warning_conflicts() {
    let dir = seed_workspace();
    let rules = root_rule(&dir, "warning");
    let corpus = dir.path().join("corpus.txt");
    fs::write(&corpus, "More than 1,000 troops. Fewer than 1,000 troops.").unwrap();
    let args = [
        "check",
        corpus.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ];
    assert_eq!(run_in(dir.path(), &args).status.code(), Some(0));
    let strict: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--fail-on", "warning"])
        .collect();
    assert_eq!(run_in(dir.path(), &strict).status.code(), Some(1));
}

fn root_rule(dir: &tempfile::TempDir, severity: &str) -> std::path::PathBuf {
    let path = dir.path().join("troops.yaml");
    fs::write(
        &path,
        format!("claims:\n  - id: troops\n    title: Troops\n    kind: quantity\n    severity: {severity}\n    patterns: ['{{quantity}} troops']\n"),
    )
    .unwrap();
    path
}

const TESTED_RULE: &str = "claims:
  - id: troops
    title: Troops
    kind: quantity
    patterns: ['{quantity}\\s+troops']
    examples:
      - text: There are more than 1,000 troops.
        value: more than 1,000
      - text: Some 650 troops remain.
    counterexamples:
      - A 1,000 km border.
";

#[test]
fn rule_examples_pass() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("troops.yaml"), TESTED_RULE).unwrap();
    let output = run_in(dir.path(), &["test", "troops.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "3 examples of 1 claims: 3 passed, 0 failed\n"
    );
}

#[test]
fn failing_rule_examples_point_at_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let broken = TESTED_RULE
        .replace("value: more than 1,000", "value: less than 1,000")
        .replace("A 1,000 km border.", "A border of 1,000 troops.");
    fs::write(dir.path().join("troops.yaml"), broken).unwrap();
    let output = run_in(dir.path(), &["test", "troops.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("[troops] example produced more than 1,000, expected less than 1,000"),
        "{err}"
    );
    assert!(
        err.contains("[troops.yaml:7:"),
        "points at the example's line: {err}"
    );
    assert!(
        err.contains("[troops] counterexample produced a mention: 1,000"),
        "{err}"
    );
    assert!(err.contains("[troops.yaml:11:"), "{err}");
    assert_eq!(
        stdout(&output),
        "3 examples of 1 claims: 1 passed, 2 failed\n"
    );
}

#[test]
fn every_claim_of_the_seed_rules_has_passing_examples() {
    let output = run(&["test", "rules"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("claims without examples"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rules_lists_the_claims() {
    let output = run(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn explain_tabulates_what_every_source_says() {
    let output = run(&["explain", "us-troops-in-niger"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
    let unknown = run(&["explain", "troops"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("us-troops-in-niger"));
}

#[test]
fn the_committed_rule_schema_is_current() {
    let committed = fs::read_to_string(repo_root().join("schema/rules.schema.json")).unwrap();
    let output = run(&["schema"]);
    assert_eq!(
        stdout(&output),
        committed,
        "schema/rules.schema.json is stale: run `cargo run -- schema > schema/rules.schema.json`"
    );
}

#[test]
fn the_seed_rules_are_valid_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(repo_root().join("schema/rules.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for entry in fs::read_dir(repo_root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let rules: serde_json::Value =
            serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&rules)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    let unknown_field =
        serde_json::json!({"claims": [{"id": "a", "title": "A", "kind": "date", "paterns": []}]});
    assert!(!validator.is_valid(&unknown_field));
}

#[test]
fn many_warnings_are_summarised_on_a_terminal_and_all_shown_with_verbose() {
    let rule = "claims:\n  - id: d\n    title: D\n    kind: date\n    patterns: ['leave {date}']\n";
    let files: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("s{i:02}.txt"),
                "Troops leave by Friday.\n".to_string(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = common::workspace(rule, &refs);
    let args = ["check", "corpus", "--rules", "rules.yaml"];
    let summarised = stderr(&run_in(dir.path(), &args));
    assert_eq!(
        summarised
            .matches("date not anchored, so not compared")
            .count(),
        5
    );
    assert!(
        summarised.contains("25 more warnings not shown: 25 dates not anchored"),
        "{summarised}"
    );
    let verbose = stderr(&run_in(dir.path(), &[&args[..], &["--verbose"]].concat()));
    assert_eq!(
        verbose
            .matches("date not anchored, so not compared")
            .count(),
        30
    );
    let json_err = stderr(&run_in(
        dir.path(),
        &[&args[..], &["--format", "json"]].concat(),
    ));
    assert_eq!(
        json_err.trim(),
        "factlint: 30 warnings in the JSON report: 30 dates not anchored"
    );
}
