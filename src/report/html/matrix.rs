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

/// How many sources one table of the matrix holds. The rows are cut into tables of fixed column widths, each of
/// which the browser lays out only when it scrolls into view: in one table, 1,000 rows cost more to lay out than
/// the whole rest of the page.
const ROWS_PER_TABLE: usize = 100;

/// The matrix section.
pub(super) fn render(page: &Page) -> Markup {
    let cells = cells(page);
    let claims = page.rules.claims.len();
    let width =
        format!("width: calc(var(--source-col) + var(--date-col) + {claims} * var(--claim-col))");
    html! {
        section #matrix {
            h2 { "Claims by source" }
            p.meta { "Sources in order of publication; each cell links to the mention that says most." }
            ul.legend {
                @for stance in Stance::ALL {
                    li class=(stance.class()) { span aria-hidden="true" { (stance.icon()) } " " (stance.word()) }
                }
                li { span aria-hidden="true" { "·" } " silent" }
            }
            div.scroll {
                @for (chunk, sources) in page.order.chunks(ROWS_PER_TABLE).enumerate() {
                    div.rows style=(format!("contain-intrinsic-size: auto calc({} * var(--row))", sources.len())) {
                        table.matrix style=(width) {
                            colgroup {
                                col.source-col; col.date-col;
                                @for _ in 0..claims { col.claim-col; }
                            }
                            @if chunk == 0 { (header(page)) }
                            tbody {
                                @for &source in sources { (row(page, source, &cells[source])) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The row of column names: the claims' ids, linked to the claims.
fn header(page: &Page) -> Markup {
    html! {
        thead {
            tr {
                th scope="col" { "Source" }
                th scope="col" { "Published" }
                @for (index, claim) in page.rules.claims.iter().enumerate() {
                    th.claim scope="col" {
                        a href=(format!("#claim-{index}")) title=(claim.title) { (claim.id) }
                    }
                }
            }
        }
    }
}

/// A source's row: its name, its date, a cell per claim.
fn row(page: &Page, source: usize, cells: &[Option<Cell>]) -> Markup {
    let info = &page.checked.sources[source];
    html! {
        tr {
            th.source scope="row" {
                a href=(format!("#s{source}")) title=(info.path) { (info.name) }
            }
            td { (info.published.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into())) }
            @for cell in cells { (cell_markup(*cell)) }
        }
    }
}

/// One cell: a link with the stance's sign, its word as the link's title, and the count of mentions when there are
/// several. Cells are kept to two elements: a matrix of 1,000 sources has thousands of them.
fn cell_markup(cell: Option<Cell>) -> Markup {
    match cell {
        None => html! { td.silent title="silent" { "·" } },
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
                        (stance.icon()) @if count > 1 { sub { (count) } }
                    }
                }
            }
        }
    }
}

/// The cells, by source then claim.
fn cells(page: &Page) -> Vec<Vec<Option<Cell>>> {
    let mut cells = vec![vec![None::<Cell>; page.rules.claims.len()]; page.checked.sources.len()];
    for mention in &page.mentions {
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
