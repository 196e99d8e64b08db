//! Time as mentions carry it: when a value holds, where its wording ranks it among the values of its time, and how
//! a claim treats time (its window and trend). Plain data: what these mean for a verdict is
//! `reconcile::time`'s to say.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The direction a claim's figures may move over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Only ever up (a death toll): a later, lower figure conflicts.
    Rising,
    /// Only ever down (a deployment being withdrawn): a later, higher figure conflicts.
    Falling,
}

/// How a claim treats time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timing {
    /// Mentions whose as-of times lie further apart than this many minutes are ordered in time.
    pub window: Option<i64>,
    /// The direction the figures may move.
    pub trend: Option<Trend>,
}

impl Timing {
    /// The window in minutes, when time matters: the declared one, or 0 with a trend alone; `None` when the claim
    /// ignores time.
    pub fn window(self) -> Option<i64> {
        match (self.window, self.trend) {
            (None, None) => None,
            (window, _) => Some(window.unwrap_or(0)),
        }
    }
}

/// A stretch of time, in minutes since 1970-01-01 00:00 of the sources' own clocks (no time zone): `start` is in
/// it, `end` is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    /// The first minute.
    pub start: i64,
    /// The minute after the last.
    pub end: i64,
}

/// Minutes in a day.
pub const DAY: i64 = 24 * 60;

impl TimeSpan {
    /// Whole days, from the start of `first` to the end of `last`.
    pub fn days(first: jiff::civil::Date, last: jiff::civil::Date) -> TimeSpan {
        TimeSpan {
            start: day_number(first) * DAY,
            end: (day_number(last) + 1) * DAY,
        }
    }

    /// One minute of a day, when the minute of the day is known, else the whole day.
    pub fn moment(day: jiff::civil::Date, minute_of_day: Option<u16>) -> TimeSpan {
        let whole_day = TimeSpan::days(day, day);
        match minute_of_day {
            Some(minute) => {
                let start = whole_day.start + i64::from(minute);
                TimeSpan {
                    start,
                    end: start + 1,
                }
            }
            None => whole_day,
        }
    }

    /// The minute in the middle, which stands for the span when mentions are ordered in time.
    pub fn midpoint(self) -> i64 {
        self.start + (self.end - 1 - self.start) / 2
    }
}

/// How many ranks there are: earlier, current, update, lowered.
pub const RANKS: usize = 4;

/// The rank of an earlier figure ("an earlier toll of", "up from").
pub const EARLIER: u8 = 0;
/// The rank of a figure that states the present of its as-of time.
pub const CURRENT: u8 = 1;
/// The rank of a figure its wording marks as a revision ("has risen to").
pub const UPDATE: u8 = 2;
/// The rank of a figure its wording marks as a revision down ("fell to", "revised down to 97", "97, down from
/// 115"): the latest of its time, like an update, and a change, not a conflict, when it goes against a rising trend.
pub const LOWERED: u8 = 3;

/// Days since 1970-01-01 (negative before), for day arithmetic without calendar lookups.
pub fn day_number(date: jiff::civil::Date) -> i64 {
    let (year, month, day) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
