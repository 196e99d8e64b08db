//! Date phrases in news text, resolved to inclusive day ranges.
//!
//! Two reports agree about *when* something happened only if their date
//! phrases can be compared, and news text rarely gives full dates: it says
//! "on Saturday", "mid-March" or "no later than Sept. 15". This module turns
//! such phrases into ranges of days, anchored on the source's publication
//! date, so that the checker can ask whether two ranges overlap.
//!
//! Two readers share one grammar. [`parse_date`] gives days, as it always
//! has; [`parse_moment`] reads the same phrases and times of day ("late on
//! Friday", "Friday night", "overnight") against an [`Anchor`]: the
//! publication date and the tense of the clause, as HeidelTime does for
//! news. [`DATE_PHRASE`] and [`MOMENT_PHRASE`] find the phrases each reads
//! inside sentences.
//!
//! # Years and directions
//!
//! A phrase without a year follows the tense of its clause
//! ([`Tense`], guessed by [`guess_tense`]):
//! - Past: the latest such date on or before the publication date. "The
//!   July 26 coup" or "took power in July" in a report of May 2024 is July
//!   2023; "in May" is May 2024, the month having begun.
//! - Future: the next on or after it. "By September 15" is September 2024,
//!   "will end in March" March 2025.
//! - Unknown, and always in [`parse_date`]: the publication year, even if
//!   that puts the day months away from publication. This is simple and
//!   predictable, and what existing findings rely on.
//!
//! Bare weekdays go the same way: "on Saturday" is the most recent Saturday
//! (or the publication day), "will meet on Saturday" the next one. Phrases
//! that say "last", "this" or "next" fix their own direction ("last July" in
//! a May article is July of the previous year; "this past March 16" is the
//! latest March 16 before publication; "this Sunday" is the coming one
//! unless the tense is past). "A year ago in March" is March of the
//! previous year. Without a publication date, month and day phrases keep an
//! unknown year ([`Day::NoYear`]) and relative phrases cannot be resolved
//! at all; [`why_not`] says so in plain words.
//!
//! # Sizes of vague phrases
//!
//! Parts of a period are thirds: "early"/"start"/"beginning" of a month is
//! days 1-10, "mid"/"middle" 11-20, "late"/"end" 21 to the last day; of a
//! year, January-April, May-August and September-December. Weekends are
//! Saturday and Sunday of a Monday-to-Sunday week; "the weekend" is the
//! most recent or current one unless the tense is future. "N days ago" is
//! one day; "N weeks ago" is the day 7N days back +-3 days (a fortnight is
//! two weeks), "N months ago"
//! that day N months back +-7 days, and "a year ago" the day a year back
//! +-15 days, about a month: the phrase rounds more the longer its unit,
//! and a month still keeps last year's events apart from the months around
//! them. "Earlier this year" ends on the publication day in
//! [`parse_moment`] (the whole year in [`parse_date`], which existing
//! callers rely on). The hours of times of day are listed on [`Moment`].
//!
//! Phrases read: calendar days ("September 15", "Saturday, March 16",
//! "2024-05-14", "20.05.2024"), months and years, parts of them, days
//! around publication ("yesterday", "on Saturday", "this Sunday", "last
//! week", "the past week", "this/last/next weekend", "the weekend",
//! "earlier this year"), counted days ("two days ago", "a month ago", "a
//! year ago in March", "three days after March 16"), each after an optional
//! qualifier ("no later than", "by", "since", ...). Left out: seasons (their
//! months differ between hemispheres) and "N days later", which counts from
//! an event whose date the phrase does not give.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::OnceLock;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;
use serde::Serialize;

use crate::scan::SentenceRegex;

/// Word separator inside qualifiers: headlines quote words ("'No Later' Than").
macro_rules! qs {
    () => {
        r#"['‘’"“”]?\s+['‘’"“”]?"#
    };
}

/// Month names in any case, full or abbreviated with an optional period.
/// "May" must be capitalised, because "may" is far more often the verb.
macro_rules! month {
    () => {
        r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|june?|july?|aug(?:ust)?|sep(?:tember|t)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    };
}

/// A year written out, or a year relative to publication.
macro_rules! year_spec {
    () => {
        r"(?:[12][0-9]{3}|(?:last|this|next)\s+year)"
    };
}

/// A day of the month, with an optional ordinal suffix.
macro_rules! day {
    () => {
        r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
    };
}

/// Words that say how the event relates to the range that follows them.
macro_rules! qualifier {
    () => {
        concat!(
            "(?:no",
            qs!(),
            "later",
            qs!(),
            "than|not",
            qs!(),
            "later",
            qs!(),
            "than|no",
            qs!(),
            "earlier",
            qs!(),
            "than|not",
            qs!(),
            "earlier",
            qs!(),
            "than|before",
            qs!(),
            "the",
            qs!(),
            "end",
            qs!(),
            "of|prior",
            qs!(),
            "to|by|until|after|since|from|before)",
            qs!()
        )
    };
}

/// Prepositions that may precede a date phrase without changing its meaning.
macro_rules! preposition {
    () => {
        r"(?:in|on|of|during|at)\s+"
    };
}

/// A day of the week.
macro_rules! weekday {
    () => {
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    };
}

/// A month and a day in either order, with an optional year: "March 16",
/// "16th of March", "Sept. 15, 2024".
macro_rules! month_day {
    () => {
        concat!(
            month!(),
            r"\s+",
            day!(),
            r"(?:,?\s+",
            year_spec!(),
            ")?|",
            day!(),
            r"\s+(?:of\s+)?",
            month!(),
            r"(?:,?\s+",
            year_spec!(),
            ")?"
        )
    };
}

/// How many units in "two days ago": "a", "an", a word up to twelve, or digits.
macro_rules! count {
    () => {
        r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[1-9][0-9]?)"
    };
}

/// Phrases that are unambiguous as dates wherever they occur.
///
/// Order matters where one alternative starts another: the regex crate takes
/// the first alternative that leads to a match, so "Saturday March 16" comes
/// before "Saturday".
macro_rules! core {
    () => {
        concat!(
            r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|(?:this\s+past\s+)?(?:",
            weekday!(),
            r",?\s+)?(?:",
            month_day!(),
            ")|",
            month!(),
            r",?\s+",
            year_spec!(),
            r"|(?:(?:the\s+)?(?:start|beginning|middle|end)\s+of\s+|(?:early|mid|late)(?:\s*-\s*|\s+))(?:",
            month!(),
            r"(?:,?\s+",
            year_spec!(),
            r")?|(?:last|next|this)\s+(?:month|",
            month!(),
            ")|",
            year_spec!(),
            r"|the\s+(?:month|year))",
            r"|(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)",
            r"|(?:last|next)\s+(?:week|month|year)",
            r"|(?:the\s+|this\s+)?past\s+week(?:end)?",
            r"|(?:this|last|next|the)\s+weekend",
            r"|(?:last|next|this)\s+",
            month!(),
            r"|(?:(?:last|next|this)\s+|this\s+past\s+)?",
            weekday!(),
            "|",
            count!(),
            r"\s+(?:days?|weeks?|fortnights?|months?)\s+ago|",
            count!(),
            r"\s+years?\s+ago(?:\s+in\s+",
            month!(),
            ")?",
            r"|(?:earlier|later)\s+(?:in\s+the\s+day|today)|yesterday|today|tomorrow)"
        )
    };
}

/// A bare month or year: a date only after a qualifier or preposition.
macro_rules! loose {
    () => {
        r"(?:january|february|march|april|(?-i:May|MAY)|june|july|august|september|october|november|december|(?:19|20)[0-9]{2})"
    };
}

/// The body of [`DATE_PHRASE`], as a macro so that [`MOMENT_PHRASE`] can
/// include it.
macro_rules! date_phrase {
    () => {
        concat!(
            r"\b(?:(?:",
            qualifier!(),
            ")?(?:",
            count!(),
            r"\s+(?:days?|weeks?|fortnights?)\s+(?:after|before)\s+)?(?:",
            preposition!(),
            ")?",
            core!(),
            "|(?:",
            qualifier!(),
            "(?:",
            preposition!(),
            ")?|",
            preposition!(),
            ")",
            loose!(),
            r"|(?-i:January|February|March|April|June|July|August|September|October|November|December))\b"
        )
    };
}

/// Regex fragment matching an optional qualifier followed by a date phrase.
///
/// Rule authors embed it as `{date}` and the checker uses it to find "as-of"
/// phrases, so it has no capturing groups (it cannot disturb the caller's
/// group numbering) and is written for the `(?i)` flag the caller adds.
/// To keep false positives out of ordinary prose, a bare month or year counts
/// only after a qualifier or preposition ("in March", "since 2023"), except
/// capitalised full month names ("March"); "May" must always be capitalised.
/// Counted phrases need their "ago" ("two days ago", "a year ago in March")
/// or their "after"/"before" and a date ("three days after March 16"), so
/// "two sides" or "a year" alone are not dates.
///
/// Every phrase it finds is one [`parse_date`] reads. Times of day ("late on
/// Friday", "Friday night") are not part of it: it finds the day inside them
/// ("on Friday", "Friday"), and [`MOMENT_PHRASE`] finds them whole.
///
/// The regex crate has no look-around, so the fragment cannot see a
/// possessive after the phrase: in "devastated by Friday's earthquake" it
/// finds "by Friday", which is not a deadline but the day of the earthquake.
/// Callers check [`is_possessive_after`] at the end of the match and, when it
/// is true, keep the range but drop its qualifier.
pub const DATE_PHRASE: &str = date_phrase!();

/// A part of the day, in "Friday night" or "this morning".
macro_rules! day_part {
    () => {
        r"(?:morning|afternoon|evening|night)"
    };
}

/// One day a time of day can belong to: "Saturday, March 16", "March 16",
/// "last Friday", "Friday", "yesterday".
macro_rules! day_ref {
    () => {
        concat!(
            r"(?:(?:",
            weekday!(),
            r",?\s+)?(?:",
            month_day!(),
            r")|(?:(?:last|next|this)\s+)?",
            weekday!(),
            r"|yesterday|today|tomorrow)"
        )
    };
}

/// Holidays on a fixed day, for [`MOMENT_PHRASE`]: "New Year's Day", "Christmas Eve", "New Year's" (the day). Regex rules' `{date}` does not
/// name them, so what a pattern finds stays what it found.
macro_rules! holiday {
    () => {
        r"(?:new\s+year['’]?s\s+(?:day|eve)|christmas\s+(?:day|eve)|boxing\s+day|valentine['’]?s\s+day|halloween|new\s+year['’]s)"
    };
}

/// Regex fragment matching a time-of-day phrase or, failing that, any
/// [`DATE_PHRASE`]: "late on Friday", "early Saturday", "Friday night",
/// "on the evening of Saturday March 16", "this morning", "last night",
/// "tonight", "overnight", a holiday on a fixed day ("on New Year's Day", "Christmas Eve 2023"), optionally after a
/// qualifier ("by Friday night").
///
/// Like [`DATE_PHRASE`] it has no capturing groups and expects `(?i)`, and
/// every phrase it finds is one [`parse_moment`] reads. Where both fragments
/// match at the same place this one takes the longer, time-of-day phrase.
pub const MOMENT_PHRASE: &str = concat!(
    r"(?:\b(?:",
    qualifier!(),
    ")?(?:",
    preposition!(),
    r")?(?:(?:early|late)\s+(?:on\s+)?",
    day_ref!(),
    r"(?:\s+",
    day_part!(),
    ")?|",
    day_ref!(),
    r"\s+",
    day_part!(),
    r"|the\s+",
    day_part!(),
    r"\s+of\s+",
    day_ref!(),
    r"|this\s+",
    day_part!(),
    r"|last\s+(?:night|evening)|tonight|overnight|",
    holiday!(),
    r"(?:,?\s+(?:19|20)[0-9]{2})?)\b|",
    date_phrase!(),
    ")"
);

/// The holidays [`holiday!`] names, as their words after [`normalize`], and their month and day.
const HOLIDAYS: &[(&[&str], (&str, i8), i8)] = &[
    (&["new", "year", "s", "day"], ("january", 1), 1),
    (&["new", "years", "day"], ("january", 1), 1),
    (&["new", "year", "s", "eve"], ("december", 12), 31),
    (&["new", "years", "eve"], ("december", 12), 31),
    (&["christmas", "day"], ("december", 12), 25),
    (&["christmas", "eve"], ("december", 12), 24),
    (&["boxing", "day"], ("december", 12), 26),
    (&["valentine", "s", "day"], ("february", 2), 14),
    (&["valentines", "day"], ("february", 2), 14),
    (&["halloween"], ("october", 10), 31),
    // "hit Japan on New Year's": the day, as its Eve is said in full
    (&["new", "year", "s"], ("january", 1), 1),
];

/// A holiday that opens `tokens`, read as its month and day: the tokens with it written so ("new year s day 2024"
/// as "january 1 2024"), and the tense to read them in. A holiday without a tense is the one nearest the
/// publication date ("the New Year's Eve storm" in a report of January 3 is the one three days before), where a
/// year-less month and day would take the publication's year.
fn holiday_as_day<'s>(tokens: &[&'s str], cx: &Ctx) -> Option<(Vec<&'s str>, Tense)> {
    HOLIDAYS.iter().find_map(|(words, (month, number), day)| {
        let rest = tokens.strip_prefix(*words)?;
        let written = [*month, DAY_NUMBERS[*day as usize - 1]];
        let tense = match (cx.tense, cx.published) {
            (Tense::Unknown, Some(published)) => nearest(published, *number, *day),
            (tense, _) => tense,
        };
        Some((
            written.into_iter().chain(rest.iter().copied()).collect(),
            tense,
        ))
    })
}

