//! Date claims in words: the date of an event, named by its verb or noun (`event: [terminate, revoke]` finds
//! "terminated", "revoking", "the termination"), done to an `object` in the same clause.
//!
//! The value is the date phrase that governs the event's clause
//! ([`crate::kinds::quantity::asof::governing_event_date`]), not any date of the sentence: in "the ministry announced
//! on Saturday it had scrapped the 2019 trade accord" Saturday dates the scrapping and 2019 names the accord; in
//! "Relations soured after the July 2023 coup" July 2023 names the coup. Dates that belong to the object's noun
//! phrase ("the 2012 accord", "an agreement from 2012") never date the event.
//!
//! Besides the governing date, a date may name the event: written before its noun ("the Aug. 31 deadline", "last
//! week's strike"), set off by commas after its verb ("denounced, last week, the agreement") or opened by "from"
//! right after it ("starting from Friday"). A saying's date never dates a plan it reports ("said Monday it would
//! end the accord"). The object may stand in the clause before when the event's clause has no subject of its own
//! ("The truce, which began Friday").
//!
//! `deadline_for` lists events whose *deadline* is the value: only a date phrase with a deadline qualifier ("by",
//! "until", "no later than") binds to them, so "left Niger on Aug. 5" is not a deadline of leaving.

use std::ops::Range;

use jiff::civil::Date;

use super::quantity::{BETWEEN_WORDS, WORD};
use super::{
    borrowed_subjects, clauses_before, compile, judged_sentence_words, leading_words, region,
    sentence_words, shift, union, unshift, Conditions, Places, Scope, Topic, WordFields, MODALS,
    OBJECT_PRONOUNS, PREPOSITIONS,
};
use crate::kinds::date::{
    count_word, date_in_tense, guess_tense, may_hold_date, moment_phrases, parse_moment, Anchor,
    DateError, DateQualifier, DateRange, Day, Tense,
};
use crate::kinds::quantity::asof::{clause_around, governing_event_date, Reason, Rejection};
use crate::kinds::{FieldProblem, Kind, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;
use crate::text::inflect::Part;
use crate::text::negation::negation;
use crate::text::words::{Hit, Token, WordList};

/// Determiners and possessives that open the object's noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "all",
];

/// Words a noun phrase never reaches back over: prepositions, conjunctions, pronouns and words of time.
const PHRASE_BREAKS: &[&str] = &[
    "in", "on", "at", "by", "of", "from", "to", "for", "with", "into", "onto", "over", "under",
    "near", "above", "below", "across", "against", "after", "before", "since", "until", "during",
    "through", "toward", "towards", "and", "or", "but", "nor", "as", "when", "while", "which",
    "that", "who", "whom", "whose", "where", "it", "they", "he", "she", "we", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would",
];

/// Words between an object and a date that make the date the object's own: "an agreement from 2012", "the pact
/// signed in 2012".
const OBJECT_DATES: &[&str] = &[
    "from",
    "of",
    "signed",
    "dated",
    "dating",
    "concluded",
    "struck",
    "reached",
];

/// Nouns that head a compound with the event's noun, so that a date before the compound is theirs: "the May 1
/// withdrawal deadline", "the August 31 withdrawal date".
const COMPOUND_HEADS: &[&str] = &[
    "deadline",
    "date",
    "target",
    "timeline",
    "timetable",
    "anniversary",
];

/// The last word of a date phrase: a day or year number, a month, a weekday or a holiday's ("New Year's Day"), as a
/// regex.
const DATE_END: &str = r"(?:\b[0-9]{1,4}|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?|(?:year['’]?s|christmas)\s+(?:day|eve)|boxing\s+day|valentine['’]?s\s+day|\bhalloween)";

/// The last word of a relative date phrase that stands before a noun only with its possessive: "last week's
/// strike", "yesterday's quake", "Friday night's truce".
const RELATIVE_END: &str =
    r"\b(?:week|weekend|month|year|yesterday|today|tonight|morning|afternoon|evening|night)";

/// The auxiliaries of a passive between a pronoun for the object and its event ("it was signed"), as a regex.
const PASSIVE_AUXILIARY: &str = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been)";

/// How many words may stand between an event word and its object in a candidate ("ended its long-standing
/// military cooperation agreement").
const EVENT_GAP: usize = 8;

/// A date claim written in words.
#[derive(Debug)]
pub struct WordDateClaim {
    /// The generated patterns: an event word near an object word, either order (or the event word alone).
    pub patterns: Vec<RulePattern>,
    event: WordList,
    deadline_for: WordList,
    object: WordList,
    conditions: Conditions,
}

impl WordDateClaim {
    /// Builds the claim; `event` or `deadline_for` is required.
    pub fn build(fields: &WordFields) -> Result<WordDateClaim, FieldProblem> {
        if fields.event.is_empty() && fields.deadline_for.is_empty() {
            return Err(FieldProblem {
                field: "kind",
                message:
                    "a date claim in words needs at least one entry in `event` or `deadline_for`"
                        .into(),
            });
        }
        let event = WordList::new(&fields.event, Part::Verb);
        let deadline_for = WordList::new(&fields.deadline_for, Part::Verb);
        // "announced it would withdraw": an object may be written as a verb too
        let object = WordList::new(&fields.object, Part::Any);
        let events = [&event, &deadline_for]
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.alternation())
            .collect::<Vec<_>>()
            .join("|");
        let events = format!("(?:{events})");
        // "tore the accord up", "pull its troops out by": an object inside a phrasal verb
        let split = [&event, &deadline_for]
            .iter()
            .filter_map(|l| l.split_alternation())
            .map(|pattern| compile(&pattern, "event"))
            .collect::<Result<Vec<_>, _>>()?;
        let mut patterns = if object.is_empty() {
            vec![compile(&events, "event")?]
        } else {
            let objects = object.alternation();
            let gap = format!(r"(?:{BETWEEN_WORDS}{WORD}){{0,{EVENT_GAP}}}?{BETWEEN_WORDS}");
            let mut patterns = vec![
                compile(&format!("{events}{gap}{objects}"), "object")?,
                compile(&format!("{objects}{gap}{events}"), "object")?,
                // "the deal ... since it was signed", "Moscow let it expire": a pronoun for the object
                compile(
                    &format!(r"\b(?:it|them)(?:\s+{PASSIVE_AUXILIARY})?\s+{events}"),
                    "object",
                )?,
            ];
            if !event.is_empty() {
                // "the Aug. 31 deadline", "Tuesday's deadline": a date that names the event's noun, object or not
                let named = format!(
                    r"(?:{DATE_END}|(?:{DATE_END}|{RELATIVE_END})['’]s(?:\s+[\w.-]+){{0,{MODIFIERS}}})\s+{}",
                    event.alternation()
                );
                patterns.push(compile(&named, "event")?);
            }
            patterns
        };
        patterns.extend(split);
        Ok(WordDateClaim {
            patterns,
            event,
            deadline_for,
            object,
            conditions: Conditions::new(fields),
        })
    }

    /// The event words in `span`: the hits of `event`, then of `deadline_for` (true for a deadline).
    fn events_in(&self, sentence: &str, words: &[Token], span: &Range<usize>) -> Vec<(Hit, bool)> {
        // the word after the match's last one: an event up to EVENT_GAP words on is one the match's overlap hid
        let next = words.iter().position(|w| w.span.start >= span.end);
        let reach = next.map_or(0, |at| at + EVENT_GAP);
        let within = |list: &WordList, deadline: bool| {
            list.hits(sentence, words)
                .into_iter()
                .filter(|h| {
                    let inside = span.start <= h.span.start && h.span.end <= span.end;
                    let hidden = h.span.start >= span.end && h.tokens.start < reach;
                    inside || hidden
                })
                .map(move |h| (h, deadline))
                .collect::<Vec<_>>()
        };
        let mut events = within(&self.event, false);
        events.extend(within(&self.deadline_for, true));
        events
    }

    /// The spans whose dates belong to the object: its noun phrase back to its determiner ("the 2012 military
    /// accord"), and a date right after it introduced by "from", "of", "signed" ("an agreement from 2012").
    fn object_phrases(
        &self,
        sentence: &str,
        words: &[Token],
        dates: &[Range<usize>],
        event: &Hit,
    ) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        for hit in self.object.hits(sentence, words) {
            let floor = if hit.tokens.start >= event.tokens.end {
                event.tokens.end
            } else {
                0
            };
            let (first, determined) = noun_phrase_start(sentence, words, hit.tokens.start, floor);
            let mut start = words[first].span.start;
            if !determined {
                // "flooding Sunday in Derna": without a determiner, a date before the noun is the clause's
                if let Some(date) = dates
                    .iter()
                    .filter(|d| start <= d.start && d.end <= hit.span.start)
                    .max_by_key(|d| d.end)
                {
                    start = date.end;
                }
            }
            spans.push(start..hit.span.end);
            // "the pact struck in 2012", but not "the quake struck on Sunday" when "struck" is the event
            let after_object = |d: &&Range<usize>| {
                d.start >= hit.span.end
                    && !(hit.span.end <= event.span.start && event.span.end <= d.start)
            };
            for date in dates.iter().filter(after_object) {
                let between = sentence_words(&sentence[hit.span.end..date.start]);
                let lead = sentence_words(&sentence[date.clone()]);
                let introduces = |w: &Token| OBJECT_DATES.contains(&w.lower.as_str());
                // "an agreement from 2012", "the pact signed in 2012", not "the troops from Afghanistan by May"
                let owned = match between.as_slice() {
                    [word] => introduces(word),
                    [word, preposition] => {
                        introduces(word) && ["in", "on", "at"].contains(&preposition.lower.as_str())
                    }
                    _ => false,
                } || (between.is_empty()
                    && lead
                        .first()
                        .is_some_and(|w| OBJECT_DATES.contains(&w.lower.as_str())));
                if owned {
                    spans.push(date.clone());
                }
            }
        }
        spans
    }
}

