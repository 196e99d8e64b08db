//! Names and quotations that drift: the `term` and `quote` findings the seed corpus holds, and the behaviour of
//! both kinds on small corpora.

mod common;

use std::fs;

use common::{
    check_draft, check_files, json, run, run_in, stdout, workspace, CHECK_WORKSPACE_JSON,
};
use serde_json::Value;

/// The JSON report of the default check (all rules, all seeds).
fn report() -> Value {
    json(&run(&["check", "--format", "json"]))
}

/// The findings of `claim` of `kind`, each with its mentions resolved.
fn claim_findings(report: &Value, claim: &str, kind: &str) -> Vec<(Value, Vec<Value>)> {
    let mentions = report["mentions"].as_array().unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["claim"] == claim && f["kind"] == kind)
        .map(|f| {
            let ids = f["mentions"].as_array().unwrap();
            let resolved = ids
                .iter()
                .map(|id| mentions[id.as_u64().unwrap() as usize].clone())
                .collect();
            (f.clone(), resolved)
        })
        .collect()
}

/// "000".."004" for a mention of a seed.
fn seed(mention: &Value) -> String {
    let path = mention["source"].as_str().unwrap();
    path.trim_start_matches("seeds/")[..3].to_string()
}

#[test]
fn near_misses_of_the_junta_name_are_reported_against_the_canonical_name() {
    let report = report();
    let conflicts = claim_findings(&report, "junta-name", "conflict");
    let found: Vec<(String, String, Value)> = conflicts
        .iter()
        .map(|(finding, mentions)| {
            assert_eq!(finding["severity"], "warning");
            assert_eq!(mentions.len(), 1, "one finding per wording");
            let m = &mentions[0];
            assert_eq!(m["value"]["type"], "term");
            assert_eq!(m["value"]["form"], "near_miss");
            assert_eq!(
                m["value"]["expected"],
                "National Council for the Safeguard of the Homeland"
            );
            (
                seed(m),
                m["text"].as_str().unwrap().to_string(),
                m["value"]["diff"].clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "000".to_string(),
                "National Council for Safeguarding the Homeland".to_string(),
                Value::from("National Council for [-the Safeguard of-]{+Safeguarding+} the Homeland")
            ),
            (
                "001".to_string(),
                "National Committee for Safeguarding the Homeland".to_string(),
                Value::from("National [-Council-]{+Committee+} for [-the Safeguard of-]{+Safeguarding+} the Homeland")
            ),
        ]
    );
    let similarity: Vec<f64> = conflicts
        .iter()
        .map(|(_, m)| m[0]["value"]["similarity"].as_f64().unwrap())
        .collect();
    assert_eq!(similarity, [0.714, 0.571]);
}

#[test]
fn accepted_forms_of_the_junta_name_are_never_reported() {
    let report = report();
    let agreement = claim_findings(&report, "junta-name", "agreement");
    assert_eq!(agreement.len(), 1);
    let mentions = &agreement[0].1;
    assert!(mentions.iter().all(|m| m["value"]["diff"].is_null()));
    let cnsp = mentions
        .iter()
        .filter(|m| m["text"] == "CNSP" && m["value"]["form"] == "accepted")
        .count();
    assert_eq!(cnsp, 6);
    let canonical: Vec<String> = mentions
        .iter()
        .filter(|m| m["value"]["form"] == "canonical")
        .map(seed)
        .collect();
    assert_eq!(canonical, ["003"]);
}

