//! The sides of a finding: how its mentions are grouped for people.
//!
//! A conflict's sides are *positions*: values that can all hold at once are one side, so that "2024-09-15",
//! "September 15" without a year and "mid-September" stand together against the one outlier that disagrees with all
//! of them, instead of being listed as three values that seem to disagree. A change's sides are the points of its
//! timeline, in time order. Positions are found greedily: values are taken by where their extent ends, and each joins
//! the first position whose common part it overlaps in every space. On one axis that is the fewest positions there
//! can be (the classic stabbing of intervals); on two (dates with and without a year) it is close.

use std::cmp::Reverse;

use super::{count_mentions, sides_by_value};
use crate::extract::Stated;
use crate::kinds::extent::{extents, Extent, SPACES};
use crate::model::time::{Timing, Trend, DAY};

/// The mentions grouped into positions: each position's values can all hold at once. Positions are in order of
/// their first mention, each in corpus order. Mentions are sorted by their sort key alone (24 bytes each, a
/// third of what their extents take): a conflict of a large corpus holds hundreds of thousands.
pub fn positions<M: Stated + Copy>(members: &[M]) -> Vec<Vec<M>> {
    let mut order: Vec<(EndKey, usize)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (end_key(&extents(m.value())), i))
        .collect();
    order.sort_unstable();
    let mut common: Vec<[Option<Extent>; SPACES]> = Vec::new();
    let mut position_of = vec![0; members.len()];
    for (_, i) in order {
        let extent = extents(members[i].value());
        let joined = common
            .iter_mut()
            .enumerate()
            .find_map(|(p, shared)| join(shared, &extent).then_some(p));
        position_of[i] = joined.unwrap_or_else(|| {
            common.push(extent);
            common.len() - 1
        });
    }
    grouped(members, &position_of)
}

/// The points of a timeline: mentions in time order (figures of unknown time first, as the earliest; figures of one
/// time by rank, then in the order the claim's trend allows), consecutive
/// ones that can all hold at once, and whose times lie within the claim's window of the point's first, as one point.
pub fn timeline<M: Stated + Copy>(members: &[M], timing: Timing) -> Vec<Vec<M>> {
    let window = timing.window().unwrap_or(0);
    let mut order: Vec<M> = members.to_vec();
    order.sort_by_key(|m| {
        let time = m.time();
        let along_trend = trend_key(&extents(m.value()), timing.trend);
        (time.map(|t| t.midpoint()), m.rank(), along_trend, m.id())
    });
    let mut points: Vec<(Vec<M>, [Option<Extent>; SPACES])> = Vec::new();
    for mention in order {
        let extent = extents(mention.value());
        let time = mention.time().map(|t| t.midpoint());
        let joined = match points.last_mut() {
            Some((point, shared)) if near(point[0].time().map(|t| t.midpoint()), time, window) => {
                join(shared, &extent).then(|| point.push(mention))
            }
            _ => None,
        };
        if joined.is_none() {
            points.push((vec![mention], extent));
        }
    }
    points
        .into_iter()
        .map(|(mut point, _)| {
            point.sort_by_key(|m| m.id());
            point
        })
        .collect()
}

/// True when two times (unknown ones too) may stand for one moment.
fn near(a: Option<i64>, b: Option<i64>, window: i64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= window,
        (None, None) => true,
        _ => false,
    }
}

/// Narrows `shared` to its overlap with `extent` when they overlap in every space where both have one.
fn join(shared: &mut [Option<Extent>; SPACES], extent: &[Option<Extent>; SPACES]) -> bool {
    let mut narrowed = *shared;
    for (mine, theirs) in narrowed.iter_mut().zip(extent) {
        match (mine.as_mut(), theirs) {
            (Some(a), Some(b)) if !a.overlaps(b) => return false,
            (Some(a), Some(b)) => *a = a.intersection(b),
            (None, Some(b)) => *mine = Some(*b),
            _ => {}
        }
    }
    *shared = narrowed;
    true
}

/// Where a value's first extent ends, as a sort key: `None` for a value without one.
type EndKey = Option<(u8, u64, bool)>;

/// Where a value stands along `trend`, as a sort key: figures of one time read in the order the trend allows (a
/// rising toll's lowest figure first, a falling count's highest), since nothing else orders them; `None` without a
/// trend.
fn trend_key(
    extents: &[Option<Extent>; SPACES],
    trend: Option<Trend>,
) -> Option<Reverse<(u8, u64, bool)>> {
    let lower_first = extents.map(|e| e.map(|e| e.mirrored()));
    match trend? {
        Trend::Rising => end_key(&lower_first).map(Reverse),
        Trend::Falling => end_key(extents).map(Reverse),
    }
}

/// Where a value's first extent ends, as a sort key.
fn end_key(extents: &[Option<Extent>; SPACES]) -> EndKey {
    extents.iter().flatten().next().map(|e| e.upper.upper_key())
}

/// Members grouped by their position number, positions in order of their first member.
fn grouped<M: Copy>(members: &[M], position_of: &[usize]) -> Vec<Vec<M>> {
    let mut slot_of_position: Vec<Option<usize>> = vec![None; members.len()];
    let mut sides: Vec<Vec<M>> = Vec::new();
    for (mention, &position) in members.iter().zip(position_of) {
        let slot = *slot_of_position[position].get_or_insert_with(|| {
            sides.push(Vec::new());
            sides.len() - 1
        });
        sides[slot].push(*mention);
    }
    sides
}

/// How many distinct values a side's description names before it counts the rest.
const NAMED_VALUES: usize = 3;

/// A side for people: its values, the most frequent first and then in the order of their words ("2,100 / at least
/// 2,000"), so that the order of the sources changes nothing, and how many mentions in how many sources hold it.
pub fn describe_side(side: &[impl Stated + Copy]) -> String {
    let mut values: Vec<(usize, String)> = sides_by_value(side)
        .iter()
        .map(|v| (v.len(), v[0].value().describe()))
        .collect();
    values.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut named: Vec<String> = values
        .iter()
        .take(NAMED_VALUES)
        .map(|(_, description)| description.clone())
        .collect();
    if values.len() > NAMED_VALUES {
        named.push(format!("{} more", values.len() - NAMED_VALUES));
    }
    format!("{} ({})", named.join(" / "), count_mentions(side))
}

/// When a timeline point holds, for people: "as of 2025-03-15 08:00" when its earliest time is a moment, "as of
/// 2025-03-15" when it is a whole day or more, "at an earlier time" when no mention of it has a time.
pub fn describe_time(point: &[impl Stated]) -> String {
    let Some(first) = point
        .iter()
        .filter_map(|m| m.time())
        .min_by_key(|t| t.start)
    else {
        return "at an earlier time".to_string();
    };
    let date = jiff::civil::Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(first.start.div_euclid(DAY)))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let of_day = first.start.rem_euclid(DAY);
    if of_day == 0 && first.end.rem_euclid(DAY) == 0 {
        format!("as of {date}")
    } else {
        format!("as of {date} {:02}:{:02}", of_day / 60, of_day % 60)
    }
}