/// The longest first line read as a report's headline.
const HEADLINE_BYTES: usize = 300;

impl WordDateClaim {
    /// True when the first line of `text` (past front matter), a headline, names whose the claim is: one of its
    /// `of` words. A clause of the report that names no `of` word is then of the report's subject ("Announcing the
    /// troop withdrawal on Thursday, Macron said ..." under "France to pull its troops out of Mali"), unless its
    /// sentence names a `not_of` word.
    fn headline_names_whose(&self, text: &str) -> bool {
        let body = &text[crate::text::front_matter(text).map_or(0, |front| front.body_start)..];
        let Some(headline) = body.lines().map(str::trim).find(|line| !line.is_empty()) else {
            return false;
        };
        // a headline is a line of a few words, not a report written on one line
        if headline.len() > HEADLINE_BYTES {
            return false;
        }
        let words = judged_sentence_words(headline);
        self.conditions
            .names_whose(headline, &words, &(0..headline.len()))
    }

    /// The date of one event word, with the scope it names and whether the event is negated (then the phrase's
    /// bound is turned: see [`Negated`]), or why it has none.
    fn judge_event(
        &self,
        sentence: &str,
        words: &[Token],
        dates: &[Range<usize>],
        event: &Hit,
        (deadline, topic): (bool, Topic),
    ) -> Result<(Range<usize>, Scope, bool), String> {
        if let Some(compound) = hyphened_compound(sentence, &event.span) {
            return Err(format!(
                "'{}' is a compound that describes what follows it, not the event",
                &sentence[compound]
            ));
        }
        if let Some(count) = counted_events(words, event) {
            return Err(format!(
                "'{} {}' counts several events, not the one",
                count.lower,
                &sentence[event.span.clone()]
            ));
        }
        if let Some(noun) = modified_noun(words, event) {
            return Err(format!(
                "'{}' qualifies '{}': the words name the {}, not the event",
                &sentence[event.span.clone()],
                &sentence[noun.span.clone()],
                noun.lower
            ));
        }
        let mut region = region(sentence, event.span.clone(), dates);
        let aside = aside_date(sentence, words, dates, &event.span, &self.object);
        if let Some((_, rest)) = &aside {
            region.push(rest.clone());
        }
        let premodifier = premodifier_date(sentence, dates, &event.span)
            .or_else(|| apposed_date(sentence, dates, &event.span));
        if !self.object_stands(
            sentence,
            words,
            dates,
            event,
            &region,
            premodifier.is_some(),
        ) {
            return Err(format!(
                "no `object` word ({}) in the clause of '{}'",
                self.object.describe(),
                &sentence[event.span.clone()]
            ));
        }
        let subject = subject_clauses(sentence, words, dates, &region[0], event);
        let places = Places {
            region: &region,
            subject: &subject,
            topic,
            ..Places::default()
        };
        let scope = self
            .conditions
            .check_shared(sentence, words, &places, &event.span)?;
        // "did not extend the August 31 deadline", "denied the coup": a negated verb around the event's noun
        let noun = premodifier.is_some() || aside.is_some() || after_determiner(words, event);
        let negated = negation(sentence, event.span.clone()).filter(|_| !noun);
        if let Some(negated) = &negated {
            return Negated::date(
                sentence,
                dates,
                &region[0],
                event,
                deadline,
                &negated.trigger,
            )
            .map(|date| (date, scope, true));
        }
        let named = premodifier
            .or(aside.map(|(date, _)| date))
            .or_else(|| starting_from(sentence, dates, &event.span));
        let date = match named {
            Some(date) => date,
            None => {
                // "the toll in the earthquake was raised on Saturday": the clause's date is the toll's
                if let Some(head) = aftermath_head(sentence, words, event) {
                    return Err(format!(
                        "'{}' is the complement of '{head}': the clause's date tells of the {head}, not of the event",
                        &sentence[event.span.clone()]
                    ));
                }
                // "Rescuers search the rubble three days after the quake": three days before the report
                self.governing_date(sentence, words, dates, event)
                    .or_else(|refusal| days_after(sentence, dates, &event.span).ok_or(refusal))?
            }
        };
        let phrase = &sentence[date.clone()];
        let event_words = &sentence[event.span.clone()];
        if deadline && !is_deadline(phrase) {
            return Err(format!(
                "'{phrase}' is not a deadline ('by', 'until', 'no later than') of '{event_words}'"
            ));
        }
        if !deadline && is_deadline(phrase) && (!self.deadline_for.is_empty() || !until(phrase)) {
            return Err(format!(
                "'{phrase}' is a deadline, not the date of '{event_words}' (events with deadlines are `deadline_for`)"
            ));
        }
        Ok((date, scope, false))
    }

    /// True when an `object` word (if the claim has any) stands where the event's object may: in the event's
    /// clause; anywhere in the sentence when a date names the event's noun ("as the Aug. 31 deadline approaches");
    /// or, when the event's clause has no subject of its own ("The truce, which began Friday", "the strike, which
    /// will now begin", ", starting from Friday"), in the clause before it or the sentence's first clause; or
    /// before a pronoun that stands for it in the event's clause ([`pronoun_for_object`]).
    fn object_stands(
        &self,
        sentence: &str,
        words: &[Token],
        dates: &[Range<usize>],
        event: &Hit,
        region: &[Range<usize>],
        named: bool,
    ) -> bool {
        if self.object.is_empty() {
            return true;
        }
        let mut places: Vec<Range<usize>> = match named {
            true => std::iter::once(0..sentence.len()).collect(),
            false => region.to_vec(),
        };
        places.extend(subject_clauses(sentence, words, dates, &region[0], event));
        let hits = self.object.hits(sentence, words);
        let in_place = hits.iter().any(|h| {
            places
                .iter()
                .any(|r| r.start <= h.span.start && h.span.end <= r.end)
        });
        in_place
            || pronoun_for_object(words, event, &region[0])
                .is_some_and(|pronoun| hits.iter().any(|h| h.span.end <= pronoun.start))
    }

    /// The date phrase that governs the clause of `event`, or why none does.
    fn governing_date(
        &self,
        sentence: &str,
        words: &[Token],
        dates: &[Range<usize>],
        event: &Hit,
    ) -> Result<Range<usize>, String> {
        let tag = |why: &'static str| move |span: Range<usize>| (span, why);
        let mut owned: Vec<(Range<usize>, &str)> = self
            .object_phrases(sentence, words, dates, event)
            .into_iter()
            .map(tag("belongs to the object's noun phrase"))
            .collect();
        let other_nouns = other_nouns_dates(sentence, words, dates, event);
        owned.extend(
            other_nouns
                .into_iter()
                .map(tag("names the day of another noun")),
        );
        if heads_a_compound(sentence, &event.span) {
            let head = written_before(sentence, dates, &event.span);
            owned.extend(head.map(tag("dates the noun the event's word modifies")));
        }
        // "Feb 6 (Wire) - A quake struck Turkey early on Monday": the dateline dates the report
        owned.extend(
            dateline(sentence, dates).map(tag("the report's dateline, not the event's date")),
        );
        // "the toll stood at 222 as of Friday": the day a count or a state held
        owned.extend(
            status_dates(sentence, dates)
                .map(tag("the day a state held ('as of'), not an event's")),
        );
        // "Shelters opened on Monday after the quake": Monday is of what came after the event
        if let Some(sequence) = sequence_preposition(sentence, words, event) {
            owned.extend(dates.iter().filter(|d| d.end <= sequence.start).map(|d| {
                let why =
                    "dates what followed the event (before 'after', 'since' or 'following' it)";
                (d.clone(), why)
            }));
        }
        // "struck at 4:17 on Monday": a clock time's number is no other figure that parts a date from its event
        let times = clock_times(sentence, dates);
        owned.extend(times.iter().cloned().map(tag("a time of day")));
        let phrases = [dates, &times].concat();
        let spans: Vec<Range<usize>> = owned.iter().map(|(span, _)| span.clone()).collect();
        let attribution = governing_event_date(sentence, event.span.clone(), &phrases, &spans);
        if let Some(index) = attribution.date() {
            let date = phrases[index].clone();
            return match reported_under_a_plan(sentence, words, &date, event) {
                Some(saying) => Err(format!(
                    "'{}' dates the saying ('{saying}'), not the plan it reports",
                    &sentence[date]
                )),
                None => Ok(date),
            };
        }
        let why = |r: &Rejection| match r.reason {
            Reason::OtherMention => owned
                .iter()
                .find(|(span, _)| {
                    span.start <= phrases[r.date].start && phrases[r.date].end <= span.end
                })
                .map_or_else(|| r.reason.describe(), |(_, why)| why.to_string()),
            _ => r.reason.describe(),
        };
        let reasons: Vec<String> = attribution
            .rejected
            .iter()
            .filter(|r| r.date < dates.len())
            .map(|r| format!("'{}': {}", &sentence[dates[r.date].clone()], why(r)))
            .collect();
        Err(format!(
            "no date governs the clause of '{}' ({})",
            &sentence[event.span.clone()],
            reasons.join("; ")
        ))
    }
}

/// A count of days, as the date grammar reads one in "two days ago" (weeks are too loose a count to date a day).
const DAY_COUNT: &str =
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[1-9][0-9]?)\s+days?";

/// "three days after" written right before the event's noun phrase: the event lies that many days before the
/// sentence's own date ("Crowds queued for water on Thursday, three days after the quake hit"; "Eight days after the
/// quake, crews dug on Tuesday"), or, in a sentence with no date of its own (a dateline aside) that does not tell of
/// the past, before the report's ("Hopes fade ten days after the quake"). "Aid arrived, four days after the quake"
/// has neither and dates nothing. See [`days_before`].
fn days_after(
    sentence: &str,
    dates: &[Range<usize>],
    event: &Range<usize>,
) -> Option<Range<usize>> {
    static AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let after = AFTER.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)\b({DAY_COUNT}\s+after)\s+(?:(?:the|a|an|its|their|this|last\s+week['’]s)\s+)?(?:[\w.'’-]+\s+){{0,3}}$"
        ))
        .expect("the days-after regex is valid")
    });
    let phrase = after
        .captures(sentence.get(..event.start)?)?
        .get(1)?
        .range();
    let dated = reference_date(sentence, dates, &phrase).is_some();
    (dated || guess_tense(&sentence[..phrase.start]) != Tense::Past).then_some(phrase)
}

