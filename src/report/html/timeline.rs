//! The timeline of a quantity or date claim, as an SVG chart: x is when a value holds (its as-of time; figures of
//! unknown time stand in a lane of their own on the left), y is the value, drawn as a bar over the interval it
//! allows ("more than 1,000" runs dashed off the top), with a sign per stance. A conflict is a shaded band over
//! its mentions; a change over time joins its points with a line, so a rise over days reads as a rising line and a
//! contradiction as two bars in one band.
//!
//! Values are placed on the axis by their extents (`kinds::extent`), the same stretches that reconciliation
//! compares; the points of a change are its finding's sides, which reconciliation puts in time order.

use maud::{html, Markup};

use super::{abridged, Page, Stance};
use crate::check::Checked;
use crate::extract::Mention;
use crate::kinds::extent::{extents, Edge};
use crate::kinds::{format_number, Value};
use crate::model::time::DAY;
use crate::model::{FindingKind, MentionId};
use crate::report::human::value_label;
use crate::report::json::iso_minute;

/// The drawing's size and margins, in SVG units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 34.0;
/// The width of the lane of figures whose time is unknown.
const LANE: f64 = 56.0;
/// How far apart marks at one place are spread, so that each stays visible.
const SPREAD: f64 = 8.0;

/// What the y axis counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Axis {
    /// Numbers of things.
    Count,
    /// Days since 1970-01-01.
    Day,
}

/// One mention as the chart draws it.
struct Point<'m> {
    mention: &'m Mention,
    stance: Stance,
    /// The middle minute of its as-of time.
    time: Option<i64>,
    /// The interval the value allows (infinite for an open end).
    low: f64,
    high: f64,
    /// The figure stated, where the mark goes.
    value: f64,
}

/// The chart of claim `claim`, or `None` when none of its values lies on an axis (polarity, term and quote claims;
/// dates without a year).
pub(super) fn chart(page: &Page, claim: usize) -> Option<Markup> {
    let checked = page.checked;
    let mentions: Vec<&Mention> = page.mentions.iter().filter(|m| m.claim == claim).collect();
    let axis = mentions.iter().find_map(|m| axis_of(&m.value))?;
    let points: Vec<Point> = mentions
        .iter()
        .filter_map(|m| point(m, axis, page))
        .collect();
    if points.is_empty() {
        return None;
    }
    let frame = Frame::new(&points, axis);
    let xs = spread(&points, &frame);
    let left_out = mentions.len() - points.len();
    let caption_id = format!("timeline-{claim}");
    Some(html! {
        figure.timeline {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby=(caption_id) {
                (frame.axes())
                (clashes(checked, claim, &points, &xs))
                (changes(checked, claim, &points, &xs, &frame))
                @for (point, x) in points.iter().zip(&xs) {
                    (mark(checked, point, *x, &frame))
                }
            }
            figcaption id=(caption_id) {
                (points.len()) " mentions by as-of time"
                @if frame.unknown_lane { ", those of unknown time on the left" }
                @if left_out > 0 { "; " (left_out) " not drawn (no year or not resolved)" }
                ". Bars span what a figure allows (dashed when open-ended); ● agrees, ■ updates, ✗ conflicts"
                @if points.iter().any(|p| p.stance == Stance::Undated) {
                    ", ○ undated (compared only within its source)"
                }
                "; "
                "a shaded band spans the mentions of a conflict, a line joins the figures of a change over time."
            }
            (figures(checked, &points))
        }
    })
}

/// How many figures the table under a chart lists; the sources list every mention.
const TABLE_ROWS: usize = 200;

/// The chart's figures as a table, in time order, for those who cannot see the chart (closed until opened).
fn figures(checked: &Checked, points: &[Point]) -> Markup {
    let mut order: Vec<&Point> = points.iter().collect();
    order.sort_by_key(|p| (p.time, p.mention.id));
    html! {
        details.figures {
            summary { "The figures as a table" }
            table {
                thead { tr { th { "Figure · as of · source" } th { "Stance" } } }
                tbody {
                    @for point in order.iter().take(TABLE_ROWS) {
                        tr {
                            td {
                                a href=(format!("#m{}", point.mention.id)) {
                                    (value_label(point.mention, &checked.sources[point.mention.source]))
                                }
                            }
                            td { (point.stance.icon()) " " (point.stance.word()) }
                        }
                    }
                }
            }
            @if order.len() > TABLE_ROWS {
                p.meta { "and " (order.len() - TABLE_ROWS) " more, in the sources below" }
            }
        }
    }
}

