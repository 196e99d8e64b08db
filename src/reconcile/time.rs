//! Time in reconciliation: when two incompatible mentions of a claim are a conflict, and when a change over time.
//!
//! A claim that declares neither a `window` nor a `trend` ignores time: every incompatible pair conflicts. Otherwise
//! each mention has an as-of time (a minute number, or unknown) and a *rank*, which says where its wording places the
//! figure among the figures of its time: an earlier figure ("an earlier toll of 500", "up from 300"), a current one,
//! or an update ("has risen to 740"). Two incompatible mentions then relate so:
//!
//! - **Near** (one time unknown, or both within the window): of one rank, they conflict: two outlets give different
//!   figures for the same moment. Of different ranks, the lower rank is the earlier figure, and the pair is ordered.
//!   But two figures known only to one span longer than the window (two reports of one day, under a window of hours)
//!   are not known to be of one moment: their ranks order them, and of one rank, they are a change, in the order
//!   the trend allows (a toll that rose from 48 to 64 in the day).
//! - **Far** (both times known and further apart than the window): the earlier time is the earlier figure.
//! - An ordered pair is a **change**, unless the claim declares a trend and the later figure goes against it (a toll
//!   that falls, a withdrawal whose count grows): then it **conflicts**; but a later figure whose own words lower it
//!   ("revised down to 97, from 115", rank [`LOWERED`]) is a change of a rising claim: the report states the revision.
//! - Two earlier figures whose times are both unknown are not compared: nothing says which came first.
//!
//! [`link`] is the definition, pair by pair; the reconciliation graph computes the same groups in O(n log n).

use crate::kinds::extent::{precedes, Extent, SPACES};
pub use crate::model::time::{
    TimeSpan, Timing, Trend, CURRENT, DAY, EARLIER, LOWERED, RANKS, UPDATE,
};

/// What a pair of incompatible mentions is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// They disagree about the same moment, or the later goes against the trend.
    Conflict,
    /// The later figure replaced the earlier one.
    Change,
}

/// Which of two linked members is the earlier figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Near pairs: the lower rank is earlier; equal ranks are not ordered (they conflict).
    ByRank,
    /// Near pairs known only to one span longer than the window: the lower rank is earlier; equal ranks are ordered
    /// by the trend (a change).
    ByRankThenTrend,
    /// Far pairs: the partner (the member already seen) is earlier in time.
    PartnerEarlier,
}

/// The outcome for a member of rank `rank` linked with a disjoint partner of rank `partner_rank` that lies below it
/// (`partner_below`) or above it, under `order` and the claim's trend.
pub fn outcome(
    order: Order,
    partner_rank: u8,
    rank: u8,
    partner_below: bool,
    timing: Timing,
) -> Link {
    let partner_earlier = match order {
        Order::PartnerEarlier => true,
        Order::ByRank if partner_rank == rank => return Link::Conflict,
        Order::ByRankThenTrend if partner_rank == rank => return Link::Change,
        Order::ByRank | Order::ByRankThenTrend => partner_rank < rank,
    };
    let later_is_higher = partner_earlier == partner_below;
    let later_rank = if partner_earlier { rank } else { partner_rank };
    match (timing.trend, later_is_higher) {
        (None, _) | (Some(Trend::Rising), true) | (Some(Trend::Falling), false) => Link::Change,
        // "revised down to 97, from 115": the later figure's own words say it went down
        (Some(Trend::Rising), false) if later_rank == LOWERED => Link::Change,
        _ => Link::Conflict,
    }
}

/// One mention as reconciliation compares it.
#[derive(Debug, Clone, Copy)]
pub struct Timed {
    /// Extents by space.
    pub extents: [Option<Extent>; SPACES],
    /// The as-of time, a minute number (the midpoint of the as-of span), when known.
    pub time: Option<i64>,
    /// How many minutes the as-of span holds: 1 for a time of day, a day's for a date.
    pub width: i64,
    /// [`EARLIER`], [`CURRENT`], [`UPDATE`] or [`LOWERED`].
    pub rank: u8,
}

impl Timed {
    /// True when `self` and `other` are known only to one span longer than `window`: nothing says they are of one
    /// moment, nor which came first.
    pub fn one_coarse_time(&self, other: &Timed, window: i64) -> bool {
        self.time.is_some()
            && (self.time, self.width) == (other.time, other.width)
            && coarser_than(self.width, window)
    }
}

/// True when a span of `width` minutes is longer than `window`: two times in it may lie further apart.
pub fn coarser_than(width: i64, window: i64) -> bool {
    width - 1 > window
}

/// The definition: what two mentions of one claim are to each other: no link when they are compatible (or not
/// compared at all), else a conflict, a change, or, for an extent that overlaps nothing (below and above every
/// other at once), possibly both.
pub fn links(a: &Timed, b: &Timed, timing: Timing) -> Vec<Link> {
    let Some(disjoint) = first_disjoint_space(a, b) else {
        return Vec::new();
    };
    let Some(window) = timing.window() else {
        return vec![Link::Conflict];
    };
    let near = match (a.time, b.time) {
        (Some(x), Some(y)) => (x - y).abs() <= window,
        _ => true,
    };
    if near && a.rank == b.rank && a.one_coarse_time(b, window) {
        return vec![Link::Change];
    }
    if near && a.rank == b.rank {
        let both_undated_earlier = a.rank == EARLIER && a.time.is_none() && b.time.is_none();
        return if both_undated_earlier {
            Vec::new()
        } else {
            vec![Link::Conflict]
        };
    }
    let a_earlier = if near {
        a.rank < b.rank
    } else {
        a.time < b.time
    };
    let (earlier, later) = if a_earlier { (a, b) } else { (b, a) };
    let (Some(e), Some(l)) = (earlier.extents[disjoint], later.extents[disjoint]) else {
        return vec![Link::Conflict];
    };
    let mut found = Vec::new();
    for (partner_below, apart) in [
        (true, precedes(e.upper, l.lower)),
        (false, precedes(l.upper, e.lower)),
    ] {
        let link = outcome(
            Order::PartnerEarlier,
            earlier.rank,
            later.rank,
            partner_below,
            timing,
        );
        if apart && !found.contains(&link) {
            found.push(link);
        }
    }
    found
}

