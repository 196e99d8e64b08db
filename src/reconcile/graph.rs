//! The conflict and change graphs of one claim's mentions, as connected groups, in O(n log n).
//!
//! Two mentions are joined when their extents are disjoint in some space ([`crate::kinds::extent`]). Whether a disjoint
//! pair is a conflict or a change over time is [`super::time::link`]'s definition; this module computes the same
//! groups without looking at every pair. Time is ignored when the claim declares neither a window nor a trend: every
//! disjoint pair conflicts. Otherwise a pair is *near* when one of its times is unknown or the two lie within the
//! window, and *far* when both are known and further apart. A near pair of one rank (two current figures) conflicts,
//! unless both are known only to one span longer than the window (two reports of one day under a window of hours):
//! then it is a change; a near pair of different ranks, or a far pair, is ordered in time (by rank, by time) and is a
//! change unless the later figure goes against the claim's trend.
//!
//! Only the groups matter, not every edge, so each mention is joined to every *group* holding a disjoint partner,
//! found with [`Linker`], instead of to every partner. A linker stands for a group by one member, so each linker is
//! only ever used to join into one union-find: [`RankedLinker`] keeps one per pair of ranks, whose outcome (conflict
//! or change) is fixed by the two ranks, the side and the trend.
//!
//! Near pairs with known times are found block by block: times are cut into blocks one window plus one unit long, so
//! that every pair within one block is within the window, no pair two blocks apart is, and pairs in neighbouring
//! blocks are within the window when the later one is at most the window after the earlier. Within a block, members
//! of one as-of span are linked with each other on their own ([`link_one_span`]), then with the block's earlier spans.

use std::collections::BTreeMap;

use crate::union_find::UnionFind;

use super::time::{coarser_than, outcome, Link, Order, Timed, Timing, RANKS};
use crate::kinds::extent::{precedes, Edge, Extent, SPACES};

/// A mention as the graph sees it: its extent in each space, its as-of time and its rank in time, as the pairwise
/// definition reads them.
pub type Node = Timed;

/// The two graphs being built.
struct Outcomes {
    conflicts: UnionFind,
    changes: UnionFind,
}

impl Outcomes {
    fn of(&mut self, link: Link) -> &mut UnionFind {
        match link {
            Link::Conflict => &mut self.conflicts,
            Link::Change => &mut self.changes,
        }
    }
}

/// Groups (of two or more positions into `nodes`), each sorted, in order of their first member: the conflicts, and
/// the changes over time (empty when the claim ignores time).
pub fn groups(nodes: &[Node], timing: Timing) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut outcomes = Outcomes {
        conflicts: UnionFind::new(nodes.len()),
        changes: UnionFind::new(nodes.len()),
    };
    for space in 0..SPACES {
        let members: Vec<(usize, Extent)> = nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, n.extents[space]?)))
            .collect();
        match timing.window() {
            None => link_all_pairs(&members, &mut outcomes.conflicts),
            Some(window) => {
                link_near_pairs(&members, nodes, window, timing, &mut outcomes);
                link_far_pairs(&members, nodes, window, timing, &mut outcomes);
            }
        }
    }
    (outcomes.conflicts.groups(), outcomes.changes.groups())
}

/// Joins every disjoint pair.
fn link_all_pairs(members: &[(usize, Extent)], groups: &mut UnionFind) {
    let mut linker = Linker::default();
    for &(i, extent) in members {
        linker.link(i, extent, groups);
        linker.insert(i, extent);
    }
}

/// A member with a known time: the time, its position in the nodes, its extent.
type Dated = (i64, usize, Extent);

