//! Quantity claims: a number with its qualifier, from phrases such as "more than 1,000" or "some two dozen",
//! resolved to intervals of counts. Two quantities are compatible when their intervals overlap; a quantity
//! describes the date of its sentence's date phrase (else the publication date), so that figures far apart in time
//! are a change rather than a conflict when the claim has a `window`.

mod grammar;

use jiff::civil::Date;

pub use grammar::*;

use super::{date, format_number, FieldProblem, Kind, KindEntry, KindFields, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;

/// The registry's entry for quantity claims.
pub const ENTRY: KindEntry = KindEntry {
    name: "quantity",
    required: &["patterns"],
    allowed: &["patterns", "tolerance", "exact_tolerance", "window"],
    build,
};

/// A quantity claim: patterns that capture the phrase in group `value`, and how far figures stretch.
#[derive(Debug)]
pub struct QuantityClaim {
    /// Patterns with a `value` group.
    pub patterns: Vec<RulePattern>,
    /// How far "about" and bare numbers stretch.
    pub tolerance: Tolerance,
    /// Mentions whose as-of dates lie further apart than this many days are a change over time, not a conflict.
    pub window_days: Option<i64>,
}

fn build(fields: KindFields) -> Result<Box<dyn Kind>, FieldProblem> {
    let default = Tolerance::default();
    Ok(Box::new(QuantityClaim {
        patterns: fields.patterns,
        tolerance: Tolerance {
            approximate: fields.tolerance.unwrap_or(default.approximate),
            exact: fields.exact_tolerance.unwrap_or(default.exact),
        },
        window_days: fields.window_days,
    }))
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
        let as_of = date::as_of_date(text, published, found);
        Ok(Value::Quantity { quantity, as_of })
    }

    fn window_days(&self) -> Option<i64> {
        self.window_days
    }
}

/// "less than 1,000", "about 1,100 (990–1,210)", "1,000".
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
