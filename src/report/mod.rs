//! Reporting: renders a [`Checked`](crate::check::Checked) for people (miette diagnostics) or for programs (JSON).

pub mod diff;
pub mod human;
pub mod json;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, then a summary line per claim.
    Human,
    /// One JSON document (see the README for its schema).
    Json,
}
