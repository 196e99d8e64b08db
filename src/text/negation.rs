//! Negation of a predicate: does a sentence state a proposition, or deny it? Designed after NegEx (Chapman et al.,
//! "A simple algorithm for identifying negated findings and diseases in discharge summaries", 2001).
//!
//! A polarity claim written in words names a predicate ("end", "mark the end of", "sever"); once the engine has
//! found it in a sentence, [`negation`] says whether that occurrence lies in the scope of a negation, and which cue
//! put it there, so that a rule author never writes "does not" patterns. [`is_hedged`] says whether a modal cue
//! ("could", "reportedly") makes the occurrence uncertain rather than stated.
//!
//! # Design
//!
//! The sentence is cut into words ([`wording::words`]: lower-case keys, curly apostrophes made straight). The words
//! before the predicate and the words after it are each scanned left to right for cue phrases; at every word the
//! longest phrase of any list wins, and its words are used up, so that "not only" is read as one pseudo-negation
//! and never as "not", and "no longer than" never as "no longer". On a tie the earlier list wins, in the order
//! written below.
//!
//! - Before the predicate: [`PSEUDO_NEGATIONS`], [`PRE_NEGATION_TRIGGERS`], [`CONTINUING_NEGATIONS`],
//!   [`HEDGE_CUES`], [`SCOPE_ENDING_WORDS`].
//! - After the predicate: [`PSEUDO_NEGATIONS`], [`POST_NEGATION_TRIGGERS`], [`SCOPE_ENDING_WORDS`]. A
//!   pre-negation trigger after the predicate negates something else ("ends the deal, not the mission").
//!
//! A word of a phrase may list alternatives with `|` ("denied|denies|deny that"); the word `n't` stands for any
//! contraction ending in n't ("don't", "won’t", "hadn't").
//!
//! # Scope
//!
//! A cue governs the predicate when both stand in the same stretch of the sentence and at most
//! [`MAX_SCOPE_WORDS`] words lie between them. A stretch ends:
//!
//! - at a word of [`SCOPE_ENDING_WORDS`] ("but", "however", "although", "though", "yet", "while", "whereas",
//!   "except"), unless it stands alone between two commas ("does not, however, end": an aside);
//! - at a semicolon, a colon, an exclamation or question mark, an em dash, a hyphen or en dash with a space on
//!   both sides;
//! - at a closing quotation mark (`”`, `»`, or `"` right after a word or a punctuation mark);
//! - at a full stop before a capitalised word (a full stop before a digit or lower case ends an abbreviation);
//! - at a comma, unless it opens an aside: a second comma within [`MAX_ASIDE_WORDS`] words, with no other end
//!   between, closes it, and the scope runs on over both ("will not, officials said, end").
//!
//! # Double negation
//!
//! Every negation trigger that governs the predicate, before or after it, is counted: an odd count negates, an
//! even count affirms. "The ministry did not deny that the withdrawal ends the relationship" affirms (not, deny
//! that), so does "Reports that the exit does not end cooperation are untrue" (not, are untrue). A
//! [`CONTINUING_NEGATIONS`] word ("nor") carries a negation already in scope on rather than flipping it: it counts
//! only when no trigger governs the predicate before it ("Neither the coup nor the pullout ends ties" is negated
//! once). When the count is odd, the trigger reported is the one nearest the predicate.
//!
//! # Limits
//!
//! Cues are words, not syntax: a trigger negates whatever follows it in its stretch, not its grammatical object.
//!
//! - "No one doubts that the pullout ends the partnership" is read as negated by "No", though it affirms: "no"
//!   negates "one", and "doubts" (a verb that means a negation) is not a trigger. Such verbs are the rule's
//!   `deny_with`, not this module's.
//! - "deny" alone negates what follows in its stretch, as in NegEx ("The ministry denied the withdrawal ends the
//!   relationship", "Utility denies lawsuit claims about cause of fire"), so a request denied before the predicate
//!   is read as negating it too ("The junta denied the convoy passage as the pullout ends ties"); the passive "was
//!   denied" is a trigger after the predicate, never before it ("was denied entry").
//! - The aside rule guesses from length: "did not consult Paris, the agency said, and the pullout ends ties" is
//!   read as negated, and "will not, according to two senior officials, end ties" is not (the aside is too long).
//! - A trigger more than [`MAX_SCOPE_WORDS`] words from the predicate is out of scope, however the sentence runs.
//! - Single quotation marks do not end a scope: `’` is also an apostrophe.
//! - A hedge only counts before the predicate in its own stretch: "If the talks fail, the partnership ends" is not
//!   hedged (the comma ends the "if" clause's scope), and "would" in reported speech ("said the pullout would end
//!   ties") is hedged though it only reports.

use std::cell::RefCell;
use std::ops::{Range, RangeInclusive};
use std::rc::Rc;
use std::sync::LazyLock;

use super::wording::{self, Word};
use super::words::RecentSentences;

/// How many words may stand between a cue and the predicate it governs. NegEx uses five; news sentences put a
/// subject and its modifiers between "denied that" and the verb ("denied that the withdrawal of US troops marks"),
/// so the window is wider.
pub const MAX_SCOPE_WORDS: usize = 8;

/// How many words an aside between two commas may hold for a scope to run across it ("not, officials said, end").
pub const MAX_ASIDE_WORDS: usize = 4;

