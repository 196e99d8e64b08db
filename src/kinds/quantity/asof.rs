//! The time of a figure: which date phrase of its sentence governs it, and whether the wording presents it as a
//! revision, an earlier value or the current one.
//!
//! A sentence of a news report often holds several date phrases, and most belong to other events. In "Washington
//! agreed in April to withdraw its roughly 1,000 troops, after the junta that took power in July 2023 ended the
//! accord" the troops are counted as of April, not July 2023; in "The quake struck late on Friday, killing at least
//! 410 people", read on Saturday, the toll is Saturday's, not Friday's. Taking the first date phrase of the sentence
//! puts such figures in the wrong window, and a rising toll then looks like a contradiction.
//!
//! # Design
//!
//! Pure functions over one sentence, without a parser: trigger words and their scope, in the manner of NegEx and
//! HeidelTime. The caller finds the spans (the figure's match, the date phrases, the mentions of other claims, all
//! byte ranges into the sentence, on character boundaries); this module only decides, and every decision carries
//! the words that made it, so that `explain` can say why.
//!
//! ## Clause boundaries
//!
//! A sentence is cut at semicolons, at dashes set off by spaces (or em dashes), and at commas; commas inside a
//! number ("2,000"), a date phrase or the figure's match are not cuts. A comma is named by the word after it:
//!
//! | after the comma | boundary | example |
//! | --- | --- | --- |
//! | a participle from a short list | [`Boundary::Participle`] | ", killing at least 410 people" |
//! | and, but, or, yet, so, nor | [`Boundary::Conjunction`] | ", and rescuers found 300 more" |
//! | which, who, whom, whose, where | [`Boundary::Relative`] | ", which began in May" |
//! | after, before, since, while, when, as, because, ... | [`Boundary::Subordinator`] | ", after the coup in July" |
//! | anything else | [`Boundary::Comma`] | ", officials said" |
//!
//! A pair of cuts whose second is a plain comma encloses a parenthetical (", which had stood at 500,"; ", citing
//! hospital data,"), and so does a pair of dashes: the clause around it goes on after it.
//!
//! ## Which date governs ([`governing_date`])
//!
//! Each date phrase is judged on its own, in this order; the first rule that applies decides.
//!
//! 1. A date inside another claim's mention (the `excluded` spans) belongs to that claim.
//! 2. A deadline ("by", "until", "no later than", "before the end of") in a clause that states a plan, an order or
//!    a future ("will", "agreed", "ordered", "plans") dates that action, not the count: "agreed to withdraw its
//!    1,000 troops by September 15".
//! 3. Unless an as-of cue precedes it (rule 7), a date that opens a period ("since July 2023", "from March") or
//!    names another event ("Friday's earthquake", "the July 26 coup", a headline's "after Jan. 1 Noto Peninsula
//!    Earthquake") is refused; "the September 10 toll" is not another event, because a toll, count or figure is
//!    what is counted.
//! 4. A date that follows another number of the sentence by at most two words, none of them a function word,
//!    belongs to that number: "rose from 300 on Friday to 2,960", "down from 1,500 troops in 2023"; not in "was
//!    2,000 and on September 12 rose to 2,300".
//! 5. Scanning leftwards from the date to the start of its clause (or to the figure, when the figure comes first),
//!    the nearest trigger word decides: a relative pronoun ("the junta that took power in July 2023"; "that" after
//!    a verb of saying, a verb in the past or a preposition is not one: "officials said that in April ...",
//!    "rejected that offer on Sept. 12"), a preposition that names another event
//!    ("after the coup in July", "since the coup in 2023"), or a subordinator ("when the junta seized power in July
//!    2023"). A "when" that opens the sentence is the exception: its clause dates the main clause, like "at the
//!    time of" ("When the junta seized power in July 2023, France had about 1,500 troops there").
//! 6. A date inside the figure's match governs: "the toll as of September 10 was 2,000".
//! 7. Otherwise the date governs when nothing but parentheticals separates it from the figure: it is attached to
//!    the verb of the figure's own clause ("the ministry in April ordered the plant to cut its nearly 900 jobs"). A
//!    plain comma is crossed in three cases: the date opens the sentence ("In 2023, there were about 900 staff"), an
//!    as-of cue introduces it ("as of", "as at", "at the time of", "by": "The toll, as of Sunday, was 2,000"), or it
//!    sits in a trailing clause of saying ("At least 2,000 people have died, the ministry said on Sunday"). Any
//!    other boundary means another clause: "The quake struck late on Friday, killing at least 410 people". For an
//!    event, a date right after a trailing word of saying or of issuing a report, or in a trailing clause of
//!    saying, dates the statement and is refused: "The dam burst, officials said on Monday", ", the county said in
//!    a statement late Wednesday".
//!
//! Of the dates that govern, one inside the match wins, else the one nearest to the figure. When none governs, the
//! result is `None` and the caller uses the publication date.
//!
//! ## Earlier, update or current ([`relation`])
//!
//! The words right before the figure's value, then right after it, then in its clause decide:
//!
//! - **Earlier**: "an earlier toll of", "a previous figure of", "up from", "down from", "rose from" (the first
//!   figure of "rose from 300 to 2,960"), "from X to Y", "had stood at", "had been", "compared with"; "initially",
//!   "originally", "previously", "at first" in the clause; a sentence that opens with "Before", "Prior to" or
//!   "Until" ("Before the coup there were about 1,500 troops"); "before the *event*" after the figure in a clause
//!   with no plan or future.
//! - **Update**: "rose to", "has risen to", "climbed to", "jumped to", "increased to", "fell to" (a revision
//!   down is a revision too), "rose from 300 to", "now stands at", "is now", "revised up to", "has reached",
//!   "brought the toll to", "bringing the total to"; a figure followed by "up from" or "down from".
//! - **Current** otherwise.
//!
//! ## What the caller does with the two ([`as_of`])
//!
//! - The as-of of a figure is its governing date, whatever its relation: "had stood at 500 on Saturday" is as of
//!   Saturday, "rose to 740 on Sunday" as of Sunday.
//! - Without a governing date, a `Current` figure is as of the publication.
//! - Without a governing date, an `Earlier` figure is as of an open range that ends at the publication: it held at
//!   some time before the report, which is what "had stood at", "an earlier toll of" and "before the coup" say.
//! - Without a governing date, an `Update` figure is as of the publication moment, and later than every `Earlier`
//!   or `Current` figure of the same report: "has risen to 740" supersedes "an earlier toll of more than 500" even
//!   within one day, so the two are a change, not a conflict.
//!
//! # Limits
//!
//! No parser stands behind these rules, so the shapes that fool them are predictable:
//!
//! - A relative clause without commas is taken to end at its date: in "the junta that in July expelled 1,000
//!   troops" the date is refused, though it dates the expulsion the figure counts.
//! - A date on the verb of the figure's own clause governs even when it dates the event rather than the count: in
//!   "At least 2,000 people died on Friday, officials said on Sunday" Friday is nearer and wins, though the toll is
//!   Sunday's.
//! - A date attached to a noun, not a verb, is not told apart: in "300,000 people were affected by the quake on
//!   Friday" Friday governs, though it dates the quake.
//! - A comma splice or a parenthetical without its closing comma reads as another clause: "On Sunday officials,
//!   citing hospitals said 2,000 had died" refuses Sunday.
//! - Inside the match nothing is cut, so a match that spans two figures ("rose from 300 on Friday to 2,960") gives
//!   its date to both.
//! - The participle and subordinator lists are short: ", displacing thousands" is a participle, ", sweeping away
//!   homes" is read as a plain comma.
//! - Relation triggers are read next to the value only: "the figure officials gave on Saturday, 500, was revised"
//!   is `Current` for 500.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::kinds::date::{month, weekday};

// ----------------------------------------------------------------------------------------------------------------
// Public API: attribution
// ----------------------------------------------------------------------------------------------------------------

/// Which of the sentence's date phrases governs a figure, and why each of the others does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The governing date, if any; `None` means the publication date governs.
    pub governing: Option<Governing>,
    /// Every date not chosen, in the order of the caller's list, with the reason.
    pub rejected: Vec<Rejection>,
}

impl Attribution {
    /// The index, in the caller's list, of the governing date.
    pub fn date(&self) -> Option<usize> {
        self.governing.as_ref().map(|g| g.date)
    }

    /// The reason the date at `index` of the caller's list was not chosen; `None` for the governing date.
    pub fn reason(&self, index: usize) -> Option<&Reason> {
        self.rejected
            .iter()
            .find(|r| r.date == index)
            .map(|r| &r.reason)
    }
}

/// The date that governs a figure, and the cue that ties them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Governing {
    /// Index in the caller's list of dates.
    pub date: usize,
    /// What ties the date to the figure.
    pub cue: Cue,
}

/// What ties a governing date to its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// The date is inside the figure's match: "the toll as of September 10 was 2,000".
    InsideMatch,
    /// "as of" or "as at" introduces the date.
    AsOf,
    /// "at the time of" introduces the date or the event it dates.
    AtTheTimeOf,
    /// "by" introduces the date: "By Sunday, the toll had risen to 2,000".
    By,
    /// The date opens the sentence and a comma closes it: "In 2023, there were about 900 staff".
    FrontedAdverbial,
    /// The date is attached to the verb of the figure's clause: "agreed in April to withdraw its 1,000 troops".
    SameClause,
    /// The date is in a trailing clause of saying: "..., the ministry said on Sunday".
    ReportingClause,
    /// The date names the event itself: "the July 2023 coup", "the junta's March 16 decision to revoke".
    Attributive,
}

impl Cue {
    /// The cue in words, for people.
    pub fn describe(&self) -> &'static str {
        match self {
            Cue::InsideMatch => "inside the figure's match",
            Cue::AsOf => "introduced by 'as of'",
            Cue::AtTheTimeOf => "introduced by 'at the time of'",
            Cue::By => "introduced by 'by'",
            Cue::FrontedAdverbial => "opens the sentence and governs its main clause",
            Cue::SameClause => "in the figure's clause",
            Cue::ReportingClause => "dates the statement that gives the figure",
            Cue::Attributive => "names the event ('the July 2023 coup')",
        }
    }
}

/// A date that does not govern the figure, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Index in the caller's list of dates.
    pub date: usize,
    /// Why the date does not govern.
    pub reason: Reason,
}

/// Why a date phrase does not govern the figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The date is inside the mention of another claim.
    OtherMention,
    /// The date is the deadline of a planned or ordered action: "agreed to withdraw ... by September 15".
    Deadline {
        /// The date phrase.
        phrase: String,
    },
    /// The date dates another event: the words that attach it ("since", "after", "Friday's earthquake").
    OtherEvent {
        /// The trigger words.
        trigger: String,
    },
    /// The date follows another figure of the sentence: "up from 500 on Saturday".
    OtherFigure {
        /// The other figure as written.
        figure: String,
    },
    /// The date is in a relative clause: "the junta that took power in July 2023".
    RelativeClause {
        /// The relative pronoun.
        pronoun: String,
    },
    /// The date is in a subordinate clause that does not hold the figure: "when the junta seized power in July".
    SubordinateClause {
        /// The subordinator.
        trigger: String,
        /// Whether the clause comes after the figure.
        after_figure: bool,
    },
    /// A clause boundary separates the date from the figure.
    OtherClause(Boundary),
    /// The date is in a trailing clause of saying, which dates a statement, not the event it reports: "The floods
    /// swept the city, officials said on Monday".
    Statement,
    /// The date could govern, but another one is nearer to the figure or inside its match.
    Outranked {
        /// Index in the caller's list of the date that governs.
        by: usize,
    },
}