/// Joins the disjoint pairs whose times lie within `window` of each other, or that have an unknown time.
fn link_near_pairs(
    members: &[(usize, Extent)],
    nodes: &[Node],
    window: i64,
    timing: Timing,
    outcomes: &mut Outcomes,
) {
    let mut known: Vec<Dated> = Vec::new();
    let mut unknown: Vec<(usize, Extent)> = Vec::new();
    for &(i, extent) in members {
        match nodes[i].time {
            Some(time) => known.push((time, i, extent)),
            None => unknown.push((i, extent)),
        }
    }
    known.sort_by_key(|&(time, i, _)| (time, nodes[i].width, i));
    let block_of = |time: i64| time.div_euclid(window.saturating_add(1));
    let blocks: Vec<&[Dated]> = known
        .chunk_by(|a, b| block_of(a.0) == block_of(b.0))
        .collect();
    for (index, block) in blocks.iter().enumerate() {
        let mut linker = RankedLinker::new(timing, Order::ByRank);
        let one_span = |a: &Dated, b: &Dated| (a.0, nodes[a.1].width) == (b.0, nodes[b.1].width);
        for run in block.chunk_by(one_span) {
            link_one_span(run, nodes, window, timing, outcomes);
            for &(_, i, extent) in run {
                linker.link(i, nodes[i].rank, extent, outcomes);
            }
            for &(_, i, extent) in run {
                linker.insert(i, nodes[i].rank, extent);
            }
        }
        if let Some(next) = blocks
            .get(index + 1)
            .filter(|next| block_of(next[0].0) == block_of(block[0].0) + 1)
        {
            link_neighbour_blocks(block, next, nodes, window, timing, outcomes);
        }
    }
    let mut linker = RankedLinker::new(timing, Order::ByRank);
    for &(_, i, extent) in &known {
        linker.insert(i, nodes[i].rank, extent);
    }
    for &(i, extent) in &unknown {
        linker.link(i, nodes[i].rank, extent, outcomes);
    }
    let mut among_unknown = RankedLinker::new(timing, Order::ByRank).apart_when_both_earlier();
    for &(i, extent) in &unknown {
        among_unknown.link(i, nodes[i].rank, extent, outcomes);
        among_unknown.insert(i, nodes[i].rank, extent);
    }
}

/// Joins the disjoint pairs among `run`, members of one as-of span, by their ranks: of one rank they conflict, unless
/// the span is longer than the window (nothing says they are of one moment): then they are a change.
fn link_one_span(
    run: &[Dated],
    nodes: &[Node],
    window: i64,
    timing: Timing,
    outcomes: &mut Outcomes,
) {
    let order = match coarser_than(nodes[run[0].1].width, window) {
        true => Order::ByRankThenTrend,
        false => Order::ByRank,
    };
    let mut linker = RankedLinker::new(timing, order);
    for &(_, i, extent) in run {
        linker.link(i, nodes[i].rank, extent, outcomes);
        linker.insert(i, nodes[i].rank, extent);
    }
}

/// Joins the disjoint pairs of two neighbouring blocks whose times are within `window`: the later ones are taken
/// latest first, so that the earlier ones within reach only ever grow in number.
fn link_neighbour_blocks(
    earlier: &[Dated],
    later: &[Dated],
    nodes: &[Node],
    window: i64,
    timing: Timing,
    outcomes: &mut Outcomes,
) {
    let mut linker = RankedLinker::new(timing, Order::ByRank);
    let mut reachable = earlier.iter().rev().peekable();
    for &(time, i, extent) in later.iter().rev() {
        while let Some(&(_, j, earlier_extent)) = reachable.next_if(|e| time - e.0 <= window) {
            linker.insert(j, nodes[j].rank, earlier_extent);
        }
        linker.link(i, nodes[i].rank, extent, outcomes);
    }
}

/// Joins the disjoint pairs whose times are both known and further than `window` apart: the earlier in time is the
/// earlier figure, whatever the ranks (the later one's rank still says whether its words lowered it).
fn link_far_pairs(
    members: &[(usize, Extent)],
    nodes: &[Node],
    window: i64,
    timing: Timing,
    outcomes: &mut Outcomes,
) {
    let mut known: Vec<Dated> = members
        .iter()
        .filter_map(|&(i, extent)| Some((nodes[i].time?, i, extent)))
        .collect();
    known.sort_by_key(|&(time, i, _)| (time, i));
    let mut linker = RankedLinker::new(timing, Order::PartnerEarlier);
    let mut passed = known.iter().peekable();
    for &(time, i, extent) in &known {
        while let Some(&(_, j, earlier_extent)) = passed.next_if(|e| time - e.0 > window) {
            linker.insert(j, nodes[j].rank, earlier_extent);
        }
        linker.link(i, nodes[i].rank, extent, outcomes);
    }
}

