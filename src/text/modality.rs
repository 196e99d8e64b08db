//! Done or planned: does a sentence report an event as having happened, or as planned, agreed, expected or
//! conditional? "50 hostages would be released" and "the withdrawal will be complete by the end of August" state
//! plans; "62 hostages have been released" and "completed its withdrawal late Monday" state what was done.
//!
//! Read like negation ([`super::negation`], after NegEx): cue words stand near the mention, on either side, in the
//! same stretch of the sentence (the same scope ends: a comma that does not open a short aside, a semicolon, a dash,
//! "but", "while" ...), at most [`MAX_SCOPE_WORDS`] words away.
//!
//! - **Planned cues** ([`PLANNED_CUES`]), on either side: a future or conditional auxiliary ("will", "would",
//!   "could"), a plan or an agreement ("plans to", "expected to", "agreed to", "is to", "to be", "calls for"), a
//!   condition ("if", "as long as", "for every").
//! - **Done cues**: before the mention, a perfect or past auxiliary ("has", "had", "were") or a verb in the past
//!   tense at most [`PAST_VERB_REACH`] words before it ("freed 17 more hostages"); after it, a perfect auxiliary
//!   ("have been released", "had left") or a passive in the past ("were freed"); on either side, "so far",
//!   "already", "to date", "in total". The mention's own first word counts too when it is a verb in the past
//!   tense ("completed its withdrawal").
//!
//! A planned cue wins over a done cue: "would be extended if 10 more were freed" is a condition, not a release.
//!
//! # Limits
//!
//! Tense is read from word endings, not syntax: a past tense is a word ending in "-ed" (but for verbs of saying and
//! of holding: "announced", "detained") or one of a few irregular forms ("left", "began"). "Hamas releases 24
//! hostages" (a headline's present) carries no cue either way.

use std::ops::Range;

use super::negation::{gap_scope_ends, phrase_length, predicate_words, SCOPE_ENDING_WORDS};
use super::wording::{self, Word};

/// How many words may stand between a cue and the mention it governs.
pub const MAX_SCOPE_WORDS: usize = 8;

/// How many words before the mention a verb in the past tense may stand to make it done ("released at least 17").
pub const PAST_VERB_REACH: usize = 3;

/// Cues that make a mention planned, agreed, expected or conditional; a word may list alternatives with `|`.
pub const PLANNED_CUES: &[&str] = &[
    "will",
    "would",
    "shall",
    "won't",
    "wouldn't",
    "could",
    "can",
    "might",
    "is|are|was|were|be to",
    "is|are|was|were due to",
    "due to be",
    "to be",
    "plan|plans|planned|planning to",
    "plan|plans|planned|planning for",
    "expect|expects|expected to",
    "is|are|was|were set to",
    "scheduled|slated|poised|supposed|meant to",
    "aim|aims|aimed to",
    "agree|agrees|agreed to",
    "hope|hopes|hoped to",
    "intend|intends|intended to",
    "promise|promises|promised to",
    "pledge|pledges|pledged to",
    "going to",
    "call|calls|called for",
    "provide|provides|provided for",
    "if",
    "unless",
    "as long as",
    "for every",
    "in case",
];

/// Cues that make a mention done when they stand before it.
pub const DONE_BEFORE: &[&str] = &[
    "has|have|had",
    "was|were",
    "so far",
    "to date",
    "already",
    "in total",
];

/// Cues that make a mention done when they stand after it ("have been released" is read from its first words;
/// "were freed" needs its verb, see [`past_passive`]).
pub const DONE_AFTER: &[&str] = &[
    "has|have|had been",
    "so far",
    "to date",
    "already",
    "in total",
];

/// Words in "-ed" that are no event done: verbs of saying and thinking, of holding and placing, and those a plan
/// is made of.
const NOT_DONE_IN_ED: &[&str] = &[
    "said",
    "reported",
    "announced",
    "confirmed",
    "stated",
    "added",
    "noted",
    "estimated",
    "expected",
    "planned",
    "scheduled",
    "agreed",
    "proposed",
    "demanded",
    "needed",
    "wanted",
    "hoped",
    "feared",
    "believed",
    "claimed",
    "included",
    "detained",
    "imprisoned",
    "jailed",
    "kidnapped",
    "abducted",
    "captured",
    "held",
    "stationed",
    "based",
    "located",
    "called",
    "supposed",
    "aimed",
    "intended",
    "promised",
    "pledged",
    "allowed",
    "delayed",
    "postponed",
    "red",
    "need",
    "speed",
    "seed",
    "feed",
    "united",
    "limited",
    "armed",
    "related",
    "alleged",
    "unnamed",
    "unidentified",
    "injured",
    "wounded",
];

