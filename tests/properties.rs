//! Properties of the semantics, on generated phrases and corpora: conflict is symmetric and never reflexive, values
//! are well formed, the order of sources changes only what it must, and no mention is lost between extraction and
//! the reports.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use factlint::check::{check, Checked};
use factlint::extract::{HeldTable, Said};
use factlint::kinds::date::{parse_date, Day};
use factlint::kinds::quantity::{parse_quantity, Tolerance};
use factlint::kinds::Value;
use factlint::model::Polarity;
use factlint::reconcile::reconcile;
use factlint::report::human::{self, HumanOptions};
use factlint::report::json;
use factlint::rules::RuleSet;
use factlint::source::Corpus;
use jiff::civil::Date;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value as Json;

// ---------------------------------------------------------------------------------------------------------------
// Phrases and values

fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A quantity phrase as news text writes it: a qualifier, a number in digits or words, perhaps "or so".
fn quantity_phrase() -> impl Strategy<Value = String> {
    let qualifier = select(vec![
        "",
        "more than ",
        "over ",
        "fewer than ",
        "less than ",
        "under ",
        "below ",
        "about ",
        "some ",
        "roughly ",
        "nearly ",
        "almost ",
        "just under ",
        "at least ",
        "no fewer than ",
        "up to ",
        "as many as ",
        "at most ",
    ]);
    let number = prop_oneof![
        (0u64..3).prop_map(|n| n.to_string()),
        (0u64..20_000_000).prop_map(with_commas),
        (0u64..100_000).prop_map(|n| n.to_string()),
        (0u64..10_000, 1u64..100).prop_map(|(n, f)| format!("{n}.{f}")),
        select(vec![
            "a thousand",
            "two dozen",
            "twenty-five",
            "ninety nine",
            "dozens",
            "hundreds",
            "thousands",
            "tens of thousands",
            "hundreds of millions",
            "half a million",
            "1.1 million",
            "a hundred",
        ])
        .prop_map(str::to_string),
    ];
    (qualifier, number, any::<bool>())
        .prop_map(|(q, n, or_so)| format!("{q}{n}{}", if or_so { " or so" } else { "" }))
}

/// A tolerance, often none at all (`tolerance: 0%` is allowed, and leaves "nearly" no room).
fn tolerance() -> impl Strategy<Value = Tolerance> {
    let fraction = || prop_oneof![Just(0.0), 0.0..0.99f64];
    (fraction(), fraction()).prop_map(|(approximate, exact)| Tolerance { approximate, exact })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date phrase: an optional qualifier and one of the supported shapes, with days that may not exist.
fn date_phrase() -> impl Strategy<Value = String> {
    let qualifier = select(vec![
        "",
        "no later than ",
        "by ",
        "until ",
        "after ",
        "since ",
        "from ",
        "before ",
        "prior to ",
        "in ",
        "on ",
    ]);
    let month = select(MONTHS.to_vec());
    let shape =
        (month, 1u32..32, 1990u32..2031, 1u32..13, 0usize..22).prop_map(|(m, d, y, mm, shape)| {
            match shape {
                0 => format!("{m} {d}"),
                1 => format!("{m} {d}, {y}"),
                2 => format!("{d} {m} {y}"),
                3 => format!("{m} {y}"),
                4 => m.to_string(),
                5 => format!("mid-{m}"),
                6 => format!("early {m} {y}"),
                7 => format!("late {m}"),
                8 => format!("the end of {m}"),
                9 => format!("last {m}"),
                10 => format!("next {m}"),
                11 => format!("{d:02}.{mm:02}.{y}"),
                12 => format!("{y}-{mm:02}-{d:02}"),
                13 => format!("mid-{y}"),
                14 => "the end of the year".into(),
                15 => format!("{m} last year"),
                16 => {
                    ["last", "this", "next"][d as usize % 3].to_string()
                        + [" week", " month", " year"][mm as usize % 3]
                }
                17 => ["yesterday", "today", "tomorrow"][d as usize % 3].into(),
                18 => format!(
                    "{}day",
                    ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"][d as usize % 7]
                ),
                19 => format!("last {}day", ["mon", "fri", "sun"][d as usize % 3]),
                20 => "earlier this month".into(),
                _ => format!("{y}"),
            }
        });
    (qualifier, shape).prop_map(|(q, s)| format!("{q}{s}"))
}

fn publication_date() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        Just(None),
        (1990i16..2031, 1i8..13, 1i8..29).prop_map(|(y, m, d)| Some(jiff::civil::date(y, m, d))),
        select(vec![
            jiff::civil::date(2024, 12, 31),
            jiff::civil::date(2024, 1, 1),
            jiff::civil::date(2024, 2, 29)
        ])
        .prop_map(Some),
    ]
}

