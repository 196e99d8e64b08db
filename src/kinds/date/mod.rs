//! Date claims: the date of an event, from phrases such as "no later than Sept. 15" or "mid-March", resolved to
//! day ranges anchored on the source's publication date. Two dates are compatible when their ranges overlap; a
//! phrase that cannot be anchored (a weekday in a source with no publication date) is compatible with every other.

mod grammar;

use std::ops::Range;

use jiff::civil::Date;
use regex::Regex;

pub use grammar::*;

use super::{FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for date claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "date",
    required: &["patterns"],
    allowed: &["patterns"],
    build,
};

/// A date claim: patterns that capture the date phrase in group `value`.
#[derive(Debug)]
pub struct DateClaim {
    /// Patterns with a `value` group.
    pub patterns: Vec<RulePattern>,
}

fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    Ok(Box::new(DateClaim {
        patterns: fields.patterns,
    }))
}

impl Kind for DateClaim {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![(&self.patterns, None)]
    }

    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        let words = &text[found.value.clone()];
        match parse_date(words, published) {
            Err(DateError::NotADate(_)) => Err(Unparsed {
                text: words.to_string(),
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

/// The date a quantity describes: the first date phrase in the same sentence outside the mention ("according to
/// data from last year"), else the publication date.
pub(super) fn as_of_date(text: &str, published: Option<Date>, found: &Match) -> Option<DateRange> {
    let sentence = &text[found.sentence.clone()];
    let in_sentence = date_phrase_regex()
        .find_iter(sentence)
        .map(|m| shift(m.range(), found.sentence.start))
        .filter(|r| r.end <= found.span.start || r.start >= found.span.end)
        .find_map(|r| parse_date(&text[r], published).ok());
    in_sentence.or_else(|| published.map(single_day))
}

fn shift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

fn single_day(day: Date) -> DateRange {
    DateRange {
        start: Day::Full(day),
        end: Day::Full(day),
        qualifier: None,
    }
}

fn date_phrase_regex() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("(?i){DATE_PHRASE}")).expect("DATE_PHRASE is a valid regex")
    })
}
