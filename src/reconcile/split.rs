//! A conflict group of a claim that follows time, split into what a reader can check: the few odd figures, each
//! with the figures it goes against.
//!
//! A conflict group is a connected part of the conflict graph ([`super::graph`]), so one misdated or misread figure
//! joins a whole timeline into one group: a toll of 4 dated between 12 and 18 conflicts with the 11 and 12 before
//! it, a stale 28 dated after 97 with the 36, 86 and 97 before it, and every other figure of the timeline comes
//! along. Listing them all as one disagreement hides the two figures at fault among a dozen that follow the trend.
//!
//! So a group is split. The *odd* figures are a small set of its figures that every conflicting pair of the group
//! touches: taken greedily, the figure that conflicts with the most mentions for its own mentions first (a weighted
//! vertex cover), the later one on a tie, since it is the later figure that goes against the trend. What is left,
//! the *partners*, can all hold at their own times. Odd figures that conflict with each other (three outlets giving
//! three figures at one time) stay in one part, and apart otherwise (a figure misdated months late and one a day late
//! are two mistakes); every partner goes with the odd figure it conflicts with that is nearest in time, and an odd
//! figure left without a partner joins the part of its nearest partner. Each part is one finding: the odd figures by
//! position, and their partners as one side.
//!
//! Classes that state the same (value, time and rank) are taken as one figure, and every tie is broken on what the
//! figures state, never on where they stand in the corpus: renaming the sources changes no part.
//!
//! The conflict pairs of a group are compared one by one, so a group of more than [`MAX_SPLIT`] classes of figures
//! (a dense corpus where everything conflicts with everything) is left whole.

use std::collections::BTreeMap;

use crate::kinds::extent::SPACES;
use crate::union_find::UnionFind;

use super::graph::Node;
use super::time::{link, Link, Timed, Timing};

/// The most classes of figures a conflict group may have to be split: the pairs are compared one by one.
pub const MAX_SPLIT: usize = 2048;

/// One finding's share of a conflict group, as classes (positions into the nodes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The odd figures: each conflicts with a partner or another odd figure of the part.
    pub odd: Vec<usize>,
    /// Figures that all hold together at their times, each in conflict with an odd figure of the part.
    pub partners: Vec<usize>,
}

/// The parts of the conflict group `group` (classes of figures, each weighing `weights[class]` mentions), sorted
/// by class within each part. A group that is not split (a claim that ignores time, or more than [`MAX_SPLIT`]
/// classes) is one part whose figures are all odd.
pub fn split(group: &[usize], nodes: &[Node], weights: &[usize], timing: Timing) -> Vec<Part> {
    if timing.window().is_none() || group.len() > MAX_SPLIT {
        return vec![Part {
            odd: group.to_vec(),
            partners: Vec::new(),
        }];
    }
    let graph = Conflicts::of(group, nodes, weights, timing);
    let odd = graph.odd_figures();
    graph.parts(&odd)
}

/// What a figure states, as a key that orders figures whatever their place in the corpus: its time and the width
/// of its span, its rank, and each space's extent as its two edges.
type Content = (
    Option<i64>,
    i64,
    u8,
    [Option<((u8, u64, bool), (u8, u64, bool))>; SPACES],
);

/// What `node` states.
fn content(node: &Node) -> Content {
    let extents = node
        .extents
        .map(|e| e.map(|e| (e.mirrored().upper.upper_key(), e.upper.upper_key())));
    (node.time, node.width, node.rank, extents)
}

/// The conflict pairs among the distinct figures of one group.
struct Conflicts {
    /// The classes of each figure, and what it states; figures in the order of their contents.
    figures: Vec<(Content, Vec<usize>)>,
    /// The mentions each figure stands for.
    weights: Vec<u64>,
    /// The claim's window, in minutes.
    window: i64,
    /// For each figure, the figures it conflicts with.
    neighbours: Vec<Vec<usize>>,
    /// For each figure, whether its classes conflict with each other: a value that overlaps nothing, not even
    /// itself. Such a figure is odd from the start.
    with_its_like: Vec<bool>,
}

impl Conflicts {
    fn of(group: &[usize], nodes: &[Node], weights: &[usize], timing: Timing) -> Conflicts {
        let mut by_content: BTreeMap<Content, (Vec<usize>, u64, Timed)> = BTreeMap::new();
        for &class in group {
            let entry = by_content
                .entry(content(&nodes[class]))
                .or_insert_with(|| (Vec::new(), 0, nodes[class]));
            entry.0.push(class);
            entry.1 += weights[class] as u64;
        }
        let timed: Vec<Timed> = by_content.values().map(|v| v.2).collect();
        let mut neighbours = vec![Vec::new(); timed.len()];
        for a in 0..timed.len() {
            for b in a + 1..timed.len() {
                if link(&timed[a], &timed[b], timing) == Some(Link::Conflict) {
                    neighbours[a].push(b);
                    neighbours[b].push(a);
                }
            }
        }
        let weights = by_content.values().map(|v| v.1).collect();
        let with_its_like = by_content
            .values()
            .map(|v| v.0.len() > 1 && link(&v.2, &v.2, timing) == Some(Link::Conflict))
            .collect();
        Conflicts {
            with_its_like,
            figures: by_content.into_iter().map(|(c, v)| (c, v.0)).collect(),
            weights,
            window: timing.window().unwrap_or(0),
            neighbours,
        }
    }

