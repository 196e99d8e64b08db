//! Values as extents: stretches of an ordered axis, so that incompatible values can be found by sorting instead of
//! by comparing every pair.
//!
//! [`Value::compatible`] is the definition; this module restates it: every value has an extent in up to two
//! *spaces*, and two values are compatible exactly when they overlap in every space where both have one.
//! Quantities live in one space (their interval), polarities too (affirm and deny are two points). Dates need two:
//! full days, and month-days for the comparisons that involve a year-less range. A date whose range has no year on
//! one side is compared on month and day only, and two full ranges that share no month-day share no day either, so
//! checking both spaces when both values have them changes nothing. Unresolved dates have no extent and are
//! compatible with everything (term and quote mentions are placed by [`crate::extract::drift`], not compared); a
//! quantity interval that is empty has an extent that overlaps nothing. Quantities are finite numbers (or an open
//! infinite upper end), as [`super::quantity::parse_quantity`] makes them.
//!
//! The conflict graph of [`crate::reconcile`] sweeps these extents and knows nothing else of values: a kind whose
//! values can conflict gives them an extent here.

use super::date::{DateRange, Day};
use super::quantity::{Bound, Interval};
use super::Value;
use crate::model::Polarity;

/// One end of an extent: a value that is in or out, or an end beyond every value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edge {
    /// Below everything: the upper end of an extent that overlaps nothing.
    Bottom,
    /// At a value, which the extent includes or not.
    At {
        /// Where.
        value: f64,
        /// Whether the value itself is in the extent.
        inclusive: bool,
    },
    /// Above everything: the lower end of an extent that overlaps nothing.
    Top,
}

impl Edge {
    /// The edge seen from the other end of the axis.
    fn mirrored(self) -> Edge {
        match self {
            Edge::Bottom => Edge::Top,
            Edge::Top => Edge::Bottom,
            Edge::At { value, inclusive } => Edge::At {
                value: 0.0 - value,
                inclusive,
            },
        }
    }

    /// A sort key among upper edges: an upper edge that [`precedes`] a lower edge comes before every upper edge that
    /// does not (at one value, an excluded end sorts first).
    pub fn upper_key(self) -> (u8, u64, bool) {
        match self {
            Edge::Bottom => (0, 0, false),
            Edge::At { value, inclusive } => (1, ordered_bits(value), inclusive),
            Edge::Top => (2, 0, false),
        }
    }
}

