//! Normalisation: turns the words of a mention into a value that can be compared with other mentions.
//!
//! Quantity phrases become intervals ([`number`]), date phrases become day ranges anchored on the source's
//! publication date ([`date`]), and polarity matches become affirm or deny. Two values are compatible when some state
//! of the world satisfies both: overlapping intervals, overlapping day ranges, the same polarity.

pub mod asof;
pub mod date;
pub mod number;

use std::ops::Range;

use jiff::civil::Date;
use regex::Regex;

use crate::drift::Placement;
use crate::extract::Match;
use crate::quotes::QuoteValue;
use crate::rules::ClaimKind;
use crate::source::Source;
use crate::terms::TermValue;
use date::{DateError, DateRange, DATE_PHRASE};
use number::{parse_quantity, Quantity};

/// Whether a mention affirms or denies a polarity claim's proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// The wording asserts the proposition.
    Affirm,
    /// The wording negates it.
    Deny,
}

/// Where a quantity's wording places its figure among the figures of its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Revision {
    /// An earlier figure: "an earlier toll of 500", "up from 300", "had stood at".
    Earlier,
    /// The figure as of its time.
    Current,
    /// A revision to a newer figure: "has risen to 740", "now stands at".
    Update,
}

impl From<&asof::Relation> for Revision {
    fn from(relation: &asof::Relation) -> Revision {
        match relation {
            asof::Relation::Earlier { .. } => Revision::Earlier,
            asof::Relation::Current => Revision::Current,
            asof::Relation::Update { .. } => Revision::Update,
        }
    }
}

/// The normalised value of one mention.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A quantity, with the date the figure describes (`as_of`), when known.
    Quantity {
        /// Number, qualifier and interval.
        quantity: Quantity,
        /// The date phrase that governs the figure's clause ([`asof`]), else the publication date; `None` when
        /// neither is known, or when the figure is an earlier one with no date of its own.
        as_of: Option<DateRange>,
        /// Whether the wording gives the figure as an earlier one, the current one, or a revision.
        revision: Revision,
    },
    /// An event date; `None` when the phrase could not be anchored (a weekday in a source with no publication date).
    Date(Result<DateRange, DateError>),
    /// Affirm or deny.
    Polarity(Polarity),
    /// A wording of a name: an accepted form, a near miss or a confusable. Boxed, like quotations, so that the
    /// far more numerous values of other kinds do not pay for its size in every mention.
    Term(Box<TermValue>),
    /// A quotation, compared with the quotation it fits.
    Quote(Box<QuoteValue>),
}

impl Value {
    /// True when both values can hold at once. Unresolved dates are compatible with everything: they cannot be
    /// shown wrong.
    pub fn compatible(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Quantity { quantity: a, .. }, Value::Quantity { quantity: b, .. }) => {
                a.interval.overlaps(&b.interval)
            }
            (Value::Date(Ok(a)), Value::Date(Ok(b))) => a.overlaps(b),
            (Value::Polarity(a), Value::Polarity(b)) => a == b,
            _ => true,
        }
    }

    /// A short human rendering of the value: "less than 1,000", "2024-09-15 (deadline)", "denies".
    pub fn describe(&self) -> String {
        match self {
            Value::Quantity { quantity, .. } => describe_quantity(quantity),
            Value::Date(Ok(range)) => describe_range(range),
            Value::Date(Err(_)) => "unresolved date".to_string(),
            Value::Polarity(Polarity::Affirm) => "affirms".to_string(),
            Value::Polarity(Polarity::Deny) => "denies".to_string(),
            Value::Term(term) => term.describe(),
            Value::Quote(quote) => quote.describe(),
        }
    }

    /// True when `written`, a value as a rule's example writes it, is this value: its description, with "-" for
    /// "–" accepted, and without the bracketed interval when the example leaves it out ("1,100" for a bare figure
    /// read as rounded, "1,100 (1,050–1,150)").
    pub fn is_written(&self, written: &str) -> bool {
        let described = self.describe();
        let written = written.trim().replace('-', "–");
        let described_dashes = described.replace('-', "–");
        let without_interval = match (self, described_dashes.split_once(" (")) {
            (Value::Quantity { .. }, Some((words, _))) => words,
            _ => described_dashes.as_str(),
        };
        written == described_dashes || (!written.contains('(') && written == without_interval)
    }

    /// For term and quote mentions, where they were placed when the corpus was grouped; `None` for the kinds whose
    /// mentions are reconciled by comparing their values.
    pub fn placement(&self) -> Option<Placement> {
        match self {
            Value::Term(term) => Some(term.placement),
            Value::Quote(quote) => Some(quote.placement),
            _ => None,
        }
    }

    /// For a term or quote mention that departs from its reference wording: the word diff against it, as a line
    /// of help ("wording against the name: National [-Council-]{+Committee+} ...").
    pub fn reference_help(&self) -> Option<String> {
        match self {
            Value::Term(term) => term
                .diff
                .as_ref()
                .map(|d| format!("wording against the name: {d}")),
            Value::Quote(quote) => quote
                .diff
                .as_ref()
                .map(|d| format!("wording against the quotation: {d}")),
            _ => None,
        }
    }
}

