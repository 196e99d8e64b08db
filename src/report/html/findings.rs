//! The findings: each conflict and change with its sides next to each other, and every mention's wording with a
//! word diff against the first (the side a reader most likely fixes), its source, date and place.

use maud::{html, Markup};

use super::{abridged, Page, Stance};
use crate::check::Checked;
use crate::extract::Mention;
use crate::model::{Finding, FindingKind, MentionId};
use crate::reconcile::{counted, describe_side, describe_time};
use crate::report::anchor_side;
use crate::report::human::{source_label, value_label};
use crate::text::diff::{word_runs, Edit};

/// How many mentions a side lists before it counts the rest, so that a finding of thousands stays light.
const LISTED: usize = 40;

/// How many sides a finding shows at each end (the first and the last points of a long timeline); those between
/// are counted.
const END_SIDES: usize = 6;

/// The findings section: conflicts and changes, claim by claim.
pub(super) fn render(page: &Page) -> Markup {
    let checked = page.checked;
    let shown: Vec<(usize, &Finding)> = checked
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind.disputes())
        .collect();
    html! {
        section #findings {
            h2 { "Findings" }
            @if shown.is_empty() {
                p { "No conflict and no change over time." }
            }
            @for (index, finding) in shown {
                (finding_markup(page, &page.rules.claims[finding.claim].id, index, finding))
            }
        }
    }
}

/// One finding: its kind, severity and message, then its sides.
fn finding_markup(page: &Page, claim_id: &str, index: usize, finding: &Finding) -> Markup {
    let checked = page.checked;
    let stance = Stance::of(finding.kind);
    let kind = match finding.kind {
        FindingKind::Conflict => "conflict",
        _ => "change over time",
    };
    let anchor = anchor_side(finding)
        .first()
        .and_then(|&id| page.mentions.get(id.index()));
    html! {
        article class=(format!("finding {}", stance.class())) id=(format!("f{index}")) {
            h3 {
                span aria-hidden="true" { (stance.icon()) } " " (kind)
                @if finding.kind == FindingKind::Conflict { " (" (finding.severity.name()) ")" }
                " · " a href=(format!("#claim-{}", finding.claim)) { code { (claim_id) } }
            }
            p { (abridged(&finding.message)) }
            div.sides {
                @for (number, side) in finding.sides.iter().enumerate() {
                    @if number < END_SIDES || number + END_SIDES >= finding.sides.len() {
                        (side_markup(page, finding, number, side, anchor))
                    } @else if number == END_SIDES {
                        (sides_between(&finding.sides[END_SIDES..finding.sides.len() - END_SIDES]))
                    }
                }
            }
            @if !finding.compatible.is_empty() {
                p.meta {
                    "Compatible with every side: "
                    @for (i, &id) in finding.compatible.iter().take(LISTED).enumerate() {
                        @if i > 0 { "; " }
                        @if let Some(mention) = page.mentions.get(id.index()) {
                            a href=(format!("#m{id}")) { (value_label(mention, &checked.sources[mention.source])) }
                        }
                    }
                    @if finding.compatible.len() > LISTED {
                        "; and " (counted(finding.compatible.len() - LISTED, "more mention"))
                    }
                }
            }
        }
    }
}

/// The sides left out between the first and the last few, counted.
fn sides_between(sides: &[Vec<MentionId>]) -> Markup {
    let mentions: usize = sides.iter().map(Vec::len).sum();
    html! {
        div.side {
            p.meta { (counted(sides.len(), "more point")) " with " (counted(mentions, "mention")) " (see the claim's timeline)" }
        }
    }
}

/// One side (a position of a conflict, a point of a change): what it holds, then its mentions.
fn side_markup(
    page: &Page,
    finding: &Finding,
    number: usize,
    side: &[MentionId],
    anchor: Option<&Mention>,
) -> Markup {
    let members: Vec<&Mention> = side
        .iter()
        .filter_map(|&id| page.mentions.get(id.index()))
        .collect();
    let checked = page.checked;
    let heading = match finding.kind {
        FindingKind::Change => format!("{}. {}", number + 1, describe_time(&members)),
        _ => format!("Side {}", number + 1),
    };
    html! {
        div.side {
            h4 { (heading) ": " (describe_side(&members)) }
            ul {
                @for mention in members.iter().take(LISTED) {
                    (mention_markup(checked, mention, anchor))
                }
            }
            @if members.len() > LISTED {
                p.meta { "and " (counted(members.len() - LISTED, "more mention")) }
            }
        }
    }
}

/// A mention: its wording (with a word diff against the anchor), then where it stands.
fn mention_markup(checked: &Checked, mention: &Mention, anchor: Option<&Mention>) -> Markup {
    let source = &checked.sources[mention.source];
    let published = source
        .published
        .map_or_else(|| "date unknown".to_string(), |d| format!("published {d}"));
    let is_anchor = anchor.is_some_and(|a| a.id == mention.id);
    let runs = anchor
        .filter(|_| !is_anchor)
        .and_then(|a| word_runs(&a.text, &mention.text));
    html! {
        li {
            p.wording {
                "“"
                @match runs {
                    Some(runs) => (diff_markup(&runs)),
                    None => (mention.text),
                }
                "”"
                @if is_anchor { " " span.meta { "(compared against)" } }
            }
            div.meta {
                (source_label(source)) " · " (published) " · "
                a href=(format!("#m{}", mention.id)) { (source.path) ":" (mention.start.line) ":" (mention.start.column) }
                br;
                (mention.value.describe())
                @if mention.value.as_of().is_some() && mention.time.is_some() {
                    " · " (describe_time(&[mention]))
                }
            }
        }
    }
}

/// Words of a diff, removed ones struck out and added ones underlined (`del` and `ins` say so to screen readers),
/// the space after a run kept outside its mark so that a replaced word reads apart from its replacement.
fn diff_markup(runs: &[(Edit, String)]) -> Markup {
    html! {
        @for (edit, text) in runs {
            @let words = text.trim_end();
            @match edit {
                Edit::Kept => (words),
                Edit::Removed => del { (words) },
                Edit::Added => ins { (words) },
            }
            (&text[words.len()..])
        }
    }
}
