//! The YAML shape of rule files (from which the JSON Schema is generated), and its reading into claims: fields
//! checked against the claim's kind and handed to the kinds' registry.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};

use super::error::{yaml_error, RuleError, RuleFileText};
use super::locate;
use super::pattern::{Pattern, SentencePattern, ValuePattern};
use super::{Claim, Example, Expectation};
use crate::kinds::date::parse_publication_date;
use crate::kinds::quantity::Qualifier;
use crate::kinds::words::{ClaimMode, WordFields};
use crate::kinds::{ConfusableFields, KindFields, KindName};
use crate::model::time::{Timing, Trend};
use crate::model::Severity;
use crate::yaml;

/// The claims of one file, each with the offset of its `id:` in the YAML (where duplicate-id errors point).
pub(super) type LocatedClaims = (RuleFileText, Vec<(Claim, usize)>);

/// Parses the text of one rule file.
pub(super) fn parse_file(path: &Path, text: &str) -> Result<LocatedClaims, Vec<RuleError>> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(vec![RuleError::file(
            path,
            "empty rule file: it should hold a list of claims under `claims:`".into(),
        )]);
    }
    let file = RuleFileText::new(path, Arc::from(text));
    let spec: RuleFileSpec = match yaml::from_str(&file.text) {
        Ok(spec) => spec,
        Err(e) => return Err(vec![yaml_error(&file, &e)]),
    };
    let mut claims = Vec::new();
    let mut errors = Vec::new();
    let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
    for spec in spec.claims {
        let seen = occurrences.entry(spec.id.0.clone()).or_default();
        let offset = locate::id_line(&file.text, &spec.id.0, *seen).unwrap_or(0);
        *seen += 1;
        match spec.into_claim(&file, offset) {
            Ok(claim) => claims.push((claim, offset)),
            Err(problem) => errors.push(problem.into_error(&file, offset)),
        }
    }
    if errors.is_empty() {
        Ok((file, claims))
    } else {
        Err(errors)
    }
}

/// The YAML shape of a rule file.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "factlint rules",
    description = "Claims that factlint tracks across a corpus of reports."
)]
pub(super) struct RuleFileSpec {
    /// The claims to track.
    claims: Vec<ClaimSpec>,
}