/// "less than 1,000", "about 1,100 (990–1,210)", "1,000".
fn describe_quantity(quantity: &Quantity) -> String {
    use number::Qualifier::*;
    let value = format_number(quantity.value);
    let words = match quantity.qualifier {
        Exact => value.clone(),
        About => format!("about {value}"),
        MoreThan => format!("more than {value}"),
        LessThan => format!("less than {value}"),
        Nearly => format!("nearly {value}"),
        AtLeast => format!("at least {value}"),
        UpTo => format!("up to {value}"),
    };
    let interval = &quantity.interval;
    let is_point = interval.min.value == interval.max.value;
    let bounded = interval.max.value.is_finite() && interval.min.value > 0.0;
    if bounded && !is_point {
        format!(
            "{words} ({}–{})",
            format_number(interval.min.value),
            format_number(interval.max.value)
        )
    } else {
        words
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

/// Formats a number with thousands separators, and at most two decimals: 1000 -> "1,000", 1.1e6 -> "1,100,000".
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if whole < 0 { "-" } else { "" };
    let fraction = rounded.fract().abs();
    if fraction > 0.0 {
        let decimals = format!("{fraction:.2}");
        format!(
            "{sign}{grouped}{}",
            decimals.trim_start_matches('0').trim_end_matches('0')
        )
    } else {
        format!("{sign}{grouped}")
    }
}

/// A value that could not be computed from a match: the mention is dropped and the reason is reported as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    /// The words that did not normalise.
    pub text: String,
}

/// Normalises one match of `kind` in `source`.
pub fn normalize(kind: &ClaimKind, source: &Source, found: &Match) -> Result<Value, Unparsed> {
    let words = &source.text[found.value.clone()];
    let unparsed = || Unparsed {
        text: words.to_string(),
    };
    match kind {
        ClaimKind::Quantity {
            tolerance,
            round_figures,
            ..
        } => {
            let quantity = parse_quantity(words, *tolerance).ok_or_else(unparsed)?;
            let quantity = match round_figures {
                true => number::with_rounding(quantity),
                false => quantity,
            };
            let (as_of, revision) = as_of_and_revision(source, found);
            Ok(Value::Quantity {
                quantity,
                as_of,
                revision,
            })
        }
        ClaimKind::Date { .. } => match event_date(source, found) {
            Err(DateError::NotADate(_)) => Err(unparsed()),
            resolved => Ok(Value::Date(resolved)),
        },
        ClaimKind::Polarity { .. } => {
            Ok(Value::Polarity(found.polarity.unwrap_or(Polarity::Affirm)))
        }
        // Found and valued by crate::drift, never matched by patterns.
        ClaimKind::Term(_) | ClaimKind::Quote(_) => Err(unparsed()),
    }
}

