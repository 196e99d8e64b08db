//! The time model on made-up stories (tests/fixtures/time): a death toll that rises over five days, another
//! reported by undated sources too, a deployment that falls over months, and a toll rising over a week with one
//! misread and one stale figure. Each test pins which mentions conflict and which are changes over time.

mod common;

use serde_json::Value;

/// Checks one fixture story against its own rules: the exit code and the JSON report.
fn check_story(story: &str) -> (Option<i32>, Value) {
    let dir = format!("tests/fixtures/time/{story}");
    let rules = format!("{dir}/rules.yaml");
    let output = common::run(&["check", &dir, "--rules", &rules, "--format", "json"]);
    (output.status.code(), common::json(&output))
}

/// The texts of the mentions of every finding of `kind`, finding by finding.
fn findings_of(report: &Value, kind: &str) -> Vec<Vec<String>> {
    let text = |id: &Value| {
        report["mentions"][id.as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .map(|f| f["mentions"].as_array().unwrap().iter().map(text).collect())
        .collect()
}

#[test]
fn a_rising_toll_is_a_timeline_with_one_same_hour_contradiction_and_one_fall_against_the_trend() {
    let (code, report) = check_story("quake");
    assert_eq!(code, Some(1));
    let conflicts = findings_of(&report, "conflict");
    assert_eq!(
        conflicts,
        [
            vec!["at least 1,200 people had died", "killed about 800 people"],
            vec![
                "toll climbed to 2,100",
                "At least 2,000 people have died",
                "1,500 people were killed"
            ],
        ]
    );
    let changes = findings_of(&report, "change");
    assert_eq!(changes.len(), 1);
    for rise in ["toll has risen to 740", "to 2,960 by", "toll at 3,100"] {
        assert!(
            changes[0].iter().any(|m| m == rise),
            "{rise} in {changes:?}"
        );
    }
    // "rose from 300" in Wednesday's report is earlier than Wednesday, nothing says how much: it is not set before
    // Saturday's figures, so it neither starts the timeline nor goes against the trend
    let undated = findings_of(&report, "undated");
    assert_eq!(
        undated,
        [vec!["toll of more than 500", "toll rose from 300"]]
    );
    assert!(!conflicts.concat().iter().any(|m| m == "toll rose from 300"));
}

#[test]
fn the_toll_read_the_next_day_is_not_dated_by_the_quake() {
    let (_, report) = check_story("quake");
    let first = &report["mentions"][0];
    assert_eq!(first["text"], "killing at least 410 people");
    assert_eq!(first["value"]["as_of"], "2025-03-15");
    assert_eq!(first["time"]["start"], "2025-03-15T08:00");
}

#[test]
fn revisions_and_earlier_figures_are_marked() {
    let (_, report) = check_story("quake");
    let revision_of = |text: &str| {
        report["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["text"] == text)
            .map(|m| m["value"]["revision"].as_str().unwrap().to_string())
    };
    assert_eq!(
        revision_of("toll has risen to 740").as_deref(),
        Some("update")
    );
    assert_eq!(
        revision_of("toll of more than 500").as_deref(),
        Some("earlier")
    );
    assert_eq!(
        revision_of("toll rose from 300").as_deref(),
        Some("earlier")
    );
}

#[test]
fn a_bare_round_figure_agrees_with_a_precise_one() {
    let (_, report) = check_story("quake");
    let conflicts = findings_of(&report, "conflict");
    assert!(!conflicts.iter().flatten().any(|m| m == "toll at 3,100"));
}

#[test]
fn an_undated_source_takes_its_dateline_and_says_so() {
    let (_, report) = check_story("quake");
    let undated = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["path"]
                .as_str()
                .unwrap()
                .ends_with("06-ledger-wire-undated.txt")
        })
        .unwrap();
    assert_eq!(undated["published"], "2025-03-17");
    let evidence = undated["published_inferred"].as_str().unwrap();
    assert!(evidence.contains("HARLAN CITY, March 17"), "{evidence}");
}

#[test]
fn a_drawdown_conflicts_only_within_its_month_and_dates_figures_by_their_clause() {
    let (code, report) = check_story("drawdown");
    assert_eq!(code, Some(1));
    assert_eq!(
        findings_of(&report, "conflict"),
        [vec![
            "force to 1,500 troops",
            "More than 1,900 Nordland troops"
        ]]
    );
    let april = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "roughly 1,200 troops")
        .unwrap();
    assert_eq!(april["value"]["as_of"], "2025-04-01/2025-04-30");
}

