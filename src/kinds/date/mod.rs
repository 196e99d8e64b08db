//! Date claims: the date of an event, from phrases such as "no later than Sept. 15" or "mid-March", resolved to
//! day ranges anchored on the source's publication date. Two dates are compatible when their ranges overlap; a
//! phrase that cannot be anchored (a weekday in a source with no publication date) is compatible with every other.

mod grammar;

use jiff::civil::Date;

pub use grammar::*;

use super::words::date::WordDateClaim;
use super::{FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for date claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "date",
    required: &[],
    allowed: &[
        "patterns",
        "window",
        "event",
        "deadline_for",
        "object",
        "of",
        "not_of",
        "unless_near",
        "scope",
        "near",
        "mode",
    ],
    build,
};

/// A date claim: patterns that capture the date phrase in group `value`.
#[derive(Debug)]
pub struct DateClaim {
    /// Patterns with a `value` group.
    pub patterns: Vec<RulePattern>,
}

/// Builds a date claim: in words when it has word-form fields (`event`, ...), else from its `patterns`.
fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    match (fields.words.any(), fields.patterns.is_empty()) {
        (true, true) => Ok(Box::new(WordDateClaim::build(&fields.words)?)),
        (false, false) => Ok(Box::new(DateClaim {
            patterns: fields.patterns,
        })),
        (true, false) => Err(super::words::both_forms("date", "event")),
        (false, true) => Err(super::words::neither_form("date", "event")),
    }
}

impl Kind for DateClaim {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![(&self.patterns, None)]
    }

    fn why_not(&self, words: &str, published: Option<Date>) -> Option<String> {
        why_not(words, Anchor::new(published, Tense::Unknown))
    }

    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        match event_date(text, published, found) {
            Err(DateError::NotADate(_)) => Err(Unparsed {
                text: text[found.value.clone()].to_string(),
            }),
            resolved => Ok(Value::Date(resolved)),
        }
    }
}

/// "2024-09-15", "2024-03-01..2024-03-31", with the qualifier in brackets.
pub fn describe_range(range: &DateRange) -> String {
    let days = if range.start == range.end {
        range.start.iso()
    } else {
        format!("{}..{}", range.start.iso(), range.end.iso())
    };
    match range.qualifier {
        Some(q) => format!(
            "{days} ({})",
            serde_json::to_value(q)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        ),
        None => days,
    }
}

/// The range of one day.
pub fn single_day(day: Date) -> DateRange {
    DateRange {
        start: Day::Full(day),
        end: Day::Full(day),
        qualifier: None,
    }
}

/// A pattern's date phrase resolved in the direction its match's tense gives, else its sentence's ("the July 26
/// coup" in a May report is last July's; "by September 15" is the next one; "completed the withdrawal late Monday,
/// a chapter likely to be remembered" is last Monday); see [`date_in_tense`].
pub(crate) fn event_date(
    text: &str,
    published: Option<Date>,
    found: &Match,
) -> Result<DateRange, DateError> {
    let tense = match guess_tense(&text[found.span.clone()]) {
        Tense::Unknown => guess_tense(&text[found.sentence.clone()]),
        own => own,
    };
    date_in_tense(text, published, found, tense)
}

/// A mention's date phrase resolved in `tense`; a possessive after it ("devastated by Friday's earthquake") names
/// the day of something, not a deadline: its qualifier is dropped.
pub(crate) fn date_in_tense(
    text: &str,
    published: Option<Date>,
    found: &Match,
    tense: Tense,
) -> Result<DateRange, DateError> {
    let words = &text[found.value.clone()];
    let anchor = Anchor::new(published, tense);
    let mut range = parse_moment(words, anchor)?.range;
    if is_possessive_after(text, found.value.end) {
        range.qualifier = None;
    }
    Ok(range)
}