/// Linkers by the rank of the members inserted and the rank of the member linked, each bound to the one graph its
/// pairs of ranks go to.
struct RankedLinker {
    timing: Timing,
    order: Order,
    /// `linkers[inserted rank][linking rank]`.
    linkers: [[Linker; RANKS]; RANKS],
    /// Two earlier figures of unknown time are not compared: nothing says which came first.
    apart_when_both_earlier: bool,
}

impl RankedLinker {
    fn new(timing: Timing, order: Order) -> RankedLinker {
        RankedLinker {
            timing,
            order,
            linkers: Default::default(),
            apart_when_both_earlier: false,
        }
    }

    fn apart_when_both_earlier(self) -> RankedLinker {
        RankedLinker {
            apart_when_both_earlier: true,
            ..self
        }
    }

    fn insert(&mut self, member: usize, rank: u8, extent: Extent) {
        for linker in &mut self.linkers[usize::from(rank)] {
            linker.insert(member, extent);
        }
    }

    /// Joins `member` with every inserted member disjoint from it, in the graph that their ranks and sides say.
    fn link(&mut self, member: usize, rank: u8, extent: Extent, outcomes: &mut Outcomes) {
        for partner_rank in 0..RANKS as u8 {
            if self.apart_when_both_earlier && partner_rank == 0 && rank == 0 {
                continue;
            }
            let below = outcome(self.order, partner_rank, rank, true, self.timing);
            let above = outcome(self.order, partner_rank, rank, false, self.timing);
            let linker = &mut self.linkers[usize::from(partner_rank)][usize::from(rank)];
            linker.before.link(member, extent, outcomes.of(below));
            linker
                .after
                .link(member, extent.mirrored(), outcomes.of(above));
        }
    }
}

/// Extents already seen, kept as groups known to be joined; linking a new extent joins it with every group that
/// holds an extent disjoint from it. Only ever growing, so a group can stand for all its members at once.
#[derive(Default)]
struct Linker {
    /// Groups whose extents end before a new one begins.
    before: SideLinker,
    /// The same, mirrored: groups whose extents begin after a new one ends.
    after: SideLinker,
}

impl Linker {
    fn insert(&mut self, member: usize, extent: Extent) {
        self.before.insert(member, extent);
        self.after.insert(member, extent.mirrored());
    }

    fn link(&mut self, member: usize, extent: Extent, groups: &mut UnionFind) {
        self.before.link(member, extent, groups);
        self.after.link(member, extent.mirrored(), groups);
    }
}

/// A group's place in a [`SideLinker`]: its earliest upper edge, as a sort key, then a sequence number.
type GroupKey = ((u8, u64, bool), usize);

/// Groups by the earliest upper edge of their extents (with a sequence number to keep equal edges apart), each with
/// that edge and one member.
#[derive(Default)]
struct SideLinker {
    groups: BTreeMap<GroupKey, (Edge, usize)>,
    inserted: usize,
}

impl SideLinker {
    fn insert(&mut self, member: usize, extent: Extent) {
        self.inserted += 1;
        self.groups.insert(
            (extent.upper.upper_key(), self.inserted),
            (extent.upper, member),
        );
    }

    /// Joins `member` with every group holding an extent that ends before `extent` begins; those groups, now one,
    /// are kept as one entry under the earliest of their edges.
    fn link(&mut self, member: usize, extent: Extent, groups: &mut UnionFind) {
        let mut first = None;
        while let Some(entry) = self.groups.first_entry() {
            let (upper, other) = *entry.get();
            if !precedes(upper, extent.lower) {
                break;
            }
            let key = *entry.key();
            entry.remove();
            groups.union(member, other);
            first.get_or_insert((key, upper, other));
        }
        if let Some((key, upper, other)) = first {
            self.groups.insert(key, (upper, other));
        }
    }
}