/// The day numbers as words of a phrase, for [`holiday_as_day`].
const DAY_NUMBERS: [&str; 31] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17",
    "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
];

/// The direction from `published` of the nearest `month`/`day`: Past when this year's is more than half a year
/// ahead, Future when it is more than half a year behind, else Unknown (this year's).
fn nearest(published: Date, month: i8, day: i8) -> Tense {
    let Ok(this_year) = Date::new(published.year(), month, day) else {
        return Tense::Unknown;
    };
    let ahead = (this_year - published).get_days();
    match ahead {
        183.. => Tense::Past,
        ..=-183 => Tense::Future,
        _ => Tense::Unknown,
    }
}

/// What a qualifier says about the event relative to the range.
///
/// "No later than Sept. 15" and "on Sept. 15" name the same day but make
/// different claims, and the checker must not report them as a conflict
/// merely because the event happened earlier than a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateQualifier {
    /// The event happens within or before the range: "no later than", "not
    /// later than", "by", "before the end of", "until".
    Deadline,
    /// The event happens within or after the range: "after", "since", "from",
    /// "no earlier than".
    After,
    /// The event happens before the range: "before", "prior to".
    Before,
}

/// A day, or a month-and-day with the year unknown.
///
/// The year is unknown when the phrase has none and the source gives no
/// publication date; such days can still be compared by month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Day {
    /// A calendar day.
    Full(Date),
    /// A month and day in an unknown year.
    NoYear {
        /// Month, 1-12.
        month: i8,
        /// Day of the month, 1-31.
        day: i8,
    },
}

impl Day {
    /// ISO 8601 form, "2024-09-15", or "--09-15" without a year, so reports
    /// show days in one unambiguous notation whatever the source wrote.
    pub fn iso(&self) -> String {
        match self {
            Day::Full(date) => date.to_string(),
            Day::NoYear { month, day } => format!("--{month:02}-{day:02}"),
        }
    }

    /// Month and day, the part every day has.
    fn month_day(&self) -> (i8, i8) {
        match self {
            Day::Full(date) => (date.month(), date.day()),
            Day::NoYear { month, day } => (*month, *day),
        }
    }
}

/// An inclusive range of days, possibly qualified.
///
/// Every date phrase, from "yesterday" to "last year", becomes a range so
/// that phrases of different precision can be compared. For NoYear ranges
/// `start` and `end` are both NoYear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// First day of the range.
    pub start: Day,
    /// Last day of the range, inclusive.
    pub end: Day,
    /// What the phrase says about the event relative to the range, if anything.
    pub qualifier: Option<DateQualifier>,
}

impl DateRange {
    /// True when the two ranges share a day, i.e. two claims could describe
    /// the same moment.
    ///
    /// Full against Full compares calendar days. If either side has no year,
    /// both are projected to month-day ("--03-01..--03-31" overlaps
    /// 2024-03-11..2024-03-20). A range that crosses a year end cannot be
    /// projected and is conservatively treated as overlapping.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        if let (Some(a), Some(b)) = (self.full(), other.full()) {
            return a.0 <= b.1 && b.0 <= a.1;
        }
        match (self.month_days(), other.month_days()) {
            (Some(a), Some(b)) => a.0 <= b.1 && b.0 <= a.1,
            _ => true,
        }
    }

    /// Midpoint day, used when a whole range has to stand for one "as-of"
    /// date; None for NoYear ranges, which cannot be placed on a calendar.
    pub fn midpoint(&self) -> Option<Date> {
        let (start, end) = self.full()?;
        let days = start.until(end).ok()?.get_days();
        start.checked_add((i64::from(days) / 2).days()).ok()
    }

    /// First and last day when both are calendar days; `None` for a year-less range.
    pub fn full_days(&self) -> Option<(Date, Date)> {
        self.full()
    }

    /// Start and end when both are calendar days.
    fn full(&self) -> Option<(Date, Date)> {
        match (self.start, self.end) {
            (Day::Full(start), Day::Full(end)) => Some((start, end)),
            _ => None,
        }
    }

    /// Month-day projection; None when the range wraps or spans years.
    fn month_days(&self) -> Option<((i8, i8), (i8, i8))> {
        if let Some((start, end)) = self.full() {
            if start.year() != end.year() {
                return None;
            }
        }
        let (start, end) = (self.start.month_day(), self.end.month_day());
        (start <= end).then_some((start, end))
    }
}

/// Why a phrase could not be resolved.
///
/// The distinction matters to callers: a phrase that is not a date is
/// ignored, while a missing publication date or an impossible date is worth
/// telling the user about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The phrase is not one of the supported date forms.
    #[error("not a date phrase: {0:?}")]
    NotADate(String),
    /// The phrase is relative ("yesterday", "last year") and the source has
    /// no publication date to anchor it.
    #[error("{0:?} is relative to the publication date, which this source does not give")]
    NeedsPublicationDate(String),
    /// The phrase names a day that does not exist, such as "February 30".
    #[error("{0:?} is not a calendar date")]
    Invalid(String),
}

/// Which way from the anchor a date without a year lies, as the clause's
/// tense says.
///
/// "The July 26 coup" in a report of May 2024 happened in 2023; "by
/// September 15" in the same report is a deadline in 2024; "will end in
/// March" is next March. [`guess_tense`] guesses it from a clause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    /// The event lies on or before the anchor: the latest such date.
    Past,
    /// The event lies on or after the anchor: the next such date.
    Future,
    /// Not known: the anchor's year, as [`parse_date`] has always read it.
    #[default]
    Unknown,
}

/// What a relative or year-less phrase is read against: the source's
/// publication date, when known, and the tense of the clause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    /// Publication date; None leaves relative phrases unresolved and
    /// year-less dates without a year.
    pub date: Option<Date>,
    /// Direction for year-less dates and bare weekdays.
    pub tense: Tense,
}

impl Anchor {
    /// An anchor on `date` (None: no publication date) in `tense`.
    pub const fn new(date: Option<Date>, tense: Tense) -> Anchor {
        Anchor { date, tense }
    }
}

/// A span of time: days, and the hours of those days when the phrase gives
/// a time of day.
///
/// The span begins at hour `hours.0` of `range.start` and ends, exclusive,
/// at hour `hours.1` of `range.end` (24 is the end of that day). Mostly both
/// are one day; "overnight" runs from 18:00 on the day before the anchor to
/// 06:00 on the anchor day.
///
/// Hours chosen, as newsrooms use the words and without time zones (a
/// report's times are its own local times):
/// - morning 06-12, afternoon 12-18, evening 18-24;
/// - night ("Friday night", "last night", "tonight") 18-24 of that day: the
///   hours after midnight belong to the next day's "early on";
/// - "late on Friday", "late Friday": 18-24, the evening;
/// - "early on Saturday", "early Saturday": 00-12, not 00-06, because
///   wire copy uses it both for the small hours and for the morning; the
///   wider reading keeps two accurate reports from conflicting, and a
///   phrase that is more precise ("Saturday morning") still overlaps it;
/// - "early"/"late" before a part of the day ("late Friday night") keep the
///   part's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The days, with the qualifier, as [`parse_date`] would give them.
    pub range: DateRange,
    /// Start hour on the first day and end hour (exclusive, up to 24) on the
    /// last day; None when the phrase names whole days.
    pub hours: Option<(u8, u8)>,
}

/// Parses a date phrase, as matched by [`DATE_PHRASE`], relative to the
/// source's publication date.
///
/// Any case and extra whitespace or quotes are tolerated, since phrases come
/// straight from headlines and body text. See the module documentation for
/// how missing years are inferred.
///
/// `parse_date` is the reading with [`Tense::Unknown`] that existing callers
/// rely on: "earlier this year" is the whole year here, while
/// [`parse_moment`] ends it on the anchor day.
pub fn parse_date(phrase: &str, published: Option<Date>) -> Result<DateRange, DateError> {
    let cx = Ctx {
        phrase: phrase.trim(),
        published,
        tense: Tense::Unknown,
        whole_periods: true,
    };
    let (qualifier, (start, end)) = read_qualified(phrase, &cx, parse_body)?;
    Ok(DateRange {
        start,
        end,
        qualifier,
    })
}

/// Parses a date or time-of-day phrase, as matched by [`MOMENT_PHRASE`],
/// against an anchor: the publication date and the tense of the clause.
///
/// It reads everything [`parse_date`] reads, with two differences: a
/// year-less date or a bare weekday goes the way the anchor's tense says
/// (see the module documentation), and "earlier this year/month/week" ends
/// on the anchor day ("later this ..." starts on it). Times of day give
/// [`Moment::hours`]; see [`Moment`] for the hours chosen.
pub fn parse_moment(phrase: &str, anchor: Anchor) -> Result<Moment, DateError> {
    let cx = Ctx {
        phrase: phrase.trim(),
        published: anchor.date,
        tense: anchor.tense,
        whole_periods: false,
    };
    let (qualifier, (start, end, hours)) = read_qualified(phrase, &cx, moment_body)?;
    Ok(Moment {
        range: DateRange {
            start,
            end,
            qualifier,
        },
        hours,
    })
}

/// Parses a publication date as stated in a text or manifest: "20.05.2024",
/// "May 14, 2024", "14 May 2024", "2024-05-14", "Sept. 15, 2024", or an ISO
/// timestamp such as "2024-05-14T09:30:00Z".
///
/// It accepts only phrases that name one calendar day, because the result
/// anchors every relative phrase in the source.
pub fn parse_publication_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let date_part = match text.get(10..11) {
        Some("T") | Some(" ") => text.get(..10).unwrap_or(text),
        _ => text,
    };
    match parse_date(date_part, None) {
        Ok(DateRange {
            start: Day::Full(start),
            end: Day::Full(end),
            qualifier: None,
        }) if start == end => Some(start),
        _ => None,
    }
}

/// Parses a publication stamp that may carry a time of day: everything
/// [`parse_publication_date`] reads, and an ISO date followed by "T" or a
/// space and a time, "2023-09-10T14:30:00Z", "2023-09-10 14:30",
/// "2023-09-10T14:30:00.5+01:00".
///
/// Returns the day and, when given, the hour and minute as written: an
/// offset or "Z" is accepted but not applied, because factlint compares
/// reports by their own local days. A time that cannot be read gives None
/// rather than a silent date-only reading; callers that want the day anyway
/// use [`parse_publication_date`].
pub fn parse_publication_moment(text: &str) -> Option<(Date, Option<(u8, u8)>)> {
    let text = text.trim();
    let (day_part, clock) = match (text.get(..10), text.get(10..11), text.get(11..)) {
        (Some(day), Some("T" | " "), Some(clock)) if numeric_date(day).is_some() => {
            (day, Some(clock.trim()))
        }
        _ => (text, None),
    };
    let date = parse_publication_date(day_part)?;
    match clock {
        None => Some((date, None)),
        Some(clock) => clock_time(clock).map(|time| (date, Some(time))),
    }
}

/// Hour and minute of "14:30", "14:30:00", "14:30:00.123Z", "14:30+02:00".
fn clock_time(text: &str) -> Option<(u8, u8)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^([01][0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$",
        )
        .expect("the clock pattern is a valid regex")
    });
    let caps = re.captures(text)?;
    Some((caps[1].parse().ok()?, caps[2].parse().ok()?))
}

/// True when a possessive "'s" (straight or curly apostrophe) follows byte
/// offset `end` of `text`, the end of a phrase found by [`DATE_PHRASE`].
///
/// In "devastated by Friday's earthquake" the fragment finds "by Friday",
/// but "Friday's" names the earthquake's day and "by" belongs to
/// "devastated": the phrase is not a deadline. Callers keep the range and
/// set its qualifier to None when this is true. An `end` outside the text
/// or inside a character gives false.
pub fn is_possessive_after(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let after_apostrophe = rest.strip_prefix(['\'', '\u{2019}']);
    match after_apostrophe.and_then(|r| r.strip_prefix(['s', 'S'])) {
        Some(after) => !after.starts_with(char::is_alphanumeric),
        None => false,
    }
}

/// Says in plain words why `phrase` cannot be read against `anchor`, or
/// None when [`parse_moment`] reads it.
///
/// Meant for `factlint explain` and for findings about unanchored dates: it
/// says what to do (give the source a publication date) or what factlint
/// reads instead, so that a refused phrase is never a silent gap.
pub fn why_not(phrase: &str, anchor: Anchor) -> Option<String> {
    let error = parse_moment(phrase, anchor).err()?;
    let shown = phrase.trim();
    Some(match error {
        DateError::NeedsPublicationDate(_) => format!(
            "'{shown}' needs a publication date to anchor it: give the source one in \
             sources.yaml or in its front matter (published: 2024-05-14)"
        ),
        DateError::Invalid(_) => format!("'{shown}' is not a calendar date"),
        DateError::NotADate(_) => {
            let hint = refusal_hint(&shown.to_lowercase());
            format!("'{shown}' is not a date phrase factlint reads{hint}; it reads {READABLE}")
        }
    })
}