/// The axis a value lies on.
fn axis_of(value: &Value) -> Option<Axis> {
    match value {
        Value::Quantity { .. } => Some(Axis::Count),
        Value::Date(Ok(_)) => Some(Axis::Day),
        _ => None,
    }
}

/// A mention as a point of the chart: `None` when its value has no extent on the axis.
fn point<'m>(mention: &'m Mention, axis: Axis, page: &Page) -> Option<Point<'m>> {
    if axis_of(&mention.value) != Some(axis) {
        return None;
    }
    let [Some(extent), _] = extents(&mention.value) else {
        return None;
    };
    let at = |edge: Edge, beyond: f64| match edge {
        Edge::At { value, .. } => value,
        Edge::Bottom => f64::NEG_INFINITY,
        Edge::Top => beyond,
    };
    let (low, high) = (
        at(extent.lower, f64::NEG_INFINITY),
        at(extent.upper, f64::INFINITY),
    );
    if low > high {
        return None;
    }
    let value = match &mention.value {
        Value::Quantity { quantity, .. } => quantity.value,
        _ => low + (high - low) / 2.0,
    };
    Some(Point {
        mention,
        stance: page.stance(mention.id),
        time: mention.time.map(|t| t.midpoint()),
        low,
        high,
        value,
    })
}

/// Where things go: the domains of both axes and the drawing's plot area.
struct Frame {
    axis: Axis,
    /// The earliest and latest minute shown.
    times: (f64, f64),
    /// The lowest and highest value shown.
    values: (f64, f64),
    /// True when some figure's time is unknown: a lane on the left holds them.
    unknown_lane: bool,
}

impl Frame {
    fn new(points: &[Point], axis: Axis) -> Frame {
        let times: Vec<f64> = points
            .iter()
            .filter_map(|p| p.time.map(|t| t as f64))
            .collect();
        let finite: Vec<f64> = points
            .iter()
            .flat_map(|p| [p.low, p.high, p.value])
            .filter(|v| v.is_finite())
            .collect();
        let least_step = match axis {
            Axis::Count => 1.0,
            Axis::Day => 3.0,
        };
        let mut values = padded(&finite, least_step);
        if axis == Axis::Count && finite.iter().all(|v| *v >= 0.0) {
            values.0 = values.0.max(0.0);
        }
        Frame {
            axis,
            times: padded(&times, DAY as f64),
            values,
            unknown_lane: points.iter().any(|p| p.time.is_none()),
        }
    }

    /// Where the plot of known times begins.
    fn plot_left(&self) -> f64 {
        if self.unknown_lane {
            LEFT + LANE
        } else {
            LEFT
        }
    }

    /// The x of a minute, or of the unknown lane.
    fn x(&self, time: Option<i64>) -> f64 {
        match time {
            None => LEFT + LANE / 2.0,
            Some(t) => {
                let (from, to) = self.times;
                let left = self.plot_left() + 12.0;
                left + (t as f64 - from) / (to - from) * (WIDTH - RIGHT - 12.0 - left)
            }
        }
    }

    /// The y of a value, kept within the plot (an open end reaches its edge).
    fn y(&self, value: f64) -> f64 {
        let (low, high) = self.values;
        let share = ((value - low) / (high - low)).clamp(0.0, 1.0);
        HEIGHT - BOTTOM - share * (HEIGHT - BOTTOM - TOP)
    }

