//! Bad rules and bad sources: a clear error that names the place, the documented exit code, and nothing else lost.

mod common;

use std::fs;
use std::path::Path;

use common::{check, json, refused, rules_dir_workspace, run_in, stderr, write, TROOPS_RULE};

#[test]
fn invalid_regex_is_exit_2_with_file_line_and_column() {
    let dir =
        rules_dir_workspace(&TROOPS_RULE.replace("'{quantity} troops'", "'{quantity} (troops'"));
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("rules/troops.yaml"), "{err}");
    assert!(err.contains("invalid pattern"), "{err}");
    assert!(err.contains("[rules/troops.yaml:6:7]"), "{err}");
}

#[test]
fn unknown_field_and_bad_kind_are_exit_2() {
    for broken in [
        TROOPS_RULE.replace("    patterns:", "    paterns:"),
        TROOPS_RULE.replace("kind: quantity", "kind: number"),
        TROOPS_RULE.replace("'{quantity} troops'", "'\\d+ troops'"),
        "claims: [".to_string(),
    ] {
        let dir = rules_dir_workspace(&broken);
        let output = check(dir.path(), "human");
        assert_eq!(output.status.code(), Some(2), "{broken}");
        assert!(
            stderr(&output).contains("rules/troops.yaml:"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn duplicate_id_across_files_names_both() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    write(
        &dir.path().join("rules"),
        "again.yaml",
        TROOPS_RULE.as_bytes(),
    );
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("duplicate claim id `troops`"), "{err}");
    assert!(err.contains("first defined in rules/again.yaml:2"), "{err}");
}

#[test]
fn missing_corpus_path_is_exit_2() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    let output = run_in(dir.path(), &["check", "nowhere", "--rules", "rules"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nowhere"));
}

#[test]
fn rules_directory_without_rules_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    let output = check(dir.path(), "human");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no rule files"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn agreeing_corpus_exits_0() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    write(
        &dir.path().join("corpus"),
        "a.txt",
        b"About 1,000 troops. Nearly 1,000 troops.\n",
    );
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["findings"][0]["kind"], "agreement");
}

