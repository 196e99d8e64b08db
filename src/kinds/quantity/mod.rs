//! Quantity claims: a number with its qualifier, from phrases such as "more than 1,000" or "some two dozen",
//! resolved to intervals of counts. Two quantities are compatible when their intervals overlap; a quantity
//! describes the date of its sentence's date phrase (else the publication date), so that figures far apart in time
//! are a change rather than a conflict when the claim has a `window`.

pub mod asof;
mod grammar;

use std::ops::Range;

use jiff::civil::Date;

pub use grammar::*;

use super::words::quantity::WordQuantityClaim;
use super::{date, format_number, FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for quantity claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "quantity",
    required: &[],
    allowed: &[
        "patterns",
        "tolerance",
        "exact_tolerance",
        "window",
        "trend",
        "round_figures",
        "counts",
        "of",
        "not_of",
        "unless_near",
        "scope",
        "near",
        "mode",
        "unit",
        "more_than",
        "less_than",
        "about",
        "nearly",
        "at_least",
        "up_to",
    ],
    build,
};

/// A quantity claim: patterns that capture the phrase in group `value`, and how far figures stretch.
#[derive(Debug)]
pub struct QuantityClaim {
    /// Patterns with a `value` group.
    pub patterns: Vec<RulePattern>,
    /// How far "about" and bare numbers stretch.
    pub tolerance: Tolerance,
    /// Whether a bare round figure ("3,100") is read as rounded (3,050 to 3,149) rather than exact.
    pub round_figures: bool,
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
    /// A revision down to a newer figure: "fell to 650", "revised down to 97", "97, down from 115". Reports show it
    /// as an update; reconciliation reads its direction (see [`crate::model::time::LOWERED`]).
    #[serde(rename = "update")]
    Lowered,
}

impl From<&asof::Relation> for Revision {
    fn from(relation: &asof::Relation) -> Revision {
        match relation {
            asof::Relation::Earlier { .. } => Revision::Earlier,
            asof::Relation::Current => Revision::Current,
            asof::Relation::Update { trigger } if asof::lowers(trigger) => Revision::Lowered,
            asof::Relation::Update { .. } => Revision::Update,
        }
    }
}

/// Builds a quantity claim: in words when it has word-form fields (`counts`, ...), else from its `patterns`.
fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    let default = Tolerance::default();
    let tolerance = Tolerance {
        approximate: fields.tolerance.unwrap_or(default.approximate),
        exact: fields.exact_tolerance.unwrap_or(default.exact),
    };
    let round_figures = fields.round_figures.unwrap_or(true);
    match (fields.words.any(), fields.patterns.is_empty()) {
        (true, true) => Ok(Box::new(WordQuantityClaim::build(
            &fields.words,
            tolerance,
            round_figures,
        )?)),
        (false, false) => Ok(Box::new(QuantityClaim {
            patterns: fields.patterns,
            tolerance,
            round_figures,
        })),
        (true, false) => Err(super::words::both_forms("quantity", "counts")),
        (false, true) => Err(super::words::neither_form("quantity", "counts")),
    }
}

impl Kind for QuantityClaim {
    fn name(&self) -> &'static str {
        ENTRY.name
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![(&self.patterns, None)]
    }

    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        let words = &text[found.value.clone()];
        let quantity = parse_quantity(words, self.tolerance).ok_or_else(|| Unparsed {
            text: words.to_string(),
        })?;
        let quantity = match self.round_figures {
            true => with_rounding(quantity),
            false => quantity,
        };
        let (as_of, revision) = as_of_and_revision(text, published, found);
        Ok(Value::Quantity {
            quantity,
            as_of,
            revision,
        })
    }
}

/// The date a quantity describes and how its wording places it: the date phrase that governs the figure's clause
/// ([`asof::governing_date`]), else the publication date; no date for an earlier figure with none of its own.
pub(crate) fn as_of_and_revision(
    text: &str,
    published: Option<Date>,
    found: &Match,
) -> (Option<date::DateRange>, Revision) {
    let sentence = &text[found.sentence.clone()];
    let figure = unshift(found.span.clone(), found.sentence.start);
    let phrases = date::date_phrases(sentence);
    let attribution = asof::governing_date(sentence, figure.clone(), &phrases, &[]);
    let relation = asof::relation(sentence, figure);
    let publication = published.map(date::single_day);
    let as_of = match asof::as_of(&attribution, &relation) {
        asof::AsOf::Date(index) => {
            as_of_phrase(&sentence[phrases[index].clone()], sentence, published).or(publication)
        }
        asof::AsOf::Publication | asof::AsOf::LatestAtPublication => publication,
        asof::AsOf::BeforePublication => None,
    };
    (as_of, Revision::from(&relation))
}

/// The days of a figure's as-of phrase: a year-less date is the latest such date on or before publication, unless
/// the sentence speaks of the future, or the phrase names the weekday after publication ([`next_day_named`]).
fn as_of_phrase(phrase: &str, sentence: &str, published: Option<Date>) -> Option<date::DateRange> {
    let tense = match date::guess_tense_of_count(sentence) {
        date::Tense::Future => date::Tense::Future,
        date::Tense::Past | date::Tense::Unknown => date::Tense::Past,
    };
    let read = |tense| {
        date::parse_moment(phrase, date::Anchor::new(published, tense))
            .ok()
            .map(|moment| moment.range)
    };
    let range = read(tense)?;
    let ahead = match published {
        Some(day) if tense == date::Tense::Past => next_day_named(day, &range, || {
            read(date::Tense::Future).filter(|_| !date::states_the_past(sentence))
        }),
        _ => None,
    };
    Some(ahead.unwrap_or(range))
}

/// The as-of day of a count whose weekday, read as past (`past`), lies six days before `published` while read ahead
/// (`ahead`, asked only then) it is the day after: then the day after. A count is given as of its latest day, and a
/// report filed from a time zone ahead of its outlet's names the next day ("has killed 213 people as of Thursday" on
/// a page dated Wednesday); a week-old figure would be told in the past ("was 100 on Thursday"), which
/// [`date::states_the_past`] leaves to the week before (`ahead` gives none then).
fn next_day_named(
    published: Date,
    past: &date::DateRange,
    ahead: impl FnOnce() -> Option<date::DateRange>,
) -> Option<date::DateRange> {
    let single = |range: &date::DateRange, days: i64| {
        let day = published.checked_add(jiff::Span::new().days(days)).ok();
        range.start == range.end && day.map(date::Day::Full) == Some(range.start)
    };
    if !single(past, -6) {
        return None;
    }
    ahead().filter(|ahead| single(ahead, 1))
}

fn unshift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start - by..range.end - by
}

/// "less than 1,000", "about 1,100 (990–1,210)", "1,000", "between 200 and 400".
pub fn describe(quantity: &Quantity) -> String {
    use Qualifier::*;
    let value = format_number(quantity.value);
    let words = match quantity.qualifier {
        Exact => value.clone(),
        About => format!("about {value}"),
        MoreThan => format!("more than {value}"),
        LessThan => format!("less than {value}"),
        Nearly => format!("nearly {value}"),
        AtLeast => format!("at least {value}"),
        UpTo => format!("up to {value}"),
        Between => {
            return format!(
                "between {value} and {}",
                format_number(quantity.interval.max.value)
            )
        }
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