    /// Axes, grid lines and tick labels.
    fn axes(&self) -> Markup {
        let (from, to) = self.times;
        let day_ticks = ticks(from / DAY as f64, to / DAY as f64, 5, 1.0);
        let value_ticks = ticks(self.values.0, self.values.1, 5, 1.0);
        let bottom = HEIGHT - BOTTOM;
        html! {
            g {
                @for value in &value_ticks {
                    @let y = self.y(*value);
                    line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(r(y)) y2=(r(y)) {}
                    text x=(LEFT - 6.0) y=(r(y + 4.0)) text-anchor="end" { (self.value_label(*value)) }
                }
                @for (day, x) in day_ticks.iter().map(|d| (d, self.x(Some((d * DAY as f64) as i64)))).filter(|(_, x)| self.labelled(*x)) {
                    line.axis x1=(r(x)) x2=(r(x)) y1=(bottom) y2=(bottom + 4.0) {}
                    text x=(r(x)) y=(bottom + 16.0) text-anchor="middle" { (day_label((*day * DAY as f64) as i64)) }
                }
                @if self.unknown_lane {
                    rect.unknown x=(LEFT) y=(TOP) width=(LANE) height=(bottom - TOP) {}
                    text x=(LEFT + LANE / 2.0) y=(bottom + 16.0) text-anchor="middle" { "unknown" }
                }
                line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(bottom) y2=(bottom) {}
                line.axis x1=(LEFT) x2=(LEFT) y1=(TOP) y2=(bottom) {}
                text x=(WIDTH - RIGHT) y=(HEIGHT - 4.0) text-anchor="end" { "as of" }
            }
        }
    }

    /// True when a day's label at `x` stays clear of the lane of unknown times and of the right edge.
    fn labelled(&self, x: f64) -> bool {
        x >= self.plot_left() + 28.0 && x <= WIDTH - RIGHT - 30.0
    }

    /// A tick's label: a number, or a day.
    fn value_label(&self, value: f64) -> String {
        match self.axis {
            Axis::Count => format_number(value),
            Axis::Day => day_label((value.round() as i64) * DAY),
        }
    }
}

/// The day of a minute number as a tick label ("2024-05-20"); empty beyond the calendar (a padded axis may reach past
/// 9999-12-31).
fn day_label(minute: i64) -> String {
    let iso = iso_minute(minute);
    iso.split('T').next().unwrap_or_default().to_string()
}

/// The least and greatest of `values` with a margin, at least `least` apart; (0, 1) when there are none.
fn padded(values: &[f64], least: f64) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    let margin = ((high - low) * 0.08).max(least / 2.0);
    (low - margin, high + margin)
}

/// Round tick values between `from` and `to`, about `count` of them, on multiples of 1, 2 or 5 times a power of
/// ten, no finer than `least`.
fn ticks(from: f64, to: f64, count: usize, least: f64) -> Vec<f64> {
    let rough = ((to - from) / count as f64).max(least);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let mut ticks = Vec::new();
    let mut tick = (from / step).ceil() * step;
    while tick <= to && ticks.len() <= 2 * count {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

/// An SVG coordinate with one decimal, so that the bytes do not depend on float noise.
fn r(value: f64) -> String {
    format!("{value:.1}")
}

/// The x of every point, marks at one place spread sideways in corpus order.
fn spread(points: &[Point], frame: &Frame) -> Vec<f64> {
    let base: Vec<f64> = points.iter().map(|p| frame.x(p.time)).collect();
    let mut seen: Vec<(i64, usize)> = Vec::new();
    base.iter()
        .map(|&x| {
            let bucket = (x / SPREAD).round() as i64;
            let nth = match seen.iter_mut().find(|(b, _)| *b == bucket) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((bucket, 0));
                    0
                }
            };
            let side = if nth % 2 == 1 { 1.0 } else { -1.0 };
            x + side * nth.div_ceil(2) as f64 * SPREAD * 0.75
        })
        .collect()
}

/// The mark of one mention: its bar, a sign for its stance, a link to the mention and its label as a tooltip.
fn mark(checked: &Checked, point: &Point, x: f64, frame: &Frame) -> Markup {
    let mention = point.mention;
    let label = value_label(mention, &checked.sources[mention.source]);
    let (top, bottom) = (frame.y(point.high), frame.y(point.low));
    let (y, x) = (frame.y(point.value), x);
    let open_top = !point.high.is_finite() || point.high > frame.values.1;
    let open_bottom = !point.low.is_finite() || point.low < frame.values.0;
    html! {
        a href=(format!("#m{}", mention.id)) class=(point.stance.class()) {
            title { (point.stance.word()) ": " (label) }
            line class=(if open_top || open_bottom { "bar open" } else { "bar" })
                x1=(r(x)) x2=(r(x)) y1=(r(top)) y2=(r(bottom)) {}
            @match point.stance {
                Stance::Undated => circle.bar cx=(r(x)) cy=(r(y)) r="4" {},
                Stance::Agrees => circle.dot cx=(r(x)) cy=(r(y)) r="4" {},
                Stance::Updates => rect.dot x=(r(x - 4.0)) y=(r(y - 4.0)) width="8" height="8" {},
                Stance::Conflicts => path.bar d=(format!("M{} {}l8 8m0 -8l-8 8", r(x - 4.0), r(y - 4.0))) {},
            }
        }
    }
}

