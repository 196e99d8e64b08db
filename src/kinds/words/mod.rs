//! Claims written in words: the word form of quantity, date and polarity claims.
//!
//! A rule author lists words instead of writing whole-sentence regexes: what is counted (`counts`), whose it is
//! (`of`, `not_of`), the event and what it is done to (`event`, `object`), the proposition (`subject`, `predicate`,
//! `object`). Each list entry matches its inflections ([`crate::text::inflect`]).
//!
//! # How a claim in words is matched
//!
//! 1. **Candidates.** Each claim is compiled into a few ordinary patterns for the scanner (a `{quantity}` phrase
//!    with a `counts` word on either side, an `event` word near an `object` word, a `predicate` near an `object`),
//!    so that one pass over the text still finds every claim's candidates.
//! 2. **Conditions.** Each candidate is judged in Rust, on the words of its sentence ([`crate::kinds::Kind::judge`]): the words
//!    that must or must not stand in the candidate's *clause* (the clause of the figure or event, cut at commas,
//!    semicolons and dashes as [`crate::kinds::quantity::asof`] cuts them, plus a scene-setting opener such as "In
//!    neighbouring Mali,"), or within `near` words of it. A refused candidate carries the reason, for `explain`.
//! 3. **Value.** The kind's grammar reads the value: the quantity phrase (with the claim's own qualifier words), or
//!    the date phrase that governs the event's clause ([`crate::kinds::quantity::asof::governing_event_date`]).
//!
//! [`quantity`], [`date`] and [`polarity`] hold the three kinds' word forms; [`Conditions`] the checks they share.

pub mod date;
pub mod part;
pub mod polarity;
pub mod quantity;

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use regex_syntax::hir::Hir;

use super::quantity::asof::{clause_around, opens_subordinate_clause, scene_setter};
use super::quantity::Qualifier;
use super::FieldProblem;
use crate::scan::RulePattern;
use crate::text::inflect::Part;
use crate::text::modality::{mode, Mode, ModeCue};
use crate::text::words::{tokens, words_from, Hit, RecentSentences, Token, WordList};

/// The word-form fields of a claim, as a rule file gives them (empty lists when absent).
#[derive(Debug, Default, Clone)]
pub struct WordFields {
    /// quantity: what is counted.
    pub counts: Vec<String>,
    /// Words one of which must stand in the clause (or within `near` words).
    pub of: Vec<String>,
    /// Words that make the mention another's when they stand in its clause.
    pub not_of: Vec<String>,
    /// Words that drop the mention when they stand in its clause.
    pub unless_near: Vec<String>,
    /// Words that make the mention a part: reconciled only with mentions of the same scope.
    pub scope: Vec<String>,
    /// How many words around the mention `of` may stand, besides its clause.
    pub near: Option<usize>,
    /// quantity: the unit the figure must carry ("$", "dollar", "km").
    pub unit: Vec<String>,
    /// quantity: qualifier words the claim adds to the grammar, by qualifier.
    pub qualifiers: Vec<(Qualifier, Vec<String>)>,
    /// date: the event's verbs or nouns, whose governing date is the value.
    pub event: Vec<String>,
    /// date: events whose deadline ("by", "until", "no later than" a date) is the value.
    pub deadline_for: Vec<String>,
    /// date and polarity: what the event or predicate is done to, in the same clause.
    pub object: Vec<String>,
    /// polarity: the proposition's subject.
    pub subject: Vec<String>,
    /// polarity: the predicates that affirm the proposition.
    pub predicate: Vec<String>,
    /// polarity: the predicates whose plain use denies it.
    pub deny_with: Vec<String>,
    /// Which mentions the claim takes by how the sentence reports them: done, planned, or either.
    pub mode: ClaimMode,
}

/// Which mentions a claim in words takes by how its sentence reports them ([`crate::text::modality`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum ClaimMode {
    /// Every mention, however reported.
    #[default]
    Any,
    /// Only mentions reported as done: a past or perfect tense, "so far", and no plan or condition.
    Done,
    /// Mentions not reported as done: plans, agreements, expectations, conditions, and sentences without a tense.
    Planned,
}

