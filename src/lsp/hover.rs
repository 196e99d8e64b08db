//! Hover on a mention: the claim, the value as the document states it, and what the corpus's sources say.

use std::collections::BTreeSet;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::analysis::Analysis;
use crate::extract::{Held, Stated};
use crate::reconcile::{counted, sides_by_value};
use crate::report::human::as_of_label;

/// Rows of the corpus table at most: the values most sources hold.
const MAX_ROWS: usize = 8;

/// The hover at byte `offset` of an analysed document; `None` off the mentions.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let (mention, finding) = analysis.mention_at(offset)?;
    let workspace = &analysis.workspace;
    let claim = &workspace.rules.claims[mention.claim];
    let mut text = format!(
        "**{}** (`{}`)\n\nHere: **{}**{}",
        claim.title,
        claim.id,
        mention.value.describe(),
        as_of_label(mention)
            .map(|a| format!(", {a}"))
            .unwrap_or_default()
    );
    if finding.is_some() {
        text.push_str(" (contradicts the corpus)");
    }
    text.push_str("\n\n");
    let corpus = workspace.mentions_of(mention.claim, analysis.except);
    if corpus.is_empty() {
        text.push_str("No corpus source mentions it.");
    } else {
        text.push_str(&corpus_table(analysis, &corpus));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(analysis.range_of(mention)),
    })
}

/// What the corpus says, value by value, the values most sources hold first.
fn corpus_table(analysis: &Analysis, corpus: &[Held]) -> String {
    let sources = &analysis.workspace.checked.sources;
    let mut sides: Vec<(usize, Vec<Held>)> = sides_by_value(corpus)
        .into_iter()
        .map(|side| {
            let held_by: BTreeSet<usize> = side.iter().map(|m| m.source()).collect();
            (held_by.len(), side)
        })
        .collect();
    sides.sort_by_key(|(sources, _)| std::cmp::Reverse(*sources));
    let mut table = String::from(
        "| the corpus says | as of | mentions | sources | for example |\n|---|---|--:|--:|---|\n",
    );
    for (held_by, side) in sides.iter().take(MAX_ROWS) {
        let first = side[0];
        table.push_str(&format!(
            "| {} | {} | {} | {held_by} | {} |\n",
            cell(&first.value().describe()),
            cell(
                as_of_label(&first)
                    .unwrap_or_default()
                    .trim_start_matches("as of ")
            ),
            side.len(),
            cell(&sources[first.source()].name),
        ));
    }
    if sides.len() > MAX_ROWS {
        let rest = counted(sides.len() - MAX_ROWS, "other value");
        table.push_str(&format!("\nand {rest}\n"));
    }
    table
}

/// Text for a Markdown table cell: no pipe or line break breaks the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