/// The bits of a float, mapped so that their order as integers is the float's order (`-0.0` as `0.0`).
fn ordered_bits(value: f64) -> u64 {
    let bits = (value + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// True when everything up to `upper` lies before everything from `lower`: the two extents share no point.
pub fn precedes(upper: Edge, lower: Edge) -> bool {
    match (upper, lower) {
        (Edge::Bottom, _) | (_, Edge::Top) => true,
        (Edge::Top, _) | (_, Edge::Bottom) => false,
        (
            Edge::At {
                value: u,
                inclusive: ui,
            },
            Edge::At {
                value: l,
                inclusive: li,
            },
        ) => u < l || (u == l && !(ui && li)),
    }
}

/// A stretch of one space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Where it begins.
    pub lower: Edge,
    /// Where it ends.
    pub upper: Edge,
}

impl Extent {
    /// True when the two share a point.
    pub fn overlaps(&self, other: &Extent) -> bool {
        !precedes(self.upper, other.lower) && !precedes(other.upper, self.lower)
    }

    /// The part the two share (empty when they share nothing): from the lower edge that comes last to the upper
    /// edge that comes first.
    pub fn intersection(&self, other: &Extent) -> Extent {
        let begins_last = |a: &Extent, b: &Extent| {
            if a.mirrored().upper.upper_key() <= b.mirrored().upper.upper_key() {
                a.lower
            } else {
                b.lower
            }
        };
        let ends_first = if self.upper.upper_key() <= other.upper.upper_key() {
            self.upper
        } else {
            other.upper
        };
        Extent {
            lower: begins_last(self, other),
            upper: ends_first,
        }
    }

    /// The extent seen from the other end of the axis: what lies after it now lies before it.
    pub fn mirrored(&self) -> Extent {
        Extent {
            lower: self.upper.mirrored(),
            upper: self.lower.mirrored(),
        }
    }

    fn nowhere() -> Extent {
        Extent {
            lower: Edge::Top,
            upper: Edge::Bottom,
        }
    }

    fn closed(lower: f64, upper: f64) -> Extent {
        let at = |value| Edge::At {
            value,
            inclusive: true,
        };
        Extent {
            lower: at(lower),
            upper: at(upper),
        }
    }
}

/// How many spaces a value can have extents in.
pub const SPACES: usize = 2;

/// The extents of a value, by space.
pub fn extents(value: &Value) -> [Option<Extent>; SPACES] {
    match value {
        Value::Quantity { quantity, .. } => [Some(interval_extent(&quantity.interval)), None],
        Value::Date(Ok(range)) => [day_extent(range), month_day_extent(range)],
        Value::Date(Err(_)) | Value::Term(_) | Value::Quote(_) => [None, None],
        Value::Polarity(polarity) => {
            let point = f64::from(u8::from(*polarity == Polarity::Deny));
            [Some(Extent::closed(point, point)), None]
        }
    }
}

fn interval_extent(interval: &Interval) -> Extent {
    if !interval.overlaps(interval) {
        return Extent::nowhere();
    }
    let edge = |bound: Bound| Edge::At {
        value: bound.value,
        inclusive: bound.inclusive,
    };
    Extent {
        lower: edge(interval.min),
        upper: edge(interval.max),
    }
}

/// Full ranges, by day.
fn day_extent(range: &DateRange) -> Option<Extent> {
    match (range.start, range.end) {
        (Day::Full(start), Day::Full(end)) => Some(Extent::closed(
            day_number(start) as f64,
            day_number(end) as f64,
        )),
        _ => None,
    }
}

/// Ranges that can be projected on month and day: year-less ones, and full ones within one year.
fn month_day_extent(range: &DateRange) -> Option<Extent> {
    let month_day = |day: Day| match day {
        Day::Full(date) => (date.month(), date.day()),
        Day::NoYear { month, day } => (month, day),
    };
    if let (Day::Full(start), Day::Full(end)) = (range.start, range.end) {
        if start.year() != end.year() {
            return None;
        }
    }
    let (start, end) = (month_day(range.start), month_day(range.end));
    let number = |(month, day): (i8, i8)| f64::from(month) * 32.0 + f64::from(day);
    (start <= end).then(|| Extent::closed(number(start), number(end)))
}

pub use crate::model::time::day_number;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::date::DateQualifier;
    use crate::kinds::quantity::{Qualifier, Quantity};
    use jiff::civil::date;

    /// Compatible by extents: overlapping in every space where both have one.
    fn compatible_by_extents(a: &Value, b: &Value) -> bool {
        extents(a)
            .iter()
            .zip(extents(b).iter())
            .all(|pair| match pair {
                (Some(x), Some(y)) => x.overlaps(y),
                _ => true,
            })
    }

    fn quantity(min: f64, min_in: bool, max: f64, max_in: bool) -> Value {
        Value::Quantity {
            quantity: Quantity {
                value: min,
                qualifier: Qualifier::Exact,
                interval: Interval {
                    min: Bound {
                        value: min,
                        inclusive: min_in,
                    },
                    max: Bound {
                        value: max,
                        inclusive: max_in,
                    },
                },
            },
            as_of: None,
            revision: crate::kinds::quantity::Revision::Current,
        }
    }

    fn dates(start: Day, end: Day) -> Value {
        Value::Date(Ok(DateRange {
            start,
            end,
            qualifier: Some(DateQualifier::Deadline),
        }))
    }

    #[test]
    fn extents_agree_with_compatibility_on_every_pair() {
        let ends = [0.0, 900.0, 1000.0, 1100.0, f64::INFINITY];
        let mut values = Vec::new();
        for &min in &ends {
            for &max in &ends {
                for (min_in, max_in) in [(true, true), (true, false), (false, true), (false, false)]
                {
                    values.push(quantity(min, min_in, max, max_in));
                }
            }
        }
        let full = |y, m, d| Day::Full(date(y, m, d));
        let no_year = |month, day| Day::NoYear { month, day };
        values.extend([
            dates(full(2024, 9, 15), full(2024, 9, 15)),
            dates(full(2024, 9, 1), full(2024, 9, 30)),
            dates(full(2023, 9, 15), full(2023, 9, 15)),
            dates(full(2023, 12, 20), full(2024, 1, 10)),
            dates(full(2024, 1, 5), full(2024, 1, 5)),
            dates(no_year(9, 15), no_year(9, 15)),
            dates(no_year(9, 16), no_year(9, 30)),
            dates(no_year(12, 20), no_year(1, 10)),
            dates(no_year(1, 1), no_year(1, 31)),
            Value::Date(Err(crate::kinds::date::DateError::NotADate("x".into()))),
            Value::Polarity(Polarity::Affirm),
            Value::Polarity(Polarity::Deny),
        ]);
        for a in &values {
            for b in &values {
                if std::mem::discriminant(a) != std::mem::discriminant(b) {
                    continue; // the mentions of one claim are all of its kind
                }
                assert_eq!(
                    compatible_by_extents(a, b),
                    a.compatible(b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(
            day_number(date(2024, 3, 1)) - day_number(date(2024, 2, 28)),
            2
        );
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        let (a, b) = (date(2021, 7, 4), date(2024, 5, 20));
        assert_eq!(
            day_number(b) - day_number(a),
            i64::from(a.until(b).unwrap().get_days())
        );
    }
}
