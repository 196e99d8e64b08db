//! Bad sources in a corpus: each is skipped with a warning that names it and says why (exit code unchanged), or read
//! correctly, and the rest of the corpus is always checked.
//!
//! Every test but the last ones runs the same corpus: `a.txt` says "more than 1,000 troops" and `c.txt` "fewer than
//! 1,000 troops", so a check that reads both exits 1 with one conflict of two mentions, whatever `b` does.

mod common;

use std::fs;
use std::path::Path;

use common::{
    check, json, refused, rules_dir_workspace, run_in, stderr, stdout, write, TROOPS_RULE,
};
use factlint::rules::RuleSet;
use factlint::source::{Corpus, CorpusOptions};
use serde_json::Value;

/// A workspace whose corpus holds the two conflicting sources `a.txt` and `c.txt`.
fn corpus_with_conflict() -> tempfile::TempDir {
    let dir = rules_dir_workspace(TROOPS_RULE);
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", b"There are more than 1,000 troops.\n");
    write(&corpus, "c.txt", b"There are fewer than 1,000 troops.\n");
    dir
}

/// Checks the workspace and asserts that `a.txt` and `c.txt` were both checked (exit 1, their two mentions in one
/// conflict) and that the only warning is about `skipped`, saying `reason`. Returns the JSON report.
fn assert_skipped_and_rest_checked(dir: &Path, skipped: &str, reason: &str) -> Value {
    let output = check(dir, "json");
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a.txt and c.txt still conflict: {err}"
    );
    assert!(err.contains(&format!("{skipped}: skipped: ")), "{err}");
    let report = json(&output);
    let paths = common::listed(&report, "sources", "path");
    assert_eq!(paths, ["corpus/a.txt", "corpus/c.txt"]);
    assert_eq!(report["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(report["findings"][0]["kind"], "conflict");
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["source"], skipped);
    assert_eq!(warnings[0]["message"], format!("skipped: {reason}"));
    report
}

fn add(dir: &Path, name: &str, bytes: &[u8]) {
    write(&dir.join("corpus"), name, bytes);
}

#[test]
fn latin1_source_is_skipped_with_the_place_of_the_first_bad_byte() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "b.txt",
        b"Latin-1 \xe9t\xe9 text with fewer than 1,000 troops.\n",
    );
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "not valid UTF-8 (first invalid byte 0xE9 at line 1, column 9, offset 8); convert it to UTF-8",
    );
}

#[test]
fn mixed_encoding_counts_the_column_in_characters() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "b.txt",
        "Été: more than 1,000 troops.\nNiamey, "
            .as_bytes()
            .iter()
            .chain(b"caf\xe9")
            .copied()
            .collect::<Vec<u8>>()
            .as_slice(),
    );
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "not valid UTF-8 (first invalid byte 0xE9 at line 2, column 12, offset 42); convert it to UTF-8",
    );
}

#[test]
fn utf16_source_is_read_through_its_byte_order_mark() {
    let dir = corpus_with_conflict();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Now fewer than 9 troops."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    add(dir.path(), "b.txt", &utf16);
    let report = json(&check(dir.path(), "json"));
    let mentions: Vec<String> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {}:{} {}",
                m["source"], m["line"], m["column"], m["text"]
            )
        })
        .collect();
    assert!(
        mentions.contains(&r#""corpus/b.txt" 1:5 "fewer than 9 troops""#.to_string()),
        "{mentions:?}"
    );
    assert!(
        report["warnings"].as_array().unwrap().is_empty(),
        "{report}"
    );
}

#[test]
fn broken_utf16_source_is_skipped_with_the_reason() {
    let dir = corpus_with_conflict();
    // A byte order mark, then half a character.
    add(dir.path(), "b.txt", b"\xff\xfeA");
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "not valid UTF-16LE (the encoding named by its byte order mark); convert it to UTF-8",
    );
}

#[test]
fn binary_file_named_like_a_source_is_skipped() {
    let dir = corpus_with_conflict();
    let mut png = vec![
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', 0, 0, 0, 13,
    ];
    png.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    add(dir.path(), "b.txt", &png);
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "binary file (NUL byte at offset 8)",
    );
}

#[test]
fn binary_file_that_is_valid_utf8_is_still_skipped() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "b.md",
        b"fewer than 5 troops\0\0\0\x01\x02 more than 9 troops",
    );
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.md",
        "binary file (NUL byte at offset 19)",
    );
}

#[test]
fn files_that_are_not_sources_are_not_read() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "photo.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 0xFF],
    );
    add(dir.path(), "notes.csv", b"fewer than 5 troops");
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["sources"].as_array().unwrap().len(), 2);
    assert_eq!(
        report["warnings"],
        Value::Array(Vec::new()),
        "only sources are read"
    );
}