/// The date a "three days after" phrase at `phrase` counts from: the date phrase of the sentence nearest to it that
/// is neither inside it nor the sentence's dateline.
fn reference_date(
    sentence: &str,
    dates: &[Range<usize>],
    phrase: &Range<usize>,
) -> Option<Range<usize>> {
    let head = dateline(sentence, dates);
    // a stop or a spaced dash between is a sentence break the splitter missed: the date is another sentence's
    let parted = |d: &Range<usize>| {
        let between = &sentence[d.end.min(phrase.end)..d.start.max(phrase.start)];
        between.contains(". ") || between.contains("; ") || between.contains(" - ")
    };
    dates
        .iter()
        .filter(|d| d.end <= phrase.start || d.start >= phrase.end)
        .filter(|d| Some(*d) != head.as_ref() && !parted(d))
        .min_by_key(|d| {
            d.start
                .abs_diff(phrase.start)
                .min(d.end.abs_diff(phrase.start))
        })
        .cloned()
}

/// The days that the "three days after" at `found.value` ([`days_after`]) gives its event: that many days before
/// its sentence's own date when that is a single day, else before the publication date, with the day before that
/// too, since a report may be dated the day after it was written. `None` when the value is no such phrase.
fn days_before(
    text: &str,
    published: Option<Date>,
    found: &Match,
) -> Option<Result<DateRange, DateError>> {
    static WHOLE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let whole = WHOLE.get_or_init(|| {
        regex::Regex::new(r"(?i)^(\S+)\s+days?\s+after$").expect("the count regex is valid")
    });
    let phrase = &text[found.value.clone()];
    let days = count_word(&whole.captures(phrase)?[1].to_lowercase())?;
    let unresolved = || Some(Err(DateError::NeedsPublicationDate(phrase.to_string())));
    let sentence = &text[found.sentence.clone()];
    let own = unshift(&found.value, found.sentence.start);
    let reference = reference_date(sentence, &moment_phrases(sentence), &own);
    let (day, lag) = match (reference, published) {
        (Some(date), _) => {
            let anchor = Anchor::new(published, Tense::Past);
            match parse_moment(&sentence[date], anchor).map(|m| (m.range.start, m.range.end)) {
                Ok((Day::Full(first), Day::Full(last))) if first == last => (first, false),
                _ => return unresolved(),
            }
        }
        (None, Some(day)) => (day, true),
        (None, None) => return unresolved(),
    };
    let event = day.checked_sub(jiff::Span::new().days(days)).ok()?;
    let first = match lag {
        true => event.yesterday().unwrap_or(event),
        false => event,
    };
    Some(Ok(DateRange {
        start: Day::Full(first),
        end: Day::Full(event),
        qualifier: None,
    }))
}

/// The date of a dateline that opens `sentence`, with or without a place in capitals or a label before it: "Feb 6
/// (Wire) - A quake struck", "ANKARA, Feb. 6 - Rescuers", "Harlan, Ost Pref., Feb. 1 (Wire)--Crews", "2023-02-06
/// Istanbul: The toll", "Updated: Feb 6, 2023 Rescuers" (a saved page's stamp), "Update 3:19 a.m. EDT Oct. 2: At least" (a live page's entry). It dates the
/// report, not the events it tells of. A dateline is followed by a capital, maybe after a parenthesis and a dash or
/// colon; a date led by a preposition ("On Monday Turkey was hit") opens a clause instead.
fn dateline(sentence: &str, dates: &[Range<usize>]) -> Option<Range<usize>> {
    static AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let first = dates.iter().min_by_key(|d| d.start)?;
    let phrase = &sentence[first.clone()];
    let led = leading_words(phrase).next()?;
    let preposition = [
        "on", "in", "at", "by", "since", "until", "from", "for", "during",
    ];
    if preposition.contains(&led.lower.as_str()) {
        return None;
    }
    let after = AFTER.get_or_init(|| {
        regex::Regex::new(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:(?:--|[-–—:])\s*)?\p{Lu}")
            .expect("the dateline tail regex is valid")
    });
    (after.is_match(&sentence[first.end..]) && dateline_head(&sentence[..first.start]))
        .then(|| first.clone())
}

/// How many characters each part of a dateline's place may have, its first capital and its comma included
/// ("ANKARA,", "Ost Pref.,").
const PLACE_CHARS: usize = 42;

/// True when `head`, the words of a sentence before its first date, may open a dateline: nothing, a place of up to
/// three parts, each led by a capital and ended by a comma ("ANKARA, ", "Harlan, Ost Pref., "), a label
/// ("Updated: ") or a live page's entry stamp ("Update 3:19 a.m. EDT "). The parts' lengths are counted here, not by
/// a bounded repetition of a letter class in the regex, which compiles to one copy of the class's automaton per
/// repetition.
fn dateline_head(head: &str) -> bool {
    static PLACE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static STAMP: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let place = PLACE.get_or_init(|| {
        regex::Regex::new(r"^\s*(?:\p{Lu}[\p{L}.'’ -]*,\s+){1,3}$")
            .expect("the dateline place regex is valid")
    });
    let stamp = STAMP.get_or_init(|| {
        let label = r"(?i:date[ds]?|published|posted|updated|last updated)\s*:?\s*";
        let entry = format!(r"(?i:update[ds]?)\s+(?i:{CLOCK_TIME})(?:\s+\p{{Lu}}{{2,4}})?\s+");
        regex::Regex::new(&format!(r"^\s*(?:{label}|{entry})?$"))
            .expect("the dateline stamp regex is valid")
    });
    // a part's match is its capital, its letters and its comma between spaces: `trim` leaves those alone
    let short = head
        .split_inclusive(',')
        .all(|part| part.trim().chars().count() <= PLACE_CHARS);
    (short && place.is_match(head)) || stamp.is_match(head)
}

/// The date phrases led by "as of", maybe past a time of day ("as of Friday", "as of 2 p.m. on Friday"): the day a
/// count or a state held, never an event's.
fn status_dates<'d>(
    sentence: &'d str,
    dates: &'d [Range<usize>],
) -> impl Iterator<Item = Range<usize>> + 'd {
    static LED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let led = LED.get_or_init(|| {
        let time = format!(r"(?:{CLOCK_TIME}|[0-9]{{1,2}}:[0-9]{{2}})");
        regex::Regex::new(&format!(
            r"(?i)\bas\s+of(?:\s+{time}(?:\s+(?:on|local\s+time))*)?\s*$"
        ))
        .expect("the 'as of' regex is valid")
    });
    dates
        .iter()
        .filter(|d| {
            // the words just before the date: "as of" and a time of day are short
            let from = (d.start.saturating_sub(STATUS_REACH)..d.start)
                .find(|&at| sentence.is_char_boundary(at))
                .unwrap_or(d.start);
            let phrase = sentence[(*d).clone()].to_lowercase();
            let before = sentence[from..d.start].to_lowercase();
            // "as of Thursday" may be read as "as" and the phrase "of Thursday"
            let as_before_of = phrase.starts_with("of ")
                && (before.trim_end() == "as" || before.trim_end().ends_with(" as"));
            led.is_match(&before) || phrase.starts_with("as of ") || as_before_of
        })
        .cloned()
}

/// How many bytes before a date [`status_dates`] reads for its "as of" ("as of 11:30 a.m. local time on").
const STATUS_REACH: usize = 64;

/// The preposition of sequence ("after", "since", "following") whose object is the event's noun phrase, past its
/// modifiers and a measure of it ("after the powerful quake", "after a series of 7.6 quakes"): a date written before
/// it tells of what followed the event ("Shelters opened on Monday after the quake"). "N days after" is read
/// elsewhere, from the sentence's own date.
fn sequence_preposition(sentence: &str, words: &[Token], event: &Hit) -> Option<Range<usize>> {
    let first = event.tokens.start;
    let mut at = first;
    while at > 0 && first - at < SEQUENCE_REACH {
        let word = &words[at - 1];
        if sentence[word.span.end..words[at].span.start].contains([',', ';', ':']) {
            return None;
        }
        let lower = word.lower.as_str();
        if ["after", "since", "following"].contains(&lower) {
            return Some(word.span.clone());
        }
        // past the phrase's modifiers, a measure of it ("a series of quakes"), nothing else
        if PHRASE_BREAKS.contains(&lower) && lower != "of" {
            return None;
        }
        at -= 1;
    }
    None
}

/// How many words back from the event's noun [`sequence_preposition`] looks ("after a series of strong 7.6 quakes").
const SEQUENCE_REACH: usize = 7;

/// How many words after the comma that closes a date right after the event's verb the event's object may open
/// with ("announced on Thursday, the withdrawal").
const OBJECT_AFTER_ASIDE: usize = 4;

