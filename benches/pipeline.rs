//! Micro-benchmarks of the pipeline's stages on generated text: extraction (the one-pass scan and everything up to
//! matches), normalisation, reconciliation, and a 5,000-word draft checked against a corpus already checked and
//! indexed.
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/dense.rs"]
mod dense;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use factlint::check::{check_with, CheckOptions, Checked};
use factlint::draft::{draft_findings, DraftIndex};
use factlint::extract::find_all;
use factlint::extract::normalize;
use factlint::reconcile::reconcile;
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};

fn main() {
    divan::main();
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/niger-withdrawal.yaml");
        RuleSet::load(&[file]).expect("the seed rules load")
    })
}

/// A generated corpus of about `megabytes` MB, of the sparse profile or the dense one (as `bench/run.sh` names
/// them), written once under the target directory.
fn corpus_dir(megabytes: u64, dense: bool) -> PathBuf {
    let name = if dense {
        format!("dense-{megabytes}mb")
    } else {
        format!("{megabytes}mb")
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpora")
        .join(name);
    if !dir.join("planted.json").exists() {
        let plan = corpus::Plan {
            docs: None,
            bytes: Some(megabytes * 1_000_000),
            seed: 42,
        };
        let written = if dense {
            dense::generate(plan, &dir)
        } else {
            corpus::generate(plan, &dir)
        };
        written.expect("the corpus is written");
    }
    dir
}

/// The corpus of `megabytes` MB (dense or sparse), checked once.
fn checked(megabytes: u64, dense: bool) -> Checked {
    let corpus = Corpus::load(&[corpus_dir(megabytes, dense)]).expect("the corpus loads");
    check_with(rules(), corpus, &CheckOptions::default())
}

/// One generated document of about `bytes` bytes.
fn document(bytes: u64, seed: u64) -> Source {
    let dir = std::env::temp_dir().join(format!("factlint-bench-doc-{bytes}-{seed}"));
    let plan = corpus::Plan {
        docs: Some(1),
        bytes: Some(bytes),
        seed,
    };
    corpus::generate(plan, &dir).expect("the document is written");
    let text = std::fs::read_to_string(dir.join("doc000000.txt")).expect("the document reads");
    let mut source = Source::in_memory("draft.txt", &text).expect("the document parses");
    source.published = Some(jiff::civil::date(2024, 5, 20));
    source
}

/// Scanning and extraction (context, overlaps, sentences) of a 1 MB document.
#[divan::bench]
fn extract_1mb(bencher: Bencher) {
    let source = document(1_000_000, 1);
    let rules = rules();
    bencher
        .counter(BytesCount::new(source.text.len()))
        .bench(|| find_all(rules, &source));
}

/// Normalising every match of a 1 MB document.
#[divan::bench]
fn normalize_1mb(bencher: Bencher) {
    let source = document(1_000_000, 2);
    let rules = rules();
    let matches = find_all(rules, &source);
    bencher.bench(|| {
        matches
            .iter()
            .zip(&rules.claims)
            .flat_map(|(found, claim)| found.iter().map(|m| normalize(&claim.kind, &source, m)))
            .filter(Result::is_ok)
            .count()
    });
}

/// Reconciling every mention of a corpus of 10 or 100 MB.
#[divan::bench(args = [10, 100], sample_count = 20)]
fn reconcile_corpus(bencher: Bencher, megabytes: u64) {
    let checked = checked(megabytes, false);
    let rules = rules();
    bencher
        .counter(divan::counter::ItemsCount::new(checked.mentions.len()))
        .bench(|| reconcile(&rules.claims, checked.mentions.held(), &checked.undated()));
}

/// A 5,000-word draft (about 30 KB) checked against a corpus of 10 or 100 MB already checked and indexed:
/// extraction of the draft and its comparison with the classes of alike corpus mentions of its claims.
#[divan::bench(args = [10, 100], sample_count = 50)]
fn draft_5000_words(bencher: Bencher, megabytes: u64) {
    draft_against(bencher, checked(megabytes, false));
}

/// The same draft against the dense corpus of 100 MB already checked (reports shaped like real coverage: 241,418
/// mentions, six times as many as the sparse corpus of that size).
#[divan::bench(args = [100], sample_count = 20)]
fn draft_5000_words_dense(bencher: Bencher, megabytes: u64) {
    draft_against(bencher, checked(megabytes, true));
}

/// Times a 5,000-word draft checked against `checked`, indexed once outside the timing as the language server
/// does on each load: the draft's mentions and their findings, the corpus neither copied nor changed.
fn draft_against(bencher: Bencher, checked: Checked) {
    let draft = document(30_000, 3);
    let words = draft.text.split_whitespace().count();
    assert!((4_500..5_500).contains(&words), "{words} words");
    let rules = rules();
    let index = DraftIndex::new(
        rules.claims.len(),
        checked.mentions.held(),
        &checked.undated(),
    );
    bencher.bench_local(|| {
        let mentions = checked.mentions_beside(rules, &draft);
        draft_findings(rules, checked.mentions.held(), &index, &mentions, None)
    });
}