#[test]
fn empty_and_blank_files_are_skipped() {
    for (name, bytes) in [
        ("b.txt", &b""[..]),
        ("b.md", b" \n\t\r\n"),
        ("b.txt", b"\xef\xbb\xbf\n"),
    ] {
        let dir = corpus_with_conflict();
        add(dir.path(), name, bytes);
        let skipped = format!("corpus/{name}");
        assert_skipped_and_rest_checked(dir.path(), &skipped, "empty file, nothing to check");
    }
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_reported_once_and_not_followed() {
    let dir = corpus_with_conflict();
    let corpus = dir.path().join("corpus");
    fs::create_dir(corpus.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", corpus.join("sub/up")).unwrap();
    let report = assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/sub/up",
        "symbolic link loop (it leads back to corpus), not followed",
    );
    assert_eq!(
        report["mentions"].as_array().unwrap().len(),
        2,
        "nothing read twice"
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlink_named_like_a_source_is_unreadable() {
    let dir = corpus_with_conflict();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("corpus/b.txt")).unwrap();
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "cannot read: No such file or directory (os error 2)",
    );
}

/// Makes a FIFO: reading it would block until something writes to it, so factlint must not open it.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn fifo_named_like_a_source_is_not_opened() {
    let dir = corpus_with_conflict();
    mkfifo(&dir.path().join("corpus/b.txt"));
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "not a regular file (a FIFO, socket or device), so it is not read",
    );
}

#[cfg(unix)]
#[test]
fn fifo_named_on_the_command_line_is_not_opened() {
    let dir = corpus_with_conflict();
    mkfifo(&dir.path().join("corpus/b.txt"));
    let output = run_in(
        dir.path(),
        &[
            "check",
            "corpus/c.txt",
            "corpus/b.txt",
            "corpus/a.txt",
            "--rules",
            "rules",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("corpus/b.txt: skipped: not a regular file"));
}

#[cfg(unix)]
#[test]
fn a_file_reached_twice_is_read_once() {
    let dir = corpus_with_conflict();
    std::os::unix::fs::symlink("a.txt", dir.path().join("corpus/b.txt")).unwrap();
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.txt",
        "the same file as corpus/a.txt, which is checked",
    );
}

#[test]
fn a_directory_named_like_a_source_is_walked() {
    let dir = corpus_with_conflict();
    let notes = dir.path().join("corpus/notes.txt");
    fs::create_dir(&notes).unwrap();
    write(&notes, "d.txt", b"Fewer than 1,000 troops.\n");
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["sources"][2]["path"], "corpus/notes.txt/d.txt");
    assert_eq!(report["warnings"], Value::Array(Vec::new()));
}

/// A file deleted, or replaced by a directory, after the walk found it and before the check reads it: the honest
/// ways to make a read fail when the tests run as root (permissions do not stop root).
#[test]
fn a_source_that_vanishes_or_changes_between_walk_and_read_is_a_problem() {
    let dir = corpus_with_conflict();
    let corpus = dir.path().join("corpus");
    write(&corpus, "b.txt", b"Fewer than 1,000 troops.\n");
    write(&corpus, "d.txt", b"Fewer than 1,000 troops.\n");
    let walk = Corpus::walk(std::slice::from_ref(&corpus), &CorpusOptions::default()).unwrap();
    let found = walk.read().unwrap();
    fs::remove_file(corpus.join("b.txt")).unwrap();
    fs::remove_file(corpus.join("d.txt")).unwrap();
    fs::create_dir(corpus.join("d.txt")).unwrap();
    let rules = RuleSet::load(&[dir.path().join("rules")]).unwrap();
    let checked = factlint::check::check(&rules, found);
    let names: Vec<String> = checked.sources.iter().map(|s| s.name.clone()).collect();
    assert_eq!(names, ["a", "c"]);
    let problems: Vec<(String, String)> = checked
        .warnings
        .iter()
        .map(|w| {
            (
                w.path.rsplit('/').next().unwrap().to_string(),
                w.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (
                "b.txt".into(),
                "skipped: cannot read: No such file or directory (os error 2)".into()
            ),
            (
                "d.txt".into(),
                "skipped: cannot read: Is a directory (os error 21)".into()
            ),
        ]
    );
}

#[test]
fn invalid_front_matter_names_the_line_in_the_file() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "b.md",
        b"---\nname: b\npublisher: X\n---\nFewer than 1,000 troops.\n",
    );
    let output = check(dir.path(), "json");
    let err = stderr(&output);
    assert!(
        err.contains("corpus/b.md: skipped: invalid front matter at line 3, column 1: unknown field `publisher`"),
        "{err}"
    );
}