impl ClaimMode {
    /// Why the mention at `anchor` (bytes of `sentence`) is refused for its mode, if it is.
    fn refusal(self, sentence: &str, anchor: &Range<usize>) -> Option<String> {
        let read = match self {
            ClaimMode::Any => return None,
            _ => mode(sentence, anchor.clone()),
        };
        match (self, read) {
            (ClaimMode::Done, Some(ModeCue { mode: Mode::Planned, cue })) => Some(format!(
                "refused by `mode: done`: '{cue}' reports it as planned or conditional, not done"
            )),
            (ClaimMode::Done, None) => Some(
                "refused by `mode: done`: no past or perfect tense (or 'so far', 'already') reports it as done"
                    .to_string(),
            ),
            (ClaimMode::Planned, Some(ModeCue { mode: Mode::Done, cue })) => Some(format!(
                "refused by `mode: planned`: '{cue}' reports it as done"
            )),
            _ => None,
        }
    }
}

impl WordFields {
    /// True when any word-form field is set.
    pub fn any(&self) -> bool {
        !(self.counts.is_empty()
            && self.of.is_empty()
            && self.not_of.is_empty()
            && self.unless_near.is_empty()
            && self.scope.is_empty()
            && self.near.is_none()
            && self.unit.is_empty()
            && self.qualifiers.iter().all(|(_, w)| w.is_empty())
            && self.event.is_empty()
            && self.deadline_for.is_empty()
            && self.object.is_empty()
            && self.subject.is_empty()
            && self.predicate.is_empty()
            && self.deny_with.is_empty()
            && self.mode == ClaimMode::Any)
    }
}

/// The checks every claim in words makes on the clause of a candidate.
#[derive(Debug)]
pub struct Conditions {
    of: WordList,
    not_of: WordList,
    unless_near: WordList,
    scope: WordList,
    near: Option<usize>,
    mode: ClaimMode,
}

/// A candidate that passed the conditions: the scope it names, if any.
pub type Scope = Option<String>;

impl Conditions {
    /// The conditions of `fields`.
    pub fn new(fields: &WordFields) -> Conditions {
        Conditions {
            of: WordList::new(&fields.of, Part::Any),
            not_of: WordList::new(&fields.not_of, Part::Any),
            unless_near: WordList::new(&fields.unless_near, Part::Any),
            scope: WordList::new(&fields.scope, Part::Any),
            near: fields.near,
            mode: fields.mode,
        }
    }

    /// Judges the candidate at `anchor` (bytes of `sentence`) whose clause is `region`: `of` in the region (or
    /// within `near` words of the anchor), no `not_of` and no `unless_near` in the region, reported in the claim's
    /// `mode`; the scope it names.
    pub fn check(
        &self,
        sentence: &str,
        words: &[Token],
        region: &[Range<usize>],
        anchor: &Range<usize>,
    ) -> Result<Scope, String> {
        let places = Places {
            region,
            ..Places::default()
        };
        self.check_near(sentence, words, &places, anchor, self.near)
    }

    /// [`Conditions::check`] for a candidate whose clause shares its opening words with other candidates' or takes
    /// its subject from the clauses before it ([`Places`]).
    pub fn check_shared(
        &self,
        sentence: &str,
        words: &[Token],
        places: &Places,
        anchor: &Range<usize>,
    ) -> Result<Scope, String> {
        self.check_near(sentence, words, places, anchor, self.near)
    }

    /// True when one of the claim's `of` words stands within `range` of `sentence`: a part that names whose the
    /// claim is ("30,000 displaced in Derna alone", for Derna's toll) is the claim's own figure.
    pub fn names_whose(&self, sentence: &str, words: &[Token], range: &Range<usize>) -> bool {
        !self.of.hits_in(sentence, words, range).is_empty()
    }

    /// True when one of the claim's `not_of` words stands within `range` of `sentence`.
    pub fn excludes(&self, sentence: &str, words: &[Token], range: &Range<usize>) -> bool {
        !self.not_of.hits_in(sentence, words, range).is_empty()
    }

    /// Where the `of` entry that starts at byte `start` of `sentence` ends, if one starts there ("unaccounted for"
    /// after "102").
    pub fn whose_from(&self, sentence: &str, words: &[Token], start: usize) -> Option<usize> {
        let at = words.iter().position(|w| w.span.start == start)?;
        self.of.hit_at(sentence, words, at).map(|hit| hit.span.end)
    }