/// A date set off by commas right after the event's verb, with the clause that goes on after it: "denounced, last
/// week, the agreement" is last week, and "the agreement" stands in the event's clause. A date right after the verb
/// with a comma after it only is one too when a determiner and the claim's `object` open what follows: "announced
/// on Thursday, the withdrawal of its troops".
fn aside_date(
    sentence: &str,
    words: &[Token],
    dates: &[Range<usize>],
    event: &Range<usize>,
    object: &WordList,
) -> Option<(Range<usize>, Range<usize>)> {
    let date = dates.iter().find(|d| {
        d.start >= event.end && matches!(sentence[event.end..d.start].trim(), "," | "")
    })?;
    let set_off = !sentence[event.end..date.start].trim().is_empty();
    let rest = &sentence[date.end..];
    let comma = date.end + rest.find(',').filter(|&at| rest[..at].trim().is_empty())?;
    let next = words.iter().find(|w| w.span.start > comma)?;
    // "announced on Thursday, the withdrawal of": without a comma before it, the date is an aside only when the
    // event's object goes on after it (not in "will not reopen before Friday, the council said")
    if !set_off {
        let reach = words
            .iter()
            .filter(|w| w.span.start > comma)
            .take(OBJECT_AFTER_ASIDE)
            .last()?;
        let object_follows = DETERMINERS.contains(&next.lower.as_str())
            && !object
                .hits_in(sentence, words, &(comma..reach.span.end))
                .is_empty();
        if !object_follows {
            return None;
        }
    }
    Some((
        date.clone(),
        clause_around(sentence, next.span.clone(), dates),
    ))
}

/// The day of a "from" date right after the event's verb, without its "from": "starting from Friday morning",
/// "effective from Monday" are the start, where a "from" elsewhere opens a period that dates nothing. Likewise a
/// "since" date right after the state the event puts one in: "workers on strike since September 13" went on strike
/// that day, where "the toll has risen since Monday" dates no event.
fn starting_from(
    sentence: &str,
    dates: &[Range<usize>],
    event: &Range<usize>,
) -> Option<Range<usize>> {
    let date = dates
        .iter()
        .find(|d| d.start >= event.end && sentence[event.end..d.start].trim().is_empty())?;
    let phrase = sentence[date.clone()].to_ascii_lowercase();
    let in_state = || {
        let before = sentence[..event.start].trim_end().to_ascii_lowercase();
        before.ends_with(" on") || before == "on"
    };
    let lead = match () {
        _ if phrase.starts_with("from ") => 5,
        _ if phrase.starts_with("since ") && in_state() => 6,
        _ => return None,
    };
    let day = date.start + lead..date.end;
    let skipped = sentence[day.clone()].len() - sentence[day.clone()].trim_start().len();
    Some(day.start + skipped..day.end)
}

/// Verbs of saying: a date before one of them and before the event may be the saying's only.
const SAYING: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "reported",
    "reports",
    "told",
    "stated",
    "confirmed",
    "added",
    "declared",
    "indicated",
];

/// Verbs and adjectives of a plan or a decision, before "to": "said it had decided to end".
const PLANS: &[&str] = &[
    "decide", "decided", "decides", "agree", "agreed", "agrees", "plan", "plans", "planned",
    "intend", "intends", "intended", "want", "wants", "wanted", "vow", "vowed", "promise",
    "promised", "pledge", "pledged", "expect", "expected", "set", "due", "going", "aim", "aims",
    "seek", "seeks",
];

/// The verb of saying of `date` (between it and `event`, or right before it) when the event it reports is only planned or decided ("On Monday,
/// the ministry said it had decided to end the accord", "Biden said today the US will complete its withdrawal"):
/// the date is the saying's, and the plan's own date is not given. None when the event is reported as done ("the
/// ministry announced on Saturday it had scrapped the accord").
fn reported_under_a_plan(
    sentence: &str,
    words: &[Token],
    date: &Range<usize>,
    event: &Hit,
) -> Option<String> {
    if date.end > event.span.start {
        return None;
    }
    let saying = |w: &Token| SAYING.contains(&w.lower.as_str());
    // the event's own words too: "said it had decided to end" with `event: [decide to end]`
    let between: Vec<&Token> = words
        .iter()
        .filter(|w| date.end <= w.span.start && w.span.end <= event.span.end)
        .collect();
    // "said today the US will complete", "On Monday, the ministry said it would end"
    let said_right_before = words
        .iter()
        .rfind(|w| w.span.end <= date.start)
        .filter(|w| saying(w) && sentence[w.span.end..date.start].trim().is_empty());
    let (verb, reported) = match between.iter().position(|w| saying(w)) {
        Some(at) => (between[at], &between[at + 1..]),
        None => (said_right_before?, &between[..]),
    };
    // modals put a reported event in the future or a condition: "said today it will complete"
    let planned = reported.iter().any(|w| MODALS.contains(&w.lower.as_str()))
        || reported
            .windows(2)
            .any(|pair| PLANS.contains(&pair[0].lower.as_str()) && pair[1].lower == "to");
    planned.then(|| sentence[verb.span.clone()].to_string())
}

/// A clock time with its "a.m." or "p.m." (case-insensitive by the caller): "4:17am", "7 a.m.", "11:59 p.m.".
const CLOCK_TIME: &str = r"[0-9]{1,2}(?::[0-9]{2})?\s*[ap]\.?m\b\.?";

/// Clock times that are not inside a date phrase: "at 4:17", "7 a.m.", "7:00am", "11:59 p.m.".
fn clock_times(sentence: &str, dates: &[Range<usize>]) -> Vec<Range<usize>> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(&format!(r"(?i)\b{CLOCK_TIME}|\b[0-9]{{1,2}}:[0-9]{{2}}\b"))
            .expect("a valid regex")
    });
    re.find_iter(sentence)
        .map(|m| m.range())
        .filter(|t| !dates.iter().any(|d| d.start < t.end && t.start < d.end))
        .collect()
}

/// The first word of the noun phrase whose head is `words[head]`, and whether a determiner or a possessive opens
/// it: back over its modifiers ("the 2012 military accord", "Niger's 2012 accord"), at most five words and never
/// before `floor`, a preposition, a conjunction or punctuation ("floods in eastern Libya" is "eastern Libya").
fn noun_phrase_start(sentence: &str, words: &[Token], head: usize, floor: usize) -> (usize, bool) {
    let mut first = head;
    while first > floor && head - first < 6 {
        let previous = &words[first - 1];
        let joined = sentence[previous.span.end..words[first].span.start]
            .chars()
            .all(|c| c.is_whitespace() || "-–".contains(c));
        if !joined || PHRASE_BREAKS.contains(&previous.lower.as_str()) {
            return (first, false);
        }
        if DETERMINERS.contains(&previous.lower.as_str()) {
            return (first, true);
        }
        first -= 1;
        if possessive(sentence, previous) {
            return (first, true);
        }
    }
    (first, false)
}

/// True when the word carries a possessive "'s".
fn possessive(sentence: &str, word: &Token) -> bool {
    let written = &sentence[word.span.clone()];
    written.ends_with("'s") || written.ends_with("’s")
}

/// Words that may open a clause with no subject of its own before its verb: relative and personal pronouns that
/// stand for the noun before ("which began", "it began"), auxiliaries and adverbs ("will now begin").
const SUBJECTLESS_LEADS: &[&str] = &[
    "which",
    "that",
    "who",
    "it",
    "they",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "now",
    "then",
    "also",
    "later",
    "finally",
    "officially",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "to",
    "due",
    "expected",
    "set",
    "supposed",
    "and",
    "but",
    "not",
    "n't",
    "already",
    "first",
];

/// The clauses where the subject of the event's clause stands when that clause has none of its own ("The truce,
/// which began Friday", "The truce, which includes a pause, will now begin on Friday", "The pause took hold,
/// starting from Friday"): the clause before it and the sentence's first clause. Empty otherwise.
fn subject_clauses(
    sentence: &str,
    words: &[Token],
    dates: &[Range<usize>],
    clause: &Range<usize>,
    event: &Hit,
) -> Vec<Range<usize>> {
    let lead: Vec<&Token> = words
        .iter()
        .filter(|w| clause.start <= w.span.start && w.span.end <= event.span.start)
        .collect();
    if lead.is_empty() {
        return borrowed_subjects(sentence, words, dates, clause);
    }
    // "France and its allies, in addition to Canada, on Thursday announced": a date before the verb is no subject
    let in_date = |w: &Token| {
        dates
            .iter()
            .any(|d| d.start <= w.span.start && w.span.end <= d.end)
    };
    let before_date = |i: usize| {
        PREPOSITIONS.contains(&lead[i].lower.as_str())
            && lead.get(i + 1).is_some_and(|w| in_date(w))
    };
    match (0..lead.len()).all(|i| {
        SUBJECTLESS_LEADS.contains(&lead[i].lower.as_str()) || in_date(lead[i]) || before_date(i)
    }) {
        true => clauses_before(sentence, words, dates, clause),
        false => Vec::new(),
    }
}

/// The dates written between a determiner and another noun than the event's: "during its Oct. 7 attack", "a
/// Sept. 15 rally" name the day of that noun, never the event's.
fn other_nouns_dates(
    sentence: &str,
    words: &[Token],
    dates: &[Range<usize>],
    event: &Hit,
) -> Vec<Range<usize>> {
    let touching = |a: usize, b: usize| sentence[a..b].trim().is_empty();
    dates
        .iter()
        .filter(|date| {
            let before = words.iter().rfind(|w| w.span.end <= date.start);
            let after = words.iter().find(|w| w.span.start >= date.end);
            let determined = before.is_some_and(|w| {
                DETERMINERS.contains(&w.lower.as_str()) && touching(w.span.end, date.start)
            });
            let noun = after.is_some_and(|w| {
                w.span.start != event.span.start
                    && touching(date.end, w.span.start)
                    && sentence[w.span.clone()].starts_with(char::is_lowercase)
                    && !PHRASE_BREAKS.contains(&w.lower.as_str())
            });
            determined && noun && date_end().is_match(&sentence[(*date).clone()])
        })
        .cloned()
        .collect()
}

/// [`DATE_END`] at the end of a phrase.
fn date_end() -> &'static regex::Regex {
    static END: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    END.get_or_init(|| {
        regex::Regex::new(&format!("(?i){DATE_END}$")).expect("DATE_END is a valid regex")
    })
}

