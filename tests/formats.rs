//! Sources in the formats people keep: saved web pages (three site layouts), Markdown, and drafts in them. The
//! fixtures in `tests/fixtures/formats/` report one flood; each test pins what is read, where it is reported in the
//! file as saved, what is skipped, and where a publication date came from.

mod common;

use std::path::Path;

use common::{check_files, json, repo_root, run, stdout};

const FIXTURES: &str = "tests/fixtures/formats";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo_root().join(FIXTURES).join(name)).expect("the fixture is readable")
}

/// The JSON report of a check of the saved pages.
fn pages_report() -> serde_json::Value {
    let rules = format!("{FIXTURES}/rules.yaml");
    let pages = ["ledger.html", "courier.html", "notes.html"].map(|p| format!("{FIXTURES}/{p}"));
    let mut args = vec!["check", "--rules", &rules, "--format", "json"];
    args.extend(pages.iter().map(String::as_str));
    json(&run(&args))
}

/// Each mention as "file line:column text".
fn mentions(report: &serde_json::Value) -> Vec<String> {
    report["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| {
            let file = Path::new(m["source"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            format!(
                "{file} {}:{} {}",
                m["line"],
                m["column"],
                m["text"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn saved_pages_are_read_as_their_articles() {
    // Left out: the figure in ledger's script, its navigation, related stories and footer; courier's most-read
    // widget and comments; notes' sponsor box. Read through markup: "1,100 <b>rescue workers</b>", "Sept.&nbsp;15".
    assert_eq!(
        mentions(&pages_report()),
        [
            "courier.html 10:4 Some 1,300 rescue workers",
            "courier.html 12:46 no later than Sept. 30",
            "ledger.html 19:17 About 1,100 rescue workers",
            "ledger.html 21:25 no later than Sept. 15",
            "notes.html 15:1 about 700 rescue workers",
        ]
    );
}

#[test]
fn a_mention_spans_the_bytes_of_the_page_as_saved() {
    let report = pages_report();
    let spans: Vec<String> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let file = fixture(
                Path::new(m["source"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap(),
            );
            let offset = m["offset"].as_u64().unwrap() as usize;
            let length = m["length"].as_u64().unwrap() as usize;
            file[offset..offset + length].to_string()
        })
        .collect();
    assert_eq!(
        spans,
        [
            "Some 1,300 rescue workers",
            "no later than Sept. 30",
            "About 1,100 <b>rescue workers",
            "no later than Sept.&nbsp;15",
            "about&nbsp;700 rescue workers",
        ]
    );
}

#[test]
fn page_metadata_dates_a_page_and_says_where_it_came_from() {
    let report = pages_report();
    let sources: Vec<(String, String, String, String)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |key: &str| s[key].as_str().unwrap_or("-").to_string();
            (
                text("name"),
                text("published"),
                text("outlet"),
                text("published_inferred"),
            )
        })
        .collect();
    let expected = [
        (
            "courier",
            "2025-03-16",
            "-",
            "<time datetime=\"2025-03-16T18:05\"> in the page",
        ),
        (
            "ledger",
            "2025-03-15",
            "The Harlan Ledger",
            "<meta property=\"article:published_time\"> in the page",
        ),
        (
            "notes",
            "2025-03-17",
            "River Notes",
            "datePublished in the page's JSON-LD",
        ),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(sources, expected);
}

#[test]
fn the_time_of_day_of_a_page_stamp_dates_its_figures() {
    let report = pages_report();
    let ledger = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["source"].as_str().unwrap().ends_with("ledger.html"))
        .unwrap();
    assert_eq!(ledger["time"]["start"], "2025-03-15T08:30");
}

#[test]
fn a_manifest_wins_over_the_page_metadata() {
    let manifest =
        "sources:\n  ledger.html:\n    published: 2025-03-20\n    outlet: Ledger Weekly\n";
    let (_, report) = check_files(
        &fixture("rules.yaml"),
        &[
            ("ledger.html", &fixture("ledger.html")),
            ("sources.yaml", manifest),
        ],
    );
    let source = &report["sources"][0];
    assert_eq!(source["published"], "2025-03-20");
    assert_eq!(source["outlet"], "Ledger Weekly");
    assert!(source["published_inferred"].is_null(), "{source}");
}

#[test]
fn sarif_regions_point_into_the_page() {
    let rules = format!("{FIXTURES}/rules.yaml");
    let ledger = format!("{FIXTURES}/ledger.html");
    let courier = format!("{FIXTURES}/courier.html");
    let sarif = json(&run(&[
        "check", "--rules", &rules, "--format", "sarif", &ledger, &courier,
    ]));
    let regions: Vec<(u64, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["locations"]
                .as_array()
                .unwrap()
                .iter()
                .chain(r["relatedLocations"].as_array().unwrap())
        })
        .map(|l| {
            let region = &l["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    // The conflict on the deadline: "no later than Sept. 30" in courier, "no later than Sept.&nbsp;15" in ledger.
    assert_eq!(regions, [(12, 46), (21, 25)]);
}

#[test]
fn the_human_report_shows_the_page_as_saved() {
    let rules = format!("{FIXTURES}/rules.yaml");
    let ledger = format!("{FIXTURES}/ledger.html");
    let courier = format!("{FIXTURES}/courier.html");
    insta::assert_snapshot!(stdout(&run(&[
        "check", "--rules", &rules, &ledger, &courier
    ])));
}

#[test]
fn a_page_can_be_a_draft() {
    let rules = format!("{FIXTURES}/rules.yaml");
    let draft = format!("{FIXTURES}/courier.html");
    let corpus = format!("{FIXTURES}/ledger.html");
    let report = json(&run(&[
        "check", "--rules", &rules, "--format", "json", "--draft", &draft, &corpus,
    ]));
    let draft_mentions: Vec<String> = mentions(&report)
        .into_iter()
        .filter(|m| m.starts_with("courier"))
        .collect();
    assert_eq!(
        draft_mentions,
        [
            "courier.html 10:4 Some 1,300 rescue workers",
            "courier.html 12:46 no later than Sept. 30"
        ]
    );
}

#[test]
fn markdown_code_and_link_targets_are_not_prose() {
    let note = "---\npublished: 2025-03-18\n---\n# Flood — notes\n\nAbout 800 rescue workers stayed; `2,500 rescue workers` \
                is a variable.\n\n```\n4,000 rescue workers\n```\n\nSee [the count](https://x.example/6000-rescue-workers) \
                and [more][ref].\n\n[ref]: https://x.example/7000 \"7,000 rescue workers\"\n";
    let (_, report) = check_files(&fixture("rules.yaml"), &[("note.md", note)]);
    assert_eq!(mentions(&report), ["note.md 6:1 About 800 rescue workers"]);
}

#[test]
fn markdown_columns_count_the_characters_of_the_file() {
    // The code span holds characters of several bytes, blanked to spaces byte by byte: the column of the figure
    // after it is still counted in the file's characters.
    let note = "Code `été→` then 900 rescue workers.\n";
    let (_, report) = check_files(&fixture("rules.yaml"), &[("note.md", note)]);
    assert_eq!(mentions(&report), ["note.md 1:18 900 rescue workers"]);
}

/// The JSON report of a check of `files` (paths under the fixtures) with the fixtures' rules.
fn report_of(args: &[&str]) -> serde_json::Value {
    let rules = format!("{FIXTURES}/rules.yaml");
    let mut all = vec!["check", "--rules", rules.as_str(), "--format", "json"];
    all.extend_from_slice(args);
    json(&run(&all))
}

#[test]
fn a_word_draft_is_read_paragraph_by_paragraph() {
    let draft = format!("{FIXTURES}/draft.docx");
    let corpus = format!("{FIXTURES}/ledger.html");
    let report = report_of(&["--draft", &draft, &corpus]);
    let draft_mentions: Vec<String> = mentions(&report)
        .into_iter()
        .filter(|m| m.starts_with("draft"))
        .collect();
    // Line N is paragraph N; the second paragraph's figure is split over two runs in the file.
    assert_eq!(
        draft_mentions,
        [
            "draft.docx 2:1 About 1,000 rescue workers",
            "draft.docx 3:27 no later than Sept. 20"
        ]
    );
}

#[test]
fn a_pdf_is_read_page_by_page() {
    let report = report_of(&[&format!("{FIXTURES}/report.pdf")]);
    let places: Vec<(u64, u64, String)> = report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["page"].as_u64().unwrap(),
                m["line"].as_u64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (2, 3, "Roughly 1,150 rescue workers".to_string()),
            (2, 4, "no later than Sept. 15".to_string())
        ]
    );
}

#[test]
fn a_document_that_cannot_be_read_is_a_named_warning() {
    let ledger = fixture("ledger.html");
    let files = [
        ("ledger.html", ledger.as_str()),
        ("broken.docx", "PK\u{3}\u{4} not really a zip archive"),
        ("broken.pdf", "%PDF-1.4\n1 0 obj <<"),
    ];
    let (_, report) = check_files(&fixture("rules.yaml"), &files);
    let warnings: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            format!(
                "{}: {}",
                w["source"].as_str().unwrap(),
                w["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("corpus/broken.docx: skipped: not a Word document"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("corpus/broken.pdf: skipped: the PDF cannot be read"),
        "{warnings:?}"
    );
    assert_eq!(mentions(&report).len(), 2, "the page is still checked");
}

#[test]
fn a_marker_in_a_page_comment_silences_the_mention_below_it() {
    // The comments are not prose, but their markers count: on the marker's line of the page and the next.
    let page = "<html><body><article>\n<!-- factlint-ignore troops -->\n<p>About 1,100 troops stayed in the \
                valley.</p>\n<p>Some 900 troops left on Sunday.</p>\n<!-- factlint-ignore troops, bridges -->\n\
                </article></body></html>\n";
    let (_, report) = check_files(
        common::TROOPS_RULE,
        &[
            ("page.html", page),
            ("notes.txt", "About 700 troops stayed.\n"),
        ],
    );
    let texts = common::listed(&report, "mentions", "text");
    assert_eq!(texts, ["About 700 troops", "Some 900 troops"], "{report}");
    let unused: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            format!(
                "{}:{} {}",
                w["line"],
                w["column"],
                w["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        unused,
        [
            "5:1 unused suppression `factlint-ignore troops`: no mention of it on this line or the next",
            "5:1 unused suppression `factlint-ignore bridges`: no such claim",
        ]
    );
}

const ENCODINGS: &str = "tests/fixtures/formats/encodings";

/// The JSON report of a check of files under the encodings fixtures.
fn encodings_report(files: &[&str]) -> serde_json::Value {
    let paths: Vec<String> = files.iter().map(|f| format!("{ENCODINGS}/{f}")).collect();
    report_of(&paths.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn pages_in_legacy_encodings_are_decoded_as_they_declare() {
    // windows-1252 with curly quotes and non-breaking spaces beside the figures; ISO-8859-1 declared through
    // http-equiv, accented letters before the figure; Shift_JIS; UTF-16 with its byte order mark. Columns count
    // the characters of the page as saved.
    let report = encodings_report(&[
        "bulletin-latin1.html",
        "gazette-1252.html",
        "notice-sjis.html",
        "wide-utf16.html",
    ]);
    assert_eq!(
        mentions(&report),
        [
            "bulletin-latin1.html 8:20 some 600 rescue workers",
            "gazette-1252.html 8:5 About 1,250 rescue workers",
            "gazette-1252.html 9:60 no later than Sept. 16",
            "notice-sjis.html 8:8 About 480 rescue workers",
            "wide-utf16.html 8:4 Nearly 2,000 rescue workers",
        ]
    );
    let published = common::listed(&report, "sources", "published");
    assert_eq!(published, ["2025-03-19"; 4], "the metadata is read too");
    assert!(
        report["warnings"].as_array().unwrap().is_empty(),
        "{report}"
    );
}

#[test]
fn the_human_report_quotes_a_decoded_page() {
    let rules = format!("{FIXTURES}/rules.yaml");
    let gazette = format!("{ENCODINGS}/gazette-1252.html");
    let ledger = format!("{FIXTURES}/ledger.html");
    let report = stdout(&run(&["check", "--rules", &rules, &gazette, &ledger]));
    assert!(
        report.contains(
            "The council’s engineers said the banks would be cleared no later than Sept.\u{a0}16."
        ),
        "{report}"
    );
}

#[test]
fn plain_text_is_read_as_its_byte_order_mark_says_or_skipped_with_the_reason() {
    let report = encodings_report(&["memo-1252.txt", "memo-utf16.txt"]);
    assert_eq!(
        mentions(&report),
        ["memo-utf16.txt 2:1 About 650 rescue workers"]
    );
    let warnings = common::listed(&report, "warnings", "message");
    assert_eq!(
        warnings,
        ["skipped: not valid UTF-8 (first invalid byte 0x93 at line 1, column 1, offset 0); convert it to UTF-8"]
    );
}

/// Each source of a report as "name published (where from)".
fn source_dates(report: &serde_json::Value) -> Vec<String> {
    report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {} ({})",
                s["name"].as_str().unwrap(),
                s["published"].as_str().unwrap_or("-"),
                s["published_inferred"].as_str().unwrap_or("stated")
            )
        })
        .collect()
}

#[test]
fn word_and_pdf_files_are_dated_by_their_own_properties() {
    let report = report_of(&[
        &format!("{FIXTURES}/draft.docx"),
        &format!("{FIXTURES}/report.pdf"),
    ]);
    assert_eq!(
        source_dates(&report),
        [
            "draft 2025-03-18 (dcterms:modified in the document's properties (docProps/core.xml))",
            "report 2025-03-17 (CreationDate in the PDF's Info dictionary)",
        ]
    );
}

#[test]
fn a_manifest_wins_over_a_document_date() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["draft.docx", "report.pdf", "rules.yaml"] {
        std::fs::copy(repo_root().join(FIXTURES).join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(
        dir.path().join("sources.yaml"),
        "sources:\n  report.pdf:\n    published: 2025-03-21\n",
    )
    .unwrap();
    let output = common::run_in(
        dir.path(),
        &[
            "check",
            "--rules",
            "rules.yaml",
            "--format",
            "json",
            "draft.docx",
            "report.pdf",
        ],
    );
    assert_eq!(
        source_dates(&json(&output)),
        [
            "draft 2025-03-18 (dcterms:modified in the document's properties (docProps/core.xml))",
            "report 2025-03-21 (stated)",
        ]
    );
}