    /// [`Conditions::check`] for a figure that is the whole of a part before it ("13,000 of the union's 146,000
    /// members"): the clause's other words tell of the part, so every condition looks at the whole's own noun
    /// phrase (`phrase`) only, and `near` does not widen it.
    pub fn check_phrase(
        &self,
        sentence: &str,
        words: &[Token],
        phrase: &Range<usize>,
        anchor: &Range<usize>,
    ) -> Result<Scope, String> {
        let places = Places {
            region: std::slice::from_ref(phrase),
            ..Places::default()
        };
        self.check_near(sentence, words, &places, anchor, None)
    }

    /// The conditions, with `of` also looked for within `reach` words of the anchor.
    fn check_near(
        &self,
        sentence: &str,
        words: &[Token],
        places: &Places,
        anchor: &Range<usize>,
        reach: Option<usize>,
    ) -> Result<Scope, String> {
        let within = |list: &WordList, ranges: &[&[Range<usize>]]| -> Option<Hit> {
            list.hits(sentence, words).into_iter().find(|h| {
                ranges
                    .iter()
                    .flat_map(|r| r.iter())
                    .any(|r| r.start <= h.span.start && h.span.end <= r.end)
            })
        };
        let own = own_parts(sentence, words, places.region, anchor);
        let not_of = within(&self.not_of, &[&own, places.shared, places.subject])
            .filter(|hit| !in_comparison(sentence, words, &hit.span, anchor));
        if let Some(hit) = not_of {
            return Err(format!(
                "excluded by `not_of`: {} ('{}' in the clause)",
                self.not_of.written(hit.entry),
                &sentence[hit.span]
            ));
        }
        if let Some(hit) = within(&self.unless_near, &[&own, places.shared, places.whole]) {
            return Err(format!(
                "dropped by `unless_near`: {} ('{}' in the clause)",
                self.unless_near.written(hit.entry),
                &sentence[hit.span]
            ));
        }
        let of = within(&self.of, &[&own, places.subject, places.whole]);
        // the headline is read only for a clause that names no `of` word
        let topical = || places.topic.holds() && self.not_of.hits(sentence, words).is_empty();
        if !self.of.is_empty() && of.is_none() && !topical() {
            let window = reach.map(|n| near_window(words, anchor, n));
            let near = window.as_ref().is_some_and(|w| {
                self.of
                    .hits(sentence, words)
                    .iter()
                    .any(|h| w.start <= h.span.start && h.span.end <= w.end)
            });
            if !near {
                let place = match reach {
                    Some(n) => format!("the clause or within {n} words"),
                    None => "the clause".to_string(),
                };
                return Err(format!("no `of` word ({}) in {place}", self.of.describe()));
            }
        }
        if let Some(refusal) = self.mode.refusal(sentence, anchor) {
            return Err(refusal);
        }
        let scope = within(&self.scope, &[places.region]).filter(|hit| {
            places
                .scope
                .as_ref()
                .is_none_or(|own| own.start <= hit.span.start && hit.span.end <= own.end)
        });
        Ok(scope.map(|hit| self.scope.written(hit.entry).to_string()))
    }
}

/// `region` with the range that holds `anchor` cut to the anchor's own part of it ([`own_part`]): where `of` must
/// stand and where `not_of` and `unless_near` refuse.
fn own_parts(
    sentence: &str,
    words: &[Token],
    region: &[Range<usize>],
    anchor: &Range<usize>,
) -> Vec<Range<usize>> {
    region
        .iter()
        .map(
            |range| match range.start <= anchor.start && anchor.end <= range.end {
                true => own_part(sentence, words, range, anchor),
                false => range.clone(),
            },
        )
        .collect()
}

/// Words of a superlative or a comparative that "since" or "than" takes a yardstick after: "the deadliest since the
/// 2016 quake", "more than in 2011".
const MEASURING: &[&str] = &[
    "deadliest",
    "worst",
    "strongest",
    "largest",
    "biggest",
    "highest",
    "heaviest",
    "greatest",
    "costliest",
    "most",
    "first",
    "more",
    "deadlier",
    "worse",
    "stronger",
    "larger",
    "bigger",
    "higher",
    "greater",
    "fewer",
];

/// How many words may stand between a superlative and its "since" or "than" ("the deadliest quake in the country
/// since"), and between that word and the yardstick it names.
const MEASURING_REACH: usize = 6;