/// What factlint reads, for [`why_not`].
const READABLE: &str = "days ('September 15', 'Saturday, March 16', '2024-05-14'), months and \
     years ('in March', 'March 2024', 'last year'), parts of them ('mid-March', 'the end of the \
     year'), days counted from the publication date ('yesterday', 'on Saturday', 'last week', \
     'this weekend', 'two days ago') and times of day ('Friday night', 'late on Friday', 'this \
     morning')";

/// Why a phrase of a known kind is left out, for [`why_not`].
fn refusal_hint(lowered: &str) -> &'static str {
    let has = |words: &[&str]| lowered.split_whitespace().any(|w| words.contains(&w));
    if has(&["spring", "summer", "autumn", "fall", "winter"]) {
        " (seasons are left out: their months differ between hemispheres)"
    } else if has(&["later", "earlier"]) && has(&["days", "weeks", "months", "years"]) {
        " ('N days later' counts from an event whose date the phrase does not give)"
    } else {
        ""
    }
}

/// Guesses the tense of a clause from its words, for [`Anchor::tense`]:
/// which way a year-less date in it lies from the publication date.
///
/// Strong past cues: "was", "were", "had", "did", common irregular past
/// forms ("took", "struck", "fell", ...), "ago", "yesterday", "earlier", and
/// "last" before a time word ("last week", "last July"). Strong future cues:
/// "will", "would", "shall", "'ll", "deadline", "tomorrow", "next" before a
/// time word, "to be", "expected/scheduled/set/due to" before a verb, "no
/// later than", and a deadline date phrase ("by September 15", not the
/// possessive "by Friday's quake"). Weak cues count only when no strong cue
/// is found: a past participle in "-ed" for the past, "until" for the
/// future ("will stay until March" is future, "schools stay shut until
/// Monday" too, and "remained until March", with a weak cue each way, is
/// unknown).
///
/// Strong cues both ways, weak cues both ways, or none give
/// [`Tense::Unknown`]: a wrong direction would move a date by a year, so
/// the guess stays out when it is unsure. Reporting verbs ("said") are no
/// cue: "said it would leave by March" is about the future.
pub fn guess_tense(clause: &str) -> Tense {
    let mut cues = word_cues(clause);
    cues.future |= has_deadline(clause);
    cues.verdict()
}

/// The tense of the clause of a count, as [`guess_tense`] guesses it but for a deadline date phrase, which is no cue
/// here: a count as of "by Tuesday" is the figure reached by then ("the toll reached 3,000 by Tuesday", Tuesday
/// past), and a count planned by a date is refused its date before its tense is read.
pub fn guess_tense_of_count(clause: &str) -> Tense {
    word_cues(clause).verdict()
}

/// True when `clause` holds a strong cue of the past ("was", "had", "rose", "yesterday", "last week"; not a bare
/// participle in "-ed", which "has killed" shares with the present perfect).
pub fn states_the_past(clause: &str) -> bool {
    word_cues(clause).past
}

/// The tense cues of the words of `clause`.
fn word_cues(clause: &str) -> TenseCues {
    let lowered = clause.to_lowercase().replace('\u{2019}', "'");
    let words: Vec<&str> = lowered
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut cues = TenseCues::default();
    for (i, word) in words.iter().enumerate() {
        cues.add(word, &words[i + 1..]);
    }
    cues
}

/// Tense cues found in a clause, strong and weak; see [`guess_tense`].
#[derive(Default)]
struct TenseCues {
    past: bool,
    future: bool,
    weak_past: bool,
    weak_future: bool,
}

impl TenseCues {
    /// Counts the cue that `word`, followed by `next`, gives, if any.
    fn add(&mut self, word: &str, next: &[&str]) {
        let following = next.first().copied().unwrap_or("");
        match word {
            "was" | "were" | "had" | "did" | "wasn't" | "weren't" | "hadn't" | "didn't" | "ago"
            | "yesterday" | "earlier" | "took" | "began" | "fell" | "rose" | "came" | "went"
            | "struck" | "overthrew" => self.past = true,
            "will" | "won't" | "shall" | "would" | "deadline" | "tomorrow" | "upcoming" => {
                self.future = true
            }
            "last" if is_time_word(following) => self.past = true,
            "next" if is_time_word(following) => self.future = true,
            "expected" | "scheduled" | "set" | "planned" | "poised" | "plans" | "going"
                if following == "to" =>
            {
                self.future = true
            }
            "due" if following == "to" && !gives_a_reason(next.get(1).copied()) => {
                self.future = true
            }
            "to" if following == "be" => self.future = true,
            "no" | "not" if next.starts_with(&["later", "than"]) => self.future = true,
            "until" | "till" => self.weak_future = true,
            _ if word.ends_with("'ll") => self.future = true,
            _ if is_past_participle(word) => self.weak_past = true,
            _ => {}
        }
    }

    fn verdict(&self) -> Tense {
        let (past, future) = match (self.past, self.future) {
            (false, false) => (self.weak_past, self.weak_future),
            strong => strong,
        };
        match (past, future) {
            (true, false) => Tense::Past,
            (false, true) => Tense::Future,
            _ => Tense::Unknown,
        }
    }
}

/// True when the clause holds a deadline date phrase ("by September 15",
/// "no later than mid-September"), not followed by a possessive. "until"
/// is left to the weak cues.
fn has_deadline(clause: &str) -> bool {
    date_phrases(clause).into_iter().any(|phrase| {
        let normalized = normalize(&clause[phrase.clone()]);
        let tokens: Vec<&str> = normalized.split_whitespace().collect();
        let deadline = splits(&tokens).next().and_then(|(q, _)| q) == Some(DateQualifier::Deadline);
        deadline && tokens.first() != Some(&"until") && !is_possessive_after(clause, phrase.end)
    })
}

/// How many sentences' date phrases [`date_phrases`] remembers, per thread. Claims in words look for the date
/// phrases of a candidate's sentence, and in dense reports one sentence holds candidates of several claims (the
/// withdrawal's deadline, its date, the figures around it), each judged on its own, and the tense of the sentence of
/// each mention kept is read from them again ([`guess_tense`]); the phrases of the sentences of the last few dozen
/// candidates are kept, which covers every claim of a report of a few pages. The search is the
/// costly part: [`DATE_PHRASE`] is large, and on a sentence with a curly quote or an accented letter the regex
/// engine leaves its DFA (which cannot see Unicode word boundaries across non-ASCII text) for a backtracker.
const REMEMBERED_SENTENCES: usize = 64;

/// The phrases of one regex found in recent sentences, newest first.
type Remembered = VecDeque<(Box<str>, Vec<Range<usize>>)>;

/// The date phrases of `sentence`, as [`DATE_PHRASE`] finds them.
pub fn date_phrases(sentence: &str) -> Vec<Range<usize>> {
    thread_local! {
        static RECENT: RefCell<Remembered> = const { RefCell::new(VecDeque::new()) };
    }
    static RE: OnceLock<SentenceRegex> = OnceLock::new();
    let regex = RE.get_or_init(|| {
        SentenceRegex::new(&format!("(?i){DATE_PHRASE}")).expect("DATE_PHRASE is a valid regex")
    });
    RECENT.with_borrow_mut(|recent| remembered_phrases(recent, regex, sentence))
}

/// The date and time-of-day phrases of `sentence`, as [`MOMENT_PHRASE`] finds them: "late Sunday", "Friday
/// morning", "tonight" whole, where [`date_phrases`] finds "Sunday", "Friday" or nothing. Remembered per thread
/// as [`date_phrases`] are, for the same reason.
pub fn moment_phrases(sentence: &str) -> Vec<Range<usize>> {
    thread_local! {
        static RECENT: RefCell<Remembered> = const { RefCell::new(VecDeque::new()) };
    }
    static RE: OnceLock<SentenceRegex> = OnceLock::new();
    let regex = RE.get_or_init(|| {
        SentenceRegex::new(&format!("(?i){MOMENT_PHRASE}")).expect("MOMENT_PHRASE is a valid regex")
    });
    RECENT.with_borrow_mut(|recent| remembered_phrases(recent, regex, sentence))
}

/// What every phrase that [`MOMENT_PHRASE`] (and so [`DATE_PHRASE`]) finds holds, as a regex: a date in digits
/// ("2024-05-14", "20.05.2024"); a year after a preposition, a qualifier or "early", "mid", "late" ("in 2019", "no
/// later than 2025", "mid-2024"), the only places where a phrase has a year without other date words; a word of
/// days, parts of days, weeks, months or years ("Sunday", "today", "tonight", "weekend", "years"), or of a holiday;
/// a month's name, whole or cut ("Sept.", "May" in capitals), which is a word of its own in every phrase. A figure
/// alone ("4,799 homes") is none. Matched with the same case folding as the phrases, it tests a whole sentence in
/// one pass of a DFA, where the phrases' regex leaves its DFA for a backtracker on a sentence with a non-ASCII
/// character.
const DATE_CUES: &str = concat!(
    r"(?i)[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}",
    r"|(?:in|on|of|at|by|to|than|until|after|since|from|before|during|early|mid|late)(?:",
    qs!(),
    r"|\s*-\s*)[12][0-9]{3}",
    r"|day|night|week|month|year|morning|afternoon|evening|tomorrow|christmas|halloween",
    r"|(?:^|\W)",
    month!(),
    r"(?:\W|$)"
);

/// False when `sentence` holds none of [`DATE_CUES`], so that neither [`MOMENT_PHRASE`] nor [`DATE_PHRASE`] finds
/// anything in it, nor a phrase that counts days ("three days after"); true when it may hold a date.
pub fn may_hold_date(sentence: &str) -> bool {
    static CUES: OnceLock<Regex> = OnceLock::new();
    CUES.get_or_init(|| Regex::new(DATE_CUES).expect("DATE_CUES is a valid regex"))
        .is_match(sentence)
}

/// The matches of `regex` in `sentence`: looked up in `recent` (the last [`REMEMBERED_SENTENCES`] sentences
/// searched with it), else searched (none without [`DATE_CUES`]) and remembered.
fn remembered_phrases(
    recent: &mut Remembered,
    regex: &SentenceRegex,
    sentence: &str,
) -> Vec<Range<usize>> {
    if let Some((_, phrases)) = recent.iter().find(|(seen, _)| **seen == *sentence) {
        return phrases.clone();
    }
    let phrases = match may_hold_date(sentence) {
        true => regex.find_all(sentence),
        false => Vec::new(),
    };
    if recent.len() == REMEMBERED_SENTENCES {
        recent.pop_back();
    }
    recent.push_front((sentence.into(), phrases.clone()));
    phrases
}

/// A word after which "last"/"next" speaks of time: "last week", "next July".
fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "week" | "weekend" | "month" | "year" | "night" | "morning" | "evening" | "time"
    ) || weekday(word).is_some()
        || month(word).is_some()
}

/// True when "due to" is followed by a reason ("due to the storm"), not a
/// verb ("due to resume").
fn gives_a_reason(word: Option<&str>) -> bool {
    matches!(
        word,
        Some(
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "this"
                | "that"
                | "these"
                | "those"
                | "bad"
                | "heavy"
                | "poor"
                | "lack"
                | "security"
                | "concerns"
                | "weather"
        )
    )
}

/// A word in "-ed" that is most likely a past verb, for the weak past cue.
fn is_past_participle(word: &str) -> bool {
    const NOT_PAST: &[&str] = &[
        "indeed",
        "hundred",
        "united",
        "armed",
        "based",
        "limited",
        "related",
        "expected",
        "scheduled",
        "planned",
        "supposed",
        "proposed",
        "naked",
        "sacred",
        "wicked",
        "hatred",
    ];
    word.len() >= 5 && word.ends_with("ed") && !NOT_PAST.contains(&word)
}

/// Qualifiers as word sequences, longest first so that "before the end of"
/// is tried before "before".
const QUALIFIERS: &[(&[&str], DateQualifier)] = &[
    (&["no", "later", "than"], DateQualifier::Deadline),
    (&["not", "later", "than"], DateQualifier::Deadline),
    (&["no", "earlier", "than"], DateQualifier::After),
    (&["not", "earlier", "than"], DateQualifier::After),
    (&["before", "the", "end", "of"], DateQualifier::Deadline),
    (&["prior", "to"], DateQualifier::Before),
    (&["by"], DateQualifier::Deadline),
    (&["until"], DateQualifier::Deadline),
    (&["after"], DateQualifier::After),
    (&["since"], DateQualifier::After),
    (&["from"], DateQualifier::After),
    (&["before"], DateQualifier::Before),
];

/// Prepositions dropped before the phrase itself.
const PREPOSITIONS: &[&str] = &["in", "on", "of", "during", "at"];

/// Year assumed for month-day checks when the year is unknown: a leap year,
/// so that "February 29" is accepted.
const LEAP_YEAR: i16 = 2024;

/// Phrase being parsed, for error messages, and its anchor.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    phrase: &'a str,
    published: Option<Date>,
    /// Which way year-less dates and bare weekdays go from the anchor.
    tense: Tense,
    /// True for [`parse_date`], which reads "earlier this year" as the
    /// whole year.
    whole_periods: bool,
}

