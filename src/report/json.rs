//! The JSON report: one document, versioned, whose shape is documented in the README ("JSON output").
//! Fields are only ever added within a version; a change of meaning bumps `version`.

use std::io::Write;

use serde::Serialize;

use crate::check::Checked;
use crate::extract::Mention;
use crate::kinds::date::{DateQualifier, DateRange};
use crate::kinds::quantity::{Qualifier, Quantity, Revision};
use crate::kinds::quote::QuoteValue;
use crate::kinds::term::TermValue;
use crate::kinds::Value;
use crate::model::time::{TimeSpan, Trend, DAY};
use crate::model::{Finding, FindingKind, MentionId, Polarity, Severity, Warning};
use crate::rules::RuleSet;

/// The version of the document's shape.
pub const JSON_VERSION: u32 = 2;

/// The document, with its lists produced while they are written: a report of a million mentions is never held
/// in memory twice.
#[derive(Serialize)]
#[serde(bound(
    serialize = "Lazy<S>: Serialize, Lazy<M>: Serialize, Lazy<F>: Serialize, Lazy<W>: Serialize"
))]
struct Document<S, M, F, W> {
    version: u32,
    claims: Vec<ClaimEntry>,
    sources: Lazy<S>,
    mentions: Lazy<M>,
    findings: Lazy<F>,
    warnings: Lazy<W>,
}

/// A list that serializes the items of an iterator as they come.
struct Lazy<I>(std::cell::RefCell<Option<I>>);

impl<I> Lazy<I> {
    fn new(items: I) -> Lazy<I> {
        Lazy(std::cell::RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Lazy<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        serializer.collect_seq(items.into_iter().flatten())
    }
}

#[derive(Serialize)]
struct SourceEntry<'a> {
    path: &'a str,
    name: &'a str,
    outlet: Option<&'a str>,
    published: Option<String>,
    /// Why the publication date was inferred from the text; null when a manifest or front matter states it.
    published_inferred: Option<&'a str>,
}

#[derive(Serialize)]
struct MentionEntry<'a> {
    id: usize,
    claim: &'a str,
    source: &'a str,
    /// The page, in a paged document (a PDF); absent elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    line: u32,
    column: u32,
    offset: usize,
    length: usize,
    text: String,
    value: ValueEntry,
    /// When the value holds, to the minute; null when unknown.
    time: Option<TimeEntry>,
    /// The part of the whole the mention counts (a claim's `scope` entry); absent for the whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ValueEntry {
    Quantity {
        value: f64,
        qualifier: Qualifier,
        min: f64,
        max: Option<f64>,
        min_inclusive: bool,
        max_inclusive: bool,
        as_of: Option<String>,
        revision: Revision,
    },
    Date {
        start: Option<String>,
        end: Option<String>,
        qualifier: Option<DateQualifier>,
        unresolved: Option<String>,
    },
    Polarity {
        polarity: Polarity,
    },
    Term(TermValue),
    Quote(QuoteValue),
}

/// What a reader needs of a claim to draw its timeline: how it treats time.
#[derive(Serialize)]
struct ClaimEntry {
    id: String,
    kind: &'static str,
    /// `rising`, `falling` or null.
    trend: Option<Trend>,
    /// The window in minutes, or null when the claim ignores time.
    window_minutes: Option<i64>,
}

#[derive(Serialize)]
struct TimeEntry {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct FindingEntry<'a> {
    claim: &'a str,
    kind: FindingKind,
    severity: Severity,
    message: &'a str,
    mentions: &'a [MentionId],
    sides: &'a [Vec<MentionId>],
    compatible: &'a [MentionId],
    /// Only when the lists above hold the first of their mentions: how many each stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    totals: Option<TotalsEntry<'a>>,
}

/// How many mentions the lists of a shortened finding stand for.
#[derive(Serialize)]
struct TotalsEntry<'a> {
    mentions: usize,
    sides: &'a [usize],
    compatible: usize,
}

#[derive(Serialize)]
struct WarningEntry<'a> {
    source: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