/// True when the words at `span` name the yardstick of a comparison the figure or event at `anchor` is not part of:
/// "Japan's deadliest quake since 2016, killing at least 200" (2016 is what the quake is measured against, not whose
/// the toll is). The yardstick follows "since", "than" or "compared with", which follows a superlative or a
/// comparative, each within [`MEASURING_REACH`] words and no comma; the anchor stands outside the words from that
/// "since" to the yardstick's end ([`yardstick_end`]): "compared with 276 in 2016" still refuses 276, "the first
/// quake to claim more than 100 lives since 2016" keeps 100.
fn in_comparison(
    sentence: &str,
    words: &[Token],
    span: &Range<usize>,
    anchor: &Range<usize>,
) -> bool {
    let Some(at) = words.iter().position(|w| w.span.start == span.start) else {
        return false;
    };
    let no_comma =
        |a: &Token, b: &Token| clause_mark(&sentence[a.span.end..b.span.start]).is_none();
    let trigger = (at.saturating_sub(MEASURING_REACH)..at).rev().find(|&i| {
        let lower = words[i].lower.as_str();
        let compared = lower == "with" && i > 0 && words[i - 1].lower == "compared";
        (lower == "since" || lower == "than" || compared) && no_comma(&words[i], &words[at])
    });
    let Some(trigger) = trigger else {
        return false;
    };
    let measured = (trigger.saturating_sub(MEASURING_REACH)..trigger).any(|i| {
        MEASURING.contains(&words[i].lower.as_str()) && no_comma(&words[i], &words[trigger])
    });
    if !measured {
        return false;
    }
    let comparison = words[trigger].span.start..yardstick_end(sentence, span.end);
    !(comparison.start <= anchor.start && anchor.end <= comparison.end)
}

/// Where the first mark that ends a clause or opens an aside stands in `text`: a comma (not one inside a number,
/// "17,000"), a semicolon, a dash or a bracket.
fn clause_mark(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(at, c)| match c {
            ',' => !text[at + 1..].starts_with(|c: char| c.is_ascii_digit()),
            ';' | '—' | '–' | '(' | ')' => true,
            _ => false,
        })
        .map(|(at, _)| at)
}

/// Where the yardstick that goes on at `from` ends: at the end of its clause, past a relative clause that tells of
/// it ("since the 2016 quake, which killed 276").
fn yardstick_end(sentence: &str, from: usize) -> usize {
    let end = |from: usize| clause_mark(&sentence[from..]).map_or(sentence.len(), |at| from + at);
    let first = end(from);
    let rest = sentence[first..].trim_start_matches([',', ' ']);
    let relative = ["which ", "who ", "that "]
        .iter()
        .any(|pronoun| rest.starts_with(pronoun));
    match relative {
        true => end(sentence.len() - rest.len()),
        false => first,
    }
}

/// Modal verbs: after "and" or "but" they open a second verb phrase ("has risen to 832 and could climb higher");
/// in a reported clause they make the event planned or conditional ("said today it will complete").
pub const MODALS: &[&str] = &[
    "could", "may", "might", "will", "would", "should", "can", "shall",
];

/// A place in a clause where the words of another event begin or end, without a comma.
struct InnerCut {
    /// Where the cut is (bytes of the sentence).
    at: usize,
    /// True for a second verb phrase ("and could"), false for a subordinate clause ("as", "when").
    coordinated: bool,
    /// True for another count ("and many more"): no cut inside an aside between dashes that holds it ("9,400
    /// workers – 2,100 at the mill and 3,000 at the docks – will strike").
    count: bool,
}

/// `clause` cut to the part that tells of `anchor`'s own event: up to where a subordinate clause opens after the
/// anchor without a comma ("400 people were killed as hospitals struggled"), and between the "and" or "but" of
/// verb phrases opened by a modal ("will begin this month and could be completed before the deadline", "has soared
/// to 832 and could climb higher"). The other part's words neither name whose the candidate is nor exclude it. Words before the
/// candidate's own subordinate clause still do: the main clause may say whose the figure is ("the Turkey quake is
/// the deadliest in decades as the toll passes 11,000").
fn own_part(
    sentence: &str,
    words: &[Token],
    clause: &Range<usize>,
    anchor: &Range<usize>,
) -> Range<usize> {
    let inside = |w: &Token| clause.start <= w.span.start && w.span.end <= clause.end;
    let cuts: Vec<InnerCut> = words
        .windows(2)
        .filter(|pair| inside(&pair[0]) && inside(&pair[1]))
        .filter_map(|pair| inner_cut(sentence, &pair[0], &pair[1]))
        .collect();
    let start = cuts
        .iter()
        .filter(|cut| cut.coordinated && cut.at <= anchor.start)
        .map(|cut| cut.at)
        .max()
        .unwrap_or(clause.start);
    let in_aside = |cut: &InnerCut| {
        let between = &sentence[anchor.end..cut.at];
        let dashes = between.matches(['–', '—']).count() + between.matches(" - ").count();
        cut.count && dashes % 2 == 1
    };
    let end = cuts
        .iter()
        .filter(|cut| cut.at >= anchor.end && !in_aside(cut))
        .map(|cut| cut.at)
        .min()
        .unwrap_or(clause.end);
    start..end
}