/// Any value a mention can have, from generated phrases.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        (quantity_phrase(), tolerance()).prop_filter_map(
            "not a quantity",
            |(phrase, tolerance)| {
                parse_quantity(&phrase, tolerance).map(|quantity| Value::Quantity {
                    quantity,
                    as_of: None,
                    revision: factlint::kinds::quantity::Revision::Current,
                })
            }
        ),
        (date_phrase(), publication_date())
            .prop_map(|(phrase, published)| Value::Date(parse_date(&phrase, published))),
        select(vec![Polarity::Affirm, Polarity::Deny]).prop_map(Value::Polarity),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn conflict_is_symmetric(a in value(), b in value()) {
        prop_assert_eq!(a.compatible(&b), b.compatible(&a), "{:?} / {:?}", a, b);
    }

    #[test]
    fn a_value_never_conflicts_with_itself(a in value()) {
        prop_assert!(a.compatible(&a.clone()), "{:?}", a);
    }

    #[test]
    fn quantities_normalise_to_non_empty_intervals(phrase in quantity_phrase(), tolerance in tolerance()) {
        match parse_quantity(&phrase, tolerance) {
            Some(q) => {
                let (min, max) = (q.interval.min, q.interval.max);
                prop_assert!(min.value <= max.value, "{}: {:?}", phrase, q);
                prop_assert!(min.value < max.value || (min.inclusive && max.inclusive), "{} is empty: {:?}", phrase, q);
                prop_assert!(min.value >= 0.0, "{}: counts are never negative: {:?}", phrase, q);
            }
            // Only a phrase that allows no count at all is refused: "fewer than 0".
            None => {
                let below_zero = ["fewer than 0", "less than 0", "under 0", "below 0"]
                    .iter()
                    .any(|p| phrase == *p || phrase == format!("{p} or so"));
                prop_assert!(below_zero, "{} did not parse", phrase);
            }
        }
    }

    #[test]
    fn dates_normalise_to_ranges_that_start_before_they_end(phrase in date_phrase(), published in publication_date()) {
        if let Ok(range) = parse_date(&phrase, published) {
            match (range.start, range.end) {
                (Day::Full(start), Day::Full(end)) => prop_assert!(start <= end, "{}: {:?}", phrase, range),
                (Day::NoYear { .. }, Day::NoYear { .. }) => prop_assert!(range.start <= range.end, "{}: {:?}", phrase, range),
                _ => prop_assert!(false, "{}: a range mixes a year and no year: {:?}", phrase, range),
            }
            prop_assert!(range.overlaps(&range), "{}: {:?}", phrase, range);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Corpora

/// The seed corpus's rules, loaded once.
fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        RuleSet::load(&[common::repo_root().join("rules")])
            .unwrap_or_else(|e| panic!("seed rules load: {e:?}"))
    })
}

/// Sentences with mentions of the seed claims (and some without), to build sources from.
const SENTENCES: &[&str] = &[
    "There are more than 1,000 US troops in Niger.",
    "There are fewer than 1,000 US troops in the country.",
    "Around 1,000 US troops remain, officials said.",
    "Some 650 US troops were still there in April.",
    "In 2021 there were 800 American troops at the base.",
    "The withdrawal is to be completed no later than Sept. 15.",
    "US forces will leave by September 15, 2024.",
    "US forces will withdraw by mid-August, the Pentagon said.",
    "The pullout does not mark the end of the relationship.",
    "The pullout does mark the end of relations, the junta said.",
    "The coup took place in July 2023.",
    "Soldiers seized power in July last year.",
    "Officials gave no further details.",
    "Niamey, Niger (AFP) May 14, 2024 -",
];

