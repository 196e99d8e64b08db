//! The corpus mentions of every claim gathered once into classes of alike mentions, for drafts to be compared with.
//!
//! A large corpus repeats the same few figures thousands of times: the dense 100 MB corpus of the benchmarks holds
//! 241,418 mentions in about 6,200 classes. A class keeps what its members are compared on, their ids and, per
//! source, how many of them it holds, so that a draft mention is compared once per class and the counts of a
//! finding ("52,310 mentions in 20,001 sources") come from the classes, not from the mentions.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::extract::{Held, HeldList, Stated};
use crate::kinds::Value;
use crate::model::MentionId;
use crate::reconcile::{dated_bounds, Compared};

/// The corpus mentions of each claim in classes of alike mentions: the same value (its
/// [`Value::key`](crate::kinds::Value::key)), time and rank, and alike in being placed in time or not (a figure
/// of a source without a publication date that no date phrase places), which every comparison with a draft mention
/// treats alike. Built once for a checked corpus, and used for every draft checked against it.
#[derive(Debug, Clone, Default)]
pub struct DraftIndex {
    /// The classes of each claim, in order of first appearance.
    claims: Vec<Vec<Class>>,
    /// One more than the highest source index of a mention: the size of a set of sources.
    sources: usize,
}

/// Alike mentions of one claim.
#[derive(Debug, Clone)]
struct Class {
    /// What its members are compared on, alike for all of them.
    compared: Compared,
    /// Their value, alike for all of them (kept here so that comparing reads the classes only, not the mentions).
    value: Value,
    /// True for figures of a source without a publication date that no date phrase places in time: the corpus
    /// compares them only within their source when the claim's dated figures spread over time.
    alone: bool,
    /// Mention ids, in corpus order.
    members: Vec<usize>,
    /// The sources of the members, each once, in corpus order (32 bits: counting the sources of many classes
    /// reads them all, and half the bytes are read in about half the time).
    sources: Vec<u32>,
    /// How many members each of `sources` holds.
    counts: Vec<u32>,
}

impl Class {
    fn new(mention: &impl Stated, alone: bool) -> Class {
        Class {
            compared: Compared::of(mention),
            value: mention.value().clone(),
            alone,
            members: Vec::new(),
            sources: Vec::new(),
            counts: Vec::new(),
        }
    }

    fn push(&mut self, mention: &impl Stated) {
        self.members.push(mention.id());
        let source = mention.source() as u32;
        match (self.sources.last(), self.counts.last_mut()) {
            (Some(&last), Some(count)) if last == source => *count += 1,
            _ => {
                self.sources.push(source);
                self.counts.push(1);
            }
        }
    }

    /// How many members are in source `except`.
    fn in_source(&self, except: Option<usize>) -> usize {
        except
            .and_then(|source| self.sources.binary_search(&(source as u32)).ok())
            .map_or(0, |i| self.counts[i] as usize)
    }
}

impl DraftIndex {
    /// Gathers the mentions of `claims` claims, given in corpus order, into classes; `undated` says, by source
    /// index, which sources have no publication date ([`Checked::undated`](crate::check::Checked::undated)). Term
    /// and quote values have no key: each is a class of its own.
    pub fn new<M: Stated>(
        claims: usize,
        mentions: impl IntoIterator<Item = M>,
        undated: &[bool],
    ) -> DraftIndex {
        let mut index = DraftIndex {
            claims: vec![Vec::new(); claims],
            sources: 0,
        };
        let mut class_of = HashMap::new();
        for mention in mentions {
            index.sources = index.sources.max(mention.source() + 1);
            let classes = &mut index.claims[mention.claim()];
            let alone = mention.time().is_none() && undated.get(mention.source()) == Some(&true);
            let mut new_class = || {
                classes.push(Class::new(&mention, alone));
                classes.len() - 1
            };
            let class = match mention.value().key() {
                Some(key) => {
                    let time = mention.time().map(|t| t.midpoint());
                    *class_of
                        .entry((mention.claim(), key, time, mention.rank(), alone))
                        .or_insert_with(new_class)
                }
                None => new_class(),
            };
            classes[class].push(&mention);
        }
        index
    }

    /// What a draft mention of `claim` is compared with: the classes of the claim, whose members are ids into
    /// `mentions` (the corpus's mentions the index was built from), leaving out those of source `except` (the
    /// corpus's copy of a document being edited).
    pub(super) fn claim<'m>(
        &'m self,
        mentions: HeldList<'m>,
        claim: usize,
        except: Option<usize>,
    ) -> ClaimMentions<'m> {
        ClaimMentions {
            mentions,
            classes: self.claims.get(claim).map_or(&[], Vec::as_slice),
            sources: self.sources,
            except,
        }
    }
}