/// Irregular verbs in the past tense that report an event done.
const IRREGULAR_PAST: &[&str] = &[
    "left", "took", "went", "began", "came", "gave", "flew", "sent", "fell", "rose", "struck",
    "freed", "let", "won", "lost", "withdrew", "drew", "saw",
];

/// How a sentence reports a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// As done: it happened.
    Done,
    /// As planned, agreed, expected or conditional.
    Planned,
}

/// The cue that gives a mention its mode: the mode and the cue as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeCue {
    /// The mode the cue gives.
    pub mode: Mode,
    /// The cue as written ("would", "have been", "freed").
    pub cue: String,
}

/// The mode of the mention at bytes `mention` of `sentence`, with its cue, or `None` when no cue governs it. A
/// planned cue wins over a done cue.
///
/// ```
/// use factlint::text::modality::{mode, Mode};
///
/// let sentence = "Under the plan, 40 detainees would be released on Friday.";
/// let at = sentence.find("40").unwrap();
/// assert_eq!(mode(sentence, at..at + 2).map(|m| m.mode), Some(Mode::Planned));
/// let sentence = "By Sunday 40 detainees had been released.";
/// let at = sentence.find("40").unwrap();
/// assert_eq!(mode(sentence, at..at + 2).map(|m| m.mode), Some(Mode::Done));
/// ```
pub fn mode(sentence: &str, mention: Range<usize>) -> Option<ModeCue> {
    let words = wording::words(sentence, 0);
    let own = predicate_words(&words, &mention)?;
    let ends = scope_ends(sentence, &words);
    let before = reach_before(&words, &ends, own.start);
    let after = reach_after(&words, &ends, own.end);
    let cue = |mode: Mode, span: Range<usize>| ModeCue {
        mode,
        cue: wording::display(sentence, &words, span).to_string(),
    };
    let planned_before = before
        .clone()
        .rev()
        .find_map(|at| cue_at(&words, at, PLANNED_CUES));
    let planned_after = after
        .clone()
        .find_map(|at| cue_at(&words, at, PLANNED_CUES));
    if let Some(span) = planned_before.or(planned_after) {
        return Some(cue(Mode::Planned, span));
    }
    let done_before = before.clone().rev().find_map(|at| {
        let past_verb = own.start - at <= PAST_VERB_REACH && is_past(&words[at].key);
        cue_at(&words, at, DONE_BEFORE).or(past_verb.then(|| at..at + 1))
    });
    let own_verb = is_past(&words[own.start].key).then(|| own.start..own.start + 1);
    // "24 hostages released on the first day": a participle right after the mention or its noun, as headlines
    // write it
    let participle = after
        .clone()
        .take(2)
        .find(|&at| is_past(&words[at].key))
        .map(|at| at..at + 1);
    let done_after = after
        .clone()
        .find_map(|at| done_cue_after(&words, at).or_else(|| past_passive(&words, at)));
    let done_after = participle.or(done_after);
    own_verb
        .or(done_before)
        .or(done_after)
        .map(|span| cue(Mode::Done, span))
}

/// Where no scope reaches across the gap before each word: [`gap_scope_ends`], but for the comma of a figure's
/// thousands ("146,000") and a scope-ending word ("but", "while").
fn scope_ends(sentence: &str, words: &[Word]) -> Vec<bool> {
    let mut ends = gap_scope_ends(sentence, words);
    for (j, pair) in words.windows(2).enumerate() {
        let between = &sentence[pair[0].span.end..pair[1].span.start];
        let digits = |w: &Word| w.key.chars().all(|c| c.is_ascii_digit());
        if between == "," && digits(&pair[0]) && digits(&pair[1]) {
            ends[j + 1] = false;
        }
        if SCOPE_ENDING_WORDS.contains(&pair[1].key.as_str()) {
            ends[j + 1] = true;
        }
    }
    ends
}

/// The indices of the words before word `start` that a cue may stand at: up to [`MAX_SCOPE_WORDS`], back to the
/// nearest scope end.
fn reach_before(words: &[Word], ends: &[bool], start: usize) -> Range<usize> {
    let mut first = start;
    while first > 0 && start - first < MAX_SCOPE_WORDS && !ends[first] {
        first -= 1;
    }
    first.min(words.len())..start
}

/// The indices of the words from word `end` on that a cue may stand at: up to [`MAX_SCOPE_WORDS`], to the nearest
/// scope end.
fn reach_after(words: &[Word], ends: &[bool], end: usize) -> Range<usize> {
    let mut last = end;
    while last < words.len() && last - end < MAX_SCOPE_WORDS && !ends[last] {
        last += 1;
    }
    end..last
}

