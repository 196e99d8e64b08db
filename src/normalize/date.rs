//! Date phrases in news text, resolved to inclusive day ranges.
//!
//! Two reports agree about *when* something happened only if their date
//! phrases can be compared, and news text rarely gives full dates: it says
//! "on Saturday", "mid-March" or "no later than Sept. 15". This module turns
//! such phrases into ranges of days, anchored on the source's publication
//! date, so that the checker can ask whether two ranges overlap.
//!
//! Year inference is deliberately simple and predictable: a phrase without a
//! year takes the publication year, even if that puts the day months away
//! from publication. Only phrases that say "last", "this" or "next" move to
//! another year ("last July" in a May article is July of the previous year).
//! Without a publication date, month and day phrases keep an unknown year
//! ([`Day::NoYear`]) and relative phrases cannot be resolved at all.
//!
//! Parts of a period are thirds: "early"/"start"/"beginning" of a month is
//! days 1-10, "mid"/"middle" 11-20, "late"/"end" 21 to the last day; of a
//! year, January-April, May-August and September-December.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use serde::Serialize;

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

/// Phrases that are unambiguous as dates wherever they occur.
macro_rules! core {
    () => {
        concat!(
            r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|",
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
            ")?|",
            month!(),
            r",?\s+",
            year_spec!(),
            r"|(?:(?:the\s+)?(?:start|beginning|middle|end)\s+of\s+|(?:early|mid|late)(?:\s*-\s*|\s+))(?:",
            month!(),
            r"(?:,?\s+",
            year_spec!(),
            r")?|(?:last|this|next)\s+(?:month|",
            month!(),
            ")|",
            year_spec!(),
            r"|the\s+(?:month|year))",
            r"|(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)",
            r"|(?:last|next)\s+(?:week|month|year)",
            r"|(?:the\s+|this\s+)?past\s+week",
            r"|(?:last|next|this)\s+",
            month!(),
            r"|(?:(?:last|next)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day",
            r"|yesterday|today|tomorrow)"
        )
    };
}

/// A bare month or year: a date only after a qualifier or preposition.
macro_rules! loose {
    () => {
        r"(?:january|february|march|april|(?-i:May|MAY)|june|july|august|september|october|november|december|(?:19|20)[0-9]{2})"
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
pub const DATE_PHRASE: &str = concat!(
    r"\b(?:(?:",
    qualifier!(),
    ")?(?:",
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
);

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

/// Parses a date phrase, as matched by [`DATE_PHRASE`], relative to the
/// source's publication date.
///
/// Any case and extra whitespace or quotes are tolerated, since phrases come
/// straight from headlines and body text. See the module documentation for
/// how missing years are inferred.
pub fn parse_date(phrase: &str, published: Option<Date>) -> Result<DateRange, DateError> {
    let normalized = normalize(phrase);
    let tokens: Vec<&str> = normalized.split_whitespace().collect();
    let cx = Ctx {
        phrase: phrase.trim(),
        published,
    };
    let mut error = cx.not_a_date();
    for (qualifier, body) in splits(&tokens) {
        match parse_body(body, &cx) {
            Ok((start, end)) => {
                return Ok(DateRange {
                    start,
                    end,
                    qualifier,
                })
            }
            Err(e) if matches!(error, DateError::NotADate(_)) => error = e,
            Err(_) => {}
        }
    }
    Err(error)
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
struct Ctx<'a> {
    phrase: &'a str,
    published: Option<Date>,
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
    Week(Dir),
    PastWeek,
    Month(Dir),
    NamedMonth(i8, Dir),
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

/// Resolves the phrase after its qualifier to a pair of days.
fn parse_body(tokens: &[&str], cx: &Ctx) -> Result<(Day, Day), DateError> {
    let tokens = match tokens {
        [first, rest @ ..] if !rest.is_empty() && PREPOSITIONS.contains(first) => rest,
        _ => tokens,
    };
    to_days(core(tokens, cx)?, cx)
}

/// Parses a phrase, handling "earlier this ..." and parts of a period.
fn core(tokens: &[&str], cx: &Ctx) -> Result<Period, DateError> {
    match tokens {
        ["earlier" | "later", rest @ ..] if rest.starts_with(&["this"]) => core(rest, cx),
        ["the", word, "of", rest @ ..] | [word, "of", rest @ ..] if part_of(word).is_some() => {
            apply_part(core(rest, cx)?, part_of(word), cx)
        }
        [word, rest @ ..] if !rest.is_empty() && part_prefix(word).is_some() => {
            apply_part(core(rest, cx)?, part_prefix(word), cx)
        }
        _ => simple(tokens, cx),
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
            resolve(rel, cx.published()?).ok_or_else(|| cx.invalid())
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
        return day_in(cx.year(spec)?, month, day, cx).map(Some);
    }
    match tokens {
        [] if spec == YearSpec::Unstated => Ok(None),
        [] => Ok(cx.year(spec)?.map(Period::Year)),
        [word] => match month(word) {
            Some(month) => Ok(Some(Period::Month {
                year: cx.year(spec)?,
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
        ["today"] => Some(Rel::Day(0)),
        ["yesterday"] => Some(Rel::Day(-1)),
        ["tomorrow"] => Some(Rel::Day(1)),
        [word] => weekday(word).map(|w| Rel::Weekday(w, Dir::This)),
        ["past", "week"] | ["the" | "this", "past", "week"] => Some(Rel::PastWeek),
        ["the", "month"] => Some(Rel::Month(Dir::This)),
        [d, "week"] => dir(d).map(Rel::Week),
        [d, "month"] => dir(d).map(Rel::Month),
        [d, word] => {
            let d = dir(d)?;
            let named_weekday = weekday(word).filter(|_| d != Dir::This);
            named_weekday
                .map(|w| Rel::Weekday(w, d))
                .or_else(|| month(word).map(|m| Rel::NamedMonth(m, d)))
        }
        _ => None,
    }
}

/// Resolves a relative phrase against the publication date; None on overflow.
fn resolve(rel: Rel, published: Date) -> Option<Period> {
    match rel {
        Rel::Day(offset) => add_days(published, offset).map(|d| days(d, d)),
        Rel::Weekday(w, d) => weekday_date(published, w, d).map(|day| days(day, day)),
        Rel::Week(d) => {
            let back = i64::from(published.weekday().to_monday_zero_offset());
            let monday = add_days(published, 7 * i64::from(d.offset()) - back)?;
            Some(days(monday, add_days(monday, 6)?))
        }
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

fn dir(word: &str) -> Option<Dir> {
    match word {
        "last" => Some(Dir::Last),
        "this" => Some(Dir::This),
        "next" => Some(Dir::Next),
        _ => None,
    }
}

fn month(word: &str) -> Option<i8> {
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

fn weekday(word: &str) -> Option<Weekday> {
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
}
