//! Disjoint sets, to collect the connected parts of a relation: the conflict graph of a claim, quotations that are
//! the same quotation.

/// Disjoint sets over positions, to collect connected parts of a graph (the conflict graph, and other relations).
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(size: usize) -> UnionFind {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Sets with more than one member, each sorted, ordered by their smallest member.
    pub(crate) fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut slot_of_root = vec![usize::MAX; self.parent.len()];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..self.parent.len() {
            let root = self.find(i);
            if slot_of_root[root] == usize::MAX {
                slot_of_root[root] = groups.len();
                groups.push(Vec::new());
            }
            groups[slot_of_root[root]].push(i);
        }
        groups.retain(|g| g.len() > 1);
        groups
    }
}