impl Ctx<'_> {
    fn not_a_date(&self) -> DateError {
        DateError::NotADate(self.phrase.to_string())
    }

    fn invalid(&self) -> DateError {
        DateError::Invalid(self.phrase.to_string())
    }

    fn published(&self) -> Result<Date, DateError> {
        self.published
            .ok_or_else(|| DateError::NeedsPublicationDate(self.phrase.to_string()))
    }

    /// The same context read in another tense.
    fn with_tense(&self, tense: Tense) -> Self {
        Ctx { tense, ..*self }
    }

    /// The year of a month (and day) on the calendar: an unstated year
    /// follows the tense from the anchor, see [`directed_year`].
    fn year_of(
        &self,
        spec: YearSpec,
        month: i8,
        day: Option<i8>,
    ) -> Result<Option<i16>, DateError> {
        match (spec, self.published) {
            (YearSpec::Unstated, Some(anchor)) => {
                Ok(Some(directed_year(anchor, self.tense, month, day)))
            }
            _ => self.year(spec),
        }
    }

    /// The year a phrase refers to; None when unstated and unknowable.
    fn year(&self, spec: YearSpec) -> Result<Option<i16>, DateError> {
        match spec {
            YearSpec::Unstated => Ok(self.published.map(|p| p.year())),
            YearSpec::Stated(year) => Ok(Some(year)),
            YearSpec::Relative(offset) => Ok(Some(self.published()?.year().saturating_add(offset))),
        }
    }
}

/// How a phrase gives its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    Unstated,
    Stated(i16),
    Relative(i16),
}

/// A third of a month or year.
#[derive(Debug, Clone, Copy)]
enum Part {
    Early,
    Mid,
    Late,
}

/// Which occurrence a relative word picks: before, around or after publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Last,
    This,
    Next,
}

impl Dir {
    fn offset(self) -> i8 {
        match self {
            Dir::Last => -1,
            Dir::This => 0,
            Dir::Next => 1,
        }
    }
}

/// A phrase relative to the publication date, before it is resolved.
#[derive(Debug, Clone, Copy)]
enum Rel {
    Day(i64),
    Weekday(Weekday, Dir),
    /// "this Sunday", which the tense points one way or the other.
    ThisWeekday(Weekday),
    Week(Dir),
    PastWeek,
    /// "the weekend" (None), "this/last/next weekend".
    Weekend(Option<Dir>),
    Month(Dir),
    NamedMonth(i8, Dir),
    /// "two days ago", "a year ago".
    Ago(i64, Unit),
}

/// The unit counted in "two days ago" or "three weeks after".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    /// Two weeks ("a fortnight ago").
    Fortnight,
    Month,
    Year,
}

/// What a phrase denotes before it becomes a range of days.
#[derive(Debug, Clone, Copy)]
enum Period {
    Year(i16),
    Month { year: Option<i16>, month: i8 },
    Days(Day, Day),
}

/// Lowercases and turns punctuation into spaces, keeping "." and "-" between
/// digits ("20.05.2024", "2024-05-14").
fn normalize(phrase: &str) -> String {
    let chars: Vec<char> = phrase.chars().collect();
    let digit_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let mut out = String::with_capacity(phrase.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '.' | '-') && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out
}

/// Every way to read the tokens as qualifier plus phrase, qualified first.
fn splits<'t, 's>(
    tokens: &'t [&'s str],
) -> impl Iterator<Item = (Option<DateQualifier>, &'t [&'s str])> {
    QUALIFIERS
        .iter()
        .filter_map(move |(words, q)| tokens.strip_prefix(*words).map(|rest| (Some(*q), rest)))
        .chain(std::iter::once((None, tokens)))
}

/// Reads the phrase with `read`, trying every qualifier it may start with.
///
/// The first reading that succeeds wins; otherwise the most telling error,
/// a missing anchor or an impossible day rather than "not a date".
fn read_qualified<T>(
    phrase: &str,
    cx: &Ctx,
    read: impl Fn(&[&str], &Ctx) -> Result<T, DateError>,
) -> Result<(Option<DateQualifier>, T), DateError> {
    let normalized = normalize(phrase);
    let tokens: Vec<&str> = normalized.split_whitespace().collect();
    let mut error = cx.not_a_date();
    for (qualifier, body) in splits(&tokens) {
        match read(body, cx) {
            Ok(value) => return Ok((qualifier, value)),
            Err(e) if matches!(error, DateError::NotADate(_)) => error = e,
            Err(_) => {}
        }
    }
    Err(error)
}

/// Drops a leading preposition ("in", "on", ...) that has words after it.
fn strip_preposition<'t, 's>(tokens: &'t [&'s str]) -> &'t [&'s str] {
    match tokens {
        [first, rest @ ..] if !rest.is_empty() && PREPOSITIONS.contains(first) => rest,
        _ => tokens,
    }
}

/// Resolves the phrase after its qualifier to a pair of days.
fn parse_body(tokens: &[&str], cx: &Ctx) -> Result<(Day, Day), DateError> {
    to_days(core(strip_preposition(tokens), cx)?, cx)
}

/// Hours of a time of day, `[start, end)`; see [`Moment`].
type Hours = (u8, u8);

const MORNING: Hours = (6, 12);
const AFTERNOON: Hours = (12, 18);
const EVENING: Hours = (18, 24);
const EARLY: Hours = (0, 12);
/// From 18:00 on the day before to 06:00 on the anchor day.
const OVERNIGHT: Hours = (18, 6);

/// Resolves the phrase after its qualifier to days and, for a time of day,
/// hours.
fn moment_body(tokens: &[&str], cx: &Ctx) -> Result<(Day, Day, Option<Hours>), DateError> {
    let tokens = strip_preposition(tokens);
    match time_of_day(tokens, cx)? {
        Some((start, end, hours)) => Ok((start, end, Some(hours))),
        None => to_days(core(tokens, cx)?, cx).map(|(start, end)| (start, end, None)),
    }
}

/// A time-of-day phrase, or Ok(None) when the phrase names no time of day.
fn time_of_day(tokens: &[&str], cx: &Ctx) -> Result<Option<(Day, Day, Hours)>, DateError> {
    if let Some(span) = anchored_time_of_day(tokens, cx)? {
        return Ok(Some(span));
    }
    let in_day = |rest: &[&str], hours: Hours| one_day(rest, cx).map(|day| (day, day, hours));
    match tokens {
        ["the", part, "of", rest @ ..] => part_hours(part).map(|h| in_day(rest, h)).transpose(),
        [edge @ ("early" | "late"), rest @ ..] => edge_of_day(edge, rest, cx),
        [rest @ .., part] => part_hours(part).map(|h| in_day(rest, h)).transpose(),
        [] => Ok(None),
    }
}

/// "tonight", "last night", "this morning", "overnight": times of day
/// counted from the anchor day.
fn anchored_time_of_day(tokens: &[&str], cx: &Ctx) -> Result<Option<(Day, Day, Hours)>, DateError> {
    let (first, last, hours) = match tokens {
        ["tonight"] => (0, 0, EVENING),
        ["overnight"] => (-1, 0, OVERNIGHT),
        ["last", "night" | "evening"] => (-1, -1, EVENING),
        ["this", part] => match part_hours(part) {
            Some(hours) => (0, 0, hours),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    let anchor = cx.published()?;
    let day = |offset| {
        add_days(anchor, offset)
            .map(Day::Full)
            .ok_or_else(|| cx.invalid())
    };
    Ok(Some((day(first)?, day(last)?, hours)))
}

/// "late on Friday", "early Saturday", "late Friday night": Ok(None) when
/// what follows is not one day ("late July" is a part of a month).
fn edge_of_day(
    edge: &str,
    rest: &[&str],
    cx: &Ctx,
) -> Result<Option<(Day, Day, Hours)>, DateError> {
    let rest = rest.strip_prefix(&["on"]).unwrap_or(rest);
    if let Some(span) = time_of_day(rest, cx)? {
        return Ok(Some(span));
    }
    let hours = if edge == "early" { EARLY } else { EVENING };
    match to_days(core(rest, cx)?, cx)? {
        (start, end) if start == end => Ok(Some((start, end, hours))),
        _ => Ok(None),
    }
}

/// The hours of "morning", "afternoon", "evening", "night".
fn part_hours(word: &str) -> Option<Hours> {
    match word {
        "morning" => Some(MORNING),
        "afternoon" => Some(AFTERNOON),
        "evening" | "night" => Some(EVENING),
        _ => None,
    }
}

/// A phrase that must name exactly one day.
fn one_day(tokens: &[&str], cx: &Ctx) -> Result<Day, DateError> {
    match to_days(core(tokens, cx)?, cx)? {
        (start, end) if start == end => Ok(start),
        _ => Err(cx.not_a_date()),
    }
}

/// Parses a phrase, handling prefixes that modify another phrase:
/// "earlier this ...", parts of a period, "this past ...", a weekday before
/// a date, "a year ago in March" and "three days after March 16".
fn core(tokens: &[&str], cx: &Ctx) -> Result<Period, DateError> {
    if let Some((day, tense)) = holiday_as_day(tokens, cx) {
        return core(&day, &cx.with_tense(tense));
    }
    match tokens {
        [edge @ ("earlier" | "later"), rest @ ..] if rest.starts_with(&["this"]) => {
            earlier_or_later(edge, core(rest, cx)?, cx)
        }
        ["the", word, "of", rest @ ..] | [word, "of", rest @ ..] if part_of(word).is_some() => {
            apply_part(core(rest, cx)?, part_of(word), cx)
        }
        [word, rest @ ..] if !rest.is_empty() && part_prefix(word).is_some() => {
            apply_part(core(rest, cx)?, part_prefix(word), cx)
        }
        ["this", "past", rest @ ..] if !matches!(rest, ["week" | "weekend"]) => {
            core(rest, &cx.with_tense(Tense::Past))
        }
        [word, rest @ ..] if !rest.is_empty() && weekday(word).is_some() => {
            one_day(rest, cx).map(|day| Period::Days(day, day))
        }
        [n, "year" | "years", "ago", "in", m] => years_ago_in_month(n, m, cx),
        [n, u, edge @ ("after" | "before"), rest @ ..] => shifted(n, u, edge, rest, cx),
        _ => simple(tokens, cx),
    }
}

/// "earlier this year" from the start of the year to the anchor day, "later
/// this year" from the anchor day to its end; [`parse_date`] keeps the
/// whole period.
fn earlier_or_later(edge: &str, period: Period, cx: &Ctx) -> Result<Period, DateError> {
    if cx.whole_periods {
        return Ok(period);
    }
    let (start, end) = to_days(period, cx)?;
    let anchor = Day::Full(cx.published()?);
    Ok(match edge {
        "earlier" => Period::Days(start, anchor),
        _ => Period::Days(anchor, end),
    })
}

/// "a year ago in March": that month, the given number of years before the
/// anchor's year.
fn years_ago_in_month(n: &str, m: &str, cx: &Ctx) -> Result<Period, DateError> {
    let (Some(n), Some(month)) = (count_word(n), month(m)) else {
        return Err(cx.not_a_date());
    };
    let year = i64::from(cx.published()?.year()) - n;
    let year = i16::try_from(year).map_err(|_| cx.invalid())?;
    Ok(Period::Month {
        year: Some(year),
        month,
    })
}

/// "three days after March 16", "two weeks before the end of March": the
/// days of the phrase after `edge`, moved by the count.
fn shifted(n: &str, u: &str, edge: &str, rest: &[&str], cx: &Ctx) -> Result<Period, DateError> {
    let days = match (count_word(n), unit(u)) {
        (Some(n), Some(Unit::Day)) => n,
        (Some(n), Some(Unit::Week)) => 7 * n,
        (Some(n), Some(Unit::Fortnight)) => 14 * n,
        _ => return Err(cx.not_a_date()),
    };
    let days = if edge == "before" { -days } else { days };
    let (start, end) = to_days(core(strip_preposition(rest), cx)?, cx)?;
    Ok(Period::Days(
        shift_day(start, days, cx)?,
        shift_day(end, days, cx)?,
    ))
}

/// A day moved by `n` days; a year-less day must stay in its year.
fn shift_day(day: Day, n: i64, cx: &Ctx) -> Result<Day, DateError> {
    let in_calendar = match day {
        Day::Full(date) => date,
        Day::NoYear { month, day } => Date::new(LEAP_YEAR, month, day).map_err(|_| cx.invalid())?,
    };
    let moved = add_days(in_calendar, n).ok_or_else(|| cx.invalid())?;
    match day {
        Day::Full(_) => Ok(Day::Full(moved)),
        Day::NoYear { .. } if moved.year() == LEAP_YEAR => Ok(Day::NoYear {
            month: moved.month(),
            day: moved.day(),
        }),
        Day::NoYear { .. } => Err(DateError::NeedsPublicationDate(cx.phrase.to_string())),
    }
}

/// Parses a phrase without a part-of-period prefix.
fn simple(tokens: &[&str], cx: &Ctx) -> Result<Period, DateError> {
    let (rest, spec) = split_year(tokens);
    if let Some(period) = calendar(rest, spec, cx)? {
        return Ok(period);
    }
    match relative_shape(rest) {
        Some(rel) if spec == YearSpec::Unstated => {
            resolve(rel, cx.published()?, cx.tense).ok_or_else(|| cx.invalid())
        }
        _ => Err(cx.not_a_date()),
    }
}

/// Splits off a trailing year: "2024", "last year", "the year".
fn split_year<'t, 's>(tokens: &'t [&'s str]) -> (&'t [&'s str], YearSpec) {
    match tokens {
        [rest @ .., word, "year"] => match (*word, dir(word)) {
            ("the", _) => (rest, YearSpec::Relative(0)),
            (_, Some(d)) => (rest, YearSpec::Relative(i16::from(d.offset()))),
            _ => (tokens, YearSpec::Unstated),
        },
        [rest @ .., year] if year.len() == 4 => match number(year) {
            Some(year) => (rest, YearSpec::Stated(year)),
            None => (tokens, YearSpec::Unstated),
        },
        _ => (tokens, YearSpec::Unstated),
    }
}