/// The YAML shape of one claim, before the fields are checked against its kind.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A claim to track: quantity claims take `counts` (in words) or `patterns`, date claims `event` or `deadline_for` (in words) or `patterns`, polarity claims `subject`, `predicate` and `object` (in words) or `affirm` and `deny`, term claims `canonical`, quote claims an optional `quote`."
)]
pub(super) struct ClaimSpec {
    /// Unique across all rule files; a-z, 0-9, '-', '_' and '.'.
    id: ClaimId,
    /// What the claim is, for people.
    title: String,
    /// What the claim tracks.
    kind: KindName,
    /// The level of a conflict on this claim.
    #[serde(default = "default_severity")]
    severity: Severity,
    /// What a reader should check when the claim conflicts.
    help: Option<String>,
    /// A page that explains the claim (its sources, how to settle it): editors link a diagnostic's code to it.
    link: Option<String>,
    /// quantity and date claims: patterns that capture the phrase to normalise in group `value`.
    #[serde(default)]
    patterns: Vec<ValuePattern>,
    /// polarity claims: wordings that assert the proposition.
    #[serde(default)]
    affirm: Vec<Pattern>,
    /// polarity claims: wordings that negate it.
    #[serde(default)]
    deny: Vec<Pattern>,
    /// A match counts only if its sentence matches one of these.
    #[serde(default)]
    context: Vec<SentencePattern>,
    /// A match whose sentence matches any of these is dropped.
    #[serde(default)]
    unless: Vec<SentencePattern>,
    /// quantity claims: how far approximate figures stretch ("10%" or 0.1; default 10%).
    tolerance: Option<Fraction>,
    /// quantity claims: how far a bare figure stretches (default 0%).
    exact_tolerance: Option<Fraction>,
    /// quantity, date and polarity claims: mentions whose as-of times lie further apart are ordered in time (a
    /// change, or a conflict against the trend), not compared as of one moment ("180 days", "6 hours", "0 days").
    window: Option<Window>,
    /// quantity claims: the only direction the figure moves over time; a later figure that goes the other way
    /// conflicts, and marked revisions ("has risen to") at one time are changes.
    trend: Option<Trend>,
    /// quantity claims: `approximate` (the default) reads a bare round figure as rounded ("3,100" as 3,050 to
    /// 3,149); `exact` reads it as written.
    round_figures: Option<Rounding>,
    /// Sentences that must produce a mention of this claim (checked by `factlint test`).
    #[serde(default)]
    examples: Vec<ExampleSpec>,
    /// Sentences that must produce no mention of this claim (checked by `factlint test`).
    #[serde(default)]
    counterexamples: Vec<String>,
    /// term claims: the name as it should be written.
    canonical: Option<String>,
    /// term claims: other forms of the name that are right (an acronym, a translation).
    #[serde(default)]
    accepted: Vec<String>,
    /// term claims: wordings that are wrong in the sentences their `context` describes.
    #[serde(default)]
    confusables: Vec<ConfusableSpec>,
    /// term and quote claims: how alike two wordings must be (word-level ratio, "60%" or 0.6) to be a near miss of
    /// a name (default 60%) or the same quotation (default 70%).
    similarity: Option<Fraction>,
    /// quote claims: the quotation to pin, in its exact words; without it, every quotation of the corpus is watched.
    quote: Option<String>,
    /// quote claims, with `quote`: who said it.
    speaker: Option<String>,
    /// quantity claims in words: what is counted ("troop", "service member"); inflections match too. A figure
    /// needs one of these within a few words on either side.
    #[serde(default)]
    counts: Vec<String>,
    /// Claims in words: one of these must stand in the clause of the figure or event (or within `near` words):
    /// whose figure or event it is ("US", "U.S.", "Pentagon"). An entry in capitals ("US") matches only capitals.
    #[serde(default)]
    of: Vec<String>,
    /// Claims in words: a figure or event whose clause names one of these is another's ("French", "Chad").
    #[serde(default)]
    not_of: Vec<String>,
    /// Claims in words: a figure or event whose clause holds one of these is dropped ("killed", "ambush"); unlike
    /// `unless`, the rest of the sentence is kept.
    #[serde(default)]
    unless_near: Vec<String>,
    /// Claims in words: words that make a mention a part of the whole ("remaining", "at Air Base 101"); it is
    /// reconciled only with mentions of the same scope.
    #[serde(default)]
    scope: Vec<String>,
    /// Claims in words: `of` may also stand within this many words of the figure or event, outside its clause.
    near: Option<usize>,
    /// quantity claims in words: the unit the figure must carry, a symbol before it or a word on either side ("$",
    /// "dollar", "USD", "km"); a figure without one is not a mention. Without `unit`, a figure that measures
    /// something ("920 km", "15%") is never a count.
    #[serde(default)]
    unit: Vec<String>,
    /// quantity claims in words: words before a figure that mean "more than" ("crossed", "topped").
    #[serde(default)]
    more_than: Vec<String>,
    /// quantity claims in words: words before a figure that mean "less than" ("fell below").
    #[serde(default)]
    less_than: Vec<String>,
    /// quantity claims in words: words before a figure that mean "about" ("in the region of").
    #[serde(default)]
    about: Vec<String>,
    /// quantity claims in words: words before a figure that mean "nearly" ("approaching").
    #[serde(default)]
    nearly: Vec<String>,
    /// quantity claims in words: words before a figure that mean "at least" ("a minimum of").
    #[serde(default)]
    at_least: Vec<String>,
    /// quantity claims in words: words before a figure that mean "up to" ("a maximum of").
    #[serde(default)]
    up_to: Vec<String>,
    /// date claims in words: the event's verb or noun ("terminate" also finds "terminated", "termination"); the
    /// value is the date phrase that governs its clause.
    #[serde(default)]
    event: Vec<String>,
    /// date claims in words: events whose deadline is the value; only "by", "until" or "no later than" a date binds
    /// to them ("must leave by Sept. 15").
    #[serde(default)]
    deadline_for: Vec<String>,
    /// date and polarity claims in words: what the event or predicate is done to, in the same clause
    /// ("agreement", "relationship").
    #[serde(default)]
    object: Vec<String>,
    /// polarity claims in words: the proposition's subject ("withdrawal").
    #[serde(default)]
    subject: Vec<String>,
    /// polarity claims in words: predicates that affirm the proposition ("end", "mark the end of"); negated, they
    /// deny it.
    #[serde(default)]
    predicate: Vec<String>,
    /// polarity claims in words: predicates whose plain use denies the proposition ("continue"); negated, they
    /// affirm it.
    #[serde(default)]
    deny_with: Vec<String>,
    /// Claims in words: which mentions count by how the sentence reports them. `done`: only what is reported as
    /// done, in a past or perfect tense or with "so far" ("62 hostages have been released", "completed its
    /// withdrawal"), never a plan. `planned`: what is planned, agreed, expected or conditional ("50 hostages would
    /// be released", "the withdrawal will be complete by"), never what is reported as done; a sentence without a
    /// tense ("the deal's release of 50 hostages") counts. `any` (the default): both.
    mode: Option<ModeSpec>,
}