#[test]
fn niger_is_called_nigeria_twice_in_003() {
    let report = report();
    let conflicts = claim_findings(&report, "niger-not-nigeria", "conflict");
    let found: Vec<(String, u64, String, String)> = conflicts
        .iter()
        .flat_map(|(finding, mentions)| {
            assert_eq!(finding["severity"], "warning");
            mentions.clone()
        })
        .map(|m| {
            assert_eq!(m["value"]["form"], "confusable");
            let text = m["text"].as_str().unwrap().to_string();
            (
                seed(&m),
                m["line"].as_u64().unwrap(),
                text,
                m["value"]["expected"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "003".to_string(),
                1,
                "Nigeria's Ministry of National Defense".to_string(),
                "Niger's Ministry of National Defense".to_string()
            ),
            (
                "003".to_string(),
                2,
                "Nigeria".to_string(),
                "Niger".to_string()
            ),
        ]
    );
    let sentence =
        fs::read_to_string(common::repo_root().join("seeds/003_74876b7e1825ad18.txt")).unwrap();
    assert!(sentence
        .lines()
        .nth(1)
        .unwrap()
        .contains("Nigeria has committed to protect U.S. forces"));
}

#[test]
fn the_state_department_quote_drifts_in_002_and_agrees_in_003() {
    let report = report();
    let conflicts = claim_findings(&report, "quotation-drift", "conflict");
    assert_eq!(conflicts.len(), 1, "one drifting quotation in the seeds");
    let (finding, mentions) = &conflicts[0];
    assert_eq!(finding["severity"], "warning");
    let by_id = |id: &Value| mentions.iter().find(|m| m["id"] == *id).unwrap();
    let sides: Vec<Vec<String>> = finding["sides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|side| {
            side.as_array()
                .unwrap()
                .iter()
                .map(|id| seed(by_id(id)))
                .collect()
        })
        .collect();
    assert_eq!(sides, [vec!["001", "003"], vec!["002"]]);

    let quote_of =
        |number: &str| mentions.iter().find(|m| seed(m) == number).unwrap()["value"].clone();
    let state_department = quote_of("001");
    assert!(state_department["quote"]
        .as_str()
        .unwrap()
        .contains("an orderly and responsible withdrawal of U.S. forces"));
    assert_eq!(state_department["speaker"], "US State Department");
    assert_eq!(state_department["diff"], Value::Null);

    let drifted = quote_of("002");
    assert_eq!(drifted["quote"], "organized and responsible withdrawal");
    assert_eq!(drifted["reference"], "orderly and responsible withdrawal");
    assert_eq!(
        drifted["diff"],
        "[-orderly-]{+organized+} and responsible withdrawal"
    );
    assert_eq!(drifted["similarity"], 0.75);

    let agreeing = quote_of("003");
    assert_eq!(agreeing["quote"], "in an orderly and responsible");
    assert_eq!(agreeing["similarity"], 1.0);
    assert_eq!(agreeing["diff"], Value::Null);
}

#[test]
fn quotations_quoted_alike_are_an_agreement() {
    let report = report();
    for claim in ["quotation-drift", "new-relationship-quote"] {
        let agreement = claim_findings(&report, claim, "agreement");
        let (_, mentions) = &agreement[0];
        let sources: Vec<String> = mentions.iter().map(seed).collect();
        assert_eq!(sources, ["000", "003"], "{claim}");
        let speakers: Vec<&str> = mentions
            .iter()
            .map(|m| m["value"]["speaker"].as_str().unwrap())
            .collect();
        assert_eq!(
            speakers,
            ["official", "senior military official"],
            "{claim}"
        );
        assert!(mentions
            .iter()
            .all(|m| !m["value"]["misattributed"].as_bool().unwrap()));
    }
    assert!(claim_findings(&report, "new-relationship-quote", "conflict").is_empty());
}