/// Cues that negate a predicate after them: "will not hinder", "denied that the withdrawal marks", "denies lawsuit
/// claims about the cause", "disputed accusations that its lines caused". Also any word
/// ending in n't: don't, doesn't, didn't, won't, wouldn't, isn't, wasn't, can't, couldn't, shouldn't, hasn't,
/// haven't, hadn't, aren't, weren't (straight or curly apostrophe).
pub const PRE_NEGATION_TRIGGERS: &[&str] = &[
    "not",
    "n't",
    "cannot",
    "not|n't|never yet",
    "yet to",
    "no",
    "no longer",
    "never",
    "neither",
    "in no way",
    "by no means",
    "not at all",
    "far from",
    "without",
    "rather than",
    "instead of",
    "denied|denies|deny|denying",
    "denied|denies|deny that",
    "denied|denies|deny claims|reports|suggestions|accusations|allegations that",
    "disputed|disputes|dispute claims|reports|suggestions|accusations|allegations that",
    "rejected|rejects|reject claims|suggestions|reports|accusations|allegations that",
    "dismissed|dismisses|dismiss claims|reports|accusations|allegations that",
    "ruled|rules|rule out",
    "refused|refuses|refuse to",
    "failed|fails|fail to",
    "unable to",
    "impossible to",
    "declined|declines|decline to",
    "nobody",
    "untrue|false that",
];

/// Cues that carry on a negation ("neither ... nor", "not ... nor"): they negate the predicate only when no other
/// trigger governs it before them.
pub const CONTINUING_NEGATIONS: &[&str] = &["nor"];

/// Cues that negate a predicate before them in the same stretch: "reports that the pullout ends ties were denied".
pub const POST_NEGATION_TRIGGERS: &[&str] = &[
    "was|were denied",
    "has|have been denied",
    "is|are|was|were untrue",
    "is|are|was|were not true",
    "isn't|aren't|wasn't|weren't true",
    "is|are|was|were false",
    "was|were ruled out",
    "has|have been ruled out",
    "impossible",
];

/// Phrases that hold a negation word but negate nothing: they are read as one cue and never counted. "not only
/// ends the deal but", "no doubt", "no longer than six months" (a measure), "whether or not". "not necessarily" is
/// not here but in [`HEDGE_CUES`]: it leaves the claim open rather than denying it.
pub const PSEUDO_NEGATIONS: &[&str] = &[
    "not only",
    "not just",
    "not merely",
    "no doubt",
    "no sooner",
    "not least",
    "nothing but",
    "no longer than",
    "not to mention",
    "whether or not",
    "if not",
];

/// Modal cues that make a claim uncertain rather than negated ("the pullout could end the partnership"). "May"
/// with a capital is taken for the month ("In May the junta ended the pact").
pub const HEDGE_CUES: &[&str] = &[
    "could",
    "may",
    "might",
    "would",
    "possibly",
    "reportedly",
    "if",
    "in the event that",
    "whether",
    "had we|they|he|she|i",
    "not necessarily",
];

/// Hedges that make what follows them a hypothesis, not a statement ("if the siren is sounded", "in the event that
/// the siren is sounded", "had we sounded the siren", "whether to end the strike"): a polarity claim counts no
/// predicate in their scope. The other hedges ("could", "would") report a stance and keep it.
pub const HYPOTHETICAL_CUES: &[&str] = &["if", "in the event that", "whether", "had"];

/// True when a hedge `cue`, as written, is one of [`HYPOTHETICAL_CUES`] ("had we" is "had").
fn is_hypothetical(cue: &str) -> bool {
    let phrase = cue.to_lowercase();
    let first = phrase.split_whitespace().next().unwrap_or("");
    HYPOTHETICAL_CUES
        .iter()
        .any(|h| phrase == *h || (!h.contains(' ') && first == *h))
}

/// Words that start a new clause and so end the scope of a cue before them ("does not end cooperation but ends the
/// basing deal"). "yet" right after a negation is read with it ("has not yet ended").
pub const SCOPE_ENDING_WORDS: &[&str] = &[
    "but", "however", "although", "though", "yet", "while", "whereas", "except",
];

/// The negation that governs a predicate: the cue, where it is, and on which side of the predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negation {
    /// The trigger as written in the sentence: "doesn’t", "denied that", "were ruled out".
    pub trigger: String,
    /// Bytes of the trigger in the sentence.
    pub span: Range<usize>,
    /// Whether the trigger stands before or after the predicate.
    pub kind: NegationKind,
}

/// Which side of the predicate a negation trigger stands on, in NegEx's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegationKind {
    /// Before the predicate: "will not hinder", "officials denied that the withdrawal marks".
    Pre,
    /// After the predicate: "reports that the pullout ends ties were denied".
    Post,
}

/// The negation that governs the predicate at bytes `predicate` of `sentence`, or `None` when the sentence states
/// it. An even number of governing triggers affirms (see the module docs for the scope rules).
///
/// ```
/// use factlint::text::negation::{negation, NegationKind};
///
/// let sentence = "The split will in no way affect the supply deal.";
/// let at = sentence.find("affect").unwrap();
/// let found = negation(sentence, at..at + "affect".len()).unwrap();
/// assert_eq!((found.trigger.as_str(), found.kind), ("in no way", NegationKind::Pre));
/// ```
pub fn negation(sentence: &str, predicate: Range<usize>) -> Option<Negation> {
    negation_in(&Reading::new(sentence, &predicate)?)
}

