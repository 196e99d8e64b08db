//! Plain-text tables: the claims of a rule set (`factlint rules`), and what every source says about one claim
//! (`factlint explain`), so that an editor sees the state of a fact at a glance.

use super::json::iso_interval;
use crate::check::Checked;
use crate::extract::Considered;
use crate::model::{Finding, FindingKind, MentionId};
use crate::rules::RuleSet;

/// How many characters of a wording the explain table shows.
const WORDING_WIDTH: usize = 60;

/// One row per claim: id, kind, severity, title.
pub fn claims(rules: &RuleSet) -> String {
    let rows = rules
        .claims
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.kind.name().to_string(),
                format!("{:?}", c.severity).to_lowercase(),
                c.title.clone(),
            ]
        })
        .collect();
    render(&["claim", "kind", "severity", "title"], rows)
}

/// One row per mention of claim `claim`: source, place, wording, normalised value, as-of date, and the finding it
/// belongs to; then the claim's findings.
pub fn explain(checked: &Checked, rules: &RuleSet, claim: usize) -> String {
    let status = |id: MentionId| {
        checked
            .findings
            .iter()
            .find(|f| f.mentions.contains(&id))
            .map_or(String::new(), |f| finding_status(f, id))
    };
    let rows: Vec<Vec<String>> = checked
        .mentions
        .iter()
        .filter(|m| m.claim == claim)
        .map(|m| {
            let source = &checked.sources[m.source];
            let (line, column) = (m.start.line, m.start.column);
            let as_of = match m.value.as_of() {
                Some(Some(range)) => iso_interval(range),
                Some(None) => "unknown".to_string(),
                None => String::new(),
            };
            vec![
                source.name.clone(),
                format!("{}:{line}:{column}", source.path),
                shorten(&m.text),
                m.value.describe(),
                as_of,
                status(MentionId::new(m.id)).to_string(),
            ]
        })
        .collect();
    let mut out = heading(rules, claim);
    if rows.is_empty() {
        out.push_str("no source mentions this claim\n");
        return out;
    }
    out.push_str(&render(
        &["source", "where", "wording", "value", "as of", "finding"],
        rows,
    ));
    for finding in checked.findings.iter().filter(|f| f.claim == claim) {
        let kind = format!("{:?}", finding.kind).to_lowercase();
        out.push_str(&format!("\n{kind}: {}", finding.message));
    }
    out.push('\n');
    out
}

/// What a mention is in its finding: which side of a conflict ("conflict: majority, side 1 of 2", "conflict:
/// outlier, side 2 of 2"), which point of a timeline ("change: point 3 of 5"), or "agrees".
fn finding_status(finding: &Finding, id: MentionId) -> String {
    let side = finding.sides.iter().position(|side| side.contains(&id));
    let sides = finding.sides.len();
    match (finding.kind, side) {
        (FindingKind::Conflict, Some(side)) => {
            let largest = finding.sides.iter().map(Vec::len).max().unwrap_or(0);
            let size = finding.sides[side].len();
            let role = if size == largest
                && finding.sides.iter().filter(|s| s.len() == largest).count() == 1
            {
                "majority"
            } else if size == 1 {
                "outlier"
            } else {
                "minority"
            };
            format!("conflict: {role}, side {} of {sides}", side + 1)
        }
        (FindingKind::Change, Some(point)) => format!("change: point {} of {sides}", point + 1),
        (FindingKind::Change, None) | (FindingKind::Conflict, None) => "in a finding".to_string(),
        (FindingKind::Agreement, _) => "agrees".to_string(),
        (FindingKind::Undated, _) => "undated: compared within its source only".to_string(),
    }
}

/// Why not: every candidate of a claim in one text (`factlint explain CLAIM --text ...`), with what became of it:
/// kept with its value, or refused and why.
pub fn considered(rules: &RuleSet, claim: usize, text: &str, candidates: &[Considered]) -> String {
    let definition = &rules.claims[claim];
    let mut out = heading(rules, claim);
    if candidates.is_empty() {
        out.push_str(&format!(
            "no candidate: nothing in the text looks like a mention of {} (no wording the claim's words or patterns \
             find)\n",
            definition.id
        ));
        return out;
    }
    let rows = candidates
        .iter()
        .map(|c| {
            let (verdict, why) = match &c.verdict {
                Ok(value) => ("kept".to_string(), value.clone()),
                Err(reason) => ("refused".to_string(), reason.clone()),
            };
            vec![
                shorten(text.get(c.span.clone()).unwrap_or_default()),
                verdict,
                why,
            ]
        })
        .collect();
    out.push_str(&render(
        &["candidate", "verdict", "value, or why not"],
        rows,
    ));
    out
}

/// The claim's title, id and kind, as the first line of `explain`.
fn heading(rules: &RuleSet, claim: usize) -> String {
    let definition = &rules.claims[claim];
    format!(
        "{} ({}, {})\n\n",
        definition.title,
        definition.id,
        definition.kind.name()
    )
}

/// White space folded, cut to [`WORDING_WIDTH`] characters with an ellipsis.
fn shorten(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= WORDING_WIDTH {
        return folded;
    }
    let cut: String = folded.chars().take(WORDING_WIDTH - 1).collect();
    format!("{cut}…")
}

/// Left-aligned columns separated by two spaces, with a header and a rule.
fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}