/// A date phrase written right before the event's noun, which it dates: "the Aug. 31 deadline", "Tuesday's
/// deadline", "the July 2023 coup". The phrase ends in a number, a month or a weekday.
fn premodifier_date(
    sentence: &str,
    dates: &[Range<usize>],
    event: &Range<usize>,
) -> Option<Range<usize>> {
    let date = written_before(sentence, dates, event)?;
    (!heads_a_compound(sentence, event)).then(|| without_preposition(sentence, date))
}

/// A date phrase without the preposition or qualifier it opens with: before a noun the date modifies, that word
/// belongs to the noun phrase ("toll from [New Year's Day quake]", "since [Monday's quake]"), not to the date.
fn without_preposition(sentence: &str, date: Range<usize>) -> Range<usize> {
    static LEADING: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let leading = LEADING.get_or_init(|| {
        regex::Regex::new(r"^(?i)(?:from|since|after|before|until|till|by|on|in|at|during)\s+")
            .expect("the leading words form a valid regex")
    });
    match leading.find(&sentence[date.clone()]) {
        Some(found) if found.end() < date.len() => date.start + found.end()..date.end,
        _ => date,
    }
}

/// True when a noun after the event's word heads a compound with it ("the May 1 withdrawal deadline"), so that a
/// date before the compound is the head's, not the event's.
fn heads_a_compound(sentence: &str, event: &Range<usize>) -> bool {
    let head = leading_words(&sentence[event.end..]).next();
    head.is_some_and(|w| COMPOUND_HEADS.contains(&w.lower.as_str()))
}

/// The date phrase written right before `event`: blank or a possessive between after a number, a month or a
/// weekday ("the Aug. 31 deadline", "Tuesday's deadline"), a possessive after a relative phrase ("last week's
/// strike"; not "last year overthrew"). A possessive may have up to [`MODIFIERS`] words between it and the event's
/// noun ("Monday's 7.8-magnitude quake", "last week's deadly flood").
fn written_before(
    sentence: &str,
    dates: &[Range<usize>],
    event: &Range<usize>,
) -> Option<Range<usize>> {
    static RELATIVE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let relative = RELATIVE.get_or_init(|| {
        regex::Regex::new(&format!("(?i){RELATIVE_END}$")).expect("RELATIVE_END is a valid regex")
    });
    dates.iter().rev().find_map(|date| {
        let phrase = &sentence[date.clone()];
        let between = sentence.get(date.end..event.start)?.trim();
        let bare = between.is_empty() && date_end().is_match(phrase);
        let possessive = possessive_modifiers(between, &sentence[event.clone()])
            && (date_end().is_match(phrase) || relative.is_match(phrase));
        let compound = date_end().is_match(phrase)
            && compound_modifiers(sentence, date, between, &sentence[event.clone()]);
        (bare || possessive || compound).then(|| date.clone())
    })
}

/// Words of time that end a date phrase's reach: nouns of a compound they are not ("a July coup last year
/// overthrew": "coup last year" is no compound before "overthrew").
const TIME_WORDS: &[&str] = &[
    "last", "next", "this", "year", "years", "month", "months", "week", "weeks", "day", "days",
    "ago",
];

/// How many nouns may stand between a date and the event's noun that heads their compound.
const COMPOUND_MODIFIERS: usize = 3;

/// True when `between`, the words between the date phrase `date` and the event's word, are the other nouns of a
/// compound the event's word heads, so that the date before them is the event's: "the Aug. 31 withdrawal deadline",
/// "The Jan. 1 Noto Peninsula earthquake". The date follows a determiner (or, in a headline's capitals, every word
/// from the date to the event is capitalised: "after Jan. 1 Noto Peninsula Earthquake"), the words are at most
/// [`COMPOUND_MODIFIERS`] words of letters none of which is a function word, and the event is written as a noun
/// would be (not "ended").
fn compound_modifiers(sentence: &str, date: &Range<usize>, between: &str, event: &str) -> bool {
    let modifiers: Vec<&str> = between.split_whitespace().collect();
    let nouns = !modifiers.is_empty()
        && modifiers.len() <= COMPOUND_MODIFIERS
        && modifiers.iter().all(|w| {
            let lower = w.to_lowercase();
            noun_modifier(w)
                && !PHRASE_BREAKS.contains(&lower.as_str())
                && !TIME_WORDS.contains(&lower.as_str())
        });
    let determined = sentence[..date.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()));
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let headline = capitalised(event) && modifiers.iter().all(|w| capitalised(w));
    nouns && !event.ends_with("ed") && (determined || headline)
}

/// True when `word` may modify a noun before it in a compound or after a determiner: letters and hyphens, and no
/// word of [`NOT_MODIFIERS`] ("withdrawal" in "the Aug. 31 withdrawal deadline", not "the" or "said").
fn noun_modifier(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT_MODIFIERS.contains(&word.to_lowercase().as_str())
}

/// A date phrase that a noun phrase headed by the event's noun renames, right after it and a comma: "until Aug. 31,
/// the deadline for the withdrawal" ("the" and at most [`MODIFIERS`] words before the event's noun). A date that
/// opens the sentence is no such phrase: "On Feb. 6, the quake hit" has the event's noun as its subject.
fn apposed_date(
    sentence: &str,
    dates: &[Range<usize>],
    event: &Range<usize>,
) -> Option<Range<usize>> {
    let date = dates.iter().rev().find(|d| d.end <= event.start)?;
    let between = sentence[date.end..event.start].strip_prefix(", ")?;
    let mut words = between.split_whitespace();
    let determiner = words.next()?;
    let modifiers: Vec<&str> = words.collect();
    let fronted = sentence[..date.start].trim().is_empty();
    let apposed = !fronted
        && determiner.eq_ignore_ascii_case("the")
        && modifiers.len() <= MODIFIERS
        && modifiers.iter().all(|w| noun_modifier(w))
        && !sentence[event.clone()].ends_with("ed");
    apposed.then(|| without_preposition(sentence, date.clone()))
}

/// How many words may stand between a possessive date and the event's noun it dates.
const MODIFIERS: usize = 2;

/// Words that never modify a noun before it, so a possessive date before them is not the noun's.
const NOT_MODIFIERS: &[&str] = &[
    "a", "an", "the", "to", "of", "in", "on", "at", "for", "by", "with", "and", "or", "but",
    "that", "which", "was", "is", "were", "are", "has", "had", "have", "will", "would", "said",
    "says",
];

/// True when `between` is a possessive ending and at most [`MODIFIERS`] lower-case modifiers ("'s 7.8-magnitude",
/// "'s deadly"), and the event is written as a noun would be (not "ended").
fn possessive_modifiers(between: &str, event: &str) -> bool {
    let Some(rest) = between
        .strip_prefix("'s")
        .or_else(|| between.strip_prefix("’s"))
    else {
        return false;
    };
    let modifiers: Vec<&str> = rest.split_whitespace().collect();
    let noun_like = modifiers.is_empty() || !event.ends_with("ed");
    noun_like
        && modifiers.len() <= MODIFIERS
        && modifiers.iter().all(|w| {
            w.chars()
                .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
                && !NOT_MODIFIERS.contains(w)
        })
}

impl Kind for WordDateClaim {
    fn name(&self) -> &'static str {
        "date"
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![(&self.patterns, None)]
    }

    fn judge(&self, text: &str, found: Match) -> Result<Match, String> {
        let base = found.sentence.start;
        let sentence = &text[found.sentence.clone()];
        let span = unshift(&found.span, base);
        let words = judged_sentence_words(sentence);
        let events = self.events_in(sentence, &words, &span);
        if events.is_empty() {
            return Err("no `event` word in the match".into());
        }
        let dates = moment_phrases(sentence);
        if dates.is_empty()
            && !events
                .iter()
                .any(|(e, _)| days_after(sentence, &dates, &e.span).is_some())
        {
            return Err("no date phrase in the sentence".into());
        }
        // "the strike since it began on Sept. 15": each event word of the match in turn, the first dated one wins
        let mut refusal = None;
        let headline = std::cell::OnceCell::new();
        let names = || *headline.get_or_init(|| self.headline_names_whose(text));
        let topic = Topic::told_by(&names);
        for (event, deadline) in relative_verbs_first(&words, events) {
            match self.judge_event(sentence, &words, &dates, &event, (deadline, topic)) {
                Ok((date, scope, negated)) => {
                    return Ok(Match {
                        span: shift(&union(&span, &date), base),
                        value: shift(&date, base),
                        scope,
                        polarity: negated.then_some(Polarity::Deny),
                        ..found
                    })
                }
                Err(reason) => {
                    refusal.get_or_insert(reason);
                }
            }
        }
        Err(refusal.unwrap_or_default())
    }

    /// A sentence without a date phrase or a count of days ("three days after") dates no event.
    fn may_keep(&self, sentence: &str) -> bool {
        may_hold_date(sentence)
    }

    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        if let Some(range) = days_before(text, published, found) {
            return Ok(Value::Date(range));
        }
        match date_in_tense(text, published, found, event_tense(text, found)) {
            Err(DateError::NotADate(_)) => Err(Unparsed {
                text: text[found.value.clone()].to_string(),
            }),
            Ok(range) if found.polarity == Some(Polarity::Deny) => {
                Ok(Value::Date(Ok(Negated::turn(range))))
            }
            resolved => Ok(Value::Date(resolved)),
        }
    }
}

/// The tense an event's date phrase is read in: its mention's (from the event's word to the date), else that of the
/// date's own clause, else none, which keeps a year-less date in the publication's year. Another clause's tense is
/// not the date's: in "Shortly after leaving the deal on July 17, Moscow said ships will be targets" (published
/// July 20) the future of the ships does not move the departure to next July.
fn event_tense(text: &str, found: &Match) -> Tense {
    let base = found.sentence.start;
    let sentence = &text[found.sentence.clone()];
    match guess_tense(&text[found.span.clone()]) {
        Tense::Unknown => {
            guess_tense(&sentence[clause_around(sentence, unshift(&found.value, base), &[])])
        }
        own => own,
    }
}