#[test]
fn usage_error_is_exit_2() {
    let output = run_in(Path::new("."), &["check", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn weekday_without_publication_date_is_a_warning_not_a_conflict() {
    let rule = "claims:\n  - id: announced\n    title: Announced\n    kind: date\n    patterns: ['announced {date}']\n";
    let dir = rules_dir_workspace(rule);
    write(
        &dir.path().join("corpus"),
        "a.txt",
        b"The junta announced on Saturday it was ending the deal.\n",
    );
    write(
        &dir.path().join("corpus"),
        "b.txt",
        b"---\npublished: 2024-03-17\n---\nIt announced on Saturday the end of the deal.\n",
    );
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert_eq!(
        report["mentions"][0]["value"]["start"],
        serde_json::Value::Null
    );
    assert_eq!(report["mentions"][1]["value"]["start"], "2024-03-16");
    assert_eq!(
        report["mentions"][1]["line"], 4,
        "front matter keeps line numbers"
    );
    assert!(
        stderr(&output).contains("not anchored"),
        "{}",
        stderr(&output)
    );
}

/// A workspace with `rule` as `rules/troops.yaml` and a corpus of one good source.
fn rules_workspace(rule: &str) -> tempfile::TempDir {
    let dir = rules_dir_workspace(rule);
    write(
        &dir.path().join("corpus"),
        "a.txt",
        b"More than 1,000 troops.\n",
    );
    dir
}

/// The claim every bad rule below breaks in one way.
fn claim(extra: &str) -> String {
    format!("{TROOPS_RULE}{extra}")
}

/// A YAML alias bomb ("billion laughs"): nine levels of nine aliases, 9^9 strings once expanded, where a value is
/// expected. No field of a rule takes a structure, so the first event of the expansion is already refused.
fn alias_bomb() -> String {
    let mut levels = vec!["&l0 [x, x, x, x, x, x, x, x, x]".to_string()];
    for level in 1..9 {
        let refs = vec![format!("*l{}", level - 1); 9].join(", ");
        levels.push(format!("&l{level} [{refs}]"));
    }
    claim(&format!("    tolerance: [{}]\n", levels.join(", ")))
}

/// Every way a rule file can be wrong: (case, file text, the start of the error's message, its line and column).
fn bad_rules() -> Vec<(&'static str, String, String, (usize, usize))> {
    let deep = format!(
        "    tolerance: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let too_big = r"'{quantity} (?:\w{100}){100} troops'";
    vec![
        (
            "alias bomb",
            alias_bomb(),
            "claims[0].tolerance: invalid type: sequence, expected a percentage below 100% such as \"10%\", or a \
             fraction such as 0.1"
                .into(),
            (7, 16),
        ),
        ("deep nesting", claim(&deep), "recursion limit exceeded: more than 128 nested `[` or `{`".into(), (7, 144)),
        (
            "unknown field",
            TROOPS_RULE.replace("    patterns:", "    paterns:"),
            "claims[0]: unknown field `paterns`, expected one of `id`, `title`, `kind`, `severity`, `help`, `link`, `patterns`"
                .into(),
            (5, 5),
        ),
        (
            "unknown kind",
            TROOPS_RULE.replace("kind: quantity", "kind: quantiti"),
            "claims[0].kind: unknown variant `quantiti`, expected one of `quantity`, `date`, `polarity`".into(),
            (4, 11),
        ),
        (
            "unknown severity",
            claim("    severity: eror\n"),
            "claims[0].severity: unknown variant `eror`, expected one of `note`, `warning`, `error`".into(),
            (7, 15),
        ),
        (
            "patterns not a list",
            TROOPS_RULE.replace("    patterns:\n      - '{quantity} troops'", "    patterns: 5"),
            "claims[0].patterns: invalid type: integer `5`, expected a sequence".into(),
            (5, 15),
        ),
        (
            "title not a string",
            TROOPS_RULE.replace("title: Troops", "title: [a, b]"),
            "claims[0].title: invalid type: sequence, expected a string".into(),
            (3, 12),
        ),
        (
            "tolerance not a fraction",
            claim("    tolerance: lots\n"),
            "claims[0].tolerance: invalid value: string \"lots\", expected a percentage below 100% such as \"10%\", \
             or a fraction such as 0.1"
                .into(),
            (7, 16),
        ),
        (
            "duplicate field",
            claim("    title: Again\n"),
            "claims[0]: duplicate field `title`".into(),
            (2, 5),
        ),
        (
            "duplicate id",
            format!("{TROOPS_RULE}{}", TROOPS_RULE.replace("claims:\n", "")),
            "duplicate claim id `troops`".into(),
            (7, 5),
        ),
        (
            "regex over the size limit",
            TROOPS_RULE.replace("'{quantity} troops'", too_big),
            format!(
                "claims[0].patterns: pattern `{}` compiles to more than the size limit of 10485760 bytes",
                &too_big[1..too_big.len() - 1]
            ),
            (6, 7),
        ),
        (
            "regex that matches the empty string",
            TROOPS_RULE.replace("'{quantity} troops'", r"'(?P<value>\d*)'"),
            r#"claims[0].patterns: pattern "(?P<value>\\d*)" can match the empty string, so it would match everywhere"#
                .into(),
            (6, 7),
        ),
        (
            "pattern without its value group",
            TROOPS_RULE.replace("'{quantity} troops'", r"'\d+ troops'"),
            "claims[0].patterns: pattern has no named group `value`: use {quantity} or {date}, or write \
             (?P<value>...)"
                .into(),
            (6, 7),
        ),
        (
            "two documents",
            format!("{TROOPS_RULE}---\n{TROOPS_RULE}"),
            "deserializing from YAML containing more than one document is not supported".into(),
            (1, 1),
        ),
        (
            "CRLF line endings",
            TROOPS_RULE.replace("kind: quantity", "kind: quantiti").replace('\n', "\r\n"),
            "claims[0].kind: unknown variant `quantiti`, expected one of `quantity`, `date`, `polarity`".into(),
            (4, 11),
        ),
        (
            "byte order mark",
            "\u{feff}claims: 5\n".to_string(),
            "claims: invalid type: integer `5`, expected a sequence".into(),
            (1, 9),
        ),
        (
            "non-ASCII before the error",
            TROOPS_RULE.replace("title: Troops", "title: Trôôps ‘US’, kind: x"),
            "mapping values are not allowed in this context".into(),
            (3, 29),
        ),
    ]
}

#[test]
fn every_bad_rule_is_exit_2_naming_file_line_and_column() {
    let mut seen = String::new();
    for (case, text, message, (line, column)) in bad_rules() {
        let dir = rules_workspace(&text);
        let errors = factlint::rules::RuleSet::load(&[dir.path().join("rules")]).expect_err(case);
        assert_eq!(errors.len(), 1, "{case}: {errors:?}");
        let expected = format!("{}/rules/troops.yaml: {message}", dir.path().display());
        let actual = errors[0].to_string();
        assert!(actual.starts_with(&expected), "{case}: {actual}");
        assert_eq!(errors[0].line_column(), Some((line, column)), "{case}");
        let err = refused(dir.path());
        assert!(
            err.contains(&format!("[rules/troops.yaml:{line}:{column}]")),
            "{case}: {err}"
        );
        seen.push_str(&format!("=== {case}\n{err}"));
    }
    insta::assert_snapshot!(seen);
}

#[test]
fn misspelt_kind_and_severity_get_a_suggestion() {
    for (broken, suggestion) in [
        (
            TROOPS_RULE.replace("kind: quantity", "kind: quantiti"),
            "did you mean `quantity`?",
        ),
        (claim("    severity: eror\n"), "did you mean `error`?"),
        (
            TROOPS_RULE.replace("    patterns:", "    paterns:"),
            "did you mean `patterns`?",
        ),
    ] {
        let err = refused(rules_workspace(&broken).path());
        assert!(err.contains(suggestion), "{err}");
    }
}

#[test]
fn rule_files_that_are_not_yaml_text_are_exit_2_with_a_reason() {
    for (bytes, reason) in [
        (
            &b""[..],
            "empty rule file: it should hold a list of claims under `claims:`",
        ),
        (
            b"\n  \n",
            "empty rule file: it should hold a list of claims under `claims:`",
        ),
        (
            b"claims:\n  - id: caf\xe9\n",
            "not valid UTF-8 (first invalid byte 0xE9 at line 2, column 12, offset 19)",
        ),
        (
            b"\xff\xfec\0l\0",
            "UTF-16 text (it starts with a UTF-16 byte order mark)",
        ),
        (b"claims: []\n", "no claims defined"),
    ] {
        let dir = rules_workspace("");
        write(&dir.path().join("rules"), "troops.yaml", bytes);
        refused(dir.path());
        let errors = factlint::rules::RuleSet::load(&[dir.path().join("rules")]).unwrap_err();
        let message = errors[0].to_string();
        assert!(message.contains(reason), "{message}");
        assert!(
            message.contains("/rules"),
            "names the file or directory: {message}"
        );
    }
}

#[cfg(unix)]
#[test]
fn dangling_rule_file_link_is_exit_2_not_a_missing_rule() {
    let dir = rules_workspace(TROOPS_RULE);
    std::os::unix::fs::symlink("gone.yaml", dir.path().join("rules/more.yaml")).unwrap();
    let err = refused(dir.path());
    assert!(
        err.contains("rules/more.yaml: cannot read: No such file or directory"),
        "{err}"
    );
}

#[test]
fn errors_of_every_rule_file_are_shown_in_one_run() {
    let dir = rules_workspace(&TROOPS_RULE.replace("kind: quantity", "kind: quantiti"));
    let more = TROOPS_RULE.replace("title: Troops", "title: [x]");
    write(&dir.path().join("rules"), "more.yaml", more.as_bytes());
    let err = refused(dir.path());
    assert!(err.contains("[rules/more.yaml:3:12]"), "{err}");
    assert!(err.contains("[rules/troops.yaml:4:11]"), "{err}");
}