    fn time(&self, figure: usize) -> Option<i64> {
        self.figures[figure].0 .0
    }

    /// Which figures are odd: taken one at a time, the figure whose conflicts with the figures not yet taken weigh
    /// the most for its own weight (the later in time, then the greater content, on a tie), until no conflict is
    /// left.
    fn odd_figures(&self) -> Vec<bool> {
        let mut odd = vec![false; self.figures.len()];
        let mut against: Vec<u64> = self
            .neighbours
            .iter()
            .map(|ns| ns.iter().map(|&n| self.weights[n]).sum())
            .collect();
        let heavier = |a: usize, b: usize, against: &[u64]| {
            let (ra, rb) = (
                u128::from(against[a]) * u128::from(self.weights[b]),
                u128::from(against[b]) * u128::from(self.weights[a]),
            );
            (ra, a) > (rb, b)
        };
        let take = |taken: usize, odd: &mut [bool], against: &mut [u64]| {
            odd[taken] = true;
            for &n in &self.neighbours[taken] {
                against[n] -= self.weights[taken];
            }
        };
        for figure in (0..self.figures.len()).filter(|&f| self.with_its_like[f]) {
            take(figure, &mut odd, &mut against);
        }
        while let Some(taken) = (0..self.figures.len())
            .filter(|&m| !odd[m] && against[m] > 0)
            .reduce(|best, m| if heavier(m, best, &against) { m } else { best })
        {
            take(taken, &mut odd, &mut against);
        }
        odd
    }

    /// The parts: odd figures joined by their conflicts at one time, each partner with its nearest odd figure in
    /// conflict, and an odd figure left alone with the part of its nearest partner (or, with none, of its nearest
    /// odd figure in conflict).
    fn parts(&self, odd: &[bool]) -> Vec<Part> {
        let size = self.figures.len();
        let mut joined = UnionFind::new(size);
        for member in 0..size {
            if odd[member] {
                let at_one_time = |n: usize| odd[n] && self.near(member, n);
                for &n in self.neighbours[member].iter().filter(|&&n| at_one_time(n)) {
                    joined.union(member, n);
                }
            } else if let Some(nearest) = self.nearest(member, |n| odd[n]) {
                joined.union(member, nearest);
            }
        }
        let mut size_of_root = vec![0usize; size];
        for member in 0..size {
            size_of_root[joined.find(member)] += 1;
        }
        for member in 0..size {
            if size_of_root[joined.find(member)] == 1 {
                // an odd figure whose conflicts are all with odd figures at other times goes with the nearest of them
                let nearest = self
                    .nearest(member, |n| !odd[n])
                    .or_else(|| self.nearest(member, |_| true));
                if let Some(nearest) = nearest {
                    joined.union(member, nearest);
                }
            }
        }
        let mut parts: Vec<Part> = Vec::new();
        let mut slot_of_root = vec![usize::MAX; size];
        for (member, &is_odd) in odd.iter().enumerate() {
            let root = joined.find(member);
            if slot_of_root[root] == usize::MAX {
                slot_of_root[root] = parts.len();
                parts.push(Part {
                    odd: Vec::new(),
                    partners: Vec::new(),
                });
            }
            let part = &mut parts[slot_of_root[root]];
            let side = if is_odd {
                &mut part.odd
            } else {
                &mut part.partners
            };
            side.extend(&self.figures[member].1);
        }
        for part in &mut parts {
            part.odd.sort_unstable();
            part.partners.sort_unstable();
        }
        parts
    }

    /// True when the times of two figures may stand for one moment: one is unknown, or they lie within the window.
    fn near(&self, a: usize, b: usize) -> bool {
        match (self.time(a), self.time(b)) {
            (Some(x), Some(y)) => x.abs_diff(y) <= self.window.unsigned_abs(),
            _ => true,
        }
    }

    /// The figure in conflict with `member` that `wanted` accepts and whose time is nearest to its own (a known time
    /// before an unknown one), the lesser content on a tie.
    fn nearest(&self, member: usize, wanted: impl Fn(usize) -> bool) -> Option<usize> {
        let time = self.time(member);
        self.neighbours[member]
            .iter()
            .copied()
            .filter(|&n| wanted(n))
            .min_by_key(|&n| {
                let apart = match (time, self.time(n)) {
                    (Some(a), Some(b)) => a.abs_diff(b),
                    _ => u64::MAX,
                };
                (apart, n)
            })
    }
}