/// A shaded band over the mentions of each conflict of the claim.
fn clashes(checked: &Checked, claim: usize, points: &[Point], xs: &[f64]) -> Markup {
    let bands: Vec<(f64, f64, std::borrow::Cow<str>)> = checked
        .findings
        .iter()
        .filter(|f| f.claim == claim && f.kind == FindingKind::Conflict)
        .filter_map(|finding| {
            let xs: Vec<f64> = points
                .iter()
                .zip(xs)
                .filter(|(p, _)| finding.mentions.contains(&MentionId::new(p.mention.id)))
                .map(|(_, x)| *x)
                .collect();
            let low = xs.iter().copied().fold(f64::INFINITY, f64::min);
            let high = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (low <= high).then_some((low - 9.0, high + 9.0, abridged(&finding.message)))
        })
        .collect();
    html! {
        @for (low, high, message) in bands {
            g {
                title { (message) }
                rect.clash x=(r(low)) y=(TOP) width=(r(high - low)) height=(HEIGHT - BOTTOM - TOP) {}
                text x=(r(low + 2.0)) y=(TOP - 6.0) { "✗ conflict" }
            }
        }
    }
}

/// A line through the points of each change over time of the claim, in time order (a change's sides are the points
/// of its timeline).
fn changes(checked: &Checked, claim: usize, points: &[Point], xs: &[f64], frame: &Frame) -> Markup {
    let lines: Vec<(String, std::borrow::Cow<str>)> = checked
        .findings
        .iter()
        .filter(|f| f.claim == claim && f.kind == FindingKind::Change)
        .map(|finding| {
            let vertices: Vec<String> = finding
                .sides
                .iter()
                .filter_map(|side| {
                    let members: Vec<(&Point, f64)> = points
                        .iter()
                        .zip(xs)
                        .filter(|(p, _)| side.contains(&MentionId::new(p.mention.id)))
                        .map(|(p, x)| (p, *x))
                        .collect();
                    let n = members.len() as f64;
                    (n > 0.0).then(|| {
                        let x = members.iter().map(|(_, x)| x).sum::<f64>() / n;
                        let value = members.iter().map(|(p, _)| p.value).sum::<f64>() / n;
                        format!("{},{}", r(x), r(frame.y(value)))
                    })
                })
                .collect();
            (vertices.join(" "), abridged(&finding.message))
        })
        .collect();
    html! {
        @for (vertices, message) in lines {
            polyline.joined points=(vertices) { title { (message) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_label_beyond_the_calendar_is_empty_not_a_panic() {
        assert_eq!(day_label(0), "1970-01-01");
        assert_eq!(day_label(20_000 * DAY + 90), "2024-10-04");
        assert_eq!(day_label(3_000_000 * DAY), "");
    }

    #[test]
    fn ticks_fall_on_round_values() {
        assert_eq!(
            ticks(0.0, 1000.0, 5, 1.0),
            [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
        );
        assert_eq!(ticks(3.2, 7.9, 5, 1.0), [4.0, 5.0, 6.0, 7.0]);
        assert_eq!(ticks(0.0, 0.5, 5, 1.0), [0.0]);
    }

    #[test]
    fn a_single_value_gets_room_around_it() {
        assert_eq!(padded(&[1000.0], 1.0), (999.5, 1000.5));
        assert_eq!(padded(&[], 1.0), (0.0, 1.0));
        let (low, high) = padded(&[0.0, 100.0], 1.0);
        assert!(low < 0.0 && high > 100.0);
    }
}