/// The single link of two mentions whose extents are not empty: see [`links`].
pub fn link(a: &Timed, b: &Timed, timing: Timing) -> Option<Link> {
    let found = links(a, b, timing);
    found
        .iter()
        .copied()
        .find(|&l| l == Link::Conflict)
        .or(found.first().copied())
}

/// The first space where both have extents and they share no point; `None` when they are compatible.
fn first_disjoint_space(a: &Timed, b: &Timed) -> Option<usize> {
    (0..SPACES).find(|&space| match (a.extents[space], b.extents[space]) {
        (Some(x), Some(y)) => !x.overlaps(&y),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::extent::Edge;

    fn figure(low: f64, high: f64, time: Option<i64>, rank: u8) -> Timed {
        let at = |value| Edge::At {
            value,
            inclusive: true,
        };
        Timed {
            extents: [
                Some(Extent {
                    lower: at(low),
                    upper: at(high),
                }),
                None,
            ],
            time,
            width: 1,
            rank,
        }
    }

    const RISING: Timing = Timing {
        window: Some(360),
        trend: Some(Trend::Rising),
    };
    const HOUR: i64 = 60;

    #[test]
    fn without_window_or_trend_time_is_ignored() {
        let early = figure(300.0, 300.0, Some(0), CURRENT);
        let late = figure(2960.0, 2960.0, Some(100 * 24 * HOUR), CURRENT);
        assert_eq!(link(&early, &late, Timing::default()), Some(Link::Conflict));
    }

    #[test]
    fn two_current_figures_at_one_time_conflict() {
        let a = figure(1200.0, f64::INFINITY, Some(14 * HOUR), CURRENT);
        let b = figure(720.0, 880.0, Some(14 * HOUR), CURRENT);
        assert_eq!(link(&a, &b, RISING), Some(Link::Conflict));
    }

    #[test]
    fn a_rise_over_days_is_a_change_and_a_fall_conflicts() {
        let monday = figure(2100.0, 2100.0, Some(3 * 24 * HOUR), CURRENT);
        let tuesday_higher = figure(2960.0, 2960.0, Some(4 * 24 * HOUR), CURRENT);
        let tuesday_lower = figure(1500.0, 1500.0, Some(4 * 24 * HOUR), CURRENT);
        assert_eq!(link(&monday, &tuesday_higher, RISING), Some(Link::Change));
        assert_eq!(link(&tuesday_higher, &monday, RISING), Some(Link::Change));
        assert_eq!(link(&monday, &tuesday_lower, RISING), Some(Link::Conflict));
        let falling = Timing {
            trend: Some(Trend::Falling),
            ..RISING
        };
        assert_eq!(link(&monday, &tuesday_lower, falling), Some(Link::Change));
    }

    #[test]
    fn marked_revisions_at_one_time_are_ordered() {
        let earlier = figure(500.0, f64::INFINITY, None, EARLIER);
        let update = figure(740.0, 740.0, Some(20 * HOUR), UPDATE);
        let current = figure(300.0, 300.0, Some(20 * HOUR), CURRENT);
        assert_eq!(link(&current, &update, RISING), Some(Link::Change));
        assert_eq!(link(&earlier, &current, RISING), Some(Link::Conflict));
        let no_trend = Timing {
            trend: None,
            ..RISING
        };
        assert_eq!(link(&earlier, &current, no_trend), Some(Link::Change));
    }

    #[test]
    fn figures_known_only_to_one_day_are_ordered_by_the_trend_under_a_shorter_window() {
        let day = |low: f64, rank: u8| Timed {
            width: DAY,
            ..figure(low, low, Some(DAY / 2), rank)
        };
        assert_eq!(
            link(&day(48.0, CURRENT), &day(64.0, CURRENT), RISING),
            Some(Link::Change)
        );
        assert_eq!(
            link(&day(64.0, CURRENT), &day(48.0, CURRENT), RISING),
            Some(Link::Change)
        );
        // the ranks still order them: an update lower than the day's current figure goes against the trend
        assert_eq!(
            link(&day(64.0, CURRENT), &day(48.0, UPDATE), RISING),
            Some(Link::Conflict)
        );
        // a window of a day makes one day one moment
        let daily = Timing {
            window: Some(DAY),
            ..RISING
        };
        assert_eq!(
            link(&day(48.0, CURRENT), &day(64.0, CURRENT), daily),
            Some(Link::Conflict)
        );
        // a time of day within the day is not the same span
        let noon = figure(64.0, 64.0, Some(DAY / 2), CURRENT);
        assert_eq!(
            link(&day(48.0, CURRENT), &noon, RISING),
            Some(Link::Conflict)
        );
    }

    #[test]
    fn undated_earlier_figures_are_not_compared() {
        let a = figure(500.0, 500.0, None, EARLIER);
        let b = figure(300.0, 300.0, None, EARLIER);
        assert_eq!(link(&a, &b, RISING), None);
    }

    #[test]
    fn compatible_figures_are_not_linked() {
        let a = figure(1000.0, 1100.0, Some(0), CURRENT);
        let b = figure(1050.0, 1050.0, Some(0), CURRENT);
        assert_eq!(link(&a, &b, RISING), None);
    }
}