/// A generated source: its name, optional publication date, and its sentences.
#[derive(Debug, Clone)]
struct SourceSpec {
    published: Option<&'static str>,
    sentences: Vec<&'static str>,
    crlf: bool,
}

impl SourceSpec {
    fn text(&self, name: &str) -> String {
        let newline = if self.crlf { "\r\n" } else { "\n" };
        let mut lines = vec!["---".to_string(), format!("name: {name}")];
        if let Some(published) = self.published {
            lines.push(format!("published: {published}"));
        }
        lines.push("---".into());
        lines.extend(self.sentences.iter().map(|s| s.to_string()));
        lines.join(newline) + newline
    }
}

fn source_spec() -> impl Strategy<Value = SourceSpec> {
    (
        prop::option::of(select(vec!["2024-05-14", "2024-05-20", "2023-01-10"])),
        prop::collection::vec(select(SENTENCES.to_vec()), 0..6),
        any::<bool>(),
    )
        .prop_map(|(published, sentences, crlf)| SourceSpec {
            published,
            sentences,
            crlf,
        })
}

/// Up to five sources, with a permutation of their file names.
fn corpus_and_renaming() -> impl Strategy<Value = (Vec<SourceSpec>, Vec<usize>)> {
    prop::collection::vec(source_spec(), 1..6).prop_flat_map(|specs| {
        let n = specs.len();
        (
            Just(specs),
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
        )
    })
}

/// Writes source `i` as `corpus/{file_names[i]}.txt` (its `name:` stays `s{i}`), and returns the paths written.
fn write_corpus(dir: &Path, specs: &[SourceSpec], file_names: &[usize]) -> Vec<PathBuf> {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    specs
        .iter()
        .zip(file_names)
        .enumerate()
        .map(|(i, (spec, file))| {
            let path = corpus.join(format!("{file}.txt"));
            std::fs::write(&path, spec.text(&format!("s{i}"))).unwrap();
            path
        })
        .collect()
}

/// Checks the paths; `None` when there is nothing to check.
fn run(paths: &[PathBuf]) -> Option<Checked> {
    Corpus::load(paths)
        .ok()
        .map(|corpus| check(rules(), corpus))
}

/// The JSON report with everything that depends on the order of sources put in a canonical form: mention ids
/// replaced by (source name, offset, claim), lists of mentions sorted, sides and findings sorted, the sides listed
/// in messages sorted, and paths replaced by source names.
fn canonical(report: &Json) -> Json {
    let names: BTreeMap<&str, &str> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["name"].as_str().unwrap()))
        .collect();
    let name = |path: &Json| Json::from(names.get(path.as_str().unwrap()).copied().unwrap_or("?"));
    let key = |id: &Json| {
        let m = &report["mentions"][id.as_u64().unwrap() as usize];
        Json::from(format!(
            "{}@{}#{}",
            name(&m["source"]),
            m["offset"],
            m["claim"]
        ))
    };
    let keys = |ids: &Json| sorted(ids.as_array().unwrap().iter().map(key));
    serde_json::json!({
        "version": report["version"],
        "sources": rewritten(report, "sources", |s| s["path"] = Json::Null),
        "mentions": rewritten(report, "mentions", |m| {
            m["id"] = key(&m["id"]);
            m["source"] = name(&m["source"]);
        }),
        "findings": rewritten(report, "findings", |f| {
            f["mentions"] = keys(&f["mentions"]);
            f["compatible"] = keys(&f["compatible"]);
            f["sides"] = sorted(f["sides"].as_array().unwrap().iter().map(keys));
            f["message"] = Json::from(canonical_message(f["message"].as_str().unwrap()));
        }),
        "warnings": rewritten(report, "warnings", |w| w["source"] = name(&w["source"])),
    })
}

/// The entries of `report[field]`, each rewritten, in a canonical order.
fn rewritten(report: &Json, field: &str, rewrite: impl Fn(&mut Json)) -> Json {
    sorted(report[field].as_array().unwrap().iter().map(|entry| {
        let mut entry = entry.clone();
        rewrite(&mut entry);
        entry
    }))
}

