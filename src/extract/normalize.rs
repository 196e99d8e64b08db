//! Normalisation: turns the words of a match into a value that can be compared with other mentions.

use std::ops::Range;

use jiff::civil::Date;
use regex::Regex;

use crate::kinds::date::{self, parse_date, DateError, DateRange, DATE_PHRASE};
use crate::kinds::quantity::parse_quantity;
use crate::kinds::Value;
use crate::model::{Match, Polarity, Unparsed};
use crate::rules::ClaimKind;
use crate::source::Source;

/// Normalises one match of `kind` in `source`.
pub fn normalize(kind: &ClaimKind, source: &Source, found: &Match) -> Result<Value, Unparsed> {
    let words = &source.text[found.value.clone()];
    let unparsed = || Unparsed {
        text: words.to_string(),
    };
    match kind {
        ClaimKind::Quantity { tolerance, .. } => {
            let quantity = parse_quantity(words, *tolerance).ok_or_else(unparsed)?;
            let as_of = as_of_date(source, found);
            Ok(Value::Quantity { quantity, as_of })
        }
        ClaimKind::Date { .. } => match parse_date(words, source.published) {
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

/// The date a quantity describes: the first date phrase in the same sentence outside the mention ("according to
/// data from last year"), else the publication date.
fn as_of_date(source: &Source, found: &Match) -> Option<DateRange> {
    let sentence = &source.text[found.sentence.clone()];
    let in_sentence = date_phrase_regex()
        .find_iter(sentence)
        .map(|m| shift(m.range(), found.sentence.start))
        .filter(|r| r.end <= found.span.start || r.start >= found.span.end)
        .find_map(|r| parse_date(&source.text[r], source.published).ok());
    in_sentence.or_else(|| source.published.map(single_day))
}

fn shift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

fn single_day(day: Date) -> DateRange {
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