/// A sentence that must produce a mention.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleSpec {
    /// The sentence.
    text: String,
    /// The value every mention must have, written as reports show it ("less than 1,000", "2024-09-15 (deadline)",
    /// "denies"). Without it, any mention passes.
    value: Option<String>,
    /// The publication date that anchors relative dates in the sentence ("20.05.2024", "May 14, 2024").
    published: Option<PublishedDate>,
}

/// The YAML shape of a term claim's confusable: a wording, and the sentences where it is wrong.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfusableSpec {
    /// The wrong wording, matched as whole words in any case ("Nigeria" also matches "Nigeria's").
    wording: String,
    /// The wording is wrong only in sentences that match one of these.
    #[serde(default)]
    context: Vec<SentencePattern>,
    /// The wording is not wrong in sentences that match any of these.
    #[serde(default)]
    unless: Vec<SentencePattern>,
}

/// Which mentions a claim in words takes by how the sentence reports them.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum ModeSpec {
    /// Reported as done: a past or perfect tense, "so far", "already".
    Done,
    /// Not reported as done: planned, agreed, expected, conditional, or without a tense.
    Planned,
    /// Either.
    Any,
}

impl ModeSpec {
    fn claim_mode(self) -> ClaimMode {
        match self {
            ModeSpec::Done => ClaimMode::Done,
            ModeSpec::Planned => ClaimMode::Planned,
            ModeSpec::Any => ClaimMode::Any,
        }
    }
}

/// How a quantity claim reads a bare round figure.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Rounding {
    /// "3,100" is 3,050 to 3,149: newsrooms round.
    Approximate,
    /// "3,100" is 3,100 (give or take `exact_tolerance`).
    Exact,
}

pub(super) fn default_severity() -> Severity {
    Severity::Error
}

/// A claim whose fields do not fit its kind: the field to point at and what is wrong.
pub(super) struct ClaimProblem {
    field: &'static str,
    message: String,
}

impl ClaimProblem {
    fn into_error(self, file: &RuleFileText, id_offset: usize) -> RuleError {
        let offset = locate::key_in_claim(&file.text, id_offset, self.field).unwrap_or(id_offset);
        file.error(offset, self.message, "in this claim", None)
    }
}