impl Reason {
    /// The reason in words, for people: "belongs to a relative clause ('that')".
    pub fn describe(&self) -> String {
        match self {
            Reason::OtherMention => "inside another claim's mention".to_string(),
            Reason::Deadline { phrase } => {
                format!("the deadline of a planned action ('{phrase}'), not the time of the figure")
            }
            Reason::OtherEvent { trigger } => format!("attached to another event: '{trigger}'"),
            Reason::OtherFigure { figure } => format!("attached to another figure: '{figure}'"),
            Reason::RelativeClause { pronoun } => {
                format!("belongs to a relative clause ('{pronoun}')")
            }
            Reason::SubordinateClause {
                trigger,
                after_figure,
            } => {
                let side = if *after_figure { "after" } else { "before" };
                format!("{side} the figure in a subordinate clause ('{trigger}')")
            }
            Reason::OtherClause(boundary) => format!("in another clause ({})", boundary.describe()),
            Reason::Statement => {
                "dates the statement that reports the event, not the event".to_string()
            }
            Reason::Outranked { .. } => {
                "another date governs: inside the match or nearer to the figure".to_string()
            }
        }
    }
}

/// A place where one clause may end and another begin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Boundary {
    /// A semicolon.
    Semicolon,
    /// A dash set off by spaces, or an em dash.
    Dash,
    /// A comma followed by nothing that names the next clause.
    Comma,
    /// A comma and a participle: ", killing".
    Participle(String),
    /// A comma and a coordinating conjunction: ", and".
    Conjunction(String),
    /// A comma and a relative pronoun: ", which".
    Relative(String),
    /// A comma and a subordinator: ", after".
    Subordinator(String),
}

impl Boundary {
    /// The boundary in words: "after a comma and a participle ('killing')".
    pub fn describe(&self) -> String {
        match self {
            Boundary::Semicolon => "after a semicolon".to_string(),
            Boundary::Dash => "after a dash".to_string(),
            Boundary::Comma => "after a comma".to_string(),
            Boundary::Participle(w) => format!("after a comma and a participle ('{w}')"),
            Boundary::Conjunction(w) => format!("after a comma and '{w}'"),
            Boundary::Relative(w) => format!("after a comma and a relative pronoun ('{w}')"),
            Boundary::Subordinator(w) => format!("after a comma and a subordinator ('{w}')"),
        }
    }

    /// True for the boundaries that may open a parenthetical closed by a plain comma.
    fn opens_parenthetical(&self) -> bool {
        !matches!(
            self,
            Boundary::Semicolon | Boundary::Dash | Boundary::Conjunction(_)
        )
    }
}

/// Which of `dates` governs the figure at `figure` (its whole match) in `sentence`.
///
/// All ranges are byte ranges into `sentence`. `dates` are the date phrases found in the sentence, qualifier
/// included as `DATE_PHRASE` matches them ("since July 2023", "by Sunday"); `excluded` are the spans of other
/// claims' mentions, whose dates belong to them. See the module documentation for the rules.
pub fn governing_date(
    sentence: &str,
    figure: Range<usize>,
    dates: &[Range<usize>],
    excluded: &[Range<usize>],
) -> Attribution {
    let scene = Scene::new(sentence, figure, dates, excluded);
    attribute(&scene, dates)
}

/// Which of `dates` governs an *event* named at `event` (a verb or noun of action, "revoked", "the coup") in
/// `sentence`: the date of that event, as date claims written in words bind it.
///
/// The rules of [`governing_date`] apply, with three differences. A deadline in a clause of a plan is the event's own
/// date here ("agreed to withdraw by September 15"), so rule 2 does not refuse it. And before any other rule, a date
/// that names the event itself governs (rule 0, [`Cue::Attributive`]): the date stands right before the event's
/// noun, with at most two modifiers, a comma or a possessive between ("the July 2023 coup", "Niger's July 26, 2023,
/// coup", "a Sept. 15 withdrawal deadline"), or before a noun of decision that governs the event ("the junta's
/// March 16 decision to revoke the accord"). And a relative clause right after the event's noun tells of the event
/// itself, so its date is not refused as another clause's ("the coup that took place in July 2023").
pub fn governing_event_date(
    sentence: &str,
    event: Range<usize>,
    dates: &[Range<usize>],
    excluded: &[Range<usize>],
) -> Attribution {
    let mut scene = Scene::new(sentence, event, dates, excluded);
    scene.event = true;
    attribute(&scene, dates)
}

/// The clause of `sentence` that holds `span` (bytes of `sentence`): from the cut before it to the cut after it,
/// the cuts of the module documentation; cuts inside `span` or inside a `protected` span (a date phrase) do not
/// count. A parenthetical inside the clause ends it: the clause of "troops" in "troops, which arrived in 2019, number
/// 1,000" is "troops".
pub fn clause_around(
    sentence: &str,
    span: Range<usize>,
    protected: &[Range<usize>],
) -> Range<usize> {
    let mut guarded = protected.to_vec();
    guarded.push(span.clone());
    let cuts = without_asides(clause_cuts(sentence, &guarded), &span);
    let start = cuts
        .iter()
        .map(|c| c.after)
        .rfind(|&after| after <= span.start)
        .unwrap_or(0);
    let end = cuts
        .iter()
        .map(|c| c.at)
        .find(|&at| at >= span.end)
        .unwrap_or(sentence.len());
    start..end.max(start)
}

/// `cuts` without the pairs of dashes that enclose an aside `span` is not in, nor the cuts inside that aside: "About 12,700 workers – 5,800 at one
/// plant, 3,600 at another – will be on strike" keeps "About 12,700 workers" and "will be on strike" in one clause.
fn without_asides(cuts: Vec<Cut>, span: &Range<usize>) -> Vec<Cut> {
    let dashes: Vec<usize> = (0..cuts.len())
        .filter(|&i| cuts[i].boundary == Boundary::Dash)
        .collect();
    let mut dropped = vec![false; cuts.len()];
    for pair in dashes.chunks_exact(2) {
        let (open, close) = (cuts[pair[0]].at, cuts[pair[1]].after);
        let inside = open <= span.start && span.end <= close;
        if !inside {
            dropped[pair[0]..=pair[1]].fill(true);
        }
    }
    cuts.into_iter()
        .zip(dropped)
        .filter_map(|(cut, dropped)| (!dropped).then_some(cut))
        .collect()
}

/// The most words a scene-setting opener may have ("On the Syrian side of the border, ...").
const SCENE_SETTER_WORDS: usize = 8;

/// The words that open `sentence` before its first comma when they are a short phrase led by a preposition ("In
/// neighbouring Mali, ..."): such a phrase sets the scene of every clause of the sentence. `None` otherwise.
pub fn scene_setter(sentence: &str) -> Option<Range<usize>> {
    let comma = sentence.find(',')?;
    // the first word, then at most as many more as the phrase may hold: a long opener is not cut into words whole
    let mut words = words_of(sentence, 0..comma);
    let first = words.next()?;
    (SCENE_PREPOSITIONS.contains(&first.lower.as_str())
        && words.take(SCENE_SETTER_WORDS).count() < SCENE_SETTER_WORDS)
        .then_some(0..comma)
}

/// The rules of [`governing_date`] over `scene`.
fn attribute(scene: &Scene, dates: &[Range<usize>]) -> Attribution {
    let mut candidates = Vec::new();
    let mut rejected = Vec::new();
    for (index, date) in dates.iter().enumerate() {
        match scene.judge(date) {
            Ok(cue) => candidates.push((scene.rank(date, cue), index, cue)),
            Err(reason) => rejected.push(Rejection {
                date: index,
                reason,
            }),
        }
    }
    candidates.sort_by_key(|&(rank, index, _)| (rank, index));
    let governing = candidates
        .first()
        .map(|&(_, date, cue)| Governing { date, cue });
    if let Some(winner) = &governing {
        rejected.extend(candidates.iter().skip(1).map(|&(_, date, _)| Rejection {
            date,
            reason: Reason::Outranked { by: winner.date },
        }));
        rejected.sort_by_key(|r| r.date);
    }
    Attribution {
        governing,
        rejected,
    }
}

// ----------------------------------------------------------------------------------------------------------------
// Public API: relation and as-of
// ----------------------------------------------------------------------------------------------------------------

/// How the wording places a figure in time against the other figures of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// A revision to a newer value: "has risen to 740", "2,000, up from 1,500".
    Update {
        /// The words that mark it, as written.
        trigger: String,
    },
    /// An earlier value: "an earlier toll of 500", "up from 1,500", "had stood at 500".
    Earlier {
        /// The words that mark it, as written.
        trigger: String,
    },
    /// Nothing marks the figure: it is the current value as of its date.
    Current,
}

impl Relation {
    /// The relation in words, for people: "an update ('has risen to')".
    pub fn describe(&self) -> String {
        match self {
            Relation::Update { trigger } => format!("an update ('{trigger}')"),
            Relation::Earlier { trigger } => format!("an earlier value ('{trigger}')"),
            Relation::Current => "the current value".to_string(),
        }
    }
}

/// The relation of the figure at `figure` (its value or whole match, a byte range into `sentence`) to the other
/// figures of its story, from the words around it. With a whole match, the value is its last number that is not a
/// year or a day of a month.
pub fn relation(sentence: &str, figure: Range<usize>) -> Relation {
    let value = value_span(sentence, &figure);
    let before = &sentence[..value.start];
    let after = &sentence[figure.end..];
    marked_before(before)
        .or_else(|| update_after(after))
        .or_else(|| earlier_from_to(before, after))
        .or_else(|| earlier_in_clause(sentence, &figure, value.start))
        .unwrap_or(Relation::Current)
}

/// The as-of of a figure, from its attribution and relation; the caller turns it into days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// The date at this index of the caller's list.
    Date(usize),
    /// The publication date.
    Publication,
    /// An open range that ends at the publication: the figure held at some time before the report.
    BeforePublication,
    /// The publication moment, later than every `Earlier` or `Current` figure of the same report.
    LatestAtPublication,
}

/// The as-of rule of the module documentation: the governing date, else what the relation says of the publication.
pub fn as_of(attribution: &Attribution, relation: &Relation) -> AsOf {
    match (attribution.date(), relation) {
        (Some(date), _) => AsOf::Date(date),
        (None, Relation::Current) => AsOf::Publication,
        (None, Relation::Earlier { .. }) => AsOf::BeforePublication,
        (None, Relation::Update { .. }) => AsOf::LatestAtPublication,
    }
}

// ----------------------------------------------------------------------------------------------------------------
// Word lists
// ----------------------------------------------------------------------------------------------------------------

/// Nouns of decision that govern the event they are followed by ("the March 16 decision to revoke the accord").
const DECISION_NOUNS: &[&str] = &[
    "decision",
    "move",
    "announcement",
    "order",
    "vote",
    "bid",
    "plan",
    "pledge",
    "promise",
];

/// Prepositions that open a sentence's scene-setting phrase ("In neighbouring Mali, ...", "Since the end of July,
/// ...": the time its figures count from).
const SCENE_PREPOSITIONS: &[&str] = &[
    "since",
    "during",
    "in",
    "on",
    "at",
    "across",
    "throughout",
    "for",
    "within",
    "inside",
];

/// Participles that open a clause after a comma in news prose.
const PARTICIPLES: &[&str] = &[
    "killing",
    "leaving",
    "bringing",
    "injuring",
    "wounding",
    "displacing",
    "raising",
    "pushing",
    "taking",
    "sending",
    "forcing",
    "prompting",
    "destroying",
    "damaging",
    "cutting",
    "reducing",
    "ending",
    "marking",
    "trapping",
    "citing",
    "including",
    "affecting",
];

/// Conjunctions that join two clauses after a comma.
const CONJUNCTIONS: &[&str] = &["and", "but", "or", "yet", "so", "nor"];

/// Relative pronouns; "that" is one too, unless it follows a verb of saying.
const RELATIVE_PRONOUNS: &[&str] = &["which", "who", "whom", "whose", "where"];

/// Prepositions that attach a date to another event.
const EVENT_PREPOSITIONS: &[&str] = &["after", "before", "following", "since", "until"];

/// Times of day: after "before" or "after" they are no other event ("just before dusk on Friday").
const TIMES_OF_DAY: &[&str] = &[
    "dawn",
    "dusk",
    "sunrise",
    "sunset",
    "daybreak",
    "nightfall",
    "noon",
    "midday",
    "midnight",
];

