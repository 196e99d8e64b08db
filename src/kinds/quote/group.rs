//! Grouping quotations at corpus scale: which quotations are the same quotation, in the same or in other words.
//!
//! Comparing every quotation with every other grows with the square of the corpus. Instead, identical wordings are
//! counted once, and every distinct wording is indexed by its word pairs ("responsible withdrawal"). A pair held by
//! more than [`MAX_POSTINGS`] wordings is too common to tell quotations apart and is left out of the index, as are
//! pairs of two function words ("of the"). Two wordings are measured against each other only when they share
//! enough indexed pairs: a wording that keeps a share `s` of another's words can have broken at most two pairs per
//! changed word, so a pair of wordings with fewer shared pairs than that cannot reach the threshold. The work so
//! grows with the number of wordings times the (bounded) length of the posting lists: near-linearly.
//!
//! Wordings that fit each other ([`fit`]) at or above the threshold are the same quotation; the connected parts of
//! that relation are the groups. Inside a group, a wording agrees with a wording that holds it whole: the group's
//! sides are built from the longest wordings down, and the side quoted most often is the
//! reference the others drift from.

use std::collections::{BTreeMap, HashMap};

use crate::text::wording::{fit, is_function_word};
use crate::union_find::UnionFind;

/// A word pair held by more wordings than this is too common to anchor a comparison.
pub const MAX_POSTINGS: usize = 64;

/// The distinct wordings of a corpus's quotations, each a sequence of word ids, with how often each occurs.
#[derive(Debug, Default)]
pub struct Wordings {
    vocabulary: HashMap<String, u32>,
    function: Vec<bool>,
    wordings: Vec<Vec<u32>>,
    ids: HashMap<Vec<u32>, usize>,
    counts: Vec<usize>,
}

impl Wordings {
    /// An empty set of wordings.
    pub fn new() -> Wordings {
        Wordings::default()
    }

    /// Adds one occurrence of the wording made of `keys` (see [`crate::text::wording::key`]) and returns its index;
    /// an identical wording gets the index it already had.
    pub fn add<S: AsRef<str>>(&mut self, keys: &[S]) -> usize {
        let words: Vec<u32> = keys.iter().map(|k| self.word_id(k.as_ref())).collect();
        let next = self.wordings.len();
        let index = *self.ids.entry(words.clone()).or_insert(next);
        if index == next {
            self.wordings.push(words);
            self.counts.push(0);
        }
        self.counts[index] += 1;
        index
    }

    fn word_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(key) {
            return id;
        }
        let id = self.function.len() as u32;
        self.vocabulary.insert(key.to_string(), id);
        self.function.push(is_function_word(key));
        id
    }

    /// How many distinct wordings there are.
    pub fn len(&self) -> usize {
        self.wordings.len()
    }

    /// True when no wording was added.
    pub fn is_empty(&self) -> bool {
        self.wordings.is_empty()
    }

    /// The word ids of wording `index`.
    pub fn words(&self, index: usize) -> &[u32] {
        &self.wordings[index]
    }

    /// How many times wording `index` was added.
    pub fn count(&self, index: usize) -> usize {
        self.counts[index]
    }

    /// The indexable word pairs of wording `index`, each once: pairs of two function words are left out.
    fn pairs(&self, index: usize) -> Vec<u64> {
        let mut pairs: Vec<u64> = self.wordings[index]
            .windows(2)
            .filter(|p| !(self.function[p[0] as usize] && self.function[p[1] as usize]))
            .map(|p| (u64::from(p[0]) << 32) | u64::from(p[1]))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// Quotations that are the same quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The wordings of the group, ascending.
    pub members: Vec<usize>,
    /// The members split into wordings that agree, each side ascending, sides ordered by their first member.
    pub sides: Vec<Vec<usize>>,
    /// The index in `sides` of the side quoted most often (the earliest of equals): the others drift from it.
    pub reference: usize,
}

/// Groups `wordings` whose [`fit`] ratio reaches `similarity`. A group has two wordings or more, or one wording
/// that occurs more than once. Groups are ordered by their first member.
pub fn group(wordings: &Wordings, similarity: f64) -> Vec<Group> {
    let index = PairIndex::new(wordings);
    let mut same = UnionFind::new(wordings.len());
    let mut holds: Vec<Vec<usize>> = vec![Vec::new(); wordings.len()];
    let mut shared = vec![0u32; wordings.len()];
    for i in 0..wordings.len() {
        for j in index.candidates(wordings, i, similarity, &mut shared) {
            let (a, b) = (wordings.words(i), wordings.words(j));
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let ratio = fit(short, long).ratio;
            if ratio >= similarity {
                same.union(i, j);
            }
            if ratio >= 1.0 {
                holds[i].push(j);
                holds[j].push(i);
            }
        }
    }
    let mut components: Vec<Vec<usize>> = vec![Vec::new(); wordings.len()];
    for i in 0..wordings.len() {
        components[same.find(i)].push(i);
    }
    components
        .into_iter()
        .filter(|c| c.len() > 1 || c.first().is_some_and(|&w| wordings.count(w) > 1))
        .map(|members| split_sides(wordings, members, &holds))
        .collect()
}