/// Words that open another count after "and" or "but": "53 dead and many more missing", "but hundreds more remain
/// missing", "and 300 more" (not "and others": a list of nouns goes on).
const OTHER_COUNT_OPENERS: &[&str] = &[
    "many",
    "more",
    "hundreds",
    "thousands",
    "dozens",
    "scores",
    "tens",
    "another",
    "several",
    "countless",
];

/// The cut at `word`, the word after `before`, if one opens there: a subordinator, or a modal or another count
/// after "and" or "but" (cut at the conjunction; another count only ends the part of a count before it).
fn inner_cut(sentence: &str, before: &Token, word: &Token) -> Option<InnerCut> {
    let conjunction = ["and", "but"].contains(&before.lower.as_str());
    let other_count = OTHER_COUNT_OPENERS.contains(&word.lower.as_str())
        || word.lower.starts_with(|c: char| c.is_ascii_digit());
    if conjunction && MODALS.contains(&word.lower.as_str()) {
        return Some(InnerCut {
            at: before.span.start,
            coordinated: true,
            count: false,
        });
    }
    // ends a count's part, but a count after it keeps the words before: "killed 40 civilians and 13 soldiers"
    if conjunction && other_count {
        return Some(InnerCut {
            at: before.span.start,
            coordinated: false,
            count: true,
        });
    }
    opens_subordinate_clause(&word.lower, &sentence[word.span.start..]).then_some(InnerCut {
        at: word.span.start,
        coordinated: false,
        count: false,
    })
}

/// Pronouns that stand for an `object` named earlier in the sentence ("let it expire", "ready to return to it").
pub const OBJECT_PRONOUNS: &[&str] = &["it", "them"];

/// Where the conditions of a candidate look, beyond `near`.
#[derive(Debug, Default)]
pub struct Places<'a> {
    /// The candidate's own clause (and a scene-setting opener): every condition looks here.
    pub region: &'a [Range<usize>],
    /// Opening words the clause shares with other candidates ("the storm cost the lives of 169 residents and 13
    /// rescuers"): `not_of` and `unless_near` refuse here too, `of` and `scope` must stand in the region.
    pub shared: &'a [Range<usize>],
    /// The clauses where the subject of a clause without its own stands ([`borrowed_subjects`]): `of` and
    /// `not_of` look here too, since they name whose the figure is.
    pub subject: &'a [Range<usize>],
    /// The clause of the whole that the candidate is a part of ("killed 40 people, including 13 soldiers"):
    /// `unless_near` refuses here too, since a part of the killed is killed, and `of` may stand here.
    pub whole: &'a [Range<usize>],
    /// Where a `scope` word names this candidate's part, when narrower than the region: a scope word nearer
    /// another figure of the clause is that figure's ("about 12,700 workers, 5,800 at one plant").
    pub scope: Option<Range<usize>>,
    /// Whether the report's headline names whose the claim is: a clause without an `of` word, in a sentence
    /// without a `not_of` one, is then the report's own subject's.
    pub topic: Topic<'a>,
}

/// Whether the report's headline names whose a claim is, asked only of a clause that names no `of` word: reading
/// the headline for every candidate would put it on the hot path. None (the default) for claims that do not ask.
#[derive(Default, Clone, Copy)]
pub struct Topic<'a>(Option<&'a dyn Fn() -> bool>);

impl<'a> Topic<'a> {
    /// The topic that `names` tells, when asked.
    pub fn told_by(names: &'a dyn Fn() -> bool) -> Topic<'a> {
        Topic(Some(names))
    }

    /// True when the headline names whose the claim is.
    fn holds(&self) -> bool {
        self.0.is_some_and(|names| names())
    }
}

impl std::fmt::Debug for Topic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Topic(asked)"
        } else {
            "Topic(none)"
        })
    }
}