/// True when `text` opens with a clock time ("4 p.m.", "10:30 am", "9 o'clock"): after "before" or "after" it is
/// no other event ("shortly after 4 p.m. on New Year's Day").
fn clock_time_opens(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(&RE, || {
        r"^(?i)[0-9]{1,2}(?::[0-9]{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|o['’]clock\b)".to_string()
    })
    .is_match(text)
}

/// Subordinators that open a clause of another event ("as" only where it is one, see [`is_subordinating_as`]).
const SUBORDINATORS: &[&str] = &[
    "when", "while", "because", "although", "though", "once", "whereas", "if",
];

/// Words of issuing a report: a date right after them dates the report ("a report released on Saturday").
const ISSUING: &[&str] = &["released", "published", "issued", "updated", "revised"];

/// Words of saying: "that" after them is not a relative pronoun, and a clause with them dates a statement.
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "announced",
    "confirmed",
    "stated",
    "added",
    "estimated",
    "warned",
    "noted",
    "showed",
    "shows",
    "indicated",
    "acknowledged",
    "according",
];

/// Words of a plan, an order or a future: a deadline in their clause dates that action.
const PLANS: &[&str] = &[
    "will", "would", "shall", "must", "should", "plan", "plans", "planned", "agreed", "expected",
    "due", "pledged", "promised", "vowed", "intends", "aims", "ordered", "deadline",
];

/// Nouns for what is counted: a date that modifies them ("the September 10 toll") dates the count.
const COUNT_NOUNS: &[&str] = &[
    "toll", "figure", "figures", "count", "tally", "estimate", "total", "census", "number",
    "numbers",
];

/// Words that may open a sentence before a fronted date: "Earlier in April, ...", "But by Sunday, ...", "When the
/// junta seized power in July 2023, ...".
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "as",
    "during",
    "through",
    "throughout",
    "around",
    "late",
    "early",
    "earlier",
    "later",
    "then",
    "but",
    "and",
    "so",
    "yet",
    "still",
    "already",
    "even",
    "just",
    "shortly",
    "only",
    "also",
    "when",
];

/// Words after "as" that make it a comparison or a cue, not a subordinator.
const AS_NOT_SUBORDINATING: &[&str] = &[
    "of", "at", "many", "much", "few", "well", "part", "long", "soon", "high", "low", "little",
    "recently", "far",
];

/// Words that cannot be the noun a date modifies: "the July 26 coup" yes, "the May 2024 was" no.
const NOT_NOUNS: &[&str] = &[
    "and", "or", "to", "of", "in", "on", "at", "was", "were", "is", "are", "has", "had", "will",
    "that", "which", "when", "as", "for", "with", "by", "from",
];

/// Date qualifiers that state a deadline.
const DEADLINE_QUALIFIERS: &[&str] = &[
    "by ",
    "until ",
    "no later than",
    "not later than",
    "before the end of",
];

/// Date qualifiers that open a period.
const PERIOD_QUALIFIERS: &[&str] = &["since", "from"];

/// A number as news writes it: "650", "2,000", "1.5".
const NUMBER: &str = r"\d(?:[\d.,]*\d)?";

/// Qualifiers a figure may carry between a trigger and its value: "rose to more than 2,000".
const QUALIFIER: &str = r"(?:(?:about|around|roughly|nearly|almost|over|some|approximately|an\s+estimated|at\s+least|more\s+than|fewer\s+than|less\s+than|close\s+to|just\s+(?:over|under)|up\s+to)\s+)*";

/// Verbs of change, past or perfect: "rose", "has risen", "had now fallen".
const CHANGE_VERB: &str = r"(?:(?:has|have|had)\s+(?:now\s+)?)?(?:rose|risen|climbed|jumped|increased|grown|grew|surged|soared|spiked|doubled|tripled|quadrupled|fell|fallen|dropped|declined|decreased|shrunk|shrank|slipped|dipped|lowered|reduced)(?:\s+(?:sharply|further|again))?";

// ----------------------------------------------------------------------------------------------------------------
// Words and clause cuts
// ----------------------------------------------------------------------------------------------------------------

/// A word of the sentence, lowercased, with its byte range.
#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
    lower: String,
}

/// The words of `sentence[range]`, with ranges into `sentence`.
fn words_in(sentence: &str, range: Range<usize>) -> Vec<Word> {
    words_of(sentence, range).collect()
}

/// The last word of `sentence[..position]`, as [`words_in`] cuts them, without cutting the whole head of the
/// sentence into words: no word holds a space, so the words between two spaces are the same whichever of the
/// sentence's heads is cut, and the stretches between spaces are read from the last one back until one holds a word.
fn last_word_before(sentence: &str, position: usize) -> Option<Word> {
    let mut end = position;
    loop {
        let start = sentence[..end].rfind(' ').map_or(0, |at| at + 1);
        if let Some(word) = words_of(sentence, start..end).last() {
            return Some(word);
        }
        end = start.checked_sub(1)?;
    }
}

/// The words of `sentence[range]` one at a time: callers that need only the first stop there, without cutting the
/// rest of the sentence into words (each comma of a sentence asks for the word after it).
fn words_of(sentence: &str, range: Range<usize>) -> impl Iterator<Item = Word> + '_ {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = compiled(&RE, || r"\p{L}+(?:['’-]\p{L}+)*".to_string());
    let start = range.start;
    re.find_iter(&sentence[range]).map(move |m| Word {
        span: m.start() + start..m.end() + start,
        lower: m.as_str().to_lowercase(),
    })
}

/// The lowercased word that starts `text`, if any.
fn first_word(text: &str) -> Option<String> {
    words_of(text, 0..text.len())
        .next()
        .filter(|w| text[..w.span.start].trim().is_empty())
        .map(|w| w.lower)
}

/// The regex in `cell`, compiled from `pattern` on first use.
fn compiled(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("the as-of patterns are valid regexes"))
}

/// True when the two ranges share a byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A cut between clauses: the punctuation at `at..after`, named by the word after it.
#[derive(Debug, Clone)]
struct Cut {
    at: usize,
    after: usize,
    boundary: Boundary,
}

/// The cuts of `sentence`, leaving out those inside `protected` spans and thousands separators.
fn clause_cuts(sentence: &str, protected: &[Range<usize>]) -> Vec<Cut> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = compiled(&RE, || r"[;,]|\s+(?:--?|–|—)\s+|—".to_string());
    re.find_iter(sentence)
        .filter(|m| !protected.iter().any(|p| p.contains(&m.start())))
        .filter(|m| !is_thousands_separator(sentence, m.start()))
        .filter(|m| !joins_names(sentence, m.start()) && !closes_names(sentence, m.start()))
        .map(|m| Cut {
            at: m.start(),
            after: m.end(),
            boundary: name_boundary(m.as_str(), &sentence[m.end()..]),
        })
        .collect()
}

