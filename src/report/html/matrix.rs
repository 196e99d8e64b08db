//! Claims by sources: one row per source, in order of publication, one column per claim; each cell says whether
//! the source agrees, updates, conflicts or is silent on the claim, with a sign and words as well as a colour, and
//! links to the mention that says most.

use maud::{html, Markup};

use super::{Page, Stance};

/// What one source says of one claim: its most pressing stance, the mention that holds it, how many mentions.
#[derive(Clone, Copy)]
struct Cell {
    stance: Stance,
    mention: usize,
    count: usize,
}

/// The matrix section.
pub(super) fn render(page: &Page) -> Markup {
    let (checked, rules) = (page.checked, page.rules);
    let cells = cells(page);
    html! {
        section #matrix {
            h2 { "Claims by source" }
            p.meta { "Sources in order of publication; each cell links to the mention that says most." }
            ul.legend {
                @for stance in [Stance::Agrees, Stance::Updates, Stance::Conflicts] {
                    li class=(stance.class()) { span aria-hidden="true" { (stance.icon()) } " " (stance.word()) }
                }
                li { span aria-hidden="true" { "·" } " silent" }
            }
            div.scroll {
                table.matrix {
                    thead {
                        tr {
                            th scope="col" { "Source" }
                            th scope="col" { "Published" }
                            @for (index, claim) in rules.claims.iter().enumerate() {
                                th.claim scope="col" {
                                    a href=(format!("#claim-{index}")) title=(claim.title) { (claim.id) }
                                }
                            }
                        }
                    }
                    tbody {
                        @for &source in &page.order {
                            @let info = &checked.sources[source];
                            tr {
                                th.source scope="row" {
                                    a href=(format!("#s{source}")) title=(info.path) { (info.name) }
                                }
                                td { (info.published.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into())) }
                                @for cell in &cells[source] {
                                    (cell_markup(*cell))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One cell: a link with the stance's sign, its word for screen readers and as a tooltip, and the count of
/// mentions when there are several.
fn cell_markup(cell: Option<Cell>) -> Markup {
    match cell {
        None => html! { td.silent { span aria-hidden="true" { "·" } span.sr { "silent" } } },
        Some(Cell {
            stance,
            mention,
            count,
        }) => {
            let words = if count > 1 {
                format!("{} ({count} mentions)", stance.word())
            } else {
                stance.word().to_string()
            };
            html! {
                td class=(stance.class()) {
                    a href=(format!("#m{mention}")) title=(words) {
                        span aria-hidden="true" { (stance.icon()) @if count > 1 { sub { (count) } } }
                        span.sr { (words) }
                    }
                }
            }
        }
    }
}

/// The cells, by source then claim.
fn cells(page: &Page) -> Vec<Vec<Option<Cell>>> {
    let mut cells = vec![vec![None::<Cell>; page.rules.claims.len()]; page.checked.sources.len()];
    for mention in &page.checked.mentions {
        let stance = page.stance(mention.id);
        let Some(slot) = cells
            .get_mut(mention.source)
            .and_then(|row| row.get_mut(mention.claim))
        else {
            continue;
        };
        let cell = slot.get_or_insert(Cell {
            stance,
            mention: mention.id,
            count: 0,
        });
        cell.count += 1;
        if stance > cell.stance {
            cell.stance = stance;
            cell.mention = mention.id;
        }
    }
    cells
}
