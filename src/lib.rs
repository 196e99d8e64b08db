//! factlint checks a corpus of reports for facts that agree or contradict each other.
//!
//! The data flows through one module per stage:
//!
//! - [`rules`]: the YAML rule language, which declares the claims to track;
//! - [`source`]: the corpus, its files and who published each one and when;
//! - [`extract`]: every match of every claim's patterns in every source;
//! - [`normalize`]: each match turned into a comparable value (interval, day range, polarity);
//! - [`reconcile`]: mentions grouped, claim by claim, into conflicts, changes over time and agreements;
//! - [`report`]: the findings rendered for people (miette) or programs (JSON).
//!
//! [`check::check`] runs the stages in order. Around it: [`draft`] keeps what concerns one unpublished text,
//! [`suppress`] honours `factlint-ignore` markers, [`baseline`] and [`fingerprint`] remember accepted findings,
//! [`config`] reads `factlint.yaml`, and [`rule_examples`] tests rules against their own examples.
//!
//! `term` and `quote` claims (names and quotations that drift) have no patterns: [`drift`] finds their mentions
//! across the corpus with [`terms`] and [`quotes`], comparing wordings word by word ([`wording`]), and places them
//! so that reconciliation only reads the placements.
//! Rule files, manifests and front matter are YAML, parsed through one guarded entry point (`yaml`).

pub mod baseline;
pub mod check;
pub mod config;
pub mod draft;
pub mod drift;
pub mod extract;
pub mod fingerprint;
pub mod normalize;
pub mod quotes;
pub mod reconcile;
pub mod report;
pub mod rule_examples;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod terms;
pub mod wording;
mod yaml;