/// True for the comma of "2,000".
fn is_thousands_separator(sentence: &str, at: usize) -> bool {
    if !sentence[at..].starts_with(',') {
        return false;
    }
    let digit_before = sentence[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let digit_after = sentence[at + 1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    digit_before && digit_after
}

/// True for a comma between two names, a list or a place and its country ("the Turkey, Syria earthquake", "Derna,
/// Libya"): no clause ends there. A day's or month's name is no such name ("Saturday, February 18").
fn joins_names(sentence: &str, at: usize) -> bool {
    if !sentence[at..].starts_with(", ") {
        return false;
    }
    let capitalised = |word: Option<&str>| {
        word.is_some_and(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && month(&w.to_lowercase()).is_none()
                && weekday(&w.to_lowercase()).is_none()
        })
    };
    let before = sentence[..at].rsplit(char::is_whitespace).next();
    let after = sentence[at + 2..].split(char::is_whitespace).next();
    capitalised(before) && capitalised(after)
}

/// True for the comma that closes a place given with its region after a name ("struck Palu, Central Sulawesi, on
/// 28 September"): the words since the comma before are names, and that comma [`joins_names`].
fn closes_names(sentence: &str, at: usize) -> bool {
    if !sentence[at..].starts_with(',') {
        return false;
    }
    let Some(before) = sentence[..at].rfind(", ") else {
        return false;
    };
    let names = &sentence[before + 2..at];
    joins_names(sentence, before)
        && names
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// The boundary that `punctuation` makes, given the text after it.
fn name_boundary(punctuation: &str, rest: &str) -> Boundary {
    match punctuation {
        ";" => return Boundary::Semicolon,
        "," => {}
        _ => return Boundary::Dash,
    }
    let Some(word) = first_word(rest) else {
        return Boundary::Comma;
    };
    let is = |list: &[&str]| list.contains(&word.as_str());
    if is(PARTICIPLES) {
        Boundary::Participle(word)
    } else if is(CONJUNCTIONS) {
        Boundary::Conjunction(word)
    } else if is(RELATIVE_PRONOUNS) {
        Boundary::Relative(word)
    } else if is(EVENT_PREPOSITIONS) || is(SUBORDINATORS) || is_subordinating_as(&word, rest) {
        Boundary::Subordinator(word)
    } else {
        Boundary::Comma
    }
}

/// True when `word` (lower case), the first word of `rest`, opens a subordinate clause: a subordinator ("when",
/// "because") or an "as" that is one ([`is_subordinating_as`]).
pub fn opens_subordinate_clause(word: &str, rest: &str) -> bool {
    SUBORDINATORS.contains(&word) || is_subordinating_as(word, rest)
}

/// True when `word` is "as" opening a clause ("as rescuers searched"), not "as of", "as many as" nor "as" before a
/// participle or an adjective of a count ("listed as missing", "as expected").
fn is_subordinating_as(word: &str, rest: &str) -> bool {
    if word != "as" {
        return false;
    }
    let after_as = rest.trim_start().get(2..).unwrap_or("");
    first_word(after_as).is_some_and(|next| {
        let participle =
            next.ends_with("ed") || ["missing", "dead", "homeless"].contains(&next.as_str());
        !AS_NOT_SUBORDINATING.contains(&next.as_str()) && !participle
    })
}

/// The last cut that ends at or before `position`, as the start of the clause that holds it.
fn clause_start(cuts: &[Cut], position: usize) -> usize {
    cuts.iter()
        .map(|c| c.after)
        .rfind(|&after| after <= position)
        .unwrap_or(0)
}

/// Drops pairs of cuts that enclose a parenthetical: a cut that may open one followed by a plain comma, or two
/// dashes.
fn drop_parentheticals(path: &mut Vec<&Cut>) {
    let mut i = 0;
    while i + 1 < path.len() {
        let (open, close) = (&path[i].boundary, &path[i + 1].boundary);
        let comma_pair = open.opens_parenthetical() && *close == Boundary::Comma;
        let dash_pair = *open == Boundary::Dash && *close == Boundary::Dash;
        if comma_pair || dash_pair {
            path.drain(i..i + 2);
        } else {
            i += 1;
        }
    }
}

// ----------------------------------------------------------------------------------------------------------------
// Judging one date
// ----------------------------------------------------------------------------------------------------------------

/// A sentence with its figure and spans, cut into clauses once.
struct Scene<'a> {
    sentence: &'a str,
    figure: Range<usize>,
    dates: &'a [Range<usize>],
    excluded: &'a [Range<usize>],
    cuts: Vec<Cut>,
    /// True when the figure is an event whose own date is sought ([`governing_event_date`]).
    event: bool,
}

impl<'a> Scene<'a> {
    fn new(
        sentence: &'a str,
        figure: Range<usize>,
        dates: &'a [Range<usize>],
        excluded: &'a [Range<usize>],
    ) -> Self {
        let mut protected = dates.to_vec();
        protected.push(figure.clone());
        let cuts = clause_cuts(sentence, &protected);
        Scene {
            sentence,
            figure,
            dates,
            excluded,
            cuts,
            event: false,
        }
    }

    /// The cue that ties `date` to the figure, or the reason it is not tied.
    fn judge(&self, date: &Range<usize>) -> Result<Cue, Reason> {
        let inside = overlaps(date, &self.figure);
        if !inside && self.excluded.iter().any(|e| overlaps(e, date)) {
            return Err(Reason::OtherMention);
        }
        if self.event && self.names_event(date) {
            return Ok(Cue::Attributive);
        }
        if !self.event {
            if let Some(reason) = self.deadline_of_action(date) {
                return Err(reason);
            }
        }
        let cue = explicit_cue(self.sentence, date);
        if cue.is_none() {
            if let Some(reason) = other_event_of_phrase(self.sentence, date) {
                return Err(reason);
            }
        }
        let window = self.window_start(date)..date.start;
        if !inside {
            if let Some(reason) = self.other_figure(window.clone()) {
                return Err(reason);
            }
        }
        if !self.event && self.inside_reaching(date) {
            return Ok(Cue::SameClause);
        }
        if let Some(reason) = self.introducer(window) {
            return Err(reason);
        }
        if inside {
            return Ok(Cue::InsideMatch);
        }
        let path_cue = self.path_cue(date, cue.is_some())?;
        Ok(cue.unwrap_or(path_cue))
    }

    /// True when `date` stands between a verb of change and the "to" of the figure it reached: "the number of people
    /// unaccounted for after the earthquake more than tripled on Monday to 323" (the date is the figure's, whatever
    /// the words before the verb say).
    fn inside_reaching(&self, date: &Range<usize>) -> bool {
        static VERB_BEFORE: OnceLock<Regex> = OnceLock::new();
        static TO_AFTER: OnceLock<Regex> = OnceLock::new();
        if date.end > self.figure.start {
            return false;
        }
        let verb = compiled(&VERB_BEFORE, || format!(r"(?i)\b{CHANGE_VERB}\s*$"));
        let to = compiled(&TO_AFTER, || format!(r"(?i)^\s*,?\s*to\s+{QUALIFIER}$"));
        to.is_match(&self.sentence[date.end..self.figure.start])
            && verb.is_match(&self.sentence[..date.start])
    }

    /// Rule 0 of [`governing_event_date`]: the date stands right before the event's noun ("the July 2023 coup"),
    /// or before a noun of decision followed by "to" and the event ("the March 16 decision to revoke").
    fn names_event(&self, date: &Range<usize>) -> bool {
        if date.end > self.figure.start {
            return false;
        }
        let between = &self.sentence[date.end..self.figure.start];
        let words = words_in(self.sentence, date.end..self.figure.start);
        let lower: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
        let bare = between
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || "'’-".contains(c))
            || (lower.is_empty() && between.trim() == ",");
        let named = self.sentence[date.clone()]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let modifiers = lower.len() <= 2
            && lower.iter().all(|w| {
                !NOT_NOUNS.contains(w)
                    && !CONJUNCTIONS.contains(w)
                    && !["the", "a", "an", "its", "their"].contains(w)
            });
        let decision = matches!(lower.as_slice(), [noun, "to"] if DECISION_NOUNS.contains(noun));
        named && bare && (modifiers || decision)
    }

    /// How far `date` is from the figure: a date that names the event or lies inside the match first, then by the
    /// bytes between them.
    fn rank(&self, date: &Range<usize>, cue: Cue) -> (bool, usize) {
        let inside = overlaps(date, &self.figure) || cue == Cue::Attributive;
        let gap = if date.end <= self.figure.start {
            self.figure.start - date.end
        } else {
            date.start.saturating_sub(self.figure.end)
        };
        (!inside, gap)
    }

    /// True when `date` comes before the figure.
    fn date_first(&self, date: &Range<usize>) -> bool {
        date.end <= self.figure.start
    }

    /// Where the scan for `date`'s trigger words starts: its clause, or the figure's end if that is nearer.
    fn window_start(&self, date: &Range<usize>) -> usize {
        let clause = clause_start(&self.cuts, date.start);
        let figure_end = if self.figure.end <= date.start {
            self.figure.end
        } else {
            0
        };
        clause.max(figure_end)
    }

    /// Rule 2: a deadline in a clause of a plan, an order or a future.
    fn deadline_of_action(&self, date: &Range<usize>) -> Option<Reason> {
        let phrase = &self.sentence[date.clone()];
        let lower = phrase.to_lowercase();
        if !DEADLINE_QUALIFIERS.iter().any(|q| lower.starts_with(q)) {
            return None;
        }
        let start = clause_start(&self.cuts, date.start.min(self.figure.start));
        let end = date.end.max(self.figure.end);
        let planned = words_in(self.sentence, start..end)
            .iter()
            .any(|w| PLANS.contains(&w.lower.as_str()));
        planned.then(|| Reason::Deadline {
            phrase: phrase.to_string(),
        })
    }

    /// Rule 4: a number other than the figure, at most two words before the date.
    fn other_figure(&self, window: Range<usize>) -> Option<Reason> {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = compiled(&RE, || {
            format!(r"{NUMBER}(?:\s+\p{{L}}[\p{{L}}'’-]*){{0,2}}\s*$")
        });
        let found = re.find(&self.sentence[window.clone()])?;
        let number = number_at(self.sentence, window.start + found.start());
        let joined_by_nouns = words_in(self.sentence, number.end..window.end)
            .iter()
            .all(|w| {
                !NOT_NOUNS.contains(&w.lower.as_str()) && !CONJUNCTIONS.contains(&w.lower.as_str())
            });
        let elsewhere = joined_by_nouns
            && !overlaps(&number, &self.figure)
            && !self.dates.iter().any(|d| overlaps(d, &number));
        elsewhere.then(|| Reason::OtherFigure {
            figure: self.sentence[number].to_string(),
        })
    }

    /// Rule 5: the nearest relative pronoun, event preposition or subordinator before the date in its clause.
    fn introducer(&self, window: Range<usize>) -> Option<Reason> {
        let words = words_in(self.sentence, window.clone());
        let after_figure = window.start >= self.figure.end;
        for (i, word) in words.iter().enumerate().rev() {
            let w = word.lower.as_str();
            let relative = RELATIVE_PRONOUNS.contains(&w)
                || (w == "that" && !follows_saying(&words[..i]) && !follows_verb(&words[..i]));
            if relative && self.describes_event(word) {
                // "the coup that took place in July 2023": the relative clause tells of the event itself.
                return None;
            }
            if relative {
                return Some(Reason::RelativeClause {
                    pronoun: w.to_string(),
                });
            }
            let time_of_day = clock_time_opens(self.sentence[word.span.end..].trim_start())
                || words
                    .get(i + 1)
                    .is_some_and(|next| TIMES_OF_DAY.contains(&next.lower.as_str()));
            if EVENT_PREPOSITIONS.contains(&w) && !time_of_day {
                return Some(Reason::OtherEvent {
                    trigger: w.to_string(),
                });
            }
            let rest = &self.sentence[word.span.start..];
            let fronted_when =
                w == "when" && self.opens_sentence(word) && window.end <= self.figure.start;
            if opens_subordinate_clause(w, rest) && !fronted_when {
                return Some(Reason::SubordinateClause {
                    trigger: w.to_string(),
                    after_figure,
                });
            }
        }
        None
    }

    /// For an event: true when the relative pronoun `word` directly follows the event's noun ("the coup that took
    /// place in July 2023", "the takeover, which came in July"), so that its clause tells of the event itself.
    fn describes_event(&self, word: &Word) -> bool {
        self.event
            && word.span.start >= self.figure.end
            && self.sentence[self.figure.end..word.span.start]
                .chars()
                .all(|c| c.is_whitespace() || c == ',')
    }

    /// Rule 7: the cue for a date that nothing but parentheticals separates from the figure.
    fn path_cue(&self, date: &Range<usize>, explicit: bool) -> Result<Cue, Reason> {
        let date_first = self.date_first(date);
        let between = if date_first {
            date.end..self.figure.start
        } else {
            self.figure.end..date.start
        };
        let mut path: Vec<&Cut> = self
            .cuts
            .iter()
            .filter(|c| between.contains(&c.at))
            .collect();
        // "The floods swept the city, officials said on Monday": Monday is the statement's, not the event's (also
        // when the comma before the saying closes an aside: ", while thousands are missing, officials said", and
        // when words stand between: ", the county said in a statement on its website late Wednesday")
        if self.event
            && !date_first
            && !path.is_empty()
            && (self.dates_a_statement(date) || self.in_saying_clause(date))
        {
            return Err(Reason::Statement);
        }
        let fronted = date_first && self.is_fronted(date, path.first().copied());
        if fronted {
            path.remove(0);
        }
        // "The strike, which began on September 13": the relative clause tells of the event itself
        let of_the_event = |cut: &Cut| {
            matches!(cut.boundary, Boundary::Relative(_))
                && self.sentence[self.figure.end..cut.at].trim().is_empty()
        };
        if self.event && !date_first && path.len() == 1 && of_the_event(path[0]) {
            path.clear();
        }
        drop_parentheticals(&mut path);
        if let Some(cut) = path.iter().find(|c| c.boundary != Boundary::Comma) {
            return Err(Reason::OtherClause(cut.boundary.clone()));
        }
        match (path.is_empty(), fronted) {
            (true, true) => Ok(Cue::FrontedAdverbial),
            (true, false) => Ok(Cue::SameClause),
            (false, _) if explicit => Ok(Cue::SameClause),
            (false, _) if !date_first && self.in_saying_clause(date) => Ok(Cue::ReportingClause),
            (false, _) => Err(Reason::OtherClause(Boundary::Comma)),
        }
    }

    /// True when `date` opens the sentence and `comma` closes its adverbial: "In 2023, ...", "Earlier in April, ...".
    fn is_fronted(&self, date: &Range<usize>, comma: Option<&Cut>) -> bool {
        let Some(comma) = comma.filter(|c| c.boundary == Boundary::Comma) else {
            return false;
        };
        if self.cuts.iter().any(|c| c.at < date.start) {
            return false;
        }
        // the words before the date and between it and the comma are counted only as far as the limits
        let mut lead = words_of(self.sentence, 0..date.start);
        let lead_is_adverbial = lead.next().is_none_or(|first| {
            OPENERS.contains(&first.lower.as_str()) && lead.take(8).count() < 8
        });
        lead_is_adverbial && words_of(self.sentence, date.end..comma.at).take(4).count() <= 3
    }

    /// True when nothing but spaces and quotes stands before `word`.
    fn opens_sentence(&self, word: &Word) -> bool {
        words_of(self.sentence, 0..word.span.start).next().is_none()
    }

    /// True when `date` follows a word of saying or of issuing a report with at most one word in lower case between
    /// (names are the speaker): "officials said Monday", "a report released on Saturday", "said Prime Minister Ali
    /// Monday"; not "said that it would end by August".
    fn dates_a_statement(&self, date: &Range<usize>) -> bool {
        let clause = clause_start(&self.cuts, date.start)..date.start;
        let words = words_in(self.sentence, clause);
        let statement =
            |w: &Word| SAYING.contains(&w.lower.as_str()) || ISSUING.contains(&w.lower.as_str());
        let lower = |w: &Word| self.sentence[w.span.clone()].starts_with(char::is_lowercase);
        words
            .iter()
            .rposition(statement)
            .is_some_and(|at| words[at + 1..].iter().filter(|w| lower(w)).count() <= 1)
    }

    /// True when the clause of `date` has a word of saying: "the ministry said on Sunday".
    fn in_saying_clause(&self, date: &Range<usize>) -> bool {
        let clause = clause_start(&self.cuts, date.start)..date.start;
        words_of(self.sentence, clause).any(|w| SAYING.contains(&w.lower.as_str()))
    }
}

/// True when one of the last three `words` is a word of saying ("officials said that ...").
fn follows_saying(words: &[Word]) -> bool {
    words
        .iter()
        .rev()
        .take(3)
        .any(|w| SAYING.contains(&w.lower.as_str()))
}