/// Renders the whole check as a pretty-printed JSON document followed by a newline.
pub fn render(checked: &Checked, rules: &RuleSet) -> String {
    let mut bytes = Vec::new();
    match write(checked, rules, &mut bytes) {
        Ok(()) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Writes the whole check to `out` as a pretty-printed JSON document followed by a newline, entry by entry. When
/// the mentions' places cannot be read back ([`crate::check::Mentions::read_back`]), the mentions stop at the
/// failure and the error is returned before the final newline: the document is cut short, never wrong.
pub fn write(checked: &Checked, rules: &RuleSet, out: &mut dyn Write) -> std::io::Result<()> {
    let document = Document {
        version: JSON_VERSION,
        claims: rules
            .claims
            .iter()
            .map(|claim| ClaimEntry {
                id: claim.id.clone(),
                kind: claim.kind.name(),
                trend: claim.timing.trend,
                window_minutes: claim.timing.window(),
            })
            .collect(),
        sources: Lazy::new(checked.sources.iter().map(|s| SourceEntry {
            path: &s.path,
            name: &s.name,
            outlet: s.outlet.as_deref(),
            published: s.published.map(|d| d.to_string()),
            published_inferred: s.published_inferred.as_deref(),
        })),
        mentions: Lazy::new(
            checked
                .mentions
                .iter()
                .take_while(|_| checked.mentions.read_back().is_ok())
                .map(|m| mention_entry(checked, rules, m)),
        ),
        findings: Lazy::new(checked.findings.iter().map(|f| finding_entry(rules, f))),
        warnings: Lazy::new(checked.warnings.iter().map(warning_entry)),
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &document)?;
    checked.mentions.read_back()?;
    out.write_all(b"\n")?;
    out.flush()
}

fn mention_entry<'a>(
    checked: &'a Checked,
    rules: &'a RuleSet,
    mention: Mention,
) -> MentionEntry<'a> {
    MentionEntry {
        id: mention.id,
        claim: &rules.claims[mention.claim].id,
        source: &checked.sources[mention.source].path,
        page: mention.start.page,
        line: mention.start.line,
        column: mention.start.column,
        offset: mention.span.start,
        length: mention.span.len(),
        text: mention.text.to_string(),
        value: value_entry(&mention.value),
        time: mention.time.map(time_entry),
        scope: mention.scope,
    }
}

fn value_entry(value: &Value) -> ValueEntry {
    match value {
        Value::Quantity {
            quantity,
            as_of,
            revision,
        } => quantity_entry(quantity, as_of.as_ref(), *revision),
        Value::Date(Ok(range)) => ValueEntry::Date {
            start: Some(range.start.iso()),
            end: Some(range.end.iso()),
            qualifier: range.qualifier,
            unresolved: None,
        },
        Value::Date(Err(reason)) => ValueEntry::Date {
            start: None,
            end: None,
            qualifier: None,
            unresolved: Some(reason.to_string()),
        },
        Value::Polarity(polarity) => ValueEntry::Polarity {
            polarity: *polarity,
        },
        Value::Term(term) => ValueEntry::Term(term.as_ref().clone()),
        Value::Quote(quote) => ValueEntry::Quote(quote.as_ref().clone()),
    }
}

fn quantity_entry(
    quantity: &Quantity,
    as_of: Option<&DateRange>,
    revision: Revision,
) -> ValueEntry {
    let interval = quantity.interval;
    ValueEntry::Quantity {
        value: quantity.value,
        qualifier: quantity.qualifier,
        min: interval.min.value,
        max: interval.max.value.is_finite().then_some(interval.max.value),
        min_inclusive: interval.min.inclusive,
        max_inclusive: interval.max.inclusive,
        as_of: as_of.map(iso_interval),
        revision,
    }
}

/// A time span as ISO 8601 minutes, its end excluded: `{"start": "2025-03-15T08:00", "end": "2025-03-15T08:01"}`.
fn time_entry(span: TimeSpan) -> TimeEntry {
    TimeEntry {
        start: iso_minute(span.start),
        end: iso_minute(span.end),
    }
}

/// "2025-03-15T08:00" for a minute number.
pub fn iso_minute(minute: i64) -> String {
    let day = minute.div_euclid(DAY);
    let of_day = minute.rem_euclid(DAY);
    let date = jiff::civil::Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .map(|d| d.to_string())
        .unwrap_or_default();
    format!("{date}T{:02}:{:02}", of_day / 60, of_day % 60)
}

/// A single day ("2024-05-20") or an ISO 8601 interval of days ("2023-01-01/2023-12-31").
pub fn iso_interval(range: &DateRange) -> String {
    if range.start == range.end {
        range.start.iso()
    } else {
        format!("{}/{}", range.start.iso(), range.end.iso())
    }
}

fn finding_entry<'a>(rules: &'a RuleSet, finding: &'a Finding) -> FindingEntry<'a> {
    FindingEntry {
        claim: &rules.claims[finding.claim].id,
        kind: finding.kind,
        severity: finding.severity,
        message: &finding.message,
        mentions: &finding.mentions,
        sides: &finding.sides,
        compatible: &finding.compatible,
        totals: finding.totals.as_ref().map(|t| TotalsEntry {
            mentions: t.mentions,
            sides: &t.sides,
            compatible: t.compatible,
        }),
    }
}

fn warning_entry(warning: &Warning) -> WarningEntry<'_> {
    let place = warning.place.as_ref().map(|(_, position)| position);
    WarningEntry {
        source: &warning.path,
        line: place.map(|p| p.line),
        column: place.map(|p| p.column),
        message: &warning.message,
    }
}
