//! Reporting: renders a [`Checked`](crate::check::Checked) for people (miette diagnostics), for programs (JSON),
//! for code scanning (SARIF), for GitHub Actions annotations and as one HTML page for curators, plus the claim
//! tables of `rules` and `explain`.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod table;

use crate::extract::Mention;
use crate::model::{Finding, MentionId};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Diagnostics with source snippets, then a summary line per claim.
    Human,
    /// One JSON document (see the README for its schema).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), shown as annotations on a pull request.
    Github,
}

/// The side a finding is presented from: its smallest (the odd one out, most likely the one to fix), the earliest
/// of equals. In draft mode that is the draft's own mention.
pub fn anchor_side(finding: &Finding) -> &[MentionId] {
    finding
        .sides
        .iter()
        .min_by_key(|side| side.len())
        .map_or(&finding.mentions, |side| side)
}

/// Where a mention starts and ends: 1-based lines and character columns, the end column exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// First line.
    pub start_line: u32,
    /// First column.
    pub start_column: u32,
    /// Last line.
    pub end_line: u32,
    /// The column after the last character.
    pub end_column: u32,
}

/// The region of a mention in its source.
pub fn region(mention: &Mention) -> Region {
    Region {
        start_line: mention.start.line,
        start_column: mention.start.column,
        end_line: mention.end.line,
        end_column: mention.end.column,
    }
}