/// The values as a JSON array in a canonical order (by their text).
fn sorted(values: impl Iterator<Item = Json>) -> Json {
    let mut values: Vec<Json> = values.collect();
    values.sort_by_key(|v| v.to_string());
    Json::Array(values)
}

/// A finding's message with the sides it lists sorted ("A vs B", "A then B", "agree: a; b", undated "a; b").
fn canonical_message(message: &str) -> String {
    for (marker, separator) in [
        ("disagree: ", " vs "),
        ("over time: ", " then "),
        ("agree: ", "; "),
        ("when they hold): ", "; "),
    ] {
        if let Some((head, sides)) = message.split_once(marker) {
            let mut sides: Vec<&str> = sides.split(separator).collect();
            sides.sort();
            return format!("{head}{marker}{}", sides.join(separator));
        }
    }
    message.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same files named in any order, or found by walking their directory, give the same bytes.
    #[test]
    fn the_order_of_paths_changes_nothing((specs, order) in corpus_and_renaming()) {
        let dir = tempfile::tempdir().unwrap();
        let paths = write_corpus(dir.path(), &specs, &(0..specs.len()).collect::<Vec<_>>());
        let shuffled: Vec<PathBuf> = order.iter().map(|&i| paths[i].clone()).collect();
        let walked = run(&[dir.path().join("corpus")]);
        let given = run(&paths);
        let reordered = run(&shuffled);
        prop_assume!(walked.is_some());
        let render = |checked: &Option<Checked>| json::render(checked.as_ref().unwrap(), rules());
        prop_assert_eq!(render(&walked), render(&given));
        prop_assert_eq!(render(&given), render(&reordered));
    }

    /// Renaming files (so that sources are read in another order) changes ids, the order of lists and of the
    /// sides in messages, and the paths; nothing else.
    #[test]
    fn renaming_sources_changes_only_order_and_paths((specs, renaming) in corpus_and_renaming()) {
        let before = tempfile::tempdir().unwrap();
        let after = tempfile::tempdir().unwrap();
        write_corpus(before.path(), &specs, &(0..specs.len()).collect::<Vec<_>>());
        write_corpus(after.path(), &specs, &renaming);
        let first = run(&[before.path().join("corpus")]);
        let second = run(&[after.path().join("corpus")]);
        prop_assume!(first.is_some());
        let report = |checked: &Option<Checked>| -> Json {
            serde_json::from_str(&json::render(checked.as_ref().unwrap(), rules())).unwrap()
        };
        prop_assert_eq!(canonical(&report(&first)), canonical(&report(&second)));
    }

    /// Every mention extracted is in the JSON report and in exactly one finding of its claim; sides split a
    /// finding's mentions; and the human report counts the same mentions.
    #[test]
    fn no_mention_is_lost((specs, _) in corpus_and_renaming()) {
        let dir = tempfile::tempdir().unwrap();
        write_corpus(dir.path(), &specs, &(0..specs.len()).collect::<Vec<_>>());
        let Some(checked) = run(&[dir.path().join("corpus")]) else { return Ok(()) };
        let expected = expected_mentions(&checked);
        let report: Json = serde_json::from_str(&json::render(&checked, rules())).unwrap();
        let mentions = report["mentions"].as_array().unwrap();
        prop_assert_eq!(mentions.len(), expected);
        for mention in mentions {
            let id = &mention["id"];
            let holding: Vec<&Json> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["mentions"].as_array().unwrap().contains(id))
                .collect();
            prop_assert_eq!(holding.len(), 1, "mention {} is in {} findings", id, holding.len());
            prop_assert_eq!(&holding[0]["claim"], &mention["claim"]);
        }
        for finding in report["findings"].as_array().unwrap() {
            let mut in_sides: Vec<u64> = finding["sides"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| s.as_array().unwrap().iter().map(|id| id.as_u64().unwrap()))
                .collect();
            in_sides.sort_unstable();
            let all: Vec<u64> = finding["mentions"].as_array().unwrap().iter().map(|id| id.as_u64().unwrap()).collect();
            prop_assert_eq!(in_sides, all, "sides split the finding's mentions exactly");
        }
        let summary = human_counts(&checked);
        prop_assert_eq!(summary, json_counts(&report));
    }

    /// Reconciliation builds its graph over classes of mentions that share what they state; mentions that each hold
    /// their own copy, compared one by one, give the same findings.
    #[test]
    fn mentions_sharing_what_they_state_reconcile_as_mentions_apart((specs, _) in corpus_and_renaming()) {
        let dir = tempfile::tempdir().unwrap();
        write_corpus(dir.path(), &specs, &(0..specs.len()).collect::<Vec<_>>());
        let Some(checked) = run(&[dir.path().join("corpus")]) else { return Ok(()) };
        let mut apart = HeldTable::default();
        for m in checked.mentions.iter() {
            apart.push(&m, Arc::new(Said::of(&m)));
        }
        let findings = reconcile(&rules().claims, apart.list(), &checked.undated());
        prop_assert_eq!(format!("{findings:?}"), format!("{:?}", checked.findings));
    }
}