/// The clause of `span` in `sentence` with the sentence's scene-setting opener: where the conditions look.
pub fn region(sentence: &str, span: Range<usize>, dates: &[Range<usize>]) -> Vec<Range<usize>> {
    let clause = clause_around(sentence, span, dates);
    let mut region = vec![clause.clone()];
    if let Some(opener) = scene_setter(sentence) {
        if opener.end <= clause.start {
            region.push(opener);
        }
    }
    region
}

/// Words in "-ing" that open a clause without being a participle of its verb: prepositions ("according to",
/// "including", "during") and nouns that may open one ("morning", "something").
const NOT_PARTICIPLES: &[&str] = &[
    "according",
    "including",
    "excluding",
    "during",
    "following",
    "regarding",
    "concerning",
    "considering",
    "notwithstanding",
    "pending",
    "barring",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "building",
    "meeting",
    "spring",
];

/// Past participles that do not end in "-ed": "struck in 2012", "the deal, made in July".
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "struck", "made", "held", "taken", "given", "known", "set", "built", "won", "brought", "drawn",
    "written", "hit", "shot", "sent", "led", "caught", "kept", "torn", "thrown", "begun", "done",
    "seen", "sought",
];

/// Words that may follow a past participle opening a clause about the noun before it: its agent ("The deal,
/// brokered by Turkey") or the time or place of the act ("The pact, signed in July 2022").
const PASSIVE_FOLLOWERS: &[&str] = &[
    "by", "in", "on", "at", "last", "earlier", "between", "under", "with",
];

/// True when `word` (as written) is a past participle in lower case: "brokered", "signed", "struck".
fn past_participle(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.starts_with(|c: char| c.is_lowercase())
        && ((lower.len() > 4 && lower.ends_with("ed"))
            || IRREGULAR_PARTICIPLES.contains(&lower.as_str()))
}

/// Words that open a relative clause, alone ("which", "where") or after a preposition ("during which", "under
/// whose terms").
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "where", "whereby"];

/// The clauses where the subject of `clause` stands when it has none of its own: a present participle opens it
/// ("A quake struck Turkey early Monday, killing at least 1,300 people": the quake in Turkey did the killing), a
/// past participle with its agent, time or place ("The grain deal, brokered by Turkey in July 2022,": the deal is
/// what was brokered), "up from" or "down from" (the earlier figure of the clause before), or a
/// relative pronoun, maybe after a preposition ("agreed a four-day truce, during which 50 hostages will be freed":
/// the truce is the antecedent). They are the clause before `clause` and the sentence's first clause; empty when
/// `clause` opens otherwise.
pub fn borrowed_subjects(
    sentence: &str,
    words: &[Token],
    dates: &[Range<usize>],
    clause: &Range<usize>,
) -> Vec<Range<usize>> {
    let mut lead = words
        .iter()
        .skip_while(|w| w.span.start < clause.start)
        .take_while(|w| w.span.end <= clause.end);
    let (first, second) = (lead.next(), lead.next());
    let participle = first.is_some_and(|w| {
        w.lower.len() > 5
            && w.lower.ends_with("ing")
            && sentence[w.span.clone()].starts_with(|c: char| c.is_lowercase())
            && !NOT_PARTICIPLES.contains(&w.lower.as_str())
    });
    let relative = |w: Option<&Token>| w.is_some_and(|w| RELATIVES.contains(&w.lower.as_str()));
    let prepositional = first.is_some_and(|w| PREPOSITIONS.contains(&w.lower.as_str()));
    // "1,300 are unaccounted for, down from around 2,000": the earlier figure is the clause before's
    let earlier = first.zip(second).is_some_and(|(first, second)| {
        ["up", "down"].contains(&first.lower.as_str()) && second.lower == "from"
    });
    let passive = first.zip(second).is_some_and(|(first, second)| {
        past_participle(&sentence[first.span.clone()])
            && PASSIVE_FOLLOWERS.contains(&second.lower.as_str())
    });
    match participle || passive || earlier || relative(first) || (prepositional && relative(second))
    {
        true => clauses_before(sentence, words, dates, clause),
        false => Vec::new(),
    }
}