#[test]
fn drift_diagnostics_snapshot() {
    let output = run(&["check", "--rules", "rules/names-and-quotes.yaml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "names and quotations are warnings in the seed rules"
    );
    insta::assert_snapshot!(stdout(&output));
}

const PINNED: &str = "claims:
  - id: pinned
    title: The pinned words
    kind: quote
    quote: We will leave Niger in an orderly and responsible way
    speaker: State Department
";

#[test]
fn a_pinned_quotation_reports_other_words_and_other_speakers() {
    let (code, report) = check_files(
        PINNED,
        &[
            ("a.txt", "\"We will leave Niger in an orderly and responsible way,\" the State Department said.\n"),
            ("b.txt", "\"We will leave Niger in an organized and responsible way,\" the State Department said.\n"),
            ("c.txt", "\"We will leave Niger in an orderly and responsible way,\" said Zeine.\n"),
            ("d.txt", "\"We will stay in Niger for good,\" the State Department said.\n"),
        ],
    );
    assert_eq!(code, Some(1));
    let conflicts = claim_findings(&report, "pinned", "conflict");
    assert_eq!(conflicts.len(), 1);
    let (finding, mentions) = &conflicts[0];
    let files: Vec<&str> = mentions
        .iter()
        .map(|m| m["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["corpus/a.txt", "corpus/b.txt", "corpus/c.txt"],
        "d.txt is another quotation"
    );
    assert_eq!(
        finding["sides"].as_array().unwrap().len(),
        3,
        "agrees, other words, other speaker"
    );
    assert_eq!(
        mentions[1]["value"]["diff"],
        "We will leave Niger in an [-orderly-]{+organized+} and responsible way"
    );
    assert_eq!(mentions[2]["value"]["misattributed"], true);
    assert_eq!(mentions[2]["value"]["diff"], Value::Null);
}

#[test]
fn accepted_spellings_of_a_name_are_not_near_misses() {
    let rules = "claims:
  - id: africom
    title: US Africa Command
    kind: term
    canonical: U.S. Africa Command
    accepted: [US Africa Command, AFRICOM]
    similarity: 0.3
";
    let text =
        "U.S. Africa Command, US Africa Command and AFRICOM are one. So is U.S Africa command.\n";
    let (code, report) = check_files(rules, &[("a.txt", text)]);
    assert_eq!(code, Some(0));
    assert!(claim_findings(&report, "africom", "conflict").is_empty());
    assert_eq!(
        claim_findings(&report, "africom", "agreement")[0].1.len(),
        4
    );
    let (code, report) = check_files(
        rules,
        &[("a.txt", "The United States Africa Command said so.\n")],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        claim_findings(&report, "africom", "conflict")[0].1[0]["text"],
        "United States Africa Command"
    );
}

const COUNCIL: &str = "claims:
  - id: council
    title: The council's name
    kind: term
    canonical: National Council for the Safeguard of the Homeland
    similarity: 0.5
";

const NEAR_MISS: &str = "They met the National Committee for Safeguarding the Homeland.\n";

#[test]
fn a_suppression_marker_silences_a_near_miss() {
    let (code, report) = check_files(COUNCIL, &[("a.md", NEAR_MISS)]);
    assert_eq!(code, Some(1));
    assert_eq!(claim_findings(&report, "council", "conflict").len(), 1);
    let silenced = format!("<!-- factlint-ignore council -->\n{NEAR_MISS}");
    let (code, report) = check_files(COUNCIL, &[("a.md", &silenced)]);
    assert_eq!(code, Some(0));
    assert!(report["mentions"].as_array().unwrap().is_empty());
    assert!(
        report["warnings"].as_array().unwrap().is_empty(),
        "the marker was used"
    );
}

#[test]
fn a_draft_is_reported_in_the_wording_conflicts_it_takes_part_in() {
    let canonical = "The National Council for the Safeguard of the Homeland met.\n";
    let dir = workspace(COUNCIL, &[("a.txt", NEAR_MISS), ("b.txt", canonical)]);
    fs::write(dir.path().join("draft.txt"), NEAR_MISS).unwrap();
    let draft = |name: &str| {
        let output = check_draft(dir.path(), name);
        (output.status.code(), json(&output))
    };
    let (code, report) = draft("draft.txt");
    assert_eq!(code, Some(1));
    let conflicts = claim_findings(&report, "council", "conflict");
    assert_eq!(
        conflicts.len(),
        1,
        "the draft's near miss, with the corpus's"
    );
    let sources: Vec<&str> = conflicts[0]
        .1
        .iter()
        .map(|m| m["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["corpus/a.txt", "draft.txt"]);
    fs::write(dir.path().join("draft.txt"), canonical).unwrap();
    let (code, report) = draft("draft.txt");
    assert_eq!(
        code,
        Some(0),
        "the corpus's own near miss is not the draft's business"
    );
    assert!(report["findings"].as_array().unwrap().is_empty());
}

/// A watched quote claim, a term claim with a confusable, and a quantity claim, checked together.
const WATCHED_WITH_NAMES: &str = "claims:
  - id: drift
    title: Quotations
    kind: quote
  - id: niger
    title: Niger
    kind: term
    canonical: Niger
    confusables:
      - wording: Nigeria
        context: ['\\bNiamey\\b']
  - id: troops
    title: Troops
    kind: quantity
    patterns:
      - '{quantity} troops'
";

#[test]
fn a_quotation_written_alike_in_many_sources_keeps_each_source_place_and_speaker() {
    let files = [
        ("a.txt", "In Niamey, 900 troops waited. \"We will leave in an orderly way,\" said Zeine.\n"),
        ("b.txt", "Niger and Nigeria met.\nA longer opening line, then: \"We will leave in an orderly way,\" the official said.\n"),
        ("c.txt", "\"We will leave in an orderly way,\" said Zeine. Later, in Niamey, Nigeria spoke of 1,000 troops.\n"),
        ("d.txt", "Elsewhere \"we will leave in an organized way,\" said Patel.\n"),
        ("e.txt", "No quotation here, only Niger.\n"),
    ];
    let dir = workspace(WATCHED_WITH_NAMES, &files);
    let report = |threads: &str| {
        let args = [&CHECK_WORKSPACE_JSON[..], &["--threads", threads]].concat();
        stdout(&run_in(dir.path(), &args))
    };
    let one = report("1");
    assert_eq!(one, report("2"), "the same bytes whatever the threads");
    let report: Value = serde_json::from_str(&one).unwrap();
    let text_of = |path: &str| fs::read_to_string(dir.path().join(path)).unwrap();
    for mention in report["mentions"].as_array().unwrap() {
        let text = text_of(mention["source"].as_str().unwrap());
        let offset = mention["offset"].as_u64().unwrap() as usize;
        let length = mention["length"].as_u64().unwrap() as usize;
        assert_eq!(
            &text[offset..offset + length],
            mention["text"].as_str().unwrap(),
            "each mention points at its own words: {mention}"
        );
    }
    let quoted: Vec<(String, Value)> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["claim"] == "drift")
        .map(|m| {
            (
                m["source"].as_str().unwrap().to_string(),
                m["value"]["speaker"].clone(),
            )
        })
        .collect();
    assert_eq!(
        quoted,
        [
            ("corpus/a.txt".to_string(), Value::from("Zeine")),
            ("corpus/b.txt".to_string(), Value::from("official")),
            ("corpus/c.txt".to_string(), Value::from("Zeine")),
            ("corpus/d.txt".to_string(), Value::from("Patel")),
        ]
    );
    let conflicts = claim_findings(&report, "drift", "conflict");
    assert_eq!(conflicts.len(), 1, "one quotation, in two wordings");
    assert_eq!(conflicts[0].0["sides"].as_array().unwrap().len(), 2);
    let names: Vec<(String, String)> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["claim"] == "niger")
        .map(|m| {
            (
                m["source"].as_str().unwrap()[7..].to_string(),
                m["value"]["form"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("b.txt".to_string(), "canonical".to_string()),
            ("c.txt".to_string(), "confusable".to_string()),
            ("e.txt".to_string(), "canonical".to_string()),
        ],
        "a confusable only in a sentence about Niamey"
    );
    let troops = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["claim"] == "troops")
        .count();
    assert_eq!(troops, 2);
}