/// How many mentions extraction and normalisation give, counted claim by claim and source by source apart from the
/// pipeline that assembles the report, plus the names and quotations that drift detection finds.
fn expected_mentions(checked: &Checked) -> usize {
    let mut count = 0;
    let sources: Vec<_> = checked
        .sources
        .iter()
        .map(|s| s.read().expect("the source reads again"))
        .collect();
    for source in &sources {
        for claim in &rules().claims {
            for found in factlint::extract::find_matches(claim, source) {
                if factlint::extract::normalize(&claim.kind, source, &found).is_ok() {
                    count += 1;
                }
            }
        }
    }
    let wordings = factlint::extract::drift::mentions_by_source(rules(), &sources);
    count + wordings.iter().map(Vec::len).sum::<usize>()
}

/// The "(N mentions in M sources)" counts of the human summary, claim by claim, and the totals line's numbers.
fn human_counts(checked: &Checked) -> (Vec<Vec<(u64, u64)>>, Vec<u64>) {
    let text = human::render(
        checked,
        rules(),
        HumanOptions {
            color: false,
            width: 100,
        },
    );
    let (_, summary) = text.rsplit_once("claims:\n").unwrap();
    let lines: Vec<&str> = summary.lines().collect();
    let count_re = regex::Regex::new(r"([\d,]+) mentions? in ([\d,]+) sources?").unwrap();
    let number = |text: &str| -> u64 { text.replace(',', "").parse().unwrap() };
    let per_claim = lines[..rules().claims.len()]
        .iter()
        .map(|line| {
            count_re
                .captures_iter(line)
                .map(|c| (number(&c[1]), number(&c[2])))
                .collect()
        })
        .collect();
    let totals =
        regex::Regex::new(r"([\d,]+) mentions? of ([\d,]+) claims? in ([\d,]+) sources?").unwrap();
    let last = totals.captures(lines[lines.len() - 1]).unwrap();
    (per_claim, (1..4).map(|i| number(&last[i])).collect())
}

/// The same counts from the JSON report: for each claim's findings in order, one per side of a conflict or change,
/// one for the agreement; then mentions, claims and sources.
fn json_counts(report: &Json) -> (Vec<Vec<(u64, u64)>>, Vec<u64>) {
    let source_of = |id: &Json| report["mentions"][id.as_u64().unwrap() as usize]["source"].clone();
    let count = |ids: &[Json]| {
        let sources: BTreeSet<String> = ids.iter().map(|id| source_of(id).to_string()).collect();
        (ids.len() as u64, sources.len() as u64)
    };
    let per_claim = rules()
        .claims
        .iter()
        .map(|claim| {
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["claim"] == claim.id.as_str())
                .flat_map(|f| {
                    if f["kind"] == "agreement" {
                        vec![count(f["mentions"].as_array().unwrap())]
                    } else {
                        f["sides"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|s| count(s.as_array().unwrap()))
                            .collect()
                    }
                })
                .collect()
        })
        .collect();
    let len = |field: &str| report[field].as_array().unwrap().len() as u64;
    (
        per_claim,
        vec![len("mentions"), rules().claims.len() as u64, len("sources")],
    )
}