/// True when the word before "that" is a verb in the past or a preposition, so that "that" is a determiner or
/// opens what was done, not a relative clause ("rejected that offer on Sept. 12", "decided that", "in that year"):
/// a relative "that" follows a noun.
fn follows_verb(words: &[Word]) -> bool {
    words.last().is_some_and(|w| {
        (w.lower.len() > 4 && w.lower.ends_with("ed"))
            || [
                "in", "on", "at", "of", "for", "with", "from", "by", "to", "during",
            ]
            .contains(&w.lower.as_str())
    })
}

/// The span of the number that starts at `start`.
fn number_at(sentence: &str, start: usize) -> Range<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = compiled(&RE, || format!("^{NUMBER}"));
    let len = re.find(&sentence[start..]).map_or(0, |m| m.end());
    start..start + len
}

/// An as-of cue right before the date: "as of", "as at", "at the time of", or the date's own "by". A time of day
/// may stand between the cue and the day it belongs to: "as of 2 p.m. on Sunday", "as at 6:00 local time Monday".
fn explicit_cue(sentence: &str, date: &Range<usize>) -> Option<Cue> {
    static AS_OF: OnceLock<Regex> = OnceLock::new();
    static AT_THE_TIME: OnceLock<Regex> = OnceLock::new();
    let as_of = compiled(&AS_OF, || {
        r"(?i)\bas\s+(?:of|at)(?:\s+(?:[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|h\b)|[0-9]{1,2}[:.][0-9]{2}|noon|midnight)(?:\s+local\s+time)?)?$"
            .to_string()
    });
    let at_the_time = compiled(&AT_THE_TIME, || {
        r"(?i)\bat\s+the\s+time(?:\s+of)?(?:\s+[\p{L}'’-]+){0,3}$".to_string()
    });
    let phrase = sentence[date.clone()].to_lowercase();
    if phrase.starts_with("by ") {
        let possessive = possessive_len(&sentence[date.end..]) > 0;
        return (!possessive).then_some(Cue::By);
    }
    let lead = lead_in(sentence, date, &phrase);
    if as_of.is_match(&lead) {
        Some(Cue::AsOf)
    } else if at_the_time.is_match(&lead) {
        Some(Cue::AtTheTimeOf)
    } else {
        None
    }
}

/// The text before `date`, with the date's opening "of" or "at" when it has one, so that "as of" is seen whole
/// whether the caller's span starts at "of" or after it.
fn lead_in(sentence: &str, date: &Range<usize>, phrase: &str) -> String {
    let before = sentence[..date.start].trim_end();
    match phrase.split_whitespace().next() {
        Some(p @ ("of" | "at")) => format!("{before} {p}"),
        _ => before.to_string(),
    }
}

/// Rule 3: a date that opens a period, or that modifies the noun of another event ("Friday's earthquake", "the
/// July 26 coup"); not one that modifies what is counted ("Sunday's death toll", "the September 10 figure").
fn other_event_of_phrase(sentence: &str, date: &Range<usize>) -> Option<Reason> {
    let phrase = sentence[date.clone()].trim();
    let opening = first_word(phrase)?;
    if PERIOD_QUALIFIERS.contains(&opening.as_str()) {
        return Some(Reason::OtherEvent { trigger: opening });
    }
    let rest = &sentence[date.end..];
    let possessive = &rest[..possessive_len(rest)];
    let following = words_in(rest, possessive.len()..rest.len());
    let noun = following.first()?;
    let counted = following
        .iter()
        .take(2)
        .any(|w| COUNT_NOUNS.contains(&w.lower.as_str()));
    // "the Jan. 1 earthquake"; in a headline, "after Jan. 1 Noto Peninsula Earthquake"
    let named = (follows_the(sentence, date.start) && starts_lower(rest))
        || ((follows_sequence(sentence, date.start) || SEQUENCE.contains(&opening.as_str()))
            && starts_word(rest));
    let attributive = named && !NOT_NOUNS.contains(&noun.lower.as_str());
    let attached = !counted && (!possessive.is_empty() || attributive);
    let article = if possessive.is_empty() { "the " } else { "" };
    attached.then(|| Reason::OtherEvent {
        trigger: format!("{article}{phrase}{possessive} {}", noun.lower),
    })
}

/// The byte length of a possessive "'s" or "’s" at the start of `rest`, else 0.
fn possessive_len(rest: &str) -> usize {
    if rest.starts_with("'s") {
        2
    } else if rest.starts_with("’s") {
        "’s".len()
    } else {
        0
    }
}

/// True when the word before `position` is "the".
fn follows_the(sentence: &str, position: usize) -> bool {
    last_word_before(sentence, position)
        .is_some_and(|w| w.lower == "the" && sentence[w.span.end..position].trim().is_empty())
}

/// Prepositions of sequence, whose object is an event: "after Jan. 1 Noto Peninsula Earthquake".
const SEQUENCE: &[&str] = &["after", "following"];

/// True when the word before `position` is a preposition of sequence ([`SEQUENCE`]).
fn follows_sequence(sentence: &str, position: usize) -> bool {
    last_word_before(sentence, position).is_some_and(|w| {
        SEQUENCE.contains(&w.lower.as_str()) && sentence[w.span.end..position].trim().is_empty()
    })
}

/// True when `rest` goes on with a space and a word.
fn starts_word(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_whitespace) && chars.next().is_some_and(char::is_alphabetic)
}

/// True when `rest` goes on with a space and a lowercase word.
fn starts_lower(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_whitespace) && chars.next().is_some_and(char::is_lowercase)
}

// ----------------------------------------------------------------------------------------------------------------
// Relation
// ----------------------------------------------------------------------------------------------------------------

/// The figure's value inside its match: the last number that is not a year or a day of a month, else the match.
fn value_span(sentence: &str, figure: &Range<usize>) -> Range<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = compiled(&RE, || NUMBER.to_string());
    re.find_iter(&sentence[figure.clone()])
        .map(|m| m.start() + figure.start..m.end() + figure.start)
        .filter(|span| !is_calendar_number(sentence, span))
        .last()
        .unwrap_or_else(|| figure.clone())
}

/// True for the year of "in 2023" and the day of "September 10".
fn is_calendar_number(sentence: &str, span: &Range<usize>) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    let text = &sentence[span.clone()];
    let year = text.len() == 4 && (text.starts_with("19") || text.starts_with("20"));
    let after_month = last_word_before(sentence, span.start).is_some_and(|w| {
        let prefix = w.lower.get(..3).unwrap_or(&w.lower);
        MONTHS.contains(&prefix)
            && sentence[w.span.end..span.start]
                .trim_matches(['.', ' '])
                .is_empty()
    });
    year || after_month
}

/// The noun phrase that may stand between "from" and an earlier figure, up to its "of": "down from the previous count
/// of 115", "down from estimates of about 1,000".
pub const EARLIER_NOUN: &str = r"(?:(?:(?:an?|the)\s+)?(?:(?:earlier|previous|prior|initial|original|first|official)\s+){0,2}(?:toll|figure|count|estimate|tally|total|number)s?\s+of)";

/// A trigger that ends right before the value: earlier wording first ("rose from"), then update wording ("rose
/// to", "rose from 300 to").
fn marked_before(before: &str) -> Option<Relation> {
    static EARLIER: OnceLock<Regex> = OnceLock::new();
    static UPDATE: OnceLock<Regex> = OnceLock::new();
    let earlier = compiled(&EARLIER, || {
        format!(
            r"(?i)\b(?P<t>(?:an?|the)\s+(?:earlier|previous|prior|initial|original|first)\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?:toll|figure|count|estimate|tally|total|number|report|assessment|offer|proposal|bid|contract|deal|version)s?\s+(?:of|was|had\s+been|stood\s+at|put\s+at|at)|(?:up|down)\s+from(?:\s+{EARLIER_NOUN})?|{CHANGE_VERB}\s+from|{CHANGE_VERB}\s+(?:to|at)\s+{QUALIFIER}{NUMBER},?\s+from|revised\s+(?:(?:up|down)(?:ward)?\s+)?from|had\s+(?:been|stood(?:\s+at)?|numbered|totall?ed)(?:\s+(?:put|estimated|given|reported)\s+(?:at|as))?|compared\s+(?:with|to))\s+{QUALIFIER}$"
        )
    });
    let update = compiled(&UPDATE, || {
        format!(
            r"(?i)\b(?P<t>(?:{CHANGE_VERB}\s+)?from\s+{QUALIFIER}{NUMBER}(?:\s+[\p{{L}}'’-]+){{0,4}}?\s+to|{CHANGE_VERB}\s+to|(?:now\s+(?:stands|stood|sits|is|totals|numbers|tops|exceeds)(?:\s+at)?|(?:is|are|stands)\s+now(?:\s+at)?|now\s+at)|revised\s+(?:(?:up|down)(?:ward)?\s+)?to|(?:has|have)\s+(?:now\s+)?reached|(?:brought|bringing|brings|raised|raising|pushed|pushing|took|taking|lifted|lifting)\s+(?:[\p{{L}}'’-]+\s+){{0,5}}?to)\s+{QUALIFIER}$"
        )
    });
    trigger_of(earlier, before)
        .map(|trigger| Relation::Earlier { trigger })
        .or_else(|| trigger_of(update, before).map(|trigger| Relation::Update { trigger }))
}

/// True when an update's `trigger` says the figure went down: "fell to", "revised down to", "down from", "dropped
/// to", "lowered to".
pub fn lowers(trigger: &str) -> bool {
    const DOWN: &[&str] = &[
        "fell",
        "fallen",
        "dropped",
        "declined",
        "decreased",
        "shrunk",
        "shrank",
        "slipped",
        "down",
        "downward",
        "lowered",
        "reduced",
        "dipped",
    ];
    trigger
        .split_whitespace()
        .any(|word| DOWN.contains(&word.to_lowercase().as_str()))
}