impl ClaimSpec {
    fn into_claim(self, file: &RuleFileText, id_offset: usize) -> Result<Claim, ClaimProblem> {
        self.check_fields()?;
        let examples = examples(file, id_offset, self.examples, self.counterexamples);
        let entry = self.kind.entry();
        let fields = KindFields {
            patterns: self.patterns.into_iter().map(|p| p.0 .0).collect(),
            affirm: self.affirm.into_iter().map(|p| p.0).collect(),
            deny: self.deny.into_iter().map(|p| p.0).collect(),
            tolerance: self.tolerance.map(|f| f.0),
            exact_tolerance: self.exact_tolerance.map(|f| f.0),
            round_figures: self.round_figures.map(|r| r == Rounding::Approximate),
            canonical: self.canonical,
            accepted: self.accepted,
            confusables: self
                .confusables
                .into_iter()
                .map(|c| ConfusableFields {
                    wording: c.wording,
                    context: regexes(c.context),
                    unless: regexes(c.unless),
                })
                .collect(),
            similarity: self.similarity.map(|f| f.0),
            quote: self.quote,
            speaker: self.speaker,
            words: WordFields {
                counts: self.counts,
                of: self.of,
                not_of: self.not_of,
                unless_near: self.unless_near,
                scope: self.scope,
                near: self.near,
                unit: self.unit,
                qualifiers: vec![
                    (Qualifier::MoreThan, self.more_than),
                    (Qualifier::LessThan, self.less_than),
                    (Qualifier::About, self.about),
                    (Qualifier::Nearly, self.nearly),
                    (Qualifier::AtLeast, self.at_least),
                    (Qualifier::UpTo, self.up_to),
                ],
                event: self.event,
                deadline_for: self.deadline_for,
                object: self.object,
                subject: self.subject,
                predicate: self.predicate,
                deny_with: self.deny_with,
                mode: self.mode.map_or(ClaimMode::Any, ModeSpec::claim_mode),
            },
        };
        let kind = (entry.build)(fields).map_err(|p| ClaimProblem {
            field: p.field,
            message: p.message,
        })?;
        Ok(Claim {
            id: self.id.0,
            title: self.title,
            severity: self.severity,
            help: self.help,
            link: self.link,
            kind,
            context: regexes(self.context),
            unless: regexes(self.unless),
            examples,
            origin: file.origin(id_offset),
            timing: Timing {
                window: self.window.map(|w| w.0),
                trend: self.trend,
            },
        })
    }

    /// Each kind takes some fields and refuses others, so that a misplaced field is never silently ignored.
    fn check_fields(&self) -> Result<(), ClaimProblem> {
        let entry = self.kind.entry();
        let kind = entry.name;
        let present = [
            ("patterns", !self.patterns.is_empty()),
            ("affirm", !self.affirm.is_empty()),
            ("deny", !self.deny.is_empty()),
            ("tolerance", self.tolerance.is_some()),
            ("exact_tolerance", self.exact_tolerance.is_some()),
            ("window", self.window.is_some()),
            ("trend", self.trend.is_some()),
            ("round_figures", self.round_figures.is_some()),
            ("canonical", self.canonical.is_some()),
            ("accepted", !self.accepted.is_empty()),
            ("confusables", !self.confusables.is_empty()),
            ("similarity", self.similarity.is_some()),
            ("quote", self.quote.is_some()),
            ("speaker", self.speaker.is_some()),
            ("counts", !self.counts.is_empty()),
            ("of", !self.of.is_empty()),
            ("not_of", !self.not_of.is_empty()),
            ("unless_near", !self.unless_near.is_empty()),
            ("scope", !self.scope.is_empty()),
            ("near", self.near.is_some()),
            ("unit", !self.unit.is_empty()),
            ("more_than", !self.more_than.is_empty()),
            ("less_than", !self.less_than.is_empty()),
            ("about", !self.about.is_empty()),
            ("nearly", !self.nearly.is_empty()),
            ("at_least", !self.at_least.is_empty()),
            ("up_to", !self.up_to.is_empty()),
            ("event", !self.event.is_empty()),
            ("deadline_for", !self.deadline_for.is_empty()),
            ("object", !self.object.is_empty()),
            ("subject", !self.subject.is_empty()),
            ("predicate", !self.predicate.is_empty()),
            ("deny_with", !self.deny_with.is_empty()),
            ("mode", self.mode.is_some()),
        ];
        let (required, allowed) = (entry.required, entry.allowed);
        for (field, is_present) in present {
            if is_present && !allowed.contains(&field) {
                return Err(ClaimProblem {
                    field,
                    message: format!(
                        "`{field}` does not apply to a {kind} claim (it takes: {})",
                        allowed.join(", ")
                    ),
                });
            }
        }
        for field in required {
            if !present.iter().any(|(f, p)| f == field && *p) {
                let what = match *field {
                    "canonical" => "a `canonical` form".to_string(),
                    _ => format!("at least one entry in `{field}`"),
                };
                return Err(ClaimProblem {
                    field: "kind",
                    message: format!("a {kind} claim needs {what}"),
                });
            }
        }
        Ok(())
    }
}

