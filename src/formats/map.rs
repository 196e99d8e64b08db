//! The map from a prose text back to the file it was read from: which byte of the file each byte of the prose
//! stands for, so that a mention found in the prose is reported at its place in the file as saved.

use std::ops::Range;

/// One run of prose bytes and the bytes of the file they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Where the run starts in the prose.
    prose: usize,
    /// Where the bytes it comes from start in the file.
    original: usize,
    /// How many bytes of the file it stands for.
    original_len: usize,
    /// True when the run is the file's bytes as they are (so each prose byte maps to one file byte); false when the
    /// run replaces them (a decoded entity, a collapsed run of spaces, a paragraph break for a tag).
    verbatim: bool,
}

/// Prose offsets to file offsets. Runs are added in prose order; a prose offset with no run maps to the end of
/// the last run. An empty map is the identity.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    runs: Vec<Run>,
}

impl OffsetMap {
    /// Records that the prose from `prose` on copies the file's bytes from `original` on, byte for byte.
    pub fn verbatim(&mut self, prose: usize, original: usize, len: usize) {
        if let Some(last) = self.runs.last_mut() {
            let extends = last.verbatim
                && last.prose + last.original_len == prose
                && last.original + last.original_len == original;
            if extends {
                last.original_len += len;
                return;
            }
        }
        self.push(Run {
            prose,
            original,
            original_len: len,
            verbatim: true,
        });
    }

    /// Records that the prose from `prose` on stands for the file's bytes `original` (an entity, a tag, a run of
    /// spaces), all of them.
    pub fn replaced(&mut self, prose: usize, original: Range<usize>) {
        self.push(Run {
            prose,
            original: original.start,
            original_len: original.len(),
            verbatim: false,
        });
    }

    fn push(&mut self, run: Run) {
        if self.runs.last().is_some_and(|last| last.prose == run.prose) {
            self.runs.pop();
        }
        self.runs.push(run);
    }

    /// True when the map is the identity (nothing recorded).
    pub fn is_identity(&self) -> bool {
        self.runs.is_empty()
    }

    /// The run that holds prose byte `offset`.
    fn run_at(&self, offset: usize) -> Option<&Run> {
        let after = self.runs.partition_point(|run| run.prose <= offset);
        self.runs.get(after.checked_sub(1)?)
    }

    /// The file offset where prose byte `offset` starts.
    pub fn start(&self, offset: usize) -> usize {
        match self.run_at(offset) {
            None => offset,
            Some(run) if run.verbatim => run.original + (offset - run.prose).min(run.original_len),
            Some(run) => run.original,
        }
    }

    /// The file offset where a prose range that ends at `offset` (exclusive) ends: just after the file bytes of the
    /// range's last byte, so that a range never takes in the tag that follows it.
    pub fn end(&self, offset: usize) -> usize {
        if self.runs.is_empty() || offset == 0 {
            return self.start(offset);
        }
        match self.run_at(offset - 1) {
            None => offset,
            Some(run) if run.verbatim => run.original + (offset - run.prose).min(run.original_len),
            Some(run) => run.original + run.original_len,
        }
    }

    /// Appends to `into` the runs of the prose range `range`, moved to start at `at` in another prose: the map of a
    /// text made of parts of this one.
    pub fn copy_range(&self, range: Range<usize>, into: &mut OffsetMap, at: usize) {
        let first = self
            .runs
            .partition_point(|run| run.prose <= range.start)
            .saturating_sub(1);
        for run in self.runs.iter().skip(first) {
            if run.prose >= range.end {
                break;
            }
            let from = run.prose.max(range.start);
            let moved = at + (from - range.start);
            if run.verbatim {
                let to = (run.prose + run.original_len).min(range.end);
                if from < to {
                    into.verbatim(moved, run.original + (from - run.prose), to - from);
                }
            } else if run.prose >= range.start {
                into.replaced(moved, run.original..run.original + run.original_len);
            }
        }
    }

    /// The file range of a prose range.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.start(range.start);
            return at..at;
        }
        self.start(range.start)..self.end(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "a&amp;b <i>c</i>" read as "a&b c".
    fn entity_and_tag() -> OffsetMap {
        let mut map = OffsetMap::default();
        map.verbatim(0, 0, 1);
        map.replaced(1, 1..6);
        map.verbatim(2, 6, 2);
        map.verbatim(4, 11, 1);
        map
    }

    #[test]
    fn offsets_inside_verbatim_runs_map_byte_for_byte() {
        let map = entity_and_tag();
        assert_eq!(map.start(0), 0);
        assert_eq!(map.start(2), 6);
        assert_eq!(map.start(4), 11);
    }

    #[test]
    fn a_replaced_run_maps_to_all_its_bytes() {
        let map = entity_and_tag();
        assert_eq!(map.range(1..2), 1..6);
        assert_eq!(map.range(0..3), 0..7);
    }

    #[test]
    fn a_range_ends_before_the_tag_that_follows_it() {
        let map = entity_and_tag();
        assert_eq!(map.range(2..4), 6..8);
        assert_eq!(map.range(4..5), 11..12);
    }

    #[test]
    fn an_empty_map_is_the_identity() {
        let map = OffsetMap::default();
        assert!(map.is_identity());
        assert_eq!(map.range(3..9), 3..9);
    }

    #[test]
    fn a_copied_range_keeps_its_places() {
        let map = entity_and_tag();
        let mut copy = OffsetMap::default();
        copy.replaced(0, 0..0);
        map.copy_range(1..4, &mut copy, 1);
        assert_eq!(copy.range(1..2), 1..6);
        assert_eq!(copy.range(2..4), 6..8);
    }

    #[test]
    fn adjacent_verbatim_runs_merge() {
        let mut map = OffsetMap::default();
        map.verbatim(0, 10, 2);
        map.verbatim(2, 12, 3);
        assert_eq!(map.runs.len(), 1);
        assert_eq!(map.start(4), 14);
    }
}