/// `events` in the order to try them, but for an event's noun that a relative clause led by another of its words
/// follows: that word comes first, since its clause dates the event ("killed in the quake that struck the city on
/// February 6, the president said Tuesday": the quake struck on February 6).
fn relative_verbs_first(words: &[Token], mut events: Vec<(Hit, bool)>) -> Vec<(Hit, bool)> {
    let relative = |noun: &Hit, verb: &Hit| {
        verb.tokens.start == noun.tokens.end + 1
            && words
                .get(noun.tokens.end)
                .is_some_and(|w| ["that", "which"].contains(&w.lower.as_str()))
    };
    for i in 0..events.len() {
        let verb = (i + 1..events.len()).find(|&j| relative(&events[i].0, &events[j].0));
        if let Some(j) = verb {
            let moved = events.remove(j);
            events.insert(i, moved);
        }
    }
    events
}

/// Nouns an event's noun may qualify, that are not the event: those who report on it or respond to it ("the disaster
/// agency said on Sunday", "the National Disaster Management Agency"), its warnings and its victims ("the tsunami
/// warning was lifted", "quake survivors were buried on Sunday").
const QUALIFIED_NOUNS: &[&str] = &[
    "agency",
    "agencies",
    "management",
    "mitigation",
    "ministry",
    "authority",
    "authorities",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "office",
    "department",
    "centre",
    "center",
    "committee",
    "council",
    "relief",
    "response",
    "preparedness",
    "warning",
    "warnings",
    "victims",
    "survivors",
    "zone",
];

/// The noun right after the event's word that the event's word qualifies ([`QUALIFIED_NOUNS`]), if any; or the noun
/// that an event's present participle describes after a determiner ("the striking workers", "the departing troops":
/// people, not the event; "the ending of the deal" is the event's own noun).
fn modified_noun<'w>(words: &'w [Token], event: &Hit) -> Option<&'w Token> {
    let next = words.get(event.tokens.end)?;
    if QUALIFIED_NOUNS.contains(&next.lower.as_str()) {
        return Some(next);
    }
    let first = event.tokens.start;
    let participle = event.tokens.len() == 1 && words[first].lower.ends_with("ing");
    let determined = first
        .checked_sub(1)
        .is_some_and(|before| DETERMINERS.contains(&words[before].lower.as_str()));
    let described = !PHRASE_BREAKS.contains(&next.lower.as_str())
        && next.lower.starts_with(|c: char| c.is_alphabetic());
    (participle && determined && described).then_some(next)
}

/// Words other than numbers that count the plural noun after them: "several coups", "dozens of strikes".
const EVENT_COUNTS: &[&str] = &[
    "dozens",
    "hundreds",
    "thousands",
    "several",
    "many",
    "multiple",
    "numerous",
    "few",
];

/// The word that counts the event's word when that is a plural noun after a number ("479 quakes", "several
/// coups"): several events of the kind, not the claim's one.
fn counted_events<'w>(words: &'w [Token], event: &Hit) -> Option<&'w Token> {
    let last = &words[event.tokens.end.checked_sub(1)?];
    let before = words.get(event.tokens.start.checked_sub(1)?)?;
    let plural = last.lower.ends_with('s') && !last.lower.ends_with("ss");
    let counts = EVENT_COUNTS.contains(&before.lower.as_str())
        || (before.lower != "one" && crate::kinds::quantity::is_small_number(&before.lower))
        || before.lower.chars().all(|c| c.is_ascii_digit() || c == ',');
    (plural && counts).then_some(before)
}

/// The compound the event's word is hyphened into ("quake-hit areas", "disaster-hit town", "quake-triggered
/// landslide", "anti-coup protests"), if any: such a compound describes the noun after it, and the clause's date is
/// that noun's, not the event's.
fn hyphened_compound(sentence: &str, event: &Range<usize>) -> Option<Range<usize>> {
    let letter_at = |at: Option<char>| at.is_some_and(char::is_alphanumeric);
    let before = sentence[..event.start].strip_suffix('-');
    let after = sentence[event.end..].strip_prefix('-');
    let joined_before = before.is_some_and(|b| letter_at(b.chars().next_back()));
    let joined_after = after.is_some_and(|a| letter_at(a.chars().next()));
    if !joined_before && !joined_after {
        return None;
    }
    let start = sentence[..event.start]
        .rfind(char::is_whitespace)
        .map_or(0, |at| at + 1);
    let end = sentence[event.end..]
        .find(char::is_whitespace)
        .map_or(sentence.len(), |at| event.end + at);
    Some(start..end)
}

/// Nouns of what follows an event: when the event's noun is their complement ("the toll from the quake", "survivors
/// of the quake", "in the wake of the quake"), the clause's date is theirs, not the event's.
const AFTERMATH: &[&str] = &[
    "toll",
    "tolls",
    "victim",
    "victims",
    "survivor",
    "survivors",
    "aftermath",
    "wake",
    "rubble",
    "damage",
    "casualties",
    "tally",
    "count",
    "number",
    "figure",
    "rescue",
    "rescuers",
    "relief",
    "response",
    "cost",
];

/// The noun of [`AFTERMATH`] whose complement the event's word is ("toll in the earthquake", "survivors of the
/// quake"): the word before a preposition ("of", "in", "from", "after") and the determiners or possessives before
/// the event. A second noun joined to the first counts too ("the toll from the quake and tsunami", "the toll from
/// Indonesia's quake").
fn aftermath_head<'w>(sentence: &str, words: &'w [Token], event: &Hit) -> Option<&'w str> {
    // back over the event's modifiers and determiner ("the devastating earthquake", "an ensuing tsunami")
    let phrase_start = |head: usize| match noun_phrase_start(sentence, words, head, 0) {
        (first, true) if first > 0 && DETERMINERS.contains(&words[first - 1].lower.as_str()) => {
            first - 1
        }
        (first, _) => first,
    };
    let mut first = phrase_start(event.tokens.start);
    let joined = first
        .checked_sub(1)
        .is_some_and(|at| ["and", "or"].contains(&words[at].lower.as_str()));
    if joined && first >= 2 {
        // "the toll from multiple strong quakes and an ensuing tsunami": the noun phrase joined before
        first = phrase_start(first - 2);
    }
    let preposition = words.get(first.checked_sub(1)?)?;
    if !["of", "in", "from", "after"].contains(&preposition.lower.as_str()) {
        return None;
    }
    let head = words.get(first.checked_sub(2)?)?;
    AFTERMATH
        .contains(&head.lower.as_str())
        .then_some(head.lower.as_str())
}

/// True when the event's word follows a determiner or possessive ("the coup", "its withdrawal"): a noun, whose
/// date a negated verb around it does not deny.
fn after_determiner(words: &[Token], event: &Hit) -> bool {
    event
        .tokens
        .start
        .checked_sub(1)
        .is_some_and(|before| DETERMINERS.contains(&words[before].lower.as_str()))
}

/// A negated event ("will not begin before Friday", "did not start until Friday"): NegEx's trigger scope read on
/// dates. Its date is the bounded phrase after it in its clause, whose bound turns: "not before D", "not until D"
/// and "not by D" say the event comes on D or later; "not after D" says by D. A negated event with a plain date
/// ("did not begin on Thursday") says when it did not happen, not when it did: no mention.
struct Negated;

impl Negated {
    /// The bounded date phrase of the negated `event`, or why there is none.
    fn date(
        sentence: &str,
        dates: &[Range<usize>],
        clause: &Range<usize>,
        event: &Hit,
        deadline: bool,
        trigger: &str,
    ) -> Result<Range<usize>, String> {
        let event_words = &sentence[event.span.clone()];
        if deadline {
            return Err(format!(
                "'{event_words}' is negated ('{trigger}'): a deadline it does not meet is no deadline of it"
            ));
        }
        dates
            .iter()
            .filter(|d| d.start >= event.span.end && d.end <= clause.end)
            .find(|d| {
                bound(&sentence[(*d).clone()]).is_some()
                    || Negated::later_bound_before(sentence, d.start)
            })
            .cloned()
            .ok_or_else(|| {
                format!(
                    "'{event_words}' is negated ('{trigger}'), and no 'before', 'until', 'by' or 'after' date in its \
                     clause says when it happens instead"
                )
            })
    }

    /// True when "until", "till", "before" or "by", perhaps with "at least", stands right before the phrase at
    /// `start` ("will not start until at least Friday"), outside the phrase.
    fn later_bound_before(sentence: &str, start: usize) -> bool {
        let before = sentence[..start].trim_end().to_lowercase();
        let before = before
            .strip_suffix("at least")
            .unwrap_or(&before)
            .trim_end();
        let last = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        ["until", "till", "before", "by"].contains(&last)
    }

    /// The range a negated event's phrase gives, its bound turned; a phrase without a bound of its own had "until",
    /// "before" or "by" before it ([`Negated::later_bound_before`]): on that day or later.
    fn turn(mut range: DateRange) -> DateRange {
        range.qualifier = match range.qualifier {
            Some(DateQualifier::Before | DateQualifier::Deadline) | None => {
                Some(DateQualifier::After)
            }
            Some(DateQualifier::After) => Some(DateQualifier::Deadline),
        };
        range
    }
}

/// True when the phrase opens with "until" or "till": a claim without `deadline_for` may take it as the end of its
/// event ("the truce held until Friday"), never "by" or "no later than".
fn until(phrase: &str) -> bool {
    let lower = phrase.trim_start().to_lowercase();
    lower.starts_with("until") || lower.starts_with("till")
}

/// True when the phrase carries a deadline qualifier.
fn is_deadline(phrase: &str) -> bool {
    bound(phrase) == Some(DateQualifier::Deadline)
}

/// The bound a date phrase opens with ("before", "until", "by", "after", ...), if any.
fn bound(phrase: &str) -> Option<DateQualifier> {
    let anchor = Anchor::new(Some(Date::constant(2000, 1, 1)), Tense::Unknown);
    parse_moment(phrase, anchor).ok()?.range.qualifier
}