/// The `undated` story checked against one of its rule files.
fn check_undated(rules: &str) -> Value {
    let dir = "tests/fixtures/time/undated";
    let output = common::run(&[
        "check",
        dir,
        "--rules",
        &format!("{dir}/{rules}"),
        "--format",
        "json",
    ]);
    common::json(&output)
}

#[test]
fn figures_of_undated_sources_are_compared_only_within_their_source() {
    let report = check_undated("rules.yaml");
    assert_eq!(
        findings_of(&report, "conflict"),
        [vec!["610 people", "900 residents"]],
        "one report that contradicts itself; the undated figures of different reports are not set against each \
         other or against the dated ones"
    );
    assert_eq!(findings_of(&report, "change"), [vec!["120 people", "860"]]);
    assert_eq!(
        findings_of(&report, "undated"),
        [vec!["430 people", "More than 1,000 people"]]
    );
    let undated = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "undated")
        .unwrap();
    assert_eq!(undated["severity"], "note");
    let message = undated["message"].as_str().unwrap();
    assert!(
        message.contains("compared only within their own source"),
        "{message}"
    );
}

#[test]
fn an_undated_figure_is_compared_with_all_when_one_window_holds_every_dated_figure() {
    let report = check_undated("rules-week.yaml");
    assert!(findings_of(&report, "undated").is_empty());
    let conflicts = findings_of(&report, "conflict");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    for figure in ["860", "430 people", "More than 1,000 people"] {
        assert!(
            conflicts[0].iter().any(|m| m == figure),
            "{figure} in {conflicts:?}"
        );
    }
}

#[test]
fn the_human_report_of_undated_figures_says_they_were_compared_within_their_source_only() {
    insta::assert_snapshot!(human_report("undated"));
}

/// The human report of one fixture story against its own rules, which finds a conflict.
fn human_report(story: &str) -> String {
    let dir = format!("tests/fixtures/time/{story}");
    let output = common::run(&["check", &dir, "--rules", &format!("{dir}/rules.yaml")]);
    assert_eq!(output.status.code(), Some(1));
    common::stdout(&output)
}

#[test]
fn the_page_marks_undated_figures_apart_from_agreement() {
    let dir = "tests/fixtures/time/undated";
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("report.html");
    let output = common::run(&[
        "report",
        dir,
        "--rules",
        &format!("{dir}/rules.yaml"),
        "--html",
        page.to_str().unwrap(),
        "--now",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("○ undated (compared only within its source)"));
    assert!(
        html.contains(r#"<li class="undated">"#),
        "the legend has the stance"
    );
    assert!(html.contains("2 mentions in 2 sources without a date"));
}

#[test]
fn each_odd_figure_is_reported_with_the_figures_it_goes_against_not_with_the_whole_timeline() {
    let (code, report) = check_story("misdated");
    assert_eq!(code, Some(1));
    assert_eq!(
        findings_of(&report, "conflict"),
        [
            vec!["killed 40 people", "toll had climbed to 95", "toll at 19"],
            vec![
                "toll rose to 160",
                "At least 210 people have died",
                "toll stands at 60"
            ],
        ],
        "the misread 19 goes against the 40 and 95 before it, the stale 60 against the 160 and 210: \
         40 then 160 is a rise, and no finding sets them against each other"
    );
    let sides: Vec<usize> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["sides"].as_array().unwrap().len())
        .collect();
    assert_eq!(
        sides,
        [2, 2],
        "the figures that follow the trend stand together against the odd one"
    );
}

#[test]
fn the_human_report_names_the_odd_figure_and_the_figures_before_it() {
    insta::assert_snapshot!(human_report("misdated"));
}

#[test]
fn figures_of_one_day_without_an_hour_are_a_rise_not_a_contradiction() {
    let (code, report) = check_story("same-day");
    assert_eq!(code, Some(0), "{report}");
    assert!(findings_of(&report, "conflict").is_empty());
    assert_eq!(
        findings_of(&report, "change"),
        [vec![
            "40 people",
            "61 dead",
            "Fifty-two people",
            "70 people"
        ]]
    );
    let change = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "change")
        .unwrap();
    let message = change["message"].as_str().unwrap();
    let order: Vec<usize> = ["40", "52", "61", "70"]
        .iter()
        .map(|figure| message.find(&format!("{figure} (")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{message}");
}
