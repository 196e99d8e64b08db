//! The page: its head (inline style), the summary of the check, the claims with their timelines, and the parts the
//! other modules draw.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::{abridged, findings, matrix, sources, timeline, HtmlOptions, Page, Stance};
use crate::check::Checked;
use crate::extract::Stated;
use crate::model::{FindingKind, Severity};
use crate::reconcile::counted;
use crate::rules::RuleSet;

/// The style sheet: readable without colour (every stance has a sign and a word), in a narrow window (wide tables
/// scroll on their own), and on paper.
const STYLE: &str = include_str!("page.css");

/// Marks the page rendered once its layout is done, with the time since navigation began, for the tests (and
/// anyone curious) to read.
const RENDERED: &str = "document.body.offsetHeight;\
document.documentElement.setAttribute('data-rendered-ms',String(Math.round(performance.now())));";

/// The whole page, as deterministic bytes for a given check and options.
pub fn render(checked: &Checked, rules: &RuleSet, options: &HtmlOptions) -> String {
    let page = Page::new(checked, rules);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="factlint";
                title { "factlint report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "factlint report" }
                    (summary(checked, rules, options))
                    nav aria-label="Sections" {
                        a href="#matrix" { "Claims by source" } " · "
                        a href="#claims" { "Claims and timelines" } " · "
                        a href="#findings" { "Findings" } " · "
                        a href="#sources" { "Sources" }
                    }
                }
                main {
                    (matrix::render(&page))
                    (claims(&page))
                    (findings::render(&page))
                    (sources::render(&page))
                }
                script { (PreEscaped(RENDERED)) }
            }
        }
    }
    .into_string()
}

/// What was checked and what was found, in figures.
fn summary(checked: &Checked, rules: &RuleSet, options: &HtmlOptions) -> Markup {
    let count = |kind: FindingKind, severity: Option<Severity>| {
        checked
            .findings
            .iter()
            .filter(|f| f.kind == kind && severity.is_none_or(|s| f.severity == s))
            .count()
    };
    let conflicts = count(FindingKind::Conflict, None);
    let by_severity = [Severity::Error, Severity::Warning, Severity::Note]
        .map(|severity| (severity, count(FindingKind::Conflict, Some(severity))));
    let checked_at = options.checked_at.to_string();
    html! {
        dl.summary {
            div { dt { "Sources" } dd { (checked.sources.len()) } }
            div { dt { "Claims" } dd { (rules.claims.len()) } }
            div { dt { "Mentions" } dd { (checked.mentions.len()) } }
            div {
                dt { "Conflicts" }
                dd {
                    (conflicts)
                    @if conflicts > 0 {
                        " ("
                        @for (i, (severity, n)) in by_severity.iter().filter(|(_, n)| *n > 0).enumerate() {
                            @if i > 0 { ", " }
                            span class=(format!("sev-{}", severity.name())) {
                                (n) " at " (severity.name())
                            }
                        }
                        ")"
                    }
                }
            }
            div { dt { "Changes over time" } dd { (count(FindingKind::Change, None)) } }
            div { dt { "Warnings" } dd { (checked.warnings.len()) } }
            div { dt { "Checked" } dd { time datetime=(checked_at) { (checked_at) } } }
        }
    }
}

/// Every claim: what it is, what was found of it, and its timeline when its values lie on an axis.
fn claims(page: &Page) -> Markup {
    let (checked, rules) = (page.checked, page.rules);
    html! {
        section #claims {
            h2 { "Claims and timelines" }
            @for (index, claim) in rules.claims.iter().enumerate() {
                @let mentions = checked.mentions.held().iter().filter(|m| m.claim() == index).count();
                article.claim id=(format!("claim-{index}")) {
                    h3 { (claim.title) " " code { (claim.id) } }
                    p.meta {
                        (claim.kind.name()) " · conflicts at " (claim.severity.name()) " · "
                        (counted(mentions, "mention"))
                    }
                    ul.found {
                        @for (f, finding) in checked.findings.iter().enumerate().filter(|(_, f)| f.claim == index) {
                            @let stance = Stance::of(finding.kind);
                            li class=(stance.class()) {
                                span.sign aria-hidden="true" { (stance.icon()) } " "
                                @if !finding.kind.disputes() {
                                    (abridged(&finding.message))
                                } @else {
                                    a href=(format!("#f{f}")) { (abridged(&finding.message)) }
                                }
                            }
                        }
                    }
                    @if let Some(chart) = timeline::chart(page, index) { (chart) }
                }
            }
        }
    }
}