/// Builds a claim's examples and counterexamples, each located in the YAML (searched for after the claim's id; the
/// claim's own place when the text cannot be found, e.g. because YAML escapes changed it).
pub(super) fn examples(
    file: &RuleFileText,
    id_offset: usize,
    examples: Vec<ExampleSpec>,
    counter: Vec<String>,
) -> Vec<Example> {
    let mut search_from = id_offset;
    let mut locate = |text: &str| {
        let probe: String = text.chars().take(40).collect();
        let found = file
            .text
            .get(search_from..)
            .and_then(|rest| rest.find(&probe))
            .map(|i| search_from + i);
        search_from = found.map_or(search_from, |at| at + probe.len());
        file.origin(found.unwrap_or(id_offset))
    };
    let mut built: Vec<Example> = examples
        .into_iter()
        .map(|e| Example {
            origin: locate(&e.text),
            published: e.published.map(|p| p.0),
            expect: Expectation::Mention(e.value),
            text: e.text,
        })
        .collect();
    built.extend(counter.into_iter().map(|text| Example {
        origin: locate(&text),
        published: None,
        expect: Expectation::NoMention,
        text,
    }));
    built
}

pub(super) fn regexes(patterns: impl IntoIterator<Item = SentencePattern>) -> Vec<Regex> {
    patterns.into_iter().map(|p| p.0).collect()
}

/// A claim id: lowercase letters, digits, `-`, `_` and `.`, so that it is safe in suppressions and fingerprints.
pub(super) struct ClaimId(pub(super) String);

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if valid {
            Ok(ClaimId(id))
        } else {
            Err(serde::de::Error::custom(format!(
                "claim id {id:?} must start with a-z or 0-9 and use only a-z, 0-9, '-', '_' and '.'"
            )))
        }
    }
}

/// A fraction written as a percentage ("10%") or a number (0.1). Read from the scalar itself rather than through a
/// generic YAML value, so that an error points at the value, and an alias to a huge structure is refused at its
/// first event instead of being expanded.
#[derive(Clone, Copy)]
pub(super) struct Fraction(pub(super) f64);

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FractionVisitor)
    }
}

pub(super) struct FractionVisitor;

impl FractionVisitor {
    fn fraction<E: serde::de::Error>(
        &self,
        value: f64,
        unexpected: serde::de::Unexpected,
    ) -> Result<Fraction, E> {
        if (0.0..1.0).contains(&value) {
            Ok(Fraction(value))
        } else {
            Err(E::invalid_value(unexpected, self))
        }
    }
}