/// Years, months and days named on the calendar; Ok(None) if not such a phrase.
fn calendar(tokens: &[&str], spec: YearSpec, cx: &Ctx) -> Result<Option<Period>, DateError> {
    if let Some((month, day)) = month_and_day(tokens) {
        return day_in(cx.year_of(spec, month, Some(day))?, month, day, cx).map(Some);
    }
    match tokens {
        [] if spec == YearSpec::Unstated => Ok(None),
        [] => Ok(cx.year(spec)?.map(Period::Year)),
        [word] => match month(word) {
            Some(month) => Ok(Some(Period::Month {
                year: cx.year_of(spec, month, None)?,
                month,
            })),
            None if spec == YearSpec::Unstated => numeric_date(word)
                .map(|(y, m, d)| day_in(Some(y), m, d, cx))
                .transpose(),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Month and day from "september 15", "15 september", "15th of september".
fn month_and_day(tokens: &[&str]) -> Option<(i8, i8)> {
    match tokens {
        [a, b] => month(a).zip(day(b)).or_else(|| month(b).zip(day(a))),
        [d, "of", m] => month(m).zip(day(d)),
        _ => None,
    }
}

/// One day, checked against the calendar (a leap year when the year is unknown).
fn day_in(year: Option<i16>, month: i8, day: i8, cx: &Ctx) -> Result<Period, DateError> {
    let date = Date::new(year.unwrap_or(LEAP_YEAR), month, day).map_err(|_| cx.invalid())?;
    let day = match year {
        Some(_) => Day::Full(date),
        None => Day::NoYear { month, day },
    };
    Ok(Period::Days(day, day))
}

/// Recognises phrases relative to publication, before resolving them.
fn relative_shape(tokens: &[&str]) -> Option<Rel> {
    match tokens {
        ["today"] | ["earlier" | "later", "today"] => Some(Rel::Day(0)),
        ["earlier" | "later", "in", "the", "day"] => Some(Rel::Day(0)),
        ["yesterday"] => Some(Rel::Day(-1)),
        ["tomorrow"] => Some(Rel::Day(1)),
        [word] => weekday(word).map(|w| Rel::Weekday(w, Dir::This)),
        ["past", "week"] | ["the" | "this", "past", "week"] => Some(Rel::PastWeek),
        ["past", "weekend"] | ["the" | "this", "past", "weekend"] => {
            Some(Rel::Weekend(Some(Dir::Last)))
        }
        ["the", "weekend"] => Some(Rel::Weekend(None)),
        ["the", "month"] => Some(Rel::Month(Dir::This)),
        [d, "week"] => dir(d).map(Rel::Week),
        [d, "weekend"] => dir(d).map(|d| Rel::Weekend(Some(d))),
        [d, "month"] => dir(d).map(Rel::Month),
        [d, word] => {
            let d = dir(d)?;
            let named_weekday = weekday(word).map(|w| match d {
                Dir::This => Rel::ThisWeekday(w),
                _ => Rel::Weekday(w, d),
            });
            named_weekday.or_else(|| month(word).map(|m| Rel::NamedMonth(m, d)))
        }
        [n, u, "ago"] => Some(Rel::Ago(count_word(n)?, unit(u)?)),
        _ => None,
    }
}

/// Resolves a relative phrase against the publication date in a tense;
/// None on overflow.
fn resolve(rel: Rel, published: Date, tense: Tense) -> Option<Period> {
    match rel {
        Rel::Day(offset) => add_days(published, offset).map(|d| days(d, d)),
        Rel::Weekday(w, d) => {
            let day = match (d, tense) {
                (Dir::This, Tense::Future) => on_or_after(published, w),
                _ => weekday_date(published, w, d),
            };
            day.map(|day| days(day, day))
        }
        Rel::ThisWeekday(w) => {
            let day = match tense {
                Tense::Past => weekday_date(published, w, Dir::This),
                _ => on_or_after(published, w),
            };
            day.map(|day| days(day, day))
        }
        Rel::Week(d) => {
            let monday = week_monday(published, d.offset())?;
            Some(days(monday, add_days(monday, 6)?))
        }
        Rel::Weekend(d) => {
            let monday = week_monday(published, weekend_week(published, d, tense))?;
            Some(days(add_days(monday, 5)?, add_days(monday, 6)?))
        }
        Rel::Ago(n, unit) => ago(published, n, unit),
        Rel::PastWeek => Some(days(add_days(published, -7)?, add_days(published, -1)?)),
        Rel::Month(d) => {
            let first = published
                .first_of_month()
                .checked_add(i64::from(d.offset()).months())
                .ok()?;
            Some(Period::Month {
                year: Some(first.year()),
                month: first.month(),
            })
        }
        Rel::NamedMonth(month, d) => Some(Period::Month {
            year: Some(named_month_year(published, month, d)),
            month,
        }),
    }
}

/// "on Saturday" is the publication day itself or the most recent Saturday
/// before it; "last Saturday" is strictly before, "next Saturday" strictly after.
fn weekday_date(published: Date, weekday: Weekday, d: Dir) -> Option<Date> {
    match d {
        Dir::This => published.tomorrow().ok()?.nth_weekday(-1, weekday).ok(),
        Dir::Last => published.nth_weekday(-1, weekday).ok(),
        Dir::Next => published.nth_weekday(1, weekday).ok(),
    }
}

/// The publication day itself or the first such weekday after it: "will
/// meet on Saturday", "this Sunday" read on a Sunday.
fn on_or_after(published: Date, weekday: Weekday) -> Option<Date> {
    published.yesterday().ok()?.nth_weekday(1, weekday).ok()
}

/// Monday of the publication week moved by `weeks` weeks (weeks run Monday
/// to Sunday).
fn week_monday(published: Date, weeks: i8) -> Option<Date> {
    let back = i64::from(published.weekday().to_monday_zero_offset());
    add_days(published, 7 * i64::from(weeks) - back)
}

/// Which week's Saturday and Sunday a weekend phrase names, counted from
/// the publication week.
///
/// "last weekend" is the previous week's, "next weekend" the next week's.
/// "The weekend", unless the tense is future, and "this weekend" in the
/// past tense are the most recent or current one: the publication week's
/// when published on a Saturday or Sunday, else the previous week's. In
/// other cases, "this weekend" and "the weekend" are the publication week's.
fn weekend_week(published: Date, d: Option<Dir>, tense: Tense) -> i8 {
    let on_weekend = matches!(published.weekday(), Weekday::Saturday | Weekday::Sunday);
    let most_recent = if on_weekend { 0 } else { -1 };
    match (d, tense) {
        (Some(Dir::Last), _) => -1,
        (Some(Dir::Next), _) => 1,
        (Some(Dir::This), Tense::Past) | (None, Tense::Past | Tense::Unknown) => most_recent,
        (Some(Dir::This) | None, _) => 0,
    }
}

/// "N units ago": the day that many units before publication, widened by
/// a margin that grows with the unit, because the phrase rounds more the
/// longer the unit: days exact, weeks +-3 days, months +-7 days, years
/// +-15 days. "A year ago" is then the month centred on the day a year
/// earlier: wide enough for an anniversary mentioned a few days off, narrow
/// enough to keep it apart from the months around it.
fn ago(published: Date, n: i64, unit: Unit) -> Option<Period> {
    let (back, margin) = match unit {
        Unit::Day => (n.days(), 0),
        Unit::Week => ((7 * n).days(), 3),
        Unit::Fortnight => ((14 * n).days(), 3),
        Unit::Month => (n.months(), 7),
        Unit::Year => (n.years(), 15),
    };
    let day = published.checked_sub(back).ok()?;
    Some(days(add_days(day, -margin)?, add_days(day, margin)?))
}

/// How many days before the anchor a year-less date read in the future may lie and still be that recent day: a
/// page is often dated a few days after it was written or last updated ("the August 31 deadline" on a page dated
/// September 2), and a lag of days is far likelier than a year's jump.
const FUTURE_SLACK_DAYS: i32 = 7;

/// The year of a year-less month (and day) read in `tense` from `anchor`.
///
/// Past: the latest such date on or before the anchor (a month counts if
/// it has begun); Future: the next on or after it (a month counts until it
/// ends), or a day at most [`FUTURE_SLACK_DAYS`] before it; Unknown: the
/// anchor's year. "February 29" moves on, the same way, to a leap year.
fn directed_year(anchor: Date, tense: Tense, month: i8, day: Option<i8>) -> i16 {
    let year = anchor.year();
    let here = (anchor.month(), anchor.day());
    if tense == Tense::Future {
        if let Some(recent) = recent_year(anchor, month, day) {
            return recent;
        }
    }
    let (first, step) = match tense {
        Tense::Unknown => return year,
        Tense::Past if (month, day.unwrap_or(1)) > here => (year.saturating_sub(1), -1),
        Tense::Past => (year, -1),
        Tense::Future if (month, day.unwrap_or(31)) < here => (year.saturating_add(1), 1),
        Tense::Future => (year, 1),
    };
    let exists = |year: &i16| Date::new(*year, month, day.unwrap_or(1)).is_ok();
    (0..8)
        .map(|i| first.saturating_add(step * i))
        .find(exists)
        .unwrap_or(first)
}

/// The year in which `month`/`day` lies at most [`FUTURE_SLACK_DAYS`] before `anchor` (on it included), if any.
fn recent_year(anchor: Date, month: i8, day: Option<i8>) -> Option<i16> {
    let day = day?;
    [anchor.year(), anchor.year().saturating_sub(1)]
        .into_iter()
        .find(|&year| {
            Date::new(year, month, day)
                .is_ok_and(|date| (0..=FUTURE_SLACK_DAYS).contains(&(anchor - date).get_days()))
        })
}

/// "last July" is the most recent July strictly before the publication
/// month, "next July" the first strictly after, "this July" the one in the
/// publication year.
fn named_month_year(published: Date, month: i8, d: Dir) -> i16 {
    let year = published.year();
    match d {
        Dir::Last if month >= published.month() => year.saturating_sub(1),
        Dir::Next if month <= published.month() => year.saturating_add(1),
        _ => year,
    }
}

/// Narrows a month or year to one of its thirds.
fn apply_part(period: Period, part: Option<Part>, cx: &Ctx) -> Result<Period, DateError> {
    let part = part.ok_or_else(|| cx.not_a_date())?;
    let (start, end) = match period {
        Period::Month { year, month } => {
            let (first, last) = match part {
                Part::Early => (1, Some(10)),
                Part::Mid => (11, Some(20)),
                Part::Late => (21, None),
            };
            month_range(year, month, first, last)
        }
        Period::Year(year) => {
            let (first, last) = match part {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
            };
            let start = Date::new(year, first, 1).ok();
            let end = Date::new(year, last, 1).ok().map(Date::last_of_month);
            start.zip(end).map(|(s, e)| (Day::Full(s), Day::Full(e)))
        }
        Period::Days(..) => return Err(cx.not_a_date()),
    }
    .ok_or_else(|| cx.invalid())?;
    Ok(Period::Days(start, end))
}

/// Days `first..=last` of a month (`last` None: to the end of the month).
fn month_range(year: Option<i16>, month: i8, first: i8, last: Option<i8>) -> Option<(Day, Day)> {
    let start = Date::new(year.unwrap_or(LEAP_YEAR), month, first).ok()?;
    let end = match last {
        Some(last) => Date::new(start.year(), month, last).ok()?,
        None => start.last_of_month(),
    };
    let wrap = |date: Date| match year {
        Some(_) => Day::Full(date),
        None => Day::NoYear {
            month: date.month(),
            day: date.day(),
        },
    };
    Some((wrap(start), wrap(end)))
}

/// The first and last day a period covers.
fn to_days(period: Period, cx: &Ctx) -> Result<(Day, Day), DateError> {
    match period {
        Period::Year(year) => {
            let start = Date::new(year, 1, 1).map_err(|_| cx.invalid())?;
            let end = Date::new(year, 12, 31).map_err(|_| cx.invalid())?;
            Ok((Day::Full(start), Day::Full(end)))
        }
        Period::Month { year, month } => {
            month_range(year, month, 1, None).ok_or_else(|| cx.invalid())
        }
        Period::Days(start, end) => Ok((start, end)),
    }
}

fn days(start: Date, end: Date) -> Period {
    Period::Days(Day::Full(start), Day::Full(end))
}

fn add_days(date: Date, n: i64) -> Option<Date> {
    date.checked_add(n.days()).ok()
}

/// "start"/"beginning"/"middle"/"end" in "the end of March".
fn part_of(word: &str) -> Option<Part> {
    match word {
        "start" | "beginning" => Some(Part::Early),
        "middle" => Some(Part::Mid),
        "end" => Some(Part::Late),
        _ => None,
    }
}

/// "early"/"mid"/"late" in "mid-March".
fn part_prefix(word: &str) -> Option<Part> {
    match word {
        "early" => Some(Part::Early),
        "mid" => Some(Part::Mid),
        "late" => Some(Part::Late),
        _ => None,
    }
}

/// "a", "an", "one" to "twelve", or digits, as in "two days ago" (`word` in lower case).
pub fn count_word(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => WORDS
            .iter()
            .position(|w| *w == word)
            .map(|i| i as i64 + 1)
            .or_else(|| number(word).filter(|&n: &i64| n >= 1)),
    }
}

/// "day"/"days" and the like, singular or plural.
fn unit(word: &str) -> Option<Unit> {
    match word.strip_suffix('s').unwrap_or(word) {
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "fortnight" => Some(Unit::Fortnight),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

fn dir(word: &str) -> Option<Dir> {
    match word {
        "last" => Some(Dir::Last),
        "this" => Some(Dir::This),
        "next" => Some(Dir::Next),
        _ => None,
    }
}

/// The month a lower-case month name or its abbreviation names ("september", "sept", "sep" are 9).
pub fn month(word: &str) -> Option<i8> {
    let month = match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// The day of the week a lower-case weekday name names.
pub fn weekday(word: &str) -> Option<Weekday> {
    let weekday = match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    };
    Some(weekday)
}

/// Day of the month, with an optional ordinal suffix ("15th").
fn day(word: &str) -> Option<i8> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    number(digits).filter(|&d| d >= 1)
}

/// "2024-05-14" (ISO) or "20.05.2024" (DD.MM.YYYY) as year, month, day.
fn numeric_date(word: &str) -> Option<(i16, i8, i8)> {
    let iso: Vec<&str> = word.split('-').collect();
    let dotted: Vec<&str> = word.split('.').collect();
    match (iso.as_slice(), dotted.as_slice()) {
        ([y, m, d], _) | (_, [d, m, y]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((number(y)?, number(m)?, number(d)?))
        }
        _ => None,
    }
}

/// A short run of ASCII digits (no sign, no spaces).
fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    let valid = (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use regex::Regex;

    /// Monday, 20 May 2024.
    const PUB: Date = date(2024, 5, 20);

    fn full(y: i16, m: i8, d: i8) -> Day {
        Day::Full(date(y, m, d))
    }

    fn no_year(month: i8, day: i8) -> Day {
        Day::NoYear { month, day }
    }

    fn range(start: Day, end: Day) -> DateRange {
        DateRange {
            start,
            end,
            qualifier: None,
        }
    }

    fn phrase_regex() -> Regex {
        Regex::new(&format!("(?i){DATE_PHRASE}")).unwrap()
    }

    /// Asserts that the fragment finds exactly `phrase` inside a sentence.
    fn assert_matches_whole(phrase: &str) {
        let sentence = format!("It was completed {phrase}, the ministry said.");
        let found = phrase_regex()
            .find(&sentence)
            .map(|m| m.as_str().to_string());
        assert_eq!(found.as_deref(), Some(phrase), "regex on {sentence:?}");
    }

    /// Asserts the range of `phrase` published on `published`, and that the
    /// regex fragment matches the whole phrase.
    fn check_at(published: Option<Date>, phrase: &str, start: Day, end: Day) {
        assert_eq!(
            parse_date(phrase, published),
            Ok(range(start, end)),
            "{phrase:?}"
        );
        assert_matches_whole(phrase);
    }

    fn check(phrase: &str, start: Day, end: Day) {
        check_at(Some(PUB), phrase, start, end);
    }

    fn check_day(phrase: &str, y: i16, m: i8, d: i8) {
        check(phrase, full(y, m, d), full(y, m, d));
    }

    #[test]
    fn month_and_day_without_year_takes_publication_year() {
        for phrase in [
            "September 15",
            "Sept. 15",
            "Sep 15",
            "15 September",
            "SEPT 15",
        ] {
            check_day(phrase, 2024, 9, 15);
        }
        check_day("July 26", 2024, 7, 26);
        check_day("15th of September", 2024, 9, 15);
    }

    #[test]
    fn full_dates() {
        check_day("15 September 2024", 2024, 9, 15);
        check_day("September 15, 2024", 2024, 9, 15);
        check_day("Sept. 15, 2024", 2024, 9, 15);
        check_day("May 14, 2024", 2024, 5, 14);
        check_day("14 May 2024", 2024, 5, 14);
        check_day("April 13, 2023", 2023, 4, 13);
    }

    #[test]
    fn numeric_dates() {
        check_day("20.05.2024", 2024, 5, 20);
        check_day("2024-05-14", 2024, 5, 14);
    }

    #[test]
    fn whole_months() {
        check("March 2024", full(2024, 3, 1), full(2024, 3, 31));
        check("in March", full(2024, 3, 1), full(2024, 3, 31));
        check("March", full(2024, 3, 1), full(2024, 3, 31));
        check("in February", full(2024, 2, 1), full(2024, 2, 29));
        check("July last year", full(2023, 7, 1), full(2023, 7, 31));
    }

    #[test]
    fn parts_of_months() {
        check("mid-March", full(2024, 3, 11), full(2024, 3, 20));
        check("early April", full(2024, 4, 1), full(2024, 4, 10));
        check("late July", full(2024, 7, 21), full(2024, 7, 31));
        check("the end of March", full(2024, 3, 21), full(2024, 3, 31));
        check("end of March", full(2024, 3, 21), full(2024, 3, 31));
        check("late February 2023", full(2023, 2, 21), full(2023, 2, 28));
        check(
            "in the middle of June",
            full(2024, 6, 11),
            full(2024, 6, 20),
        );
    }

    #[test]
    fn publication_month() {
        check(
            "the start of the month",
            full(2024, 5, 1),
            full(2024, 5, 10),
        );
        check(
            "the beginning of the month",
            full(2024, 5, 1),
            full(2024, 5, 10),
        );
        check("earlier this month", full(2024, 5, 1), full(2024, 5, 31));
        check("this month", full(2024, 5, 1), full(2024, 5, 31));
        check(
            "the end of this month",
            full(2024, 5, 21),
            full(2024, 5, 31),
        );
    }

    #[test]
    fn neighbouring_months() {
        check("last month", full(2024, 4, 1), full(2024, 4, 30));
        check("next month", full(2024, 6, 1), full(2024, 6, 30));
        let new_year = Some(date(2024, 1, 5));
        check_at(
            new_year,
            "last month",
            full(2023, 12, 1),
            full(2023, 12, 31),
        );
    }

    #[test]
    fn named_month_with_last_or_next() {
        check("last July", full(2023, 7, 1), full(2023, 7, 31));
        check("last March", full(2024, 3, 1), full(2024, 3, 31));
        check("last May", full(2023, 5, 1), full(2023, 5, 31));
        check("next March", full(2025, 3, 1), full(2025, 3, 31));
        check("next July", full(2024, 7, 1), full(2024, 7, 31));
    }

    #[test]
    fn years() {
        check("last year", full(2023, 1, 1), full(2023, 12, 31));
        check("this year", full(2024, 1, 1), full(2024, 12, 31));
        check("earlier this year", full(2024, 1, 1), full(2024, 12, 31));
        check("next year", full(2025, 1, 1), full(2025, 12, 31));
        check("in 2023", full(2023, 1, 1), full(2023, 12, 31));
        check("mid-2025", full(2025, 5, 1), full(2025, 8, 31));
        check("the end of the year", full(2024, 9, 1), full(2024, 12, 31));
        check("late last year", full(2023, 9, 1), full(2023, 12, 31));
    }

    #[test]
    fn weekdays_before_publication() {
        check_day("on Saturday", 2024, 5, 18);
        check_day("Saturday", 2024, 5, 18);
        check_day("last Saturday", 2024, 5, 18);
        check_day("on Sunday", 2024, 5, 19);
        check_day("next Saturday", 2024, 5, 25);
    }

    #[test]
    fn weekday_on_publication_day() {
        let saturday = Some(date(2024, 5, 18));
        let day = full(2024, 5, 18);
        check_at(saturday, "on Saturday", day, day);
        check_at(
            saturday,
            "last Saturday",
            full(2024, 5, 11),
            full(2024, 5, 11),
        );
        check_at(Some(PUB), "on Monday", full(2024, 5, 20), full(2024, 5, 20));
    }

    #[test]
    fn days_around_publication() {
        check_day("yesterday", 2024, 5, 19);
        check_day("today", 2024, 5, 20);
        check_day("earlier today", 2024, 5, 20);
        check_day("earlier in the day", 2024, 5, 20);
        check_day("later in the day", 2024, 5, 20);
        check_day("tomorrow", 2024, 5, 21);
    }

    #[test]
    fn weeks() {
        check("earlier this week", full(2024, 5, 20), full(2024, 5, 26));
        check("this week", full(2024, 5, 20), full(2024, 5, 26));
        check("last week", full(2024, 5, 13), full(2024, 5, 19));
        check("next week", full(2024, 5, 27), full(2024, 6, 2));
        check("the past week", full(2024, 5, 13), full(2024, 5, 19));
        check("this past week", full(2024, 5, 13), full(2024, 5, 19));
        let sunday = Some(date(2024, 5, 26));
        check_at(sunday, "this week", full(2024, 5, 20), full(2024, 5, 26));
    }

    #[test]
    fn case_and_whitespace_are_tolerated() {
        let r = parse_date("  SEPTEMBER   15 ,  2024 ", None);
        assert_eq!(r, Ok(range(full(2024, 9, 15), full(2024, 9, 15))));
        let r = parse_date("Mid - march", Some(PUB));
        assert_eq!(r, Ok(range(full(2024, 3, 11), full(2024, 3, 20))));
    }

    #[test]
    fn without_publication_date_month_phrases_have_no_year() {
        check_at(None, "in March", no_year(3, 1), no_year(3, 31));
        check_at(None, "mid-March", no_year(3, 11), no_year(3, 20));
        check_at(None, "September 15", no_year(9, 15), no_year(9, 15));
        check_at(None, "late February", no_year(2, 21), no_year(2, 29));
        check_at(
            None,
            "15 September 2024",
            full(2024, 9, 15),
            full(2024, 9, 15),
        );
        check_at(None, "in 2023", full(2023, 1, 1), full(2023, 12, 31));
    }

    #[test]
    fn without_publication_date_relative_phrases_fail() {
        for phrase in [
            "Saturday",
            "last year",
            "this month",
            "yesterday",
            "last July",
            "last week",
            "July last year",
        ] {
            let expected = DateError::NeedsPublicationDate(phrase.to_string());
            assert_eq!(parse_date(phrase, None), Err(expected), "{phrase:?}");
        }
    }

    #[test]
    fn qualifiers() {
        let cases = [
            ("no later than Sept. 15", DateQualifier::Deadline),
            ("not later than September 15", DateQualifier::Deadline),
            ("by September 15", DateQualifier::Deadline),
            ("until September 15", DateQualifier::Deadline),
            ("after September 15", DateQualifier::After),
            ("since September 15", DateQualifier::After),
            ("from September 15", DateQualifier::After),
            ("no earlier than September 15", DateQualifier::After),
            ("before September 15", DateQualifier::Before),
            ("prior to September 15", DateQualifier::Before),
        ];
        for (phrase, qualifier) in cases {
            let day = full(2024, 9, 15);
            let expected = DateRange {
                qualifier: Some(qualifier),
                ..range(day, day)
            };
            assert_eq!(parse_date(phrase, Some(PUB)), Ok(expected), "{phrase:?}");
            assert_matches_whole(phrase);
        }
    }

    #[test]
    fn qualifiers_keep_the_phrase_range() {
        let deadline = Some(DateQualifier::Deadline);
        let r = parse_date("before the end of March", Some(PUB)).unwrap();
        assert_eq!(
            (r.start, r.end, r.qualifier),
            (full(2024, 3, 1), full(2024, 3, 31), deadline)
        );
        let r = parse_date("by the end of March", Some(PUB)).unwrap();
        assert_eq!(
            (r.start, r.end, r.qualifier),
            (full(2024, 3, 21), full(2024, 3, 31), deadline)
        );
        let r = parse_date("before the end of the month", Some(PUB)).unwrap();
        assert_eq!(
            (r.start, r.end, r.qualifier),
            (full(2024, 5, 1), full(2024, 5, 31), deadline)
        );
        let r = parse_date("since July 2023", None).unwrap();
        let after = Some(DateQualifier::After);
        assert_eq!(
            (r.start, r.end, r.qualifier),
            (full(2023, 7, 1), full(2023, 7, 31), after)
        );
        let r = parse_date("since 2023", Some(PUB)).unwrap();
        assert_eq!(
            (r.start, r.end, r.qualifier),
            (full(2023, 1, 1), full(2023, 12, 31), after)
        );
        for phrase in [
            "before the end of March",
            "since July 2023",
            "since 2023",
            "by May",
        ] {
            assert_matches_whole(phrase);
        }
    }

    #[test]
    fn headline_quotes_around_qualifier() {
        let phrase = "'No Later' Than September 15";
        let r = parse_date(phrase, Some(PUB)).unwrap();
        assert_eq!(r.qualifier, Some(DateQualifier::Deadline));
        assert_eq!(r.start, full(2024, 9, 15));
        let headline = "US Troops to Leave Niger 'No Later' Than September 15";
        let found = phrase_regex().find(headline).map(|m| m.as_str());
        assert_eq!(found, Some("No Later' Than September 15"));
    }

    #[test]
    fn regex_finds_phrase_inside_sentence() {
        let sentence = "completed no later than Sept. 15, the ministry said";
        let found = phrase_regex().find(sentence).map(|m| m.as_str());
        assert_eq!(found, Some("no later than Sept. 15"));
        let sentence = "a senior US military official said on Sunday.";
        assert_eq!(
            phrase_regex().find(sentence).map(|m| m.as_str()),
            Some("on Sunday")
        );
    }

    #[test]
    fn regex_ignores_ordinary_words() {
        let re = phrase_regex();
        for text in [
            "the ministry may decide",
            "up to 20 may have died",
            "written by Jan Kowalski",
            "protesters march through 2000 streets",
            "in 5000 cases",
            "the 1920 edition",
        ] {
            assert_eq!(re.find(text).map(|m| m.as_str()), None, "{text:?}");
        }
        let found = re.find("a march on Sunday").map(|m| m.as_str());
        assert_eq!(found, Some("on Sunday"));
    }

    #[test]
    fn regex_has_no_capturing_groups() {
        assert_eq!(phrase_regex().captures_len(), 1);
    }

    #[test]
    fn invalid_dates() {
        for phrase in [
            "February 30",
            "31.02.2024",
            "2024-13-01",
            "September 31, 2024",
        ] {
            let expected = DateError::Invalid(phrase.to_string());
            assert_eq!(
                parse_date(phrase, Some(PUB)),
                Err(expected.clone()),
                "{phrase:?}"
            );
            assert_eq!(parse_date(phrase, None), Err(expected), "{phrase:?}");
        }
        let r = parse_date("no later than February 30", Some(PUB));
        assert!(matches!(r, Err(DateError::Invalid(_))));
        check_at(None, "February 29", no_year(2, 29), no_year(2, 29));
        let r = parse_date("February 29", Some(date(2023, 1, 1)));
        assert!(matches!(r, Err(DateError::Invalid(_))));
    }

    #[test]
    fn not_dates() {
        for phrase in [
            "",
            "   ",
            "the ministry",
            "by",
            "early Saturday",
            "Marchish 5",
            "last",
        ] {
            let expected = DateError::NotADate(phrase.trim().to_string());
            assert_eq!(parse_date(phrase, Some(PUB)), Err(expected), "{phrase:?}");
        }
    }

    #[test]
    fn no_panics_on_odd_input() {
        let inputs = [
            "9999-12-31",
            "-9999-01-01",
            "next year",
            "99.99.9999",
            "31 December 9999",
            "next week",
            "ÉTÉ 2024 ‘’“”",
            "0 March",
            "00.00.0000",
            "\u{0}\u{ffff}",
        ];
        let edges = [Some(date(9999, 12, 31)), Some(date(-9999, 1, 1)), None];
        for input in inputs {
            for published in edges {
                let _ = parse_date(input, published);
            }
            let _ = parse_publication_date(input);
        }
    }

    #[test]
    fn publication_dates() {
        let expected = Some(date(2024, 5, 14));
        for text in [
            "May 14, 2024",
            "14 May 2024",
            "2024-05-14",
            " 2024-05-14T09:30:00Z ",
        ] {
            assert_eq!(parse_publication_date(text), expected, "{text:?}");
        }
        assert_eq!(
            parse_publication_date("20.05.2024"),
            Some(date(2024, 5, 20))
        );
        assert_eq!(
            parse_publication_date("Sept. 15, 2024"),
            Some(date(2024, 9, 15))
        );
        for text in [
            "March 2024",
            "September 15",
            "yesterday",
            "by May 14, 2024",
            "",
        ] {
            assert_eq!(parse_publication_date(text), None, "{text:?}");
        }
    }

    #[test]
    fn iso_form() {
        assert_eq!(full(2024, 9, 15).iso(), "2024-09-15");
        assert_eq!(no_year(9, 5).iso(), "--09-05");
    }

    #[test]
    fn overlaps() {
        let march = range(full(2024, 3, 1), full(2024, 3, 31));
        let mid_march = range(full(2024, 3, 11), full(2024, 3, 20));
        let april = range(full(2024, 4, 1), full(2024, 4, 30));
        assert!(march.overlaps(&mid_march));
        assert!(!march.overlaps(&april));
        let last_day = range(full(2024, 3, 31), full(2024, 3, 31));
        assert!(march.overlaps(&last_day) && last_day.overlaps(&march));
        let march_no_year = range(no_year(3, 1), no_year(3, 31));
        assert!(march_no_year.overlaps(&mid_march));
        assert!(mid_march.overlaps(&march_no_year));
        assert!(!march_no_year.overlaps(&april));
        let early_april_2023 = range(full(2023, 4, 1), full(2023, 4, 10));
        assert!(!march_no_year.overlaps(&early_april_2023));
        let new_year = range(full(2023, 12, 20), full(2024, 1, 10));
        assert!(march_no_year.overlaps(&new_year));
    }

    #[test]
    fn midpoints() {
        let march = range(full(2024, 3, 1), full(2024, 3, 31));
        assert_eq!(march.midpoint(), Some(date(2024, 3, 16)));
        let day = range(full(2024, 3, 5), full(2024, 3, 5));
        assert_eq!(day.midpoint(), Some(date(2024, 3, 5)));
        let year = range(full(2023, 1, 1), full(2023, 12, 31));
        assert_eq!(year.midpoint(), Some(date(2023, 7, 2)));
        assert_eq!(range(no_year(3, 1), no_year(3, 31)).midpoint(), None);
    }

    #[test]
    fn qualifier_serializes_snake_case() {
        let json = serde_json::to_string(&DateQualifier::Deadline).unwrap();
        assert_eq!(json, "\"deadline\"");
    }

    /// Sunday, 26 May 2024.
    const SUNDAY: Date = date(2024, 5, 26);

    fn at(published: Date, tense: Tense) -> Anchor {
        Anchor::new(Some(published), tense)
    }

    fn moment_regex() -> Regex {
        Regex::new(&format!("(?i){MOMENT_PHRASE}")).unwrap()
    }

    /// Asserts the days and hours of `phrase` read against `anchor`, and that
    /// [`MOMENT_PHRASE`] finds the whole phrase inside a sentence.
    fn check_moment(anchor: Anchor, phrase: &str, days: (Day, Day), hours: Option<(u8, u8)>) {
        let expected = Moment {
            range: range(days.0, days.1),
            hours,
        };
        assert_eq!(parse_moment(phrase, anchor), Ok(expected), "{phrase:?}");
        let sentence = format!("It happened {phrase}, the ministry said.");
        let found = moment_regex()
            .find(&sentence)
            .map(|m| m.as_str().to_string());
        assert_eq!(found.as_deref(), Some(phrase), "regex on {sentence:?}");
    }

    /// Asserts the range `parse_moment` gives `phrase` (whole days).
    fn check_tensed(anchor: Anchor, phrase: &str, start: Day, end: Day) {
        check_moment(anchor, phrase, (start, end), None);
    }

    fn one(day: Day) -> (Day, Day) {
        (day, day)
    }

    #[test]
    fn times_of_day_on_named_days() {
        let anchor = at(PUB, Tense::Unknown);
        let friday = one(full(2024, 5, 17));
        check_moment(anchor, "late on Friday", friday, Some((18, 24)));
        check_moment(anchor, "late Friday", friday, Some((18, 24)));
        check_moment(anchor, "Friday night", friday, Some((18, 24)));
        check_moment(anchor, "late Friday night", friday, Some((18, 24)));
        let saturday = one(full(2024, 5, 18));
        check_moment(anchor, "Saturday morning", saturday, Some((6, 12)));
        check_moment(anchor, "early on Saturday", saturday, Some((0, 12)));
        check_moment(anchor, "early Saturday", saturday, Some((0, 12)));
        let sunday = one(full(2024, 5, 19));
        check_moment(anchor, "Sunday evening", sunday, Some((18, 24)));
        check_moment(anchor, "Sunday afternoon", sunday, Some((12, 18)));
        check_moment(anchor, "yesterday morning", sunday, Some((6, 12)));
        let march_16 = one(full(2024, 3, 16));
        check_moment(
            anchor,
            "on the evening of Saturday March 16",
            march_16,
            Some((18, 24)),
        );
        check_moment(anchor, "late on March 16", march_16, Some((18, 24)));
    }

    #[test]
    fn times_of_day_around_the_anchor() {
        let anchor = at(PUB, Tense::Unknown);
        let today = full(2024, 5, 20);
        let yesterday = full(2024, 5, 19);
        check_moment(anchor, "last night", one(yesterday), Some((18, 24)));
        check_moment(anchor, "this morning", one(today), Some((6, 12)));
        check_moment(anchor, "this afternoon", one(today), Some((12, 18)));
        check_moment(anchor, "tonight", one(today), Some((18, 24)));
        check_moment(anchor, "overnight", (yesterday, today), Some((18, 6)));
    }

    #[test]
    fn times_of_day_keep_qualifiers_and_follow_tense() {
        let r = parse_moment("by Friday night", at(PUB, Tense::Unknown)).unwrap();
        assert_eq!(r.range.qualifier, Some(DateQualifier::Deadline));
        assert_eq!(r.hours, Some((18, 24)));
        let next_saturday = one(full(2024, 5, 25));
        let future = at(PUB, Tense::Future);
        check_moment(future, "Saturday morning", next_saturday, Some((6, 12)));
        let no_anchor = Anchor::new(None, Tense::Unknown);
        let r = parse_moment("tonight", no_anchor);
        assert_eq!(r, Err(DateError::NeedsPublicationDate("tonight".into())));
        let undated = one(no_year(3, 16));
        check_moment(
            no_anchor,
            "the evening of March 16",
            undated,
            Some((18, 24)),
        );
    }

    #[test]
    fn moments_without_a_time_of_day_are_whole_days() {
        let anchor = at(PUB, Tense::Unknown);
        check_tensed(anchor, "mid-March", full(2024, 3, 11), full(2024, 3, 20));
        check_tensed(anchor, "late July", full(2024, 7, 21), full(2024, 7, 31));
        check_tensed(anchor, "on Saturday", full(2024, 5, 18), full(2024, 5, 18));
        let r = parse_moment("the spring", anchor);
        assert_eq!(r, Err(DateError::NotADate("the spring".into())));
    }

    #[test]
    fn moment_regex_ignores_ordinary_words() {
        let re = moment_regex();
        for text in [
            "the night shift",
            "morning prayers",
            "the evening news",
            "its last morning",
        ] {
            assert_eq!(re.find(text).map(|m| m.as_str()), None, "{text:?}");
        }
    }

    #[test]
    fn date_phrase_finds_the_day_inside_a_time_of_day() {
        let re = phrase_regex();
        let found = re
            .find("the quake struck late on Friday")
            .map(|m| m.as_str());
        assert_eq!(found, Some("on Friday"));
        let found = re.find("shelling on Friday night").map(|m| m.as_str());
        assert_eq!(found, Some("on Friday"));
    }

    #[test]
    fn weekends() {
        check("this weekend", full(2024, 5, 25), full(2024, 5, 26));
        check("the weekend", full(2024, 5, 18), full(2024, 5, 19));
        check("last weekend", full(2024, 5, 18), full(2024, 5, 19));
        check("this past weekend", full(2024, 5, 18), full(2024, 5, 19));
        check("next weekend", full(2024, 6, 1), full(2024, 6, 2));
        let sunday = Some(SUNDAY);
        check_at(sunday, "the weekend", full(2024, 5, 25), full(2024, 5, 26));
        check_at(sunday, "this weekend", full(2024, 5, 25), full(2024, 5, 26));
        check_at(sunday, "last weekend", full(2024, 5, 18), full(2024, 5, 19));
        let past = at(PUB, Tense::Past);
        check_tensed(past, "this weekend", full(2024, 5, 18), full(2024, 5, 19));
        let future = at(PUB, Tense::Future);
        check_tensed(future, "the weekend", full(2024, 5, 25), full(2024, 5, 26));
    }

    #[test]
    fn earlier_and_later_this_period_end_on_the_anchor() {
        let anchor = at(PUB, Tense::Unknown);
        let today = full(2024, 5, 20);
        check_tensed(anchor, "earlier this year", full(2024, 1, 1), today);
        check_tensed(anchor, "earlier this month", full(2024, 5, 1), today);
        check_tensed(anchor, "later this year", today, full(2024, 12, 31));
    }

    #[test]
    fn weekday_before_a_date() {
        check_day("Saturday March 16", 2024, 3, 16);
        check_day("Saturday, March 16", 2024, 3, 16);
        check_day("on Saturday, 16 March 2024", 2024, 3, 16);
        let r = parse_date("Saturday next week", Some(PUB));
        assert_eq!(r, Err(DateError::NotADate("Saturday next week".into())));
        let found = phrase_regex()
            .find("on Saturday next week")
            .map(|m| m.as_str());
        assert_eq!(found, Some("on Saturday"));
    }

    #[test]
    fn this_past_is_before_the_anchor() {
        check_day("this past March 16", 2024, 3, 16);
        check_day("this past Saturday", 2024, 5, 18);
        let early_march = Some(date(2024, 3, 10));
        let day = full(2023, 3, 16);
        check_at(early_march, "this past March 16", day, day);
    }

    #[test]
    fn this_weekday() {
        check_day("this Sunday", 2024, 5, 26);
        check_at(
            Some(SUNDAY),
            "this Sunday",
            full(2024, 5, 26),
            full(2024, 5, 26),
        );
        let past = at(PUB, Tense::Past);
        check_tensed(past, "this Sunday", full(2024, 5, 19), full(2024, 5, 19));
    }

    #[test]
    fn counted_days_ago() {
        check_day("two days ago", 2024, 5, 18);
        check_day("2 days ago", 2024, 5, 18);
        check_day("a day ago", 2024, 5, 19);
        let found = phrase_regex().find("0 days ago").map(|m| m.as_str());
        assert_eq!(found, None);
        check("three weeks ago", full(2024, 4, 26), full(2024, 5, 2));
        check("a fortnight ago", full(2024, 5, 3), full(2024, 5, 9));
        check("a month ago", full(2024, 4, 13), full(2024, 4, 27));
        check("twelve months ago", full(2023, 5, 13), full(2023, 5, 27));
        check("a year ago", full(2023, 5, 5), full(2023, 6, 4));
        check("a year ago in March", full(2023, 3, 1), full(2023, 3, 31));
        check("two years ago in May", full(2022, 5, 1), full(2022, 5, 31));
        let r = parse_date("two days ago", None);
        assert_eq!(
            r,
            Err(DateError::NeedsPublicationDate("two days ago".into()))
        );
    }

    #[test]
    fn days_counted_from_a_date() {
        check_day("three days after March 16", 2024, 3, 19);
        check_day("two weeks before March 16", 2024, 3, 2);
        let r = parse_date("no later than three days after March 16", Some(PUB));
        assert_eq!(r.map(|r| r.qualifier), Ok(Some(DateQualifier::Deadline)));
        assert_matches_whole("no later than three days after March 16");
        check_day("a day after Saturday", 2024, 5, 19);
        check_at(
            None,
            "three days after March 16",
            no_year(3, 19),
            no_year(3, 19),
        );
        let r = parse_date("three days after December 30", None);
        assert!(matches!(r, Err(DateError::NeedsPublicationDate(_))));
        let r = parse_date("three days later", Some(PUB));
        assert_eq!(r, Err(DateError::NotADate("three days later".into())));
    }

    #[test]
    fn regex_counted_phrases_need_their_ending() {
        let re = phrase_regex();
        for text in [
            "the two sides met",
            "a year of war",
            "three days of mourning",
            "a day after the vote",
            "Fridays are quiet",
        ] {
            assert_eq!(re.find(text).map(|m| m.as_str()), None, "{text:?}");
        }
        let found = re.find("the weekend was quiet").map(|m| m.as_str());
        assert_eq!(found, Some("the weekend"));
        let found = re
            .find("as it did a year ago, the agency")
            .map(|m| m.as_str());
        assert_eq!(found, Some("a year ago"));
    }

    #[test]
    fn possessive_after_a_date_phrase() {
        let re = phrase_regex();
        let text = "the town was devastated by Friday's earthquake";
        let m = re.find(text).unwrap();
        assert_eq!(m.as_str(), "by Friday");
        assert!(is_possessive_after(text, m.end()));
        let curly = "hit by Friday\u{2019}s quake";
        assert!(is_possessive_after(curly, re.find(curly).unwrap().end()));
        let deadline = "troops must leave by Friday, officials said";
        assert!(!is_possessive_after(
            deadline,
            re.find(deadline).unwrap().end()
        ));
        assert!(!is_possessive_after("by Friday'sake", 9));
        assert!(!is_possessive_after("short", 99));
    }

    #[test]
    fn year_less_dates_follow_the_tense() {
        let past = at(PUB, Tense::Past);
        let future = at(PUB, Tense::Future);
        check_tensed(past, "July 26", full(2023, 7, 26), full(2023, 7, 26));
        check_tensed(past, "in July", full(2023, 7, 1), full(2023, 7, 31));
        check_tensed(past, "mid-July", full(2023, 7, 11), full(2023, 7, 20));
        check_tensed(past, "May 20", full(2024, 5, 20), full(2024, 5, 20));
        check_tensed(past, "May 21", full(2023, 5, 21), full(2023, 5, 21));
        check_tensed(past, "in May", full(2024, 5, 1), full(2024, 5, 31));
        check_tensed(future, "in May", full(2024, 5, 1), full(2024, 5, 31));
        check_tensed(future, "in March", full(2025, 3, 1), full(2025, 3, 31));
        check_tensed(future, "March 16", full(2025, 3, 16), full(2025, 3, 16));
        check_tensed(future, "Saturday", full(2024, 5, 25), full(2024, 5, 25));
        let r = parse_moment("by September 15", future).unwrap().range;
        assert_eq!(r.start, full(2024, 9, 15));
        assert_eq!(r.qualifier, Some(DateQualifier::Deadline));
        let stated = full(2022, 7, 26);
        check_tensed(future, "July 26, 2022", stated, stated);
    }

    #[test]
    fn a_future_date_days_before_the_anchor_is_that_recent_day() {
        // "the August 31 deadline" on a page dated September 2: a page dated days late, not next year's deadline
        let late = at(date(2021, 9, 2), Tense::Future);
        check_tensed(late, "August 31", full(2021, 8, 31), full(2021, 8, 31));
        let new_year = at(date(2024, 1, 3), Tense::Future);
        check_tensed(
            new_year,
            "December 31",
            full(2023, 12, 31),
            full(2023, 12, 31),
        );
        // a week and more before: the next one
        let later = at(date(2021, 9, 9), Tense::Future);
        check_tensed(later, "August 31", full(2022, 8, 31), full(2022, 8, 31));
    }

    #[test]
    fn february_29_moves_to_a_leap_year_in_the_tense() {
        let past = at(date(2025, 1, 10), Tense::Past);
        check_tensed(past, "February 29", full(2024, 2, 29), full(2024, 2, 29));
        let future = at(date(2024, 3, 15), Tense::Future);
        check_tensed(future, "February 29", full(2028, 2, 29), full(2028, 2, 29));
    }

    #[test]
    fn unknown_tense_reads_as_parse_date() {
        let anchor = at(PUB, Tense::Unknown);
        for phrase in [
            "July 26",
            "in March",
            "September 15",
            "Saturday",
            "last July",
        ] {
            let days = parse_date(phrase, Some(PUB));
            let range = parse_moment(phrase, anchor).map(|m| m.range);
            assert_eq!(range, days, "{phrase:?}");
        }
        let no_anchor = Anchor::new(None, Tense::Past);
        check_tensed(no_anchor, "July 26", no_year(7, 26), no_year(7, 26));
    }

    #[test]
    fn tense_of_clauses() {
        let cases = [
            (
                "the junta that took power in July scrapped the accord",
                Tense::Past,
            ),
            (
                "the last soldiers will leave by September 15",
                Tense::Future,
            ),
            (
                "the quake struck late on Friday, killing hundreds",
                Tense::Past,
            ),
            (
                "officials said the pullout would be over no later than mid-September",
                Tense::Future,
            ),
            ("rescue teams were still digging on Sunday", Tense::Past),
            (
                "a second convoy is expected to depart in March",
                Tense::Future,
            ),
            ("the agreement lapsed in March", Tense::Past),
            ("the base emptied two days ago", Tense::Past),
            (
                "the deadline for the handover is September 15",
                Tense::Future,
            ),
            ("negotiators are due to meet again on Monday", Tense::Future),
            ("flights were grounded due to the storm", Tense::Past),
            (
                "envoys toured the damaged district on Saturday",
                Tense::Past,
            ),
            ("talks in Geneva on Tuesday", Tense::Unknown),
            (
                "the mission had been expected to wind down in March",
                Tense::Unknown,
            ),
            ("aid groups said on Sunday", Tense::Unknown),
            (
                "devastated by Friday's earthquake, the village buried its dead",
                Tense::Past,
            ),
            ("schools stay shut until Monday", Tense::Future),
            ("the remaining troops remained until March", Tense::Unknown),
            (
                "the last flights out are to be completed in July",
                Tense::Future,
            ),
            ("the toll climbed sharply last night", Tense::Past),
            ("parliament meets next week to vote", Tense::Future),
            (
                "the capital\u{2019}ll host the summit on June 3",
                Tense::Future,
            ),
        ];
        for (clause, tense) in cases {
            assert_eq!(guess_tense(clause), tense, "{clause:?}");
        }
    }

    #[test]
    fn publication_moments() {
        let day = date(2023, 9, 10);
        let cases = [
            ("2023-09-10T14:30:00Z", Some((day, Some((14, 30))))),
            ("2023-09-10 14:30", Some((day, Some((14, 30))))),
            ("2023-09-10T09:05:00.250+01:00", Some((day, Some((9, 5))))),
            (" 2023-09-10T23:59+0200 ", Some((day, Some((23, 59))))),
            ("2023-09-10", Some((day, None))),
            ("September 10, 2023", Some((day, None))),
            ("2023-09-10T25:00", None),
            ("2023-09-10 evening", None),
            ("yesterday", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_publication_moment(text), expected, "{text:?}");
        }
    }

    #[test]
    fn why_not_says_why() {
        let none = Anchor::new(None, Tense::Unknown);
        let anchored = at(PUB, Tense::Unknown);
        assert_eq!(why_not("late on Friday", anchored), None);
        let friday = why_not("Friday", none).unwrap();
        assert!(
            friday.starts_with("'Friday' needs a publication date"),
            "{friday}"
        );
        assert!(friday.contains("sources.yaml"), "{friday}");
        let impossible = why_not("February 30", anchored).unwrap();
        assert_eq!(impossible, "'February 30' is not a calendar date");
        let spring = why_not(" the spring ", anchored).unwrap();
        assert!(spring.starts_with("'the spring' is not a date phrase factlint reads"));
        assert!(spring.contains("seasons"), "{spring}");
        assert!(spring.contains("'mid-March'"), "{spring}");
        let later = why_not("three days later", anchored).unwrap();
        assert!(later.contains("counts from an event"), "{later}");
        let plain = why_not("the ministry", anchored).unwrap();
        assert!(plain.contains("is not a date phrase factlint reads; it reads days"));
    }

    #[test]
    fn every_phrase_found_is_read() {
        let text = "Late on Friday the quake struck; by Friday night rescuers had arrived. \
            On the evening of Saturday, March 16 a second tremor hit, two days ago. \
            This past weekend, and a year ago in May, the ministry said it would act \
            no later than three days after September 15, or this Sunday. Early Saturday \
            morning, overnight and last night, the toll rose; earlier this year it was lower.";
        let anchor = at(PUB, Tense::Unknown);
        for m in phrase_regex().find_iter(text) {
            let r = parse_date(m.as_str(), Some(PUB));
            assert!(r.is_ok(), "DATE_PHRASE found {:?}: {r:?}", m.as_str());
        }
        for m in moment_regex().find_iter(text) {
            let r = parse_moment(m.as_str(), anchor);
            assert!(r.is_ok(), "MOMENT_PHRASE found {:?}: {r:?}", m.as_str());
        }
    }

    #[test]
    fn tense_serializes_snake_case() {
        let json = serde_json::to_string(&Tense::Future).unwrap();
        assert_eq!(json, "\"future\"");
    }
    proptest::proptest! {
        /// A sentence without [`DATE_CUES`] has no date phrase: words of dates cut, joined, folded and led by
        /// letters of other scripts, between words that share their letters ("junta", "marked", "may").
        #[test]
        fn phrases_hold_a_date_cue(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Sept.", "ſept.", "SEP", "mid-", "march", "Mar", "May", "may", "MAY", "junta", "marked", "é", "_",
                "jul", "y", "ing", "Chriſtmas", "christmas", "eve", "New", "Year", "'s", "’s", "Day", "wee", "K", "\u{212a}", "end",
                "to", "night", "over", "Sun", "Fri", "day", "last", "this", "next", "past", "two", "a", "ago", "after",
                "the", "end of", "early", "late", "on", "in", "by", "no later than", "halloween", "month", "years",
                "morning", "tomorrow", "15", "2024", "1999", "4799", "2024-05-14", "20.05.2024", "3.5", "-", "than", "mid",
                "‘", "fortnight", " ", " ", ",", "-", ".", "\u{a0}", "’",
            ]), 0..12),
        ) {
            let text: String = parts.concat();
            let moment = Regex::new(&format!("(?i){MOMENT_PHRASE}")).unwrap();
            let date = Regex::new(&format!("(?i){DATE_PHRASE}")).unwrap();
            let found = moment.is_match(&text) || date.is_match(&text) || text.to_lowercase().contains("day");
            proptest::prop_assert!(!found || may_hold_date(&text), "{text:?}");
        }
    }

    #[test]
    fn a_sentence_without_date_words_holds_no_date() {
        for sentence in [
            "The junta marked the departure of the troops, which may take 4,799 hours.",
            "Officials said the pullout would be decided later.",
        ] {
            assert!(!may_hold_date(sentence), "{sentence}");
            assert!(moment_phrases(sentence).is_empty());
        }
        for sentence in [
            "Troops leave by mid-September.",
            "The pact ended tonight.",
            "Talks resume in MAY.",
        ] {
            assert!(may_hold_date(sentence), "{sentence}");
        }
    }
}
