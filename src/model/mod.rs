//! Plain data shared by every stage: places in a source, matches, severities, placements, findings and warnings.
//!
//! Nothing here knows how a value is computed or compared: this module imports no other module of the crate, so
//! that every stage can use its types without depending on another stage.

pub mod time;

use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;

/// A place in a source: 1-based line and character column, and characters from the start of the file. Lines,
/// columns and pages are 32-bit (a line or column past four billion is held as the largest one): every mention
/// holds two places, and a dense corpus has millions of mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Characters before the place, from the start of the file.
    pub char_offset: usize,
    /// The 1-based page, in a paged document (a PDF).
    pub page: Option<u32>,
}

/// A count as a line, column or page number of a [`Position`]: the largest one when it does not fit.
pub fn place_number(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// A mention's id as a finding lists it: its index among the check's mentions ([`Finding::mentions`]), in 32
/// bits. Findings list nearly every mention of a check, some several times, so on a dense corpus of millions of
/// mentions these lists are among the largest things a check holds; four billion mentions would not fit in memory
/// anyway (an id past that is held as the largest one). Reports print it as the number it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct MentionId(u32);

impl MentionId {
    /// The id of the mention at `index` among the check's mentions.
    pub fn new(index: usize) -> MentionId {
        MentionId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The mention's index among the check's mentions.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for MentionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How bad a conflict on a claim is; it sets the exit code (only `error` fails a check) and the diagnostic's level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational: shown, never fails a check.
    Note,
    /// Shown, fails a check only under a stricter threshold.
    Warning,
    /// A conflict fails the check (exit code 1).
    Error,
}

impl Severity {
    /// The word a rule file gives it: "error", "warning", "note".
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Whether a mention affirms or denies a polarity claim's proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// The wording asserts the proposition.
    Affirm,
    /// The wording negates it.
    Deny,
}

/// Where a term or quote mention stands among its claim's mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Placement {
    /// Mentions of one group are reported together: one wording of a name, or one quotation.
    pub group: usize,
    /// Mentions of one side say the same thing (the same form, wordings that agree).
    pub side: usize,
    /// True when the mention departs from its reference (a near miss, a confusable, a drifted quotation).
    pub drifted: bool,
}

/// One place in a source where a claim's pattern matched. Offsets are bytes into the source's whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The whole match.
    pub span: Range<usize>,
    /// The words to normalise: the `value` group, or the whole match for polarity claims.
    pub value: Range<usize>,
    /// The sentence around the match, where an as-of date is looked for.
    pub sentence: Range<usize>,
    /// For polarity claims, which list matched; for date claims in words, `Deny` when the event is negated ("will
    /// not begin before Friday"), so that the date's bound is turned.
    pub polarity: Option<Polarity>,
    /// For claims written in words with a `scope`: the scope entry the match's clause names ("remaining", "at Air
    /// Base 101"); such a mention is reconciled only with mentions of the same scope.
    pub scope: Option<String>,
}

/// Something the user should know that is not a finding: a source that could not be read, a phrase that could not
/// be normalised or anchored.
#[derive(Debug, Clone)]
pub struct Warning {
    /// What kind of warning it is, so that reports can count them by kind.
    pub kind: WarningKind,
    /// The source's path.
    pub path: String,
    /// Where in the source, when the warning is about a place: the bytes, and where they start.
    pub place: Option<(Range<usize>, Position)>,
    /// What happened.
    pub message: String,
}

/// The kinds of warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// A source that could not be read.
    Skipped,
    /// A match whose words do not read as a value of its claim's kind.
    Unparsed,
    /// A date that cannot be anchored (a weekday in a source with no publication date).
    Unanchored,
    /// A `factlint-ignore` marker that silences nothing.
    UnusedSuppression,
}

impl WarningKind {
    /// The kind for people, singular and plural: ("source skipped", "sources skipped").
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            WarningKind::Skipped => ("source skipped", "sources skipped"),
            WarningKind::Unparsed => (
                "match that does not read as a value",
                "matches that do not read as a value",
            ),
            WarningKind::Unanchored => ("date not anchored", "dates not anchored"),
            WarningKind::UnusedSuppression => ("unused suppression", "unused suppressions"),
        }
    }
}

/// What a finding says about its mentions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Incompatible values at the same time.
    Conflict,
    /// Incompatible values whose as-of dates lie further apart than the claim's window.
    Change,
    /// Compatible values (or a single mention).
    Agreement,
    /// Mentions of a claim that follows time, from sources without a publication date and placed in time by no
    /// date phrase of their own, that conflict with nothing in their own source: they are compared only within
    /// their source, since nothing says when they hold.
    Undated,
}

impl FindingKind {
    /// True for the findings that say mentions differ (a conflict, a change over time); agreements and undated
    /// mentions are the rest of a claim.
    pub fn disputes(self) -> bool {
        matches!(self, FindingKind::Conflict | FindingKind::Change)
    }
}

/// A group of mentions of one claim and what they say together.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the claim in the rule set.
    pub claim: usize,
    /// Conflict, change or agreement.
    pub kind: FindingKind,
    /// The claim's severity for conflicts; `note` for changes and agreements.
    pub severity: Severity,
    /// One line that says what was found.
    pub message: String,
    /// Every mention of the finding (mention ids), in corpus order.
    pub mentions: Vec<MentionId>,
    /// The mentions grouped by value, each side in corpus order, sides in order of first appearance.
    pub sides: Vec<Vec<MentionId>>,
    /// Mentions of the claim outside this finding that are compatible with all of its sides (conflicts only):
    /// figures vague enough to support either side.
    pub compatible: Vec<MentionId>,
    /// When the lists above hold only the first of their mentions in corpus order (a draft's finding against a
    /// large corpus), how many each stands for; `None` when they are complete.
    pub totals: Option<Totals>,
}

/// How many mentions the lists of a shortened finding stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Mentions of the finding, of which `mentions` lists the first.
    pub mentions: usize,
    /// Mentions of each side, in the order of `sides`.
    pub sides: Vec<usize>,
    /// Compatible mentions, of which `compatible` lists the first.
    pub compatible: usize,
}

/// A value that could not be computed from a match: the mention is dropped and the reason is reported as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    /// The words that did not normalise.
    pub text: String,
}