/// Splits a group's members into sides and picks the reference side. Longest wordings first (the most quoted first
/// among equals), each wording joins the side opened by the first wording that holds it whole, or opens a side of
/// its own. A fragment that two different wordings both hold so joins one of them and never merges them. `holds`
/// lists, for each wording, the wordings it holds whole or is held by.
fn split_sides(wordings: &Wordings, members: Vec<usize>, holds: &[Vec<usize>]) -> Group {
    let mut order = members.clone();
    order.sort_by_key(|&w| {
        (
            std::cmp::Reverse(wordings.words(w).len()),
            std::cmp::Reverse(wordings.count(w)),
            w,
        )
    });
    let mut opened_by: BTreeMap<usize, usize> = BTreeMap::new();
    let mut sides: Vec<Vec<usize>> = Vec::new();
    for w in order {
        match holds[w].iter().filter_map(|h| opened_by.get(h)).min() {
            Some(&side) => sides[side].push(w),
            None => {
                opened_by.insert(w, sides.len());
                sides.push(vec![w]);
            }
        }
    }
    for side in &mut sides {
        side.sort_unstable();
    }
    sides.sort_by_key(|side| side[0]);
    let occurrences = |side: &Vec<usize>| side.iter().map(|&w| wordings.count(w)).sum::<usize>();
    let reference = sides
        .iter()
        .enumerate()
        .max_by_key(|(i, side)| (occurrences(side), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    Group {
        members,
        sides,
        reference,
    }
}

/// Posting lists: for each indexable word pair, the wordings that hold it.
struct PairIndex {
    postings: HashMap<u64, Vec<usize>>,
    /// Per wording: its pairs whose posting lists are short enough to use.
    usable: Vec<Vec<u64>>,
}

impl PairIndex {
    fn new(wordings: &Wordings) -> PairIndex {
        let all: Vec<Vec<u64>> = (0..wordings.len()).map(|i| wordings.pairs(i)).collect();
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, pairs) in all.iter().enumerate() {
            for &pair in pairs {
                postings.entry(pair).or_default().push(i);
            }
        }
        let usable = all
            .into_iter()
            .map(|pairs| {
                pairs
                    .into_iter()
                    .filter(|p| postings.get(p).is_some_and(|l| l.len() <= MAX_POSTINGS))
                    .collect()
            })
            .collect();
        PairIndex { postings, usable }
    }

    /// The wordings after `i` that share enough usable pairs with it to be worth measuring, ascending. `shared` is
    /// scratch space, one counter per wording, left zeroed.
    fn candidates(
        &self,
        wordings: &Wordings,
        i: usize,
        similarity: f64,
        shared: &mut [u32],
    ) -> Vec<usize> {
        let mut touched = Vec::new();
        for pair in &self.usable[i] {
            for &j in self
                .postings
                .get(pair)
                .into_iter()
                .flatten()
                .filter(|&&j| j > i)
            {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        touched.sort_unstable();
        touched.retain(|&j| {
            let count = std::mem::take(&mut shared[j]) as usize;
            let shorter = if wordings.words(j).len() < wordings.words(i).len() {
                j
            } else {
                i
            };
            count
                >= required_pairs(
                    wordings.words(shorter).len(),
                    self.usable[shorter].len(),
                    similarity,
                )
        });
        touched
    }
}

/// The fewest usable pairs two wordings must share to reach `similarity`, from the shorter one's length and usable
/// pairs: each of its words that did not match breaks at most two pairs (one more is allowed for an edge).
fn required_pairs(length: usize, usable: usize, similarity: f64) -> usize {
    let changed = ((1.0 - similarity) * length as f64).floor() as usize;
    usable.saturating_sub(2 * changed + 1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wording::words;

    fn wordings(texts: &[&str]) -> Wordings {
        let mut all = Wordings::new();
        for text in texts {
            let keys: Vec<String> = words(text, 0).into_iter().map(|w| w.key).collect();
            all.add(&keys);
        }
        all
    }

    #[test]
    fn drifted_fragments_group_with_the_quotation_they_quote() {
        let all = wordings(&[
            "to initiate discussions on an orderly and responsible withdrawal of U.S. forces from Niger",
            "organized and responsible withdrawal",
            "orderly and responsible",
            "I think time will tell, unfortunately",
        ]);
        let groups = group(&all, 0.7);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, [0, 1, 2]);
        assert_eq!(groups[0].sides, [vec![0, 2], vec![1]]);
        assert_eq!(groups[0].reference, 0);
    }

    #[test]
    fn identical_quotations_are_one_wording_and_a_group() {
        let all = wordings(&[
            "we will stay the course",
            "We will stay the course.",
            "something else entirely here",
        ]);
        assert_eq!(all.len(), 2);
        assert_eq!(all.count(0), 2);
        let groups = group(&all, 0.7);
        assert_eq!(
            groups,
            [Group {
                members: vec![0],
                sides: vec![vec![0]],
                reference: 0
            }]
        );
    }

    #[test]
    fn the_threshold_decides() {
        let all = wordings(&[
            "the troops will leave Niger by September",
            "the troops will leave Chad by October",
        ]);
        assert!(group(&all, 0.8).is_empty());
        assert_eq!(group(&all, 0.6).len(), 1);
    }

    #[test]
    fn a_fragment_held_by_two_wordings_does_not_merge_them() {
        let all = wordings(&[
            "alpha beta gamma delta epsilon zeta",
            "alpha beta gamma delta epsilon theta",
            "alpha beta gamma delta epsilon theta",
            "alpha beta gamma delta",
        ]);
        let groups = group(&all, 0.7);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].sides, [vec![0], vec![1, 2]]);
        assert_eq!(
            groups[0].reference, 1,
            "the wording quoted twice, with the fragment"
        );
    }

    #[test]
    fn the_most_quoted_wording_is_the_reference() {
        let all = wordings(&[
            "a lack of basic respect",
            "a lack of common respect",
            "a lack of common respect",
        ]);
        let groups = group(&all, 0.7);
        assert_eq!(groups[0].sides, [vec![0], vec![1]]);
        assert_eq!(groups[0].reference, 1);
    }
}