impl serde::de::Visitor<'_> for FractionVisitor {
    type Value = Fraction;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a percentage below 100% such as \"10%\", or a fraction such as 0.1")
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Fraction, E> {
        self.fraction(value, serde::de::Unexpected::Float(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Fraction, E> {
        self.fraction(value as f64, serde::de::Unexpected::Signed(value))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Fraction, E> {
        self.fraction(value as f64, serde::de::Unexpected::Unsigned(value))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Fraction, E> {
        let percent = value
            .trim()
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<f64>().ok());
        let unexpected = serde::de::Unexpected::Str(value);
        match percent {
            Some(percent) => self.fraction(percent / 100.0, unexpected),
            None => Err(E::invalid_value(unexpected, &self)),
        }
    }
}

/// A time window such as "6 hours", "180 days", "26 weeks", "6 months" or "1 year" (or "0 days"), held as a number
/// of minutes.
pub(super) struct Window(pub(super) i64);

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_window(&text).map(Window).ok_or_else(|| {
            serde::de::Error::custom(format!("window {text:?} is not a duration such as \"6 hours\", \"180 days\", \"6 months\" or \"1 year\""))
        })
    }
}

pub(super) fn parse_window(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let count: i64 = words.next()?.parse().ok()?;
    let unit = words.next()?.trim_end_matches('s');
    const DAY: i64 = 24 * 60;
    let minutes_per_unit = match unit {
        "minute" => 1,
        "hour" => 60,
        "day" => DAY,
        "week" => 7 * DAY,
        "month" => 30 * DAY,
        "year" => 365 * DAY,
        _ => return None,
    };
    let limit = 1000 * 365 * DAY;
    (words.next().is_none() && count >= 0)
        .then(|| count.checked_mul(minutes_per_unit))
        .flatten()
        .filter(|&minutes| minutes <= limit)
}

/// A publication date as a text states it ("20.05.2024", "May 14, 2024", "2024-05-14").
pub(super) struct PublishedDate(pub(super) Date);

impl<'de> Deserialize<'de> for PublishedDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_publication_date(&text)
            .map(PublishedDate)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "{text:?} is not a date such as \"2024-05-14\" or \"May 14, 2024\""
                ))
            })
    }
}

/// Implements [`JsonSchema`] for a type written in YAML as a string (or, with `number`, also as a number).
macro_rules! string_schema {
    ($type:ty, $name:literal, $description:literal $(, $extra:tt)?) => {
        impl JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                string_schema!(@body $description $(, $extra)?)
            }
        }
    };
    (@body $description:literal) => {
        json_schema!({ "type": "string", "description": $description })
    };
    (@body $description:literal, number) => {
        json_schema!({ "type": ["string", "number"], "description": $description })
    };
}

string_schema!(
    ClaimId,
    "ClaimId",
    "Lowercase letters, digits, '-', '_' and '.'."
);
string_schema!(
    Pattern,
    "Pattern",
    "A case-insensitive regex that cannot match the empty string."
);
string_schema!(
    SentencePattern,
    "Pattern",
    "A case-insensitive regex that cannot match the empty string."
);
string_schema!(
    ValuePattern,
    "ValuePattern",
    "A case-insensitive regex capturing group `value`: use {quantity} or {date}, or write (?P<value>...) with {quantity_phrase} or {date_phrase}."
);
string_schema!(
    Fraction,
    "Fraction",
    "A percentage below 100% (\"10%\") or a fraction (0.1).",
    number
);
string_schema!(
    Window,
    "Window",
    "A duration: \"6 hours\", \"0 days\", \"180 days\", \"26 weeks\", \"6 months\", \"1 year\"."
);
string_schema!(
    PublishedDate,
    "PublishedDate",
    "A date: \"2024-05-14\", \"May 14, 2024\", \"20.05.2024\"."
);

/// The JSON Schema of rule files, for editors (`# yaml-language-server: $schema=...`). The committed copy in
/// `schema/rules.schema.json` is checked against this by a test.
pub fn rules_schema() -> String {
    let schema = schemars::schema_for!(RuleFileSpec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