/// The negation that governs the predicate of `reading` ([`negation`]).
fn negation_in(reading: &Reading) -> Option<Negation> {
    let before = governing_pre_negations(reading);
    let after: Vec<&Cue> = reading.governing_after(Role::PostNegation).collect();
    if (before.len() + after.len()) % 2 == 0 {
        return None;
    }
    let nearest = match (before.last(), after.first()) {
        (Some(pre), Some(post)) if reading.distance(post) < reading.distance(pre) => post,
        (Some(pre), _) => pre,
        (None, post) => post?,
    };
    Some(reading.negation(nearest))
}

/// The modal cue ([`HEDGE_CUES`]) that governs the predicate at bytes `predicate` of `sentence`, as written
/// ("could", "reportedly"), or `None`. Only cues before the predicate count, under the same scope rules as
/// negation triggers. A hedged mention is uncertain: the engine may choose not to count it as a mention at all.
pub fn is_hedged(sentence: &str, predicate: Range<usize>) -> Option<String> {
    hedge_in(&Reading::new(sentence, &predicate)?)
}

/// The hedge that governs the predicate of `reading` ([`is_hedged`]).
fn hedge_in(reading: &Reading) -> Option<String> {
    reading
        .governing_before(Role::Hedge)
        .filter(|cue| reading.text(cue) != "May")
        .last()
        .map(|cue| reading.text(cue).to_string())
}

/// What the cues around a predicate say of it, read once: the negation that governs it ([`negation`]) and the
/// hypothetical cue that makes it no statement ([`HYPOTHETICAL_CUES`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PredicateCues {
    /// The negation that governs the predicate, if any.
    pub negation: Option<Negation>,
    /// The hypothetical cue that governs it, as written, if any.
    pub hypothesis: Option<String>,
}

/// The cues around the predicate at bytes `predicate` of `sentence` ([`PredicateCues`]).
pub fn predicate_cues(sentence: &str, predicate: Range<usize>) -> PredicateCues {
    let Some(reading) = Reading::new(sentence, &predicate) else {
        return PredicateCues::default();
    };
    PredicateCues {
        negation: negation_in(&reading),
        hypothesis: hedge_in(&reading).filter(|cue| is_hypothetical(cue)),
    }
}

/// The pre-negation triggers that count for the predicate, nearest last: a continuing negation ("nor") counts only
/// when it is the first.
fn governing_pre_negations<'r>(reading: &'r Reading) -> Vec<&'r Cue> {
    let negations = reading
        .governing_before(Role::PreNegation)
        .chain(reading.governing_before(Role::ContinuingNegation));
    let mut in_order: Vec<&Cue> = negations.collect();
    in_order.sort_by_key(|cue| cue.words.start);
    in_order
        .iter()
        .enumerate()
        .filter(|(i, cue)| *i == 0 || cue.role != Role::ContinuingNegation)
        .map(|(_, cue)| *cue)
        .collect()
}

/// What a cue phrase does to a predicate in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    PreNegation,
    ContinuingNegation,
    PostNegation,
    Pseudo,
    Hedge,
    ScopeEnd,
}

/// A passive "denied" before the predicate denies someone a thing ("was denied entry"), not the predicate: read as
/// one cue that negates nothing, so that "denied" alone does not trigger there. After the predicate it is a trigger
/// ([`POST_NEGATION_TRIGGERS`]).
const PASSIVE_DENIALS: &[&str] = &["was|were|been|being|is|are denied"];

/// The lists the words before the predicate are scanned with; on a tie the earlier list wins.
const BEFORE_PREDICATE: &[(Role, &[&str])] = &[
    (Role::Pseudo, PSEUDO_NEGATIONS),
    (Role::Pseudo, PASSIVE_DENIALS),
    (Role::PreNegation, PRE_NEGATION_TRIGGERS),
    (Role::ContinuingNegation, CONTINUING_NEGATIONS),
    (Role::Hedge, HEDGE_CUES),
    (Role::ScopeEnd, SCOPE_ENDING_WORDS),
];

/// The lists the words after the predicate are scanned with.
const AFTER_PREDICATE: &[(Role, &[&str])] = &[
    (Role::Pseudo, PSEUDO_NEGATIONS),
    (Role::PostNegation, POST_NEGATION_TRIGGERS),
    (Role::ScopeEnd, SCOPE_ENDING_WORDS),
];

/// A cue phrase found in the sentence: its role and the indices of its words.
#[derive(Debug)]
struct Cue {
    role: Role,
    words: Range<usize>,
}

/// A sentence's words, and the gaps between them where no scope reaches across ([`gap_scope_ends`]): what a
/// [`Reading`] of it around any predicate shares.
struct SentenceWords {
    words: Vec<Word>,
    gap_scope_ends: Vec<bool>,
}

/// How many sentences [`read_sentence`] remembers, per thread.
const REMEMBERED_SENTENCES: usize = 4;

/// The words of `sentence`: remembered per thread for the last few sentences, since the event and predicate words
/// of one sentence are read one after another.
fn read_sentence(sentence: &str) -> Rc<SentenceWords> {
    thread_local! {
        static RECENT: RefCell<RecentSentences<SentenceWords>> =
            const { RefCell::new(RecentSentences::new(REMEMBERED_SENTENCES)) };
    }
    RECENT.with_borrow_mut(|recent| {
        recent.get_or_read(sentence, || {
            let words = wording::words(sentence, 0);
            let gap_scope_ends = gap_scope_ends(sentence, &words);
            Rc::new(SentenceWords {
                words,
                gap_scope_ends,
            })
        })
    })
}