/// The words of the longest cue of `cues` that starts at word `at`.
fn cue_at(words: &[Word], at: usize, cues: &[&str]) -> Option<Range<usize>> {
    cues.iter()
        .filter_map(|cue| phrase_length(cue, &words[at..]))
        .max()
        .map(|len| at..at + len)
}

/// A cue of [`DONE_AFTER`] at word `at`, unless its perfect passive is of a verb that reports no event done ("has
/// been delayed", "have been detained").
fn done_cue_after(words: &[Word], at: usize) -> Option<Range<usize>> {
    let span = cue_at(words, at, DONE_AFTER)?;
    let verb = words.get(span.end).map(|w| w.key.as_str());
    let perfect_passive = words[span.end - 1].key == "been";
    match perfect_passive && verb.is_some_and(|v| NOT_DONE_IN_ED.contains(&v)) {
        true => None,
        false => Some(span),
    }
}

/// "was|were" followed by a verb in the past tense ("were freed", "was completed") at word `at`.
fn past_passive(words: &[Word], at: usize) -> Option<Range<usize>> {
    let verb = words.get(at + 1)?;
    (matches!(words[at].key.as_str(), "was" | "were") && is_past(&verb.key)).then(|| at..at + 2)
}

/// True when `key` reads as a verb in the past tense that reports an event done.
fn is_past(key: &str) -> bool {
    IRREGULAR_PAST.contains(&key)
        || (key.len() > 4 && key.ends_with("ed") && !NOT_DONE_IN_ED.contains(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mode of the bracketed mention: "Hamas [freed 17] hostages".
    fn read(marked: &str) -> Option<(Mode, String)> {
        let start = marked.find('[').unwrap();
        let end = marked.find(']').unwrap() - 1;
        let sentence = marked.replace(['[', ']'], "");
        mode(&sentence, start..end).map(|c| (c.mode, c.cue))
    }

    fn planned(cue: &str) -> Option<(Mode, String)> {
        Some((Mode::Planned, cue.to_string()))
    }

    fn done(cue: &str) -> Option<(Mode, String)> {
        Some((Mode::Done, cue.to_string()))
    }

    #[test]
    fn future_plans_and_agreements_are_planned() {
        assert_eq!(
            read("The council said [30] families would be rehoused."),
            planned("would")
        );
        assert_eq!(
            read("Some [200] workers are to return on Monday."),
            planned("are to")
        );
        assert_eq!(
            read("The board agreed to hire [12] nurses."),
            planned("agreed to")
        );
        assert_eq!(
            read("It is the first group of [80] pupils to be moved."),
            planned("to be")
        );
        assert_eq!(
            read("The pact calls for [400] fishing permits."),
            planned("calls for")
        );
    }

    #[test]
    fn conditions_are_planned_even_beside_a_past_tense() {
        assert_eq!(
            read("The pause grows by a day for every [5] captives who were freed."),
            planned("for every")
        );
    }

    #[test]
    fn perfect_and_past_tenses_are_done() {
        assert_eq!(
            read("By noon [62] passengers had been rescued."),
            done("had been")
        );
        assert_eq!(
            read("The crew winched [14] climbers off the ridge."),
            done("winched")
        );
        assert_eq!(
            read("The rebels have freed [69] of the 240 captives."),
            done("freed")
        );
        assert_eq!(
            read("[11] sailors were rescued at dawn."),
            done("were rescued")
        );
        assert_eq!(
            read("The army [completed] its pullout on Monday."),
            done("completed")
        );
        assert_eq!(
            read("Truce holds: [31] captives freed on the first day"),
            done("freed")
        );
    }

    #[test]
    fn a_delay_or_a_detention_is_no_event_done() {
        assert_eq!(
            read("The swap that would free [30] captives has been delayed."),
            planned("would")
        );
        assert_eq!(
            read("The release of [30] captives has been postponed."),
            None
        );
        assert_eq!(read("[12] reporters have been detained since May."), None);
    }

    #[test]
    fn a_scope_ends_at_a_clause_cut() {
        assert_eq!(
            read("The ferry landed [300] tourists, and more will follow."),
            done("landed")
        );
        assert_eq!(read("Only [40] cabins, officials say, are occupied."), None);
        assert_eq!(
            read("The [9,000] of the 120,000 members would strike."),
            planned("would")
        );
    }

    #[test]
    fn states_and_sayings_are_no_event_done() {
        assert_eq!(read("Police detained [25] protesters."), None);
        assert_eq!(read("Officials announced [25] new posts."), None);
        assert_eq!(read("The agency releases [25] names today."), None);
    }
}