/// The corpus mentions of one claim that a draft mention is compared with, class by class.
pub(super) struct ClaimMentions<'m> {
    mentions: HeldList<'m>,
    classes: &'m [Class],
    sources: usize,
    except: Option<usize>,
}

/// A class that keeps members once the left-out source is left out.
#[derive(Clone, Copy)]
pub(super) struct Kept<'m> {
    /// The class's first member kept: its members are alike, so it stands for them in descriptions.
    pub first: Held<'m>,
    /// What the class is compared on.
    pub compared: &'m Compared,
    /// The value of its members.
    pub value: &'m Value,
    /// True when its members are figures of an undated source that no date phrase places in time.
    pub alone: bool,
    class: &'m Class,
}

/// Mentions of a union of classes: how many, in how many sources, and the first of them in corpus order.
pub(super) struct Union {
    /// Mentions in all.
    pub count: usize,
    /// Sources they are in.
    pub sources: usize,
    /// The first of their ids, in corpus order.
    pub listed: Vec<MentionId>,
}

impl<'m> ClaimMentions<'m> {
    /// Each class that keeps a member, with its first member, in order of first appearance.
    pub(super) fn kept(&self) -> Vec<Kept<'m>> {
        self.classes
            .iter()
            .filter_map(|class| {
                let id = self.members(class).next()?;
                Some(Kept {
                    first: self.mentions.at(id),
                    compared: &class.compared,
                    value: &class.value,
                    alone: class.alone,
                    class,
                })
            })
            .collect()
    }

    /// The earliest and the latest as-of time of the claim's dated corpus figures, outside the left-out source, as
    /// [`dated_bounds`] trims them.
    pub(super) fn dated_bounds(&self) -> Option<(i64, i64)> {
        let times = self.classes.iter().filter_map(|class| {
            let figures = class.members.len() - class.in_source(self.except);
            Some((class.compared.time()?, figures)).filter(|_| figures > 0)
        });
        dated_bounds(times.collect())
    }

    /// The ids of `class` outside the left-out source, in corpus order.
    fn members(&self, class: &'m Class) -> impl Iterator<Item = usize> + 'm {
        let mentions = self.mentions;
        // Without a source to leave out, the mentions are not read.
        let except = self.except.filter(|&e| class.in_source(Some(e)) > 0);
        class
            .members
            .iter()
            .copied()
            .filter(move |&id| except.is_none_or(|e| mentions.at(id).source() != e))
    }

    /// The mentions of `classes` (kept ones, of this claim): their count, their sources, and the first `limit`.
    pub(super) fn union(&self, classes: &[Kept<'m>], limit: usize) -> Union {
        let count = classes
            .iter()
            .map(|k| k.class.members.len() - k.class.in_source(self.except))
            .sum();
        Union {
            count,
            sources: self.sources_of(classes),
            listed: self.first_members(classes, limit),
        }
    }

    /// How many sources hold a member of `classes`, besides the left-out one.
    fn sources_of(&self, classes: &[Kept<'m>]) -> usize {
        let mut seen = vec![0u64; self.sources.div_ceil(64)];
        for kept in classes {
            for &source in &kept.class.sources {
                seen[source as usize / 64] |= 1 << (source % 64);
            }
        }
        if let Some(source) = self.except.filter(|&s| s < self.sources) {
            seen[source / 64] &= !(1 << (source % 64));
        }
        seen.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The first `limit` members of `classes` in corpus order: a merge that takes the smallest id left of any
    /// class, so that it reads `limit` ids and one more per class.
    fn first_members(&self, classes: &[Kept<'m>], limit: usize) -> Vec<MentionId> {
        let mut runs: Vec<_> = classes
            .iter()
            .map(|k| self.members(k.class).peekable())
            .collect();
        let mut next: BinaryHeap<Reverse<(usize, usize)>> = runs
            .iter_mut()
            .enumerate()
            .filter_map(|(run, members)| Some(Reverse((*members.peek()?, run))))
            .collect();
        let mut listed = Vec::with_capacity(limit.min(16));
        while listed.len() < limit {
            let Some(Reverse((id, run))) = next.pop() else {
                break;
            };
            listed.push(MentionId::new(id));
            runs[run].next();
            if let Some(&following) = runs[run].peek() {
                next.push(Reverse((following, run)));
            }
        }
        listed
    }
}