/// Prepositions: they may lead a relative pronoun ("during which", "under whose") or open a phrase after a noun
/// ("1,500 in Syria").
pub const PREPOSITIONS: &[&str] = &[
    "during", "under", "in", "by", "after", "through", "with", "for", "from", "at", "of", "on",
];

/// The clause before `clause` and the sentence's first clause: where the subject of a clause that has none of its
/// own stands. Empty when `clause` opens the sentence.
pub fn clauses_before(
    sentence: &str,
    words: &[Token],
    dates: &[Range<usize>],
    clause: &Range<usize>,
) -> Vec<Range<usize>> {
    let Some(before) = words.iter().rfind(|w| w.span.end <= clause.start) else {
        return Vec::new();
    };
    vec![
        clause_around(sentence, before.span.clone(), dates),
        clause_around(sentence, words[0].span.clone(), dates),
    ]
}

/// The bytes from `n` words before `anchor` to `n` words after it.
fn near_window(words: &[Token], anchor: &Range<usize>, n: usize) -> Range<usize> {
    let first = words
        .iter()
        .position(|t| t.span.end > anchor.start)
        .unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|t| t.span.start < anchor.end)
        .unwrap_or(0);
    let start = words
        .get(first.saturating_sub(n))
        .map_or(anchor.start, |t| t.span.start);
    let end = words
        .get((last + n).min(words.len().saturating_sub(1)))
        .map_or(anchor.end, |t| t.span.end);
    start.min(anchor.start)..end.max(anchor.end)
}

/// The words of a whole sentence.
pub fn sentence_words(sentence: &str) -> Vec<Token> {
    tokens(sentence, 0..sentence.len())
}

/// How many judged sentences [`judged_sentence_words`] remembers the words of, per thread.
const REMEMBERED_SENTENCES: usize = 4;

/// The words of a whole sentence whose candidate is being judged: remembered per thread for the last few
/// sentences, since the candidates of every pattern of a claim in one sentence are judged one after another, and
/// each judgement cuts the whole sentence into words.
pub fn judged_sentence_words(sentence: &str) -> Rc<[Token]> {
    thread_local! {
        static RECENT: RefCell<RecentSentences<[Token]>> =
            const { RefCell::new(RecentSentences::new(REMEMBERED_SENTENCES)) };
    }
    RECENT
        .with_borrow_mut(|recent| recent.get_or_read(sentence, || sentence_words(sentence).into()))
}

/// The words of `text` from its start, one at a time: for the word or few after a figure or an event, without
/// cutting the rest of the sentence into words.
pub fn leading_words(text: &str) -> impl Iterator<Item = Token> + '_ {
    words_from(text, 0..text.len())
}

/// The bracketed classes of the generated patterns' word gaps, which case folding leaves as they are: `\w` holds
/// both cases of every letter it holds, and the marks have none. Under `(?i)` the parser folds a bracketed class
/// range by range (a third of a millisecond for one of these, more than the rest of a pattern), so they are parsed
/// with folding off, which gives the same syntax ([`parsed_caseless`]).
const CASELESS_CLASSES: &[&str] = &[r"[\w'’-]", r"[\w.-]", r"[\w.'’-]"];

/// `text` with each of [`CASELESS_CLASSES`] parsed without case folding: the same pattern, parsed sooner.
fn parsed_caseless(text: &str) -> String {
    CASELESS_CLASSES
        .iter()
        .fold(text.to_string(), |text, class| {
            text.replace(class, &format!("(?-i:{class})"))
        })
}

/// Compiles a pattern generated from a claim's words, as rule patterns are compiled: case-insensitive.
pub fn compile(pattern: &str, field: &'static str) -> Result<RulePattern, FieldProblem> {
    let text = format!("(?i){pattern}");
    let problem = |message: String| FieldProblem { field, message };
    let hir: Hir = regex_syntax::Parser::new()
        .parse(&parsed_caseless(&text))
        .map_err(|e| problem(format!("the words do not make a pattern: {e}")))?;
    RulePattern::from_hir(text, hir)
        .map_err(|e| problem(format!("the words make too large a pattern: {e}")))
}

/// A required list, or the problem of its absence.
pub fn required<'a>(
    list: &'a [String],
    field: &'static str,
    kind: &str,
) -> Result<&'a [String], FieldProblem> {
    if list.iter().all(|w| w.trim().is_empty()) {
        Err(FieldProblem {
            field: "kind",
            message: format!("a {kind} claim in words needs at least one entry in `{field}`"),
        })
    } else {
        Ok(list)
    }
}