/// The date a quantity describes and how its wording places it: the date phrase that governs the figure's clause
/// ([`asof::governing_date`]), else the publication date; no date for an earlier figure with none of its own.
fn as_of_and_revision(source: &Source, found: &Match) -> (Option<DateRange>, Revision) {
    let sentence = &source.text[found.sentence.clone()];
    let figure = unshift(found.span.clone(), found.sentence.start);
    let phrases: Vec<Range<usize>> = date_phrase_regex()
        .find_iter(sentence)
        .map(|m| m.range())
        .collect();
    let attribution = asof::governing_date(sentence, figure.clone(), &phrases, &[]);
    let relation = asof::relation(sentence, figure);
    let published = source.published.map(single_day);
    let as_of = match asof::as_of(&attribution, &relation) {
        asof::AsOf::Date(index) => {
            as_of_phrase(&sentence[phrases[index].clone()], sentence, source).or(published)
        }
        asof::AsOf::Publication | asof::AsOf::LatestAtPublication => published,
        asof::AsOf::BeforePublication => None,
    };
    (as_of, Revision::from(&relation))
}

/// An event's date phrase resolved in the direction its sentence's tense gives ("the July 26 coup" in a May report
/// is last July's; "by September 15" is the next one). A possessive ("devastated by Friday's earthquake") names the
/// day of something, not a deadline: its qualifier is dropped.
fn event_date(source: &Source, found: &Match) -> Result<DateRange, DateError> {
    let words = &source.text[found.value.clone()];
    let sentence = &source.text[found.sentence.clone()];
    let anchor = date::Anchor::new(source.published, date::guess_tense(sentence));
    let mut range = date::parse_moment(words, anchor)?.range;
    if date::is_possessive_after(&source.text, found.value.end) {
        range.qualifier = None;
    }
    Ok(range)
}

/// The days of a figure's as-of phrase: a year-less date is the latest such date on or before publication, unless
/// the sentence speaks of the future.
fn as_of_phrase(phrase: &str, sentence: &str, source: &Source) -> Option<DateRange> {
    let tense = match date::guess_tense(sentence) {
        date::Tense::Future => date::Tense::Future,
        date::Tense::Past | date::Tense::Unknown => date::Tense::Past,
    };
    let anchor = date::Anchor::new(source.published, tense);
    date::parse_moment(phrase, anchor)
        .ok()
        .map(|moment| moment.range)
}

fn unshift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start - by..range.end - by
}

/// The range of one day.
pub fn single_day(day: Date) -> DateRange {
    DateRange {
        start: date::Day::Full(day),
        end: date::Day::Full(day),
        qualifier: None,
    }
}

fn date_phrase_regex() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("(?i){DATE_PHRASE}")).expect("DATE_PHRASE is a valid regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use date::parse_date;

    #[test]
    fn example_values_may_leave_out_the_interval_and_use_hyphens() {
        let tolerance = number::Tolerance::default();
        let rounded = Value::Quantity {
            quantity: number::with_rounding(parse_quantity("1,100", tolerance).unwrap()),
            as_of: None,
            revision: Revision::Current,
        };
        assert_eq!(rounded.describe(), "1,100 (1,050–1,150)");
        assert!(rounded.is_written("1,100"));
        assert!(rounded.is_written("1,100 (1,050-1,150)"));
        assert!(!rounded.is_written("1,100 (1,000–1,200)"));
        assert!(!rounded.is_written("1,000"));
        let deadline = Value::Date(parse_date("by Sept. 15, 2024", None));
        assert!(deadline.is_written("2024-09-15 (deadline)"));
        assert!(!deadline.is_written("2024-09-15"));
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(1_100_000.0), "1,100,000");
        assert_eq!(format_number(650.0), "650");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(f64::INFINITY), "∞");
    }
}