/// A sentence read around one predicate: its words, the cues on each side and where scopes end.
struct Reading<'s> {
    sentence: &'s str,
    read: Rc<SentenceWords>,
    /// Indices of the predicate's words.
    predicate: Range<usize>,
    before: Vec<Cue>,
    after: Vec<Cue>,
    /// `scope_ends[j]`: no scope reaches across the gap before word `j`.
    scope_ends: Vec<bool>,
}

impl<'s> Reading<'s> {
    /// Reads `sentence` around the words that overlap the bytes `predicate`; `None` when no word does.
    fn new(sentence: &'s str, predicate: &Range<usize>) -> Option<Reading<'s>> {
        let read = read_sentence(sentence);
        let words = &read.words;
        let predicate = predicate_words(words, predicate)?;
        let before = scan(words, 0..predicate.start, BEFORE_PREDICATE, &BEFORE_OPENERS);
        let after = scan(
            words,
            predicate.end..words.len(),
            AFTER_PREDICATE,
            &AFTER_OPENERS,
        );
        let mut scope_ends = read.gap_scope_ends.clone();
        for cue in before.iter().chain(&after) {
            if cue.role == Role::ScopeEnd && !fills_aside(sentence, words, &cue.words) {
                scope_ends[cue.words.start] = true;
            }
        }
        Some(Reading {
            sentence,
            read,
            predicate,
            before,
            after,
            scope_ends,
        })
    }

    /// The cues of `role` before the predicate that govern it, in sentence order.
    fn governing_before(&self, role: Role) -> impl Iterator<Item = &Cue> {
        self.before.iter().filter(move |cue| {
            cue.role == role && self.reaches(cue.words.end..=self.predicate.start, cue)
        })
    }

    /// The cues of `role` after the predicate that govern it, in sentence order.
    fn governing_after(&self, role: Role) -> impl Iterator<Item = &Cue> {
        self.after.iter().filter(move |cue| {
            cue.role == role && self.reaches(self.predicate.end..=cue.words.start, cue)
        })
    }

    /// True when no scope ends at the `gaps` between a cue and the predicate, and the cue is near enough.
    fn reaches(&self, gaps: RangeInclusive<usize>, cue: &Cue) -> bool {
        self.distance(cue) <= MAX_SCOPE_WORDS && !self.scope_ends[gaps].contains(&true)
    }

    /// Words between `cue` and the predicate.
    fn distance(&self, cue: &Cue) -> usize {
        if cue.words.end <= self.predicate.start {
            self.predicate.start - cue.words.end
        } else {
            cue.words.start - self.predicate.end
        }
    }

    /// The cue as written.
    fn text(&self, cue: &Cue) -> &'s str {
        wording::display(self.sentence, &self.read.words, cue.words.clone())
    }

    /// The public account of a negation trigger.
    fn negation(&self, cue: &Cue) -> Negation {
        let words = &self.read.words;
        let span = words[cue.words.start].span.start..words[cue.words.end - 1].span.end;
        let kind = if cue.words.end <= self.predicate.start {
            NegationKind::Pre
        } else {
            NegationKind::Post
        };
        Negation {
            trigger: self.text(cue).to_string(),
            span,
            kind,
        }
    }
}

/// Indices of the words that overlap the bytes `predicate`, or `None` when none does.
pub(super) fn predicate_words(words: &[Word], predicate: &Range<usize>) -> Option<Range<usize>> {
    let overlaps = |word: &Word| word.span.end > predicate.start && word.span.start < predicate.end;
    let first = words.iter().position(overlaps)?;
    let last = words.iter().rposition(overlaps)?;
    Some(first..last + 1)
}

/// The cues among `words[range]`, scanned left to right: at each word the longest phrase of any list of `lists`
/// wins and its words are used up. `openers` are the words that open a phrase of `lists`.
fn scan(
    words: &[Word],
    range: Range<usize>,
    lists: &[(Role, &[&str])],
    openers: &Openers,
) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let cue = match openers.may_open(&words[at].key) {
            true => longest_cue(&words[at..range.end], lists),
            false => None,
        };
        match cue {
            Some((role, len)) => {
                cues.push(Cue {
                    role,
                    words: at..at + len,
                });
                at += len;
            }
            None => at += 1,
        }
    }
    cues
}

/// The words that open a phrase of [`BEFORE_PREDICATE`], gathered once.
static BEFORE_OPENERS: LazyLock<Openers<'static>> = LazyLock::new(|| Openers::of(BEFORE_PREDICATE));
/// The words that open a phrase of [`AFTER_PREDICATE`], gathered once.
static AFTER_OPENERS: LazyLock<Openers<'static>> = LazyLock::new(|| Openers::of(AFTER_PREDICATE));

/// The words that can open a phrase of some lists: the first word's alternatives of every phrase. A word that is
/// none of them opens no cue, so the phrases need not be tried at it.
struct Openers<'a> {
    words: std::collections::HashSet<&'a str>,
}