/// The bytes of a pronoun that stands for the event's object in its clause: right after the event ("terminated it"),
/// right before it ("let it expire", "it lapsed") or before a passive's auxiliary ("since it was signed").
fn pronoun_for_object(words: &[Token], event: &Hit, clause: &Range<usize>) -> Option<Range<usize>> {
    let pronoun = |at: usize| {
        words
            .get(at)
            .filter(|w| OBJECT_PRONOUNS.contains(&w.lower.as_str()) && clause.start <= w.span.start)
            .map(|w| w.span.clone())
    };
    let first = event.tokens.start;
    let passive = |back: usize| {
        let auxiliaries = words.get(first.checked_sub(back)?..first)?;
        let lowered: Vec<&str> = auxiliaries.iter().map(|w| w.lower.as_str()).collect();
        let is_passive = matches!(
            lowered.as_slice(),
            ["was" | "were" | "is" | "are"] | ["has" | "have" | "had", "been"]
        );
        is_passive
            .then(|| pronoun(first.checked_sub(back + 1)?))
            .flatten()
    };
    pronoun(event.tokens.end)
        .filter(|p| p.end <= clause.end)
        .or_else(|| pronoun(first.checked_sub(1)?))
        .or_else(|| passive(1))
        .or_else(|| passive(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidate `whole` of `sentence`, as extraction hands it to `judge`.
    fn candidate(sentence: &str, whole: Range<usize>) -> Match {
        Match {
            span: whole.clone(),
            value: whole,
            sentence: 0..sentence.len(),
            polarity: None,
            scope: None,
        }
    }

    fn verdict(fields: WordFields, sentence: &str) -> Result<String, String> {
        let claim = WordDateClaim::build(&fields).unwrap();
        let kept = judged(&claim, sentence)?;
        Ok(sentence[kept.value].to_string())
    }

    /// The first candidate of `claim` in `sentence`, judged.
    fn judged(claim: &WordDateClaim, sentence: &str) -> Result<Match, String> {
        let whole = claim
            .patterns
            .iter()
            .find_map(|p| p.regex().find(sentence).map(|m| m.range()))
            .ok_or("no candidate")?;
        claim.judge(sentence, candidate(sentence, whole))
    }

    /// The phrase a claim keeps in `sentence` (published on 2025-05-14, a Wednesday) and the bound of its value.
    fn dated(
        fields: &WordFields,
        sentence: &str,
    ) -> Result<(String, Option<DateQualifier>), String> {
        let claim = WordDateClaim::build(fields).unwrap();
        let kept = judged(&claim, sentence)?;
        let published = Some(Date::constant(2025, 5, 14));
        match claim.value(sentence, published, &kept) {
            Ok(Value::Date(Ok(range))) => Ok((sentence[kept.value].to_string(), range.qualifier)),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn a_negated_event_is_dated_by_its_bound_turned_or_not_at_all() {
        let bridge = WordFields {
            event: vec!["reopen".into()],
            object: vec!["bridge".into()],
            deadline_for: vec!["repair".into()],
            ..WordFields::default()
        };
        let after = |phrase: &str| Ok((phrase.to_string(), Some(DateQualifier::After)));
        assert_eq!(
            dated(
                &bridge,
                "The bridge will not reopen before Friday, the council said."
            ),
            after("before Friday")
        );
        assert_eq!(
            dated(&bridge, "The old bridge won't reopen until Monday."),
            after("until Monday")
        );
        assert_eq!(
            dated(
                &bridge,
                "Officials said the bridge would not reopen until at least Friday."
            ),
            after("Friday")
        );
        let refused =
            dated(&bridge, "The bridge did not reopen on Tuesday as planned.").unwrap_err();
        assert!(refused.contains("is negated ('not')"), "{refused}");
        // a deadline not met is no deadline; the affirmed event keeps its plain date
        assert!(dated(&bridge, "Crews will not repair the bridge by Friday.").is_err());
        assert_eq!(
            dated(&bridge, "The bridge will reopen on Friday."),
            Ok(("on Friday".to_string(), None))
        );
    }

    #[test]
    fn a_negated_verb_around_the_events_noun_does_not_deny_its_date() {
        let deadline = WordFields {
            event: vec!["deadline".into()],
            object: vec!["evacuation".into()],
            ..WordFields::default()
        };
        let kept = dated(
            &deadline,
            "The mayor decided not to extend the June 30 deadline for the evacuation.",
        );
        assert_eq!(kept.map(|(phrase, _)| phrase), Ok("June 30".to_string()));
    }

    fn accord() -> WordFields {
        WordFields {
            event: vec!["revoke".into()],
            object: vec!["accord".into()],
            ..WordFields::default()
        }
    }

    #[test]
    fn the_objects_own_date_never_dates_the_event() {
        assert_eq!(
            verdict(accord(), "In March, the junta revoked the 2012 accord."),
            Ok("In March".into())
        );
        let refused = verdict(accord(), "The junta revoked an accord from 2012.").unwrap_err();
        assert!(refused.contains("no date governs"), "{refused}");
    }

    #[test]
    fn the_object_must_stand_in_the_events_clause() {
        let refused = verdict(
            accord(),
            "The junta revoked its approval in March, and the accord lapsed.",
        )
        .unwrap_err();
        assert!(refused.contains("no `object` word"), "{refused}");
    }

    #[test]
    fn a_date_before_the_events_noun_dates_it() {
        let fields = WordFields {
            event: vec!["deadline".into()],
            deadline_for: vec!["leave".into()],
            object: vec!["pullout".into()],
            ..WordFields::default()
        };
        let sentence = "The pullout stalled, as the June 30 deadline loomed.";
        let claim = WordDateClaim::build(&fields).unwrap();
        let kept: Vec<String> = claim
            .patterns
            .iter()
            .filter_map(|p| p.regex().find(sentence).map(|m| m.range()))
            .filter_map(|whole| claim.judge(sentence, candidate(sentence, whole)).ok())
            .map(|m| sentence[m.value].to_string())
            .collect();
        assert!(
            !kept.is_empty() && kept.iter().all(|v| v == "June 30"),
            "{kept:?}"
        );
    }

    #[test]
    fn a_deadline_is_not_the_date_of_the_event_and_an_objects_place_is_not_its_date() {
        let fields = WordFields {
            event: vec!["withdraw".into()],
            deadline_for: vec!["leave".into()],
            object: vec!["troop".into()],
            ..WordFields::default()
        };
        let refused =
            verdict(fields.clone(), "They will withdraw the troops by June 30.").unwrap_err();
        assert!(refused.contains("is a deadline"), "{refused}");
        let fields = WordFields {
            deadline_for: vec!["withdraw".into()],
            object: vec!["troop".into()],
            ..WordFields::default()
        };
        assert_eq!(
            verdict(
                fields,
                "They will withdraw the troops from the region by June 30."
            ),
            Ok("by June 30".into())
        );
    }

    #[test]
    fn a_plain_event_takes_until_but_not_by_and_a_compound_keeps_its_date() {
        let fields = WordFields {
            event: vec!["complete".into(), "withdrawal".into(), "hold".into()],
            ..WordFields::default()
        };
        let refused =
            verdict(fields.clone(), "The pullout will be completed by June 30.").unwrap_err();
        assert!(refused.contains("is a deadline"), "{refused}");
        assert_eq!(
            verdict(fields.clone(), "The truce held until Friday."),
            Ok("until Friday".into())
        );
        let refused = verdict(fields, "They missed the May 1 withdrawal deadline.").unwrap_err();
        assert!(refused.contains("no date governs"), "{refused}");
    }

    #[test]
    fn a_deadline_event_takes_only_deadlines() {
        let fields = WordFields {
            deadline_for: vec!["leave".into()],
            ..WordFields::default()
        };
        assert_eq!(
            verdict(fields.clone(), "Troops must leave by Sept. 15."),
            Ok("by Sept. 15".into())
        );
        let refused = verdict(fields, "The last troops left on Aug. 5.").unwrap_err();
        assert!(refused.contains("not a deadline"), "{refused}");
    }

    fn words(event: &[&str], object: &[&str]) -> WordFields {
        let list = |l: &[&str]| l.iter().map(|w| w.to_string()).collect();
        WordFields {
            event: list(event),
            object: list(object),
            ..WordFields::default()
        }
    }

    /// The values every candidate of `sentence` keeps.
    /// The dates kept from every candidate of every pattern, each date once (two patterns may find one event, as
    /// the scan's overlap removal would leave one).
    fn kept(fields: &WordFields, sentence: &str) -> Vec<String> {
        let claim = WordDateClaim::build(fields).unwrap();
        let mut dates: Vec<Range<usize>> = Vec::new();
        for found in claim
            .patterns
            .iter()
            .flat_map(|p| p.regex().find_iter(sentence).map(|m| m.range()))
            .filter_map(|whole| claim.judge(sentence, candidate(sentence, whole)).ok())
        {
            if !dates.contains(&found.value) {
                dates.push(found.value);
            }
        }
        dates.into_iter().map(|d| sentence[d].to_string()).collect()
    }

    #[test]
    fn an_objects_noun_phrase_stops_at_a_preposition_so_the_clauses_date_stays() {
        let fields = words(&["batter"], &["Chile"]);
        assert_eq!(
            kept(
                &fields,
                "The cyclone battered ports Tuesday in northern Chile."
            ),
            ["Tuesday"]
        );
        let fields = words(&["strike"], &["coast"]);
        assert_eq!(
            kept(
                &fields,
                "A quake struck on Tuesday night, and the coast shook."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            kept(&fields, "The quake struck the coast late on Tuesday."),
            ["late on Tuesday"]
        );
    }

    #[test]
    fn a_participle_that_describes_people_is_not_the_event() {
        let fields = words(&["strike"], &["plant"]);
        assert_eq!(
            kept(
                &fields,
                "Managers met the striking workers at the plant on Monday."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            kept(&fields, "Workers began striking at the plant on Monday."),
            ["on Monday"]
        );
    }

    #[test]
    fn each_event_word_of_a_candidate_is_tried() {
        let fields = words(&["strike", "begin"], &["strike"]);
        assert_eq!(
            kept(
                &fields,
                "Output fell at the mill hit by the strike since it began on March 3."
            ),
            ["on March 3"]
        );
    }

    #[test]
    fn a_clause_without_its_own_subject_takes_the_object_from_the_clause_before() {
        let fields = words(&["begin", "start"], &["truce", "ceasefire", "lull"]);
        let sentences = [
            (
                "The truce, which covers the whole coast, will now begin on Sunday at dawn.",
                "on Sunday",
            ),
            (
                "The ceasefire, which began Sunday, was brokered by Norway.",
                "Sunday",
            ),
            (
                "The lull lasts three days, starting Sunday morning.",
                "Sunday morning",
            ),
        ];
        for (sentence, value) in sentences {
            assert_eq!(kept(&fields, sentence), [value], "{sentence}");
        }
        // a clause with a subject of its own needs its own object
        assert!(kept(&fields, "The truce holds, and the talks began on Sunday.").is_empty());
    }

    #[test]
    fn times_of_day_and_quoted_verbs_are_read() {
        let fields = words(&["walk off"], &["job"]);
        assert_eq!(
            kept(&fields, "Dockers will walk off the job tonight."),
            ["tonight"]
        );
        let fields = words(&["begin"], &["truce"]);
        assert_eq!(
            kept(
                &fields,
                "Officials said the truce would “begin on Sunday at dawn”."
            ),
            ["on Sunday"]
        );
    }

    #[test]
    fn a_date_between_a_determiner_and_another_noun_is_that_nouns() {
        let fields = words(&["start"], &["truce"]);
        assert!(kept(
            &fields,
            "The start of the truce and the return of captives seized in its May 2 raid are not yet known."
        )
        .is_empty());
    }

    #[test]
    fn a_possessive_date_dates_a_noun_a_few_modifiers_away_but_not_a_verb() {
        let fields = words(&["quake", "end"], &["quake", "dam", "strike"]);
        let magnitude = kept(&fields, "Monday's 7.8-magnitude quake cracked the dam.");
        assert!(!magnitude.is_empty() && magnitude.iter().all(|v| v == "Monday"));
        let deadly = kept(&fields, "Last week's deadly quake cracked the dam.");
        assert!(!deadly.is_empty() && deadly.iter().all(|v| v == "Last week"));
        // a function word between: the date is another noun's
        assert!(kept(&fields, "Monday's report on the quake cracked nothing.").is_empty());
        // a verb in the past is no noun for a possessive date
        assert!(kept(&fields, "Sunday's peace talks ended the strike.").is_empty());
    }

    #[test]
    fn a_dateline_dates_the_report_not_the_events_it_tells_of() {
        let fields = words(&["hit", "strike"], &["Turkey"]);
        for sentence in [
            "Feb 6 (Wire) - A quake hit southern Turkey early on Monday.",
            "ANKARA, Feb. 6 - A quake hit southern Turkey early on Monday.",
            "Updated: Feb. 6, 2023 A quake hit southern Turkey early on Monday.",
            "date 2023-02-06 A quake hit southern Turkey early on Monday.",
        ] {
            assert_eq!(kept(&fields, sentence), ["early on Monday"], "{sentence}");
        }
        assert!(kept(&fields, "Feb 6 (Wire) - A quake hit southern Turkey.").is_empty());
        assert!(kept(&fields, "Posted 2023-02-06 A quake hit southern Turkey.").is_empty());
        // a fronted date led by a preposition is no dateline
        assert_eq!(
            kept(&fields, "On Feb. 6, a quake hit southern Turkey."),
            ["On Feb. 6"]
        );
    }

    #[test]
    fn a_datelines_head_is_what_the_bounded_place_regex_reads() {
        let bounded = regex::Regex::new(&format!(
            r"^\s*(?:(?:\p{{Lu}}[\p{{L}}.'’ -]{{0,40}},\s+){{1,3}}|(?i:date[ds]?|published|posted|updated|last updated)\s*:?\s*|(?i:update[ds]?)\s+(?i:{CLOCK_TIME})(?:\s+\p{{Lu}}{{2,4}})?\s+)?$"
        ))
        .unwrap();
        // a capital and forty letters, the longest place; then one letter more
        let longest = "A".repeat(41);
        let too_long = "A".repeat(42);
        let heads = [
            String::new(),
            "  ".into(),
            "ANKARA, ".into(),
            "  Niamey ,\t".into(),
            "ÉVORA, ".into(),
            "Le Mans-sur-Mer, ".into(),
            format!("{longest}, "),
            format!("{too_long}, "),
            format!(" {longest},  "),
            "ankara, ".into(),
            "ANKARA,".into(),
            "Ankara, Turkey, ".into(),
            "Harlan, Ost Pref., ".into(),
            format!("Harlan, {too_long}, "),
            "One, Two, Three, Four, ".into(),
            "Updated: ".into(),
            "last updated  ".into(),
            "Update 3:19 a.m. EDT ".into(),
            "The quake hit ".into(),
        ];
        for head in &heads {
            assert_eq!(dateline_head(head), bounded.is_match(head), "{head:?}");
        }
    }

    #[test]
    fn a_possessive_relative_date_before_the_events_noun_dates_it() {
        let fields = words(&["strike", "quake"], &["strike", "quake"]);
        assert_eq!(
            kept(&fields, "Last week's strike closed the mill."),
            ["Last week"]
        );
        assert!(
            kept(&fields, "Yesterday's quake cracked the dam.").contains(&"Yesterday".to_string())
        );
        // without its possessive a relative phrase does not name the noun
        assert!(kept(&fields, "Talks resumed last week, strike or not.").is_empty());
    }

    #[test]
    fn a_duration_after_the_event_counts_back_from_the_sentences_date_or_the_reports() {
        let fields = words(&["strike", "quake"], &["Turkey"]);
        let published = Date::new(2023, 2, 10).ok();
        let days = |sentence: &str| -> Vec<String> {
            let claim = WordDateClaim::build(&fields).unwrap();
            let found = claim
                .patterns
                .iter()
                .flat_map(|p| p.regex().find_iter(sentence).map(|m| m.range()))
                .filter_map(|whole| claim.judge(sentence, candidate(sentence, whole)).ok());
            let values = found.map(|m| claim.value(sentence, published, &m));
            let mut days: Vec<String> = values.map(|v| format!("{v:?}")).collect();
            days.dedup();
            days
        };
        // Thursday 9 February, four days after: Sunday 5 February
        let thursday = days("Aid arrived on Thursday, four days after the quake struck Turkey.");
        assert!(
            thursday.len() == 1
                && thursday[0].contains("2023-02-05")
                && !thursday[0].contains("02-04")
        );
        // the report's date, and the day before in case it was written the day before it is dated
        let now = days("Hopes are fading in Turkey ten days after the quake.");
        assert!(
            now.len() == 1 && now[0].contains("2023-01-30") && now[0].contains("2023-01-31"),
            "{now:?}"
        );
        // a past tense with no date of its own dates nothing; a date after a missed sentence break is no reference
        assert!(days("Aid arrived, four days after the quake struck Turkey.").is_empty());
        let parted =
            days("Crews dug on Feb. 8. - Hopes are fading in Turkey ten days after the quake.");
        assert!(parted.len() == 1 && parted[0].contains("2023-01-31"));
        // its own date wins over the count
        assert_eq!(
            kept(
                &fields,
                "Aid arrived on Thursday, four days after the quake struck Turkey on Sunday."
            ),
            ["on Sunday"]
        );
    }

    #[test]
    fn a_clock_time_does_not_part_the_event_from_its_day() {
        let fields = words(&["strike"], &["quake"]);
        assert_eq!(
            kept(
                &fields,
                "The quake struck at 5:42 on Sunday and was centred offshore."
            ),
            ["on Sunday"]
        );
        assert_eq!(
            kept(&fields, "The quake struck at 6 a.m. on Sunday."),
            ["on Sunday"]
        );
    }

    #[test]
    fn a_date_set_off_by_commas_after_the_verb_dates_it() {
        let fields = words(&["repudiate"], &["treaty"]);
        assert_eq!(
            kept(
                &fields,
                "The council repudiated, last month, the treaty with its neighbour."
            ),
            ["last month"]
        );
    }

    #[test]
    fn the_date_of_a_saying_does_not_date_a_plan_it_reports() {
        let fields = words(&["abandon", "decide to abandon"], &["treaty"]);
        for sentence in [
            "On Tuesday, the council said it had decided to abandon the treaty.",
            "The council said Tuesday it would abandon the treaty.",
        ] {
            assert!(kept(&fields, sentence).is_empty(), "{sentence}");
        }
        for sentence in [
            "The council said Tuesday it had abandoned the treaty.",
            "The council abandoned the treaty on Tuesday, it said.",
        ] {
            assert!(
                kept(&fields, sentence)[0].ends_with("Tuesday"),
                "{sentence}"
            );
        }
        assert_eq!(
            kept(
                &fields,
                "A paper reported Friday, citing two envoys, that the council abandoned the treaty on March 2."
            )[0],
            "on March 2"
        );
    }

    #[test]
    fn a_from_date_right_after_a_verb_of_starting_is_its_day() {
        let fields = words(&["start", "hold"], &["lull"]);
        assert_eq!(
            kept(
                &fields,
                "The lull runs for a week, starting from Sunday morning."
            ),
            ["Sunday morning"]
        );
        assert!(kept(
            &fields,
            "The lull has held, with raids down from Sunday on."
        )
        .is_empty());
    }
}