/// The problem of a claim written both in words and as `patterns`.
pub fn both_forms(kind: &str, field: &str) -> FieldProblem {
    FieldProblem {
        field: "patterns",
        message: format!(
            "a {kind} claim is written either in words (`{field}`, ...) or as `patterns`, not both: \
             keep the patterns in a claim of their own"
        ),
    }
}

/// The problem of a claim written neither in words nor as `patterns`.
pub fn neither_form(kind: &str, field: &str) -> FieldProblem {
    let patterns = if kind == "polarity" {
        "`affirm` and `deny`"
    } else {
        "`patterns`"
    };
    FieldProblem {
        field: "kind",
        message: format!(
            "a {kind} claim needs its words (at least one entry in `{field}`) or {patterns}"
        ),
    }
}

/// `range` moved by `by` bytes.
pub fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// `range` moved back by `by` bytes.
pub fn unshift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start - by..range.end - by
}

/// The smallest range that holds both.
pub fn union(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_classes_parse_as_folded() {
        let word = format!(
            "{}{}",
            super::quantity::BETWEEN_WORDS,
            super::quantity::WORD
        );
        let gaps = [
            word.as_str(),
            r"(?:\s+[\w.-]+){0,2}",
            r"(?:[\w.'’-]+\s+){0,3}troops?",
        ];
        for gap in gaps {
            let text = format!("(?i)Niger{gap}US");
            let parse = |text: &str| regex_syntax::Parser::new().parse(text).unwrap();
            assert_ne!(parsed_caseless(&text), text);
            assert_eq!(parse(&parsed_caseless(&text)), parse(&text), "{gap}");
        }
    }

    fn conditions(of: &[&str], not_of: &[&str], unless: &[&str], scope: &[&str]) -> Conditions {
        let list = |l: &[&str]| l.iter().map(|w| w.to_string()).collect();
        Conditions::new(&WordFields {
            of: list(of),
            not_of: list(not_of),
            unless_near: list(unless),
            scope: list(scope),
            ..WordFields::default()
        })
    }

    fn judge(c: &Conditions, sentence: &str, anchor: &str) -> Result<Scope, String> {
        let at = sentence.find(anchor).unwrap();
        let anchor = at..at + anchor.len();
        let words = sentence_words(sentence);
        let region = region(sentence, anchor.clone(), &[]);
        c.check(sentence, &words, &region, &anchor)
    }

    #[test]
    fn of_must_stand_in_the_clause() {
        let c = conditions(&["US"], &[], &[], &[]);
        assert_eq!(judge(&c, "US troops number 1,000", "1,000"), Ok(None));
        let refused = judge(&c, "US officials met, and 1,000 troops left", "1,000").unwrap_err();
        assert!(
            refused.starts_with("no `of` word (US) in the clause"),
            "{refused}"
        );
    }

    #[test]
    fn near_widens_the_clause() {
        let mut c = conditions(&["US"], &[], &[], &[]);
        c.near = Some(4);
        assert_eq!(
            judge(&c, "US officials said, 1,000 troops left", "1,000"),
            Ok(None)
        );
    }

    #[test]
    fn not_of_and_unless_near_refuse_in_the_clause_only() {
        let c = conditions(&[], &["French"], &["killed"], &[]);
        let refused = judge(&c, "French troops numbering 1,500 left", "1,500").unwrap_err();
        assert!(refused.contains("`not_of`: French"), "{refused}");
        assert!(judge(&c, "4 soldiers were killed", "4").is_err());
        assert_eq!(
            judge(&c, "1,000 troops remain, French officials said", "1,000"),
            Ok(None)
        );
    }

    #[test]
    fn a_scene_setting_opener_belongs_to_every_clause() {
        let c = conditions(&[], &["Mali"], &[], &[]);
        assert!(judge(
            &c,
            "In neighbouring Mali, the army took power in 2020",
            "took"
        )
        .is_err());
    }

    #[test]
    fn scope_words_name_the_part() {
        let c = conditions(&[], &[], &[], &["at the plant", "remaining"]);
        assert_eq!(
            judge(&c, "about 150 staff remain at the plant", "150"),
            Ok(Some("at the plant".to_string()))
        );
        assert_eq!(judge(&c, "the company has 900 staff", "900"), Ok(None));
    }
}