/// The mention "fewer than 1,000 troops" and where JSON says it is.
fn mention_place(report: &Value) -> (u64, u64, u64) {
    let mention = &report["mentions"][0];
    assert_eq!(mention["text"], "fewer than 1,000 troops");
    let field = |name: &str| mention[name].as_u64().unwrap();
    (field("line"), field("column"), field("offset"))
}

/// Checks one source and returns its JSON report, with the human report's header place (`[file:line:column]`) of
/// the first finding.
fn check_one(text: &[u8]) -> (Value, String) {
    let dir = rules_dir_workspace(&format!("{TROOPS_RULE}      - '{{quantity}} left'\n"));
    add(dir.path(), "s.txt", text);
    let report = json(&check(dir.path(), "json"));
    let human = stdout(&check(dir.path(), "human"));
    let header = human
        .split("[corpus/s.txt:")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_default()
        .to_string();
    (report, header)
}

#[test]
fn byte_order_mark_is_skipped_before_front_matter_and_not_a_column() {
    let text = "\u{feff}---\npublished: 2024-05-14\n---\nÉté: fewer than 1,000 troops, more than 2,000 left.\n";
    let (report, header) = check_one(text.as_bytes());
    assert_eq!(
        report["sources"][0]["published"], "2024-05-14",
        "front matter after a BOM is read"
    );
    let offset = text.find("fewer").unwrap() as u64;
    assert_eq!(
        mention_place(&report),
        (4, 6, offset),
        "offsets count the BOM's 3 bytes, columns do not"
    );
    assert_eq!(header, "4:6", "the human report points at the same place");

    let text = "\u{feff}fewer than 1,000 troops, more than 2,000 left.\n";
    let (report, header) = check_one(text.as_bytes());
    assert_eq!(mention_place(&report), (1, 1, 3));
    assert_eq!(header, "1:1");
}

#[test]
fn crlf_and_lone_cr_line_endings_keep_lines_and_columns() {
    for newline in ["\r\n", "\r", "\n"] {
        let text = [
            "---",
            "name: s",
            "---",
            "Niamey, May 14, 2024",
            "",
            "Noted – fewer than 1,000 troops, more than 2,000 left.",
            "",
        ]
        .join(newline);
        let (report, header) = check_one(text.as_bytes());
        let offset = text.find("fewer").unwrap() as u64;
        assert_eq!(mention_place(&report), (6, 9, offset), "{newline:?}");
        assert_eq!(header, "6:9", "{newline:?}");
        assert_eq!(
            report["sources"][0]["name"], "s",
            "front matter with {newline:?}"
        );
        assert_eq!(
            report["sources"][0]["published"], "2024-05-14",
            "dateline with {newline:?}"
        );
    }
}

#[test]
fn empty_corpus_is_exit_2() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    let output = check(dir.path(), "json");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "no report when nothing was checked"
    );
    let err = stderr(&output);
    assert!(err.contains("no sources to check in corpus"), "{err}");
    // The list of extensions is long enough for the help to wrap anywhere.
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("sources are files ending in .txt"), "{err}");
}

#[test]
fn corpus_whose_every_file_is_skipped_is_exit_2_and_says_why() {
    let dir = rules_dir_workspace(TROOPS_RULE);
    add(dir.path(), "a.txt", b"");
    add(dir.path(), "b.txt", b"\xff\xfeA");
    let err = refused(dir.path());
    assert!(err.contains("no sources to check in corpus"), "{err}");
    assert!(err.contains("corpus/a.txt: empty file"), "{err}");
    assert!(err.contains("corpus/b.txt: not valid UTF-16LE"), "{err}");
}

#[test]
fn invalid_manifest_is_exit_2_with_its_place() {
    let dir = corpus_with_conflict();
    add(
        dir.path(),
        "sources.yaml",
        b"sources:\n  a.txt:\n    publisher: X\n",
    );
    let err = refused(dir.path());
    assert!(
        err.contains("invalid manifest corpus/sources.yaml: at line 3, column 5:"),
        "{err}"
    );
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let dir = corpus_with_conflict();
    let deep = format!(
        "---\nname: {}{}\n---\nFewer than 1,000 troops.\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    add(dir.path(), "b.md", deep.as_bytes());
    let started = std::time::Instant::now();
    assert_skipped_and_rest_checked(
        dir.path(),
        "corpus/b.md",
        "invalid front matter at line 2, column 135: recursion limit exceeded: more than 128 nested `[` or `{`",
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
