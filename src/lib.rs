//! factlint checks a corpus of reports for facts that agree or contradict each other.
//!
//! The data flows through one module per stage:
//!
//! - [`rules`]: the YAML rule language, which declares the claims to track;
//! - [`source`]: the corpus, its files and who published each one and when ([`walk`] chooses the files of a
//!   directory);
//! - [`extract`]: every match of every claim's patterns in every source, normalised into a mention;
//! - [`kinds`]: what each kind of claim tracks and how its values compare (interval, day range, polarity, the
//!   wordings of a name, quotations);
//! - [`reconcile`]: mentions grouped, claim by claim, into conflicts, changes over time and agreements;
//! - [`report`]: the findings rendered for people (miette) or programs (JSON).
//!
//! [`check::check`] runs the stages in order. Around it: [`draft`] keeps what concerns one unpublished text,
//! [`suppress`] honours `factlint-ignore` markers, [`baseline`] and [`fingerprint`] remember accepted findings,
//! [`config`] reads `factlint.yaml`, [`init`] writes the files of a first run, and [`rule_examples`] tests rules
//! against their own examples. On top, [`lsp`] is the language server that checks documents against the corpus as
//! they are written (`factlint lsp`).
//!
//! Below the stages: [`model`] holds the plain data they pass on, [`text`] the text utilities (lines and columns,
//! sentences, words, diffs), and [`scan`] the engine that searches every pattern in one pass. Rule files, manifests
//! and front matter are YAML, parsed through one guarded entry point (`yaml`). ARCHITECTURE.md draws the map.

pub mod baseline;
pub mod check;
pub mod config;
pub mod draft;
pub mod extract;
pub mod fingerprint;
pub mod formats;
pub mod init;
pub mod kinds;
pub mod lsp;
pub mod model;
pub mod reconcile;
pub mod report;
pub mod rule_examples;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppress;
pub mod text;
mod union_find;
pub mod walk;
mod yaml;