/// The text of group `t` of `re`'s match in `text`.
fn trigger_of(re: &Regex, text: &str) -> Option<String> {
    re.captures(text)
        .and_then(|c| c.name("t"))
        .map(|t| t.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// "2,000, up from 1,500": the figure before "up from" or "down from" is the update.
fn update_after(after: &str) -> Option<Relation> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = compiled(&RE, || {
        r"(?i)^(?:\s+[\p{L}'’-]+){0,2}?\s*,?\s*(?P<t>(?:up|down)\s+from)\b".to_string()
    });
    trigger_of(re, after).map(|trigger| Relation::Update { trigger })
}

/// "from 300 to 2,960": the figure after a bare "from" and before "to" and a number is the earlier one.
fn earlier_from_to(before: &str, after: &str) -> Option<Relation> {
    static FROM: OnceLock<Regex> = OnceLock::new();
    static TO: OnceLock<Regex> = OnceLock::new();
    let from = compiled(&FROM, || format!(r"(?i)\b(?P<t>from)\s+{QUALIFIER}$"));
    let to = compiled(&TO, || {
        format!(r"(?i)^(?:\s+[\p{{L}}'’-]+){{0,4}}?\s+to\s+{QUALIFIER}\d")
    });
    let trigger = trigger_of(from, before)?;
    to.is_match(after).then(|| Relation::Earlier {
        trigger: format!("{trigger} ... to"),
    })
}

/// Earlier wording anywhere in the figure's clause: "initially", a sentence that opens with "Before", or "before
/// the *event*" after the figure.
fn earlier_in_clause(sentence: &str, figure: &Range<usize>, value: usize) -> Option<Relation> {
    static WORDS: OnceLock<Regex> = OnceLock::new();
    static OPENING: OnceLock<Regex> = OnceLock::new();
    let words = compiled(&WORDS, || {
        r"(?i)\b(?P<t>initially|originally|previously|at\s+first)\b".to_string()
    });
    let opening = compiled(&OPENING, || {
        r"(?i)^\W*(?:(?:but|and)\s+)?(?P<t>before|prior\s+to|until)\b".to_string()
    });
    let cuts = clause_cuts(sentence, std::slice::from_ref(figure));
    let clause = clause_start(&cuts, value)..value;
    let hard_cut_before = cuts
        .iter()
        .any(|c| c.at < value && matches!(c.boundary, Boundary::Semicolon | Boundary::Dash));
    let earlier = |trigger| Relation::Earlier { trigger };
    trigger_of(words, &sentence[clause])
        .map(earlier)
        .or_else(|| {
            (!hard_cut_before)
                .then(|| trigger_of(opening, sentence))
                .flatten()
                .map(earlier)
        })
        .or_else(|| before_event_after(sentence, &cuts, figure).map(earlier))
}

/// "There were about 1,500 troops in Niger before the coup": "before the *event*" later in the figure's clause,
/// when nothing in it speaks of a plan or a future ("will leave before the rainy season").
fn before_event_after(sentence: &str, cuts: &[Cut], figure: &Range<usize>) -> Option<String> {
    let end = cuts
        .iter()
        .map(|c| c.at)
        .find(|&at| at >= figure.end)
        .unwrap_or(sentence.len());
    let start = clause_start(cuts, figure.start);
    let clause = words_in(sentence, start..end);
    if clause.iter().any(|w| PLANS.contains(&w.lower.as_str())) {
        return None;
    }
    let after: Vec<&Word> = clause
        .iter()
        .filter(|w| w.span.start >= figure.end)
        .collect();
    after.windows(3).find_map(|three| {
        let [before, article, noun] = three else {
            return None;
        };
        let is_event = before.lower == "before"
            && matches!(article.lower.as_str(), "the" | "its" | "their" | "a")
            && noun.lower != "end";
        is_event.then(|| sentence[before.span.start..noun.span.end].to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_between_names_is_no_cut_but_one_after_a_day_is() {
        let clause = |sentence: &str, word: &str| {
            let at = sentence.find(word).expect("the word is in the sentence");
            let clause = clause_around(sentence, at..at + word.len(), &[]);
            sentence[clause].trim().to_string()
        };
        let sentence = "The toll of the Karvia, Lorn quake nears 900.";
        assert_eq!(
            clause(sentence, "900"),
            "The toll of the Karvia, Lorn quake nears 900."
        );
        let sentence = "The quake that struck Tarsa, North Karvia, on 28 May destroyed homes.";
        assert_eq!(
            clause(sentence, "struck"),
            "The quake that struck Tarsa, North Karvia, on 28 May destroyed homes."
        );
        let sentence = "The ceremony was held on Saturday, Mayors said.";
        assert_eq!(
            clause(sentence, "ceremony"),
            "The ceremony was held on Saturday"
        );
        let sentence = "In Lorn, Karvia sent 900 troops.";
        assert_eq!(clause(sentence, "900"), "In Lorn, Karvia sent 900 troops.");
    }

    #[test]
    fn the_last_word_before_a_place_is_the_last_of_all_the_words_before_it() {
        let sentence = "On  Sept. 10 , l'armée’s 12 3 well-known -- x";
        for position in (0..=sentence.len()).filter(|&at| sentence.is_char_boundary(at)) {
            let last = words_in(sentence, 0..position)
                .pop()
                .map(|w| (w.span, w.lower));
            let found = last_word_before(sentence, position).map(|w| (w.span, w.lower));
            assert_eq!(found, last, "{position}");
        }
    }

    #[test]
    fn a_dash_after_a_digit_is_a_cut_not_a_thousands_separator() {
        let sentence = "The capital Niamey 2—…reports 1,000 troops.";
        let cuts = clause_cuts(sentence, &[]);
        assert!(
            cuts.iter().any(|c| c.boundary == Boundary::Dash),
            "{cuts:?}"
        );
        assert!(is_thousands_separator("a 1,000 b", 3));
    }
    use crate::kinds::date::DATE_PHRASE;

    /// The phrase of the date that governs the event `event` in `sentence`, if any.
    fn event_date(sentence: &str, event: &str) -> Option<String> {
        let at = sentence.find(event).unwrap();
        let dates = dates(sentence);
        governing_event_date(sentence, at..at + event.len(), &dates, &[])
            .date()
            .map(|i| sentence[dates[i].clone()].to_string())
    }

    #[test]
    fn a_date_right_after_a_word_of_saying_dates_the_statement_not_the_event() {
        for sentence in [
            "The dam burst above the town, officials said Monday.",
            "The dam burst, while hundreds fled, said Governor Ana Ruiz on Monday.",
            "The dam burst above the town, according to a report released Saturday.",
        ] {
            assert_eq!(event_date(sentence, "burst"), None, "{sentence}");
        }
        // the event's own date still governs, and a date in what is said is the event's
        assert_eq!(
            event_date("The dam burst on Sunday, officials said Monday.", "burst"),
            Some("on Sunday".to_string())
        );
        assert_eq!(
            event_date(
                "The repairs began, and officials said that they would be completed by Friday.",
                "completed"
            ),
            Some("by Friday".to_string())
        );
        // a figure's as-of is still the statement's date
        let toll = "At least 2,000 people have died, the ministry said on Sunday.";
        let dates = dates(toll);
        let at = toll.find("2,000").unwrap();
        assert!(governing_date(toll, at..at + 5, &dates, &[])
            .date()
            .is_some());
    }

    #[test]
    fn an_event_takes_the_date_that_names_it() {
        assert_eq!(
            event_date(
                "Relations soured after the July 2023 coup that toppled Bazoum.",
                "coup"
            ),
            Some("July 2023".to_string())
        );
        assert_eq!(
            event_date("Since Niger's July 26, 2023, coup, aid was cut.", "coup"),
            Some("July 26, 2023".to_string())
        );
        assert_eq!(
            event_date(
                "Talks began after the junta's March 16 decision to revoke the accord.",
                "revoke"
            ),
            Some("March 16".to_string())
        );
    }

    #[test]
    fn an_event_keeps_its_deadline_and_its_own_relative_clause() {
        assert_eq!(
            event_date(
                "The two sides agreed to withdraw the troops by September 15.",
                "withdraw"
            ),
            Some("by September 15".to_string())
        );
        assert_eq!(
            event_date(
                "Due to the coup that took place in July 2023, aid fell.",
                "coup"
            ),
            Some("in July 2023".to_string())
        );
        assert_eq!(
            event_date(
                "The union, which was founded in 1990, ended its deal.",
                "ended"
            ),
            None
        );
    }

    #[test]
    fn the_clause_around_a_span_ends_at_its_cuts() {
        let sentence = "Officials said 4,310 people died, 1,950 of them in the province.";
        let at = sentence.find("1,950").unwrap();
        let clause = clause_around(sentence, at..at + 5, &[]);
        assert_eq!(&sentence[clause], " 1,950 of them in the province.");
        assert_eq!(
            scene_setter("In neighbouring Mali, the army took power."),
            Some(0..20)
        );
        assert_eq!(scene_setter("The army, in Mali, took power."), None);
    }

    /// The date phrases of `sentence`, as the checker finds them.
    fn dates(sentence: &str) -> Vec<Range<usize>> {
        static RE: OnceLock<Regex> = OnceLock::new();
        compiled(&RE, || format!("(?i){DATE_PHRASE}"))
            .find_iter(sentence)
            .map(|m| m.range())
            .collect()
    }

    /// The span of the first `needle` in `sentence`.
    fn span(sentence: &str, needle: &str) -> Range<usize> {
        let start = sentence
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {sentence:?}"));
        start..start + needle.len()
    }

    fn attribute(
        sentence: &str,
        figure: &str,
        excluded: &[&str],
    ) -> (Attribution, Vec<Range<usize>>) {
        let found = dates(sentence);
        let excluded: Vec<_> = excluded.iter().map(|e| span(sentence, e)).collect();
        (
            governing_date(sentence, span(sentence, figure), &found, &excluded),
            found,
        )
    }

    /// The words of the date that governs `figure`, if any.
    fn governs<'a>(sentence: &'a str, figure: &str) -> Option<&'a str> {
        let (attribution, found) = attribute(sentence, figure, &[]);
        attribution.date().map(|i| &sentence[found[i].clone()])
    }

    /// The cue of the governing date.
    fn cue(sentence: &str, figure: &str) -> Cue {
        let (attribution, _) = attribute(sentence, figure, &[]);
        attribution.governing.expect("a governing date").cue
    }

    /// Why the date phrase that contains `date` does not govern `figure`.
    fn why_not(sentence: &str, figure: &str, date: &str) -> Reason {
        let (attribution, found) = attribute(sentence, figure, &[]);
        let at = span(sentence, date);
        let index = found
            .iter()
            .position(|d| overlaps(d, &at))
            .unwrap_or_else(|| panic!("no date phrase at {date:?}: {found:?}"));
        attribution.reason(index).cloned().expect("a rejected date")
    }

    fn relation_of(sentence: &str, figure: &str) -> Relation {
        relation(sentence, span(sentence, figure))
    }

    fn update(trigger: &str) -> Relation {
        Relation::Update {
            trigger: trigger.to_string(),
        }
    }

    fn earlier(trigger: &str) -> Relation {
        Relation::Earlier {
            trigger: trigger.to_string(),
        }
    }

    fn event(trigger: &str) -> Reason {
        Reason::OtherEvent {
            trigger: trigger.to_string(),
        }
    }

    // -------------------------------------------------------------------------------------------- governing dates

    const WITHDRAWAL: &str = "Washington agreed in April to withdraw its roughly 1,000 troops, after the junta that took power in July 2023 ended the accord.";

    #[test]
    fn the_date_on_the_main_verb_governs_not_the_coup_in_a_relative_clause() {
        assert_eq!(
            governs(WITHDRAWAL, "roughly 1,000 troops"),
            Some("in April")
        );
        assert_eq!(cue(WITHDRAWAL, "roughly 1,000 troops"), Cue::SameClause);
        let reason = why_not(WITHDRAWAL, "roughly 1,000 troops", "July 2023");
        assert_eq!(reason.describe(), "belongs to a relative clause ('that')");
    }

    #[test]
    fn a_participle_clause_cuts_the_quake_date_from_its_toll() {
        let sentence = "The quake struck late on Friday, killing at least 410 people.";
        assert_eq!(governs(sentence, "at least 410 people"), None);
        assert_eq!(
            why_not(sentence, "at least 410 people", "Friday").describe(),
            "in another clause (after a comma and a participle ('killing'))"
        );
    }

    #[test]
    fn a_date_inside_the_match_governs() {
        let sentence = "Officials said the toll as of September 10 was 2,000.";
        let figure = "toll as of September 10 was 2,000";
        assert_eq!(governs(sentence, figure), Some("of September 10"));
        assert_eq!(cue(sentence, figure), Cue::InsideMatch);
    }

    #[test]
    fn a_date_inside_the_match_wins_over_a_nearer_one_outside() {
        let sentence = "On Sunday the toll as of Saturday stood at 2,000.";
        assert_eq!(
            governs(sentence, "toll as of Saturday stood at 2,000"),
            Some("of Saturday")
        );
        assert_eq!(
            why_not(sentence, "toll as of Saturday stood at 2,000", "On Sunday"),
            Reason::Outranked { by: 1 }
        );
    }

    #[test]
    fn a_period_start_inside_the_match_does_not_govern() {
        let sentence = "The toll since Monday has risen to 2,000.";
        assert_eq!(
            governs(sentence, "toll since Monday has risen to 2,000"),
            None
        );
    }

    #[test]
    fn a_sentence_initial_adverbial_governs_the_main_clause() {
        let sentence = "In 2023, there were about 900 staff at the plant.";
        assert_eq!(governs(sentence, "about 900 staff"), Some("In 2023"));
        assert_eq!(cue(sentence, "about 900 staff"), Cue::FrontedAdverbial);
    }

    #[test]
    fn a_fronted_adverbial_may_open_with_an_adverb() {
        let sentence = "Earlier in April, the mission still counted 1,100 soldiers.";
        assert_eq!(governs(sentence, "1,100 soldiers"), Some("in April"));
    }

    #[test]
    fn a_fronted_adverbial_reaches_past_a_parenthetical_relative_clause() {
        let sentence =
            "On Sunday, officials said the toll, which had stood at 500, had risen to 740.";
        assert_eq!(governs(sentence, "740"), Some("On Sunday"));
        assert_eq!(cue(sentence, "740"), Cue::FrontedAdverbial);
    }

    #[test]
    fn a_fronted_adverbial_reaches_past_a_participle_between_commas() {
        let sentence = "On Sunday, the ministry, citing hospital records, put the toll at 2,012.";
        assert_eq!(governs(sentence, "2,012"), Some("On Sunday"));
    }

    #[test]
    fn a_date_on_the_verb_of_the_figures_clause_governs() {
        let sentence = "The ministry in April ordered the plant to cut its nearly 900 jobs.";
        assert_eq!(governs(sentence, "nearly 900 jobs"), Some("in April"));
    }

    #[test]
    fn by_before_a_toll_governs() {
        let sentence = "By Sunday, the toll had risen to 2,150.";
        assert_eq!(governs(sentence, "2,150"), Some("By Sunday"));
        assert_eq!(cue(sentence, "2,150"), Cue::By);
    }

    #[test]
    fn by_after_a_toll_governs() {
        let sentence = "The toll had climbed to 1,300 by Sunday evening.";
        assert_eq!(governs(sentence, "1,300"), Some("by Sunday"));
    }

    #[test]
    fn as_of_governs() {
        let sentence = "As of Monday, about 1,100 soldiers remained in the country.";
        assert_eq!(governs(sentence, "about 1,100 soldiers"), Some("of Monday"));
        assert_eq!(cue(sentence, "about 1,100 soldiers"), Cue::AsOf);
    }

    #[test]
    fn as_of_a_time_of_day_governs_across_the_clauses_after_it() {
        let sentence = "Officials say that as of 2 p.m. on Sunday, 221 people had died, with 24 others missing.";
        assert_eq!(governs(sentence, "221 people"), Some("on Sunday"));
        assert_eq!(governs(sentence, "24 others"), Some("on Sunday"));
        assert_eq!(cue(sentence, "24 others"), Cue::AsOf);
    }

    #[test]
    fn a_date_between_a_verb_of_change_and_its_to_is_the_figures() {
        let sentence =
            "The number of people missing after the earthquake more than tripled on Monday to 323.";
        assert_eq!(governs(sentence, "323"), Some("on Monday"));
        let after_the_event = "The number of people missing after the earthquake on Monday is 323.";
        assert_eq!(governs(after_the_event, "323"), None);
    }

    #[test]
    fn as_of_between_commas_governs() {
        let sentence = "The toll, as of Sunday, was 2,000.";
        assert_eq!(governs(sentence, "2,000"), Some("of Sunday"));
    }

    #[test]
    fn a_trailing_as_of_governs_across_its_comma() {
        let sentence = "The toll stood at 2,000, as of Sunday evening.";
        assert_eq!(governs(sentence, "2,000"), Some("of Sunday"));
        assert_eq!(cue(sentence, "2,000"), Cue::AsOf);
    }

    #[test]
    fn at_the_time_of_governs() {
        let sentence = "The camp held 12,000 displaced people at the time of the census in March.";
        assert_eq!(
            governs(sentence, "12,000 displaced people"),
            Some("in March")
        );
        assert_eq!(cue(sentence, "12,000 displaced people"), Cue::AtTheTimeOf);
    }

    #[test]
    fn at_the_time_of_a_possessive_date_governs() {
        let sentence = "The toll stood at 2,000 at the time of Sunday's briefing.";
        assert_eq!(cue(sentence, "2,000"), Cue::AtTheTimeOf);
    }

    #[test]
    fn a_trailing_clause_of_saying_dates_the_figure() {
        let sentence = "At least 2,000 people have died, the ministry said on Sunday.";
        assert_eq!(
            governs(sentence, "At least 2,000 people"),
            Some("on Sunday")
        );
        assert_eq!(cue(sentence, "At least 2,000 people"), Cue::ReportingClause);
    }

    #[test]
    fn according_to_is_a_clause_of_saying() {
        let sentence =
            "About 1,100 troops were still deployed, according to a Pentagon statement in May.";
        assert_eq!(governs(sentence, "About 1,100 troops"), Some("in May"));
    }

    #[test]
    fn a_trailing_comma_without_saying_is_another_clause() {
        let sentence = "At least 2,000 people have died, mostly on Friday.";
        assert_eq!(governs(sentence, "At least 2,000 people"), None);
        assert_eq!(
            why_not(sentence, "At least 2,000 people", "Friday"),
            Reason::OtherClause(Boundary::Comma)
        );
    }

    #[test]
    fn that_after_a_verb_of_saying_is_not_a_relative_pronoun() {
        let sentence = "Officials said that in April there were 1,000 troops.";
        assert_eq!(governs(sentence, "1,000 troops"), Some("in April"));
    }

    #[test]
    fn that_after_a_verb_in_the_past_or_a_preposition_is_not_a_relative_pronoun() {
        let sentence = "About 92% of the dockers rejected that offer on May 4.";
        assert_eq!(governs(sentence, "About 92%"), Some("on May 4"));
        let relative = "About 92% of the dockers rejected the offer that came on May 4.";
        assert_eq!(governs(relative, "About 92%"), None);
    }

    #[test]
    fn the_nearest_date_in_the_clause_wins() {
        let sentence = "The ministry said on Saturday that 1,200 people had died on Friday.";
        assert_eq!(governs(sentence, "1,200 people"), Some("on Saturday"));
        assert!(matches!(
            why_not(sentence, "1,200 people", "Friday"),
            Reason::Outranked { .. }
        ));
    }

    #[test]
    fn a_relative_clause_without_commas_keeps_its_date() {
        let sentence = "The junta that seized power in July 2023 expelled 1,500 French troops.";
        assert_eq!(governs(sentence, "1,500 French troops"), None);
    }

    #[test]
    fn a_relative_clause_between_commas_keeps_its_date() {
        let sentence = "The plant, which began operating in May, employs 900 people.";
        assert_eq!(governs(sentence, "900 people"), None);
        assert_eq!(
            why_not(sentence, "900 people", "May").describe(),
            "belongs to a relative clause ('which')"
        );
    }

    #[test]
    fn who_and_where_open_relative_clauses() {
        let who = "Rescuers who arrived on Saturday found 60 survivors.";
        assert_eq!(governs(who, "60 survivors"), None);
        let where_ =
            "About 1,100 US troops remain in Niger, where the junta seized power in July 2023.";
        assert_eq!(
            why_not(where_, "About 1,100 US troops", "July 2023"),
            Reason::RelativeClause {
                pronoun: "where".to_string()
            }
        );
    }

    #[test]
    fn since_attaches_a_date_to_another_event() {
        let sentence = "Troop numbers have fallen to 650 since July 2023.";
        assert_eq!(governs(sentence, "650"), None);
        assert_eq!(
            why_not(sentence, "650", "July 2023").describe(),
            "attached to another event: 'since'"
        );
    }

    #[test]
    fn since_the_event_attaches_its_date_to_that_event() {
        let sentence = "The force has shrunk to 650 since the coup in July 2023.";
        assert_eq!(why_not(sentence, "650", "July 2023"), event("since"));
    }

    #[test]
    fn after_the_event_attaches_its_date_to_that_event() {
        let sentence = "The contingent shrank to 650 after the coup in July.";
        assert_eq!(governs(sentence, "650"), None);
        assert_eq!(why_not(sentence, "650", "July"), event("after"));
    }

    #[test]
    fn before_the_event_attaches_its_date_to_that_event() {
        let sentence =
            "There were about 1,500 French troops in Niger before the coup in July 2023.";
        assert_eq!(
            why_not(sentence, "about 1,500", "July 2023"),
            event("before")
        );
    }

    #[test]
    fn a_fronted_after_clause_keeps_its_date() {
        let sentence = "After the coup in July 2023, France still had 1,500 troops there.";
        assert_eq!(governs(sentence, "1,500 troops"), None);
    }

    #[test]
    fn a_date_qualified_by_after_governs_as_an_adverbial() {
        let sentence = "After March 3, only 650 troops remained.";
        assert_eq!(governs(sentence, "650 troops"), Some("After March 3"));
    }

    #[test]
    fn a_date_qualified_by_before_governs_as_an_adverbial() {
        let sentence = "Before July 2023, France kept about 1,500 troops in Niger.";
        assert_eq!(
            governs(sentence, "about 1,500 troops"),
            Some("Before July 2023")
        );
    }

    #[test]
    fn a_subordinate_clause_after_the_figure_keeps_its_date() {
        let sentence =
            "France had about 1,500 troops in Niger when the junta seized power in July 2023.";
        assert_eq!(governs(sentence, "about 1,500 troops"), None);
        assert_eq!(
            why_not(sentence, "about 1,500 troops", "July 2023").describe(),
            "after the figure in a subordinate clause ('when')"
        );
    }

    #[test]
    fn a_fronted_when_clause_dates_the_main_clause() {
        let sentence = "When the junta seized power in July 2023, France had about 1,500 troops in the country.";
        assert_eq!(
            governs(sentence, "about 1,500 troops"),
            Some("in July 2023")
        );
    }

    #[test]
    fn a_comma_and_as_open_a_subordinate_clause() {
        let sentence = "The toll rose to 2,000, as rescuers reached the villages on Sunday.";
        assert_eq!(
            why_not(sentence, "2,000", "Sunday"),
            Reason::SubordinateClause {
                trigger: "as".to_string(),
                after_figure: true
            }
        );
    }

    #[test]
    fn a_possessive_date_names_another_event_even_after_by() {
        let sentence = "The region devastated by Friday's earthquake has 3,000 homeless families.";
        assert_eq!(governs(sentence, "3,000 homeless families"), None);
        assert_eq!(
            why_not(sentence, "3,000 homeless families", "Friday"),
            event("by Friday's earthquake")
        );
    }

    #[test]
    fn a_date_before_a_noun_names_another_event() {
        let sentence = "The July 26 coup left 1,500 French troops stranded.";
        assert_eq!(governs(sentence, "1,500 French troops"), None);
        assert_eq!(
            why_not(sentence, "1,500 French troops", "July 26"),
            event("the July 26 coup")
        );
    }

    #[test]
    fn a_date_before_a_counted_noun_dates_the_count() {
        let sentence = "The September 10 toll of 2,000 was revised later.";
        assert_eq!(governs(sentence, "2,000"), Some("September 10"));
        let possessive = "Sunday's death toll of 2,150 was the highest yet.";
        assert_eq!(governs(possessive, "2,150"), Some("Sunday"));
    }

    #[test]
    fn a_deadline_of_a_planned_action_does_not_date_the_count() {
        let sentence =
            "Washington agreed in April to withdraw its roughly 1,000 troops by September 15.";
        assert_eq!(governs(sentence, "roughly 1,000 troops"), Some("in April"));
        assert_eq!(
            why_not(sentence, "roughly 1,000 troops", "September 15").describe(),
            "the deadline of a planned action ('by September 15'), not the time of the figure"
        );
    }

    #[test]
    fn a_date_after_another_figure_belongs_to_it() {
        let sentence = "The toll rose from 300 on Friday to 2,960 on Sunday.";
        assert_eq!(governs(sentence, "2,960"), Some("on Sunday"));
        assert_eq!(
            why_not(sentence, "2,960", "Friday").describe(),
            "attached to another figure: '300'"
        );
        assert_eq!(governs(sentence, "300"), Some("on Friday"));
    }

    #[test]
    fn a_date_in_a_parenthetical_with_an_earlier_figure_is_not_the_updates() {
        let sentence = "The toll, up from 500 on Saturday, now stands at 740.";
        assert_eq!(governs(sentence, "740"), None);
        assert_eq!(governs(sentence, "500"), Some("on Saturday"));
    }

    #[test]
    fn a_figure_joined_by_and_does_not_take_the_date() {
        let sentence = "The toll on September 10 was 2,000 and on September 12 rose to 2,300.";
        assert_eq!(governs(sentence, "2,300"), Some("on September 12"));
    }

    #[test]
    fn an_excluded_mention_keeps_its_date() {
        let sentence = "On Tuesday the ministry put the toll at 300 and hospitals counted 450.";
        assert_eq!(governs(sentence, "450"), Some("On Tuesday"));
        let mention = "On Tuesday the ministry put the toll at 300";
        let (attribution, _) = attribute(sentence, "450", &[mention]);
        assert_eq!(attribution.date(), None);
        assert_eq!(attribution.reason(0), Some(&Reason::OtherMention));
    }

    #[test]
    fn a_semicolon_ends_the_clause() {
        let sentence = "The quake struck on Friday; by Sunday the toll stood at 2,100.";
        assert_eq!(governs(sentence, "2,100"), Some("by Sunday"));
        assert_eq!(
            why_not(sentence, "2,100", "Friday"),
            Reason::OtherClause(Boundary::Semicolon)
        );
    }

    #[test]
    fn a_dash_ends_the_clause() {
        let sentence = "The army pulled out in March — 1,000 soldiers remain.";
        assert_eq!(
            why_not(sentence, "1,000 soldiers", "March"),
            Reason::OtherClause(Boundary::Dash)
        );
    }

    #[test]
    fn a_pair_of_dashes_is_a_parenthetical() {
        let sentence = "On Sunday the toll — which officials revised twice — stood at 2,000.";
        assert_eq!(governs(sentence, "2,000"), Some("On Sunday"));
    }

    #[test]
    fn a_comma_and_a_conjunction_open_another_clause() {
        let sentence = "The quake struck on Friday, and rescuers have since recovered 300 bodies.";
        assert_eq!(
            why_not(sentence, "300 bodies", "Friday").describe(),
            "in another clause (after a comma and 'and')"
        );
    }

    #[test]
    fn leaving_and_bringing_open_participle_clauses() {
        let floods = "Floods swept the valley in early May, leaving 12,000 people homeless.";
        assert_eq!(governs(floods, "12,000 people"), None);
        let bodies = "Rescuers found 40 more bodies on Sunday, bringing the toll to 2,946.";
        assert_eq!(governs(bodies, "2,946"), None);
        assert_eq!(governs(bodies, "40 more bodies"), Some("on Sunday"));
    }

    #[test]
    fn a_sentence_without_dates_has_no_governing_date() {
        let (attribution, _) = attribute("About 1,000 troops remain.", "About 1,000 troops", &[]);
        assert_eq!(attribution.governing, None);
        assert!(attribution.rejected.is_empty());
    }

    #[test]
    fn every_date_not_chosen_has_a_reason() {
        let (attribution, found) = attribute(WITHDRAWAL, "roughly 1,000 troops", &[]);
        assert_eq!(attribution.rejected.len(), found.len() - 1);
    }

    #[test]
    fn cues_and_reasons_read_as_sentences() {
        assert_eq!(
            Cue::FrontedAdverbial.describe(),
            "opens the sentence and governs its main clause"
        );
        let reason = Reason::SubordinateClause {
            trigger: "when".to_string(),
            after_figure: false,
        };
        assert_eq!(
            reason.describe(),
            "before the figure in a subordinate clause ('when')"
        );
        assert_eq!(
            Reason::OtherMention.describe(),
            "inside another claim's mention"
        );
    }

    // -------------------------------------------------------------------------------------------------- relations

    #[test]
    fn rose_from_to_gives_an_earlier_and_an_update() {
        let sentence = "The toll rose from 300 to 2,960 over five days.";
        assert_eq!(relation_of(sentence, "300"), earlier("rose from"));
        assert_eq!(relation_of(sentence, "2,960"), update("rose from 300 to"));
    }

    #[test]
    fn rose_from_with_a_date_between() {
        let sentence = "The toll rose from 300 on Friday to 2,960 on Sunday.";
        assert_eq!(relation_of(sentence, "300"), earlier("rose from"));
        assert_eq!(
            relation_of(sentence, "2,960"),
            update("rose from 300 on Friday to")
        );
    }

    #[test]
    fn up_from_between_commas_then_now_stands_at() {
        let sentence = "The toll, up from 500 on Saturday, now stands at 740.";
        assert_eq!(relation_of(sentence, "500"), earlier("up from"));
        assert_eq!(relation_of(sentence, "740"), update("now stands at"));
    }

    #[test]
    fn verbs_of_rising_mark_updates() {
        for (sentence, figure, trigger) in [
            ("The toll has risen to 740.", "740", "has risen to"),
            ("Deaths climbed to more than 1,000.", "1,000", "climbed to"),
            ("The count jumped to 2,100 overnight.", "2,100", "jumped to"),
            (
                "The toll increased to at least 3,000.",
                "3,000",
                "increased to",
            ),
            (
                "The toll had risen to 1,200 by Sunday.",
                "1,200",
                "had risen to",
            ),
            (
                "The toll has now risen to 2,681.",
                "2,681",
                "has now risen to",
            ),
        ] {
            assert_eq!(relation_of(sentence, figure), update(trigger), "{sentence}");
        }
    }

    #[test]
    fn verbs_of_falling_mark_updates_too() {
        let sentence = "The deployment fell to 650 by August.";
        assert_eq!(relation_of(sentence, "650"), update("fell to"));
    }

    #[test]
    fn revisions_and_reaching_mark_updates() {
        for (sentence, figure, trigger) in [
            (
                "The toll was revised up to 2,497.",
                "2,497",
                "revised up to",
            ),
            (
                "The toll was revised down to 480.",
                "480",
                "revised down to",
            ),
            ("The toll has reached 5,000.", "5,000", "has reached"),
            ("The toll is now 2,681.", "2,681", "is now"),
        ] {
            assert_eq!(relation_of(sentence, figure), update(trigger), "{sentence}");
        }
    }

    #[test]
    fn bringing_the_toll_to_marks_an_update() {
        let brought = "New finds brought the death toll to 2,946.";
        assert_eq!(
            relation_of(brought, "2,946"),
            update("brought the death toll to")
        );
        let bringing = "Rescuers found 40 more, bringing the total number of dead to 2,986.";
        assert_eq!(
            relation_of(bringing, "2,986"),
            update("bringing the total number of dead to")
        );
    }

    #[test]
    fn up_from_after_a_figure_marks_it_as_the_update() {
        let sentence = "The ministry counted 2,300 dead, up from 2,000 a day earlier.";
        assert_eq!(relation_of(sentence, "2,300"), update("up from"));
        assert_eq!(relation_of(sentence, "2,000"), earlier("up from"));
    }

    #[test]
    fn down_from_works_like_up_from() {
        let sentence = "About 650 troops remain, down from 1,100 in March.";
        assert_eq!(relation_of(sentence, "650"), update("down from"));
        assert_eq!(relation_of(sentence, "1,100"), earlier("down from"));
    }

    #[test]
    fn from_to_without_a_verb_of_change() {
        let sentence = "The force went from 1,100 to 650 in five months.";
        assert_eq!(relation_of(sentence, "1,100"), earlier("from ... to"));
        assert_eq!(relation_of(sentence, "650"), update("from 1,100 to"));
    }

    #[test]
    fn an_earlier_or_previous_toll_is_earlier() {
        for (sentence, figure, trigger) in [
            (
                "It gave an earlier toll of more than 500.",
                "500",
                "an earlier toll of",
            ),
            (
                "That replaced a previous toll of 820.",
                "820",
                "a previous toll of",
            ),
            (
                "The previous figure of 1,100 was dropped.",
                "1,100",
                "The previous figure of",
            ),
            (
                "It revised a previous death toll of 632.",
                "632",
                "a previous death toll of",
            ),
        ] {
            assert_eq!(
                relation_of(sentence, figure),
                earlier(trigger),
                "{sentence}"
            );
        }
    }

    #[test]
    fn past_perfect_states_are_earlier() {
        let stood = "The toll had stood at 632 on Saturday.";
        assert_eq!(relation_of(stood, "632"), earlier("had stood at"));
        let been = "The US force had been about 1,100.";
        assert_eq!(relation_of(been, "1,100"), earlier("had been"));
    }

    #[test]
    fn initially_and_previously_mark_earlier_values() {
        let initially = "Officials initially put the toll at 296.";
        assert_eq!(relation_of(initially, "296"), earlier("initially"));
        let previously = "The ministry previously reported 1,800 deaths.";
        assert_eq!(relation_of(previously, "1,800"), earlier("previously"));
        let at_first = "Officials at first counted 300 dead.";
        assert_eq!(relation_of(at_first, "300"), earlier("at first"));
    }

    #[test]
    fn initially_between_commas_does_not_reach_the_update() {
        let sentence = "The toll, initially put at 296, rose to 2,012.";
        assert_eq!(relation_of(sentence, "296"), earlier("initially"));
        assert_eq!(relation_of(sentence, "2,012"), update("rose to"));
    }

    #[test]
    fn before_the_coup_marks_an_earlier_state() {
        let fronted = "Before the coup there were about 1,500 French troops in Niger.";
        assert_eq!(relation_of(fronted, "1,500"), earlier("Before"));
        let trailing = "There were about 1,500 French troops in Niger before the coup.";
        assert_eq!(relation_of(trailing, "1,500"), earlier("before the coup"));
    }

    #[test]
    fn before_a_planned_event_is_not_earlier() {
        let sentence = "About 1,000 troops will leave before the rainy season.";
        assert_eq!(relation_of(sentence, "1,000"), Relation::Current);
    }

    #[test]
    fn a_fronted_before_does_not_cross_a_semicolon() {
        let sentence = "Before the quake the village had 300 homes; now 12 remain.";
        assert_eq!(relation_of(sentence, "300"), earlier("Before"));
        assert_eq!(relation_of(sentence, "12"), Relation::Current);
    }

    #[test]
    fn compared_with_marks_the_earlier_value() {
        let sentence = "About 650 troops remain, compared with 1,300 a year earlier.";
        assert_eq!(relation_of(sentence, "1,300"), earlier("compared with"));
    }

    #[test]
    fn plain_statements_are_current() {
        for (sentence, figure) in [
            ("At least 2,000 people have died.", "2,000"),
            ("The toll stands at 2,000.", "2,000"),
            ("About 1,100 US troops are deployed in Niger.", "1,100"),
            (
                "The quake struck late on Friday, killing at least 410 people.",
                "410",
            ),
        ] {
            assert_eq!(
                relation_of(sentence, figure),
                Relation::Current,
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_whole_match_is_read_at_its_value() {
        let sentence = "Officials said the toll has risen to 740.";
        assert_eq!(
            relation_of(sentence, "toll has risen to 740"),
            update("has risen to")
        );
        let dated = "Officials said the toll as of September 10 was 2,000.";
        assert_eq!(
            relation_of(dated, "toll as of September 10 was 2,000"),
            Relation::Current
        );
    }

    #[test]
    fn relations_read_as_words() {
        assert_eq!(
            update("has risen to").describe(),
            "an update ('has risen to')"
        );
        assert_eq!(
            earlier("up from").describe(),
            "an earlier value ('up from')"
        );
        assert_eq!(Relation::Current.describe(), "the current value");
    }

    // ---------------------------------------------------------------------------------------------------- as-of

    #[test]
    fn the_governing_date_is_the_as_of_whatever_the_relation() {
        let sentence = "The toll had stood at 632 on Saturday.";
        let (attribution, _) = attribute(sentence, "632", &[]);
        assert_eq!(
            as_of(&attribution, &relation_of(sentence, "632")),
            AsOf::Date(0)
        );
    }

    #[test]
    fn without_a_date_the_relation_places_the_figure_around_the_publication() {
        let none = Attribution {
            governing: None,
            rejected: Vec::new(),
        };
        assert_eq!(as_of(&none, &Relation::Current), AsOf::Publication);
        assert_eq!(as_of(&none, &earlier("had been")), AsOf::BeforePublication);
        assert_eq!(
            as_of(&none, &update("has risen to")),
            AsOf::LatestAtPublication
        );
    }
}
