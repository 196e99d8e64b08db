//! The conflict and change graphs of one claim's mentions, as connected groups, in O(n log n).
//!
//! Two mentions are joined when their extents are disjoint in some space ([`crate::kinds::extent`]); for quantities
//! with a window, a disjoint pair is a conflict when their as-of days lie within the window (or one is unknown), and
//! a change when they lie further apart. Only the groups matter, not every edge, so each mention is joined to every
//! *group* holding a disjoint partner, found with [`Linker`], instead of to every partner.
//!
//! Pairs within the window are found block by block: days are cut into blocks one window plus one day long, so
//! that every pair within one block is within the window, no pair two blocks apart is, and pairs in neighbouring
//! blocks are within the window when the later one is at most the window after the earlier.

use std::collections::BTreeMap;

use crate::union_find::UnionFind;

use crate::kinds::extent::{precedes, Edge, Extent, SPACES};

/// A mention as the graph sees it: its extent in each space, and its as-of day when the claim has a window.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Extents by space.
    pub extents: [Option<Extent>; SPACES],
    /// The as-of day (a day number), when known.
    pub day: Option<i64>,
}

/// Groups (of two or more positions into `nodes`), each sorted, in order of their first member: the conflicts, and
/// the changes over time (empty without a window).
pub fn groups(nodes: &[Node], window: Option<i64>) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut conflicts = UnionFind::new(nodes.len());
    let mut changes = UnionFind::new(nodes.len());
    for space in 0..SPACES {
        let members: Vec<(usize, Extent)> = nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, n.extents[space]?)))
            .collect();
        match window {
            None => link_all_pairs(&members, &mut conflicts),
            Some(window) => {
                link_near_pairs(&members, nodes, window, &mut conflicts);
                link_far_pairs(&members, nodes, window, &mut changes);
            }
        }
    }
    (conflicts.groups(), changes.groups())
}

/// Joins every disjoint pair.
fn link_all_pairs(members: &[(usize, Extent)], groups: &mut UnionFind) {
    let mut linker = Linker::default();
    for &(i, extent) in members {
        linker.link(i, extent, groups);
        linker.insert(i, extent);
    }
}

/// Joins the disjoint pairs whose days lie within `window` of each other, or that have an unknown day.
fn link_near_pairs(
    members: &[(usize, Extent)],
    nodes: &[Node],
    window: i64,
    groups: &mut UnionFind,
) {
    let mut known: Vec<(i64, usize, Extent)> = Vec::new();
    let mut unknown: Vec<(usize, Extent)> = Vec::new();
    for &(i, extent) in members {
        match nodes[i].day {
            Some(day) => known.push((day, i, extent)),
            None => unknown.push((i, extent)),
        }
    }
    known.sort_by_key(|&(day, i, _)| (day, i));
    let block_of = |day: i64| day.div_euclid(window.saturating_add(1));
    let blocks: Vec<&[(i64, usize, Extent)]> = known
        .chunk_by(|a, b| block_of(a.0) == block_of(b.0))
        .collect();
    for (index, block) in blocks.iter().enumerate() {
        let flat: Vec<(usize, Extent)> = block.iter().map(|&(_, i, e)| (i, e)).collect();
        link_all_pairs(&flat, groups);
        if let Some(next) = blocks
            .get(index + 1)
            .filter(|next| block_of(next[0].0) == block_of(block[0].0) + 1)
        {
            link_neighbour_blocks(block, next, window, groups);
        }
    }
    let mut linker = Linker::default();
    for &(_, i, extent) in &known {
        linker.insert(i, extent);
    }
    for &(i, extent) in &unknown {
        linker.link(i, extent, groups);
        linker.insert(i, extent);
    }
}

/// Joins the disjoint pairs of two neighbouring blocks whose days are within `window`: the later ones are taken
/// latest first, so that the earlier ones within reach only ever grow in number.
fn link_neighbour_blocks(
    earlier: &[(i64, usize, Extent)],
    later: &[(i64, usize, Extent)],
    window: i64,
    groups: &mut UnionFind,
) {
    let mut linker = Linker::default();
    let mut reachable = earlier.iter().rev().peekable();
    for &(day, i, extent) in later.iter().rev() {
        while let Some(&(_, j, earlier_extent)) = reachable.next_if(|e| day - e.0 <= window) {
            linker.insert(j, earlier_extent);
        }
        linker.link(i, extent, groups);
    }
}

/// Joins the disjoint pairs whose days are both known and further than `window` apart.
fn link_far_pairs(
    members: &[(usize, Extent)],
    nodes: &[Node],
    window: i64,
    groups: &mut UnionFind,
) {
    let mut known: Vec<(i64, usize, Extent)> = members
        .iter()
        .filter_map(|&(i, extent)| Some((nodes[i].day?, i, extent)))
        .collect();
    known.sort_by_key(|&(day, i, _)| (day, i));
    let mut linker = Linker::default();
    let mut passed = known.iter().peekable();
    for &(day, i, extent) in &known {
        while let Some(&(_, j, earlier_extent)) = passed.next_if(|e| day - e.0 > window) {
            linker.insert(j, earlier_extent);
        }
        linker.link(i, extent, groups);
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