impl<'a> Openers<'a> {
    fn of(lists: &[(Role, &[&'a str])]) -> Openers<'a> {
        let firsts = lists.iter().flat_map(|&(_, phrases)| phrases);
        Openers {
            words: firsts
                .filter_map(|phrase| phrase.split(' ').next())
                .flat_map(|first| first.split('|'))
                .collect(),
        }
    }

    /// True when some phrase's first word may be the word with comparison key `key` (see [`word_matches`]).
    fn may_open(&self, key: &str) -> bool {
        self.words.contains(key) || (self.words.contains("n't") && word_matches("n't", key))
    }
}

/// The role and length in words of the longest phrase of `lists` that `words` start with; the earlier list wins
/// a tie.
fn longest_cue(words: &[Word], lists: &[(Role, &[&str])]) -> Option<(Role, usize)> {
    let mut best: Option<(Role, usize)> = None;
    for &(role, phrases) in lists {
        for phrase in phrases {
            match phrase_length(phrase, words) {
                Some(len) if best.is_none_or(|(_, longest)| len > longest) => {
                    best = Some((role, len));
                }
                _ => {}
            }
        }
    }
    best
}

/// How many words `phrase` covers when `words` start with it, else `None`.
pub(super) fn phrase_length(phrase: &str, words: &[Word]) -> Option<usize> {
    let mut len = 0;
    for alternatives in phrase.split(' ') {
        let word = words.get(len)?;
        if !alternatives
            .split('|')
            .any(|alternative| word_matches(alternative, &word.key))
        {
            return None;
        }
        len += 1;
    }
    Some(len)
}

/// True when a word with comparison key `key` is `alternative`; `n't` stands for any contraction ending in n't.
fn word_matches(alternative: &str, key: &str) -> bool {
    alternative == key || (alternative == "n't" && key.len() > 3 && key.ends_with("n't"))
}

/// What the text between two words does to a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces, hyphens, opening quotation marks: the scope runs on.
    Joins,
    /// A comma: the scope ends, unless it opens an aside.
    Comma,
    /// Punctuation that ends a clause.
    Ends,
}

/// `result[j]`: the gap before word `j` ends every scope (the gap before the first word and after the last do).
pub(super) fn gap_scope_ends(sentence: &str, words: &[Word]) -> Vec<bool> {
    let gaps = gaps(sentence, words);
    let mut ends: Vec<bool> = gaps.iter().map(|&gap| gap != Gap::Joins).collect();
    let mut at = 0;
    while at < gaps.len() {
        match closing_comma(&gaps, at) {
            Some(close) => {
                ends[at] = false;
                ends[close] = false;
                at = close + 1;
            }
            None => at += 1,
        }
    }
    ends
}

/// Every gap of `words`: `result[j]` is the gap before word `j`, and `result[words.len()]` the end.
fn gaps(sentence: &str, words: &[Word]) -> Vec<Gap> {
    let mut gaps = vec![Gap::Ends; words.len() + 1];
    for (j, pair) in words.windows(2).enumerate() {
        let between = &sentence[pair[0].span.end..pair[1].span.start];
        gaps[j + 1] = classify_gap(between, &sentence[pair[1].span.clone()]);
    }
    gaps
}

/// What the text `between` two words does to a scope, `next` being the word after it.
fn classify_gap(between: &str, next: &str) -> Gap {
    if ends_clause(between, next) {
        Gap::Ends
    } else if between.contains(',') {
        Gap::Comma
    } else {
        Gap::Joins
    }
}

/// True when the text `between` two words ends a clause (see the module docs), `next` being the word after it.
fn ends_clause(between: &str, next: &str) -> bool {
    let full_stop = between.contains('.') && next.starts_with(char::is_uppercase);
    full_stop
        || between.contains([';', ':', '!', '?', '—', '”', '»'])
        || closes_straight_quote(between)
        || [" - ", " – ", " -- "]
            .iter()
            .any(|dash| between.contains(dash))
}

/// True when a straight quotation mark in `between` closes a quote: it follows the word or a punctuation mark
/// directly, not a space.
fn closes_straight_quote(between: &str) -> bool {
    let mut previous = None;
    for c in between.chars() {
        if c == '"' && !previous.is_some_and(char::is_whitespace) {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// The gap that closes an aside opened by a comma at gap `open`: the next gap that is not [`Gap::Joins`], when it
/// is a comma within [`MAX_ASIDE_WORDS`] words.
fn closing_comma(gaps: &[Gap], open: usize) -> Option<usize> {
    if gaps[open] != Gap::Comma {
        return None;
    }
    let last = (open + MAX_ASIDE_WORDS).min(gaps.len() - 1);
    (open + 1..=last)
        .find(|&at| gaps[at] != Gap::Joins)
        .filter(|&at| gaps[at] == Gap::Comma)
}

/// True when the words `cue` are a whole aside between two commas: ", however,".
fn fills_aside(sentence: &str, words: &[Word], cue: &Range<usize>) -> bool {
    let gap_before = cue
        .start
        .checked_sub(1)
        .map(|before| &sentence[words[before].span.end..words[cue.start].span.start]);
    let gap_after = words
        .get(cue.end)
        .map(|after| &sentence[words[cue.end - 1].span.end..after.span.start]);
    let is_comma = |gap: Option<&str>| gap.is_some_and(|gap| gap.trim() == ",");
    is_comma(gap_before) && is_comma(gap_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_phrase_s_first_words_open_a_cue() {
        let openers = Openers::of(BEFORE_PREDICATE);
        for opener in ["not", "didn't", "never"] {
            assert!(openers.may_open(opener), "{opener}");
        }
        for other in ["troops", "nt", "ties"] {
            assert!(!openers.may_open(other), "{other}");
        }
    }

    /// A sentence with its predicate between brackets, "does not [end] ties", as the sentence and the predicate's
    /// bytes.
    fn marked(text: &str) -> (String, Range<usize>) {
        let start = text.find('[').expect("a [ before the predicate");
        let end = text.find(']').expect("a ] after the predicate") - 1;
        (text.replace(['[', ']'], ""), start..end)
    }

    /// Checks every case (a marked sentence and the trigger expected, as written) and reports all that fail.
    fn assert_triggers(cases: &[(&str, Option<&str>)]) {
        assert_cases(cases, |sentence, predicate| {
            negation(sentence, predicate).map(|negation| negation.trigger)
        });
    }

    /// Checks every case (a marked sentence and the hedge expected) and reports all that fail.
    fn assert_hedges(cases: &[(&str, Option<&str>)]) {
        assert_cases(cases, is_hedged);
    }

    /// Runs `read` on every case's sentence and predicate, and reports every case whose answer is not the one
    /// expected.
    fn assert_cases(
        cases: &[(&str, Option<&str>)],
        read: impl Fn(&str, Range<usize>) -> Option<String>,
    ) {
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|&(text, expected)| {
                let (sentence, predicate) = marked(text);
                let found = read(&sentence, predicate);
                (found.as_deref() != expected)
                    .then(|| format!("{text}\n  expected {expected:?}, found {found:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_shapes_of_the_issue() {
        assert_triggers(&[
            (
                "the split will in no way [affect] the supply deal",
                Some("in no way"),
            ),
            (
                "The ministry said the change will not [hinder] cooperation.",
                Some("not"),
            ),
            (
                "officials denied that the withdrawal [marks the end of] the relationship",
                Some("denied that"),
            ),
            (
                "The ministry denied the withdrawal [ends] the relationship.",
                Some("denied"),
            ),
            (
                "The utility disputed accusations that its lines [caused] the fire.",
                Some("disputed accusations that"),
            ),
            (
                "The delegation was denied entry and the pullout [ends] ties.",
                None,
            ),
            (
                "“This is not [the end of] our relationship,” the envoy said.",
                Some("not"),
            ),
            (
                "The pullout not only [ends] the deal but also the drone flights.",
                None,
            ),
        ]);
    }

    #[test]
    fn every_pre_negation_trigger_negates_what_follows() {
        assert_triggers(&[
            (
                "The junta's decision will not [end] military cooperation.",
                Some("not"),
            ),
            (
                "Officials said the base closure cannot [end] the accord.",
                Some("cannot"),
            ),
            (
                "The drawdown has not yet [ended] the training programme.",
                Some("not yet"),
            ),
            (
                "The pullout has yet to [end] the intelligence partnership.",
                Some("yet to"),
            ),
            (
                "The withdrawal no longer [threatens] the supply deal.",
                Some("no longer"),
            ),
            (
                "No decision to [end] the partnership has been taken.",
                Some("No"),
            ),
            (
                "The junta has never [ended] a defence pact without notice.",
                Some("never"),
            ),
            (
                "Neither the coup nor the pullout [ends] the relationship.",
                Some("Neither"),
            ),
            (
                "The pullout spares the mission, nor does it [sever] diplomatic ties.",
                Some("nor"),
            ),
            (
                "The withdrawal is by no means [the end of] the partnership.",
                Some("by no means"),
            ),
            (
                "The decision does not at all [end] cooperation.",
                Some("not at all"),
            ),
            (
                "Far from [ending] the relationship, the pullout opens a new chapter.",
                Some("Far from"),
            ),
            (
                "The troops left without [ending] the basing agreement.",
                Some("without"),
            ),
            (
                "The cabinet chose to renegotiate rather than [end] the accord.",
                Some("rather than"),
            ),
            (
                "Niamey proposed a review instead of [terminating] the pact.",
                Some("instead of"),
            ),
            (
                "The ministry denies that the pullout [severs] ties with Washington.",
                Some("denies that"),
            ),
            (
                "Both capitals deny that the dispute [ends] their cooperation.",
                Some("deny that"),
            ),
            (
                "The embassy denied reports that the exit [ends] the alliance.",
                Some("denied reports that"),
            ),
            (
                "The embassy rejected claims that the exit [ends] the partnership.",
                Some("rejected claims that"),
            ),
            (
                "A spokesman rejected suggestions that the move [marks the end of] the alliance.",
                Some("rejected suggestions that"),
            ),
            (
                "The ministry rejects reports that the pullout [cuts off] intelligence sharing.",
                Some("rejects reports that"),
            ),
            (
                "Officials dismissed claims that the withdrawal [ends] cooperation.",
                Some("dismissed claims that"),
            ),
            (
                "The general dismissed reports that the closure [severs] military ties.",
                Some("dismissed reports that"),
            ),
            (
                "The junta ruled out [ending] the partnership entirely.",
                Some("ruled out"),
            ),
            (
                "Parliament refused to [end] the defence pact.",
                Some("refused to"),
            ),
            (
                "Negotiators failed to [end] the standoff over the base.",
                Some("failed to"),
            ),
            (
                "It is untrue that the pullout [ends] the partnership.",
                Some("untrue that"),
            ),
            (
                "It is not true that the pullout [ends] the partnership.",
                Some("not"),
            ),
        ]);
    }

    #[test]
    fn contractions_negate_with_straight_and_curly_apostrophes() {
        assert_triggers(&[
            (
                "The ministry said the pullout doesn't [mark the end of] the partnership.",
                Some("doesn't"),
            ),
            (
                "Diplomats insisted the dispute won't [sever] ties between the capitals.",
                Some("won't"),
            ),
            (
                "The drawdown didn't [end] intelligence sharing, a spokesman said.",
                Some("didn't"),
            ),
            (
                "The move wouldn't [cut off] aid to the region, officials argued.",
                Some("wouldn't"),
            ),
            (
                "The closure isn't [the end of] the relationship, the envoy said.",
                Some("isn't"),
            ),
            (
                "The departure wasn't [the end of] the alliance.",
                Some("wasn't"),
            ),
            (
                "Niamey can't [sever] its ties with Paris overnight.",
                Some("can't"),
            ),
            (
                "The accord couldn't [end] cooperation on counterterrorism.",
                Some("couldn't"),
            ),
            (
                "The dispute shouldn't [end] the partnership, the senator said.",
                Some("shouldn't"),
            ),
            (
                "The withdrawal hasn't [ended] cooperation on border security.",
                Some("hasn't"),
            ),
            (
                "The two armies haven't [severed] their links, officers said.",
                Some("haven't"),
            ),
            (
                "The pullout hadn't [ended] the training programme by March.",
                Some("hadn't"),
            ),
            (
                "The two sides aren't [ending] their partnership.",
                Some("aren't"),
            ),
            (
                "The talks weren't [the end of] the relationship.",
                Some("weren't"),
            ),
            (
                "The pullout don't [end] nothing, a protester shouted.",
                Some("don't"),
            ),
            (
                "The pullout doesn’t [end] the relationship, the ambassador said.",
                Some("doesn’t"),
            ),
            (
                "Officials said the base closure won’t [sever] ties.",
                Some("won’t"),
            ),
            ("The exit isn’t [the end of] the story.", Some("isn’t")),
            (
                "The withdrawal hasn’t yet [ended] the drone programme.",
                Some("hasn’t yet"),
            ),
        ]);
    }

    #[test]
    fn post_negation_triggers_negate_what_precedes() {
        assert_triggers(&[
            (
                "Reports that the withdrawal [ends] the partnership were denied.",
                Some("were denied"),
            ),
            (
                "A claim that the pullout [severed] ties was denied on Monday.",
                Some("was denied"),
            ),
            (
                "The suggestion that the exit [ends] cooperation has been denied.",
                Some("has been denied"),
            ),
            (
                "Talk that the closure [marks the end of] the alliance is untrue.",
                Some("is untrue"),
            ),
            (
                "The idea that the pullout [ends] the relationship is not true.",
                Some("is not true"),
            ),
            (
                "That the withdrawal [ends] the relationship isn’t true, officials said.",
                Some("isn’t true"),
            ),
            (
                "Plans to [end] the accord were ruled out at the summit.",
                Some("were ruled out"),
            ),
            (
                "The report that the junta [ended] the pact is false.",
                Some("is false"),
            ),
            (
                "The pullout [ends] the basing deal, which was denied at first.",
                None,
            ),
        ]);
        let sentence = "Reports that the withdrawal ends the partnership were denied.";
        let at = sentence.find("ends").unwrap();
        let found = negation(sentence, at..at + 4).unwrap();
        assert_eq!(found.kind, NegationKind::Post);
        assert_eq!(&sentence[found.span], "were denied");
    }

    #[test]
    fn pseudo_negations_do_not_negate() {
        assert_triggers(&[
            (
                "The withdrawal not just [ends] the drone programme; it reshapes the region.",
                None,
            ),
            (
                "The withdrawal not merely [ends] the drone programme.",
                None,
            ),
            (
                "There is no doubt the exit [marks the end of] an era.",
                None,
            ),
            (
                "The pullout does not necessarily [end] the relationship.",
                None,
            ),
            (
                "No sooner had the troops left than the junta [ended] the pact.",
                None,
            ),
            (
                "The move matters not least because it [ends] the basing deal.",
                None,
            ),
            (
                "The withdrawal is nothing but [the end of] the partnership.",
                None,
            ),
            (
                "The mission will last no longer than six months and then [end].",
                None,
            ),
            (
                "The exit hurts trade not to mention that it [ends] the security pact.",
                None,
            ),
            (
                "Whether or not the pullout [ends] the partnership remains unclear.",
                None,
            ),
            (
                "The pullout will strain, if not [end], the partnership.",
                None,
            ),
        ]);
    }

    #[test]
    fn words_that_start_a_clause_end_the_scope() {
        assert_triggers(&[
            (
                "The pullout does not end the training mission but it [ends] the basing deal.",
                None,
            ),
            (
                "The envoy did not comment however the accord [ends] in May.",
                None,
            ),
            (
                "The ministry did not object although the move [ends] the pact.",
                None,
            ),
            (
                "The pullout did not surprise anyone though it [ends] a decade of cooperation.",
                None,
            ),
            (
                "The talks have not collapsed yet the pullout [ends] the basing deal.",
                None,
            ),
            (
                "Officials did not speak while the junta [ended] the pact.",
                None,
            ),
            (
                "The army is not leaving whereas the civilian mission [ends] in June.",
                None,
            ),
            (
                "No troops will remain except a team whose deployment [ends] in June.",
                None,
            ),
        ]);
    }

    #[test]
    fn punctuation_that_ends_a_clause_ends_the_scope() {
        assert_triggers(&[
            (
                "The base will not close this year; the agreement [ends] in May.",
                None,
            ),
            (
                "The ministry did not hesitate: the withdrawal [ends] the pact.",
                None,
            ),
            (
                "Officials did not flinch - the pullout [ends] the partnership.",
                None,
            ),
            (
                "Officials did not flinch – the pullout [ends] the partnership.",
                None,
            ),
            (
                "Officials did not flinch—the pullout [ends] the partnership.",
                None,
            ),
            (
                "The minister called it “not a rupture” and said it [ends] the basing deal.",
                None,
            ),
            (
                "The minister called it \"not a rupture\" and said it [ends] the basing deal.",
                None,
            ),
            (
                "The base did not close. The withdrawal [ends] the deal.",
                None,
            ),
            (
                "The junta did not consult Paris, and the pullout [ends] the partnership.",
                None,
            ),
            (
                "Was it not obvious? The pullout [ends] the partnership.",
                None,
            ),
            (
                "The minister said \"the pullout will not [end] the partnership\" on Monday.",
                Some("not"),
            ),
        ]);
    }

    #[test]
    fn a_short_aside_between_commas_keeps_the_scope() {
        assert_triggers(&[
            ("The pullout will not, officials said, [end] the partnership.", Some("not")),
            ("The withdrawal does not, however, [end] the partnership.", Some("not")),
            (
                "Officials denied that the withdrawal, which began in May, [ends] the relationship.",
                Some("denied that"),
            ),
        ]);
    }

    #[test]
    fn the_scope_reaches_eight_words() {
        assert_triggers(&[
            (
                "The ministry did not expect the withdrawal of the remaining units to [end] ties.",
                Some("not"),
            ),
            (
                "The ministry did not expect the withdrawal of the last remaining units to [end] ties.",
                None,
            ),
        ]);
    }

    #[test]
    fn an_even_number_of_negations_affirms() {
        assert_triggers(&[
            (
                "The ministry did not deny that the withdrawal [ends] the relationship.",
                None,
            ),
            (
                "Officials never denied that the pullout [marks the end of] the partnership.",
                None,
            ),
            (
                "Reports that the exit does not [end] cooperation are untrue.",
                None,
            ),
            ("The junta did not refuse to [end] the pact.", None),
            (
                "The envoy did not deny that the pullout will never [end] the partnership.",
                Some("never"),
            ),
            (
                "The pullout did not end the basing deal nor [cut off] aid.",
                Some("not"),
            ),
        ]);
    }

    #[test]
    fn only_the_negated_clause_of_two_is_negated() {
        assert_triggers(&[
            ("The pullout does not [end] cooperation, but it ends the basing deal.", Some("not")),
            ("The pullout does not end cooperation, but it [ends] the basing deal.", None),
            ("The pullout ends the basing deal but does not [end] cooperation.", Some("not")),
            ("The pullout [ends] the basing deal but does not end cooperation.", None),
            ("The pullout [ends] the basing deal, not the partnership.", None),
            (
                "Officials denied that the exit ends the pact; they said it [ends] only the drone mission.",
                None,
            ),
        ]);
    }

    #[test]
    fn the_negation_says_where_its_trigger_is() {
        let sentence = "Officials denied that the withdrawal ends ties.";
        let at = sentence.find("ends").unwrap();
        let found = negation(sentence, at..at + 4).unwrap();
        assert_eq!(
            found,
            Negation {
                trigger: "denied that".into(),
                span: 10..21,
                kind: NegationKind::Pre,
            }
        );
    }

    #[test]
    fn a_predicate_outside_the_words_is_never_negated() {
        let sentence = "The pullout does not end ties.";
        assert_eq!(negation(sentence, 100..120), None);
        assert_eq!(negation(sentence, 29..30), None);
        assert_eq!(negation("", 0..0), None);
        assert_eq!(is_hedged("", 0..3), None);
    }

    #[test]
    fn modal_cues_hedge_what_follows() {
        assert_hedges(&[
            ("The pullout could [end] the partnership.", Some("could")),
            ("The dispute may [sever] ties for years.", Some("may")),
            ("The drawdown might [end] joint patrols.", Some("might")),
            (
                "Analysts said the exit would [end] the basing deal.",
                Some("would"),
            ),
            (
                "The withdrawal possibly [ends] the training mission.",
                Some("possibly"),
            ),
            (
                "The junta reportedly [ended] the pact on Monday.",
                Some("reportedly"),
            ),
            (
                "The base closes if the parliament [ends] the accord.",
                Some("if"),
            ),
            (
                "The pullout does not necessarily [end] the relationship.",
                Some("not necessarily"),
            ),
            ("In May the junta [ended] the pact.", None),
            ("The pullout [ends] the partnership.", None),
            (
                "The drawdown could begin soon, but the deal [ends] in May.",
                None,
            ),
        ]);
    }

    /// The failure shapes the module docs name, so that the docs stay true.
    #[test]
    fn the_documented_failures_still_fail() {
        assert_triggers(&[
            (
                "No one doubts that the pullout [ends] the partnership.",
                Some("No"),
            ),
            (
                "The junta denied the convoy passage as the pullout [ends] ties.",
                Some("denied"),
            ),
            (
                "The junta did not consult Paris, the agency said, and the pullout [ends] ties.",
                Some("not"),
            ),
            (
                "The pullout will not, according to two senior officials, [end] the partnership.",
                None,
            ),
        ]);
        assert_hedges(&[
            ("If the talks fail, the partnership [ends].", None),
            (
                "Officials said the pullout would [end] ties.",
                Some("would"),
            ),
        ]);
    }
}
